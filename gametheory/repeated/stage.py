r"""The stage game's Nash equilibria, the punishments every repeated-game construction starts from.

Grim trigger reverts to a stage equilibrium, the finite-horizon analysis ends
on one, and the built-in automata read their "defect" action from one.  All
of them need *every* stage equilibrium, so this module asks for a complete
answer (:func:`gametheory.predictions.complete_solve`: the first method of
the solver table that proves it found them all) and refuses an incomplete one
rather than punish with a partial list.  For two players the list holds the
extreme equilibria (the vertices of every component); a payoff that is
linear in each player's strategy is smallest over a component at one of them,
so the worst punishment for a player is found among these.

References
----------
D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UnsupportedGameError

if TYPE_CHECKING:
    from ..game import Game
    from ..profile import MixedProfile

__all__ = ["stage_equilibria"]


def stage_equilibria(game: Game, method: str = "auto") -> tuple[MixedProfile, ...]:
    """Every (extreme) Nash equilibrium of the numeric stage game, exact when the game is.

    Raises
    ------
    UnsupportedGameError
        If no method of the solver table proves its list complete for this game.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> [e.support() for e in stage_equilibria(pd)]
    [{'Player 1': ('D',), 'Player 2': ('D',)}]
    """
    from ..predictions import complete_solve

    game.require_numeric("the stage equilibria of a repeated game")
    result = complete_solve(game, method)
    if not result.complete:
        raise UnsupportedGameError(
            f"the stage game's equilibria could not all be found ({result.method}: "
            f"{'; '.join(result.diagnostics) or 'incomplete'}); "
            "a repeated-game punishment must be chosen from all of them"
        )
    return tuple(e.profile for e in result.equilibria)
