"""``berakhlak rubric validate|show|schema|diff|init``: rubric files as code, fit for CI.

Exit codes: 0 valid / no differences / copy written; 1 problems found (validate) or
differences found (diff, like diff(1)); 2 usage error (missing file, bad option, an output that
exists) or, for show/diff/init, an invalid rubric.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from berakhlak_cli.cli.boundary import boundary, err_console, in_lang, out_console
from berakhlak_cli.cli.options import DEBUG, LANG, command_group, format_option
from berakhlak_cli.cli.output_files import write_all_atomic
from berakhlak_cli.errors import ExitCode
from berakhlak_cli.model.rubric import Lang

if TYPE_CHECKING:
    from berakhlak_cli.model.rubric import Rubric

rubric_app = command_group(
    "rubric", "Periksa, tampilkan, bandingkan file rubrik / Check, show and compare rubric files."
)


class ValidateFormat(StrEnum):
    """Output formats of ``rubric validate``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class DiffFormat(StrEnum):
    """Output formats of ``rubric diff``."""

    TEXT = "text"
    JSON = "json"


@rubric_app.command()
def validate(
    files: list[Path] | None = typer.Argument(
        None,
        help="Rubric YAML files (default: the shipped KemenPANRB rubric).",
        exists=True,
        dir_okay=False,
    ),
    fmt: ValidateFormat = format_option(
        "text, json, or github (PR annotations).", ValidateFormat.TEXT
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No summary line on stderr (the problems still go to stdout)."
    ),
    lang: Lang | None = LANG,
    debug: bool = DEBUG,
) -> None:
    """Periksa file rubrik; setiap masalah sebagai file:baris:kolom: KODE pesan.

    Check rubric files and report every problem as file:line:col: CODE message.

    Also scores each rubric's embedded examples. Exit 0 when all files are valid, 1 when any
    problem was found, 2 on a usage error (missing file, bad option).
    """
    with boundary(debug, lang):
        from berakhlak_cli.api.rubric import validate_rubric
        from berakhlak_cli.loaders.rubric.load import default_rubric_path
        from berakhlak_cli.render.rubric.problems import (
            render_github,
            render_json,
            render_text,
            summary,
        )

        paths = files or [default_rubric_path()]
        reports = [validate_rubric(path) for path in paths]
        render = {
            ValidateFormat.TEXT: render_text,
            ValidateFormat.JSON: render_json,
            ValidateFormat.GITHUB: render_github,
        }[fmt]
        text = render(reports)
        if fmt == ValidateFormat.TEXT:
            # NOTE: text is for people (JSON and GitHub annotations keep the English messages).
            text = "".join(in_lang(line) + "\n" for line in text.splitlines())
        typer.echo(text, nl=False)
        if not quiet:
            line = in_lang(summary(reports))
            err_console.print(line, highlight=False, markup=False, soft_wrap=True)
        if not all(r.valid for r in reports):
            raise typer.Exit(int(ExitCode.ISSUES))


@rubric_app.command()
def show(
    file: Path | None = typer.Argument(
        None, help="Rubric YAML file (default: the shipped one).", exists=True, dir_okay=False
    ),
    lang: Lang | None = LANG,
    debug: bool = DEBUG,
) -> None:
    """Tampilkan nilai -> perilaku -> butir dengan bobot, bukti, kategori dan pengaturan.

    Show values -> behaviours -> items with normalised weights, evidence, bands, settings.
    """
    with boundary(debug):
        from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
        from berakhlak_cli.render.rubric.tree import render_rubric

        path = file or default_rubric_path()
        model = load_rubric(path)
        language = lang or model.locale
        out_console().print(render_rubric(model, language, str(path)))


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of rubric format 1, shipped as package data."""
    return (
        resources.files("berakhlak_cli")
        .joinpath("schema", "rubric.schema.json")
        .read_text(encoding="utf-8")
    )


@rubric_app.command()
def schema() -> None:
    """Cetak JSON Schema format rubrik / Print the JSON Schema of the rubric format."""
    typer.echo(schema_text(), nl=False)


@rubric_app.command()
def diff(
    old: Path = typer.Argument(..., help="The older rubric.", exists=True, dir_okay=False),
    new: Path = typer.Argument(..., help="The newer rubric.", exists=True, dir_okay=False),
    fmt: DiffFormat = format_option("text or json.", DiffFormat.TEXT),
    debug: bool = DEBUG,
) -> None:
    """Daftar perbedaan yang memengaruhi keterbandingan antartahun (skala, butir, bobot, ...).

    List what changes year-over-year comparability (scale, items, weights, bands, ...).

    Exit 0 when nothing that matters differs, 1 when something does (like diff).
    """
    with boundary(debug):
        from berakhlak_cli.loaders.rubric.load import load_rubric
        from berakhlak_cli.render.rubric.diff import render_diff_json, render_diff_text
        from berakhlak_cli.scoring.compare.comparability import compare_summaries, rubric_summary

        before, after = load_rubric(old), load_rubric(new)
        differences = compare_summaries(rubric_summary(before), rubric_summary(after))
        if fmt == DiffFormat.JSON:
            meta = [
                {"file": str(p), "id": r.id, "version": r.version}
                for p, r in ((old, before), (new, after))
            ]
            typer.echo(render_diff_json(differences, meta[0], meta[1]), nl=False)
        else:
            typer.echo(
                render_diff_text(differences, str(old), str(new), _wording(before, after)),
                nl=False,
            )
        if differences:
            raise typer.Exit(int(ExitCode.ISSUES))


def _wording(before: Rubric, after: Rubric) -> dict[str, tuple[str, str]]:
    """(old, new) Indonesian wording of every item and evidence item present in both."""

    def texts(rubric: Rubric) -> dict[str, str]:
        found = {i.id: i.text.get() for i in rubric.items}
        if rubric.evaluation is not None:
            found.update({e.id: e.requirement.get() for e in rubric.evaluation.items})
        return found

    old, new = texts(before), texts(after)
    return {key: (old[key], new[key]) for key in old.keys() & new.keys()}


@rubric_app.command()
def init(
    output: Path = typer.Option(..., "--output", "-o", help="The rubric copy to write (.yaml)."),
    from_survey: Path | None = typer.Option(
        None, "--from-survey", help="Add this survey's headers to the matching items' aliases."
    ),
    base: Path | None = typer.Option(
        None,
        "--base",
        help="Rubric to copy (default: the shipped KemenPANRB rubric).",
        dir_okay=False,
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of an .xlsx survey."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists."),
    debug: bool = DEBUG,
) -> None:
    """Write an editable copy of a rubric, with rubric.schema.json beside it.

    With --from-survey, every header matched loosely (behaviour label or item text inside the
    header, Forms grid row) is written into its item's aliases, so the copy matches the file
    exactly; headers no item took and items with no column are listed at the top.
    """
    with boundary(debug):
        from berakhlak_cli.errors import OutputError
        from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
        from berakhlak_cli.loaders.rubric.own_copy import SCHEMA_FILE, rubric_copy

        base_path = base or default_rubric_path()
        if output.exists() and not force:
            raise OutputError(f"{output}: already exists; use --force to overwrite it")
        model = load_rubric(base_path)
        additions: dict[str, list[str]] = {}
        comments = [f"Editable copy of {base_path.name} written by 'berakhlak rubric init'."]
        inputs = [base_path]
        if from_survey:
            additions, more = _survey_aliases(from_survey, model, sheet)
            comments += more
            inputs.append(from_survey)
        text = rubric_copy(
            base_path.read_bytes(), str(base_path), additions=additions, comments=comments
        )
        write_all_atomic([(output, text), (output.parent / SCHEMA_FILE, schema_text())], inputs)
        added = sum(len(v) for v in additions.values())
        err_console.print(
            f"wrote {output} ({added} header(s) added to aliases) and "
            f"{output.parent / SCHEMA_FILE}; check it with: berakhlak rubric validate {output}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def _survey_aliases(
    survey: Path, model: Rubric, sheet: str | None
) -> tuple[dict[str, list[str]], list[str]]:
    """(item id -> headers to add, comment lines) from the survey's header row."""
    from dataclasses import replace

    from berakhlak_cli.errors import SurveyError
    from berakhlak_cli.loaders.survey.columns import known_columns
    from berakhlak_cli.loaders.survey.header_match import (
        header_row_is_data,
        match_items,
        no_header_hint,
    )
    from berakhlak_cli.loaders.survey.source import read_header
    from berakhlak_cli.model.normalize import normalize
    from berakhlak_cli.model.personal_data import looks_personal, mask_header
    from berakhlak_cli.model.rubric import HeaderMatching

    loose = replace(model, columns=replace(model.columns, header_matching=HeaderMatching.LOOSE))
    headers = read_header(survey, loose, sheet=sheet)[0]
    matching = match_items(headers, loose)
    if matching.ambiguities:
        raise SurveyError(f"{survey}: {matching.ambiguities[0].message}")
    if matching.missing and (data_row := header_row_is_data(headers)):
        # NOTE: without its header row a file's first respondent (NIP, name) would be written
        # into the rubric's comments; the name cannot be detected, so nothing is written.
        raise SurveyError(f"{survey}: {no_header_hint(data_row)}")
    additions: dict[str, list[str]] = {}
    withheld: list[str] = []
    for item, m in matching.matches.items():
        if not m.how.loose:
            continue
        header = headers[m.position]
        if looks_personal(header) is None:
            additions[item] = [header]
        else:
            # NOTE: a masked alias would no longer match the header, and the header itself
            # must not be written: it still matches loosely, but is not added as an alias.
            withheld.append(f"  - {item}: {mask_header(header)!r}")
    used = {m.position for m in matching.matches.values()}
    known = known_columns(model)
    free = [
        h
        for p, h in enumerate(headers)
        if p not in used and h.strip() and normalize(h) not in known
    ]
    labels = {i.id: b.label.id for v in model.values for b in v.behaviours for i in b.items}
    lines = [
        f"{len(additions)} header(s) of {survey.name} matched loosely to an item were added to "
        "its aliases."
    ]
    lines.append("Survey headers matched to no item and no known column (not scored):")
    lines += [f"  - {mask_header(h)!r}" for h in free] or ["  (none)"]
    if withheld:
        lines.append(
            "Headers matched loosely that hold personal data, not added to aliases (they still "
            "match loosely; remove the personal data from the header):"
        )
        lines += withheld
    if matching.missing:
        lines.append("Items with no column in the survey (add its header to their aliases):")
        lines += [f"  - {i}: {labels[i]}" for i in matching.missing]
    return additions, lines
