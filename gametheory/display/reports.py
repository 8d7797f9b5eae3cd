"""Bargaining and assumption reports as tables (the formats of :mod:`.formats`).

:func:`render_report` writes

- a :class:`~gametheory.bargaining.BargainingSolution`: each player's utility
  and disagreement value, the agreement (lottery or shares) and the axioms;
- a :class:`~gametheory.bargaining.request.BargainingReport`: the Pareto
  frontier's vertices and the disagreement point, then the solution;
- a :class:`~gametheory.assumptions.conditions.report.ConditionsReport`: one
  row per claim (its exact condition, the verdict over the declared ranges
  and at the defaults), then the closed-form mixed equilibria;
- a :class:`~gametheory.assumptions.regions_report.RegionsReport`: the
  intervals and thresholds of one parameter, or the regions of two;
- a :class:`~gametheory.assumptions.regions_report.MarginsReport`: how far
  each parameter moves before the prediction fails.

Conditions and thresholds are sympy objects already (the report holds them):
they are written as sympy's text, or its LaTeX in LaTeX.

Examples
--------
>>> from gametheory.bargaining import BargainingProblem, nash
>>> problem = BargainingProblem.from_outcomes({"deal": (4, 2), "no deal": (0, 0)}, (0, 0), ("A", "B"))
>>> print(render_report(nash(problem), "text"))
nash solution
                 A   B
  utility        4   2
  disagreement   0   0
<BLANKLINE>
agreement
  outcome   probability
  deal      1
<BLANKLINE>
axioms: pareto efficient yes, individually rational yes
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .formats import Format, Span, Table, cell, check_format, join_blocks, number, text, write_note, write_table

if TYPE_CHECKING:
    from ..assumptions.conditions.report import ConditionsReport, SupportReport
    from ..assumptions.regions_report import MarginsReport, RegionsReport
    from ..bargaining.request import BargainingReport
    from ..bargaining.solutions import BargainingSolution

__all__ = ["render_report"]


def _solution_blocks(sol: BargainingSolution, fmt: Format) -> list[str]:
    players = sol.problem.players
    header = (cell(text("")), *(cell(text(p)) for p in players))
    rows = ((cell(text("utility")), *(cell(number(u)) for u in sol.utilities)),
            (cell(text("disagreement")), *(cell(number(d)) for d in sol.problem.disagreement)))
    blocks = [write_table(Table(f"{sol.method} solution", header, rows), fmt)]
    if sol.agreement is not None:
        what = ("issue", "share") if sol.problem.kind == "issues" else ("outcome", "probability")
        agreement = tuple((cell(text(k)), cell(number(v))) for k, v in sol.agreement.items())
        blocks.append(write_table(Table("agreement", (cell(text(what[0])), cell(text(what[1]))), agreement), fmt))
    axioms = ", ".join(f"{k.replace('_', ' ')} {'yes' if v else 'NO'}" for k, v in sol.axioms.items())
    blocks.append(write_note(f"axioms: {axioms}", fmt))
    return blocks


def _bargaining_blocks(report: BargainingReport, fmt: Format) -> list[str]:
    problem = report.problem
    header = (cell(text("#")), *(cell(text(p)) for p in problem.players))
    rows = tuple((cell(text(str(k))), *(cell(number(x)) for x in pt))
                 for k, pt in enumerate(problem.frontier.points, 1))
    caption = f"{problem.title + ': ' if problem.title else ''}Pareto frontier (vertices)"
    d = ", ".join(f"{p} {x}" for p, x in zip(problem.players, problem.disagreement))
    return [write_table(Table(caption, header, rows), fmt),
            write_note(f"disagreement ({problem.disagreement_source}): {d}", fmt),
            *_solution_blocks(report.solution, fmt)]


def _conditions_blocks(report: ConditionsReport, fmt: Format) -> list[str]:
    header = tuple(cell(text(h)) for h in ("claim", "condition", "over the ranges", "at the defaults"))
    rows = tuple((cell(text(c.condition.claim)), cell(number(c.condition.expr)), cell(text(str(c.over_ranges))),
                  cell(text(c.at_defaults.status))) for p in report.profiles for c in p.claims)
    assumptions = ", ".join(map(str, report.assumptions)) or "none"
    blocks = [write_table(Table(f"{report.model} (assumptions: {assumptions})", header, rows, row_header=False), fmt)]
    if report.mixed:
        mixed_header = tuple(cell(text(h)) for h in ("equilibrium", "valid iff", "over the ranges", "at the defaults"))
        mixed_rows = []
        for m in report.mixed:
            spans: list[Span] = []
            for p, d in m.used_probabilities().items():
                spans += ([text("; ")] if spans else []) + [text(f"{p}: ")]
                for k, (lab, e) in enumerate(d.items()):
                    spans += ([text(", ")] if k else []) + [text(f"{lab} = "), number(e)]
            v = m.verdicts
            mixed_rows.append((cell(*spans), cell(number(m.mixed.condition.expr)), cell(text(str(v.over_ranges))),
                               cell(text(v.at_defaults.status))))
        blocks.append(write_table(Table("mixed equilibria (closed form)", mixed_header, tuple(mixed_rows),
                                        row_header=False), fmt))
    elif report.mixed is not None:
        blocks.append(write_note("mixed equilibria (closed form): none", fmt))
    return blocks


def _support_blocks(report: SupportReport, fmt: Format) -> list[str]:
    eq = report.equilibrium
    rows = tuple((cell(text(p)), cell(text(lab)), cell(number(e)))
                 for p, d in eq.used_probabilities().items() for lab, e in d.items())
    header = (cell(text("player")), cell(text("strategy")), cell(text("probability")))
    v = eq.verdicts
    return [write_table(Table(f"{report.model}: {eq.mixed.condition.claim}", header, rows), fmt),
            write_note(f"valid iff {eq.mixed.condition.expr}; over the ranges: {v.over_ranges}; "
                       f"at the defaults: {v.at_defaults.status}", fmt)]


def _regions_blocks(report: RegionsReport, fmt: Format) -> list[str]:
    from ..assumptions.regions import RegionMap1D

    rm = report.regions
    others = ", ".join(f"{k}={v}" for k, v in rm.fixed.items()) or "none"
    if isinstance(rm, RegionMap1D):
        header = (cell(text("from")), cell(text("to")), cell(text("equilibria")))
        rows = tuple((cell(number(s.lo)), cell(number(s.hi)), cell(text(report._sig(s.signature))))
                     for s in rm.segments)
        blocks = [write_table(Table(f"{report.model}: {rm.parameter} in [{rm.lo}, {rm.hi}], others at {others}",
                                    header, rows, row_header=False), fmt)]
        if rm.thresholds:
            t_header = (cell(text(f"threshold {rm.parameter} =")), cell(text("about")), cell(text("equilibria at it")))
            t_rows = tuple((cell(number(t.value)), cell(number(float(t.value))), cell(text(report._sig(t.at))))
                           for t in rm.thresholds)
            blocks.append(write_table(Table("thresholds", t_header, t_rows, row_header=False), fmt))
        return blocks
    counts = report.grid_points()
    header = (cell(text("region")), cell(text("grid points")), cell(text("equilibria")))
    rows = tuple((cell(text(str(k + 1))), cell(text(str(counts[k]))), cell(text(report._sig(s))))
                 for k, s in enumerate(rm.signatures))
    caption = f"{report.model}: {rm.x.name} x {rm.y.name} on a {len(rm.xs)} x {len(rm.ys)} grid, others at {others}"
    boundaries = "; ".join(f"{b.lhs} = 0" for b in rm.boundaries) or "none"
    return [write_table(Table(caption, header, rows), fmt), write_note(f"exact boundaries: {boundaries}", fmt)]


def _margins_blocks(report: MarginsReport, fmt: Format) -> list[str]:
    header = tuple(cell(text(h)) for h in ("parameter", "default", "range", "fails down by", "fails up by"))
    rows = []
    for m in report.margins:
        lo, hi = report.ranges[m.parameter]
        rows.append((cell(text(m.parameter)), cell(number(m.default)), cell(text(f"[{lo}, {hi}]")),
                     cell(text("never") if m.down is None else number(m.down)),
                     cell(text("never") if m.up is None else number(m.up))))
    caption = f"{report.model}: prediction {report.number}, {report.label}"
    return [write_table(Table(caption, header, tuple(rows)), fmt)]


_WRITERS: dict[tuple[str, str], Callable[[Any, Format], list[str]]] = {
    ("gametheory.bargaining.solutions", "BargainingSolution"): _solution_blocks,
    ("gametheory.bargaining.request", "BargainingReport"): _bargaining_blocks,
    ("gametheory.assumptions.conditions.report", "ConditionsReport"): _conditions_blocks,
    ("gametheory.assumptions.conditions.report", "SupportReport"): _support_blocks,
    ("gametheory.assumptions.regions_report", "RegionsReport"): _regions_blocks,
    ("gametheory.assumptions.regions_report", "MarginsReport"): _margins_blocks,
}


def render_report(report: object, fmt: Format = "html") -> str:
    """A bargaining or assumption report (see the module docstring) as tables in ``fmt``.

    Raises
    ------
    TypeError
        For any other object.
    """
    fmt = check_format(fmt)
    for (module, name), write in _WRITERS.items():
        # an object of a module not yet imported cannot be one of its classes: nothing is imported here
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(report, cls):
            return join_blocks(write(report, fmt), fmt)
    raise TypeError(f"gametheory.display has no table for {type(report).__name__}")
