"""The registry of solution methods and :func:`solve`.

Each method registers a function ``func(game, **options) -> SolveResult``
with :func:`register`.  ``method="auto"`` picks, among the registered methods
that accept the game, the one with the highest ``auto_priority``; a method
accepts a game when its player count is in range and its ``accepts``
predicate (size limits, e.g.) says yes.  Later modules add methods without
touching this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError, UnsupportedGameError

__all__ = ["Method", "METHODS", "register", "solve", "choose_method"]


@dataclass(frozen=True)
class Method:
    """A registered solution method."""

    name: str
    func: Callable
    description: str
    min_players: int = 1
    max_players: int | None = None
    auto_priority: int | Callable | None = None  # None: never chosen by 'auto'; callable: game -> int | None
    accepts: Callable | None = None  # extra predicate for 'auto'
    complete: bool | None = None  # True: lists every (extreme) equilibrium; None: not declared

    def handles(self, game) -> bool:
        n = game.num_players
        if n < self.min_players or (self.max_players is not None and n > self.max_players):
            return False
        return True

    def priority_for(self, game) -> int | None:
        """This method's ``auto`` priority for ``game`` (None: not a candidate).

        A callable ``auto_priority`` lets one method rank differently by game,
        e.g. ``pure`` first when dominance forces the equilibrium, last otherwise.
        """
        p = self.auto_priority
        return p(game) if callable(p) else p


METHODS: dict[str, Method] = {}


def register(name, description, *, min_players=1, max_players=None, auto_priority=None, accepts=None, complete=None):
    """Decorator registering ``func(game, **options) -> SolveResult`` under ``name``."""

    def deco(func):
        METHODS[name] = Method(name, func, description, min_players, max_players, auto_priority, accepts, complete)
        return func

    return deco


def choose_method(game) -> str:
    """The method ``auto`` uses for ``game``."""
    _load_all()
    candidates = []
    for m in METHODS.values():
        if m.auto_priority is None or not m.handles(game) or not (m.accepts is None or m.accepts(game)):
            continue
        priority = m.priority_for(game)
        if priority is not None:
            candidates.append((priority, m.name))
    if not candidates:
        raise UnsupportedGameError(f"no registered method handles a {game.num_players}-player game of shape {game.shape}")
    return max(candidates, key=lambda c: c[0])[1]


def solve(game, method: str = "auto", exact: bool | None = None, **options):
    """Compute equilibria of ``game``.

    Parameters
    ----------
    game : Game
        Numeric game (substitute a symbolic game's parameters first).
    method : str
        A name in ``METHODS`` or ``"auto"``.
    exact : bool, optional
        Force exact (Fraction) or float arithmetic; default: the game's kind.
    **options
        Passed to the method.  ``max_cost`` (a limit on the method's
        estimated work, see :mod:`gametheory.cost`) is common to every method
        that estimates its cost and is dropped for methods that do not take
        it (they have no cost limit to raise).

    Returns
    -------
    SolveResult

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])
    >>> [eq.profile.support() for eq in solve(pd, method="pure")]
    [{'Player 1': ('2',), 'Player 2': ('2',)}]
    """
    _load_all()
    if game.kind == "symbolic":
        raise UnsupportedGameError(
            f"the game has parameters {[s.name for s in game.parameters]}; substitute values first "
            "(Game.substitute or --param NAME=VALUE)"
        )
    if exact is True:
        game = game.to_exact()
    elif exact is False:
        game = game.to_float()
    if method == "auto":
        method = choose_method(game)
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {sorted(METHODS) + ['auto']}", field="method")
    m = METHODS[method]
    if not m.handles(game):
        rng = f"{m.min_players}..{m.max_players or 'N'}"
        raise UnsupportedGameError(f"method {method!r} handles games with {rng} players, this game has {game.num_players}")
    if "max_cost" in options and not _takes_option(m.func, "max_cost"):
        options = {k: v for k, v in options.items() if k != "max_cost"}
    return m.func(game, **options)


def _takes_option(func, name: str) -> bool:
    import inspect

    params = inspect.signature(func).parameters
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


_LOADED = False


def _load_all():
    """Import every solver module so that its methods are registered."""
    global _LOADED
    if _LOADED:
        return
    import importlib
    import pkgutil

    from .. import solvers

    for mod in pkgutil.iter_modules(solvers.__path__):
        if not mod.name.startswith("_") and mod.name != "registry":
            importlib.import_module(f"{solvers.__name__}.{mod.name}")
    _LOADED = True
