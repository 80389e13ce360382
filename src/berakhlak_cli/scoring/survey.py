"""Score a survey, batch by batch, into a ``Scoresheet``.

``SurveyScorer.add`` codes each batch's answers, screens rows (blank respondent, missing
group, duplicate id, straight-lining), computes person-level scores (``structure``) and adds
them to mergeable per-group sums (``group_stats``). ``finish`` turns the sums into published
scores (``results``). The same scorer serves a 300-row example and a 4.3-million-row national
file: results do not depend on the batch size.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.personal_data import quote_answer, quote_cell
from berakhlak_cli.model.results import IssueCode, RowAccount, Scoresheet
from berakhlak_cli.model.rubric import Item, RespondentMethod, Rubric, StraightLiningPolicy
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch
from berakhlak_cli.scoring.answers import AnswerCoder, issue_code
from berakhlak_cli.scoring.behaviours.results import attach_behaviours
from berakhlak_cli.scoring.behaviours.scores import BehaviourStats
from berakhlak_cli.scoring.groups.keys import GroupKeys
from berakhlak_cli.scoring.groups.stats import GroupStats
from berakhlak_cli.scoring.issue_log import IssueBlock, IssueLog, IssueSink
from berakhlak_cli.scoring.reliability_report import ReliabilityAccumulator
from berakhlak_cli.scoring.results import ResultBuilder
from berakhlak_cli.scoring.screens import DuplicateScreen, straight_lined
from berakhlak_cli.scoring.structure import (
    Structure,
    behaviour_scores,
    item_scores,
    keep_columns,
    person_scores,
    pooled_points,
)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Suspend Python's cyclic garbage collector for the block (restored on exit, also on an
    error; left alone when the caller had already disabled it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_PROBLEM_TEXT = {
    IssueCode.UNKNOWN_LABEL: "is not a label or number of scale {scale!r}",
    IssueCode.OUT_OF_RANGE: "is outside the scale {lo:g}-{hi:g}",
    IssueCode.NOT_INTEGER: "is not a whole number on scale {scale!r}",
}


class SurveyScorer:
    """Accumulates batches; ``finish()`` returns the scoresheet."""

    def __init__(
        self,
        rubric: Rubric,
        *,
        group_by: tuple[str, ...],
        headers: Mapping[str, str] | None = None,
        group_headers: Mapping[str, str] | None = None,
        headcounts: Mapping[str, int] | None = None,
        intervals: bool = True,
        unit: str | None = None,
        on_issues: IssueSink | None = None,
    ) -> None:
        """``intervals=False`` skips confidence intervals (rubric self-tests need none);
        ``on_issues`` receives every data issue, batch by batch, in row order.

        ``unit`` names the batches' unit column when it is read only to define the
        institution row (``--by`` without the unit; ``scoring.breakdowns``). Without it, the
        unit is the rubric's unit column if ``group_by`` holds it.
        """
        self.rubric = rubric
        self.intervals = intervals
        self.group_by = group_by
        if unit is None and rubric.columns.unit.name in group_by:
            unit = rubric.columns.unit.name
        self.columns = group_by if unit is None or unit in group_by else (*group_by, unit)
        self.unit = None if unit is None else self.columns.index(unit)
        self.structure = Structure.from_rubric(rubric)
        self.headers = dict(headers or {})
        self.group_headers = dict(group_headers or {})
        self.headcounts = headcounts
        coders: dict[str, AnswerCoder] = {}
        self._coders = [
            coders.setdefault(item.scale, AnswerCoder(rubric.scales[item.scale], rubric.missing))
            for item in rubric.items
        ]
        self.stats = GroupStats(len(rubric.values))
        self.behaviour_stats = BehaviourStats(rubric, self.structure)
        self.group_keys = GroupKeys(self.columns, self.unit)
        self.log = IssueLog(on_issues)
        self._blocks: list[IssueBlock] = []
        self.read = 0
        self.excluded: dict[str, int] = {}
        self.duplicates = DuplicateScreen(rubric.quality.duplicates)
        self.reliability = ReliabilityAccumulator(rubric)
        self._pooled = rubric.aggregation.respondent == RespondentMethod.POOLED

    def add(self, batch: SurveyBatch) -> None:
        """Score one batch of rows."""
        n = batch.size
        self.read += n
        rows = np.arange(batch.first_row, batch.first_row + n)
        answers, touched = self._code_answers(batch, rows)
        policy_sl = self.rubric.quality.straight_lining
        min_same = self.rubric.quality.straight_lining_min_same
        # NOTE: straight-lining compares the raw answers; taken before they become scores in
        # place (a batch's answers are tens of MiB: no second array of that size).
        same = None if policy_sl == StraightLiningPolicy.OFF else straight_lined(answers, min_same)
        scores = item_scores(answers, self.structure, in_place=True)
        del answers
        group, blank_key, personal = self.group_keys.index(batch)
        labelled = np.zeros(n, dtype=bool)
        for flagged in personal.values():
            labelled |= flagged
        keep = np.ones(n, dtype=bool)
        self._skip_empty_rows(keep, blank_key & ~touched & ~labelled, batch)
        self._exclude_personal(keep, personal, batch)
        self._exclude(
            keep, group < 0, rows, IssueCode.MISSING_GROUP, "no value in the grouping column(s)"
        )
        blank = np.asarray(np.isnan(scores).all(axis=0), dtype=bool)
        self._exclude(keep, blank, rows, IssueCode.BLANK_RESPONDENT, "no item answered")
        ungrouped = blank_key & (group >= 0) & ~labelled
        if batch.respondent_id is not None:
            dup = self.duplicates.drop(batch.first_row, batch.respondent_id) & keep
            policy = self.rubric.quality.duplicates.value
            self._exclude(
                keep,
                dup,
                rows,
                IssueCode.DUPLICATE_RESPONDENT,
                f"repeated respondent id ({policy})",
            )
        if same is not None:
            flat = same & keep
            text = (
                "same answer to every item"
                if min_same is None
                else f"same answer to at least {min_same} items"
            )
            if policy_sl == StraightLiningPolicy.EXCLUDE:
                self._exclude(keep, flat, rows, IssueCode.STRAIGHT_LINING, text)
            else:
                self._flag(flat, rows, IssueCode.STRAIGHT_LINING, text)
        self._note_ungrouped(ungrouped & keep, rows, batch)
        self._note_personal(keep, personal, batch)
        kept = keep_columns(scores, keep)
        del scores
        behaviours = behaviour_scores(kept, self.structure)
        values, index = person_scores(kept, self.structure, behaviours)
        # NOTE: the pooled sums are read by the pooled method only; person-first skips them.
        pooled = pooled_points(kept, self.structure) if self._pooled else None
        self.stats.grow(len(self.group_keys.keys))
        self.stats.add(group[keep], values, index, *(pooled or (None, None)))
        self.behaviour_stats.grow(len(self.group_keys.keys))
        self.behaviour_stats.add(group[keep], kept, behaviours)
        # NOTE: last, so that alpha's sums may centre the scores in their own buffer.
        del behaviours, values, index, pooled
        self.reliability.add(kept, overwrite=True)
        self.log.add_blocks(self._blocks)
        self._blocks = []

    def plan_duplicates(self, first_row: int, ids: EncodedColumn) -> None:
        """First pass over respondent ids (needed for ``keep_last`` and ``reject``)."""
        self.duplicates.plan(first_row, ids)

    def end_of_batches(self) -> None:
        """Say the last batch was added: what only the batch stage needs (the respondent ids
        seen, for duplicates) is dropped, so the caller can hand its pages back before
        ``finish`` allocates (``api.memory``). ``add`` after this raises."""
        self.duplicates.forget()

    def finish(self) -> Scoresheet:
        """Publish the scores of every group and of the institution."""
        # NOTE: finish builds ~20 frozen records per behaviour per unit (hundreds of thousands
        # for a national file), none of them in a reference cycle; the cyclic collector would
        # re-scan every live object several times over while they are made (40% of finish at
        # 5 000 units: issue #16). Reference counting still frees everything as usual.
        with _cycle_collection_paused():
            return self._finish()

    def _finish(self) -> Scoresheet:
        scored = int(self.stats.respondents.sum())
        builder = ResultBuilder(
            self.rubric,
            self.stats,
            self.group_keys.keys,
            self.group_by,
            self.headcounts,
            intervals=self.intervals,
            unit=self.unit,
        )
        groups, institution, extra = builder.build()
        groups, institution = attach_behaviours(
            groups, institution, builder, self.behaviour_stats, self.rubric
        )
        reliability, warnings = self.reliability.finish(self.headers)
        self.log.add([*extra, *warnings])
        return Scoresheet(
            rubric=builder.rubric_ref(),
            group_by=self.group_by,
            groups=groups,
            institution=institution,
            accounting=RowAccount(read=self.read, scored=scored, excluded=dict(self.excluded)),
            issues=self.log.sorted_sample(),
            issue_counts=self.log.counts,
            reliability=reliability,
        )

    def _code_answers(
        self, batch: SurveyBatch, rows: npt.NDArray[np.int_]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Coded answers (items x rows) and, per row, whether any item cell holds anything."""
        items = self.rubric.items
        answers = np.empty((len(items), batch.size), dtype=np.float64)
        touched = np.zeros(batch.size, dtype=bool)
        for j, (item, coder) in enumerate(zip(items, self._coders, strict=True)):
            column = batch.items[item.id]
            coded = coder.code(column)
            answers[j] = coded.values
            touched |= ~np.isnan(coded.values) | (coded.problems != 0)
            problems = np.flatnonzero(coded.problems)
            if len(problems):
                self._answer_issues(column, coded.problems, problems, rows, item, coder)
        return answers, touched

    def _answer_issues(
        self,
        column: EncodedColumn,
        problems: npt.NDArray[np.integer],
        where: npt.NDArray[np.intp],
        rows: npt.NDArray[np.int_],
        item: Item,
        coder: AnswerCoder,
    ) -> None:
        """One issue block per problem kind; texts are built once per distinct answer."""
        scale = coder.scale
        name = self.headers.get(item.id, item.column)
        for kind in np.unique(problems[where]).tolist():
            hit = where[problems[where] == kind]
            code = issue_code(int(kind))
            why = _PROBLEM_TEXT[code].format(scale=scale.id, lo=scale.min, hi=scale.max)
            distinct, which = np.unique(column.codes[hit], return_inverse=True)
            texts = []
            for c in distinct.tolist():
                raw = quote_answer(column.categories[c], coder.known)
                texts.append((raw, f"answer {raw!r} {why}; counted as not answered"))
            self._blocks.append(
                IssueBlock(code, rows[hit], column=name, texts=tuple(texts), which=which)
            )

    def _is_unit(self, name: str) -> bool:
        return self.unit is not None and self.columns[self.unit] == name

    def _exclude_personal(
        self,
        keep: npt.NDArray[np.bool_],
        personal: Mapping[str, npt.NDArray[np.bool_]],
        batch: SurveyBatch,
    ) -> None:
        """Exclude rows whose unit cell looks like personal data (``personal-data-label``).

        Like a blank unit, such a row is in no run's institution row, so every breakdown of
        the file publishes the same institution row (issue #18). The label is never
        published; the issue names the row, the column and what was found (masked).
        """
        for name, flagged in personal.items():
            if self._is_unit(name):
                hit = flagged & keep
                keep &= ~hit
                self._personal_issues(
                    hit,
                    name,
                    batch,
                    "row excluded: the grouping cell looks like personal data "
                    "({kind}); it is not published as a group label",
                    excluded=True,
                )

    def _note_personal(
        self,
        keep: npt.NDArray[np.bool_],
        personal: Mapping[str, npt.NDArray[np.bool_]],
        batch: SurveyBatch,
    ) -> None:
        """A scored row whose ``--by`` cell looks like personal data: counted in the
        institution row (as a blank cell is), published in no group."""
        for name, flagged in personal.items():
            if not self._is_unit(name):
                self._personal_issues(
                    flagged & keep,
                    name,
                    batch,
                    "the grouping cell looks like personal data "
                    "({kind}); it is not published as a group label (the row stays in the "
                    "institution row)",
                    excluded=False,
                )

    def _personal_issues(
        self,
        hit: npt.NDArray[np.bool_],
        name: str,
        batch: SurveyBatch,
        text: str,
        *,
        excluded: bool,
    ) -> None:
        code = IssueCode.PERSONAL_DATA_LABEL
        where = np.flatnonzero(hit)
        if not len(where):
            return
        if excluded:
            self.excluded[code.value] = self.excluded.get(code.value, 0) + len(where)
        column = batch.groups[name]
        distinct, which = np.unique(column.codes[where], return_inverse=True)
        texts = []
        for c in distinct.tolist():
            cell = column.categories[c]
            kind = self.group_keys.personal(" ".join(cell.split()))
            texts.append((quote_cell(cell), text.format(kind=kind)))
        self._blocks.append(
            IssueBlock(
                code,
                where + batch.first_row,
                column=self.group_headers.get(name, name),
                excluded=excluded,
                texts=tuple(texts),
                which=which,
            )
        )

    def _skip_empty_rows(
        self, keep: npt.NDArray[np.bool_], candidates: npt.NDArray[np.bool_], batch: SurveyBatch
    ) -> None:
        """Exclude rows with no answer, no group and no respondent id as ``empty-row``.

        Spreadsheet exports end in such rows (",,,,"); naming them as empty is more useful than
        calling them a missing unit.
        """
        rows = np.flatnonzero(candidates & keep)
        ids = batch.respondent_id
        if ids is not None and len(rows):
            has_id = [
                ids.codes[r] >= 0 and bool(ids.categories[ids.codes[r]].strip()) for r in rows
            ]
            rows = rows[~np.array(has_id, dtype=bool)]
        empty = np.zeros(batch.size, dtype=bool)
        empty[rows] = True
        first = np.arange(batch.first_row, batch.first_row + batch.size)
        self._exclude(keep, empty, first, IssueCode.EMPTY_ROW, "empty row (no answer, group or id)")

    def _note_ungrouped(
        self, mask: npt.NDArray[np.bool_], rows: npt.NDArray[np.int_], batch: SurveyBatch
    ) -> None:
        """A scored row with a blank ``--by`` cell: in the institution row, in no group."""
        blank: dict[str, npt.NDArray[np.bool_]] = {}
        for name in self.group_by:
            column = batch.groups[name]
            is_empty = np.array([not c.strip() for c in column.categories] + [True])
            blank[name] = is_empty[column.codes]  # a null cell (code -1) reads the last: empty
        combos: dict[tuple[str, ...], list[int]] = {}
        for i in np.flatnonzero(mask).tolist():
            empty = tuple(name for name in self.group_by if blank[name][i])
            combos.setdefault(empty, []).append(i)
        for empty, where in combos.items():
            self._blocks.append(
                IssueBlock(
                    IssueCode.NO_GROUP,
                    rows[np.array(where, dtype=np.intp)],
                    f"no value in {', '.join(map(repr, empty))}: counted in the institution "
                    "row, in no group",
                    column=empty[0],
                )
            )

    def _exclude(
        self,
        keep: npt.NDArray[np.bool_],
        mask: npt.NDArray[np.bool_],
        rows: npt.NDArray[np.int_],
        code: IssueCode,
        message: str,
    ) -> None:
        hit = mask & keep
        count = int(hit.sum())
        if not count:
            return
        keep &= ~hit
        self.excluded[code.value] = self.excluded.get(code.value, 0) + count
        self._blocks.append(IssueBlock(code, rows[hit], f"row excluded: {message}", excluded=True))

    def _flag(
        self, mask: npt.NDArray[np.bool_], rows: npt.NDArray[np.int_], code: IssueCode, message: str
    ) -> None:
        self._blocks.append(IssueBlock(code, rows[mask], f"flagged: {message}"))
