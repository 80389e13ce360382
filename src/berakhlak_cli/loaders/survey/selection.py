"""Read a values-selection survey: the grouping columns and each question's picks per row.

The grouping, unit and respondent-id columns are found as for a Likert survey
(``loaders.survey_columns``). A question's picks are in one column holding a list (the
rubric's ``selection.separator``; Google Forms checkbox exports join with ", ") or in one
column per pick. A pick is matched to a template entry by its label, English label or alias,
compared as headers are (``loaders.header_match.header_key``: case, punctuation and spacing
ignored). A pick that matches nothing is an ``unknown-pick`` issue naming row and column; the
cell is quoted masked (``quote_answer``), so no personal data reaches any output.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.columns import SurveyPlan, plan_columns
from berakhlak_cli.loaders.survey.header_match import header_key
from berakhlak_cli.loaders.survey.source import read_header
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import mask_header, quote_answer
from berakhlak_cli.model.results import Issue, IssueCode
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.values_selection import ValuesSelection
from berakhlak_cli.model.values_selection_results import SelectionRow

SLICE_ROWS = 8192
"""Rows turned into Python objects at a time."""
LOOKUP_LIMIT = 100_000
"""Distinct pick spellings remembered (free text in picks cannot grow memory without end)."""


@dataclass
class SelectionSource:
    """A matched values-selection survey; iterate ``rows()``."""

    path: Path
    plan: SurveyPlan
    questions: dict[str, tuple[int, ...]]
    """Question id -> the column positions holding its picks."""
    reader: Any
    selection: ValuesSelection
    labels: dict[str, int]
    warnings: tuple[str, ...] = ()

    _seen: dict[str, int | None] = field(default_factory=dict)

    def _lookup(self, text: str) -> int | None:
        """The template index of a pick; each distinct spelling is normalised once."""
        if text not in self._seen:
            if len(self._seen) > LOOKUP_LIMIT:
                self._seen.clear()
            self._seen[text] = self.labels.get(header_key(text))
        return self._seen[text]

    def columns(self) -> list[int]:
        """Every column position read."""
        cols = set(self.plan.needed) | {p for ps in self.questions.values() for p in ps}
        return sorted(cols)

    def ids(self) -> Iterator[tuple[int, str]]:
        """(row, respondent id) of every row: only the id column is read."""
        rid = self.plan.respondent_id
        if rid is None:
            return
        row = 2
        for rb in self.reader([rid], frozenset({rid})):
            for cell in rb.column(f"c{rid}").to_pylist():
                yield row, (cell or "").strip()
                row += 1

    def rows(self) -> Iterator[tuple[list[SelectionRow], list[Issue]]]:
        """Each batch's respondents and the pick issues found in it."""
        row = 2
        plain = frozenset(self.columns())
        labels = tuple(self.labels)
        for whole in self.reader(self.columns(), plain):
            # NOTE: the reader coalesces ~100 000 rows; as Python objects a slice at a time,
            # memory stays that of one slice.
            for start in range(0, whole.num_rows, SLICE_ROWS):
                rb = whole.slice(start, SLICE_ROWS)
                cols = {p: rb.column(f"c{p}").to_pylist() for p in self.columns()}
                out: list[SelectionRow] = []
                issues: list[Issue] = []
                for i in range(rb.num_rows):
                    out.append(self._row(row + i, cols, i, issues, labels))
                row += rb.num_rows
                yield out, issues

    def _row(
        self,
        row: int,
        cols: dict[int, list[Any]],
        i: int,
        issues: list[Issue],
        labels: tuple[str, ...],
    ) -> SelectionRow:
        plan = self.plan
        key = tuple((cols[p][i] or "").strip() for p in plan.groups.values())
        rid = plan.respondent_id
        respondent = (cols[rid][i] or "").strip() if rid is not None else ""
        picks: dict[str, tuple[int, ...]] = {}
        over: list[str] = []
        split = self.selection.separator.strip() or self.selection.separator
        for qid, positions in self.questions.items():
            chosen: dict[int, None] = {}
            for p in positions:
                cell = cols[p][i] or ""
                parts = cell.split(split) if len(positions) == 1 else [cell]
                for part in parts:
                    text = part.strip()
                    if not text:
                        continue
                    hit = self._lookup(text)
                    if hit is None:
                        issues.append(
                            Issue(
                                IssueCode.UNKNOWN_PICK,
                                f"{quote_answer(text, labels)!r} is not a label of the template; "
                                "pick ignored",
                                row=row,
                                column=plan.headers[p],
                                value=quote_answer(text, labels),
                            )
                        )
                        continue
                    chosen[hit] = None
            picks[qid] = tuple(chosen)
            if len(chosen) > self.selection.picks:
                over.append(plan.headers[positions[0]])
        return SelectionRow(row, key, respondent, picks, tuple(over))


def label_index(selection: ValuesSelection) -> dict[str, int]:
    """Normalised label, English label and alias -> template index."""
    out: dict[str, int] = {}
    for i, entry in enumerate(selection.template):
        names = (entry.label.id, entry.label.en or "", entry.id, *entry.aliases)
        for name in names:
            if name:
                out.setdefault(header_key(name), i)
    return out


def open_selection(
    path: Path,
    rubric: Rubric,
    group_by: tuple[str, ...],
    *,
    sheet: str | None = None,
    encoding: str | None = None,
) -> SelectionSource:
    """Match the header to the rubric's grouping columns and questions."""
    selection = rubric.selection
    if selection is None:
        raise SurveyError(f"{path}: the rubric is not a values-selection rubric")
    source = str(path)
    headers, reader, warnings, where, _ = read_header(path, rubric, sheet=sheet, encoding=encoding)
    plan = plan_columns(headers, rubric, group_by, source, where)
    keys: dict[str, list[int]] = {}
    for pos, header in enumerate(headers):
        keys.setdefault(header_key(header), []).append(pos)
    questions: dict[str, tuple[int, ...]] = {}
    for q in selection.questions:
        if q.columns:
            found = [_one(keys, headers, (c,), f"question {q.id!r}", source) for c in q.columns]
            questions[q.id] = tuple(found)
        else:
            names = (q.column, *q.aliases)
            questions[q.id] = (_one(keys, headers, names, f"question {q.id!r}", source),)
    used = {p for ps in questions.values() for p in ps}
    identifying = {normalize(n) for n in rubric.columns.identifying}
    ignored = tuple(
        mask_header(h)
        for p, h in enumerate(headers)
        if p not in used and p not in plan.needed and normalize(h) not in identifying
    )
    plan = SurveyPlan(
        source=plan.source,
        headers=plan.headers,
        items={},
        groups=plan.groups,
        respondent_id=plan.respondent_id,
        ignored=ignored,
        warnings=(*warnings, *plan.warnings),
        unit_only=plan.unit_only,
    )
    return SelectionSource(path, plan, questions, reader, selection, label_index(selection))


def _one(
    keys: dict[str, list[int]], headers: list[str], names: tuple[str, ...], what: str, source: str
) -> int:
    hits = sorted({p for n in names for p in keys.get(header_key(n), [])})
    if len(hits) > 1:
        cols = ", ".join(f"{mask_header(headers[p])!r} (column {p + 1})" for p in hits)
        raise SurveyError(f"{source}: {what} matches more than one column: {cols}")
    if not hits:
        looked = ", ".join(repr(n) for n in dict.fromkeys(names))
        raise SurveyError(f"{source}: no column for {what} (looked for {looked})")
    return hits[0]
