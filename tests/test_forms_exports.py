"""Issue 11: real Google Forms exports score with the default rubric on the first try.

The exports are built by ``tests/forms_exports.py`` (fake people). Hand-computed result: BP
answers are all 5 -> 100; every other value is 50 for even and 75 for odd respondents, three
of each per unit -> 62.5; index (100 + 6 x 62.5) / 7 = 67.857 -> 67.9 (band B).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from forms_exports import INDEX, PEOPLE, email, write_all
from typer.testing import CliRunner

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.cli import app
from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric, parse_rubric


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin the English messages (the Indonesian ones: tests/robustness)."""
    monkeypatch.setenv("BERAKHLAK_LANG", "en")


EXPORTS = ("forms-prefix.csv", "forms-prefix.xlsx", "forms-grid.csv", "forms-grid.xlsx")
UNITS = Path(__file__).resolve().parents[1] / "examples" / "kalteng" / "units.csv"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("forms"))


def _personal() -> list[str]:
    return [v for nip, name in PEOPLE for v in (nip, name, email(name), name.split()[0])]


def _assert_no_personal_data(text: str) -> None:
    for value in _personal():
        assert value not in text, value


@pytest.mark.parametrize("name", EXPORTS)
def test_export_scores_with_the_default_rubric(name: str, exports: dict[str, Path]) -> None:
    sheet, source = score_survey(exports[name], load_rubric())
    assert pytest.approx(67.857142857) == INDEX
    for group in (*sheet.groups, sheet.institution):
        assert group.index is not None and group.index.raw == pytest.approx(INDEX)
        assert group.index.rounded == 67.9 and group.index.band == "B"
        assert group.values["berorientasi_pelayanan"].raw == pytest.approx(100.0)  # type: ignore[union-attr]
        assert group.values["adaptif"].raw == pytest.approx(62.5)  # type: ignore[union-attr]
    assert [g.label for g in sheet.groups] == ["Biro Hukum", "Biro Umum"]
    assert sheet.institution.respondents == 12
    assert not [i for i in sheet.issues if i.row is not None]
    how = "grid" if "grid" in name else "contains"
    assert set((source.plan.matched_by or {}).values()) == {how}
    assert source.plan.respondent_id == 2


def test_grid_export_ignores_timestamp_and_free_text(exports: dict[str, Path]) -> None:
    _, source = score_survey(exports["forms-grid.csv"], load_rubric())
    assert source.plan.ignored == ("Cap waktu", "8. Saran dan masukan untuk unit kerja Anda")


@pytest.mark.parametrize("name", EXPORTS)
def test_score_says_once_how_items_matched(
    name: str, exports: dict[str, Path], runner: CliRunner
) -> None:
    result = runner.invoke(app, ["score", str(exports[name]), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    way = (
        "a Forms grid row [label]"
        if "grid" in name
        else ("the behaviour label or item text inside the header")
    )
    assert result.stderr.count("note: matched 21 of 21 items loosely") == 1
    assert f"(21 by {way})" in result.stderr
    if name.endswith(".xlsx"):
        assert "read sheet 'Jawaban Formulir 1': the first sheet 'Petunjuk' holds no survey" in (
            result.stderr
        )
    _assert_no_personal_data(result.stdout + result.stderr)


def _exact_rubric() -> bytes:
    raw = default_rubric_path().read_text(encoding="utf-8")
    return raw.replace("\ncolumns:\n", "\ncolumns:\n  header_matching: exact\n", 1).encode()


def test_exact_header_matching_turns_the_loose_rules_off(exports: dict[str, Path]) -> None:
    rubric, problems = parse_rubric(_exact_rubric())
    assert not problems and rubric is not None
    with pytest.raises(SurveyError, match="21 of 21 rubric items have no column"):
        score_survey(exports["forms-prefix.csv"], rubric)


def test_header_matching_setting_is_checked(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(_exact_rubric().replace(b"header_matching: exact", b"header_matching: fuzzy"))
    result = runner.invoke(app, ["rubric", "validate", str(bad)])
    assert result.exit_code == 1
    assert "columns.header_matching" in result.stdout and "fuzzy" in result.stdout


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_survey_check_reports_columns_without_personal_data(
    name: str, fmt: str, exports: dict[str, Path], runner: CliRunner
) -> None:
    result = runner.invoke(
        app,
        ["survey", "check", str(exports[name]), "--units", str(UNITS), "-f", fmt],
        env={"COLUMNS": "200"},
    )
    # Every unit of units.csv is short of its minimum: would score, with issues.
    assert result.exit_code == 1, result.stderr
    _assert_no_personal_data(result.stdout + result.stderr)
    if fmt == "table":
        assert "Biro Hukum" in result.stdout
        return
    doc = json.loads(result.stdout)
    roles = {c["header"]: c["role"] for c in doc["columns"]}
    assert roles["NIP"] == "respondent-id"
    assert roles["Unit Kerja"] == "unit"
    assert sum(r == "identifying" for r in roles.values()) == 2  # e-mail and name
    assert sum(r == "item" for r in roles.values()) == 21
    hukum = next(u for u in doc["units"] if u["unit"] == "Biro Hukum")
    # 48 staff: Slovin 48 / (1 + 48 x 0.05^2) = 42.86 -> 43; 6 answered -> 37 more, 12.5 %.
    assert hukum == {
        "unit": "Biro Hukum",
        "respondents": 6,
        "headcount": 48,
        "minimum": 43,
        "response_rate": 0.125,
        "needed": 37,
    }
    pembangunan = next(u for u in doc["units"] if u["unit"] == "Biro Administrasi Pembangunan")
    assert pembangunan["respondents"] == 0 and pembangunan["needed"] == 60
    assert doc["rows"] == {"read": 12, "scored": 12, "excluded": {}}


def test_survey_check_vocabulary_counts_and_flags_unknown(
    runner: CliRunner, tmp_path: Path
) -> None:
    survey = tmp_path / "s.csv"
    items = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
    rows = ["unit_kerja,nip," + ",".join(items)]
    answers = ["SS", "5 - Sangat Setuju", "Setju", "4", "Setuju", "Setuju"]
    for r, first in enumerate(answers):
        rest = ",".join(str(3 + (r + j) % 3) for j in range(20))
        rows.append(f"Biro Hukum,19900101201501100{r},{first},{rest}")
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["survey", "check", str(survey), "-f", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["answers"]["bp1"] == [
        {"text": "Setuju", "count": 2, "known": True},
        {"text": "4", "count": 1, "known": True},
        {"text": "5 - Sangat Setuju", "count": 1, "known": True},
        {"text": "SS", "count": 1, "known": True},
        {"text": "Setju", "count": 1, "known": False},
    ]
    assert doc["unknown_labels"] == 1
    assert "19900101" not in result.stdout


def test_survey_check_counts_no_answer_of_a_withheld_unit(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Whole-file answer counts minus the published units' distributions would give a withheld
    unit's answers back (audit 2026-12-03): the check counts only the rows ``score`` counts in
    the units it publishes, and says how many rows it left out."""
    survey = tmp_path / "s.csv"
    items = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
    rows = ["unit_kerja,nip," + ",".join(items)]
    people = [("Biro Kecil", "Sangat Tidak Setuju")] * 3 + [("Biro Hukum", "Setuju")] * 6
    people += [("Biro Umum", "Netral")] * 7 + [("Biro Umum", "Netral")]  # the last: a repeat
    for r, (unit, answer) in enumerate(people):
        nip = f"1990010120150110{min(r, len(people) - 2):02d}"
        rows.append(f"{unit},{nip}," + ",".join([answer] * 21))
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text("unit_kerja,headcount\nBiro Kecil,10\nBiro Hukum,7\nBiro Umum,8\n")
    args = ["survey", "check", str(survey), "--units", str(units)]
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert doc["rows"] == {"read": 17, "scored": 16, "excluded": {"duplicate-respondent": 1}}
    # Biro Kecil (3 people, below its minimum) is withheld; its 3 rows and the repeat are out.
    assert doc["answers"]["bp1"] == [
        {"text": "Netral", "count": 7, "known": True},
        {"text": "Setuju", "count": 6, "known": True},
    ]
    assert doc["answers_untallied_rows"] == 4
    table = runner.invoke(app, args)
    assert "Jawaban 4 baris tidak dihitung di sini" in " ".join(table.stdout.split())


def test_survey_check_exit_codes(runner: CliRunner, asset, exports: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    clean = runner.invoke(app, ["survey", "check", str(exports["forms-grid.csv"])])
    assert clean.exit_code == 0, clean.stdout
    assert "Berkas ini dapat dinilai tanpa masalah." in clean.stdout
    cannot = runner.invoke(
        app, ["survey", "check", str(asset("surveys/survey.forms-unmatched.csv"))]
    )
    assert cannot.exit_code == 2
    assert "Did you mean: ad3 -> 'Pegawai di unit saya: Bertindak proatif' (0.92)" in cannot.stderr


@pytest.mark.parametrize("name", EXPORTS)
def test_rubric_init_from_survey_validates_and_matches_exactly(
    name: str, exports: dict[str, Path], runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "rubrik-kami.yaml"
    made = runner.invoke(
        app, ["rubric", "init", "--from-survey", str(exports[name]), "-o", str(out)]
    )
    assert made.exit_code == 0, made.stderr
    assert "21 header(s) added to aliases" in made.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=rubric.schema.json\n")
    schema = json.loads((tmp_path / "rubric.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    expected_free = "'Cap waktu'" if "grid" in name else "'Timestamp'"
    listed = "# Survey headers matched to no item and no known column (not scored):\n"
    assert f"{listed}#   - {expected_free}" in text
    _assert_no_personal_data(made.stdout + made.stderr + text)
    valid = runner.invoke(app, ["rubric", "validate", str(out)])
    assert valid.exit_code == 0, valid.stdout
    strict = out.read_text(encoding="utf-8").replace(
        "\ncolumns:\n", "\ncolumns:\n  header_matching: exact\n", 1
    )
    out.write_text(strict, encoding="utf-8")
    scored = runner.invoke(app, ["score", str(exports[name]), "-r", str(out), "-f", "json"])
    assert scored.exit_code == 0, scored.stderr
    assert "loosely" not in scored.stderr
    assert json.loads(scored.stdout)["institution"]["index"]["rounded"] == 67.9


def test_rubric_init_plain_copy_and_refusals(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "salinan.yaml"
    first = runner.invoke(app, ["rubric", "init", "-o", str(out)])
    assert first.exit_code == 0, first.stderr
    assert load_rubric(out).items == load_rubric().items
    again = runner.invoke(app, ["rubric", "init", "-o", str(out)])
    assert again.exit_code == 2
    assert f"error: {out}: already exists; use --force to overwrite it" in again.stderr
    base = runner.invoke(
        app, ["rubric", "init", "--base", str(out), "-o", str(tmp_path / "b.yaml")]
    )
    assert base.exit_code == 0, base.stderr


def test_rubric_init_lists_items_without_a_column(runner: CliRunner, asset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.yaml"
    survey = asset("surveys/survey.forms-unmatched.csv")
    result = runner.invoke(app, ["rubric", "init", "--from-survey", str(survey), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "#   - 'Pegawai di unit saya: Bertindak proatif'\n" in text
    assert "#   - ad3: Bertindak proaktif\n" in text
    assert runner.invoke(app, ["rubric", "validate", str(out)]).exit_code == 0


EXAMPLE = UNITS.parent / "survei-2024.csv"


@pytest.mark.parametrize(
    "args",
    [
        ["survey", "check", str(EXAMPLE), "--units", str(UNITS)],
        ["survey", "check", str(EXAMPLE), "--units", str(UNITS), "-f", "json"],
        ["survey", "check", str(EXAMPLE), "--lang", "en"],
    ],
)
def test_example_survey_check_holds_no_personal_data(args: list[str], runner: CliRunner) -> None:
    import csv

    with EXAMPLE.open(encoding="utf-8") as fh:
        people = [(r["nip"], r["nama"]) for r in csv.DictReader(fh)]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.stderr
    out = result.stdout + result.stderr
    for nip, name in people:
        assert (not nip or nip not in out) and (not name or name not in out)


def test_example_rubric_init_holds_no_personal_data(runner: CliRunner, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "rubrik.yaml"
    result = runner.invoke(app, ["rubric", "init", "--from-survey", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8") + result.stdout + result.stderr
    assert "#   - 'Timestamp'\n" in text
    with EXAMPLE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert (not row["nip"] or row["nip"] not in text) and row["nama"] not in text


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_parquet_export_checks_without_personal_data(
    fmt: str, runner: CliRunner, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from forms_exports import prefix_export

    header, *rows = prefix_export()
    path = tmp_path / "forms-prefix.parquet"
    pq.write_table(pa.table({h: [r[i] for r in rows] for i, h in enumerate(header)}), path)
    result = runner.invoke(app, ["survey", "check", str(path), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    _assert_no_personal_data(result.stdout + result.stderr)
    made = runner.invoke(
        app, ["rubric", "init", "--from-survey", str(path), "-o", str(tmp_path / f"{fmt}.yaml")]
    )
    assert made.exit_code == 0, made.stderr
    _assert_no_personal_data((tmp_path / f"{fmt}.yaml").read_text(encoding="utf-8"))
