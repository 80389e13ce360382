"""Per-group sufficient statistics that merge across batches.

Sums and counts (and sums of squares, for intervals) are all a group's scores need, so a
survey can be scored in batches of any size, and in any order, with the same result.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]
Index = npt.NDArray[np.intp]


class GroupStats:
    """Sums for G groups x V values; grows as new groups appear."""

    def __init__(self, n_values: int) -> None:
        self.n_values = n_values
        self.respondents = np.zeros(0, dtype=np.int64)
        self.value_sum = np.zeros((0, n_values))
        self.value_sumsq = np.zeros((0, n_values))
        self.value_count = np.zeros((0, n_values), dtype=np.int64)
        self.points = np.zeros((0, n_values))
        self.weight = np.zeros((0, n_values))
        self.index_sum = np.zeros(0)
        self.index_sumsq = np.zeros(0)
        self.index_count = np.zeros(0, dtype=np.int64)

    @property
    def size(self) -> int:
        """Number of groups."""
        return int(self.respondents.shape[0])

    def grow(self, n_groups: int) -> None:
        """Make room for ``n_groups`` groups (new ones start at zero)."""
        extra = n_groups - self.size
        if extra <= 0:
            return
        for name in ("respondents", "index_sum", "index_sumsq", "index_count"):
            arr = getattr(self, name)
            setattr(self, name, np.concatenate([arr, np.zeros(extra, dtype=arr.dtype)]))
        for name in ("value_sum", "value_sumsq", "value_count", "points", "weight"):
            arr = getattr(self, name)
            pad = np.zeros((extra, self.n_values), dtype=arr.dtype)
            setattr(self, name, np.concatenate([arr, pad]))

    def add(
        self,
        group: Index,
        values: Matrix,
        index: Matrix,
        points: Matrix | None = None,
        weight: Matrix | None = None,
    ) -> None:
        """Add respondents to their groups; ``values``, ``points``, ``weight`` are values x n
        (``points`` and ``weight`` None: the pooled sums are not kept, as person-first needs
        none)."""
        g = self.size
        self.respondents += np.bincount(group, minlength=g)
        for v in range(self.n_values):
            row = values[v]
            present = ~np.isnan(row)
            filled = np.where(present, row, 0.0)
            self.value_sum[:, v] += np.bincount(group, weights=filled, minlength=g)
            self.value_sumsq[:, v] += np.bincount(group, weights=filled * filled, minlength=g)
            self.value_count[:, v] += np.bincount(group[present], minlength=g)
            if points is not None and weight is not None:
                self.points[:, v] += np.bincount(group, weights=points[v], minlength=g)
                self.weight[:, v] += np.bincount(group, weights=weight[v], minlength=g)
        has_index = ~np.isnan(index)
        idx = np.where(has_index, index, 0.0)
        self.index_sum += np.bincount(group, weights=idx, minlength=g)
        self.index_sumsq += np.bincount(group, weights=idx * idx, minlength=g)
        self.index_count += np.bincount(group[has_index], minlength=g)

    def total(self, rows: Index) -> GroupStats:
        """One group holding the sum of the groups ``rows`` (a pooled parent)."""
        out = GroupStats(self.n_values)
        out.respondents = self.respondents[rows].sum(keepdims=True)
        for name in ("value_sum", "value_sumsq", "value_count", "points", "weight"):
            setattr(out, name, getattr(self, name)[rows].sum(axis=0, keepdims=True))
        for name in ("index_sum", "index_sumsq", "index_count"):
            setattr(out, name, getattr(self, name)[rows].sum(keepdims=True))
        return out

    def regroup(self, cell_of: Index, n_cells: int) -> GroupStats:
        """Sums per coarser cell: group ``g`` goes to ``cell_of[g]`` (-1: dropped)."""
        out = GroupStats(self.n_values)
        out.grow(n_cells)
        keep = np.flatnonzero(cell_of >= 0)
        target = cell_of[keep]
        for name in (
            "respondents",
            "index_sum",
            "index_sumsq",
            "index_count",
            "value_sum",
            "value_sumsq",
            "value_count",
            "points",
            "weight",
        ):
            np.add.at(getattr(out, name), target, getattr(self, name)[keep])
        return out
