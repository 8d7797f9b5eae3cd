r"""Regions of parameter space with the same equilibrium set; thresholds; margins of a prediction.

Which profiles and supports are equilibria can change only where one of the
game's *boundary expressions* changes sign: the payoff differences
:math:`u_i(s) - u_i(t_i, s_{-i})` of the pure Nash conditions, and the
atoms of the closed-form support conditions (:mod:`.conditions`: positivity
of the mixing probabilities, no better reply outside the support, non-zero
determinants).  Along one parameter (the others at their defaults) the
boundary expressions are univariate; their real roots in the range (exact
algebraic numbers, from ``sympy.real_roots``; sign changes refined by
bisection for non-polynomial payoffs) cut the range into intervals.  The
equilibrium set is computed at every root and at one interior point of every
interval; neighbouring intervals with the same signature (:mod:`.outcomes`)
and a root with that signature too are merged, and the roots that remain are
the *critical thresholds* (an end of the range is one too when the game
is degenerate exactly there, e.g. a tie-breaking bonus at 0).  Equilibria of three-or-more-player games with
three mixers are not covered by closed forms: their changes are caught only
if they coincide with a boundary root, which the dense grid test checks.

Over two parameters the map is a grid of full solves (vectorised by
:mod:`.batch`), and the exact boundary curves :math:`f(\theta_1, \theta_2) = 0`
that cross the box are listed alongside.

The *margin* of a prediction along a parameter is the distance from the
default to the nearest threshold beyond which (or at which) the prediction
fails, downward and upward within the declared range (None if it never
fails there): the bars of a tornado chart.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from math import comb
from typing import TYPE_CHECKING

import numpy as np
import sympy
from numpy.typing import ArrayLike, NDArray

from ..cost import check_cost
from ..errors import InputError, UnsupportedGameError
from ..numbers import to_symbolic
from .batch import batch_cost, solve_batch
from .conditions.mixed import support_condition
from .conditions.pure import _sym_payoffs
from .numeric import evaluate, payoff_batch
from .outcomes import SIGNATURE_STEPS, Signature, prediction_holds, signatures
from .space import Space, Vary

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Prediction

__all__ = ["boundary_expressions", "support_condition_count", "grid_cost", "regions_1d", "regions_2d", "thresholds",
           "margins", "Segment", "Threshold", "RegionMap1D", "RegionMap2D", "Margin", "signatures_at"]


@dataclass(frozen=True)
class Threshold:
    """A value of ``parameter`` where the equilibrium set changes."""

    parameter: str
    value: sympy.Expr  # exact sympy number (sympy.Float for numeric roots)
    below: Signature  # signature just below (empty below the range's low end)
    at: Signature  # signature at the value
    above: Signature  # signature just above (empty above the range's high end)

    @property
    def float_value(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class Segment:
    """An open interval of one parameter with one equilibrium signature."""

    lo: sympy.Expr
    hi: sympy.Expr
    signature: Signature


@dataclass(frozen=True)
class RegionMap1D:
    """The exact partition of one parameter's range ``[lo, hi]``; ``fixed``: the other parameters' values."""

    parameter: str
    lo: sympy.Rational
    hi: sympy.Rational
    segments: tuple[Segment, ...]
    thresholds: tuple[Threshold, ...]
    fixed: dict[str, sympy.Rational]

    def within(self, allowed: sympy.Set) -> RegionMap1D:
        """The map restricted to ``allowed`` (where the assumptions hold): segments cut to it, thresholds outside
        it dropped."""
        segments = []
        for seg in self.segments:
            piece = sympy.Interval.open(seg.lo, seg.hi).intersect(allowed)
            for p in piece.args if isinstance(piece, sympy.Union) else (piece,):
                if isinstance(p, sympy.Interval) and p.start < p.end:
                    segments.append(Segment(p.start, p.end, seg.signature))
        kept = tuple(t for t in self.thresholds if allowed.contains(t.value) is sympy.true)
        return replace(self, segments=tuple(segments), thresholds=kept)


@dataclass(frozen=True)
class RegionMap2D:
    """Equilibrium signatures on a grid over two parameters, and the exact boundary curves."""

    x: Vary
    y: Vary
    xs: NDArray[np.float64]
    ys: NDArray[np.float64]
    labels: NDArray[np.int_]  # (len(ys), len(xs)): index into signatures
    signatures: tuple[Signature, ...]
    boundaries: tuple[sympy.Eq, ...]  # Eq(f, 0) crossing the box
    fixed: dict[str, Fraction]

    def __post_init__(self) -> None:
        for a in (self.xs, self.ys, self.labels):
            a.setflags(write=False)


@dataclass(frozen=True)
class Margin:
    """How far a parameter can move from its default before a prediction fails."""

    parameter: str
    default: sympy.Rational
    down: sympy.Expr | None  # distance (>= 0), or None if it never fails down to the range's lo
    up: sympy.Expr | None
    holds_at_default: bool


# ---------------------------------------------------------------------- boundary expressions
@lru_cache(maxsize=32)
def _boundaries_cached(game: Game, assumptions: tuple[sympy.Basic, ...]) -> tuple[sympy.Expr, ...]:
    U = _sym_payoffs(game)
    exprs: set[sympy.Expr] = set()
    for idx in np.ndindex(game.shape):
        for i in range(game.num_players):
            for t in range(game.shape[i]):
                if t != idx[i]:
                    d = sympy.expand(U[idx][i] - U[idx[:i] + (t,) + idx[i + 1:]][i])
                    if d.free_symbols:
                        exprs.add(d)
    # closed-form supports with two mixers (the others pure)
    n = game.num_players
    if game.num_profiles <= 64:
        for a, b in itertools.combinations(range(n), 2):
            rest = [range(game.shape[j]) for j in range(n) if j not in (a, b)]
            for m in range(2, min(game.shape[a], game.shape[b]) + 1):
                for sup_a in itertools.combinations(range(game.shape[a]), m):
                    for sup_b in itertools.combinations(range(game.shape[b]), m):
                        for pure in itertools.product(*rest):
                            sup: dict[str, str | list[str]] = {}
                            k = 0
                            for j in range(n):
                                if j == a:
                                    sup[game.players[j]] = [game.strategies[j][x] for x in sup_a]
                                elif j == b:
                                    sup[game.players[j]] = [game.strategies[j][x] for x in sup_b]
                                else:
                                    sup[game.players[j]] = game.strategies[j][pure[k]]
                                    k += 1
                            try:
                                mc = support_condition(game, sup, assumptions)
                            except UnsupportedGameError:
                                continue
                            for atom in mc.condition.expr.atoms(sympy.core.relational.Relational):
                                d = sympy.expand(atom.lhs - atom.rhs)
                                if d.free_symbols:
                                    exprs.add(d)
    factors: set[sympy.Expr] = set()
    for e in exprs:
        for f, _ in sympy.factor_list(e)[1]:
            if f.free_symbols:
                f = sympy.expand(f)
                factors.add(sympy.expand(-f) if str(f).startswith("-") else f)
    return tuple(sorted(factors, key=sympy.default_sort_key))


#: Elementary steps (:mod:`gametheory.cost`) charged for one closed-form support condition: a symbolic
#: solve and simplification of about a second, so that the default limit admits about a hundred of them.
SUPPORT_CONDITION_STEPS = 10**7


def support_condition_count(game: Game) -> int:
    """How many closed-form support conditions (two mixers, the others pure) the exact boundaries need.

    >>> from gametheory.game import Game
    >>> support_condition_count(Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))  # the 2x2 support
    1
    >>> support_condition_count(Game.from_bimatrix([[0] * 3] * 4, [[0] * 3] * 4))  # C(4,2)C(3,2) + C(4,3)C(3,3)
    22
    """
    n = game.num_players
    if game.num_profiles > 64:
        return 0
    total = 0
    for a, b in itertools.combinations(range(n), 2):
        others = 1
        for j in range(n):
            if j not in (a, b):
                others *= game.shape[j]
        for m in range(2, min(game.shape[a], game.shape[b]) + 1):
            total += comb(game.shape[a], m) * comb(game.shape[b], m) * others
    return total


def boundary_expressions(game: Game, assumptions: Iterable[sympy.Basic] = (), *,
                         max_cost: float | None = None) -> tuple[sympy.Expr, ...]:
    """Irreducible factors of the expressions whose sign changes are the only places supports can change.

    Their cost grows with the number of mixed supports (:func:`support_condition_count`), each solved
    symbolically; it is checked against ``max_cost`` before any is solved.
    """
    if game.kind != "symbolic":
        return ()
    count = support_condition_count(game)
    check_cost(count * SUPPORT_CONDITION_STEPS, max_cost, "regions",
               f"{count} symbolic support conditions of a {'x'.join(map(str, game.shape))} game for the exact "
               "boundaries, about a second each")
    return _boundaries_cached(game, tuple(assumptions))


# ---------------------------------------------------------------------- numeric equilibrium sets
def signatures_at(game: Game, space: Space, points: Mapping[str, ArrayLike], size: int) -> list[Signature]:
    """Signatures of the game at ``size`` points (``{name: array}``, others at defaults)."""
    values: dict[str, float | NDArray[np.float64]] = {k: float(v) for k, v in space.defaults.items()}
    values.update({k: np.asarray(v, dtype=float) for k, v in points.items()})
    P = payoff_batch(game, values, size)
    return signatures(game, solve_batch(P))


# ---------------------------------------------------------------------- one parameter
def _roots_in(expr: sympy.Expr, sym: sympy.Symbol, lo: sympy.Rational, hi: sympy.Rational) -> list[sympy.Expr]:
    """Real roots of ``expr`` (univariate in ``sym``) strictly inside (lo, hi)."""
    num, _ = sympy.fraction(sympy.together(expr))
    out: list[sympy.Expr] = []
    try:
        poly = sympy.Poly(num, sym)
        for r in sympy.real_roots(poly):
            if lo < r < hi:
                out.append(sympy.nsimplify(r) if r.is_Rational else r)
        return out
    except sympy.PolynomialError:
        pass
    xs = np.linspace(float(lo), float(hi), 2001)
    vals = evaluate(expr, {sym.name: xs}, xs.size)
    for k in np.nonzero(np.sign(vals[:-1]) * np.sign(vals[1:]) < 0)[0]:
        a, b = xs[k], xs[k + 1]
        for _ in range(60):
            m = (a + b) / 2
            if np.sign(evaluate(expr, {sym.name: m}, 1)[0]) == np.sign(vals[k]):
                a = m
            else:
                b = m
        out.append(sympy.Float((a + b) / 2))
    return out


def regions_1d(game: Game, space: Space, vary: Vary, fixed: Mapping[str, Fraction] | None = None, *,
               max_cost: float | None = None) -> RegionMap1D:
    """Exact partition of one parameter's range into intervals with one equilibrium signature.

    Parameters
    ----------
    game : Game
        Symbolic game.
    space : Space
        Defaults, ranges and assumptions.
    vary : Vary
        The parameter and its range (``num`` is not used: the cuts are exact).
    fixed : mapping, optional
        Values of other parameters (instead of their defaults).
    max_cost : number, optional
        Limit on the estimated work of the exact boundaries (:func:`boundary_expressions`).
    """
    name = space.check(vary.name)
    point = {k: to_symbolic(v) for k, v in space.point(fixed).items()}
    sym = next((s for s in game.parameters if s.name == name), None)
    lo, hi = sympy.Rational(vary.lo), sympy.Rational(vary.hi)
    found: set[sympy.Expr] = set()
    if sym is not None:
        for e in boundary_expressions(game, space.applied, max_cost=max_cost):
            syms = {s.name: s for s in e.free_symbols}
            if name not in syms:
                continue
            ue = e.xreplace({s: point[k] for k, s in syms.items() if k != name})
            if ue.free_symbols:
                found.update(_roots_in(ue, syms[name], lo, hi))
    roots = sorted(found, key=float)
    cuts = [lo] + roots + [hi]
    mids = [(a + b) / 2 if (a.is_Rational and b.is_Rational) else sympy.Float((float(a) + float(b)) / 2)
            for a, b in zip(cuts[:-1], cuts[1:])]
    pts = mids + roots + [lo, hi]
    fixed_vals = {k: float(v) for k, v in point.items() if k != name}
    sigs = signatures_at(game, space, {**fixed_vals, name: np.array([float(p) for p in pts])}, len(pts))
    mid_sig = sigs[:len(mids)]
    root_sig = sigs[len(mids):len(mids) + len(roots)]
    lo_sig, hi_sig = sigs[-2], sigs[-1]
    segments: list[Segment] = []
    thresholds: list[Threshold] = []
    if lo < hi and lo_sig != mid_sig[0]:  # the range's end is itself a boundary (a degenerate game)
        thresholds.append(Threshold(name, lo, (), lo_sig, mid_sig[0]))
    start = cuts[0]
    for k in range(len(mids)):
        last = k == len(mids) - 1
        if not last and mid_sig[k] == mid_sig[k + 1] == root_sig[k]:
            continue  # not a real change
        segments.append(Segment(start, cuts[k + 1], mid_sig[k]))
        if not last:
            thresholds.append(Threshold(name, roots[k], mid_sig[k], root_sig[k], mid_sig[k + 1]))
            start = roots[k]
    if lo < hi and hi_sig != mid_sig[-1]:
        thresholds.append(Threshold(name, hi, mid_sig[-1], hi_sig, ()))
    return RegionMap1D(name, lo, hi, tuple(segments), tuple(thresholds),
                       {k: v for k, v in point.items() if k != name})


def thresholds(game: Game, space: Space, names: Iterable[str] | None = None,
               fixed: Mapping[str, Fraction] | None = None, *,
               max_cost: float | None = None) -> dict[str, tuple[Threshold, ...]]:
    """Critical thresholds along each parameter (others at defaults): ``{name: (Threshold, ...)}``."""
    out = {}
    for name in names or space.names:
        lo, hi = space.ranges[name]
        out[name] = regions_1d(game, space, Vary(name, lo, hi, 2), fixed, max_cost=max_cost).thresholds
    return out


def margins(game: Game, space: Space, prediction: Prediction, names: Iterable[str] | None = None, *,
            max_cost: float | None = None) -> tuple[Margin, ...]:
    """Smallest change of each parameter (within its range, others at the prediction's values) that breaks it.

    With ``space.apply_assumptions`` only values where the model's assumptions hold count as failures.
    """
    fixed = {k: v for k, v in dict(getattr(prediction, "at", {}) or {}).items()}
    out = []
    for name in names or space.names:
        if name in fixed:
            continue
        lo, hi = space.ranges[name]
        rm = regions_1d(game, space, Vary(name, lo, hi, 2), fixed, max_cost=max_cost)
        if space.apply_assumptions and space.assumptions:  # a failure where an assumption breaks does not count
            from .policy import allowed_along

            parts = allowed_along(space, name, lo, hi, space.point(fixed))
            rm = rm.within(sympy.Intersection(sympy.Interval(lo, hi), *(p for _, p in parts)))
        d = sympy.Rational(space.point(fixed)[name])
        # (lo, hi, holds) for open segments and (t, t, holds) for thresholds
        pieces: list[tuple[sympy.Expr, sympy.Expr, bool]] = []
        for seg in rm.segments:
            pieces.append((seg.lo, seg.hi, prediction_holds(prediction, game, seg.signature)))
        for th in rm.thresholds:
            pieces.append((th.value, th.value, prediction_holds(prediction, game, th.at)))
        at_default = _holds_at(pieces, d)
        up: sympy.Expr | None = None
        down: sympy.Expr | None = None
        for a, b, ok in pieces:
            if ok:
                continue
            if float(b) >= float(d) and (a == b or float(b) > float(d)):
                dist = max(sympy.Integer(0), a - d) if float(a) >= float(d) else sympy.Integer(0)
                up = dist if up is None or float(dist) < float(up) else up
            if float(a) <= float(d) and (a == b or float(a) < float(d)):
                dist = max(sympy.Integer(0), d - b) if float(b) <= float(d) else sympy.Integer(0)
                down = dist if down is None or float(dist) < float(down) else down
        out.append(Margin(name, d, down, up, at_default))
    return tuple(out)


def _holds_at(pieces: list[tuple[sympy.Expr, sympy.Expr, bool]], d: sympy.Rational) -> bool:
    for a, b, ok in pieces:
        if a == b == d:
            return ok
    for a, b, ok in pieces:
        if float(a) < float(d) < float(b):
            return ok
    return True


# ---------------------------------------------------------------------- two parameters
def grid_cost(shape: tuple[int, ...], points: int) -> int:
    """Estimated elementary steps of solving ``points`` grid points and building their signatures.

    >>> grid_cost((2, 2), 10)   # 10 x (160 steps of the 2x2 kernel + 1000 for the signature)
    11600
    """
    return batch_cost(shape, points) + int(points) * SIGNATURE_STEPS


def regions_2d(game: Game, space: Space, x: Vary, y: Vary, fixed: Mapping[str, Fraction] | None = None,
               max_cost: float | None = None) -> RegionMap2D:
    """Signatures on the ``x.num`` by ``y.num`` grid and the exact boundary curves crossing the box.

    The grid's estimated work (:func:`grid_cost`) is checked against
    ``max_cost`` (:func:`gametheory.cost.check_cost`) before any point is solved.
    """
    space.check(x.name)
    space.check(y.name)
    if x.name == y.name:
        raise InputError(f"vary two different parameters, got {x.name} twice", field="--vary")
    check_cost(grid_cost(game.shape, x.num * y.num), max_cost, "regions",
               f"a {x.num} x {y.num} grid of {'x'.join(map(str, game.shape))} games")
    point = space.point(fixed)
    xs, ys = x.grid(), y.grid()
    XX, YY = np.meshgrid(xs, ys)
    vals: dict[str, float | NDArray[np.float64]] = {k: float(v) for k, v in point.items()}
    vals[x.name] = XX.reshape(-1)
    vals[y.name] = YY.reshape(-1)
    sigs = signatures_at(game, space, {x.name: vals[x.name], y.name: vals[y.name],
                                       **{k: v for k, v in vals.items() if k not in (x.name, y.name)}}, XX.size)
    uniq = sorted(set(sigs))
    index = {s: k for k, s in enumerate(uniq)}
    labels = np.array([index[s] for s in sigs]).reshape(XX.shape)
    curves: list[sympy.Eq] = []
    exact_point = {k: to_symbolic(v) for k, v in point.items()}
    for e in boundary_expressions(game, space.applied, max_cost=max_cost):
        syms = {s.name: s for s in e.free_symbols}
        ue = sympy.expand(e.xreplace({s: exact_point[k] for k, s in syms.items() if k not in (x.name, y.name)}))
        if not ue.free_symbols:
            continue
        if str(ue).startswith("-"):
            ue = sympy.expand(-ue)
        v = evaluate(ue, {x.name: XX.reshape(-1), y.name: YY.reshape(-1)}, XX.size).reshape(XX.shape)
        if _separates(np.sign(v), labels) and not any(sympy.expand(c.lhs + ue) == 0 or c.lhs == ue for c in curves):
            curves.append(sympy.Eq(ue, 0))
    return RegionMap2D(x, y, xs, ys, labels, tuple(uniq), tuple(curves),
                       {k: v for k, v in point.items() if k not in (x.name, y.name)})


def _separates(sign: NDArray[np.float64], labels: NDArray[np.int_]) -> bool:
    """Does the curve sign = 0 pass between grid neighbours (or through points) with different labels?"""
    hits = total = 0
    for axis in (0, 1):
        a = [slice(None), slice(None)]
        b = [slice(None), slice(None)]
        a[axis], b[axis] = slice(None, -1), slice(1, None)
        cross = sign[tuple(a)] != sign[tuple(b)]
        hits += int(np.sum(cross & (labels[tuple(a)] != labels[tuple(b)])))
        total += int(np.sum(cross))
    # a boundary changes the labels along most of its length, not only where other boundaries meet it
    return total > 0 and hits >= 0.5 * total
