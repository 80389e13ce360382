"""``rubric show`` (the weighted tree) and ``rubric diff`` (comparability differences)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import default_rubric_path

CORPUS = Path(__file__).resolve().parent / "assets" / "rubrics"
SHIPPED = default_rubric_path()
WIDE = {"COLUMNS": "100"}


def test_show_tree_in_english(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["rubric", "show", str(CORPUS / "rubric.valid.yaml"), "--lang", "en"], env=WIDE
    )
    assert result.exit_code == 0
    tree = result.stdout.split("Bands")[0]
    assert tree == (
        f"Rubric file: {CORPUS / 'rubric.valid.yaml'}\n"
        "Rubrik uji  corpus 1\n"
        "└── Values (weight in the index)\n"
        "    ├── AK Akuntabel — 50.0 %\n"
        "    │   └── AK.1 Jujur dan bertanggung jawab — 100.0 %\n"
        "    │       └── ak1 Pegawai di unit kerja saya jujur. — 100.0 % (50.0 % of the index; "
        "likert5)\n"
        "    │           └── column 'ak1'\n"
        "    └── AD Adaptif — 50.0 %\n"
        "        └── AD.1 Bertindak proaktif — 100.0 %\n"
        "            └── ad1 Pegawai di unit kerja saya proaktif. — 100.0 % (50.0 % of the index; "
        "likert5)\n"
        "                └── column 'ad1'; aliases 'AD.1'\n"
        "Evidence — 20.0 % (survey 80.0 %)\n"
        "└── KP Komitmen pimpinan — 100.0 % (provisional, awaiting the juknis)\n"
        "    └── KP.1 Pakta integritas ditandatangani pimpinan — 100.0 % (Ya 100 / Tidak 0)\n"
    )
    assert "│ A    │ Sehat       │ [75, 100] │" in result.stdout
    assert "│ C    │ Tidak Sehat │ [0, 50)   │" in result.stdout


def test_show_shipped_rubric_in_indonesian(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "show"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    # 7 equal values: 1/7 = 14,3 %; 3 behaviours each: 33,3 %; an item's share of the index
    # is 1/7 x 1/3 = 4,8 %. Indonesian decimal commas.
    assert "├── BP Berorientasi Pelayanan — 14,3 %" in result.stdout
    assert "BP.1 Memahami dan memenuhi kebutuhan masyarakat — 33,3 %" in result.stdout
    assert "100,0 % (4,8 % dari indeks; likert5)" in result.stdout
    aliases = "└── kolom 'bp1'; alias 'BP.1', 'Pegawai di unit kerja saya memahami dan"
    assert aliases in result.stdout
    assert "kemenpanrb-2025.yaml" in result.stdout.splitlines()[0]
    assert "Bukti dukung — 20,0 % (survei 80,0 %)" in result.stdout
    assert (
        "ME.1 Persentase rencana aksi budaya kerja yang terlaksana dan dievaluasi — 100,0 % "
        "(angka 0-100)" in result.stdout
    )


def test_show_invalid_rubric_is_bad_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubric", "show", str(CORPUS / "rubric.band-gap.yaml")])
    assert result.exit_code == 2
    assert "band-gap" in result.stderr


def _changed(tmp_path: Path) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    edits = [
        # Berorientasi Pelayanan weighs 2 of 8: 0.25; the other six 1/8 = 0.125 (was 1/7).
        ("    weight: 1\n", "    weight: 2\n"),
        ("saya bertindak proaktif.", "saya selalu bertindak proaktif."),
        ("    min: 75\n", "    min: 80\n"),
        ("    max: 75\n", "    max: 80\n"),
        ("weights: {survey: 0.8, evaluation: 0.2}", "weights: {survey: 0.7, evaluation: 0.3}"),
        ("  institution: pooled ", "  institution: mean_of_units "),
    ]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "kemenpanrb-2026.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_pins_the_differences(runner: CliRunner, tmp_path: Path) -> None:
    new = _changed(tmp_path)
    result = runner.invoke(app, ["rubric", "diff", str(SHIPPED), str(new)])
    assert result.exit_code == 1
    others = ["akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"]
    assert result.stdout == "\n".join(
        [
            f"--- {SHIPPED}",
            f"+++ {new}",
            "value-weight  berorientasi_pelayanan.weight: 0.142857 -> 0.25",
            *[f"value-weight  {v}.weight: 0.142857 -> 0.125" for v in others],
            "item-reworded  ad3:",
            "  - Pegawai di unit kerja saya bertindak proaktif.",
            "  + Pegawai di unit kerja saya selalu bertindak proaktif.",
            "band  A.min: 75 -> 80",
            "band  B.max: 75 -> 80",
            "aggregation  aggregation.institution: 'pooled' -> 'mean_of_units'",
            "evaluation-weights  survey_weight: 0.8 -> 0.7",
            "evaluation-weights  evaluation_weight: 0.2 -> 0.3",
            "13 differences affect comparability",
            "",
        ]
    )


def test_diff_json(runner: CliRunner, tmp_path: Path) -> None:
    new = _changed(tmp_path)
    result = runner.invoke(app, ["rubric", "diff", "--format", "json", str(SHIPPED), str(new)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["format"] == "berakhlak-rubric-diff"
    assert doc["comparable"] is False
    assert doc["old"] == {"file": str(SHIPPED), "id": "kemenpanrb-2025", "version": "2025.1"}
    assert {"aspect": "band", "detail": "A.min", "old": 75.0, "new": 80.0} in doc["differences"]
    assert len(doc["differences"]) == 13


def test_diff_identical_and_invalid(runner: CliRunner) -> None:
    same = runner.invoke(app, ["rubric", "diff", str(SHIPPED), str(SHIPPED)])
    assert same.exit_code == 0
    assert same.stdout.startswith("no differences that affect comparability")
    bad = runner.invoke(app, ["rubric", "diff", str(SHIPPED), str(CORPUS / "rubric.band-gap.yaml")])
    assert bad.exit_code == 2
