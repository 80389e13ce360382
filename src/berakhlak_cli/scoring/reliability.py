"""Internal consistency of a scale: Cronbach's alpha and corrected item-rest correlations.

Everything is computed from mergeable sufficient statistics, so a survey that arrives in
batches gives the same result whatever the split. ``ItemMoments`` accumulates, per batch of
item scores (rows x k, NaN = missing):

* listwise: n complete rows, the sum vector and the cross-product matrix over those rows;
* pairwise: for every item pair (i, j), over rows where both are present, the count
  ``n_ij``, the sums of item i and of item j, and the sums of squares and cross-products.

Sums are of ``x - shift`` (default 50, the middle of the 0-100 score range): ``Σ(x-c)^2 -
(Σ(x-c))^2/n`` then loses at most a factor ``(var + (mean-c)^2) / var`` of precision, which
for 0-100 scores stays far inside float64 even at millions of rows, and merging two
accumulators is plain addition.

Formulas (C = item covariance matrix, k items):

* Cronbach's alpha (Cronbach 1951, Psychometrika 16(3), 297-334):
  ``alpha = k/(k-1) * (1 - sum_i C_ii / sum_ij C_ij)``, ``sum_ij C_ij`` = var(total score).
* Corrected item-rest correlation of item i (its correlation with the sum of the other items):
  ``r_i = sum_{j!=i} C_ij / sqrt(C_ii * sum_{j,l!=i} C_jl)`` (``r.drop`` in R psych::alpha).
* Alpha if item i is deleted: the alpha formula on C with row and column i removed.

Listwise uses the covariance matrix of the complete rows; pairwise uses, for each entry, the
rows where both items are present (diagonal: rows where the item is present), as
``pandas.DataFrame.cov`` and ``psych::alpha(use = "pairwise")`` do. A pairwise matrix need not
be positive semi-definite, so a variance computed from it can come out negative; that case is
reported as a reason, never raised.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.scoring.structure import keep_columns

FloatArray = npt.NDArray[np.float64]

# NOTE: a variance this small relative to the mean square of the shifted scores is rounding
# noise from summation (constant columns), not spread between respondents.
_ZERO_VARIANCE_RTOL = 1e-10
# NOTE: an item-rest correlation this close to zero is rounding noise, not a negative sign.
_NEGATIVE_TOLERANCE = 1e-9


class Missing(StrEnum):
    """How rows with missing item scores enter the covariance matrix."""

    LISTWISE = "listwise"
    """Only rows with every item present."""
    PAIRWISE = "pairwise"
    """Each covariance uses the rows where both of its items are present."""


class Unavailable(StrEnum):
    """Why a reliability statistic could not be computed (stable codes)."""

    TOO_FEW_ITEMS = "too-few-items"
    TOO_FEW_RESPONDENTS = "too-few-respondents"
    ZERO_VARIANCE = "zero-variance"
    NOT_POSITIVE_DEFINITE = "not-positive-definite"


@dataclass(frozen=True)
class ItemCovariance:
    """Finished moments of k items: counts and covariance matrices for both missing rules."""

    items: tuple[str, ...]
    rows: int
    """Rows with at least one item present."""
    complete: int
    """Rows with every item present (the listwise n)."""
    pair_counts: npt.NDArray[np.int64]
    """``pair_counts[i, j]``: rows where items i and j are both present."""
    listwise: FloatArray
    """Covariance over complete rows (ddof 1); NaN when ``complete < 2``."""
    pairwise: FloatArray
    """Pairwise-complete covariance (ddof 1); NaN where ``pair_counts < 2``."""
    mean_square: FloatArray
    """Mean of ``(x - shift)^2`` per item, the scale for the zero-variance test."""

    def covariance(self, missing: Missing) -> FloatArray:
        """The covariance matrix for ``missing``."""
        return self.listwise if Missing(missing) is Missing.LISTWISE else self.pairwise

    def n(self, missing: Missing) -> int:
        """Rows behind the statistic: complete rows, or the smallest pairwise count."""
        if Missing(missing) is Missing.LISTWISE:
            return self.complete
        return int(self.pair_counts.min()) if self.pair_counts.size else 0


class ItemMoments:
    """Mergeable accumulator of item scores for one scale (``add`` / ``merge`` / ``finish``)."""

    def __init__(self, items: Sequence[str], shift: float = 50.0, *, pairwise: bool = True) -> None:
        """Start an empty accumulator for the named items; ``shift`` centres the sums.

        ``pairwise=False`` skips the pairwise sums (three k x k products per batch), leaving
        only the listwise statistics; ``Missing.PAIRWISE`` results are then unavailable.
        """
        self.items = tuple(items)
        self.shift = float(shift)
        self.pairwise = pairwise
        k = len(self.items)
        self._rows = 0
        self._n = 0
        self._sum = np.zeros(k)
        self._cross = np.zeros((k, k))
        self._pair_n = np.zeros((k, k))
        self._pair_sum = np.zeros((k, k))
        self._pair_cross = np.zeros((k, k))

    def add(self, batch: npt.ArrayLike) -> None:
        """Add rows of item scores (rows x k); NaN and other non-finite values are missing."""
        x = np.asarray(batch, dtype=np.float64)
        k = len(self.items)
        if x.ndim != 2 or x.shape[1] != k:
            raise ValueError(f"expected an array of shape (rows, {k}), got {x.shape}")
        # NOTE: work item-major (k x rows, contiguous): BLAS computes A @ A.T on that layout
        # about 20x faster than x.T @ x on a row-major (rows x k) array for k = 21.
        xt = np.ascontiguousarray(x.T)
        present = np.isfinite(xt)
        self.add_centred(np.where(present, xt - self.shift, 0.0), present)

    def add_centred(self, z: FloatArray, present: npt.NDArray[np.bool_]) -> None:
        """Add item-major rows already centred on ``shift`` with missing cells set to 0.

        ``z`` and ``present`` are (k x rows); callers scoring several scales of one batch
        prepare them once and pass row slices.
        """
        self._rows += int(present.any(axis=0).sum())
        complete = present.all(axis=0)
        zc = np.ascontiguousarray(z[:, complete])
        self._n += int(zc.shape[1])
        self._sum += zc.sum(axis=1)
        self._cross += zc @ zc.T
        if not self.pairwise:
            return
        m = present.astype(np.float64)
        # pair_sum[i, j] = sum of z_i over rows where i and j are both present (z_i is 0
        # where i is missing, so multiplying by the presence of j is enough).
        self._pair_n += m @ m.T
        self._pair_sum += z @ m.T
        self._pair_cross += z @ z.T

    def add_listwise(
        self, x: FloatArray, present: npt.NDArray[np.bool_], *, overwrite: bool = False
    ) -> None:
        """``add_centred`` for an accumulator without pairwise sums, from item-major scores
        not yet centred (NaN where unanswered).

        Only the complete rows enter the sums, so only they are copied and centred: the same
        values as ``add_centred`` sees, without a centred copy of the whole batch.
        ``overwrite=True`` gathers and centres them in ``x``'s own buffer instead of a copy.
        """
        if self.pairwise:
            raise ValueError("add_listwise is for accumulators made with pairwise=False")
        self._rows += int(present.any(axis=0).sum())
        complete = np.asarray(present.all(axis=0), dtype=bool)
        zc = keep_columns(x, complete) if overwrite else np.ascontiguousarray(x[:, complete])
        zc -= self.shift
        self._n += int(zc.shape[1])
        self._sum += zc.sum(axis=1)
        self._cross += zc @ zc.T

    def add_patterns(self, codes: npt.NDArray[np.integer], levels: FloatArray) -> None:
        """Add rows given as answer patterns: ``codes`` (k x rows) index ``levels``, the
        centred values of the answers (code 0 = missing, ``levels[0]`` unused).

        Equal to ``add_centred`` on the same rows: every sum is a count of a pattern times
        a product of its values. When the centred values are whole numbers (scores of a
        1-5 scale), each sum is an exact integer in float64 either way, so the two give the
        same bits; the pattern counts cost one pass instead of seven (issue #16).
        """
        k = len(self.items)
        # NOTE: only a few of the levels occur (5 on a 1-5 scale): renumbering them keeps the
        # pattern table at 6^k entries instead of len(levels)^k.
        used = np.bincount(codes.ravel(), minlength=len(levels)) > 0
        used[0] = True
        renumber = np.cumsum(used) - 1
        codes, levels = renumber[codes], levels[used]
        base = len(levels)
        pattern = np.zeros(codes.shape[1], dtype=np.int64)
        for j in range(k):
            pattern = pattern * base + codes[j]
        counts = np.bincount(pattern)
        seen = np.flatnonzero(counts)
        c = counts[seen].astype(np.float64)
        digits = np.empty((k, len(seen)), dtype=np.int64)
        rest = seen.copy()
        for j in range(k - 1, -1, -1):
            rest, digits[j] = np.divmod(rest, base)
        present = digits > 0
        v = np.where(present, levels[digits], 0.0).T  # patterns x k
        e = present.T.astype(np.float64)
        self._rows += int(c[present.any(axis=0)].sum())
        complete = present.all(axis=0)
        vc, cc = v[complete], c[complete]
        self._n += int(cc.sum())
        self._sum += cc @ vc
        self._cross += (vc * cc[:, None]).T @ vc
        if not self.pairwise:
            return
        weighted_v = (v * c[:, None]).T
        self._pair_n += (e * c[:, None]).T @ e
        self._pair_sum += weighted_v @ e
        self._pair_cross += weighted_v @ v

    def merge(self, other: ItemMoments) -> None:
        """Add another accumulator's rows to this one (same items and shift)."""
        if other.items != self.items or other.shift != self.shift:
            raise ValueError("can only merge accumulators with the same items and shift")
        self._rows += other._rows
        self._n += other._n
        self._sum += other._sum
        self._cross += other._cross
        self._pair_n += other._pair_n
        self._pair_sum += other._pair_sum
        self._pair_cross += other._pair_cross

    def finish(self) -> ItemCovariance:
        """Covariance matrices (ddof 1) for both missing rules; the accumulator is unchanged."""
        k = len(self.items)
        n = self._n
        if n >= 2:
            listwise = (self._cross - np.outer(self._sum, self._sum) / n) / (n - 1)
        else:
            listwise = np.full((k, k), np.nan)
        counts = np.rint(self._pair_n).astype(np.int64)
        with np.errstate(divide="ignore", invalid="ignore"):
            centred = self._pair_cross - self._pair_sum * self._pair_sum.T / self._pair_n
            pairwise = np.where(counts >= 2, centred / (self._pair_n - 1), np.nan)
            diag_n = np.diag(self._pair_n)
            mean_square = np.where(diag_n > 0, np.diag(self._pair_cross) / diag_n, 0.0)
        return ItemCovariance(
            items=self.items,
            rows=self._rows,
            complete=n,
            pair_counts=counts,
            listwise=listwise,
            pairwise=pairwise,
            mean_square=mean_square,
        )


@dataclass(frozen=True)
class Alpha:
    """Cronbach's alpha of a scale, or ``None`` with the reason it is undefined."""

    value: float | None
    missing: Missing
    k: int
    n: int
    reason: Unavailable | None = None
    detail: str = ""


@dataclass(frozen=True)
class ItemRest:
    """One item's corrected item-rest correlation and the alpha of the scale without it."""

    item: str
    rest_correlation: float | None
    alpha_if_deleted: float | None
    reason: Unavailable | None = None
    detail: str = ""


@dataclass(frozen=True)
class ItemWarning:
    """A data warning about one item; nothing is changed by issuing it."""

    code: IssueCode
    item: str
    rest_correlation: float
    message: str


def _is_zero(variance: float, scale: float) -> bool:
    return variance <= _ZERO_VARIANCE_RTOL * (1.0 + scale)


def _alpha_of(cov: FloatArray, scale: float) -> tuple[float | None, Unavailable | None, str]:
    k = cov.shape[0]
    if k < 2:
        return None, Unavailable.TOO_FEW_ITEMS, f"alpha needs at least 2 items, got {k}"
    if np.isnan(cov).any():
        return None, Unavailable.TOO_FEW_RESPONDENTS, "fewer than 2 respondents behind a variance"
    total = float(cov.sum())
    if _is_zero(abs(total), scale):
        return None, Unavailable.ZERO_VARIANCE, "the total score has zero variance"
    if total < 0:
        return None, Unavailable.NOT_POSITIVE_DEFINITE, "pairwise total variance is negative"
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total), None, ""


def cronbach_alpha(stats: ItemCovariance, missing: Missing = Missing.LISTWISE) -> Alpha:
    """Cronbach's alpha, ``k/(k-1) * (1 - sum(var_i) / var(total))`` (Cronbach 1951).

    Returns ``Alpha(value=None, reason=...)`` for fewer than 2 items, fewer than 2 respondents
    behind any (co)variance, or a total score without variance; it never raises on data.
    """
    missing = Missing(missing)
    cov = stats.covariance(missing)
    value, reason, detail = _alpha_of(cov, float(stats.mean_square.sum()))
    return Alpha(value, missing, len(stats.items), stats.n(missing), reason, detail)


def item_rest(stats: ItemCovariance, missing: Missing = Missing.LISTWISE) -> tuple[ItemRest, ...]:
    """Corrected item-rest correlation and alpha-if-deleted for every item.

    ``r_i = sum_{j!=i} C_ij / sqrt(C_ii * sum_{j,l!=i} C_jl)``: the correlation of item i with
    the sum of the other items (psych::alpha ``r.drop``). Alpha if deleted is the alpha of the
    covariance matrix without item i, so under listwise deletion it uses the same complete
    rows as the full scale (rows missing only item i are not brought back).
    """
    cov = stats.covariance(missing)
    k = cov.shape[0]
    results: list[ItemRest] = []
    for i, name in enumerate(stats.items):
        keep = [j for j in range(k) if j != i]
        sub = cov[np.ix_(keep, keep)]
        scale = float(stats.mean_square[keep].sum())
        deleted = _alpha_of(sub, scale)[0] if k >= 2 else None
        var_item, var_rest = float(cov[i, i]), float(sub.sum())
        gap: tuple[Unavailable, str] | None = None
        if k < 2:
            gap = Unavailable.TOO_FEW_ITEMS, "no other items"
        elif np.isnan(cov[i]).any() or np.isnan(sub).any():
            gap = Unavailable.TOO_FEW_RESPONDENTS, "fewer than 2 respondents behind a variance"
        elif _is_zero(var_item, float(stats.mean_square[i])):
            gap = Unavailable.ZERO_VARIANCE, "item has zero variance"
        elif _is_zero(abs(var_rest), scale):
            gap = Unavailable.ZERO_VARIANCE, "rest score has zero variance"
        elif var_rest < 0:
            gap = Unavailable.NOT_POSITIVE_DEFINITE, "pairwise rest-score variance is negative"
        if gap is not None:
            results.append(ItemRest(name, None, deleted, gap[0], gap[1]))
        else:
            r = (float(cov[i].sum()) - var_item) / math.sqrt(var_item * var_rest)
            results.append(ItemRest(name, r, deleted))
    return tuple(results)


def reverse_keying_warnings(stats: Sequence[ItemRest]) -> tuple[ItemWarning, ...]:
    """Warn about items whose corrected item-rest correlation is negative.

    A negative correlation with the rest of the scale usually means the item is worded in the
    opposite direction and its reverse-keying is missing or wrong in the rubric. Only a warning:
    no score is flipped.
    """
    warnings = []
    for s in stats:
        r = s.rest_correlation
        if r is not None and r < -_NEGATIVE_TOLERANCE:
            warnings.append(
                ItemWarning(
                    code=IssueCode.NEGATIVE_ITEM_CORRELATION,
                    item=s.item,
                    rest_correlation=r,
                    message=(
                        f"item {s.item} correlates negatively with the rest of its scale; "
                        "likely reverse-keying mistake: check whether the rubric should "
                        "mark it reverse-keyed (nothing was flipped)"
                    ),
                )
            )
    return tuple(warnings)
