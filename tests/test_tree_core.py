"""The Tree type and its builder: structure, labels, kinds, and every validation error.

Expected values are read off the drawn trees by hand.
"""

import time
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory.errors import InputError, LabelError, TreeError, UnsupportedGameError
from gametheory.tree import Infoset, Tree, TreeBuilder, tree_from_dict

P = ["A", "B"]


def ultimatum():
    b = TreeBuilder(["Proposer", "Responder"], title="Ultimatum")
    offers = {f"Offer {x}": b.decision("Responder", {"Accept": b.payoff(2 - x, x), "Reject": b.payoff(0, 0)})
              for x in range(3)}
    return b.build(b.decision("Proposer", offers))


def centipede():
    b = TreeBuilder(P, title="Centipede")
    end = b.payoff(4, 3)
    node = end
    for who, take in reversed([("A", (1, 0)), ("B", (0, 2)), ("A", (3, 1)), ("B", (2, 4))]):
        node = b.decision(who, {"Take": b.payoff(*take), "Pass": node})
    return b.build(node)


def signalling():
    """Root A: L and M lead to B's information set 's'; R leads to chance, then a move of A."""
    b = TreeBuilder(P)
    s = {"x": b.payoff(1, 2), "y": b.payoff(0, 0)}
    return b.build(b.decision("A", {
        "L": b.decision("B", s, infoset="s"),
        "M": b.decision("B", {"y": b.payoff(3, 1), "x": b.payoff(2, 2)}, infoset="s"),
        "R": b.chance({"h": ("1/3", b.decision("A", {"u": b.payoff(5, 5), "d": b.payoff(6, 0)})),
                       "t": (Fraction(2, 3), b.payoff(1, 1))}),
    }))


# ---------------------------------------------------------------------------------------------- structure
def test_ultimatum_structure():
    t = ultimatum()
    assert t.num_nodes == 10 and t.num_players == 2 and t.title == "Ultimatum"
    assert t.root == 0 and t.player(0) == "Proposer" and t.node_kind(0) == "decision"
    assert t.actions(0) == ("Offer 0", "Offer 1", "Offer 2")
    # preorder: 0 root, 1 responder after Offer 0, 2-3 its leaves, 4 after Offer 1, ...
    assert t.children(0) == (1, 4, 7)
    assert t.moves(4) == {"Accept": 5, "Reject": 6}
    assert t.parent(5) == 4 and t.parent(0) is None
    assert t.incoming_action(5) == "Accept" and t.incoming_action(0) is None
    assert t.path(5) == ((0, "Offer 1"), (4, "Accept"))
    assert t.depth(5) == 2
    assert t.payoff(8) == {"Proposer": 0, "Responder": 2}
    assert t.payoff(6) == {"Proposer": 0, "Responder": 0}
    assert t.kind == "exact" and isinstance(t.payoff(8)["Responder"], Fraction)
    assert t.is_terminal(8) and not t.is_terminal(7)
    assert list(t.terminals) == [2, 3, 5, 6, 8, 9]
    assert list(t.subtree_ends) == [10, 4, 3, 4, 7, 6, 7, 10, 9, 10]
    assert list(t.parents) == [-1, 0, 1, 1, 0, 4, 4, 0, 7, 7]
    assert list(t.node_kinds) == [1, 1, 0, 0, 1, 0, 0, 1, 0, 0]
    assert t.is_perfect_information
    assert t.subgame_roots() == (0, 1, 4, 7)
    # the responder's sets are labelled by the offer that leads to them; the root's set by its number
    resp = t.infosets("Responder")
    assert [t.infoset_key(k) for k in resp] == ["Offer 0", "Offer 1", "Offer 2"]
    assert [t.infoset_number(k) for k in resp] == [1, 2, 3]
    assert t.infoset_key(t.infosets("Proposer")[0]) == "1"
    assert t.find_infoset("Responder", "Offer 2") == t.infoset_of(7)
    assert t.sequence(8, "Responder") == ((t.infoset_of(7), "Accept"),)
    assert t.sequence(8, "Proposer") == ((0, "Offer 2"),)


def test_centipede_and_entry_deterrence():
    t = centipede()
    assert t.num_nodes == 9 and t.is_perfect_information
    # preorder: 0 A, 1 Take leaf, 2 B, 3 leaf, 4 A, 5 leaf, 6 B, 7 leaf, 8 end leaf
    assert [t.player(v) for v in (0, 2, 4, 6)] == ["A", "B", "A", "B"]
    assert t.payoff(8) == {"A": 4, "B": 3} and t.payoff(7) == {"A": 2, "B": 4}
    assert t.subgame_roots() == (0, 2, 4, 6)
    assert [t.infoset_key(k) for k in t.infosets("A")] == ["1", "Pass, Pass"]
    assert t.sequence(8, "A") == ((0, "Pass"), (t.infoset_of(4), "Pass"))

    b = TreeBuilder(["Entrant", "Incumbent"])
    e = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
    assert e.num_nodes == 5 and e.subgame_roots() == (0, 2)
    assert e.payoff(e.child(2, "Fight")) == {"Entrant": -1, "Incumbent": -1}


def test_chance_and_information_set():
    t = signalling()
    # preorder: 0 A; 1 B(s) 2 3; 4 B(s) 5 6; 7 chance; 8 A 9 10; 11 leaf
    assert t.num_nodes == 12
    assert t.node_kind(7) == "chance" and t.player(7) is None
    assert t.probabilities(7) == {"h": Fraction(1, 3), "t": Fraction(2, 3)}
    s = t.find_infoset("B", "s")
    assert t.infoset_nodes(s) == (1, 4)
    # the second node's actions were given as y, x: its children follow the set's order x, y
    assert t.actions(4) == ("x", "y") and t.payoff(t.child(4, "x")) == {"A": 2, "B": 2}
    assert t.infoset(s) == Infoset("B", "s", ("x", "y"), None)
    assert not t.is_perfect_information
    assert t.subgame_roots() == (0, 7, 8)
    assert t.infosets(None) == (t.infoset_of(7),)
    assert t.infoset(t.infoset_of(7)).probabilities == (Fraction(1, 3), Fraction(2, 3))
    assert list(t.node_players) == [0, 1, -1, -1, 1, -1, -1, -1, 0, -1, -1, -1]


def test_low_level_input_in_any_order_is_renumbered_to_preorder():
    # the entry game given breadth first with the root last: 4 root, 0 Out leaf, 1 incumbent, 2-3 leaves
    t = Tree(["Entrant", "Incumbent"],
             infosets=[Infoset("Incumbent", "", ("Fight", "Accommodate")), Infoset("Entrant", "", ("Out", "In"))],
             children=[(), (2, 3), (), (), (0, 1)], node_infosets=[-1, 0, -1, -1, 1],
             payoffs={0: (0, 2), 2: (-1, -1), 3: (1, 1)}, node_labels=["out", "inc", "fight", "acc", "root"])
    assert t.node_labels == ("root", "out", "inc", "fight", "acc")
    assert t.player(0) == "Entrant" and t.children(0) == (1, 2) and t.payoff(1) == {"Entrant": 0, "Incumbent": 2}
    assert t.infoset_player(0) == "Entrant"  # sets are numbered by their first node in preorder
    b = TreeBuilder(["Entrant", "Incumbent"])
    same = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2, label="out"), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1, label="fight"), "Accommodate": b.payoff(1, 1, label="acc")},
        label="inc")}, label="root"))
    assert [same.infoset_label(k) for k in range(2)] == ["", "In"]
    assert t.infoset_actions(1) == same.infoset_actions(1)
    # payoffs as an array, rows in increasing input number of the terminal nodes
    t2 = Tree(["Entrant", "Incumbent"],
              infosets=[Infoset("Incumbent", "", ("Fight", "Accommodate")), Infoset("Entrant", "", ("Out", "In"))],
              children=[(), (2, 3), (), (), (0, 1)], node_infosets=[-1, 0, -1, -1, 1],
              payoffs=np.array([[0, 2], [-1, -1], [1, 1]]), node_labels=["out", "inc", "fight", "acc", "root"])
    assert t2 == t


def test_nested_form_equals_builder():
    root = {"player": "Proposer", "actions": {
        f"Offer {x}": {"player": "Responder", "actions": {"Accept": [2 - x, x], "Reject": {"payoffs": {
            "Responder": 0, "Proposer": 0}}}} for x in range(3)}}
    assert tree_from_dict(["Proposer", "Responder"], root) == ultimatum()


def test_infoset_keys():
    # A at the root (l, r, m); B has four singleton sets labelled 'x', 'x', '1', '4' (in preorder)
    b = TreeBuilder(P)
    t = b.build(b.decision("A", {
        "l": b.decision("B", {"a": [0, 0]}, infoset="x"),
        "r": b.decision("A", {"u": b.decision("B", {"a": [0, 0]}, infoset="1"),
                              "d": b.decision("B", {"a": [0, 0]}, infoset="4")}),
        "m": b.decision("B", {"a": [0, 0]}, infoset="2"),
    }))
    keys = [t.infoset_key(k) for k in t.infosets("B")]
    # '1' is B's first set's number and the label of the second: both give way to numbers;
    # '4' is the label of the third set and the number of the fourth, whose label '2' is the second's number
    assert [t.infoset_label(k) for k in t.infosets("B")] == ["x", "1", "4", "2"]
    assert keys == ["x", "2", "3", "4"]


# ---------------------------------------------------------------------------------------------- kinds
def test_kinds_and_substitute():
    t = ultimatum()
    f = t.to_float()
    assert f.kind == "float" and f.payoffs.dtype == float and f.payoff(8)["Responder"] == 2.0
    assert f.to_exact() == t
    assert centipede().kind == "exact"
    b = TreeBuilder(P)
    mixed = b.build(b.decision("A", {"l": b.payoff(0.5, 1), "r": b.payoff(0, 0)}))
    assert mixed.kind == "float"
    s, c = sympy.symbols("s c", real=True)
    p = sympy.Symbol("p", positive=True)
    sym = b.build(b.chance({"tough": (p, b.decision("A", {"fight": b.payoff(s - c, -c), "yield": b.payoff(0, 1)})),
                            "weak": (1 - p, b.payoff(s, 0))}))
    assert sym.kind == "symbolic" and sym.parameters == (c, p, s)
    with pytest.raises(UnsupportedGameError, match="parameters"):
        sym.require_numeric("spe")
    num = sym.substitute({"s": 3, "c": "1/2", "p": "1/4"})
    assert num.kind == "exact"
    assert num.probabilities(0) == {"tough": Fraction(1, 4), "weak": Fraction(3, 4)}
    assert num.payoff(num.child(1, "fight")) == {"A": Fraction(5, 2), "B": Fraction(-1, 2)}
    assert sym.substitute({"s": 3, "c": 0.5, "p": 0.25}).kind == "float"
    with pytest.raises(InputError, match=r"no value for parameters \['p'\]"):
        sym.substitute({"s": 1, "c": 1})
    with pytest.raises(TreeError, match="negative"):
        sym.substitute({"s": 1, "c": 1, "p": 2})
    assert t.substitute({}) is t


def test_float_probabilities_within_tolerance():
    b = TreeBuilder(["A"])
    ok = b.build(b.chance({"a": (0.1, [1]), "b": (0.2, [2]), "c": (0.7, [3])}))  # sums to 0.9999999999999999
    assert ok.kind == "float"
    with pytest.raises(TreeError, match=r"sum to 0\.9999, not 1"):
        b.build(b.chance({"a": (0.1, [1]), "b": (0.8999, [2])}))


def test_immutable():
    t = ultimatum()
    with pytest.raises(AttributeError, match="immutable"):
        t._players = ("x",)
    with pytest.raises(ValueError):
        t.parents[0] = 3
    with pytest.raises(ValueError):
        t.payoffs[0, 0] = 3
    assert hash(t) == hash(ultimatum()) and t == ultimatum() and t != centipede()


def test_lookup_errors():
    t = ultimatum()
    with pytest.raises(LabelError, match="no action 'Maybe' at node 1"):
        t.child(1, "Maybe")
    with pytest.raises(LabelError, match="no node 10"):
        t.children(10)
    with pytest.raises(InputError, match="only terminal nodes have payoffs"):
        t.payoff(0)
    with pytest.raises(LabelError, match="unknown player 'C'"):
        t.infosets("C")
    with pytest.raises(LabelError, match="no information set 'Offer 3'"):
        t.find_infoset("Responder", "Offer 3")


# ---------------------------------------------------------------------------------------------- bad trees
I2 = [Infoset("A", "", ("l", "r"))]


@pytest.mark.parametrize("kwargs, message", [
    # a cycle away from the root: 0 -> 1 is the tree, 2 <-> 3 loop
    (dict(infosets=[Infoset("A", "", ("l",)), Infoset("B", "", ("x",))], children=[(1,), (), (3,), (2,)],
          node_infosets=[0, -1, 1, 1], payoffs={1: (0, 0)}),
     r"the nodes form a cycle: node 2 -> node 3 -> node 2"),
    (dict(infosets=[Infoset("A", "", ("l",))], children=[(0,)], node_infosets=[0], payoffs={}),
     "leads back to itself: a cycle"),
    (dict(infosets=[Infoset("A", "", ("l",)), Infoset("B", "", ("x",))], children=[(1,), (0,)],
          node_infosets=[0, 1], payoffs={}),
     "every node has a parent, so the nodes form a cycle"),
    (dict(infosets=I2 + [Infoset("B", "", ("x",))], children=[(1, 2), (), (1,)], node_infosets=[0, -1, 1],
          payoffs={1: (0, 0)}),
     "node 1 has two parents, node 0 and node 2"),
    (dict(infosets=I2, children=[(1, 1), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     "two actions at node 0 lead to the same node 1"),
    (dict(infosets=I2, children=[(1,), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     "node 0 has 1 children but its information set has 2 actions.*action 'r' leads nowhere"),
    (dict(infosets=I2, children=[(1, 7), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     r"action 'r' at node 0 leads nowhere \(7 is not a node\)"),
    (dict(infosets=I2, children=[(1, None), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     r"action 'r' at node 0 leads nowhere \(None is not a node\)"),
    (dict(infosets=I2, children=[(1, 2), (), ()], node_infosets=[0, -1, -1], payoffs={1: (0, 0)}),
     "terminal node 2 has no payoffs"),
    (dict(infosets=I2, children=[(1, 2), (), ()], node_infosets=[0, -1, -1], payoffs={0: (1, 1), 1: (0, 0)}),
     "node 0, which is not a terminal node"),
    (dict(infosets=I2, children=[(1, 2), (), ()], node_infosets=[0, -1, -1], payoffs={1: (0, 0), 2: (1,)}),
     "terminal node 2 has 1 payoffs, expected 2"),
    (dict(infosets=I2, children=[(1, 2), (), (), ()], node_infosets=[0, -1, -1, -1],
          payoffs={1: (0, 0), 2: (0, 0), 3: (0, 0)}),
     "a tree has one root, but 2 nodes have no parent: node 0, node 3"),
    (dict(infosets=I2 + [Infoset("B", "", ("x",))], children=[(1, 2), (), ()], node_infosets=[0, -1, -1],
          payoffs={1: (0, 0), 2: (0, 0)}),
     "information set 1 has no nodes"),
    (dict(infosets=[Infoset(None, "", ("h", "t"), ("1/3", "1/3"))], children=[(1, 2), (), ()],
          node_infosets=[0, -1, -1], payoffs={1: (0, 0), 2: (0, 0)}),
     "the chance move at node 0: the probabilities sum to 2/3, not 1"),
    (dict(infosets=[Infoset(None, "", ("h", "t"), ("3/2", "-1/2"))], children=[(1, 2), (), ()],
          node_infosets=[0, -1, -1], payoffs={1: (0, 0), 2: (0, 0)}),
     "the probability of 't' is -1/2, which is negative"),
    (dict(infosets=[Infoset(None, "", ("h", "t"))], children=[(1, 2), (), ()],
          node_infosets=[0, -1, -1], payoffs={1: (0, 0), 2: (0, 0)}),
     "chance infoset 0 has no probabilities"),
    (dict(infosets=[Infoset("C", "", ("h",))], children=[(1,), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     "belongs to unknown player 'C'"),
    (dict(infosets=[Infoset("A", "", ("h", "h"))], children=[(1, 2), (), ()], node_infosets=[0, -1, -1],
          payoffs={1: (0, 0), 2: (0, 0)}),
     "duplicate action of infoset 0 label 'h'"),
    (dict(infosets=[Infoset("A", "", ())], children=[(), ()], node_infosets=[0, -1], payoffs={1: (0, 0)}),
     "has no actions"),
])
def test_bad_trees(kwargs, message):
    with pytest.raises(InputError, match=message):
        Tree(P, **kwargs)


def test_tree_error_names_the_input_node():
    with pytest.raises(TreeError) as info:
        Tree(P, infosets=I2, children=[(1, 2), (), ()], node_infosets=[0, -1, -1], payoffs={1: (0, 0)})
    assert info.value.node == 2


def test_builder_errors():
    b = TreeBuilder(P)
    with pytest.raises(TreeError, match="the node after r: information set 's' has nodes of 'B' and of 'A'"):
        b.build(b.decision("A", {"l": b.decision("B", {"x": [1, 1]}, infoset="s"),
                                 "r": b.decision("A", {"x": [1, 1]}, infoset="s")}))
    with pytest.raises(TreeError, match=r"information set 's' has actions \['x', 'y'\] at one node and \['x'\] here"):
        b.build(b.decision("A", {"l": b.decision("B", {"x": [1, 1], "y": [0, 0]}, infoset="s"),
                                 "r": b.decision("B", {"x": [1, 1]}, infoset="s")}))
    with pytest.raises(LabelError, match="unknown player 'C'"):
        b.decision("C", {"x": [1, 1]})
    with pytest.raises(InputError, match="payoff needs 2 values"):
        b.payoff(1)
    with pytest.raises(InputError, match="the node after l: a decision node needs 'actions'"):
        tree_from_dict(P, {"player": "A", "actions": {"l": {"player": "B"}, "r": [0, 0]}})
    with pytest.raises(InputError, match=r"the node after r: 1 payoffs, expected 2"):
        tree_from_dict(P, {"player": "A", "actions": {"l": [1, 2], "r": {"payoffs": [1]}}})
    with pytest.raises(InputError, match=r"unknown keys \['acitons'\]"):
        tree_from_dict(P, {"player": "A", "acitons": {"l": [1, 2]}})
    with pytest.raises(InputError, match="exactly one of 'payoffs'"):
        tree_from_dict(P, {"player": "A", "payoffs": [1, 2]})
    with pytest.raises(InputError, match=r"chance action 'h' must be a pair \(probability, node\)"):
        tree_from_dict(P, {"chance": {"h": [1, 2, 3]}})
    with pytest.raises(TreeError, match="the node after r: the chance move at node 2: the probabilities sum to 5/6"):
        tree_from_dict(P, {"player": "A", "actions": {"l": [1, 2], "r": {"chance": {
            "h": ("1/2", [0, 0]), "t": ("1/3", [0, 0])}}}})
    loop = {"player": "A", "actions": {}}
    loop["actions"]["again"] = loop
    with pytest.raises(TreeError, match="contains itself"):
        tree_from_dict(P, loop)
    # a subtree used twice is two copies, not a node with two parents
    leaf = [1, 1]
    assert tree_from_dict(P, {"player": "A", "actions": {"l": leaf, "r": leaf}}).num_nodes == 3


def test_imperfect_recall():
    b = TreeBuilder(P)
    # A forgets her own first move: after l (then B) and after r she is in one set 's'
    with pytest.raises(TreeError, match="perfect recall fails at information set 's' of player 'A': node 2 is reached "
                                        "after their move 'l' at information set 1 but node 6 after their move 'r'"):
        b.build(b.decision("A", {
            "l": b.decision("B", {"u": b.decision("A", {"x": [1, 1], "y": [0, 0]}, infoset="s"), "d": [0, 0]}),
            "r": b.decision("A", {"x": [1, 1], "y": [0, 0]}, infoset="s")}))
    # absent-minded driver: one set, two nodes on one path
    with pytest.raises(TreeError, match="perfect recall fails at information set 's'.*lies below another node"):
        b.build(b.decision("A", {"go": b.decision("A", {"go": [1, 1], "stop": [0, 0]}, infoset="s"),
                                 "stop": [2, 2]}, infoset="s"))
    # forgetting what one observed is allowed (perfect recall concerns one's own moves and sets):
    # B's set joins nodes after A's l and r, and B has moved nowhere before
    t = b.build(b.decision("A", {"l": b.decision("B", {"x": [1, 1], "y": [0, 0]}, infoset="s"),
                                 "r": b.decision("B", {"x": [1, 1], "y": [0, 0]}, infoset="s")}))
    assert t.subgame_roots() == (0,)


def test_perfect_recall_with_distinct_earlier_sets():
    # A moves at the root; B then has separate sets; A's later set joins nodes with the same own history
    b = TreeBuilder(P)
    t = b.build(b.decision("A", {
        "l": b.decision("B", {"u": b.decision("A", {"x": [1, 1], "y": [0, 0]}, infoset="later"),
                              "d": b.decision("A", {"x": [2, 2], "y": [3, 3]}, infoset="later")}),
        "r": [0, 0]}))
    assert t.infoset_nodes(t.find_infoset("A", "later")) == (2, 5)
    assert t.subgame_roots() == (0, 1)


def test_big_tree_builds_fast():
    # a complete binary tree of depth 17 (262143 nodes), alternating players, given in preorder
    depth = 17
    n = 2 ** (depth + 1) - 1
    children, isets, infosets = [], [], []

    # preorder of a complete binary tree: node v at depth d has children v + 1 and v + 2 ** (depth - d)
    stack = [(0, 0)]
    kids = [None] * n
    dep = [0] * n
    while stack:
        v, d = stack.pop()
        dep[v] = d
        if d < depth:
            kids[v] = (v + 1, v + 2 ** (depth - d))
            stack.append((v + 2 ** (depth - d), d + 1))
            stack.append((v + 1, d + 1))
        else:
            kids[v] = ()
    for v in range(n):
        children.append(kids[v])
        if kids[v]:
            isets.append(len(infosets))
            infosets.append(Infoset(P[dep[v] % 2], "", ("L", "R")))
        else:
            isets.append(-1)
    pay = np.arange(2 * 2 ** depth).reshape(-1, 2) % 7
    start = time.perf_counter()
    t = Tree(P, infosets, children, isets, pay)
    elapsed = time.perf_counter() - start
    assert t.num_nodes == n and t.is_perfect_information
    assert t.payoff(int(t.terminals[-1])) == {"A": Fraction(int(pay[-1, 0])), "B": Fraction(int(pay[-1, 1]))}
    assert int(t.subtree_ends[1]) == 2 ** depth
    assert elapsed < 20  # about 1 s here; generous for a shared machine


def test_tree_labels_follow_the_game_label_rules():
    # the rules of Game: labels in NFC ('e' + combining acute is 'é'), none invisible-only, and two labels that
    # differ only by a zero-width space are the same label
    t = tree_from_dict(["Jose\u0301", "B"], {"player": "Jose\u0301", "actions": {"x": [1, 0], "y": [0, 1]}})
    assert t.players == ("Jos\u00e9", "B") and t.player(0) == "Jos\u00e9"
    assert t.player_index("Jose\u0301") == 0
    with pytest.raises(LabelError, match="invisible characters"):
        tree_from_dict(["A", "B"], {"player": "A", "actions": {"y": [1, 0], "y\u200b": [0, 1]}})
    with pytest.raises(InputError, match="no visible character"):
        tree_from_dict(["A", "\u200b"], {"player": "A", "actions": {"x": [1, 0], "y": [0, 1]}})
