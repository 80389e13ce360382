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

import re
from pathlib import Path

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.loaders.files.small_files import shown
from berakhlak_cli.loaders.files.small_table import Warn, read_small_table
from berakhlak_cli.model.comparison import UnitRename
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import quote_cell
from berakhlak_cli.model.years import parse_year, year_hint

FROM_NAMES = ("from", "old", "unit_lama", "dari", "lama")
TO_NAMES = ("to", "new", "unit_baru", "menjadi", "baru")
YEAR_NAMES = ("year", "tahun")
MAX_BYTES = 16 << 20
"""A units map lists renamed units, a few hundred rows at most: 16 MiB is far beyond any."""
YEAR = re.compile(r"[0-9]{4}")
"""ASCII digits only: ``str.isdigit`` also accepts ``²`` and other digits ``int`` refuses."""


def _find(head: list[str], names: tuple[str, ...]) -> int | None:
    return next((i for i, h in enumerate(head) if normalize(h) in names), None)


def load_units_map(path: Path, *, warn: Warn | None = None) -> tuple[UnitRename, ...]:
    """Every rename row; a malformed row is a ``UnitsError`` naming the file, row and column.

    Read as every small table is (``loaders.small_table``); the cp1252 fallback goes to ``warn``.
    """
    source = str(path)
    table = read_small_table(path, MAX_BYTES, UnitsError, "a units map", warn=warn)
    rows = table.rows(UnitsError, "a units map")
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
                raise UnitsError(f"{where}: {shown(raw)} is not a year ({year_hint()})")
        key = (normalize(old), year)
        if key in seen:
            unit = quote_cell(old)
            raise UnitsError(
                f"{source}: row {number}: unit {unit!r} is already mapped on row {seen[key]}"
            )
        seen[key] = number
        out.append(UnitRename(old, new, year, number))
    return tuple(out)
