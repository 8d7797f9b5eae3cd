"""The faces of the other polytope (``_face_vertices``) and the small-polytope vertex search under them.

Expected values come from hand calculation and from a brute force written here: every vertex of
``{y >= 0 : C y <= 1}`` found by trying every choice of ``n`` tight constraints in Fractions (its own
elimination), each with the labels it carries.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory.solvers._small_polytope as small
import gametheory.solvers._vertex_pairs as vp
from gametheory.solvers._small_polytope import polytope_vertices, reduced_inequalities, subsets
from gametheory.solvers._vertex_pairs import _face_vertices


def solve_unique(M, b):
    """The unique solution of the square system ``M u = b`` in Fractions, or None if ``M`` is singular."""
    k = len(M)
    rows = [[F(v) for v in row] + [F(bi)] for row, bi in zip(M, b)]
    for c in range(k):
        p = next((i for i in range(c, k) if rows[i][c] != 0), None)
        if p is None:
            return None
        rows[c], rows[p] = rows[p], rows[c]
        for i in range(k):
            if i != c and rows[i][c] != 0:
                f = rows[i][c] / rows[c][c]
                rows[i] = [v - f * w for v, w in zip(rows[i], rows[c])]
    return tuple(rows[i][k] / rows[i][i] for i in range(k))


def brute_polytope(rows, k):
    """Vertices of ``{u : a . u <= b}``: every k-subset of rows solved, kept when it satisfies every row."""
    out = set()
    for pick in itertools.combinations(rows, k):
        u = solve_unique([a for a, _ in pick], [b for _, b in pick]) if k else ()
        if u is not None and all(sum(x * y for x, y in zip(a, u)) <= b for a, b in rows):
            out.add(u)
    return out


def brute_labelled_vertices(C):
    """``{y: label mask}`` for every vertex of ``{y >= 0 : C y <= 1}`` (labels: rows i, then columns m + j)."""
    m, n = len(C), len(C[0])
    constraints = [(list(row), 1) for row in C] + [([-1 if g == j else 0 for g in range(n)], 0) for j in range(n)]
    out = {}
    for y in brute_polytope(constraints, n):
        mask = sum(1 << i for i in range(m) if sum(a * v for a, v in zip(C[i], y)) == 1)
        mask |= sum(1 << (m + j) for j in range(n) if y[j] == 0)
        out[y] = mask
    return out


def brute_face(labelled, required):
    """The nonzero vertices (of ``brute_labelled_vertices``) whose labels contain ``required``, normalised, sorted."""
    pts = [y for y, mask in labelled.items() if mask & required == required and any(y)]
    return sorted(tuple(v / sum(y) for v in y) for y in pts)


def affine_dimension(points):
    if not points:
        return -1
    base = points[0]
    M = [[v - w for v, w in zip(p, base)] for p in points[1:]]
    rank = 0
    ncols = len(base)
    for c in range(ncols):
        p = next((i for i in range(rank, len(M)) if M[i][c] != 0), None)
        if p is None:
            continue
        M[rank], M[p] = M[p], M[rank]
        for i in range(len(M)):
            if i != rank and M[i][c] != 0:
                f = M[i][c] / M[rank][c]
                M[i] = [v - f * w for v, w in zip(M[i], M[rank])]
        rank += 1
    return rank


# ---------------------------------------------------------------------- by hand
def test_face_of_a_simplex_is_the_triangle():
    # y1 + y2 + y3 <= 1 tight: the triangle with the unit vectors as vertices (already normalised)
    assert _face_vertices([[1, 1, 1]], 0b0001, 1) == [(F(0), F(0), F(1)), (F(0), F(1), F(0)), (F(1), F(0), F(0))]
    # and y_3 = 0 as well (label 1 + 2): the edge from e1 to e2
    assert _face_vertices([[1, 1, 1]], 0b1001, 1) == [(F(0), F(1), F(0)), (F(1), F(0), F(0))]


def test_face_points_segments_and_empty_by_hand():
    # Q = {y >= 0 : y1 + y2 <= 1, 2 y1 <= 1}
    C = [[1, 1], [2, 0]]
    # row 1 tight: y1 = 1/2, 0 <= y2 <= 1/2: the segment from (1/2, 0) to (1/2, 1/2), normalised (1, 0), (1/2, 1/2)
    assert _face_vertices(C, 0b0010, 2) == [(F(1, 2), F(1, 2)), (F(1), F(0))]
    # row 1 tight and y2 = 0 (label 2 + 1): the point (1/2, 0)
    assert _face_vertices(C, 0b1010, 2) == [(F(1), F(0))]
    # row 1 tight and y1 = 0 (label 2 + 0): empty
    assert _face_vertices(C, 0b0110, 2) == []


def test_square_pyramid_apex_is_found_once():
    # base [0, 1]^2 at z = 0, apex (1/2, 1/2, 1) where four facets meet (a degenerate vertex: 4 of 3)
    rows = [((0, 0, -1), 0), ((-2, 0, 1), 0), ((2, 0, 1), 2), ((0, -2, 1), 0), ((0, 2, 1), 2)]
    expected = [(F(0), F(0), F(0)), (F(0), F(1), F(0)), (F(1, 2), F(1, 2), F(1)), (F(1), F(0), F(0)),
                (F(1), F(1), F(0))]
    assert sorted(polytope_vertices(rows, 3, 1000)) == expected


def test_unbounded_and_degenerate_cases_by_hand():
    # the quadrant u >= 0 has the one vertex 0; a half-plane has none; a line in R^1 bounded on one side: its end
    assert polytope_vertices([((-1, 0), 0), ((0, -1), 0)], 2, 10) == [(F(0), F(0))]
    assert polytope_vertices([((1, 1), 1)], 2, 10) == []
    assert polytope_vertices([((-3,), 2)], 1, 10) == [(F(-2, 3),)]
    # an empty interval, an interval, an interval given by redundant rows
    assert polytope_vertices([((1,), 0), ((-1,), -1)], 1, 10) == []
    assert sorted(polytope_vertices([((2,), 1), ((-1,), 0), ((4,), 5)], 1, 10)) == [(F(0),), (F(1, 2),)]
    # k = 0: the point itself, unless a row 0 <= b has b < 0
    assert polytope_vertices([((), 0), ((), 3)], 0, 10) == [()]
    assert polytope_vertices([((), -1)], 0, 10) == []


def test_reduced_inequalities_keep_the_tightest_of_each_direction():
    assert reduced_inequalities([((2, 4), 7), ((-1, -2), 0), ((3, 6), 11), ((0, 0), 0)]) == [((2, 4), 7),
                                                                                             ((-1, -2), 0)]
    assert reduced_inequalities([((3, 6), 9), ((2, 4), 7)]) == [((1, 2), 3)]
    assert reduced_inequalities([((1, 1), 1), ((0, 0), -2)]) is None


def test_subsets_are_itertools_combinations():
    for N in range(0, 9):
        for k in range(0, N + 1):
            assert subsets(N, k).tolist() == [list(c) for c in itertools.combinations(range(N), k)]


# ---------------------------------------------------------------------- random, against brute force
def random_rows(rng, k, N, high):
    return [(tuple(int(v) for v in rng.integers(-high, high + 1, k)), int(rng.integers(-high, high + 1)))
            for _ in range(N)]


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_polytope_vertices_equal_brute_force(k):
    rng = np.random.default_rng(1800 + k)
    for trial in range(40 if k < 5 else 15):
        N = int(rng.integers(k, k + (6 if k < 5 else 3)))
        rows = random_rows(rng, k, N, 2 if trial % 2 else 4)  # tiny entries: repeated and degenerate rows
        if trial % 3 == 0:  # a bounding simplex, so that the polytope usually has vertices
            rows += [(tuple(-1 if g == f else 0 for g in range(k)), 3) for f in range(k)] + [((1,) * k, 3)]
        got = polytope_vertices(rows, k, 10**6)
        assert len(got) == len(set(got))
        assert set(got) == brute_polytope(rows, k)


@pytest.mark.parametrize("k, high", [(2, 10**7), (3, 10**6), (3, 10**15)])
def test_large_entries_take_python_integers_and_stay_exact(k, high):
    # past the int64 bound: (2, 10**7) has products near 10**21, which int64 would wrap
    rng = np.random.default_rng(1810)
    for _ in range(10):
        rows = random_rows(rng, k, 7, high)
        rows += [(tuple(high if g == f else 0 for g in range(k)), high) for f in range(k)]
        rows += [(tuple(-high if g == f else 0 for g in range(k)), high) for f in range(k)]
        assert set(polytope_vertices(rows, k, 10**6)) == brute_polytope(rows, k)


def test_entries_at_the_int64_bound_do_not_overflow():
    # the largest E with 3! E^3 < 2^63 keeps k = 2 in int64; the minors and products reach about 2^62
    k = 2
    E = 1
    while 6 * (E + 1) ** 3 <= 2**63 - 1:
        E += 1
    rows = [((E, E - 1), E), ((-E, E - 3), E - 2), ((E - 5, -E), E), ((-E + 7, -E), -E + 1), ((E - 2, E - 4), -E)]
    rows += [((E, 1), E), ((1, -E), E - 1)]
    assert small.factorial(k + 1) * E ** (k + 1) <= small._INT64_MAX < small.factorial(k + 1) * (E + 1) ** (k + 1)
    assert set(polytope_vertices(rows, k, 10**6)) == brute_polytope(rows, k)


def test_face_vertices_equal_brute_force_on_degenerate_polytopes():
    rng = np.random.default_rng(1820)
    dims = set()
    for trial in range(60):
        m = int(rng.integers(1, 4))
        n = int(rng.integers(2, 8))
        C = rng.integers(1, 3 if trial % 2 else 4, (m, n)).tolist()  # small entries: degenerate vertices
        labelled = brute_labelled_vertices(C)
        masks = set()
        for mask in labelled.values():  # faces through a vertex: a random part of its labels, one row at least
            rows = [i for i in range(m) if mask >> i & 1]
            if not rows:
                continue
            keep = mask & int(rng.integers(0, 1 << (m + n)))
            masks.add(keep | 1 << int(rng.choice(rows)))
            masks.add(1 << int(rng.choice(rows)))
        for _ in range(5):  # arbitrary masks: usually empty faces
            masks.add(int(rng.integers(1, 1 << (m + n))) | 1 << int(rng.integers(0, m)))
        for required in sorted(masks):
            expected = brute_face(labelled, required)
            assert _face_vertices(C, required, m) == expected, (C, required)
            dims.add(affine_dimension(expected))
    assert {-1, 0, 1, 2, 3, 4, 5} <= dims  # empty faces, points, segments and faces of dimension 2 to 5


def test_face_vertices_gives_none_past_the_limit(monkeypatch):
    # the simplex's facet in R^6: 6 free coordinates after the row, 6 + 0 inequalities left (y >= 0)
    C = [[1] * 7]
    facet = [tuple(F(int(j == i)) for j in range(7)) for i in reversed(range(7))]
    assert _face_vertices(C, 0b1, 1) == facet
    monkeypatch.setattr(vp, "_FACE_SUBSETS", 6)  # C(7, 6) = 7 subsets: one too many
    assert _face_vertices(C, 0b1, 1) is None
    monkeypatch.setattr(vp, "_FACE_SUBSETS", 7)
    assert _face_vertices(C, 0b1, 1) == facet


def test_python_integers_count_more_against_the_limit():
    rows = [((-1, 0), 0), ((0, -1), 0), ((10**10, 10**10 + 1), 10**10)]  # 3! E^3 > 2^63: object arrays
    assert sorted(polytope_vertices(rows, 2, 3 * small._OBJECT_COST)) == [
        (F(0), F(0)), (F(0), F(10**10, 10**10 + 1)), (F(1), F(0))]
    assert polytope_vertices(rows, 2, 3 * small._OBJECT_COST - 1) is None
    assert polytope_vertices(rows, 2, 3) is None
