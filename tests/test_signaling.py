"""SignalingGame: construction checks, the game tree, recognising the shape in a tree and in an .efg file."""

from fractions import Fraction

import pytest

from gametheory.bayesian.signaling import SignalingGame
from gametheory.errors import InputError
from gametheory.io.efg import efg_text, parse_efg, read_efg
from gametheory.tree import tree_from_dict

F = Fraction


def beer_quiche(p=None):
    # Cho and Kreps (1987): +1 for the favourite breakfast (strong: beer, weak: quiche), +2 when not duelled;
    # the receiver gets 1 for duelling the weak type or leaving the strong one alone.
    p = F(9, 10) if p is None else p
    pay = {
        ("strong", "beer", "duel"): (1, 0), ("strong", "beer", "not"): (3, 1),
        ("strong", "quiche", "duel"): (0, 0), ("strong", "quiche", "not"): (2, 1),
        ("weak", "beer", "duel"): (0, 1), ("weak", "beer", "not"): (2, 0),
        ("weak", "quiche", "duel"): (1, 1), ("weak", "quiche", "not"): (3, 0),
    }
    return SignalingGame("Sender", "Receiver", ["strong", "weak"], {"strong": p, "weak": 1 - p},
                         ["beer", "quiche"], ["duel", "not"], pay, title="Beer-quiche")


def test_reading_the_game():
    g = beer_quiche()
    assert g.sender == "Sender" and g.receiver == "Receiver"
    assert g.types == ("strong", "weak") and g.messages == ("beer", "quiche")
    assert g.actions("quiche") == ("duel", "not")
    assert g.prior["weak"] == F(1, 10)
    assert g.payoff("strong", "quiche", "not") == (2, 1)
    assert g.kind == "exact"
    with pytest.raises(AttributeError):
        g.title = "x"


def test_actions_may_depend_on_the_message():
    pay = {(t, m, a): (1, 0) for t in "ab" for m, acts in (("x", ["u"]), ("y", ["v", "w"])) for a in acts}
    g = SignalingGame("S", "R", ["a", "b"], {"a": "1/2", "b": "1/2"}, ["x", "y"], {"x": ["u"], "y": ["v", "w"]}, pay)
    assert g.actions("x") == ("u",) and g.actions("y") == ("v", "w")
    assert SignalingGame.from_tree(g.to_tree()) == g


@pytest.mark.parametrize("change, words", [
    (lambda kw: kw.update(prior={"strong": F(9, 10), "weak": F(2, 10)}), "sums to 11/10"),
    (lambda kw: kw.update(prior={"strong": 1, "weak": 0}), "probability > 0"),
    (lambda kw: kw.update(prior={"strong": 1}), "no prior probability for type 'weak'"),
    (lambda kw: kw.update(prior={"strong": F(1, 2), "weak": F(1, 2), "odd": 0}), "unknown type 'odd'"),
    (lambda kw: kw["payoffs"].pop(("weak", "beer", "not")), "no payoff for type 'weak', message 'beer', action 'not'"),
    (lambda kw: kw["payoffs"].update({("weak", "wine", "not"): (0, 0)}), "not a (type, message, action)"),
    (lambda kw: kw["payoffs"].update({("weak", "beer", "not"): (0, 0, 1)}), "must be a pair"),
    (lambda kw: kw.update(types=["strong", "strong"]), "duplicate type label"),
    (lambda kw: kw.update(receiver="Sender"), "duplicate player label"),
])
def test_bad_input(change, words):
    g = beer_quiche()
    kw = dict(sender="Sender", receiver="Receiver", types=list(g.types), prior=dict(g.prior),
              messages=list(g.messages), actions=["duel", "not"], payoffs=dict(g.payoffs))
    change(kw)
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        SignalingGame(**kw)


def test_tree_shape():
    g = beer_quiche()
    t = g.to_tree()
    assert t.players == ("Sender", "Receiver")
    assert t.node_kind(t.root) == "chance"
    assert t.probabilities(t.root) == {"strong": F(9, 10), "weak": F(1, 10)}
    assert [t.infoset_key(k) for k in t.infosets("Sender")] == ["strong", "weak"]
    assert [t.infoset_key(k) for k in t.infosets("Receiver")] == ["beer", "quiche"]
    for k in t.infosets("Receiver"):
        assert len(t.infoset_nodes(k)) == 2  # one node per type: the receiver does not see the type
    weak = t.child(t.root, "weak")
    z = t.child(t.child(weak, "quiche"), "duel")
    assert t.payoff(z) == {"Sender": 1, "Receiver": 1}


def test_round_trip_through_the_tree_and_efg_text():
    g = beer_quiche(F(1, 3))
    assert SignalingGame.from_tree(g.to_tree()) == g
    again = SignalingGame.from_tree(parse_efg(efg_text(g.to_tree())))
    assert again == g and again.title == "Beer-quiche"


# Written by hand in Gambit's format, players listed receiver first, so payoffs are (receiver, sender).
HAND_EFG = """EFG 2 R "Beer-quiche by hand" { "Receiver" "Sender" }
""

c "" 1 "Nature" { "strong" 9/10 "weak" 1/10 } 0
p "" 2 1 "strong" { "beer" "quiche" } 0
p "" 1 1 "beer" { "duel" "not" } 0
t "" 1 "sb-duel" { 0, 1 }
t "" 2 "sb-not" { 1, 3 }
p "" 1 2 "quiche" { "duel" "not" } 0
t "" 3 "sq-duel" { 0, 0 }
t "" 4 "sq-not" { 1, 2 }
p "" 2 2 "weak" { "beer" "quiche" } 0
p "" 1 1 "beer" { "duel" "not" } 0
t "" 5 "wb-duel" { 1, 0 }
t "" 6 "wb-not" { 0, 2 }
p "" 1 2 "quiche" { "duel" "not" } 0
t "" 7 "wq-duel" { 1, 1 }
t "" 8 "wq-not" { 0, 3 }
"""


def test_recognised_in_a_hand_written_efg(tmp_path):
    path = tmp_path / "beer_quiche.efg"
    path.write_text(HAND_EFG, encoding="utf-8")
    g = SignalingGame.from_tree(read_efg(path))
    assert g.sender == "Sender" and g.receiver == "Receiver"
    assert g == beer_quiche()
    assert g.title == "Beer-quiche by hand"
    from gametheory.bayesian.pbe import pbe_solve

    kinds = [(f.kind, f.pooling_message, f.intuitive) for f in pbe_solve(g).families]
    assert kinds == [("pooling", "beer", True), ("pooling", "quiche", False)]


def test_trees_of_other_shapes_are_refused():
    # the receiver sees the type: two information sets after "m"
    root = {"chance": {"a": ("1/2", {"player": "S", "actions": {"m": {"player": "R", "infoset": "ra",
                                                                        "actions": {"x": [0, 0]}}}}),
                       "b": ("1/2", {"player": "S", "actions": {"m": {"player": "R", "infoset": "rb",
                                                                        "actions": {"x": [1, 1]}}}})}}
    with pytest.raises(InputError, match="receiver's information set after 'm' has 1 nodes"):
        SignalingGame.from_tree(tree_from_dict(["S", "R"], root))
    # no chance move at the root
    with pytest.raises(InputError, match="root must be a chance move"):
        SignalingGame.from_tree(tree_from_dict(["S", "R"], {"player": "S", "actions": {"m": [0, 0]}}))
    # the game goes on after the receiver's move
    root2 = {"chance": {"a": (1, {"player": "S", "actions": {"m": {"player": "R", "actions": {
        "x": {"player": "S", "actions": {"y": [0, 0]}}}}}})}}
    with pytest.raises(InputError, match="the game must end"):
        SignalingGame.from_tree(tree_from_dict(["S", "R"], root2))


def test_float_and_symbolic_kinds():
    g = beer_quiche(0.25)
    assert g.kind == "float"
    assert g.to_exact() == beer_quiche(F(1, 4))
    # 0.9 and 1 - 0.9 sum to 1 only within the float tolerance: the exact prior is rescaled to sum to 1
    exact = beer_quiche(0.9).to_exact()
    assert sum(exact.prior.values()) == 1 and abs(exact.prior["strong"] - F(9, 10)) < F(1, 10**15)
