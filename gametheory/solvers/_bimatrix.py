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

This module holds the positive shift of the payoffs of the two-player
methods (vertex enumeration, Lemke-Howson); the integer scaling and the
fraction-free solver of the square systems that define vertices are in
:mod:`gametheory.exact`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..exact import positive_integer_matrix
from ..payoff_scale import scaled_floats

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["positive_integer_matrices", "positive_float_matrices", "shifted_float_matrices"]


def positive_integer_matrices(game: Game, minimum: int | None = None) -> tuple[list[list[int]], list[list[int]]]:
    """``(A, B)`` of an exact two-player game as lists of positive Python ints.

    Each player's payoffs are scaled by their common denominator and shifted
    to a positive minimum (:func:`gametheory.exact.positive_integer_matrix`):
    a positive affine change that keeps best replies, so the polytopes keep
    their labels.  By default the shift is one payoff unit (the smallest
    payoff becomes the denominator); Lemke-Howson shifts by one unit of the
    scaled integers (``minimum=1``), and its path in a degenerate game
    depends on that choice.

    >>> from fractions import Fraction as F
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[F(1, 2), F(0)]], [[F(1), F(3)]])
    >>> positive_integer_matrices(g), positive_integer_matrices(g, minimum=1)
    (([[3, 2]], [[1, 3]]), ([[2, 1]], [[1, 3]]))
    """
    A, B = game.bimatrix()
    return positive_integer_matrix(A, minimum), positive_integer_matrix(B, minimum)


def shifted_float_matrices(game: Game) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(A, B)`` as float arrays scaled by a power of two, then shifted to a minimum of 1.

    Each matrix is first divided by the power of two of
    :func:`gametheory.payoff_scale.scaled_floats` (nothing for payoffs of
    ordinary size), so the shift of 1 is one unit of payoffs of size about
    1, not of 1e-12 or 1e300: payoffs near 1.8e308 do not overflow, and
    payoffs of 1e-12 are not flattened into 1 + 1e-12.

    >>> from gametheory import Game
    >>> [M.tolist() for M in shifted_float_matrices(Game.zero_sum([[2.0**-40, -2.0**-40]]))]
    [[[3.0, 1.0]], [[1.0, 3.0]]]
    """
    A, B = (scaled_floats(M)[0] for M in game.bimatrix())
    # scaled_floats returns new arrays: shifting them in place saves two temporaries each
    A -= A.min()
    A += 1.0
    B -= B.min()
    B += 1.0
    return A, B


def positive_float_matrices(game: Game) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(A, B)`` as float arrays shifted to a minimum of 1 and divided by their maximum.

    The division keeps the entries in ``(0, 1]`` so that float tolerances are
    relative to the payoff range (the shift is that of :func:`shifted_float_matrices`).
    """
    A, B = shifted_float_matrices(game)
    return A / A.max(), B / B.max()
