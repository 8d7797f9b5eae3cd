"""Exact conditions on the parameters for equilibrium claims, and three-valued verdicts.

For a game whose payoffs are sympy expressions in the model's parameters, each
function builds the exact condition (a sympy boolean) under which a claim is
true, simplified with the model's assumptions and declared ranges, and
:meth:`Condition.verdict` says whether it holds, fails or depends over the
ranges.  Modules, one concept each:

- :mod:`.atoms`: canonical relation atoms (normalised inequalities).
- :mod:`.simplify`: a condition simplified with assumptions and ranges.
- :mod:`.verdicts`: :class:`Verdict` and :func:`decide`, the three-valued
  decision by interval arithmetic and exact witnesses.
- :mod:`.claims`: :class:`Condition` and :class:`MixedCondition`.
- :mod:`.pure`: (strict, unique) pure Nash equilibrium conditions.
- :mod:`.dominance`: iterated strict dominance conditions.
- :mod:`.mixed`: closed-form mixed equilibria on given supports.
- :mod:`.readable`: a condition as inequalities people read, one a line, exactly equivalent.
- :mod:`.evaluate`: atoms compiled once to exact polynomials (enclosures on boxes, values at points).
- :mod:`.report`: what ``gametheory conditions`` reports for a model, with verdicts.

Every name is importable from this package, as from the single module it
used to be.
"""

from .claims import Condition, MixedCondition
from .dominance import dominance_condition, survives_dominance_condition
from .mixed import mixed_conditions, support_condition
from .pure import _sym_payoffs as _sym_payoffs  # imported from here by older code
from .pure import nash_condition, unique_condition
from .readable import ReadableCondition, readable_condition
from .report import ConditionsReport, SupportReport, conditions_report, support_report
from .verdicts import DEPENDS, FAILS, HOLDS, Verdict, decide

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
    "decide",
    "readable_condition",
    "ReadableCondition",
    "conditions_report",
    "support_report",
    "ConditionsReport",
    "SupportReport",
    "HOLDS",
    "FAILS",
    "DEPENDS",
]
