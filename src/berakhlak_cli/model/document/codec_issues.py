"""The ``issues`` block of the results document: counts and a bounded sample.

``count``, ``by_code`` and ``by_column`` count every issue; ``items`` lists the first issues of
each code (``listed`` of them, at most ``listed_per_code`` per code). A values-selection
document counts by code only (no ``by_column``, no ``listed_per_code``), as it was first
published; its counts read back as one count per code from the survey (docs/output.md).
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.model.document.node import DocNode
from berakhlak_cli.model.results import (
    ISSUE_SAMPLE_PER_CODE,
    Issue,
    IssueCode,
    IssueCount,
    Scoresheet,
)

_ISSUE_TEXTS = ("row", "column", "value", "group")


def issues_out(sheet: Scoresheet, by_column: bool = True) -> dict[str, Any]:
    """The ``issues`` block; ``by_column`` False: the values-selection layout (module doc)."""
    tally = sheet.tally
    by_code: dict[str, int] = {}
    for c in tally:
        by_code[c.code] = by_code.get(c.code, 0) + c.count
    out: dict[str, Any] = {"count": sheet.issue_total, "by_code": dict(sorted(by_code.items()))}
    if by_column:
        out["by_column"] = [
            {"code": c.code, "source": c.source, "column": c.column, "count": c.count}
            for c in tally
        ]
    out["listed"] = len(sheet.issues)
    if by_column:
        out["listed_per_code"] = ISSUE_SAMPLE_PER_CODE
    out["items"] = [
        {
            "code": i.code.value,
            "source": i.source,
            **{k: getattr(i, k) for k in _ISSUE_TEXTS},
            "excluded": i.excluded,
            "message": i.message,
        }
        for i in sheet.issues
    ]
    return out


def _issue_in(node: DocNode) -> Issue:
    code = node.get("code").text()
    if code not in {c.value for c in IssueCode}:
        raise node.get("code").fail(f"unknown issue code {code!r}")
    return Issue(
        code=IssueCode(code),
        message=node.get("message").text(),
        row=node.optional_int("row"),
        column=node.optional_str("column"),
        value=node.optional_str("value"),
        group=node.optional_str("group"),
        excluded=bool(node.optional_bool("excluded")),
        source=node.optional_str("source") or "survey",
    )


def issues_in(
    node: DocNode | None, by_column: bool = True
) -> tuple[tuple[Issue, ...], tuple[IssueCount, ...] | None]:
    """The sample and the counts (None: the document has none, the sample is counted)."""
    if node is None:
        return (), None
    items = tuple(_issue_in(i) for i in node.get("items").items()) if node.optional("items") else ()
    if not by_column:
        codes = node.optional("by_code")
        return items, tuple(
            IssueCount(code, "survey", None, n.integer())
            for code, n in (codes.entries() if codes is not None else ())
        )
    counts = node.optional("by_column")
    return (
        items,
        tuple(
            IssueCount(
                c.get("code").text(),
                c.optional_str("source") or "survey",
                c.optional_str("column"),
                c.get("count").integer(),
            )
            for c in counts.items()
        )
        if counts is not None
        else None,
    )
