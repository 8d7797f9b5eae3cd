"""Issue 12, item 4 (part): payoffs beyond the float range, or near it, never give a traceback.

Exact games are solved exactly however large their numbers (the float steps
run on payoffs divided exactly by a power of two); ``--float`` on a game that
has no float image is one ``error:`` line; float games with payoffs near
1.8e308 do not overflow.  Expected equilibria are worked out by hand in each test.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from gametheory import Game, solve
from gametheory.solvers.dominance import iterated_elimination
from gametheory.solvers.security import security_levels

E = 10**400

# Row's B = (E - 1, E - 1) is strictly dominated by 1/2 T + 1/2 M (which earns (E, E)); without it the game is a
# coordination game: (T, L), (M, R) and both mixing 1/2-1/2 (each player's indifference condition).
# E - 1 is written out: a 400-digit literal, the longest the loader accepts.
TOML = f"""title = "huge"
[[players]]
name = "Row"
strategies = ["T", "M", "B"]
[[players]]
name = "Col"
strategies = ["L", "R"]
[[payoffs]]
profile = ["T", "L"]
values = ["2*10**400", "1"]
[[payoffs]]
profile = ["T", "R"]
values = [0, 0]
[[payoffs]]
profile = ["M", "L"]
values = [0, 0]
[[payoffs]]
profile = ["M", "R"]
values = ["2*10**400", "1"]
[[payoffs]]
profile = ["B", "L"]
values = ["{E - 1}", 0]
[[payoffs]]
profile = ["B", "R"]
values = ["10**400 - 1", 0]
"""

# A = [[1e309, 0], [0, 1]], B = [[1, 0], [0, 1]] (Gambit order: player 1's strategy varies fastest).
# Equilibria: (1, 1), (2, 2), and x = (1/2, 1/2), y = (1, 10**309) / (10**309 + 1) from 10**309 y_1 = y_2.
NFG = 'NFG 1 R "big" { "P1" "P2" } { 2 2 }\n1e309 1 0 0 0 0 1 1\n'


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return subprocess.run([sys.executable, "-m", "gametheory.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=_limit)


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "big.toml").write_text(TOML)
    (tmp_path / "big.nfg").write_text(NFG)
    return tmp_path


def _profiles(out: str) -> list[dict]:
    doc = json.loads(out)
    return sorted((eq["profile"] for eq in doc["equilibria"]), key=json.dumps)


def _nonzero(profile: dict) -> dict:
    return {p: {s: q for s, q in d.items() if q != "0"} for p, d in profile.items()}


@pytest.mark.parametrize("method", ["auto", "support", "enumerate"])
def test_solve_exact_beyond_float_range(files, method):
    res = run("solve", "big.toml", "--json", "--method", method, cwd=files)
    assert res.returncode == 0, res.stderr
    got = [_nonzero(p) for p in _profiles(res.stdout)]
    want = [
        {"Row": {"T": "1"}, "Col": {"L": "1"}},
        {"Row": {"M": "1"}, "Col": {"R": "1"}},
        {"Row": {"T": "1/2", "M": "1/2"}, "Col": {"L": "1/2", "R": "1/2"}},
    ]
    assert sorted(got, key=json.dumps) == sorted(want, key=json.dumps)


def test_nfg_1e309_solved_exactly(files):
    res = run("solve", "big.nfg", "--json", cwd=files)
    assert res.returncode == 0, res.stderr
    big = 10**309
    mixed = {"P1": {"1": "1/2", "2": "1/2"}, "P2": {"1": str(Fraction(1, big + 1)), "2": str(Fraction(big, big + 1))}}
    assert mixed in _profiles(res.stdout)
    assert len(_profiles(res.stdout)) == 3


@pytest.mark.parametrize("name", ["big.toml", "big.nfg"])
@pytest.mark.parametrize("command", [["info"], ["bargain"], ["solve", "--method", "lemke-howson"],
                                     ["solve", "--method", "pure"], ["solve", "--method", "zero-sum"]])
def test_no_traceback(files, name, command):
    res = run(*command, name, cwd=files)
    assert "Traceback" not in res.stderr
    assert res.returncode in (0, 2)
    if res.returncode == 2:
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ")


def test_info_shows_the_exact_dominance(files):
    res = run("info", "big.toml", cwd=files)
    assert res.returncode == 0, res.stderr
    assert "removes 'B' (strictly dominated by 1/2*T + 1/2*M)" in res.stdout


@pytest.mark.parametrize("name", ["big.toml", "big.nfg"])
@pytest.mark.parametrize("command", [["solve"], ["info"], ["bargain"]])
def test_float_flag_is_one_error_line(files, name, command):
    res = run(*command, name, "--float", cwd=files)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "float" in lines[0]


def test_api_dominance_and_security_beyond_float_range():
    g = Game.from_bimatrix([[2 * E, 0], [0, 2 * E], [E - 1, E - 1]], [[1, 0], [0, 1], [0, 0]])
    assert [e.removed for e in iterated_elimination(g).trace] == ["3"]
    lv = security_levels(g)["Player 1"]
    # maximin: 1/2-1/2 on rows 1, 2 secures E; row 3 secures E - 1; no mixture secures more than E (column mix 1/2)
    assert lv.certified and lv.mixed_value == E


def test_zero_sum_beyond_float_range():
    g = Game.zero_sum([[3 * E, -E], [-E, E]])
    res = solve(g, method="zero-sum")
    # value of [[3, -1], [-1, 1]] is (3 - 1) / (3 + 1 + 1 + 1) = 1/3, times E; x = y = (1/3, 2/3)
    assert res.exact and res.extra["value"] == str(Fraction(E, 3))
    assert [str(q) for q in res[0].profile.vectors[0]] == ["1/3", "2/3"]


@pytest.mark.parametrize("method", ["enumerate", "support", "lemke-howson"])
def test_exact_3x3_beyond_float_range(method):
    # the 3x3 coordination game with payoff E on the diagonal (0 off it): 7 equilibria, uniform on each
    # nonempty common support (enumerate's float path for min(m, n) >= 3 sees these integers first)
    A = [[E if i == j else 0 for j in range(3)] for i in range(3)]
    res = solve(Game.from_bimatrix(A, A), method=method)
    assert res.exact
    for eq in res:
        x, y = eq.profile.vectors
        k = sum(1 for q in x if q)
        assert list(x) == list(y) and all(q in (0, Fraction(1, k)) for q in x)
    if method != "lemke-howson":
        assert len(res) == 7


BIG = 1.7e308


@pytest.mark.parametrize("method", ["support", "enumerate", "lemke-howson", "pure"])
def test_float_payoffs_near_the_largest_float(method):
    # a 3x3 coordination game (payoffs BIG on the diagonal, -BIG off it): 7 equilibria, one per nonempty
    # common support, uniform on it; pure finds the 3 pure ones
    A = np.where(np.eye(3) > 0, BIG, -BIG)
    res = solve(Game.from_bimatrix(A, A), method=method)
    assert len(res) >= 1
    for eq in res:
        x, y = (np.asarray(v) for v in eq.profile.vectors)
        assert np.allclose(x, y) and np.allclose(x[x > 1e-9], 1 / np.count_nonzero(x > 1e-9))
    if method in ("support", "enumerate"):
        assert len(res) == 7
    if method == "pure":
        assert len(res) == 3


def test_float_zero_sum_near_the_largest_float():
    res = solve(Game.zero_sum([[BIG, -BIG], [-BIG, BIG]]), method="zero-sum")
    assert np.allclose(res[0].profile.vectors[0], [0.5, 0.5]) and abs(res.extra["value"]) <= 1e-9 * BIG


# Row's payoffs 10**309 on the diagonal, Column's 1 off it: Column must make Row indifferent (1/2, 1/2) and
# Row must make Column indifferent (1/2, 1/2); the game has no pure equilibrium, so that is the only one.
PENNIES_1E309 = 'NFG 1 R "big" { "A" "B" } { 2 2 }\n1e309 0 0 1 0 1 1e309 0\n'


@pytest.mark.parametrize("method", ["gnm", "logit", "enumpoly", "correlated"])
def test_one_equilibrium_methods_beyond_float_range(tmp_path, method):
    (tmp_path / "p.nfg").write_text(PENNIES_1E309)
    res = run("solve", "p.nfg", "--json", "--method", method, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["exact"] is True
    if method == "correlated":
        # the product of the two (1/2, 1/2) mixes is the only correlated equilibrium of a game like pennies
        assert sorted(d["probability"] for d in doc["distribution"]) == ["1/4"] * 4
    else:
        half = {"1": "1/2", "2": "1/2"}
        assert [e["profile"] for e in doc["equilibria"]] == [{"A": half, "B": half}]
