r"""Where each node of a game tree goes in a picture: one layout shared by the figure and the TikZ output.

The layout is the classic *leaves evenly spaced, parents centred* drawing of a
rooted ordered tree:

* every node sits on the **level** of its depth :math:`d(v)` (the root on
  level 0, a child one level below its parent);
* the terminal nodes, taken in preorder (which is their left-to-right order
  when children are drawn in action order), get the **breadth** positions
  :math:`0, 1, \dots, L-1`;
* a non-terminal node is **centred** over its children: its breadth is the
  midpoint of its first and last child's,
  :math:`b(v) = \tfrac12\,(b(c_{\mathrm{first}}) + b(c_{\mathrm{last}}))`.

So leaves never collide, siblings keep their action order, and no edge
crosses another (an edge leaves its parent inside the parent's own interval
of leaves).  This is the first, simple stage of the tidy drawings of Wetherell
and Shannon (1979) and Reingold and Tilford (1981), without their compaction
of subtrees: a game tree is read leaf by leaf (payoffs side by side), so
evenly spaced leaves are what a reader wants.  Both passes are loops over the
preorder numbering of :class:`~gametheory.tree.Tree` (children after their
parent), top down for the levels and bottom up for the breadths: no
recursion, linear time.

In the **vertical** orientation the root is at the top and levels go down
(:math:`x = b`, :math:`y = -d`); in the **horizontal** one the root is at the
left and levels go right, the first leaf at the top (:math:`x = d`,
:math:`y = -b`).  Units are abstract (one leaf step, one level step); each
output scales them.

A drawing stops being legible long before the layout gets slow:
:func:`check_drawable` refuses trees with more than :data:`DRAW_MAX_LEAVES`
leaves before anything is drawn.

References
----------
C. Wetherell and A. Shannon, "Tidy drawings of trees", *IEEE Transactions on
Software Engineering* SE-5 (1979) 514-520.

E. M. Reingold and J. S. Tilford, "Tidier drawings of trees", *IEEE
Transactions on Software Engineering* SE-7 (1981) 223-228.

Examples
--------
The entry-deterrence game: the entrant stays out (a leaf) or enters, then the
incumbent fights or accommodates.

>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Entrant", "Incumbent"])
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
...     "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> lay = tree_layout(t, "vertical")
>>> lay.breadth.tolist(), lay.level.tolist()   # nodes 0 root, 1 Out, 2 incumbent, 3 Fight, 4 Accommodate
([0.75, 0.0, 1.5, 1.0, 2.0], [0, 1, 1, 2, 2])
>>> lay.position(2)
(1.5, -1.0)
>>> tree_layout(t, "horizontal").position(2)
(1.0, -1.5)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..cost import check_cost
from ..errors import CostLimitError, InputError
from .game import Tree

__all__ = ["TreeLayout", "tree_layout", "check_drawable", "resolve_orientation", "DRAW_MAX_LEAVES",
           "AUTO_VERTICAL_MAX_LEAVES"]

Orientation = Literal["vertical", "horizontal"]

#: Most leaves a picture of a tree may have: past a few hundred, labels and payoffs no longer fit
#: side by side on a page (300 leaves in the horizontal orientation is a figure about 1.5 m tall).
DRAW_MAX_LEAVES = 300

#: ``orientation="auto"`` draws root-at-top up to this many leaves, root-at-left beyond (a page is
#: taller than a slide is wide, and leaves then stack down the page).
AUTO_VERTICAL_MAX_LEAVES = 12


@dataclass(frozen=True)
class TreeLayout:
    """Positions of the nodes of a tree, in abstract units (see the module docstring).

    Attributes
    ----------
    breadth : numpy.ndarray
        Read-only float array: each node's position across the levels (the
        leaves are ``0 .. num_leaves - 1``).
    level : numpy.ndarray
        Read-only int array: each node's depth (root 0).
    orientation : {'vertical', 'horizontal'}
        Root at the top, or at the left.
    """

    breadth: np.ndarray
    level: np.ndarray
    orientation: Orientation

    @property
    def num_leaves(self) -> int:
        """Number of leaves (they sit at breadths ``0 .. num_leaves - 1``; every other node between them)."""
        return int(self.breadth.max()) + 1

    @property
    def num_levels(self) -> int:
        """Number of levels: the depth of the deepest node plus one."""
        return int(self.level.max()) + 1

    @property
    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """``(x, y)`` arrays of every node in the chosen orientation (y grows upwards)."""
        b = self.breadth
        d = self.level.astype(float)
        if self.orientation == "vertical":
            return b, -d
        return d, -b

    def position(self, v: int) -> tuple[float, float]:
        """``(x, y)`` of node ``v``."""
        b, d = float(self.breadth[v]), float(self.level[v])
        return (b, -d) if self.orientation == "vertical" else (d, -b)


def resolve_orientation(tree: Tree, orientation: str = "auto") -> Orientation:
    """``'vertical'`` or ``'horizontal'``; ``'auto'`` is vertical up to :data:`AUTO_VERTICAL_MAX_LEAVES` leaves.

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A"])
    >>> resolve_orientation(b.build(b.decision("A", {"x": b.payoff(1), "y": b.payoff(0)})))
    'vertical'
    """
    if orientation == "auto":
        return "vertical" if len(tree.terminals) <= AUTO_VERTICAL_MAX_LEAVES else "horizontal"
    if orientation not in ("vertical", "horizontal"):
        raise InputError(f"orientation must be 'vertical', 'horizontal' or 'auto', got {orientation!r}",
                         field="orientation")
    return orientation  # type: ignore[return-value]


def check_drawable(tree: Tree, max_leaves: int | None = None) -> None:
    """Raise CostLimitError when ``tree`` has too many leaves to be drawn legibly.

    Checked in constant time, before any layout or drawing.  ``max_leaves``
    defaults to :data:`DRAW_MAX_LEAVES`; nodes are limited to four per allowed
    leaf (chains of one-action nodes add levels, not width, but still ink).

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A"])
    >>> t = b.build(b.decision("A", {f"a{i}": b.payoff(i) for i in range(5)}))
    >>> check_drawable(t)
    >>> check_drawable(t, max_leaves=4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.CostLimitError: the tree has 5 leaves, too many to draw legibly (at most 4); ...
    """
    limit = DRAW_MAX_LEAVES if max_leaves is None else max_leaves
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)) or limit < 1:
        raise InputError(f"max_leaves must be a positive integer, got {max_leaves!r}", field="max_leaves")
    leaves = len(tree.terminals)
    if leaves > limit:
        raise CostLimitError(
            f"the tree has {leaves} leaves, too many to draw legibly (at most {limit}); draw a subgame or a "
            "smaller version of the game, or pass a larger max_leaves"
        )
    if tree.num_nodes > 4 * limit:
        raise CostLimitError(
            f"the tree has {tree.num_nodes} nodes, too many to draw legibly (at most {4 * limit}, four per "
            f"allowed leaf); draw a subgame or a smaller version of the game, or pass a larger max_leaves"
        )


def tree_layout(tree: Tree, orientation: str = "auto", *, max_cost=None) -> TreeLayout:
    """The layout of ``tree``: evenly spaced leaves, parents centred over their children, one level per depth.

    Parameters
    ----------
    tree : Tree
    orientation : {'auto', 'vertical', 'horizontal'}
        Root at the top (``vertical``) or at the left (``horizontal``);
        ``auto`` picks by the number of leaves (:func:`resolve_orientation`).
    max_cost : int, optional
        Refuse (CostLimitError) when the number of nodes exceeds it
        (:func:`gametheory.cost.check_cost`); the layout itself is linear
        and takes about a second per million nodes.

    Returns
    -------
    TreeLayout
    """
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}", field="tree")
    orient = resolve_orientation(tree, orientation)
    n = tree.num_nodes
    check_cost(n, max_cost, "tree layout", f"{n} nodes, two passes")
    parent = tree.parents.tolist()
    level = [0] * n
    for v in range(1, n):  # preorder: the parent's level is known
        level[v] = level[parent[v]] + 1
    breadth = np.zeros(n, dtype=float)
    terminals = tree.terminals
    breadth[terminals] = np.arange(len(terminals), dtype=float)
    ptr = tree.child_offsets.tolist()
    kids = tree.child_nodes.tolist()
    b = breadth.tolist()
    for v in range(n - 1, -1, -1):  # reverse preorder: the children are placed before their parent
        lo, hi = ptr[v], ptr[v + 1]
        if hi > lo:
            b[v] = (b[kids[lo]] + b[kids[hi - 1]]) / 2
    breadth = np.asarray(b, dtype=float)
    level_arr = np.asarray(level, dtype=np.int64)
    breadth.setflags(write=False)
    level_arr.setflags(write=False)
    return TreeLayout(breadth, level_arr, orient)
