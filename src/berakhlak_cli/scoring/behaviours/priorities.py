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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.behaviours import GapTest

FloatArray = npt.NDArray[np.float64]
_BLOCK_ROWS = 256
"""Table rows turned into ``GapTest`` records at a time (``GapTable.unit_tests``)."""


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
    table = GapTable.of(
        np.array([[unit.n]]),
        np.array([[unit.total]]),
        np.array([[unit.squares]]),
        Moments(
            np.array([institution.n]),  # type: ignore[arg-type]
            np.array([institution.total]),  # type: ignore[arg-type]
            np.array([institution.squares]),  # type: ignore[arg-type]
        ),
        np.array([inside]),
        level,
    )
    return table.test(0, 0, behaviour)


@dataclass(frozen=True)
class GapTable:
    """``gap_test`` for every (unit, behaviour) at once: arrays of units x behaviours.

    Entry by entry the arithmetic is ``gap_test``'s formula in the same IEEE operations (the
    square in the Welch-Satterthwaite numerator is Python's, as in the scalar formula), so a
    table entry equals the scalar test bit for bit; the t quantiles and p-values are two array
    calls instead of two per test.
    """

    gap: FloatArray
    lower: FloatArray
    upper: FloatArray
    p: FloatArray
    df: FloatArray
    tested: npt.NDArray[np.bool_]

    @classmethod
    def of(
        cls,
        count: npt.ArrayLike,
        total: FloatArray,
        squares: FloatArray,
        institution: Moments,
        inside: npt.NDArray[np.bool_],
        level: float,
    ) -> GapTable:
        """Tests of units (rows of ``count``, ``total``, ``squares``) against ``institution``
        (per behaviour); ``inside[u]``: unit u is pooled in the institution row."""
        from scipy.special import stdtr, stdtrit  # type: ignore[import-untyped, unused-ignore]

        n = np.asarray(count, dtype=np.float64)
        inst_n = np.broadcast_to(np.asarray(institution.n, dtype=np.float64), n.shape)
        inst_t = np.broadcast_to(np.asarray(institution.total, dtype=np.float64), n.shape)
        inst_q = np.broadcast_to(np.asarray(institution.squares, dtype=np.float64), n.shape)
        within = np.broadcast_to(inside[:, None], n.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            gap = total / n - inst_t / inst_n
            o_n = np.where(within, inst_n - n, inst_n)
            o_t = np.where(within, inst_t - total, inst_t)
            o_q = np.where(within, inst_q - squares, inst_q)
            ok = (n >= 2) & (o_n >= 2)
            a = np.maximum(squares - total * total / n, 0.0) / (n - 1) / n
            b = np.maximum(o_q - o_t * o_t / o_n, 0.0) / (o_n - 1) / o_n
            ok &= a + b > 0
            scale = np.where(within, o_n / inst_n, 1.0)
            se = scale * np.sqrt(a + b)
            square = np.array([x**2 for x in (a + b).ravel().tolist()]).reshape(n.shape)
            df = square / (a * a / (n - 1) + b * b / (o_n - 1))
        df = np.where(ok, df, np.nan)
        half = np.full(n.shape, np.nan)
        p = np.full(n.shape, np.nan)
        if ok.any():
            half[ok] = stdtrit(df[ok], 1 - (1 - level) / 2) * se[ok]
            p[ok] = np.minimum(2 * stdtr(df[ok], -np.abs(gap[ok]) / se[ok]), 1.0)
        return cls(gap, gap - half, gap + half, p, df, ok)

    def test(self, u: int, b: int, behaviour: str) -> GapTest:
        """The ``GapTest`` of unit row ``u`` and behaviour column ``b``."""
        gap = float(self.gap[u, b])
        if not self.tested[u, b]:
            return GapTest(behaviour, gap)
        return GapTest(
            behaviour,
            gap,
            float(self.lower[u, b]),
            float(self.upper[u, b]),
            float(self.p[u, b]),
            float(self.df[u, b]),
        )

    def unit_tests(
        self, included: npt.NDArray[np.bool_], ids: Sequence[str], level: float
    ) -> list[tuple[GapTest, ...]]:
        """Per table row, the ``GapTest`` of every behaviour column where ``included``, with
        Holm's flags (``with_holm``) set: equal to ``with_holm`` of the ``test`` entries, built
        from plain lists (indexing the arrays entry by entry costs ~10x more: issue #16)."""
        alpha = 1 - level
        out: list[tuple[GapTest, ...]] = []
        # NOTE: rows go to plain lists a block at a time: the whole table as lists would be
        # six lists of floats per entry held at once (~20 MiB at 5 000 units: issue #16).
        for start in range(0, included.shape[0], _BLOCK_ROWS):
            block = slice(start, start + _BLOCK_ROWS)
            gap, lower, upper = (a[block].tolist() for a in (self.gap, self.lower, self.upper))
            p, df = self.p[block].tolist(), self.df[block].tolist()
            rows = zip(included[block].tolist(), self.tested[block].tolist(), strict=True)
            for u, (row, ran) in enumerate(rows):
                picked = [b for b, ok in enumerate(row) if ok]
                flags = holm([p[u][b] if ran[b] else None for b in picked], alpha)
                out.append(
                    tuple(
                        GapTest(
                            ids[b], gap[u][b], lower[u][b], upper[u][b], p[u][b], df[u][b], flag
                        )
                        if ran[b]
                        else GapTest(ids[b], gap[u][b], None, None, None, None, False)
                        for b, flag in zip(picked, flags, strict=True)
                    )
                )
        return out


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
    # NOTE: most tests are not significant; replacing only the others saves a copy per test.
    return tuple(
        replace(t, significant=True) if f else t for t, f in zip(tests, flags, strict=True)
    )


def priorities(tests: Sequence[GapTest], count: int) -> tuple[GapTest, ...]:
    """The ``count`` behaviours furthest below the institution (gap < 0), most negative first."""
    below = sorted((t for t in tests if t.gap < 0), key=lambda t: (t.gap, t.behaviour))
    return tuple(below[:count])
