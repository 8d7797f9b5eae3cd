r"""Equilibria of a batch of games stored as one array.

A batch is an array ``P`` of shape ``(B, n_1, ..., n_N, N)``: ``P[b]`` is the
payoff tensor of game ``b``.  Three kernels, chosen by shape through
:data:`BATCH_METHODS` (first that accepts wins):

``pure`` (every shape)
    Profile :math:`s` of game :math:`b` is a pure equilibrium iff for every
    player :math:`u_i(s) \ge \max_{t_i} u_i(t_i, s_{-i}) - \text{tol}`: one
    ``max`` over each player's own axis for the whole batch.

``2x2`` closed form (Nash 1951; e.g. Osborne, *An Introduction to Game Theory*, sec. 4.3)
    With :math:`p` the row player's probability of row 1 and :math:`q` the
    column player's of column 1, the row player is indifferent at
    :math:`q^* = (a_{22}-a_{12})/(a_{11}-a_{12}-a_{21}+a_{22})` and the column
    player at :math:`p^* = (b_{22}-b_{21})/(b_{11}-b_{21}-b_{12}+b_{22})`.
    The extreme equilibria are the mutual best replies among
    :math:`p \in \{0, 1, p^*\}`, :math:`q \in \{0, 1, q^*\}` (the vertices of
    the best-response polytopes; Avis, Rosenberg, Savani and von Stengel
    2010): :math:`(p^*, q^*)` when both lie in :math:`(0,1)`; :math:`(i, q^*)`
    when the column player ties in row :math:`i`; :math:`(p^*, j)` when the
    row player ties in column :math:`j`; plus the pure equilibria.  About
    twenty array operations per batch, no Python loop over games.

``2xn`` (and ``nx2`` by transposition)
    The row player's vertices are :math:`p \in \{0,1\}` and the crossings
    :math:`p_{jk}` of two column-payoff lines that are both on the upper
    envelope; the column player's are the pure columns and the mixtures
    :math:`y_{jk}` of two columns that make the row player indifferent.
    Every pair of vertices is tested for mutual best replies (regrets) over
    the whole batch at once.

Anything else (three or more strategies for both players, three or more
players) goes through :func:`gametheory.solve`, one game at a time.

Ties are handled: tolerances are ``rel * max(1, max|payoff|)`` per game, and
degenerate games get all their extreme equilibria (continua are listed by
their vertices, as vertex enumeration does).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..errors import InputError

__all__ = [
    "pure_mask",
    "solve_2x2",
    "solve_2xn",
    "solve_loop",
    "solve_batch",
    "BatchResult",
    "BATCH_METHODS",
]

PROB_EPS = 1e-9


def _check(payoffs) -> np.ndarray:
    P = np.asarray(payoffs, dtype=float)
    if P.ndim < 3 or P.shape[-1] != P.ndim - 2:
        raise InputError(f"a batch has shape (B, n_1, ..., n_N, N), got {P.shape}", field="payoffs")
    if not np.all(np.isfinite(P)):
        raise InputError("batch payoffs must be finite", field="payoffs")
    return P


def scale_tol(P: np.ndarray, rel: float) -> np.ndarray:
    """Per-game tolerance ``rel * max(1, max|u|)``, shape ``(B,)``."""
    m = np.abs(P.reshape(P.shape[0], -1)).max(axis=1)
    return rel * np.maximum(m, 1.0)


def pure_mask(payoffs, rel_tol: float = 1e-9) -> np.ndarray:
    """Pure equilibria of every game: bool array of shape ``(B, n_1, ..., n_N)``.

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 1], [-1, 3]], [[4, -2], [0, 0]]], dtype=float)[None]
    >>> pure_mask(pd)[0]
    array([[False, False],
           [False,  True]])
    """
    P = _check(payoffs)
    n = P.ndim - 2
    tol = scale_tol(P, rel_tol).reshape((-1,) + (1,) * n)
    mask = np.ones(P.shape[:-1], dtype=bool)
    for i in range(n):
        u = P[..., i]
        mask &= u >= u.max(axis=i + 1, keepdims=True) - tol
    return mask


@dataclass(frozen=True)
class BatchResult:
    """Extreme equilibria of a batch of games.

    Attributes
    ----------
    method : str
        The kernel that produced it.
    pure : ndarray of bool, shape (B, n_1, ..., n_N)
        Which pure profiles are equilibria.
    count : ndarray of int, shape (B,)
        Number of extreme equilibria (pure and mixed) of each game.
    complete : bool
        True when every extreme equilibrium is counted.
    lister : callable
        ``lister(b)`` -> tuple of equilibria of game ``b``, each a tuple of
        probability vectors (one per player).
    """

    method: str
    pure: np.ndarray
    count: np.ndarray
    complete: bool
    lister: Callable = field(repr=False, compare=False)
    support_query: Callable | None = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        for a in (self.pure, self.count):
            a.setflags(write=False)

    def __len__(self):
        return self.pure.shape[0]

    def equilibria(self, b: int) -> tuple:
        """Extreme equilibria of game ``b`` as tuples of probability vectors."""
        return self.lister(int(b))

    def has_support(self, support) -> np.ndarray:
        """Bool per game: is there an extreme equilibrium whose support is exactly ``support``?

        ``support`` is one sequence of strategy indices per player.
        """
        shape = self.pure.shape[1:]
        masks = []
        for i, idx in enumerate(support):
            m = np.zeros(shape[i], bool)
            m[list(idx)] = True
            masks.append(m)
        if self.support_query is not None:
            return self.support_query(masks)
        return np.array([any(all(np.array_equal(np.asarray(v) > PROB_EPS, m) for v, m in zip(eq, masks))
                             for eq in self.equilibria(b)) for b in range(len(self))], dtype=bool)


def solve_2x2(payoffs, rel_tol: float = 1e-9) -> BatchResult:
    """All extreme equilibria of a batch of 2x2 games by the closed form.

    Examples
    --------
    >>> import numpy as np
    >>> pennies = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], float)[None]
    >>> r = solve_2x2(pennies)
    >>> int(r.count[0]), [tuple(map(float, v)) for v in r.equilibria(0)[0]]
    (1, [(0.5, 0.5), (0.5, 0.5)])
    """
    P = _check(payoffs)
    if P.shape[1:] != (2, 2, 2):
        raise InputError(f"solve_2x2 needs shape (B, 2, 2, 2), got {P.shape}", field="payoffs")
    t = scale_tol(P, rel_tol)
    a11, a12, a21, a22 = P[:, 0, 0, 0], P[:, 0, 1, 0], P[:, 1, 0, 0], P[:, 1, 1, 0]
    b11, b12, b21, b22 = P[:, 0, 0, 1], P[:, 0, 1, 1], P[:, 1, 0, 1], P[:, 1, 1, 1]
    # row player's gain from row 1 over row 2 against column j; column player's from column 1 in row i
    da1, da2 = a11 - a21, a12 - a22
    db1, db2 = b11 - b12, b21 - b22
    row1 = np.stack([da1 >= -t, da2 >= -t], axis=1)  # row 1 a best reply to column j
    row2 = np.stack([da1 <= t, da2 <= t], axis=1)
    col1 = np.stack([db1 >= -t, db2 >= -t], axis=1)  # column 1 a best reply in row i
    col2 = np.stack([db1 <= t, db2 <= t], axis=1)
    pure = np.empty((P.shape[0], 2, 2), dtype=bool)
    pure[:, 0, 0] = row1[:, 0] & col1[:, 0]
    pure[:, 0, 1] = row1[:, 1] & col2[:, 0]
    pure[:, 1, 0] = row2[:, 0] & col1[:, 1]
    pure[:, 1, 1] = row2[:, 1] & col2[:, 1]
    # q* in (0,1) iff the row player's preference flips strictly between the columns
    q_ok = ((da1 > t) & (da2 < -t)) | ((da1 < -t) & (da2 > t))
    p_ok = ((db1 > t) & (db2 < -t)) | ((db1 < -t) & (db2 > t))
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(q_ok, -da2 / (da1 - da2), np.nan)
        p = np.where(p_ok, -db2 / (db1 - db2), np.nan)
    col_tie = np.stack([np.abs(db1) <= t, np.abs(db2) <= t], axis=1)  # column player indifferent in row i
    row_tie = np.stack([np.abs(da1) <= t, np.abs(da2) <= t], axis=1)  # row player indifferent in column j
    partial_row = col_tie & q_ok[:, None]  # (row i pure, column mixes q*)
    partial_col = row_tie & p_ok[:, None]  # (row mixes p*, column j pure)
    full = p_ok & q_ok
    count = pure.sum(axis=(1, 2)) + full + partial_row.sum(axis=1) + partial_col.sum(axis=1)

    def lister(b):
        out = []
        e = np.eye(2)
        for i, j in zip(*np.nonzero(pure[b])):
            out.append((e[i], e[j]))
        for i in np.nonzero(partial_row[b])[0]:
            out.append((e[i], np.array([q[b], 1 - q[b]])))
        for j in np.nonzero(partial_col[b])[0]:
            out.append((np.array([p[b], 1 - p[b]]), e[j]))
        if full[b]:
            out.append((np.array([p[b], 1 - p[b]]), np.array([q[b], 1 - q[b]])))
        return tuple(out)

    def query(masks):
        r, c = masks
        if r.sum() == 1 and c.sum() == 1:
            return pure[:, int(np.argmax(r)), int(np.argmax(c))]
        if r.sum() == 1:
            return partial_row[:, int(np.argmax(r))]
        if c.sum() == 1:
            return partial_col[:, int(np.argmax(c))]
        return full

    return BatchResult("2x2", pure, count.astype(np.int64), True, lister, query)


def solve_2xn(payoffs, rel_tol: float = 1e-9) -> BatchResult:
    """All extreme equilibria of a batch of 2xn (or nx2) games by vertex pairs.

    Examples
    --------
    >>> import numpy as np
    >>> A = [[3, 0, 1], [0, 3, 1]]; B = [[2, 0, 1], [0, 2, 1]]
    >>> r = solve_2xn(np.stack([A, B], axis=-1)[None].astype(float))
    >>> int(r.count[0])
    4
    """
    P = _check(payoffs)
    if P.ndim != 4:
        raise InputError(f"solve_2xn needs two players, got shape {P.shape}", field="payoffs")
    if P.shape[1] != 2 and P.shape[2] == 2:
        inner = solve_2xn(np.swapaxes(P, 1, 2)[..., ::-1], rel_tol)
        pure = np.swapaxes(inner.pure, 1, 2)
        return BatchResult(
            "nx2", pure, inner.count, True, lambda b: tuple((y, x) for x, y in inner.equilibria(b)),
            lambda masks: inner.support_query(masks[::-1]),
        )
    if P.shape[1] != 2:
        raise InputError(f"solve_2xn needs a player with 2 strategies, got shape {P.shape}", field="payoffs")
    Bn, n = P.shape[0], P.shape[2]
    t = scale_tol(P, rel_tol)
    A, Bm = P[..., 0], P[..., 1]  # (B, 2, n)
    pairs = list(itertools.combinations(range(n), 2))
    # row player's candidate p (probability of row 1): 1, 0, then crossings of column lines
    s = Bm[:, 0, :] - Bm[:, 1, :]  # slope of column j's payoff in p
    px = [np.ones(Bn), np.zeros(Bn)]
    pv = [np.ones(Bn, bool), np.ones(Bn, bool)]
    with np.errstate(divide="ignore", invalid="ignore"):
        for j, k in pairs:
            den = s[:, j] - s[:, k]
            pj = (Bm[:, 1, k] - Bm[:, 1, j]) / den
            ok = (np.abs(den) > t) & (pj > PROB_EPS) & (pj < 1 - PROB_EPS)
            pj = np.where(ok, pj, 0.5)
            f = Bm[:, 0, :] * pj[:, None] + Bm[:, 1, :] * (1 - pj[:, None])
            best = f.max(axis=1)
            ok &= (f[:, j] >= best - t) & (f[:, k] >= best - t)
            px.append(pj)
            pv.append(ok)
    px = np.stack(px, axis=1)
    pv = np.stack(pv, axis=1)
    for c in range(2, px.shape[1]):  # three tied columns give one crossing several times
        for c2 in range(2, c):
            pv[:, c] &= ~(pv[:, c2] & (np.abs(px[:, c] - px[:, c2]) <= 1e-9))
    # column player's candidates: pure columns, then two-column mixtures making the row player indifferent
    d = A[:, 0, :] - A[:, 1, :]
    Y = np.zeros((Bn, n + len(pairs), n))
    yv = np.ones((Bn, n + len(pairs)), bool)
    Y[:, np.arange(n), np.arange(n)] = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for c, (j, k) in enumerate(pairs, start=n):
            ok = ((d[:, j] > t) & (d[:, k] < -t)) | ((d[:, j] < -t) & (d[:, k] > t))
            qj = np.where(ok, d[:, k] / (d[:, k] - d[:, j]), 0.5)
            Y[:, c, j] = qj
            Y[:, c, k] = 1 - qj
            yv[:, c] = ok
    X = np.stack([px, 1 - px], axis=-1)  # (B, Kx, 2)
    Ay = np.einsum("bin,bkn->bki", A, Y)  # (B, Ky, 2): row payoffs against each y
    xB = np.einsum("bxi,bin->bxn", X, Bm)  # (B, Kx, n): column payoffs against each x
    row_val = np.einsum("bxi,bki->bxk", X, Ay)
    col_val = np.einsum("bxn,bkn->bxk", xB, Y)
    tt = t[:, None, None]
    ok = (row_val >= Ay.max(axis=2)[:, None, :] - tt) & (col_val >= xB.max(axis=2)[:, :, None] - tt)
    ok &= pv[:, :, None] & yv[:, None, :]
    pure = np.zeros((Bn, 2, n), bool)
    pure[:, 0, :] = ok[:, 0, :n]
    pure[:, 1, :] = ok[:, 1, :n]
    count = ok.sum(axis=(1, 2)).astype(np.int64)

    def lister(b):
        return tuple((X[b, i].copy(), Y[b, k].copy()) for i, k in zip(*np.nonzero(ok[b])))

    def query(masks):
        xm = np.all((X > PROB_EPS) == masks[0], axis=2)
        ym = np.all((Y > PROB_EPS) == masks[1], axis=2)
        return np.any(ok & xm[:, :, None] & ym[:, None, :], axis=(1, 2))

    return BatchResult("2xn", pure, count, True, lister, query)


def complete_method(num_players: int) -> str:
    """A registered method that lists every (extreme) equilibrium, for the per-game fallback."""
    from ..solvers.registry import METHODS, _load_all

    _load_all()
    for name in ("enumerate", "enumpoly"):
        if name in METHODS and (METHODS[name].max_players or num_players) >= num_players:
            return name
    return "auto"


def solve_loop(payoffs, rel_tol: float = 1e-9, method: str | None = None) -> BatchResult:
    """Fallback: solve each game with :func:`gametheory.solve` (exact, from the floats' decimals).

    ``method`` defaults to a complete method (``enumerate`` or ``enumpoly``).
    """
    from ..game import Game
    from ..solvers.registry import solve

    P = _check(payoffs)
    method = method or complete_method(P.ndim - 2)
    eqs, complete = [], True
    for b in range(P.shape[0]):
        res = solve(Game(P[b], kind="exact"), method=method)
        complete &= bool(res.complete)
        eqs.append(tuple(tuple(np.asarray(v, float) for v in e.profile.vectors) for e in res.equilibria))
    pure = pure_mask(P, rel_tol)
    count = np.array([len(e) for e in eqs], dtype=np.int64)
    return BatchResult(f"loop:{method}", pure, count, complete, lambda b: eqs[b])


@dataclass(frozen=True)
class BatchMethod:
    name: str
    accepts: Callable
    func: Callable


BATCH_METHODS = (
    BatchMethod("2x2", lambda shape: tuple(shape) == (2, 2), solve_2x2),
    BatchMethod("2xn", lambda shape: len(shape) == 2 and 2 in shape, solve_2xn),
    BatchMethod("single", lambda shape: any(k == 1 for k in shape) and len(shape) == 2, None),
    BatchMethod("loop", lambda shape: True, solve_loop),
)


def _solve_single(P, rel_tol):
    """A player with one strategy: the pure equilibria are the extreme ones."""
    pure = pure_mask(P, rel_tol)
    n = P.ndim - 2
    shape = P.shape[1:-1]

    def lister(b):
        out = []
        for idx in np.argwhere(pure[b]):
            out.append(tuple(np.eye(shape[i])[idx[i]] for i in range(n)))
        return tuple(out)

    return BatchResult("single", pure, pure.reshape(P.shape[0], -1).sum(axis=1).astype(np.int64), True, lister)


def solve_batch(payoffs, rel_tol: float = 1e-9, method: str = "auto") -> BatchResult:
    """Extreme equilibria of every game of a batch, with the fastest kernel that fits.

    Parameters
    ----------
    payoffs : array_like, shape (B, n_1, ..., n_N, N)
    rel_tol : float
        Relative tolerance; scaled per game by ``max(1, max|u|)``.
    method : str
        ``"auto"`` or a name in :data:`BATCH_METHODS`; ``"pure"`` computes
        pure equilibria only (``complete`` False unless a player has one strategy).

    Examples
    --------
    >>> import numpy as np
    >>> stag = np.stack([[[1, -2], [0, 0]], [[1, 0], [-2, 0]]], axis=-1)[None].astype(float)
    >>> int(solve_batch(stag).count[0])
    3
    """
    P = _check(payoffs)
    shape = P.shape[1:-1]
    if method == "pure":
        pure = pure_mask(P, rel_tol)
        single = len(shape) == 2 and 1 in shape
        r = _solve_single(P, rel_tol)
        return BatchResult("pure", pure, r.count, single, r.lister)
    if method.startswith("loop_"):
        return solve_loop(P, rel_tol, method[len("loop_"):])
    for m in BATCH_METHODS:
        if (method == "auto" and m.accepts(shape)) or m.name == method:
            if m.name == "single":
                return _solve_single(P, rel_tol)
            return m.func(P, rel_tol)
    raise InputError(f"unknown batch method {method!r}; choose one of {[m.name for m in BATCH_METHODS] + ['pure', 'auto']}",
                     field="method")
