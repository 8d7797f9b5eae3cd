"""One oracle for every registered two-player method: each reported equilibrium is one.

The regrets are recomputed here from the probability vectors with plain
Fraction (or float) sums, independently of the library's certificate code.
Methods that declare ``complete`` in the method table must list exactly the
extreme equilibria of vertex enumeration (which is checked against pygambit
elsewhere); hypothesis draws small integer games with many ties.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from refs.gambit import gambit_extreme
from refs.games import LITERATURE, random_decimal_game
from refs.views import eq_set, float_keys

from gametheory import METHODS, CostLimitError, Game, SolveResult, UnsupportedGameError, solve

# the Nash methods for two players ("correlated" answers another question: tests/test_correlated.py)
TWO_PLAYER = sorted(name for name, m in METHODS.items() if m.handles_players(2) and m.result_type is SolveResult)


def independent_regrets(game, x, y):
    A, B = game.bimatrix()
    m, n = game.shape
    exact = game.kind == "exact"
    conv = Fraction if exact else float
    A = [[conv(A[i][j]) for j in range(n)] for i in range(m)]
    B = [[conv(B[i][j]) for j in range(n)] for i in range(m)]
    rows = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    cols = [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)]
    u1 = sum(x[i] * rows[i] for i in range(m))
    u2 = sum(y[j] * cols[j] for j in range(n))
    return max(rows) - u1, max(cols) - u2


def check_oracle(game, res):
    scale = max(1.0, float(np.abs(np.asarray(game.payoffs, dtype=float)).max()))
    for eq in res:
        x, y = eq.profile.vectors
        assert all(v >= 0 for v in x) and all(v >= 0 for v in y)
        r1, r2 = independent_regrets(game, list(x), list(y))
        if res.exact:
            assert sum(x) == 1 and sum(y) == 1
            assert r1 == 0 and r2 == 0
        else:
            assert abs(sum(x) - 1) <= 1e-9 and abs(sum(y) - 1) <= 1e-9
            assert r1 <= 1e-7 * scale and r2 <= 1e-7 * scale


def oracle_games():
    games = [Game.from_bimatrix(p.values[0], p.values[1]) for p in LITERATURE]
    rng = np.random.default_rng(61)
    games += [random_decimal_game(rng, 3, 3) for _ in range(3)]
    games += [Game.from_bimatrix(rng.random((3, 4)), rng.random((3, 4)))]  # a float game
    return games


def test_two_player_methods_are_registered():
    assert {"enumerate", "support"} <= set(TWO_PLAYER)


def check_against_reference(method, res, reference):
    """A method that claims completeness lists the reference's extreme equilibria.

    Two-player enumerators list every extreme point; an N-player method that
    claims only the isolated equilibria is compared when every component of
    the reference is a single point.
    """
    if not (METHODS[method].complete and res.complete):
        return
    if METHODS[method].max_players == 2:
        if res.exact:
            assert eq_set(res) == eq_set(reference)
        else:
            assert float_keys(eq_set(res)) == float_keys(eq_set(reference))
        assert len(res.components) == len(reference.components)
    elif all(len(c) == 1 for c in reference.components):
        assert float_keys(eq_set(res)) == float_keys(eq_set(reference))


def solve_or_refuse(game, method):
    try:
        return solve(game, method=method)
    except (UnsupportedGameError, CostLimitError):
        return None  # the method declines this game (e.g. zero-sum only): nothing reported, nothing to check


@pytest.mark.parametrize("method", TWO_PLAYER)
def test_every_reported_equilibrium_passes_the_oracle(method):
    solved = 0
    for game in oracle_games():
        res = solve_or_refuse(game, method)
        if res is None:
            continue
        solved += 1
        assert res.method == method
        check_oracle(game, res)
        check_against_reference(method, res, solve(game, method="enumerate"))
    zero_sum = Game.zero_sum([[1, -1, 0], [-1, 1, 2]])
    res = solve_or_refuse(zero_sum, method)
    if res is not None:
        solved += 1
        check_oracle(zero_sum, res)
    assert solved >= 1


small_games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda mn: st.tuples(
        st.lists(st.lists(st.integers(-2, 2), min_size=mn[1], max_size=mn[1]), min_size=mn[0], max_size=mn[0]),
        st.lists(st.lists(st.integers(-2, 2), min_size=mn[1], max_size=mn[1]), min_size=mn[0], max_size=mn[0]),
    )
)


@pytest.mark.slow
@pytest.mark.oracle
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games)
def test_hypothesis_methods_agree_and_certificates_hold(AB):
    game = Game.from_bimatrix(*AB)
    reference = solve(game, method="enumerate")
    assert eq_set(reference) == gambit_extreme(game)
    for method in TWO_PLAYER:
        res = solve_or_refuse(game, method)
        if res is None:
            continue
        check_oracle(game, res)
        check_against_reference(method, res, reference)
        if not res.complete and res.exact and all(eq.is_pure for eq in res):
            assert eq_set(res) <= eq_set(reference)
