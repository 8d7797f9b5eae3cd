"""Equilibrium certificates by brute force over pure profiles, independent of the library's code.

A profile is a Nash equilibrium iff every player's regret, the best pure payoff against the
others' mixture minus the expected payoff, is zero (Nash 1951); sums over every pure profile.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np


def exact_regrets(payoffs, vectors) -> list[Fraction]:
    """Each player's regret, by brute force over pure profiles, in Fractions.

    ``payoffs[s_1, ..., s_N][i]`` (nested lists or an object array); ``vectors[i][j]`` Fractions.
    """
    pay = np.asarray(payoffs, dtype=object)
    shape = pay.shape[:-1]
    n = len(shape)
    out = []
    for i in range(n):
        vals = [Fraction(0)] * shape[i]
        for prof in itertools.product(*[range(k) for k in shape]):
            w = Fraction(1)
            for k in range(n):
                if k != i:
                    w *= Fraction(vectors[k][prof[k]])
            if w:
                vals[prof[i]] += w * Fraction(pay[prof][i])
        expected = sum((Fraction(vectors[i][j]) * vals[j] for j in range(shape[i])), Fraction(0))
        out.append(max(vals) - expected)
    return out


def float_regrets(payoffs, vectors) -> list[float]:
    """Each player's regret in floats, by brute force over pure profiles."""
    pay = np.asarray(payoffs, dtype=float)
    shape = pay.shape[:-1]
    n = len(shape)
    out = []
    for i in range(n):
        vals = np.zeros(shape[i])
        for prof in itertools.product(*[range(k) for k in shape]):
            w = 1.0
            for k in range(n):
                if k != i:
                    w *= float(vectors[k][prof[k]])
            vals[prof[i]] += w * pay[prof][i]
        out.append(float(vals.max() - np.dot(vals, np.asarray(vectors[i], dtype=float))))
    return out


def is_pure_nash(game, profile_labels: Sequence[str]) -> bool:
    """Brute force: no player gains by a unilateral pure deviation (exact)."""
    pay = game.to_exact().payoffs
    idx = tuple(game.strategy_index(i, lab) for i, lab in enumerate(profile_labels))
    for i in range(game.num_players):
        for t in range(game.shape[i]):
            dev = idx[:i] + (t,) + idx[i + 1:]
            if pay[dev][i] > pay[idx][i]:
                return False
    return True


def same_profile(a, b, tol: float = 1e-6) -> bool:
    """Whether two profiles (a vector per player) agree entrywise within ``tol``."""
    return all(np.allclose(np.asarray(x, dtype=float), np.asarray(y, dtype=float), atol=tol) for x, y in zip(a, b))
