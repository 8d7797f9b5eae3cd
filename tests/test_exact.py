"""The shared exact kernels (gametheory.exact), checked against references written here.

Linear solves are compared with Cramer's rule (determinants by the Leibniz
formula, in Fractions) and with numpy; matrix-game values with hand
calculation (the 2x2 formula) and with scipy's linprog; every certificate is
recomputed in the test.
"""

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from gametheory import CostLimitError, exact
from gametheory.exact import (
    LP_DENOMINATORS,
    SIMPLE_DENOMINATORS,
    Maximin,
    bareiss_solve,
    certify_maximin,
    integer_payoffs,
    integer_scaled,
    kernel_maximin,
    matrix_game_value,
    maximin_lp,
    positive_integer_matrix,
    rational_candidates,
    solve_rational,
)


# ---------------------------------------------------------------------- references
def det(M):
    """Leibniz formula: sum over permutations of sign * product (exact for Fractions and ints)."""
    n = len(M)
    total = 0
    for perm in itertools.permutations(range(n)):
        inversions = sum(1 for a in range(n) for b in range(a + 1, n) if perm[a] > perm[b])
        term = -1 if inversions % 2 else 1
        for r in range(n):
            term *= M[r][perm[r]]
        total += term
    return total


def cramer(M, b):
    """The unique solution of the square system by Cramer's rule, or None when det M = 0."""
    d = det(M)
    if d == 0:
        return None
    n = len(M)
    return [F(det([[b[r] if c == k else M[r][c] for c in range(n)] for r in range(n)]), d) for k in range(n)]


def residual_zero(M, b, z):
    return all(sum(F(a) * x for a, x in zip(row, z)) == bi for row, bi in zip(M, b))


def guarantee(A, x):
    """min over columns of x^T A, exact."""
    return min(sum(x[i] * A[i][j] for i in range(len(A))) for j in range(len(A[0])))


def bound(A, y):
    """max over rows of A y, exact."""
    return max(sum(A[i][j] * y[j] for j in range(len(A[0]))) for i in range(len(A)))


def linprog_value(A):
    m, n = len(A), len(A[0])
    A = np.asarray(A, dtype=float)
    res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-A.T, np.ones(n)], b_ub=np.zeros(n),
                  A_eq=[np.r_[np.ones(m), 0.0]], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)], method="highs")
    return -res.fun


# ---------------------------------------------------------------------- integer scaling
@pytest.mark.slow
def test_integer_scaled_divides_back_to_the_fractions_with_the_least_denominator():
    rng = np.random.default_rng(1)
    for _ in range(200):
        vals = [F(int(rng.integers(-50, 51)), int(rng.integers(1, 30))) for _ in range(int(rng.integers(1, 8)))]
        nums, den = integer_scaled(vals)
        assert all(type(v) is int for v in nums)
        assert [F(v, den) for v in nums] == vals
        # least: no proper divisor of den turns every value into an integer
        for d in range(1, den):
            if den % d == 0:
                assert any((v * d).denominator != 1 for v in vals)


def test_integer_scaled_accepts_ints():
    assert integer_scaled([3, -2, 0]) == ([3, -2, 0], 1)
    assert integer_scaled([F(1, 3), 2]) == ([1, 6], 3)


def test_positive_integer_matrix_is_a_positive_affine_image():
    rng = np.random.default_rng(2)
    for _ in range(100):
        m, n = (int(v) for v in rng.integers(1, 5, 2))
        M = [[F(int(rng.integers(-9, 10)), int(rng.integers(1, 7))) for _ in range(n)] for _ in range(m)]
        den = math.lcm(*(v.denominator for row in M for v in row))
        for minimum, expect_min in ((None, den), (1, 1)):
            P = positive_integer_matrix(M, minimum=minimum)
            flat = [(i, j) for i in range(m) for j in range(n)]
            assert min(P[i][j] for i, j in flat) == expect_min
            # differences are the payoff differences times the common denominator: same best replies
            i0, j0 = flat[0]
            assert all(P[i][j] - P[i0][j0] == (M[i][j] - M[i0][j0]) * den for i, j in flat)


def test_integer_payoffs_scale_each_player_by_a_positive_constant():
    rng = np.random.default_rng(3)
    for _ in range(50):
        shape = tuple(int(v) for v in rng.integers(1, 4, 3))
        pay = np.empty(shape + (3,), dtype=object)
        for idx in np.ndindex(pay.shape):
            pay[idx] = F(int(rng.integers(-9, 10)), int(rng.integers(1, 9)))
        out = integer_payoffs(pay)
        assert out.dtype == np.int64 and out.shape == pay.shape
        for i in range(3):
            ratios = {F(int(out[idx + (i,)])) / pay[idx + (i,)] for idx in np.ndindex(shape) if pay[idx + (i,)] != 0}
            assert len(ratios) <= 1 and all(r > 0 for r in ratios)
            assert all(out[idx + (i,)] == 0 for idx in np.ndindex(shape) if pay[idx + (i,)] == 0)


def test_integer_payoffs_refuses_what_int64_cannot_hold():
    assert integer_payoffs(np.array([[F(2**62), F(0)]], dtype=object)) is None
    assert integer_payoffs(np.array([[F(1, 2**62), F(0)]], dtype=object)) is None
    assert integer_payoffs(np.array([[F(2**61), F(0)]], dtype=object)) is not None


# ---------------------------------------------------------------------- linear solves
@pytest.mark.parametrize("seed", range(4))
def test_solve_rational_against_cramer_and_numpy(seed):
    rng = np.random.default_rng(seed)
    checked = 0
    for _ in range(150):
        k = int(rng.integers(1, 6))
        M = [[F(int(rng.integers(-6, 7)), int(rng.integers(1, 4))) for _ in range(k)] for _ in range(k)]
        b = [F(int(rng.integers(-6, 7))) for _ in range(k)]
        ref = cramer(M, b)
        got = solve_rational(M, b, unique=True)
        assert got == ref
        if ref is not None:
            checked += 1
            assert solve_rational(M, b) == ref  # a nonsingular system has one solution in either mode
            Mf = np.array(M, dtype=float)
            assert np.allclose(np.linalg.solve(Mf, np.array(b, dtype=float)), [float(v) for v in got],
                               rtol=1e-9, atol=1e-9 * max(1.0, float(np.abs(Mf).max())))
    assert checked > 100


def test_singular_and_inconsistent_systems():
    # consistent but singular: no unique solution; the free variable is set to 0
    M, b = [[1, 2, 3], [2, 4, 6], [1, 0, 1]], [6, 12, 2]
    assert solve_rational(M, b, unique=True) is None
    z = solve_rational(M, b)
    assert residual_zero(M, b, z) and z[2] == 0
    # inconsistent: no solution in either mode
    M, b = [[1, 1], [2, 2]], [1, 3]
    assert solve_rational(M, b) is None and solve_rational(M, b, unique=True) is None
    # over-determined consistent, full column rank: unique
    M, b = [[1, 0], [0, 1], [1, 1]], [F(1, 2), F(1, 3), F(5, 6)]
    assert solve_rational(M, b, unique=True) == [F(1, 2), F(1, 3)]
    # over-determined inconsistent
    assert solve_rational(M, [1, 1, 1]) is None
    # under-determined: a solution, not a unique one
    M, b = [[1, 1, 1]], [1]
    assert solve_rational(M, b) == [1, 0, 0] and solve_rational(M, b, unique=True) is None
    assert solve_rational([], []) is None


def test_random_rank_deficient_systems():
    rng = np.random.default_rng(5)
    for _ in range(100):
        k = int(rng.integers(2, 6))
        rows = [[int(v) for v in rng.integers(-4, 5, k)] for _ in range(k - 1)]
        weights = [int(v) for v in rng.integers(-2, 3, k - 1)]
        M = rows + [[sum(w * r[c] for w, r in zip(weights, rows)) for c in range(k)]]  # last row dependent
        x = [F(int(v)) for v in rng.integers(-3, 4, k)]
        b = [sum(F(a) * v for a, v in zip(row, x)) for row in M]
        assert solve_rational(M, b, unique=True) is None
        z = solve_rational(M, b)
        assert z is not None and residual_zero(M, b, z)
        b_bad = b[:-1] + [b[-1] + 1]
        assert solve_rational(M, b_bad) is None


def test_bareiss_against_fraction_solve_and_determinant():
    rng = np.random.default_rng(6)
    for _ in range(300):
        k = int(rng.integers(1, 6))
        M = [[int(v) for v in rng.integers(-4, 5, k)] for _ in range(k)]
        b = [int(v) for v in rng.integers(-4, 5, k)]
        ref = solve_rational(M, b, unique=True)
        got = bareiss_solve(M, b)
        if ref is None:
            assert got is None and det(M) == 0
        else:
            nums, d = got
            assert all(type(v) is int for v in nums)
            assert d == abs(det(M)) and [F(v, d) for v in nums] == ref


# ---------------------------------------------------------------------- rounding
def test_rational_candidates_are_distributions_near_the_floats():
    rng = np.random.default_rng(7)
    for _ in range(100):
        x = rng.dirichlet(np.ones(int(rng.integers(1, 6))))
        cands = list(rational_candidates(x))
        assert cands and len({tuple(c) for c in cands}) == len(cands)
        for q in cands:
            assert sum(q) == 1 and min(q) >= 0
        assert max(abs(float(a) - b) for a, b in zip(cands[-1], x)) < 1e-9


def test_rational_candidates_follow_the_ladder():
    # bound 1 rounds 0.26 to 0 and 0.74 to 1; bound 4 gives quarters
    got = [[str(v) for v in q] for q in rational_candidates([0.26, 0.74], denominators=(1, 4))]
    assert got == [["0", "1"], ["1/4", "3/4"]]
    raw = list(rational_candidates([0.26, -0.5], normalise=False, denominators=(4, 100)))
    assert raw == [[F(1, 4), F(-1, 2)], [F(13, 50), F(-1, 2)]]
    assert next(rational_candidates([0.3333333333, 0.6666666667])) == [F(1, 3), F(2, 3)]
    assert LP_DENOMINATORS[0] == 10 and SIMPLE_DENOMINATORS[:3] == (1, 2, 6)


# ---------------------------------------------------------------------- maximin
HAND = [
    # 2x2 without a saddle: v = (ad - bc)/(a + d - b - c), x1 = (d - c)/(...), y1 = (d - b)/(...)
    pytest.param([[2, -1], [-1, 1]], F(1, 5), (F(2, 5), F(3, 5)), (F(2, 5), F(3, 5)), id="2x2-1/5"),
    pytest.param([[1, -1], [-1, 1]], 0, (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), id="matching-pennies"),
    pytest.param([[3, -1], [-2, 1]], F(1, 7), (F(3, 7), F(4, 7)), (F(2, 7), F(5, 7)), id="2x2-1/7"),
    pytest.param([[2, 7], [-3, 0]], 2, (1, 0), (1, 0), id="saddle"),
]


@pytest.mark.parametrize("A, value, x, y", HAND)
def test_maximin_hand_values(A, value, x, y):
    Aq = [[F(a) for a in row] for row in A]
    for sol in (kernel_maximin(Aq), certify_maximin(Aq, maximin_lp(A)),
                certify_maximin(Aq, maximin_lp(A, column="lp"), denominators=SIMPLE_DENOMINATORS, active_set=True),
                matrix_game_value(A)):
        assert isinstance(sol, Maximin) and sol.certified
        assert sol.value == value and type(sol.value) is F
        assert sol.row == x and sol.column == y
        assert guarantee(Aq, sol.row) == sol.value == bound(Aq, sol.column) == sol.guarantee
    fl = matrix_game_value([[float(a) for a in row] for row in A])
    assert not fl.certified and fl.value == pytest.approx(float(value), abs=1e-9)
    assert fl.row == pytest.approx([float(v) for v in x], abs=1e-9)


@pytest.mark.oracle
@pytest.mark.parametrize("seed", range(6))
def test_maximin_against_linprog_with_exact_certificate(seed):
    rng = np.random.default_rng(seed)
    for _ in range(10):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        A = [[F(int(rng.integers(-9, 10)), int(rng.integers(1, 4))) for _ in range(n)] for _ in range(m)]
        lp = linprog_value(A)
        scale = max(1.0, max(abs(float(a)) for row in A for a in row))
        for approx in (maximin_lp(A), maximin_lp(A, column="lp")):
            assert approx.value == pytest.approx(lp, abs=1e-9 * scale)
            assert sum(approx.row) == pytest.approx(1) and sum(approx.column) == pytest.approx(1)
            sol = certify_maximin(A, approx, active_set=True)
            assert sol.certified
            # primal guarantee = dual bound, exactly: the value is proved
            assert guarantee(A, sol.row) == sol.value == bound(A, sol.column)
            assert all(v >= 0 for v in sol.row + sol.column) and sum(sol.row) == 1 == sum(sol.column)
        if m * n <= 16:
            ker = kernel_maximin(A)
            assert ker.value == sol.value and guarantee(A, ker.row) == ker.value == bound(A, ker.column)


def test_uncertified_maximin_reports_what_its_row_guarantees():
    A = [[F(2), F(-1)], [F(-1), F(1)]]
    # a float "solution" far from optimal: no rounding of it is optimal, and no column strategy is offered
    approx = Maximin(0.3, (1.0, 0.0), None, False)
    sol = certify_maximin(A, approx)
    assert not sol.certified and sol.value == 0.3 and sol.column is None
    assert sol.row == (1, 0) and sol.guarantee == guarantee(A, sol.row) == -1


def test_kernel_enumeration_cost_limit(monkeypatch):
    with pytest.raises(CostLimitError, match="kernels"):
        kernel_maximin(np.ones((20, 20), dtype=int).tolist())
    monkeypatch.setattr(exact, "MAX_KERNELS", 3)
    with pytest.raises(CostLimitError):
        kernel_maximin([[1, 0], [0, 1]])  # 4 + 1 = 5 square submatrices
