"""The rubric model: what is asked, how answers map to 0-100, how levels combine, and bands.

A rubric is loaded from YAML by ``loaders.rubric``; every setting whose official value is not
public (sources.md §6) lives here as a field with a documented default, so a rubric
change never needs a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from berakhlak_cli.model.levels import Level
from berakhlak_cli.model.rubric_settings import (
    Aggregation,
    Anonymity,
    BandOn,
    Change,
    DuplicatePolicy,
    Eligibility,
    EligibilityCombine,
    EligibilityRule,
    InstitutionMethod,
    Intervals,
    Quality,
    Reporting,
    RespondentMethod,
    Rounding,
    RoundingMode,
    StraightLiningPolicy,
)

if TYPE_CHECKING:
    from berakhlak_cli.model.values_selection import ValuesSelection

# NOTE: the settings classes live in model.rubric_settings and are re-exported here, where
# every caller has always imported them from.
__all__ = [
    "Aggregation",
    "Anonymity",
    "AnswerOption",
    "AnswerScale",
    "Band",
    "BandOn",
    "Behaviour",
    "Change",
    "ColumnSpec",
    "Columns",
    "Conversion",
    "Criterion",
    "DuplicatePolicy",
    "Eligibility",
    "EligibilityCombine",
    "EligibilityRule",
    "Evaluation",
    "EvidenceInstitution",
    "EvidenceItem",
    "ExampleExpectation",
    "InstitutionMethod",
    "Intervals",
    "Item",
    "Lang",
    "NoEvidencePolicy",
    "Quality",
    "Reporting",
    "RespondentMethod",
    "Rounding",
    "RoundingMode",
    "Rubric",
    "RubricKind",
    "RubricExample",
    "Scale",
    "ScaleLabel",
    "StraightLiningPolicy",
    "Text",
    "Value",
]


class Lang(StrEnum):
    """Report languages."""

    ID = "id"
    EN = "en"


class RubricKind(StrEnum):
    """Which instrument a rubric describes (``kind``)."""

    LIKERT = "likert"
    """Statements answered on a scale (the default, format 1 as it always was)."""
    VALUES_SELECTION = "values_selection"
    """Pick N behaviours from a template, for three questions (``model.values_selection``)."""


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


class Conversion(StrEnum):
    """How an answer x on a scale [min, max] becomes a 0-100 item score."""

    MIN_MAX = "min_max"
    """(x - min) / (max - min) * 100: the scale's bottom is 0 and its top 100 (default)."""
    OF_MAX = "of_max"
    """x * 100 / max: the KEP/25/M.PAN/2/2004 IKM convention (a 1-4 mean times 25, so the
    bottom of the scale is 25, not 0; docs/sources.md)."""


@dataclass(frozen=True)
class Scale:
    """A Likert-type answer scale on [min, max].

    ``points`` lists the labelled points; an answer may be a number on the scale or any of its
    labels (matched case- and space-insensitively). ``integer_only`` rejects 3.5 on a 1-5 scale.
    ``conversion`` says how an answer becomes 0-100 (``Conversion``).
    """

    id: str
    min: float
    max: float
    points: tuple[ScaleLabel, ...] = ()
    integer_only: bool = True
    conversion: Conversion = Conversion.MIN_MAX


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
class Band:
    """A category: ``lower <= score < upper`` (the top band also includes ``upper``)."""

    code: str
    label: Text
    lower: float
    upper: float
    description: Text | None = None
    label_sets: tuple[tuple[str, Text], ...] = ()
    """Other programmes' labels for this band, by set name (``bands[].labels``); the rubric's
    ``band_labels`` picks one as ``label`` when it is loaded."""


@dataclass(frozen=True)
class Value:
    """A core value (e.g. Akuntabel): a weighted group of behaviours.

    ``bands``: the value's own bands where a programme publishes them; empty = the index bands.
    """

    id: str
    code: str
    label: Text
    behaviours: tuple[Behaviour, ...]
    weight: float = 1.0
    definition: Text | None = None
    bands: tuple[Band, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        """All items of the value, in rubric order."""
        return tuple(i for b in self.behaviours for i in b.items)


@dataclass(frozen=True)
class ColumnSpec:
    """A survey column: its canonical name and the header variants that also match it."""

    name: str
    aliases: tuple[str, ...] = ()
    label: Text | None = None


class HeaderMatching(StrEnum):
    """Which rules match a survey header to an item (``loaders.header_match``)."""

    LOOSE = "loose"
    """Exact names first, then a header containing the behaviour label or item text, or a
    Forms grid header ``Question [row label]`` (default: real exports score unedited)."""
    EXACT = "exact"
    """Only the item's id/column, aliases or text (strict pipelines)."""


@dataclass(frozen=True)
class Columns:
    """The non-item columns the rubric knows about, and how item headers are matched."""

    unit: ColumnSpec
    respondent_id: ColumnSpec | None = None
    attributes: tuple[ColumnSpec, ...] = ()
    identifying: tuple[str, ...] = ()
    """Columns holding personal data (NIP, nama, e-mail): never copied into any output."""
    header_matching: HeaderMatching = HeaderMatching.LOOSE


@dataclass(frozen=True)
class AnswerOption:
    """One allowed evidence answer and its 0-100 score.

    A ``not_applicable`` answer has no score: the item leaves the unit's denominator.
    """

    label: str
    score: float
    aliases: tuple[str, ...] = ()
    not_applicable: bool = False


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
    one evaluated entity, as the national index averages instansi (sources.md §2.4)."""
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
    intervals: Intervals = field(default_factory=Intervals)
    reporting: Reporting = field(default_factory=Reporting)
    levels: tuple[Level, ...] = ()
    """The hierarchy scored in one run, outermost first (``model.levels``); empty: none."""
    examples: tuple[RubricExample, ...] = ()
    source: str = ""
    sha256: str = ""
    """Digest of the rubric file's bytes, set by the loader (empty for in-code rubrics)."""
    kind: RubricKind = RubricKind.LIKERT
    selection: ValuesSelection | None = None
    """The template and questions of a ``kind: values_selection`` rubric (else None)."""

    @property
    def items(self) -> tuple[Item, ...]:
        """All survey items, in rubric order."""
        return tuple(i for v in self.values for i in v.items)

    @property
    def interval_level(self) -> float:
        """Confidence level of group intervals: ``intervals.level``, else ``change.confidence``."""
        level = self.intervals.level
        return self.change.confidence if level is None else level

    def bands_of(self, value_id: str) -> tuple[Band, ...]:
        """The bands a value's scores are read against: its own, else the index bands."""
        value = next((v for v in self.values if v.id == value_id), None)
        return value.bands if value is not None and value.bands else self.bands

    @property
    def score_bands(self) -> tuple[tuple[Band, ...], ...]:
        """Bands for a group's published row: one entry per value, then the index's."""
        return (*(v.bands or self.bands for v in self.values), self.bands)

    def band_for(self, code: str) -> Band | None:
        """Return the band with ``code``, if any: index bands first, then values' own bands."""
        every = (*self.bands, *(b for v in self.values for b in v.bands))
        return next((b for b in every if b.code == code), None)
