r"""Value and optimal strategies of a two-person zero-sum matrix game.

The row player maximises :math:`p^\top A q`.  By von Neumann's minimax
theorem the game has a value :math:`v` with optimal strategies :math:`p, q`
certified by :math:`\min_j (p^\top A)_j = v = \max_i (A q)_i`.

Exact matrices (Fractions) are solved by Shapley and Snow's kernel
enumeration (L. S. Shapley and R. N. Snow, "Basic solutions of discrete
games", *Contributions to the Theory of Games I*, 1950): some optimal pair is
the equalising solution of a square nonsingular submatrix, so every square
submatrix is tried in exact arithmetic until the certificate above holds.
Float matrices use the linear program of the value (HiGHS via SciPy).  Used
for security levels (maximin) and for Nash's threat game.

>>> matrix_game_value([[2, -1], [-1, 1]])[0]
Fraction(1, 5)
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..errors import CostLimitError

__all__ = ["matrix_game_value"]

_MAX_KERNELS = 200_000


def matrix_game_value(A, exact: bool | None = None):
    """``(value, p, q)`` of the zero-sum game in which the row player gets ``A[i][j]``.

    Parameters
    ----------
    A : 2-D array_like of numbers
    exact : bool, optional
        Default: exact unless an entry is a float.

    Returns
    -------
    (value, tuple p, tuple q)
        Optimal mixed strategies of the row (maximiser) and column (minimiser) players.
    """
    A = np.array(A, dtype=object)
    if exact is None:
        exact = not any(isinstance(x, (float, np.floating)) for x in A.reshape(-1))
    if exact:
        return _kernel_enumeration(np.vectorize(Fraction, otypes=[object])(A))
    return _linprog_value(np.asarray(A, dtype=float))


def _solve(M, rhs):
    """Exact Gauss-Jordan solve of a square system; None if singular."""
    n = len(M)
    aug = [list(M[r]) + [rhs[r]] for r in range(n)]
    for c in range(n):
        piv = next((r for r in range(c, n) if aug[r][c] != 0), None)
        if piv is None:
            return None
        aug[c], aug[piv] = aug[piv], aug[c]
        inv = 1 / aug[c][c]
        aug[c] = [x * inv for x in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[c])]
    return [aug[r][n] for r in range(n)]


def _kernel_enumeration(A):
    m, n = A.shape
    cost = sum(_comb(m, k) * _comb(n, k) for k in range(1, min(m, n) + 1))
    if cost > _MAX_KERNELS:
        raise CostLimitError(f"exact matrix-game value of a {m}x{n} game needs {cost} kernels; use floats")
    zero = Fraction(0)
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                sub = [[A[i, j] for j in cols] for i in rows]
                # p_I^T A_IJ = v 1, sum p = 1  (unknowns p_I, v)
                Mp = [[sub[r][c] for r in range(k)] + [Fraction(-1)] for c in range(k)] + [[Fraction(1)] * k + [zero]]
                sol_p = _solve(Mp, [zero] * k + [Fraction(1)])
                if sol_p is None or any(x < 0 for x in sol_p[:k]):
                    continue
                Mq = [[sub[r][c] for c in range(k)] + [Fraction(-1)] for r in range(k)] + [[Fraction(1)] * k + [zero]]
                sol_q = _solve(Mq, [zero] * k + [Fraction(1)])
                if sol_q is None or any(x < 0 for x in sol_q[:k]):
                    continue
                p = [zero] * m
                q = [zero] * n
                for r, i in enumerate(rows):
                    p[i] = sol_p[r]
                for c, j in enumerate(cols):
                    q[j] = sol_q[c]
                lower = min(sum(p[i] * A[i, j] for i in range(m)) for j in range(n))
                upper = max(sum(A[i, j] * q[j] for j in range(n)) for i in range(m))
                if lower == upper:
                    return lower, tuple(p), tuple(q)
    raise ArithmeticError("no optimal kernel found (cannot happen for a finite matrix game)")


def _linprog_value(A):
    from scipy.optimize import linprog

    m, n = A.shape

    def solve_row(M):
        rows, cols = M.shape
        # maximise v s.t. M^T p >= v, sum p = 1, p >= 0
        c = np.zeros(rows + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-M.T, np.ones((cols, 1))])
        A_eq = np.hstack([np.ones((1, rows)), np.zeros((1, 1))])
        res = linprog(c, A_ub=A_ub, b_ub=np.zeros(cols), A_eq=A_eq, b_eq=[1.0],
                      bounds=[(0, None)] * rows + [(None, None)], method="highs")
        return res.x[-1], np.clip(res.x[:-1], 0, None)

    v, p = solve_row(A)
    _, q = solve_row(-A.T)
    return float(v), tuple(p / p.sum()), tuple(q / q.sum())


def _comb(n, k):
    from math import comb

    return comb(n, k)
