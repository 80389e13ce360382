"""A results document read back as one year of ``compare``/``report`` (``YearResult``).

Each row's headline is ``GroupResult.headline`` (the combined index when evidence was scored,
else the survey index; none when the combined index is withheld), with its interval.
"""

from __future__ import annotations

from dataclasses import replace

from berakhlak_cli.model.comparison import (
    Headline,
    ResultKind,
    UnitResult,
    YearResult,
    YearSource,
)
from berakhlak_cli.model.document.contents import ResultsDocument
from berakhlak_cli.model.results import GroupResult, Interval, Score


def figure(
    score: Score | None, interval: Interval | None = None, respondents: int | None = None
) -> Score | None:
    """``score`` as one figure of a year: with its interval and respondents when known."""
    if score is None:
        return None
    return replace(score, respondents=respondents, interval=interval)


def _values(group: GroupResult) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for vid, score in group.values.items():
        shown = figure(score, group.value_intervals.get(vid), group.value_respondents.get(vid))
        if shown is not None:
            out[vid] = shown
    return out


def unit_row(group: GroupResult) -> UnitResult:
    """One group as a compared row (the institution's name is empty)."""
    return UnitResult(
        name=group.label,
        index=figure(group.headline, group.headline_interval),
        values=_values(group),
        respondents=group.respondents,
        headcount=group.headcount,
        survey_index=figure(group.index, group.index_interval),
        evidence=figure(group.evidence),
        withheld=group.withheld,
        eligible=group.eligible,
        min_respondents=group.min_respondents,
        behaviours=group.behaviours,
        gap_tests=group.gap_tests,
        priorities=group.priorities,
    )


def scored_year(
    doc: ResultsDocument, year: int, year_source: YearSource, source: str, sha256: str, label: str
) -> YearResult:
    """The year ``doc`` holds (``year`` as decided by the loader, ``sha256`` of its bytes)."""
    sheet, header, prov = doc.sheet, doc.header, doc.provenance
    ref = sheet.rubric
    inst = sheet.institution
    row = unit_row(inst)
    combined = inst.evidence is not None or inst.combined is not None
    return YearResult(
        year=year,
        year_source=year_source,
        label=label,
        kind=ResultKind.SCORED,
        instrument=ref.instrument,
        source=source,
        sha256=sha256,
        index=row.index,
        headline=Headline.COMBINED if combined else Headline.INDEX,
        values=header.values,
        value_scores=row.values,
        bands=header.bands,
        bands_declared=True,
        decimals=header.rounding.decimals,
        rubric=ref,
        change=header.change,
        units=tuple(unit_row(g) for g in sheet.groups),
        respondents=inst.respondents,
        headcount=inst.headcount,
        has_respondent_stats=True,
        survey_index=row.survey_index,
        evidence=row.evidence,
        gaps=sheet.gaps,
        inputs=prov.inputs,
        tool_version=prov.tool_version or None,
        generated_at=prov.generated_at or None,
        rounding_band_on=header.rounding.band_on.value,
        rounding_mode=header.rounding.mode.value,
        behaviour_info=header.behaviours,
        institution_behaviours=row.behaviours,
        priority_confidence=header.reporting.priority_confidence if header.reporting else 0.95,
    )
