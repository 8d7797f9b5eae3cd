"""The one adapter from the tests to pygambit 16.x, the peer solver our answers are checked against.

Games go to pygambit exactly: integers and Fractions become pygambit Rationals, floats stay
floats, so a rational method (``rational=True``) solves the very game we solved.  A game is a
``gametheory.Game`` (its ``payoffs``) or a payoff array ``pay[s_1, ..., s_N][i]``; :func:`bimatrix`
and :func:`zero_sum` build that array from matrices without going through the library.
Answers come back as tuples (one vector per player) of Fractions (rational methods) or floats.

pygambit's enumpoly can run long on some games and cannot be interrupted in process, so
:func:`enumpoly_in_subprocess` runs it in a spawned worker with a timeout; a timeout is an
error (the test fails), never a skip.

pygambit limitation (16.x): reading a .nfg, a label equal to the default label (``"1"``, ``"2"``,
...) of a *later* strategy of the same player, or of a later player, is rejected as a duplicate
("Strategy label must be unique for the player"), e.g. strategies ``["2", "1"]``.
:func:`gambit_reads_labels` states that rule.

References
----------
McKelvey, R. D., McLennan, A. M. and Turocy, T. L. (2016). Gambit: Software Tools for Game
Theory, version 16. http://www.gambit-project.org.
"""

from __future__ import annotations

import atexit
import multiprocessing
import numbers
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pygambit as gbt

Profile = tuple[tuple[Any, ...], ...]


# ---------------------------------------------------------------- our games to pygambit
def _entry(v: Any) -> Fraction | float:
    """One payoff as pygambit should see it: exact numbers as Fractions, floats as floats."""
    if isinstance(v, float | np.floating):
        return float(v)
    if isinstance(v, numbers.Integral):
        return Fraction(int(v))
    return Fraction(v)


def payoff_array(game: Any) -> np.ndarray:
    """``pay[s_1, ..., s_N][i]`` as an object array, from a Game or an array-like."""
    return np.asarray(game.payoffs if hasattr(game, "payoffs") else game, dtype=object)


def bimatrix(A: Any, B: Any) -> np.ndarray:
    """The payoff array of the two-player game (A, B), entries kept as given."""
    return np.stack([np.asarray(A, dtype=object), np.asarray(B, dtype=object)], axis=-1)


def zero_sum(A: Any) -> np.ndarray:
    """The payoff array of the zero-sum game (A, -A)."""
    a = np.asarray(A, dtype=object)
    return bimatrix(a, -a)


def gambit_game(game: Any, title: str | None = None) -> gbt.Game:
    """A pygambit game with exactly the payoffs of ``game`` (a Game or a payoff array)."""
    pay = payoff_array(game)
    conv = np.vectorize(_entry, otypes=[object])
    arrays = [conv(pay[..., i]) for i in range(pay.shape[-1])]
    return gbt.Game.from_arrays(*arrays, title=title) if title is not None else gbt.Game.from_arrays(*arrays)


def _fraction(x: Any) -> Fraction:
    return Fraction(str(x))  # pygambit gives Rational ("1/3") or Decimal ("0.25")


def _profile(g: gbt.Game, eq: Any, conv: Any) -> Profile:
    return tuple(tuple(conv(eq[s]) for s in p.strategies) for p in g.players)


# ---------------------------------------------------------------- solvers
def enummixed(game: Any) -> list[Profile]:
    """Every extreme equilibrium of a two-player game, exact (``enummixed_solve(rational=True)``)."""
    g = gambit_game(game)
    return [_profile(g, e, _fraction) for e in gbt.nash.enummixed_solve(g, rational=True).equilibria]


def gambit_extreme(game: Any) -> set[Profile]:
    """The extreme equilibria of a two-player game as a set of exact profiles."""
    return set(enummixed(game))


def enumpoly(game: Any) -> list[Profile]:
    """pygambit's isolated equilibria of an N-player game (``enumpoly_solve``), in floats, in process."""
    g = gambit_game(game)
    return [_profile(g, e, float) for e in gbt.nash.enumpoly_solve(g).equilibria]


def equilibria(game: Any) -> list[Profile]:
    """Every equilibrium pygambit lists: enummixed (exact, extreme) for two players, enumpoly (floats) else."""
    return enummixed(game) if payoff_array(game).shape[-1] == 2 else enumpoly(game)


def profiles(game: Any) -> list[list[np.ndarray]]:
    """:func:`equilibria` as float vectors, one numpy array per player."""
    return [[np.array([float(v) for v in vec]) for vec in eq] for eq in equilibria(game)]


def supports(game: Any) -> tuple:
    """Sorted supports (strategy labels per player) of the equilibria of :func:`equilibria`.

    ``game`` is a Game: its labels name the strategies.
    """
    out = set()
    for eq in equilibria(game):
        out.add(tuple(tuple(game.strategies[i][k] for k, v in enumerate(vec) if float(v) > 1e-9)
                      for i, vec in enumerate(eq)))
    return tuple(sorted(out))


def enumpure(game: Any) -> set[tuple[int, ...]]:
    """The pure equilibria (``enumpure_solve``) as strategy indices."""
    g = gambit_game(game)
    return {tuple(next(j for j, s in enumerate(p.strategies) if eq[s] == 1) for p in g.players)
            for eq in gbt.nash.enumpure_solve(g).equilibria}


def lp_value(game: Any, rational: bool = True) -> Fraction | float:
    """The value to player 1 of a two-player constant-sum game, by ``lp_solve``."""
    g = gambit_game(game)
    eq = gbt.nash.lp_solve(g, rational=rational).equilibria[0]
    value = eq.payoff(list(g.players)[0])
    return _fraction(value) if rational else float(value)


def logit_at(game: Any, lam: float) -> list[list[float]]:
    """pygambit's logit quantal response equilibrium at ``lam`` (``qre.logit_solve_lambda``)."""
    g = gambit_game(game)
    (theirs,) = gbt.qre.logit_solve_lambda(g, [lam])
    return [[float(theirs.profile[s]) for s in p.strategies] for p in g.players]


# ---------------------------------------------------------------- enumpoly with a timeout
def _enumpoly_worker(payoffs: list) -> list[list[list[float]]]:
    return [[list(vec) for vec in eq] for eq in enumpoly(payoffs)]


class _Worker:
    """One spawned process, reused across calls and replaced after a timeout."""

    def __init__(self) -> None:
        self._pool: Any = None

    def run(self, payoffs: list, timeout: float) -> list[list[list[float]]]:
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        job = self._pool.apply_async(_enumpoly_worker, (payoffs,))
        try:
            return job.get(timeout)
        except multiprocessing.TimeoutError:
            self.close()
            raise TimeoutError(f"pygambit enumpoly did not finish within {timeout} s") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None


_WORKER = _Worker()
atexit.register(_WORKER.close)


def enumpoly_in_subprocess(games: Sequence[Any], timeout: float = 30.0) -> list[list[list[list[float]]]]:
    """:func:`enumpoly` of each game (float vectors), run in a worker process.

    Raises TimeoutError when pygambit does not finish a game within ``timeout`` seconds.
    """
    return [_WORKER.run(payoff_array(g).tolist(), timeout) for g in games]


# ---------------------------------------------------------------- .nfg files
def read_nfg(path: str | Path) -> gbt.Game:
    """pygambit's reading of a .nfg file."""
    return gbt.read_nfg(str(path))


def payoff_table(g: gbt.Game) -> tuple[np.ndarray, list]:
    """The payoffs of a pygambit game as ``pay[s_1, ..., s_N][i]`` (Fractions), and its players."""
    players = list(g.players)
    shape = tuple(len(list(p.strategies)) for p in players)
    out = np.empty(shape + (len(players),), dtype=object)
    for idx in np.ndindex(*shape):
        prof = [list(p.strategies)[j] for p, j in zip(players, idx)]
        for i, p in enumerate(players):
            out[idx + (i,)] = _fraction(g[prof][p])
    return out, players


def gambit_reads_labels(labels: Sequence[str]) -> bool:
    """Whether pygambit 16.x reads these labels of one player's strategies (or of the players).

    It first gives the k-th item the default label ``str(k)`` and then sets the file's labels in
    order, so a label equal to the default label of a later item is a duplicate at that moment.

    >>> gambit_reads_labels(["2", "1"]), gambit_reads_labels(["1", "2"]), gambit_reads_labels(["3", "2"])
    (False, True, True)
    """
    return not any(labels[k] == str(j) for k in range(len(labels)) for j in range(k + 2, len(labels) + 1))
