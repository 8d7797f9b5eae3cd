"""The all-equilibria two-player methods refuse past ``max_cost`` and run below it."""

import numpy as np
import pytest

from gametheory import CostLimitError, Game, solve
from gametheory.cli import main

GAME = Game(np.random.default_rng(7).integers(-3, 4, size=(4, 4, 2)))


@pytest.mark.parametrize(
    "method, cost",
    [
        # (2^4 - 1)^2 support pairs, by hand
        pytest.param("support", 225, id="support"),
        # McMullen: a 4-polytope with 8 facets has at most C(6,4) + C(5,4) = 20 vertices, so 20 * 20 pairs
        pytest.param("enumerate", 400, id="enumerate"),
    ],
)
def test_refuses_past_the_limit_and_runs_at_it(method, cost):
    with pytest.raises(CostLimitError, match=f"estimated cost {cost} "):
        solve(GAME, method=method, max_cost=cost - 1)
    res = solve(GAME, method=method, max_cost=cost)
    assert res.complete and all(eq.max_regret == 0 for eq in res)


def test_cli_max_cost_exits_2(tmp_path, capsys):
    from gametheory import save_game

    path = tmp_path / "g.nfg"
    save_game(GAME, path)
    assert main(["solve", str(path), "--method", "support", "--max-cost", "10"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "max_cost=10" in err[0]
