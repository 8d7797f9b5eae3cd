"""`gametheory check`: each prediction holds or fails with a reason; exit 0/1/2."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game, MixedProfile, solve
from gametheory.cli import main
from gametheory.io.model import Model, load_any_model, load_model
from gametheory.overrides import parse_overrides as parse_param_overrides
from gametheory.predictions import (
    check_model,
    check_prediction,
    complete_solve,
    deviation_reasons,
)

MODELS = Path(__file__).resolve().parents[1] / "models"

PD = Game.from_bimatrix(
    [[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
    strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]],
)


# ------------------------------------------------------------------ the checker on hand-made games
@pytest.mark.parametrize(
    "kind, profile, count, status, reason_part",
    [
        pytest.param("equilibrium", {"Russia": "Suspend CFE", "US": "Build MD"}, None, "holds", "regret is 0", id="PD status quo is an equilibrium"),
        pytest.param("equilibrium", {"Russia": "Renew CFE", "US": "Abandon MD"}, None, "fails",
                     "Russia gains 1 by deviating to Suspend CFE", id="the swap is not: Russia gains 1"),
        pytest.param("not_equilibrium", {"Russia": "Renew CFE", "US": "Abandon MD"}, None, "holds",
                     "US gains 2 by deviating to Build MD", id="not_equilibrium names the deviation"),
        pytest.param("not_equilibrium", {"Russia": "Suspend CFE", "US": "Build MD"}, None, "fails", "is an equilibrium",
                     id="not_equilibrium fails on an equilibrium"),
        pytest.param("unique_equilibrium", {"Russia": "Suspend CFE", "US": "Build MD"}, None, "holds", "only equilibrium",
                     id="PD: unique"),
        pytest.param("equilibrium_count", None, 1, "holds", "1 equilibrium", id="PD: one equilibrium"),
        pytest.param("equilibrium_count", None, 2, "fails", "found 1 equilibrium, expected 2", id="PD: not two"),
    ],
)
def test_check_prediction_on_the_prisoners_dilemma(kind, profile, count, status, reason_part):
    # the PD's only equilibrium is (Suspend, Build) by strict dominance (hand calculation)
    v = check_prediction(PD, kind, profile, count)
    assert v.status == status
    assert reason_part in v.reason


def test_unique_equilibrium_names_the_other_equilibrium():
    # battle of the sexes: two pure equilibria and a mixed one (hand calculation)
    bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["A", "B"], strategies=[["x", "y"], ["x", "y"]])
    v = check_prediction(bos, "unique_equilibrium", {"A": "x", "B": "x"})
    assert v.status == "fails"
    assert v.reason.startswith("also an equilibrium: ")
    assert "A: y; B: y" in v.reason.split(": ", 1)[1].split(" | ")


def test_uniqueness_unproven_without_a_complete_method():
    # matching pennies has only a mixed equilibrium; the 'pure' method proves nothing about it
    pennies = Game.zero_sum([[1, -1], [-1, 1]], players=["A", "B"], strategies=[["h", "t"], ["h", "t"]])
    half = {"h": "1/2", "t": "1/2"}
    v = check_prediction(pennies, "unique_equilibrium", {"A": half, "B": half}, solver=lambda g: solve(g, method="pure"))
    assert v.status == "undetermined"
    assert "completeness could not be established" in v.reason
    assert not v.holds


def test_deviation_reasons_in_floats_use_a_scaled_tolerance():
    g = PD.to_float()
    sigma = MixedProfile(g, {"Russia": "Suspend CFE", "US": "Build MD"})
    assert deviation_reasons(sigma) == []
    sigma = MixedProfile(g, {"Russia": "Renew CFE", "US": "Build MD"})
    assert deviation_reasons(sigma) == ["Russia gains 1 by deviating to Suspend CFE"]


def test_parse_param_overrides_is_exact_and_rejects_bad_text():
    assert parse_param_overrides(["s=0.4", "t = 1/3"]) == {"s": F(2, 5), "t": F(1, 3)}
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_param_overrides(["s"])
    with pytest.raises(ValueError, match="--param s"):
        parse_param_overrides(["s=abc"])


def test_check_model_uses_the_overrides_and_the_prediction_values():
    model = load_model(MODELS / "separatist_contagion.toml")
    # with a strong KFOR (omega = 2/5 < c/V = 1/2) the stag hunt keeps only (Stay, Stay) (hand calculation)
    strong = check_model(model, {"omega": F(2, 5)})
    assert strong.values["omega"] == F(2, 5)
    by_line = {v.line: v for v in strong.verdicts}
    mixed = next(v for v in strong.verdicts if v.kind == "equilibrium" and not isinstance(v.profile["Bosnian Serbs"], str))
    # against 2/3 Declare, Declare pays -2 + (2/3)(8/5) = -14/15 and Stay 0; mixing 2/3 on Declare earns
    # (2/3)(-14/15) = -28/45, so switching to Stay gains 28/45
    assert mixed.status == "fails" and "Bosnian Serbs gains 28/45 by deviating to Stay" in mixed.reason
    count = next(v for v in strong.verdicts if v.kind == "equilibrium_count")
    if count.status != "undetermined":
        assert count.status == "fails" and "found 1 equilibrium, expected 3" in count.reason
    at_pred = next(v for v in strong.verdicts if v.reason.startswith("at omega=2/5"))
    assert at_pred.kind == "unique_equilibrium" and at_pred.status in ("holds", "undetermined")
    assert len(by_line) == len(strong.verdicts)


# ------------------------------------------------------------------ the CLI
def test_cli_check_models_all_hold(capsys):
    results = {p.stem: complete_solve(m.game_at()).complete for p in sorted(MODELS.glob("*.toml"))
               if isinstance(m := load_any_model(p), Model)}
    assert all(results.values()), results
    code = main(["check", str(MODELS)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "fails" not in out and "undetermined" not in out
    assert out.count("holds") >= 30


def test_cli_check_json(capsys):
    code = main(["check", str(MODELS / "kosovo_status_zero_sum.toml"), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["all_hold"] is True
    (m,) = doc["models"]
    assert m["id"] == "kosovo_status_zero_sum"
    assert [p["status"] for p in m["predictions"]] == ["holds", "holds"]
    assert m["values"]["k_DV"] == "-3"
    assert "Russia gains 5 by deviating to Veto" in m["predictions"][1]["reason"]


def test_cli_edited_payoff_makes_a_prediction_fail(tmp_path, capsys):
    src = (MODELS / "cfe_alone.toml").read_text(encoding="utf-8")
    edited = src.replace('values = ["-c_cfe", "v_cfe"]', 'values = ["c_cfe", "v_cfe"]')
    assert edited != src
    path = tmp_path / "cfe_alone_edited.toml"
    path.write_text(edited, encoding="utf-8")
    code = main(["check", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    # Renewing now pays Russia c_cfe = 1: the article's "suspension stays" breaks, and says why
    assert "fails" in out
    assert "Russia gains 1 by deviating to Renew CFE" in out


def test_cli_param_override_makes_a_prediction_fail(capsys):
    code = main(["check", str(MODELS / "russia_spoiler_linkage.toml"), "--param", "a=1/2"])
    out = capsys.readouterr().out
    assert code == 1
    # a < c_S: an excluded Russia no longer spoils
    assert "Russia gains 1/2 by deviating to Cooperate" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        pytest.param(["check", "no/such/dir"], "no such file", id="missing path"),
        pytest.param(["check", "MODELS/cfe_alone.toml", "--param", "nope=1"], "nope", id="unknown parameter"),
        pytest.param(["check", "MODELS/cfe_alone.toml", "--param", "c_cfe=abc"], "c_cfe", id="bad value"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(argv, message, capsys):
    argv = [a.replace("MODELS", str(MODELS)) for a in argv]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err


def test_cli_malformed_model_exits_2_naming_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    shutil.copy(MODELS / "cfe_alone.toml", bad)
    bad.write_text(bad.read_text(encoding="utf-8").replace('kind = "not_equilibrium"', 'kind = "probably"'), encoding="utf-8")
    code = main(["check", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(bad) in err and "kind" in err


# ------------------------------------------------------------------ random games: verdicts agree with a direct best-reply test
import numpy as np  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def games_and_pure_profiles(draw):
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    size = int(np.prod(shape)) * n
    pay = np.array(draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size))).reshape(shape + (n,))
    profile = tuple(draw(st.integers(0, k - 1)) for k in shape)
    return pay, profile


@settings(max_examples=60, deadline=None)
@given(games_and_pure_profiles())
def test_equilibrium_verdicts_match_a_direct_best_reply_test(case):
    pay, idx = case
    n = pay.ndim - 1
    game = Game(pay.tolist())
    spec = {p: game.strategies[i][idx[i]] for i, p in enumerate(game.players)}
    # independent: each player's best payoff along their own axis, with the others fixed
    gains = {}
    for i, p in enumerate(game.players):
        line = pay[idx[:i] + (slice(None),) + idx[i + 1:] + (i,)]
        if line.max() > line[idx[i]]:
            gains[p] = (int(line.max() - line[idx[i]]), game.strategies[i][int(np.argmax(line))])
    v = check_prediction(game, "equilibrium", spec)
    w = check_prediction(game, "not_equilibrium", spec)
    assert v.holds == (not gains) and w.holds == bool(gains)
    for p, (gain, label) in gains.items():
        assert f"{p} gains {gain} by deviating to {label}" in v.reason
    assert n == game.num_players


def test_cli_reports_violated_assumptions_and_prediction_values(capsys):
    # s = -1/4 breaks s >= 0 (spite is a gain from Kosovo's harm); with t = 2 and c_blockade = 1 toughness alone
    # still makes a blockade pay (Delta = -1/2 + 2 - 1 = 1/2 > 0, below w = 3)
    code = main(["check", str(MODELS / "serbia_blockade_offer.toml"), "--param", "s=-1/4", "--param", "t=2",
                 "--param", "c_blockade=1"])
    out = capsys.readouterr().out
    assert "warning: assumption s >= 0 does not hold at these values" in out
    assert code == 0  # the offer predictions still hold: the reward still beats the blockade's net value
    main(["check", str(MODELS / "serbia_blockade_offer.toml"), "--json"])
    doc = json.loads(capsys.readouterr().out)
    bridge = [p for p in doc["models"][0]["predictions"] if p["at"]]
    assert bridge and bridge[0]["at"] == {"sigma": "1/2"} and bridge[0]["reason"].startswith("at sigma=1/2: ")
    assert "West gains 1/2 by deviating to No offer" in bridge[0]["reason"]
