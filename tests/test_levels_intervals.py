"""Intervals of level rows (issue #17): pooled rows as a normal run's, means of children by
the stratified formula, withheld rows without; hand-computed on tiny hierarchies."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
from berakhlak_cli.model.levels import Level
from berakhlak_cli.model.results import GroupResult, Interval
from berakhlak_cli.model.rubric import InstitutionMethod, Rubric
from berakhlak_cli.scoring.groups.levels import LevelBuilder
from berakhlak_cli.scoring.groups.stats import GroupStats
from berakhlak_cli.scoring.results import ResultBuilder

POOLED = InstitutionMethod.POOLED
MEAN = InstitutionMethod.MEAN_OF_UNITS
T_975_DF10 = 2.228138851986  # Student t, 0.975 quantile, 10 df (any t table)


def value_cis(row: GroupResult) -> dict[str, Interval]:
    """A row's value intervals (each on its score), by value id."""
    return {k: s.interval for k, s in row.values.items() if s is not None and s.interval}


def _rubric(top: InstitutionMethod) -> Rubric:
    base = load_rubric(default_rubric_path())
    return replace(base, aggregation=replace(base.aggregation, institution=top))


def _stats(cells: list[list[float]], n_values: int) -> GroupStats:
    """Fine cells of respondents who score the same on every value."""
    stats = GroupStats(n_values)
    stats.grow(len(cells))
    for g, scores in enumerate(cells):
        n, total, sq = len(scores), math.fsum(scores), math.fsum(s * s for s in scores)
        stats.respondents[g] = n
        stats.value_sum[g], stats.value_sumsq[g], stats.value_count[g] = total, sq, n
        stats.index_sum[g], stats.index_sumsq[g], stats.index_count[g] = total, sq, n
    return stats


A_SCORES = [60.0, 80.0] * 3  # mean 70, s^2 = 6 * 100 / 5 = 120
B_SCORES = [50.0, 70.0] * 3  # mean 60, s^2 = 120


def _levels(
    cells: dict[tuple[str, ...], list[float]],
    levels: tuple[Level, ...],
    rubric: Rubric,
    heads: dict[tuple[str, ...], int] | None = None,
) -> tuple[dict[tuple[str, ...], GroupResult], GroupResult]:
    stats = _stats(list(cells.values()), len(rubric.values))
    rows, top, _ = LevelBuilder(rubric, levels, stats, list(cells), heads).build()
    return {r.key: r for r in rows}, top


def test_mean_of_children_top_row_is_the_stratified_interval() -> None:
    rubric = _rubric(MEAN)
    rows, top = _levels({("A",): A_SCORES, ("B",): B_SCORES}, (Level("instansi"),), rubric)
    # SE_k^2 = 120 / 6 = 20 each; W = 1/2: SE^2 = 20/4 + 20/4 = 10;
    # df = 10^2 / ((5^2) / 5 + (5^2) / 5) = 10.
    assert top.index is not None
    iv = top.index.interval
    assert iv is not None
    assert top.index.raw == pytest.approx(65.0)
    assert iv.se == pytest.approx(math.sqrt(10.0))
    assert iv.df == pytest.approx(10.0)
    half = T_975_DF10 * math.sqrt(10.0)
    assert (iv.lower, iv.upper) == pytest.approx((65.0 - half, 65.0 + half))
    # 57,95..72,05 reaches B only: no band edge
    assert not iv.crosses_band
    assert set(value_cis(top)) == {v.id for v in rubric.values}
    # each instansi row: SE^2 = 20, df 5
    a = rows[("A",)].index.interval
    assert a is not None and a.se == pytest.approx(math.sqrt(20.0)) and a.df == pytest.approx(5)


def test_respondent_weighted_middle_level_uses_its_weights() -> None:
    """K1 = respondent-weighted mean of units U1 (6 people) and U2 (12 people)."""
    rubric = _rubric(POOLED)
    levels = (Level("instansi", InstitutionMethod.RESPONDENT_WEIGHTED), Level("unit"))
    cells = {("K1", "U1"): A_SCORES, ("K1", "U2"): B_SCORES * 2}
    rows, _ = _levels(cells, levels, rubric)
    # U2: 12 respondents, mean 60, s^2 = 12 * 100 / 11, SE^2 = 100 / 11.
    # W = (1/3, 2/3): SE^2 = 20/9 + 4/9 * 100/11 = 20/9 + 400/99 = 620/99
    se2 = 620.0 / 99.0
    df = se2**2 / ((20.0 / 9.0) ** 2 / 5 + (400.0 / 99.0) ** 2 / 11)
    iv = rows[("K1", "")].index.interval
    assert iv is not None
    assert iv.se == pytest.approx(math.sqrt(se2))
    assert iv.df == pytest.approx(df)
    assert rows[("K1", "")].index is not None
    assert rows[("K1", "")].index.raw == pytest.approx((70.0 + 2 * 60.0) / 3)


def test_pooled_rows_equal_a_normal_runs_unit_interval() -> None:
    """A unit row and a pooled instansi row against a run by unit (headcounts, FPC)."""
    base = _rubric(POOLED)
    # NOTE: 6 of 7 staff is below the default minimum; kept in so both runs pool the same people
    rubric = replace(base, eligibility=replace(base.eligibility, exclude_from_parent=False))
    cells = {("K1", "U1"): A_SCORES, ("K1", "U2"): B_SCORES}
    heads = {("k1",): 15, ("k1", "u1"): 7, ("k1", "u2"): 8}
    rows, top = _levels(cells, (Level("instansi"), Level("unit")), rubric, heads)
    stats = _stats(list(cells.values()), len(rubric.values))
    normal = ResultBuilder(rubric, stats, [("U1",), ("U2",)], ("unit",), {"U1": 7, "U2": 8}, unit=0)
    groups, institution, _ = normal.build()
    by_unit = {g.key: g for g in groups}
    # U1: SE^2 = 120 / 6 * (1 - 6/7) = 20/7, df 5
    u1 = rows[("K1", "U1")]
    assert u1.index.interval is not None
    assert u1.index.interval.se == pytest.approx(math.sqrt(20.0 / 7.0))
    assert u1.index.interval.df == pytest.approx(5.0)
    for mine, theirs in ((u1, by_unit[("U1",)]), (rows[("K1", "U2")], by_unit[("U2",)])):
        assert mine.index.interval == theirs.index.interval
        assert value_cis(mine) == value_cis(theirs)
    # the pooled instansi: 12 respondents, mean 65, FPC against its headcount 15, as the
    # normal run's institution row (7 + 8 staff)
    k1 = rows[("K1", "")]
    assert k1.index.interval == institution.index.interval
    assert value_cis(k1) == value_cis(institution)
    scores = A_SCORES + B_SCORES
    s2 = math.fsum((s - 65.0) ** 2 for s in scores) / 11
    assert k1.index.interval is not None
    assert k1.index.interval.se == pytest.approx(math.sqrt(s2 / 12 * (1 - 12 / 15)))
    assert k1.index.interval.df == pytest.approx(11.0)
    assert top.index.interval == institution.index.interval


def test_withheld_rows_have_no_interval() -> None:
    rubric = _rubric(POOLED)
    cells = {("K1", "U1"): A_SCORES, ("K1", "U2"): [50.0, 70.0, 60.0], ("K1", "U3"): B_SCORES}
    rows, _ = _levels(cells, (Level("instansi"), Level("unit")), rubric)
    small = rows[("K1", "U2")]
    assert small.withheld and small.index is None and not value_cis(small)
    # the complementary cell is withheld too, and carries none either
    withheld = [r for r in rows.values() if r.withheld]
    assert len(withheld) >= 2
    assert all(r.index is None and not value_cis(r) for r in withheld)
    # the same three scores twice over, alone in its instansi: published, df = 6 - 1
    alone, _ = _levels({("K9", "U9"): [50.0, 70.0, 60.0] * 2}, (Level("i"), Level("u")), rubric)
    iv = alone[("K9", "U9")].index.interval
    assert iv is not None and iv.df == pytest.approx(5)
