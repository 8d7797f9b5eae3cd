"""Exact correlated equilibria are the LP optimum, with a dual certificate (issue 12, items 7 and 4).

Expectations are checked independently of the solver: the incentive
constraints and the dual bound are rebuilt here with explicit loops over
profiles (no shared code), the optimum of the 2x2x2 game is found by brute
force over the vertices of the polytope with Fractions, and scipy's HiGHS
(called here directly) gives the float optimum.
"""

from __future__ import annotations

import itertools
import json
import math
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory import Game, InputError
from gametheory.exact import exact_lp, solve_rational
from gametheory.solvers.correlated import correlated_equilibrium

# The 3x3 game of issue 12: the rounding path reported total 100 (4/5, 1/5) "not certified"
ISSUE_A = [[68, -65, 49], [-27, 30, 49], [14, -6, 7]]
ISSUE_B = [[27, 77, 73], [-37, -54, -37], [-99, -53, 4]]
# A 2x2x2 game (found by a random search) where the rounding path returned 347/6, below the optimum
GAME_222 = [[[[48, -83, 37], [74, -65, 39]], [[-49, 56, -45], [21, -46, -8]]],
            [[[46, -61, -64], [88, 59, -71]], [[13, 4, -12], [-75, -11, -78]]]]


def incentive_rows(pay: np.ndarray) -> list[list[F]]:
    """Rows of ``G p >= 0`` over C-order profiles, by loops (independent of the package)."""
    shape = pay.shape[:-1]
    profiles = list(itertools.product(*[range(k) for k in shape]))
    rows = []
    for i, ni in enumerate(shape):
        for a in range(ni):
            for b in range(ni):
                if a != b:
                    row = []
                    for s in profiles:
                        t = s[:i] + (b,) + s[i + 1:]
                        row.append(F(int(pay[s + (i,)]) - int(pay[t + (i,)])) if s[i] == a else F(0))
                    rows.append(row)
    return rows


def totals(pay: np.ndarray) -> list[F]:
    return [F(int(pay[s].sum())) for s in itertools.product(*[range(k) for k in pay.shape[:-1]])]


def scipy_optimum(pay: np.ndarray) -> float:
    G = np.array(incentive_rows(pay), dtype=float)
    c = np.array(totals(pay), dtype=float)
    res = linprog(-c, A_ub=-G if len(G) else None, b_ub=np.zeros(len(G)) if len(G) else None, A_eq=np.ones((1, len(c))), b_eq=[1],
                  bounds=[(0, None)] * len(c), method="highs")
    return -res.fun


def check_certificate(game: Game, pay: np.ndarray, ce) -> F:
    """Exact feasibility of ``ce`` and its dual bound, recomputed here; returns the proved optimum."""
    profiles = list(itertools.product(*game.strategies))
    p = [F(ce.distribution.get(prof, 0)) for prof in profiles]
    assert all(q >= 0 for q in p) and sum(p) == 1
    G = incentive_rows(pay)
    assert all(sum(g * q for g, q in zip(row, p)) >= 0 for row in G)  # every incentive constraint, exactly
    c = totals(pay)
    value = sum(ci * q for ci, q in zip(c, p))
    # the multipliers, in the order of incentive_rows (player, recommended, deviation)
    labels = [(game.players[i], game.strategies[i][a], game.strategies[i][b])
              for i, ni in enumerate(pay.shape[:-1]) for a in range(ni) for b in range(ni) if a != b]
    lam = [F(ce.multipliers.get(label, 0)) for label in labels]
    assert all(v >= 0 for v in lam)
    bound = max(c[s] + sum(lam[r] * G[r][s] for r in range(len(G))) for s in range(len(c)))
    assert bound == value, "the multipliers do not prove the value optimal"
    return value


def vertex_optimum(pay: np.ndarray) -> F:
    """max total payoff over the vertices of the correlated polytope, by brute force with Fractions."""
    G = incentive_rows(pay)
    c = totals(pay)
    n = len(c)
    ineq = G + [[F(int(k == j)) for k in range(n)] for j in range(n)]  # G p >= 0 and p >= 0
    best = None
    for tight in itertools.combinations(range(len(ineq)), n - 1):
        M = [ineq[r] for r in tight] + [[F(1)] * n]
        p = solve_rational(M, [F(0)] * (n - 1) + [F(1)], unique=True)
        if p is None or any(sum(g * q for g, q in zip(row, p)) < 0 for row in ineq):
            continue
        value = sum(ci * q for ci, q in zip(c, p))
        best = value if best is None else max(best, value)
    return best


def test_issue_3x3_exact_optimum_with_its_certificate():
    game = Game.from_bimatrix(ISSUE_A, ISSUE_B)
    pay = np.array(game.payoffs.tolist(), dtype=object)
    ce = correlated_equilibrium(game)
    assert ce.exact and ce.optimal_certified
    assert ce.objective_value == F(2122, 21) == ce.dual_bound
    assert dict(ce.distribution) == {("1", "3"): F(17, 21), ("2", "3"): F(4, 21)}
    assert check_certificate(game, pay, ce) == F(2122, 21)
    assert abs(scipy_optimum(pay) - 2122 / 21) <= 1e-7 * 100
    doc = ce.to_json()
    json.dumps(doc)
    assert doc["objective_value"] == "2122/21" and doc["optimal_certified"] is True
    assert doc["certificate"]["dual_bound"] == "2122/21"
    assert "dual objective = primal objective = 2122/21" in " ".join(doc["diagnostics"])
    assert "optimality certified by LP duality" in str(ce)


def test_2x2x2_exact_optimum_equals_the_best_vertex():
    game = Game(GAME_222)
    pay = np.array(GAME_222, dtype=object)
    expected = vertex_optimum(pay)
    assert expected > F(347, 6)  # the value the rounding path reported
    ce = correlated_equilibrium(game)
    assert ce.exact and ce.optimal_certified
    assert ce.objective_value == expected == ce.dual_bound
    assert check_certificate(game, pay, ce) == expected
    assert abs(scipy_optimum(pay) - float(expected)) <= 1e-7 * 100


small_games = st.lists(st.integers(1, 3), min_size=2, max_size=3).filter(lambda s: math.prod(s) <= 12).flatmap(
    lambda shape: st.lists(st.integers(-20, 20), min_size=math.prod(shape) * len(shape),
                           max_size=math.prod(shape) * len(shape)).map(
        lambda flat: np.array(flat, dtype=object).reshape(tuple(shape) + (len(shape),))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pay=small_games)
def test_exact_optimum_is_feasible_certified_and_not_below_scipy(pay):
    game = Game(pay.tolist())
    ce = correlated_equilibrium(game)
    assert ce.exact and ce.optimal_certified
    value = check_certificate(game, pay, ce)
    assert value == ce.objective_value
    assert float(value) >= scipy_optimum(pay) - 1e-7 * max(1, int(np.abs(pay).max()))


def test_exact_lp_reports_a_certified_optimum_on_a_degenerate_lp():
    # max x1 + x2 s.t. x1 + x2 <= 1 (twice, degenerate), x1 - x2 = 0: optimum 1 at (1/2, 1/2)
    sol = exact_lp([1, 1], A_ub=[[1, 1], [2, 2]], b_ub=[1, 2], A_eq=[[1, -1]], b_eq=[0], hint=[0.5, 0.5, 0.0, 0.0])
    assert sol.status == "optimal" and sol.value == 1 and sol.x == (F(1, 2), F(1, 2))
    assert all(y >= 0 for y in sol.duals_ub)
    assert sol.duals_ub[0] + 2 * sol.duals_ub[1] == 1  # b^T y = value (b_eq = 0)


def test_float_game_with_payoffs_near_the_largest_float():
    big = 1.7e308
    A = [[big, -big], [-big, big / 2]]
    B = [[-big, big], [big / 2, -big]]
    game = Game.from_bimatrix(A, B)
    assert game.kind == "float"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning is a failure too
        ce = correlated_equilibrium(game, objective="Player 1")
    assert not ce.exact and all(math.isfinite(v) for v in ce.payoffs.values())
    # the same game divided by 2**1023 (exact: a power of two) has the same optimal distributions
    small = Game.from_bimatrix([[v / 2**1023 for v in r] for r in A], [[v / 2**1023 for v in r] for r in B])
    ref = correlated_equilibrium(small, objective="Player 1")
    assert abs(ce.objective_value / 2**1023 - ref.objective_value) <= 1e-9
    assert ce.optimal_certified and max(ce.violation.values()) <= ce.tol
    # total payoff: every profile's total is finite here (the game is zero-sum up to halves)
    tot = correlated_equilibrium(game)
    assert math.isfinite(tot.objective_value) and math.isfinite(tot.dual_bound)


def test_float_total_beyond_the_largest_float_is_an_input_error():
    big = 1.7e308
    game = Game.from_bimatrix([[big, big], [big, big]], [[big, big], [big, big]])
    with pytest.raises(InputError, match="largest float"):
        correlated_equilibrium(game)
