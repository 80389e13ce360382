"""Reading the results files that ``compare`` and ``report`` take, with ``--year`` overrides."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import warn
from berakhlak_cli.cli.messages import say
from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.comparison import Comparison, UnitRename, YearResult, YearSource
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.model.years import parse_year, year_hint

YEAR = typer.Option(
    [],
    "--year",
    metavar="FILE=YEAR",
    help="Set the year of a results file (default: the year 'score --year' recorded, else a "
    "year in the file name, else its generated_at). Repeat per file.",
)
UNITS_MAP = typer.Option(
    None,
    "--units-map",
    metavar="FILE",
    help="CSV mapping renamed or merged units between years (columns from,to[,year]).",
    dir_okay=False,
)
TITLE = typer.Option(
    None, "--title", metavar="TEXT", help="Report title (default: a standard title)."
)


def parse_years(specs: list[str], files: list[Path]) -> dict[Path, int]:
    """``FILE=YEAR`` options -> {file: year}; FILE matches the path as given or its name."""
    out: dict[Path, int] = {}
    for spec in specs:
        name, sep, text = spec.rpartition("=")
        year = parse_year(text)
        if not sep or not name or year is None:
            raise ResultsError(
                f"--year {spec!r}: expected FILE=YEAR, e.g. hasil.json=2024 ({year_hint()})"
            )
        matches = [f for f in files if name in (str(f), f.name)]
        if not matches:
            raise ResultsError(f"--year {spec!r}: {name!r} is not one of the results files given")
        for match in matches:
            out[match] = year
    return out


def read_years(
    files: list[Path],
    year_specs: list[str],
    units_map: Path | None,
    lang: Lang = Lang.ID,
    *,
    quiet: bool = False,
    minimum: int = 2,
) -> tuple[list[YearResult], tuple[UnitRename, ...]]:
    """Load every results file and the units map; warn when a year is only a guess."""
    from berakhlak_cli.loaders.results.load import load_results
    from berakhlak_cli.loaders.units.mapping import load_units_map
    from berakhlak_cli.scoring.groups.unit_merge import unused_renames

    if len(files) < minimum:
        raise ResultsError("give the results files of at least two years")
    overrides = parse_years(year_specs, files)
    years = [load_results(path, overrides.get(path)) for path in files]
    for year in years if not quiet else ():
        if year.year_source == YearSource.GENERATED_AT:
            name = Path(year.source).name
            warn(say("year_guessed", lang, source=year.source, year=year.year, name=name))
    renames = load_units_map(units_map, warn=warn) if units_map else ()
    for rename in unused_renames(years, renames):
        # NOTE: printed even with --quiet: no output shows a units-map row that matched nothing.
        warn(say("rename_unused", lang, source=units_map, row=rename.row, unit=rename.old))
    return years, renames


def load_comparison(
    files: list[Path],
    year_specs: list[str],
    units_map: Path | None,
    lang: Lang = Lang.ID,
    *,
    quiet: bool = False,
    minimum: int = 2,
) -> tuple[Comparison, list[tuple[str, Path]]]:
    """Read the years, build the comparison, and list the inputs for provenance (``report``
    takes ``minimum=1``: one year makes a one-year report)."""
    from berakhlak_cli.scoring.compare.years import build_comparison

    years, renames = read_years(files, year_specs, units_map, lang, quiet=quiet, minimum=minimum)
    comparison = build_comparison(years, renames, minimum)
    inputs = [(f"results-{y.year}", Path(y.source)) for y in comparison.years]
    if units_map:
        inputs.append(("units-map", units_map))
    return comparison, inputs


def warn_comparison(comparison: Comparison, language: Lang, *, table: bool = False) -> None:
    """One stderr warning per pair of consecutive years that is not comparable (unless the
    output is the terminal table, which shows it), and one naming the units found in one year
    only (they have no change to show, so a renamed unit is not lost without a word)."""
    from berakhlak_cli.render.compare.text import describe, single_year_text

    for check in comparison.checks if not table else ():
        if not check.comparable:
            what = "; ".join(describe(check, language))
            warn(say("not_comparable", language, old=check.old.year, new=check.new.year, what=what))
    if comparison.single_year_units:
        names = single_year_text(comparison, language)
        warn(say("one_year_units", language, names=names))
