"""Intervals and reliability as they come out of the scorer (issue #8 surfaces)."""

from __future__ import annotations

import math

import pytest

from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.scoring.survey import SurveyScorer
from tests.conftest import batch, small_rubric

PERCENT = """
scales:
  persen: {min: 0, max: 100, integer_only: false}
"""
ONE = """
  - id: v
    code: V
    label: V
    behaviours:
      - id: B
        label: B
        items:
          - {id: q, text: q}
"""


def scored(answers: list[str], headcounts: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    scorer = SurveyScorer(
        small_rubric(ONE, scale=PERCENT), group_by=("unit",), headcounts=headcounts
    )
    scorer.add(batch({"q": answers}, {"unit": ["U"] * len(answers)}))
    return scorer.finish()


def test_t_interval_without_headcount() -> None:
    # scores 70, 80, 90, 80: mean 80, s^2 = (100 + 0 + 100 + 0) / 3, se = s / 2 = 4.0825
    # t(0.975, df 3) = 3.182446 -> 80 ± 12.992 = [67.008, 92.992]
    (unit,) = scored(["70", "80", "90", "80"]).groups
    interval = unit.index.interval
    assert interval is not None
    assert interval.se == pytest.approx(math.sqrt(200 / 3) / 2)
    assert (interval.lower, interval.upper) == (
        pytest.approx(67.0077, abs=1e-4),
        pytest.approx(92.9923, abs=1e-4),
    )
    assert interval.n == 4 and interval.df == 3
    # 80 is band A; the interval reaches 67.0, inside band B
    assert interval.crosses_band and interval.may_be == ("B",)


def test_finite_population_correction_with_headcount() -> None:
    # N = 8 staff, n = 4 answered: variance factor 1 - 4/8 = 0.5 -> se = 4.0825 * sqrt(0.5) = 2.8868
    # 80 ± 3.182446 * 2.8868 = 80 ± 9.1869
    (unit,) = scored(["70", "80", "90", "80"], {"U": 8}).groups
    interval = unit.index.interval
    assert interval is not None
    assert interval.se == pytest.approx(math.sqrt(200 / 3) / 2 * math.sqrt(0.5))
    assert interval.lower == pytest.approx(80 - 9.18693, abs=1e-4)
    # a census (n = N) has no sampling error
    (census,) = scored(["70", "80", "90", "80"], {"U": 4}).groups
    assert census.index.interval is not None
    assert census.index.interval.lower == census.index.interval.upper == 80.0


def test_one_respondent_has_no_interval() -> None:
    (unit,) = scored(["70"]).groups
    assert unit.index is not None and unit.index.interval is None


def test_reverse_keying_mistake_is_reported_not_fixed() -> None:
    values = """
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
          - {id: q4, text: q4}
"""
    rubric = small_rubric(values)
    # q3 was written negatively ("...tidak...") but the rubric forgot reverse: true
    answers: dict[str, list[str | None]] = {
        "q1": ["5", "4", "2", "1", "4", "2"],
        "q2": ["5", "5", "2", "2", "3", "1"],
        "q3": ["1", "2", "4", "5", "2", "4"],
        "q4": ["4", "5", "1", "2", "4", "2"],
    }
    # item-rest correlations (numpy corrcoef): q1 0.612, q2 0.849, q3 -0.943, q4 0.849
    scorer = SurveyScorer(rubric, group_by=("unit",))
    scorer.add(batch(answers, {"unit": ["U"] * 6}))
    sheet = scorer.finish()
    warnings = [i for i in sheet.issues if i.code == IssueCode.NEGATIVE_ITEM_CORRELATION]
    assert [w.column for w in warnings] == ["q3"]
    value_rel = sheet.reliability[0]
    assert value_rel.scale == "v" and value_rel.complete == 6
    assert value_rel.alpha is not None and value_rel.alpha < 0.2
    assert sheet.reliability[-1].scale == "instrument"


def test_vectorised_intervals_match_the_scalar_reference() -> None:
    import numpy as np

    from berakhlak_cli.loaders.rubric.load import load_rubric
    from berakhlak_cli.scoring.groups.intervals import intervals
    from berakhlak_cli.scoring.uncertainty import ScoreSummary, mean_interval

    rng = np.random.default_rng(8)
    rubric = load_rubric()
    n = rng.integers(0, 60, size=200).astype(float)
    scores = [rng.uniform(0, 100, size=int(k)) for k in n]
    total = np.array([s.sum() for s in scores])
    total_sq = np.array([(s * s).sum() for s in scores])
    heads = np.where(rng.random(200) < 0.5, n + rng.integers(0, 40, size=200), np.nan)
    means = np.array([s.mean() if len(s) else np.nan for s in scores])
    got = intervals(means, n, total, total_sq, heads, rubric)
    for i, interval in enumerate(got):
        head = None if np.isnan(heads[i]) else int(heads[i])
        summary = ScoreSummary.from_sums(int(n[i]), total[i], total_sq[i])
        ref = mean_interval(summary, headcount=head)
        if not ref.has_interval:
            assert interval is None
            continue
        assert interval is not None
        assert interval.lower == pytest.approx(ref.lower, abs=1e-9)
        assert interval.upper == pytest.approx(ref.upper, abs=1e-9)
        assert interval.se == pytest.approx(ref.se, rel=1e-9)
