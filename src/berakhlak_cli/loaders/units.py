"""Read ``units.csv``: each unit's name and headcount (for eligibility and coverage)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.model.personal_data import looks_personal, quote_cell
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.normalize import normalize

MAX_BYTES = 16 << 20
"""A units file lists units, not respondents: 16 MiB is far beyond any real one."""
_GROUPED = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")
HEADCOUNT_NAMES = ("headcount", "jumlah_pegawai", "jumlah pegawai", "jumlah asn", "pegawai", "n")


def load_units(path: Path, rubric: Rubric) -> dict[str, int]:
    """Unit name -> headcount; every malformed row is an error naming its row and column."""
    source = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise UnitsError(f"{source}: file not found") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnitsError(f"{source}: line {line}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UnitsError(f"{source}: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UnitsError(f"{source}: larger than {MAX_BYTES >> 20} MiB; is this a units file?")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UnitsError(f"{source}: line {line}: contains NUL bytes, not CSV text")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = _rows(text, delimiter, source)
    if not rows:
        raise UnitsError(f"{source}: the file is empty")
    head = [normalize(h) for h in rows[0]]
    spec = rubric.columns.unit
    unit_names = {normalize(n) for n in (spec.name, *spec.aliases, "unit", "nama_unit")}
    unit_col = next((i for i, h in enumerate(head) if h in unit_names), None)
    count_col = next((i for i, h in enumerate(head) if h in HEADCOUNT_NAMES), None)
    if unit_col is None or count_col is None:
        found = ", ".join(map(quote_cell, rows[0]))
        raise UnitsError(
            f"{source}: row 1: need a unit column ({spec.name}) and a headcount column "
            f"(one of: {', '.join(HEADCOUNT_NAMES[:4])}); found {found}"
        )
    out: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(unit_col, count_col):
            raise UnitsError(
                f"{source}: row {number}: expected {len(rows[0])} fields, found {len(row)}"
            )
        name = " ".join(row[unit_col].split())
        raw = row[count_col].strip()
        # NOTE: "1.234" / "1,234" are thousands (Indonesian and English); "12.5" is not a count.
        raw = raw.replace(".", "").replace(",", "") if _GROUPED.fullmatch(raw) else raw
        if not name:
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][unit_col]!r}: empty unit name"
            )
        if not (raw.isascii() and raw.isdigit()):
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][count_col]!r}: headcount "
                f"{quote_cell(row[count_col])!r} is not a whole number"
            )
        if kind := looks_personal(name):
            # NOTE: unit names become labels (evidence template, coverage); a NIP is not one.
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][unit_col]!r}: unit "
                f"{quote_cell(name)!r} looks like personal data ({kind}), not a unit name"
            )
        if normalize(name) in {normalize(k) for k in out}:
            raise UnitsError(f"{source}: row {number}: unit {quote_cell(name)!r} is listed twice")
        out[name] = int(raw)
    return out


def _rows(text: str, delimiter: str, source: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as exc:
        raise UnitsError(
            f"{source}: row {len(rows) + 1} (line {reader.line_num}): {exc}; check for an "
            "unbalanced quote"
        ) from None
    return rows
