"""Library entry point for the institutional evaluation: checklist -> evidence -> combined index."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from berakhlak_cli.errors import EvidenceError
from berakhlak_cli.loaders.evidence.checklist import load_checklist
from berakhlak_cli.loaders.evidence.documents import check_documents
from berakhlak_cli.model.evidence import Checklist
from berakhlak_cli.model.results import Issue, Scoresheet
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.scoring.evidence.combined import add_evidence
from berakhlak_cli.scoring.evidence.score import score_checklist
from berakhlak_cli.scoring.issue_log import IssueSink


def _order(issue: Issue) -> tuple[bool, int, str, str]:
    return (issue.row is None, issue.row or 0, issue.group or "", issue.code.value)


def score_evidence(
    sheet: Scoresheet,
    rubric: Rubric,
    path: Path,
    *,
    evidence_dir: Path | None = None,
    known_units: Iterable[str] = (),
    sheet_name: str | None = None,
    encoding: str | None = None,
    on_issues: IssueSink | None = None,
) -> tuple[Scoresheet, Checklist]:
    """Add the evidence checklist at ``path`` to a survey scoresheet grouped by unit.

    ``known_units`` (e.g. the units file's names) are accepted in the checklist even without
    survey respondents; ``evidence_dir`` enables the document checks; ``on_issues``
    receives the checklist's issues (as ``score_survey``'s does the survey's).
    """
    if rubric.evaluation is None:
        raise EvidenceError(
            f"rubric {rubric.id!r} has no 'evaluation' section, so it cannot score evidence"
        )
    unit = rubric.columns.unit.name
    if sheet.group_by != (unit,):
        raise EvidenceError(
            f"evidence is scored per unit: group by the unit column {unit!r}, not "
            f"{', '.join(sheet.group_by)}"
        )
    checklist = load_checklist(path, rubric, sheet=sheet_name, encoding=encoding)
    issues: list[Issue] = []
    if evidence_dir is not None:
        issues += check_documents(checklist, evidence_dir)
    units, checklist_issues = score_checklist(
        rubric.evaluation,
        checklist,
        [g.key for g in sheet.groups],
        known=known_units,
        missing=rubric.missing,
    )
    issues += checklist_issues
    issues.sort(key=_order)
    if on_issues is not None and issues:
        on_issues(iter(issues))
    return add_evidence(sheet, rubric, units, issues), checklist
