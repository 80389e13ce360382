"""Data-quality screens through the CLI: duplicate respondents and straight-lining settings.

The example has one NIP submitted twice (rows 221 and 228) and one straight-liner (row 353).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.scoring.screens import respondent_key, respondent_keys

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "examples" / "kalteng" / "survei-2024.csv"
RUBRIC_TEXT = (ROOT / "rubrics" / "kemenpanrb-2025.yaml").read_text(encoding="utf-8")


def _run(runner: CliRunner, tmp_path: Path, old: str, new: str, *extra: str) -> dict:  # type: ignore[type-arg]
    assert RUBRIC_TEXT.count(old) == 1
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(RUBRIC_TEXT.replace(old, new), encoding="utf-8")
    result = runner.invoke(
        app, ["score", str(SURVEY), "--rubric", str(rubric), "-f", "json", *extra]
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _rows(doc: dict, code: str) -> list[tuple[int, bool]]:  # type: ignore[type-arg]
    return [(i["row"], i["excluded"]) for i in doc["issues"]["items"] if i["code"] == code]


@pytest.mark.parametrize(
    ("policy", "dropped"),
    [("keep_first", [228]), ("keep_last", [221]), ("reject", [221, 228])],
)
@pytest.mark.parametrize("batch", ["0", "50"])
def test_duplicate_policies(
    policy: str, dropped: list[int], batch: str, runner: CliRunner, tmp_path: Path
) -> None:
    extra = ("--batch-rows", batch) if batch != "0" else ()
    doc = _run(runner, tmp_path, "duplicates: keep_first", f"duplicates: {policy}", *extra)
    assert _rows(doc, "duplicate-respondent") == [(r, True) for r in dropped]
    assert doc["rows"]["excluded"]["duplicate-respondent"] == len(dropped)
    assert doc["rows"]["scored"] == 531 - 2 - 1 - len(dropped)
    message = next(
        i["message"] for i in doc["issues"]["items"] if i["code"] == "duplicate-respondent"
    )
    assert f"({policy})" in message and "1973" not in message


def test_the_kept_submission_is_the_one_scored(runner: CliRunner, tmp_path: Path) -> None:
    """keep_first and keep_last score different answers for the same person."""
    first = _run(runner, tmp_path, "duplicates: keep_first", "duplicates: keep_first")
    last = _run(runner, tmp_path, "duplicates: keep_first", "duplicates: keep_last")
    assert first["institution"]["respondents"] == last["institution"]["respondents"]
    assert first["institution"]["index"]["raw"] != last["institution"]["index"]["raw"]


@pytest.mark.parametrize(
    ("policy", "expected", "excluded"),
    [("flag", [(353, False)], 0), ("exclude", [(353, True)], 1), ('"off"', [], 0)],
)
def test_straight_lining(
    policy: str, expected: list[tuple[int, bool]], excluded: int, runner: CliRunner, tmp_path: Path
) -> None:
    doc = _run(runner, tmp_path, "straight_lining: flag", f"straight_lining: {policy}")
    assert _rows(doc, "straight-lining") == expected
    assert doc["rows"]["excluded"].get("straight-lining", 0) == excluded
    rows = doc["rows"]
    assert rows["read"] == rows["scored"] + sum(rows["excluded"].values()) == 531


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("198505102005011002", "198505102005011002"),
        (" 19850510 200501 1 002 ", "198505102005011002"),
        ("1985.0510-2005.01.1.002", "198505102005011002"),
        ("19850510\u200b2005011002", "198505102005011002"),
        ("\ufeff198505102005011002\u00a0", "198505102005011002"),
        ("".join(chr(0xFF10 + int(d)) for d in "198505102005011002"), "198505102005011002"),
        ("0071", "0071"),
        ("-", ""),
    ],
)
def test_respondent_ids_are_compared_without_spacing_or_unicode_form(raw: str, key: str) -> None:
    """Issue 18: the same NIP typed with spaces, a zero-width space or full-width digits."""
    assert respondent_key(raw) == key
    assert respondent_keys([raw, "0071"]) == [key, "0071"]


def test_batch_keys_equal_single_keys() -> None:
    """The batch path (one joined text) and the per-id path agree, also on the separator."""
    ids = ["198505102005011002", "19850510 200501 1 002", "\uff10\uff17\uff11", "Andi\u00e9 1"]
    ids += ["a\x1fb", "", " ", "x_y", "1\u200b2"]
    assert respondent_keys(ids) == [respondent_key(i) for i in ids]
    assert respondent_keys(ids[:3]) == [respondent_key(i) for i in ids[:3]]


def test_an_id_header_the_rubric_does_not_list_is_warned_about(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``NIP Baru`` is not taken as the id on a guess (``NIP Atasan`` would look the same)."""
    text = SURVEY.read_text(encoding="utf-8")
    path = tmp_path / "survei.csv"
    path.write_text(text.replace("nip,", "NIP Baru,", 1), encoding="utf-8")
    args = ["score", str(path), "-f", "json", "-o", str(tmp_path / "o.json"), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "warning: no respondent id column (looked for 'nip', 'NIP', 'NIP/NIK', 'Nomor Induk "
        "Pegawai'), so repeated submissions are not screened; 'NIP Baru' looks like one: add it "
        "to columns.respondent_id.aliases in the rubric"
    )
    doc = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert "duplicate-respondent" not in doc["rows"]["excluded"]
