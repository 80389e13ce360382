"""``berakhlak score``: score a survey and show or write the results."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from berakhlak_cli.cli.boundary import (
    boundary,
    echo,
    err_console,
    generated_at,
    note,
    out_console,
    provenance,
    stdout_is_terminal,
    warn,
)
from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.options import (
    DEBUG,
    FORMAT,
    GENERATED_AT,
    LANG,
    OUTPUT,
    RUBRIC,
    STRICT,
    Detail,
    OutputFormat,
    output_format,
)
from berakhlak_cli.cli.output_files import STDOUT, Payload, StagedFile, is_stdout, write_all_atomic
from berakhlak_cli.cli.progress import survey_progress
from berakhlak_cli.errors import ExitCode, OutputError, UsageError
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.model.years import parse_year, year_hint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from berakhlak_cli.model.results import Issue, Scoresheet

ISSUES_SHOWN = 10


def score(
    survey: Path = typer.Argument(..., help="Survey file: .csv (, ; or tab), .xlsx or .parquet."),
    rubric: Path | None = RUBRIC,
    by: list[str] = typer.Option(
        [],
        "--by",
        metavar="COLUMN",
        help="Group by this column instead of the unit (repeat for a cross-breakdown).",
    ),
    level: list[str] = typer.Option(
        [],
        "--level",
        metavar="COLUMN",
        help="Score a hierarchy in one run, outermost level first (repeat: --level instansi "
        "--level unit_kerja): one row per group at every level, with the top row above.",
    ),
    fmt: OutputFormat | None = FORMAT,
    output: Path | None = OUTPUT,
    units: Path | None = typer.Option(
        None,
        "--units",
        metavar="FILE",
        help="units.csv with each unit's headcount (minimum respondents).",
    ),
    issues: Path | None = typer.Option(
        None,
        "--issues",
        metavar="FILE",
        help="Write every data issue (row, column, reason) to this CSV file.",
    ),
    evidence: Path | None = typer.Option(
        None,
        "--evidence",
        metavar="FILE",
        help="Evidence checklist (bukti dukung, .csv or .xlsx): adds each unit's evidence score "
        "and the combined index.",
    ),
    evidence_dir: Path | None = typer.Option(
        None,
        "--evidence-dir",
        metavar="FOLDER",
        help="Folder holding the checklist's documents: every reference must exist inside it "
        "(nothing is ever written inside it).",
    ),
    gaps: bool = typer.Option(
        False,
        "--gaps",
        help="Show each unit's unmet evidence items and the points they would add (with "
        "--format csv, write that list instead of the results; with xlsx, add a sheet).",
    ),
    year: int | None = typer.Option(
        None,
        "--year",
        metavar="YEAR",
        help="The survey year, recorded in the results (compare and report then need no "
        "--year for the file).",
    ),
    sheet: str | None = typer.Option(
        None, "--sheet", metavar="NAME", help="Worksheet to read from an .xlsx file."
    ),
    detail: Detail = typer.Option(
        Detail.VALUES,
        "--detail",
        help="values: the score table; behaviours: also each behaviour's score and answer "
        "distribution (with --format csv, write that table instead of the results).",
    ),
    encoding: str | None = typer.Option(
        None,
        "--encoding",
        metavar="ENCODING",
        help="Text encoding of a CSV (default: UTF-8, cp1252 fallback).",
    ),
    lang: Lang | None = LANG,
    strict: bool = STRICT,
    when: str | None = GENERATED_AT,
    batch_rows: int | None = typer.Option(None, "--batch-rows", hidden=True, min=1),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress bar and no issue listing on stderr."
    ),
    debug: bool = DEBUG,
) -> None:
    """Nilai survei dengan rubrik: satu baris per unit ditambah seluruh instansi.

    Score a survey against the rubric: one row per unit plus the whole institution.
    """
    with boundary(debug, lang):
        for option, given in (("--evidence-dir", evidence_dir), ("--gaps", gaps)):
            if given and not evidence:
                raise UsageError(say("needs", lang, option=option, companion="--evidence FILE"))
        if level and by:
            raise UsageError(say("level_with_by", lang))
        if level and evidence:
            raise UsageError(say("level_with_evidence", lang))
        if year is not None and parse_year(str(year)) is None:
            raise UsageError(f"--year {year}: {year_hint()}")
        when = generated_at(when)
        fmt = output_format(fmt, output, OutputFormat, OutputFormat.TABLE, lang)
        if fmt == OutputFormat.XLSX and (not output or is_stdout(output) and stdout_is_terminal()):
            raise OutputError(say("xlsx_needs_output", lang))
        from berakhlak_cli.api.score import score_survey_file
        from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
        from berakhlak_cli.model.levels import chosen_levels
        from berakhlak_cli.render.issues.issues_file import issues_csv_chunks, issues_csv_header

        rubric_path = rubric or default_rubric_path()
        model = load_rubric(rubric_path)
        levels = chosen_levels(model.levels, level, by)
        if levels and evidence:
            raise UsageError(say("level_with_evidence", lang))
        if levels and detail == Detail.BEHAVIOURS:
            raise UsageError(say("level_with_behaviours", lang))
        if levels and units:
            from berakhlak_cli.loaders.units.levels import has_level_column

            if not has_level_column(units):
                raise UsageError(say("level_units", lang, units=units))
        inputs = [("rubric", rubric_path), ("survey", survey)]
        if units:
            inputs.append(("units", units))
        if model.selection is not None:
            from berakhlak_cli.cli.score_selection import score_values_selection
            from berakhlak_cli.loaders.units.headcounts import load_units

            headcounts = load_units(units, model, warn=warn) if units and not levels else None
            behaviours = detail == Detail.BEHAVIOURS
            refused = [
                ("--evidence", evidence is not None),
                ("--detail behaviours", behaviours),
                ("--level", bool(levels)),
            ]
            score_values_selection(
                survey, model, inputs, by=tuple(by), fmt=fmt, output=output,
                headcounts=headcounts, refused=refused, year=year, sheet=sheet,
                encoding=encoding, lang=lang or model.locale, when=when,
                strict=strict, quiet=quiet, issues=issues,
            )  # fmt: skip
            return
        if evidence:
            inputs.append(("evidence", evidence))
        protected = [p for _, p in inputs]
        folders = [evidence_dir] if evidence_dir else []
        # NOTE: every issue is streamed to a temporary file while scoring runs (memory stays
        # flat however many there are); it is renamed with the other outputs, or removed.
        listing = StagedFile(issues, protected, folders) if issues else None
        try:
            sink = None
            if listing is not None:
                listing.write(issues_csv_header())

                def sink(batch: Iterator[Issue], out: StagedFile = listing) -> None:
                    for chunk in issues_csv_chunks(batch):
                        out.write(chunk)

            with survey_progress(survey, err_console, enabled=not quiet) as tick:
                sheet_out, source, headcounts = score_survey_file(
                    survey,
                    model,
                    units=units,
                    group_by=tuple(by),
                    levels=levels,
                    sheet=sheet,
                    encoding=encoding,
                    batch_rows=batch_rows,
                    on_batch=tick,
                    on_issues=sink,
                    warn=warn,
                )
            for message in source.plan.warnings:
                warn(message)
            if not quiet:
                for message in source.plan.notes:
                    note(message)
            if evidence:
                from berakhlak_cli.api.evidence import score_evidence

                sheet_out, checklist = score_evidence(
                    sheet_out,
                    model,
                    evidence,
                    evidence_dir=evidence_dir,
                    known_units=headcounts or (),
                    on_issues=sink,
                )
                for message in checklist.warnings:
                    warn(message)
            language = lang or model.locale
            # NOTE: the rubric and the survey were hashed as they were read (read once).
            digests = {rubric_path: model.sha256, survey: source.sha256() or ""}
            prov = replace(provenance(inputs, when, digests), survey_year=year)
            text = _render(fmt, sheet_out, model, language, prov, gaps, detail == Detail.BEHAVIOURS)
            # NOTE: everything is rendered before anything is written, and all files are
            # renamed into place together: a failed run leaves no output (and no stale half).
            # JSON comes in pieces, staged as they are made (memory stays flat), to stdout too
            # when there is no -o, unless `--issues -` has it: then it is printed after them.
            if not output and listing is not None and is_stdout(listing.path):
                text = text if isinstance(text, str | bytes) else "".join(text)
            target = output or (None if isinstance(text, str | bytes) else Path(STDOUT))
            files: list[tuple[Path, Payload]] = [(target, text)] if target else []
            write_all_atomic(files, protected, folders, [listing] if listing else [])
        finally:
            if listing is not None:
                listing.discard()
        if not target and isinstance(text, str | bytes):
            echo(text)
        if not quiet:
            _report_issues(sheet_out, issues is not None, language)
        if strict and sheet_out.has_issues:
            raise typer.Exit(int(ExitCode.ISSUES))


def _render(  # type: ignore[no-untyped-def]
    fmt: OutputFormat, sheet, model, language, prov, gaps=False, behaviours=False
) -> Payload:
    # NOTE: each format imports only its renderer (behaviour_rows pulls in openpyxl, 70 ms).
    if fmt == OutputFormat.JSON:
        from berakhlak_cli.render.json_out import json_chunks

        return json_chunks(sheet, model, prov)
    from berakhlak_cli.render import behaviour_rows as br
    from berakhlak_cli.render.evidence.gaps import (
        render_gaps_csv,
        render_gaps_markdown,
        render_gaps_table,
    )
    from berakhlak_cli.render.flat import render_csv, render_markdown
    from berakhlak_cli.render.terminal import render_table

    if fmt == OutputFormat.XLSX:
        from berakhlak_cli.render.xlsx import render_xlsx, score_sheets

        sheets = score_sheets(sheet, model, language, gaps=gaps)
        if behaviours:
            sheets.insert(1, br.behaviour_sheet(sheet, model, language))
        return render_xlsx(sheets, prov.generated_at)
    if fmt == OutputFormat.CSV:
        if behaviours:
            return br.behaviours_csv(sheet, model)
        return render_gaps_csv(sheet) if gaps else render_csv(sheet, model)
    if fmt == OutputFormat.MARKDOWN:
        text = render_markdown(sheet, model, language)
        if behaviours:
            text += "\n" + br.behaviours_markdown(sheet, model, language)
        return text + "\n" + render_gaps_markdown(sheet, model, language) if gaps else text
    console = out_console()
    with console.capture() as capture:
        console.print(render_table(sheet, model, language))
        if behaviours:
            console.print(br.behaviours_table(sheet, model, language))
        if gaps:
            console.print(render_gaps_table(sheet, model, language))
    return capture.get()


def _report_issues(sheet: Scoresheet, written: bool, language: Lang) -> None:
    from berakhlak_cli.render.issues.lines import issue_line, more_line

    for issue in sheet.issues[:ISSUES_SHOWN]:
        # NOTE: messages quote survey cells; escape them, or "[/]" in a cell crashes rich.
        text = escape(issue_line(issue, language))
        code, _, rest = text.partition(" ")
        err_console.print(f"[dim]{code}[/] {rest}", markup=True, highlight=False, soft_wrap=True)
    remaining = sheet.issue_total - ISSUES_SHOWN
    if remaining > 0:
        err_console.print(escape(more_line(remaining, written, language)), highlight=False)
