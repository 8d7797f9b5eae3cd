"""Optimal stick-and-carrot penal codes: Abreu's example by hand, prisoner's dilemmas, and a brute-force check."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory import Game
from gametheory.errors import CostLimitError, InputError, UnsupportedGameError
from gametheory.repeated.penal import optimal_penal_code

LMH = ["L", "M", "H"]
# The three-action example of Abreu (1988) as lecture notes reproduce it: a symmetric "quantity" game, actions
# low, medium, high.  Every threshold below is derived by hand, so the test does not rest on the attribution.
A_ABREU = [[10, 3, 0], [15, 7, -4], [7, 5, -15]]
B_ABREU = [list(r) for r in zip(*A_ABREU)]


def _abreu():
    return Game.from_bimatrix(A_ABREU, B_ABREU, strategies=[LMH, LMH])


BOTH_L = {"Player 1": "L", "Player 2": "L"}


def test_abreu_example_stick_and_carrot_beats_grim():
    # The stage game's only equilibrium is (M, M) = (7, 7) (M is the best reply to M; no other cell or mix is one:
    # the solver's list is checked below).  Target (L, L) = (10, 10); the best deviation is M, worth 15.
    # Grim (Nash reversion): 10 >= (1-δ) 15 + 7δ  iff  δ >= 5/8.
    #
    # Stick and carrot for player 1: one round of (M, H) = (-4, 5), then (L, L) again; symmetric for player 2.
    #   W1 = (1-δ)(-4) + 10δ = 14δ - 4.
    #   target:   10 >= 15(1-δ) + δ W1  iff  14δ² - 19δ + 5 <= 0  iff  (14δ - 5)(δ - 1) <= 0  iff  δ >= 5/14;
    #   stick, player 1 (best reply to H is L, worth 0; deviating restarts the stick):
    #             W1 >= (1-δ)·0 + δ W1  iff  W1 >= 0  iff  δ >= 2/7;
    #   stick, player 2 (the punisher gets 5, its best deviation against M is M, worth 7, then its own stick):
    #             (1-δ)5 + 10δ >= 7(1-δ) + δ(14δ - 4)  iff  (7δ - 1)(δ - 1) <= 0  iff  δ >= 1/7.
    # So this code works exactly for δ >= max(5/14, 2/7, 1/7) = 5/14.
    #
    # No one-round stick does better: the target needs (1-δ)u1(s) + 10δ = W1 <= 10 - 5(1-δ)/δ, i.e.
    # u1(s) <= 10 - 5/δ, which below 5/14 needs u1(s) < -4; the only such cell is (H, H) = -15, whose stick
    # condition W1 >= max(u1(L, H), u1(M, H)) = 0 needs 25δ - 15 >= 0, δ >= 3/5.  Reversion (δ >= 5/8) is worse.
    code = optimal_penal_code(_abreu(), BOTH_L, max_stick=1)
    assert code.grim_delta_min == Fraction(5, 8)
    assert code.delta_min == Fraction(5, 14)
    assert str(code.delta_set) == "[5/14, 1)" and str(code.code_delta_set) == "[5/14, 1)"
    p1, p2 = code.punishments["Player 1"], code.punishments["Player 2"]
    assert dict(p1.stick) == {"Player 1": "M", "Player 2": "H"} and p1.length == 1
    assert dict(p2.stick) == {"Player 1": "H", "Player 2": "M"} and p2.length == 1
    assert code.delta_min < code.grim_delta_min
    js = json.loads(json.dumps(code.to_json(), allow_nan=False))
    assert js["delta_min"] == "5/14" and js["grim_delta_min"] == "5/8"
    assert js["punishments"]["Player 1"] == {"player": "Player 1", "stick": {"Player 1": "M", "Player 2": "H"},
                                             "length": 1}
    assert "5/14" in str(code) and "5/8" in str(code)


# ---------------------------------------------------------------------- an independent brute force
def _value(pay, k, prefix, tail, d):
    """Normalised value to player k of playing the profiles ``prefix`` then ``tail`` for ever (exact)."""
    total, w = Fraction(0), Fraction(1)
    for a in prefix:
        total += (1 - d) * w * pay[a][k]
        w *= d
    return total + w * pay[tail][k]


def _is_spe(pay, shape, star, code, d):
    """The one-shot deviation principle on every phase of every path of a simple penal code, by enumeration.

    ``code[i] = (stick, L)``: player i's punishment path is ``stick`` L times, then ``star``; L None: for ever.
    Every deviation of every player is tried (not only the best one).
    """
    def path(i):
        stick, L = code[i]
        return ([], stick) if L is None else ([stick] * L, star)

    paths = [([], star), path(0), path(1)]
    for prefix, tail in paths:
        for t in range(len(prefix) + 1):
            a = prefix[t] if t < len(prefix) else tail
            for k in range(2):
                stay = _value(pay, k, prefix[t:], tail, d)
                for b in range(shape[k]):
                    if b == a[k]:
                        continue
                    dev = tuple(b if m == k else a[m] for m in range(2))
                    pre, tl = path(k)
                    if (1 - d) * pay[dev][k] + d * _value(pay, k, pre, tl, d) > stay:
                        return False
    return True


def _payoff_dict(A, B):
    return {(r, c): (Fraction(A[r][c]), Fraction(B[r][c])) for r in range(len(A)) for c in range(len(A[0]))}


def _family(shape, pure_ne, max_stick):
    cells = list(itertools.product(range(shape[0]), range(shape[1])))
    return [(s, L) for L in range(1, max_stick + 1) for s in cells] + [(e, None) for e in pure_ne]


def test_abreu_brute_force_agrees():
    pay = _payoff_dict(A_ABREU, B_ABREU)
    shape, star = (3, 3), (0, 0)
    family = _family(shape, [(1, 1)], 1)
    code = optimal_penal_code(_abreu(), BOTH_L)
    idx = {"L": 0, "M": 1, "H": 2}
    found = {0: (tuple(idx[code.punishments["Player 1"].stick[p]] for p in ("Player 1", "Player 2")), 1),
             1: (tuple(idx[code.punishments["Player 2"].stick[p]] for p in ("Player 1", "Player 2")), 1)}
    assert _is_spe(pay, shape, star, found, Fraction(5, 14))
    assert not _is_spe(pay, shape, star, found, Fraction(5, 14) - Fraction(1, 1000))
    below = Fraction(5, 14) - Fraction(1, 1000)
    assert not any(_is_spe(pay, shape, star, {0: c0, 1: c1}, below) for c0 in family for c1 in family)
    for d in (Fraction(2, 5), Fraction(1, 2), Fraction(9, 10)):
        assert (d in code.delta_set) == any(_is_spe(pay, shape, star, {0: c0, 1: c1}, d)
                                            for c0 in family for c1 in family)


def test_random_games_brute_force_agrees_on_a_grid():
    # random 2x2 and 2x3 games, a random pure target: membership of grid points in the family's exact set
    # equals "some code of the family passes the enumerated one-shot deviation check"
    rng = np.random.default_rng(11)
    grid = [Fraction(k, 20) for k in range(1, 20)]
    for trial in range(6):
        shape = (2, 2) if trial % 2 == 0 else (2, 3)
        A = rng.integers(-5, 6, size=shape).tolist()
        B = rng.integers(-5, 6, size=shape).tolist()
        game = Game.from_bimatrix(A, B)
        star = (int(rng.integers(shape[0])), int(rng.integers(shape[1])))
        target = {"Player 1": str(star[0] + 1), "Player 2": str(star[1] + 1)}
        code = optimal_penal_code(game, target, max_stick=2)
        pay = _payoff_dict(A, B)
        pure_ne = [(r, c) for (r, c) in pay
                   if pay[(r, c)][0] == max(pay[(x, c)][0] for x in range(shape[0]))
                   and pay[(r, c)][1] == max(pay[(r, y)][1] for y in range(shape[1]))]
        family = _family(shape, pure_ne, 2)
        for d in grid:
            brute = any(_is_spe(pay, shape, star, {0: c0, 1: c1}, d) for c0 in family for c1 in family)
            assert (d in code.delta_set) == brute, (A, B, star, d)


def test_prisoners_dilemma_reversion_is_optimal():
    # In a PD every subgame-perfect punishment leaves the deviator at least P (D guarantees P), so the target
    # needs R >= (1-δ)T + δW with W >= P: δ >= (T-R)/(T-W) >= (T-R)/(T-P), which Nash reversion attains.
    rng = np.random.default_rng(3)
    for _ in range(8):
        T, R, P, S = sorted(rng.choice(np.arange(-20, 21), size=4, replace=False).tolist(), reverse=True)
        pd = Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], strategies=[["C", "D"], ["C", "D"]])
        code = optimal_penal_code(pd, {"Player 1": "C", "Player 2": "C"}, max_stick=2)
        assert code.delta_min == Fraction(T - R, T - P) == code.grim_delta_min
        assert code.delta_set.attained


def test_stage_equilibrium_target_needs_no_patience():
    code = optimal_penal_code(_abreu(), {"Player 1": "M", "Player 2": "M"})
    assert code.delta_min == 0 and str(code.delta_set) == "(0, 1)"


def test_refusals():
    three = Game(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(UnsupportedGameError):
        optimal_penal_code(three, {"Player 1": "1", "Player 2": "1", "Player 3": "1"})
    t = sympy.Symbol("t", real=True)
    with pytest.raises(UnsupportedGameError):
        optimal_penal_code(Game.from_bimatrix([[t, 0], [0, 1]], [[1, 0], [0, 1]]), {"Player 1": "1", "Player 2": "1"})
    with pytest.raises(InputError):
        optimal_penal_code(_abreu(), BOTH_L, max_stick=0)
    with pytest.raises(InputError):
        optimal_penal_code(_abreu(), {"Player 1": "X", "Player 2": "L"})
    with pytest.raises(CostLimitError):
        optimal_penal_code(_abreu(), BOTH_L, max_cost=10)


def test_float_game_is_read_exactly():
    g = Game.from_bimatrix(np.array(A_ABREU, dtype=float), np.array(B_ABREU, dtype=float), strategies=[LMH, LMH])
    assert optimal_penal_code(g, BOTH_L).delta_min == Fraction(5, 14)


def test_irrational_threshold_bracketed_by_the_brute_force():
    # A random 3x3 game whose best code uses a two-round stick: its threshold is a root of a quadratic,
    # reported exactly; the enumerated check finds a code at 0.7072 and none at 0.7071 (sqrt(2)/2 = 0.70710678...).
    A = [[-7, -3, 1], [-1, -5, -8], [3, -3, -3]]
    B = [[8, 6, 0], [8, 1, 8], [2, -3, 1]]
    code = optimal_penal_code(Game.from_bimatrix(A, B), {"Player 1": "2", "Player 2": "1"}, max_stick=2)
    assert str(code.delta_set) == "[sqrt(2)/2, 1)"
    assert code.to_json()["delta_min"] == "sqrt(2)/2"
    assert code.to_json()["delta_min_float"] == pytest.approx(2 ** 0.5 / 2)
    pay = _payoff_dict(A, B)
    pure_ne = [(r, c) for (r, c) in pay
               if pay[(r, c)][0] == max(pay[(x, c)][0] for x in range(3))
               and pay[(r, c)][1] == max(pay[(r, y)][1] for y in range(3))]
    family = _family((3, 3), pure_ne, 2)

    def some_code(d):
        return any(_is_spe(pay, (3, 3), (1, 0), {0: c0, 1: c1}, d) for c0 in family for c1 in family)

    assert some_code(Fraction(7072, 10000)) and not some_code(Fraction(7071, 10000))
    assert Fraction(7072, 10000) in code.delta_set and Fraction(7071, 10000) not in code.delta_set
