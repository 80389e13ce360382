"""CSV and Markdown renderings of a scoresheet.

CSV is for analysts who continue in Excel: raw numbers with a dot decimal (Excel in any locale
can be told the separator; a comma inside a number cannot be undone), one row per group, and
every text cell made safe by ``render.cell_text`` (no formulas, no control or bidirectional
characters).
"""

from __future__ import annotations

import csv
import io

from berakhlak_cli.model.results import GroupResult, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.cell_text import markdown_cell, safe_cell
from berakhlak_cli.render.table_rows import (
    all_rows,
    headers,
    note_cell,
    note_label,
    row_level,
)


def _num(value: float | None) -> str:
    # NOTE: 9 decimals is far below any published precision and keeps exports stable where the
    # last binary digit depends on summation order; JSON keeps the full float.
    return "" if value is None else repr(round(value, 9))


def render_csv(sheet: Scoresheet, rubric: Rubric) -> str:
    """One row per group plus the institution: keys, n, value scores, index raw and rounded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    value_ids = [v.id for v in rubric.values]
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    head = [*sheet.group_by, "level", "respondents", "withheld", *value_ids, "index_raw", "index"]
    head += ["index_ci_lower", "index_ci_upper", "index_may_be"]
    if has_evidence:
        head += ["evidence", "combined"]
        head += ["combined_ci_lower", "combined_ci_upper", "combined_may_be"]
    head += ["band", "band_label", "headcount", "min_respondents", "eligible", "response_rate"]
    writer.writerow([safe_cell(h) for h in head])

    def line(g: GroupResult) -> list[str]:
        key = list(g.key) if g.key else [""] * len(sheet.group_by)
        row = [safe_cell(k) for k in key] + [row_level(g, sheet)]
        row += [str(g.respondents), g.withheld or ""]
        row += [_num(s.rounded if (s := g.values.get(v)) else None) for v in value_ids]
        row += [_num(g.index.raw if g.index else None), _num(g.index.rounded if g.index else None)]
        ci = g.index.interval if g.index else None
        row += [_num(ci.lower if ci else None), _num(ci.upper if ci else None)]
        row += [safe_cell(" ".join(ci.may_be)) if ci else ""]
        if has_evidence:
            row += [
                _num(g.evidence.rounded if g.evidence else None),
                _num(g.combined.rounded if g.combined else None),
            ]
            cc = g.combined.interval if g.combined else None
            row += [_num(cc.lower if cc else None), _num(cc.upper if cc else None)]
            row += [safe_cell(" ".join(cc.may_be)) if cc else ""]
        head_score = g.headline
        band = rubric.band_for(head_score.band) if head_score and head_score.band else None
        row += [safe_cell(band.code) if band else ""]
        row += [safe_cell(band.label.get(rubric.locale)) if band else ""]
        row += ["" if g.headcount is None else str(g.headcount)]
        row += ["" if g.min_respondents is None else str(g.min_respondents)]
        row += ["" if g.eligible is None else str(g.eligible).lower()]
        row += [_num(g.response_rate)]
        return row

    for group in (*sheet.groups, sheet.institution):
        writer.writerow(line(group))
    return out.getvalue()


def render_markdown(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> str:
    """A GitHub-flavoured Markdown table with locale-formatted numbers and notes below."""
    cols = headers(sheet, rubric, lang)
    lines = ["| " + " | ".join(markdown_cell(c) for c in cols) + " |"]
    n_key = len(sheet.group_by)
    lines.append(
        "| " + " | ".join(["---"] * n_key + ["---:"] * (len(cols) - n_key - 1) + ["---"]) + " |"
    )
    notes: list[str] = []
    for row in all_rows(sheet, rubric, lang):
        cells = [markdown_cell(c) for c in row.cells]
        if row.is_total:
            cells = [f"**{c}**" if c else c for c in cells]
        if row.note:
            label = markdown_cell(note_label(row.cells, sheet))
            notes.append(f"{len(notes) + 1}. {label}: {markdown_cell(row.note)}")
            cells[note_cell(row.cells, sheet)] += f" [{len(notes)}]"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"
