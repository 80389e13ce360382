"""A hierarchy of groups scored in one run (``levels:`` in the rubric, ``score --level``).

Levels are named outermost first, e.g. ``instansi`` then ``unit_kerja``; above the first level
is the top row (the national row of a national file), built from the first level by
``aggregation.institution``. Each level has its own minimum-respondents rule (against its own
headcount in a units file with a ``level`` column), its own anonymity floor and its own way of
combining the level below it (docs/rubric.md, "levels").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.rubric_settings import Eligibility, InstitutionMethod


@dataclass(frozen=True)
class Level:
    """One level of the hierarchy: the survey column naming its groups and its rules.

    ``aggregation``: how a group of this level combines its groups of the next level (pooled
    respondents, or the mean of its eligible children, unweighted or weighted); the deepest
    level always pools its respondents. ``eligibility`` None: the rubric's ``eligibility``;
    ``min_group_size`` None: the rubric's ``anonymity.min_group_size``.
    """

    column: str
    aggregation: InstitutionMethod = InstitutionMethod.POOLED
    eligibility: Eligibility | None = None
    min_group_size: int | None = None


def level_path(key: Sequence[str]) -> tuple[str, ...]:
    """The path of a level row's key: its leading non-blank parts (level rows are padded with
    "" to the number of levels, so an ``instansi`` row of two levels is ``("A", "")``)."""
    out: list[str] = []
    for part in key:
        if not part:
            break
        out.append(part)
    return tuple(out)


def level_of(key: Sequence[str], levels: Sequence[str]) -> str | None:
    """The level (column) of a level row's key; None for the top row (empty key)."""
    depth = len(level_path(key))
    return levels[depth - 1] if depth else None


def level_headcount_key(path: Sequence[str]) -> tuple[str, ...]:
    """How a group's path is looked up in the units file's headcounts (shared by the loader
    that reads them and the scorer that looks them up)."""
    return tuple(normalize(p) for p in path)


def chosen_levels(
    defined: Sequence[Level], columns: Sequence[str], by: Sequence[str]
) -> tuple[Level, ...]:
    """The levels of a run: the ``columns`` asked for (``--level``; each with the rubric's
    rules for that column, else the defaults), else the rubric's levels (``defined``) unless
    the run groups ``by`` other columns."""
    if not columns:
        return () if by else tuple(defined)
    known = {normalize(lv.column): lv for lv in defined}
    return tuple(known.get(normalize(c), Level(c)) for c in columns)
