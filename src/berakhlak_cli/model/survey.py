"""A batch of survey rows as the loaders hand it to scoring: dictionary-encoded text columns.

Each column arrives as ``categories`` (the distinct raw strings) plus ``codes`` (an int32
index per row, -1 for an empty/null cell). Scoring maps each distinct string once, which
keeps label handling vectorised at national scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class EncodedColumn:
    """A text column: ``categories[codes[i]]`` is row i's raw text; code -1 means null."""

    categories: tuple[str, ...]
    codes: npt.NDArray[np.int32]

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def values(self) -> list[str | None]:
        """Decode to Python strings (small batches and tests only)."""
        return [self.categories[c] if c >= 0 else None for c in self.codes.tolist()]


@dataclass(frozen=True)
class SurveyBatch:
    """Consecutive survey rows.

    ``first_row`` is the spreadsheet row number of the batch's first record (the header is
    row 1, so the first data record is row 2).
    """

    first_row: int
    size: int
    items: Mapping[str, EncodedColumn]
    groups: Mapping[str, EncodedColumn]
    respondent_id: EncodedColumn | None = None
