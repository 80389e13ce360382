"""Score every level of a hierarchy from the scorer's fine cells (``score --level``). Pure.

The fine cells' sums (``scoring.group_stats``) are merged upward (``scoring.levels_tree``), so
memory and time depend on the number of groups, not of respondents. Per group of level d
(``model.levels.Level``):

- Eligibility: its minimum respondents from its own headcount (units file with a ``level``
  column) by its level's ``eligibility`` rule (default the rubric's); a group below it is left
  out of its parent (and so of every group above) when that rule's ``exclude_from_parent``.
- Scores: the deepest level pools its respondents (``aggregation.respondent``, as any group);
  a group above combines its included children by its level's ``aggregation``: ``pooled`` (all
  their respondents as one group), ``mean_of_units`` (unweighted mean of the children's
  scores), ``respondent_weighted`` or ``headcount_weighted`` (``scoring.institution``). The
  top row combines the first level by ``aggregation.institution``: "national = unweighted mean
  of the instansi that meet their minimum" is ``aggregation.institution: mean_of_units``.
- Publication: ``scoring.levels_suppression`` (anonymity floor per level, complementary
  suppression across all levels).

Intervals (``scoring.group_intervals``, ``scoring.institution``): a pooled row (the deepest
level, a ``pooled`` parent, a pooled top row) gets the t-interval of its respondents, as a unit
row of a run by one column, with the finite-population correction against its headcount (the
sum of its included children's when a child is left out); a mean-of-children row gets the
stratified interval of its included children's scores, SE^2 = sum_k W_k^2 SE_k^2 with the
weights of its aggregation and Satterthwaite df (Cochran 1977, ch. 5). Withheld rows get none.
Level rows carry no behaviour detail (the run by one column has it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.levels import Level, level_headcount_key
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import (
    GroupLevel,
    GroupResult,
    Interval,
    Issue,
    IssueCode,
    RowAccount,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.rubric import Eligibility, InstitutionMethod, Rubric
from berakhlak_cli.scoring.bands import make_scores
from berakhlak_cli.scoring.groups.eligibility import minimum_respondents
from berakhlak_cli.scoring.groups.institution import (
    stratified_interval,
    unit_weights,
    weighted_scores,
)
from berakhlak_cli.scoring.groups.intervals import group_interval_table
from berakhlak_cli.scoring.groups.levels_suppression import Coef, LevelSuppression
from berakhlak_cli.scoring.groups.levels_tree import build_tree, included_leaves
from berakhlak_cli.scoring.groups.stats import GroupStats
from berakhlak_cli.scoring.groups.suppression import ANONYMITY
from berakhlak_cli.scoring.results import ResultBuilder
from berakhlak_cli.scoring.survey import SurveyScorer

Raw = tuple[list[float | None], float | None]
Ci = tuple[dict[str, Interval], Interval | None]
"""(value id -> interval, index interval) of one group."""
NO_CI: Ci = ({}, None)


class LevelBuilder:
    """All level rows and the top row of one run (``build``)."""

    def __init__(
        self,
        rubric: Rubric,
        levels: Sequence[Level],
        stats: GroupStats,
        fine_keys: Sequence[tuple[str, ...]],
        headcounts: Mapping[tuple[str, ...], int] | None,
        *,
        intervals: bool = True,
    ) -> None:
        """``fine_keys`` hold one part per level, outermost first; ``headcounts`` are keyed
        by ``level_headcount_key`` of each group's path; ``intervals`` False skips them."""
        self.rubric, self.levels = rubric, list(levels)
        self.intervals = intervals
        self.tree, leaf_of = build_tree(fine_keys, len(self.levels))
        self.leaf_stats = stats.regroup(leaf_of, len(self.tree.leaves))
        self.headcounts = headcounts
        self.scorer = ResultBuilder(rubric, stats, fine_keys, (), None, intervals=False)
        self.issues: list[Issue] = []

    def _level(self, g: int) -> Level:
        return self.levels[min(self.tree.depth[g], len(self.levels)) - 1]

    def build(self) -> tuple[tuple[GroupResult, ...], GroupResult, list[Issue]]:
        """Level rows (parents before children, by path) and the top row."""
        tree = self.tree
        leaf_n = [int(n) for n in self.leaf_stats.respondents]
        n = [0] * len(tree.keys)
        for g in sorted(range(len(tree.keys)), key=lambda g: -tree.depth[g]):
            own = leaf_n[tree.leaf[g]] if tree.leaf[g] >= 0 else 0
            n[g] = own + sum(n[c] for c in tree.children[g])
        eligible = [self._eligibility(g, n[g]) for g in range(len(tree.keys))]
        excluded = [
            e[2] is False and self._rule(g).exclude_from_parent for g, e in enumerate(eligible)
        ]
        inc, top_inc = included_leaves(tree, excluded)
        raw, coef, ci = self._scores(inc, excluded, eligible)
        top_raw, top_coef, top_ci = self._combine(
            self.rubric.aggregation.institution,
            tree.top,
            top_inc,
            excluded,
            eligible,
            (raw, coef, ci),
            None,
        )
        top_n = sum(leaf_n[i] for i in top_inc)
        floors = [
            self._level(g).min_group_size or self.rubric.anonymity.min_group_size
            for g in range(len(tree.keys))
        ]
        top_floor = self.rubric.anonymity.min_group_size
        rules = LevelSuppression(
            tree, n, floors, inc, coef, (top_inc, top_coef, top_n >= top_floor), excluded
        )
        withheld = rules.run()
        order = sorted(
            (g for g in range(len(tree.keys)) if not tree.blank[g]),
            key=lambda g: tuple(normalize(k) for k in tree.keys[g]),
        )
        rows = tuple(
            self._row(g, n[g], inc[g], raw[g], withheld.get(g), eligible[g], ci[g]) for g in order
        )
        why = None if rules.top_published else ANONYMITY
        if not top_inc and n and sum(n[c] for c in tree.top) > 0:
            why = "no-eligible-unit"
        heads = [eligible[c][0] for c in tree.top if not tree.blank[c] and not excluded[c]]
        top = self._row(-1, top_n, top_inc, top_raw, why, (None, None, None), top_ci)
        top = GroupResult(
            (),
            GroupLevel.INSTITUTION,
            top.respondents,
            top.values,
            top.value_respondents,
            top.index,
            top.withheld,
            headcount=(staff := None if None in heads or not heads else sum(h or 0 for h in heads)),
            # NOTE: the top row's response rate is over its included first-level groups' staff.
            staff=staff,
        )
        return rows, top, self.issues

    def _rule(self, g: int) -> Eligibility:
        return self._level(g).eligibility or self.rubric.eligibility

    def _eligibility(self, g: int, n: int) -> tuple[int | None, int | None, bool | None]:
        """(headcount, minimum, eligible) of group ``g``, with an issue when at fault."""
        tree = self.tree
        if self.headcounts is None or tree.blank[g]:
            return None, None, None
        path = tree.keys[g]
        label = " / ".join(path)
        headcount = self.headcounts.get(level_headcount_key(path))
        level = self._level(g).column
        if headcount is None:
            why = f"{level} {label!r} is not in the units file"
            self.issues.append(Issue(IssueCode.NO_HEADCOUNT, why, group=label))
            return None, None, None
        if headcount < n:
            why = (
                f"{n} respondents but the units file gives a headcount of {headcount}; "
                f"no response rate or minimum for this {level}"
            )
            self.issues.append(Issue(IssueCode.HEADCOUNT_BELOW_RESPONDENTS, why, group=label))
            return None, None, None
        rule = self._rule(g)
        need = minimum_respondents(headcount, rule)
        if n < need:
            left = "; left out of the level above" if rule.exclude_from_parent else ""
            why = f"{n} respondents, below the minimum {need} for {headcount} staff{left}"
            self.issues.append(Issue(IssueCode.BELOW_MINIMUM, why, group=label))
        return headcount, need, n >= need

    def _scores(
        self,
        inc: Sequence[Sequence[int]],
        excluded: Sequence[bool],
        eligible: Sequence[tuple[int | None, int | None, bool | None]],
    ) -> tuple[list[Raw], list[Coef], list[Ci]]:
        """Raw scores, equation (``levels_suppression.Coef``) and intervals of every group,
        deepest first."""
        tree = self.tree
        raw: list[Raw] = [([], None)] * len(tree.keys)
        coef: list[Coef] = [{}] * len(tree.keys)
        ci: list[Ci] = [NO_CI] * len(tree.keys)
        for g in sorted(range(len(tree.keys)), key=lambda g: -tree.depth[g]):
            leaf = tree.leaf[g]
            if leaf >= 0:
                raw[g] = self.scorer.raw_scores(self.leaf_stats, leaf)
                count = int(self.leaf_stats.respondents[leaf])
                coef[g] = {leaf: 1.0 / count} if count else {}
                ci[g] = self._pooled_ci(np.array([leaf], dtype=np.intp), raw[g], eligible[g][0])
                continue
            method = self._level(g).aggregation
            raw[g], coef[g], ci[g] = self._combine(
                method, tree.children[g], inc[g], excluded, eligible, (raw, coef, ci), g
            )
        return raw, coef, ci

    def _pooled_ci(self, leaves: npt.NDArray[np.intp], raw: Raw, headcount: int | None) -> Ci:
        """The respondents' t-interval of a pooled row (``group_intervals``), as a unit row."""
        total = self.leaf_stats.total(leaves)
        value_ci, index_ci = group_interval_table(
            total, [raw], [headcount], self.rubric, enabled=self.intervals
        )
        return value_ci[0], index_ci[0]

    def _fpc_headcount(
        self,
        g: int | None,
        kids: Sequence[int],
        excluded: Sequence[bool],
        eligible: Sequence[tuple[int | None, int | None, bool | None]],
    ) -> int | None:
        """The population a pooled parent samples: its own headcount when no child is left
        out, else (and for the top row) the sum of its included children's, None when one is
        unknown (excluded children's staff are not part of the sampled population)."""
        children = self.tree.top if g is None else self.tree.children[g]
        if g is not None and not any(excluded[c] for c in children):
            return eligible[g][0]
        heads = [eligible[c][0] for c in kids]
        return None if not heads or None in heads else sum(h or 0 for h in heads)

    def _combine(
        self,
        method: InstitutionMethod,
        children: Sequence[int],
        inc: Sequence[int],
        excluded: Sequence[bool],
        eligible: Sequence[tuple[int | None, int | None, bool | None]],
        below: tuple[Sequence[Raw], Sequence[Coef], Sequence[Ci]],
        g: int | None,
    ) -> tuple[Raw, Coef, Ci]:
        """One parent (``g``; None: the top row) from its children: pooled over ``inc``, or a
        (weighted) mean with its stratified interval."""
        raw, coef, ci = below
        width = len(self.rubric.values)
        if not inc:
            return ([None] * width, None), {}, NO_CI
        kids = [c for c in children if not excluded[c] and not self.tree.blank[c]]
        if method == InstitutionMethod.POOLED:
            leaves = np.array(sorted(inc), dtype=np.intp)
            total = self.leaf_stats.total(leaves)
            count = int(total.respondents[0])
            pooled = self.scorer.raw_scores(total, 0)
            fpc = self._fpc_headcount(g, kids, excluded, eligible)
            return pooled, dict.fromkeys(inc, 1.0 / count), self._pooled_ci(leaves, pooled, fpc)
        sizes = [sum(int(self.leaf_stats.respondents[i]) for i in coef[c]) for c in kids]
        weights = unit_weights(method, sizes, [eligible[c][0] for c in kids])
        if weights is None:
            self.issues.append(
                Issue(
                    IssueCode.NO_HEADCOUNT,
                    "headcount_weighted needs the headcount of every included group "
                    "(units file); the group above them is not scored",
                )
            )
            return ([None] * width, None), {}, NO_CI
        values: list[float | None] = []
        value_ci: dict[str, Interval] = {}
        for v, value in enumerate(self.rubric.values):
            estimate, shares = weighted_scores([raw[c][0][v] for c in kids], weights)
            values.append(estimate)
            own = replace(self.rubric, bands=self.rubric.bands_of(value.id))
            found = stratified_interval(
                estimate, shares, [ci[c][0].get(value.id) for c in kids], own
            )
            if found is not None:
                value_ci[value.id] = found
        index, index_shares = weighted_scores([raw[c][1] for c in kids], weights)
        index_ci = stratified_interval(index, index_shares, [ci[c][1] for c in kids], self.rubric)
        whole = math.fsum(weights)
        out: Coef = {}
        for c, weight in zip(kids, weights, strict=True):
            for leaf, w in coef[c].items():
                out[leaf] = out.get(leaf, 0.0) + weight / whole * w
        return (values, index), out, (value_ci, index_ci)

    def _row(
        self,
        g: int,
        n: int,
        inc: Sequence[int],
        raw: Raw,
        withheld: str | None,
        eligible: tuple[int | None, int | None, bool | None],
        ci: Ci,
    ) -> GroupResult:
        ids = [v.id for v in self.rubric.values]
        if inc:
            total = self.leaf_stats.total(np.array(sorted(inc), dtype=np.intp))
            counts = {v: int(c) for v, c in zip(ids, total.value_count[0], strict=True)}
        else:
            counts = dict.fromkeys(ids, 0)
        values: dict[str, Score | None] = dict.fromkeys(ids)
        index = None
        if not withheld:
            cis = [*(ci[0].get(k) for k in ids), ci[1]]
            bands = list(self.rubric.score_bands)
            scores = make_scores([*raw[0], raw[1]], self.rubric, bands, cis)
            values = dict(zip(ids, scores[:-1], strict=True))
            index = scores[-1]
        width = len(self.levels)
        key = () if g < 0 else (*self.tree.keys[g], *([""] * (width - self.tree.depth[g])))
        return GroupResult(
            key=key,
            level=GroupLevel.UNIT,
            respondents=n,
            values=values,
            value_respondents=counts,
            index=index,
            withheld=withheld,
            headcount=eligible[0],
            min_respondents=eligible[1],
            eligible=eligible[2],
        )


def finish_levels(
    scorer: SurveyScorer,
    levels: Sequence[Level],
    headcounts: Mapping[tuple[str, ...], int] | None,
) -> Scoresheet:
    """The scoresheet of a run with levels: what ``SurveyScorer.finish`` gives, with one row
    per group at every level instead of the groups of ``--by`` (the scorer's ``group_by``
    must be the level columns, outermost first)."""
    rubric = replace(scorer.rubric, levels=tuple(levels))
    builder = LevelBuilder(
        rubric,
        levels,
        scorer.stats,
        scorer.group_keys.keys,
        headcounts,
        intervals=scorer.intervals,
    )
    groups, top, issues = builder.build()
    reliability, warnings = scorer.reliability.finish(scorer.headers)
    scorer.log.add([*issues, *warnings])
    return Scoresheet(
        rubric=builder.scorer.rubric_ref(),
        group_by=scorer.group_by,
        groups=groups,
        institution=top,
        accounting=RowAccount(
            read=scorer.read,
            scored=int(scorer.stats.respondents.sum()),
            excluded=dict(scorer.excluded),
        ),
        issues=scorer.log.sorted_sample(),
        issue_counts=scorer.log.counts,
        reliability=reliability,
        levels=tuple(level.column for level in levels),
    )
