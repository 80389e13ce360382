"""``berakhlak score`` with a ``kind: values_selection`` rubric (the 2022-2023 instrument)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer
from rich.markup import escape

from berakhlak_cli.cli.boundary import echo, err_console, out_console, provenance, warn
from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.cli.output_files import write_all_atomic
from berakhlak_cli.errors import ExitCode, OutputError, UsageError
from berakhlak_cli.model.rubric import Lang, Rubric

ISSUES_SHOWN = 10


def score_values_selection(
    survey: Path,
    model: Rubric,
    inputs: list[tuple[str, Path]],
    *,
    by: tuple[str, ...],
    fmt: OutputFormat,
    output: Path | None,
    headcounts: dict[str, int] | None,
    refused: list[tuple[str, bool]],
    year: int | None,
    sheet: str | None,
    encoding: str | None,
    lang: Lang,
    when: str | None,
    strict: bool,
    quiet: bool,
    issues: Path | None,
) -> None:
    """Score, render and write (all outputs or none), then list the first issues."""
    from berakhlak_cli.api.selection import score_selection
    from berakhlak_cli.render import values_selection as vs
    from berakhlak_cli.render.issues.issues_file import issues_csv_chunks, issues_csv_header
    from berakhlak_cli.render.issues.lines import issue_line, more_line

    for option, given in refused:
        if given:
            raise UsageError(say("selection_refuses", lang, option=option))
    if fmt == OutputFormat.XLSX:
        raise OutputError(say("selection_refuses", lang, option="--format xlsx"))
    result, source = score_selection(
        survey, model, group_by=by, headcounts=headcounts, sheet=sheet, encoding=encoding
    )
    for message in source.plan.warnings:
        warn(message)
    prov = replace(provenance(inputs, when), survey_year=year)
    if fmt == OutputFormat.JSON:
        text = vs.render_selection_json(result, model, prov)
    elif fmt == OutputFormat.CSV:
        text = vs.render_selection_csv(result, model)
    elif fmt == OutputFormat.MARKDOWN:
        text = vs.render_selection_markdown(result, model, lang)
    else:
        console = out_console()
        with console.capture() as capture:
            console.print(vs.render_selection_table(result, model, lang))
        text = capture.get()
    files: list[tuple[Path, str | bytes]] = [(output, text)] if output else []
    if issues:
        listing = issues_csv_header() + "".join(issues_csv_chunks(iter(result.issues)))
        files.append((issues, listing))
    write_all_atomic(files, [p for _, p in inputs], [], [])
    if not output:
        echo(text)
    if not quiet:
        for issue in result.issues[:ISSUES_SHOWN]:
            line = escape(issue_line(issue, lang))
            code, _, rest = line.partition(" ")
            err_console.print(
                f"[dim]{code}[/] {rest}", markup=True, highlight=False, soft_wrap=True
            )
        remaining = result.issue_total - min(ISSUES_SHOWN, len(result.issues))
        if remaining > 0:
            err_console.print(
                escape(more_line(remaining, issues is not None, lang)), highlight=False
            )
    if strict and result.issue_total:
        raise typer.Exit(int(ExitCode.ISSUES))
