"""MixedProfile: expected payoffs and regrets, hand-computed, exact."""

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, InputError, LabelError, MixedProfile

BOS = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Her", "Him"],
                         strategies=[["Opera", "Fight"], ["Opera", "Fight"]])
RPS = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=[["R", "P", "S"]] * 2)


@pytest.mark.parametrize(
    "game, profile, payoffs, regret",
    [
        # BoS mixed equilibrium: she plays Opera 2/3, he plays Opera 1/3; each gets 2/3.
        pytest.param(BOS, {"Her": {"Opera": "2/3", "Fight": "1/3"}, "Him": {"Opera": "1/3", "Fight": "2/3"}},
                     {"Her": F(2, 3), "Him": F(2, 3)}, {"Her": 0, "Him": 0}, id="bos-mixed-equilibrium"),
        # (Opera, Fight): both get 0; she would get 1 by Fight, he 1 by Opera.
        pytest.param(BOS, {"Her": "Opera", "Him": "Fight"}, {"Her": 0, "Him": 0}, {"Her": 1, "Him": 1},
                     id="bos-miscoordination"),
        # She mixes 1/2-1/2, he plays Opera: her payoff 1/2*2 = 1 (regret 2-1 = 1);
        # his payoff 1/2*1 = 1/2 against Fight's 1/2*2 = 1 (regret 1/2).
        pytest.param(BOS, {"Her": {"Opera": "1/2", "Fight": "1/2"}, "Him": "Opera"},
                     {"Her": 1, "Him": F(1, 2)}, {"Her": 1, "Him": F(1, 2)}, id="bos-half"),
        # RPS: (1/3 each) is the equilibrium.  Against 1/2 R + 1/2 P, Rock gets -1/2 and
        # Paper 1/2, so Player 2's regret is 1; Player 1's best reply to R is P (1 vs 1/2).
        pytest.param(RPS, {"Player 1": {"R": "1/3", "P": "1/3", "S": "1/3"}, "Player 2": {"R": "1/3", "P": "1/3", "S": "1/3"}},
                     {"Player 1": 0, "Player 2": 0}, {"Player 1": 0, "Player 2": 0}, id="rps-uniform"),
        pytest.param(RPS, {"Player 1": {"R": "1/2", "P": "1/2"}, "Player 2": "R"},
                     {"Player 1": F(1, 2), "Player 2": F(-1, 2)}, {"Player 1": F(1, 2), "Player 2": 1},
                     id="rps-rock-paper-vs-rock"),
    ],
)
def test_payoffs_and_regrets_exact(game, profile, payoffs, regret):
    sigma = MixedProfile(game, profile)
    assert sigma.exact
    got_pay, got_reg = sigma.payoffs(), sigma.regret()
    assert got_pay == payoffs and got_reg == regret
    assert all(type(v) is F for v in list(got_pay.values()) + list(got_reg.values()))
    assert sigma.is_equilibrium() == all(r == 0 for r in regret.values())


def test_three_player_expected_payoff():
    # u1 = 1 when all three match.  P(all x) = 1/2*1/3*1/4, P(all y) = 1/2*2/3*3/4.
    g = Game.from_function(["A", "B", "C"], [["x", "y"]] * 3, lambda p: [int(len(set(p.values())) == 1), 0, 0])
    sigma = MixedProfile(g, {"A": {"x": "1/2", "y": "1/2"}, "B": {"x": "1/3", "y": "2/3"}, "C": {"x": "1/4", "y": "3/4"}})
    assert sigma.payoffs()["A"] == F(1, 24) + F(6, 24)
    # A's best reply: y, matching with probability 2/3*3/4 = 1/2, so regret 1/2 - 7/24.
    assert sigma.strategy_payoffs("A") == {"x": F(1, 12), "y": F(1, 2)}
    assert sigma.regret()["A"] == F(1, 2) - F(7, 24)
    assert sigma.best_deviation("A") == ("y", F(1, 2) - F(7, 24))


def test_float_profile():
    sigma = MixedProfile(BOS.to_float(), {"Her": {"Opera": 2 / 3, "Fight": 1 / 3}, "Him": {"Opera": 1 / 3, "Fight": 2 / 3}})
    assert not sigma.exact
    assert sigma.payoffs()["Her"] == pytest.approx(2 / 3, abs=1e-12)
    assert sigma.max_regret() == pytest.approx(0, abs=1e-12)
    assert sigma.is_equilibrium()


def test_vectors_labels_support():
    sigma = MixedProfile(BOS, [["1/4", "3/4"], [1, 0]])
    assert sigma.as_dict() == {"Her": {"Opera": F(1, 4), "Fight": F(3, 4)}, "Him": {"Opera": 1, "Fight": 0}}
    assert sigma.support() == {"Her": ("Opera", "Fight"), "Him": ("Opera",)}
    assert not sigma.is_pure and MixedProfile.pure(BOS, {"Her": "Fight", "Him": "Fight"}).is_pure
    assert sigma.probability("Her", "Fight") == F(3, 4)
    with pytest.raises(ValueError):
        sigma.vectors[0][0] = 1


@pytest.mark.parametrize(
    "profile, error, match",
    [
        pytest.param({"Her": {"Opera": "1/2"}, "Him": "Opera"}, InputError, "sum to 1", id="not-summing-to-one"),
        pytest.param({"Her": {"Opera": "3/2", "Fight": "-1/2"}, "Him": "Opera"}, InputError, ">= 0", id="negative"),
        pytest.param({"Her": "Opera"}, InputError, "no strategy given for player 'Him'", id="missing-player"),
        pytest.param({"Her": "Opera", "Him": "Opera", "It": "x"}, InputError, "unknown players", id="unknown-player"),
        pytest.param({"Her": "Ballet", "Him": "Opera"}, LabelError, "unknown strategy 'Ballet'", id="unknown-label"),
        pytest.param([[1, 0]], InputError, "expected 2 probability vectors", id="too-few-vectors"),
        pytest.param([[1, 0, 0], [1, 0]], InputError, "has 2 strategies, got 3", id="wrong-length"),
    ],
)
def test_bad_profiles(profile, error, match):
    with pytest.raises(error, match=match):
        MixedProfile(BOS, profile)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=2, max_size=4), st.integers(0, 2**32 - 1))
def test_expected_payoffs_against_a_sum_over_profiles(shape, seed):
    # Random exact games and rational profiles with scattered zeros, against the defining sum.
    rng = np.random.default_rng(seed)
    arr = rng.integers(-5, 6, size=tuple(shape) + (len(shape),))
    game = Game(arr.tolist())
    vecs = []
    for k in shape:
        w = rng.integers(0, 3, size=k)
        if w.sum() == 0:
            w[rng.integers(k)] = 1
        vecs.append([F(int(x), int(w.sum())) for x in w])
    sigma = MixedProfile(game, vecs)
    for i, p in enumerate(game.players):
        value, by_strategy = F(0), [F(0)] * shape[i]
        for prof in itertools.product(*map(range, shape)):
            others = F(1)
            for j, s in enumerate(prof):
                if j != i:
                    others *= vecs[j][s]
            by_strategy[prof[i]] += others * int(arr[prof + (i,)])
            value += others * vecs[i][prof[i]] * int(arr[prof + (i,)])
        assert sigma.payoffs()[p] == value
        assert sigma.regret()[p] == max(by_strategy) - value
