r"""One Nash equilibrium of an N-player game by the global Newton method (Govindan and Wilson 2003).

Govindan and Wilson, "A global Newton method to compute Nash equilibria",
J. Economic Theory 110 (2003), follow the equilibria of the perturbed games
:math:`G + \lambda g`, in which every player :math:`i` gets a bonus
:math:`\lambda g_i(j)` for strategy :math:`j`, from a large :math:`\lambda`
(where the game has a unique, known equilibrium) down to :math:`\lambda = 0`.
In the Kohlberg-Mertens coordinates :math:`z` of the equilibrium graph, with
:math:`\sigma = r(z)` the Euclidean projection of each :math:`z_i` onto player
:math:`i`'s simplex and :math:`V_i(\sigma) = (U_i(j))_j` the payoff vector,

.. math:: H(z, \lambda) = z - r(z) - V(r(z)) - \lambda g = 0

holds exactly when :math:`\sigma` is an equilibrium of :math:`G+\lambda g`
(:math:`\sigma_i` is the projection of :math:`\sigma_i + V_i + \lambda g_i`,
i.e. only best replies are played).  :math:`H` is piecewise polynomial (one
piece per support) and, for a generic ray :math:`g`, its zero set contains a
path from the start to an equilibrium of :math:`G` (the structure theorem).

Here :math:`g_i` is the unit bonus to one pure strategy :math:`k_i`; for
:math:`\lambda` above the payoff range that pure profile is the unique
equilibrium of the perturbed game.  The path is traced by predictor-corrector
continuation in arc length (Allgower and Georg), Newton corrections with the
pseudo-inverse of the current piece's Jacobian, the tangent oriented so that
:math:`\det[\partial H;\, t^\top]` keeps its sign (the path's orientation is
preserved across pieces).  At :math:`\lambda = 0` the end point is certified by
:func:`.nplayer_certify.certify_near` (exact support system or Newton polish).
Payoffs are first rescaled to :math:`[0, 1]`, which changes no equilibrium.

References
----------
.. [1] S. Govindan and R. Wilson, "A global Newton method to compute Nash
   equilibria", *Journal of Economic Theory* 110(1) (2003) 65-86.
.. [2] E. Kohlberg and J.-F. Mertens, "On the strategic stability of
   equilibria", *Econometrica* 54(5) (1986) 1003-1037 (the structure theorem
   and the coordinates :math:`z`).
.. [3] E. L. Allgower and K. Georg, *Numerical Continuation Methods: An
   Introduction*, Springer Series in Computational Mathematics 13, Springer,
   1990 (predictor-corrector path following).
.. [4] M. Held, P. Wolfe and H. P. Crowder, "Validation of subgradient
   optimization", *Mathematical Programming* 6(1) (1974) 62-88 (the
   sort-based projection onto the simplex of :func:`project_to_simplex`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..cost import check_cost
from ..errors import GameTheoryError
from ..payoff_scale import scaled_floats
from ..profile import float_tolerance
from ..result import Equilibrium, SolveResult
from .nplayer_certify import certify
from .nplayer_payoffs import pair_values, path_cost, strategy_values

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["gnm_path", "solve_gnm", "project_to_simplex"]


def project_to_simplex(u: NDArray[np.float64]) -> NDArray[np.float64]:
    """Euclidean projection of ``u`` onto the probability simplex (sort-based, Held et al. 1974).

    >>> np.round(project_to_simplex(np.array([0.8, 0.6, -1.0])), 12).tolist()
    [0.6, 0.4, 0.0]
    """
    s = np.sort(u)[::-1]
    css = np.cumsum(s) - 1.0
    k = np.arange(1, len(u) + 1)
    rho = int(np.nonzero(s - css / k > 0)[0][-1]) + 1
    theta = css[rho - 1] / rho
    return np.maximum(u - theta, 0.0)


class _Homotopy:
    """``H(z, lambda)`` of the perturbed games ``G + lambda g`` and its Jacobian, for points ``y = (z, lambda)``."""

    def __init__(self, payoffs: NDArray[np.float64], ray: NDArray[np.float64]) -> None:
        self.u = payoffs
        self.shape = payoffs.shape[:-1]
        self.n = len(self.shape)
        self.off = np.cumsum([0] + list(self.shape))
        self.m = int(self.off[-1])
        self.g = ray

    def sigma(self, z: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        return [project_to_simplex(z[self.off[i]:self.off[i + 1]]) for i in range(self.n)]

    def support_key(self, y: NDArray[np.float64]) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(np.flatnonzero(s > 0)) for s in self.sigma(y[:-1]))

    def residual(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        z, lam = y[:-1], y[-1]
        sig = self.sigma(z)
        V = np.concatenate([strategy_values(self.u, sig, i) for i in range(self.n)])
        return z - np.concatenate(sig) - V - lam * self.g

    def jacobian(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        z = y[:-1]
        sig = self.sigma(z)
        P = np.zeros((self.m, self.m))
        DV = np.zeros((self.m, self.m))
        for i in range(self.n):
            a, b = self.off[i], self.off[i + 1]
            sup = np.flatnonzero(sig[i] > 0) + a
            P[np.ix_(sup, sup)] = np.eye(len(sup)) - 1.0 / len(sup)
            for k in range(self.n):
                if k != i:
                    DV[a:b, self.off[k]:self.off[k + 1]] = pair_values(self.u, sig, i, k)
        J = np.empty((self.m, self.m + 1))
        J[:, :-1] = np.eye(self.m) - P - DV @ P
        J[:, -1] = -self.g
        return J


def _kernel(J: NDArray[np.float64]) -> NDArray[np.float64]:
    q, _ = np.linalg.qr(J.T, mode="complete")
    return q[:, -1]


def _orient(J: NDArray[np.float64], t: NDArray[np.float64], sign: float,
            previous: NDArray[np.float64] | None) -> NDArray[np.float64]:
    d = np.linalg.det(np.vstack([J, t]))
    if abs(d) > 1e-12:
        return t if np.sign(d) == sign else -t
    return t if previous is None or np.dot(t, previous) >= 0 else -t


def _newton(H: _Homotopy, y: NDArray[np.float64], tol: float = 1e-11, iters: int = 12) -> NDArray[np.float64] | None:
    for _ in range(iters):
        F = H.residual(y)
        if np.max(np.abs(F)) <= tol:
            return y
        y = y + np.linalg.lstsq(H.jacobian(y), -F, rcond=None)[0]
    return None


def _cross_boundary(H: _Homotopy, y: NDArray[np.float64], t: NDArray[np.float64],
                    sign: float) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Continue the path across a support change just ahead of ``y`` along ``t``."""
    base = H.support_key(y)
    for delta in 10.0 ** -np.arange(10, 2, -1):
        probe = y + delta * t
        key = H.support_key(probe)
        if key == base:
            continue
        J = H.jacobian(probe)
        t_new = _orient(J, _kernel(J), sign, t)
        for step in (10 * delta, 1e-6, 1e-5, 1e-4):
            yc = _newton(H, y + step * t_new)
            if yc is not None and np.dot(yc - y, t_new) > 0.5 * step and H.support_key(yc) == key:
                J = H.jacobian(yc)
                return yc, _orient(J, _kernel(J), sign, t_new)
        return None
    return None


def gnm_path(payoffs: NDArray[np.float64], start: Sequence[int], max_steps: int = 2000,
             seed: int = 0) -> tuple[list[NDArray[np.float64]], int]:
    """Kernel: follow the GNM path from the pure profile ``start`` to lambda = 0.

    Parameters
    ----------
    payoffs : ndarray of float, shape (n_1, ..., n_N, N), rescaled to [0, 1]
    start : sequence of int
        The pure strategy of each player that the ray favours.
    max_steps : int
    seed : int
        Seeds the small random part of the ray.

    Returns
    -------
    (list of ndarray, int)
        The end point's mixed strategies (an approximate equilibrium) and the number of steps.

    Raises
    ------
    GameTheoryError
        If the path cannot be followed (step size underflow or too many steps).
    """
    shape = payoffs.shape[:-1]
    off = np.cumsum([0] + list(shape))
    rng = np.random.default_rng(seed)
    # A generic ray (Govindan-Wilson): bonus 1 on the start strategy, a random bonus below 1/4
    # elsewhere; a ray with ties (0 for every other strategy) can send the path into a cycle.
    g = rng.uniform(0.0, 0.25, int(off[-1]))
    for i, k in enumerate(start):
        g[off[i] + k] = 1.0
    H = _Homotopy(payoffs, g)
    # above this the start profile strictly dominates: lam * (1 - 1/4) > payoff range
    lam0 = 2.0 + 2.0 * float(np.ptp(payoffs)) / 0.75
    sig0 = [np.eye(n)[k] for n, k in zip(shape, start)]
    V0 = np.concatenate([strategy_values(payoffs, sig0, i) for i in range(len(shape))])
    y = np.append(np.concatenate(sig0) + V0 + lam0 * g, lam0)
    J = H.jacobian(y)
    t = _kernel(J)
    if t[-1] > 0:
        t = -t
    sign = np.sign(np.linalg.det(np.vstack([J, t]))) or 1.0
    h = 0.05
    accepted, anchor = 0, y.copy()
    for step in range(max_steps):
        yc = y + h * t
        ok, prev = False, None
        for k in range(8):
            F = H.residual(yc)
            if np.max(np.abs(F)) <= 1e-11:
                ok = True
                break
            dy, *_ = np.linalg.lstsq(H.jacobian(yc), -F, rcond=None)
            size = np.linalg.norm(dy)
            if (k == 0 and size > max(0.5 * h, 1e-3)) or (prev is not None and size > 0.6 * prev):
                break
            prev = size
            yc = yc + dy
        if ok and np.dot(yc - y, t) < 0.25 * h:
            ok = False  # Newton fell back towards y: the path turns at a support change ahead
        if not ok:
            h /= 2.0
            if h < 1e-7:
                # A sharp kink where the support changes: the predictor along the old tangent
                # misses the path, and shrinking steps only creep up to the boundary.  Step just
                # across it, correct there, and take the new piece's tangent.
                crossed = _cross_boundary(H, y, t, sign)
                if crossed is None:
                    raise GameTheoryError("GNM path following stalled at a support change")
                y, t = crossed
                h = 1e-4
            continue
        if yc[-1] <= 0.0:
            w = y[-1] / (y[-1] - yc[-1])
            z = y[:-1] + w * (yc[:-1] - y[:-1])
            for _ in range(30):
                F = H.residual(np.append(z, 0.0))
                if np.max(np.abs(F)) <= 1e-13:
                    break
                Jz = H.jacobian(np.append(z, 0.0))[:, :-1]
                z = z + np.linalg.lstsq(Jz, -F, rcond=None)[0]
            return H.sigma(z), step + 1
        if yc[-1] > 4 * lam0:
            raise GameTheoryError("GNM path went back to large lambda (non-generic ray)")
        J = H.jacobian(yc)
        t = _orient(J, _kernel(J), sign, t)
        y = yc
        h = min(h * 1.5, 1.0)
        accepted += 1
        if accepted % 50 == 0:
            # Alternating between the tangents of two pieces at a corner makes no progress;
            # give this ray up early rather than spend max_steps on it.
            if np.linalg.norm(y - anchor) < 1e-6:
                raise GameTheoryError("GNM path stuck at a corner of two support changes")
            anchor = y.copy()
    raise GameTheoryError(f"GNM path not finished after {max_steps} steps")


def solve_gnm(game: Game, seed: int = 0, restarts: int = 8, max_steps: int = 2000,
              max_cost: float | None = None) -> SolveResult:
    """One certified Nash equilibrium of ``game`` by the global Newton method.

    Parameters
    ----------
    game : Game
    seed : int
        Seeds the choice of the rays (pure profiles) tried after the first.
    restarts : int
        Number of rays tried before giving up.
    max_steps : int
        Steps per path.
    max_cost : float, optional
        Refuse the game when the estimated work of one path
        (:func:`.nplayer_payoffs.path_cost`) is above this (None: :data:`gametheory.cost.DEFAULT_MAX_COST`).

    Returns
    -------
    SolveResult
        ``complete`` is False (one equilibrium); no equilibrium and a diagnostic if no path ended
        at a point that could be certified.  An exact game's equilibrium is a float one, with a
        diagnostic, when its support system is too large to solve exactly (:func:`.nplayer_certify.certify`).

    Raises
    ------
    CostLimitError
        If the estimated cost exceeds ``max_cost``.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pennies = Game.zero_sum([[1, -1], [-1, 1]])
    >>> [list(map(str, v)) for v in solve(pennies, method="gnm")[0].profile.vectors]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    game.require_numeric("gnm")
    # one path charged: the first ray usually reaches lambda = 0; each restart costs as much again
    check_cost(path_cost(game.shape), max_cost, "gnm",
               f"one path on {len(game.shape)} players' payoff tensors of {game.num_profiles} profiles")
    # each player's payoffs divided by their own power of two (no best reply changes): exact payoffs beyond
    # the float range get floats, and a player whose payoffs are 1 beside another's 1e309 is not rounded to 0
    pay = np.stack([scaled_floats(game.payoffs[..., i])[0] for i in range(game.num_players)], axis=-1)
    span = float(pay.max() - pay.min())
    scaled = (pay - pay.min()) / (span if span > 0 else 1.0)
    rng = np.random.default_rng(seed)
    diags: list[str] = []
    tol = float_tolerance(game)
    for attempt in range(max(1, restarts)):
        start = [0] * game.num_players if attempt == 0 else [int(rng.integers(n)) for n in game.shape]
        try:
            approx, steps = gnm_path(scaled, start, max_steps, seed=seed + attempt)
        except GameTheoryError as exc:
            diags.append(f"ray at pure profile {start}: {exc}")
            continue
        cert = certify(game, approx)
        prof = cert.profile
        if prof is None:
            diags.append(f"ray at pure profile {start}: end point not certified")
            continue
        diags.append(f"path from the ray at pure profile {start} reached lambda = 0 in {steps} steps")
        diags.extend(cert.notes)
        exact = prof.exact
        eq = Equilibrium.from_profile(prof, {"ray": start, "steps": steps})
        return SolveResult(game, "gnm", False, exact, 0 if exact else tol, (eq,), tuple(diags))
    diags.append("no equilibrium certified; try method 'logit' or more restarts")
    return SolveResult(game, "gnm", False, False, tol, (), tuple(diags))
