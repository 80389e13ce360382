"""What ``survey check`` found in a survey file, without scoring it: plain data for render.

Values of identifying and respondent-id columns are never held here; answer texts are held
already masked (``model.personal_data.quote_answer``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from berakhlak_cli.model.results import RowAccount


class Role(StrEnum):
    """How a column of the file was understood."""

    ITEM = "item"
    UNIT = "unit"
    RESPONDENT_ID = "respondent-id"
    IDENTIFYING = "identifying"
    ATTRIBUTE = "attribute"
    IGNORED = "ignored"


@dataclass(frozen=True)
class ColumnRole:
    """One header: its role, and for an item column the item and the rule that matched."""

    position: int
    header: str
    role: Role
    item: str | None = None
    how: str | None = None


@dataclass(frozen=True)
class LabelCount:
    """One distinct answer text of an item column, how often it occurs and whether it scores."""

    text: str
    count: int
    known: bool


@dataclass(frozen=True)
class UnitProgress:
    """Fieldwork progress of one unit: respondents so far against its headcount and minimum."""

    unit: str
    respondents: int
    headcount: int | None = None
    minimum: int | None = None

    @property
    def rate(self) -> float | None:
        """Response rate, respondents / headcount (None without a headcount)."""
        return self.respondents / self.headcount if self.headcount else None

    @property
    def needed(self) -> int | None:
        """How many more scored respondents the unit needs to reach its minimum."""
        return None if self.minimum is None else max(0, self.minimum - self.respondents)


@dataclass(frozen=True)
class SurveyCheck:
    """The whole report; ``exit_code`` is 0 when the file would score cleanly, 1 with issues."""

    source: str
    columns: tuple[ColumnRole, ...]
    vocabulary: dict[str, tuple[LabelCount, ...]]
    rows: RowAccount
    units: tuple[UnitProgress, ...]
    issues: int
    notes: tuple[str, ...] = ()
    issue_codes: dict[str, int] | None = None
    """Data issues by code (what ``score`` would report)."""
    untallied: int = 0
    """Rows whose answers ``vocabulary`` leaves out: rows ``score`` excludes and rows of units
    it withholds (their counts would give a withheld unit's answers back)."""

    @property
    def unknown_labels(self) -> int:
        """Cells whose answer text is neither a label, a number on the scale nor missing (in
        the rows ``vocabulary`` counts; the issues count every row)."""
        return sum(c.count for counts in self.vocabulary.values() for c in counts if not c.known)

    @property
    def exit_code(self) -> int:
        """0 would score without issues, 1 would score with issues."""
        return 1 if self.issues or self.unknown_labels else 0
