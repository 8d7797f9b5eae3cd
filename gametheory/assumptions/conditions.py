r"""Exact conditions on the parameters for equilibrium claims, and three-valued verdicts.

For a game whose payoffs are sympy expressions in parameters :math:`\theta`:

*Nash condition* of a pure profile :math:`s`: for every player :math:`i` and
every other strategy :math:`t_i`, :math:`u_i(s)(\theta) - u_i(t_i, s_{-i})(\theta) \ge 0`
(strict ``> 0`` for a strict equilibrium, where deviations that are payoff
-identical as expressions are ignored).

*Uniqueness among pure profiles*: the Nash condition of :math:`s` and the
negation of every other profile's.  This says nothing about mixed
equilibria; where :func:`dominance_condition` holds (iterated strict
dominance leaves only :math:`s`) the equilibrium is unique outright, mixed
ones included (a strictly dominated strategy is never played in any
equilibrium; e.g. Fudenberg and Tirole 1991, sec. 2.1).

*Iterated strict dominance* (by pure strategies; the order of elimination
does not matter, Gilboa, Kalai and Zemel 1990): with :math:`E_k(s_i)` "strategy
:math:`s_i` is eliminated within :math:`k` rounds",

.. math:: E_k(s_i) = \bigvee_{t_i \ne s_i} \bigwedge_{s_{-i}}
   \Big(\bigvee_{j \ne i} E_{k-1}(s_j) \;\lor\; u_i(t_i, s_{-i}) > u_i(s_i, s_{-i})\Big),

:math:`E_0 = \text{false}`, iterated :math:`\sum_i n_i - N` times.

*Mixed equilibria with a given support* in which at most two players mix,
with supports of equal size (the support-enumeration systems of Dickhaut and
Kaplan 1991; Nisan et al., *Algorithmic Game Theory*, sec. 3.3): each mixer's
probabilities make the other mixer indifferent on its support, a linear
system solved in closed form by sympy; the profile is an equilibrium iff
those probabilities are positive, no strategy outside a support does better,
and no pure player gains by deviating.  Rational-function inequalities
:math:`n/d \ge 0` are stored as the polynomial inequalities :math:`n d \ge 0`
(the system's determinant is required non-zero).

Every atom is normalised (expanded, divided by its positive content, written
``positive terms >= negative terms``), equalities among the model's
assumptions are substituted, and atoms implied or contradicted by an
assumption are replaced by true/false.  :meth:`Condition.verdict` answers
like ``sympy.ask``: *holds*, *fails* or *depends* over a box of parameter
ranges, proved by exact interval arithmetic (:mod:`.intervals`, on the box
and then on a bisection of it, a branch-and-bound proof) or by two exact
witness points; a verdict found only by sampling says so
(``certified=False``).

Every constructor takes the model's ``assumptions`` and optionally its
declared ``ranges`` (``{name: (lo, hi)}``); with ranges, factors whose sign is
fixed on the box are dropped (``V*c > 0`` becomes ``c > 0`` when ``V`` lies in
``[2, 6]``), and the condition is then valid within the ranges.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import sympy

from ..errors import InputError, UnsupportedGameError
from ..numbers import to_exact, to_symbolic
from .intervals import decide_atom, enclose

__all__ = [
    "Condition",
    "Verdict",
    "MixedCondition",
    "nash_condition",
    "unique_condition",
    "dominance_condition",
    "survives_dominance_condition",
    "support_condition",
    "mixed_conditions",
    "HOLDS",
    "FAILS",
    "DEPENDS",
]

HOLDS, FAILS, DEPENDS = "holds", "fails", "depends"


# ---------------------------------------------------------------------- atoms
def _rat(x):
    f = to_exact(x)
    return sympy.Rational(f.numerator, f.denominator)


def _split(e):
    """``e`` as (positive terms, negated negative terms)."""
    pos, neg = [], []
    for term in sympy.Add.make_args(e):
        (neg if term.as_coeff_Mul()[0] < 0 else pos).append(term)
    return sympy.Add(*pos), -sympy.Add(*neg)


def _atom(e, op: str):
    """The canonical relation ``e op 0`` for op in '>=', '>', '==', '!='; may be true/false."""
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


def _normalize_relation(rel):
    """A sympy relation as a canonical atom."""
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


def _negate(atom):
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


def _atoms(expr):
    return expr.atoms(sympy.core.relational.Relational)


def _by_name(expr) -> dict:
    return {s.name: s for s in expr.free_symbols}


# ---------------------------------------------------------------------- assumptions
@dataclass(frozen=True)
class _Assumptions:
    subs: Mapping  # symbol name -> expression (from equalities)
    facts: tuple  # canonical atoms assumed true

    box: Mapping = field(default_factory=lambda: MappingProxyType({}))  # declared ranges: signs of factors

    @classmethod
    def build(cls, assumptions, ranges=None) -> _Assumptions:
        subs, facts = {}, []
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
        facts = tuple(_normalize_relation(_apply_subs(f, subs)) if f not in (sympy.true, sympy.false) else f
                      for f in facts)
        box = {k: (to_exact(a), to_exact(b)) for k, (a, b) in (ranges or {}).items()}
        return cls(MappingProxyType(subs), facts, MappingProxyType(box))

    def _sign(self, f):
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

    def reduce_atom(self, atom):
        """Drop factors of known sign from an atom (flipping it for negative ones)."""
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
        op = {sympy.GreaterThan: ">=", sympy.StrictGreaterThan: ">", sympy.Eq: "==", sympy.Ne: "!="}[type(atom)]
        return _atom(rest, op)

    def simplify(self, expr):
        expr = _apply_subs(expr, self.subs)
        repl = {}
        for a in _atoms(expr):
            na = self.reduce_atom(_normalize_relation(a))
            for f in self.facts:
                if na == f or (isinstance(f, sympy.StrictGreaterThan) and isinstance(na, sympy.GreaterThan)
                               and _atom(f.lhs - f.rhs, ">=") == na):
                    na = sympy.true
                    break
                if _negate(na) == f or (isinstance(f, sympy.StrictGreaterThan) and _negate(na) == _atom(f.lhs - f.rhs, ">=")):
                    na = sympy.false
                    break
            repl[a] = na
        return _prune(expr.xreplace(repl) if repl else expr)


def _prune(expr):
    """Use e > 0 => e >= 0 inside conjunctions and disjunctions (simplify_logic treats atoms as independent)."""
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


def _apply_subs(expr, subs):
    if not subs:
        return expr
    by = {}
    for name, (sym, val) in subs.items():
        for s in expr.free_symbols:
            if s.name == name:
                by[s] = val
    return expr.xreplace(by) if by else expr


def _simplify_bool(expr):
    if expr in (sympy.true, sympy.false):
        return expr
    if len(_atoms(expr)) <= 8:
        return sympy.simplify_logic(expr)
    return expr


# ---------------------------------------------------------------------- results
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

    status: str
    condition: object
    depends_on: tuple
    certified: bool
    witnesses: Mapping = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""

    def __str__(self):
        if self.status == DEPENDS:
            return f"depends on {', '.join(self.depends_on)}: {self.condition}"
        return self.status + ("" if self.certified else f" ({self.note})")


@dataclass(frozen=True)
class Condition:
    """A claim about a game and the exact condition on the parameters under which it is true.

    Attributes
    ----------
    claim : str
        What the condition is for, in words.
    expr : sympy boolean
        The simplified condition (``true``/``false`` when it does not depend on the parameters).
    scope : str
        What the claim covers (e.g. "among pure profiles").
    assumptions : tuple
        The model's assumptions that were used.
    """

    claim: str
    expr: object
    scope: str = ""
    assumptions: tuple = ()

    @property
    def parameters(self) -> tuple:
        return tuple(sorted(s.name for s in self.expr.free_symbols))

    def holds_at(self, values: Mapping) -> bool:
        """Evaluate exactly at ``{name: value}`` (values as numbers or rational strings)."""
        syms = _by_name(self.expr)
        missing = sorted(set(syms) - set(values))
        if missing:
            raise InputError(f"no value for parameters {missing}", field="values")
        out = self.expr.xreplace({syms[k]: _rat(values[k]) for k in syms})
        if out not in (sympy.true, sympy.false):
            out = sympy.simplify(out)
        if out not in (sympy.true, sympy.false):
            raise UnsupportedGameError(f"could not decide {self.expr} at {dict(values)}")
        return bool(out)

    def verdict(self, fixed: Mapping | None = None, ranges: Mapping | None = None,
                assumptions=None, rng=None, samples: int = 256) -> Verdict:
        """Holds, fails or depends, with ``fixed`` parameters set and the others over ``ranges``.

        Parameters
        ----------
        fixed : mapping, optional
            ``{name: value}`` for parameters held fixed.
        ranges : mapping, optional
            ``{name: (lo, hi)}`` for the free parameters; a free parameter
            without a range makes a proof by intervals impossible and is
            sampled in ``[-10, 10]``.
        assumptions : sequence of sympy relations, optional
            Extra assumptions (the condition's own are always used).
        rng : numpy Generator or int, optional
            For the sampled witnesses.
        samples : int
            Random points tried when the intervals do not decide.
        """
        return decide(self.expr, fixed, ranges, tuple(self.assumptions) + tuple(assumptions or ()), rng, samples)

    def __str__(self):
        return f"{self.claim}: {self.expr}" + (f" ({self.scope})" if self.scope else "")


@dataclass(frozen=True)
class MixedCondition:
    """A closed-form equilibrium with a given support and its validity condition.

    Attributes
    ----------
    support : mapping player -> tuple of labels
    probabilities : mapping player -> mapping label -> sympy expression
    payoffs : mapping player -> sympy expression
    condition : Condition
    """

    support: Mapping
    probabilities: Mapping
    payoffs: Mapping
    condition: Condition

    def at(self, values: Mapping) -> dict:
        """The probabilities at ``values`` as exact Fractions ``{player: {label: p}}``."""
        syms = {}
        for d in self.probabilities.values():
            for e in d.values():
                syms.update(_by_name(e))
        sub = {syms[k]: _rat(values[k]) for k in syms if k in values}
        return {p: {lab: to_exact(sympy.nsimplify(e.xreplace(sub))) for lab, e in d.items()}
                for p, d in self.probabilities.items()}


# ---------------------------------------------------------------------- deciding
def _sample_value(rng, lo, hi):
    u = rng.random()
    return lo + (hi - lo) * Fraction(round(u * 1024), 1024)


def _pair_covers(e, box) -> bool:
    """``a >= 0 or b >= 0`` holds on the box if ``a + b >= 0`` does (both negative would make it negative)."""
    if not isinstance(e, sympy.Or):
        return False
    rels = [_normalize_relation(a) for a in e.args if isinstance(a, sympy.core.relational.Relational)]
    rels = [a for a in rels if isinstance(a, (sympy.GreaterThan, sympy.StrictGreaterThan))]
    for r1, r2 in itertools.combinations(rels, 2):
        both_strict = isinstance(r1, sympy.StrictGreaterThan) and isinstance(r2, sympy.StrictGreaterThan)
        total = sympy.expand(r1.lhs - r1.rhs + r2.lhs - r2.rhs)
        if decide_atom(_atom(total, ">" if both_strict else ">="), box) is True:
            return True
    return False


def _prove(expr, box, budget: int = 256) -> bool:
    """True if ``expr`` holds on every point of ``box``: interval tests on a bisection of the box.

    Sound (a True is a proof); False means "not proved within the budget".
    """
    stack = [dict(box)]
    visited = 0
    while stack:
        b = stack.pop()
        repl = {}
        for a in _atoms(expr):
            r = decide_atom(a, b)
            if r is not None:
                repl[a] = sympy.true if r else sympy.false
        e = expr.xreplace(repl) if repl else expr
        if e == sympy.true or _pair_covers(e, b):
            continue
        visited += 1
        if e == sympy.false or visited > budget:
            return False
        names = sorted({s.name for s in e.free_symbols}, key=lambda k: b[k][0] - b[k][1])
        if not names:
            return False
        k = names[0]  # widest interval first
        lo, hi = b[k]
        mid = (lo + hi) / 2
        stack.append({**b, k: (lo, mid)})
        stack.append({**b, k: (mid, hi)})
    return True


def decide(expr, fixed=None, ranges=None, assumptions=(), rng=None, samples=256) -> Verdict:
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
    rng = np.random.default_rng(rng)
    ctx = _Assumptions.build(assumptions, ranges)
    syms = _by_name(expr)
    fixed = {k: _rat(v) for k, v in (fixed or {}).items()}
    e = expr.xreplace({syms[k]: v for k, v in fixed.items() if k in syms})
    e = ctx.simplify(e)
    free = sorted(s.name for s in e.free_symbols)
    ranges = {k: (to_exact(a), to_exact(b)) for k, (a, b) in (ranges or {}).items()}
    box = {k: ranges[k] for k in free if k in ranges}
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
    witnesses = {}
    corners = list(itertools.product(*[(lo_hi[k][0], lo_hi[k][1], (lo_hi[k][0] + lo_hi[k][1]) / 2)
                                       for k in sorted(lo_hi)])) if len(lo_hi) <= 6 else []
    names = sorted(lo_hi)
    points = [dict(zip(names, c)) for c in corners]
    points += [{k: _sample_value(rng, *lo_hi[k]) for k in names} for _ in range(samples)]
    tried = 0
    for pt in points:
        allsyms = {**by, **fact_syms}
        sub = {allsyms[k]: sympy.Rational(v.numerator, v.denominator) for k, v in pt.items() if k in allsyms}
        if any(f.xreplace(sub) != sympy.true for f in facts):
            continue
        tried += 1
        val = e.xreplace(sub)
        if val not in (sympy.true, sympy.false):
            continue
        key = HOLDS if val == sympy.true else FAILS
        witnesses.setdefault(key, MappingProxyType({k: pt[k] for k in free}))
        if len(witnesses) == 2:
            return Verdict(DEPENDS, e, tuple(free), True, MappingProxyType(witnesses),
                           "exact witnesses on both sides")
    if len(witnesses) == 1:
        (key,) = witnesses
        return Verdict(key, e, tuple(free), False, MappingProxyType(witnesses),
                       f"on all {tried} sampled points; not proved")
    return Verdict(DEPENDS, e, tuple(free), False, MappingProxyType({}), "no sampled point satisfies the assumptions")


# ---------------------------------------------------------------------- pure profiles
def _sym_payoffs(game) -> np.ndarray:
    pay = game.payoffs
    if game.kind == "symbolic":
        return pay
    out = np.empty(pay.shape, dtype=object)
    for idx in np.ndindex(pay.shape):
        out[idx] = to_symbolic(pay[idx])
    return out


def _profile_index(game, profile) -> tuple:
    if isinstance(profile, Mapping):
        return game.profile_index(profile)
    profile = tuple(profile)
    if len(profile) != game.num_players:
        raise InputError(f"a profile names one strategy per player ({game.num_players}), got {list(profile)}",
                         field="profile")
    return tuple(game.strategy_index(i, lab) for i, lab in enumerate(profile))


def _profile_text(game, idx) -> str:
    return "(" + ", ".join(game.strategies[i][j] for i, j in enumerate(idx)) + ")"


def _nash_expr(U, idx, strict=False):
    parts = []
    for i in range(len(idx)):
        for t in range(U.shape[i]):
            if t == idx[i]:
                continue
            dev = idx[:i] + (t,) + idx[i + 1:]
            d = sympy.expand(U[idx][i] - U[dev][i])
            if strict and d == 0:
                continue  # a payoff-identical deviation cannot be strictly worse
            parts.append(_atom(d, ">" if strict else ">="))
    return sympy.And(*parts)


def nash_condition(game, profile, assumptions=(), strict: bool = False, ranges=None) -> Condition:
    """Condition under which a pure ``profile`` is a Nash equilibrium.

    Parameters
    ----------
    game : Game
    profile : mapping player -> label, or sequence of labels in player order
    assumptions : sequence of sympy relations
        The model's assumptions (equalities are substituted, implied atoms dropped).
    strict : bool
        Strict equilibrium: every deviation strictly worse, except deviations
        whose payoff is the same expression (those are ignored).

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> c, v = sympy.symbols("c_cfe v_md", real=True)
    >>> pd = Game.from_bimatrix([[4 - c, -c], [4, 0]], [[3 - v, 3], [-v, 0]])
    >>> print(nash_condition(pd, ["2", "2"]).expr)
    (c_cfe >= 0) & (v_md >= 0)
    """
    U = _sym_payoffs(game)
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    expr = _simplify_bool(ctx.simplify(_nash_expr(U, idx, strict)))
    word = "a strict" if strict else "a"
    return Condition(f"{_profile_text(game, idx)} is {word} Nash equilibrium", expr, "", tuple(assumptions))


def unique_condition(game, profile, assumptions=(), ranges=None) -> Condition:
    """Condition under which ``profile`` is the only pure equilibrium.

    The scope says "among pure profiles": mixed equilibria are not excluded by
    this condition; :func:`dominance_condition` gives a sufficient condition
    for uniqueness among all equilibria.
    """
    U = _sym_payoffs(game)
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    parts = [ctx.simplify(_nash_expr(U, idx))]
    for other in np.ndindex(game.shape):
        if other != idx:
            ne = ctx.simplify(_nash_expr(U, other))
            parts.append(sympy.Or(*[_negate(a) for a in sympy.And.make_args(ne)]) if ne not in (sympy.true, sympy.false)
                         else sympy.Not(ne))
    expr = _simplify_bool(ctx.simplify(sympy.And(*parts)))
    return Condition(f"{_profile_text(game, idx)} is the unique pure equilibrium", expr,
                     "uniqueness among pure profiles only; see dominance_condition for full uniqueness",
                     tuple(assumptions))


def _eliminated(game, ctx):
    """``E[i][s]``: strategy s of player i is removed by iterated strict dominance."""
    U = _sym_payoffs(game)
    n = game.num_players
    shape = game.shape
    E = [[sympy.false] * shape[i] for i in range(n)]
    for _ in range(max(1, sum(shape) - n)):
        new = []
        for i in range(n):
            row = []
            others = [range(shape[j]) for j in range(n) if j != i]
            for s in range(shape[i]):
                options = []
                for t in range(shape[i]):
                    if t == s:
                        continue
                    terms = []
                    for rest in itertools.product(*others):
                        prof_s = rest[:i] + (s,) + rest[i:]
                        prof_t = rest[:i] + (t,) + rest[i:]
                        gone = [E[j][prof_s[j]] for j in range(n) if j != i]
                        terms.append(sympy.Or(*gone, _atom(U[prof_t][i] - U[prof_s][i], ">")))
                    options.append(sympy.And(*terms))
                row.append(ctx.simplify(sympy.Or(*options)))
            new.append(row)
        if new == E:
            break
        E = new
    return E


def _absorb(conjs):
    """Drop conjunctions that contain another (A or (A and B) == A)."""
    conjs = sorted(set(conjs), key=len)
    out = []
    for c in conjs:
        if not any(o <= c for o in out):
            out.append(c)
    return out


def _dominance_dnf(game, idx, ctx, limit=20000):
    """Elimination paths down to ``idx`` as a DNF: a list of frozensets of atoms, or None if too many."""
    U = _sym_payoffs(game)
    n = game.num_players
    memo = {}

    def dominated(i, s, t, R):
        atoms = []
        others = [sorted(R[j]) for j in range(n) if j != i]
        for rest in itertools.product(*others):
            ps = rest[:i] + (s,) + rest[i:]
            pt = rest[:i] + (t,) + rest[i:]
            a = ctx.simplify(_atom(U[pt][i] - U[ps][i], ">"))
            if a == sympy.false:
                return None
            if a != sympy.true:
                atoms.append(a)
        return frozenset(atoms)

    def rec(R):
        if all(R[i] == frozenset({idx[i]}) for i in range(n)):
            return [frozenset()]
        if R in memo:
            return memo[R]
        out = []
        for i in range(n):
            for s_ in R[i]:
                if s_ == idx[i]:
                    continue
                for t in R[i]:
                    if t == s_:
                        continue
                    d = dominated(i, s_, t, R)
                    if d is None:
                        continue
                    R2 = tuple(R[j] - {s_} if j == i else R[j] for j in range(n))
                    for c in rec(R2):
                        out.append(d | c)
                    if len(out) > limit:
                        raise OverflowError
        out = _absorb(out)
        memo[R] = out
        return out

    try:
        return rec(tuple(frozenset(range(k)) for k in game.shape))
    except OverflowError:
        return None


def dominance_condition(game, profile, assumptions=(), ranges=None) -> Condition:
    """Condition under which iterated strict dominance leaves exactly ``profile``.

    Where it holds, ``profile`` is the game's unique equilibrium, mixed ones included.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> c = sympy.Symbol("c", real=True)
    >>> g = Game.from_bimatrix([[1 - c, -c], [1, 0]], [[1, 2], [0, 3]])
    >>> print(dominance_condition(g, ["2", "2"]).expr)
    c > 0
    """
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    dnf = _dominance_dnf(game, idx, ctx)
    if dnf is not None:
        # one conjunction per elimination order (iterated strict dominance is order independent)
        expr = _prune(sympy.Or(*[sympy.And(*c) for c in dnf]))
    else:
        E = _eliminated(game, ctx)
        parts = [E[i][t] for i in range(game.num_players) for t in range(game.shape[i]) if t != idx[i]]
        parts += [sympy.Not(E[i][idx[i]]) for i in range(game.num_players)]
        expr = ctx.simplify(sympy.And(*parts))
    expr = _simplify_bool(expr)
    return Condition(f"iterated strict dominance leaves only {_profile_text(game, idx)}", expr,
                     "unique equilibrium, mixed ones included", tuple(assumptions))


def survives_dominance_condition(game, profile, assumptions=(), ranges=None) -> Condition:
    """Condition under which no strategy of ``profile`` is removed by iterated strict dominance."""
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    E = _eliminated(game, ctx)
    expr = _simplify_bool(ctx.simplify(sympy.And(*[sympy.Not(E[i][idx[i]]) for i in range(game.num_players)])))
    return Condition(f"{_profile_text(game, idx)} survives iterated strict dominance", expr, "", tuple(assumptions))


# ---------------------------------------------------------------------- mixed supports
def _tidy(e):
    """A rational function in its shortest of cancelled / factored forms."""
    cands = [sympy.cancel(e), sympy.factor(e)]
    num, den = sympy.fraction(sympy.cancel(e))
    cands.append(sympy.expand(-num) / sympy.expand(-den))
    return min(cands, key=lambda x: (sympy.count_ops(x), len(str(x))))


def _strategy_values(U, probs, i):
    """Payoff of each pure strategy of player i against the others' probability vectors (sympy)."""
    n = len(probs)
    out = []
    for s in range(U.shape[i]):
        total = sympy.Integer(0)
        others = [range(U.shape[j]) for j in range(n) if j != i]
        for rest in itertools.product(*others):
            prof = rest[:i] + (s,) + rest[i:]
            w = sympy.Integer(1)
            for j in range(n):
                if j != i:
                    w = w * probs[j][prof[j]]
            if w != 0:
                total += w * U[prof][i]
        out.append(sympy.expand(total))
    return out


def support_condition(game, support: Mapping, assumptions=(), ranges=None) -> MixedCondition:
    """Closed-form equilibrium with the given supports, and when it is valid.

    Supported: at most two players mix, with supports of equal size; the
    other players play one strategy each.  (Three or more mixers give
    polynomial systems: use the ``enumpoly`` solver.)

    Parameters
    ----------
    game : Game
    support : mapping player -> labels (a single label for a pure player)
    assumptions : sequence of sympy relations

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> V, c = sympy.symbols("V c", real=True)
    >>> stag = Game.from_bimatrix([[V - c, -c], [0, 0]], [[V - c, 0], [-c, 0]])
    >>> both = {"Player 1": ["1", "2"], "Player 2": ["1", "2"]}
    >>> mc = support_condition(stag, both, ranges={"V": (2, 6)})
    >>> mc.probabilities["Player 1"]["1"]
    c/V
    >>> print(mc.condition.expr)
    (V > c) & (c > 0)
    """
    U = _sym_payoffs(game)
    n = game.num_players
    sup = []
    for i, p in enumerate(game.players):
        if p not in support:
            raise InputError(f"no support given for player {p!r}", field="support")
        labs = support[p]
        labs = [labs] if isinstance(labs, str) else list(labs)
        idx = sorted({game.strategy_index(i, lab) for lab in labs})
        if not idx:
            raise InputError(f"empty support for player {p!r}", field="support")
        sup.append(idx)
    unknown = [p for p in support if p not in game.players]
    if unknown:
        raise InputError(f"unknown players {unknown}; players are {list(game.players)}", field="support")
    mixers = [i for i in range(n) if len(sup[i]) > 1]
    if len(mixers) == 1:
        raise UnsupportedGameError("only one player mixes: its mixture is not pinned down by indifference "
                                   "(a continuum); give two mixing players or a pure profile")
    if len(mixers) > 2:
        raise UnsupportedGameError("three or more players mix: the system is polynomial; use method 'enumpoly'")
    if mixers and len(sup[mixers[0]]) != len(sup[mixers[1]]):
        raise UnsupportedGameError("supports of unequal size (a degenerate game) have no unique closed form")
    probs = [None] * n
    conds = []
    for i in range(n):
        if i not in mixers:
            v = [sympy.Integer(0)] * game.shape[i]
            v[sup[i][0]] = sympy.Integer(1)
            probs[i] = v
    if mixers:
        a, b = mixers
        m = len(sup[a])
        for me, other in ((a, b), (b, a)):
            # other's probabilities make `me` indifferent on its support
            ys = sympy.symbols(f"_y0:{m}")
            vv = sympy.Symbol("_v")
            trial = [list(pv) if pv is not None else None for pv in probs]
            vec = [sympy.Integer(0)] * game.shape[other]
            for k, j in enumerate(sup[other]):
                vec[j] = ys[k]
            trial[other] = vec
            for j in range(n):
                if trial[j] is None:
                    trial[j] = [sympy.Integer(0)] * game.shape[j]
                    trial[j][sup[j][0]] = sympy.Integer(1)  # placeholder, not used for `me`'s own payoff
            vals = _strategy_values(U, trial, me)
            eqs = [vals[s] - vv for s in sup[me]] + [sum(ys) - 1]
            M, rhs = sympy.linear_eq_to_matrix(eqs, list(ys) + [vv])
            det = sympy.factor(M.det())
            if det == 0:
                raise UnsupportedGameError(f"the indifference system of {game.players[me]} is singular for every "
                                           "parameter value (a degenerate game)")
            conds.append(_atom(det, "!="))
            sol = M.LUsolve(rhs)
            vec = [sympy.Integer(0)] * game.shape[other]
            for k, j in enumerate(sup[other]):
                vec[j] = _tidy(sol[k])
                conds.append(_atom(vec[j], ">"))
            probs[other] = vec
    values = [_strategy_values(U, probs, i) for i in range(n)]
    pay = {}
    for i in range(n):
        base = values[i][sup[i][0]]
        pay[game.players[i]] = _tidy(base)
        for s in range(game.shape[i]):
            if s not in sup[i]:
                conds.append(_atom(base - values[i][s], ">="))
    ctx = _Assumptions.build(assumptions, ranges)
    expr = _simplify_bool(ctx.simplify(sympy.And(*conds)))
    labels = {game.players[i]: tuple(game.strategies[i][j] for j in sup[i]) for i in range(n)}
    prob_map = MappingProxyType({
        game.players[i]: MappingProxyType({game.strategies[i][j]: probs[i][j] for j in range(game.shape[i])})
        for i in range(n)
    })
    text = "; ".join(f"{p}: {'/'.join(l)}" for p, l in labels.items())
    return MixedCondition(MappingProxyType(labels), prob_map, MappingProxyType(pay),
                          Condition(f"equilibrium with support {text}", expr, "", tuple(assumptions)))


def mixed_conditions(game, assumptions=(), ranges=None) -> tuple:
    """Every two-player support with both players mixing over equally many strategies (>= 2).

    For 2x2 and 2xn games these are the closed forms of all non-degenerate
    mixed equilibria; a support whose system is singular for all parameter
    values is skipped.
    """
    if game.num_players != 2:
        raise UnsupportedGameError("mixed_conditions enumerates two-player supports; use support_condition")
    out = []
    n1, n2 = game.shape
    for m in range(2, min(n1, n2) + 1):
        for I in itertools.combinations(range(n1), m):
            for J in itertools.combinations(range(n2), m):
                support = {game.players[0]: [game.strategies[0][i] for i in I],
                           game.players[1]: [game.strategies[1][j] for j in J]}
                try:
                    mc = support_condition(game, support, assumptions, ranges)
                except UnsupportedGameError:
                    continue
                if mc.condition.expr != sympy.false:
                    out.append(mc)
    return tuple(out)
