"""The bad-input corpus (tests/assets/surveys, tests/assets/units): one table, one outcome each.

Every case either fails cleanly (exit 2, one line naming the file and, where it applies, the
row/line and column; no traceback; no output file) or is scored with the data issue recorded
(code + row + column). Each case runs through the CLI and through the library.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.errors import BerakhlakError, SurveyError, UnitsError
from berakhlak_cli.loaders.rubric import load_rubric
from berakhlak_cli.loaders.units import load_units
from berakhlak_cli.pipeline import score_survey

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SURVEYS = ASSETS / "surveys"
UNITS = ASSETS / "units"
RUBRIC = load_rubric()


@dataclass(frozen=True)
class Fails:
    """Exit 2 with ``error: <file>: <pattern>``."""

    pattern: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scores:
    """Exit 0; exactly these row-level issues (code, row, column) and these groups."""

    issues: tuple[tuple[str, int, str | None], ...] = ()
    groups: tuple[str, ...] = ("Biro Hukum", "Biro Umum")
    warning: str | None = None
    args: tuple[str, ...] = ()
    read: int = 12


Outcome = Fails | Scores

ROW = r"row (\d+) \(line \d+\)"
SURVEY_CASES: dict[str, Outcome] = {
    "survey.empty.csv": Fails("the file is empty"),
    "survey.whitespace-only.csv": Fails("the file is empty"),
    "survey.header-only.csv": Fails("no data rows below the header"),
    "survey.no-unit-column.csv": Fails("no column for grouping column 'unit_kerja'"),
    "survey.duplicate-headers.csv": Fails(
        r"item 'bp1' matches more than one column: 'bp1' \(column 7\), 'bp1' \(column 8\)"
    ),
    "survey.duplicate-unit-columns.csv": Fails(
        r"grouping column 'unit_kerja' matches more than one column: 'unit_kerja' \(column 4\), "
        r"'Unit Kerja' \(column 5\)"
    ),
    "survey.missing-item-column.csv": Fails(r"1 of 21 rubric items have no column \(kl3\)"),
    "survey.one-column.csv": Fails("line 1: found one column only"),
    "survey.is-a-units-file.csv": Fails("21 of 21 rubric items have no column"),
    "survey.ragged-row-short.csv": Fails(r"row 4 \(line 4\): expected 27 fields, found 26"),
    "survey.ragged-row-long.csv": Fails(r"row 4 \(line 4\): expected 27 fields, found 28"),
    "survey.unbalanced-quote.csv": Fails(
        r"row 4 \(line 4\): unexpected end of data; a quote opened here is probably never closed"
    ),
    "survey.unbalanced-quote-merges-rows.csv": Fails(
        r"row 4 \(line 4\): column 'unit_kerja': a quote opened here runs over 3 lines"
    ),
    "survey.unbalanced-quote-in-ignored-column.csv": Fails(
        r"row 4 \(line 4\): column 'nama': a quote opened here runs over 4 lines"
    ),
    "survey.nul-bytes.csv": Fails("line 8: contains NUL bytes, not CSV text"),
    "survey.binary-garbage.csv": Fails(r"line \d+: contains NUL bytes, not CSV text"),
    "survey.cp1252.csv": Scores(
        groups=("Biro Ekonomi – Keuangan", "Biro Hukum", "Biro Umum"),
        warning="line 2 is not valid UTF-8; reading the file as Windows-1252",
    ),
    "survey.neither-utf8-nor-cp1252.csv": Fails(
        "line 8: bytes that are neither UTF-8 nor Windows-1252 text"
    ),
    "survey.utf16-tab.txt": Scores(),
    "survey.semicolon-decimal-comma.csv": Scores(issues=(("not-integer", 3, "ak2"),)),
    "survey.tab-delimited.tsv": Scores(),
    "survey.pipe-delimited.csv": Scores(),
    "survey.bom.csv": Scores(),
    "survey.crlf.csv": Scores(),
    "survey.cr-only.csv": Scores(),
    "survey.trailing-empty-rows.csv": Scores(
        issues=tuple(("empty-row", r, None) for r in (14, 15, 16)), read=15
    ),
    "survey.trailing-empty-columns.csv": Scores(),
    # The blank line is spreadsheet row 5; the typos after it are on row 7, as Excel shows them.
    "survey.blank-line-inside.csv": Scores(
        issues=(
            ("empty-row", 5, None),
            ("unknown-label", 7, "ak1"),
            ("unknown-label", 7, "bp2"),
        ),
        read=13,
    ),
    "survey.multiline-answer.csv": Scores(issues=(("unknown-label", 7, "ko1"),)),
    "survey.unknown-label.csv": Scores(issues=(("unknown-label", 3, "ak2"),)),
    "survey.half-point.csv": Scores(issues=(("not-integer", 4, "bp2"),)),
    "survey.zero.csv": Scores(issues=(("out-of-range", 5, "ko3"),)),
    "survey.six.csv": Scores(issues=(("out-of-range", 6, "ha1"),)),
    "survey.negative.csv": Scores(issues=(("out-of-range", 7, "lo2"),)),
    "survey.huge-number.csv": Scores(issues=(("out-of-range", 8, "ad3"),)),
    "survey.nan-infinity.csv": Scores(
        issues=(("unknown-label", 9, "kl1"), ("unknown-label", 9, "kl2"))
    ),
    "survey.duplicate-ids.csv": Scores(issues=(("duplicate-respondent", 6, None),)),
    "survey.ids-leading-zeros.csv": Scores(),
    "survey.blank-respondent.csv": Scores(issues=(("blank-respondent", 4, None),)),
    "survey.blank-unit.csv": Scores(issues=(("missing-group", 4, None),)),
    "survey.straight-lining.csv": Scores(issues=(("straight-lining", 7, None),)),
    "survey.unit-spelling-variants.csv": Scores(groups=("biro HUKUM", "Biro Umum")),
    "survey.formula-cells.csv": Scores(
        issues=(("unknown-label", 2, "ak1"), ("unknown-label", 9, "ko2")),
        groups=('=HYPERLINK("http://example.invalid","Biro Hukum")', "Biro Umum"),
    ),
    "survey.script-tag.csv": Scores(
        issues=(("unknown-label", 3, "bp3"),),
        groups=("<script>alert(1)</script>", "Biro Hukum"),
    ),
    "survey.markup-in-cells.csv": Scores(
        issues=(("unknown-label", 3, "bp3"), ("unknown-label", 5, "bp2"))
    ),
    "survey.terminal-escapes.csv": Scores(groups=("Biro \x1b[2J\x1b[31mHukum\x07", "Biro Umum")),
    "survey.xlsx-really-csv.xlsx": Fails("is not an Excel workbook .*rename it to .csv"),
    "survey.encrypted.xlsx": Fails(r"cannot open the workbook \(Workbook is password protected\)"),
    "survey.corrupt.xlsx": Fails("cannot open the workbook .*password-protected or damaged"),
    "survey.truncated.xlsx": Fails("cannot open the workbook .*password-protected or damaged"),
    "survey.several-sheets.xlsx": Scores(warning="the workbook has 2 sheets"),
    "survey.several-sheets.xlsx --sheet Catatan": Fails(
        "21 of 21 rubric items have no column", ("--sheet", "Catatan")
    ),
    "survey.several-sheets.xlsx --sheet Nope": Fails(
        r"no sheet 'Nope' \(sheets: Jawaban, Catatan\)", ("--sheet", "Nope")
    ),
    "survey.empty-sheet.xlsx": Fails("sheet 'Jawaban' is empty"),
    "survey.xlsx-header-only.xlsx": Fails("no data rows below the header"),
    "survey.corrupt.parquet": Fails("not a readable Parquet file"),
    "survey.nested-column.parquet": Fails("column 'bp1' holds list<.*>, not text or numbers"),
    "survey.does-not-exist.csv": Fails("file not found"),
    "survey.bom.csv --by nama": Fails("refusing to group by 'nama'", ("--by", "nama")),
    "survey.bom.csv --by NIP": Fails("refusing to group by 'NIP'", ("--by", "NIP")),
    "survey.bom.csv --by golongan": Fails(
        "no column for grouping column 'golongan'", ("--by", "golongan")
    ),
    "survey.bom.csv --encoding klingon": Fails(
        "cannot decode as klingon", ("--encoding", "klingon")
    ),
    # Issue 18: workbook bombs are refused before anything is expanded; real workbooks (a
    # formatted cell at XFD1048576, LibreOffice's million trailing empty rows) still score.
    "survey.bomb-far-cell.xlsx": Fails(
        r"workbook too large: the used range is 1048576 rows x 16384 columns \(17179869184 "
        r"cells; limit 5000000\); save it as CSV instead"
    ),
    "survey.bomb-shared-string.xlsx": Fails(
        r"workbook too large: shared string 76 holds 8388608 characters \(limit 32767, as in "
        r"Excel\); save it as CSV instead"
    ),
    "survey.bomb-shared-text.xlsx": Fails(
        r"workbook too large: its cells hold 150002631 characters of shared text "
        r"\(limit 134217728\)"
    ),
    "survey.bomb-repeated-row.ods": Fails(
        r"workbook too large: the used range is 1000001 rows x 27 columns \(27000027 cells; "
        r"limit 5000000\)"
    ),
    "survey.stray-blank-cell-row-1048576.xlsx": Fails(
        r"workbook too large: the used range is 1048576 rows x 27 columns \(28311552 cells; "
        r"limit 5000000\)"
    ),
    "survey.formatted-cell-xfd1048576.xlsx": Scores(),
    "survey.libreoffice.ods": Scores(),
    # Issue 18: valid files once refused, and consistent outcomes.
    "survey.header-alt-enter.csv": Scores(issues=(("unknown-label", 5, "ko2"),)),
    "survey.header-alt-enter-crlf.csv": Scores(issues=(("unknown-label", 5, "ko2"),)),
    "survey.pandas-float.parquet": Scores(issues=(("not-integer", 6, "lo2"),)),
    "survey.utf32.csv": Scores(),
    "survey.header-then-blank-lines.csv": Fails(
        r"no data rows below the header \(1000 empty rows\)"
    ),
    "survey.underscore-number.csv": Scores(issues=(("unknown-label", 3, "bp1"),)),
}

UNITS_CASES: dict[str, Outcome] = {
    "units.ok.csv": Scores(),
    "units.semicolon.csv": Scores(),
    "units.thousands-separators.csv": Scores(),
    "units.missing-unit.csv": Scores(),
    "units.empty.csv": Fails("the file is empty"),
    "units.no-headcount-column.csv": Fails("row 1: need a unit column .* and a headcount column"),
    "units.non-numeric-headcount.csv": Fails(
        "row 3: column 'headcount': headcount 'banyak' is not a whole number"
    ),
    "units.decimal-headcount.csv": Fails(
        "row 2: column 'headcount': headcount '12.5' is not a whole number"
    ),
    "units.negative-headcount.csv": Fails("row 2: column 'headcount': headcount '-8'"),
    "units.duplicate-unit.csv": Fails("row 3: unit 'biro hukum' is listed twice"),
    "units.unbalanced-quote.csv": Fails(r"row 2 \(line \d+\): unexpected end of data"),
    "units.nul-bytes.csv": Fails("line 2: contains NUL bytes"),
    "units.cp1252.csv": Fails("line 2: not UTF-8 text"),
    "units.ragged-row.csv": Fails("row 3: expected 3 fields, found 2"),
    "units.does-not-exist.csv": Fails("file not found"),
}


EVIDENCE = ASSETS / "evidence"
OUTSIDE = "document-outside-dir"
EVIDENCE_CASES: dict[str, Outcome] = {
    "evidence.ok.csv": Scores(),
    # Issue 18: a reviewer's note over csv's default 128 KiB field limit.
    "evidence.long-note.csv": Scores(),
    "evidence.dotdot-reference.csv": Scores(
        issues=((OUTSIDE, 2, "document"), (OUTSIDE, 3, "document"))
    ),
    "evidence.absolute-path.csv": Scores(
        issues=((OUTSIDE, 2, "document"), (OUTSIDE, 3, "document"))
    ),
    "evidence.missing-document.csv": Scores(issues=(("document-missing", 3, "document"),)),
    "evidence.folder-not-file.csv": Scores(issues=(("document-missing", 2, "document"),)),
    "evidence.formula-cells.csv": Scores(issues=(("unknown-unit", 3, "unit_kerja"),)),
    "evidence.empty.csv": Fails("the file is empty"),
    "evidence.nul-bytes.csv": Fails("line 2: contains NUL bytes"),
    "evidence.unbalanced-quote.csv": Fails(r"row 2 \(line 2\): unexpected end of data"),
    "evidence.does-not-exist.csv": Fails("file not found"),
}


def _file(case: str) -> str:
    return case.split(" ")[0]


def _no_crash(text: str) -> None:
    assert "Traceback" not in text
    assert "internal error" not in text


def _check_cli(runner: CliRunner, tmp_path: Path, args: list[str], outcome: Outcome, source: str):
    out, issues = tmp_path / "out.json", tmp_path / "issues.csv"
    result = runner.invoke(
        app, [*args, "-f", "json", "-o", str(out), "--issues", str(issues)], catch_exceptions=False
    )
    _no_crash(result.stdout + result.stderr)
    if isinstance(outcome, Fails):
        assert result.exit_code == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert re.match(rf"error: {re.escape(source)}: {outcome.pattern}", lines[0]), lines[0]
        assert not out.exists() and not issues.exists()
        return None
    assert result.exit_code == 0, result.stderr
    if isinstance(outcome, Scores) and outcome.warning:
        assert outcome.warning in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    rows = doc["rows"]
    assert rows["read"] == rows["scored"] + sum(rows["excluded"].values())
    _totals_agree(doc, issues)
    return doc


def _totals_agree(doc: dict, issues: Path) -> None:
    """Issue 18: every published issue total agrees with every other and with the listing."""
    tally = doc["issues"]
    assert tally["count"] == sum(tally["by_code"].values())
    assert tally["count"] == sum(c["count"] for c in tally["by_column"])
    listed = list(csv.DictReader(io.StringIO(issues.read_text(encoding="utf-8"))))
    assert len(listed) == tally["count"]
    excluded = Counter(i["code"] for i in listed if i["excluded"] == "true")
    assert dict(excluded) == doc["rows"]["excluded"]
    assert Counter(i["code"] for i in listed) == Counter(tally["by_code"])
    assert tally["listed"] == len(tally["items"]) <= tally["count"]


@pytest.mark.parametrize("case", list(SURVEY_CASES))
def test_survey_case_through_cli(case: str, runner: CliRunner, tmp_path: Path) -> None:
    outcome = SURVEY_CASES[case]
    path = SURVEYS / _file(case)
    doc = _check_cli(runner, tmp_path, ["score", str(path), *outcome.args], outcome, str(path))
    if doc is None:
        return
    assert isinstance(outcome, Scores)
    assert doc["rows"]["read"] == outcome.read
    found = {(i["code"], i["row"], i["column"]) for i in doc["issues"]["items"] if i["row"]}
    assert found == set(outcome.issues)
    assert [g["key"]["unit_kerja"] for g in doc["groups"]] == list(outcome.groups)
    listed = (tmp_path / "issues.csv").read_text(encoding="utf-8")
    assert len(listed.splitlines()) == 1 + doc["issues"]["count"]


@pytest.mark.parametrize("case", [c for c in SURVEY_CASES if " " not in c])
def test_survey_case_through_library(case: str) -> None:
    outcome = SURVEY_CASES[case]
    path = SURVEYS / case
    if isinstance(outcome, Fails):
        with pytest.raises(SurveyError) as caught:
            score_survey(path, RUBRIC)
        assert re.match(rf"{re.escape(str(path))}: {outcome.pattern}", str(caught.value))
        assert "\n" not in str(caught.value)
        return
    sheet, _ = score_survey(path, RUBRIC)
    assert sheet.accounting.reconciles
    found = {(i.code.value, i.row, i.column) for i in sheet.issues if i.row is not None}
    assert found == set(outcome.issues)


@pytest.mark.parametrize("case", list(UNITS_CASES))
def test_units_case(case: str, runner: CliRunner, tmp_path: Path) -> None:
    outcome = UNITS_CASES[case]
    path = UNITS / case
    survey = SURVEYS / "survey.bom.csv"
    doc = _check_cli(
        runner, tmp_path, ["score", str(survey), "--units", str(path)], outcome, str(path)
    )
    if isinstance(outcome, Fails):
        with pytest.raises(UnitsError, match=outcome.pattern):
            load_units(path, RUBRIC)
        return
    assert doc is not None
    counts = {g["key"]["unit_kerja"]: g.get("headcount") for g in doc["groups"]}
    assert counts["Biro Hukum"] in {8, 1234}
    if case == "units.missing-unit.csv":
        assert ("no-headcount", "Biro Umum") in {
            (i["code"], i["group"]) for i in doc["issues"]["items"]
        }


@pytest.mark.parametrize("case", list(EVIDENCE_CASES))
def test_evidence_case(case: str, runner: CliRunner, tmp_path: Path) -> None:
    """Evidence references may not leave the evidence folder (../, absolute, C:\\)."""
    outcome = EVIDENCE_CASES[case]
    path = EVIDENCE / case
    args = ["score", str(SURVEYS / "survey.bom.csv"), "--evidence", str(path)]
    args += ["--evidence-dir", str(EVIDENCE / "bukti")]
    doc = _check_cli(runner, tmp_path, args, outcome, str(path))
    if doc is None:
        return
    assert isinstance(outcome, Scores)
    found = {
        (i["code"], i["row"], i["column"])
        for i in doc["issues"]["items"]
        if i["source"] == "evidence" and i["row"]
    }
    assert found == set(outcome.issues)
    assert "root:" not in json.dumps(doc)


def test_units_file_is_read_with_a_size_limit(tmp_path: Path) -> None:
    """--units /dev/zero (or a survey passed by mistake) cannot exhaust memory."""
    path = tmp_path / "units.huge.csv"
    path.write_bytes(b"unit_kerja,headcount\n" + b"Biro Hukum,8\n" * (1 << 21))
    with pytest.raises(UnitsError, match="larger than 16 MiB"):
        load_units(path, RUBRIC)


def test_thousands_separators_are_read_as_thousands() -> None:
    assert load_units(UNITS / "units.thousands-separators.csv", RUBRIC) == {
        "Biro Hukum": 1234,
        "Biro Umum": 2345,
    }


def test_directory_instead_of_file(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "survei.csv"
    folder.mkdir()
    _check_cli(runner, tmp_path, ["score", str(folder)], Fails("is a directory"), str(folder))
    units = ["score", str(SURVEYS / "survey.bom.csv"), "--units", str(folder)]
    _check_cli(runner, tmp_path, units, Fails("Is a directory"), str(folder))


def test_fifty_megabyte_single_line(runner: CliRunner, tmp_path: Path) -> None:
    """No line end at all: refused after reading 1 MiB, not after reading 50 MB into memory."""
    path = tmp_path / "survey.50mb-line.csv"
    with path.open("wb") as fh:
        chunk = b"bp1," * (1 << 18)
        for _ in range(50):
            fh.write(chunk)
    outcome = Fails("line 1: the header does not end within the first 1 MiB")
    _check_cli(runner, tmp_path, ["score", str(path)], outcome, str(path))


def test_fifty_megabyte_row(runner: CliRunner, tmp_path: Path) -> None:
    """A valid header, then a 50 MB record: named by line, read in constant memory."""
    path = tmp_path / "survey.50mb-row.csv"
    base = (SURVEYS / "survey.bom.csv").read_bytes()
    head, first, rest = base.split(b"\n", 2)
    with path.open("wb") as fh:
        fh.write(head + b",saran\n" + first + b",")
        for _ in range(50):
            fh.write(b"x" * (1 << 20))
        fh.write(b"\n")
    outcome = Fails("line 2: the line holds 50 MiB of text, more than the 1 MiB")
    _check_cli(runner, tmp_path, ["score", str(path)], outcome, str(path))


def test_invalid_utf8_after_the_sniffed_megabyte(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "survey.late-bad-byte.csv"
    text = (SURVEYS / "survey.bom.csv").read_bytes()
    head, body = text.split(b"\n", 1)
    copies = (1 << 20) // len(body) + 2
    path.write_bytes(head + b"\n" + body * copies + body.replace(b"Biro Umum", b"Biro \xff"))
    line = 1 + body.count(b"\n") * copies + body.split(b"Biro Umum")[0].count(b"\n") + 1
    outcome = Fails(f"line {line}: bytes that are not valid utf-8")
    _check_cli(runner, tmp_path, ["score", str(path)], outcome, str(path))


def test_byte_undefined_in_cp1252_after_the_sniffed_megabyte(
    runner: CliRunner, tmp_path: Path
) -> None:
    """pyarrow decodes lazily; a bad byte far into the file is still one clean line."""
    path = tmp_path / "survey.late-0x9d.csv"
    head, body = (SURVEYS / "survey.bom.csv").read_bytes().split(b"\n", 1)
    copies = (1 << 20) // len(body) + 2
    path.write_bytes(head + b"\n" + body * copies + body.replace(b"Biro Umum", b"Biro \x9d"))
    outcome = Fails(r"line \d+: bytes that are not valid cp1252; .* pass the right --encoding")
    args = ["score", str(path), "--encoding", "cp1252"]
    _check_cli(runner, tmp_path, args, outcome, str(path))


def test_every_case_has_its_file() -> None:
    """The table and the folder agree: no case without a file, no file without a case."""
    cases = (SURVEY_CASES, UNITS_CASES, EVIDENCE_CASES)
    listed = {_file(c) for table in cases for c in table}
    present = {
        p.name
        for p in (*SURVEYS.glob("survey.*"), *UNITS.glob("units.*"), *EVIDENCE.glob("evidence.*"))
    }
    assert present - listed == set()
    assert listed - present == {
        "survey.does-not-exist.csv",
        "units.does-not-exist.csv",
        "evidence.does-not-exist.csv",
    }
    assert len(present) >= 40


def test_errors_are_project_errors() -> None:
    assert issubclass(SurveyError, BerakhlakError) and issubclass(UnitsError, BerakhlakError)


# Issue 18: sizes too large to commit, generated into a temporary folder.
def test_header_and_a_million_blank_lines_is_no_data(runner: CliRunner, tmp_path: Path) -> None:
    """As a header alone: exit 2, not an all-excluded 'success'."""
    path = tmp_path / "survey.million-blank-lines.csv"
    head = (SURVEYS / "survey.bom.csv").read_bytes().split(b"\n", 1)[0]
    path.write_bytes(head + b"\n" + b"\n" * 1_000_000)
    outcome = Fails(r"no data rows below the header \(1000000 empty rows\)")
    _check_cli(runner, tmp_path, ["score", str(path)], outcome, str(path))


def test_evidence_cell_over_the_limit(runner: CliRunner, tmp_path: Path) -> None:
    """A note over 1 MiB (the documented cell limit) is named by row, not a CSV error."""
    path = tmp_path / "evidence.huge-note.csv"
    ok = (EVIDENCE / "evidence.ok.csv").read_text("utf-8").splitlines()
    first = ok[1].rsplit(",", 1)[0] + ',"' + "x" * ((1 << 20) + 1) + '"'
    path.write_text("\n".join([ok[0], first, *ok[2:]]) + "\n", encoding="utf-8")
    args = ["score", str(SURVEYS / "survey.bom.csv"), "--evidence", str(path)]
    outcome = Fails(
        "row 2: a cell holds more than 1 MiB of text, the most a checklist cell may hold"
    )
    _check_cli(runner, tmp_path, args, outcome, str(path))
