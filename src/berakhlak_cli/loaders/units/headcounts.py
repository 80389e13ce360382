"""Read ``units.csv``: each unit's name and headcount (for eligibility and coverage)."""

from __future__ import annotations

import re
from pathlib import Path

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.loaders.files.small_files import shown
from berakhlak_cli.loaders.files.small_table import Warn, read_small_table
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import looks_personal, quote_cell
from berakhlak_cli.model.rubric import Rubric

MAX_BYTES = 16 << 20
"""A units file lists units, not respondents: 16 MiB is far beyond any real one."""
MAX_DIGITS = 9
"""No unit has a billion staff; a longer number is some other column (and ``int`` would refuse
more than 4 300 digits)."""
_GROUPED = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")
HEADCOUNT_NAMES = ("headcount", "jumlah_pegawai", "jumlah pegawai", "jumlah asn", "pegawai", "n")


def headcount_digits(cell: str) -> str:
    """A headcount cell with its thousands separators removed ("1.234" and "1,234" are
    thousands, Indonesian and English; "12.5" is left as it is, and is not a count)."""
    raw = cell.strip()
    return raw.replace(".", "").replace(",", "") if _GROUPED.fullmatch(raw) else raw


def units_rows(path: Path, warn: Warn | None = None) -> list[list[str]]:
    """The rows of a units file (header first), read as every small table is
    (``loaders.small_table``; the cp1252 fallback goes to ``warn``), or an error naming the line."""
    source = str(path)
    table = read_small_table(path, MAX_BYTES, UnitsError, "a units file", warn=warn)
    rows = table.rows(UnitsError, "a units file", strict=True)
    if not rows:
        raise UnitsError(f"{source}: the file is empty")
    return rows


def load_units(path: Path, rubric: Rubric, *, warn: Warn | None = None) -> dict[str, int]:
    """Unit name -> headcount; every malformed row is an error naming its row and column."""
    source = str(path)
    rows = units_rows(path, warn)
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
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(unit_col, count_col):
            raise UnitsError(
                f"{source}: row {number}: expected {len(rows[0])} fields, found {len(row)}"
            )
        name = " ".join(row[unit_col].split())
        raw = headcount_digits(row[count_col])
        if not name:
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][unit_col]!r}: empty unit name"
            )
        if not (raw.isascii() and raw.isdigit()):
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][count_col]!r}: headcount "
                f"{shown(row[count_col])} is not a whole number"
            )
        if kind := looks_personal(name):
            # NOTE: unit names become labels (evidence template, coverage); a NIP is not one.
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][unit_col]!r}: unit "
                f"{quote_cell(name)!r} looks like personal data ({kind}), not a unit name"
            )
        if len(raw.lstrip("0")) > MAX_DIGITS:
            raise UnitsError(
                f"{source}: row {number}: column {rows[0][count_col]!r}: headcount "
                f"{shown(row[count_col])} has more than {MAX_DIGITS} digits; is this a headcount?"
            )
        if normalize(name) in seen:
            raise UnitsError(f"{source}: row {number}: unit {quote_cell(name)!r} is listed twice")
        seen.add(normalize(name))
        out[name] = int(raw)
    return out
