"""Reading and writing games: model files (TOML), Gambit .nfg, safe expressions.

:func:`load_game` and :func:`save_game` pick the format from the file's
extension: ``.toml`` (a model file, see ``docs/model-format.md``) or
``.nfg`` (Gambit).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..errors import InputError
from ..game import Game
from .expressions import parse_expression, parse_relation
from .model import Model, Parameter, Prediction, load_model, model_to_toml, parse_model, write_model
from .nfg import nfg_text, parse_nfg, read_nfg, write_nfg

__all__ = [
    "load_game",
    "save_game",
    "load_model",
    "parse_model",
    "model_to_toml",
    "write_model",
    "Model",
    "Parameter",
    "Prediction",
    "read_nfg",
    "parse_nfg",
    "write_nfg",
    "nfg_text",
    "parse_expression",
    "parse_relation",
    "FORMATS",
    "file_format",
    "load_source",
]

FORMATS = (".toml", ".nfg")


def file_format(path) -> str:
    """The format of ``path`` by its extension, ``".toml"`` or ``".nfg"``; InputError for any other."""
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"expected a path (a str or os.PathLike), got {type(path).__name__} {path!r}"[:200])
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in FORMATS:
        raise InputError(
            f"unknown file type {ext or '(no extension)'!r}; expected a model file (.toml) or a Gambit game (.nfg)",
            path=os.fspath(path),
        )
    return ext


def load_game(path, params: Mapping | None = None, exact: bool | None = None) -> Game:
    """Load a numeric game from a model file (``.toml``) or a Gambit file (``.nfg``).

    Parameters
    ----------
    path : str or os.PathLike
    params : mapping, optional
        ``{name: value}`` overriding a model's parameter defaults (an unknown
        name is an :class:`~gametheory.errors.InputError`).  Not allowed for
        ``.nfg`` files, which have no parameters.
    exact : bool, optional
        Exact (Fractions) or float payoffs; default: as the file says.

    Returns
    -------
    Game
        Never symbolic: a model is taken at its defaults.
    """
    return load_source(path, params, exact)[0]


def load_source(path, params: Mapping | None = None, exact: bool | None = None) -> tuple[Game, Model | None]:
    """``(game, model)``: :func:`load_game`'s game and, for a model file, the model it comes from.

    The file is read once for both; ``model`` is None for an ``.nfg`` file.
    """
    if file_format(path) == ".toml":
        model = load_model(path)
        return model.game_at(params, exact=exact), model
    if params:
        raise InputError(
            f"an .nfg file has no parameters, got {', '.join(map(str, params))}", path=os.fspath(path), field="params"
        )
    return read_nfg(path, exact=exact), None


def save_game(game, path) -> None:
    """Write a :class:`~gametheory.Game` (or a :class:`Model` to ``.toml``) to ``path`` by its extension.

    The write is atomic: on error, no file is created or changed.
    """
    if file_format(path) == ".toml":
        write_model(game, path)
    else:
        if isinstance(game, Model):
            game = game.game_at()
        write_nfg(game, path)
