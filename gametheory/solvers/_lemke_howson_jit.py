r"""Compiled Lemke-Howson path on compact tableaux (numba).

The complementary pivoting of :mod:`gametheory.solvers.lemke_howson` in
scalar loops: two dictionaries (compact tableaux, only the nonbasic columns:
Chvatal 1983, ch. 2-3), :math:`P` as ``TP`` (``n x m``, one row per column of
:math:`B`) and :math:`Q` as ``TQ`` (``m x n``), pivoted alternately; the
variable that leaves one enters the other, until the dropped label ``k``
leaves (Lemke and Howson 1964; von Stengel 2007, sections 3.4-3.6).  The
leaving row is the minimum ratio :math:`\mathrm{rhs}_i / T_{ic}` over the
entries :math:`T_{ic} > \varepsilon`; a tie within :math:`\varepsilon`
(relative) is broken by the lexicographic rule on the columns of the initial
(slack) basis, and the pivot is a Jordan exchange (the leaving variable takes
the entering one's column).  These are exactly the steps of
:class:`~gametheory.solvers.lemke_howson._FloatTableau`, so both kernels
follow the same path to the same bases.

Imported only by :func:`gametheory.solvers.lemke_howson._compiled_kernel`,
and only when numba is installed: numba is an optional accelerator, not a
dependency of start-up.  ``cache=True`` keeps the compiled code on disk (next
to this file, or in numba's user cache directory when that is read-only), so
only the first call after an install or a change of this file compiles.

References
----------
.. [1] C. E. Lemke and J. T. Howson, Jr., "Equilibrium points of bimatrix
   games", *Journal of the Society for Industrial and Applied Mathematics*
   12(2) (1964) 413-423.
.. [2] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3.
.. [3] V. Chvatal, *Linear Programming*, W. H. Freeman, 1983, ch. 2-3.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["complementary_pivots", "blocked_pivots", "float_path"]


@numba.njit(cache=True, nogil=True)
def _ratio_ties(col, rhs, nrows, eps, ratios, ties):  # pragma: no cover - compiled; tested through its callers
    """The minimum ratio test on the entering column ``col``: ``(first minimising row, rows tying with it)``.

    Entries at most ``eps`` do not bound; ``ratios`` receives every row's
    ratio and ``ties[:count]`` the rows within ``eps`` (relative) of the least.
    """
    r = -1
    best = np.inf
    for i in range(nrows):
        if col[i] > eps:
            ratios[i] = rhs[i] / col[i]
            if r < 0 or ratios[i] < best:
                best = ratios[i]
                r = i
        else:
            ratios[i] = np.inf
    tol = best + eps * max(1.0, abs(best))
    nties = 0
    for i in range(nrows):
        if ratios[i] <= tol:
            ties[nties] = i
            nties += 1
    return r, nties


@numba.njit(cache=True, nogil=True)
def _keep_least(ratios, ties, nties, keep, eps):  # pragma: no cover - compiled; tested through its callers
    """One step of the lexicographic rule: keep the tied rows whose ``ratios`` are within ``eps`` of the least."""
    least = np.inf
    for a in range(nties):
        i = ties[a]
        if a == 0 or ratios[i] < least:
            least = ratios[i]
    tol = least + eps * max(1.0, abs(least))
    nkeep = 0
    for a in range(nties):
        if ratios[ties[a]] <= tol:
            keep[nkeep] = ties[a]
            nkeep += 1
    for a in range(nkeep):
        ties[a] = keep[a]
    return nkeep


@numba.njit(cache=True, nogil=True)
def _exchange(T, rhs, r, c, row):  # pragma: no cover - compiled; tested through its callers
    """The Jordan exchange on ``(r, c)`` of the compact tableau ``T`` and its right-hand side, in place."""
    nrows, ncols = T.shape
    p = T[r, c]
    for j in range(ncols):
        row[j] = T[r, j] / p
    row[c] = 1.0 / p
    step = rhs[r] / p
    minus_inv = -1.0 / p
    for i in range(nrows):
        if i == r:
            continue
        f = T[i, c]
        if f != 0.0:
            for j in range(ncols):
                T[i, j] -= f * row[j]
            rhs[i] -= f * step
        T[i, c] = f * minus_inv
    for j in range(ncols):
        T[r, j] = row[j]
    rhs[r] = step


@numba.njit(cache=True, nogil=True)
def complementary_pivots(TP, TQ, rhsP, rhsQ, basisP, basisQ, colP, colQ, m, n, k, max_pivots, eps):  # pragma: no cover
    """The whole path dropping label ``k``, in place: the number of pivots, or -1 past ``max_pivots``.

    ``TP`` (``n x m``) and ``TQ`` (``m x n``) are the compact tableaux and
    ``rhsP``, ``rhsQ`` their right-hand sides (all pivoted in place);
    ``basis*`` map rows to variables (labels ``0..m+n-1``), ``col*``
    variables to columns (-1 while basic).  ``eps``: entries at most ``eps``
    do not bound the ratio test, and ratios within ``eps`` (relative) tie.
    The plain-Python function (``complementary_pivots.py_func``) is the
    reference the tests run uncompiled.
    """
    rows_max = max(m, n)
    ratios = np.empty(rows_max)
    ties = np.empty(rows_max, dtype=np.int64)
    keep = np.empty(rows_max, dtype=np.int64)
    row = np.empty(rows_max)
    t = 0 if k < m else 1
    entering = k
    pivots = 0
    while True:
        if pivots >= max_pivots:
            return -1
        if t == 0:
            T, rhs, basis, col_of, slack0 = TP, rhsP, basisP, colP, m
        else:
            T, rhs, basis, col_of, slack0 = TQ, rhsQ, basisQ, colQ, 0
        nrows = T.shape[0]
        c = col_of[entering]
        r, nties = _ratio_ties(T[:, c], rhs, nrows, eps, ratios, ties)
        if nties > 1:  # degenerate step: the lexicographic rule on the initial basis columns
            for key in range(slack0, slack0 + nrows):
                kc = col_of[key]
                for a in range(nties):
                    i = ties[a]
                    if kc >= 0:
                        v = T[i, kc]
                    else:
                        v = 1.0 if basis[i] == key else 0.0
                    ratios[i] = v / T[i, c]
                nties = _keep_least(ratios, ties, nties, keep, eps)
                if nties == 1:
                    break
            r = ties[0]
        _exchange(T, rhs, r, c, row)
        leaving = basis[r]
        basis[r] = entering
        col_of[entering] = -1
        col_of[leaving] = c
        pivots += 1
        if leaving == k:
            return pivots
        t = 1 - t
        entering = leaving


@numba.njit(cache=True, nogil=True)
def _entry(base, U, W, R, C, MI, k, i, j):  # pragma: no cover - compiled; tested through its callers
    """Current entry ``(i, j)`` of a tableau with ``k`` held-back pivots: the eager updates replayed in order."""
    x = base[i, j]
    for t in range(k):
        if R[t] == i:
            x = W[t, j]
        elif C[t] == j:
            x = U[t, i] * MI[t]
        else:
            f = U[t, i]
            if f != 0.0:
                x -= f * W[t, j]
    return x


@numba.njit(cache=True, nogil=True)
def _column(base, U, W, R, C, MI, k, c, out):  # pragma: no cover - compiled; tested through its callers
    """Current column ``c`` into ``out`` (:func:`_entry` for every row, pivot by pivot)."""
    nrows = base.shape[0]
    for i in range(nrows):
        out[i] = base[i, c]
    for t in range(k):
        if C[t] == c:
            mi = MI[t]
            for i in range(nrows):
                out[i] = U[t, i] * mi
        else:
            w = W[t, c]
            for i in range(nrows):
                f = U[t, i]
                if f != 0.0:
                    out[i] -= f * w
        out[R[t]] = W[t, c]


@numba.njit(cache=True, nogil=True)
def _apply(dest, U, W, R, C, MI, k, i):  # pragma: no cover - compiled; tested through its callers
    """Bring ``dest``, row ``i`` as of ``k`` pivots ago, up to date: the eager row updates in order."""
    ncols = dest.shape[0]
    for t in range(k):
        if R[t] == i:
            for j in range(ncols):
                dest[j] = W[t, j]
        else:
            f = U[t, i]
            if f != 0.0:
                for j in range(ncols):
                    dest[j] -= f * W[t, j]
            dest[C[t]] = f * MI[t]


@numba.njit(cache=True, nogil=True)
def blocked_pivots(TP, TQ, rhsP, rhsQ, basisP, basisQ, colP, colQ, m, n, k, max_pivots, eps,
                   block):  # pragma: no cover - compiled; tested through its callers
    """:func:`complementary_pivots` with the first ``block`` updates of each tableau held back.

    A pivot needs only the entering column (the ratio test), a few entries
    (ties) and the pivot row; these are computed from the initial tableau by
    replaying the held-back pivots in order (``U``: their columns, ``W``:
    their new rows, ``R``, ``C``: their rows and columns, ``MI``: ``-1/p``).
    Every entry goes through exactly the operations of the eager update in
    the same order, so the path, the bases and every value are bit for bit
    those of :func:`complementary_pivots`; but a path of ``h`` pivots in a
    tableau costs about ``(rows + cols) h^2 / 2`` operations instead of
    ``rows * cols * h``: the short paths of large games.  When a tableau
    reaches ``block`` pivots, the held-back updates are applied (row by row,
    the row in cache) and it pivots eagerly from then on, as
    :func:`complementary_pivots`.  The right-hand sides are updated eagerly;
    a tableau still holding pivots back is left as it was before them.
    """
    rows_max = max(m, n)
    ratios = np.empty(rows_max)
    ties = np.empty(rows_max, dtype=np.int64)
    keep = np.empty(rows_max, dtype=np.int64)
    rowbuf = np.empty(rows_max)
    UP, WP = np.empty((block, n)), np.empty((block, m))
    UQ, WQ = np.empty((block, m)), np.empty((block, n))
    RP, CP = np.empty(block, dtype=np.int64), np.empty(block, dtype=np.int64)
    RQ, CQ = np.empty(block, dtype=np.int64), np.empty(block, dtype=np.int64)
    MIP, MIQ = np.empty(block), np.empty(block)
    held = np.zeros(2, dtype=np.int64)
    t = 0 if k < m else 1
    entering = k
    pivots = 0
    while True:
        if pivots >= max_pivots:
            return -1
        if t == 0:
            T, rhs, basis, col_of, slack0 = TP, rhsP, basisP, colP, m
            U, W, R, C, MI = UP, WP, RP, CP, MIP
        else:
            T, rhs, basis, col_of, slack0 = TQ, rhsQ, basisQ, colQ, 0
            U, W, R, C, MI = UQ, WQ, RQ, CQ, MIQ
        nrows, ncols = T.shape
        h = held[t]
        c = col_of[entering]
        col = U[max(h, 0)]
        _column(T, U, W, R, C, MI, max(h, 0), c, col)
        r, nties = _ratio_ties(col, rhs, nrows, eps, ratios, ties)
        if nties > 1:  # degenerate step: the lexicographic rule on the initial basis columns
            for key in range(slack0, slack0 + nrows):
                kc = col_of[key]
                for a in range(nties):
                    i = ties[a]
                    if kc >= 0:
                        v = _entry(T, U, W, R, C, MI, max(h, 0), i, kc)
                    else:
                        v = 1.0 if basis[i] == key else 0.0
                    ratios[i] = v / col[i]
                nties = _keep_least(ratios, ties, nties, keep, eps)
                if nties == 1:
                    break
            r = ties[0]
        p = col[r]
        if h < 0:  # past the first block of this tableau: the eager Jordan exchange of complementary_pivots
            _exchange(T, rhs, r, c, rowbuf)
        else:  # held back: the new row r and the column are kept in W[h] and U[h]
            row = W[h]
            for j in range(ncols):
                row[j] = T[r, j]
            _apply(row, U, W, R, C, MI, h, r)
            for j in range(ncols):
                row[j] = row[j] / p
            row[c] = 1.0 / p
            step = rhs[r] / p
            for i in range(nrows):
                if i != r:
                    f = col[i]
                    if f != 0.0:
                        rhs[i] -= f * step
            rhs[r] = step
            R[h], C[h], MI[h] = r, c, -1.0 / p
            h += 1
            if h == block:  # a long path: bring every row up to date, then pivot eagerly
                for i in range(nrows):
                    for a in range(h):
                        if R[a] == i:
                            for j in range(ncols):
                                T[i, j] = W[a, j]
                        else:
                            f = U[a, i]
                            if f != 0.0:
                                for j in range(ncols):
                                    T[i, j] -= f * W[a, j]
                            T[i, C[a]] = f * MI[a]
                h = -1
            held[t] = h
        leaving = basis[r]
        basis[r] = entering
        col_of[entering] = -1
        col_of[leaving] = c
        pivots += 1
        if leaving == k:
            return pivots
        t = 1 - t
        entering = leaving


@numba.njit(cache=True, nogil=True)
def float_path(A, B, k, max_pivots, eps, block):  # pragma: no cover - compiled; tested through its callers
    """The path dropping label ``k`` on positive ``m x n`` matrices ``A``, ``B`` from the slack bases.

    Returns ``(pivots, basisP, basisQ, rhsP, rhsQ)``: the final bases (row ->
    variable) and the values of their basic variables, as
    :func:`complementary_pivots` leaves them; ``pivots`` is -1 past
    ``max_pivots``.  The tableaux are built here (``TP = B^T``, ``TQ = A``)
    and pivoted by :func:`blocked_pivots` (``block`` pivots held back at most).
    """
    m, n = A.shape
    TP = np.empty((n, m))
    for i in range(m):
        for j in range(n):
            TP[j, i] = B[i, j]
    TQ = np.empty((m, n))
    for i in range(m):
        for j in range(n):
            TQ[i, j] = A[i, j]
    rhsP = np.ones(n)
    rhsQ = np.ones(m)
    basisP = np.arange(m, m + n)
    basisQ = np.arange(m)
    colP = np.full(m + n, -1)
    colQ = np.full(m + n, -1)
    for i in range(m):
        colP[i] = i
    for j in range(n):
        colQ[m + j] = j
    pivots = blocked_pivots(TP, TQ, rhsP, rhsQ, basisP, basisQ, colP, colQ, m, n, k, max_pivots, eps, block)
    return pivots, basisP, basisQ, rhsP, rhsQ
