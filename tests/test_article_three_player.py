"""The article's three-player games (the declaration and the border crisis), built from the payoff formulas
(``refs.games.border_game`` and ``udi_game``).

Expected equilibria are derived by hand in the comments, checked here by an exact regret
computation written in the tests, and cross-checked with pygambit's enumpoly.
"""

from fractions import Fraction as F

import pytest
from refs.brute import exact_regrets, same_profile
from refs.gambit import enumpoly_in_subprocess
from refs.games import border_game, udi_game

from gametheory import solve


def first_probs(res):
    return {tuple(v[0] for v in eq.profile.vectors) for eq in res}


def test_udi_table_matches_the_hand_calculation():
    g = udi_game()
    assert g.payoff({"Kosovo": "D", "Russia": "V", "EU": "E"}) == {"Kosovo": 3, "Russia": -1, "EU": 1}
    assert g.payoff({"Kosovo": "W", "Russia": "V", "EU": "H"}) == {"Kosovo": -4, "Russia": 0, "EU": -4}


@pytest.mark.oracle
def test_udi_unique_equilibrium_declare_veto_deploy():
    # D strictly dominates W for Kosovo (gain V_K - h_K + l[A] > 0 whatever the others do); given D,
    # V beats A for Russia (-x[E] > rho - f); given (D, V), E beats H for the EU (b - c_E > -Z).
    # Iterated strict dominance leaves (D, V, E) alone, so there is no mixed equilibrium.
    g = udi_game()
    res = solve(g, method="enumpoly")
    assert res.complete and res.exact and len(res) == 1
    assert res[0].profile.support() == {"Kosovo": ("D",), "Russia": ("V",), "EU": ("E",)}
    assert res[0].payoffs == {"Kosovo": 3, "Russia": -1, "EU": 1}
    assert exact_regrets(g.payoffs, [list(v) for v in res[0].profile.vectors]) == [0, 0, 0]
    (theirs,) = enumpoly_in_subprocess([g.payoffs])
    assert len(theirs) == 1 and same_profile(theirs[0], res[0].profile.vectors)


# Section 4 by hand (p = P(Russia C), q = P(Serbia R), s = P(NATO N)):
# NATO: u(N) = -e_N, u(E) = -L q, indifferent iff q = e_N / L = 1/3.
# Serbia: u(R) - u(H) = t - k_S - r(1 - p) + n(1 - s); Russia: u(C) = gamma q - eps(1 - q), u(W) = -phi q.
# E1: p = 1, Serbia indifferent -> 1 - s = (k_S - t)/n, s = 2/3; q = 1/3; Russia: C gives 1/3 > -1/3.
#     Payoffs (Russia, Serbia, NATO) = (1/3, -e_S s, -e_N) = (1/3, -2/3, -1).
# E2: (W, H, E): C would give -eps < 0; R would give t - k_S - r + n = -1 < 0; N would give -1 < 0.
# E3: s = 0, Serbia indifferent -> r(1 - p) = n + t - k_S, p = 1/3; Russia indifferent ->
#     gamma q - eps(1 - q) = -phi q, q = eps/(gamma + phi + eps) = 1/5; NATO: -L q = -3/5 > -1 = u(N).
#     Payoffs (-q phi, 0, -L q) = (-1/5, 0, -3/5).
# No other support works: the seven other pure profiles each have a profitable deviation, and
# supports mixing NATO with p < 1 force q = 1/3, which makes Russia strictly prefer C (1/3 > -1/3).
BORDER_EQUILIBRIA = {
    "E1": ((1, F(1, 3), F(2, 3)), (F(1, 3), F(-2, 3), -1)),
    "E2": ((0, 0, 0), (0, 0, 0)),
    "E3": ((F(1, 3), F(1, 5), 0), (F(-1, 5), 0, F(-3, 5))),
}


def test_border_game_table_matches_the_hand_calculation():
    g = border_game()
    assert g.payoff({"Russia": "C", "Serbia": "R", "NATO": "N"}) == {"Russia": 3, "Serbia": -2, "NATO": -1}
    assert g.payoff({"Russia": "W", "Serbia": "R", "NATO": "E"}) == {"Russia": -1, "Serbia": -1, "NATO": -3}


def test_border_game_three_equilibria_as_derived_by_hand():
    g = border_game()
    res = solve(g, method="enumpoly")
    assert res.complete and res.exact and len(res) == 3
    assert first_probs(res) == {probs for probs, _ in BORDER_EQUILIBRIA.values()}
    for eq in res:
        probs = tuple(v[0] for v in eq.profile.vectors)
        (name,) = [k for k, (p, _) in BORDER_EQUILIBRIA.items() if p == probs]
        assert tuple(eq.payoffs.values()) == BORDER_EQUILIBRIA[name][1], name
        assert exact_regrets(g.payoffs, [list(v) for v in eq.profile.vectors]) == [0, 0, 0]
    assert sum(eq.is_pure for eq in res) == 1


@pytest.mark.oracle
def test_border_game_agrees_with_gambit_enumpoly():
    g = border_game()
    ours = [eq.profile.vectors for eq in solve(g, method="enumpoly")]
    (theirs,) = enumpoly_in_subprocess([g.payoffs])
    assert len(theirs) == 3
    for t in theirs:
        assert sum(same_profile(t, o) for o in ours) == 1


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"e_N": F(1, 2)}, id="KFOR-surge-eN-1/2"),
        pytest.param({"gamma": F(1, 2)}, id="US-engagement-gamma-1/2"),
    ],
)
def test_border_policy_levers_leave_only_the_quiet_equilibrium(changes):
    # e_N(gamma + phi + eps) < eps L kills E1 and E3 (the condition derived by hand): with e_N = 1/2,
    # 1/2 * 5 = 5/2 < 3; with gamma = 1/2, 1 * 5/2 < 3.
    res = solve(border_game(**changes), method="enumpoly")
    assert res.complete and len(res) == 1
    assert res[0].profile.support() == {"Russia": ("W",), "Serbia": ("H",), "NATO": ("E",)}


def test_border_game_at_gamma_one_has_a_continuum():
    # gamma = 1: q = eps/(gamma + phi + eps) = 1/3 = e_N/L, so NATO is indifferent too and
    # q = 1/3, p = s + 1/3 for s in [0, 2/3] are all equilibria (Serbia's indifference
    # -1 - 3(1 - p) + 3(1 - s) = 0).  Its end points (s = 0 and s = 2/3) are isolated solutions of
    # smaller supports; the segment must be announced.
    g = border_game(gamma=1)
    res = solve(g, method="enumpoly")
    assert not res.complete
    assert any("continuum of equilibria (dimension 1)" in d for d in res.diagnostics)
    (cont,) = res.extra["continua"]
    assert cont["samples"]
    for sample in cont["samples"]:
        # an exact result's samples are exact strings ("1/3"), as its probabilities (one exactness per document)
        assert res.exact and all(isinstance(x, str) for v in sample for x in v)
        p, q, s = F(sample[0][0]), F(sample[1][0]), F(sample[2][0])
        assert q == pytest.approx(1 / 3, abs=1e-12)
        assert p == pytest.approx(s + 1 / 3, abs=1e-12) and 0 < s < 2 / 3
        exact = [[F(x).limit_denominator(1000) for x in v] for v in sample]
        assert exact_regrets(g.payoffs, exact) == [0, 0, 0]
    for eq in res:
        assert exact_regrets(g.payoffs, [list(v) for v in eq.profile.vectors]) == [0, 0, 0]
    ends = first_probs(res)
    assert (F(1, 3), F(1, 3), 0) in ends and (1, F(1, 3), F(2, 3)) in ends


def test_cli_solves_the_border_model_with_enumpoly(capsys):
    from pathlib import Path

    from gametheory.cli import main

    model = Path(__file__).resolve().parent.parent / "models" / "serbia_border_reinforcement_3p.toml"
    assert main(["solve", str(model), "--json"]) == 0
    import json

    doc = json.loads(capsys.readouterr().out)
    assert doc["method"] == "enumpoly" and doc["complete"] and len(doc["equilibria"]) == 3
    assert main(["solve", str(model), "--max-cost", "10"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "max_cost=10" in err[0]
