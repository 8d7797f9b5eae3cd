"""``gametheory info PATH``: what a game (or a game tree) is made of.

Loads the game (at the parameters' defaults, or at ``--param`` values) and
prints its :class:`gametheory.game_info.GameInfo`: players, strategies, the
payoff table and formulas, the iterated-dominance traces, each player's
security levels, and each parameter's default, range, status, meaning and
the article quote it rests on.  For a game tree (a model file with
``[[nodes]]``, or an ``.efg`` file) it prints its
:class:`gametheory.tree.info.TreeInfo`: players, nodes, information sets,
proper subgames, perfect information or not, payoffs by path and parameters.
For a signaling model, its :class:`gametheory.bayesian.info.SignalingInfo`:
sender, types and prior, messages, the receiver's actions, payoffs by type,
message and action, formulas and parameters; for a Bayesian model, its
:class:`gametheory.bayesian.info.BayesianInfo`: types, prior, payoffs per type
profile and the type-agent normal form.
"""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import add_exactness, add_max_cost, add_params, exact_flag, load_any, max_cost_option


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH",
                        help="a model file (.toml, a game or a game tree) or a Gambit file (.nfg, .efg)")
    add_exactness(parser)
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the estimated work of the dominance and security analysis")


def run(args) -> int:
    from ..bayesian.game import BayesianGame
    from ..bayesian.info import BayesianInfo, SignalingInfo
    from ..bayesian.signaling import SignalingGame
    from ..game import Game
    from ..game_info import GameInfo
    from ..tree.info import TreeInfo

    params = parse_overrides(args.param, path=args.path)
    game, model = load_any(args.path, params, exact_flag(args))
    if isinstance(game, Game):
        print(GameInfo(game, model, params, **max_cost_option(args)))
    elif isinstance(game, SignalingGame):
        print(SignalingInfo(game, model, params))
    elif isinstance(game, BayesianGame):
        print(BayesianInfo(game, model, params))
    else:
        print(TreeInfo(game, model, params))
    return 0
