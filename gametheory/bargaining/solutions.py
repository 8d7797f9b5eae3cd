r"""Axiomatic bargaining solutions of a two-player problem :math:`(S, d)`.

* **Nash** (Nash 1950): :math:`\arg\max_{u \in S, u \ge d} (u_1-d_1)^{\alpha}(u_2-d_2)^{\beta}`;
  symmetric for :math:`\alpha=\beta`, asymmetric otherwise (Kalai 1977;
  Roth 1979).  Scale invariant, Pareto efficient, symmetric and independent of
  irrelevant alternatives.
* **Kalai-Smorodinsky** (Kalai and Smorodinsky 1975, *Econometrica* 43): the
  maximal point of :math:`S` on the segment from :math:`d` to the ideal point
  :math:`I_i = \max\{u_i : u \in S, u \ge d\}`.
* **Egalitarian** (Kalai 1977, *Econometrica* 45): the maximal point of
  :math:`S` with equal gains :math:`u_1 - d_1 = u_2 - d_2`.
* **Utilitarian**: :math:`\arg\max_{u \in S, u \ge d} u_1 + u_2`, which need not
  be unique (a frontier edge of slope -1); ties are reported.

On a polygon with rational vertices each is exact: the optimum lies on one
frontier edge where it has a closed form (see :mod:`.frontier`).  Every
result carries the agreement that achieves it and the axiom checks that apply
to a single point: Pareto efficiency and individual rationality.

>>> from gametheory.bargaining import BargainingProblem
>>> dollar = BargainingProblem.from_outcomes({"all to 1": (1, 0), "all to 2": (0, 1), "none": (0, 0)}, "none")
>>> nash(dollar).utilities
(Fraction(1, 2), Fraction(1, 2))
>>> nash(dollar, weights=(1, 3)).utilities
(Fraction(1, 4), Fraction(3, 4))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, SupportsFloat, TypeVar

from ..errors import InputError
from ..numbers import format_number, to_exact, to_float
from .frontier import Number, Point
from .hull import polygon_contains

if TYPE_CHECKING:
    from .problem import Agreement, BargainingProblem

__all__ = ["BargainingSolution", "SOLUTIONS", "register_solution", "nash", "kalai_smorodinsky", "egalitarian",
           "utilitarian", "solve_bargaining"]


@dataclass(frozen=True)
class BargainingSolution:
    """One bargaining solution of one problem.

    Attributes
    ----------
    method : str
        Registry name ('nash', 'ks', 'egalitarian', 'utilitarian', 'rubinstein').
    problem : BargainingProblem
    utilities : tuple
        ``(u_1, u_2)``.
    agreement : mapping or None
        The lottery ``{outcome: probability}`` or the shares ``{issue: share}``
        achieving ``utilities``; None for a frontier given as a function.
    axioms : mapping
        ``{'pareto_efficient': bool, 'individually_rational': bool}``.
    details : mapping
        Method-specific facts (weights, ideal point, ties, offers ...).
    """

    method: str
    problem: BargainingProblem
    utilities: Point
    agreement: Mapping[str, Number] | None
    axioms: Mapping[str, bool]
    details: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(cls, method: str, problem: BargainingProblem, point: Point, details: Mapping[str, object] | None = None,
              agreement_point: Point | None = None) -> BargainingSolution:
        """Attach the agreement and the axiom checks to ``point``.

        ``agreement_point`` (default ``point``) is the feasible point whose
        agreement is reported, for a ``point`` reached by free disposal.
        """
        tol = 0 if problem.exact else 1e-7 * _scale(problem)
        d = problem.disagreement
        axioms = {
            "pareto_efficient": bool(problem.is_pareto_efficient(point, tol)),
            "individually_rational": bool(all(u >= di - tol for u, di in zip(point, d))),
        }
        where = point if agreement_point is None else agreement_point
        return cls(method, problem, (point[0], point[1]), _freeze(problem.agreement(where)),
                   MappingProxyType(axioms), MappingProxyType(dict(details or {})))

    @property
    def exact(self) -> bool:
        return self.problem.exact

    def utility(self, player: str) -> Number:
        """Utility of ``player`` (by name)."""
        try:
            return self.utilities[self.problem.players.index(player)]
        except ValueError:
            raise InputError(f"unknown player {player!r}; players are {list(self.problem.players)}",
                             field="player") from None

    def to_json(self) -> dict:
        """JSON document: exact numbers as strings like "5/2", floats as numbers."""
        ex = self.exact
        players = self.problem.players
        agreement = self.agreement
        doc: dict[str, object] = {
            "method": self.method,
            "players": list(players),
            "utilities": {p: _json_number(u, ex) for p, u in zip(players, self.utilities)},
            "disagreement": {p: _json_number(u, ex) for p, u in zip(players, self.problem.disagreement)},
            "agreement": None if agreement is None else {k: _json_number(v, ex) for k, v in agreement.items()},
            "axioms": dict(self.axioms),
            "exact": ex,
        }
        doc["details"] = {k: _jsonify(v, ex) for k, v in self.details.items()}
        return doc

    def describe(self) -> str:
        """Human-readable lines."""
        pl = self.problem.players
        lines = [f"{self.method}: " + ", ".join(f"{p} {format_number(u)}" for p, u in zip(pl, self.utilities))]
        if self.agreement is not None:
            lines.append("  agreement: " + ", ".join(f"{k} = {format_number(v)}" for k, v in self.agreement.items()))
        axioms = ", ".join(f"{k.replace('_', ' ')} {'yes' if v else 'NO'}" for k, v in self.axioms.items())
        lines.append("  axioms: " + axioms)
        for k, v in self.details.items():
            lines.append(f"  {k.replace('_', ' ')}: {_text(v)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "latex")


#: A bargaining solution: ``func(problem, **options)``.
SolutionFunc = TypeVar("SolutionFunc", bound=Callable[..., BargainingSolution])

SOLUTIONS: dict[str, Callable[..., BargainingSolution]] = {}


def register_solution(name: str) -> Callable[[SolutionFunc], SolutionFunc]:
    """Decorator adding ``func(problem, **options) -> BargainingSolution`` to :data:`SOLUTIONS`."""

    def deco(func: SolutionFunc) -> SolutionFunc:
        SOLUTIONS[name] = func
        return func

    return deco


def solve_bargaining(problem: BargainingProblem, method: str = "nash", **options: object) -> BargainingSolution:
    """Apply the registered solution ``method`` to ``problem``."""
    if method not in SOLUTIONS:
        raise InputError(f"unknown bargaining solution {method!r}; choose one of {sorted(SOLUTIONS)}", field="solution")
    return SOLUTIONS[method](problem, **options)


def _weights(weights: Sequence[object] | None, exact: bool) -> tuple[Number, Number]:
    if weights is None:
        return (1, 1)
    given = tuple(weights)
    if len(given) != 2:
        raise InputError(f"expected two weights, got {len(given)}", field="weights")
    conv = to_exact if exact and not any(isinstance(x, float) for x in given) else to_float
    w = (conv(given[0], field="weights"), conv(given[1], field="weights"))
    if not all(x > 0 for x in w):
        raise InputError(f"weights must be positive, got {[format_number(x) for x in w]}", field="weights")
    return w


@register_solution("nash")
def nash(problem: BargainingProblem, weights: Sequence[object] | None = None) -> BargainingSolution:
    """Nash bargaining solution, asymmetric with ``weights=(alpha, beta)`` (default equal)."""
    w = _weights(weights, problem.exact)
    point = problem.rational_frontier.nash(problem.disagreement, w)
    d = problem.disagreement
    details: dict[str, object] = {"weights": w}
    if problem.exact and w == (1, 1):
        details["nash_product"] = (point[0] - d[0]) * (point[1] - d[1])
    return BargainingSolution.build("nash", problem, point, details)


@register_solution("ks")
def kalai_smorodinsky(problem: BargainingProblem) -> BargainingSolution:
    """Kalai-Smorodinsky solution: the maximal point towards the ideal point."""
    d = problem.disagreement
    ideal = problem.ideal_point()
    direction = (ideal[0] - d[0], ideal[1] - d[1])
    t, on_frontier = problem.rational_frontier.crossing(d, direction)
    point = (d[0] + t * direction[0], d[1] + t * direction[1])
    return BargainingSolution.build("ks", problem, point, {"ideal_point": ideal},
                                    _feasible(problem, point, on_frontier))


@register_solution("egalitarian")
def egalitarian(problem: BargainingProblem) -> BargainingSolution:
    """Egalitarian solution: the largest equal gain for both players."""
    d = problem.disagreement
    t, on_frontier = problem.rational_frontier.crossing(d, (1, 1))
    point = (d[0] + t, d[1] + t)
    return BargainingSolution.build("egalitarian", problem, point, {"equal_gain": t},
                                    _feasible(problem, point, on_frontier))


def _feasible(problem: BargainingProblem, point: Point, on_frontier: Point) -> Point:
    """The point itself if it is in the polygon, else the frontier point that weakly dominates it."""
    if problem.polygon is None or polygon_contains(problem.polygon, point):
        return point
    return on_frontier


@register_solution("utilitarian")
def utilitarian(problem: BargainingProblem) -> BargainingSolution:
    """Utilitarian solution: the individually rational maximum of u1 + u2 (ties reported)."""
    point, ties = problem.rational_frontier.max_linear((1, 1))
    details: dict[str, object] = {"total": point[0] + point[1]}
    if len(ties) > 1:
        details["ties"] = ties
    return BargainingSolution.build("utilitarian", problem, point, details)


def _scale(problem: BargainingProblem) -> float:
    pts = problem.frontier.points
    return max(1.0, max(abs(float(x)) for p in pts for x in p))


def _freeze(agreement: Agreement | None) -> Mapping[str, Number] | None:
    return None if agreement is None else MappingProxyType(dict(agreement))


def _json_number(x: SupportsFloat, exact: bool) -> str | int | float:
    """A number in a bargaining document: a Fraction as its string ("5/2"); an int as a string in an exact
    problem, as itself otherwise; anything else as a float."""
    if isinstance(x, Fraction) or (exact and isinstance(x, int) and not isinstance(x, bool)):
        return str(x)
    if isinstance(x, int) and not isinstance(x, bool):
        return x
    return float(x)


def _jsonify(v: object, exact: bool) -> object:
    """``v`` (numbers, strings, mappings and sequences of them) as JSON values, numbers by :func:`_json_number`."""
    if isinstance(v, bool) or isinstance(v, str) or v is None:
        return v
    if isinstance(v, Mapping):
        return {str(k): _jsonify(x, exact) for k, x in v.items()}
    if isinstance(v, (tuple, list)):
        return [_jsonify(x, exact) for x in v]
    if isinstance(v, SupportsFloat):
        return _json_number(v, exact)
    raise TypeError(f"{v!r} has no JSON form")


def _text(v: object) -> str:
    if isinstance(v, Mapping):
        return ", ".join(f"{k} {_text(x)}" for k, x in v.items())
    if isinstance(v, (tuple, list)):
        return "(" + ", ".join(_text(x) for x in v) + ")"
    return format_number(v) if not isinstance(v, str) else v
