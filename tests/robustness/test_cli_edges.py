"""Issue 13 (items 1, 4-7) and issue 18 (items 5-7, Low): what the CLI does at its edges.

Special output targets (devices, FIFOs, stdout, symlinks), interrupted writes, exit codes under
--debug, timestamps, formats taken from the output name, the survey year, the gaps sheet, units
found in one year only, and the conventions (-V, completion, -q, colour, help, language).
The refusals (exit 2, one line) are in the bad-input table (test_bad_input.CLI_CASES).
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.output_files import write_all_atomic

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "tests" / "assets"
BOM = ASSETS / "surveys" / "survey.bom.csv"
CP1252 = ASSETS / "surveys" / "survey.cp1252.csv"
KALTENG = ROOT / "examples" / "kalteng"
SURVEY = KALTENG / "survei-2024.csv"
UNITS = KALTENG / "units.csv"
CHECKLIST = KALTENG / "bukti-dukung-2024.csv"
WHEN = ("--generated-at", "2025-01-01T00:00:00+00:00")


def _json(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", *WHEN, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


# --- item 1: outputs that are not regular files ------------------------------------------


def test_dev_null_stays_a_character_device(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", "-o", "/dev/null"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert result.stdout == ""


def test_a_character_device_under_tmp_is_written_not_replaced(
    runner: CliRunner, tmp_path: Path
) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device's numbers
    except PermissionError:
        pytest.skip("creating a device node needs root")
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", "-o", str(node)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)
    _no_temp_files(tmp_path)


def test_a_fifo_receives_the_output_and_stays_a_fifo(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", *WHEN, "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].decode("utf-8") == _json(runner)
    _no_temp_files(tmp_path)


def test_dash_is_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", *WHEN, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _json(runner)
    assert not Path("-").exists()


def test_a_symlink_output_is_resolved_and_its_target_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["score", str(BOM), *WHEN, "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == _json(runner)


# --- issue 18 item 6: interrupted writes leave nothing -------------------------------------


def _interrupt_while_writing(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Make the first write of a staged temporary file deliver ``how`` (SIGTERM or ^C)."""
    real_fdopen = os.fdopen

    class Interrupting:
        def __init__(self, handle: io.BufferedWriter) -> None:
            self.handle = handle

        @property
        def closed(self) -> bool:
            return self.handle.closed

        def close(self) -> None:
            self.handle.close()

        def __enter__(self) -> Interrupting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes | str) -> int:
            self.handle.write(data[: len(data) // 2])  # half a file is on disk
            self.handle.flush()
            if how == "SIGTERM":
                os.kill(os.getpid(), signal.SIGTERM)  # the handler raises at the next bytecode
                for _ in range(1000):
                    pass
            raise KeyboardInterrupt

    def fdopen(fd: int, mode: str = "r", **options: Any) -> Interrupting:
        return Interrupting(real_fdopen(fd, mode, **options))

    monkeypatch.setattr("berakhlak_cli.cli.output_files.os.fdopen", fdopen)


@pytest.mark.parametrize(("how", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupt_while_outputs_are_staged_leaves_no_temp_file(
    how: str, code: int, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, issues = tmp_path / "out.json", tmp_path / "issues.csv"
    _interrupt_while_writing(monkeypatch, how)
    args = ["score", str(BOM), "-o", str(out), "--issues", str(issues)]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.stderr
    assert result.stderr.strip() == "dihentikan"
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_an_interrupt_between_renames_is_held_until_all_are_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT during the renames waits for the last one: both files or neither."""
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: str, dst: Path) -> None:
        if not calls:
            os.kill(os.getpid(), signal.SIGINT)
        calls.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr("berakhlak_cli.cli.output_files.os.replace", replace)
    a, b = tmp_path / "a.json", tmp_path / "b.csv"
    with pytest.raises(KeyboardInterrupt):
        write_all_atomic([(a, "{}"), (b, "x")])
    assert len(calls) == 2 and a.read_text() == "{}" and b.read_text() == "x"
    _no_temp_files(tmp_path)


# --- item 6: exit codes and metadata -------------------------------------------------------


def test_debug_keeps_the_exit_code_of_bad_input(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["score", "missing.csv"])
    debug = runner.invoke(app, ["score", "missing.csv", "--debug"])
    assert plain.exit_code == debug.exit_code == 2
    assert "Traceback" in debug.stderr and "Traceback" not in plain.stderr
    assert debug.stderr.strip().endswith(plain.stderr.strip())


def test_source_date_epoch_and_generated_at_are_recorded(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    result = runner.invoke(app, ["score", str(BOM), "-f", "json"])
    assert json.loads(result.stdout)["generated_at"] == "2025-01-01T00:00:00+00:00"
    result = runner.invoke(app, ["score", str(BOM), "-f", "json", "--generated-at", "2024-06-30"])
    assert json.loads(result.stdout)["generated_at"] == "2024-06-30"


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("hasil.json", lambda text: json.loads(text)["format"] == "berakhlak-results"),
        ("hasil.csv", lambda text: text.startswith("unit_kerja,level,")),
        ("hasil.md", lambda text: text.startswith("| ")),
        ("hasil.txt", lambda text: "┃" in text or "│" in text),
    ],
)
def test_the_format_follows_the_output_name(
    name: str, check: object, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["score", str(BOM), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_xlsx_follows_the_output_name(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hasil.xlsx"
    result = runner.invoke(app, ["score", str(BOM), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["Hasil", "Masalah data"]


def test_evidence_template_overwrites_only_with_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "cek.csv"
    out.write_text("filled in\n", encoding="utf-8")
    args = ["evidence", "template", "--units", str(UNITS), "-o", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "filled in\n"
    forced = runner.invoke(app, [*args, "--force", "-q"])
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr == ""
    assert out.read_text(encoding="utf-8-sig").startswith("unit_kerja,")


def test_score_year_is_recorded_and_used_by_compare(runner: CliRunner, tmp_path: Path) -> None:
    files = []
    for year in (2023, 2024):
        out = tmp_path / f"hasil-{'ab'[year - 2023]}.json"  # no year in the name
        result = runner.invoke(app, ["score", str(BOM), "--year", str(year), "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        assert json.loads(out.read_text(encoding="utf-8"))["year"] == year
        files.append(str(out))
    result = runner.invoke(app, ["compare", *reversed(files), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    years = json.loads(result.stdout)["years"]
    assert [(y["year"], y["year_source"]) for y in years] == [(2023, "file"), (2024, "file")]
    assert result.stderr == ""  # no "year guessed from generated_at" warning


def test_score_without_year_writes_no_year_key(runner: CliRunner) -> None:
    assert "year" not in json.loads(_json(runner))


# --- item 5: --gaps with xlsx ---------------------------------------------------------------


def test_gaps_sheet_in_the_workbook(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hasil.xlsx"
    args = ["score", str(SURVEY), "--units", str(UNITS), "--evidence", str(CHECKLIST)]
    result = runner.invoke(app, [*args, "--gaps", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Hasil", "Masalah data", "Kekurangan bukti dukung"]
    rows = list(book["Kekurangan bukti dukung"].iter_rows(values_only=True))
    flat = runner.invoke(app, [*args, "--gaps", "-f", "csv", "-q"])
    expected = list(csv.reader(io.StringIO(flat.stdout)))
    assert list(rows[0]) == expected[0]
    assert len(rows) == len(expected)
    kesra = [r for r in rows if r[0] == "Biro Kesejahteraan Rakyat"]
    assert [r[7] for r in kesra] == ["ME.1", "RS.2", "SA.1", "KP.2", "AP.2", "IN.1"]
    assert kesra[0][4] == 2.8  # to_next_band, a number in the sheet


# --- item 4: units in one year only ---------------------------------------------------------

HEAD = "year,instrument,unit,index\n"
OLD = HEAD + "2022,Likert,,70\n2022,Likert,Biro Umum,70\n2022,Likert,Bagian Lama,65\n"
NEW = HEAD + "2024,Likert,,75\n2024,Likert,Biro Umum,75.5\n2024,Likert,Biro Baru,80\n"
SINGLE_ID = "Bagian Lama (2022), Biro Baru (2024)"


@pytest.fixture
def two_years(tmp_path: Path) -> list[str]:
    old, new = tmp_path / "angka-2022.csv", tmp_path / "angka-2024.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return [str(old), str(new)]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_one_year_units_listed_in_text_formats(
    fmt: str, runner: CliRunner, two_years: list[str]
) -> None:
    result = runner.invoke(app, ["compare", *two_years, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "Unit yang hanya ada pada satu tahun" in result.stdout
    assert SINGLE_ID in " ".join(result.stdout.split())
    assert result.stderr == (
        "warning: unit yang hanya ada pada satu tahun (tidak dibandingkan): " + SINGLE_ID + "\n"
    )


def test_one_year_units_listed_in_the_report(runner: CliRunner, two_years: list[str]) -> None:
    """The leaders' report names them too (the same note as compare's HTML)."""
    result = runner.invoke(app, ["report", *two_years, "-q"])
    assert result.exit_code == 0, result.stderr
    assert "Unit yang hanya ada pada satu tahun" in result.stdout
    assert SINGLE_ID in " ".join(result.stdout.split())


def test_one_year_units_in_json_csv_xlsx(
    runner: CliRunner, two_years: list[str], tmp_path: Path
) -> None:
    doc = json.loads(runner.invoke(app, ["compare", *two_years, "-f", "json"]).stdout)
    assert [(u["name"], u["year"]) for u in doc["units_one_year"]] == [
        ("Bagian Lama", 2022),
        ("Biro Baru", 2024),
    ]
    assert [u["name"] for u in doc["units"]] == ["Biro Umum"]
    text = runner.invoke(app, ["compare", *two_years, "-f", "csv"]).stdout
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["scope"] == "unit_one_year"]
    assert [(r["unit"], r["2022"], r["2024"]) for r in rows] == [
        ("Bagian Lama", "65.0", ""),
        ("Biro Baru", "", "80.0"),
    ]
    out = tmp_path / "banding.xlsx"
    result = runner.invoke(app, ["compare", *two_years, "-o", str(out), "--lang", "en", "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    sheet = openpyxl.load_workbook(out)["One year only"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[-2:] == [("Bagian Lama", 2022, 65, "B"), ("Biro Baru", 2024, 80, "A")]


def test_renamed_unit_without_map_is_named_and_with_map_compared(
    runner: CliRunner, two_years: list[str], tmp_path: Path
) -> None:
    mapping = tmp_path / "map.csv"
    mapping.write_text("from,to\nBagian Lama,Biro Baru\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", *two_years, "--units-map", str(mapping), "-f", "json"])
    doc = json.loads(result.stdout)
    assert doc["units_one_year"] == []
    assert [u["name"] for u in doc["units"]] == ["Biro Baru", "Biro Umum"]


# --- issue 18 item 5 / Low: encodings and matplotlib ----------------------------------------


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    full.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "berakhlak_cli", *args], capture_output=True, env=full, timeout=120
    )


@pytest.mark.parametrize("encoding", ["latin-1", "cp437", "cp850", "cp1252", "ascii"])
def test_a_narrow_stdout_encoding_replaces_instead_of_crashing(encoding: str) -> None:
    result = _run("score", str(CP1252), "-q", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert b"Biro Ekonomi" in result.stdout


def test_matplotlib_writes_nothing_outside_the_output(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    year = tmp_path / "angka-2024.csv"
    year.write_text(NEW, encoding="utf-8")
    old = tmp_path / "angka-2022.csv"
    old.write_text(OLD, encoding="utf-8")
    env = {"HOME": str(home), "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": "", "MPLCONFIGDIR": ""}
    out = tmp_path / "laporan.html"
    result = _run("report", str(old), str(year), "-o", str(out), "-q", env=env)
    assert result.returncode == 0, result.stderr
    assert list(home.iterdir()) == []
    assert result.stderr == b""
    unwritable = {**env, "HOME": "/dev/null"}
    result = _run("report", str(old), str(year), "-o", str(out), "-q", env=unwritable)
    assert result.returncode == 0 and result.stderr == b""


# --- item 7: conventions --------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str, runner: CliRunner) -> None:
    from berakhlak_cli import __version__

    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and result.stdout == f"berakhlak-cli {__version__}\n"


def test_completion_is_offered(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_help_placeholders_are_words(runner: CliRunner) -> None:
    text = " ".join(runner.invoke(app, ["score", "--help"], terminal_width=200).stdout.split())
    for placeholder in ("--rubric FILE", "--by COLUMN", "--output FILE", "--units FILE"):
        assert placeholder in text
    assert "--evidence-dir FOLDER" in text and "--year YEAR" in text
    assert " PATH" not in text and " TEXT" not in text


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "TMP/angka-2022.csv", "TMP/angka-2024.csv", "-f", "json"],
        ["report", "TMP/angka-2022.csv", "TMP/angka-2024.csv", *WHEN],
        ["rubric", "validate"],
    ],
)
def test_quiet_silences_stderr(args: list[str], runner: CliRunner, two_years: list[str]) -> None:
    folder = str(Path(two_years[0]).parent)
    argv = [a.replace("TMP", folder) for a in args]
    loud = runner.invoke(app, argv)
    assert loud.stderr != ""
    quiet = runner.invoke(app, [*argv, "-q"])
    assert quiet.exit_code == loud.exit_code == 0
    assert quiet.stderr == "" and quiet.stdout == loud.stdout


def test_force_color_keeps_colour_in_a_pipe(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["score", str(BOM), "-q"])
    assert "\x1b[" not in plain.stdout
    forced = runner.invoke(app, ["score", str(BOM), "-q"], env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    both = runner.invoke(app, ["score", str(BOM), "-q"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in both.stdout  # no colour (bold may stay, as NO_COLOR allows)


def test_messages_follow_the_language(runner: CliRunner, tmp_path: Path) -> None:
    indonesian = runner.invoke(app, ["score", str(BOM), "--gaps"])
    english = runner.invoke(app, ["score", str(BOM), "--gaps", "--lang", "en"])
    assert indonesian.stderr == "error: --gaps memerlukan --evidence FILE\n"
    assert english.stderr == "error: --gaps needs --evidence FILE\n"


def test_a_year_out_of_range_in_a_file_name_is_not_taken(tmp_path: Path) -> None:
    from berakhlak_cli.loaders.results.load import year_from_name

    assert year_from_name(Path("hasil-1999-2024.json")) == 2024
    assert year_from_name(Path("hasil-1999.json")) is None
    assert year_from_name(Path("hasil-2024.json")) == 2024


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_from_outside_while_staged_removes_the_temporary_file(
    sig: int, code: int, tmp_path: Path
) -> None:
    """A real process: the issues file is staged while the FIFO output waits for a reader;
    the signal arrives then, and the staged file is removed on the way out."""
    import time

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    issues = tmp_path / "issues.csv"
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    argv = [sys.executable, "-m", "berakhlak_cli", "score", str(BOM), "-f", "json", "-q"]
    process = subprocess.Popen(
        [*argv, "-o", str(fifo), "--issues", str(issues)],
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    wchan = Path(f"/proc/{process.pid}/wchan")
    # NOTE: the issues file is staged from the start (it is streamed while scoring runs); wait
    # until the main thread sleeps opening the FIFO ("wait_for_partner" on Linux).
    while not (
        any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        and "wait_for_partner" in wchan.read_text()
    ):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.decode().strip() == "dihentikan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]
