"""``berakhlak evidence ...``: work with evidence checklists (bukti dukung)."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import boundary, err_console, write_atomic
from berakhlak_cli.cli.options import DEBUG, LANG, RUBRIC, LangChoice

evidence_app = typer.Typer(
    name="evidence",
    help="Daftar periksa bukti dukung / Evidence checklists (bukti dukung).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@evidence_app.command("template")
def template(
    units: Path = typer.Option(
        ..., "--units", help="units.csv listing the units (unit_kerja, headcount).", dir_okay=False
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Checklist to write: .xlsx (with drop-downs) or .csv."
    ),
    rubric: Path | None = RUBRIC,
    lang: LangChoice | None = LANG,
    debug: bool = DEBUG,
) -> None:
    """Write a blank evidence checklist: one row per unit and evidence item, ready to fill in."""
    with boundary(debug):
        from berakhlak_cli.errors import EvidenceError, OutputError
        from berakhlak_cli.loaders.rubric import default_rubric_path, load_rubric
        from berakhlak_cli.loaders.units import load_units
        from berakhlak_cli.model.rubric import Lang
        from berakhlak_cli.render.checklist import render_template_csv, render_template_xlsx

        suffix = output.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise OutputError(f"{output}: name the checklist .xlsx or .csv")
        rubric_path = rubric or default_rubric_path()
        model = load_rubric(rubric_path)
        if model.evaluation is None:
            raise EvidenceError(
                f"{rubric_path}: the rubric has no 'evaluation' section, so no evidence items"
            )
        names = list(load_units(units, model))
        language = Lang(lang.value) if lang else model.locale
        data: str | bytes
        if suffix == ".xlsx":
            data = render_template_xlsx(model, names, language)
        else:
            data = render_template_csv(model, names, language)
        write_atomic(output, data, [units, rubric_path])
        items = len(model.evaluation.items)
        err_console.print(
            f"{output}: {len(names) * items} rows ({len(names)} units x {items} evidence items)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
