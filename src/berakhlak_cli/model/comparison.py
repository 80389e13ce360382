"""One year's results as ``compare`` and ``report`` read them back.

A year comes either from the JSON that ``score -f json`` writes (``kind = scored``: full unit
rows, respondent counts, the rubric's fingerprint) or from figures typed in from a published
KemenPANRB report (``kind = published``: often only the index and a few values). Both load
into ``YearResult``, so comparison and rendering never care where a number came from, only
what is known about it (docs/compare.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from berakhlak_cli.model.behaviours import BehaviourInfo, BehaviourResult
from berakhlak_cli.model.change import ChangeInterval
from berakhlak_cli.model.evidence import UnitGaps
from berakhlak_cli.model.results import GroupLevel, GroupResult, InputRef, RubricRef, Score
from berakhlak_cli.model.rubric import Change


class ResultKind(StrEnum):
    """Where a year's figures come from."""

    SCORED = "scored"
    """Written by ``berakhlak score`` (JSON): computed here from respondent data."""
    PUBLISHED = "published"
    """Typed in from a published report (YAML/CSV): only what the report printed."""


class YearSource(StrEnum):
    """How the year of a results file was decided (reported in every output)."""

    OVERRIDE = "override"
    """``--year FILE=YEAR`` on the command line."""
    FILE = "file"
    """The ``year`` key or column of a published-figures file."""
    FILE_NAME = "file-name"
    """A single four-digit year in the file name (``hasil-2024.json``)."""
    GENERATED_AT = "generated-at"
    """The year the JSON was generated: a last resort, since scoring often happens later."""


class Headline(StrEnum):
    """Which number a year's headline index is."""

    INDEX = "index"
    """The survey index."""
    COMBINED = "combined"
    """Survey and evidence combined (e.g. 80/20)."""
    PUBLISHED = "published"
    """The index as a report published it."""


class Bilingual:
    """Something with an Indonesian label and, when known, an English one."""

    label: str
    label_en: str

    def name(self, lang: str) -> str:
        """The label in ``lang`` ("en" falls back to the Indonesian label)."""
        return self.label_en if lang == "en" and self.label_en else self.label


@dataclass(frozen=True)
class ValueInfo(Bilingual):
    """A core value: id (stable key), short code (BP) and label."""

    id: str
    code: str
    label: str
    label_en: str = ""
    """The English label when known (from the shipped rubric), else empty."""
    bands: tuple[BandInfo, ...] = ()
    """The value's own bands (rubric ``values[].bands``); empty = the year's index bands."""


@dataclass(frozen=True)
class BandInfo(Bilingual):
    """A category: code, label and its half-open range [lower, upper)."""

    code: str
    label: str
    lower: float
    upper: float
    label_en: str = ""


@dataclass(frozen=True)
class YearResult:
    """Everything known about one year's results, whatever file it came from."""

    year: int
    year_source: YearSource
    label: str
    kind: ResultKind
    instrument: str
    source: str
    """The file as given on the command line."""
    sha256: str
    """Digest of the results file's bytes (method appendix)."""
    index: Score | None
    headline: Headline
    values: tuple[ValueInfo, ...]
    """The value set (ordered); ``value_scores`` may cover only some of them."""
    value_scores: Mapping[str, Score]
    bands: tuple[BandInfo, ...]
    bands_declared: bool
    """False when the file gave no bands and the default KemenPANRB bands were assumed."""
    decimals: int = 1
    rubric: RubricRef | None = None
    """The rubric a scored year used; ``summary`` is its comparability fingerprint."""
    change: Change | None = None
    """The rubric's change settings (``rubric.change`` in the results JSON), when recorded."""
    units: tuple[GroupResult, ...] = ()
    """The unit rows (a published unit: ``index`` is its published index, and what the report
    did not print is None)."""
    merged: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Unit name -> the names its row was merged from by ``--units-map`` (merged rows only)."""
    respondents: int | None = None
    headcount: int | None = None
    has_respondent_stats: bool = False
    """True when respondent counts come from respondent-level data (scored JSON)."""
    survey_index: Score | None = None
    evidence: Score | None = None
    gaps: tuple[UnitGaps, ...] = ()
    """Per-unit evidence results; items largest gain first, as the document lists them."""
    inputs: tuple[InputRef, ...] = ()
    tool_version: str | None = None
    generated_at: str | None = None
    rounding_band_on: str | None = None
    rounding_mode: str | None = None
    """``rounding.mode`` of a scored file (None: half-up, the only mode before issue #15)."""
    citations: tuple[str, ...] = ()
    notes: str = ""
    other_indices: Mapping[str, Score] = field(default_factory=dict)
    behaviour_info: tuple[BehaviourInfo, ...] = ()
    """The behaviours (panduan perilaku) the document lists, in rubric order."""
    institution_behaviours: Mapping[str, BehaviourResult] = field(default_factory=dict)
    priority_confidence: float = 0.95

    def band_label(self, code: str | None, lang: str = "id") -> str:
        """The label of band ``code`` in this year's bands (the code itself when unknown)."""
        if code is None:
            return ""
        every = (*self.bands, *(b for v in self.values for b in v.bands))
        return next((b.name(lang) for b in every if b.code == code), code)

    def value(self, value_id: str) -> ValueInfo | None:
        """The value with ``value_id``, if this year's value set has it."""
        return next((v for v in self.values if v.id == value_id), None)


def published_row(
    name: str,
    index: Score | None,
    values: Mapping[str, Score],
    respondents: int | None = None,
    headcount: int | None = None,
) -> GroupResult:
    """A unit (``name`` empty: the institution) as a published report printed it: its index,
    the values it gave, and respondents and headcount when printed (None: not printed)."""
    return GroupResult(
        key=(name,) if name else (),
        level=GroupLevel.UNIT if name else GroupLevel.INSTITUTION,
        respondents=respondents,
        values=values,
        value_respondents={},
        index=index,
        headcount=headcount,
    )


@dataclass(frozen=True)
class UnitRename:
    """One ``--units-map`` row: unit ``old`` (in ``year``, or in every year) is reported as ``new``.

    Several units renamed to the same ``new`` name within one year are merged (see
    ``scoring.compare.merge_units``).
    """

    old: str
    new: str
    year: int | None = None
    row: int = 0


@dataclass(frozen=True)
class Difference:
    """One difference that matters for comparability: ``aspect`` is a stable code."""

    aspect: str
    detail: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"aspect": self.aspect, "detail": self.detail, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Step:
    """The change between two consecutive years' figures."""

    delta: float | None
    old_band: str | None
    new_band: str | None
    # NOTE: left out of ==: a step is identified by the published change; the interval adds to it.
    change: ChangeInterval | None = field(default=None, compare=False)
    """The change on raw scores with its interval (None when a side is missing)."""

    @property
    def band_changed(self) -> bool:
        """True when both years have a band and they differ."""
        return None not in (self.old_band, self.new_band) and self.old_band != self.new_band


@dataclass(frozen=True)
class Line:
    """One compared row (the index, a value, or a unit): a figure per year, a step per pair."""

    key: str
    label: str
    code: str
    figures: tuple[Score | None, ...]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class PairCheck:
    """Comparability of two consecutive years."""

    old: YearResult
    new: YearResult
    differences: tuple[Difference, ...]

    @property
    def comparable(self) -> bool:
        """True when nothing that changes a score's meaning differs."""
        return not self.differences


@dataclass(frozen=True)
class SingleYearUnit:
    """A unit in one year's results only (its figure may be withheld there)."""

    year: int
    line: Line


@dataclass(frozen=True)
class Comparison:
    """Everything ``compare`` and ``report`` show."""

    years: tuple[YearResult, ...]
    index: Line
    values: tuple[Line, ...]
    units: tuple[Line, ...]
    unit_values: Mapping[str, tuple[Line, ...]]
    checks: tuple[PairCheck, ...]
    single_year_units: tuple[SingleYearUnit, ...] = ()
    """Units found in one year only (no change to show): listed, never dropped silently."""

    @property
    def comparable(self) -> bool:
        """True when every consecutive pair is comparable."""
        return all(c.comparable for c in self.checks)
