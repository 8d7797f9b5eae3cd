"""`gametheory bargain` and the bad-input errors of the bargaining API."""

import json
import math
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game
from gametheory.bargaining import BargainingProblem, nash
from gametheory.bargaining.rubinstein import rubinstein, rubinstein_finite
from gametheory.cli import main
from gametheory.errors import InputError

MODEL = str(Path(__file__).resolve().parents[1] / "models" / "cfe_md_bargaining.toml")
PROBLEM = BargainingProblem.from_issues(
    {"MD abandonment": {"Russia": 4, "US": -2}, "CFE compliance": {"Russia": -1, "US": 3}}, players=("Russia", "US"))


def run(capsys, *argv):
    code = main(["bargain", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# expected values: the CFE bargain by hand, re-derived in tests/test_bargaining_cfe.py
CLI_CASES = [
    pytest.param([], {"Russia": "5/2", "US": "5/4"}, id="nash"),
    pytest.param(["--solution", "ks"], {"Russia": "2", "US": "3/2"}, id="ks"),
    pytest.param(["--solution", "egalitarian"], {"Russia": "5/3", "US": "5/3"}, id="egalitarian"),
    pytest.param(["--solution", "utilitarian"], {"Russia": "3", "US": "1"}, id="utilitarian"),
    pytest.param(["--solution", "rubinstein"], {"Russia": "50/19", "US": "45/38"}, id="rubinstein-russia-first"),
    pytest.param(["--solution", "rubinstein", "--first", "US"], {"Russia": "45/19", "US": "25/19"}, id="rubinstein-us-first"),
    pytest.param(["--solution", "rubinstein", "--delta", "0.95,0.8"], {"Russia": "400/131", "US": "110/131"}, id="kink"),
    pytest.param(["--solution", "rubinstein", "--delta", "0.8,0.95"], {"Russia": "25/24", "US": "95/48"}, id="impatient-russia"),
    pytest.param(["--disagreement", "maximin"], {"Russia": "5/2", "US": "5/4"}, id="maximin-is-status-quo"),
    pytest.param(["--disagreement", "threat"], {"Russia": "5/2", "US": "5/4"}, id="threat"),
    pytest.param(["--disagreement", "1,-3", "--free-disposal"], {"Russia": "3", "US": "1"}, id="spoiler-threat"),
    pytest.param(["--param", "v_md=3", "--param", "v_cfe=2"], None, id="partial-swap"),
]


@pytest.mark.parametrize("extra, expected", CLI_CASES)
def test_cli_json(capsys, extra, expected):
    code, out, err = run(capsys, MODEL, "--json", *extra)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["axioms"] == {"pareto_efficient": True, "individually_rational": True}
    if expected is not None:
        assert doc["utilities"] == expected
    else:  # v_cfe = 2, v_md = 3: y = 1 edge is 4x - 1, 2 - 3x; Nash: max (4x-1)(2-3x) -> x = 11/24
        assert doc["agreement"] == {"MD abandonment": "11/24", "CFE compliance": "1"}


def test_cli_text_report_with_linkage(capsys):
    code, out, _ = run(capsys, MODEL)
    assert code == 0
    assert "nash: Russia 5/2, US 5/4" in out
    assert "agreement: MD abandonment = 7/8, CFE compliance = 1" in out
    assert "shares of MD abandonment both accept with CFE compliance = 1: [1/4, 1]" in out
    assert "hull of (0, 0), (1, 2/3), (1, 1), (1/4, 1)" in out
    assert "adding Kosovo: Russia acquiesces to independence: no package is individually rational" in out


def test_cli_plain_game_and_plot(capsys, tmp_path):
    nfg = tmp_path / "pd.nfg"
    # Gambit payoff order: player 1's strategy varies fastest
    nfg.write_text('NFG 1 R "PD" { "Row" "Col" } { 2 2 }\n3 3 4 -1 -1 4 0 0\n')
    png = tmp_path / "pd.png"
    code, out, err = run(capsys, str(nfg), "--disagreement", "nash", "--plot", str(png))
    assert code == 0, err
    # frontier (-1,4)-(3,3)-(4,-1), d = (D, D) = (0, 0).  On u1 + 4 u2 = 15 the product peaks at
    # u1 = 15/2 > 3, on 4 u1 + u2 = 15 at u1 = 15/8 < 3: the Nash point is the kink (3, 3).
    assert "nash: Row 3, Col 3" in out
    assert png.stat().st_size > 1000


def test_rubinstein_convergence_plot(tmp_path):
    from gametheory.bargaining.plot import plot_rubinstein_convergence

    out = tmp_path / "conv.png"
    ax = plot_rubinstein_convergence(PROBLEM, deltas=[0.5, 0.7, 0.9, 0.99], first="Russia", path=out)
    ys = ax.lines[0].get_ydata()
    assert out.stat().st_size > 1000
    assert list(ys) == sorted(ys, reverse=True) and math.isclose(ys[-1], 2.5, abs_tol=0.05)


BAD_CLI = [
    pytest.param(["--solution", "rubinstein", "--delta", "1.2,0.5"], "discount factor must lie strictly between 0 and 1", id="delta>1"),
    pytest.param(["--solution", "rubinstein", "--delta", "0,0.5"], "strictly between 0 and 1", id="delta=0"),
    pytest.param(["--solution", "rubinstein", "--delta", "0.9"], "two discount factors", id="one-delta"),
    pytest.param(["--solution", "rubinstein", "--first", "Serbia"], "unknown first proposer", id="first"),
    pytest.param(["--disagreement", "5,5"], "Pareto-dominates", id="d-dominates"),
    pytest.param(["--disagreement", "1,-3"], "outside the feasible set", id="d-outside"),
    pytest.param(["--disagreement", "3,1"], "Pareto efficient", id="d-efficient"),
    pytest.param(["--disagreement", "somewhere"], "expected status-quo, nash, maximin, threat", id="d-garbage"),
]


@pytest.mark.parametrize("extra, message", BAD_CLI)
def test_cli_bad_input_exits_2(capsys, extra, message):
    code, out, err = run(capsys, MODEL, *extra)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err and err.startswith(f"error: {MODEL}")


BAD_TABLES = [
    pytest.param('deltas = { Russia = 1.5, US = 0.9 }\nsolution = "rubinstein"', "strictly between 0 and 1", id="delta"),
    pytest.param('colour = "red"', "unknown keys ['colour']", id="unknown-key"),
    pytest.param('status_quo = { Russia = "Sulk", US = "Build MD" }', "unknown strategy 'Sulk'", id="status-quo"),
    pytest.param('[[bargaining.issues]]\nname = "X"\nvalues = { Russia = "__import__(1)", US = 1 }', "bargaining.issues[0].values.Russia",
                 id="expression"),
    pytest.param('[[bargaining.issues]]\nname = "X"\nvalues = { Russia = 1 }', "one entry per player", id="missing-player"),
    pytest.param('feasible = "issues"', "no [[bargaining.issues]]", id="no-issues"),
]


@pytest.mark.parametrize("table, message", BAD_TABLES)
def test_cli_bad_bargaining_table(capsys, tmp_path, table, message):
    text = Path(MODEL).read_text()
    head = text[: text.index("[bargaining]")]
    bad = tmp_path / "bad.toml"
    bad.write_text(head + "[bargaining]\n" + table + "\n")
    code, _, err = run(capsys, str(bad))
    assert code == 2 and err.startswith(f"error: {bad}") and err.count("\n") == 1
    assert message in err


def test_api_bad_inputs():
    with pytest.raises(InputError, match="empty"):
        BargainingProblem.from_outcomes({}, (0, 0))
    with pytest.raises(InputError, match="empty"):
        BargainingProblem.from_issues({})
    with pytest.raises(InputError, match="unknown disagreement outcome"):
        BargainingProblem.from_outcomes({"a": (1, 1), "b": (0, 0)}, "c")
    with pytest.raises(InputError, match="outside the feasible set"):
        BargainingProblem.from_outcomes({"a": (1, 1), "b": (0, 0)}, (1, 0))
    with pytest.raises(InputError, match="Pareto-dominates"):
        PROBLEM.with_disagreement((4, 4))
    with pytest.raises(InputError, match="Pareto efficient"):
        BargainingProblem.from_outcomes({"a": (1, 1), "b": (0, 0)}, "a")
    for bad in [(0, F(1, 2)), (F(1, 2), 1), (F(-1, 2), F(1, 2)), (2, 2)]:
        with pytest.raises(InputError, match="strictly between 0 and 1"):
            rubinstein(PROBLEM, deltas=bad)
    with pytest.raises(InputError, match="positive integer"):
        rubinstein_finite(PROBLEM, (F(1, 2), F(1, 2)), 0)
    with pytest.raises(InputError, match="weights must be positive"):
        nash(PROBLEM, weights=(1, 0))
    with pytest.raises(InputError, match="two-player"):
        BargainingProblem.from_game(Game([[[[1, 1, 1]]]]))
    with pytest.raises(InputError, match="must decrease"):
        BargainingProblem.from_frontier(lambda u: u, 0, 1, (0, 0))
    with pytest.raises(InputError, match="different payoffs"):
        BargainingProblem.from_game(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), "nash")


def test_model_without_bargaining_table_uses_the_game(capsys, tmp_path):
    # the game of section 1c: the hull of its four payoff profiles is the same parallelogram, its unique
    # equilibrium (0, 0) is the disagreement point, and the Nash point (5/2, 5/4) = 7/8 (Renew, Abandon)
    # + 1/8 (Renew, Build) since 7/8 (3, 1) + 1/8 (-1, 3) = (5/2, 5/4).
    text = Path(MODEL).read_text()
    plain = tmp_path / "plain.toml"
    plain.write_text(text[: text.index("[bargaining]")])
    code, out, err = run(capsys, str(plain), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["utilities"] == {"Russia": "5/2", "US": "5/4"} and doc["disagreement_source"] == "nash"
    assert doc["agreement"] == {"Renew CFE / Abandon MD": "7/8", "Renew CFE / Build MD": "1/8"}


def test_three_player_game_is_refused(capsys, tmp_path):
    nfg = tmp_path / "three.nfg"
    nfg.write_text('NFG 1 R "three" { "A" "B" "C" } { 1 1 1 }\n1 2 3\n')
    code, out, err = run(capsys, str(nfg))
    assert code == 2 and "two-player" in err and err.startswith(f"error: {nfg}")
