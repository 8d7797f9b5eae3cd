r"""All pure-strategy Nash equilibria of an N-player game, vectorised.

A pure profile :math:`s` is an equilibrium iff for every player :math:`i`,
:math:`u_i(s) = \max_{t_i} u_i(t_i, s_{-i})`.  For each player the maximum
over their own axis of the payoff tensor is taken once (a NumPy reduction,
broadcast back), so the whole search is :math:`N` reductions and one
logical AND over the :math:`\prod_i n_i` profiles: no Python loop over
profiles.  Exact games are first scaled to integers (one common denominator
per player, :func:`gametheory.exact.integer_payoffs`) so the comparison runs
on int64 arrays when they fit, else on Fractions.  The same mask serves
batches of games stacked along a leading axis (:mod:`gametheory.assumptions.batch`).

When iterated elimination of strictly dominated strategies leaves a single
profile, that profile is the game's only Nash equilibrium, mixed ones
included, since no equilibrium gives weight to a strictly dominated strategy
(:func:`forced_by_dominance`).  Otherwise only the pure equilibria are
reported: every finite game has an equilibrium in mixed strategies (Nash
1951), but it may have no pure one.

References
----------
.. [1] J. F. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951)
   286-295.
.. [2] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sections
   1.2 (Nash equilibrium) and 2.1 (iterated strict dominance).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..exact import integer_payoffs
from ..profile import MixedProfile, default_tolerance
from ..result import Equilibrium, SolveResult
from .dominance import iterated_elimination

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["pure_equilibrium_mask", "pure_equilibria", "best_reply_masks", "forced_by_dominance", "solve_pure"]


def pure_equilibrium_mask(payoffs: NDArray[Any], tol: float | NDArray[np.floating] = 0.0) -> NDArray[np.bool_]:
    """Boolean array over profiles: True where the profile is a pure equilibrium.

    Parameters
    ----------
    payoffs : ndarray, shape (n_1, ..., n_N, N) or (B, n_1, ..., n_N, N)
        One game, or a batch of ``B`` games along a leading axis (any number
        of leading axes: the number of players is ``payoffs.shape[-1]``).
        Floats, int64 or Fractions.
    tol : float or ndarray
        A strategy counts as a best reply when it is within ``tol`` of the
        best; an array gives one tolerance per game of the batch (shape of
        the leading axes).  With ``tol == 0`` best replies are compared with
        ``==`` (exact games).

    Returns
    -------
    ndarray of bool, shape ``payoffs.shape[:-1]``

    Examples
    --------
    >>> pd = np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
    >>> pure_equilibrium_mask(pd).tolist()
    [[False, False], [False, True]]
    >>> pure_equilibrium_mask(np.stack([pd, -pd]), tol=np.array([0.0, 0.5])).tolist()
    [[[False, False], [False, True]], [[True, False], [False, False]]]
    """
    n = payoffs.shape[-1]
    lead = payoffs.ndim - 1 - n  # batch axes before the players' strategy axes
    tols = np.asarray(tol)
    if tols.ndim:
        tols = tols.reshape(tols.shape + (1,) * n)
    mask = np.ones(payoffs.shape[:-1], dtype=bool)
    per_player = np.moveaxis(payoffs, -1, 0)
    if per_player.dtype != object:
        # one copy with each player's payoffs contiguous: the reductions then stream through memory
        per_player = np.ascontiguousarray(per_player)
    compare_equal = not tols.ndim and tols == 0
    for i in range(n):
        u = per_player[i]
        best = u.max(axis=lead + i, keepdims=True)
        mask &= (u == best) if compare_equal else (u >= best - tols)
    return mask


def _comparable(game: Game, tol: float | None) -> tuple[NDArray[Any], float]:
    """The payoffs as the comparisons of best replies take them, and the tolerance (0 exact)."""
    if game.kind == "exact":
        ints = integer_payoffs(game.payoffs)
        return (ints if ints is not None else game.payoffs), 0
    return np.asarray(game.payoffs, dtype=float), default_tolerance(game) if tol is None else tol


def pure_equilibria(game: Game, tol: float | None = None) -> list[tuple[int, ...]]:
    """Index tuples of every pure equilibrium, in lexicographic order."""
    arr, tol = _comparable(game, tol)
    mask = pure_equilibrium_mask(arr, tol)
    return [tuple(int(k) for k in idx) for idx in np.argwhere(mask)]


def best_reply_masks(game: Game, tol: float | None = None) -> tuple[NDArray[np.bool_], ...]:
    """Per player, over the pure profiles: True where the player's strategy is a best reply to the others'.

    The comparison of :func:`pure_equilibrium_mask`, kept per player (the
    payoffs a textbook underlines); a profile is a pure equilibrium where
    every player's mask is True.  Float games compare within ``tol``
    (default :func:`gametheory.profile.default_tolerance`).

    >>> from gametheory import Game
    >>> [m.tolist() for m in best_reply_masks(Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]]))]
    [[[False, False], [True, True]], [[False, True], [False, True]]]
    """
    game.require_numeric("best replies")
    arr, tol = _comparable(game, tol)
    masks = []
    for i in range(game.num_players):
        u = arr[..., i]
        best = u.max(axis=i, keepdims=True)
        masks.append(np.asarray((u == best) if tol == 0 else (u >= best - tol), dtype=bool))
    return tuple(masks)


def forced_by_dominance(game: Game) -> bool:
    """True when iterated elimination of strictly dominated strategies (pure dominators) leaves one profile.

    That profile is then the game's unique Nash equilibrium, mixed ones
    included: no equilibrium gives weight to a strictly dominated strategy.

    >>> from gametheory import Game
    >>> forced_by_dominance(Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]]))
    True
    """
    return iterated_elimination(game, "strict", mixed=False).solved


def solve_pure(game: Game, tol: float | None = None, forced: bool | None = None) -> SolveResult:
    """All pure equilibria of ``game`` as a :class:`SolveResult`.

    Mixed equilibria are not searched, so ``complete`` is False, except when
    iterated strict dominance leaves a single profile: that profile is then
    the unique equilibrium and ``complete`` is True.

    Parameters
    ----------
    game : Game
    tol : float, optional
        Float games: a profile is a best reply within ``tol`` (default scaled to the payoff range).
    forced : bool, optional
        :func:`forced_by_dominance` of ``game`` when the caller has computed
        it (``auto`` does, to choose this method); computed here otherwise.

    Returns
    -------
    SolveResult
    """
    exact = game.kind == "exact"
    if tol is None:
        tol = 0 if exact else default_tolerance(game)
    eqs: list[Equilibrium] = []
    for idx in pure_equilibria(game, tol):
        vecs: list[list[int]] = []
        for i, j in enumerate(idx):
            v = [0] * game.shape[i]
            v[j] = 1
            vecs.append(v)
        eqs.append(Equilibrium.from_profile(MixedProfile(game, vecs, exact=exact)))
    forced = len(eqs) == 1 and (forced_by_dominance(game) if forced is None else forced)
    diags = [] if forced else ["pure equilibria only: mixed equilibria were not searched"]
    if forced:
        diags.append("iterated elimination of strictly dominated strategies leaves this profile alone, "
                     "so it is the game's unique equilibrium, mixed ones included")
    if not eqs:
        diags.append("no pure equilibrium; the game has a mixed one (Nash 1951)")
    return SolveResult(game, "pure", forced, exact, tol, tuple(eqs), tuple(diags))
