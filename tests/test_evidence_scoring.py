"""Evidence scoring: answer mapping, weights, missing/unknown entries, 80/20, no-evidence policies.

Every expected number is computed by hand in the comment beside it.
"""

from __future__ import annotations

import pytest

from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.evidence import Checklist, ChecklistColumn, EvidenceEntry
from berakhlak_cli.model.results import (
    COMBINED_WITHHELD,
    GroupLevel,
    GroupResult,
    IssueCode,
    RowAccount,
    RubricRef,
    Scoresheet,
)
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.bands import make_score
from berakhlak_cli.scoring.evidence.combined import add_evidence, combine
from berakhlak_cli.scoring.evidence.score import AnswerCoder, parse_number, score_checklist
from tests.conftest import small_rubric

VALUES = """
  - id: v1
    code: V1
    label: Value one
    behaviours:
      - id: V1.1
        label: b
        items:
          - {id: q1, text: "q1"}
"""

# K1 (weight 3): A.1 (Ya/Tidak, weight 1), A.2 (A-D, weight 3); K2 (weight 1): B.1 (0-100).
EVALUATION = """
evaluation:
  weights: {{survey: 0.8, evaluation: 0.2}}
  no_evidence: {policy}
  institution: {institution}
  answer_scales:
    yt:
      options:
        - {{label: "Ya", score: 100, aliases: ["Y"]}}
        - {{label: "Tidak", score: 0}}
    abcd:
      options:
        - {{label: "A", score: 100}}
        - {{label: "B", score: 66.67}}
        - {{label: "C", score: 33.33}}
        - {{label: "D", score: 0}}
    pct: {{numeric: true, min: 0, max: 100}}
  criteria:
    - id: K1
      label: One
      weight: 3
      items:
        - {{id: A.1, requirement: r, answer_scale: yt}}
        - {{id: A.2, requirement: r, answer_scale: abcd, weight: 3}}
    - id: K2
      label: Two
      items:
        - {{id: B.1, requirement: r, answer_scale: pct}}
"""


def evidence_rubric(policy: str = "zero", institution: str = "mean_of_units") -> Rubric:
    return small_rubric(VALUES, extra=EVALUATION.format(policy=policy, institution=institution))


HEADERS = {
    ChecklistColumn.UNIT: "unit",
    ChecklistColumn.EVIDENCE_ID: "evidence_id",
    ChecklistColumn.ANSWER: "answer",
}


def checklist(*rows: tuple[str, str, str]) -> Checklist:
    entries = tuple(EvidenceEntry(n, u, i, a) for n, (u, i, a) in enumerate(rows, start=2))
    return Checklist("checklist.csv", entries, HEADERS)


def group(
    unit: str, index: float, rubric: Rubric, *, n: int = 10, withheld: str | None = None
) -> GroupResult:
    return GroupResult(
        key=(unit,),
        level=GroupLevel.UNIT,
        respondents=n,
        values={},
        value_respondents={},
        index=None if withheld else make_score(index, rubric),
        withheld=withheld,
    )


def sheet(rubric: Rubric, groups: tuple[GroupResult, ...], institution: float) -> Scoresheet:
    inst = GroupResult((), GroupLevel.INSTITUTION, 43, {}, {}, make_score(institution, rubric))
    return Scoresheet(
        rubric=RubricRef("test", "1", "Test", "test", ""),
        group_by=("unit",),
        groups=groups,
        institution=inst,
        accounting=RowAccount(43, 43),
    )


# -- answer mapping, one scale at a time (the shipped rubric's four scales) ----------------------


@pytest.fixture(scope="module")
def shipped() -> Rubric:
    return load_rubric()


@pytest.mark.parametrize(
    ("scale", "answer", "expected"),
    [
        ("ya_tidak", "Ya", 100.0),
        ("ya_tidak", " yes ", 100.0),
        ("ya_tidak", "Y", 100.0),
        ("ya_tidak", "ADA", 100.0),
        ("ya_tidak", "Tidak", 0.0),
        ("ya_tidak", "tidak  ada", 0.0),
        ("ya_tidak", "T", 0.0),
        ("ya_tidak", "Mungkin", None),
        ("ya_tidak", "1", None),
        ("abcd", "A", 100.0),
        ("abcd", "b", 66.67),
        ("abcd", "C", 33.33),
        ("abcd", "d", 0.0),
        ("abcd", "E", None),
        ("ada_sebagian", "Ada", 100.0),
        ("ada_sebagian", "lengkap", 100.0),
        ("ada_sebagian", "Sebagian ada", 50.0),
        ("ada_sebagian", "Belum ada", 0.0),
        ("ada_sebagian", "Tidak Ada", 0.0),
        ("ada_sebagian", "Ya", None),
        ("persen", "70", 70.0),
        ("persen", "87,5", 87.5),
        ("persen", "87.5", 87.5),
        ("persen", "85%", 85.0),
        ("persen", "0", 0.0),
        ("persen", "100", 100.0),
        ("persen", "100,1", None),
        ("persen", "-1", None),
        ("persen", "1.000,5", None),
        ("persen", "1e2", None),
        ("persen", "nan", None),
        ("persen", "tujuh puluh", None),
    ],
)
def test_answer_mapping(shipped: Rubric, scale: str, answer: str, expected: float | None) -> None:
    assert shipped.evaluation is not None
    assert AnswerCoder(shipped.evaluation.answer_scales[scale]).score(answer) == expected


def test_numeric_scale_other_than_0_100_is_rescaled() -> None:
    rubric = small_rubric(
        VALUES,
        extra="""
evaluation:
  answer_scales:
    five: {numeric: true, min: 1, max: 5}
  criteria:
    - {id: K, label: k, items: [{id: X.1, requirement: r, answer_scale: five}]}
""",
    )
    assert rubric.evaluation is not None
    coder = AnswerCoder(rubric.evaluation.answer_scales["five"])
    # (4 - 1) / (5 - 1) * 100 = 75; (2,5 - 1) / 4 * 100 = 37.5
    assert coder.score("4") == 75.0
    assert coder.score("2,5") == 37.5
    assert coder.score("0") is None


def test_parse_number_rejects_python_only_spellings() -> None:
    assert parse_number("1_0") is None
    assert parse_number("inf") is None
    assert parse_number(" 42 ") == 42.0


# -- weights ----------------------------------------------------------------------------------


def test_weighted_mean_over_criteria_of_weighted_item_means() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    units, issues = score_checklist(
        rubric.evaluation,
        checklist(("U1", "A.1", "Tidak"), ("U1", "A.2", "B"), ("U1", "B.1", "40")),
        [("U1",)],
    )
    unit = units[("U1",)]
    # K1 = (1*0 + 3*66.67) / 4 = 50.0025; K2 = 40; evidence = (3*50.0025 + 1*40) / 4 = 47.501875
    assert unit.criteria == pytest.approx({"K1": 50.0025, "K2": 40.0})
    assert unit.score == pytest.approx(47.501875)
    assert unit.provided == 3 and not unit.no_evidence
    assert issues == []


# -- missing, unknown, duplicate and invalid entries -------------------------------------------


def test_missing_and_unknown_entries_are_located_issues() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    rows = checklist(
        ("U1", "A.1", "Ya"),  # row 2: scored
        ("U1", "A.2", ""),  # row 3: blank answer -> not provided
        ("U1", "X.9", "Ya"),  # row 4: unknown evidence id
        ("Nowhere", "A.1", "Ya"),  # row 5: unknown unit
        ("U1", "a.1", "Tidak"),  # row 6: repeats row 2 (ids match case-insensitively)
        ("U1", "B.1", "120"),  # row 7: outside 0-100
        ("", "A.1", "Ya"),  # row 8: empty unit
        ("Known Only", "A.1", "Ya"),  # row 9: in the units file, no survey row: not an issue
    )
    units, issues = score_checklist(
        rubric.evaluation, rows, [("U1",), ("U2",)], known=["Known Only"], missing=("", "-")
    )
    got = [(i.code, i.row, i.column, i.group) for i in issues]
    assert got == [
        (IssueCode.EVIDENCE_NOT_PROVIDED, 3, "answer", "U1"),
        (IssueCode.UNKNOWN_EVIDENCE, 4, "evidence_id", "U1"),
        (IssueCode.UNKNOWN_UNIT, 5, "unit", "Nowhere"),
        (IssueCode.DUPLICATE_EVIDENCE, 6, "evidence_id", "U1"),
        (IssueCode.INVALID_ANSWER, 7, "answer", "U1"),
        (IssueCode.UNKNOWN_UNIT, 8, "unit", ""),
        (IssueCode.NO_EVIDENCE, None, None, "U2"),
    ]
    assert {i.source for i in issues} == {"evidence"}
    u1 = units[("U1",)]
    # The first of rows 2/6 is kept: A.1 = 100; A.2 and B.1 count 0 and are not provided.
    # K1 = (1*100 + 3*0) / 4 = 25; K2 = 0; evidence = (3*25 + 0) / 4 = 18.75
    assert u1.score == pytest.approx(18.75)
    assert [i for i, a in u1.items.items() if not a.provided] == ["A.2", "B.1"]
    assert u1.items["B.1"].answer == "120" and u1.items["A.2"].row == 3
    assert units[("U2",)].no_evidence and units[("U2",)].score == 0.0


def test_an_item_without_any_row_is_not_provided_and_listed() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    units, issues = score_checklist(
        rubric.evaluation, checklist(("U1", "A.1", "Ya"), ("U1", "A.2", "A")), [("U1",)]
    )
    # B.1 missing: K1 = 100, K2 = 0 -> (3*100 + 0) / 4 = 75
    assert units[("U1",)].score == 75.0
    assert [(i.code, i.row, i.value) for i in issues] == [
        (IssueCode.EVIDENCE_NOT_PROVIDED, None, "B.1")
    ]


def test_unknown_unit_suggests_the_close_name() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    _, issues = score_checklist(
        rubric.evaluation, checklist(("Biro Hukm", "A.1", "Ya")), [("Biro Hukum",)]
    )
    assert "did you mean 'Biro Hukum'?" in issues[0].message


# -- the 80/20 combination ---------------------------------------------------------------------


def test_80_20_example_from_domain_brief() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    # sources.md §4.3: 0.8 * 78.0 + 0.2 * 90.0 = 62.4 + 18.0 = 80.4 -> A
    score = make_score(combine(78.0, 90.0, rubric.evaluation), rubric)
    assert (score.rounded, score.band) == (80.4, "A")


def test_80_20_through_the_scoresheet() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    # Evidence 90: K1 = 100 (Ya, A), K2 = 60 -> (3*100 + 60) / 4 = 90
    units, _ = score_checklist(
        rubric.evaluation,
        checklist(("U1", "A.1", "Ya"), ("U1", "A.2", "A"), ("U1", "B.1", "60")),
        [("U1",)],
    )
    out = add_evidence(sheet(rubric, (group("U1", 78.0, rubric),), 78.0), rubric, units)
    unit = out.groups[0]
    assert unit.evidence is not None and unit.evidence.raw == 90.0
    assert unit.combined is not None
    assert (unit.combined.rounded, unit.combined.band) == (80.4, "A")
    assert unit.headline is unit.combined


@pytest.mark.parametrize(("survey", "evidence"), [(101.0, 50.0), (50.0, -0.5), (float("nan"), 1)])
def test_combine_refuses_values_off_the_0_100_scale(survey: float, evidence: float) -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    with pytest.raises(ValueError, match="0-100"):
        combine(survey, evidence, rubric.evaluation)


# -- no evidence, withheld groups, the institution row -----------------------------------------

U1_ROWS = (("U1", "A.1", "Ya"), ("U1", "A.2", "A"), ("U1", "B.1", "60"))  # evidence 90
U3_ROWS = (("U3", "A.1", "Tidak"), ("U3", "A.2", "B"), ("U3", "B.1", "40"))  # 47.501875


def scored(policy: str, institution: str = "mean_of_units") -> Scoresheet:
    rubric = evidence_rubric(policy, institution)
    assert rubric.evaluation is not None
    groups = (
        group("U1", 78.0, rubric, n=30),
        group("U2", 70.0, rubric, n=10),
        group("U3", 0.0, rubric, n=3, withheld="anonymity"),
    )
    units, issues = score_checklist(
        rubric.evaluation, checklist(*U1_ROWS, *U3_ROWS), [g.key for g in groups]
    )
    return add_evidence(sheet(rubric, groups, 76.0), rubric, units, issues)


def test_no_evidence_zero_counts_0_and_flags() -> None:
    out = scored("zero")
    u2 = out.groups[1]
    # 0.8 * 70 + 0.2 * 0 = 56.0 -> B
    assert u2.evidence is not None and u2.evidence.rounded == 0.0
    assert u2.combined is not None and (u2.combined.rounded, u2.combined.band) == (56.0, "B")
    assert "no-evidence" in u2.flags
    assert [i.group for i in out.issues if i.code == IssueCode.NO_EVIDENCE] == ["U2"]
    # Institution: mean of U1 90, U2 0, U3 47.501875 = 45.833958...; 0.8*76 + 0.2*45.833958
    # = 60.8 + 9.1667917 = 69.9667917 -> 70.0 B
    inst = out.institution
    assert inst.evidence is not None and inst.evidence.raw == pytest.approx(137.501875 / 3)
    assert inst.combined is not None and (inst.combined.rounded, inst.combined.band) == (70.0, "B")


def test_no_evidence_survey_only_uses_the_survey_index() -> None:
    out = scored("survey_only")
    u2 = out.groups[1]
    assert u2.evidence is None
    assert u2.combined is not None and (u2.combined.raw, u2.combined.band) == (70.0, "B")
    # Institution: U2 has no evidence score: (90 + 47.501875) / 2 = 68.7509375;
    # 0.8*76 + 0.2*68.7509375 = 74.5501875 -> 74.6 B
    assert out.institution.combined is not None
    assert out.institution.combined.raw == pytest.approx(74.5501875)
    assert out.institution.combined.rounded == 74.6


def test_no_evidence_withhold_publishes_no_combined_and_no_band() -> None:
    out = scored("withhold")
    u2 = out.groups[1]
    assert u2.combined is None and u2.evidence is None
    assert COMBINED_WITHHELD in u2.flags
    # The survey index must not stand in for the withheld combined index.
    assert u2.index is not None and u2.headline is None


def test_withheld_group_stays_withheld() -> None:
    out = scored("zero")
    u3 = out.groups[2]
    assert u3.withheld == "anonymity"
    assert (u3.index, u3.evidence, u3.combined, u3.headline) == (None, None, None, None)


def test_institution_evidence_weighted_by_respondents() -> None:
    out = scored("zero", "respondent_weighted")
    # (30*90 + 10*0 + 3*47.501875) / 43 = 2842.505625 / 43 = 66.10478198
    # 0.8*76 + 0.2*66.10478198 = 74.02095640 -> 74.0 B
    inst = out.institution
    assert inst.evidence is not None and inst.evidence.raw == pytest.approx(66.10478198)
    assert inst.combined is not None and inst.combined.rounded == 74.0


def test_units_left_out_of_the_institution_row_are_left_out_of_its_evidence() -> None:
    from dataclasses import replace

    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    groups = (
        replace(group("U1", 78.0, rubric), eligible=False),
        group("U3", 60.0, rubric),
    )
    units, _ = score_checklist(rubric.evaluation, checklist(*U1_ROWS, *U3_ROWS), [("U1",), ("U3",)])
    out = add_evidence(sheet(rubric, groups, 60.0), rubric, units)
    # Only U3 (47.501875) enters the institution's evidence score.
    assert out.institution.evidence is not None
    assert out.institution.evidence.raw == pytest.approx(47.501875)
