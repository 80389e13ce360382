"""Option definitions and choices shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


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


class LangChoice(StrEnum):
    """Report language."""

    ID = "id"
    EN = "en"


RUBRIC = typer.Option(
    None,
    "--rubric",
    "-r",
    help="Rubric YAML file (default: the shipped KemenPANRB rubric).",
    dir_okay=False,
)
OUTPUT = typer.Option(
    None, "--output", "-o", help="Write to this file (atomically) instead of stdout."
)
LANG = typer.Option(None, "--lang", help="Language of labels: id (default) or en.")
DEBUG = typer.Option(False, "--debug", help="Show the full traceback on errors.")
GENERATED_AT = typer.Option(
    None, "--generated-at", help="Timestamp to record (default: SOURCE_DATE_EPOCH, else now)."
)
STRICT = typer.Option(False, "--strict", help="Exit 1 when any data issue was found.")

__all__ = [
    "DEBUG",
    "GENERATED_AT",
    "LANG",
    "OUTPUT",
    "RUBRIC",
    "STRICT",
    "Detail",
    "LangChoice",
    "OutputFormat",
    "Path",
]
