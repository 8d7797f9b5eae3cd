"""Noise people mean: ``robust --rel-noise`` (each payoff within ±R of its value), ``--at-defaults``, the help that says
how parameter draws and payoff noise combine, and the note on predictions that rest on an exact tie."""

import json
import math
from fractions import Fraction as F

import numpy as np
import pytest

from gametheory import Game, load_model
from gametheory.assumptions.distributions import PayoffNoise
from gametheory.assumptions.montecarlo import robustness
from gametheory.assumptions.space import Space
from gametheory.cli import main
from gametheory.errors import InputError

CFE = "models/cfe_md_package.toml"
NO_PARAMETERS = Space((), {}, {})


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the noise itself --------------------------------------------------------------------------------------------

def test_relative_noise_keeps_zeros_and_scales_the_rest_by_the_drawn_factor():
    P = np.array([[0.0, 2.0, -4.0, 10.0]])
    out = PayoffNoise(relative=0.5).apply(P, np.random.default_rng(7))
    e = np.random.default_rng(7).uniform(-0.5, 0.5, P.shape)  # the same stream, drawn by hand
    assert out[0, 0] == 0.0
    np.testing.assert_allclose(out, P * (1 + e), rtol=1e-15)
    ratio = out[0, 1:] / P[0, 1:]
    assert np.all((ratio >= 0.5) & (ratio <= 1.5))


def test_normal_relative_noise_and_absolute_noise_combine_as_documented():
    P = np.array([[0.0, 3.0]])
    out = PayoffNoise(absolute=0.2, relative=0.1, law="normal").apply(P, np.random.default_rng(11))
    rng = np.random.default_rng(11)
    n = rng.normal(0.0, 0.2, P.shape)  # absolute noise first (old studies keep their numbers), then e
    e = rng.normal(0.0, 0.1, P.shape)
    np.testing.assert_allclose(out, P * (1 + e) + n, rtol=1e-15)
    assert out[0, 0] != 0.0  # absolute noise moves a zero payoff, relative noise alone does not


@pytest.mark.parametrize("kwargs", [dict(relative=-0.1), dict(absolute=float("nan")), dict(relative=0.5, law="cauchy")])
def test_bad_noise_is_an_input_error(kwargs):
    with pytest.raises(InputError):
        PayoffNoise(**kwargs)


def test_ties_survive_relative_noise_only_between_zeros():
    assert not PayoffNoise(relative=0.5).breaks_tie(0)
    assert PayoffNoise(relative=0.5).breaks_tie(2)
    assert PayoffNoise(absolute=0.1).breaks_tie(0)


# --- shares with known answers -----------------------------------------------------------------------------------

def test_dominance_margin_beyond_the_noise_gives_share_one_exactly():
    # Suspend dominates Renew (4 > 3, 0 > -1), Build dominates Abandon (3 > 1, 0 > -2); with every payoff within
    # ±10% the worst case keeps both: 4 * 0.9 = 3.6 > 3 * 1.1 = 3.3, 0 > -1 * 0.9; 3 * 0.9 = 2.7 > 1 * 1.1, 0 > -2 * 0.9
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], strategies=[["Renew", "Suspend"], ["Abandon", "Build"]])
    r = robustness(pd, NO_PARAMETERS, 3000, rel_noise=0.1, seed=5, progress=False)
    assert r.profiles[("Suspend", "Build")].count == 3000
    assert r.count_histogram == {1: 3000}
    # at ±60% the margins against Abandon and Renew can flip (3 * 1.6 > 4 * 0.4, 1 * 1.6 > 3 * 0.4): (Renew, Abandon)
    # becomes an equilibrium too in some draws (about 0.3 * 0.0185 of them), while (Suspend, Build) compares with
    # 0 payoffs that relative noise keeps (0 > -1 * (1 + e), 0 > -2 * (1 + e)) and stays an equilibrium in every draw
    wide = robustness(pd, NO_PARAMETERS, 3000, rel_noise=0.6, seed=5, progress=False)
    assert wide.profiles[("Suspend", "Build")].count == 3000
    assert wide.profiles[("Renew", "Abandon")].count > 0 and wide.count_histogram.get(3, 0) > 0


def test_uniform_relative_noise_share_equals_the_hand_computed_probability():
    # T pays 1, B pays 3/2 against the single column. T is an equilibrium iff 1 + e1 >= (3/2)(1 + e2), e_i ~ U[-1/2, 1/2]:
    # X = 1 + e1 ~ U[1/2, 3/2], Y = (3/2)(1 + e2) ~ U[3/4, 9/4]; P(X >= Y) = int_{3/4}^{3/2} (x - 3/4) / (3/2) dx = 3/16
    g = Game.from_bimatrix([[1], [F(3, 2)]], [[0], [0]], strategies=[["T", "B"], ["L"]])
    r = robustness(g, NO_PARAMETERS, 20000, rel_noise=0.5, seed=3, progress=False)
    lo, hi = r.profiles[("T", "L")].interval
    assert lo <= 3 / 16 <= hi
    assert r.profiles[("T", "L")].count + r.profiles[("B", "L")].count == 20000


def test_normal_relative_noise_share_equals_the_closed_form():
    # e_i ~ N(0, r^2): T is an equilibrium iff e1 - 1.5 e2 >= 0.5, and e1 - 1.5 e2 ~ N(0, r^2 (1 + 2.25)),
    # so the share is 1 - Phi(0.5 / (r sqrt(3.25))) = 0.28955 at r = 1/2
    g = Game.from_bimatrix([[1], [F(3, 2)]], [[0], [0]], strategies=[["T", "B"], ["L"]])
    r = robustness(g, NO_PARAMETERS, 20000, rel_noise=0.5, rel_noise_law="normal", seed=3, progress=False)
    expected = 0.5 * math.erfc(0.5 / (0.5 * math.sqrt(3.25)) / math.sqrt(2))
    lo, hi = r.profiles[("T", "L")].interval
    assert lo <= expected <= hi


# --- perturbing around the defaults and the tie note -------------------------------------------------------------

def test_at_defaults_fixes_the_parameters_and_draws_the_predictions_made_there():
    model = load_model(CFE)
    r = robustness(model.game, Space.from_model(model), 500, rel_noise=0.5, at_defaults=True, seed=1,
                   predictions=model.predictions, progress=False)
    assert all(d.kind == "fixed" for d in r.distributions)
    assert r.accepted == 500  # the defaults meet the model's assumptions
    # the two predictions made at eps_a = 0 (the default) are about these draws now
    assert r.prediction_numbers == (1, 2, 3)
    # at eps_a = 0 the lone-Yes and (No, No) payoffs are all 0, and relative noise keeps zeros: the weak equilibrium
    # (No, No) and the degenerate count of 2 survive every draw, and there is no tie note
    assert [s.count for _, s in r.predictions] == [500, 500, 500]
    assert not r.ties
    assert "draws: parameters fixed at their defaults; payoff noise: each payoff times (1 + e)" in str(r)


def test_tie_note_on_the_package_model_at_eps_a_zero(capsys):
    code, out, _ = run(capsys, "robust", CFE, "--draws", "4000", "--seed", "2", "--at-defaults", "--noise", "0.1",
                       "--json")
    assert code == 0
    doc = json.loads(out)
    preds = {p["number"]: p for p in doc["predictions"]}
    # (Yes, Yes) is strict at the defaults (3 > 0, 1 > 0): no tie, and small noise never breaks it
    assert preds[1]["tie"] is None and preds[1]["count"] == 4000
    # (No, No) is an equilibrium at eps_a = 0 only by two ties (0 = eps_a for each player); Gaussian noise breaks each
    # for or against it with probability 1/2, independently: a share of 1/4
    assert preds[2]["tie"] is not None and "Russia gets 0 from No and from Yes" in preds[2]["tie"]
    assert preds[2]["ci95"][0] <= 0.25 <= preds[2]["ci95"][1]
    # a game without ties has an odd number of equilibria, so the count of 2 never survives
    assert preds[3]["count"] == 0 and preds[3]["tie"] is not None
    notes = doc["notes"]
    assert any(n.startswith("prediction 2 rests on an exact tie at the defaults (eps_a = 0: ") for n in notes)
    assert any(n.startswith("prediction 3 rests on an exact tie") and "its share is ~0" in n for n in notes)
    code, text, _ = run(capsys, "robust", CFE, "--draws", "400", "--seed", "2", "--at-defaults", "--noise", "0.1")
    assert "note: prediction 2 rests on an exact tie at the defaults (eps_a = 0: " in text
    assert "random noise breaks ties" in text


def test_no_tie_note_when_the_prediction_is_strict():
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])
    r = robustness(pd, NO_PARAMETERS, 100, noise=0.5, seed=1, progress=False)
    assert not r.ties and not any("tie" in n for n in r.notes)


# --- the command line --------------------------------------------------------------------------------------------

def test_help_says_how_noise_and_ranges_combine(capsys):
    with pytest.raises(SystemExit):
        main(["robust", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "every parameter is drawn uniformly over its full declared range" in text
    assert "payoff * (1 + e) + N(0, SIGMA^2), independently for every payoff" in text
    assert "The noise adds to the spread of the parameters" in text
    assert "--at-defaults --rel-noise 0.5" in text


def test_rel_noise_from_the_command_line_is_reproducible_from_the_seed(capsys):
    args = ["robust", CFE, "--draws", "1500", "--rel-noise", "0.5", "--seed", "9", "--json"]
    _, a, _ = run(capsys, *args)
    _, b, _ = run(capsys, *args)
    _, c, _ = run(capsys, *args[:-2], "10", "--json")
    da, db, dc = json.loads(a), json.loads(b), json.loads(c)
    assert da == db
    assert (da["rel_noise"], da["rel_noise_dist"], da["at_defaults"]) == (0.5, "uniform", False)
    assert da["profiles"] != dc["profiles"] or da["accepted"] != dc["accepted"]


def test_at_defaults_keeps_a_dist_parameter_drawn(capsys):
    _, out, _ = run(capsys, "robust", CFE, "--draws", "200", "--at-defaults", "--dist", "v_md=uniform:1:4", "--json")
    laws = json.loads(out)["distributions"]
    assert laws["v_md"] == ["uniform", "1", "4"] and laws["v_cfe"] == ["fixed", "3"]
    # prediction 1 is made at no particular values: drawn; the eps_a = 0 ones too, eps_a being fixed at 0
    assert [p["number"] for p in json.loads(out)["predictions"]] == [1, 2, 3]


@pytest.mark.parametrize("argv,needle", [
    (["--rel-noise", "-0.5"], "--rel-noise must be a finite number >= 0"),
    (["--rel-noise", "half"], "--rel-noise expects a number"),
])
def test_bad_rel_noise_exits_2(capsys, argv, needle):
    code, _, err = run(capsys, "robust", CFE, "--draws", "10", *argv)
    assert code == 2 and needle in err


def test_a_continuum_endpoint_gets_the_tie_note():
    # the blockade offer's prediction 2: West offers, Serbia mixes over two strategies; unequal support sizes exist
    # only in a degenerate game (von Stengel 2002, Thm 2.10), so under noise that breaks the ties its share is 0
    model = load_model("models/serbia_blockade_offer.toml")
    r = robustness(model.game, Space.from_model(model), 500, noise=0.05, at_defaults=True, seed=1,
                   predictions=model.predictions, progress=False)
    share = dict(zip(r.prediction_numbers, (s for _, s in r.predictions)))
    assert share[2].count == 0 and 2 in r.ties
    assert any(n.startswith("prediction 2 rests on an exact tie") and "equally many strategies" in n for n in r.notes)
    assert 3 not in r.ties  # not_equilibrium: strict at the defaults, nothing to note
