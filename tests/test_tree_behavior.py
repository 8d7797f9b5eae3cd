"""Behaviour profiles on trees: values, realization probabilities, paths and the regret certificates.

Expected values are computed by hand or by a brute force written here (recursive evaluation, every pure
deviation of a player at every subgame), never by the module under test.
"""

import itertools
import random
from fractions import Fraction as F

import numpy as np
import pytest

from gametheory.errors import InputError
from gametheory.tree import Infoset, Tree, TreeBuilder
from gametheory.tree.behavior import BehaviorProfile, behavior_from_mixed, nash_regret, subgame_perfect_regret


def entry():
    b = TreeBuilder(["Entrant", "Incumbent"])
    return b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))


def chance_tree():
    """Chance, then A (two sets, one per outcome), then B who cannot see chance's outcome."""
    b = TreeBuilder(["A", "B"])

    def b_move(x):
        return b.decision("B", {"l": b.payoff(x, 1), "r": b.payoff(0, x)}, infoset="B")

    return b.build(b.chance({
        "H": ("1/3", b.decision("A", {"go": b_move(3), "stop": b.payoff(1, 1)}, infoset="AH")),
        "T": ("2/3", b.decision("A", {"go": b_move(-3), "stop": b.payoff(1, 1)}, infoset="AT")),
    }))


def pennies_after_out(out_value="1/2"):
    b = TreeBuilder(["A", "B"])
    game = b.decision("A", {"H": b.decision("B", {"h": b.payoff(1, -1), "t": b.payoff(-1, 1)}, infoset="b"),
                            "T": b.decision("B", {"h": b.payoff(-1, 1), "t": b.payoff(1, -1)}, infoset="b")},
                      infoset="a")
    return b.build(b.decision("B", {"Out": b.payoff(0, out_value), "In": game}, infoset="start"))


# ---------------------------------------------------------------------- an independent evaluator
def value(tree, beta, v):
    """Expected payoffs at node v under beta ({infoset: row}), recursively (small trees only)."""
    k = tree.infoset_of(v)
    if k is None:
        return [F(x) for x in tree.payoff(v).values()]
    row = list(tree.probabilities(v).values()) if tree.infoset_player(k) is None else beta[k]
    out = [F(0)] * tree.num_players
    for p, c in zip(row, tree.children(v)):
        if p:
            out = [x + F(p) * y for x, y in zip(out, value(tree, beta, c))]
    return out


def subtree(tree, h):
    out, stack = [], [h]
    while stack:
        v = stack.pop()
        out.append(v)
        stack.extend(tree.children(v))
    return set(out)


def brute_subgame_roots(tree):
    roots = []
    for h in range(tree.num_nodes):
        if tree.is_terminal(h):
            continue
        sub = subtree(tree, h)
        if all(set(tree.infoset_nodes(tree.infoset_of(v))) <= sub for v in sub
               if not tree.is_terminal(v) and tree.player(v) is not None):
            roots.append(h)
    return roots


def brute_regret(tree, beta, roots):
    """Per player: max over roots h and every pure strategy of the player of (deviation value - value) at h."""
    out = {}
    for i, p in enumerate(tree.players):
        sets = tree.infosets(p)
        best = F(0)
        for choice in itertools.product(*(range(len(tree.infoset_actions(k))) for k in sets)):
            dev = dict(beta)
            for k, a in zip(sets, choice):
                dev[k] = tuple(F(int(j == a)) for j in range(len(tree.infoset_actions(k))))
            for h in roots:
                best = max(best, value(tree, dev, h)[i] - value(tree, beta, h)[i])
        out[p] = best
    return out


def table(profile):
    return {k: tuple(profile.distribution(k).values()) for k in range(profile.tree.num_infosets)
            if profile.tree.infoset_player(k) is not None}


# ---------------------------------------------------------------------- hand-computed
def test_entry_threat_is_nash_not_subgame_perfect():
    t = entry()
    threat = BehaviorProfile(t, {"Entrant": {"1": "Out"}, "Incumbent": {"In": "Fight"}})
    assert threat.payoffs() == {"Entrant": 0, "Incumbent": 2}
    assert nash_regret(threat) == {"Entrant": 0, "Incumbent": 0}
    # in the subgame after In, Accommodate gives the incumbent 1 instead of -1
    assert subgame_perfect_regret(threat) == {"Entrant": 0, "Incumbent": 2}
    assert [a for _, a in threat.path()] == ["Out"]
    spe = BehaviorProfile(t, {"Entrant": {"1": "In"}, "Incumbent": {"In": "Accommodate"}})
    assert subgame_perfect_regret(spe) == {"Entrant": 0, "Incumbent": 0}
    assert spe.is_pure and threat.is_pure


def test_mixed_values_and_realization_by_hand():
    t = chance_tree()
    beta = BehaviorProfile(t, {"A": {"AH": "go", "AT": {"go": "1/4", "stop": "3/4"}},
                               "B": {"B": {"l": "1/2", "r": "1/2"}}})
    # after H and go: B mixes (3,1) and (0,3): (3/2, 2); after T: 1/4 * ((-3,1)+(0,-3))/2 + 3/4 * (1,1)
    after_t = [F(1, 4) * F(-3, 2) + F(3, 4), F(1, 4) * F(-1) + F(3, 4)]
    expected = [F(1, 3) * F(3, 2) + F(2, 3) * after_t[0], F(1, 3) * 2 + F(2, 3) * after_t[1]]
    assert list(beta.payoffs().values()) == expected
    reach = beta.realization_probabilities()
    leaf = t.child(t.child(t.child(0, "T"), "go"), "l")
    assert reach[leaf] == F(2, 3) * F(1, 4) * F(1, 2)
    assert beta.path() == ()  # chance moves first: the play branches at the root
    fl = BehaviorProfile(t, {"A": {"AH": "go", "AT": {"go": 0.25, "stop": 0.75}},
                             "B": {"B": {"l": 0.5, "r": 0.5}}})
    assert np.allclose(list(fl.payoffs().values()), [float(x) for x in expected])


def test_regret_against_brute_force_imperfect_information():
    rng = random.Random(3)
    for t in (chance_tree(), pennies_after_out(), pennies_after_out("-1/2"), entry()):
        roots = brute_subgame_roots(t)
        assert tuple(roots) == t.subgame_roots()
        for _ in range(6):
            beta = {}
            for k in range(t.num_infosets):
                if t.infoset_player(k) is None:
                    continue
                w = [F(rng.randint(0, 3)) for _ in t.infoset_actions(k)]
                if not any(w):
                    w[0] = F(1)
                beta[k] = tuple(x / sum(w) for x in w)
            prof = BehaviorProfile.from_table(t, beta)
            assert subgame_perfect_regret(prof) == brute_regret(t, beta, roots)
            assert nash_regret(prof) == brute_regret(t, beta, [0])
            fl = BehaviorProfile.from_table(t, beta, exact=False)
            for p, r in brute_regret(t, beta, roots).items():
                assert subgame_perfect_regret(fl)[p] == pytest.approx(float(r), abs=1e-12)


def random_perfect_information(rng, size, chance=False):
    """A random perfect-information tree (nested dict), decision nodes of A, B and sometimes chance."""
    from gametheory.tree import tree_from_dict

    count = [0]

    def node(depth):
        if depth > 3 or count[0] >= size or (depth and rng.random() < 0.3):
            return [rng.randint(0, 3), rng.randint(0, 3)]
        count[0] += 1
        width = rng.randint(2, 3)
        if chance and rng.random() < 0.25:
            ps = [F(1, width)] * width
            return {"chance": {f"c{j}": (ps[j], node(depth + 1)) for j in range(width)}}
        return {"player": rng.choice("AB"), "actions": {f"a{j}": node(depth + 1) for j in range(width)}}

    return tree_from_dict(["A", "B"], node(0))


def test_regret_perfect_information_vectorised_matches_brute_force():
    rng = random.Random(11)
    for trial in range(25):
        t = random_perfect_information(rng, 8, chance=trial % 2 == 1)
        roots = brute_subgame_roots(t)
        beta = {}
        for k in range(t.num_infosets):
            if t.infoset_player(k) is not None:
                a = rng.randrange(len(t.infoset_actions(k)))
                beta[k] = tuple(F(int(j == a)) for j in range(len(t.infoset_actions(k))))
        prof = BehaviorProfile.from_table(t, beta)
        assert subgame_perfect_regret(prof) == brute_regret(t, beta, roots)
        assert nash_regret(prof) == brute_regret(t, beta, [0])
        assert [F(x) for x in prof.payoffs().values()] == value(t, beta, 0)


def test_kuhn_mixed_to_behaviour_by_hand():
    b = TreeBuilder(["A", "B"])
    t = b.build(b.decision("A", {"Stop": b.payoff(1, 0), "Go": b.decision("B", {
        "Stop": b.payoff(0, 2), "Go": b.decision("A", {"Stop": b.payoff(3, 1), "Go": b.payoff(2, 4)})})}))
    # A's plans: Stop, (Go, Stop), (Go, Go); weights 1/2, 1/8, 3/8 -> Go at the root 1/2, then Stop 1/4
    beta = behavior_from_mixed(t, [["1/2", "1/8", "3/8"], [0, 1]])
    assert beta.distribution(0) == {"Stop": F(1, 2), "Go": F(1, 2)}
    assert beta.distribution(2) == {"Stop": F(1, 4), "Go": F(3, 4)}
    assert beta.payoffs() == {"A": F(1, 2) * 1 + F(1, 8) * 3 + F(3, 8) * 2, "B": F(1, 8) * 1 + F(3, 8) * 4}
    # A's second set excluded by her own plan: the first action, realization equivalent
    assert behavior_from_mixed(t, [[1, 0, 0], [1, 0]]).distribution(2) == {"Stop": 1, "Go": 0}


@pytest.mark.parametrize("bad, message", [
    ({"Entrant": {"1": "Out"}}, "no strategy for 'Incumbent'"),
    ({"Entrant": {"1": "Stay"}, "Incumbent": {"In": "Fight"}}, "no action 'Stay'"),
    ({"Entrant": {"1": {"Out": "1/2", "In": "1/3"}}, "Incumbent": {"In": "Fight"}}, "sum to 5/6"),
    ({"Entrant": {"1": {"Out": "3/2", "In": "-1/2"}}, "Incumbent": {"In": "Fight"}}, "negative"),
    ({"Entrant": {"9": "Out"}, "Incumbent": {"In": "Fight"}}, "no information set '9'"),
    ({"Nobody": {}}, "unknown player"),
])
def test_bad_profiles(bad, message):
    with pytest.raises(InputError, match=message):
        BehaviorProfile(entry(), bad)


def test_immutable_and_equal():
    t = entry()
    a = BehaviorProfile(t, {"Entrant": {"1": "In"}, "Incumbent": {"In": "Accommodate"}})
    b = BehaviorProfile.from_actions(t, np.array([1, 1]))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a._tree = None


def test_deep_tree_is_iterative():
    """A path of 20,000 decision nodes (a centipede): no recursion limit, the node-by-node path."""
    n = 20_000
    pay = {2 * j + 1: (j % 3, (j + 1) % 3) for j in range(n)}
    pay[2 * n] = (1, 1)
    # node 2j is decision node j (preorder): Take leads to the leaf 2j+1, Pass to node 2j+2
    kids = [()] * (2 * n + 1)
    node_isets = [-1] * (2 * n + 1)
    for j in range(n):
        kids[2 * j] = (2 * j + 1, 2 * j + 2)
        node_isets[2 * j] = j
    t = Tree(["A", "B"], [Infoset("A" if j % 2 == 0 else "B", "", ("Take", "Pass")) for j in range(n)], kids,
             node_isets, pay)
    prof = BehaviorProfile.from_actions(t, np.ones(n, dtype=np.int64))  # always pass
    assert prof.payoffs() == {"A": 1, "B": 1}
    assert len(prof.path()) == n
    r = subgame_perfect_regret(prof)
    # the last node (j = n-1, B's): taking gives B (n-1+1) % 3 = 2 instead of 1
    assert r["B"] >= 1 and nash_regret(prof)["B"] >= 1
