r"""Pure behaviour profiles of a game tree: their play, their deviations, and subgame perfection at values.

A pure behaviour profile :math:`b` chooses one action at every information
set of every player, on the path of play or off it.  It is a *subgame-perfect
equilibrium* (SPE, Selten 1965) when it induces a Nash equilibrium in every
proper subgame.  This module lists the alternatives that subgame perfection
rules out, each with its *gap* :math:`u_i(b) - u_i(\text{alternative})`:

**Perfect information.**  By the one-shot deviation principle (Fudenberg and
Tirole 1991, th. 4.1; Osborne and Rubinstein 1994, lemma 98.2) a profile of
a finite tree is subgame perfect iff no player gains by changing her action
at a single node and following :math:`b` afterwards.  With :math:`V_i(h)` the
continuation value of player :math:`i` at node :math:`h` under :math:`b`
(chance moves taken in expectation), the gaps are, over every decision node
:math:`h` of player :math:`i` and every action :math:`a \ne b(h)`,
:math:`V_i(h \cdot b(h)) - V_i(h \cdot a)`.

**Imperfect information.**  For every proper subgame :math:`\Gamma_r` (root
:math:`r`, :meth:`Tree.subgame_roots <gametheory.tree.Tree.subgame_roots>`),
each player's switch to any other reduced pure strategy (plan,
:func:`~gametheory.tree.reduced_strategies`) of :math:`\Gamma_r` while the
others keep :math:`b`: a pure profile is a Nash equilibrium of a game iff no
pure deviation gains, and the reduced normal form loses no pure strategy
(Kuhn 1953).

:math:`b` is subgame perfect iff every gap is :math:`\ge 0`.  At given
values, :func:`spe_deviations` substitutes first and computes the gains in
Fractions, without sympy; :mod:`gametheory.tree.conditions` turns the gaps of
a symbolic tree into conditions on the parameters.

Profiles are written ``{player: action}`` for a player with one information
set (or the same action at all of them), or ``{player: {infoset key:
action}}`` (keys as :meth:`Tree.infoset_key <gametheory.tree.Tree.infoset_key>`);
a degenerate behaviour ``{action: 1}``, as solvers print them, is accepted
for an action.  A *path* is a sequence of action labels from the root
(chance outcomes included where it crosses a chance node; a prefix of a play
is allowed); a profile *follows* it when it chooses the path's action at
every decision node on it.

References
----------
R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965) 301-324 and 667-689.

H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II* (1953) 193-216.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sec. 4.2.

M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 6.

Examples
--------
Entry deterrence: the entrant stays out (0 for her, 2 for the incumbent) or
enters; the incumbent then fights (-1, -1) or accommodates (1, 1).

>>> from gametheory.tree import tree_from_dict
>>> t = tree_from_dict(["Entrant", "Incumbent"], {"player": "Entrant", "actions": {
...     "Out": [0, 2], "In": {"player": "Incumbent", "actions": {"Fight": [-1, -1], "Accommodate": [1, 1]}}}})
>>> is_subgame_perfect(t, {"Entrant": "In", "Incumbent": "Accommodate"})
True
>>> [str(d) for d in spe_deviations(t, {"Entrant": "Out", "Incumbent": "Fight"})]
["Incumbent gains 2 by choosing Accommodate instead of Fight at 'In' (node 2)"]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..cost import check_cost
from ..errors import InputError, LabelError
from .game import Infoset, Tree
from .normal_form import _count_plans, _own_forest, plan_label, reduced_strategies

__all__ = [
    "Deviation",
    "pure_choices",
    "choices_profile",
    "profile_text",
    "path_choices",
    "follows_path",
    "play_path",
    "spe_deviations",
    "is_subgame_perfect",
    "pure_subgame_perfect_profiles",
]

#: A pure behaviour profile as written by a user (see the module docstring).
ProfileSpec = Mapping[str, Any]
#: A pure profile as the functions here use it: ``{information set index: action index}`` for every player's set.
Choices = Mapping[int, int]


# ---------------------------------------------------------------------- profiles
def _single_action(spec: object, where: str) -> str:
    """An action label, or the one action played with probability 1 of a degenerate behaviour."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, Mapping):
        played = [a for a, p in spec.items() if Fraction(str(p)) != 0]
        if len(played) == 1 and Fraction(str(spec[played[0]])) == 1:
            return str(played[0])
        raise InputError(f"{where}: a pure profile plays one action with probability 1, got {dict(spec)}",
                         field="profile")
    raise InputError(f"{where}: expected an action label, got {spec!r}", field="profile")


def pure_choices(tree: Tree, profile: ProfileSpec) -> dict[int, int]:
    """``{information set: action index}`` of a pure profile, checked to choose at every set of every player.

    Parameters
    ----------
    tree : Tree
    profile : mapping
        ``{player: action}`` (that action at each of the player's sets, which
        must all offer it) or ``{player: {infoset key: action}}``; an action
        may be a degenerate behaviour ``{action: 1}``.  A player who never
        moves may be left out.

    Raises
    ------
    LabelError
        An unknown player, information set or action.
    InputError
        A set left without an action.

    Examples
    --------
    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["A", "B"], {"player": "A", "actions": {
    ...     "L": {"player": "B", "actions": {"l": [1, 1], "r": [0, 0]}},
    ...     "R": {"player": "B", "actions": {"l": [2, 0], "r": [0, 2]}}}})
    >>> pure_choices(t, {"A": "R", "B": {"L": "l", "R": "r"}})
    {0: 1, 1: 0, 2: 1}
    >>> pure_choices(t, {"A": "R", "B": "l"})
    {0: 1, 1: 0, 2: 0}
    """
    if not isinstance(profile, Mapping):
        raise InputError(f"a profile is a mapping {{player: action or {{infoset: action}}}}, got {profile!r}",
                         field="profile")
    out: dict[int, int] = {}
    for player, spec in profile.items():
        i = tree.player_index(player)
        mine = tree.infosets(i)
        if isinstance(spec, Mapping) and not _is_behaviour(spec, tree, mine):
            for key, act in spec.items():
                k = tree.find_infoset(i, str(key))
                out[k] = _action_index(tree, k, _single_action(act, f"{player} at {key!r}"), player)
        else:
            act = _single_action(spec, str(player))
            for k in mine:
                out[k] = _action_index(tree, k, act, player)
    missing = [f"{tree.players[tree.infoset_players[k]]} at {tree.infoset_key(k)!r}"
               for k in range(tree.num_infosets) if tree.infoset_players[k] >= 0 and k not in out]
    if missing:
        raise InputError(f"a pure profile chooses at every information set, on the path or off it; missing: "
                         f"{', '.join(missing)}", field="profile")
    return out


def _is_behaviour(spec: Mapping, tree: Tree, mine: tuple[int, ...]) -> bool:
    """True when ``spec`` is ``{action: probability}`` of a player's one set rather than ``{infoset: action}``."""
    if len(mine) != 1:
        return False
    keys = {tree.infoset_key(k) for k in mine}
    return not any(str(key) in keys for key in spec) and all(not isinstance(v, (str, Mapping)) for v in spec.values())


def _action_index(tree: Tree, k: int, action: str, player: object) -> int:
    acts = tree.infoset_actions(k)
    if action not in acts:
        raise LabelError(f"no action {action!r} for {player} at {tree.infoset_key(k)!r}; actions are {list(acts)}",
                         field="profile")
    return acts.index(action)


def choices_profile(tree: Tree, choices: Choices) -> dict[str, dict[str, str]]:
    """``{player: {infoset key: action}}`` of ``{information set: action index}`` (every player, even without sets).

    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["A", "B"], {"player": "A", "actions": {"x": [0, 1], "y": [1, 0]}})
    >>> choices_profile(t, {0: 1})
    {'A': {'1': 'y'}, 'B': {}}
    """
    out: dict[str, dict[str, str]] = {p: {} for p in tree.players}
    for k in sorted(choices):
        p = int(tree.infoset_players[k])
        out[tree.players[p]][tree.infoset_key(k)] = tree.infoset_actions(k)[choices[k]]
    return out


def profile_text(tree: Tree, choices: Choices) -> str:
    """``(West: Offer; Serbia: Offer: Cooperate, No offer: Blockade)``: one plan-like text per player."""
    parts = []
    for i, p in enumerate(tree.players):
        mine = tree.infosets(i)
        if not mine:
            continue
        if len(mine) == 1:
            parts.append(f"{p}: {tree.infoset_actions(mine[0])[choices[mine[0]]]}")
        else:
            parts.append(f"{p}: " + ", ".join(f"{tree.infoset_key(k)}: {tree.infoset_actions(k)[choices[k]]}"
                                              for k in mine))
    return "(" + "; ".join(parts) + ")"


# ---------------------------------------------------------------------- paths
def path_choices(tree: Tree, path: Sequence[str]) -> dict[int, int]:
    """``{information set: action index}`` the path fixes at the decision nodes it crosses.

    Raises
    ------
    LabelError
        An action not available where the path is, or a path running past a terminal node.
    """
    if isinstance(path, str) or not isinstance(path, Sequence):
        raise InputError(f"a path is a list of action labels from the root, got {path!r}", field="path")
    fixed: dict[int, int] = {}
    v = tree.root
    for step, action in enumerate(path):
        if tree.is_terminal(v):
            raise LabelError(f"the path {list(path)} runs past a terminal node after {step} actions", field="path")
        acts = tree.actions(v)
        if action not in acts:
            raise LabelError(f"no action {action!r} at step {step + 1} of the path (node {v}); actions are "
                             f"{list(acts)}", field="path")
        a = acts.index(action)
        k = int(tree.node_infosets[v])
        if tree.infoset_players[k] >= 0:
            if fixed.get(k, a) != a:
                raise InputError(f"the path chooses two actions at information set {tree.infoset_key(k)!r}",
                                 field="path")
            fixed[k] = a
        v = tree.child(v, action)
    return fixed


def follows_path(tree: Tree, choices: Choices, path: Sequence[str]) -> bool:
    """True when the pure profile chooses the path's action at every decision node on the path."""
    return all(choices[k] == a for k, a in path_choices(tree, path).items())


def play_path(tree: Tree, choices: Choices) -> tuple[str, ...]:
    """The actions played from the root under a pure profile, up to a terminal or the first chance node."""
    out = []
    v = tree.root
    while tree.node_kinds[v] == 1:
        k = int(tree.node_infosets[v])
        out.append(tree.infoset_actions(k)[choices[k]])
        v = tree.children(v)[choices[k]]
    return tuple(out)


# ---------------------------------------------------------------------- values
def _number_kit(tree: Tree) -> tuple[Any, list[list[Any]], dict[int, tuple]]:
    """``(zero, payoff rows, chance probabilities by set)`` in the tree's own number type."""
    if tree.kind == "symbolic":
        import sympy  # the gaps of a symbolic tree are sympy expressions

        zero: Any = sympy.Integer(0)
    elif tree.kind == "exact":
        zero = Fraction(0)
    else:
        zero = 0.0
    rows = tree.payoffs.tolist()
    probs = {k: tuple(tree.infoset(k).probabilities or ()) for k in tree.infosets(None)}
    return zero, rows, probs


def _values(tree: Tree, choices: Choices, lo: int, hi: int, kit: tuple) -> dict[int, list[Any]]:
    """Continuation values ``{node: [u_1..u_N]}`` under ``choices`` on the subtree ``lo .. hi - 1``, bottom up.

    Every node gets its value, reached or not (one-shot deviations compare the values off the choice);
    chance takes expectations.
    """
    zero, rows, probs = kit
    kinds = tree.node_kinds
    iset = tree.node_infosets
    ptr = tree.child_offsets
    kids = tree.child_nodes
    row = tree.terminal_rows
    N = tree.num_players
    val: dict[int, list[Any]] = {}
    for v in range(hi - 1, lo - 1, -1):
        kind = int(kinds[v])
        k = int(iset[v])
        if kind == 0:
            val[v] = rows[int(row[v])]
        elif kind == 1:
            val[v] = val[int(kids[int(ptr[v]) + choices[k]])]
        else:
            total = [zero] * N
            for a, c in enumerate(kids[int(ptr[v]):int(ptr[v + 1])].tolist()):
                total = [t + probs[k][a] * x for t, x in zip(total, val[c])]
            val[v] = total
    return val


@dataclass(frozen=True)
class _Gap:
    """One alternative to the profile: who deviates, where, to what, and ``u(profile) - u(deviation)``."""

    player: str
    node: int
    infoset: str | None  # the set's key for a one-shot deviation; None for a plan in a subgame
    chosen: str
    alternative: str
    gap: Any


def _subgame_tree(tree: Tree, r: int) -> tuple[Tree, list[int]]:
    """The proper subgame rooted at ``r`` as a Tree (nodes ``r + j`` become ``j``) and its sets' indices in ``tree``."""
    end = int(tree.subtree_ends[r])
    kept: dict[int, int] = {}
    infosets: list[Infoset] = []
    back: list[int] = []
    node_isets = []
    for v in range(r, end):
        k = int(tree.node_infosets[v])
        if k < 0:
            node_isets.append(-1)
            continue
        if k not in kept:
            kept[k] = len(infosets)
            infosets.append(tree.infoset(k))
            back.append(k)
        node_isets.append(kept[k])
    children = [tuple(c - r for c in tree.children(v)) for v in range(r, end)]
    payoffs = {v - r: tuple(tree.payoffs[int(tree.terminal_rows[v])]) for v in range(r, end)
               if tree.terminal_rows[v] >= 0}
    return Tree(tree.players, infosets, children, node_isets, payoffs, kind=tree.kind), back


def _gap_cost(tree: Tree) -> tuple[int, str]:
    """Estimated steps of :func:`_gaps` and what they are (the plans of a subgame are counted again there)."""
    n = tree.num_nodes
    if tree.is_perfect_information:
        return 2 * n * tree.num_players, f"one-shot deviations at {n} nodes"
    ends = tree.subtree_ends
    roots = tree.subgame_roots()
    total = sum((int(ends[r]) - r) ** 2 for r in roots)  # at least one deviation per node of each subgame
    return total, f"deviations in {len(roots)} proper subgames"


def _gaps(tree: Tree, choices: Choices, max_cost: int | None) -> list[_Gap]:
    """Every alternative to the pure profile that subgame perfection rules out, with its gap."""
    kit = _number_kit(tree)
    players = tree.players
    if tree.is_perfect_information:
        val = _values(tree, choices, 0, tree.num_nodes, kit)
        out = []
        for v in range(tree.num_nodes):
            if tree.node_kinds[v] != 1:
                continue
            k = int(tree.node_infosets[v])
            i = int(tree.infoset_players[k])
            acts = tree.infoset_actions(k)
            kids = tree.children(v)
            chosen = choices[k]
            for a, c in enumerate(kids):
                if a != chosen:
                    out.append(_Gap(players[i], v, tree.infoset_key(k), acts[chosen], acts[a],
                                    val[kids[chosen]][i] - val[c][i]))
        return out
    return _subgame_gaps(tree, choices, max_cost, kit)


def _subgame_gaps(tree: Tree, choices: Choices, max_cost: int | None, kit: tuple) -> list[_Gap]:
    """Per proper subgame, each player's switch to each other reduced plan of that subgame."""
    subs = []
    total = 0
    for r in tree.subgame_roots():
        sub, back = _subgame_tree(tree, r)
        counts = [_count_plans(sub, i, *_own_forest(sub, i)) if sub.infosets(i) else 0
                  for i in range(tree.num_players)]
        total += sum(counts) * sub.num_nodes
        subs.append((r, sub, back, counts))
        check_cost(total, max_cost, "subgame perfection", "plans x nodes over the proper subgames")  # before listing
    out = []
    players = tree.players
    for r, sub, back, counts in subs:
        end = int(tree.subtree_ends[r])
        base = _values(tree, choices, r, end, kit)[r]
        for i, count in enumerate(counts):
            if not count:
                continue
            own = {back[ks]: tree.infoset_actions(back[ks])[choices[back[ks]]] for ks in sub.infosets(i)}
            mine: dict[int, str] | None = None
            for plan in reduced_strategies(sub, i):
                in_tree = {back[ks]: a for ks, a in plan.items()}
                if all(own[k] == a for k, a in in_tree.items()):
                    mine = in_tree  # the profile's own plan: every choice it makes agrees
                    break
            assert mine is not None  # the profile's choices at the sets it reaches form a plan
            for plan in reduced_strategies(sub, i):
                in_tree = {back[ks]: a for ks, a in plan.items()}
                if in_tree == mine:
                    continue
                dev = dict(choices)
                for k, a in in_tree.items():
                    dev[k] = tree.infoset_actions(k).index(a)
                value = _values(tree, dev, r, end, kit)[r]
                out.append(_Gap(players[i], r, None, plan_label(tree, i, mine), plan_label(tree, i, in_tree),
                                base[i] - value[i]))
    return out


def _free_sets(tree: Tree, fixed: Choices) -> list[int]:
    return [k for k in range(tree.num_infosets) if tree.infoset_players[k] >= 0 and k not in fixed]


def _profiles_count(tree: Tree, free: list[int]) -> int:
    count = 1
    for k in free:
        count *= len(tree.infoset_actions(k))
    return count


def _all_choices(tree: Tree, fixed: Choices) -> itertools.product:
    free = _free_sets(tree, fixed)
    return itertools.product(*[range(len(tree.infoset_actions(k))) for k in free])


# ---------------------------------------------------------------------- verdicts at values
@dataclass(frozen=True)
class Deviation:
    """A profitable deviation from a pure profile at given values: the reason it is not subgame perfect.

    ``gain`` is exact (a Fraction) when the tree is exact at these values.
    """

    player: str
    node: int
    infoset: str | None
    chosen: str
    alternative: str
    gain: Fraction | float

    def __str__(self) -> str:
        gain = str(self.gain) if isinstance(self.gain, Fraction) else f"{self.gain:g}"
        if self.infoset is not None:
            return (f"{self.player} gains {gain} by choosing {self.alternative} instead of {self.chosen} at "
                    f"{self.infoset!r} (node {self.node})")
        return (f"{self.player} gains {gain} in the subgame at node {self.node} by playing {self.alternative} "
                f"instead of {self.chosen}")


def _numeric(tree: Tree, values: Mapping | None) -> Tree:
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    if tree.kind == "symbolic":
        return tree.substitute(dict(values or {}))
    return tree


def _tolerance(tree: Tree) -> float:
    """0 for an exact tree; for floats, a gain below 1e-9 of the payoff scale is rounding."""
    if tree.kind != "float":
        return 0.0
    scale = float(abs(tree.payoffs).max()) if tree.payoffs.size else 1.0
    return 1e-9 * max(1.0, scale)


def _deviations(tree: Tree, choices: Choices, max_cost: int | None) -> tuple[Deviation, ...]:
    tol = _tolerance(tree)
    return tuple(Deviation(g.player, g.node, g.infoset, g.chosen, g.alternative, -g.gap)
                 for g in _gaps(tree, choices, max_cost) if -g.gap > tol)


def spe_deviations(tree: Tree, profile: ProfileSpec, values: Mapping | None = None, *,
                   max_cost: int | None = None) -> tuple[Deviation, ...]:
    """The profitable deviations from a pure profile at ``values``: none iff it is subgame perfect there.

    A symbolic tree is first substituted (:meth:`Tree.substitute <gametheory.tree.Tree.substitute>`,
    exact where the values are); gains are then computed in Fractions, without sympy.

    Parameters
    ----------
    tree : Tree
    profile : mapping
        See :func:`pure_choices`.
    values : mapping, optional
        ``{parameter: value}`` for a symbolic tree.
    max_cost : int, optional
        Refuse past this estimated work (default :data:`gametheory.cost.DEFAULT_MAX_COST`).
    """
    tree = _numeric(tree, values)
    return _deviations(tree, pure_choices(tree, profile), max_cost)


def is_subgame_perfect(tree: Tree, profile: ProfileSpec, values: Mapping | None = None, *,
                       max_cost: int | None = None) -> bool:
    """True when the pure ``profile`` is a subgame-perfect equilibrium at ``values`` (decided exactly)."""
    return not spe_deviations(tree, profile, values, max_cost=max_cost)


def pure_subgame_perfect_profiles(tree: Tree, values: Mapping | None = None, *,
                                  max_cost: int | None = None) -> tuple[dict[int, int], ...]:
    """Every pure subgame-perfect profile at ``values``, as ``{information set: action index}``, by enumeration.

    Perfect information: :func:`gametheory.tree.spe.backward_induction`.
    Otherwise subgame by subgame from the bottom, each region's pure profiles
    tried against every combination of its nested subgames' pure equilibria;
    a tree without proper subgames by brute force over all pure profiles
    (cost-checked: profiles x the work of one check).  Ties give several.

    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["A", "B"], {"player": "A", "actions": {
    ...     "x": {"player": "B", "actions": {"l": [1, 0], "r": [0, 0]}}, "y": [1, 1]}})
    >>> [choices_profile(t, c) for c in pure_subgame_perfect_profiles(t)]
    [{'A': {'1': 'x'}, 'B': {'x': 'l'}}, {'A': {'1': 'y'}, 'B': {'x': 'l'}}, {'A': {'1': 'y'}, 'B': {'x': 'r'}}]
    """
    tree = _numeric(tree, values)
    free = _free_sets(tree, {})
    if tree.is_perfect_information:
        # one owner of the listing: backward induction, branching at each tie, instead of every pure profile
        from .spe import backward_induction

        arrays, _ = backward_induction(tree, max_cost=max_cost)
        return tuple({k: int(a[k]) for k in free} for a in arrays)
    if len(tree.subgame_roots()) > 1:
        found = _pure_spe_by_subgames(tree, max_cost)
        # the order of the brute force below (lexicographic in the free sets), whatever the route
        return tuple(sorted(found, key=lambda c: tuple(c[k] for k in free)))
    return _pure_nash_by_enumeration(tree, max_cost)


def _pure_nash_by_enumeration(tree: Tree, max_cost: int | None) -> tuple[dict[int, int], ...]:
    """Every pure profile with no profitable deviation in any subgame, by trying them all (cost-checked)."""
    free = _free_sets(tree, {})
    cost, what = _gap_cost(tree)
    profiles = _profiles_count(tree, free)
    check_cost(profiles * cost, max_cost, "pure subgame-perfect profiles", f"{profiles} pure profiles x {what}")
    out = []
    for combo in _all_choices(tree, {}):
        choices = dict(zip(free, combo))
        if not _deviations(tree, choices, max_cost):
            out.append(choices)
    return tuple(out)


def _pure_spe_by_subgames(tree: Tree, max_cost: int | None) -> list[dict[int, int]]:
    """Every pure subgame-perfect profile, subgame by subgame from the bottom (Selten's decomposition).

    A pure profile is subgame perfect iff its play in each proper subgame is, and, given subgame-perfect
    play in the subgames nested in a subgame, it is subgame perfect there iff no player gains by deviating
    in the subgame's own region with the nested subgames replaced by their values (a deviation that also
    changes play inside a nested subgame gains no more there, that play being an equilibrium of it).  So
    each region is enumerated once per combination of its nested subgames' pure equilibria, instead of the
    whole tree's profiles: 2 x 2 regions times 4 subgames instead of 2^14 profiles for a two-stage game.
    """
    from .spe import _assemble, _Region, _regions  # the one owner of the subgame regions

    roots = tree.subgame_roots()
    regions = _regions(tree, roots)
    options: dict[int, list[tuple[tuple, dict[int, int], tuple[int, ...]]]] = {}
    for h in reversed(roots):
        nodes, nested = regions[h]
        region = _Region(tree, h, nodes, nested)
        combos = list(itertools.product(*(range(len(options[c])) for c in nested)))
        out: list[tuple[tuple, dict[int, int], tuple[int, ...]]] = []
        for combo in combos:
            sub = region.tree({c: options[c][j][0] for c, j in zip(nested, combo)})
            if len(out) == 0 and combo == combos[0]:
                cost, what = _gap_cost(sub)
                profiles = _profiles_count(sub, _free_sets(sub, {}))
                check_cost(len(combos) * profiles * cost, max_cost, "pure subgame-perfect profiles",
                           f"{len(combos)} combinations of the subgames below node {h} x {profiles} pure profiles "
                           f"of its region x {what}")
            kit = _number_kit(sub)
            for local in _pure_nash_by_enumeration(sub, max_cost):
                value = tuple(_values(sub, local, 0, sub.num_nodes, kit)[0])
                out.append((value, {region.global_isets[k]: a for k, a in local.items()}, combo))
        options[h] = out
    check_cost(len(options[0]) * max(tree.num_infosets, 1), max_cost, "pure subgame-perfect profiles",
               f"{len(options[0])} pure subgame-perfect profiles over {tree.num_infosets} information sets")
    return _assemble(regions, options)
