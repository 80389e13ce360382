"""Hostile cell text stays inert: no formulas in CSV/XLSX, no markup in HTML/Markdown, no
terminal escapes on the console."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.render.flat import safe_cell

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


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_no_terminal_escapes_reach_the_console(fmt: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(ESCAPES), "-f", fmt])
    assert result.exit_code == 0
    for control in ("\x1b", "\x07"):
        assert control not in result.stdout and control not in result.stderr


def test_html_report_is_autoescaped(runner: CliRunner, tmp_path: Path) -> None:
    if not any((c.name or c.callback.__name__) == "report" for c in app.registered_commands):
        pytest.skip("the report command is not registered yet")
    years = []
    for year in ("2023", "2024"):
        path = tmp_path / f"hasil-{year}.json"
        result = runner.invoke(app, ["score", str(SCRIPT), "-f", "json", "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        years.append(str(path))
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *years, "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
