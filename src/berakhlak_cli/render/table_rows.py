"""Results as rows of display strings: shared by the CSV, Markdown and terminal renderers."""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak_cli.model.results import GroupResult, Score, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.i18n import word
from berakhlak_cli.render.number import fmt_count, fmt_number


@dataclass(frozen=True)
class Row:
    """One display row: key cells, then respondents, value scores, index, band."""

    cells: tuple[str, ...]
    is_total: bool = False
    note: str = ""


def headers(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> tuple[str, ...]:
    """Column titles: grouping column(s), n, value codes, index (evidence, combined), category."""
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    extra = (word("evidence", lang), word("combined", lang)) if has_evidence else ()
    return (
        *(_title(c, rubric, lang) for c in sheet.group_by),
        word("respondents", lang),
        *(v.code for v in rubric.values),
        word("index", lang),
        *extra,
        word("category", lang),
    )


def _title(column: str, rubric: Rubric, lang: Lang) -> str:
    for spec in (rubric.columns.unit, *rubric.columns.attributes):
        if spec.name == column and spec.label:
            return spec.label.get(lang)
    return column


def _band_text(score: Score | None, rubric: Rubric, lang: Lang) -> str:
    if score is None or score.band is None:
        return "—"
    band = rubric.band_for(score.band)
    return f"{score.band} {band.label.get(lang)}" if band else score.band


def group_row(
    group: GroupResult, sheet: Scoresheet, rubric: Rubric, lang: Lang, decimals: int
) -> Row:
    """Display cells for one group."""
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    key = group.key or (word("institution", lang),) + ("",) * (len(sheet.group_by) - 1)
    values = tuple(
        fmt_number(s.rounded if s else None, decimals, lang) for s in group.values.values()
    )
    index = fmt_number(group.index.rounded if group.index else None, decimals, lang)
    extra: tuple[str, ...] = ()
    if has_evidence:
        extra = (
            fmt_number(group.evidence.rounded if group.evidence else None, decimals, lang),
            fmt_number(group.combined.rounded if group.combined else None, decimals, lang),
        )
    note = ""
    if group.withheld:
        note = word(group.withheld, lang, n=rubric.anonymity.min_group_size)
    elif group.eligible is False:
        note = word("not_eligible", lang, n=group.respondents, need=group.min_respondents)
    return Row(
        cells=(
            *key,
            fmt_count(group.respondents, lang),
            *values,
            index,
            *extra,
            _band_text(group.headline, rubric, lang),
        ),
        is_total=not group.key,
        note=note,
    )


def all_rows(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> list[Row]:
    """Every group row, then the institution row."""
    decimals = rubric.rounding.decimals
    rows = [group_row(g, sheet, rubric, lang, decimals) for g in sheet.groups]
    rows.append(group_row(sheet.institution, sheet, rubric, lang, decimals))
    return rows
