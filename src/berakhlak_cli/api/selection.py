"""Library entry point for a values-selection survey (``kind: values_selection`` rubrics)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.selection import SelectionSource, open_selection
from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.values_selection_results import SelectionSheet
from berakhlak_cli.scoring.values_selection import SelectionScorer


def score_selection(
    path: Path,
    rubric: Rubric,
    *,
    group_by: tuple[str, ...] = (),
    headcounts: Mapping[str, int] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
) -> tuple[SelectionSheet, SelectionSource]:
    """Score the values-selection survey at ``path``, grouped by ``group_by`` (default: unit)."""
    group_by = group_by or (rubric.columns.unit.name,)
    source = open_selection(path, rubric, group_by, sheet=sheet, encoding=encoding)
    names = tuple(source.plan.groups)
    unit = rubric.columns.unit.name
    scorer = SelectionScorer(
        rubric,
        groups=names,
        by=len(source.plan.group_by),
        unit=names.index(unit) if unit in names else None,
        headers=source.plan.group_headers(),
        headcounts=headcounts,
    )
    # NOTE: a first pass over the id column, so keep_last and reject know every repeat.
    scorer.plan_duplicates(source.ids())
    for rows, issues in source.rows():
        scorer.add(rows, issues)
    if scorer.read == 0:
        raise SurveyError(f"{path}: no data rows below the header")
    sheet_out = scorer.finish()
    if sheet_out.excluded.get(IssueCode.EMPTY_ROW.value, 0) == sheet_out.read:
        raise SurveyError(f"{path}: no data rows below the header ({sheet_out.read} empty rows)")
    return sheet_out, source
