"""Turning a floating-point LP solution into an exact one.

HiGHS returns floats.  An exact game needs a rational answer whose
certificate holds exactly, found in two steps:

1. *Rounding*: :func:`rational_candidates` proposes rational vectors close to
   the float one (continued-fraction approximations with growing
   denominator bounds, renormalised to sum exactly to 1).
2. *Re-solving*: when no rounding passes the exact check, the LP's active
   set (support and binding constraints) is read off the float solution and
   the resulting linear system is solved exactly by Gauss-Jordan
   elimination over :class:`fractions.Fraction` (:func:`solve_rational`).

The caller checks each candidate exactly; nothing here decides correctness.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = ["rational_candidates", "solve_rational", "to_fractions"]

_DENOMINATORS = (10, 100, 1000, 10**4, 10**6, 10**9, 10**12)


def to_fractions(values) -> list[Fraction]:
    """Exact Fractions of a sequence of Fractions, ints or floats (floats bit-exact)."""
    return [v if isinstance(v, Fraction) else Fraction(v) for v in values]


def rational_candidates(vec, normalise: bool = True):
    """Yield rational vectors near the float vector ``vec`` (nonnegative, summing to 1 if ``normalise``).

    >>> next(rational_candidates([0.3333333333, 0.6666666667]))
    [Fraction(1, 3), Fraction(2, 3)]
    """
    vec = np.asarray(vec, dtype=float)
    seen = set()
    for den in _DENOMINATORS:
        q = [Fraction(float(v)).limit_denominator(den) for v in vec]
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


def solve_rational(M, b):
    """One exact solution of ``M z = b`` (free variables set to 0), or None if inconsistent.

    Parameters
    ----------
    M : sequence of sequence of Fraction
    b : sequence of Fraction

    >>> solve_rational([[1, 1], [1, -1]], [2, 0])
    [Fraction(1, 1), Fraction(1, 1)]
    >>> solve_rational([[1, 1], [1, 1]], [1, 2]) is None
    True
    """
    rows = [[Fraction(x) for x in row] + [Fraction(bi)] for row, bi in zip(M, b)]
    if not rows:
        return None
    ncols = len(rows[0]) - 1
    pivots = []
    r = 0
    for c in range(ncols):
        pr = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pr is None:
            continue
        rows[r], rows[pr] = rows[pr], rows[r]
        piv = rows[r][c]
        rows[r] = [x / piv for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[r])]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    for i in range(r, len(rows)):
        if rows[i][-1] != 0:
            return None
    z = [Fraction(0)] * ncols
    for i, c in enumerate(pivots):
        z[c] = rows[i][-1]
    return z
