"""The report's method appendix: for each year, where its numbers come from and how they were made.

Rubric id, version and sha256, the value weights and survey/evidence weights (from the rubric
fingerprint in the results JSON), bands, rounding, input files with their sha256, and the tool
version; for published figures, the sources and notes typed in with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak_cli.model.comparison import Headline, ResultKind, YearResult
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.dates import human_date
from berakhlak_cli.render.language.number import fmt_count, fmt_number
from berakhlak_cli.render.language.words import has_word, word
from berakhlak_cli.render.report.cells import Cell, Table, band_css


@dataclass(frozen=True)
class MethodBlock:
    """One year's provenance and scoring rules."""

    title: str
    facts: list[tuple[str, str]]
    bands: Table
    inputs: Table | None
    citations: list[str]
    notes: str


def _percent(share: object, lang: Lang) -> str:
    if not isinstance(share, int | float):
        return "—"
    return fmt_number(float(share) * 100, 1, lang) + " %"


def _weights(year: YearResult, lang: Lang) -> str:
    summary = year.rubric.summary if year.rubric else None
    values = summary.get("values") if summary else None
    if not isinstance(values, dict):
        return word("unknown", lang)
    parts = []
    for vid, info in values.items():
        code = info.get("code", vid) if isinstance(info, dict) else vid
        parts.append(
            f"{code} {_percent(info.get('weight') if isinstance(info, dict) else None, lang)}"
        )
    return " · ".join(parts)


def _combination(year: YearResult, lang: Lang) -> str | None:
    summary = year.rubric.summary if year.rubric else None
    evaluation = summary.get("evaluation") if summary else None
    if year.headline != Headline.COMBINED or not isinstance(evaluation, dict):
        return None
    survey = _percent(evaluation.get("survey_weight"), lang)
    evidence = _percent(evaluation.get("evaluation_weight"), lang)
    index, what = word("index", lang), word("evidence", lang).lower()
    return f"{index} = {survey} × {word('survey', lang)} + {evidence} × {what}"


def _bands(year: YearResult, lang: Lang) -> Table:
    top = max((b.upper for b in year.bands), default=100.0)
    rows = []
    for band in sorted(year.bands, key=lambda b: -b.upper):
        upper = fmt_number(band.upper, 0, lang)
        edge = f"{upper}" if band.upper == top else f"< {upper}"
        span = f"{fmt_number(band.lower, 0, lang)} – {edge}"
        rows.append(
            [Cell(band.code, band_css(year, band.code)), Cell(band.name(lang)), Cell(span, "num")]
        )
    return Table([word("category", lang), "", ""], rows)


def method_block(year: YearResult, lang: Lang) -> MethodBlock:
    """The appendix entry of one year."""
    kind = word("kind_scored" if year.kind == ResultKind.SCORED else "kind_published", lang)
    facts = [
        (word("file", lang), year.source),
        (word("sha256", lang), year.sha256),
        (word("source_kind", lang), kind),
        (word("year", lang), f"{year.year} ({word('year_' + year.year_source.value, lang)})"),
        (word("instrument", lang), year.instrument or "—"),
    ]
    if year.rubric is not None:
        rubric = year.rubric
        facts.append(
            (word("rubric", lang).capitalize(), f"{rubric.id} {rubric.version} — {rubric.title}")
        )
        facts.append((f"{word('rubric', lang).capitalize()} sha256", rubric.sha256 or "—"))
        facts.append((word("weights", lang), _weights(year, lang)))
    facts.append((word("index", lang), word("headline_" + year.headline.value, lang)))
    if (combination := _combination(year, lang)) is not None:
        facts.append(("", combination))
    band_on = year.rounding_band_on or "rounded"
    on = word(f"band_on_{band_on}", lang) if band_on in ("rounded", "raw") else band_on
    rule = "rounding_rule_even" if year.rounding_mode == "half_even" else "rounding_rule"
    facts.append((word("rounding", lang), word(rule, lang, decimals=year.decimals, on=on)))
    facts.append((word("respondents", lang), fmt_count(year.respondents, lang)))
    if year.tool_version:
        facts.append((word("tool", lang), f"berakhlak-cli {year.tool_version}"))
    if year.generated_at:
        facts.append((word("generated_at", lang), human_date(year.generated_at, lang)))
    for name, figure in year.other_indices.items():
        value = f"{fmt_number(figure.rounded, year.decimals, lang)} ({figure.band or '—'})"
        facts.append((f"{word('other_indices', lang)}: {_spoken(name)}", value))
    inputs = None
    if year.inputs:
        inputs = Table(
            [word("source_kind", lang), word("file", lang), "sha256"],
            [
                [Cell(role_name(i.role, lang)), Cell(i.name), Cell(i.sha256, "mono")]
                for i in year.inputs
            ],
        )
    title = f"{year.year} — {year.source}"
    return MethodBlock(title, facts, _bands(year, lang), inputs, list(year.citations), year.notes)


def role_name(role: str, lang: Lang) -> str:
    """An input file's role in words (``survey`` -> ``Survei``; ``results-2024`` -> ``Hasil
    2024``); an unknown role is shown as recorded."""
    if role.startswith("results-"):
        return word("role_results", lang, year=role.removeprefix("results-"))
    return word(f"role_{role}", lang) if has_word(f"role_{role}") else role


def _spoken(key: str) -> str:
    """A key typed in a published-figures file as words: ``energi_positif`` -> ``Energi
    positif``."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def method_blocks(years: tuple[YearResult, ...], lang: Lang) -> list[MethodBlock]:
    """Appendix entries, oldest year first."""
    return [method_block(y, lang) for y in years]
