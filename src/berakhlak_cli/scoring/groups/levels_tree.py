"""The groups of every level as a tree over leaf cells, and which leaves each group holds.

The scorer's fine cells (``scoring.breakdowns``) are keyed by the level columns, outermost
first. A group of level d is a distinct path of d parts (spaces collapsed, compared as
``normalize`` does); its leaves are the deepest groups under it. A row whose path has a blank
part at level d sits in a *blank* leaf at that depth under its last named group: it counts in
the groups above (like a blank ``--by`` cell in the institution row) and is never published.
Memory is in the number of groups, never in the number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from berakhlak_cli.model.normalize import normalize


@dataclass
class Tree:
    """Groups of every level (``nodes``), the top row's children and each leaf's fine cells.

    ``keys[g]`` is group g's path (a blank leaf ends in ""), ``depth[g]`` its level (1 = the
    outermost), ``parent[g]`` its parent group (-1: the top row).
    """

    keys: list[tuple[str, ...]] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    blank: list[bool] = field(default_factory=list)
    leaf: list[int] = field(default_factory=list)
    """Group -> its position among the leaves (-1: not a leaf)."""
    leaves: list[int] = field(default_factory=list)
    """Leaf position -> group."""
    top: list[int] = field(default_factory=list)
    """The groups of the first level (and a blank leaf of rows with no first-level name)."""

    def _add(self, path: tuple[str, ...], parent: int, is_leaf: bool) -> int:
        g = len(self.keys)
        self.keys.append(path)
        self.depth.append(len(path))
        self.parent.append(parent)
        self.children.append([])
        self.blank.append(path[-1] == "")
        self.leaf.append(len(self.leaves) if is_leaf else -1)
        if is_leaf:
            self.leaves.append(g)
        (self.children[parent] if parent >= 0 else self.top).append(g)
        return g

    def under(self, g: int) -> list[int]:
        """Every group below ``g`` (``g`` excluded), depth first."""
        out: list[int] = []
        stack = list(reversed(self.children[g]))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(self.children[c]))
        return out


def build_tree(
    fine_keys: Sequence[tuple[str, ...]], n_levels: int
) -> tuple[Tree, npt.NDArray[np.intp]]:
    """The tree of ``fine_keys`` (one part per level) and each fine cell's leaf position."""
    tree = Tree()
    index: dict[tuple[str, ...], int] = {}
    leaf_of = np.empty(len(fine_keys), dtype=np.intp)
    for f, key in enumerate(fine_keys):
        parent = -1
        norm: tuple[str, ...] = ()
        for d in range(n_levels):
            part = key[d] if d < len(key) else ""
            shown = (*tree.keys[parent], part) if parent >= 0 else (part,)
            norm = (*norm, normalize(part))
            last = d == n_levels - 1 or not part
            g = index.get(norm)
            if g is None:
                g = index[norm] = tree._add(shown, parent, last)
            parent = g
            if not part:
                break
        leaf_of[f] = tree.leaf[parent]
    return tree, leaf_of


def included_leaves(tree: Tree, excluded: Sequence[bool]) -> tuple[list[list[int]], list[int]]:
    """Per group, and for the top row, the leaves its score rests on: a child left out of its
    parent (below its minimum) takes its leaves out of every group above it."""
    inc: list[list[int]] = [[] for _ in tree.keys]
    for g in sorted(range(len(tree.keys)), key=lambda g: -tree.depth[g]):
        if tree.leaf[g] >= 0:
            inc[g] = [tree.leaf[g]]
        else:
            inc[g] = [leaf for c in tree.children[g] if not excluded[c] for leaf in inc[c]]
    top = [leaf for c in tree.top if not excluded[c] for leaf in inc[c]]
    return inc, top
