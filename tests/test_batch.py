"""The batch kernels against independent solvers (pygambit, nashpy) game by game."""

import numpy as np
import pytest
from refs.gambit import gambit_extreme

from gametheory.assumptions.batch import pure_mask, solve_2x2, solve_2xn, solve_batch


def as_keys(eqs, denom=10**6):
    return {tuple(tuple(round(float(q) * denom) for q in v) for v in e) for e in eqs}


def frac_keys(eqs, denom=10**6):
    return {tuple(tuple(round(float(q) * denom) for q in v) for v in e) for e in eqs}


def random_int_games(rng, batch, shape, lo=-2, hi=2):
    """Small integer payoffs: many ties, hence many degenerate games."""
    return rng.integers(lo, hi + 1, size=(batch,) + shape + (len(shape),)).astype(float)


@pytest.mark.oracle
@pytest.mark.parametrize(
    "shape,kernel",
    [
        pytest.param((2, 2), solve_2x2, id="2x2-closed-form"),
        pytest.param((2, 2), solve_2xn, id="2x2-vertex-pairs"),
        pytest.param((2, 3), solve_2xn, id="2x3"),
        pytest.param((2, 4), solve_2xn, id="2x4"),
        pytest.param((3, 2), solve_2xn, id="3x2-transposed"),
    ],
)
@pytest.mark.parametrize("hi", [pytest.param(1, id="ties"), pytest.param(9, id="few-ties")])
def test_batch_matches_gambit_on_every_game(shape, kernel, hi):
    rng = np.random.default_rng(20260 + hi + sum(shape))
    P = random_int_games(rng, 150, shape, -hi, hi)
    res = kernel(P)
    for b in range(P.shape[0]):
        expected = frac_keys(gambit_extreme(P[b].astype(int)))
        got = as_keys(res.equilibria(b))
        assert got == expected, (b, P[b].tolist())
        assert res.count[b] == len(expected)


@pytest.mark.oracle
def test_batch_float_games_match_nashpy():
    import nashpy

    rng = np.random.default_rng(7)
    P = rng.normal(size=(100, 2, 2, 2))
    res = solve_batch(P)
    assert res.method == "2x2"
    for b in range(len(P)):
        expected = {tuple(tuple(round(float(q), 6) for q in v) for v in e)
                    for e in nashpy.Game(P[b, ..., 0], P[b, ..., 1]).support_enumeration()}
        got = {tuple(tuple(round(float(q), 6) for q in v) for v in e) for e in res.equilibria(b)}
        assert got == expected


def test_pure_mask_matches_brute_force_three_players():
    rng = np.random.default_rng(3)
    P = rng.integers(-1, 2, size=(50, 2, 3, 2, 3)).astype(float)
    mask = pure_mask(P)
    for b in range(len(P)):
        for s in np.ndindex(2, 3, 2):
            best = all(
                P[b][s][i] >= max(P[b][s[:i] + (t,) + s[i + 1:]][i] for t in range(P.shape[1 + i]))
                for i in range(3)
            )
            assert mask[b][s] == best


def test_prisoners_dilemma_batch_has_only_status_quo():
    pd = np.stack([[[3, -1], [4, 0]], [[1, 3], [-2, 0]]], axis=-1).astype(float)
    res = solve_batch(np.stack([pd, pd]))
    assert res.count.tolist() == [1, 1]
    assert res.pure[:, 1, 1].all() and res.pure.sum() == 2


def test_bad_batch_shape_is_input_error():
    with pytest.raises(ValueError, match="shape"):
        solve_batch(np.zeros((3, 2, 2)))


@pytest.mark.oracle
@pytest.mark.parametrize("shape", [pytest.param((3, 3), id="3x3"), pytest.param((3, 4), id="3x4")])
@pytest.mark.parametrize("hi", [pytest.param(1, id="ties"), pytest.param(50, id="few-ties")])
def test_vectorised_support_enumeration_matches_gambit(shape, hi):
    from gametheory.assumptions.batch import solve_support

    rng = np.random.default_rng(99 + hi + shape[1])
    P = random_int_games(rng, 60, shape, -hi, hi)
    res = solve_support(P)
    for b in range(P.shape[0]):
        assert as_keys(res.equilibria(b)) == frac_keys(gambit_extreme(P[b].astype(int))), (b, P[b].tolist())


def test_batch_agrees_with_general_solver_enumerate():
    """The method table's complete two-player method on every game of a random batch (ties included)."""
    from gametheory import Game, solve

    rng = np.random.default_rng(5)
    for shape in ((2, 2), (2, 3), (3, 3)):
        P = np.concatenate([random_int_games(rng, 40, shape, -1, 1), rng.normal(size=(40,) + shape + (2,))])
        res = solve_batch(P)
        for b in range(len(P)):
            ref = solve(Game(P[b], kind="exact"), method="enumerate")
            want = as_keys(tuple(np.asarray(v, float) for v in e.profile.vectors) for e in ref.equilibria)
            assert as_keys(res.equilibria(b)) == want, (shape, b)


def test_hypothesis_2x2_closed_form_equals_enumerate():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from gametheory import Game, solve

    entries = st.lists(st.integers(-3, 3), min_size=8, max_size=8)

    @settings(max_examples=150, deadline=None)
    @given(entries)
    def check(vals):
        P = np.array(vals, dtype=float).reshape(1, 2, 2, 2)
        ref = solve(Game(P[0], kind="exact"), method="enumerate")
        want = as_keys(tuple(np.asarray(v, float) for v in e.profile.vectors) for e in ref.equilibria)
        res = solve_2x2(P)
        assert as_keys(res.equilibria(0)) == want
        assert res.count[0] == len(want)

    check()
