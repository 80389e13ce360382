"""The vectorised publication path (``make_scores``, ``round_half_up_exact``, ``_may_be``)
equals the scalar references (``make_score``, ``round_half_up``, ``_bands_between``)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.rubric import BandOn, Rubric
from berakhlak_cli.scoring.bands import (
    classify,
    classify_array,
    make_score,
    make_scores,
    round_half_up,
    round_half_up_exact,
)
from berakhlak_cli.scoring.groups.intervals import _bands_between, _may_be

EDGES = [
    74.95,
    49.95,
    24.95,
    75.0,
    100.0,
    0.0,
    -0.0,
    2.675,
    0.05,
    0.15,
    99.95,
    100.05,
    74.94999999999999,
    74.95000000000002,
    0.8 * 78.0 + 0.2 * 90.0,
    426.6 / 7,
    60.94,
    -0.04,
    -2.5,
    1e12,
    math.nan,
    math.inf,
    -math.inf,
]


def _values() -> list[float]:
    rng = np.random.default_rng(8)
    uniform = rng.uniform(0.0, 100.0, 20_000)
    # means of small groups of Likert-type scores: many land exactly on a .x5 tie
    ratios = rng.integers(0, 2_001, 20_000) / rng.integers(1, 41, 20_000) / 20.0
    ties = np.round(rng.uniform(0.0, 100.0, 5_000), 2)
    return [*EDGES, *uniform.tolist(), *ratios.tolist(), *ties.tolist()]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


def _with(rubric: Rubric, decimals: int, band_on: BandOn) -> Rubric:
    rounding = dataclasses.replace(rubric.rounding, decimals=decimals, band_on=band_on)
    return dataclasses.replace(rubric, rounding=rounding)


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (
        a == b and math.copysign(1, a) == math.copysign(1, b)
    )


@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 7])
def test_round_half_up_exact_equals_scalar(decimals: int) -> None:
    values = _values()
    got = round_half_up_exact(np.array(values), decimals).tolist()
    for value, out in zip(values, got, strict=True):
        assert _same(out, round_half_up(value, decimals)), (value, decimals)


@pytest.mark.parametrize("decimals", [0, 1, 2])
@pytest.mark.parametrize("band_on", [BandOn.ROUNDED, BandOn.RAW])
def test_make_scores_equals_make_score(rubric: Rubric, decimals: int, band_on: BandOn) -> None:
    model = _with(rubric, decimals, band_on)
    values: list[float | None] = [*_values(), None]
    got = make_scores(values, model)
    for value, score in zip(values, got, strict=True):
        if value is None:
            assert score is None
            continue
        want = make_score(value, model)
        assert score is not None
        assert score.raw is value
        assert _same(score.rounded, want.rounded), value
        assert score.band == want.band, value


def test_make_scores_edges(rubric: Rubric) -> None:
    scores = make_scores([74.95, 49.95, 24.95, 75.0, 100.0, 0.0, 100.05], rubric)
    assert [s.band if s else None for s in scores] == ["A", "B", "C", "A", "A", "D", None]
    two = make_scores([2.675], _with(rubric, 2, BandOn.ROUNDED))[0]
    assert two is not None and two.rounded == 2.68


def test_classify_array_equals_classify(rubric: Rubric) -> None:
    values = np.array(_values())
    got = classify_array(values, rubric.bands).tolist()
    for value, i in zip(values.tolist(), got, strict=True):
        band = classify(value, rubric.bands)
        assert (rubric.bands[i] if i >= 0 else None) == band, value


def test_may_be_equals_bands_between(rubric: Rubric) -> None:
    rng = np.random.default_rng(9)
    size = 20_000
    centre = rng.uniform(-5.0, 105.0, size)
    half = rng.uniform(0.0, 40.0, size)
    low = np.round(np.clip(centre - half, 0.0, 100.0), 1)
    high = np.round(np.clip(centre + half, 0.0, 100.0), 1)
    estimate = np.round(rng.uniform(-5.0, 105.0, size), 1)
    estimate[:4] = [100.0, 0.0, 75.0, math.nan]
    high[:4] = [100.0, 25.0, 75.0, 80.0]
    crosses = rng.random(size) < 0.8
    got = _may_be(low, high, estimate, crosses, rubric)
    for i in range(size):
        want = (
            _bands_between(float(low[i]), float(high[i]), float(estimate[i]), rubric)
            if crosses[i]
            else ()
        )
        assert got[i] == want, (low[i], high[i], estimate[i])
