"""Pictures of bargaining problems (matplotlib, imported lazily with the Agg backend).

:func:`plot_problem` draws the feasible set, its Pareto frontier, the
disagreement point and each given solution; :func:`plot_rubinstein_convergence`
draws the first proposer's Rubinstein share as the common discount factor
grows towards 1, converging to the Nash solution.
"""

from __future__ import annotations

__all__ = ["plot_problem", "plot_rubinstein_convergence"]

_MARKERS = {"nash": "o", "ks": "s", "egalitarian": "^", "utilitarian": "D", "rubinstein": "*"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _frontier_xy(problem, samples=200):
    f = problem.frontier
    if problem.polygon is not None:
        return [float(p[0]) for p in f.points], [float(p[1]) for p in f.points]
    xs = [f.lo + (f.hi - f.lo) * k / (samples - 1) for k in range(samples)]
    return xs, [f.value(x) for x in xs]


def plot_problem(problem, solutions=(), path=None, ax=None):
    """Draw ``problem`` and mark each :class:`BargainingSolution`; save to ``path`` if given.

    Returns the matplotlib ``Axes``.
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    if problem.polygon is not None:
        poly = [(float(p[0]), float(p[1])) for p in problem.polygon]
        ax.fill([p[0] for p in poly], [p[1] for p in poly], color="#cfe2f3", label="feasible set")
    xs, ys = _frontier_xy(problem)
    ax.plot(xs, ys, color="#1f4e79", lw=2.5, label="Pareto frontier")
    d = tuple(map(float, problem.disagreement))
    ax.plot(*d, "kx", ms=10, mew=2, label=f"disagreement ({problem.disagreement_source})")
    for sol in solutions:
        u = tuple(map(float, sol.utilities))
        ax.plot(*u, _MARKERS.get(sol.method, "o"), ms=9, label=f"{sol.method} ({u[0]:.3g}, {u[1]:.3g})")
    ax.axhline(d[1], color="grey", lw=0.5)
    ax.axvline(d[0], color="grey", lw=0.5)
    ax.set_xlabel(f"utility of {problem.players[0]}")
    ax.set_ylabel(f"utility of {problem.players[1]}")
    if problem.title:
        ax.set_title(problem.title)
    ax.legend(fontsize=8, loc="lower left")
    if path is not None:
        ax.figure.savefig(path, dpi=120, bbox_inches="tight")
        plt.close(ax.figure)
    return ax


def plot_rubinstein_convergence(problem, deltas=None, first=None, path=None, ax=None):
    """The first proposer's SPE utility for a common discount factor ``delta`` in ``deltas``.

    Draws the Nash solution's utility as the limit.  Returns the ``Axes``.
    """
    from .rubinstein import rubinstein
    from .solutions import nash

    plt = _pyplot()
    if deltas is None:
        deltas = [k / 100 for k in range(50, 100)]
    k = 0 if first is None else problem.players.index(first)
    ys = [float(rubinstein(problem, (dl, dl), first=problem.players[k]).utilities[k]) for dl in deltas]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    ax.plot([float(x) for x in deltas], ys, "o-", ms=3, label=f"Rubinstein offer, {problem.players[k]} first")
    ax.axhline(float(nash(problem).utilities[k]), color="k", ls="--", label="Nash bargaining solution")
    ax.set_xlabel("discount factor delta (both players)")
    ax.set_ylabel(f"utility of {problem.players[k]}")
    ax.legend(fontsize=8)
    if path is not None:
        ax.figure.savefig(path, dpi=120, bbox_inches="tight")
        plt.close(ax.figure)
    return ax
