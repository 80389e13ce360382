"""Minimum respondents (KemenPANRB eligibility, distinct from anonymity) and response rates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.model.rubric import Eligibility, EligibilityRule
from berakhlak_cli.scoring.groups.eligibility import minimum_respondents

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
SURVEY, UNITS = EXAMPLE / "survei-2024.csv", EXAMPLE / "units.csv"
RUBRIC_TEXT = (ROOT / "rubrics" / "kemenpanrb-2025.yaml").read_text(encoding="utf-8")
LABEL = "tidak memenuhi syarat minimum responden (96 dari minimal 104)"


@pytest.mark.parametrize(("headcount", "need"), [(100, 80), (500, 223), (1000, 286), (5000, 371)])
def test_slovin_default_matches_the_domain_brief(headcount: int, need: int) -> None:
    """sources.md §4.3: n = ceil(N / (1 + N * 0.05^2)); raw 80.0, 222.2, 285.7, 370.4."""
    assert minimum_respondents(headcount, Eligibility()) == need


def test_other_rules() -> None:
    assert minimum_respondents(140, Eligibility(rule=EligibilityRule.NONE)) == 0
    assert minimum_respondents(140, Eligibility(rule=EligibilityRule.FIXED, minimum=30)) == 30
    assert minimum_respondents(20, Eligibility(rule=EligibilityRule.FIXED, minimum=30)) == 20
    assert minimum_respondents(140, Eligibility(rule=EligibilityRule.SHARE, share=0.5)) == 70


def _json(runner: CliRunner, *extra: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", "json", *extra])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_below_minimum_is_labelled_with_the_kemenpanrb_wording(runner: CliRunner) -> None:
    for fmt in ("table", "markdown"):
        result = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt])
        assert LABEL in " ".join(result.stdout.split())
    english = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "--lang", "en"])
    assert "does not meet the minimum number of respondents (96 of at least 104)" in " ".join(
        english.stdout.split()
    )


def test_below_minimum_units_are_left_out_of_the_institution_by_default(runner: CliRunner) -> None:
    doc = _json(runner)
    umum = next(g for g in doc["groups"] if g["key"]["unit_kerja"] == "Biro Umum")
    assert (umum["eligible"], umum["min_respondents"], umum["respondents"]) == (False, 104, 96)
    # 527 scored - 96 (Biro Umum) - 4 (Biro Pengadaan, 4 of 36 staff, minimum 34) = 427
    assert doc["institution"]["respondents"] == 427


def test_exclude_from_parent_can_be_switched_off(runner: CliRunner, tmp_path: Path) -> None:
    assert RUBRIC_TEXT.count("exclude_from_parent: true") == 1
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(
        RUBRIC_TEXT.replace("exclude_from_parent: true", "exclude_from_parent: false"), "utf-8"
    )
    doc = _json(runner, "--rubric", str(rubric))
    assert doc["institution"]["respondents"] == 527
    assert doc["institution"]["response_rate"] == pytest.approx(527 / 648)
    assert doc["institution"]["staff"] == doc["institution"]["headcount"] == 648


def test_response_rate_per_unit_and_for_the_institution(runner: CliRunner) -> None:
    doc = _json(runner)
    rates = {g["key"]["unit_kerja"]: g["response_rate"] for g in doc["groups"]}
    assert rates["Biro Umum"] == pytest.approx(96 / 140)
    assert rates["Biro Hukum"] == pytest.approx(46 / 48)
    assert rates["Biro Pengadaan Barang dan Jasa"] == pytest.approx(4 / 36)
    # The institution row holds the 7 eligible units: 427 respondents of 648 - 140 - 36 staff.
    assert doc["institution"]["response_rate"] == pytest.approx(427 / 472)
    # Its staff, the rate's denominator, is published beside every unit's headcount (648), so
    # respondents / staff gives the published rate (audit 2026-12-03).
    inst = doc["institution"]
    assert (inst["headcount"], inst["staff"]) == (648, 472)
    assert inst["respondents"] / inst["staff"] == inst["response_rate"]
    table = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS)])
    assert "96 (69%)" in table.stdout and "427 (90%)" in table.stdout


def test_no_response_rate_without_units(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), "-f", "json"])
    doc = json.loads(result.stdout)
    assert all("response_rate" not in g for g in [*doc["groups"], doc["institution"]])


# Issue #18 (headcount below the respondents) and issue #13 item 3 (which rule withheld the
# institution row).
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]


def _survey(path: Path, units: dict[str, int]) -> Path:
    lines = ["nip,unit_kerja," + ",".join(ITEMS)]
    row = 0
    for unit, n in units.items():
        for _ in range(n):
            row += 1
            lines.append(f"id{row},{unit}," + ",".join(str(1 + (row + j) % 5) for j in range(21)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _score(runner: CliRunner, survey: Path, units: str, *extra: str) -> dict:  # type: ignore[type-arg]
    table = survey.with_name("units.csv")
    table.write_text("unit_kerja,headcount\n" + units, encoding="utf-8")
    result = runner.invoke(app, ["score", str(survey), "--units", str(table), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "json" in extra else {"out": result.stdout}


def test_every_unit_below_its_minimum_says_so(runner: CliRunner, tmp_path: Path) -> None:
    """60 respondents, 20 of 100 staff in each of three units (minimum 80): the institution row
    is empty because every unit is left out, not because of anonymity."""
    survey = _survey(tmp_path / "s.csv", {"Biro A": 20, "Biro B": 20, "Biro C": 20})
    units = "Biro A,100\nBiro B,100\nBiro C,100\n"
    doc = _score(runner, survey, units, "-f", "json")
    assert doc["institution"]["respondents"] == 0
    assert doc["institution"]["withheld"] == "no-eligible-unit"
    table = " ".join(_score(runner, survey, units)["out"].split())
    assert "tidak dihitung: semua unit di bawah minimum responden dan dikecualikan" in table
    assert "anonimitas" not in table
    english = " ".join(_score(runner, survey, units, "--lang", "en")["out"].split())
    assert "not computed: every unit is below its minimum respondents" in english


def test_a_headcount_below_the_respondents_is_an_issue(runner: CliRunner, tmp_path: Path) -> None:
    """46 respondents of 10 staff (460 %) and 6 of 0: each unit gets an issue and is treated
    as having no headcount (no response rate, no minimum); exit 1 under --strict."""
    survey = _survey(tmp_path / "s.csv", {"Biro A": 46, "Biro B": 6, "Biro C": 30})
    units = "Biro A,10\nBiro B,0\nBiro C,32\n"
    doc = _score(runner, survey, units, "-f", "json")
    found = {
        i["group"]: i["message"]
        for i in doc["issues"]["items"]
        if i["code"] == "headcount-below-respondents"
    }
    assert found == {
        "Biro A": "46 respondents but the units file gives a headcount of 10; "
        "no response rate or minimum for this unit",
        "Biro B": "6 respondents but the units file gives a headcount of 0; "
        "no response rate or minimum for this unit",
    }
    by_name = {g["key"]["unit_kerja"]: g for g in doc["groups"]}
    assert by_name["Biro A"].get("headcount") is None and by_name["Biro B"].get("headcount") is None
    assert "response_rate" not in by_name["Biro A"]
    assert (by_name["Biro C"]["headcount"], by_name["Biro C"]["min_respondents"]) == (32, 30)
    assert doc["institution"]["respondents"] == 82
    table = survey.with_name("units.csv")
    strict = runner.invoke(app, ["score", str(survey), "--units", str(table), "--strict", "-q"])
    assert strict.exit_code == 1
