"""Excel and ODS surveys through python-calamine (Rust; reads .xlsx/.xls/.ods fast)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from berakhlak_cli.errors import SurveyError

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]


def cell_text(value: Any) -> str:
    """Excel cell -> the text a user sees (4.0 -> "4", dates in ISO form, empty -> "")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def excel_reader(path: Path, source: str, sheet: str | None) -> tuple[list[str], Reader, list[str]]:
    """(header, reader, warnings) for a workbook sheet (the first one unless ``sheet``)."""
    from python_calamine import CalamineWorkbook

    head = path.read_bytes()[:8]
    if not head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        raise SurveyError(
            f"{source}: is not an Excel workbook (no zip/OLE signature); if it is CSV text, "
            "rename it to .csv"
        )
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine raises several untyped errors
        raise SurveyError(
            f"{source}: cannot open the workbook ({str(exc).splitlines()[0]}); is it "
            "password-protected or damaged?"
        ) from None
    warnings: list[str] = []
    if sheet is None:
        if not names:
            raise SurveyError(f"{source}: the workbook has no sheets")
        sheet = names[0]
        if len(names) > 1:
            warnings.append(
                f"{source}: the workbook has {len(names)} sheets ({', '.join(names)}); read "
                f"{sheet!r}. Use --sheet to choose another."
            )
    elif sheet not in names:
        raise SurveyError(f"{source}: no sheet {sheet!r} (sheets: {', '.join(names)})")
    try:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001 - calamine raises several untyped errors
        raise SurveyError(f"{source}: sheet {sheet!r}: {str(exc).splitlines()[0]}") from None
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
