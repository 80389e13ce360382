"""What only the CLI does: consoles, the error boundary, the clock, hashing and atomic writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from berakhlak_cli import __version__
from berakhlak_cli.errors import BerakhlakError, ExitCode, OutputError
from berakhlak_cli.model.results import InputRef, Provenance

err_console = Console(stderr=True, highlight=False)


PIPE_WIDTH = 160


def out_console() -> Console:
    """A console on stdout (made per call so tests' captured streams are honoured).

    Piped or redirected output gets a fixed wide width instead of rich's 80-column default, so
    a table saved to a file is not squeezed; ``COLUMNS`` in the environment still wins.
    """
    probe = Console()
    explicit = os.environ.get("COLUMNS", "").isdigit()
    return Console(highlight=False, width=None if probe.is_terminal or explicit else PIPE_WIDTH)


@contextmanager
def boundary(debug: bool) -> Iterator[None]:
    """Turn project errors into one line + exit code; anything else into exit 3."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BerakhlakError as exc:
        if debug:
            raise
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            raise
        err_console.print(
            f"[bold red]internal error:[/] {escape(type(exc).__name__)}: {escape(str(exc))} "
            "(a bug; rerun with --debug for the traceback and report it)",
            soft_wrap=True,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def warn(message: str) -> None:
    """A one-line warning on stderr."""
    err_console.print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True)


def generated_at(explicit: str | None) -> str:
    """--generated-at, else SOURCE_DATE_EPOCH (reproducible builds), else now (UTC)."""
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat(timespec="seconds")
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def provenance(inputs: Sequence[tuple[str, Path]], when: str | None) -> Provenance:
    """Provenance record for the given (role, path) inputs."""
    refs = tuple(InputRef(role, path.name, sha256_file(path)) for role, path in inputs)
    return Provenance(__version__, generated_at(when), refs)


def write_atomic(path: Path, data: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file.

    Refuses to overwrite any of ``inputs`` (the user's data must never be lost).
    """
    write_all_atomic([(path, data)], inputs)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check_target(path: Path, inputs: Sequence[Path]) -> Path:
    target = path.resolve()
    for source in inputs:
        if _same_file(source, target) or source.resolve() == target:
            raise OutputError(f"{path}: refusing to overwrite an input file")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    if not target.parent.exists():
        raise OutputError(f"{path}: folder {target.parent} does not exist")
    return target


class StagedFile:
    """An output written piece by piece (``--issues`` while scoring runs) into a temporary
    file beside its target; ``write_all_atomic`` renames it with the others, ``discard``
    removes it when the run fails (so a failed run still leaves no output)."""

    def __init__(self, path: Path, inputs: Sequence[Path] = ()) -> None:
        self.path = path
        self.target = _check_target(path, inputs)
        try:
            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent
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
        """Flush and close (before the rename)."""
        if not self.handle.closed:
            self.handle.close()

    def discard(self) -> None:
        """Remove the temporary file if it was not renamed into place."""
        self.close()
        Path(self.tmp).unlink(missing_ok=True)


def write_all_atomic(
    files: Sequence[tuple[Path, str | bytes]],
    inputs: Sequence[Path] = (),
    streamed: Sequence[StagedFile] = (),
) -> None:
    """Write several files all-or-nothing: every target is checked and every temporary file is
    written before the first is renamed into place; on any failure no target is touched and
    the temporary files are removed. Refuses to overwrite ``inputs`` or to write one file twice.
    ``streamed`` files, already written, are renamed together with the others.
    """
    targets = [_check_target(path, inputs) for path, _ in files]
    if len(set(targets) | {s.target for s in streamed}) < len(targets) + len(streamed):
        name = files[0][0] if files else streamed[0].path
        raise OutputError(f"{name}: the same file is named for two outputs")
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for (path, data), target in zip(files, targets, strict=True):
            current = path
            payload = data.encode("utf-8") if isinstance(data, str) else data
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            # NOTE: mkstemp creates 0600 files; an output should get the permissions any new
            # file gets here (0666 less the umask), e.g. a report shared on a team folder.
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
        for stream in streamed:
            current = stream.path
            stream.close()
            staged.append((stream.tmp, stream.target))
        for tmp, target in staged:
            current = target
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{current}: cannot write ({exc.strerror})") from None
