"""Results as rows of display strings: shared by the CSV, Markdown and terminal renderers."""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak_cli.model.levels import level_of
from berakhlak_cli.model.results import GroupResult, Interval, Score, Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.render.language.number import fmt_count, fmt_number
from berakhlak_cli.render.language.words import word


@dataclass(frozen=True)
class Row:
    """One display row: key cells, then respondents, value scores, index, band."""

    cells: tuple[str, ...]
    is_total: bool = False
    note: str = ""


def headers(sheet: Scoresheet, rubric: Rubric, lang: Lang) -> tuple[str, ...]:
    """Column titles: grouping column(s), n, value codes, index (evidence, combined), the
    headline's interval, category."""
    has_evidence = any(g.combined is not None for g in (*sheet.groups, sheet.institution))
    extra = (word("evidence", lang), word("combined_index", lang)) if has_evidence else ()
    ci = (word("interval", lang, level=_level(sheet)),) if has_intervals(sheet) else ()
    return (
        *(_title(c, rubric, lang) for c in sheet.group_by),
        word("respondents_rate" if has_headcounts(sheet) else "respondents_short", lang),
        *(v.code for v in rubric.values),
        word("survey_index" if has_evidence else "index", lang),
        *extra,
        *ci,
        word("category", lang),
    )


def row_level(group: GroupResult, sheet: Scoresheet) -> str:
    """A row's ``level`` cell: ``unit``/``institution``, or in a run with levels the row's
    level column (the top row stays ``institution``)."""
    shown = level_of(group.key, sheet.levels) if sheet.levels else None
    return shown or group.level.value


def note_cell(cells: tuple[str, ...], sheet: Scoresheet) -> int:
    """The key cell a footnote marker goes on: the first, or in a run with levels the row's
    own level (its deepest named part), so a unit's note is not read as its instansi's."""
    if not sheet.levels:
        return 0
    named = [i for i, c in enumerate(cells[: len(sheet.group_by)]) if c]
    return named[-1] if named else 0


def note_label(cells: tuple[str, ...], sheet: Scoresheet) -> str:
    """Who a footnote is about: the first key cell, or in a run with levels the row's path."""
    if not sheet.levels:
        return cells[0]
    return " / ".join(c for c in cells[: len(sheet.group_by)] if c)


def has_headcounts(sheet: Scoresheet) -> bool:
    """True when a units file gave headcounts (then the table shows response rates)."""
    return any(g.headcount is not None for g in sheet.groups)


def _count_cell(group: GroupResult, lang: Lang) -> str:
    count = fmt_count(group.respondents, lang)
    rate = group.response_rate
    return f"{count} ({fmt_number(rate * 100, 0, lang)}%)" if rate is not None else count


def has_intervals(sheet: Scoresheet) -> bool:
    """True when any group carries an index interval (then the table shows a CI column: the
    interval of the headline, i.e. of the combined index when evidence was scored)."""
    return any(g.index and g.index.interval for g in (*sheet.groups, sheet.institution))


def _level(sheet: Scoresheet) -> str:
    for g in (*sheet.groups, sheet.institution):
        if g.index is not None and g.index.interval is not None:
            return f"{g.index.interval.level * 100:g}"
    return "95"


def interval_text(interval: Interval | None, decimals: int, lang: Lang) -> str:
    """``73,9–78,3`` (ends rounded like published scores), or an em dash."""
    if interval is None:
        return "—"
    low, high = interval.rounded or (interval.lower, interval.upper)
    return f"{fmt_number(low, decimals, lang)}–{fmt_number(high, decimals, lang)}"


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
    edge = group.headline.interval if group.headline is not None else None
    ci: tuple[str, ...] = ()
    if has_intervals(sheet):
        ci = (interval_text(edge, decimals, lang),)
    extra: tuple[str, ...] = ()
    if has_evidence:
        extra = (
            fmt_number(group.evidence.rounded if group.evidence else None, decimals, lang),
            fmt_number(group.combined.rounded if group.combined else None, decimals, lang),
        )
    notes = []
    if group.withheld:
        notes.append(word(group.withheld, lang, n=rubric.anonymity.min_group_size))
    if group.eligible is False:
        notes.append(word("not_eligible", lang, n=group.respondents, need=group.min_respondents))
    note = "; ".join(notes)
    band = _band_text(group.headline, rubric, lang)
    if edge is not None and edge.may_be:
        band += " ?"
        may_be = word(
            "may_be", lang, ci=interval_text(edge, decimals, lang), bands="/".join(edge.may_be)
        )
        note = f"{note}; {may_be}" if note else may_be
    return Row(
        cells=(
            *key,
            _count_cell(group, lang),
            *values,
            index,
            *extra,
            *ci,
            band,
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
