r"""Vertices of a small polytope :math:`\{u \in \mathbb{R}^k : a_i \cdot u \le b_i\}`, in integers, all bases at once.

A point :math:`u` is a vertex of the polyhedron if and only if it satisfies
every inequality and :math:`k` linearly independent inequalities are tight
at it (Schrijver 1986, section 8.5).  So the vertices are exactly the
solutions of the nonsingular :math:`k \times k` systems :math:`a_S u = b_S`
(:math:`S` a :math:`k`-subset of the inequalities) that satisfy all the
others.  For a small :math:`k` the systems of all :math:`\binom{N}{k}`
subsets are solved together, as NumPy arrays, by Cramer's rule in integers:
with :math:`D_j` the minor of the :math:`k \times (k + 1)` matrix
:math:`[a_S \mid b_S]` without its column :math:`j`,

.. math::

    \det a_S = D_k, \qquad u_c = (-1)^{k - 1 - c} \, D_c / D_k .

The minors are built by Laplace expansion along the rows: those of the first
:math:`s + 1` rows of every subset, for every set of :math:`s + 1` columns,
from those of the first :math:`s` rows.  A subset is kept when
:math:`D_k \ne 0` and :math:`a \cdot (D_k u) \le b \, D_k` holds for every
inequality after making :math:`D_k > 0`.  Nothing is rounded: no tolerance,
so no vertex is lost and none is admitted falsely.

The arithmetic is int64 when a bound shows no value can overflow (an
:math:`s \times s` minor of integers at most :math:`E` in absolute value is
at most :math:`s! \, E^s` by the Leibniz formula, and so is every partial sum
of its expansion), Python integers (object arrays) otherwise.

References
----------
.. [1] A. Schrijver, *Theory of Linear and Integer Programming*, Wiley, 1986,
   section 8.5 (vertices as the solutions of nonsingular tight subsystems).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from math import comb, factorial, gcd

import numpy as np

__all__: list[str] = []

#: Subsets solved per batch (bounds the memory of one batch to a few MB).
_CHUNK = 16384
#: Largest magnitude the int64 path may meet.
_INT64_MAX = 2**63 - 1
#: A subset in Python integers (object arrays) costs about this many in int64 (measured: 12 us against 0.75 us).
_OBJECT_COST = 16


def reduced_inequalities(rows: Sequence[tuple[Sequence[int], int]]) -> list[tuple[tuple[int, ...], int]] | None:
    """The same polyhedron with fewer inequalities ``a . u <= b``; None if it is empty.

    A vertex is a property of the set, not of the inequalities describing
    it, so dropping redundant ones keeps every vertex: rows ``0 . u <= b``
    with ``b >= 0``, and of the rows with the same direction ``a / gcd(a)``
    all but the tightest.

    >>> reduced_inequalities([((2, 4), 6), ((1, 2), 5), ((0, 0), 1), ((-1, 0), 0)])
    [((1, 2), 3), ((-1, 0), 0)]
    >>> reduced_inequalities([((0, 0), -1)]) is None
    True
    """
    best: dict[tuple[int, ...], tuple[int, int]] = {}  # direction -> (b, g): the row g direction . u <= b
    for a, b in rows:
        g = gcd(*a)
        if g == 0:
            if b < 0:
                return None
            continue
        key = tuple(v // g for v in a)
        old = best.get(key)
        if old is None or b * old[1] < old[0] * g:  # b / g < b_old / g_old, both g > 0
            best[key] = (b, g)
    out = []
    for key, (b, g) in best.items():
        h = gcd(b, g)
        out.append((tuple(v * (g // h) for v in key), b // h))
    return out


def subsets(N: int, k: int) -> np.ndarray:
    """Every ``k``-subset of ``range(N)`` as a row, in lexicographic order (``itertools.combinations``'s).

    >>> subsets(4, 2).tolist()
    [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
    """
    if k == 0:
        return np.zeros((1, 0), dtype=np.intp)
    out = np.arange(N - k + 1, dtype=np.intp)[:, None]
    for s in range(1, k):
        last = out[:, -1]
        counts = (N - k + s) - last  # the next element runs over last + 1 .. N - k + s
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        step = np.arange(int(counts.sum()), dtype=np.intp) - starts + 1
        out = np.column_stack([np.repeat(out, counts, axis=0), np.repeat(last, counts) + step])
    return out


def _maximal_minors(cols: list[list[np.ndarray]], k: int) -> list[np.ndarray]:
    """``D_0 .. D_k`` per subset; ``cols[s][c]`` is column ``c`` of row ``s`` of every subset's ``[a_S | b_S]``."""
    minors: dict[tuple[int, ...], np.ndarray] = {(c,): cols[0][c] for c in range(k + 1)}
    for s in range(1, k):
        row = cols[s]
        grown: dict[tuple[int, ...], np.ndarray] = {}
        for cs in combinations(range(k + 1), s + 1):
            # expansion along row s: entry (s, p) has the sign (-1)^(s + p)
            acc = row[cs[0]] * minors[cs[1:]]
            if s % 2:
                acc = -acc
            for p in range(1, s + 1):
                term = row[cs[p]] * minors[cs[:p] + cs[p + 1:]]
                if (s + p) % 2:
                    acc -= term
                else:
                    acc += term
            grown[cs] = acc
        minors = grown
    return [minors[tuple(c for c in range(k + 1) if c != j)] for j in range(k + 1)]


def polytope_vertices(rows: Sequence[tuple[Sequence[int], int]], k: int,
                      limit: int) -> list[tuple[Fraction, ...]] | None:
    """The vertices of ``{u in R^k : a . u <= b for (a, b) in rows}`` (integers), in no particular order.

    None when more than ``limit`` ``k``-subsets of the (reduced) inequalities
    would have to be solved (each counting :data:`_OBJECT_COST` times when
    the entries are too large for int64).

    Examples
    --------
    The triangle ``u >= 0, u_0 + u_1 <= 1`` (the third row is redundant):

    >>> sorted(polytope_vertices([((-1, 0), 0), ((0, -1), 0), ((1, 1), 1), ((2, 2), 3)], 2, 100))
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))]
    >>> polytope_vertices([((-1, 0), 0), ((0, -1), 0), ((1, 1), 1)], 2, 2) is None
    True
    """
    reduced = reduced_inequalities(rows)
    if reduced is None:
        return []
    if k == 0:
        return [()]  # every row was 0 <= b with b >= 0, or it would not have been reduced away
    if k == 1:  # an interval: at most one row u <= b / a and one row u >= b / a are left
        ends = {Fraction(b, a[0]) for a, b in reduced}
        return [(e,) for e in ends if all(a[0] * e <= b for a, b in reduced)]
    N = len(reduced)
    if N < k:
        return []  # a polyhedron with fewer than k inequalities has no vertex
    E = max(abs(v) for a, b in reduced for v in (*a, b))
    # (k + 1)! E^(k + 1) bounds every minor, every partial sum of an expansion and of a . num, and b den
    dtype = np.int64 if factorial(k + 1) * E ** (k + 1) <= _INT64_MAX else object
    if comb(N, k) * (1 if dtype is np.int64 else _OBJECT_COST) > limit:
        return None
    G = np.array([[*a, b] for a, b in reduced], dtype=dtype)
    Gcols = [np.ascontiguousarray(G[:, c]) for c in range(k + 1)]
    A, B = G[:, :k].T.copy(), G[:, k]
    found: set[tuple[int, ...]] = set()
    every = subsets(N, k)
    for start in range(0, len(every), _CHUNK):
        idx = every[start:start + _CHUNK]
        cols = [[Gcols[c][idx[:, s]] for c in range(k + 1)] for s in range(k)]
        D = _maximal_minors(cols, k)
        den = D[k]
        keep = den != 0  # singular subsets name no vertex (its tight set has a nonsingular k-subset)
        if not keep.any():
            continue
        sign = np.where(den[keep] > 0, 1, -1).astype(dtype)
        den_k = den[keep] * sign
        num = np.column_stack([D[c][keep] * (sign if (k - 1 - c) % 2 == 0 else -sign) for c in range(k)])
        ok = ((num @ A) <= den_k[:, None] * B[None, :]).all(axis=1)
        if not ok.any():
            continue
        pts = np.column_stack([num[ok], den_k[ok]])
        g = np.gcd.reduce(pts, axis=1)  # > 0: the denominator is
        pts = pts // g[:, None]
        found.update(tuple(int(v) for v in row) for row in pts.tolist())
    return [tuple(Fraction(v, p[-1]) for v in p[:-1]) for p in found]
