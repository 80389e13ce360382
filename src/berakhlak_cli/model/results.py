"""The scored results: per-group scores, data issues and row accounting.

Scores are kept raw; ``Score.rounded`` and ``Score.band`` apply the rubric's publication rule
(see ``scoring.bands``). Locale formatting (76,3) happens only in ``render``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from berakhlak_cli.model.behaviours import BehaviourResult, GapTest
from berakhlak_cli.model.evidence import UnitGaps
from berakhlak_cli.model.personal_data import mask_header, mask_personal, may_hold_personal

COMBINED_WITHHELD = "combined-withheld"
"""Group flag: evidence was scored but the rubric withholds this group's combined index."""


class IssueCode(StrEnum):
    """Stable codes for data issues (documented in docs/output.md)."""

    UNKNOWN_LABEL = "unknown-label"
    OUT_OF_RANGE = "out-of-range"
    NOT_INTEGER = "not-integer"
    BLANK_RESPONDENT = "blank-respondent"
    EMPTY_ROW = "empty-row"
    MISSING_GROUP = "missing-group"
    DUPLICATE_RESPONDENT = "duplicate-respondent"
    STRAIGHT_LINING = "straight-lining"
    UNKNOWN_UNIT = "unknown-unit"
    UNKNOWN_EVIDENCE = "unknown-evidence"
    INVALID_ANSWER = "invalid-answer"
    EVIDENCE_NOT_PROVIDED = "evidence-not-provided"
    NO_EVIDENCE = "no-evidence"
    DUPLICATE_EVIDENCE = "duplicate-evidence"
    DOCUMENT_MISSING = "document-missing"
    DOCUMENT_OUTSIDE_DIR = "document-outside-dir"
    NEGATIVE_ITEM_CORRELATION = "negative-item-correlation"
    BELOW_MINIMUM = "below-minimum-respondents"
    NO_HEADCOUNT = "no-headcount"
    NO_GROUP = "no-group"
    HEADCOUNT_BELOW_RESPONDENTS = "headcount-below-respondents"
    PERSONAL_DATA_LABEL = "personal-data-label"
    UNKNOWN_PICK = "unknown-pick"
    TOO_MANY_PICKS = "too-many-picks"


_CELLS = ("value", "group")
"""Issue fields besides the message that can quote a cell (``column`` is a header that matched
a rubric name, so it holds no cell)."""


@dataclass(frozen=True)
class Issue:
    """One data issue, located by spreadsheet row (header = row 1) and column."""

    code: IssueCode
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    group: str | None = None
    excluded: bool = False
    """True when the issue removed the row from scoring."""
    source: str = "survey"

    def __post_init__(self) -> None:
        # NOTE: every issue reaches stderr, --issues and JSON; whatever cell text a message,
        # value or group quotes, e-mails and NIP/NIK/phone-like numbers are masked here once.
        if may_hold_personal(self.message):
            object.__setattr__(self, "message", mask_personal(self.message))
        for name in _CELLS:
            text = getattr(self, name)
            if text and may_hold_personal(text):
                object.__setattr__(self, name, mask_personal(text))


ISSUE_SAMPLE_PER_CODE = 100
"""Issues of each code a scoresheet keeps (the JSON, workbook and terminal list these; the
counts and ``--issues`` cover every issue). See docs/output.md."""


@dataclass(frozen=True)
class IssueCount:
    """How many issues share a code, a source and a column (``column`` None: row-level)."""

    code: str
    source: str
    column: str | None
    count: int


def count_issues(issues: Sequence[Issue]) -> tuple[IssueCount, ...]:
    """The counts of ``issues`` by (code, source, column), sorted (every issue counted once)."""
    tally: dict[tuple[str, str, str | None], int] = {}
    for i in issues:
        key = (i.code.value, i.source, i.column)
        tally[key] = tally.get(key, 0) + 1
    return tuple(IssueCount(*k, n) for k, n in sorted(tally.items(), key=_count_key))


def _count_key(item: tuple[tuple[str, str, str | None], int]) -> tuple[str, str, str]:
    (code, source, column), _ = item
    return (code, source, column or "")


def merge_counts(*parts: Sequence[IssueCount]) -> tuple[IssueCount, ...]:
    """Several tallies as one (counts of equal keys added)."""
    tally: dict[tuple[str, str, str | None], int] = {}
    for part in parts:
        for c in part:
            key = (c.code, c.source, c.column)
            tally[key] = tally.get(key, 0) + c.count
    return tuple(IssueCount(*k, n) for k, n in sorted(tally.items(), key=_count_key))


@dataclass(frozen=True, slots=True)
class Score:
    """A score on 0-100: the raw value, the published (rounded) value and its band code.

    ``respondents`` and ``interval`` say what else is known about it, None when unknown: the
    scorer attaches each interval to its score when it builds the results, and a year read
    back for ``compare``/``report`` carries its value respondents too (a published figure
    only what the report printed, often neither).
    """

    raw: float
    rounded: float
    band: str | None
    respondents: int | None = None
    """Respondents behind the score, when known."""
    interval: Interval | None = None
    """Its confidence interval (with standard error, df and n), when known."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A confidence interval for a score (same units), with the method that produced it."""

    lower: float
    upper: float
    level: float = 0.95
    method: str = ""
    crosses_band: bool = False
    """True when the interval contains a band boundary: the category is not certain."""
    may_be: tuple[str, ...] = ()
    """Other bands the published value could fall in, given the interval (e.g. ``("B",)``)."""
    se: float | None = None
    """Standard error (after the finite-population correction)."""
    n: int = 0
    """Respondents the interval rests on."""
    df: float | None = None
    """Degrees of freedom of the t quantile."""
    rounded: tuple[float, float] | None = None
    """The ends rounded like published scores (what a reader sees and bands are read from)."""


class GroupLevel(StrEnum):
    """Where a result row sits."""

    UNIT = "unit"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class GroupResult:
    """Scores of one group (a unit, a ``--by`` breakdown cell, or the whole institution)."""

    key: tuple[str, ...]
    level: GroupLevel
    respondents: int | None
    """None only for a published unit whose report did not print its respondents (a scored
    group always knows them)."""
    values: Mapping[str, Score | None]
    value_respondents: Mapping[str, int]
    index: Score | None
    withheld: str | None = None
    """Why scores are not published (anonymity, complementary suppression...), else None."""
    evidence: Score | None = None
    combined: Score | None = None
    """Its interval is the survey index's scaled by the survey weight (evidence is a census of
    documents, so it adds no sampling error)."""
    headcount: int | None = None
    min_respondents: int | None = None
    eligible: bool | None = None
    flags: tuple[str, ...] = ()
    behaviours: Mapping[str, BehaviourResult] = field(default_factory=dict)
    """Per behaviour id (rubric order); empty when the group is withheld."""
    gap_tests: tuple[GapTest, ...] = ()
    """A unit's behaviours against the institution (``scoring.priorities``), rubric order."""
    priorities: tuple[str, ...] = ()
    """Behaviour ids furthest below the institution, most negative gap first."""
    staff: int | None = None
    """The institution row only: the staff of the units it contains (units left out of the
    parent for too few respondents are not counted); None unless every one has a headcount."""

    @property
    def response_rate(self) -> float | None:
        """Respondents / headcount; for the institution, respondents / ``staff``."""
        staff = self.headcount if self.key else self.staff
        return self.respondents / staff if staff and self.respondents is not None else None

    @property
    def headline(self) -> Score | None:
        """The number leaders read: the combined index when evidence was scored, else the index.

        None when the combined index is withheld (flag ``combined-withheld``): the survey index
        alone must not stand in for it.
        """
        if self.combined is None and COMBINED_WITHHELD in self.flags:
            return None
        return self.combined if self.combined is not None else self.index

    def value_figure(self, value_id: str) -> Score | None:
        """Value ``value_id``'s score as one figure of a year: with its respondents when the
        row knows them (None: not scored or not published)."""
        score = self.values.get(value_id)
        if score is None or value_id not in self.value_respondents:
            return score
        return replace(score, respondents=self.value_respondents[value_id])

    @property
    def scored_values(self) -> dict[str, Score]:
        """The values with a score (a withheld or unpublished value left out), as figures."""
        out = {vid: self.value_figure(vid) for vid in self.values}
        return {vid: score for vid, score in out.items() if score is not None}

    @property
    def label(self) -> str:
        """The key as one string (``Biro Hukum`` or ``Biro Hukum / PNS``); a level row's key is
        padded with "" below its level (``model.levels``), which the name leaves out."""
        parts = list(self.key)
        while parts and not parts[-1]:
            parts.pop()
        return " / ".join(parts)


@dataclass(frozen=True)
class ItemFit:
    """How one item hangs together with the rest of its scale."""

    item: str
    rest_correlation: float | None
    alpha_if_deleted: float | None


@dataclass(frozen=True)
class ScaleReliability:
    """Internal consistency of one scale (a value's items, or the whole instrument)."""

    scale: str
    """A value id, or ``"instrument"``."""
    items: int
    alpha: float | None
    """Cronbach's alpha, listwise (rows that answered every item of the scale)."""
    alpha_pairwise: float | None
    complete: int
    """Respondents with every item of the scale answered."""
    fits: tuple[ItemFit, ...] = ()
    reason: str = ""
    """Why alpha is missing (too few items or respondents, zero variance)."""


@dataclass(frozen=True)
class RowAccount:
    """Rows read = rows scored + rows excluded (by reason)."""

    read: int
    scored: int
    excluded: Mapping[str, int] = field(default_factory=dict)

    @property
    def reconciles(self) -> bool:
        """True when every read row is either scored or excluded with a reason."""
        return self.read == self.scored + sum(self.excluded.values())


@dataclass(frozen=True)
class RubricRef:
    """What identifies the rubric a result was scored with."""

    id: str
    version: str
    title: str
    instrument: str
    sha256: str
    summary: Mapping[str, Any] | None = field(default_factory=dict)
    """The rubric's comparability fingerprint (``scoring.comparability.rubric_summary``); None
    when a results document read back does not record it."""


@dataclass(frozen=True)
class Scoresheet:
    """Everything ``score`` computes for one survey (and optional evidence)."""

    rubric: RubricRef
    group_by: tuple[str, ...]
    groups: tuple[GroupResult, ...]
    institution: GroupResult
    accounting: RowAccount
    issues: tuple[Issue, ...] = ()
    """A bounded sample: the first issues of each code, in row order (``scoring.issue_log``);
    ``issue_counts`` counts every issue, and ``--issues`` lists every one."""
    issue_counts: tuple[IssueCount, ...] | None = None
    """Every issue by (code, source, column); None: ``issues`` is complete and is counted."""
    ignored_columns: tuple[str, ...] = ()
    reliability: tuple[ScaleReliability, ...] = ()
    """Cronbach's alpha and item-rest correlations per value and for the whole instrument."""
    gaps: tuple[UnitGaps, ...] = ()
    """Per-unit evidence results and gap report (empty unless an evidence checklist was scored)."""
    levels: tuple[str, ...] = ()
    """The level columns of a run with levels, outermost first (``model.levels``): ``groups``
    then holds one row per group at every level, its key padded with "" to the levels."""

    def __post_init__(self) -> None:
        # NOTE: the grouping and level columns are headers of the survey (``--by "HP 0812…"``):
        # every output names them, so they are masked here once, like ignored_columns.
        for name in ("group_by", "levels", "ignored_columns"):
            names = getattr(self, name)
            if any(map(may_hold_personal, names)):
                object.__setattr__(self, name, tuple(map(mask_header, names)))

    @property
    def has_issues(self) -> bool:
        """True when any data issue was recorded."""
        return self.issue_total > 0

    @property
    def tally(self) -> tuple[IssueCount, ...]:
        """Every issue counted by (code, source, column), the sample's or the full tally."""
        return count_issues(self.issues) if self.issue_counts is None else self.issue_counts

    @property
    def issue_total(self) -> int:
        """How many issues were found (the sample ``issues`` may list fewer)."""
        return sum(c.count for c in self.tally)


@dataclass(frozen=True)
class InputRef:
    """An input file as results record it: its role, file name and sha256 of its bytes."""

    role: str
    name: str
    sha256: str


@dataclass(frozen=True)
class Provenance:
    """Who made a result and from what; injected by the CLI so renderers stay deterministic."""

    tool_version: str
    generated_at: str
    inputs: tuple[InputRef, ...] = ()
    survey_year: int | None = None
    """The survey year given with ``score --year`` (recorded in the JSON; None when not given)."""
