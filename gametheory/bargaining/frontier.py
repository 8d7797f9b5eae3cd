r"""Pareto frontiers of two-player bargaining sets, and the searches every solution needs.

A frontier is the graph of a continuous, strictly decreasing, concave function
:math:`u_2 = f(u_1)` on :math:`[a, b]`.  Two kinds share one interface:

* :class:`PolylineFrontier`: the strong Pareto frontier of a convex polygon, a
  chain of vertices.  Every search is exact in :class:`fractions.Fraction`
  arithmetic because on each edge :math:`h u_1 + u_2 = c` the problems have
  closed forms: the weighted Nash product :math:`(u_1-d_1)^{\alpha}(u_2-d_2)^{\beta}`
  is maximised on the edge's line at
  :math:`u_1 = d_1 + \frac{\alpha}{\alpha+\beta}\,\frac{c - d_2 - h d_1}{h}`,
  and since the log Nash product is concave along a concave frontier the first
  edge whose critical point is not beyond its right end holds the maximum
  (clamped to the edge's left end).
* :class:`FunctionFrontier`: a user-given concave frontier; searches are
  numeric (SciPy's bounded Brent minimisation and ``brentq``).

The searches are: the weighted Nash point, the last point of a ray from the
disagreement point that is still weakly dominated by the frontier
(Kalai-Smorodinsky and egalitarian solutions), the maximiser of a positive
linear form (utilitarian), the frontier clipped to the individually rational
region, and the root of a function that is piecewise linear between known
break points (Rubinstein's indifference equations).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import SupportsFloat, TypeAlias

from ..errors import InputError
from ..numbers import format_number

__all__ = ["PolylineFrontier", "FunctionFrontier", "format_point"]

#: A utility: an exact Fraction, or a float in numeric problems.
Number: TypeAlias = Fraction | float
#: A utility pair ``(u_1, u_2)``.
Point: TypeAlias = tuple[Number, Number]


def format_point(p: Iterable[object]) -> str:
    """A utility pair for people, as :func:`gametheory.numbers.format_number` writes numbers.

    >>> from fractions import Fraction
    >>> format_point((Fraction(5, 2), 0.125))
    '(5/2, 0.125)'
    """
    return "(" + ", ".join(format_number(x) for x in p) + ")"


def _lerp(p: Point, q: Point, s: Number) -> Point:
    return (p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))


@dataclass(frozen=True)
class PolylineFrontier:
    """A strong Pareto frontier given by its vertices (u1 increasing, u2 decreasing).

    Parameters
    ----------
    points : tuple of (u1, u2)
        At least one point; consecutive points strictly decrease in u2 and
        increase in u1.

    Examples
    --------
    >>> f = PolylineFrontier(((-1, 3), (3, 1), (4, -2)))
    >>> f.value(1), f.inverse(-2)
    (Fraction(2, 1), Fraction(4, 1))
    >>> f.nash((0, 0))
    (Fraction(5, 2), Fraction(5, 4))
    """

    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        pts = tuple((_num(p[0]), _num(p[1])) for p in self.points)
        if not pts:
            raise InputError("a frontier needs at least one point", field="frontier")
        for p, q in zip(pts, pts[1:]):
            if not (q[0] > p[0] and q[1] < p[1]):
                raise InputError(f"frontier points must increase in u1 and decrease in u2, got {p} then {q}",
                                 field="frontier")
        object.__setattr__(self, "points", pts)

    # -------------------------------------------------------------- geometry
    @property
    def exact(self) -> bool:
        return all(isinstance(x, Fraction) for p in self.points for x in p)

    @property
    def lo(self) -> Number:
        return self.points[0][0]

    @property
    def hi(self) -> Number:
        return self.points[-1][0]

    @property
    def breakpoints(self) -> tuple[Number, ...]:
        """The u1 coordinates of the vertices."""
        return tuple(p[0] for p in self.points)

    def value(self, u1: Number) -> Number:
        """``f(u1)`` for ``u1`` in ``[lo, hi]``."""
        pts = self.points
        if not (pts[0][0] <= u1 <= pts[-1][0]):
            raise ValueError(f"u1 = {u1} outside the frontier's range [{pts[0][0]}, {pts[-1][0]}]")
        for p, q in zip(pts, pts[1:]):
            if u1 <= q[0]:
                return _lerp(p, q, (u1 - p[0]) / (q[0] - p[0]))[1]
        return pts[-1][1]

    def inverse(self, u2: Number) -> Number:
        """``f^{-1}(u2)`` for ``u2`` between the end points' u2."""
        return self.swap().value(u2)

    def envelope(self, t: Number) -> Number | None:
        """``max {u2 : (u1, u2) on or below the frontier, u1 >= t}``; None beyond the right end."""
        if t > self.hi:
            return None
        return self.points[0][1] if t <= self.lo else self.value(t)

    def swap(self) -> PolylineFrontier:
        """The same frontier with the players' coordinates exchanged."""
        return PolylineFrontier(tuple((p[1], p[0]) for p in reversed(self.points)))

    def clip(self, d: Point) -> PolylineFrontier | None:
        """The part of the frontier with ``u >= d``, or None if it is empty."""
        pts = _cut_left(self.points, d[0])
        if pts is None:
            return None
        swapped = _cut_left([(p[1], p[0]) for p in reversed(pts)], d[1])
        if swapped is None:
            return None
        return PolylineFrontier(tuple((p[1], p[0]) for p in reversed(swapped)))

    # -------------------------------------------------------------- searches
    def nash(self, d: Point, weights: tuple[Number, Number] = (1, 1)) -> Point:
        """The point maximising ``(u1-d1)^w1 (u2-d2)^w2`` on the frontier clipped to ``u >= d``."""
        a, b = weights
        pts = self.points
        for p, q in zip(pts, pts[1:]):
            h = (p[1] - q[1]) / (q[0] - p[0])
            c = h * p[0] + p[1]
            u1 = d[0] + a * (c - d[1] - h * d[0]) / ((a + b) * h)
            if u1 <= q[0]:
                u1 = max(u1, p[0])
                return (u1, c - h * u1)
        return pts[-1]

    def crossing(self, d: Point, direction: Point) -> tuple[Number, Point]:
        """Largest ``t`` with ``d + t*direction`` weakly below the frontier, and the frontier point there.

        Returns ``(t, point)``; ``point`` weakly dominates ``d + t*direction``
        and equals it unless the ray leaves through a weakly efficient edge.
        """
        def gap(p: Point) -> Number:
            return (p[0] - d[0]) / direction[0] - (p[1] - d[1]) / direction[1]

        pts = self.points
        if gap(pts[0]) >= 0:
            return (pts[0][1] - d[1]) / direction[1], pts[0]
        for p, q in zip(pts, pts[1:]):
            gp, gq = gap(p), gap(q)
            if gq >= 0:
                pt = _lerp(p, q, gp / (gp - gq))
                return (pt[0] - d[0]) / direction[0], pt
        return (pts[-1][0] - d[0]) / direction[0], pts[-1]

    def max_linear(self, c: Point) -> tuple[Point, tuple[Point, ...]]:
        """``(best point, all vertices attaining the maximum of c . u)``."""
        vals = [c[0] * p[0] + c[1] * p[1] for p in self.points]
        best = max(vals)
        ties = tuple(p for p, v in zip(self.points, vals) if v == best)
        return ties[0], ties

    def root(self, g: Callable[[Number], Number], lo: Number, hi: Number, breaks: Iterable[Number] = ()) -> Number:
        """Root in ``[lo, hi]`` of ``g``, which is linear between ``breaks`` and the vertices.

        ``g(lo) >= 0 >= g(hi)`` is assumed; exact for Fractions.
        """
        xs = sorted({lo, hi} | {x for x in tuple(self.breakpoints) + tuple(breaks) if lo < x < hi})
        gs = [g(x) for x in xs]
        for (x0, g0), (x1, g1) in zip(zip(xs, gs), zip(xs[1:], gs[1:])):
            if g0 == 0:
                return x0
            if (g0 > 0) != (g1 > 0) or g1 == 0:
                return x0 + (x1 - x0) * g0 / (g0 - g1)
        return xs[-1]


@dataclass(frozen=True)
class FunctionFrontier:
    """A concave, strictly decreasing frontier ``u2 = func(u1)`` on ``[lo, hi]`` (numeric).

    Parameters
    ----------
    func : callable
        float -> float.
    lo, hi : float
        Domain; ``lo < hi``.

    Examples
    --------
    >>> import math
    >>> f = FunctionFrontier(lambda u: math.sqrt(1 - u * u), 0.0, 1.0)
    >>> [round(v, 6) for v in f.nash((0, 0))]
    [0.707107, 0.707107]
    """

    func: Callable[[float], float]
    lo: float
    hi: float

    def __post_init__(self) -> None:
        lo, hi = float(self.lo), float(self.hi)
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise InputError(f"the frontier's domain must be finite with lo < hi, got [{lo}, {hi}]", field="frontier")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        ends = (self.value(lo), self.value(hi))
        if not ends[0] > ends[1]:
            raise InputError(f"the frontier must decrease: f({lo}) = {ends[0]} <= f({hi}) = {ends[1]}",
                             field="frontier")

    @property
    def exact(self) -> bool:
        return False

    @property
    def breakpoints(self) -> tuple[float, ...]:
        """None (an empty tuple): the frontier is not piecewise linear."""
        return ()

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """The two end points."""
        return ((self.lo, self.value(self.lo)), (self.hi, self.value(self.hi)))

    def value(self, u1: Number) -> float:
        v = float(self.func(float(u1)))
        if not math.isfinite(v):
            raise InputError(f"the frontier function returned {v} at u1 = {u1}", field="frontier")
        return v

    def inverse(self, u2: Number) -> float:
        from scipy.optimize import brentq

        if u2 >= self.value(self.lo):
            return self.lo
        if u2 <= self.value(self.hi):
            return self.hi
        return brentq(lambda u: self.value(u) - u2, self.lo, self.hi, xtol=1e-14, rtol=1e-14)

    def envelope(self, t: Number) -> float | None:
        if t > self.hi:
            return None
        return self.value(max(t, self.lo))

    def swap(self) -> FunctionFrontier:
        return FunctionFrontier(self.inverse, self.value(self.hi), self.value(self.lo))

    def clip(self, d: Point) -> FunctionFrontier | None:
        lo = max(self.lo, float(d[0]))
        if lo > self.hi or self.value(lo) < d[1]:
            return None
        hi = self.inverse(float(d[1])) if self.value(self.hi) < d[1] else self.hi
        if hi <= lo:
            return None
        return FunctionFrontier(self.func, lo, hi)

    def nash(self, d: Point, weights: tuple[Number, Number] = (1, 1)) -> tuple[float, float]:
        from scipy.optimize import minimize_scalar

        a, b = float(weights[0]), float(weights[1])
        d1, d2 = float(d[0]), float(d[1])

        def neg_log(u: float) -> float:
            g1, g2 = u - d1, self.value(u) - d2
            if g1 <= 0 or g2 <= 0:
                return math.inf
            return -(a * math.log(g1) + b * math.log(g2))

        res = minimize_scalar(neg_log, bounds=(self.lo, self.hi), method="bounded", options={"xatol": 1e-12})
        return (float(res.x), self.value(res.x))

    def crossing(self, d: Point, direction: Point) -> tuple[Number, Point]:
        from scipy.optimize import brentq

        def gap(u: float) -> Number:
            return (u - d[0]) / direction[0] - (self.value(u) - d[1]) / direction[1]

        if gap(self.lo) >= 0:
            p = (self.lo, self.value(self.lo))
            return (p[1] - d[1]) / direction[1], p
        if gap(self.hi) <= 0:
            p = (self.hi, self.value(self.hi))
            return (p[0] - d[0]) / direction[0], p
        u = brentq(gap, self.lo, self.hi, xtol=1e-14, rtol=1e-14)
        return (u - d[0]) / direction[0], (u, self.value(u))

    def max_linear(self, c: Point) -> tuple[Point, tuple[Point, ...]]:
        from scipy.optimize import minimize_scalar

        res = minimize_scalar(lambda u: -(c[0] * u + c[1] * self.value(u)), bounds=(self.lo, self.hi),
                              method="bounded", options={"xatol": 1e-12})
        cands = [(self.lo, self.value(self.lo)), (float(res.x), self.value(res.x)), (self.hi, self.value(self.hi))]
        best = max(cands, key=lambda p: c[0] * p[0] + c[1] * p[1])
        return best, (best,)

    def root(self, g: Callable[[Number], Number], lo: Number, hi: Number, breaks: Iterable[Number] = ()) -> float:
        from scipy.optimize import brentq

        a, b = float(lo), float(hi)
        if g(a) <= 0:
            return a
        if g(b) >= 0:
            return b
        return brentq(g, a, b, xtol=1e-14, rtol=1e-14)


#: Either kind of frontier: both answer the same questions.
Frontier: TypeAlias = PolylineFrontier | FunctionFrontier


def _num(x: SupportsFloat) -> Number:
    if isinstance(x, bool):
        raise InputError(f"expected a number, got {x!r}", field="frontier")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    return float(x)


def _cut_left(points: Sequence[Point], t: Number) -> list[Point] | None:
    """The polyline restricted to u1 >= t (None if empty)."""
    pts = list(points)
    if t <= pts[0][0]:
        return pts
    if t > pts[-1][0]:
        return None
    for k, (p, q) in enumerate(zip(pts, pts[1:])):
        if t <= q[0]:
            start = _lerp(p, q, (t - p[0]) / (q[0] - p[0]))
            return [start] + pts[k + 1:] if start != q else pts[k + 1:]
    return [pts[-1]]
