"""Writing outputs: all-or-nothing for files, directly for devices and pipes, never over an input.

A regular file is written to a temporary file in its folder and renamed into place, so a reader
never sees half of it. A target that is not a regular file (``/dev/null``, a FIFO,
``/dev/stdout``, a terminal) is opened and written as it is: renaming over it would replace the
device node. ``-`` means standard output. Every target is resolved (symlinks followed) and
refused when it is an input, or lies inside an input folder (the ``--evidence-dir``).

Interrupts: SIGINT and SIGTERM are held back while temporary files are created and renamed,
and any temporary file left when an exception (``KeyboardInterrupt`` included) goes through is
removed, so an interrupted run leaves neither a stray ``.*.tmp`` nor half of a set of outputs.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from berakhlak_cli.errors import OutputError

STDOUT = "-"
"""``-o -``: write to standard output."""

_HELD = {signal.SIGINT, signal.SIGTERM}


def is_stdout(path: Path | None) -> bool:
    """True for ``-o -``."""
    return path is not None and str(path) == STDOUT


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block is done, then act on the first one that came.

    The Python-level handlers are swapped for a recorder (a signal mask would not do: the
    kernel hands a process signal to any thread not blocking it, e.g. pyarrow's pool, and
    Python then runs the handler in the main thread at once). Only the main thread can do this.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, object] = {n: signal.signal(n, _recorder(caught)) for n in _HELD}
    try:
        yield
    finally:
        for number, handler in previous.items():
            # NOTE: None means a handler set outside Python; the default is the closest.
            signal.signal(number, signal.SIG_DFL if handler is None else handler)  # type: ignore[arg-type]
        if caught:
            _deliver(caught[0], previous[caught[0]])


def _recorder(caught: list[int]) -> Callable[[int, object], None]:
    def record(number: int, frame: object) -> None:
        caught.append(number)

    return record


def _deliver(number: int, handler: object) -> None:
    """Act on a held signal as its own handler would have."""
    if callable(handler):
        handler(number, None)
    elif handler == signal.SIG_DFL:
        if number == signal.SIGINT:
            raise KeyboardInterrupt
        os.kill(os.getpid(), number)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


_STREAM_NAMES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file or folder, or a name for an open stream
    (``/dev/stdout``, ``/dev/fd/N``: even when it leads to a regular file, the shell's
    redirection must receive the bytes, not see that file replaced)."""
    if str(path).startswith(_STREAM_NAMES):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _check_target(path: Path, inputs: Sequence[Path], folders: Sequence[Path]) -> Path:
    # NOTE: Python 3.11/3.12 ``resolve`` raises RuntimeError on a loop of symbolic links and
    # 3.13 returns a path; ``os.stat`` says ELOOP on every version.
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: is a loop of symbolic links") from None
    target = path.resolve()
    for source in inputs:
        if _same_file(source, target) or source.resolve() == target:
            raise OutputError(f"{path}: refusing to overwrite an input file")
    for folder in folders:
        if target.is_relative_to(folder.resolve()):
            raise OutputError(f"{path}: refusing to write inside the input folder {folder}")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    if not target.parent.exists():
        raise OutputError(f"{path}: folder {target.parent} does not exist")
    return target


def _write_stdout(payload: bytes) -> None:
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (tests' captured output)
        sys.stdout.write(payload.decode("utf-8"))
    else:
        stream.write(payload)
        stream.flush()


def _write_direct(path: Path, payload: bytes) -> None:
    with open(path, "wb") as fh:  # noqa: PTH123 - a device or FIFO, not a file to replace
        fh.write(payload)


def write_all_atomic(
    files: Sequence[tuple[Path, str | bytes]],
    inputs: Sequence[Path] = (),
    folders: Sequence[Path] = (),
) -> None:
    """Write several outputs all-or-nothing: every target is checked and every temporary file
    is written before the first is renamed into place; on any failure (or interrupt) no regular
    target is touched and the temporary files are removed. Devices, FIFOs and ``-`` (stdout)
    are written after the temporary files are ready and before the renames. Refuses to
    overwrite ``inputs``, to write inside ``folders`` or to write one file twice.
    """
    pipes = [(path, data) for path, data in files if is_stdout(path)]
    named = [(path, data) for path, data in files if not is_stdout(path)]
    if len(pipes) > 1:
        raise OutputError("two outputs are sent to standard output ('-')")
    targets = [_check_target(path, inputs, folders) for path, _ in named]
    if len(set(targets)) < len(targets):
        raise OutputError(f"{named[0][0]}: the same file is named for two outputs")
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[Path, bytes]] = []
    current = Path()
    try:
        for (path, data), target in zip(named, targets, strict=True):
            current = path
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if _is_special(path) or _is_special(target):
                direct.append((path, payload))
                continue
            with signals_held():
                fd, tmp = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                )
                staged.append((tmp, target))
            # NOTE: mkstemp creates 0600 files; an output should get the permissions any new
            # file gets here (0666 less the umask), e.g. a report shared on a team folder.
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
        for path, payload in direct:
            current = path
            _write_direct(path, payload)
        for _, data in pipes:
            _write_stdout(data.encode("utf-8") if isinstance(data, str) else data)
        with signals_held():
            for tmp, target in staged:
                current = target
                os.replace(tmp, target)
            staged.clear()
    except OSError as exc:
        raise OutputError(f"{current}: cannot write ({exc.strerror})") from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def write_atomic(
    path: Path, data: str | bytes, inputs: Sequence[Path] = (), folders: Sequence[Path] = ()
) -> None:
    """Write one output (see ``write_all_atomic``)."""
    write_all_atomic([(path, data)], inputs, folders)
