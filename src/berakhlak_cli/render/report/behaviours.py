"""The report's behaviour sections and unit pages (rapor unit kerja), as formatted data.

Everything here describes one year (the newest with unit rows) read from a results document
that carries behaviour fields (docs/output.md); older documents simply have none, and the
sections are left out. Withheld units get no page and no figure: they are named once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from berakhlak_cli.model.behaviours import BehaviourResult, GapTest
from berakhlak_cli.model.comparison import YearResult
from berakhlak_cli.model.results import GroupResult, Score
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.number import fmt_count, fmt_delta, fmt_number
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.report.cells import Cell, Table, band_cell, band_css
from berakhlak_cli.render.report.charts_more import likert_chart


@dataclass(frozen=True)
class UnitPage:
    """One unit's printable page."""

    name: str
    index: str
    index_kind: str
    band: Cell
    respondents: str
    notes: str
    values: Table
    chart: Markup | None
    priorities: Table | None
    evidence: list[str]


def _percent(share: float | None, lang: Lang) -> str:
    return "—" if share is None else fmt_number(share * 100, 0, lang) + "%"


def _score_cell(b: BehaviourResult | None, year: YearResult, lang: Lang) -> Cell:
    if b is None or b.score is None:
        return Cell("—", "num")
    s = b.score
    return Cell(fmt_number(s.rounded, year.decimals, lang), "num " + band_css(year, s.band))


def _behaviour_rounded(b: BehaviourResult | None) -> float | None:
    return b.score.rounded if b is not None and b.score is not None else None


def _labels(year: YearResult) -> dict[str, str]:
    return {b.id: f"{b.id} {b.label}" for b in year.behaviour_info}


def behaviour_table(year: YearResult, lang: Lang) -> Table | None:
    """The institution's behaviours: score, category, respondents, favourable share."""
    if not year.institution_behaviours:
        return None
    codes = {v.id: v.code for v in year.values}
    rows = []
    for info in year.behaviour_info:
        b = year.institution_behaviours.get(info.id)
        s = b.score if b else None
        figure = s if s and s.rounded else None
        rows.append(
            [
                Cell(f"{info.id} {info.label}"),
                Cell(codes.get(info.value, info.value)),
                _score_cell(b, year, lang),
                band_cell(figure, year, lang),
                Cell(fmt_count(b.respondents if b else None, lang), "num"),
                Cell(_percent(b.distribution.favourable_share if b else None, lang), "num"),
            ]
        )
    head = [word("behaviour", lang), word("value", lang), word("score", lang)]
    head += [word("category", lang), word("respondents", lang), word("favourable", lang)]
    return Table(head, rows)


def distribution_svg(
    behaviours: Mapping[str, BehaviourResult],
    year: YearResult,
    lang: Lang,
    name: str,
    against: Mapping[str, BehaviourResult] | None = None,
) -> Markup | None:
    """The diverging stacked bar chart of ``behaviours`` (behaviour id -> figures); with
    ``against`` (the institution), each bar's right shows unit score, institution score and
    the favourable share, else the favourable share alone."""
    if not behaviours:
        return None
    labels = _labels(year)
    ids = [b.id for b in year.behaviour_info if b.id in behaviours]
    figs = [behaviours[i] for i in ids]
    points = max((f.distribution.points for f in figs), key=len)
    places = year.decimals
    right = []
    for bid, f in zip(ids, figs, strict=True):
        fav = _percent(f.distribution.favourable_share, lang).rjust(4)
        if against is None:
            right.append(fav)
            continue
        other = against.get(bid)
        mine = fmt_number(_behaviour_rounded(f), places, lang).rjust(5)
        theirs = fmt_number(_behaviour_rounded(other), places, lang).rjust(5)
        right.append(f"{mine} {theirs} {fav}")
    title = word("favourable", lang)
    if against is not None:
        title = f"{word('unit_col', lang)} · {word('institution_col', lang)} · {title}"
    svg = likert_chart(
        [labels[i] for i in ids],
        [f.distribution.shares for f in figs],
        right,
        [f"{p:g}" for p in points],
        lang.value,
        word("sec_distribution", lang, year=year.year),
        name,
        title,
    )
    return Markup(svg)  # noqa: S704 - matplotlib output; labels are drawn as paths


def distribution_caption(year: YearResult, lang: Lang) -> str:
    """What the Likert chart's sides and figures mean."""
    figs = list(year.institution_behaviours.values())
    if not figs:
        return ""
    points = figs[0].distribution.points
    half = len(points) // 2
    low = "–".join(f"{p:g}" for p in (points[0], points[half - 1])) if half else ""
    high = "–".join(f"{p:g}" for p in (points[-half], points[-1])) if half else ""
    top = figs[0].distribution.favourable_points
    return word("distribution_caption", lang, low=low, high=high, top=top)


def _gap_cells(test: GapTest | None, lang: Lang) -> list[Cell]:
    if test is None:
        return [Cell("—", "num"), Cell("—", "num"), Cell("—")]
    ci = "—"
    if test.lower is not None and test.upper is not None:
        ci = f"{fmt_delta(test.lower, 1, lang)} – {fmt_delta(test.upper, 1, lang)}"
    flag = word("yes", lang) if test.significant else word("no", lang)
    if test.p is None:
        flag = "—"
    return [
        Cell(fmt_delta(test.gap, 1, lang), "num down" if test.gap < 0 else "num"),
        Cell(ci, "num"),
        Cell(flag, "strong" if test.significant else ""),
    ]


def _evidence_lines(year: YearResult, unit: GroupResult, lang: Lang) -> list[str]:
    gaps = next((g for g in year.gaps if g.unit == unit.label), None)
    if gaps is None:
        return []
    return [
        f"{g.evidence_id} (+{fmt_number(g.points, 1, lang)})" if g.points is not None
        else g.evidence_id
        for g in gaps.items
    ]  # fmt: skip


def priorities_table(year: YearResult, lang: Lang) -> Table | None:
    """Per published unit: its priorities (gap, interval, Holm flag) and evidence gaps."""
    units = [u for u in year.units if u.gap_tests and not u.withheld]
    if not units:
        return None
    labels = _labels(year)
    rows = []
    for unit in sorted(units, key=lambda u: u.label):
        tests = {t.behaviour: t for t in unit.gap_tests}
        evidence = ", ".join(_evidence_lines(year, unit, lang)) or "—"
        if not unit.priorities:
            rows.append([Cell(unit.label), Cell(word("no_priorities", lang)), Cell(""), Cell("")])
            rows[-1] += [Cell(""), Cell(evidence, "note")]
            continue
        for k, bid in enumerate(unit.priorities):
            first = k == 0
            row = [Cell(unit.label if first else ""), Cell(labels.get(bid, bid))]
            row += _gap_cells(tests.get(bid), lang)
            row.append(Cell(evidence if first else "", "note"))
            rows.append(row)
    head = [word("unit_col", lang), word("behaviour", lang), word("gap", lang)]
    head.append(ci_head(year, lang))
    head += [word("significant", lang), word("evidence_gaps", lang)]
    notes = [priorities_note(year, lang)]
    if any(t.p is None and t.lower is None for u in units for t in u.gap_tests):
        notes.append(word("priorities_no_test", lang))
    return Table(head, rows, notes)


def priorities_note(year: YearResult, lang: Lang) -> str:
    """How the priority list and its flag are made."""
    n = max((len(u.priorities) for u in year.units), default=0)
    return word(
        "priorities_note",
        lang,
        n=n,
        level=f"{year.priority_confidence * 100:g}",
        m=len(year.behaviour_info),
    )


def _diff(unit: float | None, institution: float | None, lang: Lang) -> Cell:
    if unit is None or institution is None:
        return Cell("—", "num")
    delta = unit - institution
    return Cell(fmt_delta(delta, 1, lang), "num down" if delta < 0 else "num")


def unit_pages(year: YearResult, lang: Lang, kind: str) -> list[UnitPage]:
    """One page per published unit (alphabetical); ``kind`` names the headline index."""
    pages: list[UnitPage] = []
    labels = _labels(year)
    for unit in sorted(year.units, key=lambda u: u.label):
        if unit.withheld or unit.headline is None and not unit.scored_values:
            continue
        values = Table(
            [word("value", lang), word("unit_col", lang), word("institution_col", lang), "±"],
            [
                [
                    Cell(f"{v.code} {v.name(lang.value)}"),
                    _figure_cell(unit.values.get(v.id), year, lang),
                    _figure_cell(year.value_scores.get(v.id), year, lang),
                    _diff(
                        _rounded(unit.values.get(v.id)), _rounded(year.value_scores.get(v.id)), lang
                    ),
                ]
                for v in year.values
            ],
        )
        pages.append(
            UnitPage(
                name=unit.label,
                index=fmt_number(_rounded(unit.headline), year.decimals, lang),
                index_kind=kind,
                band=band_cell(unit.headline, year, lang),
                respondents=word("respondents_of", lang, n=fmt_count(unit.respondents, lang)),
                notes=word("below_minimum_mark", lang) if unit.eligible is False else "",
                values=values,
                chart=distribution_svg(
                    unit.behaviours,
                    year,
                    lang,
                    f"likert-{len(pages)}",
                    year.institution_behaviours,
                ),
                priorities=_unit_priorities(unit, year, labels, lang),
                evidence=_evidence_lines(year, unit, lang),
            )
        )
    return pages


def ci_head(year: YearResult, lang: Lang) -> str:
    """``IK 95%`` / ``95% CI`` at the priority test's level."""
    level = f"{year.priority_confidence * 100:g}"
    return f"IK {level}%" if lang == Lang.ID else f"{level}% CI"


def _unit_priorities(
    unit: GroupResult, year: YearResult, labels: dict[str, str], lang: Lang
) -> Table | None:
    if not unit.gap_tests:
        return None
    tests = {t.behaviour: t for t in unit.gap_tests}
    rows = [[Cell(labels.get(b, b)), *_gap_cells(tests.get(b), lang)] for b in unit.priorities]
    head = [word("behaviour", lang), word("gap", lang), ci_head(year, lang)]
    return Table([*head, word("significant", lang)], rows)


def _rounded(figure: Score | None) -> float | None:
    return figure.rounded if figure is not None else None


def _figure_cell(figure: Score | None, year: YearResult, lang: Lang) -> Cell:
    if figure is None:
        return Cell("—", "num")
    return Cell(
        fmt_number(figure.rounded, year.decimals, lang), "num " + band_css(year, figure.band)
    )


def withheld_names(year: YearResult) -> list[str]:
    """Units with no page (scores withheld)."""
    return sorted(u.label for u in year.units if u.withheld)
