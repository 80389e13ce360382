"""Every data issue as CSV (``--issues``): code, source, row, column, value, message.

Respondents are referred to by spreadsheet row only: no NIP or name is ever written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from berakhlak_cli.model.results import Issue
from berakhlak_cli.render.flat import safe_cell

HEADER = ["code", "source", "row", "column", "value", "group", "excluded", "message"]
CHUNK_ISSUES = 10_000


def render_issues_csv(issues: Sequence[Issue]) -> str:
    """The issues as CSV text, formula-safe."""
    return issues_csv_header() + "".join(issues_csv_chunks(issues))


def issues_csv_header() -> str:
    """The header line of the issues CSV."""
    return ",".join(HEADER) + "\n"


def issues_csv_chunks(issues: Iterable[Issue]) -> Iterator[str]:
    """The rows of the issues CSV, a few thousand issues per string (for streaming)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, i in enumerate(issues, start=1):
        writer.writerow(
            [
                i.code.value,
                i.source,
                "" if i.row is None else i.row,
                safe_cell(i.column or ""),
                safe_cell(i.value or ""),
                safe_cell(i.group or ""),
                "true" if i.excluded else "false",
                safe_cell(i.message),
            ]
        )
        if n % CHUNK_ISSUES == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
