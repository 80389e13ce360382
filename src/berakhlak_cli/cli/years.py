"""Reading the results files that ``compare`` and ``report`` take, with ``--year`` overrides."""

from __future__ import annotations

from pathlib import Path

import typer

from berakhlak_cli.cli.boundary import warn
from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.comparison import Comparison, UnitRename, YearResult, YearSource
from berakhlak_cli.model.rubric import Lang

YEAR = typer.Option(
    [],
    "--year",
    metavar="FILE=YEAR",
    help="Set the year of a results file (the JSON of 'score' has none; default: a year in "
    "the file name, else its generated_at). Repeat per file.",
)
UNITS_MAP = typer.Option(
    None,
    "--units-map",
    help="CSV mapping renamed or merged units between years (columns from,to[,year]).",
    dir_okay=False,
)
TITLE = typer.Option(None, "--title", help="Report title (default: a standard title).")


def parse_years(specs: list[str], files: list[Path]) -> dict[Path, int]:
    """``FILE=YEAR`` options -> {file: year}; FILE matches the path as given or its name."""
    out: dict[Path, int] = {}
    for spec in specs:
        name, sep, year = spec.rpartition("=")
        if not sep or not name or not year.strip().isdigit():
            raise ResultsError(f"--year {spec!r}: expected FILE=YEAR, e.g. hasil.json=2024")
        matches = [f for f in files if name in (str(f), f.name)]
        if not matches:
            raise ResultsError(f"--year {spec!r}: {name!r} is not one of the results files given")
        for match in matches:
            out[match] = int(year)
    return out


def read_years(
    files: list[Path], year_specs: list[str], units_map: Path | None, minimum: int = 2
) -> tuple[list[YearResult], tuple[UnitRename, ...]]:
    """Load every results file and the units map; warn when a year is only a guess."""
    from berakhlak_cli.loaders.results import load_results
    from berakhlak_cli.loaders.units_map import load_units_map
    from berakhlak_cli.scoring.unit_merge import unused_renames

    if len(files) < minimum:
        raise ResultsError("give the results files of at least two years")
    overrides = parse_years(year_specs, files)
    years = [load_results(path, overrides.get(path)) for path in files]
    for year in years:
        if year.year_source == YearSource.GENERATED_AT:
            warn(
                f"{year.source}: no year in the file name; using {year.year} from its "
                f"generated_at. Pass --year {Path(year.source).name}=YEAR if that is wrong."
            )
    renames = load_units_map(units_map) if units_map else ()
    for rename in unused_renames(years, renames):
        warn(f"{units_map}: row {rename.row}: unit {rename.old!r} is not in any results file")
    return years, renames


def load_comparison(
    files: list[Path], year_specs: list[str], units_map: Path | None, minimum: int = 2
) -> tuple[Comparison, list[tuple[str, Path]]]:
    """Read the years, build the comparison, and list the inputs for provenance (``report``
    takes ``minimum=1``: one year makes a one-year report)."""
    from berakhlak_cli.scoring.compare import build_comparison

    years, renames = read_years(files, year_specs, units_map, minimum)
    comparison = build_comparison(years, renames, minimum)
    inputs = [(f"results-{y.year}", Path(y.source)) for y in comparison.years]
    if units_map:
        inputs.append(("units-map", units_map))
    return comparison, inputs


def warn_not_comparable(comparison: Comparison, language: Lang) -> None:
    """One stderr warning per pair of consecutive years that is not comparable."""
    from berakhlak_cli.render.compare_text import describe

    for check in comparison.checks:
        if not check.comparable:
            what = "; ".join(describe(check, language))
            warn(f"{check.old.year} -> {check.new.year} not comparable: {what}")
