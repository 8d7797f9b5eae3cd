"""``gametheory solve`` on game trees (.efg and tree models): the answers are worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Entry deterrence: the entrant stays out (0, 2) or enters; the incumbent then fights (-1, -1) or accommodates (1, 1).
# By hand: the one subgame-perfect equilibrium is (In, Accommodate); the Nash equilibria are that one and
# (Out, q Fight + (1-q) Accommodate) for q >= 1/2 (the entrant's -q + (1 - q) <= 0), whose extreme points are
# q = 1 and q = 1/2.
ENTRY = """EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "Out" { 0, 2 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "Fight" { -1, -1 }
t "" 3 "Accommodate" { 1, 1 }
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gametheory.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.fixture()
def entry(tmp_path: Path) -> Path:
    (tmp_path / "entry.efg").write_text(ENTRY)
    return tmp_path


def test_solve_an_efg_gives_its_one_subgame_perfect_equilibrium(entry):
    proc = run("solve", "entry.efg", "--json", cwd=entry)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["game"]["kind"] == "tree" and doc["method"] == "spe" and doc["complete"] and doc["exact"]
    (eq,) = doc["equilibria"]
    assert eq["behavior"] == {"Entrant": {"1": {"Out": "0", "In": "1"}},
                              "Incumbent": {"1": {"Fight": "0", "Accommodate": "1"}}}
    assert eq["path"] == ["In", "Accommodate"]
    assert eq["payoffs"] == {"Entrant": "1", "Incumbent": "1"} and eq["regret"] == {"Entrant": "0", "Incumbent": "0"}


def test_nash_equilibria_through_the_normal_form(entry):
    proc = run("solve", "entry.efg", "--method", "enumerate", "--json", cwd=entry)
    assert proc.returncode == 0, proc.stderr
    fight = sorted(eq["behavior"]["Incumbent"]["1"]["Fight"] for eq in json.loads(proc.stdout)["equilibria"])
    assert fight == ["0", "1", "1/2"]


def test_text_report_and_plot(entry):
    proc = run("solve", "entry.efg", "--plot", "tree.svg", cwd=entry)
    assert proc.returncode == 0, proc.stderr
    assert "In > Accommodate" in proc.stdout
    svg = (entry / "tree.svg").read_text()
    assert "Accommodate" in svg and "Entrant" in svg


@pytest.mark.parametrize("args, message", [
    (["entry.efg", "--method", "correlated"], "does not solve game trees"),
    (["entry.efg", "--plot", "tree.xyz"], "plot files must end in"),
])
def test_bad_tree_requests_are_one_error_line(entry, args, message):
    proc = run("solve", *args, cwd=entry)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert sorted(p.name for p in entry.iterdir()) == ["entry.efg"]


def test_tree_methods_refused_on_a_normal_form_game(tmp_path):
    proc = run("solve", str(ROOT / "models" / "cfe_alone.toml"), "--method", "spe", cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and "solves game trees" in proc.stderr


# Matching pennies as a tree (Column does not see Row's coin): by hand, value 0 and (1/2, 1/2) for both.
PENNIES = """EFG 2 R "Matching pennies as a tree" { "Row" "Column" }
p "" 1 1 "" { "H" "T" } 0
p "" 2 1 "" { "h" "t" } 0
t "" 1 "" { 1, -1 }
t "" 2 "" { -1, 1 }
p "" 2 1 "" { "h" "t" } 0
t "" 3 "" { -1, 1 }
t "" 4 "" { 1, -1 }
"""


def test_zero_sum_value_by_the_sequence_form_lp(tmp_path):
    (tmp_path / "pennies.efg").write_text(PENNIES)
    proc = run("solve", "pennies.efg", "--method", "sequence-form-lp", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["value"] == "0" and doc["exact"]
    (eq,) = doc["equilibria"]
    assert eq["behavior"] == {"Row": {"1": {"H": "1/2", "T": "1/2"}}, "Column": {"1": {"h": "1/2", "t": "1/2"}}}


def test_sequence_form_lp_refuses_a_tree_that_is_not_zero_sum(entry):
    proc = run("solve", "entry.efg", "--method", "sequence-form-lp", cwd=entry)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and "zero-sum" in proc.stderr
