r"""The sequence form of a two-player tree: one Nash equilibrium by Lemke's algorithm, the zero-sum value by an LP.

Sequences.  With perfect recall, every node :math:`h` of player :math:`i`'s
information set :math:`I` has the same *sequence* :math:`\sigma_i(I)` of
:math:`i`'s own (information set, action) pairs from the root.  Player
:math:`i`'s sequences are the empty sequence :math:`\emptyset` and one
:math:`\sigma_i(I)a` per information set :math:`I` and action :math:`a`; there
are :math:`1 + \sum_I |A(I)|` of them, linear in the size of the tree, where
the reduced normal form can be exponential.

Realization plans.  A behaviour strategy :math:`\beta` gives each sequence the
product of its probabilities, :math:`x(\sigma) = \prod_{(I,a) \in \sigma}
\beta(a \mid I)`.  These :math:`x` are exactly the solutions of

.. math:: x(\emptyset) = 1, \qquad \sum_{a \in A(I)} x(\sigma_i(I) a) = x(\sigma_i(I)), \qquad x \ge 0,

written :math:`Ex = e`, :math:`x \ge 0` for player 1 (one row for
:math:`\emptyset` and one per information set) and :math:`Fy = f`,
:math:`y \ge 0` for player 2.  Conversely :math:`\beta(a \mid I) =
x(\sigma_i(I)a) / x(\sigma_i(I))` where the denominator is positive (Kuhn
1953; von Stengel 1996).

Payoffs.  A terminal node :math:`z` is reached exactly when both players play
their sequences :math:`\sigma_1(z), \sigma_2(z)` and chance its moves (product
:math:`c(z)`), so the expected payoffs are bilinear, :math:`x^\top A y` and
:math:`x^\top B y`, with

.. math:: A[s, t] = \sum_{z:\ \sigma_1(z) = s,\ \sigma_2(z) = t} c(z)\, u_1(z)

(and :math:`B` with :math:`u_2`): sparse matrices of the size of the tree,
exact (Fractions) when the tree is exact.

Best responses.  Against :math:`y`, player 1's best payoff is
:math:`\max \{ x^\top (Ay) : Ex = e, x \ge 0 \}`, an LP whose value is found
by dynamic programming over her information sets, deepest first:
:math:`V(I) = \max_a \big( (Ay)_{\sigma(I)a} + \sum_{J \text{ hanging at }
\sigma(I)a} V(J) \big)`, and the answer is :math:`(Ay)_\emptyset + \sum_{J
\text{ at the top}} V(J)` (:func:`best_response_value`).  The *Nash regret*
of a profile is this value minus the payoff, per player: zero for both
exactly when the profile is a Nash equilibrium.  It is the certificate of
:func:`sequence_form_solve`, computed from the returned behaviour strategies,
independently of the pivoting.

Lemke's algorithm (Koller, Megiddo and von Stengel 1996).  By LP duality,
:math:`(x, y)` is an equilibrium iff there are free :math:`p, q` with

.. math::
   w_x = E^\top p - A y \ge 0 \perp x \ge 0, \qquad
   w_y = F^\top q - B^\top x \ge 0 \perp y \ge 0, \qquad Ex = e, \quad Fy = f,

a linear complementarity problem (LCP).  Payoffs are first shifted to be
negative (a constant subtracted from every :math:`u_i(z)` changes every
profile's payoff by that constant).  It is solved by Lemke's complementary
pivoting with an extra variable :math:`z_0 \ge 0` added to the
:math:`w`-rows through a covering vector :math:`d`.  Here the path starts at a
pure profile :math:`(x^0, y^0)` choosing the first action at every
information set, with :math:`d` the indicator of the sequences outside it:
for :math:`z_0` large enough every other sequence looks that much worse, so
:math:`(x^0, y^0)` with the dual :math:`p, q` of its own sequences is a
solution; :math:`z_0` enters at the smallest such value, and each step brings
in the complement of the variable that left, until :math:`z_0` leaves (then
:math:`z_0 = 0` and the point solves the LCP).  The free :math:`p, q` are
pivoted into the basis first and their rows dropped, so the tableau has
:math:`n_1 + n_2` rows (the numbers of sequences).  Degenerate steps are
ordered by the *lexicographic* minimum ratio test on the columns of the
starting basis, so no basis repeats and the path is finite.  Exact trees
pivot on integer tableaux with Bareiss' fraction-free update (every division
exact), so the equilibrium is exact; float trees pivot in NumPy.  A path that
ends in a ray (not observed on the random trees of the tests; Lemke's method
guarantees no more in general) raises an error rather than returning a
non-equilibrium.

Unreached information sets.  Where a player's own plan gives her information
set probability 0, the realization plan says nothing; the behaviour there is
**uniform**.  The result is a Nash equilibrium of the whole game, not
necessarily subgame perfect (use method ``spe`` for that).

Zero-sum value (Koller, Megiddo and von Stengel 1994; von Stengel 1996).  In a
zero-sum tree (:math:`u_1 + u_2` constant over the terminal nodes) player 1's
security value is the LP

.. math:: \max_{x, q} f^\top q \quad\text{s.t.}\quad F^\top q \le A^\top x, \quad Ex = e, \quad x \ge 0,

(:math:`q` free) whose dual has player 2's optimal realization plan :math:`y`
as the multipliers of :math:`F^\top q \le A^\top x`.  :func:`sequence_form_value`
solves it exactly with :func:`gametheory.exact.exact_lp` (integer simplex,
duality checked exactly) or in floats with HiGHS, and certifies the answer by
the two best-response values: :math:`\min_{y'} x^\top A y' = v = \max_{x'}
x'^\top A y` (exactly, in exact mode).

References
----------
D. Koller, N. Megiddo and B. von Stengel, "Fast algorithms for finding
randomized strategies in game trees", *Proceedings of the 26th ACM Symposium
on Theory of Computing* (1994) 750-759.

D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
equilibria for extensive two-person games", *Games and Economic Behavior* 14
(1996) 247-259.

B. von Stengel, "Efficient computation of behavior strategies", *Games and
Economic Behavior* 14 (1996) 220-246.

B. von Stengel, A. van den Elzen and D. Talman, "Computing normal form perfect
equilibria for extensive two-person games", *Econometrica* 70 (2002) 693-715.

C. E. Lemke, "Bimatrix equilibrium points and mathematical programming",
*Management Science* 11 (1965) 681-689.

H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II* (1953) 193-216.

Examples
--------
Matching pennies as a tree: player 2 does not see player 1's coin.

>>> from gametheory.tree import TreeBuilder
>>> from gametheory.tree.sequence_form import sequence_form, sequence_form_solve, sequence_form_value
>>> b = TreeBuilder(["P1", "P2"])
>>> t = b.build(b.decision("P1", {
...     "H": b.decision("P2", {"h": b.payoff(1, -1), "t": b.payoff(-1, 1)}, infoset="guess"),
...     "T": b.decision("P2", {"h": b.payoff(-1, 1), "t": b.payoff(1, -1)}, infoset="guess")}))
>>> sf = sequence_form(t)
>>> sf.sizes
((3, 2), (3, 2))
>>> sf.E.tolist()
[[1, 0, 0], [-1, 1, 1]]
>>> res = sequence_form_solve(t)
>>> res[0].behavior.as_dict()
{'P1': {'1': {'H': Fraction(1, 2), 'T': Fraction(1, 2)}}, 'P2': {'guess': {'h': Fraction(1, 2), 't': Fraction(1, 2)}}}
>>> res[0].regret
mappingproxy({'P1': Fraction(0, 1), 'P2': Fraction(0, 1)})
>>> sequence_form_value(t).value
Fraction(0, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..cost import check_cost
from ..errors import InputError, UnsupportedGameError
from ..exact import exact_lp, integer_scaled
from .behavior import BehaviorProfile
from .game import Tree

if TYPE_CHECKING:
    from .result import TreeSolveResult

__all__ = [
    "SequenceForm",
    "sequence_form",
    "best_response_value",
    "SequenceFormValue",
    "sequence_form_solve",
    "sequence_form_value",
]

# ---------------------------------------------------------------------------- the sequence form
@dataclass(frozen=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player tree (see the module docstring).

    Attributes
    ----------
    tree : Tree
        The (numeric) tree.
    exact : bool
        Fractions (exact tree) or floats.
    sequences : tuple of two tuples
        Per player, sequence ``s`` is ``None`` (the empty sequence, ``s = 0``)
        or ``(information set, action index)``, its last pair.
    infosets : tuple of two tuples
        Per player, the information set of constraint row ``r + 1`` (row 0 is
        the empty sequence's).
    parents : tuple of two tuples
        Per player, the sequence leading to the information set of row ``r + 1``.
    constraints : tuple of two ndarray
        ``E`` and ``F`` (integers): ``E x = e`` with ``e = (1, 0, ..., 0)``.
    payoffs : tuple of two ndarray
        ``A`` and ``B``, both ``n1 x n2`` (object arrays of Fractions when exact).
    chance : ndarray
        ``C[s, t]``: the total chance probability of the terminal nodes at ``(s, t)``.
    """

    tree: Tree
    exact: bool
    sequences: tuple[tuple[tuple[int, int] | None, ...], tuple[tuple[int, int] | None, ...]]
    infosets: tuple[tuple[int, ...], tuple[int, ...]]
    parents: tuple[tuple[int, ...], tuple[int, ...]]
    constraints: tuple[np.ndarray, np.ndarray]
    payoffs: tuple[np.ndarray, np.ndarray]
    chance: np.ndarray
    _index: tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]] = field(repr=False)

    @property
    def E(self) -> np.ndarray:
        return self.constraints[0]

    @property
    def F(self) -> np.ndarray:
        return self.constraints[1]

    @property
    def A(self) -> np.ndarray:
        return self.payoffs[0]

    @property
    def B(self) -> np.ndarray:
        return self.payoffs[1]

    @property
    def sizes(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """``((sequences, constraint rows) of player 1, (same) of player 2)``."""
        return tuple((len(s), len(k) + 1) for s, k in zip(self.sequences, self.infosets))  # type: ignore[return-value]

    def sequence_index(self, player: int, infoset: int, action: int) -> int:
        """The index of the sequence ending with ``(infoset, action index)`` of ``player`` (0 or 1)."""
        return self._index[player][(infoset, action)]

    def sequence_label(self, player: int, s: int) -> str:
        """``"(empty)"`` or ``"key: action"`` for sequence ``s`` of ``player`` (its last pair)."""
        last = self.sequences[player][s]
        if last is None:
            return "(empty)"
        k, a = last
        return f"{self.tree.infoset_key(k)}: {self.tree.infoset_actions(k)[a]}"

    def realization_plan(self, player: int, behavior: BehaviorProfile) -> list:
        """The realization plan of ``player`` (0 or 1) under ``behavior``: products along each sequence."""
        one = Fraction(1) if behavior.exact else 1.0
        x = [one] * len(self.sequences[player])
        for r, k in enumerate(self.infosets[player]):  # a parent sequence's set comes earlier in preorder
            base = x[self.parents[player][r]]
            for a, p in enumerate(behavior.distribution(k).values()):
                x[self._index[player][(k, a)]] = base * p
        return x

    def behavior(self, plans: Sequence[Sequence]) -> BehaviorProfile:
        """Behaviour strategies ``x(sigma a) / x(sigma)`` from two realization plans; uniform where ``x(sigma) = 0``."""
        t = self.tree
        exact = self.exact
        probs: dict[str, dict[str, dict[str, Any]]] = {}
        for i in range(2):
            x = plans[i]
            out: dict[str, dict[str, Any]] = {}
            for r, k in enumerate(self.infosets[i]):
                acts = t.infoset_actions(k)
                base = x[self.parents[i][r]]
                vals = [x[self._index[i][(k, a)]] for a in range(len(acts))]
                if exact:
                    row = ([Fraction(v) / base for v in vals] if base > 0
                           else [Fraction(1, len(acts))] * len(acts))
                else:
                    total = float(sum(max(float(v), 0.0) for v in vals))
                    row = ([max(float(v), 0.0) / total for v in vals] if float(base) > 0 and total > 0
                           else [1.0 / len(acts)] * len(acts))
                out[t.infoset_key(k)] = dict(zip(acts, row))
            probs[t.players[i]] = out
        return BehaviorProfile(t, probs, exact=exact)


def sequence_form(tree: Tree, exact: bool | None = None) -> SequenceForm:
    """The sequence form of a two-player tree with perfect recall.

    Parameters
    ----------
    tree : Tree
        Two players, numeric (substitute a symbolic tree's parameters first).
    exact : bool, optional
        Fractions (default for an exact tree) or floats.

    Returns
    -------
    SequenceForm

    Raises
    ------
    UnsupportedGameError
        Not two players.
    """
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    if tree.num_players != 2:
        raise UnsupportedGameError(f"the sequence form is for two players; this tree has {tree.num_players}")
    tree.require_numeric("the sequence form")
    if exact is None:
        exact = tree.is_exact
    tree = tree.to_exact() if exact and not tree.is_exact else tree.to_float() if not exact and tree.is_exact else tree
    owner = tree.infoset_players.tolist()
    seqs: list[list[tuple[int, int] | None]] = [[None], [None]]
    index: list[dict[tuple[int, int], int]] = [{}, {}]
    rows: list[list[int]] = [[], []]
    for k, p in enumerate(owner):  # infosets in number order: a parent sequence's set comes first
        if p < 0:
            continue
        rows[p].append(k)
        for a in range(len(tree.infoset_actions(k))):
            index[p][(k, a)] = len(seqs[p])
            seqs[p].append((k, a))
    n1, n2 = len(seqs[0]), len(seqs[1])

    # one preorder pass: each node's last own sequence per player and chance weight
    n = tree.num_nodes
    par = tree.parents.tolist()
    inc = tree.incoming_actions.tolist()
    iset = tree.node_infosets.tolist()
    kinds = tree.node_kinds.tolist()
    one: Any = Fraction(1) if exact else 1.0
    weight: list = [one] * n
    last = [(0, 0)] * n
    chance_probs: dict[int, tuple] = {}
    for v in range(1, n):
        u = par[v]
        k = iset[u]
        if kinds[u] == 2:
            if k not in chance_probs:
                chance_probs[k] = tuple(tree.probabilities(u).values())
            weight[v] = weight[u] * chance_probs[k][inc[v]]
            last[v] = last[u]
        else:
            weight[v] = weight[u]
            s = index[owner[k]][(k, inc[v])]
            last[v] = (s, last[u][1]) if owner[k] == 0 else (last[u][0], s)
    parents: list[list[int]] = [[], []]
    for i in range(2):
        for k in rows[i]:
            parents[i].append(last[tree.infoset_nodes(k)[0]][i])

    dtype: Any = object if exact else float
    zero: Any = Fraction(0) if exact else 0.0
    A = np.full((n1, n2), zero, dtype=dtype)
    B = np.full((n1, n2), zero, dtype=dtype)
    C = np.full((n1, n2), zero, dtype=dtype)
    pay = tree.payoffs
    for r, z in enumerate(tree.terminals.tolist()):
        c = weight[z]
        if c == 0:
            continue
        s, t = last[z]
        A[s, t] += c * pay[r, 0]
        B[s, t] += c * pay[r, 1]
        C[s, t] += c
    cons = []
    for i in range(2):
        M = np.zeros((len(rows[i]) + 1, len(seqs[i])), dtype=np.int64)
        M[0, 0] = 1
        for r, k in enumerate(rows[i]):
            M[r + 1, parents[i][r]] = -1
            for a in range(len(tree.infoset_actions(k))):
                M[r + 1, index[i][(k, a)]] = 1
        M.setflags(write=False)
        cons.append(M)
    for arr in (A, B, C):
        arr.setflags(write=False)
    return SequenceForm(tree, bool(exact), (tuple(seqs[0]), tuple(seqs[1])), (tuple(rows[0]), tuple(rows[1])),
                        (tuple(parents[0]), tuple(parents[1])), (cons[0], cons[1]), (A, B), C,
                        (index[0], index[1]))


def _below(sf: SequenceForm, i: int) -> list[list[int]]:
    """Per sequence of player ``i``, the constraint rows (information sets) hanging at it."""
    out: list[list[int]] = [[] for _ in sf.sequences[i]]
    for r, s in enumerate(sf.parents[i]):
        out[s].append(r)
    return out


def best_response_value(sf: SequenceForm, player: int, payoff: Sequence, minimize: bool = False) -> tuple[Any, list]:
    r"""``max { x . payoff : x a realization plan of player }`` by dynamic programming, and a maximiser.

    ``payoff`` is one number per sequence of ``player`` (0 or 1): :math:`Ay`
    for player 1 against :math:`y`, :math:`B^\top x` for player 2.  With
    ``minimize`` the minimum instead.  Exact when the entries are Fractions.

    Returns
    -------
    (value, plan)
        The best value and a pure realization plan reaching it.
    """
    sign = -1 if minimize else 1
    below = _below(sf, player)
    seqs = sf.sequences[player]
    rows = sf.infosets[player]
    # a set hanging at sequence (k, a) has a larger number than k: deepest sets first
    best: list = [None] * len(rows)
    choice = [0] * len(rows)
    for r in range(len(rows) - 1, -1, -1):
        k = rows[r]
        vals = []
        a = 0
        while True:
            s = sf._index[player].get((k, a))
            if s is None:
                break
            vals.append(sign * payoff[s] + sum((best[j] for j in below[s]), 0 * payoff[s]))
            a += 1
        j = max(range(len(vals)), key=vals.__getitem__)
        best[r], choice[r] = vals[j], j
    total = sign * payoff[0] + sum((best[j] for j in below[0]), 0 * payoff[0])
    plan = [0] * len(seqs)
    plan[0] = 1
    for r, k in enumerate(rows):  # top down: the parent sequence's value is known
        if plan[sf.parents[player][r]]:
            plan[sf._index[player][(k, choice[r])]] = 1
    return sign * total, plan


def _payoffs_and_regret(sf: SequenceForm, x: Sequence, y: Sequence) -> tuple[list, list]:
    """Expected payoffs ``(x A y, x B y)`` and Nash regrets from the realization plans, by the DP."""
    A, B = sf.A, sf.B
    yv = np.asarray(y, dtype=A.dtype)
    xv = np.asarray(x, dtype=A.dtype)
    Ay = A.dot(yv)
    Bx = B.T.dot(xv)
    u1 = xv.dot(Ay)
    u2 = yv.dot(Bx)
    b1, _ = best_response_value(sf, 0, Ay.tolist())
    b2, _ = best_response_value(sf, 1, Bx.tolist())
    return [u1, u2], [b1 - u1, b2 - u2]


# ---------------------------------------------------------------------------- Lemke's algorithm
class _LemkeRay(ArithmeticError):
    pass


class _PivotCap(Exception):
    pass


def _lex_row(T: np.ndarray, rows: Sequence[int], e: int, lex_cols: Sequence[int], exact: bool, eps: float) -> int:
    """The lexicographic minimum ratio row of column ``e`` among ``rows`` (entries positive)."""
    if exact:
        cand = [i for i in rows if T[i, e] > 0]
    else:
        cand = [i for i in rows if T[i, e] > eps]
    if not cand:
        raise _LemkeRay
    for key in [-1, *lex_cols]:
        if len(cand) == 1:
            break
        if exact:
            best = cand[0]
            for i in cand[1:]:
                if T[i, key] * T[best, e] < T[best, key] * T[i, e]:
                    best = i
            cand = [i for i in cand if T[i, key] * T[best, e] == T[best, key] * T[i, e]]
        else:
            ratios = np.array([T[i, key] / T[i, e] for i in cand])
            low = ratios.min()
            keep = ratios <= low + eps * max(1.0, abs(low))
            cand = [i for i, k in zip(cand, keep) if k]
    return cand[0]


class _Tableau:
    """``det * B^-1 [M | b]``: integer (Bareiss, ``det > 0``) or float (``det = 1``)."""

    def __init__(self, T: np.ndarray, exact: bool):
        self.T = T
        self.exact = exact
        self.det: Any = 1 if exact else 1.0

    def pivot(self, r: int, e: int) -> None:
        T = self.T
        p = T[r, e]
        if self.exact:
            row = T[r].copy()
            col = T[:, e].copy()
            if abs(p) == self.det:
                # a unit pivot (the setup's are: E and F have entries 0 and +-1) leaves the rows without an
                # entry in column e unchanged up to sign: update only the others (the tableau is sparse)
                nz = [i for i in np.flatnonzero(col != 0).tolist() if i != r]
                sign = 1 if p > 0 else -1
                if nz:
                    T[nz] = sign * ((p * T[nz] - np.multiply.outer(col[nz], row)) // self.det)
                T[r] = sign * row
                return
            T = (p * T - np.multiply.outer(col, row)) // self.det
            T[r] = row
            if p < 0:  # keep the determinant positive, so signs of entries are signs of B^-1 entries
                T = -T
                p = -p
            self.T = T
            self.det = p
        else:
            row = T[r] / p
            T -= np.multiply.outer(T[:, e], row)
            T[r] = row


def _lemke(sf: SequenceForm, max_pivots: int, eps: float = 1e-10) -> tuple[list, list, int]:
    """Realization plans of one equilibrium by Lemke's algorithm (module docstring) and the pivots made."""
    exact = sf.exact
    E, F = sf.E, sf.F
    (m1, n1), (m2, n2) = E.shape, F.shape
    C = sf.chance
    # shift to negative payoffs: u - (max u + 1) at every terminal node; scale exact ones to integers
    shifted = []
    for i, M in enumerate(sf.payoffs):
        pay = sf.tree.payoffs[:, i]
        top = max(pay.tolist()) + 1
        S = M - top * C
        if exact:
            nums, _ = integer_scaled(S.reshape(-1).tolist())
            S = np.asarray(nums, dtype=object).reshape(S.shape)
        shifted.append(S)
    A, B = shifted
    N = n1 + n2
    # columns: x (n1), y (n2), w_x (n1), w_y (n2), p (m1), q (m2), z0, rhs; rows: w_x, w_y, E x = e, F y = f
    X, Y, W, P, Q = 0, n1, N, 2 * N, 2 * N + m1
    Z0 = 2 * N + m1 + m2
    width = Z0 + 2
    R = N + m1 + m2
    T = np.zeros((R, width), dtype=object if exact else float)
    T[:N, W:W + N] = np.eye(N, dtype=np.int64)
    # w_x = E^T p - A y + d z0  <=>  w_x - E^T p + A y - d z0 = 0
    T[:n1, P:P + m1] = -E.T
    T[:n1, Y:Y + n2] = A
    T[n1:N, Q:Q + m2] = -F.T
    T[n1:N, X:X + n1] = B.T
    T[N:N + m1, X:X + n1] = E
    T[N + m1:, Y:Y + n2] = F
    T[N, -1] = 1
    T[N + m1, -1] = 1
    if exact:  # Python ints throughout (NumPy's int64 would overflow in the Bareiss products)
        T = np.vectorize(int, otypes=[object])(T)
    # the starting pure profile: the first action at every information set (and the empty sequence)
    start = [[0] + [sf.sequence_index(i, k, 0) for k in sf.infosets[i]] for i in range(2)]
    for i, off in ((0, 0), (1, n1)):
        on = set(start[i])
        for s in range(len(sf.sequences[i])):
            if s not in on:
                T[off + s, Z0] = -1
    tab = _Tableau(T, exact)
    basis = list(range(W, W + N)) + [-1] * (m1 + m2)
    # bring in x and y of the starting plans on the constraint rows, then p and q on those plans' w-rows;
    # each pivot matrix is triangular in information-set order, so no pivot entry is zero
    for r, s in enumerate(start[0]):
        tab.pivot(N + r, X + s)
        basis[N + r] = X + s
    for r, s in enumerate(start[1]):
        tab.pivot(N + m1 + r, Y + s)
        basis[N + m1 + r] = Y + s
    for r, s in enumerate(start[0]):
        tab.pivot(s, P + r)
        basis[s] = P + r
    for r, s in enumerate(start[1]):
        tab.pivot(n1 + s, Q + r)
        basis[n1 + s] = Q + r
    # the free p, q never leave: drop their rows and columns (no other row depends on them)
    keep_rows = [i for i in range(R) if basis[i] < P]
    keep_cols = list(range(2 * N)) + [Z0, width - 1]
    T = tab.T[np.ix_(keep_rows, keep_cols)]
    tab.T = T
    basis = [basis[i] for i in keep_rows]
    z0 = 2 * N
    lex_cols = list(basis)  # the starting basis: its columns of B^-1 B0 order degenerate ties
    rows = list(range(N))
    pivots = 0
    rhs = tab.T[:, -1]
    if any(v < 0 for v in rhs):
        # z0 enters at the smallest value making every w non-negative: the most negative w leaves
        cand = [i for i in rows if tab.T[i, z0] < 0]
        keys = [-1, *lex_cols]
        r = cand[0]
        for i in cand[1:]:
            # rows compared lexicographically as (rhs, row of B^-1 B0) / |z0 entry|, cross-multiplied
            a = (tab.T[i, keys] * -tab.T[r, z0]).tolist()
            b = (tab.T[r, keys] * -tab.T[i, z0]).tolist()
            if a < b:
                r = i
        tab.pivot(r, z0)
        pivots += 1
        leaving, basis[r] = basis[r], z0
        while True:
            e = leaving + N if leaving < N else leaving - N  # the complement of the variable that left
            if pivots >= max_pivots:
                raise _PivotCap(pivots)
            r = _lex_row(tab.T, rows, e, lex_cols, exact, eps)
            tab.pivot(r, e)
            pivots += 1
            leaving, basis[r] = basis[r], e
            if leaving == z0:
                break
    T = tab.T
    zero: Any = Fraction(0) if exact else 0.0
    x = [zero] * n1
    y = [zero] * n2
    for i, var in enumerate(basis):
        val = Fraction(T[i, -1], tab.det) if exact else float(T[i, -1])
        if var < n1:
            x[var] = val
        elif var < N:
            y[var - n1] = val
    return x, y, pivots


# ---------------------------------------------------------------------------- the solver
def sequence_form_solve(tree: Tree, exact: bool | None = None, max_cost: Any = None,
                        max_pivots: int | None = None) -> TreeSolveResult:
    """One Nash equilibrium of a two-player tree by Lemke's algorithm on the sequence form.

    Parameters
    ----------
    tree : Tree
        Two players, perfect recall (checked when the tree was built), numeric.
    exact : bool, optional
        Integer pivoting and Fractions (default for an exact tree) or floats.
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) before pivoting
        when the estimate, ``n`` pivots of an ``n x 2n`` tableau (``n`` the
        number of sequences; twice for exact), exceeds it.
    max_pivots : int, optional
        Pivot cap, default ``50 n + 1000``; beyond it a CostLimitError.

    Returns
    -------
    TreeSolveResult
        Method ``sequence-form``, concept ``nash``, ``complete`` False: one
        equilibrium as behaviour strategies (uniform at information sets the
        player's own plan does not reach), with its payoffs and its Nash
        regret computed on the sequence form by :func:`best_response_value`
        (exactly 0 when exact).  The equilibrium is Nash, not necessarily
        subgame perfect.  ``extra`` has the number of pivots.

    Raises
    ------
    UnsupportedGameError
        Not two players.
    CostLimitError
        Estimated cost or pivot cap exceeded.
    ArithmeticError
        The path ended in a ray or the certificate failed (never expected).
    """
    from ..errors import CostLimitError
    from ..profile import default_tolerance
    from .result import TreeEquilibrium, TreeSolveResult

    sf = sequence_form(tree, exact)
    exact = sf.exact
    n = sum(len(s) for s in sf.sequences)
    width = 2 * n + 2
    check_cost(n * n * width * (2 if exact else 1) + tree.num_nodes, max_cost, "sequence-form",
               f"{n} sequences: about {n} pivots of a {n} x {width} tableau")
    if max_pivots is None:
        max_pivots = 50 * n + 1000
    try:
        x, y, pivots = _lemke(sf, max_pivots)
    except _PivotCap as cap:
        raise CostLimitError(f"method 'sequence-form': the Lemke path exceeded {cap.args[0]} pivots "
                             "(max_pivots); pass a larger max_pivots to go on") from None
    except _LemkeRay:
        raise ArithmeticError("internal error: the sequence-form Lemke path ended in a ray") from None
    behavior = sf.behavior((x, y))
    plans = (sf.realization_plan(0, behavior), sf.realization_plan(1, behavior))
    payoffs, regret = _payoffs_and_regret(sf, *plans)
    players = sf.tree.players
    if not exact:
        payoffs, regret = [float(v) for v in payoffs], [max(float(v), 0.0) for v in regret]
    eq = TreeEquilibrium(behavior, MappingProxyType(dict(zip(players, payoffs))),
                         MappingProxyType(dict(zip(players, regret))), behavior.path(),
                         MappingProxyType({"pivots": pivots}))
    n1, n2 = (len(s) for s in sf.sequences)
    diag = (f"Lemke's algorithm on the sequence form ({n1} + {n2} sequences): {pivots} pivots; one equilibrium, "
            "Nash (not necessarily subgame perfect; method spe gives subgame-perfect ones); uniform behaviour at "
            "information sets a player's own plan does not reach",)
    tol = 0 if exact else float(default_tolerance(sf.tree))
    return TreeSolveResult(sf.tree, "sequence-form", False, exact, tol, (eq,), "nash", diag, {"pivots": pivots})


# ---------------------------------------------------------------------------- zero-sum value
def _payoff_scale(tree: Tree) -> float:
    pay = np.asarray(tree.payoffs, dtype=float)
    return float(np.abs(pay).max()) if pay.size else 1.0


@dataclass(frozen=True)
class SequenceFormValue:
    """The value of a two-player zero-sum tree and optimal strategies, certified.

    Attributes
    ----------
    value : Fraction or float
        Player 1's value (player 2 gets the constant sum minus it).
    behavior : BehaviorProfile
        Optimal behaviour strategies of both players (uniform where unreached).
    plans : tuple of two tuples
        Their realization plans.
    guarantee, bound : Fraction or float
        ``min_y' x A y'`` (what player 1's plan guarantees) and ``max_x' x' A
        y`` (what player 2's plan concedes): ``guarantee <= value <= bound``
        always, equal exactly when exact (the certificate).
    exact : bool
    """

    value: Any
    behavior: BehaviorProfile
    plans: tuple[tuple, tuple]
    guarantee: Any
    bound: Any
    exact: bool

    @property
    def gap(self) -> Any:
        return self.bound - self.guarantee


def sequence_form_value(tree: Tree, exact: bool | None = None) -> SequenceFormValue:
    """The value of a two-player zero-sum (or constant-sum) tree by the sequence-form LP, with its certificate.

    Exact trees use :func:`gametheory.exact.exact_lp`; float trees HiGHS
    (``scipy.optimize.linprog``), player 2's plan being the LP's dual.

    Raises
    ------
    UnsupportedGameError
        Not two players, or the payoffs do not sum to a constant.
    ArithmeticError
        The certificate fails (never expected).

    Examples
    --------
    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["Max", "Min"])
    >>> t = b.build(b.decision("Max", {"L": b.payoff(3, -3), "R": b.decision("Min", {
    ...     "l": b.payoff(1, -1), "r": b.payoff(5, -5)})}))
    >>> v = sequence_form_value(t)
    >>> v.value, v.guarantee, v.bound
    (Fraction(3, 1), Fraction(3, 1), Fraction(3, 1))
    """
    sf = sequence_form(tree, exact)
    exact = sf.exact
    pay = sf.tree.payoffs
    sums = [a + b for a, b in pay.tolist()]
    if sums and (any(s != sums[0] for s in sums) if exact
                 else max(sums) - min(sums) > 1e-9 * max(1.0, _payoff_scale(sf.tree))):
        raise UnsupportedGameError("sequence_form_value needs a zero-sum (constant-sum) tree: u1 + u2 varies "
                                   "over the terminal nodes; use sequence_form_solve (method 'sequence-form') "
                                   "for an equilibrium")
    E, F, A = sf.E, sf.F, sf.A
    (m1, n1), (m2, n2) = E.shape, F.shape
    # variables x (n1), q+ (m2), q- (m2): max q_0 s.t. F^T q - A^T x <= 0, E x = e
    c = [0] * n1 + [1] + [0] * (m2 - 1) + [-1] + [0] * (m2 - 1)
    At = A.T
    Ft = F.T.tolist()
    A_ub = [[-v for v in At[j].tolist()] + Ft[j] + [-v for v in Ft[j]] for j in range(n2)]
    b_ub = [0] * n2
    A_eq = [E[r].tolist() + [0] * (2 * m2) for r in range(m1)]
    b_eq = [1] + [0] * (m1 - 1)
    if exact:
        sol = exact_lp(c, A_ub, b_ub, A_eq, b_eq)
        if sol.status != "optimal":
            raise ArithmeticError(f"internal error: the sequence-form LP is {sol.status}")
        x: list[Any] = list(sol.x[:n1])
        y: list[Any] = list(sol.duals_ub)
        value: Any = sol.value
    else:
        from scipy.optimize import linprog  # only the float path needs scipy

        res = linprog([-float(v) for v in c], A_ub=np.asarray(A_ub, dtype=float), b_ub=b_ub,
                      A_eq=np.asarray(A_eq, dtype=float), b_eq=b_eq,
                      bounds=[(0, None)] * (n1 + 2 * m2), method="highs")
        if res.status != 0:
            raise ArithmeticError(f"internal error: HiGHS failed on the sequence-form LP: {res.message}")
        x = [max(float(v), 0.0) for v in res.x[:n1]]
        y = [max(-float(v), 0.0) for v in res.ineqlin.marginals]
        value = -float(res.fun)
    behavior = sf.behavior((x, y))
    plans = (sf.realization_plan(0, behavior), sf.realization_plan(1, behavior))
    xv = np.asarray(plans[0], dtype=A.dtype)
    yv = np.asarray(plans[1], dtype=A.dtype)
    guarantee, _ = best_response_value(sf, 1, A.T.dot(xv).tolist(), minimize=True)
    bound, _ = best_response_value(sf, 0, A.dot(yv).tolist())
    if exact:
        ok = guarantee == value == bound
    else:
        ok = bound - guarantee <= 1e-7 * max(1.0, _payoff_scale(sf.tree))
    if not ok:
        raise ArithmeticError(f"internal error: sequence-form value {value} not certified "
                              f"(guarantee {guarantee}, bound {bound})")
    return SequenceFormValue(value, behavior, (tuple(plans[0]), tuple(plans[1])), guarantee, bound, exact)
