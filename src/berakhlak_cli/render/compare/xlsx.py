"""The comparison as workbook sheets: values, units, unit × value, comparability and sources.

When the years are not comparable every table sheet opens with the warning in red, and the
comparability sheet comes first.
"""

from __future__ import annotations

from berakhlak_cli.model.comparison import Comparison, Line
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.compare.flat import comparison_rows
from berakhlak_cli.render.compare.text import (
    band_chain,
    change_heads,
    ci_notes,
    ci_pairs,
    meaningful_text,
    measure_lines,
    single_year_note,
    warning_lines,
    year_line,
)
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.xlsx import Cell, Sheet


def _banner(comparison: Comparison, lang: Lang) -> list[str]:
    warnings = warning_lines(comparison, lang)
    if not warnings:
        return []
    out = [f"⚠ {word('not_comparable', lang)}"]
    for heading, lines in warnings:
        out.append(heading + ": " + "; ".join(lines))
    out.append(word("not_comparable_why", lang))
    return out


def _table(
    comparison: Comparison, first: str, lines: list[tuple[str, Line]], lang: Lang
) -> tuple[list[str], list[list[Cell]]]:
    years = comparison.years
    head = [first, *(str(y.year) for y in years), *change_heads(comparison, lang)]
    shown = [line for _, line in lines]
    pairs = ci_pairs(shown)
    level = next(
        (f"{c.level * 100:g}" for line in shown for s in line.steps if (c := s.change)), "95"
    )
    for i in pairs:
        span = "" if len(years) == 2 else f" {years[i].year}→{years[i + 1].year}"
        head += [word(k, lang, level=level) + span for k in ("ci_low", "ci_high")]
        head.append(word("meaningful", lang) + span)
    head.append(word("category", lang))
    rows: list[list[Cell]] = []
    for label, line in lines:
        row: list[Cell] = [label]
        row += [f.rounded if f else None for f in line.figures]
        row += [s.delta for s in line.steps]
        for i in pairs:
            change = line.steps[i].change
            ends = change.rounded if change is not None else None
            row += [ends[0], ends[1]] if ends else [None, None]
            row.append(meaningful_text(line.steps[i], lang))
        row.append(band_chain(line))
        rows.append(row)
    # NOTE: notes start in column B so that column A keeps the width of the labels.
    rows += [[None, note] for note in ci_notes(comparison, shown, lang)]
    return head, rows


def comparison_sheets(comparison: Comparison, lang: Lang) -> list[Sheet]:
    """One sheet per table (see module docstring)."""
    banner = _banner(comparison, lang)
    measures = measure_lines(comparison, lang)
    head, rows = _table(comparison, word("measure", lang), measures, lang)
    sheets = [Sheet(word("title_compare", lang), head, rows, banner)]
    if comparison.units:
        units = [(u.label, u) for u in comparison.units]
        head, rows = _table(comparison, word("unit", lang), units, lang)
        sheets.append(Sheet(word("per_unit", lang), head, rows, banner))
        long_head, long_rows = comparison_rows(comparison)
        numeric: list[list[Cell]] = [
            [
                _number(cell) if 4 <= i < 4 + len(comparison.years) else cell
                for i, cell in enumerate(row)
            ]
            for row in long_rows
        ]
        sheets.append(Sheet(word("sheet_unit_values", lang), long_head, numeric, banner))
    if comparison.single_year_units:
        single: list[list[Cell]] = []
        for unit in comparison.single_year_units:
            figure = next((f for f in unit.line.figures if f is not None), None)
            rounded, band = (figure.rounded, figure.band) if figure else (None, None)
            single.append([unit.line.label, unit.year, rounded, band])
        head = [word("unit", lang), word("year", lang), word("index", lang), word("category", lang)]
        note = [single_year_note(comparison, lang)]
        sheets.append(Sheet(word("single_year_sheet", lang), head, single, note))
    diff_rows: list[list[Cell]] = [
        [f"{c.old.year}→{c.new.year}", d.aspect, d.detail, _text(d.old), _text(d.new)]
        for c in comparison.checks
        for d in c.differences
    ]
    checks = Sheet(
        word("sheet_checks", lang),
        ["years", "aspect", "detail", "old", "new"],
        diff_rows,
        banner or [word("comparable", lang)],
    )
    sources = Sheet(
        word("sec_years", lang),
        [word("year", lang), word("file", lang), "sha256", word("instrument", lang)],
        [[y.year, year_line(y, lang), y.sha256, y.instrument] for y in comparison.years],
    )
    return [checks, *sheets, sources] if banner else [*sheets, checks, sources]


def _number(cell: str) -> Cell:
    return float(cell) if cell else None


def _text(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
