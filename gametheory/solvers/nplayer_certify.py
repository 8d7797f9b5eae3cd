r"""Turn an approximate equilibrium into a certified one.

Path-following methods (the global Newton method of :mod:`.gnm`, the logit
homotopy of :mod:`.logit`) end *near* a Nash equilibrium.  The support of the
nearby equilibrium is guessed from the large probabilities (several
thresholds are tried), then

1. for an exact game with a small support system, the exact indifference
   system of that support (:mod:`.enumpoly_system`) is solved and the real
   solution closest to the approximation is taken: a Fraction profile whose
   regrets are exactly zero.  Small means at most :data:`EXACT_MAX_VARS`
   unknowns and at most :data:`EXACT_MAX_SOLUTIONS` isolated solutions by the
   multihomogeneous Bezout bound (:func:`exact_certification_cost`, checked
   before sympy starts): Groebner-basis time grows steeply with that bound
   (measured: 9 solutions in 1 s, 10 in 4 s, 12 in 6 s, 29 not done in 900 s).
   A larger system is skipped and the result says the equilibrium was not
   certified exactly (:attr:`Certified.notes`);
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
.. [3] R. D. McKelvey and A. McLennan, "The maximal number of regular totally
   mixed Nash equilibria", *Journal of Economic Theory* 72 (1997) 411-425
   (the bound used as the cost of the exact step).
.. [4] J. E. Dennis, Jr. and R. B. Schnabel, *Numerical Methods for
   Unconstrained Optimization and Nonlinear Equations*, Prentice-Hall, 1983
   (Newton's method).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..payoff_scale import max_abs, scaled_floats
from ..profile import MixedProfile, float_tolerance
from .enumpoly_supports import describe_support, solution_bound
from .nplayer_payoffs import polish_on_support, support_of

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from ..game import Game

__all__ = ["Certified", "certify", "certify_near", "exact_certification_cost", "EXACT_MAX_VARS",
           "EXACT_MAX_SOLUTIONS"]

_THRESHOLDS = (1e-2, 1e-3, 1e-4, 1e-6, 1e-9)
#: Most unknowns of a support system solved exactly.
EXACT_MAX_VARS = 6
#: Most isolated solutions (multihomogeneous Bezout bound) of a support system solved exactly.
EXACT_MAX_SOLUTIONS = 10


@dataclass(frozen=True)
class Certified:
    """A certified equilibrium near an approximation, and what could not be certified.

    Attributes
    ----------
    profile : MixedProfile or None
        The verified equilibrium (None if none was found).
    notes : tuple of str
        Diagnostics, e.g. an exact step skipped for its cost (the profile is then a float one).
    """

    profile: MixedProfile | None
    notes: tuple[str, ...] = ()


def exact_certification_cost(support: Sequence[Sequence[int]]) -> tuple[int, int]:
    """(unknowns, Bezout bound on isolated solutions) of the support's indifference system.

    >>> exact_certification_cost([(0, 1), (0, 1), (0, 1)])
    (3, 2)
    >>> exact_certification_cost([(0, 1, 2), (0, 1), (0, 1), (0, 1, 2)])
    (6, 29)
    """
    dims = [len(s) - 1 for s in support]
    return sum(dims), solution_bound(dims)


def _exact_candidate(game: Game, vectors: Sequence[NDArray[np.float64]],
                     support: tuple[tuple[int, ...], ...]) -> MixedProfile | None:
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
    """A verified equilibrium near ``vectors``, or None (:func:`certify`'s profile, without its notes).

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
    return certify(game, vectors, tol).profile


def certify(game: Game, vectors: Sequence[ArrayLike], tol: float | None = None) -> Certified:
    """A verified equilibrium near ``vectors``, with notes on what could not be certified exactly.

    Parameters
    ----------
    game : Game
    vectors : sequence of array_like
        An approximate equilibrium (float probabilities).
    tol : float, optional
        Largest regret accepted for a float profile (default scaled to the payoffs).

    Returns
    -------
    Certified
        ``profile`` is exact when the game is exact and a support system small enough to solve
        exactly gave a rational point; ``notes`` names each support whose exact system was
        skipped for its cost when the profile is a float one.

    Examples
    --------
    >>> from gametheory import Game
    >>> cert = certify(Game.zero_sum([[1, -1], [-1, 1]]), [[0.49, 0.51], [0.52, 0.48]])
    >>> cert.profile.exact, cert.notes
    (True, ())
    """
    if tol is None:
        tol = float_tolerance(game)
    pay, _ = scaled_floats(game.payoffs)  # Newton's steps are scale-free; exact payoffs beyond floats get floats
    # a float profile's regret is computed on the payoffs themselves: impossible beyond the float range
    floats_fit = game.kind != "exact" or max_abs(game.payoffs) <= sys.float_info.max
    approx = [np.asarray(v, dtype=float) for v in vectors]
    tried: set[tuple[tuple[int, ...], ...]] = set()
    skipped: list[str] = []
    for threshold in _THRESHOLDS:
        support = support_of(approx, threshold)
        if support in tried:
            continue
        tried.add(support)
        if game.kind == "exact":
            nvars, bound = exact_certification_cost(support)
            if nvars <= EXACT_MAX_VARS and bound <= EXACT_MAX_SOLUTIONS:
                exact_prof = _exact_candidate(game, approx, support)
                if exact_prof is not None:
                    return Certified(exact_prof)
            else:
                skipped.append(
                    f"exact certification skipped for support {describe_support(game, support)}: its indifference "
                    f"system has {nvars} unknowns and up to {bound} isolated solutions (limits {EXACT_MAX_VARS} "
                    f"and {EXACT_MAX_SOLUTIONS}: beyond them a Groebner basis can take hours)"
                )
        if not floats_fit:
            continue
        polished = polish_on_support(pay, approx, support)
        if polished is None:
            continue
        prof = MixedProfile(game, [v.tolist() for v in polished], exact=False)
        if prof.max_regret() <= tol:
            notes = tuple(skipped)
            if skipped:
                notes += (f"the equilibrium is certified in floats (regret {float(prof.max_regret()):.3g} <= "
                          f"{float(tol):.3g}) and not certified exactly",)
            return Certified(prof, notes)
    if not floats_fit:
        skipped.append("payoffs beyond the float range: no float certificate is possible, only an exact one")
    return Certified(None, tuple(skipped))
