r"""Exact vertex enumeration of :math:`\{z \ge 0 : Cz \le 1\}` by lexicographic reverse search.

The polytope is written with slacks as :math:`Cz + s = 1`, :math:`z, s \ge 0`.
Every feasible basis gives a vertex; a degenerate vertex has several bases.
Pivoting uses the lexicographic ratio test: among the rows attaining the
minimum ratio it takes the one whose row of :math:`(b, B^{-1})` divided by
the pivot entry is lexicographically least.  This is pivoting on the
perturbed right-hand side :math:`1 + (\varepsilon, \varepsilon^2, \dots)`,
whose polytope is simple; its bases (the lexicographically positive bases
of the original system) are connected by these pivots, and every vertex of
the original polytope has one.

The bases are visited by Avis and Fukuda's reverse search, as lrs does
(Avis 2000): the objective :math:`\max -\sum_k z_k` has the slack basis (the
origin) as its unique optimum, and Bland's rule (the least-index improving
variable, the lexicographic ratio test for the leaving one) gives every
other lexicographically positive basis a *parent* one pivot closer to it.
These parent links form a tree, walked depth first: a child of a basis is a
neighbour whose parent it is, which is decided from the objective row and
the pivot row alone.  Nothing is stored per visited basis, only the
tableaux on the path from the root (so memory is the depth of the tree
times one tableau, whatever the number of vertices), and each basis costs
one pivot.  A degenerate vertex, reached through several bases, is reported
at the first of them (its label mask, kept only for degenerate vertices,
is its exact id).

Arithmetic is exact integer pivoting on a dictionary that stores the
nonbasic columns only (as lrs does; the lexicographic rule is von Stengel
2007, section 3.6).  Each row is kept as integers with its own positive
scale (the coefficient of its basic variable) and divided by the gcd of its
entries after each pivot, instead of Edmonds' common determinant (his
section 3.5): only ratios within a row matter to the ratio tests and to the
point, and the reduced rows are about a third the size of the minors on a
game like Savani's 15x15 one with 32,767 equilibria.  The walk divides a
basis's rows only when the basis gets a child: about half the bases are
leaves, whose ratio tests and point need the rows only up to positive
factors, and the gcds and divisions are more than half a pivot's cost
(on that game a walk with Edmonds' division by the previous pivot took
5.4 s against 4.4 s, its entries growing to the minors, and dividing a
row only once it passes 200-400 bits saved nothing: the products of the
larger entries cost what the gcds saved).  The objective row is
pivoted with the others.  While every entry is below 2**31 the pivot runs
vectorised in int64 (a product of two entries and their difference fit);
past that, in Python integers.

References
----------
.. [1] D. Avis, "lrs: a revised implementation of the reverse search vertex
   enumeration algorithm", in G. Kalai and G. M. Ziegler (eds.), *Polytopes:
   Combinatorics and Computation*, Birkhäuser, 2000, 177-198.
.. [2] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", *Discrete and
   Computational Geometry* 8 (1992) 295-313.
.. [3] J. Edmonds, "Systems of distinct representatives and linear algebra",
   *Journal of Research of the National Bureau of Standards* 71B (1967)
   241-245.
.. [4] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (section 3.5, integer pivoting; section 3.6, the
   lexicographic rule).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator, Sequence
from fractions import Fraction
from math import gcd
from typing import TypeAlias

import numpy as np

__all__ = ["Tableau", "slack_tableau", "pivot", "pivot_pair", "small_array", "lexmin_row", "reverse_search",
           "exact_polytope_vertices", "has_degenerate_vertex"]

#: A dictionary in integers: one row per constraint (and a last row for the objective), each
#: ``[coefficient of the nonbasic variable in slot 0, ..., slot d - 1, right-hand side, scale]``; the
#: row's basic variable has the coefficient ``scale > 0`` there (not stored among the slots) and 0 in the
#: other rows.  Every row is divided by the gcd of its entries, except in the dictionary of a leaf of
#: :func:`reverse_search` (its rows are then positive multiples of the reduced ones).
Tableau: TypeAlias = list[list[int]]


def slack_tableau(C: Sequence[Sequence[int]], objective: bool = True) -> Tableau:
    """The dictionary of ``C z + s = 1`` at the slack basis (slot ``k`` holds ``z_k``).

    Variables are ``z_0..z_{d-1}`` then ``s_0..s_{r-1}``.  With ``objective``,
    a last row ``w + sum z = 0`` holds the objective ``w = -sum z``
    (entering ``k`` improves it when the row's entry at ``k`` is negative).

    >>> slack_tableau([[2, 3]])
    [[2, 3, 1, 1], [1, 1, 0, 1]]
    """
    tab = [[int(v) for v in row] + [1, 1] for row in C]
    if objective:
        tab.append([1] * len(C[0]) + [0, 1])
    return tab


def _pivot_unreduced(tab: Tableau, p: int, c: int) -> tuple[Tableau, list[int]]:
    """:func:`pivot` without the division by the gcds: the new dictionary and the rows still to reduce.

    Row ``i`` is ``tab[i] * piv - tab[i][c] * tab[p]`` (the rational row times
    ``scale_i * piv``); the pivot row and the rows with a zero in slot ``c``
    are already reduced (the latter are shared, never mutated).  Its rows are
    positive multiples of :func:`pivot`'s when ``piv > 0``, which is all the
    ratio tests and the point need: a leaf of the walk is never reduced.

    >>> _pivot_unreduced([[2, 2, 1], [4, 0, 1]], 0, 0)   # row 1: [4*2 - 4*2, 0*2 - 4*2, 1*2], slot 0 -4*1
    ([[1, 2, 2], [-4, -8, 2]], [1])
    """
    prow = tab[p]
    piv = prow[c]
    sp = prow[-1]
    new = []
    fresh = []
    for i, ti in enumerate(tab):
        a = ti[c]
        if i == p:
            row = prow.copy()
            row[c], row[-1] = sp, piv  # the same entries: no new common factor
            if piv < 0:
                row = [-v for v in row]
        elif a == 0:
            row = ti
        else:
            row = [t * piv - a * u for t, u in zip(ti, prow)]
            row[c] = -a * sp
            row[-1] = ti[-1] * piv
            fresh.append(i)
        new.append(row)
    return new, fresh


def _reduce_rows(tab: Tableau, rows: Sequence[int]) -> Tableau:
    """``tab`` with each row of ``rows`` divided by the gcd of its entries, signed to make its scale positive.

    >>> _reduce_rows([[1, 2, 2], [-4, -8, 2]], [1]), _reduce_rows([[3, 6, -3]], [0])
    ([[1, 2, 2], [-2, -4, 1]], [[-1, -2, 1]])
    """
    out = tab.copy()
    for i in rows:
        row = out[i]
        g = gcd(*row)
        if row[-1] < 0:
            g = -g
        if g != 1:
            out[i] = [v // g for v in row]
    return out


def pivot(tab: Tableau, p: int, c: int) -> Tableau:
    """Pivot on row ``p``, slot ``c`` (a nonzero entry of either sign): a new dictionary.

    The variable of slot ``c`` becomes basic in row ``p`` and the row's old
    basic variable takes slot ``c``.  Row ``i`` becomes
    ``tab[i] * piv - tab[i][c] * tab[p]`` (the rational dictionary's update
    times ``scale_i * piv``), divided by its gcd, so the integers stay as
    small as the dictionary's rationals allow; rows with a zero in slot ``c``
    do not change and are shared, never mutated.

    >>> pivot([[2, 3, 1, 1], [1, 1, 0, 1]], 0, 0)
    [[1, 3, 1, 2], [-1, -1, -1, 2]]
    """
    new, fresh = _pivot_unreduced(tab, p, c)
    return _reduce_rows(new, fresh)


#: Entries below this bound make every product of two fit in int64 with room for their difference.
_SMALL = 1 << 31


def small_array(tab: Tableau):
    """``tab`` as an int64 array when every entry is below 2**31 in absolute value, else None.

    >>> small_array([[1, -2, 3]]).tolist(), small_array([[2**40]])
    ([[1, -2, 3]], None)
    """
    if max(max(map(abs, row)) for row in tab) >= _SMALL:
        return None
    return np.array(tab, dtype=np.int64)


def pivot_pair(tab: Tableau, arr, p: int, c: int):
    """:func:`pivot` on ``(tab, arr)``, ``arr`` the int64 copy of :func:`small_array` or None.

    With an array, the pivot is vectorised: its entries are below 2**31, so
    ``t * piv - a * u`` is exact in int64 and so are the row gcds and the
    exact divisions; the result's array is kept while its entries stay below
    the bound (else None: Python integers from then on, which never overflow).
    Returns the new ``(tab, arr)``.

    >>> t = [[2, 3, 1, 1], [1, 1, 0, 1]]
    >>> pivot_pair(t, small_array(t), 0, 0)[0] == pivot(t, 0, 0)
    True
    """
    if arr is None:
        return pivot(tab, p, c), None
    prow = arr[p]
    piv = prow[c]
    sp = prow[-1]
    col = arr[:, c]
    new = arr * piv - np.multiply.outer(col, prow)
    new[:, c] = -col * sp
    new[:, -1] = arr[:, -1] * piv
    new[p] = prow
    new[p, c] = sp
    new[p, -1] = piv
    g = np.gcd.reduce(new, axis=1)
    # the scale (last column) stays positive; rows with a zero in column c come back unchanged
    g = np.where(new[:, -1] < 0, -g, g)
    new //= g[:, None]
    if np.abs(new).max() >= _SMALL:
        return new.tolist(), None
    return new.tolist(), new


def lexmin_row(tab: Tableau, c: int, rows: int, basis: Sequence[int], slot_of: Sequence[int],
               first_slack: int) -> int:
    """The leaving row for the variable of slot ``c`` by the lexicographic ratio test (-1 if unbounded).

    Ties of the ratio of right-hand side to pivot entry are broken on the rows
    of ``B^-1`` (each row times its scale): the columns of the slacks
    ``first_slack, ...`` in order (``slot_of[v]`` is the slot of nonbasic
    ``v``, -1 when ``v`` is basic, whose column is its row's scale there).

    >>> lexmin_row([[1, 1, 1, 1], [1, 2, 1, 1]], 0, 2, [2, 3], [0, 1, -1, -1], 2)   # tie; row 1's is lex smaller
    1
    """
    p = -1
    bb = ba = 0
    for i in range(rows):
        ti = tab[i]
        a = ti[c]
        if a > 0:
            b = ti[-2]
            if p < 0:
                p, bb, ba = i, b, a
                continue
            cmp = b * ba - bb * a
            if cmp == 0:
                tp = tab[p]
                for v in range(first_slack, first_slack + rows):
                    k = slot_of[v]
                    if k >= 0:
                        cmp = ti[k] * ba - tp[k] * a
                    elif basis[i] == v:
                        cmp = ti[-1] * ba
                    elif basis[p] == v:
                        cmp = -tp[-1] * a
                    if cmp:
                        break
            if cmp < 0:
                p, bb, ba = i, b, a
    return p


#: One visited basis: (depth, basis (the variable of each row), the variable of each slot, dictionary,
#: entered variable, left variable); the root (the slack basis) has depth 0 and entered = left = -1.
Visit: TypeAlias = tuple[int, list[int], list[int], Tableau, int, int]


#: A basis to start a walk from: (dictionary, basis, slots, the slot of each variable (-1: basic), entered, left).
Root: TypeAlias = tuple[Tableau, list[int], list[int], list[int], int, int]


def reverse_search(C: Sequence[Sequence[int]], root: Root | None = None) -> Iterator[Visit]:
    """Every lexicographically positive basis of ``{z >= 0 : C z <= 1}``, depth first from the slack basis.

    ``C`` is ``r x d`` with positive integer entries (so the polytope is
    bounded).  The dictionary of each visit (its last row is the objective)
    is shared with the walk: read it before asking for the next visit, and do
    not modify it; its rows are the reduced ones times positive integers
    (a basis's rows are divided by their gcds only when it gets a child),
    which changes no ratio and no sign.  A visit at depth ``k + 1`` is a child of the last visit
    at depth ``k``: one pivot, ``entered`` into the basis and ``left`` out.
    With ``root``, only the subtree below that basis is walked (it is the
    visit at depth 0, with the ``entered`` and ``left`` given): the compiled
    walk hands such subtrees over when its int64 arithmetic would overflow.

    >>> [(depth, basis, slots, entered, left) for depth, basis, slots, _, entered, left in reverse_search([[2, 2]])]
    [(0, [2], [0, 1], -1, -1), (1, [0], [2, 1], 0, 2), (1, [1], [0, 2], 1, 2)]
    """
    r, d = len(C), len(C[0])
    nvar = d + r
    if root is None:
        tab, basis, slots, slot_of = slack_tableau(C), list(range(d, nvar)), list(range(d)), list(range(d)) + [-1] * r
        entered = left = -1
    else:
        tab, basis, slots, slot_of, entered, left = root
    yield 0, basis, slots, tab, entered, left
    # a frame: dictionary, its int64 copy (or None), basis, slots, slot_of, sorted nonbasic variables,
    # position of the next one to try, rows not yet divided by their gcd.  A Python-int dictionary is
    # reduced only when it gets a child: about half the bases are leaves, and their ratio tests and
    # point need the rows only up to positive factors (the pivots of the walk are positive).
    stack: list[list] = [[tab, small_array(tab), basis, slots, slot_of, sorted(slots), 0, []]]
    while stack:
        frame = stack[-1]
        tab, arr, basis, slots, slot_of, nonbasic, start, fresh = frame
        obj = tab[r]
        for pos in range(start, len(nonbasic)):
            q = nonbasic[pos]
            c = slot_of[q]
            oq = obj[c]
            if oq <= 0:  # entering q must make the objective worse, so that leaving it improves
                continue
            p = lexmin_row(tab, c, r, basis, slot_of, d)
            if p < 0:
                continue
            leave = basis[p]
            prow = tab[p]
            piv = prow[c]
            # the child's Bland choice must be `leave`: no smaller nonbasic variable improves there
            # (its new objective entry is (obj[k] * piv - oq * prow[k]) over a positive number)
            is_child = True
            for k in nonbasic:
                if k >= leave:
                    break
                if k != q:
                    ck = slot_of[k]
                    if obj[ck] * piv - oq * prow[ck] < 0:
                        is_child = False
                        break
            if is_child:
                frame[6] = pos + 1
                child_basis = basis.copy()
                child_basis[p] = q
                child_slots = slots.copy()
                child_slots[c] = leave
                child_slot_of = slot_of.copy()
                child_slot_of[q] = -1
                child_slot_of[leave] = c
                child_nonbasic = [k for k in nonbasic if k != q]
                insort(child_nonbasic, leave)
                if arr is None:
                    if fresh:
                        tab = frame[0] = _reduce_rows(tab, fresh)
                        frame[7] = []
                    child, child_fresh = _pivot_unreduced(tab, p, c)
                    child_arr = None
                else:
                    child, child_arr = pivot_pair(tab, arr, p, c)
                    child_fresh = []
                stack.append([child, child_arr, child_basis, child_slots, child_slot_of, child_nonbasic, 0,
                              child_fresh])
                yield len(stack) - 1, child_basis, child_slots, child, q, leave
                break
        else:
            stack.pop()


def _label_mask(basis: Sequence[int], tab: Tableau, nvar: int) -> int:
    """Bit ``k`` for every variable at zero: the nonbasic ones and the basic ones with zero right-hand side."""
    mask = (1 << nvar) - 1
    for row, var in enumerate(basis):
        if tab[row][-2] != 0:
            mask ^= 1 << var
    return mask


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
    seen_degenerate: set[int] = set()
    out = []
    for _, basis, _, tab, _, _ in reverse_search(C):
        mask = _label_mask(basis, tab, nvar)
        if bin(mask).count("1") > d:
            if mask in seen_degenerate:
                continue
            seen_degenerate.add(mask)
        z = [Fraction(0)] * d
        for row, var in enumerate(basis):
            if var < d:
                z[var] = Fraction(tab[row][-2], tab[row][-1])
        out.append((tuple(z), mask))
    return out


def has_degenerate_vertex(C: Sequence[Sequence[int]]) -> bool:
    """Whether ``{z >= 0 : C z <= 1}`` has a vertex with more than ``d`` tight constraints (a basic zero).

    >>> has_degenerate_vertex([[1, 1], [1, 1]]), has_degenerate_vertex([[2, 1], [1, 2]])
    (True, False)
    """
    r = len(C)
    for _, _, _, tab, _, _ in reverse_search(C):
        if any(tab[i][-2] == 0 for i in range(r)):
            return True
    return False
