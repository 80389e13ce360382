"""Read the rubric's labels, columns and the small settings sections (docs/rubric.md).

Each reader takes a ``Fields`` view, reports problems to its collector and returns the model
object with the documented defaults filled in.
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.loaders.fields import Fields
from berakhlak_cli.model.rubric import (
    Aggregation,
    Anonymity,
    BandOn,
    Change,
    Columns,
    ColumnSpec,
    DuplicatePolicy,
    Eligibility,
    EligibilityRule,
    InstitutionMethod,
    Quality,
    Reporting,
    RespondentMethod,
    Rounding,
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
        read_text(c, "label") if c.has("label") else None,
    )
    c.finish()
    return spec


def _column(f: Fields, key: str, required: bool = False) -> ColumnSpec | None:
    value = f.raw(key, required)
    return None if value is None else _column_at(f, value, f.at(key))


def read_columns(top: Fields) -> Columns:
    """``columns``: the unit column (required), respondent id, attributes, identifying."""
    f = top.sub("columns", "columns", required=True)
    columns = Columns(
        unit=_column(f, "unit", required=True) or ColumnSpec("unit"),
        respondent_id=_column(f, "respondent_id"),
        attributes=tuple(_column_at(f, data, path) for path, data in f.items("attributes")),
        identifying=f.texts("identifying"),
    )
    f.finish()
    return columns


def read_rounding(f: Fields) -> Rounding:
    """``rounding``: decimals (1) and band_on (rounded)."""
    out = Rounding(
        decimals=f.integer("decimals", 1, minimum=0),
        band_on=f.choice("band_on", BandOn, BandOn.ROUNDED),
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
    """``eligibility``: the minimum-respondent rule and its parameters."""
    out = Eligibility(
        rule=f.choice("rule", EligibilityRule, EligibilityRule.SLOVIN),
        margin_of_error=f.number("margin_of_error", 0.05, positive=True),
        minimum=f.integer("minimum", 0, minimum=0),
        share=f.number("share", 0.0),
        exclude_from_parent=f.flag("exclude_from_parent", True),
    )
    f.finish()
    return out


def read_quality(f: Fields) -> Quality:
    """``quality``: duplicate-respondent and straight-lining policies."""
    out = Quality(
        duplicates=f.choice("duplicates", DuplicatePolicy, DuplicatePolicy.KEEP_FIRST),
        straight_lining=f.choice(
            "straight_lining", StraightLiningPolicy, StraightLiningPolicy.FLAG
        ),
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
