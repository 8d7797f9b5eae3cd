"""Figures for payoff-assumption studies (matplotlib, imported lazily).

Figures are built with :class:`matplotlib.figure.Figure` directly, not
``pyplot``: no global state, no GUI backend (saving uses the Agg canvas), so
the functions are safe in scripts, servers and notebooks.  Each returns the
figure; the CLI writes it to a file.

- :func:`region_map`: two parameters, each region coloured and labelled by its equilibria, with the exact
  boundary curves drawn on top;
- :func:`region_strip`: the same for one parameter;
- :func:`share_bars`: the share of draws in which each outcome is an equilibrium, with 95% Wilson intervals;
- :func:`best_response_diagram`: both players' best replies in a 2x2 game, equilibria marked;
- :func:`tornado`: how far each parameter can move before a prediction fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError, UnsupportedGameError
from .outcomes import Signature, describe_signature

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..game import Game
    from .montecarlo import RobustnessResult
    from .regions import Margin, RegionMap1D, RegionMap2D
    from .space import Space

__all__ = ["region_map", "region_strip", "share_bars", "best_response_diagram", "tornado", "save", "plot_format",
           "PLOT_FORMATS", "DEFAULT_DPI"]


def _figure(w: float = 7.0, h: float = 5.0) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(w, h), layout="constrained")


#: The figure formats, by file extension: what ``--plot`` writes.
PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

#: Dots per inch of a PNG figure unless ``dpi`` is given (sharp on a projector at 7 x 5 inches).
DEFAULT_DPI = 150


def plot_format(path: str | os.PathLike[str], field: str = "--plot") -> str:
    """The format of a figure file, from its extension: ``"png"``, ``"svg"`` or ``"pdf"``.

    >>> plot_format("regions.SVG")
    'svg'
    >>> plot_format("regions.jpg")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: regions.jpg: --plot: plot files must end in .png, .pdf or .svg, got '.jpg'
    """
    ext = os.path.splitext(str(path))[1].lower()
    if ext not in PLOT_FORMATS:
        raise InputError(f"plot files must end in .png, .pdf or .svg, got {ext or '(none)'!r}", path=str(path),
                         field=field)
    return PLOT_FORMATS[ext]


def save(fig: Figure, path: str | os.PathLike[str], dpi: int | None = None, **options: object) -> None:
    """Write ``fig`` to ``path`` in the format of its extension (png, svg, pdf), atomically.

    The picture is rendered in memory and written with
    :func:`gametheory.io.atomic.atomic_write_bytes`: an interrupted or failed
    write leaves no partial file, a symbolic link is followed, and a device,
    FIFO or directory is refused.  ``dpi`` is the resolution (default
    :data:`DEFAULT_DPI`); it sets a PNG's size in pixels, and only the
    embedded images of a vector file.  ``options`` go to ``Figure.savefig``.
    In an svg file, text is written as text (``svg.fonttype: none``), not as
    glyph outlines; pdf fonts are embedded as TrueType (``pdf.fonttype: 42``),
    so slide editors can change them.
    """
    import io

    from ..io.atomic import atomic_write_bytes

    fmt = plot_format(path)
    from matplotlib import rc_context

    buf = io.BytesIO()
    kwargs: dict[str, Any] = {"dpi": DEFAULT_DPI if dpi is None else dpi, **options}
    # svg text stays text (searchable, editable in a slide editor), not glyph outlines
    with rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, **kwargs)
    atomic_write_bytes(path, buf.getvalue())


def _sig_text(players: Sequence[str], sig: Signature) -> str:
    return describe_signature(players, sig) or "(none)"


def region_map(rmap: RegionMap2D, game: Game, title: str | None = None) -> Figure:
    """Regions over two parameters, coloured by equilibrium set, boundaries from the exact conditions."""
    from matplotlib.colors import ListedColormap

    from .numeric import evaluate

    k = len(rmap.signatures)
    fig = _figure(10, 5 + 0.4 * k)
    ax = fig.add_subplot()
    base = [tuple(c) for c in __import__("matplotlib").colormaps["tab20"].colors]
    cmap = ListedColormap([base[i % len(base)] for i in range(k)])
    ax.pcolormesh(rmap.xs, rmap.ys, rmap.labels, cmap=cmap, vmin=-0.5, vmax=k - 0.5, shading="nearest")
    XX, YY = np.meshgrid(rmap.xs, rmap.ys)
    for eq in rmap.boundaries:
        Z = evaluate(eq.lhs - eq.rhs, {rmap.x.name: XX.reshape(-1), rmap.y.name: YY.reshape(-1)}, XX.size)
        Z = Z.reshape(XX.shape)
        if Z.min() < 0 < Z.max():
            ax.contour(XX, YY, Z, levels=[0], colors="k", linewidths=0.8)
    for j in range(len(rmap.signatures)):
        ys, xs = np.nonzero(rmap.labels == j)
        if len(xs):
            c = len(xs) // 2
            order = np.lexsort((xs, ys))
            ax.annotate(str(j + 1), (rmap.xs[xs[order[c]]], rmap.ys[ys[order[c]]]), ha="center", va="center",
                        fontsize=11, weight="bold")
    import textwrap

    from matplotlib.patches import Patch

    handles = [Patch(color=cmap(j), label=textwrap.fill(f"{j + 1}: {_sig_text(game.players, s)}", 130))
               for j, s in enumerate(rmap.signatures)]
    fig.legend(handles=handles, loc="outside lower center", fontsize=7, ncol=1, frameon=False)
    ax.set_xlabel(rmap.x.name)
    ax.set_ylabel(rmap.y.name)
    fixed = ", ".join(f"{k}={v}" for k, v in rmap.fixed.items())
    ax.set_title(title or (f"{game.title}\nequilibrium regions ({fixed})" if fixed else game.title), fontsize=9)
    return fig


def region_strip(rmap1d: RegionMap1D, game: Game, title: str | None = None) -> Figure:
    """Intervals of one parameter, coloured by equilibrium set; thresholds marked."""
    fig = _figure(8, 2.8)
    ax = fig.add_subplot()
    colors = __import__("matplotlib").colormaps["tab20"].colors
    sigs = sorted({s.signature for s in rmap1d.segments})
    for seg in rmap1d.segments:
        j = sigs.index(seg.signature)
        ax.axvspan(float(seg.lo), float(seg.hi), color=colors[j % len(colors)], alpha=0.8)
        ax.text((float(seg.lo) + float(seg.hi)) / 2, 0.5, str(j + 1), ha="center", va="center", weight="bold")
    for th in rmap1d.thresholds:
        ax.axvline(float(th.value), color="k", lw=1)
        ax.text(float(th.value), 1.02, str(th.value), ha="center", va="bottom", fontsize=8,
                transform=ax.get_xaxis_transform())
    ax.set_yticks([])
    ax.set_xlim(float(rmap1d.lo), float(rmap1d.hi))
    ax.set_xlabel(rmap1d.parameter)
    text = "\n".join(f"{j + 1}: {_sig_text(game.players, s)}" for j, s in enumerate(sigs))
    ax.set_title(title or game.title, fontsize=9)
    fig.text(0.01, 0.0, text, fontsize=7, va="bottom")
    return fig


def share_bars(result: RobustnessResult, top: int = 20) -> Figure:
    """Share of draws in which each pure profile is an equilibrium (bars with 95% Wilson intervals)."""
    items = sorted(result.profiles.items(), key=lambda kv: -kv[1].share)[:top]
    preds = list(result.predictions)
    labels = ["(" + ", ".join(k) + ")" for k, _ in items] + [f"prediction: {p.kind}" for p, _ in preds]
    shares = [s for _, s in items] + [s for _, s in preds]
    fig = _figure(8, 0.35 * len(labels) + 1.5)
    ax = fig.add_subplot()
    y = np.arange(len(labels))
    vals = np.array([s.share for s in shares])
    lo = vals - np.array([s.interval[0] for s in shares])
    hi = np.array([s.interval[1] for s in shares]) - vals
    colors = ["tab:blue"] * len(items) + ["tab:orange"] * len(preds)
    ax.barh(y, vals, xerr=[lo, hi], color=colors, capsize=2)
    ax.set_yticks(y, labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of {result.accepted} draws (95% Wilson intervals)")
    ax.set_title(f"{result.game.title}: how often each outcome is an equilibrium", fontsize=9)
    return fig


def best_response_diagram(game: Game) -> Figure:
    """Best replies of a numeric 2x2 game in the (p, q) square, equilibria marked.

    ``p`` is the row player's probability of their first strategy, ``q`` the column player's.
    """
    from .batch import solve_2x2

    if game.shape != (2, 2) or game.kind == "symbolic":
        raise UnsupportedGameError("a best-response diagram needs a numeric 2x2 game")
    P = np.asarray(game.payoffs, dtype=float)[None]
    res = solve_2x2(P)
    A, B = P[0, ..., 0], P[0, ..., 1]
    fig = _figure(5, 5)
    ax = fig.add_subplot()
    qs = np.linspace(0, 1, 401)
    # row player's best p against q; column player's best q against p
    da = (A[0, 0] - A[1, 0]) * qs + (A[0, 1] - A[1, 1]) * (1 - qs)
    db = (B[0, 0] - B[0, 1]) * qs + (B[1, 0] - B[1, 1]) * (1 - qs)
    ax.plot(np.where(da > 0, 1, np.where(da < 0, 0, np.nan)), qs, color="tab:blue", lw=2,
            label=f"{game.players[0]}'s best reply")
    ax.plot(qs, np.where(db > 0, 1, np.where(db < 0, 0, np.nan)), color="tab:red", lw=2, ls="--",
            label=f"{game.players[1]}'s best reply")
    for k in np.nonzero(np.abs(np.diff(np.sign(da))) > 0)[0]:
        ax.plot([0, 1], [qs[k], qs[k]], color="tab:blue", lw=2)
    for k in np.nonzero(np.abs(np.diff(np.sign(db))) > 0)[0]:
        ax.plot([qs[k], qs[k]], [0, 1], color="tab:red", lw=2, ls="--")
    for x, y in res.equilibria(0):
        ax.plot(x[0], y[0], "ko", ms=8)
        ax.annotate(f"({x[0]:.3g}, {y[0]:.3g})", (x[0], y[0]), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"p = P({game.players[0]} plays {game.strategies[0][0]})")
    ax.set_ylabel(f"q = P({game.players[1]} plays {game.strategies[1][0]})")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    ax.set_title(game.title or "best replies", fontsize=9)
    return fig


def tornado(margins: Iterable[Margin], space: Space, title: str = "margins of the prediction") -> Figure:
    """Bars from the default down/up to where the prediction fails; grey to the range's end if it never does."""
    rows = sorted(margins, key=lambda m: -min(float(m.down) if m.down is not None else np.inf,
                                               float(m.up) if m.up is not None else np.inf))
    fig = _figure(7, 0.4 * len(rows) + 1.5)
    ax = fig.add_subplot()
    for y, m in enumerate(rows):
        lo, hi = (float(v) for v in space.ranges[m.parameter])
        d = float(m.default)
        span = max(hi - lo, 1e-12)
        down = (float(m.down) if m.down is not None else d - lo) / span
        up = (float(m.up) if m.up is not None else hi - d) / span
        ax.barh(y, -down, color="tab:red" if m.down is not None else "lightgrey")
        ax.barh(y, up, color="tab:red" if m.up is not None else "lightgrey")
        for val, side in ((m.down, -down), (m.up, up)):
            if val is not None:
                ax.text(side, y, f" {val} ", va="center", ha="right" if side < 0 else "left", fontsize=7)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_yticks(range(len(rows)), [m.parameter for m in rows], fontsize=8)
    ax.set_xlabel("change from the default, as a share of the declared range (red: the prediction fails there)")
    ax.set_title(title, fontsize=9)
    return fig
