"""``rubric diff`` output: the comparability differences between two rubrics as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from berakhlak_cli.model.comparison import Difference

FORMAT = "berakhlak-rubric-diff"
FORMAT_VERSION = 1


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return repr(value) if isinstance(value, str) else str(value)


def render_diff_text(
    differences: Sequence[Difference],
    old_name: str,
    new_name: str,
    wording: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """One line per difference: ``aspect  detail: old -> new``.

    ``wording`` maps item/evidence ids to their (old, new) text, shown for rewordings instead of
    the text hashes.
    """
    if not differences:
        return f"no differences that affect comparability between {old_name} and {new_name}\n"
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    for d in differences:
        subject = d.detail.split(".", 1)[0]
        if d.aspect.endswith("-reworded") and wording and subject in wording:
            old, new = wording[subject]
            lines.append(f"{d.aspect}  {subject}:")
            lines.append(f"  - {old}")
            lines.append(f"  + {new}")
            continue
        if d.aspect.endswith(("-added", "-removed")):
            lines.append(f"{d.aspect}  {d.detail}")
        else:
            lines.append(f"{d.aspect}  {d.detail}: {_show(d.old)} -> {_show(d.new)}")
    count = len(differences)
    lines.append(f"{count} difference{'s' if count != 1 else ''} affect comparability")
    return "\n".join(lines) + "\n"


def render_diff_json(
    differences: Sequence[Difference], old: Mapping[str, Any], new: Mapping[str, Any]
) -> str:
    """``{"format": "berakhlak-rubric-diff", "old", "new", "comparable", "differences"}``."""
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "old": dict(old),
        "new": dict(new),
        "comparable": not differences,
        "differences": [d.as_dict() for d in differences],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
