"""Read ahead on a background thread so parsing overlaps scoring.

pyarrow parses CSV without holding the GIL, and scoring spends most of its time in numpy, so
on two cores the next batch can be parsed while this one is scored. A semaphore bounds what
is read ahead: memory stays at ``depth + 1`` batches, whatever the file size. Errors raised
while reading are re-raised in the consumer, in order, so callers see exactly what the plain
iterator raises.
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
    """Yield ``source``'s items, produced up to ``depth`` items ahead on a daemon thread.

    An item counts from the moment the thread starts producing it until the consumer asks for
    the one after it, so at most ``depth + 1`` items exist at once (the one being used
    included): a finished item never waits in a queue while a further one is built.
    """
    slots: queue.Queue[object] = queue.Queue()
    free = threading.Semaphore(depth + 1)
    stop = threading.Event()

    def produce() -> None:
        try:
            items = iter(source)
            while True:
                while not free.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                item = next(items, _DONE)
                slots.put(item)
                if item is _DONE:
                    return
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
            free.release()
    finally:
        stop.set()
        worker.join(timeout=5)
        sys.setswitchinterval(interval)
