r"""Behaviour strategies on a game tree: values, realization probabilities and the subgame-perfect certificate.

A *behaviour strategy* of player :math:`i` gives, at each of her information
sets :math:`I`, a probability distribution :math:`\beta_i(\cdot \mid I)` over
the actions :math:`A(I)` (Kuhn 1953).  With chance's probabilities, a profile
:math:`\beta` gives each edge :math:`(h, a)` a probability
:math:`\beta(a \mid h)`; the **realization probability** of a node is the
product along the path from the root, :math:`\rho(h) = \prod_{(g,a) \to h}
\beta(a \mid g)`, and the **value** of a node is the expected payoff of the
play that starts there,

.. math:: V(z) = u(z) \text{ at a terminal node}, \qquad
          V(h) = \sum_{a \in A(h)} \beta(a \mid h) \, V(h a).

Values are computed bottom up in reverse preorder (every child comes after its
parent), iteratively: level by level with NumPy for float trees and for pure
profiles of exact trees without chance moves (then a value is the payoff of
the one terminal node reached, so the selection is exact), and node by node
in Fractions otherwise.  No recursion: a tree of :math:`10^6` nodes is fine.

The certificate.  Player :math:`i`'s **best-response value** in the subgame
at :math:`h` (a node where a proper subgame starts) is the largest expected
payoff she can get there by changing her behaviour in that subgame, the
others' fixed.  Under perfect recall it is computed by dynamic programming
over her information sets: with :math:`R(x)` the probability that chance and
the others lead from :math:`h` to :math:`x`, every terminal node :math:`z`
hangs below her last own pair :math:`(J, b)` above it (or below none), and

.. math:: G(J, b) = \sum_{z \text{ below } (J,b) \text{ directly}} R(z) u_i(z)
          + \sum_{J' \text{ hanging at } (J, b)} \max_{b'} G(J', b'),

the best-response value being the same sum at the top.  A proper subgame
nested inside the subgame of :math:`h` is replaced by its own best-response
value (its information sets lie entirely inside it, so her choices there do
not interact with the rest), so all subgames take :math:`O(n)` work together.
:func:`subgame_perfect_regret` is, per player, the largest gain
:math:`\max_h (\mathrm{BR}_i(h) - V_i(h))` over the proper subgames
:math:`h`; it is zero for every player exactly when :math:`\beta` is a
subgame-perfect equilibrium (Selten 1965, 1975).  :func:`nash_regret` is the
same at the root only: zero exactly for a Nash equilibrium.  In a tree of
perfect information every decision node starts a subgame, the dynamic
programme is :math:`\mathrm{BR}_i(h) = \max_a \mathrm{BR}_i(ha)` at her nodes
and the weighted sum elsewhere, vectorised by levels.

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II*, Annals of Mathematics Studies 28
(1953) 193-216.

R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965) 301-324 and 667-689.

R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55.

M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
sections 6.2 (subgame perfection, the one-deviation property) and 11.4
(behaviour strategies, perfect recall).

Examples
--------
Entry deterrence: the threat to fight is not credible.

>>> from gametheory.tree import TreeBuilder
>>> from gametheory.tree.behavior import BehaviorProfile, nash_regret, subgame_perfect_regret
>>> b = TreeBuilder(["Entrant", "Incumbent"])
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision("Incumbent", {
...     "Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> threat = BehaviorProfile(t, {"Entrant": {"1": "Out"}, "Incumbent": {"In": "Fight"}})
>>> threat.payoffs()
{'Entrant': Fraction(0, 1), 'Incumbent': Fraction(2, 1)}
>>> nash_regret(threat)
{'Entrant': Fraction(0, 1), 'Incumbent': Fraction(0, 1)}
>>> subgame_perfect_regret(threat)
{'Entrant': Fraction(0, 1), 'Incumbent': Fraction(2, 1)}
>>> [a for _, a in BehaviorProfile(t, {"Entrant": {"1": "In"}, "Incumbent": {"In": "Accommodate"}}).path()]
['In', 'Accommodate']
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InputError, LabelError
from ..exact import integer_payoffs
from ..numbers import to_exact, to_float
from .game import Tree

__all__ = ["BehaviorProfile", "subgame_perfect_regret", "nash_regret", "behavior_from_mixed", "PROBABILITY_TOLERANCE"]

#: How far from 1 the float probabilities at an information set may sum.
PROBABILITY_TOLERANCE = 1e-9

# Level-by-level NumPy work pays while levels are wide; a deep, thin tree (a centipede of 10^6 nodes) is
# walked node by node instead.
_MIN_AVERAGE_LEVEL = 64


def _levels(tree: Tree) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None:
    """Non-terminal nodes grouped by depth, deepest first: ``(parents, their children, segment starts)``.

    None when the tree is too deep for level-wise work to pay (see :data:`_MIN_AVERAGE_LEVEL`).
    Cached on the tree (its cache is for derived, immutable data).
    """
    cache = tree._cache
    if "levels" in cache:
        return cache["levels"]
    n = tree.num_nodes
    par = tree.parents.tolist()
    depth = [0] * n
    for v in range(1, n):  # preorder: the parent's depth is known
        depth[v] = depth[par[v]] + 1
    d = np.asarray(depth, dtype=np.int64)
    top = int(d.max()) if n else 0
    if top > 16 and n / (top + 1) < _MIN_AVERAGE_LEVEL:
        cache["levels"] = None
        return None
    inner = np.flatnonzero(tree.node_kinds != 0)
    order = inner[np.argsort(d[inner], kind="stable")]
    bounds = np.searchsorted(d[order], np.arange(top + 2))
    ptr = tree.child_offsets
    out = []
    for lev in range(top, -1, -1):
        P = order[bounds[lev]:bounds[lev + 1]]
        if not len(P):
            continue
        counts = ptr[P + 1] - ptr[P]
        starts = np.zeros(len(P), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        idx = np.repeat(ptr[P] - starts, counts) + np.arange(int(counts.sum()), dtype=np.int64)
        out.append((P, tree.child_nodes[idx], starts))
    cache["levels"] = out
    return out


def _integer_payoffs(tree: Tree) -> np.ndarray | None:
    """:func:`gametheory.exact.integer_payoffs` of an exact tree's payoffs (per-player int64 scaling), cached."""
    # keyed by the payoff array itself: a converted or substituted tree shares the cache dict's other
    # (structural) entries but has new payoffs
    hit = tree._cache.get("integer_payoffs")
    if hit is None or hit[0] is not tree.payoffs:
        ok = tree.is_exact and len(tree.payoffs) > 0
        hit = tree._cache["integer_payoffs"] = (tree.payoffs, integer_payoffs(tree.payoffs) if ok else None)
    return hit[1]


class BehaviorProfile:
    """An immutable behaviour-strategy profile on a :class:`~gametheory.tree.Tree`.

    Parameters
    ----------
    tree : Tree
        A numeric tree (substitute a symbolic tree's parameters first).
    probs : mapping
        ``{player: {information-set key: {action: probability}}}`` or, for a
        pure choice, ``{player: {key: action}}``; keys as
        :meth:`Tree.infoset_key` (every information set of every player
        must be given; a player who never moves may be left out).
        Probabilities are numbers or rational strings (``"1/3"``).
    exact : bool, optional
        Fractions (default when the tree is exact) or floats.

    Raises
    ------
    InputError
        An unknown player, key or action, a missing information set, or
        probabilities that are negative or do not sum to 1 (exactly; within
        :data:`PROBABILITY_TOLERANCE` for floats).
    """

    __slots__ = ("_tree", "_exact", "_probs", "_pure", "_cache")
    _tree: Tree
    _exact: bool
    _probs: tuple[tuple, ...]
    _pure: np.ndarray
    _cache: dict[str, Any]

    def __init__(self, tree: Tree, probs: Mapping[str, Mapping[str, Any]], exact: bool | None = None):
        if not isinstance(tree, Tree):
            raise InputError(f"expected a Tree, got {type(tree).__name__}")
        tree.require_numeric("a behaviour profile")
        if exact is None:
            exact = tree.is_exact
        if exact and not tree.is_exact:
            tree = tree.to_exact()
        elif not exact and tree.is_exact:
            tree = tree.to_float()
        conv = to_exact if exact else to_float
        zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
        if not isinstance(probs, Mapping):
            raise InputError("a behaviour profile is {player: {information set: {action: probability}}}",
                             field="behavior")
        m = tree.num_infosets
        table: list[tuple | None] = [None] * m
        pure = np.full(m, -1, dtype=np.int64)
        for player, sets in probs.items():
            i = tree.player_index(player)
            if not isinstance(sets, Mapping):
                raise InputError(f"the strategy of {player!r} must map information sets to actions",
                                 field="behavior")
            for key, dist in sets.items():
                k = tree.find_infoset(tree.players[i], str(key))
                acts = tree.infoset_actions(k)
                where = f"{tree.players[i]!r} at information set {tree.infoset_key(k)!r}"
                if isinstance(dist, str) and dist in acts:
                    a = acts.index(dist)
                    table[k] = tuple(one if j == a else zero for j in range(len(acts)))
                    pure[k] = a
                    continue
                if not isinstance(dist, Mapping):
                    raise LabelError(f"{where}: no action {dist!r}; actions are {list(acts)}", field="behavior")
                row: list[Any] = [zero] * len(acts)
                for act, p in dist.items():
                    if act not in acts:
                        raise LabelError(f"{where}: no action {act!r}; actions are {list(acts)}", field="behavior")
                    row[acts.index(act)] = conv(p, field="behavior")
                if any(p < 0 for p in row):
                    raise InputError(f"{where}: a probability is negative", field="behavior")
                total = sum(row, zero)
                if (total != 1) if exact else abs(total - 1) > PROBABILITY_TOLERANCE:
                    raise InputError(f"{where}: the probabilities sum to {total}, not 1", field="behavior")
                table[k] = tuple(row)
                ones = [j for j, p in enumerate(row) if p == 1]
                if ones:
                    pure[k] = ones[0]
        owner = tree.infoset_players.tolist()
        missing = [k for k in range(m) if owner[k] >= 0 and table[k] is None]
        if missing:
            listed = ", ".join(f"{tree.players[owner[k]]!r} at {tree.infoset_key(k)!r}" for k in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise InputError(f"the behaviour profile gives no strategy for {listed}{more}", field="behavior")
        for k in range(m):
            if owner[k] < 0:
                table[k] = tuple(tree.probabilities(tree.infoset_nodes(k)[0]).values())
        self._init(tree, bool(exact), tuple(table), pure)  # type: ignore[arg-type]

    def _init(self, tree: Tree, exact: bool, table: tuple[tuple, ...], pure: np.ndarray) -> None:
        object.__setattr__(self, "_tree", tree)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_probs", table)
        pure.setflags(write=False)
        object.__setattr__(self, "_pure", pure)
        object.__setattr__(self, "_cache", {})

    @classmethod
    def from_actions(cls, tree: Tree, actions: np.ndarray, exact: bool | None = None) -> BehaviorProfile:
        """The pure profile choosing action index ``actions[k]`` at each player's information set ``k``.

        The fast constructor for solvers (no labels are looked up); chance
        sets (``actions[k]`` ignored) keep the tree's probabilities.
        """
        if exact is None:
            exact = tree.is_exact
        if exact and not tree.is_exact:
            tree = tree.to_exact()
        elif not exact and tree.is_exact:
            tree = tree.to_float()
        zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
        owner = tree.infoset_players.tolist()
        acts = np.asarray(actions, dtype=np.int64).tolist()
        widths_arr = np.zeros(tree.num_infosets, dtype=np.int64)
        inner = tree.node_kinds != 0
        widths_arr[tree.node_infosets[inner]] = np.diff(tree.child_offsets)[inner]
        widths = widths_arr.tolist()
        rows: dict[tuple[int, int], tuple] = {}  # shared rows: a million sets of two actions share two tuples
        table = []
        pure = np.full(tree.num_infosets, -1, dtype=np.int64)
        for k, p in enumerate(owner):
            if p < 0:
                table.append(tuple(tree.probabilities(tree.infoset_nodes(k)[0]).values()))
                continue
            width = widths[k]
            a = acts[k]
            if not 0 <= a < width:
                raise InputError(f"action index {a} out of range at information set {tree.infoset_key(k)!r}")
            row = rows.get((width, a))
            if row is None:
                row = rows[(width, a)] = tuple(one if j == a else zero for j in range(width))
            table.append(row)
            pure[k] = a
        self = object.__new__(cls)
        self._init(tree, bool(exact), tuple(table), pure)
        return self

    @classmethod
    def from_table(cls, tree: Tree, rows: Mapping[int, tuple], exact: bool | None = None) -> BehaviorProfile:
        """The profile with distribution ``rows[k]`` (a tuple, one probability per action) at each player's set ``k``.

        The constructor for solvers: every player's information set must be
        in ``rows``; the probabilities are converted to the profile's
        arithmetic and checked as in the main constructor.
        """
        probs: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in tree.players}
        for k, p in enumerate(tree.infoset_players.tolist()):
            if p >= 0 and k in rows:
                probs[tree.players[p]][tree.infoset_key(k)] = dict(zip(tree.infoset_actions(k), rows[k]))
        return cls(tree, probs, exact)

    def __setattr__(self, name, value):
        raise AttributeError("BehaviorProfile is immutable")

    # ------------------------------------------------------------------ reading
    @property
    def tree(self) -> Tree:
        return self._tree

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def is_pure(self) -> bool:
        """True when every player's information set has an action of probability 1."""
        owner = self._tree.infoset_players
        return bool(np.all(self._pure[owner >= 0] >= 0))

    @property
    def pure_actions(self) -> np.ndarray:
        """Read-only: the action index played with probability 1 at each information set, -1 if none (or chance)."""
        return self._pure

    def distribution(self, k: int) -> dict[str, Any]:
        """``{action: probability}`` at information set ``k`` (chance sets give the tree's probabilities)."""
        return dict(zip(self._tree.infoset_actions(k), self._probs[k]))

    def as_dict(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{player: {information-set key: {action: probability}}}``, every action listed."""
        t = self._tree
        out: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in t.players}
        for k, p in enumerate(t.infoset_players.tolist()):
            if p >= 0:
                out[t.players[p]][t.infoset_key(k)] = self.distribution(k)
        return out

    def edge_probabilities(self) -> list:
        """Per node, the probability of the action leading to it (1 at the root), as a list."""
        cached = self._cache.get("edge")
        if cached is not None:
            return cached
        t = self._tree
        one = Fraction(1) if self._exact else 1.0
        par = t.parents.tolist()
        inc = t.incoming_actions.tolist()
        iset = t.node_infosets.tolist()
        probs = self._probs
        out = [one] + [probs[iset[par[v]]][inc[v]] for v in range(1, t.num_nodes)]
        self._cache["edge"] = out
        return out

    def _selection(self) -> np.ndarray | None:
        """For a pure profile without chance moves: the terminal row each node leads to (None otherwise)."""
        if "selection" in self._cache:
            return self._cache["selection"]
        t = self._tree
        sel = None
        if self.is_pure and not np.any(t.node_kinds == 2):
            n = t.num_nodes
            sel = np.asarray(t.terminal_rows).copy()
            choice = self._pure[np.maximum(t.node_infosets, 0)]
            levels = _levels(t)
            ptr = t.child_offsets
            kids = t.child_nodes
            if levels is not None:
                for P, _, _ in levels:
                    sel[P] = sel[kids[ptr[P] + choice[P]]]
            else:
                s, ch, pl, kl = sel.tolist(), choice.tolist(), ptr.tolist(), kids.tolist()
                for v in range(n - 1, -1, -1):
                    if s[v] < 0:
                        s[v] = s[kl[pl[v] + ch[v]]]
                sel = np.asarray(s, dtype=np.int64)
        self._cache["selection"] = sel
        return sel

    def node_values(self) -> np.ndarray:
        """Shape ``(num_nodes, num_players)``: the expected payoff of the play starting at each node.

        Floats (float64) or Fractions (object array).
        """
        cached = self._cache.get("values")
        if cached is not None:
            return cached
        t = self._tree
        pay = t.payoffs
        sel = self._selection()
        if sel is not None:
            vals = pay[sel] if len(pay) else np.zeros((t.num_nodes, t.num_players), dtype=pay.dtype)
        elif not self._exact and _levels(t) is not None:
            vals = np.zeros((t.num_nodes, t.num_players))
            vals[t.terminals] = pay
            w = np.asarray(self.edge_probabilities(), dtype=float)
            for P, C, starts in _levels(t):  # type: ignore[union-attr]
                vals[P] = np.add.reduceat(w[C, None] * vals[C], starts, axis=0)
        else:
            vals = self._values_loop(pay)
        vals.setflags(write=False)
        self._cache["values"] = vals
        return vals

    def _values_loop(self, pay: np.ndarray) -> np.ndarray:
        t = self._tree
        n, N = t.num_nodes, t.num_players
        zero = Fraction(0) if self._exact else 0.0
        w = self.edge_probabilities()
        vals: list = [None] * n
        rows = pay.tolist()
        for r, z in enumerate(t.terminals.tolist()):
            vals[z] = rows[r]
        ptr, kids = t.child_offsets.tolist(), t.child_nodes.tolist()
        for v in range(n - 1, -1, -1):
            if vals[v] is not None:
                continue
            acc = [zero] * N
            for c in kids[ptr[v]:ptr[v + 1]]:
                p = w[c]
                if p:
                    vc = vals[c]
                    acc = [x + p * y for x, y in zip(acc, vc)]
            vals[v] = acc
        out = np.empty((n, N), dtype=object if self._exact else float)
        out[:] = vals
        return out

    def realization_probabilities(self) -> np.ndarray:
        """Per node, the probability that play under this profile reaches it (1 at the root)."""
        cached = self._cache.get("reach")
        if cached is not None:
            return cached
        t = self._tree
        w = self.edge_probabilities()
        par = t.parents.tolist()
        reach = list(w)
        for v in range(1, t.num_nodes):  # preorder: the parent is done
            reach[v] = reach[par[v]] * w[v]
        out = np.asarray(reach, dtype=object if self._exact else float)
        out.setflags(write=False)
        self._cache["reach"] = out
        return out

    def payoffs(self) -> dict[str, Any]:
        """``{player: expected payoff}`` of the whole game."""
        return dict(zip(self._tree.players, self.node_values()[0].tolist()))

    def path(self) -> tuple[tuple[int, str], ...]:
        """The ``(node, action)`` pairs of the play as far as it is determined.

        From the root, follow the action taken with probability 1 (by a
        player or by chance); stop at a terminal node, or where the play
        branches (a mixed choice, or a chance move).  For a pure profile of
        a tree without chance moves this is the whole equilibrium path.
        """
        t = self._tree
        iset = t.node_infosets
        out = []
        v = 0
        while iset[v] >= 0:
            k = int(iset[v])
            row = self._probs[k]
            ones = [j for j, p in enumerate(row) if p == 1]
            if not ones:
                break
            out.append((v, t.infoset_actions(k)[ones[0]]))
            v = int(t.child_nodes[t.child_offsets[v] + ones[0]])
        return tuple(out)

    def subgame_perfect_regret(self) -> dict[str, Any]:
        """See :func:`subgame_perfect_regret`."""
        return subgame_perfect_regret(self)

    def nash_regret(self) -> dict[str, Any]:
        """See :func:`nash_regret`."""
        return nash_regret(self)

    def __eq__(self, other):
        if not isinstance(other, BehaviorProfile):
            return NotImplemented
        return self._tree == other._tree and self._exact == other._exact and self._probs == other._probs

    def __hash__(self):
        return hash((self._tree, self._probs))

    def __repr__(self):
        t = self._tree
        parts = []
        for k, p in enumerate(t.infoset_players.tolist()[:20]):
            if p >= 0:
                d = ", ".join(f"{a}: {q}" for a, q in self.distribution(k).items() if q)
                parts.append(f"{t.players[p]}@{t.infoset_key(k)}: {{{d}}}")
        more = " ..." if t.num_infosets > 20 else ""
        return "<BehaviorProfile " + "; ".join(parts) + more + ">"


# ---------------------------------------------------------------------- the certificate
def _best_values_levels(profile: BehaviorProfile, i: int) -> np.ndarray | None:
    """Perfect information, vectorised: player ``i``'s best-response value at every node (None: not applicable).

    Floats, or int64 on the exact scaled payoffs (pure profile, no chance), or None.
    """
    t = profile.tree
    levels = _levels(t)
    if levels is None:
        return None
    if profile.exact:
        if profile._selection() is None:
            return None
        ints = _integer_payoffs(t)
        if ints is None:
            return None
        col = ints[:, i]
        best: np.ndarray = np.zeros(t.num_nodes, dtype=np.int64)
    else:
        col = np.asarray(t.payoffs[:, i], dtype=float)
        best = np.zeros(t.num_nodes)
    best[t.terminals] = col
    mover = t.node_players
    w = np.asarray(profile.edge_probabilities(), dtype=float) if not profile.exact else None
    for P, C, starts in levels:
        mx = np.maximum.reduceat(best[C], starts)
        if w is None:
            # pure profile without chance: the others' value is the chosen child's
            other = best[t.child_nodes[t.child_offsets[P] + profile.pure_actions[t.node_infosets[P]]]]
        else:
            other = np.add.reduceat(w[C] * best[C], starts)
        best[P] = np.where(mover[P] == i, mx, other)
    return best


def _regrets(profile: BehaviorProfile, whole_game_only: bool) -> dict[str, Any]:
    t = profile.tree
    N = t.num_players
    vals = profile.node_values()
    zero = Fraction(0) if profile.exact else 0.0
    out: dict[str, Any] = {}
    if t.is_perfect_information:
        ints = _integer_payoffs(t) if profile.exact else None
        sel = profile._selection()
        for i in range(N):
            levels_best = _best_values_levels(profile, i)
            if levels_best is None:
                break
            if ints is not None and sel is not None:
                den = _scale(t.payoffs[:, i], ints[:, i])
                gap = levels_best - ints[sel, i]
                top = int(gap[0]) if whole_game_only else int(gap.max())
                out[t.players[i]] = max(Fraction(top) / den, zero)
            else:
                gap = levels_best - vals[:, i]
                top_f = float(gap[0]) if whole_game_only else float(gap.max())
                out[t.players[i]] = max(top_f, zero)
        if len(out) == N:
            return out
        out = {}
    roots = (0,) if whole_game_only else t.subgame_roots()
    for i in range(N):
        loop_best = _best_values_loop(profile, i, roots)
        r: Any = zero
        for h in roots:
            g = loop_best[h] - vals[h, i]
            if g > r:
                r = g
        out[t.players[i]] = r
    return out


def _scale(col: np.ndarray, ints: np.ndarray) -> Fraction:
    """The factor ``ints / col`` of :func:`gametheory.exact.integer_payoffs` for one player's column."""
    for x, y in zip(col.tolist(), ints.tolist()):
        if x != 0:
            return Fraction(y) / x
    return Fraction(1)


def _best_values_loop(profile: BehaviorProfile, i: int, roots: tuple[int, ...]) -> dict[int, Any]:
    """Player ``i``'s best-response value in each subgame of ``roots`` (inner ones first), node by node.

    The dynamic programme of the module docstring: the region of a subgame
    root ``h`` is its subtree minus the subtrees of the subgame roots nested
    in it, which count as leaves worth their own best-response value.
    """
    t = profile.tree
    zero = Fraction(0) if profile.exact else 0.0
    w = profile.edge_probabilities()
    ptr, kids = t.child_offsets.tolist(), t.child_nodes.tolist()
    iset = t.node_infosets.tolist()
    owner = t.infoset_players.tolist()
    row = t.terminal_rows.tolist()
    col = [x[i] for x in t.payoffs.tolist()]
    is_root = set(roots)
    best: dict[int, Any] = {}
    for h in sorted(roots, reverse=True):
        bucket: dict[Any, Any] = {None: zero}
        hang: dict[int, Any] = {}
        stack: list[tuple[int, Any, Any]] = [(h, 1, None)]
        while stack:
            v, r, pair = stack.pop()
            if v != h and (v in is_root):
                bucket[pair] = bucket.get(pair, zero) + r * best[v]
                continue
            k = iset[v]
            if k < 0:
                bucket[pair] = bucket.get(pair, zero) + r * col[row[v]]
                continue
            mine = owner[k] == i
            if mine:
                hang[k] = pair
            for a, c in enumerate(kids[ptr[v]:ptr[v + 1]]):
                if mine:
                    stack.append((c, r, (k, a)))
                else:
                    p = w[c]
                    if p:
                        stack.append((c, r * p, pair))
        for k in sorted(hang, reverse=True):  # a set hanging below (J, b) comes after J in number order
            top = max(bucket.get((k, a), zero) for a in range(len(t.infoset_actions(k))))
            bucket[hang[k]] = bucket.get(hang[k], zero) + top
        best[h] = bucket[None]
    return best


def subgame_perfect_regret(profile: BehaviorProfile) -> dict[str, Any]:
    r"""``{player: r}``: the largest gain of a deviation by that player, at any of her sets, in any subgame.

    :math:`r_i = \max_h (\mathrm{BR}_i(h) - V_i(h)) \ge 0` over the roots
    :math:`h` of the proper subgames (the whole game included); all zero
    exactly for a subgame-perfect equilibrium.  Exact for an exact profile.

    Examples
    --------
    The centipede game: taking at once is the subgame-perfect equilibrium.

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"Take": b.payoff(1, 0), "Pass": b.decision("B", {
    ...     "Take": b.payoff(0, 2), "Pass": b.payoff(3, 1)})}))
    >>> subgame_perfect_regret(BehaviorProfile(t, {"A": {"1": "Take"}, "B": {"Pass": "Take"}}))
    {'A': Fraction(0, 1), 'B': Fraction(0, 1)}
    >>> subgame_perfect_regret(BehaviorProfile(t, {"A": {"1": "Take"}, "B": {"Pass": {"Take": "1/2", "Pass": "1/2"}}}))
    {'A': Fraction(1, 2), 'B': Fraction(1, 2)}

    (B gains 1/2 by taking; against B's mixture A's passing is worth 3/2, so taking costs A 1/2.)
    """
    return _regrets(profile, whole_game_only=False)


def nash_regret(profile: BehaviorProfile) -> dict[str, Any]:
    """``{player: r}``: the largest gain of a deviation in the whole game (zero for a Nash equilibrium).

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"L": b.payoff(1, 1),
    ...                              "R": b.decision("B", {"l": b.payoff(0, 0), "r": b.payoff(2, 2)})}))
    >>> nash_regret(BehaviorProfile(t, {"A": {"1": "L"}, "B": {"R": "l"}}))
    {'A': Fraction(0, 1), 'B': Fraction(0, 1)}
    """
    return _regrets(profile, whole_game_only=True)


def behavior_from_mixed(tree: Tree, vectors, exact: bool | None = None) -> BehaviorProfile:
    r"""Kuhn's theorem: the behaviour profile realization-equivalent to a mixed profile of the reduced normal form.

    ``vectors[i]`` is player ``i``'s mixed strategy over her plans in the
    order of :func:`~gametheory.tree.reduced_strategies` (the strategy
    order of :func:`~gametheory.tree.to_normal_form`).  At her set :math:`I`,
    :math:`\beta(a \mid I) = \sigma(\{\pi : \pi(I) = a\}) / \sigma(\{\pi : \pi \text{ chooses at } I\})`;
    where her own mixture excludes :math:`I` (denominator 0) the set is
    never reached under her strategy and any choice is realization
    equivalent: the first action is taken.

    Examples
    --------
    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"Stop": b.payoff(1, 0), "Go": b.decision("B", {
    ...     "Stop": b.payoff(0, 2), "Go": b.decision("A", {"Stop": b.payoff(3, 1), "Go": b.payoff(2, 4)})})}))
    >>> beta = behavior_from_mixed(t, [["1/2", "1/4", "1/4"], [1, 0]])
    >>> beta.distribution(0), beta.distribution(2)
    ({'Stop': Fraction(1, 2), 'Go': Fraction(1, 2)}, {'Stop': Fraction(1, 2), 'Go': Fraction(1, 2)})
    """
    from .normal_form import reduced_strategies

    if exact is None:
        exact = tree.is_exact
    conv = to_exact if exact else to_float
    zero = Fraction(0) if exact else 0.0
    rows: dict[int, tuple] = {}
    for i, player in enumerate(tree.players):
        plans = reduced_strategies(tree, player)
        sigma = [conv(q, field="behavior") for q in vectors[i]]
        if len(sigma) != len(plans):
            raise InputError(f"{player!r} has {len(plans)} plans but the mixed strategy has {len(sigma)} entries",
                             field="behavior")
        for k in tree.infosets(player):
            acts = tree.infoset_actions(k)
            num = [zero] * len(acts)
            for s, plan in zip(sigma, plans):
                if s and k in plan:
                    num[acts.index(plan[k])] += s
            den = sum(num, zero)
            if den > 0:
                rows[k] = tuple(x / den for x in num)
                if not exact:  # keep the float row a distribution despite rounding
                    total = sum(rows[k])
                    rows[k] = tuple(x / total for x in rows[k])
            else:
                rows[k] = tuple(conv(1 if j == 0 else 0) for j in range(len(acts)))
    return BehaviorProfile.from_table(tree, rows, exact)
