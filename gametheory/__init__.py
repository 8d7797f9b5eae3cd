"""gametheory: negotiation game theory with exact, certified equilibria.

The public API: build a :class:`Game` (or load one with :func:`load_model` /
:func:`read_nfg`), call :func:`solve`, read the :class:`SolveResult` (a :class:`CorrelatedResult` for
``method="correlated"``).  :data:`METHODS` is the method table, with what each
method guarantees.  In a notebook, :func:`explore` puts sliders on a model's
parameters.
"""

from typing import Any

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
from .game import Game
from .io import load_game, load_model, read_nfg, save_game, write_nfg
from .profile import MixedProfile
from .result import CorrelatedResult, Equilibrium, SolveResult
from .solvers import METHODS, TREE_METHODS, choose_method, solve, solve_tree

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
    # explore (gametheory.explorer) needs ipywidgets, matplotlib and sympy: loaded on first use, so that
    # `import gametheory` stays fast
    if name in ("explore", "Explorer"):
        from . import explorer

        return getattr(explorer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__version__ = "0.1.0"
