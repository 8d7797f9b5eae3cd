"""How an assumption study used the model's assumptions: the reports' header line, warnings and JSON.

Every assumption study (``conditions``, ``regions``, ``sweep``, ``robust``)
applies the model's ``assumptions`` by default and drops them with
``--no-assumptions`` (:attr:`.space.Space.apply_assumptions`).  Applied, the
verdicts of ``conditions`` are decided over the declared ranges where the
assumptions hold, and ``regions``, ``sweep`` and ``robust`` leave out the
points that break one; not applied, all four work on the ranges alone.
Either way a value given with ``--param`` or a varied range that breaks an
assumption is named in a warning, in the report's text and JSON alike (the
Python API sees it; ``--json`` output stays one document).

Examples
--------
>>> import sympy
>>> from gametheory.assumptions.space import Space
>>> x, y = sympy.symbols("x y", real=True)
>>> s = Space(("x", "y"), {"x": 1, "y": 2}, {"x": (0, 5), "y": (0, 5)}, (x < y,))
>>> use = assumption_use(s, {"x": 4})
>>> print("\\n".join(use.lines()))
assumptions: applied (x < y)
warning: --param x=4 breaks the assumption x < y
>>> use.to_json()["broken"]
['x < y']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sympy

    from .space import Space

__all__ = ["AssumptionUse", "UsesAssumptions", "assumption_use", "range_warnings", "allowed_along"]


@dataclass(frozen=True)
class AssumptionUse:
    """Whether a study applied the model's assumptions, which they are, which were broken, and the warnings.

    Attributes
    ----------
    applied : bool
        False with ``--no-assumptions``.
    relations : tuple of str
        The model's assumptions as the file writes them.
    broken : tuple of str
        Those broken by a ``--param`` value or on part of a varied range.
    warnings : tuple of str
        One line each, starting with ``warning:``.
    """

    applied: bool = True
    relations: tuple[str, ...] = ()
    broken: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def header(self) -> str:
        """``assumptions: applied (...)``, ``assumptions: not applied (--no-assumptions)`` or ``assumptions: none``."""
        if not self.relations:
            return "assumptions: none"
        if not self.applied:
            return "assumptions: not applied (--no-assumptions)"
        return f"assumptions: applied ({', '.join(self.relations)})"

    def lines(self) -> list[str]:
        """The header line and the warnings."""
        return [self.header(), *self.warnings]

    def to_json(self) -> dict:
        return {"applied": self.applied, "relations": list(self.relations), "broken": list(self.broken),
                "warnings": list(self.warnings)}

    def adding(self, broken: Sequence[str], warnings: Sequence[str]) -> AssumptionUse:
        """This use with more broken assumptions and warnings (each listed once)."""
        more = tuple(b for b in dict.fromkeys(broken) if b not in self.broken)
        return AssumptionUse(self.applied, self.relations, self.broken + more,
                             self.warnings + tuple(w for w in warnings if w not in self.warnings))


class UsesAssumptions:
    """The two views every study result gives of its ``assumption_use`` field (a mixin for those dataclasses).

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Study(UsesAssumptions):
    ...     assumption_use: AssumptionUse = AssumptionUse(applied=False, broken=("a > 0",))
    >>> Study().assumptions_applied, Study().broken_assumptions
    (False, ['a > 0'])
    """

    assumption_use: AssumptionUse

    @property
    def assumptions_applied(self) -> bool:
        return self.assumption_use.applied

    @property
    def broken_assumptions(self) -> list[str]:
        return list(self.assumption_use.broken)


def assumption_use(space: Space, fixed: Mapping[str, Fraction] | None = None, field: str = "--param") -> AssumptionUse:
    """The use of ``space``'s assumptions, with a warning per assumption a ``fixed`` value breaks.

    The assumptions are judged at the defaults overridden by ``fixed`` (exact
    values, as :meth:`.space.Space.fixed` returns them); one
    broken there names the fixed parameters in it (``field`` is how they
    were given), or the defaults when it has none.
    """
    fixed = dict(fixed or {})
    broken = space.broken_assumptions(space.point(fixed))
    by_text = dict(zip(space.assumption_texts, space.assumptions))
    warnings = []
    for text in broken:
        names = {s.name for s in by_text[text].free_symbols}
        given = [f"{k}={fixed[k]}" for k in fixed if k in names]
        who = f"{field} {' '.join(given)}" if given else "the defaults"
        warnings.append(f"warning: {who} {'break' if who == 'the defaults' else 'breaks'} the assumption {text}")
    return AssumptionUse(space.apply_assumptions, space.assumption_texts, tuple(broken), tuple(warnings))


def range_warnings(space: Space, varied: Sequence[str], values: Mapping[str, object], size: int,
                   what: str = "grid points") -> tuple[list[str], list[str]]:
    """``(broken, warnings)``: the assumptions broken at some of ``size`` points of a varied range.

    ``values`` gives every parameter (arrays of ``size`` for the varied ones);
    each warning says how many points break the assumption and what the
    study does with them.
    """
    broken, warnings = [], []
    names = f"range of {varied[0]}" if len(varied) == 1 else f"ranges of {', '.join(varied[:-1])} and {varied[-1]}"
    for k, text in enumerate(space.assumption_texts):
        bad = int((~space.meets_assumption(k, values, size)).sum())  # type: ignore[arg-type]
        if bad:
            broken.append(text)
            fate = "left out" if space.apply_assumptions else "kept: --no-assumptions"
            verb = "breaks" if len(varied) == 1 else "break"
            warnings.append(f"warning: the {names} {verb} the assumption {text} at {bad} of {size} {what} ({fate})")
    return broken, warnings


def allowed_along(space: Space, name: str, lo: Fraction, hi: Fraction,
                  point: Mapping[str, Fraction]) -> list[tuple[str, sympy.Set]]:
    """``[(assumption, the part of [lo, hi] where it holds)]`` along ``name``, the others at ``point``, exactly.

    An assumption that ``sympy.solveset`` cannot solve in closed form is left out of the list.

    >>> import sympy
    >>> from gametheory.assumptions.space import Space
    >>> x, y = sympy.symbols("x y", real=True)
    >>> s = Space(("x", "y"), {"x": 1, "y": 3}, {"x": (0, 5), "y": (0, 5)}, (x < y,))
    >>> allowed_along(s, "x", Fraction(0), Fraction(5), s.point())
    [('x < y', Interval.Ropen(0, 3))]
    """
    import sympy

    box = sympy.Interval(sympy.Rational(lo), sympy.Rational(hi))
    out = []
    for text, rel in zip(space.assumption_texts, space.assumptions):
        syms = {s.name: s for s in rel.free_symbols}
        sub = rel.xreplace({s: sympy.Rational(point[k].numerator, point[k].denominator)
                            for k, s in syms.items() if k != name})
        if sub is sympy.true or sub is sympy.false:
            part = box if sub is sympy.true else sympy.S.EmptySet
        else:
            part = sympy.solveset(sub, syms[name], domain=box)
            if isinstance(part, sympy.ConditionSet):  # not solvable in closed form: the caller says so
                continue
        out.append((text, part))
    return out
