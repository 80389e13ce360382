"""Behaviour-level results (panduan perilaku): score, answer distribution and priorities.

A behaviour's score uses the same 0-100 conversion, rounding and bands as a value's
(``scoring.behaviours``). Its distribution counts the answers to the behaviour's items per
scale point, in the scoring direction (a reverse-keyed item's 1 counts as 5), so the top
points are always the favourable ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from berakhlak_cli.model.results import Score


@dataclass(frozen=True, slots=True)
class Distribution:
    """Answers per scale point (lowest first) and how many top points count as favourable.

    Only the counts are stored; the shares are computed when read (``c / total``, the same
    float64 division the scorer would do in an array pass). Stored shares cost ~400 B per
    behaviour of every group, ~30 MiB at 5 000 units, more than reading them twice (issue #16).
    """

    points: tuple[float, ...]
    counts: tuple[int, ...]
    favourable_points: int = 2

    @property
    def total(self) -> int:
        """Answers counted (for a one-item behaviour: its respondents)."""
        return sum(self.counts)

    @property
    def shares(self) -> tuple[float | None, ...]:
        """Share of answers per point (0-1); None when nothing was answered."""
        return self.figures()[1]

    @property
    def favourable(self) -> int:
        """Answers on the top ``favourable_points`` points."""
        return sum(self.counts[len(self.counts) - self.favourable_points :])

    @property
    def favourable_share(self) -> float | None:
        """``favourable / total`` (0-1); None when nothing was answered."""
        return self.figures()[3]

    def figures(self) -> tuple[int, tuple[float | None, ...], int, float | None]:
        """``(total, shares, favourable, favourable_share)`` in one pass over the counts (the
        results document reads all four for every behaviour of every group)."""
        counts = self.counts
        total = sum(counts)
        favourable = sum(counts[len(counts) - self.favourable_points :])
        if not total:
            return 0, (None,) * len(counts), favourable, None
        return total, tuple(c / total for c in counts), favourable, favourable / total


@dataclass(frozen=True, slots=True)
class BehaviourResult:
    """One behaviour of one group: published score, respondents and distribution."""

    id: str
    value: str
    """The id of the value the behaviour belongs to."""
    score: Score | None
    respondents: int
    """Respondents with a score on this behaviour (at least one of its items answered)."""
    distribution: Distribution
    sd: float | None = None
    """Standard deviation of respondents' behaviour scores (divisor n - 1)."""


@dataclass(frozen=True, slots=True)
class GapTest:
    """A unit's behaviour against the institution: gap, interval, p-value and Holm's verdict.

    ``gap = unit - institution`` on raw scores (negative: the unit is below). ``lower``,
    ``upper``, ``p`` and ``df`` are None when the test cannot be made (fewer than two
    respondents on a side, zero variance, or an institution row that is a mean of units).
    """

    behaviour: str
    gap: float
    lower: float | None = None
    upper: float | None = None
    p: float | None = None
    df: float | None = None
    significant: bool = False
    """True when Holm's step-down procedure across the unit's behaviours rejects "no gap"."""


@dataclass(frozen=True)
class BehaviourInfo:
    """A behaviour as a results document lists it: id, its value's id, label."""

    id: str
    value: str
    label: str
