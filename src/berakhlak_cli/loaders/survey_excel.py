"""Excel and ODS surveys through python-calamine (Rust; reads .xlsx/.xls/.ods fast)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.workbook import cell_text, read_sheet

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]


def excel_reader(path: Path, source: str, sheet: str | None) -> tuple[list[str], Reader, list[str]]:
    """(header, reader, warnings) for a workbook sheet (the first one unless ``sheet``)."""
    rows, chosen, names = read_sheet(path, source, sheet, SurveyError)
    warnings: list[str] = []
    if sheet is None and len(names) > 1:
        warnings.append(
            f"{source}: the workbook has {len(names)} sheets ({', '.join(names)}); read "
            f"{chosen!r}. Use --sheet to choose another."
        )
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

    return header, read, warnings
