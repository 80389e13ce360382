"""The ``berakhlak`` command: a thin Typer layer (options -> load -> score -> render -> exit code).

Heavy libraries (pandas, pyarrow) are imported inside commands, so ``berakhlak --help`` and
``berakhlak rubric validate`` start fast.
"""

from __future__ import annotations

import io
import sys

import typer

from berakhlak_cli import __version__
from berakhlak_cli.cli.compare import compare
from berakhlak_cli.cli.evidence import evidence_app
from berakhlak_cli.cli.help_text import LocalisedGroup
from berakhlak_cli.cli.report import report
from berakhlak_cli.cli.rubric import rubric_app
from berakhlak_cli.cli.score import score
from berakhlak_cli.cli.survey import survey_app

app = typer.Typer(
    name="berakhlak",
    cls=LocalisedGroup,
    help="Skor evaluasi budaya kerja ASN BerAKHLAK (survei + bukti dukung) / "
    "Score BerAKHLAK work-culture evaluations.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command()(score)
app.command()(compare)
app.command()(report)
app.add_typer(evidence_app, name="evidence")
app.add_typer(rubric_app, name="rubric")
app.add_typer(survey_app, name="survey")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"berakhlak-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Tampilkan versi lalu keluar / Show the version and exit.",
    ),
) -> None:
    """Skor evaluasi budaya kerja ASN BerAKHLAK / Score BerAKHLAK work-culture evaluations."""


def _lenient_streams() -> None:
    """A character stdout/stderr cannot encode (latin-1, cp437, cp850, cp1252 consoles: an en
    dash, a unit name) is printed as a replacement character instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    _lenient_streams()
    app()
