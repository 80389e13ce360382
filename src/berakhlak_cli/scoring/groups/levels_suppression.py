"""Which groups of a run with levels are withheld, so that none is recoverable at any level.

Unknowns are the leaves' score sums (``scoring.levels_tree``). Every published group is one
linear equation over them: a pooled group is the sum of its included leaves over its
respondents, a mean of children the weighted sum of its children's equations (so its
coefficients are exact, not 0/1). The rules, applied until nothing changes:

1. Anonymity per level: a group with fewer respondents than its level's ``min_group_size``
   is withheld (a group with no included leaf has nothing to publish: ``no-eligible-unit``).
2. Leaves: ``scoring.suppression.withhold`` over the leaves, with every published group
   above them (and the top row) as a parent.
3. Each published parent whose children are groups (not leaves): if a child is withheld, at
   least two are, with at least the children's floor together; else its smallest published
   child is withheld too (complementary).
4. A withheld group whose included children are all published is their sum: its smallest
   child is withheld too.
5. Exact check: no group withheld for anonymity, and no set of withheld children of a
   published parent with fewer respondents together than their floor, may lie in the row
   space of the published equations restricted to the withheld leaves. If one does, the
   smallest published neighbour (sibling, child, or leaf below a withheld sibling) that
   removes the determination is withheld, and the rules run again.

Rounding and the 0-100 bounds are ignored, as in ``scoring.suppression`` (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from berakhlak_cli.scoring.groups.levels_tree import Tree
from berakhlak_cli.scoring.groups.suppression import ANONYMITY, COMPLEMENTARY, Parent, withhold

NO_ELIGIBLE_UNIT = "no-eligible-unit"
Coef = dict[int, float]
"""A group's score as a linear combination of leaf score sums (leaf position -> weight)."""


class LevelSuppression:
    """Inputs of the rules: the tree, respondents, floors, included leaves and equations."""

    def __init__(
        self,
        tree: Tree,
        respondents: Sequence[int],
        floors: Sequence[int],
        inc: Sequence[Sequence[int]],
        coef: Sequence[Coef],
        top: tuple[Sequence[int], Coef, bool],
        excluded: Sequence[bool],
    ) -> None:
        """``top``: the top row's included leaves, its equation and whether it is published."""
        self.tree, self.n, self.floors, self.inc, self.coef = tree, respondents, floors, inc, coef
        self.top_inc, self.top_coef, self.top_published = top
        self.excluded = excluded
        self.leaf_n = [respondents[g] for g in tree.leaves]
        # NOTE: the deepest level's floor; a blank leaf higher up (rows with no name at some
        # level) is held to it too, so it never lowers the floor of the named leaves.
        deepest = max((tree.depth[g] for g in tree.leaves), default=0)
        self.leaf_floor = max(
            (floors[g] for g in tree.leaves if tree.depth[g] == deepest and not tree.blank[g]),
            default=max((floors[g] for g in tree.leaves), default=1),
        )
        self.withheld: dict[int, str] = {}
        for g in range(len(tree.keys)):
            if tree.leaf[g] < 0 and not inc[g]:
                self.withheld[g] = NO_ELIGIBLE_UNIT
            elif respondents[g] < floors[g] and not tree.blank[g]:
                self.withheld[g] = ANONYMITY
        self.forced: set[int] = set()
        self.hidden_leaves: dict[int, str] = {}

    def run(self) -> dict[int, str]:
        """Group -> reason for every withheld group (leaves included)."""
        while True:
            self._leaves()
            if self._balance() or self._sums():
                continue
            if not self._exact():
                break
        out = dict(self.withheld)
        for leaf, why in self.hidden_leaves.items():
            g = self.tree.leaves[leaf]
            if not self.tree.blank[g]:
                out[g] = why
        return out

    def _published(self, g: int) -> bool:
        return g not in self.withheld and not self.tree.blank[g]

    def _parents(self) -> list[tuple[int, list[int]]]:
        """(group, children) of every published parent; -1 is the top row."""
        out = [(-1, list(self.tree.top))] if self.top_published else []
        for g in range(len(self.tree.keys)):
            if self.tree.leaf[g] < 0 and self._published(g):
                out.append((g, self.tree.children[g]))
        return out

    def _leaves(self) -> None:
        """Rule 2 (forced leaves enter with 0 respondents: withheld, and counted as nobody in
        the pairs rule, which only withholds more)."""
        tree = self.tree
        parents = [Parent(tuple(sorted(self.top_inc)), True)] if self.top_published else []
        parents += [
            Parent(tuple(sorted(self.inc[g])), True)
            for g in range(len(tree.keys))
            if tree.leaf[g] < 0 and self._published(g) and self.inc[g]
        ]
        counts = [0 if i in self.forced else n for i, n in enumerate(self.leaf_n)]
        blank = [tree.blank[g] for g in tree.leaves]
        found = withhold(counts, parents, self.leaf_floor, blank)
        self.hidden_leaves = {
            i: (COMPLEMENTARY if i in self.forced else why) for i, why in found.items()
        }

    def _hidden(self, g: int) -> bool:
        leaf = self.tree.leaf[g]
        return leaf in self.hidden_leaves if leaf >= 0 else g in self.withheld

    def _hide(self, g: int) -> None:
        leaf = self.tree.leaf[g]
        if leaf >= 0:
            self.forced.add(leaf)
            self.hidden_leaves[leaf] = COMPLEMENTARY
        else:
            self.withheld[g] = COMPLEMENTARY

    def _kids(self, children: Sequence[int]) -> list[int]:
        return [c for c in children if not self.tree.blank[c] and not self.excluded[c]]

    def _balance(self) -> bool:
        """Rule 3; True when a group was withheld."""
        for _, children in self._parents():
            kids = [c for c in self._kids(children) if self.tree.leaf[c] < 0]
            hidden = [c for c in kids if self._hidden(c)]
            if not hidden:
                continue
            floor = max(self.floors[c] for c in kids)
            if len(hidden) >= 2 and sum(self.n[c] for c in hidden) >= floor:
                continue
            shown = [c for c in kids if not self._hidden(c)]
            if shown:
                self._hide(min(shown, key=lambda c: (self.n[c], c)))
                return True
        return False

    def _sums(self) -> bool:
        """Rule 4; True when a group was withheld."""
        for g in sorted(self.withheld):
            if self.tree.leaf[g] >= 0 or self.withheld[g] == NO_ELIGIBLE_UNIT:
                continue
            kids = self._kids(self.tree.children[g])
            if kids and not any(self._hidden(c) for c in kids):
                self._hide(min(kids, key=lambda c: (self.n[c], c)))
                return True
        return False

    def _equations(self) -> list[Coef]:
        rows = [self.top_coef] if self.top_published else []
        rows += [
            self.coef[g]
            for g in range(len(self.tree.keys))
            if self.tree.leaf[g] < 0 and self._published(g) and self.inc[g]
        ]
        return rows

    def _targets(self) -> list[tuple[Coef, list[int]]]:
        """(vector, groups it stands for) of every statistic that must stay unknown."""
        out: list[tuple[Coef, list[int]]] = []
        for g, why in self.withheld.items():
            if why == ANONYMITY:
                out.append((self.coef[g], [g]))
        for leaf, why in self.hidden_leaves.items():
            g = self.tree.leaves[leaf]
            if why == ANONYMITY:
                out.append((self.coef[g], [g]))
        for _, children in self._parents():
            kids = self._kids(children)
            hidden = [c for c in kids if self._hidden(c)]
            floor = max((self.floors[c] for c in kids), default=0)
            if len(hidden) >= 2 and sum(self.n[c] for c in hidden) < floor:
                pooled: Coef = {}
                for c in hidden:
                    for leaf, w in self.coef[c].items():
                        pooled[leaf] = pooled.get(leaf, 0.0) + w * self.n[c]
                out.append((pooled, hidden))
        return out

    def _exact(self) -> bool:
        """Rule 5; True when a group was withheld."""
        exposed = self._exposed(self._targets())
        if not exposed:
            return False
        vector, groups = exposed[0]
        for candidate in self._near(groups):
            self._hide(candidate)
            if not self._exposed([(vector, groups)]):
                return True
            self._unhide(candidate)
        near = self._near(groups)
        if near:
            self._hide(near[0])
            return True
        # NOTE: nothing left to withhold around it (every neighbour is withheld already);
        # withhold the parent's own total as the last resort.
        parent = self.tree.parent[groups[0]]
        if parent >= 0 and parent not in self.withheld:
            self.withheld[parent] = COMPLEMENTARY
            return True
        if self.top_published:
            self.top_published = False
            return True
        return False

    def _unhide(self, g: int) -> None:
        leaf = self.tree.leaf[g]
        if leaf >= 0:
            self.forced.discard(leaf)
            self.hidden_leaves.pop(leaf, None)
        else:
            self.withheld.pop(g, None)

    def _near(self, groups: Sequence[int]) -> list[int]:
        """Published groups whose withholding could hide ``groups``, smallest first."""
        tree, near = self.tree, set()
        for g in groups:
            parent = tree.parent[g]
            siblings = tree.children[parent] if parent >= 0 else tree.top
            near.update(self._kids(siblings))
            near.update(self._kids(tree.children[g]))
            for s in self._kids(siblings):
                if self._hidden(s):
                    near.update(c for c in tree.under(s) if not tree.blank[c])
        return sorted((c for c in near if not self._hidden(c)), key=lambda c: (self.n[c], c))

    def _exposed(self, targets: list[tuple[Coef, list[int]]]) -> list[tuple[Coef, list[int]]]:
        """The targets whose vector follows from the published equations."""
        unknown = sorted(self.hidden_leaves)
        column = {leaf: j for j, leaf in enumerate(unknown)}
        basis = _row_basis([_restrict(row, column) for row in self._equations()], len(unknown))
        out = []
        for vector, groups in targets:
            v = _restrict(vector, column)
            size = float(np.linalg.norm(v))
            if size == 0.0:
                out.append((vector, groups))
                continue
            residual = v - basis.T @ (basis @ v) if basis.size else v
            if float(np.linalg.norm(residual)) <= 1e-9 * size:
                out.append((vector, groups))
        return out


def _restrict(row: Coef, column: dict[int, int]) -> npt.NDArray[np.float64]:
    out = np.zeros(len(column))
    for leaf, w in row.items():
        j = column.get(leaf)
        if j is not None:
            out[j] += w
    return out


def _row_basis(rows: list[npt.NDArray[np.float64]], width: int) -> npt.NDArray[np.float64]:
    """An orthonormal basis of the rows' span (as rows)."""
    live = [r for r in rows if np.any(r)]
    if not live or width == 0:
        return np.zeros((0, width))
    matrix = np.array(live)
    _, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    tol = max(matrix.shape) * np.finfo(float).eps * (singular[0] if len(singular) else 0.0)
    rank = int((singular > tol).sum())
    return np.asarray(vt[:rank], dtype=np.float64)
