r"""Two-player bargaining problems: a convex feasible set and a disagreement point.

A bargaining problem (Nash 1950, "The bargaining problem", *Econometrica* 18)
is a pair :math:`(S, d)`: a compact convex set :math:`S \subset \mathbb{R}^2`
of utility pairs the players can agree on and the pair :math:`d` they get if
they do not agree.  The feasible set comes from

* finitely many outcomes and the lotteries over them: :math:`S` is the convex
  hull of their utility pairs (:meth:`BargainingProblem.from_outcomes`);
* a game: the convex hull of its pure payoff profiles, i.e. every correlated
  agreement on what to play (:meth:`BargainingProblem.from_game`);
* divisible issues with linear utilities: shares :math:`s \in [0,1]^K` and
  :math:`u_i(s) = \sum_k v_{ik} s_k`, whose image of the cube is a zonotope
  spanned by the images of the cube's vertices (:meth:`BargainingProblem.from_issues`);
* a concave frontier function (:meth:`BargainingProblem.from_frontier`).

The first three are polygons; with rational data the hull
(:mod:`gametheory.bargaining.hull`) and everything built on it is exact.  The
problem is valid when :math:`d \in S` (or, with ``free_disposal``, when some
point of :math:`S` weakly dominates :math:`d`) and some point of :math:`S`
strictly dominates :math:`d`; otherwise :class:`~gametheory.errors.InputError`.

>>> p = BargainingProblem.from_issues(
...     {"MD abandonment": {"Russia": 4, "US": -2}, "CFE compliance": {"Russia": -1, "US": 3}},
...     players=("Russia", "US"))
>>> p.disagreement
(Fraction(0, 1), Fraction(0, 1))
>>> [tuple(map(str, v)) for v in p.frontier.points]
[('-1', '3'), ('3', '1'), ('4', '-2')]
>>> p.agreement((Fraction(5, 2), Fraction(5, 4)))
{'MD abandonment': Fraction(7, 8), 'CFE compliance': Fraction(1, 1)}
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

from ..errors import InputError
from ..numbers import entry_kind, format_number, to_exact, to_float
from .frontier import Frontier, FunctionFrontier, Number, Point, PolylineFrontier, format_point
from .hull import convex_hull, decompose, pareto_chain, polygon_contains

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["BargainingProblem", "coerce_point"]

#: Where a problem's feasible set comes from.
ProblemKind: TypeAlias = Literal["outcomes", "game", "issues", "frontier"]
#: The agreement spanning a hull vertex: an outcome label, a profile ``{player: strategy}``
#: or shares ``{issue: share}``.
Span: TypeAlias = str | Mapping[str, str] | Mapping[str, Number]
#: An agreement: a lottery ``{outcome: probability}`` or shares ``{issue: share}``.
Agreement: TypeAlias = dict[str, Number]


def coerce_point(values: Iterable[object], exact: bool, field: str) -> Point:
    """A pair of numbers as Fractions (``exact``) or floats."""
    pair = tuple(values)
    if len(pair) != 2:
        raise InputError(f"expected two utilities (one per player), got {len(pair)}", field=field)
    conv = to_exact if exact else to_float
    return (conv(pair[0], field=field), conv(pair[1], field=field))


def _all_exact(values: Iterable[object]) -> bool:
    return all(entry_kind(v) == "exact" for v in values)


@dataclass(frozen=True)
class BargainingProblem:
    """An immutable two-player bargaining problem.

    Build one with the ``from_*`` constructors.

    Attributes
    ----------
    players : tuple of two str
    frontier : PolylineFrontier or FunctionFrontier
        The strong Pareto frontier of the feasible set.
    disagreement : tuple
        The disagreement point ``d``.
    polygon : tuple of points or None
        Hull vertices (counter-clockwise) of a polygonal feasible set.
    spans : tuple or None
        For each hull vertex, the agreement spanning it: an outcome label,
        a profile ``{player: strategy}`` (games) or ``{issue: share}`` (issues).
    kind : str
        'outcomes', 'game', 'issues' or 'frontier'.
    free_disposal : bool
        Allow ``d`` below the feasible set (utility can be thrown away).
    disagreement_source : str
        How ``d`` was obtained ('given', 'status-quo', 'nash', 'maximin', 'threat').
    notes : tuple of str
        Facts found while building the problem (e.g. the threat strategies).
    """

    players: tuple[str, ...]  # two names
    frontier: Frontier
    disagreement: Point
    polygon: tuple[Point, ...] | None = None
    spans: tuple[Span, ...] | None = None
    kind: ProblemKind = "outcomes"
    free_disposal: bool = False
    disagreement_source: str = "given"
    notes: tuple[str, ...] = ()
    title: str = ""

    def __post_init__(self) -> None:
        players = tuple(self.players)
        if len(players) != 2 or len(set(players)) != 2 or not all(isinstance(p, str) and p for p in players):
            raise InputError(f"a bargaining problem needs two distinct player names, got {list(players)}",
                             field="players")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "notes", tuple(self.notes))
        d = coerce_point(self.disagreement, self.exact, "disagreement")
        object.__setattr__(self, "disagreement", d)
        self._validate_disagreement()

    # -------------------------------------------------------------- constructors
    @classmethod
    def from_polygon_points(cls, points: Iterable[Iterable[object]], spans: Sequence[Span], players: Sequence[str],
                            disagreement: Iterable[object], kind: ProblemKind, **kw: Any) -> BargainingProblem:
        """Feasible set = convex hull of ``points``; ``spans[k]`` is the agreement giving ``points[k]``."""
        given = [tuple(p) for p in points]
        if not given:
            raise InputError("the feasible set is empty: give at least one outcome", field="outcomes")
        exact = _all_exact([x for p in given for x in p])
        pts = [coerce_point(p, exact, "outcomes") for p in given]
        idx = convex_hull(pts)
        polygon = tuple(pts[k] for k in idx)
        chain = pareto_chain(polygon)
        frontier = PolylineFrontier(tuple(polygon[k] for k in chain))
        d = coerce_point(disagreement, frontier.exact, "disagreement")
        return cls(tuple(players), frontier, d, polygon, tuple(spans[k] for k in idx), kind, **kw)

    @classmethod
    def from_outcomes(cls, outcomes: Mapping[str, Sequence[object]], disagreement: str | Sequence[object],
                      players: Sequence[str] = ("Player 1", "Player 2"), **kw: Any) -> BargainingProblem:
        """Lotteries over named outcomes ``{label: (u1, u2)}``; ``disagreement`` a label or a point.

        >>> p = BargainingProblem.from_outcomes({"A": (0, 1), "B": (1, 0), "none": (0, 0)}, "none")
        >>> sorted(p.agreement((Fraction(1, 2), Fraction(1, 2))).items())
        [('A', Fraction(1, 2)), ('B', Fraction(1, 2))]
        """
        table = dict(outcomes)
        if not table:
            raise InputError("the feasible set is empty: give at least one outcome", field="outcomes")
        if isinstance(disagreement, str):
            if disagreement not in table:
                raise InputError(f"unknown disagreement outcome {disagreement!r}; outcomes are {list(table)}",
                                 field="disagreement")
            kw.setdefault("disagreement_source", "status-quo")
            disagreement = table[disagreement]
        return cls.from_polygon_points(list(table.values()), list(table), players, disagreement, "outcomes", **kw)

    @classmethod
    def from_game(cls, game: Game, disagreement: str | Mapping[str, str] | Sequence[object] = "nash",
                  **kw: Any) -> BargainingProblem:
        """Agreements on what to play in a two-player ``game`` (any lottery over its pure profiles).

        ``disagreement``: 'nash', 'maximin', 'threat', a pure profile
        ``{player: label}`` (the status quo), or a point.
        """
        from .disagreement import resolve_disagreement

        if game.num_players != 2:
            raise InputError(f"bargaining needs a two-player game, this one has {game.num_players}", field="game")
        game.require_numeric("a bargaining problem")
        profiles = list(game.pure_profiles())
        points = [tuple(game.payoff(pr)[p] for p in game.players) for pr in profiles]
        # a point strictly below the whole set, only to hold the frontier while the real d is computed
        low = (min(p[0] for p in points) - 1, min(p[1] for p in points) - 1)
        base = cls.from_polygon_points(points, profiles, game.players, low, "game", free_disposal=True)
        d, source, notes = resolve_disagreement(game, base, disagreement)
        kw.setdefault("disagreement_source", source)
        kw["notes"] = tuple(kw.get("notes", ())) + tuple(notes)
        return cls.from_polygon_points(points, profiles, game.players, d, "game", title=game.title, **kw)

    @classmethod
    def from_issues(cls, issues: Mapping[str, Mapping[str, object]], players: Sequence[str] = ("Player 1", "Player 2"),
                    status_quo: Mapping[str, object] | None = None, disagreement: Sequence[object] | None = None,
                    **kw: Any) -> BargainingProblem:
        """Divisible issues: ``{issue: {player: value of the whole issue}}``; each share is in [0, 1].

        ``status_quo`` gives the shares when talks fail (default all 0);
        ``disagreement`` overrides it with a utility point.
        """
        table = {str(k): dict(v) for k, v in dict(issues).items()}
        if not table:
            raise InputError("the feasible set is empty: give at least one issue", field="issues")
        pair = tuple(players)
        for name, vals in table.items():
            if set(vals) != set(pair):
                raise InputError(f"issue {name!r} must give a value for each of {list(pair)}, got {list(vals)}",
                                 field=f"issues.{name}")
        exact = _all_exact([v for vals in table.values() for v in vals.values()])
        conv = to_exact if exact else to_float
        V = {name: tuple(conv(vals[p], field=f"issues.{name}.{p}") for p in pair) for name, vals in table.items()}
        names = list(V)
        if len(names) > 16:
            raise InputError(f"at most 16 issues are supported, got {len(names)}", field="issues")

        def util(shares: Mapping[str, Number]) -> Point:
            zero: Number = Fraction(0) if exact else 0.0
            u1, u2 = (sum((V[n][i] * shares[n] for n in names), zero) for i in range(2))
            return (u1, u2)

        corners: list[Mapping[str, Number]] = []
        for bits in itertools.product((0, 1), repeat=len(names)):
            corners.append({n: Fraction(b) if exact else float(b) for n, b in zip(names, bits)})
        if disagreement is None:
            sq: dict[str, Number] = {n: 0 for n in names}
            for n, given in dict(status_quo or {}).items():
                if n not in V:
                    raise InputError(f"unknown issue {n!r} in the status quo; issues are {names}", field="status_quo")
                s = conv(given, field=f"status_quo.{n}")
                if not 0 <= s <= 1:
                    raise InputError(f"a share must lie in [0, 1], got {format_number(s)}", field=f"status_quo.{n}")
                sq[n] = s
            disagreement = util(sq)
            kw.setdefault("disagreement_source", "status-quo")
        return cls.from_polygon_points([util(c) for c in corners], corners, pair, disagreement, "issues", **kw)

    @classmethod
    def from_frontier(cls, func: Callable[[float], float], lo: float, hi: float, disagreement: Sequence[object],
                      players: Sequence[str] = ("Player 1", "Player 2"), **kw: Any) -> BargainingProblem:
        """The set below a concave, strictly decreasing frontier ``u2 = func(u1)``, ``u1`` in ``[lo, hi]`` (numeric).

        The set is comprehensive (free disposal).
        """
        kw["free_disposal"] = True
        return cls(tuple(players), FunctionFrontier(func, lo, hi), coerce_point(disagreement, False, "disagreement"),
                   kind="frontier", **kw)

    # -------------------------------------------------------------- properties
    @property
    def exact(self) -> bool:
        return bool(self.frontier.exact)

    @property
    def rational_frontier(self) -> Frontier:
        """The frontier clipped to the individually rational region ``u >= d``."""
        f = self.frontier.clip(self.disagreement)
        # never empty: __post_init__ checked that some agreement gives both players more than d
        assert f is not None
        return f

    def ideal_point(self) -> Point:
        """Each player's best individually rational utility (the Kalai-Smorodinsky utopia point)."""
        f = self.rational_frontier
        return (f.points[-1][0], f.points[0][1])

    def contains(self, point: Iterable[object]) -> bool:
        """True if ``point`` is feasible (with free disposal: weakly dominated by a feasible point)."""
        p = coerce_point(point, self.exact, "point")
        if self.polygon is not None and not self.free_disposal:
            return polygon_contains(self.polygon, p)
        env = self.frontier.envelope(p[0])
        return env is not None and p[1] <= env

    def is_pareto_efficient(self, point: Sequence[Number], tol: Number = 0) -> bool:
        """True if ``point`` lies on the strong Pareto frontier (within ``tol`` in u2)."""
        f = self.frontier
        if not (f.lo - tol <= point[0] <= f.hi + tol):
            return False
        u1 = min(max(point[0], f.lo), f.hi)
        gap = f.value(u1) - point[1]
        return -tol <= gap <= tol

    def agreement(self, point: Sequence[Number]) -> Agreement | None:
        """The agreement yielding ``point``: a lottery ``{outcome: p}`` or ``{issue: share}``; None for frontiers."""
        if self.polygon is None or self.spans is None:
            return None
        weights = decompose(self.polygon, point)
        if self.kind == "issues":
            shares = cast("tuple[Mapping[str, Number], ...]", self.spans)  # an issues problem's spans are shares
            return {n: sum(w * shares[k][n] for k, w in weights.items()) for n in shares[0]}
        out: Agreement = {}
        for k, w in weights.items():
            span = self.spans[k]  # an outcome's label, or a profile {player: strategy}
            key = span if isinstance(span, str) else " / ".join(str(s) for s in span.values())
            out[key] = out.get(key, 0) + w
        return out

    def with_disagreement(self, point: Sequence[object], source: str = "given") -> BargainingProblem:
        """The same feasible set with another disagreement point."""
        return replace(self, disagreement=coerce_point(point, self.exact, "disagreement"), disagreement_source=source,
                       notes=())

    # -------------------------------------------------------------- validation
    def _validate_disagreement(self) -> None:
        d = self.disagreement
        env = self.frontier.envelope(d[0])
        if env is None or env < d[1]:
            raise InputError(
                f"the disagreement point {format_point(d)} Pareto-dominates every feasible agreement: "
                f"no agreement gives both players at least that much", field="disagreement")
        if self.polygon is not None and not self.free_disposal and not polygon_contains(self.polygon, d):
            raise InputError(
                f"the disagreement point {format_point(d)} lies outside the feasible set "
                f"(hull {', '.join(map(format_point, self.polygon))}); give a feasible point, or allow free disposal",
                field="disagreement")
        if not (d[0] < self.frontier.hi and env > d[1]):
            raise InputError(
                f"the disagreement point {format_point(d)} is Pareto efficient: no agreement gives both players more, "
                "so there is nothing to bargain over", field="disagreement")
