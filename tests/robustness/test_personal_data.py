"""Personal data (NIP, names) never leaves the tool: not in any output, listing or message."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.model.personal_data import (
    looks_personal,
    mask_personal,
    quote_answer,
    quote_cell,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
SURVEY, UNITS = EXAMPLE / "survei-2024.csv", EXAMPLE / "units.csv"
EVIDENCE = EXAMPLE / "bukti-dukung-2024.csv"


def _people(path: Path) -> tuple[set[str], set[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["nip"] for r in rows if r["nip"]}, {r["nama"] for r in rows if r["nama"]}


NIPS, NAMES = _people(SURVEY)


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def _assert_clean(text: str) -> None:
    leaked = sorted(n for n in NIPS if n in text) + sorted(n for n in NAMES if n in text)
    assert not leaked, f"personal data in output: {leaked[:5]}"


def _has_command(name: str) -> bool:
    from typer.main import get_command

    return name in get_command(app).commands  # type: ignore[attr-defined]


def test_the_example_really_holds_personal_data() -> None:
    assert len(NIPS) > 500 and len(NAMES) > 300
    assert "Yudi Pratama" in NAMES and "197908112024091708" in NIPS


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_no_personal_data_in_any_format(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    out, issues = tmp_path / f"out.{fmt}", tmp_path / "issues.csv"
    args = ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt, "-o", str(out)]
    if _has_command("evidence"):
        args += ["--evidence", str(EVIDENCE), "--evidence-dir", str(EXAMPLE / "bukti")]
    result = runner.invoke(app, [*args, "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    _assert_clean(result.stdout + result.stderr + _text_of(out) + _text_of(issues))
    assert "duplicate-respondent" in issues.read_text(encoding="utf-8")
    if fmt != OutputFormat.XLSX:
        shown = runner.invoke(app, ["score", str(SURVEY), "--units", str(UNITS), "-f", fmt])
        _assert_clean(shown.stdout + shown.stderr)


@pytest.mark.parametrize("by", [["unit_kerja", "jenis_asn"], ["jabatan"]])
def test_no_personal_data_in_breakdowns(by: list[str], runner: CliRunner) -> None:
    args = [a for b in by for a in ("--by", b)]
    result = runner.invoke(app, ["score", str(SURVEY), *args, "-f", "json"])
    assert result.exit_code == 0
    _assert_clean(result.stdout + result.stderr)


def test_no_personal_data_in_the_html_report(runner: CliRunner, tmp_path: Path) -> None:
    if not _has_command("report"):
        pytest.skip("the report command is not registered yet")
    scored = tmp_path / "hasil-2024.json"
    result = runner.invoke(
        app, ["score", str(SURVEY), "--units", str(UNITS), "-f", "json", "-o", str(scored)]
    )
    assert result.exit_code == 0
    page = tmp_path / "report.html"
    published = EXAMPLE / "hasil-2022-published.yaml"
    report = runner.invoke(app, ["report", str(published), str(scored), "-o", str(page)])
    assert report.exit_code == 0, report.stderr
    _assert_clean(report.stdout + report.stderr + page.read_text(encoding="utf-8"))


def _variant(tmp_path: Path, edit: str) -> Path:
    lines = SURVEY.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    if edit == "ragged":
        lines[1] = ",".join(fields[:-1])
    elif edit == "unbalanced":
        fields[2] = '"' + fields[2]
        lines[1] = ",".join(fields)
    elif edit == "merged":
        fields[2] = '"' + fields[2]
        lines[1] = ",".join(fields)
        later = lines[3].split(",")
        later[2] += '"'
        lines[3] = ",".join(later)
    elif edit == "nip-in-answer":
        fields[8] = fields[1]
        lines[1] = ",".join(fields)
    path = tmp_path / f"survey.{edit}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("edit", ["ragged", "unbalanced", "merged", "nip-in-answer"])
def test_no_personal_data_in_error_messages(edit: str, runner: CliRunner, tmp_path: Path) -> None:
    """Row 2 holds Yudi Pratama's NIP and name; breaking that row must not quote them."""
    path = _variant(tmp_path, edit)
    issues = tmp_path / "issues.csv"
    result = runner.invoke(app, ["score", str(path), "-f", "json", "--issues", str(issues)])
    assert result.exit_code == (0 if edit == "nip-in-answer" else 2), result.stderr
    text = result.stdout + result.stderr + (_text_of(issues) if issues.exists() else "")
    _assert_clean(text)
    if edit == "nip-in-answer":
        assert "'[18 digits]' is outside the scale 1-5" in text


LIKERT = ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju", "S")


def test_quoted_answers_are_short_and_mask_long_numbers() -> None:
    assert quote_answer("Setju", LIKERT) == "Setju"
    assert quote_answer("197908112024091708", LIKERT) == "[18 digits]"
    assert quote_cell("NIK 6201234567890001 x") == "NIK [16 digits] x"
    assert quote_answer("1234567", LIKERT) == "1234567"
    assert quote_cell("a" * 100) == "a" * 39 + "…"


# Issue 13 item 2: personal data typed into a grouping or answer column (fake values planted by
# tests/assets/surveys/generate.py). None of them, in any spelling, may reach any output.
SURVEYS = ROOT / "tests" / "assets" / "surveys"
PLANTED = (
    "197908112024091708",
    "19850510 200501 1 002",
    "198505102005011002",
    "budi.santoso",
    "example.go.id",
    "0812-3456-7890",
    "081234567890",
    "+62 812 3456 7890",
    "6281234567890",
    "Budi Santoso",
)
PLANTED_RUNS = {
    "survey.pii-in-unit.csv": [],
    "survey.pii-in-attribute.csv": ["--by", "unit_kerja", "--by", "jenis_asn"],
    "survey.pii-in-answers.csv": [],
}


def _assert_no_plant(text: str) -> None:
    leaked = [p for p in PLANTED if p in text]
    assert not leaked, f"planted personal data in output: {leaked}"


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
@pytest.mark.parametrize("name", list(PLANTED_RUNS))
def test_planted_personal_data_reaches_no_format(
    name: str, fmt: str, runner: CliRunner, tmp_path: Path
) -> None:
    out, issues = tmp_path / f"out.{fmt}", tmp_path / "issues.csv"
    args = ["score", str(SURVEYS / name), *PLANTED_RUNS[name], "-f", fmt]
    result = runner.invoke(app, [*args, "-o", str(out), "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    _assert_no_plant(result.stdout + result.stderr + _text_of(out) + _text_of(issues))
    if fmt != OutputFormat.XLSX:
        shown = runner.invoke(app, [*args, "--lang", "en"])
        assert shown.exit_code == 0
        _assert_no_plant(shown.stdout + shown.stderr)


def test_planted_personal_data_reaches_no_comparison_or_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    years = {"2023": "survey.pii-in-answers.csv", "2024": "survey.pii-in-unit.csv"}
    scored = []
    for year, name in years.items():
        path = tmp_path / f"hasil-{year}.json"
        result = runner.invoke(app, ["score", str(SURVEYS / name), "-f", "json", "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        scored.append(str(path))
    for fmt in ("table", "json", "csv", "markdown", "html", "xlsx"):
        out = tmp_path / f"compare.{fmt}"
        result = runner.invoke(app, ["compare", *scored, "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        _assert_no_plant(result.stdout + result.stderr + _text_of(out))
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *scored, "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    _assert_no_plant(result.stdout + result.stderr + page.read_text(encoding="utf-8"))


def test_planted_values_are_quoted_masked(runner: CliRunner, tmp_path: Path) -> None:
    """The exact quotes: digit runs and phones masked, free text described by its length."""
    out = tmp_path / "out.json"
    path = SURVEYS / "survey.pii-in-answers.csv"
    result = runner.invoke(app, ["score", str(path), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    quoted = [(i["row"], i["value"]) for i in doc["issues"]["items"] if i["row"]]
    assert quoted == [
        (3, "[text, 26 characters]"),
        (4, "[text, 27 characters]"),
        (5, "[18 digits]"),
        (6, "[phone number]"),
        (7, "[18 digits]"),
        (8, "Setju"),
    ]
    assert "jawaban '[phone number]' bukan label/angka skala" in result.stderr


def test_a_personal_label_is_excluded_not_published(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    path = SURVEYS / "survey.pii-in-unit.csv"
    result = runner.invoke(app, ["score", str(path), "-f", "json", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["rows"] == {"read": 12, "scored": 9, "excluded": {"personal-data-label": 3}}
    assert [g["respondents"] for g in doc["groups"]] == [5, 4]
    first = next(i for i in doc["issues"]["items"] if i["code"] == "personal-data-label")
    expected = {
        "row": 2,
        "column": "unit_kerja",
        "value": "[18 digits]",
        "excluded": True,
        "message": "row excluded: the grouping cell looks like personal data (NIP); it is not "
        "published as a group label",
    }
    assert {k: first[k] for k in expected} == expected


def test_a_personal_attribute_cell_keeps_the_institution_row(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A ``--by`` cell that looks personal is published in no group, but its row stays in the
    institution row, as a blank cell does: every breakdown publishes the same institution row
    (issue 18), so no subtraction of two runs isolates those respondents."""
    path = SURVEYS / "survey.pii-in-attribute.csv"
    docs = {}
    for name, by in {"plain": [], "by": ["--by", "jenis_asn"]}.items():
        out = tmp_path / f"{name}.json"
        args = ["score", str(path), *by, "-f", "json", "-o", str(out), "--lang", "en"]
        assert runner.invoke(app, args).exit_code == 0
        docs[name] = json.loads(out.read_text(encoding="utf-8"))
    plain, by = docs["plain"]["institution"], docs["by"]["institution"]
    assert by["respondents"] == plain["respondents"] == 12
    assert by["index"] == plain["index"]
    flagged = [i for i in docs["by"]["issues"]["items"] if i["code"] == "personal-data-label"]
    assert [(i["row"], i["excluded"]) for i in flagged] == [(3, False), (10, False)]
    assert docs["by"]["rows"]["excluded"] == {}
    published = sum(g["respondents"] for g in docs["by"]["groups"])
    assert published == 10


def test_units_and_units_map_errors_mask_cells(runner: CliRunner, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(
        "unit_kerja,headcount\nbudi.santoso@example.go.id,8\nBudi.Santoso@example.go.id,9\n",
        encoding="utf-8",
    )
    survey = SURVEYS / "survey.bom.csv"
    result = runner.invoke(app, ["score", str(survey), "--units", str(units), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {units}: row 2: column 'unit_kerja': unit '[e-mail]' looks like personal data "
        "(e-mail), not a unit name"
    )
    mapping = tmp_path / "units-map.csv"
    mapping.write_text(
        "from,to\n197908112024091708,Biro Hukum\n1979 0811 2024 0917 08,Biro Umum\n"
        "197908112024091708,Biro Umum\n",
        encoding="utf-8",
    )
    scored = []
    for year in ("2023", "2024"):
        path = tmp_path / f"hasil-{year}.json"
        runner.invoke(app, ["score", str(survey), "-f", "json", "-o", str(path)])
        scored.append(str(path))
    result = runner.invoke(app, ["compare", *scored, "--units-map", str(mapping), "--lang", "en"])
    assert result.exit_code == 2
    assert "197908112024091708" not in result.stderr
    assert "unit '[18 digits]' is already mapped on row 2" in result.stderr


@pytest.mark.parametrize(
    ("text", "masked", "kind"),
    [
        ("Budi Santoso 0812-3456-7890", "Budi Santoso [phone number]", "phone number"),
        ("19850510 200501 1 002", "[18 digits]", "NIP"),
        ("1985\u200b0510\u200b200501\u200b1\u200b002", "[18 digits]", "NIP"),
        (
            "\uff11\uff19\uff18\uff15\uff10\uff15\uff11\uff10" * 2 + "\uff11\uff10",
            "[18 digits]",
            "NIP",
        ),
        ("NIK 6201234567890001", "NIK [16 digits]", "NIK"),
        ("+62 812 3456 7890", "[phone number]", "phone number"),
        ("62 812-3456-7890", "[phone number]", "phone number"),
        ("0812.3456.7890", "[phone number]", "phone number"),
        ("(0536) 322-1234", "[phone number]", "phone number"),
        ("surel: budi.santoso@example.go.id", "surel: [e-mail]", "e-mail"),
        ("budi\uff20example\uff0ecom", "[e-mail]", "e-mail"),
        ("12345678", "[8 digits]", "long number"),
        ("Biro Hukum", "Biro Hukum", None),
        ("Renstra 2020-2024", "Renstra 2020-2024", None),
        ("08-07-2024", "08-07-2024", None),
        ("1234567", "1234567", None),
        ("[18 digits]", "[18 digits]", None),
    ],
)
def test_the_detector(text: str, masked: str, kind: str | None) -> None:
    assert mask_personal(text) == masked
    assert looks_personal(text) == kind


@pytest.mark.parametrize(
    ("answer", "quoted"),
    [
        ("Setju", "Setju"),
        ("<b>Setuju</b>", "<b>Setuju</b>"),
        ("3,5", "3,5"),
        ("@SUM(A1:A2)", "@SUM(A1:A2)"),
        ("Sangat Stuju", "Sangat Stuju"),
        ("Siti Aminah", "[text, 11 characters]"),
        ("budi.santoso@example.go.id", "[text, 26 characters]"),
        ("ab@cd.ef", "[e-mail]"),
    ],
)
def test_answers_are_quoted_only_when_they_could_be_a_mistyped_answer(
    answer: str, quoted: str
) -> None:
    """A name cannot be detected; free text in an answer cell is described by its length."""
    assert quote_answer(answer, LIKERT) == quoted


def test_a_file_without_header_row_is_listed_masked(runner: CliRunner, tmp_path: Path) -> None:
    """Without a header row, the first entry is 'the header' that error messages list."""
    survey = SURVEYS / "survey.bom.csv"
    units = tmp_path / "units.csv"
    units.write_text("Biro Hukum,081234567890\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(survey), "--units", str(units), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("found Biro Hukum, [phone number]")
    checklist = tmp_path / "bukti.csv"
    checklist.write_text("Biro Hukum,E1,Ya,bukti/ktp-6201234567890001.pdf\n", encoding="utf-8")
    args = ["score", str(survey), "--evidence", str(checklist), "--evidence-dir", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "6201234567890001" not in result.stderr
    assert "'bukti/ktp-[16 digits].pdf'" in result.stderr


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_planted_evidence_cells_reach_no_format(
    fmt: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Evidence issues and the gap report quote unit, answer and document cells masked."""
    out, issues = tmp_path / f"out.{fmt}", tmp_path / "issues.csv"
    evidence = ROOT / "tests" / "assets" / "evidence"
    args = ["score", str(SURVEYS / "survey.bom.csv"), "--evidence"]
    args += [str(evidence / "evidence.pii-in-cells.csv"), "--evidence-dir", str(evidence / "bukti")]
    result = runner.invoke(
        app, [*args, "--gaps", "-f", fmt, "-o", str(out), "--issues", str(issues)]
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout + result.stderr + _text_of(out) + _text_of(issues)
    _assert_no_plant(text)
    assert "biro-umum/ktp-[18 digits].pdf" in _text_of(issues)
    assert "unit '[e-mail]' is not in the survey" in _text_of(issues)
