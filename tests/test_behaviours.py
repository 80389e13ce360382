"""Behaviour-level results (issue 14, part 1): scores, distributions, and their suppression."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from tests.conftest import EXAMPLES
from tests.test_scoring import ANSWERS, TWO_VALUES, score, small_rubric


def test_behaviour_scores_and_distributions_by_hand() -> None:
    sheet = score(small_rubric(TWO_VALUES.format(w1=1)), ANSWERS, ["U", "U", "U"])
    (unit,) = sheet.groups
    b1, b2, b3 = (unit.behaviours[k] for k in ("B1", "B2", "B3"))
    # B1: r1 mean(a=100, b reversed 2->4 = 75) = 87.5, r2 a=75 -> (87.5 + 75) / 2 = 81.25
    assert b1.score is not None and b1.score.raw == pytest.approx(81.25)
    assert (b1.score.rounded, b1.score.band, b1.respondents) == (81.3, "A", 2)
    # B1 answers in the scoring direction: a=5, b=2 -> 4, a=4: points 4 and 5 -> 1 and 2
    assert b1.distribution.counts == (0, 0, 0, 2, 1)
    assert b1.distribution.favourable_share == pytest.approx(1.0)
    # B2: c=3 (r1), c=5 (r3): (50 + 100) / 2 = 75.0; B3: d=4, d=1: (75 + 0) / 2 = 37.5
    assert b2.score is not None and b2.score.raw == pytest.approx(75.0)
    assert b2.distribution.counts == (0, 0, 1, 0, 1)
    assert b2.distribution.favourable == 1 and b2.distribution.shares[2] == pytest.approx(0.5)
    assert b3.score is not None and (b3.score.raw, b3.score.band) == (37.5, "C")
    assert b3.distribution.counts == (1, 0, 0, 1, 0)
    assert sheet.institution.behaviours["B3"].distribution.counts == (1, 0, 0, 1, 0)


def test_favourable_points_is_a_rubric_setting() -> None:
    rubric = small_rubric(TWO_VALUES.format(w1=1), extra="reporting: {favourable_points: 1}")
    sheet = score(rubric, ANSWERS, ["U", "U", "U"])
    assert sheet.groups[0].behaviours["B1"].distribution.favourable == 1


def _example_json(runner: CliRunner, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    out = tmp_path / "hasil.json"
    result = runner.invoke(
        app,
        ["score", str(EXAMPLES / "survei-2024.csv"), "-f", "json", "-o", str(out), "-q"],
    )
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_example_distributions_add_up_to_respondents(runner: CliRunner, tmp_path: Path) -> None:
    doc = _example_json(runner, tmp_path)
    assert len(doc["behaviours"]) == 21
    published = [g for g in doc["groups"] if not g["withheld"]] + [doc["institution"]]
    for group in published:
        assert len(group["behaviours"]) == 21
        for b in group["behaviours"].values():
            assert sum(b["distribution"]["counts"]) == b["respondents"]
            assert b["respondents"] <= group["respondents"]
    inst = doc["institution"]["behaviours"]
    for bid in inst:
        units = sum(g["behaviours"][bid]["respondents"] for g in published[:-1])
        assert units <= inst[bid]["respondents"]
    # BP.1 of the institution: 521 answers, (0, 4, 92, 263, 162); favourable 425 / 521
    bp1 = inst["BP.1"]
    assert bp1["distribution"]["counts"] == [0, 4, 92, 263, 162]
    assert bp1["distribution"]["favourable_share"] == pytest.approx(425 / 521)
    # mean of 0, 25, 50, 75, 100 weighted by the counts = 40625 / 521 = 77.975...
    assert bp1["raw"] == pytest.approx((4 * 25 + 92 * 50 + 263 * 75 + 162 * 100) / 521)
    assert bp1["rounded"] == 78.0


def _figures(group: dict) -> list[str]:  # type: ignore[type-arg]
    """Every behaviour figure of a group as the formats print it (counts and scores)."""
    return [str(c) for b in group["behaviours"].values() for c in b["distribution"]["counts"]]


def test_withheld_units_publish_no_behaviour_figure(runner: CliRunner, tmp_path: Path) -> None:
    doc = _example_json(runner, tmp_path)
    withheld = {g["key"]["unit_kerja"]: g for g in doc["groups"] if g["withheld"]}
    assert set(withheld) == {"Biro Hukum", "Biro Pengadaan Barang dan Jasa"}
    for group in withheld.values():
        assert not {"behaviours", "behaviour_gaps", "priorities", "values"} & set(group)
    survey = str(EXAMPLES / "survei-2024.csv")
    base = ["score", survey, "--detail", "behaviours", "-q"]
    csv_text = runner.invoke(app, [*base, "-f", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    hidden = [r for r in rows if r["unit_kerja"] in withheld]
    assert len(hidden) == 2 * 21
    figure_columns = [k for k in rows[0] if k.startswith(("count_", "share_", "score"))]
    figure_columns += ["respondents", "favourable_share", "band"]
    assert all(r[k] == "" for r in hidden for k in figure_columns)
    for fmt in ("markdown", "table"):
        text = runner.invoke(app, [*base, "-f", fmt], env={"COLUMNS": "200"}).stdout
        lines = [ln for ln in text.splitlines() if "Biro Hukum" in ln or "Pengadaan" in ln]
        behaviour_lines = [ln for ln in lines if "%" in ln]
        assert not behaviour_lines, behaviour_lines
    xlsx = tmp_path / "h.xlsx"
    runner.invoke(app, [*base, "-f", "xlsx", "-o", str(xlsx)])
    from openpyxl import load_workbook

    ws = load_workbook(xlsx)["Perilaku"]
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] in withheld:
            assert all(v is None for v in row[1:-1]) and row[-1] in ("anonymity", "complementary")


def test_behaviour_table_in_the_terminal(runner: CliRunner) -> None:
    survey = str(EXAMPLES / "survei-2024.csv")
    result = runner.invoke(
        app, ["score", survey, "--detail", "behaviours", "-q"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    assert "Skor per panduan perilaku" in result.stdout
    assert "162 (31%)" in result.stdout  # institution BP.1: 162 of 521 answered 5
