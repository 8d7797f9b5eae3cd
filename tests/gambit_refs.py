"""Independent reference solvers for the assumption tests: pygambit, run inside the tests."""

from fractions import Fraction

import numpy as np
import pygambit as gbt


def _frac(x):
    return Fraction(x) if not isinstance(x, Fraction) else x


def gambit_game(game):
    """A pygambit game with the exact payoffs of a numeric Game."""
    pay = game.to_exact().payoffs
    arrays = [np.vectorize(_frac, otypes=[object])(pay[..., i]) for i in range(game.num_players)]
    return gbt.Game.from_arrays(*arrays)


def gambit_supports(game):
    """Sorted supports (labels per player) of the extreme equilibria, by pygambit.

    Two players: enummixed (all extreme equilibria, exact).  More: enumpoly
    (isolated equilibria).
    """
    g = gambit_game(game)
    if game.num_players == 2:
        res = gbt.nash.enummixed_solve(g, rational=True)
    else:
        res = gbt.nash.enumpoly_solve(g)
    out = set()
    for e in res.equilibria:
        sup = []
        for i, p in enumerate(g.players):
            sup.append(tuple(game.strategies[i][k] for k, s in enumerate(p.strategies) if float(e[s]) > 1e-9))
        out.add(tuple(sup))
    return tuple(sorted(out))


def gambit_profiles(game):
    """Equilibrium probability vectors (floats) found by pygambit."""
    g = gambit_game(game)
    res = gbt.nash.enummixed_solve(g, rational=True) if game.num_players == 2 else gbt.nash.enumpoly_solve(g)
    return [[np.array([float(e[s]) for s in p.strategies]) for p in g.players] for e in res.equilibria]


def is_pure_nash(game, profile_labels):
    """Brute force: no player gains by a unilateral pure deviation (exact)."""
    pay = game.to_exact().payoffs
    idx = tuple(game.strategy_index(i, lab) for i, lab in enumerate(profile_labels))
    for i in range(game.num_players):
        for t in range(game.shape[i]):
            dev = idx[:i] + (t,) + idx[i + 1:]
            if pay[dev][i] > pay[idx][i]:
                return False
    return True
