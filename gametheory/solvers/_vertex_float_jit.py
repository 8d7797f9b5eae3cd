r"""Compiled reverse search over the vertices of ``{z >= 0 : C z <= 1}`` (numba).

The same search as :func:`gametheory.solvers._vertex_float.float_vertex_masks`
(Avis and Fukuda 1992: the origin minimises :math:`w^\top z`; a vertex's
parent is its neighbour along the steepest descent, Dantzig's rule), run
depth first in compiled scalar loops: the dictionaries on the path from the
origin are kept (one per depth), an edge is tried only when it goes up the
objective, and its far end is pivoted only when the steepest descent from
there leads back along it.  Per vertex this is about ``1.5 d r`` floating
point operations and no allocation, against the vectorised search's dozen
passes over ``(d + 1) (r + 1)`` arrays; it pays once the numba import and
the cached compiled code are loaded (a few tenths of a second, once per
process), which is why the caller uses it only for polytopes with many
vertices.

Imported only by :func:`~gametheory.solvers._vertex_float.float_vertex_masks`,
and only when numba is installed: numba is an optional accelerator, not a
dependency.  ``cache=True`` keeps the compiled code on disk (next to this
file, or in numba's user cache directory when that is read-only).

References
----------
.. [1] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", *Discrete &
   Computational Geometry* 8 (1992) 295-313.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["reverse_search_masks", "OK", "DEGENERATE", "TOO_MANY", "TIE", "EDGE_COUNT"]

#: Status codes of :func:`reverse_search_masks`: complete; a basic variable within ``tol`` of
#: zero (or a failed ratio test); more than ``cap`` vertices; a parent decision within ``tol``
#: of a tie; the edge count failed.
OK, DEGENERATE, TOO_MANY, TIE, EDGE_COUNT = 0, 1, 2, 3, 4


@numba.njit(cache=True)
def reverse_search_masks(C, weights, tol, cap):  # pragma: no cover - compiled; tested through its callers
    """``(masks, status)``: label masks of the vertices of ``{z >= 0 : C z <= 1}``, origin first.

    ``status`` is one of the codes above; the masks are complete only with :data:`OK`.
    Layout and pivoting as in ``float_vertex_masks``: ``tab[j, i]`` is the
    coefficient of nonbasic slot ``j`` (``j = d``: right-hand side) in basic
    row ``i`` (``i = r``: the objective row).
    """
    r, d = C.shape
    cap_depth = 64
    tabs = np.empty((cap_depth, d + 1, r + 1))
    basis = np.empty((cap_depth, r), dtype=np.int64)
    nonbasic = np.empty((cap_depth, d), dtype=np.int64)
    masks = np.empty(cap_depth, dtype=np.int64)
    next_k = np.zeros(cap_depth, dtype=np.int64)
    inv_rhs = np.ones((cap_depth, r))  # 1 / rhs of each dictionary on the path: ratio tests multiply
    t0 = tabs[0]
    for j in range(d):
        for i in range(r):
            t0[j, i] = C[i, j]
        t0[j, r] = weights[j]
        nonbasic[0, j] = j
    for i in range(r):
        t0[d, i] = 1.0
        basis[0, i] = d + i
    t0[d, r] = 0.0
    masks[0] = (np.int64(1) << d) - 1
    out = np.empty(1024, dtype=np.int64)
    out[0] = masks[0]
    count = 1
    up = d  # edges leaving each vertex away from the origin (all d at the origin)
    level = 0
    while level >= 0:
        k = next_k[level]
        if k == d:
            level -= 1
            continue
        next_k[level] = k + 1
        T = tabs[level]
        ok = T[k, r]
        if ok <= -tol:  # the edge goes down the objective: never a tree edge
            continue
        # ratio test min{rhs_i / a_i : a_i > 0} as max{a_i / rhs_i} (rhs > tol here)
        best = -np.inf
        p = -1
        ir = inv_rhs[level]
        for i in range(r):
            v = T[k, i] * ir[i]
            if v > best:
                best = v
                p = i
        if not best > 0.0:
            return out[:count], DEGENERATE
        piv = T[k, p]
        f = ok / piv
        back = -f
        # Dantzig's rule at the neighbour picks slot k iff its reduced cost -o_k / a_pk is below
        # 0 and below every other o_j - o_k a_pj / a_pk; within tol of that, rounding decides
        thr = 0.0
        for j in range(d):
            if j != k:
                v = T[j, r] - f * T[j, p]
                if v < thr:
                    thr = v
        if abs(back - thr) <= tol:
            return out[:count], TIE
        if not back < thr:
            continue
        if level + 1 == cap_depth:
            cap_depth *= 2
            tabs2 = np.empty((cap_depth, d + 1, r + 1))
            tabs2[:level + 1] = tabs[:level + 1]
            tabs = tabs2
            basis2 = np.empty((cap_depth, r), dtype=np.int64)
            basis2[:level + 1] = basis[:level + 1]
            basis = basis2
            nonbasic2 = np.empty((cap_depth, d), dtype=np.int64)
            nonbasic2[:level + 1] = nonbasic[:level + 1]
            nonbasic = nonbasic2
            masks2 = np.empty(cap_depth, dtype=np.int64)
            masks2[:level + 1] = masks[:level + 1]
            masks = masks2
            next_k2 = np.zeros(cap_depth, dtype=np.int64)
            next_k2[:level + 1] = next_k[:level + 1]
            next_k = next_k2
            inv2 = np.ones((cap_depth, r))
            inv2[:level + 1] = inv_rhs[:level + 1]
            inv_rhs = inv2
            T = tabs[level]
        N = tabs[level + 1]
        for j in range(d + 1):
            if j == k:
                continue
            a = T[j, p] / piv
            for i in range(r + 1):
                N[j, i] = T[j, i] - a * T[k, i]
            N[j, p] = a
        for i in range(r + 1):
            N[k, i] = -T[k, i] / piv
        N[k, p] = 1.0 / piv
        for i in range(r):
            if not N[d, i] > tol:  # also catches nan
                return out[:count], DEGENERATE
            inv_rhs[level + 1, i] = 1.0 / N[d, i]
        for j in range(d):
            if N[j, r] > 0.0:
                up += 1
        entering = nonbasic[level, k]
        leaving = basis[level, p]
        for i in range(r):
            basis[level + 1, i] = basis[level, i]
        for j in range(d):
            nonbasic[level + 1, j] = nonbasic[level, j]
        basis[level + 1, p] = entering
        nonbasic[level + 1, k] = leaving
        mask = masks[level] ^ (np.int64(1) << entering) ^ (np.int64(1) << leaving)
        masks[level + 1] = mask
        if count == len(out):
            out2 = np.empty(2 * count, dtype=np.int64)
            out2[:count] = out
            out = out2
        out[count] = mask
        count += 1
        if count > cap:
            return out[:count], TOO_MANY
        level += 1
        next_k[level] = 0
    # every edge leads away from the origin's side at exactly one end: V d / 2 edges
    if 2 * up != count * d:
        return out[:count], EDGE_COUNT
    return out[:count], OK
