"""Progress on stderr while a long survey is read: only on a terminal, never in pipes or CI logs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

MIN_BYTES = 5 << 20
"""Smaller files are scored before a bar would be of any help."""

Tick = Callable[[int, int], None]


@contextmanager
def survey_progress(
    path: Path, console: Console, *, enabled: bool, min_bytes: int = MIN_BYTES
) -> Iterator[Tick | None]:
    """Yield a ``tick(rows, bytes_read)`` callback drawing a transient bar, or None when off.

    Off when ``enabled`` is false (``--quiet``), when ``console`` is not a terminal, or for
    files under ``min_bytes``. Only CSV reports bytes read; other formats show rows alone.
    """
    size = path.stat().st_size if path.is_file() else 0
    if not enabled or not console.is_terminal or size < min_bytes:
        yield None
        return
    # imported only when a bar is drawn: most runs (small files, pipes) never need it
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    by_bytes = path.suffix.lower() in {".csv", ".tsv", ".txt"}
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    start = time.monotonic()
    rows = 0
    with progress:
        task = progress.add_task(path.name, total=size if by_bytes else None, rows="")

        def tick(batch_rows: int, bytes_read: int) -> None:
            nonlocal rows
            rows += batch_rows
            rate = rows / max(time.monotonic() - start, 1e-6)
            text = f"{rows:,} rows, {rate:,.0f} rows/s"
            if by_bytes:
                progress.update(task, completed=min(bytes_read, size), rows=text)
            else:
                progress.update(task, rows=text)

        yield tick
