"""Grim trigger: thresholds derived by hand, against the repeated.grim module."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory import Game
from gametheory.errors import InputError, LabelError
from gametheory.io import load_model
from gametheory.repeated.grim import condition_text, grim_trigger

CD = [["C", "D"], ["C", "D"]]
BOTH_C = {"Player 1": "C", "Player 2": "C"}


def _pd(T, R, P, S, T2=None, R2=None, P2=None, S2=None):
    """A prisoner's dilemma; the column player has its own T2 > R2 > P2 > S2 when given."""
    T2, R2, P2, S2 = (T, R, P, S) if T2 is None else (T2, R2, P2, S2)
    return Game.from_bimatrix([[R, S], [T, P]], [[R2, T2], [S2, P2]], strategies=CD)


def _random_payoffs(rng):
    """Four distinct integers T > R > P > S."""
    T, R, P, S = sorted(rng.choice(np.arange(-50, 51), size=4, replace=False).tolist(), reverse=True)
    return T, R, P, S


def test_random_prisoners_dilemmas_threshold_is_T_minus_R_over_T_minus_P():
    # Each player's constraint R >= (1 - δ) T + δ P gives δ >= (T - R)/(T - P) < 1 (since R > P).
    rng = np.random.default_rng(20261130)
    for _ in range(25):
        T, R, P, S = _random_payoffs(rng)
        g = grim_trigger(_pd(T, R, P, S), BOTH_C)
        expected = Fraction(T - R, T - P)
        assert g.delta_min == expected
        assert g.sustainable and g.delta_max is None
        assert str(g.delta_set) == f"[{expected}, 1)"
        assert g.binding == ("Player 1", "Player 2")
        for inc in g.incentives.values():
            assert inc.best_deviation == "D" and inc.deviation_payoff == T
            assert inc.punishment_payoff == P and inc.threshold == expected
            assert inc.punishment.support() == {"Player 1": ("D",), "Player 2": ("D",)}
        assert expected - Fraction(1, 10**6) not in g.delta_set and expected in g.delta_set


def test_asymmetric_prisoners_dilemma_takes_the_larger_threshold():
    rng = np.random.default_rng(7)
    for _ in range(10):
        a, b = _random_payoffs(rng), _random_payoffs(rng)
        g = grim_trigger(_pd(*a, *b), BOTH_C)
        t1, t2 = Fraction(a[0] - a[1], a[0] - a[2]), Fraction(b[0] - b[1], b[0] - b[2])
        assert g.delta_min == max(t1, t2)
        assert g.incentives["Player 1"].threshold == t1 and g.incentives["Player 2"].threshold == t2
        assert set(g.binding) == {p for p, t in (("Player 1", t1), ("Player 2", t2)) if t == max(t1, t2)}


def test_float_prisoners_dilemma():
    g = grim_trigger(_pd(5.0, 3.0, 1.0, 0.0), BOTH_C)
    assert isinstance(g.delta_min, float) and g.delta_min == pytest.approx(0.5)
    assert g.delta_set is None and g.sustainable


def test_stage_equilibrium_target_has_threshold_zero():
    g = grim_trigger(_pd(5, 3, 1, 0), {"Player 1": "D", "Player 2": "D"})
    assert g.delta_min == 0 and g.binding == () and str(g.delta_set) == "(0, 1)"
    assert all(inc.threshold == 0 for inc in g.incentives.values())


def test_not_sustainable_when_the_target_pays_less_than_the_reversion():
    # "PD" with R < P: the path pays 1, deviating 5 then 2 for ever; 1 >= (1-δ) 5 + 2δ fails for all δ < 1.
    g = grim_trigger(_pd(5, 1, 2, 0), BOTH_C)
    assert not g.sustainable and g.delta_min is None and g.delta_set.is_empty
    assert g.incentives["Player 1"].threshold is None
    assert "no more than the worst stage equilibrium" in g.note


def test_an_upper_bound_when_the_reversion_pays_more_than_the_path():
    # Rows U, D; columns L, R.  R is dominant for player 2, D answers R: the unique stage NE is (D, R) = (4, 1).
    # Target (U, L) = (2, 4).  Player 1: path 2, deviation to D gives 0, reversion 4:
    #   2 >= (1-δ)·0 + 4δ  iff  δ <= 1/2  (a patient player 1 deviates on purpose to trigger the reversion).
    # Player 2: path 4, deviation to R gives 5, reversion 1:  δ >= (5-4)/(5-1) = 1/4.
    g = Game.from_bimatrix([[2, 2], [0, 4]], [[4, 5], [0, 1]], strategies=[["U", "D"], ["L", "R"]])
    res = grim_trigger(g, {"Player 1": "U", "Player 2": "L"})
    assert str(res.delta_set) == "[1/4, 1/2]"
    assert res.delta_min == Fraction(1, 4) and res.delta_max == Fraction(1, 2)
    assert res.incentives["Player 1"].threshold == 0 and res.incentives["Player 1"].delta_max == Fraction(1, 2)
    assert res.binding == ("Player 2",)
    # floats: the same interval
    fres = grim_trigger(g.to_float(), {"Player 1": "U", "Player 2": "L"})
    assert fres.delta_min == pytest.approx(0.25) and fres.delta_max == pytest.approx(0.5)




def _pdp(q=3):
    A = [[4, 0, 0], [5, 1, 0], [0, 0, q]]
    B = [list(r) for r in zip(*A)]
    return Game.from_bimatrix(A, B, strategies=[["C", "D", "P"]] * 2)


def test_the_worst_stage_equilibrium_may_be_mixed():
    # Stage equilibria: (D, D) = (1, 1), (P, P) = (3, 3), and the mix 3/4 D + 1/4 P for both: against it D pays
    # 3/4 · 1 and P pays 1/4 · 3, both 3/4.  C is never a best response (D does at least as well, strictly
    # unless the other plays P, where P is best), so there is no other equilibrium.  The worst for each player
    # is the mixed one, 3/4, and grim trigger on (C, C) needs δ >= (5 - 4)/(5 - 3/4) = 4/17.
    res = grim_trigger(_pdp(), BOTH_C)
    assert res.delta_min == Fraction(4, 17)
    inc = res.incentives["Player 1"]
    assert inc.punishment_payoff == Fraction(3, 4)
    assert inc.punishment.probability("Player 2", "D") == Fraction(3, 4)
    assert res.to_json()["punishments"]["Player 1"]["Player 2"] == {"D": "3/4", "P": "1/4"}


def test_symbolic_mixed_punishment():
    # With (P, P) paying q: the mix q/(1+q) D + 1/(1+q) P pays q/(1+q), so the threshold is
    # (5 - 4)/(5 - q/(1+q)) = (1 + q)/(5 + 4q); 4/17 at q = 3.
    q = sympy.Symbol("q", real=True)
    res = grim_trigger(_pdp(q), BOTH_C, values={"q": 3})
    assert sympy.simplify(res.delta_min - (1 + q) / (5 + 4 * q)) == 0
    assert res.at_values.delta_min == Fraction(4, 17)


def test_three_players():
    # Each cooperator pays 3 and gives 2 to each other player: all cooperate pays 2·2 - 3 = 1, a lone defector
    # gets 4, all defect 0 (D dominant).  Grim: δ >= (4 - 1)/(4 - 0) = 3/4.
    players = ["A", "B", "C"]
    pay = np.empty((2, 2, 2, 3), dtype=object)
    for idx in np.ndindex(2, 2, 2):
        coop = [k == 0 for k in idx]
        for i in range(3):
            pay[idx + (i,)] = 2 * sum(coop[j] for j in range(3) if j != i) - 3 * coop[i]
    g = Game(pay, players=players, strategies=[["Cooperate", "Defect"]] * 3)
    res = grim_trigger(g, {p: "Cooperate" for p in players})
    assert res.delta_min == Fraction(3, 4) and res.binding == tuple(players)


def test_spoiler_model_threshold_is_c_I_over_p():
    # US: path -c_I, excluding gives 0, then (Exclude, Spoil) for ever gives -p: δ >= c_I/p (the model's comment).
    # Russia gains nothing by spoiling while included (b - c_S <= b).
    model = load_model("models/russia_spoiler_linkage.toml")
    target = {"US": "Include Russia", "Russia": "Cooperate"}
    res = grim_trigger(model.game, target, values=model.defaults)
    c_I, p = model.symbols["c_I"], model.symbols["p"]
    assert sympy.simplify(res.delta_min - c_I / p) == 0
    assert str(res.delta_min) == "c_I/p"
    assert res.binding == ("US",)
    assert "c_I > 0" in res.conditions and "p > c_I" in res.conditions
    assert res.at_values.delta_min == Fraction(1, 3)
    # at other values the same formula gives the numeric threshold
    other = grim_trigger(model.game.substitute({**model.defaults, "c_I": 2, "p": 5}), target)
    assert other.delta_min == Fraction(2, 5)
    js = json.loads(json.dumps(res.to_json(), allow_nan=False))
    assert js["delta_min"] == "c_I/p" and js["at_values"]["delta_min"] == "1/3"
    assert js["punishments"]["US"] == {"US": "Exclude Russia", "Russia": "Spoil"}
    assert "c_I/p" in str(res)


def test_symbolic_game_needs_values():
    model = load_model("models/russia_spoiler_linkage.toml")
    with pytest.raises(InputError, match="parameter values"):
        grim_trigger(model.game, {"US": "Include Russia", "Russia": "Cooperate"})


def test_labels_are_checked():
    with pytest.raises(LabelError):
        grim_trigger(_pd(5, 3, 1, 0), {"Player 1": "Cooperate", "Player 2": "C"})
    with pytest.raises(LabelError):
        grim_trigger(_pd(5, 3, 1, 0), {"Player 1": "C"})
    with pytest.raises(InputError):
        grim_trigger(_pd(5, 3, 1, 0), ["C", "C"])


def test_json_and_text():
    res = grim_trigger(_pd(5, 3, 1, 0), BOTH_C)
    js = json.loads(json.dumps(res.to_json(), allow_nan=False))
    assert js["delta_min"] == "1/2" and js["punishments"]["Player 1"] == {"Player 1": "D", "Player 2": "D"}
    assert js["incentives"]["Player 2"]["threshold"] == "1/2"
    text = str(res)
    assert "δ >= 1/2" in text and "deviating to D" in text


def test_condition_text():
    a, b = sympy.symbols("a b", real=True)
    assert condition_text(a - b, True) == "a > b"
    assert condition_text(b - a, False) == "b >= a"
    assert condition_text(-a - b, True) == "a + b < 0"
    assert condition_text(sympy.Integer(-1), True) is None


def test_symbolic_asymmetric_binding_player_and_its_condition():
    # Player i's temptation T_i with R = 3, P = 1: thresholds (T1 - 3)/(T1 - 1) and (T2 - 3)/(T2 - 1).
    # At T1 = 5, T2 = 4 they are 1/2 and 1/3: player 1 binds, as long as its threshold stays the larger.
    T1, T2 = sympy.symbols("T1 T2", real=True)
    g = Game.from_bimatrix([[3, 0], [T1, 1]], [[3, T2], [0, 1]], strategies=CD)
    res = grim_trigger(g, BOTH_C, values={"T1": 5, "T2": 4})
    assert sympy.simplify(res.delta_min - (T1 - 3) / (T1 - 1)) == 0
    assert res.binding == ("Player 1",) and res.at_values.delta_min == Fraction(1, 2)
    assert "T1 > 3" in res.conditions and "T2 > 3" in res.conditions
    assert "(T1 - 3)/(T1 - 1) >= (T2 - 3)/(T2 - 1)" in res.conditions
    # tied at the values with different formulas: the larger of the two
    tied = grim_trigger(g, BOTH_C, values={"T1": 5, "T2": 5})
    assert tied.binding == ("Player 1", "Player 2")
    assert tied.delta_min.subs({T1: 7, T2: 5}) == sympy.Rational(2, 3)


def test_symbolic_without_a_formula_falls_back_to_the_values():
    # A three-player model whose worst stage equilibria are mixed: no formula is attempted; the answer is the
    # numeric one at the given values, and the note says so.
    model = load_model("models/serbia_border_reinforcement_3p.toml")
    target = {"Russia": "Consent", "Serbia": "Reinforce", "NATO": "Shift north"}
    res = grim_trigger(model.game, target, values=model.defaults)
    numeric = grim_trigger(model.game_at(), target)
    assert "given values only" in res.note and res.conditions == ()
    assert res.delta_min == numeric.delta_min and res.at_values is not None
