"""The feasible set and its individually rational part (gametheory.repeated.feasible).

Expected polygons are computed by hand (stated in each test) or by brute force
in the test: a point is in the convex hull of finitely many plane points iff it
lies in one of their triangles or segments (Caratheodory), checked here in
exact arithmetic; a vertex is a point outside the hull of the others;
N-player extreme points by scipy's linprog.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog

from gametheory import Game
from gametheory.errors import CostLimitError, InputError
from gametheory.repeated.feasible import feasible_set
from gametheory.repeated.minmax import minmax_values

F = Fraction


def pd(T=5, R=3, P=1, S=0) -> Game:
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["A", "B"],
                              strategies=[["C", "D"], ["C", "D"]])


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_segment(a, b, p) -> bool:
    if cross(a, b, p) != 0:
        return False
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def brute_in_hull(points, p) -> bool:
    """Exact: p is one of the points, on a segment between two, or in a triangle of three."""
    pts = list(dict.fromkeys(tuple(map(F, q)) for q in points))
    p = tuple(map(F, p))
    if p in pts:
        return True
    if any(on_segment(a, b, p) for a, b in itertools.combinations(pts, 2)):
        return True
    for a, b, c in itertools.combinations(pts, 3):
        d1, d2, d3 = cross(a, b, p), cross(b, c, p), cross(c, a, p)
        if (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0):
            if cross(a, b, c) != 0:
                return True
    return False


def brute_vertices(points) -> set:
    pts = list(dict.fromkeys(tuple(map(F, q)) for q in points))
    return {v for k, v in enumerate(pts) if not brute_in_hull(pts[:k] + pts[k + 1:], v)}


def as_fractions(vs):
    return [tuple(F(x) for x in v) for v in vs]


# ---------------------------------------------------------------------- two players, by hand
def test_prisoners_dilemma_polygon_and_ir_part_by_hand():
    fs = feasible_set(pd())
    # payoff vectors (3,3), (0,5), (5,0), (1,1): all four are vertices; counter-clockwise from (0,5)
    assert fs.vertices == ((0, 5), (1, 1), (5, 0), (3, 3))
    assert fs.exact and fs.minmax == {"A": 1, "B": 1} and fs.minmax_kind == "mixed"
    # clipped at u >= (1,1): the edge (5,0)-(3,3) meets u_B = 1 at t = 1/3, u_A = 5 - 2/3 = 13/3;
    # the edge (3,3)-(0,5) meets u_A = 1 at t = 2/3, u_B = 3 + 4/3 = 13/3
    assert fs.individually_rational == ((1, 1), (F(13, 3), 1), (3, 3), (1, F(13, 3)))
    assert all(type(x) is Fraction for v in fs.individually_rational for x in v)
    assert fs.contains((F(5, 2), F(5, 2))) and not fs.contains((4, 4))
    assert fs.is_individually_rational((1, F(13, 3))) and not fs.is_individually_rational((1, F(13, 3), ), strict=True)
    assert not fs.is_individually_rational((F(1, 2), 4))  # feasible, below A's minmax
    assert fs.profiles_at((3, 3)) == ({"A": "C", "B": "C"},)


def test_matching_pennies_segment_with_one_rational_point():
    g = Game.zero_sum([[1, -1], [-1, 1]], players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])
    fs = feasible_set(g)
    # payoffs (1,-1) and (-1,1): a segment; only its midpoint (0,0) is at or above the mixed minmax (0,0)
    assert fs.vertices == ((-1, 1), (1, -1))
    assert fs.individually_rational == ((0, 0),)
    assert fs.contains((0, 0)) and not fs.contains((0, 1))
    assert fs.is_individually_rational((0, 0)) and not fs.is_individually_rational((0, 0), strict=True)


def test_clipped_at_the_mixed_minmax_by_hand():
    # Row's payoffs [[2, -1], [-1, 1]]: mixed minmax 1/5 (Col mixes 2/5, 3/5), pure minmax 1.
    # Col's payoffs [[0, 1], [1, 0]]: Row can hold Col to 1/2 by mixing evenly; pure minmax 1.
    g = Game.from_bimatrix([[2, -1], [-1, 1]], [[0, 1], [1, 0]], players=["R", "C"],
                           strategies=[["u", "d"], ["l", "r"]])
    fs = feasible_set(g)
    assert fs.minmax == {"R": F(1, 5), "C": F(1, 2)}
    # outcomes (2,0), (-1,1), (-1,1), (1,0): hull counter-clockwise from (-1,1): (-1,1), (1,0), (2,0)
    assert fs.vertices == ((-1, 1), (1, 0), (2, 0))
    # clipped: edge (2,0)-(-1,1) at u_C = 1/2: t = 1/2, u_R = 1/2; at u_R = 1/5: t = 3/5, u_C = 3/5;
    # the corner (1/5, 1/2) is inside (below that edge: u_C <= (2 - u_R)/3 = 3/5 at u_R = 1/5)
    assert set(fs.individually_rational) == {(F(1, 5), F(1, 2)), (F(1, 2), F(1, 2)), (F(1, 5), F(3, 5))}


def test_single_point_and_degenerate_games():
    g = Game.from_bimatrix([[2, 2], [2, 2]], [[1, 1], [1, 1]])
    fs = feasible_set(g)
    assert fs.vertices == ((2, 1),) and fs.individually_rational == ((2, 1),)
    assert fs.contains((2, 1)) and not fs.contains((2, F(1, 2)))


# ---------------------------------------------------------------------- two players, brute force
@pytest.mark.parametrize("seed", range(10))
def test_random_polygons_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, 4, size=2))
    A = rng.integers(-3, 4, size=(m, n)).tolist()
    B = rng.integers(-3, 4, size=(m, n)).tolist()
    g = Game.from_bimatrix(A, B)
    fs = feasible_set(g)
    pts = [u for _, u in fs.outcomes]
    assert len(pts) == m * n
    assert set(fs.vertices) == brute_vertices(pts)
    V = fs.vertices
    if len(V) >= 3:  # counter-clockwise and strictly convex
        assert all(cross(V[k], V[(k + 1) % len(V)], V[(k + 2) % len(V)]) > 0 for k in range(len(V)))
    mm = minmax_values(g)
    assert fs.minmax == dict(mm.mixed)
    m1, m2 = fs.minmax["Player 1"], fs.minmax["Player 2"]
    IR = fs.individually_rational
    assert IR, "a stage equilibrium's payoff is feasible and individually rational"
    for v in IR:
        assert v[0] >= m1 and v[1] >= m2 and brute_in_hull(pts, v)
    # random rational points: the IR polygon holds exactly the feasible points above the minmax
    for _ in range(60):
        p = (F(int(rng.integers(-40, 41)), 10), F(int(rng.integers(-40, 41)), 10))
        expected = brute_in_hull(pts, p) and p[0] >= m1 and p[1] >= m2
        assert brute_in_hull(IR, p) == expected, p
        assert fs.is_individually_rational(p) == expected, p
        assert fs.contains(p) == brute_in_hull(pts, p), p


def test_float_game_agrees_with_exact():
    g = Game.from_bimatrix([[2, -1], [-1, 1]], [[0, 1], [1, 0]])
    ex, fl = feasible_set(g), feasible_set(g.to_float())
    assert not fl.exact and fl.tolerance > 0
    assert len(ex.individually_rational) == len(fl.individually_rational)
    for a, b in zip(sorted(ex.individually_rational), sorted(fl.individually_rational)):
        assert all(abs(float(x) - y) < 1e-9 for x, y in zip(a, b))
    assert fl.contains((0.5, 0.5)) and fl.contains((1.0, 0.0)) and not fl.contains((0.5, 0.9))


def test_json_and_text():
    fs = feasible_set(pd())
    doc = json.loads(json.dumps(fs.to_json(), allow_nan=False))
    assert doc["vertices"][0] == {"A": "0", "B": "5"}
    assert doc["individually_rational"][1] == {"A": "13/3", "B": "1"}
    assert doc["minmax"] == {"A": "1", "B": "1"} and doc["minmax_kind"] == "mixed"
    assert doc["outcomes"][0] == {"profile": {"A": "C", "B": "C"}, "payoffs": {"A": "3", "B": "3"}}
    text = str(fs)
    assert "(3, 3)  from A=C, B=C" in text and "(13/3, 1)" in text and "u_A >= 1, u_B >= 1" in text


def test_points_are_validated():
    fs = feasible_set(pd())
    assert fs.contains({"A": 3, "B": 3})
    with pytest.raises(InputError):
        fs.contains((1, 2, 3))
    with pytest.raises(InputError):
        fs.contains({"A": 1})
    with pytest.raises(InputError):
        feasible_set(pd(), minmax_values(Game.from_bimatrix([[1]], [[1]])))


# ---------------------------------------------------------------------- three players
def lp_in_hull(points, p) -> bool:
    P = np.asarray(points, dtype=float).T
    res = linprog(np.zeros(P.shape[1]), A_eq=np.vstack([P, np.ones(P.shape[1])]), b_eq=np.r_[p, 1.0],
                  bounds=[(0, None)] * P.shape[1], method="highs")
    return res.status == 0


@pytest.mark.parametrize("seed", range(5))
def test_three_players_extreme_points_against_linprog(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 4, size=3))
    g = Game(rng.integers(-2, 3, size=shape + (3,)), players=["X", "Y", "Z"])
    fs = feasible_set(g)
    assert fs.individually_rational is None and fs.minmax_kind == "pure"
    assert fs.minmax == dict(minmax_values(g).pure)
    pts = list(dict.fromkeys(u for _, u in fs.outcomes))
    expected = {v for k, v in enumerate(pts) if not lp_in_hull(pts[:k] + pts[k + 1:], v)}
    assert set(fs.vertices) == expected
    # the centroid of the pure payoffs is feasible; a point beyond every payoff is not
    centroid = tuple(sum(F(u[d]) for u in pts) / len(pts) for d in range(3))
    assert fs.contains(centroid)
    assert not fs.contains((3, 3, 3))
    assert all(set(prof) == {"X", "Y", "Z"} for prof, _ in fs.outcomes)


def test_three_players_labels_json_and_note():
    pay = np.zeros((2, 2, 2, 3), dtype=int)
    pay[0, 0, 0] = (2, 2, 2)
    pay[1, 1, 1] = (1, 1, 1)
    pay[1, 0, 0] = (3, 0, 0)
    g = Game(pay, players=["P", "Q", "R"], strategies=[["c", "d"]] * 3)
    fs = feasible_set(g)
    doc = json.loads(json.dumps(fs.to_json(), allow_nan=False))
    assert doc["individually_rational"] is None and doc["vertices_kind"] == "extreme pure payoff vectors"
    assert {"P": "2", "Q": "2", "R": "2"} in doc["vertices"]
    assert "not computed" in fs.note and "pure minmax" in str(fs)
    # pure minmax 0 for everyone: against (c, d) by the other two, any player's payoffs are all 0
    assert fs.minmax == {"P": 0, "Q": 0, "R": 0}
    assert fs.is_individually_rational((1, 1, 1))  # a payoff vector, above the minmax
    assert fs.is_individually_rational((F(3, 2), F(3, 2), F(3, 2)))  # midpoint of (2,2,2) and (1,1,1)
    assert not fs.is_individually_rational((1, 1, 3))  # R never gets more than 2
    assert not fs.is_individually_rational((F(3, 2), 0, 0), strict=True)


def test_cost_limit_is_checked_before_the_work():
    g = Game(np.arange(3 * 3 * 3 * 3).reshape(3, 3, 3, 3))
    with pytest.raises(CostLimitError):
        feasible_set(g, max_cost=10)


@pytest.mark.parametrize("seed", range(6))
def test_stage_equilibrium_payoffs_are_feasible_and_individually_rational(seed):
    # a stage Nash equilibrium gives each player at least her minmax (she best-replies to the others'
    # mixture), and its payoff is a convex combination of pure payoffs: so it lies in the IR part
    from gametheory.repeated.stage import stage_equilibria

    rng = np.random.default_rng(50 + seed)
    g = Game.from_bimatrix(rng.integers(-3, 4, size=(3, 3)).tolist(), rng.integers(-3, 4, size=(3, 3)).tolist())
    fs = feasible_set(g)
    for eq in stage_equilibria(g):
        u = eq.payoffs()
        assert fs.is_individually_rational(u)
        assert brute_in_hull(fs.individually_rational, tuple(u[p] for p in g.players))


def test_float_clip_near_a_payoff_on_the_boundary():
    # the 1/5 game with a third column (0.2, 0.6) / (0.2, 0.4): Col can now hold Row to 0.2 = 1/5 purely, and
    # (0.2, 0.6) lies on the edge from (2, 0) to (-1, 1) (u_C = (2 - u_R)/3), exactly where u_R = 1/5 crosses
    # it: in floats the minmax, the crossing and that payoff may differ by rounding; the clip must still have
    # the three vertices of the exact one
    A = [[2, -1, 0.2], [-1, 1, 0.2]]
    B = [[0, 1, 0.6], [1, 0, 0.4]]
    ex = feasible_set(Game.from_bimatrix(A, B).to_exact())
    fl = feasible_set(Game.from_bimatrix(A, B).to_float())
    expected = [(F(1, 5), F(1, 2)), (F(1, 2), F(1, 2)), (F(1, 5), F(3, 5))]
    assert sorted(ex.individually_rational) == sorted(expected)
    assert len(fl.individually_rational) == 3
    for v in fl.individually_rational:
        assert min(abs(v[0] - float(e[0])) + abs(v[1] - float(e[1])) for e in expected) < 1e-9
