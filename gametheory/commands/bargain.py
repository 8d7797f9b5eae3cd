"""``gametheory bargain PATH``: a bargaining solution of a model's ``[bargaining]`` table or of any 2-player game.

Parses the options into a :class:`gametheory.bargaining.request.BargainingRequest`
and prints the report of :func:`gametheory.bargaining.request.bargain`, which
holds the precedence rules: options override the model's table, which
overrides the defaults.  Output: readable lines or, with ``--json``, one JSON
document; ``--plot`` writes :func:`gametheory.figures.bargain_figure`.
"""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import add_dpi, add_json, add_max_cost, add_params, check_plot, load, located, plot_options, print_json


def add_arguments(parser):
    from ..bargaining.spec import SOLUTION_CHOICES

    parser.add_argument("path", metavar="PATH",
                        help="a model file (.toml, with or without [bargaining]) or a .nfg game")
    parser.add_argument("--solution", choices=SOLUTION_CHOICES, default=None,
                        help="bargaining solution (default: the model's, else nash)")
    parser.add_argument("--disagreement", default=None, metavar="D",
                        help="status-quo, nash, maximin, threat or x,y (default: the model's, else nash)")
    parser.add_argument("--free-disposal", action="store_true",
                        help="allow a disagreement point below the feasible set (utility can be thrown away)")
    parser.add_argument("--delta", default=None, metavar="D1,D2",
                        help="discount factors for rubinstein, one per player in (0, 1), e.g. 0.9,0.9")
    parser.add_argument("--first", default=None, metavar="PLAYER", help="who offers first (rubinstein)")
    parser.add_argument("--plot", default=None, metavar="OUT.png",
                        help="save a picture of the problem and solution (png, svg or pdf, by the extension)")
    add_dpi(parser)
    add_json(parser)
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the issue-linkage report's work (2^n packages for n issues)")


def run(args) -> int:
    from ..bargaining.request import BargainingRequest, bargain

    check_plot(args.plot)
    params = parse_overrides(args.param, path=args.path)
    game, model = load(args.path, params)
    with located(args.path):
        request = BargainingRequest.from_text(args.solution, args.disagreement, args.free_disposal, args.delta,
                                              args.first, args.max_cost)
        report = bargain(game if model is None else model, request, params)
    if args.plot:
        from ..assumptions.plots import save
        from ..figures import bargain_figure

        with located(args.path):  # bad discount factors or first proposer, met only by the Rubinstein point
            save(bargain_figure(report), args.plot, **plot_options(args))
    if args.json:
        print_json(report.to_json())
    else:
        print(f"{report}\nwrote {args.plot}" if args.plot else report)
    return 0
