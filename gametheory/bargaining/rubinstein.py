r"""Rubinstein's alternating-offers game over a Pareto frontier.

Two players alternate proposals of a point on the frontier :math:`u_2 = f(u_1)`
of a bargaining problem; player :math:`i` discounts each round by
:math:`\delta_i \in (0,1)` and perpetual disagreement gives :math:`d`.
Measuring utility as gains over :math:`d`, the unique subgame-perfect
equilibrium (A. Rubinstein, "Perfect equilibrium in a bargaining model",
*Econometrica* 50, 1982; for general frontiers Binmore, Rubinstein and
Wolinsky 1986) has each proposer offer the responder exactly the discounted
value of the responder's own next offer, accepted at once.  With proposer
:math:`P` offering :math:`(x, f(x))` and responder :math:`R` offering
:math:`(y, f(y))`:

.. math:: y = \delta_P\,x, \qquad f(x) = \delta_R\, f(\delta_P x).

On a linear frontier :math:`u_1 + u_2 = 1` this gives :math:`x = (1-\delta_R)/(1-\delta_P\delta_R)`.
On a piecewise-linear frontier the left side minus the right side is
piecewise linear with break points at the vertices and at the vertices divided
by :math:`\delta_P`, so the root is found exactly between two break points,
including the case where an impatient responder pushes the offer onto a kink
of the frontier.  Concave frontier functions are solved numerically.

When the time between offers :math:`\Delta` shrinks with
:math:`\delta_i = e^{-r_i\Delta}`, the agreement tends to the asymmetric Nash
solution with weights :math:`(r_2, r_1)/(r_1+r_2)` (Binmore, Rubinstein and
Wolinsky 1986); :func:`rubinstein_limit` returns it.  The finite-horizon game
is solved by backward induction in :func:`rubinstein_finite`.

>>> from fractions import Fraction as F
>>> from gametheory.bargaining import BargainingProblem
>>> pie = BargainingProblem.from_outcomes({"1 takes all": (1, 0), "2 takes all": (0, 1), "none": (0, 0)}, "none")
>>> rubinstein(pie, deltas=(F(1, 2), F(1, 2))).utilities
(Fraction(2, 3), Fraction(1, 3))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import InputError
from ..numbers import format_number, to_exact, to_float
from .frontier import Frontier, Number, Point
from .solutions import BargainingSolution, nash, register_solution

if TYPE_CHECKING:
    from .problem import BargainingProblem

__all__ = ["rubinstein", "rubinstein_offers", "rubinstein_finite", "rubinstein_limit", "coerce_deltas",
           "deltas_from_rates"]


def coerce_deltas(deltas: Iterable[object], exact: bool) -> tuple[Number, Number]:
    """Two discount factors, each strictly between 0 and 1 (Fractions when ``exact``)."""
    given = tuple(deltas)
    if len(given) != 2:
        raise InputError(f"expected one discount factor per player (2), got {len(given)}", field="delta")
    conv = to_exact if exact else to_float
    out = (conv(given[0], field="delta"), conv(given[1], field="delta"))
    for x in out:
        if not 0 < x < 1:
            raise InputError(f"a discount factor must lie strictly between 0 and 1, got {format_number(x)}",
                             field="delta")
    return out


def _envelope(frontier: Frontier, u1: Number) -> Number:
    """The frontier's envelope at ``u1``, which lies in its range (a point between ``d`` and an offer)."""
    u2 = frontier.envelope(u1)
    assert u2 is not None, f"u1 = {u1} beyond the frontier's right end {frontier.hi}"
    return u2


def _first_index(problem: BargainingProblem, first: str | None) -> int:
    if first is None:
        return 0
    if first in problem.players:
        return problem.players.index(first)
    raise InputError(f"unknown first proposer {first!r}; players are {list(problem.players)}", field="first")


def _oriented(problem: BargainingProblem, k: int) -> tuple[Frontier, Point]:
    """Frontier and disagreement point with player ``k`` as coordinate 1."""
    f = problem.rational_frontier
    d = problem.disagreement
    if k == 0:
        return f, d
    return f.swap(), (d[1], d[0])


def rubinstein_offers(frontier: Frontier, d: Point, delta_proposer: Number,
                      delta_responder: Number) -> tuple[Point, Point]:
    """Kernel: ``(proposer's offer, responder's offer)``, points in the proposer-first coordinates."""
    d1, d2 = d

    def gain2(u1: Number) -> Number:
        return _envelope(frontier, u1) - d2

    def g(x: Number) -> Number:
        return gain2(x) - delta_responder * gain2(d1 + delta_proposer * (x - d1))

    breaks = tuple(d1 + (b - d1) / delta_proposer for b in frontier.breakpoints)
    x = frontier.root(g, max(d1, frontier.lo), frontier.hi, breaks)
    y = d1 + delta_proposer * (x - d1)
    return (x, _envelope(frontier, x)), (y, _envelope(frontier, y))


@register_solution("rubinstein")
def rubinstein(problem: BargainingProblem, deltas: Iterable[object] | None = None,
               first: str | None = None) -> BargainingSolution:
    """Subgame-perfect agreement of the alternating-offers game.

    Parameters
    ----------
    problem : BargainingProblem
    deltas : pair of numbers in (0, 1)
        Discount factors of the players, in ``problem.players`` order (default 0.9 each).
    first : str, optional
        The player who proposes first (default the first player).

    Returns
    -------
    BargainingSolution
        ``details`` holds each player's equilibrium offer; the first offer is accepted at once.
    """
    dl = coerce_deltas(deltas if deltas is not None else ("9/10", "9/10"), problem.exact)
    k = _first_index(problem, first)
    f, d = _oriented(problem, k)
    own, other = rubinstein_offers(f, d, dl[k], dl[1 - k])
    if k == 1:  # back to the problem's coordinates
        own, other = (own[1], own[0]), (other[1], other[0])
    pl = problem.players
    details = {
        "deltas": {pl[0]: dl[0], pl[1]: dl[1]},
        "first": pl[k],
        "offers": {pl[k]: own, pl[1 - k]: other},
        "acceptance": f"{pl[1 - k]} accepts {pl[k]}'s first offer at once",
    }
    return BargainingSolution.build("rubinstein", problem, own, details)


def rubinstein_finite(problem: BargainingProblem, deltas: Iterable[object], rounds: int,
                      first: str | None = None) -> tuple[tuple[str, Point], ...]:
    """Backward induction in the game with at most ``rounds`` offers.

    Returns
    -------
    tuple of (proposer, point)
        The offer made in each round if it is reached; the first is accepted.
        In the last round the proposer leaves the responder its disagreement value.
    """
    if not isinstance(rounds, int) or isinstance(rounds, bool) or rounds < 1:
        raise InputError(f"rounds must be a positive integer, got {rounds!r}", field="rounds")
    dl = coerce_deltas(deltas, problem.exact)
    k0 = _first_index(problem, first)
    f = problem.rational_frontier
    fs = f.swap()
    d = problem.disagreement
    proposers = [(k0 + t) % 2 for t in range(rounds)]
    offers: list[tuple[str, Point]] = []  # from the last round back to the first
    cont = d
    for t in reversed(range(rounds)):
        r = 1 - proposers[t]
        level = d[r] + dl[r] * (cont[r] - d[r]) if t < rounds - 1 else d[r]
        point = (level, _envelope(f, level)) if r == 0 else (_envelope(fs, level), level)
        offers.append((problem.players[proposers[t]], point))
        cont = point
    return tuple(reversed(offers))


def rubinstein_limit(problem: BargainingProblem, rates: Iterable[object]) -> BargainingSolution:
    """The limit of the agreement as the time between offers shrinks, ``delta_i = exp(-r_i * dt)``.

    It is the asymmetric Nash solution with weights ``(r_2, r_1)``.
    """
    given = tuple(rates)
    if len(given) != 2:
        raise InputError(f"expected two discount rates, got {len(given)}", field="rates")
    conv = to_exact if problem.exact and not any(isinstance(r, float) for r in given) else to_float
    r1, r2 = (conv(r, field="rates") for r in given)
    if not (r1 > 0 and r2 > 0):
        raise InputError("discount rates must be positive", field="rates")
    sol = nash(problem, weights=(r2, r1))
    return BargainingSolution.build("rubinstein-limit", problem, sol.utilities,
                                    {"rates": (r1, r2), "nash_weights": (r2, r1)})


def deltas_from_rates(rates: Iterable[float], dt: float) -> tuple[float, ...]:
    """``exp(-r_i * dt)`` for each rate (floats)."""
    return tuple(math.exp(-float(r) * dt) for r in rates)
