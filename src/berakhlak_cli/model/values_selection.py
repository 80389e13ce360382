"""The values-selection instrument (Survei Indeks BerAKHLAK 2022-2023): template, questions, picks.

Respondents pick the behaviours that first come to mind from a *template* of short behaviour
labels, three times: for their personal values, for the current culture and for the desired
culture (docs/sources.md, "Values selection"). Each template entry belongs to one BerAKHLAK
value, is a *limiting* value (counted in the entropy), or is neither (another positive value).
How the published figures follow from the votes is not public: every rule the scorer uses is
a setting here, with the reconstruction that fits the published figures as its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from berakhlak_cli.model.rubric import RubricKind, Text

__all__ = [
    "QUESTIONS",
    "OverPicks",
    "Question",
    "RubricKind",
    "TemplateEntry",
    "ValuePercent",
    "ValuesSelection",
]


class ValuePercent(StrEnum):
    """How one value's implementation % is computed from the current-culture picks."""

    RESPONDENTS = "respondents"
    """Share of respondents who picked at least one behaviour of the value (default: the
    reconstruction that fits the published 39-74 % range of the seven values)."""
    VOTES = "votes"
    """The value's votes over the maximum votes it could get: respondents x min(picks, the
    value's behaviours in the template)."""


class OverPicks(StrEnum):
    """What happens to a question answered with more than ``picks`` behaviours."""

    EXCLUDE = "exclude"
    """The respondent's row is excluded, with an issue (default: the instrument asks for N)."""
    KEEP = "keep"
    """Every pick counts, with an issue."""


QUESTIONS = ("personal", "current", "desired")
"""The three questions, in the order reports list them; ``current`` is required."""


@dataclass(frozen=True)
class TemplateEntry:
    """One behaviour label respondents can pick.

    ``value`` is the BerAKHLAK value id it belongs to ("" when none); ``limiting`` marks a
    potentially limiting value (Barrett's term), counted in the entropy.
    """

    id: str
    label: Text
    value: str = ""
    limiting: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """Where one question's picks are: one ``column`` holding a list, or ``columns``, one pick
    per column (Forms exports produce both)."""

    id: str
    column: str = ""
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    label: Text | None = None


@dataclass(frozen=True)
class ValuesSelection:
    """The ``selection`` section of a ``kind: values_selection`` rubric (docs/rubric.md)."""

    template: tuple[TemplateEntry, ...]
    questions: tuple[Question, ...]
    picks: int = 10
    separator: str = ", "
    """Between picks in a one-cell list (Google Forms checkbox exports join with ", ")."""
    value_percent: ValuePercent = ValuePercent.RESPONDENTS
    over_picks: OverPicks = OverPicks.EXCLUDE
    top: int = 10
    """How many most-voted behaviours per question the value matches compare."""

    def question(self, qid: str) -> Question | None:
        """The question ``qid`` (personal, current, desired), when the rubric has it."""
        return next((q for q in self.questions if q.id == qid), None)
