r"""A model file's payoff formulas as written, and the games they make.

A payoff entry is a number or an expression :math:`f_{i,s}(\theta)` over the
parameters :math:`\theta` (the grammar of :mod:`gametheory.io.expressions`).
The same text has two readings:

* symbolic: :func:`~gametheory.io.expressions.parse_expression` gives sympy
  expressions, and :attr:`PayoffFormulas.game` the symbolic game
  :math:`u_i(s) = f_{i,s}(\theta)` that conditions and regions reason about;
* numeric: with every parameter at a value :math:`\theta_0`,
  :func:`~gametheory.io.expressions.expression_value` computes
  :math:`f_{i,s}(\theta_0)` in exact rational arithmetic, without sympy,
  whenever the text uses only ``+ - * /``, ``min``, ``max``, ``abs`` and
  integer powers and no divisor vanishes at :math:`\theta_0`;
  :meth:`PayoffFormulas.game_at` is then the numeric game at :math:`\theta_0`.

Both give the same game: the numeric reading answers only where the symbolic
walk is sure to accept the text and to have that value, and otherwise says
so (None), and the caller substitutes into the symbolic game
(:meth:`Game.substitute <gametheory.Game.substitute>`).  Loading a model and
solving it at given values therefore never imports sympy, which takes longer
(about 0.3 s) than solving a small game; the symbolic game is built on first
use and kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np

from ...game import Game
from ..expressions import check_powers, expression_value, parse_expression

__all__ = ["PayoffFormulas", "PayoffEntry"]

# Fractions whose float is the same by sympy's conversion (rounded to 53 bits, then to a double) and by
# Fraction's (rounded once): every nonzero value between these bounds, away from subnormals and overflow.
_FLOAT_MIN = Fraction(2) ** -1021
_FLOAT_MAX = Fraction(2) ** 1023


@dataclass(frozen=True)
class PayoffEntry:
    """One payoff as the file writes it.

    Attributes
    ----------
    index : tuple of int
        The profile's strategy indices, then the player's index.
    value : str or Fraction
        An expression's text, or a number.
    field, line : optional
        Where it is written, for messages.
    """

    index: tuple[int, ...]
    value: str | Fraction
    field: str | None = None
    line: int | None = None


@dataclass(frozen=True, eq=False)
class PayoffFormulas:
    """The payoff entries of a model file, read by sympy only when asked.

    Built by :func:`~gametheory.io.model.load_model` after it has checked
    every entry, so that neither reading raises later.

    Attributes
    ----------
    path : str or None
    title : str
    players : tuple of str
    strategies : tuple of tuple of str
    parameters : tuple of str
        The declared parameters, in file order.
    payoffs : tuple of PayoffEntry
        One entry per profile and player.

    Examples
    --------
    >>> f = PayoffFormulas(None, "Dilemma", ("Row", "Col"), (("C",), ("C", "D")), ("t",),
    ...                    (PayoffEntry((0, 0, 0), "t - 1"), PayoffEntry((0, 0, 1), Fraction(3)),
    ...                     PayoffEntry((0, 1, 0), Fraction(0)), PayoffEntry((0, 1, 1), "t")))
    >>> f.game_at({"t": Fraction(9, 2)}).payoffs[0, :, 1].tolist()
    [Fraction(3, 1), Fraction(9, 2)]
    >>> f.game_at({"t": Fraction(9, 2)}) == f.game.substitute({"t": Fraction(9, 2)})
    True
    >>> f.game.kind
    'symbolic'
    """

    path: str | None
    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[str, ...]
    payoffs: tuple[PayoffEntry, ...]

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the payoff array: strategies per player, then the number of players."""
        return tuple(len(s) for s in self.strategies) + (len(self.players),)

    @cached_property
    def game(self) -> Game:
        """The game: symbolic when there are parameters (sympy), else numeric (sympy only for irrational entries)."""
        numbers = None if self.parameters else self.payoffs_at({})
        arr = self._symbolic_payoffs() if numbers is None else numbers
        return Game(arr, self.players, self.strategies, self.title, "symbolic" if self.parameters else None)

    def _symbolic_payoffs(self) -> np.ndarray:
        import sympy

        arr = np.empty(self.shape, dtype=object)
        for e in self.payoffs:
            if isinstance(e.value, Fraction):
                arr[e.index] = sympy.Rational(e.value.numerator, e.value.denominator)
            else:
                arr[e.index] = parse_expression(e.value, self.parameters, field=e.field, path=self.path, line=e.line)
        return arr

    def payoffs_at(self, values: Mapping[str, Fraction]) -> np.ndarray | None:
        """The payoff array (Fractions) with every parameter at its value, or None where that needs sympy.

        ``values`` gives every parameter a value; see
        :func:`~gametheory.io.expressions.expression_value`.
        """
        arr = np.empty(self.shape, dtype=object)
        for e in self.payoffs:
            if isinstance(e.value, Fraction):
                arr[e.index] = e.value
                continue
            v = expression_value(e.value, values, field=e.field, path=self.path, line=e.line)
            if v is None:
                return None
            arr[e.index] = v
        return arr

    def check_powers(self, values: Mapping[str, Fraction]) -> None:
        """Refuse a payoff with a power too large to compute at ``values`` (before sympy substitutes them).

        See :func:`~gametheory.io.expressions.check_powers`; the error names the entry.
        """
        for e in self.payoffs:
            if isinstance(e.value, str):
                check_powers(e.value, values, field=e.field, path=self.path, line=e.line)

    def game_at(self, values: Mapping[str, Fraction], exact: bool = True) -> Game | None:
        """The numeric game with every parameter at its value, or None where that needs sympy.

        The game :meth:`Game.substitute <gametheory.Game.substitute>` gives on
        :attr:`game` with these values (read exactly), whenever every payoff
        has a rational value computed without sympy.

        Parameters
        ----------
        values : mapping of str to Fraction
            Every parameter's value.
        exact : bool
            Exact (Fraction) or float payoffs.
        """
        arr = self.payoffs_at(values)
        if arr is None:
            return None
        if not exact and not all(v == 0 or _FLOAT_MIN < abs(v) < _FLOAT_MAX for v in arr.reshape(-1)):
            return None  # near or beyond the float range the two conversions may round differently
        return Game(arr, self.players, self.strategies, self.title, "exact" if exact else "float")

