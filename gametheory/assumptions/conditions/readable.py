r"""A condition as inequalities in the parameters that people read, one line each, exactly equivalent.

The raw conditions of :mod:`.pure` and :mod:`.mixed` are sympy booleans whose
atoms are expanded polynomials (``2*c**3 + 3*c**2*w + ... >= ...``).
:func:`readable_condition` rewrites a conjunction of such atoms within the
declared ranges and under the model's assumptions:

1. each atom :math:`p \;op\; 0` is factored, :math:`p = c \prod_j f_j^{m_j}`
   (``sympy.factor_list``); a factor whose sign is fixed on the box (exact
   interval enclosure) or by an assumption is dropped, flipping the relation
   when negative, and multiplicities are reduced to 1 or 2;
2. the conjunction is reduced by sign reasoning on the factors: every
   relation on one factor :math:`f` is the set of signs of :math:`f` it
   allows (``f >= 0`` allows {0, +}), relations on the same factor are
   intersected (``f >= 0`` and ``f <= 0`` give ``f = 0``), a strict or
   ``!=`` relation on a product says each factor is non-zero, a product
   relation loses the factors whose sign is known from the others, and a
   relation implied by the others is dropped (Tarski's sign-condition
   calculus on factors, e.g. Basu, Pollack and Roy 2006, ch. 2);
3. what is left is printed one relation a line: a single polynomial as
   ``lhs ≤ rhs`` with positive terms on each side, a lone term on the left
   (``v_md ≤ v_cfe + g + eps_a``), terms in the order the model declares its
   parameters; a product of factors as ``(f1)*(f2) > 0``.

Every step is an equivalence for the points of the box that satisfy the
assumptions, so the lines say exactly what the raw condition says there
(tests/test_conditions_readable.py checks it on every model at random
rational points).  A disjunction is printed on one line joined by ``or``.

References
----------
S. Basu, R. Pollack and M.-F. Roy, *Algorithms in Real Algebraic Geometry*,
2nd ed., Springer, 2006, ch. 2 (sign conditions).

Examples
--------
>>> import sympy
>>> v_cfe, v_md, g, eps_a = sympy.symbols("v_cfe v_md g eps_a", real=True)
>>> r = readable_condition(sympy.And(eps_a >= v_md - v_cfe - g, g >= 0), order=("v_cfe", "v_md", "g", "eps_a"))
>>> r.lines
('v_md ≤ v_cfe + g + eps_a', 'g ≥ 0')
>>> x = sympy.Symbol("x", real=True)
>>> readable_condition(sympy.And(x * (x - 1) >= 0, x * (x - 1) <= 0), {"x": (1, 2)}).lines
('x = 1',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .atoms import Ranges, _normalize_relation
from .simplify import _Assumptions

if TYPE_CHECKING:
    import sympy

__all__ = ["ReadableCondition", "readable_condition"]

#: Signs of a factor: -1, 0, +1.
_ALL = frozenset({-1, 0, 1})
#: The signs of a product ``p`` that ``p op 0`` allows.
_ALLOWS = {">=": frozenset({0, 1}), ">": frozenset({1}), "<=": frozenset({-1, 0}), "<": frozenset({-1}),
           "==": frozenset({0}), "!=": frozenset({-1, 1})}
_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class ReadableCondition:
    """A condition rewritten for people.

    Attributes
    ----------
    lines : tuple of str
        One relation (or one disjunction) per line; ``("always",)`` when the
        condition holds everywhere in the ranges (under the assumptions),
        ``("never",)`` when nowhere.
    parts : tuple of sympy booleans
        The relations the lines print: their conjunction is equivalent to the
        raw condition on the box, under the assumptions.
    """

    lines: tuple[str, ...]
    parts: tuple[sympy.Basic, ...]

    @property
    def expr(self) -> sympy.Basic:
        """The conjunction of :attr:`parts` (``true`` for none)."""
        import sympy

        return sympy.And(*self.parts)

    def text(self, joiner: str = " and ") -> str:
        """The lines joined on one line."""
        return joiner.join(self.lines)


@dataclass(frozen=True)
class _Rel:
    """``coeff_sign * prod(f**m) op 0`` folded into ``prod(f**m) op 0``: factors (primitive polynomials) and op."""

    factors: tuple[tuple[sympy.Expr, int], ...]
    op: str


class _Never(Exception):
    """The conjunction is false on the box."""


def _sign_set(rel: _Rel) -> frozenset[int] | None:
    """For a relation on one factor f (f or f**2): the signs of f it allows; None for a product."""
    if len(rel.factors) != 1:
        return None
    _f, m = rel.factors[0]
    allowed = _ALLOWS[rel.op]
    if m == 1:
        return allowed
    # f**2 is 0 where f is 0 and positive elsewhere
    return frozenset(s for s in _ALL if (0 if s == 0 else 1) in allowed)


def _op_of(signs: frozenset[int]) -> str | None:
    """The relation ``f op 0`` allowing exactly ``signs``; None for all (no condition)."""
    for op, allowed in _ALLOWS.items():
        if allowed == signs:
            return op
    return None


class _Reasoner:
    """Knowledge of the signs of factors: from the box, the assumptions and the other relations."""

    def __init__(self, ctx: _Assumptions) -> None:
        self.ctx = ctx
        self.base: dict[sympy.Expr, frozenset[int]] = {}
        for fact in ctx.facts:
            rel = self.relation(fact, use_base=False)
            if not isinstance(rel, _Rel):
                continue
            signs = _sign_set(rel)
            for f, _m in rel.factors:
                s = signs if signs is not None else (frozenset({-1, 1}) if rel.op in ("<", ">", "!=") else _ALL)
                self.base[f] = self.base.get(f, _ALL) & s

    def box_signs(self, f: sympy.Expr) -> frozenset[int]:
        """Signs of ``f`` possible on the box (exact interval enclosure), intersected with the assumptions'."""
        from ..intervals import enclose

        signs = _ALL
        names = {s.name for s in f.free_symbols}
        if names <= set(self.ctx.box):
            enc = enclose(f, self.ctx.box)
            if enc is not None:
                lo, hi = enc
                signs = frozenset(s for s in _ALL if (s == -1 and lo < 0) or (s == 0 and lo <= 0 <= hi)
                                  or (s == 1 and hi > 0))
        return signs & self.base.get(f, _ALL)

    def relation(self, atom: sympy.Basic, use_base: bool = True) -> _Rel | bool | None:
        """An atom as a product of factors ``op 0``; True/False when decided by signs; None if not a relation."""
        import sympy

        atom = _normalize_relation(atom)
        if atom is sympy.true or atom is sympy.false:
            return bool(atom)
        if not isinstance(atom, sympy.core.relational.Relational):
            return None
        op = {sympy.GreaterThan: ">=", sympy.StrictGreaterThan: ">", sympy.Eq: "==", sympy.Ne: "!="}[type(atom)]
        p = sympy.expand(atom.lhs - atom.rhs)
        coeff, factors = sympy.factor_list(p)
        sign = 1 if coeff > 0 else -1
        kept: dict[sympy.Expr, int] = {}
        for f, m in factors:
            f, flip = _oriented(f)
            if flip and m % 2:
                sign = -sign
            kept[f] = kept.get(f, 0) + m
        out = _Rel(tuple((f, 1 if m % 2 else 2) for f, m in kept.items()), op if sign > 0 else _FLIP[op])
        return self.reduce(out, {}) if use_base else out

    def reduce(self, rel: _Rel, known: Mapping[sympy.Expr, frozenset[int]]) -> _Rel | bool:
        """Drop the factors of known sign from ``rel`` (flipping for negative ones); True/False if decided."""
        op, factors = rel.op, []
        for f, m in rel.factors:
            signs = known.get(f, _ALL) & self.box_signs(f)
            if not signs:
                raise _Never
            if m == 2 and 0 not in signs:
                continue  # a square of a non-zero factor is positive
            if signs == frozenset({1}):
                continue
            if signs == frozenset({-1}):
                op = _FLIP[op]
                continue
            if signs == frozenset({0}):
                return 0 in _ALLOWS[op]  # the product is 0
            if 0 not in signs and op in ("==", "!="):
                continue  # a non-zero factor does not decide whether the product is 0
            factors.append((f, m))
        if not factors:
            return 1 in _ALLOWS[op]  # an empty product is 1
        return _Rel(tuple(factors), op)


def _oriented(f: sympy.Expr) -> tuple[sympy.Expr, bool]:
    """``(±f, flipped)`` with the sign making the first non-constant term in sympy's printing order positive."""
    import sympy

    f = sympy.expand(f)
    first = next((t for t in f.as_ordered_terms() if not t.is_number), f)
    if first.as_coeff_Mul()[0] < 0:
        return sympy.expand(-f), True
    return f, False


def _knowledge(rels: Sequence[_Rel], skip: int, products_only: bool = False) -> dict[sympy.Expr, frozenset[int]]:
    """Signs of factors implied by the relations other than ``rels[skip]`` (or by the products among them)."""
    known: dict[sympy.Expr, frozenset[int]] = {}
    for j, rel in enumerate(rels):
        if j == skip:
            continue
        signs = _sign_set(rel)
        if products_only and signs is not None:
            continue
        for f, _m in rel.factors:
            s = signs if signs is not None else (frozenset({-1, 1}) if rel.op in ("<", ">", "!=") else _ALL)
            known[f] = known.get(f, _ALL) & s
    return known


def _merge(rels: list[_Rel]) -> list[_Rel]:
    """One relation per product: relations on the same factors intersected (``p >= 0`` and ``p <= 0``: ``p = 0``)."""
    merged: dict[tuple, frozenset[int]] = {}
    for rel in rels:
        if len(rel.factors) == 1:  # on one factor: the signs of the factor
            key: tuple = (rel.factors[0][0],)
            signs = _sign_set(rel)
        else:
            key = rel.factors
            signs = _ALLOWS[rel.op]
        merged[key] = merged.get(key, _ALL) & (signs if signs is not None else _ALL)
    out = []
    for key, signs in merged.items():
        if not signs:
            raise _Never
        op = _op_of(signs)
        if op is not None:
            out.append(_Rel(((key[0], 1),), op) if len(key) == 1 else _Rel(key, op))
    return out


def _reduce_all(rels: list[_Rel], reasoner: _Reasoner) -> list[_Rel]:
    """Reduce the relations by what the others imply, until nothing changes; raises _Never if false.

    Products are reduced first by the signs the other relations, the box and
    the assumptions give their factors; a relation on one factor is then
    written with the signs the box allows (``x ≠ 0`` with ``x`` in [0, 1]
    is ``x > 0``) and dropped when the products that remain imply it.
    """
    rels = _merge(rels)
    while True:
        before = list(rels)
        for i, rel in enumerate(rels):
            if _sign_set(rel) is None:
                new = reasoner.reduce(rel, _knowledge(rels, i))
                if new is False:
                    raise _Never
                rels[i] = new if new is not True else _Rel((), ">=")
        rels = _merge([r for r in rels if r.factors])
        kept = []
        for i, rel in enumerate(rels):
            signs = _sign_set(rel)
            if signs is None:
                kept.append(rel)
                continue
            f = rel.factors[0][0]
            have = reasoner.box_signs(f) & _knowledge(rels, i, products_only=True).get(f, _ALL)
            tight = signs & have
            if not tight:
                raise _Never
            if have <= signs:
                continue  # implied by the box, the assumptions and the products
            op = _op_of(tight)
            if op is not None:
                kept.append(_Rel(((f, 1),), op))
        rels = kept
        if rels == before:
            return rels


def _term_key(term: sympy.Expr, order: Mapping[str, int]) -> tuple:
    names = sorted(s.name for s in term.free_symbols)
    if not names:
        return (1, (), "")  # the constant last
    return (0, tuple(sorted(order.get(n, len(order)) for n in names)), " ".join(names))


def _side(terms: Sequence[sympy.Expr], order: Mapping[str, int]) -> str:
    """Terms with positive coefficients as ``a + b + 2``, in the model's order of parameters.

    A power of a parameter common to every term is taken out: ``V*(sigma_s + omega)``.
    """
    import sympy

    if len(terms) > 1:
        powers = [t.as_powers_dict() for t in terms]
        common = sympy.Mul(*[s**min(p.get(s, 0) for p in powers) for s in powers[0] if s.is_Symbol])
        if common != 1:
            inner = [sympy.expand(t / common) for t in terms]
            return f"{common}*({_side(inner, order)})"
    ts = sorted(terms, key=lambda t: _term_key(t, order))
    return " + ".join(str(t) for t in ts) if ts else "0"


def _signed_sum(p: sympy.Expr, order: Mapping[str, int]) -> str:
    import sympy

    ts = sorted(sympy.Add.make_args(sympy.expand(p)), key=lambda t: _term_key(t, order))
    out = ""
    for t in ts:
        neg = t.as_coeff_Mul()[0] < 0
        body = str(-t if neg else t)
        out += ("-" if neg else "") + body if not out else (" - " if neg else " + ") + body
    return out


def _rel_text(rel: _Rel, order: Mapping[str, int]) -> str:
    import sympy

    if len(rel.factors) == 1 and rel.factors[0][1] == 1:
        p = rel.factors[0][0]
        terms = sympy.Add.make_args(sympy.expand(p))
        pos = [t for t in terms if t.as_coeff_Mul()[0] > 0]
        neg = [-t for t in terms if t.as_coeff_Mul()[0] < 0]
        lhs, rhs, op = pos, neg, rel.op
        lone = [len(s) == 1 and not s[0].is_number for s in (pos, neg)]
        if lone[0] and lone[1]:  # x ≤ y: the parameter declared later on the left
            swap = _term_key(neg[0], order) > _term_key(pos[0], order)
        elif lone[0] or lone[1]:  # a lone term on the left: v_md ≤ v_cfe + g
            swap = lone[1]
        else:  # written as lhs ≥ rhs, or lhs > rhs, as sympy writes relations
            swap = op in ("<=", "<")
        if swap:
            lhs, rhs, op = neg, pos, _FLIP[op]
        return f"{_side(lhs, order)} {_SYMBOL[op]} {_side(rhs, order)}"
    body = "*".join(f"({_signed_sum(f, order)})" + ("**2" if m == 2 else "") for f, m in rel.factors)
    return f"{body} {_SYMBOL[rel.op]} 0"


def _rel_expr(rel: _Rel) -> sympy.Basic:
    import sympy

    p = sympy.Mul(*[f**m for f, m in rel.factors])
    cls = {">=": sympy.GreaterThan, ">": sympy.StrictGreaterThan, "<=": sympy.LessThan, "<": sympy.StrictLessThan,
           "==": sympy.Eq, "!=": sympy.Ne}[rel.op]
    return cls(p, 0, evaluate=False)


def _other_text(expr: sympy.Basic, reasoner: _Reasoner, order: Mapping[str, int]) -> str:
    """A disjunction or negation, each relation in it printed alone (no reasoning across its parts)."""
    import sympy

    if isinstance(expr, sympy.Or):
        return " or ".join(_wrap(a, reasoner, order) for a in expr.args)
    if isinstance(expr, sympy.And):
        return " and ".join(_wrap(a, reasoner, order) for a in expr.args)
    if isinstance(expr, sympy.Not):
        return f"not ({_other_text(expr.args[0], reasoner, order)})"
    if isinstance(expr, sympy.core.relational.Relational):
        try:
            rel = reasoner.relation(expr, use_base=False)
        except _Never:  # pragma: no cover - use_base=False does not reduce
            return "False"
        if isinstance(rel, bool):
            return "always" if rel else "never"
        if rel is not None:
            return _rel_text(rel, order)
    return str(expr)


def _wrap(expr: sympy.Basic, reasoner: _Reasoner, order: Mapping[str, int]) -> str:
    import sympy

    text = _other_text(expr, reasoner, order)
    return f"({text})" if isinstance(expr, (sympy.And, sympy.Or)) else text


def readable_condition(expr: sympy.Basic, ranges: Ranges | None = None, assumptions: Sequence[sympy.Basic] = (),
                       order: Sequence[str] = ()) -> ReadableCondition:
    """``expr`` as relations people read, one per line, equivalent on the box under the assumptions.

    Parameters
    ----------
    expr : sympy boolean
        A condition (typically :attr:`.claims.Condition.expr`).
    ranges : mapping name -> (lo, hi), optional
        The declared ranges: factors of fixed sign on this box are dropped.
    assumptions : sequence of sympy relations
        The model's assumptions, used the same way.
    order : sequence of str
        The parameters in the order terms are written (the model's order);
        others follow alphabetically.
    """
    import sympy

    if expr is sympy.true:
        return ReadableCondition(("always",), ())
    if expr is sympy.false:
        return ReadableCondition(("never",), (sympy.false,))
    ctx = _Assumptions.build(assumptions, ranges)
    reasoner = _Reasoner(ctx)
    pos = {name: i for i, name in enumerate(order)}
    rels: list[_Rel] = []
    others: list[sympy.Basic] = []
    try:
        for part in sympy.And.make_args(expr):
            rel = reasoner.relation(part) if isinstance(part, sympy.core.relational.Relational) else None
            if rel is False:
                raise _Never
            if rel is True:
                continue
            if rel is None:
                others.append(part)
            else:
                rels.append(rel)
        rels = _reduce_all(rels, reasoner)
    except _Never:
        return ReadableCondition(("never",), (sympy.false,))
    # in the model's order of parameters (sympy orders the arguments of And by hash, which varies between runs)
    rels.sort(key=lambda r: (sorted(pos.get(s.name, len(pos)) for f, _m in r.factors for s in f.free_symbols),
                             _rel_text(r, pos)))
    others.sort(key=lambda o: (sorted(pos.get(s.name, len(pos)) for s in o.free_symbols), str(o)))
    lines = [_rel_text(r, pos) for r in rels]
    parts = [_rel_expr(r) for r in rels]
    for o in others:
        if isinstance(o, sympy.Or):
            either = _disjunction(o, ranges, assumptions, order)
            if either is True:
                continue
            if either is False:
                return ReadableCondition(("never",), (sympy.false,))
            lines.append(either[0])
            parts.append(either[1])
        else:
            lines.append(_other_text(o, reasoner, pos))
            parts.append(o)
    if not lines:
        return ReadableCondition(("always",), ())
    return ReadableCondition(tuple(lines), tuple(parts))


def _disjunction(expr: sympy.Basic, ranges: Ranges | None, assumptions: Sequence[sympy.Basic],
                 order: Sequence[str]) -> tuple[str, sympy.Basic] | bool:
    """``a or b or ...`` with each part made readable on its own; True/False when a part always/no part ever holds."""
    import sympy

    found: dict[str, sympy.Basic] = {}
    for arg in expr.args:
        part = readable_condition(arg, ranges, assumptions, order)
        if part.lines == ("always",):
            return True
        if part.lines == ("never",):
            continue
        text = part.text() if len(part.lines) == 1 else f"({part.text()})"
        found.setdefault(text, part.expr)
    if not found:
        return False
    texts = sorted(found)  # sympy orders the arguments of Or by hash, which varies between runs
    return " or ".join(texts), sympy.Or(*[found[t] for t in texts])
