"""Scoring pinned to hand-computed numbers and to published KemenPANRB figures (sources.md §4)."""

from __future__ import annotations

import math

import pytest

from berakhlak_cli.model.results import IssueCode, Scoresheet
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.survey import SurveyScorer
from tests.conftest import batch, small_rubric

TWO_VALUES = """
  - id: v1
    code: V1
    label: Satu
    weight: {w1}
    behaviours:
      - id: B1
        label: B1
        items:
          - {{id: a, text: a}}
          - {{id: b, text: b, reverse: true}}
      - id: B2
        label: B2
        items:
          - {{id: c, text: c}}
  - id: v2
    code: V2
    label: Dua
    behaviours:
      - id: B3
        label: B3
        items:
          - {{id: d, text: d}}
"""

# r1: a=5 -> 100, b=2 reversed (5+1-2=4) -> 75, c=3 -> 50, d=4 -> 75
# r2: a=4 -> 75, b and c blank, d=1 -> 0
# r3: only c=5 -> 100
ANSWERS = {
    "a": ["5", "4", ""],
    "b": ["2", "", "-"],
    "c": ["3", None, "Sangat Setuju"],
    "d": ["4", "1", ""],
}


def score(
    rubric: Rubric, answers: dict[str, list[str | None]], units: list[str | None]
) -> Scoresheet:
    scorer = SurveyScorer(rubric, group_by=("unit",))
    scorer.add(batch(answers, {"unit": units}))
    return scorer.finish()


def test_person_first_reverse_keys_missing_and_unequal_items() -> None:
    sheet = score(small_rubric(TWO_VALUES.format(w1=1)), ANSWERS, ["U", "U", "U"])
    (unit,) = sheet.groups
    # v1 per respondent: r1 mean(B1=mean(100,75)=87.5, B2=50) = 68.75; r2 B1=75 -> 75; r3 B2=100
    # unit v1 = (68.75 + 75 + 100) / 3 = 81.25; unit v2 = (75 + 0) / 2 = 37.5
    assert unit.values["v1"] is not None and unit.values["v1"].raw == pytest.approx(81.25)
    assert unit.values["v2"] is not None and unit.values["v2"].raw == pytest.approx(37.5)
    assert unit.value_respondents == {"v1": 3, "v2": 2}
    # index = mean(81.25, 37.5) = 59.375 -> published 59.4, band B
    assert unit.index is not None
    assert (unit.index.raw, unit.index.rounded, unit.index.band) == (
        pytest.approx(59.375),
        59.4,
        "B",
    )
    assert unit.respondents == 3
    assert sheet.institution.index == unit.index


def test_value_weights_apply_to_the_index() -> None:
    sheet = score(small_rubric(TWO_VALUES.format(w1=3)), ANSWERS, ["U", "U", "U"])
    # (3 * 81.25 + 1 * 37.5) / 4 = 70.3125
    assert sheet.groups[0].index is not None
    assert sheet.groups[0].index.raw == pytest.approx(70.3125)
    assert sheet.groups[0].index.rounded == 70.3


def test_pooled_method_pools_every_answered_cell() -> None:
    rubric = small_rubric(TWO_VALUES.format(w1=1), extra="aggregation: {respondent: pooled}")
    sheet = score(rubric, ANSWERS, ["U", "U", "U"])
    (unit,) = sheet.groups
    # v1 cells: 100, 75, 50 (r1), 75 (r2), 100 (r3) -> 400 / 5 = 80.0; v2 cells: 75, 0 -> 37.5
    assert unit.values["v1"] is not None and unit.values["v1"].raw == pytest.approx(80.0)
    assert unit.values["v2"] is not None and unit.values["v2"].raw == pytest.approx(37.5)
    # index = all 7 cells: (400 + 75) / 7 = 67.857...
    assert unit.index is not None and unit.index.raw == pytest.approx(475 / 7)
    assert unit.index.rounded == 67.9


PUBLISHED = """
scales:
  persen: {min: 0, max: 100, integer_only: false}
"""


def seven_values() -> str:
    codes = ["BP", "AK", "KO", "HA", "LO", "AD", "KL"]
    return "".join(
        f"""
  - id: {c.lower()}
    code: {c}
    label: {c}
    behaviours:
      - id: {c}.1
        label: {c}
        items:
          - {{id: {c.lower()}1, text: {c}}}
"""
        for c in codes
    )


@pytest.mark.parametrize(
    ("per_value", "index", "band", "low_band"),
    [
        # National 2022 (jurnalmadani; sources.md §4.1): 426.6 / 7 = 60.94 -> 60.9 B, Adaptif C
        ([57.9, 74.1, 56.7, 63.8, 65.8, 38.9, 69.4], 60.9, "B", "C"),
        # Kemendikbudristek 2022 (scribd 681421926): 409.6 / 7 = 58.51 -> 58.5 B, Adaptif 43.5 C
        ([59.6, 64.1, 58.3, 53.7, 62.7, 43.5, 67.7], 58.5, "B", "C"),
    ],
)
def test_published_indices_are_the_mean_of_the_seven_values(
    per_value: list[float], index: float, band: str, low_band: str
) -> None:
    rubric = small_rubric(seven_values(), scale=PUBLISHED)
    answers = {
        f"{c}1": [repr(v)]
        for c, v in zip(["bp", "ak", "ko", "ha", "lo", "ad", "kl"], per_value, strict=True)
    }
    sheet = score(rubric, answers, ["Instansi"])
    (group,) = sheet.groups
    assert group.index is not None
    assert (group.index.rounded, group.index.band) == (index, band)
    assert group.values["ad"] is not None and group.values["ad"].band == low_band
    assert group.values["ak"] is not None and group.values["ak"].band == "B"


def test_institution_pooled_versus_mean_of_units() -> None:
    values = """
  - id: v
    code: V
    label: V
    behaviours:
      - id: B
        label: B
        items:
          - {id: q, text: q}
"""
    answers: dict[str, list[str | None]] = {"q": ["5", "1", "1", "1"]}
    units: list[str | None] = ["U1", "U2", "U2", "U2"]
    pooled = score(small_rubric(values), answers, units)
    # pooled: (100 + 0 + 0 + 0) / 4 = 25
    assert pooled.institution.index is not None and pooled.institution.index.raw == 25.0
    by_units = score(
        small_rubric(values, extra="aggregation: {institution: mean_of_units}"), answers, units
    )
    # mean of units: (100 + 0) / 2 = 50
    assert by_units.institution.index is not None and by_units.institution.index.raw == 50.0


ONE_VALUE = """
  - id: v
    code: V
    label: V
    behaviours:
      - id: B
        label: B
        items:
          - {id: q1, text: q1}
          - {id: q2, text: q2}
          - {id: q3, text: q3}
"""


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("3,5", IssueCode.NOT_INTEGER),
        ("3.5", IssueCode.NOT_INTEGER),
        ("0", IssueCode.OUT_OF_RANGE),
        ("6", IssueCode.OUT_OF_RANGE),
        ("-1", IssueCode.OUT_OF_RANGE),
        ("1e9", IssueCode.OUT_OF_RANGE),
        ("Setju", IssueCode.UNKNOWN_LABEL),
        ("nan", IssueCode.UNKNOWN_LABEL),
    ],
)
def test_invalid_answers_are_issues_never_coerced(answer: str, code: IssueCode) -> None:
    sheet = score(small_rubric(ONE_VALUE), {"q1": [answer], "q2": ["5"], "q3": ["5"]}, ["U"])
    (issue,) = sheet.issues
    assert (issue.code, issue.row, issue.column, issue.value) == (code, 2, "q1", answer)
    # the invalid cell counts as unanswered: the respondent scores mean(100, 100)
    assert sheet.groups[0].index is not None and sheet.groups[0].index.raw == 100.0


@pytest.mark.parametrize("label", ["  sangat   SETUJU ", "SS", "5", "5,0", "5.0", "Sangat Setuju"])
def test_labels_and_numbers_are_matched_leniently(label: str) -> None:
    sheet = score(small_rubric(ONE_VALUE), {"q1": [label], "q2": ["5"], "q3": ["-"]}, ["U"])
    assert sheet.issues == ()
    assert sheet.groups[0].index is not None and sheet.groups[0].index.raw == 100.0


def test_rows_are_accounted_for_blank_and_missing_unit_are_excluded() -> None:
    answers: dict[str, list[str | None]] = {
        "q1": ["4", "", "3", "2"],
        "q2": ["5", "-", "3", "1"],
        "q3": ["3", None, "4", "3"],
    }
    sheet = score(small_rubric(ONE_VALUE), answers, ["U", "U", "", "U"])
    acc = sheet.accounting
    assert (acc.read, acc.scored) == (4, 2)
    assert acc.excluded == {"blank-respondent": 1, "missing-group": 1}
    assert acc.reconciles
    assert [(i.code, i.row) for i in sheet.issues] == [
        (IssueCode.BLANK_RESPONDENT, 3),
        (IssueCode.MISSING_GROUP, 4),
    ]
    # row 2: (75 + 100 + 50) / 3 = 75; row 5: (25 + 0 + 50) / 3 = 25; mean 50.0 -> band B
    # (the lower edge is inclusive)
    assert sheet.groups[0].index is not None and sheet.groups[0].index.band == "B"


def test_duplicate_ids_keep_first_across_batches() -> None:
    rubric = small_rubric(ONE_VALUE)
    scorer = SurveyScorer(rubric, group_by=("unit",))
    one = {"q1": ["5", "1"], "q2": ["5", "1"], "q3": ["5", "1"]}
    scorer.add(batch(one, {"unit": ["U", "U"]}, ids=["0071", "0072"]))
    scorer.add(batch(one, {"unit": ["U", "U"]}, ids=["0071", " "], first_row=4))
    sheet = scorer.finish()
    assert [(i.code, i.row) for i in sheet.issues if i.excluded] == [
        (IssueCode.DUPLICATE_RESPONDENT, 4)
    ]
    # kept rows 2 (100), 3 (0), 5 (blank id, 0): mean = 33.33...
    assert sheet.groups[0].index is not None
    assert math.isclose(sheet.groups[0].index.raw, 100 / 3)


def test_straight_lining_is_flagged_not_excluded_by_default() -> None:
    sheet = score(small_rubric(ONE_VALUE), {"q1": ["4"], "q2": ["4"], "q3": ["Setuju"]}, ["U"])
    assert [(i.code, i.excluded) for i in sheet.issues] == [(IssueCode.STRAIGHT_LINING, False)]
    assert sheet.accounting.scored == 1


def test_rows_holding_nothing_are_named_empty() -> None:
    rubric = small_rubric(ONE_VALUE)
    scorer = SurveyScorer(rubric, group_by=("unit",))
    answers: dict[str, list[str | None]] = {
        "q1": ["4", "", "", "Setju"],
        "q2": ["5", "", "", ""],
        "q3": ["3", "", "", ""],
    }
    # row 3: nothing at all; row 4: only an id (a person who sent nothing: an issue);
    # row 5: an invalid answer and no unit (an issue, not an empty row)
    scorer.add(batch(answers, {"unit": ["U", "", "", ""]}, ids=["1", "", "2", ""]))
    sheet = scorer.finish()
    assert sheet.accounting.excluded == {"empty-row": 1, "missing-group": 2}
    assert sheet.accounting.reconciles
    assert [(i.code.value, i.row) for i in sheet.issues] == [
        ("empty-row", 3),
        ("missing-group", 4),
        ("missing-group", 5),
        ("unknown-label", 5),
    ]
