"""Attach behaviour results and gap tests to the built group rows (after suppression).

Only groups whose scores are published get behaviour results (``scoring.behaviours``); a unit's
gap tests compare it with the institution row (``scoring.priorities``), and are made only
when the institution row pools respondents (a mean of units has no respondent-level sampling
model; docs/method-statistics.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from berakhlak_cli.model.behaviours import GapTest
from berakhlak_cli.model.results import GroupLevel, GroupResult
from berakhlak_cli.model.rubric import InstitutionMethod, Rubric
from berakhlak_cli.scoring.behaviours.priorities import GapTable, Moments, priorities, with_holm
from berakhlak_cli.scoring.behaviours.scores import BehaviourStats
from berakhlak_cli.scoring.groups.institution import weighted_scores

if TYPE_CHECKING:
    from berakhlak_cli.scoring.results import ResultBuilder


def attach_behaviours(
    groups: Sequence[GroupResult],
    institution: GroupResult,
    builder: ResultBuilder,
    fine: BehaviourStats,
    rubric: Rubric,
) -> tuple[tuple[GroupResult, ...], GroupResult]:
    """``groups`` and ``institution`` with ``behaviours`` (and units' ``gap_tests``) filled in.

    ``fine`` holds the sums per fine cell (``scoring.breakdowns``); they are regrouped into the
    run's groups as the value sums are, and the institution row sums the fine cells it holds,
    so its behaviour figures are the same for every breakdown of the file.
    """
    run = builder.run
    cells = builder.cells
    fine.grow(len(cells.keys))
    stats = fine.regroup(np.array(run.cell_of, dtype=np.intp), len(run.keys))
    total = fine.total([f for f in range(len(cells.keys)) if cells.inside[f]])
    position = {builder.normal_key(key): g for g, key in enumerate(run.keys)}
    mean_of_units = rubric.aggregation.institution != InstitutionMethod.POOLED
    if institution.withheld:
        inst = institution
    else:
        raws = _mean_of_units(fine, builder, rubric) if mean_of_units else None
        inst = replace(institution, behaviours=total.results(0, rubric, raws))
    out: list[GroupResult] = []
    published = [position[builder.normal_key(group.key)] for group in groups if not group.withheld]
    results = iter(stats.results_of(published, rubric))
    table = None
    unit_tests: list[tuple[GapTest, ...]] = []
    if inst.behaviours and not mean_of_units and published:
        rows = np.array(published, dtype=np.intp)
        whole = Moments(total.count[0], total.sum[0], total.sumsq[0])
        inside = np.array([bool(run.inside[g]) for g in published])
        level = rubric.reporting.priority_confidence
        table = GapTable.of(
            stats.count[rows], stats.sum[rows], stats.sumsq[rows], whole, inside, level
        )
        scored = np.array([inst.behaviours[bid].score is not None for bid in stats.ids])
        unit_tests = table.unit_tests((stats.count[rows] != 0) & scored, stats.ids, level)
    row = -1
    for group in groups:
        if group.withheld:
            out.append(group)
            continue
        row += 1
        g = published[row]
        behaviours = next(results)
        tests: tuple[GapTest, ...] = ()
        if group.level == GroupLevel.UNIT and inst.behaviours:
            tests = unit_tests[row] if table is not None else _gap_tests(stats, g, inst, rubric)
        top = tuple(t.behaviour for t in priorities(tests, rubric.reporting.priorities))
        # NOTE: ``replace`` re-reads the class's 21 fields for every row; the row's own fields
        # (no cached values: GroupResult has none) passed on with the three new ones are the
        # same record through the same __init__, three times faster (issue #16).
        fields = {**group.__dict__, "behaviours": behaviours, "gap_tests": tests, "priorities": top}
        out.append(GroupResult(**fields))
    return tuple(out), inst


def _mean_of_units(
    fine: BehaviourStats, builder: ResultBuilder, rubric: Rubric
) -> list[float | None] | None:
    """Per behaviour, the (weighted) mean of the included units' scores, with the weights the
    institution's value scores used (``scoring.institution``); None when it was not scored."""
    if builder.mean_parts is None:
        return None
    rows, cell_of, n_units, weights = builder.mean_parts
    units = fine.regroup(cell_of, n_units)
    per_unit = [units.raw(c, rubric) for c in rows]
    return [weighted_scores([r[b] for r in per_unit], weights)[0] for b in range(len(fine.ids))]


def _gap_tests(
    stats: BehaviourStats, g: int, institution: GroupResult, rubric: Rubric
) -> tuple[GapTest, ...]:
    """Unit ``g``'s tests when the institution row is a mean of units (no ``GapTable``):
    plain gaps of raw scores."""
    level = rubric.reporting.priority_confidence
    tests: list[GapTest] = []
    raws = stats.raw(g, rubric)
    counts = stats.count[g].tolist()
    for b, bid in enumerate(stats.ids):
        inst_score = institution.behaviours[bid].score
        if counts[b] == 0 or inst_score is None:
            continue
        unit_raw = raws[b]
        if unit_raw is not None:
            tests.append(GapTest(bid, unit_raw - inst_score.raw))
    return with_holm(tests, level)
