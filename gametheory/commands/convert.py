"""``gametheory convert PATH --to nfg|toml|efg|tikz [-o OUT]``: move a game between file formats.

A normal-form model converted to TOML keeps its parameters, formulas and
predictions; to ``.nfg`` it is written at the parameters' defaults (or
``--param`` values), since ``.nfg`` holds numbers.  A game tree (a model file
with ``[[nodes]]``, or a Gambit ``.efg`` file) converts to a tree model
(``toml``: a tree model keeps its parameters, formulas and predictions), to
``.efg``, to ``nfg`` (its reduced normal form,
:func:`gametheory.tree.to_normal_form`: strategies labelled by their plans)
and to ``tikz`` (a TikZ picture of the tree to paste into LaTeX slides).  A
normal-form game has no tree, so ``efg`` and ``tikz`` need a tree.  A
signaling model converts to its game tree (chance draws the type):
``efg``, ``tikz`` and ``nfg`` (the tree's reduced normal form); a
Bayesian model to ``nfg``, its type-agent normal form.  The text
is built and checked in full before anything is written; ``-o`` writes
atomically, otherwise the text goes to standard output.
"""

from __future__ import annotations

import sys

from ..errors import InputError
from ..overrides import parse_overrides
from ._common import add_max_cost, add_params, load_any, max_cost_option

TARGETS = ("nfg", "toml", "efg", "tikz")


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH",
                        help="a model file (.toml, a game or a game tree) or a Gambit file (.nfg, .efg)")
    parser.add_argument("--to", required=True, choices=list(TARGETS),
                        help="the output format: nfg (a tree: its reduced normal form), toml, efg and tikz (trees)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of standard output")
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the estimated size of a tree's reduced normal form (--to nfg)")


def converted_text(path, to: str, params=None, max_cost=None) -> str:
    """The text of the game (or game tree) in ``path`` in format ``to``."""
    from ..bayesian.game import BayesianGame
    from ..bayesian.signaling import SignalingGame
    from ..game import Game
    from ..io.model import model_to_toml

    game, model = load_any(path, params)
    if isinstance(game, BayesianGame):
        if to != "nfg":
            raise InputError(f"--to {to}: a Bayesian model converts to nfg (its type-agent normal form, one player "
                             "per type)", path=str(path), field="--to")
        from ..bayesian.harsanyi import type_agent_form
        from ..io.nfg import nfg_text

        return nfg_text(type_agent_form(game, max_cost=max_cost))
    if isinstance(game, SignalingGame):
        if to == "toml":
            raise InputError("a signaling model is already TOML; --to efg, tikz or nfg give its game tree (chance "
                             "draws the type), the tree's picture or its reduced normal form", path=str(path),
                             field="--to")
        return tree_text(game.to_tree(), None, to, params, max_cost)
    if isinstance(game, Game):
        if to in ("efg", "tikz"):
            raise InputError(f"--to {to} needs a game tree (a model file with [[nodes]], or an .efg file); this file "
                             "holds a normal-form game", path=str(path), field="--to")
        if to == "toml" and model is not None and not params:
            return model_to_toml(model)  # parameters, formulas and predictions kept
        from ..io.nfg import nfg_text

        return nfg_text(game) if to == "nfg" else model_to_toml(game)
    return tree_text(game, model, to, params, max_cost)


def tree_text(tree, model, to: str, params=None, max_cost=None) -> str:
    """The text of a numeric tree (from ``model`` unless None) in format ``to``."""
    if to == "toml":
        from ..io.model import tree_to_toml

        return tree_to_toml(model if model is not None and not params else tree)
    if to == "efg":
        from ..io.efg import efg_text

        return efg_text(tree)
    if to == "nfg":
        from ..io.nfg import nfg_text
        from ..tree import to_normal_form

        return nfg_text(to_normal_form(tree, max_cost=max_cost))
    from ..tree.draw import tikz_text

    return tikz_text(tree)


def run(args) -> int:
    from ..io.atomic import atomic_write_text, check_target

    if args.output:
        check_target(args.output, field="-o")  # a device, FIFO or directory is refused before the work
    params = parse_overrides(args.param, path=args.path)
    text = converted_text(args.path, args.to, params, **max_cost_option(args))
    if args.output:
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
