r"""Security levels (maximin values) of every player of a normal-form game.

Write player :math:`i`'s payoffs as the matrix :math:`M_i` with one row per
own strategy and one column per pure profile :math:`s_{-i}` of the others
(:func:`gametheory.solvers.dominance.player_matrix`).  Player :math:`i`'s
*pure* security level is

.. math:: \max_{s_i} \min_{s_{-i}} u_i(s_i, s_{-i}),

what some own pure strategy guarantees whatever the others do, and the
*mixed* one is

.. math:: \max_{\sigma_i \in \Delta} \min_{s_{-i}} \sigma_i^\top M_i[:, s_{-i}],

the value of the zero-sum game of :math:`i` against the others acting jointly
(von Neumann 1928): the others may correlate to punish, so pure profiles of
the others suffice as columns.  It is found by the LP :math:`\max v` s.t.
:math:`\sigma^\top M_i \ge v \mathbf 1` (:func:`gametheory.exact.maximin_lp`).
In an exact game the LP's primal strategy and its dual (a punishing
distribution over the others' profiles) are rounded to rationals and the
level is certified when the primal's guarantee equals the dual's bound
exactly (:func:`gametheory.exact.certify_maximin`); when rounding does not
certify, Shapley and Snow's kernel enumeration
(:func:`gametheory.exact.kernel_maximin`) computes the exact level.

References
----------
J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
100 (1928) 295-320.

L. S. Shapley and R. N. Snow, "Basic solutions of discrete games",
*Contributions to the Theory of Games I*, Annals of Mathematics Studies 24 (1950).

R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard University Press
(1991), section 3.8 (minimax values).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import CostLimitError
from ..exact import SIMPLE_DENOMINATORS, Maximin, certify_maximin, kernel_maximin, maximin_lp
from ..numbers import format_number
from ..payoff_scale import scaled_floats
from ..profile import default_tolerance
from .dominance import MAX_LP_ENTRIES, player_matrix

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game

__all__ = ["SecurityLevel", "security_levels"]


@dataclass(frozen=True)
class SecurityLevel:
    """A player's security levels.

    Attributes
    ----------
    player : str
    pure_value :
        :math:`\\max_{s_i} \\min_{s_{-i}} u_i`.
    pure_strategies : tuple of str
        The strategies attaining it.
    mixed_value :
        The mixed maximin value (Fraction when certified exactly), or None if skipped.
    mixed_strategy : mapping or None
        ``{label: probability}`` of a maximin mixed strategy (positive entries only).
    certified : bool
        For exact games: the mixed value was proved exactly.
    note : str
    punishment : mapping or None
        ``{others' profile: probability}`` (positive entries only): a
        distribution over the other players' pure profiles, each a tuple of
        their labels in player order, holding the player down to the mixed
        value (the minimiser's optimal strategy, the LP's dual); a
        correlated distribution when there are several others.  None when
        the mixed level was skipped or not certified.
    """

    player: str
    pure_value: Fraction | float
    pure_strategies: tuple[str, ...]
    mixed_value: Fraction | float | None = None
    mixed_strategy: Mapping[str, Fraction | float] | None = None
    certified: bool = False
    note: str = ""
    punishment: Mapping[tuple[str, ...], Fraction | float] | None = None

    def describe(self) -> str:
        s = f"{self.player}: pure {format_number(self.pure_value)} ({', '.join(self.pure_strategies)})"
        if self.mixed_value is not None and self.mixed_strategy is not None:
            mix = " + ".join(f"{format_number(p)}*{lab}" for lab, p in self.mixed_strategy.items())
            s += f"; mixed {format_number(self.mixed_value)} ({mix})"
        if self.note:
            s += f"; {self.note}"
        return s


def security_levels(game: Game, mixed: bool = True) -> dict[str, SecurityLevel]:
    """Each player's pure and mixed security level (maximin).

    Parameters
    ----------
    game : Game
        A numeric game with any number of players.
    mixed : bool
        Also compute mixed security levels (one LP per player).

    Returns
    -------
    dict
        ``{player: SecurityLevel}``.  The mixed level is skipped (with a
        note) when the player's matrix has more than
        :data:`~gametheory.solvers.dominance.MAX_LP_ENTRIES` entries; in an
        exact game it is left uncertified (a float, with a note) only when
        neither rounding nor kernel enumeration (within its cost limit) proves it.

    Examples
    --------
    Matching pennies: nothing is safe in pure strategies, 0 in mixed ones.

    >>> from gametheory import Game
    >>> lv = security_levels(Game.zero_sum([[1, -1], [-1, 1]], strategies=[["H", "T"], ["H", "T"]]))
    >>> lv["Player 1"].pure_value, lv["Player 1"].mixed_value, dict(lv["Player 1"].mixed_strategy)
    (Fraction(-1, 1), Fraction(0, 1), {'H': Fraction(1, 2), 'T': Fraction(1, 2)})

    The column player holds Player 1 down to 0 by mixing evenly:

    >>> dict(lv["Player 1"].punishment)
    {('H',): Fraction(1, 2), ('T',): Fraction(1, 2)}
    """
    game.require_numeric("security levels")
    exact = game.kind == "exact"
    pay = game.payoffs if exact else np.asarray(game.payoffs, dtype=float)
    out = {}
    for i, p in enumerate(game.players):
        M = player_matrix(pay, i)
        labels = game.strategies[i]
        others = _other_profiles(game, i)
        row_min = [min(row) for row in M] if exact else list(M.min(axis=1))
        best = max(row_min)
        if exact:
            best_labels = tuple(lab for lab, v in zip(labels, row_min) if v == best)
        else:
            tol = default_tolerance(game)
            best_labels = tuple(lab for lab, v in zip(labels, row_min) if v >= best - tol)
            best = float(best)
        if not mixed:
            out[p] = SecurityLevel(p, best, best_labels)
            continue
        if M.size > MAX_LP_ENTRIES:
            out[p] = SecurityLevel(p, best, best_labels,
                                   note=f"mixed level skipped: LP of {M.size} entries is too large")
            continue
        if len(labels) == 1:
            one = Fraction(1) if exact else 1.0
            only = MappingProxyType({labels[0]: one})
            # the one row's minimum is the value: its first minimising column punishes
            worst = min(range(M.shape[1]), key=lambda j: M[0][j])
            out[p] = SecurityLevel(p, best, best_labels, best, only, certified=exact,
                                   punishment=MappingProxyType({others[worst]: one}))
            continue
        # the LP on M / 2**k (exactly scaled for exact payoffs, which may lie beyond the float range)
        Mf, k = scaled_floats(M)
        approx = maximin_lp(Mf)
        if exact:
            out[p] = _exact_level(p, M, labels, best, best_labels, approx, k, others)
        else:
            mix = MappingProxyType({lab: float(q) for lab, q in zip(labels, approx.row) if q > 1e-12})
            out[p] = SecurityLevel(p, best, best_labels, float(np.ldexp(float(approx.value), k)), mix,
                                   punishment=_punishment(others, approx.column, 1e-12))
    return out


def _other_profiles(game: Game, i: int) -> list[tuple[str, ...]]:
    """The others' pure profiles (their labels in player order) in the column order of ``player_matrix``."""
    return list(itertools.product(*(s for j, s in enumerate(game.strategies) if j != i)))


def _punishment(others: list[tuple[str, ...]], column: tuple[Fraction | float, ...] | None,
                tol: float = 0) -> Mapping[tuple[str, ...], Fraction | float] | None:
    """``{others' profile: probability}`` of the minimiser's strategy ``column`` (entries above ``tol``)."""
    if column is None:
        return None
    return MappingProxyType({prof: q for prof, q in zip(others, column) if q > tol})


def _exact_level(p: str, M: NDArray[Any], labels: tuple[str, ...], best: Fraction, best_labels: tuple[str, ...],
                 approx: Maximin, k: int = 0, others: list[tuple[str, ...]] | None = None) -> SecurityLevel:
    """The certified mixed level: the LP (solved on ``M / 2**k``) rounded, simplest fractions first, else kernels."""
    unit = Fraction(2) ** k
    scaled = M if k == 0 else np.array([[Fraction(v) / unit for v in row] for row in M], dtype=object)
    sol = certify_maximin(scaled, approx, denominators=SIMPLE_DENOMINATORS)
    if k != 0:
        # back to the units of M: the strategies are the same, values scale by 2**k
        value: Fraction | float = Fraction(sol.value) * unit
        if not sol.certified:  # the LP's float value, as a float when it has one
            try:
                value = float(value)
            except OverflowError:
                pass
        guarantee = None if sol.guarantee is None else sol.guarantee * unit
        sol = Maximin(value, sol.row, sol.column, sol.certified, guarantee)
    if not sol.certified:
        try:
            sol = kernel_maximin(M)
        except CostLimitError as exc:
            mix = MappingProxyType({lab: v for lab, v in zip(labels, sol.row) if v > 0})
            return SecurityLevel(p, best, best_labels, sol.value, mix, certified=False,
                                 note=f"mixed level not certified exactly (proved >= {format_number(sol.guarantee)}; "
                                      f"{exc})")
    mix = MappingProxyType({lab: v for lab, v in zip(labels, sol.row) if v > 0})
    return SecurityLevel(p, best, best_labels, sol.value, mix, certified=True,
                         punishment=None if others is None else _punishment(others, sol.column))
