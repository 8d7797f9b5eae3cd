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
:math:`\max(0, -\min_{a,a'} (Gp)_{i,a,a'})`: zero exactly for an exact game
(the float solution is turned into Fractions and checked with exact
arithmetic, else the LP's active set is re-solved exactly).  Optimality is
certified by LP duality: for multipliers :math:`\lambda \ge 0` of the
incentive constraints, :math:`t = \max_s (c_s + (G^\top\lambda)_s)` bounds
every feasible objective (:math:`c^\top p \le t - \lambda^\top G p \le t`),
so :math:`c^\top p = t` proves :math:`p` optimal; exact games check this
equality exactly with rationalised HiGHS duals.

Registered as method ``"correlated"``: a :class:`~gametheory.SolveResult`
holds Nash equilibria (mixed profiles), which a correlated distribution is
not, so that result has no equilibria; the distribution is in
``extra["correlated"]`` (the JSON of :class:`CorrelatedResult`) and a
diagnostics line says so.  This keeps ``result.py`` unchanged.

>>> from gametheory import Game
>>> chicken = Game.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
...                              strategies=[["C", "D"], ["C", "D"]])
>>> ce = correlated_equilibrium(chicken)
>>> {k: str(v) for k, v in ce.distribution.items()}
{('C', 'C'): '1/2', ('C', 'D'): '1/4', ('D', 'C'): '1/4'}
>>> ce.objective_value, ce.optimal_certified
(Fraction(21, 2), True)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np
from scipy.optimize import linprog

from ..cost import check_cost
from ..errors import GameTheoryError, InputError, UnsupportedGameError
from ..exact import rational_candidates, solve_rational
from ..numbers import format_number
from ..profile import default_tolerance
from ..result import SolveResult, json_number
from .registry import register

__all__ = ["CorrelatedPolytope", "CorrelatedResult", "correlated_polytope", "correlated_equilibrium", "incentive_matrix"]


def incentive_matrix(payoffs: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
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
    >>> G.tolist(), rows
    ([[1.0, -2.0, 0.0, 0.0], [0.0, 0.0, -1.0, 2.0], [0.0, 0.0, -1.0, 0.0], [0.0, 0.0, 0.0, 1.0]], [(0, 0, 1), (0, 1, 0), (1, 0, 1), (1, 1, 0)])
    """
    shape = payoffs.shape[:-1]
    rows_out, index = [], []
    for i, ni in enumerate(shape):
        u = payoffs[..., i]
        for a, b in itertools.permutations(range(ni), 2):
            row = np.zeros(shape, dtype=payoffs.dtype)
            if payoffs.dtype == object:
                row[...] = Fraction(0)
            sl = [slice(None)] * len(shape)
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
        Read-only ``G`` (Fractions for exact games).
    constraints : tuple of (player, recommended label, deviation label)
        One per row of ``matrix``: "told ``recommended``, ``player`` does
        not gain by playing ``deviation``".
    """

    game: object
    profiles: tuple
    matrix: np.ndarray
    constraints: tuple

    def slack(self, distribution: Mapping) -> dict:
        """``{(player, recommended, deviation): (G p)_row}`` for ``{profile: prob}`` (missing profiles 0)."""
        pos = {s: k for k, s in enumerate(self.profiles)}
        p = np.zeros(len(self.profiles), dtype=self.matrix.dtype)
        if self.matrix.dtype == object:
            p[:] = Fraction(0)
        for prof, q in distribution.items():
            prof = tuple(prof)
            if prof not in pos:
                raise InputError(f"unknown profile {prof!r}", field="distribution")
            p[pos[prof]] = q
        return dict(zip(self.constraints, self.matrix.dot(p)))

    def violations(self, distribution: Mapping) -> dict:
        """Each player's largest incentive-constraint violation (0 when all hold)."""
        zero = Fraction(0) if self.matrix.dtype == object else 0.0
        out = {p: zero for p in self.game.players}
        for (player, _, _), s in self.slack(distribution).items():
            out[player] = max(out[player], -s)
        return out


def correlated_polytope(game) -> CorrelatedPolytope:
    """The incentive constraints of ``game``, labelled.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> poly = correlated_polytope(pd)
    >>> poly.constraints[0], poly.matrix[0].tolist()
    (('Player 1', 'C', 'D'), [Fraction(-1, 1), Fraction(-1, 1), Fraction(0, 1), Fraction(0, 1)])
    """
    if game.kind == "symbolic":
        raise UnsupportedGameError("correlated equilibria need numeric payoffs; substitute the parameters first")
    pay = game.payoffs if game.kind == "exact" else np.asarray(game.payoffs, dtype=float)
    G, index = incentive_matrix(pay)
    G.setflags(write=False)
    profiles = tuple(itertools.product(*game.strategies))
    labels = tuple((game.players[i], game.strategies[i][a], game.strategies[i][b]) for i, a, b in index)
    return CorrelatedPolytope(game, profiles, G, labels)


@dataclass(frozen=True)
class CorrelatedResult:
    """A correlated equilibrium with its certificate.

    Attributes
    ----------
    game : Game
    objective : str
        ``"total"`` or a player's name.
    distribution : mapping
        ``{profile (tuple of labels): probability}`` over profiles with positive probability.
    payoffs : mapping
        Each player's expected payoff.
    violation : mapping
        Each player's largest incentive-constraint violation: the certificate
        (exactly 0 for an exact result, at most ``tol`` otherwise).
    objective_value : Fraction or float
    optimal_certified : bool
        True when LP duality proves the objective maximal (exactly, for exact results).
    exact : bool
    tol : float
    diagnostics : tuple of str
    """

    game: object
    objective: str
    distribution: Mapping
    payoffs: Mapping
    violation: Mapping
    objective_value: object
    optimal_certified: bool
    exact: bool
    tol: float
    diagnostics: tuple = ()

    def __post_init__(self):
        for name in ("distribution", "payoffs", "violation"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))
        worst = max(self.violation.values(), default=0)
        if worst > self.tol:
            raise GameTheoryError(
                f"internal error: correlated equilibrium violates an incentive constraint by {float(worst):.3g}"
            )

    def to_json(self) -> dict:
        ex = self.exact
        return {
            "objective": self.objective,
            "objective_value": json_number(self.objective_value, ex),
            "optimal_certified": bool(self.optimal_certified),
            "distribution": [
                {"profile": dict(zip(self.game.players, prof)), "probability": json_number(q, ex)}
                for prof, q in self.distribution.items()
            ],
            "payoffs": {p: json_number(v, ex) for p, v in self.payoffs.items()},
            "violation": {p: json_number(v, ex) for p, v in self.violation.items()},
        }


def _objective_vector(game, objective, pay):
    if objective == "total":
        return pay.sum(axis=-1).reshape(-1)
    if not isinstance(objective, str) or objective not in game.players:
        raise InputError(f"objective must be 'total' or a player name {list(game.players)}, got {objective!r}",
                         field="objective")
    return pay[..., game.players.index(objective)].reshape(-1)


def _exact_feasible(G, p):
    return all(q >= 0 for q in p) and all(v >= 0 for v in G.dot(np.array(p, dtype=object)))


def _exact_distribution(G, pf, tol):
    """Exact feasible distribution near the float one, or None."""
    for p in rational_candidates(pf):
        if _exact_feasible(G, p):
            return p
    Gf = np.asarray(G, dtype=float)
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


def correlated_equilibrium(game, objective: str = "total", max_cost=None) -> CorrelatedResult:
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

    Raises
    ------
    InputError
        If ``objective`` is neither ``"total"`` nor a player.
    CostLimitError
        If the LP is larger than ``max_cost``.
    """
    if game.kind == "symbolic":
        raise UnsupportedGameError("correlated equilibria need numeric payoffs; substitute the parameters first")
    pay = game.payoffs if game.kind == "exact" else np.asarray(game.payoffs, dtype=float)
    c = _objective_vector(game, objective, pay)
    rows = sum(k * (k - 1) for k in game.shape)
    check_cost(max(rows, 1) * game.num_profiles, max_cost, "correlated",
               f"{rows} incentive constraints over {game.num_profiles} profiles")
    poly = correlated_polytope(game)
    G = poly.matrix
    Gf = np.asarray(G, dtype=float)
    cf = np.asarray(c, dtype=float)
    P = game.num_profiles
    res = linprog(-cf, A_ub=-Gf if len(Gf) else None, b_ub=np.zeros(len(Gf)) if len(Gf) else None,
                  A_eq=np.ones((1, P)), b_eq=[1.0], bounds=[(0, None)] * P, method="highs")
    if res.status != 0:
        raise GameTheoryError(f"internal error: the correlated-equilibrium LP failed ({res.message})")
    pf = np.clip(res.x, 0.0, None)
    pf = pf / pf.sum()
    lam_f = np.clip(-res.ineqlin.marginals, 0.0, None) if len(Gf) else np.zeros(0)
    exact = game.kind == "exact"
    scale = max(1.0, float(np.abs(np.asarray(pay, dtype=float)).max()))
    tol = default_tolerance(game)
    diagnostics = []
    p = None
    if exact:
        p = _exact_distribution(G, pf, 1e-9 * scale)
        if p is None:
            exact = False
            tol = 1e-9 * scale
            diagnostics.append("exact verification failed; float distribution shown")
    if exact:
        p_vec = np.array(p, dtype=object)
        value = sum((ci * q for ci, q in zip(c, p) if q), Fraction(0))
        certified = False
        for lam in rational_candidates(lam_f, normalise=False) if len(lam_f) else [[]]:
            bound = max(c + (G.T.dot(np.array(lam, dtype=object)) if len(lam) else 0))
            if bound == value:
                certified = True
                break
    else:
        p_vec = pf
        value = float(cf @ pf)
        bound = float((cf + Gf.T @ lam_f).max()) if len(Gf) else float(cf.max())
        certified = bound - value <= 1e-7 * scale
    dist = {prof: q for prof, q in zip(poly.profiles, p_vec) if q > (0 if exact else 1e-12)}
    payoffs = {}
    for i, player in enumerate(game.players):
        u = pay[..., i].reshape(-1)
        payoffs[player] = sum((u[k] * p_vec[k] for k in range(P) if p_vec[k]), Fraction(0) if exact else 0.0)
    violation = poly.violations(dist)
    if not exact:
        violation = {k: max(0.0, float(v)) for k, v in violation.items()}
        dist = {k: float(v) for k, v in dist.items()}
        payoffs = {k: float(v) for k, v in payoffs.items()}
    diagnostics.insert(0, f"correlated equilibrium maximising {'total payoff' if objective == 'total' else objective + chr(39) + 's payoff'}"
                          f" = {format_number(value)}; optimality {'certified by LP duality' if certified else 'not certified'}")
    return CorrelatedResult(game, objective, dist, payoffs, violation, value, certified, exact, 0 if exact else tol,
                            diagnostics)


@register(
    "correlated",
    "the correlated equilibrium maximising total payoff (option objective=PLAYER for one player's) by LP; "
    "a distribution over profiles, shown in extra 'correlated' (no Nash equilibria listed)",
    min_players=1,
    complete=False,
)
def solve_correlated(game, objective: str = "total", max_cost=None) -> SolveResult:
    """Method ``"correlated"``: a SolveResult with no equilibria and the distribution in ``extra["correlated"]``."""
    ce = correlated_equilibrium(game, objective=objective, max_cost=max_cost)
    diagnostics = list(ce.diagnostics) + [
        "a correlated equilibrium is a distribution over pure profiles, not a mixed profile: it is listed under "
        "'correlated', and no Nash equilibria were computed"
    ]
    return SolveResult(game, "correlated", False, ce.exact, ce.tol, (), diagnostics, extra={"correlated": ce.to_json()})
