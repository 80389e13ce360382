"""One institution row for every breakdown of a file, and the totals each breakdown publishes.

Issue #18: a run ``--by jenis_asn`` once counted rows with a blank unit and units below the
minimum in its institution row while the run by unit did not, so the difference of the two
institution rows was one respondent's scores. The rule now (docs/privacy.md):

- The **institution population** depends only on the file and the settings, never on ``--by``:
  every scored row with a unit, minus the units left out for too few respondents
  (``eligibility.exclude_from_parent`` with ``--units``). Rows with a blank unit are excluded
  from every run.
- A breakdown that includes the unit column shows every unit (units outside the institution
  too, as their own rows). A breakdown without it is a breakdown *of the institution
  population*: respondents of units left out are in none of its groups.
- Rows of the population with a blank ``--by`` cell stay in the institution row and form a
  cell that is never published; suppression treats it like a withheld group, so the
  institution row minus the published groups never isolates it.

A scorer keeps its sums per *fine cell*: one per distinct key over the ``--by`` columns plus
the unit column. Every breakdown the CLI can publish from the same file is a regrouping of
those cells, which is what lets a run simulate what its own margins publish. A breakdown numbers
its cells by normalized key, so the simulation breaks suppression ties as the real run does
whatever the row order, and the margins a simulated run withholds for anonymity are protected
combinations of the cross run's cells (``scoring.suppression``, rule 3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.scoring.groups.suppression import ANONYMITY, Parent, withhold


@dataclass(frozen=True)
class Cells:
    """Fine cells: key (display spelling, "" where blank), respondents, in the institution.

    ``unit`` is the position of the unit column in the keys (None when the file has none).
    """

    keys: Sequence[tuple[str, ...]]
    counts: Sequence[int]
    inside: Sequence[bool]
    unit: int | None


@dataclass(frozen=True)
class Breakdown:
    """The cells a breakdown over ``by`` (positions in the fine keys) publishes or hides.

    ``cell_of[f]`` is the breakdown cell of fine cell ``f`` (-1: not in this breakdown);
    ``blank[c]``: the key has a blank part, so the cell is never published.
    """

    by: tuple[int, ...]
    cell_of: list[int]
    keys: list[tuple[str, ...]]
    counts: list[int]
    inside: list[bool]
    blank: list[bool]


def breakdown(cells: Cells, by: tuple[int, ...]) -> Breakdown:
    """Regroup the fine cells by the columns ``by``.

    Cells are numbered in the order of their normalized keys, whatever the order of the fine
    cells (the file's row order): suppression breaks ties by cell number, so a run and every
    simulation of it inside another run must number the same cells alike. The display spelling
    of a key is the first one met in the fine cells.
    """
    everyone = cells.unit is not None and cells.unit in by
    found: dict[tuple[str, ...], int] = {}
    shown_of: list[tuple[str, ...]] = []
    counts: list[int] = []
    inside: list[bool] = []
    first: list[int] = []
    for f, key in enumerate(cells.keys):
        if not (everyone or cells.inside[f]):
            first.append(-1)
            continue
        shown = tuple(key[d] for d in by)
        norm = tuple(normalize(k) for k in shown)
        c = found.get(norm)
        if c is None:
            c = found[norm] = len(shown_of)
            shown_of.append(shown)
            counts.append(0)
            inside.append(True)
        first.append(c)
        counts[c] += int(cells.counts[f])
        inside[c] = inside[c] and bool(cells.inside[f])
    order = sorted(found)
    number = [0] * len(order)
    for c, norm in enumerate(order):
        number[found[norm]] = c
    cell_of = [number[c] if c >= 0 else -1 for c in first]
    keys = [shown_of[found[norm]] for norm in order]
    return Breakdown(
        by,
        cell_of,
        keys,
        [counts[found[norm]] for norm in order],
        [inside[found[norm]] for norm in order],
        ["" in key for key in keys],
    )


def suppress(cells: Cells, by: tuple[int, ...], floor: int) -> tuple[Breakdown, dict[int, str]]:
    """The breakdown over ``by`` and its withheld cells (``scoring.suppression`` rules).

    Parents: the institution row (cells inside the population) and, for several columns,
    every margin a run over a proper subset of ``by`` publishes (simulated by the same rule).
    Protected combinations: the cells of every margin such a run withholds for anonymity, and
    of every blank margin below the floor.
    """
    run = breakdown(cells, by)
    inside = tuple(c for c in range(len(run.keys)) if run.inside[c])
    parents = [Parent(inside, sum(run.counts[c] for c in inside) >= floor)]
    protected: list[tuple[int, ...]] = []
    for size in range(1, len(by)):
        for dims in combinations(by, size):
            margin, hidden = suppress(cells, dims, floor)
            members: dict[int, set[int]] = defaultdict(set)
            for c, m in zip(run.cell_of, margin.cell_of, strict=True):
                if c >= 0 and m >= 0:
                    members[m].add(c)
            parents += [
                Parent(tuple(sorted(members[m])), not margin.blank[m] and m not in hidden)
                for m in sorted(members)
            ]
            # NOTE: a margin its own run withholds for anonymity (or a blank one below the
            # floor) must stay undetermined here too, as a combination of this run's cells.
            protected += [
                tuple(sorted(members[m]))
                for m in sorted(members)
                if hidden.get(m) == ANONYMITY or (margin.blank[m] and margin.counts[m] < floor)
            ]
    return run, withhold(run.counts, parents, floor, run.blank, protected)


def parents_of(
    keys: Sequence[tuple[str, ...]], counts: Sequence[int], included: Sequence[int], floor: int
) -> list[Parent]:
    """The parents of a table of groups without a unit column (tests and tools).

    The institution row covers ``included``; with several key columns, every margin over a
    proper subset of them is a parent, over the included groups, published unless the run
    that publishes it withholds it.
    """
    chosen = set(included)
    cells = Cells(keys, counts, [g in chosen for g in range(len(keys))], None)
    width = len(keys[0]) if keys else 0
    by = tuple(range(width))
    inside = tuple(sorted(chosen))
    out = [Parent(inside, sum(counts[g] for g in inside) >= floor)]
    for size in range(1, width):
        for dims in combinations(by, size):
            margin, hidden = suppress(cells, dims, floor)
            members: dict[int, list[int]] = defaultdict(list)
            for g, m in enumerate(margin.cell_of):
                if m >= 0:
                    members[m].append(g)
            out += [Parent(tuple(members[m]), m not in hidden) for m in sorted(members)]
    return out
