"""gametheory: negotiation game theory with exact, certified equilibria.

The public API: build a :class:`Game` (or load one with :func:`load_model` /
:func:`read_nfg`), call :func:`solve`, read the :class:`SolveResult` (a :class:`CorrelatedResult` for
``method="correlated"``).  :data:`METHODS` is the method table, with what each
method guarantees.  In a notebook, :func:`explore` puts sliders on a model's
parameters.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    CostLimitError,
    ExpressionError,
    GameTheoryError,
    InputError,
    LabelError,
    ModelError,
    NfgError,
    UnsupportedGameError,
)

if TYPE_CHECKING:
    from .explorer import Explorer, explore
    from .game import Game
    from .io import load_game, load_model, read_nfg, save_game, write_nfg
    from .profile import MixedProfile
    from .result import CorrelatedResult, Equilibrium, SolveResult
    from .solvers import METHODS, TREE_METHODS, choose_method, solve, solve_tree

#: Public name -> the submodule that owns it, imported on first use (PEP 562), so that ``import
#: gametheory`` and ``gametheory --help`` load neither numpy nor the solvers.
_LAZY = {
    "Game": "game",
    "load_model": "io",
    "load_game": "io",
    "save_game": "io",
    "read_nfg": "io",
    "write_nfg": "io",
    "MixedProfile": "profile",
    "Equilibrium": "result",
    "SolveResult": "result",
    "CorrelatedResult": "result",
    "solve": "solvers",
    "solve_tree": "solvers",
    "choose_method": "solvers",
    "METHODS": "solvers",
    "TREE_METHODS": "solvers",
    # the explorer needs ipywidgets, matplotlib and sympy
    "explore": "explorer",
    "Explorer": "explorer",
}

__all__ = [
    "Game",
    "load_model",
    "load_game",
    "save_game",
    "read_nfg",
    "write_nfg",
    "MixedProfile",
    "Equilibrium",
    "SolveResult",
    "CorrelatedResult",
    "solve",
    "solve_tree",
    "choose_method",
    "METHODS",
    "TREE_METHODS",
    "GameTheoryError",
    "InputError",
    "LabelError",
    "ExpressionError",
    "ModelError",
    "NfgError",
    "UnsupportedGameError",
    "CostLimitError",
    "explore",
    "Explorer",
]


def __getattr__(name: str) -> Any:
    owner = _LAZY.get(name)
    if owner is not None:
        value = getattr(importlib.import_module(f"{__name__}.{owner}"), name)
        globals()[name] = value
        return value
    # a submodule not imported yet (``gametheory.solvers`` after ``import gametheory``), as before the names
    # became lazy
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"
