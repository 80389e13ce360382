"""The results document as data: what ``score -f json`` publishes and ``compare``/``report`` read.

``ResultsDocument`` is the scored ``Scoresheet`` with the rubric facts a reader needs to show it
without the rubric (value and band labels in both languages, rounding, behaviours, reporting
and change settings) and the provenance, plus the values-selection part of a run of that
instrument. ``model.results_codec`` turns it into the ``berakhlak-results`` mapping and back
(docs/output.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak_cli.model.behaviours import BehaviourInfo
from berakhlak_cli.model.comparison import BandInfo, ValueInfo
from berakhlak_cli.model.results import Provenance, Scoresheet
from berakhlak_cli.model.results_selection import SelectionPart
from berakhlak_cli.model.rubric import Band, Change, Lang, Reporting, Rounding, Rubric


@dataclass(frozen=True)
class DocumentHeader:
    """The rubric facts the document carries (``values``, ``bands``, ``rounding``, ...)."""

    values: tuple[ValueInfo, ...]
    bands: tuple[BandInfo, ...]
    rounding: Rounding = Rounding()
    behaviours: tuple[BehaviourInfo, ...] = ()
    reporting: Reporting | None = None
    """None in documents written before behaviour results."""
    change: Change | None = None
    """None in documents written before the change settings were recorded."""

    def band_labels(self) -> dict[str, str]:
        """Band code -> label, the first band with a code (index bands, then value bands)."""
        labels: dict[str, str] = {}
        for band in (*self.bands, *(b for v in self.values for b in v.bands)):
            labels.setdefault(band.code, band.label)
        return labels


@dataclass(frozen=True)
class ResultsDocument:
    """Everything a ``berakhlak-results`` document publishes."""

    sheet: Scoresheet
    header: DocumentHeader
    provenance: Provenance
    institution_response_rate: float | None = None
    """Respondents over the staff of the units the institution contains (``table_rows``)."""
    selection: SelectionPart | None = None
    """The values-selection part (``kind: values_selection``); None for every other run."""


def _band(band: Band, locale: Lang) -> BandInfo:
    return BandInfo(band.code, band.label.get(locale), band.lower, band.upper, band.label.en or "")


def header_of(rubric: Rubric) -> DocumentHeader:
    """The document header of ``rubric``: labels in its locale plus the English ones."""
    loc = rubric.locale
    return DocumentHeader(
        values=tuple(
            ValueInfo(
                v.id,
                v.code,
                v.label.get(loc),
                v.label.en or "",
                bands=tuple(_band(b, loc) for b in v.bands),
            )
            for v in rubric.values
        ),
        bands=tuple(_band(b, loc) for b in rubric.bands),
        rounding=rubric.rounding,
        behaviours=tuple(
            BehaviourInfo(b.id, v.id, b.label.get(loc)) for v in rubric.values for b in v.behaviours
        ),
        reporting=rubric.reporting,
        change=rubric.change,
    )
