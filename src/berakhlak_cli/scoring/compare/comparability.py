"""What makes two rubrics' scores comparable year over year: a fingerprint and its diff.

``rubric_summary`` reduces a rubric to the settings that change what a score *means* (the
instrument, scales, which items with which wording and weight, bands, rounding, aggregation,
screens, the evidence component). It is plain JSON-ready data, embedded in every results
document (``rubric.summary``), so ``compare`` can tell two results files apart without their
rubrics. ``compare_summaries`` lists the differences with stable aspect codes (docs/rubric.md).

Weights are compared *normalised* within their parent (w / sum of siblings' w): doubling every
value weight changes nothing, and the summary says so.

Settings added after summary version 1 was first written (a scale's ``conversion``,
``rounding.mode``, ``quality.straight_lining_min_same``) are read as their defaults when an older
summary lacks them, which is what that older rubric meant; whole sections added later
(``eligibility``, ``intervals``) are compared only when both summaries have them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from typing import Any

from berakhlak_cli.model.comparison import Difference
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.rubric import Rubric, Text

SUMMARY_VERSION = 1
_DIGITS = 6
_TOLERANCE = 1e-6


def shares(weights: list[float]) -> list[float]:
    """Each weight as a share of the total (w / sum w), rounded to 6 decimals."""
    total = math.fsum(weights)
    return [round(w / total, _DIGITS) if total > 0 else 0.0 for w in weights]


def text_hash(text: Text) -> str:
    """First 16 hex digits of sha256 of the normalised Indonesian wording (case/space-blind)."""
    return hashlib.sha256(normalize(text.id).encode("utf-8")).hexdigest()[:16]


def rubric_summary(rubric: Rubric) -> dict[str, Any]:
    """The comparability fingerprint of ``rubric`` as JSON-ready data (see module docstring)."""
    values: dict[str, Any] = {}
    behaviours: dict[str, Any] = {}
    items: dict[str, Any] = {}
    for value, v_share in zip(
        rubric.values, shares([v.weight for v in rubric.values]), strict=True
    ):
        values[value.id] = {"code": value.code, "weight": v_share}
        if value.bands:
            # NOTE: only when set, so a summary without per-value bands is unchanged.
            values[value.id]["bands"] = [
                {"code": b.code, "min": b.lower, "max": b.upper} for b in value.bands
            ]
        for beh, b_share in zip(
            value.behaviours, shares([b.weight for b in value.behaviours]), strict=True
        ):
            behaviours[beh.id] = {"value": value.id, "weight": b_share}
            for item, i_share in zip(beh.items, shares([i.weight for i in beh.items]), strict=True):
                items[item.id] = {
                    "value": value.id,
                    "behaviour": beh.id,
                    "text_sha256": text_hash(item.text),
                    "scale": item.scale,
                    "reverse": item.reverse,
                    "weight": i_share,
                }
    return {
        "summary_version": SUMMARY_VERSION,
        "id": rubric.id,
        "version": rubric.version,
        "instrument": rubric.instrument,
        "scales": {
            sid: {
                "min": s.min,
                "max": s.max,
                "points": sorted({p.value for p in s.points}),
                "integer_only": s.integer_only,
                "conversion": s.conversion.value,
            }
            for sid, s in rubric.scales.items()
        },
        "values": values,
        "behaviours": behaviours,
        "items": items,
        "bands": [{"code": b.code, "min": b.lower, "max": b.upper} for b in rubric.bands],
        "rounding": {
            "decimals": rubric.rounding.decimals,
            "band_on": rubric.rounding.band_on.value,
            "mode": rubric.rounding.mode.value,
        },
        "aggregation": {
            "respondent": rubric.aggregation.respondent.value,
            "institution": rubric.aggregation.institution.value,
            "require_all_values": rubric.aggregation.require_all_values,
        },
        "quality": {
            "duplicates": rubric.quality.duplicates.value,
            "straight_lining": rubric.quality.straight_lining.value,
            "straight_lining_min_same": rubric.quality.straight_lining_min_same or "all",
        },
        "eligibility": {
            "rule": [r.value for r in rubric.eligibility.rules],
            "combine": rubric.eligibility.combine.value,
            "margin_of_error": rubric.eligibility.margin_of_error,
            "minimum": rubric.eligibility.minimum,
            "share": rubric.eligibility.share,
            "exclude_from_parent": rubric.eligibility.exclude_from_parent,
        },
        "intervals": {
            "level": rubric.interval_level,
            "finite_population_correction": rubric.intervals.finite_population_correction,
        },
        "evaluation": _evaluation_summary(rubric),
        # NOTE: only when set, so a summary of a run without levels is unchanged.
        **({"levels": _levels_summary(rubric)} if rubric.levels else {}),
        **_selection_summary(rubric),
    }


def _selection_summary(rubric: Rubric) -> dict[str, Any]:
    """``kind`` and ``selection`` of a values-selection rubric (none for a Likert one, so a
    Likert summary is unchanged): picks, the value % rule, and each template entry's value,
    limiting flag and wording."""
    sel = rubric.selection
    if sel is None:
        return {}
    return {
        "kind": rubric.kind.value,
        "selection": {
            "picks": sel.picks,
            "value_percent": sel.value_percent.value,
            "over_picks": sel.over_picks.value,
            "top": sel.top,
        },
        "template": {
            e.id: {"value": e.value, "limiting": e.limiting, "text_sha256": text_hash(e.label)}
            for e in sel.template
        },
    }


def _levels_summary(rubric: Rubric) -> list[dict[str, Any]]:
    """Each level's column and the rules that change its scores (``model.levels``)."""
    out = []
    for level in rubric.levels:
        rule = level.eligibility or rubric.eligibility
        out.append(
            {
                "column": level.column,
                "aggregation": level.aggregation.value,
                "min_group_size": level.min_group_size or rubric.anonymity.min_group_size,
                "eligibility": [r.value for r in rule.rules],
                "exclude_from_parent": rule.exclude_from_parent,
            }
        )
    return out


def _evaluation_summary(rubric: Rubric) -> dict[str, Any] | None:
    ev = rubric.evaluation
    if ev is None:
        return None
    criteria: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    for crit, c_share in zip(ev.criteria, shares([c.weight for c in ev.criteria]), strict=True):
        criteria[crit.id] = {"weight": c_share}
        for item, i_share in zip(crit.items, shares([i.weight for i in crit.items]), strict=True):
            evidence[item.id] = {
                "criterion": crit.id,
                "text_sha256": text_hash(item.requirement),
                "answer_scale": item.answer_scale,
                "weight": i_share,
            }
    return {
        "survey_weight": ev.survey_weight,
        "evaluation_weight": ev.evaluation_weight,
        "no_evidence": ev.no_evidence.value,
        "institution": ev.institution.value,
        "answer_scales": {
            sid: (
                {"numeric": True, "min": s.min, "max": s.max}
                if s.numeric
                else {
                    "options": {
                        normalize(o.label): ("not_applicable" if o.not_applicable else o.score)
                        for o in s.options
                    }
                }
            )
            for sid, s in ev.answer_scales.items()
        },
        "criteria": criteria,
        "evidence": evidence,
    }


def compare_summaries(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Difference]:
    """Every comparability difference between two summaries, in a stable order.

    Works on summaries read back from JSON too; a section missing from either side (an older
    summary) compares as empty rather than failing.
    """
    out: list[Difference] = []
    old, new = _with_defaults(old), _with_defaults(new)
    _leaf(out, "instrument", "instrument", old.get("instrument"), new.get("instrument"))
    _keyed(out, "scale", old.get("scales"), new.get("scales"))
    _members(out, "value", old.get("values"), new.get("values"), moved=None)
    _members(out, "behaviour", old.get("behaviours"), new.get("behaviours"), moved=("value",))
    _members(out, "item", old.get("items"), new.get("items"), moved=("value", "behaviour"))
    _bands(out, old.get("bands") or [], new.get("bands") or [])
    for section in ("rounding", "aggregation", "quality"):
        _keyed(out, section, {section: old.get(section)}, {section: new.get(section)})
    for section in ("eligibility", "intervals"):
        if section in old and section in new:
            _keyed(out, section, {section: old.get(section)}, {section: new.get(section)})
    _evaluation(out, old.get("evaluation"), new.get("evaluation"))
    # NOTE: a summary without ``kind`` is a Likert rubric's (every summary before issue 17).
    _leaf(out, "kind", "kind", old.get("kind", "likert"), new.get("kind", "likert"))
    _keyed(
        out, "selection", {"selection": old.get("selection")}, {"selection": new.get("selection")}
    )
    _members(out, "template", old.get("template"), new.get("template"), moved=("value",))
    if old.get("levels") != new.get("levels"):
        _leaf(out, "levels", "levels", old.get("levels"), new.get("levels"))
    return out


# NOTE: what a summary written before these fields existed meant by leaving them out.
_FIELD_DEFAULTS: dict[str, dict[str, Any]] = {
    "rounding": {"mode": "half_up"},
    "quality": {"straight_lining_min_same": "all"},
}
_SCALE_DEFAULTS: dict[str, Any] = {"conversion": "min_max"}


def _with_defaults(summary: Mapping[str, Any]) -> dict[str, Any]:
    """``summary`` with later-added fields filled in with their defaults where absent."""
    out = dict(summary)
    for section, defaults in _FIELD_DEFAULTS.items():
        if isinstance(out.get(section), Mapping):
            out[section] = {**defaults, **out[section]}
    scales = out.get("scales")
    if isinstance(scales, Mapping):
        out["scales"] = {
            k: {**_SCALE_DEFAULTS, **v} if isinstance(v, Mapping) else v for k, v in scales.items()
        }
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=0.0, abs_tol=_TOLERANCE)
    return bool(a == b)


def _leaf(out: list[Difference], aspect: str, detail: str, old: Any, new: Any) -> None:
    if not _same(old, new):
        out.append(Difference(aspect, detail, old, new))


def _keyed(out: list[Difference], aspect: str, old: Any, new: Any) -> None:
    """Compare mappings of mappings field by field (``scales``, settings sections)."""
    old_map: Mapping[str, Any] = old or {}
    new_map: Mapping[str, Any] = new or {}
    for key in _union(old_map, new_map):
        a, b = old_map.get(key), new_map.get(key)
        if a is None or b is None:
            _leaf(out, aspect, key, a, b)
            continue
        for field_name in _union(a, b):
            _leaf(out, aspect, f"{key}.{field_name}", a.get(field_name), b.get(field_name))


def _members(
    out: list[Difference],
    kind: str,
    old: Any,
    new: Any,
    moved: tuple[str, ...] | None,
) -> None:
    """Added/removed members, then per member: moved, weight, and the remaining fields."""
    old_map: Mapping[str, Any] = old or {}
    new_map: Mapping[str, Any] = new or {}
    for key in _union(old_map, new_map):
        a, b = old_map.get(key), new_map.get(key)
        if a is None:
            out.append(Difference(f"{kind}-added", key, None, b))
            continue
        if b is None:
            out.append(Difference(f"{kind}-removed", key, a, None))
            continue
        for field_name in _union(a, b):
            if moved and field_name in moved:
                aspect = f"{kind}-moved"
            elif field_name == "text_sha256":
                aspect = f"{kind}-reworded"
            else:
                aspect = f"{kind}-{field_name.replace('_', '-')}"
            _leaf(out, aspect, f"{key}.{field_name}", a.get(field_name), b.get(field_name))


def _bands(out: list[Difference], old: list[Any], new: list[Any]) -> None:
    by_code_old = {b["code"]: b for b in old}
    by_code_new = {b["code"]: b for b in new}
    for code in _union(by_code_old, by_code_new):
        a, b = by_code_old.get(code), by_code_new.get(code)
        if a is None or b is None:
            _leaf(out, "band", code, a, b)
            continue
        for edge in ("min", "max"):
            _leaf(out, "band", f"{code}.{edge}", a.get(edge), b.get(edge))


def _evaluation(out: list[Difference], old: Any, new: Any) -> None:
    if old is None or new is None:
        if (old is None) != (new is None):
            out.append(Difference("evaluation", "evaluation", old is not None, new is not None))
        return
    for name in ("survey_weight", "evaluation_weight"):
        _leaf(out, "evaluation-weights", name, old.get(name), new.get(name))
    for name in ("no_evidence", "institution"):
        _leaf(out, "evaluation", name, old.get(name), new.get(name))
    _keyed(out, "answer-scale", old.get("answer_scales"), new.get("answer_scales"))
    _members(out, "criterion", old.get("criteria"), new.get("criteria"), moved=None)
    _members(out, "evidence", old.get("evidence"), new.get("evidence"), moved=("criterion",))


def _union(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """Keys of ``a`` in order, then keys only in ``b`` in order (deterministic output)."""
    return [*a, *(k for k in b if k not in a)]
