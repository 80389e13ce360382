"""``survey check``: read a survey with the rubric and report how it was understood.

The file is read and scored exactly as ``score`` would (so the row accounting and per-unit
counts are the ones ``score`` publishes), and each item column's distinct answers are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from berakhlak_cli.api.memory import release_freed_memory, use_system_allocator
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.columns import SurveyPlan
from berakhlak_cli.loaders.survey.source import open_survey
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import quote_answer
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.survey_check import ColumnRole, LabelCount, Role, SurveyCheck, UnitProgress
from berakhlak_cli.scoring.answers import AnswerCoder
from berakhlak_cli.scoring.groups.eligibility import minimum_respondents
from berakhlak_cli.scoring.survey import SurveyScorer

EMPTY = ""


def check_survey(
    path: Path,
    rubric: Rubric,
    *,
    headcounts: Mapping[str, int] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
) -> SurveyCheck:
    """Read ``path`` as ``score`` would and report columns, answers, rows and unit progress."""
    use_system_allocator()  # as score does (#16)
    source = open_survey(path, rubric, (rubric.columns.unit.name,), sheet=sheet, encoding=encoding)
    plan = source.plan
    scorer = SurveyScorer(
        rubric, group_by=tuple(plan.groups), headers=plan.item_headers(), headcounts=headcounts
    )
    counts: dict[str, Counter[str]] = {item: Counter() for item in plan.items}
    if scorer.duplicates.needs_plan:
        for first_row, ids in source.id_batches():
            scorer.plan_duplicates(first_row, ids)
    for batch in source.batches():
        scorer.add(batch)
        for item, column in batch.items.items():
            per_code = np.bincount(
                column.codes[column.codes >= 0], minlength=len(column.categories)
            )
            for text, n in zip(column.categories, per_code.tolist(), strict=True):
                if n:
                    counts[item][text] += n
            if nulls := int((column.codes < 0).sum()):
                counts[item][EMPTY] += nulls
    if scorer.read == 0:
        raise SurveyError(f"{path}: no data rows below the header")
    scorer.end_of_batches()
    release_freed_memory()  # as score does: the read's freed pages, before finish (#16)
    sheet_out = scorer.finish()
    coders = {sid: AnswerCoder(scale, rubric.missing) for sid, scale in rubric.scales.items()}
    scales = {i.id: i.scale for i in rubric.items}
    vocabulary = {}
    for item, tally in counts.items():
        coder = coders[scales[item]]
        merged: Counter[str] = Counter()
        known: dict[str, bool] = {}
        for text, n in tally.items():
            shown = quote_answer(text.strip(), coder.known)
            merged[shown] += n
            known[shown] = known.get(shown, True) and coder.code_text(text)[1] == 0
        vocabulary[item] = tuple(
            LabelCount(text, n, known[text]) for text, n in sorted(merged.items(), key=_order)
        )
    units = [
        UnitProgress(g.label, g.respondents or 0, g.headcount, g.min_respondents)
        for g in sheet_out.groups
    ]
    seen = {normalize(u.unit) for u in units}
    for unit, headcount in (headcounts or {}).items():
        if normalize(unit) not in seen:
            units.append(
                UnitProgress(unit, 0, headcount, minimum_respondents(headcount, rubric.eligibility))
            )
    return SurveyCheck(
        source=str(path),
        columns=column_roles(plan, rubric),
        vocabulary=vocabulary,
        rows=sheet_out.accounting,
        units=tuple(sorted(units, key=lambda u: normalize(u.unit))),
        issues=len(sheet_out.issues),
        notes=plan.warnings + plan.notes,
        issue_codes=dict(Counter(i.code.value for i in sheet_out.issues)),
    )


def _order(entry: tuple[str, int]) -> tuple[int, str]:
    return (-entry[1], entry[0])


def column_roles(plan: SurveyPlan, rubric: Rubric) -> tuple[ColumnRole, ...]:
    """Every header with the role it was given (item, unit, id, identifying, attribute, ...)."""
    items = {pos: item for item, pos in plan.items.items()}
    groups = set(plan.groups.values())
    cols = rubric.columns
    identifying = {normalize(n) for n in cols.identifying}
    attributes = {normalize(n) for a in cols.attributes for n in (a.name, *a.aliases)}
    how = plan.matched_by or {}
    out = []
    for pos, header in enumerate(plan.headers):
        key = normalize(header)
        if pos in items:
            item = items[pos]
            out.append(ColumnRole(pos, header, Role.ITEM, item, str(how.get(item, "id"))))
        elif pos in groups:
            out.append(ColumnRole(pos, header, Role.UNIT))
        elif pos == plan.respondent_id:
            out.append(ColumnRole(pos, header, Role.RESPONDENT_ID))
        elif key in identifying:
            out.append(ColumnRole(pos, header, Role.IDENTIFYING))
        elif key in attributes:
            out.append(ColumnRole(pos, header, Role.ATTRIBUTE))
        else:
            out.append(ColumnRole(pos, header, Role.IGNORED))
    return tuple(out)
