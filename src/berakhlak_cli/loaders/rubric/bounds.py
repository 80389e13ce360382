"""Limits on rubric numbers that are valid in form but would break the arithmetic.

A rubric can be well-formed and still ask for ``rounding.decimals: 400`` (formatting fails), a
weight of ``1e308`` (weighted sums overflow to infinity) or ``5e-324`` (a subnormal weight:
``w * 76.3`` rounds to a multiple of ``5e-324`` and the index comes out silently wrong), or
10 000 items (reliability keeps k x k matrices and its item-rest loop costs k³). These checks
refuse such rubrics in ``rubric validate`` with a stable code and the file:line:col of the
setting; the limits are documented in docs/rubric.md ("Limits"). None of them is a rule of the
official method, only a bound on what the program computes correctly.
"""

from __future__ import annotations

from collections.abc import Iterator

from berakhlak_cli.loaders.rubric.fields import Collector
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.rubric import Rubric

MAX_DECIMALS = 6
"""Scores are 0-100 with a few decimals; more than 6 is beyond any published figure."""
WEIGHT_MIN = 1e-6
WEIGHT_MAX = 1e6
"""Weights are relative: 12 orders of magnitude between the smallest and the largest keep every
product and sum far inside float64 (no overflow, no subnormals)."""
SCALE_LIMIT = 1e6
"""Answer scales (Likert points, numeric evidence answers) lie within ±1 000 000."""
MAX_ITEMS = 500
"""Survey items in one rubric (the KemenPANRB instrument has 21): reliability holds k x k
matrices per scale and costs k³ for the item-rest statistics."""


def check_bounds(rubric: Rubric, col: Collector) -> None:
    """Add an ``out-of-bounds``, ``too-many-items``, ``bad-number`` or ``missing-conflict``
    problem for every setting beyond the limits above."""
    if rubric.rounding.decimals > MAX_DECIMALS:
        col.add(
            "out-of-bounds",
            f"'decimals' is {rubric.rounding.decimals}; at most {MAX_DECIMALS} are supported",
            "rounding.decimals",
        )
    for weight, path in _weights(rubric):
        if not WEIGHT_MIN <= weight <= WEIGHT_MAX:
            col.add(
                "out-of-bounds",
                f"weight {weight:g} is outside {WEIGHT_MIN:g} to {WEIGHT_MAX:g}; weights are "
                "relative, so scale them all (for example to 1, 2, 3)",
                path,
            )
    for value, path in _scale_ends(rubric):
        if abs(value) > SCALE_LIMIT:
            col.add(
                "out-of-bounds",
                f"{value:g} is outside ±{SCALE_LIMIT:,.0f}, the range of answer scales supported",
                path,
            )
    items = len(rubric.items)
    if items > MAX_ITEMS:
        col.add(
            "too-many-items",
            f"the rubric has {items} survey items; at most {MAX_ITEMS} are supported",
            "values",
        )
    if not 0 < rubric.change.confidence < 1:
        col.add(
            "bad-number",
            f"'confidence' is {rubric.change.confidence:g}; write a share between 0 and 1 "
            "(0.95 for 95%)",
            "change.confidence",
        )
    _check_missing_labels(rubric, col)


def _weights(rubric: Rubric) -> Iterator[tuple[float, str]]:
    for i, v in enumerate(rubric.values):
        yield v.weight, f"values[{i}].weight"
        for j, b in enumerate(v.behaviours):
            yield b.weight, f"values[{i}].behaviours[{j}].weight"
            for k, item in enumerate(b.items):
                yield item.weight, f"values[{i}].behaviours[{j}].items[{k}].weight"
    if rubric.evaluation is not None:
        for i, c in enumerate(rubric.evaluation.criteria):
            yield c.weight, f"evaluation.criteria[{i}].weight"
            for j, e in enumerate(c.items):
                yield e.weight, f"evaluation.criteria[{i}].items[{j}].weight"


def _scale_ends(rubric: Rubric) -> Iterator[tuple[float, str]]:
    for sid, scale in rubric.scales.items():
        yield scale.min, f"scales.{sid}.min"
        yield scale.max, f"scales.{sid}.max"
    if rubric.evaluation is not None:
        for sid, answers in rubric.evaluation.answer_scales.items():
            if answers.numeric:
                yield answers.min, f"evaluation.answer_scales.{sid}.min"
                yield answers.max, f"evaluation.answer_scales.{sid}.max"


def _check_missing_labels(rubric: Rubric, col: Collector) -> None:
    """A scale label that is also a ``missing`` token: the answer would be read as not given."""
    tokens = {normalize(m): m for m in rubric.missing}
    for sid, scale in rubric.scales.items():
        for i, point in enumerate(scale.points):
            for j, label in enumerate(point.labels):
                token = tokens.get(normalize(label))
                if token is not None:
                    col.add(
                        "missing-conflict",
                        f"label {label!r} (= {point.value:g}) is also the missing token "
                        f"{token!r}; an answer {label!r} would be read as not answered",
                        f"scales.{sid}.points[{i}].labels[{j}]",
                    )
