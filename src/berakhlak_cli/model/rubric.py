"""The rubric model: what is asked, how answers map to 0-100, how levels combine, and bands.

A rubric is loaded from YAML by ``loaders.rubric``; every setting whose official value is not
public (domain.md section 6) lives here as a field with a documented default, so a rubric
change never needs a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Lang(StrEnum):
    """Report languages."""

    ID = "id"
    EN = "en"


@dataclass(frozen=True)
class Text:
    """A label in Bahasa Indonesia with an optional English form."""

    id: str
    en: str | None = None

    def get(self, lang: Lang | str = Lang.ID) -> str:
        """Return the label in ``lang``, falling back to Bahasa Indonesia."""
        if lang == Lang.EN and self.en:
            return self.en
        return self.id


@dataclass(frozen=True)
class ScaleLabel:
    """One scale point: its numeric value and the words that mean it."""

    value: float
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Scale:
    """A Likert-type answer scale on [min, max].

    ``points`` lists the labelled points; an answer may be a number on the scale or any of its
    labels (matched case- and space-insensitively). ``integer_only`` rejects 3.5 on a 1-5 scale.
    """

    id: str
    min: float
    max: float
    points: tuple[ScaleLabel, ...] = ()
    integer_only: bool = True


class RespondentMethod(StrEnum):
    """How a group's value scores and index are built from answers."""

    PERSON_FIRST = "person_first"
    """Respondent behaviour = mean of answered items; value = weighted mean of behaviours;
    group value = mean over respondents; index = weighted mean of group value scores."""
    POOLED = "pooled"
    """Group value = weighted item points / weighted maximum points over all answered cells;
    index pools every answered cell of the group (value weights do not apply)."""


class InstitutionMethod(StrEnum):
    """How the whole-institution row is built."""

    POOLED = "pooled"
    """Score all respondents of all eligible units as one group."""
    MEAN_OF_UNITS = "mean_of_units"
    """Unweighted mean of the eligible units' value scores and index (KemenPANRB's national
    figure is described as an average over qualifying instansi, domain.md 2.4)."""


class BandOn(StrEnum):
    """Whether the band is taken from the rounded or the raw index."""

    ROUNDED = "rounded"
    RAW = "raw"


@dataclass(frozen=True)
class Item:
    """One survey statement, read from the column ``column`` (or any of ``aliases``)."""

    id: str
    text: Text
    column: str
    aliases: tuple[str, ...] = ()
    scale: str = ""
    reverse: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class Behaviour:
    """A panduan perilaku: a weighted group of items."""

    id: str
    label: Text
    items: tuple[Item, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Value:
    """A core value (e.g. Akuntabel): a weighted group of behaviours."""

    id: str
    code: str
    label: Text
    behaviours: tuple[Behaviour, ...]
    weight: float = 1.0
    definition: Text | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        """All items of the value, in rubric order."""
        return tuple(i for b in self.behaviours for i in b.items)


@dataclass(frozen=True)
class Band:
    """A category: ``lower <= score < upper`` (the top band also includes ``upper``)."""

    code: str
    label: Text
    lower: float
    upper: float
    description: Text | None = None


@dataclass(frozen=True)
class Rounding:
    """Publication rounding. Scores are computed on raw values; only publication rounds.

    ``decimals`` (default 1, as KemenPANRB publishes); ``band_on`` (default ``rounded``: 74.95
    publishes as 75.0 and is therefore band A, domain.md 2.5). Rounding is half-up.
    """

    decimals: int = 1
    band_on: BandOn = BandOn.ROUNDED


@dataclass(frozen=True)
class Aggregation:
    """How levels combine; see ``RespondentMethod`` and ``InstitutionMethod``."""

    respondent: RespondentMethod = RespondentMethod.PERSON_FIRST
    institution: InstitutionMethod = InstitutionMethod.POOLED
    require_all_values: bool = True
    """A group's index is published only when every value has at least one score."""


@dataclass(frozen=True)
class ColumnSpec:
    """A survey column: its canonical name and the header variants that also match it."""

    name: str
    aliases: tuple[str, ...] = ()
    label: Text | None = None


@dataclass(frozen=True)
class Columns:
    """The non-item columns the rubric knows about."""

    unit: ColumnSpec
    respondent_id: ColumnSpec | None = None
    attributes: tuple[ColumnSpec, ...] = ()
    identifying: tuple[str, ...] = ()
    """Columns holding personal data (NIP, nama, e-mail): never copied into any output."""


@dataclass(frozen=True)
class Anonymity:
    """Small-group suppression: groups with fewer respondents have scores withheld."""

    min_group_size: int = 5


class EligibilityRule(StrEnum):
    """Minimum-respondent rule (KemenPANRB eligibility; distinct from anonymity)."""

    NONE = "none"
    SLOVIN = "slovin"
    """n = ceil(N / (1 + N e^2)), domain.md 4.3; a configurable default, not an official rule."""
    FIXED = "fixed"
    SHARE = "share"


@dataclass(frozen=True)
class Eligibility:
    """Whether a unit has enough respondents, given its headcount from ``units.csv``."""

    rule: EligibilityRule = EligibilityRule.SLOVIN
    margin_of_error: float = 0.05
    minimum: int = 0
    share: float = 0.0
    exclude_from_parent: bool = True


class DuplicatePolicy(StrEnum):
    """What to do with repeated respondent ids."""

    KEEP_FIRST = "keep_first"
    KEEP_LAST = "keep_last"
    REJECT = "reject"


class StraightLiningPolicy(StrEnum):
    """What to do with respondents who gave the same answer to every item."""

    OFF = "off"
    FLAG = "flag"
    EXCLUDE = "exclude"


@dataclass(frozen=True)
class Quality:
    """Data-quality screens."""

    duplicates: DuplicatePolicy = DuplicatePolicy.KEEP_FIRST
    straight_lining: StraightLiningPolicy = StraightLiningPolicy.FLAG


@dataclass(frozen=True)
class AnswerOption:
    """One allowed evidence answer and its 0-100 score."""

    label: str
    score: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerScale:
    """An evidence answer scale: listed options, or any number in [min, max] when numeric."""

    id: str
    options: tuple[AnswerOption, ...] = ()
    numeric: bool = False
    min: float = 0.0
    max: float = 100.0


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of supporting evidence (bukti dukung) a unit must show."""

    id: str
    requirement: Text
    answer_scale: str
    documents: tuple[str, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class Criterion:
    """A weighted group of evidence items (e.g. Komitmen pimpinan)."""

    id: str
    label: Text
    items: tuple[EvidenceItem, ...]
    weight: float = 1.0
    provisional: bool = True
    """True while the criterion is a documented default awaiting the official juknis."""


class NoEvidencePolicy(StrEnum):
    """What happens to a unit that submitted no evidence at all."""

    ZERO = "zero"
    """The evidence component counts 0 and the unit is flagged (default)."""
    SURVEY_ONLY = "survey_only"
    """The combined index is the survey index alone, flagged."""
    WITHHOLD = "withhold"
    """No combined index is published for the unit."""


class EvidenceInstitution(StrEnum):
    """How the whole institution's evidence score is built from its units' evidence scores."""

    MEAN_OF_UNITS = "mean_of_units"
    """Unweighted mean over the units included in the institution row (default): each unit is
    one evaluated entity, as the national index averages instansi (domain.md 2.4)."""
    RESPONDENT_WEIGHTED = "respondent_weighted"
    """Mean weighted by each unit's scored respondents (bigger units count more)."""


@dataclass(frozen=True)
class Evaluation:
    """The institutional evaluation (evidence checklist) and how it combines with the survey."""

    criteria: tuple[Criterion, ...]
    answer_scales: Mapping[str, AnswerScale]
    survey_weight: float = 0.8
    evaluation_weight: float = 0.2
    no_evidence: NoEvidencePolicy = NoEvidencePolicy.ZERO
    institution: EvidenceInstitution = EvidenceInstitution.MEAN_OF_UNITS

    @property
    def items(self) -> tuple[EvidenceItem, ...]:
        """All evidence items, in rubric order."""
        return tuple(i for c in self.criteria for i in c.items)


@dataclass(frozen=True)
class Change:
    """Settings for year-over-year change."""

    min_meaningful: float = 2.0
    """A change smaller than this (index points) is never called meaningful."""
    confidence: float = 0.95


@dataclass(frozen=True)
class Reporting:
    """How behaviour results are summarised for leaders (docs/rubric.md, ``reporting``)."""

    favourable_points: int = 2
    """The top scale points counted as favourable (2 on a 1-5 scale: Setuju, Sangat Setuju)."""
    priorities: int = 3
    """How many behaviours below the institution each unit's priority list shows."""
    priority_confidence: float = 0.95
    """Level of the gap interval; 1 - level is the family-wise error of Holm's procedure."""


@dataclass(frozen=True)
class ExampleExpectation:
    """What a rubric example must score; every field is optional (None/empty = not checked).

    Numbers are compared with the raw (unrounded) scores within the example's tolerance; bands
    with the published band. ``respondents`` is the number of respondents scored.
    """

    values: Mapping[str, float] = field(default_factory=dict)
    index: float | None = None
    band: str | None = None
    respondents: int | None = None
    evidence: float | None = None
    combined: float | None = None
    combined_band: str | None = None


@dataclass(frozen=True)
class RubricExample:
    """A self-test embedded in the rubric: a few answers in, the expected scores out.

    ``rubric validate`` scores each example with the real scoring code, so a rubric (or code)
    change that silently shifts results fails CI. ``respondents`` holds each respondent's
    answers keyed by item id, as text a survey cell could hold (None = not answered);
    ``evidence`` holds the unit's evidence answers keyed by evidence id.
    """

    name: str
    respondents: tuple[Mapping[str, str | None], ...]
    expect: ExampleExpectation
    unit: str = "Unit contoh"
    evidence: Mapping[str, str] = field(default_factory=dict)
    tolerance: float = 0.01


@dataclass(frozen=True)
class Rubric:
    """A complete scoring rubric (format 1)."""

    id: str
    version: str
    title: Text
    instrument: str
    locale: Lang
    scales: Mapping[str, Scale]
    values: tuple[Value, ...]
    bands: tuple[Band, ...]
    columns: Columns
    missing: tuple[str, ...] = ("",)
    rounding: Rounding = field(default_factory=Rounding)
    aggregation: Aggregation = field(default_factory=Aggregation)
    anonymity: Anonymity = field(default_factory=Anonymity)
    eligibility: Eligibility = field(default_factory=Eligibility)
    quality: Quality = field(default_factory=Quality)
    evaluation: Evaluation | None = None
    change: Change = field(default_factory=Change)
    reporting: Reporting = field(default_factory=Reporting)
    examples: tuple[RubricExample, ...] = ()
    source: str = ""
    sha256: str = ""
    """Digest of the rubric file's bytes, set by the loader (empty for in-code rubrics)."""

    @property
    def items(self) -> tuple[Item, ...]:
        """All survey items, in rubric order."""
        return tuple(i for v in self.values for i in v.items)

    def band_for(self, code: str) -> Band | None:
        """Return the band with ``code``, if any."""
        return next((b for b in self.bands if b.code == code), None)
