"""Which groups' scores are withheld: small groups, and enough others that none can be derived.

Threat model (docs/privacy.md). A published group score is a mean over its respondents and
the respondent counts are published, so mean x n, the group's *score sum*, is known. A parent
whose score is published (the institution row; for a cross-breakdown also each margin, e.g. a
unit's total from the plain ``--by unit_kerja`` run) gives one linear equation: the sum of its
children's score sums. Subtracting the published children leaves an equation over the
withheld ones. The rules, applied until nothing changes:

1. Anonymity: a group with fewer than ``k = anonymity.min_group_size`` respondents is withheld.
2. Per published parent: if any child is withheld, at least two are, with at least ``k``
   respondents together (else their pooled mean is a statistic about fewer than k people).
   Otherwise the parent's smallest published child is withheld too ("complementary").
3. No group withheld for anonymity may be *determined* by the equations: its unit vector must
   not lie in the row space of the equation matrix restricted to the withheld groups (checked
   with the null space). If it is, the smallest published group that shares a parent with it
   and removes the determination is withheld as well.

A group alone in a published margin is known whatever this run does, so it is never chosen as
a complement. What the separately published margins give away by themselves (a unit total
from ``--by unit_kerja`` minus a type total from ``--by jenis_asn`` that happens to cover the
same people but one) cannot be repaired here; docs/privacy.md lists it among the limits.

Margins of a cross-breakdown are treated as published when they reach ``k`` (conservative: the
other run may withhold them anyway). Rounding and the 0-100 bounds are ignored (they only help
the defender and the attacker respectively; see docs/privacy.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from berakhlak_cli.scoring.normalize import normalize

ANONYMITY = "anonymity"
COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Parent:
    """A total over some groups (cell indexes) whose scores are (or are assumed) published."""

    cells: tuple[int, ...]
    published: bool


def parents_of(
    keys: Sequence[tuple[str, ...]], counts: Sequence[int], included: Sequence[int], floor: int
) -> list[Parent]:
    """The parents a table of groups has.

    One key column: the institution row over ``included``. Several (``--by a --by b``): the
    institution over all groups plus every margin over a proper subset of the key columns
    (what ``--by a`` alone would publish), each published unless that run would withhold it.
    """
    inside = tuple(sorted(included))
    out = [Parent(inside, sum(counts[g] for g in inside) >= floor)]
    width = len(keys[0]) if keys else 0
    for size in range(1, width):
        for dims in combinations(range(width), size):
            margins: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for g, key in enumerate(keys):
                margins[tuple(normalize(key[d]) for d in dims)].append(g)
            cells = list(margins.values())
            sizes = [sum(counts[g] for g in c) for c in cells]
            everyone = range(len(cells))
            hidden = withhold(sizes, parents_of(list(margins), sizes, everyone, floor), floor)
            out += [Parent(tuple(c), m not in hidden) for m, c in enumerate(cells)]
    return out


def withhold(counts: Sequence[int], parents: Sequence[Parent], floor: int) -> dict[int, str]:
    """Group index -> reason (``anonymity`` or ``complementary``) for every withheld group."""
    withheld = {g: ANONYMITY for g, n in enumerate(counts) if n < floor}
    live = [p for p in parents if p.published]
    while True:
        if _balance_parents(withheld, live, counts, floor):
            continue
        if not _break_determination(withheld, live, counts):
            return withheld


def _balance_parents(
    withheld: dict[int, str], parents: Sequence[Parent], counts: Sequence[int], floor: int
) -> bool:
    """Rule 2 for every parent; True when a group was added."""
    added = False
    for parent in parents:
        hidden = [g for g in parent.cells if g in withheld]
        if not hidden or (len(hidden) >= 2 and sum(counts[g] for g in hidden) >= floor):
            continue
        pinned = {p.cells[0] for p in parents if len(p.cells) == 1}
        shown = [g for g in parent.cells if g not in withheld and g not in pinned]
        if shown:
            withheld[_cheapest(shown, withheld, parents, counts)] = COMPLEMENTARY
            added = True
    return added


def _cheapest(
    candidates: Sequence[int],
    withheld: dict[int, str],
    parents: Sequence[Parent],
    counts: Sequence[int],
) -> int:
    """The candidate whose withholding opens the fewest new parents, then the smallest."""

    def opened(g: int) -> int:
        return sum(1 for p in parents if g in p.cells and not any(c in withheld for c in p.cells))

    return min(candidates, key=lambda g: (opened(g), counts[g], g))


def determined(withheld: Sequence[int], parents: Sequence[Parent]) -> set[int]:
    """Withheld groups whose score sum follows from the published parents' equations."""
    if not withheld:
        return set()
    column = {g: j for j, g in enumerate(withheld)}
    rows = []
    for parent in parents:
        row = np.zeros(len(withheld))
        row[[column[g] for g in parent.cells if g in column]] = 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    tol = max(matrix.shape) * np.finfo(float).eps * (singular[0] if len(singular) else 0.0)
    rank = int((singular > tol).sum())
    null = vt[rank:].T
    if null.shape[1] == 0:
        return set(withheld)
    free = np.linalg.norm(null, axis=1) > 1e-9
    return {g for g, j in column.items() if not free[j]}


def _break_determination(
    withheld: dict[int, str], parents: Sequence[Parent], counts: Sequence[int]
) -> bool:
    """Rule 3; True when a group was added."""
    hidden = sorted(withheld)
    exposed = sorted(
        (g for g in determined(hidden, parents) if withheld[g] == ANONYMITY),
        key=lambda g: (counts[g], g),
    )
    for g in exposed:
        # NOTE: a group alone in a published parent (a margin with one cell) is known anyway.
        pinned = {p.cells[0] for p in parents if len(p.cells) == 1}
        near = {
            c
            for p in parents
            if g in p.cells
            for c in p.cells
            if c not in withheld and c not in pinned
        }
        for candidate in sorted(near, key=lambda c: (counts[c], c)):
            if g not in determined(sorted([*hidden, candidate]), parents):
                withheld[candidate] = COMPLEMENTARY
                return True
        # NOTE: no single neighbour helps (rare); withholding the smallest still moves on and
        # the loop ends because every step withholds one more group.
        if near:
            withheld[min(near, key=lambda c: (counts[c], c))] = COMPLEMENTARY
            return True
    return False
