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

from ..errors import InputError
from ..numbers import format_number, to_exact, to_float
from .solutions import BargainingSolution, nash, register_solution

__all__ = ["rubinstein", "rubinstein_offers", "rubinstein_finite", "rubinstein_limit", "coerce_deltas", "deltas_from_rates"]


def coerce_deltas(deltas, exact: bool):
    """Two discount factors, each strictly between 0 and 1 (Fractions when ``exact``)."""
    deltas = tuple(deltas)
    if len(deltas) != 2:
        raise InputError(f"expected one discount factor per player (2), got {len(deltas)}", field="delta")
    conv = to_exact if exact else to_float
    out = tuple(conv(x, field="delta") for x in deltas)
    for x in out:
        if not 0 < x < 1:
            raise InputError(f"a discount factor must lie strictly between 0 and 1, got {format_number(x)}", field="delta")
    return out


def _first_index(problem, first):
    if first is None:
        return 0
    if first in problem.players:
        return problem.players.index(first)
    raise InputError(f"unknown first proposer {first!r}; players are {list(problem.players)}", field="first")


def _oriented(problem, k):
    """Frontier and disagreement point with player ``k`` as coordinate 1."""
    f = problem.rational_frontier
    d = problem.disagreement
    if k == 0:
        return f, d
    return f.swap(), (d[1], d[0])


def rubinstein_offers(frontier, d, delta_proposer, delta_responder):
    """Kernel: ``(proposer's offer, responder's offer)``, points in the proposer-first coordinates."""
    d1, d2 = d

    def gain2(u1):
        return frontier.envelope(u1) - d2

    def g(x):
        return gain2(x) - delta_responder * gain2(d1 + delta_proposer * (x - d1))

    breaks = tuple(d1 + (b - d1) / delta_proposer for b in frontier.breakpoints)
    x = frontier.root(g, max(d1, frontier.lo), frontier.hi, breaks)
    y = d1 + delta_proposer * (x - d1)
    return (x, frontier.envelope(x)), (y, frontier.envelope(y))


@register_solution("rubinstein")
def rubinstein(problem, deltas=None, first=None) -> BargainingSolution:
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
    unswap = (lambda p: p) if k == 0 else (lambda p: (p[1], p[0]))
    own, other = unswap(own), unswap(other)
    pl = problem.players
    details = {
        "deltas": {pl[0]: dl[0], pl[1]: dl[1]},
        "first": pl[k],
        "offers": {pl[k]: own, pl[1 - k]: other},
        "acceptance": f"{pl[1 - k]} accepts {pl[k]}'s first offer at once",
    }
    return BargainingSolution.build("rubinstein", problem, own, details)


def rubinstein_finite(problem, deltas, rounds: int, first=None):
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
    offers = [None] * rounds
    cont = d
    for t in reversed(range(rounds)):
        r = 1 - proposers[t]
        level = d[r] + dl[r] * (cont[r] - d[r]) if t < rounds - 1 else d[r]
        if r == 0:
            point = (level, f.envelope(level))
        else:
            point = (fs.envelope(level), level)
        offers[t] = (problem.players[proposers[t]], point)
        cont = point
    return tuple(offers)


def rubinstein_limit(problem, rates) -> BargainingSolution:
    """The limit of the agreement as the time between offers shrinks, ``delta_i = exp(-r_i * dt)``.

    It is the asymmetric Nash solution with weights ``(r_2, r_1)``.
    """
    rates = tuple(rates)
    if len(rates) != 2:
        raise InputError(f"expected two discount rates, got {len(rates)}", field="rates")
    conv = to_exact if problem.exact and not any(isinstance(r, float) for r in rates) else to_float
    r1, r2 = (conv(r, field="rates") for r in rates)
    if not (r1 > 0 and r2 > 0):
        raise InputError("discount rates must be positive", field="rates")
    sol = nash(problem, weights=(r2, r1))
    return BargainingSolution.build("rubinstein-limit", problem, sol.utilities, {"rates": (r1, r2), "nash_weights": (r2, r1)})


def deltas_from_rates(rates, dt: float):
    """``exp(-r_i * dt)`` for each rate (floats)."""
    return tuple(math.exp(-float(r) * dt) for r in rates)
