"""The exact δ-set kernel against hand-solved inequalities and a dense float grid."""

from __future__ import annotations

import random
from fractions import Fraction as F

import pytest
import sympy

from gametheory.errors import InputError
from gametheory.repeated.discount import DeltaInterval, DeltaSet, delta_set, delta_symbol, parse_delta

d = delta_symbol()


def test_linear_threshold_is_closed_at_the_root():
    s = delta_set(weak=[3 - ((1 - d) * 5 + d * 1)])  # R >= (1-δ)T + δP with T, R, P = 5, 3, 1
    assert s.intervals == (DeltaInterval(F(1, 2), F(1), True, False),)
    assert F(1, 2) in s and F(49, 100) not in s and "0.99" in s


def test_strict_condition_opens_the_root():
    s = delta_set(strict=[d - F(1, 3)])
    assert str(s) == "(1/3, 1)" and F(1, 3) not in s


def test_quadratic_root_in_radicals():
    # δ² - 3δ + 1 >= 0 on (0, 1): roots (3 ± √5)/2, only (3 - √5)/2 ≈ 0.382 lies in (0, 1)
    s = delta_set(weak=[d**2 - 3 * d + 1])
    (iv,) = s.intervals
    assert iv.lo == 0 and not iv.lo_closed and iv.hi_closed
    assert sympy.simplify(iv.hi - (3 - sympy.sqrt(5)) / 2) == 0
    assert F(381, 1000) in s and F(382, 1000) not in s  # (3 - √5)/2 = 0.38197...


def test_knife_edge_point():
    s = delta_set(weak=[-((2 * d - 1) ** 2)])
    assert str(s) == "{1/2}" and F(1, 2) in s and F(51, 100) not in s


def test_empty_and_everything():
    assert delta_set(weak=[d - 2]).is_empty and str(delta_set(weak=[d - 2])) == "empty"
    assert str(delta_set(weak=[d + 1])) == "(0, 1)"
    assert str(delta_set(weak=[sympy.Integer(0)])) == "(0, 1)" and delta_set(strict=[sympy.Integer(0)]).is_empty


def test_pole_is_excluded():
    # 1/(2δ - 1) >= 0 is undefined at 1/2 and holds on (1/2, 1)
    assert str(delta_set(weak=[1 / (2 * d - 1)])) == "(1/2, 1)"


def test_cubic_root_is_exact_and_ordered():
    s = delta_set(weak=[d**3 + d - F(1, 2)])  # one real root ≈ 0.42385, checked by Cardano below
    assert s.attained and abs(float(s.infimum) - _cardano()) < 1e-12
    assert F(4239, 10000) in s and F(4238, 10000) not in s


def test_other_symbols_are_refused():
    with pytest.raises(ValueError):
        delta_set(weak=[d - sympy.Symbol("p")])


def _grid_truth(polys, strict, x):
    vals = [float(p.subs(d, x)) for p in polys]
    return all(v > 1e-12 if s else v >= -1e-12 for v, s in zip(vals, strict))


@pytest.mark.parametrize("seed", range(12))
def test_random_polynomial_systems_agree_with_a_grid(seed):
    rng = random.Random(seed)
    polys, strict = [], []
    for _ in range(rng.randint(1, 3)):
        deg = rng.randint(1, 3)
        polys.append(sum(F(rng.randint(-6, 6), rng.randint(1, 4)) * d**k for k in range(deg + 1)))
        strict.append(rng.random() < 0.5)
    s = delta_set(weak=[p for p, st in zip(polys, strict) if not st], strict=[p for p, st in zip(polys, strict) if st])
    for k in range(1, 400):
        x = F(k, 400) + F(1, 1601)  # avoid hitting rational roots of small denominators exactly
        if x >= 1:
            continue
        assert (x in s) == _grid_truth(polys, strict, sympy.Rational(x.numerator, x.denominator)), (x, str(s))


def test_union_and_intersection():
    a = DeltaSet.at_least(F(1, 3))
    b = DeltaSet((DeltaInterval(F(0), F(1, 2), False, True),))
    assert str(a.intersection(b)) == "[1/3, 1/2]"
    assert str(a.union(b)) == "(0, 1)"
    c = DeltaSet((DeltaInterval(F(1, 10), F(1, 5), True, False),))
    assert str(c.union(a)) == "[1/10, 1/5) ∪ [1/3, 1)"
    assert c.intersection(a).is_empty


def test_json_is_exact_text():
    (doc,) = DeltaSet.at_least(F(1, 3)).to_json()
    assert doc["lo"] == "1/3" and doc["hi"] == "1" and doc["lo_closed"] and not doc["hi_closed"]
    assert abs(doc["lo_float"] - 1 / 3) < 1e-15


@pytest.mark.parametrize("text", ["0", "1", "1.5", "-1/2", "x"])
def test_parse_delta_refuses(text):
    with pytest.raises(InputError):
        parse_delta(text)


def _cardano():
    # x³ + px + q = 0 with p = 1, q = -1/2: x = cbrt(-q/2 + √Δ) + cbrt(-q/2 - √Δ), Δ = q²/4 + p³/27 > 0
    q, p = -0.5, 1.0
    disc = (q / 2) ** 2 + (p / 3) ** 3
    u, v = -q / 2 + disc**0.5, -q / 2 - disc**0.5
    return u ** (1 / 3) - (-v) ** (1 / 3)


def test_stage_equilibria_lists_every_equilibrium_of_battle_of_the_sexes():
    from gametheory import Game
    from gametheory.repeated.stage import stage_equilibria

    # hand: (O, O), (F, F) and the mixed one with p(O) = 2/3 for player 1, 1/3 for player 2
    bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=[["O", "F"], ["O", "F"]])
    found = sorted((e.probability("Player 1", "O"), e.probability("Player 2", "O")) for e in stage_equilibria(bos))
    assert found == [(F(0), F(0)), (F(2, 3), F(1, 3)), (F(1), F(1))]
