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
  choice of :math:`k` tight inequalities, all at once by Cramer's rule in
  integers (:mod:`._small_polytope`).  A larger face is looked up in an
  index of all vertices of :math:`Q` (those whose label sets contain the
  labels :math:`x` lacks), built once, the first time it is needed.

Each vertex of :math:`P` is handled once (a degenerate vertex, reached through
several bases, at the first; its label mask is its exact id), so the pairs
come out distinct, each as soon as it is found, and memory does not grow
with their number for a nondegenerate game.  The walked polytope is the one
of the player with fewer strategies.

From 14x14 (or once loaded) the walk runs compiled (:mod:`._vertex_pairs_jit`,
numba, int64 dictionaries while their entries stay below :math:`2^{31}`): the
same bases in the same order, about ten times faster per basis; it hands
back to the Python walk, in Python integers, any subtree whose dictionaries
would leave that range, and the faces of degenerate vertices are solved here.

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
from math import gcd, lcm
from typing import TypeAlias

from ..exact import ScaledVector, scaled_vector
from ._small_polytope import polytope_vertices
from ._vertex_exact import Tableau, Visit, pivot, pivot_pair, reverse_search, slack_tableau, small_array

__all__ = ["ExactPair", "PairStats", "vertex_pairs", "load_compiled_walk", "COMPILED_FROM_CELLS"]

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
        self.dim = dim
        self.masks: list[int] = []
        # each vertex's basic values, normalised only when a face asks for it (most never are)
        self._values: list = []
        self._points: dict[int, tuple[Fraction, ...]] = {}
        self.degenerate = False
        seen: set[int] = set()
        structural = (1 << dim) - 1
        rotated = list(to_label) == list(range(nlabels - dim, nlabels)) + list(range(nlabels - dim))
        for zeros, values in _vertex_bases([list(row) for row in C]):
            if bin(zeros).count("1") > dim:
                self.degenerate = True
            if rotated:  # Q's labels: its variables shifted past the rows' labels, its slacks first
                mask = (zeros & structural) << (nlabels - dim) | zeros >> dim
            else:
                mask = 0
                for var in range(len(to_label)):
                    if zeros >> var & 1:
                        mask |= 1 << to_label[var]
            if mask in seen:
                continue
            seen.add(mask)
            if zeros & structural != structural:  # not the origin
                self.masks.append(mask)
                self._values.append(values)
        self._array = None
        if nlabels <= 62 and self.masks:
            import numpy as np

            self._array = np.array(self.masks, dtype=np.int64)

    def point(self, k: int) -> tuple[Fraction, ...]:
        """Vertex ``k``, normalised."""
        if k not in self._points:
            values = self._values[k]
            if not isinstance(values, list):  # a row of the compiled walk's records: (numerator, denominator)
                values = [(v, num, den) for v, (num, den) in enumerate(values.tolist())]
            self._points[k] = _normalised(values, self.dim)
        return self._points[k]

    def containing(self, required: int) -> list[tuple[Fraction, ...]]:
        """The points whose label masks contain ``required``."""
        if self._array is not None:
            import numpy as np

            hits = np.flatnonzero((self._array & required) == required).tolist()
        else:
            hits = [k for k, mk in enumerate(self.masks) if mk & required == required]
        return [self.point(k) for k in hits]


#: Largest number of k-subsets of a face's inequalities tried before the index of all vertices is used.  They
#: are solved in batches in int64 at about 1 us each (:mod:`._small_polytope`), so a face at the limit costs
#: tens of ms, while the index walks every vertex of the other polytope (about 3 s for a degenerate 15 x 15).
_FACE_SUBSETS = 50_000


def _face_vertices(CQ: Sequence[Sequence[int]], required: int, m: int) -> list[tuple[Fraction, ...]] | None:
    """The vertices of ``{y >= 0 : CQ y <= 1}`` carrying the labels in the mask ``required``, normalised.

    Labels ``i < m`` are the rows (``(CQ y)_i = 1``), ``m + j`` the columns
    (``y_j = 0``).  The equalities are eliminated in integers, leaving a
    polytope in the ``k`` free coordinates whose vertices are found by
    :func:`._small_polytope.polytope_vertices` (every ``k``-subset of its
    inequalities solved at once by Cramer's rule in integers).  None when
    that means more than ``_FACE_SUBSETS`` subsets (the caller then uses the
    index of all vertices).

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
    points = polytope_vertices(ineqs, k, _FACE_SUBSETS)
    if points is None:
        return None
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
                 stats: PairStats | None = None, compiled: bool | None = None) -> Iterator[ExactPair]:
    """Every completely labelled pair of nonzero vertices of ``P`` and ``Q``, normalised, as found.

    Parameters
    ----------
    Aint, Bint : list of list of int
        Positive integer payoffs, ``m x n``.
    stats : PairStats, optional
        Filled in during the run.
    compiled : bool, optional
        Walk with the compiled int64 kernel (:mod:`._vertex_pairs_jit`;
        needs numba) or in Python.  By default the kernel is used when numba
        is installed and either it is already loaded or the game is large
        enough to pay for loading it (:data:`COMPILED_FROM_CELLS`).  Both give
        the same pairs in the same order.

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
        for y, x in vertex_pairs([list(c) for c in zip(*Bint)], [list(c) for c in zip(*Aint)], stats, compiled):
            yield x, y
        return
    if stats is None:
        stats = PairStats()
    # P = {x >= 0 : B^T x <= 1}: variables x_0..x_{m-1}, then the slacks of the n columns; its
    # variable k carries label k.  Q = {y >= 0 : A y <= 1}: y_0..y_{n-1} (labels m + j), then the
    # slacks of the m rows (labels i).
    CP = [list(c) for c in zip(*Bint)]
    walk = _PairWalk([list(row) for row in Aint], stats)
    if _use_compiled(compiled, m, n, CP, walk.CQ):
        yield from _compiled_pairs(CP, walk)
    else:
        yield from walk.pairs(reverse_search(CP), [])


class _PairWalk:
    """What the walk of ``P`` carries from vertex to vertex: ``Q``, the degenerate vertices seen, the index."""

    def __init__(self, CQ: list[list[int]], stats: PairStats) -> None:
        self.CQ = CQ
        self.m, self.n = len(CQ), len(CQ[0])
        self.stats = stats
        self.full = (1 << (self.m + self.n)) - 1
        self.q_label = [self.m + j for j in range(self.n)] + list(range(self.m))
        self.q_var = [self.n + i for i in range(self.m)] + list(range(self.n))  # label -> variable of Q
        self.index: _OtherIndex | None = None
        self.seen_degenerate: set[int] = set()

    def face_pairs(self, labels: int, degenerate: bool,
                   x_values: list[tuple[int, int, int]]) -> list[ExactPair]:
        """The pairs of the vertex of ``P`` with label mask ``labels``: its partners on their face of ``Q``."""
        if degenerate:
            self.stats.walked_degenerate = True
            if labels in self.seen_degenerate:
                return []
            self.seen_degenerate.add(labels)
        partners = _face_vertices(self.CQ, self.full ^ labels, self.m)
        if partners is None:
            if self.index is None:
                self.index = _OtherIndex(self.CQ, self.q_label, self.m + self.n)
                self.stats.other_degenerate = self.index.degenerate
                self.stats.other_vertices = len(self.index.masks)
            partners = self.index.containing(self.full ^ labels)
        if not partners:
            return []
        x = _normalised(x_values, self.m)
        return [(x, y) for y in partners]

    def pairs(self, visits: Iterator[Visit], q_states: list[list], offset: int = 0) -> Iterator[ExactPair]:
        """The pairs at the bases ``visits`` of a walk of ``P`` (depths shifted by ``offset``).

        ``q_states`` holds Q's dictionary per depth of the walk (basis: the labels of P's nonbasic
        variables) above the first visit, each as a list ``[state, lazy]``: a state, or lazy = (the
        parent's state, row, slot) of the pivot that gives it, done only when a child needs it (a leaf
        of the walk only needs the new right-hand side), or ``[None, None]`` when that basis is singular.
        """
        CQ, m, n, q_var, full = self.CQ, self.m, self.n, self.q_var, self.full
        for depth, basis, slots, tab, entered, left in visits:
            depth += offset
            self.stats.bases += 1
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
                yield from self.face_pairs(labels, degenerate, _basic_values(basis, tab))
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


# ---------------------------------------------------------------------------- the compiled walk
#: Games of at least this many cells (``m * n``, 14 x 14) walk with the compiled kernel when numba is installed:
#: importing numba and loading the cached kernel costs about half a second of CPU once per process.  Measured
#: on degenerate games (payoffs in [-3, 3]): the Python walk takes 0.2-0.7 s at 10x10 to 12x12 (loading loses),
#: 0.6-0.9 s at 13x13 (about even), 0.9-1.8 s at 14x14 against 0.9-1.5 s compiled, 4-8 s at 15x15 against 2.5 s.
COMPILED_FROM_CELLS = 196
#: Levels of the path kept in the kernel's arrays; a deeper child's subtree is walked in Python.
_DEPTH_CAP = 256
#: Records per call of the kernel: the pairs of a game with many equilibria come out in batches of this many.
_BATCH = 4096
#: Whether this process has loaded the compiled walk (then every walk uses it, whatever its size).
_JIT: dict[str, bool] = {}
#: The kernel's bound on entries (:data:`._vertex_pairs_jit.BOUND`), here so that checking it does not import numba.
_INT64_ENTRY = 1 << 31


def _jit_module():
    """The compiled walk's module (:func:`._jit.compiled_module`, which keeps it); None without a working numba."""
    from ._jit import compiled_module

    return compiled_module("_vertex_pairs_jit")


def load_compiled_walk() -> bool:
    """Load the compiled exact walk now (a batch of many games may do this first); False without numba.

    Afterwards every exact walk in this process uses it, whatever the game's size.

    >>> isinstance(load_compiled_walk(), bool)
    True
    """
    module = _jit_module()
    if module is None:
        return False
    _JIT["loaded"] = True
    return True


def _use_compiled(compiled: bool | None, m: int, n: int, *matrices: Sequence[Sequence[int]]) -> bool:
    """Whether an ``m x n`` walk over the dictionaries of ``matrices`` runs compiled (``compiled``: the caller)."""
    if compiled is False:
        return False
    if compiled is None and not (_JIT.get("loaded") or m * n >= COMPILED_FROM_CELLS):
        return False
    if max(max(map(abs, row)) for C in matrices for row in C) >= _INT64_ENTRY:
        return False
    if _jit_module() is None:
        if compiled:
            from ..errors import InputError

            raise InputError("compiled=True needs numba (pip install numba)")
        return False
    _JIT["loaded"] = True
    return True


class _Kernel:
    """The compiled walk's arrays: the path (P's and Q's dictionaries per level) and a batch of records."""

    def __init__(self, C: list[list[int]], CQ: list[list[int]] | None) -> None:
        import numpy as np

        self.jit = _jit_module()
        self.C = C
        r, d = len(C), len(C[0])
        self.vertices_only = CQ is None
        CQ = CQ if CQ is not None else [[1]]
        m, n = len(CQ), len(CQ[0])
        depth = _DEPTH_CAP
        i64 = np.int64
        self.tabs = np.zeros((depth, r + 1, d + 2), dtype=i64)
        self.tabs[0] = slack_tableau(C)
        self.basis = np.zeros((depth, r), dtype=i64)
        self.basis[0] = np.arange(d, d + r)
        self.slots = np.zeros((depth, d), dtype=i64)
        self.slots[0] = np.arange(d)
        self.slot_of = np.full((depth, d + r), -1, dtype=i64)
        self.slot_of[0, :d] = np.arange(d)
        self.nonbasic = np.zeros((depth, d), dtype=i64)
        self.nonbasic[0] = np.arange(d)
        self.nextpos = np.zeros(depth, dtype=i64)
        self.qtabs = np.zeros((depth, m, n + 2), dtype=i64)
        self.qtabs[0] = slack_tableau(CQ, objective=False)
        self.qbasis = np.zeros((depth, m), dtype=i64)
        self.qbasis[0] = np.arange(n, n + m)
        self.qslots = np.zeros((depth, n), dtype=i64)
        self.qslots[0] = np.arange(n)
        self.qstatus = np.zeros(depth, dtype=i64)  # level 0: pivoted (the slack basis)
        self.qpc = np.zeros((depth, 2), dtype=i64)
        self.top = np.ones(1, dtype=i64)
        self.kind = np.zeros(_BATCH, dtype=i64)
        self.mask = np.zeros(_BATCH, dtype=i64)
        self.rec_x = np.zeros((_BATCH, max(m, d), 2), dtype=i64)
        self.rec_y = np.zeros((_BATCH, n, 2), dtype=i64)
        self.counters = np.zeros(1, dtype=i64)
        self.handoff = np.zeros(5, dtype=i64)
        self.Ca = np.array(C, dtype=i64)
        self.CQa = np.array(CQ, dtype=i64)

    def run(self) -> tuple[int, int, int]:
        """Walk on until the batch is full, a subtree is handed back or the walk is over: (status, records, bases)."""
        status, written = self.jit.walk(self.Ca, self.CQa, self.tabs, self.basis, self.slots, self.slot_of,
                                        self.nonbasic, self.nextpos, self.qtabs, self.qbasis, self.qslots,
                                        self.qstatus, self.qpc, self.top, self.kind, self.mask, self.rec_x,
                                        self.rec_y, self.counters, self.handoff, self.vertices_only)
        bases = int(self.counters[0])
        self.counters[0] = 0
        return status, written, bases

    def handed_visits(self) -> Iterator[Visit]:
        """The Python walk of the child the kernel handed back (:func:`reverse_search` from it)."""
        f, p, c, q, leave = self.handoff.tolist()
        child_basis = self.basis[f].tolist()
        child_basis[p] = q
        child_slots = self.slots[f].tolist()
        child_slots[c] = leave
        child_slot_of = self.slot_of[f].tolist()
        child_slot_of[q] = -1
        child_slot_of[leave] = c
        child = pivot(self.tabs[f].tolist(), p, c)
        return reverse_search(self.C, root=(child, child_basis, child_slots, child_slot_of, q, leave))

    def handed_q_entry(self) -> list:
        """Q's state (a ``q_states`` entry of :meth:`_PairWalk.pairs`) at the level above the handed child."""
        f = int(self.handoff[0])
        status = int(self.qstatus[f])
        if status == 2:  # singular
            return [None, None]
        if status == 0:
            qtab = self.qtabs[f].tolist()
            return [(qtab, small_array(qtab), self.qbasis[f].tolist(), self.qslots[f].tolist()), None]
        # lazy: its parent level is pivoted (the kernel pivots a level before walking below it)
        ptab = self.qtabs[f - 1].tolist()
        parent = (ptab, small_array(ptab), self.qbasis[f - 1].tolist(), self.qslots[f - 1].tolist())
        return [None, (parent, int(self.qpc[f, 0]), int(self.qpc[f, 1]))]


def _compiled_pairs(CP: list[list[int]], walk: _PairWalk) -> Iterator[ExactPair]:
    """:meth:`_PairWalk.pairs` of the whole walk of ``P``, by the compiled kernel (subtrees it hands back in Python)."""
    kernel = _Kernel(CP, walk.CQ)
    jit = kernel.jit
    m, n = walk.m, walk.n
    walk.stats.bases += 1  # the root
    while True:
        status, written, bases = kernel.run()
        walk.stats.bases += bases
        kinds = kernel.kind[:written].tolist()
        masks = kernel.mask[:written].tolist()
        xs = kernel.rec_x[:written, :m].tolist()
        for k, what in enumerate(kinds):
            x_values = [(v, num, den) for v, (num, den) in enumerate(xs[k])]
            if what == jit.PAIR:
                y_values = [(v, num, den) for v, (num, den) in enumerate(kernel.rec_y[k].tolist())]
                yield _normalised(x_values, m), _normalised(y_values, n)
            else:
                yield from walk.face_pairs(masks[k], what == jit.FACE_DEGENERATE, x_values)
        if status == jit.DONE:
            return
        if status == jit.HANDOFF:
            yield from walk.pairs(kernel.handed_visits(), [kernel.handed_q_entry()], offset=1)


def _vertex_bases(C: list[list[int]]) -> Iterator[tuple[int, object]]:
    """Every lexicographically positive basis of ``{z >= 0 : C z <= 1}``: (mask of its variables at zero, values).

    The values are ``(variable, numerator, denominator)`` of the basic variables (the structural ones at
    least), or from the compiled walk (used when :func:`_use_compiled` says so) an int64 array whose row
    ``v`` is the numerator and denominator of variable ``v``.
    """
    r, d = len(C), len(C[0])
    allvars = (1 << (d + r)) - 1

    def python_bases(visits: Iterator[Visit]) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
        for _, basis, _, tab, _, _ in visits:
            zeros = allvars
            for var, row in zip(basis, tab):
                if row[-2] != 0:
                    zeros ^= 1 << var
            yield zeros, _basic_values(basis, tab)

    if not _use_compiled(None, r, d, C):
        yield from python_bases(reverse_search(C))
        return
    kernel = _Kernel(C, None)
    yield (1 << d) - 1, [(d + i, 1, 1) for i in range(r)]  # the root: the slack basis, at the origin
    while True:
        status, written, _ = kernel.run()
        masks = kernel.mask[:written].tolist()
        xs = kernel.rec_x[:written, :d].copy()  # rows converted to values only when asked for
        for k in range(written):
            yield masks[k], xs[k]
        if status == kernel.jit.DONE:
            return
        if status == kernel.jit.HANDOFF:
            yield from python_bases(kernel.handed_visits())
