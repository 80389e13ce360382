"""Confidence intervals for a group's scores from its accumulated sums (issue #8).

The interval of a group mean (a value score, or the index) is the Student-t interval of the
respondent-level scores with the finite-population correction 1 − n/N when the unit's
headcount N is known (``scoring.uncertainty.mean_interval``, Cochran 1977 ch. 2). For the
person-first index the respondent-level score is the respondent index r (docs/method.md §2);
when respondents skip whole values this is an approximation of the index's sampling error,
documented in docs/method-statistics.md. The interval's ends are rounded like the published
score before asking which bands they reach, so "76,1 (73,9–78,3)" is flagged "may be B".
"""

from __future__ import annotations

from berakhlak_cli.model.results import Interval
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.bands import round_half_up
from berakhlak_cli.scoring.group_stats import GroupStats
from berakhlak_cli.scoring.uncertainty import ScoreSummary, band_edge, mean_interval

METHOD = "t-interval of respondent scores, finite-population corrected when the headcount is known"


def _interval(
    n: int, total: float, total_sq: float, rubric: Rubric, headcount: int | None, band: str | None
) -> Interval | None:
    summary = ScoreSummary.from_sums(n, total, total_sq)
    result = mean_interval(summary, level=rubric.change.confidence, headcount=headcount)
    if result.lower is None or result.upper is None:
        return None
    decimals = rubric.rounding.decimals
    low, high = round_half_up(result.lower, decimals), round_half_up(result.upper, decimals)
    ranked = sorted(rubric.bands, key=lambda b: b.lower)
    edge = band_edge(low, high, [b.lower for b in ranked], [b.code for b in ranked])
    method = METHOD + ("" if result.fpc < 1.0 else " (no headcount: no correction)")
    return Interval(
        lower=result.lower,
        upper=result.upper,
        level=result.level,
        method=method,
        crosses_band=edge.crosses,
        may_be=edge.others(band),
        se=result.se,
        n=n,
        df=result.df,
    )


def group_intervals(
    stats: GroupStats,
    g: int,
    rubric: Rubric,
    headcount: int | None,
    bands: dict[str, str | None],
) -> tuple[dict[str, Interval], Interval | None]:
    """(value id -> interval, index interval) for group ``g``; ``bands`` = published band codes.

    ``bands`` maps each value id and ``"index"`` to the band of the published score.
    """
    values: dict[str, Interval] = {}
    for v, value in enumerate(rubric.values):
        got = _interval(
            int(stats.value_count[g, v]),
            float(stats.value_sum[g, v]),
            float(stats.value_sumsq[g, v]),
            rubric,
            headcount,
            bands.get(value.id),
        )
        if got is not None:
            values[value.id] = got
    index = _interval(
        int(stats.index_count[g]),
        float(stats.index_sum[g]),
        float(stats.index_sumsq[g]),
        rubric,
        headcount,
        bands.get("index"),
    )
    return values, index
