"""``gametheory repeated``: the report of a repeated game from the command line, and its input errors.

Expected values are hand calculations.  Prisoner's dilemma T, R, P, S = 5, 3, 1, 0 (rows Row, columns
Col): the only stage equilibrium is (D, D) with payoffs (1, 1); each player's minmax is P = 1 (the
other defects; D is dominant, so no mixture holds a player lower); grim trigger sustains (C, C) iff
3 >= (1 - δ) 5 + δ 1, i.e. δ >= (T - R)/(T - P) = 1/2.  Win-stay-lose-shift against itself is
subgame perfect iff δ >= (T - R)/(R - P) (from the cooperative state a deviation earns T, then P in
the round both defect, then R again: R(1 + δ) >= T + δP; from the state where both defect, playing
C instead earns S and keeps both defecting, which never pays since P > S); with T, R, P, S =
4, 3, 0, -1 that is δ >= 1/3.  Matching pennies: pure minmax 1 (a pure strategy can be matched), mixed
minmax 0 (the other mixes half and half).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gametheory.cli import main

MODELS = Path(__file__).resolve().parents[1] / "models"
SPOILER = MODELS / "russia_spoiler_linkage.toml"
THREE = MODELS / "serbia_border_reinforcement_3p.toml"

# Gambit order: the first player's strategy varies fastest; (C,C) (D,C) (C,D) (D,D)
PD = 'NFG 1 R "Prisoner\'s dilemma" { "Row" "Col" }\n{ { "C" "D" } { "C" "D" } }\n\n3 3 5 0 0 5 1 1\n'
PD_4301 = 'NFG 1 R "PD 4 3 0 -1" { "Row" "Col" }\n{ { "C" "D" } { "C" "D" } }\n\n3 3 4 -1 -1 4 0 0\n'
PENNIES = 'NFG 1 R "Matching pennies" { "A" "B" }\n{ { "H" "T" } { "H" "T" } }\n\n1 -1 -1 1 -1 1 1 -1\n'

TFT_FILE = """name = "my tit-for-tat"
initial = "cooperate"

[states]
cooperate = "C"
defect = "D"

[[rules]]
when = { Col = "D" }
to = "defect"

[[rules]]
when = { Col = "C" }
to = "cooperate"
"""


@pytest.fixture
def files(tmp_path):
    out = {}
    for name, text in {"pd.nfg": PD, "pd4301.nfg": PD_4301, "pennies.nfg": PENNIES, "tft.toml": TFT_FILE}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = str(tmp_path / name)
    return out


def run_json(capsys, *argv):
    code = main(["repeated", *map(str, argv), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err

    def refuse(name):
        raise AssertionError(f"not strict JSON: {name}")

    return json.loads(out, parse_constant=refuse)


def run_error(capsys, *argv) -> str:
    code = main(["repeated", *map(str, argv)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1, err
    return err


# ------------------------------------------------------------------ the report
def test_prisoners_dilemma_report_holds_the_issue_keys(files, capsys):
    doc = run_json(capsys, files["pd.nfg"], "--delta", "3/5")
    assert doc["minmax"]["pure"] == {"Row": "1", "Col": "1"}
    assert doc["minmax"]["mixed"] == {"Row": "1", "Col": "1"}
    assert sorted((v["Row"], v["Col"]) for v in doc["feasible"]) == [("0", "5"), ("1", "1"), ("3", "3"), ("5", "0")]
    assert doc["target"] == {"Row": "C", "Col": "C"}  # the largest sum among non-equilibria
    grim = doc["grim_trigger"]
    assert grim["delta_min"] == "1/2"
    assert grim["punishments"] == {"Row": {"Row": "D", "Col": "D"}, "Col": {"Row": "D", "Col": "D"}}
    assert grim["at_delta"] is True
    assert doc["delta"] == "3/5"
    assert [e["profile"] for e in doc["stage_equilibria"]] == [{"Row": {"C": "0", "D": "1"}, "Col": {"C": "0", "D": "1"}}]
    assert doc["penal_code"] is not None and doc["horizon"] is None and doc["automata"] is None


def test_below_the_threshold_grim_does_not_sustain(files, capsys):
    assert run_json(capsys, files["pd.nfg"], "--delta", "0.4")["grim_trigger"]["at_delta"] is False
    code = main(["repeated", files["pd.nfg"], "--delta", "0.4"])
    out = capsys.readouterr().out
    assert code == 0
    assert "δ >= 1/2" in out and "at δ = 2/5: not sustained" in out


def test_matching_pennies_pure_and_mixed_minmax(files, capsys):
    doc = run_json(capsys, files["pennies.nfg"])
    assert doc["minmax"]["pure"] == {"A": "1", "B": "1"}
    assert doc["minmax"]["mixed"] == {"A": "0", "B": "0"}


def test_explicit_profile_a_stage_equilibrium_needs_no_patience(files, capsys):
    doc = run_json(capsys, files["pd.nfg"], "--profile", "Row=D", "--profile", "Col=D")
    assert doc["target"] == {"Row": "D", "Col": "D"} and doc["target_source"] == "given"
    assert doc["grim_trigger"]["delta_min"] == "0"


def test_spoiler_model_threshold_and_formula_next_to_the_stated_one(capsys):
    doc = run_json(capsys, SPOILER)
    assert doc["target"] == {"US": "Include Russia", "Russia": "Cooperate"}
    assert "sustainable prediction" in doc["target_source"]
    assert doc["grim_trigger"]["delta_min"] == "1/3"
    assert doc["grim_trigger"]["formula"] == "c_I/p"
    (pred,) = doc["predictions"]
    assert (pred["kind"], pred["delta"], pred["status"]) == ("sustainable", "c_I/p", "holds")
    doc = run_json(capsys, SPOILER, "--param", "p=4")
    assert doc["grim_trigger"]["delta_min"] == "1/4" and doc["values"]["p"] == "4"


def test_text_report_reads_for_a_student(capsys):
    assert main(["repeated", str(SPOILER)]) == 0
    out = capsys.readouterr().out
    for part in ("Stage equilibria: 1", "Minmax values", "Feasible set", "Target profile: US: Include Russia",
                 "δ >= 1/3", "as a formula in the parameters: δ >= c_I/p", "holds"):
        assert part in out, part
    assert "Ne(" not in out and "Piecewise" not in out


def test_win_stay_lose_shift_range_in_the_prisoners_dilemma(files, capsys):
    doc = run_json(capsys, files["pd4301.nfg"], "--automaton", "Row=wsls", "--automaton", "Col=wsls",
                   "--delta", "1/2")
    autos = doc["automata"]
    assert autos["delta_set"] == [{"lo": "1/3", "hi": "1", "lo_closed": True, "hi_closed": False,
                                   "lo_float": pytest.approx(1 / 3), "hi_float": 1.0}]
    assert autos["subgame_perfect"] is True
    doc = run_json(capsys, files["pd4301.nfg"], "--automaton", "Row=wsls", "--automaton", "Col=wsls",
                   "--delta", "1/4")
    assert doc["automata"]["subgame_perfect"] is False


def test_automaton_file_and_play(files, capsys):
    # tit-for-tat written in a file against the built-in one: (C, C) for ever, 3 a round
    doc = run_json(capsys, files["pd.nfg"], "--automaton", f"Row={files['tft.toml']}", "--automaton", "Col=tft",
                   "--rounds", "4")
    assert doc["play"] is not None
    assert "C" in json.dumps(doc["play"]) and doc["automata"] is not None


def test_horizon_and_tournament_are_passed_through(files, capsys):
    doc = run_json(capsys, files["pd.nfg"], "--horizon", "2", "--tournament", "grim,alld", "--rounds", "3")
    assert doc["horizon"] is not None and doc["tournament"] is not None
    assert set(doc["tournament"]["entrants"]) == {"grim", "alld"}


def test_three_players_no_penal_code_and_no_plot(capsys):
    doc = run_json(capsys, THREE)
    assert doc["penal_code"] is None
    assert any("two players" in n for n in doc["notes"])
    assert "two-player" in run_error(capsys, THREE, "--plot", "x.png")


def test_plot_writes_the_folk_picture(files, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    out = tmp_path / "folk.svg"
    assert main(["repeated", files["pd.nfg"], "--plot", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


# ------------------------------------------------------------------ input errors: exit 2, one line, no traceback
@pytest.mark.parametrize(
    "argv, message",
    [
        pytest.param(["--delta", "1"], "--delta", id="delta 1"),
        pytest.param(["--delta", "0"], "--delta", id="delta 0"),
        pytest.param(["--delta", "abc"], "--delta", id="delta text"),
        pytest.param(["--horizon", "0"], "--horizon", id="horizon 0"),
        pytest.param(["--horizon", "two"], "--horizon", id="horizon text"),
        pytest.param(["--rounds", "-3"], "--rounds", id="rounds negative"),
        pytest.param(["--profile", "Row=X", "--profile", "Col=C"], "'X'", id="unknown label"),
        pytest.param(["--profile", "Row=C"], "missing ['Col']", id="missing player"),
        pytest.param(["--profile", "Row"], "PLAYER=LABEL", id="no equals"),
        pytest.param(["--automaton", "Row=tft"], "every player", id="one automaton"),
        pytest.param(["--automaton", "Row=nonsense", "--automaton", "Col=tft"], "nonsense", id="unknown automaton"),
        pytest.param(["--automaton", "Row=tft", "--automaton", "Row=grim"], "twice", id="automaton twice"),
        pytest.param(["--tournament", "grim,,tft"], "--tournament", id="empty name"),
        pytest.param(["--plot", "out.txt"], ".png", id="plot extension"),
        pytest.param(["--plot-play", "out.png"], "--rounds", id="plot-play without a play"),
        pytest.param(["--param", "x=1"], "x", id="param of an nfg"),
    ],
)
def test_bad_options(files, capsys, argv, message):
    assert message in run_error(capsys, files["pd.nfg"], *argv)


def test_bad_automaton_file_names_its_line(files, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(TFT_FILE.replace('defect = "D"', 'defect = "Z"'), encoding="utf-8")
    err = run_error(capsys, files["pd.nfg"], "--automaton", f"Row={bad}", "--automaton", "Col=tft")
    assert f"{bad}:6" in err and "'Z'" in err


def test_malformed_model_names_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "t"\n[[players]]\nname = 3\n', encoding="utf-8")
    assert str(bad) in run_error(capsys, bad)


def test_cost_limit_is_checked_before_the_work(files, capsys):
    err = run_error(capsys, files["pd.nfg"], "--horizon", "12", "--max-cost", "100")
    assert "max-cost" in err or "limit" in err


# ------------------------------------------------------------------ the Python API
def test_symbolic_game_gives_its_threshold_as_a_formula():
    import sympy

    from gametheory import Game
    from gametheory.repeated import analyze_repeated

    t = sympy.Symbol("t", real=True)
    pd = Game.from_bimatrix([[3, 0], [t, 1]], [[3, t], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    report = analyze_repeated(pd, values={"t": 5})
    assert report.grim.delta_min == sympy.Rational(1, 2)  # (T - R)/(T - P) at T = 5
    assert sympy.simplify(report.grim_formula.delta_min - (t - 3) / (t - 1)) == 0
    assert report.to_json()["grim_trigger"]["formula"] == str(report.grim_formula.delta_min)
