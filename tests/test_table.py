"""The method table: full in a fresh interpreter, cheap to import, and honest about its guarantees.

Each method's declared guarantees (completeness, exactness, result type,
player range) are checked against its results; the equilibrium sets of
complete methods against pygambit's enummixed (rational) on nondegenerate
games, which have finitely many equilibria, all extreme.
"""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path
from typing import get_args

import numpy as np
import pytest
from refs.gambit import gambit_extreme
from refs.games import random_decimal_game
from refs.views import eq_set, float_keys

from gametheory import (
    METHODS,
    CorrelatedResult,
    CostLimitError,
    Game,
    SolveResult,
    UnsupportedGameError,
    choose_method,
    solve,
)
from gametheory.assumptions.batch import complete_method
from gametheory.solvers import complete_methods, dominance, pure
from gametheory.solvers.table import NashMethod

ROOT = Path(__file__).resolve().parents[1]
ALL_NINE = ["correlated", "enumerate", "enumpoly", "gnm", "lemke-howson", "logit", "pure", "support", "zero-sum"]

PD = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])  # each player's second strategy strictly dominates
BATTLE = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # (T, L), (B, R) and (2/3 T, 1/3 L)
PENNIES = Game.zero_sum([[1, -1], [-1, 1]])


def fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter on this tree and return its stdout."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


# ---------------------------------------------------------------------- a fresh interpreter
def test_methods_are_full_right_after_import():
    assert fresh("import gametheory as g; print(sorted(g.METHODS))").strip() == str(ALL_NINE)


def test_complete_solve_with_a_named_method_in_a_fresh_interpreter():
    # it raised "no registered method solves this 2-player game" before the table
    out = fresh(
        "from gametheory import Game\n"
        "from gametheory.predictions import complete_solve\n"
        "r = complete_solve(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), method='enumerate')\n"
        "print(r.method, r.complete, sorted(tuple(map(str, e.profile.vectors[0])) for e in r))"
    )
    assert out.split(" ", 2)[:2] == ["enumerate", "True"]
    assert out.split(" ", 2)[2].strip() == str([("0", "1"), ("1", "0"), ("2/3", "1/3")])


def test_the_table_imports_neither_scipy_nor_sympy():
    # sympy is still imported by game.py; the table's part is that no solver module pulls in
    # scipy or the sympy-based polynomial systems when it is imported
    # `import gametheory` alone loads no submodule (its names are lazy): import the table itself
    out = fresh(
        "import sys\nfrom gametheory import METHODS, solve\n"
        "assert 'gametheory.solvers.table' in sys.modules\n"
        "print(sorted(m for m in ('scipy', 'scipy.optimize', 'gametheory.solvers.enumpoly_system') if m in sys.modules))"
    )
    assert out.strip() == "[]"


# ---------------------------------------------------------------------- auto runs elimination once
@pytest.fixture
def elimination_calls(monkeypatch):
    calls = []
    original = dominance.iterated_elimination

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(dominance, "iterated_elimination", counting)
    # pure.py may bind the name itself (once it imports dominance at the top)
    monkeypatch.setattr(pure, "iterated_elimination", counting, raising=False)
    return calls


@pytest.mark.parametrize("game, method", [
    pytest.param(PD, "pure", id="dominance-solvable"),
    pytest.param(Game([[1], [1], [0]]), "pure", id="one-player-tie-last-resort"),
    pytest.param(BATTLE, "enumerate", id="not-dominance-solvable"),
])
def test_auto_runs_iterated_elimination_once(elimination_calls, game, method):
    res = solve(game)
    assert res.method == method
    assert len(elimination_calls) == 1


def test_pure_alone_runs_elimination_once_and_auto_keeps_its_answer(elimination_calls):
    res = solve(PD, method="pure")
    assert len(elimination_calls) == 1
    auto = solve(PD)
    assert len(elimination_calls) == 2
    assert auto.complete and res.complete and eq_set(auto) == eq_set(res) == {((0, 1), (0, 1))}


# ---------------------------------------------------------------------- declared guarantees
def nondegenerate_games():
    # uniform random decimals: degenerate with probability 0
    rng = np.random.default_rng(7)
    return [random_decimal_game(rng, m, n, digits=3) for m, n in ((2, 2), (2, 3), (3, 3), (3, 4), (4, 4))]


@pytest.mark.oracle
@pytest.mark.parametrize("name", [n for n in ALL_NINE if METHODS[n].searches_all])
def test_methods_that_search_all_list_every_equilibrium_of_nondegenerate_games(name):
    for game in nondegenerate_games() + [BATTLE]:
        res = solve(game, method=name)
        assert res.complete
        reference = gambit_extreme(game)
        if res.exact:
            assert eq_set(res) == reference
        else:  # enumpoly reports irrational equilibria in floats
            assert float_keys(eq_set(res)) == float_keys(reference)


@pytest.mark.oracle
def test_pure_is_complete_exactly_when_dominance_solvable():
    assert METHODS["pure"].completeness == "when-dominance-solvable"
    res = solve(PD, method="pure")
    assert res.complete and eq_set(res) == gambit_extreme(PD) == {((0, 1), (0, 1))}
    res = solve(BATTLE, method="pure")
    assert not res.complete and eq_set(res) < gambit_extreme(BATTLE)


@pytest.mark.oracle
@pytest.mark.parametrize("name", [n for n in ALL_NINE if METHODS[n].completeness == "never"
                                  and METHODS[n].result_type is SolveResult])
def test_methods_declared_incomplete_never_claim_completeness(name):
    games = [BATTLE, PENNIES, PD] + nondegenerate_games()[:2]
    solved = 0
    for game in games:
        try:
            res = solve(game, method=name)
        except UnsupportedGameError:
            continue  # zero-sum refuses general-sum games
        solved += 1
        assert res.complete is False
        assert eq_set(res) <= gambit_extreme(game) or not res.exact
    assert solved >= 1


@pytest.mark.parametrize("name", [n for n in ALL_NINE if METHODS[n].always_exact])
def test_methods_declared_exact_return_exact_results_on_exact_games(name):
    for game in [BATTLE, PD] + nondegenerate_games():
        res = solve(game, method=name)
        assert res.exact and all(r == 0 for eq in res for r in eq.regret.values())
        assert all(isinstance(v, F) for eq in res for vec in eq.profile.vectors for v in vec)


@pytest.mark.parametrize("name", ALL_NINE)
def test_each_method_returns_its_declared_result_type_and_refuses_other_player_counts(name):
    spec = METHODS[name]
    game = PENNIES  # two players, constant-sum: every method handles it
    assert isinstance(solve(game, method=name), spec.result_type)
    assert isinstance(spec.solve(game), spec.result_type)
    three = Game(np.zeros((2, 2, 2, 3), dtype=int).tolist())
    if spec.max_players == 2:
        with pytest.raises(UnsupportedGameError, match=r"2\.\.2 players"):
            solve(three, method=name)
    one = Game([[1], [0]])
    if spec.min_players > 1:
        with pytest.raises(UnsupportedGameError, match="players"):
            solve(one, method=name)


def test_correlated_is_the_only_method_with_another_result_type():
    assert {n for n in ALL_NINE if METHODS[n].result_type is CorrelatedResult} == {"correlated"}
    assert set(get_args(NashMethod)) == {n for n in ALL_NINE if METHODS[n].result_type is SolveResult} | {"auto"}
    assert METHODS["correlated"].auto_priority is None  # auto always answers with Nash equilibria


def test_complete_methods_keep_the_order_complete_solve_tried():
    # the order of the former COMPLETE_METHODS list, without the methods that never prove completeness
    assert complete_methods() == ("enumerate", "enumpoly", "support")
    assert complete_methods(2) == ("enumerate", "enumpoly", "support")
    assert complete_methods(3) == ("enumpoly",)
    assert complete_method(2) == "enumerate" and complete_method(3) == "enumpoly"


def test_auto_policy_by_hand():
    assert choose_method(PD) == "pure"  # dominance leaves one profile
    assert choose_method(BATTLE) == "enumerate"
    assert choose_method(Game(np.zeros((2, 2, 2, 3), dtype=int).tolist())) == "enumpoly"
    assert METHODS["enumerate"].bid(BATTLE).priority == 20
    assert METHODS["support"].bid(BATTLE) is None  # never chosen by auto
    assert METHODS["pure"].bid(BATTLE).priority == 0 and METHODS["pure"].bid(PD).priority == 30


@pytest.mark.parametrize("shape", [(17, 17), (12, 30)])
def test_auto_never_chooses_a_method_that_refuses_the_game_at_the_default_limit(shape):
    # enumerate's exact walk refuses these shapes at the default max_cost (McMullen's bound on the bases times
    # the dictionary entries is above 1e9), so auto must not choose it; it goes on to Lemke-Howson
    rng = np.random.default_rng(7)
    A, B = rng.integers(-9, 10, shape), rng.integers(-9, 10, shape)
    game = Game.from_bimatrix(A, B)
    with pytest.raises(CostLimitError):
        solve(game, method="enumerate", float_path=False)
    result = solve(game)
    assert result.method == "lemke-howson" and len(result) >= 1
    # the certificate, recomputed here by brute force: no pure deviation gains
    for eq in result:
        x, y = (np.array([float(p) for p in v]) for v in eq.profile.vectors)
        assert (A @ y).max() - x @ A @ y <= 1e-9 * 9 and (x @ B).max() - x @ B @ y <= 1e-9 * 9
