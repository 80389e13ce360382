"""Workbook limits (issue 18): measured from the zip and XML, at the boundary, before calamine."""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import berakhlak_cli
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


# --- bypasses of the pre-check (hostile-input audit): each is refused before calamine -------

FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
HEADER = [["respondent_id", "unit_kerja", "ak1"]]


def _rezip(data: bytes, rename: dict[str, str] | None = None, add: dict[str, str] | None = None):
    """``data`` (a zip) with parts renamed (and the references to them in the XML updated)."""
    rename = rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            for old, new in rename.items():
                body = body.replace(old.encode(), new.encode())
                body = body.replace(
                    old.removeprefix("xl/").encode(), new.removeprefix("xl/").encode()
                )
            dst.writestr(rename.get(info.filename, info.filename), body)
        for name, text in (add or {}).items():
            dst.writestr(name, text)
    return out.getvalue()


def _bad_crc(data: bytes, member: str) -> bytes:
    """``data`` with the CRC-32 of ``member`` wrong in both headers (calamine does not check)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        info = book.getinfo(member)
    wrong = struct.pack("<I", info.CRC ^ 0xDEADBEEF)
    out[info.header_offset + 14 : info.header_offset + 18] = wrong
    central = data.find(member.encode(), data.find(b"PK\x01\x02")) - 46
    assert out[central : central + 4] == b"PK\x01\x02"
    out[central + 16 : central + 20] = wrong
    return bytes(out)


def _ods(rows_repeated: str, cells: str = "") -> bytes:
    """Six cells with content in a row repeated ``rows_repeated`` times (as written)."""
    data = raw_ods([(HEADER[0], 1), (["1", "Biro", "4", "4", "4", "4"], 2)])
    return _rezip_text(
        data,
        "content.xml",
        lambda xml: xml.replace(
            b'table:number-rows-repeated="2">',
            b'table:number-rows-repeated="' + rows_repeated.encode() + b'">' + cells.encode(),
        ),
    )


def _rezip_text(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


_FAR_BOOK = raw_xlsx(HEADER, FAR)
BYPASSES = {
    # the sheet outside xl/worksheets/, the workbook's relationship pointing to it
    "moved.xlsx": _rezip(_FAR_BOOK, {"xl/worksheets/sheet1.xml": "xl/sheet1.xml"}),
    # calamine looks parts up ignoring case
    "upper.xlsx": _rezip(_FAR_BOOK, {"xl/worksheets/sheet1.xml": "xl/worksheets/Sheet1.XML"}),
    "upper-strings.xlsx": _rezip(
        raw_xlsx(
            HEADER, '<row r="2">' + '<c r="A2" t="s"><v>3</v></c>' * 5000 + "</row>", ["x" * 30_000]
        ),
        {"xl/sharedStrings.xml": "XL/SHAREDSTRINGS.XML"},
    ),
    # a stray content.xml made the .xlsx look like an .ods, whose sheets were never measured
    "with-content.xlsx": _rezip(_FAR_BOOK, add={"content.xml": "<x/>"}),
    "far-cell-leading-zero.xlsx": raw_xlsx(HEADER, FAR.replace("XFD1048576", "XFD01048576")),
    "far-cell-newline.xlsx": raw_xlsx(HEADER, FAR.replace("<c r=", "<c\nr=")),
    # cells without r follow one another along a row that says where it is
    "cells-without-r.xlsx": raw_xlsx(
        HEADER, '<row r="1048576">' + '<c t="inlineStr"><is><t>x</t></is></c>' * 200 + "</row>"
    ),
    "shared-index-plus.xlsx": raw_xlsx(
        HEADER, '<row r="2">' + '<c r="A2" t="s"><v>+3</v></c>' * 5000 + "</row>", ["x" * 30_000]
    ),
    # Rust's integer parser reads "+1000000"; the pre-check read no repeat at all
    "plus-rows.ods": _ods("+1000000"),
    "plus-columns.ods": _ods(
        "+1000000",
        '<table:table-cell table:number-columns-repeated="+68" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>",
    ),
    "leading-zero-rows.ods": _ods("0001000000"),
}


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_bypasses_are_refused_before_calamine(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, BYPASSES[name])
    with pytest.raises(SurveyError, match=f"^{name}: workbook too large: ") as caught:
        workbook_limits.check_workbook(path, name, SurveyError)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("value", ["1e6", " 5", "", "-1", "5x", "&#49;"])
def test_an_ods_repeat_that_is_not_a_plain_count_is_refused(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, "odd.ods", _ods(value))
    with pytest.raises(SurveyError, match="a repeat count is not a plain number"):
        workbook_limits.check_workbook(path, "odd.ods", SurveyError)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bad-crc.xlsx", _bad_crc(_FAR_BOOK, "xl/worksheets/sheet1.xml"), "Bad CRC-32"),
        ("truncated.xlsx", _FAR_BOOK[: len(_FAR_BOOK) // 2], "damaged zip container"),
        (
            "two-cases.xlsx",
            _rezip(raw_xlsx(HEADER), add={"XL/WORKSHEETS/SHEET1.XML": "<worksheet/>"}),
            "two parts are named",
        ),
    ],
    ids=["bad-crc", "truncated", "two-cases"],
)
def test_a_zip_that_cannot_be_read_in_full_is_refused(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    """Never a pass: calamine reads a zip with a bad CRC, and nothing in it was measured."""
    path = _write(tmp_path, name, data)
    with pytest.raises(SurveyError, match="cannot open the workbook .*damaged") as caught:
        workbook_limits.check_workbook(path, name, SurveyError)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_valid_workbooks_in_unusual_shapes_are_still_read(tmp_path: Path) -> None:
    rows = [*HEADER, ["1", "Biro", "4"]]
    for name, data in {
        "moved.xlsx": _rezip(raw_xlsx(rows), {"xl/worksheets/sheet1.xml": "xl/sheet1.xml"}),
        "plus.ods": raw_ods([(HEADER[0], 1), (rows[1], 1)]),
        "no-r.xlsx": raw_xlsx(
            HEADER, '<row><c t="inlineStr"><is><t>2</t></is></c><c t="s"><v>0</v></c></row>'
        ),
    }.items():
        got, _, _ = read_sheet(_write(tmp_path, name, data), name, None, SurveyError)
        assert len(got) == 2, name
    path = _write(tmp_path, "plus2.ods", _ods("+2"))
    got, _, _ = read_sheet(path, "plus2.ods", None, SurveyError)
    assert len([r for r in got if any(r)]) == 3
    assert got[1][:2] == got[2][:2] == ["1", "Biro"]


@pytest.mark.parametrize("name", ["moved.xlsx", "with-content.xlsx", "plus-columns.ods"])
def test_the_cli_refuses_in_one_line_within_a_memory_cap(tmp_path: Path, name: str) -> None:
    """Exit 2, one line, no traceback, no output, under a 3 GB address-space cap (without the
    pre-check calamine asks for 512 GiB and aborts the process, or grows past the cap)."""
    path = _write(tmp_path, name, BYPASSES[name])
    out = tmp_path / "out.json"
    src = str(Path(berakhlak_cli.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "berakhlak_cli", "score", str(path), "-q", "-o", str(out)],
        capture_output=True,
        text=True,
        env={**env, "BERAKHLAK_LANG": "en"},
        preexec_fn=cap,
        timeout=120,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-2000:]
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"error: {path}: workbook too large: ")
    assert not out.exists()
