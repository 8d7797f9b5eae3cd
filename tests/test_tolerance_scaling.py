"""Issue 12, item 2: float tolerances scale with the payoffs both ways, and results say what they used.

Multiplying every payoff by c > 0 changes no best reply, hence no equilibrium
(e.g. Fudenberg and Tirole 1991, sect. 1.2): a solver's answer must not
depend on c.  Matching pennies has exactly one equilibrium, both players
mixing 1/2-1/2 (von Neumann 1928), whatever the size of its payoffs.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import Game, solve
from gametheory.profile import default_tolerance

TWO_PLAYER_MIXED = ["enumerate", "support", "lemke-howson", "zero-sum", "enumpoly", "gnm", "logit"]


def pennies(c: float) -> Game:
    return Game.zero_sum([[c, -c], [-c, c]])


@pytest.mark.parametrize("c", [1e-12, 1e12, 1.7e308 / 2, 2.0**-1000])
@pytest.mark.parametrize("method", TWO_PLAYER_MIXED)
def test_scaled_pennies_have_exactly_the_one_mixed_equilibrium(method, c):
    res = solve(pennies(c), method=method)
    assert len(res) == 1
    for vec in res[0].profile.vectors:
        assert np.allclose(vec, [0.5, 0.5], atol=1e-9)
    assert res.tol <= 1e-8 * c


@pytest.mark.parametrize("c", [1e-12, 1e12, 1.7e308 / 2, 2.0**-1000])
def test_scaled_pennies_have_the_uniform_correlated_equilibrium(c):
    # matching pennies has one correlated equilibrium, the product of the uniform mixes (by hand: each
    # player's incentive constraints force the opponent's conditional play to be 1/2-1/2)
    res = solve(pennies(c), method="correlated")
    assert len(res.distribution) == 4
    assert all(abs(q - 0.25) <= 1e-9 for q in res.distribution.values())
    assert res.tol <= 1e-8 * c


@pytest.mark.parametrize("c", [1e-12, 1e12])
def test_scaled_pennies_have_no_pure_equilibrium(c):
    assert len(solve(pennies(c), method="pure")) == 0


def test_support_no_longer_certifies_the_pure_profiles_of_tiny_pennies():
    # the bug: 9 "equilibria", all four pure profiles among them, each with regret 2e-12 <= 1e-9
    res = solve(pennies(1e-12), method="support")
    assert [e.is_pure for e in res] == [False]


def test_default_tolerance_scales_down_and_up():
    assert default_tolerance(pennies(1e-12)) == pytest.approx(1e-21)
    assert default_tolerance(pennies(1e12)) == pytest.approx(1e3)
    assert default_tolerance(pennies(1.0)) == pytest.approx(1e-9)
    assert default_tolerance(Game.zero_sum([[0.0, 0.0]])) > 0  # all-zero game: every regret is exactly 0
    assert default_tolerance(Game.zero_sum([[1, -1]])) == 0  # exact


def test_float_results_say_their_tolerance():
    res = solve(pennies(1e-12), method="support")
    doc = res.to_json()
    assert doc["tolerance"] == pytest.approx(1e-21)
    json.dumps(doc, allow_nan=False)
    assert "tolerance 1e-21" in str(res)
    assert "tolerance" not in solve(Game.zero_sum([[1, -1], [-1, 1]]), method="support").to_json()


def test_constant_sum_check_is_relative():
    # u1 + u2 = 1e-12 everywhere: constant; and a 1e-13 spread on payoffs of size 1e-12 is not
    A = np.array([[3e-12, 1e-12], [0.0, 2e-12]])
    assert Game.from_bimatrix(A, 1e-12 - A).is_constant_sum()
    assert not Game.from_bimatrix(A, -A + np.array([[0, 1e-13], [0, 0]])).is_constant_sum()


def _exact_set(res):
    return sorted(tuple(float(q) for v in e.profile.vectors for q in v) for e in res)


def _same_sets(a, b):
    return len(a) == len(b) and all(np.allclose(x, y, atol=1e-7) for x, y in zip(a, b))


small_games = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda mn: st.lists(st.integers(-4, 4), min_size=2 * mn[0] * mn[1], max_size=2 * mn[0] * mn[1]).map(
        lambda xs: np.array(xs).reshape(mn[0], mn[1], 2)
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games, st.sampled_from([1e-12, 1e12]), st.sampled_from(["support", "enumerate", "pure"]))
def test_scaling_a_game_does_not_change_its_equilibria(pay, c, method):
    exact = Game([[[Fraction(int(v)) for v in cell] for cell in row] for row in pay])
    reference = _exact_set(solve(exact, method=method))
    scaled = Game(pay.astype(float) * c)
    assert scaled.kind == "float"
    assert _same_sets(_exact_set(solve(scaled, method=method)), reference)
    # the same game scaled exactly gives exactly the same equilibria
    ce = Fraction(c).limit_denominator(10**13) if c < 1 else Fraction(int(c))
    exact_scaled = Game(np.array([[[v * ce for v in cell] for cell in row] for row in exact.payoffs], dtype=object))
    assert _exact_set(solve(exact_scaled, method=method)) == reference
