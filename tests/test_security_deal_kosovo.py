"""The cross-issue model (models/security_deal_kosovo.toml): a security deal, then the Kosovo game.

Stage 1 is the CFE/missile-defense package of models/cfe_md_package.toml (Russia and the US say Yes or No at
once); stage 2, after each of its four outcomes, Russia makes a fuss or seeks a modus operandi and the US,
seeing which, accommodates Russia's face or insists.  The Kosovo payoffs are written here by hand from the
model's description (R = v_nomd - c_cfe and U = v_cfe - v_md are what the swap is worth to each side; a
quarrel unravels a deal that was made with probability q):

=============================  ===========================  ==============================
Kosovo outcome                 Russia                       US
=============================  ===========================  ==============================
modus operandi, accommodate    f_R                          -c_face
modus operandi, insist         -q R [deal]                  -q U [deal]
fuss, accommodate              gamma + f_R - q R [deal]     -p - c_face - q U [deal]
fuss, insist                   gamma - q R [deal]           -p - q U [deal]
=============================  ===========================  ==============================

The subgame-perfect equilibria are computed here independently of the package's solvers: backward induction
in each Kosovo subgame (every optimal choice kept, so ties give several), then the 2x2 stage-1 game with the
continuation values, solved by brute force over its four pure profiles plus the fully mixed equilibrium
when the indifference conditions have one in (0, 1).  Hand-derived thresholds (the model's header):
with the deal the US accommodates a modus operandi iff c_face < q U, and Russia seeks one iff, in addition,
gamma < f_R + q R; without the deal Russia fusses and the US insists; (No, No) is an equilibrium of stage 1
iff eps_a = 0.
"""

from __future__ import annotations

import itertools
import random
import re
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.io.model import load_model, load_tree_model
from gametheory.predictions import check_model, check_tree_prediction
from gametheory.tree.spe import solve_spe

MODELS = Path(__file__).resolve().parents[1] / "models"
MODEL = load_tree_model(MODELS / "security_deal_kosovo.toml")
PACKAGE = load_model(MODELS / "cfe_md_package.toml")

DEFAULTS = {"v_nomd": F(4), "c_cfe": F(1), "v_cfe": F(3), "v_md": F(2), "g": F(0), "eps_a": F(0), "gamma": F(3),
            "p": F(3), "f_R": F(2), "c_face": F(1, 4), "q": F(1, 2)}
SHARED = ("v_nomd", "c_cfe", "v_cfe", "v_md", "g", "eps_a")  # the package model's parameters
YES, NO = "Yes", "No"
FUSS, MO = "Fuss", "Modus operandi"
ACC, INS = "Accommodate", "Insist"
# stage-2 subgame after each stage-1 profile (Russia's answer, the US's answer), by the node ids of the file
SUBGAMES = {(YES, YES): "deal", (YES, NO): "US no", (NO, YES): "Russia no", (NO, NO): "both no"}
MOVE_ID = {FUSS: "fuss", MO: "modus operandi"}
ANSWER_ID = {ACC: "accommodate", INS: "insist"}


def at(**changes):
    values = dict(DEFAULTS)
    values.update({k: F(v) for k, v in changes.items()})
    return values


# ------------------------------------------------------------------ the hand model
def kosovo_payoffs(v, deal):
    """{(move, answer): (Russia, US)} of the Kosovo stage, by hand (the table of the module docstring)."""
    risk_r = v["q"] * (v["v_nomd"] - v["c_cfe"]) if deal else F(0)
    risk_u = v["q"] * (v["v_cfe"] - v["v_md"]) if deal else F(0)
    return {
        (MO, ACC): (v["f_R"], -v["c_face"]),
        (MO, INS): (-risk_r, -risk_u),
        (FUSS, ACC): (v["gamma"] + v["f_R"] - risk_r, -v["p"] - v["c_face"] - risk_u),
        (FUSS, INS): (v["gamma"] - risk_r, -v["p"] - risk_u),
    }


def package_table(v):
    """{(Russia, US): (Russia, US)}: the payoff table of models/cfe_md_package.toml at the shared values."""
    game = PACKAGE.game_at({k: v[k] for k in SHARED})
    out = {}
    for r, u in itertools.product((YES, NO), repeat=2):
        cell = game.payoff({"Russia": r, "US": u})
        out[(r, u)] = (F(cell["Russia"]), F(cell["US"]))
    return out


def kosovo_spes(pay):
    """Every pure subgame-perfect equilibrium of one Kosovo subgame: (Russia's move, {move: US answer}, values)."""
    best = {}
    for move in (FUSS, MO):
        top = max(pay[(move, a)][1] for a in (ACC, INS))
        best[move] = [a for a in (ACC, INS) if pay[(move, a)][1] == top]
    out = []
    for fuss_answer, mo_answer in itertools.product(best[FUSS], best[MO]):
        answers = {FUSS: fuss_answer, MO: mo_answer}
        top = max(pay[(m, answers[m])][0] for m in (FUSS, MO))
        for move in (FUSS, MO):
            if pay[(move, answers[move])][0] == top:
                out.append((move, answers, pay[(move, answers[move])]))
    return out


def stage_one_equilibria(table):
    """The equilibria of the 2x2 stage-1 game: pure by brute force, and the fully mixed one if any.

    Each is (P(Russia says Yes), P(US says Yes)).
    """
    out = []
    for r, u in itertools.product((YES, NO), repeat=2):
        r_other, u_other = (NO if r == YES else YES), (NO if u == YES else YES)
        if table[(r, u)][0] >= table[(r_other, u)][0] and table[(r, u)][1] >= table[(r, u_other)][1]:
            out.append((F(r == YES), F(u == YES)))
    # x = P(Russia Yes) makes the US indifferent, y = P(US Yes) makes Russia indifferent
    du = (table[(YES, YES)][1] - table[(YES, NO)][1]) - (table[(NO, YES)][1] - table[(NO, NO)][1])
    dr = (table[(YES, YES)][0] - table[(NO, YES)][0]) - (table[(YES, NO)][0] - table[(NO, NO)][0])
    if du != 0 and dr != 0:
        x = (table[(NO, NO)][1] - table[(NO, YES)][1]) / du
        y = (table[(NO, NO)][0] - table[(YES, NO)][0]) / dr
        if 0 < x < 1 and 0 < y < 1:
            out.append((x, y))
    return out


def backward_induction(v):
    """Every subgame-perfect equilibrium the hand model has, as {player: {infoset key: {action: probability}}}."""
    package = package_table(v)
    per_subgame = {s1: kosovo_spes(kosovo_payoffs(v, s1 == (YES, YES))) for s1 in SUBGAMES}
    out = []
    for picks in itertools.product(*(per_subgame[s1] for s1 in SUBGAMES)):
        chosen = dict(zip(SUBGAMES, picks))
        table = {s1: tuple(a + b for a, b in zip(package[s1], chosen[s1][2])) for s1 in SUBGAMES}
        for x, y in stage_one_equilibria(table):
            russia = {"1": {YES: x, NO: 1 - x}}
            us = {"US on the package": {YES: y, NO: 1 - y}}
            for s1, name in SUBGAMES.items():
                move, answers, _ = chosen[s1]
                russia[name] = {FUSS: F(move == FUSS), MO: F(move == MO)}
                for m in (FUSS, MO):
                    us[f"{name}, {MOVE_ID[m]}"] = {ACC: F(answers[m] == ACC), INS: F(answers[m] == INS)}
            out.append({"Russia": russia, "US": us})
    return out


def canonical(profiles):
    return sorted(repr(sorted((p, sorted((k, sorted(d.items())) for k, d in sets.items()))
                              for p, sets in prof.items())) for prof in profiles)


def engine_spes(v):
    result = solve_spe(MODEL.tree_at(v))
    assert result.complete
    return [eq.behavior.as_dict() for eq in result.equilibria]


def node(tree, label):
    return tree.node_labels.index(label)


# ------------------------------------------------------------------ the file against the hand model
def test_shares_the_package_models_parameters():
    for name in SHARED:
        mine, theirs = MODEL.parameters[name], PACKAGE.parameters[name]
        assert (mine.default, mine.meaning, mine.status) == (theirs.default, theirs.meaning, theirs.status), name
    assert MODEL.section == "Cutting Russia Back In: a modus operandi on Kosovo"


def test_the_us_does_not_see_russias_package_answer_and_each_kosovo_stage_is_a_subgame():
    tree = MODEL.tree_at()
    us_sets = {tree.infoset_of(node(tree, "Russia says yes")), tree.infoset_of(node(tree, "Russia says no"))}
    assert len(us_sets) == 1
    roots = {tree.node_label(r) for r in tree.subgame_roots()}
    assert set(SUBGAMES.values()) <= roots
    assert "Russia says yes" not in roots


def _terminal_payoffs_match(v):
    tree = MODEL.tree_at(v)
    package = package_table(v)
    for s1, name in SUBGAMES.items():
        kosovo = kosovo_payoffs(v, s1 == (YES, YES))
        for (move, answer), cont in kosovo.items():
            leaf = node(tree, f"{name}, {MOVE_ID[move]}, {ANSWER_ID[answer]}")
            path = [a for _, a in tree.path(leaf)]
            assert path == [s1[0], s1[1], move, answer]
            want = tuple(a + b for a, b in zip(package[s1], cont))
            got = tree.payoff(leaf)
            assert (got["Russia"], got["US"]) == want, (name, move, answer, v)


def test_terminal_payoffs_are_the_package_table_plus_the_kosovo_stage_at_the_defaults():
    _terminal_payoffs_match(DEFAULTS)
    tree = MODEL.tree_at()
    # two by hand: the deal and an accommodated modus operandi; the deal, a fuss and insistence
    assert tree.payoff(node(tree, "deal, modus operandi, accommodate")) == {"Russia": 5, "US": F(3, 4)}
    assert tree.payoff(node(tree, "deal, fuss, insist")) == {"Russia": F(9, 2), "US": F(-5, 2)}


def _random_point(rng):
    v = {}
    for name, par in MODEL.parameters.items():
        lo, hi = par.range
        if name in SHARED:  # inside both models' ranges
            plo, phi = PACKAGE.parameters[name].range
            lo, hi = max(lo, plo), min(hi, phi)
        v[name] = F(lo) + (F(hi) - F(lo)) * F(rng.randint(0, 60), 60)
    return v


def test_terminal_payoffs_are_the_package_table_plus_the_kosovo_stage_at_random_points():
    rng = random.Random(16)
    for _ in range(15):
        _terminal_payoffs_match(_random_point(rng))


# ------------------------------------------------------------------ equilibria: the engine against backward induction
POINTS = {
    "defaults": {},
    "credit for backing": {"eps_a": "1/2"},
    "gamma just below 7/2": {"gamma": "17/5", "eps_a": "1/2"},
    "gamma above 7/2": {"gamma": 4},
    "gamma above 7/2, credit": {"gamma": 4, "eps_a": "1/2"},
    "gamma 4, v_nomd 6 (threshold 9/2)": {"gamma": 4, "v_nomd": 6, "eps_a": "1/2"},
    "f_R below 3/2": {"f_R": 1, "eps_a": "1/2"},
    "f_R just above 3/2": {"f_R": "8/5"},
    "c_face just below 1/2": {"c_face": "9/20", "eps_a": "1/2"},
    "c_face above 1/2": {"c_face": 1},
    "q = 0": {"q": 0},
    "q between 1/4 and 1/3": {"q": "3/10", "eps_a": "1/2"},
    "q below 1/4": {"q": "1/5"},
    "q just above 1/3": {"q": "7/20", "eps_a": "1/2"},
    "q = 1": {"q": 1, "gamma": "9/2", "eps_a": "1/2"},
    "tie: gamma = f_R + q R": {"q": 1, "gamma": 5},  # Russia indifferent after the deal: two SPEs
}
TIES = ("tie: gamma = f_R + q R",)


@pytest.mark.parametrize("name", list(POINTS))
def test_the_trees_subgame_perfect_equilibria_are_those_of_backward_induction(name):
    v = at(**POINTS[name])
    mine = backward_induction(v)
    assert mine
    assert canonical(engine_spes(v)) == canonical(mine)


def _deal_stage(v):
    """(Russia's move, the US's answer to a modus operandi) after the deal, as every SPE of the hand model plays."""
    found = {(sp["Russia"]["deal"][MO] == 1, sp["US"]["deal, modus operandi"][ACC] == 1) for sp in backward_induction(v)}
    assert len(found) == 1
    mo, acc = found.pop()
    return (MO if mo else FUSS), (ACC if acc else INS)


def _hand_rule(v):
    """The thresholds derived by hand: the US accommodates iff c_face < q U; Russia seeks it iff also gamma < f_R + q R."""
    accommodates = v["c_face"] < v["q"] * (v["v_cfe"] - v["v_md"])
    seeks = accommodates and v["gamma"] < v["f_R"] + v["q"] * (v["v_nomd"] - v["c_cfe"])
    return (MO if seeks else FUSS), (ACC if accommodates else INS)


@pytest.mark.parametrize("name", [p for p in POINTS if p not in TIES])
def test_the_deal_stage_follows_the_hand_thresholds(name):
    v = at(**POINTS[name])
    assert _deal_stage(v) == _hand_rule(v)
    # without the deal Russia always fusses and the US insists on either move
    for sp in backward_induction(v):
        for s1 in ("US no", "Russia no", "both no"):
            assert sp["Russia"][s1][FUSS] == 1
            assert sp["US"][f"{s1}, fuss"][INS] == 1 and sp["US"][f"{s1}, modus operandi"][INS] == 1


def test_the_thresholds_over_random_points_on_both_sides():
    """Random points of the ranges: the engine's SPEs, backward induction and the hand rule agree off the ties."""
    rng = random.Random(2007)
    sides = set()
    for _ in range(40):
        v = _random_point(rng)
        us_gap = v["c_face"] - v["q"] * (v["v_cfe"] - v["v_md"])
        ru_gap = v["gamma"] - v["f_R"] - v["q"] * (v["v_nomd"] - v["c_cfe"])
        if us_gap == 0 or ru_gap == 0 or v["gamma"] == 0:
            continue
        assert _deal_stage(v) == _hand_rule(v)
        assert canonical(engine_spes(v)) == canonical(backward_induction(v))
        sides.add(_hand_rule(v))
    assert len(sides) >= 2  # both outcomes of the deal stage were met


def test_at_the_tie_russia_has_both_moves_after_the_deal():
    spes = backward_induction(at(**POINTS["tie: gamma = f_R + q R"]))
    assert {sp["Russia"]["deal"][MO] for sp in spes if sp["Russia"]["1"][YES] == 1} == {0, 1}


def test_stage_one_refusal_is_an_equilibrium_exactly_at_eps_a_zero():
    for eps_a, n in ((0, 2), ("1/2", 1), (1, 1)):
        spes = backward_induction(at(eps_a=eps_a))
        assert len(spes) == n
        assert {(sp["Russia"]["1"][YES], sp["US"]["US on the package"][YES]) for sp in spes} == (
            {(1, 1), (0, 0)} if n == 2 else {(1, 1)})


# ------------------------------------------------------------------ check: the file's predictions
def test_every_prediction_holds_and_says_whose_it_is(article_text):
    report = check_model(MODEL)
    assert [v.status for v in report.verdicts] == ["holds"] * len(MODEL.predictions)
    space = re.compile(r"\s+")
    text = space.sub(" ", article_text)
    kinds = set()
    for pred in MODEL.predictions:
        assert pred.source in ("article", "model")
        kinds.add(pred.kind)
        if pred.source == "article":
            assert pred.quote and space.sub(" ", pred.quote) in text
        else:
            assert not pred.quote and pred.claim.startswith("In the model")
    assert kinds == {"subgame_perfect", "not_subgame_perfect", "spe_path"}
    for q in list(MODEL.quotes) + [p.quote for p in MODEL.parameters.values() if p.quote]:
        assert space.sub(" ", q) in text


def _profile(v):
    """The pure profile the hand model plays at v (it has one there)."""
    spes = [sp for sp in backward_induction(v) if sp["Russia"]["1"][YES] == 1]
    assert len(spes) == 1
    return {p: {k: next(a for a, pr in d.items() if pr == 1) for k, d in sets.items()} for p, sets in spes[0].items()}


def test_the_article_profile_stops_being_subgame_perfect_across_each_threshold():
    article = _profile(DEFAULTS)
    assert article["Russia"]["deal"] == MO and article["US"]["deal, modus operandi"] == ACC
    for change in ({"gamma": 4}, {"c_face": 1}, {"q": 0}, {"q": "3/10"}, {"f_R": 1}):
        v = at(**change)
        verdict = check_tree_prediction(MODEL.tree_at(v), "not_subgame_perfect", article)
        assert verdict.status == "holds", change
        assert check_tree_prediction(MODEL.tree_at(v), "subgame_perfect", _profile(v)).status == "holds", change


def test_the_stage_one_solver_of_this_file_finds_a_mixed_equilibrium():
    """Battle of the sexes (2 and 1): two pure equilibria and, by the indifference conditions, (2/3, 1/3)."""
    table = {(YES, YES): (F(2), F(1)), (YES, NO): (F(0), F(0)), (NO, YES): (F(0), F(0)), (NO, NO): (F(1), F(2))}
    assert sorted(stage_one_equilibria(table)) == [(0, 0), (F(2, 3), F(1, 3)), (1, 1)]
