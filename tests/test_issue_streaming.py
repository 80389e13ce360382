"""A batch's issues stream as columns (``IssueRows``) and write the same ``--issues`` lines
as the same issues built one by one (issue #16: an issue on every row, in bounded time)."""

from __future__ import annotations

import numpy as np

from berakhlak_cli.model.issue_rows import IssueRows
from berakhlak_cli.model.results import Issue, IssueCode
from berakhlak_cli.render.issues.issues_file import issues_csv_chunks
from berakhlak_cli.scoring.issue_log import IssueBlock, IssueLog, issue_order


def _blocks() -> list[IssueBlock]:
    typo = IssueBlock(
        IssueCode.UNKNOWN_LABEL,
        np.arange(2, 40, dtype=np.int64),
        column="ak2",
        texts=(
            ("Setju", "answer 'Setju' is not a label"),
            ("0812 3456 7890", "answer '0812 3456 7890' is not a label"),
        ),
        which=np.arange(38, dtype=np.intp) % 2,
    )
    other = IssueBlock(
        IssueCode.UNKNOWN_LABEL,
        np.arange(2, 40, 3, dtype=np.int64),
        column="ak1",
        texts=(("x", "answer 'x' is not a label"),),
        which=np.zeros(13, dtype=np.intp),
    )
    blank = IssueBlock(
        IssueCode.BLANK_RESPONDENT,
        np.array([5, 6, 30], dtype=np.int64),
        "row excluded: no item answered",
        excluded=True,
    )
    return [blank, typo, other]


def _streamed() -> IssueRows:
    got: list[IssueRows] = []
    log = IssueLog(lambda issues: got.append(issues))  # type: ignore[arg-type]
    log.add_blocks(_blocks())
    (rows,) = got
    return rows


def test_streamed_issues_are_each_block_row_in_listing_order() -> None:
    one_by_one = sorted(
        (b.issue(i) for b in _blocks() for i in range(len(b.rows))), key=issue_order
    )
    streamed = list(_streamed())
    assert streamed == one_by_one
    assert len(streamed) == 38 + 13 + 3
    # The phone-like answer is masked once, in its kind, and so on every row it is on.
    assert all("7890" not in (i.value or "") + i.message for i in streamed)


def test_issues_file_lines_from_columns_equal_lines_of_each_issue() -> None:
    plain = "".join(issues_csv_chunks(iter(list(_streamed()))))
    fast = "".join(issues_csv_chunks(_streamed()))
    assert fast == plain
    assert fast.count("\n") == 54


def test_an_issue_on_every_row_of_a_large_batch_is_one_kind() -> None:
    n = 250_000
    block = IssueBlock(
        IssueCode.UNKNOWN_LABEL,
        np.arange(2, n + 2, dtype=np.int64),
        column="ak2",
        texts=(("Setju", "answer 'Setju' is not a label"),),
        which=np.zeros(n, dtype=np.intp),
    )
    got: list[IssueRows] = []
    IssueLog(lambda issues: got.append(issues)).add_blocks([block])  # type: ignore[arg-type]
    assert len(got[0].kinds) == 1
    text = "".join(issues_csv_chunks(got[0]))
    lines = text.splitlines()
    assert len(lines) == n
    assert lines[0] == "unknown-label,survey,2,ak2,Setju,,false,answer 'Setju' is not a label"
    assert lines[-1].startswith(f"unknown-label,survey,{n + 1},ak2,")
    assert isinstance(next(iter(got[0])), Issue)
