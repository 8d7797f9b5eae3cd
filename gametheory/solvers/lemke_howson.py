r"""Lemke-Howson: one equilibrium per starting label, terminating on degenerate games.

The row player's payoffs :math:`A` and the column player's :math:`B`
(:math:`m\times n`) are shifted (and, for exact games, scaled to integers) so
that every entry is positive, which changes no equilibrium.  Then

.. math::

   P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\},\qquad
   Q = \{y \in \mathbb{R}^n : y \ge 0,\ A y \le 1\}

are bounded.  Label :math:`i < m` is carried by :math:`x_i = 0` in :math:`P`
and by the slack of row :math:`i` of :math:`Ay \le 1` in :math:`Q` (row
:math:`i` is a best reply); label :math:`m+j` by the slack of column
:math:`j` in :math:`P` and by :math:`y_j = 0` in :math:`Q`.  A completely
labelled pair :math:`(x, y) \ne (0, 0)`, normalised, is a Nash equilibrium.
Starting at the artificial pair :math:`(0, 0)` and dropping label :math:`k`,
the algorithm alternately pivots in the two tableaux: the variable that left
one tableau's basis is the duplicate label, so its partner enters the other
tableau, until label :math:`k` leaves (Lemke and Howson 1964; von Stengel,
"Computing equilibria for two-person games", Handbook of Game Theory 3,
2002, and ch. 3 of Nisan et al., *Algorithmic Game Theory*, 2007).

Degenerate games (ties in the minimum ratio test) are handled by the
*lexicographic* minimum ratio test: rows are compared by the vector
(right-hand side, columns of the initial basis) divided by the pivot-column
entry; these vectors are never equal because the initial basis inverse is
nonsingular, so no basis repeats and every path ends (von Stengel 2007,
section 3.6).  Exact games pivot on integer tableaux with fraction-free
(Bareiss) updates, :math:`T_{i\cdot} \leftarrow (T_{re}T_{i\cdot} - T_{ie}T_{r\cdot})/d`
with :math:`d` the previous pivot, so all arithmetic is on Python ints and
the equilibrium is exact.  As a shortcut (option ``integer_pivoting=False``,
the default), an exact game's path is first followed in floats with the same
lexicographic rule, the final bases are solved exactly (Fractions) and the
point is kept when its regret is exactly 0; otherwise the integer pivoting
runs.  Every reported equilibrium is thus exact and certified; that the float
path ends where the integer one does is checked in the tests (3732 label
runs on degenerate small-integer games, no difference).  Float games pivot
on *compact* tableaux (dictionaries [5]_: only the nonbasic columns, a
Jordan exchange per pivot: half the entries of the full tableau on square
games), in NumPy with the rank-one updates of a few pivots applied as one
matrix product, or, for large games when numba is installed, in a compiled
loop (option ``kernel``) that holds back the first pivots of each tableau and
replays them on the few entries a pivot reads, bit for bit as the eager
updates (:mod:`._lemke_howson_jit`); a float result whose regret exceeds the
tolerance is recomputed exactly.

References
----------
.. [1] C. E. Lemke and J. T. Howson, Jr., "Equilibrium points of bimatrix
   games", *Journal of the Society for Industrial and Applied Mathematics*
   12(2) (1964) 413-423.
.. [2] B. von Stengel, "Computing equilibria for two-person games", in
   R. J. Aumann and S. Hart (eds.), *Handbook of Game Theory with Economic
   Applications* 3, Elsevier, 2002, 1723-1759.
.. [3] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3 (sections 3.4-3.6: the algorithm, integer pivoting, the
   lexicographic method for degenerate games).
.. [4] E. H. Bareiss, "Sylvester's identity and multistep integer-preserving
   Gaussian elimination", *Mathematics of Computation* 22 (1968) 565-578.
.. [5] V. Chvatal, *Linear Programming*, W. H. Freeman, 1983, ch. 2-3 (the
   dictionary: a tableau of the nonbasic columns only, and its pivot).

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers.lemke_howson import lemke_howson
>>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
...                        strategies=[["T", "M", "B"], ["L", "R"]])
>>> res = lemke_howson(g, label="T")
>>> res[0].profile
<MixedProfile Player 1: {M: 1/3, B: 2/3}; Player 2: {L: 1/3, R: 2/3}>
>>> res[0].regret
mappingproxy({'Player 1': Fraction(0, 1), 'Player 2': Fraction(0, 1)})
>>> res.extra["label_map"]
{'Player 1:T': 0}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from ..cost import check_cost, lemke_howson_cost
from ..errors import CostLimitError, InputError, LabelError, UnsupportedGameError
from ..exact import solve_rational
from ..game_text import plural
from ..profile import MixedProfile, default_tolerance
from ..progress import Progress
from ..result import Equilibrium, SolveResult
from ._bimatrix import positive_integer_matrices, shifted_float_matrices

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from ..game import Game

__all__ = [
    "lemke_howson",
    "solve_lemke_howson",
    "lemke_howson_path_exact",
    "lemke_howson_path_float",
]


class _PivotCapExceeded(Exception):
    pass


# ---------------------------------------------------------------------------- exact kernel
def _lex_row_exact(T: list[list[int]], basis_cols: list[int], e: int) -> int:
    """Row of the lexicographic minimum ratio test in column ``e`` (ints)."""
    rows = [i for i in range(len(T)) if T[i][e] > 0]
    for key in [-1] + basis_cols:
        if len(rows) == 1:
            break
        best = rows[0]
        for i in rows[1:]:
            # T[i][key]/T[i][e] < T[best][key]/T[best][e], denominators positive
            if T[i][key] * T[best][e] < T[best][key] * T[i][e]:
                best = i
        rows = [i for i in rows if T[i][key] * T[best][e] == T[best][key] * T[i][e]]
    return rows[0]


def _pivot_exact(T: list[list[int]], r: int, e: int, det: int) -> int:
    """Fraction-free pivot on ``T[r][e]``; returns the new determinant."""
    p = T[r][e]
    row_r = T[r]
    for i in range(len(T)):
        if i == r:
            continue
        c = T[i][e]
        if c == 0:
            T[i] = [p * a // det for a in T[i]]
        else:
            T[i] = [(p * a - c * b) // det for a, b in zip(T[i], row_r)]
    return p


def _follow_path(m: int, n: int, k: int, max_pivots: int,
                 pivot: Callable[[int, int], int]) -> tuple[list[list[int]], int]:
    """The complementary pivoting of the path dropping label ``k``: the final bases and the number of pivots.

    Shared by the exact and the float path, which differ only in ``pivot(t, e)``: bring variable ``e``
    into the basis of tableau ``t`` (0: ``P``, 1: ``Q``) by the lexicographic ratio test, and return the
    row pivoted on.  Both tableaux start at the slack basis; the variable that leaves one enters the other.
    """
    bases = [list(range(m, m + n)), list(range(m))]
    t = 0 if k < m else 1
    entering = k
    pivots = 0
    while True:
        if pivots >= max_pivots:
            raise _PivotCapExceeded(pivots)
        r = pivot(t, entering)
        leaving, bases[t][r] = bases[t][r], entering
        pivots += 1
        if leaving == k:
            return bases, pivots
        t, entering = 1 - t, leaving


def lemke_howson_path_exact(A: Sequence[Sequence[int]], B: Sequence[Sequence[int]], k: int,
                            max_pivots: int) -> tuple[list[Fraction], list[Fraction], int]:
    """Follow the Lemke-Howson path dropping label ``k`` on positive integer matrices.

    Parameters
    ----------
    A, B : list of list of int
        Positive ``m x n`` payoff matrices.
    k : int
        Label to drop: ``0..m-1`` rows, ``m..m+n-1`` columns.
    max_pivots : int

    Returns
    -------
    (list of Fraction, list of Fraction, int)
        The equilibrium's two probability vectors and the number of pivots.

    >>> lemke_howson_path_exact([[2, 1], [1, 2]], [[1, 2], [2, 1]], 0, 10)[:2]
    ([Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)])
    """
    m, n = len(A), len(A[0])
    # P: one row per column j of B: sum_i B[i][j] x_i + s_j = 1; columns x (labels 0..m-1), s (m..), rhs
    P = [[B[i][j] for i in range(m)] + [int(jj == j) for jj in range(n)] + [1] for j in range(n)]
    # Q: one row per row i of A: r_i + sum_j A[i][j] y_j = 1; columns r (labels 0..m-1), y (m..), rhs
    Q = [[int(ii == i) for ii in range(m)] + list(A[i]) + [1] for i in range(m)]
    tabs = [P, Q]
    lex_cols = [list(range(m, m + n)), list(range(m))]
    dets = [1, 1]

    def pivot(t: int, e: int) -> int:
        r = _lex_row_exact(tabs[t], lex_cols[t], e)
        dets[t] = _pivot_exact(tabs[t], r, e, dets[t])
        return r

    bases, pivots = _follow_path(m, n, k, max_pivots, pivot)
    x = [Fraction(0)] * m
    for r, lab in enumerate(bases[0]):
        if lab < m:
            x[lab] = Fraction(P[r][-1], dets[0])
    y = [Fraction(0)] * n
    for r, lab in enumerate(bases[1]):
        if lab >= m:
            y[lab - m] = Fraction(Q[r][-1], dets[1])
    sx, sy = sum(x), sum(y)
    return [v / sx for v in x], [v / sy for v in y], pivots


# ---------------------------------------------------------------------------- float kernel
#: Pivots whose rank-one updates are held back and applied as one matrix product (see _FloatTableau).
_PENDING_MAX = 32
#: Above this many multiply-adds a held-back batch may run multithreaded in BLAS (OpenBLAS threads a
#: product of m*n*k >= 4 * 65536): the batch is kept below it, since threads only contend on a small tableau.
_BATCH_FLOPS = 4 * 65536


class _FloatTableau:
    r"""One polytope's tableau in floats, in compact (dictionary) form, with lazily applied pivots.

    Row ``i`` reads ``basic_i + sum_c T[i, c] * nonbasic_c = rhs_i``: only the
    nonbasic columns are stored (the basic ones are unit vectors), so a pivot
    updates ``rows x cols`` entries instead of ``rows x (rows + cols)``, and the
    leaving variable takes the entering one's column (a Jordan exchange).
    The exchange on row ``r``, column ``c`` with pivot ``p = T[r, c]`` is the
    rank-one update :math:`T \leftarrow T - T_{\cdot c} \rho^\top` with
    :math:`\rho = T_{r\cdot}/p`, after which column ``c`` becomes
    :math:`-T_{\cdot c}/p` and row ``r`` becomes :math:`\rho` (with
    :math:`1/p` in column ``c``).  A pivot needs only one column (the ratio
    test) and one row of the current tableau, so the rank-one terms are kept
    as the rows of ``U`` and ``W`` (current tableau ``= base - U^T W``) and
    applied every few pivots as one matrix product: this turns per-pivot
    broadcasting, whose cost in NumPy is one inner loop per row, into a
    blocked BLAS product, and leaves two small matrix-vector products per
    pivot.  Overwritten columns and rows are written into ``base`` and zeroed
    in ``W`` and ``U``.
    """

    __slots__ = ("base", "rhs", "U", "W", "pending", "batch", "basis", "column_of", "slack_vars")

    def __init__(self, coefficients: NDArray[np.float64], basic: list[int], nonbasic: list[int],
                 slack_vars: list[int], total: int) -> None:
        rows, cols = coefficients.shape
        self.base = np.array(coefficients, dtype=float, order="C")
        self.rhs = np.ones(rows)
        self.batch = max(1, min(_PENDING_MAX, _BATCH_FLOPS // max(1, rows * cols)))
        self.U = np.zeros((self.batch, rows))
        self.W = np.zeros((self.batch, cols))
        self.pending = 0
        self.basis = list(basic)
        self.column_of = [-1] * total  # variable -> its column while nonbasic
        for c, v in enumerate(nonbasic):
            self.column_of[v] = c
        self.slack_vars = slack_vars  # the initial basis: the lexicographic keys

    def entries(self, rows: NDArray[np.intp], var: int) -> NDArray[np.float64]:
        """Current entries of variable ``var``'s column in ``rows`` (a unit column when it is basic)."""
        c = self.column_of[var]
        if c < 0:
            return (rows == self.basis.index(var)).astype(float)
        k = self.pending
        vals = self.base[rows, c]
        return vals - self.U[:k, rows].T @ self.W[:k, c] if k else vals

    def tie_break(self, col: NDArray[np.float64], ratios: NDArray[np.float64], best: float, eps: float) -> int:
        """Row of the lexicographic minimum ratio test among the rows whose ratio ties with ``best``."""
        rows = np.flatnonzero(ratios <= best + eps * max(1.0, abs(best)))
        c = col[rows]
        for key in self.slack_vars:
            ratios = self.entries(rows, key) / c
            least = ratios.min()
            keep = ratios <= least + eps * max(1.0, abs(least))
            rows, c = rows[keep], c[keep]
            if len(rows) == 1:
                break
        return int(rows[0])

    def pivot(self, entering: int, eps: float) -> int:
        """Bring ``entering`` into the basis by the lexicographic ratio test; return the variable that leaves."""
        c = self.column_of[entering]
        k = self.pending
        base, U, W, rhs = self.base, self.U, self.W, self.rhs
        col = base[:, c] - U[:k].T @ W[:k, c] if k else base[:, c].copy()
        # minimum ratio test over the rows with a positive entry (ties within eps, relative)
        ratios = np.divide(rhs, col, out=np.full(len(col), np.inf), where=col > eps)
        r = int(ratios.argmin())
        best = ratios[r]
        ratios[r] = np.inf
        if ratios.min() <= best + eps * max(1.0, abs(best)):  # degenerate step: the lexicographic rule
            ratios[r] = best
            r = self.tie_break(col, ratios, best, eps)
        p = col[r]
        row = base[r] - U[:k, r] @ W[:k] if k else base[r].copy()
        row /= p
        row[c] = 1.0 / p
        step = rhs[r] / p
        rhs -= col * step
        rhs[r] = step
        U[k] = col
        W[k] = row
        base[:, c] = col * (-1.0 / p)
        W[:k + 1, c] = 0.0
        base[r] = row
        U[:k + 1, r] = 0.0
        k += 1
        if k == self.batch:
            base -= U.T @ W
            k = 0
        self.pending = k
        leaving = self.basis[r]
        self.basis[r] = entering
        self.column_of[entering] = -1
        self.column_of[leaving] = c
        return leaving


def _compiled_kernel() -> Callable[..., tuple[int, NDArray[np.int64], NDArray[np.int64], NDArray[np.float64],
                                                NDArray[np.float64]]] | None:
    """The compiled path (:func:`._lemke_howson_jit.float_path`), imported on first use; None without numba.

    numba is optional and imported here, never at start-up; its machine code
    is cached on disk, so only the first call after an install (or a change
    of that module) compiles.  Loaded by :func:`._jit.compiled_module`, as the
    other compiled twins are: numba not installed, or not importable (e.g.
    built for another NumPy), leaves the NumPy kernel.
    """
    from ._jit import compiled_module

    module = compiled_module("_lemke_howson_jit")
    return None if module is None else module.float_path


#: Games of at least this many cells (m * n, 100 x 100) use the compiled kernel when numba is installed:
#: importing numba and loading the cached kernel costs about half a second once per process (measured
#: 0.4-1.2 s on 2 shared cores), which a one-off small game would not win back.
_COMPILED_MIN_CELLS = 10_000

def _check_kernel(kernel: str) -> None:
    from .dispatch import KERNELS  # the one list of kernel names (solve --kernel's choices)

    if kernel not in KERNELS:
        raise InputError(f"kernel must be one of {list(KERNELS)}, got {kernel!r}", field="kernel")


def _kernel_for(kernel: str, m: int, n: int) -> Callable[..., tuple] | None:
    """The compiled kernel to use for an ``m x n`` game, or None for NumPy (see :func:`lemke_howson`)."""
    _check_kernel(kernel)
    if kernel == "numpy" or (kernel == "auto" and m * n < _COMPILED_MIN_CELLS):
        return None
    compiled = _compiled_kernel()
    if compiled is None and kernel == "compiled":
        raise InputError("kernel='compiled' needs numba (pip install numba); kernel='numpy' needs nothing",
                         field="kernel")
    return compiled


# The compiled kernel holds back the first min(m, n) / 2 pivots of each tableau (at least 8): replaying h held-back
# pivots costs about (m + n) h per pivot against m n for an eager update, so up to about min(m, n) / 2 pivots per
# tableau the short paths of large games gain (measured 0.57 -> 0.22 ms on an 86-pivot 200x200 path), and a long
# path pivots eagerly after them at the same speed as before.


def _float_path(A: ArrayLike, B: ArrayLike, k: int, max_pivots: int, eps: float,
                kernel: str = "auto") -> tuple[list[list[int]], tuple[NDArray[np.float64], NDArray[np.float64]], int]:
    """Follow the path in floats: the final bases, the values of their basic variables and the number of pivots.

    The same complementary pivoting and lexicographic rule as :func:`_follow_path`, on compact
    tableaux: :class:`_FloatTableau` (NumPy, batched updates) or the compiled
    :func:`._lemke_howson_jit.float_path` (``kernel``, see :func:`lemke_howson`).
    """
    Af = np.asarray(A, dtype=float)
    Bf = np.asarray(B, dtype=float)
    m, n = Af.shape
    compiled = _kernel_for(kernel, m, n)
    if compiled is not None:
        # numba's integers are 64-bit: a larger cap (max_pivots=10**300, "no limit") is the same as 2**62
        pivots, basis_p, basis_q, rhs_p, rhs_q = compiled(Af, Bf, k, min(int(max_pivots), 2**62), eps,
                                                          max(8, min(m, n) // 2))
        if pivots < 0:
            raise _PivotCapExceeded(max_pivots)
        return [basis_p.tolist(), basis_q.tolist()], (rhs_p, rhs_q), pivots
    # P: row j reads s_j + sum_i B[i, j] x_i = 1 (basis: the slacks m..m+n-1); Q: r_i + sum_j A[i, j] y_j = 1
    tabs = (_FloatTableau(Bf.T, list(range(m, m + n)), list(range(m)), list(range(m, m + n)), m + n),
            _FloatTableau(Af, list(range(m)), list(range(m, m + n)), list(range(m)), m + n))
    t = 0 if k < m else 1
    entering = k
    pivots = 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        while True:
            if pivots >= max_pivots:
                raise _PivotCapExceeded(pivots)
            leaving = tabs[t].pivot(entering, eps)
            pivots += 1
            if leaving == k:
                break
            t, entering = 1 - t, leaving
    return [tabs[0].basis, tabs[1].basis], (tabs[0].rhs, tabs[1].rhs), pivots


def lemke_howson_path_float(A: ArrayLike, B: ArrayLike, k: int, max_pivots: int, eps: float = 1e-12,
                            kernel: str = "auto") -> tuple[NDArray[np.float64], NDArray[np.float64], int]:
    """Float version of :func:`lemke_howson_path_exact` on positive float matrices.

    ``kernel`` is that of :func:`lemke_howson`.

    Returns
    -------
    (ndarray, ndarray, int)
        The two probability vectors and the number of pivots.

    >>> x, y, pivots = lemke_howson_path_float([[2, 1], [1, 2]], [[1, 2], [2, 1]], 0, 10)
    >>> x.round(12).tolist(), y.round(12).tolist(), pivots
    ([0.5, 0.5], [0.5, 0.5], 4)
    """
    bases, values, pivots = _float_path(A, B, k, max_pivots, eps, kernel)
    m, n = len(bases[1]), len(bases[0])
    basis_p, basis_q = np.asarray(bases[0]), np.asarray(bases[1])
    x = np.zeros(m)
    x[basis_p[basis_p < m]] = values[0][basis_p < m]
    y = np.zeros(n)
    y[basis_q[basis_q >= m] - m] = values[1][basis_q >= m]
    x = np.clip(x, 0.0, None)
    y = np.clip(y, 0.0, None)
    return x / x.sum(), y / y.sum(), pivots


def exact_point_of_bases(A: Sequence[Sequence[int]], B: Sequence[Sequence[int]],
                         bases: Sequence[Sequence[int]]) -> tuple[list[Fraction], list[Fraction]] | None:
    """The exact normalised (x, y) of final bases, or None when a basis gives no valid point.

    ``x`` solves ``sum_{i basic} B[i][j] x_i = 1`` for the columns whose
    slack is nonbasic, ``y`` the mirror system; both exactly (Fractions).
    """
    m, n = len(A), len(A[0])
    support_x = [lab for lab in bases[0] if lab < m]
    tight_cols = [j for j in range(n) if m + j not in bases[0]]
    support_y = [lab - m for lab in bases[1] if lab >= m]
    tight_rows = [i for i in range(m) if i not in bases[1]]
    zx = solve_rational([[B[i][j] for i in support_x] for j in tight_cols], [1] * len(tight_cols))
    zy = solve_rational([[A[i][j] for j in support_y] for i in tight_rows], [1] * len(tight_rows))
    if zx is None or zy is None or any(v < 0 for v in zx + zy) or sum(zx) <= 0 or sum(zy) <= 0:
        return None
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for i, v in zip(support_x, zx):
        x[i] = v / sum(zx)
    for j, v in zip(support_y, zy):
        y[j] = v / sum(zy)
    return x, y


def _exact_path(Ai: list[list[int]], Bi: list[list[int]], k: int, max_pivots: int,
                kernel: str = "auto") -> tuple[list[Fraction], list[Fraction], int] | None:
    """Candidate exact equilibrium of label ``k``: the float path's final bases solved exactly.

    The caller verifies the regret exactly and falls back to
    :func:`lemke_howson_path_exact` when it is not 0 (or None is returned).
    """
    try:
        bases, _, pivots = _float_path(Ai, Bi, k, max_pivots, 1e-12, kernel)
    except OverflowError:  # integers beyond float range
        return None
    point = exact_point_of_bases(Ai, Bi, bases)
    return None if point is None else (point[0], point[1], pivots)


# ---------------------------------------------------------------------------- wrapper
def _float_profile(game: Game, x: NDArray[np.float64], y: NDArray[np.float64]) -> MixedProfile:
    """The float profile ``(x, y)`` of the path's end, checked as :func:`~gametheory.profile.checked_vector` does.

    The same checks (finite, nonnegative, summing to 1, within 1e-9) on the two
    arrays at once instead of one number at a time: on a short path of a
    100 x 100 game the per-entry conversion cost more than the pivots.  A
    vector that fails goes through :class:`MixedProfile`, which says why.
    """
    checked = []
    for vec in (x, y):
        vec = np.array(vec, dtype=float)  # a private copy: the profile's array is read-only
        if not (np.isfinite(vec).all() and vec.min() >= -1e-9 and abs(float(vec.sum()) - 1) <= 1e-9):
            return MixedProfile(game, [x, y], exact=False)
        vec.setflags(write=False)
        checked.append((vec, None))
    return MixedProfile._from_checked(game, checked)


def _label_names(game: Game) -> list[str]:
    return [f"{p}:{s}" for p, strats in zip(game.players, game.strategies) for s in strats]


def _resolve_label(game: Game, label: str, names: list[str]) -> int:
    """Index of a starting label given as ``"strategy"`` or ``"player:strategy"`` (``names``: the qualified labels)."""
    if not isinstance(label, str):
        raise InputError(f"label must be a strategy label such as {names[0]!r}, got {label!r}", field="label")
    if label in names:
        return names.index(label)
    hits = [k for k, s in enumerate(s for strats in game.strategies for s in strats) if s == label]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise LabelError(
            f"label {label!r} is a strategy of both players; write {names[hits[0]]!r} or {names[hits[1]]!r}",
            field="label",
        )
    raise LabelError(f"unknown starting label {label!r}; labels are {names}", field="label")


def lemke_howson(game: Game, label: str | None = None, max_pivots: int | None = None, max_cost: float | None = None,
                 integer_pivoting: bool = False, kernel: str = "auto") -> SolveResult:
    """Equilibria reached by Lemke-Howson from one or every starting label.

    Parameters
    ----------
    game : Game
        A numeric two-player game.
    label : str, optional
        The starting (dropped) label: a strategy label, or ``"player:label"``
        when both players have a strategy of that name.  Default: every one
        of the ``m + n`` labels.
    max_pivots : int, optional
        Pivots allowed per path, default ``1000 (m + n + 1)``; a longer
        path raises CostLimitError.
    max_cost : float, optional
        Limit on the estimated work (see :mod:`gametheory.cost`).
    integer_pivoting : bool
        Exact games: always follow the path with fraction-free integer
        pivoting instead of confirming the float path's end exactly.
    kernel : {"auto", "numpy", "compiled"}
        What follows a float path (both follow the same path with the same
        lexicographic rule): ``"numpy"`` compact tableaux in NumPy;
        ``"compiled"`` the same pivots compiled by numba (an optional
        dependency, imported on first use; its machine code is cached on
        disk; about 0.5 s to load once per process); ``"auto"``
        (default) the compiled kernel for games of at least 100 x 100 cells
        when numba is installed, NumPy otherwise.  Both give the same bases;
        the probabilities may differ in the last bits of rounding.

    Returns
    -------
    SolveResult
        Distinct equilibria in order of first discovery, ``complete=False``.
        Each equilibrium's ``info["labels"]`` lists the labels that led to
        it; ``extra["label_map"]`` maps each label run to an equilibrium
        index and ``extra["pivots"]`` to its path length.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or is symbolic.
    LabelError
        If ``label`` is unknown or ambiguous.
    CostLimitError
        If the estimated cost exceeds ``max_cost`` or a path exceeds ``max_pivots``.
    """
    if game.num_players != 2:
        raise UnsupportedGameError(f"Lemke-Howson needs a two-player game, this game has {game.num_players} players")
    game.require_numeric("Lemke-Howson")
    m, n = game.shape
    names = _label_names(game)
    starts = list(range(m + n)) if label is None else [_resolve_label(game, label, names)]
    if max_pivots is None:
        max_pivots = 1000 * (m + n + 1)
    elif isinstance(max_pivots, bool) or not isinstance(max_pivots, (int, np.integer)) or max_pivots < 1:
        raise InputError(f"max_pivots must be a positive integer, got {max_pivots!r}", field="max_pivots")
    _check_kernel(kernel)  # before the cost check: a bad option is reported first
    exact = game.kind == "exact"
    try:
        check_cost(lemke_howson_cost(m, n, len(starts), exact), max_cost, "lemke-howson",
                   f"{len(starts)} paths on a {m}x{n} game")
    except CostLimitError as exc:
        if label is None:
            raise CostLimitError(f"{exc}, or follow one path (option label={names[0]!r})") from None
        raise
    if exact:
        # shifted by one unit of the scaled integers: the path taken in a degenerate game depends on it
        Ai, Bi = positive_integer_matrices(game, minimum=1)
    else:
        Af, Bf = shifted_float_matrices(game)
    tol = default_tolerance(game)
    diagnostics: list[str] = []
    eqs: list[tuple[Equilibrium, list[str]]] = []  # (equilibrium, the labels that reached it)
    label_map: dict[str, int] = {}
    pivot_map: dict[str, int] = {}
    with Progress(len(starts), "lemke-howson labels") as progress:
        for k in starts:
            try:
                # the certificate (payoffs and regrets) is computed once: it decides and is reported
                if exact:
                    found = None if integer_pivoting else _exact_path(Ai, Bi, k, max_pivots, kernel)
                    eq = None if found is None else Equilibrium.from_profile(MixedProfile(game, found[:2], exact=True))
                    if found is not None and eq is not None and eq.max_regret == 0:
                        piv = found[2]
                    else:
                        x, y, piv = lemke_howson_path_exact(Ai, Bi, k, max_pivots)
                        eq = Equilibrium.from_profile(MixedProfile(game, [x, y], exact=True))
                        if not integer_pivoting:
                            diagnostics.append(f"label {names[k]}: float path not confirmed exactly; "
                                               "followed with integer pivoting")
                else:
                    xf, yf, piv = lemke_howson_path_float(Af, Bf, k, max_pivots, kernel=kernel)
                    eq = Equilibrium.from_profile(_float_profile(game, xf, yf))
                    if eq.max_regret > tol:
                        ex = game.to_exact()
                        xe, ye, piv = lemke_howson_path_exact(*positive_integer_matrices(ex, minimum=1), k, max_pivots)
                        eq = Equilibrium.from_profile(
                            MixedProfile(game, [[float(v) for v in xe], [float(v) for v in ye]], exact=False))
                        diagnostics.append(f"label {names[k]}: float pivoting lost accuracy; recomputed exactly")
            except _PivotCapExceeded:
                raise CostLimitError(
                    f"method 'lemke-howson': the path from label {names[k]!r} exceeded max_pivots={max_pivots}; "
                    "pass a larger max_pivots to continue it"
                ) from None
            index = _find(eqs, eq.profile, exact)
            if index is None:
                index = len(eqs)
                eqs.append((eq, []))
            eqs[index][1].append(names[k])
            label_map[names[k]] = index
            pivot_map[names[k]] = piv
            progress.update()
    equilibria = [replace(eq, info=MappingProxyType({"labels": tuple(labs)})) for eq, labs in eqs]
    diagnostics.insert(
        0,
        f"Lemke-Howson from {plural(len(starts), 'starting label', 'starting labels')} reached "
        f"{plural(len(equilibria), 'distinct equilibrium', 'distinct equilibria')}; "
        "other equilibria may exist (complete=False)",
    )
    return SolveResult(
        game, "lemke-howson", False, exact, tol, tuple(equilibria), tuple(diagnostics),
        extra={"label_map": label_map, "pivots": pivot_map},
    )


def _find(eqs: list[tuple[Equilibrium, list[str]]], profile: MixedProfile, exact: bool) -> int | None:
    """Index of the equilibrium of ``eqs`` whose profile equals ``profile`` (exactly, or within 1e-9), or None."""
    for idx, (eq, _) in enumerate(eqs):
        other = eq.profile
        if exact:
            same = all(np.array_equal(a, b) for a, b in zip(profile.vectors, other.vectors))
        else:
            same = all(np.allclose(a, b, atol=1e-9, rtol=0) for a, b in zip(profile.vectors, other.vectors))
        if same:
            return idx
    return None


# The method "lemke-howson" of the table, named like the other methods' functions.
solve_lemke_howson = lemke_howson
