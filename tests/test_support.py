"""Support enumeration ('support'): extreme equilibria, equations, agreement with vertex enumeration."""

from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from refs.gambit import gambit_extreme
from refs.games import LITERATURE, random_decimal_game, random_int_game
from refs.views import as_fractions, component_sets, eq_set, float_keys

from gametheory import Game, solve
from gametheory.solvers.support import best_reply_vertices
from gametheory.solvers.vertex import DEGENERATE


@pytest.mark.parametrize("A, B, expected, components, degenerate", LITERATURE)
@pytest.mark.parametrize("prune", [True, False], ids=["pruned", "unpruned"])
def test_literature_games(A, B, expected, components, degenerate, prune):
    res = solve(Game.from_bimatrix(A, B), method="support", prune=prune)
    assert res.exact and res.complete
    assert eq_set(res) == as_fractions(expected)
    assert component_sets(res) == {frozenset(as_fractions(c)) for c in components}
    assert (DEGENERATE in res.diagnostics) == degenerate


@pytest.mark.oracle
def test_equal_size_support_enumeration_would_miss_the_blockade_extreme_point():
    # nashpy's equal-size support enumeration misses (O, 3/4 CC + 1/4 CB) (a known solver pitfall);
    # ours lists it, from the row player's indifference set {O, N}
    A = [[-1, -1, -4, -4], [0, -4, 0, -4]]
    B = [[3, 3, 2, 2], [0, 2, 0, 2]]
    target = ((F(1), F(0)), (F(3, 4), F(1, 4), F(0), F(0)))
    res = solve(Game.from_bimatrix(A, B), method="support")
    assert target in eq_set(res)
    nashpy_found = float_keys(nashpy.Game(np.array(A), np.array(B)).support_enumeration())
    assert float_keys([target]) - nashpy_found  # the peer really misses it


def test_equations_are_the_indifference_conditions():
    g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Ann", "Bob"],
                           strategies=[["Opera", "Fight"], ["Opera", "Fight"]])
    res = solve(g, method="support")
    mixed = [e for e in res if not e.is_pure]
    assert len(mixed) == 1 and len(res) == 3
    info = mixed[0].info
    # Ann mixes to make Bob indifferent: 1 p(Opera) = 2 p(Fight); Bob mixes to make Ann indifferent
    assert info["row_system"] == [
        "payoff of Bob from Opera: 1*p(Opera) + 0*p(Fight) = v_Bob",
        "payoff of Bob from Fight: 0*p(Opera) + 2*p(Fight) = v_Bob",
        "p(Opera) + p(Fight) = 1",
    ]
    assert info["column_system"] == [
        "payoff of Ann from Opera: 2*q(Opera) + 0*q(Fight) = v_Ann",
        "payoff of Ann from Fight: 0*q(Opera) + 1*q(Fight) = v_Ann",
        "q(Opera) + q(Fight) = 1",
    ]
    assert mixed[0].profile.as_dict() == {"Ann": {"Opera": F(2, 3), "Fight": F(1, 3)}, "Bob": {"Opera": F(1, 3), "Fight": F(2, 3)}}


def test_pruning_skips_conditionally_dominated_indifference_sets():
    # column 2 is strictly worse than column 1 against every row: never in an indifference set
    U = [[3, 1, 0], [2, 0, 5]]
    pruned = best_reply_vertices(U, True, prune=True)
    full = best_reply_vertices(U, True, prune=False)
    assert {r[0] for r in pruned} == {r[0] for r in full}
    assert all(1 not in r[4] for r in pruned)


@pytest.mark.oracle
def test_random_games_equal_vertex_enumeration_and_gambit():
    rng = np.random.default_rng(41)
    checked = 0
    for k in range(80):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        game = random_int_game(rng, m, n) if k % 3 else random_decimal_game(rng, min(m, 4), min(n, 4))
        sup = solve(game, method="support")
        ver = solve(game, method="enumerate")
        assert eq_set(sup) == eq_set(ver)
        assert sup.components == ver.components
        assert (DEGENERATE in sup.diagnostics) == (DEGENERATE in ver.diagnostics)
        if k % 4 == 0:
            assert eq_set(sup) == gambit_extreme(game)
        checked += 1
    assert checked == 80


@pytest.mark.oracle
def test_float_games_against_nashpy_support_enumeration():
    rng = np.random.default_rng(43)
    for _ in range(15):
        m, n = (int(v) for v in rng.integers(2, 5, 2))
        A, B = rng.random((m, n)), rng.random((m, n))
        res = solve(Game.from_bimatrix(A, B), method="support")
        assert not res.exact and all(eq.max_regret <= res.tol for eq in res)
        assert float_keys(eq_set(res)) == float_keys(nashpy.Game(A, B).support_enumeration())
