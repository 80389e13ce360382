"""Behaviour-level results (panduan perilaku): mergeable sums, published scores, distributions.

- Behaviour score of a group, person-first: mean over respondents of their behaviour score
  (weighted mean of the behaviour's answered items, ``structure.behaviour_scores``); pooled:
  weighted item points / weight over all answered cells of the behaviour. With one item per
  behaviour (the default rubric) both are the mean item score. Rounding and bands are the
  values' (``bands.make_scores``).
- Institution: the same over the included respondents (pooled), or the unweighted mean of the
  included units' behaviour scores (``aggregation.institution: mean_of_units``).
- Distribution: answers to the behaviour's items counted per point of the scale, in the
  scoring direction (reverse-keyed items are mirrored), lowest point first. Points are the
  scale's labelled points (else every whole number from min to max); an answer between two
  points counts at the nearest one. The favourable share is the top
  ``reporting.favourable_points`` points over all answers counted.
- Suppression: a group whose values are withheld has no behaviour results either (the same
  ``scoring.suppression`` decision covers every published cell, distributions included).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.behaviours import BehaviourResult, Distribution
from berakhlak_cli.model.rubric import RespondentMethod, Rubric, Scale
from berakhlak_cli.scoring.bands import make_scores, make_scores_array, mean
from berakhlak_cli.scoring.structure import Structure

Matrix = npt.NDArray[np.float64]
_BLOCK = 512
"""Groups per block of ``results_of``."""
Index = npt.NDArray[np.intp]


def scale_points(scale: Scale) -> tuple[float, ...]:
    """The points a distribution counts: labelled points, else whole numbers min..max."""
    if scale.points:
        return tuple(sorted(p.value for p in scale.points))
    return tuple(float(x) for x in np.arange(scale.min, scale.max + 0.5))


class BehaviourStats:
    """Sums for G groups x B behaviours, and answer counts per scale point."""

    def __init__(self, rubric: Rubric, structure: Structure) -> None:
        self.structure = structure
        # NOTE: the pooled sums are read by the pooled method only; person-first skips them.
        self._pooled = rubric.aggregation.respondent == RespondentMethod.POOLED
        self.ids = [b.id for v in rubric.values for b in v.behaviours]
        self.value_of = [v.id for v in rubric.values for b in v.behaviours]
        scales = [rubric.scales[b.items[0].scale] for v in rubric.values for b in v.behaviours]
        self.points = [scale_points(s) for s in scales]
        self.low = [s.min for s in scales]
        self.span = [s.max - s.min for s in scales]
        self.width = max(len(p) for p in self.points) if self.points else 0
        n = len(self.ids)
        self.sum = np.zeros((0, n))
        self.sumsq = np.zeros((0, n))
        self.count = np.zeros((0, n), dtype=np.int64)
        self.pooled = np.zeros((0, n))
        self.weight = np.zeros((0, n))
        self.dist = np.zeros((0, n, self.width), dtype=np.int64)

    @property
    def size(self) -> int:
        """Number of groups."""
        return int(self.sum.shape[0])

    def grow(self, n_groups: int) -> None:
        """Make room for ``n_groups`` groups."""
        extra = n_groups - self.size
        if extra <= 0:
            return
        for name in ("sum", "sumsq", "count", "pooled", "weight", "dist"):
            arr = getattr(self, name)
            pad = np.zeros((extra, *arr.shape[1:]), dtype=arr.dtype)
            setattr(self, name, np.concatenate([arr, pad]))

    def add(self, group: Index, scores: Matrix, behaviours: Matrix) -> None:
        """Add respondents: ``scores`` items x n (0-100), ``behaviours`` behaviours x n."""
        g = self.size
        st = self.structure
        for b, (lo, hi) in enumerate(st.behaviour_items):
            row = behaviours[b]
            present = ~np.isnan(row)
            filled = np.where(present, row, 0.0)
            self.sum[:, b] += np.bincount(group, weights=filled, minlength=g)
            self.sumsq[:, b] += np.bincount(group, weights=filled * filled, minlength=g)
            self.count[:, b] += np.bincount(group[present], minlength=g)
            points = np.array(self.points[b])
            edges = ((points[1:] + points[:-1]) / 2).tolist()
            for i in range(lo, hi):
                item = scores[i]
                answered = ~np.isnan(item)
                w = st.item_weight[i]
                if self._pooled:
                    self.pooled[:, b] += np.bincount(
                        group, weights=np.where(answered, item, 0.0) * w, minlength=g
                    )
                    self.weight[:, b] += np.bincount(group, weights=answered * w, minlength=g)
                keyed = self.low[b] + item[answered] / 100.0 * self.span[b]
                # NOTE: the nearest point, ties to the lower (searchsorted side="left"): the
                # number of midpoints below the answer, a few compares instead of a search.
                cell = group[answered] * self.width
                for edge in edges:
                    cell += keyed > edge
                flat = np.bincount(cell, minlength=g * self.width)
                self.dist[:, b, :] += flat.reshape(g, self.width)

    def regroup(self, cell_of: Index, n_cells: int) -> BehaviourStats:
        """Sums per coarser cell: group ``g`` goes to ``cell_of[g]`` (-1: dropped), as
        ``GroupStats.regroup`` does for the value sums."""
        self.grow(len(cell_of))
        out = BehaviourStats.__new__(BehaviourStats)
        out.__dict__.update(self.__dict__)
        keep = np.flatnonzero(cell_of >= 0)
        target = cell_of[keep]
        for name in ("sum", "sumsq", "count", "pooled", "weight", "dist"):
            arr = getattr(self, name)
            summed = np.zeros((n_cells, *arr.shape[1:]), dtype=arr.dtype)
            np.add.at(summed, target, arr[keep])
            setattr(out, name, summed)
        return out

    def total(self, rows: Sequence[int]) -> BehaviourStats:
        """One group holding the sums of ``rows`` (a pooled parent)."""
        out = BehaviourStats.__new__(BehaviourStats)
        out.__dict__.update(self.__dict__)
        index = np.array(rows, dtype=np.intp)
        for name in ("sum", "sumsq", "count", "pooled", "weight", "dist"):
            setattr(out, name, getattr(self, name)[index].sum(axis=0, keepdims=True))
        return out

    def raw(self, g: int, rubric: Rubric) -> list[float | None]:
        """Unrounded behaviour scores of group ``g`` (None where nobody answered)."""
        if rubric.aggregation.respondent == RespondentMethod.POOLED:
            num, den = self.pooled[g], self.weight[g]
        else:
            num, den = self.sum[g], self.count[g].astype(np.float64)
        return [float(x / d) if d > 0 else None for x, d in zip(num, den, strict=True)]

    def sd(self, g: int) -> list[float | None]:
        """Standard deviation of respondents' behaviour scores (divisor n - 1)."""
        out: list[float | None] = []
        for s, q, n in zip(self.sum[g], self.sumsq[g], self.count[g], strict=True):
            out.append(float(np.sqrt(max(q - s * s / n, 0.0) / (n - 1))) if n > 1 else None)
        return out

    def results(
        self, g: int, rubric: Rubric, raws: list[float | None] | None = None
    ) -> dict[str, BehaviourResult]:
        """Published behaviour results of group ``g`` (``raws`` overrides the scores, for an
        institution row that is a mean of units)."""
        scores = make_scores(raws if raws is not None else self.raw(g, rubric), rubric)
        sds = self.sd(g)
        top = rubric.reporting.favourable_points
        out: dict[str, BehaviourResult] = {}
        for b, bid in enumerate(self.ids):
            width = len(self.points[b])
            counts = tuple(int(c) for c in self.dist[g, b, :width])
            out[bid] = BehaviourResult(
                id=bid,
                value=self.value_of[b],
                score=scores[b],
                respondents=int(self.count[g, b]),
                distribution=Distribution(self.points[b], counts, min(top, width)),
                sd=sds[b],
            )
        return out

    def results_of(self, groups: Sequence[int], rubric: Rubric) -> list[dict[str, BehaviourResult]]:
        """``results(g, rubric)`` for each of ``groups``, equal entry by entry; the scores,
        rounding, bands, SDs and distribution shares of all groups are computed as whole
        arrays at once (the same IEEE operations as the scalar path), a block of groups at a
        time so the plain lists in between stay small (peak memory)."""
        out: list[dict[str, BehaviourResult]] = []
        for start in range(0, len(groups), _BLOCK):
            out.extend(self._results_block(groups[start : start + _BLOCK], rubric))
        return out

    def _results_block(
        self, groups: Sequence[int], rubric: Rubric
    ) -> list[dict[str, BehaviourResult]]:
        index = np.array(groups, dtype=np.intp)
        if rubric.aggregation.respondent == RespondentMethod.POOLED:
            num, den = self.pooled[index], self.weight[index]
        else:
            num, den = self.sum[index], self.count[index].astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = num / den
        scores = make_scores_array(ratio.ravel(), (den > 0).ravel(), rubric)
        s, q, n = self.sum[index], self.sumsq[index], self.count[index]
        with np.errstate(divide="ignore", invalid="ignore"):
            spread = np.sqrt(np.maximum(q - s * s / n, 0.0) / (n - 1))
        respondents = n.ravel().tolist()
        sds = [
            x if c > 1 else None for x, c in zip(spread.ravel().tolist(), respondents, strict=True)
        ]
        top = rubric.reporting.favourable_points
        widths = [len(p) for p in self.points]
        favs = [min(top, w) for w in widths]
        # NOTE: only the counts go into each Distribution; its shares are computed when read
        # (model.behaviours), so nothing per share is held for every group (issue #16).
        entries = zip(
            scores,
            respondents,
            sds,
            self.dist[index].reshape(-1, self.width).tolist(),
            strict=True,
        )
        per_b = [
            (bid, value, points, width, fav)
            for bid, value, points, width, fav in zip(
                self.ids, self.value_of, self.points, widths, favs, strict=True
            )
        ]
        out: list[dict[str, BehaviourResult]] = []
        for _ in range(len(groups)):
            # NOTE: zip reads per_b first, so it stops at the row's end without taking an entry.
            out.append(
                {
                    bid: BehaviourResult(
                        bid,
                        value,
                        score,
                        n_b,
                        Distribution(points, tuple(counts[:width]), fav),
                        sd,
                    )
                    for (bid, value, points, width, fav), (score, n_b, sd, counts) in zip(
                        per_b, entries, strict=False
                    )
                }
            )
        return out

    def mean_of_units(self, rows: Sequence[int], rubric: Rubric) -> list[float | None]:
        """Per behaviour, the unweighted mean of the units' scores (units with a score)."""
        per_unit = [self.raw(g, rubric) for g in rows]
        out: list[float | None] = []
        for b in range(len(self.ids)):
            got = [r[b] for r in per_unit if r[b] is not None]
            out.append(mean([x for x in got if x is not None]) if got else None)
        return out
