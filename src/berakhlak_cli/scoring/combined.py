"""Combine the survey index with the evidence score into the published index. Pure.

    combined = survey_weight * survey_index + evaluation_weight * evidence_score

both on 0-100 (default 0.8 / 0.2: Pemkab Barito Utara 2025, domain.md 3.1 [C]; the national
rule is not published, so the weights are a rubric setting). The raw values are combined; only
the result is rounded and banded (``scoring.bands.make_score``).

- A withheld group (anonymity) stays withheld: no evidence, no combined index in its row.
- A unit with no evidence follows ``evaluation.no_evidence``: ``zero`` (evidence 0, flagged),
  ``survey_only`` (combined = survey index, flagged) or ``withhold`` (no combined index).
- Institution row: its survey index (``aggregation.institution``) combined with the mean of the
  evidence scores of the units included in it (``evaluation.institution``: unweighted, default,
  or weighted by respondents). Units without an evidence score are left out of that mean.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from berakhlak_cli.model.results import (
    COMBINED_WITHHELD,
    GroupResult,
    Issue,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.rubric import (
    Evaluation,
    EvidenceInstitution,
    NoEvidencePolicy,
    Rubric,
)
from berakhlak_cli.scoring.bands import make_score, mean, weighted_mean
from berakhlak_cli.scoring.evidence import UnitEvidence
from berakhlak_cli.scoring.gaps import unit_gaps

NO_EVIDENCE_FLAG = "no-evidence"
_SLACK = 1e-9


def combine(survey: float, evidence: float, evaluation: Evaluation) -> float:
    """survey_weight * survey + evaluation_weight * evidence; both must be on 0-100."""
    for name, value in (("survey index", survey), ("evidence score", evidence)):
        if not (math.isfinite(value) and -_SLACK <= value <= 100.0 + _SLACK):
            raise ValueError(f"{name} {value!r} is not on the 0-100 scale")
    return evaluation.survey_weight * survey + evaluation.evaluation_weight * evidence


def _evidence_raw(unit: UnitEvidence, evaluation: Evaluation) -> float | None:
    """The unit's evidence score as it enters the combined index (None: it does not)."""
    if unit.no_evidence and evaluation.no_evidence != NoEvidencePolicy.ZERO:
        return None
    return unit.score


def _unit_row(group: GroupResult, unit: UnitEvidence, rubric: Rubric) -> GroupResult:
    evaluation = _evaluation(rubric)
    flags = (*group.flags, NO_EVIDENCE_FLAG) if unit.no_evidence else group.flags
    if group.withheld:
        return replace(group, flags=flags)
    raw = _evidence_raw(unit, evaluation)
    evidence = make_score(raw, rubric) if raw is not None else None
    combined: Score | None = None
    if group.index is not None:
        if raw is not None:
            combined = make_score(combine(group.index.raw, raw, evaluation), rubric)
        elif evaluation.no_evidence == NoEvidencePolicy.SURVEY_ONLY:
            combined = make_score(group.index.raw, rubric)
    if unit.no_evidence and evaluation.no_evidence == NoEvidencePolicy.WITHHOLD:
        flags = (*flags, COMBINED_WITHHELD)
    return replace(group, evidence=evidence, combined=combined, flags=flags)


def _institution_row(
    sheet: Scoresheet, units: Mapping[tuple[str, ...], UnitEvidence], rubric: Rubric
) -> GroupResult:
    evaluation = _evaluation(rubric)
    inst = sheet.institution
    scores: list[float] = []
    weights: list[float] = []
    for group in sheet.groups:
        left_out = group.eligible is False and rubric.eligibility.exclude_from_parent
        unit = units.get(group.key)
        raw = _evidence_raw(unit, evaluation) if unit else None
        if left_out or raw is None:
            continue
        scores.append(raw)
        weights.append(float(group.respondents))
    if inst.withheld or not scores:
        return inst
    if evaluation.institution == EvidenceInstitution.RESPONDENT_WEIGHTED and sum(weights) > 0:
        raw_inst = weighted_mean(scores, weights)
    else:
        raw_inst = mean(scores)
    combined = None
    if inst.index is not None:
        combined = make_score(combine(inst.index.raw, raw_inst, evaluation), rubric)
    return replace(inst, evidence=make_score(raw_inst, rubric), combined=combined)


def add_evidence(
    sheet: Scoresheet,
    rubric: Rubric,
    units: Mapping[tuple[str, ...], UnitEvidence],
    issues: Sequence[Issue] = (),
) -> Scoresheet:
    """The scoresheet with evidence, combined index, flags and gap report added per unit.

    ``units`` maps each group key to its ``UnitEvidence`` (``scoring.evidence.score_checklist``);
    ``issues`` (the checklist's data issues) are appended to the sheet's.
    """
    evaluation = _evaluation(rubric)
    groups = tuple(
        _unit_row(g, units[g.key], rubric) if g.key in units else g for g in sheet.groups
    )
    linear = evaluation.no_evidence == NoEvidencePolicy.ZERO
    gaps = tuple(
        unit_gaps(units[g.key], g, rubric, counted=linear or not units[g.key].no_evidence)
        for g in groups
        if g.key in units
    )
    return replace(
        sheet,
        groups=groups,
        institution=_institution_row(sheet, units, rubric),
        issues=(*sheet.issues, *issues),
        gaps=gaps,
    )


def _evaluation(rubric: Rubric) -> Evaluation:
    if rubric.evaluation is None:
        raise ValueError("the rubric has no evaluation section")
    return rubric.evaluation
