r"""The shared exact kernels: integer scaling, exact linear solves, rational rounding, certified maximin.

Every exact method of the package reduces to a few operations on rational
numbers, each defined here once.

Integer scaling
    A vector of rationals :math:`q_k = a_k / b_k` equals :math:`(n_k) / d`
    with :math:`d = \operatorname{lcm}(b_k)` and :math:`n_k = a_k d / b_k`
    (:func:`integer_scaled`).  Multiplying a player's payoffs by :math:`d > 0`
    (and adding a constant) keeps every comparison and every best reply, so
    exact solvers compare and pivot on integers instead of Fractions: no gcd
    per operation.

Exact linear solves
    :func:`solve_rational` is Gauss-Jordan elimination over
    :class:`fractions.Fraction` for any (square, over- or under-determined)
    system; :func:`bareiss_solve` is Bareiss' fraction-free elimination of a
    square integer system, whose intermediate entries are minors of the
    matrix (Sylvester's identity), so every division is exact and the answer
    is ``numerators / det``.

Rounding floats to rationals
    A float solution of a linear program is turned into rational candidates
    by the best rational approximation with a bounded denominator (continued
    fractions, :meth:`fractions.Fraction.limit_denominator`) over a ladder of
    bounds (:func:`rational_candidates`).  A candidate is only a guess: the
    caller checks it exactly.

Exact linear programs
    :func:`exact_lp` maximises :math:`c^\top x` subject to :math:`A_{ub} x \le
    b_{ub}`, :math:`A_{eq} x = b_{eq}`, :math:`x \ge 0` with rational data by
    the two-phase primal simplex method (Dantzig) with Bland's rule, which
    cannot cycle, on an integer tableau (Edmonds' integer pivoting: every
    entry is a minor of the constraint matrix, every division exact).  A
    float solution (e.g. HiGHS's) may be given as a hint: its positive
    variables are pivoted into the starting basis (a *crash* basis), so that
    the simplex usually only confirms it.  The answer is returned with its
    dual solution :math:`y` (:math:`y_{ub} \ge 0`, :math:`A^\top y \ge c`),
    and :math:`b^\top y = c^\top x` is checked exactly before it is returned:
    by weak duality this equality proves :math:`x` optimal (the certificate).

Certified maximin
    For the row player's payoff matrix :math:`A` (:math:`m \times n`) von
    Neumann's minimax theorem gives

    .. math:: v = \max_{x \in \Delta_m} \min_j (x^\top A)_j = \min_{y \in \Delta_n} \max_i (A y)_i .

    For any two distributions :math:`\min_j (x^\top A)_j \le v \le \max_i (Ay)_i`,
    so rational :math:`x, y` with :math:`\min_j (x^\top A)_j = \max_i (Ay)_i`
    prove the value and the optimality of both (the *certificate*).
    :func:`maximin_lp` solves the LP :math:`\max v` s.t. :math:`A^\top x \ge v
    \mathbf 1`, :math:`\mathbf 1^\top x = 1`, :math:`x \ge 0` with HiGHS; the
    minimiser's :math:`y` is either the LP dual (one LP) or the solution of
    the mirror LP of :math:`-A^\top` (two LPs).  :func:`certify_maximin` rounds
    both to rationals and checks the certificate, then (optionally) solves the
    LP's active set exactly.  :func:`kernel_maximin` is Shapley and Snow's
    exact method: some optimal pair is the equalising solution of a square
    nonsingular submatrix (a *kernel*), so the square submatrices are tried by
    increasing size until the certificate holds.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", *Mathematics of Computation* 22 (1968) 565-578.

J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
100 (1928) 295-320.

L. S. Shapley and R. N. Snow, "Basic solutions of discrete games",
*Contributions to the Theory of Games I*, Annals of Mathematics Studies 24
(1950) 27-35.

Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised simplex method",
*Mathematical Programming Computation* 10 (2018) 119-142 (HiGHS).

G. B. Dantzig, *Linear Programming and Extensions*, Princeton University
Press, 1963 (the simplex method, two phases).

R. G. Bland, "New finite pivoting rules for the simplex method", *Mathematics
of Operations Research* 2 (1977) 103-107.

J. Edmonds, "Systems of distinct representatives and linear algebra",
*Journal of Research of the National Bureau of Standards* 71B (1967) 241-245
(integer pivoting).

A. Ya. Khinchin, *Continued Fractions*, University of Chicago Press, 1964
(best rational approximations).

Examples
--------
>>> from fractions import Fraction as F
>>> integer_scaled([F(1, 2), F(2, 3), 1])
([3, 4, 6], 6)
>>> solve_rational([[F(2), F(1)], [F(1), F(3)]], [F(1), F(1)])
[Fraction(2, 5), Fraction(1, 5)]
>>> sol = kernel_maximin([[F(2), F(-1)], [F(-1), F(1)]])
>>> sol.value, sol.row, sol.certified
(Fraction(1, 5), (Fraction(2, 5), Fraction(3, 5)), True)
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np

from .cost import support_pair_count
from .errors import CostLimitError, GameTheoryError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray
    from scipy.optimize import OptimizeResult

__all__ = [
    "integer_scaled",
    "simplest_rational",
    "ScaledVector",
    "scaled_vector",
    "positive_integer_matrix",
    "integer_payoffs",
    "solve_rational",
    "row_reduce",
    "bareiss_solve",
    "determinant",
    "LP_DENOMINATORS",
    "SIMPLE_DENOMINATORS",
    "rational_candidates",
    "Maximin",
    "maximin_lp",
    "certify_maximin",
    "kernel_maximin",
    "matrix_game_value",
    "MAX_KERNELS",
    "ExactLP",
    "exact_lp",
]

#: An exact number: a Fraction, or an int (Python or NumPy) that stands for one.
RationalLike: TypeAlias = "Fraction | int"
#: A matrix of exact numbers, row by row.
RationalMatrix: TypeAlias = "Sequence[Sequence[RationalLike]]"

# Entries of an int64 array are kept below this so that a difference of two still fits.
_INT64_SAFE = 2**62


def _fraction(x: RationalLike) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


# ---------------------------------------------------------------------------- integer scaling
def _numerators_and_denominators(values: Collection[RationalLike]) -> tuple[list[int], list[int], int]:
    """Numerators, denominators and least common denominator: attribute reads only, no arithmetic per entry."""
    dens = [v.denominator for v in values]
    return [v.numerator for v in values], dens, lcm(*set(dens))


def integer_scaled(values: Collection[RationalLike]) -> tuple[list[int], int]:
    """``(numerators, d)`` with ``values[k] == numerators[k] / d`` and ``d`` the least common denominator.

    Parameters
    ----------
    values : sequence of Fraction or int

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> integer_scaled([F(-1, 4), F(5, 6)])
    ([-3, 10], 12)
    >>> integer_scaled([])
    ([], 1)
    """
    nums, dens, den = _numerators_and_denominators(values)
    if den == 1:
        return nums, 1
    return [a * (den // b) for a, b in zip(nums, dens)], den


class ScaledVector(tuple):
    """A tuple of Fractions that keeps its integer form ``scaled = (numerators, d)``.

    ``self[k] == numerators[k] / d`` with ``d`` the least common denominator,
    as :func:`integer_scaled` would compute it: a producer that has the
    numerators anyway (a vertex of a best-response polytope) hands them on,
    so the profile's checks and certificate (:func:`gametheory.profile.checked_vector`)
    need no Fraction arithmetic.  Otherwise a plain tuple (equality, order,
    hashing and repr are the tuple's).  Built by :func:`scaled_vector`.
    """

    scaled: tuple[list[int], int]


def scaled_vector(nums: Sequence[int], den: int) -> ScaledVector:
    """The Fractions ``nums[k] / den`` (``den > 0``) as a :class:`ScaledVector`.

    Dividing by ``g = gcd(den, *nums)`` gives the least common denominator of
    the reduced Fractions (for each prime, the largest power left in some
    reduced denominator is the power in ``den`` less the least over the
    numerators), so each Fraction then needs one more gcd only.

    >>> v = scaled_vector([2, 0, 4], 6)
    >>> v, v.scaled
    ((Fraction(1, 3), Fraction(0, 1), Fraction(2, 3)), ([1, 0, 2], 3))
    >>> scaled_vector([3, 5], 8).scaled == integer_scaled(scaled_vector([3, 5], 8))
    True
    """
    g = gcd(den, *nums)
    if g != 1:
        nums = [v // g for v in nums]
        den //= g
    else:
        nums = list(nums)
    zero = Fraction(0)
    out = ScaledVector([Fraction(v, den) if v else zero for v in nums])
    out.scaled = (nums, den)
    return out


def positive_integer_matrix(M: ArrayLike, minimum: int | None = None) -> list[list[int]]:
    """The exact matrix ``M`` scaled to integers and shifted to a positive minimum.

    ``M`` is multiplied by the common denominator ``d`` of its entries and a
    constant is added so that the smallest entry becomes ``minimum``: a
    positive affine change, which keeps every best reply.

    Parameters
    ----------
    M : 2-D array_like of Fraction or int
    minimum : int, optional
        The smallest entry of the result; default ``d``, i.e. the shift makes
        the smallest payoff exactly 1 before scaling.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> positive_integer_matrix([[F(1, 2), F(-1)], [F(0), F(2)]])
    [[5, 2], [4, 8]]
    >>> positive_integer_matrix([[F(1, 2), F(-1)], [F(0), F(2)]], minimum=1)
    [[4, 1], [3, 7]]
    """
    arr = np.asarray(M, dtype=object)
    rows, cols = arr.shape
    flat = [_fraction(v) for v in arr.reshape(-1)]
    nums, den = integer_scaled(flat)
    shift = (den if minimum is None else minimum) - min(nums)
    ints = [v + shift for v in nums]
    return [ints[i * cols:(i + 1) * cols] for i in range(rows)]


def integer_payoffs(payoffs: np.ndarray) -> np.ndarray | None:
    """An exact payoff tensor scaled per player to int64, or None if some entry would not fit.

    Player ``i``'s payoffs (``payoffs[..., i]``) are multiplied by the least
    common multiple of their denominators, which preserves every comparison
    of ``i``'s payoffs; entries stay below :math:`2^{62}` in absolute value,
    so differences of two entries fit in int64 too.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, ..., n_N, N)

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> pay = np.array([[[F(1, 2), F(1)], [F(0), F(2, 3)]]], dtype=object)
    >>> integer_payoffs(pay).tolist()
    [[[1, 3], [0, 2]]]
    >>> integer_payoffs(np.array([[F(2**70), F(1)]], dtype=object)) is None
    True
    """
    out = np.empty(payoffs.shape, dtype=np.int64)
    for i in range(payoffs.shape[-1]):
        # integer_scaled's numbers, with the multiplication by den // denominator vectorised
        nums, dens, den = _numerators_and_denominators(payoffs[..., i].reshape(-1))
        if den >= _INT64_SAFE:
            return None
        try:
            arr = np.array(nums, dtype=np.int64)
        except OverflowError:
            return None
        if den != 1:
            mult = den // np.array(dens, dtype=np.int64)
            if max(int(arr.max()), -int(arr.min())) * int(mult.max()) >= _INT64_SAFE:
                return None
            arr = arr * mult
        if arr.size and max(int(arr.max()), -int(arr.min())) >= _INT64_SAFE:
            return None
        out[..., i] = arr.reshape(payoffs.shape[:-1])
    return out


# ---------------------------------------------------------------------------- exact linear solves
def solve_rational(M: RationalMatrix, b: Sequence[RationalLike], *, unique: bool = False) -> list[Fraction] | None:
    """An exact solution of ``M z = b`` by Gauss-Jordan elimination over Fractions.

    Parameters
    ----------
    M : sequence of sequence of Fraction or int
        ``r x c``, any shape.
    b : sequence of Fraction or int
    unique : bool
        Return None unless the solution is unique (``M`` has full column
        rank); for a square ``M``: None when ``M`` is singular.  Otherwise free
        variables are set to 0.

    Returns
    -------
    list of Fraction or None
        None when the system is inconsistent (or, with ``unique``, singular).

    Examples
    --------
    >>> solve_rational([[1, 1], [1, -1]], [2, 0])
    [Fraction(1, 1), Fraction(1, 1)]
    >>> solve_rational([[1, 1], [1, 1]], [1, 2]) is None
    True
    >>> solve_rational([[1, 1], [2, 2]], [1, 2])
    [Fraction(1, 1), Fraction(0, 1)]
    >>> solve_rational([[1, 1], [2, 2]], [1, 2], unique=True) is None
    True
    """
    rows = [[_fraction(x) for x in row] + [_fraction(bi)] for row, bi in zip(M, b)]
    if not rows:
        return None
    ncols = len(rows[0]) - 1
    rows, pivots = row_reduce(rows, ncols)
    if unique and len(pivots) < ncols:
        return None
    if any(row[-1] != 0 for row in rows[len(pivots):]):
        return None
    z = [Fraction(0)] * ncols
    for i, c in enumerate(pivots):
        z[c] = rows[i][-1]
    return z


def row_reduce(rows: list[list[Any]], ncols: int) -> tuple[list[list[Any]], list[int]]:
    """Gauss-Jordan elimination of the first ``ncols`` columns of ``rows``, over any exact field.

    The entries may be Fractions or any type with exact ``+ - * /`` and ``!= 0``
    (the three-player solver's numbers of Q(sqrt d)).  Returns the reduced rows
    (a new list; pivot rows first, each pivot 1 and alone in its column) and
    the pivot columns; the rank is ``len(pivots)``.  An augmented system
    ``[A | b]`` is consistent iff every row past the rank has a zero last entry.

    >>> rows, pivots = row_reduce([[Fraction(2), Fraction(4), Fraction(2)], [Fraction(1), Fraction(2), Fraction(3)]], 2)
    >>> pivots, rows[0], rows[1][-1]
    ([0], [Fraction(1, 1), Fraction(2, 1), Fraction(1, 1)], Fraction(2, 1))
    """
    rows = [list(row) for row in rows]
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        pr = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pr is None:
            continue
        rows[r], rows[pr] = rows[pr], rows[r]
        lead = rows[r][c]
        rows[r] = [x / lead for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[r])]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    return rows, pivots


def _bareiss_eliminate(rows: list[list[int]], k: int) -> tuple[int, int] | None:
    """Bareiss's forward elimination of the first ``k`` columns of ``rows``, in place.

    Returns ``(last pivot, sign of the row swaps)``, the last pivot being the
    determinant of the row-swapped leading ``k x k`` block; None when that
    block is singular.
    """
    prev, sign = 1, 1
    for c in range(k):
        piv = next((r for r in range(c, k) if rows[r][c] != 0), None)
        if piv is None:
            return None
        if piv != c:
            rows[c], rows[piv] = rows[piv], rows[c]
            sign = -sign
        pc = rows[c]
        p = pc[c]
        for r in range(c + 1, k):
            rr = rows[r]
            f = rr[c]
            rows[r] = [(p * rr[j] - f * pc[j]) // prev for j in range(len(rr))]
        prev = p
    return prev, sign


def determinant(M: Sequence[Sequence[int]]) -> int:
    """The determinant of a square integer matrix, by Bareiss's fraction-free elimination (exact divisions).

    >>> determinant([[2, 1], [4, 3]]), determinant([[1, 2], [2, 4]]), determinant([[0, 1], [1, 0]])
    (2, 0, -1)
    """
    eliminated = _bareiss_eliminate([list(row) for row in M], len(M))
    return 0 if eliminated is None else eliminated[0] * eliminated[1]


def bareiss_solve(M: Sequence[Sequence[int]], b: Sequence[int]) -> tuple[list[int], int] | None:
    """Solve the square integer system ``M z = b`` exactly, fraction-free.

    Bareiss (1968) elimination keeps every intermediate entry an integer
    minor, so the cost is :math:`O(k^3)` exact integer divisions and no gcds.

    Parameters
    ----------
    M : list of list of int
    b : list of int

    Returns
    -------
    (list of int, int) or None
        ``(numerators, det)`` with ``z = numerators / det`` and ``det > 0``,
        or None when ``M`` is singular.

    Examples
    --------
    >>> bareiss_solve([[2, 1], [1, 3]], [1, 1])
    ([2, 1], 5)
    >>> bareiss_solve([[1, 2], [2, 4]], [1, 1]) is None
    True
    """
    k = len(M)
    rows = [list(M[i]) + [b[i]] for i in range(k)]
    eliminated = _bareiss_eliminate(rows, k)
    if eliminated is None:
        return None
    prev = eliminated[0]
    # Back substitution on z' = du * z with du the last pivot (= +-det M): z' is an
    # integer vector by Cramer's rule, so every division below is exact.
    du = prev
    z = [0] * k
    for c in range(k - 1, -1, -1):
        rc = rows[c]
        s = du * rc[k] - sum(rc[j] * z[j] for j in range(c + 1, k))
        z[c] = s // rc[c]
    if du < 0:
        z = [-v for v in z]
        du = -du
    return z, du


# ---------------------------------------------------------------------------- float -> rational
#: Denominator bounds for rounding an LP solution (zero-sum, correlated equilibrium): decimal steps.
LP_DENOMINATORS = (10, 100, 1000, 10**4, 10**6, 10**9, 10**12)
#: Denominator bounds starting with the simplest fractions (dominators, security levels).
SIMPLE_DENOMINATORS = (1, 2, 6, 12, 60, 1000, 10**4, 10**6, 10**9)


def simplest_rational(lo: Fraction, hi: Fraction, max_denominator: int | None = None) -> Fraction | None:
    """The rational with the smallest denominator in ``[lo, hi]`` (of the integers there, the one nearest 0).

    Continued fractions (the Stern-Brocot descent) in integers: when the interval holds no integer,
    both ends share their integer part ``a`` and the answer is ``a + 1/t`` with ``t`` the simplest
    rational in ``[1/(hi - a), 1/(lo - a)]``.  A rational ``p/q`` is the answer for every interval
    around it narrower than ``1/q**2``: two distinct fractions with denominators at most ``q`` are
    further apart.  With ``max_denominator``, None as soon as the answer's denominator must exceed it
    (a narrow interval around an irrational number then costs a few steps, not hundreds).

    >>> simplest_rational(Fraction(3, 10), Fraction(7, 20)), simplest_rational(Fraction(-5, 7), Fraction(-2, 3))
    (Fraction(1, 3), Fraction(-2, 3))
    >>> simplest_rational(Fraction(-1, 2), Fraction(3))
    Fraction(0, 1)
    >>> simplest_rational(Fraction(314159, 100000), Fraction(314160, 100000))  # pi's convergent 355/113
    Fraction(355, 113)
    >>> simplest_rational(Fraction(314159, 100000), Fraction(314160, 100000), max_denominator=100) is None
    True
    """
    if lo > hi:
        raise ValueError(f"empty interval [{lo}, {hi}]")
    if lo <= 0 <= hi:
        return Fraction(0)
    sign = 1
    if hi < 0:
        lo, hi, sign = -hi, -lo, -1
    # lo = n1/d1 <= hi = n2/d2, both positive; the answer is (a t + b) / (c t + d) with t the simplest
    # rational of the current interval
    n1, d1, n2, d2 = lo.numerator, lo.denominator, hi.numerator, hi.denominator
    a, b, c, d = 1, 0, 0, 1
    while True:
        whole = n1 // d1
        ceil = whole if whole * d1 == n1 else whole + 1
        if ceil * d2 <= n2:
            if max_denominator is not None and c * ceil + d > max_denominator:
                return None
            return sign * Fraction(a * ceil + b, c * ceil + d)
        a, b, c, d = a * whole + b, a, c * whole + d, c
        if max_denominator is not None and c > max_denominator:
            return None
        n1, d1, n2, d2 = d2, n2 - whole * d2, d1, n1 - whole * d1


def rational_candidates(vec: Sequence[Fraction | float] | NDArray[Any], normalise: bool = True,
                        denominators: Sequence[int] = LP_DENOMINATORS) -> Iterator[list[Fraction]]:
    """Rational vectors near the float vector ``vec``, one per denominator bound, duplicates skipped.

    Parameters
    ----------
    vec : 1-D array_like of float
    normalise : bool
        Clip at 0 and divide by the sum, so each candidate is a probability
        vector summing to exactly 1 (bounds giving an all-zero vector are skipped).
    denominators : sequence of int
        The bounds passed to :meth:`fractions.Fraction.limit_denominator`, in order.

    Examples
    --------
    >>> next(rational_candidates([0.3333333333, 0.6666666667]))
    [Fraction(1, 3), Fraction(2, 3)]
    >>> [[str(v) for v in q] for q in rational_candidates([0.24, 0.76], denominators=(2, 100))]
    [['0', '1'], ['6/25', '19/25']]
    """
    arr = np.asarray(vec, dtype=float)
    seen = set()
    for den in denominators:
        q = [Fraction(float(v)).limit_denominator(den) for v in arr]
        if normalise:
            q = [max(v, Fraction(0)) for v in q]
            total = sum(q, Fraction(0))
            if total == 0:
                continue
            q = [v / total for v in q]
        key = tuple(q)
        if key not in seen:
            seen.add(key)
            yield q


# ---------------------------------------------------------------------------- exact linear programs
@dataclass(frozen=True)
class ExactLP:
    """The answer of :func:`exact_lp`.

    Attributes
    ----------
    status : {'optimal', 'infeasible', 'unbounded', 'pivot limit'}
    x : tuple of Fraction
        An optimal vertex (``status == 'optimal'``), else empty.
    value : Fraction or None
        ``c^T x``.
    duals_ub, duals_eq : tuple of Fraction
        An optimal dual solution: ``duals_ub >= 0``, ``A_ub^T duals_ub +
        A_eq^T duals_eq >= c`` and ``b_ub^T duals_ub + b_eq^T duals_eq ==
        value``, all checked exactly (the certificate of optimality).
    pivots : int
        Simplex pivots made (crash pivots included).
    """

    status: Literal["optimal", "infeasible", "unbounded", "pivot limit"]
    x: tuple[Fraction, ...] = ()
    value: Fraction | None = None
    duals_ub: tuple[Fraction, ...] = ()
    duals_eq: tuple[Fraction, ...] = ()
    pivots: int = 0


class _Tableau:
    """Integer tableau ``det * B^-1 [A | I | b]`` of ``A x (+ s) (+ a) = b`` with two objective rows.

    Rows ``0..m-1`` are constraints, ``m`` the phase-2 objective (reduced
    costs of ``c``), ``m + 1`` the phase-1 objective (``max -sum a``).  Row
    ``i``'s *unit column* ``unit[i]`` (its slack, or its artificial) is the
    identity column of the starting basis.
    """

    def __init__(self, rows: list[list[int]], unit: list[int], artificial: set[int], cost: list[int]) -> None:
        self.m = len(rows)
        self.unit = unit
        self.artificial = artificial
        self.basis = list(unit)
        width = len(rows[0])
        phase2 = [-v for v in cost] + [0] * (width - len(cost))
        phase1 = [0] * width
        for i, row in enumerate(rows):
            if unit[i] in artificial:
                phase1 = [p - v for p, v in zip(phase1, row)]
        for j in artificial:
            phase1[j] += 1  # the artificial's own cost -1, so its reduced cost is 0 while basic
        self.T = [list(r) for r in rows] + [phase2, phase1]
        self.det = 1
        self.pivots = 0

    def pivot(self, r: int, e: int) -> None:
        """Fraction-free pivot on ``T[r][e]``; the determinant is kept positive."""
        T, det = self.T, self.det
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
        self.det = p
        if p < 0:  # -det * B^-1 [A | b] is the same tableau with a positive determinant
            self.T = [[-a for a in row] for row in T]
            self.det = -p
        self.basis[r] = e
        self.pivots += 1

    def simplex(self, obj: int, max_pivots: int) -> Literal["optimal", "unbounded", "pivot limit"]:
        """Primal simplex on objective row ``obj`` with Bland's rule: 'optimal', 'unbounded' or 'pivot limit'."""
        m = self.m
        while True:
            z = self.T[obj]
            # Bland: the entering column is the lowest-numbered one with a negative reduced cost
            e = next((j for j in range(len(z) - 1) if z[j] < 0 and j not in self.artificial), None)
            if e is None:
                return "optimal"
            r = None
            for i in range(m):
                a = self.T[i][e]
                if a > 0:
                    if r is None:
                        r = i
                        continue
                    # T[i][-1]/a < T[r][-1]/T[r][e], ties to the lower-numbered leaving variable (Bland)
                    cmp = self.T[i][-1] * self.T[r][e] - self.T[r][-1] * a
                    if cmp < 0 or (cmp == 0 and self.basis[i] < self.basis[r]):
                        r = i
            if r is None:
                return "unbounded"
            if self.pivots >= max_pivots:
                return "pivot limit"
            self.pivot(r, e)

    def crash(self, columns: Sequence[int], expendable: set[int]) -> None:
        """Pivot ``columns`` in, each replacing an expendable starting unit column in a row where it is nonzero."""
        for j in columns:
            if j in self.basis:
                continue
            rows = [i for i in range(self.m) if self.basis[i] in expendable and self.T[i][j] != 0]
            if rows:
                # the largest |entry| keeps the intermediate numbers small (partial pivoting)
                self.pivot(max(rows, key=lambda i: abs(self.T[i][j])), j)

    def feasible(self) -> bool:
        return all(self.T[i][-1] >= 0 for i in range(self.m))


def exact_lp(c: Sequence[RationalLike], A_ub: RationalMatrix = (), b_ub: Sequence[RationalLike] = (),
             A_eq: RationalMatrix = (), b_eq: Sequence[RationalLike] = (),
             hint: Sequence[float] | None = None, max_pivots: int | None = None) -> ExactLP:
    r"""Maximise ``c^T x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``x >= 0``, exactly.

    Two-phase simplex with Bland's rule on an integer tableau (see the
    module docstring); the optimum comes with its dual solution, and the
    duality certificate is checked exactly before it is returned.

    Parameters
    ----------
    c : sequence of Fraction or int
        ``n`` objective coefficients.
    A_ub, b_ub, A_eq, b_eq : matrices and vectors of Fraction or int
    hint : sequence of float, optional
        A float solution: ``n`` values of ``x`` then the ``len(b_ub)`` slacks
        ``b_ub - A_ub x``.  Its positive entries (above ``1e-9`` times the
        largest) are pivoted into the starting basis in place of the zero
        slacks and the artificial variables; if that basis is not feasible
        the simplex starts from scratch.  A hint never changes the answer's
        correctness, only the number of pivots.
    max_pivots : int, optional
        Default ``50 * (rows + columns) + 1000``; beyond it the status is
        ``'pivot limit'`` (Bland's rule is finite but may be slow).

    Returns
    -------
    ExactLP

    Examples
    --------
    >>> sol = exact_lp([3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
    >>> sol.status, sol.value, sol.x, sol.duals_ub
    ('optimal', Fraction(12, 1), (Fraction(4, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(0, 1)))
    >>> exact_lp([1], A_eq=[[1]], b_eq=[-1]).status
    'infeasible'
    >>> exact_lp([1, 0], A_ub=[[-1, 1]], b_ub=[1]).status
    'unbounded'
    """
    cq = [_fraction(v) for v in c]
    n = len(cq)
    ub = [([_fraction(v) for v in row], _fraction(b)) for row, b in zip(A_ub, b_ub)]
    eq = [([_fraction(v) for v in row], _fraction(b)) for row, b in zip(A_eq, b_eq)]
    m_ub, m = len(ub), len(ub) + len(eq)
    if m == 0:
        if any(v > 0 for v in cq):
            return ExactLP("unbounded")
        return ExactLP("optimal", tuple(Fraction(0) for _ in cq), Fraction(0))
    # Columns: x (n), one slack per ub row (n + i), then the artificials.  Each row is multiplied by the
    # sign of its right-hand side and by its common denominator; a slack is rescaled with its row, so the
    # unit column of a row with b >= 0 is its slack (coefficient 1) and any other row gets an artificial.
    n_art = sum(1 for _, b in ub if b < 0) + len(eq)
    width = n + m_ub + n_art
    rows, unit, row_mult = [], [], []
    artificial: set[int] = set()
    next_art = n + m_ub
    for i, (a, b) in enumerate(ub + eq):
        sign = -1 if b < 0 else 1
        nums, den = integer_scaled(a + [b])
        row = [sign * v for v in nums[:-1]] + [0] * (width - n) + [sign * nums[-1]]
        row_mult.append(Fraction(sign * den))
        if i < m_ub:
            row[n + i] = sign
        if i < m_ub and sign > 0:
            unit.append(n + i)
        else:
            row[next_art] = 1
            unit.append(next_art)
            artificial.add(next_art)
            next_art += 1
        rows.append(row)
    cost, cden = integer_scaled(cq)
    if max_pivots is None:
        max_pivots = 50 * (m + width) + 1000
    tab = _Tableau(rows, unit, artificial, cost)
    if hint is not None and len(hint):
        h = np.asarray(hint, dtype=float)
        cut = 1e-9 * max(float(np.abs(h).max()), 1e-300)
        expendable = {unit[i] for i in range(m)
                      if unit[i] in artificial or unit[i] >= len(h) or h[unit[i]] <= cut}
        order = [j for j in np.argsort(-h[:n], kind="stable").tolist() if h[j] > cut]
        tab.crash(order, expendable)
        if not tab.feasible():
            crash_pivots = tab.pivots
            tab = _Tableau(rows, unit, artificial, cost)
            tab.pivots = crash_pivots
    if tab.T[m + 1][-1] != 0:
        status = tab.simplex(m + 1, max_pivots)
        if status != "optimal":
            return ExactLP(status, pivots=tab.pivots)
        if tab.T[m + 1][-1] != 0:
            return ExactLP("infeasible", pivots=tab.pivots)
    # Artificials still basic are at 0: swap each for a real column of its row (a degenerate pivot); a row
    # with none is a combination of the other rows and keeps its artificial, which no later pivot touches.
    for i in range(m):
        if tab.basis[i] in artificial:
            j = next((j for j in range(n + m_ub) if tab.T[i][j] != 0), None)
            if j is not None:
                tab.pivot(i, j)
    status = tab.simplex(m, max_pivots)
    if status != "optimal":
        return ExactLP(status, pivots=tab.pivots)
    x = [Fraction(0)] * n
    for i, var in enumerate(tab.basis):
        if var < n:
            x[var] = Fraction(tab.T[i][-1], tab.det)
    # the reduced cost of row i's unit column is det * cden * (that row's scaled dual)
    duals = [Fraction(tab.T[m][unit[i]], tab.det * cden) * row_mult[i] for i in range(m)]
    value = sum((ci * xi for ci, xi in zip(cq, x) if xi), Fraction(0))
    _check_lp_certificate(cq, ub, eq, x, duals, value)
    return ExactLP("optimal", tuple(x), value, tuple(duals[:m_ub]), tuple(duals[m_ub:]), tab.pivots)


def _check_lp_certificate(c: list[Fraction], ub: list[tuple[list[Fraction], Fraction]],
                          eq: list[tuple[list[Fraction], Fraction]], x: list[Fraction], y: list[Fraction],
                          value: Fraction) -> None:
    """Primal and dual feasibility and ``b^T y == c^T x``, exactly; ArithmeticError if any fails."""
    rows = ub + eq
    m_ub = len(ub)
    ok = all(v >= 0 for v in x) and all(v >= 0 for v in y[:m_ub])
    for k, (a, b) in enumerate(rows):
        lhs = sum((aj * xj for aj, xj in zip(a, x) if xj), Fraction(0))
        ok = ok and (lhs <= b if k < m_ub else lhs == b)
    for j in range(len(c)):
        ok = ok and sum((a[j] * yk for (a, _), yk in zip(rows, y) if yk), Fraction(0)) >= c[j]
    ok = ok and sum((b * yk for (_, b), yk in zip(rows, y) if yk), Fraction(0)) == value
    if not ok:
        raise ArithmeticError("internal error: the exact simplex's certificate does not hold")


# ---------------------------------------------------------------------------- certified maximin
@dataclass(frozen=True)
class Maximin:
    """Value and optimal strategies of the zero-sum matrix game in which the row player gets ``A[i][j]``.

    Attributes
    ----------
    value :
        The value: a Fraction when ``certified``, else a float.
    row : tuple
        A maximin (optimal) strategy of the row player, the maximiser.
    column : tuple or None
        A punishing (optimal) strategy of the column player, the minimiser;
        None when an uncertified exact search has no column candidate.
    certified : bool
        True when ``min_j (row^T A)_j == value == max_i (A column)_i`` holds in
        exact arithmetic.
    guarantee :
        Exact games: ``min_j (row^T A)_j``, what ``row`` is proved to secure
        (equal to ``value`` when certified); None for float games.
    """

    value: Fraction | float
    row: tuple[Fraction | float, ...]
    column: tuple[Fraction | float, ...] | None
    certified: bool
    guarantee: Fraction | None = None


def _lp_row(A: NDArray[np.float64]) -> OptimizeResult:
    """HiGHS result of ``max v`` s.t. ``A^T x >= v 1``, ``sum x = 1``, ``x >= 0`` (variables ``x, v``)."""
    from scipy.optimize import linprog

    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])  # v - (A^T x)_j <= 0
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        raise GameTheoryError(f"internal error: the maximin LP failed ({res.message})")
    return res


def _distribution(x: NDArray[np.float64]) -> NDArray[np.float64]:
    x = np.clip(x, 0.0, None)
    return x / x.sum()


def maximin_lp(A: ArrayLike, column: Literal["dual", "lp"] = "dual") -> Maximin:
    """The float value and optimal strategies of the matrix game ``A`` by linear programming (HiGHS).

    Parameters
    ----------
    A : 2-D array_like of float
    column : {'dual', 'lp'}
        How the minimiser's strategy is found: from the dual of the row
        player's LP (one LP), or by solving the column player's own LP, the
        row LP of ``-A^T`` (two LPs).

    Returns
    -------
    Maximin
        Floats, ``certified=False``.

    Examples
    --------
    >>> sol = maximin_lp([[1.0, -1.0], [-1.0, 1.0]])
    >>> np.round(sol.row, 9).tolist(), np.round(sol.column, 9).tolist(), abs(sol.value) < 1e-12
    ([0.5, 0.5], [0.5, 0.5], True)
    """
    Af = np.asarray(A, dtype=float)
    m = Af.shape[0]
    res = _lp_row(Af)
    x = _distribution(res.x[:m])
    if column == "lp":
        y = _distribution(_lp_row(-Af.T).x[:-1])
    else:
        # the multipliers of v <= (A^T x)_j are the minimiser's optimal mixture (LP duality)
        y = np.clip(-np.asarray(res.ineqlin.marginals, dtype=float), 0.0, None)
        if y.sum() > 0:
            y = y / y.sum()
    return Maximin(float(res.x[-1]), tuple(float(v) for v in x), tuple(float(v) for v in y), False)


def _fraction_matrix(A: ArrayLike) -> list[list[Fraction]]:
    """The 2-D array_like ``A`` as rows of Fractions."""
    return [[_fraction(v) for v in row] for row in np.asarray(A, dtype=object)]


def _guarantee(A: list[list[Fraction]], x: Sequence[Fraction]) -> Fraction:
    """``min_j (x^T A)_j``, exact."""
    m = len(A)
    return min(sum((x[i] * A[i][j] for i in range(m)), Fraction(0)) for j in range(len(A[0])))


def _bound(A: list[list[Fraction]], y: Sequence[Fraction]) -> Fraction:
    """``max_i (A y)_i``, exact."""
    n = len(A[0])
    return max(sum((row[j] * y[j] for j in range(n)), Fraction(0)) for row in A)


def _equalising(A: list[list[Fraction]], rows: Sequence[int], cols: Sequence[int],
                unique: bool = False) -> list[Fraction] | None:
    """A row strategy on ``rows`` giving every column of ``cols`` the same payoff ``(x^T A)_j``, or None.

    The exact solution of ``sum_{i in rows} x_i A[i][j] = v`` (``j`` in ``cols``), ``sum x = 1``, in
    the unknowns ``x_rows`` and ``v``, as a vector over all rows; None when it is not nonnegative, the
    system is inconsistent or, with ``unique``, singular.
    """
    M = [[A[i][j] for i in rows] + [Fraction(-1)] for j in cols]
    M.append([Fraction(1)] * len(rows) + [Fraction(0)])
    z = solve_rational(M, [Fraction(0)] * len(cols) + [Fraction(1)], unique=unique)
    if z is None or any(v < 0 for v in z[:-1]):
        return None
    x = [Fraction(0)] * len(A)
    for i, v in zip(rows, z):
        x[i] = v
    return x


def _active_set_solve(A: list[list[Fraction]], xf: Sequence[Fraction | float], vf: Fraction | float,
                      tol: float) -> list[Fraction] | None:
    """Exact row strategy on the float solution's support making its binding columns equal, or None."""
    m, n = len(A), len(A[0])
    support = [i for i in range(m) if xf[i] > tol]
    payoff = np.asarray(xf, dtype=float) @ np.asarray(A, dtype=float)
    binding = [j for j in range(n) if payoff[j] <= vf + tol]
    return _equalising(A, support, binding)


def certify_maximin(A: ArrayLike, approx: Maximin, denominators: Sequence[int] = LP_DENOMINATORS,
                    active_set: bool = False) -> Maximin:
    """Exact value and optimal strategies of the exact matrix game ``A`` from a float solution.

    The strategies of ``approx`` are rounded (:func:`rational_candidates`
    with ``denominators``); the first row candidate, in order, with the
    largest guarantee :math:`\\min_j (x^\\top A)_j` and the first column
    candidate with the smallest bound :math:`\\max_i (Ay)_i` are kept, and
    the value is certified when the two are equal.  With ``active_set``,
    when rounding does not certify, the LPs' active sets (support and
    binding constraints, read off the floats at three tolerances) are solved
    exactly (:func:`solve_rational`) and checked the same way.

    Parameters
    ----------
    A : 2-D array_like of Fraction
    approx : Maximin
        A float solution (:func:`maximin_lp`).
    denominators : sequence of int
    active_set : bool

    Returns
    -------
    Maximin
        ``certified`` with Fraction value and strategies; or, when nothing
        certifies, ``certified=False``, ``approx.value``, the best rounded row
        strategy and its exact ``guarantee``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> A = [[F(2), F(-1)], [F(-1), F(1)]]
    >>> sol = certify_maximin(A, maximin_lp(A))
    >>> sol.value, sol.row, sol.column, sol.certified
    (Fraction(1, 5), (Fraction(2, 5), Fraction(3, 5)), (Fraction(2, 5), Fraction(3, 5)), True)
    """
    Aq = _fraction_matrix(A)
    ys = list(rational_candidates(approx.column, denominators=denominators)) if approx.column is not None else []
    bounds: list[Fraction | None] = [None] * len(ys)
    lows = []
    # x-major search: weak duality (guarantee <= value <= bound) makes the first x that meets some y's
    # bound the first x with the largest guarantee, and that y the first with the smallest bound
    for x in rational_candidates(approx.row, denominators=denominators):
        low = _guarantee(Aq, x)
        lows.append((low, x))
        for k, y in enumerate(ys):
            if bounds[k] is None:
                bounds[k] = _bound(Aq, y)
            if bounds[k] == low:
                return Maximin(low, tuple(x), tuple(y), True, low)
    if active_set and approx.column is not None:
        negT = [[-a for a in col] for col in zip(*Aq)]
        scale = max(1.0, float(np.abs(np.asarray(Aq, dtype=float)).max()))
        for tol in (1e-9 * scale, 1e-7 * scale, 1e-5 * scale):
            x_act = _active_set_solve(Aq, approx.row, approx.value, tol)
            # the column player's problem is the row problem of -A^T
            y_act = _active_set_solve(negT, approx.column, -approx.value, tol)
            if x_act is None or y_act is None:
                continue
            low = _guarantee(Aq, x_act)
            if low == _bound(Aq, y_act):
                return Maximin(low, tuple(x_act), tuple(y_act), True, low)
    low, x = max(lows, key=lambda t: t[0])
    return Maximin(approx.value, tuple(x), None, False, low)


#: Largest number of square submatrices :func:`kernel_maximin` may try.
MAX_KERNELS = 200_000


def kernel_maximin(A: ArrayLike) -> Maximin:
    """Exact value and optimal strategies of the exact matrix game ``A`` by Shapley-Snow kernel enumeration.

    Square submatrices are tried by increasing size ``k`` (rows, then
    columns, in lexicographic order); for each, the equalising strategies
    (``p^T A_IJ = v 1``, ``A_IJ q = v 1``, each summing to 1) are solved
    exactly and the first nonnegative pair passing the certificate is returned.

    Raises
    ------
    CostLimitError
        When the game has more than :data:`MAX_KERNELS` square submatrices.

    Examples
    --------
    Matching pennies:

    >>> sol = kernel_maximin([[1, -1], [-1, 1]])
    >>> sol.value, [str(p) for p in sol.row], [str(q) for q in sol.column]
    (Fraction(0, 1), ['1/2', '1/2'], ['1/2', '1/2'])
    """
    Aq = _fraction_matrix(A)
    m, n = len(Aq), len(Aq[0])
    cost = support_pair_count(m, n)  # a k x k kernel is a pair of equal-size row and column sets
    if cost > MAX_KERNELS:
        raise CostLimitError(f"exact matrix-game value of a {m}x{n} game needs {cost} kernels; use floats")
    AqT = [list(col) for col in zip(*Aq)]
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                # p_I^T A_IJ = v 1 and A_IJ q = v 1 (i.e. q_J^T A^T_JI = v 1), each summing to 1
                p = _equalising(Aq, rows, cols, unique=True)
                if p is None:
                    continue
                q = _equalising(AqT, cols, rows, unique=True)
                if q is None:
                    continue
                lower = _guarantee(Aq, p)
                if lower == _bound(Aq, q):
                    return Maximin(lower, tuple(p), tuple(q), True, lower)
    raise ArithmeticError("no optimal kernel found (cannot happen for a finite matrix game)")


def matrix_game_value(A: ArrayLike, exact: bool | None = None) -> Maximin:
    """Value and optimal strategies of the matrix game ``A``: kernel enumeration if exact, else two LPs.

    Parameters
    ----------
    A : 2-D array_like of numbers
    exact : bool, optional
        Default: exact unless an entry is a float.

    Examples
    --------
    >>> matrix_game_value([[2, -1], [-1, 1]]).value
    Fraction(1, 5)
    >>> round(matrix_game_value([[2.0, -1.0], [-1.0, 1.0]]).value, 12)
    0.2
    """
    arr = np.array(A, dtype=object)
    if exact is None:
        exact = not any(isinstance(x, (float, np.floating)) for x in arr.reshape(-1))
    if exact:
        return kernel_maximin(arr)
    return maximin_lp(np.asarray(arr, dtype=float), column="lp")
