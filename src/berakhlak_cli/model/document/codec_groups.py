"""The group rows of the results document: scores, intervals, behaviours and evidence.

Each field family is written and read next to each other, so a field is added in one place.
A withheld group keeps *no* score fields (its unmet evidence items are in ``gaps`` only);
a unit with evidence gets the gap facts in its ``evidence`` block (docs/output.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from berakhlak_cli.model.behaviours import BehaviourInfo, BehaviourResult, Distribution, GapTest
from berakhlak_cli.model.document.node import DocNode
from berakhlak_cli.model.document.rows import Rows
from berakhlak_cli.model.evidence import EvidenceGap, UnitGaps
from berakhlak_cli.model.levels import level_of, level_path
from berakhlak_cli.model.results import GroupLevel, GroupResult, Interval, Score

Labels = Mapping[str, str]


def score_out(score: Score | None, labels: Labels) -> dict[str, Any] | None:
    """``{raw, rounded, band, band_label}`` or None."""
    if score is None:
        return None
    code = score.band
    return {
        "raw": score.raw,
        "rounded": score.rounded,
        "band": code,
        "band_label": labels.get(code) if code else None,
    }


def tagged_score(score: Score | None, labels: Labels, method: str | None) -> dict[str, Any] | None:
    """``score_out`` with the ``method`` of the figure when one is given, or None."""
    out = score_out(score, labels)
    return {**out, "method": method} if out is not None and method else out


def score_in(node: DocNode | None, interval: Interval | None = None) -> Score | None:
    """A score object, with ``interval`` (read beside it) attached; one whose ``raw`` is null
    (a unit that submitted no evidence) is None."""
    if node is None or node.get("raw").data is None:
        return None
    raw, rounded = node.get("raw").number(), node.get("rounded").number()
    return Score(raw, rounded, node.optional_str("band"), None, interval)


def interval_out(interval: Interval | None) -> dict[str, Any] | None:
    """An interval object (``rounded`` is not published: readers round the ends themselves)."""
    if interval is None:
        return None
    return {
        "lower": interval.lower,
        "upper": interval.upper,
        "level": interval.level,
        "method": interval.method,
        "crosses_band": interval.crosses_band,
        "may_be": list(interval.may_be),
        "se": interval.se,
        "n": interval.n,
        "df": interval.df,
    }


def interval_in(node: DocNode | None) -> Interval | None:
    """An interval object, or None."""
    if node is None:
        return None
    level = node.optional_number("level")
    return Interval(
        lower=node.get("lower").number(),
        upper=node.get("upper").number(),
        level=0.95 if level is None else level,
        method=node.optional_str("method") or "",
        crosses_band=bool(node.optional_bool("crosses_band")),
        may_be=node.texts("may_be"),
        se=node.optional_number("se"),
        n=node.optional_int("n") or 0,
        df=node.optional_number("df"),
    )


def _behaviour_out(b: BehaviourResult, labels: Labels) -> dict[str, Any]:
    d = b.distribution
    _, shares, favourable, favourable_share = d.figures()
    score = b.score
    return {
        "raw": score.raw if score else None,
        "rounded": score.rounded if score else None,
        "band": score.band if score else None,
        "band_label": labels.get(score.band) if score and score.band else None,
        "respondents": b.respondents,
        "sd": b.sd,
        "distribution": {
            "points": list(d.points),
            "counts": list(d.counts),
            "shares": list(shares),
            "favourable_points": d.favourable_points,
            "favourable": favourable,
            "favourable_share": favourable_share,
        },
    }


def _behaviour_in(bid: str, node: DocNode, value_of: Mapping[str, str]) -> BehaviourResult:
    d = node.get("distribution")
    return BehaviourResult(
        id=bid,
        value=value_of.get(bid, ""),
        score=score_in(node),
        respondents=node.get("respondents").integer(),
        distribution=Distribution(
            tuple(p.number() for p in d.get("points").items()),
            tuple(c.integer() for c in d.get("counts").items()),
            d.get("favourable_points").integer(),
        ),
        sd=node.optional_number("sd"),
    )


def _gap_test_out(t: GapTest) -> dict[str, Any]:
    return {
        "behaviour": t.behaviour,
        "gap": t.gap,
        "lower": t.lower,
        "upper": t.upper,
        "p": t.p,
        "df": t.df,
        "significant": t.significant,
    }


def _gap_test_in(node: DocNode) -> GapTest:
    return GapTest(
        behaviour=node.get("behaviour").text(),
        gap=node.get("gap").number(),
        lower=node.optional_number("lower"),
        upper=node.optional_number("upper"),
        p=node.optional_number("p"),
        df=node.optional_number("df"),
        significant=bool(node.get("significant").data) if node.has("significant") else False,
    )


_OPTIONAL_COUNTS = ("headcount", "min_respondents", "eligible", "staff")
"""Written when set; ``staff`` (the institution row only) is the denominator of its
``response_rate``: the headcounts of the units it contains, where ``headcount`` is every
unit's (audit 2026-12-03: without it, headcount x rate did not give the respondents)."""


def group_out(
    group: GroupResult,
    group_by: Sequence[str],
    labels: Labels,
    unit_gaps: UnitGaps | None = None,
    levels: Sequence[str] = (),
    response_rate: float | None = None,
    method: str | None = None,
) -> dict[str, Any]:
    """One group (or the institution) as a mapping; ``unit_gaps``: its evidence result.

    ``response_rate``: the institution's (it needs the units), added last. In a run with
    ``levels`` a row's ``level`` is its level column (``instansi``; the top row stays
    ``institution``) and its ``path`` the names from the outermost level down, added last.
    ``method``: the method every score of a values-selection row states, in place of the
    value respondents (``results_codec_selection``); such a row has no response rate."""
    doc = _group_out(group, group_by, labels, unit_gaps, method)
    if response_rate is not None:
        doc["response_rate"] = response_rate
    if levels:
        doc["level"] = level_of(group.key, levels) or group.level.value
        doc["path"] = list(level_path(group.key))
    return doc


def _group_out(
    group: GroupResult,
    group_by: Sequence[str],
    labels: Labels,
    unit_gaps: UnitGaps | None,
    method: str | None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "key": dict(zip(group_by, group.key, strict=True)) if group.key else {},
        "level": group.level.value,
        "respondents": group.respondents,
        "withheld": group.withheld,
    }
    for name in _OPTIONAL_COUNTS:
        if getattr(group, name) is not None:
            doc[name] = getattr(group, name)
    if group.key and group.headcount and method is None:
        doc["response_rate"] = group.response_rate
    if group.withheld:
        return doc
    counts = group.value_respondents
    doc["values"] = {
        vid: None
        if s is None
        else (
            tagged_score(s, labels, method)
            if method
            else {**(score_out(s, labels) or {}), "respondents": counts.get(vid, 0)}
        )
        for vid, s in group.values.items()
    }
    doc["index"] = tagged_score(group.index, labels, method)
    if group.evidence is not None or group.combined is not None:
        doc["evidence"] = score_out(group.evidence, labels)
        doc["combined"] = score_out(group.combined, labels)
    if group.index is not None and group.index.interval is not None:
        doc["index_interval"] = interval_out(group.index.interval)
        doc["value_intervals"] = {
            k: interval_out(s.interval)
            for k, s in group.values.items()
            if s is not None and s.interval is not None
        }
    if group.combined is not None and group.combined.interval is not None:
        doc["combined_interval"] = interval_out(group.combined.interval)
    if group.flags:
        doc["flags"] = list(group.flags)
    if group.behaviours:
        doc["behaviours"] = {k: _behaviour_out(b, labels) for k, b in group.behaviours.items()}
        if group.gap_tests:
            doc["behaviour_gaps"] = [_gap_test_out(t) for t in group.gap_tests]
            doc["priorities"] = list(group.priorities)
    if unit_gaps is not None:
        doc["evidence"] = {**(doc.get("evidence") or _NO_SCORE), **_evidence_block(unit_gaps)}
        doc.setdefault("combined", None)
    return doc


_NO_SCORE = {"raw": None, "rounded": None, "band": None, "band_label": None}


def _evidence_block(unit: UnitGaps) -> dict[str, Any]:
    return {
        "provided": unit.provided,
        "expected": unit.expected,
        "missing": list(unit.missing),
        "no_evidence": unit.no_evidence,
        "criteria": dict(unit.criteria),
    }


def group_key(node: DocNode, group_by: Sequence[str]) -> tuple[str, ...]:
    """A row's key cells in ``group_by`` order."""
    key = node.get("key")
    return tuple(key.get(column).text() for column in group_by)


def group_in(
    node: DocNode,
    group_by: Sequence[str],
    value_ids: Sequence[str],
    behaviours: Sequence[BehaviourInfo] = (),
    levels: Sequence[str] = (),
) -> GroupResult:
    """One group (or the institution) read back; a level row (``level`` one of ``levels``)
    is a unit-level result, its level given by its path. A value score without
    ``respondents`` (a values-selection row) reads as 0 respondents."""
    level = node.get("level").text()
    if level in levels:
        level = GroupLevel.UNIT.value
    if level not in {g.value for g in GroupLevel}:
        expected = " or ".join(repr(x) for x in (*levels, "unit", "institution"))
        raise node.get("level").fail(f"expected {expected}, got {level!r}")
    intervals = node.optional("value_intervals")
    value_ci = {
        k: i
        for k, v in (intervals.entries() if intervals else ())
        if v.data is not None and (i := interval_in(v))
    }
    values: dict[str, Score | None] = {}
    counts: dict[str, int] = {}
    value_node = node.optional("values")
    for vid, score in value_node.entries() if value_node is not None else ():
        if vid not in value_ids:
            raise score.fail(f"value {vid!r} is not in the document's 'values' list")
        values[vid] = score_in(score if score.data is not None else None, value_ci.get(vid))
        if values[vid] is not None:
            counts[vid] = score.optional_int("respondents") or 0
    value_of = {b.id: b.value for b in behaviours}
    block = node.optional("behaviours")
    return GroupResult(
        key=() if level == GroupLevel.INSTITUTION else group_key(node, group_by),
        level=GroupLevel(level),
        respondents=node.get("respondents").integer(),
        values=values,
        value_respondents=counts,
        index=score_in(node.optional("index"), interval_in(node.optional("index_interval"))),
        withheld=node.optional_str("withheld"),
        evidence=score_in(node.optional("evidence")),
        combined=score_in(
            node.optional("combined"), interval_in(node.optional("combined_interval"))
        ),
        headcount=node.optional_int("headcount"),
        min_respondents=node.optional_int("min_respondents"),
        eligible=node.optional_bool("eligible"),
        staff=node.optional_int("staff"),
        flags=node.texts("flags"),
        behaviours={k: _behaviour_in(k, b, value_of) for k, b in block.entries()} if block else {},
        gap_tests=tuple(_gap_test_in(t) for t in node.get("behaviour_gaps").items())
        if node.optional("behaviour_gaps")
        else (),
        priorities=node.texts("priorities"),
    )


def gaps_out(gaps: Sequence[UnitGaps], group_by: Sequence[str]) -> dict[str, Any]:
    """``{"gaps": [...]}`` when evidence was scored, else ``{}`` (the key is only added).

    Items are listed largest gain first (``UnitGaps.ranked``); the list is ``Rows``, each
    unit's row made when it is written."""
    if not gaps:
        return {}
    return {"gaps": Rows(partial(_unit_gaps_out, group_by=group_by), gaps)}


def _unit_gaps_out(unit: UnitGaps, group_by: Sequence[str]) -> dict[str, Any]:
    return {
        "key": dict(zip(group_by, unit.key, strict=True)),
        "evidence": unit.evidence,
        "combined": unit.combined,
        "band": unit.band,
        "next_band": unit.next_band,
        "to_next_band": unit.to_next_band,
        "no_evidence": unit.no_evidence,
        "provided": unit.provided,
        "expected": unit.expected,
        "items": [
            {
                "evidence_id": gap.evidence_id,
                "criterion": gap.criterion_id,
                "provided": gap.provided,
                "answer": gap.answer,
                "row": gap.row,
                "score": gap.score,
                "points": gap.points,
            }
            for gap in unit.ranked
        ],
    }


def _gap_in(node: DocNode) -> EvidenceGap:
    return EvidenceGap(
        evidence_id=node.get("evidence_id").text(),
        criterion_id=node.optional_str("criterion") or "",
        score=node.get("score").number(),
        provided=bool(node.get("provided").data) if node.has("provided") else False,
        points=node.optional_number("points"),
        answer=node.optional_str("answer"),
        row=node.optional_int("row"),
    )


def gaps_in(
    doc: DocNode, group_by: Sequence[str], groups: Sequence[DocNode]
) -> tuple[UnitGaps, ...]:
    """The gap report (``gaps[]``), each unit's ``criteria`` from its group's evidence block."""
    gaps = doc.optional("gaps")
    if gaps is None:
        return ()
    criteria: dict[tuple[str, ...], dict[str, float]] = {}
    for g in groups:
        block = g.optional("evidence")
        scores = block.optional("criteria") if block is not None else None
        if scores is not None and g.optional("key") is not None:
            criteria[group_key(g, group_by)] = {k: v.number() for k, v in scores.entries()}
    out: list[UnitGaps] = []
    for unit in gaps.items():
        key = group_key(unit, group_by)
        out.append(
            UnitGaps(
                key=key,
                evidence=unit.optional_number("evidence"),
                criteria=criteria.get(key, {}),
                provided=unit.optional_int("provided") or 0,
                expected=unit.optional_int("expected") or 0,
                no_evidence=bool(unit.optional_bool("no_evidence")),
                combined=unit.optional_number("combined"),
                band=unit.optional_str("band"),
                next_band=unit.optional_str("next_band"),
                to_next_band=unit.optional_number("to_next_band"),
                items=tuple(_gap_in(g) for g in unit.get("items").items()),
            )
        )
    return tuple(out)
