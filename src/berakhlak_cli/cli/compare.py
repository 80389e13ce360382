"""``berakhlak compare``: the same institution across years, with comparability warnings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from berakhlak_cli.cli.boundary import (
    boundary,
    echo,
    generated_at,
    out_console,
    private_matplotlib,
    provenance,
    stdout_is_terminal,
)
from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.options import (
    DEBUG,
    FORMAT,
    GENERATED_AT,
    LANG,
    OUTPUT,
    QUIET,
    output_format,
)
from berakhlak_cli.cli.output_files import is_stdout, write_atomic
from berakhlak_cli.cli.years import (
    UNITS_MAP,
    YEAR,
    load_comparison,
    results_files,
    warn_comparison,
)
from berakhlak_cli.errors import OutputError
from berakhlak_cli.model.rubric import Lang

if TYPE_CHECKING:
    from berakhlak_cli.model.comparison import Comparison
    from berakhlak_cli.model.results import Provenance


class CompareFormat(StrEnum):
    """Output formats of ``compare``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"


def compare(
    files: list[Path] = results_files(
        "Results of two or more years: JSON from 'score -f json', or published figures "
        "(.yaml/.csv)."
    ),
    fmt: CompareFormat | None = FORMAT,
    output: Path | None = OUTPUT,
    units_map: Path | None = UNITS_MAP,
    year: list[str] = YEAR,
    lang: Lang | None = LANG,
    when: str | None = GENERATED_AT,
    quiet: bool = QUIET,
    debug: bool = DEBUG,
) -> None:
    """Bandingkan antartahun: indeks, nilai dan unit, lama -> baru, dengan setiap perbedaan.

    Compare years: index, values and units, old -> new, with every comparability difference.
    """
    with boundary(debug, lang), private_matplotlib():
        when = generated_at(when)
        fmt = output_format(fmt, output, CompareFormat, CompareFormat.TABLE, lang)
        if fmt == CompareFormat.XLSX and (not output or is_stdout(output) and stdout_is_terminal()):
            raise OutputError(say("xlsx_needs_output", lang))
        language = lang or Lang.ID
        comparison, inputs = load_comparison(files, year, units_map, language, quiet=quiet)
        prov = provenance(inputs, when)
        data = _render(fmt, comparison, language, prov)
        if output:
            write_atomic(output, data, [path for _, path in inputs])
        else:
            echo(data)
        if not quiet:
            # NOTE: the table shows the not-comparable warning itself; files and pipes need it
            # on stderr too, where a person sees it.
            warn_comparison(comparison, language, table=fmt == CompareFormat.TABLE and not output)


def _render(
    fmt: CompareFormat, comparison: Comparison, language: Lang, prov: Provenance
) -> str | bytes:
    if fmt == CompareFormat.JSON:
        from berakhlak_cli.render.compare.flat import render_comparison_json

        return render_comparison_json(comparison, prov)
    if fmt == CompareFormat.CSV:
        from berakhlak_cli.render.compare.flat import render_comparison_csv

        return render_comparison_csv(comparison)
    if fmt == CompareFormat.MARKDOWN:
        from berakhlak_cli.render.compare.flat import render_comparison_markdown

        return render_comparison_markdown(comparison, language)
    if fmt == CompareFormat.HTML:
        from berakhlak_cli.render.report.pages import render_compare_html

        return render_compare_html(comparison, language, prov)
    if fmt == CompareFormat.XLSX:
        from berakhlak_cli.render.compare.xlsx import comparison_sheets
        from berakhlak_cli.render.xlsx import render_xlsx

        return render_xlsx(comparison_sheets(comparison, language), prov.generated_at)
    from berakhlak_cli.render.compare.terminal import render_comparison

    console = out_console()
    with console.capture() as capture:
        console.print(render_comparison(comparison, language))
    return capture.get()
