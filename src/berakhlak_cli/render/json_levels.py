"""The JSON fields of a run with levels: each row's ``level`` (its column) and ``path``.

Added only when the run has levels (``Scoresheet.levels``), so other results are unchanged.
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.model.levels import level_path
from berakhlak_cli.model.results import GroupResult, Scoresheet
from berakhlak_cli.render.table_rows import row_level


def with_level(doc: dict[str, Any], group: GroupResult, sheet: Scoresheet) -> dict[str, Any]:
    """``doc`` with ``level`` set to the row's level column and its ``path`` (outermost
    first; the top row keeps level ``institution`` and has the empty path)."""
    if not sheet.levels:
        return doc
    out = dict(doc)
    out["level"] = row_level(group, sheet)
    out["path"] = list(level_path(group.key))
    return out


def levels_header(sheet: Scoresheet) -> dict[str, Any]:
    """The document's ``levels`` entry (the level columns, outermost first), when any."""
    return {"levels": list(sheet.levels)} if sheet.levels else {}
