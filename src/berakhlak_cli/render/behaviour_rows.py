"""Behaviour-level tables (``score --detail behaviours``): one row per group and behaviour.

Columns: group, behaviour (id and label), value code, score (rounded, as values), its
respondents, answers per scale point (count and share) and the favourable share (top
``reporting.favourable_points`` points). A withheld group shows no figure at all: its rows
carry only the reason (the value table's suppression covers every cell here too).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from berakhlak_cli.model.behaviours import BehaviourResult
from berakhlak_cli.model.results import GroupResult, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.cell_text import markdown_cell, safe_cell
from berakhlak_cli.render.language.number import fmt_count, fmt_number
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.xlsx import Cell, Sheet

if TYPE_CHECKING:
    from rich.console import RenderableType


def point_names(rubric: Rubric) -> list[str]:
    """Scale-point column names of the widest behaviour scale (``1`` ... ``5``)."""
    widest: tuple[float, ...] = ()
    for group in rubric.values:
        for b in group.behaviours:
            scale = rubric.scales[b.items[0].scale]
            points = tuple(sorted(p.value for p in scale.points)) or tuple(
                float(x) for x in range(int(scale.min), int(scale.max) + 1)
            )
            widest = max(widest, points, key=len)
    return [f"{p:g}" for p in widest]


def percent(share: float | None, lang: Lang) -> str:
    """A share (0-1) as a whole percent: ``42%``."""
    return "—" if share is None else fmt_number(share * 100, 0, lang) + "%"


@dataclass(frozen=True)
class BehaviourRow:
    """One line of the behaviour table, already formatted."""

    group: GroupResult
    behaviour: BehaviourResult | None
    cells: list[str]


def _group_name(group: GroupResult, lang: Lang) -> str:
    return group.label if group.key else word("institution", lang)


def _labels(rubric: Rubric, lang: Lang) -> dict[str, tuple[str, str]]:
    return {b.id: (b.label.get(lang), v.code) for v in rubric.values for b in v.behaviours}


def behaviour_rows(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> list[BehaviourRow]:
    """Rows for every group and the institution; a withheld group gets one reason row."""
    width = len(point_names(rubric))
    labels = _labels(rubric, lang)
    places = rubric.rounding.decimals
    out: list[BehaviourRow] = []
    for group in (*sheet.groups, sheet.institution):
        name = _group_name(group, lang)
        if group.withheld or not group.behaviours:
            reason = word(group.withheld or "withheld", lang, n=rubric.anonymity.min_group_size)
            out.append(BehaviourRow(group, None, [name, reason, "", "", ""] + [""] * width + [""]))
            continue
        for bid, b in group.behaviours.items():
            label, code = labels[bid]
            d = b.distribution
            cells = [name, f"{bid} {label}", code]
            cells.append(fmt_number(b.score.rounded if b.score else None, places, lang))
            cells.append(fmt_count(b.respondents, lang))
            shares = d.shares
            cells += [
                f"{fmt_count(c, lang)} ({percent(s, lang)})"
                for c, s in zip(d.counts, shares, strict=True)
            ]
            cells += [""] * (width - len(d.counts))
            cells.append(percent(d.favourable_share, lang))
            out.append(BehaviourRow(group, b, cells))
    return out


def behaviour_headers(rubric: Rubric, lang: Lang) -> list[str]:
    """Column titles of ``behaviour_rows``."""
    head = [
        word("group", lang),
        word("behaviour_short", lang),
        word("value", lang),
        word("score", lang),
    ]
    head.append(word("respondents_short", lang))
    head += point_names(rubric)
    top = rubric.reporting.favourable_points
    return [*head, f"{word('favourable', lang)} (top {top})"]


def behaviours_markdown(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> str:
    """The behaviour table in Markdown (appended to the score table)."""
    head = behaviour_headers(rubric, lang)
    lines = [f"### {word('title_behaviours', lang)}", ""]
    lines.append("| " + " | ".join(markdown_cell(h) for h in head) + " |")
    lines.append("| " + " | ".join(["---", "---", "---"] + ["---:"] * (len(head) - 3)) + " |")
    for row in behaviour_rows(sheet, rubric, lang):
        lines.append("| " + " | ".join(markdown_cell(c) for c in row.cells) + " |")
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "" if value is None else repr(round(value, 9))


def behaviours_csv(sheet: Scoresheet, rubric: Rubric) -> str:
    """Long CSV: one row per group and behaviour (withheld groups: reason, no figures)."""
    names = point_names(rubric)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = [*sheet.group_by, "level", "withheld", "behaviour", "value", "score_raw", "score"]
    head += ["band", "respondents", *(f"count_{p}" for p in names)]
    head += [*(f"share_{p}" for p in names), "favourable_share"]
    writer.writerow(head)
    ids = [(b.id, v.id) for v in rubric.values for b in v.behaviours]
    for group in (*sheet.groups, sheet.institution):
        key = [safe_cell(k) for k in group.key] or [""] * len(sheet.group_by)
        for bid, vid in ids:
            row = [*key, group.level.value, group.withheld or "", safe_cell(bid), vid]
            b = group.behaviours.get(bid) if not group.withheld else None
            if b is None:
                writer.writerow(row + [""] * (len(head) - len(row)))
                continue
            d = b.distribution
            pad = [""] * (len(names) - len(d.counts))
            row += [_num(b.score.raw if b.score else None)]
            row += [
                _num(b.score.rounded if b.score else None),
                (b.score.band or "") if b.score else "",
            ]
            row += [str(b.respondents), *(str(c) for c in d.counts), *pad]
            row += [*(_num(s) for s in d.shares), *pad, _num(d.favourable_share)]
            writer.writerow(row)
    return out.getvalue()


def behaviours_table(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> RenderableType:
    """The behaviour table for the terminal (after the score table)."""
    from rich.markup import escape
    from rich.table import Table

    head = behaviour_headers(rubric, lang)
    table = Table(title=word("title_behaviours", lang), title_justify="left", header_style="bold")
    # NOTE: the value column is left out (the behaviour id starts with the value's code) and
    # labels are cut to one line, so 21 rows per group stay readable in a terminal.
    for pos, title in enumerate(head):
        if pos == 2:
            continue
        if pos == 1:
            table.add_column(escape(title), max_width=36, no_wrap=True, overflow="ellipsis")
        else:
            table.add_column(escape(title), justify="right" if pos >= 3 else "left")
    last: GroupResult | None = None
    for row in behaviour_rows(sheet, rubric, lang):
        first = row.group is not last
        if last is not None and first:
            table.add_section()
        last = row.group
        cells = [c for pos, c in enumerate(row.cells) if pos != 2]
        if not first:
            cells[0] = ""
        table.add_row(*(escape(c) for c in cells))
    return table


def behaviour_sheet(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> Sheet:
    """The behaviour table as a worksheet: numbers as numbers, shares as 0-1."""
    names = point_names(rubric)
    head = [
        word("group", lang),
        word("behaviour_short", lang),
        word("value", lang),
        word("score", lang),
    ]
    head += [word("respondents", lang), *names, *(f"% {p}" for p in names)]
    head += [word("favourable", lang), "withheld"]
    labels = _labels(rubric, lang)
    rows: list[list[Cell]] = []
    for group in (*sheet.groups, sheet.institution):
        name = _group_name(group, lang)
        if group.withheld or not group.behaviours:
            rows.append([name, *([None] * (len(head) - 2)), group.withheld or "withheld"])
            continue
        for bid, b in group.behaviours.items():
            label, code = labels[bid]
            d = b.distribution
            pad: list[Cell] = [None] * (len(names) - len(d.counts))
            row: list[Cell] = [name, f"{bid} {label}", code]
            row += [b.score.rounded if b.score else None, b.respondents, *d.counts, *pad]
            row += [*d.shares, *pad, d.favourable_share, None]
            rows.append(row)
    return Sheet(word("behaviour_short", lang), head, rows)
