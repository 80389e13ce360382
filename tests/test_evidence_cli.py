"""``berakhlak score --evidence`` on the shipped example, and ``berakhlak evidence template``."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from tests.conftest import EXAMPLES

INDONESIAN_DEFAULT = ("test_template_refuses_other_file_types_and_inputs",)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """These tests pin the English messages of loaders (the Indonesian ones: tests/robustness),
    except those that pin the CLI's own Indonesian default."""
    if request.node.originalname not in INDONESIAN_DEFAULT:
        monkeypatch.setenv("BERAKHLAK_LANG", "en")


SURVEY = EXAMPLES / "survei-2024.csv"
UNITS = EXAMPLES / "units.csv"
CHECKLIST = EXAMPLES / "bukti-dukung-2024.csv"
BUKTI = EXAMPLES / "bukti"
EVIDENCE_ARGS = ["--evidence", str(CHECKLIST), "--evidence-dir", str(BUKTI), "--units", str(UNITS)]


def score_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["score", str(SURVEY), "-f", "json", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def by_unit(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["key"]["unit_kerja"]: g for g in doc["groups"]}


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return score_json(CliRunner(), *EVIDENCE_ARGS)


def test_hand_computed_evidence_scores(example: dict[str, Any]) -> None:
    units = by_unit(example)
    # Biro Hukum: KP (Ya 100 + A 100)/2 = 100; AP (Ya 100 + Ada 100)/2 = 100;
    # IN (B 66.67 + Sebagian 50)/2 = 58.335; RS (Ya + Ya) = 100; SA Ada = 100; ME 85
    # -> (100 + 100 + 58.335 + 100 + 100 + 85) / 6 = 543.335 / 6 = 90.5558333 -> 90.6
    hukum = units["Biro Hukum"]
    assert hukum["evidence"]["raw"] == pytest.approx(90.5558333)
    assert hukum["evidence"]["rounded"] == 90.6
    assert hukum["evidence"]["missing"] == []
    # combined = 0.8 * survey index + 0.2 * 90.5558333 (survey 76.68...) -> 79.5 A
    expected = 0.8 * hukum["index"]["raw"] + 0.2 * hukum["evidence"]["raw"]
    assert hukum["combined"]["raw"] == pytest.approx(expected)
    assert (hukum["combined"]["rounded"], hukum["combined"]["band"]) == (79.5, "A")
    # Biro Kesejahteraan Rakyat skipped RS.2 and ME.1 (0 each):
    # KP (100 + C 33.33)/2 = 66.665; AP (100 + 50)/2 = 75; IN (66.67 + 100)/2 = 83.335;
    # RS (100 + 0)/2 = 50; SA Sebagian 50; ME 0 -> 325 / 6 = 54.1666667 -> 54.2
    kesra = units["Biro Kesejahteraan Rakyat"]
    assert kesra["evidence"]["raw"] == pytest.approx(54.1666667)
    assert kesra["evidence"]["missing"] == ["RS.2", "ME.1"]
    assert kesra["evidence"]["provided"] == 8 and kesra["evidence"]["expected"] == 10
    assert (kesra["combined"]["rounded"], kesra["combined"]["band"]) == (72.2, "B")


def test_unit_without_evidence_scores_0_and_is_flagged(example: dict[str, Any]) -> None:
    perekonomian = by_unit(example)["Biro Perekonomian"]
    assert perekonomian["evidence"]["rounded"] == 0.0
    assert perekonomian["evidence"]["no_evidence"] is True
    assert perekonomian["flags"] == ["no-evidence"]
    # 0.8 * 74.3003342 = 59.4402673 -> 59.4 B (the survey index alone was 74.3 B)
    assert perekonomian["combined"]["rounded"] == 59.4


def test_withheld_unit_stays_withheld(example: dict[str, Any]) -> None:
    pbj = by_unit(example)["Biro Pengadaan Barang dan Jasa"]
    assert pbj["withheld"] == "anonymity"
    assert not {"index", "evidence", "combined", "values"} & set(pbj)
    gap = next(g for g in example["gaps"] if g["key"]["unit_kerja"] == pbj["key"]["unit_kerja"])
    assert gap["evidence"] is None and gap["combined"] is None and gap["to_next_band"] is None
    assert len(gap["items"]) == 7


def test_institution_row(example: dict[str, Any]) -> None:
    inst = example["institution"]
    # Mean over the 7 units in the institution row (not Pengadaan or Umum, below minimum):
    # (76.38917 + 85.55583 + 90.55583 + 54.16667 + 98.66667 + 72.77833 + 0) / 7
    # = 478.1125 / 7 = 68.3017857
    assert inst["evidence"]["raw"] == pytest.approx(68.3017857)
    expected = 0.8 * inst["index"]["raw"] + 0.2 * inst["evidence"]["raw"]
    assert inst["combined"]["raw"] == pytest.approx(expected)
    assert (inst["combined"]["rounded"], inst["combined"]["band"]) == (75.3, "A")


def test_gaps_and_issues(example: dict[str, Any]) -> None:
    gaps = {g["key"]["unit_kerja"]: g for g in example["gaps"]}
    kesra = gaps["Biro Kesejahteraan Rakyat"]
    # 72.2 -> A at 75.0: 2.8 points; ME.1 (missing) is worth 0.2 * 1/6 * 100 = 3.333
    assert (kesra["next_band"], kesra["to_next_band"]) == ("A", 2.8)
    assert kesra["items"][0]["evidence_id"] == "ME.1"
    assert kesra["items"][0]["points"] == pytest.approx(10 / 3)
    assert gaps["Biro Organisasi"]["items"] == [
        # ME.1 = 92: 0.2 * 1/6 * (100 - 92) = 0.2667
        {
            "evidence_id": "ME.1",
            "criterion": "ME",
            "provided": True,
            "answer": "92",
            "row": 59,
            "score": 92.0,
            "points": pytest.approx(0.8 / 3),
        }
    ]
    evidence = [
        (i["code"], i["row"], i["column"], i["group"], i["value"])
        for i in example["issues"]["items"]
        if i["source"] == "evidence"
    ]
    assert evidence == [
        (
            "document-missing",
            69,
            "document",
            "Biro Umum",
            "biro-umum/laporan-monev-budaya-kerja-2024.pdf",
        ),
        ("evidence-not-provided", None, None, "Biro Kesejahteraan Rakyat", "ME.1"),
        ("evidence-not-provided", None, None, "Biro Kesejahteraan Rakyat", "RS.2"),
        ("no-evidence", None, None, "Biro Perekonomian", None),
    ]
    assert [i["role"] for i in example["inputs"]] == ["rubric", "survey", "units", "evidence"]


def test_terminal_markdown_and_csv_gap_reports(runner: CliRunner) -> None:
    table = runner.invoke(app, ["score", str(SURVEY), *EVIDENCE_ARGS, "--gaps"])
    assert table.exit_code == 0, table.output
    assert "Kekurangan bukti dukung" in table.stdout and "+2,8 → A" in table.stdout
    assert "Bukti dukung" in table.stdout and "Gabungan" in table.stdout
    plain = runner.invoke(app, ["score", str(SURVEY), *EVIDENCE_ARGS])
    assert "Kekurangan bukti dukung" not in plain.stdout and "Indeks gabungan" in plain.stdout
    md = runner.invoke(app, ["score", str(SURVEY), *EVIDENCE_ARGS, "--gaps", "-f", "markdown"])
    assert "### Kekurangan bukti dukung" in md.stdout
    assert "| Biro Kesejahteraan Rakyat | 72,2 | +2,8 → A | ME.1 | (tidak ada) | 0,0 | 3,33 |" in (
        md.stdout
    )
    flat = runner.invoke(app, ["score", str(SURVEY), *EVIDENCE_ARGS, "--gaps", "-f", "csv"])
    rows = list(csv.DictReader(flat.stdout.splitlines()))
    kesra = [r for r in rows if r["unit_kerja"] == "Biro Kesejahteraan Rakyat"]
    assert [r["evidence_id"] for r in kesra] == ["ME.1", "RS.2", "SA.1", "KP.2", "AP.2", "IN.1"]
    assert kesra[0]["to_next_band"] == "2.8" and kesra[0]["provided"] == "false"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gaps"], "--gaps needs --evidence FILE"),
        (["--evidence", str(CHECKLIST), "--by", "jenis_asn"], "group by the unit column"),
        (["--evidence", "nope.csv"], "nope.csv: file not found"),
        (["--evidence", str(CHECKLIST), "--evidence-dir", "nope"], "evidence folder not found"),
    ],
)
def test_usage_and_input_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_fails_on_evidence_issues(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SURVEY), *EVIDENCE_ARGS, "--strict"])
    assert result.exit_code == 1


# -- the template, filled and scored -----------------------------------------------------------

# Biro Hukum answers every item with the second option, everyone else with the first:
# first: Ya 100, A 100, Ada 100, ME.1 "80" -> (100*5 + 80) / 6 = 96.6667
# Biro Hukum: KP (Tidak 0 + B 66.67)/2 = 33.335; AP (Tidak 0 + Sebagian 50)/2 = 25;
# IN (B 66.67 + Sebagian 50)/2 = 58.335; RS 0; SA Sebagian 50; ME.1 "50" 50
# -> 216.67 / 6 = 36.1116667
FIRST, HUKUM = 96.6666667, 36.1116667


def answer_for(unit: str, valid: str) -> str:
    options = valid.split(" / ")
    if options == ["0-100"]:
        return "50" if unit == "Biro Hukum" else "80"
    return options[1] if unit == "Biro Hukum" else options[0]


def check_filled(runner: CliRunner, checklist: Path) -> None:
    doc = score_json(runner, "--evidence", str(checklist), "--units", str(UNITS))
    units = by_unit(doc)
    assert units["Biro Hukum"]["evidence"]["raw"] == pytest.approx(HUKUM)
    assert units["Biro Organisasi"]["evidence"]["raw"] == pytest.approx(FIRST)
    assert [i for i in doc["issues"]["items"] if i["source"] == "evidence"] == []


def test_template_round_trip_csv(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "checklist.csv"
    result = runner.invoke(app, ["evidence", "template", "--units", str(UNITS), "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "90 baris (9 unit x 10 butir bukti dukung)" in result.stderr
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 90
    assert list(rows[0]) == [
        "unit_kerja",
        "kriteria",
        "kode_bukti",
        "persyaratan",
        "dokumen_diharapkan",
        "pilihan_jawaban",
        "jawaban",
        "dokumen",
        "catatan",
    ]
    assert rows[0]["kode_bukti"] == "KP.1" and rows[0]["pilihan_jawaban"] == "Ya / Tidak"
    for row in rows:
        row["jawaban"] = answer_for(row["unit_kerja"], row["pilihan_jawaban"])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    check_filled(runner, path)


def test_template_round_trip_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "checklist.xlsx"
    args = ["evidence", "template", "--units", str(UNITS), "-o", str(path), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert (sheet.title, sheet.freeze_panes) == ("Evidence", "B2")
    assert book.worksheets[1].sheet_state == "hidden"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["unit", "criterion", "evidence_id"]
    # Every answer cell (column G, rows 2-91) has exactly one drop-down or number check.
    covered = sorted(
        cell for check in sheet.data_validations.dataValidation for cell in _cells(check)
    )
    assert covered == sorted(f"G{r}" for r in range(2, 92))
    for row in sheet.iter_rows(min_row=2):
        unit, valid = row[0].value, row[5].value
        answer = answer_for(str(unit), str(valid))
        row[6].value = float(answer) if answer.isdigit() else answer
    book.save(path)
    check_filled(runner, path)


def _cells(check: Any) -> list[str]:
    from openpyxl.utils import get_column_letter

    out: list[str] = []
    for rng in check.sqref.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out.append(f"{get_column_letter(c)}{r}")
    return out


def test_template_refuses_other_file_types_and_inputs(runner: CliRunner, tmp_path: Path) -> None:
    bad = runner.invoke(
        app, ["evidence", "template", "--units", str(UNITS), "-o", str(tmp_path / "x.txt")]
    )
    assert bad.exit_code == 2
    assert "beri nama daftar periksa berakhiran .xlsx atau .csv" in bad.stderr
    clobber = runner.invoke(app, ["evidence", "template", "--units", str(UNITS), "-o", str(UNITS)])
    assert clobber.exit_code == 2 and "tidak akan menimpa berkas masukan" in clobber.stderr
