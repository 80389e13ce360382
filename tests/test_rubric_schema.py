"""The rubric JSON Schema: shipped as package data, printed by ``rubric schema``, and every
shipped rubric conforms to it (structure only; semantics stay in ``rubric validate``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.rubric import schema_text

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "rubrics").glob("*.yaml"))
CORPUS = Path(__file__).resolve().parent / "assets" / "rubrics"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_schema_command_prints_the_packaged_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "schema"])
    assert result.exit_code == 0
    packaged = ROOT / "src" / "berakhlak_cli" / "schema" / "rubric.schema.json"
    assert result.stdout == packaged.read_text(encoding="utf-8")
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_rubrics_conform(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []
    # The editor hint on the first line points at the schema file from the rubric's folder.
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first.split("$schema=", 1)[1]).resolve() == (
        ROOT / "src" / "berakhlak_cli" / "schema" / "rubric.schema.json"
    ).resolve()


def test_corpus_base_conforms(validator: jsonschema.Draft202012Validator) -> None:
    assert list(validator.iter_errors(_load(CORPUS / "rubric.valid.yaml"))) == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("rubric.unknown-key.yaml", "$.values[1]"),
        ("rubric.missing-key.yaml", "$.values[0].behaviours[0].items[0]"),
        ("rubric.wrong-type.yaml", "$.values[0].weight"),
        ("rubric.unquoted-no.yaml", "$.scales.likert5.points[0].labels"),
        ("rubric.unquoted-version.yaml", "$.version"),
        ("rubric.bad-format.yaml", "$.format"),
        ("rubric.bad-choice.yaml", "$.rounding.band_on"),
        ("rubric.weight-zero.yaml", "$.values[1].weight"),
        ("rubric.empty-list.yaml", "$.values[0].behaviours[0].items"),
        ("rubric.band-out-of-range.yaml", "$.bands[0].max"),
        ("rubric.answer-out-of-range.yaml", "$.evaluation.answer_scales.ya_tidak.options[0].score"),
        # issue #15
        ("rubric.null-value.yaml", "$.evaluation.answer_scales.ya_tidak.options[1].score"),
        ("rubric.not-applicable-score.yaml", "$.evaluation.answer_scales.ya_tidak.options[2]"),
    ],
)
def test_known_bad_rubrics_fail_the_schema(
    validator: jsonschema.Draft202012Validator, name: str, path: str
) -> None:
    errors = list(validator.iter_errors(_load(CORPUS / name)))
    assert errors
    assert path in {e.json_path for e in errors}


def test_semantic_problems_are_beyond_the_schema(
    validator: jsonschema.Draft202012Validator,
) -> None:
    # A band gap and a duplicate id are structurally fine: only `validate` finds them.
    for name in ("rubric.band-gap.yaml", "rubric.duplicate-id.yaml", "rubric.weights-sum.yaml"):
        assert list(validator.iter_errors(_load(CORPUS / name))) == []
