"""Read ``--units-map``: which unit names of earlier years are which units now.

CSV with a header, columns ``from`` and ``to`` (also ``old``/``new`` or ``unit_lama``/
``unit_baru``) and an optional ``year`` (``tahun``) limiting a row to that year's file::

    from,to,year
    Biro Organisasi dan Tata Laksana,Biro Organisasi,2022
    Bagian Umum,Biro Umum,
    Bagian Perlengkapan,Biro Umum,

Two units of one year mapped to the same name are merged for the comparison.
"""

from __future__ import annotations

import csv
from pathlib import Path

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.model.comparison import UnitRename
from berakhlak_cli.model.personal_data import quote_cell
from berakhlak_cli.model.years import parse_year, year_hint
from berakhlak_cli.scoring.normalize import normalize

FROM_NAMES = ("from", "old", "unit_lama", "dari", "lama")
TO_NAMES = ("to", "new", "unit_baru", "menjadi", "baru")
YEAR_NAMES = ("year", "tahun")


def _find(head: list[str], names: tuple[str, ...]) -> int | None:
    return next((i for i, h in enumerate(head) if normalize(h) in names), None)


def load_units_map(path: Path) -> tuple[UnitRename, ...]:
    """Every rename row; a malformed row is a ``UnitsError`` naming the file, row and column."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnitsError(f"{source}: file not found") from None
    except UnicodeDecodeError as exc:
        raise UnitsError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UnitsError(f"{source}: {exc.strerror}") from None
    lines = text.splitlines()
    if not lines:
        raise UnitsError(f"{source}: the file is empty")
    try:
        delimiter = csv.Sniffer().sniff(lines[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    head = rows[0]
    col_from, col_to, col_year = (_find(head, n) for n in (FROM_NAMES, TO_NAMES, YEAR_NAMES))
    if col_from is None or col_to is None:
        raise UnitsError(
            f"{source}: row 1: need columns 'from' and 'to' (optional 'year'); found "
            f"{', '.join(map(quote_cell, head))}"
        )
    out: list[UnitRename] = []
    seen: dict[tuple[str, int | None], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(head) - len(row))
        old, new = (" ".join(cells[c].split()) for c in (col_from, col_to))
        for col, value in ((col_from, old), (col_to, new)):
            if not value:
                raise UnitsError(f"{source}: row {number}: column {head[col]!r}: empty unit name")
        year = None
        if col_year is not None and (raw := cells[col_year].strip()):
            year = parse_year(raw)
            if year is None:
                where = f"{source}: row {number}: column {head[col_year]!r}"
                raise UnitsError(f"{where}: {quote_cell(raw)!r} is not a year ({year_hint()})")
        key = (normalize(old), year)
        if key in seen:
            unit = quote_cell(old)
            raise UnitsError(
                f"{source}: row {number}: unit {unit!r} is already mapped on row {seen[key]}"
            )
        seen[key] = number
        out.append(UnitRename(old, new, year, number))
    return tuple(out)
