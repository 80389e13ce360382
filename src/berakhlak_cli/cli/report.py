"""``berakhlak report``: one self-contained HTML report for leaders (prints on A4)."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import boundary, provenance, write_atomic
from berakhlak_cli.cli.options import DEBUG, GENERATED_AT, LANG, LangChoice
from berakhlak_cli.cli.years import (
    TITLE,
    UNITS_MAP,
    YEAR,
    load_comparison,
    warn_not_comparable,
)


def report(
    files: list[Path] = typer.Argument(
        ...,
        help="Results of two or more years: JSON from 'score -f json', or published figures "
        "(.yaml/.csv).",
        dir_okay=False,
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the HTML here (atomically) instead of stdout."
    ),
    units_map: Path | None = UNITS_MAP,
    year: list[str] = YEAR,
    lang: LangChoice | None = LANG,
    title: str | None = TITLE,
    when: str | None = GENERATED_AT,
    debug: bool = DEBUG,
) -> None:
    """Write the HTML report: index, values chart, unit heat map, ranking, coverage, method."""
    with boundary(debug):
        from berakhlak_cli.model.rubric import Lang
        from berakhlak_cli.render.html import render_report

        comparison, inputs = load_comparison(files, year, units_map)
        language = Lang(lang.value) if lang else Lang.ID
        page = render_report(comparison, language, provenance(inputs, when), title)
        if output:
            write_atomic(output, page, [path for _, path in inputs])
        else:
            typer.echo(page, nl=False)
        warn_not_comparable(comparison, language)
