"""The comparison as rich renderables: where each year comes from, the comparability warning,
the index and value table, and the per-unit table."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from berakhlak_cli.model.comparison import Comparison, Line
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.cell_text import visible
from berakhlak_cli.render.compare.text import (
    band_legend,
    ci_headers,
    ci_notes,
    line_cells,
    measure_lines,
    single_year_note,
    warning_lines,
    year_line,
)
from berakhlak_cli.render.language.words import word


def _delta_style(delta: float | None) -> str:
    if delta is None or abs(delta) < 1e-9:
        return "dim"
    return "green" if delta > 0 else "red"


def _table(comparison: Comparison, first: str, lines: list[tuple[str, Line]], lang: Lang) -> Table:
    table = Table(header_style="bold", title_justify="left")
    table.add_column(escape(first), overflow="fold")
    years = comparison.years
    for year in years:
        table.add_column(str(year.year), justify="right", no_wrap=True)
    for old, new in zip(years, years[1:], strict=False):
        title = word("change", lang) if len(years) == 2 else f"Δ {old.year}→{new.year}"
        table.add_column(title, justify="right", no_wrap=True)
    shown = [line for _, line in lines]
    for title in ci_headers(comparison, shown, lang):
        table.add_column(title, justify="right", no_wrap=True)
    table.add_column(word("category", lang), no_wrap=True)
    for (label, line), row in zip(lines, line_cells(comparison, shown, lang), strict=True):
        cells = [Text(visible(label)), *(Text(text) for text in row.figures)]
        cells += [
            Text(text, style=_delta_style(s.delta))
            for text, s in zip(row.steps, line.steps, strict=True)
        ]
        cells += [Text(c) for c in row.intervals]
        changed = any(s.band_changed for s in line.steps)
        cells.append(Text(row.bands, style="bold" if changed else ""))
        table.add_row(*cells)
    return table


def render_comparison(comparison: Comparison, lang: Lang) -> RenderableType:
    """Year sources, the warning (when not comparable), the value table and the unit table."""
    parts: list[RenderableType] = [Text(word("title_compare", lang), style="bold")]
    parts += [Text(visible(year_line(y, lang)), style="dim") for y in comparison.years]
    warnings = warning_lines(comparison, lang)
    if warnings:
        body = Text()
        for heading, lines in warnings:
            body.append(heading + "\n", style="bold")
            for line in lines:
                body.append(f"• {visible(line)}\n")
        body.append(word("not_comparable_why", lang))
        parts.append(
            Panel(
                body,
                title=f"⚠ {word('not_comparable', lang)}",
                title_align="left",
                border_style="bold red",
                width=88,
            )
        )
    else:
        parts.append(Text(word("comparable", lang), style="green"))
    rows = measure_lines(comparison, lang)
    parts.append(_table(comparison, word("measure", lang), rows, lang))
    parts.append(Text(band_legend(comparison, lang), style="dim"))
    notes = ci_notes(comparison, [line for _, line in rows], lang)
    parts += [Text(visible(note), style="dim") for note in notes]
    if comparison.units:
        parts.append(Text(word("per_unit", lang), style="bold"))
        parts.append(
            _table(comparison, word("unit", lang), [(u.label, u) for u in comparison.units], lang)
        )
        unit_notes = ci_notes(comparison, comparison.units, lang)
        parts += [Text(visible(n), style="dim") for n in unit_notes if n not in notes]
    elif any(y.units for y in comparison.years):
        parts.append(Text(word("no_units", lang), style="dim"))
    if single := single_year_note(comparison, lang):
        parts.append(Text(single, style="yellow"))
    return Group(*parts)
