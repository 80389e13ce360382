"""Open a workbook sheet with python-calamine (Rust; .xlsx, .xls, .xlsb, .ods) for any loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from berakhlak_cli.errors import BerakhlakError
from berakhlak_cli.model.personal_data import mask_header, mask_personal

WORKBOOK_SIGNATURES = (b"PK", b"\xd0\xcf\x11\xe0")
"""Zip (xlsx, ods) and OLE (xls, encrypted xlsx) containers."""


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


def read_sheet(
    path: Path, source: str, sheet: str | None, error: type[BerakhlakError]
) -> tuple[list[list[Any]], str, list[str]]:
    """(rows as Python values, the sheet read, every sheet name); problems raise ``error``.

    The first sheet is read unless ``sheet`` names another.
    """
    from python_calamine import CalamineWorkbook

    from berakhlak_cli.loaders.files.workbook_limits import check_range, check_workbook

    with path.open("rb") as fh:
        head = fh.read(8)
    if not head.startswith(WORKBOOK_SIGNATURES):
        raise error(
            f"{source}: is not an Excel workbook (no zip/OLE signature); if it is CSV text, "
            "rename it to .csv"
        )
    check_workbook(path, source, error)
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine raises several untyped errors
        raise error(
            f"{source}: cannot open the workbook ({str(exc).splitlines()[0]}); is it "
            "password-protected or damaged?"
        ) from None
    if not names:
        raise error(f"{source}: the workbook has no sheets")
    if sheet is not None and sheet not in names:
        shown = ", ".join(map(mask_header, names))
        raise error(f"{source}: no sheet {mask_header(sheet)!r} (sheets: {shown})")
    chosen = sheet or names[0]
    try:
        chosen_sheet = book.get_sheet_by_name(chosen)
        end = chosen_sheet.end
        # NOTE: skip_empty_area=False pads the grid from A1 to the range's last cell.
        check_range(end[0] + 1 if end else 0, end[1] + 1 if end else 0, source, error)
        rows = chosen_sheet.to_python(skip_empty_area=False)
    except BerakhlakError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine raises several untyped errors
        raise error(
            f"{source}: sheet {mask_header(chosen)!r}: {mask_personal(str(exc).splitlines()[0])}"
        ) from None
    return rows, chosen, names
