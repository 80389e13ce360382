"""``berakhlak report``: one self-contained HTML report for leaders (prints on A4)."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import boundary, provenance, warn, write_atomic
from berakhlak_cli.cli.options import DEBUG, GENERATED_AT, LANG, LangChoice
from berakhlak_cli.cli.years import TITLE, UNITS_MAP, YEAR, read_years


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
        from berakhlak_cli.render.compare_text import describe
        from berakhlak_cli.render.html import render_report
        from berakhlak_cli.scoring.compare import build_comparison

        years, renames = read_years(files, year, units_map)
        comparison = build_comparison(years, renames)
        language = Lang(lang.value) if lang else Lang.ID
        inputs = [(f"results-{y.year}", Path(y.source)) for y in comparison.years]
        if units_map:
            inputs.append(("units-map", units_map))
        page = render_report(comparison, language, provenance(inputs, when), title)
        if output:
            write_atomic(output, page, [path for _, path in inputs])
        else:
            typer.echo(page, nl=False)
        for check in comparison.checks:
            if not check.comparable:
                what = "; ".join(describe(check, language))
                warn(f"{check.old.year} -> {check.new.year} not comparable: {what}")
