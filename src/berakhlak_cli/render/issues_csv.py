"""Every data issue as CSV (``--issues``): code, source, row, column, value, message.

Respondents are referred to by spreadsheet row only: no NIP or name is ever written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from berakhlak_cli.model.results import Issue
from berakhlak_cli.render.cell_text import safe_cell


def render_issues_csv(issues: Sequence[Issue]) -> str:
    """The issues as CSV text, formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "source", "row", "column", "value", "group", "excluded", "message"])
    for i in issues:
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
    return out.getvalue()
