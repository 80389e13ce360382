"""Turn accumulated group sums into published group results.

- Value score of a group: person-first = mean of respondents' value scores; pooled = total
  weighted item points / total weight (both documented in docs/method.md).
- Index of a group: weighted mean of its value scores (person-first; KemenPANRB's published
  index is the unweighted mean of the 7 values, domain.md 2.4) or all points pooled.
- Institution row: all included respondents pooled, or the unweighted mean of included units
  (``aggregation.institution``). Units below the minimum respondents are left out of the parent
  when ``eligibility.exclude_from_parent`` (default).
- Anonymity: a group with fewer than ``anonymity.min_group_size`` respondents has its scores
  withheld, and complementary suppression (``scoring.suppression``: the institution row and,
  for a cross-breakdown, every margin as parents) stops it being recovered by subtraction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from berakhlak_cli.model.results import (
    GroupLevel,
    GroupResult,
    Interval,
    Issue,
    IssueCode,
    RubricRef,
    Score,
)
from berakhlak_cli.model.rubric import InstitutionMethod, RespondentMethod, Rubric
from berakhlak_cli.scoring.bands import make_scores, mean, weighted_mean
from berakhlak_cli.scoring.comparability import rubric_summary
from berakhlak_cli.scoring.eligibility import minimum_respondents
from berakhlak_cli.scoring.group_intervals import group_interval_table
from berakhlak_cli.scoring.group_stats import GroupStats
from berakhlak_cli.scoring.normalize import normalize
from berakhlak_cli.scoring.suppression import ANONYMITY, parents_of, withhold


class ResultBuilder:
    """Builds ``GroupResult`` rows from ``GroupStats`` for one rubric."""

    def __init__(
        self,
        rubric: Rubric,
        stats: GroupStats,
        keys: Sequence[tuple[str, ...]],
        group_by: tuple[str, ...],
        headcounts: Mapping[str, int] | None,
        *,
        intervals: bool = True,
    ) -> None:
        self.rubric = rubric
        self.intervals = intervals
        self.stats = stats
        self.keys = list(keys)
        self.group_by = group_by
        self.headcounts = {normalize(k): v for k, v in (headcounts or {}).items()}
        self.issues: list[Issue] = []

    def rubric_ref(self) -> RubricRef:
        """Identify the rubric in results."""
        r = self.rubric
        return RubricRef(
            r.id, r.version, r.title.get(r.locale), r.instrument, r.sha256, rubric_summary(r)
        )

    def raw_scores(self, stats: GroupStats, g: int) -> tuple[list[float | None], float | None]:
        """(value scores, index) of group ``g`` before rounding; None where undefined."""
        if self.rubric.aggregation.respondent == RespondentMethod.POOLED:
            num, den = stats.points[g], stats.weight[g]
            values = [float(n / d) if d > 0 else None for n, d in zip(num, den, strict=True)]
            total = float(den.sum())
            index = float(num.sum() / total) if total > 0 else None
            if self.rubric.aggregation.require_all_values and None in values:
                index = None
            return values, index
        counts = stats.value_count[g]
        values = [
            float(s / c) if c > 0 else None for s, c in zip(stats.value_sum[g], counts, strict=True)
        ]
        return values, self._index_of(values)

    def _index_of(self, values: list[float | None]) -> float | None:
        pairs = [
            (v, val.weight)
            for v, val in zip(values, self.rubric.values, strict=True)
            if v is not None
        ]
        if not pairs or (self.rubric.aggregation.require_all_values and len(pairs) < len(values)):
            return None
        return weighted_mean([p[0] for p in pairs], [p[1] for p in pairs])

    def build(self) -> tuple[tuple[GroupResult, ...], GroupResult, list[Issue]]:
        """All group rows (sorted by key), the institution row, and eligibility issues."""
        order = sorted(
            range(len(self.keys)), key=lambda g: tuple(normalize(k) for k in self.keys[g])
        )
        eligibility = [self._eligibility(g) for g in range(len(self.keys))]
        self._raw = self._all_raw_scores()
        self._value_ci, self._index_ci = group_interval_table(
            self.stats, self._raw, [e[0] for e in eligibility], self.rubric, enabled=self.intervals
        )
        included = [g for g in order if eligibility[g][2] is not False or not self._excludes()]
        self.included = included
        withheld = self._suppression(order, included)
        self._published = self._publish([g for g in order if not withheld.get(g)])
        groups = tuple(self._group(g, withheld.get(g), *eligibility[g]) for g in order)
        institution = self._institution(included, groups)
        return groups, institution, self.issues

    def _all_raw_scores(self) -> list[tuple[list[float | None], float | None]]:
        """``raw_scores`` of every group; the person-first value means in one array division
        (the same IEEE division as the scalar ``s / c``)."""
        stats = self.stats
        if self.rubric.aggregation.respondent == RespondentMethod.POOLED:
            return [self.raw_scores(stats, g) for g in range(len(self.keys))]
        counts = stats.value_count[: len(self.keys)]
        with np.errstate(invalid="ignore", divide="ignore"):
            means = (stats.value_sum[: len(self.keys)] / counts).tolist()
        out: list[tuple[list[float | None], float | None]] = []
        for row, present in zip(means, (counts > 0).tolist(), strict=True):
            values = [x if ok else None for x, ok in zip(row, present, strict=True)]
            out.append((values, self._index_of(values)))
        return out

    def _publish(
        self, groups: list[int]
    ) -> dict[int, tuple[dict[str, Score | None], Score | None]]:
        """Published scores of ``groups``, rounded and banded in one vectorised pass."""
        width = len(self.rubric.values) + 1
        flat: list[float | None] = []
        for g in groups:
            values, index = self._raw[g]
            flat.extend(values)
            flat.append(index)
        scores = make_scores(flat, self.rubric)
        ids = [v.id for v in self.rubric.values]
        out: dict[int, tuple[dict[str, Score | None], Score | None]] = {}
        for i, g in enumerate(groups):
            row = scores[i * width : (i + 1) * width]
            out[g] = dict(zip(ids, row[:-1], strict=True)), row[-1]
        return out

    def _excludes(self) -> bool:
        return self.rubric.eligibility.exclude_from_parent

    def _eligibility(self, g: int) -> tuple[int | None, int | None, bool | None]:
        if self.headcounts is None or len(self.group_by) != 1 or not self.headcounts:
            return None, None, None
        name = self.keys[g][0]
        headcount = self.headcounts.get(normalize(name))
        if headcount is None:
            self.issues.append(
                Issue(IssueCode.NO_HEADCOUNT, f"unit {name!r} is not in the units file", group=name)
            )
            return None, None, None
        need = minimum_respondents(headcount, self.rubric.eligibility)
        n = int(self.stats.respondents[g])
        if n < need:
            self.issues.append(
                Issue(
                    IssueCode.BELOW_MINIMUM,
                    f"{n} respondents, below the minimum {need} for {headcount} staff"
                    + ("; left out of the institution row" if self._excludes() else ""),
                    group=name,
                )
            )
        return headcount, need, n >= need

    def _suppression(self, order: list[int], included: list[int]) -> dict[int, str]:
        floor = self.rubric.anonymity.min_group_size
        counts = [int(n) for n in self.stats.respondents]
        return withhold(counts, parents_of(self.keys, counts, included, floor), floor)

    def _scores(
        self, values: list[float | None], index: float | None
    ) -> tuple[dict[str, Score | None], Score | None]:
        scores = make_scores([*values, index], self.rubric)
        ids = [v.id for v in self.rubric.values]
        return dict(zip(ids, scores[:-1], strict=True)), scores[-1]

    def _group(
        self, g: int, withheld: str | None, headcount: int | None, need: int | None, ok: bool | None
    ) -> GroupResult:
        counts = {
            v.id: int(c) for v, c in zip(self.rubric.values, self.stats.value_count[g], strict=True)
        }
        value_intervals: dict[str, Interval] = {}
        index_interval = None
        if withheld:
            values: dict[str, Score | None] = {v.id: None for v in self.rubric.values}
            index = None
        else:
            values, index = self._published[g]
            value_intervals, index_interval = self._value_ci[g], self._index_ci[g]
        return GroupResult(
            key=self.keys[g],
            level=GroupLevel.UNIT,
            respondents=int(self.stats.respondents[g]),
            values=values,
            value_respondents=counts,
            index=index,
            withheld=withheld,
            headcount=headcount,
            min_respondents=need,
            eligible=ok,
            value_intervals=value_intervals,
            index_interval=index_interval,
        )

    def _institution(self, included: list[int], groups: tuple[GroupResult, ...]) -> GroupResult:
        groups_by_key = {g.key: g for g in groups}
        rows = np.array(included, dtype=np.intp)
        total = self.stats.total(rows)
        n = int(total.respondents[0])
        counts = {
            v.id: int(c) for v, c in zip(self.rubric.values, total.value_count[0], strict=True)
        }
        headcount = sum(g.headcount for g in groups if g.headcount is not None) or None
        # NOTE: the finite-population correction needs the headcount of every included unit,
        # and only of those (excluded units' staff are not part of the sampled population).
        counted = [groups_by_key[self.keys[g]].headcount for g in included]
        fpc_headcount = None if None in counted else sum(h for h in counted if h is not None)
        if n < self.rubric.anonymity.min_group_size:
            values: dict[str, Score | None] = {v.id: None for v in self.rubric.values}
            return GroupResult(
                (), GroupLevel.INSTITUTION, n, values, counts, None, ANONYMITY, headcount=headcount
            )
        if self.rubric.aggregation.institution == InstitutionMethod.MEAN_OF_UNITS:
            per_unit = [self.raw_scores(self.stats, g) for g in included]
            value_means: list[float | None] = []
            for v in range(len(self.rubric.values)):
                got = [r[0][v] for r in per_unit if r[0][v] is not None]
                value_means.append(mean([x for x in got if x is not None]) if got else None)
            indices = [r[1] for r in per_unit if r[1] is not None]
            idx: float | None = mean(indices) if indices else None
            values, index = self._scores(value_means, idx)
            return GroupResult(
                (), GroupLevel.INSTITUTION, n, values, counts, index, headcount=headcount
            )
        # NOTE: intervals only for the pooled institution row; for a mean of units the
        # respondent-level sampling model does not describe the estimate.
        raw = self.raw_scores(total, 0)
        values, index = self._scores(*raw)
        value_ci, index_ci = group_interval_table(
            total, [raw], [fpc_headcount], self.rubric, enabled=self.intervals
        )
        value_intervals, index_interval = value_ci[0], index_ci[0]
        return GroupResult(
            (),
            GroupLevel.INSTITUTION,
            n,
            values,
            counts,
            index,
            headcount=headcount,
            value_intervals=value_intervals,
            index_interval=index_interval,
        )
