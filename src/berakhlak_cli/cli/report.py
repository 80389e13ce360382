"""``berakhlak report``: one self-contained HTML report for leaders (prints on A4)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import (
    boundary,
    echo,
    generated_at,
    private_matplotlib,
    provenance,
)
from berakhlak_cli.cli.options import DEBUG, GENERATED_AT, LANG, QUIET, LangChoice, output_format
from berakhlak_cli.cli.output_files import write_atomic
from berakhlak_cli.cli.years import (
    TITLE,
    UNITS_MAP,
    YEAR,
    load_comparison,
    warn_comparison,
)


class ReportFormat(StrEnum):
    """``report`` writes HTML only; the name is checked against it like other commands'."""

    HTML = "html"


def report(
    files: list[Path] = typer.Argument(
        ...,
        help="Results of two or more years: JSON from 'score -f json', or published figures "
        "(.yaml/.csv).",
        dir_okay=False,
        metavar="FILE",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write the HTML here (atomically) instead of stdout; '-' is stdout.",
    ),
    units_map: Path | None = UNITS_MAP,
    year: list[str] = YEAR,
    lang: LangChoice | None = LANG,
    title: str | None = TITLE,
    when: str | None = GENERATED_AT,
    quiet: bool = QUIET,
    debug: bool = DEBUG,
) -> None:
    """Tulis laporan HTML untuk pimpinan: indeks, grafik nilai, peta unit, peringkat, metode.

    Write the HTML report: index, values chart, unit heat map, ranking, coverage, method.
    """
    with boundary(debug, lang), private_matplotlib():
        from berakhlak_cli.model.rubric import Lang
        from berakhlak_cli.render.html import render_report

        when = generated_at(when)
        output_format(None, output, ReportFormat, ReportFormat.HTML, lang)
        language = Lang(lang.value) if lang else Lang.ID
        comparison, inputs = load_comparison(files, year, units_map, language, quiet=quiet)
        page = render_report(comparison, language, provenance(inputs, when), title)
        if output:
            write_atomic(output, page, [path for _, path in inputs])
        else:
            echo(page)
        if not quiet:
            warn_comparison(comparison, language)
