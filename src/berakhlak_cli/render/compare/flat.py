"""The comparison as JSON (``berakhlak-comparison`` v1), CSV and Markdown.

Every format carries the comparability verdict: JSON has ``comparable`` and the differences
per pair of years; each CSV row has ``comparable`` and ``differences`` columns; Markdown opens
with a warning block. CSV numbers use a dot decimal and text cells are formula-neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from berakhlak_cli.model.change import ChangeInterval
from berakhlak_cli.model.comparison import Comparison, Line, YearResult
from berakhlak_cli.model.results import Provenance, Score
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.cell_text import markdown_cell, safe_cell
from berakhlak_cli.render.compare.text import (
    band_legend,
    ci_notes,
    line_cells,
    measure_lines,
    single_year_note,
    table_head,
    warning_lines,
    year_line,
)
from berakhlak_cli.render.language.words import word

FORMAT = "berakhlak-comparison"
FORMAT_VERSION = 1


def _figure(figure: Score | None, year: YearResult) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "year": year.year,
        "raw": figure.raw,
        "rounded": figure.rounded,
        "band": figure.band,
        "band_label": year.band_label(figure.band) or None,
        "respondents": figure.respondents,
    }


def _line(line: Line, comparison: Comparison) -> dict[str, Any]:
    years = comparison.years
    return {
        "figures": [_figure(f, y) for f, y in zip(line.figures, years, strict=True)],
        "changes": [
            {
                "from": old.year,
                "to": new.year,
                "delta": s.delta,
                "from_band": s.old_band,
                "to_band": s.new_band,
                "band_changed": s.band_changed,
                **_change(s.change),
            }
            for s, old, new in zip(line.steps, years, years[1:], strict=False)
        ],
    }


def _finite(value: float | None) -> float | None:
    """None for a missing or non-finite number (JSON has no NaN)."""
    return value if value is not None and math.isfinite(value) else None


def _change(change: ChangeInterval | None) -> dict[str, Any]:
    """The change on raw scores with its interval, the meaningful flag and why there is none."""
    if change is None:
        keys = ("change_raw", "change_lower", "change_upper", "change_se", "change_df", "level")
        rest = ("min_meaningful", "meaningful", "reason", "detail")
        return dict.fromkeys((*keys, *rest))
    return {
        "change_raw": change.estimate,
        "change_lower": change.lower,
        "change_upper": change.upper,
        "change_se": change.se,
        "change_df": _finite(change.df),
        "level": change.level,
        "min_meaningful": change.min_meaningful,
        "meaningful": change.meaningful,
        "reason": change.reason.value if change.reason else None,
        "detail": change.detail or None,
    }


def _year(year: YearResult) -> dict[str, Any]:
    rubric = year.rubric
    return {
        "year": year.year,
        "year_source": year.year_source.value,
        "source": year.source,
        "sha256": year.sha256,
        "kind": year.kind.value,
        "headline": year.headline.value,
        "instrument": year.instrument,
        "label": year.label,
        "rubric": (
            None
            if rubric is None
            else {"id": rubric.id, "version": rubric.version, "sha256": rubric.sha256}
        ),
        "respondents": year.respondents,
    }


def comparison_document(comparison: Comparison, provenance: Provenance) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "berakhlak-cli", "version": provenance.tool_version},
        "generated_at": provenance.generated_at,
        "comparable": comparison.comparable,
        "years": [_year(y) for y in comparison.years],
        "checks": [
            {
                "from": c.old.year,
                "to": c.new.year,
                "comparable": c.comparable,
                "differences": [d.as_dict() for d in c.differences],
            }
            for c in comparison.checks
        ],
        "index": _line(comparison.index, comparison),
        "values": [
            {"id": v.key, "code": v.code, "label": v.label, **_line(v, comparison)}
            for v in comparison.values
        ],
        "units": [
            {
                "name": u.label,
                **_line(u, comparison),
                "values": [
                    {"id": v.key, **_line(v, comparison)}
                    for v in comparison.unit_values.get(u.label, ())
                ],
            }
            for u in comparison.units
        ],
        "units_one_year": [
            {
                "name": u.line.label,
                "year": u.year,
                "figures": _line(u.line, comparison)["figures"],
            }
            for u in comparison.single_year_units
        ],
    }


def render_comparison_json(comparison: Comparison, provenance: Provenance) -> str:
    """Pretty-printed JSON (UTF-8, stable key order)."""
    doc = comparison_document(comparison, provenance)
    return json.dumps(doc, ensure_ascii=False, indent=2, default=list) + "\n"


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def comparison_rows(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the long CSV: one row per (scope, unit, value)."""
    years = comparison.years
    pairs = list(zip(years, years[1:], strict=False))
    head = ["scope", "unit", "value", "code"]
    head += [str(y.year) for y in years] + [f"band_{y.year}" for y in years]
    head += [f"change_{a.year}_{b.year}" for a, b in pairs]
    for a, b in pairs:
        span = f"{a.year}_{b.year}"
        head += [f"change_lower_{span}", f"change_upper_{span}", f"meaningful_{span}"]
        head.append(f"reason_{span}")
    head += ["comparable", "differences"]
    aspects = ";".join(dict.fromkeys(d.aspect for c in comparison.checks for d in c.differences))
    verdict = ["true" if comparison.comparable else "false", aspects]

    def row(scope: str, unit: str, line: Line) -> list[str]:
        cells = [scope, safe_cell(unit), line.key if line.code else "", line.code]
        cells += [_num(f.rounded if f else None) for f in line.figures]
        cells += [(f.band or "") if f else "" for f in line.figures]
        cells += [_num(s.delta) for s in line.steps]
        for s in line.steps:
            c = s.change
            cells += [_num(c.lower if c else None), _num(c.upper if c else None)]
            flag = None if c is None else c.meaningful
            reason = c.reason.value if c is not None and c.reason is not None else ""
            cells += ["" if flag is None else str(flag).lower(), reason]
        return cells + verdict

    rows = [row("index", "", comparison.index)]
    rows += [row("value", "", v) for v in comparison.values]
    for unit in comparison.units:
        rows.append(row("unit", unit.label, unit))
        rows += [row("unit_value", unit.label, v) for v in comparison.unit_values[unit.label]]
    rows += [row("unit_one_year", u.line.label, u.line) for u in comparison.single_year_units]
    return head, rows


def render_comparison_csv(comparison: Comparison) -> str:
    """The long CSV (dot decimals, formula-safe text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head, rows = comparison_rows(comparison)
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()


def _md_table(comparison: Comparison, first: str, lines: list[tuple[str, Line]], lang: Lang) -> str:
    shown = [line for _, line in lines]
    head = table_head(comparison, first, shown, lang)
    out = ["| " + " | ".join(markdown_cell(h) for h in head) + " |"]
    out.append("| --- |" + " ---: |" * (len(head) - 2) + " --- |")
    for (label, _), row in zip(lines, line_cells(comparison, shown, lang), strict=True):
        cells = [label, *row.figures, *row.steps, *row.intervals, row.bands]
        out.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    notes = ci_notes(comparison, shown, lang)
    return "\n".join(out) + "".join(f"\n\n{markdown_cell(note)}" for note in notes)


def render_comparison_markdown(comparison: Comparison, lang: Lang) -> str:
    """Warning block (when not comparable), the index/value table and the unit table."""
    parts = [f"## {word('title_compare', lang)}", ""]
    parts += [f"- {markdown_cell(year_line(y, lang))}" for y in comparison.years]
    parts.append("")
    warnings = warning_lines(comparison, lang)
    if warnings:
        parts.append(f"> **⚠ {word('not_comparable', lang)}**")
        for heading, lines in warnings:
            parts.append(">")
            parts.append(f"> **{markdown_cell(heading)}**")
            parts += [f"> - {markdown_cell(line)}" for line in lines]
        parts += [">", f"> {word('not_comparable_why', lang)}", ""]
    else:
        parts += [word("comparable", lang), ""]
    rows = measure_lines(comparison, lang)
    parts += [_md_table(comparison, word("measure", lang), rows, lang), ""]
    parts += [markdown_cell(band_legend(comparison, lang)), ""]
    if comparison.units:
        parts += [f"### {word('per_unit', lang)}", ""]
        units = [(u.label, u) for u in comparison.units]
        parts += [_md_table(comparison, word("unit", lang), units, lang), ""]
    if single := single_year_note(comparison, lang):
        parts += [f"> **⚠** {markdown_cell(single)}", ""]
    return "\n".join(parts)
