"""Band classification and publication rounding (sources.md §2.5 and §4.3)."""

from __future__ import annotations

import dataclasses

import pytest

from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.rubric import BandOn
from berakhlak_cli.scoring.bands import make_score, round_half_up
from berakhlak_cli.scoring.groups.eligibility import minimum_respondents


@pytest.fixture(scope="module")
def rubric():  # type: ignore[no-untyped-def]
    return load_rubric()


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (75.0, "A"),
        (74.9, "B"),
        (74.95, "A"),  # published as 75.0 -> A (band taken after rounding, the default)
        (74.4, "B"),  # Barito Utara 2024
        (76.3, "A"),  # Kalteng 2024
        (80.97, "A"),  # Dinas Kearsipan Barito Utara 2025
        (100.0, "A"),
        (50.0, "B"),
        (49.9, "C"),
        (49.95, "B"),
        (38.9, "C"),  # national Adaptif 2022
        (43.5, "C"),  # Kemendikbudristek Adaptif 2022
        (25.0, "C"),
        (24.9, "D"),
        (0.0, "D"),
    ],
)
def test_default_bands(rubric, value: float, band: str) -> None:  # type: ignore[no-untyped-def]
    assert make_score(value, rubric).band == band


def test_band_on_raw_is_a_setting(rubric) -> None:  # type: ignore[no-untyped-def]
    raw = dataclasses.replace(
        rubric, rounding=dataclasses.replace(rubric.rounding, band_on=BandOn.RAW)
    )
    score = make_score(74.95, raw)
    assert (score.rounded, score.band) == (75.0, "B")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (60.94, 1, 60.9),
        (426.6 / 7, 1, 60.9),
        (409.6 / 7, 1, 58.5),
        (0.8 * 78.0 + 0.2 * 90.0, 1, 80.4),  # the 80/20 example; the float is 80.40000000000001
        (74.95, 1, 75.0),
        (2.675, 2, 2.68),  # Python's round() gives 2.67 (binary float); publication wants 2.68
        (59.375, 1, 59.4),
        (0.05, 1, 0.1),
    ],
)
def test_round_half_up(value: float, decimals: int, expected: float) -> None:
    assert round_half_up(value, decimals) == expected


@pytest.mark.parametrize(
    ("headcount", "minimum"), [(100, 80), (500, 223), (1000, 286), (5000, 371), (1, 1), (0, 0)]
)
def test_slovin_minimum_respondents(rubric, headcount: int, minimum: int) -> None:  # type: ignore[no-untyped-def]
    # sources.md §4.3: n = ceil(N / (1 + N * 0.05^2)); raw 80.0, 222.2, 285.7, 370.4
    assert minimum_respondents(headcount, rubric.eligibility) == minimum
