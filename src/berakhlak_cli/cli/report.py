"""``berakhlak report``: one self-contained HTML (or PDF) report for leaders (prints on A4)."""

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
from berakhlak_cli.cli.options import (
    DEBUG,
    GENERATED_AT,
    LANG,
    QUIET,
    format_option,
    output_format,
    output_option,
)
from berakhlak_cli.cli.output_files import is_stdout, write_atomic
from berakhlak_cli.cli.years import (
    TITLE,
    UNITS_MAP,
    YEAR,
    load_comparison,
    results_files,
    warn_comparison,
)
from berakhlak_cli.errors import OutputError
from berakhlak_cli.model.rubric import Lang


class ReportFormat(StrEnum):
    """Output formats of ``report`` (also read from ``-o``'s name)."""

    HTML = "html"
    PDF = "pdf"


def report(
    files: list[Path] = results_files(
        "Results of one year or more: JSON from 'score -f json', or published figures "
        "(.yaml/.csv). One file gives a one-year report; two or more add the changes."
    ),
    output: Path | None = output_option(
        "Write the report here (atomically) instead of stdout; '-' is stdout."
    ),
    fmt: ReportFormat | None = format_option(
        "html (self-contained page) or pdf (A4, printed by headless Chromium; needs -o); "
        "default: from the -o name, else html."
    ),
    units_map: Path | None = UNITS_MAP,
    year: list[str] = YEAR,
    lang: Lang | None = LANG,
    title: str | None = TITLE,
    institution: str | None = typer.Option(
        None, "--institution", help="The institution's name, when the results do not carry it."
    ),
    period: str | None = typer.Option(
        None, "--period", help="The period shown under the title (default: the years)."
    ),
    when: str | None = GENERATED_AT,
    quiet: bool = QUIET,
    debug: bool = DEBUG,
) -> None:
    """Tulis laporan untuk pimpinan (satu tahun atau lebih): indeks, nilai, perilaku, unit,
    prioritas, halaman per unit, metode.

    Write the report (one year or more): index, values, behaviours, units, priorities, unit
    pages, method.
    """
    with boundary(debug, lang), private_matplotlib():
        from berakhlak_cli.render.report.pages import render_report

        when = generated_at(when)
        fmt = output_format(fmt, output, ReportFormat, ReportFormat.HTML, lang)
        if fmt == ReportFormat.PDF and (not output or is_stdout(output)):
            raise OutputError("--format pdf writes a file: give --output FILE.pdf")
        language = lang or Lang.ID
        comparison, inputs = load_comparison(
            files, year, units_map, language, quiet=quiet, minimum=1
        )
        page = render_report(
            comparison, language, provenance(inputs, when), title, institution, period
        )
        data: str | bytes = page
        if fmt == ReportFormat.PDF:
            from berakhlak_cli.cli.pdf import html_to_pdf

            data = html_to_pdf(page)
        if output:
            write_atomic(output, data, [path for _, path in inputs])
        else:
            echo(page)
        if not quiet:
            warn_comparison(comparison, language)
