"""The four jobs of the CLI as Python calls: score, compare, report, validate.

Each reads its files through the loaders, computes with the pure scoring layer and returns
plain data (``render`` turns it into text); nothing is printed and nothing is written, so a
notebook or a national pipeline can call these directly. The CLI adds options, messages,
progress and atomic output around the same steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from berakhlak_cli.errors import UsageError
from berakhlak_cli.model.comparison import Comparison
from berakhlak_cli.model.results import Scoresheet
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.model.rubric_report import RubricReport
from berakhlak_cli.model.values_selection_results import SelectionSheet


def _rubric(rubric: Rubric | Path | None) -> Rubric:
    from berakhlak_cli.loaders.rubric.load import load_rubric

    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def score(
    survey: Path,
    rubric: Rubric | Path | None = None,
    *,
    units: Path | None = None,
    evidence: Path | None = None,
    evidence_dir: Path | None = None,
    by: Sequence[str] = (),
    levels: Sequence[str] = (),
    sheet: str | None = None,
    encoding: str | None = None,
) -> Scoresheet | SelectionSheet:
    """Score ``survey`` (CSV, workbook or Parquet) with ``rubric`` (default: the shipped one).

    ``units`` gives each unit's headcount (minimum respondents, response rates; with levels, a
    units file with a ``level`` column); ``evidence`` adds the institutional evaluation and the
    combined index (per unit only); ``by`` groups by other columns instead of the unit;
    ``levels`` (outermost first, as ``--level``) scores a hierarchy, and the rubric's own
    ``levels`` apply when neither is given. A ``kind: values_selection`` rubric gives a
    ``SelectionSheet``. Data issues are counted and sampled in the result.
    """
    from berakhlak_cli.api.evidence import score_evidence
    from berakhlak_cli.api.score import score_survey_file
    from berakhlak_cli.api.selection import score_selection
    from berakhlak_cli.loaders.units.headcounts import load_units
    from berakhlak_cli.model.levels import chosen_levels

    model = _rubric(rubric)
    run_levels = () if model.selection is not None else chosen_levels(model.levels, levels, by)
    if (levels or run_levels) and (evidence is not None or by or model.selection is not None):
        raise UsageError("levels cannot be combined with evidence, by or a values-selection rubric")
    if model.selection is not None:
        if evidence is not None:
            raise UsageError("evidence does not apply to a values-selection rubric")
        heads = load_units(units, model) if units else None
        found = score_selection(
            survey, model, group_by=tuple(by), headcounts=heads, sheet=sheet, encoding=encoding
        )
        return found[0]
    sheet_out, _, headcounts = score_survey_file(
        survey,
        model,
        units=units,
        group_by=tuple(by),
        levels=run_levels,
        sheet=sheet,
        encoding=encoding,
    )
    if evidence is not None:
        sheet_out, _ = score_evidence(
            sheet_out, model, evidence, evidence_dir=evidence_dir, known_units=headcounts or ()
        )
    return sheet_out


def compare(
    files: Sequence[Path],
    *,
    years: Mapping[Path, int] | None = None,
    units_map: Path | None = None,
) -> Comparison:
    """Compare the results of two or more years (``score -f json`` files or published figures);
    ``years`` sets a file's year, ``units_map`` maps renamed or merged units between years."""
    from berakhlak_cli.api.years import load_years

    return load_years(files, years, units_map).comparison


def report(
    files: Sequence[Path],
    *,
    lang: Lang = Lang.ID,
    years: Mapping[Path, int] | None = None,
    units_map: Path | None = None,
    title: str | None = None,
    institution: str | None = None,
    period: str | None = None,
    generated_at: str | None = None,
) -> str:
    """The leaders' self-contained HTML report of one year or more (as ``berakhlak report``);
    ``generated_at`` (ISO 8601, default now in UTC) is printed in it with each input's sha256."""
    from berakhlak_cli.api.provenance import make_provenance
    from berakhlak_cli.api.years import load_years
    from berakhlak_cli.render.report.pages import render_report

    loaded = load_years(files, years, units_map, minimum=1)
    when = generated_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    prov = make_provenance(loaded.inputs, when)
    return render_report(loaded.comparison, lang, prov, title, institution, period)


def validate(path: Path) -> RubricReport:
    """Every problem of the rubric file at ``path``, its embedded examples scored too
    (``berakhlak rubric validate``); ``report.valid`` is true when there is none."""
    from berakhlak_cli.api.rubric import validate_rubric

    return validate_rubric(path)
