"""The read's freed pages are handed back before ``finish`` allocates (issue #16), and the
glibc-only call is skipped where there is no glibc."""

from __future__ import annotations

from pathlib import Path

import pytest

import berakhlak_cli.api.memory as memory
import berakhlak_cli.api.score as api_score
from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
from berakhlak_cli.scoring.survey import SurveyScorer

SURVEY = Path(__file__).resolve().parents[1] / "examples" / "kalteng" / "survei-2024.csv"


def test_score_releases_the_read_memory_once_before_finish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    finish = SurveyScorer.finish

    def spy_finish(self: SurveyScorer) -> object:
        events.append("finish")
        return finish(self)

    monkeypatch.setattr(api_score, "release_freed_memory", lambda: events.append("release"))
    monkeypatch.setattr(SurveyScorer, "finish", spy_finish)
    sheet, _ = api_score.score_survey(SURVEY, load_rubric(default_rubric_path()))
    assert events == ["release", "finish"]
    assert sheet.accounting.read == 531


def test_no_malloc_trim_outside_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cdll(name: object) -> object:
        raise AssertionError("libc looked up outside Linux")

    monkeypatch.setattr(memory.sys, "platform", "darwin")
    monkeypatch.setattr(memory.ctypes, "CDLL", no_cdll)
    memory.release_freed_memory()  # the pyarrow pool is still released, without libc


def test_a_libc_without_malloc_trim_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    class Musl:
        """A C library without ``malloc_trim`` (musl): the attribute lookup fails."""

        def __getattr__(self, name: str) -> object:
            raise AttributeError(name)

    monkeypatch.setattr(memory.sys, "platform", "linux")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: Musl())
    memory.release_freed_memory()
