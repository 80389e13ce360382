"""``berakhlak evidence ...``: work with evidence checklists (bukti dukung)."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import boundary, err_console, warn
from berakhlak_cli.cli.messages import say
from berakhlak_cli.cli.options import DEBUG, LANG, QUIET, RUBRIC, command_group, output_option
from berakhlak_cli.cli.output_files import write_atomic
from berakhlak_cli.model.rubric import Lang

evidence_app = command_group(
    "evidence", "Daftar periksa bukti dukung / Evidence checklists (bukti dukung)."
)


@evidence_app.command("template")
def template(
    units: Path = typer.Option(
        ...,
        "--units",
        metavar="FILE",
        help="units.csv listing the units (unit_kerja, headcount).",
        dir_okay=False,
    ),
    output: Path = output_option("Checklist to write: .xlsx (with drop-downs) or .csv.", ...),
    force: bool = typer.Option(
        False, "--force", help="Overwrite an existing checklist (it may already be filled in)."
    ),
    rubric: Path | None = RUBRIC,
    lang: Lang | None = LANG,
    quiet: bool = QUIET,
    debug: bool = DEBUG,
) -> None:
    """Tulis daftar periksa bukti dukung kosong: satu baris per unit dan butir bukti.

    Write a blank evidence checklist: one row per unit and evidence item, ready to fill in.
    """
    with boundary(debug, lang):
        from berakhlak_cli.errors import EvidenceError, OutputError
        from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
        from berakhlak_cli.loaders.units.headcounts import load_units
        from berakhlak_cli.render.evidence.checklist import (
            render_template_csv,
            render_template_xlsx,
        )

        suffix = output.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise OutputError(say("template_suffix", lang, output=output))
        rubric_path = rubric or default_rubric_path()
        model = load_rubric(rubric_path)
        if model.evaluation is None:
            raise EvidenceError(
                f"{rubric_path}: the rubric has no 'evaluation' section, so no evidence items"
            )
        names = list(load_units(units, model, warn=warn))
        language = lang or model.locale
        data: str | bytes
        if suffix == ".xlsx":
            data = render_template_xlsx(model, names, language)
        else:
            data = render_template_csv(model, names, language)
        sources = [units, rubric_path]
        # NOTE: an input named as the output gets the stronger "refusing to overwrite an input".
        if (
            not force
            and output.is_file()
            and output.resolve() not in {p.resolve() for p in sources}
        ):
            raise OutputError(say("template_exists", lang, output=output))
        write_atomic(output, data, sources)
        items = len(model.evaluation.items)
        if quiet:
            return
        rows = len(names) * items
        err_console.print(
            say(
                "template_written",
                language,
                output=output,
                rows=rows,
                units=len(names),
                n=items,
            ),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
