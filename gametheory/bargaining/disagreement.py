r"""Disagreement points of a bargaining problem built from a two-player game.

* **status quo**: the payoffs of a named pure profile;
* **Nash equilibrium**: the payoffs of the game's equilibrium (it must be unique
  in payoffs among those the solver finds, or the choice is the user's);
* **maximin**: each player's security level :math:`\max_{\sigma_i}\min_{\sigma_{-i}} u_i`,
  the value of the zero-sum game on their own payoffs;
* **threat point** of Nash's variable-threat game (J. Nash, "Two-person
  cooperative games", *Econometrica* 21, 1953): each player commits to a
  threat, the threats' payoffs become the disagreement point, and the Nash
  bargaining solution is played.  On a frontier edge :math:`h u_1 + u_2 = c`
  the bargaining solution from :math:`d` is :math:`u_1 = (c + h d_1 - d_2)/(2h)`,
  so the threat game is the zero-sum game :math:`hA - B`.  For a polygon's
  piecewise-linear frontier with edge slopes :math:`h_0 < h_1 < \dots`
  the set of :math:`d` whose solution is at or right of vertex :math:`p` is the
  half plane :math:`h_{k-1} d_1 - d_2 \ge h_{k-1} p_1 - p_2` (edge :math:`k-1`
  ends at :math:`p`), so the solution is on edge :math:`k` if the value
  :math:`v_k` of :math:`h_k A - B` puts it there, else at the vertex :math:`p`
  with :math:`v_{k-1} \ge h_{k-1}p_1 - p_2` and :math:`v_k \le h_k p_1 - p_2`,
  where player 1 threatens with an optimal strategy of :math:`h_{k-1}A - B`
  and player 2 with one of :math:`h_k A - B`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from ..errors import CostLimitError, InputError
from ..exact import matrix_game_value
from ..numbers import format_number
from .frontier import Frontier, Number, Point, format_point

if TYPE_CHECKING:
    from ..exact import Maximin
    from ..game import Game
    from ..solvers.security import SecurityLevel
    from .problem import BargainingProblem

__all__ = ["resolve_disagreement", "maximin_point", "nash_equilibrium_point", "threat_point"]

#: A mixed strategy as probabilities in strategy order.
Mixture: TypeAlias = Sequence[Number]


def _matrices(game: Game) -> tuple[np.ndarray, np.ndarray]:
    A, B = game.bimatrix()
    return np.array(A, dtype=object), np.array(B, dtype=object)


def _optimal(sol: Maximin) -> tuple[Mixture, Mixture]:
    """Both players' optimal strategies of a matrix game solved by :func:`matrix_game_value`.

    It always finds the column player's (kernel enumeration, or the second LP).
    """
    assert sol.column is not None
    return sol.row, sol.column


def maximin_point(game: Game) -> tuple[tuple[object, ...], tuple[SecurityLevel, ...]]:
    """``((v_1, v_2), (level_1, level_2))``: each player's mixed security level and its :class:`SecurityLevel`.

    Raises
    ------
    CostLimitError
        When a level cannot be computed exactly (or at all) within the cost limits.
    """
    from ..solvers.security import security_levels

    exact = game.kind == "exact"
    levels = tuple(security_levels(game).values())
    for lv in levels:
        if lv.mixed_value is None or lv.mixed_strategy is None or (exact and not lv.certified):
            raise CostLimitError(f"the maximin disagreement point needs {lv.player}'s mixed security level: {lv.note}")
    return tuple(lv.mixed_value for lv in levels), levels


def nash_equilibrium_point(game: Game) -> tuple[tuple[Number, ...], str]:
    """Payoffs of the game's Nash equilibrium; InputError if the equilibria disagree in payoffs."""
    from ..solvers.table import solve

    result = solve(game)
    pays: list[tuple[Number, ...]] = []
    for eq in result:
        pt = tuple(eq.payoffs[p] for p in game.players)
        if pt not in pays:
            pays.append(pt)
    if not pays:
        raise InputError(f"method {result.method!r} found no equilibrium; give the disagreement point explicitly",
                         field="disagreement")
    if len(pays) > 1:
        shown = "; ".join(format_point(p) for p in pays)
        raise InputError(f"the game's equilibria give different payoffs ({shown}); choose the disagreement "
                         "point yourself (status quo, maximin, threat, or x,y)", field="disagreement")
    return pays[0], result.method


def threat_point(game: Game, frontier: Frontier) -> tuple[Point, tuple[Mixture, Mixture]]:
    """``(d, (sigma_1, sigma_2))``: the threat point of Nash's variable-threat game and the threats."""
    A, B = _matrices(game)
    exact = game.kind == "exact"
    pts = frontier.points
    if len(pts) == 1:
        threats = _optimal(matrix_game_value(A - B, exact=exact))
        return _payoff(A, B, *threats), threats
    slopes = [(p[1] - q[1]) / (q[0] - p[0]) for p, q in zip(pts, pts[1:])]
    games = [matrix_game_value(h * A - B, exact=exact) for h in slopes]
    for k, (h, sol) in enumerate(zip(slopes, games)):
        left, right = pts[k], pts[k + 1]
        c = h * left[0] + left[1]
        u1 = (c + sol.value) / (2 * h)
        if left[0] <= u1 <= right[0]:
            threats = _optimal(sol)
            return _payoff(A, B, *threats), threats
    for k, vert in enumerate(pts):
        ok_left = k == 0 or games[k - 1].value >= slopes[k - 1] * vert[0] - vert[1]
        ok_right = k == len(slopes) or games[k].value <= slopes[k] * vert[0] - vert[1]
        if ok_left and ok_right:
            p = _optimal(games[k - 1] if k > 0 else games[0])[0]
            q = _optimal(games[k] if k < len(slopes) else games[-1])[1]
            return _payoff(A, B, p, q), (p, q)
    raise ArithmeticError("no threat equilibrium found (the frontier is not concave?)")


def _payoff(A: np.ndarray, B: np.ndarray, p: Mixture, q: Mixture) -> Point:
    m, n = A.shape
    u1 = sum(p[i] * A[i, j] * q[j] for i in range(m) for j in range(n))
    u2 = sum(p[i] * B[i, j] * q[j] for i in range(m) for j in range(n))
    return (u1, u2)


def _mixture_text(mixture: Mapping[str, Number]) -> str:
    return "{" + ", ".join(f"{s}: {format_number(x)}" for s, x in mixture.items() if x != 0) + "}"


def _strategy_text(game: Game, i: int, vec: Mixture) -> str:
    return _mixture_text(dict(zip(game.strategies[i], vec)))


def resolve_disagreement(game: Game, base: BargainingProblem, spec: str | Mapping[str, str] | Sequence[object]
                         ) -> tuple[Sequence[object], str, tuple[str, ...]]:
    """``(point, source, notes)`` for ``spec``: 'nash', 'maximin', 'threat', a profile mapping, or a point."""
    if isinstance(spec, Mapping):
        prof = dict(spec)
        pay = game.payoff(prof)
        return tuple(pay[p] for p in game.players), "status-quo", (f"status quo: {' / '.join(prof.values())}",)
    if isinstance(spec, str):
        if spec == "nash":
            pt, method = nash_equilibrium_point(game)
            return pt, "nash", (f"disagreement = the Nash equilibrium payoffs (method {method})",)
        if spec == "maximin":
            vals, levels = maximin_point(game)
            # maximin_point returns only levels with a mixed strategy
            notes = tuple(f"security strategy of {lv.player}: {_mixture_text(lv.mixed_strategy or {})}"
                          for lv in levels)
            return vals, "maximin", notes
        if spec == "threat":
            d, strats = threat_point(game, base.frontier)
            notes = tuple(f"threat of {p}: {_strategy_text(game, i, s)}"
                          for i, (p, s) in enumerate(zip(game.players, strats)))
            return d, "threat", notes
        raise InputError(f"unknown disagreement {spec!r}; expected status-quo, nash, maximin, threat or x,y",
                         field="disagreement")
    return tuple(spec), "given", ()
