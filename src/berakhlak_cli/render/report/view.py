"""The HTML report's content as plain, already-formatted data (templates only lay it out).

Numbers are formatted here in the report's language (76,3 / 76.3), so the templates hold no
logic beyond loops. Unit-level sections (heat map, ranking, coverage, evidence gaps) describe
the newest year that has unit rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from berakhlak_cli.model.comparison import Comparison, Line, YearResult
from berakhlak_cli.model.comparison import Headline as HeadlineKind
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.compare.text import (
    ci_notes,
    ci_text,
    decimals,
    figure_text,
    index_label,
    line_cells,
    line_label,
    meaningful_text,
    table_head,
    warning_lines,
)
from berakhlak_cli.render.language.number import fmt_delta
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.report.cells import Cell, Table, band_cell, band_css, delta_css
from berakhlak_cli.render.report.units import coverage_table, gaps_table, ranking_table


@dataclass(frozen=True)
class Headline:
    """The newest year's index, category and change from the year before."""

    year: int
    value: str
    band: str
    band_css: str
    change: str
    change_css: str
    previous: str
    change_ci: str = ""
    """``IK 95% 0,9–1,7; bermakna: tidak`` when the change has an interval."""
    kind: str = ""
    """Which index the headline is (``Indeks gabungan``, ``Indeks survei``, ``Indeks``)."""
    caution: str = ""
    """When the two years are not comparable: both figures and why the difference is no change
    (shown before the difference, which is then not coloured as a rise or fall)."""


@dataclass(frozen=True)
class ReportView:
    """Everything the report template shows."""

    lang: str
    title: str
    institution: str
    years_text: str
    warnings: list[tuple[str, list[str]]]
    headline: Headline | None
    index_table: Table
    values_table: Table
    unit_year: YearResult | None
    ranking: Table | None = None
    coverage: Table | None = None
    gaps: Table | None = None
    notes: list[str] = field(default_factory=list)
    years_count: int = 1


def line_table(
    comparison: Comparison, first: str, lines: list[tuple[str, Line]], lang: Lang
) -> Table:
    """Rows of label, a figure per year, a change per pair and the category chain."""
    years = comparison.years
    shown = [line for _, line in lines]
    head = table_head(comparison, first, shown, lang)
    rows = []
    for (label, line), row in zip(lines, line_cells(comparison, shown, lang), strict=True):
        cells = [Cell(label)]
        cells += [
            Cell(text, "num " + band_css(y, f.band if f else None))
            for text, f, y in zip(row.figures, line.figures, years, strict=True)
        ]
        cells += [
            Cell(text, delta_css(s.delta)) for text, s in zip(row.steps, line.steps, strict=True)
        ]
        cells += [Cell(text, "num") for text in row.intervals]
        cells.append(Cell(row.bands, "strong" if any(s.band_changed for s in line.steps) else ""))
        rows.append(cells)
    return Table(head, rows, ci_notes(comparison, shown, lang))


def _headline(comparison: Comparison, lang: Lang) -> Headline | None:
    line = comparison.index
    known = [(y, f) for y, f in zip(comparison.years, line.figures, strict=True) if f is not None]
    if not known:
        return None
    year, figure = known[-1]
    change, change_css, previous, change_ci, caution = "", "", "", "", ""
    if len(known) > 1:
        before, old = known[-2]
        change_ci = _headline_ci(comparison, before, year, lang)
        places = max(year.decimals, before.decimals)
        delta = figure.rounded - old.rounded
        change = fmt_delta(delta, places, lang)
        change_css = delta_css(delta)
        previous = word(
            "from_year",
            lang,
            value=f"{figure_text(old, before, lang)} ({old.band or '—'})",
            year=before.year,
        )
        if not _comparable(comparison, before, year):
            change_css = ""
            caution = word(
                "headline_not_comparable",
                lang,
                old=f"{index_label([before], lang)} {figure_text(old, before, lang)}",
                old_year=before.year,
                new=f"{index_label([year], lang).lower()} {figure_text(figure, year, lang)}",
                new_year=year.year,
                delta=change,
            )
    return Headline(
        year=year.year,
        value=figure_text(figure, year, lang),
        band=f"{figure.band or '—'} {year.band_label(figure.band, lang)}".strip(),
        band_css=band_css(year, figure.band),
        change=change,
        change_css=change_css,
        previous=previous,
        change_ci=change_ci,
        kind=index_label([year], lang),
        caution=caution,
    )


def _comparable(comparison: Comparison, before: YearResult, after: YearResult) -> bool:
    """True when every consecutive pair from ``before`` to ``after`` is comparable."""
    years = list(comparison.years)
    first, last = years.index(before), years.index(after)
    return all(c.comparable for c in comparison.checks[first:last])


def _headline_ci(comparison: Comparison, before: YearResult, after: YearResult, lang: Lang) -> str:
    """The index change's interval and verdict (consecutive years with an interval only)."""
    pos = next(i for i, y in enumerate(comparison.years) if y is after)
    if pos == 0 or comparison.years[pos - 1] is not before:
        return ""
    s = comparison.index.steps[pos - 1]
    if s.change is None or not s.change.has_interval:
        return ""
    level = f"{s.change.level * 100:g}"
    ci = ci_text(s, decimals(comparison), lang)
    meaningful = f"{word('meaningful', lang)} {meaningful_text(s, lang)}"
    return f"{word('ci', lang, level=level)} {ci}; {meaningful}"


def _index_table(comparison: Comparison, lang: Lang) -> Table:
    rows = []
    for year, figure in zip(comparison.years, comparison.index.figures, strict=True):
        kind = word("headline_" + year.headline.value, lang)
        if year.headline == HeadlineKind.COMBINED and year.survey_index and year.evidence:
            parts = (
                f"{word('survey', lang)} {figure_text(year.survey_index, year, lang)}",
                f"{word('evidence', lang).lower()} {figure_text(year.evidence, year, lang)}",
            )
            kind += f" ({'; '.join(parts)})"
        rows.append(
            [
                Cell(str(year.year)),
                Cell(
                    figure_text(figure, year, lang),
                    "num " + band_css(year, figure.band if figure else None),
                ),
                band_cell(figure, year, lang),
                Cell(kind),
                Cell(year.instrument),
            ]
        )
    head = [
        word("year", lang),
        word("index", lang),
        word("category", lang),
        word("source_kind", lang),
        word("instrument", lang),
    ]
    return Table(head, rows)


def build_view(comparison: Comparison, lang: Lang, title: str | None) -> ReportView:
    """The report's content (see module docstring)."""
    years = comparison.years
    institution = next(
        (y.label for y in reversed(years) if y.kind.value == "published" and y.label), ""
    )
    values = [(line_label(v, comparison, lang), v) for v in comparison.values]
    unit_year = next((y for y in reversed(years) if y.units), None)
    return ReportView(
        lang=lang.value,
        title=title or word("title_report", lang),
        institution=institution,
        years_text=" – ".join(str(y.year) for y in years),
        warnings=warning_lines(comparison, lang),
        headline=_headline(comparison, lang),
        index_table=_index_table(comparison, lang),
        values_table=line_table(comparison, word("legend_values", lang), values, lang),
        unit_year=unit_year,
        ranking=ranking_table(comparison, unit_year, lang) if unit_year else None,
        coverage=coverage_table(unit_year, lang) if unit_year else None,
        gaps=gaps_table(unit_year, lang) if unit_year else None,
        years_count=len(years),
    )
