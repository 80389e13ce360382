"""Option definitions and choices shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer

from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.output_files import is_stdout
from berakhlak_cli.errors import UsageError


class OutputFormat(StrEnum):
    """Output formats of ``score``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    XLSX = "xlsx"


class Detail(StrEnum):
    """How much ``score`` shows."""

    VALUES = "values"
    BEHAVIOURS = "behaviours"


def command_group(name: str, help: str) -> typer.Typer:
    """A command group (``berakhlak rubric ...``): bare, it prints its help; ``help`` is bilingual
    and shown as written (no rich markup), like the root's."""
    return typer.Typer(name=name, help=help, no_args_is_help=True, rich_markup_mode=None)


RUBRIC = typer.Option(
    None,
    "--rubric",
    "-r",
    metavar="FILE",
    help="Rubric YAML file (default: the shipped KemenPANRB rubric).",
    dir_okay=False,
)


def output_option(help: str, default: Any = None) -> Any:
    """``--output/-o FILE``, ``help`` saying what is written there (``...``: required)."""
    return typer.Option(default, "--output", "-o", metavar="FILE", help=help)


def format_option(help: str, default: Any = None) -> Any:
    """``--format/-f``, ``help`` listing the command's formats and the default."""
    return typer.Option(default, "--format", "-f", help=help)


OUTPUT = output_option(
    "Write to this file (atomically) instead of stdout; '-' is stdout. Without --format "
    "the format follows the name (.json, .csv, .md, .xlsx, .html)."
)
FORMAT = format_option("Output format (default: from the --output name, else table).")
LANG = typer.Option(
    None, "--lang", metavar="LANG", help="Language of labels and messages: id (default) or en."
)
DEBUG = typer.Option(
    False, "--debug", help="Also show the traceback on errors (the exit code stays the same)."
)
GENERATED_AT = typer.Option(
    None,
    "--generated-at",
    metavar="DATETIME",
    help="ISO 8601 timestamp to record (default: SOURCE_DATE_EPOCH, else now).",
)
STRICT = typer.Option(False, "--strict", help="Exit 1 when any data issue was found.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print no warnings or issues on stderr.")

SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
"""The format an output's name asks for; a mismatch with --format is refused."""

F = TypeVar("F", bound=StrEnum)


def output_format(
    fmt: F | None, output: Path | None, choices: type[F], default: F, lang: str | None
) -> F:
    """--format, else the format of --output's name, else ``default``; refuse a contradiction
    (``-f table -o hasil.json`` would put a terminal table into a .json file)."""
    named = None
    if output is not None and not is_stdout(output):
        suffix = output.suffix.lower()
        named = next((c for c in choices if c.value == SUFFIX_FORMATS.get(suffix)), None)
        if suffix in SUFFIX_FORMATS and named is None:
            raise UsageError(say("format_unavailable", lang, output=output, suffix=suffix))
        if fmt is not None and suffix in SUFFIX_FORMATS and named != fmt:
            raise UsageError(say("format_mismatch", lang, output=output, suffix=suffix, fmt=fmt))
    return fmt or named or default


__all__ = [
    "DEBUG",
    "FORMAT",
    "GENERATED_AT",
    "LANG",
    "OUTPUT",
    "QUIET",
    "RUBRIC",
    "STRICT",
    "Detail",
    "command_group",
    "format_option",
    "output_format",
    "output_option",
    "OutputFormat",
    "Path",
]
