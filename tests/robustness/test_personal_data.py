"""Personal data (NIP, names) never leaves the tool: not in any output, listing or message."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.model.personal_data import quote_answer, quote_cell

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
SURVEY, UNITS = EXAMPLE / "survei-2024.csv", EXAMPLE / "units.csv"
EVIDENCE = EXAMPLE / "bukti-dukung-2024.csv"


def _people(path: Path) -> tuple[set[str], set[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["nip"] for r in rows if r["nip"]}, {r["nama"] for r in rows if r["nama"]}


NIPS, NAMES = _people(SURVEY)


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def _assert_clean(text: str) -> None:
    leaked = sorted(n for n in NIPS if n in text) + sorted(n for n in NAMES if n in text)
    assert not leaked, f"personal data in output: {leaked[:5]}"


def _has_command(name: str) -> bool:
    return any((c.name or c.callback.__name__) == name for c in app.registered_commands)


def test_the_example_really_holds_personal_data() -> None:
    assert len(NIPS) > 500 and len(NAMES) > 300
    assert "Yudi Pratama" in NAMES and "197908112024091708" in NIPS


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_no_personal_data_in_any_format(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    out, issues = tmp_path / f"out.{fmt}", tmp_path / "issues.csv"
    args = ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt, "-o", str(out)]
    if _has_command("evidence"):
        args += ["--evidence", str(EVIDENCE), "--evidence-dir", str(EXAMPLE / "bukti")]
    result = runner.invoke(app, [*args, "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    _assert_clean(result.stdout + result.stderr + _text_of(out) + _text_of(issues))
    assert "duplicate-respondent" in issues.read_text(encoding="utf-8")
    if fmt != OutputFormat.XLSX:
        shown = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt])
        _assert_clean(shown.stdout + shown.stderr)


@pytest.mark.parametrize("by", [["unit_kerja", "jenis_asn"], ["jabatan"]])
def test_no_personal_data_in_breakdowns(by: list[str], runner: CliRunner) -> None:
    args = [a for b in by for a in ("--by", b)]
    result = runner.invoke(app, ["score", str(SURVEY), *args, "-f", "json"])
    assert result.exit_code == 0
    _assert_clean(result.stdout + result.stderr)


def test_no_personal_data_in_the_html_report(runner: CliRunner, tmp_path: Path) -> None:
    if not _has_command("report"):
        pytest.skip("the report command is not registered yet")
    scored = tmp_path / "hasil-2024.json"
    result = runner.invoke(
        app, ["score", str(SURVEY), "--units", str(UNITS), "-f", "json", "-o", str(scored)]
    )
    assert result.exit_code == 0
    page = tmp_path / "report.html"
    published = EXAMPLE / "hasil-2022-published.yaml"
    report = runner.invoke(app, ["report", str(published), str(scored), "-o", str(page)])
    assert report.exit_code == 0, report.stderr
    _assert_clean(report.stdout + report.stderr + page.read_text(encoding="utf-8"))


def _variant(tmp_path: Path, edit: str) -> Path:
    lines = SURVEY.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    if edit == "ragged":
        lines[1] = ",".join(fields[:-1])
    elif edit == "unbalanced":
        fields[2] = '"' + fields[2]
        lines[1] = ",".join(fields)
    elif edit == "merged":
        fields[2] = '"' + fields[2]
        lines[1] = ",".join(fields)
        later = lines[3].split(",")
        later[2] += '"'
        lines[3] = ",".join(later)
    elif edit == "nip-in-answer":
        fields[8] = fields[1]
        lines[1] = ",".join(fields)
    path = tmp_path / f"survey.{edit}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("edit", ["ragged", "unbalanced", "merged", "nip-in-answer"])
def test_no_personal_data_in_error_messages(edit: str, runner: CliRunner, tmp_path: Path) -> None:
    """Row 2 holds Yudi Pratama's NIP and name; breaking that row must not quote them."""
    path = _variant(tmp_path, edit)
    issues = tmp_path / "issues.csv"
    result = runner.invoke(app, ["score", str(path), "-f", "json", "--issues", str(issues)])
    assert result.exit_code == (0 if edit == "nip-in-answer" else 2), result.stderr
    text = result.stdout + result.stderr + (_text_of(issues) if issues.exists() else "")
    _assert_clean(text)
    if edit == "nip-in-answer":
        assert "'[18 digits]' is outside the scale 1-5" in text


LIKERT = ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju", "S")


def test_quoted_answers_are_short_and_mask_long_numbers() -> None:
    assert quote_answer("Setju", LIKERT) == "Setju"
    assert quote_answer("197908112024091708", LIKERT) == "[18 digits]"
    assert quote_cell("NIK 6201234567890001 x") == "NIK [16 digits] x"
    assert quote_answer("1234567", LIKERT) == "1234567"
    assert quote_cell("a" * 100) == "a" * 39 + "…"
