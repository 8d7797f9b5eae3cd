"""Playing automata: streams and discounted values by hand, the tournament table by hand, the plot file."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from gametheory import Game
from gametheory.errors import CostLimitError, InputError, UnsupportedGameError
from gametheory.repeated.automaton import builtin_automaton
from gametheory.repeated.simulate import periodic_value, play, plot_play, tournament


def pd(T=5, R=3, P=1, S=0):
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["Row", "Col"],
                              strategies=[["C", "D"], ["C", "D"]])


def pair(game, a, b):
    return {"Row": builtin_automaton(a, game, "Row"), "Col": builtin_automaton(b, game, "Col")}


def test_tit_for_tat_against_always_defect():
    p = play(pd(), pair(pd(), "tft", "alld"), 5, "1/2")
    assert [tuple(a.values()) for a in p.profiles] == [("C", "D")] + [("D", "D")] * 4
    assert p.payoffs["Row"] == (0, 1, 1, 1, 1) and p.payoffs["Col"] == (5, 1, 1, 1, 1)
    assert p.totals == {"Row": 4, "Col": 9} and p.averages == {"Row": F(4, 5), "Col": F(9, 5)}
    assert (p.cycle_start, p.cycle_length) == (1, 1)
    # first five rounds: (1/2)(0 + 1/2 + 1/4 + 1/8 + 1/16) = 15/32; (1/2)(5 + 15/16) = 95/32
    assert p.discounted == {"Row": F(15, 32), "Col": F(95, 32)}
    # the whole play: Row (1/2)(0) + (1/2)(1) = 1/2, Col (1/2)(5) + (1/2)(1) = 3
    assert p.value == {"Row": F(1, 2), "Col": F(3)}
    assert [dict(w) for w in p.states[:2]] == [{"Row": "cooperate", "Col": "defect"},
                                               {"Row": "defect", "Col": "defect"}]


def test_wsls_against_always_defect_alternates():
    p = play(pd(), pair(pd(), "wsls", "alld"), 6, "1/3")
    assert p.payoffs["Row"] == (0, 1, 0, 1, 0, 1) and (p.cycle_start, p.cycle_length) == (0, 2)
    # Row: 0, 1, 0, 1, ... is worth (1-δ)δ/(1-δ²) = δ/(1+δ) = 1/4; Col: 5, 1, ... (5 + δ)/(1+δ) = 4
    assert p.value == {"Row": F(1, 4), "Col": F(4)}


def test_value_of_a_long_cycle_against_a_float_sum():
    # WSLS against TFT starting from a disagreement: use two hand-built automata so the cycle is long
    from gametheory.repeated.automaton import Automaton, Rule

    g = pd()
    states = ("a", "b", "c")
    row = Automaton("cycle3", "Row", states, "a", {"a": "C", "b": "D", "c": "D"},
                    {"a": (Rule({}, "b"),), "b": (Rule({}, "c"),), "c": (Rule({}, "a"),)})
    p = play(g, {"Row": row, "Col": builtin_automaton("allc", g, "Col")}, 7, "9/10")
    assert p.payoffs["Row"] == (3, 5, 5, 3, 5, 5, 3) and p.cycle_length == 3 and p.cycle_start == 0
    d = 0.9
    approx = sum((1 - d) * d**t * [3, 5, 5][t % 3] for t in range(3000))
    assert abs(float(p.value["Row"]) - approx) < 1e-12
    # exactly: (1-δ)(3 + 5δ + 5δ²)/(1-δ³) = (3 + 4.5 + 4.05)/2.71 = 1155/271
    assert p.value["Row"] == F(1155, 271)


def test_periodic_value():
    assert periodic_value([F(5)], [F(0), F(5)], F(1, 2)) == F(10, 3)
    assert periodic_value([], [F(2)], F(9, 10)) == 2
    assert abs(periodic_value([1.0], [2.0, 0.0], 0.5) - (0.5 + 0.5 * 0.5 * 2 / 0.75)) < 1e-15
    with pytest.raises(InputError):
        periodic_value([F(1)], [], F(1, 2))


def test_float_game_gives_floats():
    g = pd().to_float()
    p = play(g, pair(g, "grim", "tft"), 3, 0.9)
    assert all(isinstance(x, float) for x in p.payoffs["Row"]) and isinstance(p.value["Row"], float)
    assert abs(p.value["Row"] - 3.0) < 1e-12 and p.exact is False and p.delta == F(9, 10)


def test_play_errors():
    g = pd()
    with pytest.raises(InputError):
        play(g, pair(g, "tft", "tft"), 0)
    with pytest.raises(InputError):
        play(g, pair(g, "tft", "tft"), 2.5)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        play(g, pair(g, "tft", "tft"), 3, "3/2")
    with pytest.raises(CostLimitError):
        play(g, pair(g, "tft", "tft"), 10**6, max_cost=1000)


def test_tournament_by_hand():
    g = pd()
    t = tournament(g, ["tft", "alld", "allc"], 10)
    averages = {(m.row, m.col): m.averages for m in t.matches}
    assert len(t.matches) == 9
    # 10 rounds: TFT vs ALLD gives TFT 0 then 1 nine times, ALLD 5 then 1: 9/10 and 14/10
    assert averages[("tft", "alld")] == (F(9, 10), F(7, 5)) and averages[("alld", "tft")] == (F(7, 5), F(9, 10))
    assert averages[("allc", "alld")] == (0, 5) and averages[("tft", "tft")] == (3, 3)
    # scores: each entrant's mean over its 6 seats; TFT (3 + 9/10 + 3) * 2 / 6 = 23/10,
    # ALLD (7/5 + 1 + 5) * 2 / 6 = 37/15, ALLC (3 + 0 + 3) * 2 / 6 = 2
    assert dict(t.scores) == {"tft": F(23, 10), "alld": F(37, 15), "allc": F(2)}
    assert t.ranking == ("alld", "tft", "allc") and t.values is None


def test_tournament_with_delta_and_mixed_entrants():
    g = pd()
    t = tournament(g, {"TFT": builtin_automaton("tft", g, "Row"), "grim": "grim",
                       "defector": {"Row": builtin_automaton("alld", g, "Row"),
                                    "Col": builtin_automaton("alld", g, "Col")}}, 4, "1/2")
    # TFT and grim both cooperate with each other and are each exploited once by the defector:
    # against it they get 0 then 1 for ever, worth 1/2 at δ = 1/2; against each other and themselves 3
    assert t.values["TFT"] == t.values["grim"] == (3 + 3 + F(1, 2)) / 3
    # the defector gets (1/2)(5) + (1/2)(1) = 3 against each, and 1 against itself
    assert t.values["defector"] == (3 + 3 + 1) / F(3)
    data = json.loads(json.dumps(t.to_json(), allow_nan=False))
    assert data["ranking"] == list(t.ranking) and data["values"]["defector"] == "7/3"
    assert "Ranking" in str(t)


def test_tournament_errors():
    g = pd()
    three = Game([[[[1, 1, 1], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]], [[[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [2, 2, 2]]]])
    with pytest.raises(UnsupportedGameError):
        tournament(three, ["alld"], 3)
    with pytest.raises(InputError):
        tournament(g, [], 3)
    with pytest.raises(InputError):
        tournament(g, ["tft", "tft"], 3)
    with pytest.raises(InputError):
        tournament(g, "tft", 3)
    with pytest.raises(InputError):
        tournament(g, {"x": 3}, 3)
    with pytest.raises(CostLimitError):
        tournament(g, ["tft", "alld"], 1000, max_cost=100)


def test_json_and_text_of_a_play():
    p = play(pd(), pair(pd(), "tft", "alld"), 3, "1/2")
    data = json.loads(json.dumps(p.to_json(), allow_nan=False))
    assert data["payoffs"]["Col"] == ["5", "1", "1"] and data["value"] == {"Row": "1/2", "Col": "3"}
    assert data["profiles"][0] == {"Row": "C", "Col": "D"} and data["cycle_start"] == 1
    text = str(p)
    assert "tit-for-tat" in text and "whole infinite play Row 1/2, Col 3" in text


def test_plot_play(tmp_path):
    p = play(pd(), pair(pd(), "wsls", "alld"), 12, "9/10")
    out = tmp_path / "streams.png"
    plot_play(p, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "streams.svg"
    plot_play(p, svg, title="Pavlov against a defector")
    assert "Pavlov against a defector" in svg.read_text(encoding="utf-8")
    with pytest.raises(InputError):
        plot_play(p, tmp_path / "streams.txt")
    with pytest.raises(InputError):
        plot_play("not a play", out)  # type: ignore[arg-type]
