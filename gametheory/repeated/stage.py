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

from typing import TYPE_CHECKING, Any

from ..errors import UnsupportedGameError

if TYPE_CHECKING:
    from ..game import Game
    from ..profile import MixedProfile

__all__ = ["default_target", "stage_equilibria"]


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


def default_target(game: Game) -> dict[str, str]:
    """The profile a repeated game is asked to sustain when the user names none.

    The pure profile with the largest sum of payoffs among those that are not
    pure stage equilibria (sustaining a stage equilibrium needs no threat), the
    first in the payoff table's order on ties; among all profiles when every one
    is a stage equilibrium.  The report's target and the built-in automata's
    "cooperate" both come from here.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> default_target(pd)
    {'Player 1': 'C', 'Player 2': 'C'}
    """
    from ..solvers.pure import pure_equilibria

    nash = {tuple(idx) for idx in pure_equilibria(game)}
    best: tuple[Any, dict[str, str]] | None = None
    fallback: tuple[Any, dict[str, str]] | None = None
    for prof in game.pure_profiles():
        total = sum(game.payoff(prof).values())
        if fallback is None or total > fallback[0]:
            fallback = (total, prof)
        if game.profile_index(prof) not in nash and (best is None or total > best[0]):
            best = (total, prof)
    chosen = best if best is not None else fallback
    assert chosen is not None  # a game has at least one profile
    return chosen[1]
