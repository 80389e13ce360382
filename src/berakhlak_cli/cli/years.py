"""Reading the results files that ``compare`` and ``report`` take, with ``--year`` overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from berakhlak_cli.cli.boundary import warn
from berakhlak_cli.cli.messages import say
from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.comparison import Comparison
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


def results_files(help: str) -> Any:
    """The results files argument (``FILE...``), ``help`` saying how many the command takes."""
    return typer.Argument(..., help=help, dir_okay=False, metavar="FILE")


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


def load_comparison(
    files: list[Path],
    year_specs: list[str],
    units_map: Path | None,
    lang: Lang = Lang.ID,
    *,
    quiet: bool = False,
    minimum: int = 2,
) -> tuple[Comparison, list[tuple[str, Path]]]:
    """Read the years (``api.years``), warn when a year is only a guess or a units-map row
    matched nothing, and list the inputs for provenance (``report`` takes ``minimum=1``)."""
    from berakhlak_cli.api.years import load_years

    if len(files) < minimum:
        raise ResultsError("give the results files of at least two years")
    years = parse_years(year_specs, files)
    loaded = load_years(files, years, units_map, minimum=minimum, warn=warn)
    for year in loaded.guessed if not quiet else ():
        name = Path(year.source).name
        warn(say("year_guessed", lang, source=year.source, year=year.year, name=name))
    for rename in loaded.unused_renames:
        # NOTE: printed even with --quiet: no output shows a units-map row that matched nothing.
        warn(say("rename_unused", lang, source=units_map, row=rename.row, unit=rename.old))
    return loaded.comparison, list(loaded.inputs)


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
