"""Respondent ids typed into number cells of a workbook (audit 2026-12-03).

A spreadsheet keeps 15 significant digits, so 18-digit NIPs typed as numbers lose their last
digits and different people's ids read the same. They must not be dropped as repeats.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app

ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BERAKHLAK_LANG", "en")


def _workbook(path: Path, nips: list[object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["unit_kerja", "nip", *ITEMS])
    for r, nip in enumerate(nips):
        sheet.append(["Biro Hukum", nip, *[3 + (r + j) % 3 for j in range(21)]])
    book.save(path)
    return path


def test_ids_stored_as_long_numbers_are_not_taken_for_repeats(tmp_path: Path) -> None:
    # NOTE: six people born the same day, appointed the same month: the first 15 digits agree.
    nips: list[object] = [197908112024091701 + i for i in range(6)]
    survey = _workbook(tmp_path / "s.xlsx", nips)
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["score", str(survey), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["rows"] == {"read": 6, "scored": 6, "excluded": {}}
    assert "column 'nip' holds 6 numbers of more than 15 digits" in " ".join(result.output.split())
    assert "1979081120240917" not in result.output


def test_ids_stored_as_text_are_still_checked_for_repeats(tmp_path: Path) -> None:
    nips: list[object] = ["197908112024091701", "197908112024091702", "197908112024091701"]
    survey = _workbook(tmp_path / "s.xlsx", [*nips, "197908112024091703", "197908112024091704"])
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["score", str(survey), "-f", "json", "-o", str(out)])
    rows = json.loads(out.read_text())["rows"]
    assert rows["excluded"] == {"duplicate-respondent": 1}, result.output
    assert "numbers of more than 15 digits" not in result.output
