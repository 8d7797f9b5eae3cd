"""Claims about a game with the exact condition on the parameters under which each is true.

A :class:`Condition` pairs a claim in words ("(Suspend CFE, Build MD) is a Nash
equilibrium") with a sympy boolean over the parameters; a
:class:`MixedCondition` adds the closed-form probabilities and payoffs of an
equilibrium on given supports.  Both are built by :mod:`.pure`,
:mod:`.dominance` and :mod:`.mixed`; :meth:`Condition.verdict` decides one
over parameter ranges (:mod:`.verdicts`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from ...errors import InputError, UnsupportedGameError
from ...numbers import to_exact
from .atoms import Ranges, RationalLike, _by_name, _rat
from .verdicts import Verdict, decide

if TYPE_CHECKING:
    import numpy as np
    import sympy

__all__ = ["Condition", "MixedCondition"]


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
    expr: sympy.Basic
    scope: str = ""
    assumptions: tuple[sympy.Basic, ...] = ()

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(sorted(s.name for s in self.expr.free_symbols))

    def holds_at(self, values: Mapping[str, RationalLike]) -> bool:
        """Evaluate exactly at ``{name: value}`` (values as numbers or rational strings)."""
        import sympy

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

    def verdict(self, fixed: Mapping[str, RationalLike] | None = None, ranges: Ranges | None = None,
                assumptions: Sequence[sympy.Basic] | None = None, rng: int | np.random.Generator | None = None,
                samples: int = 256) -> Verdict:
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

    def __str__(self) -> str:
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

    support: Mapping[str, tuple[str, ...]]
    probabilities: Mapping[str, Mapping[str, sympy.Expr]]
    payoffs: Mapping[str, sympy.Expr]
    condition: Condition

    def at(self, values: Mapping[str, RationalLike]) -> dict[str, dict[str, Fraction]]:
        """The probabilities at ``values`` as exact Fractions ``{player: {label: p}}``."""
        import sympy

        syms: dict[str, sympy.Symbol] = {}
        for d in self.probabilities.values():
            for e in d.values():
                syms.update(_by_name(e))
        sub = {syms[k]: _rat(values[k]) for k in syms if k in values}
        return {p: {lab: to_exact(sympy.nsimplify(e.xreplace(sub))) for lab, e in d.items()}
                for p, d in self.probabilities.items()}
