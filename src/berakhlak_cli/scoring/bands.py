"""Publication rounding and category bands.

KemenPANRB publishes scores to one decimal and its band boundaries are written to one decimal
(B = 50-74.9), so by default the band is read from the *published* value: 74.95 publishes as
75.0 and is band A (domain.md 2.5). Rounding is half-up on the decimal value, not Python's
round-half-even on the binary float, so 74.95 -> 75.0 and 60.94 -> 60.9.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Score
from berakhlak_cli.model.rubric import Band, BandOn, Rubric

# NOTE: float noise (0.8*78 + 0.2*90 = 80.40000000000001) is removed at 9 decimals before the
# half-up step, so a value that is "really" x.x5 rounds up as a person would expect.
_NOISE = Decimal("1e-9")


def round_half_up(value: float, decimals: int) -> float:
    """Round ``value`` half-up (away from zero at .5) to ``decimals`` places."""
    if not math.isfinite(value):
        return value
    clean = Decimal(repr(value)).quantize(_NOISE, rounding=ROUND_HALF_UP)
    return float(clean.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


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
    rounded = round_half_up(raw, rubric.rounding.decimals)
    basis = rounded if rubric.rounding.band_on == BandOn.ROUNDED else raw
    band = classify(basis, rubric.bands)
    return Score(raw=raw, rounded=rounded, band=band.code if band else None)


def mean(values: list[float]) -> float:
    """Arithmetic mean (unweighted), e.g. the index as the mean of the 7 value scores."""
    return math.fsum(values) / len(values)


def weighted_mean(values: list[float], weights: list[float]) -> float:
    """Sum(w * x) / sum(w)."""
    return math.fsum(w * x for w, x in zip(weights, values, strict=True)) / math.fsum(weights)
