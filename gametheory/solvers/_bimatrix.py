r"""Shared pieces of the two-player all-equilibria methods.

The best-response polytopes of a bimatrix game :math:`(A, B)` (von Stengel
2007, section 3.2) are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

They are bounded when every payoff is positive, so payoffs are first shifted
(adding a constant to a player's payoffs changes no best reply).  A point
:math:`x \in P` has *label* :math:`i` (a row) when :math:`x_i = 0` and label
:math:`m + j` (a column) when :math:`(B^\top x)_j = 1`; likewise
:math:`y \in Q` has label :math:`i` when :math:`(Ay)_i = 1` and :math:`m + j`
when :math:`y_j = 0`.  A pair :math:`(x, y) \ne (0, 0)` whose labels cover
all :math:`m + n` labels is, after normalising each to sum 1, a Nash
equilibrium; the extreme equilibria are the completely labelled pairs of
vertices.

This module holds the integer scaling, an exact fraction-free solver for the
square systems that define vertices, and the conversion of vertex pairs to
certified :class:`~gametheory.Equilibrium` objects.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

from ..profile import MixedProfile
from ..result import Equilibrium

__all__ = ["positive_integer_matrices", "positive_float_matrices", "bareiss_solve", "vertex_pair_profile"]


def _int_shifted(M) -> list[list[int]]:
    """Exact matrix shifted so its minimum is 1, then scaled to integers (>= 1).

    Works on numerators over the common denominator, so no Fraction
    arithmetic (and no gcd) per entry.
    """
    arr = np.asarray(M, dtype=object)
    rows, cols = arr.shape
    flat = [v if isinstance(v, Fraction) else Fraction(v) for v in arr.reshape(-1)]
    den = lcm(*(v.denominator for v in flat))
    nums = [v.numerator * (den // v.denominator) for v in flat]
    shift = den - min(nums)  # (v - min + 1) * den
    ints = [v + shift for v in nums]
    return [ints[i * cols:(i + 1) * cols] for i in range(rows)]


def positive_integer_matrices(game):
    """``(A, B)`` of an exact two-player game as lists of positive Python ints.

    Each player's payoffs are shifted to a minimum of 1 and scaled by the
    common denominator: a positive affine change that keeps best replies, so
    the polytopes keep their labels.
    """
    A, B = game.bimatrix()
    return _int_shifted(A), _int_shifted(B)


def positive_float_matrices(game):
    """``(A, B)`` as float arrays shifted to a minimum of 1 and divided by their maximum.

    The division keeps the entries in ``(0, 1]`` so that float tolerances are
    relative to the payoff range.
    """
    out = []
    for M in game.bimatrix():
        M = np.asarray(M, dtype=float)
        M = M - M.min() + 1.0
        out.append(M / M.max())
    return tuple(out)


def bareiss_solve(M, b):
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
    prev = 1
    for c in range(k):
        piv = next((r for r in range(c, k) if rows[r][c] != 0), None)
        if piv is None:
            return None
        if piv != c:
            rows[c], rows[piv] = rows[piv], rows[c]
        pc = rows[c]
        p = pc[c]
        for r in range(c + 1, k):
            rr = rows[r]
            f = rr[c]
            rows[r] = [(p * rr[j] - f * pc[j]) // prev for j in range(k + 1)]
        prev = p
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


def vertex_pair_profile(game, x, y, exact: bool):
    """The normalised profile of a vertex pair ``(x, y)`` (unnormalised, nonzero).

    ``x`` and ``y`` are sequences of Fractions (exact) or floats.
    """
    if exact:
        sx, sy = sum(x, Fraction(0)), sum(y, Fraction(0))
        vecs = [[v / sx for v in x], [v / sy for v in y]]
    else:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        vecs = [x / x.sum(), y / y.sum()]
    return MixedProfile(game, vecs, exact=exact)


def certified(game, x, y, exact: bool, info=None) -> Equilibrium:
    """The :class:`Equilibrium` (with its regrets) of the vertex pair ``(x, y)``."""
    return Equilibrium.from_profile(vertex_pair_profile(game, x, y, exact), info)
