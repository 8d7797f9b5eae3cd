"""The compiled (numba, int64) walk of 'enumerate''s exact kernel.

Expected sets come from the brute force of test_vertex_exact_kernel (every choice of tight constraints
solved over the rationals, every pair of vertices tested for complementary labels) and from lrsnash
(lrslib) where it is installed.  The compiled walk must also give exactly the pairs, the order and the
statistics of the Python walk, including when it hands subtrees back (entries past 2**31, a path deeper
than its arrays) and when its record buffer fills.
"""

import shutil

import numpy as np
import pytest
from refs.lrsnash import lrsnash_extreme
from test_vertex_exact_kernel import brute_pairs, brute_vertices

import gametheory.solvers._vertex_pairs as vp
from gametheory.errors import InputError
from gametheory.solvers import _jit
from gametheory.solvers._vertex_pairs import PairStats, load_compiled_walk, vertex_pairs

LRSNASH = shutil.which("lrsnash")


def _games(seed, count, top=6):
    """Random positive integer games: small payoffs (degenerate), and large ones (entries past 2**31 in the walk)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = (int(v) for v in rng.integers(1, top + 1, 2))
        high = int(rng.choice([3, 5, 1000, 10**6, 2**30]))
        yield rng.integers(1, high, (m, n)).tolist(), rng.integers(1, high, (m, n)).tolist()


def _both(A, B):
    s_py, s_jit = PairStats(), PairStats()
    py = list(vertex_pairs(A, B, s_py, compiled=False))
    jit = list(vertex_pairs(A, B, s_jit, compiled=True))
    return py, jit, s_py, s_jit


def test_compiled_walk_finds_the_brute_force_pairs():
    assert load_compiled_walk()
    for A, B in _games(1801, 80, top=4):
        pairs = list(vertex_pairs(A, B, compiled=True))
        assert len(pairs) == len(set(pairs))
        assert set(pairs) == brute_pairs(A, B)


@pytest.mark.parametrize(("depth_cap", "batch"), [(256, 4096), (2, 1), (3, 2)])
def test_compiled_walk_is_the_python_walk(monkeypatch, depth_cap, batch):
    # a shallow path and a tiny buffer make the kernel hand subtrees back and resume often
    monkeypatch.setattr(vp, "_DEPTH_CAP", depth_cap)
    monkeypatch.setattr(vp, "_BATCH", batch)
    handed = []
    original = vp._Kernel.handed_visits

    def counting(self):
        handed.append(1)
        return original(self)

    monkeypatch.setattr(vp._Kernel, "handed_visits", counting)
    for A, B in _games(1802, 120):
        py, jit, s_py, s_jit = _both(A, B)
        assert jit == py
        assert s_jit == s_py
    assert handed  # the hand-over was exercised (large payoffs overflow int64 dictionaries; depth caps)


def test_large_payoffs_hand_subtrees_back_and_stay_exact(monkeypatch):
    # entries near 2**30: the first pivots already leave the int64 range
    handed = []
    original = vp._Kernel.handed_visits
    monkeypatch.setattr(vp._Kernel, "handed_visits", lambda self: handed.append(1) or original(self))
    A = [[2**30 - 1, 3, 2**29], [5, 2**30 - 7, 11], [2**28, 13, 2**30 - 3]]
    B = [[7, 2**30 - 5, 2**27], [2**30 - 11, 3, 2**29 + 1], [17, 2**28 + 3, 2**30 - 9]]
    pairs = list(vertex_pairs(A, B, compiled=True))
    assert handed
    assert set(pairs) == brute_pairs(A, B)


def test_payoffs_past_int64_range_walk_in_python():
    A = [[2**40, 1], [1, 2**40]]
    B = [[1, 2**40], [2**40, 1]]
    assert not vp._use_compiled(True, 2, 2, [list(c) for c in zip(*B)], A)
    assert set(vertex_pairs(A, B, compiled=True)) == brute_pairs(A, B)


def test_index_of_all_vertices_compiled_is_the_brute_force_one(monkeypatch):
    monkeypatch.setitem(vp._JIT, "loaded", True)
    rng = np.random.default_rng(1803)
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(1, 5, 2))
        C = rng.integers(1, int(rng.choice([3, 1000])), (m, n)).tolist()
        labels = [m + j for j in range(n)] + list(range(m))
        index = vp._OtherIndex(C, labels, m + n)
        brute = brute_vertices(C)  # bits: y_j = 0 -> j, row i tight -> n + i
        expected = {((mask & ((1 << n) - 1)) << m) | (mask >> n): tuple(v / sum(z) for v in z)
                    for z, mask in brute.items() if any(z)}
        got = {mask: index.point(k) for k, mask in enumerate(index.masks)}
        assert got == expected
        assert index.degenerate == any(bin(mask).count("1") > n for mask in brute.values())


def test_compiled_true_without_numba_is_an_input_error(monkeypatch):
    monkeypatch.setattr(_jit, "_MODULES", {"_vertex_pairs_jit": None})  # as compiled_module answers without numba
    with pytest.raises(InputError, match="needs numba"):
        list(vertex_pairs([[2, 1], [1, 2]], [[1, 2], [2, 1]], compiled=True))
    # the default falls back to the Python walk
    monkeypatch.setitem(vp._JIT, "loaded", True)
    assert len(list(vertex_pairs([[2, 1], [1, 2]], [[1, 2], [2, 1]]))) == 1


@pytest.mark.skipif(LRSNASH is None, reason="lrsnash (Debian package lrslib) is not installed")
def test_compiled_walk_matches_lrsnash_on_degenerate_games(tmp_path):
    from gametheory import Game
    from gametheory.solvers._bimatrix import positive_integer_matrices

    rng = np.random.default_rng(1804)
    for k in range(4):
        A = rng.integers(-2, 3, (8, 8)).tolist()
        B = rng.integers(-2, 3, (8, 8)).tolist()
        Aint, Bint = positive_integer_matrices(Game.from_bimatrix(A, B))
        ours = set(vertex_pairs(Aint, Bint, compiled=True))
        (tmp_path / str(k)).mkdir()
        assert ours == lrsnash_extreme(LRSNASH, A, B, tmp_path / str(k))
