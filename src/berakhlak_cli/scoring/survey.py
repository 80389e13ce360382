"""Score a survey, batch by batch, into a ``Scoresheet``.

``SurveyScorer.add`` codes each batch's answers, screens rows (blank respondent, missing
group, duplicate id, straight-lining), computes person-level scores (``structure``) and adds
them to mergeable per-group sums (``group_stats``). ``finish`` turns the sums into published
scores (``results``). The same scorer serves a 300-row example and a 4.3-million-row national
file: results do not depend on the batch size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.results import Issue, IssueCode, RowAccount, Scoresheet
from berakhlak_cli.model.rubric import Rubric, StraightLiningPolicy
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch
from berakhlak_cli.scoring.answers import AnswerCoder, issue_code
from berakhlak_cli.scoring.behaviour_results import attach_behaviours
from berakhlak_cli.scoring.behaviours import BehaviourStats
from berakhlak_cli.scoring.group_stats import GroupStats
from berakhlak_cli.scoring.normalize import normalize
from berakhlak_cli.scoring.reliability_report import ReliabilityAccumulator
from berakhlak_cli.scoring.results import ResultBuilder
from berakhlak_cli.scoring.screens import DuplicateScreen, straight_lined
from berakhlak_cli.scoring.structure import (
    Structure,
    behaviour_scores,
    item_scores,
    person_scores,
    pooled_points,
)

_PROBLEM_TEXT = {
    IssueCode.UNKNOWN_LABEL: "is not a label or number of scale {scale!r}",
    IssueCode.OUT_OF_RANGE: "is outside the scale {lo:g}-{hi:g}",
    IssueCode.NOT_INTEGER: "is not a whole number on scale {scale!r}",
}


_LONG_NUMBER = re.compile(r"\d{8,}")
QUOTE_LIMIT = 40


def quoted_answer(raw: str) -> str:
    """An invalid answer as issues quote it: digit runs of 8+ masked, at most 40 characters.

    An answer cell is never an identifying column, but a NIP or NIK pasted into one would be
    personal data; no Likert answer needs eight digits to be recognised and fixed.
    """
    text = _LONG_NUMBER.sub(lambda m: f"[{len(m.group())} digits]", raw)
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def _issue_order(issue: Issue) -> tuple[int, str, str]:
    return (issue.row if issue.row is not None else 1 << 62, issue.column or "", issue.code.value)


class SurveyScorer:
    """Accumulates batches; ``finish()`` returns the scoresheet."""

    def __init__(
        self,
        rubric: Rubric,
        *,
        group_by: tuple[str, ...],
        headers: Mapping[str, str] | None = None,
        headcounts: Mapping[str, int] | None = None,
        intervals: bool = True,
    ) -> None:
        """``intervals=False`` skips confidence intervals (rubric self-tests need none)."""
        self.rubric = rubric
        self.intervals = intervals
        self.group_by = group_by
        self.structure = Structure.from_rubric(rubric)
        self.headers = dict(headers or {})
        self.headcounts = headcounts
        coders: dict[str, AnswerCoder] = {}
        self._coders = [
            coders.setdefault(item.scale, AnswerCoder(rubric.scales[item.scale], rubric.missing))
            for item in rubric.items
        ]
        self.stats = GroupStats(len(rubric.values))
        self.behaviour_stats = BehaviourStats(rubric, self.structure)
        self.keys: list[tuple[str, ...]] = []
        self._key_index: dict[tuple[str, ...], int] = {}
        self.issues: list[Issue] = []
        self.read = 0
        self.excluded: dict[str, int] = {}
        self.duplicates = DuplicateScreen(rubric.quality.duplicates)
        self.reliability = ReliabilityAccumulator(rubric)
        self._normalized: dict[str, str] = {}

    def add(self, batch: SurveyBatch) -> None:
        """Score one batch of rows."""
        n = batch.size
        self.read += n
        rows = np.arange(batch.first_row, batch.first_row + n)
        answers, touched = self._code_answers(batch, rows)
        scores = item_scores(answers, self.structure)
        group = self._group_index(batch)
        keep = np.ones(n, dtype=bool)
        self._skip_empty_rows(keep, (group < 0) & ~touched, batch)
        self._exclude(
            keep, group < 0, rows, IssueCode.MISSING_GROUP, "no value in the grouping column(s)"
        )
        blank = np.asarray(np.isnan(scores).all(axis=0), dtype=bool)
        self._exclude(keep, blank, rows, IssueCode.BLANK_RESPONDENT, "no item answered")
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
        policy_sl = self.rubric.quality.straight_lining
        if policy_sl != StraightLiningPolicy.OFF:
            flat = straight_lined(answers) & keep
            text = "same answer to every item"
            if policy_sl == StraightLiningPolicy.EXCLUDE:
                self._exclude(keep, flat, rows, IssueCode.STRAIGHT_LINING, text)
            else:
                self._flag(flat, rows, IssueCode.STRAIGHT_LINING, text)
        kept = scores[:, keep]
        behaviours = behaviour_scores(kept, self.structure)
        values, index = person_scores(kept, self.structure, behaviours)
        points, weight = pooled_points(kept, self.structure)
        self.reliability.add(kept)
        self.stats.grow(len(self.keys))
        self.stats.add(group[keep], values, index, points, weight)
        self.behaviour_stats.grow(len(self.keys))
        self.behaviour_stats.add(group[keep], kept, behaviours)

    def plan_duplicates(self, first_row: int, ids: EncodedColumn) -> None:
        """First pass over respondent ids (needed for ``keep_last`` and ``reject``)."""
        self.duplicates.plan(first_row, ids)

    def finish(self) -> Scoresheet:
        """Publish the scores of every group and of the institution."""
        scored = int(self.stats.respondents.sum())
        builder = ResultBuilder(
            self.rubric,
            self.stats,
            self.keys,
            self.group_by,
            self.headcounts,
            intervals=self.intervals,
        )
        groups, institution, extra = builder.build()
        groups, institution = attach_behaviours(
            groups, institution, self.keys, builder.included, self.behaviour_stats, self.rubric
        )
        self.issues.extend(extra)
        reliability, warnings = self.reliability.finish(self.headers)
        self.issues.extend(warnings)
        return Scoresheet(
            rubric=builder.rubric_ref(),
            group_by=self.group_by,
            groups=groups,
            institution=institution,
            accounting=RowAccount(read=self.read, scored=scored, excluded=dict(self.excluded)),
            issues=tuple(sorted(self.issues, key=_issue_order)),
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
            for i in np.flatnonzero(coded.problems):
                code = issue_code(int(coded.problems[i]))
                raw = quoted_answer(column.categories[column.codes[i]])
                scale = coder.scale
                why = _PROBLEM_TEXT[code].format(scale=scale.id, lo=scale.min, hi=scale.max)
                self.issues.append(
                    Issue(
                        code,
                        f"answer {raw!r} {why}; counted as not answered",
                        row=int(rows[i]),
                        column=self.headers.get(item.id, item.column),
                        value=raw,
                    )
                )
        return answers, touched

    def _group_index(self, batch: SurveyBatch) -> npt.NDArray[np.intp]:
        """Global group number per row; -1 where a grouping cell is blank."""
        local: list[npt.NDArray[np.int64]] = []
        labels: list[list[str]] = []
        for name in self.group_by:
            column = batch.groups[name]
            shown = [" ".join(c.split()) for c in column.categories]
            keys = [self._normal(s) for s in shown]
            # NOTE: "Biro  Hukum" and "biro hukum" are the same unit; the first spelling is shown.
            canon = dict(zip(reversed(keys), reversed(shown), strict=True))
            merged = sorted({k for k, s in zip(keys, shown, strict=True) if s})
            pos = {k: i for i, k in enumerate(merged)}
            lut = np.array([pos[k] if s else -1 for k, s in zip(keys, shown, strict=True)] + [-1])
            local.append(lut[np.where(column.codes < 0, len(shown), column.codes)])
            labels.append([canon[k] for k in merged])
        combined = np.zeros(batch.size, dtype=np.int64)
        blank = np.zeros(batch.size, dtype=bool)
        for codes, names in zip(local, labels, strict=True):
            blank |= codes < 0
            combined = combined * (len(names) + 1) + (codes + 1)
        uniq, inverse = np.unique(combined, return_inverse=True)
        lut_global = np.empty(len(uniq), dtype=np.intp)
        for u_idx, code in enumerate(uniq.tolist()):
            parts: list[str] = []
            for names in reversed(labels):
                code, part = divmod(code, len(names) + 1)
                parts.append(names[part - 1] if part else "")
            key = tuple(reversed(parts))
            if "" in key:
                lut_global[u_idx] = -1
                continue
            norm = tuple(self._normal(k) for k in key)
            if norm not in self._key_index:
                self._key_index[norm] = len(self.keys)
                self.keys.append(key)
            lut_global[u_idx] = self._key_index[norm]
        out = lut_global[inverse]
        return np.where(blank, -1, out)

    def _normal(self, text: str) -> str:
        """``normalize`` with a cache: the same unit names recur in every batch."""
        hit = self._normalized.get(text)
        if hit is None:
            hit = self._normalized[text] = normalize(text)
        return hit

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
        self.issues.extend(
            Issue(code, f"row excluded: {message}", row=int(r), excluded=True) for r in rows[hit]
        )

    def _flag(
        self, mask: npt.NDArray[np.bool_], rows: npt.NDArray[np.int_], code: IssueCode, message: str
    ) -> None:
        self.issues.extend(Issue(code, f"flagged: {message}", row=int(r)) for r in rows[mask])
