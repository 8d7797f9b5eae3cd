"""Reference answers for two-player tests: pygambit's exact enummixed, games generators, set views."""

from fractions import Fraction

import numpy as np
import pygambit as gbt

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
