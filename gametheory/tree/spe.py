r"""Subgame-perfect equilibria: backward induction listing every tie, and subgame decomposition.

**Perfect information** (every information set a single node).  Backward
induction (Kuhn 1953; Selten 1965) gives each node :math:`h` of player
:math:`i` the actions :math:`a` maximising :math:`V_i(ha)`, where :math:`V`
is the value of the continuation, and chance nodes the expectation
:math:`\sum_a p(a) V(ha)`.  The pure subgame-perfect equilibria are exactly
the pure profiles choosing a maximiser at every decision node given the
profile's own continuation values (the one-deviation property, Osborne and
Rubinstein 1994, Lemma 98.2); when a maximum is attained twice the list
branches, and the branches may give different values above.  The solver

1. runs one bottom-up pass, level by level with NumPy over the preorder
   arrays (exact payoffs are scaled to int64 per player where they fit and
   the tree has no chance move; Fractions node by node otherwise), taking the
   first maximiser and counting maximisers;
2. if no node has two, the equilibrium is unique and is returned;
3. otherwise marks the tied nodes and their ancestors, bounds the number of
   equilibria there (a child can be chosen only if its largest possible value
   for the mover reaches the others' smallest), checks that bound with
   :func:`gametheory.cost.check_cost`, then lists for each marked node, bottom
   up, every (continuation value, choice) pair, and expands each equilibrium
   at the root top down.

Mixing among tied actions keeps the mover indifferent, so behaviour-strategy
subgame-perfect equilibria form continua through the pure ones wherever the
mixture leaves every earlier choice optimal; the diagnostics name those nodes.

**Imperfect information.**  The proper subgames (Selten 1965;
:meth:`Tree.subgame_roots <gametheory.tree.Tree.subgame_roots>`) are solved
bottom up.  The *region* of a subgame root is its subtree without the
subtrees of the subgame roots nested in it, which become leaves worth the
payoffs of one equilibrium chosen for each.  For each combination of the
nested subgames' equilibria, the region's reduced normal form
(:func:`~gametheory.tree.to_normal_form`) is solved with the normal-form
engine: all extreme equilibria by vertex enumeration for two players
(``enumerate``), the isolated equilibria by ``enumpoly`` for more, the pure
optimal plans when only one player moves; each is mapped to behaviour
strategies by Kuhn's theorem (:func:`~gametheory.tree.behavior.behavior_from_mixed`).
A subgame-perfect equilibrium is an equilibrium of every subgame, and
replacing a subgame by the payoffs of the equilibrium played there keeps the
others' equilibria (Selten 1965), so the combinations listed at the root are
subgame perfect, and every subgame-perfect equilibrium whose restriction to
each region is an extreme (two players) or isolated (more) equilibrium of that
region's reduced normal form is listed.  Regions of one node are solved
directly, as in backward induction.

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II*, Annals of Mathematics Studies 28
(1953) 193-216.

R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965) 301-324 and 667-689.

M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
chapter 6 (backward induction, Kuhn's theorem 99.2) and section 11.4.

Examples
--------
The ultimatum game with offers 0..2 of a pie of 2: the responder is
indifferent at offer 0, so there are two subgame-perfect equilibria.

>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Proposer", "Responder"])
>>> t = b.build(b.decision("Proposer", {f"Offer {x}": b.decision("Responder", {
...     "Accept": b.payoff(2 - x, x), "Reject": b.payoff(0, 0)}) for x in range(3)}))
>>> res = solve_spe(t)
>>> [[a for _, a in eq.path] for eq in res], res.complete
([['Offer 0', 'Accept'], ['Offer 1', 'Accept']], True)
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..cost import check_cost
from ..errors import InputError
from ..game_text import plural
from ..numbers import format_number
from ..profile import default_tolerance
from .behavior import BehaviorProfile, _integer_payoffs, _levels, behavior_from_mixed
from .game import Infoset, Tree
from .normal_form import to_normal_form
from .result import TreeEquilibrium, TreeSolveResult

__all__ = ["solve_spe", "backward_induction", "count_estimate"]

#: Tied nodes named in a diagnostic before "and N more".
_NAMED = 8


def _numeric_tree(tree: Tree, exact: bool | None) -> Tree:
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    tree.require_numeric("method 'spe'")
    if exact is True:
        return tree.to_exact()
    if exact is False:
        return tree.to_float()
    return tree


def _chance_probabilities(tree: Tree, k: int) -> tuple:
    probs = tree.infoset(k).probabilities
    assert probs is not None, "a chance set has probabilities"  # Tree checks it when built
    return probs


def _node_name(tree: Tree, v: int) -> str:
    lab = tree.node_label(v)
    k = int(tree.node_infosets[v])
    who = tree.player(v) or "chance"
    base = f"node {v} ({lab!r})" if lab else f"node {v}"
    return f"{base}, {who} at {tree.infoset_key(k)!r}" if k >= 0 else base


# ---------------------------------------------------------------------- perfect information: the first pass
def _first_pass(tree: Tree, tol: float) -> tuple[list | np.ndarray, np.ndarray, np.ndarray]:
    """``(values, first maximiser, number of maximisers)`` per node, bottom up.

    Values are an int64 array (exact payoffs scaled per player, no chance
    move), a float array, or a list of Fraction rows.
    """
    n, N = tree.num_nodes, tree.num_players
    kinds = tree.node_kinds
    levels = _levels(tree)
    has_chance = bool(np.any(kinds == 2))
    pay: np.ndarray | None
    if tree.is_exact:
        pay = None if has_chance else _integer_payoffs(tree)
    else:
        pay = np.asarray(tree.payoffs, dtype=float)
    choice = np.zeros(n, dtype=np.int64)
    ntie = np.ones(n, dtype=np.int64)
    if pay is not None and levels is not None:
        V = np.zeros((n, N), dtype=pay.dtype)
        V[tree.terminals] = pay
        mover = tree.node_players
        w = None
        if has_chance:
            w = np.ones(n)
            chance_kids = np.flatnonzero(kinds[np.maximum(tree.parents, 0)] == 2)
            chance_kids = chance_kids[chance_kids > 0]
            for c in chance_kids.tolist():
                p = int(tree.parents[c])
                w[c] = float(_chance_probabilities(tree, int(tree.node_infosets[p]))[int(tree.incoming_actions[c])])
        for P, C, starts in levels:
            cnt = np.diff(np.append(starts, len(C)))
            seg = np.repeat(np.arange(len(P)), cnt)
            m = mover[P]
            mv = V[C, np.maximum(m, 0)[seg]]
            mx = np.maximum.reduceat(mv, starts)
            opt = mv >= mx[seg] - tol if tol else mv == mx[seg]
            local = np.arange(len(C)) - starts[seg]
            first = np.minimum.reduceat(np.where(opt, local, len(C)), starts)
            best = V[C[starts + first]]
            dec = m >= 0
            if w is not None and not np.all(dec):
                exp = np.add.reduceat(w[C, None] * V[C], starts, axis=0)
                best = np.where(dec[:, None], best, exp)
            V[P] = best
            choice[P] = np.where(dec, first, 0)
            ntie[P] = np.where(dec, np.add.reduceat(opt.astype(np.int64), starts), 1)
        return V, choice, ntie
    # node by node: Fractions (or a deep tree)
    zero = Fraction(0) if tree.is_exact else 0.0
    vals: list = [None] * n
    rows = (pay if pay is not None else tree.payoffs).tolist()
    for r, z in enumerate(tree.terminals.tolist()):
        vals[z] = rows[r]
    ptr, kids = tree.child_offsets.tolist(), tree.child_nodes.tolist()
    movers = tree.node_players.tolist()
    iset = tree.node_infosets.tolist()
    probs = {k: _chance_probabilities(tree, k) for k in tree.infosets(None)}
    ch, nt = choice.tolist(), ntie.tolist()
    for v in range(n - 1, -1, -1):
        if vals[v] is not None:
            continue
        cs = kids[ptr[v]:ptr[v + 1]]
        i = movers[v]
        if i < 0:
            ps = probs[iset[v]]
            acc = [zero] * N
            for p, c in zip(ps, cs):
                if p:
                    acc = [x + p * y for x, y in zip(acc, vals[c])]
            vals[v] = acc
            continue
        own = [vals[c][i] for c in cs]
        mx = max(own)
        opt = [a for a, x in enumerate(own) if (x >= mx - tol if tol else x == mx)]
        ch[v] = opt[0]
        nt[v] = len(opt)
        vals[v] = vals[cs[opt[0]]]
    return vals, np.asarray(ch, dtype=np.int64), np.asarray(nt, dtype=np.int64)


def _row(V, v: int) -> tuple:
    return tuple(V[v].tolist()) if isinstance(V, np.ndarray) else tuple(V[v])


def count_estimate(tree: Tree, exact: bool | None = None) -> int:
    """An upper bound on the number of pure subgame-perfect equilibria of a perfect-information tree.

    Computed as :func:`backward_induction` does before listing them (exact
    for trees without ties: 1).

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"])
    >>> t = b.build(b.decision("A", {"x": b.decision("B", {"l": b.payoff(1, 0), "r": b.payoff(0, 0)}),
    ...                              "y": b.payoff(0, 1)}))
    >>> count_estimate(t), len(solve_spe(t))   # B's tie makes A's tie possible: 2 x 2 bounds the 3
    (4, 3)
    """
    tree = _numeric_tree(tree, exact)
    _require_perfect(tree)
    tol = default_tolerance(tree)
    V, choice, ntie = _first_pass(tree, tol)
    return _bound(tree, V, ntie, tol)[0]


def _require_perfect(tree: Tree) -> None:
    if not tree.is_perfect_information:
        raise InputError("backward induction needs a tree of perfect information (every information set one node); "
                         "use solve_spe, which decomposes into subgames", field="tree")


def _marked(tree: Tree, ntie: np.ndarray) -> list[int]:
    """The tied decision nodes and their ancestors, in preorder."""
    par = tree.parents.tolist()
    mark = bytearray(tree.num_nodes)
    for v in np.flatnonzero(ntie > 1).tolist():
        while v >= 0 and not mark[v]:
            mark[v] = 1
            v = par[v]
    return [v for v in range(tree.num_nodes) if mark[v]]


def _bound(tree: Tree, V, ntie: np.ndarray, tol: float) -> tuple[int, int, list[int]]:
    """``(bound on the equilibria, bound on the listing work, marked nodes)``."""
    marked = _marked(tree, ntie)
    if not marked:
        return 1, 0, marked
    ptr, kids = tree.child_offsets.tolist(), tree.child_nodes.tolist()
    movers = tree.node_players.tolist()
    iset = tree.node_infosets.tolist()
    probs = {k: _chance_probabilities(tree, k) for k in tree.infosets(None)}
    count: dict[int, int] = {}
    lo: dict[int, tuple] = {}
    hi: dict[int, tuple] = {}
    work = 0
    for v in reversed(marked):
        cs = kids[ptr[v]:ptr[v + 1]]
        cl = [lo[c] if c in lo else _row(V, c) for c in cs]
        ch = [hi[c] if c in hi else _row(V, c) for c in cs]
        prod = 1
        for c in cs:
            prod *= count.get(c, 1)
        i = movers[v]
        if i < 0:
            ps = probs[iset[v]]
            lo[v] = tuple(sum((p * x[j] for p, x in zip(ps, cl)), 0 * cl[0][j]) for j in range(len(cl[0])))
            hi[v] = tuple(sum((p * x[j] for p, x in zip(ps, ch)), 0 * ch[0][j]) for j in range(len(ch[0])))
            count[v] = prod
            work += prod * len(cs)
            continue
        floor = max(x[i] for x in cl)
        can = [a for a in range(len(cs)) if ch[a][i] >= floor - tol]
        lo[v] = tuple(min(cl[a][j] for a in can) for j in range(len(cl[0])))
        hi[v] = tuple(max(ch[a][j] for a in can) for j in range(len(ch[0])))
        count[v] = prod * len(can)
        work += prod * len(cs)
    return count[0], work, marked


def backward_induction(tree: Tree, exact: bool | None = None, *, max_cost=None) -> tuple[list[np.ndarray], list[str]]:
    """Every pure subgame-perfect equilibrium of a perfect-information tree, as action-index arrays.

    Parameters
    ----------
    tree : Tree
        Numeric, of perfect information.
    exact : bool, optional
        Fractions or floats (default: the tree's kind).  Float ties are
        payoff differences within :func:`gametheory.profile.default_tolerance`.
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) when the bound on
        the listing work (equilibria x information sets, plus the
        combinations examined at tied nodes) exceeds it.

    Returns
    -------
    list of ndarray, list of str
        One array per equilibrium, the action index at each information set
        (-1 at chance sets), in the order of the tie branches (first action
        first); and diagnostics naming the tied nodes.
    """
    tree = _numeric_tree(tree, exact)
    _require_perfect(tree)
    tol = default_tolerance(tree)
    V, choice, ntie = _first_pass(tree, tol)
    node_iset = tree.node_infosets
    dec = tree.node_kinds == 1
    base = np.full(tree.num_infosets, -1, dtype=np.int64)
    base[node_iset[dec]] = choice[dec]
    n_eq, work, marked = _bound(tree, V, ntie, tol)
    if not marked:
        return [base], []
    check_cost(n_eq * max(tree.num_infosets, 1) + work + tree.num_nodes, max_cost, "spe",
               f"at most {plural(n_eq, 'subgame-perfect equilibrium', 'subgame-perfect equilibria')} over "
               f"{plural(tree.num_infosets, 'information set', 'information sets')}")
    ptr, kids = tree.child_offsets.tolist(), tree.child_nodes.tolist()
    movers = tree.node_players.tolist()
    iset = node_iset.tolist()
    probs = {k: _chance_probabilities(tree, k) for k in tree.infosets(None)}
    is_marked = set(marked)
    # options[v]: (value row, action index or -1, option index chosen at each marked child)
    options: dict[int, list[tuple[tuple, int, tuple]]] = {}
    tied: dict[int, set[int]] = {}
    equivalent: dict[int, bool] = {}
    for v in reversed(marked):
        cs = kids[ptr[v]:ptr[v + 1]]
        lists = [options[c] if c in is_marked else [(_row(V, c), -1, ())] for c in cs]
        i = movers[v]
        out: list[tuple[tuple, int, tuple]] = []
        for combo in itertools.product(*(range(len(L)) for L in lists)):
            rows = [lists[a][j][0] for a, j in enumerate(combo)]
            if i < 0:
                ps = probs[iset[v]]
                val = tuple(sum((p * r[j] for p, r in zip(ps, rows)), 0 * rows[0][j]) for j in range(len(rows[0])))
                out.append((val, -1, combo))
                continue
            mx = max(r[i] for r in rows)
            opt = [a for a, r in enumerate(rows) if (r[i] >= mx - tol if tol else r[i] == mx)]
            if len(opt) > 1:
                tied.setdefault(v, set()).update(opt)
                same = all(_close(rows[a], rows[opt[0]], tol) for a in opt)
                equivalent[v] = equivalent.get(v, True) and same
            out.extend((rows[a], a, combo) for a in opt)
        options[v] = out
    result = []
    for opt0 in options[0]:
        acts = base.copy()
        stack = [(0, opt0)]
        while stack:
            v, (_, a, combo) = stack.pop()
            if a >= 0:
                acts[iset[v]] = a
            for c, j in zip(kids[ptr[v]:ptr[v + 1]], combo):
                if c in is_marked:
                    stack.append((c, options[c][j]))
        result.append(acts)
    return result, _tie_diagnostics(tree, tied, equivalent, tol)


def _close(x: tuple, y: tuple, tol: float) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(x, y)) if tol else x == y


def _tie_diagnostics(tree: Tree, tied: dict[int, set[int]], equivalent: dict[int, bool], tol: float) -> list[str]:
    if not tied:
        return []
    nodes = sorted(tied)

    def name(v: int) -> str:
        acts = tree.actions(v)
        return f"{_node_name(tree, v)} ({', '.join(acts[a] for a in sorted(tied[v]))})"

    listed = "; ".join(name(v) for v in nodes[:_NAMED]) + (f"; and {len(nodes) - _NAMED} more" if len(nodes) > _NAMED
                                                          else "")
    within = f" (payoffs within tolerance {format_number(tol)} count as equal)" if tol else ""
    out = [f"ties: at {plural(len(nodes), 'node', 'nodes')} the mover has several best actions in some "
           "subgame-perfect continuation"
           f"{within}, and each tie branches the list: {listed}",
           "continua: mixing among the tied actions keeps the mover indifferent, so behaviour-strategy "
           "subgame-perfect equilibria beyond the pure ones listed exist wherever the mixture leaves every earlier "
           "mover's choice optimal (the pure ones are the extreme points of these continua at each tie)"]
    same = [v for v in nodes if equivalent.get(v)]
    if same:
        out.append("at " + "; ".join(_node_name(tree, v) for v in same[:_NAMED])
                   + (f"; and {len(same) - _NAMED} more" if len(same) > _NAMED else "")
                   + " the tied actions give every player the same payoffs, so every mixture of them is subgame "
                   "perfect")
    return out


# ---------------------------------------------------------------------- imperfect information
def _regions(tree: Tree, roots: tuple[int, ...]) -> dict[int, tuple[list[int], list[int]]]:
    """Per subgame root: its region's nodes in preorder and the nested subgame roots met (leaves of the region)."""
    is_root = set(roots)
    ptr, kids = tree.child_offsets.tolist(), tree.child_nodes.tolist()
    out = {}
    for h in roots:
        nodes, nested = [], []
        stack = [h]
        while stack:
            v = stack.pop()
            if v != h and v in is_root:
                nested.append(v)
                nodes.append(v)
                continue
            nodes.append(v)
            stack.extend(reversed(kids[ptr[v]:ptr[v + 1]]))
        out[h] = (nodes, nested)
    return out


class _Region:
    """The region of one subgame root as a small Tree template whose nested subgames are leaves."""

    def __init__(self, tree: Tree, h: int, nodes: list[int], nested: list[int]):
        self.h = h
        self.nested = nested
        local = {v: j for j, v in enumerate(nodes)}
        nested_set = set(nested)
        self.local = local
        infosets: list[Infoset] = []
        iset_local: dict[int, int] = {}
        children: list[list[int]] = []
        node_isets: list[int] = []
        for v in nodes:
            k = int(tree.node_infosets[v])
            if k < 0 or v in nested_set:
                children.append([])
                node_isets.append(-1)
                continue
            if k not in iset_local:
                iset_local[k] = len(infosets)
                spec = tree.infoset(k)
                infosets.append(Infoset(spec.player, "", spec.actions, spec.probabilities))
            children.append([local[c] for c in tree.children(v)])
            node_isets.append(iset_local[k])
        self.global_isets = {j: k for k, j in iset_local.items()}
        self.structure = (infosets, children, node_isets)
        self.terminal_payoffs = {local[v]: tuple(tree.payoffs[int(tree.terminal_rows[v])].tolist())
                                 for v in nodes if int(tree.node_infosets[v]) < 0}
        self.players = tree.players
        self.kind = tree.kind
        self._plans: list | None = None

    def tree(self, nested_values: dict[int, tuple]) -> Tree:
        pay = dict(self.terminal_payoffs)
        for v, val in nested_values.items():
            pay[self.local[v]] = val
        infosets, children, node_isets = self.structure
        return Tree(self.players, infosets, children, node_isets, pay, kind=self.kind)


def _solve_region_nf(sub: Tree, exact: bool, max_cost) -> tuple[list[tuple[tuple, dict[int, tuple]]], bool, str]:
    """A region's reduced-normal-form equilibria as (values, {local set: behaviour row}), completeness, method."""
    from ..result import SolveResult
    from ..solvers.table import solve

    game = to_normal_form(sub, max_cost=max_cost)
    movers = [i for i, s in enumerate(game.strategies) if len(s) > 1]
    if len(movers) <= 1:
        method = "pure"  # one mover: the equilibria are her optimal plans, whose extreme points are pure
    elif sub.num_players == 2:
        method = "enumerate"
    else:
        method = "enumpoly"
    res = solve(game, method=method, exact=exact, max_cost=max_cost)
    assert isinstance(res, SolveResult)
    complete = True if method == "pure" else bool(res.complete)
    out = []
    seen = set()
    for eq in res.equilibria:
        beta = behavior_from_mixed(sub, [v.tolist() for v in eq.profile.vectors], exact)
        rows = {k: tuple(beta.distribution(k).values()) for k in range(sub.num_infosets)
                if int(sub.infoset_players[k]) >= 0}
        key = tuple(sorted(rows.items()))
        if key in seen:
            continue
        seen.add(key)
        out.append((tuple(beta.payoffs().values()), rows))
    return out, complete, method


def _assemble(regions: dict, options: dict) -> list[dict]:
    """Whole-tree tables from the options chosen bottom up: each root option with the nested options it used.

    ``options[h]`` lists ``(value, {information set: choice}, combo)`` for subgame root ``h``, ``combo``
    indexing one option of each subgame nested in its region (the order of ``regions[h][1]``).
    """
    profiles = []
    for top in options[0]:
        table: dict = {}
        stack = [(0, top)]
        while stack:
            h, (_, local, combo) = stack.pop()
            table.update(local)
            for c, j in zip(regions[h][1], combo):
                stack.append((c, options[c][j]))
        profiles.append(table)
    return profiles


def _spe_subgames(tree: Tree, max_cost) -> tuple[list[dict[int, tuple]], bool, list[str]]:
    exact = tree.is_exact
    tol = default_tolerance(tree)
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    roots = tree.subgame_roots()
    regions = _regions(tree, roots)
    options: dict[int, list[tuple[tuple, dict[int, tuple], tuple]]] = {}
    complete = True
    methods: set[str] = set()
    solved = 0
    for h in reversed(roots):
        nodes, nested = regions[h]
        combos_count = 1
        for c in nested:
            combos_count *= len(options[c])
        check_cost(combos_count * len(nodes), max_cost, "spe",
                   f"{combos_count} combinations of the equilibria of the subgames below node {h}")
        out: list[tuple[tuple, dict[int, tuple], tuple]] = []
        k_h = int(tree.node_infosets[h])
        if len(nodes) == 1 + len(tree.children(h)):
            # a region of one node: backward induction on the spot
            cs = tree.children(h)
            i = int(tree.node_players[h])
            nest_pos = {c: j for j, c in enumerate(nested)}
            for combo in itertools.product(*(range(len(options[c])) for c in nested)):
                vals = [options[c][combo[nest_pos[c]]][0] if c in nest_pos else
                        tuple(tree.payoffs[int(tree.terminal_rows[c])].tolist()) for c in cs]
                if i < 0:
                    ps = _chance_probabilities(tree, k_h)
                    val = tuple(sum((p * r[j] for p, r in zip(ps, vals)), zero) for j in range(tree.num_players))
                    out.append((val, {}, combo))
                    continue
                mx = max(r[i] for r in vals)
                for a, r in enumerate(vals):
                    if (r[i] >= mx - tol) if tol else r[i] == mx:
                        out.append((r, {k_h: tuple(one if b == a else zero for b in range(len(cs)))}, combo))
        else:
            region = _Region(tree, h, nodes, nested)
            for combo in itertools.product(*(range(len(options[c])) for c in nested)):
                sub = region.tree({c: options[c][j][0] for c, j in zip(nested, combo)})
                eqs, comp, method = _solve_region_nf(sub, exact, max_cost)
                solved += 1
                methods.add(method)
                complete = complete and comp
                for val, local_rows in eqs:
                    out.append((val, {region.global_isets[k]: r for k, r in local_rows.items()}, combo))
        options[h] = out
    n_eq = len(options[0])
    check_cost(n_eq * max(tree.num_infosets, 1), max_cost, "spe",
               f"{plural(n_eq, 'subgame-perfect equilibrium', 'subgame-perfect equilibria')} over "
               f"{plural(tree.num_infosets, 'information set', 'information sets')}")
    profiles = _assemble(regions, options)
    engines = {"enumerate": "all extreme equilibria by vertex enumeration (two players)",
               "enumpoly": "the isolated equilibria by enumpoly (more than two players)",
               "pure": "the optimal pure plans (one player moves)"}
    diag = [f"proper subgames: {len(roots)} (the whole game included), solved bottom up; "
            f"{plural(solved, 'reduced normal form', 'reduced normal forms')} of regions with imperfect information "
            "solved for "
            + ("; ".join(engines[m] for m in sorted(methods)) if methods else "none")]
    diag.append("complete in this sense: every subgame-perfect equilibrium whose play in each proper subgame, given "
                "the equilibria chosen in the subgames nested in it, is an extreme equilibrium of that subgame's "
                "reduced normal form (for two players; isolated for more; a pure optimal plan where one player "
                "moves), mapped to behaviour strategies by Kuhn's theorem; subgame-perfect equilibria built from "
                "non-extreme equilibria of a subgame (convex combinations within a maximal Nash subset) exist "
                "where a subgame has several equilibria and are not listed")
    if not complete:
        diag.append("an N-player subgame's equilibria may form a continuum that enumpoly does not list: "
                    "other subgame-perfect equilibria may exist")
    return profiles, complete, diag


# ---------------------------------------------------------------------- the method
def solve_spe(tree: Tree, exact: bool | None = None, *, max_cost=None) -> TreeSolveResult:
    """Subgame-perfect equilibria of a tree (method ``spe``).

    Perfect information: every pure subgame-perfect equilibrium by backward
    induction with tie branching (:func:`backward_induction`),
    ``complete=True``.  Otherwise: subgame decomposition with the normal-form
    engine (see the module docstring for what ``complete`` then means).

    Parameters
    ----------
    tree : Tree
        Numeric (substitute a symbolic tree's parameters first).
    exact : bool, optional
        Fractions or floats (default: the tree's kind).
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) before listing
        more than this estimated work (:mod:`gametheory.cost`).

    Returns
    -------
    TreeSolveResult
        Concept ``"subgame-perfect"``: every regret is the largest gain of a
        deviation in any subgame, zero exactly when exact.
    """
    tree = _numeric_tree(tree, exact)
    tol = default_tolerance(tree)
    if tree.is_perfect_information:
        arrays, diag = backward_induction(tree, max_cost=max_cost)
        eqs = [TreeEquilibrium.from_profile(BehaviorProfile.from_actions(tree, a), "subgame-perfect") for a in arrays]
        diag = [f"backward induction on a tree of perfect information ({tree.num_nodes} nodes): every pure "
                f"subgame-perfect equilibrium is listed ({len(eqs)})"] + diag
        return TreeSolveResult(tree, "spe", True, tree.is_exact, tol, tuple(eqs), "subgame-perfect", tuple(diag))
    tables, complete, diag = _spe_subgames(tree, max_cost)
    eqs = [TreeEquilibrium.from_profile(BehaviorProfile.from_table(tree, rows), "subgame-perfect") for rows in tables]
    return TreeSolveResult(tree, "spe", complete and bool(eqs), tree.is_exact, tol, tuple(eqs), "subgame-perfect",
                           tuple(diag))

