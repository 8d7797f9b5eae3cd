"""Textbook bargaining cases, each worked by hand in the test."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from gametheory import Game
from gametheory.bargaining import BargainingProblem, egalitarian, kalai_smorodinsky, nash, utilitarian
from gametheory.bargaining.disagreement import threat_point
from gametheory.bargaining.rubinstein import rubinstein, rubinstein_finite
from gametheory.exact import matrix_game_value
from gametheory.solvers.security import security_levels

DOLLAR = BargainingProblem.from_outcomes({"all to 1": (1, 0), "all to 2": (0, 1), "no deal": (0, 0)}, "no deal")


def test_splitting_a_dollar_symmetric():
    # maximise u(1 - u): u = 1/2
    for solver in (nash, kalai_smorodinsky, egalitarian):
        sol = solver(DOLLAR)
        assert sol.utilities == (F(1, 2), F(1, 2))
        assert sol.agreement == {"all to 1": F(1, 2), "all to 2": F(1, 2)}
    util = utilitarian(DOLLAR)
    assert util.utilities[0] + util.utilities[1] == 1 and len(util.details["ties"]) == 2


@pytest.mark.parametrize("alpha", [F(1, 10), F(1, 3), F(1, 2), F(3, 4), F(9, 10)], ids=lambda a: f"alpha={a}")
def test_splitting_a_dollar_asymmetric(alpha):
    # maximise u^a (1-u)^(1-a): a/u = (1-a)/(1-u), so u = a
    sol = nash(DOLLAR, weights=(alpha, 1 - alpha))
    assert sol.utilities == (alpha, 1 - alpha)


CLOSED_FORM = [
    pytest.param(F(1, 2), F(1, 2), id="half-half"),
    pytest.param(F(9, 10), F(9, 10), id="0.9-0.9"),
    pytest.param(F(9, 10), F(1, 2), id="patient-1"),
    pytest.param(F(1, 3), F(99, 100), id="patient-2"),
]


@pytest.mark.parametrize("d1, d2", CLOSED_FORM)
def test_rubinstein_closed_form(d1, d2):
    # Rubinstein (1982): the first proposer gets (1 - d_resp)/(1 - d1 d2)
    first = rubinstein(DOLLAR, deltas=(d1, d2), first="Player 1")
    assert first.utilities == ((1 - d2) / (1 - d1 * d2), 1 - (1 - d2) / (1 - d1 * d2))
    second = rubinstein(DOLLAR, deltas=(d1, d2), first="Player 2")
    assert second.utilities[1] == (1 - d1) / (1 - d1 * d2)


def test_rubinstein_finite_horizon_backward_induction():
    # T = 1: ultimatum, proposer takes all.  T = 2: 1 offers 2 exactly d2 (2's ultimatum next round).
    d = (F(1, 2), F(3, 4))
    assert rubinstein_finite(DOLLAR, d, 1)[0] == ("Player 1", (1, 0))
    two = rubinstein_finite(DOLLAR, d, 2)
    assert two[0] == ("Player 1", (F(1, 4), F(3, 4))) and two[1] == ("Player 2", (0, 1))
    # long horizon converges to the infinite-horizon split (1 - d2)/(1 - d1 d2) = 2/5
    long = rubinstein_finite(DOLLAR, d, 60)[0][1]
    assert abs(long[0] - F(2, 5)) < F(1, 10**6)


def test_nash_and_ks_differ_on_an_asymmetric_set():
    # hull of (0,0), (2,0), (1,1), (0,1): strong frontier (1,1)-(2,0) on u1 + u2 = 2.
    # Nash: max u1 (2 - u1) at u1 = 1 -> (1, 1).  Ideal point (2, 1); KS: t(2, 1) on u1 + u2 = 2 -> t = 2/3.
    p = BargainingProblem.from_outcomes({"o": (0, 0), "a": (2, 0), "b": (1, 1), "c": (0, 1)}, "o")
    assert nash(p).utilities == (1, 1)
    ks = kalai_smorodinsky(p)
    assert ks.details["ideal_point"] == (2, 1)
    assert ks.utilities == (F(4, 3), F(2, 3))
    # egalitarian: max t with (t, t) feasible: the weakly efficient edge u2 = 1 caps t at 1
    assert egalitarian(p).utilities == (1, 1)


def test_concave_frontier_function():
    # u2 = 1 - u1^2, d = 0.  Nash: d/du [u (1 - u^2)] = 0 -> u = 1/sqrt(3), u2 = 2/3.
    # KS: ideal (1, 1), so u1 = u2: u = 1 - u^2 -> u = (sqrt(5) - 1)/2.
    p = BargainingProblem.from_frontier(lambda u: 1 - u * u, 0, 1, (0, 0))
    n = nash(p)
    assert n.utilities == pytest.approx((1 / math.sqrt(3), 2 / 3), abs=1e-7)
    assert n.agreement is None and n.axioms["pareto_efficient"]
    g = (math.sqrt(5) - 1) / 2
    assert kalai_smorodinsky(p).utilities == pytest.approx((g, g), abs=1e-9)
    assert egalitarian(p).utilities == pytest.approx((g, g), abs=1e-9)
    # utilitarian: 1 - 2u = 0 -> u = 1/2, total 5/4
    assert utilitarian(p).utilities == pytest.approx((0.5, 0.75), abs=1e-6)
    # Rubinstein with delta -> 1 approaches Nash on a curved frontier too
    r = rubinstein(p, deltas=(0.9999, 0.9999))
    assert r.utilities == pytest.approx(n.utilities, abs=1e-3)


# A transferable-utility game: the frontier is u1 + u2 = 4 from (0, 4) to (4, 0).
TU = Game.from_bimatrix([[2, 0], [-1, 4]], [[2, 4], [-2, 0]], players=["Row", "Col"],
                        strategies=[["T", "B"], ["L", "R"]])


def test_threat_point_by_hand():
    # Threat game A - B = [[0, -4], [1, 4]]: B dominates T for Row; Col then picks L: saddle (B, L), value 1.
    # Threat point d = payoffs of (B, L) = (-1, -2); the Nash solution on u1 + u2 = 4 from d:
    # u1 = (4 + d1 - d2)/2 = 5/2, u2 = 3/2.
    p = BargainingProblem.from_game(TU, "threat")
    assert p.disagreement == (-1, -2)
    assert nash(p).utilities == (F(5, 2), F(3, 2))
    d, (s1, s2) = threat_point(TU, p.frontier)
    assert tuple(s1) == (0, 1) and tuple(s2) == (1, 0)


def test_threat_point_is_a_saddle_of_the_threat_game():
    # Nash (1953): neither player can improve his bargaining outcome by changing his threat.
    game = Game.from_bimatrix([[3, -2, 1], [0, 2, -1]], [[1, 0, 2], [3, -1, 1]])
    p = BargainingProblem.from_game(game, "threat")
    star = nash(p).utilities[0]
    _, (s1, s2) = threat_point(game, p.frontier)
    A, B = game.bimatrix()

    def outcome(d):  # a Pareto-efficient threat point is its own bargaining outcome
        return d[0] if p.is_pareto_efficient(d) else nash(p.with_disagreement(d)).utilities[0]

    for i in range(2):
        d = (sum(A[i, j] * s2[j] for j in range(3)), sum(B[i, j] * s2[j] for j in range(3)))
        assert outcome(d) <= star
    for j in range(3):
        d = (sum(s1[i] * A[i, j] for i in range(2)), sum(s1[i] * B[i, j] for i in range(2)))
        assert outcome(d) >= star


def test_security_levels_by_hand():
    # Row: 2p - (1 - p) = 4(1 - p) -> p = 5/7, value 8/7.  Col: R dominates L for Col; Row answers B: 0.
    row, col = security_levels(TU).values()
    assert (row.mixed_value, col.mixed_value) == (F(8, 7), 0) and row.certified and col.certified
    assert dict(row.mixed_strategy) == {"T": F(5, 7), "B": F(2, 7)} and dict(col.mixed_strategy) == {"R": 1}
    p = BargainingProblem.from_game(TU, "maximin")
    assert p.disagreement == (F(8, 7), 0)
    f1, f2 = (lv.mixed_value for lv in security_levels(TU.to_float()).values())
    assert (f1, f2) == pytest.approx((8 / 7, 0), abs=1e-9 * 4)


@pytest.mark.oracle
@pytest.mark.parametrize("seed", range(8))
def test_matrix_game_value_matches_linprog(seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(-5, 6, size=(int(rng.integers(1, 5)), int(rng.integers(1, 5))))
    sol = matrix_game_value(A.tolist())
    v, p, q = sol.value, sol.row, sol.column
    m, n = A.shape
    res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-A.T, np.ones(n)], b_ub=np.zeros(n),
                  A_eq=[np.r_[np.ones(m), 0.0]], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)], method="highs")
    assert float(v) == pytest.approx(-res.fun, abs=1e-9 * max(1, np.abs(A).max()))
    assert min(sum(p[i] * int(A[i, j]) for i in range(m)) for j in range(n)) == v
    assert max(sum(int(A[i, j]) * q[j] for j in range(n)) for i in range(m)) == v


def test_egalitarian_capped_by_a_weakly_efficient_edge_under_free_disposal():
    # frontier (1,5)-(3,0); from d = (0,-4) equal gains t reach u1 = 3 at t = 3 before the frontier:
    # (3, -1) is only weakly efficient (dominated by (3, 0), which outcome c gives).
    p = BargainingProblem.from_outcomes({"a": (0, 5), "b": (1, 5), "c": (3, 0), "z": (1, 1)}, (0, -4),
                                        free_disposal=True)
    sol = egalitarian(p)
    assert sol.utilities == (3, -1) and sol.agreement == {"c": 1}
    assert not sol.axioms["pareto_efficient"] and sol.axioms["individually_rational"]
