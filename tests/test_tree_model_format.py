"""Game-tree model files ([[nodes]]): loading against trees written by hand, parameters, predictions, bad files.

Every expected tree is written independently with :func:`tree_from_dict`; every bad file must give exit 2 and
exactly one ``error: PATH:LINE:`` line, at the line of the node (or key) at fault.
"""

import re
import textwrap
from fractions import Fraction

import pytest

from gametheory.cli import main
from gametheory.errors import InputError, ModelError
from gametheory.io import load_any, load_game, load_tree, load_tree_source
from gametheory.io.model import TreeModel, load_model, load_tree_model, parse_tree_model
from gametheory.tree import tree_from_dict

HEAD = """\
title = "Entry with a coin"

[[players]]
name = "Entrant"

[[players]]
name = "Incumbent"
"""

# line numbers below count from the first line of HEAD + NODES
NODES = """
[[nodes]]
id = "start"
player = "Entrant"
actions = { Out = "out", In = "in" }

[[nodes]]
id = "out"
payoffs = [0, 2]

[[nodes]]
id = "in"
player = "Incumbent"
actions = { Fight = "coin", Accommodate = "share" }

[[nodes]]
id = "coin"
chance = { heads = ["1/4", "lose"], tails = [0.75, "win"] }

[[nodes]]
id = "lose"
payoffs = { Incumbent = -1, Entrant = "-2" }

[[nodes]]
id = "win"
payoffs = [-1, "1/2"]

[[nodes]]
id = "share"
payoffs = [1, 1]
"""


def write(tmp_path, text, name="t.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def entry_by_hand():
    return tree_from_dict(["Entrant", "Incumbent"], {"label": "start", "player": "Entrant", "actions": {
        "Out": {"label": "out", "payoffs": [0, 2]},
        "In": {"label": "in", "player": "Incumbent", "actions": {
            "Fight": {"label": "coin", "chance": {
                "heads": (Fraction(1, 4), {"label": "lose", "payoffs": [-2, -1]}),
                "tails": (Fraction(3, 4), {"label": "win", "payoffs": [-1, Fraction(1, 2)]})}},
            "Accommodate": {"label": "share", "payoffs": [1, 1]}}}}}, title="Entry with a coin")


def test_toml_tree_equals_the_tree_written_by_hand(tmp_path):
    path = write(tmp_path, HEAD + NODES)
    model = load_tree_model(path)
    assert isinstance(model, TreeModel) and model.players == ("Entrant", "Incumbent")
    assert model.tree == entry_by_hand() and model.tree.kind == "exact"
    assert model.tree.title == "Entry with a coin"
    # the lone sets are labelled by their path, as tree_from_dict labels them
    t = model.tree
    assert [t.infoset_key(k) for k in t.infosets("Incumbent")] == ["In"]
    assert model.node_lines["coin"] == 23 and model.node_line(t.child(t.child(0, "In"), "Fight")) == 23
    assert load_tree(path) == entry_by_hand()
    tree, m = load_tree_source(path)
    assert tree == model.tree and m.title == model.title


def test_nodes_may_come_in_any_order_after_the_root(tmp_path):
    blocks = NODES.strip().split("\n\n")
    shuffled = "\n\n".join([blocks[0]] + blocks[1:][::-1]) + "\n"
    assert load_tree_model(write(tmp_path, HEAD + "\n" + shuffled)).tree == entry_by_hand()


SIGNAL = """\
title = "Signal"

[[players]]
name = "S"

[[players]]
name = "R"

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
actions = { doubt = "dl", trust = "tl" }

[[nodes]]
id = "th"
payoffs = ["g", 1]

[[nodes]]
id = "dh"
payoffs = [0, 0]

[[nodes]]
id = "qh"
payoffs = [0, 0]

[[nodes]]
id = "tl"
payoffs = ["g", -2]

[[nodes]]
id = "dl"
payoffs = [0, 0]

[[nodes]]
id = "ql"
payoffs = [0, 0]

[parameters.p]
default = "1/3"
range = [0, 1]
meaning = "probability of the high type"

[parameters.g]
default = 2
range = [0, 4]
meaning = "the sender's gain from trust"

[[predictions]]
kind = "not_subgame_perfect"
profile = { S = { sh = "send", "low type" = { send = "1/2", quiet = 0.5 } }, R = { "saw send" = "trust" } }
claim = "a profile named by node ids and set labels"

[[predictions]]
kind = "spe_path"
path = ["low", "quiet"]
at = { p = 0.5 }
"""


def signal_by_hand(p, g):
    def receiver(leaves):
        return {"player": "R", "infoset": "saw send", "actions": leaves}

    high = {"label": "sh", "player": "S", "infoset": "high type", "actions": {
        "send": dict(receiver({"trust": {"label": "th", "payoffs": [g, 1]},
                               "doubt": {"label": "dh", "payoffs": [0, 0]}}), label="rh"),
        "quiet": {"label": "qh", "payoffs": [0, 0]}}}
    low = {"label": "sl", "player": "S", "infoset": "low type", "actions": {
        "send": dict(receiver({"doubt": {"label": "dl", "payoffs": [0, 0]},
                               "trust": {"label": "tl", "payoffs": [g, -2]}}), label="rl"),
        "quiet": {"label": "ql", "payoffs": [0, 0]}}}
    return tree_from_dict(["S", "R"], {"label": "nature", "chance": {"high": (p, high), "low": (1 - p, low)}},
                          title="Signal")


def test_parameters_information_sets_and_values(tmp_path):
    model = load_tree_model(write(tmp_path, SIGNAL))
    assert model.tree.kind == "symbolic" and [s.name for s in model.tree.parameters] == ["g", "p"]
    assert model.tree_at() == signal_by_hand(Fraction(1, 3), Fraction(2))
    assert model.tree_at({"p": "1/5", "g": 3}) == signal_by_hand(Fraction(1, 5), Fraction(3))
    # the symbolic tree substituted (sympy) is the tree computed in Fractions
    assert model.tree.substitute({"p": Fraction(1, 5), "g": 3}) == model.tree_at({"p": "1/5", "g": 3})
    assert model.tree_at({"p": 0.5}).kind == "float"
    t = model.tree_at()
    assert not t.is_perfect_information and t.subgame_roots() == (0,)
    # R's set joins two nodes; the children follow the set's action order (trust, doubt) at both
    k = t.find_infoset("R", "saw send")
    assert t.infoset_actions(k) == ("trust", "doubt") and len(t.infoset_nodes(k)) == 2
    with pytest.raises(InputError, match="unknown parameter 'q'"):
        model.tree_at({"q": 1})


def test_predictions_are_read_with_infosets_by_key_or_node_id(tmp_path):
    model = load_tree_model(write(tmp_path, SIGNAL))
    first, second = model.predictions
    assert first.kind == "not_subgame_perfect" and first.line == 71 and not first.is_pure
    assert {p: dict(v) for p, v in first.profile.items()} == {
        "S": {"high type": "send", "low type": {"send": Fraction(1, 2), "quiet": Fraction(1, 2)}},
        "R": {"saw send": "trust"}}
    assert second.kind == "spe_path" and second.path == ("low", "quiet") and second.profile is None
    assert dict(second.at) == {"p": Fraction(1, 2)}


def test_chance_probabilities_with_parameters_must_sum_to_one_identically(tmp_path):
    text = SIGNAL.replace('low = ["1 - p", "sl"]', 'low = ["2/3", "sl"]')
    with pytest.raises(InputError) as info:
        load_tree_model(write(tmp_path, text))
    assert info.value.line == 9 and "sum to p + 2/3" in info.value.message


def test_tree_and_game_loaders_refuse_each_others_files(tmp_path):
    path = write(tmp_path, HEAD + NODES)
    with pytest.raises(InputError, match="holds a game tree, not a normal-form game"):
        load_game(path)
    with pytest.raises(ModelError, match="game-tree model") as info:
        load_model(path)
    assert info.value.line == 9
    game_file = "models/serbia_blockade_offer.toml"
    with pytest.raises(InputError, match="normal-form game, not a game tree"):
        load_tree(game_file)
    with pytest.raises(ModelError, match="missing \\[\\[nodes\\]\\]"):
        load_tree_model(game_file)
    assert type(load_any(game_file)[1]).__name__ == "Model"


# ------------------------------------------------------------------------------------------------ bad files
def edit(old, new, nodes=NODES):
    assert old in nodes
    return HEAD + nodes.replace(old, new)


BAD = [
    # (file text, line, message fragment)
    (edit('In = "in"', 'In = "inn"'), 12, "unknown node id 'inn'"),
    (edit('Accommodate = "share"', 'Accommodate = "start"'), 18,
     "cycle: 'start' -> 'in' -> 'start'"),
    (edit('Accommodate = "share"', 'Accommodate = "coin"'), 21, "child of both 'in' and 'in'"),
    (edit('Accommodate = "share"', 'Accommodate = "out"'), 21, "child of both 'start' and 'in'"),
    (HEAD + NODES + '\n[[nodes]]\nid = "a"\nplayer = "Entrant"\nactions = { x = "b" }\n\n[[nodes]]\nid = "b"\n'
     'player = "Entrant"\nactions = { y = "a" }\n', 39, "the nodes form a cycle: 'a' -> 'b' -> 'a'"),
    (HEAD + NODES + '\n[[nodes]]\nid = "orphan"\npayoffs = [1, 1]\n', 39,
     "node 'orphan' is not reached from the root 'start'"),
    (edit('payoffs = [1, 1]', 'value = [1, 1]'), 37, "unknown key 'value'"),
    (edit('id = "share"\npayoffs = [1, 1]', 'id = "share"'), 35, "has no 'payoffs', 'actions' or 'chance'"),
    (edit('payoffs = [1, 1]', 'payoffs = [1, 1, 1]'), 37, "expected 2 payoffs"),
    (edit('[0.75, "win"]', '["1/4", "win"]'), 23, "the probabilities sum to 1/2, not 1"),
    (edit('heads = ["1/4", "lose"], tails = [0.75, "win"]', 'heads = ["5/4", "lose"], tails = ["-1/4", "win"]'),
     23, "is -1/4, which is negative"),
    (edit('payoffs = [0, 2]', 'payoffs = [0, "__import__(\'os\')"]'), 16, "payoffs"),
    (edit('player = "Incumbent"', 'player = "Nobody"'), 20, "unknown player 'Nobody'"),
    (edit('id = "out"', 'id = "start"'), 15, "duplicate node id 'start' (first given at line 9)"),
    (edit('chance = { heads = ["1/4", "lose"], tails = [0.75, "win"] }', 'chance = { heads = "lose" }'), 25,
     "expected [probability, \"node id\"]"),
    (HEAD + NODES + '\n[[predictions]]\nkind = "spe_path"\npath = ["In", "Fight"]\n', 41,
     "the path stops before a terminal node"),
    (HEAD + NODES + '\n[[predictions]]\nkind = "subgame_perfect"\nprofile = { Entrant = { "1" = "In" }, '
     'Incumbent = { In = "Flee" } }\n', 41, "unknown action 'Flee'"),
    (HEAD + NODES + '\n[[predictions]]\nkind = "subgame_perfect"\nprofile = { Entrant = { "1" = "In" } }\n', 41,
     "no choices for player 'Incumbent'"),
    (HEAD + NODES + '\n[[predictions]]\nkind = "equilibrium"\nprofile = { Entrant = "In" }\n', 40,
     "kind must be one of subgame_perfect, not_subgame_perfect, spe_path"),
    (HEAD.replace('name = "Incumbent"', 'name = "Incumbent"\nstrategies = ["a"]') + NODES, 8,
     "a game-tree model has no strategies"),
    (HEAD + NODES + '\n[[payoffs]]\nprofile = ["a", "b"]\nvalues = [1, 2]\n', 39,
     "puts payoffs on its terminal [[nodes]]"),
]

RECALL = """\
title = "Forgetful"

[[players]]
name = "A"

[[players]]
name = "B"

[[nodes]]
id = "a"
player = "A"
actions = { L = "l", R = "r" }

[[nodes]]
id = "l"
player = "A"
infoset = "later"
actions = { x = "l1", y = "l2" }

[[nodes]]
id = "r"
player = "A"
infoset = "later"
actions = { x = "r1", y = "r2" }

[[nodes]]
id = "l1"
payoffs = [1, 0]

[[nodes]]
id = "l2"
payoffs = [0, 0]

[[nodes]]
id = "r1"
payoffs = [0, 0]

[[nodes]]
id = "r2"
payoffs = [1, 0]
"""

BAD += [
    (RECALL, 20, "perfect recall fails at information set 'later'"),
    (RECALL.replace('id = "r"\nplayer = "A"', 'id = "r"\nplayer = "B"'), 23,
     "information set 'later' has nodes of 'A' and of 'B'"),
    (RECALL.replace('actions = { x = "r1", y = "r2" }', 'actions = { x = "r1", z = "r2" }'), 24,
     "information set 'later' has actions ['x', 'y'] at another node"),
]


@pytest.mark.parametrize("text, line, message", BAD, ids=[m[:40] for _, _, m in BAD])
def test_bad_tree_files_give_one_error_line(tmp_path, capsys, text, line, message):
    path = write(tmp_path, text)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    m = re.match(rf"error: {re.escape(str(path))}:(\d+): (.*)$", err[0])
    assert m, err[0]
    assert int(m.group(1)) == line, err[0]
    assert message in m.group(2), err[0]


def test_a_tree_where_a_game_is_needed_is_one_clear_error(tmp_path, capsys):
    path = write(tmp_path, HEAD + NODES)
    for argv in (["robust", str(path), "--draws", "2"], ["bargain", str(path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and re.search("game tree, not a normal-form game|game-tree model .* needs a normal-form",
                                           err[0]), err


def test_parse_without_a_path():
    model = parse_tree_model(HEAD + NODES)
    assert model.path is None and model.id == "" and model.tree == entry_by_hand()


def test_the_example_of_docs_model_format_loads(tmp_path):
    docs = (__import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "model-format.md").read_text()
    block = re.search(r"## Tree models.*?```toml\n(.*?)```", docs, re.S).group(1)
    model = load_tree_model(write(tmp_path, block))
    t = model.tree_at({"c": 1})
    assert t.payoff(t.child(t.child(t.child(0, "In"), "Fight"), "heads")) == {"Entrant": -2, "Incumbent": -1}
    assert model.predictions[0].profile["Incumbent"] == {"after entry": "Accommodate"}
