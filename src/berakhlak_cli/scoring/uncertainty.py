"""How sure a group's score is: confidence intervals, band-edge flags and year-on-year change.

All methods are analytic and work from mergeable sufficient statistics (n, sum, sum of
squares of respondent-level scores on 0-100), so a survey scored in batches gives the same
interval whatever the split.

* Mean of a group: Student-t interval ``mean ± t_{1-α/2, n-1} · SE`` with
  ``SE = s / sqrt(n) · sqrt(FPC)`` and ``FPC = 1 - n/N = (N - n) / N`` when the unit's
  headcount N is known and ``N >= n`` (simple random sampling without replacement; Cochran
  1977, *Sampling Techniques*, 3rd ed., ch. 2: ``V(ȳ) = S²/n · (N - n)/N`` with S² the
  population variance on divisor N - 1, estimated without bias by the sample variance s²).
  The factor ``(N - n)/(N - 1)`` belongs with the divisor-N variance σ², not with s²; pairing
  it with s² would overstate the variance by N/(N - 1). The interval is clipped to [0, 100].
* Change between two independent years: ``d = mean_2 - mean_1``, ``SE = sqrt(SE_1^2 + SE_2^2)``
  and Welch-Satterthwaite degrees of freedom
  ``df = SE^4 / (SE_1^4/(n_1-1) + SE_2^4/(n_2-1))`` (Welch 1947, Biometrika 34, 28-35;
  Satterthwaite 1946).

A unit index under the person-first method is the weighted mean of the unit's value means.
Its interval is approximated by the interval of the mean *respondent index* (each
respondent's weighted mean of their own value scores). The two are identical when every
respondent has every value; when respondents skip values they differ, and the interval is
then an approximation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.change import ChangeInterval, NoInterval
from berakhlak_cli.model.results import Score


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """Student-t quantile (scipy.special.stdtrit); cached, since thousands of groups share df.

    scipy is imported here, not at module load, so commands that never compute an interval
    (``--help``, ``rubric validate``) do not pay for it.
    """
    from scipy.special import stdtrit  # type: ignore[import-untyped, unused-ignore]

    return float(stdtrit(df, p))


class ScoreMoments:
    """Mergeable accumulator of respondent-level scores: n, Σ(x-c), Σ(x-c)^2 with c = shift."""

    def __init__(self, shift: float = 50.0) -> None:
        """Start empty; ``shift`` (default 50, mid-range of 0-100) keeps the sums well scaled."""
        self.shift = float(shift)
        self.n = 0
        self.total = 0.0
        self.total_sq = 0.0

    def add(self, values: npt.ArrayLike) -> None:
        """Add scores; NaN and other non-finite values (respondents without a score) are skipped."""
        x = np.asarray(values, dtype=np.float64).ravel()
        z = x[np.isfinite(x)] - self.shift
        self.n += int(z.shape[0])
        self.total += float(z.sum())
        self.total_sq += float((z * z).sum())

    def merge(self, other: ScoreMoments) -> None:
        """Add another accumulator's scores to this one (same shift)."""
        if other.shift != self.shift:
            raise ValueError("can only merge accumulators with the same shift")
        self.n += other.n
        self.total += other.total
        self.total_sq += other.total_sq

    def finish(self) -> ScoreSummary:
        """The n, mean and sample variance of the scores added so far."""
        return ScoreSummary.from_sums(self.n, self.total, self.total_sq, shift=self.shift)


@dataclass(frozen=True)
class ScoreSummary:
    """n, mean and sample variance (ddof 1; NaN when n < 2) of respondent-level scores."""

    n: int
    mean: float
    variance: float

    @classmethod
    def from_sums(cls, n: int, total: float, total_sq: float, shift: float = 0.0) -> ScoreSummary:
        """From ``n``, ``Σ(x - shift)`` and ``Σ(x - shift)^2``.

        ``s^2 = (Σz^2 - (Σz)^2 / n) / (n - 1)`` with ``z = x - shift``; clamped at 0 because
        rounding can push a zero variance slightly negative.
        """
        if n < 1:
            return cls(0, math.nan, math.nan)
        mean = shift + total / n
        variance = max((total_sq - total * total / n) / (n - 1), 0.0) if n >= 2 else math.nan
        return cls(n, mean, variance)


@dataclass(frozen=True)
class MeanInterval:
    """A group mean with its confidence interval, or the reason there is none."""

    estimate: float
    n: int
    level: float
    lower: float | None = None
    upper: float | None = None
    se: float | None = None
    """Standard error after the finite-population correction."""
    df: float | None = None
    fpc: float = 1.0
    """The variance factor 1 - n/N; 1 when no headcount was used."""
    clipped: bool = False
    """True when the t-interval reached outside [0, 100] and was cut to it."""
    reason: NoInterval | None = None
    notes: tuple[str, ...] = ()

    @property
    def has_interval(self) -> bool:
        """True when ``lower`` and ``upper`` are set."""
        return self.lower is not None and self.upper is not None


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise ValueError(f"confidence level must be in (0, 1), got {level}")


def mean_interval(
    summary: ScoreSummary,
    *,
    level: float = 0.95,
    headcount: int | None = None,
    limits: tuple[float, float] = (0.0, 100.0),
) -> MeanInterval:
    """Student-t interval for a group mean, with the finite-population correction.

    ``mean ± t_{(1+level)/2, n-1} · s/sqrt(n) · sqrt(1 - n/N)`` (Cochran 1977, ch. 2); the
    FPC is used only when ``headcount`` N is given and ``N >= n`` (a headcount below the number
    of respondents is noted and ignored). ``n = N`` (a census) gives a zero-width interval.
    Fewer than 2 respondents give no interval (``reason``). The result is clipped to ``limits``.

    For a person-first unit index pass the summary of respondent indices: see the module
    docstring for why that is an approximation when respondents skip values.
    """
    _check_level(level)
    n = summary.n
    if n < 2:
        return MeanInterval(summary.mean, n, level, reason=NoInterval.TOO_FEW_RESPONDENTS)
    notes: list[str] = []
    fpc = 1.0
    if headcount is not None:
        if headcount >= n:
            fpc = (headcount - n) / headcount
        else:
            notes.append(
                f"headcount {headcount} is below the {n} respondents; "
                "no finite-population correction applied"
            )
    se = math.sqrt(summary.variance / n * fpc)
    df = float(n - 1)
    half = t_quantile((1.0 + level) / 2.0, df) * se
    raw_lower, raw_upper = summary.mean - half, summary.mean + half
    lower, upper = max(raw_lower, limits[0]), min(raw_upper, limits[1])
    return MeanInterval(
        estimate=summary.mean,
        n=n,
        level=level,
        lower=lower,
        upper=upper,
        se=se,
        df=df,
        fpc=fpc,
        clipped=(lower, upper) != (raw_lower, raw_upper),
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class BandEdge:
    """Which bands an interval reaches, and the boundaries inside it."""

    crosses: bool
    bands: tuple[str, ...]
    """Codes of every band the interval reaches, highest band first."""
    boundaries: tuple[float, ...]

    def others(self, code: str | None) -> tuple[str, ...]:
        """The reachable bands other than ``code`` (the estimate's band): "may be B"."""
        return tuple(b for b in self.bands if b != code)


def band_edge(
    lower: float, upper: float, lower_bounds: Sequence[float], codes: Sequence[str]
) -> BandEdge:
    """Flag an interval ``[lower, upper]`` that contains a band boundary.

    Bands are given by their lower bounds (``codes[i]`` starts at ``lower_bounds[i]``); a value
    x is in the band with the largest lower bound ``<= x``. A boundary b is crossed when
    ``lower < b <= upper``. Pass the endpoints on the same footing as the estimate's band
    (e.g. rounded for publication when bands are read from rounded values).
    """
    if len(lower_bounds) != len(codes):
        raise ValueError("lower_bounds and codes must have the same length")
    if lower > upper:
        raise ValueError(f"interval lower {lower} is above upper {upper}")
    ordered = sorted(zip(lower_bounds, codes, strict=True), key=lambda bc: bc[0], reverse=True)
    reached = tuple(
        code
        for i, (bound, code) in enumerate(ordered)
        if bound <= upper and (i == 0 or ordered[i - 1][0] > lower)
    )
    inside = tuple(bound for bound, _ in ordered[:-1] if lower < bound <= upper)
    return BandEdge(crosses=bool(inside), bands=reached, boundaries=inside)


@dataclass(frozen=True)
class _Gap:
    reason: NoInterval
    detail: str


def _sampling(side: Score | float, name: str) -> tuple[float, float] | _Gap:
    """The side's (SE, df), or why it has none."""
    if not isinstance(side, Score):
        return _Gap(
            NoInterval.PUBLISHED_FIGURE,
            f"no interval available: the {name} score is a published figure "
            "without respondent-level data",
        )
    known = side.interval
    if known is None or known.se is None or known.df is None:
        return _Gap(
            NoInterval.TOO_FEW_RESPONDENTS,
            f"no interval available: the {name} score has fewer than 2 respondents",
        )
    return known.se, known.df


def compare_years(
    previous: Score | float,
    current: Score | float,
    *,
    min_change: float,
    level: float = 0.95,
) -> ChangeInterval:
    """Change between two independent years, Welch interval and "meaningful change" decision.

    Each side is a year's figure (its raw score with the standard error and df of its
    interval) or a plain number (a published figure).

    ``SE = sqrt(SE_prev^2 + SE_cur^2)``, Welch-Satterthwaite df (Welch 1947) with each side's
    ``n - 1``; the change is meaningful when the ``level`` interval excludes 0 and
    ``|change| >= min_change``. A side given as a plain number (a published figure) or without
    a standard error yields no interval and ``meaningful = None``, with the reason; no
    interval is invented. When both sides are censuses (SE 0) the interval has zero width and
    df is NaN.
    """
    _check_level(level)
    prev_est = previous.raw if isinstance(previous, Score) else float(previous)
    cur_est = current.raw if isinstance(current, Score) else float(current)
    change = cur_est - prev_est
    prev, cur = _sampling(previous, "previous"), _sampling(current, "current")
    if isinstance(prev, _Gap):
        return ChangeInterval(change, level, min_change, reason=prev.reason, detail=prev.detail)
    if isinstance(cur, _Gap):
        return ChangeInterval(change, level, min_change, reason=cur.reason, detail=cur.detail)
    (se1, df1), (se2, df2) = prev, cur
    var = se1**2 + se2**2
    se = math.sqrt(var)
    if var == 0.0:
        df, half = math.nan, 0.0
    else:
        df = var**2 / (se1**4 / df1 + se2**4 / df2)
        half = t_quantile((1.0 + level) / 2.0, df) * se
    lower, upper = change - half, change + half
    excludes_zero = lower > 0.0 or upper < 0.0
    return ChangeInterval(
        estimate=change,
        level=level,
        min_meaningful=min_change,
        lower=lower,
        upper=upper,
        se=se,
        df=df,
        meaningful=excludes_zero and abs(change) >= min_change,
    )
