"""Group keys of survey rows: the fine cells every breakdown regroups (``scoring.breakdowns``).

A row's key is its value in each grouping column, spaces collapsed; keys that normalise alike
("Biro  Hukum", "biro hukum") are one group, shown in the first spelling seen. A blank unit
puts the row in no group; a blank ``--by`` cell keeps it in a cell with "" in that place. A
cell that looks like personal data (``model.personal_data``) is read as blank, so it is never
a published label.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import looks_personal
from berakhlak_cli.model.survey import SurveyBatch

_CACHE_LIMIT = 200_000
"""Distinct grouping texts remembered (``GroupKeys._category``); about 200 B each."""


class GroupKeys:
    """The keys seen so far (``keys[g]`` is group g) and the per-batch row -> group index."""

    def __init__(self, columns: tuple[str, ...], unit: int | None) -> None:
        """``columns`` are read from every batch; ``unit`` is the unit column's position."""
        self.columns = columns
        self.unit = unit
        self.keys: list[tuple[str, ...]] = []
        self._key_index: dict[tuple[str, ...], int] = {}
        self._personal_labels: dict[str, str | None] = {}
        self._categories: dict[str, tuple[str, bool, str]] = {}

    def index(
        self, batch: SurveyBatch
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_], dict[str, npt.NDArray[np.bool_]]]:
        """Fine cell per row (``scoring.breakdowns``), whether any key cell is blank, and per
        grouping column the rows whose cell looks like personal data.

        The cell is -1 where the unit is blank (such rows are in no run's institution row);
        a blank ``--by`` cell elsewhere keeps the row in a cell with "" in that place. A cell
        that looks like personal data is read as blank: it is never a published label.
        """
        local: list[npt.NDArray[np.int64]] = []
        labels: list[list[str]] = []
        normals: list[list[str]] = []
        personal: dict[str, npt.NDArray[np.bool_]] = {}
        for name in self.columns:
            column = batch.groups[name]
            # NOTE: a NIP or e-mail typed into a grouping column would become a published label.
            seen = [self._category(c) for c in column.categories]
            shown = [c[0] for c in seen]
            usable = [c[1] for c in seen]
            keys = [c[2] for c in seen]
            # NOTE: "Biro  Hukum" and "biro hukum" are the same unit; the first spelling is shown.
            canon = dict(zip(reversed(keys), reversed(shown), strict=True))
            merged = sorted({k for k, ok in zip(keys, usable, strict=True) if ok})
            pos = {k: i for i, k in enumerate(merged)}
            lut = np.array(
                [pos[k] if ok else -1 for k, ok in zip(keys, usable, strict=True)] + [-1]
            )
            idx = np.where(column.codes < 0, len(shown), column.codes)
            local.append(lut[idx])
            labels.append([canon[k] for k in merged])
            normals.append(merged)
            flagged = [bool(s) and not ok for s, ok in zip(shown, usable, strict=True)]
            if any(flagged):
                personal[name] = np.array([*flagged, False], dtype=bool)[idx]
        combined = np.zeros(batch.size, dtype=np.int64)
        blank = np.zeros(batch.size, dtype=bool)
        for codes, names in zip(local, labels, strict=True):
            blank |= codes < 0
            combined = combined * (len(names) + 1) + (codes + 1)
        uniq, inverse = _unique(combined)
        lut_global = np.empty(len(uniq), dtype=np.intp)
        sizes = [len(names) + 1 for names in reversed(labels)]
        for u_idx, code in enumerate(uniq.tolist()):
            picked: list[int] = []
            for size in sizes:
                code, part = divmod(code, size)
                picked.append(part)
            picked.reverse()
            if self.unit is not None and not picked[self.unit]:
                lut_global[u_idx] = -1
                continue
            # NOTE: a label's normal form is its merged key (``normalize`` of a shown spelling
            # is the key it was merged under), so the key is looked up without normalising
            # again; the shown spellings are only needed for a key not seen before.
            norm = tuple(n[p - 1] if p else "" for n, p in zip(normals, picked, strict=True))
            g = self._key_index.get(norm)
            if g is None:
                g = self._key_index[norm] = len(self.keys)
                self.keys.append(
                    tuple(n[p - 1] if p else "" for n, p in zip(labels, picked, strict=True))
                )
            lut_global[u_idx] = g
        return lut_global[inverse], blank, personal

    def _category(self, raw: str) -> tuple[str, bool, str]:
        """A grouping cell's shown spelling (spaces collapsed), whether it may be a label (not
        blank, not personal data) and its normal form; cached per raw text, since the same
        unit names recur in every batch (one lookup instead of three: issue #16). The cache
        is emptied when it reaches ``_CACHE_LIMIT`` texts (a hostile file may hold millions)."""
        hit = self._categories.get(raw)
        if hit is None:
            if len(self._categories) >= _CACHE_LIMIT:
                self._categories.clear()
            shown = " ".join(raw.split())
            usable = bool(shown) and looks_personal(shown) is None
            hit = self._categories[raw] = (shown, usable, normalize(shown))
        return hit

    def personal(self, label: str) -> str | None:
        """``looks_personal`` with a cache: the same unit names recur in every batch."""
        hit = self._personal_labels.get(label, "")
        if hit == "":
            hit = self._personal_labels[label] = looks_personal(label)
        return hit


def _unique(codes: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """``np.unique(codes, return_inverse=True)`` for non-negative codes.

    Codes combine a few category numbers, so they are small next to the batch: a count per
    code and a lookup table replace the sort (the same two arrays, in linear time).
    """
    if not len(codes) or int(codes.max()) > 4 * len(codes) + 1024:
        uniq, inverse = np.unique(codes, return_inverse=True)
        return uniq, inverse.reshape(-1)
    present = np.bincount(codes) > 0
    uniq = np.flatnonzero(present)
    rank = np.cumsum(present) - 1
    return uniq.astype(np.int64), rank[codes].astype(np.intp)
