"""Read the rubric's ``examples`` (self-tests) and check what they refer to.

Answers are kept as the text a survey cell would hold: ``5`` becomes "5", ``"Setuju"`` stays,
``null`` means not answered. An unquoted ``No``/``Yes`` (YAML booleans) gets a "quote it" hint.
Scoring the examples is ``scoring.rubric_examples``; this module only reads and cross-checks.
"""

from __future__ import annotations

import math
from typing import Any

from berakhlak_cli.loaders.rubric.fields import Collector, Fields, suggest
from berakhlak_cli.model.rubric import ExampleExpectation, Rubric, RubricExample

DEFAULT_TOLERANCE = 0.01


def read_examples(top: Fields) -> tuple[RubricExample, ...]:
    """``examples``: a list of {name, unit, tolerance, respondents, evidence, expect}."""
    out: list[RubricExample] = []
    for path, data in top.items("examples"):
        f = Fields(top.col, data, path, "an example")
        respondents: list[dict[str, str | None]] = []
        for rpath, rdata in f.items("respondents", required=True):
            r = Fields(top.col, rdata, rpath, "a respondent's answers")
            respondents.append({k: _answer(r.col, p, v) for k, p, v in _pairs(r)})
        evidence = f.sub("evidence", "evidence answers", nullable=True)
        answers = {k: _answer(f.col, p, v) or "" for k, p, v in _pairs(evidence)}
        tolerance = f.number("tolerance", DEFAULT_TOLERANCE)
        if tolerance < 0:
            f.col.add("bad-number", "'tolerance' must not be negative", f.at("tolerance"))
        out.append(
            RubricExample(
                name=f.text("name", required=True),
                respondents=tuple(respondents),
                expect=_expectation(f.sub("expect", "expect", required=True)),
                unit=f.text("unit") or "Unit contoh",
                evidence=answers,
                tolerance=tolerance,
            )
        )
        f.finish()
    return tuple(out)


def _pairs(f: Fields) -> list[tuple[str, str, Any]]:
    """A free-form mapping's (key, path, value) entries; every key counts as used."""
    f.used.update(str(k) for k in f.data)
    return [(str(k), f.at(str(k)), v) for k, v in f.data.items()]


def _answer(col: Collector, path: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    hint = col.unquoted_hint(path, value)
    col.add(
        "unquoted-scalar" if hint else "wrong-type",
        hint or f"an answer must be text or a number, got {type(value).__name__}",
        path,
    )
    return None


def _expectation(f: Fields) -> ExampleExpectation:
    values = f.sub("values", "expected value scores", nullable=True)
    # NOTE: every expectation defaults to "not checked", so a null here means just that.
    scores = {k: values.number(k, math.nan, nullable=True) for k in [str(k) for k in values.data]}
    respondents = f.integer("respondents", -1, minimum=0, nullable=True)
    expectation = ExampleExpectation(
        values={k: v for k, v in scores.items() if not math.isnan(v)},
        index=_optional_number(f, "index"),
        band=f.text("band", nullable=True) or None,
        respondents=None if respondents < 0 else respondents,
        evidence=_optional_number(f, "evidence"),
        combined=_optional_number(f, "combined"),
        combined_band=f.text("combined_band", nullable=True) or None,
    )
    f.finish()
    return expectation


def _optional_number(f: Fields, key: str) -> float | None:
    value = f.number(key, math.nan, nullable=True)
    return None if math.isnan(value) else value


def check_examples(rubric: Rubric, col: Collector) -> None:
    """Examples may only name items, values, bands and evidence the rubric defines."""
    items = {item.id for item in rubric.items}
    values = {v.id for v in rubric.values}
    bands = {b.code for b in rubric.bands}
    evidence = {e.id for e in rubric.evaluation.items} if rubric.evaluation else set()
    names: dict[str, int] = {}
    for i, ex in enumerate(rubric.examples):
        path = f"examples[{i}]"
        if ex.name in names:
            col.add(
                "duplicate-id",
                f"example name {ex.name!r} is already used at examples[{names[ex.name]}]",
                f"{path}.name",
            )
        names.setdefault(ex.name, i)
        for r, answers in enumerate(ex.respondents):
            for key in answers:
                if key not in items:
                    _undefined(col, "item", key, sorted(items), f"{path}.respondents[{r}].{key}")
        for key in ex.evidence:
            if key not in evidence:
                _undefined(col, "evidence item", key, sorted(evidence), f"{path}.evidence.{key}")
        for key in ex.expect.values:
            if key not in values:
                _undefined(col, "value", key, sorted(values), f"{path}.expect.values.{key}")
        wants = ("evidence", "combined", "combined_band")
        for key in wants if rubric.evaluation is None else ():
            if getattr(ex.expect, key) is not None:
                col.add(
                    "undefined-reference",
                    f"'expect.{key}' needs the rubric's 'evaluation' section, which is missing",
                    f"{path}.expect.{key}",
                )
        for key, band in (("band", ex.expect.band), ("combined_band", ex.expect.combined_band)):
            if band is not None and band not in bands:
                _undefined(col, "band", band, sorted(bands), f"{path}.expect.{key}")


def _undefined(col: Collector, what: str, name: str, known: list[str], path: str) -> None:
    col.add(
        "undefined-reference",
        f"{what} {name!r} is not defined in this rubric{suggest(name, known)}",
        path,
    )
