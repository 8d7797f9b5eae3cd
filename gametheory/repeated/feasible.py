r"""The feasible payoff set of a repeated game and its individually rational part.

Alternating (or publicly randomising) over pure profiles, the players of the
repeated game can reach, on average, every point of the **feasible set**

.. math:: F = \operatorname{conv}\{u(s) : s \in S\},

the convex hull of the pure payoff vectors.  Its **individually rational**
part :math:`F^* = \{v \in F : v_i \ge \underline v_i \text{ for all } i\}`
(:math:`\underline v_i` the minmax values, :mod:`gametheory.repeated.minmax`)
is, with strict inequalities, what the folk theorem sustains as subgame-perfect
payoffs when :math:`\delta` is close to 1 (Fudenberg and Maskin 1986; with two
players no dimension condition is needed).

* **Two players.**  :math:`F` is an exact convex polygon (Andrew's monotone
  chain, :func:`gametheory.bargaining.hull.convex_hull`, counter-clockwise).
  :math:`F^*` is :math:`F` clipped by the two half-planes
  :math:`u_i \ge \underline v_i` (the mixed minmax): its vertices are among
  the vertices of :math:`F` in the quadrant, the crossings of the edges of
  :math:`F` with the lines :math:`u_i = \underline v_i`, and the corner
  :math:`(\underline v_1, \underline v_2)` when it lies in :math:`F`; their
  hull is :math:`F^*`, in exact arithmetic for exact games.
* **Three or more players.**  The vertices reported are the *extreme* pure
  payoff vectors: a vector is dropped when an exact LP
  (:func:`gametheory.exact.exact_lp`) writes it as a convex combination of the
  others.  The facets of :math:`F` and of :math:`F^*` are not computed;
  :meth:`FeasibleSet.contains` and :meth:`FeasibleSet.is_individually_rational`
  test a point by the same LP, and individual rationality is taken with
  respect to the **pure** minmax (what pure punishments enforce; the
  correlated-punisher bound would give a larger set).

References
----------
D. Fudenberg and E. Maskin, "The folk theorem in repeated games with
discounting or with incomplete information", *Econometrica* 54 (1986) 533-554.

A. M. Andrew, "Another efficient algorithm for convex hulls in two
dimensions", *Information Processing Letters* 9 (1979) 216-219.

Examples
--------
The prisoner's dilemma: a quadrilateral, cut at the mutual-defection payoffs.

>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"],
...                         strategies=[["C", "D"], ["C", "D"]])
>>> fs = feasible_set(pd)
>>> [tuple(map(str, v)) for v in fs.vertices]
[('0', '5'), ('1', '1'), ('5', '0'), ('3', '3')]
>>> [tuple(map(str, v)) for v in fs.individually_rational]
[('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
>>> fs.contains((2, 2)), fs.is_individually_rational((1, 4)), fs.is_individually_rational((1/2, 4))
(True, True, False)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..bargaining.hull import convex_hull, decompose, polygon_contains
from ..cost import check_cost
from ..errors import InputError
from ..exact import exact_lp
from ..game import Game
from ..numbers import format_number, to_exact, to_float
from ..profile import default_tolerance
from ..result import json_number
from .minmax import MinmaxValues, Number, minmax_values

__all__ = ["FeasibleSet", "feasible_set"]

#: ``vertices_kind`` values.
POLYGON = "convex polygon, counter-clockwise"
EXTREME = "extreme pure payoff vectors"

Point = tuple[Number, ...]


@dataclass(frozen=True)
class FeasibleSet:
    """The convex hull of the pure payoff vectors and its individually rational part.

    Attributes
    ----------
    players : tuple of str
    exact : bool
        Coordinates are Fractions.
    outcomes : tuple
        ``(profile, payoffs)`` for every pure profile in the game's order:
        ``profile`` is ``{player: label}``, ``payoffs`` the payoff vector in
        player order.
    vertices : tuple of payoff vectors
        Two players: the vertices of the feasible polygon, counter-clockwise
        from the lexicographically smallest (one point, or the two ends of a
        segment, when the polygon is degenerate).  Three or more: the extreme
        pure payoff vectors (``vertices_kind`` says which).
    vertices_kind : str
    individually_rational : tuple of payoff vectors, or None
        Two players: the vertices of the feasible polygon clipped to
        :math:`u_i \\ge` ``minmax[i]``, counter-clockwise (empty when nothing
        is individually rational, which float rounding alone can cause).
        None with three or more players (see ``note``).
    minmax : mapping
        ``{player: value}``: the minmax values used for individual rationality.
    minmax_kind : str
        Which minmax that is: "mixed" (two players), "pure" (three or more, or
        when the mixed one was not computed).
    tolerance : float
        0 for exact games; the float tolerance used in comparisons otherwise.
    note : str
    """

    players: tuple[str, ...]
    exact: bool
    outcomes: tuple[tuple[Mapping[str, str], Point], ...]
    vertices: tuple[Point, ...]
    vertices_kind: str
    individually_rational: tuple[Point, ...] | None
    minmax: Mapping[str, Number]
    minmax_kind: str
    tolerance: float = 0.0
    note: str = ""

    # ------------------------------------------------------------------ queries
    def _point(self, point: Sequence[Any] | Mapping[str, Any]) -> Point:
        """``point`` (a vector in player order, or ``{player: value}``) as exact or float coordinates."""
        if isinstance(point, Mapping):
            missing = [p for p in self.players if p not in point]
            if missing or len(point) != len(self.players):
                raise InputError(f"a payoff point names every player once; players are {list(self.players)}",
                                 field="point")
            point = [point[p] for p in self.players]
        if len(point) != len(self.players):
            raise InputError(f"a payoff point has {len(self.players)} coordinates, got {len(point)}", field="point")
        conv = to_exact if self.exact else to_float
        return tuple(conv(x, field="point") for x in point)

    def contains(self, point: Sequence[Any] | Mapping[str, Any]) -> bool:
        """True if ``point`` is feasible (exact for exact games, within ``tolerance`` for float ones)."""
        return self._in_hull(self.vertices, self._point(point))

    def is_individually_rational(self, point: Sequence[Any] | Mapping[str, Any], strict: bool = False) -> bool:
        """True if ``point`` is feasible and gives every player at least (``strict``: more than) ``minmax``."""
        q = self._point(point)
        tol = self._tol()
        for x, p in zip(q, self.players):
            m = self.minmax[p]
            if (x <= m + tol) if strict else (x < m - tol):
                return False
        return self._in_hull(self.vertices, q)

    def profiles_at(self, point: Sequence[Any] | Mapping[str, Any]) -> tuple[Mapping[str, str], ...]:
        """The pure profiles whose payoff vector is ``point`` (within ``tolerance``)."""
        q = self._point(point)
        return tuple(prof for prof, u in self.outcomes if _close(u, q, self._tol()))

    def _tol(self) -> Number:
        """The comparison tolerance: the int 0 for exact sets (a float 0.0 would turn Fraction sums into floats)."""
        return self.tolerance if not self.exact else 0

    def _in_hull(self, vertices: Sequence[Point], q: Point) -> bool:
        if len(self.players) == 2:
            return _in_polygon(vertices, q, self.exact)
        return _convex_combination(vertices, q, self._tol())

    # ------------------------------------------------------------------ output
    def _vector_text(self, v: Point) -> str:
        return "(" + ", ".join(format_number(x) for x in v) + ")"

    def __str__(self) -> str:
        n = len(self.outcomes)
        lines = [f"Feasible set: the convex hull of the {n} pure payoff vectors "
                 f"(u_{', u_'.join(self.players)})."]
        if len(self.players) == 2:
            lines.append(f"  Vertices ({POLYGON}):")
        else:
            lines.append(f"  Its vertices, the {EXTREME}:")
        for v in self.vertices:
            profs = "; ".join(", ".join(f"{p}={lab}" for p, lab in prof.items()) for prof in self.profiles_at(v))
            lines.append(f"    {self._vector_text(v)}  from {profs}")
        bounds = ", ".join(f"u_{p} >= {format_number(self.minmax[p])}" for p in self.players)
        if self.individually_rational is None:
            lines.append(f"  Individually rational: feasible points with {bounds} ({self.minmax_kind} minmax); "
                         "tested point by point, its polytope is not computed.")
        elif not self.individually_rational:
            lines.append(f"  Individually rational part ({bounds}, the {self.minmax_kind} minmax): empty.")
        else:
            pts = ", ".join(self._vector_text(v) for v in self.individually_rational)
            lines.append(f"  Individually rational part ({bounds}, the {self.minmax_kind} minmax): {pts}")
        if self.note:
            lines.append(f"  Note: {self.note}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Strict JSON: payoff vectors as ``{player: number}``, exact numbers as strings."""
        def vec(v: Point) -> dict[str, str | float]:
            return {p: json_number(x, isinstance(x, Fraction)) for p, x in zip(self.players, v)}

        return {
            "players": list(self.players),
            "vertices": [vec(v) for v in self.vertices],
            "vertices_kind": POLYGON if len(self.players) == 2 else EXTREME,
            "individually_rational": None if self.individually_rational is None
            else [vec(v) for v in self.individually_rational],
            "minmax": vec(tuple(self.minmax[p] for p in self.players)),
            "minmax_kind": self.minmax_kind,
            "outcomes": [{"profile": dict(prof), "payoffs": vec(u)} for prof, u in self.outcomes],
            "note": self.note,
        }


def _in_polygon(vertices: Sequence[Point], q: Point, exact: bool) -> bool:
    """``q`` in the convex polygon ``vertices`` (counter-clockwise; a point or a segment when degenerate)."""
    if not vertices:
        return False
    if exact:
        return polygon_contains(vertices, q)
    try:
        decompose(vertices, q)  # float points: matched with a tolerance scaled to the coordinates
    except ValueError:
        return False
    return True


def _close(u: Point, v: Point, tol: Number) -> bool:
    return all(-tol <= a - b <= tol for a, b in zip(u, v))


def _convex_combination(vertices: Sequence[Point], q: Point, tol: Number = 0) -> bool:
    """Is ``q`` a convex combination of ``vertices``?  An exact LP feasibility problem.

    ``lambda >= 0``, ``sum lambda = 1`` and ``sum_k lambda_k v_k = q`` (each
    coordinate within ``tol``, as two inequalities, when ``tol > 0``).
    """
    if not vertices:
        return False
    rows = [[Fraction(v[d]) for v in vertices] for d in range(len(q))]
    target = [Fraction(x) for x in q]
    ones = [Fraction(1)] * len(vertices)
    if tol > 0:
        t = Fraction(tol)
        a_ub = rows + [[-a for a in r] for r in rows]
        b_ub = [x + t for x in target] + [t - x for x in target]
        sol = exact_lp([0] * len(vertices), A_ub=a_ub, b_ub=b_ub, A_eq=[ones], b_eq=[1])
    else:
        sol = exact_lp([0] * len(vertices), A_eq=rows + [ones], b_eq=target + [1])
    if sol.status == "pivot limit":
        raise ArithmeticError("internal error: the convex-combination LP hit its pivot limit")
    return sol.status == "optimal"


def _extreme_points(points: list[Point]) -> list[Point]:
    """The points (distinct) that are not convex combinations of the others, in their order (exact LPs)."""
    return [v for k, v in enumerate(points) if not _convex_combination(points[:k] + points[k + 1:], v)]


def _clip_quadrant(vertices: Sequence[Point], m: Point, tol: Number) -> tuple[Point, ...]:
    """The convex polygon ``vertices`` (counter-clockwise) intersected with ``{u : u_1 >= m_1, u_2 >= m_2}``.

    The intersection of two convex sets is convex; its vertices are among the
    polygon's vertices in the quadrant, the crossings of its edges with the
    two boundary lines, and the quadrant's corner if the polygon holds it.
    """
    def inside(u: Sequence[Number]) -> bool:
        return u[0] >= m[0] - tol and u[1] >= m[1] - tol

    cands: list[Point] = [v for v in vertices if inside(v)]
    n = len(vertices)
    edges = [(vertices[k], vertices[(k + 1) % n]) for k in range(n if n > 2 else n - 1)]
    for a, b in edges:
        for axis in (0, 1):
            lo, hi = sorted((a[axis], b[axis]))
            if a[axis] != b[axis] and lo < m[axis] < hi:
                t = (m[axis] - a[axis]) / (b[axis] - a[axis])
                cross = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
                cross[axis] = m[axis]  # exactly on the line, also in floats
                if inside(cross):
                    cands.append((cross[0], cross[1]))
    corner = (m[0], m[1])
    if _in_polygon(vertices, corner, exact=tol == 0):
        cands.append(corner)
    if tol:  # floats: a crossing within tol of a vertex or of the corner is that point (no sliver edges)
        kept: list[Point] = []
        for c in cands:
            if not any(_close(c, k, tol) for k in kept):
                kept.append(c)
        cands = kept
    if not cands:
        return ()
    return tuple(cands[k] for k in convex_hull(cands))


def feasible_set(game: Game, minmax: MinmaxValues | None = None, *, max_cost: float | None = None) -> FeasibleSet:
    """The feasible set of the repeated game of ``game`` and, for two players, its individually rational part.

    Parameters
    ----------
    game : Game
        A numeric stage game (exact or float).
    minmax : MinmaxValues, optional
        :func:`~gametheory.repeated.minmax.minmax_values` of ``game``, if already computed.
    max_cost : float, optional
        Limit on the estimated work (three or more players: one exact LP per
        distinct payoff vector); :class:`~gametheory.errors.CostLimitError` beyond it.

    Returns
    -------
    FeasibleSet

    Examples
    --------
    Matching pennies: the segment from (-1, 1) to (1, -1); only (0, 0) is individually rational.

    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]], strategies=[["H", "T"], ["H", "T"]])
    >>> fs = feasible_set(mp)
    >>> [tuple(map(str, v)) for v in fs.vertices], [tuple(map(str, v)) for v in fs.individually_rational]
    ([('-1', '1'), ('1', '-1')], [('0', '0')])
    """
    game.require_numeric("the feasible set")
    if minmax is None:
        minmax = minmax_values(game)
    if tuple(minmax.players) != tuple(game.players):
        raise InputError("the minmax values belong to another game (their players differ)", field="minmax")
    exact = game.kind == "exact"
    n_players = game.num_players
    outcomes = []
    pay = game.payoffs
    for idx in itertools.product(*(range(k) for k in game.shape)):  # the order of game.pure_profiles()
        prof = {p: game.strategies[i][k] for i, (p, k) in enumerate(zip(game.players, idx))}
        vec = tuple(x if exact else float(x) + 0.0 for x in pay[idx])
        outcomes.append((MappingProxyType(prof), vec))
    distinct: list[Point] = list(dict.fromkeys(u for _, u in outcomes))
    # exact comparisons must stay in Fractions: Fraction - 0.0 would be a float
    tol: Number = 0 if exact else default_tolerance(game)
    notes = []
    if n_players == 2:
        # one hull pass over the points: sorting dominates
        check_cost(len(outcomes) * max(1, len(outcomes).bit_length()), max_cost, "feasible set",
                   f"convex hull of {len(outcomes)} points")
        vertices = tuple(distinct[k] for k in convex_hull(distinct))
        mixed = [minmax.mixed[p] for p in game.players]
        kind = "mixed" if all(v is not None for v in mixed) else "pure"
        m_used: dict[str, Number] = {p: minmax.mixed_or_pure(p) if kind == "mixed" else minmax.pure[p]
                                     for p in game.players}
        if kind == "pure":
            notes.append("the mixed minmax was not computed; individual rationality uses the pure minmax")
        if exact and any(not isinstance(v, Fraction) for v in m_used.values()):
            notes.append("a mixed minmax is not exact (see the minmax note): the clipping is in floats")
        ir: tuple[Point, ...] | None = _clip_quadrant(vertices, tuple(m_used[p] for p in game.players), tol)
        vkind = POLYGON
    else:
        m = len(distinct)
        # about 2(N+1) pivots over (N+1) x m Fractions per LP; a Fraction operation is counted as 50
        # elementary steps (float tableau entries), which it costs here
        check_cost(100 * m * m * (n_players + 1) ** 2, max_cost, "feasible set",
                   f"{m} exact LPs of {n_players + 1} rows and {m} columns")
        vertices = tuple(_extreme_points(distinct))
        kind = "pure"
        m_used = dict(minmax.pure)
        ir = None
        vkind = EXTREME
        if n_players == 1:
            notes.append("one player: the feasible set is the interval between her smallest and largest payoffs")
        else:
            notes.append(f"{n_players} players: the vertices are the extreme pure payoff vectors; the individually "
                         "rational part (feasible points at or above the pure minmax) is tested point by point "
                         "(is_individually_rational), its polytope is not computed")
    return FeasibleSet(
        players=tuple(game.players), exact=exact, outcomes=tuple(outcomes), vertices=vertices,
        vertices_kind=vkind, individually_rational=ir, minmax=MappingProxyType(m_used), minmax_kind=kind,
        tolerance=float(tol), note="; ".join(notes),
    )
