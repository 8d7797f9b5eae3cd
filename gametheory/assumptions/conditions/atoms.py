r"""Canonical relation atoms, the boolean building blocks of every condition.

A condition is a sympy boolean whose atoms are relations ``lhs op rhs`` with
``op`` one of ``>=``, ``>``, ``==``, ``!=``.  Each atom is normalised so that
equal relations are equal objects: the difference is brought over a common
denominator (a rational-function inequality :math:`n/d \ge 0` is stored as the
polynomial inequality :math:`n d \ge 0`, which has the same sign wherever
:math:`d \ne 0`), expanded, divided by its positive content and written
``positive terms op negative terms``.  A constant atom becomes true or false.

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y", real=True)
>>> _atom(2 * x - 4 * y, ">=")
x >= 2*y
>>> _negate(_atom(x - y, ">"))
y >= x
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, TypeAlias

from ...errors import InputError
from ...numbers import to_exact, to_symbolic

if TYPE_CHECKING:
    import sympy

#: A number as the conditions accept it: anything :func:`gametheory.numbers.to_exact` reads ("1/2", 0.5, 1).
RationalLike: TypeAlias = Fraction | int | float | str
#: Declared ranges ``{name: (lo, hi)}``.
Ranges: TypeAlias = Mapping[str, tuple[RationalLike, RationalLike]]
#: The relation of a canonical atom ``e op 0``.
Op: TypeAlias = Literal[">=", ">", "==", "!="]


def _rat(x: RationalLike) -> sympy.Rational:
    """``x`` as an exact sympy Rational (an InputError unless it is a rational number)."""
    return to_symbolic(to_exact(x))


def _split(e: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``e`` as (positive terms, negated negative terms)."""
    import sympy

    pos: list[sympy.Expr] = []
    neg: list[sympy.Expr] = []
    for term in sympy.Add.make_args(e):
        (neg if term.as_coeff_Mul()[0] < 0 else pos).append(term)
    return sympy.Add(*pos), -sympy.Add(*neg)


@lru_cache(maxsize=65536)  # a pure function of sympy expressions, called on the same few atoms many times
def _atom(e: sympy.Expr, op: Op) -> sympy.Basic:
    """The canonical relation ``e op 0`` for op in '>=', '>', '==', '!='; may be true/false."""
    import sympy

    e = sympy.together(sympy.expand(e))
    num, den = sympy.fraction(e)
    if den.is_number:
        e = sympy.expand(num) * (1 if den > 0 else -1)
    else:
        e = sympy.expand(num * den)  # same sign wherever den != 0
    if e.is_number:
        v = e
        return sympy.true if {">=": v >= 0, ">": v > 0, "==": v == 0, "!=": v != 0}[op] else sympy.false
    content, prim = e.as_content_primitive()
    e = sympy.expand(prim)
    lhs, rhs = _split(e)
    if op == ">=":
        return sympy.GreaterThan(lhs, rhs, evaluate=False)
    if op == ">":
        return sympy.StrictGreaterThan(lhs, rhs, evaluate=False)
    lhs, rhs = _split(e if e.as_ordered_terms()[0].as_coeff_Mul()[0] > 0 else -e)
    return (sympy.Eq if op == "==" else sympy.Ne)(lhs, rhs, evaluate=False)


@lru_cache(maxsize=65536)
def _normalize_relation(rel: sympy.Basic) -> sympy.Basic:
    """A sympy relation as a canonical atom."""
    import sympy

    if rel in (sympy.true, sympy.false):
        return rel
    d = rel.lhs - rel.rhs
    if isinstance(rel, sympy.GreaterThan):
        return _atom(d, ">=")
    if isinstance(rel, sympy.StrictGreaterThan):
        return _atom(d, ">")
    if isinstance(rel, sympy.LessThan):
        return _atom(-d, ">=")
    if isinstance(rel, sympy.StrictLessThan):
        return _atom(-d, ">")
    if isinstance(rel, sympy.Eq):
        return _atom(d, "==")
    if isinstance(rel, sympy.Ne):
        return _atom(d, "!=")
    raise InputError(f"unsupported relation {rel}", field="assumptions")


def _negate(atom: sympy.Basic) -> sympy.Basic:
    import sympy

    if atom in (sympy.true, sympy.false):
        return sympy.false if atom == sympy.true else sympy.true
    d = atom.lhs - atom.rhs
    if isinstance(atom, sympy.GreaterThan):
        return _atom(-d, ">")
    if isinstance(atom, sympy.StrictGreaterThan):
        return _atom(-d, ">=")
    if isinstance(atom, sympy.Eq):
        return _atom(d, "!=")
    return _atom(d, "==")


def _atoms(expr: sympy.Basic) -> set[sympy.Basic]:
    import sympy

    return expr.atoms(sympy.core.relational.Relational)


def _by_name(expr: sympy.Basic) -> dict[str, sympy.Symbol]:
    return {s.name: s for s in expr.free_symbols}
