r"""Support systems of three-player games solved by elimination, without Groebner bases.

For a support profile :math:`(S_1, S_2, S_3)` with :math:`d_p = |S_p| - 1` unknowns per player,
player :math:`p`'s :math:`d_p` indifference equations are bilinear in the other two players'
mixed strategies (:mod:`.enumpoly_system`).  Pick a player :math:`k` whose two opponents
:math:`i, j` have equally many unknowns, :math:`d_i = d_j`, and :math:`d_k \le 2`, and write
:math:`\sigma_k = (1 - \sum_m y_m, y_1, \dots, y_{d_k})`.  Given :math:`\sigma_k`, player
:math:`i`'s equations are linear in :math:`\sigma_j`: with the row of ones that makes
:math:`\sigma_j` sum to 1 they form a square matrix :math:`M_i(y)` whose entries are affine in
:math:`y`, so by Cramer's rule

.. math:: \sigma_j = n_j(y) / \textstyle\sum_b n_j(y)_b, \qquad n_j = \operatorname{adj}(M_i)\,e_{\text{last}},

:math:`n_j` polynomial of degree :math:`d_i` (and likewise :math:`\sigma_i` from player :math:`j`'s
equations).  Player :math:`k`'s :math:`d_k` equations, multiplied by both determinants, become
polynomials :math:`F_e(y) = \sum_{a, b} \Delta^k_e(a, b)\, n_i(y)_a\, n_j(y)_b` of degree
:math:`2 d_i`: one univariate polynomial when :math:`d_k = 1`, two bivariate ones when
:math:`d_k = 2`, reduced to one univariate polynomial by their resultant (Cox, Little and
O'Shea, ch. 3).  Nothing is lost: at an equilibrium either :math:`\det M_i \ne 0` and the
equations hold, or :math:`M_i \sigma_j = e` is a consistent singular system, whose adjugate
column :math:`n_j` is then 0, so every :math:`F_e` vanishes there too.  Such a point (an
:math:`n` vector equal to 0 at a root, an :math:`F` or a resultant that vanishes identically)
may lie on a continuum, and the support is handed back to the Groebner-basis solver
(:func:`.enumpoly_system.solve_system`) by returning None; so does every support with no
such player :math:`k`.

The univariate polynomials have rational coefficients and are factored exactly over
:math:`\mathbb{Q}` (FLINT, through python-flint): linear factors give rational roots,
quadratic ones roots :math:`a + b\sqrt{D}` handled exactly by :class:`Quadratic`, and the
real roots of higher factors are isolated in certified balls (FLINT's ``arb`` complex root
isolation) and carried as mpmath numbers at the working digits, as
:mod:`.enumpoly_system` does with ``CRootOf`` roots.  The second coordinate of a bivariate
system is the common root of :math:`F_1, F_2` at the first: an exact gcd over
:math:`\mathbb{Q}` or :math:`\mathbb{Q}(\sqrt D)`, else mpmath polynomial roots.  These
points are candidates: :mod:`.enumpoly` verifies each (integer regrets for rational points,
ball-arithmetic regrets at the working digits otherwise).

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* 1, Elsevier, 1996, 87-142 (the indifference system
   of a support, multilinear in the other players' strategies).
.. [2] D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015 (resultants and elimination, ch. 3).
.. [3] F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval
   arithmetic", *IEEE Transactions on Computers* 66(8) (2017) 1281-1292 (certified complex
   root isolation of integer polynomials).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TypeAlias

__all__ = ["Quadratic", "IntegerPayoffs", "minimal_radicand", "solve_three_player_support", "available"]

#: A number of the field a point lies in: a Fraction, a Quadratic (a + b*sqrt(D)), or None when not known
#: exactly.  Typed Any: the field operations mix Fraction and Quadratic, which mypy cannot follow.
Exact: TypeAlias = Any


_SYMPY_SQRT: dict[int, Any] = {}

#: Bits of a Quadratic's denominator beyond which a field operation divides out the common factor.
_REDUCE_BITS = 512


class Quadratic:
    """The real number ``a + b*sqrt(d)`` (``a``, ``b`` Fractions, ``d`` a positive non-square integer).

    Held as integers ``(p + q*sqrt(d)) / r`` with ``r > 0``: the field operations are then a few
    integer products each, where Fractions took a gcd per operation (this class's arithmetic was most
    of the cost of a support whose equilibria are irrational).  ``r`` is reduced against ``p`` and
    ``q`` after a division and when the integers pass :data:`_REDUCE_BITS`, so a long product does
    not grow them without bound; ``a`` and ``b`` are the reduced Fractions.

    >>> r = Quadratic(Fraction(1, 2), Fraction(1, 2), 5)
    >>> r * r - r == 1, (r - 2).sign(), (1 / r).sign()
    (True, -1, 1)
    >>> (r * r).a, (r * r).b
    (Fraction(3, 2), Fraction(1, 2))
    """

    __slots__ = ("p", "q", "r", "d")

    def __init__(self, a: Fraction | int, b: Fraction | int, d: int) -> None:
        a, b = Fraction(a), Fraction(b)
        r = a.denominator * b.denominator // math.gcd(a.denominator, b.denominator)
        self.p = a.numerator * (r // a.denominator)
        self.q = b.numerator * (r // b.denominator)
        self.r = r
        self.d = d

    @classmethod
    def _raw(cls, p: int, q: int, r: int, d: int) -> Quadratic:
        out = object.__new__(cls)
        if r < 0:
            p, q, r = -p, -q, -r
        if r.bit_length() > _REDUCE_BITS:
            g = math.gcd(p, q, r)
            if g > 1:
                p, q, r = p // g, q // g, r // g
        out.p, out.q, out.r, out.d = p, q, r, d
        return out

    @property
    def a(self) -> Fraction:
        return Fraction(self.p, self.r)

    @property
    def b(self) -> Fraction:
        return Fraction(self.q, self.r)

    def _parts(self, other: Any) -> tuple[int, int, int]:
        """(p, q, r) of ``other``: a Quadratic of this field, an int or a Fraction."""
        if isinstance(other, Quadratic):
            return other.p, other.q, other.r
        if isinstance(other, int):
            return other, 0, 1
        f = other if isinstance(other, Fraction) else Fraction(other)
        return f.numerator, 0, f.denominator

    def __add__(self, other: Any) -> Quadratic:
        p, q, r = self._parts(other)
        if r == self.r:
            return Quadratic._raw(self.p + p, self.q + q, r, self.d)
        return Quadratic._raw(self.p * r + p * self.r, self.q * r + q * self.r, self.r * r, self.d)

    __radd__ = __add__

    def __neg__(self) -> Quadratic:
        return Quadratic._raw(-self.p, -self.q, self.r, self.d)

    def __sub__(self, other: Any) -> Quadratic:
        p, q, r = self._parts(other)
        if r == self.r:
            return Quadratic._raw(self.p - p, self.q - q, r, self.d)
        return Quadratic._raw(self.p * r - p * self.r, self.q * r - q * self.r, self.r * r, self.d)

    def __rsub__(self, other: Any) -> Quadratic:
        return (-self).__add__(other)

    def __mul__(self, other: Any) -> Quadratic:
        p, q, r = self._parts(other)
        if q == 0:
            return Quadratic._raw(self.p * p, self.q * p, self.r * r, self.d)
        return Quadratic._raw(self.p * p + self.q * q * self.d, self.p * q + self.q * p, self.r * r, self.d)

    __rmul__ = __mul__

    def __pow__(self, e: int) -> Quadratic:
        out = Quadratic._raw(1, 0, 1, self.d)
        for _ in range(e):
            out = out * self
        return out

    def __truediv__(self, other: Any) -> Quadratic:
        p, q, r = self._parts(other)
        # x / ((p + q sqrt d) / r) = x * r (p - q sqrt d) / (p^2 - q^2 d); the norm is nonzero for a
        # nonzero divisor, d not being a square
        norm = p * p - q * q * self.d
        if norm == 0:
            raise ZeroDivisionError("Quadratic division by zero")
        num = self * Quadratic._raw(r * p, -r * q, 1, self.d)
        g = math.gcd(num.p, num.q, norm)
        return Quadratic._raw(num.p // g, num.q // g, num.r * (norm // g), self.d)._reduced()

    def __rtruediv__(self, other: Any) -> Quadratic:
        p, q, r = self._parts(other)
        return Quadratic._raw(p, q, r, self.d) / self

    def _reduced(self) -> Quadratic:
        g = math.gcd(self.p, self.q, self.r)
        if g > 1:
            return Quadratic._raw(self.p // g, self.q // g, self.r // g, self.d)
        return self

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction, Quadratic)):
            return (self - other).sign() == 0
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __gt__(self, other: Any) -> bool:
        return (self - other).sign() > 0

    def __lt__(self, other: Any) -> bool:
        return (self - other).sign() < 0

    def sign(self) -> int:
        """The exact sign, from ``p`` and ``q`` and, when they differ in sign, ``p**2`` against ``q**2 d``."""
        p, q = self.p, self.q
        sa = (p > 0) - (p < 0)
        sb = (q > 0) - (q < 0)
        if sb == 0 or sa == sb:
            return sa or sb
        if sa == 0:
            return sb
        return sa if p * p > q * q * self.d else sb

    def __float__(self) -> float:
        return float(self.a) + float(self.b) * math.sqrt(self.d)

    def to_mpf(self) -> Any:
        """The value at mpmath's current precision."""
        import mpmath

        return (mpmath.mpf(self.p) + mpmath.mpf(self.q) * mpmath.sqrt(self.d)) / self.r

    def to_sympy(self) -> Any:
        """The same number as a sympy expression (``a + b*sqrt(d)``, sympy's canonical form)."""
        import sympy

        root = _SYMPY_SQRT.get(self.d)
        if root is None:  # sympy.sqrt factors d to take out squares: once per field
            root = _SYMPY_SQRT[self.d] = sympy.sqrt(sympy.Integer(self.d))
        return sympy.Rational(self.a.numerator, self.a.denominator) + sympy.Rational(
            self.b.numerator, self.b.denominator) * root

    def text(self, over: tuple[int, Fraction] | None = None) -> str:
        """The number as sympy prints ``a + b*sqrt(d)``, without building the sympy expression.

        sympy takes the square factors it finds out of ``d`` (``sqrt(12)`` is ``2*sqrt(3)``): that
        step is sympy's own (cached per ``d``); the printing rule is sympy's for a sum of two
        numbers: the rational term first when the signs differ, else the smaller term first.
        With ``over = (D, s)``, where ``sqrt(d) = sqrt(D) / s``, the number is written over
        ``sqrt(D)`` instead (:func:`minimal_radicand`).

        >>> Quadratic(Fraction(1, 2), Fraction(-1, 10), 5).text(), Quadratic(Fraction(3), Fraction(2), 12).text()
        ('1/2 - sqrt(5)/10', '3 + 4*sqrt(3)')
        >>> Quadratic(Fraction(1, 2), Fraction(3, 2), 20).text(over=(2880, Fraction(12)))  # sympy: 1/2 + sqrt(2880)/8
        '1/2 + 3*sqrt(5)'
        """
        radicand, s = (self.d, Fraction(1)) if over is None else over
        k, m = _sympy_sqrt_parts(radicand)
        # the coefficient of sqrt(m): q / (r s) times k, one Fraction instead of a chain of them
        c = Fraction(self.q * s.denominator * k.numerator, self.r * s.numerator * k.denominator)
        a = Fraction(self.p, self.r)
        if c == 0:
            return str(a)
        body = f"sqrt({m})" if abs(c.numerator) == 1 else f"{abs(c.numerator)}*sqrt({m})"
        if c.denominator != 1:
            body += f"/{c.denominator}"
        if a == 0:
            return body if c > 0 else "-" + body
        sqrt_first = (a > 0) == (c > 0) and (Quadratic._raw(-self.p, self.q, self.r, self.d).sign() < 0)
        if sqrt_first:
            return (body if c > 0 else "-" + body) + (f" + {a}" if a > 0 else f" - {-a}")
        return str(a) + (f" + {body}" if c > 0 else f" - {body}")

    def __repr__(self) -> str:
        return f"Quadratic({self.a}, {self.b}, {self.d})"


def _sympy_sqrt_parts(d: int) -> tuple[Fraction, int]:
    """(k, m) with sqrt(d) = k*sqrt(m) as sympy writes it (sympy finds the square factors it can)."""
    parts = _SQRT_PARTS.get(d)
    if parts is None:
        import sympy

        coeff, rest = sympy.sqrt(sympy.Integer(d)).as_coeff_Mul()
        parts = _SQRT_PARTS[d] = (Fraction(int(coeff.p), int(coeff.q)), int(rest.base))
    return parts


_SQRT_PARTS: dict[int, tuple[Fraction, int]] = {}


def minimal_radicand(x: Quadratic) -> tuple[int, Fraction]:
    """(D', r) with ``sqrt(x.d) = sqrt(D') / r``, D' the discriminant of x's primitive integer minimal polynomial.

    That discriminant is what sympy's quadratic formula puts under the square root when it solves the
    minimal polynomial, so writing every coordinate of a point over it reproduces the Groebner
    solver's radicals (whose last lex variable is solved that way).

    >>> minimal_radicand(Quadratic(Fraction(1, 2), Fraction(1, 2), 5))  # x**2 - x - 1 = 0
    (5, Fraction(1, 1))
    >>> minimal_radicand(Quadratic(Fraction(1, 2), Fraction(3, 2), 20))  # 4 x**2 - 4 x - 179 = 0: sqrt(2880)/12
    (2880, Fraction(12, 1))
    """
    # x = (p + q sqrt d) / r is a root of r^2 X^2 - 2 p r X + (p^2 - q^2 d); divided by the gcd of its
    # coefficients it is the primitive minimal polynomial c2 X^2 + c1 X + c0, and sqrt(d) = sqrt(disc) / (2 b c2)
    p, q, r, d = x.p, x.q, x.r, x.d
    c0, c1, c2 = p * p - q * q * d, -2 * p * r, r * r
    g = math.gcd(c0, c1, c2)
    c0, c1, c2 = c0 // g, c1 // g, c2 // g
    return c1 * c1 - 4 * c2 * c0, abs(Fraction(2 * q * c2, r))


def available() -> bool:
    """Whether python-flint (exact factoring and certified root isolation) can be imported."""
    try:
        import flint  # noqa: F401
    except ImportError:  # pragma: no cover - python-flint is installed with the package's extras
        return False
    return True


# --- exact univariate polynomials: lists of coefficients, lowest degree first, over Q or Q(sqrt d)


def _trim(p: list[Any]) -> list[Any]:
    while p and p[-1] == 0:
        p = p[:-1]
    return p


def _divmod_rem(p: list[Any], q: list[Any]) -> list[Any]:
    p = list(p)
    lead = q[-1]
    while len(p) >= len(q):
        c = p[-1] / lead
        shift = len(p) - len(q)
        for t, x in enumerate(q):
            p[shift + t] = p[shift + t] - c * x
        p = _trim(p[:-1])
    return p


def _gcd(p: list[Any], q: list[Any]) -> list[Any]:
    p, q = _trim(p), _trim(q)
    while q:
        p, q = q, _divmod_rem(p, q)
    return p


class _Root:
    """One real root: its exact value (Fraction, Quadratic or None), its minimal polynomial, its mpf value.

    The mpf value of an exact root is computed when first asked for (most roots are dropped by the
    float screen before that), at mpmath's precision of that moment.
    """

    __slots__ = ("exact", "minpoly", "_value")

    def __init__(self, exact: Exact, minpoly: Any, value: Any = None) -> None:
        self.exact, self.minpoly, self._value = exact, minpoly, value

    @property
    def value(self) -> Any:
        if self._value is None:
            import mpmath

            x = self.exact
            self._value = x.to_mpf() if isinstance(x, Quadratic) else mpmath.mpf(x.numerator) / x.denominator
        return self._value

    def __float__(self) -> float:
        return float(self.exact) if self._value is None else float(self._value)


def _real_roots(coeffs: Sequence[Fraction], dps: int) -> list[_Root] | None:
    """Real roots of a nonzero polynomial over Q (coefficients lowest first), each once; None if it is 0."""
    import flint
    import mpmath

    from .enumpoly_system import working_bits

    poly = flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])
    if poly.is_zero():
        return None
    out: list[_Root] = []
    for factor, _mult in poly.factor()[1]:
        deg = factor.degree()
        c = [Fraction(int(x.p), int(x.q)) for x in factor.coeffs()]
        if deg == 1:
            r = -c[0] / c[1]
            out.append(_Root(r, None))
        elif deg == 2:
            # the primitive integer polynomial's discriminant, as sympy's quadratic formula takes it: the
            # square root then has the same radicand (and text) as the Groebner solver's radicals
            den = math.lcm(*[x.denominator for x in c])
            ints = [int(x * den) for x in c]
            g = math.gcd(*ints)
            cc, bb, aa = [x // g for x in ints]
            disc = bb * bb - 4 * aa * cc
            if disc < 0:
                continue
            for s in (1, -1):
                q = Quadratic(Fraction(-bb, 2 * aa), Fraction(s, 2 * aa), disc)
                out.append(_Root(q, None))
        else:
            with flint.ctx.workprec(working_bits(dps)):
                roots: list[Any] = factor.numer().complex_roots()
            for z, _m in roots:
                if z.imag == 0:  # FLINT returns real roots with an exact zero imaginary part
                    out.append(_Root(None, factor, mpmath.mpf(z.real.mid().str(dps + 10, radius=False))))
    return out


# --- the elimination


def _det(rows: list[list[Any]], one: Any) -> Any:
    """Determinant by cofactor expansion along the first row (matrices of at most 4x4 here)."""
    if not rows:
        return one
    if len(rows) == 1:
        return rows[0][0]
    total = None
    for c in range(len(rows)):
        minor = [r[:c] + r[c + 1:] for r in rows[1:]]
        term = rows[0][c] * _det(minor, one)
        total = term if total is None else (total + term if c % 2 == 0 else total - term)
    return total


def _cofactor_column(rows: list[list[Any]], one: Any) -> list[Any]:
    """``adj(M) e_last`` for M = rows plus a last row of ones: the signed minors of that last row."""
    m = len(rows) + 1
    out = []
    for b in range(m):
        minor = [r[:b] + r[b + 1:] for r in rows]
        sign = 1 if (m - 1 + b) % 2 == 0 else -1
        d = _det(minor, one)
        out.append(d if sign == 1 else -d)
    return out


def _mpoly_terms(p: Any) -> list[tuple[tuple[int, ...], Fraction | int]]:
    """``(exponents, coefficient)`` of a flint polynomial; integer coefficients as ints (the cofactors of
    integer payoffs have only those, and a Quadratic times an int needs no Fraction)."""
    return [(tuple(int(e) for e in exps), int(c.p) if c.q == 1 else Fraction(int(c.p), int(c.q)))
            for exps, c in p.terms()]


def _eval_terms(terms: list[tuple[tuple[int, ...], Any]], values: Sequence[Any], zero: Any) -> Any:
    # each power of each value computed once per call, and the coefficient multiplied last, so that a
    # Quadratic's own product is used (a Fraction times a Quadratic goes through Fraction's fallbacks)
    powers: list[list[Any]] = [[None, v] for v in values]
    out = zero
    for exps, c in terms:
        t = None
        for g, e in enumerate(exps):
            if e:
                pw = powers[g]
                while len(pw) <= e:
                    pw.append(pw[-1] * pw[1])
                t = pw[e] if t is None else t * pw[e]
        out = out + (c if t is None else t * c)
    return out


def _univariate(terms: list[tuple[tuple[int, ...], Any]], var: int, values: dict[int, Any], zero: Any) -> list[Any]:
    """Coefficients (lowest first) in variable ``var`` after substituting ``values`` for the others."""
    coeffs: dict[int, Any] = {}
    for exps, c in terms:
        t = c
        for g, e in enumerate(exps):
            if g != var and e:
                t = t * values[g] ** e
        coeffs[exps[var]] = coeffs.get(exps[var], zero) + t
    deg = max(coeffs, default=-1)
    return [coeffs.get(k, zero) for k in range(deg + 1)]


class _Fallback(Exception):
    """The support needs the Groebner-basis solver (a possible continuum or an unhandled shape)."""


def _solve_linear(rows: list[list[Any]], rhs: list[Any]) -> list[Any] | None:
    """The unique solution of ``rows @ x = rhs`` over Q or Q(sqrt d), None when there is none.

    Raises _Fallback when the solutions form a line or more (the support may hold a continuum).
    """
    from ..exact import row_reduce

    ncols = len(rows[0]) if rows else 0
    m, pivots = row_reduce([list(r) + [b] for r, b in zip(rows, rhs)], ncols)
    if any(row[-1] != 0 for row in m[len(pivots):]):
        return None
    if len(pivots) < ncols:
        raise _Fallback
    return [m[t][-1] for t in range(ncols)]


def _float_then_newton(c: list[Any], dps: int) -> list[Any] | None:
    """Real roots of an mpf polynomial (lowest first): numpy's roots, each polished by Newton at ``dps`` digits.

    None when that is not safe: roots closer than 1e-6 (relative), a root with a small but nonzero
    imaginary part, coefficients beyond floats, or a Newton iteration that does not converge.
    """
    import mpmath
    import numpy as np

    with np.errstate(all="ignore"):
        fc = np.array([float(x) for x in reversed(c)])
        if not np.all(np.isfinite(fc)) or fc[0] == 0:
            return None
        approx = np.roots(fc)
    if not np.all(np.isfinite(approx)):
        return None
    size = 1.0 + np.abs(approx)
    for a in range(len(approx)):
        for b in range(a + 1, len(approx)):
            if abs(approx[a] - approx[b]) <= 1e-6 * max(size[a], size[b]):
                return None
    out = []
    high = list(reversed(c))
    deriv = [x * (len(high) - 1 - t) for t, x in enumerate(high[:-1])]
    for z in approx:
        if abs(z.imag) > 1e-6 * (1.0 + abs(z)):
            continue
        if abs(z.imag) > 1e-12 * (1.0 + abs(z)):
            return None
        x = mpmath.mpf(float(z.real))
        stop = mpmath.mpf(10) ** (-(dps - 5)) * max(1, abs(x))
        for _ in range(2 * int(math.log2(dps)) + 12):
            step = mpmath.polyval(high, x) / mpmath.polyval(deriv, x)
            x -= step
            if abs(step) <= stop:
                break
        else:
            return None
        out.append(x)
    return out


def _mp_roots(coeffs: list[Any], dps: int, others: list[list[Any]]) -> list[Any]:
    """Real roots (mpf) of a numeric polynomial (lowest first) that the ``others`` also vanish at."""
    import mpmath

    scale = max([abs(c) for c in coeffs] + [mpmath.mpf(1)])
    tiny = mpmath.mpf(10) ** (-(dps - 15)) * scale
    c = list(coeffs)
    while c and abs(c[-1]) <= tiny:
        c.pop()
    if len(c) < 2:
        raise _Fallback
    tol = mpmath.mpf(10) ** (-(dps // 2))
    real = _float_then_newton(c, dps)
    if real is None:  # clustered, complex-looking or out-of-float-range roots: mpmath's own root finder
        real = [mpmath.re(z) for z in mpmath.polyroots(list(reversed(c)), maxsteps=200, extraprec=2 * dps)
                if abs(mpmath.im(z)) <= tol]
    out = []
    for x in real:
        if all(abs(mpmath.polyval(list(reversed(o)), x)) <= tol * scale for o in others):
            out.append(x)
    return out


class IntegerPayoffs:
    """Each player's payoffs times the common denominator of their Fractions, as nested lists of ints.

    A player's indifference equations are homogeneous in their own payoff differences, so this
    scaling changes no solution, and the coefficients stay integers (no Fraction arithmetic).
    """

    def __init__(self, payoffs: Any) -> None:
        import numpy as np

        from ..exact import integer_scaled

        self.shape = tuple(payoffs.shape[:-1])
        self.values: list[Any] = []
        for p in range(payoffs.shape[-1]):
            nums, _ = integer_scaled([Fraction(x) for x in payoffs[..., p].reshape(-1)])
            ints = np.array(nums, dtype=object)
            self.values.append(ints.reshape(self.shape).tolist())

    def __call__(self, p: int, idx: dict[int, int]) -> int:
        return int(self.values[p][idx[0]][idx[1]][idx[2]])


def solve_three_player_support(payoffs: Any, support: Sequence[Sequence[int]], dps: int,
                               screen: Any = None) -> list[tuple[list[list[Any]], list[list[Exact]] | None]] | None:
    """Candidate solutions of a three-player support system, or None to use the Groebner-basis solver.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, n_2, n_3, 3), or IntegerPayoffs
        The game (an :class:`IntegerPayoffs` of it saves the conversion when many supports are solved).
    support : three sequences of int
    dps : int
        Working decimal digits (:func:`.enumpoly_system.working_digits`).
    screen : callable, optional
        ``screen(support, vectors)`` with float probabilities of the support strategies: False only
        for points that are certainly no equilibrium.  Parameter values whose float points all fail
        it are dropped before any exact arithmetic (most roots of the eliminants are not equilibria).

    Returns
    -------
    list of (numeric, exact) or None
        ``numeric[p]`` the mpf probabilities of player ``p``'s support strategies (in support order),
        ``exact[p]`` the same as Fractions or :class:`Quadratic` numbers, or ``exact`` None when the
        point is not known exactly.  Every solution of the system with all support probabilities
        positive is among them (they still have to be verified).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> from gametheory.solvers.enumpoly_system import working_digits
    >>> pennies3 = np.zeros((2, 2, 1, 3), dtype=object)
    >>> for r in range(2):
    ...     for c in range(2):
    ...         pennies3[r, c, 0] = [F(1 if r == c else -1), F(-1 if r == c else 1), F(0)]
    >>> [ex for _, ex in solve_three_player_support(pennies3, [(0, 1), (0, 1), (0,)], 60)]
    [[[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 1)]]]
    """
    import flint
    import mpmath

    u = payoffs if isinstance(payoffs, IntegerPayoffs) else IntegerPayoffs(payoffs)

    supp = [tuple(s) for s in support]
    d = [len(s) - 1 for s in supp]
    choice = None
    for k in sorted(range(3), key=lambda p: d[p]):
        i, j = [p for p in range(3) if p != k]
        if d[i] == d[j] and d[k] <= 2:
            choice = (k, i, j)
            break
    if choice is None:
        if 0 in d:
            try:
                return _pure_player_points(u, supp, d.index(0), dps)
            except _Fallback:
                return None
        return None
    k, i, j = choice
    dk = d[k]
    names = ("y1", "y2")[:max(dk, 1)]
    ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
    gens = ctx.gens()[:dk]
    one = ctx.from_dict({(0,) * len(names): 1})
    sig_k = [one - sum(gens, ctx.from_dict({}))] + list(gens)

    def rows_for(p: int, q: int) -> list[list[Any]]:
        # player p's equations as linear forms in sigma_q, coefficients polynomials in y
        rows = []
        for a in supp[p][1:]:
            row = []
            for b in supp[q]:
                acc = ctx.from_dict({})
                for c, sk in zip(supp[k], sig_k):
                    delta = u(p, {p: a, q: b, k: c}) - u(p, {p: supp[p][0], q: b, k: c})
                    if delta:
                        acc = acc + sk * delta
                row.append(acc)
            rows.append(row)
        return rows

    try:
        rows_i, rows_j = rows_for(i, j), rows_for(j, i)
        n_j = _cofactor_column(rows_i, one)
        n_i = _cofactor_column(rows_j, one)
        F = []
        for c in supp[k][1:]:
            acc = ctx.from_dict({})
            for a, na in zip(supp[i], n_i):
                inner = ctx.from_dict({})  # sum_b delta(a, b) n_j[b]: one product per a
                for b, nb in zip(supp[j], n_j):
                    delta = u(k, {i: a, j: b, k: c}) - u(k, {i: a, j: b, k: supp[k][0]})
                    if delta:
                        inner = inner + nb * delta
                acc = acc + na * inner
            F.append(acc)
        exact_terms: list[Any] = []  # the cofactors' terms as Fractions, made when a point survives the screen

        def exact() -> tuple[Any, Any]:
            if not exact_terms:
                exact_terms.extend([[_mpoly_terms(p) for p in n_i], [_mpoly_terms(p) for p in n_j]])
            return exact_terms[0], exact_terms[1]

        float_ok = None
        if screen is not None:
            fterms_i = [[(tuple(int(x) for x in e), float(c)) for e, c in p.terms()] for p in n_i]
            fterms_j = [[(tuple(int(x) for x in e), float(c)) for e, c in p.terms()] for p in n_j]

            def float_ok(y: list[float]) -> bool:
                vec: list[list[float]] = [[], [], []]
                vec[k] = [1.0 - sum(y)] + list(y)
                for who, terms in ((i, fterms_i), (j, fterms_j)):
                    vals = [_eval_terms(t, y, 0.0) for t in terms]
                    total = sum(vals)
                    size = max(abs(v) for v in vals)
                    if size == 0.0 or abs(total) <= 1e-9 * size:
                        return True  # near-singular: leave it to the exact path
                    vec[who] = [v / total for v in vals]
                return bool(screen(supp, vec))

        with mpmath.workdps(dps):
            ys = _parameter_points(ctx, F, dk, dps, float_ok)
            out = []
            eps = mpmath.mpf(10) ** (-(dps // 2))
            for y_exact, y_num, minpoly in ys:
                # sigma_k must be positive on its support: skip points outside before completing them
                ex_k: list[Exact] = ([None] * (dk + 1) if y_exact is None
                                     else [1 - sum(y_exact, Fraction(0))] + list(y_exact))
                num_k = [1 - mpmath.fsum(y_num)] + list(y_num)
                if not all(_positive_or_unknown(e, v, eps) for e, v in zip(ex_k, num_k)):
                    continue
                if float_ok is not None and dk == 2 and not float_ok([float(v) for v in y_num]):
                    continue
                pt = _complete_point(*exact(), y_exact, y_num, minpoly, dk)
                if pt is None:
                    continue
                if pt[0] is None or pt[1] is None:
                    if pt[0] is None and pt[1] is None:
                        raise _Fallback
                    assert y_exact is not None
                    pt = _one_free(pt, y_exact, rows_i, rows_j, u, supp, k, i, j)
                    if pt is None:
                        continue
                vec_num: list[list[Any]] = [[], [], []]
                (si_num, si_ex), (sj_num, sj_ex) = pt
                sk_ex = None if y_exact is None else [1 - sum(y_exact, Fraction(0))] + list(y_exact)
                sk_num = [1 - mpmath.fsum(y_num)] + list(y_num)
                vec_num[k], vec_num[i], vec_num[j] = sk_num, si_num, sj_num
                vec_ex: list[list[Exact]] | None = None
                if sk_ex is not None and si_ex is not None and sj_ex is not None:
                    vec_ex = [[], [], []]
                    vec_ex[k], vec_ex[i], vec_ex[j] = sk_ex, si_ex, sj_ex
                out.append((vec_num, vec_ex))
            return out
    except _Fallback:
        return None


def _pure_player_points(u: IntegerPayoffs, supp: list[tuple[int, ...]], k: int,
                        dps: int) -> list[tuple[list[list[Any]], list[list[Exact]] | None]]:
    """Player k plays one strategy: each other player's strategy solves one exact linear system."""
    import mpmath

    i, j = [p for p in range(3) if p != k]
    c = supp[k][0]

    vec_ex: list[list[Exact]] = [[Fraction(1)], [], []] if k == 0 else ([[], [Fraction(1)], []] if k == 1 else
                                                                        [[], [], [Fraction(1)]])
    # the overdetermined system first: when it has no solution the other one (possibly a line) does not matter
    for p, q in sorted(((i, j), (j, i)), key=lambda pq: len(supp[pq[1]]) - len(supp[pq[0]])):
        # player p's indifference equations are linear in sigma_q
        rows = [[Fraction(u(p, {p: a, q: b, k: c}) - u(p, {p: supp[p][0], q: b, k: c})) for b in supp[q]]
                for a in supp[p][1:]]
        rows.append([Fraction(1)] * len(supp[q]))
        sol = _solve_linear(rows, [Fraction(0)] * (len(rows) - 1) + [Fraction(1)])
        if sol is None:
            return []
        vec_ex[q] = sol
    with mpmath.workdps(dps):
        vec_num = [[mpmath.mpf(x.numerator) / x.denominator for x in v] for v in vec_ex]
    return [(vec_num, vec_ex)]


def _one_free(pt: tuple[Any, Any], y: list[Exact], rows_i: list[list[Any]], rows_j: list[list[Any]], u: Any,
              supp: list[tuple[int, ...]], k: int, i: int, j: int) -> tuple[Any, Any] | None:
    """Complete a point whose sigma_i (or sigma_j) the cofactors leave free: one exact linear system.

    The free strategy solves the equations of the opponent whose matrix is singular at y (they are
    linear in it), player k's equations given the determined strategy, and summing to 1.
    """
    import mpmath

    zero: Any = Fraction(0)
    for v in y:
        if isinstance(v, Quadratic):
            zero = Quadratic(Fraction(0), Fraction(0), v.d)
    free, p_rows, other = (i, rows_j, j) if pt[0] is None else (j, rows_i, i)
    known = pt[1][1] if pt[0] is None else pt[0][1]
    assert known is not None
    rows = [[_eval_terms(_mpoly_terms(e), y, zero) for e in row] for row in p_rows]
    for c in supp[k][1:]:
        row = []
        for a in supp[free]:
            acc = zero
            for b, sb in zip(supp[other], known):
                delta = 0
                for cc, w in ((c, 1), (supp[k][0], -1)):
                    delta += w * u(k, {free: a, other: b, k: cc})
                acc = acc + sb * delta
            row.append(acc)
        rows.append(row)
    rows.append([Fraction(1)] * len(supp[free]))
    sol = _solve_linear(rows, [zero] * (len(rows) - 1) + [Fraction(1)])
    if sol is None:
        return None
    num = [x.to_mpf() if isinstance(x, Quadratic) else mpmath.mpf(x.numerator) / x.denominator for x in sol]
    filled = (num, sol)
    return (filled, pt[1]) if pt[0] is None else (pt[0], filled)


def _positive_or_unknown(x_exact: Exact, x_num: Any, eps: Any) -> bool:
    if x_exact is not None:
        return x_exact > 0
    return bool(x_num > -eps)


def _in_unit_interval(r: _Root, eps: Any) -> bool:
    """0 < r < 1, exactly for exact roots, within eps for the others (their verification decides)."""
    if r.exact is not None:
        return bool(r.exact > 0) and bool(1 - r.exact > 0)
    return bool(r.value > -eps) and bool(1 - r.value > -eps)


def _parameter_points(ctx: Any, F: list[Any], dk: int, dps: int,
                      float_ok: Any = None) -> list[tuple[list[Exact] | None, list[Any], Any]]:
    """Points y (exact or None, mpf, minimal polynomial of y_1 when dk = 1 and y is not exact) with F(y) = 0."""
    import mpmath

    eps = mpmath.mpf(10) ** (-(dps // 2))
    if dk == 0:
        if any(not f.is_zero() for f in F):  # pragma: no cover - dk = 0 means no equations of player k
            return []
        return [([], [], None)]
    if all(f.is_constant() for f in F):
        if any(not f.is_zero() for f in F):
            return []  # player k's payoff differences are nonzero constants: never indifferent
        raise _Fallback
    if dk == 1:
        (f,) = F
        if float_ok is not None:
            # most supports have no equilibrium: decide that in floats when they can be trusted
            approx = _trusted_float_roots(_float_dense(f, 0), 0.0, 1.0)
            if approx is not None and not any(float_ok([x]) for x in approx):
                return []
        roots = _real_roots(_dense(_mpoly_terms(f), 0), dps)
        if roots is None:
            raise _Fallback
        kept = []
        for r in roots:
            if not _in_unit_interval(r, eps):
                continue
            if float_ok is not None and not float_ok([float(r)]):
                continue
            kept.append(([r.exact] if r.exact is not None else None, [r.value], r.minpoly))
        return kept
    f1, f2 = F
    res = f1.resultant(f2, "y1")
    if res.is_zero():
        raise _Fallback
    approx = None
    passed: list[float] | None = None  # the trusted float roots of res whose points pass the screen
    ft1 = [(tuple(int(x) for x in e), float(c)) for e, c in f1.terms()] if float_ok is not None else []
    if float_ok is not None:
        approx = _trusted_float_roots(_float_dense(res, 1), 0.0, 1.0)
        if approx is not None:
            passed = [y2 for y2 in approx if _some_first_coordinate_ok(ft1, y2, float_ok)]
            if not passed:
                return []
    t1, t2 = _mpoly_terms(f1), _mpoly_terms(f2)
    roots2 = _real_roots(_dense(_mpoly_terms(res), 1), dps)
    if roots2 is None:  # pragma: no cover - a nonzero resultant
        raise _Fallback
    out: list[tuple[list[Exact] | None, list[Any], Any]] = []
    for r in roots2:
        if not _in_unit_interval(r, eps):
            continue
        if float_ok is not None:
            x = float(r)
            # the trusted float roots are 1e-4 apart and accurate far below that: each exact root in
            # (0, 1) is the one float root within 1e-6 of it, whose screen was already run
            if passed is not None and approx is not None and any(abs(x - y2) <= 1e-6 for y2 in approx):
                if not any(abs(x - y2) <= 1e-6 for y2 in passed):
                    continue
            elif not _some_first_coordinate_ok(ft1, x, float_ok):
                continue
        if r.exact is not None:
            zero: Any = Fraction(0) if isinstance(r.exact, Fraction) else Quadratic(Fraction(0), Fraction(0),
                                                                                     r.exact.d)
            g1 = _trim(_univariate([(e, c) for e, c in t1], 0, {1: r.exact}, zero))
            g2 = _trim(_univariate([(e, c) for e, c in t2], 0, {1: r.exact}, zero))
            if not g1 and not g2:
                raise _Fallback
            g = _gcd(g1, g2)
            if len(g) < 2:
                continue
            if isinstance(r.exact, Fraction):
                firsts = _real_roots(g, dps)
                assert firsts is not None
                for s in firsts:
                    ex = None if s.exact is None else [s.exact, r.exact]
                    out.append((ex, [s.value, r.value], None))
            elif len(g) == 2:
                s_ex = -g[0] / g[1]
                out.append(([s_ex, r.exact], [s_ex.to_mpf(), r.value], None))
            else:
                num = [x.to_mpf() if isinstance(x, Quadratic) else mpmath.mpf(x.numerator) / x.denominator
                       for x in g]
                for s in _mp_roots(num, dps, []):
                    out.append((None, [s, r.value], None))
        else:
            zero_mp = mpmath.mpf(0)
            mt1 = [(e, mpmath.mpf(c.numerator) / c.denominator) for e, c in t1]
            mt2 = [(e, mpmath.mpf(c.numerator) / c.denominator) for e, c in t2]
            g1 = _univariate(mt1, 0, {1: r.value}, zero_mp)
            g2 = _univariate(mt2, 0, {1: r.value}, zero_mp)
            scale = max([abs(c) for c in g1 + g2] + [mpmath.mpf(1)])
            tiny = mpmath.mpf(10) ** (-(dps - 15)) * scale
            live = [g for g in (g1, g2) if len(_trim_mp(g, tiny)) >= 2]
            if not live:
                raise _Fallback
            live.sort(key=lambda g: len(_trim_mp(g, tiny)))
            for s in _mp_roots(live[0], dps, live[1:]):
                out.append((None, [s, r.value], None))
    return out


def _trusted_float_roots(coeffs: list[float], lo: float, hi: float) -> list[float] | None:
    """The real roots in (lo, hi), up to 1e-6, of a float polynomial (lowest first); None when floats cannot be trusted.

    Untrusted: a (nearly) zero polynomial, roots closer than 1e-4 (a multiple root moves by the square
    root of the rounding error), a root whose imaginary part is small but not negligible, or a root whose
    condition number times the rounding unit exceeds 1e-10.
    """
    import numpy as np

    g = list(coeffs)
    size = max([abs(c) for c in g] + [0.0])
    if size == 0.0 or not math.isfinite(size):
        return None
    while g and abs(g[-1]) <= 1e-9 * size:
        g.pop()
    if len(g) < 2:
        return None
    if len(g) <= 3:  # degree 1 or 2 in closed form: numpy's roots costs more than the rest of a support
        return _small_float_roots(g, lo, hi)
    high = list(reversed(g))
    roots = np.roots(high)
    if not np.all(np.isfinite(roots)):
        return None
    zs = roots.tolist()
    for a in range(len(zs)):
        for b in range(a + 1, len(zs)):
            if abs(zs[a] - zs[b]) <= 1e-4 * (1.0 + abs(zs[a])):
                return None
    # Horner in plain floats: numpy's polyval costs more than these few terms
    deg = len(high) - 1
    deriv = [c * (deg - t) for t, c in enumerate(high[:-1])]
    absc = [abs(c) for c in high]
    out = []
    for z in zs:
        if abs(z.imag) > 1e-6 * (1.0 + abs(z)):
            continue
        if abs(z.imag) > 1e-9 * (1.0 + abs(z)):
            return None
        x = float(z.real)
        slope = 0.0
        for c in deriv:
            slope = slope * x + c
        slope = abs(slope)
        spread = 0.0
        for c in absc:
            spread = spread * abs(x) + c
        if slope == 0.0 or spread * 2.2e-16 > 1e-10 * slope * max(1.0, abs(x)):
            return None
        if lo - 1e-6 < x < hi + 1e-6:
            out.append(x)
    return out


def _small_float_roots(g: list[float], lo: float, hi: float) -> list[float] | None:
    """:func:`_trusted_float_roots` of a polynomial of degree 1 or 2 (leading coefficient not tiny)."""
    if len(g) == 2:
        cands = [-g[0] / g[1]]
    else:
        c, b, a = g
        disc = b * b - 4 * a * c
        if abs(disc) <= 1e-8 * max(b * b, abs(4 * a * c)):
            return None  # a (nearly) double root
        if disc < 0:
            return []
        q = -0.5 * (b + math.copysign(math.sqrt(disc), b))  # the stable quadratic formula
        cands = [q / a, c / q] if q != 0 else [0.0, 0.0]
    return [x for x in cands if lo - 1e-6 < x < hi + 1e-6]


def _some_first_coordinate_ok(t1: list[tuple[tuple[int, ...], float]], y2: float, float_ok: Any) -> bool:
    """Whether some real root y1 of F1(., y2), found in floats, gives a point that passes ``float_ok``.

    True (no decision) when floats cannot be trusted here: F1(., y2) nearly constant, or roots closer
    than 1e-4 (a multiple root moves by the square root of the rounding error).
    """
    g = _univariate(t1, 0, {1: y2}, 0.0)
    roots = _trusted_float_roots(g, 0.0, 1.0 - y2)
    if roots is None:
        return True
    return any(float_ok([x, y2]) for x in roots)


def _trim_mp(p: list[Any], tiny: Any) -> list[Any]:
    p = list(p)
    while p and abs(p[-1]) <= tiny:
        p.pop()
    return p


def _float_dense(p: Any, var: int) -> list[float]:
    """Float coefficients (lowest first) in variable ``var`` of a flint polynomial whose other variables are absent."""
    coeffs: dict[int, float] = {}
    for exps, c in p.terms():
        e = int(exps[var])
        coeffs[e] = coeffs.get(e, 0.0) + float(c)
    deg = max(coeffs, default=-1)
    return [coeffs.get(t, 0.0) for t in range(deg + 1)]


def _dense(terms: list[tuple[tuple[int, ...], Fraction | int]], var: int) -> list[Fraction]:
    coeffs: dict[int, Fraction] = {}
    for exps, c in terms:
        coeffs[exps[var]] = coeffs.get(exps[var], Fraction(0)) + c
    deg = max(coeffs, default=-1)
    return [coeffs.get(t, Fraction(0)) for t in range(deg + 1)]


def _complete_point(terms_i: list[Any], terms_j: list[Any], y_exact: list[Exact] | None, y_num: list[Any],
                    minpoly: Any, dk: int) -> tuple[tuple[list[Any], list[Exact] | None],
                                                   tuple[list[Any], list[Exact] | None]] | None | tuple[Any, Any]:
    """sigma_i and sigma_j (mpf, exact or None) from the cofactor vectors at y, or None when det = 0."""
    import mpmath

    out: list[Any] = []
    for terms in (terms_i, terms_j):
        if y_exact is not None:
            zero: Any = Fraction(0)
            for v in y_exact:
                if isinstance(v, Quadratic):
                    zero = Quadratic(Fraction(0), Fraction(0), v.d)
            vals = [_eval_terms(t, y_exact, zero) for t in terms]
            if all(v == 0 for v in vals):
                out.append(None)  # a consistent singular system: sigma is not determined by y alone
                continue
            total = sum(vals, zero)
            if total == 0:
                return None  # det M = 0 with n != 0: the linear system has no solution
            ex = [v / total for v in vals]
            num = [v.to_mpf() if isinstance(v, Quadratic) else mpmath.mpf(v.numerator) / v.denominator for v in ex]
            out.append((num, ex))
        else:
            if minpoly is not None and dk == 1:
                # exact zero tests modulo the minimal polynomial of y
                mod = [Fraction(int(c.p), int(c.q)) for c in minpoly.coeffs()]
                polys = [_dense(t, 0) for t in terms]
                if all(not _divmod_rem(_trim(p), mod) for p in polys):
                    raise _Fallback
                total_poly = [sum(c, Fraction(0)) for c in itertools.zip_longest(*polys, fillvalue=Fraction(0))]
                if not _divmod_rem(_trim(total_poly), mod):
                    return None
            mt = [[(e, mpmath.mpf(c.numerator) / c.denominator) for e, c in t] for t in terms]
            vals = [_eval_terms(t, y_num, mpmath.mpf(0)) for t in mt]
            total = mpmath.fsum(vals)
            scale = max([abs(v) for v in vals] + [mpmath.mpf(0)])
            if scale == 0 or abs(total) <= mpmath.mpf(10) ** (-(mpmath.mp.dps // 2)) * scale:
                if minpoly is None:
                    raise _Fallback  # numerically singular, not decided exactly
                return None
            out.append(([v / total for v in vals], None))
    return out[0], out[1]
