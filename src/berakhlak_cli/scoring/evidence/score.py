"""Score an evidence checklist (bukti dukung) per unit. Pure: no I/O.

- Answer -> item score on 0-100 through the item's answer scale: a listed option (label or alias,
  matched with ``normalize``) scores its ``score``; on a numeric scale a number x in [min, max]
  (decimal comma and a trailing % accepted) scores ``(x - min) / (max - min) * 100``.
- An item with no valid answer (no row, a blank or missing-token answer, or an invalid answer)
  counts as not provided: score 0.
- An answer the scale marks ``not_applicable`` leaves the item out of the unit's denominator:
  its criterion is the weighted mean of the other items, and a criterion whose items are all
  not applicable leaves the evidence score's denominator. A unit whose every answered item is
  not applicable has nothing to score and counts as having no evidence.
- Criterion score = weighted mean of its items' scores (item weights); evidence score = weighted
  mean of the criterion scores (criterion weights). Candidate criteria: sources.md §3.3 [I].
- A unit with no answered row at all has *no evidence*; ``evaluation.no_evidence`` decides what
  that means for the combined index (``scoring.combined``).

Rows with an unknown unit or evidence id, and repeats of a (unit, id) pair (the first row is
kept), are data issues and ignored. See docs/method-evidence.md.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from berakhlak_cli.model.evidence import Checklist, ChecklistColumn, EvidenceEntry
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import quote_answer
from berakhlak_cli.model.results import Issue, IssueCode
from berakhlak_cli.model.rubric import AnswerScale, Evaluation, NoEvidencePolicy
from berakhlak_cli.scoring.bands import weighted_mean

SOURCE = "evidence"
_NO_EVIDENCE = {
    NoEvidencePolicy.ZERO: "its evidence score counts as 0",
    NoEvidencePolicy.SURVEY_ONLY: "its combined index is the survey index alone",
    NoEvidencePolicy.WITHHOLD: "no combined index is published for it",
}
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
Col = ChecklistColumn


@dataclass(frozen=True)
class ItemAnswer:
    """One evidence item of one unit: its 0-100 score and whether a valid answer was given."""

    score: float
    provided: bool
    answer: str | None = None
    row: int | None = None
    not_applicable: bool = False
    """The answer marks the item not applicable: it is left out of the unit's denominator."""


@dataclass(frozen=True)
class UnitEvidence:
    """A unit's evidence: every rubric item's answer, criterion scores and the evidence score."""

    key: tuple[str, ...]
    items: Mapping[str, ItemAnswer]
    criteria: Mapping[str, float]
    score: float
    no_evidence: bool

    @property
    def provided(self) -> int:
        """How many items have a valid answer."""
        return sum(1 for a in self.items.values() if a.provided)


class AnswerCoder:
    """Maps answer text to a 0-100 score on one answer scale."""

    def __init__(self, scale: AnswerScale) -> None:
        self.scale = scale
        self._labels = {
            normalize(name): option.score
            for option in scale.options
            for name in (option.label, *option.aliases)
            if not option.not_applicable
        }
        self.known = tuple(n for o in scale.options for n in (o.label, *o.aliases))
        """Every answer label, for telling a mistyped answer from free text."""
        self._not_applicable = {
            normalize(name)
            for option in scale.options
            for name in (option.label, *option.aliases)
            if option.not_applicable
        }

    def not_applicable(self, text: str) -> bool:
        """True when ``text`` is one of the scale's "not applicable" answers."""
        return normalize(text) in self._not_applicable

    def score(self, text: str) -> float | None:
        """The item score for ``text``, or None when it is not a valid answer on this scale."""
        key = normalize(text)
        if key in self._labels:
            return self._labels[key]
        if not self.scale.numeric:
            return None
        number = parse_number(key)
        if number is None or not self.scale.min <= number <= self.scale.max:
            return None
        return (number - self.scale.min) / (self.scale.max - self.scale.min) * 100.0

    def describe(self) -> str:
        """The valid answers, for messages and the template (``Ya / Tidak`` or ``0-100``)."""
        parts = [o.label for o in self.scale.options]
        if self.scale.numeric:
            parts.append(f"{self.scale.min:g}-{self.scale.max:g}")
        return " / ".join(parts)


def parse_number(text: str) -> float | None:
    """A plain decimal number (``87,5``, ``87.5``, ``85%``); None for anything else."""
    compact = text.strip().removesuffix("%").replace(" ", "")
    if not _NUMBER.fullmatch(compact):
        return None
    value = float(compact.replace(",", "."))
    return value if math.isfinite(value) else None


def evidence_score(
    evaluation: Evaluation,
    scores: Mapping[str, float],
    not_applicable: frozenset[str] = frozenset(),
) -> tuple[float, dict[str, float]]:
    """(evidence score, criterion scores) from item scores (absent items score 0).

    criterion = sum(w_i * s_i) / sum(w_i) over the items not in ``not_applicable``;
    evidence = sum(w_c * criterion_c) / sum(w_c) over the criteria that kept an item. At least
    one item must be applicable.
    """
    criteria: dict[str, float] = {}
    weights: list[float] = []
    for c in evaluation.criteria:
        kept = [i for i in c.items if i.id not in not_applicable]
        if kept:
            criteria[c.id] = weighted_mean(
                [scores.get(i.id, 0.0) for i in kept], [i.weight for i in kept]
            )
            weights.append(c.weight)
    total = weighted_mean(list(criteria.values()), weights)
    return total, criteria


class _Scorer:
    def __init__(
        self, evaluation: Evaluation, checklist: Checklist, missing: Iterable[str]
    ) -> None:
        self.evaluation = evaluation
        self.checklist = checklist
        self.missing = {"", *(normalize(m) for m in missing)}
        self.items = {normalize(i.id): i for i in evaluation.items}
        coders = {sid: AnswerCoder(s) for sid, s in evaluation.answer_scales.items()}
        self.coders = {i.id: coders[i.answer_scale] for i in evaluation.items}
        self.issues: list[Issue] = []

    def issue(
        self,
        code: IssueCode,
        message: str,
        entry: EvidenceEntry | None,
        column: Col | None,
        *,
        value: str | None = None,
        group: str | None = None,
    ) -> None:
        self.issues.append(
            Issue(
                code,
                message,
                row=entry.row if entry else None,
                column=self.checklist.header(column) if column else None,
                value=value,
                group=group or (entry.unit if entry else None),
                source=SOURCE,
            )
        )

    def entry_item(
        self, entry: EvidenceEntry, units: Mapping[str, tuple[str, ...]], known: set[str]
    ) -> tuple[tuple[str, ...], str] | None:
        """(unit key, item id) of an entry, or None (with an issue) when it cannot be used."""
        unit = normalize(entry.unit)
        if not unit:
            self.issue(IssueCode.UNKNOWN_UNIT, "empty unit cell; row ignored", entry, Col.UNIT)
            return None
        if unit not in units:
            if unit not in known:
                names = [" / ".join(k) for k in units.values()]
                self.issue(
                    IssueCode.UNKNOWN_UNIT,
                    f"unit {entry.unit!r} is not in the survey or the units file; row ignored"
                    + _suggest(entry.unit, names),
                    entry,
                    Col.UNIT,
                    value=entry.unit,
                )
            return None
        item = self.items.get(normalize(entry.evidence_id))
        if item is None:
            what = repr(entry.evidence_id) if entry.evidence_id else "(empty)"
            self.issue(
                IssueCode.UNKNOWN_EVIDENCE,
                f"evidence id {what} is not in the rubric; row ignored"
                + _suggest(entry.evidence_id, [i.id for i in self.evaluation.items]),
                entry,
                Col.EVIDENCE_ID,
                value=entry.evidence_id,
            )
            return None
        return units[unit], item.id

    def run(
        self, units: Sequence[tuple[str, ...]], known: Iterable[str]
    ) -> dict[tuple[str, ...], UnitEvidence]:
        by_name = {normalize(" / ".join(k)): k for k in units}
        known_set = {normalize(k) for k in known}
        seen: dict[tuple[tuple[str, ...], str], EvidenceEntry] = {}
        answers: dict[tuple[str, ...], dict[str, ItemAnswer]] = {k: {} for k in units}
        blank_rows: dict[tuple[tuple[str, ...], str], EvidenceEntry] = {}
        answered: set[tuple[str, ...]] = set()
        for entry in self.checklist.entries:
            found = self.entry_item(entry, by_name, known_set)
            if found is None:
                continue
            key, item_id = found
            first = seen.get((key, item_id))
            if first is not None:
                self.issue(
                    IssueCode.DUPLICATE_EVIDENCE,
                    f"evidence {item_id!r} for this unit repeats row {first.row}; the first row "
                    "is kept",
                    entry,
                    Col.EVIDENCE_ID,
                    value=entry.evidence_id,
                )
                continue
            seen[(key, item_id)] = entry
            if normalize(entry.answer) in self.missing:
                blank_rows[(key, item_id)] = entry
                continue
            coder = self.coders[item_id]
            if coder.not_applicable(entry.answer):
                answers[key][item_id] = ItemAnswer(0.0, True, entry.answer, entry.row, True)
                continue
            answered.add(key)
            score = coder.score(entry.answer)
            if score is None:
                shown = quote_answer(entry.answer, coder.known)
                self.issue(
                    IssueCode.INVALID_ANSWER,
                    f"answer {shown!r} is not valid for {item_id!r} (valid: "
                    f"{coder.describe()}); counted as not provided",
                    entry,
                    Col.ANSWER,
                    value=shown,
                )
                answers[key][item_id] = ItemAnswer(0.0, False, shown, entry.row)
                continue
            answers[key][item_id] = ItemAnswer(score, True, entry.answer, entry.row)
        return {k: self._unit(k, answers[k], k not in answered, blank_rows) for k in units}

    def _unit(
        self,
        key: tuple[str, ...],
        given: dict[str, ItemAnswer],
        no_evidence: bool,
        blank_rows: Mapping[tuple[tuple[str, ...], str], EvidenceEntry],
    ) -> UnitEvidence:
        name = " / ".join(key)
        items: dict[str, ItemAnswer] = {}
        for item in self.evaluation.items:
            answer = given.get(item.id)
            if answer is None:
                blank = blank_rows.get((key, item.id))
                answer = ItemAnswer(0.0, False, None, blank.row if blank else None)
                if not no_evidence:
                    where = "blank answer" if blank else "no row"
                    self.issue(
                        IssueCode.EVIDENCE_NOT_PROVIDED,
                        f"{where} for evidence {item.id!r}; counted as not provided (score 0)",
                        blank,
                        Col.ANSWER if blank else None,
                        value=item.id,
                        group=name,
                    )
            items[item.id] = answer
        if no_evidence:
            policy = self.evaluation.no_evidence
            self.issue(
                IssueCode.NO_EVIDENCE,
                f"no evidence answered for this unit: {_NO_EVIDENCE[policy]} "
                f"(evaluation.no_evidence: {policy.value})",
                None,
                None,
                group=name,
            )
        excluded = frozenset(i for i, a in items.items() if a.not_applicable)
        if len(excluded) == len(items):
            excluded = frozenset()
        scores = {i: a.score for i, a in items.items()}
        score, criteria = evidence_score(self.evaluation, scores, excluded)
        return UnitEvidence(key, items, criteria, score, no_evidence)


def score_checklist(
    evaluation: Evaluation,
    checklist: Checklist,
    units: Sequence[tuple[str, ...]],
    *,
    known: Iterable[str] = (),
    missing: Iterable[str] = ("",),
) -> tuple[dict[tuple[str, ...], UnitEvidence], list[Issue]]:
    """Score every unit in ``units`` (result keys) from the checklist; also return its issues.

    ``known`` are further unit names that are not an error in the checklist (the units file);
    ``missing`` are the tokens meaning "no answer" (the rubric's ``missing``).
    """
    scorer = _Scorer(evaluation, checklist, missing)
    result = scorer.run(units, known)
    issues = sorted(
        scorer.issues,
        key=lambda i: (i.row is None, i.row or 0, i.group or "", i.value or "", i.code.value),
    )
    return result, issues


def _suggest(word: str, candidates: list[str]) -> str:
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return f" (did you mean {match[0]!r}?)" if match else ""
