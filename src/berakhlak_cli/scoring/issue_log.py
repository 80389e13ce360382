"""Data issues in bounded memory: every one counted and streamed, a fixed sample kept.

A file can hold an issue in every cell (two million rows of an unknown label), so issues are
not accumulated. Per batch, each screen hands over an ``IssueBlock`` (row numbers as an array
and what the rows share); ``IssueLog`` counts blocks by (code, source, column), keeps the
first ``SAMPLE_PER_CODE`` issues of each code in row order, and, if the caller gave a sink
(``score --issues``), passes it every issue of the batch in order, one ``Issue`` at a time.
The sample depends on codes and row order only, never on message text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.issue_rows import IssueRows
from berakhlak_cli.model.results import (
    ISSUE_SAMPLE_PER_CODE,
    Issue,
    IssueCode,
    IssueCount,
    count_issues,
    merge_counts,
)

SAMPLE_PER_CODE = ISSUE_SAMPLE_PER_CODE

IssueSink = Callable[[Iterator[Issue]], None]


def issue_order(issue: Issue) -> tuple[int, str, str]:
    """Row order (row-less issues last), then column, then code: how issues are listed."""
    return (issue.row if issue.row is not None else 1 << 62, issue.column or "", issue.code.value)


@dataclass(frozen=True)
class IssueBlock:
    """Issues of one code and column on the rows ``rows`` (ascending) of one batch.

    The value and message of row ``i`` are ``texts[which[i]]`` when ``which`` is given, else
    (None, ``message``).
    """

    code: IssueCode
    rows: npt.NDArray[np.int64]
    message: str = ""
    column: str | None = None
    excluded: bool = False
    texts: tuple[tuple[str, str], ...] = ()
    which: npt.NDArray[np.intp] | None = None

    def issue(self, i: int) -> Issue:
        """The ``i``-th issue of the block."""
        value, message = (None, self.message) if self.which is None else self.texts[self.which[i]]
        return Issue(
            self.code,
            message,
            row=int(self.rows[i]),
            column=self.column,
            value=value,
            excluded=self.excluded,
        )


class IssueLog:
    """Counts, samples and streams issues; ``add_blocks`` once per batch, in row order."""

    def __init__(self, sink: IssueSink | None = None, per_code: int = SAMPLE_PER_CODE) -> None:
        self.sink = sink
        self.per_code = per_code
        self.sample: list[Issue] = []
        self._kept: dict[str, int] = {}
        self._counts: dict[tuple[str, str, str | None], int] = {}

    def add_blocks(self, blocks: Sequence[IssueBlock]) -> None:
        """One batch's issues (its blocks in any order; each block's rows ascending)."""
        blocks = [b for b in blocks if len(b.rows)]
        if not blocks:
            return
        for b in blocks:
            key = (b.code.value, "survey", b.column)
            self._counts[key] = self._counts.get(key, 0) + len(b.rows)
        candidates = [
            b.issue(i)
            for b in blocks
            for i in range(min(len(b.rows), self.per_code - self._kept.get(b.code.value, 0)))
        ]
        self._keep(sorted(candidates, key=issue_order))
        if self.sink is not None:
            self.sink(_in_order(blocks))

    def add(self, issues: Iterable[Issue]) -> None:
        """Issues not tied to a batch (after scoring: groups, reliability, evidence)."""
        ordered = sorted(issues, key=issue_order)
        for i in ordered:
            key = (i.code.value, i.source, i.column)
            self._counts[key] = self._counts.get(key, 0) + 1
        self._keep(ordered)
        if self.sink is not None and ordered:
            self.sink(iter(ordered))

    def _keep(self, ordered: Iterable[Issue]) -> None:
        for i in ordered:
            kept = self._kept.get(i.code.value, 0)
            if kept < self.per_code:
                self._kept[i.code.value] = kept + 1
                self.sample.append(i)

    @property
    def counts(self) -> tuple[IssueCount, ...]:
        """Every issue seen, by (code, source, column)."""
        return merge_counts([IssueCount(*k, n) for k, n in self._counts.items()])

    def sorted_sample(self) -> tuple[Issue, ...]:
        """The sample in listing order."""
        return tuple(sorted(self.sample, key=issue_order))


def _in_order(blocks: Sequence[IssueBlock]) -> IssueRows:
    """Every issue of the blocks ordered by (row, column, code), as columns (``IssueRows``).

    Each distinct text of a block becomes one ``Issue`` (built and masked once); no object is
    built per row here, so an issue on every row of a large file costs a sort, not a loop.
    """
    columns = sorted({b.column or "" for b in blocks})
    codes = sorted({b.code.value for b in blocks})
    rows = np.concatenate([b.rows for b in blocks])
    column_rank = np.concatenate(
        [np.full(len(b.rows), columns.index(b.column or "")) for b in blocks]
    )
    code_rank = np.concatenate([np.full(len(b.rows), codes.index(b.code.value)) for b in blocks])
    kinds: list[Issue] = []
    kind = []
    for b in blocks:
        texts = b.texts if b.which is not None else ((None, b.message),)
        first = len(kinds)
        kinds.extend(
            Issue(b.code, message, column=b.column, value=value, excluded=b.excluded)
            for value, message in texts
        )
        which = np.zeros(len(b.rows), dtype=np.intp) if b.which is None else b.which
        kind.append(which.astype(np.intp, copy=False) + first)
    order = np.lexsort((code_rank, column_rank, rows))
    return IssueRows(tuple(kinds), np.concatenate(kind)[order], rows[order].astype(np.int64))


def with_more_issues(
    sample: Sequence[Issue],
    counts: Sequence[IssueCount],
    more: Sequence[Issue],
    per_code: int = SAMPLE_PER_CODE,
) -> tuple[tuple[Issue, ...], tuple[IssueCount, ...]]:
    """A sample and tally with ``more`` issues appended (in their order), within the bound."""
    kept: dict[str, int] = {}
    for i in sample:
        kept[i.code.value] = kept.get(i.code.value, 0) + 1
    added = []
    for i in more:
        if kept.get(i.code.value, 0) < per_code:
            kept[i.code.value] = kept.get(i.code.value, 0) + 1
            added.append(i)
    return (*sample, *added), merge_counts(counts, count_issues(more))
