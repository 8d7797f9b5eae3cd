r"""Relation atoms compiled once to exact polynomials: interval enclosures on boxes and values at points.

A verdict (:mod:`.verdicts`) decides the same few atoms on hundreds of boxes
(branch and bound) and at hundreds of points (witnesses).  Walking the sympy
tree each time dominated the run time of ``gametheory conditions``, so each
atom :math:`\mathrm{lhs} \;op\; \mathrm{rhs}` is compiled once (cached) to the
terms of the expanded polynomial :math:`p = \mathrm{lhs} - \mathrm{rhs}`, each
a rational coefficient times a monomial :math:`\prod_k x_k^{e_k}`.

The enclosure of :math:`p` on a box is the sum over terms of the exact range
of each term (the coefficient times the exact ranges of the powers
:math:`x_k^{e_k}` multiplied as intervals).  The range of a product of
independent intervals is exact whatever the order of multiplication, so this
is the same interval, endpoint for endpoint, as
:func:`gametheory.assumptions.intervals.enclose` computes on the expanded
expression (Moore, Kearfott and Cloud 2009, ch. 5): a decision here is the one
:func:`~gametheory.assumptions.intervals.decide_atom` makes.  An atom that is
not a polynomial (a negative power, a function) is not compiled and the
callers use sympy as before.

References
----------
R. E. Moore, R. B. Kearfott and M. J. Cloud, *Introduction to Interval
Analysis*, SIAM, 2009.

Examples
--------
>>> import sympy
>>> from fractions import Fraction
>>> x, y = sympy.symbols("x y")
>>> decide_atom(sympy.GreaterThan(x * y, 1 - x**2, evaluate=False), {"x": (1, 2), "y": (0, 3)})
True
>>> truth(sympy.And(x >= y, sympy.Or(x > 2, sympy.Eq(y, 0))), {"x": Fraction(3), "y": Fraction(1)})
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import sympy

__all__ = ["compile_atom", "decide_atom", "truth"]

#: One term: (coefficient, ((name, exponent), ...)), exponents positive.
Term: TypeAlias = tuple[Fraction, tuple[tuple[str, int], ...]]
Interval: TypeAlias = tuple[Fraction, Fraction]

_OPS = {"GreaterThan": ">=", "StrictGreaterThan": ">", "LessThan": "<=", "StrictLessThan": "<", "Equality": "==",
        "Unequality": "!="}


@dataclass(frozen=True)
class Compiled:
    """An atom ``p op 0`` with ``p = lhs - rhs`` expanded into rational terms.

    For enclosures in integers, ``scaled`` holds each term as ``(k, ((name, e), ...))``
    with ``k = c * Q * prod(x^(m_x - e_x))``-ready integers: ``Q`` is the lcm of the
    coefficients' denominators and ``m_x`` the highest exponent of ``x`` (see :func:`_enclose`).
    """

    op: str
    terms: tuple[Term, ...]
    scaled: tuple[tuple[int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]], ...]
    names: tuple[str, ...]


@lru_cache(maxsize=65536)
def compile_atom(rel: sympy.Basic) -> Compiled | None:
    """The compiled form of a relation whose two sides are polynomials with rational coefficients, else None."""
    import sympy

    op = _OPS.get(type(rel).__name__)
    if op is None:
        return None
    terms: list[Term] = []
    for term in sympy.Add.make_args(sympy.expand(rel.lhs - rel.rhs)):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational:
            return None
        powers: list[tuple[str, int]] = []
        for f in sympy.Mul.make_args(rest):
            if f == 1:
                continue
            if f.is_Symbol:
                powers.append((f.name, 1))
            elif f.is_Pow and f.base.is_Symbol and f.exp.is_Integer and f.exp > 0:
                powers.append((f.base.name, int(f.exp)))
            else:
                return None
        if coeff != 0:
            terms.append((Fraction(int(coeff.p), int(coeff.q)), tuple(powers)))
    top: dict[str, int] = {}
    for _c, mono in terms:
        for name, k in mono:
            top[name] = max(top.get(name, 0), k)
    q = math.lcm(*(c.denominator for c, _p in terms)) if terms else 1
    scaled = []
    for c, mono in terms:
        mine = dict(mono)
        rest = tuple((name, m - mine.get(name, 0)) for name, m in top.items() if m - mine.get(name, 0))
        scaled.append((c.numerator * (q // c.denominator), mono, rest))
    return Compiled(op, tuple(terms), tuple(scaled), tuple(top))


def _power(lo: int, hi: int, k: int) -> tuple[int, int]:
    """The exact range of x**k for x in [lo, hi] (k >= 1), as in intervals.enclose."""
    if k == 1:
        return lo, hi
    if k % 2 == 1 or lo >= 0:
        return min(lo**k, hi**k), max(lo**k, hi**k)
    if hi <= 0:
        return hi**k, lo**k
    return 0, max(lo**k, hi**k)


def _enclose(atom: Compiled, box: Mapping[str, tuple[Fraction, Fraction]]) -> tuple[int, int] | None:
    """An enclosure of ``p`` on the box multiplied by a positive integer, or None (a name not in the box).

    Each variable's range is written ``[a, b] / d`` with integers (``d`` the lcm of its
    ends' denominators); ``p * Q * prod(d_x^m_x)`` is then a sum of integer terms
    ``k * prod(d_x^(m_x - e_x)) * prod([a_x, b_x]^e_x)``.  Only the signs of the ends
    (and whether they are 0) decide an atom, and a positive factor keeps both.
    """
    ints: dict[str, tuple[int, int, int]] = {}
    for name in atom.names:
        rng = box.get(name)
        if rng is None:
            return None
        d = math.lcm(rng[0].denominator, rng[1].denominator)
        ints[name] = (rng[0].numerator * (d // rng[0].denominator), rng[1].numerator * (d // rng[1].denominator), d)
    lo_sum = hi_sum = 0
    for k, powers, rest in atom.scaled:
        for name, e in rest:
            k *= ints[name][2] ** e
        lo = hi = k
        for name, e in powers:
            a, b = _power(ints[name][0], ints[name][1], e)
            if lo >= 0 and a >= 0:  # both non-negative: the product's range is the products of the ends
                lo, hi = lo * a, hi * b
            else:
                ps = (lo * a, lo * b, hi * a, hi * b)
                lo, hi = min(ps), max(ps)
        lo_sum += lo
        hi_sum += hi
    return lo_sum, hi_sum


def decide_atom(rel: sympy.Basic, box: Mapping[str, tuple[Fraction, Fraction]]) -> bool | None:
    """True/False if the relation holds/fails on the whole box, None if undecided (as intervals.decide_atom)."""
    import sympy

    if rel is sympy.true or rel is sympy.false:
        return bool(rel)
    compiled = compile_atom(rel)
    if compiled is None:
        from ..intervals import decide_atom as by_sympy

        return by_sympy(rel, box)
    enc = _enclose(compiled, box)
    if enc is None:
        return None
    lo, hi = enc
    op = compiled.op
    if op == ">=":
        return True if lo >= 0 else (False if hi < 0 else None)
    if op == ">":
        return True if lo > 0 else (False if hi <= 0 else None)
    if op == "<=":
        return True if hi <= 0 else (False if lo > 0 else None)
    if op == "<":
        return True if hi < 0 else (False if lo >= 0 else None)
    if op == "==":
        return True if lo == hi == 0 else (False if lo > 0 or hi < 0 else None)
    return False if lo == hi == 0 else (True if lo > 0 or hi < 0 else None)


def _sign_at(atom: Compiled, point: Mapping[str, Fraction]) -> int | None:
    """The sign (-1, 0, 1) of ``p`` at the point, in integers as in :func:`_enclose`; None if a value is missing."""
    ints: dict[str, tuple[int, int]] = {}
    for name in atom.names:
        x = point.get(name)
        if x is None:
            return None
        ints[name] = (x.numerator, x.denominator)
    total = 0
    for k, powers, rest in atom.scaled:
        for name, e in rest:
            k *= ints[name][1] ** e
        for name, e in powers:
            k *= ints[name][0] ** e
        total += k
    return (total > 0) - (total < 0)


def _compare(op: str, v: int) -> bool:
    if op == ">=":
        return v >= 0
    if op == ">":
        return v > 0
    if op == "<=":
        return v <= 0
    if op == "<":
        return v < 0
    return v == 0 if op == "==" else v != 0


def truth(expr: sympy.Basic, point: Mapping[str, Fraction]) -> bool | None:
    """The exact truth value of an And/Or/Not of polynomial relations at ``point``; None if it cannot say.

    None when an atom is not a compiled polynomial, a symbol has no value, or
    the boolean uses another connective: the caller then substitutes with sympy.
    """
    import sympy

    if expr is sympy.true or expr is sympy.false:
        return bool(expr)
    if isinstance(expr, sympy.core.relational.Relational):
        compiled = compile_atom(expr)
        if compiled is None:
            return None
        v = _sign_at(compiled, point)
        return None if v is None else _compare(compiled.op, v)
    if isinstance(expr, (sympy.And, sympy.Or)):
        values = [truth(a, point) for a in expr.args]
        if any(v is None for v in values):
            return None
        return all(values) if isinstance(expr, sympy.And) else any(values)
    if isinstance(expr, sympy.Not):
        inner = truth(expr.args[0], point)
        return None if inner is None else not inner
    return None
