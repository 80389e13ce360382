"""Confidence intervals for every group's scores at once (issue #8), from accumulated sums.

For a group with n respondents whose respondent-level scores have sample variance s², the
half-width is t_{(1+level)/2, n-1} · sqrt(s²/n · (1 − n/N)), with the finite-population
correction 1 − n/N when the unit's headcount N is known and N ≥ n (Cochran 1977, ch. 2; the
scalar reference is ``scoring.uncertainty.mean_interval``). The interval is centred on the
published estimate and clipped to [0, 100]. For a value the estimate *is* the mean of the
respondents' value scores; for the person-first index (a weighted mean of value means) the
respondent index supplies the variance, an approximation when respondents skip whole values
(docs/method-statistics.md). Its ends are rounded like published scores before asking which
bands they reach, so "76,1 (73,9–78,3)" is flagged "may be B".

Everything is vectorised over groups: a national file has thousands of units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Interval
from berakhlak_cli.model.rubric import BandOn, RespondentMethod, Rubric
from berakhlak_cli.scoring.bands import classify, classify_array, round_published
from berakhlak_cli.scoring.groups.stats import GroupStats
from berakhlak_cli.scoring.uncertainty import t_quantile

Array = npt.NDArray[np.float64]
METHOD = "t-interval of respondent scores"
FPC_NOTE = ", finite-population corrected"


def half_widths(
    n: Array, total: Array, total_sq: Array, headcount: Array, level: float, fpc_on: bool = True
) -> tuple[Array, Array, Array]:
    """(half-width, standard error, finite-population factor) per entry; NaN where n < 2.
    ``fpc_on`` False (``intervals.finite_population_correction: false``) leaves the factor 1."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        variance = np.maximum((total_sq - total * mean) / (n - 1), 0.0)
        known = np.isfinite(headcount) & (headcount >= n) & fpc_on
        fpc = np.where(known, 1.0 - n / headcount, 1.0)
        se = np.sqrt(variance / n * fpc)
    quantiles = np.full(n.shape, np.nan)
    for df in np.unique(n[n >= 2]):
        quantiles[n == df] = t_quantile((1.0 + level) / 2.0, float(df - 1))
    half = np.where(n >= 2, quantiles * se, np.nan)
    return half, np.where(n >= 2, se, np.nan), fpc


def intervals(
    estimates: Array,
    n: Array,
    total: Array,
    total_sq: Array,
    headcount: Array,
    rubric: Rubric,
) -> list[Interval | None]:
    """One interval (or None when n < 2 or no estimate) per entry of the flat input arrays."""
    half, se, fpc = half_widths(
        n,
        total,
        total_sq,
        headcount,
        rubric.interval_level,
        rubric.intervals.finite_population_correction,
    )
    methods = [METHOD + (FPC_NOTE if corrected else "") for corrected in (fpc < 1.0).tolist()]
    return interval_records(
        estimates,
        np.clip(estimates - half, 0.0, 100.0),
        np.clip(estimates + half, 0.0, 100.0),
        se,
        n,
        n - 1.0,
        methods,
        np.isfinite(half) & np.isfinite(estimates),
        rubric,
    )


def interval_records(
    estimates: Array,
    lower: Array,
    upper: Array,
    se: Array,
    n: Array,
    df: Array,
    methods: Sequence[str],
    usable: npt.NDArray[np.bool_],
    rubric: Rubric,
) -> list[Interval | None]:
    """``Interval`` records from interval arrays: ends rounded like published scores, then the
    band-edge flag (a band boundary b with ``lower < b <= upper``) and the other bands the
    interval reaches. None where ``usable`` is false.

    The band test reads the estimate and both ends on the footing of the published band
    (``rounding.band_on``): rounded ends when bands are read from rounded scores, raw ends when
    they are read from raw scores (issue #15: a raw 82.497 is B, and a raw upper end of 82.4996
    does not reach A even though it publishes as 82,5)."""
    decimals = rubric.rounding.decimals
    mode = rubric.rounding.mode
    low_r, high_r, est_r = (round_published(a, decimals, mode) for a in (lower, upper, estimates))
    if rubric.rounding.band_on == BandOn.RAW:
        low_b, high_b, est_b = lower, upper, estimates
    else:
        low_b, high_b, est_b = low_r, high_r, est_r
    bounds = sorted({b.lower for b in rubric.bands} | {b.upper for b in rubric.bands})
    crosses = np.zeros(n.shape, dtype=bool)
    for bound in bounds[1:-1]:
        crosses |= (low_b < bound) & (bound <= high_b)
    level = rubric.interval_level
    may_be = _may_be(low_b, high_b, est_b, crosses, rubric)
    # NOTE: plain lists: indexing numpy arrays element by element costs ~10x more per access.
    columns = zip(
        usable.tolist(),
        lower.tolist(),
        upper.tolist(),
        se.tolist(),
        n.tolist(),
        df.tolist(),
        methods,
        crosses.tolist(),
        may_be,
        low_r.tolist(),
        high_r.tolist(),
        strict=True,
    )
    out: list[Interval | None] = []
    for ok, lo, hi, s_e, count, dof, method, cross, other, lo_r, hi_r in columns:
        if not ok:
            out.append(None)
            continue
        out.append(
            Interval(
                lower=lo,
                upper=hi,
                level=level,
                method=method,
                crosses_band=cross,
                may_be=other,
                se=s_e,
                n=int(count),
                df=dof,
                rounded=(lo_r, hi_r),
            )
        )
    return out


def scaled_intervals(
    base: Sequence[Interval | None],
    scale: Sequence[float],
    offset: Sequence[float],
    estimates: Sequence[float | None],
    rubric: Rubric,
    note: str,
) -> list[Interval | None]:
    """Intervals of ``scale · X + offset`` from intervals of X, with ``offset`` a fixed number.

    For the combined index ``w_s · survey + w_e · evidence`` (evidence is a census of the unit's
    documents, so it carries no sampling error): ``[w_s · lower + w_e · E, w_s · upper + w_e · E]``
    and ``SE = w_s · SE_survey``, with the survey's n and df; ``scale`` must be >= 0. The ends are
    rounded again and the band-edge flag is read against the band of ``estimates`` (the combined
    value), since that is the category published. ``note`` is appended to the method.
    """
    size = len(base)
    usable = np.array(
        [b is not None and e is not None for b, e in zip(base, estimates, strict=True)], dtype=bool
    )
    a = np.asarray(scale, dtype=np.float64).reshape(size)
    b = np.asarray(offset, dtype=np.float64).reshape(size)

    def column(name: str) -> Array:
        got = [getattr(i, name) if i is not None else None for i in base]
        return np.array([np.nan if x is None else x for x in got], dtype=np.float64)

    estimate = np.array([np.nan if e is None else e for e in estimates], dtype=np.float64)
    return interval_records(
        estimate.reshape(size),
        np.clip(a * column("lower") + b, 0.0, 100.0),
        np.clip(a * column("upper") + b, 0.0, 100.0),
        a * column("se"),
        np.nan_to_num(column("n")),
        column("df"),
        [(i.method if i is not None else "") + note for i in base],
        usable,
        rubric,
    )


def _may_be(
    low: Array, high: Array, estimate: Array, crosses: npt.NDArray[np.bool_], rubric: Rubric
) -> list[tuple[str, ...]]:
    """``_bands_between`` for every entry where ``crosses`` (``()`` elsewhere), vectorised: a
    boolean matrix entries x bands of the bands reached, plus the estimate's own band, and each
    distinct (reached, own) pattern turned into its tuple once."""
    out: list[tuple[str, ...]] = [()] * len(crosses)
    rows = np.flatnonzero(crosses)
    bands = rubric.bands
    if not len(rows) or not bands:
        return out
    if len(bands) > 20:
        for i in rows.tolist():
            out[i] = _bands_between(float(low[i]), float(high[i]), float(estimate[i]), rubric)
        return out
    top = max(b.upper for b in bands)
    lo, hi = low[rows, None], high[rows, None]
    lower = np.array([b.lower for b in bands], dtype=np.float64)
    upper = np.array([b.upper for b in bands], dtype=np.float64)
    at_top = np.array([b.upper == top for b in bands], dtype=bool)
    reached = (lower <= hi) & ((lo < upper) | (at_top & (lo <= top)))
    bits = reached.astype(np.int64) @ (np.int64(1) << np.arange(len(bands), dtype=np.int64))
    own = classify_array(estimate[rows], bands)
    patterns, inverse = np.unique(bits * (len(bands) + 1) + (own + 1), return_inverse=True)
    tuples = [_pattern_bands(int(p), rubric) for p in patterns.tolist()]
    for i, k in zip(rows.tolist(), inverse.ravel().tolist(), strict=True):
        out[i] = tuples[k]
    return out


def _pattern_bands(pattern: int, rubric: Rubric) -> tuple[str, ...]:
    """The ``_bands_between`` tuple of one (reached bits, own band + 1) pattern."""
    bands = rubric.bands
    bits, own = divmod(pattern, len(bands) + 1)
    own_code = bands[own - 1].code if own else None
    reached = [b for j, b in enumerate(bands) if bits >> j & 1]
    ordered = sorted(reached, key=lambda b: -b.lower)
    return tuple(b.code for b in ordered if own_code is None or b.code != own_code)


def _bands_between(low: float, high: float, estimate: float, rubric: Rubric) -> tuple[str, ...]:
    """Codes of the bands [low, high] reaches other than the estimate's, highest first."""
    own = classify(estimate, rubric.bands)
    top = max(b.upper for b in rubric.bands)
    reached = [
        b
        for b in rubric.bands
        if b.lower <= high and (low < b.upper or (b.upper == top and low <= top))
    ]
    ordered = sorted(reached, key=lambda b: -b.lower)
    return tuple(b.code for b in ordered if own is None or b.code != own.code)


def _value_intervals_own_bands(
    stats: GroupStats, estimates: Array, heads: Array, rubric: Rubric
) -> list[Interval | None]:
    """Value intervals column by column, each read against its value's bands; returned in the
    group-major order of the flat path."""
    groups, n_values = estimates.shape
    columns = [
        intervals(
            estimates[:, v],
            stats.value_count[:groups, v].astype(np.float64),
            stats.value_sum[:groups, v],
            stats.value_sumsq[:groups, v],
            heads,
            replace(rubric, bands=rubric.bands_of(value.id)),
        )
        for v, value in enumerate(rubric.values)
    ]
    return [columns[v][g] for g in range(groups) for v in range(n_values)]


def headcount_array(headcounts: Sequence[int | None]) -> Array:
    """Headcounts as floats, NaN where unknown."""
    return np.array([np.nan if h is None else float(h) for h in headcounts], dtype=np.float64)


def group_interval_table(
    stats: GroupStats,
    raw: Sequence[tuple[Sequence[float | None], float | None]],
    headcounts: Sequence[int | None],
    rubric: Rubric,
    *,
    enabled: bool = True,
) -> tuple[list[dict[str, Interval]], list[Interval | None]]:
    """Intervals for every group of ``stats``: (value id -> interval per group, index per group).

    ``raw`` holds each group's (value scores, index) estimates. Only the person-first method
    gets intervals: a pooled score is a ratio of cell totals, which the respondent-level model
    does not describe.
    """
    groups = stats.size
    person_first = rubric.aggregation.respondent == RespondentMethod.PERSON_FIRST
    if not (enabled and person_first) or groups == 0:
        return [{} for _ in range(groups)], [None] * groups
    heads = headcount_array(headcounts)
    n_values = len(rubric.values)
    estimates = np.array(
        [[np.nan if x is None else x for x in values] for values, _ in raw], dtype=np.float64
    ).reshape(groups, n_values)
    value_heads = np.repeat(heads[:, None], n_values, axis=1)
    if any(v.bands for v in rubric.values):
        flat = _value_intervals_own_bands(stats, estimates, heads, rubric)
    else:
        flat = intervals(
            estimates.ravel(),
            stats.value_count.astype(np.float64).ravel(),
            stats.value_sum.ravel(),
            stats.value_sumsq.ravel(),
            value_heads.ravel(),
            rubric,
        )
    ids = [v.id for v in rubric.values]
    per_group: list[dict[str, Interval]] = []
    for g in range(groups):
        row = flat[g * n_values : (g + 1) * n_values]
        per_group.append({vid: iv for vid, iv in zip(ids, row, strict=True) if iv is not None})
    index_estimates = np.array([np.nan if i is None else i for _, i in raw], dtype=np.float64)
    index = intervals(
        index_estimates,
        stats.index_count.astype(np.float64),
        stats.index_sum,
        stats.index_sumsq,
        heads,
        rubric,
    )
    return per_group, index
