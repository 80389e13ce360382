"""The institution row as a mean of its units' scores, and that mean's interval. Pure.

Under ``aggregation.institution`` ``mean_of_units``, ``respondent_weighted`` or
``headcount_weighted`` the institution's value score (and index) is a weighted mean of the
included units' scores, ``y = sum_k W_k y_k`` with ``W_k = w_k / sum w`` over the units that have
the score, and ``w_k`` = 1, the unit's scored respondents, or its headcount.

Its interval treats the units as strata sampled independently (stratified random sampling,
Cochran 1977, *Sampling Techniques*, 3rd ed., ch. 5, eq. 5.6 and 5.16):

    SE(y)^2 = sum_k W_k^2 SE_k^2            (SE_k: the unit's standard error, FPC included)
    df      = SE(y)^4 / sum_k (W_k^2 SE_k^2)^2 / (n_k - 1)     (Satterthwaite)

and half-width t_{(1+level)/2, df} * SE(y). The weights are taken as fixed (the unit list and
headcounts are known; respondent counts are conditioned on). A unit without a standard error
(fewer than 2 respondents) leaves the row without an interval for that score: its variance is
unknown, and leaving it out would understate the uncertainty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from berakhlak_cli.model.results import Interval
from berakhlak_cli.model.rubric import InstitutionMethod, Rubric
from berakhlak_cli.scoring.groups.intervals import FPC_NOTE, interval_records
from berakhlak_cli.scoring.uncertainty import t_quantile

METHOD = "stratified t-interval of unit scores"


def unit_weights(
    method: InstitutionMethod, respondents: Sequence[int], headcounts: Sequence[int | None]
) -> list[float] | None:
    """w_k per included unit; None under ``headcount_weighted`` when a headcount is unknown."""
    if method == InstitutionMethod.RESPONDENT_WEIGHTED:
        return [float(n) for n in respondents]
    if method == InstitutionMethod.HEADCOUNT_WEIGHTED:
        if any(h is None for h in headcounts):
            return None
        return [float(h or 0) for h in headcounts]
    return [1.0] * len(respondents)


def weighted_scores(
    scores: Sequence[float | None], weights: Sequence[float]
) -> tuple[float | None, list[float]]:
    """(sum W_k y_k, W_k per unit with 0 where y_k is None); None when no unit has a score or
    the weights of those that do sum to 0."""
    total = math.fsum(w for y, w in zip(scores, weights, strict=True) if y is not None)
    if total <= 0:
        return None, [0.0] * len(weights)
    shares = [w / total if y is not None else 0.0 for y, w in zip(scores, weights, strict=True)]
    # NOTE: sum(w y) / sum(w), not sum(W y): with equal weights this is exactly fsum(y) / K.
    estimate = math.fsum(w * y for y, w in zip(scores, weights, strict=True) if y is not None)
    return estimate / total, shares


def stratified_interval(
    estimate: float | None,
    shares: Sequence[float],
    unit_intervals: Sequence[Interval | None],
    rubric: Rubric,
) -> Interval | None:
    """The interval of ``estimate = sum W_k y_k`` (module docstring); None when a unit with a
    share has no standard error, or all standard errors are 0 (no sampling error to state)."""
    if estimate is None:
        return None
    parts: list[tuple[float, float, int]] = []
    corrected = False
    for share, iv in zip(shares, unit_intervals, strict=True):
        if share == 0.0:
            continue
        if iv is None or iv.se is None or iv.df is None or not iv.df > 0:
            return None
        parts.append((share * share * iv.se * iv.se, iv.df, iv.n))
        corrected |= FPC_NOTE in iv.method
    variance = math.fsum(v for v, _, _ in parts)
    if not parts or variance <= 0.0:
        return None
    df = variance**2 / math.fsum(v * v / d for v, d, _ in parts)
    se = math.sqrt(variance)
    half = t_quantile((1.0 + rubric.interval_level) / 2.0, df) * se
    n = sum(count for _, _, count in parts)
    return interval_records(
        np.array([estimate]),
        np.clip(np.array([estimate - half]), 0.0, 100.0),
        np.clip(np.array([estimate + half]), 0.0, 100.0),
        np.array([se]),
        np.array([float(n)]),
        np.array([df]),
        [METHOD + (FPC_NOTE if corrected else "")],
        np.array([True]),
        rubric,
    )[0]
