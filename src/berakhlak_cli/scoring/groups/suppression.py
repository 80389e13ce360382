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
   and removes the determination is withheld as well. The same holds for each *protected
   combination* (``withhold(protected=...)``, a set of groups, for a cross-breakdown the cells
   of a margin its own run withholds for anonymity): restricted to the withheld groups, it must
   not lie in the row space of the equations restricted to them.

Ties (equal counts) are broken by group index, so callers number groups canonically
(``scoring.breakdowns`` numbers them by normalized key).

A cell that is never published (rows with a blank ``--by`` cell, ``scoring.breakdowns``) is
in its parents like any group: below ``k`` it is protected as if withheld for anonymity, at
``k`` or more it is treated as known. Neither it nor a group alone in a published margin
(known whatever this run does) is ever chosen as a complement. Which parents a breakdown has
is ``scoring.breakdowns``' business.

What the separately published margins give away by themselves (a unit total from ``--by
unit_kerja`` minus a type total from ``--by jenis_asn`` that happens to cover the same people
but one) cannot be repaired here; docs/privacy.md lists it among the limits.

Rounding and the 0-100 bounds are ignored (they only help
the defender and the attacker respectively; see docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ANONYMITY = "anonymity"
COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Parent:
    """A total over some groups (cell indexes) whose scores are (or are assumed) published."""

    cells: tuple[int, ...]
    published: bool


class _State:
    """Withheld cells plus the indexes that keep every rule linear in the table size.

    ``hidden[p]`` counts the withheld cells of parent ``p`` and ``member_of[g]`` lists the
    parents of cell ``g``, so "how many parents would withholding g open" costs the number of
    g's parents, not a scan of every parent (issue #18: 40 000 units took 89 s).
    """

    def __init__(
        self, counts: Sequence[int], parents: Sequence[Parent], floor: int, known: set[int]
    ) -> None:
        self.counts = counts
        self.parents = [p for p in parents if p.published]
        self.floor = floor
        self.withheld: dict[int, str] = {}
        self.hidden = [0] * len(self.parents)
        self.member_of: dict[int, list[int]] = {}
        for i, parent in enumerate(self.parents):
            for g in parent.cells:
                self.member_of.setdefault(g, []).append(i)
        alone = {p.cells[0] for p in self.parents if len(p.cells) == 1}
        # NOTE: a cell alone in a published margin is known anyway, and a cell that is never
        # published (a blank key) cannot be withheld: neither can serve as a complement.
        self.pinned = alone | known
        for g, n in enumerate(counts):
            if n < floor:
                self.add(g, ANONYMITY)

    def add(self, g: int, reason: str) -> None:
        self.withheld[g] = reason
        for i in self.member_of.get(g, ()):
            self.hidden[i] += 1

    def opened(self, g: int) -> int:
        """Parents with nothing withheld yet that withholding ``g`` would open."""
        return sum(1 for i in self.member_of.get(g, ()) if not self.hidden[i])


def withhold(
    counts: Sequence[int],
    parents: Sequence[Parent],
    floor: int,
    unpublished: Sequence[bool] = (),
    protected: Sequence[Sequence[int]] = (),
) -> dict[int, str]:
    """Group index -> reason (``anonymity`` or ``complementary``) for every withheld group.

    ``unpublished`` marks cells that are never published (rows with a blank key): below the
    floor they are protected like any small group; at or above it they are treated as known.
    ``protected`` lists combinations of groups whose *total* must stay undetermined too (for a
    cross-breakdown: the cells making up a margin that its own run withholds for anonymity).
    Cost: each pass of the rules is linear in the total parent membership, and a pass runs
    once per group withheld.
    """
    known = {g for g, b in enumerate(unpublished) if b and counts[g] >= floor}
    state = _State(counts, parents, floor, known)
    combos = {tuple(sorted(set(v))) for v in protected if v}
    targets = sorted(combos, key=lambda v: (sum(counts[g] for g in v), v))
    while True:
        if _balance_parents(state):
            continue
        if not _break_determination(state, targets):
            return state.withheld


def _balance_parents(state: _State) -> bool:
    """Rule 2 for every parent; True when a group was added."""
    added = False
    withheld, counts = state.withheld, state.counts
    for i, parent in enumerate(state.parents):
        if not state.hidden[i]:
            continue
        hidden = [g for g in parent.cells if g in withheld]
        if len(hidden) >= 2 and sum(counts[g] for g in hidden) >= state.floor:
            continue
        shown = [g for g in parent.cells if g not in withheld and g not in state.pinned]
        if shown:
            best = min(shown, key=lambda g: (state.opened(g), counts[g], g))
            state.add(best, COMPLEMENTARY)
            added = True
    return added


def _null_space(
    withheld: Sequence[int], parents: Sequence[Parent]
) -> tuple[dict[int, int], np.ndarray]:
    """Column of each withheld group, and a basis of the null space of the parents' equations
    restricted to the withheld groups (one row per group, one column per free direction)."""
    column = {g: j for j, g in enumerate(withheld)}
    rows = []
    for parent in parents:
        hits = [column[g] for g in parent.cells if g in column]
        if hits:
            row = np.zeros(len(withheld))
            row[hits] = 1.0
            rows.append(row)
    if not rows:
        return column, np.eye(len(withheld))
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    tol = max(matrix.shape) * np.finfo(float).eps * (singular[0] if len(singular) else 0.0)
    rank = int((singular > tol).sum())
    return column, vt[rank:].T


def determined(withheld: Sequence[int], parents: Sequence[Parent]) -> set[int]:
    """Withheld groups whose score sum follows from the published parents' equations."""
    if not withheld:
        return set()
    column, null = _null_space(withheld, parents)
    free = np.linalg.norm(null, axis=1) > 1e-9
    return {g for g, j in column.items() if not free[j]}


def combination_determined(
    combination: Sequence[int], withheld: Sequence[int], parents: Sequence[Parent]
) -> bool:
    """True when the total of ``combination`` follows from the parents' equations: restricted
    to the withheld groups it lies in the row space of the equations restricted to them (it
    is orthogonal to their null space). Without a withheld group it is known outright."""
    return _follows(combination, *_null_space(withheld, parents))


def _follows(combination: Sequence[int], column: dict[int, int], null: np.ndarray) -> bool:
    """``combination_determined`` for a null space already computed."""
    cols = [column[g] for g in combination if g in column]
    return not cols or bool(np.linalg.norm(null[cols].sum(axis=0)) < 1e-9)


def _break_determination(state: _State, combos: Sequence[tuple[int, ...]] = ()) -> bool:
    """Rule 3; True when a group was added."""
    withheld, counts, parents = state.withheld, state.counts, state.parents
    hidden = sorted(withheld)
    # NOTE: only parents holding a withheld cell constrain the withheld cells.
    live = [p for i, p in enumerate(parents) if state.hidden[i]]
    exposed: list[tuple[int, ...]] = []
    if hidden:
        column, null = _null_space(hidden, live)
        norms = np.linalg.norm(null, axis=1)
        singles = [g for g in hidden if withheld[g] == ANONYMITY and norms[column[g]] <= 1e-9]
        exposed += [(g,) for g in sorted(singles, key=lambda g: (counts[g], g))]
    else:
        column, null = {}, np.zeros((0, 0))
    exposed += [v for v in combos if _follows(v, column, null)]
    for v in exposed:
        near = {
            c
            for g in v
            for i in state.member_of.get(g, ())
            for c in parents[i].cells
            if c not in withheld and c not in state.pinned
        }
        for candidate in sorted(near, key=lambda c: (counts[c], c)):
            opened = [parents[i] for i in state.member_of.get(candidate, ()) if not state.hidden[i]]
            if not combination_determined(v, sorted([*hidden, candidate]), [*live, *opened]):
                state.add(candidate, COMPLEMENTARY)
                return True
        # NOTE: no single neighbour helps (rare); withholding the smallest still moves on and
        # the loop ends because every step withholds one more group.
        if near:
            state.add(min(near, key=lambda c: (counts[c], c)), COMPLEMENTARY)
            return True
    return False
