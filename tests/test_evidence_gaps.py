"""Gap report arithmetic on a small hand-made rubric, and points to the next band."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from berakhlak_cli.model.results import Score
from berakhlak_cli.model.rubric import BandOn
from berakhlak_cli.scoring.evidence.combined import add_evidence
from berakhlak_cli.scoring.evidence.gaps import item_shares, next_band
from berakhlak_cli.scoring.evidence.score import score_checklist
from tests.conftest import small_rubric
from tests.test_evidence_scoring import VALUES, checklist, evidence_rubric, group, scored, sheet


def test_item_shares_are_normalised_weights() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    # K1 weight 3 of 4 -> 0.75; within K1, A.1 1 of 4, A.2 3 of 4; K2 0.25 with one item.
    assert item_shares(rubric.evaluation) == {
        "A.1": ("K1", 0.75 * 0.25),
        "A.2": ("K1", 0.75 * 0.75),
        "B.1": ("K2", 0.25),
    }


def test_gap_points_per_item_and_to_next_band() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    units, _ = score_checklist(
        rubric.evaluation,
        checklist(("U1", "A.1", "Tidak"), ("U1", "A.2", "B"), ("U1", "B.1", "40")),
        [("U1",)],
    )
    out = add_evidence(sheet(rubric, (group("U1", 60.0, rubric),), 60.0), rubric, units)
    (gaps,) = out.gaps
    # evidence 47.501875; combined = 0.8*60 + 0.2*47.501875 = 57.500375 -> 57.5 B
    assert gaps.combined == 57.5 and gaps.band == "B"
    # points = 0.2 * share * (100 - score):
    #   A.1: 0.2 * 0.1875 * 100          = 3.75
    #   A.2: 0.2 * 0.5625 * (100 - 66.67) = 3.749625
    #   B.1: 0.2 * 0.25   * (100 - 40)    = 3.0
    points = {g.evidence_id: g.points for g in gaps.items}
    assert points == pytest.approx({"A.1": 3.75, "A.2": 3.749625, "B.1": 3.0})
    # Together they close the whole gap: 0.2 * (100 - 47.501875) = 10.499625
    assert math.fsum(p for p in points.values() if p is not None) == pytest.approx(10.499625)
    assert [g.evidence_id for g in gaps.ranked] == ["A.1", "A.2", "B.1"]
    assert gaps.missing == ()  # all three were answered, none fully met
    # 75.0 - 57.5 = 17.5 published points to band A
    assert (gaps.next_band, gaps.to_next_band) == ("A", 17.5)


def test_fully_met_items_are_not_gaps() -> None:
    rubric = evidence_rubric()
    assert rubric.evaluation is not None
    units, _ = score_checklist(
        rubric.evaluation,
        checklist(("U1", "A.1", "Ya"), ("U1", "A.2", "A"), ("U1", "B.1", "100")),
        [("U1",)],
    )
    out = add_evidence(sheet(rubric, (group("U1", 70.0, rubric),), 70.0), rubric, units)
    # combined = 0.8*70 + 0.2*100 = 76.0 -> A, the top band
    assert out.gaps[0].items == ()
    assert (out.gaps[0].combined, out.gaps[0].next_band, out.gaps[0].to_next_band) == (
        76.0,
        None,
        None,
    )


def test_gaps_of_a_unit_without_evidence_depend_on_the_policy() -> None:
    zero = scored("zero").gaps[1]
    # U2: every item missing; A.1 0.2*0.1875*100 = 3.75, A.2 11.25, B.1 5.0; 56.0 -> A needs 19.0
    assert zero.missing == ("A.1", "A.2", "B.1")
    assert [g.points for g in zero.ranked] == pytest.approx([11.25, 5.0, 3.75])
    assert (zero.evidence, zero.to_next_band) == (0.0, 19.0)
    survey_only = scored("survey_only").gaps[1]
    assert [g.points for g in survey_only.items] == [None, None, None]
    assert survey_only.evidence is None and survey_only.combined == 70.0
    withhold = scored("withhold").gaps[1]
    assert withhold.combined is None and withhold.to_next_band is None


def test_withheld_unit_keeps_its_items_but_no_scores() -> None:
    u3 = scored("zero").gaps[2]
    assert u3.evidence is None and u3.combined is None and u3.to_next_band is None
    assert [g.points for g in u3.items] == pytest.approx([3.75, 3.749625, 3.0])


@pytest.mark.parametrize(
    ("raw", "band_on", "expected"),
    [
        # published 74.4: needs 75.0 - 74.4 = 0.6 published points
        (74.43, BandOn.ROUNDED, ("A", 0.6)),
        (74.36, BandOn.ROUNDED, ("A", 0.6)),
        # raw rule: 75 - 74.43 = 0.57 -> rounded up to 0.6; 75 - 74.36 = 0.64 -> 0.7
        (74.43, BandOn.RAW, ("A", 0.6)),
        (74.36, BandOn.RAW, ("A", 0.7)),
        (74.99, BandOn.RAW, ("A", 0.1)),
        (10.0, BandOn.ROUNDED, ("C", 15.0)),
        (80.0, BandOn.ROUNDED, (None, None)),
    ],
)
def test_next_band(raw: float, band_on: BandOn, expected: tuple[str | None, float | None]) -> None:
    rubric = small_rubric(VALUES)
    rubric = replace(rubric, rounding=replace(rubric.rounding, band_on=band_on))
    rounded = round(raw, 1)
    band = "A" if raw >= 75 else "B" if raw >= 50 else "C" if raw >= 25 else "D"
    assert next_band(Score(raw, rounded, band), rubric) == expected
