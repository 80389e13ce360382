"""Publication rounding and category bands.

KemenPANRB publishes scores to one decimal and its band boundaries are written to one decimal
(B = 50-74.9), so by default the band is read from the *published* value: 74.95 publishes as
75.0 and is band A (sources.md §2.5). Rounding is half-up on the decimal value, not Python's
round-half-even on the binary float, so 74.95 -> 75.0 and 60.94 -> 60.9; ``rounding.mode:
half_even`` rounds a decimal tie to the even digit instead (74.85 -> 74.8, 74.95 -> 75.0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Interval, Score
from berakhlak_cli.model.rubric import Band, BandOn, RoundingMode, Rubric

# NOTE: float noise (0.8*78 + 0.2*90 = 80.40000000000001) is removed at 9 decimals before the
# half-up step, so a value that is "really" x.x5 rounds up as a person would expect.
_NOISE = Decimal("1e-9")


def round_half_up(value: float, decimals: int, mode: RoundingMode = RoundingMode.HALF_UP) -> float:
    """Round ``value`` half-up (away from zero at .5) to ``decimals`` places; with
    ``mode=HALF_EVEN`` a decimal tie goes to the even last digit instead."""
    if not math.isfinite(value):
        return value
    clean = Decimal(repr(value)).quantize(_NOISE, rounding=ROUND_HALF_UP)
    how = ROUND_HALF_EVEN if mode == RoundingMode.HALF_EVEN else ROUND_HALF_UP
    return float(clean.quantize(Decimal(1).scaleb(-decimals), rounding=how))


def round_half_up_array(values: npt.NDArray[np.float64], decimals: int) -> npt.NDArray[np.float64]:
    """Vectorised ``round_half_up``: float noise is removed at 9 significant decimals first."""
    scale = 10.0**decimals
    scaled = np.round(values * scale, max(9 - decimals, 0))
    return np.floor(scaled + 0.5) / scale


def classify(value: float, bands: tuple[Band, ...]) -> Band | None:
    """The band whose half-open interval [lower, upper) holds ``value`` (top band includes 100)."""
    for band in bands:
        if band.lower <= value < band.upper:
            return band
    top = max(bands, key=lambda b: b.upper, default=None)
    return top if top is not None and value == top.upper else None


def make_score(raw: float, rubric: Rubric) -> Score:
    """Round ``raw`` for publication and attach its band per the rubric's rounding rule."""
    rounded = round_half_up(raw, rubric.rounding.decimals, rubric.rounding.mode)
    basis = rounded if rubric.rounding.band_on == BandOn.ROUNDED else raw
    band = classify(basis, rubric.bands)
    return Score(raw=raw, rounded=rounded, band=band.code if band else None)


# NOTE: the vectorised path redoes by the scalar rule any entry whose scaled value lies within
# _TIE_TOLERANCE (in units of the last published decimal, scaled by 10**decimals) of a .5 tie,
# so the 1e-9 noise step and the float product cannot make the two disagree.
_TIE_TOLERANCE = 1e-6
_MAX_SCALED = 1e9


def round_half_up_exact(
    values: npt.NDArray[np.float64], decimals: int, mode: RoundingMode = RoundingMode.HALF_UP
) -> npt.NDArray[np.float64]:
    """``round_half_up`` over an array, equal to the scalar function entry by entry.

    ``round_half_up_array`` decides every entry away from a rounding tie (where both modes
    agree); entries near a tie, negative (the scalar rounds half away from zero and keeps -0.0),
    non-finite or huge are redone one by one with the scalar ``round_half_up`` in ``mode``.
    """
    values = np.asarray(values, dtype=np.float64)
    if decimals > 6:
        return np.array(
            [round_half_up(x, decimals, mode) for x in values.tolist()], dtype=np.float64
        )
    scale = 10.0**decimals
    with np.errstate(invalid="ignore", over="ignore"):
        out = round_half_up_array(values, decimals)
        scaled = values * scale
        distance = np.abs(scaled - np.floor(scaled) - 0.5)
        safe = (distance > _TIE_TOLERANCE * scale) & (np.abs(scaled) < _MAX_SCALED)
    safe &= ~np.signbit(values)
    for i in np.flatnonzero(~safe).tolist():
        out[i] = round_half_up(float(values[i]), decimals, mode)
    return out


def round_published(
    values: npt.NDArray[np.float64], decimals: int, mode: RoundingMode
) -> npt.NDArray[np.float64]:
    """Interval ends rounded like published scores: the fast half-up path, or the exact path
    for half-even (ties must be found to be sent to the even digit)."""
    if mode == RoundingMode.HALF_UP:
        return round_half_up_array(values, decimals)
    return round_half_up_exact(values, decimals, mode)


def classify_array(
    values: npt.NDArray[np.float64], bands: tuple[Band, ...]
) -> npt.NDArray[np.intp]:
    """``classify`` over an array: the position in ``bands`` of each entry's band, -1 for none
    (first band in rubric order whose [lower, upper) holds the value; else the top band when
    the value equals its upper bound)."""
    out = np.full(values.shape, -1, dtype=np.intp)
    for i, band in enumerate(bands):
        out[(out < 0) & (band.lower <= values) & (values < band.upper)] = i
    if bands:
        top = max(range(len(bands)), key=lambda i: bands[i].upper)
        out[(out < 0) & (values == bands[top].upper)] = top
    return out


def make_scores(
    raws: Sequence[float | None],
    rubric: Rubric,
    bands: Sequence[tuple[Band, ...]] | None = None,
    intervals: Sequence[Interval | None] | None = None,
) -> list[Score | None]:
    """``make_score`` for many values at once (None stays None); equal to the scalar
    reference ``make_score`` entry by entry. ``bands`` gives each entry's bands (a value with
    its own bands, ``Rubric.score_bands``); None reads every entry against the index bands.
    ``intervals`` (one per entry) are attached to the scores as they are made."""
    values = np.array([np.nan if x is None else x for x in raws], dtype=np.float64)
    found = _band_codes(values, rubric, bands)
    # NOTE: the interval goes in at construction (positionally): a replace() per score
    # afterwards costs a second frozen-dataclass build per unit x value.
    ivs = intervals if intervals is not None else [None] * len(raws)
    return [
        None if raw is None else Score(raw, r, code, None, iv)
        for raw, r, code, iv in zip(raws, found[0], found[1], ivs, strict=True)
    ]


def make_scores_array(
    values: npt.NDArray[np.float64],
    present: npt.NDArray[np.bool_],
    rubric: Rubric,
    bands: Sequence[tuple[Band, ...]] | None = None,
) -> list[Score | None]:
    """``make_scores`` of ``values`` (flat), None where ``present`` is false: the same scores
    without building the list of optional floats first."""
    clean = np.where(present, values, np.nan)
    rounded, codes = _band_codes(clean, rubric, bands)
    return [
        Score(raw=raw, rounded=r, band=code) if ok else None
        for raw, r, code, ok in zip(clean.tolist(), rounded, codes, present.tolist(), strict=True)
    ]


def _band_codes(
    values: npt.NDArray[np.float64],
    rubric: Rubric,
    bands: Sequence[tuple[Band, ...]] | None,
) -> tuple[list[float], list[str | None]]:
    """The rounded values and band codes of ``make_scores`` (NaN entries: no band)."""
    rounded = round_half_up_exact(values, rubric.rounding.decimals, rubric.rounding.mode)
    basis = rounded if rubric.rounding.band_on == BandOn.ROUNDED else values
    found: list[str | None] = [None] * len(values)
    for own, rows in _by_bands(bands, rubric, len(values)):
        codes: list[str | None] = [b.code for b in own]
        codes.append(None)
        if len(rows) == len(values):
            found = [codes[b] for b in classify_array(basis, own).tolist()]
            continue
        for row, b in zip(rows.tolist(), classify_array(basis[rows], own).tolist(), strict=True):
            found[row] = codes[b]
    return rounded.tolist(), found


def _by_bands(
    bands: Sequence[tuple[Band, ...]] | None, rubric: Rubric, size: int
) -> list[tuple[tuple[Band, ...], npt.NDArray[np.intp]]]:
    """(bands, entry positions) for each band set in use.

    Entries are grouped by the identity of their band tuple (callers repeat the same few
    tuples thousands of times, and hashing a tuple of bands hashes every band: issue #16); two
    equal tuples that are distinct objects make two groups, which classify alike."""
    if bands is None:
        return [(rubric.bands, np.arange(size, dtype=np.intp))]
    groups: dict[int, list[int]] = {}
    first: dict[int, tuple[Band, ...]] = {}
    for i, own in enumerate(bands):
        key = id(own)
        rows = groups.get(key)
        if rows is None:
            groups[key] = rows = []
            first[key] = own
        rows.append(i)
    return [(first[key], np.array(rows, dtype=np.intp)) for key, rows in groups.items()]


def mean(values: list[float]) -> float:
    """Arithmetic mean (unweighted), e.g. the index as the mean of the 7 value scores."""
    return math.fsum(values) / len(values)


def weighted_mean(values: list[float], weights: list[float]) -> float:
    """Sum(w * x) / sum(w)."""
    return math.fsum(w * x for w, x in zip(weights, values, strict=True)) / math.fsum(weights)
