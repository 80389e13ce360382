"""The library entry points (``berakhlak_cli.score/compare/report/validate``) give the CLI's
numbers, print nothing, and importing the package stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import berakhlak_cli as bk
import berakhlak_cli.errors as bk_errors
from berakhlak_cli.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kalteng"
SURVEY = EXAMPLE / "survei-2024.csv"
UNITS = EXAMPLE / "units.csv"
EVIDENCE = EXAMPLE / "bukti-dukung-2024.csv"
PUBLISHED = [EXAMPLE / "hasil-2022-published.yaml", EXAMPLE / "hasil-2024-published.yaml"]


def test_score_gives_the_example_units_figures(capsys: pytest.CaptureFixture[str]) -> None:
    sheet = bk.score(SURVEY, units=UNITS, evidence=EVIDENCE)
    rows = {g.key[0]: g for g in sheet.groups}
    hukum = rows["Biro Hukum"]
    # The README's table: survey 76,7, evidence 90,6, combined 0,8 x 76,7 + 0,2 x 90,6 -> 79,5.
    assert (hukum.respondents, hukum.index.rounded, hukum.evidence.rounded) == (46, 76.7, 90.6)
    assert hukum.combined.rounded == 79.5 and hukum.combined.band == "A"
    assert rows["Biro Pengadaan Barang dan Jasa"].withheld  # 4 respondents: below the minimum
    assert sheet.accounting.read == 531 and sheet.accounting.scored == 527
    assert capsys.readouterr() == ("", "")  # the library prints nothing


def test_score_equals_the_cli_json() -> None:
    result = CliRunner().invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    sheet = bk.score(SURVEY, units=UNITS)
    cli_units = {tuple(g["key"].values()): g for g in doc["groups"]}
    assert len(cli_units) == len(sheet.groups)
    for group in sheet.groups:
        published = cli_units[group.key].get("index")
        if group.index is None:
            assert published is None
        else:
            assert (published["rounded"], published["band"]) == (
                group.index.rounded,
                group.index.band,
            )


def test_compare_published_years() -> None:
    comparison = bk.compare(PUBLISHED)
    # Central Kalimantan's published index: 59,5 B in 2022 -> 76,3 A in 2024.
    assert [(f.rounded, f.band) for f in comparison.index.figures] == [(59.5, "B"), (76.3, "A")]
    assert comparison.index.steps[0].delta == 16.8


def test_report_is_html_with_both_years() -> None:
    page = bk.report(PUBLISHED, generated_at="2025-01-31")
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html>")
    assert "59,5" in page and "76,3" in page


def test_validate_the_default_rubric_and_a_broken_one(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[1] / "rubrics" / "kemenpanrb-2025.yaml"
    report = bk.validate(shipped)
    assert report.valid and report.problems == ()
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\nvalues: [\n", encoding="utf-8")
    problems = bk.validate(broken).problems
    assert problems and problems[0].line is not None


def test_importing_the_package_loads_no_data_library() -> None:
    code = (
        "import sys, berakhlak_cli; "
        "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_score_a_hierarchy_as_the_rubric_defines_it() -> None:
    national = Path(__file__).resolve().parents[1] / "examples" / "nasional"
    sheet = bk.score(
        national / "survei-nasional.csv",
        national / "rubrik-nasional.yaml",
        units=national / "units-nasional.csv",
    )
    # The README's national run: the top row is the mean of the five instansi that meet their
    # minimum, (57,10 + 73,56 + 70,84 + 59,81 + 70,83) / 5 = 66,4.
    assert sheet.institution.index.rounded == 66.4
    assert sheet.levels == ("instansi", "unit_kerja")


def test_score_a_values_selection_survey() -> None:
    act = Path(__file__).resolve().parents[1] / "rubrics" / "act-2022.yaml"
    sheet = bk.score(EXAMPLE / "survei-2022.csv", act, units=UNITS)
    # The README's re-scored 2022: Indeks Implementasi 61,1 B for the whole institution.
    assert (sheet.institution.index.rounded, sheet.institution.index.band) == (61.1, "B")
    with pytest.raises(bk_errors.UsageError):
        bk.score(EXAMPLE / "survei-2022.csv", act, levels=["unit_kerja"])


def test_the_readme_python_example_prints_what_it_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[1]
    section = (root / "README.md").read_text(encoding="utf-8").split("### From Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    promised = [line.split("# ", 1)[1] for line in code.splitlines() if "# " in line]
    assert sorted(printed) == sorted(promised)
