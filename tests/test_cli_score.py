"""``berakhlak score`` through the CLI: exit codes, streams, golden table, JSON parity."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.json_out import results_document
from berakhlak_cli.render.terminal import render_table
from tests.conftest import EXAMPLES


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin the English messages (the Indonesian ones: tests/robustness)."""
    monkeypatch.setenv("BERAKHLAK_LANG", "en")


SURVEY = EXAMPLES / "survei-2024.csv"
UNITS = EXAMPLES / "units.csv"
WHEN = "2026-01-01T00:00:00+00:00"


def test_table_goes_to_stdout_and_issues_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY)])
    assert result.exit_code == 0, result.output
    assert "Seluruh instansi" in result.stdout and "76,1" in result.stdout
    assert "Biro Pengadaan Barang dan Jasa" in result.stdout
    assert "unknown-label baris 472, kolom 'ak2': jawaban 'Setju' bukan" in result.stderr
    assert "76,1" not in result.stderr
    english = runner.invoke(app, ["score", str(SURVEY), "--lang", "en"])
    assert "unknown-label row 472, column 'ak2': answer 'Setju' is not" in english.stderr


def test_strict_turns_issues_into_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), "--strict", "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["issues"]["count"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "nope.csv"], r"^error: nope\.csv: file not found\n$"),
        (
            ["score", str(SURVEY), "--rubric", "missing.yaml"],
            r"^error: missing\.yaml: no-file file not found\n$",
        ),
        (["score", str(SURVEY), "--by", "golongan"], r"no column for grouping column 'golongan'"),
        (["score", str(SURVEY), "--units", "nope.csv"], r"^error: nope\.csv: file not found\n$"),
    ],
)
def test_bad_input_is_one_line_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert pytest.importorskip("re").search(message, result.stderr)


def test_usage_error_is_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), "--format", "pdf"])
    assert result.exit_code == 2


def test_internal_errors_exit_3_without_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr("berakhlak_cli.api.score.score_survey", boom)
    result = runner.invoke(app, ["score", str(SURVEY)])
    assert result.exit_code == 3
    assert "internal error: ZeroDivisionError: simulated bug" in result.stderr
    assert "Traceback" not in result.stderr
    debug = runner.invoke(app, ["score", str(SURVEY), "--debug"])
    assert debug.exit_code == 3  # --debug adds the traceback, never changes the exit code
    assert "Traceback" in debug.stderr and "ZeroDivisionError: simulated bug" in debug.stderr


def test_json_output_equals_the_library_result(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hasil.json"
    args = ["score", str(SURVEY), "--units", str(UNITS), "-f", "json", "-o", str(out)]
    result = runner.invoke(app, [*args, "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    cli_doc = json.loads(out.read_text(encoding="utf-8"))
    rubric = load_rubric()
    from berakhlak_cli.cli.boundary import provenance
    from berakhlak_cli.loaders.rubric.load import default_rubric_path
    from berakhlak_cli.loaders.units.headcounts import load_units

    sheet, _ = score_survey(SURVEY, rubric, headcounts=load_units(UNITS, rubric))
    prov = provenance(
        [("rubric", default_rubric_path()), ("survey", SURVEY), ("units", UNITS)], WHEN
    )
    assert cli_doc == json.loads(json.dumps(results_document(sheet, rubric, prov)))
    assert cli_doc["generated_at"] == WHEN
    assert [i["role"] for i in cli_doc["inputs"]] == ["rubric", "survey", "units"]


def test_json_is_deterministic_with_source_date_epoch(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = runner.invoke(app, ["score", str(SURVEY), "-f", "json"]).stdout
    second = runner.invoke(app, ["score", str(SURVEY), "-f", "json"]).stdout
    assert first == second
    assert json.loads(first)["generated_at"] == "2025-01-01T00:00:00+00:00"


def test_output_never_overwrites_an_input(runner: CliRunner, tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(SURVEY.read_bytes())
    result = runner.invoke(app, ["score", str(survey), "-f", "csv", "-o", str(survey)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert survey.read_bytes() == SURVEY.read_bytes()


def test_issues_file_lists_every_issue_without_personal_data(
    runner: CliRunner, tmp_path: Path
) -> None:
    issues = tmp_path / "issues.csv"
    result = runner.invoke(app, ["score", str(SURVEY), "--issues", str(issues), "-f", "csv"])
    assert result.exit_code == 0
    lines = issues.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code,source,row,column,value,group,excluded,message"
    assert len(lines) == 1 + 6
    assert "197312062013012318" not in issues.read_text(encoding="utf-8")  # the duplicated NIP


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_flat_formats(runner: CliRunner, golden, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt])
    assert result.exit_code == 0
    golden(f"score-kalteng.{'md' if fmt == 'markdown' else fmt}", result.stdout)


@pytest.mark.parametrize("lang", [Lang.ID, Lang.EN])
def test_terminal_table_golden(golden, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    rubric = load_rubric()
    sheet, _ = score_survey(SURVEY, rubric, headcounts=None)
    console = Console(
        file=io.StringIO(), width=120, color_system=None, force_terminal=True, legacy_windows=False
    )
    console.print(render_table(sheet, rubric, lang))
    golden(f"score-kalteng.table.{lang.value}.txt", console.file.getvalue())  # type: ignore[attr-defined]


def test_by_attribute_column(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), "--by", "jenis_asn", "-f", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["group_by"] == ["jenis_asn"]
    assert [g["key"]["jenis_asn"] for g in doc["groups"]] == ["CPNS", "PNS", "PPPK"]
    # the row without a unit (row 307) is in no run's institution row (issue #18), so the
    # breakdown by type covers the same 527 respondents as the run by unit
    assert sum(g["respondents"] for g in doc["groups"]) == doc["institution"]["respondents"] == 527
    assert doc["rows"]["excluded"]["missing-group"] == 1


def test_python_dash_m_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "berakhlak_cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "score" in result.stdout


def test_outputs_get_ordinary_file_permissions(runner: CliRunner, tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "hasil.csv"
    old = os.umask(0o022)
    try:
        result = runner.invoke(app, ["score", str(SURVEY), "-f", "csv", "-o", str(out)])
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_quiet_silences_the_issue_listing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), "--quiet", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    from berakhlak_cli.cli.progress import survey_progress

    piped = Console(file=io.StringIO(), force_terminal=False)
    with survey_progress(SURVEY, piped, enabled=True, min_bytes=0) as tick:
        assert tick is None
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    with survey_progress(SURVEY, terminal, enabled=False, min_bytes=0) as tick:
        assert tick is None
    with survey_progress(SURVEY, terminal, enabled=True, min_bytes=0) as tick:
        assert tick is not None
        tick(300, SURVEY.stat().st_size // 2)
        tick(231, SURVEY.stat().st_size)
    drawn = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "survei-2024.csv" in drawn and "531 rows" in drawn


def test_pipeline_reports_rows_and_bytes() -> None:
    seen: list[tuple[int, int]] = []
    score_survey(SURVEY, load_rubric(), batch_rows=200, on_batch=lambda r, b: seen.append((r, b)))
    assert [r for r, _ in seen] == [200, 200, 131]
    assert seen[-1][1] == SURVEY.stat().st_size


def test_piped_tables_are_wide_unless_columns_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from berakhlak_cli.cli.boundary import PIPE_WIDTH, out_console

    monkeypatch.delenv("COLUMNS", raising=False)
    assert out_console().width == PIPE_WIDTH
    monkeypatch.setenv("COLUMNS", "123")
    assert out_console().width == 123
