"""The hostile-input suite, item by item of issue 12: each finding has at least one case here.

Every run goes through :func:`hostile.runner.run_in` (a subprocess under a memory limit and a
timeout, the directory snapshotted around it) and meets the contract of :mod:`hostile`; a case then
asserts what the issue requires.  Expected values come from the issue or a hand calculation, checked
independently (:mod:`hostile.verify`, scipy's LP), never from this program's output.
"""

from __future__ import annotations

import os
import random
import shutil
import stat
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hostile.inputs import MODELS, bimatrix_model, bimatrix_nfg, nfg_text
from hostile.runner import ROOT, assert_contract, run_api, run_cli, run_in, snapshot
from hostile.verify import ce_violations, check_solve_doc, frac, profile_from_json, regrets

MODEL = {p.name: p for p in MODELS}
MD_ALONE = MODEL["md_alone.toml"]  # 1x2, parameters v_nomd in [2, 6] (4), v_md in [1/2, 5] (2), assumption v_md > 0
BARGAIN = MODEL["cfe_md_bargaining.toml"]  # [bargaining] with issues, Nash (5/2, 5/4)
THREE = MODEL["serbia_border_reinforcement_3p.toml"]  # three players, 2x2x2


def _copy(src: Path, tmp: Path) -> Path:
    dst = tmp / src.name
    shutil.copyfile(src, dst)
    return dst


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def _equilibria_are_nash(doc: dict, payoffs: dict, dims: tuple[int, ...], rel_tol: Fraction = Fraction(0)) -> None:
    """Every listed equilibrium has regret <= rel_tol * max|u| for every player (exact when rel_tol is 0)."""
    players = doc["game"]["players"]
    strategies = doc["game"]["strategies"]
    scale = max((abs(Fraction(v)) for vals in payoffs.values() for v in vals), default=Fraction(1))
    for eq in doc["equilibria"]:
        sigma = profile_from_json(eq["profile"], players, strategies)
        for r in regrets(payoffs, dims, sigma):
            assert r <= rel_tol * max(scale, 1), f"not an equilibrium (regret {float(r):.3g}): {eq['profile']}"


def _as_fractions(payoffs: dict) -> dict:
    return {k: tuple(Fraction(str(v)) if not isinstance(v, int) else Fraction(v) for v in vals)
            for k, vals in payoffs.items()}


# ============================================================================ 1. enumpoly: never 0 equilibria "complete"


B20 = 10**20
# P1 wants to match (10**20 on (1, 1), 1 on (2, 2)), P2 to mismatch, P3 has one strategy: no pure equilibrium;
# the unique one has P1 at (1/2, 1/2) (P2 indifferent) and P2 at (1/(B+1), B/(B+1)) (P1 indifferent: B q = 1 - q)
MIXED_1E20 = {(0, 0, 0): (B20, 0, 0), (0, 1, 0): (0, 1, 0), (1, 0, 0): (0, 1, 0), (1, 1, 0): (1, 0, 0)}
OTHER_1E20 = {(0, 0, 0): (B20, 1, 0), (1, 0, 0): (0, 0, 1), (0, 1, 0): (0, 2, 0), (1, 1, 0): (1, 0, 0)}


@pytest.mark.parametrize("method", ["auto", "enumpoly"])
@pytest.mark.parametrize("pay", [MIXED_1E20, OTHER_1E20], ids=["mixed-only", "pure"])
def test_item1_enumpoly_3p_payoff_1e20(tmp_path, pay, method):
    """A 2x2x1 game with one payoff of 10**20: at least one equilibrium, or complete = false; each one verified."""
    _write(tmp_path, "g.nfg", nfg_text(pay, (2, 2, 1)))
    _, doc = run_in(tmp_path, "solve", "g.nfg", "--method", method, "--json", expect="ok")
    check_solve_doc(doc)
    assert doc["equilibria"] or doc["complete"] is False, "0 equilibria reported as complete"
    _equilibria_are_nash(doc, _as_fractions(pay), (2, 2, 1), Fraction(0) if doc["exact"] else Fraction(1, 10**6))
    if pay is MIXED_1E20 and doc["complete"]:
        assert len(doc["equilibria"]) == 1
        p2 = doc["equilibria"][0]["profile"]["P2"]
        assert abs(frac(p2["2"]) - Fraction(B20, B20 + 1)) <= Fraction(1, 10**9)


@pytest.mark.parametrize("scale", [10**20, 10**60])
def test_item1_enumpoly_2p_scaled_matching_pennies(tmp_path, scale):
    """Matching pennies times 1e20 / 1e60 under --method enumpoly: exactly the one equilibrium (1/2, 1/2)."""
    A = [[scale, -scale], [-scale, scale]]
    B = [[-scale, scale], [scale, -scale]]
    _write(tmp_path, "mp.nfg", bimatrix_nfg(A, B))
    _, doc = run_in(tmp_path, "solve", "mp.nfg", "--method", "enumpoly", "--json", expect="ok")
    check_solve_doc(doc)
    assert len(doc["equilibria"]) == 1, doc["equilibria"]
    for probs in doc["equilibria"][0]["profile"].values():
        for x in probs.values():
            assert abs(frac(x) - Fraction(1, 2)) <= Fraction(1, 10**6)


def test_item1_enumpoly_2p_scaled_prisoners_dilemma(tmp_path):
    """A prisoners' dilemma times 1e60 (D strictly dominant): exactly one equilibrium, (D, D)."""
    s = 10**60
    A = [[3 * s, 0], [5 * s, 1 * s]]
    B = [[3 * s, 5 * s], [0, 1 * s]]
    _write(tmp_path, "pd.nfg", bimatrix_nfg(A, B))
    _, doc = run_in(tmp_path, "solve", "pd.nfg", "--method", "enumpoly", "--json", expect="ok")
    check_solve_doc(doc)
    assert len(doc["equilibria"]) == 1
    for probs in doc["equilibria"][0]["profile"].values():
        assert abs(frac(probs["2"]) - 1) <= Fraction(1, 10**6)


def test_item1_api_enumpoly_never_empty_complete():
    """The API: solve(Game(...), method='enumpoly') on the 1e20 game is never an empty complete list."""
    run = run_api(
        "from gametheory import Game, solve\n"
        "b = 10**20\n"
        "g = Game([[[[b, 0, 0]], [[0, 1, 0]]], [[[0, 1, 0]], [[1, 0, 0]]]])\n"
        "r = solve(g, method='enumpoly')\n"
        "print(len(r.equilibria), r.complete)\n"
    )
    assert_contract(run, expect="ok")
    count, complete = run.stdout.split()
    assert int(count) >= 1 or complete == "False", run.describe()


# ============================================================================ 2. tolerances scale down with the payoffs


def _mp_tiny_nfg() -> str:
    e = "1e-12"
    m = "-1e-12"
    return bimatrix_nfg([[e, m], [m, e]], [[m, e], [e, m]])


@pytest.mark.parametrize("method", ["support", "enumerate", "auto"])
def test_item2_tiny_matching_pennies_one_equilibrium(tmp_path, method):
    """Matching pennies with payoffs +-1e-12 (floats): exactly one equilibrium, (1/2, 1/2)."""
    _write(tmp_path, "mp.nfg", _mp_tiny_nfg())
    _, doc = run_in(tmp_path, "solve", "mp.nfg", "--float", "--method", method, "--json", expect="ok")
    check_solve_doc(doc)
    assert len(doc["equilibria"]) == 1, f"{len(doc['equilibria'])} equilibria, expected 1"
    for probs in doc["equilibria"][0]["profile"].values():
        for x in probs.values():
            assert abs(frac(x) - Fraction(1, 2)) <= Fraction(1, 10**6)


def test_item2_tiny_matching_pennies_no_pure_equilibrium(tmp_path):
    """Matching pennies +-1e-12 has no pure equilibrium: `pure` lists none."""
    _write(tmp_path, "mp.nfg", _mp_tiny_nfg())
    _, doc = run_in(tmp_path, "solve", "mp.nfg", "--float", "--method", "pure", "--json", expect="ok")
    assert doc["equilibria"] == [], f"{len(doc['equilibria'])} 'pure equilibria' of matching pennies"


def test_item2_api_tiny_float_game():
    """The API on a float game +-1e-12: support enumeration finds exactly one equilibrium."""
    run = run_api(
        "import numpy as np\n"
        "from gametheory import Game, solve\n"
        "A = np.array([[1.0, -1.0], [-1.0, 1.0]]) * 1e-12\n"
        "g = Game(np.stack([A, -A], axis=-1))\n"
        "print(len(solve(g, method='support').equilibria), len(solve(g, method='pure').equilibria))\n"
    )
    assert_contract(run, expect="ok")
    assert run.stdout.split() == ["1", "0"], run.describe()


# ============================================================================ 3. tiny inputs, huge work: refused up front


@pytest.mark.parametrize("count", ["1000000000000", "999999999999"], ids=["1e12", "1e12-1"])
@pytest.mark.parametrize("command", [["solve", "--json"], ["info"], ["convert", "--to", "toml"]],
                         ids=["solve", "info", "convert"])
def test_item3_nfg_declaring_10_12_strategies(tmp_path, count, command):
    """An .nfg header declaring about 10**12 strategies with four payoffs after it: one error naming the file."""
    _write(tmp_path, "huge.nfg", f'NFG 1 R "x" {{ "A" "B" }} {{ {count} 2 }}\n\n1 2 3 4\n')
    run_in(tmp_path, command[0], "huge.nfg", *command[1:], expect="error", fault="huge.nfg")


@pytest.mark.slow
def test_item3_nfg_100mb_of_tokens(tmp_path):
    """A 100 MB .nfg (2x2 header, 50 million payoffs): refused without keeping every token."""
    p = tmp_path / "big.nfg"
    with p.open("w") as f:
        f.write('NFG 1 R "x" { "A" "B" } { 2 2 }\n\n')
        chunk = "0 " * (1 << 20)
        for _ in range(50):
            f.write(chunk)
    run_in(tmp_path, "info", "big.nfg", expect="error", fault="big.nfg")


HUGE_EXP = "1e999999999"


@pytest.mark.parametrize(
    "args",
    [
        ["solve", str(MD_ALONE), "--param", f"v_md={HUGE_EXP}"],
        ["info", str(MD_ALONE), "--param", f"v_nomd=-{HUGE_EXP}"],
        ["sweep", str(MD_ALONE), "--vary", f"v_md=0:{HUGE_EXP}:3"],
        ["regions", str(MD_ALONE), "--vary", f"v_md=0:{HUGE_EXP}"],
        ["bargain", str(BARGAIN), "--solution", "rubinstein", "--delta", f"{HUGE_EXP},0.9"],
        ["bargain", str(BARGAIN), "--solution", "rubinstein", "--delta", "0.9,1e-999999999"],
    ],
    ids=["solve-param", "info-param", "sweep-vary", "regions-vary", "bargain-delta", "bargain-delta-tiny"],
)
def test_item3_huge_exponent_on_the_command_line(tmp_path, args):
    """1e999999999 in --param, --vary, --delta: one error line, without building 10**999999999."""
    run_in(tmp_path, *args, expect="error")


def test_item3_huge_exponent_as_toml_default(tmp_path):
    """A parameter whose default is 1e999999999 in the model file: an error naming the file."""
    text = bimatrix_model([["g", 0], [0, 1]], [[1, 0], [0, 1]],
                          parameters={"g": {"default": HUGE_EXP, "range": [0, 1], "meaning": "m"}})
    _write(tmp_path, "m.toml", text)
    run_in(tmp_path, "solve", "m.toml", expect="error", fault="m.toml")


def test_item3_huge_exponent_in_game_constructor():
    """Game([...]) with the entry '1e999999999': an InputError (exit 2 in the wrapper), not 10**999999999."""
    run = run_api("from gametheory import Game\nGame([[['1e999999999', '0'], ['0', '0']], [['0', '0'], ['0', '0']]])\n")
    assert_contract(run, expect="error")


def test_item3_tower_of_powers(tmp_path):
    """g**g**g with g = 9 as a payoff: refused (9**387420489 is not computed)."""
    text = bimatrix_model([["g**g**g", 0], [0, 1]], [[1, 0], [0, 1]],
                          parameters={"g": {"default": 9, "range": [0, 10], "meaning": "m"}})
    _write(tmp_path, "pow.toml", text)
    run_in(tmp_path, "solve", "pow.toml", expect="error", fault="pow.toml")


def test_item3_power_of_huge_parameter(tmp_path):
    """2**h with --param h=1e400: refused."""
    text = bimatrix_model([["2**h", 0], [0, 1]], [[1, 0], [0, 1]],
                          parameters={"h": {"default": 1, "range": [0, 10], "meaning": "m"}})
    _write(tmp_path, "pow.toml", text)
    run_in(tmp_path, "solve", "pow.toml", "--param", "h=1e400", expect="error")


def _special(tmp: Path, kind: str, name: str) -> Path:
    p = tmp / name
    if kind == "fifo":
        os.mkfifo(p)
    else:
        os.symlink(f"/dev/{kind}", p)
    return p


@pytest.mark.parametrize("kind", ["zero", "urandom", "fifo"])
def test_item3_check_special_file(tmp_path, kind):
    """check on a .toml that is a symlink to /dev/zero or /dev/urandom, or a FIFO: one error naming it."""
    _special(tmp_path, kind, "m.toml")
    run_in(tmp_path, "check", "m.toml", expect="error", fault="m.toml")


@pytest.mark.parametrize("kind", ["zero", "urandom", "fifo"])
def test_item3_check_directory_with_special_file(tmp_path, kind):
    """check on a directory holding a valid model and a special .toml: one error naming the special file."""
    d = tmp_path / "models"
    d.mkdir()
    _copy(MD_ALONE, d)
    _special(d, kind, "z.toml")
    run_in(tmp_path, "check", "models", expect="error", fault="models/z.toml")


@pytest.mark.parametrize("kind", ["zero", "urandom", "fifo"])
def test_item3_models_readme_special_file(tmp_path, kind):
    """models-readme on a directory with a special .toml: one error naming it, no output written."""
    d = tmp_path / "models"
    d.mkdir()
    _copy(MD_ALONE, d)
    _special(d, kind, "z.toml")
    run_in(tmp_path, "models-readme", "models", "-o", "README.md", expect="error", fault="models/z.toml")


@pytest.mark.parametrize("kind", ["zero", "fifo"])
def test_item3_solve_special_file(tmp_path, kind):
    """solve on an .nfg that is a symlink to /dev/zero or a FIFO: one error naming it."""
    _special(tmp_path, kind, "g.nfg")
    run_in(tmp_path, "solve", "g.nfg", expect="error", fault="g.nfg")


def _linkage_model(n_issues: int) -> str:
    # the hull of (4, 0), (0, 0), (0, 4) with d = (0, 0): the Nash solution maximises x*y on x + y <= 4, i.e. (2, 2)
    issues = "".join(
        f'\n[[bargaining.issues]]\nname = "issue {k}"\nvalues = {{ Row = {k % 3 - 1}, Col = {1 - k % 2} }}\n'
        for k in range(n_issues)
    )
    extra = '[bargaining]\nfeasible = "game"\ndisagreement = [0, 0]\nsolution = "nash"\n' + issues
    return bimatrix_model([[4, 0], [0, 0]], [[0, 0], [0, 4]], extra=extra)


def test_item3_linkage_30_issues_feasible_game(tmp_path):
    """feasible = "game" with 30 issues: refused up front, or answered in time with the Nash point (2, 2)."""
    _write(tmp_path, "link.toml", _linkage_model(30))
    run, doc = run_in(tmp_path, "bargain", "link.toml", "--json")
    if run.returncode == 0:
        assert {k: frac(v) for k, v in doc["utilities"].items()} == {"Row": 2, "Col": 2}
    # the text report adds the issue-linkage analysis (packages at the corners of the share cube)
    run_in(tmp_path, "bargain", "link.toml")


def _outcome_nfg(n_players: int, n_strats: int, seed: int = 0) -> str:
    """An outcome-format .nfg with two outcomes and a pseudo-random one per profile (small file, huge game)."""
    rng = random.Random(seed)
    players = " ".join(f'"P{i}"' for i in range(n_players))
    head = f'NFG 1 R "big" {{ {players} }}\n\n{{ ' + " ".join(
        "{ " + " ".join(f'"s{j}"' for j in range(n_strats)) + " }" for _ in range(n_players)) + " }\n\"\"\n\n"
    o1 = ", ".join("1" if i % 2 else "0" for i in range(n_players))
    o2 = ", ".join("0" if i % 2 else "2" for i in range(n_players))
    outcomes = f'{{\n{{ "" {o1} }}\n{{ "" {o2} }}\n}}\n'
    idx = " ".join(rng.choice("12") for _ in range(n_strats**n_players))
    return head + outcomes + idx + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("cmd", [["solve", "--method", "gnm", "--json"], ["solve", "--method", "logit", "--json"],
                                 ["info"]], ids=["gnm", "logit", "info"])
def test_item3_twelve_players_three_strategies(tmp_path, cmd):
    """12 players x 3 strategies (531441 profiles): refused with an estimate, or answered in time."""
    _write(tmp_path, "big.nfg", _outcome_nfg(12, 3))
    run, doc = run_in(tmp_path, cmd[0], "big.nfg", *cmd[1:])
    if doc is not None:
        check_solve_doc(doc)


@pytest.mark.parametrize("draws", ["1e12", "1000000000000"])
def test_item3_robust_draws_1e12(tmp_path, draws):
    """robust --draws 1e12: refused up front (a cost estimate), never started."""
    run_in(tmp_path, "robust", str(MD_ALONE), "--draws", draws, "--json", expect="error")


@pytest.mark.parametrize("n", [2000, 100000])
def test_item3_regions_huge_grid(tmp_path, n):
    """regions on an n x n grid (4 GB at 2000, 74.5 GiB at 100000): refused, or answered within the limits."""
    run_in(tmp_path, "regions", str(MD_ALONE), "--vary", f"v_md=0:5:{n}", "--vary", f"v_nomd=2:6:{n}", "--json")


# ============================================================================ 4. one error line, never a traceback

# a coordination game (A, B) = ([[BIG, 0], [0, 1]], [[1, 0], [0, BIG]]): pure equilibria (r1, c1), (r2, c2) and one mixed
BIGS = {"1e309": 10**309, "10**400": 10**400, "400 digits": int("7" * 400)}


@pytest.mark.parametrize("big", list(BIGS), ids=["1e309", "10pow400", "400digits"])
def test_item4_exact_payoff_beyond_float_model(tmp_path, big):
    """Exact payoffs above the largest float in a model: solve verified exactly; info, info --float, bargain ok or error."""
    token = big if big != "400 digits" else str(BIGS[big])
    _write(tmp_path, "m.toml", bimatrix_model([[token, 0], [0, 1]], [[1, 0], [0, token]]))
    run, doc = run_in(tmp_path, "solve", "m.toml", "--json")
    if doc is not None:
        check_solve_doc(doc)
        v = BIGS[big]
        pay = {(0, 0): (v, 1), (0, 1): (0, 0), (1, 0): (0, 0), (1, 1): (1, v)}
        _equilibria_are_nash(doc, _as_fractions(pay), (2, 2))
        assert len(doc["equilibria"]) == 3 or doc["complete"] is False
    for cmd in (["info"], ["info", "--float"], ["bargain", "--json"]):
        run_in(tmp_path, cmd[0], "m.toml", *cmd[1:])


@pytest.mark.parametrize("cmd", [["solve", "--json"], ["info"], ["info", "--float"], ["bargain", "--json"]])
def test_item4_exact_payoff_1e309_nfg(tmp_path, cmd):
    """An .nfg with the payoff 1e309: exit 0 with a verified answer, or one error line."""
    _write(tmp_path, "g.nfg", bimatrix_nfg([["1e309", 0], [0, 1]], [[1, 0], [0, "1e309"]]))
    run, doc = run_in(tmp_path, cmd[0], "g.nfg", *cmd[1:])
    if doc is not None and cmd[0] == "solve":
        check_solve_doc(doc)
        v = 10**309
        _equilibria_are_nash(doc, _as_fractions({(0, 0): (v, 1), (0, 1): (0, 0), (1, 0): (0, 0), (1, 1): (1, v)}),
                             (2, 2))


@pytest.mark.parametrize("cmd", [["solve", "--json"], ["info"]])
def test_item4_sixty_five_players(tmp_path, cmd):
    """65 players with one strategy each: the one profile is the equilibrium, or one error line."""
    pay = {(0,) * 65: tuple(range(65))}
    _write(tmp_path, "g.nfg", nfg_text(pay, (1,) * 65))
    run, doc = run_in(tmp_path, cmd[0], "g.nfg", *cmd[1:])
    if doc is not None:
        check_solve_doc(doc)
        assert len(doc["equilibria"]) == 1


def test_item4_sixty_five_players_api():
    """Game(...) with 65 players (nested lists, 65 + 1 levels): a game or an InputError."""
    run = run_api(
        "from gametheory import Game, solve\n"
        "x = list(range(65))\n"
        "for _ in range(65):\n"
        "    x = [x]\n"
        "g = Game(x)\n"
        "print(len(solve(g).equilibria))\n"
    )
    assert_contract(run)
    if run.returncode == 0:
        assert run.stdout.split() == ["1"]


FIVE_K = "9" * 5000


@pytest.mark.parametrize("where", ["nfg", "model", "param"])
def test_item4_five_thousand_digits(tmp_path, where):
    """A 5000-digit number (beyond Python's int-string limit): a verified answer or one error line."""
    # the limit guards this test process too: lift it here to read the number and check the answer exactly
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        _five_thousand_digits(tmp_path, where)
    finally:
        sys.set_int_max_str_digits(limit)


def _five_thousand_digits(tmp_path, where):
    v = int(FIVE_K)
    pay = _as_fractions({(0, 0): (v, 1), (0, 1): (0, 0), (1, 0): (0, 0), (1, 1): (1, 1)})
    if where == "nfg":
        _write(tmp_path, "g.nfg", bimatrix_nfg([[FIVE_K, 0], [0, 1]], [[1, 0], [0, 1]]))
        args = ["solve", "g.nfg", "--json"]
    elif where == "model":
        _write(tmp_path, "g.toml", bimatrix_model([[FIVE_K, 0], [0, 1]], [[1, 0], [0, 1]]))
        args = ["solve", "g.toml", "--json"]
    else:
        text = bimatrix_model([["g", 0], [0, 1]], [[1, 0], [0, 1]],
                              parameters={"g": {"default": 1, "range": [0, 10], "meaning": "m"}})
        _write(tmp_path, "g.toml", text)
        args = ["solve", "g.toml", "--param", f"g={FIVE_K}", "--json"]
    run, doc = run_in(tmp_path, *args)
    if doc is not None:
        check_solve_doc(doc)
        _equilibria_are_nash(doc, pay, (2, 2))


def test_item4_disagreement_5(tmp_path):
    """[bargaining] disagreement = 5 (a number, not a name or a pair): one error naming the file."""
    text = BARGAIN.read_text(encoding="utf-8").replace('disagreement = "status-quo"', "disagreement = 5")
    assert "disagreement = 5" in text
    _write(tmp_path, "b.toml", text)
    run_in(tmp_path, "bargain", "b.toml", "--json", expect="error", fault="b.toml")


PLOTTERS = {
    "regions": ["regions", str(MD_ALONE), "--vary", "v_md"],
    "robust": ["robust", str(MD_ALONE), "--draws", "20"],
    "bargain": ["bargain", str(BARGAIN)],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(PLOTTERS))
@pytest.mark.parametrize("target", ["bad.xyz", "missing/dir/out.png"], ids=["bad-extension", "missing-folder"])
def test_item4_plot_bad_target(tmp_path, command, target):
    """--plot bad.xyz or --plot into a missing folder: one error line, no file created."""
    run_in(tmp_path, *PLOTTERS[command], "--plot", target, expect="error")
    assert not (tmp_path / "bad.xyz").exists()
    assert not (tmp_path / "missing").exists()


@pytest.mark.slow
def test_item4_unreachable_scheduler(tmp_path):
    """robust --scheduler at an address nobody listens on: one error line, in time."""
    run_in(tmp_path, "robust", str(MD_ALONE), "--draws", "20", "--scheduler", "tcp://127.0.0.1:9", expect="error")


@pytest.mark.slow
def test_item4_ctrl_c(tmp_path):
    """Ctrl-C (SIGINT) during a long robust run: it stops promptly with at most one line, no traceback."""
    run = run_cli("robust", str(MD_ALONE), "--draws", "400000000", cwd=tmp_path, interrupt_after=4.0, timeout=20)
    assert not run.timed_out, f"did not stop after SIGINT{run.describe()}"
    assert "Traceback" not in run.stderr, f"a traceback on Ctrl-C{run.describe()}"
    assert len(run.stderr.splitlines()) <= 1, f"more than one line on Ctrl-C{run.describe()}"
    if run.stderr:
        assert run.stderr.startswith("error: "), run.describe()


NEAR_MAX = "1.7e308"


@pytest.mark.parametrize("method", ["support", "gnm", "correlated", "enumerate", "lemke-howson"])
def test_item4_float_payoffs_near_max(tmp_path, method):
    """A float game with payoffs near 1.7e308: a verified answer or one error line."""
    A = [[NEAR_MAX, "0"], ["0", NEAR_MAX]]
    B = [["-" + NEAR_MAX, "0"], ["0", "-" + NEAR_MAX]]
    _write(tmp_path, "g.nfg", bimatrix_nfg(A, B))
    run, doc = run_in(tmp_path, "solve", "g.nfg", "--float", "--method", method, "--json")
    if doc is not None and "equilibria" in doc:
        check_solve_doc(doc)
        v = Fraction(1.7e308)
        pay = {(0, 0): (v, -v), (0, 1): (0, 0), (1, 0): (0, 0), (1, 1): (v, -v)}
        _equilibria_are_nash(doc, pay, (2, 2), Fraction(1, 10**6))
    elif doc is not None:
        total = sum(frac(c["probability"]) for c in doc["distribution"])
        assert abs(total - 1) <= Fraction(1, 10**6)


@pytest.mark.parametrize("code", ["solve('x')", "solve(None)", "load_model(None)", "load_model(42)", "read_nfg(None)"])
def test_item4_api_wrong_types(code):
    """The API called with a wrong type: an InputError (one of ours), not AttributeError/TypeError."""
    run = run_api(f"from gametheory import solve, load_model, read_nfg\n{code}\n")
    assert_contract(run, expect="error")


# ============================================================================ 5. writing files (-o)


def _readme_args(tmp: Path, out: str) -> list[str]:
    d = tmp / "models"
    if not d.exists():
        d.mkdir()
        _copy(MD_ALONE, d)
    return ["models-readme", "models", "-o", out]


def _convert_args(tmp: Path, out: str) -> list[str]:
    return ["convert", str(MD_ALONE), "--to", "nfg", "-o", out]


WRITERS = {"convert": _convert_args, "models-readme": _readme_args}


def _fresh_text(tmp: Path, writer: str) -> bytes:
    """What the command writes to a new regular file (the reference for the other targets)."""
    run_in(tmp, *WRITERS[writer](tmp, "fresh.out"), expect="ok")
    data = (tmp / "fresh.out").read_bytes()
    (tmp / "fresh.out").unlink()
    return data


@pytest.mark.parametrize("writer", list(WRITERS))
def test_item5_new_file_follows_umask(tmp_path, writer):
    """-o to a new file: the mode follows the umask (0o666 & ~0o022 = 0o644), not 0600."""
    run_in(tmp_path, *WRITERS[writer](tmp_path, "new.out"), expect="ok")
    assert stat.S_IMODE(os.stat(tmp_path / "new.out").st_mode) == 0o644


@pytest.mark.parametrize("writer", list(WRITERS))
def test_item5_read_only_file_keeps_mode(tmp_path, writer):
    """-o to an existing 0444 file: written with its mode kept, or refused with the file untouched."""
    want = _fresh_text(tmp_path, writer)
    out = tmp_path / "ro.out"
    out.write_bytes(b"old\n")
    out.chmod(0o444)
    run, _ = run_in(tmp_path, *WRITERS[writer](tmp_path, "ro.out"))
    if run.returncode == 0:
        assert out.read_bytes() == want
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o444, oct(stat.S_IMODE(os.stat(out).st_mode))


@pytest.mark.parametrize("writer", list(WRITERS))
def test_item5_symlink_target(tmp_path, writer):
    """-o to a symlink: the link is kept and its target written, or the run is refused with nothing changed."""
    want = _fresh_text(tmp_path, writer)
    (tmp_path / "target.out").write_bytes(b"old\n")
    os.symlink("target.out", tmp_path / "link.out")
    run, _ = run_in(tmp_path, *WRITERS[writer](tmp_path, "link.out"))
    if run.returncode == 0:
        assert os.path.islink(tmp_path / "link.out"), "the symlink was replaced by a regular file"
        assert (tmp_path / "target.out").read_bytes() == want


@pytest.mark.parametrize("writer", list(WRITERS))
def test_item5_fifo_target(tmp_path, writer):
    """-o to a FIFO (not a regular file): refused, the FIFO kept."""
    os.mkfifo(tmp_path / "pipe.out")
    run_in(tmp_path, *WRITERS[writer](tmp_path, "pipe.out"), expect="error")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.out").st_mode)


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("device", [(1, 7), (1, 3)], ids=["full", "null"])
def test_item5_device_target(tmp_path, writer, device):
    """-o to a character device like /dev/full or /dev/null (made here with mknod): refused, the device kept."""
    dev = tmp_path / "dev.out"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(*device))
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD (root); the FIFO case covers non-regular targets")
    run_in(tmp_path, *WRITERS[writer](tmp_path, "dev.out"), expect="error")
    st = os.lstat(dev)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(*device), "the device was replaced"


# ============================================================================ 6. strict JSON, one exactness


def test_item6_robust_json_every_draw_rejected(tmp_path):
    """robust --json when every draw violates the assumption v_md > 0 (v_md fixed at 0): strict JSON or one error."""
    run_in(tmp_path, "robust", str(MD_ALONE), "--draws", "20", "--dist", "v_md=fixed:0", "--json")


@pytest.mark.parametrize("flag", [[], ["--float"], ["--exact"]], ids=["default", "float", "exact"])
def test_item6_enumpoly_one_exactness(tmp_path, flag):
    """enumpoly's JSON: 'exact' says what the probabilities are (strings iff exact)."""
    _, doc = run_in(tmp_path, "solve", str(THREE), "--method", "enumpoly", *flag, "--json")
    if doc is not None:
        check_solve_doc(doc)


@pytest.mark.parametrize("method", ["logit", "gnm", "zero-sum", "correlated"])
def test_item6_exact_not_silently_ignored(tmp_path, method):
    """--exact with a float-only method: an error, an exact answer, or a diagnostic that says it was not honoured."""
    _write(tmp_path, "mp.nfg", bimatrix_nfg([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    run, doc = run_in(tmp_path, "solve", "mp.nfg", "--method", method, "--exact", "--json")
    if doc is None:
        return
    said = any("exact" in str(d).lower() for d in doc.get("diagnostics", []))
    assert doc.get("exact") is True or said, f"--exact silently ignored by {method}: exact={doc.get('exact')}"
    check_solve_doc(doc)


def _four_player_game(seed: int = 9) -> tuple[dict, tuple[int, ...]]:
    """A 4-player 3x3x2x3 game with integer payoffs in [-9, 9] drawn with ``seed``."""
    import itertools

    rng = random.Random(seed)
    dims = (3, 3, 2, 3)
    return {prof: tuple(rng.randint(-9, 9) for _ in range(4)) for prof in itertools.product(*(range(d) for d in dims))}, dims


@pytest.mark.parametrize("method", ["logit", "gnm"])
def test_item6_exact_not_silently_ignored_four_players(tmp_path, method):
    """--exact with logit/gnm on a 4-player game: an exact certified answer, an error, or a diagnostic saying so."""
    pay, dims = _four_player_game()
    _write(tmp_path, "g4.nfg", nfg_text(pay, dims))
    run, doc = run_in(tmp_path, "solve", "g4.nfg", "--method", method, "--exact", "--json")
    if doc is None:
        return
    check_solve_doc(doc)
    said = any("exact" in str(d).lower() for d in doc.get("diagnostics", []))
    assert doc.get("exact") is True or said, f"--exact silently ignored by {method}: exact={doc.get('exact')}"
    if doc.get("exact") is True:
        _equilibria_are_nash(doc, _as_fractions(pay), dims)


# ============================================================================ 7. correlated: the exact optimum

CA = [[68, -65, 49], [-27, 30, 49], [14, -6, 7]]
CB = [[27, 77, 73], [-37, -54, -37], [-99, -53, 4]]


def test_item7_reference_optimum_by_scipy():
    """The issue's optimum 2122/21 of the max-total correlated LP, confirmed by an independent LP (HiGHS)."""
    import numpy as np
    from scipy.optimize import linprog

    n = 9
    c = -np.array([CA[i][j] + CB[i][j] for i in range(3) for j in range(3)], dtype=float)
    rows = []
    for s in range(3):  # row player recommended s, deviating to t
        for t in range(3):
            if s != t:
                r = np.zeros(n)
                for j in range(3):
                    r[3 * s + j] = CA[t][j] - CA[s][j]
                rows.append(r)
    for s in range(3):  # column player recommended s, deviating to t
        for t in range(3):
            if s != t:
                r = np.zeros(n)
                for i in range(3):
                    r[3 * i + s] = CB[i][t] - CB[i][s]
                rows.append(r)
    res = linprog(c, A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, n)), b_eq=[1], bounds=(0, None))
    assert res.status == 0
    assert abs(-res.fun - 2122 / 21) < 1e-7


def test_item7_correlated_exact_optimum(tmp_path):
    """solve --method correlated --exact on the issue's 3x3 game: the exact optimum 2122/21, a verified CE."""
    _write(tmp_path, "c.nfg", bimatrix_nfg(CA, CB))
    _, doc = run_in(tmp_path, "solve", "c.nfg", "--method", "correlated", "--exact", "--json", expect="ok")
    pay = {(i, j): (Fraction(CA[i][j]), Fraction(CB[i][j])) for i in range(3) for j in range(3)}
    mu = {}
    strategies = doc["game"]["strategies"]
    players = doc["game"]["players"]
    for cell in doc["distribution"]:
        prof = tuple(strategies[p].index(cell["profile"][p]) for p in players)
        mu[prof] = frac(cell["probability"])
    assert all(v <= 0 for v in ce_violations(pay, (3, 3), mu)), "not a correlated equilibrium"
    total = sum(w * (pay[k][0] + pay[k][1]) for k, w in mu.items())
    assert total == Fraction(2122, 21), f"total {total}, the optimum is 2122/21"
    assert frac(doc["objective_value"]) == Fraction(2122, 21)
    assert doc.get("optimal_certified", True) is True


# ============================================================================ 8. exact dominance


def test_item8_exact_dominance_margin_one(tmp_path):
    """A = [[2e9, 0], [0, 2e9], [999999999, 999999999]] (exact): bottom is strictly dominated by 1/2 top + 1/2 middle.

    Margin: 1/2 * 2e9 - 999999999 = 1 in both columns.  The column player's payoffs are all 0, so none of
    its strategies is strictly dominated and the survivors are Row: top, middle; Col: left, right.
    """
    A = [[2 * 10**9, 0], [0, 2 * 10**9], [999999999, 999999999]]
    B = [[0, 0], [0, 0], [0, 0]]
    _write(tmp_path, "d.toml", bimatrix_model(A, B, rows=["top", "middle", "bottom"], cols=["left", "right"]))
    run, _ = run_in(tmp_path, "info", "d.toml", expect="ok")
    block = run.stdout.split("iterated strict dominance", 1)[1].split("\n\n", 1)[0]
    assert "no strictly dominated strategy" not in block, block
    surviving = next(line for line in block.splitlines() if line.strip().startswith("surviving:"))
    assert "bottom" not in surviving and "top" in surviving and "middle" in surviving, block


# ============================================================================ 9. exact certification with a limit


@pytest.mark.parametrize("method", ["logit", "gnm"])
def test_item9_exact_four_players_does_not_hang(tmp_path, method):
    """--exact on a 4-player 3x3x2x3 game: an answer in time (certified, or saying what was not), or an error."""
    pay, dims = _four_player_game()
    _write(tmp_path, "g4.nfg", nfg_text(pay, dims))
    run, doc = run_in(tmp_path, "solve", "g4.nfg", "--method", method, "--exact", "--json")
    if doc is not None:
        check_solve_doc(doc)
        if doc.get("exact") is True:
            _equilibria_are_nash(doc, _as_fractions(pay), dims)
        else:
            _equilibria_are_nash(doc, _as_fractions(pay), dims, Fraction(1, 10**6))


# ============================================================================ 10. lax input


def _param_model(assumptions: list[str], default: int = 0, rng=(0, 1)) -> str:
    return bimatrix_model([["g", 0], [0, 1]], [[1, 0], [0, 1]], assumptions=assumptions,
                          parameters={"g": {"default": default, "range": list(rng), "meaning": "m"}})


@pytest.mark.parametrize("assumption", ["1 > 2", "g > 5"], ids=["false", "violated-by-defaults"])
def test_item10_false_assumption(tmp_path, assumption):
    """An assumption that is false (1 > 2) or that the defaults violate (g > 5, g in [0, 1]): an error naming the file."""
    _write(tmp_path, "a.toml", _param_model([assumption]))
    run_in(tmp_path, "solve", "a.toml", expect="error", fault="a.toml")


@pytest.mark.parametrize(
    "labels",
    [["Build", "Build\u200b"], ["caf\u00e9", "cafe\u0301"], ["\u200b", "Other"], ["A", "\u200d\ufeff"]],
    ids=["zero-width-space", "nfc", "invisible-only", "invisible-only-2"],
)
def test_item10_labels(tmp_path, labels):
    """Labels equal after NFC and without invisible characters, or invisible only: an error naming the file."""
    _write(tmp_path, "l.toml", bimatrix_model([[1, 0], [0, 1]], [[1, 0], [0, 1]], rows=labels))
    run_in(tmp_path, "solve", "l.toml", expect="error", fault="l.toml")


def test_item10_labels_nfg(tmp_path):
    """The same in an .nfg: two strategies differing only by a zero-width space."""
    pay = {(i, j): (1, 1) for i in range(2) for j in range(2)}
    _write(tmp_path, "l.nfg", nfg_text(pay, (2, 2), strategies=[["A", "A\u200b"], ["x", "y"]]))
    run_in(tmp_path, "solve", "l.nfg", expect="error", fault="l.nfg")


@pytest.mark.parametrize("value", ["\u0663", "\uff13", "\u0661\u066b\u0665"], ids=["arabic-indic", "full-width", "ar-dec"])
def test_item10_non_ascii_digits_param(tmp_path, value):
    """--param v_md=٣ (Arabic-Indic) or ３ (full-width): not read as ASCII digits."""
    run_in(tmp_path, "solve", str(MD_ALONE), "--param", f"v_md={value}", expect="error")


@pytest.mark.parametrize("token", ["0x10", "\uff11\uff10", "\u0661\u0660"], ids=["hex", "full-width", "arabic-indic"])
def test_item10_non_decimal_literal_in_expression(tmp_path, token):
    """0x10 (or non-ASCII digits) in a payoff expression: the docs list decimal literals only, so an error."""
    _write(tmp_path, "x.toml", bimatrix_model([[f"{token} + 1", 0], [0, 1]], [[1, 0], [0, 1]]))
    run_in(tmp_path, "solve", "x.toml", expect="error", fault="x.toml")


def test_item10_hex_param(tmp_path):
    """--param v_md=0x10: an error."""
    run_in(tmp_path, "solve", str(MD_ALONE), "--param", "v_md=0x10", expect="error")


def test_item10_check_method_bogus(tmp_path):
    """check --method bogus: an error, not ignored."""
    run_in(tmp_path, "check", str(MD_ALONE), "--method", "bogus", expect="error")


def test_item10_payoffs_read_only():
    """Game.payoffs.setflags(write=True) raises, and the array cannot be written."""
    run = run_api(
        "from gametheory import Game\n"
        "g = Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])\n"
        "p = g.payoffs\n"
        "try:\n"
        "    p.setflags(write=True)\n"
        "except ValueError:\n"
        "    print('setflags raised')\n"
        "else:\n"
        "    print('setflags succeeded')\n"
        "try:\n"
        "    p[0, 0, 0] = 99\n"
        "except ValueError:\n"
        "    print('write raised')\n"
        "print(g.payoffs[0, 0, 0])\n"
    )
    assert_contract(run, expect="ok")
    assert run.stdout.split("\n")[:3] == ["setflags raised", "write raised", "1"], run.describe()


def test_snapshot_sees_mode_kind_and_bytes(tmp_path):
    """The harness itself: a snapshot differs after a byte, a mode or a kind changes (so 'unchanged' means something)."""
    f = tmp_path / "f"
    f.write_bytes(b"a")
    s0 = snapshot(tmp_path)
    f.chmod(0o444)
    s1 = snapshot(tmp_path)
    f.chmod(0o644)
    f.write_bytes(b"b")
    s2 = snapshot(tmp_path)
    f.unlink()
    os.symlink("f", tmp_path / "f")
    s3 = snapshot(tmp_path)
    assert len({str(s) for s in (s0, s1, s2, s3)}) == 4
    assert ROOT.joinpath("models").is_dir()
