"""The reduced normal form of a tree, against pygambit's reduced strategic form and hand calculations."""

import itertools
from fractions import Fraction

import pytest
import sympy

from gametheory.errors import CostLimitError
from gametheory.tree import TreeBuilder, efg_text, plan_label, reduced_strategies, to_normal_form

gbt = pytest.importorskip("pygambit")


def ultimatum():
    b = TreeBuilder(["Proposer", "Responder"], title="Ultimatum")
    offers = {f"Offer {x}": b.decision("Responder", {"Accept": b.payoff(2 - x, x), "Reject": b.payoff(0, 0)})
              for x in range(3)}
    return b.build(b.decision("Proposer", offers))


def centipede():
    b = TreeBuilder(["A", "B"], title="Centipede")
    node = b.payoff(4, 3)
    for who, take in reversed([("A", (1, 0)), ("B", (0, 2)), ("A", (3, 1)), ("B", (2, 4))]):
        node = b.decision(who, {"Take": b.payoff(*take), "Pass": node})
    return b.build(node)


def entry():
    b = TreeBuilder(["Entrant", "Incumbent"])
    return b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))


def signalling():
    b = TreeBuilder(["Sender", "Receiver"])

    def receiver(signal, high):
        return b.decision("Receiver", {"Trust": b.payoff(2 if high else -1, 1 if high else -2),
                                       "Doubt": b.payoff(0, 0)}, infoset=f"saw {signal}")

    def sender(high):
        return b.decision("Sender", {"Send": receiver("signal", high), "Quiet": receiver("nothing", high)},
                          infoset="high" if high else "low")

    return b.build(b.chance({"High": ("1/3", sender(True)), "Low": ("2/3", sender(False))}))


def nested():
    """A moves twice on one path and once elsewhere; B's set joins two nodes; chance in the middle."""
    b = TreeBuilder(["A", "B"])
    return b.build(b.decision("A", {
        "a": b.decision("B", {
            "x": b.decision("A", {"c": b.payoff(1, 0), "d": b.chance({
                "h": ("1/4", b.payoff(4, 1)), "t": ("3/4", b.decision("A", {"e": b.payoff(0, 3), "f": b.payoff(2, 2)}))
            })}),
            "y": b.payoff(3, 3)}, infoset="B1"),
        "b": b.decision("B", {"x": b.payoff(0, 1), "y": b.decision("A", {"g": b.payoff(5, 0), "h": b.payoff(1, 1)})},
                        infoset="B1"),
        "c": b.payoff(2, 2),
    }))


def three_players_float():
    b = TreeBuilder(["A", "B", "C"])
    return b.build(b.decision("A", {
        "x": b.chance({"u": (0.25, b.payoff(0.5, 2.5, -1.0)), "d": (0.75, b.decision("C", {
            "l": b.payoff(1.0, 0.0, 3.0), "r": b.payoff(2.0, 1.0, 0.5)}))}),
        "y": b.decision("B", {"p": b.decision("C", {"l": b.payoff(1.5, 2, 3), "r": b.payoff(0, 0, 0)}),
                              "q": b.payoff(7, 8, 9)})}))


TREES = [ultimatum, centipede, entry, signalling, nested, three_players_float]


def gambit_label(tree, player, plan):
    """Gambit's label of a reduced strategy: per information set in number order, the action's number or '*'."""
    return "".join(str(tree.infoset_actions(k).index(plan[k]) + 1) if k in plan else "*"
                   for k in tree.infosets(player))


def gambit_table(game):
    """{(gambit labels...): (payoffs...)} of pygambit's reduced strategic form, by pure profiles."""
    table = {}
    for prof in itertools.product(*[list(p.strategies) for p in game.players]):
        m = game.mixed_strategy_profile(rational=True)
        for p, s in zip(game.players, prof):
            for other in p.strategies:
                m[other] = 0
            m[s] = 1
        table[tuple(s.label for s in prof)] = tuple(Fraction(str(m.payoff(p))) for p in game.players)
    return table


@pytest.mark.parametrize("make", TREES)
def test_against_pygambit(make, tmp_path):
    tree = make()
    path = tmp_path / "t.efg"
    path.write_text(efg_text(tree))
    game = gbt.read_efg(str(path))
    expected = gambit_table(game)
    g = to_normal_form(tree)
    assert g.kind == tree.kind and g.players == tree.players
    plans = [reduced_strategies(tree, p) for p in tree.players]
    assert [len(p) for p in plans] == [len(list(p.strategies)) for p in game.players]
    assert list(g.shape) == [len(p) for p in plans]
    got = {}
    for idx in itertools.product(*[range(len(p)) for p in plans]):
        key = tuple(gambit_label(tree, tree.players[i], plans[i][j]) for i, j in enumerate(idx))
        values = g.payoffs[idx]
        got[key] = tuple(Fraction(x) if g.kind == "exact" else x for x in values)
    assert set(got) == set(expected)
    for key, values in expected.items():
        if g.kind == "exact":
            assert got[key] == values, key
        else:
            assert got[key] == pytest.approx([float(x) for x in values], rel=1e-12), key
    # the Game's labels are the plans' labels, in the same order
    for i, p in enumerate(tree.players):
        assert list(g.strategies[i]) == [plan_label(tree, p, plan) for plan in plans[i]]


def test_entry_by_hand():
    g = to_normal_form(entry())
    assert g.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    A, B = g.bimatrix()
    assert A.tolist() == [[0, 0], [-1, 1]] and B.tolist() == [[2, 2], [-1, 1]]


def test_ultimatum_labels_by_hand():
    g = to_normal_form(ultimatum())
    assert g.strategies[0] == ("Offer 0", "Offer 1", "Offer 2")
    assert len(g.strategies[1]) == 8
    assert g.strategies[1][0] == "Offer 0: Accept; Offer 1: Accept; Offer 2: Accept"
    assert g.strategies[1][5] == "Offer 0: Reject; Offer 1: Accept; Offer 2: Reject"
    # offering 1 against "reject 0, accept 1, reject 2": the pie splits 1, 1
    assert g.payoff({"Proposer": "Offer 1", "Responder": g.strategies[1][5]}) == {"Proposer": 1, "Responder": 1}
    assert g.payoff({"Proposer": "Offer 2", "Responder": g.strategies[1][5]}) == {"Proposer": 0, "Responder": 0}


def test_centipede_is_reduced():
    g = to_normal_form(centipede())
    # a plan that takes at once says nothing about later sets: 3 plans each, not 4
    assert g.strategies == (("1: Take", "1: Pass; Pass, Pass: Take", "1: Pass; Pass, Pass: Pass"),
                            ("Pass: Take", "Pass: Pass; Pass, Pass, Pass: Take", "Pass: Pass; Pass, Pass, Pass: Pass"))
    assert g.payoff({"A": "1: Pass; Pass, Pass: Pass", "B": "Pass: Pass; Pass, Pass, Pass: Pass"}) == {"A": 4, "B": 3}
    assert g.payoff({"A": "1: Take", "B": "Pass: Pass; Pass, Pass, Pass: Pass"}) == {"A": 1, "B": 0}


def test_signalling_by_hand():
    g = to_normal_form(signalling())
    # the sender sends when high and stays quiet when low; the receiver trusts a signal and doubts silence:
    # 1/3 (2, 1) + 2/3 (0, 0)
    out = g.payoff({"Sender": "high: Send; low: Quiet", "Receiver": "saw signal: Trust; saw nothing: Doubt"})
    assert out == {"Sender": Fraction(2, 3), "Receiver": Fraction(1, 3)}
    # both types send and the receiver trusts: 1/3 (2, 1) + 2/3 (-1, -2)
    out = g.payoff({"Sender": "high: Send; low: Send", "Receiver": "saw signal: Trust; saw nothing: Trust"})
    assert out == {"Sender": Fraction(0), "Receiver": Fraction(-1)}


def test_symbolic_tree_gives_a_symbolic_game():
    p, s = sympy.symbols("p s", positive=True)
    b = TreeBuilder(["A", "B"])
    t = b.build(b.chance({"tough": (p, b.decision("A", {"fight": b.payoff(s, -1), "yield": b.payoff(0, 1)})),
                          "weak": (1 - p, b.payoff(2, 0))}))
    g = to_normal_form(t)
    assert g.kind == "symbolic" and g.strategies == (("fight", "yield"), ("no move",))
    assert sympy.simplify(g.payoffs[0, 0, 0] - (p * s + 2 * (1 - p))) == 0
    assert sympy.simplify(g.payoffs[1, 0, 1] - p) == 0
    assert to_normal_form(t.substitute({"p": "1/2", "s": 4})) == g.substitute({"p": "1/2", "s": 4})


def test_cost_is_checked_before_listing():
    with pytest.raises(CostLimitError, match="reduced normal form"):
        to_normal_form(ultimatum(), max_cost=10)


def test_many_plans_refused_without_enumeration():
    # 30 responder sets with 2 actions each: 2**30 plans; refused at once
    b = TreeBuilder(["P", "R"])
    t = b.build(b.decision("P", {f"o{x}": b.decision("R", {"a": b.payoff(0, x), "r": b.payoff(0, 0)})
                                 for x in range(30)}))
    with pytest.raises(CostLimitError, match="30 x 1073741824 plans"):
        to_normal_form(t)
