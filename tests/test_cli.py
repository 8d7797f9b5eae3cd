"""The ``gametheory`` command line: solve/info/convert on the CFE models, and every bad input.

Expected equilibria are hand calculations (cfe_md_unlinked and cfe_md_package):
the unlinked game is a prisoner's dilemma with the single equilibrium
(Suspend CFE, Build MD) = (0, 0); the package game has (Yes, Yes) = (3, 1) and
(No, No) = (0, 0) at eps_a = 0, and only (Yes, Yes) = (7/2, 3/2) at eps_a = 1/2.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from refs.gambit import payoff_table
from refs.gambit import read_nfg as gambit_read_nfg

from gametheory.cli import main
from gametheory.io import load_game, load_model

ROOT = Path(__file__).resolve().parents[1]
UNLINKED = str(ROOT / "models" / "cfe_md_unlinked.toml")
PACKAGE = str(ROOT / "models" / "cfe_md_package.toml")
THREE = str(ROOT / "models" / "kosovo_udi_unsc_eulex.toml")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def solve_json(capsys, *argv):
    code, out, err = run(capsys, "solve", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def pure_profiles(doc):
    """{(label of player 1, label of player 2, ...): payoffs} for the pure equilibria of a JSON result."""
    out = {}
    for eq in doc["equilibria"]:
        labels = []
        for p in doc["game"]["players"]:
            dist = eq["profile"][p]
            (lab,) = [s for s, q in dist.items() if q not in ("0", 0, 0.0)]
            labels.append(lab)
        out[tuple(labels)] = tuple(eq["payoffs"][p] for p in doc["game"]["players"])
    return out


# ---------------------------------------------------------------------- solve
def test_solve_json_unlinked_prisoners_dilemma(capsys):
    doc = solve_json(capsys, UNLINKED)
    assert set(doc) >= {"game", "method", "complete", "exact", "equilibria", "diagnostics"}
    assert doc["game"]["players"] == ["Russia", "US"]
    assert doc["game"]["strategies"] == {"Russia": ["Renew CFE", "Suspend CFE"], "US": ["Abandon MD", "Build MD"]}
    assert isinstance(doc["game"]["title"], str) and doc["game"]["title"]
    assert doc["exact"] is True and isinstance(doc["complete"], bool)
    assert doc["equilibria"] == [{
        "profile": {"Russia": {"Renew CFE": "0", "Suspend CFE": "1"}, "US": {"Abandon MD": "0", "Build MD": "1"}},
        "payoffs": {"Russia": "0", "US": "0"},
        "regret": {"Russia": "0", "US": "0"},
    }]
    assert all(isinstance(d, str) for d in doc["diagnostics"])


def test_solve_json_pure_method_says_it_is_not_complete(capsys):
    doc = solve_json(capsys, PACKAGE, "--method", "pure")
    assert doc["method"] == "pure" and doc["complete"] is False
    assert pure_profiles(doc) == {("Yes", "Yes"): ("3", "1"), ("No", "No"): ("0", "0")}
    assert any("mixed" in d for d in doc["diagnostics"])


@pytest.mark.parametrize(
    "params, expected",
    [
        pytest.param([], {("Yes", "Yes"): ("3", "1"), ("No", "No"): ("0", "0")}, id="eps-0-degenerate"),
        pytest.param(["--param", "eps_a=1/2"], {("Yes", "Yes"): ("7/2", "3/2")}, id="eps-half"),
        pytest.param(["--param", "eps_a=0.5", "--param", "g=1"], {("Yes", "Yes"): ("9/2", "5/2")}, id="eps-half-g-1"),
    ],
)
def test_solve_json_package(capsys, params, expected):
    doc = solve_json(capsys, PACKAGE, *params)
    assert pure_profiles(doc) == expected
    for eq in doc["equilibria"]:
        assert set(eq["regret"].values()) == {"0"}


def test_solve_float(capsys):
    doc = solve_json(capsys, UNLINKED, "--float")
    assert doc["exact"] is False
    (eq,) = doc["equilibria"]
    assert eq["profile"]["US"] == {"Abandon MD": 0.0, "Build MD": 1.0}
    assert eq["payoffs"] == {"Russia": 0.0, "US": 0.0}
    assert all(isinstance(v, float) for v in eq["regret"].values())


def test_solve_table_two_players(capsys):
    code, out, err = run(capsys, "solve", UNLINKED, "--method", "pure")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == load_model(UNLINKED).title
    assert "players: Russia, US" in lines
    row = next(line for line in lines if line.strip().startswith("Renew CFE") and "," in line)
    assert row.split()[2:] == ["3,", "1", "-1,", "3"]
    # strict dominance forces the status quo, so even the pure search is complete here
    assert "complete: yes, every equilibrium is listed" in lines
    assert any(line.strip() == "1. Russia: Suspend CFE; US: Build MD" for line in lines)
    assert "diagnostics:" in lines


def test_solve_table_mixed_probabilities_as_fractions(tmp_path, capsys):
    pennies = tmp_path / "pennies.nfg"
    pennies.write_text('NFG 1 R "pennies" { "A" "B" } { { "H" "T" } { "H" "T" } } 1 -1 -1 1 -1 1 1 -1\n')
    code, out, _ = run(capsys, "solve", pennies)
    assert code == 0
    # the unique equilibrium of matching pennies mixes half and half
    assert "equilibria: 1" in out and "1/2 H + 1/2 T" in out


def test_solve_table_three_players_lists_profiles(capsys):
    code, out, _ = run(capsys, "solve", THREE)
    assert code == 0
    assert "payoffs (Kosovo, Russia, EU):" in out
    assert "Declare / Veto / Deploy EULEX" in out


# ---------------------------------------------------------------------- info
def test_info_unlinked(capsys):
    code, out, err = run(capsys, "info", UNLINKED)
    assert code == 0 and err == ""
    assert "round 1: Russia removes 'Renew CFE' (strictly dominated by Suspend CFE)" in out
    assert "round 1: US removes 'Abandon MD' (strictly dominated by Build MD)" in out
    assert "dominance solvable: Russia: Suspend CFE; US: Build MD" in out
    # Security levels: Suspend guarantees Russia 0 (Renew risks -1); Build guarantees the US 0.
    assert "Russia: pure 0 (Suspend CFE)" in out and "US: pure 0 (Build MD)" in out
    assert "v_md = 2 in [1/2, 5] (pinned)" in out  # v_md > 0 is assumed, so its range starts above 0 (issue 16)
    assert "source: " in out
    assert "payoff formulas:" in out and "v_nomd - c_cfe" in out.replace("-c_cfe + v_nomd", "v_nomd - c_cfe")


def test_info_package_weak_dominance(capsys):
    code, out, _ = run(capsys, "info", PACKAGE)
    assert code == 0
    assert "no strictly dominated strategy" in out
    assert "removes 'No' (weakly dominated by Yes)" in out


def test_info_nfg(tmp_path, capsys):
    f = tmp_path / "g.nfg"
    f.write_text('NFG 1 R "t" { "A" "B" } { 3 2 } 3 0 0 0 1 0 0 0 3 0 1 0\n')
    code, out, _ = run(capsys, "info", f)
    assert code == 0
    assert "removes '3' (strictly dominated by 1/2*1 + 1/2*2)" in out
    assert "parameters:" not in out


# ---------------------------------------------------------------------- convert
@pytest.mark.oracle
def test_convert_round_trip_toml_nfg_toml(tmp_path, capsys):
    nfg = tmp_path / "unlinked.nfg"
    code, out, err = run(capsys, "convert", UNLINKED, "--to", "nfg", "-o", nfg)
    assert code == 0 and out == "" and err == ""
    assert load_game(nfg) == load_game(UNLINKED)
    # pygambit reads our file with the same labels and payoffs
    theirs, players = payoff_table(gambit_read_nfg(nfg))
    ours = load_game(UNLINKED)
    assert [p.label for p in players] == list(ours.players)
    assert [[s.label for s in p.strategies] for p in players] == [list(s) for s in ours.strategies]
    for prof in ours.pure_profiles():
        assert list(theirs[ours.profile_index(prof)]) == list(ours.payoff(prof).values())
    code, text, _ = run(capsys, "convert", nfg, "--to", "toml")
    assert code == 0
    back = tmp_path / "back.toml"
    back.write_text(text)
    assert load_game(back) == load_game(UNLINKED)


def test_convert_toml_to_toml_keeps_the_model(tmp_path, capsys):
    out_path = tmp_path / "copy.toml"
    assert run(capsys, "convert", PACKAGE, "--to", "toml", "-o", out_path)[0] == 0
    a, b = load_model(PACKAGE), load_model(out_path)
    assert a.game == b.game and dict(a.parameters).keys() == dict(b.parameters).keys()
    assert [p.default for p in a.parameters.values()] == [p.default for p in b.parameters.values()]


def test_convert_with_param_to_nfg(capsys, tmp_path):
    code, out, _ = run(capsys, "convert", PACKAGE, "--to", "nfg", "--param", "eps_a=1/2")
    assert code == 0 and out.startswith("NFG 1 R")
    f = tmp_path / "p.nfg"
    f.write_text(out)
    assert load_game(f).payoff({"Russia": "Yes", "US": "No"}) == {"Russia": 0.5, "US": 0}


# ---------------------------------------------------------------------- bad input
GOOD = """title = "t"
[[players]]
name = "Row"
strategies = ["Up", "Down"]
[[players]]
name = "Col"
strategies = ["Left", "Right"]
[parameters.a]
default = 1
range = [0, 2]
meaning = "a"
[[payoffs]]
profile = ["Up", "Left"]
values = [1, "a"]
[[payoffs]]
profile = ["Up", "Right"]
values = [0, 0]
[[payoffs]]
profile = ["Down", "Left"]
values = [0, 0]
[[payoffs]]
profile = ["Down", "Right"]
values = [1, 1]
"""


def variant(old, new):
    assert old in GOOD
    return GOOD.replace(old, new, 1)


BAD_FILES = [
    pytest.param("bad.toml", 'title = "unterminated\n', id="malformed-toml"),
    pytest.param("bad.nfg", "NFG 1 R { oops\n", id="malformed-nfg"),
    pytest.param("bad.nfg", 'NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3\n', id="nfg-too-few-payoffs"),
    pytest.param("bad.nfg", 'NFG 1 R "t" { "A" "B" } { 1 1 } nan 1\n', id="nfg-non-finite"),
    pytest.param("bad.toml", variant('profile = ["Up", "Right"]', 'profile = ["Up", "Middle"]'), id="unknown-label"),
    pytest.param("bad.toml", variant('["Up", "Down"]', '["Up", "Up"]'), id="duplicate-label"),
    pytest.param("bad.toml", GOOD.rsplit("[[payoffs]]", 1)[0], id="missing-profile"),
    pytest.param("bad.toml", GOOD + '[[payoffs]]\nprofile = ["Up", "Left"]\nvalues = [2, 2]\n', id="extra-profile"),
    pytest.param("bad.toml", variant("values = [0, 0]", "values = [0, 0, 0]"), id="wrong-number-of-payoffs"),
    pytest.param("bad.toml", variant("values = [0, 0]", "values = [nan, 0]"), id="non-finite-nan"),
    pytest.param("bad.toml", variant("values = [0, 0]", 'values = ["inf", 0]'), id="non-finite-inf-string"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "a + b"]'), id="undeclared-parameter"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "open(a)"]'), id="unlisted-function"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "a.real"]'), id="attribute-access"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "a[0]"]'), id="indexing"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "(lambda: 1)()"]'), id="lambda"),
    pytest.param("bad.toml", variant('values = [1, "a"]', 'values = [1, "__import__(\'os\')"]'), id="dunder-import"),
    pytest.param("bad.toml", variant("values = [0, 0]", 'values = ["1/0", 0]'), id="zero-denominator"),
    pytest.param("bad.toml", variant('title = "t"', "title = 3"), id="title-not-a-string"),
    pytest.param("bad.txt", GOOD, id="unknown-extension"),
    pytest.param("noext", GOOD, id="no-extension"),
]

COMMANDS = [
    pytest.param(["solve"], id="solve"),
    pytest.param(["solve", "--json"], id="solve-json"),
    pytest.param(["info"], id="info"),
    pytest.param(["convert", "--to", "nfg", "-o", "{out}"], id="convert"),
]


def check_one_line_error(code, out, err, path):
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert str(path) in lines[0]
    assert out == ""


@pytest.mark.parametrize("cmd", COMMANDS)
@pytest.mark.parametrize("name, text", BAD_FILES)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, name, text, cmd):
    path = tmp_path / name
    path.write_text(text)
    out_file = tmp_path / "out.nfg"
    argv = [cmd[0], path] + [a.format(out=out_file) for a in cmd[1:]]
    code, out, err = run(capsys, *argv)
    check_one_line_error(code, out, err, path)
    assert not out_file.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left either


@pytest.mark.parametrize(
    "params, match",
    [
        pytest.param(["--param", "v_md"], "NAME=VALUE", id="no-equals"),
        pytest.param(["--param", "v_md=abc"], "expected a number", id="not-a-number"),
        pytest.param(["--param", "v_md=1/0"], "v_md", id="zero-denominator"),
        pytest.param(["--param", "v_md=nan"], "v_md", id="nan"),
        pytest.param(["--param", "=3"], "NAME=VALUE", id="no-name"),
        pytest.param(["--param", "nope=1"], "nope", id="undeclared"),
        pytest.param(["--param", "v_md=1", "--param", "v_md=2"], "twice", id="twice"),
    ],
)
@pytest.mark.parametrize("command", ["solve", "info"])
def test_bad_param(capsys, params, match, command):
    code, out, err = run(capsys, command, UNLINKED, *params)
    check_one_line_error(code, out, err, UNLINKED)
    assert match in err


def test_param_on_nfg_file(tmp_path, capsys):
    f = tmp_path / "g.nfg"
    f.write_text('NFG 1 R "t" { "A" "B" } { 1 1 } 1 1\n')
    code, out, err = run(capsys, "solve", f, "--param", "a=1")
    check_one_line_error(code, out, err, f)


def test_nonexistent_file(tmp_path, capsys):
    for cmd in (["solve"], ["info"], ["convert", "--to", "toml"]):
        missing = tmp_path / "missing.toml"
        code, out, err = run(capsys, cmd[0], missing, *cmd[1:])
        check_one_line_error(code, out, err, missing)


def test_convert_to_missing_directory_writes_nothing(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "dir.nfg"
    code, out, err = run(capsys, "convert", UNLINKED, "--to", "nfg", "-o", target)
    check_one_line_error(code, out, err, target)
    assert not (tmp_path / "no").exists()


def test_existing_output_untouched_on_error(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(variant("values = [0, 0]", "values = [0, 0, 0]"))
    target = tmp_path / "keep.nfg"
    target.write_text("original")
    code, _, _ = run(capsys, "convert", bad, "--to", "nfg", "-o", target)
    assert code == 2 and target.read_text() == "original"


def test_unknown_method_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["solve", UNLINKED, "--method", "no-such-method"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no-such-method" in err and len(err.splitlines()) == 1


def test_method_choices_come_from_the_table():
    from gametheory import METHODS
    from gametheory.solvers.dispatch import method_names
    from gametheory.solvers.tree_methods import TREE_METHODS

    # the normal-form table and the game-tree table, nothing else
    assert set(method_names()) == set(METHODS) | set(TREE_METHODS) | {"auto"}
    assert {"pure", "spe", "sequence-form", "sequence-form-lp"} <= set(method_names())


# ---------------------------------------------------------------------- the installed entry point
def entry_point():
    exe = Path(sys.executable).with_name("gametheory")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gametheory.cli"]


def test_installed_entry_point_solves(tmp_path):
    proc = subprocess.run(entry_point() + ["solve", UNLINKED, "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert pure_profiles(doc) == {("Suspend CFE", "Build MD"): ("0", "0")}


def test_installed_entry_point_bad_input(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(variant('values = [1, "a"]', 'values = [1, "__import__(\'os\')"]'))
    proc = subprocess.run(entry_point() + ["solve", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith(f"error: {bad}")
