"""The ``berakhlak`` command: a thin Typer layer (options -> load -> score -> render -> exit code).

Heavy libraries (pandas, pyarrow) are imported inside commands, so ``berakhlak --help`` and
``berakhlak rubric validate`` start fast.
"""

from __future__ import annotations

import typer

from berakhlak_cli import __version__
from berakhlak_cli.cli.compare import compare
from berakhlak_cli.cli.evidence import evidence_app
from berakhlak_cli.cli.report import report
from berakhlak_cli.cli.rubric import rubric_app
from berakhlak_cli.cli.score import score
from berakhlak_cli.cli.survey import survey_app

app = typer.Typer(
    name="berakhlak",
    help="Skor evaluasi budaya kerja ASN BerAKHLAK (survei + bukti dukung) / "
    "Score BerAKHLAK work-culture evaluations.",
    no_args_is_help=True,
    add_completion=False,
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
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Skor evaluasi budaya kerja ASN BerAKHLAK / Score BerAKHLAK work-culture evaluations."""


def main() -> None:
    """Console-script entry point."""
    app()
