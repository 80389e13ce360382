"""Rich renderables for the terminal: the score table, its legend and the row summary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from berakhlak_cli.model.results import GroupResult, Score, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.cell_text import visible
from berakhlak_cli.render.language.number import fmt_count
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.table_rows import all_rows, has_intervals, headers, note_cell

# Band colours by position from the top band down (A green ... D red), whatever the codes are.
_BAND_STYLES = ("green", "yellow", "dark_orange", "red", "red")


def band_style(rubric: Rubric, score: Score | None) -> str:
    """Colour of a score's band (empty when unbanded)."""
    if score is None or score.band is None:
        return ""
    ranked = sorted(rubric.bands, key=lambda b: -b.upper)
    for pos, band in enumerate(ranked):
        if band.code == score.band:
            return _BAND_STYLES[min(pos, len(_BAND_STYLES) - 1)]
    return ""


def _styled_cells(
    group: GroupResult,
    cells: tuple[str, ...],
    n_key: int,
    rubric: Rubric,
    has_evidence: bool,
    has_ci: bool,
) -> list[Text]:
    out = [Text(visible(c)) for c in cells]
    scores = [*group.values.values(), group.index]
    if has_evidence:
        scores += [group.evidence, group.combined]
    if has_ci:
        scores.append(None)
    for offset, score in enumerate(scores):
        out[n_key + 1 + offset].stylize(band_style(rubric, score))
    out[-1].stylize("bold " + band_style(rubric, group.headline))
    return out


def render_table(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> RenderableType:
    """The score table with a legend and footnotes below it."""
    table = Table(title=word("title_score", lang), title_justify="left", header_style="bold")
    n_key = len(sheet.group_by)
    titles = headers(sheet, rubric, lang)
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    has_ci = has_intervals(sheet)
    for pos, title in enumerate(titles):
        numeric = n_key <= pos < len(titles) - 1
        table.add_column(
            escape(visible(title)), justify="right" if numeric else "left", no_wrap=numeric
        )
    notes: list[str] = []
    groups = [*sheet.groups, sheet.institution]
    for group, row in zip(groups, all_rows(sheet, rubric, lang), strict=True):
        cells = _styled_cells(group, row.cells, n_key, rubric, has_evidence, has_ci)
        if row.note:
            notes.append(visible(row.note))
            cells[note_cell(row.cells, sheet)].append(f" [{len(notes)}]")
        if row.is_total:
            table.add_section()
            for cell in cells:
                cell.stylize("bold")
        table.add_row(*cells)
    legend = Text(" · ".join(f"{v.code} {v.label.get(lang)}" for v in rubric.values), style="dim")
    parts: list[RenderableType] = [table, legend]
    parts += [Text(f"[{i}] {note}", style="dim") for i, note in enumerate(notes, start=1)]
    parts.append(summary(sheet, lang))
    return Group(*parts)


def summary(sheet: Scoresheet, lang: Lang) -> Text:
    """Rows read / scored / excluded (by reason) and the number of data issues."""
    acc = sheet.accounting
    excluded = sum(acc.excluded.values())
    text = word(
        "rows_summary",
        lang,
        read=fmt_count(acc.read, lang),
        scored=fmt_count(acc.scored, lang),
        excluded=fmt_count(excluded, lang),
    )
    if acc.excluded:
        text += (
            " ("
            + ", ".join(f"{k} {fmt_count(v, lang)}" for k, v in sorted(acc.excluded.items()))
            + ")"
        )
    text += ". " + word("issues_summary", lang, count=fmt_count(sheet.issue_total, lang))
    return Text(text)
