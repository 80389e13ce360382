"""Table cells of the HTML report: text plus CSS classes for alignment, band colour and change."""

from __future__ import annotations

from dataclasses import dataclass, field

from berakhlak_cli.model.comparison import YearResult
from berakhlak_cli.model.results import Score
from berakhlak_cli.model.rubric import Lang


@dataclass(frozen=True)
class Cell:
    """A table cell: its text and CSS classes (``num``, ``band-1`` … ``band-4``, ``up``)."""

    text: str
    css: str = ""


@dataclass(frozen=True)
class Table:
    """A header and rows of cells, and notes printed under the table."""

    head: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)


def band_css(year: YearResult, code: str | None) -> str:
    """``band-1`` for the top band, ``band-2`` for the next … (whatever the codes are)."""
    ranked = sorted(year.bands, key=lambda b: -b.upper)
    for pos, band in enumerate(ranked, start=1):
        if band.code == code:
            return f"band-{min(pos, 4)}"
    return ""


def delta_css(delta: float | None) -> str:
    """``num up`` for a rise, ``num down`` for a fall, ``num`` for no change or none."""
    if delta is None or abs(delta) < 1e-9:
        return "num"
    return "num up" if delta > 0 else "num down"


def band_cell(figure: Score | None, year: YearResult, lang: Lang) -> Cell:
    """``A Sehat`` coloured by band (``—`` when there is no band)."""
    if figure is None or figure.band is None:
        return Cell("—")
    return Cell(f"{figure.band} {year.band_label(figure.band, lang)}", band_css(year, figure.band))
