"""The ``auto`` policy, cost limits and progress.

Policy (method table fields only): ``pure`` first (priority 30) when iterated
strict dominance leaves one profile, ``enumerate`` (20) for two-player games
it accepts, ``zero-sum`` (12) for larger constant-sum games, ``lemke-howson``
(10) for every other two-player game, ``pure`` (0) as the last resort.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from refs.gambit import gambit_extreme

from gametheory import METHODS, CostLimitError, Game, choose_method, solve
from gametheory.cli import main
from gametheory.cost import check_cost, support_pair_count, upper_bound_vertices
from gametheory.progress import Progress

PD = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
                        strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]])
BATTLE = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
RNG = np.random.default_rng(11)
BIG = Game.from_bimatrix(RNG.integers(0, 100, (15, 15)).tolist(), RNG.integers(0, 100, (15, 15)).tolist())
BIG_ZERO_SUM = Game.zero_sum(RNG.integers(-50, 50, (15, 15)).tolist())


@pytest.mark.parametrize(
    "game, method",
    [
        pytest.param(PD, "pure", id="dominance-solvable-pure"),
        pytest.param(Game([[1], [3], [2]]), "pure", id="one-player-unique-best"),
        pytest.param(BATTLE, "enumerate", id="small-two-player-enumerate"),
        pytest.param(Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), "enumerate", id="small-zero-sum-enumerate"),
        pytest.param(BIG_ZERO_SUM, "zero-sum", id="large-zero-sum-lp"),
        pytest.param(BIG, "lemke-howson", id="large-two-player-lemke-howson"),
    ],
)
def test_auto_chooses_as_documented(game, method):
    assert choose_method(game) == method
    if method in ("zero-sum", "lemke-howson"):
        assert not METHODS["enumerate"].accepts(game)  # beyond the enumerator's fast sizes
    assert solve(game).method == method


@pytest.mark.oracle
def test_dominance_solvable_game_reports_the_unique_equilibrium():
    res = solve(PD)
    assert [eq.profile.support() for eq in res] == [{"Russia": ("Suspend CFE",), "US": ("Build MD",)}]
    assert any("unique equilibrium" in d for d in res.diagnostics)
    assert gambit_extreme(PD) == {((0, 1), (0, 1))}


@pytest.mark.oracle
@pytest.mark.parametrize("game", [pytest.param(PD, id="pd"), pytest.param(BATTLE, id="battle"),
                                  pytest.param(Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
                                               id="von-stengel")])
def test_complete_is_honest_on_small_games(game):
    res = solve(game)
    found = {(tuple(eq.profile.vectors[0]), tuple(eq.profile.vectors[1])) for eq in res}
    assert all(r == 0 for eq in res for r in eq.regret.values())
    if res.complete:
        assert found == gambit_extreme(game)
    else:
        assert found <= gambit_extreme(game)


@pytest.mark.parametrize("game", [pytest.param(BIG, id="big"), pytest.param(BIG_ZERO_SUM, id="big-zero-sum")])
def test_large_games_are_not_claimed_complete(game):
    # pygambit's enummixed takes minutes at 15x15, so only the claim and the certificates are checked
    res = solve(game)
    assert res.complete is False and len(res) >= 1
    assert all(r == 0 for eq in res for r in eq.regret.values())


def test_cost_limit_refuses_and_can_be_raised():
    with pytest.raises(CostLimitError, match=r"max_cost=1000\b.*--max-cost"):
        solve(BIG, method="lemke-howson", max_cost=1000)
    assert solve(BIG, method="lemke-howson", max_cost=1e12).method == "lemke-howson"
    # a method without a cost estimate ignores the option
    assert solve(PD, method="pure", max_cost=1).method == "pure"


def test_cli_max_cost(tmp_path, capsys):
    path = tmp_path / "pennies.nfg"
    path.write_text('NFG 1 R "pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1\n')
    assert main(["solve", str(path), "--method", "lemke-howson", "--max-cost", "10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "max_cost" in err
    assert main(["solve", str(path), "--method", "lemke-howson", "--max-cost", "1e9"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["solve", str(path), "--max-cost", "-3"])
    assert exc.value.code == 2 and capsys.readouterr().err.startswith("error: ")


def test_cost_estimates_by_hand():
    assert support_pair_count(3, 3) == 3 * 3 + 3 * 3 + 1
    assert upper_bound_vertices(2, 7) == 7  # a heptagon
    assert upper_bound_vertices(3, 6) == 8  # the cube: 2k - 4 for simple 3-polytopes
    assert upper_bound_vertices(3, 5) == 6  # the triangular prism
    check_cost(10, None, "x", "small")
    with pytest.raises(CostLimitError, match="method 'x'"):
        check_cost(11, 10, "x", "eleven steps")


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal():
    tty = _Tty()
    with Progress(5, "labels", stream=tty, delay=0, every=0) as p:
        p.update(3)
    assert "labels: 3/5" in tty.getvalue() and tty.getvalue().endswith("\n")
    plain = io.StringIO()
    with Progress(5, "labels", stream=plain, delay=0, every=0) as p:
        p.update(3)
    assert plain.getvalue() == ""
