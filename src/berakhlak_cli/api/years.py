"""Loading the results files that ``compare`` and ``report`` take, and building the comparison.

The library half of ``compare``/``report``: no option parsing and no printing. What the CLI
warns about (a year guessed from ``generated_at``, a units-map row that matched nothing) is
returned as data so a caller decides how to say it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.loaders.files.small_table import Warn
from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.loaders.units.mapping import load_units_map
from berakhlak_cli.model.comparison import Comparison, UnitRename, YearResult, YearSource
from berakhlak_cli.scoring.compare.years import build_comparison
from berakhlak_cli.scoring.groups.unit_merge import unused_renames


@dataclass(frozen=True)
class LoadedYears:
    """A comparison and what was learnt while reading its files."""

    comparison: Comparison
    inputs: tuple[tuple[str, Path], ...]
    """(role, path) of every file read, for provenance: ``results-2024``, ``units-map``."""
    guessed: tuple[YearResult, ...]
    """Years read off a file's ``generated_at`` (no ``--year``, none recorded, none in its name)."""
    unused_renames: tuple[UnitRename, ...]
    """Units-map rows that matched no unit of any year."""


def load_years(
    files: Sequence[Path],
    years: Mapping[Path, int] | None = None,
    units_map: Path | None = None,
    *,
    minimum: int = 2,
    warn: Warn | None = None,
) -> LoadedYears:
    """Read every results file (``years`` overrides a file's year) and build the comparison.

    ``minimum`` is the number of years needed: 2 for ``compare``, 1 for a one-year report;
    ``warn`` hears about a units map read with the cp1252 fallback.
    """
    if len(files) < minimum:
        raise ResultsError("give the results files of at least two years")
    overrides = years or {}
    results = [load_results(path, overrides.get(path)) for path in files]
    renames = load_units_map(units_map, warn=warn) if units_map else ()
    comparison = build_comparison(results, renames, minimum)
    inputs = [(f"results-{y.year}", Path(y.source)) for y in comparison.years]
    if units_map:
        inputs.append(("units-map", units_map))
    return LoadedYears(
        comparison,
        tuple(inputs),
        tuple(y for y in results if y.year_source == YearSource.GENERATED_AT),
        tuple(unused_renames(results, renames)),
    )
