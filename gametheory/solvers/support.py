r"""All extreme equilibria of a two-player game by support enumeration.

Classic support enumeration (Dickhaut and Kaplan 1991; von Stengel 2007,
Algorithm 3.4; Porter, Nudelman and Shoham 2008) guesses the supports
:math:`I` of :math:`x` and :math:`J` of :math:`y` with :math:`|I| = |J|`,
solves the indifference equations

.. math::

    \sum_{i \in I} B_{ij} x_i = v_2 \ (j \in J), \quad \sum_{i \in I} x_i = 1,
    \qquad
    \sum_{j \in J} A_{ij} y_j = v_1 \ (i \in I), \quad \sum_{j \in J} y_j = 1,

and keeps the solutions that are nonnegative best replies.  It finds every
equilibrium of a *nondegenerate* game, but in a degenerate game an extreme
equilibrium can have supports of different sizes, or supports whose
equations have a continuum of solutions (nashpy issue #82; the Serbian
blockade game of ``models/serbia_blockade_offer.toml``), and is then missed.

This module decouples the two players.  For the row player's strategy it
enumerates pairs :math:`(I, K)` with :math:`|I| = |K|`, where :math:`K` is a
set of the column player's strategies required to be *indifferent* (best
replies), not the column player's support; it keeps the unique solution
:math:`x` when it is positive on :math:`I` and every column is at most
:math:`v_2`.  Symmetrically for :math:`y` with :math:`(J, L)`.  Each kept
:math:`x` is an extreme point of the row player's best-response region and
every such extreme point arises (choose :math:`K` among its best replies so
that the system is nonsingular), so matching the two lists
(:math:`\mathrm{supp}\,y \subseteq BR(x)`, :math:`\mathrm{supp}\,x \subseteq BR(y)`)
gives exactly the extreme equilibria, degenerate games included; in a
nondegenerate game :math:`K = J` and :math:`L = I`, the classic equations.

Pruning (Porter, Nudelman and Shoham 2008): a column :math:`k` is never put
in :math:`K` when some column is strictly better than :math:`k` against
every row of :math:`I` (it is conditionally dominated given :math:`I`, so it
cannot be a best reply to any :math:`x` supported on :math:`I`); likewise
for rows given :math:`J`.

Every equilibrium's ``info`` carries the equations it solved, as text.

Cost: each player's kernel solves up to
:math:`\sum_k \binom{m}{k}\binom{n}{k} = \binom{m+n}{m} - 1` systems (184,755
per player at 10x10) whatever the number of equilibria, where vertex
enumeration (``enumerate``) visits only the vertices of the best-response
polytopes and lrsnash answers a random 10x10 game in a twentieth of a second.
:func:`support_cost` charges that work before it starts
(:func:`gametheory.cost.check_cost`), so that the default ``max_cost`` refuses
the sizes where the method is hopeless (exact games from 9x9, float games from
12x12) with a message pointing to ``enumerate``; ``auto`` never chooses this
method.  Pruning cannot change the count much on games without dominated
strategies: the method is for small games, whose equations it shows.

References
----------
.. [1] J. Dickhaut and T. Kaplan, "A program for finding Nash equilibria",
   *The Mathematica Journal* 1(4) (1991) 87-93.
.. [2] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (Algorithm 3.4; extreme equilibria of degenerate games,
   Proposition 3.8).
.. [3] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
   finding a Nash equilibrium", *Games and Economic Behavior* 63(2) (2008)
   642-662 (conditional dominance).

Examples
--------
The Serbian blockade game (the West offers O or not N), where equal-size support
enumeration misses the extreme point :math:`(O, \tfrac34 CC + \tfrac14 CB)`:

>>> from gametheory import Game, solve
>>> g = Game.from_bimatrix([[-1, -1, -4, -4], [0, -4, 0, -4]], [[3, 3, 2, 2], [0, 2, 0, 2]],
...                        players=["West", "Serbia"], strategies=[["O", "N"], ["CC", "CB", "BC", "BB"]])
>>> res = solve(g, method="support")
>>> for e in res:
...     print({p: {s: str(q) for s, q in d.items() if q} for p, d in e.profile.as_dict().items()})
{'West': {'O': '1'}, 'Serbia': {'CC': '3/4', 'CB': '1/4'}}
{'West': {'O': '1'}, 'Serbia': {'CB': '1'}}
{'West': {'N': '1'}, 'Serbia': {'BB': '1'}}
>>> for line in res[0].info["column_system"]:
...     print(line)
payoff of West from O: -1*q(CC) - 1*q(CB) = v_West
payoff of West from N: 0*q(CC) - 4*q(CB) = v_West
q(CC) + q(CB) = 1
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING, NamedTuple, TypeAlias, TypeVar

import numpy as np

from ..cost import check_cost
from ..errors import CostLimitError
from ..exact import solve_rational
from ..numbers import format_number
from ..payoff_scale import scaled_floats
from ..profile import default_tolerance
from ._components import assemble_result
from .vertex import DEGENERATE

if TYPE_CHECKING:
    from ..game import Game
    from ..result import SolveResult

__all__ = [
    "BestReplyVertex",
    "best_reply_vertices",
    "support_equilibria",
    "solve_support",
    "support_cost",
]

#: Elementary steps (the unit of :mod:`gametheory.cost`: a vectorised float step, about 15 ns here) charged per
#: arithmetic operation of an indifference system.  Measured on the systems of random 5x5 to 8x8 games: a
#: Fraction operation takes 1.5-2 us, a float one (NumPy on a tiny matrix, call overhead included) 50-250 ns.
EXACT_STEPS_PER_OPERATION = 100
FLOAT_STEPS_PER_OPERATION = 1


def support_cost(m: int, n: int, exact: bool) -> int:
    r"""Estimated elementary steps of :func:`solve_support` on an ``m x n`` game.

    Each player's kernel solves at most :math:`\binom{m}{k}\binom{n}{k}`
    systems of :math:`k + 1` equations for each size :math:`k`, about
    :math:`(k+1)^3` operations each; an operation counts
    :data:`EXACT_STEPS_PER_OPERATION` steps in exact arithmetic,
    :data:`FLOAT_STEPS_PER_OPERATION` in floats.

    >>> support_cost(2, 2, exact=False)   # 2 x (4 systems of 2 equations x 8 + 1 of 3 x 27)
    118
    >>> support_cost(10, 10, exact=True) > 10**9   # refused under the default max_cost
    True
    """
    ops = 2 * sum(comb(m, k) * comb(n, k) * (k + 1) ** 3 for k in range(1, min(m, n) + 1))
    return ops * (EXACT_STEPS_PER_OPERATION if exact else FLOAT_STEPS_PER_OPERATION)


def _solve_float(M: list[list[float]], b: list[float]) -> list[float] | None:
    """The unique solution of the square system ``M z = b``, or None when ``M`` is (nearly) singular."""
    Mf = np.asarray(M, dtype=float)
    if abs(np.linalg.det(Mf)) < 1e-12 * max(1.0, float(np.abs(Mf).max())) ** len(Mf):
        return None
    return list(np.linalg.solve(Mf, np.asarray(b, dtype=float)))


def _solve_exact(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """The unique exact solution of ``M z = b``, or None when ``M`` is singular."""
    return solve_rational(M, b, unique=True)


class BestReplyVertex(NamedTuple):
    """An extreme mixed strategy of one player and the indifference system that defines it.

    Attributes
    ----------
    x : tuple of Fraction or float
        The mixed strategy (zero off ``support``).
    best_replies : frozenset of int
        The other player's best replies to ``x``.
    value : Fraction or float
        The other player's payoff ``v`` against ``x``.
    support : tuple of int
        ``I``, the support of ``x``.
    indifferent : tuple of int
        ``K``, the other player's strategies made indifferent (payoff ``v``).
    """

    x: tuple[Fraction | float, ...]
    best_replies: frozenset[int]
    value: Fraction | float
    support: tuple[int, ...]
    indifferent: tuple[int, ...]


# Fractions in exact mode, floats otherwise: the kernel is checked for both.
_Num = TypeVar("_Num", Fraction, float)


def best_reply_vertices(U: Sequence[Sequence[Fraction | float]], exact: bool, tol: float = 0.0,
                        prune: bool = True) -> list[BestReplyVertex]:
    """Extreme mixed strategies of one player that make the other's strategies in ``K`` indifferent.

    Kernel of the method, for the player whose strategies index the rows of
    ``U``; ``U[i][j]`` is the *other* player's payoff when this player plays
    ``i`` and the other ``j``.

    Parameters
    ----------
    U : list of list
        Fractions (``exact``) or floats, ``m x n``.
    exact : bool
    tol : float
        Float mode: tolerance for positivity and best replies.
    prune : bool
        Skip indifference sets with a conditionally dominated member.

    Returns
    -------
    list of BestReplyVertex
        ``(x, best replies to x, the other's payoff v, I, K)`` per distinct ``x``.

    Examples
    --------
    Matching pennies, the column player's payoffs seen from the row player:

    >>> for x, br, v, I, K in best_reply_vertices([[-1, 1], [1, -1]], True):
    ...     print([str(t) for t in x], sorted(br), v)
    ['1', '0'] [1] 1
    ['0', '1'] [0] 1
    ['1/2', '1/2'] [0, 1] 0
    """
    if exact:
        Uq = [[Fraction(v) for v in row] for row in U]
        return _vertices(Uq, Fraction(0), Fraction(1), _solve_exact, True, tol, prune)
    Uf = [[float(v) for v in row] for row in U]
    return _vertices(Uf, 0.0, 1.0, _solve_float, False, tol, prune)


def _vertices(U: list[list[_Num]], zero: _Num, one: _Num, solve: Callable[[list[list[_Num]], list[_Num]],
              list[_Num] | None], exact: bool, tol: float, prune: bool) -> list[BestReplyVertex]:
    """:func:`best_reply_vertices` on a matrix already converted to Fractions or floats."""
    m, n = len(U), len(U[0])
    found: dict[tuple[object, ...], BestReplyVertex] = {}
    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):  # noqa: E741  (I, K: the sets of the module docstring)
            if prune:
                # column j is conditionally dominated given I when some column beats it on every row of I
                allowed = [j for j in range(n) if not any(all(U[i][jj] > U[i][j] for i in I) for jj in range(n))]
            else:
                allowed = list(range(n))
            for K in itertools.combinations(allowed, k):
                # unknowns x_I and v: sum_i U[i][j] x_i - v = 0 (j in K), sum_i x_i = 1
                M = [[U[i][j] for i in I] + [-one] for j in K] + [[one] * k + [zero]]
                sol = solve(M, [zero] * k + [one])
                if sol is None:
                    continue
                xs, v = sol[:k], sol[k]
                if min(xs) <= tol:
                    continue
                pay = [sum(U[i][j] * x for i, x in zip(I, xs)) for j in range(n)]
                if max(pay) > v + tol:
                    continue
                x = [zero] * m
                for i, xi in zip(I, xs):
                    x[i] = xi
                key = tuple(x) if exact else tuple(round(float(t), 9) for t in x)
                if key not in found:
                    br = frozenset(j for j in range(n) if pay[j] >= v - tol)
                    found[key] = BestReplyVertex(tuple(x), br, v, I, K)
    return list(found.values())


#: An extreme equilibrium found by :func:`support_equilibria`: ``((x, y), (row vertex, column vertex))``.
SupportEquilibrium: TypeAlias = tuple[
    tuple[tuple[Fraction | float, ...], tuple[Fraction | float, ...]], tuple[BestReplyVertex, BestReplyVertex]
]


def support_equilibria(A: Sequence[Sequence[Fraction | float]], B: Sequence[Sequence[Fraction | float]], exact: bool,
                       tol: float = 0.0, prune: bool = True) -> tuple[list[SupportEquilibrium], bool]:
    """Kernel: matched pairs of best-reply vertices.

    Returns
    -------
    (list of ((x, y), (row vertex, column vertex)), bool)
        The extreme equilibria and whether the game is degenerate (some
        extreme strategy has more best replies than its support size).
    """
    m, n = len(A), len(A[0])
    BT_rows = [[B[i][j] for j in range(n)] for i in range(m)]
    xs = best_reply_vertices(BT_rows, exact, tol, prune)
    At = [[A[i][j] for i in range(m)] for j in range(n)]
    ys = best_reply_vertices(At, exact, tol, prune)
    out: list[SupportEquilibrium] = []
    for xr in xs:
        supp_x = {i for i, v in enumerate(xr.x) if v > tol}
        for yr in ys:
            supp_y = {j for j, v in enumerate(yr.x) if v > tol}
            if supp_y <= xr.best_replies and supp_x <= yr.best_replies:
                out.append(((xr.x, yr.x), (xr, yr)))
    degenerate = any(len(r.best_replies) > len(r.support) for r in xs + ys)
    return out, degenerate


def _equations(coef_of: Callable[[int, int], Fraction | float], chooser_labels: Sequence[str], I: Sequence[int],  # noqa: E741
               K: Sequence[int], other_labels: Sequence[str], other_player: str, prob: str) -> list[str]:
    """Text of the indifference system for one player's mixed strategy."""
    lines = []
    for j in K:
        terms = []
        for pos, i in enumerate(I):
            c = coef_of(i, j)
            s = format_number(c)
            if pos == 0:
                terms.append(f"{s}*{prob}({chooser_labels[i]})")
            else:
                sign = "-" if c < 0 else "+"
                terms.append(f"{sign} {format_number(abs(c))}*{prob}({chooser_labels[i]})")
        lines.append(f"payoff of {other_player} from {other_labels[j]}: {' '.join(terms)} = v_{other_player}")
    lines.append(" + ".join(f"{prob}({chooser_labels[i]})" for i in I) + " = 1")
    return lines


def solve_support(game: Game, tol: float | None = None, prune: bool = True,
                  max_cost: float | None = None) -> SolveResult:
    """Every extreme equilibrium of a two-player game, with the equations that define it.

    Parameters
    ----------
    game : Game
    tol : float, optional
        Float games: tolerance for positivity and best replies (scaled to the payoff range by default).
    prune : bool
        Conditional-dominance pruning (Porter, Nudelman and Shoham 2008).
    max_cost : int, optional
        Refuse (CostLimitError) when :func:`support_cost`, the estimated work
        of the indifference systems, exceeds it (default:
        :data:`gametheory.cost.DEFAULT_MAX_COST`, which refuses exact games
        from 9x9 and float games from 12x12).

    Returns
    -------
    SolveResult
        ``complete=True`` (exact games: every extreme equilibrium; float games:
        up to the tolerance).  Each equilibrium's ``info`` holds
        ``row_system`` (the equations for the row player's strategy, which
        make the column player indifferent) and ``column_system``.
    """
    exact = game.kind == "exact"
    if tol is None:
        tol = 0 if exact else default_tolerance(game)
    m, n = game.shape
    systems = 2 * sum(comb(m, k) * comb(n, k) for k in range(1, min(m, n) + 1))
    try:
        check_cost(support_cost(m, n, exact), max_cost, "support",
                   f"{systems} indifference systems in {'rational' if exact else 'float'} arithmetic")
    except CostLimitError as exc:
        # the work grows like binomial(m + n, m) whatever the game; vertex enumeration's with its vertices
        raise CostLimitError(f"{exc}; method 'enumerate' lists the same extreme equilibria and is much faster "
                             "at this size (support enumeration solves every pair of a support and an "
                             "indifference set)") from None
    payoffs = game.bimatrix()
    A: list[list[Fraction]] | list[list[float]]
    B: list[list[Fraction]] | list[list[float]]
    if exact:
        A, B = ([[Fraction(v) for v in row] for row in M] for M in payoffs)
        found, degenerate = support_equilibria(A, B, exact, tol, prune)
    else:
        A, B = (np.asarray(M, dtype=float).tolist() for M in payoffs)
        # the kernel runs on the payoffs scaled by a power of two (no overflow near 1.8e308, thresholds of a
        # fixed meaning near 1e-12); probabilities do not change, so the vertices are those of (A, B)
        f, k = scaled_floats(game.payoffs)
        found, degenerate = support_equilibria(f[..., 0].tolist(), f[..., 1].tolist(), exact,
                                               float(np.ldexp(tol, -k)), prune)
    p1, p2 = game.players
    s1, s2 = game.strategies
    pairs, infos = [], []
    for (x, y), (xr, yr) in found:
        pairs.append((x, y))
        infos.append({
            "row_system": _equations(lambda i, j: B[i][j], s1, xr.support, xr.indifferent, s2, p2, "p"),
            "column_system": _equations(lambda j, i: A[i][j], s2, yr.support, yr.indifferent, s1, p1, "q"),
        })
    diags = [DEGENERATE] if degenerate else []
    return assemble_result(game, "support", pairs, exact=exact, tol=tol, complete=True, diagnostics=diags, infos=infos)
