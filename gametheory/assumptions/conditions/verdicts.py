r"""Three-valued verdicts: does a condition hold, fail or depend on the parameters over a box?

:func:`decide` answers like ``sympy.ask``.  Fixed values are substituted and
the condition simplified (:mod:`.simplify`); atoms whose sign is constant on
the box of ranges are decided by exact interval arithmetic
(:func:`..intervals.decide_atom`).  What is left is proved true (or false) on
the whole box by branch and bound: the box is bisected along its widest side
until every sub-box is decided by intervals, within a budget (Moore, Kearfott
and Cloud 2009).  Failing a proof, two exact witness points, one where the
condition holds and one where it fails, prove *depends*; a verdict found only
on sampled points says so (``certified=False``).

References
----------
R. E. Moore, R. B. Kearfott and M. J. Cloud, *Introduction to Interval
Analysis*, SIAM, 2009.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import numpy as np

from ...numbers import to_exact, to_symbolic
from .atoms import Ranges, RationalLike, _atom, _atoms, _by_name, _negate, _normalize_relation, _rat
from .evaluate import decide_atom, truth
from .simplify import _Assumptions, _simplify_bool

if TYPE_CHECKING:
    import sympy

__all__ = ["Verdict", "decide", "HOLDS", "FAILS", "DEPENDS"]

#: The three values of a verdict.
Status: TypeAlias = Literal["holds", "fails", "depends"]
HOLDS: Final = "holds"
FAILS: Final = "fails"
DEPENDS: Final = "depends"
#: A box of exact ranges ``{name: (lo, hi)}``.
_Box: TypeAlias = dict[str, tuple[Fraction, Fraction]]


@dataclass(frozen=True)
class Verdict:
    """A three-valued answer: does a condition hold over a set of parameter values?

    Attributes
    ----------
    status : {'holds', 'fails', 'depends'}
    condition : sympy boolean
        What is left once the fixed values, assumptions and ranges are used
        (``true``/``false`` when decided).
    depends_on : tuple of str
        Parameters the residual condition involves.
    certified : bool
        True when proved (symbolically, by interval arithmetic, or by two exact
        witnesses); False when the status rests on sampled points only.
    witnesses : mapping
        ``{'holds': point, 'fails': point}`` found (exact values).
    note : str
    """

    status: Status
    condition: sympy.Basic
    depends_on: tuple[str, ...]
    certified: bool
    witnesses: Mapping[Status, Mapping[str, Fraction]] = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""

    def __str__(self) -> str:
        if self.status == DEPENDS:
            return f"depends on {', '.join(self.depends_on)}: {self.condition}"
        return self.status + ("" if self.certified else f" ({self.note})")



def _sample_value(rng: np.random.Generator, lo: Fraction, hi: Fraction) -> Fraction:
    u = rng.random()
    return lo + (hi - lo) * Fraction(round(u * 1024), 1024)


def _pair_totals(e: sympy.Basic) -> tuple[sympy.Basic, ...]:
    """The atoms ``a + b op 0`` of the pairs of inequalities ``a op 0``, ``b op 0`` of a disjunction ``e``."""
    import sympy

    if not isinstance(e, sympy.Or):
        return ()
    rels = [_normalize_relation(a) for a in e.args if isinstance(a, sympy.core.relational.Relational)]
    rels = [a for a in rels if isinstance(a, (sympy.GreaterThan, sympy.StrictGreaterThan))]
    out = []
    for r1, r2 in itertools.combinations(rels, 2):
        both_strict = isinstance(r1, sympy.StrictGreaterThan) and isinstance(r2, sympy.StrictGreaterThan)
        total = sympy.expand(r1.lhs - r1.rhs + r2.lhs - r2.rhs)
        out.append(_atom(total, ">" if both_strict else ">="))
    return tuple(out)


def _pair_covers(e: sympy.Basic, box: _Box) -> bool:
    """``a >= 0 or b >= 0`` holds on the box if ``a + b >= 0`` does (both negative would make it negative)."""
    return any(decide_atom(t, box) is True for t in _pair_totals(e))


@dataclass(frozen=True)
class _Residual:
    """What is left of a condition once the atoms decided on a box are replaced by true/false."""

    expr: sympy.Basic
    pairs: tuple[sympy.Basic, ...]  # _pair_totals(expr)
    names: frozenset[str] | set[str]  # the names of its free symbols (a set built as _prove always built it)


def _prove(expr: sympy.Basic, box: _Box, budget: int = 256) -> bool:
    """True if ``expr`` holds on every point of ``box``: interval tests on a bisection of the box.

    Sound (a True is a proof); False means "not proved within the budget".
    The residual condition depends only on which atoms are decided and how,
    so it is built once per pattern of decisions (most sub-boxes repeat one).
    """
    import sympy

    atoms = list(_atoms(expr))
    residuals: dict[tuple[bool | None, ...], _Residual] = {}
    stack: list[_Box] = [dict(box)]
    visited = 0
    while stack:
        b = stack.pop()
        key = tuple(decide_atom(a, b) for a in atoms)
        res = residuals.get(key)
        if res is None:
            repl = {a: sympy.true if r else sympy.false for a, r in zip(atoms, key) if r is not None}
            e = expr.xreplace(repl) if repl else expr
            res = residuals[key] = _Residual(e, _pair_totals(e), {s.name for s in e.free_symbols})
        e = res.expr
        if e == sympy.true or any(decide_atom(t, b) is True for t in res.pairs):
            continue
        visited += 1
        if e == sympy.false or visited > budget:
            return False
        names = sorted(res.names, key=lambda k: b[k][0] - b[k][1])
        if not names:
            return False
        k = names[0]  # widest interval first
        lo, hi = b[k]
        mid = (lo + hi) / 2
        stack.append({**b, k: (lo, mid)})
        stack.append({**b, k: (mid, hi)})
    return True


def decide(expr: sympy.Basic, fixed: Mapping[str, RationalLike] | None = None, ranges: Ranges | None = None,
           assumptions: Sequence[sympy.Basic] = (), rng: int | np.random.Generator | None = None,
           samples: int = 256) -> Verdict:
    """The three-valued verdict of a boolean over parameters (see :meth:`Condition.verdict`).

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y", real=True)
    >>> decide(x + y >= 1, ranges={"x": (0, 1), "y": (1, 2)}).status
    'holds'
    >>> v = decide(x >= y, ranges={"x": (0, 1), "y": (0, 1)})
    >>> v.status, v.depends_on, v.certified
    ('depends', ('x', 'y'), True)
    """
    import sympy

    gen = np.random.default_rng(rng)
    ctx = _Assumptions.build(assumptions, ranges)
    syms = _by_name(expr)
    values = {k: _rat(v) for k, v in (fixed or {}).items()}
    e = expr.xreplace({syms[k]: v for k, v in values.items() if k in syms})
    e = ctx.simplify(e)
    free = sorted(s.name for s in e.free_symbols)
    exact_ranges = {k: (to_exact(a), to_exact(b)) for k, (a, b) in (ranges or {}).items()}
    box = {k: exact_ranges[k] for k in free if k in exact_ranges}
    repl = {}
    for a in _atoms(e):
        r = decide_atom(a, box) if set(s.name for s in a.free_symbols) <= set(box) else None
        if r is not None:
            repl[a] = sympy.true if r else sympy.false
    e = e.xreplace(repl) if repl else e
    if e in (sympy.true, sympy.false):
        return Verdict(HOLDS if e == sympy.true else FAILS, e, (), True,
                       note="decided symbolically and by interval arithmetic over the ranges")
    e = _simplify_bool(e)
    free = sorted(s.name for s in e.free_symbols)
    by = _by_name(e)
    facts = [f for f in ctx.facts if f not in (sympy.true, sympy.false)]
    if set(free) <= set(box):
        boxed = [f for f in facts if {s.name for s in f.free_symbols} <= set(box)]
        if _prove(sympy.Or(*[_negate(f) for f in boxed], e), box):
            return Verdict(HOLDS, e, tuple(free), True, note="proved by interval arithmetic on sub-boxes")
        if _prove(sympy.Or(*[_negate(f) for f in boxed], sympy.Not(e)), box):
            return Verdict(FAILS, e, tuple(free), True, note="proved by interval arithmetic on sub-boxes")
    fact_syms = {s.name: s for f in facts for s in f.free_symbols}
    lo_hi = {k: box.get(k, (Fraction(-10), Fraction(10))) for k in set(free) | set(fact_syms)}
    witnesses: dict[Status, Mapping[str, Fraction]] = {}
    corners = list(itertools.product(*[(lo_hi[k][0], lo_hi[k][1], (lo_hi[k][0] + lo_hi[k][1]) / 2)
                                       for k in sorted(lo_hi)])) if len(lo_hi) <= 6 else []
    names = sorted(lo_hi)
    # drawn as they are tried (the same points in the same order as drawing them all first)
    points = itertools.chain((dict(zip(names, c)) for c in corners),
                             ({k: _sample_value(gen, *lo_hi[k]) for k in names} for _ in range(samples)))
    allsyms = {**by, **fact_syms}
    # compiled atoms look values up by name: the same as substituting the symbols when no two differ by name only
    symbols = set(e.free_symbols).union(*(f.free_symbols for f in facts))
    by_name = len(symbols) == len({s.name for s in symbols})

    def value(b: sympy.Basic, pt: Mapping[str, Fraction]) -> sympy.Basic:
        """``b`` at the point: true, false, or what sympy leaves of it."""
        known = truth(b, pt) if by_name else None
        if known is not None:
            return sympy.true if known else sympy.false
        return b.xreplace({allsyms[k]: to_symbolic(v) for k, v in pt.items() if k in allsyms})

    tried = 0
    for pt in points:
        if any(value(f, pt) != sympy.true for f in facts):
            continue
        tried += 1
        val = value(e, pt)
        if val not in (sympy.true, sympy.false):
            continue
        key: Status = HOLDS if val == sympy.true else FAILS
        witnesses.setdefault(key, MappingProxyType({k: pt[k] for k in free}))
        if len(witnesses) == 2:
            return Verdict(DEPENDS, e, tuple(free), True, MappingProxyType(witnesses),
                           "exact witnesses on both sides")
    if len(witnesses) == 1:
        (key,) = witnesses
        return Verdict(key, e, tuple(free), False, MappingProxyType(witnesses),
                       f"on all {tried} sampled points; not proved")
    return Verdict(DEPENDS, e, tuple(free), False, MappingProxyType({}), "no sampled point satisfies the assumptions")
