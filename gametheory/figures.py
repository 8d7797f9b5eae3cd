r"""The figures of a solve, a region map and a bargain: what ``--plot`` writes and the web lab shows.

One owner for each picture, so that the CLI's files, the web lab's SVG and
the notebook explorer show the same thing:

- :func:`solve_figure`: what ``gametheory solve --plot`` draws: a two-player
  normal-form game's payoff table with best responses and equilibria, and its
  best-response diagram (:func:`gametheory.game_figure.game_figure`); a game
  tree with the first equilibrium's choices and path
  (:func:`gametheory.tree.draw_tree`); a signaling game's tree.
- :func:`regions_figure`: what ``gametheory regions --plot`` draws: the
  exact intervals of one parameter
  (:func:`gametheory.assumptions.plots.region_strip`), the regions of two
  (:func:`~gametheory.assumptions.plots.region_map`, the grid points outside
  the model's assumptions greyed out) or the margins of a prediction
  (:func:`~gametheory.assumptions.plots.tornado`); ``at`` marks the current
  parameter values: a dashed line at :math:`p = v` on a strip, a point
  :math:`(x, y)` on a map, each labelled with its exact value.
- :func:`bargain_figure`: what ``gametheory bargain --plot`` draws: the
  feasible set, its Pareto frontier, the disagreement point, the asked-for
  solution and the others (Nash, Kalai-Smorodinsky, egalitarian,
  utilitarian) and Rubinstein's subgame-perfect agreement when discount
  factors are given (by the request or the model's ``[bargaining]`` table);
  without them the legend says that the Rubinstein point is left out.

Every figure is a :class:`matplotlib.figure.Figure` built without ``pyplot``:
nothing is kept in pyplot's registry and no GUI backend is touched, so a
threaded server may build figures in its worker threads.  Write one with
:func:`gametheory.assumptions.plots.save` or turn it into SVG text with
:func:`gametheory.assumptions.plots.to_svg`.  matplotlib is imported when a
figure is first built.

References
----------
M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004),
sections 4.3 (best-response diagrams), 5.4 (subgame-perfect paths) and 16.4
(Nash's and Rubinstein's bargaining solutions).
A. Rubinstein, "Perfect equilibrium in a bargaining model", *Econometrica* 50
(1982) 97-109.
E. Kalai and M. Smorodinsky, "Other solutions to Nash's bargaining problem",
*Econometrica* 43 (1975) 513-518.

Examples
--------
>>> from gametheory import Game, solve
>>> g = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="prisoner's dilemma")
>>> fig = solve_figure(solve(g))
>>> len(fig.axes)  # the payoff table and the best-response square
2
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

from .errors import InputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .assumptions.regions_report import MarginsReport, RegionsReport
    from .assumptions.space import Space
    from .bargaining.request import BargainingReport

__all__ = ["solve_figure", "check_solve_figure", "regions_figure", "bargain_figure"]

_BAYESIAN = "--plot draws game trees and signaling games; a Bayesian game has no tree to draw"


def check_solve_figure(game: object) -> None:
    """Refuse, before any solving, a game :func:`solve_figure` cannot draw: 3+ players, a Bayesian game.

    The same :class:`~gametheory.errors.InputError` (field ``--plot``) that
    :func:`solve_figure` raises for its result, so that a caller can refuse
    before the work.

    >>> from gametheory import Game
    >>> check_solve_figure(Game.from_bimatrix([[1]], [[1]]))  # two players: drawn
    >>> check_solve_figure(Game([[[[0, 0, 0]]]]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --plot draws two-player normal-form games and game trees; this game has 3 players...
    """
    from .bayesian.game import BayesianGame
    from .game import Game

    if isinstance(game, BayesianGame):
        raise InputError(_BAYESIAN, field="--plot")
    if isinstance(game, Game) and game.num_players != 2:
        raise InputError(f"--plot draws two-player normal-form games and game trees; this game has "
                         f"{game.num_players} players (use regions or robust --plot)", field="--plot")


def solve_figure(result: Any, source: object = None) -> Figure:
    """What ``gametheory solve --plot`` draws for ``result``.

    Parameters
    ----------
    result : SolveResult, CorrelatedResult, TreeSolveResult or PBEResult
        A two-player normal-form game's result gives its payoff table (best
        responses and the result's equilibria marked; a correlated
        equilibrium is not marked) and, when a player has two strategies,
        its best-response diagram (:func:`gametheory.game_figure.game_figure`).
        A tree's result gives the tree with its first equilibrium's choices
        and path; a signaling game's PBE result gives the signaling game's tree.
    source : Game, Tree, SignalingGame or BayesianGame, optional
        The game that was solved, as loaded (e.g. a model file's): a tree is
        drawn in its own numbers rather than the result's arithmetic; a
        signaling game solved by a tree method is drawn as its tree without
        choices (as ``solve --plot`` does); a tree solved with ``pbe`` is drawn
        as the signaling game read from it.

    Raises
    ------
    InputError
        A game of three or more players or a Bayesian game (as ``solve --plot``; field ``--plot``).
    UnsupportedGameError
        A payoff table the figure cannot show (symbolic, more than
        :data:`gametheory.game_figure.MAX_TABLE_SIDE` strategies) or a tree too large to draw.
    """
    from .bayesian.harsanyi import BayesianSolveResult
    from .bayesian.pbe import PBEResult
    from .bayesian.signaling import SignalingGame
    from .result import CorrelatedResult, SolveResult
    from .tree import Tree, draw_tree
    from .tree.result import TreeSolveResult

    check_solve_figure(source)
    if isinstance(result, BayesianSolveResult):
        raise InputError(_BAYESIAN, field="--plot")
    if isinstance(source, SignalingGame):  # solved by pbe or a tree method: its tree, without choices
        return draw_tree(source.to_tree())
    if isinstance(result, PBEResult):
        game = SignalingGame.from_tree(source) if isinstance(source, Tree) else result.game
        return draw_tree(game.to_tree())
    if isinstance(result, TreeSolveResult):
        tree = source if isinstance(source, Tree) else result.tree
        first = result.equilibria[0] if result.equilibria else None
        behavior = None if first is None else first.behavior.as_dict()
        path = None if first is None else [action for _, action in first.path]
        return draw_tree(tree, behavior, path)
    if isinstance(result, (SolveResult, CorrelatedResult)):
        from .game_figure import game_figure

        check_solve_figure(result.game)
        # a correlated equilibrium is a distribution over cells, not a profile: not marked on the table
        return game_figure(result.game, result.equilibria if isinstance(result, SolveResult) else ())
    raise InputError(f"--plot draws the result of a solve, not a {type(result).__name__}", field="--plot")


def _exact_marks(at: Mapping[str, object] | None) -> dict[str, Fraction]:
    from .numbers import to_exact

    return {} if at is None else {name: to_exact(v, field=name) for name, v in at.items()}


def regions_figure(report: RegionsReport | MarginsReport, space: Space,
                   at: Mapping[str, object] | None = None) -> Figure:
    """What ``gametheory regions --plot`` draws for ``report``, with the point ``at`` marked.

    Parameters
    ----------
    report : RegionsReport or MarginsReport
        :func:`gametheory.assumptions.regions_report.regions_report` (one
        parameter: the strip of exact intervals; two: the region map, the grid
        points outside the model's assumptions greyed out) or
        :func:`~gametheory.assumptions.regions_report.margins_report` (the
        tornado chart of the prediction's margins).
    space : Space
        The model's parameters: their meanings label the axes.
    at : mapping name -> exact number, optional
        The current parameter values (numbers or rational strings such as
        ``"1/2"``).  On a strip, the varied parameter's value is a dashed
        vertical line labelled ``name = value``; on a map, the point of the
        two varied parameters is marked and labelled with both values (one
        of them alone: a dashed line).  Other names are ignored (the report's
        other parameters are fixed), and so is ``at`` on a margins chart,
        whose axis is a change from the defaults.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.io.model import load_model
    >>> from gametheory.assumptions.regions_report import regions_report
    >>> from gametheory.assumptions.space import Space, Vary
    >>> model = load_model("models/serbia_blockade_offer.toml")
    >>> fig = regions_figure(regions_report(model, [Vary("s", 0, 3, 2)]), Space.from_model(model),
    ...                      at={"s": Fraction(1, 4)})
    >>> [list(line.get_xdata()) for line in fig.axes[0].lines][-1]  # the marker, after the thresholds 1/2 and 2
    [0.25, 0.25]
    """
    from .assumptions import plots
    from .assumptions.regions import RegionMap1D
    from .assumptions.regions_report import MarginsReport

    if isinstance(report, MarginsReport):
        return plots.tornado(report.margins, space, f"{report.model}: margins of '{report.label}'")
    marks = _exact_marks(at)
    rm = report.regions
    if isinstance(rm, RegionMap1D):
        fig = plots.region_strip(rm, report.game, space=space)
        if rm.parameter in marks:
            _mark_line(fig.axes[0], rm.parameter, marks[rm.parameter], (float(rm.lo), float(rm.hi)))
        return fig
    fig = plots.region_map(rm, report.game, space=space)
    ax = fig.axes[0]
    if report.outside_points is not None and report.outside_points.any():
        _grey_out(ax, report)
    x, y = rm.x.name, rm.y.name
    if x in marks and y in marks:
        _mark_point(ax, (x, marks[x]), (y, marks[y]))
    elif x in marks:
        _mark_line(ax, x, marks[x], (float(rm.x.lo), float(rm.x.hi)))
    elif y in marks:
        _mark_line(ax, y, marks[y], (float(rm.y.lo), float(rm.y.hi)), vertical=False)
    return fig


def _mark_line(ax: Axes, name: str, value: Fraction, span: tuple[float, float], vertical: bool = True) -> None:
    """A dashed line at ``name = value``, labelled with the exact value on the side with more room."""
    v = float(value)
    right = v > (span[0] + span[1]) / 2  # past the middle: the label goes left of the line
    text = f"{name} = {value} " if right else f" {name} = {value}"
    if vertical:
        ax.axvline(v, color="black", linestyle="--", linewidth=2)
        ax.text(v, 0.05, text, transform=ax.get_xaxis_transform(), fontsize=8, ha="right" if right else "left",
                va="bottom", weight="bold")
    else:
        ax.axhline(v, color="black", linestyle="--", linewidth=2)
        ax.text(0.01, v, text.strip(), transform=ax.get_yaxis_transform(), fontsize=8, ha="left",
                va="top" if right else "bottom", weight="bold")


def _mark_point(ax: Axes, x: tuple[str, Fraction], y: tuple[str, Fraction]) -> None:
    """The point ``(x, y)`` as a ringed dot, labelled ``x = .., y = ..`` with the exact values."""
    px, py = float(x[1]), float(y[1])
    ax.plot([px], [py], marker="o", ms=9, mfc="white", mec="black", mew=2, ls="none", zorder=6)
    ax.annotate(f"{x[0]} = {x[1]}, {y[0]} = {y[1]}", (px, py), xytext=(8, 8), textcoords="offset points",
                fontsize=8, weight="bold", zorder=6,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})


def _grey_out(ax: Axes, report: RegionsReport) -> None:
    """Cover the grid points that break an assumption: the text leaves them out of every region, so does the map."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    rm = report.regions
    assert report.outside_points is not None
    cover = np.ma.masked_where(~report.outside_points, np.ones(rm.labels.shape))  # type: ignore[union-attr]
    ax.pcolormesh(rm.xs, rm.ys, cover, cmap=ListedColormap(["#d0d0d0"]), shading="nearest")  # type: ignore[union-attr]
    ax.text(0.01, 0.99, "grey: outside the model's assumptions", transform=ax.transAxes, ha="left", va="top",
            fontsize=8, bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})


def bargain_figure(report: BargainingReport) -> Figure:
    """What ``gametheory bargain --plot`` draws: the problem, the asked-for solution and the others.

    The feasible set, its Pareto frontier and the disagreement point; the
    report's solution (drawn larger and named on the picture), then the Nash,
    Kalai-Smorodinsky, egalitarian and utilitarian solutions, each in the
    legend with its exact utilities (:func:`gametheory.bargaining.plot.plot_problem`).
    Rubinstein's subgame-perfect agreement is drawn when the request or the
    model's ``[bargaining]`` table gives discount factors (``report.deltas``;
    the legend names them and the first proposer); without them it is left
    out and the legend says so.

    Examples
    --------
    >>> from gametheory.io.model import load_model
    >>> from gametheory.bargaining.request import bargain
    >>> fig = bargain_figure(bargain(load_model("models/cfe_md_bargaining.toml")))
    >>> sorted(t for t in fig.axes[0].get_legend_handles_labels()[1] if t.startswith(("Nash", "Rub", "Kal")))
    ['Kalai-Smorodinsky (2, 3/2)', 'Nash solution (5/2, 5/4)', 'Rubinstein (50/19, 45/38)', \
'Rubinstein: deltas 9/10, 9/10; Russia offers first']
    """
    from matplotlib.figure import Figure

    from .bargaining.plot import plot_problem
    from .bargaining.rubinstein import rubinstein
    from .bargaining.solutions import SOLUTIONS

    problem, solution = report.problem, report.solution
    solutions = [solution] + [f(problem) for name, f in SOLUTIONS.items()
                              if name not in ("rubinstein", solution.method)]
    notes = []
    if solution.method != "rubinstein":
        if report.deltas is None:
            notes.append("Rubinstein: no discount factors given")
        else:
            solutions.append(rubinstein(problem, report.deltas, report.first))
    sub = next((s for s in solutions if s.method == "rubinstein"), None)
    if sub is not None:
        from .numbers import format_number

        deltas = cast("Mapping[str, Any]", sub.details["deltas"])  # {player: delta}, by rubinstein()
        first = sub.details["first"]
        notes.append(f"Rubinstein: deltas {', '.join(format_number(deltas[p]) for p in problem.players)}; "
                     f"{first} offers first")
    fig = Figure(figsize=(6.4, 5), layout="constrained")
    plot_problem(problem, solutions, ax=fig.add_subplot(), notes=notes)
    return fig
