"""Read the rubric's labels, columns and the small settings sections (docs/rubric.md).

Each reader takes a ``Fields`` view, reports problems to its collector and returns the model
object with the documented defaults filled in.
"""

from __future__ import annotations

import math
from typing import Any

from berakhlak_cli.loaders.rubric.fields import Fields, suggest
from berakhlak_cli.model.rubric import (
    Aggregation,
    Anonymity,
    BandOn,
    Change,
    Columns,
    ColumnSpec,
    DuplicatePolicy,
    Eligibility,
    EligibilityCombine,
    EligibilityRule,
    HeaderMatching,
    InstitutionMethod,
    Intervals,
    Quality,
    Reporting,
    RespondentMethod,
    Rounding,
    RoundingMode,
    StraightLiningPolicy,
    Text,
)


def read_text(f: Fields, key: str, required: bool = False) -> Text:
    """A label: plain text (Bahasa Indonesia) or ``{id: ..., en: ...}``."""
    value = f.raw(key, required)
    if value is None:
        return Text("")
    if isinstance(value, dict):
        sub = Fields(f.col, value, f.at(key), key)
        text = Text(sub.text("id", required=True), sub.text("en") or None)
        sub.finish()
        return text
    return Text(f.text(key))


def read_optional_text(f: Fields, key: str) -> Text | None:
    """An optional label whose default is "none": absent or ``null`` give None."""
    if f.raw(key, nullable=True) is None:
        return None
    return read_text(f, key)


def _column_at(f: Fields, value: Any, path: str) -> ColumnSpec:
    if isinstance(value, str):
        return ColumnSpec(value)
    if not isinstance(value, dict):
        hint = f.col.unquoted_hint(path, value)
        f.col.add(
            "unquoted-scalar" if hint else "wrong-type",
            hint or "a column must be a name or a mapping with 'name'",
            path,
        )
        return ColumnSpec(str(value))
    c = Fields(f.col, value, path, "a column")
    spec = ColumnSpec(
        c.text("name", required=True),
        c.texts("aliases"),
        read_optional_text(c, "label"),
    )
    c.finish()
    return spec


def _column(f: Fields, key: str, required: bool = False) -> ColumnSpec | None:
    value = f.raw(key, required, nullable=not required)
    return None if value is None else _column_at(f, value, f.at(key))


def read_columns(top: Fields) -> Columns:
    """``columns``: unit (required), respondent id, attributes, identifying, header_matching."""
    f = top.sub("columns", "columns", required=True)
    columns = Columns(
        unit=_column(f, "unit", required=True) or ColumnSpec("unit"),
        respondent_id=_column(f, "respondent_id"),
        attributes=tuple(_column_at(f, data, path) for path, data in f.items("attributes")),
        identifying=f.texts("identifying"),
        header_matching=f.choice("header_matching", HeaderMatching, HeaderMatching.LOOSE),
    )
    f.finish()
    return columns


def read_rounding(f: Fields) -> Rounding:
    """``rounding``: decimals (1), band_on (rounded) and mode (half_up)."""
    out = Rounding(
        decimals=f.integer("decimals", 1, minimum=0),
        band_on=f.choice("band_on", BandOn, BandOn.ROUNDED),
        mode=f.choice("mode", RoundingMode, RoundingMode.HALF_UP),
    )
    f.finish()
    return out


def read_aggregation(f: Fields) -> Aggregation:
    """``aggregation``: respondent and institution methods, require_all_values."""
    out = Aggregation(
        respondent=f.choice("respondent", RespondentMethod, RespondentMethod.PERSON_FIRST),
        institution=f.choice("institution", InstitutionMethod, InstitutionMethod.POOLED),
        require_all_values=f.flag("require_all_values", True),
    )
    f.finish()
    return out


def read_anonymity(f: Fields) -> Anonymity:
    """``anonymity``: min_group_size (5)."""
    out = Anonymity(min_group_size=f.integer("min_group_size", 5, minimum=1))
    f.finish()
    return out


def read_eligibility(f: Fields) -> Eligibility:
    """``eligibility``: the minimum-respondent rule (one name, or a list combined by
    ``combine``) and its parameters."""
    rules = _rules(f)
    out = Eligibility(
        rule=rules[0],
        also=rules[1:],
        combine=f.choice("combine", EligibilityCombine, EligibilityCombine.MAX),
        margin_of_error=f.number("margin_of_error", 0.05, positive=True),
        minimum=f.integer("minimum", 0, minimum=0),
        share=f.number("share", 0.0),
        exclude_from_parent=f.flag("exclude_from_parent", True),
    )
    f.finish()
    return out


def _rules(f: Fields) -> tuple[EligibilityRule, ...]:
    """``eligibility.rule``: a rule name or a non-empty list of distinct names."""
    value = f.raw("rule")
    if value is None:
        return (EligibilityRule.SLOVIN,)
    if not isinstance(value, list):
        return (f.choice("rule", EligibilityRule, EligibilityRule.SLOVIN),)
    if not value:
        f.col.add("empty-list", "'rule' must name at least one rule", f.at("rule"))
        return (EligibilityRule.SLOVIN,)
    allowed = [e.value for e in EligibilityRule]
    out: list[EligibilityRule] = []
    for i, name in enumerate(value):
        if name not in allowed:
            f.col.add(
                "bad-choice",
                f"a rule must be one of {', '.join(allowed)}; got {name!r}"
                + suggest(name, allowed),
                f"{f.at('rule')}[{i}]",
            )
        elif EligibilityRule(name) in out:
            f.col.add("duplicate-id", f"rule {name!r} is listed twice", f"{f.at('rule')}[{i}]")
        else:
            out.append(EligibilityRule(name))
    return tuple(out) or (EligibilityRule.SLOVIN,)


def read_quality(f: Fields) -> Quality:
    """``quality``: duplicate-respondent and straight-lining policies, and the straight-lining
    threshold (``all``, or at least k items sharing one answer, k >= 2)."""
    out = Quality(
        duplicates=f.choice("duplicates", DuplicatePolicy, DuplicatePolicy.KEEP_FIRST),
        straight_lining=f.choice(
            "straight_lining", StraightLiningPolicy, StraightLiningPolicy.FLAG
        ),
        straight_lining_min_same=_min_same(f),
    )
    f.finish()
    return out


def _min_same(f: Fields) -> int | None:
    key = "straight_lining_min_same"
    value = f.raw(key)
    if value is None or value == "all":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        f.col.add(
            "bad-number",
            f"{key!r} must be 'all' or a whole number of items of at least 2; got "
            f"{f.col.describe(f.at(key), value)}",
            f.at(key),
        )
        return None
    return value


def read_intervals(f: Fields) -> Intervals:
    """``intervals``: level (follows change.confidence) and finite_population_correction (on)."""
    level = f.number("level", math.nan, positive=True)
    if not math.isnan(level) and level >= 1:
        f.col.add("bad-number", f"'level' must be below 1, got {level:g}", f.at("level"))
    out = Intervals(
        level=None if math.isnan(level) or level >= 1 else level,
        finite_population_correction=f.flag("finite_population_correction", True),
    )
    f.finish()
    return out


def read_change(f: Fields) -> Change:
    """``change``: min_meaningful (2.0 points) and confidence (0.95)."""
    out = Change(
        min_meaningful=f.number("min_meaningful", 2.0),
        confidence=f.number("confidence", 0.95, positive=True),
    )
    f.finish()
    return out


def read_reporting(f: Fields) -> Reporting:
    """``reporting``: favourable_points (2), priorities (3), priority_confidence (0.95)."""
    out = Reporting(
        favourable_points=f.integer("favourable_points", 2, minimum=1),
        priorities=f.integer("priorities", 3, minimum=0),
        priority_confidence=f.number("priority_confidence", 0.95, positive=True),
    )
    f.finish()
    return out
