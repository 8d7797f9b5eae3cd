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

This module holds the positive shift of the payoffs (the integer scaling and
the fraction-free solver of the square systems that define vertices are in
:mod:`gametheory.exact`), and the conversion of vertex pairs to certified
:class:`~gametheory.Equilibrium` objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..exact import positive_integer_matrix
from ..profile import MixedProfile
from ..result import Equilibrium

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["positive_integer_matrices", "positive_float_matrices", "vertex_pair_profile"]


def positive_integer_matrices(game: Game) -> tuple[list[list[int]], list[list[int]]]:
    """``(A, B)`` of an exact two-player game as lists of positive Python ints.

    Each player's payoffs are shifted to a minimum of 1 and scaled by the
    common denominator: a positive affine change that keeps best replies, so
    the polytopes keep their labels.
    """
    A, B = game.bimatrix()
    return positive_integer_matrix(A), positive_integer_matrix(B)


def positive_float_matrices(game: Game) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(A, B)`` as float arrays shifted to a minimum of 1 and divided by their maximum.

    The division keeps the entries in ``(0, 1]`` so that float tolerances are
    relative to the payoff range.
    """
    A, B = (np.asarray(M, dtype=float) for M in game.bimatrix())
    A = A - A.min() + 1.0
    B = B - B.min() + 1.0
    return A / A.max(), B / B.max()


def vertex_pair_profile(game: Game, x: Sequence[Fraction | float], y: Sequence[Fraction | float],
                        exact: bool) -> MixedProfile:
    """The normalised profile of a vertex pair ``(x, y)`` (unnormalised, nonzero).

    ``x`` and ``y`` are sequences of Fractions (exact) or floats.
    """
    if exact:
        sx, sy = sum(x, Fraction(0)), sum(y, Fraction(0))
        return MixedProfile(game, [[v / sx for v in x], [v / sy for v in y]], exact=True)
    xf = np.asarray(x, dtype=float)
    yf = np.asarray(y, dtype=float)
    return MixedProfile(game, [xf / xf.sum(), yf / yf.sum()], exact=False)


def certified(game: Game, x: Sequence[Fraction | float], y: Sequence[Fraction | float], exact: bool,
              info: Mapping[str, Any] | None = None) -> Equilibrium:
    """The :class:`Equilibrium` (with its regrets) of the vertex pair ``(x, y)``."""
    return Equilibrium.from_profile(vertex_pair_profile(game, x, y, exact), info)
