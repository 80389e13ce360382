"""The streamed JSON document (``json_chunks``, written group by group) is byte for byte the
layout of the whole document (``layout_json(to_document(x))``), on the examples and on every
document the codec strategies build; the CLI writes exactly those bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

import berakhlak_cli
from berakhlak_cli.cli import app
from berakhlak_cli.cli.boundary import provenance
from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
from berakhlak_cli.model.document.codec import document_parts, to_document
from berakhlak_cli.model.document.contents import ResultsDocument
from berakhlak_cli.model.document.rows import Rows, plain
from berakhlak_cli.model.results import Score, Scoresheet
from berakhlak_cli.render.json_out import json_chunks, layout_chunks, layout_json, results_of
from tests.conftest import EXAMPLES, ROOT
from tests.test_results_codec import documents, selection_documents

WHEN = "2026-01-01T00:00:00+00:00"
NASIONAL = ROOT / "examples" / "nasional"
CASES = {
    "units": ("survei-2024.csv", {"units": EXAMPLES / "units.csv"}),
    "evidence": (
        "survei-2024.csv",
        {
            "units": EXAMPLES / "units.csv",
            "evidence": EXAMPLES / "bukti-dukung-2024.csv",
            "evidence_dir": EXAMPLES / "bukti",
        },
    ),
    "levels": (NASIONAL / "survei-nasional.csv", {"rubric": NASIONAL / "rubrik-nasional.yaml"}),
}


def test_the_layout_indents_two_levels_and_puts_each_row_on_its_line() -> None:
    """The published layout, pinned by hand: a list of rows (``Rows`` or a list of mappings)
    one row a line, mappings below the second level and other lists on one line."""
    doc = {
        "a": 1,
        "b": {"c": [{"d": 1.5}, {"d": None}], "e": [], "f": {"g": [{"h": "é"}]}, "i": {}},
        "groups": Rows(lambda k: {"k": k}, [[1, 2], [3]]),
        "none": Rows(lambda k: {"k": k}, []),
        "flat": [1, {"x": 2}],
    }
    assert "".join(layout_chunks(doc)) == (
        '{\n  "a": 1,\n  "b": {\n    "c": [\n      {"d":1.5},\n      {"d":null}\n    ],\n'
        '    "e": [],\n    "f": {"g":[{"h":"é"}]},\n    "i": {}\n  },\n'
        '  "groups": [\n    {"k":[1,2]},\n    {"k":[3]}\n  ],\n  "none": [],\n'
        '  "flat": [1,{"x":2}]\n}'
    )
    assert layout_json({key: plain(value) for key, value in doc.items()}) == "".join(
        layout_chunks(doc)
    )


def _streamed(doc: ResultsDocument) -> str:
    return "".join(layout_chunks(document_parts(doc)))


@pytest.mark.parametrize("case", list(CASES))
def test_the_examples_stream_the_layout_of_the_whole_document(
    case: str, runner: CliRunner, tmp_path: Path
) -> None:
    name, options = CASES[case]
    survey = EXAMPLES / name
    rubric_path = Path(options.pop("rubric", default_rubric_path()))
    rubric = load_rubric(rubric_path)
    sheet = berakhlak_cli.score(survey, rubric, **options)  # type: ignore[arg-type]
    assert isinstance(sheet, Scoresheet) and len(sheet.groups) > 1
    roles = [("rubric", rubric_path), ("survey", survey)]
    roles += [(role, Path(p)) for role, p in options.items() if role in ("units", "evidence")]
    prov = provenance(roles, WHEN)
    whole = layout_json(to_document(results_of(sheet, rubric, prov))) + "\n"
    assert "".join(json_chunks(sheet, rubric, prov)) == whole
    assert ('"gaps": [\n    {' in whole) is (case == "evidence")
    out = tmp_path / "hasil.json"
    args = ["score", str(survey), "--rubric", str(rubric_path), "-f", "json"]
    args += [f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
    result = runner.invoke(app, [*args, "-o", str(out), "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == whole
    shown = runner.invoke(app, [*args, "--generated-at", WHEN])
    assert shown.exit_code == 0 and shown.stdout == whole
    assert list(tmp_path.iterdir()) == [out]


@settings(max_examples=100, deadline=None)
@given(documents())
def test_a_document_streams_as_its_layout(doc: ResultsDocument) -> None:
    assert _streamed(doc) == layout_json(to_document(doc))


@settings(max_examples=40, deadline=None)
@given(documents(levelled=True))
def test_a_levelled_document_streams_as_its_layout(doc: ResultsDocument) -> None:
    assert _streamed(doc) == layout_json(to_document(doc))


@settings(max_examples=40, deadline=None)
@given(selection_documents())
def test_a_values_selection_document_streams_as_its_layout(doc: ResultsDocument) -> None:
    assert _streamed(doc) == layout_json(to_document(doc))


def test_a_row_is_written_as_the_standard_library_would_read_it() -> None:
    """orjson writes each row; what it has no native form for (a read-only mapping, numpy
    scalars, a nested ``Rows``) comes out as the standard library's encoder wrote it, the
    floats as the same shortest text, and an unknown type is refused, not stringified."""
    import json
    from types import MappingProxyType

    import numpy as np
    import pytest

    from berakhlak_cli.render.json_out import _compact

    row = {
        "m": MappingProxyType({"a": 1}),
        "f": np.float64(76.3),
        "r": Rows(lambda k: {"k": k}, [1]),
        "x": [0.1, 1e-05, 59.5, 1e16],
    }
    text = _compact(row)
    assert text == '{"m":{"a":1},"f":76.3,"r":[{"k":1}],"x":[0.1,0.00001,59.5,1e+16]}'
    assert json.loads(text)["x"] == [0.1, 1e-05, 59.5, 1e16]
    with pytest.raises(TypeError, match="serialis.*object"):
        _compact({"o": object()})
    big = {"n": -(2**63) - 1}  # beyond orjson's 64 bits: the standard library writes it
    assert _compact(big) == '{"n":-9223372036854775809}'
    with pytest.raises(TypeError):  # as json.dumps: numpy's integers are not Python ints
        _compact({"i": np.int64(7)})
    with pytest.raises(TypeError, match="Score"):  # a record is not plain data
        _compact({"s": Score(76.3, 76.3, "A")})
