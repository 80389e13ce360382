"""Priorities per unit (prioritas perbaikan): behaviours furthest below the institution.

For one behaviour, with the unit's respondents u and the institution's other respondents r
(the institution row pools u and r, so the two overlap):

- gap ``d = mean_u - mean_I``. When the unit is part of the institution row,
  ``mean_I = (n_u mean_u + n_r mean_r) / N`` with ``N = n_u + n_r``, so
  ``d = (n_r / N) (mean_u - mean_r)``, a fixed multiple of the difference of two independent
  means; ``SE = (n_r / N) sqrt(s_u²/n_u + s_r²/n_r)``. When the unit is left out of the
  institution row (below its minimum respondents), u and I are independent:
  ``SE = sqrt(s_u²/n_u + s_I²/n_I)``.
- Welch-Satterthwaite degrees of freedom on the two variance terms (Welch 1947);
  interval ``d ± t_{1-α/2, df} SE``; two-sided p-value of ``t = d / SE``.
- Holm's step-down procedure (Holm 1979, Scand. J. Statist. 6, 65-70) across the unit's
  tested behaviours: sort the m p-values ascending, reject while ``p_(k) <= α / (m - k + 1)``,
  stop at the first that is not. It keeps the chance of flagging any behaviour of a unit
  whose behaviours are all at the institution's level below α.

A priority is a behaviour with ``d < 0``; the list is ordered by the gap, most negative first,
and a flag says where Holm rejects. Respondents are treated as a simple random sample
(no finite-population correction: conservative). docs/method-statistics.md states the limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from berakhlak_cli.model.behaviours import GapTest


@dataclass(frozen=True)
class Moments:
    """Respondent-level behaviour scores of one group: count, sum and sum of squares."""

    n: float
    total: float
    squares: float

    @property
    def mean(self) -> float:
        """``total / n``."""
        return self.total / self.n

    @property
    def variance(self) -> float:
        """Sample variance (divisor n - 1)."""
        return max(self.squares - self.total * self.total / self.n, 0.0) / (self.n - 1)

    def minus(self, other: Moments) -> Moments:
        """The respondents of ``self`` that are not in ``other`` (``other`` is a subset)."""
        return Moments(self.n - other.n, self.total - other.total, self.squares - other.squares)


def gap_test(
    behaviour: str, unit: Moments, institution: Moments, *, inside: bool, level: float = 0.95
) -> GapTest:
    """The gap of ``unit`` against ``institution`` with its interval and p-value (module doc)."""
    from scipy.special import stdtr, stdtrit  # type: ignore[import-untyped, unused-ignore]

    gap = unit.mean - institution.mean
    other = institution.minus(unit) if inside else institution
    if unit.n < 2 or other.n < 2:
        return GapTest(behaviour, gap)
    a, b = unit.variance / unit.n, other.variance / other.n
    scale = other.n / institution.n if inside else 1.0
    if a + b <= 0:
        return GapTest(behaviour, gap)
    se = scale * math.sqrt(a + b)
    df = (a + b) ** 2 / (a * a / (unit.n - 1) + b * b / (other.n - 1))
    half = float(stdtrit(df, 1 - (1 - level) / 2)) * se
    p = float(2 * stdtr(df, -abs(gap) / se))
    return GapTest(behaviour, gap, gap - half, gap + half, min(p, 1.0), df)


def holm(pvalues: Sequence[float | None], alpha: float) -> list[bool]:
    """Holm's step-down rejections (None: not tested, never rejected)."""
    tested = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(tested)
    out = [False] * len(pvalues)
    for k, (p, i) in enumerate(tested):
        if p > alpha / (m - k):
            break
        out[i] = True
    return out


def with_holm(tests: Sequence[GapTest], level: float) -> tuple[GapTest, ...]:
    """``tests`` with ``significant`` set by Holm at ``alpha = 1 - level``."""
    from dataclasses import replace

    flags = holm([t.p for t in tests], 1 - level)
    return tuple(replace(t, significant=f) for t, f in zip(tests, flags, strict=True))


def priorities(tests: Sequence[GapTest], count: int) -> tuple[GapTest, ...]:
    """The ``count`` behaviours furthest below the institution (gap < 0), most negative first."""
    below = sorted((t for t in tests if t.gap < 0), key=lambda t: (t.gap, t.behaviour))
    return tuple(below[:count])
