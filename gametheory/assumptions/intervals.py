r"""Sound interval enclosures of payoff expressions over boxes of parameters.

For a box :math:`X = \prod_k [l_k, h_k]` and an expression :math:`f`,
:func:`enclose` returns :math:`[L, H]` with :math:`f(X) \subseteq [L, H]`,
computed by interval arithmetic (Moore 1966) in exact rationals: sums add
endpoints, products take the min and max of the four endpoint products,
integer powers and ``min``/``max``/``abs`` are monotone on pieces.  The
enclosure may be wider than the true range (the dependency problem), never
narrower, so ``L >= 0`` *proves* :math:`f \ge 0` on the whole box.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TypeAlias

import sympy

__all__ = ["enclose", "decide_atom"]

#: A closed interval ``(lo, hi)`` of exact numbers.
Interval: TypeAlias = tuple[Fraction, Fraction]


def _frac(x: sympy.Rational) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def enclose(expr: sympy.Expr, box: Mapping[str, tuple[Fraction | int, Fraction | int]]) -> Interval | None:
    """``(lo, hi)`` as Fractions enclosing ``expr`` over ``box`` (``{name: (lo, hi)}``), or None.

    None means the expression uses something the enclosure does not handle
    (``exp``, ``log``, a symbol outside the box, a division by an interval
    containing 0).

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> enclose(x * y - 1, {"x": (0, 2), "y": (-1, 3)})
    (Fraction(-3, 1), Fraction(5, 1))
    """
    try:
        lo, hi = _enc(expr, {k: (Fraction(v[0]), Fraction(v[1])) for k, v in box.items()})
    except _Unknown:
        return None
    return lo, hi


class _Unknown(Exception):
    pass


def _mul(a: Interval, b: Interval) -> Interval:
    ps = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(ps), max(ps)


def _enc(e: sympy.Expr, box: Mapping[str, Interval]) -> Interval:
    if e.is_Rational:
        v = _frac(e)
        return v, v
    if e.is_Symbol:
        if e.name not in box:
            raise _Unknown
        return box[e.name]
    if e.is_Add:
        lo = hi = Fraction(0)
        for a in e.args:
            a_lo, a_hi = _enc(a, box)
            lo, hi = lo + a_lo, hi + a_hi
        return lo, hi
    if e.is_Mul:
        out = (Fraction(1), Fraction(1))
        for a in e.args:
            out = _mul(out, _enc(a, box))
        return out
    if e.is_Pow and e.args[1].is_Integer:
        lo, hi = _enc(e.args[0], box)
        k = int(e.args[1])
        if k < 0:
            if lo <= 0 <= hi:
                raise _Unknown
            lo, hi = 1 / hi, 1 / lo
            k = -k
        if k % 2 == 1 or lo >= 0:
            return min(lo**k, hi**k), max(lo**k, hi**k)
        if hi <= 0:
            return hi**k, lo**k
        return Fraction(0), max(lo**k, hi**k)
    if isinstance(e, (sympy.Max, sympy.Min)):
        parts = [_enc(a, box) for a in e.args]
        f = max if isinstance(e, sympy.Max) else min
        return f(p[0] for p in parts), f(p[1] for p in parts)
    if isinstance(e, sympy.Abs):
        lo, hi = _enc(e.args[0], box)
        if lo >= 0:
            return lo, hi
        if hi <= 0:
            return -hi, -lo
        return Fraction(0), max(-lo, hi)
    raise _Unknown


def decide_atom(rel: sympy.Basic, box: Mapping[str, tuple[Fraction | int, Fraction | int]]) -> bool | None:
    """True/False if the relation holds/fails on the whole box, None if undecided.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> decide_atom(x + 1 > 0, {"x": (0, 1)}), decide_atom(x > 0, {"x": (0, 1)})
    (True, None)
    """
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    e = rel.lhs - rel.rhs
    enc = enclose(sympy.expand(e), box)
    if enc is None:
        return None
    lo, hi = enc
    if isinstance(rel, sympy.GreaterThan):
        return True if lo >= 0 else (False if hi < 0 else None)
    if isinstance(rel, sympy.StrictGreaterThan):
        return True if lo > 0 else (False if hi <= 0 else None)
    if isinstance(rel, sympy.LessThan):
        return True if hi <= 0 else (False if lo > 0 else None)
    if isinstance(rel, sympy.StrictLessThan):
        return True if hi < 0 else (False if lo >= 0 else None)
    if isinstance(rel, sympy.Eq):
        return True if lo == hi == 0 else (False if lo > 0 or hi < 0 else None)
    if isinstance(rel, sympy.Ne):
        return False if lo == hi == 0 else (True if lo > 0 or hi < 0 else None)
    return None
