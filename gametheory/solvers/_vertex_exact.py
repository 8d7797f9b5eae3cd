r"""Exact vertex enumeration of :math:`\{z \ge 0 : Cz \le 1\}` by integer pivoting.

The polytope is written with slacks as :math:`Cz + s = 1`, :math:`z, s \ge 0`.
Every feasible basis gives a vertex; a degenerate vertex has several bases.
The search uses the lexicographic ratio test: among the rows attaining the
minimum ratio it takes the one whose row of :math:`(b, B^{-1})` divided by
the pivot entry is lexicographically least.  This is pivoting on the
perturbed right-hand side :math:`1 + (\varepsilon, \varepsilon^2, \dots)`,
whose polytope is simple; its bases (the lexicographically positive bases
of the original system) are connected by these pivots, and every vertex of
the original polytope has one (its lex-min basis, Avis 2000, "lrs: a
revised implementation of the reverse search vertex enumeration
algorithm").  So a breadth-first search from the slack basis meets every
vertex, degenerate ones included, visiting only the lexicographically
positive bases instead of all feasible ones.

Arithmetic is Edmonds' integer pivoting (as in von Stengel 2007, section
3.5; the lexicographic rule is his section 3.6): the tableau holds integer
minors and the current determinant, every division is exact, and with a
positive pivot the determinant stays positive.
This is the exact reference path of ``method="enumerate"``; the float path
(:mod:`._vertex_float`) is tried first on larger games.

References
----------
.. [1] D. Avis, "lrs: a revised implementation of the reverse search vertex
   enumeration algorithm", in G. Kalai and G. M. Ziegler (eds.), *Polytopes:
   Combinatorics and Computation*, Birkhäuser, 2000, 177-198.
.. [2] J. Edmonds, "Systems of distinct representatives and linear algebra",
   *Journal of Research of the National Bureau of Standards* 71B (1967)
   241-245.
.. [3] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (section 3.5, integer pivoting; section 3.6, the
   lexicographic rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd

__all__ = ["exact_polytope_vertices"]


def exact_polytope_vertices(C: Sequence[Sequence[int]]) -> list[tuple[tuple[Fraction, ...], int]]:
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

    >>> for z, mask in sorted(exact_polytope_vertices([[2, 2]])):
    ...     print([str(v) for v in z], mask)
    ['0', '0'] 3
    ['0', '1/2'] 5
    ['1/2', '0'] 6
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
        # the vertex num[:d] / det, keyed by integers (no Fraction per coordinate)
        g = gcd(det, *num[:d])
        key = tuple(v // g for v in num[:d]) + (det // g,)
        if key not in vertices:
            mask = 0
            for k in range(nvar):
                if num[k] == 0:
                    mask |= 1 << k
            vertices[key] = mask
        in_basis = set(basis)
        for q in range(nvar):
            if q in in_basis:
                continue
            p = None
            for i in range(r):
                a = tab[i][q]
                if a > 0:
                    if p is None:
                        p, best_b, best_a = i, tab[i][-1], a
                        continue
                    b = tab[i][-1]
                    cmp = b * best_a - best_b * a
                    if cmp == 0:
                        # lexicographic tie-break on the rows of B^-1 (the slack columns)
                        tp = tab[p]
                        ti = tab[i]
                        for c in range(d, nvar):
                            cmp = ti[c] * best_a - tp[c] * a
                            if cmp:
                                break
                    if cmp < 0:
                        p, best_b, best_a = i, b, a
            if p is None:
                continue
            nb = list(basis)
            nb[p] = q
            basis_set = frozenset(nb)
            if basis_set in seen:
                continue
            seen.add(basis_set)
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
    out = []
    for key, mask in vertices.items():
        den = key[-1]
        out.append((tuple(Fraction(v, den) for v in key[:-1]), mask))
    return out
