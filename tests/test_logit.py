"""Logit quantal response equilibrium: the principal branch and its certified limit (method "logit")."""

import dataclasses
import json

import numpy as np
import pytest
from refs.brute import float_regrets
from refs.gambit import logit_at
from refs.games import mckelvey_mclennan

from gametheory import Game, InputError, MixedProfile, solve
from gametheory.solvers.logit import LogitPath, logit_qre_at, trace_logit


def softmax_residual(game, profile, lam):
    """max |sigma - logit response to sigma|, computed here from the payoff table."""
    pay = np.asarray(game.payoffs, dtype=float)
    vecs = [np.asarray(v, dtype=float) for v in profile.vectors]
    worst = 0.0
    for i in range(game.num_players):
        u = pay[..., i]
        for k in reversed(range(game.num_players)):
            if k != i:
                u = np.tensordot(u, vecs[k], axes=([k], [0]))
        w = np.exp(lam * (u - u.max()))
        worst = max(worst, float(np.abs(w / w.sum() - vecs[i]).max()))
    return worst


PENNIES = Game.zero_sum([[1, -1], [-1, 1]], players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])
# Row's strategy "Up" strictly dominates "Down" (4 > 1, 3 > 2); Col best-responds with "Left".
DOMINANT = Game.from_bimatrix([[4, 3], [1, 2]], [[2, 1], [0, 3]], strategies=[["Up", "Down"], ["Left", "Right"]])


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(PENNIES, id="pennies"),
        pytest.param(DOMINANT, id="dominant"),
        pytest.param(mckelvey_mclennan(), id="2x2x2"),
        pytest.param(Game(np.random.default_rng(2).normal(size=(3, 2, 4, 3))), id="3x2x4-random"),
    ],
)
def test_lambda_zero_is_uniform(game):
    prof = logit_qre_at(game, 0.0)
    for v, k in zip(prof.vectors, game.shape):
        assert np.allclose(np.asarray(v, dtype=float), 1 / k, atol=1e-14)
    path = trace_logit(game)
    assert path.lambdas[0] == 0
    assert all(np.allclose(v, 1 / k) for v, k in zip(path.profiles[0], game.shape))


def test_matching_pennies_path_is_uniform_for_every_lambda():
    # The unique QRE of matching pennies is (1/2, 1/2) at every lambda (symmetry: the logit
    # response to a uniform opponent is uniform).
    path = trace_logit(PENNIES, max_lambda=50.0)
    assert path.lambdas[-1] >= 50.0
    for prof in path.profiles:
        assert np.allclose(np.array(prof), 0.5, atol=1e-9)
    for lam in (0.3, 2.0, 17.0):
        assert np.allclose(np.array([np.asarray(v, float) for v in logit_qre_at(PENNIES, lam).vectors]), 0.5, atol=1e-12)
    assert path.limit is not None and path.limit.exact
    assert [list(v) for v in path.limit.vectors] == [[0.5, 0.5], [0.5, 0.5]]


def test_dominant_strategy_path_approaches_it():
    path = trace_logit(DOMINANT)
    up = [prof[0][0] for prof in path.profiles]
    assert up[0] == pytest.approx(0.5)
    # The dominated strategy loses probability monotonically along the branch here.
    assert all(b >= a - 1e-12 for a, b in zip(up, up[1:]))
    assert up[-1] > 1 - 1e-6
    assert path.limit.support() == {"Player 1": ("Up",), "Player 2": ("Left",)}
    assert path.limit.exact and path.limit.max_regret() == 0


@pytest.mark.oracle
@pytest.mark.parametrize(
    "game, lam",
    [pytest.param(DOMINANT, lam, id=f"dominant-{lam}") for lam in (0.5, 2.0, 7.5)]
    + [pytest.param(mckelvey_mclennan(), lam, id=f"2x2x2-{lam}") for lam in (0.5, 2.0, 7.5)],
)
def test_qre_at_lambda_against_gambit(game, lam):
    ours = logit_qre_at(game, lam)
    assert softmax_residual(game, ours, lam) < 1e-10
    want = logit_at(np.asarray(game.payoffs, dtype=float), lam)
    theirs_prof = MixedProfile(game, want, exact=False) if abs(sum(want[0]) - 1) < 1e-9 else None
    if theirs_prof is not None and softmax_residual(game, theirs_prof, lam) < 1e-6:
        assert np.allclose([np.asarray(v, float) for v in ours.vectors], want, atol=1e-6)
    else:
        # pygambit 16.7 returns, on the 2x2x2 game at lambda = 2 and 7.5, the same point
        # (player 3 at 0.574) which is not a logit QRE: with players 1 and 2 uniform, player 3's
        # payoffs are 3.5 vs 3, so the QRE has player 3 at 1 / (1 + exp(-lambda / 2)) (gambit #492).
        assert game.num_players == 3
        assert float(ours.vectors[2][0]) == pytest.approx(1 / (1 + np.exp(-lam / 2)), abs=1e-10)


@pytest.mark.parametrize(
    "game",
    [pytest.param(mckelvey_mclennan(), id="2x2x2-MM")]
    + [pytest.param(Game(np.random.default_rng(s).normal(size=(3, 3, 3, 3))), id=f"3x3x3-seed{s}") for s in range(4)]
    + [pytest.param(Game(np.random.default_rng(9).integers(-20, 21, size=(4, 4, 4, 3)).tolist()), id="4x4x4-int")]
    + [pytest.param(Game(np.random.default_rng(5).normal(size=(2, 2, 2, 2, 4))), id="2x2x2x2")],
)
def test_limit_is_a_certified_equilibrium(game):
    res = solve(game, method="logit")
    assert not res.complete and len(res) == 1
    scale = max(1.0, float(np.abs(np.asarray(game.payoffs, dtype=float)).max()))
    assert max(float_regrets(game.payoffs, [list(v) for v in res[0].profile.vectors])) <= 1e-9 * scale
    json.dumps(res.to_json())
    path = res.extra["path"]
    assert path[0]["lambda"] == 0 and len(path) >= 2
    assert all(b["lambda"] >= 0 for b in path)


def test_path_points_are_quantal_response_equilibria():
    game = mckelvey_mclennan()
    path = trace_logit(game)
    assert isinstance(path, LogitPath)
    for k in range(0, len(path), max(1, len(path) // 6)):
        assert softmax_residual(game, path.profile_at(k), path.lambdas[k]) < 1e-8
    with pytest.raises(dataclasses.FrozenInstanceError):
        path.lambdas = ()  # frozen


def test_logit_on_a_game_beyond_enumpoly_size():
    game = Game(np.random.default_rng(4).normal(size=(4, 4, 4, 3)))
    res = solve(game, method="logit")
    assert not res.complete and len(res) == 1


def test_bad_lambda_is_an_input_error():
    with pytest.raises(InputError, match="lambda"):
        logit_qre_at(PENNIES, -1)
