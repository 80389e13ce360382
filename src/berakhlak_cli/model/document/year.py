"""A results document read back as one year of ``compare``/``report`` (``YearResult``).

Each row's headline is ``GroupResult.headline`` (the combined index when evidence was scored,
else the survey index; none when the combined index is withheld), with its interval.
"""

from __future__ import annotations

from berakhlak_cli.model.comparison import Headline, ResultKind, YearResult, YearSource
from berakhlak_cli.model.document.contents import ResultsDocument


def scored_year(
    doc: ResultsDocument, year: int, year_source: YearSource, source: str, sha256: str, label: str
) -> YearResult:
    """The year ``doc`` holds (``year`` as decided by the loader, ``sha256`` of its bytes)."""
    sheet, header, prov = doc.sheet, doc.header, doc.provenance
    ref = sheet.rubric
    inst = sheet.institution
    combined = inst.evidence is not None or inst.combined is not None
    return YearResult(
        year=year,
        year_source=year_source,
        label=label,
        kind=ResultKind.SCORED,
        instrument=ref.instrument,
        source=source,
        sha256=sha256,
        index=inst.headline,
        headline=Headline.COMBINED if combined else Headline.INDEX,
        values=header.values,
        value_scores=inst.scored_values,
        bands=header.bands,
        bands_declared=True,
        decimals=header.rounding.decimals,
        rubric=ref,
        change=header.change,
        units=sheet.groups,
        respondents=inst.respondents,
        headcount=inst.headcount,
        has_respondent_stats=True,
        survey_index=inst.index,
        evidence=inst.evidence,
        gaps=sheet.gaps,
        inputs=prov.inputs,
        tool_version=prov.tool_version or None,
        generated_at=prov.generated_at or None,
        rounding_band_on=header.rounding.band_on.value,
        rounding_mode=header.rounding.mode.value,
        behaviour_info=header.behaviours,
        institution_behaviours=inst.behaviours,
        priority_confidence=header.reporting.priority_confidence if header.reporting else 0.95,
    )
