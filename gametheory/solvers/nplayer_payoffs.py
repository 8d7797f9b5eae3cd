r"""Payoffs of mixed profiles in N-player games, and the Newton polish on a support.

For a payoff tensor :math:`u` of shape :math:`(n_1,\dots,n_N,N)` and mixed
strategies :math:`\sigma_k`, player :math:`i`'s payoff to pure strategy
:math:`j` is the contraction

.. math:: U_i(j) = \sum_{s_{-i}} u_i(j, s_{-i}) \prod_{k\ne i}\sigma_k(s_k),

and :math:`\partial U_i(j) / \partial \sigma_k(l) = U_{ik}(j, l)`, the same
contraction with player :math:`k`'s axis left open.  Both work on float arrays
and on object arrays (Fractions, mpmath numbers).

:func:`polish_on_support` is Newton's method on the square system that
characterises a Nash equilibrium with a given support (every support strategy
earns :math:`v_i`, probabilities sum to one):

.. math:: U_i(j) - v_i = 0 \;(j \in S_i), \qquad \sum_{j\in S_i}\sigma_i(j) - 1 = 0,

the final step of the one-equilibrium methods: a path-following method ends
near an equilibrium, and Newton on its support brings the regret down to
rounding level (quadratic convergence at a regular solution).

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite
   games", in H. Amman, D. Kendrick and J. Rust (eds.), *Handbook of
   Computational Economics* 1, Elsevier, 1996, 87-142 (the equilibrium
   equations of a support).
.. [2] J. E. Dennis, Jr. and R. B. Schnabel, *Numerical Methods for
   Unconstrained Optimization and Nonlinear Equations*, Prentice-Hall, 1983
   (Newton's method and its local quadratic convergence).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

__all__ = ["strategy_values", "pair_values", "regrets", "polish_on_support", "support_of", "path_cost",
           "PATH_JACOBIANS"]

#: Jacobians charged to one followed path: about 200 accepted steps of up to 8 Newton corrections each,
#: typical of the games here (an order of magnitude, not a bound: a path has no useful length bound).
PATH_JACOBIANS = 1600

#: One mixed strategy per player; the entries may be floats, Fractions or mpmath numbers.
MixedVectors: TypeAlias = "Sequence[NDArray[Any] | Sequence[Any]]"


def strategy_values(payoffs: NDArray[Any], vectors: MixedVectors, i: int) -> NDArray[Any]:
    """``U_i(j)`` for every pure strategy ``j`` of player ``i`` against the others' mixtures."""
    arr = payoffs[..., i]
    for k in reversed(range(len(vectors))):
        if k != i:
            arr = np.tensordot(arr, vectors[k], axes=([k], [0]))
    return arr


def pair_values(payoffs: NDArray[Any], vectors: MixedVectors, i: int, k: int) -> NDArray[Any]:
    """``U_ik(j, l)``: player ``i``'s payoff to ``j`` when player ``k`` plays ``l``, the rest mix."""
    arr = payoffs[..., i]
    for m in reversed(range(len(vectors))):
        if m not in (i, k):
            arr = np.tensordot(arr, vectors[m], axes=([m], [0]))
    return arr if i < k else arr.T


def regrets(payoffs: NDArray[Any], vectors: MixedVectors) -> NDArray[np.float64]:
    """Each player's regret ``max_j U_i(j) - sigma_i . U_i`` (float)."""
    out = []
    for i in range(len(vectors)):
        vals = strategy_values(payoffs, vectors, i)
        out.append(float(np.max(vals) - np.dot(vals, vectors[i])))
    return np.array(out)


def path_cost(shape: Sequence[int], paths: int = 1) -> int:
    r"""Estimated multiplications of ``paths`` followed paths (logit, global Newton) on a game of ``shape``.

    One Jacobian needs :func:`pair_values` for every ordered pair of players, each a contraction of a
    tensor of :math:`\prod_k n_k` entries: :math:`N^2 \prod_k n_k` multiplications; a path is charged
    :data:`PATH_JACOBIANS` of them.  Checked with :func:`gametheory.cost.check_cost` before the work.

    >>> path_cost((2, 2, 2))
    115200
    >>> path_cost((3,) * 12) > 10**11
    True
    """
    n = len(shape)
    size = 1
    for k in shape:
        size *= int(k)
    return paths * PATH_JACOBIANS * n * n * size


def support_of(vectors: Sequence[ArrayLike], threshold: float) -> tuple[tuple[int, ...], ...]:
    """Indices with probability above ``threshold`` (the largest is always kept)."""
    sup = []
    for vec in vectors:
        v = np.asarray(vec, dtype=float)
        idx = tuple(int(j) for j in np.flatnonzero(v > threshold))
        sup.append(idx or (int(np.argmax(v)),))
    return tuple(sup)


def polish_on_support(payoffs: NDArray[np.float64], vectors: Sequence[ArrayLike], support: Sequence[Sequence[int]],
                      max_iter: int = 30) -> list[NDArray[np.float64]] | None:
    """Newton's method on the support's indifference system, from ``vectors``.

    Parameters
    ----------
    payoffs : ndarray of float, shape (n_1, ..., n_N, N)
    vectors : sequence of ndarray
        Starting mixed strategies (near an equilibrium with this support).
    support : sequence of sequence of int
        The strategies each player may use.

    Returns
    -------
    list of ndarray or None
        Polished probability vectors (zero off the support), or None when
        Newton leaves the simplex or does not converge.

    Examples
    --------
    >>> import numpy as np
    >>> pennies = np.stack([np.array([[1., -1.], [-1., 1.]]), -np.array([[1., -1.], [-1., 1.]])], axis=-1)
    >>> out = polish_on_support(pennies, [np.array([.6, .4]), np.array([.3, .7])], [(0, 1), (0, 1)])
    >>> [np.round(v, 12).tolist() for v in out]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    n = len(vectors)
    shape = payoffs.shape[:-1]
    support = [tuple(s) for s in support]
    x: list[NDArray[np.float64]] = []
    for i in range(n):
        v = np.zeros(shape[i])
        v[list(support[i])] = np.asarray(vectors[i], dtype=float)[list(support[i])]
        total = v.sum()
        v = v / total if total > 0 else np.full(shape[i], 0.0)
        x.append(v)
    offsets = np.cumsum([0] + [len(s) for s in support])
    m = int(offsets[-1])
    dim = m + n
    scale = max(1.0, float(np.abs(payoffs).max()))
    v_vals = np.array([
        np.dot(strategy_values(payoffs, x, i)[list(support[i])], x[i][list(support[i])]) for i in range(n)
    ])
    for _ in range(max_iter):
        F = np.zeros(dim)
        J = np.zeros((dim, dim))
        row = 0
        for i in range(n):
            Si = list(support[i])
            vals = strategy_values(payoffs, x, i)[Si]
            F[row:row + len(Si)] = vals - v_vals[i]
            J[row:row + len(Si), m + i] = -1.0
            for k in range(n):
                if k == i:
                    continue
                Sk = list(support[k])
                J[row:row + len(Si), offsets[k]:offsets[k + 1]] = pair_values(payoffs, x, i, k)[np.ix_(Si, Sk)]
            row += len(Si)
        for i in range(n):
            Si = list(support[i])
            F[row] = x[i][Si].sum() - 1.0
            J[row, offsets[i]:offsets[i + 1]] = 1.0
            row += 1
        if np.max(np.abs(F)) <= 1e-15 * scale:
            break
        step, *_ = np.linalg.lstsq(J, -F, rcond=None)
        for i in range(n):
            Si = list(support[i])
            x[i][Si] = x[i][Si] + step[offsets[i]:offsets[i + 1]]
        v_vals = v_vals + step[m:]
        if np.max(np.abs(step)) <= 1e-16:
            break
    if any(np.any(v < -1e-12) for v in x) or not all(np.isfinite(v).all() for v in x):
        return None
    out = []
    for v in x:
        clipped = np.clip(v, 0.0, None)
        out.append(clipped / clipped.sum())
    return out
