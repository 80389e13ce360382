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
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _resolved(path: Path) -> Path | None:
    """``path.resolve()``, or None for a path that cannot be resolved (a loop of symbolic
    links): the loader names that input's problem; it cannot be any output's target."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


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
        if _same_file(source, target) or _resolved(source) == target:
            raise OutputError(f"{path}: refusing to overwrite an input file")
    for folder in folders:
        inside = _resolved(folder)
        if inside is not None and target.is_relative_to(inside):
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


class StagedFile:
    """An output written piece by piece (``--issues`` while scoring runs) into a temporary file;
    ``write_all_atomic`` puts it in place with the other outputs, ``discard`` removes it when
    the run fails (so a failed or interrupted run still leaves no output).

    A regular target is staged in its own folder and renamed; a device, FIFO or ``-`` is
    staged in the system's temporary folder and copied to its target at the end.
    """

    def __init__(
        self, path: Path, inputs: Sequence[Path] = (), folders: Sequence[Path] = ()
    ) -> None:
        self.path = path
        self.direct = is_stdout(path) or _is_special(path)
        self.target = path if is_stdout(path) else _check_target(path, inputs, folders)
        self.direct = self.direct or _is_special(self.target)
        folder = None if self.direct else self.target.parent
        try:
            with signals_held():
                fd, self.tmp = tempfile.mkstemp(
                    prefix=f".{self.target.name or 'stdout'}.", suffix=".tmp", dir=folder
                )
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
        try:
            os.fchmod(fd, 0o666 & ~_umask())
            self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            Path(self.tmp).unlink(missing_ok=True)
            raise OutputError(f"{path}: cannot write ({exc.strerror})") from None

    def write(self, text: str) -> None:
        """Append ``text``."""
        try:
            self.handle.write(text)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write ({exc.strerror})") from None

    def close(self) -> None:
        """Flush and close (before the rename or copy)."""
        if not self.handle.closed:
            self.handle.close()

    def copy_out(self) -> None:
        """Copy the staged bytes to a device, FIFO or stdout target, then remove them."""
        self.close()
        with open(self.tmp, "rb") as src:  # noqa: PTH123
            if is_stdout(self.path):
                while chunk := src.read(1 << 20):
                    _write_stdout(chunk)
            else:
                with open(self.path, "wb") as out:  # noqa: PTH123 - a device, not a file
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
        Path(self.tmp).unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove the temporary file if it was not put in place."""
        self.close()
        Path(self.tmp).unlink(missing_ok=True)


Payload = str | bytes | Iterable[str]
"""An output's content: whole, or text in pieces (``render.json_out.json_chunks``)."""


def write_all_atomic(
    files: Sequence[tuple[Path, Payload]],
    inputs: Sequence[Path] = (),
    folders: Sequence[Path] = (),
    streamed: Sequence[StagedFile] = (),
) -> None:
    """Write several outputs all-or-nothing: every target is checked and every temporary file
    is written before the first is renamed into place; on any failure (or interrupt) no regular
    target is touched and the temporary files are removed. Devices, FIFOs and ``-`` (stdout)
    are written after the temporary files are ready and before the renames. Refuses to
    overwrite ``inputs``, to write inside ``folders`` or to write one file twice.
    ``streamed`` outputs, already written, are put in place together with the others.

    Text in pieces is written piece by piece into a ``StagedFile`` (the whole text is never
    held), then put in place like a streamed output; an error while the pieces are being made
    removes it like any other temporary file.
    """
    _check_targets(files, inputs, folders, streamed)
    whole = [(path, data) for path, data in files if isinstance(data, str | bytes)]
    staged: list[StagedFile] = []
    try:
        for path, data in files:
            if not isinstance(data, str | bytes):
                staged.append(StagedFile(path, inputs, folders))
                for chunk in data:
                    staged[-1].write(chunk)
        _write_whole(whole, inputs, folders, [*streamed, *staged])
    finally:
        for stage in staged:
            stage.discard()


def _check_targets(
    files: Sequence[tuple[Path, Payload]],
    inputs: Sequence[Path],
    folders: Sequence[Path],
    streamed: Sequence[StagedFile],
) -> list[Path]:
    """The resolved targets of the named (not ``-``) ``files``, after the refusals
    ``write_all_atomic`` lists (before anything is written)."""
    pipes = sum(is_stdout(path) for path, _ in files)
    named = [path for path, _ in files if not is_stdout(path)]
    if pipes + sum(is_stdout(f.path) for f in streamed) > 1:
        raise OutputError("two outputs are sent to standard output ('-')")
    targets = [_check_target(path, inputs, folders) for path in named]
    ends = [*targets, *(f.target for f in streamed if not is_stdout(f.path))]
    if len(set(ends)) < len(ends):
        name = named[0] if named else streamed[0].path
        raise OutputError(f"{name}: the same file is named for two outputs")
    return targets


def _write_whole(
    files: Sequence[tuple[Path, str | bytes]],
    inputs: Sequence[Path],
    folders: Sequence[Path],
    streamed: Sequence[StagedFile],
) -> None:
    """``write_all_atomic`` of whole contents and already staged outputs."""
    pipes = [(path, data) for path, data in files if is_stdout(path)]
    named = [(path, data) for path, data in files if not is_stdout(path)]
    targets = _check_targets(files, inputs, folders, streamed)
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
        for stream in streamed:
            current = stream.path
            stream.close()
            if not stream.direct:
                staged.append((stream.tmp, stream.target))
        for path, payload in direct:
            current = path
            _write_direct(path, payload)
        for _, data in pipes:
            _write_stdout(data.encode("utf-8") if isinstance(data, str) else data)
        for stream in streamed:
            if stream.direct:
                current = stream.path
                stream.copy_out()
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
    path: Path, data: Payload, inputs: Sequence[Path] = (), folders: Sequence[Path] = ()
) -> None:
    """Write one output (see ``write_all_atomic``)."""
    write_all_atomic([(path, data)], inputs, folders)
