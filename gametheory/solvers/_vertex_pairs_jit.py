r"""The walk of :func:`~gametheory.solvers._vertex_pairs.vertex_pairs` compiled, in int64 (numba).

The same lexicographic reverse search over the bases of :math:`P` (Avis and
Fukuda 1992, as lrs does, Avis 2000), the same integer dictionaries (each row
divided by the gcd of its entries), the same ratio test and parent rule, and
the same dictionary of :math:`Q` carried along the path (one pivot per level,
left lazy at a leaf), as :mod:`._vertex_exact` and :mod:`._vertex_pairs` do
in Python: so the bases, their order and every number are the same.  What
changes is the cost of a basis: the dictionaries of the path live in one
preallocated int64 array per polytope and every loop is compiled, which
removes the interpreter's few microseconds per entry.

int64 is exact while every entry of a dictionary stays below
:math:`2^{31}` in absolute value: the products of two entries and their
difference then fit.  A pivot whose result would leave that range is not
done here: the walk stops and hands the child's subtree to the Python walk
(Python integers never overflow), then resumes with the next sibling; so is
a path deeper than the arrays.  The kernel is resumable for another reason
too: its output buffer is bounded, so a game with many equilibria is
streamed in batches.

What the kernel cannot decide alone it reports as a record for Python: a
pair found at a nondegenerate vertex (:data:`PAIR`), or a vertex whose face
of :math:`Q` needs solving (a degenerate vertex, :data:`FACE_DEGENERATE`, or
a singular basis of :math:`Q`, :data:`FACE`), with its label mask.

Imported only by :mod:`._vertex_pairs`, and only when numba is installed;
``cache=True`` keeps the compiled code on disk: the first use after an
installation compiles it (about 10 s of CPU, once), later processes load it
(about half a second).

References
----------
.. [1] D. Avis, "lrs: a revised implementation of the reverse search vertex
   enumeration algorithm", in G. Kalai and G. M. Ziegler (eds.), *Polytopes:
   Combinatorics and Computation*, Birkhäuser, 2000, 177-198.
.. [2] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", *Discrete and
   Computational Geometry* 8 (1992) 295-313.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["walk", "DONE", "FULL", "HANDOFF", "PAIR", "FACE", "FACE_DEGENERATE", "VERTEX", "BOUND"]

#: Status of :func:`walk`: the walk is over; the record buffer is full; a child's subtree is handed to Python.
DONE, FULL, HANDOFF = 0, 1, 2
#: Kinds of record: a pair; a face of Q to solve (singular basis of Q); the same at a degenerate vertex of P.
PAIR, FACE, FACE_DEGENERATE = 0, 1, 2
#: The kind of record of a walk over P alone (``vertices_only``): a basis, its zero variables and its point.
VERTEX = 3
#: Status of a level's dictionary of Q: pivoted; one pivot (row, slot) from its parent's; singular.
Q_VALID, Q_LAZY, Q_NONE = 0, 1, 2
#: Every entry stays below this, so that products of two entries and their difference fit in int64.
BOUND = 1 << 31


@numba.njit(cache=True)
def _gcd(a, b):  # pragma: no cover - compiled
    a = abs(a)
    b = abs(b)
    while b:
        a, b = b, a % b
    return a


@numba.njit(cache=True)
def _pivot(src, dst, rows, p, c, width):  # pragma: no cover - compiled
    """``_vertex_exact.pivot`` of ``src`` (``rows`` rows, ``width`` columns) into ``dst``; False on overflow."""
    piv = src[p, c]
    sp = src[p, width - 1]
    for i in range(rows):
        a = src[i, c]
        if i == p:
            sign = 1 if piv > 0 else -1
            for j in range(width):
                dst[i, j] = sign * src[p, j]
            dst[i, c] = sign * sp
            dst[i, width - 1] = sign * piv
            continue
        if a == 0:
            for j in range(width):
                dst[i, j] = src[i, j]
            continue
        g = 0
        for j in range(width):
            v = src[i, j] * piv - a * src[p, j]
            dst[i, j] = v
        dst[i, c] = -a * sp
        dst[i, width - 1] = src[i, width - 1] * piv
        for j in range(width):
            g = _gcd(g, dst[i, j])
            if g == 1:
                break
        if piv < 0:
            g = -g
        big = False
        for j in range(width):
            v = dst[i, j] // g
            dst[i, j] = v
            if v >= BOUND or v <= -BOUND:
                big = True
        if big:
            return False
    return True


@numba.njit(cache=True)
def _lexmin_row(tab, c, r, basis, slot_of, d):  # pragma: no cover - compiled
    """``_vertex_exact.lexmin_row``, the same ties broken the same way."""
    p = -1
    bb = 0
    ba = 0
    for i in range(r):
        a = tab[i, c]
        if a > 0:
            b = tab[i, d]
            if p < 0:
                p, bb, ba = i, b, a
                continue
            cmp = b * ba - bb * a
            if cmp == 0:
                for v in range(d, d + r):
                    k = slot_of[v]
                    if k >= 0:
                        cmp = tab[i, k] * ba - tab[p, k] * a
                    elif basis[i] == v:
                        cmp = tab[i, d + 1] * ba
                    elif basis[p] == v:
                        cmp = -tab[p, d + 1] * a
                    if cmp != 0:
                        break
            if cmp < 0:
                p, bb, ba = i, b, a
    return p


@numba.njit(cache=True)
def _q_from_scratch(CQ, target, qtab, qbasis, qslots):  # pragma: no cover - compiled
    """``_vertex_pairs._q_state``: Q's dictionary with basis ``target`` from its slack basis.

    Returns 1 when done, 0 when that basis is singular, -1 on overflow.
    """
    m, n = CQ.shape
    width = n + 2
    tmp = np.empty((m, width), dtype=np.int64)
    for i in range(m):
        for j in range(n):
            qtab[i, j] = CQ[i, j]
        qtab[i, n] = 1
        qtab[i, n + 1] = 1
        qbasis[i] = n + i
    for j in range(n):
        qslots[j] = j
    for c in range(n):
        var = qslots[c]
        if not target[var]:
            continue
        p = -1
        for i in range(m):
            if not target[qbasis[i]] and qtab[i, c] != 0:
                p = i
                break
        if p < 0:
            return 0
        if not _pivot(qtab, tmp, m, p, c, width):
            return -1
        qtab[:, :] = tmp
        out = qbasis[p]
        qbasis[p] = var
        qslots[c] = out
    return 1


@numba.njit(cache=True)
def _record_x(tab, basis, r, m, d, rec_x, k):  # pragma: no cover - compiled
    for j in range(m):
        rec_x[k, j, 0] = 0
        rec_x[k, j, 1] = 1
    for i in range(r):
        v = basis[i]
        if v < m:
            rec_x[k, v, 0] = tab[i, d]
            rec_x[k, v, 1] = tab[i, d + 1]


@numba.njit(cache=True)
def _start_pair(tab, basis, r, m, d, n, rec_kind, rec_x, rec_y, k):  # pragma: no cover - compiled
    """Record ``k`` becomes a pair: P's point from ``tab``, Q's values zero until the caller sets them."""
    rec_kind[k] = PAIR
    _record_x(tab, basis, r, m, d, rec_x, k)
    for j in range(n):
        rec_y[k, j, 0] = 0
        rec_y[k, j, 1] = 1


@numba.njit(cache=True)
def walk(CP, CQ, tabs, basis, slots, slot_of, nonbasic, nextpos, qtabs, qbasis, qslots, qstatus, qpc,
         top_arr, rec_kind, rec_mask, rec_x, rec_y, counters, handoff, vertices_only):  # pragma: no cover - compiled
    """Continue the walk from the path in the arrays; ``(status, records written)``.

    ``CP`` is ``r x d`` (P: ``d = m`` variables, ``r = n`` constraints), ``CQ``
    ``m x n``.  Level ``f`` of the path (``f < top_arr[0]``) holds P's
    dictionary ``tabs[f]`` (``r + 1`` rows, the last the objective; ``d + 2``
    columns), its basis, slots, ``slot_of`` (slot of each variable, -1 if
    basic), sorted ``nonbasic`` variables, the position of the next one to try,
    and Q's dictionary ``qtabs[f]`` with its status (``qpc[f]`` the pending
    pivot of a lazy one).  ``counters[0]`` counts the bases visited.  On
    :data:`HANDOFF`, ``handoff`` holds ``(f, p, c, q, leave)``: the child of
    level ``f`` entering ``q`` at row ``p``, slot ``c``, ``leave`` leaving,
    is for the caller to walk (level ``f`` already points past it).
    With ``vertices_only``, Q is left alone and every basis is a
    :data:`VERTEX` record: the mask of P's variables at zero and its point.
    """
    r, d = CP.shape
    m, n = CQ.shape
    depth_cap = tabs.shape[0]
    cap = rec_kind.shape[0]
    width = d + 2
    qwidth = n + 2
    nlab = m + n
    full = (np.int64(1) << nlab) - 1
    target = np.zeros(n + m, dtype=np.bool_)
    written = 0
    top = top_arr[0]
    while top > 0:
        if written >= cap:
            top_arr[0] = top
            return FULL, written
        f = top - 1
        tab = tabs[f]
        found = False
        for pos in range(nextpos[f], d):
            q = nonbasic[f, pos]
            c = slot_of[f, q]
            oq = tab[r, c]
            if oq <= 0:
                continue
            p = _lexmin_row(tab, c, r, basis[f], slot_of[f], d)
            if p < 0:
                continue
            leave = basis[f, p]
            piv = tab[p, c]
            is_child = True
            for t in range(d):
                k = nonbasic[f, t]
                if k >= leave:
                    break
                if k != q:
                    ck = slot_of[f, k]
                    if tab[r, ck] * piv - oq * tab[p, ck] < 0:
                        is_child = False
                        break
            if not is_child:
                continue
            nextpos[f] = pos + 1
            found = True
            handoff[0] = f
            handoff[1] = p
            handoff[2] = c
            handoff[3] = q
            handoff[4] = leave
            if top == depth_cap:
                top_arr[0] = top
                return HANDOFF, written
            # Q's dictionary at level f is needed now (the child pivots from it): do its lazy pivot
            if not vertices_only and qstatus[f] == Q_LAZY:
                if not _pivot(qtabs[f - 1], qtabs[f], m, qpc[f, 0], qpc[f, 1], qwidth):
                    top_arr[0] = top
                    return HANDOFF, written
                qp, qc = qpc[f, 0], qpc[f, 1]
                for i in range(m):
                    qbasis[f, i] = qbasis[f - 1, i]
                for j in range(n):
                    qslots[f, j] = qslots[f - 1, j]
                qbasis[f, qp], qslots[f, qc] = qslots[f - 1, qc], qbasis[f - 1, qp]
                qstatus[f] = Q_VALID
            if not _pivot(tab, tabs[top], r + 1, p, c, width):
                top_arr[0] = top
                return HANDOFF, written
            g = top
            for i in range(r):
                basis[g, i] = basis[f, i]
            basis[g, p] = q
            for j in range(d):
                slots[g, j] = slots[f, j]
            slots[g, c] = leave
            for v in range(d + r):
                slot_of[g, v] = slot_of[f, v]
            slot_of[g, q] = -1
            slot_of[g, leave] = c
            t = 0
            placed = False
            for s in range(d):
                k = nonbasic[f, s]
                if k == q:
                    continue
                if not placed and leave < k:
                    nonbasic[g, t] = leave
                    t += 1
                    placed = True
                nonbasic[g, t] = k
                t += 1
            if not placed:
                nonbasic[g, t] = leave
            nextpos[g] = 0
            if vertices_only:
                top += 1
                counters[0] += 1
                zeros = np.int64(0)
                for v in range(d + r):
                    zeros |= np.int64(1) << v
                for i in range(r):
                    if tabs[g, i, d] != 0:
                        zeros ^= np.int64(1) << basis[g, i]
                rec_kind[written] = VERTEX
                rec_mask[written] = zeros
                _record_x(tabs[g], basis[g], r, d, d, rec_x, written)
                written += 1
                break
            # Q at the child: labels `q` leave its basis and `leave` enter (variables: qvar below)
            qin = n + q if q < m else q - m
            qout = n + leave if leave < m else leave - m
            if qstatus[f] == Q_VALID:
                qp = -1
                for i in range(m):
                    if qbasis[f, i] == qin:
                        qp = i
                        break
                qc = -1
                for j in range(n):
                    if qslots[f, j] == qout:
                        qc = j
                        break
                if qtabs[f, qp, qc] != 0:
                    qstatus[g] = Q_LAZY
                    qpc[g, 0] = qp
                    qpc[g, 1] = qc
                else:
                    qstatus[g] = Q_NONE
            else:
                for v in range(n + m):
                    target[v] = False
                for j in range(d):
                    v = slots[g, j]
                    target[n + v if v < m else v - m] = True
                got = _q_from_scratch(CQ, target, qtabs[g], qbasis[g], qslots[g])
                if got < 0:
                    top_arr[0] = top
                    return HANDOFF, written
                qstatus[g] = Q_VALID if got == 1 else Q_NONE
            top += 1
            counters[0] += 1
            ctab = tabs[g]
            degenerate = False
            for i in range(r):
                if ctab[i, d] == 0:
                    degenerate = True
                    break
            if degenerate or qstatus[g] == Q_NONE:
                labels = full
                for i in range(r):
                    if ctab[i, d] != 0:
                        labels ^= np.int64(1) << basis[g, i]
                rec_kind[written] = FACE_DEGENERATE if degenerate else FACE
                rec_mask[written] = labels
                _record_x(ctab, basis[g], r, m, d, rec_x, written)
                written += 1
            elif qstatus[g] == Q_VALID:
                ok = True
                for i in range(m):
                    if qtabs[g, i, n] < 0:
                        ok = False
                        break
                if ok:
                    _start_pair(ctab, basis[g], r, m, d, n, rec_kind, rec_x, rec_y, written)
                    for i in range(m):
                        v = qbasis[g, i]
                        if v < n:
                            rec_y[written, v, 0] = qtabs[g, i, n]
                            rec_y[written, v, 1] = qtabs[g, i, n + 1]
                    written += 1
            else:
                # _vertex_pairs._pivoted_point: the values after Q's lazy pivot, without doing it
                qp, qc = qpc[g, 0], qpc[g, 1]
                qt = qtabs[f]
                qpiv = qt[qp, qc]
                rp = qt[qp, n]
                ok = not ((qpiv > 0 and rp < 0) or (qpiv < 0 and rp > 0))
                if ok:
                    for i in range(m):
                        if i == qp:
                            continue
                        num = qt[i, n] * qpiv - qt[i, qc] * rp
                        if num != 0 and (num > 0) != (qpiv > 0):
                            ok = False
                            break
                if ok:
                    _start_pair(ctab, basis[g], r, m, d, n, rec_kind, rec_x, rec_y, written)
                    v = qslots[f, qc]
                    if v < n:
                        rec_y[written, v, 0] = rp
                        rec_y[written, v, 1] = qpiv
                    for i in range(m):
                        if i == qp:
                            continue
                        v = qbasis[f, i]
                        if v < n:
                            rec_y[written, v, 0] = qt[i, n] * qpiv - qt[i, qc] * rp
                            rec_y[written, v, 1] = qt[i, n + 1] * qpiv
                    written += 1
            break
        if not found:
            top -= 1
    top_arr[0] = 0
    return DONE, written
