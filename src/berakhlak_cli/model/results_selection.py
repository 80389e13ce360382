"""The values-selection part of a results document (``kind: values_selection``, docs/output.md).

A values-selection run publishes the common document (header, group scores, rows, issues,
provenance) plus what only that instrument has: the ``method`` block saying the figures are a
*reconstruction* of an unpublished method, the behaviour ``template`` respondents picked from,
and per group a ``selection`` block (votes, entropy, positive energy, value matches).
``model.results_codec_selection`` writes and reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from berakhlak_cli.model.results import Score
from berakhlak_cli.model.values_selection_results import Match

METHOD = "reconstruction"
"""The ``method`` of every figure of a values-selection run (the published method is not)."""


@dataclass(frozen=True)
class SelectionMethod:
    """The document's ``method`` block: the note and the rubric's selection rules."""

    note: str
    value_percent: str
    picks: int
    top: int
    status: str = METHOD


@dataclass(frozen=True)
class TemplateInfo:
    """One template entry as published (``value`` "" when it belongs to no value)."""

    id: str
    label: str
    value: str = ""
    limiting: bool = False


@dataclass(frozen=True)
class SelectionFigures:
    """A group's ``selection`` block (``model.values_selection_results.SelectionGroup``)."""

    votes: Mapping[str, Mapping[str, int]]
    """Question -> template id -> votes."""
    value_votes: Mapping[str, Mapping[str, int]]
    value_respondents: Mapping[str, int]
    """Value id -> respondents who picked at least one of its behaviours (current culture)."""
    entropy: Score | None
    positive_energy: Score | None
    top: Mapping[str, tuple[str, ...]]
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class SelectionPart:
    """What a values-selection document adds; ``figures`` by group key (``()``: the
    institution), for every group that is not withheld."""

    method: SelectionMethod
    template: tuple[TemplateInfo, ...]
    figures: Mapping[tuple[str, ...], SelectionFigures]
