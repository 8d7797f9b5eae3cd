"""Figures for payoff-assumption studies (matplotlib, imported lazily).

Figures are built with :class:`matplotlib.figure.Figure` directly, not
``pyplot``: no global state, no GUI backend (saving uses the Agg canvas), so
the functions are safe in scripts, servers and notebooks.  Each returns the
figure; the CLI writes it to a file (:func:`save`), the web lab sends it as
SVG text (:func:`to_svg`), both rendered by the same code.

- :func:`region_map`: two parameters, each region coloured and labelled by its equilibria, with the exact
  boundary curves drawn on top;
- :func:`region_strip`: the same for one parameter;
- :func:`share_bars`: the share of draws in which each outcome is an equilibrium, with 95% Wilson intervals;
- :func:`best_response_diagram`: both players' best replies in a 2x2 game, equilibria marked;
- :func:`tornado`: how far each parameter can move before a prediction fails.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError, UnsupportedGameError
from ..game_text import plural
from .outcomes import Signature, describe_signature, describe_support

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..game import Game
    from .montecarlo import RobustnessResult
    from .regions import Margin, RegionMap1D, RegionMap2D
    from .space import Space

__all__ = ["region_map", "region_name", "prediction_caption", "region_strip", "share_bars", "best_response_diagram",
           "tornado", "save", "to_svg", "plot_format",
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


# rc_context swaps matplotlib's global rcParams and restores them on exit: two threads rendering at once would
# restore each other's settings (and could leave them changed for good), so renders take turns.
_RENDER_LOCK = threading.Lock()


def _render(fig: Figure, fmt: str, dpi: int | None = None, **options: object) -> bytes:
    """``fig`` rendered in memory as ``fmt`` (png, svg, pdf): the bytes of the file, as :func:`save` describes."""
    import io

    from matplotlib import rc_context

    buf = io.BytesIO()
    kwargs: dict[str, Any] = {"dpi": DEFAULT_DPI if dpi is None else dpi, **options}
    # svg text stays text (searchable, editable in a slide editor), not glyph outlines; pdf fonts TrueType
    with _RENDER_LOCK, rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, **kwargs)
    return buf.getvalue()


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
    so slide editors can change them (the renderer is shared with :func:`to_svg`).
    """
    from ..io.atomic import atomic_write_bytes

    fmt = plot_format(path)
    atomic_write_bytes(path, _render(fig, fmt, dpi, **options))


def to_svg(fig: Figure, dpi: int | None = None, **options: object) -> str:
    """``fig`` as the text of an SVG document, rendered as :func:`save` writes a ``.svg`` file; nothing on disk.

    Text stays text (``svg.fonttype: none``), so the labels can be searched
    and read by a test or a screen reader.  Renders take turns (matplotlib's
    rc settings are global), so a threaded server may call it from any thread.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().set_title("eps_a = 1/2")
    >>> svg = to_svg(fig)
    >>> svg.lstrip().startswith("<?xml") and ">eps_a = 1/2</text>" in svg
    True
    """
    return _render(fig, "svg", dpi, **options).decode("utf-8")


def _sig_text(players: Sequence[str], sig: Signature) -> str:
    return describe_signature(players, sig) or "(none)"


def _is_pure(support: Sequence[Sequence[str]]) -> bool:
    return all(len(labels) == 1 for labels in support)


def region_name(sig: Signature, others: Sequence[Signature] = (), shown: int = 2) -> str:
    """A short name for a region: its number of extreme equilibria and at most ``shown`` pure ones.

    The pure equilibria met in the fewest of the map's regions (``others``) come first: they
    are what changes from region to region.  The rest are counted (``+2 more``).

    >>> a, b, m = (("T",), ("L",)), (("B",), ("R",)), (("T", "B"), ("L", "R"))
    >>> region_name((a, b, m), others=[(a, b, m), (b,)])
    '3 equilibria: (T, L), (B, R) +1 more'
    >>> region_name((m,))
    '1 equilibrium (mixed)'
    >>> region_name(())
    'no equilibrium'
    """
    n = len(sig)
    if n == 0:
        return "no equilibrium"
    head = plural(n, "equilibrium", "equilibria")
    pure = sorted((s for s in sig if _is_pure(s)), key=lambda s: (sum(s in o for o in others), s))
    if not pure:
        return f"{head} (mixed)"
    text = f"{head}: " + ", ".join(describe_support((), s) for s in pure[:shown])
    rest = n - min(len(pure), shown)
    return text + (f" +{rest} more" if rest else "")


def _boundary_text(eq: Any, x: str, y: str) -> str:
    """A boundary curve as mathtext, solved for ``y`` (else ``x``) when it is linear in it: ``$w = 2 s - 1$``."""
    import sympy

    f = eq.lhs - eq.rhs
    for name in (y, x):
        sym = next((v for v in f.free_symbols if v.name == name), None)
        if sym is not None and sympy.degree(f, sym) == 1:
            sol = sympy.solve(f, sym)
            if len(sol) == 1:
                return f"${sympy.latex(sym)} = {sympy.latex(sol[0])}$"
    return f"${sympy.latex(f)} = 0$"


_REGION_COLOURS = ("#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5", "#d9d9d9",
                   "#bc80bd", "#ccebc5", "#ffed6f", "#a6cee3")


def region_map(rmap: RegionMap2D, game: Game, title: str | None = None, space: Space | None = None) -> Figure:
    """Regions over two parameters, drawn from the exact boundaries: polygons, or contours of curved ones.

    Each region of the arrangement of the exact boundary curves (:mod:`.region_cells`) is filled
    with one colour per equilibrium set: an exact polygon when every boundary is a line, else the
    filled contour of the exact curves on a fine grid.  Regions are numbered as in the text report
    (``rmap.signatures``) and named by :func:`region_name`; an equilibrium set met only on a
    boundary is listed as such.  Axis labels are the parameters' meanings (``space``,
    :meth:`Space.label`).  If the cells disagree with the report's grid away from the boundaries
    (a change the closed forms do not cover), the grid is drawn instead and the title says so.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon

    from .region_cells import contour_cells, region_polygons

    numbers = {sig: k for k, sig in enumerate(rmap.signatures)}
    polys = region_polygons(game, rmap)
    cells: list[tuple[Signature, tuple[float, float], Any]]
    if polys is not None:
        cells = [(c.signature, c.centroid, c) for c in polys]
    else:
        cells = [(c.signature, c.point, c) for c in contour_cells(game, rmap)]
    for sig, _, _ in cells:
        numbers.setdefault(sig, len(numbers))
    exact = _cells_agree(rmap, cells, numbers)
    colour = {sig: _REGION_COLOURS[k % len(_REGION_COLOURS)] for sig, k in numbers.items()}
    fig = _figure(8, 6)
    ax = fig.add_subplot()
    x0, x1, y0, y1 = float(rmap.x.lo), float(rmap.x.hi), float(rmap.y.lo), float(rmap.y.hi)
    if not exact:
        from matplotlib.colors import ListedColormap

        order = list(rmap.signatures)
        cmap = ListedColormap([colour[s] for s in order])
        ax.pcolormesh(rmap.xs, rmap.ys, rmap.labels, cmap=cmap, vmin=-0.5, vmax=len(order) - 0.5, shading="nearest")
        drawn = set(order)
    else:
        drawn = set()
        for sig, _, cell in cells:
            if polys is not None:
                ax.add_patch(Polygon([(float(a), float(b)) for a, b in cell.vertices], closed=True,
                                     facecolor=colour[sig], edgecolor=colour[sig], lw=0.5))
            else:
                ax.contourf(cell.xs, cell.ys, cell.g, levels=[0, np.inf], colors=[colour[sig]])
            drawn.add(sig)
    # region numbers at each region's largest cell
    best: dict[Signature, tuple[float, tuple[float, float]]] = {}
    for sig, point, cell in cells:
        size = float(cell.area) if polys is not None else float(np.sum(cell.g > 0))
        if exact and (sig not in best or size > best[sig][0]):
            best[sig] = (size, point)
    for sig, (_, point) in best.items():
        ax.annotate(str(numbers[sig] + 1), point, ha="center", va="center", fontsize=13, weight="bold")
    # the exact boundaries on top, each named once in the legend
    XX, YY = np.meshgrid(np.linspace(x0, x1, 401), np.linspace(y0, y1, 401))
    from .numeric import evaluate

    handles: list[Any] = []
    styles = ("-", "--", "-.", ":")
    for k, eq in enumerate(rmap.boundaries):
        Z = evaluate(eq.lhs - eq.rhs, {rmap.x.name: XX.reshape(-1), rmap.y.name: YY.reshape(-1)}, XX.size)
        ax.contour(XX, YY, Z.reshape(XX.shape), levels=[0], colors="k", linewidths=1.2,
                   linestyles=styles[k % len(styles)])
        handles.append(Line2D([], [], color="k", lw=1.2, ls=styles[k % len(styles)],
                              label="boundary " + _boundary_text(eq, rmap.x.name, rmap.y.name)))
    regions = [s for s in rmap.signatures if s in drawn]
    regions += [s for s in numbers if s in drawn and s not in rmap.signatures]
    on_lines = [s for s in rmap.signatures if s not in drawn]
    others = regions + on_lines
    handles = [Patch(facecolor=colour[s], edgecolor="grey", label=f"{numbers[s] + 1}: {region_name(s, others)}")
               for s in regions] + [
        Line2D([], [], color="none", label=f"{numbers[s] + 1} (on a boundary only): {region_name(s, others)}")
        for s in on_lines] + handles
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncol=1, frameon=False)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(space.label(rmap.x.name) if space is not None else rmap.x.name)
    ax.set_ylabel(space.label(rmap.y.name) if space is not None else rmap.y.name)
    fixed = ", ".join(f"{k} = {v}" for k, v in rmap.fixed.items())
    head = title or game.title
    sub = "equilibrium regions" + (f" (others at {fixed})" if fixed else "")
    if not exact:
        sub += "\nsampled on the grid: the exact boundaries do not explain every change"
    ax.set_title(f"{head}\n{sub}", fontsize=9)
    return fig


def _cells_agree(rmap: RegionMap2D, cells: Sequence[tuple[Signature, tuple[float, float], Any]],
                 numbers: dict[Signature, int], tolerance: float = 0.01) -> bool:
    """Do the cells' signatures match the report's grid labels off the boundaries (all but ``tolerance``)?

    A grid point belongs to the cell with the same signs of every boundary expression.
    """
    from .numeric import evaluate

    if not cells:
        return False
    XX, YY = np.meshgrid(rmap.xs, rmap.ys)
    px = np.concatenate([XX.reshape(-1), [p[0] for _, p, _ in cells]])
    py = np.concatenate([YY.reshape(-1), [p[1] for _, p, _ in cells]])
    if rmap.boundaries:
        F = np.stack([evaluate(eq.lhs - eq.rhs, {rmap.x.name: px, rmap.y.name: py}, px.size)
                      for eq in rmap.boundaries])
        scale = np.max(np.abs(F), axis=1, keepdims=True)
        S = np.where(np.abs(F) <= 1e-9 * np.maximum(scale, 1e-300), 0, np.sign(F)).astype(int).T
    else:
        S = np.zeros((px.size, 0), dtype=int)
    grid, cell_signs = S[:XX.size], S[XX.size:]
    by_signs = {tuple(sg): sig for sg, (sig, _, _) in zip(cell_signs, cells)}
    off = [k for k in range(XX.size) if np.all(grid[k] != 0)]
    if not off:
        return True
    labels = rmap.labels.reshape(-1)
    bad = sum(1 for k in off if by_signs.get(tuple(grid[k])) != rmap.signatures[labels[k]])
    return bad <= tolerance * len(off)


def region_strip(rmap1d: RegionMap1D, game: Game, title: str | None = None, space: Space | None = None) -> Figure:
    """Intervals of one parameter, coloured by equilibrium set; the exact thresholds marked and written.

    Regions are numbered in order along the axis and named by :func:`region_name`; the axis
    label is the parameter's meaning when ``space`` is given (:meth:`Space.label`).
    """
    from matplotlib.patches import Patch

    fig = _figure(8, 3.2)
    ax = fig.add_subplot()
    sigs: list[Signature] = []
    for seg in rmap1d.segments:
        if seg.signature not in sigs:
            sigs.append(seg.signature)
    colour = {sig: _REGION_COLOURS[k % len(_REGION_COLOURS)] for k, sig in enumerate(sigs)}
    for seg in rmap1d.segments:
        ax.axvspan(float(seg.lo), float(seg.hi), color=colour[seg.signature])
        ax.text((float(seg.lo) + float(seg.hi)) / 2, 0.5, str(sigs.index(seg.signature) + 1), ha="center",
                va="center", weight="bold", fontsize=12)
    for th in rmap1d.thresholds:
        ax.axvline(float(th.value), color="k", lw=1.2)
        ax.text(float(th.value), 1.02, str(th.value), ha="center", va="bottom", fontsize=9,
                transform=ax.get_xaxis_transform())
    ax.set_yticks([])
    ax.set_xlim(float(rmap1d.lo), float(rmap1d.hi))
    ax.set_xlabel(space.label(rmap1d.parameter) if space is not None else rmap1d.parameter)
    handles = [Patch(facecolor=colour[s], edgecolor="grey", label=f"{k + 1}: {region_name(s, sigs)}")
               for k, s in enumerate(sigs)]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncol=1, frameon=False)
    fixed = ", ".join(f"{k} = {v}" for k, v in rmap1d.fixed.items())
    ax.set_title((title or game.title) + (f"\n(others at {fixed})" if fixed else ""), fontsize=9, pad=14)
    return fig


def prediction_caption(prediction: Any, number: int | None = None) -> str:
    """A prediction as a short sentence for a chart: ``"1. (Offer, CB) is an equilibrium"``.

    >>> from types import SimpleNamespace as P
    >>> prediction_caption(P(kind="equilibrium", profile={"West": "Offer", "Serbia": "CB"}), 1)
    '1. (Offer, CB) is an equilibrium'
    >>> prediction_caption(P(kind="not_equilibrium", profile={"A": {"x": 1, "y": 0}, "B": "z"}))
    '(x, z) is not an equilibrium'
    >>> prediction_caption(P(kind="equilibrium_count", count=3, profile=None), 5)
    '5. 3 extreme equilibria'
    """
    head = "" if number is None else f"{number}. "
    kind = prediction.kind
    if kind == "equilibrium_count":
        n = prediction.count
        return head + plural(n, "extreme equilibrium", "extreme equilibria")
    profile = getattr(prediction, "profile", None)
    if not profile:
        return head + kind.replace("_", " ")
    prof = "(" + ", ".join(v if isinstance(v, str) else "+".join(k for k, q in v.items() if q > 0)
                           for v in profile.values()) + ")"
    verbs = {"equilibrium": "is an equilibrium", "not_equilibrium": "is not an equilibrium",
             "unique_equilibrium": "is the only equilibrium"}
    return f"{head}{prof} {verbs.get(kind, kind.replace('_', ' '))}"


def share_bars(result: RobustnessResult, top: int = 20, predictions: Sequence[Any] | None = None) -> Figure:
    """Share of draws in which each pure profile is an equilibrium and each prediction holds (95% Wilson intervals).

    Profiles are blue, predictions orange, each named by :func:`prediction_caption` and numbered
    by its place in ``predictions`` (the model's list, so that the numbers are the model's even
    when predictions made at other parameter values were not drawn), else in the study's order;
    the share is written at the end of each bar.
    """
    items = sorted(result.profiles.items(), key=lambda kv: -kv[1].share)[:top]
    preds = list(result.predictions)
    listed = list(predictions) if predictions is not None else [p for p, _ in preds]

    def number(p: Any, k: int) -> int:
        return next((j + 1 for j, q in enumerate(listed) if q is p), k + 1)

    labels = ["(" + ", ".join(k) + ")" for k, _ in items] + [prediction_caption(p, number(p, k))
                                                             for k, (p, _) in enumerate(preds)]
    shares = [s for _, s in items] + [s for _, s in preds]
    fig = _figure(9, 0.4 * len(labels) + 1.8)
    ax = fig.add_subplot()
    y = np.arange(len(labels))
    vals = np.array([s.share for s in shares])
    lo = vals - np.array([s.interval[0] for s in shares])
    hi = np.array([s.interval[1] for s in shares]) - vals
    colors = ["tab:blue"] * len(items) + ["tab:orange"] * len(preds)
    ax.barh(y, vals, xerr=[lo, hi], color=colors, capsize=2)
    for k, (v, sh) in enumerate(zip(vals, shares)):
        inside = sh.interval[1] > 0.85  # no room right of the bar: write the share inside it
        ax.text(sh.interval[0] - 0.01 if inside else sh.interval[1] + 0.01, k, f"{100 * v:.1f}%", va="center",
                ha="right" if inside else "left", fontsize=8, color="white" if inside else "k")
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    if preds:
        ax.axhline(len(items) - 0.5, color="grey", lw=0.8)
    ax.set_xlabel(f"share of {result.accepted} draws, with 95% Wilson intervals\n"
                  "blue: the profile is an equilibrium; orange: the prediction holds", fontsize=8)
    fig.suptitle(f"{result.game.title}\nhow often each outcome is an equilibrium", fontsize=9)
    return fig


def best_response_diagram(game: Game, equilibria: Sequence[Any] | None = None) -> Figure:
    """The best-response diagram of a numeric two-player game in which a player has two strategies.

    A 2x2 game gives the (p, q) square with both players' best-response correspondences (``p``,
    ``q``: the probabilities of each player's first strategy), exact at their jumps; a 2xN or Nx2
    game the other player's payoff lines against the mixer's probability, whose upper envelope is
    the best-response correspondence (:func:`gametheory.game_figure.draw_best_responses`).
    ``equilibria`` (default: all that :func:`gametheory.solve` finds) are marked and numbered from 1.
    """
    from ..game_figure import draw_best_responses

    if game.num_players != 2 or 2 not in game.shape or game.kind == "symbolic":
        raise UnsupportedGameError("a best-response diagram needs a numeric two-player game in which a player has "
                                   "two strategies (2x2, 2xN or Nx2)")
    if equilibria is None:
        from ..solvers.table import solve

        equilibria = solve(game).equilibria
    fig = _figure(6, 6) if game.shape == (2, 2) else _figure(7, 5)
    ax = fig.add_subplot()
    draw_best_responses(ax, game, equilibria)
    fig.suptitle(game.title or "best responses", fontsize=10)
    return fig


def tornado(margins: Iterable[Margin], space: Space, title: str = "margins of the prediction") -> Figure:
    """Bars from the default down/up to where the prediction fails; grey to the range's end if it never does."""
    rows = sorted(margins, key=lambda m: -min(float(m.down) if m.down is not None else np.inf,
                                               float(m.up) if m.up is not None else np.inf))
    fig = _figure(9, 0.4 * len(rows) + 2)
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
    ax.set_yticks(range(len(rows)), [space.label(m.parameter) for m in rows], fontsize=8)
    ax.set_xlabel("change from the default, as a share of the declared range\n"
                  "red: the prediction fails there (the number: the distance); grey: it holds to the range's end",
                  fontsize=8)
    import textwrap

    ax.set_title(textwrap.fill(title, 90), fontsize=9)
    return fig
