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
from berakhlak_cli.model.personal_data import mask_header

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]


SIGNIFICANT_DIGITS = 15
"""A spreadsheet keeps a number to 15 significant digits (Excel drops the rest as it is typed)."""


def _header(rows: list[list[Any]]) -> list[str]:
    return [cell_text(c) for c in rows[0]] if rows else []


def _digits_lost(value: Any) -> bool:
    """A whole number of more than 15 digits: stored as a number, its last digits are gone (an
    18-digit NIP typed into a number cell), so two people's ids may read the same."""
    return isinstance(value, float) and value.is_integer() and abs(value) >= 10**SIGNIFICANT_DIGITS


_SAMPLE_ROWS = 100


def _lost_digit_warnings(source: str, header: list[str], body: list[list[Any]]) -> list[str]:
    """One warning per column holding such numbers among its first rows (counted over every
    row): an id column is filled one way throughout, and scanning every cell of a large sheet
    in Python would cost a third of a second per 60 000 rows. ``read`` nulls every such id,
    whether or not it was warned about."""
    suspects = {
        c for row in body[:_SAMPLE_ROWS] for c, value in enumerate(row) if _digits_lost(value)
    }
    lost = {
        c: n
        for c in suspects
        if (n := sum(1 for row in body if c < len(row) and _digits_lost(row[c])))
    }
    return [
        f"{source}: column {mask_header(header[c]) if c < len(header) else c + 1!r} holds {n} "
        f"numbers of more than {SIGNIFICANT_DIGITS} digits; a workbook keeps only "
        f"{SIGNIFICANT_DIGITS}, so their last digits are lost and, as respondent ids, they are "
        "not checked for repeats. Store the column as text."
        for c, n in sorted(lost.items())
    ]


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
    # NOTE: sheet names are typed by a person too; messages quote them masked (mask_header).
    shown = {n: mask_header(n) for n in names}
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
            listed = ", ".join(repr(shown[n]) for n, _ in fits)
            raise SurveyError(
                f"{source}: sheets {listed} all hold the survey items; choose one with --sheet"
            )
        if fits:
            first, (chosen, rows) = chosen, fits[0]
            warnings.append(
                f"{source}: read sheet {shown[chosen]!r}: the first sheet {shown[first]!r} holds "
                f"no survey items (sheets: {', '.join(shown.values())})"
            )
            others = [n for n in names if n != chosen]
            searched = False
    elif sheet is None and others:
        warnings.append(
            f"{source}: the workbook has {len(names)} sheets ({', '.join(shown.values())}); "
            f"read {shown[chosen]!r}. Use --sheet to choose another."
        )
    where = f"sheet {shown[chosen]!r}"
    if others:
        listed = ", ".join(repr(shown[n]) for n in others)
        where += f" (other sheets: {listed}{'; none holds the items' if searched else ''})"
    sheet = chosen
    while rows and not any(cell_text(c) for c in rows[-1]):
        rows.pop()
    if not rows:
        raise SurveyError(f"{source}: sheet {shown[sheet]!r} is empty")
    header = [cell_text(c) for c in rows[0]]
    body = rows[1:]
    warnings += _lost_digit_warnings(source, header, body)

    def read(columns: list[int], plain: frozenset[int] = frozenset()) -> Iterator[pa.RecordBatch]:
        # NOTE: ``plain`` is the respondent id: an id whose digits were lost reads as no id, so
        # people whose NIPs share their first 15 digits are not dropped as one repeated person.
        arrays = [
            pa.array(
                [
                    "" if c >= len(r) or (c in plain and _digits_lost(r[c])) else cell_text(r[c])
                    for r in body
                ],
                pa.string(),
            )
            for c in columns
        ]
        yield pa.RecordBatch.from_arrays(arrays, names=[f"c{c}" for c in columns])

    return header, read, warnings, where
