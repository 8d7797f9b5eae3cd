"""The spoiler and declaration games in sequence (trees) against their normal-form twins, and the spoiler's
repeated version.

Twins: ``russia_spoiler_tree`` / ``russia_spoiler_linkage`` and ``kosovo_declaration_tree`` /
``kosovo_udi_unsc_eulex`` share every parameter (name, default, range, meaning), and each leaf of a tree carries
the twin's payoffs for the action profile its path picks (the declaration tree's "No green light" leaf is the
twin's status quo, (Wait, Acquiesce, Hold)).  Checked at the defaults against tables written by hand, and at
random rational points of the ranges against the twin.

Subgame perfection: a backward induction written here (branching at ties, so it lists every pure
subgame-perfect profile) is compared with the library's, at the defaults and on both sides of each threshold,
whose side is derived by hand:

- spoiler: an included Russia cooperates (c_S > 0), an excluded one spoils (a > c_S), so the US includes
  iff -c_I > -p, i.e. p > c_I;
- declaration: the EU deploys after a veto (b - c_E > -Z) and after Russia acquiesces to a declaration iff
  b > c_E; Russia vetoes a declaration iff -x > rho - f, i.e. f > rho + x; Kosovo declares (V_K > h_K); the EU
  gives the green light iff its payoff on the path beats the status quo's 0: b - c_E > 0.

Repetition (grim trigger on the spoiler's stage game), the one-shot deviation inequality solved by hand: the
US gets -c_I on the path; deviating it gets 0 once, then the stage equilibrium (Exclude, Spoil), -p, for ever:
-c_I >= (1 - d) 0 + d (-p) iff d >= c_I/p.  Russia gets b on the path; deviating, b - c_S once, then a - c_S:
b >= (1 - d)(b - c_S) + d (a - c_S) iff c_S >= d (a - b), true for every d < 1 when b + c_S > a.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.io.model import load_model, load_tree_model
from gametheory.predictions import check_model
from gametheory.repeated import grim_trigger
from gametheory.tree.deviations import pure_subgame_perfect_profiles

MODELS = Path(__file__).resolve().parents[1] / "models"
TWINS = [
    pytest.param("russia_spoiler_linkage", "russia_spoiler_tree", id="spoiler"),
    pytest.param("kosovo_udi_unsc_eulex", "kosovo_declaration_tree", id="declaration"),
]
# Leaves whose path does not pick one action per twin player, and the twin profile they stand for.
STATUS_QUO = {("No green light",): ("Wait", "Acquiesce", "Hold")}

# Hand tables at the defaults, in player order (the twins' formulas at c_I=1, p=3, b=3, a=2, c_S=1 and at
# V_K=4, h_K=1, l=1, z=4, rho=2, f=4, x=1, c_E=1, Z=4, b=2).
HAND = {
    "russia_spoiler_tree": {
        ("Include Russia", "Cooperate"): (-1, 3), ("Include Russia", "Spoil"): (-4, 2),
        ("Exclude Russia", "Cooperate"): (0, 0), ("Exclude Russia", "Spoil"): (-3, 1),
    },
    "kosovo_declaration_tree": {
        ("Green light", "Declare", "Veto", "Deploy EULEX"): (3, -1, 1),
        ("Green light", "Declare", "Veto", "Hold"): (-1, 0, -4),
        ("Green light", "Declare", "Acquiesce", "Deploy EULEX"): (4, -2, 1),
        ("Green light", "Declare", "Acquiesce", "Hold"): (4, -2, 0),
        ("Green light", "Wait", "Veto", "Deploy EULEX"): (0, -1, -1),
        ("Green light", "Wait", "Veto", "Hold"): (-4, 0, -4),
        ("Green light", "Wait", "Acquiesce", "Deploy EULEX"): (0, 2, -1),
        ("Green light", "Wait", "Acquiesce", "Hold"): (0, 2, 0),
        ("No green light",): (0, 2, 0),
    },
}


def twin(name):
    return load_model(MODELS / f"{name}.toml")


def tree_model(name):
    return load_tree_model(MODELS / f"{name}.toml")


def random_point(model, rng: random.Random) -> dict[str, F]:
    """A rational point of the declared ranges (denominators up to 24, so ends and ties are hit too)."""
    out = {}
    for name, p in model.parameters.items():
        lo, hi = p.range
        d = rng.randint(1, 24)
        out[name] = lo + (hi - lo) * F(rng.randint(0, d), d)
    return out


def path_actions(tree, v) -> tuple[str, ...]:
    return tuple(a for _, a in tree.path(v))


def twin_profile(path: tuple[str, ...], tree_name: str) -> tuple[str, ...]:
    """The twin's action profile (in the twin's player order) that a tree leaf's path picks."""
    if path in STATUS_QUO:
        return STATUS_QUO[path]
    return path[1:] if tree_name == "kosovo_declaration_tree" else path  # the green light is not a twin action


# ------------------------------------------------------------------ same parameters, same payoffs
@pytest.mark.parametrize("twin_name, tree_name", TWINS)
def test_tree_keeps_the_twins_players_and_parameters(twin_name, tree_name):
    nf, tm = twin(twin_name), tree_model(tree_name)
    assert list(tm.players) == list(nf.players)
    assert list(tm.parameters) == list(nf.parameters)
    for name, p in nf.parameters.items():
        q = tm.parameters[name]
        assert (q.default, q.range, q.meaning, q.quote, q.status) == (p.default, p.range, p.meaning, p.quote,
                                                                       p.status), name
    assert tm.assumption_texts == nf.assumption_texts
    assert tm.section == nf.section


@pytest.mark.parametrize("twin_name, tree_name", TWINS)
def test_leaves_at_the_defaults_are_the_hand_table(twin_name, tree_name):
    tree = tree_model(tree_name).tree_at()
    assert tree.kind == "exact" and tree.is_perfect_information
    got = {path_actions(tree, int(v)): tuple(tree.payoff(int(v))[p] for p in tree.players) for v in tree.terminals}
    assert got == {k: tuple(F(x) for x in v) for k, v in HAND[tree_name].items()}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("twin_name, tree_name", TWINS)
def test_every_leaf_carries_the_twins_payoffs(twin_name, tree_name, seed):
    nf, tm = twin(twin_name), tree_model(tree_name)
    rng = random.Random(seed)
    points = [{}] + [random_point(nf, rng) for _ in range(4)]
    for values in points:
        game, tree = nf.game_at(values), tm.tree_at(values)
        seen = set()
        for v in map(int, tree.terminals):
            profile = twin_profile(path_actions(tree, v), tree_name)
            want = game.payoff(dict(zip(game.players, profile)))
            assert tree.payoff(v) == want, (values, profile)
            seen.add(profile)
        # every twin profile is some leaf's
        assert seen == set(itertools.product(*game.strategies)), values


# ------------------------------------------------------------------ backward induction, by the test
def all_spes(tree, v: int = 0) -> list[tuple[dict[int, int], tuple]]:
    """Every pure subgame-perfect plan of the subtree at v ({node: action index}) with its payoff vector."""
    if tree.is_terminal(v):
        return [({}, tuple(tree.payoff(v)[p] for p in tree.players))]
    i = tree.players.index(tree.player(v))
    out = []
    for combo in itertools.product(*(all_spes(tree, c) for c in tree.children(v))):
        merged: dict[int, int] = {}
        for plan, _ in combo:
            merged.update(plan)
        best = max(pay[i] for _, pay in combo)
        out.extend(({**merged, v: a}, pay) for a, (_, pay) in enumerate(combo) if pay[i] == best)
    return out


def played_path(tree, plan: Mapping[int, int]) -> tuple[str, ...]:
    v, path = 0, []
    while not tree.is_terminal(v):
        a = plan[v]
        path.append(tree.actions(v)[a])
        v = tree.children(v)[a]
    return tuple(path)


def library_spes(tree) -> set[frozenset]:
    by_set = {tree.infoset_of(v): v for v in range(tree.num_nodes) if not tree.is_terminal(v)}
    return {frozenset((by_set[k], a) for k, a in c.items()) for c in pure_subgame_perfect_profiles(tree)}


def spoiler_path(v: Mapping[str, F]) -> tuple[str, ...]:
    """By hand (c_S > 0, a > c_S): the US includes iff p > c_I."""
    return ("Include Russia", "Cooperate") if v["p"] > v["c_I"] else ("Exclude Russia", "Spoil")


def declaration_path(v: Mapping[str, F]) -> tuple[str, ...] | None:
    """By hand (V_K > h_K, Z + b > c_E, b != c_E, f != rho + x): see the module docstring; None on a tie."""
    if v["f"] > v["rho"] + v["x"]:
        russia, eu = "Veto", "Deploy EULEX"  # b - c_E > -Z
    else:
        russia, eu = "Acquiesce", ("Deploy EULEX" if v["b"] > v["c_E"] else "Hold")
    eu_value = v["b"] - v["c_E"] if eu == "Deploy EULEX" else 0
    if eu_value == 0:
        return None  # Russia acquiesces, the EU would hold: the green light leaves the EU at 0 either way
    return ("Green light", "Declare", russia, eu) if eu_value > 0 else ("No green light",)


STEP = F(1, 100)
SIDES = [
    pytest.param("russia_spoiler_tree", {}, ("Include Russia", "Cooperate"), id="spoiler defaults"),
    pytest.param("russia_spoiler_tree", {"p": 1 + STEP}, ("Include Russia", "Cooperate"), id="spoiler p > c_I"),
    pytest.param("russia_spoiler_tree", {"p": 1 - STEP}, ("Exclude Russia", "Spoil"), id="spoiler p < c_I"),
    pytest.param("russia_spoiler_tree", {"c_I": 3 - STEP}, ("Include Russia", "Cooperate"), id="spoiler c_I < p"),
    pytest.param("russia_spoiler_tree", {"p": 2, "c_I": 2 + STEP}, ("Exclude Russia", "Spoil"), id="spoiler c_I > p"),
    pytest.param("kosovo_declaration_tree", {}, ("Green light", "Declare", "Veto", "Deploy EULEX"),
                 id="declaration defaults"),
    pytest.param("kosovo_declaration_tree", {"f": 3 + STEP}, ("Green light", "Declare", "Veto", "Deploy EULEX"),
                 id="declaration f > rho + x"),
    pytest.param("kosovo_declaration_tree", {"f": 3 - STEP},
                 ("Green light", "Declare", "Acquiesce", "Deploy EULEX"), id="declaration f < rho + x"),
    pytest.param("kosovo_declaration_tree", {"b": 1 + STEP}, ("Green light", "Declare", "Veto", "Deploy EULEX"),
                 id="declaration b > c_E"),
    pytest.param("kosovo_declaration_tree", {"b": 1 - STEP}, ("No green light",), id="declaration b < c_E"),
]


@pytest.mark.parametrize("tree_name, values, path", SIDES)
def test_subgame_perfect_path_on_each_side_of_the_thresholds(tree_name, values, path):
    tm = tree_model(tree_name)
    tree = tm.tree_at(values)
    ours = all_spes(tree)
    assert len(ours) == 1  # no ties off the thresholds: one subgame-perfect equilibrium
    (plan, _), = ours
    assert played_path(tree, plan) == path
    assert library_spes(tree) == {frozenset(plan.items())}
    by_hand = spoiler_path if tree_name == "russia_spoiler_tree" else declaration_path
    assert by_hand(tm.values(values)) == path


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tree_name", ["russia_spoiler_tree", "kosovo_declaration_tree"])
def test_backward_induction_agrees_with_the_library_at_random_points(tree_name, seed):
    tm = tree_model(tree_name)
    rng = random.Random(100 + seed)
    for _ in range(6):
        values = random_point(tm, rng)
        tree = tm.tree_at(values)
        ours = all_spes(tree)
        assert library_spes(tree) == {frozenset(plan.items()) for plan, _ in ours}, values
        ties = (values["c_S"] == 0 or values["a"] == values["c_S"] or values["p"] == values["c_I"]
                if tree_name == "russia_spoiler_tree" else
                values["f"] == values["rho"] + values["x"] or values["b"] == values["c_E"])
        regime = (values["a"] > values["c_S"] if tree_name == "russia_spoiler_tree"
                  else values["V_K"] > values["h_K"] and values["Z"] + values["b"] > values["c_E"])
        by_hand = spoiler_path if tree_name == "russia_spoiler_tree" else declaration_path
        if regime and not ties and by_hand(values) is not None:
            assert {played_path(tree, plan) for plan, _ in ours} == {by_hand(values)}, values


# ------------------------------------------------------------------ Nash in the tree, not subgame perfect
def plans(tree, player: str) -> list[dict[int, int]]:
    mine = [v for v in range(tree.num_nodes) if not tree.is_terminal(v) and tree.player(v) == player]
    return [dict(zip(mine, c)) for c in itertools.product(*(range(len(tree.actions(v))) for v in mine))]


def outcome(tree, plan: Mapping[int, int]) -> dict:
    v = 0
    while not tree.is_terminal(v):
        v = tree.children(v)[plan[v]]
    return tree.payoff(v)


def is_nash(tree, plan: Mapping[int, int]) -> bool:
    base = outcome(tree, plan)
    return all(outcome(tree, {**plan, **other})[p] <= base[p] for p in tree.players for other in plans(tree, p))


def plan_of(tree, profile: Mapping[str, Mapping[str, str]]) -> dict[int, int]:
    """A profile {player: {node id or information-set key: action}} of a perfect-information tree as
    {node: action index}."""
    ids = {tree.node_label(v): v for v in range(tree.num_nodes)}
    plan = {}
    for player, acts in profile.items():
        for key, a in acts.items():
            v = ids[key] if key in ids else tree.infoset_nodes(tree.find_infoset(player, key))[0]
            plan[v] = tree.actions(v).index(a)
    return plan


NOT_SPE = [
    pytest.param("russia_spoiler_tree", {"US": {"start": "Exclude Russia"},
                                         "Russia": {"included": "Spoil", "excluded": "Spoil"}},
                 id="spoiler: the twin's (Exclude, Spoil) as a plan"),
    pytest.param("kosovo_declaration_tree", {
        "EU": {"start": "Green light", "declared, vetoed": "Deploy EULEX", "declared, acquiesced": "Deploy EULEX",
               "waited, vetoed": "Deploy EULEX", "waited, acquiesced": "Deploy EULEX"},
        "Kosovo": {"green light": "Declare"}, "Russia": {"declared": "Veto", "waited": "Veto"}},
        id="declaration: the twin's (Declare, Veto, Deploy) as a plan"),
    pytest.param("kosovo_declaration_tree", {
        "EU": {"start": "Green light", "declared, vetoed": "Hold", "declared, acquiesced": "Deploy EULEX",
               "waited, vetoed": "Deploy EULEX", "waited, acquiesced": "Hold"},
        "Kosovo": {"green light": "Wait"}, "Russia": {"declared": "Veto", "waited": "Acquiesce"}},
        id="declaration: the EU's empty threat to leave the void"),
]


@pytest.mark.parametrize("tree_name, profile", NOT_SPE)
def test_nash_in_the_tree_but_not_subgame_perfect(tree_name, profile):
    tm = tree_model(tree_name)
    tree = tm.tree_at()
    plan = plan_of(tree, profile)
    assert is_nash(tree, plan)
    assert frozenset(plan.items()) not in {frozenset(p.items()) for p, _ in all_spes(tree)}
    # and the file states it: a not_subgame_perfect prediction with this profile, which check finds to hold
    (pred,) = [p for p in tm.predictions if p.kind == "not_subgame_perfect" and not p.at
               and plan_of(tree, p.profile) == plan]
    (verdict,) = [v for v in check_model(tm).verdicts if v.line == pred.line]
    assert verdict.status == "holds"


@pytest.mark.parametrize("tree_name, paths", [
    pytest.param("russia_spoiler_tree", {("Include Russia", "Cooperate"), ("Exclude Russia", "Spoil")}, id="spoiler"),
    pytest.param("kosovo_declaration_tree", {("Green light", "Declare", "Veto", "Deploy EULEX"),
                                             ("Green light", "Wait", "Acquiesce", "Hold"), ("No green light",)},
                 id="declaration"),
])
def test_nash_paths_of_the_tree_at_the_defaults(tree_name, paths):
    # brute force over every pure plan profile: subgame perfection keeps one of these paths; the others are
    # reached only through a threat that is not credible (Russia spoiling whatever the US does; the EU leaving
    # the void after a veto, which keeps Kosovo waiting or makes the green light worthless)
    tree = tree_model(tree_name).tree_at()
    found = set()
    for combo in itertools.product(*(plans(tree, p) for p in tree.players)):
        plan = {k: a for part in combo for k, a in part.items()}
        if is_nash(tree, plan):
            found.add(played_path(tree, plan))
    assert found == paths
    (spe,) = all_spes(tree)
    assert played_path(tree, spe[0]) in paths


def test_every_prediction_of_the_four_files_holds_and_says_whose_it_is():
    for name in ("russia_spoiler_linkage", "kosovo_udi_unsc_eulex"):
        m = twin(name)
        assert check_model(m).all_hold
        assert all(p.source in ("article", "model") for p in m.predictions)
    for name in ("russia_spoiler_tree", "kosovo_declaration_tree"):
        m = tree_model(name)
        assert check_model(m).all_hold
        assert all(p.source in ("article", "model") for p in m.predictions)
        kinds = {p.kind for p in m.predictions}
        assert {"subgame_perfect", "not_subgame_perfect", "spe_path"} <= kinds
        assert any(p.kind == "not_subgame_perfect" and p.at for p in m.predictions)


def test_article_quotes_of_the_four_files_are_verbatim(article_text):
    text = " ".join(article_text.split())
    for name in ("russia_spoiler_linkage", "kosovo_udi_unsc_eulex", "russia_spoiler_tree", "kosovo_declaration_tree"):
        m = load_tree_model(MODELS / f"{name}.toml") if name.endswith("_tree") else twin(name)
        quotes = list(m.quotes) + [p.quote for p in m.parameters.values() if p.quote]
        quotes += [p.quote for p in m.predictions if p.source == "article"]
        assert all(" ".join(q.split()) in text for q in quotes), name
        assert not [p for p in m.predictions if p.source == "model" and p.quote], name


# ------------------------------------------------------------------ repetition: grim trigger on the spoiler
def grim_threshold_by_hand(v: Mapping[str, F]) -> F | None:
    """The smallest d with no profitable one-shot deviation from (Include, Cooperate) under grim trigger.

    Needs c_I > 0 and a > c_S (the stage game's only equilibrium is (Exclude, Spoil)) and b + c_S > a.
    None when no d < 1 works (p <= c_I).
    """
    c_I, p = v["c_I"], v["p"]
    # US: -c_I >= -d p  <=>  d >= c_I/p; Russia: c_S >= d (a - b), true for all d < 1 when b + c_S > a
    return c_I / p if c_I / p < 1 else None


def normalised_deviation_gain(player: str, v: Mapping[str, F], d: F) -> F:
    """Deviating once from (Include, Cooperate), then the stage equilibrium (Exclude, Spoil) for ever."""
    if player == "US":
        on_path, once, after = -v["c_I"], F(0), -v["p"]
    else:
        on_path, once, after = v["b"], v["b"] - v["c_S"], v["a"] - v["c_S"]
    return (1 - d) * once + d * after - on_path


INCLUDE = {"US": "Include Russia", "Russia": "Cooperate"}


def test_grim_threshold_is_c_I_over_p_at_the_defaults():
    m = twin("russia_spoiler_linkage")
    v = m.values({})
    t = grim_threshold_by_hand(v)
    assert t == F(1, 3)
    # the inequality is tight at t and fails just below
    assert normalised_deviation_gain("US", v, t) == 0
    assert normalised_deviation_gain("US", v, t - STEP) > 0
    assert all(normalised_deviation_gain("Russia", v, d) < 0 for d in (F(0), t, F(99, 100)))
    assert grim_trigger(m.game_at(), INCLUDE).delta_min == t
    (pred,) = [p for p in m.predictions if p.kind == "sustainable"]
    assert pred.delta == "c_I/p" and pred.source == "model" and not pred.quote


@pytest.mark.parametrize("seed", range(5))
def test_grim_threshold_at_random_points(seed):
    m = twin("russia_spoiler_linkage")
    rng = random.Random(200 + seed)
    checked = 0
    while checked < 4:
        v = random_point(m, rng)
        if not (v["a"] > v["c_S"] and v["b"] + v["c_S"] > v["a"]):
            continue  # outside the regime the hand derivation covers (another stage equilibrium)
        checked += 1
        t = grim_threshold_by_hand(v)
        res = grim_trigger(m.game_at(v), INCLUDE)
        (verdict,) = [x for x in check_model(m, v).verdicts if x.kind == "sustainable"]
        if t is None:
            assert res.sustaining_set().is_empty and verdict.status == "fails", v
            assert normalised_deviation_gain("US", v, F(999, 1000)) > 0
        else:
            assert res.delta_min == t == v["c_I"] / v["p"], v
            assert normalised_deviation_gain("US", v, t) == 0
            assert verdict.status == "holds", (v, verdict.reason)


def test_the_sequential_and_repeated_results_share_the_threshold_p_over_c_I():
    # In sequence the US includes iff p > c_I; repeated, grim trigger works for some d < 1 iff c_I/p < 1: the same.
    m, tm = twin("russia_spoiler_linkage"), tree_model("russia_spoiler_tree")
    for p in (F(1, 2), F(99, 100), F(101, 100), F(3), F(6)):
        v = {"p": p}
        path = {played_path(tm.tree_at(v), plan) for plan, _ in all_spes(tm.tree_at(v))}
        repeated = grim_threshold_by_hand(m.values(v)) is not None
        assert (path == {("Include Russia", "Cooperate")}) == repeated == (p > 1)
