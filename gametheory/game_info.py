"""What a game is made of (``gametheory info``): players, payoffs, dominance, security levels, parameters.

For a numeric game (and the model file it came from, if any) :class:`GameInfo`
prints the players and strategies, the payoff table (at the parameters'
values), the model's payoff formulas, the iterated strict dominance trace
(pure and mixed dominators) and the iterated weak dominance trace (all
weakly dominated strategies of all players removed each round), each
player's security level (:mod:`gametheory.solvers.security`), and each
parameter's default, range, status, meaning and source quote.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
...                         strategies=[["Renew", "Suspend"], ["Abandon", "Build"]], title="PD")
>>> text = str(GameInfo(pd))
>>> text.splitlines()[:2]
['PD', 'players: Russia, US']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .game_text import game_header, payoff_lines
from .numbers import format_number

if TYPE_CHECKING:
    from .game import Game
    from .io.model import Model

__all__ = ["GameInfo", "info_cost", "model_lines"]

#: Elementary steps (:mod:`gametheory.cost`) per unit of :func:`info_cost`'s count (LP and Python-object
#: work): a 9-player game with 3 strategies each (4.8e6 units) took 11 s here.
INFO_STEPS = 50


def info_cost(shape: tuple[int, ...]) -> int:
    r"""Estimated elementary steps of a game's :class:`GameInfo`.

    Iterated dominance may run a round per strategy; a round asks, for each
    player and strategy, an LP over the others' profiles, so it touches every
    payoff entry once per strategy: the count is
    :math:`|S| \cdot N \cdot \sum_i m_i` (:math:`|S|` pure profiles, :math:`N`
    players, :math:`m_i` strategies), times :data:`INFO_STEPS`.

    >>> info_cost((2, 2))   # 4 profiles x 2 players x 4 strategies x 50
    1600
    """
    cells = 1
    for m in shape:
        cells *= int(m)
    return cells * len(shape) * sum(int(m) for m in shape) * INFO_STEPS


@dataclass(frozen=True)
class GameInfo:
    """A numeric game, the model it came from (or None) and the parameter values it was taken at."""

    game: Game
    model: Model | None = None
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))
    max_cost: float | None = None

    def __post_init__(self) -> None:
        # refuse a game whose dominance LPs and security levels would run for long, before any of them starts
        from .cost import check_cost

        shape = self.game.shape
        check_cost(info_cost(shape), self.max_cost, "info",
                   f"{len(shape)} players, {'x'.join(map(str, shape))} strategies")

    def __str__(self) -> str:
        from .solvers.dominance import iterated_elimination
        from .solvers.security import security_levels

        game, model, params = self.game, self.model, self.params
        lines = game_header(game)
        if model is not None:
            if model.section:
                lines.insert(1, f"article passage: {model.section} ({model.id})")
            if model.description:
                lines.append("description: " + " ".join(model.description.split()))
        where = ""
        if model is not None and model.parameters:
            where = " at " + ", ".join(
                f"{n}={format_number(params.get(n, p.default))}" for n, p in model.parameters.items()
            )
        table = payoff_lines(game)
        lines += ["", table[0].rstrip(":") + where + ":"] + table[1:]
        if model is not None and model.parameters:
            lines += ["", "payoff formulas:"] + payoff_lines(model.game)[1:]
        lines += ["", "iterated strict dominance (pure and mixed dominators):"]
        lines += ["  " + s for s in iterated_elimination(game, "strict", mixed=True).describe()]
        lines += ["", "iterated weak dominance (all weakly dominated strategies of all players removed each round;"
                  " another order may leave a different game):"]
        lines += ["  " + s for s in iterated_elimination(game, "weak", mixed=False).describe()]
        lines += ["", "security levels (maximin against all others' pure profiles):"]
        lines += ["  " + lv.describe() for lv in security_levels(game).values()]
        if model is not None:
            lines += model_lines(model)
        return "\n".join(lines)


def model_lines(model) -> list[str]:
    """The parameters (default, range, status, meaning, source) and the quotes of a model, for ``info``.

    ``model`` is a :class:`~gametheory.io.model.Model` or a
    :class:`~gametheory.io.model.TreeModel`; each part starts with a blank line.
    """
    lines: list[str] = []
    if model.parameters:
        lines += ["", "parameters:"]
        for name, p in model.parameters.items():
            lo, hi = p.range
            lines.append(f"  {name} = {format_number(p.default)} in [{format_number(lo)}, {format_number(hi)}]"
                         f" ({p.status}): {p.meaning}")
            if p.quote:
                lines.append(f"      source: \"{p.quote}\"")
    if model.quotes:
        lines += ["", "quotes:"] + [f"  \"{q}\"" for q in model.quotes]
    return lines
