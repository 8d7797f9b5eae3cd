"""RegionsReport, MarginsReport and the text of SweepResult and RobustnessResult, from Python.

The stag hunt of section 6 (separatist_contagion.toml): a lone declaration pays sigma_s*V - c, a joint one
(sigma_s + omega)*V - c, staying 0; defaults V = 4, c = 2, sigma_s = 0, omega = 3/4.
"""

from fractions import Fraction as F

from gametheory import Game
from gametheory.assumptions.montecarlo import robustness
from gametheory.assumptions.regions_report import MarginsReport, RegionsReport, margins_report, regions_report
from gametheory.assumptions.space import Space, Vary
from gametheory.assumptions.sweep import sweep
from gametheory.game_info import GameInfo
from gametheory.io.model import load_model

STAG = "models/separatist_contagion.toml"


def test_regions_of_omega():
    # (Declare, Declare) is an equilibrium iff (sigma_s + omega) V >= c, i.e. omega >= 1/2; the mixed one
    # p = (c - sigma_s V)/(omega V) = 1/(2 omega) is interior iff omega > 1/2 and is (Declare, Declare) at 1/2
    report = regions_report(load_model(STAG), [Vary("omega", F(0), F(1), 2)])
    assert isinstance(report, RegionsReport)
    (t,) = report.regions.thresholds
    assert t.value == F(1, 2)
    doc = report.to_json()
    assert doc["thresholds"] == [{"value": "1/2", "float": 0.5, "below": "(Stay, Stay)",
                                  "at": "(Declare, Declare); (Stay, Stay)",
                                  "above": "(Declare, Declare); (Declare+Stay, Declare+Stay); (Stay, Stay)"}]
    assert doc["fixed"] == {"V": "4", "c": "2", "sigma_s": "0"}
    # issue 17: the assumptions line under the title (sigma_s*V < c holds along omega: no warning)
    assert str(report).splitlines()[1:4] == ["assumptions: applied (sigma_s*V < c)",
                                             "omega in [0, 1], others at V=4, c=2, sigma_s=0",
                                             "  omega in (0, 1/2): (Stay, Stay)"]


def test_margins_of_staying_put():
    # (Stay, Stay) fails only when a lone declaration pays: sigma_s*V - c > 0, i.e. sigma_s > 1/2 at V = 4, c = 2;
    # V and c cannot make it pay while sigma_s = 0, and omega does not enter it
    # over the ranges alone (issue 17: --no-assumptions); with the model's assumption sigma_s*V < c applied (the
    # default) a lone declaration never pays, so (Stay, Stay) never fails: the range breaks it exactly above 1/2
    report = margins_report(load_model(STAG), 1, assumptions=False)
    assert isinstance(report, MarginsReport) and report.label == "equilibrium (Stay, Stay)"
    ups = {m["parameter"]: (m["down"], m["up"]) for m in report.to_json()["margins"]}
    assert ups == {"V": (None, None), "c": (None, None), "sigma_s": (None, "1/2"), "omega": (None, None)}
    assert "  sigma_s = 0 in [0, 1]: fails at never (within range) / +1/2" in str(report).splitlines()
    applied = margins_report(load_model(STAG), 1)
    assert {m.parameter: (m.down, m.up) for m in applied.margins}["sigma_s"] == (None, None)
    assert ("warning: the range of sigma_s breaks the assumption sigma_s*V < c on [1/2, 1] (left out)"
            in applied.assumption_use.warnings)


def test_sweep_table_as_text():
    # at omega = 1/2 the mixed equilibrium is (Declare, Declare): two extreme equilibria; the mixed prediction
    # (2/3 Declare) and the count of three fail there
    model = load_model(STAG)
    space = Space.from_model(model)
    preds = tuple(p for p in model.predictions if not p.at)
    res = sweep(model.game, space, [Vary("omega", F(0), F(1), 5)], {}, preds)
    lines = str(res).splitlines()
    assert lines[0] == "assumptions: applied (sigma_s*V < c)"  # issue 17: the assumptions line first
    assert lines[1] == "omega\t#eq\tequilibria (supports)\tpred1\tpred2\tpred3\tpred4"
    assert lines[4] == "0.5\t2\t(Declare, Declare); (Stay, Stay)\tyes\tyes\tno\tno"


def test_robustness_text_of_a_fixed_game():
    # every draw is the same game: the two pure equilibria in all 10 draws, Wilson's lower bound for 10 of 10 is
    # 1 / (1 + z^2/10) = 72.25% with z = 1.96
    res = robustness(load_model(STAG).game_at(), Space((), {}, {}), 10, seed=1)
    lines = str(res).splitlines()
    assert lines[1:3] == ["assumptions: none", "10 of 10 draws (seed 1, noise 0.0, 1 chunk)"]
    assert "  100.00%  [72.25%, 100.00%]  (Stay, Stay)" in lines
    assert lines[-1] == "extreme equilibria per draw: 3: 10"


def test_game_info_of_the_prisoners_dilemma():
    # Suspend strictly dominates Renew (4 > 3, 0 > -1), Build dominates Abandon (3 > 1, 0 > -2);
    # each player's maximin is 0, by its dominant strategy
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
                            strategies=[["Renew", "Suspend"], ["Abandon", "Build"]], title="PD")
    lines = str(GameInfo(pd)).splitlines()
    assert lines[:2] == ["PD", "players: Russia, US"]
    assert "  Suspend       4, -2     0, 0" in lines
    assert "  dominance solvable: Russia: Suspend; US: Build" in lines
    assert "  Russia: pure 0 (Suspend); mixed 0 (1*Suspend)" in lines
