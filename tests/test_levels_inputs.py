"""Levels (issue #17): the rubric's ``levels`` setting, the units file with a level column, and
the CSV, compare and fingerprint of a run with levels."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from berakhlak_cli.errors import UnitsError
from berakhlak_cli.loaders.rubric.load import default_rubric_path, parse_rubric
from berakhlak_cli.loaders.units.levels import has_level_column, load_level_units
from berakhlak_cli.model.rubric import InstitutionMethod
from berakhlak_cli.scoring.compare.comparability import compare_summaries, rubric_summary

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "examples" / "nasional"
LEVELS_YAML = """
levels:
  - column: instansi
    aggregation: mean_of_units
    eligibility: {rule: fixed, minimum: 30}
    min_group_size: 10
  - column: unit_kerja
"""


def _parse(extra: str):  # type: ignore[no-untyped-def]
    text = default_rubric_path().read_text(encoding="utf-8") + extra
    return parse_rubric(text.encode("utf-8"))


def test_rubric_levels_are_read() -> None:
    rubric, problems = _parse(LEVELS_YAML)
    assert not problems
    assert rubric is not None
    first, second = rubric.levels
    assert first.column == "instansi"
    assert first.aggregation == InstitutionMethod.MEAN_OF_UNITS
    assert first.eligibility is not None and first.eligibility.minimum == 30
    assert first.min_group_size == 10
    assert second.aggregation == InstitutionMethod.POOLED
    assert second.eligibility is None and second.min_group_size is None


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("\nlevels:\n  - column: instansi\n  - column: Instansi\n", "duplicate-id"),
        ("\nlevels:\n  - column: instansi\n    aggregation: median\n", "bad-choice"),
        ("\nlevels:\n  - aggregation: pooled\n", "missing-key"),
        ("\nlevels:\n  - column: instansi\n    min_group_size: 0\n", "bad-number"),
    ],
)
def test_bad_levels_are_problems(extra: str, code: str) -> None:
    rubric, problems = _parse(extra)
    assert rubric is None
    assert code in {p.code for p in problems}, [(p.code, p.message) for p in problems]


def test_levels_enter_the_fingerprint_only_when_set() -> None:
    plain, _ = _parse("")
    levelled, _ = _parse(LEVELS_YAML)
    assert plain is not None and levelled is not None
    assert "levels" not in rubric_summary(plain)
    diff = compare_summaries(rubric_summary(plain), rubric_summary(levelled))
    assert [d.aspect for d in diff] == ["levels"]


def _units(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "units.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_units_file_with_a_level_column(tmp_path: Path) -> None:
    path = _units(
        tmp_path,
        "level;instansi;unit_kerja;jumlah_pegawai\n"
        "instansi;Kementerian  A;;1.200\n"
        "unit_kerja;Kementerian A;Biro Umum;140\n",
    )
    assert has_level_column(path)
    heads = load_level_units(path, ["instansi", "unit_kerja"])
    assert heads == {("kementerian a",): 1200, ("kementerian a", "biro umum"): 140}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("eselon,A,,10\n", "row 2: column 'level': level 'eselon' is not one of instansi"),
        ("unit_kerja,A,,10\n", "row 2: column 'unit_kerja': empty name"),
        ("instansi,A,,ten\n", "row 2: column 'headcount': headcount 'ten' is not a whole"),
        ("instansi,A,,10\ninstansi,a,,12\n", "row 3: 'a' is listed twice"),
        ("unit_kerja,A,198001012010011001,10\n", "looks like personal data"),
    ],
)
def test_units_file_errors_name_row_and_column(tmp_path: Path, body: str, message: str) -> None:
    path = _units(tmp_path, "level,instansi,unit_kerja,headcount\n" + body)
    with pytest.raises(UnitsError, match=message.replace("(", r"\(")):
        load_level_units(path, ["instansi", "unit_kerja"])


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "berakhlak_cli", *args, "--generated-at", "2026-01-01T00:00:00Z"]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def test_units_file_without_a_level_column_is_a_usage_error(tmp_path: Path) -> None:
    units = _units(tmp_path, "unit_kerja,headcount\nBiro Umum,10\n")
    done = _run(
        "score", str(NATIONAL / "survei-nasional.csv"), "--level", "instansi", "--units", str(units)
    )
    assert done.returncode == 2
    assert "level" in done.stderr and "Traceback" not in done.stderr


def test_national_example_csv_one_row_per_group_at_every_level() -> None:
    done = _run(
        "score",
        str(NATIONAL / "survei-nasional.csv"),
        "--rubric",
        str(NATIONAL / "rubrik-nasional.yaml"),
        "--units",
        str(NATIONAL / "units-nasional.csv"),
        "-f",
        "csv",
        "-q",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    levels = [r["level"] for r in rows]
    assert levels.count("instansi") == 6
    assert levels.count("unit_kerja") == 16
    assert levels[-1] == "institution"
    by_path = {(r["instansi"], r["unit_kerja"]): r for r in rows}
    tiga = by_path[("Pemerintah Kabupaten Contoh Tiga", "")]
    assert tiga["eligible"] == "false" and tiga["withheld"] == "no-eligible-unit"
    # national = unweighted mean of the five instansi that are scored (Tiga is left out)
    scored = [
        float(r["index_raw"])
        for r in rows
        if r["level"] == "instansi" and r["eligible"] != "false" and r["index_raw"]
    ]
    assert len(scored) == 5
    assert float(rows[-1]["index_raw"]) == pytest.approx(sum(scored) / 5, abs=1e-9)
    # the top row counts the respondents its score rests on: included units of included
    # instansi (an instansi row counts all its respondents, as its minimum does)
    included = {
        r["instansi"] for r in rows if r["level"] == "instansi" and r["eligible"] != "false"
    }
    units = [r for r in rows if r["level"] == "unit_kerja" and r["instansi"] in included]
    assert int(rows[-1]["respondents"]) == sum(
        int(r["respondents"]) for r in units if r["eligible"] != "false"
    )


def test_compare_names_level_rows_by_path(tmp_path: Path) -> None:
    out = tmp_path / "hasil-2024.json"
    done = _run(
        "score",
        str(NATIONAL / "survei-nasional.csv"),
        "--rubric",
        str(NATIONAL / "rubrik-nasional.yaml"),
        "-o",
        str(out),
        "-q",
    )
    assert done.returncode == 0, done.stderr
    older = tmp_path / "hasil-2023.json"
    doc = json.loads(out.read_text(encoding="utf-8"))
    older.write_text(json.dumps(doc), encoding="utf-8")
    done = _run("compare", str(older), str(out), "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert "Kementerian Contoh Satu / Direktorat A" in done.stdout
    assert "\nKementerian Contoh Satu," in done.stdout or ",Kementerian Contoh Satu," in done.stdout


@pytest.mark.parametrize(
    "extra", [["--detail", "behaviours"], ["--evidence", str(NATIONAL / "units-nasional.csv")]]
)
def test_what_levels_do_not_combine_with_is_a_usage_error(extra: list[str]) -> None:
    survey = str(NATIONAL / "survei-nasional.csv")
    done = _run("score", survey, "--rubric", str(NATIONAL / "rubrik-nasional.yaml"), *extra)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and ("level" in done.stderr or "tingkat" in done.stderr)
