r"""All isolated Nash equilibria of a small N-player game by support enumeration.

Every Nash equilibrium :math:`\sigma` has a support profile
:math:`S_i = \{j : \sigma_i(j) > 0\}`, and on it :math:`\sigma` solves the
polynomial indifference system of :mod:`.enumpoly_system`.  Conversely a real
solution with :math:`\sigma_i(j) > 0` on :math:`S_i` and no profitable
deviation outside :math:`S_i` is an equilibrium.  So enumerating the support
profiles (in the order of Porter, Nudelman and Shoham 2008, pruned by
conditional dominance: :mod:`.enumpoly_supports`), solving each system exactly
and keeping the verified solutions lists every isolated equilibrium, each found
once, in its own support.

Three-player systems are solved by elimination (:mod:`.enumpoly_three`: Cramer's
rule for two players' strategies, a resultant, exact factoring and certified
root isolation in python-flint); every other system of three or more players,
and every three-player support the elimination cannot settle (a possible
continuum, or a shape it does not handle), by msolve when it is installed
(:mod:`.enumpoly_msolve`: exact Groebner bases and certified real roots), and
otherwise, as for two players and for systems with infinitely many solutions,
by sympy's Groebner bases over QQ (:mod:`.enumpoly_system`).  Before any
exact work on a candidate, a float screen drops points whose float regret
exceeds :math:`10^{-6}` times the largest payoff (or with a probability below
:math:`-10^{-6}`): the candidates are accurate to the working digits, so such
a point is no equilibrium; the screen never accepts anything.  For three players
the same screen first runs on float points of each support
(:mod:`.enumpoly_float`), which rules out most supports before any exact
polynomial is built.

Speed, measured on random games with integer payoffs in [-100, 100]
(``bench/bench_nplayer.py``, CPU time, imports excluded, a machine with 2 cores
shared by several jobs, load about 4): 3x3x3 in 0.009-0.037 s, median 0.024 s
(pygambit's enumpoly 0.013-0.042 s, median 0.014 s, and it misses equilibria in
5 of the 8 games: ours list each of its equilibria and 1 to 3 more); before the
float filter of :mod:`.enumpoly_float` 0.024-0.045 s, and the Groebner path
took about 2 s.  On 4x4x4 the supports in which the player with four
strategies mixes over all of them while the others mix over three (unknowns
(2, 2, 3): 46 of them in the first benchmark game pass the float filter) or
over four (3, 3, 3) have no opponent pair the elimination can use: sympy's
Groebner basis takes 41 s CPU for one (2, 2, 3) support and did not finish in
600 s for (3, 3, 3), while msolve (:mod:`.enumpoly_msolve`, when installed:
every support of three or more players that the elimination leaves) takes
0.05 s and 1 s, and the whole 4x4x4 game 11 s of CPU.  Without msolve the
default ``max_cost`` refuses 4x4x4; with it the default is :data:`MSOLVE_MAX_COST`.

Verification: rational solutions are checked exactly (positive Fraction
probabilities on the support, Fraction regrets equal to 0); algebraic ones
(e.g. :math:`(1\pm 1/\sqrt5)/2`) with the sign of each support probability
decided on its exact form where there is one, and regrets computed with
mpmath at :func:`.enumpoly_system.working_digits` digits (60 plus twice the
payoffs' span in decades; for three players in FLINT's ball arithmetic at
that precision, balls around the exact coordinates, whose upper ends must
pass), every regret below :math:`10^{20-\text{digits}}`
times the payoff scale, before they are reported in floats, with the exact
algebraic form in ``info["algebraic"]``.  Neither test has a tolerance
relative to the largest payoff alone: with payoffs :math:`10^{20}` and 1 a
true equilibrium can put probability :math:`10^{-20}` on a strategy.

Every finite game has an equilibrium (Nash 1951), so a search that verified
none lost one: the result is then not ``complete`` and says so.
A support whose system has a positive-dimensional solution set (a continuum of
equilibria) is reported in the diagnostics with sample equilibria drawn from
it, and the result is then not ``complete``.

This is the method of Gambit's ``enumpoly`` (McKelvey and McLennan 1996,
"Computation of equilibria in finite games", Handbook of Computational
Economics 1), with exact algebra in place of floating-point root finding.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite
   games", in H. Amman, D. Kendrick and J. Rust (eds.), *Handbook of
   Computational Economics* 1, Elsevier, 1996, 87-142 (equilibria as the
   solutions of one polynomial system per support; Gambit's ``enumpoly``).
.. [2] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
   finding a Nash equilibrium", *Games and Economic Behavior* 63(2) (2008)
   642-662 (order of the support profiles, conditional dominance).
.. [3] R. S. Datta, "Using computer algebra to find Nash equilibria", in
   *Proceedings of the 2003 International Symposium on Symbolic and
   Algebraic Computation (ISSAC)*, ACM, 2003, 74-79 (Groebner bases for the
   equilibrium equations).
.. [4] D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*,
   4th ed., Springer, 2015 (Groebner bases, elimination, resultants).
.. [5] J. Berthomieu, C. Eder and M. Safey El Din, "msolve: A library for
   solving polynomial systems", *Proceedings of ISSAC 2021*, ACM, 51-58.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

import numpy as np

from ..errors import CostLimitError
from ..numbers import format_number
from ..payoff_scale import max_abs
from ..profile import MixedProfile, float_tolerance
from ..progress import Progress
from ..result import Equilibrium, SolveResult
from .enumpoly_supports import (
    DominanceTable,
    SupportProfile,
    count_support_profiles,
    describe_support,
    enumeration_cost,
    support_profiles,
)
from .nplayer_payoffs import strategy_values

if TYPE_CHECKING:
    import sympy
    from numpy.typing import NDArray

    from ..game import Game
    from .enumpoly_system import Point

__all__ = [
    "PolynomialEquilibrium",
    "Continuum",
    "enumerate_polynomial_equilibria",
    "solve_enumpoly",
    "DEFAULT_MAX_COST",
    "MSOLVE_MAX_COST",
    "AUTO_MAX_COST",
    "default_max_cost",
]

# cost = support profiles x solution bound (enumpoly_supports.enumeration_cost); measured here:
# 2x2x2 (54) in 0.01 s, 3x3x3 (3430) in 0.05 s (2 s before issue 18's elimination); with sympy's Groebner
# bases 2x2x2x2x2 (10692) not done in 10 min and 4x4x4 (189000) hours (its (2,2,3) and (3,3,3) supports);
# with msolve 2x2x2x2x2 in 2 s, 3x3x2x2 (12789) in 3 s, 4x4x4 in 11-13 s, 2x2x2x2x2x2 (193185) in 19 s.
DEFAULT_MAX_COST = 5000
#: The default limit when msolve is installed (:mod:`.enumpoly_msolve`): 4x4x4 games run.
MSOLVE_MAX_COST = 200_000
AUTO_MAX_COST = 4000


def default_max_cost() -> int:
    """enumpoly's default ``max_cost``: :data:`MSOLVE_MAX_COST` with msolve installed, else :data:`DEFAULT_MAX_COST`."""
    from . import enumpoly_msolve

    return MSOLVE_MAX_COST if enumpoly_msolve.available() else DEFAULT_MAX_COST


class PolynomialEquilibrium(TypedDict):
    """An isolated equilibrium found by :func:`enumerate_polynomial_equilibria`."""

    support: SupportProfile
    vectors: list[list[Any]]  # mpmath.mpf probabilities, verified at DPS digits
    exact: list[list[sympy.Expr]] | None  # the same point as sympy numbers (rational or radicals), if known
    regret: Any  # mpmath.mpf, the largest regret at DPS digits


class Continuum(TypedDict):
    """A support whose indifference system has a positive-dimensional set of equilibria."""

    support: SupportProfile
    dimension: int | None
    basis: list[str]  # the system's nonzero polynomials, as text
    samples: list[list[list[Any]]]  # verified sample equilibria (mpmath.mpf probabilities)
    exact_samples: list[list[list[sympy.Expr]] | None]  # the same samples as sympy numbers, if known


_T = TypeVar("_T")

#: The opponents of each of three players, in increasing order.
_OTHERS = [(1, 2), (0, 2), (0, 1)]


def _mp_payoffs(payoffs: NDArray[np.object_], dps: int) -> NDArray[np.object_]:
    import mpmath

    # at the working digits: at mpmath's default 15, a payoff like 4/5 is off by 1e-17 and _verify's
    # tolerance then rejects true equilibria
    with mpmath.workdps(dps):
        flat = [mpmath.mpf(x.numerator) / x.denominator for x in payoffs.reshape(-1)]
    return np.array(flat, dtype=object).reshape(payoffs.shape)


def _verify_exact(payoffs: NDArray[np.object_], vectors: list[list[Fraction]], support: SupportProfile) -> bool:
    """Whether the rational point is an equilibrium with exactly this support, in Fractions."""
    if any(v[j] <= 0 for v, S in zip(vectors, support) for j in S):
        return False
    for i, v in enumerate(vectors):
        vals = strategy_values(payoffs, vectors, i)
        if max(vals) != sum((a * b for a, b in zip(vals, v)), Fraction(0)):
            return False
    return True


def _verify_exact_three(values: list[Any], vectors: list[list[Fraction]], support: SupportProfile) -> bool:
    """:func:`_verify_exact` for three players in integers: ``values`` are IntegerPayoffs.values.

    Each player's payoffs are scaled by a positive integer and each vector ``v_p`` is written
    ``n_p / D_p`` with integers ``n_p``; the test ``max U_i = U_i . v_i`` is the same equation times
    positive constants, decided in Python integers instead of Fractions.
    """
    import math

    if any(v[j] <= 0 for v, S in zip(vectors, support) for j in S):
        return False
    ints: list[list[tuple[int, int]]] = []
    dens: list[int] = []
    for v, S in zip(vectors, support):
        den = math.lcm(*[v[j].denominator for j in S])
        dens.append(den)
        ints.append([(j, v[j].numerator * (den // v[j].denominator)) for j in S])
    for i in range(3):
        p, q = [k for k in range(3) if k != i]
        U = values[i]
        vals = []
        for a in range(len(vectors[i])):
            total = 0
            idx = [0, 0, 0]
            idx[i] = a
            for b, nb in ints[p]:
                idx[p] = b
                for c, nc in ints[q]:
                    idx[q] = c
                    total += U[idx[0]][idx[1]][idx[2]] * nb * nc
            vals.append(total)
        if max(vals) * dens[i] != sum(vals[a] * n for a, n in ints[i]):
            return False
    return True


def _positive(numeric: Any, exact: sympy.Expr | None, eps: Any) -> bool:
    """Whether a support probability is positive: exactly from its sympy form if sympy decides, else above eps."""
    if exact is not None:
        try:
            return bool(exact > 0)
        except TypeError:  # sympy could not decide the sign of this expression
            pass
    return bool(numeric > eps)


def _support_positive(vectors: list[list[Any]], support: SupportProfile, dps: int,
                      exact: list[list[Any]] | None) -> bool:
    """Whether every support probability is positive: by its exact form when known, else above ``10**(20 - dps)``."""
    import mpmath

    from .enumpoly_three import Quadratic

    if exact is not None and all(type(exact[i][j]) in (Fraction, Quadratic) for i, S in enumerate(support) for j in S):
        # Fractions and Quadratics (elimination's exact numbers) carry their exact sign: no mpmath needed
        return all((exact[i][j].sign() if type(exact[i][j]) is Quadratic else exact[i][j]) > 0
                   for i, S in enumerate(support) for j in S)
    with mpmath.workdps(dps):
        eps = mpmath.mpf(10) ** (20 - dps)
        return all(_positive(v[j], None if exact is None else exact[i][j], eps)
                   for i, (v, S) in enumerate(zip(vectors, support)) for j in S)


def _verify(mp_payoffs: NDArray[np.object_], vectors: list[list[Any]], support: SupportProfile,
            scale: Any, dps: int, exact: list[list[sympy.Expr]] | None = None) -> tuple[bool, Any]:
    """(is an equilibrium with exactly this support, max regret) at ``dps`` digits.

    The support probabilities' signs come from ``exact`` when given (sympy decides the sign of a
    radical exactly); the numeric threshold is absolute, not scaled with the payoffs.
    """
    import mpmath

    if not _support_positive(vectors, support, dps, exact):
        return False, None
    with mpmath.workdps(dps):
        eps = mpmath.mpf(10) ** (20 - dps) * scale
        worst = mpmath.mpf(0)
        for i, v in enumerate(vectors):
            vals = strategy_values(mp_payoffs, vectors, i)
            reg = max(vals) - mpmath.fsum(a * b for a, b in zip(vals, v))
            worst = max(worst, reg)
        return worst <= eps, worst


def _ball_payoffs(payoffs: NDArray[np.object_], dps: int) -> list[Any]:
    """Each player's payoffs as arb balls at the working precision, nested ``[p][own][first other][second other]``.

    The others are in increasing order; arranged so, a player's payoff against a pure profile of the
    others is two list lookups in the verification's inner loop.
    """
    import flint

    from .enumpoly_system import working_bits

    with flint.ctx.workprec(working_bits(dps)):
        return [[[[flint.arb(flint.fmpq(x.numerator, x.denominator)) for x in row] for row in plane]
                 for plane in np.transpose(payoffs[..., p], (p, *_OTHERS[p])).tolist()]
                for p in range(payoffs.shape[-1])]


def _ball(numeric: Any, exact: Any) -> Any:
    """An arb ball holding the coordinate: exact from a Fraction or a Quadratic, else the mpf's value."""
    import flint

    from .enumpoly_three import Quadratic

    if isinstance(exact, Fraction):
        return flint.arb(flint.fmpq(exact.numerator, exact.denominator))
    if isinstance(exact, Quadratic):
        return (flint.arb(exact.p) + flint.arb(exact.q) * flint.arb(exact.d).sqrt()) / exact.r
    man, exp = numeric.man_exp
    return flint.arb(int(man)) * flint.arb(2) ** int(exp)


@functools.lru_cache(maxsize=8)
def _ball_bound(scale: Any, dps: int) -> Any:
    """:func:`_verify`'s tolerance ``10**(20 - dps) * scale`` as an arb ball (the same for every point of a solve)."""
    import flint
    import mpmath

    with mpmath.workdps(dps):
        return flint.arb(mpmath.nstr(mpmath.mpf(10) ** (20 - dps) * scale, 30))


def _verify_three_balls(balls: list[Any], vectors: list[list[Any]], support: SupportProfile, scale: Any,
                        dps: int, exact: list[list[Any]] | None) -> tuple[bool, Any]:
    """:func:`_verify` for three players in ball arithmetic (FLINT's arb): the same test, about ten times faster.

    The coordinates are balls around their exact values (Fractions and ``a + b sqrt(d)`` numbers
    exactly, others around their mpf values at the working digits), so the regret's ball holds the
    regret at those values; a point passes when its upper end is at most the tolerance of
    :func:`_verify`.  Only support strategies are summed over: the others have probability 0.
    """
    import flint
    import mpmath

    from .enumpoly_system import working_bits

    if not _support_positive(vectors, support, dps, exact):
        return False, None
    bound = _ball_bound(scale, dps)
    with flint.ctx.workprec(working_bits(dps)):
        vb = [{j: _ball(v[j], None if exact is None else exact[i][j]) for j in S}
              for i, (v, S) in enumerate(zip(vectors, support))]
        worst = flint.arb(0)
        for i in range(3):
            j, k = _OTHERS[i]
            pairs = [(b, c, vb[j][b] * vb[k][c]) for b in support[j] for c in support[k]]
            vals = []
            for plane in balls[i]:
                acc = flint.arb(0)
                for b, c, w in pairs:
                    acc += plane[b][c] * w
                vals.append(acc)
            mean = sum((vals[a] * vb[i][a] for a in support[i]), flint.arb(0))
            best = vals[0]
            for x in vals[1:]:
                best = best.max(x)
            worst = worst.max(best - mean)
        man, exp = worst.mid().man_exp()
        with mpmath.workdps(dps):
            reg = mpmath.mpf((int(man), int(exp)))
        return bool(worst <= bound), reg


def _full_vectors(shape: Sequence[int], support: SupportProfile, point_values: Sequence[Sequence[_T]],
                  zero: _T) -> list[list[_T]]:
    out = []
    for i, S in enumerate(support):
        v = [zero] * shape[i]
        for j, x in zip(S, point_values[i]):
            v[j] = x
        out.append(v)
    return out


def enumerate_polynomial_equilibria(
    payoffs: NDArray[np.object_], names: Sequence[Sequence[str]] | None = None,
    rng: np.random.Generator | None = None, progress: Callable[[int, int], None] | None = None,
) -> tuple[list[PolynomialEquilibrium], list[Continuum]]:
    """Kernel: every isolated equilibrium of the exact game ``payoffs``.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, ..., n_N, N)
    names : sequence of sequence of str, optional
        Variable names for diagnostics, ``names[i][j]``.
    rng : numpy.random.Generator, optional
        Draws the sample points of continua.
    progress : callable, optional
        Called as ``progress(done, total)``.

    Returns
    -------
    (list of PolynomialEquilibrium, list of Continuum)
        Equilibria ``{"support", "vectors"(mpf), "exact"(sympy or None), "regret"(mpf)}``
        and continua ``{"support", "dimension", "basis", "samples"}``.
    """
    # sympy and mpmath are imported here, not at the top: they take longer to import than most solves
    import mpmath

    from .enumpoly_system import build_system, sample_positive_dimensional, solve_system, working_digits

    shape = payoffs.shape[:-1]
    rng = np.random.default_rng(0) if rng is None else rng
    dps = working_digits(payoffs)
    # only the N-player and Groebner paths read the payoffs in mpmath: a 3x3x3 solve by elimination
    # never converts them
    mp_payoffs = functools.cache(lambda: _mp_payoffs(payoffs, dps))
    largest = Fraction(max_abs(payoffs))
    with mpmath.workdps(dps):
        # the largest mpf payoff: rounding to the working digits is monotone
        scale = max(mpmath.mpf(1), mpmath.mpf(largest.numerator) / largest.denominator)
    total = count_support_profiles(shape)
    found: list[PolynomialEquilibrium] = []
    continua: list[Continuum] = []
    dominated = DominanceTable(payoffs)
    eliminate = None
    screen = None
    prefilter = None
    if len(shape) == 3:
        from . import enumpoly_three

        if enumpoly_three.available():
            eliminate = enumpoly_three.solve_three_player_support
            int_payoffs = enumpoly_three.IntegerPayoffs(payoffs)
            balls = _ball_payoffs(payoffs, dps)
            screen = _float_screen(payoffs)
            if screen is not None:
                from .enumpoly_float import SupportFilter

                # most supports hold no equilibrium: rule them out in floats before building exact polynomials
                prefilter = SupportFilter(int_payoffs.values, screen)
    from . import enumpoly_msolve

    # msolve (a separate program, when installed) in place of sympy's Groebner bases; two players keep sympy
    use_msolve = len(shape) >= 3 and enumpoly_msolve.available()
    if use_msolve and eliminate is None:
        from .enumpoly_three import IntegerPayoffs

        int_payoffs = IntegerPayoffs(payoffs)  # scaled once for every support msolve is given
    for done, support in enumerate(support_profiles(shape), 1):
        if progress is not None:
            progress(done, total)
        if dominated(support):
            continue
        if prefilter is not None and not prefilter(support):
            continue
        candidates = None
        if eliminate is not None:
            candidates = eliminate(int_payoffs, support, dps, screen)
        if candidates is None and use_msolve:
            try:
                candidates = enumpoly_msolve.solve_support(int_payoffs, support, dps)
            except enumpoly_msolve.MsolveError as exc:
                import warnings

                # the sympy solver below is slower but needs no other program: the answer stays the same
                warnings.warn(f"msolve failed on support {support}, solved by sympy instead: {exc}",
                              RuntimeWarning, stacklevel=2)
        if candidates is not None:
            # one order whatever the solver: by the probabilities (the Groebner path's order within a
            # support was the iteration order of a set of sympy numbers)
            candidates.sort(key=lambda c: [float(x) for v in c[0] for x in v])
            for numeric, exact_values in candidates:
                if screen is not None and not screen(support, numeric):
                    continue
                vecs = _full_vectors(shape, support, numeric, mpmath.mpf(0))
                exact = None if exact_values is None else _full_vectors(shape, support, exact_values, Fraction(0))
                rational = exact if exact is not None and all(
                    isinstance(x, Fraction) for v in exact for x in v) else None
                if eliminate is None:  # more than three players, or no python-flint: Fractions and mpmath
                    ok, reg = ((_verify_exact(payoffs, rational, support), mpmath.mpf(0)) if rational is not None
                               else _verify(mp_payoffs(), vecs, support, scale, dps))
                elif rational is not None:
                    ok, reg = _verify_exact_three(int_payoffs.values, rational, support), mpmath.mpf(0)
                else:
                    ok, reg = _verify_three_balls(balls, vecs, support, scale, dps, exact)
                if ok:
                    found.append({"support": support, "vectors": vecs, "exact": exact, "regret": reg})
            continue
        system = build_system(payoffs, support, names)
        dim, points = solve_system(system, dps)
        if dim is None:
            d, samples = sample_positive_dimensional(system, rng, dps=dps)
            kept, kept_exact = [], []
            for pt in samples:
                ok, vecs, exact, _ = _check_point(payoffs, mp_payoffs(), shape, support, pt, scale, dps)
                if ok:
                    kept.append(vecs)
                    kept_exact.append(exact)
            if kept:
                basis = list(dict.fromkeys(str(p.as_expr()) for p in system.polys if not p.is_zero))
                continua.append({"support": support, "dimension": d, "basis": basis, "samples": kept,
                                 "exact_samples": kept_exact})
            continue
        for pt in points:
            ok, vecs, exact, reg = _check_point(payoffs, mp_payoffs(), shape, support, pt, scale, dps)
            if ok:
                found.append({"support": support, "vectors": vecs, "exact": exact, "regret": reg})
    return found, continua


def _float_screen(payoffs: NDArray[np.object_]) -> Callable[[SupportProfile, Sequence[Sequence[Any]]], bool] | None:
    """A float test of three-player points rejecting only those far from an equilibrium; None for untame payoffs.

    A candidate whose float regret exceeds 1e-6 times the largest payoff, or with a probability below
    -1e-6, is no equilibrium: the candidates are accurate to the working digits (far more than 1e-6),
    and float rounding moves a regret by about 1e-15 times the largest payoff.  Everything else goes
    on to the exact or high-precision verification, which alone accepts.
    """
    import math

    flat = [float(x) for x in payoffs.reshape(-1)]
    big = max((abs(x) for x in flat), default=0.0)
    if not all(math.isfinite(x) for x in flat) or big > 1e100:
        return None
    tiny = min((abs(x) for x in flat if x), default=1.0)
    if big / tiny > 1e6:  # payoffs spanning many decades: regrets meaningful below 1e-6 * big; no screening
        return None
    fpay = np.array(flat).reshape(payoffs.shape)
    tol = 1e-6 * max(big, 1.0)

    # plain Python over the supports: a 3x3x3 game screens a few dozen points per solve, and NumPy's
    # per-call cost (arrays, einsum) was most of the time on arrays this small
    # player i's payoffs indexed [own strategy][first opponent's][second opponent's]
    arranged = [np.transpose(fpay[..., i], (i, *_OTHERS[i])).tolist() for i in range(3)]

    def screen(support: SupportProfile, numeric: Sequence[Sequence[Any]]) -> bool:
        probs = []
        for S, v in zip(support, numeric):
            pv = [(j, float(x)) for j, x in zip(S, v)]
            for _, x in pv:
                if x < -1e-6:
                    return False
            probs.append(pv)
        for i in range(3):
            j, k = _OTHERS[i]
            pairs = [(b, c, wb * wc) for b, wb in probs[j] for c, wc in probs[k]]
            vals = []
            for plane in arranged[i]:
                acc = 0.0
                for b, c, w in pairs:
                    acc += plane[b][c] * w
                vals.append(acc)
            if max(vals) - sum(vals[a] * w for a, w in probs[i]) > tol:
                return False
        return True

    return screen


def _check_point(payoffs: NDArray[np.object_], mp_payoffs: NDArray[np.object_], shape: Sequence[int],
                 support: SupportProfile, pt: Point, scale: Any,
                 dps: int) -> tuple[bool, list[list[Any]], list[list[sympy.Expr]] | None, Any]:
    """(verified, mpf vectors, exact sympy vectors or None, max regret) of one solution of a support system."""
    import mpmath
    import sympy

    vecs = _full_vectors(shape, support, pt.numeric, mpmath.mpf(0))
    exact = None if pt.exact is None else _full_vectors(shape, support, pt.exact, sympy.Integer(0))
    if exact is not None and all(x.is_Rational for v in exact for x in v):
        # a rational point is verified in Fractions: no tolerance at all
        fr = [[Fraction(int(x.p), int(x.q)) for x in v] for v in exact]
        return _verify_exact(payoffs, fr, support), vecs, exact, mpmath.mpf(0)
    ok, reg = _verify(mp_payoffs, vecs, support, scale, dps, exact)
    return ok, vecs, exact, reg


def _is_rational(point: list[list[Any]] | None) -> bool:
    return point is not None and all(isinstance(x, Fraction) or getattr(x, "is_Rational", False)
                                     for v in point for x in v)


def _fraction(x: Any) -> Fraction:
    """A rational coordinate (a Fraction from elimination, a sympy Rational from Groebner) as a Fraction."""
    return x if isinstance(x, Fraction) else Fraction(int(x.p), int(x.q))


def _algebraic_texts(point: list[list[Any]], support: SupportProfile) -> list[list[str]]:
    """A point's exact coordinates as sympy writes them ('0', '1/3', '1/2 + sqrt(5)/10').

    Elimination gives numbers ``a + b sqrt(d)`` of one quadratic field; they are rewritten over the
    radicand of the last support strategy's probability, as the Groebner solver solves that variable
    (the last in lex order) first, so both solvers write the same radicals.
    """
    from .enumpoly_three import Quadratic, minimal_radicand

    ref = next((point[i][j] for i in reversed(range(len(point))) for j in reversed(support[i][1:])
                if isinstance(point[i][j], Quadratic) and point[i][j].q != 0), None)
    if ref is None:
        return [[str(x) for x in v] for v in point]
    radicand, r = minimal_radicand(ref)
    return [[x.text(over=(radicand, r)) if isinstance(x, Quadratic) else str(x) for x in v]
            for v in point]


def solve_enumpoly(game: Game, max_cost: float | None = None, seed: int = 0, progress: bool = True) -> SolveResult:
    """All isolated Nash equilibria of ``game`` by polynomial support enumeration.

    Parameters
    ----------
    game : Game
        Exact or float (floats are read by their shortest decimal).
    max_cost : float, optional
        Refuse games whose cost (support profiles times the largest system's
        solution bound, :func:`.enumpoly_supports.enumeration_cost`) is above
        this; None (as for the other methods' ``max_cost``) is :func:`default_max_cost` (higher
        when msolve is installed).
    seed : int
        Seed of the sample points drawn from continua.
    progress : bool
        Report progress on stderr when it is a terminal (:class:`~gametheory.progress.Progress`).

    Returns
    -------
    SolveResult
        ``complete`` unless a continuum of equilibria was found.

    Raises
    ------
    CostLimitError
        If the cost estimate exceeds ``max_cost``.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pennies = Game.zero_sum([[1, -1], [-1, 1]])
    >>> [eq.profile.as_dict()["Player 1"]["1"] for eq in solve(pennies, method="enumpoly")]
    [Fraction(1, 2)]
    >>> len(solve(pennies, method="enumpoly", max_cost=None))
    1
    """
    if max_cost is None:
        max_cost = default_max_cost()
    supports = count_support_profiles(game.shape)
    cost = enumeration_cost(game.shape)
    if cost > max_cost:
        from . import enumpoly_msolve

        hint = "" if enumpoly_msolve.available() or cost > MSOLVE_MAX_COST else (
            f" (with msolve installed, pip install 'gametheory[msolve]', the default is {MSOLVE_MAX_COST})")
        raise CostLimitError(
            f"enumpoly cost {cost} ({supports} support profiles x up to "
            f"{cost // supports} solutions per system) for a game of shape {game.shape} is above "
            f"max_cost={max_cost}{hint}; raise max_cost or use method 'gnm' or 'logit' (one equilibrium)"
        )
    exact_game = game.to_exact()
    names = [[f"p[{p}:{s}]" for s in game.strategies[i]] for i, p in enumerate(game.players)]
    with Progress(supports, "enumpoly supports", enabled=None if progress else False) as bar:
        found, continua = enumerate_polynomial_equilibria(
            np.asarray(exact_game.payoffs), names, np.random.default_rng(seed),
            (lambda done, total: bar.update()) if bar.enabled else None,
        )
    float_tol = float_tolerance(game)
    # One exactness per result: exact when the game is exact and every listed point (equilibria and
    # continuum samples) is rational; otherwise every number is a float (issue 12: the JSON said
    # "exact": false next to Fraction strings).
    exact = game.kind == "exact" and all(_is_rational(f["exact"]) for f in found) and all(
        _is_rational(x) for c in continua for x in c["exact_samples"]
    )
    eqs: list[Equilibrium] = []
    for f in found:
        info: dict[str, Any] = {"support": describe_support(game, f["support"]), "verified_regret": float(f["regret"])}
        point = f["exact"]
        if exact and point is not None:
            vecs = [[_fraction(x) for x in v] for v in point]
            prof = MixedProfile(game, vecs, exact=True)
        else:
            prof = MixedProfile(game, [[float(x) for x in v] for v in f["vectors"]], exact=False)
            if point is not None and not _is_rational(point):
                texts = _algebraic_texts(point, f["support"])
                info["algebraic"] = {
                    p: dict(zip(game.strategies[i], texts[i])) for i, p in enumerate(game.players)
                }
        eqs.append(Equilibrium.from_profile(prof, info))
    diags = [f"examined {supports} support profiles (Porter-Nudelman-Shoham order, conditional dominance pruning)"]
    samples_json = []
    for c in continua:
        diags.append(
            f"continuum of equilibria (dimension {c['dimension']}) with support "
            f"{describe_support(game, c['support'])}: "
            + (f"solutions of {c['basis']} = 0" if c["basis"] else "the indifference equations hold identically")
            + "; sample equilibria: "
            + "; ".join(
                "(" + ", ".join(format_number(float(x)) for v in s for x in v) + ")" for s in c["samples"][:3]
            )
        )
        samples_json.append({
            "support": describe_support(game, c["support"]),
            "dimension": c["dimension"],
            "equations": c["basis"],
            "samples": ([[[str(Fraction(int(x.p), int(x.q))) for x in v] for v in s or ()]
                         for s in c["exact_samples"][:5]]
                        if exact else [[[float(x) for x in v] for v in s] for s in c["samples"][:5]]),
        })
    if continua:
        diags.append("every isolated equilibrium is listed (some listed points may bound the continuum); "
                     "the continuum's other points are not")
    complete = not continua
    if not eqs and not continua:
        # Nash (1951): every finite game has an equilibrium, so none verified means one was lost
        # (a numeric stage that could not separate a root); never call that list complete.
        complete = False
        diags.append("internal: no equilibrium verified although every finite game has one; "
                     "the list is not complete (try method 'enumerate' for two players, or 'gnm')")
    return SolveResult(
        game, "enumpoly", complete, exact, 0 if exact else float_tol, tuple(eqs), tuple(diags),
        extra={"continua": samples_json} if samples_json else {},
    )
