"""``gametheory convert`` and ``info`` on game trees: TOML <-> .efg against pygambit, the reduced normal form as .nfg.

Expected games come from pygambit reading our files (and its own reduced strategic form) or from hand tables.
"""

import itertools
import re
import textwrap
from fractions import Fraction

import pytest

from gametheory.cli import main
from gametheory.errors import InputError
from gametheory.io import load_any, load_tree, save_game
from gametheory.io.model import load_tree_model, tree_to_toml
from gametheory.tree import efg_text, parse_efg, read_efg, reduced_strategies

gbt = pytest.importorskip("pygambit")

SIGNAL = """\
title = "Signal"

[[players]]
name = "S"

[[players]]
name = "R"

[parameters.p]
default = "1/3"
range = [0, 1]
meaning = "probability of the high type"

[[nodes]]
id = "nature"
chance = { high = ["p", "sh"], low = ["1 - p", "sl"] }

[[nodes]]
id = "sh"
player = "S"
infoset = "high type"
actions = { send = "rh", quiet = "qh" }

[[nodes]]
id = "sl"
player = "S"
infoset = "low type"
actions = { send = "rl", quiet = "ql" }

[[nodes]]
id = "rh"
player = "R"
infoset = "saw send"
actions = { trust = "th", doubt = "dh" }

[[nodes]]
id = "rl"
player = "R"
infoset = "saw send"
actions = { trust = "tl", doubt = "dl" }

[[nodes]]
id = "th"
payoffs = [2, 1]

[[nodes]]
id = "dh"
payoffs = [0, 0]

[[nodes]]
id = "qh"
payoffs = ["1/2", 0]

[[nodes]]
id = "tl"
payoffs = [2, -2]

[[nodes]]
id = "dl"
payoffs = [-1, 0]

[[nodes]]
id = "ql"
payoffs = [0, "1/3"]

[[predictions]]
kind = "spe_path"
path = ["low", "quiet"]
"""

# terminal payoffs by the path of actions, and each chance probability at p = 1/3, by hand from SIGNAL
PAYOFFS = {
    ("high", "send", "trust"): (2, 1), ("high", "send", "doubt"): (0, 0), ("high", "quiet"): (Fraction(1, 2), 0),
    ("low", "send", "trust"): (2, -2), ("low", "send", "doubt"): (-1, 0), ("low", "quiet"): (0, Fraction(1, 3)),
}


def write(tmp_path, text, name="t.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def gambit_leaves(game):
    """{path of action labels: payoffs} of a pygambit tree, outcomes on the path added."""
    out, probs = {}, {}
    stack = [(game.root, (), [Fraction(0)] * len(game.players))]
    while stack:
        node, path, acc = stack.pop()
        if node.outcome:
            acc = [a + Fraction(str(node.outcome[p])) for a, p in zip(acc, game.players)]
        if node.is_terminal:
            out[path] = tuple(acc)
            continue
        for action, child in zip(node.infoset.actions, node.children):
            if node.player.is_chance:
                probs[path + (action.label,)] = Fraction(str(action.prob))
            stack.append((child, path + (action.label,), acc))
    return out, probs


def test_toml_to_efg_is_the_same_game_for_pygambit(tmp_path, capsys):
    src = write(tmp_path, SIGNAL)
    out = tmp_path / "signal.efg"
    assert main(["convert", str(src), "--to", "efg", "-o", str(out)]) == 0
    game = gbt.read_efg(str(out))
    assert game.title == "Signal" and [p.label for p in game.players] == ["S", "R"]
    leaves, probs = gambit_leaves(game)
    assert leaves == {k: tuple(map(Fraction, v)) for k, v in PAYOFFS.items()}
    assert probs == {("high",): Fraction(1, 3), ("low",): Fraction(2, 3)}
    # the receiver cannot tell the type: one information set with both of its nodes
    r = next(p for p in game.players if p.label == "R")
    assert [len(list(s.members)) for s in r.infosets] == [2]
    assert sorted(s.label for s in next(p for p in game.players if p.label == "S").infosets) == ["high type",
                                                                                               "low type"]
    # --param takes the tree at other values
    assert main(["convert", str(src), "--to", "efg", "--param", "p=1/4"]) == 0
    _, probs = gambit_leaves(gbt.read_efg(__import__("io").StringIO(capsys.readouterr().out)))
    assert probs == {("high",): Fraction(1, 4), ("low",): Fraction(3, 4)}


EFG_LABELLED = """EFG 2 R "Entry, labelled" { "Entrant" "Incumbent" }
""

p "start" 1 1 "enter?" { "Out" "In" } 0
t "out" 1 "stay out" { 0, 2 }
p "in" 2 1 "respond" { "Fight" "Accommodate" } 0
c "coin" 1 "luck" { "heads" 1/4 "tails" 3/4 } 0
t "lose" 2 "" { -2, -1 }
t "win" 3 "" { -1, 1/2 }
t "share" 4 "" { 1, 1 }
"""


def test_efg_to_toml_and_back_is_the_same_tree(tmp_path):
    src = write(tmp_path, EFG_LABELLED, "entry.efg")
    toml = tmp_path / "entry.toml"
    assert main(["convert", str(src), "--to", "toml", "-o", str(toml)]) == 0
    back = load_tree(toml)
    original = read_efg(src)
    # everything a model file holds (a chance move's label, "luck", is the one thing it has no place for)
    assert back.kind == original.kind == "exact"
    assert back.node_labels == original.node_labels == ("start", "out", "in", "coin", "lose", "win", "share")
    assert [back.infoset_label(k) for k in range(3)] == ["enter?", "respond", ""]
    assert back == parse_efg(EFG_LABELLED.replace('"luck"', '""'))
    # and through .efg again, via the CLI both ways
    again = tmp_path / "again.efg"
    assert main(["convert", str(toml), "--to", "efg", "-o", str(again)]) == 0
    assert read_efg(again) == back


def _pygambit_imperfect():
    """A tree built with pygambit: empty labels, a two-node information set, an interior outcome."""
    g = gbt.Game.new_tree(players=["A", "B"], title="built by pygambit")
    g.append_move(g.root, "A", ["l", "r"])
    left, right = list(g.root.children)
    g.append_move([left, right], "B", ["u", "d"])
    g.append_move(list(left.children)[0], g.players.chance, ["h", "t"])
    g.set_chance_probs(list(left.children)[0].infoset, [gbt.Rational(1, 3), gbt.Rational(2, 3)])
    k = 0
    for node in g.nodes:
        if node.is_terminal:
            k += 1
            g.set_outcome(node, g.add_outcome(f"o{k}", [k, gbt.Rational(-k, 2)]))
    g.set_outcome(right, g.add_outcome("bonus", [10, 0]))
    return g


def test_pygambit_tree_with_empty_labels_survives_toml(tmp_path):
    game = _pygambit_imperfect()
    efg = tmp_path / "g.efg"
    efg.write_text(game.to_efg())
    original = read_efg(efg)
    text = tree_to_toml(original)
    back = load_tree_model(write(tmp_path, text, "g.toml")).tree
    # the same structure, probabilities, payoffs and information-set keys; empty node labels became ids
    for attr in ("parents", "incoming_actions", "node_infosets", "infoset_players", "payoffs"):
        assert (getattr(back, attr) == getattr(original, attr)).all(), attr
    assert [back.infoset_key(k) for k in range(back.num_infosets)] == [
        original.infoset_key(k) for k in range(original.num_infosets)]
    assert [back.infoset_actions(k) for k in range(3)] == [("l", "r"), ("u", "d"), ("h", "t")]
    assert back.probabilities(back.child(back.child(0, "l"), "u")) == {"h": Fraction(1, 3), "t": Fraction(2, 3)}
    assert gambit_leaves(gbt.read_efg(__import__("io").StringIO(efg_text(back))))[0] == gambit_leaves(game)[0]


def gambit_label(tree, player, plan):
    """Gambit's label of a reduced strategy: per information set in number order, the action's number or '*'."""
    return "".join(str(tree.infoset_actions(k).index(plan[k]) + 1) if k in plan else "*"
                   for k in tree.infosets(player))


def gambit_reduced_payoffs(game):
    """{(gambit strategy labels...): payoffs} of pygambit's reduced strategic form of a tree."""
    table = {}
    for prof in itertools.product(*[list(p.strategies) for p in game.players]):
        m = game.mixed_strategy_profile(rational=True)
        for p, s in zip(game.players, prof):
            for other in p.strategies:
                m[other] = 0
            m[s] = 1
        table[tuple(s.label for s in prof)] = tuple(Fraction(str(m.payoff(p))) for p in game.players)
    return table


@pytest.mark.parametrize("source", ["signal", "pygambit"])
def test_convert_to_nfg_is_pygambits_reduced_strategic_form(tmp_path, source):
    if source == "signal":
        src = write(tmp_path, SIGNAL)
    else:
        src = tmp_path / "g.efg"
        src.write_text(_pygambit_imperfect().to_efg())
    efg = tmp_path / "x.efg"
    nfg = tmp_path / "x.nfg"
    assert main(["convert", str(src), "--to", "efg", "-o", str(efg)]) == 0
    assert main(["convert", str(src), "--to", "nfg", "-o", str(nfg)]) == 0
    expected = gambit_reduced_payoffs(gbt.read_efg(str(efg)))
    strategic = gbt.read_nfg(str(nfg))
    tree = load_tree(src)
    plans = [reduced_strategies(tree, p) for p in tree.players]
    assert [len(list(p.strategies)) for p in strategic.players] == [len(p) for p in plans]
    got = {}
    for prof in itertools.product(*[list(enumerate(p.strategies)) for p in strategic.players]):
        key = tuple(gambit_label(tree, tree.players[i], plans[i][j]) for i, (j, _) in enumerate(prof))
        got[key] = tuple(Fraction(str(strategic[[s for _, s in prof]][p])) for p in strategic.players)
    assert got == expected


def test_tree_model_to_toml_keeps_parameters_and_formulas(tmp_path, capsys):
    src = write(tmp_path, SIGNAL.replace('payoffs = [2, 1]', 'payoffs = ["2*p + 1", 1]'))
    assert main(["convert", str(src), "--to", "toml"]) == 0
    text = capsys.readouterr().out
    assert '[parameters.p]' in text and '"2*p + 1"' in text and 'high = ["p", "sh"]' in text
    assert 'kind = "spe_path"' in text
    again = load_tree_model(write(tmp_path, text, "again.toml"))
    assert again.tree == load_tree_model(src).tree
    assert main(["convert", str(src), "--to", "toml", "--param", "p=1/2"]) == 0
    text = capsys.readouterr().out
    assert "[parameters" not in text and 'high = [0.5, "sh"]' in text and "payoffs = [2, 1]" in text


def test_normal_form_game_has_no_tree_to_write(tmp_path, capsys):
    for to in ("efg", "tikz"):
        assert main(["convert", "models/serbia_blockade_offer.toml", "--to", to]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and f"--to {to} needs a game tree" in err[0], err


def test_tikz_of_a_tree(tmp_path, capsys):
    assert main(["convert", str(write(tmp_path, SIGNAL)), "--to", "tikz"]) == 0
    out = capsys.readouterr().out
    assert out.count("\\begin{tikzpicture}") == 1 and "saw send" in out and "1/3" in out


def test_info_on_an_efg_tree(tmp_path, capsys):
    efg = tmp_path / "g.efg"
    efg.write_text(_pygambit_imperfect().to_efg())
    assert main(["info", str(efg)]) == 0
    out = capsys.readouterr().out
    assert "nodes: 9 (3 decision, 1 chance, 5 terminal)" in out
    assert "perfect information: no (1 information set has several nodes)" in out
    assert re.search(r"^  B 1: node 1, node 6; u, d$", out, re.M), out
    assert "proper subgames start at: node 0, node 2\n" in out
    assert "  r > d: 15, -5/2" in out  # outcome 5 plus the bonus of 10 at r


def test_info_on_a_tree_model(tmp_path, capsys):
    assert main(["info", str(write(tmp_path, SIGNAL)), "--param", "p=1/4"]) == 0
    out = capsys.readouterr().out
    assert "  chance 1: 'nature'; high 1/4, low 3/4" in out
    assert "  R saw send: 'rh', 'rl'; trust, doubt" in out
    assert "payoffs (S, R) by path at p=1/4:" in out and "  low > quiet: 0, 1/3" in out
    assert "  p = 1/3 in [0, 1] (assumption): probability of the high type" in out


def test_save_game_writes_trees_and_refuses_mismatches(tmp_path):
    tree, model = load_any(write(tmp_path, SIGNAL))
    save_game(tree, tmp_path / "a.efg")
    assert read_efg(tmp_path / "a.efg") == tree
    save_game(model, tmp_path / "b.toml")
    assert load_tree_model(tmp_path / "b.toml").tree == model.tree
    with pytest.raises(InputError, match="reduced normal form first"):
        save_game(tree, tmp_path / "c.nfg")
    assert not (tmp_path / "c.nfg").exists()
    game, _ = load_any("models/serbia_blockade_offer.toml")
    with pytest.raises(InputError, match="an .efg file holds a game tree"):
        save_game(game, tmp_path / "d.efg")
