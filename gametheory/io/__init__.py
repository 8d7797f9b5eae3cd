"""Reading and writing games: model files (TOML), Gambit .nfg and .efg, safe expressions.

:func:`load_game` and :func:`save_game` pick the format from the file's
extension: ``.toml`` (a model file, see ``docs/model-format.md``), ``.nfg``
(a Gambit normal-form game) or ``.efg`` (a Gambit game tree).  A model file
with ``[[nodes]]`` and an ``.efg`` file hold game trees: :func:`load_tree`,
:func:`load_tree_source` and :func:`load_any` read them, and
:func:`load_game` refuses them with an error that says so (a tree's normal
form is :func:`gametheory.tree.to_normal_form`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import InputError
from ..game import Game
from .efg import efg_text, parse_efg, read_efg, write_efg
from .expressions import parse_expression, parse_relation
from .model import (
    Model,
    Parameter,
    Prediction,
    TreeModel,
    load_any_model,
    load_model,
    load_tree_model,
    model_to_toml,
    parse_model,
    tree_to_toml,
    write_model,
    write_tree_model,
)
from .nfg import nfg_text, parse_nfg, read_nfg, write_nfg

if TYPE_CHECKING:
    from ..tree import Tree

__all__ = [
    "check_source_path",
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
    "load_tree",
    "load_tree_source",
    "load_any",
    "TreeModel",
    "load_tree_model",
    "load_any_model",
    "tree_to_toml",
    "write_tree_model",
    "read_efg",
    "parse_efg",
    "write_efg",
    "efg_text",
]

FORMATS = (".toml", ".nfg", ".efg")


def file_format(path) -> str:
    """The format of ``path`` by its extension, ``".toml"``, ``".nfg"`` or ``".efg"``; InputError for any other."""
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"expected a path (a str or os.PathLike), got {type(path).__name__} {path!r}"[:200])
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in FORMATS:
        raise InputError(
            f"unknown file type {ext or '(no extension)'!r}; expected a model file (.toml) or a Gambit game "
            "(.nfg, .efg)",
            path=os.fspath(path),
        )
    return ext


def check_source_path(path) -> str:
    """``path`` as a string, after checking that it has a known extension (:func:`file_format`) and exists."""
    file_format(path)
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise InputError("no such file", path=path)
    return path


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

    Raises
    ------
    InputError
        Also for a game tree (an ``.efg`` file, a model file with
        ``[[nodes]]``): read it with :func:`load_tree_source` or
        :func:`load_any`.
    """
    game, model = load_any(path, params, exact)
    if not isinstance(game, Game):
        raise _not_normal_form_error(game, path)
    return game, model


def _not_normal_form_error(game, path) -> InputError:
    from ..tree import Tree

    if not isinstance(game, Tree):
        return InputError(
            f"this file holds a {incomplete_information_kind(game)}, not a normal-form game; this needs a normal-form "
            "game: solve it with gametheory solve PATH, or take its normal form first (gametheory convert PATH --to "
            "nfg)",
            path=os.fspath(path),
        )
    return InputError(
        "this file holds a game tree, not a normal-form game; this needs a normal-form game: convert the tree to "
        "its reduced normal form first (gametheory convert PATH --to nfg, or gametheory.tree.to_normal_form), "
        "or read it with gametheory.io.load_tree",
        path=os.fspath(path),
    )


def incomplete_information_kind(game) -> str:
    """``"signaling game"`` or ``"Bayesian game"``: how messages name a game of incomplete information."""
    from ..bayesian.signaling import SignalingGame

    return "signaling game" if isinstance(game, SignalingGame) else "Bayesian game"


def load_tree(path, params: Mapping | None = None, exact: bool | None = None) -> Tree:
    """Load a numeric game tree from a game-tree model file (``.toml`` with ``[[nodes]]``) or a Gambit ``.efg`` file.

    Parameters and ``exact`` as for :func:`load_game`; the tree is never
    symbolic (a model is taken at its defaults, overridden by ``params``).
    """
    return load_tree_source(path, params, exact)[0]


def load_tree_source(path, params: Mapping | None = None, exact: bool | None = None) -> tuple[Tree, TreeModel | None]:
    """``(tree, model)``: :func:`load_tree`'s tree and, for a model file, the :class:`TreeModel` (None for .efg)."""
    from ..bayesian.signaling import SignalingGame
    from ..tree import Tree

    tree, model = load_any(path, params, exact)
    if isinstance(tree, SignalingGame):  # its tree: chance draws the type, then the sender, then the receiver
        return tree.to_tree(), model
    if not isinstance(tree, (Tree, Game)):
        raise InputError(f"this file holds a {incomplete_information_kind(tree)}, not a game tree",
                         path=os.fspath(path))
    if not isinstance(tree, Tree):
        raise InputError("this file holds a normal-form game, not a game tree (a tree model has [[nodes]]; a Gambit "
                         "tree is an .efg file)", path=os.fspath(path))
    return tree, model


def load_any(path, params: Mapping | None = None, exact: bool | None = None):
    """``(game or tree, model or None)`` of any file :func:`file_format` knows, read once.

    A normal-form model or ``.nfg`` file gives a :class:`~gametheory.Game`
    (with its :class:`Model`, or None); a game-tree model or ``.efg`` file a
    :class:`~gametheory.tree.Tree` (with its :class:`TreeModel`, or None); a
    signaling model a :class:`~gametheory.bayesian.signaling.SignalingGame`
    (with its :class:`~gametheory.io.model.SignalingModel`); a Bayesian
    model a :class:`~gametheory.bayesian.game.BayesianGame` (with its
    :class:`~gametheory.io.model.BayesianModel`); numeric: at the defaults
    overridden by ``params``.
    """
    ext = file_format(path)
    if ext == ".toml":
        model = load_any_model(path)
        if isinstance(model, TreeModel):
            return model.tree_at(params, exact=exact), model
        return model.game_at(params, exact=exact), model  # a Game, a SignalingGame or a BayesianGame
    if params:
        raise InputError(
            f"an {ext} file has no parameters, got {', '.join(map(str, params))}", path=os.fspath(path),
            field="params"
        )
    if ext == ".efg":
        return read_efg(path, exact=exact), None
    return read_nfg(path, exact=exact), None


def save_game(game, path) -> None:
    """Write a game to ``path`` by its extension; the write is atomic (on error, no file is created or changed).

    A :class:`~gametheory.Game` (or a :class:`Model`) goes to ``.toml`` or
    ``.nfg``; a :class:`~gametheory.tree.Tree` (or a :class:`TreeModel`) to
    ``.toml`` or ``.efg``.  A tree to ``.nfg`` and a game to ``.efg`` are
    errors that say how to convert.
    """
    from ..tree import Tree

    ext = file_format(path)
    if isinstance(game, (Tree, TreeModel)):
        if ext == ".toml":
            write_tree_model(game, path)
        elif ext == ".efg":
            write_efg(game.tree_at() if isinstance(game, TreeModel) else game, path)
        else:
            raise InputError("a game tree is written to .efg or .toml; for .nfg take its reduced normal form first "
                             "(gametheory.tree.to_normal_form)", path=os.fspath(path))
        return
    if ext == ".efg":
        raise InputError("an .efg file holds a game tree; write a normal-form game to .nfg or .toml",
                         path=os.fspath(path))
    if ext == ".toml":
        write_model(game, path)
    else:
        if isinstance(game, Model):
            game = game.game_at()
        write_nfg(game, path)
