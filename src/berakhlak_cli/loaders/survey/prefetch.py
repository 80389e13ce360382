"""Read ahead on a background thread so parsing overlaps scoring.

pyarrow parses CSV without holding the GIL, and scoring spends most of its time in numpy, so
on two cores the next batch can be parsed while this one is scored. The queue is bounded:
memory stays at ``depth`` batches, whatever the file size. Errors raised while reading are
re-raised in the consumer, in order, so callers see exactly what the plain iterator raises.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()
SWITCH_INTERVAL_S = 0.001


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetch(source: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Yield ``source``'s items, produced up to ``depth`` items ahead on a daemon thread."""
    slots: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in source:
                while not stop.is_set():
                    try:
                        slots.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put(_DONE)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, not swallowed
            slots.put(_Failure(error))

    worker = threading.Thread(target=produce, name="berakhlak-read", daemon=True)
    # NOTE: the reader thread needs the GIL only briefly, between parsed blocks; with the
    # default 5 ms switch interval a busy scoring thread keeps it waiting that long each time
    # (parsing measured twice as slow). 1 ms hands it over sooner; restored afterwards.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL_S))
    worker.start()
    try:
        while True:
            item = slots.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join(timeout=5)
        sys.setswitchinterval(interval)
