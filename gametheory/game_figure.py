r"""A two-player game as a figure: its payoff table with best responses and equilibria, and its best-response diagram.

:func:`game_figure` is what ``gametheory solve --plot`` draws for a two-player
normal-form game:

- the payoff table, each cell ``u_1, u_2``; a payoff is bold and coloured when
  it is a best response to the other player's strategy (the row player's
  largest in its column, the column player's largest in its row, compared
  exactly in exact games); a cell where both are best responses is a pure
  Nash equilibrium and is shaded and numbered; mixed equilibria are written
  below, numbered from 1 as in the text output;
- for a game in which one player has two strategies (2x2, 2xN or Nx2), the
  best-response diagram beside it (:func:`draw_best_responses`).

In a 2x2 game the diagram is the unit square of :math:`(p, q)`, the two
players' probabilities of their first strategies, with both best-response
correspondences; they cross exactly at the equilibria.  With one player
mixing over two strategies and the other having :math:`N > 2`, the diagram
has the mixer's probability :math:`p` on the horizontal axis and the other
player's expected payoff of each strategy, :math:`p\,u(s_1, t) + (1 - p)\,u(s_2, t)`,
as lines: their upper envelope is that player's best-response correspondence
(a strategy is a best response exactly where its line is on top), and the
equilibria are points on it.  The indifference points are computed exactly.

References
----------
M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004),
sections 4.3 (best response functions of 2x2 games) and 4.10.
B. von Stengel, *Game Theory Basics*, Cambridge University Press (2021), ch. 6
(the upper envelope of a 2xN game's payoff lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import UnsupportedGameError
from .numbers import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .game import Game
    from .result import Equilibrium

__all__ = ["game_figure", "draw_payoff_table", "draw_best_responses", "best_response_marks", "MAX_TABLE_SIDE"]

#: The largest number of strategies per player a payoff table figure shows (more is unreadable on a slide).
MAX_TABLE_SIDE = 12

_ROW, _COL, _EQ = "#1f4e79", "#a61c00", "#fff2cc"


def _check(game: Game) -> None:
    if game.num_players != 2:
        raise UnsupportedGameError(f"a payoff table figure needs a two-player game; this one has "
                                   f"{game.num_players} players")
    if game.kind == "symbolic":
        raise UnsupportedGameError("a payoff table figure needs numbers: give the parameters' values (--param)")
    if max(game.shape) > MAX_TABLE_SIDE:
        raise UnsupportedGameError(f"a payoff table figure shows at most {MAX_TABLE_SIDE} strategies per player; "
                                   f"this game is {game.shape[0]} x {game.shape[1]}")


def _equal(a: Any, b: Any, exact: bool) -> bool:
    if exact:
        return bool(a == b)
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


def best_response_marks(game: Game) -> tuple[np.ndarray, np.ndarray]:
    """``(row_best, col_best)``: boolean matrices, True where the payoff is a best response (exact if the game is).

    ``row_best[r, c]``: strategy ``r`` is a best response of the row player to column ``c``;
    ``col_best[r, c]``: column ``c`` is a best response to row ``r``.  Both: a pure equilibrium.

    >>> from gametheory import Game
    >>> rb, cb = best_response_marks(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> (rb & cb).nonzero()  # the prisoner's dilemma: (D, D) only
    (array([1]), array([1]))
    """
    _check(game)
    A, B = game.bimatrix()
    exact = game.is_exact if hasattr(game, "is_exact") else game.kind == "exact"
    rb = np.zeros(A.shape, dtype=bool)
    cb = np.zeros(A.shape, dtype=bool)
    for c in range(A.shape[1]):
        best = max(A[:, c])
        rb[:, c] = [_equal(A[r, c], best, exact) for r in range(A.shape[0])]
    for r in range(A.shape[0]):
        best = max(B[r, :])
        cb[r, :] = [_equal(B[r, c], best, exact) for c in range(A.shape[1])]
    return rb, cb


def _pure_cell(eq: Equilibrium) -> tuple[int, int] | None:
    vecs = eq.profile.vectors
    if not eq.profile.is_pure:
        return None
    return int(np.argmax([float(x) for x in vecs[0]])), int(np.argmax([float(x) for x in vecs[1]]))


def _mixed_text(game: Game, eq: Equilibrium) -> str:
    parts = []
    for p, labels, vec in zip(game.players, game.strategies, eq.profile.vectors):
        terms = [f"{format_number(x)} {lab}" for lab, x in zip(labels, vec) if float(x) > 0]
        parts.append(f"{p} " + " + ".join(terms))
    return "; ".join(parts)


def draw_payoff_table(ax: Axes, game: Game, equilibria: Sequence[Equilibrium] = ()) -> None:
    """The payoff table on ``ax``: best responses bold and coloured, pure equilibria shaded and numbered."""
    from matplotlib.patches import Rectangle

    rb, cb = best_response_marks(game)
    A, B = game.bimatrix()
    m, n = A.shape
    numbers: dict[tuple[int, int], list[int]] = {}
    mixed: list[tuple[int, Equilibrium]] = []
    for k, eq in enumerate(equilibria):
        cell = _pure_cell(eq)
        if cell is None:
            mixed.append((k + 1, eq))
        else:
            numbers.setdefault(cell, []).append(k + 1)
    for r in range(m):
        for c in range(n):
            y = m - 1 - r
            eq_cell = bool(rb[r, c] and cb[r, c])
            ax.add_patch(Rectangle((c, y), 1, 1, facecolor=_EQ if eq_cell else "white", edgecolor="grey", lw=0.8))
            ax.text(c + 0.47, y + 0.5, format_number(A[r, c]) + ",", ha="right", va="center", fontsize=11,
                    color=_ROW if rb[r, c] else "black", weight="bold" if rb[r, c] else "normal")
            ax.text(c + 0.53, y + 0.5, format_number(B[r, c]), ha="left", va="center", fontsize=11,
                    color=_COL if cb[r, c] else "black", weight="bold" if cb[r, c] else "normal")
            if (r, c) in numbers:
                ax.text(c + 0.04, y + 0.93, "equilibrium " + ", ".join(map(str, numbers[(r, c)])), ha="left",
                        va="top", fontsize=7)
    for r, lab in enumerate(game.strategies[0]):
        ax.text(-0.05, m - 1 - r + 0.5, lab, ha="right", va="center", fontsize=9, color=_ROW)
    for c, lab in enumerate(game.strategies[1]):
        ax.text(c + 0.5, m + 0.05, lab, ha="center", va="bottom", fontsize=9, color=_COL, wrap=True)
    ax.text(-0.05, m + 0.05, f"{game.players[0]} \\ {game.players[1]}", ha="right", va="bottom", fontsize=9)
    ax.set_xlim(0, n)
    ax.set_ylim(0, m)
    ax.set_aspect("equal" if max(m, n) <= 6 else "auto")
    ax.axis("off")
    notes = [f"bold: a best response ({game.players[0]} blue, {game.players[1]} red); shaded: a pure equilibrium"]
    notes += [f"equilibrium {k} (mixed): {_mixed_text(game, eq)}" for k, eq in mixed]
    ax.set_title("\n".join(notes), fontsize=8, y=-0.02 - 0.05 * len(notes), va="top")


def _line_payoffs(game: Game, mixer: int) -> list[tuple[Any, Any]]:
    """For each strategy t of the other player: (payoff if the mixer plays its first, its second strategy)."""
    A, B = game.bimatrix()
    U = B if mixer == 0 else A.T  # the other player's payoffs, indexed [mixer's strategy, other's strategy]
    return [(U[0, t], U[1, t]) for t in range(U.shape[1])]


def _breakpoints(lines: Sequence[tuple[Any, Any]]) -> list[Any]:
    """Every p in (0, 1) where two lines p*a + (1-p)*b cross (exact when the payoffs are)."""
    pts = set()
    for k, (a1, b1) in enumerate(lines):
        for a2, b2 in lines[k + 1:]:
            den = (a1 - b1) - (a2 - b2)
            if den != 0:
                p = (b2 - b1) / den
                if 0 < p < 1:
                    pts.add(p)
    return sorted(pts, key=float)


def draw_best_responses(ax: Axes, game: Game, equilibria: Sequence[Equilibrium] = ()) -> None:
    """The best-response diagram of a game in which one player has two strategies, equilibria marked.

    Raises UnsupportedGameError unless one of the two players has exactly two strategies.
    """
    _check(game)
    if game.shape == (2, 2):
        _draw_square(ax, game, equilibria)
        return
    if 2 not in game.shape:
        raise UnsupportedGameError("a best-response diagram needs a player with two strategies (2x2, 2xN, Nx2)")
    mixer = 0 if game.shape[0] == 2 else 1
    other = 1 - mixer
    lines = _line_payoffs(game, mixer)
    ps = [Fraction(0)] + _breakpoints(lines) + [Fraction(1)]
    grid = np.linspace(0, 1, 2)
    colours = [f"C{k % 10}" for k in range(len(lines))]
    for t, (a, b) in enumerate(lines):
        ax.plot(grid, [float(b), float(a)], color=colours[t], lw=1, alpha=0.6)
    # the upper envelope, piece by piece between consecutive breakpoints (exact comparisons at midpoints)
    exact = game.kind == "exact"
    on_interval: set[int] = set()
    for lo, hi in zip(ps[:-1], ps[1:]):
        mid = (lo + hi) / 2
        vals = [mid * a + (1 - mid) * b for a, b in lines]
        top = max(vals, key=float)
        for t, v in enumerate(vals):
            if _equal(v, top, exact):
                a, b = lines[t]
                ax.plot([float(lo), float(hi)], [float(x * a + (1 - x) * b) for x in (lo, hi)], color=colours[t],
                        lw=3.5, solid_capstyle="butt",
                        label=None if t in on_interval else f"best response: {game.strategies[other][t]}")
                on_interval.add(t)
    at_points: dict[int, list[Any]] = {}
    for x in ps:
        vals = [x * a + (1 - x) * b for a, b in lines]
        top = max(vals, key=float)
        for t, v in enumerate(vals):
            if t not in on_interval and _equal(v, top, exact):
                at_points.setdefault(t, []).append(x)
    for t in range(len(lines)):
        if t in on_interval:
            continue
        name = game.strategies[other][t]
        where = at_points.get(t)
        label = (f"{name}: a best response only at p = {', '.join(format_number(x) for x in where)}" if where
                 else f"{name}: never a best response")
        ax.plot([], [], color=colours[t], lw=1, label=label)
    marks: dict[tuple[float, float], list[int]] = {}
    for k, eq in enumerate(equilibria):
        p = float(eq.profile.vectors[mixer][0])
        u = float(eq.payoffs[game.players[other]])
        marks.setdefault((round(p, 12), round(u, 12)), []).append(k + 1)
    for (p, u), ks in marks.items():
        ax.plot([p], [u], "o", color="k", ms=8, zorder=5, clip_on=False)
        ax.annotate("equilibri" + ("um " if len(ks) == 1 else "a ") + ", ".join(map(str, ks)), (p, u),
                    textcoords="offset points", xytext=(-6 if p > 0.5 else 6, 8), ha="right" if p > 0.5 else "left",
                    fontsize=8, weight="bold")
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(f"p = probability that {game.players[mixer]} plays {game.strategies[mixer][0]}")
    ax.set_ylabel(f"{game.players[other]}'s expected payoff")
    ax.legend(fontsize=7, loc="best")
    ax.set_title(f"{game.players[other]}'s best responses (the upper envelope); equilibria numbered", fontsize=9)


def _correspondence(d0: Any, d1: Any) -> list[tuple[float, float]]:
    """Points (t, best probability) of a 2x2 best-response correspondence, exact at its jump.

    ``d(t) = (1-t)*d0 + t*d1`` is the advantage of the first strategy when the other player plays
    its first strategy with probability t: best 1 where d > 0, 0 where d < 0, all of [0, 1] where d = 0.

    >>> _correspondence(-1, 1)  # indifferent at t = 1/2: 0 below, 1 above
    [(0.0, 0.0), (0.5, 0.0), (0.5, 1.0), (0.5, 1.0), (1.0, 1.0)]
    >>> _correspondence(2, 1)  # the first strategy is always better
    [(0.0, 1.0), (1.0, 1.0)]
    """
    def best(t: Any) -> float:
        return 1.0 if (1 - t) * d0 + t * d1 > 0 else 0.0

    if d0 == d1:
        if d0 == 0:  # indifferent everywhere: the whole square
            return [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
        return [(0.0, best(Fraction(1, 2))), (1.0, best(Fraction(1, 2)))]
    r = d0 / (d0 - d1)
    if not 0 <= r <= 1:
        return [(0.0, best(Fraction(1, 2))), (1.0, best(Fraction(1, 2)))]
    pts: list[tuple[float, float]] = []
    if r > 0:
        bl = best(r / 2)
        pts += [(0.0, bl), (float(r), bl), (float(r), 1.0 - bl)]
    if r < 1:
        br = best((1 + r) / 2)
        pts = (pts or [(float(r), 1.0 - br)]) + [(float(r), br), (1.0, br)]
    return pts


def _draw_square(ax: Axes, game: Game, equilibria: Sequence[Equilibrium]) -> None:
    A, B = game.bimatrix()
    # row: advantage of its first strategy against q = P(column plays its first)
    ra0, ra1 = A[0, 1] - A[1, 1], A[0, 0] - A[1, 0]
    # column: advantage of its first strategy against p = P(row plays its first)
    ca0, ca1 = B[1, 0] - B[1, 1], B[0, 0] - B[0, 1]
    row = _correspondence(ra0, ra1)  # (q, p)
    col = _correspondence(ca0, ca1)  # (p, q)
    ax.plot([p for q, p in row], [q for q, p in row], color=_ROW, lw=2.5, label=f"{game.players[0]}'s best response")
    ax.plot([p for p, q in col], [q for p, q in col], color=_COL, lw=2.5, ls="--",
            label=f"{game.players[1]}'s best response")
    for k, eq in enumerate(equilibria):
        x, y = (float(v[0]) for v in eq.profile.vectors)
        ax.plot([x], [y], "ko", ms=8, zorder=5)
        text = f"{k + 1}: ({format_number(eq.profile.vectors[0][0])}, {format_number(eq.profile.vectors[1][0])})"
        ax.annotate(text, (x, y), textcoords="offset points", xytext=(-6 if x > 0.5 else 6, 6 if y < 0.9 else -12),
                    ha="right" if x > 0.5 else "left", fontsize=8, weight="bold")
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_aspect("equal")
    ax.set_xlabel(f"p = probability that {game.players[0]} plays {game.strategies[0][0]}")
    ax.set_ylabel(f"q = probability that {game.players[1]} plays {game.strategies[1][0]}")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    ax.set_title("best responses; equilibria where they cross", fontsize=9)


def game_figure(game: Game, equilibria: Sequence[Equilibrium] = (), title: str | None = None) -> Figure:
    """The payoff table (best responses and equilibria marked) and, with a two-strategy player, the diagram.

    Parameters
    ----------
    game : Game
        A numeric two-player game with at most :data:`MAX_TABLE_SIDE` strategies per player.
    equilibria : sequence of Equilibrium
        Marked and numbered from 1 (e.g. ``solve(game).equilibria``).
    title : str, optional
        Default: the game's title.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> g = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="matching pennies")
    >>> fig = game_figure(g, solve(g).equilibria)
    >>> len(fig.axes)  # the table and the best-response square
    2
    """
    from matplotlib.figure import Figure

    _check(game)
    diagram = 2 in game.shape
    m, n = game.shape
    width = min(4 + 1.6 * n, 12) + (5.5 if diagram else 0)
    fig = Figure(figsize=(width, max(3.5, 1.0 + 0.6 * m) + (1.5 if diagram else 0.5)), layout="constrained")
    if diagram:
        table_ax, diag_ax = fig.subplots(1, 2, width_ratios=[min(4 + 1.6 * n, 12), 5.5])
        draw_payoff_table(table_ax, game, equilibria)
        draw_best_responses(diag_ax, game, equilibria)
    else:
        draw_payoff_table(fig.add_subplot(), game, equilibria)
    fig.suptitle(title if title is not None else (game.title or "payoffs and equilibria"), fontsize=10)
    return fig
