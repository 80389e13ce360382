"""Apply ``--units-map``: rename units of a year and merge those mapped to one name.

A merged unit's score is the respondent-weighted mean of its parts::

    value  V = Σ n_uv · V_uv / Σ n_uv     (n_uv: respondents with that value in part u)
    index  I = Σ n_u · I_u / Σ n_u        (n_u: the part's respondents)

Under the default person-first method (docs/method.md §2) this equals scoring the parts'
respondents as one group when every respondent has every value and the index is the (weighted)
mean of the values; otherwise it is a close approximation. The merged figure is rounded and
banded with the year's own rules. A merge needs every part's respondent count; when a published
year does not give them there is no honest weight, so the merge is refused. A part without a
figure (withheld for anonymity, not published) leaves the merged figure empty rather than
standing in for the whole.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.model.comparison import UnitRename, YearResult
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import COMBINED_WITHHELD, GroupLevel, GroupResult, Score
from berakhlak_cli.model.rubric import RoundingMode
from berakhlak_cli.scoring.bands import round_half_up


def rename_for(name: str, year: int, renames: Sequence[UnitRename]) -> str:
    """The name ``name`` is reported under in ``year`` (a year-specific row wins)."""
    key = normalize(name)
    matches = [r for r in renames if normalize(r.old) == key and r.year in (year, None)]
    matches.sort(key=lambda r: r.year is None)
    return matches[0].new if matches else name


def band_of(value: float, year: YearResult, value_id: str | None = None) -> str | None:
    """The year's band holding ``value`` (the top band includes its upper edge); a value's own
    bands when ``value_id`` has them."""
    info = year.value(value_id) if value_id else None
    bands = info.bands if info is not None and info.bands else year.bands
    if not bands:
        return None
    top = max(bands, key=lambda b: b.upper)
    for band in bands:
        if band.lower <= value < band.upper or (band is top and value == band.upper):
            return band.code
    return None


def _weighted(
    parts: Sequence[tuple[Score | None, int]], year: YearResult, value_id: str | None = None
) -> tuple[Score | None, int]:
    if not parts or any(fig is None for fig, _ in parts):
        return None, 0
    total = sum(n for _, n in parts)
    if total == 0:
        return None, 0
    raw = math.fsum(fig.raw * n for fig, n in parts if fig is not None) / total
    # NOTE: merged like the year's own scores: its rounding mode and band footing.
    mode = RoundingMode.HALF_EVEN if year.rounding_mode == "half_even" else RoundingMode.HALF_UP
    rounded = round_half_up(raw, year.decimals, mode)
    basis = raw if year.rounding_band_on == "raw" else rounded
    return Score(raw, rounded, band_of(basis, year, value_id), total), total


def merge_units(name: str, parts: Sequence[GroupResult], year: YearResult) -> GroupResult:
    """Merge ``parts`` of ``year`` into one unit called ``name`` (see module docstring).

    The merged headline is the weighted mean of the parts' headlines; when those are combined
    indices it is the merged ``combined`` (withheld, flagged, when a part's is), and ``index``
    is the weighted survey index."""
    unknown = [p.label for p in parts if p.respondents is None]
    if unknown:
        raise UnitsError(
            f"cannot merge {', '.join(repr(p.label) for p in parts)} into {name!r} for "
            f"{year.year}: respondent counts of {', '.join(repr(u) for u in unknown)} are not "
            f"known ({year.source}), so the parts cannot be weighted; drop the merge from the "
            "units map or give respondents in the published file"
        )
    counts = [p.respondents or 0 for p in parts]
    headline, _ = _weighted([(p.headline, n) for p, n in zip(parts, counts, strict=True)], year)
    survey, _ = _weighted([(p.index, n) for p, n in zip(parts, counts, strict=True)], year)
    combined = any(p.headline is not p.index for p in parts)
    values: dict[str, Score | None] = {}
    weights: dict[str, int] = {}
    for vid in dict.fromkeys(vid for p in parts for vid in p.values):
        weighted = [
            (p.values.get(vid), _value_count(p, vid, n)) for p, n in zip(parts, counts, strict=True)
        ]
        figure, total = _weighted(weighted, year, vid)
        if figure is not None:
            values[vid], weights[vid] = figure, total
    headcounts = [p.headcount for p in parts]
    return GroupResult(
        key=(name,),
        level=GroupLevel.UNIT,
        respondents=sum(counts),
        values=values,
        value_respondents=weights,
        index=survey if combined else headline,
        combined=headline if combined else None,
        flags=(COMBINED_WITHHELD,) if combined and headline is None else (),
        headcount=None if None in headcounts else sum(h or 0 for h in headcounts),
    )


def _value_count(unit: GroupResult, value_id: str, fallback: int) -> int:
    score = unit.value_figure(value_id)
    if score is not None and score.respondents is not None:
        return score.respondents
    return fallback


def apply_units_map(year: YearResult, renames: Sequence[UnitRename]) -> YearResult:
    """``year`` with its units renamed and merged per ``renames`` (unchanged when empty)."""
    if not renames or not year.units:
        return year
    groups: dict[str, list[GroupResult]] = {}
    shown: dict[str, str] = {}
    for unit in year.units:
        new = rename_for(unit.label, year.year, renames)
        groups.setdefault(normalize(new), []).append(unit)
        shown.setdefault(normalize(new), new)
    units: list[GroupResult] = []
    merged: dict[str, tuple[str, ...]] = {}
    for key, parts in groups.items():
        if len(parts) == 1:
            units.append(replace(parts[0], key=(shown[key],)))
        else:
            units.append(merge_units(shown[key], parts, year))
            merged[shown[key]] = tuple(p.label for p in parts)
    return replace(year, units=tuple(units), merged=merged)


def unused_renames(years: Sequence[YearResult], renames: Sequence[UnitRename]) -> list[UnitRename]:
    """Rows of the units map that match no unit of any year they apply to (likely typos)."""
    out = []
    for r in renames:
        applies = [y for y in years if r.year in (y.year, None)]
        names = {normalize(u.label) for y in applies for u in y.units}
        if normalize(r.old) not in names:
            out.append(r)
    return out
