"""``survey check``: read a survey with the rubric and report how it was understood.

The file is read and scored exactly as ``score`` would (so the row accounting and per-unit
counts are the ones ``score`` publishes), and each item column's distinct answers are counted.

The answer counts cover only the rows ``score`` counts in units it publishes: rows it excludes
and rows of units it withholds are left out (and counted as ``untallied``). Whole-file counts
minus the published units' answer distributions would otherwise give a withheld unit's answers
back (docs/privacy.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from berakhlak_cli.api.memory import release_freed_memory, use_system_allocator
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.columns import SurveyPlan
from berakhlak_cli.loaders.survey.source import open_survey
from berakhlak_cli.model.issue_rows import IssueRows
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import mask_header, quote_answer
from berakhlak_cli.model.results import Issue, Scoresheet
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.survey import SurveyBatch
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
    excluded = _ExcludedRows()
    scorer = SurveyScorer(
        rubric,
        group_by=tuple(plan.groups),
        headers=plan.item_headers(),
        headcounts=headcounts,
        on_issues=excluded,
    )
    tally = _AnswerTally(rubric.columns.unit.name)
    if scorer.duplicates.needs_plan:
        for first_row, ids in source.id_batches():
            scorer.plan_duplicates(first_row, ids)
    for batch in source.batches():
        scorer.add(batch)
        rows = np.arange(batch.first_row, batch.first_row + batch.size)
        tally.add(batch, ~np.isin(rows, excluded.take()))
    if scorer.read == 0:
        raise SurveyError(f"{path}: no data rows below the header")
    scorer.end_of_batches()
    release_freed_memory()  # as score does: the read's freed pages, before finish (#16)
    sheet_out = scorer.finish()
    coders = {sid: AnswerCoder(scale, rubric.missing) for sid, scale in rubric.scales.items()}
    scales = {i.id: i.scale for i in rubric.items}
    published = _published_units(sheet_out, tally.unit_column in plan.groups)
    vocabulary = {}
    tallied = 0
    for item in plan.items:
        coder = coders[scales[item]]
        merged: Counter[str] = Counter()
        known: dict[str, bool] = {}
        answers = tally.answers(item, published)
        tallied = max(tallied, sum(answers.values()))
        for text, n in answers.items():
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
        untallied=sheet_out.accounting.read - tallied,
    )


class _AnswerTally:
    """Each item's answer texts counted per unit (normal form; "" is a blank unit), so that
    only the published units' counts are shown."""

    def __init__(self, unit_column: str) -> None:
        self.unit_column = unit_column
        self.unit_ids: dict[str, int] = {EMPTY: 0}
        self.counts: dict[str, dict[str, npt.NDArray[np.int64]]] = {}

    def add(self, batch: SurveyBatch, counted: npt.NDArray[np.bool_]) -> None:
        """The answers of the batch's rows where ``counted``."""
        ids = self.unit_ids
        units = np.zeros(int(counted.sum()), dtype=np.int64)
        if (cells := batch.groups.get(self.unit_column)) is not None:
            seen = [ids.setdefault(normalize(u), len(ids)) for u in cells.categories]
            units = np.array([0, *seen], dtype=np.int64)[cells.codes[counted] + 1]
        for item, column in batch.items.items():
            width = len(column.categories) + 1
            pair = units * width + (column.codes[counted].astype(np.int64) + 1)
            table = np.bincount(pair, minlength=len(ids) * width).reshape(-1, width)
            per_text = self.counts.setdefault(item, {})
            for code in np.flatnonzero(table.any(axis=0)).tolist():
                text = column.categories[code - 1] if code else EMPTY
                so_far = per_text.get(text, np.zeros(0, dtype=np.int64))
                grown = np.zeros(len(ids), dtype=np.int64)
                grown[: len(so_far)] = so_far
                per_text[text] = grown + table[:, code]

    def answers(self, item: str, units: set[str]) -> dict[str, int]:
        """Answer text -> count over ``units`` (texts with no answer there left out)."""
        rows = np.array([i for u, i in self.unit_ids.items() if u in units], dtype=np.intp)
        out = {}
        for text, per_unit in self.counts.get(item, {}).items():
            # NOTE: a text's array ends at the last unit known when the text last occurred.
            if n := int(per_unit[rows[rows < len(per_unit)]].sum()):
                out[text] = n
        return out


class _ExcludedRows:
    """An issue sink keeping the rows ``score`` excludes, batch by batch (``take`` empties it)."""

    def __init__(self) -> None:
        self._rows: list[npt.NDArray[np.int64]] = []

    def __call__(self, issues: Iterator[Issue]) -> None:
        if isinstance(issues, IssueRows):
            out = np.fromiter((k.excluded for k in issues.kinds), bool, len(issues.kinds))
            self._rows.append(issues.rows[out[issues.kind]])
            return
        rows = [i.row for i in issues if i.excluded and i.row is not None]
        self._rows.append(np.array(rows, dtype=np.int64))

    def take(self) -> npt.NDArray[np.int64]:
        rows = np.concatenate(self._rows) if self._rows else np.zeros(0, dtype=np.int64)
        self._rows = []
        return rows


def _published_units(sheet: Scoresheet, by_unit: bool) -> set[str]:
    """Normal forms of the units whose scores ``score`` publishes ("" for a file without a
    unit column, when the institution row is published)."""
    if not by_unit:
        return set() if sheet.institution.withheld else {EMPTY}
    return {normalize(g.key[0]) for g in sheet.groups if g.withheld is None and g.key[0]}


def _order(entry: tuple[str, int]) -> tuple[int, str]:
    return (-entry[1], entry[0])


def column_roles(plan: SurveyPlan, rubric: Rubric) -> tuple[ColumnRole, ...]:
    """Every header with the role it was given (item, unit, id, identifying, attribute, ...);
    headers are shown masked (``mask_header``), in the table and in JSON alike."""
    items = {pos: item for item, pos in plan.items.items()}
    groups = set(plan.groups.values())
    cols = rubric.columns
    identifying = {normalize(n) for n in cols.identifying}
    attributes = {normalize(n) for a in cols.attributes for n in (a.name, *a.aliases)}
    how = plan.matched_by or {}
    out = []
    for pos, raw in enumerate(plan.headers):
        key = normalize(raw)
        header = mask_header(raw)
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
