"""``berakhlak compare`` and ``berakhlak report`` through the CLI: streams, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from tests.compare.kalteng import EXAMPLES, PUBLISHED_2022, PUBLISHED_2024, WHEN

INDONESIAN_DEFAULT = ("test_compare_xlsx_needs_output_and_is_deterministic", "test_score_xlsx")


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """These tests pin the English messages of loaders (the Indonesian ones: tests/robustness),
    except those that pin the CLI's own Indonesian default."""
    if request.node.originalname not in INDONESIAN_DEFAULT:
        monkeypatch.setenv("BERAKHLAK_LANG", "en")


KALTENG = [str(PUBLISHED_2022), str(PUBLISHED_2024)]


def test_compare_kalteng_published(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", *reversed(KALTENG)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "│ Indeks      │ 59,5 │ 76,3 │     +16,8 │ B → A    │" in out
    assert "Perhatian: tahun-tahun ini tidak sebanding" in out and "Instrumen berbeda" in out
    assert out.index("2022:") < out.index("2024:")
    assert result.stderr == ""


def test_compare_realistic_json_year_from_file_name(runner: CliRunner, hasil_2024: Path) -> None:
    result = runner.invoke(app, ["compare", str(PUBLISHED_2022), str(hasil_2024), "--lang", "en"])
    assert result.exit_code == 0, result.output
    doc = json.loads(hasil_2024.read_text(encoding="utf-8"))
    combined = doc["institution"]["combined"]["rounded"]
    assert "│ Index " in result.stdout and f"59.5 │ {combined:.1f} │" in result.stdout
    assert f"+{combined - 59.5:.1f}" in result.stdout
    flat = " ".join(result.stdout.split())
    assert "year from the file name" in flat and "combined survey + evidence index" in flat


def test_compare_json_to_file_warns_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "banding.json"
    args = ["compare", *KALTENG, "-f", "json", "-o", str(out), "--generated-at", WHEN]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "warning: 2022 -> 2024 tidak sebanding: Instrumen berbeda" in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["comparable"] is False and doc["index"]["changes"][0]["delta"] == 16.8
    assert doc["generated_at"] == WHEN


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html"])
def test_compare_text_formats(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["compare", *KALTENG, "-f", fmt, "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    assert ("16.8" if fmt == "csv" else "+16,8") in result.stdout
    assert "tidak sebanding" in result.stderr


def test_compare_xlsx_needs_output_and_is_deterministic(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *KALTENG, "-f", "xlsx"])
    assert result.exit_code == 2 and "berikan --output FILE.xlsx" in result.stderr
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for path in paths:
        args = ["compare", *KALTENG, "-f", "xlsx", "-o", str(path), "--generated-at", WHEN]
        assert runner.invoke(app, args).exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert openpyxl.load_workbook(paths[0]).sheetnames[0] == "Keterbandingan"


def test_score_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hasil.xlsx"
    args = ["score", str(EXAMPLES / "survei-2024.csv"), "-f", "xlsx", "-o", str(out)]
    result = runner.invoke(app, [*args, "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Hasil", "Masalah data"]
    rows = list(book["Hasil"].iter_rows(values_only=True))
    assert rows[0][:4] == ("unit_kerja", "level", "Responden", "BP")
    assert rows[-1][0] == "Seluruh instansi" and rows[-1][1] == "institution"
    assert book["Masalah data"].max_row > 1
    no_output = runner.invoke(app, args[:-2])
    assert no_output.exit_code == 2 and "berikan --output FILE.xlsx" in no_output.stderr


def test_units_map_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "angka-2022.csv"
    old.write_text(
        "year,instrument,unit,respondents,index\n2022,Likert,,,70\n"
        "2022,Likert,Bagian Umum,40,70\n2022,Likert,Bagian Perlengkapan,10,80\n",
        encoding="utf-8",
    )
    new = tmp_path / "angka-2024.csv"
    new.write_text("year,instrument,unit,index\n2024,Likert,,75\n2024,Likert,Biro Umum,75.5\n")
    mapping = tmp_path / "map.csv"
    mapping.write_text("from,to\nBagian Umum,Biro Umum\nBagian Perlengkapan,Biro Umum\nTypo,X\n")
    args = ["compare", str(old), str(new), "--units-map", str(mapping)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "│ Biro Umum  │ 72,0 │ 75,5 │      +3,5 │ B → A    │" in result.stdout
    assert "Sebanding" in result.stdout
    assert "map.csv: baris 4: unit 'Typo' tidak ada di berkas hasil mana pun" in result.stderr


def test_report_cli_is_deterministic_with_source_date_epoch(
    runner: CliRunner, tmp_path: Path, hasil_2024: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    pages = []
    for name in ("a.html", "b.html"):
        out = tmp_path / name
        result = runner.invoke(
            app, ["report", str(PUBLISHED_2022), str(hasil_2024), "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert "tidak sebanding" in result.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    assert b"Dibuat 1 Januari 2025, 00.00 UTC" in pages[0]


def test_report_english_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", *KALTENG, "--lang", "en", "--generated-at", WHEN])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "+16.8" in result.stdout


def test_compare_needs_two_years_report_takes_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", str(PUBLISHED_2022)])
    assert result.exit_code == 2
    assert "error: give the results files of at least two years" in result.stderr
    result = runner.invoke(app, ["report", str(PUBLISHED_2022), "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "59,5" in result.stdout


@pytest.mark.parametrize("command", ["compare", "report"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope-2023.json", str(PUBLISHED_2022)], "error: nope-2023.json: file not found"),
        ([*KALTENG, "--year", "x.json=2020"], "error: --year 'x.json=2020': 'x.json' is not one"),
        ([*KALTENG, "--year", "2020"], "error: --year '2020': expected FILE=YEAR"),
        ([str(PUBLISHED_2022), str(PUBLISHED_2022)], "are both for 2022"),
        ([*KALTENG, "--units-map", "nope.csv"], "error: nope.csv: file not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    runner: CliRunner, command: str, args: list[str], message: str
) -> None:
    result = runner.invoke(app, [command, *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_year_override_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "published.yaml"
    copy.write_bytes(PUBLISHED_2022.read_bytes())
    result = runner.invoke(
        app, ["compare", str(copy), str(PUBLISHED_2024), "--year", "published.yaml=2023"]
    )
    assert result.exit_code == 0, result.output
    assert "2023: " in result.stdout and "tahun dari --year" in result.stdout


def test_output_never_overwrites_an_input(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "hasil-2022.yaml"
    copy.write_bytes(PUBLISHED_2022.read_bytes())
    result = runner.invoke(app, ["report", str(copy), str(PUBLISHED_2024), "-o", str(copy)])
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert copy.read_bytes() == PUBLISHED_2022.read_bytes()
