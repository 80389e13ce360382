"""The JSON results document as text (format ``berakhlak-results``, ``model.results_codec``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

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


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _compact(value: Any) -> str:
    return _COMPACT(value)


def layout_json(value: Any, depth: int = 0) -> str:
    """JSON with the top two levels indented and each list element (a group, an issue) on one
    line: readable and diff-friendly, and fast, because every line is written by json's C
    encoder (``indent=`` would switch the whole document to the pure-Python encoder)."""
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
