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


class GroupKeys:
    """The keys seen so far (``keys[g]`` is group g) and the per-batch row -> group index."""

    def __init__(self, columns: tuple[str, ...], unit: int | None) -> None:
        """``columns`` are read from every batch; ``unit`` is the unit column's position."""
        self.columns = columns
        self.unit = unit
        self.keys: list[tuple[str, ...]] = []
        self._key_index: dict[tuple[str, ...], int] = {}
        self._normalized: dict[str, str] = {}
        self._personal_labels: dict[str, str | None] = {}

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
        personal: dict[str, npt.NDArray[np.bool_]] = {}
        for name in self.columns:
            column = batch.groups[name]
            shown = [" ".join(c.split()) for c in column.categories]
            # NOTE: a NIP or e-mail typed into a grouping column would become a published label.
            usable = [bool(s) and self.personal(s) is None for s in shown]
            keys = [self._normal(s) for s in shown]
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
        for u_idx, code in enumerate(uniq.tolist()):
            parts: list[str] = []
            for names in reversed(labels):
                code, part = divmod(code, len(names) + 1)
                parts.append(names[part - 1] if part else "")
            key = tuple(reversed(parts))
            if self.unit is not None and not key[self.unit]:
                lut_global[u_idx] = -1
                continue
            norm = tuple(self._normal(k) for k in key)
            if norm not in self._key_index:
                self._key_index[norm] = len(self.keys)
                self.keys.append(key)
            lut_global[u_idx] = self._key_index[norm]
        return lut_global[inverse], blank, personal

    def personal(self, label: str) -> str | None:
        """``looks_personal`` with a cache: the same unit names recur in every batch."""
        hit = self._personal_labels.get(label, "")
        if hit == "":
            hit = self._personal_labels[label] = looks_personal(label)
        return hit

    def _normal(self, text: str) -> str:
        """``normalize`` with a cache: the same unit names recur in every batch."""
        hit = self._normalized.get(text)
        if hit is None:
            hit = self._normalized[text] = normalize(text)
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
