"""The article's bargains as models (models/*.toml): load, solve, predictions, equilibria, thresholds.

Expected payoff tables and equilibria are hand calculations from each model's payoff formulas at its
defaults; every equilibrium list is also checked IN the test against an independent solver (pygambit
enummixed / enumpoly) run on the same payoffs.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy
from refs.gambit import equilibria as gambit_equilibria

from gametheory import METHODS, MixedProfile, solve
from gametheory.io.model import Model, load_any_model, load_model
from gametheory.predictions import check_model, complete_solve

MODELS = Path(__file__).resolve().parents[1] / "models"
# the normal-form models (a signaling model is tested in tests/test_bayesian_cli.py)
ALL_MODEL_FILES = [p for p in sorted(MODELS.glob("*.toml")) if isinstance(load_any_model(p), Model)]
MINE = [
    "cfe_alone", "md_alone", "serbia_blockade_offer", "kosovo_udi_unsc_eulex", "serbia_border_reinforcement_3p",
    "russia_spoiler_linkage", "separatist_contagion", "russia_iran_unsc", "kosovo_status_zero_sum",
    "eu_recognition_unbundling",
]
# the CFE for missile-defense models (cfe_alone, md_alone, the unlinked game, the package and the bargain) and the
# four other models whose quotes, sources and ranges issue 16 corrected
CORRECTED = [
    "cfe_alone", "md_alone", "cfe_md_unlinked", "cfe_md_package", "cfe_md_bargaining", "separatist_contagion",
    "russia_iran_unsc", "kosovo_status_zero_sum", "eu_recognition_unbundling",
]


def load(model_id):
    return load_model(MODELS / f"{model_id}.toml")


def _has_complete_method_for(game) -> bool:
    return complete_solve(game).complete


# ------------------------------------------------------------------ every model
@pytest.mark.parametrize("path", ALL_MODEL_FILES, ids=[p.stem for p in ALL_MODEL_FILES])
def test_every_model_loads_solves_and_its_predictions_hold(path):
    model = load_model(path)
    assert model.title and model.description and model.quotes
    game = model.game_at()
    result = solve(game)  # the default method
    assert len(result) >= 1
    for eq in result:
        assert eq.max_regret <= result.tol
    check = check_model(model)
    assert _has_complete_method_for(game), path.stem
    failing = [(v.kind, v.line, v.reason) for v in check.verdicts if not v.holds]
    assert not failing


@pytest.mark.parametrize("model_id", sorted(set(MINE) | set(CORRECTED)))
def test_quotes_are_exact_sentences_of_the_article(model_id, article_text):
    text = article_text
    m = load(model_id)
    quotes = list(m.quotes) + [p.quote for p in m.parameters.values()] + [p.quote for p in m.predictions]
    missing = [q for q in quotes if q and q not in text]
    assert not missing
    assert m.predictions, "every model states the article's claims as predictions"
    assert all(p.status in ("pinned", "assumption") for p in m.parameters.values())


@pytest.mark.parametrize("model_id", CORRECTED)
def test_every_prediction_says_whose_claim_it_is(model_id):
    # issue 16: the article's claims carry the quote that makes them; what the model derives carries none and says so
    for p in load(model_id).predictions:
        assert p.source in ("article", "model"), p.claim
        if p.source == "article":
            assert p.quote, p.claim
        else:
            assert not p.quote and p.claim.startswith("In the model"), p.claim


def test_the_unlinked_swap_not_being_self_enforcing_is_the_models_result():
    # the author recommends the trade ("If Moscow renews the CFE treaty, Washington could abandon ..."); that two
    # separate concessions are not an equilibrium is derived, not quoted
    for model_id in ("cfe_md_unlinked", "cfe_md_bargaining"):
        (swap,) = [p for p in load(model_id).predictions if p.kind == "not_equilibrium"]
        assert dict(swap.profile) == {"Russia": "Renew CFE", "US": "Abandon MD"}
        assert swap.source == "model" and not swap.quote and "self-enforcing" in swap.claim


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.toml")), ids=lambda p: p.stem)
def test_parameter_quotes_are_about_their_parameter(path):
    # issue 16: "Moscow wants its clothes back" is about NATO taking Russia's buffer zone, not about missile defense;
    # "Both Russia and Kosovo want to be taken seriously" is not credit for backing a package
    params = load_any_model(path).parameters
    if "v_nomd" in params:
        quote = params["v_nomd"].quote or ""
        assert "missile" in quote and "clothes" not in quote, quote
    if "eps_a" in params:
        assert "taken seriously" not in (params["eps_a"].quote or "")


def _corners(model, relation):
    names = sorted(s.name for s in relation.free_symbols)
    for ends in itertools.product(*(model.parameters[n].range for n in names)):
        yield dict(zip(names, ends))


ALL_MODELS = sorted(p.stem for p in MODELS.glob("*.toml"))


@pytest.mark.parametrize("model_id", ALL_MODELS)
def test_ranges_keep_each_assumption_or_say_they_cross_it(model_id):
    # issue 5: a range must not break the model's assumptions (c_cfe > 0 and v_md > 0 may not start at 0); a box
    # that deliberately crosses an assumption on several parameters says so in one of their meanings
    from gametheory.io.model import load_any_model

    model = load_any_model(MODELS / f"{model_id}.toml")
    for relation in model.assumptions:
        names = sorted(s.name for s in relation.free_symbols)
        broken = [c for c in _corners(model, relation)
                  if not bool(relation.xreplace({model.parameters[n].symbol: sympy.Rational(str(v)) for n, v in c.items()}))]
        if len(names) == 1:
            assert not broken, (relation, broken)
        elif broken:
            assert any("crosses" in model.parameters[n].meaning for n in names), (relation, broken[0])


# Kosovo settlements of the CFE bargain at k_face (the other parameters at their defaults), by hand: Russia's
# concession leaves some package individually rational iff k_face <= 4 (its best package (x, y) = (1, 0) is worth
# (4, -2); the Nash point (5/2, 5/4) covers k_face <= 2), the US's iff k_face <= 3 (its best, (0, 1), is worth (-1, 3);
# the Nash point covers k_face <= 5/4): "no package is individually rational" with either concession iff k_face > 4.
KOSOVO_FACE = [
    pytest.param(5, False, False, id="default 5: neither"),
    pytest.param(F(41, 10), False, False, id="just above 4: neither"),
    pytest.param(4, True, False, id="4: Russia's concession only"),
    pytest.param(F(31, 10), True, False, id="just above 3: Russia's concession only"),
    pytest.param(3, True, True, id="3: both"),
    pytest.param(1, True, True, id="1: both"),
]


@pytest.mark.parametrize("k_face, russia_concedes_ok, us_concedes_ok", KOSOVO_FACE)
def test_kosovo_settlements_are_declared_parameters(k_face, russia_concedes_ok, us_concedes_ok):
    from gametheory.bargaining.linkage import settlement_keeps_ir
    from gametheory.bargaining.spec import read_spec

    model = load("cfe_md_bargaining")
    assert model.parameters["k_face"].default == 5
    spec = read_spec(model, {"k_face": k_face})
    russia = spec.settlements["Kosovo: Russia acquiesces to independence"]
    us = spec.settlements["Kosovo: the US delays independence"]
    assert russia == {"Russia": -F(k_face), "US": F(k_face)} and us == {"Russia": F(k_face), "US": -F(k_face)}
    assert settlement_keeps_ir(spec.issues, spec.players, russia) is russia_concedes_ok
    assert settlement_keeps_ir(spec.issues, spec.players, us) is us_concedes_ok


@pytest.mark.parametrize("k_face, verdict", [("5", "no package is"), ("4", "some package stays")])
def test_bargain_command_takes_k_face(k_face, verdict, capsys):
    from gametheory.cli import main

    assert main(["bargain", str(MODELS / "cfe_md_bargaining.toml"), "--param", f"k_face={k_face}"]) == 0
    out = capsys.readouterr().out
    assert f"adding Kosovo: Russia acquiesces to independence: {verdict} individually rational" in out
    assert "adding Kosovo: the US delays independence: no package is individually rational" in out


# ------------------------------------------------------------------ payoffs at the defaults = the tables by hand
# Each row: profile (labels, in player order) -> payoffs (in player order), computed by hand from the formulas.
HAND_TABLES = {
    "cfe_alone": {("Renew CFE", "Build MD"): (-1, 3), ("Suspend CFE", "Build MD"): (0, 0)},
    "md_alone": {("Suspend CFE", "Abandon MD"): (4, -2), ("Suspend CFE", "Build MD"): (0, 0)},
    "serbia_blockade_offer": {
        ("Offer", "Cooperate always"): (-1, 3), ("Offer", "Cooperate only if offered"): (-1, 3),
        ("Offer", "Blockade only if offered"): (-4, 2), ("Offer", "Blockade always"): (-4, 2),
        ("No offer", "Cooperate always"): (0, 0), ("No offer", "Cooperate only if offered"): (-4, 2),
        ("No offer", "Blockade only if offered"): (0, 0), ("No offer", "Blockade always"): (-4, 2),
    },
    "kosovo_udi_unsc_eulex": {
        ("Declare", "Veto", "Deploy EULEX"): (3, -1, 1), ("Declare", "Veto", "Hold"): (-1, 0, -4),
        ("Declare", "Acquiesce", "Deploy EULEX"): (4, -2, 1), ("Declare", "Acquiesce", "Hold"): (4, -2, 0),
        ("Wait", "Veto", "Deploy EULEX"): (0, -1, -1), ("Wait", "Veto", "Hold"): (-4, 0, -4),
        ("Wait", "Acquiesce", "Deploy EULEX"): (0, 2, -1), ("Wait", "Acquiesce", "Hold"): (0, 2, 0),
    },
    "serbia_border_reinforcement_3p": {
        ("Consent", "Reinforce", "Shift north"): (3, -2, -1), ("Consent", "Reinforce", "Cover enclaves"): (3, 2, -3),
        ("Consent", "Hold", "Shift north"): (-1, -1, -1), ("Consent", "Hold", "Cover enclaves"): (-1, 0, 0),
        ("Withhold", "Reinforce", "Shift north"): (-1, -5, -1), ("Withhold", "Reinforce", "Cover enclaves"): (-1, -1, -3),
        ("Withhold", "Hold", "Shift north"): (0, -1, -1), ("Withhold", "Hold", "Cover enclaves"): (0, 0, 0),
    },
    "russia_spoiler_linkage": {
        ("Include Russia", "Cooperate"): (-1, 3), ("Include Russia", "Spoil"): (-4, 2),
        ("Exclude Russia", "Cooperate"): (0, 0), ("Exclude Russia", "Spoil"): (-3, 1),
    },
    "separatist_contagion": {
        ("Declare", "Declare"): (1, 1), ("Declare", "Stay"): (-2, 0), ("Stay", "Declare"): (0, -2), ("Stay", "Stay"): (0, 0),
    },
    "russia_iran_unsc": {
        ("Shield Iran", "Depend on Moscow"): (2, 2), ("Shield Iran", "Hedge"): (-1, 1),
        ("Join the West", "Depend on Moscow"): (0, -1), ("Join the West", "Hedge"): (0, 0),
    },
    "kosovo_status_zero_sum": {
        ("Back independence", "Veto"): (2, -2), ("Back independence", "Acquiesce"): (7, -7),
        ("Delay", "Veto"): (-3, 3), ("Delay", "Acquiesce"): (0, 0),
    },
    "eu_recognition_unbundling": {
        ("Link to unanimous recognition", "Recognize"): (4, -1),
        ("Link to unanimous recognition", "Abstain but back mission"): (0, 0),
        ("Link to unanimous recognition", "Block mission"): (0, -1),
        ("Unbundle", "Recognize"): (4, -1), ("Unbundle", "Abstain but back mission"): (3, 1),
        ("Unbundle", "Block mission"): (0, -1),
    },
}


@pytest.mark.parametrize("model_id", MINE)
def test_payoffs_at_defaults_are_the_hand_calculated_table(model_id):
    game = load(model_id).game_at()
    assert game.kind == "exact"
    table = HAND_TABLES[model_id]
    assert len(table) == game.num_profiles
    for labels, expected in table.items():
        got = game.payoff(dict(zip(game.players, labels)))
        assert tuple(got[p] for p in game.players) == tuple(F(x) for x in expected), labels


# ------------------------------------------------------------------ equilibria at the defaults
def _vec(game, spec):
    """Probability vectors from {player: label | {label: p}} (labels left out get 0)."""
    return tuple(tuple(F(x) for x in v) for v in MixedProfile(game, spec).vectors)


# The equilibria at the defaults (extreme equilibria for the degenerate blockade game), by hand.
HAND_EQUILIBRIA = {
    "cfe_alone": [{"Russia": "Suspend CFE", "US": "Build MD"}],
    "md_alone": [{"Russia": "Suspend CFE", "US": "Build MD"}],
    "serbia_blockade_offer": [
        {"West": "Offer", "Serbia": "Cooperate only if offered"},
        {"West": "Offer", "Serbia": {"Cooperate always": "3/4", "Cooperate only if offered": "1/4"}},
        {"West": "No offer", "Serbia": "Blockade always"},
    ],
    "kosovo_udi_unsc_eulex": [{"Kosovo": "Declare", "Russia": "Veto", "EU": "Deploy EULEX"}],
    "serbia_border_reinforcement_3p": [
        {"Russia": "Consent", "Serbia": {"Reinforce": "1/3", "Hold": "2/3"},
         "NATO": {"Shift north": "2/3", "Cover enclaves": "1/3"}},
        {"Russia": "Withhold", "Serbia": "Hold", "NATO": "Cover enclaves"},
        {"Russia": {"Consent": "1/3", "Withhold": "2/3"}, "Serbia": {"Reinforce": "1/5", "Hold": "4/5"},
         "NATO": "Cover enclaves"},
    ],
    "russia_spoiler_linkage": [{"US": "Exclude Russia", "Russia": "Spoil"}],
    "separatist_contagion": [
        {"Bosnian Serbs": "Declare", "Macedonian Albanians": "Declare"},
        {"Bosnian Serbs": "Stay", "Macedonian Albanians": "Stay"},
        {"Bosnian Serbs": {"Declare": "2/3", "Stay": "1/3"}, "Macedonian Albanians": {"Declare": "2/3", "Stay": "1/3"}},
    ],
    "russia_iran_unsc": [
        {"Russia": "Shield Iran", "Iran": "Depend on Moscow"},
        {"Russia": "Join the West", "Iran": "Hedge"},
        {"Russia": {"Shield Iran": "1/2", "Join the West": "1/2"}, "Iran": {"Depend on Moscow": "1/3", "Hedge": "2/3"}},
    ],
    "kosovo_status_zero_sum": [{"US": "Back independence", "Russia": "Veto"}],
    "eu_recognition_unbundling": [{"Core EU": "Unbundle", "Reluctant members": "Abstain but back mission"}],
}


def _same_set(a, b, tol):
    if len(a) != len(b):
        return False
    left = list(b)
    for x in a:
        hit = next((y for y in left if all(np.allclose(np.array(u, float), np.array(v, float), atol=tol) for u, v in zip(x, y))), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


@pytest.mark.oracle
@pytest.mark.parametrize("model_id", MINE)
def test_equilibria_at_defaults_match_the_hand_calculation_and_pygambit(model_id):
    game = load(model_id).game_at()
    expected = [_vec(game, spec) for spec in HAND_EQUILIBRIA[model_id]]
    for spec in HAND_EQUILIBRIA[model_id]:
        assert MixedProfile(game, spec).is_equilibrium(), spec
    oracle = gambit_equilibria(game)
    assert _same_set(oracle, expected, 1e-6), f"pygambit finds {oracle}"
    result = complete_solve(game)
    assert result.complete, result.method
    ours = [tuple(tuple(F(x) for x in v) for v in eq.profile.vectors) for eq in result]
    tol = 1e-9 * max(1.0, game.payoff_range())
    assert _same_set(ours, expected, tol), f"{result.method} finds {ours}"


# ------------------------------------------------------------------ degenerate models report their components
def test_blockade_game_reports_a_continuum_and_an_isolated_equilibrium():
    game = load("serbia_blockade_offer").game_at()
    assert "enumerate" in METHODS
    result = solve(game, method="enumerate")
    assert result.complete and len(result) == 3
    sizes = sorted(len(c) for c in result.components)
    assert sizes == [1, 2]
    isolated = next(c for c in result.components if len(c) == 1)
    assert _vec(game, {"West": "No offer", "Serbia": "Blockade always"}) == tuple(
        tuple(F(x) for x in v) for v in result[isolated[0]].profile.vectors
    )
    # every point of the segment q*CC + (1-q)*CB (by hand), 0 <= q <= 1 - o/sigma, is an equilibrium; beyond it is not
    for q, is_eq in [(F(0), True), (F(1, 2), True), (F(3, 4), True), (F(3, 4) + F(1, 100), False)]:
        spec = {"West": "Offer", "Serbia": {"Cooperate always": q, "Cooperate only if offered": 1 - q}}
        assert MixedProfile(game, spec).is_equilibrium() is is_eq, q


def test_border_game_at_gamma_one_reports_its_continuum():
    game = load("serbia_border_reinforcement_3p").game_at({"gamma": 1})
    assert "enumpoly" in METHODS
    result = solve(game, method="enumpoly")
    continuum = any(len(c) > 1 for c in result.components) or any("continuum" in d for d in result.diagnostics)
    assert continuum, result.diagnostics
    assert not result.complete or result.components
    # the segment, by hand: Serbia reinforces w.p. 1/3, Russia consents w.p. r_N + 1/3, NATO goes north w.p. r_N
    for r_n in [F(0), F(1, 5), F(1, 3), F(2, 3)]:
        spec = {"Russia": {"Consent": r_n + F(1, 3), "Withhold": F(2, 3) - r_n},
                "Serbia": {"Reinforce": F(1, 3), "Hold": F(2, 3)},
                "NATO": {"Shift north": r_n, "Cover enclaves": 1 - r_n}}
        assert MixedProfile(game, spec).is_equilibrium(), r_n


@pytest.mark.oracle
def test_package_game_at_eps_zero_reports_its_components():
    path = MODELS / "cfe_md_package.toml"
    assert path.is_file(), path
    model = load_model(path)
    names = [n for n in model.parameters if n.lower().startswith("eps")]
    game = model.game_at({names[0]: 0} if names else {})
    result = complete_solve(game)
    assert result.complete, result.method
    # by hand: two pure equilibria, (Yes, Yes) and (No, No), no mixed one
    assert len(result) == 2 and all(eq.is_pure for eq in result)
    oracle = gambit_equilibria(game)
    ours = [tuple(tuple(F(x) for x in v) for v in eq.profile.vectors) for eq in result]
    assert _same_set(ours, oracle, 1e-9)
    # two isolated equilibria, each its own component; the game is flagged degenerate (No is weakly dominated)
    assert sorted(len(c) for c in result.components) == [1, 1]
    assert any("degenerate" in d for d in result.diagnostics)
    # with eps_a > 0 the tie breaks and (Yes, Yes) is the only equilibrium (by hand: No is then strictly dominated)
    if names:
        assert len(complete_solve(model.game_at({names[0]: F(1, 10)}))) == 1


# ------------------------------------------------------------------ thresholds
def _defaults(model_id):
    return {n: sympy.Rational(p.default.numerator, p.default.denominator) for n, p in load(model_id).parameters.items()}


# (model, parameter, the threshold derived by hand as a function of the defaults, profile, equilibrium just below?,
# just above?)
THRESHOLDS = [
    pytest.param("cfe_alone", "c_cfe", lambda d: 0, {"Russia": "Suspend CFE", "US": "Build MD"}, False, True,
                 id="cfe_alone: Suspend is an equilibrium iff c_cfe >= 0"),
    pytest.param("md_alone", "v_md", lambda d: 0, {"Russia": "Suspend CFE", "US": "Build MD"}, False, True,
                 id="md_alone: Build is an equilibrium iff v_md >= 0"),
    pytest.param("serbia_blockade_offer", "s", lambda d: 1 - d["t"] / d["h"],
                 {"West": "No offer", "Serbia": "Blockade always"}, False, True,
                 id="blockade: (No offer, BB) iff spite s >= 1 - t/h"),
    pytest.param("serbia_blockade_offer", "s", lambda d: 1 - d["t"] / d["h"],
                 {"West": "No offer", "Serbia": "Cooperate always"}, True, False,
                 id="blockade: no offer needed iff spite s <= 1 - t/h"),
    pytest.param("serbia_blockade_offer", "sigma", lambda d: d["o"],
                 {"West": "Offer", "Serbia": "Cooperate only if offered"}, False, True,
                 id="blockade: the offer is worth paying iff sigma >= o"),
    pytest.param("kosovo_udi_unsc_eulex", "f", lambda d: d["rho"] + d["x"],
                 {"Kosovo": "Declare", "Russia": "Veto", "EU": "Deploy EULEX"}, False, True,
                 id="udi: Russia vetoes iff f >= rho + x"),
    pytest.param("serbia_border_reinforcement_3p", "gamma",
                 lambda d: d["eps"] * d["L"] / d["e_N"] - d["phi"] - d["eps"],
                 {"Russia": "Consent", "Serbia": {"Reinforce": "1/3", "Hold": "2/3"},
                  "NATO": {"Shift north": "2/3", "Cover enclaves": "1/3"}}, False, True,
                 id="border: the crisis E1 iff e_N(gamma + phi + eps) >= eps L"),
    pytest.param("russia_spoiler_linkage", "a", lambda d: d["c_S"], {"US": "Exclude Russia", "Russia": "Spoil"}, False, True,
                 id="spoiler: Russia spoils when excluded iff a >= c_S"),
    pytest.param("separatist_contagion", "omega", lambda d: d["c"] / d["V"] - d["sigma_s"],
                 {"Bosnian Serbs": "Declare", "Macedonian Albanians": "Declare"}, False, True,
                 id="contagion: joint declaration iff omega >= c/V - sigma_s"),
    pytest.param("russia_iran_unsc", "c_US", lambda d: d["mu"] + d["r_v"] * d["tau"],
                 {"Russia": "Shield Iran", "Iran": "Depend on Moscow"}, True, False,
                 id="iran: the axis iff c_US <= mu + r_v tau"),
    pytest.param("kosovo_status_zero_sum", "k_BA", lambda d: d["k_BV"],
                 {"US": "Back independence", "Russia": "Veto"}, False, True,
                 id="zero-sum: saddle at (Back, Veto) iff k_BA >= k_BV"),
    pytest.param("eu_recognition_unbundling", "r_c", lambda d: d["D_r"],
                 {"Core EU": "Link to unanimous recognition", "Reluctant members": "Recognize"}, True, False,
                 id="eu: (Link, Recognize) iff r_c <= D_r"),
]


@pytest.mark.parametrize("model_id, name, threshold, profile, below, above", THRESHOLDS)
def test_predicted_equilibrium_appears_or_disappears_at_the_hand_derived_threshold(model_id, name, threshold, profile, below, above):
    model = load(model_id)
    t = threshold(_defaults(model_id))
    t = F(int(sympy.Rational(t).p), int(sympy.Rational(t).q))
    step = F(1, 100)
    for value, expected in [(t - step, below), (t + step, above)]:
        game = model.game_at({name: value})
        sigma = MixedProfile(game, profile)
        assert sigma.is_equilibrium() is expected, (name, value, sigma.regret())


@pytest.mark.oracle
@pytest.mark.parametrize(
    "model_id, name, threshold, profile",
    [
        pytest.param("serbia_border_reinforcement_3p", "gamma", 1,
                     {"Russia": "Withhold", "Serbia": "Hold", "NATO": "Cover enclaves"}, id="border: quiet unique iff gamma < 1"),
        pytest.param("separatist_contagion", "omega", F(1, 2),
                     {"Bosnian Serbs": "Stay", "Macedonian Albanians": "Stay"}, id="contagion: staying unique iff omega < 1/2"),
        pytest.param("eu_recognition_unbundling", "r_c", 1,
                     {"Core EU": "Unbundle", "Reluctant members": "Abstain but back mission"}, id="eu: unbundling unique iff r_c > D_r"),
        pytest.param("kosovo_udi_unsc_eulex", "f", 3,
                     {"Kosovo": "Declare", "Russia": "Veto", "EU": "Deploy EULEX"}, id="udi: veto path unique iff f > 3"),
    ],
)
def test_uniqueness_changes_at_the_threshold(model_id, name, threshold, profile):
    """Below/above the threshold the predicted profile is the only equilibrium on one side only (pygambit agrees)."""
    model = load(model_id)
    uniques = []
    for value in (F(threshold) - F(1, 100), F(threshold) + F(1, 100)):
        game = model.game_at({name: value})
        oracle = gambit_equilibria(game)
        target = _vec(game, profile)
        uniques.append(_same_set(oracle, [target], 1e-6))
        result = complete_solve(game)
        if result.complete:
            ours = [tuple(tuple(F(x) for x in v) for v in eq.profile.vectors) for eq in result]
            assert _same_set(ours, oracle, 1e-6), (
                f"method {result.method!r} claims a complete list at {name} = {value} but its equilibria {ours} "
                f"differ from pygambit's {oracle}"
            )
    assert uniques[0] != uniques[1]


# ------------------------------------------------------------------ models/README.md cannot drift
def test_models_readme_is_the_fresh_output_of_the_generator():
    from gametheory.models_readme import render

    committed = (MODELS / "README.md").read_text(encoding="utf-8")
    fresh = render(MODELS)
    assert committed == fresh, "regenerate with: gametheory models-readme models/ -o models/README.md"
    for model_file in ALL_MODEL_FILES:
        assert f"file [`{model_file.name}`]" in fresh


def test_models_readme_command_check_mode(tmp_path, capsys):
    from gametheory.cli import main

    out = tmp_path / "README.md"
    assert main(["models-readme", str(MODELS), "-o", str(out)]) == 0
    assert main(["models-readme", str(MODELS), "-o", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert main(["models-readme", str(MODELS), "-o", str(out), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


@pytest.mark.oracle
def test_zero_sum_status_game_value_is_two_by_linear_programming():
    from scipy.optimize import linprog

    game = load("kosovo_status_zero_sum").game_at()
    assert game.is_constant_sum()
    A = np.array(game.payoff_tensor("US"), dtype=float)
    # max v s.t. x^T A >= v for every column, x a distribution (the US's maximin, independent of our solvers)
    m, n = A.shape
    res = linprog(c=[0] * m + [-1], A_ub=np.hstack([-A.T, np.ones((n, 1))]), b_ub=np.zeros(n),
                  A_eq=[[1] * m + [0]], b_eq=[1], bounds=[(0, 1)] * m + [(None, None)])
    assert res.success and abs(res.x[-1] - 2) < 1e-9
    (eq,) = complete_solve(game).equilibria
    assert eq.payoffs["US"] == 2 and eq.payoffs["Russia"] == -2


# ------------------------------------------------------------------ the conditions by hand hold over the whole parameter box
from functools import cache  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@cache
def _cached(model_id):
    return load(model_id)


def _delta(v):
    return v["s"] * v["h"] + v["t"] - v["c_blockade"]


# (model, profile, the closed-form condition for the profile to be an equilibrium, derived by hand)
CONDITIONS = [
    pytest.param("serbia_blockade_offer", {"West": "Offer", "Serbia": "Cooperate only if offered"},
                 lambda v: v["w"] >= _delta(v) and v["sigma"] >= v["o"], id="blockade (O, CB): w >= Delta, sigma >= o"),
    pytest.param("serbia_blockade_offer", {"West": "No offer", "Serbia": "Blockade always"},
                 lambda v: _delta(v) >= 0, id="blockade (N, BB): Delta >= 0"),
    pytest.param("serbia_blockade_offer", {"West": "No offer", "Serbia": "Cooperate always"},
                 lambda v: _delta(v) <= 0, id="blockade (N, CC): Delta <= 0"),
    pytest.param("kosovo_udi_unsc_eulex", {"Kosovo": "Declare", "Russia": "Veto", "EU": "Deploy EULEX"},
                 lambda v: v["V_K"] >= v["h_K"] and v["f"] >= v["rho"] + v["x"] and v["Z"] + v["b"] >= v["c_E"],
                 id="udi (D, V, E): V_K >= h_K, f >= rho + x, Z + b >= c_E"),
    pytest.param("serbia_border_reinforcement_3p", {"Russia": "Withhold", "Serbia": "Hold", "NATO": "Cover enclaves"},
                 lambda v: v["n"] + v["t"] - v["k_S"] <= v["r"], id="border E2: n + t - k_S <= r"),
    pytest.param("russia_spoiler_linkage", {"US": "Exclude Russia", "Russia": "Spoil"},
                 lambda v: v["a"] >= v["c_S"], id="spoiler (X, S): a >= c_S"),
    pytest.param("separatist_contagion", {"Bosnian Serbs": "Declare", "Macedonian Albanians": "Declare"},
                 lambda v: (v["sigma_s"] + v["omega"]) * v["V"] >= v["c"], id="contagion (D, D): (sigma_s + omega) V >= c"),
    pytest.param("separatist_contagion", {"Bosnian Serbs": "Stay", "Macedonian Albanians": "Stay"},
                 lambda v: v["sigma_s"] * v["V"] <= v["c"], id="contagion (S, S): sigma_s V <= c"),
    pytest.param("russia_iran_unsc", {"Russia": "Shield Iran", "Iran": "Depend on Moscow"},
                 lambda v: v["mu"] + v["r_v"] * v["tau"] >= v["c_US"] and v["P"] - v["a_I"] >= v["P_h"],
                 id="iran (S, D): mu + r_v tau >= c_US, P - a_I >= P_h"),
    pytest.param("kosovo_status_zero_sum", {"US": "Back independence", "Russia": "Veto"},
                 lambda v: v["k_DV"] <= v["k_BV"] <= v["k_BA"], id="zero-sum saddle: k_DV <= k_BV <= k_BA"),
    pytest.param("eu_recognition_unbundling", {"Core EU": "Link to unanimous recognition", "Reluctant members": "Recognize"},
                 lambda v: v["D_r"] >= v["r_c"], id="eu (U, R): D_r >= r_c"),
]


@st.composite
def _values_in_ranges(draw, model_id):
    """Parameter values on a grid of quarters inside each declared range (so ties are hit too)."""
    out = {}
    for name, p in _cached(model_id).parameters.items():
        lo, hi = p.range
        k = draw(st.integers(0, int((hi - lo) * 4)))
        out[name] = lo + F(k, 4)
    return out


@pytest.mark.parametrize("model_id, profile, condition", CONDITIONS)
def test_the_hand_derived_condition_decides_the_equilibrium_over_the_parameter_ranges(model_id, profile, condition):
    @settings(max_examples=40, deadline=None)
    @given(_values_in_ranges(model_id))
    def check(values):
        game = _cached(model_id).game_at(values)
        assert MixedProfile(game, profile).is_equilibrium() is bool(condition(values)), values

    check()
