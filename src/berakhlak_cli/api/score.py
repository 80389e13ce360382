"""Library entry points that tie loaders to scoring (the CLI is a thin layer over these)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from berakhlak_cli.api.memory import release_freed_memory, use_system_allocator
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.source import SurveySource, open_survey
from berakhlak_cli.loaders.units.headcounts import load_units
from berakhlak_cli.loaders.units.levels import load_level_units
from berakhlak_cli.model.levels import Level
from berakhlak_cli.model.results import IssueCode, Scoresheet
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.groups.levels import finish_levels
from berakhlak_cli.scoring.issue_log import IssueSink
from berakhlak_cli.scoring.survey import SurveyScorer


def score_survey(
    path: Path,
    rubric: Rubric,
    *,
    group_by: tuple[str, ...] = (),
    headcounts: Mapping[str, int] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    batch_rows: int | None = None,
    on_batch: Callable[[int, int], None] | None = None,
    on_issues: IssueSink | None = None,
    levels: Sequence[Level] = (),
    level_headcounts: Mapping[tuple[str, ...], int] | None = None,
) -> tuple[Scoresheet, SurveySource]:
    """Score the survey at ``path`` with ``rubric``, grouped by ``group_by`` (default: the unit).

    ``on_batch(rows, bytes_read)`` is called after each batch (for progress display);
    ``on_issues`` receives every data issue in order while scoring runs (the scoresheet keeps
    a bounded sample and the counts).

    ``levels`` (outermost first) scores every level of a hierarchy in the same pass
    (``scoring.levels``; ``group_by`` is then the level columns and ``level_headcounts``,
    keyed by ``model.levels.level_headcount_key``, replaces ``headcounts``).
    """
    if levels:
        group_by, headcounts = tuple(level.column for level in levels), None
    group_by = group_by or (rubric.columns.unit.name,)
    use_system_allocator()
    source = open_survey(
        path, rubric, group_by, sheet=sheet, encoding=encoding, batch_rows=batch_rows
    )
    scorer = SurveyScorer(
        rubric,
        group_by=source.plan.group_by,
        headers=source.plan.item_headers(),
        group_headers=source.plan.group_headers(),
        headcounts=headcounts,
        unit=source.plan.unit_only,
        on_issues=on_issues,
    )
    if scorer.duplicates.needs_plan:
        for first_row, ids in source.id_batches():
            scorer.plan_duplicates(first_row, ids)
    for batch in source.batches():
        scorer.add(batch)
        if on_batch:
            on_batch(batch.size, source.bytes_read())
    if scorer.read == 0:
        raise SurveyError(f"{path}: no data rows below the header")
    empty = scorer.excluded.get(IssueCode.EMPTY_ROW.value, 0)
    if empty == scorer.read:
        # NOTE: a header over blank lines holds no more data than a header alone (exit 2).
        raise SurveyError(f"{path}: no data rows below the header ({empty} empty rows)")
    # NOTE: the read's freed pages (and the ids seen) would otherwise stay held while finish
    # allocates (#16).
    scorer.end_of_batches()
    release_freed_memory()
    finished = finish_levels(scorer, levels, level_headcounts) if levels else scorer.finish()
    sheet_out = replace(finished, ignored_columns=source.plan.ignored)
    return sheet_out, source


def score_survey_file(
    path: Path,
    rubric: Rubric,
    *,
    units: Path | None = None,
    group_by: tuple[str, ...] = (),
    levels: Sequence[Level] = (),
    sheet: str | None = None,
    encoding: str | None = None,
    batch_rows: int | None = None,
    on_batch: Callable[[int, int], None] | None = None,
    on_issues: IssueSink | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[Scoresheet, SurveySource, dict[str, int] | None]:
    """``score_survey`` with the headcounts of the ``units`` file, as ``score`` runs it (the
    library's ``api.jobs.score`` and the CLI's, which adds progress, the issue stream and
    ``warn`` for the units file's warnings).

    With ``levels`` the units file gives a headcount per level path (``loaders.units.levels``),
    else per unit; the per-unit headcounts are returned too (the evidence checklist's units).
    """
    level_heads = (
        load_level_units(units, [lv.column for lv in levels]) if units and levels else None
    )
    headcounts = load_units(units, rubric, warn=warn) if units and not levels else None
    sheet_out, source = score_survey(
        path,
        rubric,
        group_by=group_by,
        headcounts=headcounts,
        sheet=sheet,
        encoding=encoding,
        batch_rows=batch_rows,
        on_batch=on_batch,
        on_issues=on_issues,
        levels=levels,
        level_headcounts=level_heads,
    )
    return sheet_out, source, headcounts
