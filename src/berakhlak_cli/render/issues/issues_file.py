"""Every data issue as CSV (``--issues``): code, source, row, column, value, message.

Respondents are referred to by spreadsheet row only: no NIP or name is ever written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from berakhlak_cli.model.issue_rows import IssueRows
from berakhlak_cli.model.results import Issue
from berakhlak_cli.render.cell_text import safe_cell

HEADER = ["code", "source", "row", "column", "value", "group", "excluded", "message"]
CHUNK_ISSUES = 10_000


def render_issues_csv(issues: Sequence[Issue]) -> str:
    """The issues as CSV text, formula-safe."""
    return issues_csv_header() + "".join(issues_csv_chunks(issues))


def issues_csv_header() -> str:
    """The header line of the issues CSV."""
    return ",".join(HEADER) + "\n"


def issues_csv_chunks(issues: Iterable[Issue]) -> Iterator[str]:
    """The rows of the issues CSV, ``CHUNK_ISSUES`` issues per string (for streaming).

    Issues of one block share everything but the row (a million ``unknown-label`` lines for
    one typo), so each distinct rest of a line is quoted once and the row number put in;
    ``IssueRows`` (a batch's survey issues as columns) is written from its columns.
    """
    if isinstance(issues, IssueRows):
        yield from _rows_chunks(issues)
        return
    cache: dict[tuple[object, ...], tuple[str, str]] = {}
    parts: list[str] = []
    for i in issues:
        key = (i.code, i.source, i.column, i.value, i.group, i.excluded, i.message)
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= CHUNK_ISSUES:
                cache.clear()
            hit = cache[key] = _line_around_row(i)
        parts.append(hit[0] + ("" if i.row is None else str(i.row)) + hit[1])
        if len(parts) == CHUNK_ISSUES:
            yield "".join(parts)
            parts = []
    if parts:
        yield "".join(parts)


def _rows_chunks(issues: IssueRows) -> Iterator[str]:
    """The lines of ``issues``, ``CHUNK_ISSUES`` per string, from one line per kind.

    A run of issues of one kind (a typo on every row) is its rows joined by the text after
    a row and before the next: one C call per run, not a format per line.
    """
    around = [_line_around_row(i) for i in issues.kinds]
    for start in range(0, len(issues), CHUNK_ISSUES):
        kinds = issues.kind[start : start + CHUNK_ISSUES]
        rows = list(map(str, issues.rows[start : start + CHUNK_ISSUES].tolist()))
        cuts = [0, *(np.flatnonzero(kinds[1:] != kinds[:-1]) + 1).tolist(), len(rows)]
        parts = []
        for a, b, k in zip(cuts, cuts[1:], kinds[cuts[:-1]].tolist(), strict=False):
            head, tail = around[k]
            parts.append(head + (tail + head).join(rows[a:b]) + tail)
        yield "".join(parts)


def _line_around_row(i: Issue) -> tuple[str, str]:
    """(text before the row number, text after it) of the issue's CSV line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            i.code.value,
            i.source,
            "",
            safe_cell(i.column or ""),
            safe_cell(i.value or ""),
            safe_cell(i.group or ""),
            "true" if i.excluded else "false",
            safe_cell(i.message),
        ]
    )
    line = out.getvalue()
    # NOTE: code and source are fixed ASCII words, never quoted: the row is the third field.
    head = f"{i.code.value},{i.source},"
    return head, line[len(head) :]
