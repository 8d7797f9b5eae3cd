"""``enumerate`` against lrsnash (lrslib): the same extreme equilibria, as exact sets.

lrsnash (D. Avis; Avis, Rosenberg, Savani and von Stengel 2010) enumerates the extreme equilibria of a
bimatrix game by lexicographic reverse search in exact arithmetic, independently of our code.  It is
run here as a subprocess on the same games (integers or exact decimals) and its output is parsed into
Fraction pairs: lrsnash prints blocks of lines ``2 y_1 .. y_n v_1`` followed by ``1 x_1 .. x_m v_2``, and
every 2-line of a block with every 1-line of it is an extreme equilibrium.  Each pair lrsnash prints is
also checked to be an equilibrium (Fraction regrets), so that a failure says which side is wrong.

lrsnash comes from the Debian/Ubuntu package ``lrslib`` (``.ci/run`` installs it when run as root).
Without it on PATH these tests fail when ``CI`` is set, and are skipped otherwise.

References
----------
D. Avis, G. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria for two-player
games", *Economic Theory* 42 (2010) 9-37.
B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive form", in
*Algorithmic Game Theory*, Cambridge University Press, 2007, ch. 3.
"""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from refs.brute import exact_regrets
from refs.games import LITERATURE, random_decimal_game, random_int_game
from refs.lrsnash import lrsnash_extreme
from refs.views import as_fractions, eq_set

from gametheory import Game, solve

pytestmark = pytest.mark.oracle


@pytest.fixture(scope="module")
def lrsnash() -> str:
    path = shutil.which("lrsnash")
    if path is None:
        message = ("lrsnash is not on PATH: install lrslib (Debian/Ubuntu: apt-get install lrslib; .ci/run does "
                   "it when run as root)")
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)
    return path


def is_equilibrium(game: Game, x, y) -> bool:
    """Exact check, independent of the library: nonnegative, sums 1, no better pure reply (brute-force regrets)."""
    if min(x) < 0 or min(y) < 0 or sum(x) != 1 or sum(y) != 1:
        return False
    return exact_regrets(game.payoffs, (x, y)) == [0, 0]


def check_same(lrsnash: str, game: Game, tmp_path) -> set:
    peer = lrsnash_extreme(lrsnash, *game.bimatrix(), tmp_path)
    assert peer, "lrsnash printed no equilibrium"
    wrong = [pair for pair in peer if not is_equilibrium(game, *pair)]
    assert not wrong, f"lrsnash printed pairs that are not equilibria: {wrong[:2]}"
    res = solve(game, method="enumerate")
    assert res.exact and res.complete
    ours = eq_set(res)
    assert ours == peer, f"ours only: {sorted(ours - peer)[:3]}; lrsnash only: {sorted(peer - ours)[:3]}"
    return ours


@pytest.mark.parametrize("A, B, expected, components, degenerate", LITERATURE)
def test_literature_games(lrsnash, tmp_path, A, B, expected, components, degenerate):
    # von Stengel's 3x2 examples (degenerate and not), weak-dominance and block games with hand-derived sets
    assert check_same(lrsnash, Game.from_bimatrix(A, B), tmp_path) == as_fractions(expected)


@pytest.mark.parametrize("m, n", [(4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (5, 8), (8, 6)])
def test_random_games(lrsnash, tmp_path, m, n):
    # integer payoffs 0..99 (almost always nondegenerate) and uniform decimals (the float path, confirmed exactly)
    rng = np.random.default_rng(1800 + 10 * m + n)
    check_same(lrsnash, random_int_game(rng, m, n, 0, 99), tmp_path)
    check_same(lrsnash, random_decimal_game(rng, m, n), tmp_path)


@pytest.mark.parametrize("size", [4, 5, 6, 7])
def test_degenerate_small_integer_games(lrsnash, tmp_path, size):
    # payoffs in [-3, 3] (issue 18's degenerate rows, smaller): ties everywhere, extra labels, continua
    rng = np.random.default_rng(1818 + size)
    for _ in range(3):
        check_same(lrsnash, random_int_game(rng, size, size, -3, 3), tmp_path)
    # payoffs in {0, 1}: still more ties
    check_same(lrsnash, random_int_game(rng, size, size + 1, 0, 1), tmp_path)


def test_exponentially_many_equilibria(lrsnash, tmp_path):
    # the 7x7 member of the family of issue 18's 32,767-equilibrium 15x15 game (Savani's bimatrix_solver example,
    # B = A^T): every nonempty support of the symmetric profile is an equilibrium, 2^7 - 1 of them
    n = 7
    A = [[2 ** (4 * i) if j == i else 2 ** (2 * i + 2 * j + 1) if j > i else 0 for j in range(n)] for i in range(n)]
    B = [list(col) for col in zip(*A)]
    ours = check_same(lrsnash, Game.from_bimatrix(A, B), tmp_path)
    assert len(ours) == 2**n - 1
    assert all(x == y for x, y in ours)
