"""The gap report: what each unmet evidence item is worth, and how far the next band is. Pure.

The combined index is linear in each item score, so fully meeting item i of criterion c, all
else equal, adds

    points_i = evaluation_weight * share_c * share_i * (100 - s_i)

to the combined index, where share_c = w_c / sum of criterion weights and share_i = w_i / sum
of the weights of c's items (the normalised weights of ``scoring.evidence.evidence_score``).

Points to the next band are counted from the *published* combined index: with
``rounding.band_on: rounded`` (default) the published value must reach the next band's lower
bound; with ``band_on: raw`` the raw value must. The difference is rounded *up* to the
published decimals, so gaining that many points is always enough (docs/method-evidence.md).
"""

from __future__ import annotations

import math

from berakhlak_cli.model.evidence import EvidenceGap, UnitGaps
from berakhlak_cli.model.results import GroupResult, Score
from berakhlak_cli.model.rubric import BandOn, Evaluation, Rubric
from berakhlak_cli.scoring.evidence.score import UnitEvidence

# NOTE: scores within this of 100 count as fully met (66.67 + float noise is not "100").
_FULL = 1e-9
# NOTE: float noise in (75 - 74.4) * 10 = 6.000000000000014 must not ceil to 7.
_NOISE = 1e-6


def item_shares(
    evaluation: Evaluation, not_applicable: frozenset[str] = frozenset()
) -> dict[str, tuple[str, float]]:
    """Evidence id -> (criterion id, share_c * share_i): the item's weight in the evidence score,
    with the unit's not-applicable items (and criteria left without items) out of the shares."""
    kept = [(c, [i for i in c.items if i.id not in not_applicable]) for c in evaluation.criteria]
    kept = [(c, items) for c, items in kept if items]
    total = math.fsum(c.weight for c, _ in kept)
    out: dict[str, tuple[str, float]] = {}
    for c, items in kept:
        inner = math.fsum(i.weight for i in items)
        for i in items:
            out[i.id] = (c.id, (c.weight / total) * (i.weight / inner))
    return out


def next_band(score: Score, rubric: Rubric) -> tuple[str | None, float | None]:
    """(code of the band above ``score``'s band, published points needed to reach it).

    (None, None) at the top band or when ``score`` has no band.
    """
    current = rubric.band_for(score.band) if score.band else None
    if current is None:
        return None, None
    above = [b for b in rubric.bands if b.lower > current.lower]
    if not above:
        return None, None
    target = min(above, key=lambda b: b.lower)
    basis = score.rounded if rubric.rounding.band_on == BandOn.ROUNDED else score.raw
    scale = 10**rubric.rounding.decimals
    needed = math.ceil((target.lower - basis) * scale - _NOISE) / scale
    return target.code, max(needed, 1 / scale)


def unit_gaps(unit: UnitEvidence, group: GroupResult, rubric: Rubric, *, counted: bool) -> UnitGaps:
    """The gap report of one unit.

    ``counted`` is False when the unit's (absent) evidence does not enter its combined index
    linearly (no evidence under ``survey_only``/``withhold``): item points are then None.
    A withheld group (anonymity) keeps its item list but publishes no scores.
    """
    evaluation = rubric.evaluation
    if evaluation is None:
        raise ValueError("the rubric has no evaluation section")
    not_applicable = frozenset(i for i, a in unit.items.items() if a.not_applicable)
    shares = item_shares(evaluation, not_applicable)
    gaps: list[EvidenceGap] = []
    for item_id, answer in unit.items.items():
        if answer.score >= 100.0 - _FULL or item_id not in shares:
            continue
        criterion, share = shares[item_id]
        points = evaluation.evaluation_weight * share * (100.0 - answer.score) if counted else None
        gaps.append(
            EvidenceGap(
                evidence_id=item_id,
                criterion_id=criterion,
                score=answer.score,
                provided=answer.provided,
                points=points,
                answer=answer.answer,
                row=answer.row,
            )
        )
    published = group.withheld is None
    combined = group.combined if published else None
    band, to_next = next_band(combined, rubric) if combined is not None else (None, None)
    has_score = published and counted
    return UnitGaps(
        key=group.key,
        evidence=unit.score if has_score else None,
        criteria=dict(unit.criteria) if has_score else {},
        provided=unit.provided,
        expected=len(unit.items),
        no_evidence=unit.no_evidence,
        combined=combined.rounded if combined else None,
        band=combined.band if combined else None,
        next_band=band,
        to_next_band=to_next,
        items=tuple(gaps),
    )
