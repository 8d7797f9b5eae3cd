r"""The folk-theorem picture of a repeated game (``gametheory repeated --plot``).

Two players: the feasible set :math:`F` (the convex hull of the pure payoff
vectors, :mod:`gametheory.repeated.feasible`), its individually rational part
:math:`F^*` (shaded: the payoffs the folk theorem sustains, with strict
inequalities, when :math:`\delta` is close to 1; Fudenberg and Maskin 1986),
the mixed minmax point with its two lines :math:`u_i = \underline v_i`, the
pure minmax point when it differs, the stage Nash equilibria and the target
profile.

Three or more players: one panel per pair of players :math:`(i, j)`, showing
the projection of :math:`F` on :math:`(u_i, u_j)` (the hull of the projected
payoff vectors) with the pure-minmax lines and the projected points; the
individually rational part is not drawn (its projection is not the clip of the
projected set).

matplotlib is imported when a picture is drawn (Agg backend); the file is
written atomically (:func:`gametheory.assumptions.plots.save`).

References
----------
D. Fudenberg and E. Maskin, "The folk theorem in repeated games with
discounting or with incomplete information", *Econometrica* 54 (1986) 533-554.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..bargaining.hull import convex_hull
from ..errors import InputError
from ..profile import MixedProfile

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .feasible import FeasibleSet
    from .minmax import MinmaxValues

__all__ = ["plot_folk"]

_FEASIBLE = "#cfe2f3"
_IR = "#6fa8dc"


def _payoffs(eq: Any, players: Sequence[str]) -> tuple[float, ...]:
    """A stage equilibrium (MixedProfile, or anything with a ``profile`` MixedProfile) as a float payoff vector."""
    prof = getattr(eq, "profile", eq)
    if not isinstance(prof, MixedProfile):
        raise InputError(f"a stage equilibrium must be a MixedProfile, got {type(eq).__name__}",
                         field="stage_equilibria")
    u = prof.payoffs()
    return tuple(float(u[p]) for p in players)


def _target_point(feasible: FeasibleSet, target: Mapping[str, str]) -> tuple[float, ...]:
    """The payoff vector of the pure profile ``target`` ``{player: label}``."""
    for prof, u in feasible.outcomes:
        if dict(prof) == dict(target):
            return tuple(float(x) for x in u)
    raise InputError(f"the target {dict(target)} is not a pure profile of this game", field="target")


def _profile_text(target: Mapping[str, str]) -> str:
    return ", ".join(f"{p}={lab}" for p, lab in target.items())


def _draw_pair(ax: Axes, feasible: FeasibleSet, i: int, j: int, minmax: MinmaxValues,
               eqs: Sequence[tuple[float, ...]], target: Mapping[str, str] | None, two: bool) -> None:
    """One panel: players ``i`` and ``j`` (the whole picture for two players, a projection otherwise)."""
    players = feasible.players
    pi, pj = players[i], players[j]
    if two:
        verts = [(float(v[0]), float(v[1])) for v in feasible.vertices]
    else:
        pts = list(dict.fromkeys((u[i], u[j]) for _, u in feasible.outcomes))
        verts = [(float(pts[k][0]), float(pts[k][1])) for k in convex_hull(pts)]
    label = "feasible set" if two else "feasible set (projection)"
    _polygon(ax, verts, _FEASIBLE, label, zorder=1)
    if two and feasible.individually_rational:
        ir = [(float(v[0]), float(v[1])) for v in feasible.individually_rational]
        _polygon(ax, ir, _IR, f"individually rational (>= {feasible.minmax_kind} minmax)", zorder=2, hatch="//")
    # the minmax lines: the values individual rationality uses (mixed with two players, else pure)
    mi, mj = float(feasible.minmax[pi]), float(feasible.minmax[pj])
    ax.axvline(mi, color="grey", lw=0.8, ls="--", zorder=0)
    ax.axhline(mj, color="grey", lw=0.8, ls="--", zorder=0)
    ax.plot([mi], [mj], "kx", ms=10, mew=2, zorder=5, label=f"{feasible.minmax_kind} minmax ({mi:.3g}, {mj:.3g})")
    pure = (float(minmax.pure[pi]), float(minmax.pure[pj]))
    if two and pure != (mi, mj):
        ax.plot(*pure, "x", color="grey", ms=9, mew=2, zorder=5, label=f"pure minmax ({pure[0]:.3g}, {pure[1]:.3g})")
    for k, e in enumerate(eqs):
        ax.plot([e[i]], [e[j]], "o", color="#c00000", ms=8, mfc="none", mew=2, zorder=6,
                label="stage Nash equilibria" if k == 0 else None)
    if target is not None:
        t = _target_point(feasible, target)
        ax.plot([t[i]], [t[j]], "*", color="#e69138", mec="k", ms=16, zorder=7,
                label=f"target ({_profile_text(target)})")
    ax.set_xlabel(f"payoff of {pi}")
    ax.set_ylabel(f"payoff of {pj}")


def _polygon(ax: Axes, verts: Sequence[tuple[float, float]], color: str, label: str, zorder: int,
             hatch: str | None = None) -> None:
    """Fill a convex polygon; a segment or a point (degenerate polygons) is drawn as a thick line or a dot."""
    xs, ys = [v[0] for v in verts], [v[1] for v in verts]
    if len(verts) >= 3:
        ax.fill(xs, ys, facecolor=color, edgecolor="#1f4e79", lw=1.2, label=label, zorder=zorder, hatch=hatch)
    elif len(verts) == 2:
        ax.plot(xs, ys, color=color, lw=6, solid_capstyle="round", label=label, zorder=zorder)
    else:
        ax.plot(xs, ys, "s", color=color, mec="#1f4e79", ms=12, label=label, zorder=zorder)


def plot_folk(feasible: FeasibleSet, minmax: MinmaxValues, stage_equilibria: Iterable[Any] = (),
              target: Mapping[str, str] | None = None, path: str | os.PathLike[str] | None = None, *,
              title: str | None = None, dpi: int | None = None) -> Figure:
    """Draw the feasible set, its individually rational part, the minmax, the stage equilibria and the target.

    Parameters
    ----------
    feasible : FeasibleSet
        :func:`~gametheory.repeated.feasible.feasible_set` of the stage game.
    minmax : MinmaxValues
        :func:`~gametheory.repeated.minmax.minmax_values` of the same game.
    stage_equilibria : iterable
        MixedProfiles (or objects with a ``profile`` MixedProfile, such as
        :class:`gametheory.result.Equilibrium`) whose payoffs are marked.
    target : mapping, optional
        The target pure profile ``{player: label}``, marked with a star.
    path : str or path-like, optional
        Where to write the picture (.png, .pdf or .svg), atomically.
    title : str, optional
    dpi : int, optional
        Resolution of a PNG file (default :data:`gametheory.assumptions.plots.DEFAULT_DPI`).

    Returns
    -------
    matplotlib.figure.Figure
        One axes for two players; one per pair of players otherwise.  When
        ``path`` is given the figure has been written and closed.

    Raises
    ------
    InputError
        If the target is not a pure profile of the game, the minmax belongs to
        another game, or the file name does not end in .png, .pdf or .svg.
    """
    if tuple(minmax.players) != tuple(feasible.players):
        raise InputError("the minmax values belong to another game (their players differ)", field="minmax")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    players = feasible.players
    eqs = [_payoffs(e, players) for e in stage_equilibria]
    two = len(players) == 2
    pairs = [(0, 1)] if two else list(itertools.combinations(range(len(players)), 2))
    cols = min(3, len(pairs))
    rows = -(-len(pairs) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(6 * cols if two else 4.5 * cols, 5 if two else 4.2 * rows),
                             squeeze=False)
    try:
        for ax, (i, j) in zip(axes.flat, pairs):
            _draw_pair(ax, feasible, i, j, minmax, eqs, target, two)
            ax.legend(fontsize=7, loc="best")
        for ax in list(axes.flat)[len(pairs):]:
            ax.set_visible(False)
        heading = title or "Feasible and individually rational payoffs of the repeated game"
        if not two:
            heading += "\n(projections; individually rational part not drawn)"
        fig.suptitle(heading, fontsize=10)
        if path is not None:
            from ..assumptions.plots import save

            save(fig, path, dpi=dpi, bbox_inches="tight")
    except BaseException:
        plt.close(fig)  # no half-drawn figure left open in pyplot's registry
        raise
    if path is not None:
        plt.close(fig)
    return fig
