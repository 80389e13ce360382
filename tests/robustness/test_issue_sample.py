"""Issues in bounded memory (issue 18): a sample in the results, every issue in --issues.

A file with an issue in every row must not grow memory or the JSON with its size; every
published total still adds up: ``count`` = Σ ``by_code`` = Σ ``by_column``, the excluded
issues per code = ``rows.excluded``, and the issues file lists exactly ``count`` issues.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.model.results import ISSUE_SAMPLE_PER_CODE, Issue, IssueCode
from berakhlak_cli.scoring.issue_log import IssueBlock, IssueLog, issue_order

ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]


def _survey(path: Path, rows: int) -> None:
    """Every row: one unknown label (ak2 'Setju'); every 7th row also has no unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nip", "unit_kerja", *ITEMS])
    for r in range(rows):
        answers = ["Setuju" if j % 2 else "4" for j in range(21)]
        answers[ITEMS.index("ak2")] = "Setju"
        answers[0] = str(2 + r % 3)
        writer.writerow([f"{r:06d}", "" if r % 7 == 0 else f"Biro {r % 3}", *answers])
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_sample_is_published_and_every_total_adds_up(runner: CliRunner, tmp_path: Path) -> None:
    survey, out, listing = tmp_path / "s.csv", tmp_path / "o.json", tmp_path / "i.csv"
    _survey(survey, 700)
    result = runner.invoke(
        app,
        ["score", str(survey), "-f", "json", "-o", str(out), "--issues", str(listing)]
        + ["--batch-rows", "64"],
    )
    assert result.exit_code == 0, result.stderr
    issues = json.loads(out.read_text("utf-8"))["issues"]
    # 700 rows: 100 without a unit (rows 2, 9, ..., 695) are excluded; every row (excluded
    # or not) has the unknown label in ak2: 700 + 100 = 800 issues, 10 shown on stderr.
    assert issues["count"] == 800
    assert issues["by_code"] == {"missing-group": 100, "unknown-label": 700}
    assert issues["by_column"] == [
        {"code": "missing-group", "source": "survey", "column": None, "count": 100},
        {"code": "unknown-label", "source": "survey", "column": "ak2", "count": 700},
    ]
    assert sum(c["count"] for c in issues["by_column"]) == sum(issues["by_code"].values())
    assert issues["listed"] == len(issues["items"]) == 2 * ISSUE_SAMPLE_PER_CODE
    doc = json.loads(out.read_text("utf-8"))
    assert doc["rows"]["excluded"] == {"missing-group": 100}
    excluded = sum(
        1
        for i in csv.DictReader(io.StringIO(listing.read_text("utf-8")))
        if i["excluded"] == "true"
    )
    assert excluded == sum(doc["rows"]["excluded"].values())
    # the sample is the first issues of each code, in row order
    labels = [i["row"] for i in issues["items"] if i["code"] == "unknown-label"]
    assert labels == list(range(2, 2 + ISSUE_SAMPLE_PER_CODE))
    listed = list(csv.DictReader(io.StringIO(listing.read_text("utf-8"))))
    assert len(listed) == 800
    keys = [(int(i["row"]), i["column"], i["code"]) for i in listed]
    assert keys == sorted(keys)
    assert "... dan 790 masalah data lain" in result.stderr


def test_the_log_keeps_the_first_issues_of_each_code_across_batches() -> None:
    streamed: list[Issue] = []
    log = IssueLog(lambda batch: streamed.extend(batch), per_code=3)
    for first in (2, 6):
        rows = np.arange(first, first + 4, dtype=np.int64)
        log.add_blocks(
            [
                IssueBlock(IssueCode.EMPTY_ROW, rows[1::2], "row excluded: x", excluded=True),
                IssueBlock(IssueCode.UNKNOWN_LABEL, rows, column="bp1", message="m"),
            ]
        )
    assert [(i.code.value, i.row) for i in log.sorted_sample()] == [
        ("unknown-label", 2),
        ("empty-row", 3),
        ("unknown-label", 3),
        ("unknown-label", 4),
        ("empty-row", 5),
        ("empty-row", 7),
    ]
    assert [(c.code, c.column, c.count) for c in log.counts] == [
        ("empty-row", None, 4),
        ("unknown-label", "bp1", 8),
    ]
    assert streamed == sorted(streamed, key=issue_order) and len(streamed) == 12


def test_the_workbook_lists_the_sample_and_says_how_many_more(tmp_path: Path) -> None:
    from berakhlak_cli.api.score import score_survey
    from berakhlak_cli.loaders.rubric.load import load_rubric
    from berakhlak_cli.model.rubric import Lang
    from berakhlak_cli.render.xlsx import score_sheets

    survey = tmp_path / "s.csv"
    _survey(survey, 700)
    rubric = load_rubric()
    sheet, _ = score_survey(survey, rubric)
    assert sheet.issue_total == 800 and len(sheet.issues) == 2 * ISSUE_SAMPLE_PER_CODE
    issues = score_sheets(sheet, rubric, Lang.EN)[1]
    assert len(issues.rows) == 2 * ISSUE_SAMPLE_PER_CODE + 1
    assert (
        issues.rows[-1][-1] == "... and 600 more data issues (use --issues FILE to list them all)"
    )
