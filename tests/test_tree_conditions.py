"""Exact conditions for subgame perfection of pure profiles of game trees (gametheory.tree.conditions / .deviations).

Expected conditions are derived by hand in the comments; the random trees are checked against an
independent brute force written here (every deviation of every player in every subgame, on the nested
dict the tree was built from).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory.errors import CostLimitError, InputError, LabelError
from gametheory.tree import tree_from_dict
from gametheory.tree.conditions import spe_conditions, spe_path_conditions
from gametheory.tree.deviations import (
    choices_profile,
    is_subgame_perfect,
    pure_choices,
    pure_subgame_perfect_profiles,
    spe_deviations,
)

F = Fraction


# ---------------------------------------------------------------------- entry deterrence, symbolic
def _entry():
    # Out: (0, M); In then Fight: (-a, f), Accommodate: (d, D)
    M, a, f, d, D = sympy.symbols("M a f d D", real=True)
    root = {"player": "Entrant", "actions": {
        "Stay out": [0, M],
        "Enter": {"player": "Incumbent", "actions": {"Fight": [-a, f], "Accommodate": [d, D]}}}}
    return tree_from_dict(["Entrant", "Incumbent"], root)


POINTS = [dict(zip("MafdD", map(F, p))) for p in itertools.product([-1, 0, 2], [-1, 1], [0, 1], [-1, 0, 1], [0, 1])]


def test_entry_enter_accommodate_by_hand():
    # the incumbent accommodates iff D >= f; the entrant then enters iff d >= 0
    c = spe_conditions(_entry(), {"Entrant": "Enter", "Incumbent": "Accommodate"})
    for pt in POINTS:
        assert c.holds_at(pt) == (pt["D"] >= pt["f"] and pt["d"] >= 0), pt
    assert set(c.parameters) == {"D", "d", "f"}


def test_entry_stay_out_fight_by_hand():
    # fighting is credible iff f >= D; staying out is then best iff 0 >= -a
    c = spe_conditions(_entry(), {"Entrant": "Stay out", "Incumbent": "Fight"})
    for pt in POINTS:
        assert c.holds_at(pt) == (pt["f"] >= pt["D"] and pt["a"] >= 0), pt


def test_entry_parts_are_labelled():
    c = spe_conditions(_entry(), {"Entrant": "Stay out", "Incumbent": "Fight"})
    by = {(p.player, p.infoset, p.chosen, p.alternative): p for p in c.parts}
    assert set(by) == {("Entrant", "1", "Stay out", "Enter"), ("Incumbent", "Enter", "Fight", "Accommodate")}
    inc = by[("Incumbent", "Enter", "Fight", "Accommodate")]
    assert inc.node == 2
    f, D = sympy.symbols("f D", real=True)
    assert sympy.simplify(inc.expr.lhs - inc.expr.rhs - (f - D)) == 0 and isinstance(inc.expr, sympy.GreaterThan)
    assert "Incumbent at 'Enter' (node 2): Fight rather than Accommodate iff" in str(inc)
    assert c.to_json()["profile"] == {"Entrant": {"1": "Stay out"}, "Incumbent": {"Enter": "Fight"}}


def test_entry_assumptions_and_ranges_decide():
    D, f = sympy.symbols("D f", real=True)
    # with D > f assumed and d in [1, 2], entering and accommodating is subgame perfect for every value
    c = spe_conditions(_entry(), {"Entrant": "Enter", "Incumbent": "Accommodate"}, assumptions=[D > f],
                       ranges={"d": (1, 2)})
    assert c.expr == sympy.true
    c = spe_conditions(_entry(), {"Entrant": "Stay out", "Incumbent": "Fight"}, assumptions=[D > f])
    assert c.expr == sympy.false


# ---------------------------------------------------------------------- the ultimatum game's tie
def _ultimatum():
    # a pie of 2; offers 0, 1, 2; accept gives (2 - x, x), reject (0, 0)
    root = {"player": "Proposer", "actions": {
        f"Offer {x}": {"player": "Responder", "actions": {"Accept": [2 - x, x], "Reject": [0, 0]}} for x in range(3)}}
    return tree_from_dict(["Proposer", "Responder"], root)


def test_ultimatum_two_spe_from_the_tie():
    # the responder accepts offers 1 and 2 (x > 0) and is indifferent at 0.  Accepting 0: the proposer offers 0
    # (2 > 1 > 0).  Rejecting 0: offer 1 gives 1, offer 0 and 2 give 0, so she offers 1.
    t = _ultimatum()
    found = {str(choices_profile(t, c)) for c in pure_subgame_perfect_profiles(t)}
    acc0 = {"Proposer": {"1": "Offer 0"}, "Responder": {"Offer 0": "Accept", "Offer 1": "Accept", "Offer 2": "Accept"}}
    rej0 = {"Proposer": {"1": "Offer 1"}, "Responder": {"Offer 0": "Reject", "Offer 1": "Accept", "Offer 2": "Accept"}}
    assert found == {str(acc0), str(rej0)}
    assert spe_conditions(t, acc0).expr == sympy.true
    assert spe_conditions(t, rej0).expr == sympy.true
    assert is_subgame_perfect(t, rej0)
    # offering 1 against a responder who accepts 0 is not: the proposer gains 1 by offering 0
    devs = spe_deviations(t, {**rej0, "Responder": "Accept"})
    assert [(d.player, d.alternative, d.gain) for d in devs] == [("Proposer", "Offer 0", F(1))]


def test_ultimatum_paths():
    t = _ultimatum()
    assert spe_path_conditions(t, ["Offer 0", "Accept"]).expr == sympy.true
    assert spe_path_conditions(t, ["Offer 1"]).expr == sympy.true
    assert spe_path_conditions(t, ["Offer 2"]).expr == sympy.false
    assert spe_path_conditions(t, ["Offer 1", "Reject"]).expr == sympy.false


def test_ultimatum_symbolic_pie():
    # pie P: accepting offer 0 is a best reply always (0 >= 0), offering 0 beats offer x iff P >= P - x, i.e. x >= 0
    P = sympy.Symbol("P", real=True)
    root = {"player": "Proposer", "actions": {
        f"Offer {x}": {"player": "Responder", "actions": {"Accept": [P - x, x], "Reject": [0, 0]}} for x in range(3)}}
    t = tree_from_dict(["Proposer", "Responder"], root)
    # everything accepted: the responder's x >= 0 holds, the proposer's P >= P - x holds, whatever P
    c = spe_conditions(t, {"Proposer": "Offer 0", "Responder": "Accept"})
    assert c.expr == sympy.true
    # offering 2 when everything is accepted: offer 0 gives P > P - 2, never best
    c2 = spe_conditions(t, {"Proposer": "Offer 2", "Responder": "Accept"})
    assert c2.expr == sympy.false
    # offering 1 when 0 is rejected: P - 1 >= 0 (offer 0 rejected) and P - 1 >= P - 2: iff P >= 1
    c3 = spe_conditions(t, {"Proposer": "Offer 1", "Responder": {"Offer 0": "Reject", "Offer 1": "Accept",
                                                                 "Offer 2": "Accept"}})
    for v in [F(0), F(1, 2), F(1), F(2)]:
        assert c3.holds_at({"P": v}) == (v >= 1)


# ---------------------------------------------------------------------- West offers, Serbia answers
def _west_serbia():
    # Offer: Cooperate (1 - s, s), Blockade (-1, b); No offer: Cooperate (1/2, 0), Blockade (-1, -1)
    s, b = sympy.symbols("s b", real=True)
    root = {"player": "West", "actions": {
        "Offer": {"player": "Serbia", "actions": {"Cooperate": [1 - s, s], "Blockade": [-1, b]}},
        "No offer": {"player": "Serbia", "actions": {"Cooperate": [F(1, 2), 0], "Blockade": [-1, -1]}}}}
    return tree_from_dict(["West", "Serbia"], root)


OFFER = {"West": "Offer", "Serbia": {"Offer": "Cooperate", "No offer": "Cooperate"}}
NO_OFFER = {"West": "No offer", "Serbia": {"Offer": "Blockade", "No offer": "Cooperate"}}
SB = [{"s": F(x, 100), "b": F(y, 100)} for x in (0, 25, 49, 50, 51, 75, 100) for y in (0, 25, 49, 50, 51, 100)]


@pytest.mark.parametrize("pt", SB)
def test_offer_is_spe_iff_hand_inequalities(pt):
    # Serbia cooperates if offered iff s >= b; West offers (Serbia cooperating) iff 1 - s >= 1/2, i.e. s <= 1/2
    t = _west_serbia()
    expected = pt["s"] >= pt["b"] and pt["s"] <= F(1, 2)
    assert spe_conditions(t, OFFER).holds_at(pt) == expected
    assert is_subgame_perfect(t, OFFER, pt) == expected
    # blockading if offered is credible iff b >= s; then -1 < 1/2 and West does not offer
    assert spe_conditions(t, NO_OFFER).holds_at(pt) == (pt["b"] >= pt["s"])
    # some SPE plays (No offer, Cooperate): Serbia blockades an offer (b >= s), or cooperates and s >= 1/2
    path = spe_path_conditions(t, ["No offer", "Cooperate"])
    assert path.holds_at(pt) == (pt["b"] >= pt["s"] or pt["s"] >= F(1, 2))


def test_offer_deviation_reasons_at_values():
    t = _west_serbia()
    devs = spe_deviations(t, OFFER, {"s": F(51, 100), "b": 0})
    assert [str(d) for d in devs] == ["West gains 1/100 by choosing No offer instead of Offer at '1' (node 0)"]
    devs = spe_deviations(t, OFFER, {"s": F(1, 4), "b": F(1, 2)})
    assert [(d.player, d.infoset, d.gain) for d in devs] == [("Serbia", "Offer", F(1, 4))]


def test_offer_condition_with_ranges():
    s, b = sympy.symbols("s b", real=True)
    c = spe_conditions(_west_serbia(), OFFER, assumptions=[b < s], ranges={"s": (0, 1), "b": (0, 1)})
    assert c.verdict(fixed={"s": F(49, 100)}, ranges={"b": (0, F(49, 100))}, assumptions=[b < s]).status == "holds"
    assert c.verdict(fixed={"s": F(51, 100)}, ranges={"b": (0, F(1, 2))}).status == "fails"


# ---------------------------------------------------------------------- imperfect information
def _entry_simultaneous():
    # Out: (x, 1); In leads to a simultaneous game (E picks f/a, I picks f/a without seeing it):
    #   (f, f) = (-1, -1), (f, a) = (3, 0), (a, f) = (0, 3), (a, a) = (2, 2)
    x = sympy.Symbol("x", real=True)
    sub = {"player": "E", "infoset": "e2", "actions": {
        "f": {"player": "I", "infoset": "inc", "actions": {"f": [-1, -1], "a": [3, 0]}},
        "a": {"player": "I", "infoset": "inc", "actions": {"f": [0, 3], "a": [2, 2]}}}}
    return tree_from_dict(["E", "I"], {"player": "E", "infoset": "e1", "actions": {"Out": [x, 1], "In": sub}})


def test_imperfect_information_subgames():
    t = _entry_simultaneous()
    # the subgame's pure equilibria are (f, a) worth 3 to E and (a, f) worth 0; (a, a) is not one (E gains 1)
    c = spe_conditions(t, {"E": {"e1": "Out", "e2": "f"}, "I": "a"})
    c2 = spe_conditions(t, {"E": {"e1": "Out", "e2": "a"}, "I": "f"})
    c3 = spe_conditions(t, {"E": {"e1": "In", "e2": "a"}, "I": "a"})
    for v in [F(-1), F(0), F(1, 2), F(2), F(3), F(4)]:
        assert c.holds_at({"x": v}) == (v >= 3)
        assert c2.holds_at({"x": v}) == (v >= 0)
    assert c3.expr == sympy.false
    assert any(p.infoset is None and p.node == 2 and p.player == "E" for p in c.parts)
    # at x = 1: (In; f, a) and (Out; a, f)
    got = {str(choices_profile(t, ch)) for ch in pure_subgame_perfect_profiles(t, {"x": 1})}
    assert got == {str({"E": {"e1": "In", "e2": "f"}, "I": {"inc": "a"}}),
                   str({"E": {"e1": "Out", "e2": "a"}, "I": {"inc": "f"}})}
    path = spe_path_conditions(t, ["In"])
    for v in [F(-1), F(0), F(2), F(3), F(4)]:
        assert path.holds_at({"x": v}) == (v <= 3)


def test_chance_is_expected():
    # chance: h (p) or t (1 - p) before A chooses; A's Safe gives 1; Risky pays 4 on h and 0 on t through chance
    p = sympy.Symbol("p", real=True)
    root = {"player": "A", "actions": {"Safe": [1], "Risky": {"chance": {"h": (p, [4]), "t": (1 - p, [0])}}}}
    t = tree_from_dict(["A"], root)
    c = spe_conditions(t, {"A": "Risky"})
    for v in [F(0), F(1, 5), F(1, 4), F(1, 3), F(1)]:
        assert c.holds_at({"p": v}) == (4 * v >= 1)
        assert is_subgame_perfect(t, {"A": "Risky"}, {"p": v}) == (4 * v >= 1)


# ---------------------------------------------------------------------- bad input
def test_profile_errors():
    t = _west_serbia()
    with pytest.raises(InputError, match="missing: Serbia at 'No offer'"):
        pure_choices(t, {"West": "Offer", "Serbia": {"Offer": "Cooperate"}})
    with pytest.raises(LabelError, match="no action 'Accept'"):
        pure_choices(t, {"West": "Offer", "Serbia": "Accept"})
    with pytest.raises(LabelError, match="unknown player"):
        pure_choices(t, {"Russia": "Offer"})
    with pytest.raises(LabelError, match="no action 'Maybe'"):
        spe_path_conditions(t, ["Offer", "Maybe"])
    with pytest.raises(CostLimitError):
        spe_conditions(t, OFFER, max_cost=1)
    # a degenerate behaviour, as solvers print it, is a pure profile
    assert pure_choices(t, {"West": {"Offer": 1, "No offer": 0}, "Serbia": "Cooperate"}) == {0: 0, 1: 0, 2: 0}


# ---------------------------------------------------------------------- random trees against brute force
def _random_tree(rng, n_players, max_depth):
    """A nested perfect-information tree with integer payoffs in 0..2 (many ties); each decision node its own set."""
    counter = itertools.count()

    def node(depth):
        if depth >= max_depth or (depth > 0 and rng.random() < 0.3):
            return [int(x) for x in rng.integers(0, 3, n_players)]
        if rng.random() < 0.15:
            k = int(rng.integers(2, 4))
            return {"chance": {f"c{j}": (F(1, k), node(depth + 1)) for j in range(k)}}
        me = int(next(counter))
        k = int(rng.integers(1, 4))
        return {"player": f"P{int(rng.integers(n_players))}", "infoset": f"n{me}",
                "actions": {f"a{j}": node(depth + 1) for j in range(k)}}
    return node(0)


def _decisions(nd):
    """Every decision node of a nested tree, depth first."""
    out, stack = [], [nd]
    while stack:
        v = stack.pop()
        if isinstance(v, dict) and "player" in v:
            out.append(v)
            stack.extend(v["actions"].values())
        elif isinstance(v, dict):
            stack.extend(c for _, c in v["chance"].values())
    return out


def _outcome(nd, choice):
    """Expected payoffs of a nested tree under {infoset label: action}."""
    if isinstance(nd, list):
        return [F(x) for x in nd]
    if "chance" in nd:
        total = None
        for p, child in nd["chance"].values():
            val = [p * x for x in _outcome(child, choice)]
            total = val if total is None else [a + b for a, b in zip(total, val)]
        return total
    return _outcome(nd["actions"][choice[nd["infoset"]]], choice)


def _brute_spe(nd, players, choice):
    """Nash in every subgame: no player gains by any change of her actions inside the subgame."""
    for sub in _decisions(nd):
        base = _outcome(sub, choice)
        inside = _decisions(sub)
        for i, pl in enumerate(players):
            mine = [v for v in inside if v["player"] == pl]
            for alt in itertools.product(*[list(v["actions"]) for v in mine]):
                dev = dict(choice)
                dev.update({v["infoset"]: a for v, a in zip(mine, alt)})
                if _outcome(sub, dev)[i] > base[i]:
                    return False
    return True


@pytest.mark.parametrize("seed", range(25))
def test_random_perfect_information_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    n_players = int(rng.integers(1, 4))
    players = [f"P{i}" for i in range(n_players)]
    nested = _random_tree(rng, n_players, 3)
    if isinstance(nested, list) or not _decisions(nested):
        nested = {"player": "P0", "infoset": "root", "actions": {"a": nested, "b": [0] * n_players}}
    t = tree_from_dict(players, nested)
    assert t.is_perfect_information
    nodes = _decisions(nested)
    # the payoffs as symbols: the conditions, evaluated at the integer payoffs, against the brute force
    symbolic = t.to_symbolic()
    syms = [[sympy.Symbol(f"u{r}_{i}", real=True) for i in range(n_players)] for r in range(len(t.terminals))]
    from gametheory.tree import Tree
    st = Tree(t.players, [t.infoset(k) for k in range(t.num_infosets)], [t.children(v) for v in range(t.num_nodes)],
              t.node_infosets.tolist(), {int(z): tuple(syms[r]) for r, z in enumerate(t.terminals.tolist())})
    values = {syms[r][i].name: symbolic.payoffs[r][i] for r in range(len(syms)) for i in range(n_players)}
    brute = set()
    for combo in itertools.product(*[list(v["actions"]) for v in nodes]):
        choice = {v["infoset"]: a for v, a in zip(nodes, combo)}
        if _brute_spe(nested, players, choice):
            brute.add(tuple(sorted(choice.items())))
    found = {tuple(sorted((k, a) for d in choices_profile(t, c).values() for k, a in d.items()))
             for c in pure_subgame_perfect_profiles(t)}
    assert found == brute
    combos = list(itertools.product(*[list(v["actions"]) for v in nodes]))
    for j in rng.choice(len(combos), size=min(4, len(combos)), replace=False):
        choice = {v["infoset"]: a for v, a in zip(nodes, combos[int(j)])}
        profile = {p: {k: a for k, a in choice.items() if any(v["infoset"] == k and v["player"] == p for v in nodes)}
                   for p in players}
        profile = {p: d for p, d in profile.items() if d}
        expected = tuple(sorted(choice.items())) in brute
        assert spe_conditions(st, profile).holds_at(values) == expected
        assert is_subgame_perfect(t, profile) == expected
