"""One batch's data issues in listing order, held as columns instead of one object per row.

A file with an issue on every row streams a million issues to the ``--issues`` file, and
nearly all of them share their texts: the same typo in the same column. ``IssueRows`` holds
each distinct issue once (``kinds``, without a row) and, per issue in order, which kind it is
and its spreadsheet row. The issues file renders it from the columns (``render.issues``);
anything else iterates it and gets each issue as an ``Issue``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Issue


@dataclass
class IssueRows(Iterator[Issue]):
    """Issue ``i`` is ``kinds[kind[i]]`` on row ``rows[i]``; an iterator over those issues."""

    kinds: tuple[Issue, ...]
    """The distinct issues, each with ``row`` None (texts already masked by ``Issue``)."""
    kind: npt.NDArray[np.intp]
    rows: npt.NDArray[np.int64]
    _next: int = field(default=0, repr=False)

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def __next__(self) -> Issue:
        i = self._next
        if i >= len(self):
            raise StopIteration
        self._next = i + 1
        return on_row(self.kinds[int(self.kind[i])], int(self.rows[i]))


def on_row(issue: Issue, row: int) -> Issue:
    """``issue`` on spreadsheet row ``row``: the fields of ``replace(issue, row=row)``.

    NOTE: ``Issue.__post_init__`` masks personal data in the texts; ``issue``'s texts were
    masked when it was built, and a row number quotes no cell, so the copy skips the check.
    """
    twin = object.__new__(Issue)
    twin.__dict__.update(issue.__dict__)
    twin.__dict__["row"] = row
    return twin
