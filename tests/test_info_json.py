"""``gametheory info PATH --json``: one strict JSON document with what the text shows, and the model block.

Expected values come from the model files read with tomllib (quotes, parameter defaults and ranges,
payoff formulas evaluated by hand at the defaults) and from hand calculation (security levels,
dominance of a prisoner's dilemma, the type-agent form of Osborne's Bayesian battle of the sexes).
"""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.cli import main

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "models").glob("*.toml"))
BAYESIAN = ROOT / "docs" / "examples" / "bayesian" / "battle_of_the_sexes.toml"


def no_constants(name):
    raise AssertionError(f"not strict JSON: {name}")


def info_json(capsys, *argv):
    code = main(["info", *map(str, argv), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out, parse_constant=no_constants)


def floats_in(doc):
    """Every float of a JSON document (an exact game's document has none: its numbers are text)."""
    if isinstance(doc, float):
        return [doc]
    if isinstance(doc, dict):
        return [x for v in doc.values() for x in floats_in(v)]
    if isinstance(doc, list):
        return [x for v in doc for x in floats_in(v)]
    return []


def toml_kind(doc):
    if "signaling" in doc:
        return "signaling"
    if "nodes" in doc:
        return "tree"
    if "prior" in doc:
        return "bayesian"
    return "game"


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_model_gives_strict_json_with_the_files_words(capsys, path):
    doc = info_json(capsys, path)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert floats_in(doc) == []  # exact numbers as text
    model = doc["model"]
    assert model["name"] == path.stem
    assert doc["kind"] == model["kind"] == toml_kind(raw)
    assert model["title"] == raw["title"] and model["section"] == raw.get("section", "")
    assert model["quotes"] == raw.get("quotes", [])
    assert model["assumptions"] == raw.get("assumptions", [])
    assert model["bargaining"] == ("bargaining" in raw)
    params = raw.get("parameters", {})
    assert [p["name"] for p in model["parameters"]] == list(params)
    for p in model["parameters"]:
        declared = params[p["name"]]
        assert F(p["default"]) == F(str(declared["default"])) and p["value"] == p["default"]
        assert [F(x) for x in p["range"]] == [F(str(x)) for x in declared["range"]]
        assert p["meaning"] == declared["meaning"] and p["quote"] == declared.get("quote", "")
        assert p["status"] == declared.get("status", "assumption")
        assert 0 < F(p["step"]) <= F(p["range"][1]) - F(p["range"][0]) or p["range"][0] == p["range"][1]
    assert doc["at"] == {p["name"]: p["value"] for p in model["parameters"]}
    preds = raw.get("predictions", [])
    assert [(p["kind"], p["claim"], p["quote"]) for p in model["predictions"]] == [
        (p["kind"], p.get("claim", ""), p.get("quote", "")) for p in preds]
    if doc["kind"] in ("game", "tree"):
        assert doc["players"] == [p["name"] for p in raw["players"]]
    elif doc["kind"] == "signaling":
        assert doc["players"] == [raw["signaling"]["sender"], raw["signaling"]["receiver"]]


def test_package_players_parameters_and_quotes(capsys):
    doc = info_json(capsys, ROOT / "models" / "cfe_md_package.toml")
    assert doc["players"] == ["Russia", "US"]
    assert doc["strategies"] == {"Russia": ["Yes", "No"], "US": ["Yes", "No"]}
    eps = next(p for p in doc["model"]["parameters"] if p["name"] == "eps_a")
    assert eps["default"] == "0" and eps["range"] == ["0", "1"] and eps["status"] == "assumption"
    assert eps["step"] == "1/100"  # a hundredth of the power of ten below the width 1
    quotes = tomllib.loads((ROOT / "models" / "cfe_md_package.toml").read_text(encoding="utf-8"))["quotes"]
    assert doc["model"]["quotes"] == quotes
    assert doc["model"]["bargaining"] is False


def test_package_payoffs_move_with_a_parameter(capsys):
    # (Yes, No): Russia backs the package alone and gets the credit eps_a (the file's formula "eps_a")
    doc = info_json(capsys, ROOT / "models" / "cfe_md_package.toml", "--param", "eps_a=1/2")
    cells = {tuple(c["profile"]): c["values"] for c in doc["payoffs"]}
    assert cells[("Yes", "No")] == ["1/2", "0"] and cells[("No", "Yes")] == ["0", "1/2"]
    # (Yes, Yes) at the defaults v_nomd = 4, c_cfe = 1, g = 0 (Russia) and v_cfe = 3, v_md = 2 (US), plus eps_a
    assert cells[("Yes", "Yes")] == ["7/2", "3/2"]
    assert doc["at"]["eps_a"] == "1/2"
    eps = next(p for p in doc["model"]["parameters"] if p["name"] == "eps_a")
    assert eps["value"] == "1/2" and eps["default"] == "0"
    formulas = {tuple(c["profile"]): c["values"] for c in doc["formulas"]}
    assert formulas[("Yes", "No")] == ["eps_a", "0"]
    # the same cells as the typed text the web lab's "edit these payoffs" opens (columns padded to the widest cell)
    assert doc["typed"] == "Russia: Yes No; US: Yes No\n7/2,3/2  1/2,0\n0,1/2    0,0\n"


def test_typed_text_only_for_two_player_games(capsys):
    assert info_json(capsys, ROOT / "models" / "serbia_border_reinforcement_3p.toml")["typed"] is None


def test_prisoners_dilemma_dominance(capsys):
    # the unlinked concessions are a prisoner's dilemma: each side's concession is strictly dominated
    doc = info_json(capsys, ROOT / "models" / "cfe_md_unlinked.toml")
    strict = doc["dominance"]["strict"]
    assert strict["solved"] is True
    assert strict["surviving"] == {"Russia": ["Suspend CFE"], "US": ["Build MD"]}
    removed = {(s["player"], s["removed"], s["dominated_by"]) for s in strict["trace"]}
    assert removed == {("Russia", "Renew CFE", "Suspend CFE"), ("US", "Abandon MD", "Build MD")}
    assert doc["security_levels"]["Russia"]["pure_value"] == "0"
    assert doc["security_levels"]["Russia"]["pure_strategies"] == ["Suspend CFE"]


def test_security_levels_by_hand(tmp_path, capsys):
    # Row: U = (3, 0), D = (1, 2) against L, R.  Pure maximin: min rows 0 and 1, so 1 by D.  Mixed: p U + (1-p) D
    # earns 2p + 1 against L and 2 - 2p against R, equal at p = 1/4: value 3/2; the column player holds the row
    # player to 3/2 with L at 1/2 (3q = q + 2(1 - q)).  Column: L = (0, 1), R = (1, 0) against U, D: pure 0 by
    # either, mixed 1/2 by L and R evenly.
    f = tmp_path / "g.nfg"
    # payoffs in Gambit's order (the first player's strategy fastest): (U,L) (D,L) (U,R) (D,R)
    f.write_text('NFG 1 R "hand" { "Row" "Column" } { { "U" "D" } { "L" "R" } }\n"" \n'
                 "{ { \"\" 3, 0 } { \"\" 1, 1 } { \"\" 0, 1 } { \"\" 2, 0 } }\n1 2 3 4\n", encoding="utf-8")
    doc = info_json(capsys, f)
    assert doc["model"] is None and doc["at"] == {}
    row, col = doc["security_levels"]["Row"], doc["security_levels"]["Column"]
    assert row["pure_value"] == "1" and row["pure_strategies"] == ["D"]
    assert row["mixed_value"] == "3/2" and row["mixed_strategy"] == {"U": "1/4", "D": "3/4"}
    assert row["certified"] is True
    assert sorted((p["profile"], p["probability"]) for p in row["punishment"]) == [(["L"], "1/2"), (["R"], "1/2")]
    assert col["pure_value"] == "0" and col["pure_strategies"] == ["L", "R"]
    assert col["mixed_value"] == "1/2" and col["mixed_strategy"] == {"L": "1/2", "R": "1/2"}


def test_float_game_numbers_are_json_numbers(capsys):
    doc = info_json(capsys, ROOT / "models" / "cfe_md_package.toml", "--float")
    assert doc["exact"] is False
    cells = {tuple(c["profile"]): c["values"] for c in doc["payoffs"]}
    assert cells[("Yes", "Yes")] == [3.0, 1.0]


def test_tree_model(capsys):
    path = ROOT / "models" / "russia_spoiler_tree.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    d = {n: F(str(p["default"])) for n, p in raw["parameters"].items()}
    doc = info_json(capsys, path)
    assert doc["kind"] == "tree" and doc["players"] == ["US", "Russia"]
    assert doc["nodes"] == {"total": 7, "decision": 3, "chance": 0, "terminal": 4}
    assert doc["perfect_information"] is True
    assert [(s["player"], s["key"]) for s in doc["infosets"]] == [
        ("US", "1"), ("Russia", "Include Russia"), ("Russia", "Exclude Russia")]
    assert doc["infosets"][0]["nodes"] == [{"node": 0, "label": "start"}]
    assert len(doc["subgame_roots"]) == doc["subgame_root_count"] == 3
    pays = {tuple(t["path"]): t["values"] for t in doc["payoffs"]}
    # the file's leaves: (Include, Cooperate) = (-c_I, b); (Exclude, Spoil) = (-p, a - c_S)
    assert pays[("Include Russia", "Cooperate")] == [str(-d["c_I"]), str(d["b"])]
    assert pays[("Exclude Russia", "Spoil")] == [str(-d["p"]), str(d["a"] - d["c_S"])]
    formulas = {tuple(t["path"]): t["values"] for t in doc["formulas"]}
    assert formulas[("Include Russia", "Cooperate")] == ["-c_I", "b"]


def test_efg_tree_without_a_model(tmp_path, capsys):
    f = tmp_path / "entry.efg"
    f.write_text('EFG 2 R "Entry" { "Entrant" "Incumbent" }\n""\n'
                 'p "" 1 1 "" { "Out" "In" } 0\n'
                 't "" 1 "" { 0, 2 }\n'
                 'p "" 2 1 "" { "Fight" "Accommodate" } 0\n'
                 't "" 2 "" { -1, -1 }\n'
                 't "" 3 "" { 1, 1 }\n', encoding="utf-8")
    doc = info_json(capsys, f)
    assert doc["kind"] == "tree" and doc["model"] is None and doc["title"] == "Entry"
    assert doc["nodes"] == {"total": 5, "decision": 2, "chance": 0, "terminal": 3}
    # both decision nodes start a proper subgame: the root and the incumbent's node after In
    assert [r["node"] for r in doc["subgame_roots"]] == [0, 2]
    assert [(t["path"], t["values"]) for t in doc["payoffs"]] == [
        (["Out"], ["0", "2"]), (["In", "Fight"], ["-1", "-1"]), (["In", "Accommodate"], ["1", "1"])]


def test_signaling_model(capsys):
    path = ROOT / "models" / "serbia_resolve_signaling.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    d = {n: F(str(p["default"])) for n, p in raw["parameters"].items()}
    doc = info_json(capsys, path)
    assert doc["sender"] == "Serbia" and doc["receiver"] == "West"
    assert doc["types"] == ["tough", "bluffing"] and doc["messages"] == ["Stand up", "Stay quiet"]
    assert doc["prior"] == {"tough": str(d["p"]), "bluffing": str(1 - d["p"])}
    assert doc["actions"] == {"Stand up": ["Offer", "No offer"], "Stay quiet": ["Offer", "No offer"]}
    pays = {(c["type"], c["message"], c["action"]): c["values"] for c in doc["payoffs"]}
    # the file: (tough, Stay quiet, Offer) = (w, -o); (bluffing, Stand up, Offer) = (w - k_bluff, -o)
    assert pays[("tough", "Stay quiet", "Offer")] == [str(d["w"]), str(-d["o"])]
    assert pays[("bluffing", "Stand up", "Offer")] == [str(d["w"] - d["k_bluff"]), str(-d["o"])]
    assert doc["prior_formulas"] == {"tough": "p", "bluffing": "1 - p"}
    assert set(doc["type_descriptions"]) == {"tough", "bluffing"}


def test_bayesian_model(capsys):
    doc = info_json(capsys, BAYESIAN)
    assert doc["kind"] == "bayesian" == doc["model"]["kind"]
    assert doc["types"] == {"Player 1": ["-"], "Player 2": ["meet", "avoid"]}
    assert [(e["types"], e["probability"]) for e in doc["prior"]] == [(["-", "meet"], "1/2"), (["-", "avoid"], "1/2")]
    agents = doc["type_agent_form"]
    assert len(agents["players"]) == 3
    # player 1 plays S, player 2 B if meet and S if avoid: player 1 gets 0 against meet's B and 1 against avoid's
    # S, each with probability 1/2; meet's agent (B against S) gets 0, avoid's agent (S against S) gets 0
    cells = {tuple(c["profile"]): c["values"] for c in agents["payoffs"]}
    assert cells[("S", "B", "S")] == ["1/2", "0", "0"]


def test_text_output_is_unchanged_by_json(capsys):
    # the text is still what the command printed before --json existed (tests/test_cli.py checks its lines)
    code = main(["info", str(ROOT / "models" / "cfe_md_package.toml")])
    out, _ = capsys.readouterr()
    assert code == 0 and not out.lstrip().startswith("{")
    assert "round 1: Russia removes 'No' (weakly dominated by Yes)" in out
