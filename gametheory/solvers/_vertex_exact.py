r"""Exact vertex enumeration of :math:`\{z \ge 0 : Cz \le 1\}` by integer pivoting.

The polytope is written with slacks as :math:`Cz + s = 1`, :math:`z, s \ge 0`.
Every feasible basis gives a vertex; a degenerate vertex has several bases.
The graph whose nodes are the feasible bases and whose edges are single
pivots (entering variable any nonbasic one, leaving variable any row that
attains the minimum ratio) is connected (the argument behind reverse search,
Avis and Fukuda 1992), so a search from the slack basis meets every vertex,
degenerate ones included; ties in the ratio test are all followed.

Arithmetic is Edmonds' integer pivoting (as in von Stengel 2007, section
3.6): the tableau holds integer minors and the current determinant, every
division is exact, and with a positive pivot the determinant stays positive.
This is the exact reference path of ``method="enumerate"``; the float path
(:mod:`._vertex_float`) is tried first on larger games.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["exact_polytope_vertices"]


def exact_polytope_vertices(C):
    """All vertices of ``{z >= 0 : C z <= 1}`` for a positive integer matrix ``C``.

    Parameters
    ----------
    C : list of list of int
        ``r x d``, every entry positive (so the polytope is bounded).

    Returns
    -------
    list of (tuple of Fraction, int)
        Each vertex ``z`` and its label mask: bit ``k < d`` when ``z_k = 0``,
        bit ``d + j`` when ``(C z)_j = 1``.  The origin is included.

    Examples
    --------
    The unit simplex scaled by 1/2:

    >>> sorted(exact_polytope_vertices([[2, 2]]))
    [((Fraction(0, 1), Fraction(0, 1)), 3), ((Fraction(0, 1), Fraction(1, 2)), 5), ((Fraction(1, 2), Fraction(0, 1)), 6)]
    """
    r, d = len(C), len(C[0])
    nvar = d + r
    tab0 = [list(C[i]) + [1 if k == i else 0 for k in range(r)] + [1] for i in range(r)]
    basis0 = tuple(range(d, nvar))
    seen = {frozenset(basis0)}
    stack = [(basis0, tab0, 1)]
    vertices = {}
    while stack:
        basis, tab, det = stack.pop()
        num = [0] * nvar
        for row, var in enumerate(basis):
            num[var] = tab[row][-1]
        point = tuple(Fraction(num[k], det) for k in range(d))
        if point not in vertices:
            mask = 0
            for k in range(nvar):
                if num[k] == 0:
                    mask |= 1 << k
            vertices[point] = mask
        in_basis = set(basis)
        for q in range(nvar):
            if q in in_basis:
                continue
            best_b, best_a, rows = None, None, []
            for i in range(r):
                a = tab[i][q]
                if a > 0:
                    b = tab[i][-1]
                    if best_b is None:
                        best_b, best_a, rows = b, a, [i]
                    else:
                        cmp = b * best_a - best_b * a
                        if cmp < 0:
                            best_b, best_a, rows = b, a, [i]
                        elif cmp == 0:
                            rows.append(i)
            for p in rows:
                nb = list(basis)
                nb[p] = q
                key = frozenset(nb)
                if key in seen:
                    continue
                seen.add(key)
                piv = tab[p][q]
                prow = tab[p]
                new = []
                for i in range(r):
                    if i == p:
                        new.append(prow)
                        continue
                    ti = tab[i]
                    a = ti[q]
                    if a == 0:
                        # (t * piv - 0) / det: still exact, keeps the row's minors current
                        new.append([(t * piv) // det for t in ti])
                    else:
                        new.append([(t * piv - a * u) // det for t, u in zip(ti, prow)])
                stack.append((tuple(nb), new, piv))
    return list(vertices.items())
