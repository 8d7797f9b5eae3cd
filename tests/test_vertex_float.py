"""The float reverse search of 'enumerate' (gametheory.solvers._vertex_float and its compiled twin).

Expected values come from brute force in the test: every choice of ``d``
tight constraints of a small polytope solved with NumPy, and every
equal-size support pair of a small game solved for its indifference
equations (Nash equilibria of nondegenerate games have equal-size supports:
von Stengel 2007, Theorem 3.4); on larger games, pygambit's enummixed.
"""

import itertools

import numpy as np
import pytest

from gametheory.solvers import _vertex_float as vf

KERNELS = ["numpy", "jit"]


def brute_force_masks(C, tol=1e-9):
    """Label masks of the vertices of {z >= 0 : C z <= 1} from all choices of d tight constraints."""
    r, d = C.shape
    rows = np.vstack([np.eye(d), C])
    rhs = np.concatenate([np.zeros(d), np.ones(r)])
    found = set()
    for pick in itertools.combinations(range(d + r), d):
        M = rows[list(pick)]
        if abs(np.linalg.det(M)) < 1e-12:
            continue
        z = np.linalg.solve(M, rhs[list(pick)])
        if z.min() < -tol or (C @ z).max() > 1 + tol:
            continue
        slack = np.concatenate([z, 1 - C @ z])
        found.add(sum(1 << k for k in range(d + r) if abs(slack[k]) <= tol))
    return found


def brute_force_supports(A, B):
    """Support pairs of the equilibria of a nondegenerate game, by support enumeration."""
    m, n = A.shape
    out = set()
    for k in range(1, min(m, n) + 1):
        for S in itertools.combinations(range(m), k):
            for T in itertools.combinations(range(n), k):
                # y on T makes the rows in S indifferent; x on S makes the columns in T indifferent
                My = np.vstack([np.hstack([A[np.ix_(S, T)], -np.ones((k, 1))]), np.append(np.ones(k), 0)])
                Mx = np.vstack([np.hstack([B[np.ix_(S, T)].T, -np.ones((k, 1))]), np.append(np.ones(k), 0)])
                rhs = np.append(np.zeros(k), 1)
                try:
                    yv, xv = np.linalg.solve(My, rhs), np.linalg.solve(Mx, rhs)
                except np.linalg.LinAlgError:
                    continue
                y, u = yv[:k], yv[k]
                x, v = xv[:k], xv[k]
                if y.min() <= 0 or x.min() <= 0:
                    continue
                yy, xx = np.zeros(n), np.zeros(m)
                yy[list(T)], xx[list(S)] = y, x
                if (A @ yy).max() <= u + 1e-12 and (xx @ B).max() <= v + 1e-12:
                    out.add((S, T))
    return out


@pytest.mark.parametrize("kernel", KERNELS)
def test_vertex_masks_equal_brute_force(kernel):
    rng = np.random.default_rng(181)
    for _ in range(60):
        r, d = (int(v) for v in rng.integers(1, 6, 2))
        C = rng.random((r, d)) + 0.05
        C /= C.max()
        res = vf.float_vertex_masks([C], kernel=kernel)
        assert res is not None
        masks = res[0].tolist()
        assert len(masks) == len(set(masks))  # each vertex met once: the parent links form a tree
        assert set(masks) == brute_force_masks(C)


@pytest.mark.parametrize("kernel", KERNELS)
def test_candidates_equal_support_enumeration(kernel, monkeypatch):
    rng = np.random.default_rng(182)
    real = vf.float_vertex_masks
    monkeypatch.setattr(vf, "float_vertex_masks", lambda Cs, tol=vf.DEFAULT_TOL: real(Cs, tol, kernel=kernel))
    total = 0
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        A, B = rng.random((m, n)) + 0.01, rng.random((m, n)) + 0.01
        A, B = A / A.max(), B / B.max()
        got = vf.float_candidates(A, B)
        assert got is not None
        assert set(got) == brute_force_supports(A, B)
        assert len(got) % 2 == 1  # nondegenerate games have an odd number of equilibria
        total += len(got)
    assert total > 60


@pytest.mark.oracle
@pytest.mark.parametrize("kernel", KERNELS)
def test_candidates_equal_gambit_on_larger_games(kernel, monkeypatch):
    import pygambit as gbt

    rng = np.random.default_rng(183)
    real = vf.float_vertex_masks
    monkeypatch.setattr(vf, "float_vertex_masks", lambda Cs, tol=vf.DEFAULT_TOL: real(Cs, tol, kernel=kernel))
    for m, n in [(7, 7), (8, 6), (6, 9), (9, 9)]:
        A, B = rng.random((m, n)), rng.random((m, n))
        g = gbt.Game.from_arrays(A, B)
        ref = set()
        rows, cols = (p.strategies for p in g.players)
        for eq in gbt.nash.enummixed_solve(g, rational=False).equilibria:
            x = [float(eq[s]) for s in rows]
            y = [float(eq[s]) for s in cols]
            ref.add((tuple(i for i in range(m) if x[i] > 1e-9), tuple(j for j in range(n) if y[j] > 1e-9)))
        got = vf.float_candidates(A / A.max(), B / B.max())
        assert got is not None and set(got) == ref


@pytest.mark.parametrize("kernel", KERNELS)
def test_degenerate_games_give_none(kernel, monkeypatch):
    real = vf.float_vertex_masks
    monkeypatch.setattr(vf, "float_vertex_masks", lambda Cs, tol=vf.DEFAULT_TOL: real(Cs, tol, kernel=kernel))
    # von Stengel (2007), game (3.18), shifted positive: the column player has two best replies to a pure row
    A = np.array([[3, 3], [2, 5], [0, 6]], dtype=float) + 1
    B = np.array([[3, 3], [2, 6], [3, 1]], dtype=float) + 1
    assert vf.float_candidates(A / A.max(), B / B.max()) is None
    # a square game with a repeated column (a tie in every row)
    rng = np.random.default_rng(184)
    A = rng.random((5, 5)) + 0.1
    B = rng.random((5, 5)) + 0.1
    A[:, 4], B[:, 4] = A[:, 3], B[:, 3]
    assert vf.float_candidates(A / A.max(), B / B.max()) is None
    # a near tie (1e-13) that floats cannot separate
    A = np.array([[1, 0.1, 0.1], [1 - 1e-13, 1, 0.1], [0.1, 0.1, 1]])
    B = np.array([[1, 0.1, 0.1], [0.1, 1, 0.1], [0.1, 0.1, 1]])
    assert vf.float_candidates(A, B) is None


@pytest.mark.parametrize("kernel", KERNELS)
def test_vertex_cap_gives_none(kernel):
    C = np.random.default_rng(185).random((4, 4)) + 0.1
    C /= C.max()
    full = vf.float_vertex_masks([C], kernel=kernel)
    assert full is not None
    assert vf.float_vertex_masks([C], max_vertices=len(full[0]) - 1, kernel=kernel) is None
    assert vf.float_vertex_masks([C], max_vertices=len(full[0]), kernel=kernel) is not None


def test_small_chunks_and_the_kernel_switch_give_the_same_vertices(monkeypatch):
    rng = np.random.default_rng(186)
    A, B = rng.random((9, 9)), rng.random((9, 9))
    Cs = [B.T / B.max(), A / A.max()]
    ref = [set(m.tolist()) for m in vf.float_vertex_masks(Cs, kernel="numpy")]
    # chunks of 64 dictionaries: the stack is refilled from many partial chunks
    monkeypatch.setattr(vf, "CHUNK_BYTES", 1)
    assert [set(m.tolist()) for m in vf.float_vertex_masks(Cs, kernel="numpy")] == ref
    # 'auto' leaves the vectorised search midway once the process has searched JIT_AFTER vertices
    monkeypatch.setattr(vf, "JIT_AFTER", 100)
    monkeypatch.setattr(vf, "_JIT_STATE", {"loaded": 0, "work": 0})
    assert [set(m.tolist()) for m in vf.float_vertex_masks(Cs)] == ref
    assert vf._JIT_STATE["loaded"] == int(vf._jit_kernel() is not None)


def test_chunk_size_bounds_the_memory():
    assert vf.chunk_size(20, 20) * 4 * 8 * 21 * 21 <= vf.CHUNK_BYTES
    assert vf.chunk_size(1000, 1000) == 64


def test_symmetric_games_search_one_polytope_and_find_the_brute_force_set(monkeypatch):
    # B = A^T makes P = Q: one search, whose masks serve as both polytopes'
    rng = np.random.default_rng(187)
    real = vf.float_vertex_masks
    calls = []

    def counted(Cs, tol=vf.DEFAULT_TOL):
        calls.append(len(Cs))
        return real(Cs, tol)

    monkeypatch.setattr(vf, "float_vertex_masks", counted)
    for n in (2, 3, 4, 5, 6):
        A = rng.random((n, n)) + 0.01
        A /= A.max()
        got = vf.float_candidates(A, A.T.copy())
        assert calls[-1] == 1
        assert got is not None and set(got) == brute_force_supports(A, A.T)
    # an asymmetric square game still searches both
    A, B = rng.random((4, 4)) + 0.01, rng.random((4, 4)) + 0.01
    vf.float_candidates(A / A.max(), B / B.max())
    assert calls[-1] == 2


def test_candidate_supports_read_the_masks_both_ways():
    # x lacks labels 0 and 2 (its support) and labels 3 + 1 (column 1 not a best reply): S = (0, 2), T = (0, 2)
    assert vf.candidate_supports(0b01_0_101, 3, 3) == ((0, 2), (0, 2))
    # every support pair of a 3 x 4 game goes to a mask and back
    for S in itertools.chain.from_iterable(itertools.combinations(range(3), k) for k in range(1, 4)):
        for T in itertools.combinations(range(4), len(S)):
            mask = sum(1 << i for i in S) | sum(1 << (3 + j) for j in range(4) if j not in T)
            assert vf.candidate_supports(mask, 3, 4) == (S, T)
