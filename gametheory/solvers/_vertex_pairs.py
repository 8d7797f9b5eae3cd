r"""Completely labelled vertex pairs, streamed: one polytope walked, the other solved per vertex.

This is the method of lrsnash (Avis, Rosenberg, Savani and von Stengel
2010): the vertices :math:`x` of the best-response polytope :math:`P` are
enumerated by lexicographic reverse search (:mod:`._vertex_exact`), and for
each one the face of :math:`Q` carrying the labels :math:`x` lacks,

.. math::

    F(x) = \{y \in Q : (Ay)_i = 1 \text{ for } x_i > 0,\
    y_j = 0 \text{ for } (B^\top x)_j < 1\},

is solved; its vertices are the partners :math:`y` of :math:`x`.

* When :math:`x` is a nondegenerate vertex (exactly :math:`m` labels), the
  :math:`n` labels it lacks name the nonbasic variables of a basis of
  :math:`Q`, if those columns are independent; then :math:`F(x)` is the one
  point of that basis, a partner when it is feasible.  Consecutive vertices
  of the walk differ by one pivot, which swaps one label of :math:`x`, so
  the basis of :math:`Q` follows with one pivot too (no ratio test: the
  entering and leaving variables are known).  A dictionary of :math:`Q` is
  kept per level of the walk's path, so going back up costs nothing.
* Otherwise (a degenerate vertex, or dependent columns) :math:`F(x)` may be
  a higher-dimensional face.  Its equalities are solved over the rationals
  (Gauss-Jordan), which writes :math:`F(x)` as a polytope in the :math:`k`
  free coordinates; when :math:`k` is small (the usual case: the face is a
  point, a segment or a polygon) its vertices are found by solving every
  choice of :math:`k` tight inequalities.  A larger face is looked up in an
  index of all vertices of :math:`Q` (those whose label sets contain the
  labels :math:`x` lacks), built once, the first time it is needed.

Each vertex of :math:`P` is handled once (a degenerate vertex, reached through
several bases, at the first; its label mask is its exact id), so the pairs
come out distinct, each as soon as it is found, and memory does not grow
with their number for a nondegenerate game.  The walked polytope is the one
of the player with fewer strategies.

References
----------
.. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", *Economic Theory* 42 (2010)
   9-37 (lrsnash).
.. [2] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (labels, best-response polytopes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from math import comb, gcd, lcm
from typing import TypeAlias

from ..exact import ScaledVector, scaled_vector, solve_rational
from ._vertex_exact import Tableau, pivot_pair, reverse_search, slack_tableau, small_array

__all__ = ["ExactPair", "PairStats", "vertex_pairs"]

#: A normalised extreme equilibrium ``(x, y)`` in exact arithmetic.
ExactPair: TypeAlias = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


@dataclass
class PairStats:
    """What a run of :func:`vertex_pairs` saw (filled in as it goes).

    ``walked_degenerate``: the walked polytope has a degenerate vertex;
    ``other_degenerate``: the other polytope has one (None when its vertices
    were not all listed); ``bases``: bases visited by the walk.
    """

    walked_degenerate: bool = False
    other_degenerate: bool | None = None
    bases: int = 0
    other_vertices: int = field(default=0)


def _normalised(values: Sequence[tuple[int, int, int]], dim: int) -> ScaledVector:
    """The point whose variables ``0..dim-1`` have the values ``num / den`` of ``values``, divided by its sum.

    Over the least common denominator of the ``den`` the point is integers,
    and divided by its sum it keeps them (:class:`~gametheory.exact.ScaledVector`):
    the certificate of the equilibrium reuses them.

    >>> _normalised([(0, 1, 2), (2, 1, 3), (3, 5, 1)], 2)   # x_0 = 1/2; variable 2 is not a coordinate
    (Fraction(1, 1), Fraction(0, 1))
    >>> _normalised([(1, 2, 4), (0, 1, 3)], 3).scaled   # (1/3, 1/2, 0) over 5/6
    ([2, 3, 0], 5)
    """
    nums = [0] * dim
    rows = [(var, num, den) for var, num, den in values if var < dim and num]
    common = lcm(*(den for _, _, den in rows))
    for var, num, den in rows:
        nums[var] = num * (common // den)
    return scaled_vector(nums, sum(nums))


class _OtherIndex:
    """Every vertex of the other polytope with its label mask (for the faces of degenerate vertices)."""

    def __init__(self, C: Sequence[Sequence[int]], to_label: Sequence[int], nlabels: int) -> None:
        dim = len(C[0])
        self.masks: list[int] = []
        self.points: list[tuple[Fraction, ...]] = []
        self.degenerate = False
        seen: set[int] = set()
        for _, basis, _, tab, _, _ in reverse_search(C):
            zero = [tab[i][-2] == 0 for i in range(len(basis))]
            if any(zero):
                self.degenerate = True
            mask = (1 << nlabels) - 1
            for var, z in zip(basis, zero):
                if not z:
                    mask ^= 1 << to_label[var]
            if mask in seen:
                continue
            seen.add(mask)
            if any(var < dim and not z for var, z in zip(basis, zero)):  # not the origin
                self.masks.append(mask)
                self.points.append(_normalised(_basic_values(basis, tab), dim))
        self._array = None
        if nlabels <= 62 and self.masks:
            import numpy as np

            self._array = np.array(self.masks, dtype=np.int64)

    def containing(self, required: int) -> list[tuple[Fraction, ...]]:
        """The points whose label masks contain ``required``."""
        if self._array is not None:
            import numpy as np

            hits = np.flatnonzero((self._array & required) == required).tolist()
        else:
            hits = [k for k, mk in enumerate(self.masks) if mk & required == required]
        return [self.points[k] for k in hits]


#: Largest number of k-subsets of a face's inequalities tried before the index of all vertices is used.
_FACE_SUBSETS = 5000


def _face_vertices(CQ: Sequence[Sequence[int]], required: int, m: int) -> list[tuple[Fraction, ...]] | None:
    """The vertices of ``{y >= 0 : CQ y <= 1}`` carrying the labels in the mask ``required``, normalised.

    Labels ``i < m`` are the rows (``(CQ y)_i = 1``), ``m + j`` the columns
    (``y_j = 0``).  None when the face has too many candidate vertices for
    the subset search (the caller then uses the index of all vertices).

    >>> _face_vertices([[1, 1]], 0b001, 1)   # the row tight: the segment from (1, 0) to (0, 1)
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))]
    """
    n = len(CQ[0])
    cols = [j for j in range(n) if not required >> (m + j) & 1]
    tight = [i for i in range(m) if required >> i & 1]
    # Gauss-Jordan in integers (each row divided by its gcd) on CQ[i][cols] . y = 1, i in tight:
    # row t ends as d_t y[cols[pivots[t]]] + N_t . u = H_t, u the free coordinates
    rows = [[CQ[i][j] for j in cols] + [1] for i in tight]
    pivots: list[int] = []
    r = 0
    for c in range(len(cols)):
        pr = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pr is None:
            continue
        rows[r], rows[pr] = rows[pr], rows[r]
        prow = rows[r]
        pc = prow[c]
        for i in range(len(rows)):
            a = rows[i][c]
            if i != r and a != 0:
                row = [v * pc - a * w for v, w in zip(rows[i], prow)]
                g = gcd(*row)
                rows[i] = [v // g for v in row] if g > 1 else row
        pivots.append(c)
        r += 1
    if any(row[-1] != 0 for row in rows[r:]):
        return []  # inconsistent: the face is empty
    free = [c for c in range(len(cols)) if c not in pivots]
    k = len(free)
    d = [rows[t][c] for t, c in enumerate(pivots)]
    L = lcm(*d) if d else 1
    # y[cols[pivots[t]]] = (H_t - N_t . u) / d_t; every inequality as integers (a, b): a . u <= b
    N = [[rows[t][c] for c in free] for t in range(r)]
    H = [rows[t][-1] for t in range(r)]
    ineqs: list[tuple[list[int], int]] = [([-1 if f == g else 0 for g in range(k)], 0) for f in range(k)]
    for t in range(r):  # y >= 0 at a pivot: N_t . u <= H_t, times the sign of d_t
        sg = 1 if d[t] > 0 else -1
        ineqs.append(([sg * v for v in N[t]], sg * H[t]))
    tight_set = set(tight)
    for i in range(len(CQ)):
        if i in tight_set:
            continue
        # CQ_i . y <= 1 times L: sum_t CQ_i,p_t (L / d_t) (H_t - N_t . u) + L CQ_i,free . u <= L
        w = [CQ[i][cols[c]] * (L // d[t]) for t, c in enumerate(pivots)]
        coef = [L * CQ[i][cols[free[f]]] - sum(w[t] * N[t][f] for t in range(r)) for f in range(k)]
        ineqs.append((coef, L - sum(w[t] * H[t] for t in range(r))))
    if comb(len(ineqs), k) > _FACE_SUBSETS:
        return None
    points: set[tuple[Fraction, ...]] = set()
    for pick in combinations(ineqs, k):
        sol = solve_rational([a for a, _ in pick], [b for _, b in pick], unique=True) if k else []
        if sol is not None and all(sum(ai * ui for ai, ui in zip(a, sol)) <= b for a, b in ineqs):
            points.add(tuple(sol))
    out = []
    for u in points:
        y = [Fraction(0)] * n
        for t, c in enumerate(pivots):
            y[cols[c]] = (H[t] - sum(N[t][f] * u[f] for f in range(k))) / Fraction(d[t])
        for f, c in enumerate(free):
            y[cols[c]] = u[f]
        total = sum(y)
        out.append(tuple(v / total for v in y))
    return sorted(out)


#: The other polytope's dictionary, its int64 copy (or None), basis and slots.
_QState: TypeAlias = tuple[Tableau, object, list[int], list[int]]


def _q_root(CQ: Sequence[Sequence[int]]) -> _QState:
    r, d = len(CQ), len(CQ[0])
    tab = slack_tableau(CQ, objective=False)
    return tab, small_array(tab), list(range(d, d + r)), list(range(d))


def _q_state(CQ: Sequence[Sequence[int]], target: set[int]) -> _QState | None:
    """The dictionary of the other polytope with basis ``target`` (from its slack basis), None if singular."""
    r, d = len(CQ), len(CQ[0])
    tab = slack_tableau(CQ, objective=False)
    arr = small_array(tab)
    basis = list(range(d, d + r))
    slots = list(range(d))
    for c, var in enumerate(slots):
        if var not in target:
            continue
        for p, out in enumerate(basis):
            if out not in target and tab[p][c] != 0:
                break
        else:
            return None
        tab, arr = pivot_pair(tab, arr, p, c)
        basis[p], slots[c] = var, out
    return tab, arr, basis, slots


def vertex_pairs(Aint: Sequence[Sequence[int]], Bint: Sequence[Sequence[int]],
                 stats: PairStats | None = None) -> Iterator[ExactPair]:
    """Every completely labelled pair of nonzero vertices of ``P`` and ``Q``, normalised, as found.

    Parameters
    ----------
    Aint, Bint : list of list of int
        Positive integer payoffs, ``m x n``.
    stats : PairStats, optional
        Filled in during the run.

    Yields
    ------
    (tuple of Fraction, tuple of Fraction)
        ``(x, y)``, probability vectors; each pair once, in no particular order.

    Examples
    --------
    Matching pennies, shifted positive:

    >>> list(vertex_pairs([[2, 1], [1, 2]], [[1, 2], [2, 1]]))
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    m, n = len(Aint), len(Aint[0])
    if m > n:  # walk the polytope of lower dimension: the game's transpose, pairs swapped back
        for y, x in vertex_pairs([list(c) for c in zip(*Bint)], [list(c) for c in zip(*Aint)], stats):
            yield x, y
        return
    if stats is None:
        stats = PairStats()
    nlabels = m + n
    # P = {x >= 0 : B^T x <= 1}: variables x_0..x_{m-1}, then the slacks of the n columns; its
    # variable k carries label k.  Q = {y >= 0 : A y <= 1}: y_0..y_{n-1} (labels m + j), then the
    # slacks of the m rows (labels i).
    CP = [list(c) for c in zip(*Bint)]
    CQ = [list(row) for row in Aint]
    q_label = [m + j for j in range(n)] + list(range(m))
    q_var = [n + i for i in range(m)] + list(range(n))  # label -> variable of Q
    full = (1 << nlabels) - 1
    index: _OtherIndex | None = None
    seen_degenerate: set[int] = set()
    # Q's dictionary per depth of the walk: basis = the labels of P's nonbasic variables
    # Q's dictionary per depth of the walk (basis: the labels of P's nonbasic variables), as a list
    # [state, lazy]: a state, or lazy = (the parent's state, row, slot) of the pivot that gives it, done
    # only when a child needs it (a leaf of the walk only needs the new right-hand side), or [None, None]
    # when that basis is singular
    q_states: list[list] = []
    for depth, basis, slots, tab, entered, left in reverse_search(CP):
        stats.bases += 1
        del q_states[depth:]
        if depth == 0:
            q_states.append([_q_root(CQ), None])
            continue
        parent = _materialised(q_states[-1])
        entry: list = [None, None]
        if parent is not None:
            qtab = parent[0]
            # label `entered` leaves Q's basis, label `left` enters it
            p = parent[2].index(q_var[entered])
            c = parent[3].index(q_var[left])
            if qtab[p][c] != 0:
                entry[1] = (parent, p, c)
        else:
            entry[0] = _q_state(CQ, {q_var[v] for v in slots})
        q_states.append(entry)
        degenerate = False
        for i in range(n):
            if tab[i][-2] == 0:
                degenerate = True
                break
        if degenerate or entry == [None, None]:
            labels = full
            for var, row in zip(basis, tab):
                if row[-2] != 0:
                    labels ^= 1 << var
            if degenerate:
                stats.walked_degenerate = True
                if labels in seen_degenerate:
                    continue
                seen_degenerate.add(labels)
            partners = _face_vertices(CQ, full ^ labels, m)
            if partners is None:
                if index is None:
                    index = _OtherIndex(CQ, q_label, nlabels)
                    stats.other_degenerate = index.degenerate
                    stats.other_vertices = len(index.masks)
                partners = index.containing(full ^ labels)
            if partners:
                x = _normalised(_basic_values(basis, tab), m)
                for y in partners:
                    yield x, y
            continue
        if entry[0] is not None:
            qtab, _, qbasis, _ = entry[0]
            if all(qtab[i][-2] >= 0 for i in range(m)):
                yield _normalised(_basic_values(basis, tab), m), _normalised(_basic_values(qbasis, qtab), n)
            continue
        values = _pivoted_point(*entry[1])
        if values is not None:
            yield _normalised(_basic_values(basis, tab), m), _normalised(values, n)


def _materialised(entry: list) -> _QState | None:
    """The state of a ``q_states`` entry, pivoting now if it was left lazy."""
    if entry[1] is not None:
        (qtab, qarr, qbasis, qslots), p, c = entry[1]
        qbasis = qbasis.copy()
        qslots = qslots.copy()
        qbasis[p], qslots[c] = qslots[c], qbasis[p]
        entry[0] = (*pivot_pair(qtab, qarr, p, c), qbasis, qslots)
        entry[1] = None
    return entry[0]


def _pivoted_point(state: _QState, p: int, c: int) -> list[tuple[int, int, int]] | None:
    """The basic values after pivoting ``state`` on row ``p``, slot ``c``, if all are >= 0, without the pivot.

    Row ``i`` of the pivoted dictionary is ``row_i * piv - a_i * row_p`` up to a positive factor times
    the sign of ``piv``, so its right-hand side and scale need two products each.
    """
    qtab, _, qbasis, qslots = state
    prow = qtab[p]
    piv = prow[c]
    rp = prow[-2]
    if piv > 0:
        if rp < 0:
            return None
    elif rp > 0:
        return None
    out = [(qslots[c], rp, piv)]
    for i, row in enumerate(qtab):
        if i == p:
            continue
        num = row[-2] * piv - row[c] * rp
        if num != 0 and (num > 0) != (piv > 0):
            return None
        out.append((qbasis[i], num, row[-1] * piv))
    return out


def _basic_values(basis: Sequence[int], tab: Tableau) -> list[tuple[int, int, int]]:
    """``(variable, numerator, denominator)`` of every basic variable."""
    return [(var, row[-2], row[-1]) for var, row in zip(basis, tab)]
