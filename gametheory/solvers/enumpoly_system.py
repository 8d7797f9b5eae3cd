r"""The polynomial indifference system of one support profile, solved exactly.

For a support profile :math:`(S_1,\dots,S_N)` with :math:`S_i=\{a_{i0},\dots,a_{ik_i}\}`
the unknowns are :math:`x_{ij}=\sigma_i(a_{ij})` for :math:`j\ge1`, with
:math:`\sigma_i(a_{i0}) = 1-\sum_{j\ge1}x_{ij}`.  An equilibrium with this
support makes every support strategy equally good:

.. math:: \sum_{s_{-i}\in S_{-i}} \bigl(u_i(a_{ij},s_{-i})-u_i(a_{i0},s_{-i})\bigr)
          \prod_{k\ne i}\sigma_k(s_k) = 0, \qquad j=1,\dots,k_i,

a square system of polynomials, multilinear in the other players'
probabilities, with rational coefficients.  It is solved with a
lexicographic Groebner basis (Buchberger's algorithm in ``sympy.groebner``
over QQ in degree-reverse-lex order, converted to lex by FGLM): when the
ideal is zero-dimensional the basis is triangular, so its real points are
found level by level, from the last variable up, by exact real-root isolation
of univariate polynomials (``Poly.real_roots``: rational roots stay rational,
quadratic ones come as radicals) and, once a coordinate is irrational, by
mpmath polynomial roots at 60 digits.  When the ideal has
dimension :math:`d>0` (a continuum of solutions; the basis says so), :math:`d`
coordinates are fixed at random rationals to draw sample points.

The polynomials are built with ``sympy.Poly`` from symbols created here and
Fractions from the game: no text is parsed.

This module is the sympy back end of :mod:`.enumpoly` and
:mod:`.nplayer_certify`, which import it inside the functions that need it,
so importing the package does not import sympy or mpmath through it.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite
   games", in H. Amman, D. Kendrick and J. Rust (eds.), *Handbook of
   Computational Economics* 1, Elsevier, 1996, 87-142 (the indifference
   system of a support).
.. [2] R. S. Datta, "Using computer algebra to find Nash equilibria", in
   *Proceedings of the 2003 International Symposium on Symbolic and
   Algebraic Computation (ISSAC)*, ACM, 2003, 74-79.
.. [3] D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*,
   4th ed., Springer, 2015 (Buchberger's algorithm, lexicographic bases,
   elimination and extension).
.. [4] J.-C. Faugère, P. Gianni, D. Lazard and T. Mora, "Efficient
   computation of zero-dimensional Gröbner bases by change of ordering",
   *Journal of Symbolic Computation* 16(4) (1993) 329-344 (FGLM).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import mpmath
import numpy as np
import sympy
from sympy import QQ, Poly

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["SupportSystem", "Point", "build_system", "solve_system", "sample_positive_dimensional",
           "working_digits", "working_bits", "DPS"]

#: Decimal digits of the numeric stage for payoffs within a few decades of each other.
DPS = 60


def _log2_abs(x: Fraction | int) -> int:
    """``log2 |x|`` to within 1, from bit lengths (no float: exact payoffs may be above 1e308)."""
    return abs(x.numerator).bit_length() - x.denominator.bit_length()


def working_bits(dps: int) -> int:
    """Binary precision for FLINT's balls at ``dps`` decimal digits, with 40 guard bits.

    >>> working_bits(60)
    239
    """
    return int(dps * 3.33) + 40


def working_digits(payoffs: NDArray[Any]) -> int:
    r"""Decimal digits for the numeric stage: :data:`DPS` plus twice the payoffs' span in decades.

    The span is :math:`\log_{10}(M/\delta)`, with :math:`M = \max|u|` and :math:`\delta` the
    smallest nonzero :math:`|u|` or gap between two distinct payoffs of one player.  Solutions of
    the indifference systems are rational functions of the payoff differences, so probabilities
    as small as :math:`(\delta/M)^k` and regrets as small as :math:`\delta` are meaningful; at a
    fixed 60 digits and a tolerance relative to :math:`M` they are not (issue 12: payoffs of 1e20
    and 1 made every equilibrium fail verification).  With twice the span, the verification
    tolerance :math:`10^{20-\text{digits}} M` of :mod:`.enumpoly` is below :math:`10^{-40}\delta^2/M`.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, ..., n_N, N)

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> working_digits(np.array([[[F(1), F(0)], [F(0), F(2)]]], dtype=object))
    62
    >>> working_digits(np.array([[[F(10**20), F(0)], [F(0), F(1)]]], dtype=object)) > 100
    True
    """
    logs_big: list[int] = []
    logs_small: list[int] = []
    for i in range(payoffs.shape[-1]):
        # integral payoffs as ints: sorting and subtracting them is several times faster than Fractions
        exact: list[Fraction | int] = [y if isinstance(y, (int, Fraction)) else Fraction(y)
                                       for y in payoffs[..., i].reshape(-1).tolist()]
        values: list[Fraction | int] = sorted({x.numerator if x.denominator == 1 else x for x in exact})
        nonzero: list[Fraction | int] = [x if x > 0 else -x for x in values if x != 0]
        gaps: list[Fraction | int] = [b - a for a, b in zip(values, values[1:])]
        if nonzero:
            logs_big.append(_log2_abs(max(nonzero)))
        logs_small += [_log2_abs(x) for x in (min(nonzero, default=None), min(gaps, default=None)) if x]
    if not logs_big or not logs_small:
        return DPS
    span_bits = max(0, max(logs_big) - min(logs_small) + 2)
    return DPS + 2 * (span_bits * 30103 // 100000 + 1)

#: Values of the solved variables: ``{generator index: (mpf value, exact sympy number or None)}``.
Assignment: TypeAlias = "dict[int, tuple[Any, sympy.Expr | None]]"


@dataclass(frozen=True)
class Point:
    """One real solution: ``numeric[i][j]`` (mpf) per player and support position, ``exact`` sympy numbers or None."""

    numeric: tuple[tuple[Any, ...], ...]  # mpmath.mpf (mpmath has no type information)
    exact: tuple[tuple[sympy.Expr, ...], ...] | None


@dataclass(frozen=True)
class SupportSystem:
    """The indifference polynomials of one support profile."""

    support: tuple[tuple[int, ...], ...]
    gens: tuple[sympy.Symbol, ...]
    polys: tuple[Poly, ...]
    layout: tuple[tuple[int, ...], ...]  # layout[i] = generator indices of player i's support positions 1..k_i


def build_system(payoffs: NDArray[Any], support: Sequence[Sequence[int]],
                 names: Sequence[Sequence[str]] | None = None) -> SupportSystem:
    """Indifference polynomials of ``support`` for exact (Fraction) ``payoffs``.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, ..., n_N, N)
    support : sequence of sequence of int
    names : sequence of sequence of str, optional
        Names of the probability variables (``names[i][j]`` for strategy ``j``
        of player ``i``), used in diagnostics.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> pennies = np.array([[[F(1), F(-1)], [F(-1), F(1)]], [[F(-1), F(1)], [F(1), F(-1)]]], dtype=object)
    >>> [p.as_expr() for p in build_system(pennies, [(0, 1), (0, 1)]).polys]
    [4*x1_1 - 2, 2 - 4*x0_1]
    """
    n = len(support)
    supp = tuple(tuple(s) for s in support)
    gens: list[sympy.Symbol] = []
    layout: list[tuple[int, ...]] = []
    for i, S in enumerate(supp):
        idx = []
        for j in S[1:]:
            name = names[i][j] if names is not None else f"x{i}_{j}"
            idx.append(len(gens))
            gens.append(sympy.Symbol(name))
        layout.append(tuple(idx))
    if not gens:
        return SupportSystem(supp, (), (), tuple(layout))
    zero = Poly(0, *gens, domain=QQ)
    one = Poly(1, *gens, domain=QQ)
    xs = []
    for i in range(n):
        own = [Poly(gens[g], *gens, domain=QQ) for g in layout[i]]
        first = one
        for p in own:
            first = first - p
        xs.append([first] + own)
    equations = []
    for i, S in enumerate(supp):
        if len(S) < 2:
            continue
        others = [k for k in range(n) if k != i]
        diffs = [zero] * (len(S) - 1)
        for combo in itertools.product(*[range(len(supp[k])) for k in others]):
            mono = one
            idx = [0] * n
            for k, pos in zip(others, combo):
                mono = mono * xs[k][pos]
                idx[k] = supp[k][pos]
            idx[i] = S[0]
            base = payoffs[tuple(idx) + (i,)]
            for t, j in enumerate(S[1:]):
                idx[i] = j
                c = Fraction(payoffs[tuple(idx) + (i,)] - base)
                if c:
                    diffs[t] = diffs[t] + mono.mul_ground(QQ(c.numerator, c.denominator))
        equations.extend(diffs)
    return SupportSystem(supp, tuple(gens), tuple(equations), tuple(layout))


def _to_mpf(value: sympy.Expr, dps: int = DPS) -> Any:
    with mpmath.workdps(dps):
        return mpmath.mpf(str(sympy.N(value, dps)))


def _level(poly: Poly, ngens: int) -> int:
    degs = poly.degree_list()
    return min(k for k in range(ngens) if degs[k] > 0)


def _univariate_exact(poly: Poly, gens: Sequence[sympy.Symbol], k: int, assignment: Assignment) -> Poly:
    expr = poly.as_expr().xreplace({gens[g]: v[1] for g, v in assignment.items()})
    return Poly(sympy.expand(expr), gens[k], domain=QQ)


def _univariate_numeric(poly: Poly, gens: Sequence[sympy.Symbol], k: int, assignment: Assignment,
                        dps: int = DPS) -> list[Any]:
    """Coefficients (highest first) in ``gens[k]`` after substituting mpf values."""
    with mpmath.workdps(dps):
        coeffs: dict[int, Any] = {}
        for monom, coeff in poly.terms():
            c = mpmath.mpf(coeff.numerator) / mpmath.mpf(coeff.denominator)
            for g, e in enumerate(monom):
                if g != k and e:
                    c *= assignment[g][0] ** e
            coeffs[monom[k]] = coeffs.get(monom[k], 0) + c
        deg = max(coeffs)
        return [coeffs.get(d, mpmath.mpf(0)) for d in range(deg, -1, -1)]


def _roots_at_level(polys: Sequence[Poly], gens: Sequence[sympy.Symbol], k: int,
                    assignment: Assignment, dps: int = DPS) -> list[tuple[Any, sympy.Expr | None]]:
    """Real values of ``gens[k]`` given the lower variables: list of (mpf, exact or None)."""
    if all(v[1] is not None and v[1].is_Rational for v in assignment.values()):
        g = None
        for p in polys:
            u = _univariate_exact(p, gens, k, assignment)
            if u.is_zero:
                continue
            g = u if g is None else g.gcd(u)
        if g is None:
            raise _PositiveDimensional()
        if g.degree() < 1:
            return []
        out = []
        for r in set(g.real_roots()):
            exact = r if (r.is_Rational or not r.has(sympy.CRootOf)) else None
            out.append((_to_mpf(r, dps), exact))
        return out
    with mpmath.workdps(dps):
        uni = [_univariate_numeric(p, gens, k, assignment, dps) for p in polys]
        scale = max([abs(c) for u in uni for c in u] + [mpmath.mpf(1)])
        tiny = mpmath.mpf(10) ** (-(dps - 15)) * scale
        live = []
        for u in uni:
            while u and abs(u[0]) <= tiny:
                u = u[1:]
            if len(u) >= 2:
                live.append(u)
        if not live:
            raise _PositiveDimensional()
        live.sort(key=len)
        cands = mpmath.polyroots(live[0], maxsteps=200, extraprec=2 * dps)
        out = []
        for z in cands:
            if abs(mpmath.im(z)) > mpmath.mpf(10) ** (-(dps // 2)):
                continue
            x = mpmath.re(z)
            if all(abs(mpmath.polyval(u, x)) <= mpmath.mpf(10) ** (-(dps // 2)) * scale for u in live[1:]):
                exact = None
                if len(live[0]) == 2 and all(v[1] is not None for v in assignment.values()):
                    lin = [p for p in polys if p.degree(gens[k]) == 1]
                    if lin:
                        expr = lin[0].as_expr().xreplace({gens[g]: v[1] for g, v in assignment.items()})
                        c1 = sympy.expand(expr).coeff(gens[k], 1)
                        c0 = sympy.expand(expr).coeff(gens[k], 0)
                        exact = sympy.radsimp(-c0 / c1)
                out.append((x, exact))
        return out


class _PositiveDimensional(Exception):
    pass


def _triangular(basis: Sequence[Poly], gens: Sequence[sympy.Symbol], dps: int = DPS) -> list[Assignment]:
    levels: dict[int, list[Poly]] = {k: [] for k in range(len(gens))}
    for p in basis:
        levels[_level(p, len(gens))].append(p)
    partial: list[Assignment] = [{}]
    for k in reversed(range(len(gens))):
        nxt = []
        for assignment in partial:
            for val in _roots_at_level(levels[k], gens, k, assignment, dps):
                nxt.append({**assignment, k: val})
        partial = nxt
    return partial


def _point(system: SupportSystem, assignment: Assignment, dps: int = DPS) -> Point:
    numeric, exact = [], []
    all_exact = True
    with mpmath.workdps(dps):
        for i in range(len(system.support)):
            vals = [assignment[g][0] for g in system.layout[i]]
            ex = [e for e in (assignment[g][1] for g in system.layout[i]) if e is not None]
            numeric.append(tuple([1 - mpmath.fsum(vals)] + vals))
            if len(ex) < len(vals):
                all_exact = False
            else:
                exact.append(tuple([sympy.radsimp(sympy.Integer(1) - sum(ex, sympy.Integer(0)))] + ex))
    return Point(tuple(numeric), tuple(exact) if all_exact else None)


def solve_system(system: SupportSystem, dps: int = DPS) -> tuple[int | None, list[Point]]:
    """Real solutions of the system.

    Parameters
    ----------
    system : SupportSystem
    dps : int
        Decimal digits of the numeric values (:func:`working_digits` of the game: more than
        :data:`DPS` when the payoffs span many orders of magnitude).

    Returns
    -------
    (dimension, list of Point)
        ``dimension`` is 0 for finitely many solutions (the points are all the
        real ones), -1 when there is none, and ``None`` when the solution set
        is positive-dimensional (no points: see :func:`sample_positive_dimensional`).
    """
    gens = system.gens
    if not gens:
        # every support a single strategy: the one point plays it with probability 1
        ones = tuple((mpmath.mpf(1),) for _ in system.support)
        return 0, [Point(ones, tuple((sympy.Integer(1),) for _ in system.support))]
    polys = [p for p in system.polys if not p.is_zero]
    if len(polys) < len(gens):
        return None, []
    # Degree-reverse-lex first, then FGLM to lex: an order of magnitude faster than a direct lex
    # basis on the full supports of 3x3x3 games (Faugere, Gianni, Lazard, Mora 1993).
    basis = sympy.groebner([p.as_expr() for p in polys], *gens, order="grevlex", domain=QQ)
    if list(basis.exprs) == [1]:
        return -1, []
    if not basis.is_zero_dimensional:
        return None, []
    basis = basis.fglm("lex")
    try:
        sols = _triangular(list(basis.polys), gens, dps)
    except _PositiveDimensional:  # pragma: no cover - a zero-dimensional basis is triangular
        return None, []
    return 0, [_point(system, a, dps) for a in sols]


def sample_positive_dimensional(system: SupportSystem, rng: np.random.Generator,
                                tries: int = 12, dps: int = DPS) -> tuple[int | None, list[Point]]:
    """Fix the fewest variables at random rationals so the rest is finite; collect points.

    Returns
    -------
    (dimension or None, list of Point)
    """
    gens = system.gens
    polys = [p for p in system.polys if not p.is_zero]
    for d in range(1, len(gens) + 1):
        for free in itertools.combinations(range(len(gens)), d):
            points: list[Point] = []
            finite = False
            for _ in range(tries):
                vals = {gens[g]: sympy.Rational(int(rng.integers(1, 99)), 100) for g in free}
                rest = [g for g in range(len(gens)) if g not in free]
                sub_gens = [gens[g] for g in rest]
                sub = [Poly(p.as_expr().xreplace(vals), *sub_gens, domain=QQ) for p in polys] if rest else []
                sub = [p for p in sub if not p.is_zero]
                if not rest:
                    if sub:
                        continue
                    assignment = {g: (_to_mpf(vals[gens[g]], dps), vals[gens[g]]) for g in free}
                    finite = True
                    points.append(_point(system, assignment, dps))
                    continue
                basis = sympy.groebner([p.as_expr() for p in sub], *sub_gens, order="lex", domain=QQ)
                if list(basis.exprs) == [1] or not basis.is_zero_dimensional:
                    continue
                finite = True
                for sol in _triangular(list(basis.polys), sub_gens, dps):
                    assignment = {rest[k]: v for k, v in sol.items()}
                    assignment.update({g: (_to_mpf(vals[gens[g]], dps), vals[gens[g]]) for g in free})
                    points.append(_point(system, assignment, dps))
            if finite:
                return d, points
    return None, []
