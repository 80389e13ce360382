"""The rubric's settings sections: rounding, aggregation, anonymity, eligibility, quality,
change and intervals (docs/rubric.md). Re-exported by ``model.rubric``; every default is the
documented one, so a rubric change never needs a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
    figure is described as an average over qualifying instansi, sources.md §2.4)."""
    RESPONDENT_WEIGHTED = "respondent_weighted"
    """Mean of the units' scores weighted by each unit's respondents to that value (or to the
    index)."""
    HEADCOUNT_WEIGHTED = "headcount_weighted"
    """Mean of the units' scores weighted by each unit's headcount (units file): each unit
    counts as much as the staff it stands for."""


class RoundingMode(StrEnum):
    """How a published score is rounded at a tie (x.x5 to one decimal)."""

    HALF_UP = "half_up"
    """74.95 -> 75.0 (away from zero; default, as a person rounds)."""
    HALF_EVEN = "half_even"
    """74.95 -> 75.0, 74.85 -> 74.8: ties go to the even last digit (banker's rounding)."""


class BandOn(StrEnum):
    """Whether the band is taken from the rounded or the raw index."""

    ROUNDED = "rounded"
    RAW = "raw"


@dataclass(frozen=True)
class Rounding:
    """Publication rounding. Scores are computed on raw values; only publication rounds.

    ``decimals`` (default 1, as KemenPANRB publishes); ``band_on`` (default ``rounded``: 74.95
    publishes as 75.0 and is therefore band A, sources.md §2.5); ``mode`` (default half-up).
    """

    decimals: int = 1
    band_on: BandOn = BandOn.ROUNDED
    mode: RoundingMode = RoundingMode.HALF_UP


@dataclass(frozen=True)
class Aggregation:
    """How levels combine; see ``RespondentMethod`` and ``InstitutionMethod``."""

    respondent: RespondentMethod = RespondentMethod.PERSON_FIRST
    institution: InstitutionMethod = InstitutionMethod.POOLED
    require_all_values: bool = True
    """A group's index is published only when every value has at least one score."""


@dataclass(frozen=True)
class Anonymity:
    """Small-group suppression: groups with fewer respondents have scores withheld."""

    min_group_size: int = 5


class EligibilityCombine(StrEnum):
    """How several minimum-respondent rules combine."""

    MAX = "max"
    """The largest minimum applies: every rule must be met (default)."""
    MIN = "min"
    """The smallest minimum applies: meeting any one rule is enough."""


class EligibilityRule(StrEnum):
    """Minimum-respondent rule (KemenPANRB eligibility; distinct from anonymity)."""

    NONE = "none"
    SLOVIN = "slovin"
    """n = ceil(N / (1 + N e^2)), sources.md §4.3; a configurable default, not an official rule."""
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
    also: tuple[EligibilityRule, ...] = ()
    """Further rules combined with ``rule`` by ``combine`` (``rule: [fixed, share]``)."""
    combine: EligibilityCombine = EligibilityCombine.MAX

    @property
    def rules(self) -> tuple[EligibilityRule, ...]:
        """Every rule in force, ``rule`` first."""
        return (self.rule, *self.also)


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
    straight_lining_min_same: int | None = None
    """Straight-lined = at least this many answered items share one answer (None: every item,
    and all must be answered; the default)."""


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
class Intervals:
    """Confidence intervals of group scores (docs/method-statistics.md)."""

    level: float | None = None
    """Confidence level; None (not written) follows ``change.confidence``."""
    finite_population_correction: bool = True
    """Apply 1 - n/N when the unit's headcount N is known."""
