"""The values-selection extension of the results document, written and read in one place.

A document with ``"kind": "values_selection"`` carries, besides the common parts, a top-level
``method`` block and ``template`` list and a ``selection`` block per group that is not withheld
(``model.results_selection``); each of its scores says ``"method": "reconstruction"``. A
document without ``kind`` has none of these (docs/output.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from berakhlak_cli.model.document.codec_groups import Labels, group_key, score_in, tagged_score
from berakhlak_cli.model.document.node import DocNode
from berakhlak_cli.model.results_selection import (
    SelectionFigures,
    SelectionMethod,
    SelectionPart,
    TemplateInfo,
)
from berakhlak_cli.model.rubric import RubricKind
from berakhlak_cli.model.values_selection_results import Match

KIND = RubricKind.VALUES_SELECTION.value


def kind_out(part: SelectionPart | None) -> dict[str, Any]:
    """``{"kind": ...}`` for a values-selection document, else ``{}``."""
    return {} if part is None else {"kind": KIND}


def method_out(part: SelectionPart | None) -> dict[str, Any]:
    """The top-level ``method`` block, or ``{}``."""
    if part is None:
        return {}
    m = part.method
    return {
        "method": {
            "status": m.status,
            "note": m.note,
            "value_percent": m.value_percent,
            "picks": m.picks,
            "top": m.top,
        }
    }


def template_out(part: SelectionPart | None) -> dict[str, Any]:
    """The top-level ``template`` list (written after ``values``), or ``{}``."""
    if part is None:
        return {}
    return {
        "template": [
            {"id": e.id, "label": e.label, "value": e.value or None, "limiting": e.limiting}
            for e in part.template
        ]
    }


def figures_out(part: SelectionPart, key: tuple[str, ...], labels: Labels) -> dict[str, Any]:
    """``{"selection": ...}`` for the group ``key`` (``{}`` when it is withheld)."""
    figures = part.figures.get(key)
    if figures is None:
        return {}
    status = part.method.status
    return {
        "selection": {
            "votes": {q: dict(v) for q, v in figures.votes.items()},
            "value_votes": {k: dict(v) for k, v in figures.value_votes.items()},
            "value_respondents": dict(figures.value_respondents),
            # NOTE: entropy is a share of limiting votes, not an index: it has no band label.
            "entropy": tagged_score(figures.entropy, {}, status),
            "positive_energy": tagged_score(figures.positive_energy, labels, status),
            "top": {q: list(t) for q, t in figures.top.items()},
            "matches": [
                {
                    "first": m.first,
                    "second": m.second,
                    "count": len(m.shared),
                    "shared": list(m.shared),
                }
                for m in figures.matches
            ],
        }
    }


def _counts(node: DocNode) -> dict[str, int]:
    return {k: v.integer() for k, v in node.entries()}


def _figures_in(node: DocNode) -> SelectionFigures:
    return SelectionFigures(
        votes={q: _counts(v) for q, v in node.get("votes").entries()},
        value_votes={k: _counts(v) for k, v in node.get("value_votes").entries()},
        value_respondents=_counts(node.get("value_respondents")),
        entropy=score_in(node.optional("entropy")),
        positive_energy=score_in(node.optional("positive_energy")),
        top={q: tuple(t.text() for t in ids.items()) for q, ids in node.get("top").entries()},
        matches=tuple(
            Match(m.get("first").text(), m.get("second").text(), m.texts("shared"))
            for m in node.get("matches").items()
        ),
    )


def selection_in(
    doc: DocNode, group_by: Sequence[str], groups: Sequence[DocNode], institution: DocNode
) -> SelectionPart | None:
    """The values-selection part of ``doc``; None when it has no ``kind`` of that name."""
    if doc.optional_str("kind") != KIND:
        return None
    method = doc.get("method")
    figures: Mapping[tuple[str, ...], SelectionFigures] = {
        key: _figures_in(node.get("selection"))
        for key, node in (
            *((group_key(g, group_by), g) for g in groups),
            ((), institution),
        )
        if node.optional("selection") is not None
    }
    return SelectionPart(
        method=SelectionMethod(
            note=method.get("note").text(),
            value_percent=method.get("value_percent").text(),
            picks=method.get("picks").integer(),
            top=method.get("top").integer(),
            status=method.get("status").text(),
        ),
        template=tuple(
            TemplateInfo(
                e.get("id").text(),
                e.get("label").text(),
                e.optional_str("value") or "",
                bool(e.optional_bool("limiting")),
            )
            for e in doc.get("template").items()
        ),
        figures=figures,
    )
