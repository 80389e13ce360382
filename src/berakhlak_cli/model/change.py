"""A year-over-year change with its confidence interval and the "meaningful change" decision.

Made by ``scoring.uncertainty.compare_years`` (Welch interval on the raw scores of two
independent years; docs/method-statistics.md), rounded by ``scoring.change`` and read by the
renderers. It is the one shape of a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NoInterval(StrEnum):
    """Why a mean or a change has no interval (stable codes; the comparison JSON/CSV
    ``reason``)."""

    PUBLISHED_FIGURE = "published-figure"
    """A side is a published figure: no respondent-level data."""
    TOO_FEW_RESPONDENTS = "too-few-respondents"
    """A side rests on fewer than 2 respondents."""
    NOT_IN_RESULTS = "no-interval-in-results"
    """A scored side carries no interval (pooled method, a merged unit, an older results file)."""


@dataclass(frozen=True)
class ChangeInterval:
    """``estimate = new.raw - old.raw`` with its interval, or the reason there is none."""

    estimate: float
    level: float
    min_meaningful: float
    lower: float | None = None
    upper: float | None = None
    rounded: tuple[float, float] | None = None
    """The ends rounded half-up like the change itself (what a reader sees)."""
    se: float | None = None
    df: float | None = None
    """Welch-Satterthwaite degrees of freedom (NaN when both years are censuses)."""
    meaningful: bool | None = None
    """The interval excludes 0 and ``|estimate| >= min_meaningful``; None without an interval."""
    reason: NoInterval | None = None
    detail: str = ""
    """"no interval available: ..." when there is no interval."""

    @property
    def has_interval(self) -> bool:
        """True when ``lower`` and ``upper`` are set."""
        return self.lower is not None and self.upper is not None
