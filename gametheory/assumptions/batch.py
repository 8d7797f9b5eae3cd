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

``support`` (two players, any size)
    Support enumeration vectorised over the batch (:func:`solve_support`):
    one stacked linear solve per pair of equal-size supports; games that
    look degenerate are handed to the general solver.

Three or more players go through :func:`gametheory.solve`, one game at a time.

Ties are handled: tolerances are ``rel * max(1, max|payoff|)`` per game, and
degenerate games get all their extreme equilibria (continua are listed by
their vertices, as vertex enumeration does).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ..game import Game
from ..result import SolveResult
from ..solvers.pure import pure_equilibrium_mask
from ..solvers.table import METHODS, complete_methods, solve

__all__ = [
    "batch_cost",
    "pure_mask",
    "solve_2x2",
    "solve_2xn",
    "solve_loop",
    "solve_support",
    "solve_batch",
    "BatchResult",
    "BATCH_METHODS",
]

PROB_EPS = 1e-9

FloatArray: TypeAlias = NDArray[np.float64]
BoolArray: TypeAlias = NDArray[np.bool_]
#: One equilibrium of one game of a batch: a probability vector per player.
ProfileVectors: TypeAlias = tuple[FloatArray, ...]
#: ``lister(b)``: the extreme equilibria of game ``b``.
Lister: TypeAlias = Callable[[int], tuple[ProfileVectors, ...]]
#: ``query(masks)``: per game, is there an extreme equilibrium whose supports are exactly ``masks`` (one per player)?
SupportQuery: TypeAlias = Callable[[Sequence[BoolArray]], BoolArray]


def _check(payoffs: ArrayLike) -> FloatArray:
    P = np.asarray(payoffs, dtype=float)
    if P.ndim < 3 or P.shape[-1] != P.ndim - 2:
        raise InputError(f"a batch has shape (B, n_1, ..., n_N, N), got {P.shape}", field="payoffs")
    if not np.all(np.isfinite(P)):
        raise InputError("batch payoffs must be finite", field="payoffs")
    return P


def scale_tol(P: FloatArray, rel: float) -> FloatArray:
    """Per-game tolerance ``rel * max(1, max|u|)``, shape ``(B,)``."""
    m = np.abs(P.reshape(P.shape[0], -1)).max(axis=1)
    return rel * np.maximum(m, 1.0)


def pure_mask(payoffs: ArrayLike, rel_tol: float = 1e-9) -> BoolArray:
    """Pure equilibria of every game: bool array of shape ``(B, n_1, ..., n_N)``.

    The mask of :func:`gametheory.solvers.pure.pure_equilibrium_mask` with
    each game's tolerance ``rel_tol * max(1, max|u|)``.

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 1], [-1, 3]], [[4, -2], [0, 0]]], dtype=float)[None]
    >>> pure_mask(pd)[0]
    array([[False, False],
           [False,  True]])
    """
    P = _check(payoffs)
    return pure_equilibrium_mask(P, scale_tol(P, rel_tol))


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
    pure: BoolArray
    count: NDArray[np.int64]
    complete: bool
    lister: Lister = field(repr=False, compare=False)
    support_query: SupportQuery | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for a in (self.pure, self.count):
            a.setflags(write=False)

    def __len__(self) -> int:
        return self.pure.shape[0]

    def equilibria(self, b: int) -> tuple[ProfileVectors, ...]:
        """Extreme equilibria of game ``b`` as tuples of probability vectors."""
        return self.lister(int(b))

    def has_support(self, support: Sequence[Sequence[int]]) -> BoolArray:
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


CHUNK_2X2 = 1 << 16  # games per pass: the temporaries stay in cache
CHUNK_2XN = 1 << 12


def _kernel_2x2(X: FloatArray, rel: float, pure4: BoolArray, d4: FloatArray, flags: BoolArray,
                count: NDArray[np.int8]) -> None:
    """One cache-sized chunk. ``X``: (8, m) rows a11 a12 a21 a22 b11 b12 b21 b22; outputs written in place.

    ``flags`` rows: q* in (0,1), p* in (0,1), column player ties in row 1, in row 2, row player ties in
    column 1, in column 2.
    """
    t = np.abs(X).max(axis=0)
    np.maximum(t, 1.0, out=t)
    t *= rel
    nt = -t
    da1, da2, db1, db2 = d4
    np.subtract(X[0], X[2], out=da1)  # row player's gain from row 1 against column j
    np.subtract(X[1], X[3], out=da2)
    np.subtract(X[4], X[5], out=db1)  # column player's gain from column 1 in row i
    np.subtract(X[6], X[7], out=db2)
    r1a, r1b = da1 >= nt, da2 >= nt  # row 1 a best reply to column 1 / 2
    r2a, r2b = da1 <= t, da2 <= t
    c1a, c1b = db1 >= nt, db2 >= nt  # column 1 a best reply in row 1 / 2
    c2a, c2b = db1 <= t, db2 <= t
    np.logical_and(r1a, c1a, out=pure4[0])
    np.logical_and(r1b, c2a, out=pure4[1])
    np.logical_and(r2a, c1b, out=pure4[2])
    np.logical_and(r2b, c2b, out=pure4[3])
    q_ok, p_ok, ct1, ct2, rt1, rt2 = flags
    # q* in (0,1) iff the row player's strict preference flips between the columns
    np.logical_or(~r2a & ~r1b, ~r1a & ~r2b, out=q_ok)
    np.logical_or(~c2a & ~c1b, ~c1a & ~c2b, out=p_ok)
    np.logical_and(c1a, c2a, out=ct1)
    np.logical_and(c1b, c2b, out=ct2)
    np.logical_and(r1a, r2a, out=rt1)
    np.logical_and(r1b, r2b, out=rt2)
    count[...] = pure4.sum(axis=0, dtype=np.int8)
    count += p_ok & q_ok
    count += (ct1 | ct2) & q_ok  # both ties at once: the column player is indifferent everywhere
    count += ct1 & ct2 & q_ok
    count += (rt1 | rt2) & p_ok
    count += rt1 & rt2 & p_ok


def solve_2x2(payoffs: ArrayLike, rel_tol: float = 1e-9) -> BatchResult:
    """All extreme equilibria of a batch of 2x2 games by the closed form.

    The batch is processed in chunks of :data:`CHUNK_2X2` games so that the
    temporaries stay in cache; probabilities are computed only when an
    equilibrium is listed.

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
    B = P.shape[0]
    X_all = P.reshape(B, 8)
    # memory order of (i, j, player): a11 b11 a12 b12 a21 b21 a22 b22
    rows = [0, 2, 4, 6, 1, 3, 5, 7]
    pure4 = np.empty((4, B), bool)
    d4 = np.empty((4, B))
    flags = np.empty((6, B), bool)
    count = np.empty(B, np.int8)
    for s in range(0, B, CHUNK_2X2):
        e = min(B, s + CHUNK_2X2)
        X = np.ascontiguousarray(X_all[s:e].T)[rows]
        _kernel_2x2(X, rel_tol, pure4[:, s:e], d4[:, s:e], flags[:, s:e], count[s:e])
    pure = pure4.T.reshape(B, 2, 2)
    da1, da2, db1, db2 = d4
    q_ok, p_ok, ct1, ct2, rt1, rt2 = flags

    def q_of(b: int) -> float:
        return float(-da2[b] / (da1[b] - da2[b]))

    def p_of(b: int) -> float:
        return float(-db2[b] / (db1[b] - db2[b]))

    def lister(b: int) -> tuple[ProfileVectors, ...]:
        out: list[ProfileVectors] = []
        e = np.eye(2)
        for i, j in zip(*np.nonzero(pure[b])):
            out.append((e[i], e[j]))
        for i, tie in enumerate((ct1[b], ct2[b])):
            if tie and q_ok[b]:
                out.append((e[i], np.array([q_of(b), 1 - q_of(b)])))
        for j, tie in enumerate((rt1[b], rt2[b])):
            if tie and p_ok[b]:
                out.append((np.array([p_of(b), 1 - p_of(b)]), e[j]))
        if p_ok[b] and q_ok[b]:
            out.append((np.array([p_of(b), 1 - p_of(b)]), np.array([q_of(b), 1 - q_of(b)])))
        return tuple(out)

    def query(masks: Sequence[BoolArray]) -> BoolArray:
        r, c = masks
        if r.sum() == 1 and c.sum() == 1:
            return pure[:, int(np.argmax(r)), int(np.argmax(c))]
        if r.sum() == 1:
            return (ct1 if r[0] else ct2) & q_ok
        if c.sum() == 1:
            return (rt1 if c[0] else rt2) & p_ok
        return p_ok & q_ok

    return BatchResult("2x2", pure, count.astype(np.int64), True, lister, query)


def solve_2xn(payoffs: ArrayLike, rel_tol: float = 1e-9) -> BatchResult:
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
        inner_query = inner.support_query
        assert inner_query is not None  # the 2xn kernel answers support queries itself
        pure = np.swapaxes(inner.pure, 1, 2)
        return BatchResult(
            "nx2", pure, inner.count, True, lambda b: tuple((y, x) for x, y in inner.equilibria(b)),
            lambda masks: inner_query(masks[::-1]),
        )
    if P.shape[1] != 2:
        raise InputError(f"solve_2xn needs a player with 2 strategies, got shape {P.shape}", field="payoffs")
    Bn, n = P.shape[0], P.shape[2]
    t = scale_tol(P, rel_tol)
    A, Bm = P[..., 0], P[..., 1]  # (B, 2, n)
    pairs = list(itertools.combinations(range(n), 2))
    # row player's candidate p (probability of row 1): 1, 0, then crossings of column lines
    s = Bm[:, 0, :] - Bm[:, 1, :]  # slope of column j's payoff in p
    p_cands: list[FloatArray] = [np.ones(Bn), np.zeros(Bn)]
    p_valid: list[BoolArray] = [np.ones(Bn, bool), np.ones(Bn, bool)]
    with np.errstate(divide="ignore", invalid="ignore"):
        for j, k in pairs:
            den = s[:, j] - s[:, k]
            pj = (Bm[:, 1, k] - Bm[:, 1, j]) / den
            ok = (np.abs(den) > t) & (pj > PROB_EPS) & (pj < 1 - PROB_EPS)
            pj = np.where(ok, pj, 0.5)
            f = Bm[:, 0, :] * pj[:, None] + Bm[:, 1, :] * (1 - pj[:, None])
            best = f.max(axis=1)
            ok &= (f[:, j] >= best - t) & (f[:, k] >= best - t)
            p_cands.append(pj)
            p_valid.append(ok)
    px = np.stack(p_cands, axis=1)
    pv = np.stack(p_valid, axis=1)
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
    qs = Y[:, n:, :]  # the pair mixtures, used through their two non-zero weights
    ok = np.empty((Bn, px.shape[1], n + len(pairs)), bool)
    for s0 in range(0, Bn, CHUNK_2XN):  # cache-sized pieces; each y has at most two non-zero weights
        sl = slice(s0, min(Bn, s0 + CHUNK_2XN))
        a, bm, p_, tt = A[sl], Bm[sl], px[sl][:, :, None], t[sl][:, None, None]
        row = [a[:, :, j] for j in range(n)]  # row payoffs against each y, (m, 2)
        row += [qs[sl, c, j][:, None] * a[:, :, j] + qs[sl, c, k][:, None] * a[:, :, k]
                for c, (j, k) in enumerate(pairs)]
        Ay = np.stack(row, axis=1)  # (m, Ky, 2)
        xB = p_ * bm[:, None, 0, :] + (1 - p_) * bm[:, None, 1, :]  # (m, Kx, n) column payoffs against each x
        col = [xB[:, :, j] for j in range(n)]
        col += [qs[sl, c, j][:, None] * xB[:, :, j] + qs[sl, c, k][:, None] * xB[:, :, k]
                for c, (j, k) in enumerate(pairs)]
        col_val = np.stack(col, axis=2)  # (m, Kx, Ky)
        row_val = p_ * Ay[:, None, :, 0] + (1 - p_) * Ay[:, None, :, 1]
        o = ok[sl]
        np.greater_equal(row_val, Ay.max(axis=2)[:, None, :] - tt, out=o)
        o &= col_val >= xB.max(axis=2)[:, :, None] - tt
        o &= pv[sl][:, :, None] & yv[sl][:, None, :]
    pure = np.zeros((Bn, 2, n), bool)
    pure[:, 0, :] = ok[:, 0, :n]
    pure[:, 1, :] = ok[:, 1, :n]
    count = ok.sum(axis=(1, 2)).astype(np.int64)

    def lister(b: int) -> tuple[ProfileVectors, ...]:
        return tuple((X[b, i].copy(), Y[b, k].copy()) for i, k in zip(*np.nonzero(ok[b])))

    def query(masks: Sequence[BoolArray]) -> BoolArray:
        xm = np.all((X > PROB_EPS) == masks[0], axis=2)
        ym = np.all((Y > PROB_EPS) == masks[1], axis=2)
        return np.any(ok & xm[:, :, None] & ym[:, None, :], axis=(1, 2))

    return BatchResult("2xn", pure, count, True, lister, query)


def solve_support(payoffs: ArrayLike, rel_tol: float = 1e-9, fallback: bool = True) -> BatchResult:
    r"""Two-player games of any size by support enumeration vectorised over the batch.

    For every pair of supports :math:`I, J` of equal size :math:`k` the
    indifference systems :math:`A_{IJ} y = v\mathbf 1,\ \mathbf 1^\top y = 1`
    (and the same for :math:`x` with :math:`B`) are solved for all games at
    once (``numpy.linalg.solve`` on stacked :math:`(k+1)\times(k+1)`
    systems); a solution is an equilibrium when it is positive and no
    strategy outside the supports does better (Dickhaut and Kaplan 1991).
    This lists every equilibrium of a *nondegenerate* game (then their
    number is odd; Shapley 1974).  With ``fallback`` the games that show a
    sign of degeneracy (an even number of equilibria, or an equilibrium with
    more best replies than its support, i.e. ties) are re-solved by the
    complete general method, so the result is complete either way.
    """
    P = _check(payoffs)
    if P.ndim != 4:
        raise InputError(f"solve_support needs two players, got shape {P.shape}", field="payoffs")
    Bn, m, n = P.shape[:3]
    t = scale_tol(P, rel_tol)
    A, Bm = P[..., 0], P[..., 1]
    found_x: list[FloatArray] = []
    found_y: list[FloatArray] = []
    found_ok: list[BoolArray] = []
    suspicious = np.zeros(Bn, bool)
    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):  # noqa: E741  (I, J: the supports, as in the docstring)
            for J in itertools.combinations(range(n), k):
                y, v, oky = _indifference(A[:, list(I)][:, :, list(J)], t)
                x, w, okx = _indifference(np.swapaxes(Bm[:, list(I)][:, :, list(J)], 1, 2), t)
                X = np.zeros((Bn, m))
                Y = np.zeros((Bn, n))
                X[:, list(I)] = x
                Y[:, list(J)] = y
                rowpay = np.einsum("bmn,bn->bm", A, Y)
                colpay = np.einsum("bm,bmn->bn", X, Bm)
                ok = okx & oky & (x > PROB_EPS).all(axis=1) & (y > PROB_EPS).all(axis=1)
                ok &= (rowpay <= v[:, None] + t[:, None]).all(axis=1) & (colpay <= w[:, None] + t[:, None]).all(axis=1)
                ties = ((rowpay >= v[:, None] - t[:, None]).sum(axis=1) > k) | \
                    ((colpay >= w[:, None] - t[:, None]).sum(axis=1) > k)
                suspicious |= ok & ties
                found_x.append(X)
                found_y.append(Y)
                found_ok.append(ok)
    Xs = np.stack(found_x, axis=1)
    Ys = np.stack(found_y, axis=1)
    oks = np.stack(found_ok, axis=1)
    count = oks.sum(axis=1).astype(np.int64)
    suspicious |= count % 2 == 0
    pure = pure_mask(P, rel_tol)
    redo = np.nonzero(suspicious)[0] if fallback else np.zeros(0, int)
    patched: dict[int, tuple[ProfileVectors, ...]] = {}
    if redo.size:
        loop = solve_loop(P[redo], rel_tol)
        for r, b in enumerate(redo):
            patched[int(b)] = loop.equilibria(r)
            count[b] = loop.count[r]

    def lister(b: int) -> tuple[ProfileVectors, ...]:
        if b in patched:
            return patched[b]
        return tuple((Xs[b, c].copy(), Ys[b, c].copy()) for c in np.nonzero(oks[b])[0])

    return BatchResult("support" + ("+fallback" if redo.size else ""), pure, count, bool(fallback), lister)


def _indifference(M: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Solve ``M y = v 1, sum y = 1`` for a stack of k x k matrices: ``(y, v, ok)``."""
    Bn, k, _ = M.shape
    if k == 1:
        return np.ones((Bn, 1)), M[:, 0, 0].copy(), np.ones(Bn, bool)
    if k == 2:  # the 2x2 closed form, as in solve_2x2
        den = M[:, 0, 0] - M[:, 0, 1] - M[:, 1, 0] + M[:, 1, 1]
        ok = np.abs(den) > t
        with np.errstate(divide="ignore", invalid="ignore"):
            y1 = np.where(ok, (M[:, 1, 1] - M[:, 0, 1]) / np.where(ok, den, 1.0), 0.5)
        y = np.stack([y1, 1 - y1], axis=1)
        return y, M[:, 0, 0] * y1 + M[:, 0, 1] * (1 - y1), ok
    S = np.zeros((Bn, k + 1, k + 1))
    S[:, :k, :k] = M
    S[:, :k, k] = -1.0
    S[:, k, :k] = 1.0
    det = np.linalg.det(S)
    ok = np.abs(det) > t ** 2 if k > 1 else np.ones(Bn, bool)
    S[~ok] = np.eye(k + 1)
    rhs = np.zeros((Bn, k + 1, 1))
    rhs[:, k, 0] = 1.0
    sol = np.linalg.solve(S, rhs)[..., 0]
    return sol[:, :k], sol[:, k], ok


def complete_method(num_players: int) -> str:
    """The first method of the table that searches for every equilibrium of ``num_players``-player games.

    ``"auto"`` when none handles that many players.

    >>> complete_method(2), complete_method(3), complete_method(1)
    ('enumerate', 'enumpoly', 'auto')
    """
    return next(iter(complete_methods(num_players)), "auto")


def solve_loop(payoffs: ArrayLike, rel_tol: float = 1e-9, method: str | None = None) -> BatchResult:
    """Fallback: solve each game with :func:`gametheory.solve` (exact, from the floats' decimals).

    ``method`` defaults to a complete method (:func:`complete_method`).
    """
    P = _check(payoffs)
    method = method or complete_method(P.ndim - 2)
    if method in METHODS and METHODS[method].result_type is not SolveResult:
        raise InputError(f"method {method!r} does not compute Nash equilibria", field="method")
    eqs: list[tuple[ProfileVectors, ...]] = []
    complete = True
    for b in range(P.shape[0]):
        res = solve(Game(P[b], kind="exact"), method=method)
        assert isinstance(res, SolveResult)  # checked above
        complete &= bool(res.complete)
        eqs.append(tuple(tuple(np.asarray(v, float) for v in e.profile.vectors) for e in res.equilibria))
    pure = pure_mask(P, rel_tol)
    count = np.array([len(e) for e in eqs], dtype=np.int64)
    return BatchResult(f"loop:{method}", pure, count, complete, lambda b: eqs[b])


def _solve_single(P: FloatArray, rel_tol: float = 1e-9) -> BatchResult:
    """A player with one strategy: the pure equilibria are the extreme ones."""
    pure = pure_mask(P, rel_tol)
    n = P.ndim - 2
    shape = P.shape[1:-1]

    def lister(b: int) -> tuple[ProfileVectors, ...]:
        out: list[ProfileVectors] = []
        for idx in np.argwhere(pure[b]):
            out.append(tuple(np.eye(shape[i])[idx[i]] for i in range(n)))
        return tuple(out)

    return BatchResult("single", pure, pure.reshape(P.shape[0], -1).sum(axis=1).astype(np.int64), True, lister)


@dataclass(frozen=True)
class BatchMethod:
    """One kernel of :data:`BATCH_METHODS`: ``accepts(shape)`` on the strategy counts, ``func(payoffs, rel_tol)``."""

    name: str
    accepts: Callable[[tuple[int, ...]], bool]
    func: Callable[[FloatArray, float], BatchResult]


BATCH_METHODS = (
    BatchMethod("2x2", lambda shape: tuple(shape) == (2, 2), solve_2x2),
    BatchMethod("2xn", lambda shape: len(shape) == 2 and 2 in shape, solve_2xn),
    BatchMethod("single", lambda shape: any(k == 1 for k in shape) and len(shape) == 2, _solve_single),
    BatchMethod("support", lambda shape: len(shape) == 2, solve_support),
    BatchMethod("loop", lambda shape: True, solve_loop),
)


#: Elementary steps (:mod:`gametheory.cost`) per payoff entry of a vectorised kernel (2x2, 2xn, single):
#: 1e6 draws of a 2x2 game took 1.8 s here, about 120 steps of 15 ns per game of 8 entries.
VECTOR_STEPS = 20
#: Elementary steps per unit of :func:`gametheory.solvers.enumpoly_supports.enumeration_cost` in the loop
#: kernel, which solves each game exactly and one at a time: a 2x2x2 game (54 units) took 0.05 to 0.2 s here.
#: Charged low on purpose: the default max_cost then refuses a study of about ten minutes or more
#: (18,000 draws of a 2x2x2 game, 290 of a 3x3x3), not the 1000-draw studies users run in a minute.
LOOP_STEPS = 1_000


def batch_cost(shape: Sequence[int], size: int) -> int:
    """Estimated elementary steps of :func:`solve_batch` on ``size`` games of strategy counts ``shape``.

    Charged per game, by the kernel ``auto`` picks: payoff entries times
    :data:`VECTOR_STEPS` for the vectorised kernels; support pairs times
    :math:`(m+n)^2` for the two-player support kernel; for the loop
    kernel (three or more players, one exact solve per game) the solver's
    own enumeration cost times :data:`LOOP_STEPS`.  Orders of magnitude,
    checked with :func:`gametheory.cost.check_cost` before a study starts.

    >>> batch_cost((2, 2), 1000)   # 8 payoff entries x 20 steps per game
    160000
    """
    from ..cost import support_pair_count
    from ..solvers.enumpoly_supports import enumeration_cost

    shape = tuple(int(k) for k in shape)
    kernel = next(m.name for m in BATCH_METHODS if m.accepts(shape))
    entries = int(np.prod(shape, dtype=object)) * len(shape)
    if kernel in ("2x2", "2xn", "single"):
        per_game = entries * VECTOR_STEPS
    elif kernel == "support":
        per_game = support_pair_count(*shape) * sum(shape) ** 2
    elif len(shape) >= 3:
        per_game = enumeration_cost(shape) * LOOP_STEPS
    else:
        per_game = entries * LOOP_STEPS // 100  # one player: a pure best-reply scan, in Python objects
    return int(size) * per_game


def solve_batch(payoffs: ArrayLike, rel_tol: float = 1e-9, method: str = "auto") -> BatchResult:
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
            return m.func(P, rel_tol)
    names = [m.name for m in BATCH_METHODS] + ["pure", "auto"]
    raise InputError(f"unknown batch method {method!r}; choose one of {names}", field="method")
