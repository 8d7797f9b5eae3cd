r"""The extensive-form game: an immutable, labelled game tree stored in flat arrays.

A finite extensive-form game with perfect recall (Kuhn 1953) is a rooted tree
whose nodes are of three kinds:

* a **decision node** belongs to an *information set* :math:`I` of one player
  :math:`i`; its children are indexed by the actions :math:`A(I)`, the same
  labels at every node of :math:`I` (the player cannot tell these nodes apart);
* a **chance node** has labelled actions with probabilities
  :math:`p(a) \ge 0`, :math:`\sum_a p(a) = 1` (exactly, in exact mode);
* a **terminal node** :math:`z` carries one payoff :math:`u_i(z)` per player,
  of the tree's *kind*: ``float``, ``exact`` (Fractions) or ``symbolic``
  (sympy expressions over named parameters), as in :class:`gametheory.Game`.

The *sequence* :math:`\sigma_i(h)` of player :math:`i` at a node :math:`h` is
the list of :math:`i`'s own (information set, action) pairs on the path from
the root to :math:`h`.  **Perfect recall** holds when all nodes of each
information set :math:`I` of player :math:`i` have the same sequence
:math:`\sigma_i`; it is checked when a tree is built, by comparing the *last*
pair of :math:`\sigma_i` over the nodes of :math:`I` (equal last pairs at every
information set give equal sequences, by induction on depth).  A node :math:`h`
is the root of a **proper subgame** (Selten 1965) when every information set
with a node in the subtree of :math:`h` lies entirely in that subtree.

Storage.  Nodes are numbered in *preorder* (depth first, children in action
order): the root is 0, every child comes after its parent, and the subtree of
:math:`h` is the contiguous range ``h .. subtree_ends[h] - 1``.  The structure
is a handful of read-only NumPy integer arrays (parent, incoming action,
information set, children in compressed-row form, subtree ends), so a solver
iterates over ``range(num_nodes)`` (top down) or its reverse (bottom up)
without recursion, and a tree of :math:`10^6` nodes takes tens of megabytes.
Information sets are numbered by their first node in preorder; each has a
label (possibly empty, possibly shared: Gambit files allow both) and a
*key*, unique for its player, used to address it (:meth:`Tree.infoset_key`).

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II*, Annals of Mathematics Studies 28
(1953) 193-216.

R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965) 301-324 and 667-689.

M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
chapters 6 and 11.

Examples
--------
>>> from gametheory.tree import Infoset, Tree
>>> t = Tree(["Entrant", "Incumbent"],
...          infosets=[Infoset("Entrant", "", ("Out", "In")), Infoset("Incumbent", "", ("Fight", "Accommodate"))],
...          children=[(1, 2), (), (3, 4), (), ()],
...          node_infosets=[0, -1, 1, -1, -1],
...          payoffs={1: (0, 2), 3: (-1, -1), 4: (1, 1)})
>>> t.num_nodes, t.kind, t.is_perfect_information
(5, 'exact', True)
>>> t.payoff(t.child(t.child(0, "In"), "Accommodate"))
{'Entrant': Fraction(1, 1), 'Incumbent': Fraction(1, 1)}
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..errors import InputError, LabelError, TreeError, UndefinedPayoffError, UnsupportedGameError
from ..game import _check_labels, normalize_label  # one owner of label rules (NFC, visible, duplicates)
from ..numbers import Kind, coerce_array, entry_kind, exact_values

if TYPE_CHECKING:
    import sympy

__all__ = ["Tree", "Infoset", "NODE_KINDS", "FLOAT_PROBABILITY_TOLERANCE"]

#: Names of the node kinds, indexed by :attr:`Tree.node_kinds`.
NODE_KINDS = ("terminal", "decision", "chance")
_TERMINAL, _DECISION, _CHANCE = 0, 1, 2

#: How far from 1 the float probabilities of a chance node may sum.
FLOAT_PROBABILITY_TOLERANCE = 1e-9


class Infoset(NamedTuple):
    """An information set: its player, label, action labels and (chance only) probabilities.

    Used both to describe the information sets given to :class:`Tree` and
    to report them (:meth:`Tree.infoset`).

    Attributes
    ----------
    player : str or None
        The player who moves, None for chance.
    label : str
        A name, possibly empty (then the set is addressed by its number).
    actions : tuple of str
        The action labels, non-empty and distinct.
    probabilities : tuple or None
        For chance, one probability per action; None for a player.
    """

    player: str | None
    label: str
    actions: tuple[str, ...]
    probabilities: tuple | None = None


def _combined_kind(kinds: set[str]) -> Kind:
    if "symbolic" in kinds:
        return "symbolic"
    if "float" in kinds:
        return "float"
    return "exact"


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.setflags(write=False)
    return arr


class Tree:
    """An immutable extensive-form game with labelled players, information sets and actions.

    Parameters
    ----------
    players : sequence of str
        Player names (chance is not a player).
    infosets : sequence of Infoset
        The information sets, each ``Infoset(player, label, actions)`` for a
        player (``player`` a name) or ``Infoset(None, label, actions,
        probabilities)`` for a chance move.
    children : sequence of sequence of int
        For each node (numbered by position), its children, one per action of
        its information set, in the same order; empty for a terminal node.
    node_infosets : sequence of int
        For each node, the index of its information set in ``infosets``, or
        ``-1`` for a terminal node.
    payoffs : mapping or array_like
        ``{terminal node: (u_1, ..., u_N)}``, or an array of shape
        ``(number of terminal nodes, N)`` whose rows follow the terminal
        nodes in increasing node number.  Entries as in :class:`gametheory.Game`.
    node_labels : sequence of str, optional
        A label per node (may be empty).
    title : str, optional
        Metadata, not part of equality.
    kind : {'float', 'exact', 'symbolic'}, optional
        Force a kind; by default symbolic if a payoff or probability is a
        sympy expression with parameters, else float if one is a float, else
        exact.

    Notes
    -----
    The root is the one node that is nobody's child.  The tree renumbers the
    nodes in preorder; when the input is already in preorder (as the
    builder and the ``.efg`` reader produce it) the numbers are unchanged.

    Raises
    ------
    TreeError
        A cycle, a node with two parents, several roots, an action leading
        nowhere, a terminal without payoffs, chance probabilities that are
        negative or do not sum to 1, an unused information set, or perfect
        recall violated; ``node`` names the input node at fault.
    InputError
        A bad label or payoff entry.
    """

    __slots__ = (
        "_players", "_title", "_kind", "_parent", "_incoming", "_infoset", "_child_ptr", "_child",
        "_end", "_row", "_terminals", "_payoffs", "_iset_player", "_iset_labels", "_iset_actions",
        "_iset_probs", "_iset_ptr", "_iset_nodes", "_iset_number", "_node_labels", "_cache",
    )

    def __init__(
        self,
        players: Sequence[str],
        infosets: Sequence[Infoset],
        children: Sequence[Sequence[int]],
        node_infosets: Sequence[int],
        payoffs,
        node_labels: Sequence[str] | None = None,
        title: str = "",
        kind: Kind | None = None,
    ):
        players = _check_labels(players, "player")
        if not players:
            raise InputError("a game tree needs at least one player", field="players")
        pindex = {p: i for i, p in enumerate(players)}
        n = len(children)
        if n == 0:
            raise TreeError("a game tree needs at least one node", field="nodes")
        if len(node_infosets) != n:
            raise InputError(f"{n} nodes have children but {len(node_infosets)} have an infoset", field="node_infosets")
        if node_labels is not None:
            node_labels = tuple("" if lab is None else str(lab) for lab in node_labels)
            if len(node_labels) != n:
                raise InputError(f"{n} nodes but {len(node_labels)} node labels", field="node_labels")
            if not any(node_labels):
                node_labels = None

        def where(v: int) -> str:
            lab = node_labels[v] if node_labels is not None else ""
            return f"node {v} ({lab!r})" if lab else f"node {v}"

        # ---- information sets as given
        m = len(infosets)
        iset_player = np.empty(m, dtype=np.int64)
        iset_actions: list[tuple[str, ...]] = []
        iset_labels: list[str] = []
        raw_probs: dict[int, tuple] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct action list saves memory
        for k, spec in enumerate(infosets):
            if not isinstance(spec, tuple) or len(spec) not in (3, 4):
                raise InputError(f"infoset {k} must be Infoset(player, label, actions[, probabilities])",
                                 field="infosets")
            player, label, actions = spec[0], spec[1], spec[2]
            probs = spec[3] if len(spec) == 4 else None
            label = "" if label is None else label
            if not isinstance(label, str):
                raise InputError(f"infoset {k}: the label must be a string, got {label!r}", field="infosets")
            actions = tuple(actions) if not isinstance(actions, str) else (actions,)
            name = f"infoset {label!r}" if label else f"infoset {k}"
            if not actions:
                raise TreeError(f"{name} has no actions; a node without actions is a terminal node", field="infosets")
            if actions in shared:
                actions = shared[actions]
            else:
                checked = _check_labels(actions, f"action of {name}")
                shared[actions] = checked
                actions = checked
            if player is None:
                iset_player[k] = -1
                if probs is None:
                    raise TreeError(f"chance {name} has no probabilities", field="infosets")
                probs = tuple(probs)
                if len(probs) != len(actions):
                    raise TreeError(
                        f"chance {name} has {len(actions)} actions but {len(probs)} probabilities", field="infosets"
                    )
                raw_probs[k] = probs
            else:
                if isinstance(player, str):
                    player = normalize_label(player)
                if player not in pindex:
                    raise LabelError(f"{name} belongs to unknown player {player!r}; players are {list(players)}",
                                     field="infosets")
                if probs is not None:
                    raise TreeError(f"{name} of player {player!r} has probabilities; only chance moves do",
                                    field="infosets")
                iset_player[k] = pindex[player]
            iset_actions.append(actions)
            iset_labels.append(label)

        # ---- structure: parents, the root, cycles (input numbering)
        try:
            node_iset = np.asarray(node_infosets, dtype=np.int64).reshape(-1)
        except (TypeError, ValueError):
            raise InputError("node_infosets must be integers (-1 for a terminal node)", field="node_infosets") from None
        parent_in, incoming_in, counts_in, order_arr = _structure(children, node_iset, iset_actions, where)

        # ---- information sets: used, one kind of node
        iset_count = np.bincount(node_iset[node_iset >= 0], minlength=m) if m else np.zeros(0, np.int64)
        for k in range(m):
            if iset_count[k] == 0:
                lab = f"{iset_labels[k]!r}" if iset_labels[k] else str(k)
                raise TreeError(f"information set {lab} has no nodes", field="infosets")

        # ---- payoffs and probabilities: kind
        term_mask = node_iset == -1
        terminals_in = np.flatnonzero(term_mask)
        T, N = len(terminals_in), len(players)
        pay_rows = self._payoff_rows(payoffs, terminals_in, n, N, where)
        prob_flat = [p for probs in raw_probs.values() for p in probs]
        if kind is None:
            kinds = {entry_kind(x) for x in prob_flat}
            pay_arr, pay_kind = _coerce_payoffs(pay_rows, None)
            kind = _combined_kind(kinds | {pay_kind})
            if kind != pay_kind:
                pay_arr, _ = _coerce_payoffs(pay_rows, kind)
        else:
            pay_arr, kind = _coerce_payoffs(pay_rows, kind)
        pay_arr = pay_arr.reshape(T, N)
        probs_conv: dict[int, tuple] = {}
        first_in = np.full(m, n, dtype=np.int64)
        np.minimum.at(first_in, node_iset[~term_mask], np.flatnonzero(~term_mask))
        for k, probs in raw_probs.items():
            first = int(first_in[k])
            conv, _ = coerce_array(list(probs), kind)
            probs_conv[k] = tuple(conv.tolist())
            _check_probabilities(probs_conv[k], iset_actions[k], kind, f"the chance move at {where(first)}", first)

        # ---- renumber nodes in preorder, information sets by first node
        new_of = np.empty(n, dtype=np.int64)
        new_of[order_arr] = np.arange(n, dtype=np.int64)
        identity = bool(np.array_equal(order_arr, np.arange(n)))
        iset_old = node_iset[order_arr]
        first_node = np.full(m, n, dtype=np.int64)
        has = iset_old >= 0
        np.minimum.at(first_node, iset_old[has], np.flatnonzero(has))
        iset_order = np.argsort(first_node, kind="stable")
        iset_new_of = np.empty(m, dtype=np.int64)
        iset_new_of[iset_order] = np.arange(m, dtype=np.int64)
        infoset_arr = np.where(iset_old >= 0, iset_new_of[np.maximum(iset_old, 0)], -1)

        parent_arr = parent_in[order_arr]
        parent_arr = np.where(parent_arr >= 0, new_of[np.maximum(parent_arr, 0)], -1)
        incoming_arr = incoming_in[order_arr]
        counts = counts_in[order_arr]
        child_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=child_ptr[1:])
        child_arr = np.empty(n - 1, dtype=np.int64)
        # a child's slot is its parent's first slot plus its action index
        nonroot = parent_arr >= 0
        child_arr[child_ptr[parent_arr[nonroot]] + incoming_arr[nonroot]] = np.flatnonzero(nonroot)
        end = np.arange(n, dtype=np.int64) + _subtree_sizes(parent_arr)

        new_terminals = np.flatnonzero(infoset_arr == -1)
        row = np.full(n, -1, dtype=np.int64)
        row[new_terminals] = np.arange(T, dtype=np.int64)
        if not identity and T:
            # rows were in increasing input number; reorder them to preorder
            pay_arr = pay_arr[np.argsort(new_of[terminals_in], kind="stable")]

        self._players = players
        self._title = str(title)
        self._kind: Kind = kind
        self._parent = _readonly(parent_arr)
        self._incoming = _readonly(incoming_arr)
        self._infoset = _readonly(infoset_arr.astype(np.int64))
        self._child_ptr = _readonly(child_ptr)
        self._child = _readonly(child_arr)
        self._end = _readonly(end)
        self._row = _readonly(row)
        self._terminals = _readonly(new_terminals.astype(np.int64))
        self._payoffs = _readonly(np.array(pay_arr))
        self._iset_player = _readonly(iset_player[iset_order])
        self._iset_labels = tuple(iset_labels[k] for k in iset_order)
        self._iset_actions = tuple(iset_actions[k] for k in iset_order)
        self._iset_probs = {int(iset_new_of[k]): p for k, p in probs_conv.items()}
        members = np.argsort(self._infoset, kind="stable")[T:]  # non-terminal nodes grouped by infoset, in preorder
        iset_ptr = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(np.bincount(self._infoset[self._infoset >= 0], minlength=m), out=iset_ptr[1:])
        self._iset_ptr = _readonly(iset_ptr)
        self._iset_nodes = _readonly(members.astype(np.int64))
        number = np.zeros(m, dtype=np.int64)
        for p in range(-1, N):
            mine = np.flatnonzero(self._iset_player == p)
            number[mine] = np.arange(1, len(mine) + 1)
        self._iset_number = _readonly(number)
        self._node_labels = (
            None if node_labels is None else (node_labels if identity else tuple(node_labels[v] for v in order_arr))
        )
        self._cache: dict = {}
        self._check_recall(order_arr, where)

    # ------------------------------------------------------------------ construction helpers
    @staticmethod
    def _payoff_rows(payoffs, terminals_in: np.ndarray, n: int, N: int, where) -> list | np.ndarray:
        T = len(terminals_in)
        if isinstance(payoffs, Mapping):
            term_set = set(terminals_in.tolist())
            for key in payoffs:
                if isinstance(key, bool) or not isinstance(key, (int, np.integer)) or not 0 <= key < n:
                    raise TreeError(f"payoffs given for {key!r}, which is not a node", field="payoffs")
                if int(key) not in term_set:
                    raise TreeError(f"payoffs given for {where(int(key))}, which is not a terminal node; "
                                    "payoffs go on terminal nodes", node=int(key), field="payoffs")
            rows = []
            for v in terminals_in.tolist():
                vals = payoffs.get(v)
                if vals is None:
                    raise TreeError(f"terminal {where(v)} has no payoffs", node=v, field="payoffs")
                vals = _row(vals, N, where(v), v)
                rows.append(vals)
            return rows
        arr = payoffs if isinstance(payoffs, np.ndarray) else np.array(payoffs, dtype=object)
        if arr.ndim != 2 or arr.shape != (T, N):
            raise TreeError(
                f"payoffs must have shape (number of terminal nodes, number of players) = ({T}, {N}), "
                f"got {arr.shape}", field="payoffs",
            )
        return arr

    def _check_recall(self, order: np.ndarray, where) -> None:
        """Raise TreeError unless every information set has one sequence per player (perfect recall)."""
        n = self.num_nodes
        par = self._parent.tolist()
        inc = self._incoming.tolist()
        iset = self._infoset.tolist()
        owner = self._iset_player.tolist()
        members_ptr = self._iset_ptr.tolist()
        members = self._iset_nodes.tolist()
        ends = self._end.tolist()
        m = len(owner)
        # absent-mindedness: one information set with two nodes on one path
        for k in range(m):
            if owner[k] < 0 or members_ptr[k + 1] - members_ptr[k] < 2:
                continue
            reach = -1
            for v in members[members_ptr[k]:members_ptr[k + 1]]:
                if v < reach:
                    raise TreeError(
                        f"perfect recall fails at information set {self._iset_name(k)} of player "
                        f"{self._players[owner[k]]!r}: {where(int(order[v]))} lies below another node of the same "
                        "set, so the player forgets having moved there", node=int(order[v]),
                    )
                reach = max(reach, ends[v])
        multi = [k for k in range(m) if owner[k] >= 0 and members_ptr[k + 1] - members_ptr[k] > 1]
        if not multi:
            return
        for p in sorted({owner[k] for k in multi}):
            last = [-1] * n  # code of p's last own move above each node: infoset * A + action, -1 none
            width = max(len(a) for a in self._iset_actions)
            for v in range(1, n):
                u = par[v]
                k = iset[u]
                last[v] = k * width + inc[v] if owner[k] == p else last[u]
            for k in multi:
                if owner[k] != p:
                    continue
                nodes = members[members_ptr[k]:members_ptr[k + 1]]
                first = last[nodes[0]]
                for v in nodes[1:]:
                    if last[v] != first:
                        raise TreeError(
                            f"perfect recall fails at information set {self._iset_name(k)} of player "
                            f"{self._players[p]!r}: {where(int(order[nodes[0]]))} is reached after "
                            f"{self._describe_move(first, width)} but {where(int(order[v]))} after "
                            f"{self._describe_move(last[v], width)}, so the player would forget what they did",
                            node=int(order[v]),
                        )

    def _describe_move(self, code: int, width: int) -> str:
        if code < 0:
            return "no earlier move of that player"
        k, a = divmod(code, width)
        return f"their move {self._iset_actions[k][a]!r} at information set {self._iset_name(k)}"

    def _iset_name(self, k: int) -> str:
        lab = self._iset_labels[k]
        return repr(lab) if lab else str(int(self._iset_number[k]))

    # ------------------------------------------------------------------ properties
    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def num_players(self) -> int:
        return len(self._players)

    @property
    def title(self) -> str:
        return self._title

    @property
    def kind(self) -> Kind:
        """'float', 'exact' or 'symbolic' (payoffs and chance probabilities alike)."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        return self._kind == "exact"

    @property
    def num_nodes(self) -> int:
        return len(self._parent)

    @property
    def root(self) -> int:
        """The root's node number: always 0 (nodes are in preorder)."""
        return 0

    @property
    def parents(self) -> np.ndarray:
        """Read-only: the parent of each node, -1 for the root."""
        return self._parent

    @property
    def incoming_actions(self) -> np.ndarray:
        """Read-only: the index of the action at the parent leading to each node, -1 for the root."""
        return self._incoming

    @property
    def node_infosets(self) -> np.ndarray:
        """Read-only: each node's information set, -1 for a terminal node."""
        return self._infoset

    @property
    def node_kinds(self) -> np.ndarray:
        """Read-only int8: 0 terminal, 1 decision, 2 chance (names in :data:`NODE_KINDS`)."""
        kinds = self._cache.get("kinds")
        if kinds is None:
            kinds = np.where(self._infoset < 0, _TERMINAL, _DECISION).astype(np.int8)
            kinds[(self._infoset >= 0) & (self._iset_player[np.maximum(self._infoset, 0)] < 0)] = _CHANCE
            kinds = self._cache["kinds"] = _readonly(kinds)
        return kinds

    @property
    def node_players(self) -> np.ndarray:
        """Read-only: the index of the player moving at each node, -1 at chance and terminal nodes."""
        players = self._cache.get("players")
        if players is None:
            players = np.where(self._infoset >= 0, self._iset_player[np.maximum(self._infoset, 0)], -1)
            players = self._cache["players"] = _readonly(players)
        return players

    @property
    def child_offsets(self) -> np.ndarray:
        """Read-only, length ``num_nodes + 1``: the children of ``v`` are ``child_nodes[child_offsets[v]:child_offsets[v + 1]]``."""  # noqa: E501
        return self._child_ptr

    @property
    def child_nodes(self) -> np.ndarray:
        """Read-only: all children, grouped by parent, in action order (see :attr:`child_offsets`)."""
        return self._child

    @property
    def subtree_ends(self) -> np.ndarray:
        """Read-only: the subtree of ``v`` is the node range ``v .. subtree_ends[v] - 1``."""
        return self._end

    @property
    def terminals(self) -> np.ndarray:
        """Read-only: the terminal nodes in preorder; row ``r`` of :attr:`payoffs` belongs to ``terminals[r]``."""
        return self._terminals

    @property
    def terminal_rows(self) -> np.ndarray:
        """Read-only: each node's row in :attr:`payoffs`, -1 for a non-terminal node."""
        return self._row

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only, shape ``(number of terminal nodes, num_players)``, rows in preorder."""
        return self._payoffs

    @property
    def num_infosets(self) -> int:
        """Number of information sets, chance's included."""
        return len(self._iset_labels)

    @property
    def infoset_players(self) -> np.ndarray:
        """Read-only: the player index of each information set, -1 for chance."""
        return self._iset_player

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free symbols of a symbolic tree (payoffs and probabilities), sorted by name; empty otherwise."""
        if self._kind != "symbolic":
            return ()
        syms: set = set()
        for x in self._payoffs.reshape(-1):
            syms |= x.free_symbols
        for probs in self._iset_probs.values():
            for x in probs:
                syms |= x.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def require_numeric(self, purpose: str) -> None:
        """Raise UnsupportedGameError if the tree still has parameters: ``purpose`` needs numbers."""
        if self._kind == "symbolic":
            raise UnsupportedGameError(
                f"{purpose} needs numeric payoffs, but the tree has parameters {[s.name for s in self.parameters]}; "
                "substitute values first (Tree.substitute, or --param NAME=VALUE on the command line)"
            )

    # ------------------------------------------------------------------ players
    def player_index(self, player) -> int:
        """Index of a player given by name (an int is accepted and range-checked)."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.num_players:
                return int(player)
            raise LabelError(f"player index {player} out of range 0..{self.num_players - 1}", field="player")
        try:
            return self._players.index(normalize_label(player) if isinstance(player, str) else player)
        except ValueError:
            raise LabelError(f"unknown player {player!r}; players are {list(self._players)}", field="player") from None

    # ------------------------------------------------------------------ nodes
    def _node(self, v) -> int:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v < self.num_nodes:
            raise LabelError(f"no node {v!r}; nodes are 0..{self.num_nodes - 1}", field="node")
        return int(v)

    def node_kind(self, v: int) -> str:
        """'decision', 'chance' or 'terminal'."""
        return NODE_KINDS[int(self.node_kinds[self._node(v)])]

    def is_terminal(self, v: int) -> bool:
        return bool(self._infoset[self._node(v)] < 0)

    def player(self, v: int) -> str | None:
        """The player moving at ``v``; None at a chance or terminal node."""
        p = int(self.node_players[self._node(v)])
        return self._players[p] if p >= 0 else None

    def infoset_of(self, v: int) -> int | None:
        """The information set of ``v`` (None for a terminal node)."""
        k = int(self._infoset[self._node(v)])
        return k if k >= 0 else None

    def children(self, v: int) -> tuple[int, ...]:
        """The children of ``v``, one per action, in the order of :meth:`actions`."""
        v = self._node(v)
        return tuple(self._child[self._child_ptr[v]:self._child_ptr[v + 1]].tolist())

    def actions(self, v: int) -> tuple[str, ...]:
        """The action labels at ``v`` (empty at a terminal node)."""
        k = int(self._infoset[self._node(v)])
        return self._iset_actions[k] if k >= 0 else ()

    def moves(self, v: int) -> dict[str, int]:
        """``{action label: child}`` at ``v``, in action order."""
        return dict(zip(self.actions(v), self.children(v)))

    def child(self, v: int, action: str) -> int:
        """The child reached from ``v`` by ``action`` (a label)."""
        acts = self.actions(v)
        try:
            a = acts.index(action)
        except ValueError:
            raise LabelError(f"no action {action!r} at node {v}; actions are {list(acts)}", field="action") from None
        return int(self._child[self._child_ptr[v] + a])

    def parent(self, v: int) -> int | None:
        p = int(self._parent[self._node(v)])
        return p if p >= 0 else None

    def incoming_action(self, v: int) -> str | None:
        """The label of the action leading to ``v`` (None at the root)."""
        v = self._node(v)
        p = int(self._parent[v])
        return self._iset_actions[int(self._infoset[p])][int(self._incoming[v])] if p >= 0 else None

    def path(self, v: int) -> tuple[tuple[int, str], ...]:
        """``((node, action), ...)`` from the root down to ``v``: each node on the way and the action taken there."""
        v = self._node(v)
        out = []
        while v > 0:
            p = int(self._parent[v])
            out.append((p, self._iset_actions[int(self._infoset[p])][int(self._incoming[v])]))
            v = p
        return tuple(reversed(out))

    def sequence(self, v: int, player) -> tuple[tuple[int, str], ...]:
        """Player's own ``((infoset, action), ...)`` on the path to ``v``: its sequence at ``v``."""
        i = self.player_index(player)
        return tuple(
            (int(self._infoset[u]), a) for u, a in self.path(v) if int(self._iset_player[self._infoset[u]]) == i
        )

    def depth(self, v: int) -> int:
        return len(self.path(v))

    def node_label(self, v: int) -> str:
        v = self._node(v)
        return self._node_labels[v] if self._node_labels is not None else ""

    @property
    def node_labels(self) -> tuple[str, ...] | None:
        """The node labels in preorder, or None when no node has one."""
        return self._node_labels

    def payoff(self, v: int) -> dict:
        """``{player: payoff}`` at a terminal node."""
        r = int(self._row[self._node(v)])
        if r < 0:
            raise InputError(f"node {v} is a {self.node_kind(v)} node; only terminal nodes have payoffs", field="node")
        return dict(zip(self._players, self._payoffs[r].tolist()))

    def probabilities(self, v: int) -> dict:
        """``{action: probability}`` at a chance node."""
        k = int(self._infoset[self._node(v)])
        if k < 0 or k not in self._iset_probs:
            raise InputError(f"node {v} is a {self.node_kind(v)} node, not a chance node", field="node")
        return dict(zip(self._iset_actions[k], self._iset_probs[k]))

    # ------------------------------------------------------------------ information sets
    def _iset(self, k) -> int:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < self.num_infosets:
            raise LabelError(f"no information set {k!r}; they are 0..{self.num_infosets - 1}", field="infoset")
        return int(k)

    def infosets(self, player) -> tuple[int, ...]:
        """The information sets of ``player`` (a name, an index, or None for chance), in number order."""
        p = -1 if player is None else self.player_index(player)
        return tuple(np.flatnonzero(self._iset_player == p).tolist())

    def infoset(self, k: int) -> Infoset:
        """The information set ``k`` as an :class:`Infoset` (player None for chance)."""
        k = self._iset(k)
        p = int(self._iset_player[k])
        return Infoset(self._players[p] if p >= 0 else None, self._iset_labels[k], self._iset_actions[k],
                       self._iset_probs.get(k))

    def infoset_player(self, k: int) -> str | None:
        p = int(self._iset_player[self._iset(k)])
        return self._players[p] if p >= 0 else None

    def infoset_label(self, k: int) -> str:
        """The label as given (may be empty or shared with another set of the player)."""
        return self._iset_labels[self._iset(k)]

    def infoset_actions(self, k: int) -> tuple[str, ...]:
        return self._iset_actions[self._iset(k)]

    def infoset_nodes(self, k: int) -> tuple[int, ...]:
        """The nodes of information set ``k``, in preorder."""
        k = self._iset(k)
        return tuple(self._iset_nodes[self._iset_ptr[k]:self._iset_ptr[k + 1]].tolist())

    def infoset_number(self, k: int) -> int:
        """The 1-based number of ``k`` among its player's sets (chance's own numbering), by first node in preorder.

        This is Gambit's numbering of the sets of a tree read from or written to an ``.efg`` file.
        """
        return int(self._iset_number[self._iset(k)])

    def infoset_key(self, k: int) -> str:
        """The name that addresses ``k`` among its player's sets: its label, or its number.

        The label where it is non-empty, unique among the player's labels
        and not the number of another of the player's sets; otherwise the
        number as a string (``"3"``).  Keys are unique per player.
        """
        k = self._iset(k)
        keys = self._cache.get("keys")
        if keys is None:
            keys = self._cache["keys"] = self._compute_keys()
        return keys[k]

    def _compute_keys(self) -> tuple[str, ...]:
        keys = [str(int(x)) for x in self._iset_number]
        for p in range(-1, self.num_players):
            mine = np.flatnonzero(self._iset_player == p).tolist()
            labels = [self._iset_labels[k] for k in mine]
            counts: dict[str, int] = {}
            for lab in labels:
                counts[lab] = counts.get(lab, 0) + 1
            numbers = {str(j + 1) for j in range(len(mine))}
            for j, k in enumerate(mine):
                lab = labels[j]
                if lab and counts[lab] == 1 and (lab not in numbers or lab == str(j + 1)):
                    keys[k] = lab
        return tuple(keys)

    def find_infoset(self, player, key: str) -> int:
        """The information set of ``player`` (None for chance) with key ``key`` (see :meth:`infoset_key`)."""
        for k in self.infosets(player):
            if self.infoset_key(k) == key:
                return k
        known = [self.infoset_key(k) for k in self.infosets(player)]
        raise LabelError(f"no information set {key!r} of {player!r}; they are {known}", field="infoset")

    # ------------------------------------------------------------------ structure
    @property
    def is_perfect_information(self) -> bool:
        """True when every information set of a player is a single node."""
        sizes = np.diff(self._iset_ptr)
        return bool(np.all(sizes[self._iset_player >= 0] == 1))

    def subgame_roots(self) -> tuple[int, ...]:
        """The non-terminal nodes where a proper subgame starts, in preorder (the root first).

        ``h`` starts a subgame when every player's information set with a node
        in the subtree of ``h`` has all its nodes there; chance nodes carry no
        information, so their sets (which Gambit files may share between
        nodes) do not split subgames.
        """
        cached = self._cache.get("subgames")
        if cached is not None:
            return cached
        n = self.num_nodes
        m = self.num_infosets
        lo = np.arange(n, dtype=np.int64)
        hi = np.arange(n, dtype=np.int64)
        own = (self._infoset >= 0) & (self.node_players >= 0)
        if m:
            first = self._iset_nodes[self._iset_ptr[:-1]]
            last = self._iset_nodes[self._iset_ptr[1:] - 1]
            lo[own] = first[self._infoset[own]]
            hi[own] = last[self._infoset[own]]
        # bottom up: the smallest and largest node of any set met in each subtree
        lo_l, hi_l, par = lo.tolist(), hi.tolist(), self._parent.tolist()
        for v in range(n - 1, 0, -1):
            p = par[v]
            if lo_l[v] < lo_l[p]:
                lo_l[p] = lo_l[v]
            if hi_l[v] > hi_l[p]:
                hi_l[p] = hi_l[v]
        ends = self._end.tolist()
        kinds = self.node_kinds.tolist()
        roots = tuple(v for v in range(n) if kinds[v] != _TERMINAL and lo_l[v] >= v and hi_l[v] < ends[v])
        self._cache["subgames"] = roots
        return roots

    # ------------------------------------------------------------------ kinds
    def _replace(self, payoffs: np.ndarray, probs: dict[int, tuple], kind: Kind, title: str | None = None) -> Tree:
        t = object.__new__(Tree)
        for name in Tree.__slots__:
            object.__setattr__(t, name, getattr(self, name))
        object.__setattr__(t, "_payoffs", _readonly(payoffs))
        object.__setattr__(t, "_iset_probs", probs)
        object.__setattr__(t, "_kind", kind)
        object.__setattr__(t, "_cache", {k: v for k, v in self._cache.items() if k != "hash"})
        if title is not None:
            object.__setattr__(t, "_title", str(title))
        return t

    def _converted(self, kind: Kind) -> Tree:
        if kind == self._kind:
            return self
        pay, _ = coerce_array(self._payoffs, kind)
        probs = {k: tuple(coerce_array(list(p), kind)[0].tolist()) for k, p in self._iset_probs.items()}
        return self._replace(pay, probs, kind)

    def to_float(self) -> Tree:
        """The same tree with float payoffs and probabilities."""
        return self._converted("float")

    def to_exact(self) -> Tree:
        """The same tree with Fractions (floats by their shortest decimal)."""
        return self._converted("exact")

    def to_symbolic(self) -> Tree:
        return self._converted("symbolic")

    def with_title(self, title: str) -> Tree:
        return self._replace(self._payoffs, self._iset_probs, self._kind, title)

    def substitute(self, values: Mapping, exact: bool | None = None) -> Tree:
        """Give every parameter a value: the numeric tree at these values.

        As :meth:`gametheory.Game.substitute`: values are read exactly (a
        float by its shortest decimal); the tree is exact when every payoff
        and probability is then rational and no value was a float.  Chance
        probabilities are checked again at these values.

        Raises
        ------
        InputError
            A parameter without a value, or ``exact=True`` with an irrational payoff.
        UndefinedPayoffError
            A payoff that is not a finite real number at these values.
        TreeError
            Chance probabilities negative or not summing to 1 at these values.

        Examples
        --------
        >>> import sympy
        >>> from gametheory.tree import TreeBuilder
        >>> p = sympy.Symbol("p", positive=True)
        >>> b = TreeBuilder(["A"])
        >>> t = b.build(b.chance({"h": (p, b.payoff(1)), "t": (1 - p, b.payoff(0))}))
        >>> t.kind, t.parameters
        ('symbolic', (p,))
        >>> t.substitute({"p": "1/3"}).probabilities(0)
        {'h': Fraction(1, 3), 't': Fraction(2, 3)}
        """
        if self._kind != "symbolic":
            exact_values(values)  # the values are still checked
            return self if exact is None else (self.to_exact() if exact else self.to_float())
        import sympy  # substitution is symbolic work

        params = {s.name: s for s in self.parameters}
        given, any_float = exact_values(values)
        missing = sorted(set(params) - set(given))
        if missing:
            raise InputError(f"no value for parameters {missing}", field="values")
        subs = {params[n]: sympy.Rational(v.numerator, v.denominator) for n, v in given.items() if n in params}
        at = ", ".join(f"{n}={v}" for n, v in given.items())
        rational = True

        def put(x, what: str):
            nonlocal rational
            if not isinstance(x, sympy.Basic):
                return x
            y = x.xreplace(subs)
            if y.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or y.free_symbols or y.is_real is False:
                raise UndefinedPayoffError(f"{what} is {y}, not a finite number, at {at}", field="payoffs")
            rational = rational and bool(y.is_Rational)
            return y

        flat = self._payoffs.reshape(-1)
        out = np.empty(flat.shape, dtype=object)
        N = self.num_players
        terms = self._terminals.tolist()
        for j, x in enumerate(flat):
            r, i = divmod(j, N)
            out[j] = put(x, f"the payoff of {self._players[i]!r} at terminal node {terms[r]}")
        probs = {}
        for k, ps in self._iset_probs.items():
            node = int(self._iset_nodes[self._iset_ptr[k]])
            probs[k] = tuple(put(x, f"a probability of the chance move at node {node}") for x in ps)
        if exact is None:
            exact = rational and not any_float
        if exact and not rational:
            raise InputError("some payoffs or probabilities are irrational at these values; use exact=False",
                             field="exact")
        kind: Kind = "exact" if exact else "float"
        pay, _ = coerce_array(out.reshape(self._payoffs.shape), kind)
        conv = {k: tuple(coerce_array(list(p), kind)[0].tolist()) for k, p in probs.items()}
        for k, ps in conv.items():
            node = int(self._iset_nodes[self._iset_ptr[k]])
            _check_probabilities(ps, self._iset_actions[k], kind, f"the chance move at node {node}", node, f" at {at}")
        return self._replace(pay, conv, kind)

    # ------------------------------------------------------------------ misc
    def __eq__(self, other):
        if not isinstance(other, Tree):
            return NotImplemented
        return (
            self._players == other._players
            and self._kind == other._kind
            and np.array_equal(self._parent, other._parent)
            and np.array_equal(self._incoming, other._incoming)
            and np.array_equal(self._infoset, other._infoset)
            and np.array_equal(self._iset_player, other._iset_player)
            and self._iset_labels == other._iset_labels
            and self._iset_actions == other._iset_actions
            and self._iset_probs == other._iset_probs
            and (self._node_labels or ()) == (other._node_labels or ())
            and self._payoffs.shape == other._payoffs.shape
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self):
        h = self._cache.get("hash")
        if h is None:
            h = self._cache["hash"] = hash(
                (self._players, self._kind, self._parent.tobytes(), self._infoset.tobytes(), self._iset_actions,
                 self._iset_labels, tuple(self._payoffs.reshape(-1).tolist()))
            )
        return h

    def __repr__(self):
        t = f" {self._title!r}" if self._title else ""
        return (f"<Tree{t} {self.num_nodes} nodes, {self.num_infosets} information sets, {self._kind}: "
                f"players {list(self._players)}>")

    def __setattr__(self, name, value):
        if name in Tree.__slots__ and not hasattr(self, name):
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("Tree is immutable; use its methods to build a new tree")


def _row(vals, N: int, where: str, node: int) -> list:
    if isinstance(vals, (str, bytes)) or not isinstance(vals, (Sequence, np.ndarray)):
        vals = [vals]
    vals = list(vals)
    if len(vals) != N:
        raise TreeError(f"terminal {where} has {len(vals)} payoffs, expected {N} (one per player)", node=node,
                        field="payoffs")
    return vals


def _check_probabilities(probs: tuple, actions: tuple[str, ...], kind: Kind, name: str, node: int,
                         at: str = "") -> None:
    """Raise TreeError unless ``probs`` are non-negative and sum to 1 (exactly; floats within tolerance)."""
    if kind == "symbolic":
        import sympy

        for a, p in zip(actions, probs):
            if p.is_negative:
                raise TreeError(f"{name}: the probability of {a!r} is {p}, which is negative{at}", node=node)
        total = sympy.simplify(sum(probs, sympy.Integer(0)))
        if total != 1:
            raise TreeError(f"{name}: the probabilities sum to {total}, not 1{at}", node=node)
        return
    for a, p in zip(actions, probs):
        if p < 0:
            raise TreeError(f"{name}: the probability of {a!r} is {p}, which is negative{at}", node=node)
    if kind == "exact":
        total = sum(probs, Fraction(0))
        if total != 1:
            raise TreeError(f"{name}: the probabilities sum to {total}, not 1{at}", node=node)
    else:
        total_f = math.fsum(probs)
        if abs(total_f - 1) > FLOAT_PROBABILITY_TOLERANCE:
            raise TreeError(f"{name}: the probabilities sum to {total_f!r}, not 1{at}", node=node)



def _subtree_sizes(parent: np.ndarray) -> np.ndarray:
    """Number of nodes in each subtree, for nodes numbered so that every child comes after its parent."""
    par = parent.tolist()
    size = [1] * len(par)
    for v in range(len(par) - 1, 0, -1):  # children first: bottom up without recursion
        size[par[v]] += size[v]
    return np.asarray(size, dtype=np.int64)


def _structure(children, node_iset: np.ndarray, iset_actions: list, where) -> tuple:
    """``(parent, incoming action, number of children, preorder)`` of the input nodes, or a TreeError.

    The common input (integer children, every child after its parent, already
    in preorder: what the builder and the .efg reader give) is checked with
    array operations; anything else goes through :func:`_structure_slow`,
    which also finds and names the fault.
    """
    n = len(children)
    m = len(iset_actions)
    if node_iset.shape != (n,):
        raise InputError(f"{n} nodes have children but {node_iset.size} have an infoset", field="node_infosets")
    try:
        counts = np.fromiter(map(len, children), dtype=np.int64, count=n)
        flat = np.array(list(itertools.chain.from_iterable(children)))
    except TypeError:
        return _structure_slow(children, node_iset, iset_actions, where)
    n_actions = np.array([len(a) for a in iset_actions] + [0], dtype=np.int64)  # index -1: terminal, no actions
    fast = (
        flat.dtype.kind in "iu" or flat.size == 0
    ) and bool(np.all((node_iset >= -1) & (node_iset < m))) and bool(np.all(counts == n_actions[node_iset]))
    if fast and flat.size:
        fast = bool(flat.min() >= 0 and flat.max() < n)
    if not fast:
        return _structure_slow(children, node_iset, iset_actions, where)
    flat = flat.astype(np.int64, copy=False)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    source = np.repeat(np.arange(n, dtype=np.int64), counts)
    if not (np.all(flat > source) and np.all(np.bincount(flat, minlength=n)[1:] == 1)):
        return _structure_slow(children, node_iset, iset_actions, where)
    # every edge goes forward and every node but 0 has one parent: a tree rooted at 0
    parent = np.full(n, -1, dtype=np.int64)
    parent[flat] = source
    incoming = np.full(n, -1, dtype=np.int64)
    incoming[flat] = np.arange(flat.size, dtype=np.int64) - ptr[source]
    size = _subtree_sizes(parent)
    # preorder: a first child follows its parent, a next sibling follows the previous sibling's subtree
    first = incoming[flat] == 0
    expected = np.where(first, source + 1, 0)
    expected[~first] = flat[np.flatnonzero(~first) - 1] + size[flat[np.flatnonzero(~first) - 1]]
    if np.array_equal(flat, expected):
        return parent, incoming, counts, np.arange(n, dtype=np.int64)
    return parent, incoming, counts, _preorder(ptr, flat)


def _preorder(ptr: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """Depth-first order from node 0, children in action order, with an explicit stack."""
    ptr_l, flat_l = ptr.tolist(), flat.tolist()
    order: list[int] = []
    stack = [0]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(flat_l[ptr_l[v]:ptr_l[v + 1]]))
    return np.asarray(order, dtype=np.int64)


def _structure_slow(children, node_iset: np.ndarray, iset_actions: list, where) -> tuple:
    """:func:`_structure` node by node, naming the first fault: an action leading nowhere, two parents, a cycle."""
    n = len(children)
    m = len(iset_actions)
    parent = [-1] * n
    incoming = [-1] * n
    counts = [0] * n
    kid_lists: list[list[int]] = []
    for v in range(n):
        k = int(node_iset[v])
        kids = children[v]
        if not isinstance(kids, (Sequence, np.ndarray)):
            raise TreeError(f"the children of {where(v)} must be a sequence of node numbers, got {kids!r}", node=v)
        if k == -1:
            if len(kids):
                raise TreeError(f"{where(v)} has children but no information set; give it one", node=v)
            kid_lists.append([])
            continue
        if not 0 <= k < m:
            raise TreeError(f"{where(v)} is in information set {k}, which does not exist (0..{m - 1})", node=v)
        actions = iset_actions[k]
        if len(kids) != len(actions):
            missing = actions[len(kids):]
            why = (f"action {missing[0]!r} leads nowhere" if missing
                   else f"it has {len(kids) - len(actions)} children with no action")
            raise TreeError(
                f"{where(v)} has {len(kids)} children but its information set has {len(actions)} actions "
                f"{list(actions)}: {why}", node=v,
            )
        for a, c in enumerate(kids):
            if isinstance(c, bool) or not isinstance(c, (int, np.integer)) or not 0 <= c < n:
                raise TreeError(f"action {actions[a]!r} at {where(v)} leads nowhere ({c!r} is not a node)", node=v)
            c = int(c)
            if c == v:
                raise TreeError(f"action {actions[a]!r} at {where(v)} leads back to itself: a cycle", node=v)
            if parent[c] == v:
                raise TreeError(f"two actions at {where(v)} lead to the same {where(c)}; each action needs its own "
                                "child", node=v)
            if parent[c] != -1:
                raise TreeError(f"{where(c)} has two parents, {where(parent[c])} and {where(v)}", node=c)
            parent[c] = v
            incoming[c] = a
        counts[v] = len(kids)
        kid_lists.append([int(c) for c in kids])
    roots = [v for v in range(n) if parent[v] == -1]
    if not roots:
        raise TreeError("every node has a parent, so the nodes form a cycle; a tree has one root", node=0)
    if len(roots) > 1:
        listed = ", ".join(where(v) for v in roots[:5])
        raise TreeError(f"a tree has one root, but {len(roots)} nodes have no parent: {listed}", node=roots[1])
    order: list[int] = []
    stack = [roots[0]]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(kid_lists[v]))
    if len(order) < n:
        # each unreached node has one parent and no path from the root: following parents must loop
        seen = bytearray(n)
        for v in order:
            seen[v] = 1
        chain = [next(v for v in range(n) if not seen[v])]
        on_chain = {chain[0]}
        while parent[chain[-1]] not in on_chain:
            chain.append(parent[chain[-1]])
            on_chain.add(chain[-1])
        cycle = chain[chain.index(parent[chain[-1]]):]
        cycle.reverse()  # parent to child
        low = cycle.index(min(cycle))
        cycle = cycle[low:] + cycle[:low]
        text = " -> ".join(where(v) for v in cycle + [cycle[0]])
        raise TreeError(f"the nodes form a cycle: {text}; a tree has no cycles", node=cycle[0])
    return (np.asarray(parent, dtype=np.int64), np.asarray(incoming, dtype=np.int64),
            np.asarray(counts, dtype=np.int64), np.asarray(order, dtype=np.int64))


def _coerce_payoffs(rows, kind: Kind | None) -> tuple[np.ndarray, Kind]:
    """:func:`~gametheory.numbers.coerce_array`, with integer arrays made exact one distinct value at a time.

    Payoffs of big trees repeat a few values; Fractions are immutable, so
    equal payoffs share one object (a tree of a million leaves converts in
    milliseconds, not seconds).
    """
    if isinstance(rows, np.ndarray) and rows.dtype.kind in "iu" and kind in (None, "exact"):
        values, inverse = np.unique(rows, return_inverse=True)
        table = np.empty(len(values), dtype=object)
        table[:] = [Fraction(int(x)) for x in values.tolist()]
        return table[inverse.reshape(-1)].reshape(rows.shape), "exact"
    return coerce_array(rows, kind)
