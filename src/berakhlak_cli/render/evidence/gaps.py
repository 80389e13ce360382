"""The gap report (``score --gaps``) as a terminal table, Markdown table or long-format CSV.

One row per unmet evidence item, largest gain first, under a header row per unit giving its
published combined index and what it needs to reach the next band. Points are the gain in the
unit's combined index if the item were fully met (docs/method-evidence.md).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from berakhlak_cli.model.evidence import EvidenceGap, UnitGaps
from berakhlak_cli.model.results import Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.cell_text import markdown_cell, safe_cell, visible
from berakhlak_cli.render.language.number import fmt_number
from berakhlak_cli.render.language.words import word


@dataclass(frozen=True)
class GapLine:
    """One display line: unit cells (first line of a unit only) and item cells."""

    unit: str
    combined: str
    next_band: str
    evidence: str
    answer: str
    score: str
    points: str
    first: bool


def _next_text(unit: UnitGaps, decimals: int, lang: Lang) -> str:
    if unit.combined is None:
        return word("no_evidence", lang) if unit.no_evidence else "—"
    if unit.next_band is None or unit.to_next_band is None:
        return word("top_band", lang)
    return word(
        "to_band", lang, points=fmt_number(unit.to_next_band, decimals, lang), band=unit.next_band
    )


def _item_cells(gap: EvidenceGap, decimals: int, lang: Lang) -> tuple[str, str, str, str]:
    answer = gap.answer if gap.answer else word("not_provided", lang)
    # NOTE: one more decimal than published: items worth 0.56 and 0.5 points should differ.
    points = fmt_number(gap.points, decimals + 1, lang) if gap.points is not None else "—"
    return gap.evidence_id, answer, fmt_number(gap.score, decimals, lang), points


def gap_lines(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> list[GapLine]:
    """Display lines of the gap report, unit by unit (in result order)."""
    decimals = rubric.rounding.decimals
    lines: list[GapLine] = []
    for unit in sheet.gaps:
        head = (
            unit.unit,
            fmt_number(unit.combined, decimals, lang),
            _next_text(unit, decimals, lang),
        )
        if not unit.items:
            lines.append(GapLine(*head, word("all_met", lang), "", "", "", True))
            continue
        for pos, gap in enumerate(unit.ranked):
            cells = head if pos == 0 else ("", "", "")
            lines.append(GapLine(*cells, *_item_cells(gap, decimals, lang), pos == 0))
    return lines


def _titles(lang: Lang) -> tuple[str, ...]:
    keys = ("unit", "combined", "gaps_next", "evidence", "answer", "score", "gaps_points")
    return tuple(word(k, lang) for k in keys)


def _cells(line: GapLine) -> tuple[str, ...]:
    return (
        line.unit,
        line.combined if line.first else "",
        line.next_band,
        line.evidence,
        line.answer,
        line.score,
        line.points,
    )


def render_gaps_table(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> RenderableType:
    """The gap report as a rich table with a one-line explanation under it."""
    table = Table(title=word("gaps_title", lang), title_justify="left", header_style="bold")
    for pos, title in enumerate(_titles(lang)):
        numeric = pos in (1, 5, 6)
        table.add_column(escape(title), justify="right" if numeric else "left", no_wrap=numeric)
    for line in gap_lines(sheet, rubric, lang):
        if line.first and table.row_count:
            table.add_section()
        table.add_row(*(Text(visible(c)) for c in _cells(line)))
    return Group(table, Text(word("gaps_note", lang), style="dim"))


def render_gaps_markdown(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> str:
    """The gap report as a Markdown table (a heading, the table, the explanation)."""
    titles = _titles(lang)
    out = [f"### {word('gaps_title', lang)}", "", "| " + " | ".join(titles) + " |"]
    out.append("| --- | ---: | --- | --- | --- | ---: | ---: |")
    for line in gap_lines(sheet, rubric, lang):
        cells = [markdown_cell(c) for c in _cells(line)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join([*out, "", word("gaps_note", lang)]) + "\n"


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def gaps_title(lang: Lang) -> str:
    """The heading of the gap report (also the worksheet name with ``-f xlsx``)."""
    return word("gaps_title", lang)


def gap_records(sheet: Scoresheet) -> tuple[list[str], list[list[str | float | None]]]:
    """The long format of ``render_gaps_csv`` with numbers kept as numbers (for a worksheet)."""
    head = [*sheet.group_by, *_LONG_HEAD]
    rows: list[list[str | float | None]] = []
    for unit in sheet.gaps:
        first: list[str | float | None] = [*unit.key, unit.combined, unit.band, unit.next_band]
        first += [unit.to_next_band, unit.evidence, str(unit.no_evidence).lower()]
        if not unit.items:
            rows.append(first + [None] * 7)
        for gap in unit.ranked:
            item: list[str | float | None] = [gap.evidence_id, gap.criterion_id]
            item += [str(gap.provided).lower(), gap.answer, gap.row, gap.score, gap.points]
            rows.append(first + item)
    return head, rows


_LONG_HEAD = (
    "combined",
    "band",
    "next_band",
    "to_next_band",
    "evidence_score",
    "no_evidence",
    "evidence_id",
    "criterion",
    "provided",
    "answer",
    "row",
    "score",
    "points",
)


def render_gaps_csv(sheet: Scoresheet) -> str:
    """Long format, one row per unmet item (a unit with none gets one row with empty items):
    ``gap_records`` as text (numbers as ``repr``, text made spreadsheet-safe)."""
    head, rows = gap_records(sheet)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows([_csv_cell(c) for c in row] for row in rows)
    return out.getvalue()


def _csv_cell(cell: str | float | None) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return safe_cell(cell)
    return str(cell) if isinstance(cell, int) else repr(cell)
