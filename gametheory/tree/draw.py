r"""Pictures of a game tree: a matplotlib figure (:func:`draw_tree`) and a TikZ picture (:func:`tikz_text`).

Both draw the same thing on the same layout (:mod:`gametheory.tree.layout`:
evenly spaced leaves, parents centred over their children, one level per
depth):

* a **decision node** is a rounded box with the name of the player who moves;
  a **chance node** a square box reading *Chance*; the edges leaving a chance
  node carry their probabilities, exactly (``h (1/3)``);
* every edge carries its **action label**;
* the nodes of an **information set** with more than one node are joined by
  a dashed line, in the order they are drawn (with the set's label, when it
  has one);
* every leaf carries its **payoffs** in player order (exact numbers as
  ``1/3``), stacked one per line under the leaf when the root is at the top,
  as a tuple right of the leaf when the root is at the left.

Given a **behaviour profile** ``{player: {information set key: {action:
probability}}}`` (the keys of :meth:`gametheory.tree.Tree.infoset_key`, as
in the JSON of a tree's solution), the actions it plays are drawn thick and
bold, those it never plays thin and grey, and a mixed choice shows its
probability (``Accept: 1/3``).  The **equilibrium path** is drawn thicker in
red: the path given (node numbers, or action labels from the root), or else
every edge reached with positive probability under the profile (chance moves
included), computed top down over the preorder numbering:
:math:`\Pr(\text{root}) = 1` and
:math:`\Pr(c) = \Pr(v)\,\beta(a)` for the child :math:`c` of :math:`v` by
action :math:`a`, where :math:`\beta(a)` is the profile's probability of
:math:`a` at :math:`v`'s information set (or the chance probability).  A
node whose information set the profile leaves out stops the path there.

A tree too large to read (more than
:data:`~gametheory.tree.layout.DRAW_MAX_LEAVES` leaves) is refused before
anything is drawn (:func:`~gametheory.tree.layout.check_drawable`).

The TikZ picture uses only core TikZ (no ``\usetikzlibrary``): paste it into
a document or a beamer frame that loads ``tikz``.  Labels are escaped for
LaTeX; numbers are set in math mode.

Figures are built on :class:`matplotlib.figure.Figure` without ``pyplot``
(no GUI, no global state); write them with
:func:`gametheory.assumptions.plots.save` (png, svg or pdf).  matplotlib is
imported only inside :func:`draw_tree`.

References
----------
M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
chapter 6 (the drawing conventions of extensive games).

T. Tantau, *The TikZ and PGF Packages*, manual for version 3.1 (2023).

Examples
--------
>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Entrant", "Incumbent"], title="Entry deterrence")
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
...     "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> spe = {"Entrant": {"1": {"Out": 0, "In": 1}}, "Incumbent": {"In": {"Fight": 0, "Accommodate": 1}}}
>>> fig = draw_tree(t, spe)
>>> [tx.get_text() for tx in fig.axes[0].texts][:3]
['Entrant', 'Incumbent', 'Out']
>>> text = tikz_text(t, spe)
>>> text.count(r"\begin{tikzpicture}"), r"\draw[onpath] (n0) -- node[action, onpathlabel] {In} (n2);" in text
(1, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError, LabelError
from ..numbers import format_number, is_sympy, parse_rational
from .game import Tree
from .layout import check_drawable, tree_layout

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["draw_tree", "tikz_text", "latex_escape"]

# edge states
_PLAIN, _CHOSEN, _UNCHOSEN, _PATH = "plain", "chosen", "unchosen", "path"

#: How close a float probability must be to 0 (or 1) to count as 0 (or 1): floats from a numeric solver.
_FLOAT_ZERO = 1e-9

# one colour per player (matplotlib's tab10 without its red, which marks the path)
_PLAYER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")
_PLAYER_TIKZ_COLORS = ("blue", "orange", "green", "violet", "brown", "magenta", "olive", "cyan")
_PATH_COLOR = "#c0392b"
_UNCHOSEN_COLOR = "#9a9a9a"


# ---------------------------------------------------------------------------------------------- highlights
@dataclass(frozen=True)
class _Marks:
    """What a profile and a path highlight, indexed by the node an edge leads to."""

    edge: list[str]  # state of the edge into each node (the root's entry is unused)
    mixed: list[Any]  # probability of a mixed choice on the edge into each node, None for a pure one
    on_path: list[bool]  # each node on the emphasised path
    highlighted: bool


def _probability(x: Any, where: str):
    """A behaviour probability as a number: Fraction, float or sympy; strings read exactly."""
    if isinstance(x, bool):
        raise InputError(f"{where}: a probability must be a number, got {x!r}", field="behavior")
    if isinstance(x, str):
        x = parse_rational(x.strip(), field=f"behavior: {where}")
    elif isinstance(x, (int, np.integer)):
        x = Fraction(int(x))
    elif isinstance(x, (float, np.floating)):
        x = float(x)
        if not np.isfinite(x):
            raise InputError(f"{where}: the probability {x!r} is not a finite number", field="behavior")
    elif not isinstance(x, Fraction) and not is_sympy(x):
        raise InputError(f"{where}: a probability must be a number, got {type(x).__name__} {x!r}", field="behavior")
    if not is_sympy(x):
        tol = _FLOAT_ZERO if isinstance(x, float) else 0
        if x < -tol or x > 1 + tol:
            raise InputError(f"{where}: the probability {format_number(x)} is not between 0 and 1", field="behavior")
    return x


def _is_zero(p) -> bool:
    if isinstance(p, float):
        return abs(p) <= _FLOAT_ZERO
    return bool(p == 0)


def _is_one(p) -> bool:
    if isinstance(p, float):
        return abs(p - 1) <= _FLOAT_ZERO
    return bool(p == 1)


def _unpack(behavior, path):
    """``(behaviour mapping or None, path or None)`` from a mapping, a JSON equilibrium or a result object."""
    if behavior is None:
        return None, path
    if isinstance(behavior, Mapping):
        return behavior, path
    for name in ("behavior", "probs"):
        value = getattr(behavior, name, None)
        if callable(value):
            value = value()
        if isinstance(value, Mapping):
            if path is None:
                path = getattr(behavior, "path", None)
            return value, path
    raise InputError(f"behavior must be a mapping {{player: {{information set: {{action: probability}}}}}}, got "
                     f"{type(behavior).__name__}", field="behavior")


def _profile(tree: Tree, behavior: Mapping) -> dict[int, tuple]:
    """``{information set: (probability per action, ...)}`` from a behaviour mapping, checked against the tree."""
    if "behavior" in behavior and "behavior" not in tree.players and isinstance(behavior["behavior"], Mapping):
        behavior = behavior["behavior"]  # one equilibrium of the JSON output, given whole
    out: dict[int, tuple] = {}
    for player, sets in behavior.items():
        tree.player_index(player)  # LabelError for an unknown player
        if not isinstance(sets, Mapping):
            raise InputError(f"behavior of {player!r} must map information sets to {{action: probability}}, got "
                             f"{type(sets).__name__}", field="behavior")
        for key, dist in sets.items():
            k = tree.find_infoset(player, str(key))
            actions = tree.infoset_actions(k)
            if not isinstance(dist, Mapping):
                raise InputError(f"behavior of {player!r} at {key!r} must map actions to probabilities, got "
                                 f"{type(dist).__name__}", field="behavior")
            probs: list = [Fraction(0)] * len(actions)
            for action, p in dist.items():
                if action not in actions:
                    raise LabelError(f"no action {action!r} at information set {key!r} of {player!r}; actions are "
                                     f"{list(actions)}", field="behavior")
                probs[actions.index(action)] = _probability(p, f"{player!r} at {key!r}, action {action!r}")
            out[k] = tuple(probs)
    return out


def _path_edges(tree: Tree, path) -> set[int]:
    """The nodes whose incoming edge is on ``path`` (node numbers in a chain, or action labels from the root)."""
    if isinstance(path, (str, bytes)) or not isinstance(path, (Sequence, np.ndarray)):
        raise InputError("path must be a list of node numbers or of action labels from the root, got "
                         f"{type(path).__name__} {path!r}", field="path")
    items = list(path)
    edges: set[int] = set()
    if not items:
        return edges
    if all(isinstance(x, str) for x in items):
        v = tree.root
        for a in items:
            if tree.is_terminal(v):
                raise InputError(f"path {items!r} goes on past the terminal node {v}", field="path")
            v = tree.child(v, a)
            edges.add(v)
        return edges
    if all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in items):
        nodes = [int(x) for x in items]
        for v in nodes:
            tree.parent(v)  # LabelError for a node that does not exist
        for u, v in zip(nodes, nodes[1:]):
            if tree.parent(v) != u:
                raise InputError(f"path {nodes!r}: node {v} is not a child of node {u}; a path lists nodes each a "
                                 "child of the one before", field="path")
            edges.add(v)
        return edges
    raise InputError(f"path must be all node numbers or all action labels, got {items!r}", field="path")


def _marks(tree: Tree, behavior, path) -> _Marks:
    behavior, path = _unpack(behavior, path)
    n = tree.num_nodes
    edge = [_PLAIN] * n
    mixed: list[Any] = [None] * n
    on_path = [False] * n
    if behavior is None and path is None:
        return _Marks(edge, mixed, on_path, False)
    parents = tree.parents.tolist()
    incoming = tree.incoming_actions.tolist()
    iset = tree.node_infosets.tolist()
    kinds = tree.node_kinds.tolist()
    profile = _profile(tree, behavior) if behavior is not None else {}
    for v in range(1, n):
        probs = profile.get(iset[parents[v]])
        if probs is None:
            continue
        p = probs[incoming[v]]
        edge[v] = _UNCHOSEN if _is_zero(p) else _CHOSEN
        if not _is_zero(p) and not _is_one(p):
            mixed[v] = p
    if path is not None:
        path_edges = _path_edges(tree, path)
    else:
        # reached with positive probability, top down: the parent is decided before its children
        reached = [False] * n
        reached[0] = True
        path_edges = set()
        for v in range(1, n):
            u = parents[v]
            if not reached[u]:
                continue
            if kinds[u] == 2:
                p = tree.probabilities(u)[tree.incoming_action(v)]
                positive = not (is_sympy(p) and p.is_zero) and not (not is_sympy(p) and _is_zero(p))
            else:
                positive = edge[v] == _CHOSEN
            if positive:
                reached[v] = True
                path_edges.add(v)
    for v in path_edges:
        edge[v] = _PATH
        on_path[v] = True
        on_path[parents[v]] = True
    return _Marks(edge, mixed, on_path, True)


# ---------------------------------------------------------------------------------------------- labels
def _edge_label(tree: Tree, v: int, marks: _Marks, number=format_number) -> str:
    """The label of the edge into ``v``: the action, with its chance probability or mixed probability."""
    u = int(tree.parents[v])
    action = tree.incoming_action(v)
    assert action is not None
    if tree.node_kinds[u] == 2:
        return f"{action} ({number(tree.probabilities(u)[action])})"
    if marks.mixed[v] is not None:
        return f"{action}: {number(marks.mixed[v])}"
    return action


def _payoff_texts(tree: Tree) -> dict[int, list[str]]:
    """``{terminal: [payoff text per player]}``, each distinct value formatted once."""
    cache: dict = {}
    out: dict[int, list[str]] = {}
    for r, v in enumerate(tree.terminals.tolist()):
        row = []
        for x in tree.payoffs[r].tolist():
            text = cache.get(x)
            if text is None:
                text = cache[x] = format_number(x)
            row.append(text)
        out[v] = row
    return out


def _multi_infosets(tree: Tree) -> list[int]:
    """The players' information sets with more than one node (chance's are never joined)."""
    return [k for k in range(tree.num_infosets)
            if tree.infoset_player(k) is not None and len(tree.infoset_nodes(k)) > 1]


# ---------------------------------------------------------------------------------------------- matplotlib
def _lighten(color: str, amount: float = 0.78) -> tuple[float, float, float]:
    rgb = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return (rgb[0] + (1 - rgb[0]) * amount, rgb[1] + (1 - rgb[1]) * amount, rgb[2] + (1 - rgb[2]) * amount)


def draw_tree(tree: Tree, behavior=None, path=None, title: str | None = None, *, orientation: str = "auto",
              max_leaves: int | None = None) -> Figure:
    """A figure of ``tree``: nodes, actions, information sets, payoffs, and a profile's choices and path.

    Parameters
    ----------
    tree : Tree
    behavior : mapping, optional
        ``{player: {information set key: {action: probability}}}``
        (probabilities as numbers or strings such as ``"1/3"``; an omitted
        action has probability 0; an omitted information set is drawn
        plainly).  An object with a ``behavior`` or ``probs`` mapping (and
        optionally a ``path``), or one equilibrium of the JSON output
        (``{"behavior": ..., "path": ...}``), is accepted too.
    path : sequence, optional
        The path to emphasise: node numbers, each a child of the one before,
        or action labels from the root.  Default: with ``behavior``, every
        edge it reaches with positive probability.
    title : str, optional
        Default: the tree's title; ``""`` for none.
    orientation : {'auto', 'vertical', 'horizontal'}
        Root at the top or at the left (``auto``: at the top up to 12 leaves).
    max_leaves : int, optional
        Refuse larger trees (default :data:`~gametheory.tree.layout.DRAW_MAX_LEAVES`).

    Returns
    -------
    matplotlib.figure.Figure
        Sized so that text stays 11 points at 100% (readable on a slide);
        write it with :func:`gametheory.assumptions.plots.save`.

    Raises
    ------
    CostLimitError
        The tree is too large to draw legibly.
    InputError, LabelError
        A profile or path that does not fit the tree.
    """
    check_drawable(tree, max_leaves)
    marks = _marks(tree, behavior, path)
    lay = tree_layout(tree, orientation)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    title = tree.title if title is None else str(title)
    n = tree.num_nodes
    N = tree.num_players
    vertical = lay.orientation == "vertical"
    pay = _payoff_texts(tree)
    labels = [_edge_label(tree, v, marks) if v else "" for v in range(n)]
    char = 0.092  # inches per character at 11 points (about 0.6 em)
    longest_label = max((len(s) for s in labels), default=1)
    longest_name = max(len(p) for p in tree.players + ("Chance",))
    if vertical:
        payoff_w = char * max((len(s) for row in pay.values() for s in row), default=1)
        # sibling labels sit 60% of the way down, so they are 0.6 leaf steps apart at the least
        unit_b = min(max(payoff_w + 0.3, char * longest_label / 0.6 + 0.15, 0.8), 2.6)
        unit_d = 1.35
        side = max(unit_b / 2, char * longest_name / 2) + 0.35
        below = 0.24 * N + 0.3
        width = 2 * side + (lay.num_leaves - 1) * unit_b
        height_tree = (lay.num_levels - 1) * unit_d
    else:
        tuple_w = char * max((sum(len(s) for s in row) + 2 * N for row in pay.values()), default=4)
        unit_b = 0.5
        unit_d = min(max(char * longest_label + 0.9, char * longest_name + 0.6, 1.6), 3.4)
        side = char * longest_name / 2 + 0.35  # left margin
        below = 0.35
        width = side + (lay.num_levels - 1) * unit_d + tuple_w + 0.5
        height_tree = (lay.num_leaves - 1) * unit_b
    top = 0.45 + (0.45 if title else 0.0)
    foot = 0.35 + (0.35 if marks.highlighted else 0.0)
    height = top + height_tree + below + foot
    width = max(width, 5.0)
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()

    # node positions in inches
    if vertical:
        left = (width - (lay.num_leaves - 1) * unit_b) / 2
        X = left + lay.breadth * unit_b
        Y = height - top - lay.level * unit_d
    else:
        X = side + lay.level * unit_d
        Y = height - top - lay.breadth * unit_b
    X_l, Y_l = X.tolist(), Y.tolist()
    parents = tree.parents.tolist()
    kinds = tree.node_kinds.tolist()
    players = tree.node_players.tolist()

    # edges, grouped by state
    from matplotlib.collections import LineCollection

    styles = {_PLAIN: ("black", 1.4), _CHOSEN: ("black", 2.8), _UNCHOSEN: (_UNCHOSEN_COLOR, 1.0),
              _PATH: (_PATH_COLOR, 3.6)}
    segments: dict[str, list] = {s: [] for s in styles}
    for v in range(1, n):
        u = parents[v]
        segments[marks.edge[v]].append([(X_l[u], Y_l[u]), (X_l[v], Y_l[v])])
    for state, segs in segments.items():
        if segs:
            color, lw = styles[state]
            ax.add_collection(LineCollection(segs, colors=color, linewidths=lw, zorder=1, capstyle="round"))

    # information sets: dashed lines between consecutive nodes, under the node boxes
    for k in _multi_infosets(tree):
        nodes = sorted(tree.infoset_nodes(k), key=lambda v: (X_l[v], -Y_l[v]) if vertical else (-Y_l[v], X_l[v]))
        p = tree.player_index(tree.infoset_player(k))
        color = _PLAYER_COLORS[p % len(_PLAYER_COLORS)]
        ax.plot([X_l[v] for v in nodes], [Y_l[v] for v in nodes], ls=(0, (5, 3)), lw=1.8, color=color, zorder=0.5,
                label=f"_infoset {k}")  # a leading underscore keeps it out of any legend
        lab = tree.infoset_label(k)
        if lab:
            a, b = nodes[0], nodes[1]
            ax.text((X_l[a] + X_l[b]) / 2, (Y_l[a] + Y_l[b]) / 2 + 0.12, lab, ha="center", va="bottom", fontsize=9,
                    style="italic", color=color, zorder=2,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})

    # nodes: players' boxes, chance boxes
    for v in range(n):
        if kinds[v] == 0:
            continue
        emph = marks.on_path[v]
        if kinds[v] == 1:
            p = players[v]
            color = _PLAYER_COLORS[p % len(_PLAYER_COLORS)]
            box = {"boxstyle": "round,pad=0.3", "fc": _lighten(color), "ec": _PATH_COLOR if emph else color,
                   "lw": 2.2 if emph else 1.2}
            ax.text(X_l[v], Y_l[v], tree.players[p], ha="center", va="center", fontsize=11, zorder=3, bbox=box)
        else:
            box = {"boxstyle": "square,pad=0.3", "fc": "white", "ec": _PATH_COLOR if emph else "black",
                   "lw": 2.2 if emph else 1.2}
            ax.text(X_l[v], Y_l[v], "Chance", ha="center", va="center", fontsize=11, style="italic", zorder=3,
                    bbox=box)

    # action labels, 60% of the way from the parent (siblings fan out, so their labels separate)
    for v in range(1, n):
        u = parents[v]
        state = marks.edge[v]
        x = X_l[u] + 0.6 * (X_l[v] - X_l[u])
        y = Y_l[u] + 0.6 * (Y_l[v] - Y_l[u])
        color = {_PATH: _PATH_COLOR, _UNCHOSEN: _UNCHOSEN_COLOR}.get(state, "black")
        weight = "bold" if state in (_PATH, _CHOSEN) else "normal"
        ax.text(x, y, labels[v], ha="center", va="center", fontsize=11, color=color, weight=weight, zorder=2,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.9})

    # leaves and payoffs
    for v, row in pay.items():
        emph = marks.on_path[v]
        color = _PATH_COLOR if emph else "black"
        ax.plot([X_l[v]], [Y_l[v]], "o", ms=5 if emph else 4, color=color, zorder=3)
        if vertical:
            ax.text(X_l[v], Y_l[v] - 0.12, "\n".join(row), ha="center", va="top", fontsize=11, color=color,
                    weight="bold" if emph else "normal", linespacing=1.25, zorder=3)
        else:
            ax.text(X_l[v] + 0.12, Y_l[v], "(" + ", ".join(row) + ")", ha="left", va="center", fontsize=11,
                    color=color, weight="bold" if emph else "normal", zorder=3)

    if title:
        fig.text(0.5, 1 - 0.12 / height, title, ha="center", va="top", fontsize=13, weight="bold")
    note = ("payoffs top to bottom: " + ", ".join(tree.players) if vertical
            else "payoffs: (" + ", ".join(tree.players) + ")")
    fig.text(0.1 / width, 0.08 / height + (0.35 / height if marks.highlighted else 0), note, ha="left",
             va="bottom", fontsize=9, color="#444444")
    if marks.highlighted:
        present = set(marks.edge[1:])
        handles = [Line2D([], [], color=color, lw=lw, label=text) for state, color, lw, text in (
            (_PATH, _PATH_COLOR, 3.6, "equilibrium path"), (_CHOSEN, "black", 2.8, "chosen off the path"),
            (_UNCHOSEN, _UNCHOSEN_COLOR, 1.0, "not chosen")) if state in present]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.05 / width, 0.06 / height), ncol=3,
                   fontsize=9, frameon=False, handlelength=2.2, borderaxespad=0.0)
    return fig


# ---------------------------------------------------------------------------------------------- TikZ
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "_": r"\_", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\n": " ", "\r": " ",
}


def latex_escape(text: str) -> str:
    r"""``text`` with LaTeX's special characters escaped, for text mode (one pass: nothing is escaped twice).

    >>> print(latex_escape(r"50% & $5_a {b} #1 ~x^2 \n"))
    50\% \& \$5\_a \{b\} \#1 \textasciitilde{}x\textasciicircum{}2 \textbackslash{}n
    """
    return "".join(_LATEX_SPECIALS.get(c, c) for c in str(text))


def _tikz_number(x) -> str:
    """A payoff or probability in math mode: ``$1/3$``, ``$-1$``; a parameter expression through sympy's LaTeX."""
    if is_sympy(x):
        import sympy  # already loaded: x is a sympy object

        return f"${sympy.latex(x)}$"
    return f"${format_number(x)}$"


def _comment(text: str) -> str:
    """``text`` on one line, for a LaTeX comment (a line break would end the comment)."""
    return " ".join(str(text).splitlines())


def _tikz_coord(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def tikz_text(tree: Tree, behavior=None, path=None, *, orientation: str = "auto",
              max_leaves: int | None = None) -> str:
    r"""A TikZ picture of ``tree``, the same drawing as :func:`draw_tree`, for LaTeX documents and slides.

    The result is one ``tikzpicture`` environment, preceded by comments: it
    needs ``\usepackage{tikz}`` and no TikZ library.  Compile it alone in
    ``\documentclass[tikz,border=4pt]{standalone}`` or paste it into a
    beamer frame.  The styles at the top of the picture (``decision``,
    ``chance``, ``onpath``, ...) and its ``x``/``y`` units can be edited to
    restyle or rescale the whole tree.

    Parameters
    ----------
    tree, behavior, path, orientation, max_leaves
        As in :func:`draw_tree`.

    Returns
    -------
    str
        The picture, ending with a newline.  Labels are escaped
        (:func:`latex_escape`); numbers are in math mode (``$1/3$``).

    Examples
    --------
    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"x": b.payoff("1/3", 0), "y": b.payoff(1, 2)}))
    >>> text = tikz_text(t)
    >>> print(text[text.index(r"  \node"):])
      \node[decision, fill=blue!15, draw=blue] (n0) at (0.5,0) {A};
      \node[leaf] (n1) at (0,-1) {};
      \node[leaf] (n2) at (1,-1) {};
      \draw[edge] (n0) -- node[action] {x} (n1);
      \draw[edge] (n0) -- node[action] {y} (n2);
      \node[payoff, below=1pt] at (n1.south) {$1/3$\\$0$};
      \node[payoff, below=1pt] at (n2.south) {$1$\\$2$};
    \end{tikzpicture}
    <BLANKLINE>
    """
    check_drawable(tree, max_leaves)
    marks = _marks(tree, behavior, path)
    lay = tree_layout(tree, orientation)
    vertical = lay.orientation == "vertical"
    n = tree.num_nodes
    X, Y = lay.xy
    xs = [_tikz_coord(x) for x in X.tolist()]
    ys = [_tikz_coord(y) for y in Y.tolist()]
    parents = tree.parents.tolist()
    kinds = tree.node_kinds.tolist()
    players = tree.node_players.tolist()
    longest = max((len(_edge_label(tree, v, marks)) for v in range(1, n)), default=1)
    widest = max((len(s) for row in _payoff_texts(tree).values() for s in row), default=1)
    # units in cm (a \small character is about 0.18 cm): sibling labels sit 60% of the way down, so a leaf step
    # holds a label in 0.6 of it; a level step holds the stacked payoffs (vertical) or a label (horizontal)
    if vertical:
        x_unit = min(max(1.4, 0.18 * longest / 0.6 + 0.2, 0.18 * widest + 0.6), 4.5)
        y_unit = 1.8
    else:
        x_unit = min(max(2.4, 0.18 * longest + 1.2), 5.5)
        y_unit = 0.8

    lines = [
        f"% Game tree{': ' + _comment(tree.title) if tree.title else ''} (drawn by gametheory).",
        r"% Needs \usepackage{tikz}; no \usetikzlibrary{...} (core TikZ only).",
        r"% Alone: \documentclass[tikz,border=4pt]{standalone} \begin{document} ... \end{document}.",
        "% Payoffs " + ("top to bottom" if vertical else "in the order") + ": "
        + _comment(", ".join(tree.players)) + ".",
    ]
    if marks.highlighted:
        lines.append("% Thick red: the equilibrium path; thick black: chosen off the path; grey: not chosen.")
    lines += [
        rf"\begin{{tikzpicture}}[x={_tikz_coord(x_unit)}cm, y={_tikz_coord(y_unit)}cm,",
        r"  decision/.style={rectangle, rounded corners=3pt, draw, thick, inner sep=3pt, font=\small},",
        r"  chance/.style={rectangle, draw, thick, fill=white, inner sep=3pt, font=\small\itshape},",
        r"  leaf/.style={circle, fill=black, inner sep=1.2pt},",
        r"  edge/.style={thick},",
        r"  chosen/.style={line width=1.6pt},",
        r"  unchosen/.style={gray},",
        r"  onpath/.style={line width=2.2pt, red!75!black},",
        r"  onpathnode/.style={line width=1.6pt, draw=red!75!black},",
        r"  infoset/.style={dashed, thick},",
        r"  action/.style={fill=white, inner sep=1pt, font=\small, pos=0.6},",
        r"  chosenlabel/.style={font=\small\bfseries},",
        r"  unchosenlabel/.style={text=gray},",
        r"  onpathlabel/.style={font=\small\bfseries, text=red!75!black},",
        r"  payoff/.style={align=center, font=\small, inner sep=2pt},",
        "]",
    ]
    for v in range(n):
        at = f"({xs[v]},{ys[v]})"
        if kinds[v] == 1:
            c = _PLAYER_TIKZ_COLORS[players[v] % len(_PLAYER_TIKZ_COLORS)]
            extra = ", onpathnode" if marks.on_path[v] else ""
            lines.append(rf"  \node[decision, fill={c}!15, draw={c}{extra}] (n{v}) at {at} "
                         f"{{{latex_escape(tree.players[players[v]])}}};")
        elif kinds[v] == 2:
            extra = ", onpathnode" if marks.on_path[v] else ""
            lines.append(rf"  \node[chance{extra}] (n{v}) at {at} {{Chance}};")
        else:
            extra = ", fill=red!75!black, inner sep=1.6pt" if marks.on_path[v] else ""
            lines.append(rf"  \node[leaf{extra}] (n{v}) at {at} {{}};")
    for k in _multi_infosets(tree):
        nodes = sorted(tree.infoset_nodes(k), key=lambda v: (X[v], -Y[v]) if vertical else (-Y[v], X[v]))
        c = _PLAYER_TIKZ_COLORS[tree.player_index(tree.infoset_player(k)) % len(_PLAYER_TIKZ_COLORS)]
        chain = " -- ".join(f"(n{v})" for v in nodes)
        lab = tree.infoset_label(k)
        label = (rf" node[midway, above, font=\footnotesize\itshape, text={c}] {{{latex_escape(lab)}}}"
                 if lab and len(nodes) == 2 else "")
        lines.append(rf"  \draw[infoset, draw={c}] {chain}{label};")
        if lab and len(nodes) > 2:
            a, b = nodes[0], nodes[1]
            lines.append(rf"  \path (n{a}) -- node[midway, above, font=\footnotesize\itshape, text={c}] "
                         f"{{{latex_escape(lab)}}} (n{b});")
    for v in range(1, n):
        state = marks.edge[v]
        style = {_PLAIN: "edge", _CHOSEN: "edge, chosen", _UNCHOSEN: "edge, unchosen", _PATH: "onpath"}[state]
        lstyle = {_PLAIN: "", _CHOSEN: ", chosenlabel", _UNCHOSEN: ", unchosenlabel", _PATH: ", onpathlabel"}[state]
        text = _edge_label(tree, v, marks, number=_tikz_number)
        action = tree.incoming_action(v) or ""
        # the action is escaped; the probability after it is already math mode
        text = latex_escape(action) + text[len(action):]
        lines.append(rf"  \draw[{style}] (n{parents[v]}) -- node[action{lstyle}] {{{text}}} (n{v});")
    for r, v in enumerate(tree.terminals.tolist()):
        values = [_tikz_number(x) for x in tree.payoffs[r].tolist()]
        emph = ", text=red!75!black, font=\\small\\bfseries" if marks.on_path[v] else ""
        if vertical:
            stacked = "\\\\".join(values)
            lines.append(rf"  \node[payoff, below=1pt{emph}] at (n{v}.south) {{{stacked}}};")
        else:
            lines.append(rf"  \node[payoff, right=1pt{emph}] at (n{v}.east) {{({', '.join(values)})}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines) + "\n"
