"""The evidence parts of the JSON results document: per-group evidence blocks and ``gaps``.

Additive to format version 1 (docs/output.md): a group's ``evidence`` score object gains
``provided``, ``expected``, ``missing``, ``criteria`` and ``no_evidence``; the document gains a
top-level ``gaps`` array. Withheld groups keep *no* score fields; their unmet items are in
``gaps`` only.
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.model.evidence import UnitGaps
from berakhlak_cli.model.results import GroupResult, Scoresheet


def gaps_by_key(sheet: Scoresheet) -> dict[tuple[str, ...], UnitGaps]:
    """The sheet's evidence gaps by unit key."""
    return {g.key: g for g in sheet.gaps}


def with_evidence(
    doc: dict[str, Any],
    group: GroupResult,
    sheet: Scoresheet,
    gaps: dict[tuple[str, ...], UnitGaps] | None = None,
) -> dict[str, Any]:
    """Add the unit's evidence details to its group document (in place; also returned).

    ``gaps``: the sheet's gaps by unit key, built once by a caller rendering every group."""
    if gaps is None:
        gaps = gaps_by_key(sheet)
    unit = gaps.get(group.key) if group.key else None
    if unit is None or group.withheld:
        return doc
    block = doc.get("evidence") or {"raw": None, "rounded": None, "band": None, "band_label": None}
    block.update(
        {
            "provided": unit.provided,
            "expected": unit.expected,
            "missing": list(unit.missing),
            "no_evidence": unit.no_evidence,
            "criteria": dict(unit.criteria),
        }
    )
    doc["evidence"] = block
    doc.setdefault("combined", None)
    return doc


def gaps_document(sheet: Scoresheet) -> dict[str, Any]:
    """``{"gaps": [...]}`` when evidence was scored, else ``{}`` (so the key is only added)."""
    if not sheet.gaps:
        return {}
    return {
        "gaps": [
            {
                "key": dict(zip(sheet.group_by, unit.key, strict=True)),
                "evidence": unit.evidence,
                "combined": unit.combined,
                "band": unit.band,
                "next_band": unit.next_band,
                "to_next_band": unit.to_next_band,
                "no_evidence": unit.no_evidence,
                "provided": unit.provided,
                "expected": unit.expected,
                "items": [
                    {
                        "evidence_id": gap.evidence_id,
                        "criterion": gap.criterion_id,
                        "provided": gap.provided,
                        "answer": gap.answer,
                        "row": gap.row,
                        "score": gap.score,
                        "points": gap.points,
                    }
                    for gap in unit.ranked
                ],
            }
            for unit in sheet.gaps
        ]
    }
