r"""Logit quantal response equilibrium: the principal branch, traced from lambda = 0.

A logit QRE at precision :math:`\lambda \ge 0` (McKelvey and Palfrey 1995,
"Quantal response equilibria for normal form games", GEB 10) is a profile with

.. math:: \sigma_i(j) = \frac{\exp(\lambda U_i(j))}{\sum_k \exp(\lambda U_i(k))}.

In log probabilities :math:`z_{ij} = \ln\sigma_i(j)` the QRE correspondence is
the zero set of

.. math:: H(z, \lambda) = \Bigl(\textstyle\sum_j e^{z_{ij}} - 1,\;
          z_{ij} - z_{i0} - \lambda\,(U_i(j) - U_i(0))\Bigr),

a curve through the uniform profile at :math:`\lambda = 0` whose principal
branch converges, for generic games, to a Nash equilibrium as
:math:`\lambda\to\infty` (Turocy 2005, "A dynamic homotopy interpretation of
the logistic quantal response equilibrium correspondence", GEB 51).  It is
traced by predictor-corrector continuation in arc length (Allgower and Georg,
"Numerical continuation methods"): an Euler step along the tangent (the
kernel of the Jacobian, oriented so the path keeps its direction, which lets
it pass turning points in :math:`\lambda`), then Newton corrections with the
Moore-Penrose pseudo-inverse, with step-size control.  The end point is
certified by :func:`.nplayer_certify.certify_near` (exact support system or
Newton polish) before it is called a Nash equilibrium.

References
----------
.. [1] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for
   normal form games", *Games and Economic Behavior* 10 (1995) 6-38.
.. [2] T. L. Turocy, "A dynamic homotopy interpretation of the logistic
   quantal response equilibrium correspondence", *Games and Economic
   Behavior* 51(2) (2005) 243-263.
.. [3] E. L. Allgower and K. Georg, *Numerical Continuation Methods: An
   Introduction*, Springer Series in Computational Mathematics 13, Springer,
   1990.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..cost import check_cost
from ..errors import GameTheoryError, InputError
from ..payoff_scale import scaled_floats
from ..profile import MixedProfile, float_tolerance
from ..result import Equilibrium, SolveResult
from .nplayer_certify import certify
from .nplayer_payoffs import pair_values, path_cost, regrets, strategy_values

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["LogitPath", "trace_logit", "logit_qre_at", "solve_logit"]


@dataclass(frozen=True)
class LogitPath:
    """Points ``(lambda, profile)`` of the principal logit branch and its certified limit.

    Attributes
    ----------
    game : Game
    lambdas : tuple of float
    profiles : tuple of tuple of tuple of float
        ``profiles[k][i][j]``: probability of strategy ``j`` of player ``i`` at ``lambdas[k]``.
    limit : MixedProfile or None
        The verified Nash equilibrium the path approaches (None if it could not be certified).
    end_regret : float
        Max regret of the last traced point, before certification.
    notes : tuple of str
        What the certification could not do (e.g. an exact step skipped for its cost).
    """

    game: Game
    lambdas: tuple[float, ...]
    profiles: tuple[tuple[tuple[float, ...], ...], ...]
    limit: MixedProfile | None
    end_regret: float
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.lambdas)

    def profile_at(self, k: int) -> MixedProfile:
        """The ``k``-th traced point as a labelled float profile."""
        return MixedProfile(self.game, [list(v) for v in self.profiles[k]], exact=False)

    def sampled(self, max_points: int = 60) -> list[dict[str, Any]]:
        """A JSON-able subsample: ``[{"lambda": l, "profile": {player: {label: p}}}, ...]``."""
        n = len(self.lambdas)
        idx = sorted(set(np.linspace(0, n - 1, min(n, max_points)).round().astype(int).tolist()))
        g = self.game
        return [
            {
                "lambda": float(self.lambdas[k]),
                "profile": {
                    p: dict(zip(g.strategies[i], map(float, self.profiles[k][i]))) for i, p in enumerate(g.players)
                },
            }
            for k in idx
        ]


class _System:
    """H(z, lambda) and its Jacobian for one game."""

    def __init__(self, payoffs: NDArray[np.float64]) -> None:
        self.u = payoffs
        self.shape = payoffs.shape[:-1]
        self.n = len(self.shape)
        self.offsets = np.cumsum([0] + list(self.shape))
        self.m = int(self.offsets[-1])

    def split(self, z: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        return [np.exp(z[self.offsets[i]:self.offsets[i + 1]]) for i in range(self.n)]

    def residual(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        z, lam = y[:-1], y[-1]
        sig = self.split(z)
        out = np.empty(self.m)
        for i in range(self.n):
            a, b = self.offsets[i], self.offsets[i + 1]
            vals = strategy_values(self.u, sig, i)
            out[a] = sig[i].sum() - 1.0
            out[a + 1:b] = z[a + 1:b] - z[a] - lam * (vals[1:] - vals[0])
        return out

    def jacobian(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        z, lam = y[:-1], y[-1]
        sig = self.split(z)
        J = np.zeros((self.m, self.m + 1))
        for i in range(self.n):
            a, b = self.offsets[i], self.offsets[i + 1]
            vals = strategy_values(self.u, sig, i)
            J[a, a:b] = sig[i]
            k = b - a
            if k > 1:
                J[a + 1:b, a + 1:b] = np.eye(k - 1)
                J[a + 1:b, a] = -1.0
                J[a + 1:b, -1] = -(vals[1:] - vals[0])
            for other in range(self.n):
                if other == i or k == 1:
                    continue
                c, d = self.offsets[other], self.offsets[other + 1]
                U = pair_values(self.u, sig, i, other)
                J[a + 1:b, c:d] = -lam * (U[1:] - U[0]) * sig[other][None, :]
        return J


def _tangent(J: NDArray[np.float64], previous: NDArray[np.float64] | None) -> NDArray[np.float64]:
    q, _ = np.linalg.qr(J.T, mode="complete")
    t = q[:, -1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if np.dot(t, previous) >= 0 else -t


def _trace(system: _System, stop: Callable[[NDArray[np.float64]], bool], first_step: float = 0.03,
           max_steps: int = 20000) -> list[NDArray[np.float64]]:
    """Trace from the uniform profile until ``stop(y)``; returns the list of accepted points."""
    y = np.concatenate([np.concatenate([np.full(k, -np.log(k)) for k in system.shape]), [0.0]])
    points = [y.copy()]
    t = _tangent(system.jacobian(y), None)
    h = first_step
    for _ in range(max_steps):
        if stop(y):
            break
        yc = y + h * t
        ok = False
        prev = None
        for k in range(8):
            F = system.residual(yc)
            if np.max(np.abs(F)) <= 1e-10 * (1.0 + abs(yc[-1])):
                ok = True
                break
            dy, *_ = np.linalg.lstsq(system.jacobian(yc), -F, rcond=None)
            size = np.linalg.norm(dy)
            if (k == 0 and size > max(0.5 * h, 0.1)) or (prev is not None and size > 0.6 * prev):
                break
            prev = size
            yc = yc + dy
        if not ok or not np.all(np.isfinite(yc)):
            h /= 2.0
            if h < 1e-10:
                raise GameTheoryError("logit path following stalled (step size underflow)")
            continue
        t = _tangent(system.jacobian(yc), t)
        y = yc
        points.append(y.copy())
        h = min(h * 1.6, 1e6)
    return points


def _scaled_payoffs(game: Game) -> tuple[NDArray[np.float64], float, int]:
    """The payoffs as floats divided by ``2**k``, their range (1 when all payoffs are equal), and ``k``.

    ``k`` is 0 for payoffs of ordinary size (:func:`gametheory.payoff_scale.scaled_floats`); otherwise the
    path is traced on the scaled payoffs, where ``lambda`` is ``2**k`` times the precision in payoff units,
    so that exact payoffs beyond the float range and tiny ones are traced like any other.
    """
    pay, k = scaled_floats(game.payoffs)
    span = float(pay.max() - pay.min())
    return pay, (span if span > 0 else 1.0), k


def trace_logit(game: Game, max_regret: float = 1e-7, max_lambda: float | None = None,
                max_steps: int = 20000, max_cost: float | None = None) -> LogitPath:
    """Trace the principal branch of the logit QRE correspondence of ``game``.

    Parameters
    ----------
    game : Game
        Numeric game, any number of players.
    max_regret : float
        Stop when the traced profile's max regret is below this fraction of the payoff range
        (only when ``max_lambda`` is not given).
    max_lambda : float, optional
        Trace up to this precision (default: until ``max_regret`` is met, at most ``1e8``
        over the payoff range).
    max_steps : int
        Limit on accepted plus rejected steps.
    max_cost : float, optional
        Refuse the game when the estimated work of the path (:func:`.nplayer_payoffs.path_cost`)
        is above this (None: :data:`gametheory.cost.DEFAULT_MAX_COST`).

    Returns
    -------
    LogitPath

    Raises
    ------
    CostLimitError
        If the estimated cost exceeds ``max_cost``.

    Examples
    --------
    >>> from gametheory import Game
    >>> path = trace_logit(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> path.profiles[0]
    ((0.5, 0.5), (0.5, 0.5))
    >>> path.limit.support()
    {'Player 1': ('2',), 'Player 2': ('2',)}
    """
    game.require_numeric("the logit QRE")
    check_cost(path_cost(game.shape), max_cost, "logit",
               f"one path on {len(game.shape)} players' payoff tensors of {game.num_profiles} profiles")
    pay, span, k = _scaled_payoffs(game)
    system = _System(pay)
    lam_cap = 1e8 / span if max_lambda is None else math.ldexp(float(max_lambda), k)

    def stop(y: NDArray[np.float64]) -> bool:
        sig = system.split(y[:-1])
        if max_lambda is not None:
            return y[-1] >= lam_cap
        return bool(y[-1] >= lam_cap or (y[-1] > 0 and regrets(pay, sig).max() <= max_regret * span))

    points = _trace(system, stop, max_steps=max_steps)
    profiles = tuple(tuple(tuple(float(p) for p in v) for v in system.split(y[:-1])) for y in points)
    last = [np.array(v) for v in profiles[-1]]
    cert = certify(game, last)
    return LogitPath(game, tuple(math.ldexp(float(y[-1]), -k) for y in points), profiles, cert.profile,
                     math.ldexp(float(regrets(pay, last).max()), k), cert.notes)


def logit_qre_at(game: Game, lam: float) -> MixedProfile:
    """The logit QRE at precision ``lam`` on the principal branch (float profile).

    >>> from gametheory import Game
    >>> pennies = Game.zero_sum([[1, -1], [-1, 1]])
    >>> [round(float(q), 12) for q in logit_qre_at(pennies, 3.0).vectors[0]]
    [0.5, 0.5]
    """
    game.require_numeric("the logit QRE")
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise InputError(f"lambda must be a finite number >= 0, got {lam}", field="lambda")
    pay, _, k = _scaled_payoffs(game)
    system = _System(pay)
    lam = math.ldexp(lam, k)
    points = _trace(system, lambda y: bool(y[-1] >= lam))
    y = points[-1]
    if len(points) > 1 and y[-1] != lam:
        a, b = points[-2], points[-1]
        w = (lam - a[-1]) / (b[-1] - a[-1]) if b[-1] != a[-1] else 1.0
        y = a + w * (b - a)
    z = y[:-1].copy()
    for _ in range(50):
        F = system.residual(np.append(z, lam))
        if np.max(np.abs(F)) <= 1e-13 * (1 + lam):
            break
        J = system.jacobian(np.append(z, lam))[:, :-1]
        z = z + np.linalg.solve(J, -F)
    sig = system.split(z)
    return MixedProfile(game, [(v / v.sum()).tolist() for v in sig], exact=False)


def solve_logit(game: Game, max_regret: float = 1e-7, max_lambda: float | None = None,
                path_points: int = 60, max_cost: float | None = None) -> SolveResult:
    """The verified limit of the logit QRE path, with the sampled path in ``extra["path"]``.

    ``complete`` is False: one equilibrium.  ``max_cost`` limits the estimated work
    (:func:`trace_logit`); an exact game's limit is a float one, with a diagnostic, when its
    support system is too large to solve exactly (:func:`.nplayer_certify.certify`).
    """
    path = trace_logit(game, max_regret=max_regret, max_lambda=max_lambda, max_cost=max_cost)
    exact = path.limit is not None and path.limit.exact
    tol = 0 if exact else float_tolerance(game)
    diags = [f"traced {len(path)} points up to lambda = {path.lambdas[-1]:.6g}; end regret {path.end_regret:.3g}"]
    eqs: list[Equilibrium] = []
    if path.limit is None:
        diags.append("the path's end point could not be certified as a Nash equilibrium (no support system fits)")
    else:
        eqs.append(Equilibrium.from_profile(path.limit, {"lambda_end": path.lambdas[-1]}))
    diags.extend(path.notes)
    return SolveResult(game, "logit", False, exact, tol, tuple(eqs), tuple(diags),
                       extra={"path": path.sampled(path_points)})
