"""Survey loading: formats, header matching, encodings, and batch-size invariance."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.loaders.survey import from_csv
from berakhlak_cli.loaders.survey.source import open_survey
from berakhlak_cli.model.results import Provenance
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.render.json_out import results_document
from tests.conftest import EXAMPLES

SURVEY = EXAMPLES / "survei-2024.csv"
PROV = Provenance("test", "2026-01-01T00:00:00+00:00")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


def example_rows() -> list[list[str]]:
    with SURVEY.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def document(path: Path, rubric: Rubric, **kwargs: object) -> dict[str, object]:
    sheet, _ = score_survey(path, rubric, **kwargs)  # type: ignore[arg-type]
    return results_document(sheet, rubric, PROV)


def assert_same(a: object, b: object, path: str = "") -> None:
    """Equal, except raw floats may differ by summation order (1e-12 relative)."""
    if isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-12), path
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            assert_same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]")
    else:
        assert a == b, path


def published(doc: dict[str, object]) -> list[object]:
    """Everything a reader sees: counts, rounded values and bands (no raw floats)."""
    groups = [*doc["groups"], doc["institution"]]  # type: ignore[list-item]
    return [
        (
            g["key"],
            g["respondents"],
            g.get("withheld"),
            {k: (v["rounded"], v["band"]) if v else None for k, v in g.get("values", {}).items()},
            (g["index"]["rounded"], g["index"]["band"]) if g.get("index") else None,
        )
        for g in groups
    ] + [doc["rows"], doc["issues"]]


def test_results_do_not_depend_on_batch_size(rubric: Rubric) -> None:
    whole = document(SURVEY, rubric)
    for rows in (1, 7, 100):
        split = document(SURVEY, rubric, batch_rows=rows)
        assert published(split) == published(whole)
        assert_same(split, whole)


def test_example_scores(rubric: Rubric) -> None:
    doc = document(SURVEY, rubric)
    rows = doc["rows"]
    assert rows == {  # planted in examples/kalteng/generate.py (see its README)
        "read": 531,
        "scored": 527,
        "excluded": {"blank-respondent": 2, "duplicate-respondent": 1, "missing-group": 1},
    }
    institution = doc["institution"]
    assert isinstance(institution, dict)
    assert institution["respondents"] == 527
    assert institution["index"]["rounded"] == 76.1
    assert institution["index"]["band"] == "A"


def test_google_forms_headers_match_through_aliases(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    texts = {item.id: item.text.id for item in rubric.items}
    rows[0] = ["Unit Kerja" if h == "unit_kerja" else texts.get(h, h) for h in rows[0]]
    path = tmp_path / "forms.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert document(path, rubric)["institution"] == document(SURVEY, rubric)["institution"]


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "utf-8-sig"), ("\t", "utf-8"), (",", "cp1252")]
)
def test_delimiters_and_encodings(
    tmp_path: Path, rubric: Rubric, delimiter: str, encoding: str
) -> None:
    path = tmp_path / "survey.csv"
    rows = example_rows()
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    source = open_survey(path, rubric, ("unit_kerja",))
    assert source.plan.warnings == ()
    assert document(path, rubric)["institution"] == document(SURVEY, rubric)["institution"]


def test_cp1252_fallback_warns(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    rows[1][2] = "Adi Suryanto Ëkö"  # a name (ignored column) with cp1252 letters
    path = tmp_path / "survey.csv"
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh).writerows(rows)
    source = open_survey(path, rubric, ("unit_kerja",))
    (warning,) = source.plan.warnings
    assert "line 2 is not valid UTF-8" in warning and "cp1252" in warning


def test_ids_keep_leading_zeros(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    rows[1][1] = "007100000000000001"
    path = tmp_path / "survey.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    source = open_survey(path, rubric, ("unit_kerja",))
    first_row, ids = next(source.id_batches())
    assert first_row == 2 and ids.values()[0] == "007100000000000001"


def test_xlsx_input(tmp_path: Path, rubric: Rubric) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in example_rows():
        # numbers as Excel numbers, the way a typed-in sheet stores them
        sheet.append([int(c) if c.isdigit() and len(c) == 1 else c for c in row])
    book.create_sheet("Catatan").append(["ini bukan data survei"])
    path = tmp_path / "survey.xlsx"
    book.save(path)
    source = open_survey(path, rubric, ("unit_kerja",))
    assert "2 sheets" in source.plan.warnings[0]
    assert document(path, rubric)["institution"] == document(SURVEY, rubric)["institution"]


def test_parquet_input(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    columns = {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}
    # a numeric answer column stored as float64 must still read as "4", not "4.0"
    columns["bp1"] = [float(v) if v.isdigit() else None for v in columns["bp1"]]  # type: ignore[misc]
    path = tmp_path / "survey.parquet"
    pq.write_table(pa.table(columns), path)
    doc = document(path, rubric)
    assert doc["rows"]["read"] == 531  # type: ignore[index]
    assert not [i for i in doc["issues"]["items"] if i["column"] == "bp1"]  # type: ignore[index]


def test_missing_items_name_what_was_looked_for(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("unit_kerja,bp1,bp2\nBiro Hukum,4,5\n", encoding="utf-8")
    with pytest.raises(SurveyError, match=r"19 of 21 rubric items have no column \(bp3, ak1"):
        open_survey(path, rubric, ("unit_kerja",))


def test_ambiguous_header_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    rows[0][0] = "BP.1"  # the Timestamp column now also matches item bp1
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "survey.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(SurveyError, match=r"item 'bp1' matches more than one column"):
        open_survey(path, rubric, ("unit_kerja",))


def test_dictionary_codes_from_buffers_handle_nulls_and_slices() -> None:
    from berakhlak_cli.loaders.survey.source import _codes

    indices = pa.array([0, None, 1, 0, None, 1, 1, 0, 1, None], pa.int32())
    assert _codes(indices).tolist() == [0, -1, 1, 0, -1, 1, 1, 0, 1, -1]
    assert _codes(indices.slice(3, 5)).tolist() == [0, -1, 1, 1, 0]
    assert _codes(pa.array([2, 0], pa.int8())).tolist() == [2, 0]


def test_scoring_a_csv_does_not_import_pandas(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from berakhlak_cli.console import main; "
        f"sys.argv = ['berakhlak', 'score', {str(SURVEY)!r}, '-f', 'json', '-q', "
        f"'-o', {str(tmp_path / 'out.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_parquet_nulls_read_as_blank_cells(tmp_path: Path, rubric: Rubric) -> None:
    rows = example_rows()
    columns = {h: [r[i] or None for r in rows[1:]] for i, h in enumerate(rows[0])}
    path = tmp_path / "survey.parquet"
    pq.write_table(pa.table(columns), path)
    from_parquet, from_csv = document(path, rubric), document(SURVEY, rubric)
    assert from_parquet["rows"] == from_csv["rows"]
    assert published(from_parquet) == published(from_csv)


def _cells(path: Path, rubric: Rubric, block_bytes: int) -> list[list[object]]:
    source = open_survey(path, rubric, (rubric.columns.unit.name,), block_bytes=block_bytes)
    out: list[list[object]] = []
    for batch in source.batches():
        out.append([batch.first_row, batch.size, *(c.values() for c in batch.items.values())])
    return out


def test_a_record_longer_than_a_read_block_is_read_again_in_full_blocks(
    tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = example_rows()
    header, body = rows[0], rows[1:]
    name = next(i for i, h in enumerate(header) if "nama" in h.lower())
    body = (body * 40)[:2000]
    body[1500] = [*body[1500]]
    body[1500][name] = "x" * 20_000  # longer than a 16 KiB read block, within the 64 KiB limit
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    monkeypatch.setattr(from_csv, "COALESCE_ROWS", 300)  # several batches before the long row
    blocks: list[int] = []
    open_csv = from_csv.pacsv.open_csv

    def spy(*args: Any, **kwargs: Any) -> Any:
        blocks.append(kwargs["read_options"].block_size)
        return open_csv(*args, **kwargs)

    monkeypatch.setattr(from_csv.pacsv, "open_csv", spy)
    got = _cells(path, rubric, 1 << 16)
    assert blocks == [1 << 14, 1 << 16]
    assert sum(b[1] for b in got) == 2000  # type: ignore[misc]
    assert len(got) > 3
    monkeypatch.setattr(from_csv, "SPLIT", 1)  # full blocks only: the batches as before
    assert got == _cells(path, rubric, 1 << 16)
    monkeypatch.setattr(from_csv, "SPLIT", 4)
    with pytest.raises(SurveyError, match="line 1502: the line holds"):
        _cells(path, rubric, 1 << 14)
