"""The integer helpers of the exact vertex walk and of the certificates, against Fraction arithmetic."""

from fractions import Fraction
from math import gcd

import pytest

from gametheory import Game, InputError
from gametheory.exact import ScaledVector, integer_scaled, scaled_vector
from gametheory.profile import MixedProfile, checked_vector
from gametheory.solvers._vertex_exact import _pivot_unreduced, _reduce_rows, pivot
from gametheory.solvers._vertex_pairs import _normalised


def test_scaled_vector_is_the_fractions_and_their_least_common_denominator():
    import random

    rng = random.Random(7)
    for _ in range(200):
        den = rng.randint(1, 10**6)
        nums = [rng.choice([0, rng.randint(0, 10**7)]) for _ in range(rng.randint(1, 6))]
        v = scaled_vector(nums, den)
        assert isinstance(v, ScaledVector)
        assert list(v) == [Fraction(n, den) for n in nums]
        assert v.scaled == integer_scaled([Fraction(n, den) for n in nums])
        assert v == tuple(Fraction(n, den) for n in nums)


def test_scaled_vector_by_hand():
    v = scaled_vector([6, 0, 9], 12)   # 1/2, 0, 3/4: least common denominator 4
    assert v.scaled == ([2, 0, 3], 4)
    assert repr(v) == "(Fraction(1, 2), Fraction(0, 1), Fraction(3, 4))"


def _rational(tab):
    return [[Fraction(v, row[-1]) for v in row] for row in tab]


def test_unreduced_pivot_rows_are_positive_multiples_of_the_reduced_ones():
    import random

    rng = random.Random(3)
    for _ in range(100):
        tab = [[rng.randint(-40, 40) for _ in range(4)] + [rng.randint(1, 9)] for _ in range(4)]
        p, c = rng.randrange(4), rng.randrange(3)
        if tab[p][c] <= 0:
            continue
        raw, fresh = _pivot_unreduced(tab, p, c)
        red = pivot(tab, p, c)
        assert _reduce_rows(raw, fresh) == red
        assert _rational(raw) == _rational(red)  # same dictionary: each row over its scale
        for i, row in enumerate(red):
            assert row[-1] > 0
            if i in fresh:
                assert gcd(*row) == 1


def test_pivot_by_hand():
    # pivot row: its slot gets the old scale 1, its scale the pivot 2; row 1: [4*2 - 4*2, 0*2 - 4*2, 1*2]
    # with slot 0 set to -4*1, i.e. [-4, -8, 2], divided by its gcd 2
    assert pivot([[2, 2, 1], [4, 0, 1]], 0, 0) == [[1, 2, 2], [-2, -4, 1]]


def test_normalised_point_and_its_integers():
    # x0 = 1/3, x1 = 1/2 (unreduced 2/4), a slack: divided by 5/6 -> (2/5, 3/5, 0)
    x = _normalised([(1, 2, 4), (0, 1, 3), (4, 7, 2)], 3)
    assert x == (Fraction(2, 5), Fraction(3, 5), Fraction(0))
    assert x.scaled == ([2, 3, 0], 5)


def _fraction_certificate(A, B, x, y):
    rows = [sum(a * q for a, q in zip(row, y)) for row in A]
    cols = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    u1, u2 = sum(p * r for p, r in zip(x, rows)), sum(q * c for q, c in zip(y, cols))
    return (u1, max(rows) - u1), (u2, max(cols) - u2)


@pytest.mark.parametrize("x, y", [
    ((Fraction(1, 3), Fraction(2, 3), Fraction(0)), (Fraction(0), Fraction(1, 4), Fraction(3, 4))),
    ((Fraction(1), Fraction(0), Fraction(0)), (Fraction(0), Fraction(0), Fraction(1))),
    ((Fraction(1, 5), Fraction(3, 5), Fraction(1, 5)), (Fraction(1, 7), Fraction(2, 7), Fraction(4, 7))),
])
def test_certificate_of_a_scaled_vector_is_the_fraction_one(x, y):
    A = [[3, Fraction(1, 2), 0], [-1, 2, 5], [Fraction(7, 3), 1, -2]]
    B = [[1, 0, Fraction(5, 2)], [2, -3, 1], [0, 4, Fraction(1, 3)]]
    game = Game.from_bimatrix(A, B)
    sx, sy = (scaled_vector(*integer_scaled(v)) for v in (x, y))
    profile = MixedProfile._from_checked(game, [checked_vector(game, 0, sx, True), checked_vector(game, 1, sy, True)])
    pays, regs = profile.payoffs_and_regrets()
    (u1, r1), (u2, r2) = _fraction_certificate(A, B, x, y)
    assert list(pays.values()) == [u1, u2] and list(regs.values()) == [r1, r2]
    assert MixedProfile(game, [list(x), list(y)]).payoffs_and_regrets() == (pays, regs)


def test_checked_vector_still_refuses_a_scaled_vector_off_the_simplex():
    game = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InputError, match="sum to 1"):
        checked_vector(game, 0, scaled_vector([1, 1], 3), True)
    with pytest.raises(InputError, match=">= 0"):
        checked_vector(game, 0, scaled_vector([-1, 4], 3), True)


def test_simplest_rational_is_the_brute_force_smallest_denominator():
    import math
    from fractions import Fraction as F

    from gametheory.exact import simplest_rational

    def brute(lo, hi):
        if lo <= 0 <= hi:
            return F(0)
        if hi < 0:
            return -brute(-hi, -lo)
        q = 1
        while True:
            p = math.ceil(lo * q)
            if F(p, q) <= hi:
                return F(p, q)
            q += 1

    import random

    rng = random.Random(12)
    for _ in range(2000):
        lo = F(rng.randint(-500, 500), rng.randint(1, 60))
        hi = lo + F(rng.randint(0, 50), rng.randint(1, 3000))
        want = brute(lo, hi)
        assert simplest_rational(lo, hi) == want
        assert simplest_rational(lo, hi, max_denominator=20) == (want if want.denominator <= 20 else None)
