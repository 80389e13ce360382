"""Comparison renderers: terminal, Markdown, CSV, JSON and xlsx; locale and hostile names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.model.comparison import Comparison
from berakhlak_cli.model.results import Provenance
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.compare.flat import (
    comparison_document,
    render_comparison_csv,
    render_comparison_markdown,
)
from berakhlak_cli.render.compare.terminal import render_comparison
from berakhlak_cli.render.compare.xlsx import comparison_sheets
from berakhlak_cli.render.xlsx import Sheet, render_xlsx
from berakhlak_cli.scoring.compare.years import build_comparison
from tests.compare.builders import unit, year
from tests.compare.kalteng import EXAMPLES

PROV = Provenance("9.9.9", "2025-02-01T00:00:00+00:00")


@pytest.fixture
def kalteng(monkeypatch: pytest.MonkeyPatch) -> Comparison:
    monkeypatch.chdir(EXAMPLES)
    files = [Path("hasil-2024-published.yaml"), Path("hasil-2022-published.yaml")]
    return build_comparison([load_results(f) for f in files])


def _terminal(comparison: Comparison, lang: Lang) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=100, color_system=None, force_terminal=True, legacy_windows=False
    )
    console.print(render_comparison(comparison, lang))
    return out.getvalue()


KALTENG_ID = """\
Perbandingan antartahun
2022: hasil-2022-published.yaml (angka yang dipublikasikan; tahun dari isi berkas)
2024: hasil-2024-published.yaml (angka yang dipublikasikan; tahun dari isi berkas)
╭─ ⚠ Perhatian: tahun-tahun ini tidak sebanding ───────────────────────────────────────╮
│ 2022 → 2024 tidak sebanding                                                          │
│ • Instrumen berbeda: 2022 “Survei Indeks BerAKHLAK 2022 (ACT Consulting,             │
│ values-selection/votes)” → 2024 “Evaluasi Budaya Kerja ASN 2024 (KemenPANRB/BRIN)”   │
│ Selisih di bawah mencampur perubahan budaya kerja dengan perubahan cara mengukurnya. │
│ Bandingkan yang sejenis, atau sampaikan selisih ini bersama catatan ini.             │
╰──────────────────────────────────────────────────────────────────────────────────────╯
┏━━━━━━━━━━━━━┳━━━━━━┳━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━┓
┃ Ukuran      ┃ 2022 ┃ 2024 ┃ Perubahan ┃ Kategori ┃
┡━━━━━━━━━━━━━╇━━━━━━╇━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━┩
│ Indeks      │ 59,5 │ 76,3 │     +16,8 │ B → A    │
│ HA Harmonis │ 72,5 │    — │         — │ B → —    │
└─────────────┴──────┴──────┴───────────┴──────────┘
A Sehat · B Cukup Sehat · C Tidak Sehat · D Sangat Tidak Sehat
"""


def test_kalteng_terminal_shows_16_8_and_the_instrument_warning(kalteng: Comparison) -> None:
    assert _terminal(kalteng, Lang.ID) == KALTENG_ID


def test_english_uses_dot_decimals_and_english_labels(kalteng: Comparison) -> None:
    text = _terminal(kalteng, Lang.EN)
    assert "│ Index         │ 59.5 │ 76.3 │  +16.8 │ B → A    │" in text
    assert "HA Harmonious" in text and "Different instrument" in text
    assert "A Healthy · B Fairly healthy" in text


def test_comparable_years_say_so_and_falls_use_a_true_minus() -> None:
    comparison = build_comparison([year(2022, 74.4), year(2024, 62.5)])
    text = _terminal(comparison, Lang.ID)
    assert "Sebanding:" in text and "tidak sebanding" not in text
    assert "−11,9" in text


def test_three_years_have_a_change_column_per_pair() -> None:
    comparison = build_comparison([year(2022, 60.9), year(2023, 62.5), year(2024, 74.4)])
    text = _terminal(comparison, Lang.ID)
    assert "Δ 2022→2023" in text and "Δ 2023→2024" in text
    assert "│ Indeks │ 60,9 │ 62,5 │ 74,4 │        +1,6 │       +11,9 │ B → B → B │" in text


def test_markdown_opens_with_the_warning(kalteng: Comparison) -> None:
    text = render_comparison_markdown(kalteng, Lang.ID)
    assert "> **⚠ Perhatian: tahun-tahun ini tidak sebanding**" in text
    assert "| Indeks | 59,5 | 76,3 | +16,8 | B → A |" in text


def test_markdown_escapes_pipes_and_angle_brackets() -> None:
    name = "Biro <b>A</b> | B"
    units = (unit(name, 60.0),)
    text = render_comparison_markdown(
        build_comparison([year(2022, units=units), year(2024, units=units)]), Lang.ID
    )
    assert "| Biro &lt;b>A&lt;/b> \\| B | 60,0 | 60,0 | ±0,0 | B → B |" in text


def test_csv_carries_the_verdict_and_neutralises_formulas() -> None:
    units = (unit('=HYPERLINK("x")', 60.0, 10, akuntabel=55.0),)
    comparison = build_comparison(
        [year(2022, 59.5, instrument="ACT", units=units), year(2024, 76.3, units=units)]
    )
    rows = list(csv.DictReader(io.StringIO(render_comparison_csv(comparison))))
    index = rows[0]
    assert (index["scope"], index["2022"], index["2024"], index["change_2022_2024"]) == (
        "index",
        "59.5",
        "76.3",
        "16.8",
    )
    assert {r["comparable"] for r in rows} == {"false"}
    assert {r["differences"] for r in rows} == {"instrument"}
    assert rows[1]["scope"] == "unit" and rows[1]["unit"] == '\'=HYPERLINK("x")'
    assert [r["value"] for r in rows[2:]] == ["akuntabel", "adaptif"]


def test_json_document(kalteng: Comparison) -> None:
    doc = json.loads(json.dumps(comparison_document(kalteng, PROV)))
    assert doc["format"] == "berakhlak-comparison" and doc["comparable"] is False
    assert [y["year"] for y in doc["years"]] == [2022, 2024]
    assert doc["years"][0]["year_source"] == "file" and doc["years"][1]["kind"] == "published"
    (check,) = doc["checks"]
    assert check["differences"][0]["aspect"] == "instrument"
    (change,) = doc["index"]["changes"]
    assert {k: change[k] for k in ("from", "to", "delta", "from_band", "to_band")} == {
        "from": 2022,
        "to": 2024,
        "delta": 16.8,
        "from_band": "B",
        "to_band": "A",
    }
    assert change["band_changed"] is True
    # published figures: the change is reported, but no interval is invented (issue #8)
    assert (change["change_lower"], change["change_upper"], change["meaningful"]) == (None,) * 3
    assert change["reason"] == "published-figure"
    assert change["detail"].startswith("no interval available: the 2022 figure is a published")
    assert doc["index"]["figures"][1]["band_label"] == "Sehat"


def test_xlsx_sheets_are_formula_safe_and_deterministic(tmp_path: Path) -> None:
    units = (unit("=1+1", 60.0), unit("@SUM(A1)", 70.0))
    comparison = build_comparison(
        [year(2022, 59.5, instrument="ACT", units=units), year(2024, 76.3, units=units)]
    )
    data = render_xlsx(comparison_sheets(comparison, Lang.ID), PROV.generated_at)
    assert data == render_xlsx(comparison_sheets(comparison, Lang.ID), PROV.generated_at)
    path = tmp_path / "c.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Keterbandingan"  # the warning comes first
    sheet = book["Per unit kerja"]
    assert str(sheet["A1"].value).startswith("⚠ Perhatian")
    cells = [c for row in sheet.iter_rows() for c in row if c.value in ("=1+1", "@SUM(A1)")]
    assert len(cells) == 2
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    values = book["Perbandingan antartahun"]
    header_row = next(r for r in values.iter_rows() if r[0].value == "Ukuran")
    index_row = values[header_row[0].row + 1]
    assert [c.value for c in index_row] == ["Indeks", 59.5, 76.3, 16.8, "B → A"]
    assert index_row[1].number_format == "0.0"


def test_xlsx_strips_control_characters() -> None:
    data = render_xlsx([Sheet("x", ["a"], [["bad\x01name"]])], "2025-01-01T00:00:00+00:00")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["x"]["A2"].value == "bad\ufffdname"
