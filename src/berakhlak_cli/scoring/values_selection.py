"""Score a values-selection survey: votes, value %, Indeks Implementasi, entropy, matches.

Formulas (a reconstruction: ACT's per-value rule is not published, docs/sources.md):

- votes: per question, how many respondents picked each template entry; a value's votes are
  its behaviours' votes.
- value % (``selection.value_percent``): ``respondents`` (default) = 100 x respondents who
  picked at least one behaviour of the value for the current culture / respondents; ``votes``
  = 100 x the value's current-culture votes / (respondents x min(picks, its behaviours)).
- Indeks Implementasi = unweighted mean of the seven value % (reproduces the published
  national 2022 60,9 and Kemendikbudristek 2022 58,5 from their per-value figures).
- entropy = 100 x current-culture votes for limiting entries / all current-culture votes
  (Barrett's cultural entropy); energi positif = 100 - entropy.
- matches: the template entries among the ``selection.top`` most-voted of two questions
  (ties at the cut broken by template order).

Groups, eligibility and suppression follow the Likert scorer's rules: fine cells over the
``--by`` columns plus the unit (``scoring.breakdowns``), minimum respondents per unit
(``scoring.eligibility``), anonymity and complementary suppression (``scoring.suppression``).
A respondent counts when they picked at least one known behaviour for the current culture.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import looks_personal
from berakhlak_cli.model.results import ISSUE_SAMPLE_PER_CODE, Issue, IssueCode, Score
from berakhlak_cli.model.rubric import Band, BandOn, DuplicatePolicy, Rubric
from berakhlak_cli.model.values_selection import OverPicks, ValuePercent, ValuesSelection
from berakhlak_cli.model.values_selection_results import (
    PAIRS,
    Match,
    SelectionGroup,
    SelectionRow,
    SelectionSheet,
)
from berakhlak_cli.scoring.bands import classify, round_half_up
from berakhlak_cli.scoring.compare.comparability import rubric_summary
from berakhlak_cli.scoring.groups.breakdowns import Cells, suppress
from berakhlak_cli.scoring.groups.eligibility import unit_eligibility


@dataclass
class Tally:
    """Sufficient statistics of one cell: respondents, votes per question, value pickers."""

    respondents: int = 0
    votes: dict[str, list[int]] = field(default_factory=dict)
    pickers: Counter[str] = field(default_factory=Counter)

    def add(
        self, picks: Mapping[str, tuple[int, ...]], values_of: tuple[str, ...], size: int
    ) -> None:
        """Count one respondent (``values_of[i]``: the value id of template entry ``i``)."""
        self.respondents += 1
        for qid, chosen in picks.items():
            counts = self.votes.setdefault(qid, [0] * size)
            for i in chosen:
                counts[i] += 1
        for vid in {values_of[i] for i in picks.get("current", ()) if values_of[i]}:
            self.pickers[vid] += 1

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts to this tally."""
        self.respondents += other.respondents
        for qid, counts in other.votes.items():
            mine = self.votes.setdefault(qid, [0] * len(counts))
            for i, n in enumerate(counts):
                mine[i] += n
        self.pickers.update(other.pickers)


def score_of(raw: float, rubric: Rubric, bands: tuple[Band, ...]) -> Score:
    """``raw`` rounded per the rubric and banded on ``bands`` (``rounding.band_on``)."""
    rounded = round_half_up(raw, rubric.rounding.decimals, rubric.rounding.mode)
    band = classify(rounded if rubric.rounding.band_on == BandOn.ROUNDED else raw, bands)
    return Score(raw=raw, rounded=rounded, band=band.code if band else None)


def value_percent(tally: Tally, selection: ValuesSelection, value_id: str) -> float:
    """One value's implementation % for a tally (module docstring)."""
    n = tally.respondents
    if selection.value_percent == ValuePercent.RESPONDENTS:
        return 100.0 * tally.pickers[value_id] / n
    members = [i for i, e in enumerate(selection.template) if e.value == value_id]
    current = tally.votes.get("current", [0] * len(selection.template))
    most = n * min(selection.picks, len(members))
    return 100.0 * sum(current[i] for i in members) / most


def top_entries(votes: list[int], top: int) -> list[int]:
    """Indexes of the ``top`` most-voted entries with at least one vote (ties: template order)."""
    ranked = sorted((i for i, n in enumerate(votes) if n > 0), key=lambda i: (-votes[i], i))
    return ranked[:top]


def figures(tally: Tally, key: tuple[str, ...], rubric: Rubric) -> SelectionGroup:
    """Every figure of a published cell (module docstring)."""
    sel = rubric.selection
    assert sel is not None  # NOTE: only values-selection rubrics reach this scorer
    ids = [e.id for e in sel.template]
    values = {
        v.id: score_of(value_percent(tally, sel, v.id), rubric, rubric.bands_of(v.id))
        for v in rubric.values
    }
    index = math.fsum(s.raw for s in values.values()) / len(values) if values else None
    current = tally.votes.get("current", [0] * len(ids))
    cast = sum(current)
    limiting = sum(n for n, e in zip(current, sel.template, strict=True) if e.limiting)
    entropy = 100.0 * limiting / cast if cast else None
    tops = {q: top_entries(v, sel.top) for q, v in tally.votes.items()}
    matches = tuple(
        Match(a, b, tuple(ids[i] for i in sorted(set(tops[a]) & set(tops[b]))))
        for a, b in PAIRS
        if a in tops and b in tops
    )
    return SelectionGroup(
        key=key,
        respondents=tally.respondents,
        votes={q: tuple(v) for q, v in tally.votes.items()},
        value_votes={
            q: {
                v.id: sum(n for n, e in zip(c, sel.template, strict=True) if e.value == v.id)
                for v in rubric.values
            }
            for q, c in tally.votes.items()
        },
        value_pickers={v.id: tally.pickers[v.id] for v in rubric.values},
        values=values,
        index=score_of(index, rubric, rubric.bands) if index is not None else None,
        entropy=score_of(entropy, rubric, ()) if entropy is not None else None,
        positive_energy=score_of(100.0 - entropy, rubric, rubric.bands)
        if entropy is not None
        else None,
        top={q: tuple(ids[i] for i in t) for q, t in tops.items()},
        matches=matches,
    )


class SelectionScorer:
    """Accumulate respondents into fine cells, then publish groups and the institution.

    ``groups`` names the key columns of every row (``--by`` columns, then the unit when it is
    read only for the institution row); ``by`` is how many of them are ``--by`` columns;
    ``unit`` the position of the unit column (None when the file has none).
    """

    def __init__(
        self,
        rubric: Rubric,
        groups: tuple[str, ...],
        by: int,
        unit: int | None,
        headers: Mapping[str, str],
        headcounts: Mapping[str, int] | None = None,
    ) -> None:
        assert rubric.selection is not None  # NOTE: the pipeline dispatches on the kind
        self.rubric = rubric
        self.selection = rubric.selection
        self.groups = groups
        self.by = by
        self.unit = unit
        self.headers = headers
        self.headcounts = {normalize(k): v for k, v in (headcounts or {}).items()}
        self.values_of = tuple(e.value for e in self.selection.template)
        self.cells: dict[tuple[str, ...], Tally] = {}
        self.shown: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.read = 0
        self.excluded: Counter[str] = Counter()
        self.issue_counts: Counter[str] = Counter()
        self.issues: list[Issue] = []
        self.drop: set[int] = set()

    def plan_duplicates(self, ids: Iterable[tuple[int, str]]) -> None:
        """Decide which rows of repeated respondent ids count (``quality.duplicates``)."""
        rows: dict[str, list[int]] = {}
        for row, rid in ids:
            if rid:
                rows.setdefault(normalize(rid), []).append(row)
        policy = self.rubric.quality.duplicates
        drop: set[int] = set()
        for found in rows.values():
            if len(found) < 2:
                continue
            if policy == DuplicatePolicy.KEEP_FIRST:
                drop.update(found[1:])
            elif policy == DuplicatePolicy.KEEP_LAST:
                drop.update(found[:-1])
            else:
                drop.update(found)
        self.drop = drop

    def note(self, issue: Issue) -> None:
        """Count an issue and keep it in the bounded sample."""
        code = issue.code.value
        self.issue_counts[code] += 1
        if self.issue_counts[code] <= ISSUE_SAMPLE_PER_CODE:
            self.issues.append(issue)
        if issue.excluded:
            self.excluded[code] += 1

    def add(self, rows: Iterable[SelectionRow], issues: Iterable[Issue] = ()) -> None:
        """Count a batch of rows (and record the loader's issues for it)."""
        for issue in issues:
            self.note(issue)
        size = len(self.selection.template)
        for r in rows:
            self.read += 1
            reason = self._exclusion(r)
            if reason is not None:
                self.note(reason)
                continue
            norm = tuple(normalize(k) for k in r.key)
            tally = self.cells.get(norm)
            if tally is None:
                tally = self.cells[norm] = Tally()
                self.shown[norm] = r.key
            tally.add(r.picks, self.values_of, size)

    def _exclusion(self, r: SelectionRow) -> Issue | None:
        if not any(r.picks.values()) and not any(r.key) and not r.respondent:
            return Issue(IssueCode.EMPTY_ROW, "empty row", row=r.row, excluded=True)
        if r.row in self.drop:
            return Issue(
                IssueCode.DUPLICATE_RESPONDENT, "repeated respondent id", row=r.row, excluded=True
            )
        if self.unit is not None and not r.key[self.unit]:
            column = self.headers.get(self.groups[self.unit])
            return Issue(
                IssueCode.MISSING_GROUP,
                "blank grouping cell",
                row=r.row,
                column=column,
                excluded=True,
            )
        for name, cell in zip(self.groups, r.key, strict=True):
            if cell and looks_personal(cell):
                return Issue(
                    IssueCode.PERSONAL_DATA_LABEL,
                    "grouping cell looks like personal data; not published as a group label",
                    row=r.row,
                    column=self.headers.get(name),
                    value=cell,
                    excluded=True,
                )
        if not r.picks.get("current"):
            return Issue(
                IssueCode.BLANK_RESPONDENT,
                "no known behaviour picked for the current culture",
                row=r.row,
                excluded=True,
            )
        if r.over:
            limit = self.selection.picks
            questions = ", ".join(repr(h) for h in r.over)
            message = f"more than {limit} picks for {questions}"
            drop = self.selection.over_picks == OverPicks.EXCLUDE
            issue = Issue(
                IssueCode.TOO_MANY_PICKS,
                message + ("; row excluded" if drop else "; every pick counted"),
                row=r.row,
                column=r.over[0],
                excluded=drop,
            )
            if drop:
                return issue
            self.note(issue)
        return None

    def finish(self) -> SelectionSheet:
        """Eligibility, suppression and every published figure."""
        norms = list(self.cells)
        keys = [self.shown[n] for n in norms]
        counts = [self.cells[n].respondents for n in norms]
        rule = self.rubric.eligibility
        elig, issues = unit_eligibility(keys, counts, self.unit, self.headcounts, rule)
        for issue in issues:
            self.note(issue)

        def inside(key: tuple[str, ...]) -> bool:
            if self.unit is None:
                return True
            found = elig.get(normalize(key[self.unit]))
            return not (rule.exclude_from_parent and found is not None and found[2] is False)

        cells = Cells(keys, counts, [inside(k) for k in keys], self.unit)
        floor = self.rubric.anonymity.min_group_size
        by = tuple(range(self.by)) if self.by else ((self.unit,) if self.unit is not None else ())
        groups: list[SelectionGroup] = []
        if by:
            run, hidden = suppress(cells, by, floor)
            merged: list[Tally] = [Tally() for _ in run.keys]
            for f, c in enumerate(run.cell_of):
                if c >= 0:
                    merged[c].merge(self.cells[norms[f]])
            for c, key in enumerate(run.keys):
                if run.blank[c]:
                    continue
                groups.append(self._group(merged[c], key, hidden.get(c), elig, by))
        whole = Tally()
        for f, norm in enumerate(norms):
            if cells.inside[f]:
                whole.merge(self.cells[norm])
        if whole.respondents >= floor:
            institution = figures(whole, (), self.rubric)
        else:
            institution = SelectionGroup((), whole.respondents, withheld="anonymity")
        return SelectionSheet(
            group_by=tuple(self.groups[d] for d in by),
            groups=tuple(sorted(groups, key=lambda g: tuple(normalize(k) for k in g.key))),
            institution=institution,
            read=self.read,
            excluded=dict(self.excluded),
            # NOTE: in row order (issues without a row last), whatever the batch size.
            issues=tuple(sorted(self.issues, key=lambda i: (i.row is None, i.row or 0))),
            issue_counts=dict(self.issue_counts),
            summary=rubric_summary(self.rubric),
        )

    def _group(
        self,
        tally: Tally,
        key: tuple[str, ...],
        withheld: str | None,
        elig: Mapping[str, tuple[int | None, int | None, bool | None]],
        by: tuple[int, ...],
    ) -> SelectionGroup:
        unit = by.index(self.unit) if self.unit is not None and self.unit in by else None
        headcount, need, ok = (
            elig.get(normalize(key[unit]), (None, None, None))
            if unit is not None
            else (None, None, None)
        )
        if withheld is not None:
            group = SelectionGroup(key, tally.respondents, withheld=withheld)
        else:
            group = figures(tally, key, self.rubric)
        return replace(group, headcount=headcount, min_respondents=need, eligible=ok)
