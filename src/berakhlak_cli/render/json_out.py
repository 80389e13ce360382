"""The JSON results document as text (format ``berakhlak-results``, ``model.results_codec``)."""

from __future__ import annotations

import json
from typing import Any

from berakhlak_cli.model.document.codec import to_document
from berakhlak_cli.model.document.contents import ResultsDocument, header_of
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
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def layout_json(value: Any, depth: int = 0) -> str:
    """JSON with the top two levels indented and each list element (a group, an issue) on one
    line: readable and diff-friendly, and fast, because every line is written by json's C
    encoder (``indent=`` would switch the whole document to the pure-Python encoder)."""
    pad = "  " * (depth + 1)
    close = "  " * depth
    if isinstance(value, dict) and value and depth < 2:
        body = ",\n".join(
            f"{pad}{_compact(k)}: {layout_json(v, depth + 1)}" for k, v in value.items()
        )
        return "{\n" + body + "\n" + close + "}"
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        return "[\n" + ",\n".join(pad + _compact(x) for x in value) + "\n" + close + "]"
    return _compact(value)


def render_json(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> str:
    """The results document as JSON text (UTF-8, stable key order, see ``layout_json``)."""
    return layout_json(results_document(sheet, rubric, provenance)) + "\n"
