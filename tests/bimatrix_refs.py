"""Reference answers for two-player tests: pygambit's exact enummixed, games generators, set views."""

from fractions import Fraction
from fractions import Fraction as F

import numpy as np
import pygambit as gbt
import pytest

from gametheory import Game


def gambit_extreme(game):
    """Extreme equilibria of an exact two-player game by pygambit's enummixed_solve(rational=True)."""
    A, B = game.bimatrix()
    to_arr = lambda M: np.array([[Fraction(v) for v in row] for row in M], dtype=object)  # noqa: E731
    g = gbt.Game.from_arrays(to_arr(A), to_arr(B))
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(tuple(Fraction(e[s]) for s in p.strategies) for p in g.players) for e in res.equilibria}


def eq_set(result):
    """The equilibria of a SolveResult as a set of (x, y) tuples."""
    return {tuple(tuple(v) for v in eq.profile.vectors) for eq in result}


def float_keys(pairs, digits=6):
    """Rounded float view of equilibria, for comparisons with float solvers."""
    return {tuple(tuple(round(float(v), digits) + 0.0 for v in vec) for vec in pair) for pair in pairs}


def random_int_game(rng, m, n, low=-2, high=2):
    return Game.from_bimatrix(rng.integers(low, high + 1, (m, n)).tolist(), rng.integers(low, high + 1, (m, n)).tolist())


def random_decimal_game(rng, m, n, digits=None):
    """Uniform [0, 1) floats as exact decimals (their shortest repr, or rounded to ``digits``)."""
    def conv(v):
        v = float(v)
        return Fraction(repr(v)) if digits is None else Fraction(round(v * 10**digits), 10**digits)

    A = [[conv(v) for v in row] for row in rng.random((m, n))]
    B = [[conv(v) for v in row] for row in rng.random((m, n))]
    return Game.from_bimatrix(A, B)


def as_fractions(pairs):
    return {tuple(tuple(F(v) for v in vec) for vec in pair) for pair in pairs}


H, T3, Q = F(1, 2), F(1, 3), F(1, 4)

# Degenerate and textbook games, derived by hand.
# (A, B, extreme equilibria, components as lists of equilibria, degenerate)
LITERATURE = [
    pytest.param(
        # von Stengel (2007), Fig. 3.?: row 1 ties the column player; rows 2, 3 mix at (0, 1/3, 2/3).
        # Top is a best reply iff y2 <= 1/3, hence the segment from (T, L) to (T, 2/3 L + 1/3 R).
        [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
        {((1, 0, 0), (1, 0)), ((1, 0, 0), (2 * T3, T3)), ((0, T3, 2 * T3), (T3, 2 * T3))},
        [[((1, 0, 0), (1, 0)), ((1, 0, 0), (2 * T3, T3))], [((0, T3, 2 * T3), (T3, 2 * T3))]],
        True, id="von-stengel-3x2-degenerate",
    ),
    pytest.param(
        # the nondegenerate version (von Stengel 2007, Fig. 3.1): three isolated equilibria
        [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
        {((1, 0, 0), (1, 0)), ((F(4, 5), F(1, 5), 0), (2 * T3, T3)), ((0, T3, 2 * T3), (T3, 2 * T3))},
        [[((1, 0, 0), (1, 0))], [((F(4, 5), F(1, 5), 0), (2 * T3, T3))], [((0, T3, 2 * T3), (T3, 2 * T3))]],
        False, id="von-stengel-3x2-nondegenerate",
    ),
    pytest.param(
        # weakly dominated coordination: (B, R) is an equilibrium, no mixed one (y1 > 0 forces T, x1 > 0 forces L)
        [[1, 0], [0, 0]], [[1, 0], [0, 0]],
        {((1, 0), (1, 0)), ((0, 1), (0, 1))},
        [[((1, 0), (1, 0))], [((0, 1), (0, 1))]],
        True, id="weak-dominance-coordination",
    ),
    pytest.param(
        # T weakly dominates B and the column player is indifferent after T: (T, any y) and (any x, R)
        [[1, 1], [0, 1]], [[1, 1], [0, 0]],
        {((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (0, 1))},
        [[((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (0, 1))]],
        True, id="weak-dominance-two-segments",
    ),
    pytest.param(
        # strictly dominant L for the column player; T a best reply to L only
        [[1, 1], [0, 1]], [[1, 0], [1, 0]],
        {((1, 0), (1, 0))},
        [[((1, 0), (1, 0))]],
        True, id="weak-dominance-unique",
    ),
    pytest.param(
        [[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]],
        {((a, 1 - a), tuple(int(j == k) for j in range(3))) for a in (0, 1) for k in range(3)},
        [[((a, 1 - a), tuple(int(j == k) for j in range(3))) for a in (1, 0) for k in range(3)]],
        True, id="all-zero-2x3",
    ),
    pytest.param(
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
        {((H, H), (H, H))}, [[((H, H), (H, H))]], False, id="matching-pennies",
    ),
    pytest.param(
        # blocks {1,2} and {3}: any x, y on block {1,2} (a square, 4 vertices); (3, 3);
        # and a + b = c = 1/2 for both players (another square of 4 vertices): 9 in 3 components
        [[1, 1, 0], [1, 1, 0], [0, 0, 1]], [[1, 1, 0], [1, 1, 0], [0, 0, 1]],
        {(u, v) for u in ((1, 0, 0), (0, 1, 0)) for v in ((1, 0, 0), (0, 1, 0))}
        | {((0, 0, 1), (0, 0, 1))}
        | {(u, v) for u in ((H, 0, H), (0, H, H)) for v in ((H, 0, H), (0, H, H))},
        [[(u, v) for u in ((1, 0, 0), (0, 1, 0)) for v in ((1, 0, 0), (0, 1, 0))],
         [((0, 0, 1), (0, 0, 1))],
         [(u, v) for u in ((H, 0, H), (0, H, H)) for v in ((H, 0, H), (0, H, H))]],
        True, id="block-coordination-3x3",
    ),
    pytest.param(
        # brief section 2: West {O, N} x Serbia {CC, CB, BC, BB}.  After O Serbia ties CC/CB (3);
        # O stays a best reply while -1 >= -4 (1 - q), q <= 3/4.  (N, BB): West ties -4/-4.
        [[-1, -1, -4, -4], [0, -4, 0, -4]], [[3, 3, 2, 2], [0, 2, 0, 2]],
        {((1, 0), (0, 1, 0, 0)), ((1, 0), (3 * Q, Q, 0, 0)), ((0, 1), (0, 0, 0, 1))},
        [[((1, 0), (0, 1, 0, 0)), ((1, 0), (3 * Q, Q, 0, 0))], [((0, 1), (0, 0, 0, 1))]],
        True, id="serbia-blockade-2x4",
    ),
    pytest.param(
        # one row: the column player's best replies are columns 1 and 3
        [[1, 2, 3]], [[3, 1, 3]],
        {((1,), (1, 0, 0)), ((1,), (0, 0, 1))},
        [[((1,), (1, 0, 0)), ((1,), (0, 0, 1))]],
        True, id="single-row-1x3",
    ),
    pytest.param(
        [[1], [3], [3]], [[0], [5], [1]],
        {((0, 1, 0), (1,)), ((0, 0, 1), (1,))},
        [[((0, 1, 0), (1,)), ((0, 0, 1), (1,))]],
        True, id="single-column-3x1",
    ),
    pytest.param([[5]], [[-1]], {((1,), (1,))}, [[((1,), (1,))]], False, id="1x1"),
]


