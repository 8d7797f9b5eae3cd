r"""The reduced normal form of a game tree: strategies are plans, payoffs are expected over chance.

A pure strategy of player :math:`i` chooses an action at each of her
information sets.  Two strategies that differ only at sets their own earlier
choices exclude are *equivalent* (they reach the same terminal nodes against
everything); the **reduced** normal form keeps one of each class, the
*plan*: an action at exactly those sets not excluded by the plan's own
choices.  Under perfect recall the sets of player :math:`i` form a forest,
where set :math:`J` hangs below the pair :math:`(I, a)` that is :math:`i`'s
last own move above :math:`J`; a plan chooses an action at every root of
this forest and, below each choice :math:`(I, a)`, at every set hanging
there.  The number of plans satisfies
:math:`n(I) = \sum_{a} \prod_{J \text{ below } (I,a)} n(J)`.

A plan reaches terminal node :math:`z` (given the others' choices) exactly
when it contains :math:`i`'s last own pair on the path to :math:`z` (the
earlier pairs are then in the plan too).  So the payoff of a profile of plans
:math:`(\pi_1, \dots, \pi_N)` is

.. math:: U_j(\pi) = \sum_{z} c(z) \, u_j(z) \prod_i [\pi_i \text{ reaches } z],

with :math:`c(z)` the product of the chance probabilities on the path to
:math:`z`: exact (Fractions) when the tree is exact, sympy expressions when
it is symbolic.

Labels.  A player with one information set has plans labelled by the action
(``"Cooperate"``); otherwise a plan lists its choices by information-set key
(:meth:`~gametheory.tree.Tree.infoset_key`) in set-number order,
``"Offer: Cooperate; No offer: Blockade"``.  A player who never moves has the
one strategy ``"no move"``.

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II* (1953) 193-216.

B. von Stengel, "Efficient computation of behavior strategies", *Games and
Economic Behavior* 14 (1996) 220-246 (reduced strategies and sequences).

Examples
--------
>>> from gametheory.tree import TreeBuilder, to_normal_form
>>> b = TreeBuilder(["West", "Serbia"])
>>> t = b.build(b.decision("West", {
...     "Offer": b.decision("Serbia", {"Cooperate": b.payoff(2, 1), "Blockade": b.payoff(-1, 0)}),
...     "No offer": b.decision("Serbia", {"Cooperate": b.payoff(0, 2), "Blockade": b.payoff(-2, 1)})}))
>>> g = to_normal_form(t)
>>> g.strategies[0]
('Offer', 'No offer')
>>> g.strategies[1][1]
'Offer: Cooperate; No offer: Blockade'
>>> g.payoff({"West": "Offer", "Serbia": "Offer: Cooperate; No offer: Blockade"})
{'West': Fraction(2, 1), 'Serbia': Fraction(1, 1)}
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..cost import check_cost
from ..errors import InputError
from ..game import Game
from .game import Tree

__all__ = ["to_normal_form", "reduced_strategies", "plan_label", "NO_MOVE"]

#: The label of the one strategy of a player who never moves.
NO_MOVE = "no move"


def _own_forest(tree: Tree, p: int) -> tuple[list[int], dict[tuple[int, int], list[int]]]:
    """Player ``p``'s sets hanging at the top (``roots``) and below each own pair ``(set, action index)``."""
    roots: list[int] = []
    below: dict[tuple[int, int], list[int]] = {}
    parents = tree.parents
    incoming = tree.incoming_actions
    node_iset = tree.node_infosets
    owner = tree.infoset_players
    for k in tree.infosets(p):
        v = tree.infoset_nodes(k)[0]  # perfect recall: every node of k has the same last own pair
        key = None
        while v > 0:
            u = int(parents[v])
            if int(owner[node_iset[u]]) == p:
                key = (int(node_iset[u]), int(incoming[v]))
                break
            v = u
        if key is None:
            roots.append(k)
        else:
            below.setdefault(key, []).append(k)
    return roots, below


def _count_plans(tree: Tree, p: int, roots: list[int], below: dict) -> int:
    count: dict[int, int] = {}
    for k in sorted(tree.infosets(p), reverse=True):  # a set hanging below k comes later in preorder
        total = 0
        for a in range(len(tree.infoset_actions(k))):
            prod = 1
            for j in below.get((k, a), ()):
                prod *= count[j]
            total += prod
        count[k] = total
    out = 1
    for k in roots:
        out *= count[k]
    return out


def _plans(tree: Tree, p: int, roots: list[int], below: dict) -> list[dict[int, int]]:
    """Every plan of ``p`` as ``{set: action index}``, depth first in set-number order, without recursion."""
    out: list[dict[int, int]] = []
    stack: list[tuple[dict[int, int], tuple[int, ...]]] = [({}, tuple(sorted(roots)))]
    while stack:
        plan, pending = stack.pop()
        if not pending:
            out.append(plan)
            continue
        k, rest = pending[0], pending[1:]
        for a in reversed(range(len(tree.infoset_actions(k)))):
            stack.append(({**plan, k: a}, tuple(sorted(rest + tuple(below.get((k, a), ()))))))
    return out


def plan_label(tree: Tree, player, plan: dict[int, str]) -> str:
    """The strategy label of ``plan`` (``{set: action label}``) of ``player``, as in :func:`to_normal_form`."""
    i = tree.player_index(player)
    if not plan:
        return NO_MOVE
    if len(tree.infosets(i)) == 1:
        return next(iter(plan.values()))
    return "; ".join(f"{tree.infoset_key(k)}: {plan[k]}" for k in sorted(plan))


def reduced_strategies(tree: Tree, player) -> tuple[dict[int, str], ...]:
    """The plans of ``player``, ``{information set: action label}``, in the order of :func:`to_normal_form`.

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"Stop": b.payoff(1, 0), "Go": b.decision("B", {
    ...     "Stop": b.payoff(0, 2), "Go": b.decision("A", {"Stop": b.payoff(3, 1), "Go": b.payoff(2, 4)})})}))
    >>> reduced_strategies(t, "A")
    ({0: 'Stop'}, {0: 'Go', 2: 'Stop'}, {0: 'Go', 2: 'Go'})
    """
    i = tree.player_index(player)
    roots, below = _own_forest(tree, i)
    return tuple({k: tree.infoset_actions(k)[a] for k, a in plan.items()} for plan in _plans(tree, i, roots, below))


def to_normal_form(tree: Tree, *, max_cost=None) -> Game:
    """The reduced normal form of ``tree``: a :class:`~gametheory.Game` of the same kind.

    Parameters
    ----------
    tree : Tree
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) when the estimated
        work, profiles x players x terminal nodes one profile reaches, exceeds
        it (default :data:`gametheory.cost.DEFAULT_MAX_COST`); checked before
        any strategy is listed.

    Returns
    -------
    Game
        Strategies labelled by their plans (see the module docstring), in the
        order of :func:`reduced_strategies`; payoffs expected over chance.
    """
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    N = tree.num_players
    forests = [_own_forest(tree, i) for i in range(N)]
    counts = [_count_plans(tree, i, *forests[i]) for i in range(N)]
    reach_leaves = _leaves_per_profile(tree)
    profiles = 1
    for c in counts:
        profiles *= c
    check_cost(profiles * N * reach_leaves + tree.num_nodes, max_cost, "reduced normal form",
               f"{' x '.join(map(str, counts))} plans, {reach_leaves} terminal nodes per profile")
    plans = [_plans(tree, i, *forests[i]) for i in range(N)]

    kind = tree.kind
    if kind == "float":
        U: np.ndarray = np.zeros(tuple(counts) + (N,), dtype=float)
        one: object = 1.0
    else:
        zero: object = Fraction(0)
        one = Fraction(1)
        if kind == "symbolic":
            import sympy  # only a symbolic tree has sympy payoffs to add

            zero, one = sympy.Integer(0), sympy.Integer(1)
        U = np.empty(tuple(counts) + (N,), dtype=object)
        U.fill(zero)

    # plans containing each own pair; a plan reaches z when it contains the player's last pair above z
    holders = []
    for i in range(N):
        h: dict[tuple[int, int], list[int]] = {}
        for s, plan in enumerate(plans[i]):
            for k, a in plan.items():
                h.setdefault((k, a), []).append(s)
        holders.append({key: np.asarray(v, dtype=np.int64) for key, v in h.items()})
    everyone = [np.arange(c, dtype=np.int64) for c in counts]

    parents = tree.parents.tolist()
    incoming = tree.incoming_actions.tolist()
    node_iset = tree.node_infosets.tolist()
    owner = tree.infoset_players.tolist()
    kinds = tree.node_kinds.tolist()
    n = tree.num_nodes
    weight: list = [one] * n
    last: list[tuple] = [(None,) * N] * n
    for v in range(1, n):  # preorder: a parent before its children
        u = parents[v]
        k = node_iset[u]
        if kinds[u] == 2:
            weight[v] = weight[u] * tree.probabilities(u)[tree.infoset_actions(k)[incoming[v]]]
            last[v] = last[u]
        else:
            weight[v] = weight[u]
            p = owner[k]
            last[v] = last[u][:p] + ((k, incoming[v]),) + last[u][p + 1:]
    payoffs = tree.payoffs
    for r, z in enumerate(tree.terminals.tolist()):
        c = weight[z]
        if kind != "symbolic" and c == 0:
            continue
        index = tuple(everyone[i] if last[z][i] is None else holders[i][last[z][i]] for i in range(N))
        cell = np.ix_(*index) + (slice(None),)
        U[cell] = U[cell] + np.asarray([c * x for x in payoffs[r]], dtype=U.dtype)

    strategies = []
    for i in range(N):
        labels = [plan_label(tree, i, {k: tree.infoset_actions(k)[a] for k, a in plan.items()}) for plan in plans[i]]
        if len(set(labels)) != len(labels):  # a key or action label containing '; ' or ': ' could collide
            labels = [f"{lab} (#{j + 1})" for j, lab in enumerate(labels)]
        strategies.append(labels)
    return Game(U, tree.players, strategies, tree.title, kind)


def _leaves_per_profile(tree: Tree) -> int:
    """The most terminal nodes one pure profile reaches: chance branches add up, choices pick one."""
    kinds = tree.node_kinds.tolist()
    ptr = tree.child_offsets.tolist()
    kids = tree.child_nodes.tolist()
    leaves = [1] * tree.num_nodes
    for v in range(tree.num_nodes - 1, -1, -1):  # children after parents: bottom up
        if kinds[v] == 0:
            continue
        vals = [leaves[c] for c in kids[ptr[v]:ptr[v + 1]]]
        leaves[v] = sum(vals) if kinds[v] == 2 else max(vals)
    return leaves[0]
