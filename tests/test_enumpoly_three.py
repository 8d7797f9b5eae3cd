"""The elimination solver of three-player support systems (issue 18, goal 3) and the cached dominance test.

Checked against (a) hand calculation, (b) the Groebner-basis solver of the same systems (an
independent algorithm: Buchberger + FGLM in sympy, triangular solve), run by switching the
elimination off, (c) pygambit's enumpoly (each of its equilibria must be among ours), and (d)
the definition of conditional dominance, by brute force.
"""

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from refs.brute import exact_regrets, float_regrets, same_profile
from refs.gambit import enumpoly_in_subprocess

from gametheory import Game, solve
from gametheory.solvers import enumpoly_msolve, enumpoly_three
from gametheory.solvers.enumpoly_supports import DominanceTable, conditionally_dominated, support_profiles
from gametheory.solvers.enumpoly_three import Quadratic, minimal_radicand, solve_three_player_support

pytestmark = pytest.mark.skipif(not enumpoly_three.available(), reason="python-flint is not installed")


def vectors_of(eq):
    return [list(v) for v in eq.profile.vectors]


def test_quadratic_field_arithmetic_and_exact_sign():
    r2 = Quadratic(F(0), F(1), 2)
    assert (1 + r2) * (1 - r2) == -1  # 1 - 2
    assert (3 - 2 * r2).sign() == 1  # 3 - 2.828...
    assert (F(-3) + 2 * r2).sign() == -1
    assert Quadratic(F(7), F(-5), 2).sign() == -1  # 7 - 7.0710...
    assert Quadratic(F(99, 70), F(-1), 2).sign() == 1  # 99/70 = 1.414285... > sqrt 2 = 1.414213...
    assert Quadratic(F(0), F(0), 2).sign() == 0
    golden = Quadratic(F(1, 2), F(1, 2), 5)
    assert golden * golden == golden + 1
    assert (1 / golden) == golden - 1
    rng = np.random.default_rng(4)
    for _ in range(200):
        a, b = F(int(rng.integers(-50, 51)), int(rng.integers(1, 9))), F(int(rng.integers(-50, 51)), 7)
        d = int(rng.choice([2, 3, 5, 6, 7, 10, 11]))
        value = float(a) + float(b) * math.sqrt(d)
        if abs(value) > 1e-9:
            assert Quadratic(a, b, d).sign() == (1 if value > 0 else -1)


def test_minimal_radicand_keeps_the_number():
    # x = 1/4 + 3 sqrt(5)/4: 4x - 1 = 3 sqrt 5, so 16x^2 - 8x - 44 = 0, primitive 4x^2 - 2x - 11 = 0 with
    # discriminant 4 + 176 = 180 = 36 * 5: sqrt 5 = sqrt(180) / 6.
    x = Quadratic(F(1, 4), F(3, 4), 5)
    assert minimal_radicand(x) == (180, F(6))


def test_two_by_two_by_one_pennies_by_hand():
    # Player 3 has one strategy: matching pennies between players 1 and 2, equilibrium (1/2, 1/2) each.
    pay = np.zeros((2, 2, 1, 3), dtype=object)
    for r, c in itertools.product(range(2), repeat=2):
        pay[r, c, 0] = [F(1 if r == c else -1), F(-1 if r == c else 1), F(0)]
    ((numeric, exact),) = solve_three_player_support(pay, [(0, 1), (0, 1), (0,)], 60)
    assert exact == [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)], [F(1)]]


def test_totally_mixed_quadratic_by_hand():
    # The irrational game of test_enumpoly: indifference gives q = r, p = 1 - r, 5 r (1 - r) = 1, so
    # r = (1 +- 1/sqrt 5) / 2 = 1/2 +- sqrt(5)/10 on the full support.
    from test_enumpoly import irrational_game

    pay = np.asarray(irrational_game().payoffs, dtype=object)
    got = solve_three_player_support(pay, [(0, 1), (0, 1), (0, 1)], 60)
    assert got is not None
    rs = sorted((ex[2][1] for _, ex in got), key=float)
    assert [(x.a, x.b, x.d) for x in rs] == [(F(1, 2), F(-1, 10), 5), (F(1, 2), F(1, 10), 5)]
    for _, ex in got:
        p, q, r = ex[0][1], ex[1][1], ex[2][1]
        assert q == r and p == 1 - r


def _both_ways(game, monkeypatch):
    fast = solve(game, method="enumpoly", progress=False)
    with monkeypatch.context() as m:
        # the reference is sympy's Groebner bases: no elimination, and no msolve either
        m.setattr(enumpoly_three, "available", lambda: False)
        m.setattr(enumpoly_msolve, "available", lambda: False)
        slow = solve(game, method="enumpoly", progress=False)
    return fast, slow


def _summary(res):
    return sorted(
        (str([[round(float(x), 12) for x in v] for v in eq.profile.vectors]), eq.info["support"],
         str(eq.info.get("algebraic")))
        for eq in res
    )


GAMES = [pytest.param((2, 2, 2), s, 100, id=f"2x2x2-{s}") for s in range(8)] + [
    pytest.param((2, 3, 2), s, 100, id=f"2x3x2-{s}") for s in range(3)] + [
    pytest.param((2, 2, 2), s, 2, id=f"2x2x2-ties-{s}") for s in range(8)] + [
    pytest.param((3, 3, 3), s, 2, id=f"3x3x3-ties-{s}", marks=pytest.mark.slow) for s in range(3)] + [
    pytest.param((3, 3, 3), s, 100, id=f"3x3x3-{s}", marks=pytest.mark.slow) for s in range(2)] + [
    pytest.param((2, 3, 4), 0, 100, id="2x3x4-0", marks=pytest.mark.slow)]


@pytest.mark.parametrize("shape, seed, spread", GAMES)
def test_elimination_lists_what_groebner_lists(shape, seed, spread, monkeypatch):
    # small spreads make ties, degenerate supports and continua, which go back to the Groebner solver
    game = Game(np.random.default_rng(seed).integers(-spread, spread + 1, size=shape + (3,)).tolist())
    fast, slow = _both_ways(game, monkeypatch)
    assert (fast.exact, fast.complete, fast.diagnostics) == (slow.exact, slow.complete, slow.diagnostics)
    assert _summary(fast) == _summary(slow)
    for eq in fast:
        if fast.exact:
            assert exact_regrets(game.payoffs, vectors_of(eq)) == [0, 0, 0]
        else:
            assert max(float_regrets(game.payoffs, vectors_of(eq))) < 1e-9 * spread


@pytest.mark.oracle
def test_random_3x3x3_contain_pygambit_enumpoly():
    games = [np.random.default_rng(seed).integers(-100, 101, size=(3, 3, 3, 3)).tolist() for seed in range(2, 8)]
    theirs_all = enumpoly_in_subprocess(games, timeout=60)
    for pay, theirs in zip(games, theirs_all):
        res = solve(Game(pay), method="enumpoly", progress=False)
        ours = [vectors_of(eq) for eq in res]
        assert res.complete and len(ours) % 2 == 1  # generic games have an odd number of equilibria
        for t in theirs:
            assert any(same_profile(t, o, 1e-6) for o in ours), t
        for o in ours:
            assert max(float_regrets(pay, o)) < 1e-9


@pytest.mark.parametrize("shape, spread, seed", [((3, 3, 3), 2, 0), ((3, 3, 3), 100, 1), ((2, 3, 4), 1, 2)])
def test_dominance_table_is_conditional_dominance(shape, spread, seed):
    rng = np.random.default_rng(seed)
    pay = np.vectorize(lambda x: F(int(x), 3), otypes=[object])(
        rng.integers(-spread, spread + 1, size=shape + (len(shape),)))
    table = DominanceTable(pay)
    for support in support_profiles(shape):
        assert table(support) == conditionally_dominated(pay, support), support


def _random_fraction(rng, bound):
    """A Fraction with numerator in [-bound, bound) and denominator in [1, bound)."""
    return F(int(rng.integers(-bound, bound)), int(rng.integers(1, bound)))


def test_quadratic_text_is_sympys():
    # the radicals' text is written without building sympy expressions; sympy's printer is the reference
    sympy = pytest.importorskip("sympy")
    rng = np.random.default_rng(8)
    for _ in range(400):
        a, b = _random_fraction(rng, 10**6), _random_fraction(rng, 10**6)
        if rng.random() < 0.2:
            b = F(int(rng.choice([1, -1, 2, -3])), int(rng.choice([1, 7, 10])))
        if rng.random() < 0.1:
            a = F(int(rng.integers(-3, 4)))
        d = int(rng.choice([2, 3, 12, 18, 50, 13557402609, 485806573921, 12345678901234567890123]))
        expected = str(sympy.Rational(a.numerator, a.denominator)
                       + sympy.Rational(b.numerator, b.denominator) * sympy.sqrt(d))
        assert Quadratic(a, b, d).text() == expected


def test_quadratic_text_over_another_radicand_is_sympys():
    # d = k^2 m and r = t / k: sqrt(d) = sqrt(t^2 m) / r, so the number is a + (b / r) sqrt(t^2 m) as sympy prints it
    sympy = pytest.importorskip("sympy")
    rng = np.random.default_rng(9)
    for _ in range(200):
        a, b = _random_fraction(rng, 10**4), _random_fraction(rng, 10**4)
        m, k, t = int(rng.choice([2, 3, 5, 4831])), int(rng.integers(1, 10)), int(rng.integers(1, 10))
        r = F(t, k)
        expected = str(sympy.Rational(a.numerator, a.denominator)
                       + sympy.Rational((b / r).numerator, (b / r).denominator) * sympy.sqrt(t * t * m))
        assert Quadratic(a, b, k * k * m).text(over=(t * t * m, r)) == expected


def test_quadratic_integer_form_agrees_with_sympy():
    # the field operations on (p + q sqrt d) / r, against sympy's exact arithmetic on the same numbers,
    # with denominators large enough that a long product passes the reduction threshold
    import sympy

    rng = np.random.default_rng(41)
    for _ in range(60):
        d = int(rng.choice([2, 3, 5, 7, 10, 4831]))

        def pick(d=d):
            a = F(int(rng.integers(-10**12, 10**12)), int(rng.integers(1, 10**9)))
            b = F(int(rng.integers(-10**12, 10**12)), int(rng.integers(1, 10**9)))
            return Quadratic(a, b, d), sympy.Rational(a.numerator, a.denominator) + sympy.Rational(
                b.numerator, b.denominator) * sympy.sqrt(d)

        (x, sx), (y, sy) = pick(), pick()
        for got, want in [(x + y, sx + sy), (x - y, sx - sy), (x * y, sx * sy), (x / y, sx / sy),
                          (F(3, 7) - x, sympy.Rational(3, 7) - sx), (2 / y, 2 / sy)]:
            assert sympy.expand(got.to_sympy() - sympy.radsimp(want)) == 0
        z, sz = Quadratic(F(1), F(0), d), sympy.Integer(1)
        for _ in range(12):  # 12 products: the denominator passes enumpoly_three._REDUCE_BITS
            z, sz = z * x + y, sympy.expand(sz * sx + sy)
        assert sympy.expand(z.to_sympy() - sz) == 0
        assert z.sign() == (1 if float(sz) > 0 else -1)


def test_ball_verification_accepts_the_exact_point_and_rejects_a_nudge():
    # The irrational game's totally mixed equilibria (test_totally_mixed_quadratic_by_hand): the ball
    # test accepts each, and a point moved by 1e-30 along one coordinate has a regret (computed here at
    # 120 digits, independently) far above the tolerance 10**(20 - dps) and is rejected.
    import mpmath
    from test_enumpoly import irrational_game

    from gametheory.solvers.enumpoly import _ball_payoffs, _verify_three_balls
    from gametheory.solvers.enumpoly_system import working_digits

    pay = np.asarray(irrational_game().payoffs, dtype=object)
    dps = working_digits(pay)
    balls = _ball_payoffs(pay, dps)
    support = [(0, 1), (0, 1), (0, 1)]
    got = solve_three_player_support(pay, support, dps)
    assert len(got) == 2
    for numeric, exact in got:
        ok, reg = _verify_three_balls(balls, numeric, support, mpmath.mpf(1), dps, exact)
        assert ok and abs(reg) < mpmath.mpf(10) ** (-dps // 2)
        with mpmath.workdps(120):
            moved = [list(v) for v in numeric]
            moved[0] = [moved[0][0] - mpmath.mpf(10) ** -30, moved[0][1] + mpmath.mpf(10) ** -30]
            fpay = [[[[mpmath.mpf(x.numerator) / x.denominator for x in pay[a, b, c]] for c in range(2)]
                     for b in range(2)] for a in range(2)]
            # players 2's and 3's regrets at the moved point, by brute force (player 1's own move keeps it indifferent)
            vals2 = [mpmath.fsum(fpay[a][s][c][1] * moved[0][a] * moved[2][c] for a in range(2) for c in range(2))
                     for s in range(2)]
            vals3 = [mpmath.fsum(fpay[a][b][s][2] * moved[0][a] * moved[1][b] for a in range(2) for b in range(2))
                     for s in range(2)]
            brute = max(max(v) - mpmath.fsum(x * w for x, w in zip(v, moved[p]))
                        for v, p in ((vals2, 1), (vals3, 2)))
        assert brute > mpmath.mpf(10) ** -35
        ok, reg = _verify_three_balls(balls, moved, support, mpmath.mpf(1), dps, None)
        assert not ok
        assert abs(reg - brute) <= mpmath.mpf(10) ** -6 * brute
