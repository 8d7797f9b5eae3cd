r"""A condition simplified with the model's assumptions and declared ranges.

Equalities among the assumptions (``a_K = w + 1``) are substituted; atoms
implied or contradicted by an assumption become true or false; with declared
ranges ``{name: (lo, hi)}``, factors whose sign is fixed on the box (proved by
the interval enclosures of :mod:`..intervals`) are dropped, flipping the
relation for a negative one, so ``V*c > 0`` becomes ``c > 0`` when ``V`` lies
in ``[2, 6]``; the result is then valid within the ranges.  Inside
conjunctions and disjunctions the implication :math:`e > 0 \Rightarrow e \ge 0`
is used, which ``sympy.simplify_logic`` (atoms as independent variables) does
not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from ...errors import InputError
from ...numbers import to_exact
from ..intervals import enclose
from .atoms import Op, Ranges, _atom, _atoms, _negate, _normalize_relation

if TYPE_CHECKING:
    import sympy


@dataclass(frozen=True)
class _Assumptions:
    subs: Mapping[str, tuple[sympy.Symbol, sympy.Expr]]  # symbol name -> (symbol, expression) from equalities
    facts: tuple[sympy.Basic, ...]  # canonical atoms assumed true

    # declared ranges: signs of factors
    box: Mapping[str, tuple[Fraction, Fraction]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(cls, assumptions: Iterable[sympy.Basic] | None, ranges: Ranges | None = None) -> _Assumptions:
        import sympy

        subs: dict[str, tuple[sympy.Symbol, sympy.Expr]] = {}
        facts = []
        for rel in assumptions or ():
            if isinstance(rel, str):
                raise InputError("assumptions must be sympy relations (parse them with gametheory.io.expressions)",
                                 field="assumptions")
            if isinstance(rel, sympy.Eq):
                # eliminate the bare symbol on the left when there is one, else any symbol
                lhs, rhs = rel.lhs, rel.rhs
                if not lhs.is_Symbol:
                    lhs, rhs = (rhs, lhs) if rhs.is_Symbol else (lhs, rhs)
                if lhs.is_Symbol:
                    subs[lhs.name] = (lhs, rhs)
                    continue
            facts.append(_normalize_relation(rel))
        # facts expressed after the substitutions
        substituted = tuple(_normalize_relation(_apply_subs(f, subs)) if f not in (sympy.true, sympy.false) else f
                            for f in facts)
        box = {k: (to_exact(a), to_exact(b)) for k, (a, b) in (ranges or {}).items()}
        return cls(MappingProxyType(subs), substituted, MappingProxyType(box))

    def _sign(self, f: sympy.Expr) -> Literal[-1, 0, 1]:
        """+1 / -1 if factor f is known positive / negative (ranges or assumptions), else 0."""
        if set(s.name for s in f.free_symbols) <= set(self.box):
            enc = enclose(f, self.box)
            if enc is not None:
                if enc[0] > 0:
                    return 1
                if enc[1] < 0:
                    return -1
        pos = _atom(f, ">")
        if pos in self.facts:
            return 1
        if _atom(-f, ">") in self.facts:
            return -1
        return 0

    def reduce_atom(self, atom: sympy.Basic) -> sympy.Basic:
        """Drop factors of known sign from an atom (flipping it for negative ones)."""
        import sympy

        if atom in (sympy.true, sympy.false):
            return atom
        e = sympy.expand(atom.lhs - atom.rhs)
        coeff, factors = sympy.factor_list(e)
        sign, keep = (1 if coeff > 0 else -1), []
        for f, mult in factors:
            sg = self._sign(f)
            if sg == 0:
                keep.append(f**mult)
            elif mult % 2 == 1:
                sign *= sg
        rest = sympy.Mul(*keep) * sign
        ops: dict[type, Op] = {sympy.GreaterThan: ">=", sympy.StrictGreaterThan: ">", sympy.Eq: "==", sympy.Ne: "!="}
        op = ops[type(atom)]
        return _atom(rest, op)

    def simplify(self, expr: sympy.Basic) -> sympy.Basic:
        import sympy

        expr = _apply_subs(expr, self.subs)
        repl = {}
        for a in _atoms(expr):
            na = self.reduce_atom(_normalize_relation(a))
            for f in self.facts:
                if na == f or (isinstance(f, sympy.StrictGreaterThan) and isinstance(na, sympy.GreaterThan)
                               and _atom(f.lhs - f.rhs, ">=") == na):
                    na = sympy.true
                    break
                if _negate(na) == f or (isinstance(f, sympy.StrictGreaterThan)
                                        and _negate(na) == _atom(f.lhs - f.rhs, ">=")):
                    na = sympy.false
                    break
            repl[a] = na
        return _prune(expr.xreplace(repl) if repl else expr)


def _prune(expr: sympy.Basic) -> sympy.Basic:
    """Use e > 0 => e >= 0 inside conjunctions and disjunctions (simplify_logic treats atoms as independent)."""
    import sympy

    if isinstance(expr, (sympy.And, sympy.Or)):
        args = [_prune(a) for a in expr.args]
        strict = {a.lhs - a.rhs for a in args if isinstance(a, sympy.StrictGreaterThan)}
        weak = {a.lhs - a.rhs for a in args if isinstance(a, sympy.GreaterThan)}
        if isinstance(expr, sympy.And):
            args = [a for a in args if not (isinstance(a, sympy.GreaterThan) and a.lhs - a.rhs in strict)]
            if any(sympy.expand(-d) in weak | strict for d in strict):
                return sympy.false
        else:
            args = [a for a in args if not (isinstance(a, sympy.StrictGreaterThan) and a.lhs - a.rhs in weak)]
            if any(sympy.expand(-d) in weak for d in weak):
                return sympy.true
        return type(expr)(*args)
    if isinstance(expr, sympy.Not):
        return sympy.Not(_prune(expr.args[0]))
    return expr


def _apply_subs(expr: sympy.Basic, subs: Mapping[str, tuple[sympy.Symbol, sympy.Expr]]) -> sympy.Basic:
    if not subs:
        return expr
    by = {}
    for name, (_sym, val) in subs.items():
        for s in expr.free_symbols:
            if s.name == name:
                by[s] = val
    return expr.xreplace(by) if by else expr


@lru_cache(maxsize=65536)
def _simplify_relational(rel: sympy.Basic) -> sympy.Basic:
    """``sympy.simplify`` of one relation, cached: the same atoms recur in every verdict of a report."""
    from sympy.simplify.simplify import simplify

    return simplify(rel)


def _simplify_bool(expr: sympy.Basic) -> sympy.Basic:
    """``sympy.simplify_logic`` of a condition of at most 8 atoms (its relations simplified first, as it does)."""
    import sympy

    if expr in (sympy.true, sympy.false):
        return expr
    if len(_atoms(expr)) <= 8:
        # what simplify_logic(expr) does with deep=True, with each relation's simplification cached
        rels = expr.atoms(sympy.core.relational.Relational)
        expr = expr.xreplace({r: _simplify_relational(r) for r in rels})
        return sympy.simplify_logic(expr, deep=False)
    return expr
