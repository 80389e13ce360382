"""The evidence checklist (bukti dukung) as read, and the per-unit gap report it produces.

A checklist is long format: one entry per (unit, evidence item) with the unit's answer, the
document it points to and a reviewer's note. The gap report lists, per unit, every evidence item
not fully met and what meeting it would add to the unit's combined index (docs/method-evidence.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ChecklistColumn(StrEnum):
    """The roles a checklist column can play."""

    UNIT = "unit"
    EVIDENCE_ID = "evidence_id"
    ANSWER = "answer"
    DOCUMENT = "document"
    NOTE = "note"


@dataclass(frozen=True)
class EvidenceEntry:
    """One checklist row, cells as text; ``row`` is the spreadsheet row (header = row 1)."""

    row: int
    unit: str
    evidence_id: str
    answer: str
    document: str = ""
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    """A read checklist: its entries and the header text of each role's column (for issues)."""

    source: str
    entries: tuple[EvidenceEntry, ...]
    headers: Mapping[ChecklistColumn, str]
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def header(self, role: ChecklistColumn) -> str:
        """The column header as written in the file (the role name when the column is absent)."""
        return self.headers.get(role, role.value)


@dataclass(frozen=True)
class EvidenceGap:
    """One evidence item a unit has not fully met.

    ``points`` is what the unit's combined index gains if the item is fully met (score 100),
    all else equal: ``evaluation_weight * criterion_share * item_share * (100 - score)``. It is
    None when the unit submitted no evidence and the rubric does not score absent evidence as 0
    (``no_evidence: survey_only`` or ``withhold``): the combined index is then not linear in it.
    """

    evidence_id: str
    criterion_id: str
    score: float
    provided: bool
    points: float | None
    answer: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class UnitGaps:
    """A unit's evidence result and gap report.

    ``evidence`` is the raw evidence score (None when the unit submitted nothing and the rubric
    does not count that as 0). ``combined``/``band`` are the *published* combined index and its
    band; ``to_next_band`` is how many published points the combined index must gain to reach
    ``next_band`` (None at the top band, or when the combined index is withheld).
    """

    key: tuple[str, ...]
    evidence: float | None
    criteria: Mapping[str, float] = field(default_factory=dict)
    provided: int = 0
    expected: int = 0
    no_evidence: bool = False
    combined: float | None = None
    band: str | None = None
    next_band: str | None = None
    to_next_band: float | None = None
    items: tuple[EvidenceGap, ...] = ()
    """The items not fully met, in rubric order."""

    @property
    def unit(self) -> str:
        """The unit's name as shown in results."""
        return " / ".join(self.key)

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of the evidence items the unit did not provide (no valid answer), rubric order."""
        return tuple(g.evidence_id for g in self.items if not g.provided)

    @property
    def ranked(self) -> tuple[EvidenceGap, ...]:
        """The unmet items, largest gain first (ties and unknown gains keep rubric order)."""
        return tuple(sorted(self.items, key=lambda g: -(g.points or 0.0)))
