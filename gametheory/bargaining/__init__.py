"""Bargaining theory: bargaining problems, axiomatic solutions, Rubinstein's game and issue linkage.

Modules: :mod:`.hull` (exact 2-D hulls), :mod:`.frontier` (Pareto frontiers
and the searches on them), :mod:`.problem` (feasible set + disagreement point),
:mod:`.disagreement` (status quo, Nash, maximin, Nash's threat point),
:mod:`.solutions` (Nash, Kalai-Smorodinsky, egalitarian, utilitarian),
:mod:`.rubinstein` (alternating offers), :mod:`.linkage` (issue packages),
:mod:`.spec` (the ``[bargaining]`` table of a model file), :mod:`.request`
(a request resolved against that table: what ``gametheory bargain`` reports)
and :mod:`.plot`.
"""

from . import rubinstein  # noqa: F401  (registers the 'rubinstein' solution)
from .problem import BargainingProblem
from .solutions import (
    SOLUTIONS,
    BargainingSolution,
    egalitarian,
    kalai_smorodinsky,
    nash,
    solve_bargaining,
    utilitarian,
)

__all__ = [
    "BargainingProblem",
    "BargainingSolution",
    "SOLUTIONS",
    "nash",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "solve_bargaining",
]
