"""HTML output: the leaders' report and the ``compare --format html`` page (Jinja2).

Templates are package data (``render/templates``). Autoescaping is on for every template and
undefined variables raise (``StrictUndefined``), so a unit called ``<script>`` renders as text
and a template typo fails the tests instead of printing a blank. The page is self-contained:
inline CSS, inline SVG charts, no script, no external URL; the same inputs and
``generated_at`` give a byte-identical file.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from berakhlak_cli.model.comparison import Comparison
from berakhlak_cli.model.results import Provenance, Score
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.cell_text import visible
from berakhlak_cli.render.compare.text import (
    band_legend,
    index_label,
    index_short,
    line_label,
    measure_lines,
    single_year_note,
    warning_lines,
    year_line,
)
from berakhlak_cli.render.language.dates import human_date
from berakhlak_cli.render.language.words import word, words
from berakhlak_cli.render.report.behaviours import (
    behaviour_table,
    distribution_caption,
    distribution_svg,
    priorities_table,
    unit_pages,
    withheld_names,
)
from berakhlak_cli.render.report.charts import Series, heatmap_chart, values_chart
from berakhlak_cli.render.report.method import method_blocks
from berakhlak_cli.render.report.view import ReportView, build_view, line_table


def _finalize(value: object) -> object:
    """Every ``{{ ... }}`` text passes through ``cell_text.visible`` before autoescaping (a
    ``Markup`` value, the charts' SVG, is ours and passes as it is)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


@cache
def environment() -> Environment:
    """The Jinja2 environment (autoescape, visible text, strict undefined, package templates)."""
    return Environment(
        loader=PackageLoader("berakhlak_cli", "render/templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _generated(provenance: Provenance, lang: Lang) -> str:
    when = human_date(provenance.generated_at, lang)
    return word("generated", lang, when=when, version=provenance.tool_version)


def _rounded(figure: Score | None) -> float | None:
    return figure.rounded if figure is not None else None


def _interval(figure: Score | None) -> tuple[float, float] | None:
    known = figure.interval if figure is not None else None
    return (known.lower, known.upper) if known is not None else None


def _values_svg(comparison: Comparison, lang: Lang) -> Markup:
    lines = [*comparison.values, comparison.index]
    categories = [*(v.code for v in comparison.values), index_short(comparison.years, lang)]
    series = [
        Series(
            str(year.year),
            [_rounded(line.figures[pos]) for line in lines],
            [_interval(line.figures[pos]) for line in lines],
        )
        for pos, year in enumerate(comparison.years)
    ]
    newest = comparison.years[-1]
    svg = values_chart(
        categories,
        series,
        newest.bands,
        lang.value,
        word("chart_values_alt", lang),
        max(y.decimals for y in comparison.years),
    )
    return Markup(svg)  # noqa: S704 - matplotlib output; its text is escaped or drawn as paths


def _value_legend(comparison: Comparison, lang: Lang) -> str:
    """Value codes, and what the index bar is when it is not simply the survey's index."""
    legend = " · ".join(line_label(v, comparison, lang) for v in comparison.values)
    short, long = index_short(comparison.years, lang), index_label(comparison.years, lang)
    if short != long:
        legend += f" · {short} = {long}"
    if any(y.headline.value == "combined" for y in comparison.years):
        legend += " · " + word("combined_note", lang)
    return legend


def _errorbar_caption(comparison: Comparison, lang: Lang) -> str:
    """The chart caption's note on error bars (empty when no figure has an interval)."""
    levels = [
        year.change.confidence if year.change else 0.95
        for pos, year in enumerate(comparison.years)
        if any(_interval(line.figures[pos]) for line in (*comparison.values, comparison.index))
    ]
    return word("chart_errorbars", lang, level=f"{levels[-1] * 100:g}") if levels else ""


def _heatmap_svg(view: ReportView, lang: Lang) -> Markup | None:
    year = view.unit_year
    if year is None:
        return None
    units = [u for u in year.units if u.headline is not None or u.scored_values]
    if not units:
        return None
    units.sort(key=lambda u: (-(u.headline.rounded if u.headline else -1.0), u.label))
    columns = [*(v.code for v in year.values), index_short([year], lang)]
    matrix = [
        [
            *(_rounded(u.values.get(v.id)) for v in year.values),
            u.headline.rounded if u.headline else None,
        ]
        for u in units
    ]
    svg = heatmap_chart(
        [f"{u.label} *" if u.eligible is False else u.label for u in units],
        columns,
        matrix,
        year.bands,
        lang.value,
        word("chart_heatmap_alt", lang),
        year.decimals,
    )
    return Markup(svg)  # noqa: S704 - matplotlib output; unit names are drawn as paths


def _trend_svg(comparison: Comparison, lang: Lang) -> Markup | None:
    """Small multiples of the index and each value over the years (two years or more)."""
    if len(comparison.years) < 2:
        return None
    from berakhlak_cli.render.report.charts_more import trend_chart

    panels = [
        (index_label(comparison.years, lang), [_rounded(f) for f in comparison.index.figures])
    ]
    panels += [
        (line_label(v, comparison, lang), [_rounded(f) for f in v.figures])
        for v in comparison.values
    ]
    svg = trend_chart(
        panels,
        [y.year for y in comparison.years],
        comparison.years[-1].bands,
        lang.value,
        word("sec_trends", lang),
        max(y.decimals for y in comparison.years),
        [c.comparable for c in comparison.checks],
    )
    return Markup(svg)  # noqa: S704 - matplotlib output; labels are drawn as paths


def _behaviour_context(view: ReportView, lang: Lang) -> dict[str, Any]:
    """The behaviour sections (empty when the newest unit year has no behaviour fields)."""
    year = view.unit_year
    if year is None or not year.institution_behaviours:
        return {"table": None}
    kind = word("headline_" + year.headline.value, lang)
    return {
        "table": behaviour_table(year, lang),
        "chart": distribution_svg(year.institution_behaviours, year, lang, "likert-institution"),
        "caption": distribution_caption(year, lang),
        "priorities": priorities_table(year, lang),
        "pages": unit_pages(year, lang, kind[:1].upper() + kind[1:]),
        "withheld": ", ".join(withheld_names(year)),
        "headings": {
            key: word(f"sec_{key}", lang, year=year.year)
            for key in ("behaviours", "distribution", "priorities", "units")
        },
    }


def render_report(
    comparison: Comparison,
    lang: Lang,
    provenance: Provenance,
    title: str | None = None,
    institution: str | None = None,
    period: str | None = None,
) -> str:
    """The self-contained HTML report (one year or many); ``institution`` and ``period``
    name the institution and the period when the results do not."""
    view = build_view(comparison, lang, title)
    if institution:
        view = replace(view, institution=institution)
    if period:
        view = replace(view, years_text=period)
    unit_year = view.unit_year.year if view.unit_year else ""
    context: dict[str, Any] = {
        "lang": lang.value,
        "version": provenance.tool_version,
        "page_title": " — ".join(p for p in (view.title, view.institution, view.years_text) if p),
        "page_word": word("page", lang),
        "generated": _generated(provenance, lang),
        "v": view,
        "single_year": single_year_note(comparison, lang),
        "w": words(lang),
        "b": _behaviour_context(view, lang),
        "charts": {
            "trend": _trend_svg(comparison, lang),
            "bars": _values_svg(comparison, lang),
            "heatmap": _heatmap_svg(view, lang),
            "heatmap_note": (
                word("below_minimum_mark", lang)
                if view.unit_year and any(u.eligible is False for u in view.unit_year.units)
                else ""
            ),
            "errorbars": _errorbar_caption(comparison, lang),
        },
        "headings": {
            key: word(f"sec_{key}", lang, year=unit_year)
            for key in ("heatmap", "ranking", "coverage", "gaps")
        },
        "value_legend": _value_legend(comparison, lang),
        "band_legend": band_legend(comparison, lang),
        "method": method_blocks(comparison.years, lang),
    }
    return environment().get_template("report.html.j2").render(context)


def render_compare_html(comparison: Comparison, lang: Lang, provenance: Provenance) -> str:
    """``compare --format html``: the comparison tables with the comparability warning."""
    measures = measure_lines(comparison, lang)
    units = [(u.label, u) for u in comparison.units]
    context: dict[str, Any] = {
        "lang": lang.value,
        "version": provenance.tool_version,
        "page_title": word("title_compare", lang),
        "page_word": word("page", lang),
        "generated": _generated(provenance, lang),
        "w": words(lang),
        "year_lines": [year_line(y, lang) for y in comparison.years],
        "warnings": warning_lines(comparison, lang),
        "values": line_table(comparison, word("measure", lang), measures, lang),
        "units": line_table(comparison, word("unit", lang), units, lang) if units else None,
        "band_legend": band_legend(comparison, lang),
        "single_year": single_year_note(comparison, lang),
    }
    return environment().get_template("compare.html.j2").render(context)
