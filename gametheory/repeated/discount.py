r"""Exact sets of discount factors: the unions of intervals of :math:`(0, 1)` where conditions hold.

Every question of the repeated-games package ends in the same form: for
which discount factors :math:`\delta \in (0, 1)` do finitely many
inequalities

.. math:: f_k(\delta) \ge 0 \quad (k \in W), \qquad g_k(\delta) > 0 \quad (k \in S)

hold, where each :math:`f_k, g_k` is a rational function of :math:`\delta`
with rational coefficients (an incentive constraint of the one-shot
deviation principle, with continuation values
:math:`V = (1-\delta)(I - \delta P)^{-1} u`).  Writing :math:`f = N/D`, the
sign of :math:`f` where :math:`D \ne 0` is the sign of the polynomial
:math:`N D`.  :func:`delta_set` takes the square-free product :math:`Q` of
all these polynomials, finds its real roots in :math:`(0, 1)` exactly (sympy's
``real_roots``: rationals, or ``CRootOf`` algebraic numbers isolated by
rational intervals), and tests every cell of the partition they make (each
root, and a rational point of each open gap) exactly: at a rational point by
rational arithmetic; at an irrational root :math:`r` of the irreducible
factor :math:`m`, :math:`p(r) = 0` iff :math:`m` divides :math:`p`, and
otherwise the sign of :math:`p(r)` is read from a numerical value whose
precision is raised until it exceeds the error bound.  Consecutive cells
that satisfy every condition are merged into intervals, so the answer is the
exact set, with endpoints that are rationals or algebraic numbers (shown in
radicals for quadratics).

The values in these conditions are *normalised*: a stream
:math:`u_0, u_1, \dots` is worth :math:`(1-\delta)\sum_t \delta^t u_t`, so a
constant stream :math:`u` is worth :math:`u`.

References
----------
G. E. Collins and A. G. Akritas, "Polynomial real root isolation using
Descartes' rule of signs", *Proc. SYMSAC* (1976) 272-275 (the root isolation
behind sympy's ``real_roots``).

G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press (2006), section 2.2 (the one-shot deviation principle and
normalised values).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InputError
from ..numbers import format_number, parse_rational

if TYPE_CHECKING:
    import sympy

__all__ = ["DeltaInterval", "DeltaSet", "FloatDeltaSet", "delta_symbol", "delta_set", "delta_text",
           "parse_delta"]

#: An endpoint: a Fraction when rational, else a sympy algebraic number.
Endpoint = Any

# precision (decimal digits) of the first numerical sign test at an irrational root, and the last
_FIRST_DIGITS = 30
_LAST_DIGITS = 2000


@cache
def delta_symbol() -> sympy.Symbol:
    """The one symbol :math:`\\delta` of the package.

    Model parameters are ASCII identifiers, so this symbol, named ``δ``,
    never collides with one.

    >>> str(delta_symbol())
    'δ'
    """
    import sympy

    return sympy.Symbol("δ", real=True)


def _to_sympy(x: Endpoint) -> sympy.Expr:
    import sympy

    if isinstance(x, (Fraction, int)):
        return sympy.Rational(Fraction(x).numerator, Fraction(x).denominator)
    return sympy.sympify(x)


def _sign(expr: sympy.Expr) -> int:
    """The exact sign of a real algebraic number written as a sympy expression."""
    import sympy

    expr = sympy.sympify(expr)
    if expr.is_Rational:
        return int(bool(expr > 0)) - int(bool(expr < 0))
    digits = _FIRST_DIGITS
    while digits <= _LAST_DIGITS:
        v = expr.evalf(digits)
        if v.is_Number and v != 0 and abs(v) > sympy.Float(10) ** (-(digits // 2)):
            return 1 if v > 0 else -1
        digits *= 2
    # numerically indistinguishable from 0: decide exactly (an algebraic number is 0 iff its
    # minimal polynomial is x)
    x = sympy.Dummy("x")
    if sympy.minimal_polynomial(expr, x) == x:
        return 0
    raise ArithmeticError(f"cannot decide the sign of {expr}")  # pragma: no cover - needs 2000 equal digits


def _cmp(a: Endpoint, b: Endpoint) -> int:
    if isinstance(a, (Fraction, int)) and isinstance(b, (Fraction, int)):
        return (a > b) - (a < b)
    return _sign(_to_sympy(a) - _to_sympy(b))


def _endpoint(r: sympy.Expr) -> Endpoint:
    """A root as a Fraction, in radicals when quadratic, else as it is (a ``CRootOf``)."""
    import sympy

    if r.is_Rational:
        return Fraction(int(r.p), int(r.q))
    if isinstance(r, sympy.CRootOf) and r.poly.degree() == 2:
        for cand in sympy.roots(_minimal(r, delta_symbol())):
            if cand.is_real and _sign(cand - r) == 0:
                return sympy.radsimp(cand)
    return r


def _minimal(r: sympy.CRootOf, gen: sympy.Symbol) -> sympy.Poly:
    """The irreducible polynomial of the root ``r``, in the generator ``gen``."""
    import sympy

    return sympy.Poly(r.poly.as_expr().subs(r.poly.gen, gen), gen, domain="QQ")


def delta_text(x: Endpoint) -> str:
    """An endpoint as text: ``"1/3"``, ``"3 - sqrt(5)"``, or ``"≈0.41421 (root of ...)"``.

    >>> delta_text(Fraction(1, 3))
    '1/3'
    """
    import sympy

    if isinstance(x, (Fraction, int)):
        return str(Fraction(x))
    if isinstance(x, sympy.CRootOf):
        poly = _minimal(x, delta_symbol()).as_expr()
        return f"≈{float(x):.6g} (root of {poly} = 0)"
    return str(x)



def _float(x: Endpoint) -> float:
    return float(x)


class DeltaInterval(NamedTuple):
    """An interval of discount factors with exact endpoints."""

    lo: Endpoint
    hi: Endpoint
    lo_closed: bool
    hi_closed: bool

    def __str__(self) -> str:
        if self.lo_closed and self.hi_closed and _cmp(self.lo, self.hi) == 0:
            return "{" + delta_text(self.lo) + "}"
        return (("[" if self.lo_closed else "(") + delta_text(self.lo) + ", " + delta_text(self.hi)
                + ("]" if self.hi_closed else ")"))

    def contains(self, d: Endpoint) -> bool:
        c_lo, c_hi = _cmp(d, self.lo), _cmp(d, self.hi)
        return (c_lo > 0 or (c_lo == 0 and self.lo_closed)) and (c_hi < 0 or (c_hi == 0 and self.hi_closed))

    def to_json(self) -> dict:
        return {"lo": delta_text(self.lo), "hi": delta_text(self.hi), "lo_closed": self.lo_closed,
                "hi_closed": self.hi_closed, "lo_float": _float(self.lo), "hi_float": _float(self.hi)}


def _nonempty(iv: DeltaInterval) -> bool:
    c = _cmp(iv.lo, iv.hi)
    return c < 0 or (c == 0 and iv.lo_closed and iv.hi_closed)


@dataclass(frozen=True)
class DeltaSet:
    """A finite union of disjoint intervals of :math:`(0, 1)`, sorted, with exact endpoints.

    Examples
    --------
    >>> s = DeltaSet.at_least(Fraction(1, 3))
    >>> str(s), Fraction(1, 2) in s, Fraction(1, 4) in s, s.infimum, s.attained
    ('[1/3, 1)', True, False, Fraction(1, 3), True)
    >>> str(s.intersection(DeltaSet((DeltaInterval(Fraction(0), Fraction(1, 2), False, False),))))
    '[1/3, 1/2)'
    >>> str(DeltaSet.at_least(1))
    'empty'
    """

    intervals: tuple[DeltaInterval, ...] = ()

    @classmethod
    def everything(cls) -> DeltaSet:
        """All of :math:`(0, 1)`."""
        return cls((DeltaInterval(Fraction(0), Fraction(1), False, False),))

    @classmethod
    def at_least(cls, lo: Endpoint, closed: bool = True) -> DeltaSet:
        """:math:`[lo, 1)` (or :math:`(lo, 1)`) intersected with :math:`(0, 1)`."""
        if isinstance(lo, int):
            lo = Fraction(lo)
        if _cmp(lo, 1) >= 0:
            return cls(())
        if _cmp(lo, 0) <= 0:
            return cls.everything()
        return cls((DeltaInterval(lo, Fraction(1), closed, False),))

    @property
    def is_empty(self) -> bool:
        """No discount factor in :math:`(0, 1)` is in the set."""
        return not self.intervals

    @property
    def infimum(self) -> Endpoint | None:
        """The smallest discount factor of the set's closure, or None when empty."""
        return self.intervals[0].lo if self.intervals else None

    @property
    def attained(self) -> bool:
        """The infimum belongs to the set."""
        return bool(self.intervals) and self.intervals[0].lo_closed

    def __contains__(self, d: object) -> bool:
        if isinstance(d, str):
            d = parse_rational(d)
        if isinstance(d, bool) or not isinstance(d, (int, Fraction)):
            d = _to_sympy(d)
        return any(iv.contains(d) for iv in self.intervals)

    def intersection(self, other: DeltaSet) -> DeltaSet:
        """The discount factors in both sets."""
        out = []
        for a in self.intervals:
            for b in other.intervals:
                c_lo, c_hi = _cmp(a.lo, b.lo), _cmp(a.hi, b.hi)
                lo, lo_closed = (a.lo, a.lo_closed) if c_lo > 0 else (b.lo, b.lo_closed) if c_lo < 0 else \
                    (a.lo, a.lo_closed and b.lo_closed)
                hi, hi_closed = (a.hi, a.hi_closed) if c_hi < 0 else (b.hi, b.hi_closed) if c_hi > 0 else \
                    (a.hi, a.hi_closed and b.hi_closed)
                iv = DeltaInterval(lo, hi, lo_closed, hi_closed)
                if _nonempty(iv):
                    out.append(iv)
        return DeltaSet(tuple(out))

    def union(self, other: DeltaSet) -> DeltaSet:
        """The discount factors in either set."""
        import functools

        def order(a: DeltaInterval, b: DeltaInterval) -> int:
            c = _cmp(a.lo, b.lo)
            return c if c else (b.lo_closed - a.lo_closed)

        ivs = sorted(self.intervals + other.intervals, key=functools.cmp_to_key(order))
        out: list[DeltaInterval] = []
        for iv in ivs:
            if out:
                last = out[-1]
                c = _cmp(iv.lo, last.hi)
                if c < 0 or (c == 0 and (iv.lo_closed or last.hi_closed)):
                    ch = _cmp(iv.hi, last.hi)
                    if ch > 0 or (ch == 0 and iv.hi_closed):
                        out[-1] = DeltaInterval(last.lo, iv.hi, last.lo_closed, iv.hi_closed if ch >= 0 else
                                                last.hi_closed)
                    continue
            out.append(iv)
        return DeltaSet(tuple(out))

    def __str__(self) -> str:
        return " ∪ ".join(str(iv) for iv in self.intervals) if self.intervals else "empty"

    def to_json(self) -> list:
        """A list of ``{"lo", "hi", "lo_closed", "hi_closed", "lo_float", "hi_float"}``, exact endpoints as text."""
        return [iv.to_json() for iv in self.intervals]


@dataclass(frozen=True)
class FloatDeltaSet:
    """The set ``[lo, 1)`` or ``[lo, hi]`` of a float game, its ends compared within ``tol`` (``lo`` None: empty)."""

    lo: float | None
    hi: float | None
    tol: float

    @property
    def is_empty(self) -> bool:
        """No discount factor is in the set."""
        return self.lo is None

    def __contains__(self, d: object) -> bool:
        if self.lo is None or not isinstance(d, (int, float, Fraction)):
            return False
        return float(d) >= self.lo - self.tol and (self.hi is None or float(d) <= self.hi + self.tol)

    def equals_at_least(self, t: float | Fraction) -> bool:
        """The set is ``[t, 1)`` (``t <= 0`` read as 0), within the tolerance."""
        return self.lo is not None and self.hi is None and abs(max(float(t), 0.0) - self.lo) <= self.tol

    def __str__(self) -> str:
        if self.lo is None:
            return "empty"
        return f"[{format_number(self.lo)}, " + ("1)" if self.hi is None else f"{format_number(self.hi)}]")


def _polynomial(f: Any, d: sympy.Symbol) -> tuple[sympy.Poly, sympy.Poly]:
    """``(N*D, D)`` as polynomials in ``d`` with rational coefficients, for ``f = N/D``."""
    import sympy

    f = sympy.sympify(f)
    extra = f.free_symbols - {d}
    if extra:
        raise ValueError(f"a condition on δ must have no other symbol, got {sorted(map(str, extra))} in {f}")
    num, den = sympy.fraction(sympy.together(f))
    N = sympy.Poly(sympy.expand(num), d, domain="QQ")
    D = sympy.Poly(sympy.expand(den), d, domain="QQ")
    return N * D, D


def _rational_between(a: Endpoint, b: Endpoint) -> Fraction:
    """A rational strictly between the reals ``a < b``."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a + b) / 2
    digits = _FIRST_DIGITS
    while True:
        fa = Fraction(str(_to_sympy(a).evalf(digits)))
        fb = Fraction(str(_to_sympy(b).evalf(digits)))
        mid = (fa + fb) / 2
        if _cmp(a, mid) < 0 and _cmp(mid, b) < 0:
            return mid
        digits *= 2
        if digits > _LAST_DIGITS:  # pragma: no cover - roots closer than 10^-1000
            raise ArithmeticError(f"cannot separate {a} and {b}")


def _sign_at(p: sympy.Poly, r: Any) -> int:
    """The exact sign of the polynomial ``p`` at the point ``r`` (a Fraction or an algebraic root)."""
    import sympy

    if p.is_zero:
        return 0
    if isinstance(r, Fraction):
        v = Fraction(str(p.eval(sympy.Rational(r.numerator, r.denominator))))
        return (v > 0) - (v < 0)
    if isinstance(r, sympy.CRootOf):
        if p.rem(_minimal(r, p.gen)).is_zero:
            return 0
        return _sign(p.as_expr().subs(p.gen, r))
    return _sign(p.as_expr().subs(p.gen, r))


def delta_set(weak: Iterable[Any] = (), strict: Iterable[Any] = ()) -> DeltaSet:
    """The exact set of :math:`\\delta \\in (0, 1)` where every ``f >= 0`` (weak) and ``g > 0`` (strict).

    Parameters
    ----------
    weak, strict : iterables of sympy expressions
        Rational functions of :func:`delta_symbol` with rational coefficients.
        Where a denominator vanishes the condition is taken to fail.

    Returns
    -------
    DeltaSet

    Raises
    ------
    ValueError
        If a condition has a symbol other than δ or an irrational coefficient.

    Examples
    --------
    The grim-trigger constraint of the prisoner's dilemma with T, R, P = 5, 3, 1:
    :math:`R \\ge (1-\\delta) T + \\delta P`.

    >>> d = delta_symbol()
    >>> str(delta_set(weak=[3 - ((1 - d) * 5 + d * 1)]))
    '[1/2, 1)'
    >>> str(delta_set(weak=[d**2 - 2 * d + 1 - d]))  # δ² - 3δ + 1 >= 0
    '(0, 3/2 - sqrt(5)/2]'
    >>> str(delta_set(strict=[1 / (d - 1) + 2]))  # (2δ - 1)/(δ - 1) > 0
    '(0, 1/2)'
    """
    import sympy

    d = delta_symbol()
    conds: list[tuple[sympy.Poly, sympy.Poly, bool]] = []
    for f in weak:
        conds.append((*_polynomial(f, d), False))
    for f in strict:
        conds.append((*_polynomial(f, d), True))
    if not conds:
        return DeltaSet.everything()
    Q = sympy.Poly(1, d, domain="QQ")
    for P, D, _ in conds:
        for part in (P, D):
            if not part.is_zero and part.degree() > 0:
                Q = Q * part
    roots: list[Endpoint] = []
    if Q.degree() > 0:
        for r in Q.sqf_part().real_roots():
            e = Fraction(int(r.p), int(r.q)) if r.is_Rational else r
            if _cmp(e, 0) > 0 and _cmp(e, 1) < 0:
                roots.append(e)

    def holds(x: Any) -> bool:
        for P, D, is_strict in conds:
            if _sign_at(D, x) == 0:
                return False
            s = _sign_at(P, x)
            if s < 0 or (is_strict and s == 0):
                return False
        return True

    # cells in order: gap (0, r1), point r1, gap (r1, r2), ..., gap (rk, 1)
    bounds: list[Endpoint] = [Fraction(0), *roots, Fraction(1)]
    pieces: list[DeltaInterval] = []
    for k in range(len(bounds) - 1):
        a, b = bounds[k], bounds[k + 1]
        if k > 0 and holds(a):
            pieces.append(DeltaInterval(a, a, True, True))
        if holds(_rational_between(a, b)):
            pieces.append(DeltaInterval(a, b, False, False))
    merged: list[DeltaInterval] = []
    for iv in pieces:
        if merged and _cmp(merged[-1].hi, iv.lo) == 0:
            last = merged[-1]
            merged[-1] = DeltaInterval(last.lo, iv.hi, last.lo_closed, iv.hi_closed)
        else:
            merged.append(iv)
    return DeltaSet(tuple(DeltaInterval(_endpoint_out(iv.lo), _endpoint_out(iv.hi), iv.lo_closed, iv.hi_closed)
                          for iv in merged))


def _endpoint_out(x: Endpoint) -> Endpoint:
    return x if isinstance(x, Fraction) else _endpoint(x)


def parse_delta(text: str, *, field: str = "--delta") -> Fraction:
    """A discount factor written as ``"9/10"`` or ``"0.9"`` (read exactly); it must lie in (0, 1).

    >>> parse_delta("0.9")
    Fraction(9, 10)
    """
    value = parse_rational(str(text), field=field)
    if not 0 < value < 1:
        raise InputError(f"a discount factor must lie strictly between 0 and 1, got {text}", field=field)
    return value
