"""The blockade bargain as twins: models/serbia_blockade_offer.toml (normal form) and its sequential version
models/serbia_blockade_offer_tree.toml (the West offers or not, then Serbia, seeing it, cooperates or blockades).

Independent of the solvers: the payoffs at each leaf are compared with the normal form's entry at the matching
profile (Serbia's plan of replies there, its two actions here), by brute force over every leaf; the subgame-perfect
profiles are compared with a backward induction written here from the payoff formulas by hand:

- Serbia, offered: Cooperate gives w, Blockade gives Delta = s*h + t - c_blockade;
- Serbia, not offered: Cooperate gives 0, Blockade gives Delta;
- the West: an offer answered by cooperation costs o, a blockade sigma, no offer and calm 0.

With c_blockade = h = 2 and t = 1 (the defaults), Delta = 2s - 1: the threat without an offer is empty below
s = 1/2; w = Delta at w = 2 (s = 3/2); the West offers iff sigma >= o.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import MixedProfile
from gametheory.io.model import load_model, load_tree_model
from gametheory.predictions import complete_solve
from gametheory.tree.deviations import pure_subgame_perfect_profiles

MODELS = Path(__file__).resolve().parents[1] / "models"
TWIN = load_model(MODELS / "serbia_blockade_offer.toml")
TREE = load_tree_model(MODELS / "serbia_blockade_offer_tree.toml")

WEST = ("Offer", "No offer")
REPLIES = ("Cooperate", "Blockade")
# Serbia's normal-form strategies as (reply to an offer, reply to no offer), from their names
PLANS = {
    ("Cooperate", "Cooperate"): "Cooperate always",
    ("Cooperate", "Blockade"): "Cooperate only if offered",
    ("Blockade", "Cooperate"): "Blockade only if offered",
    ("Blockade", "Blockade"): "Blockade always",
}
DEFAULTS = {name: p.default for name, p in TWIN.parameters.items()}


def delta(v):
    return v["s"] * v["h"] + v["t"] - v["c_blockade"]


def by_hand(v, west, reply):
    """(West, Serbia) at the leaf after ``west`` and Serbia's ``reply``."""
    if reply == "Blockade":
        return (-v["sigma"], delta(v))
    return (-v["o"], v["w"]) if west == "Offer" else (F(0), F(0))


def backward_induction(v):
    """Every pure subgame-perfect profile (West's action, Serbia's reply to an offer, to no offer); ties branch."""
    def best(options):  # {action: payoff} -> the maximisers
        top = max(options.values())
        return [a for a, u in options.items() if u == top]

    serbia = {west: best({r: by_hand(v, west, r)[1] for r in REPLIES}) for west in WEST}
    out = set()
    for after_offer, after_none in itertools.product(serbia["Offer"], serbia["No offer"]):
        plan = {"Offer": after_offer, "No offer": after_none}
        for west in best({a: by_hand(v, a, plan[a])[0] for a in WEST}):
            out.add((west, after_offer, after_none))
    return out


def library_spe(v):
    """The tree's pure subgame-perfect profiles at ``v``, as (West's action, reply to an offer, to no offer)."""
    tree = TREE.tree_at(v)
    root = tree.infoset_of(0)
    offered, ignored = (tree.infoset_of(tree.child(0, a)) for a in WEST)
    out = set()
    for choices in pure_subgame_perfect_profiles(tree):
        out.add(tuple(tree.infoset_actions(k)[choices[k]] for k in (root, offered, ignored)))
    return out


def random_point(rng):
    """Random rationals inside the declared ranges (denominators that are not powers of two)."""
    out = {}
    for name, p in TWIN.parameters.items():
        lo, hi = p.range
        d = rng.choice([3, 7, 12, 97])
        out[name] = lo + (hi - lo) * F(rng.randint(0, d), d)
    return out


POINTS = [pytest.param({}, id="defaults")] + [
    pytest.param(random_point(random.Random(seed)), id=f"random-{seed}") for seed in range(6)
]


def test_the_twins_share_every_parameter():
    assert set(TREE.parameters) == set(TWIN.parameters)
    for name, p in TWIN.parameters.items():
        q = TREE.parameters[name]
        assert (q.default, q.range, q.meaning, q.quote, q.status) == (p.default, p.range, p.meaning, p.quote, p.status)
    assert TREE.assumption_texts == TWIN.assumption_texts
    assert TREE.section == TWIN.section == "Dealing with Belgrade: spite and the private offer"


@pytest.mark.parametrize("given", POINTS)
def test_every_leaf_pays_what_the_twin_pays_at_the_matching_profile(given):
    v = {**DEFAULTS, **given}
    tree, game = TREE.tree_at(v), TWIN.game_at(v)
    assert tree.kind == game.kind == "exact"
    leaves = 0
    for west, after_offer, after_none in itertools.product(WEST, REPLIES, REPLIES):
        reply = after_offer if west == "Offer" else after_none
        leaf = tree.child(tree.child(0, west), reply)
        assert tree.is_terminal(leaf)
        got = tree.payoff(leaf)
        want = game.payoff({"West": west, "Serbia": PLANS[after_offer, after_none]})
        assert got == want, (west, after_offer, after_none)
        assert (got["West"], got["Serbia"]) == by_hand(v, west, reply)
        leaves += 1
    assert leaves == game.num_profiles == 8 and len(tree.terminals) == 4


# with c_blockade = h = 2 and t = 1: Delta = 2s - 1 = 0 at s = 1/2; w = Delta = 2 at the defaults; sigma = o = 1
EPS = F(1, 100)
SIDES = [
    pytest.param({}, {("Offer", "Cooperate", "Blockade")}, id="defaults"),
    pytest.param({"s": F(1, 2) - EPS}, {("No offer", "Cooperate", "Cooperate")}, id="s<1/2:empty-threat"),
    pytest.param({"s": F(1, 2)}, {("No offer", "Cooperate", "Cooperate"), ("Offer", "Cooperate", "Blockade")},
                 id="s=1/2:Delta=0"),
    pytest.param({"s": F(1, 2) + EPS}, {("Offer", "Cooperate", "Blockade")}, id="s>1/2"),
    pytest.param({"w": 2 + EPS}, {("Offer", "Cooperate", "Blockade")}, id="w>Delta"),
    pytest.param({"w": F(2)}, {("Offer", "Cooperate", "Blockade"), ("Offer", "Blockade", "Blockade"),
                               ("No offer", "Blockade", "Blockade")}, id="w=Delta"),
    pytest.param({"w": 2 - EPS}, {("Offer", "Blockade", "Blockade"), ("No offer", "Blockade", "Blockade")},
                 id="w<Delta"),
    pytest.param({"sigma": 1 + EPS}, {("Offer", "Cooperate", "Blockade")}, id="sigma>o"),
    pytest.param({"sigma": F(1)}, {("Offer", "Cooperate", "Blockade"), ("No offer", "Cooperate", "Blockade")},
                 id="sigma=o"),
    pytest.param({"sigma": 1 - EPS}, {("No offer", "Cooperate", "Blockade")}, id="sigma<o:bridge"),
]


@pytest.mark.parametrize("given, expected", SIDES)
def test_subgame_perfect_profiles_are_the_backward_induction_by_hand(given, expected):
    v = {**DEFAULTS, **given}
    assert (v["h"], v["c_blockade"], v["t"]) == (2, 2, 1) and delta(v) == 2 * v["s"] - 1
    assert backward_induction(v) == expected  # the hand analysis above, written out
    assert library_spe(v) == expected


@pytest.mark.parametrize("seed", range(8))
def test_subgame_perfect_profiles_at_random_points(seed):
    v = {**DEFAULTS, **random_point(random.Random(100 + seed))}
    assert library_spe(v) == backward_induction(v), v


@pytest.mark.parametrize("given", [pytest.param(p.values[0], id=p.id) for p in SIDES] + POINTS)
def test_the_twins_nash_equilibria_contain_each_subgame_perfect_strategy(given):
    v = {**DEFAULTS, **given}
    game = TWIN.game_at(v)
    for west, after_offer, after_none in backward_induction(v):
        assert MixedProfile(game, {"West": west, "Serbia": PLANS[after_offer, after_none]}).is_equilibrium()


def test_at_the_defaults_the_spe_is_one_of_the_twins_listed_equilibria_and_the_other_vertex_is_not_spe():
    game = TWIN.game_at()
    result = complete_solve(game)
    assert result.complete
    pure = {(eq.profile.support()["West"], eq.profile.support()["Serbia"]) for eq in result if eq.is_pure}
    assert pure == {(("Offer",), ("Cooperate only if offered",)), (("No offer",), ("Blockade always",))}
    spe = backward_induction(DEFAULTS)
    assert {(w, PLANS[a, b]) for w, a, b in spe} == {("Offer", "Cooperate only if offered")}
    assert ("No offer", "Blockade", "Blockade") not in library_spe(DEFAULTS)


def test_subgame_perfection_is_claimed_by_the_tree_not_by_the_normal_form():
    assert not [p.claim for p in TWIN.predictions if "subgame" in p.claim]
    kinds = {p.kind for p in TREE.predictions}
    assert {"subgame_perfect", "not_subgame_perfect", "spe_path"} <= kinds
    at_49 = [p for p in TREE.predictions if p.kind == "not_subgame_perfect" and dict(p.at) == {"s": F(49, 100)}]
    assert at_49, "the tree says where the offer stops being subgame perfect"


@pytest.mark.parametrize("model", [TWIN, TREE], ids=["normal-form", "tree"])
def test_every_prediction_says_whose_it_is(model, article_text):
    for p in model.predictions:
        assert p.source in ("article", "model"), p.claim
        if p.source == "article":
            assert p.quote and " ".join(p.quote.split()) in " ".join(article_text.split()), p.claim
        else:
            assert not p.quote and p.claim.startswith("In the model"), p.claim
