"""Bayesian normal-form games: textbook answers derived by hand, a brute force, the type-agent form, bad inputs."""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction as F

import pytest

from gametheory import InputError, UnsupportedGameError
from gametheory.bayesian.game import BayesianGame
from gametheory.bayesian.harsanyi import agent_name, solve_bayesian, type_agent_form
from gametheory.errors import CostLimitError, LabelError

# Osborne (2004), ch. 9, the "variant of BoS": player 1 does not know whether player 2 wishes to meet her
# (payoffs of BoS) or to avoid her; each with probability 1/2.  Player 1: one type.
MEET = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
AVOID = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}


def bos(p_meet=F(1, 2)):
    payoffs = {**{(("-", "meet"), a): v for a, v in MEET.items()},
               **{(("-", "avoid"), a): v for a, v in AVOID.items()}}
    return BayesianGame(["1", "2"], {"1": ["-"], "2": ["meet", "avoid"]}, {"1": ["B", "S"], "2": ["B", "S"]},
                        {"2": {"meet": p_meet, "avoid": 1 - p_meet}}, payoffs, title="Bayesian BoS")


def strategies_of(eq):
    """``{player: {type: action}}`` of a pure equilibrium."""
    return {p: {t: next(a for a, q in mix.items() if q == 1) for t, mix in row.items()}
            for p, row in eq.strategies.items()}


def brute_force_pure(players, types, actions, prior, u):
    """Every pure Bayesian equilibrium, by checking each type's deviations directly (no gametheory code).

    ``prior``: {type tuple: Fraction}; ``u(t, a)``: payoffs tuple.  Returns a set of tuples of
    (player, ((type, action), ...)) in player order.
    """
    n = len(players)
    marg = [{ti: sum(q for t, q in prior.items() if t[i] == ti) for ti in types[i]} for i in range(n)]
    plans = [list(itertools.product(actions[i], repeat=len(types[i]))) for i in range(n)]
    found = set()
    for combo in itertools.product(*plans):
        s = [dict(zip(types[i], combo[i])) for i in range(n)]
        ok = True
        for i in range(n):
            for ti in types[i]:
                if marg[i][ti] == 0:
                    continue

                def value(ai, i=i, ti=ti, s=s):
                    total = F(0)
                    for t, q in prior.items():
                        if t[i] != ti or q == 0:
                            continue
                        a = tuple(ai if j == i else s[j][t[j]] for j in range(n))
                        total += q * u(t, a)[i]
                    return total

                if max(value(ai) for ai in actions[i]) > value(s[i][ti]):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            found.add(tuple((players[i], tuple((ti, s[i][ti]) for ti in types[i] if marg[i][ti] > 0))
                            for i in range(n)))
    return found


def as_key(eq, bgame):
    pure = strategies_of(eq)
    return tuple((p, tuple((t, pure[p][t]) for t in bgame.types(p) if t in pure[p])) for p in bgame.players)


# ----------------------------------------------------------------------------- Osborne's Bayesian BoS
def test_bos_pure_equilibrium_is_osbornes():
    # By hand (Osborne 2004, ch. 9): type "meet" best-responds to 1's action by matching it, type "avoid" by
    # mismatching it.  If 1 plays B: meet -> B, avoid -> S; 1 then gets 1/2*2 + 1/2*0 = 1 from B and
    # 1/2*0 + 1/2*1 = 1/2 from S, so B is a best response: (B, (B, S)) is an equilibrium.  If 1 plays S:
    # meet -> S, avoid -> B; 1 gets 1/2*0 + 1/2*2 = 1 from B > 1/2 from S: no equilibrium.  So it is unique.
    result = solve_bayesian(bos(), method="pure")
    assert [strategies_of(eq) for eq in result] == [{"1": {"-": "B"}, "2": {"meet": "B", "avoid": "S"}}]
    eq = result[0]
    assert eq.payoffs == {"1": {"-": F(1)}, "2": {"meet": F(1), "avoid": F(2)}}
    assert eq.ex_ante == {"1": F(1), "2": F(3, 2)}
    assert eq.max_regret == 0


def test_bos_all_equilibria_by_hand():
    # Mixed equilibria, by indifference.  Write x = Pr(1 plays B).  Type meet is indifferent when x = 2(1-x),
    # x = 2/3; type avoid when 1-x = 2x (B gives 1 against S, S gives 2 against B), x = 1/3.
    # x = 2/3: avoid strictly prefers S (2*2/3 = 4/3 > 1/3); meet mixes B with prob y; 1 indifferent:
    #   B gives 1/2*2y + 0 = y, S gives 1/2*(1-y) + 1/2*1 = 1 - y/2, so y = 2/3.
    # x = 1/3: meet strictly prefers S (2*2/3 > 1/3); avoid mixes B with prob z; 1 indifferent:
    #   B gives 1/2*0 + 1/2*2z = z, S gives 1/2*1 + 1/2*(1-z) = 1 - z/2, so z = 2/3.
    # With x in {0, 1} the pure analysis applies, and at 0 < x < 1 other than 1/3, 2/3 both types are pure and
    # 1 is not indifferent.  So three equilibria.
    result = solve_bayesian(bos(), method="enumpoly")
    assert result.complete and result.exact
    got = {(eq.strategies["1"]["-"]["B"], eq.strategies["2"]["meet"]["B"], eq.strategies["2"]["avoid"]["B"])
           for eq in result}
    assert got == {(F(1), F(1), F(0)), (F(2, 3), F(2, 3), F(0)), (F(1, 3), F(0), F(2, 3))}
    assert all(r == 0 for eq in result for row in eq.regret.values() for r in row.values())


def test_bos_type_agent_form_by_hand():
    g = type_agent_form(bos())
    assert g.players == ("1 (-)", "2 (meet)", "2 (avoid)")
    assert g.strategies == (("B", "S"),) * 3
    # agent 1 (-) at (B; meet B, avoid S): 1/2*2 + 1/2*0 = 1; agent 2 (avoid) gets its own payoff 2 (conditional)
    assert g.payoff({"1 (-)": "B", "2 (meet)": "B", "2 (avoid)": "S"}) == {
        "1 (-)": F(1), "2 (meet)": F(1), "2 (avoid)": F(2)}
    # agent 1 (-) at (S; meet B, avoid B): 1/2*0 + 1/2*0 = 0; avoid at (S, B) gets 1
    assert g.payoff({"1 (-)": "S", "2 (meet)": "B", "2 (avoid)": "B"}) == {
        "1 (-)": F(0), "2 (meet)": F(0), "2 (avoid)": F(1)}


def test_bos_against_brute_force_at_several_priors():
    for p in (F(1, 2), F(1, 5), F(9, 10)):
        g = bos(p)
        prior = {t: g.prior(t) for t in g.type_profiles()}

        def u(t, a):
            return (MEET if t[1] == "meet" else AVOID)[a]

        expected = brute_force_pure(("1", "2"), (("-",), ("meet", "avoid")), (("B", "S"),) * 2, prior, u)
        assert {as_key(eq, g) for eq in solve_bayesian(g, method="pure")} == expected
    # and by hand at p = 1/5: against (B, S) player 1 gets 2/5 from B < 4/5 from S, against (S, B) 8/5 from B
    # > 1/5 from S: no pure equilibrium
    assert len(solve_bayesian(bos(F(1, 5)), method="pure")) == 0


# ----------------------------------------------------------------------------- Gibbons' Bayesian Cournot
def cournot(a, c, c_high, c_low, theta, grid):
    """Gibbons (1992) §3.1.A: P = a - q1 - q2; firm 1 cost c (known); firm 2 cost c_high (prob theta) or c_low."""
    def profit(t, q):
        q1, q2 = F(q[0]), F(q[1])
        price = a - q1 - q2
        return (q1 * (price - c), q2 * (price - (c_high if t[1] == "high" else c_low)))

    labels = [str(q) for q in grid]
    g = BayesianGame.from_function(
        ["Firm 1", "Firm 2"], {"Firm 1": ["only"], "Firm 2": ["high", "low"]},
        {"Firm 1": labels, "Firm 2": labels}, {"Firm 2": {"high": theta, "low": 1 - theta}},
        lambda t, q: profit((t["Firm 1"], t["Firm 2"]), (q["Firm 1"], q["Firm 2"])), title="Bayesian Cournot")
    return g, profit


def test_cournot_gibbons_closed_form():
    a, c, ch, cl, theta = 10, 1, 2, 0, F(1, 2)
    # Gibbons (1992) (3.1.3)-(3.1.5): q2*(c_H) = (a - 2c_H + c)/3 + (1-theta)(c_H - c_L)/6,
    # q2*(c_L) = (a - 2c_L + c)/3 - theta(c_H - c_L)/6, q1* = (a - 2c + theta c_H + (1-theta) c_L)/3.
    q2h = F(a - 2 * ch + c, 3) + (1 - theta) * (ch - cl) / 6
    q2l = F(a - 2 * cl + c, 3) - theta * (ch - cl) / 6
    q1 = (a - 2 * c + theta * ch + (1 - theta) * cl) / 3
    assert (q1, q2h, q2l) == (3, F(5, 2), F(7, 2))
    grid = [F(k, 2) for k in range(0, 11)]  # 0, 1/2, ..., 5 contains the answer
    g, _ = cournot(a, c, ch, cl, theta, grid)
    result = solve_bayesian(g, method="pure")
    found = [strategies_of(eq) for eq in result]
    answer = {"Firm 1": {"only": str(q1)}, "Firm 2": {"high": str(q2h), "low": str(q2l)}}
    assert answer in found
    # the grid adds equilibria only where a continuous best response falls between grid points: each profit is a
    # concave parabola in the own quantity, so on a grid of step 1/2 a best response is within 1/4 of the
    # continuous one, q1 = (a - c - E q2)/2 and q2(t) = (a - c_t - q1)/2
    for s in found:
        x1, xh, xl = F(s["Firm 1"]["only"]), F(s["Firm 2"]["high"]), F(s["Firm 2"]["low"])
        assert abs(x1 - (a - c - theta * xh - (1 - theta) * xl) / 2) <= F(1, 4)
        assert abs(xh - F(a - ch - x1, 2)) <= F(1, 4) and abs(xl - F(a - cl - x1, 2)) <= F(1, 4)
    result = [eq for eq, s in zip(result, found) if s == answer]
    eq = result[0]
    # firm 2's interim profit = q2^2 at its best response (Gibbons: pi = (q)^2 for linear Cournot)
    assert eq.payoffs["Firm 2"] == {"high": q2h ** 2, "low": q2l ** 2}
    assert eq.payoffs["Firm 1"] == {"only": q1 ** 2}


def test_cournot_against_brute_force():
    grid = [0, 1, 2, 3, 4]
    g, profit = cournot(8, 1, 3, 1, F(1, 3), grid)
    prior = {t: g.prior(t) for t in g.type_profiles()}
    labels = tuple(str(q) for q in grid)
    expected = brute_force_pure(("Firm 1", "Firm 2"), (("only",), ("high", "low")), (labels, labels), prior,
                                lambda t, a: profit(t, (F(a[0]), F(a[1]))))
    assert expected  # the brute force finds something to compare
    assert {as_key(eq, g) for eq in solve_bayesian(g, method="pure")} == expected


# ----------------------------------------------------------------------------- random games vs brute force
@pytest.mark.parametrize("seed", range(12))
def test_random_games_against_brute_force(seed):
    rng = random.Random(seed)
    n = rng.choice([2, 2, 3])
    players = tuple(f"P{i + 1}" for i in range(n))
    types = tuple(tuple(f"t{k}" for k in range(rng.choice([1, 2]))) for _ in range(n))
    actions = tuple(tuple("xyz"[:rng.choice([2, 3]) if n == 2 else 2]) for _ in range(n))
    profiles = list(itertools.product(*types))
    weights = [rng.choice([0, 1, 2, 3]) for _ in profiles]
    if sum(weights) == 0:
        weights[0] = 1
    prior = {t: F(w, sum(weights)) for t, w in zip(profiles, weights)}
    table = {(t, a): tuple(rng.randint(-3, 3) for _ in range(n))
             for t in profiles if prior[t] > 0 for a in itertools.product(*actions)}
    g = BayesianGame(players, dict(zip(players, types)), dict(zip(players, actions)),
                     {t: q for t, q in prior.items() if q > 0}, table)
    expected = brute_force_pure(players, types, actions, prior, lambda t, a: table[(t, a)])
    result = solve_bayesian(g, method="pure")
    assert {as_key(eq, g) for eq in result} == expected
    # enumpoly's pure equilibria are among the brute force's (it may list fewer: an equilibrium inside a
    # continuum need not be an extreme point), and every equilibrium it gives passes its certificate
    if len(type_agent_form(g).players) <= 4:
        full = solve_bayesian(g, method="enumpoly")
        assert {as_key(eq, g) for eq in full if eq.is_pure} <= expected
        assert all(eq.max_regret <= full.tol for eq in full)


# ----------------------------------------------------------------------------- correlated prior, zero types
def test_correlated_prior_and_zero_probability_type():
    # Types perfectly correlated: ("a", "a") and ("b", "b"), each 1/2; type "c" of player 1 has probability 0.
    payoffs = {}
    for t in (("a", "a"), ("b", "b")):
        for x, y in itertools.product("LR", "LR"):
            match = 1 if (x == y) == (t[0] == "a") else 0
            payoffs[(t, (x, y))] = (match, match)
    g = BayesianGame(["1", "2"], {"1": ["a", "b", "c"], "2": ["a", "b"]}, {"1": ["L", "R"], "2": ["L", "R"]},
                     {("a", "a"): "1/2", ("b", "b"): "1/2"}, payoffs)
    assert g.positive_types("1") == ("a", "b")
    assert type_agent_form(g).players == ("1 (a)", "1 (b)", "2 (a)", "2 (b)")
    result = solve_bayesian(g, method="pure")
    # each state is known to both: coordinate (match) in state a, mismatch in state b: 2 x 2 pure equilibria
    assert len(result) == 4
    assert all("c" not in eq.strategies["1"] for eq in result)
    assert any("probability 0" in d for d in result.diagnostics)
    with pytest.raises(InputError, match="prior 0 and no payoffs"):
        g.state_game(("c", "a"))


# ----------------------------------------------------------------------------- results
def test_json_is_strict_and_labelled():
    doc = solve_bayesian(bos(), method="enumpoly").to_json()
    text = json.dumps(doc, allow_nan=False)
    assert json.loads(text) == doc
    assert doc["game"]["types"] == {"1": ["-"], "2": ["meet", "avoid"]}
    assert {"strategies", "payoffs", "ex_ante", "regret"} <= set(doc["equilibria"][0])
    assert doc["equilibria"][0]["strategies"]["2"]["meet"]["B"] in ("1", "2/3", "0")
    assert "type-agent form" in str(solve_bayesian(bos(), method="pure"))


def test_float_game_and_other_methods():
    payoffs = {**{(("-", "meet"), a): tuple(float(x) for x in v) for a, v in MEET.items()},
               **{(("-", "avoid"), a): tuple(float(x) for x in v) for a, v in AVOID.items()}}
    g = BayesianGame(["1", "2"], {"1": ["-"], "2": ["meet", "avoid"]}, {"1": ["B", "S"], "2": ["B", "S"]},
                     {"2": {"meet": "1/2", "avoid": "1/2"}}, payoffs)
    assert g.kind == "float"
    for method in ("gnm", "logit", "auto"):
        result = solve_bayesian(g, method=method)
        assert len(result) >= 1 and all(eq.max_regret <= result.tol for eq in result)


def test_symbolic_prior_substitutes():
    import sympy

    p = sympy.Symbol("p", real=True)
    g = bos(p)
    assert g.kind == "symbolic" and g.parameters == (p,)
    with pytest.raises(UnsupportedGameError):
        solve_bayesian(g)
    assert g.substitute({"p": "1/2"}) == bos()
    assert type_agent_form(g).kind == "symbolic"


# ----------------------------------------------------------------------------- bad inputs
def test_prior_not_summing_to_one():
    with pytest.raises(InputError, match="sums to 9/10"):
        bos(F(1, 2)).__class__(["1", "2"], {"1": ["-"], "2": ["m", "a"]}, {"1": ["B"], "2": ["B"]},
                               {"2": {"m": "1/2", "a": "2/5"}}, {})
    with pytest.raises(InputError, match="sums to 3/2"):
        BayesianGame(["1"], {"1": ["a", "b"]}, {"1": ["x"]}, {("a",): 1, ("b",): "1/2"}, {})


def test_bad_priors_and_payoffs():
    types, actions = {"1": ["a", "b"]}, {"1": ["x"]}
    with pytest.raises(InputError, match="negative"):
        BayesianGame(["1"], types, actions, {("a",): 2, ("b",): -1}, {})
    with pytest.raises(InputError, match="exact"):
        BayesianGame(["1"], types, actions, {("a",): 0.5, ("b",): 0.5}, {})
    with pytest.raises(InputError, match=r"no payoffs for the type profile \['b'\]"):
        BayesianGame(["1"], types, actions, {("a",): "1/2", ("b",): "1/2"}, {(("a",), ("x",)): (1,)})
    with pytest.raises(LabelError, match="unknown type"):
        BayesianGame(["1"], types, actions, {"1": {"c": 1}}, {})
    with pytest.raises(InputError, match="missing payoffs"):
        BayesianGame(["1", "2"], {"1": ["a"], "2": ["b"]}, {"1": ["x", "y"], "2": ["z"]}, {("a", "b"): 1},
                     {(("a", "b"), ("x", "z")): (1, 2)})
    with pytest.raises(InputError, match="correlated"):
        solve_bayesian(bos(), method="correlated")


def test_cost_limit_before_building():
    with pytest.raises(CostLimitError):
        type_agent_form(bos(), max_cost=10)


def test_agent_name():
    assert agent_name("Serbia", "tough") == "Serbia (tough)"
