"""Typed, path-aware access to a parsed results JSON document, and its group rows.

Every getter names the file and the key path when the document does not have the shape of
docs/output.md (``hasil.json: key 'groups[3].index.rounded': expected a number, got "x"``).
Unknown keys are ignored: fields are only ever added within a format version.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.behaviours import BehaviourFigure, Distribution, GapTest
from berakhlak_cli.model.comparison import Figure, GapItem, UnitEvidence, UnitResult
from berakhlak_cli.model.personal_data import mask_personal
from berakhlak_cli.model.rubric import Change

COMBINED_WITHHELD = "combined-withheld"


class JsonNode:
    """One node of the document with its key path, for one-line errors."""

    def __init__(self, data: Any, path: str, source: str) -> None:
        self.data = data
        self.path = path
        self.source = source

    def fail(self, message: str) -> ResultsError:
        """An error naming the file and this node's key path."""
        where = f"key {self.path!r}: " if self.path else ""
        return ResultsError(f"{self.source}: {where}{mask_personal(message)}")

    def _child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """True when this is a mapping with ``key``."""
        return isinstance(self.data, dict) and key in self.data

    def get(self, key: str) -> JsonNode:
        """The child under ``key`` (an error when this is not a mapping or lacks it)."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        if key not in self.data:
            raise JsonNode(None, self._child(key), self.source).fail("missing")
        return JsonNode(self.data[key], self._child(key), self.source)

    def items(self) -> Iterator[JsonNode]:
        """The entries of a list."""
        if not isinstance(self.data, list):
            raise self.fail(f"expected a list, got {_kind(self.data)}")
        for i, entry in enumerate(self.data):
            yield JsonNode(entry, f"{self.path}[{i}]", self.source)

    def entries(self) -> Iterator[tuple[str, JsonNode]]:
        """The (key, child) pairs of an object."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        for key, value in self.data.items():
            yield str(key), JsonNode(value, self._child(str(key)), self.source)

    def mapping(self) -> Mapping[str, Any]:
        """The node as a plain mapping."""
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        return self.data

    def text(self) -> str:
        """A string."""
        if not isinstance(self.data, str):
            raise self.fail(f"expected text, got {_kind(self.data)}")
        return self.data

    def optional_text(self) -> str | None:
        """A string or null."""
        return None if self.data is None else self.text()

    def number(self) -> float:
        """A finite number."""
        value = self.data
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"expected a number, got {_kind(value)}")
        if not math.isfinite(value):
            raise self.fail(f"expected a finite number, got {value}")
        return float(value)

    def integer(self) -> int:
        """A whole number."""
        if isinstance(self.data, bool) or not isinstance(self.data, int):
            raise self.fail(f"expected a whole number, got {_kind(self.data)}")
        return self.data

    def optional_integer(self) -> int | None:
        """A whole number or null."""
        return None if self.data is None else self.integer()

    def optional(self, key: str) -> JsonNode | None:
        """The child under ``key`` unless it is absent or null."""
        if not self.has(key) or self.data[key] is None:
            return None
        return self.get(key)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def read_figure(node: JsonNode | None, interval: JsonNode | None = None) -> Figure | None:
    """A score object (``raw``, ``rounded``, ``band``, optional ``respondents``) or None, with
    the ``lower``, ``upper``, ``se``, ``df`` and ``n`` of its ``interval`` object when given.

    An object whose ``raw`` is null (a unit that submitted no evidence) counts as no figure.
    """
    if node is None or node.get("raw").data is None:
        return None
    band = node.get("band").optional_text() if node.has("band") else None
    respondents = node.get("respondents").optional_integer() if node.has("respondents") else None
    figure = Figure(node.get("raw").number(), node.get("rounded").number(), band, respondents)
    if interval is None:
        return figure
    return replace(
        figure,
        lower=interval.get("lower").number(),
        upper=interval.get("upper").number(),
        se=_optional_number(interval, "se"),
        df=_optional_number(interval, "df"),
        n=interval.get("n").optional_integer() if interval.has("n") else None,
    )


def _optional_number(node: JsonNode, key: str) -> float | None:
    child = node.optional(key)
    return None if child is None else child.number()


def read_change(rubric: JsonNode) -> Change | None:
    """The rubric's ``change`` settings (``min_meaningful``, ``confidence``), when recorded."""
    node = rubric.optional("change")
    if node is None:
        return None
    default = Change()
    minimum = _optional_number(node, "min_meaningful")
    confidence = _optional_number(node, "confidence")
    if confidence is not None and not 0.0 < confidence < 1.0:
        raise node.get("confidence").fail(f"expected a number between 0 and 1, got {confidence}")
    return Change(
        min_meaningful=default.min_meaningful if minimum is None else minimum,
        confidence=default.confidence if confidence is None else confidence,
    )


def group_name(node: JsonNode, group_by: list[str]) -> str:
    """A group's display name: its key cells joined with `` / ``; in a run with levels, its
    ``path`` (``Kementerian A`` for an instansi row, ``Kementerian A / Biro Umum`` below)."""
    if node.has("path"):
        return " / ".join(part.text() for part in node.get("path").items())
    key = node.get("key")
    return " / ".join(key.get(column).text() for column in group_by)


def read_group(node: JsonNode, group_by: list[str], value_ids: list[str]) -> UnitResult:
    """One group (or the institution) as a ``UnitResult``; its ``index`` is the headline."""
    level = node.get("level").text()
    name = "" if level == "institution" else group_name(node, group_by)
    values: dict[str, Figure] = {}
    intervals = node.optional("value_intervals")
    if node.has("values"):
        for vid, score in node.get("values").entries():
            if vid not in value_ids:
                raise score.fail(f"value {vid!r} is not in the document's 'values' list")
            interval = intervals.optional(vid) if intervals is not None else None
            figure = read_figure(score if score.data is not None else None, interval)
            if figure is not None:
                values[vid] = figure
    survey = read_figure(node.optional("index"), node.optional("index_interval"))
    combined = read_figure(node.optional("combined"), node.optional("combined_interval"))
    flags = [f.text() for f in node.get("flags").items()] if node.has("flags") else []
    headline = combined if combined is not None else survey
    if combined is None and COMBINED_WITHHELD in flags:
        headline = None
    return UnitResult(
        name=name,
        index=headline,
        values=values,
        respondents=node.get("respondents").integer(),
        headcount=node.get("headcount").optional_integer() if node.has("headcount") else None,
        survey_index=survey,
        evidence=read_figure(node.optional("evidence")),
        withheld=node.get("withheld").optional_text() if node.has("withheld") else None,
        eligible=_flag(node, "eligible"),
        min_respondents=(
            node.get("min_respondents").optional_integer() if node.has("min_respondents") else None
        ),
        behaviours=read_behaviours(node),
        gap_tests=tuple(_gap_test(t) for t in node.get("behaviour_gaps").items())
        if node.has("behaviour_gaps")
        else (),
        priorities=tuple(p.text() for p in node.get("priorities").items())
        if node.has("priorities")
        else (),
    )


def read_behaviours(node: JsonNode) -> dict[str, BehaviourFigure]:
    """A group's ``behaviours`` (absent in documents written before they existed: empty)."""
    block = node.optional("behaviours")
    if block is None:
        return {}
    out: dict[str, BehaviourFigure] = {}
    for bid, b in block.entries():
        d = b.get("distribution")
        counts = tuple(c.integer() for c in d.get("counts").items())
        out[bid] = BehaviourFigure(
            id=bid,
            raw=_optional_number(b, "raw"),
            rounded=_optional_number(b, "rounded"),
            band=b.get("band").optional_text() if b.has("band") else None,
            respondents=b.get("respondents").integer(),
            distribution=Distribution(
                tuple(p.number() for p in d.get("points").items()),
                counts,
                d.get("favourable_points").integer(),
            ),
        )
    return out


def _gap_test(node: JsonNode) -> GapTest:
    return GapTest(
        behaviour=node.get("behaviour").text(),
        gap=node.get("gap").number(),
        lower=_optional_number(node, "lower"),
        upper=_optional_number(node, "upper"),
        p=_optional_number(node, "p"),
        df=_optional_number(node, "df"),
        significant=bool(node.get("significant").data) if node.has("significant") else False,
    )


def _flag(node: JsonNode, key: str) -> bool | None:
    if not node.has(key) or node.data[key] is None:
        return None
    value = node.get(key)
    if not isinstance(value.data, bool):
        raise value.fail(f"expected true or false, got {_kind(value.data)}")
    return value.data


def read_gaps(doc: JsonNode, group_by: list[str]) -> tuple[UnitEvidence, ...]:
    """The evidence gap report (``gaps[]``), when the document has one."""
    gaps = doc.optional("gaps")
    if gaps is None:
        return ()
    out: list[UnitEvidence] = []
    for unit in gaps.items():
        items = tuple(
            GapItem(
                evidence_id=g.get("evidence_id").text(),
                criterion_id=g.get("criterion").optional_text() or "",
                score=g.get("score").number() if g.optional("score") else None,
                provided=bool(g.get("provided").data) if g.has("provided") else False,
                points=g.get("points").number() if g.optional("points") else None,
            )
            for g in unit.get("items").items()
        )
        evidence = unit.optional("evidence")
        to_next = unit.optional("to_next_band")
        out.append(
            UnitEvidence(
                unit=group_name(unit, group_by),
                evidence=evidence.number() if evidence else None,
                provided=unit.get("provided").integer() if unit.has("provided") else 0,
                expected=unit.get("expected").integer() if unit.has("expected") else 0,
                next_band=(
                    unit.get("next_band").optional_text() if unit.has("next_band") else None
                ),
                to_next_band=to_next.number() if to_next else None,
                items=items,
            )
        )
    return tuple(out)
