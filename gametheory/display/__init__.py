"""Tables for people: games, equilibria, bargaining and assumption reports as text, Markdown, LaTeX or HTML.

What it renders:

- :func:`render_game`: a game's payoff matrix, best replies marked and the
  cells of the pure equilibria given marked (one matrix per profile of
  players 3..N in a larger game);
- :func:`render_equilibria`: a result's equilibria numbered from 1, each
  player's strategy with exact probabilities (``1/3``), payoffs and regret;
- :func:`render_result`: both, what ``gametheory solve --format`` prints;
- :func:`render`: any of the library's results (a game, a solve result, a
  tree's, the bargaining solutions and report, the conditions and regions
  reports) in a format: what their ``_repr_html_`` and ``_repr_latex_``
  return, so that a notebook shows tables rather than ``Fraction`` arrays.

Modules: :mod:`.formats` (the four formats, their marks and escaping),
:mod:`.tables` (payoff matrices and equilibria), :mod:`.reports` (bargaining
and assumption reports).  Only the standard library and numpy are imported
here; sympy is used only to write a symbolic payoff in LaTeX, when the
object shown already holds sympy expressions.

Examples
--------
>>> from gametheory import Game
>>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["A", "B"])
>>> render(g, "html") == g._repr_html_() == render_game(g, fmt="html")
True
"""

from __future__ import annotations

from .formats import FORMATS, Format, check_format
from .tables import render_equilibria, render_game, render_result

__all__ = ["FORMATS", "render", "render_game", "render_equilibria", "render_result"]


def render(obj: object, fmt: Format = "html") -> str:
    """``obj`` as tables in ``fmt``: the one function behind every ``_repr_html_`` and ``_repr_latex_``.

    A :class:`~gametheory.Game` gives :func:`render_game`; a solve result
    (normal form, tree or correlated) :func:`render_result`; a bargaining or
    an assumption report the tables of :func:`gametheory.display.reports.render_report`.
    """
    from ..game import Game

    fmt = check_format(fmt)
    if isinstance(obj, Game):
        return render_game(obj, fmt=fmt)
    from ..result import CorrelatedResult, SolveResult
    from ..tree.result import TreeSolveResult

    if isinstance(obj, (SolveResult, TreeSolveResult, CorrelatedResult)):
        return render_result(obj, fmt)
    from .reports import render_report

    return render_report(obj, fmt)
