"""The exact kernel of 'enumerate': the lexicographic reverse search and the streamed vertex pairs.

Expected sets come from a brute force written here (every choice of tight constraints, solved
over the rationals; every pair of vertices tested for complementary labels), from pygambit's
exact enummixed, and from lrsnash (lrslib, run as a subprocess when /usr/bin/lrsnash exists).
"""

import itertools
import shutil
from fractions import Fraction as F

import numpy as np
import pytest
from refs.gambit import gambit_extreme
from refs.lrsnash import lrsnash_extreme

from gametheory import Game
from gametheory.exact import solve_rational
from gametheory.solvers._vertex_exact import exact_polytope_vertices, has_degenerate_vertex, reverse_search
from gametheory.solvers._vertex_pairs import PairStats, _face_vertices, vertex_pairs
from gametheory.solvers.vertex import extreme_equilibria_exact

LRSNASH = shutil.which("lrsnash")


def brute_vertices(C):
    """Vertices of {z >= 0 : C z <= 1} with their label masks (bit k: z_k = 0; bit d + j: row j tight)."""
    r, d = len(C), len(C[0])
    rows = [[1 if k == i else 0 for k in range(d)] for i in range(d)] + [list(row) for row in C]
    rhs = [0] * d + [1] * r
    out = {}
    for pick in itertools.combinations(range(d + r), d):
        z = solve_rational([rows[p] for p in pick], [rhs[p] for p in pick], unique=True)
        if z is None or min(z) < 0 or any(sum(c * v for c, v in zip(row, z)) > 1 for row in C):
            continue
        z = tuple(z)
        out[z] = sum(1 << k for k in range(d) if z[k] == 0) + sum(
            1 << (d + j) for j in range(r) if sum(c * v for c, v in zip(C[j], z)) == 1)
    return out


def brute_pairs(A, B):
    """Completely labelled pairs of nonzero vertices of P = {x : B^T x <= 1} and Q = {y : A y <= 1}, normalised."""
    m, n = len(A), len(A[0])
    P = brute_vertices([list(c) for c in zip(*B)])  # labels: x_i = 0 -> i, column j tight -> m + j
    Q = brute_vertices(A)  # bits: y_j = 0 -> j, row i tight -> n + i; relabelled below
    full = (1 << (m + n)) - 1
    out = set()
    for x, lx in P.items():
        for y, mq in Q.items():
            ly = ((mq & ((1 << n) - 1)) << m) | (mq >> n)
            if any(x) and any(y) and lx | ly == full:
                out.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return out


def test_reverse_search_visits_each_lex_basis_once_and_finds_every_vertex():
    rng = np.random.default_rng(181)
    for _ in range(60):
        r, d = (int(v) for v in rng.integers(1, 6, 2))
        C = rng.integers(1, 4, (r, d)).tolist()  # small entries: many degenerate vertices
        bases = [frozenset(basis) for _, basis, *_ in reverse_search(C)]
        assert len(bases) == len(set(bases))
        ours = dict((z, mask) for z, mask in exact_polytope_vertices(C))
        assert len(ours) == len(exact_polytope_vertices(C))  # each vertex once
        assert ours == brute_vertices(C)
        assert has_degenerate_vertex(C) == any(bin(mk).count("1") > d for mk in ours.values())


def test_reverse_search_depth_and_pivots_are_consistent():
    # a visit at depth k + 1 is one pivot from the last visit at depth k
    C = [[3, 1, 2], [1, 3, 1], [2, 2, 3]]
    path = {}
    for depth, basis, _, _, entered, left in reverse_search(C):
        if depth:
            parent = path[depth - 1]
            assert set(parent) - set(basis) == {left} and set(basis) - set(parent) == {entered}
        path[depth] = list(basis)


def test_large_entries_take_the_python_integer_path():
    # entries past 2**31 leave the int64 pivot: the vertices are still exact
    C = [[2**40 + 1, 3], [5, 2**35 + 7]]
    assert {z for z, _ in exact_polytope_vertices(C)} == set(brute_vertices(C))


def test_face_vertices_by_hand():
    # Q = {y >= 0 : y1 + y2 <= 1, 2 y1 <= 1}; the face where row 0 is tight is the segment
    # from (0, 1) to (1/2, 1/2), normalised: (0, 1) and (1/2, 1/2)
    C = [[1, 1], [2, 0]]
    assert _face_vertices(C, 0b0001, 2) == [(F(0), F(1)), (F(1, 2), F(1, 2))]
    # both rows tight: the point (1/2, 1/2); with y_1 = 0 as well (label 2 + 1): empty
    assert _face_vertices(C, 0b0011, 2) == [(F(1, 2), F(1, 2))]
    assert _face_vertices(C, 0b1011, 2) == []


@pytest.mark.parametrize("low, high", [(1, 2), (1, 3), (1, 9), (1, 999)])
def test_vertex_pairs_equal_brute_force(low, high):
    rng = np.random.default_rng(182 + high)
    for _ in range(25):
        m, n = (int(v) for v in rng.integers(1, 5, 2))
        A, B = rng.integers(low, high + 1, (m, n)).tolist(), rng.integers(low, high + 1, (m, n)).tolist()
        pairs = list(vertex_pairs(A, B))
        assert len(pairs) == len(set(pairs))  # each pair once
        assert set(pairs) == brute_pairs(A, B)


@pytest.mark.parametrize("symmetric", [False, True])
def test_degenerate_flag_equals_brute_force(symmetric):
    rng = np.random.default_rng(183 + symmetric)
    for _ in range(30):
        m, n = (int(v) for v in rng.integers(1, 5, 2))
        if symmetric:  # B = A^T: P and Q are the same polytope
            n = m
        A, B = rng.integers(1, 3, (m, n)).tolist(), rng.integers(1, 3, (m, n)).tolist()
        if symmetric:
            B = [list(c) for c in zip(*A)]
        P = brute_vertices([list(c) for c in zip(*B)])
        Q = brute_vertices(A)
        expect = any(any(z) and bin(mk).count("1") > m for z, mk in P.items()) or any(
            any(z) and bin(mk).count("1") > n for z, mk in Q.items())
        assert extreme_equilibria_exact(A, B)[1] == expect


def test_nondegenerate_game_never_lists_the_other_polytope():
    # output-sensitive: a nondegenerate game follows one basis of Q per vertex of P
    A = [[2**(4 * i) if j == i else 2**(2 * i + 2 * j + 1) if j > i else 0 for j in range(6)] for i in range(6)]
    B = [list(c) for c in zip(*A)]
    stats = PairStats()
    pairs = list(vertex_pairs([[v + 1 for v in row] for row in A], [[v + 1 for v in row] for row in B], stats))
    assert len(pairs) == 2**6 - 1  # the family of Savani's example: 2^n - 1 equilibria
    assert stats.other_vertices == 0 and not stats.walked_degenerate


@pytest.mark.oracle
def test_vertex_pairs_equal_gambit_on_degenerate_games():
    rng = np.random.default_rng(184)
    for _ in range(20):
        m, n = (int(v) for v in rng.integers(2, 6, 2))
        A, B = rng.integers(-1, 2, (m, n)).tolist(), rng.integers(-1, 2, (m, n)).tolist()
        game = Game.from_bimatrix(A, B)
        pairs, _ = extreme_equilibria_exact([[v + 2 for v in r] for r in A], [[v + 2 for v in r] for r in B])
        assert set(pairs) == gambit_extreme(game)


@pytest.mark.oracle
@pytest.mark.skipif(LRSNASH is None, reason="lrsnash (Debian package lrslib) is not installed")
@pytest.mark.parametrize("shape, low, high", [((6, 6), 1, 7), ((7, 9), 1, 7), ((8, 8), 1, 1000), ((10, 10), 1, 7)])
def test_vertex_pairs_equal_lrsnash(shape, low, high, tmp_path):
    rng = np.random.default_rng(185 + shape[0])
    A, B = rng.integers(low, high + 1, shape).tolist(), rng.integers(low, high + 1, shape).tolist()
    pairs = list(vertex_pairs(A, B))
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == lrsnash_extreme(LRSNASH, A, B, tmp_path)
