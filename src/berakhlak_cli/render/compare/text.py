"""Plain-text pieces every comparison output shares: year lines, differences, cells.

Differences are grouped by aspect so that 21 reworded items read as one line
("Butir diubah redaksinya (21): bp1, bp2, …") rather than 21.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from berakhlak_cli.model.comparison import (
    Comparison,
    Difference,
    Line,
    PairCheck,
    ResultKind,
    Step,
    YearResult,
)
from berakhlak_cli.model.results import Score
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.number import fmt_delta, fmt_number
from berakhlak_cli.render.language.words import has_word, word

SHOWN_DETAILS = 4
_KINDS = ("value", "behaviour", "item", "criterion", "evidence", "template")
_ACTIONS = ("added", "removed", "moved", "reworded", "weight")


def year_line(year: YearResult, lang: Lang) -> str:
    """``2024: hasil-2024.json (dihitung oleh berakhlak-cli, rubrik x 1; tahun dari ...)``."""
    kind = word("kind_scored" if year.kind == ResultKind.SCORED else "kind_published", lang)
    if year.rubric is not None:
        kind += f", {word('rubric', lang)} {year.rubric.id} {year.rubric.version}"
        kind += ", " + word("headline_" + year.headline.value, lang)
    return f"{year.year}: {year.source} ({kind}; {word('year_' + year.year_source.value, lang)})"


def _value_text(value: Any, lang: Lang) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, float):
        return fmt_number(value, 6, lang).rstrip("0").rstrip(",.")
    if isinstance(value, tuple | list) and len(value) == 2:
        return f"{_value_text(value[0], lang)}–{_value_text(value[1], lang)}"
    if isinstance(value, dict | list | tuple):
        return "…"
    return f"“{value}”" if isinstance(value, str) and " " in value else str(value)


def _title(aspect: str, lang: Lang) -> str:
    if has_word(f"aspect_{aspect}"):
        return word(f"aspect_{aspect}", lang)
    kind, _, action = aspect.partition("-")
    if kind in _KINDS:
        act = (
            word(f"act_{action}", lang)
            if action in _ACTIONS
            else word("act_other", lang, what=action)
        )
        return f"{word(f'kind_{kind}', lang)} {act}"
    return aspect


def describe(check: PairCheck, lang: Lang) -> list[str]:
    """One line per aspect that differs between the pair's years."""
    groups: dict[str, list[Difference]] = {}
    for diff in check.differences:
        groups.setdefault(diff.aspect, []).append(diff)
    old, new = check.old.year, check.new.year
    lines: list[str] = []
    for aspect, diffs in groups.items():
        title = _title(aspect, lang)
        if len(diffs) == 1 and aspect.split("-")[-1] not in ("added", "removed", "reworded"):
            d = diffs[0]
            what = "" if d.detail == aspect else f" ({d.detail})"
            was, now = _value_text(d.old, lang), _value_text(d.new, lang)
            lines.append(f"{title}{what}: {old} {was} → {new} {now}")
            continue
        names = [d.detail.split(".")[0] for d in diffs]
        names = list(dict.fromkeys(names))
        shown = ", ".join(names[:SHOWN_DETAILS]) + (", …" if len(names) > SHOWN_DETAILS else "")
        lines.append(f"{title} ({len(names)}): {shown}")
    return lines


def warning_lines(comparison: Comparison, lang: Lang) -> list[tuple[str, list[str]]]:
    """(pair heading, difference lines) for every pair that is not comparable."""
    return [
        (word("not_comparable_pair", lang, old=c.old.year, new=c.new.year), describe(c, lang))
        for c in comparison.checks
        if not c.comparable
    ]


def figure_text(figure: Score | None, year: YearResult, lang: Lang) -> str:
    """A figure as printed: ``76,3`` (``—`` when missing)."""
    return fmt_number(figure.rounded if figure else None, year.decimals, lang)


def step_text(s: Step, decimals: int, lang: Lang) -> str:
    """A change as printed: ``+16,8`` (``—`` when a side is missing)."""
    return fmt_delta(s.delta, decimals, lang)


def band_chain(line: Line) -> str:
    """Categories over the years: ``B → A`` (``—`` for a missing year)."""
    return " → ".join((f.band or "—") if f else "—" for f in line.figures)


def decimals(comparison: Comparison) -> int:
    """Decimals for changes: the finest of the years'."""
    return max(y.decimals for y in comparison.years)


def line_label(line: Line, comparison: Comparison, lang: Lang) -> str:
    """``HA Harmonis`` for a value (label in ``lang`` when known), the label otherwise."""
    for year in reversed(comparison.years):
        value = year.value(line.key) if line.code else None
        if value is not None:
            return f"{value.code} {value.name(lang)}"
    return f"{line.code} {line.label}".strip()


def kind_word(kind: str, lang: Lang) -> str:
    """``survei`` / ``gabungan`` / ``dipublikasikan`` for a year's headline kind."""
    return word(f"headline_kind_{kind}", lang)


def index_label(years: Sequence[YearResult], lang: Lang) -> str:
    """The index row's name, saying which index it is: ``Indeks survei``, ``Indeks gabungan``
    (survey + evidence), ``Indeks`` (published figures), or per year when the kinds differ
    (``Indeks (dipublikasikan → gabungan)``): a combined index is never passed off as the
    survey's, nor set beside it unnamed."""
    index = word("index", lang)
    kinds = list(dict.fromkeys(y.headline.value for y in years))
    if kinds == ["published"]:
        return index
    if len(kinds) == 1:
        kind = kind_word(kinds[0], lang)
        return f"{kind.capitalize()} {index.lower()}" if lang == Lang.EN else f"{index} {kind}"
    return f"{index} ({' → '.join(kind_word(y.headline.value, lang) for y in years)})"


def measure_lines(comparison: Comparison, lang: Lang) -> list[tuple[str, Line]]:
    """The rows of the measure table, named: the index first, then each value."""
    rows = [(index_label(comparison.years, lang), comparison.index)]
    return rows + [(line_label(v, comparison, lang), v) for v in comparison.values]


def index_short(years: Sequence[YearResult], lang: Lang) -> str:
    """``index_label`` for a chart axis: ``Indeks`` (published), ``Indeks survei``,
    ``Gabungan`` (combined), or ``Indeks*`` when the years differ (the caption says how)."""
    kinds = {y.headline.value for y in years}
    if kinds == {"published"}:
        return word("index", lang)
    if kinds == {"combined"}:
        return kind_word("combined", lang).capitalize()
    if kinds == {"index"}:
        return index_label(years, lang)
    return word("index", lang) + "*"


def band_legend(comparison: Comparison, lang: Lang) -> str:
    """``A Sehat · B Cukup Sehat · …`` from the newest year's bands."""
    bands = sorted(comparison.years[-1].bands, key=lambda b: -b.upper)
    return " · ".join(f"{b.code} {b.name(lang)}" for b in bands)


def _signed(value: float, decimals: int, lang: Lang) -> str:
    """``5,0`` / ``−0,4`` (a true minus sign; no plus, so ranges read ``−0,4–5,0``)."""
    text = fmt_number(abs(value), decimals, lang)
    return ("−" + text) if value < 0 and text.strip("0,.") else text


def ci_pairs(lines: Sequence[Line]) -> list[int]:
    """Positions of the year pairs where some line's change has an interval (they get columns)."""
    pairs = len(lines[0].steps) if lines else 0
    return [
        i
        for i in range(pairs)
        if any((c := line.steps[i].change) is not None and c.has_interval for line in lines)
    ]


def _level(lines: Sequence[Line]) -> str:
    for line in lines:
        for s in line.steps:
            if s.change is not None and s.change.has_interval:
                return f"{s.change.level * 100:g}"
    return "95"


def change_heads(comparison: Comparison, lang: Lang) -> list[str]:
    """One change column per pair of consecutive years ("Perubahan", or "Δ 2022→2024")."""
    years = comparison.years
    return [
        word("change", lang) if len(years) == 2 else f"Δ {a.year}→{b.year}"
        for a, b in zip(years, years[1:], strict=False)
    ]


def table_head(comparison: Comparison, first: str, lines: Sequence[Line], lang: Lang) -> list[str]:
    """Columns of a comparison table: label, years, changes, change intervals, category."""
    years = [str(y.year) for y in comparison.years]
    head = [first, *years, *change_heads(comparison, lang)]
    return [*head, *ci_headers(comparison, lines, lang), word("category", lang)]


def ci_headers(comparison: Comparison, lines: Sequence[Line], lang: Lang) -> list[str]:
    """Titles of the interval and "meaningful?" columns: two per pair from ``ci_pairs``."""
    years, level = comparison.years, _level(lines)
    out: list[str] = []
    for i in ci_pairs(lines):
        if len(years) == 2:
            out += [word("ci_change", lang, level=level), word("meaningful", lang)]
        else:
            pair = f"{years[i].year}→{years[i + 1].year}"
            out += [f"{word('ci', lang, level=level)} {pair}", f"{word('meaningful', lang)} {pair}"]
    return out


def ci_text(s: Step, decimals: int, lang: Lang) -> str:
    """The change's interval as printed, ``−0,4–5,0`` (``—`` when there is none)."""
    if s.change is None or s.change.rounded is None:
        return "—"
    low, high = s.change.rounded
    return f"{_signed(low, decimals, lang)}–{_signed(high, decimals, lang)}"


def meaningful_text(s: Step, lang: Lang) -> str:
    """``ya`` / ``tidak`` / ``—`` (no interval)."""
    if s.change is None or s.change.meaningful is None:
        return "—"
    return word("yes" if s.change.meaningful else "no", lang)


def ci_cells(line: Line, pairs: Sequence[int], decimals: int, lang: Lang) -> list[str]:
    """The interval and "meaningful?" cells of ``line`` for each pair in ``pairs``."""
    out: list[str] = []
    for i in pairs:
        out += [ci_text(line.steps[i], decimals, lang), meaningful_text(line.steps[i], lang)]
    return out


def ci_notes(comparison: Comparison, lines: Sequence[Line], lang: Lang) -> list[str]:
    """The meaningful-change rule (when some change has an interval) and why the others have
    none; nothing when every year is a published figure (no interval was to be expected)."""
    if not any(y.kind == ResultKind.SCORED for y in comparison.years):
        return []
    changes = [s.change for line in lines for s in line.steps if s.change is not None]
    notes: list[str] = []
    with_ci = [c for c in changes if c.has_interval]
    if with_ci:
        newest = with_ci[-1]
        minimum = fmt_number(newest.min_meaningful, decimals(comparison), lang)
        notes.append(word("meaningful_rule", lang, level=_level(lines), min=minimum))
    reasons = dict.fromkeys(c.reason.value for c in changes if c.reason is not None)
    notes += [word(f"no_ci_{reason}", lang) for reason in reasons]
    return notes


def single_year_text(comparison: Comparison, lang: Lang) -> str:
    """``Biro Lama (2022), Biro Baru (2024)``: the units found in one year only."""
    return ", ".join(f"{u.line.label} ({u.year})" for u in comparison.single_year_units)


def single_year_note(comparison: Comparison, lang: Lang) -> str:
    """The sentence every format prints under the unit table ("" when there are none)."""
    if not comparison.single_year_units:
        return ""
    return word("single_year", lang, names=single_year_text(comparison, lang))


@dataclass(frozen=True)
class LineCells:
    """The texts of one table row (the renderers style them): a figure per year, a change per
    pair of consecutive years, the interval cells, and the chain of bands."""

    figures: list[str]
    steps: list[str]
    intervals: list[str]
    bands: str


def line_cells(comparison: Comparison, lines: Sequence[Line], lang: Lang) -> list[LineCells]:
    """The cell texts of each of ``lines``, the interval columns shared by the whole table."""
    places, pairs = decimals(comparison), ci_pairs(lines)
    return [
        LineCells(
            [figure_text(f, y, lang) for f, y in zip(line.figures, comparison.years, strict=True)],
            [step_text(s, places, lang) for s in line.steps],
            ci_cells(line, pairs, places, lang),
            band_chain(line),
        )
        for line in lines
    ]
