"""``gametheory solve PATH``: the equilibria of a model (``.toml``) or Gambit (``.nfg``) game.

The method comes from the method table (``--method``, default ``auto``); the
output is a readable table or, with ``--json``, exactly one JSON document,
:meth:`gametheory.SolveResult.to_json` (:meth:`gametheory.CorrelatedResult.to_json`
for ``--method correlated``; schemas in the README).
"""

from __future__ import annotations

from ..game_text import game_header, payoff_lines
from ..overrides import parse_overrides
from ..result import CorrelatedResult, SolveResult
from ..solvers.table import METHODS, solve
from ._common import add_exactness, add_max_cost, add_params, exact_flag, load, max_cost_option, print_json


def method_names() -> list[str]:
    """``auto`` and every method of the table."""
    return ["auto"] + sorted(METHODS)


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit file (.nfg)")
    parser.add_argument("--method", default="auto", choices=method_names(), metavar="NAME",
                        help="solution method: " + ", ".join(method_names()) + " (default: auto)")
    add_exactness(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_max_cost(parser, help="raise the limit on the method's estimated work (methods refuse larger runs up front)")
    add_params(parser)


def run(args) -> int:
    params = parse_overrides(args.param, path=args.path)
    exact = exact_flag(args)
    game, _model = load(args.path, params, exact)
    options = max_cost_option(args)
    result = solve(game, method=args.method, exact=exact, **options)
    if args.json:
        print_json(result.to_json())
    else:
        print("\n".join(result_lines(result)))
    return 0


def result_lines(result: SolveResult | CorrelatedResult) -> list[str]:
    """The game's header and payoff table, then the result's own report (its ``str``)."""
    game = result.game
    return game_header(game) + [""] + payoff_lines(game) + [""] + str(result).splitlines()
