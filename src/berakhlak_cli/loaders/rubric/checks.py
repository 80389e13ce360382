"""Semantic checks of a built rubric: ids, scales, bands, references and weights.

Each check records a ``Problem`` with a stable code (documented in docs/rubric.md); none raises.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator

from berakhlak_cli.loaders.rubric.fields import Collector
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.rubric import Item, Rubric

SCORE_MIN = 0.0
SCORE_MAX = 100.0


def check_rubric(rubric: Rubric, col: Collector) -> None:
    """Run every semantic check, adding problems to ``col``."""
    _unique(col, "value id", ((v.id, f"values[{i}].id") for i, v in enumerate(rubric.values)))
    _unique(col, "value code", ((v.code, f"values[{i}].code") for i, v in enumerate(rubric.values)))
    _unique(
        col,
        "behaviour id",
        (
            (b.id, f"values[{i}].behaviours[{j}].id")
            for i, v in enumerate(rubric.values)
            for j, b in enumerate(v.behaviours)
        ),
    )
    item_paths = [
        (item, f"values[{i}].behaviours[{j}].items[{k}]")
        for i, v in enumerate(rubric.values)
        for j, b in enumerate(v.behaviours)
        for k, item in enumerate(b.items)
    ]
    _unique(col, "item id", ((it.id, f"{p}.id") for it, p in item_paths))
    counts = Counter(item.id for item, _ in item_paths)
    repeated = {i for i, n in counts.items() if n > 1}
    _unique(col, "column name or alias", _column_names(item_paths, repeated))
    for item, path in item_paths:
        if item.scale not in rubric.scales:
            known = ", ".join(rubric.scales) or "none defined"
            col.add(
                "undefined-reference",
                f"item {item.id!r} uses scale {item.scale or '(none)'!r}, which is not defined "
                f"(scales: {known})",
                f"{path}.scale",
            )
    _check_scales(rubric, col)
    _check_bands(rubric, col)
    _check_evaluation(rubric, col)
    if rubric.eligibility.margin_of_error >= 1:
        col.add("bad-number", "margin_of_error must be below 1", "eligibility.margin_of_error")
    if not 0 <= rubric.eligibility.share <= 1:
        col.add("bad-number", "share must be between 0 and 1", "eligibility.share")


def _column_names(
    item_paths: list[tuple[Item, str]], repeated_ids: set[str]
) -> Iterator[tuple[str, str]]:
    """(normalised header, path) for each item's column and aliases. Repeats within one item
    are harmless (an alias equal to the column) and are skipped, as is the implicit column of
    an item whose id is already reported as a duplicate."""
    for item, path in item_paths:
        own: set[str] = set()
        implicit = item.column == item.id
        names: list[tuple[str, str]] = []
        if not (implicit and item.id in repeated_ids):
            names.append((item.column, f"{path}.id" if implicit else f"{path}.column"))
        names += [(alias, f"{path}.aliases[{k}]") for k, alias in enumerate(item.aliases)]
        for name, where in names:
            key = normalize(name)
            if key not in own:
                own.add(key)
                yield key, where


def _unique(col: Collector, what: str, entries: Iterable[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for key, path in entries:
        if not key:
            continue
        if key in seen:
            col.add("duplicate-id", f"{what} {key!r} is already used at {seen[key]}", path)
        else:
            seen[key] = path


def _check_scales(rubric: Rubric, col: Collector) -> None:
    for sid, scale in rubric.scales.items():
        path = f"scales.{sid}"
        if not scale.min < scale.max:
            col.add(
                "scale-range",
                f"scale {sid!r}: min ({scale.min:g}) must be below max ({scale.max:g})",
                path,
            )
        owners: dict[str, float] = {}
        for i, point in enumerate(scale.points):
            ppath = f"{path}.points[{i}]"
            if not scale.min <= point.value <= scale.max:
                col.add(
                    "label-out-of-range",
                    f"point {point.value:g} is outside the scale {scale.min:g}-{scale.max:g}",
                    f"{ppath}.value",
                )
            if scale.integer_only and point.value != math.floor(point.value):
                col.add(
                    "label-out-of-range",
                    f"point {point.value:g} is not a whole number",
                    f"{ppath}.value",
                )
            for j, label in enumerate(point.labels):
                key = normalize(label)
                number = _as_number(key)
                if number is not None and number != point.value:
                    col.add(
                        "label-conflict",
                        f"label {label!r} means {point.value:g}, but an answer {label!r} reads "
                        f"as the number {number:g}; labels win, so answers would be miscoded",
                        f"{ppath}.labels[{j}]",
                    )
                if key in owners and owners[key] != point.value:
                    col.add(
                        "duplicate-label",
                        f"label {label!r} already means {owners[key]:g} on scale {sid!r}",
                        f"{ppath}.labels[{j}]",
                    )
                owners[key] = point.value


def _check_bands(rubric: Rubric, col: Collector) -> None:
    # NOTE: an empty band (min >= max) is reported once as band-empty and left out of the
    # coverage chain, where it would also show up as a spurious gap or overlap.
    bands = sorted(
        ((i, b) for i, b in enumerate(rubric.bands) if b.lower < b.upper),
        key=lambda ib: ib[1].lower,
    )
    _unique(col, "band code", ((b.code, f"bands[{i}].code") for i, b in enumerate(rubric.bands)))
    for i, band in enumerate(rubric.bands):
        if not band.lower < band.upper:
            col.add("band-empty", f"band {band.code!r}: min must be below max", f"bands[{i}]")
        for edge, bound in (("min", band.lower), ("max", band.upper)):
            if not SCORE_MIN <= bound <= SCORE_MAX:
                col.add(
                    "band-coverage",
                    f"band {band.code!r} {edge} {bound:g} is outside the score range 0-100",
                    f"bands[{i}].{edge}",
                )
    if not bands:
        return
    first_i, first = bands[0]
    last_i, last = bands[-1]
    if first.lower > SCORE_MIN:
        col.add(
            "band-coverage",
            f"no band covers scores from 0 to {first.lower:g}",
            f"bands[{first_i}].min",
        )
    if last.upper < SCORE_MAX:
        col.add(
            "band-coverage",
            f"no band covers scores from {last.upper:g} to 100",
            f"bands[{last_i}].max",
        )
    for (_, low), (hi_i, high) in zip(bands, bands[1:], strict=False):
        if low.upper < high.lower:
            col.add(
                "band-gap",
                f"scores in [{low.upper:g}, {high.lower:g}) fall between bands {low.code!r} and "
                f"{high.code!r}; bands are half-open [min, max), so write {low.code!r} max: "
                f"{high.lower:g}",
                f"bands[{hi_i}].min",
            )
        elif low.upper > high.lower:
            col.add(
                "band-overlap",
                f"bands {low.code!r} and {high.code!r} overlap on [{high.lower:g}, {low.upper:g})",
                f"bands[{hi_i}].min",
            )


def _check_evaluation(rubric: Rubric, col: Collector) -> None:
    ev = rubric.evaluation
    if ev is None:
        return
    _unique(
        col,
        "criterion id",
        ((c.id, f"evaluation.criteria[{i}].id") for i, c in enumerate(ev.criteria)),
    )
    _unique(
        col,
        "evidence id",
        (
            (item.id, f"evaluation.criteria[{i}].items[{j}].id")
            for i, c in enumerate(ev.criteria)
            for j, item in enumerate(c.items)
        ),
    )
    for i, c in enumerate(ev.criteria):
        for j, item in enumerate(c.items):
            if item.answer_scale not in ev.answer_scales:
                col.add(
                    "undefined-reference",
                    f"evidence {item.id!r} uses answer scale {item.answer_scale!r}, which is not "
                    f"defined (answer_scales: {', '.join(ev.answer_scales) or 'none'})",
                    f"evaluation.criteria[{i}].items[{j}].answer_scale",
                )
    for sid, scale in ev.answer_scales.items():
        for k, option in enumerate(scale.options):
            if not SCORE_MIN <= option.score <= SCORE_MAX:
                col.add(
                    "answer-out-of-range",
                    f"answer {option.label!r} scores {option.score:g}; scores must be within 0-100",
                    f"evaluation.answer_scales.{sid}.options[{k}].score",
                )
        _unique(
            col,
            f"answer label on scale {sid!r}",
            (
                (normalize(name), f"evaluation.answer_scales.{sid}.options[{k}]")
                for k, o in enumerate(scale.options)
                for name in {normalize(n) for n in (o.label, *o.aliases)}
            ),
        )
        if scale.numeric and not scale.min < scale.max:
            col.add(
                "scale-range",
                f"answer scale {sid!r}: min must be below max",
                f"evaluation.answer_scales.{sid}",
            )
    total = ev.survey_weight + ev.evaluation_weight
    if (
        ev.survey_weight < 0
        or ev.evaluation_weight < 0
        or not math.isclose(total, 1.0, abs_tol=1e-9)
    ):
        col.add(
            "weights-sum",
            f"survey ({ev.survey_weight:g}) and evaluation ({ev.evaluation_weight:g}) weights "
            f"must be non-negative and sum to 1 (they sum to {total:g})"
            + ("; write shares such as 0.8 and 0.2, not percentages" if total == 100 else ""),
            "evaluation.weights",
        )


def _as_number(text: str) -> float | None:
    """The number a survey cell holding ``text`` would be read as (decimal comma allowed)."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None
