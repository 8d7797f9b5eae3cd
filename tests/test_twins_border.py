"""The border crisis and its sequential twin (issue 16): models/serbia_border_reinforcement_3p.toml (Russia,
Serbia and NATO move at once) and models/serbia_border_reinforcement_tree.toml (Russia, then Serbia seeing
Russia's move, then NATO seeing both).

Every expected value comes from this file: the payoff formulas re-typed from the model's definition, a
backward induction over those formulas (branching at ties), and a brute-force search of the twin's pure
equilibria; the program's tree, game and subgame-perfect solver are compared with them.

Backward induction by hand (0 < e_N < L, n + t - k_S < r, n > 0):
NATO goes north after a reinforcement (-e_N > -L) and stays with the enclaves after a hold (0 > -e_N).
Serbia, with consent, reinforces iff t - k_S - e_S > 0 (-2 at the defaults); without consent it holds
(t - k_S - r - e_S < -n - e_S < 0). Russia consents iff Serbia would reinforce and gamma > 0; if Serbia
would hold, it withholds iff eps > 0. So the subgame-perfect path is the border crisis
(Consent, Reinforce, Shift north) iff t - k_S - e_S > 0 and gamma > 0, else the quiet
(Withhold, Hold, Cover enclaves) (for eps > 0); the twin's thresholds (gamma = 1, e_N = 3/5) play no role.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.io.model import load_model, load_tree_model
from gametheory.predictions import check_model
from gametheory.tree.deviations import pure_subgame_perfect_profiles

MODELS = Path(__file__).resolve().parents[1] / "models"
TWIN = load_model(MODELS / "serbia_border_reinforcement_3p.toml")
TREE = load_tree_model(MODELS / "serbia_border_reinforcement_tree.toml")

PLAYERS = ("Russia", "Serbia", "NATO")
ACTIONS = (("Consent", "Withhold"), ("Reinforce", "Hold"), ("Shift north", "Cover enclaves"))
PROFILES = list(itertools.product(*ACTIONS))
QUIET = ("Withhold", "Hold", "Cover enclaves")
CRISIS = ("Consent", "Reinforce", "Shift north")

# The points of the tree's predictions: at t = 2, k_S = 1, r = 5 the threshold is e_S = t - k_S = 1.
A = {"t": 2, "k_S": 1, "r": 5, "e_S": F(3, 2)}
B = {"t": 2, "k_S": 1, "r": 5, "e_S": F(1, 2)}


def values(given=None) -> dict:
    out = {name: p.default for name, p in TWIN.parameters.items()}
    out.update({k: F(v) for k, v in (given or {}).items()})
    return out


def by_hand(v: dict, profile: tuple) -> tuple:
    """The payoffs (Russia, Serbia, NATO) of an action triple, from the model's formulas."""
    consent, reinforce, north = profile[0] == "Consent", profile[1] == "Reinforce", profile[2] == "Shift north"
    if consent:
        russia = v["gamma"] if reinforce else -v["eps"]
    else:
        russia = -v["phi"] if reinforce else F(0)
    serbia = -v["e_S"] if north else F(0)
    if reinforce:
        serbia += v["t"] - v["k_S"] - (0 if consent else v["r"]) + (0 if north else v["n"])
    nato = -v["e_N"] if north else (-v["L"] if reinforce else F(0))
    return russia, serbia, nato


def random_point(rng: random.Random, box: dict | None = None) -> dict:
    """A rational point of the declared ranges, or of the sub-ranges in ``box`` (thousandths of each range)."""
    out = {}
    for name, p in TWIN.parameters.items():
        lo, hi = (box or {}).get(name, p.range)
        out[name] = F(lo) + (F(hi) - F(lo)) * F(rng.randint(0, 1000), 1000)
    return out


def assumptions_hold(v: dict) -> bool:
    d = v["n"] + v["t"] - v["k_S"]
    return 0 < d < v["r"] and 0 < v["e_N"] < v["L"]


# Uniform points of the box, and points of a sub-box where the crisis can be subgame perfect
# (t - k_S - e_S ranges over [-3/2, 1], n + t - k_S <= 3 < r): the uniform ones rarely have t > k_S + e_S.
CRISIS_BOX = {"t": (F(3, 2), 2), "k_S": (1, F(3, 2)), "e_S": (0, F(3, 2)), "n": (1, 2), "r": (4, 5)}
RANDOM_POINTS = ([random_point(random.Random(seed)) for seed in range(30)]
                 + [random_point(random.Random(seed), CRISIS_BOX) for seed in range(30, 45)])


# ------------------------------------------------------------------ the same parameters, the same leaves
def test_the_tree_keeps_the_twins_parameters_and_assumptions():
    assert list(TREE.parameters) == list(TWIN.parameters)
    for name, p in TWIN.parameters.items():
        q = TREE.parameters[name]
        assert (q.default, q.range, q.meaning, q.quote, q.status) == (p.default, p.range, p.meaning, p.quote, p.status)
    assert TREE.assumption_texts == TWIN.assumption_texts
    assert TREE.section == TWIN.section == "Cutting Russia Out: Moscow as Belgrade's backstop"
    assert TREE.players == TWIN.players == PLAYERS


def test_the_defaults_respect_the_assumptions_and_e_N_below_L_over_the_whole_box():
    assert assumptions_hold(values())
    assert TWIN.parameters["e_N"].range[1] < TWIN.parameters["L"].range[0]
    for point in (A, B):
        assert assumptions_hold(values(point))


def leaf(tree, profile):
    v = tree.root
    for action in profile:
        v = tree.child(v, action)
    assert tree.is_terminal(v)
    return v


@pytest.mark.parametrize("point", [None, A, B] + RANDOM_POINTS[::4],
                         ids=["defaults", "A", "B"] + [f"random {k}" for k in range(0, len(RANDOM_POINTS), 4)])
def test_every_leaf_has_the_twins_payoffs(point):
    v = values(point)
    tree, game = TREE.tree_at(v), TWIN.game_at(v)
    assert tree.kind == "exact" and game.kind == "exact"
    leaves = {leaf(tree, profile) for profile in PROFILES}
    assert len(leaves) == len(tree.terminals) == 8  # one leaf per action triple, and no other leaf
    for profile in PROFILES:
        expected = by_hand(v, profile)
        got_tree = tree.payoff(leaf(tree, profile))
        got_game = game.payoff(dict(zip(PLAYERS, profile)))
        assert tuple(got_tree[p] for p in PLAYERS) == expected, profile
        assert tuple(got_game[p] for p in PLAYERS) == expected, profile


def test_the_defaults_table_by_hand():
    # (Russia, Serbia, NATO) at n=3, t=1, k_S=2, r=3, e_S=1, e_N=1, L=3, gamma=3, eps=1, phi=1
    table = {CRISIS: (3, -2, -1), ("Consent", "Reinforce", "Cover enclaves"): (3, 2, -3),
             ("Withhold", "Reinforce", "Shift north"): (-1, -5, -1), QUIET: (0, 0, 0)}
    for profile, expected in table.items():
        assert by_hand(values(), profile) == expected


# ------------------------------------------------------------------ backward induction, written here
def spe_by_hand(v: dict) -> set:
    """Every pure subgame-perfect profile, as frozensets of (history, action), by backward induction.

    A history is the tuple of actions before the node. Ties branch: each maximiser gives its own profiles.
    """
    def solve(history: tuple) -> list:
        """[(payoffs, {history: action})] for every subgame-perfect play of the subgame at ``history``."""
        depth = len(history)
        if depth == 3:
            return [(by_hand(v, history), {})]
        options = [solve(history + (action,)) for action in ACTIONS[depth]]
        # a subgame-perfect profile of this subgame: one in each child's subgame, the mover's choice optimal
        out = []
        for combo in itertools.product(*options):
            for k, (u, _) in enumerate(combo):
                if all(u[depth] >= other[0][depth] for other in combo):
                    merged = {}
                    for _, p in combo:
                        merged.update(p)
                    merged[history] = ACTIONS[depth][k]
                    out.append((u, merged))
        return out

    return {frozenset(plan.items()) for _, plan in solve(())}


def spe_by_program(tree) -> set:
    out = set()
    for choices in pure_subgame_perfect_profiles(tree):
        plan = {}
        for k, a in choices.items():
            (node,) = tree.infoset_nodes(k)
            plan[tuple(action for _, action in tree.path(node))] = tree.infoset_actions(k)[a]
        out.add(frozenset(plan.items()))
    return out


def path_of(plan: frozenset) -> tuple:
    choice = dict(plan)
    history: tuple = ()
    while len(history) < 3:
        history += (choice[history],)
    return history


# Each threshold claimed in the tree model, with points on both sides (and at the tie where the range has one).
THRESHOLD_POINTS = [
    pytest.param({}, {QUIET}, id="defaults"),
    pytest.param(A, {QUIET}, id="A: e_S = 3/2 > t - k_S"),
    pytest.param(B, {CRISIS}, id="B: e_S = 1/2 < t - k_S"),
    pytest.param({**B, "e_S": 1 + F(1, 100)}, {QUIET}, id="e_S just above t - k_S = 1"),
    pytest.param({**B, "e_S": 1 - F(1, 100)}, {CRISIS}, id="e_S just below t - k_S = 1"),
    pytest.param({**B, "e_S": 1}, {QUIET, CRISIS}, id="e_S = t - k_S: Serbia indifferent"),
    pytest.param({**B, "gamma": F(1, 100)}, {CRISIS}, id="crisis for any gamma > 0"),
    pytest.param({**B, "gamma": 0}, {CRISIS, QUIET}, id="gamma = 0: Russia indifferent"),
    pytest.param({"eps": F(1, 100)}, {QUIET}, id="quiet for any eps > 0"),
    pytest.param({"eps": 0}, {QUIET, ("Consent", "Hold", "Cover enclaves")}, id="eps = 0: Russia indifferent"),
    # the twin's levers, on both sides of the twin's thresholds, do not move the tree's outcome
    pytest.param({"gamma": 1 - F(1, 100)}, {QUIET}, id="twin's gamma = 1, below"),
    pytest.param({"gamma": 1 + F(1, 100)}, {QUIET}, id="twin's gamma = 1, above"),
    pytest.param({"e_N": F(3, 5) - F(1, 100)}, {QUIET}, id="twin's e_N = 3/5, below"),
    pytest.param({"e_N": F(3, 5) + F(1, 100)}, {QUIET}, id="twin's e_N = 3/5, above"),
    pytest.param({**B, "gamma": F(1, 2)}, {CRISIS}, id="B with the twin's engagement gamma = 1/2"),
]


@pytest.mark.parametrize("point, paths", THRESHOLD_POINTS)
def test_the_subgame_perfect_equilibria_are_the_backward_induction_by_hand(point, paths):
    v = values(point)
    assert assumptions_hold(v)
    mine = spe_by_hand(v)
    assert {path_of(plan) for plan in mine} == paths
    assert spe_by_program(TREE.tree_at(v)) == mine


@pytest.mark.parametrize("v", RANDOM_POINTS, ids=[f"seed {s}" for s in range(len(RANDOM_POINTS))])
def test_backward_induction_and_the_closed_form_agree_at_random_points(v):
    mine = spe_by_hand(v)
    assert spe_by_program(TREE.tree_at(v)) == mine
    if assumptions_hold(v) and v["t"] - v["k_S"] - v["e_S"] != 0 and v["gamma"] != 0 and v["eps"] != 0:
        crisis = v["t"] - v["k_S"] - v["e_S"] > 0 and v["gamma"] > 0
        assert {path_of(plan) for plan in mine} == {CRISIS if crisis else QUIET}, v


def test_the_random_points_cover_both_outcomes():
    regular = [v for v in RANDOM_POINTS if assumptions_hold(v)]
    assert len(regular) >= 10
    assert {v["t"] - v["k_S"] - v["e_S"] > 0 for v in regular} == {True, False}


# ------------------------------------------------------------------ the twin's pure equilibria, by brute force
def pure_equilibria_of_twin(v: dict) -> set:
    game = TWIN.game_at(v)
    out = set()
    for profile in PROFILES:
        u = game.payoff(dict(zip(PLAYERS, profile)))
        stable = True
        for i, player in enumerate(PLAYERS):
            for other in ACTIONS[i]:
                deviation = profile[:i] + (other,) + profile[i + 1:]
                if game.payoff(dict(zip(PLAYERS, deviation)))[player] > u[player]:
                    stable = False
        if stable:
            out.add(profile)
    return out


@pytest.mark.parametrize("point, twin_pure, spe_path", [
    pytest.param({}, {QUIET}, QUIET, id="defaults: E2 is the twin's only pure equilibrium and the SPE outcome"),
    pytest.param(A, {QUIET, CRISIS}, QUIET, id="A: the twin's pure crisis is not the SPE outcome"),
    pytest.param(B, {QUIET, CRISIS}, CRISIS, id="B: the twin's quiet equilibrium is not the SPE outcome"),
])
def test_which_pure_equilibria_of_the_twin_are_the_spe_outcome(point, twin_pure, spe_path):
    v = values(point)
    assert pure_equilibria_of_twin(v) == twin_pure
    assert {path_of(plan) for plan in spe_by_hand(v)} == {spe_path}


@pytest.mark.parametrize("v", [values()] + [v for v in RANDOM_POINTS if assumptions_hold(v)])
def test_under_the_assumptions_every_spe_outcome_is_a_pure_equilibrium_of_the_twin(v):
    # by hand: NATO's reply is a best reply to Serbia's move; a quiet outcome is stable for Serbia because
    # n + t - k_S < r and for Russia because eps >= 0; a crisis because t - k_S >= e_S >= 0 and gamma >= -phi
    twin = pure_equilibria_of_twin(v)
    assert {path_of(plan) for plan in spe_by_hand(v)} <= twin


def test_the_twins_mixed_equilibria_need_a_nato_that_does_not_see_serbias_move():
    # E1 and E3 put weight on NATO covering the enclaves while Serbia reinforces; in the tree NATO, seeing a
    # reinforcement, goes north in every subgame-perfect equilibrium (L > e_N), so neither survives.
    v = values()
    assert v["L"] > v["e_N"] > 0
    for plan in spe_by_hand(v):
        choice = dict(plan)
        assert choice[("Consent", "Reinforce")] == choice[("Withhold", "Reinforce")] == "Shift north"
        assert choice[("Consent", "Hold")] == choice[("Withhold", "Hold")] == "Cover enclaves"


# ------------------------------------------------------------------ the predictions, their sources and quotes
@pytest.mark.parametrize("model", [TWIN, TREE], ids=["twin", "tree"])
def test_every_prediction_holds_and_says_whose_it_is(model, article_text):
    check = check_model(model)
    assert [v.status for v in check.verdicts] == ["holds"] * len(model.predictions)
    assert not check.violated_assumptions
    text = " ".join(article_text.split())
    for pred in model.predictions:
        assert pred.source in ("article", "model"), pred.claim
        if pred.source == "article":
            assert pred.quote and " ".join(pred.quote.split()) in text, pred.claim
        else:
            assert not pred.quote and pred.claim.startswith("In the model"), pred.claim
    quotes = list(model.quotes) + [p.quote for p in model.parameters.values() if p.quote]
    assert all(" ".join(q.split()) in text for q in quotes)
    # "such tempers can be cooled" is about nearby separatists, not about the border crisis
    everything = quotes + [p.quote for p in model.predictions]
    assert not any("tempers can be cooled" in q for q in everything)


def test_the_tree_has_the_kinds_the_issue_asks_for():
    kinds = [(p.kind, bool(p.at)) for p in TREE.predictions]
    assert ("spe_path", False) in kinds and ("subgame_perfect", False) in kinds
    assert ("not_subgame_perfect", True) in kinds and ("spe_path", True) in kinds
    # the twin's pure crisis, played at every node, is claimed not subgame perfect at A
    twin_crisis = [p for p in TREE.predictions if p.kind == "not_subgame_perfect" and p.at
                   and all(set(p.profile[q].values()) == {a} for q, a in zip(PLAYERS, CRISIS))]
    assert len(twin_crisis) == 1 and values(twin_crisis[0].at) == values(A)


@pytest.mark.parametrize("name", list(TWIN.parameters))
def test_the_same_param_works_on_both(name):
    p = TWIN.parameters[name]
    value = (p.range[0] + p.range[1]) / 2
    v = values({name: value})
    tree, game = TREE.tree_at({name: value}), TWIN.game_at({name: value})
    for profile in PROFILES:
        expected = by_hand(v, profile)
        assert tuple(tree.payoff(leaf(tree, profile))[q] for q in PLAYERS) == expected
        assert tuple(game.payoff(dict(zip(PLAYERS, profile)))[q] for q in PLAYERS) == expected
