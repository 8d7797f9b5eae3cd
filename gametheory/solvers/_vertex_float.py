r"""Fast float enumeration of equilibrium candidates of a nondegenerate bimatrix game.

The vertices of :math:`P = \{x \ge 0 : Cx \le 1\}` (:math:`C = B^\top`,
:math:`r \times d`) are listed by reverse search (Avis and Fukuda 1992): the
origin is the unique vertex minimising a positive weighting :math:`w^\top x`,
and the *parent* of any other vertex is its neighbour along the edge of
steepest descent of that weighting (Dantzig's pivot rule: the most negative
reduced cost enters).  The parent links form a spanning tree rooted at the
origin, so the search meets every vertex of a simple polytope exactly once
and keeps no set of visited vertices: its memory is bounded by the part of
the tree waiting to be expanded, not by the number of vertices.

The search is vectorised over chunks of vertices (a stack of chunks, each at
most :func:`chunk_size` dictionaries, refilled from the stack so the NumPy calls stay
large): the dictionaries (nonbasic columns, right-hand side and the objective
row, stored transposed) form one ``(F, d + 1, r + 1)`` array; the ratio tests
of all ``F * d`` entering variables are one reduction; for each edge the
neighbour's objective row follows from the pivot row alone (``O(d)`` per
edge), and the edge is a tree edge exactly when the neighbour's steepest
descent leads back along it.  Only the children are pivoted, in one
broadcast.  A vertex is recorded by its label bit mask (bit ``k`` set when
variable ``k`` is nonbasic), which identifies it in a simple polytope.

The same search runs depth first in compiled loops (:mod:`._vertex_float_jit`)
when numba is installed and the process has done enough searching to pay
for loading it (:data:`JIT_AFTER`); the two give the same vertices.

:math:`Q = \{y \ge 0 : Ay \le 1\}` is searched the same way (both searches
share the NumPy calls).  When both polytopes are simple (the game is
nondegenerate), every vertex has exactly :math:`m` (resp. :math:`n`) labels
and :math:`(x, y)` is an equilibrium iff the label set of :math:`y` is the
complement of that of :math:`x`: one sorted intersection of the complemented
masks of :math:`P` with the masks of :math:`Q` finds all equilibria
(von Stengel 2007, Algorithm 3.5; Avis, Rosenberg, Savani and von Stengel
2010).  Checking both polytopes is what makes the nondegeneracy claim (and
so the completeness of the result) hold for the game, not just for one
player.

The kernel returns None (the caller then uses exact arithmetic) at any sign
of degeneracy or of a float decision it cannot make safely: a basic variable
within ``tol`` of zero, a neighbour whose steepest descent is within ``tol``
of a tie (its parent would depend on rounding, and a misread parent loses or
repeats a subtree), more vertices than McMullen's upper bound allows a
simple polytope, or a failed edge count: each edge of a simple polytope
rises in :math:`w^\top z` from exactly one of its ends, so the rising edges
counted at the vertices found must number :math:`V d / 2`, which a lost or
repeated subtree breaks.  What it returns are candidates; the caller
confirms each one exactly.

References
----------
.. [1] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", *Discrete &
   Computational Geometry* 8 (1992) 295-313 (reverse search).
.. [2] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (section 3.3, Algorithm 3.5).
.. [3] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", *Economic Theory* 42 (2010)
   9-37.
.. [4] P. McMullen, "The maximum numbers of faces of a convex polytope",
   *Mathematika* 17 (1970) 179-184 (the vertex bound used as a sanity cap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..cost import upper_bound_vertices

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["float_vertex_masks", "float_candidate_masks", "candidate_supports", "float_candidates", "chunk_size",
           "load_compiled_kernel", "DEFAULT_TOL"]

#: Default ``tol``: the float error after the few dozen pivots from the origin stays near
#: 1e-14 on payoffs scaled into (0, 1] (an exact tie shows as a value of that size), while a
#: random 20x20 game has ~10^8 basic values: with 1e-9 one of the first games measured had one
#: in (1e-10, 1e-9] and went to the exact path; with 1e-12 none of nine 18x18 and 20x20 did.
DEFAULT_TOL = 1e-12

#: Bytes of dictionaries (with the temporaries of one expansion) a chunk may use.
CHUNK_BYTES = 48 * 2**20

#: Weights of the objective :math:`w^\top z` whose minimum (the origin) roots the search:
#: positive and pairwise unrelated (fractional parts of multiples of the golden ratio),
#: so that no symmetry of the payoffs makes two reduced costs tie.
_GOLDEN = 0.6180339887498949


def chunk_size(r: int, d: int) -> int:
    """Dictionaries expanded per NumPy call for a polytope with ``r`` rows and ``d`` columns.

    One dictionary is ``(d + 1) * (r + 1)`` floats; an expansion holds about
    four arrays of that size per dictionary (ratios, gathered pivot rows,
    children), so the chunk is sized to keep them within :data:`CHUNK_BYTES`.

    Examples
    --------
    >>> chunk_size(20, 20)
    3566
    """
    return max(64, CHUNK_BYTES // (4 * 8 * (d + 1) * (r + 1)))


def float_vertex_masks(Cs: Sequence[NDArray[np.float64]], tol: float = DEFAULT_TOL, max_vertices: int | None = None,
                       kernel: str = "auto") -> list[NDArray[np.int64]] | None:
    """Label masks of the vertices of each ``{z >= 0 : C z <= 1}``, or None if unsure.

    Parameters
    ----------
    Cs : sequence of ndarray, each of shape (r, d)
        Positive entries, scaled into ``(0, 1]``; the polytopes are searched together.
    tol : float
        A basic variable at most ``tol`` marks a degenerate vertex; a reduced
        cost within ``tol`` of a tie marks a parent the search cannot read safely.
    max_vertices : int, optional
        Give up beyond this many vertices per polytope (default and ceiling:
        McMullen's bound for a simple ``d``-polytope with ``d + r`` facets,
        which only numerical error can exceed).
    kernel : {"auto", "numpy", "jit"}
        ``"numpy"``: the vectorised search; ``"jit"``: the compiled one
        (:mod:`._vertex_float_jit`, when numba is installed, else the
        vectorised one); ``"auto"``: the compiled one once it is loaded or
        once this process has searched :data:`JIT_AFTER` vertices (loading
        numba and the cached code costs about 0.7 s of CPU once per process,
        which a few small games would never win back).

    Returns
    -------
    list of ndarray or None
        Per polytope, the masks ``(V,)`` of its vertices (bit ``k`` set when
        variable ``k`` is nonbasic: ``z_k = 0`` for ``k < d``, constraint
        ``k - d`` tight otherwise), in search order; None when a polytope is
        not simple or a float decision was too close to call.

    Examples
    --------
    The triangle ``z >= 0, z_0 + z_1 / 2 <= 1`` has three vertices:

    >>> [sorted(m.tolist()) for m in float_vertex_masks([np.array([[1.0, 0.5]])])]
    [[3, 5, 6]]
    """
    r, d = Cs[0].shape
    nvar = d + r
    npoly = len(Cs)
    if nvar + npoly.bit_length() > 62 or any(C.shape != (r, d) for C in Cs):
        return None
    bound = upper_bound_vertices(d, nvar)
    cap = bound if max_vertices is None else min(bound, max_vertices)
    use_jit = kernel == "jit" or (kernel == "auto" and (_JIT_STATE["loaded"] or _JIT_STATE["work"] >= JIT_AFTER))
    if use_jit and _jit_kernel() is not None:
        return _jit_masks(Cs, tol, cap)
    from ._jit import numba_installed

    stop_after = JIT_AFTER - _JIT_STATE["work"] if kernel == "auto" and numba_installed() else None
    res = _numpy_masks(Cs, tol, cap, stop_after)
    if isinstance(res, str):  # this search alone passed JIT_AFTER: worth loading the compiled kernel
        _JIT_STATE["work"] = JIT_AFTER
        if _jit_kernel() is not None:
            return _jit_masks(Cs, tol, cap)
        res = _numpy_masks(Cs, tol, cap, None)
    if not isinstance(res, list):
        return None
    _JIT_STATE["work"] += sum(len(m) for m in res)
    return res


#: Vertices searched by the vectorised kernel in this process before ``kernel="auto"``
#: loads the compiled one (about a second of vectorised search, against ~0.7 s to load).
JIT_AFTER = 250_000

#: Process-wide: whether the compiled kernel is loaded, and the vertices searched so far.
_JIT_STATE: dict[str, int] = {"loaded": 0, "work": 0}


def _jit_kernel() -> Callable[..., tuple[NDArray[np.int64], int]] | None:
    """The compiled search (:func:`._jit.compiled_module`); None without a working numba."""
    from ._jit import compiled_module

    module = compiled_module("_vertex_float_jit")
    return None if module is None else module.reverse_search_masks


def load_compiled_kernel() -> bool:
    """Load the compiled search now (a batch of many games may do this first); False without numba.

    Afterwards ``kernel="auto"`` uses it for every search in this process.
    """
    if _jit_kernel() is None:
        return False
    _JIT_STATE["loaded"] = 1
    return True


def _jit_masks(Cs: Sequence[NDArray[np.float64]], tol: float, cap: int) -> list[NDArray[np.int64]] | None:
    from ._vertex_float_jit import OK

    search = _jit_kernel()
    assert search is not None
    _JIT_STATE["loaded"] = 1
    r, d = Cs[0].shape
    out = []
    for C in Cs:
        masks, status = search(np.ascontiguousarray(C, dtype=np.float64), _weights(d), float(tol), cap)
        if status != OK:
            return None
        out.append(masks)
    return out


def _weights(d: int) -> NDArray[np.float64]:
    """The objective's weights: positive and pairwise unrelated (see :data:`_GOLDEN`)."""
    w: NDArray[np.float64] = 1.0 + (np.arange(1, d + 1, dtype=np.float64) * _GOLDEN) % 1.0
    return w


def _numpy_masks(Cs: Sequence[NDArray[np.float64]], tol: float, cap: int,
                 stop_after: int | None) -> list[NDArray[np.int64]] | None | str:
    """The vectorised search (see the module docstring); ``"switch"`` after ``stop_after`` vertices."""
    r, d = Cs[0].shape
    nvar = d + r
    npoly = len(Cs)
    # Dictionary f, stored transposed: tab[f, j, i] is the coefficient of nonbasic slot j
    # (j = d: the right-hand side) in basic row i (i = r: the objective row), meaning
    # basic_i = rhs_i - sum_j tab[f, j, i] * nonbasic_j.  The basic columns (the identity)
    # are never stored, so a pivot touches (d + 1) * (r + 1) numbers.
    weights = _weights(d)
    root = np.zeros((npoly, d + 1, r + 1))
    for t, C in enumerate(Cs):
        root[t, :d, :r] = C.T
        root[t, d, :r] = 1.0
        root[t, :d, r] = weights  # z = -w.x: the origin is the unique optimum (all reduced costs > 0)
    basis = np.tile(np.arange(d, nvar), (npoly, 1))
    nonbasic = np.tile(np.arange(d), (npoly, 1))
    masks = np.array([((1 << d) - 1) | (t << nvar) for t in range(npoly)], dtype=np.int64)
    bits = np.int64(1) << np.arange(nvar, dtype=np.int64)
    size = chunk_size(r, d)
    stack = [(root, basis, nonbasic, masks)]
    out = []
    counts = np.zeros(npoly, dtype=np.int64)
    up = np.zeros(npoly)
    while stack:
        # refill: take chunks off the top until the chunk is full, so the calls stay large
        parts = [stack.pop()]
        total = len(parts[0][3])
        while stack and total + len(stack[-1][3]) <= size:
            parts.append(stack.pop())
            total += len(parts[-1][3])
        if len(parts) == 1:
            tab, basis, nonbasic, masks = parts[0]
        else:
            tab, basis, nonbasic, masks = (np.concatenate(a) for a in zip(*parts))
        rhs = tab[:, d, :r]
        if not rhs.min() > tol:  # also catches nan from a zero pivot
            return None
        out.append(masks)
        counts += np.bincount(masks >> nvar, minlength=npoly)
        if counts.max() > cap:
            return None
        if stop_after is not None and counts.sum() > stop_after:
            return "switch"
        # Ratio test min{rhs_i / a_i : a_i > 0} as max{a_i / rhs_i}: rhs > 0 here, so no
        # division by zero and no masking; C > 0 bounds the polytope, so every entering
        # column has a positive entry.
        leave_row = (tab[:, :d, :r] / rhs[:, None, :]).argmax(axis=2)  # (F, d)
        obj = tab[:, :d, r]  # (F, d) reduced costs
        up += np.bincount(masks >> nvar, weights=(obj > 0).sum(axis=1), minlength=npoly)
        # An edge can lead to a child only if it goes up the objective (reduced cost > 0);
        # edges within tol of level are kept so that the tie test below sees them.
        fi, ki = np.nonzero(obj > -tol)
        pi = leave_row[fi, ki]
        prow = tab[fi, :d, pi]  # (E, d) pivot rows
        piv = prow[np.arange(len(fi)), ki]
        ok = obj[fi, ki]
        # the neighbour's reduced costs: o'_j = o_j - o_k * a_pj / a_pk, and o'_k = -o_k / a_pk
        nobj = obj[fi] - (ok / piv)[:, None] * prow
        back = -ok / piv
        nobj[np.arange(len(fi)), ki] = np.inf
        # Dantzig's rule at the neighbour picks slot k (back along this edge) iff o'_k is
        # below every other reduced cost and below 0; within tol of that, rounding decides
        # the parent, and a wrong decision would lose or repeat a whole subtree.
        threshold = np.minimum(nobj.min(axis=1), 0.0)
        if np.any(np.abs(back - threshold) <= tol):
            return None
        child = back < threshold
        if not child.any():
            continue
        fi, ki, pi = fi[child], ki[child], pi[child]
        g = np.arange(len(fi))
        ptab = tab[fi]  # (G, d + 1, r + 1)
        prow = ptab[g, :, pi] / piv[child][:, None]  # the pivot row divided by the pivot, (G, d + 1)
        pcol = ptab[g, ki, :]  # the entering column, (G, r + 1)
        ptab -= prow[:, :, None] * pcol[:, None, :]
        ptab[g, :, pi] = prow
        # the leaving variable takes the entering one's slot
        newcol = -pcol / piv[child][:, None]
        newcol[g, pi] = 1.0 / piv[child]
        ptab[g, ki, :] = newcol
        nbasis = basis[fi]
        nnon = nonbasic[fi]
        entering = nnon[g, ki]
        leaving = nbasis[g, pi]
        nnon[g, ki] = leaving
        nbasis[g, pi] = entering
        nmasks = masks[fi] ^ bits[entering] ^ bits[leaving]
        for lo in range(0, len(fi), size):
            hi = lo + size
            stack.append((ptab[lo:hi], nbasis[lo:hi], nnon[lo:hi], nmasks[lo:hi]))
    # Every edge leads away from the origin's side at exactly one end, so a simple polytope
    # has V d / 2 edges counted here; a subtree lost or met twice by a misread parent breaks it.
    if not np.array_equal(2 * up, counts * d):
        return None
    allm = np.concatenate(out)
    tag = allm >> nvar
    labels = allm & ((1 << nvar) - 1)
    return [labels[tag == t] for t in range(npoly)]


def float_candidate_masks(A: NDArray[np.float64], B: NDArray[np.float64],
                          tol: float = DEFAULT_TOL) -> NDArray[np.int64] | None:
    """The equilibria of a nondegenerate game as label masks, sorted, or None if unsure.

    Both polytopes are enumerated (:func:`float_vertex_masks`; once when
    ``B`` is ``A`` transposed, as ``P`` is then ``Q``); when both are simple
    (no basic variable within ``tol`` of zero, so the game is nondegenerate)
    an equilibrium is a pair of vertices whose label sets are exact
    complements, found by one sorted intersection of bit masks.  Each equilibrium is
    given by the labels its ``x`` lacks (:func:`candidate_supports` reads them
    as supports): an array of a few bytes per equilibrium, however many there are.

    Parameters
    ----------
    A, B : ndarray, shape (m, n)
        Positive payoffs scaled into ``(0, 1]``.

    Returns
    -------
    ndarray of int64 or None
        Increasing masks; None when the game looks degenerate.

    Examples
    --------
    Matching pennies, shifted positive: ``x`` lacks both its labels and ``y`` has both of its own:

    >>> float_candidate_masks(np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([[0.5, 1.0], [1.0, 0.5]])).tolist()
    [3]
    """
    m, n = A.shape
    both: list[NDArray[np.int64]] | None
    if m == n and np.array_equal(B.T, A):
        # P = {x : B^T x <= 1} is Q = {y : A y <= 1}: one search gives both (the variables are numbered alike)
        res = float_vertex_masks([A], tol)
        both = None if res is None else [res[0], res[0]]
    elif m == n:
        both = float_vertex_masks([B.T, A], tol)
    else:
        # the second search only when the first polytope is simple
        res_p = float_vertex_masks([B.T], tol)
        res_q = None if res_p is None else float_vertex_masks([A], tol)
        both = None if res_p is None or res_q is None else [res_p[0], res_q[0]]
    if both is None:
        return None
    pm, qm = both
    # Q's local bits: columns 0..n-1 (y_j = 0), rows n..n+m-1 (tight); to global labels
    qg = ((qm & ((1 << n) - 1)) << m) | (qm >> n)
    full = (1 << (m + n)) - 1
    origin_p = (1 << m) - 1
    wanted = full ^ pm[pm != origin_p]
    qs = np.sort(qg)
    pos = np.minimum(np.searchsorted(qs, wanted), len(qs) - 1)
    hits: NDArray[np.int64] = np.sort(wanted[qs[pos] == wanted])
    return hits


def candidate_supports(mask: int, m: int, n: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The supports ``(S, T)`` of the equilibrium whose ``x`` lacks the labels ``mask``.

    Bit ``i < m`` of ``mask``: ``x_i > 0``; bit ``m + j``: column ``j`` is not a best reply to ``x``,
    so ``y_j = 0``.

    >>> candidate_supports(0b10_01, 2, 2)   # x on row 0; column 1 not a best reply
    ((0,), (0,))
    """
    S = tuple(i for i in range(m) if mask >> i & 1)
    T = tuple(j for j in range(n) if not mask >> (m + j) & 1)
    return S, T


def float_candidates(A: NDArray[np.float64], B: NDArray[np.float64],
                     tol: float = DEFAULT_TOL) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """Support pairs of the equilibria of a nondegenerate game, or None if unsure.

    :func:`float_candidate_masks` read as supports.

    Parameters
    ----------
    A, B : ndarray, shape (m, n)
        Positive payoffs scaled into ``(0, 1]``.

    Returns
    -------
    list of (tuple, tuple) or None
        ``(S, T)``: the row support and column support of each equilibrium
        (sorted index tuples, in increasing order of the complemented label
        mask), or None when the game looks degenerate.

    Examples
    --------
    Matching pennies, shifted positive:

    >>> float_candidates(np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([[0.5, 1.0], [1.0, 0.5]]))
    [((0, 1), (0, 1))]
    """
    hits = float_candidate_masks(A, B, tol)
    if hits is None:
        return None
    m, n = A.shape
    return [candidate_supports(mask, m, n) for mask in hits.tolist()]
