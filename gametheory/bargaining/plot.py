"""Pictures of bargaining problems (matplotlib, imported lazily).

:func:`plot_problem` draws the feasible set, its Pareto frontier, the
disagreement point and each given solution; :func:`plot_rubinstein_convergence`
draws the first proposer's Rubinstein share as the common discount factor
grows towards 1, converging to the Nash solution.

Given an ``ax``, both draw on it and touch nothing else (a
:class:`matplotlib.figure.Figure` built without ``pyplot`` stays out of
pyplot's registry, as :func:`gametheory.figures.bargain_figure` needs in a
server); without one they open a ``pyplot`` figure on the Agg backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .problem import BargainingProblem
    from .solutions import BargainingSolution

__all__ = ["plot_problem", "plot_rubinstein_convergence", "SOLUTION_NAMES"]

_MARKERS = {"nash": "o", "ks": "s", "egalitarian": "^", "utilitarian": "D", "rubinstein": "*"}


def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(plt: ModuleType | None, ax: Axes, path: str | os.PathLike[str], dpi: int | None = None) -> None:
    """Write the figure holding ``ax`` to ``path`` (atomically, :func:`gametheory.assumptions.plots.save`).

    A figure of ``plt`` (pyplot, when the function opened it) is closed after; another belongs to the caller.
    """
    from matplotlib.figure import Figure

    from ..assumptions.plots import save

    fig = ax.figure
    while not isinstance(fig, Figure):  # the axes of a subfigure: save the figure holding it
        fig = fig.figure
    try:
        save(fig, path, dpi=dpi, bbox_inches="tight")
    finally:
        if plt is not None:
            plt.close(fig)


def _frontier_xy(problem: BargainingProblem, samples: int = 200) -> tuple[list[float], list[float]]:
    f = problem.frontier
    if problem.polygon is not None:
        return [float(p[0]) for p in f.points], [float(p[1]) for p in f.points]
    lo, hi = float(f.lo), float(f.hi)  # a frontier function's domain (floats already)
    xs = [lo + (hi - lo) * k / (samples - 1) for k in range(samples)]
    return xs, [float(f.value(x)) for x in xs]


#: The solutions' names for people (legends).
SOLUTION_NAMES = {"nash": "Nash solution", "ks": "Kalai-Smorodinsky", "egalitarian": "egalitarian",
                  "utilitarian": "utilitarian", "rubinstein": "Rubinstein"}


def _point_text(values: Sequence[object]) -> str:
    """``(5/2, 5/4)``: exact numbers as ``str(Fraction)``, floats to 3 significant digits."""
    from fractions import Fraction

    return "(" + ", ".join(str(v) if isinstance(v, (int, Fraction)) else f"{float(v):.3g}"  # type: ignore[arg-type]
                           for v in values) + ")"


def plot_problem(problem: BargainingProblem, solutions: Iterable[BargainingSolution] = (),
                 path: str | os.PathLike[str] | None = None, ax: Axes | None = None,
                 dpi: int | None = None, notes: Sequence[str] = ()) -> Axes:
    """Draw ``problem`` and mark each :class:`BargainingSolution`; save to ``path`` if given.

    Each solution is labelled in the legend with its name and exact utilities,
    the first (the one asked for) drawn larger and named on the picture.
    ``notes`` are further lines of the legend, without a marker (e.g. why a
    solution is not drawn).
    ``dpi`` is a PNG's resolution (default :data:`gametheory.assumptions.plots.DEFAULT_DPI`).
    Returns the matplotlib ``Axes``.
    """
    plt = None
    if ax is None:  # only then pyplot (and its backend switch): a caller's axes may live in a notebook or a server
        plt = _pyplot()
        _, ax = plt.subplots(figsize=(6.4, 5), layout="constrained")
    if problem.polygon is not None:
        poly = [(float(p[0]), float(p[1])) for p in problem.polygon]
        ax.fill([p[0] for p in poly], [p[1] for p in poly], color="#cfe2f3", label="feasible set")
    xs, ys = _frontier_xy(problem)
    ax.plot(xs, ys, color="#1f4e79", lw=2.5, label="Pareto frontier")
    d = tuple(map(float, problem.disagreement))
    ax.plot(*d, "kx", ms=10, mew=2, label=f"disagreement {_point_text(problem.disagreement)} "
                                          f"({problem.disagreement_source})")
    for k, sol in enumerate(solutions):
        u = tuple(map(float, sol.utilities))
        name = SOLUTION_NAMES.get(sol.method, sol.method)
        ax.plot(*u, _MARKERS.get(sol.method, "o"), ms=12 if k == 0 else 8, mec="k" if k == 0 else None,
                label=f"{name} {_point_text(sol.utilities)}", zorder=5 if k == 0 else 4)
        if k == 0:
            ax.annotate(name, (u[0], u[1]), xytext=(8, 8), textcoords="offset points", fontsize=9, weight="bold")
    ax.axhline(d[1], color="grey", lw=0.5)
    ax.axvline(d[0], color="grey", lw=0.5)
    ax.set_xlabel(f"utility of {problem.players[0]}")
    ax.set_ylabel(f"utility of {problem.players[1]}")
    if problem.title:
        ax.set_title(problem.title, fontsize=10)
    for note in notes:
        ax.plot([], [], " ", label=note)  # an empty line: a legend entry of text alone
    ax.legend(fontsize=8, loc="lower left")
    if path is not None:
        _save(plt, ax, path, dpi)
    return ax


def plot_rubinstein_convergence(problem: BargainingProblem, deltas: Sequence[float] | None = None,
                                first: str | None = None, path: str | os.PathLike[str] | None = None,
                                ax: Axes | None = None, dpi: int | None = None) -> Axes:
    """The first proposer's SPE utility for a common discount factor ``delta`` in ``deltas``.

    Draws the Nash solution's utility as the limit.  Returns the ``Axes``.
    """
    from .rubinstein import rubinstein
    from .solutions import nash

    plt = None
    if deltas is None:
        deltas = [k / 100 for k in range(50, 100)]
    k = 0 if first is None else problem.players.index(first)
    ys = [float(rubinstein(problem, (dl, dl), first=problem.players[k]).utilities[k]) for dl in deltas]
    if ax is None:
        plt = _pyplot()
        _, ax = plt.subplots(figsize=(6, 4))
    ax.plot([float(x) for x in deltas], ys, "o-", ms=3, label=f"Rubinstein offer, {problem.players[k]} first")
    ax.axhline(float(nash(problem).utilities[k]), color="k", ls="--", label="Nash bargaining solution")
    ax.set_xlabel("discount factor delta (both players)")
    ax.set_ylabel(f"utility of {problem.players[k]}")
    ax.legend(fontsize=8)
    if path is not None:
        _save(plt, ax, path, dpi)
    return ax
