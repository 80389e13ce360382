"""What a values-selection run produces: per group votes, value %, index, entropy, matches.

Every figure is a *reconstruction* of an unpublished method (``model.values_selection``); the
renderers say so next to the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from berakhlak_cli.model.results import Issue, Score

PAIRS = (("personal", "current"), ("current", "desired"), ("personal", "desired"))
"""The value matches reported, in order: personal-current (keselarasan nilai pribadi dan
organisasi), current-desired (keselarasan budaya saat ini dan diharapkan), personal-desired."""


@dataclass(frozen=True)
class SelectionRow:
    """One respondent: spreadsheet row, group cells (plan order), id, picks per question."""

    row: int
    key: tuple[str, ...]
    respondent: str
    picks: dict[str, tuple[int, ...]]
    """Question id -> template indexes picked (each once, in the order written)."""
    over: tuple[str, ...] = ()
    """Headers of the questions answered with more than ``picks`` behaviours (the first
    column of a one-column-per-pick question)."""


@dataclass(frozen=True)
class Match:
    """Template ids among the ``top`` most-voted of both questions, in template order."""

    first: str
    second: str
    shared: tuple[str, ...]


@dataclass(frozen=True)
class SelectionGroup:
    """One published row (a group, or the institution when ``key`` is empty).

    ``withheld`` (anonymity / complementary) leaves every figure empty; ``votes`` holds each
    question's votes per template entry, ``value_votes`` per value.
    """

    key: tuple[str, ...]
    respondents: int
    headcount: int | None = None
    min_respondents: int | None = None
    eligible: bool | None = None
    withheld: str | None = None
    votes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    value_votes: dict[str, dict[str, int]] = field(default_factory=dict)
    value_pickers: dict[str, int] = field(default_factory=dict)
    """Value id -> respondents who picked at least one of its behaviours (current culture)."""
    values: dict[str, Score] = field(default_factory=dict)
    index: Score | None = None
    entropy: Score | None = None
    positive_energy: Score | None = None
    top: dict[str, tuple[str, ...]] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()


@dataclass(frozen=True)
class SelectionSheet:
    """A scored values-selection survey."""

    group_by: tuple[str, ...]
    groups: tuple[SelectionGroup, ...]
    institution: SelectionGroup
    read: int
    excluded: dict[str, int]
    issues: tuple[Issue, ...]
    issue_counts: dict[str, int]
    summary: Mapping[str, Any] = field(default_factory=dict)
    """The rubric's comparability fingerprint (``scoring.comparability.rubric_summary``)."""

    @property
    def issue_total(self) -> int:
        """Every issue found (``issues`` holds a bounded sample)."""
        return sum(self.issue_counts.values())
