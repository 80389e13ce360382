"""Confidence intervals, band-edge flags and year-on-year change (scoring.uncertainty)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from berakhlak_cli.model.change import NoInterval
from berakhlak_cli.model.results import Interval, Score
from berakhlak_cli.scoring.uncertainty import (
    ScoreMoments,
    ScoreSummary,
    band_edge,
    compare_years,
    mean_interval,
)

# Student-t quantiles computed independently with mpmath 1.3.0 (30 digits, inverting the
# regularised incomplete beta); t tables give 2.776 (df 4), 3.182 (df 3), 1.972 (df 198).
T_975_DF4 = 2.77644510519779
T_95_DF4 = 2.13184678632665
T_975_DF3 = 3.18244630528371
T_975_DF198 = 1.97201747783631
T_975_WELCH = 2.07738615821024  # df 21.3764451355554, see test_welch_change_hand_computed

BANDS = ([75.0, 50.0, 25.0, 0.0], ["A", "B", "C", "D"])


def summarise(values: list[float]) -> ScoreSummary:
    acc = ScoreMoments()
    acc.add(values)
    return acc.finish()


def test_hand_computed_t_interval() -> None:
    # 70 75 80 85 90: mean 80, s^2 = (100 + 25 + 0 + 25 + 100) / 4 = 62.5,
    # SE = sqrt(62.5 / 5) = sqrt(12.5); half-width = t_{.975,4} * sqrt(12.5) = 9.8163.
    ci = mean_interval(summarise([70, 75, 80, 85, 90]))
    half = T_975_DF4 * math.sqrt(12.5)
    assert (ci.estimate, ci.n, ci.df, ci.fpc, ci.clipped) == (80.0, 5, 4.0, 1.0, False)
    assert ci.se == pytest.approx(math.sqrt(12.5), rel=1e-12)
    assert ci.lower == pytest.approx(80 - half, rel=1e-12)
    assert ci.upper == pytest.approx(80 + half, rel=1e-12)
    assert ci.upper == pytest.approx(89.8163, abs=1e-4)
    # 90% level: t_{.95,4}.
    ci90 = mean_interval(summarise([70, 75, 80, 85, 90]), level=0.90)
    assert ci90.upper == pytest.approx(80 + T_95_DF4 * math.sqrt(12.5), rel=1e-12)


def test_interval_matches_statsmodels() -> None:
    # statsmodels 0.15.0 DescrStatsW(a).tconfint_mean(alpha=0.05), computed in a scratch venv.
    ci = mean_interval(summarise([62.5, 75, 100, 87.5, 50, 75, 62.5, 87.5]))
    assert ci.lower == pytest.approx(61.31739587166109, rel=1e-12)
    assert ci.upper == pytest.approx(88.68260412833891, rel=1e-12)


def test_finite_population_correction() -> None:
    summary = summarise([70, 75, 80, 85, 90])
    # N = 10: FPC = 1 - 5/10 = 0.5 (Cochran: s^2 estimates S^2, so the factor is (N - n)/N);
    # SE = sqrt(12.5 * 0.5) = 2.5, half-width = 2.7764 * 2.5 = 6.9411.
    ci = mean_interval(summary, headcount=10)
    assert ci.fpc == 0.5
    assert ci.se == pytest.approx(2.5, rel=1e-12)
    assert ci.upper == pytest.approx(80 + T_975_DF4 * 2.5, rel=1e-12)
    # Large N: the correction fades (1 - 5/100000).
    assert mean_interval(summary, headcount=100_000).se == pytest.approx(
        math.sqrt(12.5 * (1 - 5 / 100_000)), rel=1e-12
    )
    # Everyone answered (n = N): no sampling error, zero width.
    census = mean_interval(summary, headcount=5)
    assert (census.lower, census.upper, census.se, census.fpc) == (80.0, 80.0, 0.0, 0.0)
    # A headcount below the respondent count cannot be right: noted, FPC not applied.
    odd = mean_interval(summary, headcount=3)
    assert odd.fpc == 1.0 and odd.upper == pytest.approx(80 + T_975_DF4 * math.sqrt(12.5))
    assert odd.notes and "headcount 3" in odd.notes[0]


def test_fewer_than_two_respondents_have_no_interval() -> None:
    for values in ([], [76.1]):
        ci = mean_interval(summarise(values))
        assert not ci.has_interval
        assert (ci.lower, ci.upper, ci.se, ci.reason) == (
            None,
            None,
            None,
            NoInterval.TOO_FEW_RESPONDENTS,
        )
    assert mean_interval(summarise([76.1])).estimate == pytest.approx(76.1)


def test_interval_is_clipped_to_the_score_range() -> None:
    # 95 100 100 100: mean 98.75, s^2 = (14.0625 + 3 * 1.5625) / 3 = 6.25, SE = 1.25;
    # upper = 98.75 + 3.1824 * 1.25 = 102.73 -> 100.
    ci = mean_interval(summarise([95, 100, 100, 100]))
    assert ci.clipped
    assert ci.upper == 100.0
    assert ci.lower == pytest.approx(98.75 - T_975_DF3 * 1.25, rel=1e-12)
    low = mean_interval(summarise([0, 0, 0, 5]))
    assert low.clipped and low.lower == 0.0


def test_level_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="confidence level"):
        mean_interval(summarise([1, 2, 3]), level=95)


@pytest.mark.parametrize("size", [1, 7])
def test_batch_split_does_not_change_the_interval(size: int) -> None:
    rng = np.random.default_rng(8)
    values = np.clip(rng.normal(72.0, 14.0, 50), 0, 100)
    values[rng.random(50) < 0.1] = np.nan
    whole = ScoreMoments()
    whole.add(values)
    parts = ScoreMoments()
    for start in range(0, 50, size):
        parts.add(values[start : start + size])
    a, b = whole.finish(), parts.finish()
    assert a.n == b.n == int((~np.isnan(values)).sum())
    np.testing.assert_allclose([a.mean, a.variance], [b.mean, b.variance], rtol=1e-12)
    np.testing.assert_allclose(a.mean, np.nanmean(values), rtol=1e-12)
    np.testing.assert_allclose(a.variance, np.nanvar(values, ddof=1), rtol=1e-12)


def test_merge_equals_one_accumulator_over_the_concatenation() -> None:
    first, second = [70.0, 82.5, 91.0], [55.0, 66.7, 100.0, 33.3]
    left, right, whole = ScoreMoments(), ScoreMoments(), ScoreMoments()
    left.add(first)
    right.add(second)
    left.merge(right)
    whole.add(first + second)
    a, b = left.finish(), whole.finish()
    assert a.n == b.n == 7
    np.testing.assert_allclose([a.mean, a.variance], [b.mean, b.variance], rtol=1e-12)
    with pytest.raises(ValueError, match="same shift"):
        left.merge(ScoreMoments(shift=0.0))


def test_summary_from_unshifted_sums() -> None:
    # Sums as a caller may keep them (no shift): n = 5, sum = 400, sum of squares = 32250.
    summary = ScoreSummary.from_sums(5, 400.0, 32250.0)
    assert (summary.n, summary.mean, summary.variance) == (5, 80.0, 62.5)
    assert math.isnan(ScoreSummary.from_sums(1, 76.1, 76.1**2).variance)
    assert ScoreSummary.from_sums(0, 0.0, 0.0).n == 0


def test_band_edge_on_the_issue_example() -> None:
    # Issue 8: "76.1 (73.9-78.3)" straddles the A/B boundary at 75 -> "may be B".
    edge = band_edge(73.9, 78.3, *BANDS)
    assert edge.crosses
    assert edge.bands == ("A", "B")
    assert edge.boundaries == (75.0,)
    assert edge.others("A") == ("B",)


def test_band_edge_inside_one_band_and_at_the_boundary() -> None:
    inside = band_edge(75.0, 80.2, *BANDS)  # a lower end exactly on 75 is still A
    assert (inside.crosses, inside.bands, inside.others("A")) == (False, ("A",), ())
    touching = band_edge(71.0, 75.0, *BANDS)  # an upper end on 75 reaches A
    assert (touching.crosses, touching.bands) == (True, ("A", "B"))
    # Bounds in any order; the result lists bands from the top.
    wide = band_edge(45.0, 80.0, [0.0, 25.0, 50.0, 75.0], ["D", "C", "B", "A"])
    assert (wide.bands, wide.boundaries) == (("A", "B", "C"), (75.0, 50.0))
    point = band_edge(60.0, 60.0, *BANDS)
    assert (point.crosses, point.bands) == (False, ("B",))


def mean_side(summary: ScoreSummary, headcount: int | None = None) -> Score:
    """A year's figure carrying its mean's interval (with standard error and df) when it has one."""
    ci = mean_interval(summary, headcount=headcount)
    if ci.lower is None or ci.upper is None:
        return Score(ci.estimate, ci.estimate, None, ci.n)
    known = Interval(ci.lower, ci.upper, se=ci.se, n=ci.n, df=ci.df)
    return Score(ci.estimate, ci.estimate, None, ci.n, known)


def test_welch_change_hand_computed() -> None:
    # Previous: n 10, mean 70, s^2 100 -> SE^2 = 10. Current: n 20, mean 75, s^2 144 -> 7.2.
    # SE = sqrt(17.2) = 4.1473; df = 17.2^2 / (10^2/9 + 7.2^2/19) = 295.84 / 13.8395 = 21.3764.
    previous = mean_side(ScoreSummary(10, 70.0, 100.0))
    current = mean_side(ScoreSummary(20, 75.0, 144.0))
    change = compare_years(previous, current, min_change=2.0)
    assert change.estimate == 5.0
    assert change.se == pytest.approx(math.sqrt(17.2), rel=1e-12)
    assert change.df == pytest.approx(21.3764451355554, rel=1e-12)
    half = T_975_WELCH * math.sqrt(17.2)
    assert change.lower == pytest.approx(5.0 - half, rel=1e-10)
    assert change.upper == pytest.approx(5.0 + half, rel=1e-10)
    assert change.meaningful is False  # the interval (-3.6, 13.6) contains 0
    assert change.reason is None


def test_welch_change_matches_statsmodels() -> None:
    # statsmodels 0.15.0 CompareMeans(b, a).tconfint_diff(usevar="unequal"): df 12.2817.
    a = [62.5, 75, 100, 87.5, 50, 75, 62.5, 87.5]
    b = [75, 87.5, 100, 87.5, 75, 100, 62.5, 87.5, 100, 75, 87.5, 100]
    change = compare_years(mean_side(summarise(a)), mean_side(summarise(b)), min_change=2.0)
    assert change.df == pytest.approx(12.281708669067996, rel=1e-10)
    assert change.lower == pytest.approx(-3.3462277293344354, rel=1e-10)
    assert change.upper == pytest.approx(26.262894396001094, rel=1e-10)


def test_meaningful_change_needs_both_a_clear_interval_and_the_minimum() -> None:
    # n 100 each, s^2 100: SE = sqrt(2), df = 4 / (1/99 + 1/99) = 198.
    previous = mean_side(ScoreSummary(100, 70.0, 100.0))
    current = mean_side(ScoreSummary(100, 76.0, 100.0))
    change = compare_years(previous, current, min_change=2.0)
    assert change.df == pytest.approx(198.0, rel=1e-12)
    assert change.lower == pytest.approx(6.0 - T_975_DF198 * math.sqrt(2), rel=1e-10)
    assert change.meaningful is True
    assert compare_years(previous, current, min_change=7.0).meaningful is False
    # A tiny but precisely measured change is not meaningful below the minimum.
    big_prev = mean_side(ScoreSummary(10_000, 70.0, 100.0))
    big_cur = mean_side(ScoreSummary(10_000, 71.5, 100.0))
    small = compare_years(big_prev, big_cur, min_change=2.0)
    assert small.lower is not None and small.lower > 0
    assert small.meaningful is False
    # Declines count too.
    assert compare_years(current, previous, min_change=2.0).meaningful is True


def test_published_baseline_gives_no_interval() -> None:
    current = mean_side(ScoreSummary(42, 76.3, 150.0))
    change = compare_years(59.5, current, min_change=2.0)
    assert change.estimate == pytest.approx(16.8)
    assert (change.lower, change.upper, change.se, change.meaningful) == (
        None,
        None,
        None,
        None,
    )
    assert change.reason is NoInterval.PUBLISHED_FIGURE
    assert change.detail.startswith("no interval available")
    assert "previous" in change.detail
    assert compare_years(current, 80.0, min_change=2.0).reason is NoInterval.PUBLISHED_FIGURE


def test_side_without_interval_gives_no_change_interval() -> None:
    lonely = mean_side(ScoreSummary(1, 60.0, math.nan))
    current = mean_side(ScoreSummary(30, 70.0, 100.0))
    change = compare_years(lonely, current, min_change=2.0)
    assert change.reason is NoInterval.TOO_FEW_RESPONDENTS
    assert change.meaningful is None


def test_two_censuses_give_a_zero_width_change() -> None:
    previous = mean_side(ScoreSummary(5, 70.0, 50.0), headcount=5)
    current = mean_side(ScoreSummary(8, 73.0, 40.0), headcount=8)
    change = compare_years(previous, current, min_change=2.0)
    assert (change.lower, change.upper, change.se) == (3.0, 3.0, 0.0)
    assert change.df is not None and math.isnan(change.df)
    assert change.meaningful is True


def test_band_edge_rejects_malformed_arguments() -> None:
    with pytest.raises(ValueError, match="same length"):
        band_edge(70.0, 80.0, [75.0, 50.0], ["A"])
    with pytest.raises(ValueError, match="above upper"):
        band_edge(80.0, 70.0, *BANDS)
