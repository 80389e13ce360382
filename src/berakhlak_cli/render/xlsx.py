"""Excel workbooks (one sheet per table) for analysts who continue in Excel.

Cells are formula-safe: every text cell is stored as text, never as a formula, and text that
Excel would run as one when retyped (starting with ``= + - @``) gets Excel's own quote prefix,
so ``=HYPERLINK(...)`` in a unit name stays inert text; control and bidirectional characters
are neutralised as in every output (``render.cell_text``). Numbers are stored as numbers with a
one-decimal display format, so Excel shows them in the reader's own locale (76,3 or 76.3).

The file is byte-identical for identical input: the document dates are the results'
``generated_at`` and the zip entries carry a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from berakhlak_cli.model.results import Issue, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.cell_text import is_formula_like, spreadsheet_text
from berakhlak_cli.render.issues.lines import more_line
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.table_rows import row_level

Cell = str | float | int | None
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: optional banner lines (warnings), a header row and data rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    banner: Sequence[str] = ()
    number_format: str = "0.0"


def _when(generated_at: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(generated_at)
    except ValueError:
        return dt.datetime(1980, 1, 1)
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def set_text(cell: Any, value: str) -> None:
    """Store ``value`` in an openpyxl cell as inert text (never a formula; quote-prefixed when
    Excel would run it if retyped)."""
    # NOTE: control characters are not allowed in xlsx XML (openpyxl would raise);
    # ``spreadsheet_text`` turns them into spaces and drops bidirectional controls.
    text = spreadsheet_text(value)
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def _write(ws: object, row: int, col: int, value: Cell, number_format: str) -> None:
    cell = ws.cell(row=row, column=col)  # type: ignore[attr-defined]
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = number_format
    else:
        cell.value = value


def render_xlsx(sheets: Sequence[Sheet], generated_at: str) -> bytes:
    """The workbook as bytes (deterministic, see module docstring)."""
    # imported here: the table, CSV and Markdown renderers import this module for ``Sheet``
    # and ``Cell``, and openpyxl costs them 0,08 s (issue #16)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sheet in sheets:
        title = _BAD_TITLE.sub(" ", sheet.title)[:31] or "Sheet"
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        ws = wb.create_sheet(title)
        row = 1
        for line in sheet.banner:
            _write(ws, row, 1, line, sheet.number_format)
            ws.cell(row=row, column=1).font = Font(bold=True, color="C00000")
            row += 1
        if sheet.banner:
            row += 1
        for col, name in enumerate(sheet.header, start=1):
            _write(ws, row, col, name, sheet.number_format)
            ws.cell(row=row, column=col).font = Font(bold=True)
        ws.freeze_panes = ws.cell(row=row + 1, column=2)
        for values in sheet.rows:
            row += 1
            for col, value in enumerate(values, start=1):
                _write(ws, row, col, value, sheet.number_format)
        ws.column_dimensions["A"].width = max(
            [12, *(len(str(r[0])) + 2 for r in sheet.rows if r and r[0] is not None)]
        )
    when = _when(generated_at)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "berakhlak-cli"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _normalise_zip(buffer.getvalue(), when)


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Fixed entry timestamps and ``modified`` date (openpyxl stamps both with the clock)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    payload,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, payload)
    return out.getvalue()


def score_sheets(
    sheet: Scoresheet, rubric: Rubric, lang: Lang, *, gaps: bool = False
) -> list[Sheet]:
    """``score`` as a workbook: the results table, the data issues (the bounded sample) and,
    with ``gaps``, the evidence gap report in its long form (``render.gaps.gap_records``)."""
    value_ids = [v.id for v in rubric.values]
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    head = [*sheet.group_by, "level", word("respondents", lang)]
    head += [v.code for v in rubric.values] + [word("index", lang)]
    if has_evidence:
        head += [word("evidence", lang), word("combined", lang)]
    head += [word("category", lang), "headcount", "min_respondents", "eligible", "withheld"]
    rows: list[list[Cell]] = []
    for g in (*sheet.groups, sheet.institution):
        key: list[Cell] = list(g.key) if g.key else [word("institution", lang)]
        key += [""] * (len(sheet.group_by) - len(key))
        row: list[Cell] = [*key, row_level(g, sheet), g.respondents]
        row += [s.rounded if (s := g.values.get(v)) else None for v in value_ids]
        row.append(g.index.rounded if g.index else None)
        if has_evidence:
            row += [g.evidence.rounded if g.evidence else None]
            row += [g.combined.rounded if g.combined else None]
        head_score = g.headline
        band = rubric.band_for(head_score.band) if head_score and head_score.band else None
        row.append(f"{band.code} {band.label.get(lang)}" if band else None)
        row += [g.headcount, g.min_respondents, None if g.eligible is None else str(g.eligible)]
        row.append(g.withheld)
        rows.append(row)
    title = "Hasil" if lang == Lang.ID else "Results"
    issues_title = "Masalah data" if lang == Lang.ID else "Data issues"
    listed: list[list[Cell]] = [_issue_row(i) for i in sheet.issues]
    if sheet.issue_total > len(sheet.issues):
        # NOTE: the sheet lists the bounded sample; the last row says how many are not shown.
        more = more_line(sheet.issue_total - len(sheet.issues), False, lang)
        listed.append([None, None, None, None, None, None, None, more])
    sheets = [
        Sheet(title, head, rows),
        Sheet(
            issues_title,
            ["code", "source", "row", "column", "value", "group", "excluded", "message"],
            listed,
        ),
    ]
    if gaps:
        from berakhlak_cli.render.evidence.gaps import gap_records, gaps_title

        gap_head, gap_rows = gap_records(sheet)
        sheets.append(Sheet(gaps_title(lang), gap_head, gap_rows))
    return sheets


def _issue_row(issue: Issue) -> list[Cell]:
    return [
        issue.code.value,
        issue.source,
        issue.row,
        issue.column,
        issue.value,
        issue.group,
        str(issue.excluded).lower(),
        issue.message,
    ]
