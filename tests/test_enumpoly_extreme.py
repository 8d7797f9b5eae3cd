"""enumpoly on games whose payoffs span many orders of magnitude, and the 'complete with nothing' invariant.

Issue 12, item 1: with payoffs of 1e20 or more, ``enumpoly`` returned no equilibrium and
``complete: true``.  Expected values below come from hand calculation (indifference conditions),
from method ``enumerate`` (an independent two-player algorithm: vertex enumeration) and from
pygambit's ``enummixed`` on the reduced bimatrix game.
"""

import json
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from refs.brute import exact_regrets, float_regrets

from gametheory import Game, solve
from gametheory.errors import GameTheoryError
from gametheory.result import SolveResult

MODELS = Path(__file__).resolve().parent.parent / "models"


def vectors_of(eq):
    return [list(v) for v in eq.profile.vectors]


def eq_set(result):
    return {tuple(tuple(F(x) for x in v) for v in eq.profile.vectors) for eq in result}


@pytest.mark.parametrize("exponent", [0, 19, 20, 25, 60, 200])
def test_battle_of_sexes_scaled_has_its_three_equilibria(exponent):
    # Scaling every payoff by s > 0 changes no equilibrium: (1,1), (2,2) pure and, by indifference,
    # row mixes p = 2/3 (column: 1 p = 2 (1-p)), column q = 1/4 (row: 3 q = 1 - q).
    s = 10**exponent
    game = Game.from_bimatrix([[3 * s, 0], [0, s]], [[s, 0], [0, 2 * s]])
    res = solve(game, method="enumpoly")
    expected = {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 4), F(3, 4))),
    }
    assert res.complete and res.exact
    assert eq_set(res) == expected
    assert eq_set(solve(game, method="enumerate")) == expected


@pytest.mark.parametrize("exponent", [19, 20, 25, 60])
def test_three_player_2x2x1_with_one_huge_payoff(exponent):
    # Player 3 has one strategy, so this is the bimatrix game A = [[M, 0], [0, 1]], B = [[0, 1], [1, 0]]
    # (M = 10**exponent) with a dummy.  No pure equilibrium (B makes column always mismatch row).
    # Row indifferent: q M = 1 - q, q = 1/(M+1); column indifferent: 1 - p = p, p = 1/2.
    M = 10**exponent
    pay = np.empty((2, 2, 1, 3), dtype=object)
    A = [[M, 0], [0, 1]]
    B = [[0, 1], [1, 0]]
    for r in range(2):
        for c in range(2):
            pay[r, c, 0] = [F(A[r][c]), F(B[r][c]), F(0)]
    game = Game(pay)
    res = solve(game, method="enumpoly")
    assert res.complete and res.exact and len(res) == 1
    (eq,) = res
    assert vectors_of(eq) == [[F(1, 2), F(1, 2)], [F(1, M + 1), F(M, M + 1)], [F(1)]]
    assert exact_regrets(game.payoffs, vectors_of(eq)) == [0, 0, 0]


def test_random_wide_range_games_agree_with_enumerate():
    # Two-player games whose entries mix magnitudes 1 .. 1e60: enumpoly must list exactly the
    # equilibria of the vertex enumeration (both complete for nondegenerate games).
    rng = np.random.default_rng(12)
    for _ in range(6):
        expo = rng.integers(0, 61, size=(2, 3, 3))
        sign = rng.choice([-1, 1], size=(2, 3, 3))
        mant = rng.integers(1, 10, size=(2, 3, 3))
        A = [[int(sign[0, i, j]) * int(mant[0, i, j]) * 10 ** int(expo[0, i, j]) for j in range(3)] for i in range(3)]
        B = [[int(sign[1, i, j]) * int(mant[1, i, j]) * 10 ** int(expo[1, i, j]) for j in range(3)] for i in range(3)]
        game = Game.from_bimatrix(A, B)
        ours = solve(game, method="enumpoly")
        ref = solve(game, method="enumerate")
        assert len(ours) >= 1
        assert eq_set(ours) == eq_set(ref)


def test_three_player_huge_payoff_agrees_with_two_player_methods():
    # A dummy third player: the equilibria are those of the bimatrix game (A, B), found by vertex
    # enumeration and by support enumeration (pygambit's enummixed returns nothing at M = 1e30).
    # By hand: p = (2/3, 1/3), q = (0, 1/2, 1/2) (rows earn 3/2 each, columns 2 and 3 earn 2/3 > 1/3).
    M = 10**30
    A = [[M, 0, 3], [0, 1, 2]]
    B = [[0, 1, 0], [1, 0, 2]]
    pay = np.empty((2, 3, 1, 3), dtype=object)
    for r in range(2):
        for c in range(3):
            pay[r, c, 0] = [F(A[r][c]), F(B[r][c]), F(7)]
    ours = {tuple(tuple(v) for v in vectors_of(eq)[:2]) for eq in solve(Game(pay), method="enumpoly")}
    bimatrix = Game.from_bimatrix(A, B)
    assert ((F(2, 3), F(1, 3)), (F(0), F(1, 2), F(1, 2))) in ours
    assert ours == eq_set(solve(bimatrix, method="enumerate")) == eq_set(solve(bimatrix, method="support"))


def test_solve_result_refuses_complete_with_no_equilibrium():
    # Every finite game has a Nash equilibrium (Nash 1951): an empty complete list is always false.
    game = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameTheoryError, match="complete"):
        SolveResult(game, "demo", True, True, 0, ())
    # incomplete and empty is an honest answer (e.g. a path method that certified nothing)
    assert len(SolveResult(game, "demo", False, True, 0, ())) == 0


def _document_exactness(doc):
    kinds = {type(x) for eq in doc["equilibria"] for part in ("profile", "payoffs", "regret")
             for v in eq[part].values() for x in (v.values() if isinstance(v, dict) else [v])}
    return kinds


def test_enumpoly_json_has_one_exactness_continuum_model():
    # serbia_blockade_offer has a continuum of equilibria and rational isolated equilibria:
    # the JSON said "exact": false while every probability was a string.
    from gametheory.io import load_source

    game = load_source(str(MODELS / "serbia_blockade_offer.toml"))[0]
    res = solve(game, method="enumpoly")
    doc = json.loads(json.dumps(res.to_json()))
    kinds = _document_exactness(doc)
    assert kinds == ({str} if doc["exact"] else {float})
    if doc.get("continua"):
        sample_kinds = {type(x) for c in doc["continua"] for s in c["samples"] for v in s for x in v}
        assert sample_kinds == ({str} if doc["exact"] else {float})


def test_enumpoly_json_has_one_exactness_irrational_equilibrium():
    # A 2x2x2 game with equilibria (1 +- 1/sqrt5)/2-type probabilities mixed with rational ones:
    # an irrational point makes the result float, so every number is then a float.
    from refs.games import mckelvey_mclennan

    base = np.asarray(mckelvey_mclennan().payoffs, dtype=object)
    # perturb two payoffs so that one equilibrium becomes irrational (a quadratic in one probability)
    pay = base.copy()
    pay[0, 0, 0, 0] = pay[0, 0, 0, 0] + 2
    pay[1, 1, 0, 1] = pay[1, 1, 0, 1] + 4
    game = Game(pay)
    res = solve(game, method="enumpoly")
    assert any("algebraic" in eq.info for eq in res)
    assert not res.exact
    doc = json.loads(json.dumps(res.to_json()))
    assert _document_exactness(doc) == {float}
    for eq in res:
        assert max(float_regrets(np.asarray(game.payoffs, dtype=float), vectors_of(eq))) < 1e-9


@pytest.mark.parametrize("exponent", [20, 45])
def test_mckelvey_mclennan_scaled_keeps_its_nine_equilibria(exponent):
    # A genuine three-player game: scaling every payoff by 10**exponent changes no equilibrium, so the
    # nine equilibria of McKelvey and McLennan (1997) (listed and derived in tests/test_enumpoly.py) remain.
    from refs.games import mckelvey_mclennan
    from test_enumpoly import MM_EQUILIBRIA

    pay = np.asarray(mckelvey_mclennan().payoffs, dtype=object) * 10**exponent
    game = Game(pay)
    res = solve(game, method="enumpoly")
    assert res.complete and res.exact and len(res) == 9
    assert {tuple(v[0] for v in vectors_of(eq)) for eq in res} == {tuple(F(x) for x in e[0]) for e in MM_EQUILIBRIA}
    for eq in res:
        assert exact_regrets(game.payoffs, vectors_of(eq)) == [0, 0, 0]
