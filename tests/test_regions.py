"""Regions, thresholds and margins against dense grids of independent full solves (pygambit)."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from refs.gambit import supports as gambit_supports

from gametheory.assumptions.regions import margins, regions_1d, regions_2d, thresholds
from gametheory.assumptions.space import Space, Vary
from gametheory.io.model import load_model


def load(name):
    m = load_model(f"models/{name}.toml")
    return m, Space.from_model(m)


def expected_at(rm, value):
    """The signature the 1-D partition assigns to ``value``."""
    for th in rm.thresholds:
        if th.value == value:
            return th.at
    for seg in rm.segments:
        if seg.lo < value < seg.hi or (value == seg.lo == rm.lo) or (value == seg.hi == rm.hi):
            return seg.signature
    raise AssertionError(value)


@pytest.mark.oracle
@pytest.mark.parametrize("name,param,want", [
    pytest.param("serbia_blockade_offer", "s", [F(1, 2), F(2)], id="blockade-s"),
    pytest.param("serbia_blockade_offer", "w", [F(2)], id="blockade-w"),
    pytest.param("separatist_contagion", "omega", None, id="contagion-omega"),
    pytest.param("cfe_md_package", "eps_a", None, id="package-eps"),
])
def test_1d_regions_agree_with_dense_grid_of_gambit_solves(name, param, want):
    m, sp = load(name)
    assert param in sp.names, f"{name} has no parameter {param}"
    lo, hi = sp.ranges[param]
    rm = regions_1d(m.game, sp, Vary(param, lo, hi, 2))
    if want is not None:
        assert [t.value for t in rm.thresholds] == [sympy.Rational(w.numerator, w.denominator) for w in want]
    grid = [lo + (hi - lo) * F(k, 60) for k in range(61)]
    grid += [sympy_to_fraction(t.value) for t in rm.thresholds if t.value.is_Rational]
    for v in grid:
        got = expected_at(rm, sympy.Rational(v.numerator, v.denominator))
        assert got == gambit_supports(m.game_at({param: v})), (param, v)


def sympy_to_fraction(x):
    return F(int(x.p), int(x.q))


def test_blockade_thresholds_match_the_hand_calculation():
    m, sp = load("serbia_blockade_offer")
    th = thresholds(m.game, sp, names=["s", "w"])
    # Delta = s*h + t - c_blockade = 0 at s = 1/2; w = Delta at s = 2 and, along w, at w = 2
    assert [t.value for t in th["s"]] == [sympy.Rational(1, 2), 2]
    assert [t.value for t in th["w"]] == [2]


@pytest.mark.slow
def test_border_thresholds_are_the_policy_levers():
    m, sp = load("serbia_border_reinforcement_3p")
    th = thresholds(m.game, sp, names=["e_N", "gamma"])
    assert sympy.Rational(3, 5) in [t.value for t in th["e_N"]]  # KFOR surge: e_N < eps L / (gamma+phi+eps)
    assert 1 in [t.value for t in th["gamma"]]  # US engagement: gamma below 1


@pytest.mark.oracle
def test_2d_region_map_agrees_with_gambit_on_a_grid():
    m, sp = load("serbia_blockade_offer")
    rm = regions_2d(m.game, sp, Vary("s", F(0), F(3), 13), Vary("w", F(0), F(5), 11))
    assert rm.labels.shape == (11, 13)
    for j, y in enumerate(np.linspace(0, 5, 11)):
        for i, x in enumerate(np.linspace(0, 3, 13)):
            vals = {"s": F(x).limit_denominator(1000), "w": F(y).limit_denominator(1000)}
            assert rm.signatures[rm.labels[j, i]] == gambit_supports(m.game_at(vals)), vals
    bounds = {sympy.expand(b.lhs) for b in rm.boundaries}
    s, w = sympy.Symbol("s", real=True), sympy.Symbol("w", real=True)
    assert bounds == {sympy.expand(2 * s - 1), sympy.expand(2 * s - w - 1)} or \
        bounds == {sympy.expand(1 - 2 * s), sympy.expand(2 * s - w - 1)}


@pytest.mark.oracle
def test_margins_of_the_offer_prediction_are_the_distances_to_the_boundaries():
    m, sp = load("serbia_blockade_offer")
    pred = m.predictions[0]  # (Offer, Cooperate only if offered) is an equilibrium: w >= Delta
    ms = {x.parameter: x for x in margins(m.game, sp, pred)}
    assert ms["s"].up == sympy.Rational(1, 2) and ms["s"].down is None
    assert ms["w"].down == 1 and ms["w"].up is None
    assert ms["h"].up == sympy.Rational(2, 3)
    target = (("Offer",), ("Cooperate only if offered",))
    for name, sign in (("s", +1), ("w", -1), ("h", +1)):
        mg = ms[name]
        dist = mg.up if sign > 0 else mg.down
        edge = F(sp.defaults[name]) + sign * F(int(dist.p), int(dist.q))
        assert target in gambit_supports(m.game_at({name: edge - sign * F(1, 100)}))
        assert target not in gambit_supports(m.game_at({name: edge + sign * F(1, 100)}))


@pytest.mark.oracle
def test_border_game_regions_along_e_N_agree_with_gambit_enumpoly():
    """Three players: the partition along e_N (others at defaults) against pygambit at non-integer points."""
    m, sp = load("serbia_border_reinforcement_3p")
    lo, hi = sp.ranges["e_N"]
    rm = regions_1d(m.game, sp, Vary("e_N", lo, hi, 2))
    for k in range(13):
        v = lo + (hi - lo) * F(k, 12)
        assert expected_at(rm, sympy.Rational(v.numerator, v.denominator)) == gambit_supports(m.game_at({"e_N": v})), v


def test_exact_boundaries_of_a_large_game_are_refused_up_front_with_the_flag_named(capsys):
    # 12 reply plans x 3 offers: C(12,2)C(3,2) + C(12,3)C(3,3) = 198 + 220 = 418 two-mixer supports, each a symbolic
    # solve of about a second: refused before any is solved instead of running for many minutes in silence
    from gametheory.assumptions.regions import support_condition_count
    from gametheory.cli import main

    model = load_model("models/eu_membership_serbia.toml")
    assert model.game.shape == (12, 3)
    assert support_condition_count(model.game) == 198 + 220
    assert main(["regions", "models/eu_membership_serbia.toml", "--vary", "m"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "418 symbolic support conditions" in err and "--max-cost" in err
