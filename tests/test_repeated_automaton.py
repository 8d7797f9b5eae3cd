"""Automata for repeated games: the built-ins' transitions by hand, the TOML format and its errors with lines."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from gametheory import Game
from gametheory.errors import InputError, LabelError, UnsupportedGameError
from gametheory.io.model import load_model
from gametheory.repeated.automaton import (
    Automaton,
    Rule,
    builtin_automaton,
    ordered_automata,
    parse_automaton,
    read_automaton,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "automata" / "us_tit_for_two_tats.toml"


def pd(T=5, R=3, P=1, S=0):
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["Row", "Col"],
                              strategies=[["C", "D"], ["C", "D"]])


PROFILES = [("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")]


def table(auto):
    """``{(state, (row, col)): next state}`` over every state and profile."""
    return {(s, a): auto.next_state(s, {"Row": a[0], "Col": a[1]}) for s in auto.states for a in PROFILES}


# ---------------------------------------------------------------------- built-ins, transitions written by hand
def test_tit_for_tat_copies_the_opponent():
    tft = builtin_automaton("tft", pd(), "Row")
    assert tft.name == "tit-for-tat" and tft.initial == "cooperate"
    assert dict(tft.play) == {"cooperate": "C", "defect": "D"}
    # whatever the state and Row's own action, the next state is Col's last action
    for (s, a), nxt in table(tft).items():
        assert nxt == ("cooperate" if a[1] == "C" else "defect"), (s, a)


def test_win_stay_lose_shift_cooperates_after_matching_actions():
    wsls = builtin_automaton("win-stay-lose-shift", pd(), "Col")
    # Pavlov in the PD: repeat after T or R, switch after S or P; i.e. cooperate iff both acted alike
    expected = {("C", "C"): "C", ("C", "D"): "D", ("D", "C"): "D", ("D", "D"): "C"}
    for (s, a), nxt in table(wsls).items():
        assert wsls.play[nxt] == expected[a], (s, a)
    # the same rule read as win-stay, lose-shift from Col's point of view (Col's payoff: R, T win; S, P lose)
    payoff_col = {("C", "C"): 3, ("C", "D"): 5, ("D", "C"): 0, ("D", "D"): 1}
    for a in PROFILES:
        own = a[1]
        stay = payoff_col[a] >= 3
        assert wsls.play[wsls.next_state("cooperate", {"Row": a[0], "Col": a[1]})] == (
            own if stay else ("D" if own == "C" else "C"))


def test_grim_punishes_for_ever_after_any_deviation():
    grim = builtin_automaton("grim-trigger", pd(), "Row")
    t = table(grim)
    assert t[("cooperate", ("C", "C"))] == "cooperate"
    assert all(t[("cooperate", a)] == "punish" for a in PROFILES if a != ("C", "C"))
    assert all(t[("punish", a)] == "punish" for a in PROFILES)
    assert dict(grim.play) == {"cooperate": "C", "punish": "D"}


def test_always_automata_have_one_state():
    assert builtin_automaton("allc", pd(), "Row").states == ("cooperate",)
    alld = builtin_automaton("always-defect", pd(), "Col")
    assert alld.play["defect"] == "D" and all(nxt == "defect" for nxt in table(alld).values())


def test_defaults_from_the_model_labels():
    # CFE/MD unlinked is a PD with different labels per player: the defaults find (Renew CFE, Abandon MD)
    g = load_model(ROOT / "models" / "cfe_md_unlinked.toml").game_at()
    tft = builtin_automaton("tft", g, "US")
    assert dict(tft.play) == {"cooperate": "Abandon MD", "defect": "Build MD"}
    assert tft.next_state("cooperate", {"Russia": "Suspend CFE", "US": "Abandon MD"}) == "defect"
    grim = builtin_automaton("grim", g, "Russia")
    assert grim.next_state("cooperate", {"Russia": "Renew CFE", "US": "Build MD"}) == "punish"


def test_defection_in_a_three_strategy_game_is_the_worst_pure_equilibrium_for_the_opponent():
    # Row's strategies C, M, D; pure equilibria (M, m) with Col payoff 2 and (D, d) with Col payoff 1
    A = [[4, 0, 0], [0, 2, 0], [0, 0, 1]]
    B = [[4, 0, 0], [0, 2, 0], [0, 0, 1]]
    g = Game.from_bimatrix(A, B, players=["Row", "Col"], strategies=[["C", "M", "D"], ["c", "m", "d"]])
    grim = builtin_automaton("grim", g, "Row", cooperate={"Row": "C", "Col": "c"})
    assert grim.play["punish"] == "D"
    # cooperate given as Row's label only: Col has no strategy "C"
    with pytest.raises(InputError, match="cooperative action"):
        builtin_automaton("grim", g, "Row", cooperate="C")
    # no pure equilibrium and three strategies: ask for a file
    rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=[["R", "P", "S"], ["R", "P", "S"]])
    with pytest.raises(InputError, match="TOML"):
        builtin_automaton("grim", rps, "Player 1", cooperate="R")
    assert builtin_automaton("grim", rps, "Player 1", cooperate="R", defect="P").play["punish"] == "P"


def test_builtin_errors():
    with pytest.raises(InputError, match="unknown automaton"):
        builtin_automaton("tit-for-two-tats", pd(), "Row")
    with pytest.raises(LabelError):
        builtin_automaton("tft", pd(), "Nobody")
    three = Game(  # 2x2x2
        [[[[1, 1, 1], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]], [[[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [2, 2, 2]]]])
    with pytest.raises(UnsupportedGameError, match="two players"):
        builtin_automaton("tft", three, "Player 1")
    grim3 = builtin_automaton("grim", three, "Player 2", cooperate={"Player 1": "1", "Player 2": "1", "Player 3": "1"})
    assert grim3.next_state("cooperate", {"Player 1": "1", "Player 2": "1", "Player 3": "2"}) == "punish"
    assert grim3.next_state("cooperate", {"Player 1": "1", "Player 2": "1", "Player 3": "1"}) == "cooperate"


# ---------------------------------------------------------------------- the type
def test_automaton_is_immutable_hashable_and_checked():
    a = builtin_automaton("tft", pd(), "Row")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.initial = "defect"  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.play["cooperate"] = "D"  # type: ignore[index]
    assert hash(a) == hash(builtin_automaton("tft", pd(), "Row")) and a == builtin_automaton("tft", pd(), "Row")
    with pytest.raises(InputError, match="initial"):
        Automaton("x", "Row", ("a",), "b", {"a": "C"}, {})
    with pytest.raises(InputError, match="not a state"):
        Automaton("x", "Row", ("a",), "a", {"a": "C"}, {"a": (Rule({}, "b"),)})
    with pytest.raises(InputError, match="duplicate"):
        Automaton("x", "Row", ("a", "a"), "a", {"a": "C"}, {})
    bad = Automaton("x", "Row", ("a",), "a", {"a": "E"}, {})
    with pytest.raises(LabelError, match="'E'"):
        bad.validate(pd())


def test_for_player_swaps_the_roles():
    row = builtin_automaton("tft", pd(), "Row")
    col = row.for_player(pd(), "Col")
    assert col == builtin_automaton("tft", pd(), "Col")
    with pytest.raises(LabelError, match="for_player"):
        ordered_automata(pd(), {"Row": row, "Col": row})


def test_to_json_is_strict_json():
    data = builtin_automaton("wsls", pd(), "Row").to_json()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["states"][0] == {
        "name": "cooperate", "play": "C",
        "rules": [{"when": {"Row": ["C"], "Col": ["C"]}, "to": "cooperate"},
                  {"when": {"Row": ["D"], "Col": ["D"]}, "to": "cooperate"},
                  {"when": {}, "to": "defect"}]}


# ---------------------------------------------------------------------- the TOML format
TFT_TEXT = """\
name = "my tit-for-tat"
initial = "c"

[states]
c = "C"
d = "D"

[[rules]]
from = "*"
when = { Col = "D" }
to = "d"

[[rules]]
from = ["d"]
when = { Col = { not = "D" } }
to = "c"
"""


def test_a_file_reads_as_the_builtin_it_describes():
    a = parse_automaton(TFT_TEXT, pd(), player="Row")
    tft = builtin_automaton("tft", pd(), "Row")
    renamed = {"cooperate": "c", "defect": "d"}
    assert a.name == "my tit-for-tat" and a.player == "Row"
    for (s, prof), nxt in table(tft).items():
        assert a.next_state(renamed[s], {"Row": prof[0], "Col": prof[1]}) == renamed[nxt]


def test_example_file(tmp_path):
    g = load_model(ROOT / "models" / "cfe_md_unlinked.toml").game_at()
    a = read_automaton(EXAMPLE, g)
    assert a.name == "tit-for-two-tats" and a.player == "US" and a.states == ("trust", "wary", "punish")
    # two suspensions in a row are needed before the US builds; one renewal restores trust
    w = a.initial
    seq = []
    for russia in ["Suspend CFE", "Renew CFE", "Suspend CFE", "Suspend CFE", "Suspend CFE", "Renew CFE"]:
        w = a.next_state(w, {"Russia": russia, "US": a.play[w]})
        seq.append(a.play[w])
    assert seq == ["Abandon MD", "Abandon MD", "Abandon MD", "Build MD", "Build MD", "Abandon MD"]
    with pytest.raises(InputError, match="not for 'Russia'"):
        read_automaton(EXAMPLE, g, player="Russia")


def _error(text, game=None, player="Row", tmp_path=None):
    game = game or pd()
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_automaton(path, game, player=player)
    err = info.value
    assert err.path == str(path)
    return err


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        ('c = "C"', 'c = "E"', 5, "'E' is not a strategy of 'Row'"),
        ('to = "d"\n\n[[rules]]\nfrom = ["d"]', 'to = "x"\n\n[[rules]]\nfrom = ["d"]', 11, "'x' is not a state"),
        ('from = ["d"]', 'from = ["d", "q"]', 14, "'q' is not a state"),
        ('when = { Col = "D" }', 'when = { Column = "D" }', 10, "'Column' is not a player"),
        ('{ not = "D" }', '{ nor = "D" }', 15, "not = label"),
        ('initial = "c"', 'initial = "z"', 2, "'z' is not a state"),
        ('initial = "c"', 'initial = "c"\ncolour = "red"', 3, "unknown top-level key 'colour'"),
        ('to = "c"', 'to = "c"\nunless = 1', 17, "unknown key 'unless'"),
        ('when = { Col = "D" }', 'when = { Col = [] }', 10, "non-empty list"),
        ('[states]', '[states', 4, "not valid TOML"),
        ('initial = "c"\n', '', 1, "missing 'initial'"),
    ],
)
def test_errors_name_the_line(tmp_path, old, new, line, needle):
    assert old in TFT_TEXT
    err = _error(TFT_TEXT.replace(old, new, 1), tmp_path=tmp_path)
    assert needle in err.message
    if needle != "missing 'initial'":
        assert err.line == line, (err.line, str(err))
    assert str(err).startswith(f"{tmp_path / 'a.toml'}:")


def test_player_errors(tmp_path):
    err = _error(TFT_TEXT, player=None, tmp_path=tmp_path)
    assert "which player" in err.message
    err = _error('player = "Nobody"\n' + TFT_TEXT, player=None, tmp_path=tmp_path)
    assert err.line == 1 and "'Nobody' is not a player" in err.message
    err = _error('player = "Col"\n' + TFT_TEXT, player="Row", tmp_path=tmp_path)
    assert err.line == 1 and "not for 'Row'" in err.message
    # the file's own player is enough
    (tmp_path / "b.toml").write_text('player = "Row"\n' + TFT_TEXT, encoding="utf-8")
    assert read_automaton(tmp_path / "b.toml", pd()).player == "Row"


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_automaton(tmp_path / "missing.toml", pd(), player="Row")
    with pytest.raises(InputError, match="not a regular file"):
        read_automaton(tmp_path, pd(), player="Row")
    (tmp_path / "latin.toml").write_bytes(b'initial = "c"\n[states]\nc = "\xe9"\n')
    with pytest.raises(InputError) as info:
        read_automaton(tmp_path / "latin.toml", pd(), player="Row")
    assert info.value.line == 3 and "UTF-8" in info.value.message


def test_name_defaults_to_the_file_stem(tmp_path):
    path = tmp_path / "forgiving.toml"
    path.write_text(TFT_TEXT.replace('name = "my tit-for-tat"\n', ""), encoding="utf-8")
    assert read_automaton(path, pd(), player="Row").name == "forgiving"


def test_rules_are_tried_in_file_order():
    text = """initial = "a"
[states]
a = "C"
b = "D"
c = "D"
[[rules]]
when = { Col = "D" }
to = "b"
[[rules]]
when = { Col = ["C", "D"] }
to = "c"
"""
    a = parse_automaton(text, pd(), player="Row")
    assert a.next_state("a", {"Row": "C", "Col": "D"}) == "b"  # the first match wins
    assert a.next_state("a", {"Row": "C", "Col": "C"}) == "c"
    b = parse_automaton(text.replace("[[rules]]\nwhen = { Col = [", "[[rules]]\nfrom = \"b\"\nwhen = { Col = ["),
                        pd(), player="Row")
    assert b.next_state("a", {"Row": "C", "Col": "C"}) == "a"  # no rule matches: stay


def test_hostile_sizes_and_types(monkeypatch):
    import gametheory.repeated.automaton as automaton

    monkeypatch.setattr(automaton, "MAX_RULE_ENTRIES", 3)
    text = TFT_TEXT + '\n[[rules]]\nwhen = { Row = "D" }\nto = "d"\n'  # the "*" rules make 2 + 1 + 2 pairs
    with pytest.raises(InputError, match="more than 3") as info:
        parse_automaton(text, pd(), player="Row")
    assert info.value.line == 18
    with pytest.raises(InputError):
        Automaton("x", "Row", "ab", "a", {"a": "C"}, {})
    with pytest.raises(InputError):
        Automaton("x", "Row", ("a",), "a", {"a": 1}, {})
    with pytest.raises(InputError):
        Rule({"Row": "C"}, "a")  # a bare string would be read as a set of characters
    with pytest.raises(InputError):
        Rule({"Row": {"C"}}, 3)


def test_load_automaton_by_name_or_path(tmp_path, monkeypatch):
    from gametheory.repeated.automaton import load_automaton

    assert load_automaton("TFT", pd(), "Col") == builtin_automaton("tft", pd(), "Col")
    path = tmp_path / "mine.toml"
    path.write_text(TFT_TEXT, encoding="utf-8")
    assert load_automaton(str(path), pd(), "Row").name == "my tit-for-tat"
    assert load_automaton(path, pd(), "Row").states == ("c", "d")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plain").write_text(TFT_TEXT, encoding="utf-8")  # an existing file without a suffix
    assert load_automaton("plain", pd(), "Row").initial == "c"
    with pytest.raises(InputError, match="neither a built-in"):
        load_automaton("tit-for-two-tats", pd(), "Row")
    with pytest.raises(InputError, match="cannot read"):
        load_automaton("missing.toml", pd(), "Row")
