r"""Turn an approximate equilibrium into a certified one.

Path-following methods (the global Newton method of :mod:`.gnm`, the logit
homotopy of :mod:`.logit`) end *near* a Nash equilibrium.  The support of the
nearby equilibrium is guessed from the large probabilities (several
thresholds are tried), then

1. for an exact game with a small support system, the exact indifference
   system of that support (:mod:`.enumpoly_system`) is solved and the real
   solution closest to the approximation is taken: a Fraction profile whose
   regrets are exactly zero;
2. otherwise Newton's method on the support's indifference system
   (:func:`.nplayer_payoffs.polish_on_support`) brings the regret to rounding
   level.

A candidate is returned only when its regret, recomputed by
:class:`~gametheory.MixedProfile`, is within the tolerance.  The support
system (every support strategy of player :math:`i` earns the same payoff
:math:`v_i`, probabilities sum to one) has the nearby equilibrium as an
isolated solution when that equilibrium is regular (the system's Jacobian is
nonsingular there), and Newton's method then converges to it quadratically
from close enough.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite
   games", in H. Amman, D. Kendrick and J. Rust (eds.), *Handbook of
   Computational Economics* 1, Elsevier, 1996, 87-142 (the polynomial system
   of a support).
.. [2] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
   finding a Nash equilibrium", *Games and Economic Behavior* 63(2) (2008)
   642-662 (one feasibility system per support profile).
.. [3] J. E. Dennis, Jr. and R. B. Schnabel, *Numerical Methods for
   Unconstrained Optimization and Nonlinear Equations*, Prentice-Hall, 1983
   (Newton's method).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..profile import MixedProfile, default_tolerance
from .nplayer_payoffs import polish_on_support, support_of

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from ..game import Game

__all__ = ["certify_near"]

_THRESHOLDS = (1e-2, 1e-3, 1e-4, 1e-6, 1e-9)
_EXACT_MAX_VARS = 6


def _exact_candidate(game: Game, vectors: Sequence[NDArray[np.float64]],
                     support: tuple[tuple[int, ...], ...]) -> MixedProfile | None:
    nvars = sum(len(s) - 1 for s in support)
    if nvars > _EXACT_MAX_VARS:
        return None
    # imported here: enumpoly_system imports sympy, which takes longer to import than most solves
    from .enumpoly_system import build_system, solve_system

    system = build_system(np.asarray(game.payoffs), support)
    dim, points = solve_system(system)
    if dim != 0:
        return None
    best: list[list[Fraction]] | None = None
    best_dist = 0.0
    for pt in points:
        if pt.exact is None or not all(x.is_Rational for v in pt.exact for x in v):
            continue
        full: list[list[Fraction]] = []
        for i, S in enumerate(support):
            vec = [Fraction(0)] * game.shape[i]
            for j, x in zip(S, pt.exact[i]):
                vec[j] = Fraction(int(x.p), int(x.q))
            full.append(vec)
        if any(q < 0 for v in full for q in v):
            continue
        dist = max(abs(float(q) - float(p)) for v, w in zip(full, vectors) for q, p in zip(v, w))
        if best is None or dist < best_dist:
            best, best_dist = full, dist
    if best is None or best_dist > 0.25:
        return None
    prof = MixedProfile(game, best, exact=True)
    return prof if prof.is_equilibrium(0) else None


def certify_near(game: Game, vectors: Sequence[ArrayLike], tol: float | None = None) -> MixedProfile | None:
    """A verified equilibrium near ``vectors``, or None.

    Parameters
    ----------
    game : Game
    vectors : sequence of array_like
        An approximate equilibrium (float probabilities).
    tol : float, optional
        Largest regret accepted for a float profile (default scaled to the payoffs).

    Returns
    -------
    MixedProfile or None
        Exact when the game is exact and the support system gave a rational
        point, else float.

    Examples
    --------
    >>> from gametheory import Game
    >>> pennies = Game.zero_sum([[1, -1], [-1, 1]])
    >>> certify_near(pennies, [[0.49, 0.51], [0.52, 0.48]]).vectors[0].tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    if tol is None:
        tol = default_tolerance(game.to_float())
    pay = np.asarray(game.payoffs, dtype=float)
    approx = [np.asarray(v, dtype=float) for v in vectors]
    tried: set[tuple[tuple[int, ...], ...]] = set()
    for threshold in _THRESHOLDS:
        support = support_of(approx, threshold)
        if support in tried:
            continue
        tried.add(support)
        if game.kind == "exact":
            exact_prof = _exact_candidate(game, approx, support)
            if exact_prof is not None:
                return exact_prof
        polished = polish_on_support(pay, approx, support)
        if polished is None:
            continue
        prof = MixedProfile(game, [v.tolist() for v in polished], exact=False)
        if prof.max_regret() <= tol:
            return prof
    return None
