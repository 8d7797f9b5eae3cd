"""Pure-strategy Nash equilibria: textbook games by hand, random N-player games against a
brute-force loop written here and against pygambit's ``enumpure_solve``."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refs.gambit import enumpure

from gametheory import Game, solve
from gametheory.solvers.pure import pure_equilibria, pure_equilibrium_mask


def labelled(result):
    """The pure equilibria of a result as a set of label tuples."""
    out = set()
    for eq in result:
        assert eq.is_pure
        out.add(tuple(eq.profile.support()[p][0] for p in result.game.players))
    return out


PD = Game.from_bimatrix(
    [[3, -1], [4, 0]], [[1, 3], [-2, 0]],
    players=["Russia", "US"], strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]],
)
BOS = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Her", "Him"],
                         strategies=[["Opera", "Fight"], ["Opera", "Fight"]])
PENNIES = Game.zero_sum([[1, -1], [-1, 1]], strategies=[["H", "T"], ["H", "T"]])
COORD3 = Game.from_function(["A", "B", "C"], [["x", "y"]] * 3,
                            lambda p: [int(len(set(p.values())) == 1)] * 3)
# 3 players: C wants to differ from A, A wants to match B, B is indifferent.
ODD3 = Game.from_function(["A", "B", "C"], [["x", "y"]] * 3,
                          lambda p: [int(p["A"] == p["B"]), 0, int(p["C"] != p["A"])])


@pytest.mark.parametrize(
    "game, expected, dominance_solvable",
    [
        pytest.param(PD, {("Suspend CFE", "Build MD")}, True, id="prisoners-dilemma"),
        pytest.param(PD.to_float(), {("Suspend CFE", "Build MD")}, True, id="prisoners-dilemma-float"),
        pytest.param(BOS, {("Opera", "Opera"), ("Fight", "Fight")}, False, id="battle-of-the-sexes"),
        pytest.param(PENNIES, set(), False, id="matching-pennies"),
        pytest.param(COORD3, {("x", "x", "x"), ("y", "y", "y")}, False, id="three-player-coordination"),
        pytest.param(ODD3, {("x", "x", "y"), ("y", "y", "x")}, False, id="three-player-match-and-differ"),
    ],
)
def test_textbook_pure_equilibria(game, expected, dominance_solvable):
    res = solve(game, method="pure")
    assert labelled(res) == expected
    # complete only when strict dominance forces the profile (by hand: the PD's concessions are strictly dominated)
    assert res.method == "pure" and res.complete is dominance_solvable
    if not dominance_solvable:
        assert any("mixed equilibria were not searched" in d for d in res.diagnostics)
    for eq in res:
        assert all(r == 0 for r in eq.regret.values())
    if game.is_exact:
        assert res.exact and all(type(v) is Fraction for eq in res for v in eq.payoffs.values())


def test_pd_payoffs_and_no_pure_diagnostic():
    (eq,) = solve(PD, method="pure")
    assert dict(eq.payoffs) == {"Russia": 0, "US": 0}
    res = solve(PENNIES, method="pure")
    assert len(res) == 0 and any("no pure equilibrium" in d for d in res.diagnostics)


def test_float_ties_within_tolerance():
    # 0.1 + 0.2 != 0.3 in floats; both columns are best replies up to rounding.
    g = Game.from_bimatrix([[1.0, 1.0]], [[0.1 + 0.2, 0.3]])
    assert len(solve(g, method="pure")) == 2
    assert len(solve(Game.from_bimatrix([[1, 1]], [["0.3", "3/10"]]), method="pure")) == 2


def test_big_exact_payoffs_do_not_overflow():
    # 2**70 and 2**70 + 1 are one float; exactly, only the bottom row is a best reply to the left column
    big = 2**70
    g = Game.from_bimatrix([[big, 0], [big + 1, 0]], [[1, 0], [1, 0]])
    assert pure_equilibria(g) == [(1, 0)]
    assert (0, 0) in pure_equilibria(g.to_float())


def test_mask_kernel_on_plain_array():
    pay = np.array([[[3, 3], [0, 4]], [[4, 0], [1, 1]]])  # PD with C=0, D=1
    assert pure_equilibrium_mask(pay).tolist() == [[False, False], [False, True]]


# ---------------------------------------------------------------------- random games
def brute_force(arr):
    """Every pure equilibrium by a loop over profiles and deviations."""
    shape = arr.shape[:-1]
    out = set()
    for prof in itertools.product(*map(range, shape)):
        ok = True
        for i in range(len(shape)):
            for alt in range(shape[i]):
                dev = list(prof)
                dev[i] = alt
                if arr[tuple(dev) + (i,)] > arr[prof + (i,)]:
                    ok = False
        if ok:
            out.add(prof)
    return out


def brute_force_tol(arr, tol):
    """Pure equilibria up to ``tol``: no deviation gains more than ``tol``."""
    shape = arr.shape[:-1]
    out = set()
    for prof in itertools.product(*map(range, shape)):
        gains = [arr[prof[:i] + (alt,) + prof[i + 1:] + (i,)] - arr[prof + (i,)]
                 for i in range(len(shape)) for alt in range(shape[i])]
        if max(gains) <= tol:
            out.add(prof)
    return out


def test_mask_over_a_batch_with_one_tolerance_per_game():
    rng = np.random.default_rng(11)
    for shape in ((2, 3), (3, 2, 2), (2, 2, 2, 2)):
        batch = rng.integers(-3, 4, size=(6,) + shape + (len(shape),)) + rng.normal(0, 0.01, (6,) + shape + (len(shape),))
        tols = np.array([0.0, 0.005, 0.02, 0.5, 1.0, 3.0])
        mask = pure_equilibrium_mask(batch, tols)
        assert mask.shape == (6,) + shape
        for b in range(6):
            assert {tuple(int(k) for k in p) for p in np.argwhere(mask[b])} == brute_force_tol(batch[b], tols[b])
            assert (pure_equilibrium_mask(batch[b], tols[b]) == mask[b]).all()


shapes = st.integers(2, 4).flatmap(lambda n: st.lists(st.integers(1, 3), min_size=n, max_size=n))


@pytest.mark.oracle
@settings(max_examples=60, deadline=None)
@given(shapes, st.integers(0, 2**32 - 1), st.sampled_from(["exact", "float"]))
def test_random_games_against_brute_force_and_gambit(shape, seed, kind):
    rng = np.random.default_rng(seed)
    # a small payoff range makes ties (and several equilibria) common
    arr = rng.integers(-2, 3, size=tuple(shape) + (len(shape),))
    game = Game(arr.tolist()) if kind == "exact" else Game(arr.astype(float) / 4)
    found = set(pure_equilibria(game))
    assert found == brute_force(arr)
    assert found == enumpure(arr)  # pygambit's enumpure_solve
    res = solve(game, method="pure")
    assert len(res) == len(found)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_random_rational_game_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    num = rng.integers(-6, 7, size=(3, 2, 3, 3))
    den = rng.integers(1, 4, size=num.shape)
    fr = np.vectorize(Fraction, otypes=[object])(num, den)
    game = Game(fr)
    assert set(pure_equilibria(game)) == brute_force(fr)
