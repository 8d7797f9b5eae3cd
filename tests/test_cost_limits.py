"""The all-equilibria two-player methods refuse past ``max_cost`` and run below it."""

import numpy as np
import pytest

from gametheory import CostLimitError, Game, solve
from gametheory.cli import main

GAME = Game(np.random.default_rng(7).integers(-3, 4, size=(4, 4, 2)))


@pytest.mark.parametrize(
    "method, cost",
    [
        # by hand: both players solve C(4,k)^2 systems of k+1 equations, (k+1)^3 operations each, for k = 1..4:
        # 2 x (16*8 + 36*27 + 16*64 + 1*125) = 4498 rational operations, 100 steps each
        pytest.param("support", 449800, id="support"),
        # McMullen: a 4-polytope with 8 facets has at most C(6,4) + C(5,4) = 20 vertices; the exact walk of this
        # degenerate game pays a 5 x 6 dictionary for each of the 20 + 20 bases at most: 40 * 30
        pytest.param("enumerate", 1200, id="enumerate"),
    ],
)
def test_refuses_past_the_limit_and_runs_at_it(method, cost):
    with pytest.raises(CostLimitError, match=f"estimated cost {cost} "):
        solve(GAME, method=method, max_cost=cost - 1)
    res = solve(GAME, method=method, max_cost=cost)
    assert res.complete and all(eq.max_regret == 0 for eq in res)


def test_support_refuses_a_hopeless_size_and_points_to_enumerate():
    # 10x10: 2 x (C(20,10) - 1) = 369,510 exact systems (lrsnash needs 0.03-0.07 s on such games); refused at once
    game = Game(np.random.default_rng(3).integers(-9, 10, size=(10, 10, 2)))
    with pytest.raises(CostLimitError, match=r"369510 indifference systems") as err:
        solve(game, method="support")
    assert "--max-cost" in str(err.value) and "'enumerate'" in str(err.value)


def test_complete_solve_does_not_fall_back_on_support_at_a_hopeless_size():
    # 17x17: the exact walk of enumerate is refused at the default max_cost (2 x 4,326,300 McMullen vertices
    # times 18 x 19 dictionary entries = 1.48e9); support must refuse too (before, its estimate of
    # (2^17 - 1)^2 support pairs was all it counted), so check returns auto's answer
    from gametheory.predictions import complete_solve

    rng = np.random.default_rng(0)
    game = Game.from_bimatrix(rng.integers(0, 10, (17, 17)), rng.integers(0, 10, (17, 17)))
    res = complete_solve(game)
    assert res.method == "lemke-howson" and not res.complete


def test_cli_max_cost_exits_2(tmp_path, capsys):
    from gametheory import save_game

    path = tmp_path / "g.nfg"
    save_game(GAME, path)
    assert main(["solve", str(path), "--method", "support", "--max-cost", "10"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "max_cost=10" in err[0]


# ---------------------------------------------------------------------- issue 12: estimates before the work
import os  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

MODELS = os.path.join(os.path.dirname(__file__), "..", "models")
ROOT = os.path.join(os.path.dirname(__file__), "..")


def _limited():
    # 3 GiB of address space: a run that builds its 2^30 packages or 10^12 draws would blow through it
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _cli(*argv, timeout=120):
    """Run ``gametheory ARGV`` in a subprocess under a time and memory limit."""
    env = dict(os.environ, PYTHONPATH=os.path.abspath(ROOT))
    return subprocess.run([sys.executable, "-m", "gametheory.cli", *argv], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limited, env=env)


def _refused(proc, *words):
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "exceeds max_cost" in err[0], err
    assert "--max-cost" in err[0]
    for w in words:
        assert w in err[0], err[0]
    assert proc.stdout == ""


def _linkage_model(tmp_path, n, feasible="game"):
    text = open(os.path.join(MODELS, "cfe_md_bargaining.toml"), encoding="utf-8").read()
    head = text[: text.index("[[bargaining.issues]]")].replace('feasible = "issues"', f'feasible = "{feasible}"')
    issues = "".join(f'[[bargaining.issues]]\nname = "issue {k}"\nvalues = {{ Russia = {k % 5 - 2}, US = {3 - k % 4} }}\n\n'
                     for k in range(n))
    path = tmp_path / f"linkage{n}.toml"
    path.write_text(head + issues)
    return path


def test_linkage_cost_is_two_to_the_issues():
    from gametheory.bargaining.linkage import PACKAGE_STEPS, linkage_cost

    assert linkage_cost(30) == 2**30 * 30 * PACKAGE_STEPS  # every corner package, every issue summed


def test_linkage_of_30_issues_is_refused_before_listing_packages():
    from gametheory.bargaining.linkage import analyse_linkage, linkage_cost

    issues = {f"i{k}": {"A": k % 5 - 2, "B": 3 - k % 4} for k in range(30)}
    with pytest.raises(CostLimitError, match=r"2\^30 packages of 30 issues"):
        analyse_linkage(issues, ("A", "B"))
    small = dict(list(issues.items())[:6])
    with pytest.raises(CostLimitError):
        analyse_linkage(small, ("A", "B"), max_cost=linkage_cost(6) - 1)
    # issue 4 is worth (2, 3): both gain from it alone, so the package has gains for both (by hand)
    assert analyse_linkage(small, ("A", "B"), max_cost=linkage_cost(6)).linked_gains


def test_bargain_with_game_feasible_set_and_30_issues_is_refused(tmp_path):
    proc = _cli("bargain", str(_linkage_model(tmp_path, 30)), timeout=60)
    _refused(proc, "2^30 packages")


def test_bargain_max_cost_raises_the_linkage_limit(tmp_path):
    from gametheory.bargaining.linkage import linkage_cost

    path = _linkage_model(tmp_path, 8)
    assert main(["bargain", str(path), "--max-cost", str(linkage_cost(8) - 1)]) == 2
    assert main(["bargain", str(path), "--max-cost", str(linkage_cost(8))]) == 0


def test_info_cost_by_hand():
    from gametheory.game_info import INFO_STEPS, info_cost

    # 3^12 profiles x 12 players x 36 strategies
    assert info_cost((3,) * 12) == 531441 * 12 * 36 * INFO_STEPS


def test_info_on_12_players_with_3_strategies_is_refused():
    from gametheory.game_info import GameInfo

    game = Game(np.zeros((3,) * 12 + (12,)))
    with pytest.raises(CostLimitError, match="12 players"):
        GameInfo(game)


def test_info_cli_refuses_a_large_game_and_runs_when_raised(tmp_path, capsys):
    from gametheory import save_game
    from gametheory.game_info import info_cost

    path = tmp_path / "big.nfg"
    save_game(Game(np.random.default_rng(3).integers(-9, 10, size=(200, 200, 2))), path)
    proc = _cli("info", str(path), timeout=60)
    _refused(proc, "info")
    small = tmp_path / "small.nfg"
    save_game(GAME, small)
    assert main(["info", str(small), "--max-cost", str(info_cost(GAME.shape) - 1)]) == 2
    capsys.readouterr()
    assert main(["info", str(small), "--max-cost", str(info_cost(GAME.shape))]) == 0


def test_robust_with_1e12_draws_is_refused_at_once():
    proc = _cli("robust", os.path.join(MODELS, "cfe_md_unlinked.toml"), "--draws", "1e12", timeout=60)
    _refused(proc, "1000000000000 draws")


def test_robust_max_cost_by_hand(capsys):
    # a 2x2 game: 8 payoff entries x VECTOR_STEPS per draw
    from gametheory.assumptions.batch import VECTOR_STEPS

    path = os.path.join(MODELS, "cfe_md_unlinked.toml")
    assert main(["robust", path, "--draws", "100", "--max-cost", str(100 * 8 * VECTOR_STEPS - 1)]) == 2
    assert main(["robust", path, "--draws", "100", "--max-cost", str(100 * 8 * VECTOR_STEPS)]) == 0


@pytest.mark.parametrize("num", [2000, 100000])
def test_regions_on_a_huge_grid_is_refused_before_allocating(num):
    proc = _cli("regions", os.path.join(MODELS, "cfe_md_unlinked.toml"), "--vary", f"c_cfe=0:3:{num}",
                "--vary", f"v_cfe=1:5:{num}", timeout=60)
    _refused(proc, f"{num} x {num} grid")


def test_grid_cost_by_hand():
    from gametheory.assumptions.batch import VECTOR_STEPS
    from gametheory.assumptions.outcomes import SIGNATURE_STEPS
    from gametheory.assumptions.regions import grid_cost

    assert grid_cost((2, 2), 2000 * 2000) == 2000 * 2000 * (8 * VECTOR_STEPS + SIGNATURE_STEPS)


def test_sweep_of_a_three_player_model_is_refused_when_large():
    proc = _cli("sweep", os.path.join(MODELS, "serbia_border_reinforcement_3p.toml"), "--vary", "t=0:1:100000",
                timeout=60)
    _refused(proc, "100000 grid points")


def test_progress_when_asked_even_off_a_terminal():
    proc = _cli("robust", os.path.join(MODELS, "cfe_md_unlinked.toml"), "--draws", "3000000", "--chunk-size",
                "100000", "--progress", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "draws:" in proc.stderr and "3000000/3000000" in proc.stderr


def test_unreachable_scheduler_is_one_error_line(capsys, monkeypatch):
    pytest.importorskip("dask.distributed")
    from gametheory.assumptions import chunks

    monkeypatch.setattr(chunks, "CONNECT_TIMEOUT", 2)
    for address in ("tcp://127.0.0.1:1", "no-port-here"):
        assert main(["robust", os.path.join(MODELS, "cfe_alone.toml"), "--draws", "5", "--scheduler", address]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0] and address in err[0]
