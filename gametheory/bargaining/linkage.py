r"""Issue linkage: when does bundling issues into one package create a bargain?

Each issue :math:`k` is divisible, settled by a share :math:`s_k \in [0, 1]`
(0 = the status quo), and player :math:`i` values the whole issue at
:math:`v_{ik}`; a package gives :math:`u_i(s) = b_i + \sum_k v_{ik} s_k`, where
:math:`b_i` is a bonus any agreement brings (e.g. the Kosovo "modus operandi"
spill-over :math:`g`).  No deal gives 0.

* An issue **alone** offers mutual gains iff both values are positive; if one is
  negative it is a one-sided gift nobody gives (the CFE and MD issues).
* **Linked**, the package set :math:`\{s : u(s) \ge 0\}` can hold strictly
  mutually beneficial deals although no single issue does: with two issues of
  opposite signs, :math:`u_R = a x - c y`, :math:`u_{US} = e y - m x`
  (:math:`a, c, e, m > 0`), a deal with both utilities positive exists iff
  :math:`c\,m < a\,e` (the CFE/MD condition :math:`c_{cfe} v_{md} < v_{nomd} v_{cfe}`).
* With one share fixed (the CFE fully renewed, :math:`y = 1`) the acceptable
  range of the other is the interval cut out by the linear inequalities,
  :func:`share_interval`.
* The package set is the hull of the :math:`2^n` corner packages (every
  issue fully settled or not), so the work doubles with each issue: it is
  estimated (:func:`linkage_cost`) and checked against ``max_cost``
  (:func:`gametheory.cost.check_cost`) before the corners are listed.
* An **indivisible** extra issue that must be settled one way, costing one
  side :math:`k` (and, in the zero-sum Kosovo game, giving it to the other),
  keeps some package individually rational iff the shifted package set
  still weakly dominates 0, which is decided exactly on the polygon's frontier
  (:func:`settlement_keeps_ir`).

Everything is exact for rational values (the polygon machinery of :mod:`.hull`).

>>> cfe_md = {"MD abandonment": {"Russia": 4, "US": -2}, "CFE compliance": {"Russia": -1, "US": 3}}
>>> share_interval(cfe_md, ("Russia", "US"), fixed={"CFE compliance": 1}, free="MD abandonment")
(Fraction(1, 4), Fraction(1, 1))
>>> [tuple(map(str, v)) for v in package_set(cfe_md, ("Russia", "US"))]
[('0', '0'), ('1', '2/3'), ('1', '1'), ('1/4', '1')]
>>> settlement_keeps_ir(cfe_md, ("Russia", "US"), {"Russia": -5, "US": 5})
False
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeAlias

from ..cost import check_cost
from ..errors import InputError
from ..numbers import entry_kind, to_exact, to_float
from .frontier import Number, Point, PolylineFrontier
from .hull import convex_hull, pareto_chain

if TYPE_CHECKING:
    from .solutions import BargainingSolution

#: ``{issue: {player: value of the whole issue}}``, numbers or rational strings.
Issues: TypeAlias = Mapping[str, Mapping[str, object]]
#: A bonus any agreement brings: one number for both players, ``{player: number}``, or None.
Bonus: TypeAlias = Fraction | float | str | Mapping[str, object] | None
#: What one issue alone offers.
Alone: TypeAlias = Literal["mutual gain", "one-sided gift", "no gain"]

__all__ = ["LinkageReport", "linkage_cost", "issue_alone", "share_interval", "package_points", "package_set",
           "mutual_gain_exists", "settlement_keeps_ir", "analyse_linkage"]


def _values(issues: Issues, players: Sequence[str]) -> tuple[dict[str, Point], bool]:
    table = {str(k): dict(v) for k, v in dict(issues).items()}
    if not table:
        raise InputError("no issues given", field="issues")
    p1, p2 = pair = _two_players(players)
    for name, vals in table.items():
        if set(vals) != set(pair):
            raise InputError(f"issue {name!r} must give a value for each of {list(pair)}, got {list(vals)}",
                             field=f"issues.{name}")
    exact = all(entry_kind(v) == "exact" for vals in table.values() for v in vals.values())
    conv = to_exact if exact else to_float
    return {n: (conv(vals[p1], field=f"issues.{n}.{p1}"), conv(vals[p2], field=f"issues.{n}.{p2}"))
            for n, vals in table.items()}, exact


def _two_players(players: Sequence[str]) -> tuple[str, str]:
    pair = tuple(players)
    if len(pair) != 2:
        raise InputError(f"linkage needs two players, got {list(pair)}", field="players")
    return pair[0], pair[1]


def _bonus(bonus: Bonus, players: Sequence[str], exact: bool) -> Point:
    conv = to_exact if exact else to_float
    if bonus is None:
        return (conv(0), conv(0))
    if isinstance(bonus, Mapping):
        return (conv(bonus.get(players[0], 0), field="bonus"), conv(bonus.get(players[1], 0), field="bonus"))
    return (conv(bonus, field="bonus"),) * 2


def issue_alone(values: Point) -> Alone:
    """'mutual gain', 'one-sided gift' or 'no gain' for an issue with values ``(v_1, v_2)``."""
    a, b = values
    if a > 0 and b > 0:
        return "mutual gain"
    if (a > 0) != (b > 0) and (a < 0 or b < 0):
        return "one-sided gift"
    return "no gain"


#: Elementary steps (:mod:`gametheory.cost`) per issue of one corner package, in exact Python arithmetic
#: with its hull: 14 issues (229,376 package-issues) took about 3 s here.
PACKAGE_STEPS = 500


def linkage_cost(num_issues: int) -> int:
    """Estimated elementary steps of listing the ``2**num_issues`` corner packages and their hull.

    >>> linkage_cost(2)   # 4 packages x 2 issues x 500 steps
    4000
    """
    return 2 ** int(num_issues) * int(num_issues) * PACKAGE_STEPS


def package_points(issues: Issues, players: Sequence[str], bonus: Bonus = None,
                   extra: Point | None = None, max_cost: float | None = None) -> list[Point]:
    """Utility pairs of the packages at the corners of the share cube (their hull is the package set).

    Raises
    ------
    CostLimitError
        If :func:`linkage_cost` of the issues exceeds ``max_cost`` (default
        :data:`gametheory.cost.DEFAULT_MAX_COST`): 2**n packages for n issues.
    """
    V, exact = _values(issues, players)
    check_cost(linkage_cost(len(V)), max_cost, "issue linkage", f"2^{len(V)} packages of {len(V)} issues")
    b = _bonus(bonus, players, exact)
    if extra is not None:
        b = (b[0] + extra[0], b[1] + extra[1])
    names = list(V)
    pts: list[Point] = []
    for bits in itertools.product((0, 1), repeat=len(names)):
        u1, u2 = (b[i] + sum((V[n][i] for n, s in zip(names, bits) if s), 0 * b[i]) for i in range(2))
        pts.append((u1, u2))
    return pts


def _frontier(points: Sequence[Point]) -> PolylineFrontier:
    hull = convex_hull(points)
    poly = [points[k] for k in hull]
    return PolylineFrontier(tuple(poly[k] for k in pareto_chain(poly)))


def mutual_gain_exists(issues: Issues, players: Sequence[str], bonus: Bonus = None, strict: bool = True,
                       max_cost: float | None = None) -> bool:
    """True if some package gives both players more than no deal (``strict``) or at least as much."""
    f = _frontier(package_points(issues, players, bonus, max_cost=max_cost))
    env = f.envelope(0)
    if env is None:
        return False
    return (0 < f.hi and env > 0) if strict else env >= 0


def settlement_keeps_ir(issues: Issues, players: Sequence[str], settlement: Mapping[str, object],
                        bonus: Bonus = None, max_cost: float | None = None) -> bool:
    """True if some package that also settles an indivisible issue worth ``settlement`` leaves both weakly
    better off."""
    _, exact = _values(issues, players)
    conv = to_exact if exact else to_float
    p1, p2 = _two_players(players)
    shift = (conv(settlement[p1], field=f"settlement.{p1}"), conv(settlement[p2], field=f"settlement.{p2}"))
    f = _frontier(package_points(issues, players, bonus, extra=shift, max_cost=max_cost))
    env = f.envelope(0)
    return env is not None and env >= 0


def share_interval(issues: Issues, players: Sequence[str], fixed: Mapping[str, object], free: str,
                   bonus: Bonus = None) -> tuple[Number, Number] | None:
    """The shares of issue ``free`` (in [0, 1]) both players weakly prefer to no deal, the others ``fixed``.

    Returns ``(lo, hi)`` or None if no share works.
    """
    V, exact = _values(issues, players)
    if free not in V:
        raise InputError(f"unknown issue {free!r}; issues are {list(V)}", field="free")
    conv = to_exact if exact else to_float
    b = list(_bonus(bonus, players, exact))
    for n, given in dict(fixed).items():
        if n not in V or n == free:
            raise InputError(f"fixed issue {n!r} must be one of {[k for k in V if k != free]}", field="fixed")
        s = conv(given, field=f"fixed.{n}")
        if not 0 <= s <= 1:
            raise InputError(f"a share must lie in [0, 1], got {s}", field=f"fixed.{n}")
        b = [b[i] + V[n][i] * s for i in range(2)]
    lo, hi = conv(0), conv(1)
    for i in range(2):
        a = V[free][i]  # need a*s + b_i >= 0
        if a > 0:
            lo = max(lo, -b[i] / a)
        elif a < 0:
            hi = min(hi, -b[i] / a)
        elif b[i] < 0:
            return None
    return (lo, hi) if lo <= hi else None


def _clip(polygon: Sequence[Point], a: Point, b: Number) -> list[Point]:
    """The part of a convex polygon (list of points) where ``a . s + b >= 0`` (Sutherland-Hodgman, exact)."""
    out: list[Point] = []
    n = len(polygon)
    for k in range(n):
        p, q = polygon[k], polygon[(k + 1) % n]
        fp = a[0] * p[0] + a[1] * p[1] + b
        fq = a[0] * q[0] + a[1] * q[1] + b
        if fp >= 0:
            out.append(p)
        if (fp > 0 > fq) or (fp < 0 < fq):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    uniq: list[Point] = []
    for p in out:
        if p not in uniq:
            uniq.append(p)
    return uniq


def package_set(issues: Issues, players: Sequence[str], bonus: Bonus = None) -> list[Point]:
    """Vertices (shares of the two issues, counter-clockwise) of the packages both weakly prefer to no deal.

    Only for two issues; an empty list when no package (not even a degenerate one) qualifies.
    """
    V, exact = _values(issues, players)
    if len(V) != 2:
        raise InputError(f"the package set is drawn for exactly two issues, got {len(V)}", field="issues")
    b = _bonus(bonus, players, exact)
    one: Number = Fraction(1) if exact else 1.0
    zero = one - one
    poly: list[Point] = [(zero, zero), (one, zero), (one, one), (zero, one)]
    names = list(V)
    for i in range(2):
        poly = _clip(poly, (V[names[0]][i], V[names[1]][i]), b[i])
        if not poly:
            return []
    return poly


@dataclass(frozen=True)
class LinkageReport:
    """What linking the issues does.

    Attributes
    ----------
    alone : mapping
        ``{issue: 'mutual gain' | 'one-sided gift' | 'no gain'}``.
    linked_gains : bool
        Some package makes both players strictly better off.
    creates_gains : bool
        ``linked_gains`` although no issue alone has mutual gains.
    solutions : mapping
        ``{solution name: BargainingSolution}`` of the package bargain (empty without gains).
    """

    players: tuple[str, ...]
    alone: Mapping[str, Alone]
    linked_gains: bool
    creates_gains: bool
    solutions: Mapping[str, BargainingSolution] = field(default_factory=lambda: MappingProxyType({}))


def analyse_linkage(issues: Issues, players: Sequence[str], bonus: Bonus = None,
                    max_cost: float | None = None) -> LinkageReport:
    """Each issue alone, the package, and the best package under each bargaining solution.

    Refused with :class:`~gametheory.errors.CostLimitError` before any package
    is listed when :func:`linkage_cost` exceeds ``max_cost``.
    """
    from .problem import BargainingProblem
    from .solutions import SOLUTIONS

    V, _ = _values(issues, players)
    alone = {n: issue_alone(v) for n, v in V.items()}
    gains = mutual_gain_exists(issues, players, bonus, max_cost=max_cost)
    sols = {}
    if gains:
        pts = package_points(issues, players, bonus, max_cost=max_cost)
        names = list(V)
        spans = [dict(zip(names, map(Fraction, bits))) for bits in itertools.product((0, 1), repeat=len(names))]
        problem = BargainingProblem.from_polygon_points(pts, spans, tuple(players), (0, 0), "issues",
                                                        free_disposal=True)
        sols = {name: func(problem) for name, func in SOLUTIONS.items() if name != "rubinstein"}
    return LinkageReport(tuple(players), MappingProxyType(alone), gains,
                         gains and not any(v == "mutual gain" for v in alone.values()), MappingProxyType(sols))
