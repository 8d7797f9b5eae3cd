r"""Exact two-dimensional convex hulls and Pareto frontiers.

The convex hull of finitely many points of :math:`\mathbb{Q}^2` is computed
with Andrew's monotone chain (A. M. Andrew, "Another efficient algorithm for
convex hulls in two dimensions", *Inf. Proc. Letters* 9, 1979): sort the
points lexicographically, then build the lower and upper chains keeping only
strict left turns.  The only arithmetic is the cross product

.. math:: (b - a) \times (c - a) = (b_1 - a_1)(c_2 - a_2) - (b_2 - a_2)(c_1 - a_1),

so with :class:`fractions.Fraction` coordinates the hull is exact (SciPy's
Qhull is floating point).  The *strong Pareto frontier* of a convex polygon is
the chain of hull vertices from the one with the largest :math:`u_2` (ties:
largest :math:`u_1`) to the one with the largest :math:`u_1` (ties: largest
:math:`u_2`), running through the upper-right part of the boundary; along it
:math:`u_1` strictly increases and :math:`u_2` strictly decreases.

Hull functions return *indices* into the input so that callers keep track of
which outcome (label, share vector) spans each vertex.

>>> from fractions import Fraction as F
>>> pts = [(0, 0), (4, -2), (-1, 3), (3, 1), (1, 1)]
>>> convex_hull(pts)
[2, 0, 1, 3]
>>> pareto_chain([pts[k] for k in convex_hull(pts)])
[0, 3, 2]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TypeAlias

from ..exact import integer_scaled

__all__ = ["cross", "convex_hull", "pareto_chain", "polygon_contains", "decompose", "segment_weight"]

#: A coordinate: exact (int or Fraction) or float.
_Coord: TypeAlias = Fraction | float
#: A point of the plane.
_Pt: TypeAlias = Sequence[_Coord]


def _abs(x: _Coord) -> _Coord:
    """``abs(x)``, narrowed per type (mypy types the builtin on a Fraction-or-float union as ``object``)."""
    return abs(x) if isinstance(x, Fraction) else abs(x)


def cross(o: _Pt, a: _Pt, b: _Pt) -> _Coord:
    """``(a - o) x (b - o)``: positive for a left (counter-clockwise) turn."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[_Pt]) -> list[int]:
    """Indices of the hull vertices of ``points``, counter-clockwise, no collinear vertices.

    Starts at the lexicographically smallest point.  Duplicate points keep the
    first index.  A set of collinear points yields its two end points; a single
    point yields one index.
    """
    pts = _integer_coordinates(points)
    order = sorted(range(len(pts)), key=lambda k: (pts[k][0], pts[k][1], k))
    uniq: list[int] = []
    for k in order:
        if not uniq or tuple(pts[k]) != tuple(pts[uniq[-1]]):
            uniq.append(k)
    if len(uniq) <= 2:
        return uniq

    def chain(seq: Iterable[int]) -> list[int]:
        out: list[int] = []
        for k in seq:
            while len(out) >= 2 and cross(pts[out[-2]], pts[out[-1]], pts[k]) <= 0:
                out.pop()
            out.append(k)
        return out

    lower = chain(uniq)
    upper = chain(reversed(uniq))
    hull = lower[:-1] + upper[:-1]
    return hull if len(hull) >= 2 else uniq[:1]


def _integer_coordinates(points: Sequence[_Pt]) -> Sequence[_Pt]:
    """Rational points scaled per axis to Python ints (same hull, much faster than Fraction arithmetic)."""
    xs: list[Fraction | int] = []
    ys: list[Fraction | int] = []
    for x, y in points:
        if isinstance(x, bool) or isinstance(y, bool) or not isinstance(x, (int, Fraction)) \
                or not isinstance(y, (int, Fraction)):
            return points  # float coordinates: the hull is computed on them as they are
        xs.append(x)
        ys.append(y)
    return list(zip(integer_scaled(xs)[0], integer_scaled(ys)[0]))


def pareto_chain(vertices: Sequence[_Pt]) -> list[int]:
    """Indices (into ``vertices``, a counter-clockwise hull) of the strong Pareto frontier, by increasing u1."""
    n = len(vertices)
    if n == 1:
        return [0]
    top = max(range(n), key=lambda k: (vertices[k][1], vertices[k][0]))
    right = max(range(n), key=lambda k: (vertices[k][0], vertices[k][1]))
    chain = [right]
    k = right
    while k != top:
        k = (k + 1) % n
        chain.append(k)
    return chain[::-1]


def polygon_contains(vertices: Sequence[_Pt], p: _Pt) -> bool:
    """True if ``p`` lies in the convex polygon (boundary included); exact for Fractions."""
    n = len(vertices)
    if n == 1:
        return tuple(vertices[0]) == tuple(p)
    if n == 2:
        return segment_weight(vertices[0], vertices[1], p) is not None
    return all(cross(vertices[k], vertices[(k + 1) % n], p) >= 0 for k in range(n))


def segment_weight(a: _Pt, b: _Pt, p: _Pt, tol: _Coord = 0) -> _Coord | None:
    """``t`` in [0, 1] with ``p = (1 - t) a + t b``, or None if ``p`` is not on the segment.

    ``tol`` (0 for exact points) bounds the cross product and the overshoot of ``t``.
    """
    if _abs(cross(a, b, p)) > tol:
        return None
    axis = 0 if _abs(a[0] - b[0]) >= _abs(a[1] - b[1]) else 1
    if a[axis] == b[axis]:
        return 0 if all(_abs(x - y) <= tol for x, y in zip(a, p)) else None
    t = (p[axis] - a[axis]) / (b[axis] - a[axis])
    if -tol <= t <= 1 + tol:
        return min(max(t, 0), 1)
    return None


def decompose(vertices: Sequence[_Pt], p: _Pt) -> dict[int, _Coord]:
    """Convex weights ``{vertex index: weight}`` (at most 3 vertices) expressing ``p``.

    An edge point uses the edge's two vertices; an interior point uses a
    triangle of the fan from vertex 0.  Float coordinates are matched with a
    tolerance scaled to the coordinates.  Raises ValueError if ``p`` is outside.
    """
    n = len(vertices)
    floats = any(isinstance(x, float) for v in list(vertices) + [p] for x in v)
    scale = max([1.0] + [abs(float(x)) for v in vertices for x in v]) if floats else 1
    tol = 1e-9 * scale * scale if floats else 0
    for k in range(n):
        a, b = vertices[k], vertices[(k + 1) % n]
        t = segment_weight(a, b, p, tol)
        if t is not None:
            return _clean({k: 1 - t, (k + 1) % n: t})
    for k in range(1, n - 1):
        a, b, c = vertices[0], vertices[k], vertices[k + 1]
        area = cross(a, b, c)
        wa = cross(p, b, c) / area
        wb = cross(a, p, c) / area
        wc = 1 - wa - wb
        if min(wa, wb, wc) >= -tol / scale:
            return _clean({0: wa, k: wb, k + 1: wc})
    raise ValueError(f"point {p} is outside the polygon")


def _clean(weights: dict[int, _Coord]) -> dict[int, _Coord]:
    return {k: w for k, w in weights.items() if w != 0} or {next(iter(weights)): 1}
