"""Game-tree predictions in ``gametheory check``: subgame_perfect, not_subgame_perfect, spe_path, decided exactly.

The tree: West offers or not; Serbia cooperates or blockades.  Offer: Cooperate (1 - s, s), Blockade (-1, b);
No offer: Cooperate (1/2, 0), Blockade (-1, -1).  By hand: Serbia cooperates after an offer iff s >= b and always
without one; West offers (Serbia cooperating) iff 1 - s >= 1/2, i.e. s <= 1/2.
"""

from __future__ import annotations

import json
from fractions import Fraction

from gametheory.cli import main
from gametheory.predictions import check_tree_prediction
from gametheory.tree import tree_from_dict

MODEL = """title = "West offer, Serbia answers"
assumptions = ["s >= 0"]

[[players]]
name = "West"

[[players]]
name = "Serbia"

[parameters.s]
default = "1/4"
range = [0, 1]
meaning = "the share offered"
quote = "offer"

[parameters.b]
default = 0
range = [0, 1]
meaning = "the value of a blockade"
quote = "spite"

[[nodes]]
id = "root"
player = "West"
actions = { "Offer" = "offered", "No offer" = "not offered" }

[[nodes]]
id = "offered"
player = "Serbia"
infoset = "Offer"
actions = { "Cooperate" = "oc", "Blockade" = "ob" }

[[nodes]]
id = "not offered"
player = "Serbia"
infoset = "No offer"
actions = { "Cooperate" = "nc", "Blockade" = "nb" }

[[nodes]]
id = "oc"
payoffs = ["1 - s", "s"]

[[nodes]]
id = "ob"
payoffs = [-1, "b"]

[[nodes]]
id = "nc"
payoffs = ["1/2", 0]

[[nodes]]
id = "nb"
payoffs = [-1, -1]

[[predictions]]
kind = "subgame_perfect"
profile = { West = { "1" = "Offer" }, Serbia = { "Offer" = "Cooperate", "No offer" = "Cooperate" } }

[[predictions]]
kind = "spe_path"
path = ["No offer", "Cooperate"]
at = { s = "49/100", b = "1/2" }

[[predictions]]
kind = "not_subgame_perfect"
profile = { West = { "1" = "Offer" }, Serbia = { "Offer" = "Cooperate", "No offer" = "Cooperate" } }
at = { s = "51/100" }
"""


def test_check_tree_model(tmp_path, capsys):
    p = tmp_path / "west.toml"
    p.write_text(MODEL, encoding="utf-8")
    assert main(["check", str(p), "--json"]) == 0
    preds = json.loads(capsys.readouterr().out)["models"][0]["predictions"]
    assert [x["status"] for x in preds] == ["holds", "holds", "holds"]
    # at s = 49/100, b = 1/2 Serbia blockades an offer (b > s), so West does not offer
    assert preds[1]["path"] == ["No offer", "Cooperate"]
    # at s = 51/100 West gains 1/2 - 49/100 = 1/100 by not offering
    assert "West gains 1/100 by choosing No offer instead of Offer" in preds[2]["reason"]


def test_check_tree_model_fails_with_params(tmp_path, capsys):
    p = tmp_path / "west.toml"
    p.write_text(MODEL, encoding="utf-8")
    # at b = 1/2 > s = 1/4 (the default) Serbia gains b - s = 1/4 by blockading an offer
    assert main(["check", str(p), "--param", "b=1/2"]) == 1
    assert "Serbia gains 1/4 by choosing Blockade instead of Cooperate at 'Offer'" in capsys.readouterr().out


def _ultimatum():
    root = {"player": "Proposer", "actions": {
        f"Offer {x}": {"player": "Responder", "actions": {"Accept": [2 - x, x], "Reject": [0, 0]}} for x in range(3)}}
    return tree_from_dict(["Proposer", "Responder"], root)


def test_spe_path_every_equilibrium():
    # the responder's tie at offer 0 gives two SPE paths: (Offer 0, Accept) and (Offer 1, Accept)
    t = _ultimatum()
    v = check_tree_prediction(t, "spe_path", path=["Offer 0", "Accept"])
    assert v.status == "fails" and "plays (Offer 1, Accept)" in v.reason
    # with a pie of 2 and a responder who gets 1/2 for rejecting, only offers 1 and 2 are accepted
    root = {"player": "Proposer", "actions": {
        f"Offer {x}": {"player": "Responder", "actions": {"Accept": [2 - x, x], "Reject": [0, Fraction(1, 2)]}}
        for x in range(3)}}
    t2 = tree_from_dict(["Proposer", "Responder"], root)
    assert check_tree_prediction(t2, "spe_path", path=["Offer 1", "Accept"]).status == "holds"


def test_subgame_perfect_kinds():
    t = _ultimatum()
    rej0 = {"Proposer": "Offer 1", "Responder": {"Offer 0": "Reject", "Offer 1": "Accept", "Offer 2": "Accept"}}
    assert check_tree_prediction(t, "subgame_perfect", rej0).status == "holds"
    assert check_tree_prediction(t, "not_subgame_perfect", rej0).status == "fails"
    # rejecting offer 1 costs the responder 1
    bad = {"Proposer": "Offer 1", "Responder": {"Offer 0": "Reject", "Offer 1": "Reject", "Offer 2": "Accept"}}
    v = check_tree_prediction(t, "not_subgame_perfect", bad)
    assert v.status == "holds" and "Responder gains 1 by choosing Accept instead of Reject at 'Offer 1'" in v.reason


def test_conditions_command_on_a_tree(tmp_path, capsys):
    p = tmp_path / "west.toml"
    p.write_text(MODEL, encoding="utf-8")
    assert main(["conditions", str(p), "--profile", "West: Offer; Serbia: Cooperate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (entry,) = out["profiles"]
    assert entry["at_defaults"] == "holds" and entry["over_ranges"] == "depends"
    parts = {(x["player"], x["infoset"]): x["condition"] for x in entry["parts"]}
    assert parts[("Serbia", "Offer")] == "s >= b"  # Serbia cooperates if offered iff s >= b
    # by infoset: blockading an offer, cooperating without one: subgame perfect iff b >= s
    assert main(["conditions", str(p), "--profile", "West: No offer; Serbia[Offer]: Blockade; "
                 "Serbia[No offer]: Cooperate", "--param", "b=1/2"]) == 0
    assert "at the defaults: holds" in capsys.readouterr().out
    assert main(["conditions", str(p), "--profile", "West Offer"]) == 2
