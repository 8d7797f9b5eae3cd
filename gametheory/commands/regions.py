"""``gametheory regions PATH --vary p1 [--vary p2] [--plot out.png]``: where the equilibrium set changes.

One ``--vary``: the exact partition of the parameter's range (others at
their defaults or ``--param``) into intervals with one equilibrium set, and
the critical thresholds between them.  Two: a grid of full solves (size from
``p=LO:HI:N``, default 41 per axis) labelled by equilibrium set, with the
exact boundary curves.  ``--margins``: for a prediction of the model
(``--prediction K``, default the first), how far each parameter can move
before it fails (``--plot`` draws the tornado chart).  The figures are
:func:`gametheory.figures.regions_figure`; the reports are
:func:`gametheory.assumptions.regions_report.regions_report` and
:func:`~gametheory.assumptions.regions_report.margins_report`.  The model's
assumptions apply unless ``--no-assumptions``: the part of a varied range
that breaks one is left out and named in a warning.
"""

from __future__ import annotations

from ._assumptions import add_no_assumptions, add_param, fixed_values
from ._common import add_dpi, add_json, add_max_cost, check_plot, located, max_cost_option, plot_options, print_json


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--vary", action="append", default=[], metavar="P[=LO:HI[:N]]",
                        help="a parameter to vary (once or twice); range defaults to the declared one")
    parser.add_argument("--margins", action="store_true",
                        help="margins of a prediction along every parameter (tornado chart with --plot)")
    parser.add_argument("--prediction", type=int, default=1, metavar="K", help="which prediction (1-based)")
    parser.add_argument("--plot", metavar="OUT.png", help="write a figure (png, svg or pdf, by the extension)")
    add_dpi(parser)
    add_json(parser)
    add_param(parser)
    add_no_assumptions(parser)
    add_max_cost(parser, help="raise the limit on the estimated work of a grid and of the exact boundaries "
                             "(more is refused up front)")


def run(args) -> int:
    from ..assumptions.regions_report import MarginsReport, RegionsReport, margins_report, regions_report
    from ..assumptions.space import load_study, parse_vary

    with located(args.path):
        check_plot(args.plot)
        model, space = load_study(args.path)
        fixed = fixed_values(args, space)
        report: MarginsReport | RegionsReport
        if args.margins:
            report = margins_report(model, args.prediction, assumptions=args.assumptions, **max_cost_option(args))
        else:
            report = regions_report(model, [parse_vary(v, space) for v in args.vary], fixed,
                                    assumptions=args.assumptions, **max_cost_option(args))
        if args.plot:
            _plot(report, space, args.plot, plot_options(args))
    if args.json:
        print_json(report.to_json())
    else:
        print(f"{report}\nwrote {args.plot}" if args.plot else report)
    return 0


def _plot(report, space, path, options) -> None:
    from ..assumptions.plots import save
    from ..figures import regions_figure

    save(regions_figure(report, space), path, **options)
