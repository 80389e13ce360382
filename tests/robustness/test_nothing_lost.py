"""Nothing lost: every row is scored or listed with its reason; inputs are never modified;
outputs appear whole or not at all."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.cli import app
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.rubric.load import load_rubric


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin the English messages (the Indonesian ones: tests/robustness)."""
    monkeypatch.setenv("BERAKHLAK_LANG", "en")


ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
RUBRIC = load_rubric()
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
ANSWERS = st.sampled_from(["Setuju", "Netral", "4", "5", "2", "", "-", "Setju", "7", "3.5"])
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["Biro A", "Biro B", "biro  a", "", "Biro C"]),
        st.sampled_from(["", "111", "222", "333", "444"]),
        st.lists(ANSWERS, min_size=21, max_size=21) | st.just([""] * 21),
    ),
    min_size=1,
    max_size=40,
)


def _write(path: Path, rows: list[tuple[str, str, list[str]]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nip", "unit_kerja", *ITEMS])
    for unit, nip, answers in rows:
        writer.writerow([nip, unit, *answers])
    path.write_text(out.getvalue(), encoding="utf-8")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, batch=st.integers(min_value=1, max_value=7))
def test_every_row_is_scored_or_excluded_with_its_reason(
    rows: list[tuple[str, str, list[str]]], batch: int, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    _write(path, rows)
    if all(not unit and not nip and not any(answers) for unit, nip, answers in rows):
        # A header over empty rows holds no data, as a header alone: refused (exit 2).
        with pytest.raises(SurveyError, match=rf"no data rows below the header \({len(rows)} "):
            score_survey(path, RUBRIC, batch_rows=batch)
        return
    sheet, _ = score_survey(path, RUBRIC, batch_rows=batch)
    acc = sheet.accounting
    assert acc.read == len(rows)
    assert acc.read == acc.scored + sum(acc.excluded.values())
    excluded_rows = [i.row for i in sheet.issues if i.excluded]
    assert len(excluded_rows) == len(set(excluded_rows)) == sum(acc.excluded.values())
    assert all(r is not None and 2 <= r <= len(rows) + 1 for r in excluded_rows)
    by_code: dict[str, int] = {}
    for issue in sheet.issues:
        if issue.excluded:
            by_code[issue.code.value] = by_code.get(issue.code.value, 0) + 1
    assert by_code == dict(acc.excluded)
    assert sum(g.respondents for g in sheet.groups) == acc.scored


def _digest(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_inputs_are_never_modified(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    inputs = [
        EXAMPLE / "survei-2024.csv",
        EXAMPLE / "units.csv",
        ROOT / "rubrics" / "kemenpanrb-2025.yaml",
    ]
    before = _digest(inputs)
    stat = [p.stat().st_mtime_ns for p in inputs]
    args = ["score", str(inputs[0]), "--units", str(inputs[1]), "--rubric", str(inputs[2])]
    result = runner.invoke(
        app, [*args, "-f", fmt, "-o", str(tmp_path / "out"), "--issues", str(tmp_path / "i.csv")]
    )
    assert result.exit_code == 0, result.stderr
    assert _digest(inputs) == before
    assert [p.stat().st_mtime_ns for p in inputs] == stat


def test_the_summary_reconciles(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(EXAMPLE / "survei-2024.csv"), "-f", "json"])
    doc = json.loads(result.stdout)
    rows = doc["rows"]
    assert rows == {
        "read": 531,
        "scored": 527,
        "excluded": {"blank-respondent": 2, "duplicate-respondent": 1, "missing-group": 1},
    }
    table = runner.invoke(app, ["score", str(EXAMPLE / "survei-2024.csv")])
    assert "Baris dibaca 531, dinilai 527, dikecualikan 4" in " ".join(table.stdout.split())


def test_refuses_to_overwrite_an_input(runner: CliRunner, tmp_path: Path) -> None:
    survey = tmp_path / "survei.csv"
    survey.write_bytes((EXAMPLE / "survei-2024.csv").read_bytes())
    before = _digest([survey])
    for option in ("-o", "--issues"):
        result = runner.invoke(app, ["score", str(survey), option, str(survey)])
        assert result.exit_code == 2
        assert "refusing to overwrite an input file" in result.stderr
        assert _digest([survey]) == before
    link = tmp_path / "hard-link.csv"
    os.link(survey, link)
    result = runner.invoke(app, ["score", str(survey), "-o", str(link)])
    assert result.exit_code == 2 and _digest([survey]) == before


def test_output_and_issues_may_not_be_the_same_file(runner: CliRunner, tmp_path: Path) -> None:
    same = tmp_path / "out.csv"
    survey = str(EXAMPLE / "survei-2024.csv")
    result = runner.invoke(app, ["score", survey, "-o", str(same), "--issues", str(same)])
    assert result.exit_code == 2 and "the same file is named for two outputs" in result.stderr
    assert not same.exists()


@pytest.mark.parametrize("to_stdout", [False, True], ids=["-o", "stdout"])
def test_rendering_failure_leaves_no_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to_stdout: bool
) -> None:
    """Scoring succeeds, the JSON fails half-way through being written: exit 3, one line, no
    output (neither file, nor half a document on stdout) and no temporary file left."""

    def broken(*args: object, **kwargs: object) -> Iterator[str]:
        yield '{\n  "format": "berakhlak-results"'
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("berakhlak_cli.render.json_out.json_chunks", broken)
    staging = tmp_path / "system-temp"  # where a stdout document is staged
    staging.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(staging))
    out, issues = tmp_path / "out.json", tmp_path / "issues.csv"
    survey = str(EXAMPLE / "survei-2024.csv")
    target = [] if to_stdout else ["-o", str(out)]
    result = runner.invoke(app, ["score", survey, "-f", "json", *target, "--issues", str(issues)])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: renderer exploded" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == [staging] and list(staging.iterdir()) == []


def test_second_file_failing_leaves_the_first_untouched(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All-or-nothing: the results file keeps its old content when the issues file fails.

    The issues file is opened first (issues stream into it while scoring runs)."""
    out, issues = tmp_path / "out.json", tmp_path / "issues.csv"
    out.write_text("old results\n", encoding="utf-8")
    real = os.fdopen
    calls = {"n": 0}

    def flaky(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("berakhlak_cli.cli.boundary.os.fdopen", flaky)
    survey = str(EXAMPLE / "survei-2024.csv")
    result = runner.invoke(
        app, ["score", survey, "-f", "json", "-o", str(out), "--issues", str(issues)]
    )
    assert result.exit_code == 2
    assert "issues.csv: cannot write (No space left on device)" in result.stderr
    assert out.read_text(encoding="utf-8") == "old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_issues_path_is_a_folder_so_nothing_is_written(runner: CliRunner, tmp_path: Path) -> None:
    out, folder = tmp_path / "out.json", tmp_path / "issues"
    folder.mkdir()
    survey = str(EXAMPLE / "survei-2024.csv")
    result = runner.invoke(
        app, ["score", survey, "-f", "json", "-o", str(out), "--issues", str(folder)]
    )
    assert result.exit_code == 2 and "is a directory" in result.stderr
    assert not out.exists()
