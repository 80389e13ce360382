"""The behaviour parts of the JSON results document (additive to format version 1).

A published group gains ``behaviours`` (per behaviour id: score, respondents, distribution);
a unit also gains ``behaviour_gaps`` (its gap test per behaviour) and ``priorities`` (behaviour
ids furthest below the institution). The document gains ``behaviours`` (id, value, label of
each behaviour, in rubric order) and ``reporting`` (the rubric's reporting settings).
Withheld groups get none of these: the suppression of their values covers them too.
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.model.behaviours import BehaviourResult, GapTest
from berakhlak_cli.model.results import GroupResult
from berakhlak_cli.model.rubric import Rubric


def _behaviour(b: BehaviourResult, labels: dict[str, str | None]) -> dict[str, Any]:
    d = b.distribution
    score = b.score
    return {
        "raw": score.raw if score else None,
        "rounded": score.rounded if score else None,
        "band": score.band if score else None,
        "band_label": labels.get(score.band) if score and score.band else None,
        "respondents": b.respondents,
        "sd": b.sd,
        "distribution": {
            "points": list(d.points),
            "counts": list(d.counts),
            "shares": list(d.shares),
            "favourable_points": d.favourable_points,
            "favourable": d.favourable,
            "favourable_share": d.favourable_share,
        },
    }


def _gap(t: GapTest) -> dict[str, Any]:
    return {
        "behaviour": t.behaviour,
        "gap": t.gap,
        "lower": t.lower,
        "upper": t.upper,
        "p": t.p,
        "df": t.df,
        "significant": t.significant,
    }


def with_behaviours(
    doc: dict[str, Any], group: GroupResult, labels: dict[str, str | None]
) -> dict[str, Any]:
    """Add the group's behaviour blocks to its document (in place; also returned)."""
    if group.withheld or not group.behaviours:
        return doc
    doc["behaviours"] = {k: _behaviour(b, labels) for k, b in group.behaviours.items()}
    if group.gap_tests:
        doc["behaviour_gaps"] = [_gap(t) for t in group.gap_tests]
        doc["priorities"] = list(group.priorities)
    return doc


def behaviours_header(rubric: Rubric) -> dict[str, Any]:
    """The document-level ``behaviours`` list and ``reporting`` settings."""
    r = rubric.reporting
    return {
        "behaviours": [
            {"id": b.id, "value": v.id, "label": b.label.get(rubric.locale)}
            for v in rubric.values
            for b in v.behaviours
        ],
        "reporting": {
            "favourable_points": r.favourable_points,
            "priorities": r.priorities,
            "priority_confidence": r.priority_confidence,
        },
    }
