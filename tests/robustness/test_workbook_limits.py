"""Workbook limits (issue 18): measured from the zip and XML, at the boundary, before calamine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.files import workbook_limits
from berakhlak_cli.loaders.files.workbook import read_sheet

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assets" / "surveys"))
from workbooks import raw_ods, raw_xlsx  # noqa: E402


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_grid_exactly_at_the_cell_limit_is_read(tmp_path: Path, monkeypatch) -> None:
    """3 rows x 4 columns = 12 cells: read at a limit of 12, refused at 11."""
    path = _write(tmp_path, "ok.xlsx", raw_xlsx([["a", "b", "c", "d"]] * 3))
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 12)
    rows, _, _ = read_sheet(path, "ok.xlsx", None, SurveyError)
    assert len(rows) == 3 and len(rows[0]) == 4
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 11)
    with pytest.raises(SurveyError, match=r"3 rows x 4 columns \(12 cells; limit 11\)"):
        read_sheet(path, "ok.xlsx", None, SurveyError)


def test_shared_text_counts_every_cell_that_shows_a_string(tmp_path: Path, monkeypatch) -> None:
    """Two cells showing one 10-character string hold 20 characters, not 10."""
    path = _write(tmp_path, "t.xlsx", raw_xlsx([["0123456789", "0123456789"]]))
    monkeypatch.setattr(workbook_limits, "MAX_TEXT", 20)
    read_sheet(path, "t.xlsx", None, SurveyError)
    monkeypatch.setattr(workbook_limits, "MAX_TEXT", 19)
    with pytest.raises(SurveyError, match="workbook too large: its cells hold"):
        read_sheet(path, "t.xlsx", None, SurveyError)


def test_a_string_of_excels_maximum_length_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.xlsx", raw_xlsx([["h1", "h2"], ["é" * 32_767, "x"]]))
    rows, _, _ = read_sheet(path, "long.xlsx", None, SurveyError)
    assert len(rows[1][0]) == 32_767


def test_ods_repeats_are_multiplied_out(tmp_path: Path, monkeypatch) -> None:
    """A row repeated 5 times over 2 columns is 10 cells; trailing empty rows are free."""
    data = raw_ods([(["a", "b"], 1), (["1", "2"], 5)], trailing_empty_rows=1_000_000)
    path = _write(tmp_path, "r.ods", data)
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 12)
    rows, _, _ = read_sheet(path, "r.ods", None, SurveyError)
    assert len([r for r in rows if any(r)]) == 6
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 11)
    with pytest.raises(SurveyError, match=r"6 rows x 2 columns \(12 cells; limit 11\)"):
        read_sheet(path, "r.ods", None, SurveyError)


def test_contents_that_unpack_beyond_the_limit_are_refused(tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path, "z.xlsx", raw_xlsx([["a", "b"]]))
    monkeypatch.setattr(workbook_limits, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(SurveyError, match=r"workbook too large: its contents unpack to 0 MiB"):
        read_sheet(path, "z.xlsx", None, SurveyError)


@pytest.mark.parametrize("name", ["r.ods", "r.xlsx"])
def test_pieces_never_split_a_row(tmp_path: Path, monkeypatch, name: str) -> None:
    """Read 40 bytes at a time, the measure is the same (a row spanning pieces counts whole)."""
    rows = [["a", "a", "a"]] * 3
    if name.endswith(".ods"):
        # NOTE: an empty cell first, so a piece could end inside the row, before its content.
        data = raw_ods([(r, 1) for r in rows], empty_first=True)
        shape = r"3 rows x 4 columns \(12 cells; limit 8\)"
    else:
        data, shape = raw_xlsx(rows), r"3 rows x 3 columns \(9 cells; limit 8\)"
    path = _write(tmp_path, name, data)
    monkeypatch.setattr(workbook_limits, "CHUNK", 40)
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 8)
    with pytest.raises(SurveyError, match=shape):
        read_sheet(path, name, None, SurveyError)
