r"""Minmax values of a stage game: what the others can hold each player down to.

In a repeated game no player can be pushed below her *minmax value*: whatever
the others do, she can best-reply in every round.  The folk theorem
(Fudenberg and Maskin 1986) sustains, for :math:`\delta` close to 1, every
feasible payoff vector strictly above the minmax values, and nothing below
them.  For player :math:`i` of a finite normal-form game:

* the **pure minmax** is :math:`\underline v_i^{\,p} = \min_{s_{-i}} \max_{s_i} u_i(s_i, s_{-i})`,
  the others punishing with one pure profile :math:`s_{-i}` (reported);
* with **two players** the **mixed minmax** is
  :math:`\underline v_i = \min_{\sigma_j} \max_{s_i} u_i(s_i, \sigma_j)`, equal to
  player :math:`i`'s mixed maximin by the minimax theorem (von Neumann 1928):
  the value of the zero-sum game :math:`M_i`, found by an LP whose dual is the
  punisher's mixed strategy, exactly for exact games
  (:func:`gametheory.solvers.security.security_levels`);
* with **three or more players** the same LP, the others acting as one
  minimiser, gives the **correlated-punisher bound**
  :math:`\min_{\mu \in \Delta(S_{-i})} \max_{s_i} u_i(s_i, \mu)`: the others
  punish with a *correlated* distribution over their profiles.  The minmax
  with independently mixing punishers lies between the two numbers reported,

  .. math:: \text{correlated-punisher bound} \le \underline v_i \le \underline v_i^{\,p},

  and is not computed here: its minimisation over a product of simplices is
  not convex (it may be irrational, and the bound may be strict: Fudenberg
  and Tirole 1991, section 5.1.2).

References
----------
D. Fudenberg and E. Maskin, "The folk theorem in repeated games with
discounting or with incomplete information", *Econometrica* 54 (1986) 533-554.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), chapter 5.

J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
100 (1928) 295-320.

Examples
--------
Matching pennies: a pure punisher can always be read and beaten (pure minmax 1);
a mixing one holds the other to 0.

>>> from gametheory import Game
>>> mp = Game.zero_sum([[1, -1], [-1, 1]], players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])
>>> mm = minmax_values(mp)
>>> str(mm.pure["Row"]), str(mm.mixed["Row"]), dict(mm.pure_punishment["Row"])
('1', '0', {'Col': 'H'})
>>> {lab: str(p) for lab, p in mm.mixed_punishment["Row"].items()}
{'H': '1/2', 'T': '1/2'}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from ..numbers import format_number
from ..result import json_number
from ..solvers.dominance import player_matrix
from ..solvers.security import security_levels

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["MinmaxValues", "minmax_values", "MIXED", "CORRELATED"]

#: A payoff: a Fraction in an exact game, a float otherwise.
Number: TypeAlias = Fraction | float

#: ``mixed_kind`` of a two-player game: the exact mixed minmax.
MIXED = "mixed"
#: ``mixed_kind`` of a game of three or more players: the others punish jointly.
CORRELATED = "correlated-punisher bound"


@dataclass(frozen=True)
class MinmaxValues:
    """Every player's pure and mixed minmax value and the profiles that punish her.

    Attributes
    ----------
    players : tuple of str
    exact : bool
        The values are Fractions (the game is exact).
    pure : mapping
        ``{player: pure minmax}``.
    pure_punishment : mapping
        ``{player: {other player: label}}``: the others' pure profile attaining
        it (the first in the game's profile order when several do).
    mixed : mapping
        ``{player: value or None}``: with two players the mixed minmax; with
        three or more the correlated-punisher bound (see ``mixed_kind``).
        None when the LP was too large (see ``note``).
    mixed_punishment : mapping
        ``{player: distribution or None}`` (positive entries only).  Two
        players: the punisher's mixed strategy ``{label: probability}``.
        Three or more: a correlated distribution ``{others' labels (a tuple
        in player order): probability}``.
    mixed_kind : str
        :data:`MIXED` or :data:`CORRELATED`.
    note : str
        What was computed, and any value that is not exact.
    """

    players: tuple[str, ...]
    exact: bool
    pure: Mapping[str, Number]
    pure_punishment: Mapping[str, Mapping[str, str]]
    mixed: Mapping[str, Number | None]
    mixed_punishment: Mapping[str, Mapping[Any, Number] | None]
    mixed_kind: str
    note: str = ""

    def punishers(self, player: str) -> tuple[str, ...]:
        """The other players, in game order: the punishers of ``player``."""
        return tuple(q for q in self.players if q != player)

    def mixed_or_pure(self, player: str) -> Number:
        """The mixed value (or bound) when computed, else the pure minmax."""
        v = self.mixed[player]
        return self.pure[player] if v is None else v

    def _mixed_text(self, player: str) -> str:
        """How the others hold ``player`` to the mixed value, in words."""
        who = " and ".join(self.punishers(player))
        if not who:
            return "no other player"
        dist = self.mixed_punishment[player]
        if dist is None:
            return f"{who}: punishing strategy not available"
        if len(dist) == 1:
            (only,) = dist
            return f"{who} plays {only}" if self.mixed_kind == MIXED else f"{who} play {', '.join(only)}"
        if self.mixed_kind == MIXED:
            return f"{who} mixes " + " + ".join(f"{format_number(q)} {lab}" for lab, q in dist.items())
        return f"{who} correlate: " + " + ".join(f"{format_number(q)} ({', '.join(prof)})"
                                                 for prof, q in dist.items())

    def __str__(self) -> str:
        kind = "mixed minmax" if self.mixed_kind == MIXED else "correlated-punisher bound"
        lines = ["Minmax values (the lowest payoff the others can hold each player to):"]
        for p in self.players:
            pun = ", ".join(f"{q} plays {lab}" for q, lab in self.pure_punishment[p].items()) or "no other player"
            line = f"  {p}: pure minmax {format_number(self.pure[p])} ({pun})"
            v = self.mixed[p]
            if v is not None:
                line += f"; {kind} {format_number(v)} ({self._mixed_text(p)})"
            lines.append(line)
        if self.note:
            lines.append(f"  Note: {self.note}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Strict JSON: exact numbers as strings ("1/2"), floats as numbers, labels (never indices)."""
        def mixed_json(p: str) -> object:
            dist = self.mixed_punishment[p]
            if dist is None:
                return None
            if self.mixed_kind == MIXED:
                return {lab: _num(q) for lab, q in dist.items()}
            return [{"profile": dict(zip(self.punishers(p), prof)), "probability": _num(q)}
                    for prof, q in dist.items()]

        return {
            "players": list(self.players),
            "pure": {p: _num(v) for p, v in self.pure.items()},
            "pure_punishment": {p: dict(prof) for p, prof in self.pure_punishment.items()},
            "mixed": {p: None if v is None else _num(v) for p, v in self.mixed.items()},
            "mixed_kind": self.mixed_kind,
            "mixed_punishment": {p: mixed_json(p) for p in self.players},
            "note": self.note,
        }


def _num(x: Number) -> str | float:
    """A Fraction as "1/2", a float as a JSON number."""
    return json_number(x, isinstance(x, Fraction))


def _clean(x: Any, exact: bool) -> Number:
    """A payoff as a Fraction (exact game) or a float without a negative zero (which would print as "-0")."""
    if exact and isinstance(x, Fraction):
        return x
    return float(x) + 0.0


def minmax_values(game: Game) -> MinmaxValues:
    """Pure and mixed minmax value of every player of a numeric game, with the punishing profiles.

    Parameters
    ----------
    game : Game
        A numeric normal-form game (exact or float) with any number of players.

    Returns
    -------
    MinmaxValues
        Two players: pure and mixed minmax (``mixed_kind == "mixed"``), exact
        for an exact game.  Three or more: the pure minmax and the
        correlated-punisher bound (``mixed_kind == "correlated-punisher bound"``).

    Raises
    ------
    UnsupportedGameError
        If the game is symbolic (substitute parameter values first).

    Examples
    --------
    The prisoner's dilemma: defecting holds the other to the mutual-defection payoff.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"],
    ...                         strategies=[["C", "D"], ["C", "D"]])
    >>> mm = minmax_values(pd)
    >>> str(mm.pure["A"]), str(mm.mixed["B"]), dict(mm.pure_punishment["A"]), mm.mixed_kind
    ('1', '1', {'B': 'D'}, 'mixed')
    """
    game.require_numeric("minmax values")
    exact = game.kind == "exact"
    pay = game.payoffs if exact else np.asarray(game.payoffs, dtype=float)
    levels = security_levels(game, mixed=True)
    n = game.num_players
    kind = MIXED if n <= 2 else CORRELATED
    pure: dict[str, Number] = {}
    pure_pun: dict[str, Mapping[str, str]] = {}
    mixed: dict[str, Number | None] = {}
    mixed_pun: dict[str, Mapping[Any, Number] | None] = {}
    notes: list[str] = []
    for i, p in enumerate(game.players):
        others = [q for q in game.players if q != p]
        M = player_matrix(pay, i)  # rows: p's strategies; columns: the others' profiles in product order
        col_best = [max(M[:, j]) for j in range(M.shape[1])]
        worst = min(range(len(col_best)), key=lambda j: col_best[j])  # first minimiser: deterministic
        profile = next(itertools.islice(
            itertools.product(*(s for j, s in enumerate(game.strategies) if j != i)), worst, None))
        pure[p] = _clean(col_best[worst], exact)
        pure_pun[p] = MappingProxyType(dict(zip(others, profile)))
        lv = levels[p]
        if lv.mixed_value is None:
            mixed[p], mixed_pun[p] = None, None
            notes.append(f"{p}: {lv.note}")
            continue
        mixed[p] = _clean(lv.mixed_value, exact and lv.certified)
        if exact and not lv.certified:
            notes.append(f"{p}: {lv.note}")
        if lv.punishment is None:
            mixed_pun[p] = None
        elif n == 2:
            mixed_pun[p] = MappingProxyType({prof[0]: q for prof, q in lv.punishment.items()})
        else:
            mixed_pun[p] = MappingProxyType(dict(lv.punishment))
    if n <= 2:
        how = "exact linear programme" if exact else "linear programme (floats)"
        note = f"mixed minmax = mixed maximin (minimax theorem), by {how}"
    else:
        note = ("with 3 or more players: pure minmax (the others punish with one pure profile) and the "
                "correlated-punisher bound (the others punish with a correlated distribution over their "
                "profiles); the minmax with independently mixing punishers lies between the two and is "
                "not computed")
    if notes:
        note += "; " + "; ".join(notes)
    return MinmaxValues(
        players=tuple(game.players), exact=exact,
        pure=MappingProxyType(pure), pure_punishment=MappingProxyType(pure_pun),
        mixed=MappingProxyType(mixed), mixed_punishment=MappingProxyType(mixed_pun),
        mixed_kind=kind, note=note,
    )
