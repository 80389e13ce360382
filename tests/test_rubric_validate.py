"""``berakhlak rubric validate``: output formats, exit codes, and the embedded examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.api.rubric import validate_rubric
from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import default_rubric_path, read_rubric
from berakhlak_cli.model.rubric import ExampleExpectation, RubricExample
from berakhlak_cli.scoring.rubric_examples import check_example, score_example

CORPUS = Path(__file__).resolve().parent / "assets" / "rubrics"
GAP = CORPUS / "rubric.band-gap.yaml"
SYNTAX = CORPUS / "rubric.yaml-syntax.yaml"
SHIPPED = default_rubric_path()


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin the English text (BERAKHLAK_LANG=en, as --lang en)."""
    monkeypatch.setenv("BERAKHLAK_LANG", "en")


def test_text_is_indonesian_by_default(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 item 7: the text lines and the summary in Bahasa Indonesia; JSON stays English."""
    monkeypatch.delenv("BERAKHLAK_LANG")
    result = runner.invoke(app, ["rubric", "validate", str(GAP)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{GAP}:40:29: band-gap nilai dalam [74.9, 75) jatuh di antara kategori 'B' dan 'A'; "
        "kategori bersifat setengah terbuka [min, max), jadi tulis 'B' max: 75 (di bands[0].min)\n"
    )
    assert result.stderr == "1 berkas rubrik diperiksa: 0 sah, 1 bermasalah (1 masalah)\n"
    english = runner.invoke(app, ["rubric", "validate", "--lang", "en", str(GAP)])
    assert "fall between bands 'B' and 'A'" in english.stdout
    doc = json.loads(runner.invoke(app, ["rubric", "validate", "-f", "json", str(GAP)]).stdout)
    assert "fall between bands" in doc["files"][0]["problems"][0]["message"]


def test_shipped_rubric_is_valid_and_its_examples_pass(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "validate", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "1 rubric file checked: all valid; 4 examples passed\n"


def test_no_file_validates_the_shipped_rubric(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "validate"])
    assert result.exit_code == 0
    assert "4 examples passed" in result.stderr


def test_text_lists_every_problem_of_every_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "validate", str(GAP), str(SHIPPED), str(SYNTAX)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{GAP}:40:29: band-gap scores in [74.9, 75) fall between bands 'B' and 'A'; bands are "
        "half-open [min, max), so write 'B' max: 75 (at bands[0].min)\n"
        f"{SYNTAX}:15:42: yaml-syntax while parsing a flow sequence, did not find expected ',' "
        "or ']'\n"
    )
    assert result.stderr == "3 rubric files checked: 1 valid, 2 with 2 problems\n"


def test_github_annotations(runner: CliRunner, tmp_path: Path) -> None:
    # A comma and a colon in the file name must be escaped in the property (%2C, %3A).
    odd = tmp_path / "a,b:c.yaml"
    odd.write_bytes((CORPUS / "rubric.unknown-key.yaml").read_bytes())
    result = runner.invoke(app, ["rubric", "validate", "--format", "github", str(odd)])
    assert result.exit_code == 1
    escaped = str(odd).replace(",", "%2C").replace(":", "%3A")
    assert result.stdout == (
        f"::error file={escaped},line=31,col=5,title=unknown-key::unknown key 'wieght' "
        "(did you mean 'weight'?) (at values[1].wieght)\n"
    )


def test_json_document(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "validate", "-f", "json", str(SHIPPED), str(GAP)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["format"] == "berakhlak-rubric-validation"
    assert doc["format_version"] == 1
    assert doc["valid"] is False
    assert doc["problem_count"] == 1
    shipped, gap = doc["files"]
    assert shipped == {"file": str(SHIPPED), "valid": True, "examples": 4, "problems": []}
    assert gap["valid"] is False
    assert gap["problems"][0] == {
        "code": "band-gap",
        "message": "scores in [74.9, 75) fall between bands 'B' and 'A'; bands are half-open "
        "[min, max), so write 'B' max: 75",
        "path": "bands[0].min",
        "line": 40,
        "column": 29,
    }


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["rubric", "validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr
    bad_option = runner.invoke(app, ["rubric", "validate", "--format", "xml", str(SHIPPED)])
    assert bad_option.exit_code == 2
    folder = runner.invoke(app, ["rubric", "validate", str(tmp_path)])
    assert folder.exit_code == 2


def test_changed_weights_fail_the_examples(tmp_path: Path) -> None:
    # Doubling Berorientasi Pelayanan's weight: the mixed example's index becomes
    # (62.5*2 + 62.5*4 + 75 + 68.75) / 8 = 518.75 / 8 = 64.84375 instead of 65.178571, and the
    # partial example's (87.5*2 + 75*6) / 8 = 78.125 instead of 76.785714 (still band A).
    text = SHIPPED.read_text(encoding="utf-8").replace("    weight: 1\n", "    weight: 2\n", 1)
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    report = validate_rubric(changed)
    messages = [(p.code, p.path, p.message) for p in report.problems]
    assert messages == [
        (
            "example-mismatch",
            "examples[1].expect.index",
            "example 'campuran-dua-responden': index is 64.8438, expected 65.1786 (tolerance 0.01)",
        ),
        (
            "example-mismatch",
            "examples[2].expect.index",
            "example 'jawaban-sebagian-dan-kosong': index is 78.1250, expected 76.7857 "
            "(tolerance 0.01)",
        ),
    ]
    lines = text.splitlines()
    assert all(lines[p.line - 1].strip().startswith("index:") for p in report.problems if p.line)


def _shipped():  # type: ignore[no-untyped-def]
    rubric = read_rubric(SHIPPED.read_bytes()).rubric
    assert rubric is not None
    return rubric


def test_reverse_keyed_example_is_scored_by_the_real_scorer() -> None:
    import dataclasses

    rubric = _shipped()
    value = rubric.values[0]
    beh = value.behaviours[0]
    flipped = dataclasses.replace(beh.items[0], reverse=True)
    rubric = dataclasses.replace(
        rubric,
        values=(
            dataclasses.replace(
                value,
                behaviours=(dataclasses.replace(beh, items=(flipped,)), *value.behaviours[1:]),
            ),
            *rubric.values[1:],
        ),
    )
    # bp1 reverse-keyed: an answer 2 counts as 5 + 1 - 2 = 4 -> 75; bp2 5 -> 100; bp3 "STS" -> 0.
    # BP = (75 + 100 + 0) / 3 = 58.333333; no other value answered.
    example = RubricExample(
        name="terbalik",
        respondents=({"bp1": "2", "bp2": "5", "bp3": "STS"},),
        expect=ExampleExpectation(values={"berorientasi_pelayanan": 58.333333}, respondents=1),
    )
    group, answer_problems = score_example(rubric, example)
    assert answer_problems == []
    assert group is not None
    assert group.index is None  # require_all_values: six values have no score
    assert check_example(rubric, example) == []


def test_small_examples_are_not_withheld_but_screens_apply() -> None:
    import dataclasses

    from berakhlak_cli.model.rubric import Quality, StraightLiningPolicy

    rubric = dataclasses.replace(
        _shipped(), quality=Quality(straight_lining=StraightLiningPolicy.EXCLUDE)
    )
    all_fives = rubric.examples[0]
    findings = check_example(rubric, all_fives)
    # Excluding straight-liners removes the only respondent: a real behaviour change, caught.
    assert [f.key for f in findings] == [
        "expect.respondents",
        "expect.values.berorientasi_pelayanan",
        "expect.values.adaptif",
        "expect.index",
        "expect.band",
    ]
    assert findings[0].message == "0 respondents were scored, expected 1"


def test_evidence_example_catches_changed_weights_and_bad_answers(tmp_path: Path) -> None:
    # 50/50 instead of 80/20: combined = 0.5 * 75 + 0.5 * 67.5 = 71.25 (expected 73.5), still B.
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace("survey: 0.8, evaluation: 0.2", "survey: 0.5, evaluation: 0.5")
    text = text.replace("SA.1: Ada, ME.1: 80", "SA.1: Adaa, ME.1: 80")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    found = [(p.code, p.path, p.message) for p in validate_rubric(changed).problems]
    # "Adaa" is not an answer, so SA.1 counts 0: evidence = (405 - 100) / 6 = 50.833333 and
    # combined = 0.5 * 75 + 0.5 * 50.833333 = 62.916667.
    assert found == [
        (
            "example-answer",
            "examples[3].evidence.SA.1",
            "example 'dengan-bukti-dukung': answer 'Adaa' is not valid for 'SA.1' (valid: Ada / "
            "Sebagian / Tidak Ada); counted as not provided",
        ),
        (
            "example-mismatch",
            "examples[3].expect.evidence",
            "example 'dengan-bukti-dukung': evidence score is 50.8333, expected 67.5 "
            "(tolerance 0.01)",
        ),
        (
            "example-mismatch",
            "examples[3].expect.combined",
            "example 'dengan-bukti-dukung': combined score is 62.9167, expected 73.5 "
            "(tolerance 0.01)",
        ),
    ]


def test_evidence_expectation_needs_an_evaluation(tmp_path: Path) -> None:
    text = (CORPUS / "rubric.valid.yaml").read_text(encoding="utf-8")
    text = text[: text.index("evaluation:")] + (
        "examples:\n"
        "  - name: tanpa-evaluasi\n"
        "    respondents: [{ak1: 5, ad1: 5}]\n"
        "    expect: {index: 100, combined: 100}\n"
    )
    path = tmp_path / "no-evaluation.yaml"
    path.write_text(text, encoding="utf-8")
    found = [(p.code, p.path, p.line) for p in validate_rubric(path).problems]
    assert found == [("undefined-reference", "examples[0].expect.combined", 52)]


def test_single_unquoted_label_and_percentage_weights(tmp_path: Path) -> None:
    text = (CORPUS / "rubric.valid.yaml").read_text(encoding="utf-8")
    text = text.replace('labels: ["Sangat Setuju", "SS"]', "labels: Yes")
    text = text.replace("survey: 0.8, evaluation: 0.2", "survey: 80, evaluation: 20")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    found = [(p.code, p.line, p.message) for p in validate_rubric(path).problems]
    assert found == [
        ("unquoted-scalar", 16, "'Yes' was read as a boolean; quote it: \"Yes\""),
        (
            "weights-sum",
            50,
            "survey (80) and evaluation (20) weights must be non-negative and sum to 1 (they sum "
            "to 100); write shares such as 0.8 and 0.2, not percentages",
        ),
    ]


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        # YAML reads yes/true as True and Python counts True as 1: never taken for format 1.
        ("yes", "wrong-type", "'format' must be a whole number"),
        ("true", "wrong-type", "'format' must be a whole number"),
        ("1.0", "bad-format", "format 1.0 is not supported (this tool reads 1)"),
    ],
)
def test_format_must_be_the_integer_one(
    tmp_path: Path, runner: CliRunner, written: str, code: str, message: str
) -> None:
    text = (CORPUS / "rubric.valid.yaml").read_text(encoding="utf-8")
    assert "\nformat: 1\n" in text
    path = tmp_path / "f.yaml"
    path.write_text(text.replace("\nformat: 1\n", f"\nformat: {written}\n"), encoding="utf-8")
    found = [(p.code, p.message) for p in validate_rubric(path).problems]
    assert found == [(code, message)]
    result = runner.invoke(app, ["rubric", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{code} {message}" in result.stdout
