"""Subgame-perfect and Nash equilibria of trees: textbook trees by hand, a brute force, pygambit.

Expected values come from hand calculation, from a brute force written here (every pure behaviour profile,
kept when no one-shot deviation at any node pays), or from pygambit on the same .efg file.
"""

import itertools
import json
import random
from fractions import Fraction as F

import pytest

import gametheory
from gametheory.errors import CostLimitError, InputError
from gametheory.solvers.tree_methods import TREE_METHODS, solve_tree
from gametheory.tree import TreeBuilder, efg_text, tree_from_dict
from gametheory.tree.result import TreeSolveResult
from gametheory.tree.spe import backward_induction, count_estimate, solve_spe


def paths(result):
    return sorted(tuple(a for _, a in eq.path) for eq in result)


def ultimatum(pie=3):
    b = TreeBuilder(["Proposer", "Responder"], title="Ultimatum")
    return b.build(b.decision("Proposer", {f"Offer {x}": b.decision("Responder", {
        "Accept": b.payoff(pie - x, x), "Reject": b.payoff(0, 0)}) for x in range(pie + 1)}))


def centipede(stages=6):
    b = TreeBuilder(["A", "B"], title="Centipede")
    node = b.payoff(stages + 1, stages)  # both pass to the end
    for s in reversed(range(stages)):
        mover = "A" if s % 2 == 0 else "B"
        # the mover takes the larger pile s + 2, leaving s to the other
        take = (s + 2, s) if mover == "A" else (s, s + 2)
        node = b.decision(mover, {"Take": b.payoff(*take), "Pass": node})
    return b.build(node)


def entry():
    b = TreeBuilder(["Entrant", "Incumbent"], title="Entry deterrence")
    return b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))


def pennies_after_out(out_value):
    """B may stay out (A 0, B out_value) or play matching pennies, whose only equilibrium is mixed (value 0)."""
    b = TreeBuilder(["A", "B"])
    game = b.decision("A", {"H": b.decision("B", {"h": b.payoff(1, -1), "t": b.payoff(-1, 1)}, infoset="b"),
                            "T": b.decision("B", {"h": b.payoff(-1, 1), "t": b.payoff(1, -1)}, infoset="b")},
                      infoset="a")
    return b.build(b.decision("B", {"Out": b.payoff(0, out_value), "In": game}, infoset="start"))


# ---------------------------------------------------------------------- textbook trees
def test_ultimatum_two_spe_from_the_responders_tie():
    res = solve_spe(ultimatum())
    assert isinstance(res, TreeSolveResult) and res.complete and res.exact
    # responder accepts every positive offer; at 0 she is indifferent: accept -> offer 0, reject -> offer 1
    assert paths(res) == [("Offer 0", "Accept"), ("Offer 1", "Accept")]
    by_path = {tuple(a for _, a in eq.path): eq for eq in res}
    assert by_path[("Offer 0", "Accept")].payoffs == {"Proposer": 3, "Responder": 0}
    assert by_path[("Offer 1", "Accept")].payoffs == {"Proposer": 2, "Responder": 1}
    b1 = by_path[("Offer 1", "Accept")].behavior.as_dict()["Responder"]
    assert b1["Offer 0"] == {"Accept": 0, "Reject": 1}
    assert all(b1[f"Offer {x}"] == {"Accept": 1, "Reject": 0} for x in (1, 2, 3))
    for eq in res:
        assert set(eq.regret.values()) == {0}
    text = " ".join(res.diagnostics)
    assert "Offer 0" in text and "continua" in text
    doc = json.loads(json.dumps(res.to_json(), allow_nan=False))
    assert doc["game"] == {"title": "Ultimatum", "players": ["Proposer", "Responder"], "kind": "tree"}
    assert doc["method"] == "spe" and doc["complete"] is True and doc["exact"] is True
    eq = doc["equilibria"][0]
    assert set(eq) == {"behavior", "payoffs", "regret", "path"}
    assert eq["regret"] == {"Proposer": "0", "Responder": "0"}
    assert all(isinstance(p, str) for sets in eq["behavior"].values() for d in sets.values() for p in d.values())


def test_centipede_unique_spe_take_at_once():
    t = centipede()
    res = solve_spe(t)
    assert len(res) == 1 and res.complete
    eq = res[0]
    assert paths(res) == [("Take",)]
    assert eq.payoffs == {"A": 2, "B": 0}
    assert all(d == {"Take": 1, "Pass": 0} for sets in eq.behavior.as_dict().values() for d in sets.values())
    assert count_estimate(t) == 1
    fl = solve_spe(t, exact=False)
    assert not fl.exact and paths(fl) == [("Take",)] and fl.to_json()["tolerance"] > 0


def test_entry_deterrence_two_pure_nash_one_spe():
    t = entry()
    assert paths(solve_spe(t)) == [("In", "Accommodate")]
    nash = solve_tree(t, "enumerate")
    assert nash.concept == "nash" and nash.complete
    pure = sorted(tuple(a for _, a in eq.path) for eq in nash if eq.is_pure)
    assert pure == [("In", "Accommodate"), ("Out",)]
    # Out is an equilibrium while the incumbent fights with probability >= 1/2: the extreme point is 1/2
    fights = sorted(eq.behavior.as_dict()["Incumbent"]["In"]["Fight"] for eq in nash if eq.path[0][1] == "Out")
    assert fights == [F(1, 2), 1]
    assert paths(solve_tree(t, "pure")) == [("In", "Accommodate"), ("Out",)]
    # the threat is no subgame-perfect equilibrium: its subgame-perfect regret is 2
    threat = next(eq for eq in nash if eq.is_pure and eq.path[0][1] == "Out")
    assert threat.behavior.subgame_perfect_regret()["Incumbent"] == 2


@pytest.mark.parametrize("out_value, expected_path", [("1/2", ("Out",)), ("-1/2", ("In",))])
def test_subgame_with_only_a_mixed_equilibrium(out_value, expected_path):
    t = pennies_after_out(out_value)
    res = solve_spe(t)
    assert len(res) == 1 and res.complete
    eq = res[0]
    # matching pennies: both mix 1/2, B's value 0; so B takes Out iff out_value > 0
    assert tuple(a for _, a in eq.path) == expected_path
    beh = eq.behavior.as_dict()
    assert beh["A"]["a"] == {"H": F(1, 2), "T": F(1, 2)}
    assert beh["B"]["b"] == {"h": F(1, 2), "t": F(1, 2)}
    assert eq.payoffs == {"A": 0, "B": max(F(out_value), 0)}
    assert eq.regret == {"A": 0, "B": 0}
    assert any("extreme equilibrium" in d for d in res.diagnostics)


def test_three_player_subgame_uses_enumpoly():
    b = TreeBuilder(["A", "B", "C"])
    sub = b.decision("B", {
        "l": b.decision("C", {"x": b.payoff(0, 3, 0), "y": b.payoff(1, 0, 2)}, infoset="c"),
        "r": b.decision("C", {"x": b.payoff(2, 0, 1), "y": b.payoff(0, 2, 0)}, infoset="c")}, infoset="b")
    t = b.build(b.decision("A", {"stop": b.payoff(1, 1, 1), "go": sub}))
    res = solve_spe(t)
    # B and C play pennies-like: B mixes so that C is indifferent: 2(1-p)... computed by hand:
    # C: x pays 0*p + 1*(1-p), y pays 2p + 0 -> p = 1/3; B: l pays 3q, r pays 2(1-q) -> q = 2/5;
    # A: go pays q*(1-p)*... A's payoff = p(q*0 + (1-q)*1) + (1-p)(q*2 + 0) = 1/3*3/5 + 2/3*4/5 = 11/15 < 1
    assert paths(res) == [("stop",)]
    eq = res[0]
    assert eq.behavior.as_dict()["B"]["b"] == {"l": F(1, 3), "r": F(2, 3)}
    assert eq.behavior.as_dict()["C"]["c"] == {"x": F(2, 5), "y": F(3, 5)}
    assert eq.regret == {"A": 0, "B": 0, "C": 0}


# ---------------------------------------------------------------------- brute force on random trees with ties
def brute_spe(tree):
    """Every pure profile with no profitable one-shot deviation at any decision node (one-deviation property)."""
    nodes = [v for v in range(tree.num_nodes) if tree.node_kind(v) == "decision"]

    def value(v, prof):
        kind = tree.node_kind(v)
        if kind == "terminal":
            return tuple(F(x) for x in tree.payoff(v).values())
        if kind == "chance":
            out = [F(0)] * tree.num_players
            for p, c in zip(tree.probabilities(v).values(), tree.children(v)):
                out = [x + F(p) * y for x, y in zip(out, value(c, prof))]
            return tuple(out)
        return value(tree.children(v)[prof[v]], prof)

    found = set()
    for choice in itertools.product(*(range(len(tree.children(v))) for v in nodes)):
        prof = dict(zip(nodes, choice))
        ok = True
        for v in nodes:
            i = tree.players.index(tree.player(v))
            here = value(v, prof)[i]
            if any(value(c, prof)[i] > here for c in tree.children(v)):
                ok = False
                break
        if ok:
            found.add(tuple(tree.actions(v)[prof[v]] for v in nodes))
    return found


def random_tree(rng, size, chance):
    count = [0]

    def node(depth):
        if depth > 3 or count[0] >= size or (depth and rng.random() < 0.3):
            return [rng.randint(0, 2), rng.randint(0, 2)]  # few payoff values: many ties
        count[0] += 1
        width = rng.randint(2, 3)
        if chance and rng.random() < 0.2:
            return {"chance": {f"c{j}": (F(1, width), node(depth + 1)) for j in range(width)}}
        return {"player": rng.choice("AB"), "actions": {f"a{j}": node(depth + 1) for j in range(width)}}

    return tree_from_dict(["A", "B"], node(0))


@pytest.mark.parametrize("seed", range(40))
def test_random_trees_with_ties_against_brute_force(seed):
    rng = random.Random(seed)
    t = random_tree(rng, 7, chance=seed % 3 == 0)
    expected = brute_spe(t)
    nodes = [v for v in range(t.num_nodes) if t.node_kind(v) == "decision"]
    for exact in (True, False):
        res = solve_spe(t, exact=exact)
        got = [tuple(t.actions(v)[eq.behavior.pure_actions[t.infoset_of(v)]] for v in nodes) for eq in res]
        assert len(got) == len(set(got)), "an equilibrium listed twice"
        assert set(got) == expected
        assert res.complete


def test_cost_refusal_before_listing():
    # 12 independent tied responders: 2^12 subgame-perfect equilibria
    b = TreeBuilder(["P", "R"])
    t = b.build(b.decision("P", {f"o{j}": b.decision("R", {"x": b.payoff(1, 0), "y": b.payoff(1, 0)})
                                 for j in range(12)}))
    assert count_estimate(t) >= 2 ** 12
    with pytest.raises(CostLimitError, match="max_cost"):
        solve_spe(t, max_cost=1000)
    arrays, diag = backward_induction(t)
    # P is indifferent among 12 offers too: 12 * 2^12 profiles
    assert len(arrays) == 12 * 2 ** 12
    assert any("every mixture of them is subgame perfect" in d for d in diag)


def test_solve_accepts_a_tree_and_methods_table():
    t = entry()
    res = gametheory.solve(t)
    assert isinstance(res, TreeSolveResult) and res.method == "spe"
    assert {"spe", "enumerate", "support", "lemke-howson", "enumpoly"} <= set(TREE_METHODS)
    assert "correlated" not in TREE_METHODS
    with pytest.raises(InputError, match="unknown method"):
        gametheory.solve(t, method="nonsense")
    for method in ("support", "lemke-howson", "enumpoly", "gnm", "logit"):
        r = gametheory.solve(t, method=method)
        assert r.concept == "nash" and len(r) >= 1
    assert str(res).startswith("method: spe (exact)")


# ---------------------------------------------------------------------- pygambit on the same .efg
gbt = pytest.importorskip("pygambit")


def outcome_distribution(tree, behaviour_of_node):
    """{terminal node: probability} given a per-node behaviour function."""
    out = {}
    stack = [(0, F(1))]
    while stack:
        v, p = stack.pop()
        if tree.is_terminal(v):
            out[v] = out.get(v, 0) + p
            continue
        probs = behaviour_of_node(v)
        for c, q in zip(tree.children(v), probs):
            if q:
                stack.append((c, p * F(q)))
    return {z: q for z, q in out.items() if q}


def signalling():
    b = TreeBuilder(["Sender", "Receiver"])

    def receiver(signal, high):
        return b.decision("Receiver", {"Trust": b.payoff(2 if high else -1, 1 if high else -2),
                                       "Doubt": b.payoff(0, 0)}, infoset=f"saw {signal}")

    def sender(high):
        return b.decision("Sender", {"Send": receiver("signal", high), "Quiet": receiver("nothing", high)},
                          infoset="high" if high else "low")

    return b.build(b.chance({"High": ("1/3", sender(True)), "Low": ("2/3", sender(False))}))


@pytest.mark.parametrize("make", [entry, ultimatum, centipede, signalling,
                                  lambda: pennies_after_out("1/2")])
def test_nash_through_the_normal_form_against_pygambit(make, tmp_path):
    t = make()
    path = tmp_path / "t.efg"
    path.write_text(efg_text(t))
    g = gbt.read_efg(str(path))
    theirs = gbt.nash.enummixed_solve(g, rational=True).equilibria
    ours = solve_tree(t, "enumerate")
    assert ours.complete

    def their_outcomes(eq):
        beh = eq.as_behavior()

        def of(v):
            node = g.root  # the same node in gambit's tree: follow the action numbers from the root
            for u, a in t.path(v):
                node = list(node.children)[t.actions(u).index(a)]
            if node.player.is_chance:
                return [F(str(a.prob)) for a in node.infoset.actions]
            return [F(str(beh[a])) for a in node.infoset.actions]

        return outcome_distribution(t, of)

    def our_outcomes(eq):
        return outcome_distribution(t, lambda v: list(eq.behavior.distribution(t.infoset_of(v)).values()))

    def key(d):
        return tuple(sorted(d.items()))

    # the same equilibrium outcomes (distributions over terminal nodes) and the same payoff vectors
    assert {key(our_outcomes(e)) for e in ours} == {key(their_outcomes(e)) for e in theirs}
    their_pay = {tuple(F(str(e.payoff(p))) for p in g.players) for e in theirs}
    assert {tuple(e.payoffs.values()) for e in ours} == their_pay
