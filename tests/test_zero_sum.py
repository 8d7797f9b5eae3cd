"""Zero-sum and constant-sum games: value and optimal strategies, certified exactly.

Expected values come from hand calculation (the 2x2 formula, symmetric
games) or from pygambit's ``lp_solve`` run in the test.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refs.gambit import lp_value, zero_sum

from gametheory import CostLimitError, Game, UnsupportedGameError, solve
from gametheory.solvers.zero_sum import solve_zero_sum


def certificate(A, x, y):
    """(min over columns of x^T A, max over rows of A y), exact."""
    m, n = len(A), len(A[0])
    low = min(sum(x[i] * A[i][j] for i in range(m)) for j in range(n))
    high = max(sum(A[i][j] * y[j] for j in range(n)) for i in range(m))
    return low, high


@pytest.mark.parametrize(
    "A, value, x, y",
    [
        pytest.param([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], 0, [F(1, 3)] * 3, [F(1, 3)] * 3, id="rock-paper-scissors"),
        pytest.param([[1, -1], [-1, 1]], 0, [F(1, 2)] * 2, [F(1, 2)] * 2, id="matching-pennies"),
        # 2x2 without a saddle: v = (ad - bc)/(a + d - b - c), x1 = (d - c)/(a + d - b - c), y1 = (d - b)/(...)
        pytest.param([[3, -1], [-2, 1]], F(1, 7), [F(3, 7), F(4, 7)], [F(2, 7), F(5, 7)], id="2x2-formula"),
        pytest.param([[4, 1], [2, 3]], F(5, 2), [F(1, 4), F(3, 4)], [F(1, 2), F(1, 2)], id="2x2-formula-positive"),
    ],
)
def test_literature_values_and_unique_strategies(A, value, x, y):
    res = solve_zero_sum(Game.zero_sum(A))
    assert res.exact and res.method == "zero-sum" and res.complete is False
    assert res.extra["value"] == str(F(value))
    eq = res[0]
    assert list(eq.profile.vectors[0]) == x and list(eq.profile.vectors[1]) == y
    assert all(r == 0 for r in eq.regret.values())
    assert any("convex" in d for d in res.diagnostics)


def test_kosovo_status_saddle_point_by_hand():
    # kosovo_status_zero_sum at its defaults: US rows Back independence / Delay, Russia columns Veto / Acquiesce; US payoff k, Russia -k
    game = Game.zero_sum([[2, 7], [-3, 0]], players=["US", "Russia"], strategies=[["B", "D"], ["V", "A"]])
    res = solve(game, method="zero-sum")
    assert res.extra["value"] == "2" and res.extra["values"] == {"US": "2", "Russia": "-2"}
    assert res[0].profile.support() == {"US": ("B",), "Russia": ("V",)}
    assert res[0].payoffs["US"] == 2


def test_constant_sum_game_is_detected_and_solved():
    # u1 + u2 = 10 everywhere: the same equilibria as the zero-sum game A
    A = [[6, 3], [4, 7]]
    game = Game.from_bimatrix(A, [[10 - a for a in row] for row in A])
    assert game.is_constant_sum()
    res = solve(game, method="zero-sum")
    # hand: v = (6*7 - 3*4)/(6 + 7 - 3 - 4) = 5, x1 = (7 - 4)/6 = 1/2
    assert res.extra["values"] == {"Player 1": "5", "Player 2": "5"}
    assert list(res[0].profile.vectors[0]) == [F(1, 2), F(1, 2)]
    assert any("constant-sum" in d for d in res.diagnostics)
    json.dumps(res.to_json())


def test_non_constant_sum_game_is_refused_clearly():
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])
    assert not pd.is_constant_sum()
    with pytest.raises(UnsupportedGameError, match="constant-sum"):
        solve(pd, method="zero-sum")
    with pytest.raises(UnsupportedGameError, match="2 players|two-player"):
        solve(Game(np.zeros((2, 2, 2, 3))), method="zero-sum")


@pytest.mark.oracle
@pytest.mark.parametrize("seed", range(15))
def test_random_exact_games_match_gambit_lp(seed):
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(1, 8, size=2))
    A = rng.integers(-9, 10, size=(m, n)).tolist()
    res = solve_zero_sum(Game.zero_sum(A))
    assert res.exact
    value = F(res.extra["value"])
    assert value == lp_value(zero_sum(A))
    x, y = (list(v) for v in res[0].profile.vectors)
    assert certificate(A, x, y) == (value, value)


@pytest.mark.oracle
@pytest.mark.parametrize("seed", range(5))
def test_random_float_games_match_gambit_lp(seed):
    rng = np.random.default_rng(50 + seed)
    A = rng.normal(size=(6, 5))
    res = solve_zero_sum(Game.zero_sum(A))
    assert not res.exact
    expected = lp_value(zero_sum(A), rational=False)
    scale = float(np.abs(A).max())
    assert abs(res.extra["value"] - expected) <= 1e-8 * scale
    x, y = res[0].profile.vectors
    assert (x @ A).min() >= res.extra["value"] - 1e-8 * scale
    assert (A @ y).max() <= res.extra["value"] + 1e-8 * scale


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=3, max_size=3), min_size=1, max_size=4))
def test_degenerate_games_are_certified_exactly(A):
    res = solve_zero_sum(Game.zero_sum(A))
    assert res.exact
    value = F(res.extra["value"])
    x, y = (list(v) for v in res[0].profile.vectors)
    assert certificate(A, x, y) == (value, value)


def test_cost_limit():
    with pytest.raises(CostLimitError, match="max_cost"):
        solve_zero_sum(Game.zero_sum(np.eye(20)), max_cost=10)
