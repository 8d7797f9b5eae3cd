r"""The regions of a two-parameter map as exact polygons or as fine contours of the exact boundary curves.

A :class:`~.regions.RegionMap2D` holds the exact boundary curves
:math:`f_k(\theta_1, \theta_2) = 0` that cross the box.  Between the curves
the equilibrium set cannot change (:mod:`.regions`), so each *cell* of the
arrangement the curves cut out of the box has one signature, found by
solving the game at one interior point of the cell.

- When every curve is a line (:math:`a\theta_1 + b\theta_2 + c`, the usual
  case of payoffs linear in the parameters), the cells are convex polygons:
  the box is cut by one line after another (Sutherland-Hodgman clipping of a
  convex polygon by a half-plane), in exact rational arithmetic, so every
  vertex is an exact intersection of two boundaries or of a boundary and the
  box; the signature is the game's at the cell's vertex centroid.
- Otherwise a cell is the set where every :math:`f_k` has the sign it has at
  a point of the cell, :math:`g(\theta) = \min_k \sigma_k f_k(\theta) / \|f_k\| > 0`;
  it is drawn as the filled contour :math:`g > 0` of that exact function on a
  fine grid (marching squares interpolate along the curves: no staircase).

Equilibria on a boundary itself (a line or point where the set is larger) are
not regions of the picture; the boundaries are drawn as lines.

References
----------
I. E. Sutherland and G. W. Hodgman, "Reentrant polygon clipping",
*Communications of the ACM* 17 (1974) 32-42.
H. Edelsbrunner, *Algorithms in Combinatorial Geometry*, Springer (1987), ch. 7
(arrangements of lines: the cells of :math:`n` lines number :math:`O(n^2)`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import sympy
from numpy.typing import NDArray

from .numeric import evaluate, payoff_batch
from .outcomes import Signature, signatures

if TYPE_CHECKING:
    from ..game import Game
    from .regions import RegionMap2D

__all__ = ["RegionPolygon", "ContourCell", "region_polygons", "contour_cells", "linear_boundaries", "cell_signatures"]

Point = tuple[sympy.Rational, sympy.Rational]


@dataclass(frozen=True)
class RegionPolygon:
    """One cell of the arrangement of linear boundaries: an exact convex polygon and its signature.

    Attributes
    ----------
    vertices : tuple of (sympy.Rational, sympy.Rational)
        Counter-clockwise, exact; each on a boundary line or on the box's edge.
    signature : Signature
        The equilibrium supports inside the cell (at its vertex centroid).
    """

    vertices: tuple[Point, ...]
    signature: Signature

    @property
    def centroid(self) -> tuple[float, float]:
        """The vertex centroid (inside: the polygon is convex)."""
        n = len(self.vertices)
        return (float(sum(v[0] for v in self.vertices) / n), float(sum(v[1] for v in self.vertices) / n))

    @property
    def area(self) -> sympy.Rational:
        """Exact area (shoelace formula)."""
        vs = self.vertices
        return abs(sum(vs[k][0] * vs[k - 1][1] - vs[k - 1][0] * vs[k][1] for k in range(len(vs)))) / 2


def linear_boundaries(rmap: RegionMap2D) -> list[tuple[sympy.Rational, sympy.Rational, sympy.Rational]] | None:
    """``(a, b, c)`` with boundary ``a*x + b*y + c = 0`` for every curve of ``rmap``, or None if one is not a line.

    Lines with irrational coefficients are not exact polygons either: None.
    """
    X, Y = sympy.Symbol(rmap.x.name, real=True), sympy.Symbol(rmap.y.name, real=True)
    out = []
    for eq in rmap.boundaries:
        f = eq.lhs - eq.rhs
        f = f.xreplace({s: (X if s.name == rmap.x.name else Y) for s in f.free_symbols
                        if s.name in (rmap.x.name, rmap.y.name)})
        if f.free_symbols - {X, Y}:
            return None
        try:
            poly = sympy.Poly(sympy.expand(f), X, Y)
        except sympy.PolynomialError:
            return None
        if poly.total_degree() > 1:
            return None
        a, b, c = poly.coeff_monomial(X), poly.coeff_monomial(Y), poly.coeff_monomial(1)
        if not all(sympy.sympify(v).is_Rational for v in (a, b, c)):
            return None
        out.append((sympy.Rational(a), sympy.Rational(b), sympy.Rational(c)))
    return out


def _cut(poly: list[Point], line: tuple[sympy.Rational, sympy.Rational, sympy.Rational],
         side: int) -> list[Point]:
    """The part of the convex polygon ``poly`` where ``side * (a x + b y + c) >= 0`` (exact)."""
    a, b, c = line
    vals = [side * (a * x + b * y + c) for x, y in poly]
    out: list[Point] = []
    for k in range(len(poly)):
        p, q = poly[k], poly[(k + 1) % len(poly)]
        vp, vq = vals[k], vals[(k + 1) % len(poly)]
        if vp >= 0:
            out.append(p)
        if (vp > 0 > vq) or (vp < 0 < vq):
            t = vp / (vp - vq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    # drop repeated vertices (a cut through a vertex)
    clean: list[Point] = []
    for v in out:
        if not clean or v != clean[-1]:
            clean.append(v)
    if len(clean) > 1 and clean[0] == clean[-1]:
        clean.pop()
    return clean


def _area2(poly: Sequence[Point]) -> sympy.Rational:
    return sum((poly[k - 1][0] * poly[k][1] - poly[k][0] * poly[k - 1][1] for k in range(len(poly))),
               sympy.Integer(0))


def cell_signatures(game: Game, rmap: RegionMap2D, xs: NDArray[np.float64],
                    ys: NDArray[np.float64]) -> list[Signature]:
    """The game's signature at the points ``(xs[k], ys[k])``, the other parameters at ``rmap.fixed``."""
    values: dict[str, float | NDArray[np.float64]] = {k: float(v) for k, v in rmap.fixed.items()}
    values[rmap.x.name] = np.asarray(xs, dtype=float)
    values[rmap.y.name] = np.asarray(ys, dtype=float)
    from .batch import solve_batch

    return signatures(game, solve_batch(payoff_batch(game, values, len(xs))))


def region_polygons(game: Game, rmap: RegionMap2D) -> tuple[RegionPolygon, ...] | None:
    """The cells of the box cut by ``rmap``'s boundary lines, as exact polygons with their signatures.

    None when a boundary is not a line with rational coefficients (draw contours instead) or the
    box is degenerate.  Neighbouring cells may have the same signature (a boundary that separates
    other cells only); they are kept apart, and share an edge.

    Examples
    --------
    The matching-pennies-like game whose pure equilibrium moves at ``x = 1/2``:

    >>> from gametheory import Game
    >>> from gametheory.assumptions.space import Vary
    >>> from gametheory.assumptions.regions import regions_2d
    >>> from gametheory.assumptions.space import Space
    >>> x, y = sympy.symbols("x y", real=True)
    >>> g = Game.from_bimatrix([[2 * x - 1, 0], [0, y]], [[1, 0], [0, 1]])
    >>> sp = Space(("x", "y"), {"x": 1, "y": 1}, {"x": (0, 1), "y": (-1, 1)})
    >>> rm = regions_2d(g, sp, Vary("x", 0, 1, 11), Vary("y", -1, 1, 11))
    >>> [[(str(a), str(b)) for a, b in c.vertices] for c in region_polygons(g, rm)]  # doctest: +NORMALIZE_WHITESPACE
    [[('0', '-1'), ('1/2', '-1'), ('1/2', '0'), ('0', '0')], [('0', '0'), ('1/2', '0'), ('1/2', '1'), ('0', '1')],
     [('1/2', '-1'), ('1', '-1'), ('1', '0'), ('1/2', '0')], [('1/2', '0'), ('1', '0'), ('1', '1'), ('1/2', '1')]]
    """
    lines = linear_boundaries(rmap)
    x0, x1 = sympy.Rational(rmap.x.lo), sympy.Rational(rmap.x.hi)
    y0, y1 = sympy.Rational(rmap.y.lo), sympy.Rational(rmap.y.hi)
    if lines is None or x0 >= x1 or y0 >= y1:
        return None
    cells: list[list[Point]] = [[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]
    for line in lines:
        nxt: list[list[Point]] = []
        for poly in cells:
            for side in (1, -1):
                part = _cut(poly, line, side)
                if len(part) >= 3 and _area2(part) != 0:
                    nxt.append(part)
        cells = nxt
    cells = [_start_low(c) for c in cells]
    cells.sort(key=lambda c: (float(c[0][0]), float(c[0][1])))
    cx = np.array([float(sum(v[0] for v in c) / len(c)) for c in cells])
    cy = np.array([float(sum(v[1] for v in c) / len(c)) for c in cells])
    sigs = cell_signatures(game, rmap, cx, cy)
    return tuple(RegionPolygon(tuple(c), s) for c, s in zip(cells, sigs))


def _start_low(poly: list[Point]) -> list[Point]:
    """Counter-clockwise, starting at the lowest-left vertex (a canonical order for tests and pictures)."""
    if _area2(poly) < 0:
        poly = poly[::-1]
    k = min(range(len(poly)), key=lambda i: (poly[i][0], poly[i][1]))
    return poly[k:] + poly[:k]


@dataclass(frozen=True)
class ContourCell:
    """A cell of a nonlinear arrangement: the set where ``g > 0`` on the grid ``(xs, ys)``."""

    xs: NDArray[np.float64]
    ys: NDArray[np.float64]
    g: NDArray[np.float64]  # (len(ys), len(xs))
    point: tuple[float, float]  # the grid point deepest inside (largest g)
    signature: Signature


def contour_cells(game: Game, rmap: RegionMap2D, num: int = 401) -> tuple[ContourCell, ...]:
    """The cells of the arrangement of ``rmap``'s curves on a ``num`` x ``num`` grid, each with its ``g``.

    Every curve's expression is evaluated exactly (as floats) at the grid points; each sign
    vector met is one cell; the cell's signature is the game's at its deepest grid point.
    """
    xs = np.linspace(float(rmap.x.lo), float(rmap.x.hi), num)
    ys = np.linspace(float(rmap.y.lo), float(rmap.y.hi), num)
    XX, YY = np.meshgrid(xs, ys)
    pts: Mapping[str, NDArray[np.float64]] = {rmap.x.name: XX.reshape(-1), rmap.y.name: YY.reshape(-1)}
    fs = []
    for eq in rmap.boundaries:
        v = evaluate(eq.lhs - eq.rhs, pts, XX.size).reshape(XX.shape)
        fs.append(v / max(float(np.max(np.abs(v))), 1e-300))  # comparable scales for the min below
    if not fs:
        fs = [np.ones_like(XX)]
    F = np.stack(fs)
    S = np.sign(F).astype(np.int8)
    keys, inverse = np.unique(S.reshape(len(fs), -1).T, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    cells_g = []
    points = []
    # distance to the box's edge (as a share of its sides), so that a cell's point is inside, not on the edge
    edge = np.minimum(np.minimum(XX - xs[0], xs[-1] - XX) / max(xs[-1] - xs[0], 1e-300),
                      np.minimum(YY - ys[0], ys[-1] - YY) / max(ys[-1] - ys[0], 1e-300)).reshape(-1)
    for k, key in enumerate(keys):
        if np.any(key == 0):
            continue  # a point on a curve: not a cell
        g = np.min(key[:, None, None] * F, axis=0)
        flat = int(np.argmax(np.where(inverse == k, np.minimum(g.reshape(-1), edge), -np.inf)))
        cells_g.append(g)
        points.append((float(XX.reshape(-1)[flat]), float(YY.reshape(-1)[flat])))
    sigs = cell_signatures(game, rmap, np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    return tuple(ContourCell(xs, ys, g, p, s) for g, p, s in zip(cells_g, points, sigs))
