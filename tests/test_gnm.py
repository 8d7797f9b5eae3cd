"""One equilibrium of N-player games by the global Newton method (method "gnm"): always certified."""

import numpy as np
import pytest
from refs.brute import exact_regrets, float_regrets
from refs.games import border_game, mckelvey_mclennan, udi_game

from gametheory import Game, choose_method, solve
from gametheory.solvers.gnm import project_to_simplex


@pytest.mark.parametrize(
    "shape, seed",
    [pytest.param((3, 3, 3), s, id=f"3x3x3-seed{s}", marks=[pytest.mark.slow] if s == 5 else []) for s in range(6)]
    + [pytest.param((4, 4, 4), s, id=f"4x4x4-seed{s}", marks=[pytest.mark.slow] if s == 1 else []) for s in range(3)]
    + [pytest.param((2, 2, 2, 2), s, id=f"2x2x2x2-seed{s}") for s in range(3)]
    + [pytest.param((5, 4, 3), 1, id="5x4x3-seed1"), pytest.param((3, 3, 3, 3), 2, id="3x3x3x3-seed2")],
)
def test_random_games_result_is_an_equilibrium(shape, seed):
    game = Game(np.random.default_rng(seed).normal(size=tuple(shape) + (len(shape),)))
    res = solve(game, method="gnm")
    assert not res.complete and len(res) == 1
    scale = max(1.0, float(np.abs(np.asarray(game.payoffs)).max()))
    assert max(float_regrets(game.payoffs, [list(v) for v in res[0].profile.vectors])) <= 1e-9 * scale


@pytest.mark.parametrize(
    "game",
    [pytest.param(mckelvey_mclennan(), id="2x2x2-MM"), pytest.param(border_game(), id="border"),
     pytest.param(udi_game(), id="udi"), pytest.param(border_game(gamma=1), id="border-gamma-1")],
)
def test_exact_games_get_an_exact_certificate(game):
    res = solve(game, method="gnm")
    assert len(res) == 1 and res.exact
    assert exact_regrets(game.payoffs, [list(v) for v in res[0].profile.vectors]) == [0] * game.num_players


def test_udi_result_is_the_unique_equilibrium():
    res = solve(udi_game(), method="gnm")
    assert res[0].profile.support() == {"Kosovo": ("D",), "Russia": ("V",), "EU": ("E",)}


def test_two_player_mixed_equilibrium():
    # Matching pennies: the unique equilibrium is (1/2, 1/2) for both.
    res = solve(Game.zero_sum([[1, -1], [-1, 1]]), method="gnm")
    assert [list(v) for v in res[0].profile.vectors] == [[0.5, 0.5], [0.5, 0.5]]


def test_auto_uses_gnm_beyond_enumpoly():
    assert choose_method(Game(np.zeros((4, 4, 4, 3)))) == "gnm"
    assert choose_method(Game(np.zeros((2, 2, 2, 3)))) == "enumpoly"


@pytest.mark.parametrize(
    "u, want",
    [
        pytest.param([0.2, 0.3, 0.5], [0.2, 0.3, 0.5], id="inside"),
        pytest.param([2.0, 0.0], [1.0, 0.0], id="far-vertex"),
        pytest.param([0.5, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3], id="centre"),
    ],
)
def test_projection_onto_simplex(u, want):
    assert np.allclose(project_to_simplex(np.array(u)), want, atol=1e-15)
