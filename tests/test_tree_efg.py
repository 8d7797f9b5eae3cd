"""Gambit .efg files: round trips through pygambit, both ways, and malformed files with their lines.

Structure, labels, probabilities and payoffs are compared with what pygambit reads, node by node.
"""

import io
from fractions import Fraction

import pytest

from gametheory.errors import EfgError
from gametheory.io import efg as efg_module
from gametheory.tree import Tree, TreeBuilder, efg_text, parse_efg, read_efg, write_efg

gbt = pytest.importorskip("pygambit")


# ---------------------------------------------------------------------------------------------- trees
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
    b = TreeBuilder(["Entrant", "Incumbent"], title="Entry deterrence")
    return b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}, label="start"))


def signalling():
    """Chance picks a type; player 1 sees it and signals; player 2 sees only the signal (two 2-node sets)."""
    b = TreeBuilder(["Sender", "Receiver"], title="Signalling \"quoted\"")

    def receiver(signal, high):
        return b.decision("Receiver", {"Trust": b.payoff(2 if high else -1, 1 if high else -2),
                                       "Doubt": b.payoff(0, 0)}, infoset=f"saw {signal}")

    def sender(high):
        return b.decision("Sender", {"Send": receiver("signal", high), "Quiet": receiver("nothing", high)},
                          infoset="high" if high else "low")

    return b.build(b.chance({"High": ("1/3", sender(True)), "Low": ("2/3", sender(False))}, label="nature"))


def float_tree():
    b = TreeBuilder(["A", "B", "C"], title="three players, floats")
    return b.build(b.decision("A", {
        "x": b.chance({"u": (0.25, b.payoff(0.1, 2.5, -1e-5)), "d": (0.75, b.payoff(1.0, 0.0, 3.0))}),
        "y": b.decision("B", {"p": b.decision("C", {"l": b.payoff(1.5, 2, 3), "r": b.payoff(0, 0, 0)}),
                              "q": b.payoff(7, 8, 9)})}))


TREES = [ultimatum, centipede, entry, signalling, float_tree]


# ---------------------------------------------------------------------------------------------- comparison
def _number(x):
    return Fraction(str(x))


def assert_same(tree: Tree, game):
    """``tree`` and the pygambit ``game`` have the same nodes, labels, sets, probabilities and payoffs."""
    assert tree.title == game.title
    assert list(tree.players) == [p.label for p in game.players]
    gplayers = list(game.players)
    sets = {}
    stack = [(tree.root, game.root, [Fraction(0)] * tree.num_players)]
    visited = 0
    while stack:
        v, node, acc = stack.pop()
        visited += 1
        assert tree.node_label(v) == node.label
        if node.outcome:  # pygambit gives a false proxy when no outcome is attached
            acc = [a + _number(node.outcome[p]) for a, p in zip(acc, gplayers)]
        if tree.is_terminal(v):
            assert node.is_terminal
            pay = tree.payoff(v)
            got = [Fraction(pay[p]) if tree.kind == "exact" else pay[p] for p in tree.players]
            assert got == (acc if tree.kind == "exact" else [float(a) for a in acc])
            continue
        iset = node.infoset
        k = tree.infoset_of(v)
        assert list(tree.actions(v)) == [a.label for a in iset.actions]
        assert tree.infoset_label(k) == iset.label
        if node.player.is_chance:
            assert tree.node_kind(v) == "chance"
            probs = tree.probabilities(v)
            assert [probs[a.label] for a in iset.actions] == [
                _number(a.prob) if tree.kind == "exact" else float(a.prob) for a in iset.actions]
        else:
            assert tree.player(v) == node.player.label
            # the same information sets: a bijection between ours and Gambit's
            key = (node.player.label, iset.number)
            assert sets.setdefault(key, k) == k
            assert tree.infoset_number(k) == iset.number + 1
        kids = list(node.children)
        assert len(kids) == len(tree.children(v))
        for c, gc in reversed(list(zip(tree.children(v), kids))):
            stack.append((c, gc, acc))
    assert visited == tree.num_nodes == len(list(game.nodes))
    assert len(set(sets.values())) == len(sets) == sum(len(tree.infosets(p)) for p in tree.players)


@pytest.mark.parametrize("make", TREES)
def test_ours_to_pygambit_and_back(make, tmp_path):
    tree = make()
    path = tmp_path / "game.efg"
    write_efg(tree, path)
    game = gbt.read_efg(str(path))
    assert_same(tree, game)
    back = read_efg(path)
    assert back == tree and back.kind == tree.kind and back.title == tree.title
    # and Gambit's own rendering of the game reads back to the same tree (Gambit always writes 'R')
    assert parse_efg(game.to_efg(), exact=tree.is_exact) == tree


def test_float_tree_is_written_as_doubles():
    text = efg_text(float_tree())
    assert text.startswith('EFG 2 D "three players, floats"')
    assert "-1e-05" in text
    assert read_efg_text(text).payoff(2) == {"A": 0.1, "B": 2.5, "C": -1e-05}


def read_efg_text(text):
    return parse_efg(text, "x.efg")


def _pygambit_trees():
    """Trees built with pygambit's own API: interior outcomes, a shared chance set, empty labels."""
    # 1: the signalling game with chance, built directly
    g = gbt.Game.new_tree(players=["S", "R"], title="built by pygambit")
    g.append_move(g.root, g.players.chance, ["H", "L"])
    g.set_chance_probs(g.root.infoset, [gbt.Rational(1, 4), gbt.Rational(3, 4)])
    high, low = list(g.root.children)
    g.append_move(high, "S", ["a", "b"])
    g.append_move(low, "S", ["a", "b"])
    ha, hb = list(high.children)
    g.append_move([ha, list(low.children)[0]], "R", ["x", "y"])
    g.append_move([hb, list(low.children)[1]], "R", ["x", "y"])
    k = 0
    for node in g.nodes:
        if node.is_terminal:
            k += 1
            g.set_outcome(node, g.add_outcome(f"o{k}", [k, gbt.Rational(-k, 3)]))
    # an outcome at an interior node: its payoffs add to every leaf below
    g.set_outcome(high, g.add_outcome("bonus", [10, 0]))
    yield g
    # 2: the ultimatum game, terminal outcomes shared between leaves
    u = gbt.Game.new_tree(players=["P", "Q"], title="ultimatum")
    u.append_move(u.root, "P", ["0", "1", "2"])
    zero = u.add_outcome("no deal", [0, 0])
    for x, child in enumerate(u.root.children):
        u.append_move(child, "Q", ["yes", "no"])
        yes, no = list(child.children)
        u.set_outcome(yes, u.add_outcome(f"deal {x}", [2 - x, x]))
        u.set_outcome(no, zero)
    yield u
    # 3: a centipede with one leaf left without an outcome (payoffs zero)
    c = gbt.Game.new_tree(players=["A", "B"], title="")
    c.append_move(c.root, "A", ["T", "P"])
    t1, p1 = list(c.root.children)
    c.set_outcome(t1, c.add_outcome("t1", [1, 0]))
    c.append_move(p1, "B", ["T", "P"])
    t2, p2 = list(p1.children)
    c.set_outcome(t2, c.add_outcome("t2", [0, 2]))
    del p2
    yield c


@pytest.mark.parametrize("index", range(3))
def test_pygambit_built_to_ours(index):
    game = list(_pygambit_trees())[index]
    tree = parse_efg(game.to_efg())
    assert_same(tree, game)
    # a round trip through our writer keeps the tree
    assert parse_efg(efg_text(tree)) == tree


def test_interior_outcome_is_added_to_the_leaves():
    game = list(_pygambit_trees())[0]
    tree = parse_efg(game.to_efg())
    # the leaf High, a, x: outcome o1 = (1, -1/3) plus the bonus (10, 0) at High
    leaf = tree.child(tree.child(tree.child(0, "H"), "a"), "x")
    assert tree.payoff(leaf) == {"S": 11, "R": Fraction(-1, 3)}
    assert tree.infoset_nodes(tree.infoset_of(tree.child(tree.child(0, "H"), "a"))) == (
        tree.child(tree.child(0, "H"), "a"), tree.child(tree.child(0, "L"), "a"))


def test_shared_chance_set_and_omitted_repeats():
    text = '''EFG 2 R "shared" { "A" "B" }
    p "" 1 1 "me" { "l" "r" } 0
    c "" 1 "coin" { "h" 1/2 "t" 0.5 } 0
    p "" 2 1 "you" { "x" "y" } 0
    t "" 1 "a" { 1, 2 }
    t "" 2 "b" { 3, 4 }
    p "" 2 1 0
    t "" 1
    t "" 2
    c "" 1 0
    t "" 1
    t "" 0
    '''
    tree = parse_efg(text)
    assert tree.num_nodes == 11
    assert tree.probabilities(1) == {"h": Fraction(1, 2), "t": Fraction(1, 2)}
    assert tree.probabilities(8) == tree.probabilities(1)
    you = tree.find_infoset("B", "you")
    assert tree.infoset_nodes(you) == (2, 5)
    assert tree.payoff(10) == {"A": 0, "B": 0}
    assert_same(tree, gbt.read_efg(io.StringIO(text)))


def test_defaults_for_empty_names():
    tree = parse_efg('EFG 2 R "" { "" "B" } "a comment" p "" 1 1 "" { "" "" } 0 t "" 0 t "" 1 "" { 1 2 }')
    assert tree.players == ("Player 1", "B")
    assert tree.actions(0) == ("1", "2")


def test_exact_option():
    text = 'EFG 2 D "" { "A" } c "" 1 "" { "h" 0.1 "t" 0.9 } 0 t "" 1 "" { 0.1 } t "" 2 "" { 0.2 }'
    assert parse_efg(text).kind == "float"
    exact = parse_efg(text, exact=True)
    assert exact.kind == "exact" and exact.probabilities(0) == {"h": Fraction(1, 10), "t": Fraction(9, 10)}


def test_symbolic_tree_cannot_be_written():
    import sympy

    s = sympy.Symbol("s")
    b = TreeBuilder(["A"])
    with pytest.raises(Exception, match="substitute the parameters first"):
        efg_text(b.build(b.decision("A", {"x": b.payoff(s), "y": b.payoff(0)})))


# ---------------------------------------------------------------------------------------------- bad files
GOOD_HEAD = 'EFG 2 R "t" { "A" "B" }\n""\n'


@pytest.mark.parametrize("body, line, message", [
    ("p \"\" 1 1 \"\" { \"l\" \"r\" } 0\nt \"\" 1 \"\" { 1, 1 }\n", 4,
     r"the file ends but node 0 \(line 3\) still needs 1 child"),
    ("p \"\" 1 1 \"\" { \"l\" } 0\nx \"\" 0\n", 4, "expected a node type 'p'.*got 'x'"),
    ("p \"\" 3 1 \"\" { \"l\" } 0\nt \"\" 0\n", 3, "player 3 does not exist; the file has 2 players"),
    ("p \"\" 1 1 \"\" { \"l\" \"r\" } 0\np \"\" 2 4 0\nt \"\" 0\nt \"\" 0\n", 4,
     "information set 4 of player 2 is used before its actions are given"),
    ("p \"\" 1 1 \"\" { \"l\" } 0\nt \"\" 5\n", 4, "outcome 5 is used before its payoffs are given"),
    ("p \"\" 1 1 \"\" { \"l\" } 0\nt \"\" 5 \"o\" { 1 }\n", 4, "outcome 5 has 1 payoffs, expected 2"),
    ("p \"\" 1 1 \"\" { \"l\" \"r\" } 0\nt \"\" 1 \"o\" { 1 2 }\nt \"\" 1 \"o\" { 1 3 }\n", 5,
     "outcome 1 is given payoffs"),
    ("p \"\" 1 1 \"\" { \"l\" \"r\" } 0\np \"\" 2 1 \"s\" { \"x\" \"y\" } 0\nt \"\" 0\nt \"\" 0\n"
     "p \"\" 2 1 \"s\" { \"x\" \"z\" } 0\nt \"\" 0\nt \"\" 0\n", 7,
     r"information set 1 of player 2 is 's' with actions \['x', 'z'\] here but 's' with actions \['x', 'y'\] before"),
    ("c \"\" 1 \"\" { \"h\" 1/3 \"t\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", 3,
     "the chance move at node 0: the probabilities sum to 2/3, not 1"),
    ("c \"\" 1 \"\" { \"h\" 4/3 \"t\" -1/3 } 0\nt \"\" 0\nt \"\" 0\n", 3, "which is negative"),
    ("p \"\" 1 1 \"\" { \"l\" \"l\" } 0\nt \"\" 0\nt \"\" 0\n", 3, "has the action 'l' twice"),
    ("t \"\" 0\nt \"\" 0\n", 4, "unexpected 't' after the last node"),
    ("t \"\" 1 \"o\" { 1 1/0 }\n", 3, "zero denominator"),
    ("t \"\" 0 \"o\" { 1 1 }\n", 3, "the null outcome 0 has no label or payoffs"),
    ("p \"\" 1 1 \"\" { } 0\n", 3, "information set 1 of player 1 has no actions"),
    ("t \"\" 1 \"o\" { 1 1e999 }\n", 3, "exponent"),
    # imperfect recall: A forgets her own first move; the error is at the line of the later node
    ("p \"\" 1 1 \"\" { \"l\" \"r\" } 0\n"
     "p \"\" 2 1 \"\" { \"u\" \"d\" } 0\n"
     "p \"\" 1 2 \"s\" { \"x\" \"y\" } 0\nt \"\" 0\nt \"\" 0\n"
     "t \"\" 0\n"
     "p \"\" 1 2 \"s\" { \"x\" \"y\" } 0\nt \"\" 0\nt \"\" 0\n", 9,
     "perfect recall fails at information set 's' of player 'A': node 2 is reached after their move 'l'"),
])
def test_bad_files(body, line, message):
    with pytest.raises(EfgError, match=message) as info:
        parse_efg(GOOD_HEAD + body, "bad.efg")
    assert info.value.path == "bad.efg"
    assert info.value.line == line, str(info.value)
    assert str(info.value).startswith(f"bad.efg:{line}: ")


@pytest.mark.parametrize("text, message", [
    ("NFG 1 R \"\" { \"A\" }", "an .efg file starts with 'EFG 2 R'"),
    ("EFG 3 R \"\" { \"A\" }", "only version 2"),
    ("EFG 2 Q \"\" { \"A\" }", "the number type must be R"),
    ("EFG 2 R \"\" { }", "a game needs at least one player"),
    ("EFG 2 R \"\" { \"A\" }", "expected the root node"),
    ("EFG 2 R \"t { \"A\" }", "unterminated string"),
])
def test_bad_headers(text, message):
    with pytest.raises(EfgError, match=message):
        parse_efg(text, "bad.efg")


def test_payoff_count_is_bounded(monkeypatch):
    # a short file whose terminal lines each make one payoff per player: refused before any array is built
    monkeypatch.setattr(efg_module, "MAX_PAYOFF_ENTRIES", 10)
    players = " ".join(f'"P{i}"' for i in range(6))
    text = f'EFG 2 R "" {{ {players} }} p "" 1 1 "" {{ "a" "b" }} 0 t "" 0 t "" 0'
    with pytest.raises(EfgError, match="the tree has 2 terminal nodes and 6 players, more than 10 payoffs"):
        parse_efg(text)


def test_unreadable_file(tmp_path):
    with pytest.raises(EfgError, match="cannot read the file"):
        read_efg(tmp_path / "missing.efg")
