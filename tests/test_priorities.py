"""Priorities per unit (issue 14, part 2): the gap test, Holm's correction, the ranking."""

from __future__ import annotations

import numpy as np
import pytest

from berakhlak_cli.scoring.behaviours.priorities import GapTable, Moments, gap_test, holm, with_holm
from berakhlak_cli.scoring.survey import SurveyScorer
from tests.conftest import batch, small_rubric

ONE_VALUE = """
  - id: v
    code: V
    label: Satu
    behaviours:
      - {id: B1, label: B1, items: [{id: a, text: a}]}
      - {id: B2, label: B2, items: [{id: b, text: b}]}
"""


def moments(scores: list[float]) -> Moments:
    return Moments(len(scores), sum(scores), sum(x * x for x in scores))


def test_gap_interval_and_p_value_by_hand() -> None:
    unit = moments([50, 50, 25, 25])  # mean 37.5, s² = 4 · 12.5² / 3 = 208.33
    rest = [100, 100, 75, 75]  # mean 87.5, s² = 208.33
    institution = moments([50, 50, 25, 25, *rest])  # mean 62.5
    test = gap_test("B1", unit, institution, inside=True)
    # d = 37.5 - 62.5 = -25 = (4/8)(37.5 - 87.5); SE = (4/8) sqrt(208.33/4 + 208.33/4) = 5.1031
    # Welch df = (a + b)² / (a²/3 + b²/3) = 6 with a = b; t_{0.975, 6} = 2.446912
    assert test.gap == pytest.approx(-25.0)
    assert test.df == pytest.approx(6.0)
    assert test.lower == pytest.approx(-25 - 12.4868448, abs=1e-6)
    assert test.upper == pytest.approx(-25 + 12.4868448, abs=1e-6)
    # t = -25 / 5.1031 = -4.899; two-sided p with 6 df
    assert test.p == pytest.approx(0.00271368, abs=1e-7)


def test_a_unit_outside_the_institution_row_is_independent_of_it() -> None:
    unit = moments([50, 50, 25, 25])
    institution = moments([100, 100, 75, 75])
    test = gap_test("B1", unit, institution, inside=False)
    # d = 37.5 - 87.5 = -50, SE = sqrt(2 · 208.33 / 4) = 10.2062, df 6
    assert test.gap == pytest.approx(-50.0)
    assert test.upper == pytest.approx(-50 + 2.4469119 * 10.2062073, abs=1e-5)


def test_too_few_respondents_give_a_gap_without_a_test() -> None:
    test = gap_test("B1", moments([50]), moments([50, 75, 100]), inside=True)
    assert test.gap == pytest.approx(-25.0) and test.p is None and not test.significant


def test_holm_steps_down_and_stops_at_the_first_failure() -> None:
    # m = 4: 0.01 <= 0.05/4 rejected; next 0.03 > 0.05/3 stops (0.04 is not reached)
    assert holm([0.01, 0.04, 0.03, 0.5], 0.05) == [True, False, False, False]
    # untested behaviours do not count in m: 0.02 <= 0.05/2, 0.04 <= 0.05/1
    assert holm([0.02, None, 0.04], 0.05) == [True, False, True]


def test_priorities_on_a_hand_made_frame() -> None:
    rubric = small_rubric(ONE_VALUE)
    answers = {
        "a": ["5", "5", "4", "4", "3", "3", "2", "2"],
        "b": ["3", "3", "3", "4", "3", "4", "3", "3"],
    }
    scorer = SurveyScorer(rubric, group_by=("unit",))
    scorer.add(batch(answers, {"unit": ["U"] * 4 + ["R"] * 4}))
    sheet = scorer.finish()
    r, u = sheet.groups
    assert (r.label, u.label) == ("R", "U")
    b1, b2 = r.gap_tests
    # B1: the test above (R is 25 points below); B2: both units 56.25, gap 0, p = 1
    assert b1.gap == pytest.approx(-25.0) and b1.p == pytest.approx(0.00271368, abs=1e-7)
    assert b2.gap == pytest.approx(0.0) and b2.p == pytest.approx(1.0)
    # Holm, m = 2: 0.0027 <= 0.025 flagged; 1.0 is not
    assert (b1.significant, b2.significant) == (True, False)
    assert r.priorities == ("B1",)
    assert u.gap_tests[0].significant and u.priorities == ()  # above: not a priority


def test_a_table_s_unit_tests_equal_the_tests_one_by_one_with_holm() -> None:
    rng = np.random.default_rng(3)
    units, behaviours = 30, 6
    n = rng.integers(0, 40, size=(units, behaviours)).astype(np.float64)
    n[0, :] = 1  # one respondent: gaps without a test
    means = rng.uniform(40, 90, size=(units, behaviours))
    total = n * means
    squares = total * means + n * rng.uniform(0, 400, size=(units, behaviours))
    whole = Moments(n.sum(axis=0), total.sum(axis=0), squares.sum(axis=0))
    inside = rng.random(units) < 0.8
    table = GapTable.of(n, total, squares, whole, inside, 0.95)
    included = (n != 0) & (rng.random((units, behaviours)) < 0.9)
    ids = [f"B{b}" for b in range(behaviours)]
    got = table.unit_tests(included, ids, 0.95)
    want = [
        with_holm([table.test(u, b, ids[b]) for b in range(behaviours) if included[u, b]], 0.95)
        for u in range(units)
    ]
    assert got == want
    assert any(t.significant for row in got for t in row)
    assert any(t.p is None for row in got for t in row)
