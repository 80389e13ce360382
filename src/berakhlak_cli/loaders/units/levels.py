"""Read a units file for a run with levels: one row per group of any level, with its headcount.

Columns: ``level`` (the level's column name), one column per level holding the group's path
(outermost first; the parts below the row's level left blank) and a headcount column (the
names ``loaders.units`` accepts). Example::

    level,instansi,unit_kerja,headcount
    instansi,Kementerian A,,1200
    unit_kerja,Kementerian A,Biro Umum,140
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.loaders.files.small_files import shown
from berakhlak_cli.loaders.units.headcounts import (
    HEADCOUNT_NAMES,
    MAX_DIGITS,
    headcount_digits,
    units_rows,
)
from berakhlak_cli.model.levels import level_headcount_key
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import looks_personal, quote_cell


def has_level_column(path: Path) -> bool:
    """True when the units file's header has a ``level`` column."""
    return "level" in {normalize(h) for h in units_rows(path)[0]}


def load_level_units(path: Path, levels: Sequence[str]) -> dict[tuple[str, ...], int]:
    """Group path (``level_headcount_key``) -> headcount; a bad row is an error naming it."""
    source = str(path)
    rows = units_rows(path)
    head = [normalize(h) for h in rows[0]]
    wanted = ["level", *(normalize(c) for c in levels)]
    missing = [name for name in wanted if name not in head]
    count_col = next((i for i, h in enumerate(head) if h in HEADCOUNT_NAMES), None)
    if missing or count_col is None:
        found = ", ".join(map(quote_cell, rows[0]))
        need = ", ".join(["level", *levels, "headcount"])
        raise UnitsError(f"{source}: row 1: need the columns {need}; found {found}")
    level_col = head.index("level")
    path_cols = [head.index(normalize(c)) for c in levels]
    depth_of = {normalize(c): d + 1 for d, c in enumerate(levels)}
    out: dict[tuple[str, ...], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(rows[0]):
            raise UnitsError(
                f"{source}: row {number}: expected {len(rows[0])} fields, found {len(row)}"
            )
        where = f"{source}: row {number}: column"
        depth = depth_of.get(normalize(row[level_col]))
        if depth is None:
            raise UnitsError(
                f"{where} {rows[0][level_col]!r}: level {quote_cell(row[level_col])!r} is not "
                f"one of {', '.join(levels)}"
            )
        parts = [" ".join(row[c].split()) for c in path_cols[:depth]]
        for c, part in zip(path_cols, parts, strict=False):
            if not part:
                raise UnitsError(f"{where} {rows[0][c]!r}: empty name")
            if kind := looks_personal(part):
                raise UnitsError(
                    f"{where} {rows[0][c]!r}: {quote_cell(part)!r} looks like personal data "
                    f"({kind}), not a group name"
                )
        raw = headcount_digits(row[count_col])
        if not (raw.isascii() and raw.isdigit()) or len(raw.lstrip("0")) > MAX_DIGITS:
            raise UnitsError(
                f"{where} {rows[0][count_col]!r}: headcount {shown(row[count_col])} is not a "
                "whole number"
            )
        key = level_headcount_key(parts)
        if key in out:
            raise UnitsError(f"{source}: row {number}: {' / '.join(parts)!r} is listed twice")
        out[key] = int(raw)
    return out
