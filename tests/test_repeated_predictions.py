"""Repeated-game predictions in model files: ``sustainable`` / ``not_sustainable`` with a ``delta`` threshold.

Expected values are hand calculations: in a prisoner's dilemma with T > R > P > S, grim trigger
sustains (C, C) iff R >= (1 - δ) T + δ P, i.e. δ >= (T - R)/(T - P); (C, D) is never sustained, since
the row player gets S < P, the value of deviating for ever.  In the spoiler model the US gains c_I by
excluding Russia and is punished with -p for ever, so inclusion is sustained iff δ >= c_I/p (Russia
has no gain: b > b - c_S).
"""

from __future__ import annotations

import json
import random
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game, solve
from gametheory.cli import main
from gametheory.errors import InputError
from gametheory.io.model import load_model, model_to_toml, parse_model
from gametheory.predictions import check_model, check_prediction, check_repeated_prediction, delta_claim_value

MODELS = Path(__file__).resolve().parents[1] / "models"
SPOILER = MODELS / "russia_spoiler_linkage.toml"
INCLUDE = {"US": "Include Russia", "Russia": "Cooperate"}

PD_MODEL = """title = "Prisoner's dilemma"
assumptions = ["T > R", "R > P", "P > S"]

[[players]]
name = "Row"
strategies = ["C", "D"]

[[players]]
name = "Col"
strategies = ["C", "D"]

[parameters.T]
default = 5
range = [4, 9]
meaning = "temptation"

[parameters.R]
default = 3
range = [2, 4]
meaning = "reward"

[parameters.P]
default = 1
range = [0, 2]
meaning = "punishment"

[parameters.S]
default = 0
range = [-2, 0]
meaning = "sucker"

[[payoffs]]
profile = ["C", "C"]
values = ["R", "R"]

[[payoffs]]
profile = ["C", "D"]
values = ["S", "T"]

[[payoffs]]
profile = ["D", "C"]
values = ["T", "S"]

[[payoffs]]
profile = ["D", "D"]
values = ["P", "P"]
"""


def pd_model(*predictions: str):
    return parse_model(PD_MODEL + "".join("\n[[predictions]]\n" + p + "\n" for p in predictions))


def verdicts(model, **values):
    return check_model(model, {k: F(v) for k, v in values.items()}).verdicts


# ------------------------------------------------------------------ the prisoner's dilemma
def test_grim_threshold_of_the_prisoners_dilemma_as_a_formula():
    m = pd_model('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "(T - R)/(T - P)"')
    (v,) = verdicts(m)
    assert v.status == "holds"
    assert "[1/2, 1)" in v.reason  # (5 - 3)/(5 - 1)


@pytest.mark.parametrize("seed", range(12))
def test_random_prisoners_dilemmas_hold_at_their_hand_threshold(seed):
    rng = random.Random(seed)
    s, p = F(rng.randint(-6, 0)), F(rng.randint(1, 3))
    r = p + F(rng.randint(1, 8), rng.randint(1, 4))
    t = r + F(rng.randint(1, 8), rng.randint(1, 4))
    game = Game.from_bimatrix([[r, s], [t, p]], [[r, t], [s, p]], strategies=[["C", "D"], ["C", "D"]])
    coop = {"Player 1": "C", "Player 2": "C"}
    threshold = (t - r) / (t - p)
    assert check_repeated_prediction(game, "sustainable", coop, str(threshold)).status == "holds"
    assert check_repeated_prediction(game, "sustainable", coop, str(threshold * F(99, 100))).status == "fails"
    below, above = threshold * F(9, 10), threshold + (1 - threshold) / 10
    assert check_repeated_prediction(game, "not_sustainable", coop, str(below)).status == "holds"
    assert check_repeated_prediction(game, "not_sustainable", coop, str(above)).status == "fails"
    # the same claim as a formula, at these payoffs given as --param values
    m = pd_model('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "(T - R)/(T - P)"')
    (v,) = verdicts(m, T=t, R=r, P=p, S=s)
    assert v.status == "holds", v.reason


def test_sucker_profile_is_never_sustained():
    m = pd_model('kind = "not_sustainable"\nprofile = { Row = "C", Col = "D" }',
                 'kind = "sustainable"\nprofile = { Row = "C", Col = "D" }')
    never, claimed = verdicts(m)
    assert never.status == "holds"
    assert claimed.status == "fails"
    assert "no δ < 1" in claimed.reason


def test_stage_equilibrium_is_sustained_by_every_delta():
    m = pd_model('kind = "sustainable"\nprofile = { Row = "D", Col = "D" }\ndelta = 0')
    (v,) = verdicts(m)
    assert v.status == "holds"
    assert "(0, 1)" in v.reason


def test_a_wrong_formula_fails_even_where_its_value_agrees():
    # at the defaults (T - R)/(T - P) = 2/4 = (R - P)/(T - P), but the formulas differ
    m = pd_model('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "(R - P)/(T - P)"')
    (v,) = verdicts(m)
    assert v.status == "fails"
    assert "in the parameters" in v.reason
    # a number is a claim at the values only
    m = pd_model('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "1/2"')
    assert verdicts(m)[0].status == "holds"
    assert verdicts(m, T=7)[0].status == "fails"  # (7 - 3)/(7 - 1) = 2/3


# ------------------------------------------------------------------ the spoiler model
def test_spoiler_model_states_grim_threshold_c_I_over_p():
    model = load_model(SPOILER)
    (pred,) = [p for p in model.predictions if p.kind == "sustainable"]
    assert pred.profile == INCLUDE and pred.strategy == "grim" and pred.delta == "c_I/p"
    assert not pred.quote  # the article names no discount factor: the claim quotes nothing
    (v,) = [v for v in check_model(model).verdicts if v.kind == "sustainable"]
    assert v.status == "holds"
    assert "[1/3, 1)" in v.reason


@pytest.mark.parametrize("c_i, p, expected", [(1, 2, "[1/2, 1)"), (2, 5, "[2/5, 1)"), (1, 4, "[1/4, 1)")])
def test_spoiler_threshold_moves_with_the_parameters(c_i, p, expected):
    (v,) = [v for v in verdicts(load_model(SPOILER), c_I=c_i, p=p) if v.kind == "sustainable"]
    assert v.status == "holds"
    assert expected in v.reason


def test_spoiler_inclusion_is_never_sustained_when_spoiling_hurts_less_than_inclusion_costs():
    # c_I = 3 > p = 2: the US gets -3 on the path and -2 for ever after excluding; nothing deters it
    (v,) = [v for v in verdicts(load_model(SPOILER), c_I=3, p=2) if v.kind == "sustainable"]
    assert v.status == "fails"
    assert "no δ < 1" in v.reason


def test_check_json_names_delta_and_strategy_only_for_the_repeated_kinds(capsys):
    assert main(["check", str(SPOILER), "--json"]) == 0
    preds = json.loads(capsys.readouterr().out)["models"][0]["predictions"]
    repeated = [p for p in preds if p["kind"] == "sustainable"]
    assert [(p["delta"], p["strategy"], p["status"]) for p in repeated] == [("c_I/p", "grim", "holds")]
    assert all("delta" not in p and "strategy" not in p for p in preds if p["kind"] != "sustainable")


# ------------------------------------------------------------------ the file format
def test_delta_number_is_kept_exactly_and_round_trips():
    m = pd_model('kind = "not_sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = 0.25')
    assert m.predictions[0].delta == "1/4" and m.predictions[0].strategy == "grim"
    (again,) = parse_model(model_to_toml(m)).predictions
    assert (again.kind, again.profile, again.delta, again.strategy) == ("not_sustainable", m.predictions[0].profile,
                                                                         "1/4", "grim")


@pytest.mark.parametrize(
    "table, message",
    [
        pytest.param('kind = "equilibrium"\nprofile = { Row = "D", Col = "D" }\ndelta = "1/2"', "delta belongs to",
                     id="delta on a one-shot kind"),
        pytest.param('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\nstrategy = "tft"', "strategy must be",
                     id="unknown strategy"),
        pytest.param('kind = "sustainable"\nprofile = { Row = { C = 0.5, D = 0.5 }, Col = "C" }', "pure profile",
                     id="mixed target"),
        pytest.param('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "__import__(1)"',
                     "not allowed", id="forbidden expression"),
        pytest.param('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "T/q"', "unknown name 'q'",
                     id="undeclared parameter"),
        pytest.param('kind = "sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = true', "boolean",
                     id="boolean"),
    ],
)
def test_bad_repeated_predictions_are_located_errors(table, message):
    with pytest.raises(InputError) as err:
        pd_model(table)
    assert message in str(err.value)
    assert err.value.line is not None and err.value.line > PD_MODEL.count("\n")


def test_not_sustainable_at_a_delta_outside_0_1_is_an_input_error():
    m = pd_model('kind = "not_sustainable"\nprofile = { Row = "C", Col = "C" }\ndelta = "T/R"')
    with pytest.raises(InputError, match=r"\(0, 1\)"):
        check_model(m)


def test_delta_claim_value_is_exact_and_never_evaluates_text():
    assert delta_claim_value("c_I/p", {"c_I": F(1), "p": F(3)}) == F(1, 3)
    assert delta_claim_value("sqrt(a)/2", {"a": F(1, 4)}) == F(1, 4)
    with pytest.raises(InputError):
        delta_claim_value("open('x')", {})


def test_check_prediction_points_repeated_kinds_elsewhere():
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InputError, match="check_repeated_prediction"):
        check_prediction(g, "sustainable", {"Player 1": "1", "Player 2": "1"})


def test_undetermined_without_every_stage_equilibrium():
    # battle of the sexes: the 'pure' method finds both pure equilibria but not the mixed one (the worst
    # punishment for both), so it does not claim to have them all
    bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=[["x", "y"], ["x", "y"]])
    v = check_repeated_prediction(bos, "sustainable", {"Player 1": "x", "Player 2": "y"}, "1/2",
                                  solver=lambda g: solve(g, method="pure"))
    assert v.status == "undetermined"
    assert "every stage equilibrium" in v.reason


# ------------------------------------------------------------------ the one-shot studies leave them out
def test_robust_and_sweep_skip_repeated_predictions(capsys):
    assert main(["robust", str(SPOILER), "--draws", "50", "--seed", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["predictions"]) == 4  # the model's five predictions but the repeated one
    assert any("repeated game" in n for n in doc["notes"])
    assert main(["sweep", str(SPOILER), "--vary", "p=1:6:3"]) == 0
    assert main(["regions", str(SPOILER), "--margins", "--prediction", "5"]) == 2
    assert "repeated game" in capsys.readouterr().err


def test_float_stage_game_compares_the_threshold_within_a_tolerance():
    # T, R, P, S = 5, 3, 1, 0 in floats: (T - R)/(T - P) = 1/2
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]]).to_float()
    coop = {"Player 1": "C", "Player 2": "C"}
    assert check_repeated_prediction(pd, "sustainable", coop, "1/2").status == "holds"
    assert check_repeated_prediction(pd, "sustainable", coop, "0.6").status == "fails"
    assert check_repeated_prediction(pd, "not_sustainable", coop, "0.4").status == "holds"
    assert check_repeated_prediction(pd, "not_sustainable", coop, "0.7").status == "fails"
