r"""Value and optimal strategies of a two-player zero-sum (or constant-sum) game by LP.

For the row player's payoff matrix :math:`A` (:math:`m\times n`), von
Neumann's minimax theorem gives

.. math::

   v = \max_{x\in\Delta_m}\min_j (x^\top A)_j = \min_{y\in\Delta_n}\max_i (A y)_i ,

and :math:`(x, y)` is a Nash equilibrium iff both strategies are optimal.
Each side is a linear program (maximise :math:`v` subject to
:math:`A^\top x \ge v\mathbf 1`, :math:`\mathbf 1^\top x = 1`, :math:`x\ge0`,
and its mirror for :math:`y`), solved with HiGHS through
:func:`scipy.optimize.linprog`.  A constant-sum game (:math:`u_1+u_2=c`
everywhere) has the same equilibria as the zero-sum game :math:`(A, -A)`;
the column player's value is :math:`c - v`.

The certificate of the value is the pair of inequalities
:math:`\min_j (x^\top A)_j \ge v \ge \max_i (A y)_i`: together with
:math:`x^\top A y` lying between them, they prove both strategies optimal.
In an exact game the LP's floats are turned into Fractions (rounding, else
an exact re-solve of the LP's active set, :mod:`._rational_lp`) and the two
sides are checked to be *equal* in exact arithmetic.

The set of optimal strategies of each player is a convex polytope and the
equilibria are their product; the method reports one point of it, so the
result is not ``complete``.

>>> from gametheory import Game
>>> rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> res = solve_zero_sum(rps)
>>> res.extra["value"], res[0].profile.vectors[0].tolist()
('0', [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)])
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..cost import check_cost
from ..errors import GameTheoryError, UnsupportedGameError
from ..numbers import format_number
from ..profile import MixedProfile, default_tolerance
from ..result import Equilibrium, SolveResult, json_number
from ._rational_lp import rational_candidates, solve_rational

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["maximin_strategy", "exact_optimal_strategies", "solve_zero_sum"]


def maximin_strategy(A: np.ndarray) -> tuple[np.ndarray, float]:
    """Row player's optimal mixed strategy and the value of the float matrix game ``A``.

    >>> x, v = maximin_strategy(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    >>> np.round(x, 9).tolist(), abs(v) < 1e-12
    ([0.5, 0.5], True)
    """
    from scipy.optimize import linprog  # here, not at the top: importing scipy takes longer than most solves

    A = np.asarray(A, dtype=float)
    m, n = A.shape
    # variables (x_1..x_m, v); minimise -v; v - (A^T x)_j <= 0; sum x = 1
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status != 0:
        raise GameTheoryError(f"internal error: the maximin LP failed ({res.message})")
    x = np.clip(res.x[:m], 0.0, None)
    return x / x.sum(), float(res.x[-1])


def _exact_value_bounds(Aq, x, y):
    """``(min_j (x^T A)_j, max_i (A y)_i)`` in exact arithmetic."""
    m, n = len(Aq), len(Aq[0])
    low = min(sum(x[i] * Aq[i][j] for i in range(m)) for j in range(n))
    high = max(sum(Aq[i][j] * y[j] for j in range(n)) for i in range(m))
    return low, high


def _active_set_solve(Aq, xf, vf, tol):
    """Exact row strategy on the float solution's support making its binding columns equal."""
    m, n = len(Aq), len(Aq[0])
    support = [i for i in range(m) if xf[i] > tol]
    payoff = np.asarray(xf) @ np.asarray(Aq, dtype=float)
    binding = [j for j in range(n) if payoff[j] <= vf + tol]
    # unknowns x_S, v: sum_{i in S} x_i A[i][j] - v = 0 (j binding); sum x_S = 1
    M = [[Aq[i][j] for i in support] + [Fraction(-1)] for j in binding]
    M.append([Fraction(1)] * len(support) + [Fraction(0)])
    z = solve_rational(M, [Fraction(0)] * len(binding) + [Fraction(1)])
    if z is None or any(v < 0 for v in z[:-1]):
        return None
    x = [Fraction(0)] * m
    for i, v in zip(support, z):
        x[i] = v
    return x


def exact_optimal_strategies(Aq, xf, yf, vf):
    """Certified exact optimal strategies near the float ones, or None.

    Parameters
    ----------
    Aq : list of list of Fraction
        The row player's payoffs.
    xf, yf : ndarray
        Float optimal strategies from the LPs.
    vf : float
        Float value.

    Returns
    -------
    (list of Fraction, list of Fraction, Fraction) or None
        ``(x, y, v)`` with ``min_j (x^T A)_j == v == max_i (A y)_i`` exactly.
    """
    AqT = [list(col) for col in zip(*Aq)]
    negT = [[-a for a in row] for row in AqT]
    xs = list(rational_candidates(xf))
    ys = list(rational_candidates(yf))
    for x in xs:
        for y in ys:
            low, high = _exact_value_bounds(Aq, x, y)
            if low == high:
                return x, y, low
    scale = max(1.0, float(np.abs(np.asarray(Aq, dtype=float)).max()))
    for tol in (1e-9 * scale, 1e-7 * scale, 1e-5 * scale):
        x = _active_set_solve(Aq, xf, vf, tol)
        # the column player's problem is the row problem of -A^T
        y = _active_set_solve(negT, yf, -vf, tol)
        if x is None or y is None:
            continue
        low, high = _exact_value_bounds(Aq, x, y)
        if low == high:
            return x, y, low
    return None


def solve_zero_sum(game: Game, max_cost: float | None = None) -> SolveResult:
    """Value and one pair of optimal strategies of a two-player constant-sum game.

    Parameters
    ----------
    game : Game
        Two players, payoffs summing to the same constant at every profile.
    max_cost : float, optional
        Limit on the estimated LP work ``m n (m + n)`` (see :mod:`gametheory.cost`).

    Returns
    -------
    SolveResult
        One equilibrium; ``extra["value"]`` is the first player's value (a
        string such as ``"2"`` or ``"-1/3"`` when exact, a float otherwise)
        and ``extra["values"]`` both players'.  ``complete`` is False: the
        optimal strategies form a convex set of which this is one point.

    Raises
    ------
    UnsupportedGameError
        If the game is not a two-player constant-sum game.
    """
    if game.num_players != 2:
        raise UnsupportedGameError(f"method 'zero-sum' needs a two-player game, this game has {game.num_players} players")
    if game.kind == "symbolic":
        raise UnsupportedGameError("method 'zero-sum' needs numeric payoffs; substitute the parameters first")
    if not game.is_constant_sum():
        totals = np.asarray(game.payoffs.sum(axis=-1), dtype=float).reshape(-1)
        raise UnsupportedGameError(
            f"method 'zero-sum' needs a constant-sum game (u1 + u2 the same at every profile); here u1 + u2 ranges "
            f"from {format_number(totals.min())} to {format_number(totals.max())}; use 'enumerate' or 'lemke-howson'"
        )
    m, n = game.shape
    check_cost(m * n * (m + n), max_cost, "zero-sum", f"two LPs with {m}x{n} constraint matrices")
    exact = game.kind == "exact"
    A, B = game.bimatrix()
    constant = A.reshape(-1)[0] + B.reshape(-1)[0]
    Af = np.asarray(A, dtype=float)
    xf, vf = maximin_strategy(Af)
    yf, wf = maximin_strategy(-Af.T)  # column player's maximin of -A: value -v
    tol = default_tolerance(game)
    diagnostics = []
    if exact:
        found = exact_optimal_strategies([list(row) for row in A], xf, yf, vf)
        if found is None:
            exact = False
            tol = 1e-9 * max(1.0, float(np.abs(Af).max()))
            diagnostics.append("exact verification failed: the LP's floats did not round to certified optimal "
                               "strategies; float result shown")
    if exact:
        x, y, value = found
        profile = MixedProfile(game, [x, y], exact=True)
        diagnostics.append(
            f"value certified exactly: min over columns of x^T A = max over rows of A y = {format_number(value)}"
        )
    else:
        profile = MixedProfile(game, [xf, yf], exact=False)
        value = float(vf)
        low = float((xf @ Af).min())
        high = float((Af @ yf).max())
        diagnostics.append(f"value {value:.12g}: min over columns of x^T A = {low:.12g}, max over rows of A y = {high:.12g}")
    value2 = constant - value
    if constant != 0:
        diagnostics.insert(0, f"constant-sum game (u1 + u2 = {format_number(constant)}): solved as the zero-sum game "
                              f"(A, -A), which has the same equilibria")
    diagnostics.append("each player's set of optimal strategies is convex (a polytope); the equilibria are their "
                       "product and this is one of them (complete=False)")
    p1, p2 = game.players
    eq = Equilibrium.from_profile(profile, {"value": value})
    return SolveResult(
        game, "zero-sum", False, exact, tol if not exact else 0, [eq], diagnostics,
        extra={"value": json_number(value, exact), "values": {p1: json_number(value, exact), p2: json_number(value2, exact)}},
    )
