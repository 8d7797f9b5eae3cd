"""A bargaining request resolved against a model's ``[bargaining]`` table: which problem, which solution.

:func:`bargain` applies one set of precedence rules (those of ``gametheory
bargain``), each choice taken from the first of: the request, the model's
``[bargaining]`` table (:mod:`.spec`), the default.

========================  ==========================================  ====================================
choice                    with a ``[bargaining]`` table               without (any two-player game)
========================  ==========================================  ====================================
feasible set              the table's issues, or the game's outcomes  the hull of the game's payoff profiles
disagreement point        ``request.disagreement``, else the table's  ``request.disagreement``, else ``nash``
solution                  ``request.solution``, else the table's      ``request.solution``, else ``nash``
Rubinstein's deltas       ``request.deltas``, else the table's        ``request.deltas``, else 9/10 each
first proposer            ``request.first``, else the table's         ``request.first``, else player 1
========================  ==========================================  ====================================

The result, a :class:`BargainingReport`, holds the problem, the solution and
the table, prints as the command's text and gives its JSON document.

Examples
--------
>>> from gametheory.io.model import load_model
>>> model = load_model("models/cfe_md_bargaining.toml")
>>> bargain(model).solution.utilities
(Fraction(5, 2), Fraction(5, 4))
>>> r = bargain(model, BargainingRequest(solution="rubinstein", first="US"))
>>> r.solution.to_json()["utilities"]
{'Russia': '45/19', 'US': '25/19'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..numbers import format_number
from .frontier import Number, format_point
from .problem import BargainingProblem
from .solutions import BargainingSolution, _json_number, solve_bargaining
from .spec import BargainingSpec, problem_from_game, problem_from_spec, read_spec

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Model

__all__ = ["BargainingRequest", "BargainingReport", "bargain"]


@dataclass(frozen=True)
class BargainingRequest:
    """What the caller asks for; ``None`` leaves the choice to the model's table, then to the default.

    Attributes
    ----------
    solution : str, optional
        'nash', 'ks', 'egalitarian', 'utilitarian' or 'rubinstein'.
    disagreement : str or pair of numbers, optional
        'status-quo', 'nash', 'maximin', 'threat' or a point ``(d1, d2)``.
    free_disposal : bool
        Allow a disagreement point below the feasible set.
    deltas : pair of numbers in (0, 1), optional
        Rubinstein's discount factors.
    first : str, optional
        Rubinstein's first proposer.
    max_cost : number, optional
        Limit on the issue-linkage report's estimated work
        (:func:`.linkage.linkage_cost`: 2**n packages for n issues), checked
        by :func:`bargain` before anything is computed.
    """

    solution: str | None = None
    disagreement: str | Sequence[object] | None = None
    free_disposal: bool = False
    deltas: Sequence[object] | None = None
    first: str | None = None
    max_cost: float | None = None

    @classmethod
    def from_text(cls, solution: str | None = None, disagreement: str | None = None, free_disposal: bool = False,
                  delta: str | None = None, first: str | None = None,
                  max_cost: float | None = None) -> BargainingRequest:
        """The request of the options as typed (``bargain``'s flags, the web lab's query): text read exactly.

        >>> BargainingRequest.from_text("rubinstein", "0,0", delta="0.9,9/10").deltas
        (Fraction(9, 10), Fraction(9, 10))
        """
        from .spec import parse_deltas, parse_disagreement, parse_solution

        return cls(
            solution=None if solution is None else parse_solution(solution),
            disagreement=None if disagreement is None else parse_disagreement(disagreement),
            free_disposal=free_disposal,
            deltas=parse_deltas(delta) if delta else None,
            first=first,
            max_cost=max_cost,
        )


def _points(ps: Iterable[Iterable[Number]]) -> str:
    return ", ".join(format_point(p) for p in ps)


@dataclass(frozen=True)
class BargainingReport:
    """A bargaining problem, its solution and the model's ``[bargaining]`` table (None without one).

    ``deltas`` and ``first`` are Rubinstein's discount factors and first
    proposer as the request, else the table, gave them (None when neither
    did), so that a figure can add the Rubinstein point to another solution.
    """

    problem: BargainingProblem
    solution: BargainingSolution
    spec: BargainingSpec | None = None
    max_cost: float | None = None  # the linkage report's limit (BargainingRequest.max_cost)
    deltas: Sequence[object] | None = None
    first: str | None = None

    def to_json(self) -> dict:
        """The solution's JSON document, with the feasible set, the frontier and the disagreement point's source."""
        problem = self.problem
        ex = problem.exact
        doc = self.solution.to_json()
        doc["feasible_set"] = None if problem.polygon is None else [[_json_number(x, ex) for x in p]
                                                                    for p in problem.polygon]
        doc["frontier"] = [[_json_number(x, ex) for x in p] for p in problem.frontier.points]
        doc["disagreement_source"] = problem.disagreement_source
        return doc

    def problem_lines(self) -> list[str]:
        problem = self.problem
        lines = [problem.title or "Bargaining problem", f"players: {', '.join(problem.players)}"]
        if problem.polygon is not None:
            lines.append(f"feasible set: hull of {_points(problem.polygon)}")
        lines.append(f"Pareto frontier: {_points(problem.frontier.points)}")
        lines.append(f"disagreement ({problem.disagreement_source}): {_points([problem.disagreement])}")
        lines += [f"  {n}" for n in problem.notes]
        return lines

    def __str__(self) -> str:
        lines = self.problem_lines() + [""] + self.solution.describe().splitlines()
        if self.spec is not None and self.spec.issues:
            lines += [""] + _linkage_lines(self.spec, self.max_cost)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "latex")


def _linkage_lines(spec: BargainingSpec, max_cost: float | None = None) -> list[str]:
    """The issue-linkage report of a model's issues and settlements (:mod:`.linkage`)."""
    from .linkage import analyse_linkage, package_set, settlement_keeps_ir, share_interval

    rep = analyse_linkage(spec.issues, spec.players, max_cost=max_cost)
    lines = ["issue linkage:"]
    for name, verdict in rep.alone.items():
        lines.append(f"  {name} alone: {verdict}")
    lines.append(f"  linked package with gains for both: {'yes' if rep.linked_gains else 'no'}"
                 + (" (linking creates them)" if rep.creates_gains else ""))
    names = list(spec.issues)
    if len(names) >= 2:
        free = names[0]
        rng = share_interval(spec.issues, spec.players, {n: 1 for n in names[1:]}, free)
        others = ", ".join(f"{n} = 1" for n in names[1:])
        shown = "empty" if rng is None else f"[{format_number(rng[0])}, {format_number(rng[1])}]"
        lines.append(f"  shares of {free} both accept with {others}: {shown}")
    if len(names) == 2:
        verts = package_set(spec.issues, spec.players)
        lines.append(f"  packages both accept (shares of {names[0]}, {names[1]}): hull of {_points(verts) or 'none'}")
    for name, vals in spec.settlements.items():
        ok = settlement_keeps_ir(spec.issues, spec.players, vals, max_cost=max_cost)
        lines.append(f"  adding {name}: {'some package stays' if ok else 'no package is'} individually rational")
    return lines


def bargain(source: Model | Game, request: BargainingRequest | None = None,
            params: Mapping[str, object] | None = None) -> BargainingReport:
    """Resolve ``request`` against ``source`` and solve the bargaining problem.

    Parameters
    ----------
    source : Model or Game
        A loaded model file (its ``[bargaining]`` table, if any, and its game
        at ``params``) or a numeric two-player game.
    request : BargainingRequest, optional
        The caller's choices; default: everything from the table or the defaults.
    params : mapping, optional
        Parameter values (a model's defaults otherwise); numbers or rational strings.

    Returns
    -------
    BargainingReport
    """
    from ..game import Game

    request = request or BargainingRequest()
    spec: BargainingSpec | None = None
    if isinstance(source, Game):
        game = source.substitute(params) if params else source
    else:  # a model file
        game = source.game_at(params)
        spec = read_spec(source, params) if source.bargaining is not None else None
    if spec is not None and spec.issues:
        from ..cost import check_cost
        from .linkage import linkage_cost

        n = len(spec.issues)  # the report lists 2**n packages: refuse before any work, not when printing
        check_cost(linkage_cost(n), request.max_cost, "issue linkage", f"2^{n} packages of {n} issues")
    if spec is not None:
        problem = problem_from_spec(spec, game, request.disagreement, request.free_disposal)
    else:
        problem = problem_from_game(game, "nash" if request.disagreement is None else request.disagreement,
                                    free_disposal=request.free_disposal)
    method = request.solution or (spec.solution if spec else "nash")
    deltas = request.deltas or (spec.deltas if spec else None)
    first = request.first or (spec.first if spec else None)
    options: dict[str, object] = {}
    if method == "rubinstein":
        options = {"deltas": deltas, "first": first}
    return BargainingReport(problem, solve_bargaining(problem, method, **options), spec, request.max_cost,
                            None if deltas is None else tuple(deltas), first)
