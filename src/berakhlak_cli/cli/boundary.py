"""What only the CLI does: consoles, the error boundary, the clock, hashing and atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.output_files import write_all_atomic
from berakhlak_cli.errors import BerakhlakError, ExitCode, UsageError
from berakhlak_cli.model.results import Provenance
from berakhlak_cli.render.cell_text import visible

err_console = Console(stderr=True, highlight=False)
_message_lang: ContextVar[str | None] = ContextVar("message_lang", default=None)
"""The language of this run's messages (``--lang``, else BERAKHLAK_LANG, else Indonesian)."""


def message_lang(lang: str | None = None) -> str:
    """``en`` or ``id``: ``lang`` when given, else BERAKHLAK_LANG, else Indonesian."""
    chosen = lang or _message_lang.get() or os.environ.get("BERAKHLAK_LANG", "")
    return "en" if str(chosen).strip().lower().startswith("en") else "id"


def in_lang(message: str) -> str:
    """A loader's or writer's English message in this run's language (``render.catalogue``)."""
    from berakhlak_cli.render.language.catalogue import translate

    return translate(message, message_lang())


PIPE_WIDTH = 160


def out_console() -> Console:
    """A console on stdout (made per call so tests' captured streams are honoured).

    Piped or redirected output gets a fixed wide width instead of rich's 80-column default, so
    a table saved to a file is not squeezed; ``COLUMNS`` in the environment still wins.
    """
    explicit = os.environ.get("COLUMNS", "").isdigit()
    # NOTE: ask the stream, not rich: FORCE_COLOR makes rich treat a pipe as a terminal.
    return Console(highlight=False, width=None if stdout_is_terminal() or explicit else PIPE_WIDTH)


def stdout_is_terminal() -> bool:
    """True when stdout is a terminal (a workbook is never written there)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Terminated(BaseException):
    """SIGTERM arrived: unwind like an interrupt, so temporary files are removed on the way."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def boundary(debug: bool, lang: str | None = None) -> Iterator[None]:
    """Turn project errors into one line + exit code; anything else into exit 3.

    The line is in the run's language: loaders raise English, and ``render.catalogue`` gives
    the Indonesian text (English stays when a message has no entry yet).

    ``--debug`` adds the traceback on stderr and keeps the exit code. SIGINT exits 130 and
    SIGTERM 143 (128 + signal number), after the outputs' temporary files are removed.
    """
    token = _message_lang.set(message_lang(lang))
    try:
        with _sigterm_unwinds():
            yield
    except (typer.Exit, typer.Abort):
        raise
    except BerakhlakError as exc:
        _traceback(debug)
        err_console.print(
            f"[bold red]error:[/] {escape(visible(in_lang(str(exc))))}", soft_wrap=True
        )
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        err_console.print(say("interrupted", lang), markup=False)
        raise typer.Exit(128 + signal.SIGINT) from None
    except Terminated:
        err_console.print(say("interrupted", lang), markup=False)
        raise typer.Exit(128 + signal.SIGTERM) from None
    except Exception as exc:
        _traceback(debug)
        if isinstance(exc, OSError) and exc.filename is not None:
            # NOTE: an OSError naming a path is the system refusing a file the user named (a
            # name too long, no permission on the way, disk full), not a bug: exit 2.
            what = visible(f"{exc.filename}: {exc.strerror or exc}")
            err_console.print(f"[bold red]error:[/] {escape(what)}", soft_wrap=True)
            raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
        err_console.print(
            f"[bold red]internal error:[/] {escape(type(exc).__name__)}: {escape(str(exc))} "
            + escape(say("internal", lang)),
            soft_wrap=True,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None
    finally:
        _message_lang.reset(token)


def _traceback(debug: bool) -> None:
    if debug:
        traceback.print_exc(file=sys.stderr)


def warn(message: str) -> None:
    """A one-line warning on stderr."""
    err_console.print(f"[yellow]warning:[/] {escape(visible(in_lang(message)))}", soft_wrap=True)


def note(message: str) -> None:
    """A one-line note on stderr (how something was understood; nothing is wrong)."""
    err_console.print(f"[cyan]note:[/] {escape(visible(in_lang(message)))}", soft_wrap=True)


def generated_at(explicit: str | None) -> str:
    """--generated-at, else SOURCE_DATE_EPOCH (reproducible builds), else now (UTC).

    --generated-at must be an ISO 8601 date or date-time (``2024-06-30T09:00:00+07:00``) and
    SOURCE_DATE_EPOCH a whole number of seconds since 1970-01-01 UTC; anything else is a usage
    error (exit 2), never written into an output.
    """
    if explicit is not None:
        try:
            dt.datetime.fromisoformat(explicit)
        except ValueError:
            raise UsageError(
                f"--generated-at {explicit!r}: not an ISO 8601 date or date-time "
                "(e.g. 2024-06-30 or 2024-06-30T09:00:00+07:00)"
            ) from None
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch, 10), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH {epoch!r}: not a whole number of seconds since 1970-01-01 UTC"
            ) from None
        return moment.isoformat(timespec="seconds")
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def echo(text: str | bytes) -> None:
    """Write a rendered output to stdout, keeping colour when FORCE_COLOR asks for it.

    click strips colour codes whenever stdout is not a terminal; FORCE_COLOR (set, not empty,
    and NO_COLOR not set) keeps them, as rich does on stderr.
    """
    if isinstance(text, bytes):
        write_all_atomic([(Path("-"), text)])
        return
    force = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    typer.echo(text, nl=False, color=True if force else None)


def provenance(
    inputs: Sequence[tuple[str, Path]], when: str | None, known: Mapping[Path, str] | None = None
) -> Provenance:
    """Provenance record for the given (role, path) inputs; ``known`` holds digests already
    taken while the file was read (so no input is read a second time just to hash it)."""
    from berakhlak_cli.api.provenance import make_provenance

    return make_provenance(inputs, generated_at(when), known)


@contextmanager
def private_matplotlib() -> Iterator[None]:
    """Point matplotlib at a temporary config/cache folder for this run, removed afterwards.

    Otherwise it writes a font cache under ~/.config or ~/.cache (outside every output the
    user named) and, when HOME is not writable, prints a warning about it on stderr. Must be
    entered before matplotlib is imported (the report's charts import it).
    """
    previous = os.environ.get("MPLCONFIGDIR")
    with tempfile.TemporaryDirectory(prefix="berakhlak-mpl-") as folder:
        os.environ["MPLCONFIGDIR"] = folder
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("MPLCONFIGDIR", None)
            else:
                os.environ["MPLCONFIGDIR"] = previous
