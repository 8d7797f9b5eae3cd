"""Minmax values of stage games (gametheory.repeated.minmax).

Expected values come from hand calculation (stated in each test), from
scipy.optimize.linprog solving the punisher's LP here, or from brute force
over the definitions; never from the program under test.
"""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from scipy.optimize import linprog

from gametheory import Game
from gametheory.errors import UnsupportedGameError
from gametheory.repeated.minmax import CORRELATED, MIXED, minmax_values

F = Fraction


def pennies() -> Game:
    return Game.zero_sum([[1, -1], [-1, 1]], players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])


def pd(T=5, R=3, P=1, S=0) -> Game:
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["A", "B"],
                              strategies=[["C", "D"], ["C", "D"]])


def lp_minmax(U: np.ndarray) -> float:
    """The correlated (for 2 players: mixed) minmax of the player whose payoffs are ``U`` (own strategy first axis).

    min v subject to sum_c q_c U[s, c] <= v for every own s, q a distribution over the others' profiles.
    """
    M = U.reshape(U.shape[0], -1).astype(float)
    m, n = M.shape
    c = np.r_[np.zeros(n), 1.0]
    res = linprog(c, A_ub=np.hstack([M, -np.ones((m, 1))]), b_ub=np.zeros(m),
                  A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, None)], method="highs")
    assert res.status == 0
    return float(res.fun)


def brute_pure_minmax(game: Game, i: int) -> object:
    """min over the others' pure profiles of the best own payoff, straight from the definition."""
    best = None
    for others in itertools.product(*(range(k) for j, k in enumerate(game.shape) if j != i)):
        vals = []
        for s in range(game.shape[i]):
            idx = list(others)
            idx.insert(i, s)
            vals.append(game.payoffs[tuple(idx)][i])
        v = max(vals)
        best = v if best is None else min(best, v)
    return best


# ---------------------------------------------------------------------- two players
def test_matching_pennies_pure_one_mixed_zero():
    mm = minmax_values(pennies())
    assert mm.mixed_kind == MIXED and mm.exact
    for p, other in (("Row", "Col"), ("Col", "Row")):
        # a pure punisher is read and beaten (1); an even mix gives 0 whatever the victim does
        assert mm.pure[p] == 1 and type(mm.pure[p]) is Fraction
        assert mm.mixed[p] == 0 and type(mm.mixed[p]) is Fraction
        assert dict(mm.mixed_punishment[p]) == {"H": F(1, 2), "T": F(1, 2)}
        assert set(mm.pure_punishment[p]) == {other}
    # every pure label of Col lets Row match it and get 1; the first in the game's order, H, is reported
    assert dict(mm.pure_punishment["Row"]) == {"Col": "H"}


def test_prisoners_dilemma_minmax_is_mutual_defection():
    mm = minmax_values(pd(T=7, R=4, P=2, S=-1))
    assert mm.pure == {"A": 2, "B": 2} and mm.mixed == {"A": 2, "B": 2}
    assert dict(mm.pure_punishment["A"]) == {"B": "D"} and dict(mm.mixed_punishment["B"]) == {"D": 1}


def test_mixed_minmax_below_pure_by_hand():
    # Row's payoffs [[2, -1], [-1, 1]] (Col's irrelevant): pure minmax min(max(2,-1), max(-1,1)) = 1.
    # Col mixing q on the first column makes Row indifferent: 2q - (1-q) = -q + (1-q)  =>  q = 2/5,
    # and Row then gets 1/5 with either row: the mixed minmax is 1/5.
    g = Game.from_bimatrix([[2, -1], [-1, 1]], [[0, 0], [0, 0]], players=["R", "C"],
                           strategies=[["u", "d"], ["l", "r"]])
    mm = minmax_values(g)
    assert mm.pure["R"] == 1 and dict(mm.pure_punishment["R"]) == {"C": "r"}
    assert mm.mixed["R"] == F(1, 5)
    assert dict(mm.mixed_punishment["R"]) == {"l": F(2, 5), "r": F(3, 5)}


@pytest.mark.parametrize("seed", range(12))
def test_random_two_player_against_linprog_and_brute_force(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(2, 5, size=2)
    A = rng.integers(-5, 6, size=(m, n))
    B = rng.integers(-5, 6, size=(m, n))
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    mm = minmax_values(g)
    for i, p in enumerate(g.players):
        assert mm.pure[p] == brute_pure_minmax(g, i)
        # the reported pure punishment attains it
        prof = dict(mm.pure_punishment[p])
        best = max(g.payoff({**prof, p: s})[p] for s in g.strategies[i])
        assert best == mm.pure[p]
        U = A if i == 0 else B.T  # own strategies on the first axis
        v = mm.mixed[p]
        assert isinstance(v, Fraction)
        assert abs(float(v) - lp_minmax(U)) < 1e-7
        assert v <= mm.pure[p]
        # the punisher's mixed strategy holds p to v exactly (no own strategy does better)
        q = mm.mixed_punishment[p]
        assert sum(q.values()) == 1 and all(x > 0 for x in q.values())
        other = g.players[1 - i]
        payoff = {s: sum(g.payoff({p: s, other: t})[p] * x for t, x in q.items()) for s in g.strategies[i]}
        assert max(payoff.values()) == v


@pytest.mark.parametrize("seed", range(4))
def test_random_game_where_mixed_differs_from_pure(seed):
    # a 3x3 game with payoffs drawn so that no saddle point exists for Row's matrix: checked, then compared
    rng = np.random.default_rng(100 + seed)
    while True:
        A = rng.integers(0, 10, size=(3, 3))
        if A.max(axis=0).min() > A.min(axis=1).max():  # no pure saddle: pure minmax above pure maximin
            break
    g = Game.from_bimatrix(A.tolist(), np.zeros((3, 3), dtype=int).tolist())
    mm = minmax_values(g)
    expected = lp_minmax(A)
    assert abs(float(mm.mixed["Player 1"]) - expected) < 1e-7
    assert mm.mixed["Player 1"] < mm.pure["Player 1"] == A.max(axis=0).min()


def test_float_game_close_to_exact():
    g = Game.from_bimatrix([[2, -1], [-1, 1]], [[0, 3], [1, 0]])
    ex, fl = minmax_values(g), minmax_values(g.to_float())
    assert not fl.exact
    for p in g.players:
        assert isinstance(fl.mixed[p], float) and abs(fl.mixed[p] - float(ex.mixed[p])) < 1e-9
        assert isinstance(fl.pure[p], float) and fl.pure[p] == float(ex.pure[p])
    # no negative zero leaks into the output
    z = minmax_values(pennies().to_float())
    assert abs(z.mixed["Row"]) < 1e-12 and math.copysign(1.0, z.mixed["Row"]) == 1.0
    assert "-0" not in json.dumps(z.to_json())


def test_json_is_strict_and_labelled():
    mm = minmax_values(pennies())
    doc = json.loads(json.dumps(mm.to_json(), allow_nan=False))
    assert doc["pure"] == {"Row": "1", "Col": "1"}
    assert doc["mixed"] == {"Row": "0", "Col": "0"}
    assert doc["mixed_kind"] == "mixed"
    assert doc["pure_punishment"]["Row"] == {"Col": "H"}
    assert doc["mixed_punishment"]["Row"] == {"H": "1/2", "T": "1/2"}


def test_text_names_the_punishers():
    text = str(minmax_values(pennies()))
    assert "pure minmax 1 (Col plays H)" in text
    assert "mixed minmax 0 (Col mixes 1/2 H + 1/2 T)" in text


def test_symbolic_game_is_refused():
    c = sympy.Symbol("c")
    g = Game.from_bimatrix([[c, 0], [0, 1]], [[1, 0], [0, c]])
    with pytest.raises(UnsupportedGameError):
        minmax_values(g)


# ---------------------------------------------------------------------- three players
def three_player_gap() -> Game:
    """Players 1 and 2 pick U/D and L/R; player 3 picks A, B or C and gets 1 in exactly one of them per cell.

    u3(A) = 1 at (U, L), u3(B) = 1 at (D, R), u3(C) = 1 at (U, R) and (D, L); players 1 and 2 get 0.
    """
    pay = np.zeros((2, 2, 3, 3), dtype=int)
    pay[0, 0, 0, 2] = 1  # A at (U, L)
    pay[1, 1, 1, 2] = 1  # B at (D, R)
    pay[0, 1, 2, 2] = pay[1, 0, 2, 2] = 1  # C at (U, R) and (D, L)
    return Game(pay, players=["P1", "P2", "P3"], strategies=[["U", "D"], ["L", "R"], ["A", "B", "C"]])


def test_three_players_pure_and_correlated_bound_labelled():
    g = three_player_gap()
    mm = minmax_values(g)
    assert mm.mixed_kind == CORRELATED
    # every cell gives P3 a 1 with one action: pure minmax 1, the first cell (U, L) punishes (P3 best-replies A)
    assert mm.pure["P3"] == 1 and dict(mm.pure_punishment["P3"]) == {"P1": "U", "P2": "L"}
    # the three actions' payoffs sum to 1 in every cell, so some action earns >= 1/3 against any
    # distribution; weight 1/3 on (U, L), (D, R) and the C cells gives exactly 1/3: the bound is 1/3
    assert mm.mixed["P3"] == F(1, 3)
    dist = mm.mixed_punishment["P3"]
    assert sum(dist.values()) == 1 and all(len(k) == 2 for k in dist)
    got = {a: sum(x * g.payoff({"P1": s1, "P2": s2, "P3": a})["P3"] for (s1, s2), x in dist.items())
           for a in "ABC"}
    assert max(got.values()) == F(1, 3)
    assert abs(float(mm.mixed["P3"]) - lp_minmax(np.moveaxis(g.payoffs[..., 2].astype(float), 2, 0))) < 1e-9
    # with independent mixing the others cannot reach 1/3 (brute force on a grid: about 4/9), so the
    # bound is strictly below the independent minmax: that is why it is labelled a bound
    grid = np.linspace(0, 1, 201)
    p, q = np.meshgrid(grid, grid)
    indep = np.maximum.reduce([p * q, (1 - p) * (1 - q), p * (1 - q) + (1 - p) * q]).min()
    assert indep > F(1, 3) + F(1, 10)
    text = str(mm)
    assert "correlated-punisher bound 1/3 (P1 and P2 correlate:" in text
    assert "independently mixing punishers lies between" in text
    doc = json.loads(json.dumps(mm.to_json(), allow_nan=False))
    assert doc["mixed_kind"] == "correlated-punisher bound"
    assert {tuple(e["profile"].items()) for e in doc["mixed_punishment"]["P3"]} <= {
        (("P1", a), ("P2", b)) for a in "UD" for b in "LR"}
    assert doc["pure_punishment"]["P1"].keys() == {"P2", "P3"}


@pytest.mark.parametrize("seed", range(6))
def test_random_three_player_against_brute_force_and_linprog(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 4, size=3))
    g = Game(rng.integers(-4, 5, size=shape + (3,)))
    mm = minmax_values(g)
    for i, p in enumerate(g.players):
        assert mm.pure[p] == brute_pure_minmax(g, i)
        U = np.moveaxis(np.asarray(g.payoffs[..., i], dtype=float), i, 0)
        assert abs(float(mm.mixed[p]) - lp_minmax(U)) < 1e-7
        assert mm.mixed[p] <= mm.pure[p]
        others = [q for q in g.players if q != p]
        prof = dict(mm.pure_punishment[p])
        assert list(prof) == others
        assert max(g.payoff({**prof, p: s})[p] for s in g.strategies[i]) == mm.pure[p]
