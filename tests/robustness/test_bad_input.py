"""The bad-input corpus (tests/assets/surveys, tests/assets/units): one table, one outcome each.

Every case either fails cleanly (exit 2, one line naming the file and, where it applies, the
row/line and column; no traceback; no output file) or is scored with the data issue recorded
(code + row + column). Each case runs through the CLI and through the library.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.cli import app
from berakhlak_cli.errors import BerakhlakError, SurveyError, UnitsError
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.loaders.units.headcounts import load_units

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SURVEYS = ASSETS / "surveys"
UNITS = ASSETS / "units"
RUBRIC = load_rubric()


@dataclass(frozen=True)
class Fails:
    """Exit 2 with ``error: <file><at><pattern>`` (``at`` is ``:line:col: `` for YAML)."""

    pattern: str
    args: tuple[str, ...] = ()
    at: str = ": "


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
    # Issue 18: JSON keeps the name as read; every display neutralises it (test_output_safety).
    "survey.bidi-controls.csv": Scores(
        issues=(("unknown-label", 8, "ak1"),),
        groups=("Biro Umum", "Biro \u202eHukum\u2066=1\u2069"),
    ),
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
    # Issue 11: Forms headers that cannot be matched as they stand, and Forms workbooks.
    **{
        f"survey.forms-{name}": outcome
        for name, outcome in {
            "ambiguous-label.csv": Fails(
                r"item 'ad3' matches more than one column loosely: 'Pegawai di unit saya: "
                r"Bertindak proaktif' \(column 24\), 'Pimpinan di unit saya: Bertindak proaktif' "
                r"\(column 28\)$"
            ),
            "header-two-items.csv": Fails(
                r"column 'Pegawai di unit saya: Bertindak proaktif dan Suka menolong orang lain' "
                r"\(column 23\) matches items 'ha2', 'ad3'$"
            ),
            "unmatched.csv": Fails(
                r"1 of 21 rubric items have no column \(ad3\); for 'ad3' looked for 'ad3', "
                r"'AD\.3', 'Pegawai di unit kerja saya bertindak proaktif\.'\. Is this the right "
                r"rubric\? Did you mean: ad3 -> 'Pegawai di unit saya: Bertindak proatif' "
                r"\(0\.92\)\? Headers not matched: 'Timestamp', 'Pegawai di unit saya: Bertindak "
                r"proatif'\. To map them: berakhlak rubric init --from-survey "
                r"'.*survey\.forms-unmatched\.csv' -o rubrik\.yaml$"
            ),
            "petunjuk-first.xlsx": Scores(
                warning="read sheet 'Jawaban Formulir 1': the first sheet 'Petunjuk' holds no "
                "survey items (sheets: Petunjuk, Jawaban Formulir 1)"
            ),
            "no-items-sheet.xlsx": Fails(
                r"21 of 21 rubric items have no column \(bp1, bp2, bp3, ak1, ak2, ak3, \.\.\.\); "
                r".* Headers not matched: 'Petunjuk pengisian'\. Read sheet 'Petunjuk' \(other "
                r"sheets: 'Rekap'; none holds the items\)\. To map them: .*$"
            ),
        }.items()
    },
    # Issue 13 item 2: personal data typed into a grouping or answer column (masked, and a
    # group label that looks personal is never published: its rows are excluded). Issue 18:
    # an unrecognised id header warns; ids differing only in spacing/Unicode are duplicates.
    "survey.pii-in-unit.csv": Scores(
        issues=tuple(("personal-data-label", r, "unit_kerja") for r in (2, 8, 9))
    ),
    "survey.pii-in-attribute.csv": Scores(),
    "survey.pii-in-attribute.csv --by unit_kerja --by jenis_asn": Scores(
        issues=(("personal-data-label", 3, "jenis_asn"), ("personal-data-label", 10, "jenis_asn")),
        groups=("Biro Hukum",) * 3 + ("Biro Umum",) * 3,
        args=("--by", "unit_kerja", "--by", "jenis_asn"),
    ),
    "survey.pii-in-answers.csv": Scores(
        issues=(
            ("unknown-label", 3, "bp1"),
            ("unknown-label", 4, "ak2"),
            ("unknown-label", 5, "ko3"),
            ("unknown-label", 6, "ha1"),
            ("out-of-range", 7, "lo2"),
            ("unknown-label", 8, "kl1"),
        )
    ),
    "survey.nip-baru-header.csv": Scores(
        warning="so repeated submissions are not screened; 'NIP Baru' looks like one: add it to "
        "columns.respondent_id.aliases in the rubric"
    ),
    "survey.duplicate-ids-spacing-unicode.csv": Scores(
        issues=tuple(("duplicate-respondent", r, None) for r in (6, 9, 11))
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
    # Issue 12: read as a survey is, with the cp1252 fallback (it failed before).
    "units.cp1252.csv": Scores(warning="line 2 is not valid UTF-8; reading the file as Windows"),
    "units.ragged-row.csv": Fails("row 3: expected 3 fields, found 2"),
    "units.does-not-exist.csv": Fails("file not found"),
    # issue #18 item 7: scored, with a headcount-below-respondents issue for Biro Umum
    "units.headcount-below-respondents.csv": Scores(),
    "units.zero-headcount.csv": Scores(),
    # Issue 13 item 2: a unit name that is personal data would be written into labels.
    "units.pii-unit-name.csv": Fails(
        r"row 3: column 'unit_kerja': unit '\[phone number\]' looks like personal data "
        r"\(phone number\), not a unit name"
    ),
    # Issue 18: bounded cells and ASCII-only digits (a traceback, exit 3, before).
    "units.huge-cell.csv": Fails(
        r"row 2 \(line 2\): a cell holds more than 128 KiB of text; is this a units file\?"
    ),
    "units.long-headcount.csv": Fails(
        r"row 2: column 'headcount': headcount '\[5000 digits\]' has more than 9 digits"
    ),
    "units.superscript-headcount.csv": Fails(
        "row 2: column 'headcount': headcount '8²' is not a whole number"
    ),
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
    # Issue 13 item 2: an e-mail as unit, a name and phone as answer, a NIP in a file name.
    "evidence.pii-in-cells.csv": Scores(
        issues=(
            ("unknown-unit", 3, "unit_kerja"),
            ("invalid-answer", 4, "answer"),
            ("document-missing", 5, "document"),
            ("invalid-answer", 5, "answer"),
        )
    ),
    # Issue 18: references that cannot be looked up are issues (exit 3 before); file: links
    # are paths, not web links.
    "evidence.symlink-loop.csv": Scores(issues=(("document-missing", 2, "document"),)),
    "evidence.path-too-long.csv": Scores(
        issues=(("document-missing", 2, "document"), ("document-missing", 3, "document"))
    ),
    "evidence.unreadable-folder.csv": Scores(issues=(("document-missing", 2, "document"),)),
    "evidence.file-uri.csv": Scores(issues=((OUTSIDE, 2, "document"), (OUTSIDE, 3, "document"))),
}
# Why each unusable reference was not checked (the issue message).
EVIDENCE_REASONS = {
    "evidence.symlink-loop.csv": ["cannot be checked (a loop of symbolic links)"],
    "evidence.path-too-long.csv": ["cannot be checked (the path is too long for this system)"] * 2,
    "evidence.unreadable-folder.csv": [
        "cannot be checked (permission denied on a folder in its path)"
    ],
    "evidence.file-uri.csv": ["is a file: link (a place on one computer)"] * 2,
}


def _file(case: str) -> str:
    return case.split(" ")[0]


def _no_crash(text: str) -> None:
    assert "Traceback" not in text
    assert "internal error" not in text


def _check_cli(
    runner: CliRunner,
    tmp_path: Path,
    args: list[str],
    outcome: Outcome,
    source: str,
    *,
    issues_file: bool = True,
):
    out, issues = tmp_path / "out.json", tmp_path / "issues.csv"
    extra = ["--issues", str(issues)] if issues_file else []
    # English (--lang en): the stable text the patterns pin; the Indonesian pass is below.
    result = runner.invoke(
        app,
        [*args, "-f", "json", "-o", str(out), *extra, "--lang", "en"],
        catch_exceptions=False,
    )
    _no_crash(result.stdout + result.stderr)
    if isinstance(outcome, Fails):
        assert result.exit_code == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        where = re.escape(source + outcome.at)
        assert re.match(rf"error: {where}{outcome.pattern}", lines[0]), lines[0]
        assert not out.exists() and not issues.exists()
        return None
    assert result.exit_code == 0, result.stderr
    if isinstance(outcome, Scores) and outcome.warning:
        assert outcome.warning in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    if "rows" in doc:  # score, not compare
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
    assert counts["Biro Hukum"] in ({None} if case == "units.cp1252.csv" else {8, 1234})
    if case == "units.missing-unit.csv":
        assert ("no-headcount", "Biro Umum") in {
            (i["code"], i["group"]) for i in doc["issues"]["items"]
        }
    # issue #18 item 7: 6 respondents of 2 (or 0) staff: an issue, and no headcount or rate
    if case in ("units.headcount-below-respondents.csv", "units.zero-headcount.csv"):
        staff = 2 if "below" in case else 0
        assert [
            (i["group"], i["message"])
            for i in doc["issues"]["items"]
            if i["code"] == "headcount-below-respondents"
        ] == [
            (
                "Biro Umum",
                f"6 respondents but the units file gives a headcount of {staff}; "
                "no response rate or minimum for this unit",
            )
        ]
        assert counts["Biro Umum"] is None


@pytest.fixture
def evidence_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of assets/evidence/bukti plus what git should not hold: a symbolic-link loop
    (``putaran`` -> itself) and a folder without permissions (``terkunci``)."""
    folder = tmp_path / "bukti"
    shutil.copytree(EVIDENCE / "bukti", folder)
    (folder / "putaran").symlink_to("putaran")
    locked = folder / "terkunci"
    locked.mkdir()
    (locked / "sk.pdf").write_bytes(b"%PDF-1.4\n")
    locked.chmod(0)
    if os.access(locked, os.X_OK):
        # NOTE: root ignores permissions; refuse the lookup as the kernel would for others.
        real = Path.is_file

        def is_file(self: Path) -> bool:
            if "terkunci" in self.parts:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real(self)

        monkeypatch.setattr(Path, "is_file", is_file)
    yield folder
    locked.chmod(0o755)


@pytest.mark.parametrize("case", list(EVIDENCE_CASES))
def test_evidence_case(case: str, runner: CliRunner, tmp_path: Path, evidence_dir: Path) -> None:
    """Evidence references may not leave the evidence folder (../, absolute, C:\\, file:)."""
    outcome = EVIDENCE_CASES[case]
    path = EVIDENCE / case
    args = ["score", str(SURVEYS / "survey.bom.csv"), "--evidence", str(path)]
    args += ["--evidence-dir", str(evidence_dir)]
    doc = _check_cli(runner, tmp_path, args, outcome, str(path))
    if doc is None:
        return
    assert isinstance(outcome, Scores)
    items = [i for i in doc["issues"]["items"] if i["source"] == "evidence" and i["row"]]
    assert {(i["code"], i["row"], i["column"]) for i in items} == set(outcome.issues)
    assert "root:" not in json.dumps(doc)
    expected = EVIDENCE_REASONS.get(case, [])
    reasons = [r for i in items for r in dict.fromkeys(expected) if r in i["message"]]
    assert reasons == expected


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
    _check_cli(runner, tmp_path, units, Fails("is a directory"), str(folder))


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
    cases = (SURVEY_CASES, UNITS_CASES, EVIDENCE_CASES, UNITS_MAP_CASES, RESULTS_CASES)
    listed = {_file(c) for table in cases for c in table}
    present = {
        p.name
        for p in (
            *SURVEYS.glob("survey.*"),
            *UNITS.glob("units.*"),
            *UNITS.glob("units-map.*"),
            *EVIDENCE.glob("evidence.*"),
            *RESULTS.glob("results.*"),
        )
    }
    assert present - listed == set()
    assert listed - present == {
        "survey.does-not-exist.csv",
        "units.does-not-exist.csv",
        "evidence.does-not-exist.csv",
    }
    assert len(present) >= 40


# Issue 18: inputs that ended in a traceback (exit 3). Units maps and results files go to
# ``compare``; the other year is the Kalteng published 2024 figures.
RESULTS = ASSETS / "results"
KALTENG = Path(__file__).resolve().parents[2] / "examples" / "kalteng"
PUBLISHED = (str(KALTENG / "hasil-2022-published.yaml"), str(KALTENG / "hasil-2024-published.yaml"))
UNITS_MAP_CASES: dict[str, Outcome] = {
    "units-map.ok.csv": Scores(),
    "units-map.superscript-year.csv": Fails("row 2: column 'year': '2²' is not a year"),
    "units-map.huge-cell.csv": Fails(
        r"row 2 \(line 2\): a cell holds more than 128 KiB of text; is this a units map\?"
    ),
    "units-map.nul-bytes.csv": Fails("line 2: contains NUL bytes, not CSV text"),
}
MISMATCH = "category-mismatch category '{0}' contradicts score {1}, which is band '{2}'"
RESULTS_CASES: dict[str, Fails] = {
    "results.category-contradicts-index.yaml": Fails(MISMATCH.format("C", 80, "A"), at=":6:1: "),
    "results.value-category-contradicts-score.yaml": Fails(
        MISMATCH.format("A", 40, "C"), at=":7:27: "
    ),
    "results.huge-integer.yaml": Fails(
        r"bad-number '1{37}'… cannot be read \(Exceeds the limit \(4300 digits\)", at=":5:14: "
    ),
    "results.category-contradicts-index.csv": Fails(
        "row 2: column 'category': category 'C' contradicts index 80, which is band 'A'"
    ),
    "results.superscript-year.csv": Fails("row 2: column 'year': '2²' is not a year"),
    "results.superscript-count.csv": Fails(
        "row 2: column 'respondents': '4²' is not a whole number"
    ),
    "results.huge-cell.csv": Fails(
        r"row 2 \(line 2\): a cell holds more than 128 KiB of text; is this a results file\?"
    ),
    "results.huge-integer-2023.json": Fails(
        r"not readable JSON \(Exceeds the limit \(4300 digits\)"
    ),
    "results.too-deep-2023.json": Fails(r"not readable JSON \(nested too deeply\)"),
}


def test_small_tables_fall_back_to_cp1252_like_surveys(tmp_path: Path) -> None:
    """Excel's plain "CSV" on Windows is cp1252: a units file and a units map are read as the
    survey is (issue 12: only the survey and the checklist had the fallback), with a warning."""
    from berakhlak_cli.loaders.units.mapping import load_units_map

    warned: list[str] = []
    units = UNITS / "units.cp1252.csv"
    assert load_units(units, RUBRIC, warn=warned.append) == {"Biro Ekonomi \u2013 Keuangan": 8}
    renames = tmp_path / "map.csv"
    renames.write_bytes("from;to\nBagian Umum;Biro Ekonomi \u2013 Keuangan\n".encode("cp1252"))
    [rename] = load_units_map(renames, warn=warned.append)
    assert (rename.old, rename.new) == ("Bagian Umum", "Biro Ekonomi \u2013 Keuangan")
    assert warned == [
        f"{units}: line 2 is not valid UTF-8; reading the file as Windows-1252 (cp1252). "
        "Save it as 'CSV UTF-8' or pass --encoding to be explicit.",
        f"{renames}: line 2 is not valid UTF-8; reading the file as Windows-1252 (cp1252). "
        "Save it as 'CSV UTF-8' or pass --encoding to be explicit.",
    ]


@pytest.mark.parametrize("case", list(UNITS_MAP_CASES))
def test_units_map_case(case: str, runner: CliRunner, tmp_path: Path) -> None:
    path = UNITS / case
    args = ["compare", *PUBLISHED, "--units-map", str(path)]
    doc = _check_cli(runner, tmp_path, args, UNITS_MAP_CASES[case], str(path), issues_file=False)
    assert doc is None or [y["year"] for y in doc["years"]] == [2022, 2024]


@pytest.mark.parametrize("case", list(RESULTS_CASES))
def test_results_case(case: str, runner: CliRunner, tmp_path: Path) -> None:
    path = RESULTS / case
    args = ["compare", str(path), PUBLISHED[1]]
    _check_cli(runner, tmp_path, args, RESULTS_CASES[case], str(path), issues_file=False)


# Issue 18: /dev/zero (endless bytes) given as each input is refused after a bounded read.
ZERO = "/dev/zero"
BOM = str(SURVEYS / "survey.bom.csv")
DEVICE_CASES: dict[str, tuple[list[str], Fails]] = {
    "survey": (["score", ZERO], Fails("line 1: contains NUL bytes, not CSV text")),
    "units": (
        ["score", BOM, "--units", ZERO],
        Fails(r"larger than 16 MiB; is this a units file\?"),
    ),
    "evidence": (
        ["score", BOM, "--evidence", ZERO],
        Fails(r"larger than 64 MiB; is this an evidence checklist\?"),
    ),
    "rubric": (
        ["score", BOM, "--rubric", ZERO],
        Fails("too-large file is larger than 1,000,000 bytes", at=":1: "),
    ),
    "units map": (
        ["compare", *PUBLISHED, "--units-map", ZERO],
        Fails(r"larger than 16 MiB; is this a units map\?"),
    ),
    "results": (
        ["compare", ZERO, PUBLISHED[1]],
        Fails(r"larger than 200,000,000 bytes; is this a results file\?"),
    ),
}


@pytest.mark.skipif(not Path(ZERO).exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("case", list(DEVICE_CASES))
def test_dev_zero_as_input(case: str, runner: CliRunner, tmp_path: Path) -> None:
    args, outcome = DEVICE_CASES[case]
    _check_cli(runner, tmp_path, args, outcome, ZERO, issues_file=args[0] == "score")


# Issue 18: a name longer than the file system allows (255 bytes) given as each input.
LONG = "a" * 300
TOO_LONG = r"\(File name too long\)"
LONG_NAME_CASES: dict[str, tuple[list[str], str, Fails]] = {
    "survey": (["score", f"{LONG}.csv"], f"{LONG}.csv", Fails("File name too long")),
    "units": (
        ["score", BOM, "--units", f"{LONG}.csv"],
        f"{LONG}.csv",
        Fails(f"cannot read the file {TOO_LONG}"),
    ),
    "evidence": (
        ["score", BOM, "--evidence", f"{LONG}.csv"],
        f"{LONG}.csv",
        Fails(f"cannot open {TOO_LONG}"),
    ),
    "evidence folder": (
        ["score", BOM, "--evidence", str(EVIDENCE / "evidence.ok.csv"), "--evidence-dir", LONG],
        LONG,
        Fails(f"cannot open {TOO_LONG}"),
    ),
    "rubric": (
        ["score", BOM, "--rubric", f"{LONG}.yaml"],
        f"{LONG}.yaml",
        Fails("no-file File name too long"),
    ),
    "results": (
        ["compare", f"{LONG}.json", PUBLISHED[1]],
        f"{LONG}.json",
        Fails(f"cannot read the file {TOO_LONG}"),
    ),
    "units map": (
        ["compare", *PUBLISHED, "--units-map", f"{LONG}.csv"],
        f"{LONG}.csv",
        Fails(f"cannot read the file {TOO_LONG}"),
    ),
}


@pytest.mark.parametrize("case", list(LONG_NAME_CASES))
def test_over_long_file_name(
    case: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args, source, outcome = LONG_NAME_CASES[case]
    _check_cli(runner, tmp_path, args, outcome, source, issues_file=args[0] == "score")


def test_over_long_output_name(runner: CliRunner, tmp_path: Path) -> None:
    """-o with a name the file system refuses: exit 2 naming it, nothing written."""
    out = tmp_path / f"{LONG}.json"
    result = runner.invoke(app, ["score", BOM, "-f", "json", "-o", str(out)])
    _no_crash(result.stdout + result.stderr)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {out}: File name too long"
    assert list(tmp_path.iterdir()) == []


# Issue 18: a loop of symbolic links given as an input (``putaran`` -> itself).
LOOP_CASES: dict[str, list[str]] = {
    "survey": ["score", "putaran"],
    "evidence": ["score", BOM, "--evidence", "putaran"],
    "evidence folder": [
        "score",
        BOM,
        "--evidence",
        str(EVIDENCE / "evidence.ok.csv"),
        "--evidence-dir",
        "putaran",
    ],
}


@pytest.mark.parametrize("case", list(LOOP_CASES))
def test_input_is_a_symbolic_link_loop(
    case: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("putaran").symlink_to("putaran")
    outcome = Fails(r"cannot open \(a loop of symbolic links\)")
    _check_cli(runner, tmp_path, LOOP_CASES[case], outcome, "putaran")


def test_output_through_a_symbolic_link_loop(runner: CliRunner, tmp_path: Path) -> None:
    loop = tmp_path / "hasil.json"
    loop.symlink_to("hasil.json")
    result = runner.invoke(app, ["score", BOM, "-f", "json", "-o", str(loop)])
    _no_crash(result.stdout + result.stderr)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"error: {loop}: ")
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.json"] and loop.is_symlink()


def test_results_json_is_read_with_a_size_limit(runner: CliRunner, tmp_path: Path) -> None:
    """A ``.json`` was read whole before its size check: a link to /dev/zero never ended."""
    if not Path(ZERO).exists():
        pytest.skip("needs /dev/zero")
    link = tmp_path / "hasil-2023.json"
    link.symlink_to(ZERO)
    outcome = Fails(r"larger than 200,000,000 bytes; is this a results file\?")
    args = ["compare", str(link), PUBLISHED[1]]
    _check_cli(runner, tmp_path, args, outcome, str(link), issues_file=False)


def test_year_option_takes_ascii_digits_only(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["compare", *PUBLISHED, "--year", "hasil-2024-published.yaml=2²", "--lang", "en"]
    )
    _no_crash(result.stdout + result.stderr)
    assert result.exit_code == 2
    assert "expected FILE=YEAR" in result.stderr


def test_errors_are_project_errors() -> None:
    assert issubclass(SurveyError, BerakhlakError) and issubclass(UnitsError, BerakhlakError)


# --- issue 13 items 1, 4-7 and issue 18 items 5-7 + Low (CLI edges) --------------------------
# Options, environment and output targets a user can get wrong: each is exit 2 with exactly
# this one stderr line (a regex; TMP is the test's folder), no traceback, and no output file.
BOM = str(SURVEYS / "survey.bom.csv")
CHECKLIST_OK = str(EVIDENCE / "evidence.ok.csv")
BUKTI = EVIDENCE / "bukti"


@dataclass(frozen=True)
class Refused:
    """Exit 2 with one stderr line matching ``line``; ``files`` are written into TMP first."""

    args: tuple[str, ...]
    line: str
    env: tuple[tuple[str, str], ...] = ()
    files: tuple[tuple[str, str], ...] = ()


_PUBLISHED = "year,instrument,unit,index\n{year},Likert,,70\n{year},Likert,Biro Umum,71\n"
_OTHER = ("angka-2024.csv", _PUBLISHED.format(year=2024))
CLI_CASES: dict[str, Refused] = {
    "score --year 99999": Refused(
        ("score", BOM, "--year", "99999"), r"error: --year 99999: expected a year from 2000 to 2100"
    ),
    "score --year 224": Refused(
        ("score", BOM, "--year", "224"), r"error: --year 224: expected a year from 2000 to 2100"
    ),
    "score --generated-at yesterday": Refused(
        ("score", BOM, "--generated-at", "yesterday"),
        r"error: --generated-at 'yesterday': not an ISO 8601 date or date-time",
    ),
    "SOURCE_DATE_EPOCH=yesterday": Refused(
        ("score", BOM),
        r"error: SOURCE_DATE_EPOCH 'yesterday': not a whole number of seconds since 1970-01-01",
        env=(("SOURCE_DATE_EPOCH", "yesterday"),),
    ),
    "SOURCE_DATE_EPOCH overflows": Refused(
        ("score", BOM),
        r"error: SOURCE_DATE_EPOCH '9{30}': not a whole number of seconds",
        env=(("SOURCE_DATE_EPOCH", "9" * 30),),
    ),
    "compare with SOURCE_DATE_EPOCH=-": Refused(
        ("compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv"),
        r"error: SOURCE_DATE_EPOCH '-': not a whole number",
        env=(("SOURCE_DATE_EPOCH", "-"),),
        files=(("angka-2022.csv", _PUBLISHED.format(year=2022)), _OTHER),
    ),
    "score --gaps without --evidence": Refused(
        ("score", BOM, "--gaps", "--lang", "id"), r"error: --gaps memerlukan --evidence FILE"
    ),
    "score --evidence-dir without --evidence, --lang en": Refused(
        ("score", BOM, "--evidence-dir", str(BUKTI), "--lang", "en"),
        r"error: --evidence-dir needs --evidence FILE",
    ),
    "score -f table -o out.json": Refused(
        ("score", BOM, "-f", "table", "-o", "TMP/out.json", "--lang", "id"),
        r"error: TMP/out.json: nama berakhiran \.json tetapi --format table",
    ),
    "score -o out.html": Refused(
        ("score", BOM, "-o", "TMP/out.html", "--lang", "en"),
        r"error: TMP/out.html: this command writes no \.html format",
    ),
    "compare -f csv -o out.xlsx": Refused(
        ("compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv", "-f", "csv", "-o", "TMP/out.xlsx")
        + ("--lang", "id"),
        r"error: TMP/out.xlsx: nama berakhiran \.xlsx tetapi --format csv",
        files=(("angka-2022.csv", _PUBLISHED.format(year=2022)), _OTHER),
    ),
    "score -o inside --evidence-dir": Refused(
        ("score", BOM, "--evidence", CHECKLIST_OK, "--evidence-dir", str(BUKTI), "-o")
        + (str(BUKTI / "hasil.json"),),
        rf"error: {re.escape(str(BUKTI))}/hasil\.json: refusing to write inside the input "
        rf"folder {re.escape(str(BUKTI))}",
    ),
    "score --issues over a document in --evidence-dir": Refused(
        ("score", BOM, "--evidence", CHECKLIST_OK, "--evidence-dir", str(BUKTI), "--issues")
        + (str(BUKTI / "biro-hukum" / "pakta-komitmen.pdf"),),
        r"error: .*/bukti/biro-hukum/pakta-komitmen\.pdf: refusing to write inside the input "
        r"folder",
    ),
    "score -o symlink to the survey": Refused(
        ("score", BOM, "-f", "csv", "-o", "TMP/link.csv"),
        r"error: TMP/link\.csv: refusing to overwrite an input file",
        files=(("link.csv", "->" + BOM),),
    ),
    "score -o - twice": Refused(
        ("score", BOM, "-f", "csv", "-o", "-", "--issues", "-"),
        r"error: two outputs are sent to standard output \('-'\)",
    ),
    "compare --year FILE=99999": Refused(
        ("compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv", "--year", "angka-2022.csv=99999"),
        r"error: --year 'angka-2022.csv=99999': expected FILE=YEAR, .*from 2000 to 2100",
        files=(("angka-2022.csv", _PUBLISHED.format(year=2022)), _OTHER),
    ),
    "published CSV year 99999": Refused(
        ("compare", "TMP/angka-a.csv", "TMP/angka-2024.csv"),
        r"error: TMP/angka-a\.csv: row 2: column 'year': '99999' is not a year "
        r"\(expected a year from 2000 to 2100\)",
        files=(("angka-a.csv", _PUBLISHED.format(year=99999)), _OTHER),
    ),
    "published YAML year 99999": Refused(
        ("compare", "TMP/angka-a.yaml", "TMP/angka-2024.csv"),
        r"error: TMP/angka-a\.yaml:3:1: bad-number 'year' 99999: expected a year from 2000 to "
        r"2100 \(at year\)",
        files=(
            (
                "angka-a.yaml",
                "format: berakhlak-published\nformat_version: 1\nyear: 99999\n"
                "instrument: Likert\nrubric: null\nindex: 70\n",
            ),
            _OTHER,
        ),
    ),
    "results JSON year 99999": Refused(
        ("compare", "TMP/hasil-a.json", "TMP/angka-2024.csv"),
        r"error: TMP/hasil-a\.json: key 'year': 99999 is not a year",
        files=(("hasil-a.json", "SCORED:99999"), _OTHER),
    ),
    "units-map year 99999": Refused(
        ("compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv", "--units-map", "TMP/map.csv"),
        r"error: TMP/map\.csv: row 2: column 'year': '99999' is not a year \(expected a year "
        r"from 2000 to 2100\)",
        files=(
            ("angka-2022.csv", _PUBLISHED.format(year=2022)),
            _OTHER,
            ("map.csv", "from,to,year\nBiro Lama,Biro Umum,99999\n"),
        ),
    ),
    "units-map year ²": Refused(
        ("compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv", "--units-map", "TMP/map.csv"),
        r"error: TMP/map\.csv: row 2: column 'year': '²' is not a year",
        files=(
            ("angka-2022.csv", _PUBLISHED.format(year=2022)),
            _OTHER,
            ("map.csv", "from,to,year\nBiro Lama,Biro Umum,²\n"),
        ),
    ),
    "evidence template over an existing checklist": Refused(
        ("evidence", "template", "--units", str(UNITS / "units.ok.csv"), "-o", "TMP/cek.csv")
        + ("--lang", "id"),
        r"error: TMP/cek\.csv: berkas sudah ada \(mungkin sudah diisi\); berikan --force",
        files=(("cek.csv", "filled in by hand\n"),),
    ),
}


def _scored_json(tmp_path: Path, year: int) -> str:
    """A real results JSON whose recorded year is ``year`` (bypassing --year's own check)."""
    runner = CliRunner()
    out = tmp_path / "scored.json"
    result = runner.invoke(app, ["score", BOM, "-o", str(out), "--year", "2024"])
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8").replace('"year": 2024', f'"year": {year}', 1)


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_cli_edge_case(
    case: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = CLI_CASES[case]
    for name, text in outcome.files:
        path = tmp_path / name
        if text.startswith("->"):
            path.symlink_to(text[2:])
        elif text.startswith("SCORED:"):
            path.write_text(_scored_json(tmp_path, int(text[7:])), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
    # The patterns pin English unless the case asks for --lang id (BERAKHLAK_LANG: README).
    monkeypatch.setenv("BERAKHLAK_LANG", "en")
    for key, value in outcome.env:
        monkeypatch.setenv(key, value)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    bukti = {p: p.read_bytes() for p in BUKTI.rglob("*") if p.is_file()}
    args = [a.replace("TMP", str(tmp_path)) for a in outcome.args]
    result = runner.invoke(app, args)
    _no_crash(result.stdout + result.stderr)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(outcome.line.replace("TMP", re.escape(str(tmp_path))) + ".*", lines[0])
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert {p: p.read_bytes() for p in BUKTI.rglob("*") if p.is_file()} == bukti


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


# --- issue 13 item 7: every message the corpus shows on stderr has its Indonesian text -------
def _stderr_messages(runner: CliRunner, tmp_path: Path, args: list[str], lang: str) -> list[str]:
    """The error/warning/note texts on stderr and, in English, the issues described only by
    their message (the listing on stderr shows them after the code: render/issues/lines.py)."""
    from berakhlak_cli.model.results import IssueCode
    from berakhlak_cli.render.issues.lines import described

    out = tmp_path / "out.json"
    result = runner.invoke(app, [*args, "-f", "json", "-o", str(out), "--lang", lang])
    found = [
        m.group(2)
        for line in result.stderr.splitlines()
        if (m := re.match(r"(error|warning|note): (.*)", line))
    ]
    if lang == "en" and out.exists():
        items = json.loads(out.read_text(encoding="utf-8"))["issues"]["items"]
        found += [i["message"] for i in items if not described(IssueCode(i["code"]))]
    out.unlink(missing_ok=True)
    return found


def _corpus_runs() -> list[list[str]]:
    runs = [["score", str(SURVEYS / _file(c)), *o.args] for c, o in SURVEY_CASES.items()]
    runs += [["score", BOM, "--units", str(UNITS / c)] for c in UNITS_CASES]
    runs += [
        ["score", BOM, "--evidence", str(EVIDENCE / c), "--evidence-dir", str(BUKTI)]
        for c in EVIDENCE_CASES
    ]
    return runs


def test_every_corpus_message_has_indonesian_text(runner: CliRunner, tmp_path: Path) -> None:
    """Default (Indonesian) stderr is the catalogue's text of the English line; a message with
    no entry fails here, listed with every other one, so each new message gets its entry."""
    from berakhlak_cli.render.language.catalogue import has_entry, translate

    missing: list[str] = []
    for args in _corpus_runs():
        english = _stderr_messages(runner, tmp_path, args, "en")
        indonesian = _stderr_messages(runner, tmp_path, args, "id")
        assert indonesian == [translate(m, "id") for m in english[: len(indonesian)]]
        missing += [m for m in english if not has_entry(m)]
    assert not missing, (
        "add these messages to render/language/catalogue_input.py or catalogue_issues.py (English "
        "template -> Indonesian):\n" + "\n".join(dict.fromkeys(missing))
    )


def test_every_cli_edge_message_has_indonesian_text(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The option and output errors of CLI_CASES: the default line differs from --lang en's."""
    same: list[str] = []
    for case, outcome in CLI_CASES.items():
        folder = tmp_path / str(len(same)) / case.replace("/", "_").replace(" ", "_")
        folder.mkdir(parents=True)
        for name, text in outcome.files:
            path = folder / name
            if text.startswith("->"):
                path.symlink_to(text[2:])
            elif text.startswith("SCORED:"):
                path.write_text(_scored_json(folder, int(text[7:])), encoding="utf-8")
            else:
                path.write_text(text, encoding="utf-8")
        for key, value in outcome.env:
            monkeypatch.setenv(key, value)
        given = [a.replace("TMP", str(folder)) for a in outcome.args]
        # NOTE: drop the case's own --lang VALUE: the language comes from BERAKHLAK_LANG here.
        args = [a for i, a in enumerate(given) if "--lang" not in (a, given[i - 1] if i else "")]
        lines = {}
        for lang in ("en", "id"):
            monkeypatch.setenv("BERAKHLAK_LANG", lang)
            lines[lang] = runner.invoke(app, args).stderr.strip()
        for key, _ in outcome.env:
            monkeypatch.delenv(key)
        if lines["en"] == lines["id"]:
            same.append(lines["en"])
    assert not same, "add these messages to render/language/catalogue_input.py:\n" + "\n".join(same)
