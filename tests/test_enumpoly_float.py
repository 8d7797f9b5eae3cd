"""The float test that rules out three-player supports before the exact elimination (issue 18, goal 3).

Checked against (a) hand calculation, (b) pygambit's enumpoly: the support of each of its equilibria
must pass the test, (c) the same solve with the test switched off: same equilibria, order, exact
values and continuum samples, and (d) brute-force Fraction regrets for the integer verification.
"""

from fractions import Fraction as F

import numpy as np
import pytest
from refs.brute import exact_regrets
from refs.gambit import enumpoly_in_subprocess

from gametheory import Game, solve
from gametheory.exact import determinant
from gametheory.solvers import enumpoly_three
from gametheory.solvers.enumpoly import _float_screen, _verify_exact_three
from gametheory.solvers.enumpoly_float import SupportFilter, _integer_roots, _resultant
from gametheory.solvers.enumpoly_three import IntegerPayoffs

pytestmark = pytest.mark.skipif(not enumpoly_three.available(), reason="python-flint is not installed")


def _filter(payoffs):
    pay = np.asarray(payoffs, dtype=object)
    pay = np.vectorize(F, otypes=[object])(pay)
    return SupportFilter(IntegerPayoffs(pay).values, _float_screen(pay))


def test_integer_helpers_by_hand():
    assert determinant([[1, 2, 3], [4, 5, 6], [7, 8, 10]]) == -3  # 1(50-48) - 2(40-42) + 3(32-35)
    assert determinant([[0, 1], [1, 0]]) == -1
    # x^2 - 3x + 2 = (x-1)(x-2) and x - 2 share the root 2; x^2 + 1 and x - 1 share none: res = 1 + 1
    assert _resultant([2, -3, 1], [-2, 1]) == 0
    assert abs(_resultant([1, 0, 1], [-1, 1])) == 2
    # Res(p, q) = lc(p)^deg q * prod of q over the roots of p: (i - 1)(-i - 1) = 2; q(-9) = 7 + 9 - 729 - 729
    assert _resultant([1, 0, 1], [-1, 1]) == 2
    assert _resultant([9, 1], [7, -1, -9, 1]) == -1442
    assert _resultant([1, 2], []) == 0
    assert _integer_roots([-6, 1, 1]) == [-3.0, 2.0]  # (x + 3)(x - 2)
    assert _integer_roots([-1, 2]) == [0.5]


def test_resultant_is_sympys():
    # the closed forms for small degrees (and the Sylvester determinant beyond them) against sympy's resultant;
    # the sign is checked by hand above
    sympy = pytest.importorskip("sympy")
    x = sympy.Symbol("x")
    rng = np.random.default_rng(5)
    for m, n in [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (3, 2)]:
        for _ in range(60):
            p = [int(c) for c in rng.integers(-9, 10, size=m)] + [int(rng.choice([-3, -1, 1, 2]))]
            q = [int(c) for c in rng.integers(-9, 10, size=n)] + [int(rng.choice([-2, -1, 1, 3]))]
            expected = sympy.resultant(sum(c * x**i for i, c in enumerate(p)), sum(c * x**i for i, c in enumerate(q)), x)
            # up to sign: sympy returns the same value for (p, q) and (q, p) when deg p * deg q is odd, where the
            # two differ in sign; the filter only asks whether the resultant is 0
            assert abs(_resultant(p, q)) == abs(int(expected)), (p, q)


def test_pennies_with_a_dummy_by_hand():
    # players 1 and 2 play matching pennies, player 3 has two strategies with equal payoffs: every support
    # in which 1 and 2 both mix holds equilibria (1/2, 1/2); a pure strategy of 1 or 2 never does
    pay = np.zeros((2, 2, 2, 3), dtype=object)
    for r in range(2):
        for c in range(2):
            for s in range(2):
                pay[r, c, s] = [1 if r == c else -1, -1 if r == c else 1, 0]
    keep = _filter(pay)
    assert keep(((0, 1), (0, 1), (0,))) and keep(((0, 1), (0, 1), (1,)))
    assert keep(((0, 1), (0, 1), (0, 1)))  # player 3 indifferent everywhere: a continuum, left to the exact path
    assert not keep(((0, 1), (0,), (0,))) and not keep(((0,), (0,), (0,)))


def test_two_two_three_by_hand():
    # players 1, 2 play matching pennies whatever player 3 does; player 3's strategies pay 0, +-2 (match or
    # not) and u = [player 1 plays 1] - [player 1 plays 2] + [player 2 plays 1] - [player 2 plays 2]: each
    # earns 0 at (1/2, 1/2), so every sigma_3 on {1, 2, 3} is an equilibrium (a continuum), never ruled out
    pay = np.zeros((2, 2, 3, 3), dtype=object)
    for r in range(2):
        for c in range(2):
            for s in range(3):
                u3 = [0, 2 if r == c else -2, (1 if r == 0 else -1) + (1 if c == 0 else -1)][s]
                pay[r, c, s] = [1 if r == c else -1, -1 if r == c else 1, u3]
    keep = _filter(pay)
    assert keep(((0, 1), (0, 1), (0, 1, 2)))
    assert keep(((0, 1), (0, 1), (0, 1)))
    # player 1 plays 1: player 3's strategies pay 0, (2, -2) and (2, 0) against player 2's: never all equal
    assert not keep(((0,), (0, 1), (0, 1, 2)))


@pytest.mark.oracle
def test_supports_of_pygambit_equilibria_pass():
    games = [np.random.default_rng(seed).integers(-100, 101, size=(3, 3, 3, 3)).tolist() for seed in range(20, 30)]
    for pay, theirs in zip(games, enumpoly_in_subprocess(games, timeout=60)):
        keep = _filter(pay)
        for eq in theirs:
            support = tuple(tuple(j for j, x in enumerate(v) if x > 1e-9) for v in eq)
            assert keep(support), (pay, eq)


@pytest.mark.parametrize("seed, spread, shape", [(0, 1, (3, 3, 3)), (1, 3, (3, 3, 3)), (2, 100, (3, 3, 3)),
                                                 (3, 2, (2, 2, 3)), (4, 1, (3, 2, 2)), (5, 5, (3, 3, 2))])
def test_same_result_with_the_filter_off(seed, spread, shape, monkeypatch):
    # small spreads make ties, degenerate supports and continua: their random samples come from one rng
    # shared by the supports, so a support ruled out by the filter must not be one the exact path samples
    rng = np.random.default_rng(seed)
    for _ in range(3):
        game = Game(rng.integers(-spread, spread + 1, size=shape + (3,)).tolist())
        fast = solve(game, method="enumpoly", progress=False)
        with monkeypatch.context() as m:
            m.setattr(SupportFilter, "__call__", lambda self, support: True)
            slow = solve(game, method="enumpoly", progress=False)
        assert (fast.exact, fast.complete, fast.diagnostics, fast.extra) == (
            slow.exact, slow.complete, slow.diagnostics, slow.extra)
        assert [(str(e.profile.vectors), str(e.info)) for e in fast] == [
            (str(e.profile.vectors), str(e.info)) for e in slow]


def test_integer_verification_is_fraction_regrets():
    rng = np.random.default_rng(7)
    checked = 0
    for _ in range(40):
        pay = np.vectorize(lambda x: F(int(x), 3), otypes=[object])(rng.integers(-4, 5, size=(2, 3, 2, 3)))
        values = IntegerPayoffs(pay).values
        for support in (((0, 1), (0, 2), (0, 1)), ((1,), (0, 1, 2), (1,)), ((0,), (1,), (0,))):
            vecs = []
            for n, S in zip(pay.shape[:-1], support):
                w = [F(int(rng.integers(1, 4))) if j in S else F(0) for j in range(n)]
                vecs.append([x / sum(w) for x in w])
            expected = all(r == 0 for r in exact_regrets(pay, vecs))
            assert _verify_exact_three(values, vecs, support) == expected
            checked += expected
    # and true equilibria: every pure Nash equilibrium of these games, found by brute force
    for _ in range(40):
        pay = np.vectorize(F, otypes=[object])(rng.integers(-2, 3, size=(2, 2, 2, 3)))
        for s in np.ndindex(2, 2, 2):
            vecs = [[F(int(j == s[p])) for j in range(2)] for p in range(3)]
            expected = all(r == 0 for r in exact_regrets(pay, vecs))
            assert _verify_exact_three(IntegerPayoffs(pay).values, vecs, tuple((x,) for x in s)) == expected
            checked += expected
    assert checked > 10


def test_larger_supports_are_passed_on():
    # 4 strategies each: opponents with 3 unknowns are beyond the filter's cofactors, never ruled out by it
    pay = np.random.default_rng(3).integers(-100, 101, size=(4, 4, 4, 3))
    keep = _filter(pay)
    assert keep(((0, 1), (0, 1, 2, 3), (0, 1, 2, 3)))
    assert keep(((0, 1, 2, 3), (0, 1, 2, 3), (0, 1, 2, 3)))


def test_descartes_unit_interval_test_against_numpy_roots():
    # "no root in (0, 1)" must never be said of a polynomial with one: checked against numpy's roots on
    # random integer polynomials (roots well inside (0, 1) or well outside, so floats decide them)
    from gametheory.solvers.enumpoly_float import no_root_in_open_unit_interval

    rng = np.random.default_rng(77)
    said_none = 0
    for _ in range(2000):
        deg = int(rng.integers(1, 6))
        p = [int(c) for c in rng.integers(-20, 21, deg + 1)]
        if p[-1] == 0:
            continue
        roots = np.roots(list(reversed(p)))
        real = [z.real for z in roots if abs(z.imag) < 1e-9]
        if any(abs(x) < 1e-6 or abs(x - 1) < 1e-6 for x in real):
            continue
        inside = any(0 < x < 1 for x in real)
        if no_root_in_open_unit_interval(p):
            said_none += 1
            assert not inside, p
    assert said_none > 200
