"""Turn accumulated group sums into published group results.

- Value score of a group: person-first = mean of respondents' value scores; pooled = total
  weighted item points / total weight (both documented in docs/method.md).
- Index of a group: weighted mean of its value scores (person-first; KemenPANRB's published
  index is the unweighted mean of the 7 values, sources.md §2.4) or all points pooled.
- Institution row: all included respondents pooled, or the mean of included units' scores,
  unweighted or weighted by respondents or headcount (``aggregation.institution``,
  ``scoring.institution``, which also gives that mean its stratified interval). Units below
  the minimum respondents are left out of the parent when ``eligibility.exclude_from_parent``
  (default). The row is the same for every ``--by`` of the same file and settings
  (``scoring.breakdowns``).
- Anonymity: a group with fewer than ``anonymity.min_group_size`` respondents has its scores
  withheld, and complementary suppression (``scoring.suppression``: the institution row and,
  for a cross-breakdown, every margin as parents) stops it being recovered by subtraction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.normalize import normalize
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
from berakhlak_cli.scoring.bands import make_scores, weighted_mean
from berakhlak_cli.scoring.compare.comparability import rubric_summary
from berakhlak_cli.scoring.groups.breakdowns import Breakdown, Cells, breakdown, suppress
from berakhlak_cli.scoring.groups.eligibility import Eligible, unit_eligibility
from berakhlak_cli.scoring.groups.institution import (
    stratified_interval,
    unit_weights,
    weighted_scores,
)
from berakhlak_cli.scoring.groups.intervals import group_interval_table
from berakhlak_cli.scoring.groups.stats import GroupStats
from berakhlak_cli.scoring.groups.suppression import ANONYMITY

NO_ELIGIBLE_UNIT = "no-eligible-unit"
"""Why the institution row is withheld when every unit was left out (below its minimum)."""

_UNKNOWN: Eligible = (None, None, None)


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
        unit: int | None = None,
    ) -> None:
        """``keys`` are fine cells (``scoring.breakdowns``): the ``group_by`` columns, then
        the unit column when it is not one of them; ``unit`` is its position."""
        self.rubric = rubric
        self.intervals = intervals
        self.fine = stats
        self.fine_keys = list(keys)
        self.unit = unit
        self.stats = stats
        self.keys = list(keys)
        self.group_by = group_by
        self.headcounts = {normalize(k): v for k, v in (headcounts or {}).items()}
        self.issues: list[Issue] = []
        self.mean_parts: tuple[list[int], npt.NDArray[np.intp], int, list[float]] | None = None
        """Under a mean of units: (included unit rows, fine cell -> unit, units, weights)."""
        self._bands = list(rubric.score_bands)
        self._normal: dict[tuple[str, ...], tuple[str, ...]] = {}

    def normal_key(self, key: tuple[str, ...]) -> tuple[str, ...]:
        """``normalize`` of each part of ``key``, remembered: the same few thousand keys are
        sorted and matched several times per run (issue #16)."""
        found = self._normal.get(key)
        if found is None:
            found = self._normal[key] = tuple(normalize(k) for k in key)
        return found

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
        counts = [int(n) for n in self.fine.respondents[: len(self.fine_keys)]]
        units, issues = unit_eligibility(
            self.fine_keys, counts, self.unit, self.headcounts, self.rubric.eligibility
        )
        self.issues.extend(issues)
        inside = [
            not (self._excludes() and units.get(self._unit_of(f) or "", _UNKNOWN)[2] is False)
            for f in range(len(self.fine_keys))
        ]
        cells = Cells(self.fine_keys, counts, inside, self.unit)
        by = tuple(range(len(self.group_by)))
        run, withheld = suppress(cells, by, self.rubric.anonymity.min_group_size)
        self._cells, self._run = cells, run
        self.stats = self.fine.regroup(np.array(run.cell_of, dtype=np.intp), len(run.keys))
        self.keys = run.keys
        order = sorted(
            (c for c in range(len(run.keys)) if not run.blank[c]),
            key=lambda g: self.normal_key(self.keys[g]),
        )
        one_way_unit = self.unit is not None and by == (self.unit,)
        eligibility: list[Eligible] = [
            units.get(self.normal_key(k)[0], _UNKNOWN) if one_way_unit else _UNKNOWN
            for k in self.keys
        ]
        self._raw = self._all_raw_scores()
        self._value_ci, self._index_ci = group_interval_table(
            self.stats, self._raw, [e[0] for e in eligibility], self.rubric, enabled=self.intervals
        )
        self._published = self._publish([g for g in order if not withheld.get(g)])
        groups = tuple(self._group(g, withheld.get(g), *eligibility[g]) for g in order)
        institution = replace(self._institution(units, counts), staff=self._staff(groups))
        return groups, institution, self.issues

    def _staff(self, groups: Sequence[GroupResult]) -> int | None:
        """The institution's staff for its response rate: the headcounts of the groups it
        contains (units left out of the parent are not counted), None when one is unknown."""
        inside = [g for g in groups if not (self._excludes() and g.eligible is False)]
        if not inside or any(g.headcount is None for g in inside):
            return None
        return sum(g.headcount or 0 for g in inside)

    def _unit_of(self, f: int) -> str | None:
        return None if self.unit is None else self.normal_key(self.fine_keys[f])[self.unit]

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
        """Published scores of ``groups``, rounded and banded in one vectorised pass, each
        with its interval."""
        width = len(self.rubric.values) + 1
        ids = [v.id for v in self.rubric.values]
        flat: list[float | None] = []
        cis: list[Interval | None] = []
        for g in groups:
            values, index = self._raw[g]
            flat.extend(values)
            flat.append(index)
            value_ci = self._value_ci[g]
            cis.extend([value_ci.get(vid) for vid in ids])
            cis.append(self._index_ci[g])
        scores = make_scores(flat, self.rubric, self._bands * len(groups), cis)
        out: dict[int, tuple[dict[str, Score | None], Score | None]] = {}
        for i, g in enumerate(groups):
            row = scores[i * width : (i + 1) * width]
            out[g] = dict(zip(ids, row[:-1], strict=True)), row[-1]
        return out

    def _excludes(self) -> bool:
        return self.rubric.eligibility.exclude_from_parent

    def _scores(
        self,
        values: list[float | None],
        index: float | None,
        intervals: tuple[Mapping[str, Interval], Interval | None] = ({}, None),
    ) -> tuple[dict[str, Score | None], Score | None]:
        """The published scores of one group, each with its interval from ``intervals``
        (value id -> interval, the index's)."""
        cis = [intervals[0].get(v.id) for v in self.rubric.values]
        scores = make_scores([*values, index], self.rubric, self._bands, [*cis, intervals[1]])
        ids = [v.id for v in self.rubric.values]
        return dict(zip(ids, scores[:-1], strict=True)), scores[-1]

    def _group(
        self, g: int, withheld: str | None, headcount: int | None, need: int | None, ok: bool | None
    ) -> GroupResult:
        counts = {
            v.id: int(c) for v, c in zip(self.rubric.values, self.stats.value_count[g], strict=True)
        }
        if withheld:
            values: dict[str, Score | None] = {v.id: None for v in self.rubric.values}
            index = None
        else:
            values, index = self._published[g]
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
        )

    def _institution(self, units: Mapping[str, Eligible], counts: Sequence[int]) -> GroupResult:
        inside = [f for f in range(len(self.fine_keys)) if self._cells.inside[f]]
        # NOTE: summed over fine cells in key order, which for the run by unit is unit order.
        inside.sort(key=lambda f: self.normal_key(self.fine_keys[f]))
        total = self.fine.total(np.array(inside, dtype=np.intp))
        n = int(total.respondents[0])
        respondents = {
            v.id: int(c) for v, c in zip(self.rubric.values, total.value_count[0], strict=True)
        }
        headcount = sum(e[0] for e in units.values() if e[0] is not None) or None
        # NOTE: the finite-population correction needs the headcount of every included unit,
        # and only of those (excluded units' staff are not part of the sampled population).
        counted = [units.get(u, _UNKNOWN)[0] for u in {self._unit_of(f) or "" for f in inside}]
        fpc_headcount = None if None in counted else sum(h for h in counted if h is not None)
        if n < self.rubric.anonymity.min_group_size:
            values: dict[str, Score | None] = {v.id: None for v in self.rubric.values}
            why = NO_ELIGIBLE_UNIT if n == 0 and sum(counts) > 0 else ANONYMITY
            return GroupResult(
                (), GroupLevel.INSTITUTION, n, values, respondents, None, why, headcount=headcount
            )
        if self.rubric.aggregation.institution != InstitutionMethod.POOLED:
            return self._mean_of_units(units, n, respondents, headcount)
        raw = self.raw_scores(total, 0)
        value_ci, index_ci = group_interval_table(
            total, [raw], [fpc_headcount], self.rubric, enabled=self.intervals
        )
        values, index = self._scores(*raw, (value_ci[0], index_ci[0]))
        return GroupResult(
            (),
            GroupLevel.INSTITUTION,
            n,
            values,
            respondents,
            index,
            headcount=headcount,
        )

    @property
    def run(self) -> Breakdown:
        """This run's groups over the fine cells (after ``build``)."""
        return self._run

    @property
    def cells(self) -> Cells:
        """The fine cells, with which of them the institution row holds (after ``build``)."""
        return self._cells

    def _unit_table(self) -> tuple[list[int], list[tuple[str, ...]], npt.NDArray[np.intp]]:
        """The included units (sorted), their keys and each fine cell's unit, whatever the
        breakdown (the run's own groups when the file has no unit column)."""
        table = self._run if self.unit is None else breakdown(self._cells, (self.unit,))
        rows = sorted(
            (c for c in range(len(table.keys)) if table.inside[c] and not table.blank[c]),
            key=lambda c: self.normal_key(table.keys[c]),
        )
        return rows, list(table.keys), np.array(table.cell_of, dtype=np.intp)

    def _mean_of_units(
        self, units: Mapping[str, Eligible], n: int, counts: dict[str, int], headcount: int | None
    ) -> GroupResult:
        """The institution row as a (weighted) mean of its units (``scoring.institution``)."""
        method = self.rubric.aggregation.institution
        rows, keys, cell_of = self._unit_table()
        stats = self.fine.regroup(cell_of, len(keys))
        heads_all: list[int | None] = [
            units.get(self.normal_key(k)[0], _UNKNOWN)[0] if self.unit is not None else None
            for k in keys
        ]
        heads = [heads_all[c] for c in rows]
        respondents = [int(stats.respondents[c]) for c in rows]
        weights = unit_weights(method, respondents, heads)
        if weights is None:
            self.issues.append(
                Issue(
                    IssueCode.NO_HEADCOUNT,
                    "aggregation.institution headcount_weighted needs the headcount of every "
                    "included unit (units file); the institution row is not scored",
                )
            )
            empty: dict[str, Score | None] = {v.id: None for v in self.rubric.values}
            return GroupResult(
                (), GroupLevel.INSTITUTION, n, empty, counts, None, headcount=headcount
            )
        self.mean_parts = (rows, cell_of, len(keys), weights)
        raw_all = [self.raw_scores(stats, c) for c in range(len(keys))]
        unit_value_ci, unit_index_ci = group_interval_table(
            stats, raw_all, heads_all, self.rubric, enabled=self.intervals
        )
        per_unit = [raw_all[c] for c in rows]
        value_means: list[float | None] = []
        value_ci: dict[str, Interval] = {}
        for v, value in enumerate(self.rubric.values):
            estimate, shares = weighted_scores([r[0][v] for r in per_unit], weights)
            value_means.append(estimate)
            own = replace(self.rubric, bands=self.rubric.bands_of(value.id))
            found = stratified_interval(
                estimate, shares, [unit_value_ci[c].get(value.id) for c in rows], own
            )
            if found is not None:
                value_ci[value.id] = found
        idx, index_shares = weighted_scores([r[1] for r in per_unit], weights)
        index_ci = stratified_interval(
            idx, index_shares, [unit_index_ci[c] for c in rows], self.rubric
        )
        values, index = self._scores(value_means, idx, (value_ci, index_ci))
        return GroupResult(
            (),
            GroupLevel.INSTITUTION,
            n,
            values,
            counts,
            index,
            headcount=headcount,
        )
