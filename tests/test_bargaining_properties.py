"""Axioms of the bargaining solutions as hypothesis properties, and the hull against SciPy's Qhull."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.spatial import ConvexHull, QhullError

from gametheory.bargaining import BargainingProblem, kalai_smorodinsky, nash, utilitarian
from gametheory.bargaining.hull import convex_hull
from gametheory.bargaining.rubinstein import rubinstein

coords = st.integers(-6, 6)
points = st.lists(st.tuples(coords, coords), min_size=1, max_size=7)


@st.composite
def problems(draw):
    """Outcomes including the status quo (0, 0) and at least one outcome better for both."""
    pts = draw(points)
    good = draw(st.tuples(st.integers(1, 6), st.integers(1, 6)))
    outcomes = {f"o{k}": p for k, p in enumerate(pts + [good])}
    outcomes["status quo"] = (0, 0)
    return outcomes


def make(outcomes, transform=lambda p: p):
    return BargainingProblem.from_outcomes({k: transform(v) for k, v in outcomes.items()}, "status quo")


def dominated_by_hull(outcomes, u):
    """max q1 + q2 over the hull with q >= u, by an LP over lottery weights (independent of our hull)."""
    P = np.array(list(outcomes.values()), dtype=float)
    n = len(P)
    res = linprog(-(P[:, 0] + P[:, 1]), A_ub=-P.T, b_ub=-np.array([float(x) for x in u]),
                  A_eq=[np.ones(n)], b_eq=[1.0], bounds=[(0, None)] * n, method="highs")
    return -res.fun - float(u[0] + u[1])


@settings(max_examples=60, deadline=None)
@given(problems(), st.fractions(F(1, 4), 4), st.fractions(F(1, 4), 4), st.fractions(-3, 3), st.fractions(-3, 3))
def test_scale_invariance_of_nash_and_ks(outcomes, a1, a2, b1, b2):
    def T(p):
        return (a1 * p[0] + b1, a2 * p[1] + b2)

    base, moved = make(outcomes), make(outcomes, T)
    assert moved.disagreement == T(base.disagreement)
    for solver in (nash, kalai_smorodinsky):
        assert solver(moved).utilities == T(solver(base).utilities)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_symmetric_problems_get_symmetric_solutions(outcomes):
    sym = dict(outcomes)
    sym.update({f"{k} swapped": (v[1], v[0]) for k, v in outcomes.items()})
    p = make(sym)
    for solver in (nash, kalai_smorodinsky):
        u = solver(p).utilities
        assert u[0] == u[1]


@pytest.mark.oracle
@settings(max_examples=60, deadline=None)
@given(problems())
def test_solutions_are_pareto_efficient_and_individually_rational(outcomes):
    p = make(outcomes)
    for solver in (nash, kalai_smorodinsky, utilitarian):
        sol = solver(p)
        assert sol.axioms["pareto_efficient"] and sol.axioms["individually_rational"]
        assert dominated_by_hull(outcomes, sol.utilities) <= 1e-9
        assert all(u >= 0 for u in sol.utilities)
        # the agreement is a lottery over the outcomes that yields the utilities exactly
        lot = sol.agreement
        assert sum(lot.values()) == 1 and all(w >= 0 for w in lot.values())
        assert tuple(sum(w * outcomes[k][i] for k, w in lot.items()) for i in range(2)) == sol.utilities


@settings(max_examples=40, deadline=None)
@given(problems())
def test_nash_is_independent_of_irrelevant_alternatives(outcomes):
    p = make(outcomes)
    sol = nash(p)
    kept = {k: outcomes[k] for k in sol.agreement}
    kept["status quo"] = (0, 0)
    assume(all(u > 0 for u in sol.utilities))
    assert nash(make(kept)).utilities == sol.utilities


@settings(max_examples=40, deadline=None)
@given(problems(), st.sampled_from(["Player 1", "Player 2"]))
def test_rubinstein_tends_to_nash_and_satisfies_indifference(outcomes, first):
    p = make(outcomes)
    eps = F(1, 10**5)
    sol = rubinstein(p, deltas=(1 - eps, 1 - eps), first=first)
    target = nash(p).utilities
    scale = max(abs(x) for v in outcomes.values() for x in v)
    assert all(abs(u - t) <= 10 * eps * scale for u, t in zip(sol.utilities, target))
    # subgame perfection: the responder accepts (weakly prefers it to its own offer next round), and is
    # exactly indifferent unless the proposer already takes the end of the frontier
    k = p.players.index(first)
    own, other = sol.details["offers"][first], sol.details["offers"][p.players[1 - k]]
    assert own[1 - k] >= (1 - eps) * other[1 - k]
    end = p.rational_frontier.points[-1 if k == 0 else 0]
    if own != end:
        assert own[1 - k] == (1 - eps) * other[1 - k]
    assert other[k] == (1 - eps) * own[k]


@pytest.mark.oracle
@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(coords, coords), min_size=3, max_size=12))
def test_hull_matches_qhull(pts):
    arr = np.array(pts, dtype=float)
    try:
        ref = ConvexHull(arr)
    except QhullError:  # degenerate (collinear) input: Qhull refuses, nothing to compare
        assume(False)
    ours = {tuple(pts[k]) for k in convex_hull([tuple(map(F, p)) for p in pts])}
    assert ours == {tuple(int(x) for x in arr[k]) for k in ref.vertices}


@pytest.mark.parametrize("pts, expected", [
    pytest.param([(1, 1)], [(1, 1)], id="point"),
    pytest.param([(0, 0), (1, 1), (2, 2)], [(0, 0), (2, 2)], id="collinear"),
    pytest.param([(0, 0), (0, 0), (1, 0), (0, 1)], [(0, 0), (1, 0), (0, 1)], id="duplicate"),
])
def test_hull_degenerate(pts, expected):
    assert [pts[k] for k in convex_hull(pts)] == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(-9, 9), min_size=2, max_size=2), min_size=4, max_size=4),
       st.sampled_from(["nash", "ks", "egalitarian", "utilitarian", "rubinstein"]))
def test_float_games_agree_with_exact_ones(cells, method):
    from gametheory import Game
    from gametheory.bargaining import solve_bargaining

    A = [[cells[0][0], cells[1][0]], [cells[2][0], cells[3][0]]]
    B = [[cells[0][1], cells[1][1]], [cells[2][1], cells[3][1]]]
    low = (min(min(r) for r in A) - 1, min(min(r) for r in B) - 1)
    exact = BargainingProblem.from_game(Game.from_bimatrix(A, B), low, free_disposal=True)
    flt = BargainingProblem.from_game(Game.from_bimatrix(A, B).to_float(), low, free_disposal=True)
    se, sf = solve_bargaining(exact, method), solve_bargaining(flt, method)
    assert se.exact and not sf.exact
    assert [float(u) for u in se.utilities] == pytest.approx(list(sf.utilities), abs=1e-9 * 20)
    assert sf.axioms["individually_rational"]
    assert abs(sum(sf.agreement.values()) - 1) <= 1e-9
