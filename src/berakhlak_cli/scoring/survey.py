"""Score a survey, batch by batch, into a ``Scoresheet``.

``SurveyScorer.add`` codes each batch's answers, screens rows (blank respondent, missing
group, duplicate id, straight-lining), computes person-level scores (``structure``) and adds
them to mergeable per-group sums (``group_stats``). ``finish`` turns the sums into published
scores (``results``). The same scorer serves a 300-row example and a 4.3-million-row national
file: results do not depend on the batch size.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.personal_data import looks_personal, quote_answer, quote_cell
from berakhlak_cli.model.results import Issue, IssueCode, RowAccount, Scoresheet
from berakhlak_cli.model.rubric import Rubric, StraightLiningPolicy
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch
from berakhlak_cli.scoring.answers import AnswerCoder, issue_code
from berakhlak_cli.scoring.group_stats import GroupStats
from berakhlak_cli.scoring.normalize import normalize
from berakhlak_cli.scoring.reliability_report import ReliabilityAccumulator
from berakhlak_cli.scoring.results import ResultBuilder
from berakhlak_cli.scoring.screens import DuplicateScreen, straight_lined
from berakhlak_cli.scoring.structure import Structure, item_scores, person_scores, pooled_points

_PROBLEM_TEXT = {
    IssueCode.UNKNOWN_LABEL: "is not a label or number of scale {scale!r}",
    IssueCode.OUT_OF_RANGE: "is outside the scale {lo:g}-{hi:g}",
    IssueCode.NOT_INTEGER: "is not a whole number on scale {scale!r}",
}


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
        group_headers: Mapping[str, str] | None = None,
        headcounts: Mapping[str, int] | None = None,
        intervals: bool = True,
        unit: str | None = None,
    ) -> None:
        """``intervals=False`` skips confidence intervals (rubric self-tests need none).

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
        self.keys: list[tuple[str, ...]] = []
        self._key_index: dict[tuple[str, ...], int] = {}
        self.issues: list[Issue] = []
        self.read = 0
        self.excluded: dict[str, int] = {}
        self.duplicates = DuplicateScreen(rubric.quality.duplicates)
        self.reliability = ReliabilityAccumulator(rubric)
        self._normalized: dict[str, str] = {}
        self._personal_labels: dict[str, str | None] = {}

    def add(self, batch: SurveyBatch) -> None:
        """Score one batch of rows."""
        n = batch.size
        self.read += n
        rows = np.arange(batch.first_row, batch.first_row + n)
        answers, touched = self._code_answers(batch, rows)
        scores = item_scores(answers, self.structure)
        group, blank_key, personal = self._group_index(batch)
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
        policy_sl = self.rubric.quality.straight_lining
        if policy_sl != StraightLiningPolicy.OFF:
            min_same = self.rubric.quality.straight_lining_min_same
            flat = straight_lined(answers, min_same) & keep
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
        kept = scores[:, keep]
        values, index = person_scores(kept, self.structure)
        points, weight = pooled_points(kept, self.structure)
        self.reliability.add(kept)
        self.stats.grow(len(self.keys))
        self.stats.add(group[keep], values, index, points, weight)

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
            unit=self.unit,
        )
        groups, institution, extra = builder.build()
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
                raw = quote_answer(column.categories[column.codes[i]], coder.known)
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

    def _group_index(
        self, batch: SurveyBatch
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_], dict[str, npt.NDArray[np.bool_]]]:
        """Fine cell per row (``scoring.breakdowns``), whether any key cell is blank, and per
        grouping column the rows whose cell looks like personal data.

        The cell is -1 where the unit is blank (such rows are in no run's institution row);
        a blank ``--by`` cell elsewhere keeps the row in a cell with "" in that place. A cell
        that looks like personal data is read as blank: it is never a published label.
        """
        local: list[npt.NDArray[np.int64]] = []
        labels: list[list[str]] = []
        personal: dict[str, npt.NDArray[np.bool_]] = {}
        for name in self.columns:
            column = batch.groups[name]
            shown = [" ".join(c.split()) for c in column.categories]
            # NOTE: a NIP or e-mail typed into a grouping column would become a published label.
            usable = [bool(s) and self._personal(s) is None for s in shown]
            keys = [self._normal(s) for s in shown]
            # NOTE: "Biro  Hukum" and "biro hukum" are the same unit; the first spelling is shown.
            canon = dict(zip(reversed(keys), reversed(shown), strict=True))
            merged = sorted({k for k, ok in zip(keys, usable, strict=True) if ok})
            pos = {k: i for i, k in enumerate(merged)}
            lut = np.array(
                [pos[k] if ok else -1 for k, ok in zip(keys, usable, strict=True)] + [-1]
            )
            idx = np.where(column.codes < 0, len(shown), column.codes)
            local.append(lut[idx])
            labels.append([canon[k] for k in merged])
            flagged = [bool(s) and not ok for s, ok in zip(shown, usable, strict=True)]
            if any(flagged):
                personal[name] = np.array([*flagged, False], dtype=bool)[idx]
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
            if self.unit is not None and not key[self.unit]:
                lut_global[u_idx] = -1
                continue
            norm = tuple(self._normal(k) for k in key)
            if norm not in self._key_index:
                self._key_index[norm] = len(self.keys)
                self.keys.append(key)
            lut_global[u_idx] = self._key_index[norm]
        return lut_global[inverse], blank, personal

    def _personal(self, label: str) -> str | None:
        """``looks_personal`` with a cache: the same unit names recur in every batch."""
        hit = self._personal_labels.get(label, "")
        if hit == "":
            hit = self._personal_labels[label] = looks_personal(label)
        return hit

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
        if not hit.any():
            return
        if excluded:
            self.excluded[code.value] = self.excluded.get(code.value, 0) + int(hit.sum())
        column = batch.groups[name]
        header = self.group_headers.get(name, name)
        for r in np.flatnonzero(hit).tolist():
            cell = column.categories[column.codes[r]]
            kind = self._personal(" ".join(cell.split()))
            self.issues.append(
                Issue(
                    code,
                    text.format(kind=kind),
                    row=batch.first_row + r,
                    column=header,
                    value=quote_cell(cell),
                    excluded=excluded,
                )
            )

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

    def _note_ungrouped(
        self, mask: npt.NDArray[np.bool_], rows: npt.NDArray[np.int_], batch: SurveyBatch
    ) -> None:
        """A scored row with a blank ``--by`` cell: in the institution row, in no group."""
        for i in np.flatnonzero(mask):
            empty = [
                name
                for name in self.group_by
                if (code := batch.groups[name].codes[i]) < 0
                or not batch.groups[name].categories[code].strip()
            ]
            self.issues.append(
                Issue(
                    IssueCode.NO_GROUP,
                    f"no value in {', '.join(map(repr, empty))}: counted in the institution "
                    "row, in no group",
                    row=int(rows[i]),
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
        self.issues.extend(
            Issue(code, f"row excluded: {message}", row=int(r), excluded=True) for r in rows[hit]
        )

    def _flag(
        self, mask: npt.NDArray[np.bool_], rows: npt.NDArray[np.int_], code: IssueCode, message: str
    ) -> None:
        self.issues.extend(Issue(code, f"flagged: {message}", row=int(r)) for r in rows[mask])
