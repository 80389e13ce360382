"""Read-ahead keeps order, re-raises the reader's errors in place, and stops with its consumer."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.prefetch import prefetch


def test_items_arrive_in_order() -> None:
    assert list(prefetch(iter(range(1000)), depth=1)) == list(range(1000))


def test_errors_arrive_after_the_items_before_them() -> None:
    def reader() -> Iterator[int]:
        yield 1
        yield 2
        raise SurveyError("survey.csv: row 4 (line 4): expected 27 fields, found 26")

    got: list[int] = []
    with pytest.raises(SurveyError, match="row 4"):
        for item in prefetch(reader()):
            got.append(item)
    assert got == [1, 2]


def test_stopping_early_ends_the_reader_thread() -> None:
    produced: list[int] = []

    def reader() -> Iterator[int]:
        for i in range(10_000):
            produced.append(i)
            yield i

    items = prefetch(reader(), depth=1)
    assert next(items) == 0
    items.close()  # type: ignore[attr-defined]
    assert not [t for t in threading.enumerate() if t.name == "berakhlak-read"]
    assert len(produced) < 10


def test_no_finished_item_waits_while_another_is_built() -> None:
    produced: list[int] = []

    def reader() -> Iterator[int]:
        for i in range(100):
            produced.append(i)
            yield i

    items = prefetch(reader(), depth=1)
    assert next(items) == 0
    time.sleep(0.3)
    assert produced == [0, 1]  # the item in use and one ahead: no third batch in memory
    assert next(items) == 1
    time.sleep(0.3)
    assert produced == [0, 1, 2]
    items.close()  # type: ignore[attr-defined]
