r"""Correlated equilibria of N-player games by linear programming.

A correlated equilibrium (Aumann 1974) is a distribution :math:`p` over pure
profiles such that no player gains by disobeying a recommendation: for every
player :math:`i` and strategies :math:`a \ne a'` of :math:`i`,

.. math:: \sum_{s_{-i}} p(a, s_{-i})\,\bigl[u_i(a, s_{-i}) - u_i(a', s_{-i})\bigr] \ge 0 .

With :math:`p \ge 0` and :math:`\sum_s p(s) = 1` these
:math:`\sum_i n_i(n_i-1)` incentive constraints describe a polytope
(:func:`correlated_polytope`, rows labelled ``(player, recommended,
deviation)``) that contains every Nash equilibrium's product distribution.
:func:`correlated_equilibrium` maximises a linear objective over it (total
payoff, or one player's) with HiGHS.

Certificates.  Each player's *violation* is
:math:`\max(0, -\min_{a,a'} (Gp)_{i,a,a'})`: zero exactly for an exact game.
Optimality is certified by LP duality: for multipliers :math:`\lambda \ge 0`
of the incentive constraints, :math:`t = \max_s (c_s + (G^\top\lambda)_s)`
bounds every feasible objective (:math:`c^\top p \le t - \lambda^\top G p \le
t`), so :math:`c^\top p = t` proves :math:`p` optimal.

Exact games.  The float optimum is first rounded to Fractions (or its active
set re-solved exactly) and the HiGHS duals rationalised; when that pair
passes the two exact checks (feasibility, :math:`c^\top p = t`) it is the
answer.  Otherwise the LP is solved exactly by
:func:`gametheory.exact.exact_lp` (simplex over the rationals, started from
the basis of the float optimum), whose dual solution is the certificate: a
rounded feasible point is never reported as the optimum unless it is one.

Huge and tiny float payoffs.  The payoffs of a float game whose largest
:math:`|u|` lies outside :math:`[1, 2^{20}]` are divided by a power of two
(exact in binary floating point; :func:`gametheory.payoff_scale.scale_exponent`)
before :math:`G` and :math:`c` are formed, so that differences and sums of
payoffs near the largest float do not overflow and the LP solver's absolute
tolerances (about ``1e-7``) mean the same for payoffs of ``1e-12``; the
reported values are scaled back, and one that exceeds the largest float is
an :class:`~gametheory.errors.InputError`.

The result is a :class:`~gametheory.CorrelatedResult`, not a Nash
:class:`~gametheory.SolveResult`: a correlated distribution is not a mixed
profile.  It holds the multipliers :math:`\lambda` as its certificate and
re-checks feasibility and the dual bound when it is built.  Method
``"correlated"`` of :func:`gametheory.solve` returns it.

References
----------
.. [1] R. J. Aumann, "Subjectivity and correlation in randomized
   strategies", *J. Mathematical Economics* 1 (1974).
.. [2] C. H. Papadimitriou and T. Roughgarden, "Computing correlated
   equilibria in multi-player games", *J. ACM* 55 (2008) (the LP over the
   incentive constraints).
.. [3] G. B. Dantzig, *Linear Programming and Extensions*, Princeton
   University Press, 1963 (the simplex method and LP duality).

>>> from gametheory import Game
>>> chicken = Game.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
...                              strategies=[["C", "D"], ["C", "D"]])
>>> ce = correlated_equilibrium(chicken)
>>> {k: str(v) for k, v in ce.distribution.items()}
{('C', 'C'): '1/2', ('C', 'D'): '1/4', ('D', 'C'): '1/4'}
>>> ce.objective_value, ce.dual_bound, ce.optimal_certified
(Fraction(21, 2), Fraction(21, 2), True)
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from ..cost import check_cost
from ..errors import GameTheoryError, InputError
from ..exact import exact_lp, rational_candidates, solve_rational
from ..payoff_scale import max_abs, scale_exponent, scaled_floats
from ..profile import default_tolerance
from ..result import CorrelatedResult

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = [
    "CorrelatedPolytope",
    "check_objective",
    "correlated_polytope",
    "correlated_equilibrium",
    "incentive_matrix",
]


#: Exact payoffs above this (in absolute value) are divided by a power of two before the float LP.
FLOAT_SCALE_ABOVE = 2.0**500

#: An incentive constraint: "told ``recommended``, ``player`` does not gain by playing ``deviation``".
Constraint: TypeAlias = tuple[str, str, str]


def incentive_matrix(payoffs: NDArray[Any]) -> tuple[NDArray[Any], list[tuple[int, int, int]]]:
    """The incentive constraints ``G p >= 0`` over flattened (C-order) profiles.

    Parameters
    ----------
    payoffs : ndarray, shape (n_1, ..., n_N, N)
        Float or object (Fraction) payoffs.

    Returns
    -------
    (ndarray, list of (player, recommended, deviation))
        ``G`` of shape ``(sum_i n_i (n_i - 1), prod_i n_i)`` and its row index.

    >>> G, rows = incentive_matrix(np.array([[[1, 0], [0, 0]], [[0, 0], [2, 1]]], dtype=float))
    >>> G.tolist()
    [[1.0, -2.0, 0.0, 0.0], [0.0, 0.0, -1.0, 2.0], [0.0, 0.0, -1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    >>> rows
    [(0, 0, 1), (0, 1, 0), (1, 0, 1), (1, 1, 0)]
    """
    shape = payoffs.shape[:-1]
    rows_out, index = [], []
    for i, ni in enumerate(shape):
        u = payoffs[..., i]
        for a, b in itertools.permutations(range(ni), 2):
            row = np.zeros(shape, dtype=payoffs.dtype)
            if payoffs.dtype == object:
                row[...] = Fraction(0)
            sl: list[slice | int] = [slice(None)] * len(shape)
            sl[i] = a
            row[tuple(sl)] = np.take(u, a, axis=i) - np.take(u, b, axis=i)
            rows_out.append(row.reshape(-1))
            index.append((i, a, b))
    if not rows_out:
        return np.zeros((0, int(np.prod(shape))), dtype=payoffs.dtype), index
    return np.array(rows_out, dtype=payoffs.dtype), index


@dataclass(frozen=True)
class CorrelatedPolytope:
    """The correlated equilibria of a game as ``{p : G p >= 0, p >= 0, sum p = 1}``.

    Attributes
    ----------
    game : Game
    profiles : tuple of tuple of str
        The pure profiles (labels), one per column of ``matrix``.
    matrix : ndarray
        Read-only ``G / scale`` (Fractions for exact games).
    constraints : tuple of (player, recommended label, deviation label)
        One per row of ``matrix``: "told ``recommended``, ``player`` does
        not gain by playing ``deviation``".
    scale : float
        1, or for a float game whose largest payoff lies outside ``[1, 2**20]``
        the power of two the payoffs are divided by before ``matrix`` is
        formed.  The methods answer in payoff units.
    """

    game: Game
    profiles: tuple[tuple[str, ...], ...]
    matrix: NDArray[Any]
    constraints: tuple[Constraint, ...]
    scale: float = 1.0

    def vector(self, distribution: Mapping[tuple[str, ...], Fraction | float]) -> NDArray[Any]:
        """``{profile: prob}`` as a vector over :attr:`profiles` (missing profiles 0)."""
        pos = {s: k for k, s in enumerate(self.profiles)}
        p = np.zeros(len(self.profiles), dtype=self.matrix.dtype)
        if self.matrix.dtype == object:
            p[:] = Fraction(0)
        for prof, q in distribution.items():
            prof = tuple(prof)
            if prof not in pos:
                raise InputError(f"unknown profile {prof!r}", field="distribution")
            p[pos[prof]] = q
        return p

    def slack(self, distribution: Mapping[tuple[str, ...], Fraction | float]) -> dict[Constraint, Fraction | float]:
        """``{(player, recommended, deviation): (G p)_row}`` for ``{profile: prob}`` (missing profiles 0)."""
        return dict(zip(self.constraints, self._unscaled(self.matrix.dot(self.vector(distribution)))))

    def _unscaled(self, x: Any) -> Any:
        """``x * scale``: a value of the scaled LP in payoff units (inf beyond the largest float)."""
        if self.scale == 1:
            return x
        with np.errstate(over="ignore"):
            return x * self.scale

    def violations(self, distribution: Mapping[tuple[str, ...], Fraction | float]) -> dict[str, Fraction | float]:
        """Each player's largest incentive-constraint violation (0 when all hold)."""
        zero: Fraction | float = Fraction(0) if self.matrix.dtype == object else 0.0
        out = {p: zero for p in self.game.players}
        for (player, _, _), s in self.slack(distribution).items():
            out[player] = max(out[player], -s)
        return out

    def payoff_vectors(self) -> dict[str, NDArray[Any]]:
        """``{player: that player's payoff at each profile}`` (Fractions for exact games)."""
        game = self.game
        pay = game.payoffs if game.kind == "exact" else np.asarray(game.payoffs, dtype=float)
        return {p: pay[..., i].reshape(-1) for i, p in enumerate(game.players)}

    def objective_vector(self, objective: str) -> NDArray[Any]:
        """The objective's coefficient at each profile: total payoff, or one player's payoff.

        Raises
        ------
        InputError
            If ``objective`` is neither ``"total"`` nor a player.
        """
        return self._unscaled(self.scaled_objective_vector(objective))

    def scaled_objective_vector(self, objective: str) -> NDArray[Any]:
        """:meth:`objective_vector` divided by :attr:`scale`: the objective of the LP over :attr:`matrix`."""
        check_objective(self.game, objective)
        vectors = self.payoff_vectors()
        if self.scale != 1:
            vectors = {p: u / self.scale for p, u in vectors.items()}
        return reduce(operator.add, vectors.values()) if objective == "total" else vectors[objective]

    def objective_value(self, objective: str, p: NDArray[Any]) -> Fraction | float:
        """The objective at the distribution vector ``p`` (over :attr:`profiles`)."""
        return self._unscaled(self.scaled_objective_vector(objective).dot(p))

    def dual_bound(self, objective: str, multipliers: Mapping[Constraint, Fraction | float]) -> Fraction | float:
        r"""The upper bound :math:`\max_s (c_s + (G^\top\lambda)_s)` on the objective over the polytope.

        ``multipliers`` maps constraint labels to :math:`\lambda \ge 0`
        (missing constraints 0).  Every correlated equilibrium :math:`p` has
        :math:`c^\top p \le c^\top p + \lambda^\top G p = (c + G^\top\lambda)^\top p \le` this bound.
        """
        c = self.scaled_objective_vector(objective)
        row = {label: r for r, label in enumerate(self.constraints)}
        total = c.copy()
        for label, lam in multipliers.items():
            key = tuple(label)  # a list from JSON names the same constraint
            if key not in row:
                raise InputError(f"unknown incentive constraint {key!r}", field="multipliers")
            total = total + lam * self.matrix[row[key]]
        return self._unscaled(max(total))


def check_objective(game: Game, objective: str) -> None:
    """InputError unless ``objective`` is ``"total"`` or one of the game's players."""
    if objective != "total" and (not isinstance(objective, str) or objective not in game.players):
        raise InputError(f"objective must be 'total' or a player name {list(game.players)}, got {objective!r}",
                         field="objective")


def correlated_polytope(game: Game) -> CorrelatedPolytope:
    """The incentive constraints of ``game``, labelled.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> poly = correlated_polytope(pd)
    >>> poly.constraints[0], poly.matrix[0].tolist()
    (('Player 1', 'C', 'D'), [Fraction(-1, 1), Fraction(-1, 1), Fraction(0, 1), Fraction(0, 1)])
    """
    game.require_numeric("a correlated equilibrium")
    pay = game.payoffs if game.kind == "exact" else np.asarray(game.payoffs, dtype=float)
    scale = 1.0
    if game.kind != "exact":
        top = float(np.abs(pay).max()) if pay.size else 0.0
        k = scale_exponent(top)
        if k:
            # a power of two: the division is exact, differences of scaled payoffs cannot overflow, and
            # HiGHS's absolute tolerances are not larger than tiny payoffs
            scale = math.ldexp(1.0, k)  # top / scale in [1, 2)
            pay = pay / scale
    G, index = incentive_matrix(pay)
    G.setflags(write=False)
    profiles = tuple(itertools.product(*game.strategies))
    labels = tuple((game.players[i], game.strategies[i][a], game.strategies[i][b]) for i, a, b in index)
    return CorrelatedPolytope(game, profiles, G, labels, scale)


def _exact_feasible(G: NDArray[np.object_], p: Sequence[Fraction]) -> bool:
    return all(q >= 0 for q in p) and all(v >= 0 for v in G.dot(np.array(p, dtype=object)))


def _exact_distribution(G: NDArray[np.object_], Gf: NDArray[np.float64], pf: NDArray[np.float64],
                        tol: float) -> list[Fraction] | None:
    """Exact feasible distribution near the float one, or None (``Gf`` is ``G`` in floats, maybe scaled)."""
    for p in rational_candidates(pf):
        if _exact_feasible(G, p):
            return p
    slack = Gf @ pf
    for t in (tol, 100 * tol, 1e4 * tol):
        support = [k for k in range(len(pf)) if pf[k] > t]
        binding = [r for r in range(G.shape[0]) if slack[r] <= t]
        M = [[G[r, k] for k in support] for r in binding] + [[Fraction(1)] * len(support)]
        z = solve_rational(M, [Fraction(0)] * len(binding) + [Fraction(1)])
        if z is None:
            continue
        p = [Fraction(0)] * len(pf)
        for k, v in zip(support, z):
            p[k] = v
        if _exact_feasible(G, p):
            return p
    return None


def _exact_multipliers(poly: CorrelatedPolytope, objective: str, lam_f: NDArray[np.float64],
                       value: Fraction) -> dict[Constraint, Fraction]:
    """Rational multipliers near HiGHS's duals with the lowest dual bound (equal to ``value`` when they certify)."""
    best: dict[Constraint, Fraction] = {}
    best_bound = poly.dual_bound(objective, best)
    for lam in rational_candidates(lam_f, normalise=False) if len(lam_f) else []:
        cand = {label: v for label, v in zip(poly.constraints, lam) if v > 0}
        bound = poly.dual_bound(objective, cand)
        if bound < best_bound:
            best, best_bound = cand, bound
        if best_bound == value:
            break
    return best


def _float_lp_data(G: NDArray[Any], c: NDArray[Any], exact: bool) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                                                          bool]:
    """``(G, c)`` in floats for HiGHS, and whether they were divided by a power of two.

    Exact payoffs beyond :data:`FLOAT_SCALE_ABOVE` are divided by one power of
    two first (:func:`gametheory.payoff_scale.scaled_floats`; the LP has the
    same solutions); float games were scaled by :func:`correlated_polytope` already.
    """
    if exact:
        both = np.concatenate([np.asarray(G, dtype=object).reshape(-1), np.asarray(c, dtype=object)])
        if both.size and max_abs(both) > FLOAT_SCALE_ABOVE:
            flat, _ = scaled_floats(both)
            return flat[:G.size].reshape(G.shape), flat[G.size:], True
    return np.asarray(G, dtype=float), np.asarray(c, dtype=float), False


def _exact_optimum(poly: CorrelatedPolytope, c: NDArray[np.object_], hint: list[float],
                   max_pivots: int | None = None) -> tuple[list[Fraction], dict[Constraint, Fraction], int] | None:
    """The exact optimum of the LP, its multipliers and the simplex pivots made; None at the pivot limit."""
    G = poly.matrix
    P = len(poly.profiles)
    sol = exact_lp(list(c), A_ub=[[-v for v in row] for row in G], b_ub=[0] * G.shape[0],
                   A_eq=[[1] * P], b_eq=[1], hint=hint, max_pivots=max_pivots)
    if sol.status != "optimal":
        # the polytope holds every Nash equilibrium's distribution, so only the pivot limit gets here
        return None
    multipliers = {label: v for label, v in zip(poly.constraints, sol.duals_ub) if v > 0}
    return list(sol.x), multipliers, sol.pivots


def correlated_equilibrium(game: Game, objective: str = "total", max_cost: float | None = None) -> CorrelatedResult:
    """The correlated equilibrium maximising total payoff or one player's payoff.

    Parameters
    ----------
    game : Game
        A numeric game with any number of players.
    objective : str
        ``"total"`` (default) or a player's name.
    max_cost : float, optional
        Limit on the constraint matrix size (rows times profiles), see :mod:`gametheory.cost`.

    Returns
    -------
    CorrelatedResult
        The distribution, its objective value, and the LP multipliers whose
        dual bound certifies the value optimal (``optimal_certified``).  For
        an exact game the value is the exact optimum (see the module
        docstring); when the exact simplex had to find it, a diagnostic says
        so and states the certificate.

    Raises
    ------
    InputError
        If ``objective`` is neither ``"total"`` nor a player, or (float games)
        a reported value exceeds the largest float.
    CostLimitError
        If the LP is larger than ``max_cost``.

    Examples
    --------
    A game where rounding the float optimum gives a feasible but not optimal
    point (total 100); the exact optimum is 2122/21:

    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[68, -65, 49], [-27, 30, 49], [14, -6, 7]],
    ...                        [[27, 77, 73], [-37, -54, -37], [-99, -53, 4]])
    >>> ce = correlated_equilibrium(g)
    >>> str(ce.objective_value), ce.optimal_certified, [str(q) for q in ce.distribution.values()]
    ('2122/21', True, ['17/21', '4/21'])
    """
    from scipy.optimize import linprog  # here, not at the top: importing scipy takes longer than most solves

    game.require_numeric("a correlated equilibrium")
    check_objective(game, objective)
    rows = sum(k * (k - 1) for k in game.shape)
    check_cost(max(rows, 1) * game.num_profiles, max_cost, "correlated",
               f"{rows} incentive constraints over {game.num_profiles} profiles")
    poly = correlated_polytope(game)
    G = poly.matrix
    c = poly.scaled_objective_vector(objective)
    exact = game.kind == "exact"
    Gf, cf, lp_scaled = _float_lp_data(G, c, exact)
    P = game.num_profiles
    res = linprog(-cf, A_ub=-Gf if len(Gf) else None, b_ub=np.zeros(len(Gf)) if len(Gf) else None,
                  A_eq=np.ones((1, P)), b_eq=[1.0], bounds=[(0, None)] * P, method="highs")
    if res.status != 0:
        raise GameTheoryError(f"internal error: the correlated-equilibrium LP failed ({res.message})")
    pf = np.clip(res.x, 0.0, None)
    pf = pf / pf.sum()
    # HiGHS reports the marginals of A_ub x <= b_ub, i.e. of -G p <= 0: their negatives are the lambda >= 0
    lam_f = np.clip(-res.ineqlin.marginals, 0.0, None) if len(Gf) else np.zeros(0)
    # the payoff scale of the LP HiGHS solved (exact payoffs beyond the float range were scaled to below 1)
    payoff_scale = 1.0 if lp_scaled else max(1.0, float(np.abs(np.asarray(game.payoffs, dtype=float)).max()))
    tol = default_tolerance(game)
    diagnostics: list[str] = []
    p = _exact_distribution(G, Gf, pf, 1e-9 * payoff_scale) if exact else None
    multipliers: dict[Constraint, Fraction] | dict[Constraint, float] = {}
    certified = False
    if p is not None:
        value = sum((ci * q for ci, q in zip(c, p) if q), Fraction(0))
        multipliers = _exact_multipliers(poly, objective, lam_f, value)
        certified = poly.dual_bound(objective, multipliers) == value
    if exact and not certified:
        found = _exact_optimum(poly, c, list(pf) + list(Gf @ pf))
        if found is not None:
            p, multipliers, pivots = found
            value = sum((ci * q for ci, q in zip(c, p) if q), Fraction(0))
            diagnostics.append(f"rounding the float optimum did not certify; exact simplex from its basis "
                               f"({pivots} pivots): optimality certified: dual objective = primal objective = "
                               f"{value}")
        elif p is not None:
            diagnostics.append("the exact simplex reached its pivot limit: the rounded float optimum is shown, "
                               "optimality not certified")
    if exact and p is None:
        if lp_scaled:
            raise GameTheoryError("the exact simplex reached its pivot limit, and payoffs beyond the float range "
                                  "leave no float answer to show")
        exact = False
        tol = 1e-9 * payoff_scale
        diagnostics.append("exact verification failed; float distribution shown")
    dist: dict[tuple[str, ...], Fraction] | dict[tuple[str, ...], float]
    if p is not None:
        dist = {prof: q for prof, q in zip(poly.profiles, p) if q > 0}
    else:
        kept = [(prof, float(q)) for prof, q in zip(poly.profiles, pf) if q > 1e-12]
        total = sum(q for _, q in kept)
        dist = {prof: q / total for prof, q in kept}
        multipliers = {label: float(v) for label, v in zip(poly.constraints, lam_f) if v > 0}
    return CorrelatedResult(game, objective, dist, multipliers, exact, 0 if exact else tol, tuple(diagnostics))
