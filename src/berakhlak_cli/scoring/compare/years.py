"""Year-over-year comparison: ordered years, changes per value, index and unit, and comparability.

A change is the difference of the *published* (rounded) figures, ``Δ = new.rounded −
old.rounded``, rounded half-up to the finer of the two years' decimals, so the arithmetic a
reader does on the printed numbers checks out (59,5 → 76,3 is +16,8). Changes are given between
consecutive years, each with the Welch interval of the raw change and the "meaningful change"
flag where both years have respondent-level statistics (``scoring.change``).

Comparability: when both years carry the rubric fingerprint (``rubric.summary`` in the results
JSON) the differences are ``scoring.comparability.compare_summaries`` plus a changed rubric
id/version. When a side has no fingerprint (published figures, older JSON) what is known is
compared: the instrument text, the rubric id/version, the value set, declared bands and
rounding. A headline that is survey-only in one year and survey + evidence in the other is a
difference too. Any difference makes the pair "not comparable", and every output says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.comparison import (
    Comparison,
    Difference,
    Headline,
    Line,
    PairCheck,
    SingleYearUnit,
    Step,
    UnitRename,
    ValueInfo,
    YearResult,
)
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import Score
from berakhlak_cli.scoring.bands import round_half_up
from berakhlak_cli.scoring.compare.change import change_between
from berakhlak_cli.scoring.compare.comparability import compare_summaries
from berakhlak_cli.scoring.groups.unit_merge import apply_units_map


def step(old: Score | None, new: Score | None, decimals: int) -> Step:
    """The change from ``old`` to ``new`` (None when either is missing)."""
    if old is None or new is None:
        return Step(None, old.band if old else None, new.band if new else None)
    return Step(round_half_up(new.rounded - old.rounded, decimals), old.band, new.band)


def year_step(old: Score | None, new: Score | None, before: YearResult, after: YearResult) -> Step:
    """``step`` between two years, with the change's interval (``scoring.change``) when both
    figures are there."""
    places = max(before.decimals, after.decimals)
    plain = step(old, new, places)
    if old is None or new is None:
        return plain
    return replace(plain, change=change_between(old, new, before, after, places))


def make_line(
    key: str, label: str, code: str, figures: Sequence[Score | None], years: Sequence[YearResult]
) -> Line:
    """A line with its steps between consecutive years."""
    steps = tuple(
        year_step(figures[i], figures[i + 1], years[i], years[i + 1])
        for i in range(len(figures) - 1)
    )
    return Line(key, label, code, tuple(figures), steps)


def _value_set(years: Sequence[YearResult]) -> list[ValueInfo]:
    """The union of the years' values, in the newest year's order first."""
    seen: dict[str, ValueInfo] = {}
    for year in reversed(years):
        for value in year.values:
            seen.setdefault(value.id, value)
    return list(seen.values())


def differences(old: YearResult, new: YearResult) -> tuple[Difference, ...]:
    """What differs between two years in ways that change what a score means."""
    out: list[Difference] = []
    a, b = old.rubric, new.rubric
    if a is not None and b is not None and (a.id, a.version) != (b.id, b.version):
        out.append(
            Difference("rubric-version", "rubric", f"{a.id} {a.version}", f"{b.id} {b.version}")
        )
    if a is not None and b is not None and a.summary is not None and b.summary is not None:
        out.extend(compare_summaries(a.summary, b.summary))
    else:
        if normalize(old.instrument) != normalize(new.instrument):
            out.append(Difference("instrument", "instrument", old.instrument, new.instrument))
        old_ids, new_ids = [v.id for v in old.values], [v.id for v in new.values]
        out += [Difference("value-removed", v, v, None) for v in old_ids if v not in new_ids]
        out += [Difference("value-added", v, None, v) for v in new_ids if v not in old_ids]
        if old.bands_declared and new.bands_declared:
            out.extend(_band_differences(old, new))
        if old.decimals != new.decimals and a is not None and b is not None:
            out.append(Difference("rounding", "rounding.decimals", old.decimals, new.decimals))
    scored = {Headline.INDEX, Headline.COMBINED}
    if old.headline in scored and new.headline in scored and old.headline != new.headline:
        out.append(Difference("headline", "headline", old.headline.value, new.headline.value))
    return tuple(out)


def _band_differences(old: YearResult, new: YearResult) -> list[Difference]:
    edges_old = {b.code: (b.lower, b.upper) for b in old.bands}
    edges_new = {b.code: (b.lower, b.upper) for b in new.bands}
    return [
        Difference("band", code, edges_old.get(code), edges_new.get(code))
        for code in [*edges_old, *(c for c in edges_new if c not in edges_old)]
        if edges_old.get(code) != edges_new.get(code)
    ]


def order_years(years: Sequence[YearResult]) -> tuple[YearResult, ...]:
    """Years sorted ascending; two files for one year are an error."""
    ordered = sorted(years, key=lambda y: y.year)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.year == second.year:
            raise ResultsError(
                f"{first.source} and {second.source} are both for {first.year}; "
                "give one file per year (or set the year with --year FILE=YEAR)"
            )
    return tuple(ordered)


def build_comparison(
    years: Sequence[YearResult], renames: Sequence[UnitRename] = (), minimum: int = 2
) -> Comparison:
    """Compare two or more years (any order in; ascending out); ``report`` passes
    ``minimum=1`` for a one-year report (no steps, no checks)."""
    if len(years) < minimum:
        raise ResultsError("compare needs the results of at least two years")
    ordered = tuple(apply_units_map(y, renames) for y in order_years(years))
    index = make_line("index", "", "", [y.index for y in ordered], ordered)
    values = [
        make_line(v.id, v.label, v.code, [y.value_scores.get(v.id) for y in ordered], ordered)
        for v in _value_set(ordered)
    ]
    values = [line for line in values if any(f is not None for f in line.figures)]
    units, unit_values, single = _unit_lines(ordered)
    checks = tuple(
        PairCheck(ordered[i], ordered[i + 1], differences(ordered[i], ordered[i + 1]))
        for i in range(len(ordered) - 1)
    )
    return Comparison(ordered, index, tuple(values), units, unit_values, checks, single)


def _unit_lines(
    years: tuple[YearResult, ...],
) -> tuple[tuple[Line, ...], dict[str, tuple[Line, ...]], tuple[SingleYearUnit, ...]]:
    """Units present in at least two years, by name (case- and space-insensitive), and the
    units present in one year only (after ``--units-map``)."""
    names: dict[str, str] = {}
    per_year = []
    for year in years:
        table = {normalize(u.label): u for u in year.units}
        per_year.append(table)
        for key, unit in table.items():
            names[key] = unit.label
    value_set = _value_set(years)
    lines: list[Line] = []
    single: list[SingleYearUnit] = []
    unit_values: dict[str, tuple[Line, ...]] = {}
    for key in sorted(names):
        present = [t.get(key) for t in per_year]
        name = names[key]
        line = make_line(name, name, "", [u.headline if u else None for u in present], years)
        if sum(u is not None for u in present) < 2:
            year = next(y for u, y in zip(present, years, strict=True) if u is not None)
            single.append(SingleYearUnit(year.year, line))
            continue
        lines.append(line)
        unit_values[name] = tuple(
            make_line(
                v.id, v.label, v.code, [u.value_figure(v.id) if u else None for u in present], years
            )
            for v in value_set
        )
    return tuple(lines), unit_values, tuple(single)
