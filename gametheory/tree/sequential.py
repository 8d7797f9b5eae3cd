r"""Sequential equilibrium on small game trees: checking an assessment exactly, and finding the pure ones.

An **assessment** :math:`(\beta, \mu)` is a behaviour profile :math:`\beta`
(:class:`~gametheory.tree.behavior.BehaviorProfile`) and a *belief*
:math:`\mu(\cdot \mid I)` over the nodes of every information set
:math:`I`.  It is a **sequential equilibrium** (Kreps and Wilson 1982) when

*Sequential rationality.*  At every information set :math:`I` of every
player :math:`i`, her behaviour from :math:`I` on is a best response to the
others' behaviour given her belief at :math:`I`:

.. math:: \mathrm{gain}(I) = \max_{\beta_i'} \sum_{x \in I} \mu(x \mid I)\, V_i^{(\beta_i', \beta_{-i})}(x)
          - \sum_{x \in I} \mu(x \mid I)\, V_i^{\beta}(x) = 0 .

The maximum over her continuation strategies is a dynamic programme over her
later information sets, as for :func:`~gametheory.tree.behavior.subgame_perfect_regret`:
under perfect recall each of her later sets hangs below one of her own
(set, action) pairs, so the weighted payoffs below each pair are summed and
the best action taken at each set, deepest first.  The gain of every set is
the certificate (0 exactly when the tree is exact).

*Consistency.*  :math:`\mu` is the limit of the beliefs given by Bayes' rule
under fully mixed profiles :math:`\beta^n \to \beta`.  This is decided with
the characterisation of Kreps and Wilson (1982, Lemma A1; see also Kohlberg
and Reny 1997, and Perea, Jansen and Peters 1997): :math:`(\beta, \mu)` is
consistent if and only if there are an *order* :math:`K(a) > 0` and a weight
:math:`\xi(a) > 0` for every action :math:`a` that :math:`\beta` plays with
probability 0 (:math:`K(a) = 0`, :math:`\xi(a) = \beta(a)` otherwise, chance
included) such that, with :math:`K(x)` and :math:`\xi(x)` the sum and the
product along the path to node :math:`x`, at every information set the
believed nodes are exactly those of smallest order and their beliefs are
proportional to :math:`\xi`:

.. math:: \mu(x \mid I) = \frac{\xi(x)}{\sum_{y \in I,\ K(y) = K_I} \xi(y)}
          \ \text{ if } K(x) = K_I = \min_{y \in I} K(y), \qquad 0 \text{ otherwise}.

(Sufficiency: :math:`\beta^n(a) = \xi(a) n^{-K(a)}`, the positive actions
scaled to keep sums 1, gives Bayes beliefs :math:`\to \mu`.  Necessity: a
lexicographic expansion of the logarithms of any sequence :math:`\beta^n`
collapses to one real order, which may be taken rational.)  The two
conditions separate.  The orders form the linear system "believed nodes have
equal order, the others a larger one, every zero action a positive one",
homogeneous, so strict inequalities may be written with margin 1 and the
system is decided by the exact simplex (:func:`gametheory.exact.exact_lp`);
its solution, scaled to integers, is the witness reported.  The weights,
with :math:`\eta = \log \xi`, form the linear system
:math:`\sum_{a \in y} \eta(a) - \sum_{a \in x} \eta(a) = \log r_{xy}`, one
equation per pair of believed nodes of a set, :math:`r_{xy}` the rational
ratio :math:`\mu(y)\,\xi^+(x) / (\mu(x)\,\xi^+(y))` of the beliefs over
the positive-probability parts of the paths.  Its matrix is integer, so it is
solvable exactly when every integer vector :math:`w` of a basis of its left
null space (:math:`w^\top A = 0`) has :math:`\prod r^{w} = 1` -- a test in
Fractions.  On the path of play both conditions reduce to Bayes' rule.

**Finding sequential equilibria** (:func:`sequential_equilibria`).  Every
*pure* behaviour profile is tried (the count is checked with
:func:`gametheory.cost.check_cost`).  Information sets reached with
positive probability get Bayes' beliefs.  The profile is in scope when each
player has at most one information set of two or more nodes that the
profile does not reach, of two nodes; its belief there is one number
:math:`m = \mu(x_1)`.  Her gain at that set is the maximum over her pure
continuation plans of a linear function of :math:`m` minus a linear
function, so the beliefs that make her choice optimal form an exact closed
interval.  Consistency is decided for each pattern of supports (:math:`m =
1`, :math:`m = 0`, :math:`0 < m < 1`) of the off-path sets together: the
order system as above, and for the interior patterns the weight equations of
those sets must be linearly independent (then every interior belief is
consistent; otherwise the pattern is reported as not handled).  Each
feasible pattern gives a family: the pure profile and, per off-path set, an
exact belief interval.  Equilibria in which a player mixes are not searched,
so the list is never claimed complete.

References
----------
D. M. Kreps and R. Wilson, "Sequential equilibria", *Econometrica* 50
(1982) 863-894 (the definition; Lemma A1, the characterisation of
consistency by labellings).

E. Kohlberg and P. J. Reny, "Independence on relative probability spaces
and consistent assessments in game trees", *Journal of Economic Theory* 75
(1997) 280-313.

A. Perea y Monsuwé, M. Jansen and H. Peters, "Characterization of consistent
assessments in extensive form games", *Games and Economic Behavior* 21
(1997) 238-252.

R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55
(the horse).

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 8.3.

Examples
--------
Selten's horse: player 1 plays C, player 2 plays c, player 3 (who cannot
tell D from C then d) plays R, which is optimal when she believes D at most
1/3 likely.

>>> from gametheory.tree import tree_from_dict
>>> horse = tree_from_dict(["1", "2", "3"], {"player": "1", "actions": {
...     "D": {"player": "3", "infoset": "3", "label": "after D", "actions": {"L": [3, 3, 2], "R": [0, 0, 0]}},
...     "C": {"player": "2", "actions": {"c": [1, 1, 1], "d": {"player": "3", "infoset": "3",
...           "label": "after Cd", "actions": {"L": [4, 4, 0], "R": [0, 0, 1]}}}}}})
>>> play = {"1": {"1": "C"}, "2": {"C": "c"}, "3": {"3": "R"}}
>>> check = check_assessment(horse, play, {"3": {"after D": "1/3", "after Cd": "2/3"}})
>>> check.sequentially_rational, check.consistent
(True, True)
>>> check_assessment(horse, play, {"3": {"after D": "1/2", "after Cd": "1/2"}}).sequentially_rational
False
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from types import MappingProxyType
from typing import Any

import numpy as np

from ..cost import check_cost
from ..errors import InputError, LabelError
from ..game_text import mix_text
from ..numbers import format_number, to_exact, to_float
from ..result import json_number
from .behavior import PROBABILITY_TOLERANCE, BehaviorProfile
from .game import Tree

__all__ = ["AssessmentCheck", "check_assessment", "SequentialFamily", "SequentialResult", "sequential_equilibria",
           "parse_beliefs"]

# A zero action: (information set, action index).
_Action = tuple[int, int]


# ---------------------------------------------------------------------- names of nodes and sets
def _node_names(tree: Tree, k: int) -> list[str]:
    """How the nodes of set ``k`` are named in output: a name :func:`_node_lookup` maps back to the node.

    Its label when unique in the set; else the first action on its path that
    is on no other node's path in the set (the type chance drew, say); else
    its number.
    """
    nodes = tree.infoset_nodes(k)
    lookup = _node_lookup(tree, k)
    out = []
    for j, v in enumerate(nodes):
        candidates = [tree.node_label(v)] + [a for _, a in tree.path(v)]
        out.append(next((c for c in candidates if c and lookup.get(c) == j), str(v)))
    return out


def _node_lookup(tree: Tree, k: int) -> dict[str, int]:
    """Every name by which a node of set ``k`` may be given (position in the set).

    Its label, its number in the tree (preorder, root 0), and any action label
    on its path that lies on the path of no other node of the set (a type
    chosen by chance, say).
    """
    nodes = tree.infoset_nodes(k)
    names: dict[str, int] = {}
    counts: Counter[str] = Counter()
    paths = []
    for v in nodes:
        acts = {a for _, a in tree.path(v)}
        paths.append(acts)
        counts.update(acts)
    for j in range(len(nodes)):
        for a in paths[j]:
            if counts[a] == 1:
                names[a] = j
    for j, v in enumerate(nodes):
        lab = tree.node_label(v)
        if lab and [tree.node_label(u) for u in nodes].count(lab) == 1:
            names[lab] = j
    for j, v in enumerate(nodes):
        names[str(v)] = j
    return names


def _owner(tree: Tree, k: int) -> str:
    """The player of a player's (not chance's) information set ``k``."""
    return str(tree.infoset_player(k))


def _where(tree: Tree, k: int) -> str:
    return f"{tree.infoset_player(k)!r} at {tree.infoset_key(k)!r}"


# ---------------------------------------------------------------------- beliefs
def parse_beliefs(tree: Tree, beliefs: Mapping | None, exact: bool = True) -> dict[int, list | None]:
    """``{information set: [belief per node, in infoset_nodes order]}`` from the user's mapping (None: not given).

    ``beliefs`` is ``{information-set key: {node: p}}`` or
    ``{player: {information-set key: {node: p}}}`` (needed when two players
    have a set with the same key).  A node is named by its label, its
    number, or an action on its path that is on no other node's path in the
    set; nodes left out have belief 0.  Probabilities are numbers or
    rational strings; each set's must sum to 1.

    Raises
    ------
    InputError
        Unknown sets or nodes, negative beliefs, sums other than 1.
    """
    conv = to_exact if exact else to_float
    zero = Fraction(0) if exact else 0.0
    out: dict[int, list | None] = {k: None for k in range(tree.num_infosets) if tree.infoset_player(k) is not None}
    if beliefs is None:
        return out
    if not isinstance(beliefs, Mapping):
        raise InputError("beliefs are {information set: {node: probability}}", field="beliefs")
    nested = bool(beliefs) and all(
        p in tree.players and isinstance(v, Mapping) and all(isinstance(d, Mapping) for d in v.values())
        for p, v in beliefs.items())
    items: list[tuple[str | None, str, Any]] = []
    if nested:
        for p, sets in beliefs.items():
            items += [(p, str(key), d) for key, d in sets.items()]
    else:
        items = [(None, str(key), d) for key, d in beliefs.items()]
    for player, key, dist in items:
        if player is None:
            found = [k for k in out if tree.infoset_key(k) == key]
            if not found:
                keys = sorted({tree.infoset_key(k) for k in out})
                raise LabelError(f"no information set {key!r}; the players' sets are {keys}", field="beliefs")
            if len(found) > 1:
                raise InputError(f"information set {key!r} belongs to several players "
                                 f"({', '.join(str(tree.infoset_player(k)) for k in found)}); give beliefs as "
                                 "{player: {set: {node: p}}}", field="beliefs")
            k = found[0]
        else:
            k = tree.find_infoset(player, key)
        where = _where(tree, k)
        if out[k] is not None:
            raise InputError(f"beliefs at {where} are given twice", field="beliefs")
        if not isinstance(dist, Mapping):
            raise InputError(f"beliefs at {where} must map nodes to probabilities, got {dist!r}", field="beliefs")
        lookup = _node_lookup(tree, k)
        row = [zero] * len(tree.infoset_nodes(k))
        for name, p in dist.items():
            j = lookup.get(str(name))
            if j is None:
                raise LabelError(f"{where} has no node {name!r}; its nodes are {_node_names(tree, k)}",
                                 field="beliefs")
            row[j] = conv(p, field="beliefs")
        if any(p < 0 for p in row):
            raise InputError(f"a belief at {where} is negative", field="beliefs")
        total: Any = sum(row, zero)
        if (total != 1) if exact else abs(total - 1) > PROBABILITY_TOLERANCE:
            raise InputError(f"the beliefs at {where} sum to {total}, not 1", field="beliefs")
        out[k] = row
    return out


def _fill_beliefs(profile: BehaviorProfile, given: dict[int, list | None]) -> dict[int, list]:
    """Beliefs at every player's set: as given; else Bayes' rule where reached, 1 at a single node."""
    t = profile.tree
    reach = profile.realization_probabilities()
    full: dict[int, list] = {}
    for k, row in given.items():
        if row is not None:
            full[k] = row
            continue
        nodes = t.infoset_nodes(k)
        total = sum((reach[v] for v in nodes), reach[0] * 0)
        if len(nodes) == 1:
            full[k] = [reach[0] ** 0]
        elif total > 0:
            full[k] = [reach[v] / total for v in nodes]
        else:
            raise InputError(f"no beliefs at {_where(t, k)}: the play never reaches it, so Bayes' rule does not "
                             f"give them; its nodes are {_node_names(t, k)}", field="beliefs")
    return full


# ---------------------------------------------------------------------- sequential rationality
def _gain(profile: BehaviorProfile, k: int, mu: list) -> tuple[Any, str]:
    """The largest gain at set ``k`` under beliefs ``mu`` and a best action there (module docstring)."""
    t = profile.tree
    i = t.player_index(t.infoset_player(k))
    zero = Fraction(0) if profile.exact else 0.0
    vals = profile.node_values()
    w = profile.edge_probabilities()
    ptr, kids = t.child_offsets.tolist(), t.child_nodes.tolist()
    iset = t.node_infosets.tolist()
    owner = t.infoset_players.tolist()
    row = t.terminal_rows.tolist()
    col = [x[i] for x in t.payoffs.tolist()]
    current = sum((m * vals[v, i] for m, v in zip(mu, t.infoset_nodes(k)) if m), zero)
    bucket: dict[tuple[int, int], Any] = {}
    hang: dict[int, tuple[int, int]] = {}
    stack: list[tuple[int, Any, tuple[int, int]]] = []
    for m, v in zip(mu, t.infoset_nodes(k)):
        if m:
            stack += [(c, m, (k, a)) for a, c in enumerate(kids[ptr[v]:ptr[v + 1]])]
    while stack:
        v, r, pair = stack.pop()
        j = iset[v]
        if j < 0:
            bucket[pair] = bucket.get(pair, zero) + r * col[row[v]]
            continue
        if owner[j] == i:  # perfect recall: every node of j hangs below the same own pair
            hang[j] = pair
            stack += [(c, r, (j, a)) for a, c in enumerate(kids[ptr[v]:ptr[v + 1]])]
        else:
            stack += [(c, r * w[c], pair) for c in kids[ptr[v]:ptr[v + 1]] if w[c]]
    for j in sorted(hang, reverse=True):  # a set hanging below (J, b) has a larger number than J
        top = max(bucket.get((j, a), zero) for a in range(len(t.infoset_actions(j))))
        bucket[hang[j]] = bucket.get(hang[j], zero) + top
    options = [bucket.get((k, a), zero) for a in range(len(t.infoset_actions(k)))]
    best = max(options)
    return max(best - current, zero), t.infoset_actions(k)[options.index(best)]


# ---------------------------------------------------------------------- consistency
def _paths(profile: BehaviorProfile) -> tuple[list[Counter], list, list[bool]]:
    """Per node: the zero actions on its path (with multiplicity), the product of the positive probabilities,
    and whether it is possible at all (no chance move of probability 0 above it)."""
    t = profile.tree
    n = t.num_nodes
    par, inc, iset = t.parents.tolist(), t.incoming_actions.tolist(), t.node_infosets.tolist()
    owner = t.infoset_players.tolist()
    w = profile.edge_probabilities()
    zeros: list[Counter] = [Counter() for _ in range(n)]
    pos = list(w)
    possible = [True] * n
    for v in range(1, n):
        p = par[v]
        k = iset[p]
        zeros[v] = zeros[p]
        pos[v] = pos[p]
        possible[v] = possible[p]
        if w[v]:
            pos[v] = pos[p] * w[v]
        elif owner[k] < 0:
            possible[v] = False  # below a chance move of probability 0: no perturbation of the players reaches it
        else:
            zeros[v] = zeros[p] + Counter({(k, inc[v]): 1})
    return zeros, pos, possible


def _order_system(tree: Tree, zeros: list[Counter], supports: dict[int, tuple[list[int], list[int]]]
                  ) -> tuple[bool, dict[_Action, int]]:
    """Decide the Kreps-Wilson order system; a witness ``{zero action: K}`` in integers when it is solvable.

    ``supports[k] = (believed nodes, other possible nodes)`` of set ``k``.
    """
    from ..exact import exact_lp

    acts: list[_Action] = sorted({a for c in zeros for a in c})
    col = {a: j for j, a in enumerate(acts)}
    n = len(acts)

    def diff(x: int, y: int) -> list[int]:  # K(x) - K(y) as a row
        r = [0] * n
        for a, m in zeros[x].items():
            r[col[a]] += m
        for a, m in zeros[y].items():
            r[col[a]] -= m
        return r

    A_ub: list[list[int]] = [[-1 if j == i else 0 for j in range(n)] for i in range(n)]  # K(a) >= 1
    b_ub: list[int] = [-1] * n
    A_eq: list[list[int]] = []
    for believed, others in supports.values():
        x0 = believed[0]
        for y in believed[1:]:
            A_eq.append(diff(y, x0))
        for z in others:
            A_ub.append(diff(x0, z))  # K(x0) - K(z) <= -1
            b_ub.append(-1)
    # rows without variables are constants: decide them here (and keep the LP free of empty rows)
    if any(not any(r) and b < 0 for r, b in zip(A_ub, b_ub)) or any(any(r) for r in A_eq if n == 0):
        return False, {}
    A_ub2 = [r for r in A_ub if any(r)]
    b_ub2 = [b for r, b in zip(A_ub, b_ub) if any(r)]
    A_eq2 = [r for r in A_eq if any(r)]
    if n == 0:
        return True, {}
    sol = exact_lp([0] * n, A_ub=A_ub2, b_ub=b_ub2, A_eq=A_eq2, b_eq=[0] * len(A_eq2))
    if sol.status != "optimal":
        return False, {}
    den = lcm(*(Fraction(x).denominator for x in sol.x)) if sol.x else 1
    return True, {a: int(Fraction(x) * den) for a, x in zip(acts, sol.x)}


def _left_null_space(rows: list[list[int]]) -> list[list[int]]:
    """An integer basis of ``{w : w^T A = 0}`` for the integer matrix ``A`` given by its rows (Gauss-Jordan)."""
    m = len(rows)
    if m == 0:
        return []
    n = len(rows[0])
    aug = [[Fraction(x) for x in r] + [Fraction(int(i == j)) for j in range(m)] for i, r in enumerate(rows)]
    pivot_row = 0
    for c in range(n):
        piv = next((r for r in range(pivot_row, m) if aug[r][c] != 0), None)
        if piv is None:
            continue
        aug[pivot_row], aug[piv] = aug[piv], aug[pivot_row]
        for r in range(m):
            if r != pivot_row and aug[r][c] != 0:
                f = aug[r][c] / aug[pivot_row][c]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[pivot_row])]
        pivot_row += 1
    basis = []
    for r in range(pivot_row, m):
        w = aug[r][n:]
        den = lcm(*(x.denominator for x in w))
        basis.append([int(x * den) for x in w])
    return basis


def _weights_solvable(rows: list[list[int]], ratios: list, exact: bool) -> tuple[bool, list[int]]:
    """Is ``A eta = log r`` solvable?  ``(ok, rows of a violated null vector)`` (module docstring)."""
    for w in _left_null_space(rows):
        if exact:
            prod = Fraction(1)
            for wj, r in zip(w, ratios):
                if wj:
                    prod *= Fraction(r) ** wj
            bad = prod != 1
        else:
            s = sum(wj * float(np.log(float(r))) for wj, r in zip(w, ratios) if wj)
            bad = abs(s) > 1e-9 * max(1, sum(abs(x) for x in w))
        if bad:
            return False, [j for j, wj in enumerate(w) if wj]
    return True, []


def _weight_rows(tree: Tree, k: int, mu: list, zeros: list[Counter], pos: list, acts: dict[_Action, int]
                 ) -> list[tuple[list[int], Any]]:
    """The weight equations of set ``k``: ``(row over zero actions, ratio r)`` per believed node after the first."""
    nodes = tree.infoset_nodes(k)
    believed = [j for j, m in enumerate(mu) if m > 0]
    out = []
    x0 = nodes[believed[0]]
    for j in believed[1:]:
        y = nodes[j]
        r = [0] * len(acts)
        for a, m in zeros[y].items():
            r[acts[a]] += m
        for a, m in zeros[x0].items():
            r[acts[a]] -= m
        out.append((r, (mu[j] / mu[believed[0]]) * (pos[x0] / pos[y])))
    return out


def _consistency(profile: BehaviorProfile, beliefs: dict[int, list]) -> tuple[bool, list[str], dict[_Action, int]]:
    t = profile.tree
    zeros, pos, possible = _paths(profile)
    reasons: list[str] = []
    reach = profile.realization_probabilities()
    supports: dict[int, tuple[list[int], list[int]]] = {}
    for k, mu in beliefs.items():
        nodes = t.infoset_nodes(k)
        if not any(possible[v] for v in nodes):
            continue  # no perturbation of the players reaches the set: consistency says nothing there
        impossible = [nodes[j] for j, m in enumerate(mu) if m > 0 and not possible[nodes[j]]]
        if impossible:
            reasons.append(f"{_where(t, k)}: belief on node {impossible[0]}, which lies below a chance move of "
                           "probability 0")
            continue
        total = sum((reach[v] for v in nodes), reach[0] * 0)
        if total > 0:
            bayes = [reach[v] / total for v in nodes]
            off = any((m != b) if profile.exact else abs(m - b) > PROBABILITY_TOLERANCE for m, b in zip(mu, bayes))
            if off:
                reasons.append(f"{_where(t, k)}: the play reaches this set, so the beliefs must follow Bayes' rule: "
                               + ", ".join(f"{nm} {format_number(b)}" for nm, b in zip(_node_names(t, k), bayes)))
        if len(nodes) > 1 and any(possible[v] for v in nodes):
            supports[k] = ([v for v, m in zip(nodes, mu) if m > 0],
                           [v for v, m in zip(nodes, mu) if m == 0 and possible[v]])
    if reasons:
        return False, reasons, {}
    ok, witness = _order_system(t, zeros, supports)
    if not ok:
        believed = [f"{_where(t, k)} believes {[_node_names(t, k)[t.infoset_nodes(k).index(v)] for v in s[0]]}"
                    for k, s in supports.items()]
        return False, ["no ranking of the zero-probability actions by how fast they vanish (a Kreps-Wilson "
                       "labelling) makes exactly the believed nodes the likeliest at every set: "
                       + "; ".join(believed)], {}
    acts = {a: j for j, a in enumerate(sorted({a for c in zeros for a in c}))}
    rows, ratios, owners = [], [], []
    for k in supports:
        for r, q in _weight_rows(t, k, beliefs[k], zeros, pos, acts):
            rows.append(r)
            ratios.append(q)
            owners.append(k)
    solvable, bad = _weights_solvable(rows, ratios, profile.exact)
    if not solvable:
        sets = sorted({owners[j] for j in bad})
        return False, ["the belief ratios are not products of per-action odds of any fully mixed perturbation "
                       "(the Kreps-Wilson weight equations have no solution) at "
                       + ", ".join(_where(t, k) for k in sets)], {}
    return True, [], witness


# ---------------------------------------------------------------------- the check
@dataclass(frozen=True)
class AssessmentCheck:
    """Whether an assessment is a sequential equilibrium, with its certificates.

    Attributes
    ----------
    behavior : BehaviorProfile
    beliefs : mapping
        ``{player: {information-set key: {node: belief}}}`` used (given, or
        Bayes' rule where the play reaches the set, 1 at a single node).
    sequentially_rational : bool
        Every gain is 0 (exactly; within ``tol`` for floats).
    consistent : bool
        Kreps-Wilson consistent (module docstring).
    gains : mapping
        ``{player: {information-set key: largest gain there}}``.
    best_actions : mapping
        ``{player: {information-set key: an action of a best continuation}}``.
    labelling : mapping
        When consistent: ``{player: {key: {action: K}}}``, the integer order
        with which each zero-probability action vanishes in a perturbation
        that gives the beliefs (the witness); empty otherwise.
    reasons : tuple of str
        Why a condition fails.
    exact : bool
    tol : float
    """

    behavior: BehaviorProfile
    beliefs: Mapping[str, Mapping[str, Mapping[str, Any]]]
    sequentially_rational: bool
    consistent: bool
    gains: Mapping[str, Mapping[str, Any]]
    best_actions: Mapping[str, Mapping[str, str]]
    labelling: Mapping[str, Mapping[str, Mapping[str, int]]]
    reasons: tuple[str, ...] = ()
    exact: bool = True
    tol: float = 0.0

    @property
    def is_sequential_equilibrium(self) -> bool:
        return self.sequentially_rational and self.consistent

    @property
    def max_gain(self) -> Any:
        return max((g for sets in self.gains.values() for g in sets.values()), default=0)

    def to_json(self) -> dict:
        ex = self.exact
        t = self.behavior.tree
        doc: dict[str, Any] = {
            "game": {"title": t.title, "players": list(t.players), "kind": "tree"},
            "exact": ex, **({} if ex else {"tolerance": float(self.tol)}),
            "sequential_equilibrium": self.is_sequential_equilibrium,
            "sequentially_rational": self.sequentially_rational,
            "consistent": self.consistent,
            "behavior": {p: {k: {a: json_number(q, ex) for a, q in d.items()} for k, d in sets.items()}
                         for p, sets in self.behavior.as_dict().items()},
            # sets of one node carry the trivial belief 1: only the others are listed
            "beliefs": {p: {k: {v: json_number(q, ex) for v, q in d.items()} for k, d in sets.items() if len(d) > 1}
                        for p, sets in self.beliefs.items() if any(len(d) > 1 for d in sets.values())},
            "gains": {p: {k: json_number(g, ex) for k, g in sets.items()} for p, sets in self.gains.items()},
            "best_actions": {p: dict(sets) for p, sets in self.best_actions.items()},
            "labelling": {p: {k: dict(d) for k, d in sets.items()} for p, sets in self.labelling.items()},
            "reasons": list(self.reasons),
        }
        return doc

    def __str__(self) -> str:
        t = self.behavior.tree
        verdict = "a sequential equilibrium" if self.is_sequential_equilibrium else "not a sequential equilibrium"
        lines = [f"assessment: {verdict} ({'exact' if self.exact else 'float, tolerance ' + format_number(self.tol)})",
                 f"sequentially rational: {'yes' if self.sequentially_rational else 'no'}",
                 f"consistent (Kreps-Wilson): {'yes' if self.consistent else 'no'}", "information sets:"]
        for k, p in enumerate(t.infoset_players.tolist()):
            if p < 0:
                continue
            player, key = t.players[p], t.infoset_key(k)
            belief = self.beliefs[player][key]
            shown = "" if len(belief) == 1 else \
                " | beliefs " + ", ".join(f"{v} {format_number(q)}" for v, q in belief.items())
            g = self.gains[player][key]
            lines.append(f"  {player} at {key}: {mix_text(self.behavior.distribution(k))}{shown} | gain "
                         f"{format_number(g)}" + (f" (by {self.best_actions[player][key]})" if g else ""))
        if self.labelling and any(self.labelling.values()):
            orders = [f"{p} at {k}: {a} {o}" for p, sets in self.labelling.items() for k, d in sets.items()
                      for a, o in d.items()]
            lines.append("orders of the zero-probability actions (a perturbation n^-K giving the beliefs): "
                         + "; ".join(orders))
        if self.reasons:
            lines.append("reasons:")
            lines += [f"  - {r}" for r in self.reasons]
        return "\n".join(lines)


def _tolerance(tree: Tree) -> float:
    from ..profile import default_tolerance

    return 0.0 if tree.is_exact else float(default_tolerance(tree))


def check_assessment(tree: Tree, behavior: BehaviorProfile | Mapping, beliefs: Mapping | None = None, *,
                     exact: bool | None = None) -> AssessmentCheck:
    r"""Decide whether ``(behavior, beliefs)`` is a sequential equilibrium of ``tree``.

    Parameters
    ----------
    tree : Tree
        A numeric tree with perfect recall.
    behavior : BehaviorProfile or mapping
        ``{player: {information-set key: action or {action: p}}}`` as
        :class:`~gametheory.tree.behavior.BehaviorProfile` takes it.
    beliefs : mapping, optional
        ``{information-set key: {node: p}}`` or ``{player: {key: {node: p}}}``
        (see :func:`parse_beliefs`).  Sets of one node need none; a set the
        play reaches gets Bayes' rule when left out; a set it does not reach
        and that has two or more nodes must be given.
    exact : bool, optional
        Fractions (default for an exact tree) or floats.

    Returns
    -------
    AssessmentCheck

    Raises
    ------
    InputError
        A malformed profile or belief, or missing beliefs off the path.

    Examples
    --------
    In Selten's horse with player 2 playing d, player 3's set is reached
    (only after C then d), so Bayes' rule puts her belief there; a belief on
    the node after D (node 1) is inconsistent.

    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["1", "2", "3"], {"player": "1", "actions": {
    ...     "D": {"player": "3", "infoset": "3", "actions": {"L": [3, 3, 2], "R": [0, 0, 0]}},
    ...     "C": {"player": "2", "actions": {"c": [1, 1, 1], "d": {"player": "3", "infoset": "3",
    ...           "actions": {"L": [4, 4, 0], "R": [0, 0, 1]}}}}}})
    >>> res = check_assessment(t, {"1": {"1": "C"}, "2": {"C": "d"}, "3": {"3": "L"}}, {"3": {"1": 1}})
    >>> res.consistent, res.reasons[0].startswith("'3' at '3': the play reaches this set")
    (False, True)
    """
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    if isinstance(behavior, BehaviorProfile):
        profile = behavior
        if exact is not None and exact != profile.exact:
            profile = BehaviorProfile(profile.tree, profile.as_dict(), exact=exact)
    else:
        profile = BehaviorProfile(tree, behavior, exact=exact)
    t = profile.tree
    given = parse_beliefs(t, beliefs, profile.exact)
    full = _fill_beliefs(profile, given)
    tol = _tolerance(t)
    gains: dict[str, dict[str, Any]] = {p: {} for p in t.players}
    best: dict[str, dict[str, str]] = {p: {} for p in t.players}
    shown: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in t.players}
    reasons: list[str] = []
    for k in sorted(full):
        player, key = _owner(t, k), t.infoset_key(k)
        g, a = _gain(profile, k, full[k])
        gains[player][key] = g
        best[player][key] = a
        shown[player][key] = dict(zip(_node_names(t, k), full[k]))
        if g > tol:
            reasons.append(f"{_where(t, k)}: switching to {a!r} (and best play after) gains {format_number(g)} "
                           "given the beliefs")
    rational = not reasons
    consistent, why, witness = _consistency(profile, full)
    labelling: dict[str, dict[str, dict[str, int]]] = {p: {} for p in t.players}
    for (k, j), rank in witness.items():
        labelling[_owner(t, k)].setdefault(t.infoset_key(k), {})[t.infoset_actions(k)[j]] = rank
    frozen = MappingProxyType
    return AssessmentCheck(
        profile, frozen({p: frozen({k: frozen(d) for k, d in s.items()}) for p, s in shown.items()}), rational,
        consistent, frozen({p: frozen(s) for p, s in gains.items()}), frozen({p: frozen(s) for p, s in best.items()}),
        frozen({p: frozen({k: frozen(d) for k, d in s.items()}) for p, s in labelling.items()}),
        tuple(reasons + why), profile.exact, tol)


# ---------------------------------------------------------------------- finding sequential equilibria
# A piece of an off-path belief m = mu(first node): (lo, lo included, hi, hi included).
_Piece = tuple[Any, bool, Any, bool]


def _piece_text(piece: _Piece) -> str:
    lo, lo_in, hi, hi_in = piece
    if lo == hi:
        return format_number(lo)
    return f"{'[' if lo_in else '('}{format_number(lo)}, {format_number(hi)}{']' if hi_in else ')'}"


def _merge(a: _Piece, b: _Piece) -> _Piece | None:
    """The union of two pieces when it is one interval, else None."""
    if a[0] > b[0] or (a[0] == b[0] and b[1] and not a[1]):
        a, b = b, a
    if b[0] < a[2] or (b[0] == a[2] and (a[3] or b[1])):
        hi, hi_in = (a[2], a[3]) if (a[2] > b[2] or (a[2] == b[2] and a[3])) else (b[2], b[3])
        return (a[0], a[1], hi, hi_in)
    return None


def _plan_value(profile: BehaviorProfile, x: int, i: int, plan: Mapping[int, int]) -> Any:
    """Player ``i``'s expected payoff from node ``x`` following ``plan`` (set -> action), the others ``profile``."""
    t = profile.tree
    zero = Fraction(0) if profile.exact else 0.0
    w = profile.edge_probabilities()
    ptr, kids = t.child_offsets.tolist(), t.child_nodes.tolist()
    iset, owner, row = t.node_infosets.tolist(), t.infoset_players.tolist(), t.terminal_rows.tolist()
    total = zero
    stack: list[tuple[int, Any]] = [(x, 1)]
    while stack:
        v, r = stack.pop()
        k = iset[v]
        if k < 0:
            total += r * t.payoffs[row[v], i]
        elif owner[k] == i:
            stack.append((kids[ptr[v] + plan[k]], r))
        else:
            stack += [(c, r * w[c]) for c in kids[ptr[v]:ptr[v + 1]] if w[c]]
    return total


def _optimal_interval(profile: BehaviorProfile, k: int, tol: float) -> tuple[Any, Any] | None:
    """The closed interval of ``m = mu(first node of k)`` at which the profile's choice at ``k`` is optimal."""
    t = profile.tree
    i = t.player_index(t.infoset_player(k))
    x1, x2 = t.infoset_nodes(k)
    vals = profile.node_values()
    v1, v2 = vals[x1, i], vals[x2, i]
    mine = sorted({int(t.node_infosets[v]) for x in (x1, x2) for v in range(x, int(t.subtree_ends[x]))
                   if t.node_infosets[v] >= 0 and t.infoset_players[t.node_infosets[v]] == i})
    lo, hi = (Fraction(0), Fraction(1)) if profile.exact else (0.0, 1.0)
    margin: Any = Fraction(0) if profile.exact else tol  # keep exact arithmetic exact
    for choice in itertools.product(*(range(len(t.infoset_actions(j))) for j in mine)):
        plan = dict(zip(mine, choice))
        # m (g1 - v1) + (1 - m)(g2 - v2) <= tol  <=>  m * slope <= v2 - g2 + tol
        d1, d2 = _plan_value(profile, x1, i, plan) - v1, _plan_value(profile, x2, i, plan) - v2
        slope, rhs = d1 - d2, margin - d2
        if slope > 0:
            hi = min(hi, rhs / slope)
        elif slope < 0:
            lo = max(lo, rhs / slope)
        elif rhs < 0:
            return None
    return (lo, hi) if lo <= hi else None


@dataclass(frozen=True)
class SequentialFamily:
    """A family of sequential equilibria: one pure behaviour profile and exact belief intervals off the path.

    Attributes
    ----------
    behavior : BehaviorProfile
    beliefs : mapping
        ``{player: {information-set key: {node: p or (lo, hi)}}}`` at every
        set of two or more nodes (Bayes' rule where the play reaches it).
    belief_sets : mapping
        ``{player: {key: text}}`` for the off-path sets, with open and closed
        ends: ``"after D in [0, 1/3]"`` (the belief of the set's first node).
    payoffs : mapping
    representative : AssessmentCheck
        One member, checked (a sequential equilibrium; its gains are the certificate).
    """

    behavior: BehaviorProfile
    beliefs: Mapping[str, Mapping[str, Mapping[str, Any]]]
    belief_sets: Mapping[str, Mapping[str, str]]
    payoffs: Mapping[str, Any]
    representative: AssessmentCheck

    def to_json(self) -> dict:
        ex = self.behavior.exact

        def num(q):
            return [json_number(q[0], ex), json_number(q[1], ex)] if isinstance(q, tuple) else json_number(q, ex)

        return {
            "behavior": {p: {k: {a: json_number(q, ex) for a, q in d.items()} for k, d in sets.items()}
                         for p, sets in self.behavior.as_dict().items()},
            "beliefs": {p: {k: {v: num(q) for v, q in d.items()} for k, d in sets.items()}
                        for p, sets in self.beliefs.items() if sets},
            "belief_sets": {p: dict(s) for p, s in self.belief_sets.items() if s},
            "payoffs": {p: json_number(v, ex) for p, v in self.payoffs.items()},
            "certificate": json_number(self.representative.max_gain, ex),
            "path": [a for _, a in self.behavior.path()],
        }


@dataclass(frozen=True)
class SequentialResult:
    """What :func:`sequential_equilibria` found.

    Attributes
    ----------
    tree : Tree
    families : tuple of SequentialFamily
    complete : bool
        Always False: equilibria in which a player mixes are not searched.
    pure_complete : bool
        True when every pure behaviour profile was in scope, so every
        sequential equilibrium in pure behaviour strategies is listed.
    diagnostics : tuple of str
    exact : bool
    """

    tree: Tree
    families: tuple[SequentialFamily, ...]
    complete: bool
    pure_complete: bool
    diagnostics: tuple[str, ...] = ()
    exact: bool = True
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __len__(self) -> int:
        return len(self.families)

    def __iter__(self):
        return iter(self.families)

    def __getitem__(self, k):
        return self.families[k]

    def to_json(self) -> dict:
        return {"game": {"title": self.tree.title, "players": list(self.tree.players), "kind": "tree"},
                "method": "sequential", "exact": self.exact, "complete": self.complete,
                "pure_complete": self.pure_complete, "families": [f.to_json() for f in self.families],
                "diagnostics": list(self.diagnostics)}

    def __str__(self) -> str:
        n = len(self.families)
        lines = [f"sequential equilibria in pure behaviour strategies: {n} {'family' if n == 1 else 'families'} "
                 f"({'all of them' if self.pure_complete else 'others may exist'}; mixed ones are not searched)"]
        for n, fam in enumerate(self.families, 1):
            t = fam.behavior.tree
            acts = "; ".join(f"{t.infoset_player(k)} at {t.infoset_key(k)}: {mix_text(fam.behavior.distribution(k))}"
                             for k in range(t.num_infosets) if t.infoset_player(k) is not None)
            lines.append(f"  {n}. path: {' > '.join(a for _, a in fam.behavior.path()) or '(branches at the root)'}")
            lines.append(f"     behaviour: {acts}")
            sets = [f"{p} at {k}: {txt}" for p, s in fam.belief_sets.items() for k, txt in s.items()]
            if sets:
                lines.append("     off-path beliefs: " + "; ".join(sets))
            lines.append("     payoffs: " + ", ".join(f"{p} {format_number(v)}" for p, v in fam.payoffs.items()))
        if self.diagnostics:
            lines.append("diagnostics:")
            lines += [f"  - {d}" for d in self.diagnostics]
        return "\n".join(lines)


def sequential_equilibria(tree: Tree, *, max_cost=None, exact: bool | None = None) -> SequentialResult:
    r"""The sequential equilibria in pure behaviour strategies, as families with exact off-path belief intervals.

    In scope: profiles under which each player has at most one information
    set of two or more nodes that the play does not reach, of two nodes (see
    the module docstring for the method).  Profiles out of scope are counted
    in the diagnostics and ``pure_complete`` is then False.

    Parameters
    ----------
    tree : Tree
    max_cost : float, optional
        Limit on the estimated work (pure profiles times nodes), see
        :func:`gametheory.cost.check_cost`.
    exact : bool, optional

    Examples
    --------
    Selten's horse: (C, c, R) with player 3 believing D at most 1/3 likely.
    (D, c, L) is a Nash equilibrium but not sequential: player 2 would play d.

    >>> from gametheory.tree import tree_from_dict
    >>> horse = tree_from_dict(["1", "2", "3"], {"player": "1", "actions": {
    ...     "D": {"player": "3", "infoset": "3", "label": "after D", "actions": {"L": [3, 3, 2], "R": [0, 0, 0]}},
    ...     "C": {"player": "2", "actions": {"c": [1, 1, 1], "d": {"player": "3", "infoset": "3",
    ...           "label": "after Cd", "actions": {"L": [4, 4, 0], "R": [0, 0, 1]}}}}}})
    >>> res = sequential_equilibria(horse)
    >>> [(fam.behavior.path(), dict(fam.belief_sets["3"])) for fam in res]
    [(((0, 'C'), (4, 'c')), {'3': 'after D in [0, 1/3]'})]
    """
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    tree.require_numeric("sequential equilibria")
    ex = tree.is_exact if exact is None else exact
    t = tree.to_exact() if ex and not tree.is_exact else tree.to_float() if not ex and tree.is_exact else tree
    owner = t.infoset_players.tolist()
    sets = [k for k in range(t.num_infosets) if owner[k] >= 0]
    widths = [len(t.infoset_actions(k)) for k in sets]
    count = 1
    for wd in widths:
        count *= wd
    check_cost(count * max(1, t.num_nodes), max_cost, "sequential", f"{count} pure behaviour profiles x "
               f"{t.num_nodes} nodes")
    tol = _tolerance(t)
    families: list[SequentialFamily] = []
    diagnostics: list[str] = []
    out_of_scope = 0
    dependent = 0
    for choice in itertools.product(*(range(wd) for wd in widths)):
        actions = np.zeros(t.num_infosets, dtype=np.int64)
        actions[sets] = choice
        profile = BehaviorProfile.from_actions(t, actions, exact=ex)
        reach = profile.realization_probabilities()
        zeros, pos, possible = _paths(profile)
        off: list[int] = []
        scope = True
        for k in sets:
            nodes = [v for v in t.infoset_nodes(k) if possible[v]]
            if len(nodes) >= 2 and not any(reach[v] for v in nodes):
                off.append(k)
                scope = scope and len(t.infoset_nodes(k)) == 2
        players_off = [owner[k] for k in off]
        if not scope or len(players_off) != len(set(players_off)):
            out_of_scope += 1
            continue
        fixed: dict[int, list | None] = {k: None for k in sets if k not in off}
        for k in sets:
            if k in off:
                continue
            kn = t.infoset_nodes(k)
            if len(kn) > 1 and not any(reach[v] for v in kn):  # only one node possible
                alive = sum(possible[v] for v in kn)  # one possible node, or none (then any belief will do)
                fixed[k] = [(Fraction(int(possible[v]), alive) if alive else Fraction(1, len(kn))) if ex else
                            (float(possible[v]) / alive if alive else 1 / len(kn)) for v in kn]
        beliefs = _fill_beliefs(profile, fixed)
        if any(_gain(profile, k, beliefs[k])[0] > tol for k in beliefs):
            continue
        intervals = {k: _optimal_interval(profile, k, tol) for k in off}
        if any(iv is None for iv in intervals.values()):
            continue
        zero, one = (Fraction(0), Fraction(1)) if ex else (0.0, 1.0)
        options: list[list[tuple[str, _Piece]]] = []
        for k in off:
            lo, hi = intervals[k]  # type: ignore[misc]
            opts: list[tuple[str, _Piece]] = []
            if hi >= 1:
                opts.append(("first", (one, True, one, True)))
            if lo <= 0:
                opts.append(("second", (zero, True, zero, True)))
            if hi > 0 and lo < 1:
                opts.append(("both", (max(lo, zero), lo > 0, min(hi, one), hi < 1)))
            options.append(opts)
        acts_index = {a: j for j, a in enumerate(sorted({a for c in zeros for a in c}))}
        found: list[dict[int, _Piece]] = []
        for combo in itertools.product(*options):
            supports: dict[int, tuple[list[int], list[int]]] = {}
            for k, mu in beliefs.items():
                kn = t.infoset_nodes(k)
                if len(kn) > 1:
                    supports[k] = ([v for v, m in zip(kn, mu) if m > 0],
                                   [v for v, m in zip(kn, mu) if m == 0 and possible[v]])
            pieces: dict[int, _Piece] = {}
            rows: list[list[int]] = []
            for k, (kind, piece) in zip(off, combo):
                x1, x2 = t.infoset_nodes(k)
                supports[k] = {"first": ([x1], [x2]), "second": ([x2], [x1]), "both": ([x1, x2], [])}[kind]
                pieces[k] = piece
                if kind == "both":
                    (r, _), = _weight_rows(t, k, [one / 2, one / 2], zeros, pos, acts_index)
                    if any(r):
                        rows.append(r)
                    else:  # no zero action tells the nodes apart: their odds are fixed by the positive moves
                        m = pos[x1] / (pos[x1] + pos[x2])
                        if not (piece[0] < m < piece[2] or (m == piece[0] and piece[1])
                                or (m == piece[2] and piece[3])):
                            pieces[k] = None  # type: ignore[assignment]
                        else:
                            pieces[k] = (m, True, m, True)
            if any(p is None for p in pieces.values()):
                continue
            if _left_null_space(rows):
                dependent += 1
                continue
            if _order_system(t, zeros, supports)[0]:
                found.append(pieces)
        # merge the pieces of one set where the others agree
        changed = True
        while changed:
            changed = False
            for a, b in itertools.combinations(range(len(found)), 2):
                diff = [k for k in off if found[a][k] != found[b][k]]
                if len(diff) == 1:
                    u = _merge(found[a][diff[0]], found[b][diff[0]])
                    if u is not None:
                        found[a] = {**found[a], diff[0]: u}
                        del found[b]
                        changed = True
                        break
        for pieces in found:
            families.append(_family(profile, beliefs, pieces))
    if out_of_scope:
        diagnostics.append(f"{out_of_scope} pure profiles were not examined: under them a player has two or more "
                           "off-path information sets of several nodes, or one of more than two nodes")
    if dependent:
        diagnostics.append(f"{dependent} patterns of interior off-path beliefs were not examined: their consistency "
                           "ties the beliefs of several sets together")
    diagnostics.append("only pure behaviour profiles are searched: sequential equilibria in which a player mixes "
                       "are not listed")
    return SequentialResult(t, tuple(families), False, not (out_of_scope or dependent), tuple(diagnostics), ex)


def _family(profile: BehaviorProfile, beliefs: dict[int, list], pieces: dict[int, _Piece]) -> SequentialFamily:
    """Build and check one family: a representative member must be a sequential equilibrium."""
    from ..errors import GameTheoryError

    t = profile.tree
    rep: dict[int, list] = dict(beliefs)
    shown: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in t.players}
    texts: dict[str, dict[str, str]] = {p: {} for p in t.players}
    for k, mu in beliefs.items():
        if len(mu) > 1 and k not in pieces:
            shown[_owner(t, k)][t.infoset_key(k)] = dict(zip(_node_names(t, k), mu))
    for k, (lo, lo_in, hi, hi_in) in pieces.items():
        names = _node_names(t, k)
        m = lo if lo == hi else (lo + hi) / 2
        rep[k] = [m, 1 - m]
        player, key = _owner(t, k), t.infoset_key(k)
        shown[player][key] = {names[0]: lo, names[1]: 1 - lo} if lo == hi else \
            {names[0]: (lo, hi), names[1]: (1 - hi, 1 - lo)}
        texts[player][key] = f"{names[0]} in {_piece_text((lo, lo_in, hi, hi_in))}" if lo != hi else \
            f"{names[0]} {format_number(lo)}"
    given: dict[str, dict[str, dict[str, Any]]] = {_owner(t, k): {} for k in rep}
    for k, mu in rep.items():
        given[_owner(t, k)][t.infoset_key(k)] = dict(zip(map(str, t.infoset_nodes(k)), mu))
    check = check_assessment(t, profile, given, exact=profile.exact)
    if not check.is_sequential_equilibrium:
        raise GameTheoryError(f"internal error: a sequential-equilibrium family's representative fails: "
                              f"{'; '.join(check.reasons)}")
    frozen = MappingProxyType
    return SequentialFamily(profile, frozen({p: frozen(s) for p, s in shown.items()}),
                            frozen({p: frozen(s) for p, s in texts.items()}), frozen(profile.payoffs()), check)
