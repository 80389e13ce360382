"""Excel and ODS surveys through python-calamine (Rust; reads .xlsx/.xls/.ods fast).

Without ``--sheet`` the first sheet is read, unless it does not hold the survey items and
exactly one other sheet does (a Google Forms workbook often opens with ``Petunjuk``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.files.workbook import cell_text, read_sheet

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]


def _header(rows: list[list[Any]]) -> list[str]:
    return [cell_text(c) for c in rows[0]] if rows else []


def excel_reader(
    path: Path,
    source: str,
    sheet: str | None,
    holds_items: Callable[[list[str]], bool] = lambda _: True,
) -> tuple[list[str], Reader, list[str], str]:
    """(header, reader, warnings, where) for a workbook sheet; ``where`` names the sheet read
    and the others, for error messages. ``holds_items(header)`` decides whether a sheet is the
    survey when the first one is not."""
    rows, chosen, names = read_sheet(path, source, sheet, SurveyError)
    warnings: list[str] = []
    others = [n for n in names if n != chosen]
    searched = sheet is None and bool(others) and not holds_items(_header(rows))
    if searched:
        fits = []
        for name in others:
            candidate = read_sheet(path, source, name, SurveyError)[0]
            if holds_items(_header(candidate)):
                fits.append((name, candidate))
        if len(fits) > 1:
            listed = ", ".join(repr(n) for n, _ in fits)
            raise SurveyError(
                f"{source}: sheets {listed} all hold the survey items; choose one with --sheet"
            )
        if fits:
            first, (chosen, rows) = chosen, fits[0]
            warnings.append(
                f"{source}: read sheet {chosen!r}: the first sheet {first!r} holds no survey "
                f"items (sheets: {', '.join(names)})"
            )
            others = [n for n in names if n != chosen]
            searched = False
    elif sheet is None and others:
        warnings.append(
            f"{source}: the workbook has {len(names)} sheets ({', '.join(names)}); read "
            f"{chosen!r}. Use --sheet to choose another."
        )
    where = f"sheet {chosen!r}"
    if others:
        listed = ", ".join(repr(n) for n in others)
        where += f" (other sheets: {listed}{'; none holds the items' if searched else ''})"
    sheet = chosen
    while rows and not any(cell_text(c) for c in rows[-1]):
        rows.pop()
    if not rows:
        raise SurveyError(f"{source}: sheet {sheet!r} is empty")
    header = [cell_text(c) for c in rows[0]]
    body = rows[1:]

    def read(columns: list[int], plain: frozenset[int] = frozenset()) -> Iterator[pa.RecordBatch]:
        arrays = [
            pa.array([cell_text(r[c]) if c < len(r) else "" for r in body], pa.string())
            for c in columns
        ]
        yield pa.RecordBatch.from_arrays(arrays, names=[f"c{c}" for c in columns])

    return header, read, warnings, where
