"""``gametheory convert PATH --to nfg|toml [-o OUT]``: move a game between file formats.

A model converted to TOML keeps its parameters, formulas and predictions; to
``.nfg`` it is written at the parameters' defaults (or ``--param`` values),
since ``.nfg`` holds numbers.  The text is built and checked in full before
anything is written; ``-o`` writes atomically, otherwise the text goes to
standard output.
"""

from __future__ import annotations

import sys

from ..overrides import parse_overrides
from ._common import add_params, load


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit file (.nfg)")
    parser.add_argument("--to", required=True, choices=["nfg", "toml"], help="the output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of standard output")
    add_params(parser)


def converted_text(path, to: str, params=None) -> str:
    """The text of the game in ``path`` in format ``to``."""
    from ..io.model import model_to_toml
    from ..io.nfg import nfg_text

    game, model = load(path, params)
    if to == "toml" and model is not None and not params:
        return model_to_toml(model)  # parameters, formulas and predictions kept
    return nfg_text(game) if to == "nfg" else model_to_toml(game)


def run(args) -> int:
    from ..io.atomic import atomic_write_text, check_target

    if args.output:
        check_target(args.output, field="-o")  # a device, FIFO or directory is refused before the work
    params = parse_overrides(args.param, path=args.path)
    text = converted_text(args.path, args.to, params)
    if args.output:
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
