"""Hostile cell text stays inert: no formulas in CSV/XLSX, no markup in HTML/Markdown, no
terminal escapes on the console."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.render.cell_text import safe_cell, visible

SURVEYS = Path(__file__).resolve().parents[1] / "assets" / "surveys"
FORMULAS = SURVEYS / "survey.formula-cells.csv"
SCRIPT = SURVEYS / "survey.script-tag.csv"
ESCAPES = SURVEYS / "survey.terminal-escapes.csv"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1+1", "'＝1+1"),
        ("Biro Hukum", "Biro Hukum"),
        ("", ""),
    ],
)
def test_safe_cell(text: str, expected: str) -> None:
    assert safe_cell(text) == expected


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert(cells: list[str]) -> None:
    live = [c for c in cells if c.startswith(DANGEROUS)]
    assert not live, live


def test_csv_results_and_issues_are_formula_safe(runner: CliRunner, tmp_path: Path) -> None:
    issues = tmp_path / "issues.csv"
    result = runner.invoke(app, ["score", str(FORMULAS), "-f", "csv", "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    results = _cells(result.stdout)
    listed = _cells(issues.read_text(encoding="utf-8"))
    _assert_inert(results)
    _assert_inert(listed)
    assert '\'=HYPERLINK("http://example.invalid","Biro Hukum")' in results
    assert "'=1+1" in listed and "'@SUM(A1:A2)" in listed


def test_xlsx_holds_text_not_formulas(runner: CliRunner, tmp_path: Path) -> None:
    if "xlsx" not in {f.value for f in OutputFormat}:
        pytest.skip("no xlsx output yet")
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["score", str(FORMULAS), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    seen.append(cell.value)
    assert any(v.startswith("=HYPERLINK") for v in seen)


def test_markdown_keeps_html_as_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SCRIPT), "-f", "markdown"])
    assert "<script>" not in result.stdout
    assert "&lt;script>alert(1)&lt;/script>" in result.stdout


def test_markdown_footnotes_keep_html_as_text(runner: CliRunner, tmp_path: Path) -> None:
    # Three respondents of the <script> unit: withheld, so its name reaches a footnote too.
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    script = [line for line in lines if "<script>" in line][:3]
    others = [line for line in lines[1:] if "<script>" not in line]
    survey = tmp_path / "survey.csv"
    survey.write_text("\n".join([lines[0], *script, *others]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(survey), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    notes = [line for line in result.stdout.splitlines() if line.startswith("1. ")]
    assert notes and notes[0].startswith("1. &lt;script>alert(1)&lt;/script>: ")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_no_terminal_escapes_reach_the_console(fmt: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(ESCAPES), "-f", fmt])
    assert result.exit_code == 0
    for control in ("\x1b", "\x07"):
        assert control not in result.stdout and control not in result.stderr


def _two_year_report(runner: CliRunner, tmp_path: Path, survey: Path) -> str:
    """The HTML report of ``survey`` scored as two years."""
    years = []
    for year in ("2023", "2024"):
        path = tmp_path / f"hasil-{year}.json"
        result = runner.invoke(app, ["score", str(survey), "-f", "json", "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        years.append(str(path))
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *years, "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    return page.read_text(encoding="utf-8")


def test_html_report_is_autoescaped(runner: CliRunner, tmp_path: Path) -> None:
    html = _two_year_report(runner, tmp_path, SCRIPT)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Issue 18: bidirectional controls (U+202E reverses what follows on screen) and other control
# characters are neutralised by ``render.cell_text`` in every renderer; JSON keeps them.
BIDI = SURVEYS / "survey.bidi-controls.csv"
BIDI_NAME = "Biro \u202eHukum\u2066=1\u2069"
SHOWN = "Biro \ufffdHukum\ufffd=1\ufffd"
INVISIBLE = ("\u202e", "\u2066", "\u2069", "\x1b", "\x07")


def _no_invisible(text: str) -> None:
    found = [c for c in INVISIBLE if c in text]
    assert not found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biro \u202eHukum", "Biro \ufffdHukum"),
        ("a\u200fb\u061cc\u2067d", "a\ufffdb\ufffdc\ufffdd"),
        ("\x1b[2J\x07\x7f\x85", "\ufffd[2J\ufffd\ufffd\ufffd"),
        ("baris\nkedua\tkolom\u2028", "baris kedua kolom "),
        ("Biro Hukum", "Biro Hukum"),
    ],
)
def test_visible(text: str, expected: str) -> None:
    assert visible(text) == expected


def test_a_bidi_control_cannot_hide_a_formula() -> None:
    # NOTE: "\u202e=1" does not start with "=", yet some viewers show the "=" first.
    assert safe_cell("\u202e=1") == "\ufffd=1"
    assert safe_cell("=1\u202e") == "'=1\ufffd"
    assert safe_cell("catatan\nbaris dua") == "catatan\nbaris dua"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_bidi_controls_in_text_outputs(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    issues = tmp_path / "issues.csv"
    result = runner.invoke(app, ["score", str(BIDI), "-f", fmt, "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    _no_invisible(result.stdout + result.stderr)
    _no_invisible(issues.read_text(encoding="utf-8"))
    assert SHOWN in result.stdout


def test_bidi_controls_in_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["score", str(BIDI), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    texts = [
        cell.value
        for sheet in load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    _no_invisible("".join(texts))
    assert SHOWN in texts


def test_json_keeps_the_name_as_read(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(BIDI), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    keys = [g["key"]["unit_kerja"] for g in json.loads(result.stdout)["groups"]]
    assert BIDI_NAME in keys


def test_bidi_controls_in_html_report(runner: CliRunner, tmp_path: Path) -> None:
    html = _two_year_report(runner, tmp_path, BIDI)
    _no_invisible(html)
    assert SHOWN in html


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html"])
def test_bidi_controls_in_compare(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    years = []
    for year in ("2023", "2024"):
        path = tmp_path / f"hasil-{year}.json"
        result = runner.invoke(app, ["score", str(BIDI), "-f", "json", "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        years.append(str(path))
    result = runner.invoke(app, ["compare", *years, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    _no_invisible(result.stdout + result.stderr)
    assert SHOWN in result.stdout


def test_evidence_template_xlsx_keeps_unit_names_inert(tmp_path: Path) -> None:
    """Unit names from --units reach the template workbook as text, never as formulas."""
    from openpyxl import load_workbook

    from berakhlak_cli.loaders.rubric.load import load_rubric
    from berakhlak_cli.model.rubric import Lang
    from berakhlak_cli.render.evidence.checklist import render_template_xlsx

    units = ['=HYPERLINK("http://example.invalid")', BIDI_NAME, "Biro\x01Umum"]
    book = load_workbook(io.BytesIO(render_template_xlsx(load_rubric(), units, Lang.ID)))
    sheet = book.worksheets[0]
    names = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    assert names == {'=HYPERLINK("http://example.invalid")', SHOWN, "Biro\ufffdUmum"}
    for r in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=r, column=1)
        assert cell.data_type == "s"
        assert cell.quotePrefix == cell.value.startswith("=")
