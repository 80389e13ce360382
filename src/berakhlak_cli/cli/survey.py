"""``berakhlak survey check``: how a survey file is understood, before scoring it.

Exit codes: 0 the file would score without issues; 1 it would score, with data issues
(unknown labels, excluded rows, units short of their minimum, ...); 2 it cannot be scored
(no column for an item, ambiguous headers, unreadable file).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import boundary, out_console, warn
from berakhlak_cli.cli.options import DEBUG, LANG, RUBRIC, command_group, format_option
from berakhlak_cli.errors import UsageError
from berakhlak_cli.model.rubric import Lang

survey_app = command_group(
    "survey", "Periksa berkas survei sebelum dinilai / Check survey files before scoring."
)


class CheckFormat(StrEnum):
    """Output formats of ``survey check``."""

    TABLE = "table"
    JSON = "json"


@survey_app.command()
def check(
    survey: Path = typer.Argument(..., help="Survey file: .csv, .xlsx or .parquet."),
    rubric: Path | None = RUBRIC,
    units: Path | None = typer.Option(
        None, "--units", help="units.csv with each unit's headcount (response rate, minimum)."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet to read from an .xlsx file."),
    encoding: str | None = typer.Option(None, "--encoding", help="Text encoding of a CSV."),
    fmt: CheckFormat = format_option("table or json.", CheckFormat.TABLE),
    lang: Lang | None = LANG,
    debug: bool = DEBUG,
) -> None:
    """Show how every column was read, the answers per item, rows, and each unit's progress.

    Never shows the values of identifying or respondent-id columns. Exit 0 when the file
    would score cleanly, 1 when it would score with data issues, 2 when it cannot be scored.
    """
    with boundary(debug):
        from berakhlak_cli.api.check import check_survey
        from berakhlak_cli.loaders.rubric.load import load_rubric
        from berakhlak_cli.loaders.units.headcounts import load_units
        from berakhlak_cli.render.survey_check import render_check_json, render_check_table

        model = load_rubric(rubric)
        if model.selection is not None:
            raise UsageError(
                f"{rubric}: survey check reads Likert surveys; a values-selection rubric "
                "(kind: values_selection) is checked by scoring it: berakhlak score"
            )
        headcounts = load_units(units, model, warn=warn) if units else None
        report = check_survey(survey, model, headcounts=headcounts, sheet=sheet, encoding=encoding)
        if fmt == CheckFormat.JSON:
            typer.echo(render_check_json(report), nl=False)
        else:
            from berakhlak_cli.cli.boundary import note

            for message in report.notes:
                note(message)
            language = lang or model.locale
            out_console().print(render_check_table(report, language))
        if report.exit_code:
            raise typer.Exit(report.exit_code)
