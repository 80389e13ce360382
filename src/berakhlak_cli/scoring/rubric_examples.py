"""Score a rubric's embedded examples with the real scorer and compare with their expectations.

An example is one unit of a few respondents. It is scored exactly as ``berakhlak score`` would
score a survey holding those rows (``SurveyScorer``: answer coding, reverse keying, weights,
screens, aggregation, rounding and bands), with one exception: small-group suppression is off
(``anonymity.min_group_size`` = 1), since an example's handful of respondents would otherwise
be withheld. An example's evidence answers are scored as a one-unit checklist
(``scoring.evidence``) and combined with its survey index (``scoring.combined``). Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from berakhlak_cli.model.evidence import Checklist, EvidenceEntry
from berakhlak_cli.model.results import GroupResult, IssueCode, Score, Scoresheet
from berakhlak_cli.model.rubric import Anonymity, Evaluation, Rubric, RubricExample
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch
from berakhlak_cli.scoring.evidence.combined import add_evidence
from berakhlak_cli.scoring.evidence.score import score_checklist
from berakhlak_cli.scoring.survey import SurveyScorer

UNIT = "unit"
FIRST_ROW = 2
_ANSWER_ISSUES = {IssueCode.UNKNOWN_LABEL, IssueCode.OUT_OF_RANGE, IssueCode.NOT_INTEGER}


@dataclass(frozen=True)
class ExampleFinding:
    """One way an example fails: ``key`` is the path inside the example (``expect.index``)."""

    code: str
    key: str
    message: str


def encode(cells: Sequence[str | None]) -> EncodedColumn:
    """Dictionary-encode Python strings as the survey loaders do (None = empty cell)."""
    categories: dict[str, int] = {}
    codes = [-1 if c is None else categories.setdefault(c, len(categories)) for c in cells]
    return EncodedColumn(tuple(categories), np.array(codes, dtype=np.int32))


def score_example(
    rubric: Rubric, example: RubricExample
) -> tuple[GroupResult | None, list[ExampleFinding]]:
    """The example unit's result (None when no respondent was scored) and its invalid answers."""
    test_rubric = dataclasses.replace(rubric, anonymity=Anonymity(min_group_size=1))
    n = len(example.respondents)
    batch = SurveyBatch(
        first_row=FIRST_ROW,
        size=n,
        items={
            item.id: encode([answers.get(item.id) for answers in example.respondents])
            for item in rubric.items
        },
        groups={UNIT: encode([example.unit] * n)},
    )
    scorer = SurveyScorer(
        test_rubric,
        group_by=(UNIT,),
        headers={item.id: item.id for item in rubric.items},
        intervals=False,
    )
    scorer.add(batch)
    sheet = scorer.finish()
    answers = [
        ExampleFinding(
            "example-answer", f"respondents[{issue.row - FIRST_ROW}].{issue.column}", issue.message
        )
        for issue in sheet.issues
        if issue.code in _ANSWER_ISSUES and issue.row is not None
    ]
    if _uses_evidence(example) and test_rubric.evaluation is not None:
        sheet, evidence_answers = _add_evidence(sheet, test_rubric, test_rubric.evaluation, example)
        answers += evidence_answers
    return (sheet.groups[0] if sheet.groups else None), answers


def _uses_evidence(example: RubricExample) -> bool:
    expect = example.expect
    wanted = (expect.evidence, expect.combined, expect.combined_band)
    return bool(example.evidence) or any(w is not None for w in wanted)


def _add_evidence(
    sheet: Scoresheet, rubric: Rubric, evaluation: Evaluation, example: RubricExample
) -> tuple[Scoresheet, list[ExampleFinding]]:
    """Score the example's evidence answers as the checklist of its one unit."""
    ids = list(example.evidence)
    entries = tuple(
        EvidenceEntry(row=FIRST_ROW + k, unit=example.unit, evidence_id=eid, answer=answer)
        for k, (eid, answer) in enumerate(example.evidence.items())
    )
    units, issues = score_checklist(
        evaluation,
        Checklist(source="example", entries=entries, headers={}),
        [g.key for g in sheet.groups],
        missing=rubric.missing,
    )
    findings = [
        ExampleFinding("example-answer", f"evidence.{ids[i.row - FIRST_ROW]}", i.message)
        for i in issues
        if i.code == IssueCode.INVALID_ANSWER and i.row is not None
    ]
    return add_evidence(sheet, rubric, units, issues), findings


def check_example(rubric: Rubric, example: RubricExample) -> list[ExampleFinding]:
    """Score ``example`` and list every expectation it does not meet (empty when it passes)."""
    group, findings = score_example(rubric, example)
    expect = example.expect
    tol = example.tolerance
    scored = group.respondents if group else 0
    if expect.respondents is not None and expect.respondents != scored:
        findings.append(
            ExampleFinding(
                "example-mismatch",
                "expect.respondents",
                f"{scored} respondents were scored, expected {expect.respondents}",
            )
        )
    for vid, want in expect.values.items():
        got = group.values.get(vid) if group else None
        if miss := _number_mismatch(f"value {vid!r}", got, want, tol):
            findings.append(ExampleFinding("example-mismatch", f"expect.values.{vid}", miss))
    index = group.index if group else None
    if expect.index is not None and (miss := _number_mismatch("index", index, expect.index, tol)):
        findings.append(ExampleFinding("example-mismatch", "expect.index", miss))
    if expect.band is not None and (index is None or index.band != expect.band):
        findings.append(
            ExampleFinding("example-mismatch", "expect.band", _band_mismatch(index, expect.band))
        )
    for key, goal in (("evidence", expect.evidence), ("combined", expect.combined)):
        got = getattr(group, key) if group else None
        if goal is not None and (miss := _number_mismatch(f"{key} score", got, goal, tol)):
            findings.append(ExampleFinding("example-mismatch", f"expect.{key}", miss))
    combined = group.combined if group else None
    if expect.combined_band is not None and (
        combined is None or combined.band != expect.combined_band
    ):
        miss = _band_mismatch(combined, expect.combined_band, "combined index")
        findings.append(ExampleFinding("example-mismatch", "expect.combined_band", miss))
    return findings


def _number_mismatch(what: str, got: Score | None, want: float, tol: float) -> str | None:
    if got is None:
        return f"{what} has no score, expected {want:g}"
    if abs(got.raw - want) <= tol:
        return None
    return f"{what} is {got.raw:.4f}, expected {want:g} (tolerance {tol:g})"


def _band_mismatch(got: Score | None, want: str, what: str = "index") -> str:
    if got is None:
        return f"no {what}, so no band; expected {want!r}"
    return f"band is {got.band!r} ({what} {got.rounded:g}), expected {want!r}"
