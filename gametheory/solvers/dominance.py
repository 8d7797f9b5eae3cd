r"""Iterated elimination of dominated strategies.

Dominance
---------
Write player :math:`i`'s payoffs as a matrix :math:`M_i` with one row per own
strategy and one column per profile :math:`s_{-i}` of the others (the payoff
tensor with axis :math:`i` moved first).  A strategy :math:`r` is

* *strictly dominated* by a mixed strategy :math:`\sigma` (support not
  containing :math:`r`) when :math:`\sigma^\top M_i[:, c] > M_i[r, c]` for
  every column :math:`c`;
* *weakly dominated* when :math:`\sigma^\top M_i[:, c] \ge M_i[r, c]` for
  every column, with strict inequality for at least one.

Pure dominators are found by a vectorised comparison of rows.  Mixed
dominators are found by the linear program (Myerson 1991, Thm 1.6;
Fudenberg and Tirole 1991, sect. 2.1)

.. math:: \max_{\sigma \in \Delta(K), \varepsilon} \varepsilon
          \quad\text{s.t.}\quad \sigma^\top M_i[K, c] - M_i[r, c] \ge \varepsilon \;\forall c,

solved with HiGHS (:func:`scipy.optimize.linprog`); :math:`r` is strictly
dominated iff :math:`\varepsilon^* > 0`.  For weak dominance the program
maximises the total slack subject to every slack :math:`\ge 0`.  The LPs run
on the payoffs scaled by a power of two (:mod:`gametheory.payoff_scale`), and
a float game's margin threshold is relative to its largest payoff.

In an exact game the float LP only proposes; the decision is exact.  With
:math:`D = M_i[K, :] - M_i[r, :]` (one row per candidate dominator), :math:`r`
is strictly dominated iff the matrix game :math:`D` has a positive value
(the LP above is its maximin program), and by the minimax theorem it is not
iff some distribution :math:`y` over the columns (a belief about the others)
has :math:`D y \le 0`: against :math:`y`, strategy :math:`r` earns at least
what every candidate earns.  The LP's primal and dual solutions are rounded
to rationals (simplest fractions first) and each is checked exactly: a
rational :math:`\sigma` with :math:`\sigma^\top D > 0` proves dominance, a
rational :math:`y` with :math:`D y \le 0` proves there is none.  When neither
rounding verifies, the value of :math:`D` is computed exactly by kernel
enumeration (:func:`gametheory.exact.kernel_maximin`, Shapley and Snow 1950)
within its cost limit; beyond it the strategy is kept and a diagnostic says
that no rational dominator was verified exactly.  Weak dominance is decided
the same way with the weak program, whose dual gives the certificate of
non-dominance, a *completely mixed* :math:`y > 0` with :math:`D y \le 0`
(a strategy is not weakly dominated iff it is a best reply to some completely
mixed belief); there is no kernel fallback for weak dominance.

Order of elimination.  Round by round: in each round every player's
strategies are tested against the *others' strategies at the start of the
round*; within one player, strategies are tested in label order against the
player's strategies that are still present, and removed at once when
dominated (so every recorded dominator was present when it was used, and the
trace is a valid sequential elimination).  Rounds repeat until nothing is
removed.  For strict dominance the surviving game does not depend on the
order (Gilboa, Kalai and Zemel 1990).  For weak dominance it does: removing
all weakly dominated strategies of all players each round is one order among
many, and another order may leave a different game (see the example in
:func:`iterated_elimination`).

Security levels (maximin), which use the same player matrices, are in
:mod:`gametheory.solvers.security`.

References
----------
R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard University Press
(1991), theorem 1.6 (domination by a mixed strategy).

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 2.1
(iterated strict dominance).

L. S. Shapley and R. N. Snow, "Basic solutions of discrete games",
*Contributions to the Theory of Games I*, Annals of Mathematics Studies 24
(1950) 27-35 (the exact value of a matrix game from a square kernel).

I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated
strategies", *Operations Research Letters* 9 (1990) 85-89.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np

from ..errors import CostLimitError, GameTheoryError, InputError
from ..exact import (
    SIMPLE_DENOMINATORS,
    integer_payoffs,
    integer_scaled,
    kernel_maximin,
    maximin_lp,
    rational_candidates,
)
from ..numbers import format_number
from ..payoff_scale import max_abs, scaled_floats
from ..profile import default_tolerance
from ..result import json_number

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = [
    "DominanceKind",
    "Elimination",
    "DominanceResult",
    "iterated_elimination",
    "player_matrix",
    "pure_dominators",
    "mixed_dominator_lp",
]

#: Strict or weak dominance.
DominanceKind: TypeAlias = Literal["strict", "weak"]
#: A mixed dominator: ``{label: probability}`` over the labels with positive probability.
MixedDominator: TypeAlias = Mapping[str, "Fraction | float"]

# An LP larger than this (rows x columns) is skipped with a diagnostic (dominance and security levels).
MAX_LP_ENTRIES = 2_000_000


# ---------------------------------------------------------------------- kernels over arrays
def player_matrix(payoffs: NDArray[Any], i: int) -> NDArray[Any]:
    """Player ``i``'s payoffs as an ``(n_i, prod_{j != i} n_j)`` matrix (own strategies as rows)."""
    u = np.moveaxis(payoffs[..., i], i, 0)
    return u.reshape(u.shape[0], -1)


def pure_dominators(M: NDArray[Any], r: int, candidates: Iterable[int], weak: bool = False,
                    tol: float = 0.0) -> list[int]:
    """Rows in ``candidates`` that dominate row ``r`` of ``M`` (strictly, or weakly when ``weak``)."""
    cands = [k for k in candidates if k != r]
    if not cands:
        return []
    diff = M[cands] - M[r]
    if weak:
        ok = np.all(diff >= -tol, axis=1) & np.any(diff > tol, axis=1)
    else:
        ok = np.all(diff > tol, axis=1)
    return [k for k, good in zip(cands, ok) if good]


def mixed_dominator_lp(M: NDArray[Any], r: int, candidates: Iterable[int], weak: bool = False,
                       tol: float = 1e-9) -> NDArray[np.float64] | None:
    """A mixed strategy over ``candidates`` dominating row ``r`` of the float matrix ``M``, or None.

    Parameters
    ----------
    M : ndarray
        Floats (any scale: the rows involved are scaled by a power of two first).
    r : int
    candidates : iterable of int
    weak : bool
    tol : float
        Margin threshold relative to the largest ``|M|`` of the rows involved:
        a dominator must beat ``r`` by more than ``tol * max|M|`` (strict), or
        nowhere fall short by more and somewhere exceed by more (weak).

    Returns
    -------
    ndarray or None
        Probabilities over ``candidates`` (in their order).
    """
    cands = [k for k in candidates if k != r]
    if len(cands) < 2:
        return None
    rows, _ = scaled_floats(np.asarray(M, dtype=float)[cands + [r]])
    K, target = rows[:-1], rows[-1]  # (k, m), (m,)
    tol = tol * float(np.abs(rows).max())
    res = _dominance_lp(K, target, weak)
    if res is None:
        return None
    k = K.shape[0]
    if weak:
        sigma = np.clip(res.x, 0, None)
        sigma /= sigma.sum()
        slack = sigma @ K - target
        if slack.min() < -tol or slack.max() <= tol:
            return None
        return sigma
    if -res.fun <= tol:
        return None
    sigma = np.clip(res.x[:k], 0, None)
    sigma /= sigma.sum()
    if (sigma @ K - target).min() <= tol:
        return None
    return sigma


def _dominance_lp(K: NDArray[np.float64], target: NDArray[np.float64], weak: bool) -> Any:
    """HiGHS result of the strict (``max eps``) or weak (``max`` total slack) program, or None if it failed."""
    from scipy.optimize import linprog

    k, m = K.shape
    if weak:
        # max sum_c (sigma K - target)_c  s.t.  sigma K >= target
        c = -K.sum(axis=1)
        res = linprog(c, A_ub=-K.T, b_ub=-target, A_eq=np.ones((1, k)), b_eq=[1.0],
                      bounds=[(0, None)] * k, method="highs")
    else:
        # max eps  s.t.  sigma K - target >= eps
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-K.T, np.ones((m, 1))])
        A_eq = np.zeros((1, k + 1))
        A_eq[0, :k] = 1.0
        res = linprog(c, A_ub=A_ub, b_ub=-target, A_eq=A_eq, b_eq=[1.0],
                      bounds=[(0, None)] * k + [(None, None)], method="highs")
    return res if res.status == 0 else None


# ---------------------------------------------------------------------- exact helpers
def _exact_dominates(Mx: NDArray[Any], r: int, cands: list[int], q: Sequence[Fraction], weak: bool) -> bool:
    """Exact check that the rational mix ``q`` over ``cands`` dominates row ``r`` of the exact matrix ``Mx``."""
    nums, den = integer_scaled(q)
    K = Mx[cands].astype(object)
    lhs = np.dot(np.array(nums, dtype=object), K)
    rhs = Mx[r].astype(object) * den
    diff = lhs - rhs
    if weak:
        return bool(np.all(diff >= 0) and np.any(diff > 0))
    return bool(np.all(diff > 0))


# ---------------------------------------------------------------------- results
@dataclass(frozen=True)
class Elimination:
    """One step of the elimination trace.

    Attributes
    ----------
    round : int
        1-based round.
    player : str
    removed : str
        The label of the strategy removed.
    dominated_by : str or mapping
        A label (pure dominator) or ``{label: probability}`` (mixed dominator).
    kind : {'strict', 'weak'}
    """

    round: int
    player: str
    removed: str
    dominated_by: str | MixedDominator
    kind: DominanceKind

    @property
    def by_mixed(self) -> bool:
        return not isinstance(self.dominated_by, str)

    def describe(self) -> str:
        if isinstance(self.dominated_by, str):
            by = self.dominated_by
        else:
            by = " + ".join(f"{format_number(p)}*{lab}" for lab, p in self.dominated_by.items())
        return f"round {self.round}: {self.player} removes {self.removed!r} ({self.kind}ly dominated by {by})"

    def to_json(self, exact: bool) -> dict[str, Any]:
        by = self.dominated_by if isinstance(self.dominated_by, str) else {
            lab: json_number(p, exact) for lab, p in self.dominated_by.items()
        }
        return {"round": self.round, "player": self.player, "removed": self.removed,
                "dominated_by": by, "kind": self.kind}


@dataclass(frozen=True)
class DominanceResult:
    """The outcome of iterated elimination.

    Attributes
    ----------
    game : Game
        The original game.
    reduced : Game
        The game that survives.
    trace : tuple of Elimination
    kind : {'strict', 'weak'}
    mixed : bool
        Whether mixed dominators were searched.
    exact : bool
    diagnostics : tuple of str
    """

    game: Game
    reduced: Game
    trace: tuple[Elimination, ...]
    kind: DominanceKind
    mixed: bool
    exact: bool
    diagnostics: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "trace", tuple(self.trace))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))

    @property
    def solved(self) -> bool:
        """True when every player is left with one strategy (the game is dominance solvable)."""
        return all(len(s) == 1 for s in self.reduced.strategies)

    @property
    def surviving(self) -> dict[str, tuple[str, ...]]:
        """``{player: (labels left)}``."""
        return dict(zip(self.reduced.players, self.reduced.strategies))

    @property
    def rounds(self) -> int:
        return max((e.round for e in self.trace), default=0)

    def describe(self) -> list[str]:
        """Human-readable lines: the trace, then what survives."""
        lines = [e.describe() for e in self.trace] or [f"no {self.kind}ly dominated strategy"]
        surv = "; ".join(f"{p}: {', '.join(s)}" for p, s in self.surviving.items())
        lines.append(("dominance solvable: " if self.solved else "surviving: ") + surv)
        return lines + list(self.diagnostics)


# ---------------------------------------------------------------------- public wrappers
def _exact_matrix_source(game: Game) -> NDArray[Any]:
    ints = integer_payoffs(game.payoffs)
    return ints if ints is not None else np.asarray(game.payoffs, dtype=object)


def iterated_elimination(game: Game, kind: DominanceKind = "strict", mixed: bool = True,
                         tol: float | None = None) -> DominanceResult:
    """Iteratively remove dominated strategies of every player.

    Parameters
    ----------
    game : Game
        A numeric game with any number of players.
    kind : {'strict', 'weak'}
        Strict or weak dominance.
    mixed : bool
        Also look for mixed dominators (linear program); otherwise pure only.
    tol : float, optional
        Float games: a payoff difference counts as positive above ``tol``
        (default scaled to the payoff range).  Exact games compare exactly.

    Returns
    -------
    DominanceResult

    Examples
    --------
    The row player's third strategy is dominated only by the 1/2-1/2 mixture
    of the first two:

    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]],
    ...                        strategies=[["T", "M", "B"], ["L", "R"]])
    >>> res = iterated_elimination(g)
    >>> res.trace[0].describe()
    "round 1: Player 1 removes 'B' (strictly dominated by 1/2*T + 1/2*M)"
    >>> iterated_elimination(g, mixed=False).trace
    ()

    Weak dominance depends on the order.  Removing T and B at once (this
    function's order) leaves M against L and R; removing only T first would
    let R weakly dominate L; after L goes, M and B tie against R:

    >>> h = Game.from_bimatrix([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
    ...                        strategies=[["T", "M", "B"], ["L", "R"]])
    >>> iterated_elimination(h, kind="weak").surviving
    {'Player 1': ('M',), 'Player 2': ('L', 'R')}
    >>> no_t = h.remove_strategy("Player 1", "T")
    >>> iterated_elimination(no_t.remove_strategy("Player 2", "L"), kind="weak").surviving
    {'Player 1': ('M', 'B'), 'Player 2': ('R',)}
    """
    if kind not in ("strict", "weak"):
        raise InputError(f"kind must be 'strict' or 'weak', got {kind!r}", field="kind")
    game.require_numeric("iterated elimination")
    weak = kind == "weak"
    exact = game.kind == "exact"
    cmp_tol: float
    if exact:
        full = _exact_matrix_source(game)
        cmp_tol = 0
    else:
        full = np.asarray(game.payoffs, dtype=float)
        cmp_tol = default_tolerance(game) if tol is None else float(tol)
    # the LPs' float view, scaled by a power of two (exactly, for exact payoffs beyond the float range)
    full_float = scaled_floats(full)[0]
    # float games: the LP margin threshold, relative to max|u| (1e-9 by default, like the tolerance)
    largest = float(max_abs(full)) if not exact else 0.0
    lp_rel = max(1e-9, cmp_tol / largest) if largest > 0 else 1e-9

    n = game.num_players
    alive = [list(range(k)) for k in game.shape]
    trace: list[Elimination] = []
    diags: list[str] = []
    unverified: set[tuple[str, str]] = set()
    rnd = 0
    while True:
        rnd += 1
        start = [list(a) for a in alive]
        removed_any = False
        sub = full[np.ix_(*start, range(n))]
        sub_f = full_float[np.ix_(*start, range(n))]
        for i in range(n):
            M = player_matrix(sub, i)
            Mf = player_matrix(sub_f, i)
            local = list(range(len(start[i])))  # row indices into M still present
            # label of row k of M (the labels of this round's strategies, bound now)
            label_of = [game.strategies[i][s] for s in start[i]].__getitem__
            for r in list(local):
                if len(local) == 1:
                    break
                doms = pure_dominators(M, r, local, weak, cmp_tol)
                by: str | MixedDominator | None = None
                if doms:
                    by = label_of(doms[0])
                elif mixed and len(local) > 2 and len(local) * M.shape[1] > MAX_LP_ENTRIES:
                    if not any("too large" in d for d in diags):
                        diags.append(f"mixed dominators not searched where the LP would exceed {MAX_LP_ENTRIES} "
                                     "entries (too large); pure dominators only there")
                elif mixed and len(local) > 2:
                    found, why = _mixed_dominator(M, Mf, r, local, weak, exact, lp_rel, label_of)
                    if why is not None:
                        key = (game.players[i], label_of(r))
                        if key not in unverified:
                            unverified.add(key)
                            diags.append(
                                f"whether {label_of(r)!r} of {game.players[i]} is {kind}ly dominated by a mixed "
                                f"strategy was not decided: {why}; no rational dominator was verified exactly; kept"
                            )
                    by = found
                if by is not None:
                    trace.append(Elimination(rnd, game.players[i], label_of(r), by, kind))
                    local.remove(r)
                    removed_any = True
            alive[i] = [start[i][k] for k in local]
        if not removed_any:
            break
    reduced = game.restrict({p: [game.strategies[i][k] for k in alive[i]] for i, p in enumerate(game.players)})
    return DominanceResult(game, reduced, tuple(trace), kind, mixed, exact, tuple(diags))


def _mixed_dominator(M: NDArray[Any], Mf: NDArray[np.float64], r: int, local: list[int], weak: bool, exact: bool,
                     lp_rel: float, label_of: Callable[[int], str]) -> tuple[MixedDominator | None, str | None]:
    """``(dominator, None)``, ``(None, None)`` when there is none, or ``(None, why)`` when undecided (exact games).

    Float games: the LP's answer with margin threshold ``lp_rel`` (relative).
    Exact games: decided exactly (:func:`_exact_mixed_dominator`).
    """
    cands = [k for k in local if k != r]
    if not exact:
        sigma = mixed_dominator_lp(Mf, r, local, weak, lp_rel)
        if sigma is None:
            return None, None
        return MappingProxyType({label_of(k): float(p) for k, p in zip(cands, sigma) if p > 0}), None
    q, why = _exact_mixed_dominator(M, Mf, r, cands, weak)
    if q is None:
        return None, why
    return MappingProxyType({label_of(k): p for k, p in zip(cands, q) if p > 0}), None


def _exact_no_dominator(D: NDArray[Any], y: Sequence[Fraction], weak: bool) -> bool:
    """Exact check of a non-dominance certificate: ``D y <= 0``, ``y`` a distribution (completely mixed if weak)."""
    if weak and any(v <= 0 for v in y):
        return False
    nums, _ = integer_scaled(y)
    return bool(np.all(np.dot(D, np.array(nums, dtype=object)) <= 0))


def _exact_mixed_dominator(M: NDArray[Any], Mf: NDArray[np.float64], r: int, cands: list[int],
                           weak: bool) -> tuple[list[Fraction] | None, str | None]:
    """Decide exactly whether a mixture of rows ``cands`` of the exact ``M`` dominates row ``r``.

    Returns ``(q, None)`` with a verified rational dominator ``q``, ``(None, None)`` when
    non-dominance is proved, ``(None, why)`` when neither could be proved (see the module docstring).
    """
    D = M[cands].astype(object) - M[r].astype(object)  # exact: Python ints or Fractions
    Df = Mf[cands] - Mf[r]  # the same, scaled by a power of two: only for the LP's proposals
    primal: NDArray[np.float64] | None = None
    beliefs: list[NDArray[np.float64]] = []
    if weak:
        res = _dominance_lp(Mf[cands], Mf[r], weak=True)
        if res is not None:
            primal = res.x
            # the dual of max 1^T D^T s s.t. D^T s >= 0: y = 1 + mu > 0 with D y <= t 1 (t = 0 when not dominated)
            beliefs.append(1.0 + np.clip(-np.asarray(res.ineqlin.marginals, dtype=float), 0.0, None))
        if float(Df.max(initial=0.0)) > 0:
            # no s with D^T s >= 0 (weak LP infeasible): a belief with D y < 0, made completely mixed
            try:
                y = np.asarray(maximin_lp(Df).column, dtype=float)
                beliefs.append(0.999 * y + 0.001 / len(y))
            except GameTheoryError:
                pass
    else:
        try:
            sol = maximin_lp(Df)
            primal = np.asarray(sol.row, dtype=float)
            if sol.column is not None:
                beliefs.append(np.asarray(sol.column, dtype=float))
        except GameTheoryError:  # the LP failed: the exact fallback below decides
            pass
    if primal is not None:
        for q in rational_candidates(primal, denominators=SIMPLE_DENOMINATORS):
            if _exact_dominates(M, r, cands, q, weak):
                return q, None
    for y in beliefs:
        for yq in rational_candidates(y, denominators=SIMPLE_DENOMINATORS):
            if _exact_no_dominator(D, yq, weak):
                return None, None
    if weak:
        return None, "neither the LP's dominator nor its completely mixed belief rounded to an exact certificate"
    try:
        value = kernel_maximin(D)  # exact: some square kernel of D gives the value and optimal strategies
    except CostLimitError as exc:
        return None, str(exc)
    if value.value > 0:
        return [Fraction(v) for v in value.row], None
    return None, None
