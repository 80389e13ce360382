"""Combine the survey index with the evidence score into the published index. Pure.

    combined = survey_weight * survey_index + evaluation_weight * evidence_score

both on 0-100 (default 0.8 / 0.2: Pemkab Barito Utara 2025, sources.md §3.1 [C]; the national
rule is not published, so the weights are a rubric setting). The raw values are combined; only
the result is rounded and banded (``scoring.bands.make_score``).

- A withheld group (anonymity) stays withheld: no evidence, no combined index in its row.
- A unit with no evidence follows ``evaluation.no_evidence``: ``zero`` (evidence 0, flagged),
  ``survey_only`` (combined = survey index, flagged) or ``withhold`` (no combined index).
- Institution row: its survey index (``aggregation.institution``) combined with the mean of the
  evidence scores of the units included in it (``evaluation.institution``: unweighted, default,
  or weighted by respondents). Units without an evidence score are left out of that mean.
- Interval: evidence is a census of the unit's documents, not a sample, so only the survey part
  varies: ``w_s · [lower, upper] + w_e · evidence``, ``SE = w_s · SE_survey``
  (``scoring.group_intervals.scaled_intervals``); with ``survey_only`` it is the survey interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from berakhlak_cli.model.results import (
    COMBINED_WITHHELD,
    GroupResult,
    Interval,
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
from berakhlak_cli.scoring.evidence.gaps import unit_gaps
from berakhlak_cli.scoring.evidence.score import UnitEvidence
from berakhlak_cli.scoring.groups.intervals import scaled_intervals
from berakhlak_cli.scoring.issue_log import with_more_issues

NO_EVIDENCE_FLAG = "no-evidence"
_SLACK = 1e-9
EVIDENCE_NOTE = "; combined: survey interval x survey weight + evidence x its weight (a census)"

Linear = tuple[float, float]
"""(scale, offset) turning the survey index into the combined index: (w_s, w_e · evidence)."""


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


def _unit_row(
    group: GroupResult, unit: UnitEvidence, rubric: Rubric
) -> tuple[GroupResult, Linear | None]:
    evaluation = _evaluation(rubric)
    flags = (*group.flags, NO_EVIDENCE_FLAG) if unit.no_evidence else group.flags
    if group.withheld:
        return replace(group, flags=flags), None
    raw = _evidence_raw(unit, evaluation)
    evidence = make_score(raw, rubric) if raw is not None else None
    combined: Score | None = None
    linear: Linear | None = None
    if group.index is not None:
        if raw is not None:
            combined = make_score(combine(group.index.raw, raw, evaluation), rubric)
            linear = (evaluation.survey_weight, evaluation.evaluation_weight * raw)
        elif evaluation.no_evidence == NoEvidencePolicy.SURVEY_ONLY:
            combined = make_score(group.index.raw, rubric)
            linear = (1.0, 0.0)
    if unit.no_evidence and evaluation.no_evidence == NoEvidencePolicy.WITHHOLD:
        flags = (*flags, COMBINED_WITHHELD)
    return replace(group, evidence=evidence, combined=combined, flags=flags), linear


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
        weights.append(float(group.respondents or 0))  # a scored group always knows them
    if inst.withheld or not scores:
        return inst
    if evaluation.institution == EvidenceInstitution.RESPONDENT_WEIGHTED and sum(weights) > 0:
        raw_inst = weighted_mean(scores, weights)
    else:
        raw_inst = mean(scores)
    if inst.index is None:
        return replace(inst, evidence=make_score(raw_inst, rubric))
    row = replace(
        inst,
        evidence=make_score(raw_inst, rubric),
        combined=make_score(combine(inst.index.raw, raw_inst, evaluation), rubric),
    )
    linear = (evaluation.survey_weight, evaluation.evaluation_weight * raw_inst)
    return _with_intervals([row], [linear], rubric)[0]


def _with_intervals(
    groups: Sequence[GroupResult], linear: Sequence[Linear | None], rubric: Rubric
) -> list[GroupResult]:
    """``groups`` with an interval on ``combined`` where the combined index is a linear
    function of the survey index with an interval (all groups at once: vectorised)."""
    todo: list[tuple[int, Interval, Linear, float]] = []
    for i, (g, lin) in enumerate(zip(groups, linear, strict=True)):
        base = g.index.interval if g.index is not None else None
        if lin is not None and g.combined is not None and base is not None:
            todo.append((i, base, lin, g.combined.raw))
    out = list(groups)
    if not todo:
        return out
    found = scaled_intervals(
        [base for _, base, _, _ in todo],
        [lin[0] for _, _, lin, _ in todo],
        [lin[1] for _, _, lin, _ in todo],
        [raw for _, _, _, raw in todo],
        rubric,
        EVIDENCE_NOTE,
    )
    for (i, _, _, _), interval in zip(todo, found, strict=True):
        combined = out[i].combined
        if combined is not None:  # always: todo holds only groups with a combined index
            out[i] = replace(out[i], combined=replace(combined, interval=interval))
    return out


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
    rows = [
        _unit_row(g, units[g.key], rubric) if g.key in units else (g, None) for g in sheet.groups
    ]
    groups = tuple(_with_intervals([g for g, _ in rows], [lin for _, lin in rows], rubric))
    linear = evaluation.no_evidence == NoEvidencePolicy.ZERO
    gaps = tuple(
        unit_gaps(units[g.key], g, rubric, counted=linear or not units[g.key].no_evidence)
        for g in groups
        if g.key in units
    )
    sample, counts = with_more_issues(sheet.issues, sheet.tally, issues)
    return replace(
        sheet,
        groups=groups,
        institution=_institution_row(sheet, units, rubric),
        issues=sample,
        issue_counts=counts,
        gaps=gaps,
    )


def _evaluation(rubric: Rubric) -> Evaluation:
    if rubric.evaluation is None:
        raise ValueError("the rubric has no evaluation section")
    return rubric.evaluation
