"""The values-selection instrument on a small hand-made file (numbers computed by hand).

Three respondents of unit U (a fourth row names no known behaviour for the current culture):

    row  personal          current           desired
    2    Alfa Satu, Beta   Alfa Satu, Pemb.  Beta Satu, Positif
    3    Alfa Satu         Alfa Dua, Beta    Beta Satu, Alfa Satu
    4    Positif, Alfa Dua Alfa Satu, Alfa Dua  Beta Satu

Current votes: a1 2, a2 2, b1 1, p1 0, l1 1 (6 votes). Value a: all 3 respondents picked one of
its behaviours -> 100 %; b: 1 of 3 -> 33.333 %; index (100 + 33.333) / 2 = 66.667 -> 66,7 (B).
Entropy 1 / 6 = 16.667 %, energi positif 83.333. Votes over maximum votes: a 4 / (3 x 2) =
66.667, b 1 / (3 x 1) = 33.333, index 50.0. Top 2 (ties by template order): personal a1 (2),
a2 (1); current a1, a2; desired b1 (3), a1 (1). Matches: personal-current 2, current-desired 1,
personal-desired 1.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.api.selection import score_selection
from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import load_rubric, read_rubric
from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.model.values_selection import ValuePercent
from tests.conftest import EXAMPLES

ASSETS = Path(__file__).resolve().parent / "assets" / "values_selection"
RUBRIC = ASSETS / "rubric.small.yaml"
ROOT = Path(__file__).resolve().parents[1]
LIST_CSV = (
    "nip,nama,unit_kerja,pribadi,saat_ini,harapan\n"
    '1,Ani,U,"Alfa Satu, Beta-1","alfa satu, Pembatas","Beta Satu, Positif"\n'
    '2,Budi,U,Alfa Satu,"Alfa Dua, BETA SATU","Beta Satu, Alfa Satu"\n'
    '3,Cici,U,"Positif, Alfa Dua","Alfa Satu, Alfa  Dua",Beta Satu\n'
    "4,Dedi,U,Positif,199001012020011001,Positif\n"
)


def _columns_rubric(tmp_path: Path) -> Path:
    text = RUBRIC.read_text(encoding="utf-8")
    for q, name in (("personal", "pribadi"), ("current", "saat_ini"), ("desired", "harapan")):
        text = text.replace(f"{q}: {{column: {name}}}", f"{q}: {{columns: [{name}_1, {name}_2]}}")
    path = tmp_path / "rubric.columns.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _columns_csv() -> str:
    head = "nip,nama,unit_kerja,pribadi_1,pribadi_2,saat_ini_1,saat_ini_2,harapan_1,harapan_2\n"
    return head + (
        "1,Ani,U,Alfa Satu,Beta-1,alfa satu,Pembatas,Beta Satu,Positif\n"
        "2,Budi,U,Alfa Satu,,Alfa Dua,BETA SATU,Beta Satu,Alfa Satu\n"
        "3,Cici,U,Positif,Alfa Dua,Alfa Satu,Alfa  Dua,Beta Satu,\n"
        "4,Dedi,U,Positif,,199001012020011001,,Positif,\n"
    )


@pytest.fixture
def list_file(tmp_path: Path) -> Path:
    path = tmp_path / "pilihan.csv"
    path.write_text(LIST_CSV, encoding="utf-8")
    return path


def _check_hand_numbers(sheet) -> None:  # type: ignore[no-untyped-def]
    inst = sheet.institution
    assert inst.respondents == 3
    assert inst.votes["current"] == (2, 2, 1, 0, 1)
    assert inst.votes["personal"] == (2, 1, 1, 1, 0)
    assert inst.votes["desired"] == (1, 0, 3, 1, 0)
    assert inst.value_votes["current"] == {"a": 4, "b": 1}
    assert inst.value_pickers == {"a": 3, "b": 1}
    assert inst.values["a"].raw == pytest.approx(100.0)
    assert inst.values["b"].raw == pytest.approx(100 / 3)
    assert inst.values["b"].rounded == 33.3
    assert inst.index is not None and inst.index.raw == pytest.approx(200 / 3)
    assert (inst.index.rounded, inst.index.band) == (66.7, "B")
    assert inst.entropy is not None and inst.entropy.raw == pytest.approx(100 / 6)
    assert inst.positive_energy is not None and inst.positive_energy.rounded == 83.3
    assert inst.top == {"personal": ("a1", "a2"), "current": ("a1", "a2"), "desired": ("b1", "a1")}
    assert [(m.first, m.second, m.shared) for m in inst.matches] == [
        ("personal", "current", ("a1", "a2")),
        ("current", "desired", ("a1",)),
        ("personal", "desired", ("a1",)),
    ]


def test_list_layout_pins_hand_computed_figures(list_file: Path) -> None:
    sheet, _ = score_selection(list_file, load_rubric(RUBRIC))
    _check_hand_numbers(sheet)
    assert [g.key for g in sheet.groups] == [("U",)]
    _check_hand_numbers(replace(sheet, institution=sheet.groups[0]))


def test_one_column_per_pick_gives_the_same_figures(tmp_path: Path) -> None:
    survey = tmp_path / "kolom.csv"
    survey.write_text(_columns_csv(), encoding="utf-8")
    sheet, _ = score_selection(survey, load_rubric(_columns_rubric(tmp_path)))
    _check_hand_numbers(sheet)


def test_votes_over_maximum_votes_is_a_setting(list_file: Path) -> None:
    rubric = load_rubric(RUBRIC)
    assert rubric.selection is not None
    votes = replace(rubric.selection, value_percent=ValuePercent.VOTES)
    sheet, _ = score_selection(list_file, replace(rubric, selection=votes))
    inst = sheet.institution
    assert inst.values["a"].raw == pytest.approx(400 / 6)
    assert inst.values["b"].raw == pytest.approx(100 / 3)
    assert inst.index is not None and inst.index.rounded == 50.0


def test_unknown_label_is_an_issue_with_row_column_and_masked_cell(list_file: Path) -> None:
    sheet, _ = score_selection(list_file, load_rubric(RUBRIC))
    unknown = [i for i in sheet.issues if i.code == IssueCode.UNKNOWN_PICK]
    assert [(i.row, i.column, i.value) for i in unknown] == [(5, "saat_ini", "[18 digits]")]
    blank = [i for i in sheet.issues if i.code == IssueCode.BLANK_RESPONDENT]
    assert [(i.row, i.excluded) for i in blank] == [(5, True)]


def test_too_many_picks_excludes_the_row(tmp_path: Path) -> None:
    survey = tmp_path / "lebih.csv"
    survey.write_text(LIST_CSV.replace('"alfa satu, Pembatas"', '"alfa satu, Pembatas, Positif"'))
    sheet, _ = score_selection(survey, load_rubric(RUBRIC))
    over = [i for i in sheet.issues if i.code == IssueCode.TOO_MANY_PICKS]
    assert [(i.row, i.column, i.excluded) for i in over] == [(2, "saat_ini", True)]
    assert over[0].message == "more than 2 picks for 'saat_ini'; row excluded"
    assert sheet.institution.respondents == 2


def test_small_group_is_withheld(tmp_path: Path) -> None:
    survey = tmp_path / "kecil.csv"
    survey.write_text(LIST_CSV.replace("3,Cici,U,", "3,Cici,V,"), encoding="utf-8")
    sheet, _ = score_selection(survey, load_rubric(RUBRIC))
    withheld = {g.key: g.withheld for g in sheet.groups}
    # V has one respondent (below 2); U's two would give V away from the institution row.
    assert withheld == {("U",): "complementary", ("V",): "anonymity"}


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("value: a}", "value: zz}", "undefined-reference"),
        ("label: Positif}", "label: 'Positif, lagi'}", "selection-label"),
        (
            "label: Pembatas, limiting: true}",
            "label: Alfa-Satu, limiting: true}",
            "selection-label",
        ),
        ("    current: {column: saat_ini}\n", "", "missing-key"),
    ],
)
def test_bad_selection_rubrics_are_reported(old: str, new: str, code: str) -> None:
    text = RUBRIC.read_text(encoding="utf-8")
    assert old in text
    parsed = read_rubric(text.replace(old, new).encode("utf-8"))
    assert parsed.rubric is None
    assert code in {p.code for p in parsed.problems}


def test_shipped_act_2022_rubric_is_valid_and_marked_reconstructed() -> None:
    rubric = load_rubric(ROOT / "rubrics" / "act-2022.yaml")
    assert rubric.selection is not None and rubric.selection.picks == 10
    assert len(rubric.values) == 7
    assert "rekonstruksi" in rubric.instrument
    assert "bukan resmi" in rubric.title.id


def test_outputs_say_reconstruction_and_never_echo_personal_data(list_file: Path) -> None:
    runner = CliRunner()
    for fmt in ("json", "csv", "markdown", "table"):
        result = runner.invoke(
            app, ["score", str(list_file), "--rubric", str(RUBRIC), "-f", fmt, "-q"]
        )
        assert result.exit_code == 0, result.output
        assert "199001012020011001" not in result.output
        assert "Ani" not in result.output
        assert ("reconstruction" in result.output) or ("Rekonstruksi" in result.output)


def test_compare_scored_2022_against_scored_2024_warns_about_the_instrument(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    kalteng = EXAMPLES
    old, new = tmp_path / "hasil-2022.json", tmp_path / "hasil-2024.json"
    for survey, rubric, out in (
        ("survei-2022.csv", ["--rubric", str(ROOT / "rubrics" / "act-2022.yaml")], old),
        ("survei-2024.csv", [], new),
    ):
        args = ["score", str(kalteng / survey), *rubric, "--units", str(kalteng / "units.csv")]
        result = runner.invoke(app, [*args, "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    document = json.loads(old.read_text(encoding="utf-8"))
    assert document["kind"] == "values_selection"
    assert document["method"]["status"] == "reconstruction"
    result = runner.invoke(app, ["compare", str(old), str(new), "--lang", "en", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "instrument" in result.output
    assert "values selection" in result.output


@pytest.mark.parametrize("section", ["scales:\n  s: {min: 1, max: 5}\n", "examples: []\n"])
def test_likert_sections_in_a_selection_rubric_are_refused(section: str) -> None:
    text = RUBRIC.read_text(encoding="utf-8") + section
    parsed = read_rubric(text.encode("utf-8"))
    assert parsed.rubric is None
    assert [p.code for p in parsed.problems] == ["kind-mismatch"]


def test_rubric_show_lists_the_template_and_settings() -> None:
    result = CliRunner().invoke(app, ["rubric", "show", str(RUBRIC), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Limiting values (entropy)" in result.output
    assert "l1 Pembatas" in result.output
    assert "selection.value_percent" in result.output


def test_every_selection_problem_has_indonesian_text() -> None:
    from berakhlak_cli.render.language.catalogue import has_entry

    base = RUBRIC.read_text(encoding="utf-8")
    variants = [
        base.replace("value: a}", "value: zz}"),
        base.replace("{id: a2,", "{id: a1,"),
        base.replace("label: Positif}", "label: 'Positif, lagi'}"),
        base.replace("label: Pembatas, limiting: true}", "label: Alfa-Satu, limiting: true}"),
        base.replace("limiting: true}", "value: a, limiting: true}"),
        base.replace("{id: b1, label: Beta Satu, value: b,", "{id: b1, label: Beta Satu,"),
        base.replace("{column: saat_ini}", "{column: saat_ini, columns: [x]}"),
        base.replace("  picks: 2\n", "  picks: 2\n  separator: ' '\n"),
        base + "examples: []\n",
    ]
    messages = [p.message for v in variants for p in read_rubric(v.encode("utf-8")).problems]
    assert len(messages) >= len(variants)
    assert [m for m in messages if not has_entry(m)] == []


def test_by_another_column_keeps_the_institution_population(tmp_path: Path) -> None:
    survey = tmp_path / "jenis.csv"
    lines = LIST_CSV.splitlines()
    rows = [lines[0].replace("nip,", "nip,jenis_asn,")]
    rows += [line.replace(",", ",PNS,", 1) for line in lines[1:3]]
    rows += [line.replace(",", ",PPPK,", 1) for line in lines[3:]]
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rubric = load_rubric(RUBRIC)
    sheet, _ = score_selection(survey, rubric, group_by=("jenis_asn",))
    assert sheet.group_by == ("jenis_asn",)
    # PPPK has one scored respondent (row 4; row 5 is excluded): withheld, and PNS with it.
    assert {g.key: (g.respondents, g.withheld) for g in sheet.groups} == {
        ("PNS",): (2, "complementary"),
        ("PPPK",): (1, "anonymity"),
    }
    _check_hand_numbers(sheet)


def test_fingerprint_tells_selection_rules_and_template_changes_apart() -> None:
    from berakhlak_cli.scoring.compare.comparability import compare_summaries, rubric_summary

    base = RUBRIC.read_text(encoding="utf-8")
    changed = base.replace("  top: 2\n", "  top: 2\n  value_percent: votes\n").replace(
        "label: Positif}", "label: Positif sekali}"
    )
    old, new = (load_rubric_text(t) for t in (base, changed))
    found = {
        (d.aspect, d.detail) for d in compare_summaries(rubric_summary(old), rubric_summary(new))
    }
    assert found == {
        ("selection", "selection.value_percent"),
        ("template-reworded", "p1.text_sha256"),
    }
    likert = load_rubric(ROOT / "rubrics" / "kemenpanrb-2025.yaml")
    assert "kind" not in rubric_summary(likert)
    aspects = {d.aspect for d in compare_summaries(rubric_summary(likert), rubric_summary(old))}
    assert {"instrument", "kind", "selection", "template-added"} <= aspects


def load_rubric_text(text: str):  # type: ignore[no-untyped-def]
    parsed = read_rubric(text.encode("utf-8"))
    assert parsed.rubric is not None, parsed.problems
    return parsed.rubric


def test_slices_of_two_rows_give_the_same_sheet(
    list_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from berakhlak_cli.loaders.survey import selection as survey_selection

    whole, _ = score_selection(list_file, load_rubric(RUBRIC))
    monkeypatch.setattr(survey_selection, "SLICE_ROWS", 2)
    sliced, _ = score_selection(list_file, load_rubric(RUBRIC))
    assert sliced == whole


@pytest.mark.parametrize(
    ("args", "english", "indonesian"),
    [
        (
            ["--evidence", "bukti.csv"],
            "--evidence does not apply to a values-selection rubric",
            "--evidence tidak berlaku untuk rubrik pilihan nilai",
        ),
        (
            ["--level", "unit_kerja"],
            "--level does not apply to a values-selection rubric",
            "--level tidak berlaku untuk rubrik pilihan nilai",
        ),
        (
            ["-f", "xlsx", "-o", "hasil.xlsx"],
            "--format xlsx does not apply to a values-selection rubric",
            "--format xlsx tidak berlaku untuk rubrik pilihan nilai",
        ),
    ],
)
def test_options_that_do_not_apply_are_usage_errors(
    list_file: Path, tmp_path: Path, args: list[str], english: str, indonesian: str
) -> None:
    runner = CliRunner()
    base = ["score", str(list_file), "--rubric", str(RUBRIC)]
    args = [str(tmp_path / a) if "." in a else a for a in args]
    for lang, text in (("en", english), ("id", indonesian)):
        result = runner.invoke(app, [*base, *args, "--lang", lang])
        assert result.exit_code == 2
        assert text in result.output
    assert not (tmp_path / "hasil.xlsx").exists()


def test_a_missing_question_column_names_what_was_looked_for(tmp_path: Path) -> None:
    survey = tmp_path / "tanpa.csv"
    survey.write_text("unit_kerja,pribadi,harapan\nU,Positif,Positif\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(survey), "--rubric", str(RUBRIC)])
    assert result.exit_code == 2
    assert "tidak ada kolom untuk pertanyaan 'current' (dicari: 'saat_ini')" in result.output


@pytest.mark.parametrize(
    ("policy", "dropped"),
    [("keep_first", [3]), ("keep_last", [2]), ("reject", [2, 3])],
)
def test_repeated_respondent_ids_follow_the_duplicates_policy(
    tmp_path: Path, policy: str, dropped: list[int]
) -> None:
    from berakhlak_cli.model.rubric import DuplicatePolicy

    survey = tmp_path / "ganda.csv"
    survey.write_text(LIST_CSV.replace("\n2,Budi,", "\n 1 ,Budi,"), encoding="utf-8")
    rubric = load_rubric(RUBRIC)
    rubric = replace(rubric, quality=replace(rubric.quality, duplicates=DuplicatePolicy(policy)))
    sheet, _ = score_selection(survey, rubric)
    repeated = [i.row for i in sheet.issues if i.code == IssueCode.DUPLICATE_RESPONDENT]
    assert repeated == dropped
    assert sheet.institution.respondents == 3 - len(dropped)


def test_survey_check_points_a_values_selection_rubric_to_score(list_file: Path) -> None:
    result = CliRunner().invoke(app, ["survey", "check", str(list_file), "--rubric", str(RUBRIC)])
    assert result.exit_code == 2
    assert "rubrik pilihan nilai (kind: values_selection) diperiksa dengan menilainya" in (
        result.output
    )


def test_example_2022_file_holds_its_planted_cases() -> None:
    from berakhlak_cli.loaders.units.headcounts import load_units

    rubric = load_rubric(ROOT / "rubrics" / "act-2022.yaml")
    units = load_units(EXAMPLES / "units.csv", rubric)
    sheet, _ = score_selection(EXAMPLES / "survei-2022.csv", rubric, headcounts=units)
    found = sorted((i.code.value, i.row) for i in sheet.issues if i.row is not None)
    assert found == [("blank-respondent", 200), ("too-many-picks", 120), ("unknown-pick", 40)]
    below = [i.group for i in sheet.issues if i.code == IssueCode.BELOW_MINIMUM]
    assert below == ["Biro Pengadaan Barang dan Jasa"]
    assert sheet.read == 561
    # 561 rows, 2 excluded, 29 respondents of the unit below its minimum left out.
    assert sheet.institution.respondents == 561 - 2 - 29
