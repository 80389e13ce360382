"""Small ``YearResult`` values for pure comparison tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from berakhlak_cli.model.comparison import (
    BandInfo,
    Headline,
    ResultKind,
    ValueInfo,
    YearResult,
    YearSource,
    published_row,
)
from berakhlak_cli.model.results import GroupResult, RubricRef, Score

BANDS = (
    BandInfo("A", "Sehat", 75.0, 100.0, "Healthy"),
    BandInfo("B", "Cukup Sehat", 50.0, 75.0, "Fairly healthy"),
    BandInfo("C", "Tidak Sehat", 25.0, 50.0, "Unhealthy"),
    BandInfo("D", "Sangat Tidak Sehat", 0.0, 25.0, "Very unhealthy"),
)
VALUES = (
    ValueInfo("akuntabel", "AK", "Akuntabel", "Accountable"),
    ValueInfo("adaptif", "AD", "Adaptif", "Adaptive"),
)


def band(x: float) -> str:
    """Band code of a published value under the default bands."""
    return next(b.code for b in BANDS if b.lower <= x < b.upper or (b.code == "A" and x == 100))


def fig(x: float, respondents: int | None = None) -> Score:
    """A published figure with its default band."""
    return Score(x, x, band(x), respondents)


def unit(
    name: str, index: float | None, respondents: int | None = None, **values: float
) -> GroupResult:
    """A published unit row with an index and value scores."""
    shown = {k: fig(v, respondents) for k, v in values.items()}
    return published_row(name, fig(index) if index is not None else None, shown, respondents)


def rubric(version: str = "1", summary: Mapping[str, Any] | None = None) -> RubricRef:
    """Rubric identity (optionally with a comparability fingerprint)."""
    return RubricRef("test", version, "Test", "Likert", "0" * 64, summary)


def year(
    y: int,
    index: float | None = 60.0,
    *,
    instrument: str = "Likert",
    values: Mapping[str, float] | None = None,
    units: tuple[GroupResult, ...] = (),
    rub: RubricRef | None = None,
    headline: Headline = Headline.PUBLISHED,
    bands: tuple[BandInfo, ...] = BANDS,
    declared: bool = False,
    value_set: tuple[ValueInfo, ...] = VALUES,
    decimals: int = 1,
    source: str = "",
) -> YearResult:
    """A year's results with sensible defaults."""
    return YearResult(
        year=y,
        year_source=YearSource.FILE,
        label="Instansi",
        kind=ResultKind.SCORED if rub else ResultKind.PUBLISHED,
        instrument=instrument,
        source=source or f"hasil-{y}.yaml",
        sha256="0" * 64,
        index=fig(index) if index is not None else None,
        headline=headline,
        values=value_set,
        value_scores={k: fig(v) for k, v in (values or {}).items()},
        bands=bands,
        bands_declared=declared,
        decimals=decimals,
        rubric=rub,
        units=units,
    )
