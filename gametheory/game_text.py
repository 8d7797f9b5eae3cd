r"""A game and its mixed profiles as text: the header, the payoff table, mixtures and payoff lists.

Numbers are written by :func:`gametheory.numbers.format_number` (``1/3`` for
an exact number, six significant digits for a float).  A two-player game's
payoffs are a matrix of ``u1, u2`` cells; a larger game's a list of profiles,
cut after :data:`MAX_PROFILES_SHOWN`.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
...                         strategies=[["Renew", "Suspend"], ["Abandon", "Build"]])
>>> print("\n".join(payoff_lines(pd)))
payoffs (Russia, US):
  Russia \ US   Abandon   Build
  Renew         3, 1      -1, 3
  Suspend       4, -2     0, 0
>>> from fractions import Fraction
>>> mix_text({"Abandon": Fraction(1, 3), "Build": Fraction(2, 3)})
'1/3 Abandon + 2/3 Build'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .numbers import format_number

if TYPE_CHECKING:
    from .profile import MixedProfile

__all__ = ["MAX_PROFILES_SHOWN", "game_header", "payoff_lines", "mix_text", "profile_text", "values_text", "plural",
           "numbered", "text_table"]

MAX_PROFILES_SHOWN = 64


def text_table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as left-aligned columns, indented two spaces (the first row is the header, if any).

    >>> text_table([["lambda", "Row"], ["0", "0.5"]])
    ['  lambda   Row', '  0        0.5']
    """
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  " + "   ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def payoff_lines(game) -> list[str]:
    """The payoff table: a matrix of ``u1, u2`` cells for two players, a profile list otherwise."""
    fmt = format_number
    if game.num_players == 2:
        A, B = game.bimatrix()
        head = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.strategies[1])
        rows = [head]
        for r, lab in enumerate(game.strategies[0]):
            rows.append([lab] + [f"{fmt(A[r, c])}, {fmt(B[r, c])}" for c in range(A.shape[1])])
        return [f"payoffs ({game.players[0]}, {game.players[1]}):"] + text_table(rows)
    lines = [f"payoffs ({', '.join(game.players)}):"]
    rows = []
    for k, prof in enumerate(game.pure_profiles()):
        if k == MAX_PROFILES_SHOWN:
            lines += text_table(rows)
            lines.append(f"  ... {game.num_profiles - k} more profiles")
            return lines
        vals = game.payoff(prof).values()
        rows.append([" / ".join(prof.values()), ", ".join(fmt(v) for v in vals)])
    return lines + text_table(rows)


def game_header(game) -> list[str]:
    """The title, the players and each player's strategies, one line each."""
    lines = [game.title or "Untitled game"]
    lines.append(f"players: {', '.join(game.players)}")
    lines.append("strategies:")
    lines += [f"  {p}: {', '.join(s)}" for p, s in zip(game.players, game.strategies)]
    return lines


def mix_text(dist: Mapping[str, Any]) -> str:
    """``{label: p}`` -> ``'Build MD'`` for a pure strategy, ``'1/3 A + 2/3 B'`` otherwise."""
    support = [(lab, p) for lab, p in dist.items() if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return support[0][0]
    return " + ".join(f"{format_number(p)} {lab}" for lab, p in support)


def profile_text(profile: MixedProfile) -> str:
    """Every player's strategy: ``'Russia: Suspend CFE; US: 1/3 Abandon MD + 2/3 Build MD'``.

    >>> from gametheory import Game, MixedProfile
    >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]], players=["Russia", "US"],
    ...                        strategies=[["Renew", "Suspend"], ["Abandon", "Build"]])
    >>> profile_text(MixedProfile(g, [[0, 1], ["1/3", "2/3"]]))
    'Russia: Suspend; US: 1/3 Abandon + 2/3 Build'
    """
    return "; ".join(f"{p}: {mix_text(d)}" for p, d in profile.as_dict().items())


def assignments_text(values: Mapping[str, Any]) -> str:
    """Parameter values as people write them: ``'s=1/2, w=3'`` (exact numbers by ``str``, never a repr).

    >>> from fractions import Fraction
    >>> assignments_text({"s": Fraction(1, 2), "w": Fraction(3)})
    's=1/2, w=3'
    """
    return ", ".join(f"{k}={v}" for k, v in values.items())


def values_text(values: Mapping[str, Any]) -> str:
    """``{player: value}`` -> ``'Russia 1/3, US 2'``."""
    return ", ".join(f"{p} {format_number(v)}" for p, v in values.items())


def plural(n: int, singular: str, plural: str) -> str:
    """``n`` and the noun that agrees with it: ``'1 equilibrium'``, ``'2 equilibria'``, ``'0 equilibria'``.

    The plural is given, not derived: English nouns here are irregular (equilibrium, family).

    >>> plural(1, "equilibrium", "equilibria"), plural(2, "equilibrium", "equilibria")
    ('1 equilibrium', '2 equilibria')
    >>> plural(0, "model", "models")
    '0 models'
    """
    return f"{n} {singular if n == 1 else plural}"


def numbered(indices: Iterable[int], singular: str = "equilibrium", plural_: str = "equilibria") -> str:
    """Indices from 0 (Python's, the JSON's) as people count, from 1: ``(0, 1)`` -> ``'equilibria 1 and 2'``.

    Text for people numbers equilibria and components from 1; this is the one place that adds the 1.

    >>> numbered((0, 1)), numbered([2]), numbered(range(3))
    ('equilibria 1 and 2', 'equilibrium 3', 'equilibria 1, 2 and 3')
    """
    shown = [str(k + 1) for k in indices]
    if len(shown) == 1:
        return f"{singular} {shown[0]}"
    return f"{plural_} {', '.join(shown[:-1])} and {shown[-1]}"
