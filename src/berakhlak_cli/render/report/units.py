"""The report's unit sections: ranking, respondent coverage and evidence gaps."""

from __future__ import annotations

from berakhlak_cli.model.comparison import Comparison, YearResult
from berakhlak_cli.model.results import GroupResult
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.compare.text import figure_text, index_label
from berakhlak_cli.render.language.number import fmt_count, fmt_delta, fmt_number
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.report.cells import Cell, Table, band_cell, band_css, delta_css


def _ranked(units: tuple[GroupResult, ...]) -> list[GroupResult]:
    scored = sorted(
        (u for u in units if u.headline),
        key=lambda u: (-(u.headline.rounded if u.headline else 0), u.label),
    )
    return scored + sorted((u for u in units if not u.headline), key=lambda u: u.label)


def _unit_note(unit: GroupResult, merged_from: tuple[str, ...], lang: Lang) -> str:
    notes = []
    if unit.withheld:
        key = f"withheld_{unit.withheld}"
        notes.append(
            word(key, lang)
            if key in ("withheld_anonymity", "withheld_complementary")
            else unit.withheld
        )
    if unit.eligible is False:
        notes.append(word("below_minimum", lang))
    if merged_from:
        notes.append(word("merged", lang, names=", ".join(merged_from)))
    return "; ".join(notes)


def ranking_table(comparison: Comparison, year: YearResult, lang: Lang) -> Table:
    """Units of ``year`` by headline index (ties share a rank), with change and notes."""
    changes = {line.label: line.steps[-1] for line in comparison.units if line.steps}
    places = year.decimals
    rows: list[list[Cell]] = []
    rank, previous = 0, None
    for pos, unit in enumerate(_ranked(year.units), start=1):
        value = unit.headline.rounded if unit.headline else None
        if value is not None and value != previous:
            rank, previous = pos, value
        delta = (
            changes[unit.label].delta
            if unit.label in changes and comparison.years[-1] is year
            else None
        )
        rows.append(
            [
                Cell(str(rank) if value is not None else "—", "num"),
                Cell(unit.label),
                Cell(
                    figure_text(unit.headline, year, lang),
                    "num " + band_css(year, unit.headline.band if unit.headline else None),
                ),
                band_cell(unit.headline, year, lang),
                Cell(fmt_delta(delta, places, lang), delta_css(delta)),
                Cell(fmt_count(unit.respondents, lang), "num"),
                Cell(_unit_note(unit, year.merged.get(unit.label, ()), lang), "note"),
            ]
        )
    head = [
        word("rank", lang),
        word("unit", lang),
        index_label([year], lang),
        word("category", lang),
        word("change", lang),
        word("respondents", lang),
        word("notes", lang),
    ]
    if len(comparison.years) == 1:
        # NOTE: one year has no change to show; the column would be all dashes.
        head.pop(4)
        rows = [row[:4] + row[5:] for row in rows]
    return Table(head, rows)


def _coverage(respondents: int | None, headcount: int | None, lang: Lang) -> list[Cell]:
    """Respondents, headcount and response rate (respondents / headcount × 100)."""
    rate = (respondents or 0) / headcount * 100 if headcount else None
    return [
        Cell(fmt_count(respondents, lang), "num"),
        Cell(fmt_count(headcount, lang), "num"),
        Cell(fmt_number(rate, 1, lang) + (" %" if rate is not None else ""), "num"),
    ]


def coverage_table(year: YearResult, lang: Lang) -> Table | None:
    """Respondents against headcount per unit (None when no headcount is known)."""
    if not any(u.headcount for u in year.units):
        return None
    rows = []
    for unit in sorted(year.units, key=lambda u: u.label):
        eligible = {True: word("yes", lang), False: word("no", lang), None: "—"}[unit.eligible]
        rows.append(
            [
                Cell(unit.label),
                *_coverage(unit.respondents, unit.headcount, lang),
                Cell(fmt_count(unit.min_respondents, lang), "num"),
                Cell(eligible, "" if unit.eligible is not False else "down"),
            ]
        )
    counted = [u for u in year.units if u.headcount and u.respondents is not None]
    total_n = sum(u.respondents or 0 for u in counted)
    total_h = sum(u.headcount or 0 for u in counted)
    rows.append(
        [
            Cell(word("total", lang), "strong"),
            *_coverage(total_n, total_h, lang),
            Cell(""),
            Cell(""),
        ]
    )
    head = [
        word("unit", lang),
        word("respondents", lang),
        word("headcount", lang),
        word("coverage_rate", lang),
        word("minimum", lang),
        word("eligible", lang),
    ]
    return Table(head, rows)


def gaps_table(year: YearResult, lang: Lang) -> Table | None:
    """Per unit: evidence score, items provided, items not met, points to the next band."""
    if not year.gaps:
        return None
    rows = []
    for unit in sorted(year.gaps, key=lambda g: g.unit):
        unmet = ", ".join(
            f"{g.evidence_id} (+{fmt_number(g.points, 1, lang)})"
            if g.points is not None
            else g.evidence_id
            for g in unit.items
        )
        to_next = ""
        if unit.to_next_band is not None and unit.next_band:
            to_next = f"{fmt_number(unit.to_next_band, year.decimals, lang)} → {unit.next_band}"
        rows.append(
            [
                Cell(unit.unit),
                Cell(fmt_number(unit.evidence, year.decimals, lang), "num"),
                Cell(f"{unit.provided}/{unit.expected}", "num"),
                Cell(unmet or "—", "note"),
                Cell(to_next or "—", "num"),
            ]
        )
    head = [
        word("unit", lang),
        word("evidence", lang),
        word("provided", lang),
        word("missing_items", lang),
        word("to_next_band", lang),
    ]
    return Table(head, rows)
