"""The CFE-for-missile-defense bargain (models/cfe_md_bargaining.toml), re-derived here with sympy.

Every expected number is computed in this file from the definitions
u_R = v_nomd*x - c_cfe*y, u_US = v_cfe*y - v_md*x on the unit square, not
copied from the library's output.
"""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import linprog

from gametheory.bargaining import BargainingProblem, kalai_smorodinsky, nash
from gametheory.bargaining.rubinstein import rubinstein
from gametheory.errors import InputError

vn, c, vc, vm = sp.symbols("v_nomd c_cfe v_cfe v_md", positive=True)
x, y, a, b = sp.symbols("x y a b", real=True)
DEFAULTS = {vn: 4, c: 1, vc: 3, vm: 2}
U_R = vn * x - c * y
U_US = vc * y - vm * x


def problem(values=DEFAULTS, **kw):
    v = {s: F(int(val)) for s, val in values.items()}
    issues = {"MD abandonment": {"Russia": v[vn], "US": -v[vm]}, "CFE compliance": {"Russia": -v[c], "US": v[vc]}}
    return BargainingProblem.from_issues(issues, players=("Russia", "US"), **kw)


def frac(e):
    e = sp.nsimplify(e)
    assert e.is_Rational, e
    return F(int(e.p), int(e.q))


def edges():
    """The two frontier edges of the square's image, as (fixed share, free share)."""
    return [({y: 1}, x), ({x: 1}, y)]


def nash_by_hand(d=(0, 0), values=DEFAULTS):
    """Maximise (u_R - d_R)(u_US - d_US) on each frontier edge, clamp to [0, 1], keep the best."""
    best = None
    for fixed, free in edges():
        prod = ((U_R - d[0]) * (U_US - d[1])).subs(fixed).subs(values)
        crit = [r for r in sp.solve(sp.diff(prod, free), free) if 0 <= r <= 1]
        for t in crit + [0, 1]:
            pt = {**fixed, free: t}
            uR, uUS = U_R.subs(pt).subs(values), U_US.subs(pt).subs(values)
            if uR >= d[0] and uUS >= d[1]:
                val = (uR - d[0]) * (uUS - d[1])
                if best is None or val > best[0]:
                    best = (val, pt, (uR, uUS))
    return best


def test_feasible_set_is_the_parallelogram_of_the_four_outcomes():
    corners = {(U_R.subs({x: i, y: j}).subs(DEFAULTS), U_US.subs({x: i, y: j}).subs(DEFAULTS)) for i in (0, 1) for j in (0, 1)}
    p = problem()
    assert {tuple(v) for v in p.polygon} == {(frac(u), frac(w)) for u, w in corners}
    # frontier: the y = 1 edge (u_R + 2 u_US = 5) then the x = 1 edge
    assert all(u + 2 * w == 5 for u, w in p.frontier.points[:2])


def test_nash_solution_x_7_8():
    val, pt, u = nash_by_hand()
    x_star = sp.solve(sp.diff((U_R * U_US).subs(y, 1), x), x)[0]
    assert sp.simplify(x_star - (c / (2 * vn) + vc / (2 * vm))) == 0  # the closed form derived by hand
    assert pt[y] == 1 and pt[x] == sp.Rational(7, 8)
    sol = nash(problem())
    assert sol.utilities == (frac(u[0]), frac(u[1])) == (F(5, 2), F(5, 4))
    assert sol.agreement["MD abandonment"] == frac(pt[x]) and sol.agreement["CFE compliance"] == 1
    assert sol.details["nash_product"] == frac(val) == F(25, 8)
    assert sol.axioms["pareto_efficient"] and sol.axioms["individually_rational"]


def ideal_by_lp(player):
    """Max u_player over the square subject to the other's u >= 0 (scipy LP, independent of our hull)."""
    vals = {k: float(v) for k, v in DEFAULTS.items()}
    uR = np.array([vals[vn], -vals[c]])
    uUS = np.array([-vals[vm], vals[vc]])
    obj, other = (uR, uUS) if player == 0 else (uUS, uR)
    res = linprog(-obj, A_ub=[-other], b_ub=[0], bounds=[(0, 1), (0, 1)], method="highs")
    return -res.fun


@pytest.mark.oracle
def test_kalai_smorodinsky_2_3_2():
    ideal_R = sp.solve(U_US.subs(x, 1), y)[0]
    ideal = (U_R.subs({x: 1, y: ideal_R}), U_US.subs({y: 1, x: sp.solve(U_R.subs(y, 1), x)[0]}))
    ideal = tuple(sp.simplify(i.subs(DEFAULTS)) for i in ideal)
    assert ideal == (sp.Rational(10, 3), sp.Rational(5, 2))
    assert ideal_by_lp(0) == pytest.approx(10 / 3, rel=1e-9) and ideal_by_lp(1) == pytest.approx(5 / 2, rel=1e-9)
    xs = sp.solve(((U_R / ideal[0]) - (U_US / ideal[1])).subs(y, 1).subs(DEFAULTS), x)[0]
    assert xs == sp.Rational(3, 4)
    expected = (U_R.subs({x: xs, y: 1}).subs(DEFAULTS), U_US.subs({x: xs, y: 1}).subs(DEFAULTS))
    sol = kalai_smorodinsky(problem())
    assert sol.utilities == tuple(map(frac, expected)) == (F(2), F(3, 2))
    assert sol.details["ideal_point"] == (F(10, 3), F(5, 2))
    assert sol.agreement["MD abandonment"] == F(3, 4)


def rubinstein_russia_first(dR, dUS):
    """Russia offers a (its utility), the US offers b: f(a) = dUS f(b) and b = dR a, f the frontier.

    The frontier has two pieces (y = 1 for u_R <= 3, x = 1 beyond); try each piece for a and b and
    keep the solution that lies on the pieces assumed.
    """
    x_y1 = sp.solve(sp.Eq(a, U_R.subs(y, 1)), x)[0]
    y_x1 = sp.solve(sp.Eq(a, U_R.subs(x, 1)), y)[0]
    pieces = {
        "y=1": lambda u: U_US.subs({y: 1, x: x_y1.subs(a, u)}).subs(DEFAULTS),
        "x=1": lambda u: U_US.subs({x: 1, y: y_x1.subs(a, u)}).subs(DEFAULTS),
    }
    kink = U_R.subs({x: 1, y: 1}).subs(DEFAULTS)
    found = []
    for pa, fa in pieces.items():
        for pb, fb in pieces.items():
            for sol in sp.solve([sp.Eq(fa(a), dUS * fb(b)), sp.Eq(b, dR * a)], [a, b], dict=True):
                A, B = sol[a], sol[b]
                if (A <= kink) == (pa == "y=1") and (B <= kink) == (pb == "y=1") and A >= 0 and fa(A) >= 0:
                    found.append((A, fa(A)))
    assert len(set(found)) == 1, found
    return found[0]


def test_rubinstein_equal_patience_russia_first():
    d = sp.Rational(9, 10)
    uR, uUS = rubinstein_russia_first(d, d)
    # the closed form on the y = 1 edge, by hand: u_R = S_R (1 - d_US)/(1 - d_R d_US), S_R = 5
    assert uR == 5 * (1 - d) / (1 - d * d) == sp.Rational(50, 19)
    sol = rubinstein(problem(), deltas=("0.9", "0.9"), first="Russia")
    assert sol.utilities == (frac(uR), frac(uUS)) == (F(50, 19), F(45, 38))
    assert sol.agreement["MD abandonment"] == frac(sp.solve(sp.Eq(U_R.subs(y, 1).subs(DEFAULTS), uR), x)[0]) == F(69, 76)


def test_rubinstein_equal_patience_us_first():
    # US first: the US offers Russia r, Russia offers the US's point s; US indifferent at Russia's offer,
    # Russia indifferent at the US offer: r = d_R * s_R, f(s_R) = d_US * f(r)
    d = sp.Rational(9, 10)
    f = lambda u: U_US.subs({y: 1, x: (u + c) / vn}).subs(DEFAULTS)  # noqa: E731
    sol = sp.solve([sp.Eq(a, d * b), sp.Eq(f(b), d * f(a))], [a, b], dict=True)[0]
    expected = (sol[a], f(sol[a]))
    got = rubinstein(problem(), deltas=(F(9, 10), F(9, 10)), first="US")
    assert got.utilities == tuple(map(frac, expected)) == (F(45, 19), F(25, 19))


def test_rubinstein_kink_impatient_us():
    dR, dUS = sp.Rational(19, 20), sp.Rational(4, 5)
    # on the y = 1 edge alone the formula asks for x = 31/24 > 1: infeasible
    uR_edge = 5 * (1 - dUS) / (1 - dR * dUS)
    x_edge = sp.solve(sp.Eq(U_R.subs(y, 1).subs(DEFAULTS), uR_edge), x)[0]
    assert x_edge == sp.Rational(31, 24) > 1
    uR, uUS = rubinstein_russia_first(dR, dUS)
    y_star = sp.solve(sp.Eq(U_R.subs(x, 1).subs(DEFAULTS), uR), y)[0]
    assert (uR, uUS, y_star) == (sp.Rational(400, 131), sp.Rational(110, 131), sp.Rational(124, 131))
    sol = rubinstein(problem(), deltas=(F(19, 20), F(4, 5)), first="Russia")
    assert sol.utilities == (frac(uR), frac(uUS))
    assert sol.agreement == {"MD abandonment": 1, "CFE compliance": frac(y_star)}


def test_rubinstein_impatient_russia():
    dR, dUS = sp.Rational(4, 5), sp.Rational(19, 20)
    uR, uUS = rubinstein_russia_first(dR, dUS)
    assert (uR, uUS) == (sp.Rational(25, 24), sp.Rational(95, 48))
    sol = rubinstein(problem(), deltas=("0.8", "0.95"), first="Russia")
    assert sol.utilities == (frac(uR), frac(uUS))
    assert sol.agreement["MD abandonment"] == F(49, 96)


def test_threat_point_variant_moves_nash_to_the_full_swap():
    d = (1, -3)  # the spoiler's threat point, russia_spoiler_linkage's (Exclude, Spoil) as (Russia, US); below the set, so free disposal is needed
    with pytest.raises(InputError, match="outside the feasible set"):
        problem(disagreement=d)
    # interior critical points on both edges are infeasible (x = 7/4 on y = 1, y = 4/3 on x = 1)
    crit_x = sp.solve(sp.diff(((U_R - 1) * (U_US + 3)).subs(y, 1).subs(DEFAULTS), x), x)[0]
    crit_y = sp.solve(sp.diff(((U_R - 1) * (U_US + 3)).subs(x, 1).subs(DEFAULTS), y), y)[0]
    assert (crit_x, crit_y) == (sp.Rational(7, 4), sp.Rational(4, 3))
    _, pt, u = nash_by_hand(d)
    sol = nash(problem(disagreement=d, free_disposal=True))
    assert sol.utilities == tuple(map(frac, u)) == (F(3), F(1))
    assert sol.agreement == {"MD abandonment": 1, "CFE compliance": 1}


def test_limit_of_rubinstein_is_asymmetric_nash_with_rate_weights():
    from gametheory.bargaining.rubinstein import deltas_from_rates, rubinstein_limit

    rR, rUS = 3, 2  # Russia less patient: weight r_US/(r_R + r_US) = 2/5
    w = sp.Rational(rUS, rR + rUS)
    prod = (U_R.subs(y, 1) ** w * U_US.subs(y, 1) ** (1 - w)).subs(DEFAULTS)
    xs = sp.solve(sp.diff(sp.log(prod), x), x)[0]
    assert 0 <= xs <= 1
    expected = (U_R.subs({x: xs, y: 1}).subs(DEFAULTS), U_US.subs({x: xs, y: 1}).subs(DEFAULTS))
    lim = rubinstein_limit(problem(), (rR, rUS))
    assert lim.utilities == tuple(map(frac, expected))
    near = rubinstein(problem(), deltas=deltas_from_rates((rR, rUS), 1e-5))
    assert near.utilities == pytest.approx([float(e) for e in expected], abs=1e-4)
