"""Shared fixtures: asset paths, a CLI runner, golden files, and small in-code rubrics/batches."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from berakhlak_cli.loaders.rubric.load import parse_rubric
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch

ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).resolve().parent / "assets"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = ROOT / "examples" / "kalteng"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ files from output."
    )


@pytest.fixture(autouse=True)
def _no_colour_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR/NO_COLOR of the shell running the tests must not change golden output."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def asset() -> Callable[[str], Path]:
    """Path of a file under tests/assets/."""
    return lambda name: ASSETS / name


@pytest.fixture
def runner() -> CliRunner:
    """A Typer CLI runner (stdout and stderr are kept apart)."""
    return CliRunner()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; ``pytest --update-golden`` rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture
def in_ci() -> bool:
    """True under CI=true (a missing tool must fail there, not skip)."""
    return os.environ.get("CI", "").lower() == "true"


def rubric_from_yaml(text: str) -> Rubric:
    """Build a rubric from YAML text, failing the test with every problem if it is invalid."""
    rubric, problems = parse_rubric(text.encode("utf-8"), "<test>")
    assert not problems, "\n".join(p.render("<test>") for p in problems)
    assert rubric is not None
    return rubric


def encoded(values: Sequence[str | None]) -> EncodedColumn:
    """Dictionary-encode Python strings (None = null cell)."""
    categories: list[str] = []
    codes: list[int] = []
    for v in values:
        if v is None:
            codes.append(-1)
            continue
        if v not in categories:
            categories.append(v)
        codes.append(categories.index(v))
    return EncodedColumn(tuple(categories), np.array(codes, dtype=np.int32))


def batch(
    answers: dict[str, Sequence[str | None]],
    groups: dict[str, Sequence[str | None]],
    *,
    first_row: int = 2,
    ids: Sequence[str | None] | None = None,
) -> SurveyBatch:
    """A SurveyBatch from columns of Python strings."""
    size = len(next(iter(answers.values())))
    return SurveyBatch(
        first_row=first_row,
        size=size,
        items={k: encoded(v) for k, v in answers.items()},
        groups={k: encoded(v) for k, v in groups.items()},
        respondent_id=encoded(ids) if ids is not None else None,
    )


BANDS_YAML = """
bands:
  - {code: A, label: Sehat, min: 75, max: 100}
  - {code: B, label: Cukup Sehat, min: 50, max: 75}
  - {code: C, label: Tidak Sehat, min: 25, max: 50}
  - {code: D, label: Sangat Tidak Sehat, min: 0, max: 25}
"""


def small_rubric(values_yaml: str, *, scale: str = "", extra: str = "") -> Rubric:
    """A rubric with the default bands, a 1-5 scale (or ``scale``) and the given values."""
    scale = (
        scale
        or """
scales:
  likert5:
    min: 1
    max: 5
    points:
      - {value: 1, labels: ["Sangat Tidak Setuju", "STS"]}
      - {value: 2, labels: ["Tidak Setuju", "TS"]}
      - {value: 3, labels: ["Netral"]}
      - {value: 4, labels: ["Setuju", "S"]}
      - {value: 5, labels: ["Sangat Setuju", "SS"]}
"""
    )
    text = f"""
format: 1
id: test
version: "1"
title: Test
instrument: test
columns:
  unit: unit
  respondent_id: id
missing: ["", "-"]
anonymity: {{min_group_size: 1}}
{scale}
values:
{values_yaml}
{BANDS_YAML}
{extra}
"""
    return rubric_from_yaml(text)
