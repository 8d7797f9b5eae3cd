"""Correlated equilibria: the polytope, the optimum, and its certificates.

Expectations: Aumann's game of chicken solved by hand; every Nash
equilibrium (from pygambit, or a brute-force pure search written here) is a
correlated equilibrium; the optimum's value agrees with a linear program
written independently in this file (loops over profiles, no shared code).
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import numpy as np
import pytest
from refs.gambit import enummixed
from scipy.optimize import linprog

from gametheory import CorrelatedResult, CostLimitError, Game, GameTheoryError, InputError, SolveResult, solve
from gametheory.cli import main
from gametheory.solvers.correlated import correlated_equilibrium, correlated_polytope

CHICKEN = Game.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]], players=["Row", "Col"],
                             strategies=[["C", "D"], ["C", "D"]])


def test_chicken_optimum_derived_by_hand():
    # p = (CC, CD, DC, DD).  Incentive constraints: Row told C: -1*p_CC + 2*p_CD >= 0; told D: p_DC - 2*p_DD >= 0;
    # Col likewise p_CC <= 2 p_DC, p_CD >= 2 p_DD.  Total payoff 12 p_CC + 9 (p_CD + p_DC) is maximal with p_DD = 0
    # and s = p_CD + p_DC: p_CC = 1 - s <= 2 min(p_CD, p_DC) <= s forces s >= 1/2, and 12 - 3s is maximal at
    # s = 1/2 with p_CD = p_DC = 1/4: the optimum (1/2, 1/4, 1/4, 0), total 21/2, unique.
    ce = correlated_equilibrium(CHICKEN)
    assert dict(ce.distribution) == {("C", "C"): F(1, 2), ("C", "D"): F(1, 4), ("D", "C"): F(1, 4)}
    assert ce.objective_value == F(21, 2)
    assert dict(ce.payoffs) == {"Row": F(21, 4), "Col": F(21, 4)}
    assert dict(ce.violation) == {"Row": 0, "Col": 0} and ce.exact and ce.optimal_certified


def product_distribution(game, vecs):
    return {prof: np.prod([vecs[i][game.strategies[i].index(s)] for i, s in enumerate(prof)])
            for prof in itertools.product(*game.strategies)}


@pytest.mark.oracle
def test_chicken_ce_beats_every_nash_equilibrium_and_each_nash_is_a_ce():
    poly = correlated_polytope(CHICKEN)
    nash = enummixed(CHICKEN)
    assert len(nash) == 3  # (C, D), (D, C) and the mixed (2/3 C, 2/3 C)
    totals = []
    for x, y in nash:
        dist = product_distribution(CHICKEN, [x, y])
        assert all(v == 0 for v in poly.violations(dist).values())
        totals.append(sum(q * (CHICKEN.payoff(dict(zip(CHICKEN.players, prof)))["Row"]
                               + CHICKEN.payoff(dict(zip(CHICKEN.players, prof)))["Col"]) for prof, q in dist.items()))
    assert max(totals) == F(28, 3)
    assert correlated_equilibrium(CHICKEN).objective_value > max(totals)


def test_one_players_objective():
    ce = correlated_equilibrium(CHICKEN, objective="Row")
    # Row's best payoff anywhere is 7 at (D, C), a pure Nash equilibrium, hence a correlated one
    assert ce.objective_value == 7 and dict(ce.distribution) == {("D", "C"): 1}


def test_polytope_description_is_labelled():
    poly = correlated_polytope(CHICKEN)
    assert poly.constraints == (("Row", "C", "D"), ("Row", "D", "C"), ("Col", "C", "D"), ("Col", "D", "C"))
    assert poly.profiles == (("C", "C"), ("C", "D"), ("D", "C"), ("D", "D"))
    # Row told C, deviating to D: (6 - 7) p_CC + (2 - 0) p_CD
    assert poly.matrix.tolist() == [[-1, 2, 0, 0], [0, 0, 1, -2], [-1, 0, 2, 0], [0, 1, 0, -2]]
    assert not poly.matrix.flags.writeable
    assert poly.violations({("D", "D"): 1}) == {"Row": 2, "Col": 2}


def independent_ce_optimum(payoffs: np.ndarray) -> float:
    """max total payoff over correlated equilibria, built with explicit loops."""
    shape = payoffs.shape[:-1]
    profiles = list(itertools.product(*[range(k) for k in shape]))
    col = {s: k for k, s in enumerate(profiles)}
    rows = []
    for i, ni in enumerate(shape):
        for a in range(ni):
            for b in range(ni):
                if a == b:
                    continue
                row = np.zeros(len(profiles))
                for s in profiles:
                    if s[i] == a:
                        t = list(s)
                        t[i] = b
                        row[col[s]] = payoffs[s + (i,)] - payoffs[tuple(t) + (i,)]
                rows.append(row)
    c = np.array([payoffs[s].sum() for s in profiles], dtype=float)
    res = linprog(-c, A_ub=-np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, len(profiles))), b_eq=[1],
                  bounds=[(0, None)] * len(profiles), method="highs")
    return -res.fun


@pytest.mark.oracle
@pytest.mark.parametrize("shape", [pytest.param((3, 3), id="3x3"), pytest.param((2, 2, 2), id="2x2x2"),
                                   pytest.param((2, 3, 2), id="2x3x2"), pytest.param((4,), id="one-player")])
@pytest.mark.parametrize("seed", range(4))
def test_random_games_exact_and_float_match_an_independent_lp(shape, seed):
    rng = np.random.default_rng(seed)
    pay = rng.integers(-4, 5, size=shape + (len(shape),))
    game = Game(pay.tolist())
    ce = correlated_equilibrium(game)
    assert ce.exact and all(v == 0 for v in ce.violation.values()) and ce.optimal_certified
    assert sum(ce.distribution.values()) == 1
    expected = independent_ce_optimum(pay.astype(float))
    assert abs(float(ce.objective_value) - expected) <= 1e-7 * max(1, np.abs(pay).max())
    flt = correlated_equilibrium(game.to_float())
    assert not flt.exact and abs(flt.objective_value - expected) <= 1e-7 * max(1, np.abs(pay).max())
    # every pure Nash equilibrium (brute force) is a correlated equilibrium, so none beats the optimum
    poly = correlated_polytope(game)
    for s in itertools.product(*[range(k) for k in shape]):
        is_nash = all(pay[s + (i,)] >= max(pay[s[:i] + (b,) + s[i + 1:] + (i,)] for b in range(shape[i]))
                      for i in range(len(shape)))
        if is_nash:
            prof = tuple(game.strategies[i][k] for i, k in enumerate(s))
            assert all(v == 0 for v in poly.violations({prof: 1}).values())
            assert pay[s].sum() <= ce.objective_value


# Chicken's incentive matrix by hand (columns CC, CD, DC, DD; see test_polytope_description_is_labelled)
CHICKEN_G = {("Row", "C", "D"): [-1, 2, 0, 0], ("Row", "D", "C"): [0, 0, 1, -2],
             ("Col", "C", "D"): [-1, 0, 2, 0], ("Col", "D", "C"): [0, 1, 0, -2]}


def test_method_correlated_returns_a_correlated_result_with_its_certificate():
    res = solve(CHICKEN, method="correlated")
    assert isinstance(res, CorrelatedResult) and not isinstance(res, SolveResult)
    assert dict(res.distribution) == dict(correlated_equilibrium(CHICKEN).distribution)
    doc = res.to_json()
    json.dumps(doc)
    assert doc["method"] == "correlated" and doc["exact"] is True and doc["objective"] == "total"
    assert doc["game"]["players"] == ["Row", "Col"]
    assert doc["objective_value"] == "21/2" and doc["optimal_certified"] is True
    assert {json.dumps(d["profile"], sort_keys=True): d["probability"] for d in doc["distribution"]} == {
        '{"Col": "C", "Row": "C"}': "1/2", '{"Col": "D", "Row": "C"}': "1/4", '{"Col": "C", "Row": "D"}': "1/4"}
    assert doc["violation"] == {"Row": "0", "Col": "0"}
    # the dual certificate, checked here by hand: lambda >= 0 and max_s (c_s + (G^T lambda)_s) = 21/2
    lam = {(m["player"], m["recommended"], m["deviation"]): F(m["multiplier"]) for m in doc["certificate"]["multipliers"]}
    assert lam and all(v > 0 for v in lam.values())
    total = [12, 9, 9, 0]
    bound = max(total[s] + sum(v * CHICKEN_G[k][s] for k, v in lam.items()) for s in range(4))
    assert bound == F(21, 2) and doc["certificate"]["dual_bound"] == "21/2"
    text = str(res)
    assert "21/2" in text and "certified by LP duality" in text and "1/4  Row: C; Col: D" in text
    by_player = solve(CHICKEN, method="correlated", objective="Col")
    assert by_player.to_json()["objective_value"] == "7"


def test_the_result_rechecks_its_certificates():
    # (D, D) is not a correlated equilibrium: told D, each player gains 2 by playing C
    with pytest.raises(GameTheoryError, match="violates an incentive constraint by 2"):
        CorrelatedResult(CHICKEN, "total", {("D", "D"): F(1)}, {}, True, 0)
    with pytest.raises(GameTheoryError, match="not a probability distribution"):
        CorrelatedResult(CHICKEN, "total", {("C", "D"): F(1, 2)}, {}, True, 0)
    with pytest.raises(GameTheoryError, match="negative"):
        CorrelatedResult(CHICKEN, "total", {("C", "D"): F(1)}, {("Row", "C", "D"): F(-1)}, True, 0)
    # a feasible point without multipliers: the bound is the best total anywhere, 12 (at CC), not certified
    weak = CorrelatedResult(CHICKEN, "total", {("C", "D"): F(1)}, {}, True, 0)
    assert weak.objective_value == 9 and weak.dual_bound == 12 and not weak.optimal_certified
    assert dict(weak.payoffs) == {"Row": 2, "Col": 7}


def test_cli_solve_method_correlated(tmp_path, capsys):
    path = tmp_path / "chicken.nfg"
    path.write_text('NFG 1 R "chicken" { "Row" "Col" }\n{ { "C" "D" } { "C" "D" } }\n6 6 7 2 2 7 0 0\n')
    assert main(["solve", str(path), "--method", "correlated", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["objective_value"] == "21/2" and doc["certificate"]["dual_bound"] == "21/2"
    assert main(["solve", str(path), "--method", "correlated"]) == 0
    out = capsys.readouterr().out
    assert "correlated equilibrium maximising total payoff: 21/2" in out and "1/2  Row: C; Col: C" in out


def test_bad_objective_and_cost_limit():
    with pytest.raises(InputError, match="objective"):
        correlated_equilibrium(CHICKEN, objective="Nobody")
    with pytest.raises(CostLimitError, match="max_cost"):
        correlated_equilibrium(Game(np.zeros((5, 5, 5, 3))), max_cost=100)
