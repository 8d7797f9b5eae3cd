r"""Fast float enumeration of equilibrium candidates of a nondegenerate bimatrix game.

Stage 1 enumerates the vertices of :math:`P = \{x \ge 0 : Cx \le 1\}`
(:math:`C = B^\top`, :math:`r \times d`) by a breadth-first search over bases
in which a whole layer of the search is pivoted at once: the dictionaries of
the frontier (nonbasic columns and right-hand side, stored transposed) form
one ``(F, d + 1, r)`` array, the ratio tests of all ``F * d`` entering
variables are one NumPy reduction, new bases are recognised by their label
bit masks (one sort, then a binary search among the masks already seen), and
only the new ones are pivoted, again in one broadcast.  When the polytope is
simple (the game is nondegenerate) each vertex has exactly one basis, so the
search visits every vertex once.

Stage 2 enumerates :math:`Q = \{y \ge 0 : Ay \le 1\}` the same way (square
games up to :data:`JOINT_MAX` strategies search both polytopes together).  When
both polytopes are simple (the game is nondegenerate), every vertex has
exactly :math:`m` (resp. :math:`n`) labels, and :math:`(x, y)` is an
equilibrium iff the label set of :math:`y` is the complement of that of
:math:`x`: one binary search of the complemented masks of :math:`P` among the
sorted masks of :math:`Q` (``np.searchsorted``) finds all equilibria, as in
Algorithm 3.5 of von Stengel (2007) and the vertex-pair matching of Avis,
Rosenberg, Savani and von Stengel (2010).
Checking both polytopes is what makes the nondegeneracy claim (and so the
completeness of the result) hold for the game, not just for one player.

Any sign of degeneracy (a basic variable within ``tol`` of zero in either
polytope) makes the kernel return None: the caller then uses exact
arithmetic.  What the kernel returns are candidates; the caller confirms
each one exactly.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (section 3.3, Algorithm 3.5).
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", *Economic Theory* 42 (2010)
   9-37.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["float_vertices", "float_vertices_many", "float_candidates"]

#: The vertices of one polytope: basic variables' values ``(V, r)``, basic variables ``(V, r)``, label masks ``(V,)``.
Vertices: TypeAlias = "tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]]"

#: Square games up to this size search both polytopes together (fewer NumPy
#: calls); beyond it the larger layers fall out of cache and separate searches win.
JOINT_MAX = 8


def float_vertices(C: NDArray[np.float64], tol: float = 1e-9, max_vertices: int = 2_000_000) -> Vertices | None:
    """Vertices of ``{z >= 0 : C z <= 1}`` if the polytope is simple, else None.

    Parameters
    ----------
    C : ndarray, shape (r, d)
        Positive entries, scaled into ``(0, 1]``.
    tol : float
        A basic variable at most ``tol`` marks a degenerate vertex.

    Returns
    -------
    (ndarray, ndarray, ndarray) or None
        ``(values, basis, masks)``: the basic variables' values ``(V, r)``,
        the basic variables ``(V, r)`` and the label masks ``(V,)`` (bit ``k``
        set when variable ``k`` is nonbasic: ``z_k = 0`` for ``k < d``,
        constraint ``k - d`` tight otherwise).

    Examples
    --------
    >>> vals, basis, masks = float_vertices(np.array([[1.0, 0.5]]))
    >>> sorted(masks.tolist())
    [3, 5, 6]
    """
    res = float_vertices_many([C], tol, max_vertices)
    return None if res is None else res[0]


def float_vertices_many(Cs: Sequence[NDArray[np.float64]], tol: float = 1e-9,
                        max_vertices: int = 2_000_000) -> list[Vertices] | None:
    """:func:`float_vertices` of several polytopes of one shape in one search.

    The searches share every NumPy call, which pays on small polytopes where
    the per-call overhead dominates; a tag above the label bits keeps their
    label sets apart.

    Returns
    -------
    list of (values, basis, masks), or None if any polytope is not simple
    """
    r, d = Cs[0].shape
    nvar = d + r
    if nvar + len(Cs) > 62 or any(C.shape != (r, d) for C in Cs):
        return None
    # Dictionaries, stored transposed as (F, nonbasic column + rhs, row): column k
    # belongs to the nonbasic variable nonbasic[f, k].  Basic columns (the
    # identity) are never stored, so a pivot touches (d + 1) * r numbers.
    tab = np.stack([np.concatenate([C.T, np.ones((1, r))], axis=0) for C in Cs])
    basis = np.tile(np.arange(d, nvar), (len(Cs), 1))
    nonbasic = np.tile(np.arange(d), (len(Cs), 1))
    masks = np.array([((1 << d) - 1) | (t << nvar) for t in range(len(Cs))], dtype=np.int64)
    seen = masks.copy()
    out_vals, out_basis, out_masks = [], [], []
    bits = np.int64(1) << np.arange(nvar, dtype=np.int64)
    total = len(Cs)
    while len(masks):
        rhs = tab[:, d, :]
        if not rhs.min() > tol:  # also catches nan from a zero pivot
            return None
        out_vals.append(rhs)
        out_basis.append(basis)
        out_masks.append(masks)
        # Ratio test min{rhs_i / a_i : a_i > 0} as max{a_i / rhs_i}: rhs > 0 here,
        # so no division by zero and no masking.  C > 0 bounds the polytope, so
        # every entering column has a positive entry; a numerically wrong pivot
        # shows up as a nonpositive (or nan) rhs in the next layer.
        leave_row = (tab[:, :d, :] / rhs[:, None, :]).argmax(axis=2)  # (F, d)
        leaving = basis[np.arange(len(masks))[:, None], leave_row]
        new_masks = (masks[:, None] ^ bits[nonbasic] ^ bits[leaving]).reshape(-1)
        # distinct label sets (any one parent will do), then drop those already met
        # by a binary search in the sorted list of seen sets (sorted queries: cache friendly)
        order = np.argsort(new_masks)
        sm = new_masks[order]
        keep = np.empty(len(sm), dtype=bool)
        keep[0] = True
        np.not_equal(sm[1:], sm[:-1], out=keep[1:])
        uniq, first = sm[keep], order[keep]
        pos = np.searchsorted(seen, uniq)
        pos[pos == len(seen)] = 0
        fresh = seen[pos] != uniq
        uniq, first = uniq[fresh], first[fresh]
        if not len(uniq):
            break
        seen = np.insert(seen, np.searchsorted(seen, uniq), uniq)
        total += len(uniq)
        if total > max_vertices:
            return None
        parent, k = np.divmod(first, d)
        p = leave_row[parent, k]
        g = np.arange(len(uniq))
        ptab = tab[parent]  # (G, d + 1, r)
        prow = ptab[g, :, p]  # the pivot row, (G, d + 1)
        pcol = ptab[g, k, :]  # the entering column, (G, r)
        piv = prow[g, k]
        prow = prow / piv[:, None]
        ptab -= prow[:, :, None] * pcol[:, None, :]
        ptab[g, :, p] = prow
        # the leaving variable takes the entering one's dictionary column
        newcol = -pcol / piv[:, None]
        newcol[g, p] = 1.0 / piv
        ptab[g, k, :] = newcol
        nbasis = basis[parent]
        nnon = nonbasic[parent]
        nnon[g, k] = nbasis[g, p]
        nbasis[g, p] = nonbasic[parent, k]
        tab, basis, nonbasic, masks = ptab, nbasis, nnon, uniq
    vals, basis, masks = np.concatenate(out_vals), np.concatenate(out_basis), np.concatenate(out_masks)
    tag = masks >> nvar
    labels = masks & ((1 << nvar) - 1)
    return [(vals[tag == t], basis[tag == t], labels[tag == t]) for t in range(len(Cs))]


def float_candidates(A: NDArray[np.float64], B: NDArray[np.float64],
                     tol: float = 1e-9) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """Support pairs of the equilibria of a nondegenerate game, or None if unsure.

    Both polytopes are enumerated; when both are simple (no basic variable
    within ``tol`` of zero, so the game is nondegenerate) an equilibrium is
    a pair of vertices whose label sets are exact complements, found by one
    sorted intersection of bit masks.

    Parameters
    ----------
    A, B : ndarray, shape (m, n)
        Positive payoffs scaled into ``(0, 1]``.

    Returns
    -------
    list of (tuple, tuple) or None
        ``(S, T)``: the row support and column support of each equilibrium
        (sorted index tuples), or None when the game looks degenerate.

    Examples
    --------
    Matching pennies, shifted positive:

    >>> float_candidates(np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([[0.5, 1.0], [1.0, 0.5]]))
    [((0, 1), (0, 1))]
    """
    m, n = A.shape
    if m == n and m <= JOINT_MAX:
        both = float_vertices_many([B.T, A], tol)
    else:
        # the second search only when the first polytope is simple
        res_p = float_vertices(B.T, tol)
        res_q = None if res_p is None else float_vertices(A, tol)
        both = None if res_p is None or res_q is None else [res_p, res_q]
    if both is None:
        return None
    pm = both[0][2]
    qm = both[1][2]
    # Q's local bits: columns 0..n-1 (y_j = 0), rows n..n+m-1 (tight); to global labels
    qg = ((qm & ((1 << n) - 1)) << m) | (qm >> n)
    full = (1 << (m + n)) - 1
    origin_p = (1 << m) - 1
    wanted = full ^ pm[pm != origin_p]
    qs = np.sort(qg)
    pos = np.minimum(np.searchsorted(qs, wanted), len(qs) - 1)
    hits = np.sort(wanted[qs[pos] == wanted])
    out = []
    for mask in hits.tolist():
        labels_p = full ^ mask
        S = tuple(i for i in range(m) if not labels_p >> i & 1)
        T = tuple(j for j in range(n) if labels_p >> (m + j) & 1)
        out.append((S, T))
    return out
