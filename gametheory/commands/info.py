"""``gametheory info PATH``: what a game is made of.

Loads the game (at the parameters' defaults, or at ``--param`` values) and
prints its :class:`gametheory.game_info.GameInfo`: players, strategies, the
payoff table and formulas, the iterated-dominance traces, each player's
security levels, and each parameter's default, range, status, meaning and
the article quote it rests on.
"""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import add_exactness, add_max_cost, add_params, exact_flag, load, max_cost_option


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit file (.nfg)")
    add_exactness(parser)
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the estimated work of the dominance and security analysis")


def run(args) -> int:
    from ..game_info import GameInfo

    params = parse_overrides(args.param, path=args.path)
    game, model = load(args.path, params, exact_flag(args))
    print(GameInfo(game, model, params, **max_cost_option(args)))
    return 0
