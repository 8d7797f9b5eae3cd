"""Lemke-Howson float kernels: NumPy compact tableaux, the compiled loop, and QuantEcon on the same label.

The path from a label is determined by the game (and, in degenerate games, by
the lexicographic rule), so every kernel must end at the same bases after the
same number of pivots.  Independent oracle: QuantEcon's ``lemke_howson``
(full tableaux, its own lexicographic ratio test) from the same initial pivot
reaches the same equilibrium on random games.  The plain-Python source of the
compiled kernel is run uncompiled on small games as a third implementation.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import numpy as np
import pytest

from gametheory import Game, InputError, solve
from gametheory.solvers import _jit
from gametheory.solvers import lemke_howson as lh

HAS_NUMBA = importlib.util.find_spec("numba") is not None
if HAS_NUMBA:
    from gametheory.solvers._lemke_howson_jit import complementary_pivots
HAS_QUANTECON = importlib.util.find_spec("quantecon") is not None


def _python_kernel_path(A, B, k, max_pivots=10_000, eps=1e-12):
    """The uncompiled :func:`_lemke_howson_jit.complementary_pivots` on fresh tableaux: (bases, pivots)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    m, n = A.shape
    basis = (np.arange(m, m + n), np.arange(m))
    col_of = (np.full(m + n, -1), np.full(m + n, -1))
    col_of[0][:m] = np.arange(m)
    col_of[1][m:] = np.arange(n)
    pivots = complementary_pivots.py_func(np.array(B.T), np.array(A), np.ones(n), np.ones(m), basis[0], basis[1],
                                      col_of[0], col_of[1], m, n, k, max_pivots, eps)
    return [basis[0].tolist(), basis[1].tolist()], pivots


def _games(seed, count, max_size):
    """Random games, half with payoffs in {1, 2, 3} (degenerate: ties in the ratio test)."""
    rng = np.random.default_rng(seed)
    for i in range(count):
        m, n = (int(v) for v in rng.integers(1, max_size + 1, size=2))
        if i % 2:
            yield rng.integers(1, 4, (m, n)).astype(float), rng.integers(1, 4, (m, n)).astype(float)
        else:
            yield rng.random((m, n)) + 1, rng.random((m, n)) + 1


@pytest.mark.skipif(not HAS_NUMBA, reason="numba not installed")
def test_numpy_kernel_and_the_plain_loop_follow_the_same_path():
    for A, B in _games(11, 40, 7):
        m, n = A.shape
        for k in range(m + n):
            bases, _, pivots = lh._float_path(A, B, k, 10_000, 1e-12, "numpy")
            assert (bases, pivots) == _python_kernel_path(A, B, k), (A, B, k)


def test_numpy_kernel_batches_many_pivots_between_products():
    """A long path on a 30x30 game crosses many batch flushes; the end is still an equilibrium."""
    rng = np.random.default_rng(5)
    A, B = rng.random((30, 30)) + 1, rng.random((30, 30)) + 1
    x, y, pivots = lh.lemke_howson_path_float(A, B, 0, 10**6, kernel="numpy")
    assert pivots > lh._FloatTableau(B.T, list(range(30, 60)), list(range(30)), list(range(30, 60)), 60).batch
    assert max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y) <= 1e-9
    if HAS_NUMBA:
        assert _python_kernel_path(A, B, 0, 10**6)[1] == pivots


@pytest.mark.skipif(not HAS_NUMBA, reason="numba not installed")
def test_compiled_kernel_follows_the_numpy_path():
    for A, B in _games(12, 60, 9):
        m, n = A.shape
        for k in range(m + n):
            b0, v0, p0 = lh._float_path(A, B, k, 10_000, 1e-12, "numpy")
            b1, v1, p1 = lh._float_path(A, B, k, 10_000, 1e-12, "compiled")
            assert (b0, p0) == (b1, p1), (A, B, k)
            assert all(np.allclose(a, b, rtol=0, atol=1e-9) for a, b in zip(v0, v1))


def _tableaux(A, B):
    m, n = A.shape
    col_of = (np.full(m + n, -1), np.full(m + n, -1))
    col_of[0][:m] = np.arange(m)
    col_of[1][m:] = np.arange(n)
    return [np.array(B.T), np.array(A), np.ones(n), np.ones(m), np.arange(m, m + n), np.arange(m), *col_of, m, n]


@pytest.mark.skipif(not HAS_NUMBA, reason="numba not installed")
def test_held_back_pivots_are_bit_for_bit_the_eager_ones():
    """blocked_pivots replays the held-back updates in the eager order: same path, same bits (zeros' signs too)."""
    from gametheory.solvers._lemke_howson_jit import blocked_pivots

    for A, B in _games(13, 80, 11):
        m, n = A.shape
        for k in range(m + n):
            eager = _tableaux(A, B)
            pivots = complementary_pivots(*eager, k, 10_000, 1e-12)
            for block in (1, 2, 3, 16):
                held = _tableaux(A, B)
                assert blocked_pivots(*held, k, 10_000, 1e-12, block) == pivots, (A, B, k, block)
                for a, b in zip(eager[2:6], held[2:6]):  # right-hand sides and bases
                    assert np.array_equal(a, b) and np.array_equal(np.signbit(a), np.signbit(b)), (A, B, k, block)


@pytest.mark.skipif(not HAS_NUMBA, reason="numba not installed")
def test_compiled_kernel_respects_the_pivot_cap():
    rng = np.random.default_rng(3)
    A, B = rng.random((12, 12)) + 1, rng.random((12, 12)) + 1
    pivots = lh._float_path(A, B, 0, 10_000, 1e-12, "compiled")[2]
    assert pivots > 2
    with pytest.raises(lh._PivotCapExceeded):
        lh._float_path(A, B, 0, pivots - 1, 1e-12, "compiled")


@pytest.mark.oracle
@pytest.mark.skipif(not HAS_QUANTECON, reason="quantecon not installed")
@pytest.mark.parametrize("kernel", ["numpy", pytest.param("compiled", marks=pytest.mark.skipif(
    not HAS_NUMBA, reason="numba not installed"))])
@pytest.mark.parametrize("n", [20, 100])
def test_same_equilibrium_as_quantecon_from_the_same_label(kernel, n):
    import quantecon.game_theory as qe

    rng = np.random.default_rng(100 + n)
    for _ in range(3):
        A, B = rng.random((n, n)), rng.random((n, n))
        game = Game.from_bimatrix(A, B)
        for k, label in ((0, "Player 1:1"), (n + 1, "Player 2:2")):
            res = lh.lemke_howson(game, label=label, kernel=kernel)
            theirs = qe.lemke_howson(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))), init_pivot=k)
            ours = res[0].profile.vectors
            assert all(np.allclose(np.asarray(a, float), b, rtol=0, atol=1e-8) for a, b in zip(ours, theirs))
            assert res[0].max_regret <= res.tol


@pytest.mark.skipif(not HAS_NUMBA, reason="numba not installed")
def test_compiled_kernel_takes_a_cap_beyond_64_bits():
    """max_pivots=10**300 (no limit, as a benchmark passes it) runs the compiled path, not an overflow."""
    rng = np.random.default_rng(4)
    A, B = rng.random((12, 12)) + 1, rng.random((12, 12)) + 1
    assert lh._float_path(A, B, 0, 10**300, 1e-12, "compiled")[::2] == lh._float_path(A, B, 0, 10**6, 1e-12, "numpy")[::2]


def test_kernel_option_is_checked():
    game = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(InputError, match="kernel must be one of"):
        lh.lemke_howson(game, kernel="fortran")
    res = solve(Game.from_bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]), method="lemke-howson",
                label="Player 1:1", kernel="numpy")
    # dropping Row's first strategy: x = (1, 0) by one pivot in P, then y = (1/2, 0) -> (1, 0) in Q (hand-computed)
    assert all(np.allclose(v, [1.0, 0.0], rtol=0, atol=1e-12) for v in res[0].profile.vectors)


def test_compiled_kernel_without_numba_is_a_clear_error(monkeypatch):
    # numba is a dependency, so its absence (a Python it has no wheel for yet) is simulated
    # (an unimportable numba, e.g. one built for another NumPy, is handled the same way)
    monkeypatch.setitem(sys.modules, "numba", None)
    monkeypatch.setitem(sys.modules, "gametheory.solvers._lemke_howson_jit", None)
    monkeypatch.setattr(_jit, "_MODULES", {})  # forget the loaded module
    try:
        with pytest.raises(InputError, match="needs numba"):
            lh.lemke_howson(Game.from_bimatrix([[2.0, 0.0]], [[1.0, 0.0]]), kernel="compiled")
        # kernel="auto" falls back to the NumPy kernel, even on a game the compiled one would take
        rng = np.random.default_rng(7)
        game = Game.from_bimatrix(rng.random((100, 100)), rng.random((100, 100)))
        res = lh.lemke_howson(game, label="Player 1:1")
        numpy_path = lh._float_path(*lh.shifted_float_matrices(game), 0, 10**6, 1e-12, "numpy")
        assert res.extra["pivots"]["Player 1:1"] == numpy_path[2]
    finally:
        monkeypatch.undo()


def test_cli_kernel_option(capsys):
    from gametheory.cli import main

    # the same path, so the same equilibrium, whichever kernel pivots
    outs = []
    for kernel in ("numpy", "compiled"):
        assert main(["solve", "models/cfe_md_unlinked.toml", "--method", "lemke-howson", "--kernel", kernel,
                     "--json"]) == 0
        outs.append(json.loads(capsys.readouterr().out)["equilibria"])
    assert outs[0] == outs[1] and len(outs[0]) == 1
    assert main(["solve", "models/cfe_md_unlinked.toml", "--method", "enumerate", "--kernel", "numpy"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "--kernel" in err[0]
