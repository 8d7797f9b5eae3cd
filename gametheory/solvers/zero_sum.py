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
an exact re-solve of the LP's active set: :func:`gametheory.exact.certify_maximin`)
and the two sides are checked to be *equal* in exact arithmetic.

The set of optimal strategies of each player is a convex polytope and the
equilibria are their product; the method reports one point of it, so the
result is not ``complete``.

References
----------
J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
100 (1928) 295-320.

Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised simplex method",
*Mathematical Programming Computation* 10 (2018) 119-142 (HiGHS).

Examples
--------
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
from ..errors import UnsupportedGameError
from ..exact import certify_maximin, maximin_lp
from ..numbers import format_number
from ..payoff_scale import scaled_floats
from ..profile import MixedProfile, default_tolerance
from ..result import Equilibrium, SolveResult, json_number

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["solve_zero_sum"]


def _shown(v: object) -> str:
    """A payoff total for a message: as a float when it has one (the message's usual form), else exactly."""
    try:
        return format_number(float(v))  # type: ignore[arg-type]
    except OverflowError:
        return format_number(v)


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
        raise UnsupportedGameError(
            f"method 'zero-sum' needs a two-player game, this game has {game.num_players} players"
        )
    game.require_numeric("method 'zero-sum'")
    if not game.is_constant_sum():
        totals = game.payoffs.sum(axis=-1).reshape(-1).tolist()
        raise UnsupportedGameError(
            f"method 'zero-sum' needs a constant-sum game (u1 + u2 the same at every profile); here u1 + u2 ranges "
            f"from {_shown(min(totals))} to {_shown(max(totals))}; use 'enumerate' or 'lemke-howson'"
        )
    m, n = game.shape
    check_cost(m * n * (m + n), max_cost, "zero-sum", f"two LPs with {m}x{n} constraint matrices")
    exact = game.kind == "exact"
    A, B = game.bimatrix()
    constant = A.reshape(-1)[0] + B.reshape(-1)[0]
    # The LPs run on A / 2**k (scaled_floats: exactly for an exact A, so 10**400 has a float image, and no
    # payoff near 1.8e308 overflows; HiGHS's absolute tolerances then mean the same at every scale).  The
    # optimal strategies are those of A; the value is the scaled value times 2**k.
    Af, k = scaled_floats(A)
    # the column player's strategy from their own LP (of -A^T), not from the dual
    approx = maximin_lp(Af, column="lp")
    xf, yf, vf = np.array(approx.row), np.array(approx.column), approx.value
    tol = default_tolerance(game)
    diagnostics: list[str] = []
    solution = None  # (x, y, value), certified exactly
    if exact:
        unit = Fraction(2) ** k
        A_scaled = A if k == 0 else np.array([[Fraction(v) / unit for v in row] for row in A], dtype=object)
        found = certify_maximin(A_scaled, approx, active_set=True)
        if found.certified and found.column is not None:  # a certified solution always has both strategies
            solution = (found.row, found.column, found.value * unit)
        else:
            exact = False
            tol = float(np.ldexp(1e-9 * max(1.0, float(np.abs(Af).max())), k))
            diagnostics.append("exact verification failed: the LP's floats did not round to certified optimal "
                               "strategies; float result shown")
    value: Fraction | float
    if solution is not None:
        x, y, value = solution
        profile = MixedProfile(game, [x, y], exact=True)
        diagnostics.append(
            f"value certified exactly: min over columns of x^T A = max over rows of A y = {format_number(value)}"
        )
    else:
        profile = MixedProfile(game, [xf, yf], exact=False)
        value = float(np.ldexp(float(vf), k))
        low = float(np.ldexp((xf @ Af).min(), k))
        high = float(np.ldexp((Af @ yf).max(), k))
        diagnostics.append(
            f"value {value:.12g}: min over columns of x^T A = {low:.12g}, max over rows of A y = {high:.12g}"
        )
    value2 = constant - value
    if constant != 0:
        diagnostics.insert(0, f"constant-sum game (u1 + u2 = {format_number(constant)}): solved as the zero-sum game "
                              f"(A, -A), which has the same equilibria")
    diagnostics.append("each player's set of optimal strategies is convex (a polytope); the equilibria are their "
                       "product and this is one of them (complete=False)")
    p1, p2 = game.players
    eq = Equilibrium.from_profile(profile, {"value": value})
    values = {p1: json_number(value, exact), p2: json_number(value2, exact)}
    return SolveResult(
        game, "zero-sum", False, exact, tol if not exact else 0, (eq,), tuple(diagnostics),
        extra={"value": json_number(value, exact), "values": values},
    )
