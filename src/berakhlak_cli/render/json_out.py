"""The JSON results document as text (format ``berakhlak-results``, ``model.results_codec``)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from berakhlak_cli.model.document.codec import document_parts, to_document
from berakhlak_cli.model.document.contents import ResultsDocument, header_of
from berakhlak_cli.model.document.rows import Rows, plain
from berakhlak_cli.model.results import Provenance, Scoresheet
from berakhlak_cli.model.rubric import Rubric


def results_of(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> ResultsDocument:
    """What the results document publishes of a scored ``sheet``."""
    return ResultsDocument(
        sheet=sheet,
        header=header_of(rubric),
        provenance=provenance,
        institution_response_rate=sheet.institution.response_rate,
    )


def results_document(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> dict[str, Any]:
    """The whole results document as plain data."""
    return to_document(results_of(sheet, rubric, provenance))


def _compact(value: Any) -> str:
    """One JSON value on one line, by orjson (UTF-8, shortest round-trip floats).

    A group of a national file is ~10 KB of numbers; orjson writes them about six times
    faster than the standard library's C encoder (5 000 units: 0,14 s against 0,86 s on the
    2-core VM, issue #16), with the same numbers: both print the shortest text that reads back
    as the same float. A non-finite float (never in a results document) would be ``null``.
    """
    try:
        return orjson.dumps(value, default=_fallback, option=_OPTIONS).decode()
    except orjson.JSONEncodeError:
        # NOTE: orjson refuses integers beyond 64 bits (a rubric's summary may hold any YAML
        # integer); the standard library writes them, in the same layout.
        return _STANDARD(value)


# NOTE: orjson would write a dataclass or a datetime by itself; passed through, they reach
# _fallback, which refuses them as the standard library's encoder did, so nothing but plain
# data (``model.document``) can reach a results file.
_OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
)


def _fallback(value: Any) -> Any:
    """What orjson does not write itself, as the standard library's encoder would see it."""
    if isinstance(value, Rows):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_STANDARD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_fallback).encode


def layout_json(value: Any, depth: int = 0) -> str:
    """JSON with the top two levels indented and each list element (a group, an issue) on one
    line: readable and diff-friendly, and fast, because every line is written in one call to
    orjson (``_compact``)."""
    return "".join(layout_chunks(value, depth))


def layout_chunks(value: Any, depth: int = 0) -> Iterator[str]:
    """``layout_json`` in pieces, a ``Rows`` list (``model.document.rows``) encoded one row at
    a time: one piece per row, so only one group's mapping and line exist at once."""
    pad = "  " * (depth + 1)
    close = "  " * depth
    if isinstance(value, dict) and value and depth < 2:
        lead = "{\n" + pad
        for key, item in value.items():
            yield lead + _compact(key) + ": "
            yield from layout_chunks(item, depth + 1)
            lead = ",\n" + pad
        yield "\n" + close + "}"
    elif (isinstance(value, Rows) and len(value)) or (
        isinstance(value, list) and value and all(isinstance(x, dict) for x in value)
    ):
        lead = "[\n" + pad
        for row in value:
            yield lead + _compact(row)
            lead = ",\n" + pad
        yield "\n" + close + "]"
    else:
        yield _compact(plain(value))


def json_chunks(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> Iterator[str]:
    """``render_json`` in pieces (one per group), for writing a large document as it is made."""
    yield from layout_chunks(document_parts(results_of(sheet, rubric, provenance)))
    yield "\n"


def render_json(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> str:
    """The results document as JSON text (UTF-8, stable key order, see ``layout_json``)."""
    return "".join(json_chunks(sheet, rubric, provenance))
