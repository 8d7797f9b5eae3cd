r"""Support profiles for N-player support enumeration, in Porter-Nudelman-Shoham order.

Porter, Nudelman and Shoham (2008), "Simple search methods for finding a Nash
equilibrium", GEB 63, search support profiles :math:`(S_1,\dots,S_N)` by
increasing total size :math:`\sum_i |S_i|`, then by increasing imbalance
:math:`\max_i |S_i| - \min_i |S_i|`, because small balanced supports are
where equilibria of most games lie.  A profile is skipped when some support
strategy :math:`a \in S_i` is *conditionally strictly dominated* given the
others' supports: some :math:`a' \in A_i` has
:math:`u_i(a', s_{-i}) > u_i(a, s_{-i})` for every :math:`s_{-i} \in S_{-i}`;
such an :math:`a` is never a best reply to a mixture over :math:`S_{-i}`, so no
equilibrium has this support.

Cost estimate: the number of support profiles, :math:`\prod_i (2^{n_i}-1)`,
times the number of isolated complex solutions the largest system can have.
With :math:`d_i = n_i - 1` unknowns per player and player :math:`i`'s
:math:`d_i` equations of degree one in every other player's unknowns, that
number is the multihomogeneous Bezout bound, the coefficient of
:math:`\prod_j x_j^{d_j}` in :math:`\prod_i (\sum_{j\ne i} x_j)^{d_i}`
(McKelvey and McLennan 1997, "The maximal number of regular totally mixed
Nash equilibria", JET 72: 2 for 2x2x2, 9 for 2x2x2x2, 10 for 3x3x3, 44 for
five players with two strategies, 56 for 4x4x4); Groebner-basis time grows
quickly with it.

References
----------
.. [1] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
   finding a Nash equilibrium", *Games and Economic Behavior* 63(2) (2008)
   642-662.
.. [2] R. D. McKelvey and A. McLennan, "The maximal number of regular totally
   mixed Nash equilibria", *Journal of Economic Theory* 72 (1997) 411-425.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from .dominance import player_matrix

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = [
    "SupportProfile",
    "count_support_profiles",
    "support_profiles",
    "conditionally_dominated",
    "DominanceTable",
    "solution_bound",
    "enumeration_cost",
    "describe_support",
]

#: One support per player: the indices of the strategies played with positive probability.
SupportProfile: TypeAlias = tuple[tuple[int, ...], ...]


def count_support_profiles(shape: Sequence[int]) -> int:
    """Number of support profiles of a game with ``shape`` strategies per player.

    >>> count_support_profiles((2, 2, 2)), count_support_profiles((3, 3, 3))
    (27, 343)
    """
    out = 1
    for n in shape:
        out *= 2**n - 1
    return out


def support_profiles(shape: Sequence[int]) -> Iterator[SupportProfile]:
    """Every support profile (tuple of index tuples), small and balanced first.

    >>> list(support_profiles((2, 2)))[:3]
    [((0,), (0,)), ((0,), (1,)), ((1,), (0,))]
    """
    subsets = [
        [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]
        for n in shape
    ]
    max_total = sum(shape)
    for total in range(len(shape), max_total + 1):
        sizes = [
            ks for ks in itertools.product(*[range(1, n + 1) for n in shape]) if sum(ks) == total
        ]
        sizes.sort(key=lambda ks: (max(ks) - min(ks), ks))
        for ks in sizes:
            per_player = [[s for s in subsets[i] if len(s) == k] for i, k in enumerate(ks)]
            yield from itertools.product(*per_player)


def conditionally_dominated(payoffs: NDArray[Any], support: Sequence[Sequence[int]]) -> bool:
    """True if a support strategy is strictly dominated by a pure strategy given the others' supports.

    ``payoffs`` may hold floats or Fractions (exact comparison then).

    >>> pd = np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
    >>> conditionally_dominated(pd, [(0,), (0, 1)]), conditionally_dominated(pd, [(1,), (1,)])
    (True, False)
    """
    n = len(support)
    for i in range(n):
        # the game in which the others are restricted to their supports and player i keeps every strategy
        sub = payoffs
        for k in range(n):
            if k != i:
                sub = np.take(sub, list(support[k]), axis=k)
        M = player_matrix(sub, i)
        # dominance.pure_dominators asks the same question, vectorised; on these small Fraction matrices a
        # loop that stops at the first dominating row is several times faster
        for a in support[i]:
            row = M[a]
            for b in range(len(M)):
                if b != a and all(x > y for x, y in zip(M[b], row)):
                    return True
    return False


class DominanceTable:
    """:func:`conditionally_dominated` for every support profile of one game, from cached per-player tables.

    Player ``i``'s strategies that are strictly dominated given the others' supports depend only on
    those supports, so they are computed once per combination of the others' supports (a bit mask
    of ``i``'s strategies) on integer payoffs: each player's payoffs times the common denominator of
    their Fractions, which keeps every comparison exact.

    >>> pd = np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
    >>> table = DominanceTable(pd)
    >>> table([(0,), (0, 1)]), table([(1,), (1,)])
    (True, False)
    """

    def __init__(self, payoffs: NDArray[Any]) -> None:
        from fractions import Fraction

        from ..exact import integer_scaled

        n = payoffs.shape[-1]
        self._players: list[NDArray[Any]] = []
        for i in range(n):
            ints, _ = integer_scaled([Fraction(x) for x in payoffs[..., i].reshape(-1)])
            # int64 when every integer payoff fits (comparisons only, no arithmetic), else Python ints
            dtype: Any = np.int64 if all(abs(x) < 2**62 for x in ints) else object
            arr = np.array(ints, dtype=dtype).reshape(payoffs.shape[:-1])
            self._players.append(np.moveaxis(arr, i, 0))
        self._cache: list[dict[tuple[tuple[int, ...], ...], int]] = [{} for _ in range(n)]
        # fails[i][b][a]: bit mask of the others' pure profiles (C order) at which b does not beat a; b
        # dominates a given the others' supports when no profile of theirs is in that mask.  One NumPy pass
        # per player here, then each support combination costs a few integer ANDs.  None past 62 profiles.
        self._fails: list[list[list[int]] | None] = []
        for arr in self._players:
            cells = arr[0].size if arr.ndim > 1 else 1
            if cells > 62:
                self._fails.append(None)
                continue
            flat = arr.reshape(len(arr), cells)
            weights = np.left_shift(np.int64(1), np.arange(cells, dtype=np.int64))
            fails = (~(flat[:, None, :] > flat[None, :, :])).astype(np.int64) @ weights
            self._fails.append(fails.tolist())

    def dominated_mask(self, i: int, others: tuple[tuple[int, ...], ...]) -> int:
        """Bit mask of player ``i``'s strategies strictly dominated by a pure strategy given ``others``' supports."""
        cache = self._cache[i]
        mask = cache.get(others)
        if mask is None and self._fails[i] is not None:
            arr = self._players[i]
            fails = self._fails[i]
            assert fails is not None
            strides = [1] * len(others)
            for t in reversed(range(len(others) - 1)):
                strides[t] = strides[t + 1] * arr.shape[t + 2]
            offsets = [0]
            for support, stride in zip(others, strides):
                offsets = [o + s * stride for o in offsets for s in support]
            cell = 0
            for o in offsets:
                cell |= 1 << o
            mask = 0
            for a in range(len(fails)):
                for b, fb in enumerate(fails):
                    if b != a and not fb[a] & cell:
                        mask |= 1 << a
                        break
            cache[others] = mask
        if mask is None:
            arr = self._players[i]
            sub = arr[(slice(None),) + np.ix_(*others)].reshape(arr.shape[0], -1) if others else arr.reshape(-1, 1)
            # dom[b, a]: b beats a against every profile of the others' supports
            dom = (sub[:, None, :] > sub[None, :, :]).all(axis=2)
            mask = sum(1 << a for a in np.flatnonzero(dom.any(axis=0)).tolist())
            cache[others] = mask
        return mask

    def __call__(self, support: Sequence[Sequence[int]]) -> bool:
        # this runs once per support profile: the others' supports are looked up as one tuple (the first
        # player's dominated strategies usually settle it)
        supp: SupportProfile = support if type(support) is tuple and all(
            type(s) is tuple for s in support) else tuple(tuple(s) for s in support)
        for i in range(len(supp)):
            others = supp[:i] + supp[i + 1:]
            mask = self._cache[i].get(others)
            if mask is None:
                mask = self.dominated_mask(i, others)
            if mask:
                for a in supp[i]:
                    if mask >> a & 1:
                        return True
        return False


def solution_bound(dims: Sequence[int]) -> int:
    """Multihomogeneous Bezout bound of the indifference system with ``dims[i]`` unknowns for player ``i``.

    >>> solution_bound((1, 1, 1)), solution_bound((2, 2, 2)), solution_bound((1, 1, 1, 1, 1)), solution_bound((3, 3))
    (2, 10, 44, 1)
    """
    n = len(dims)
    poly: dict[tuple[int, ...], int] = {tuple([0] * n): 1}
    for i, d in enumerate(dims):
        for _ in range(d):
            nxt: dict[tuple[int, ...], int] = {}
            for expo, c in poly.items():
                for j in range(n):
                    if j != i and expo[j] < dims[j]:
                        e = expo[:j] + (expo[j] + 1,) + expo[j + 1:]
                        nxt[e] = nxt.get(e, 0) + c
            poly = nxt
    return poly.get(tuple(dims), 0)


def enumeration_cost(shape: Sequence[int]) -> int:
    """Support profiles times the full support's solution bound (at least 1).

    >>> enumeration_cost((2, 2, 2)), enumeration_cost((3, 3, 3)), enumeration_cost((4, 4, 4))
    (54, 3430, 189000)
    """
    return count_support_profiles(shape) * max(1, solution_bound([n - 1 for n in shape]))


def describe_support(game: Game, support: SupportProfile) -> str:
    """A support profile in the game's labels, for diagnostics.

    >>> from gametheory import Game
    >>> describe_support(Game.zero_sum([[1, -1], [-1, 1]]), ((0, 1), (1,)))
    'Player 1: {1, 2}; Player 2: {2}'
    """
    return "; ".join(
        f"{p}: {{{', '.join(game.strategies[i][j] for j in support[i])}}}" for i, p in enumerate(game.players)
    )
