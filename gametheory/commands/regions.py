"""``gametheory regions PATH --vary p1 [--vary p2] [--plot out.png]``: where the equilibrium set changes.

One ``--vary``: the exact partition of the parameter's range (others at
their defaults or ``--param``) into intervals with one equilibrium set, and
the critical thresholds between them.  Two: a grid of full solves (size from
``p=LO:HI:N``, default 41 per axis) labelled by equilibrium set, with the
exact boundary curves.  ``--margins``: for a prediction of the model
(``--prediction K``, default the first), how far each parameter can move
before it fails (``--plot`` draws the tornado chart).  The reports are
:func:`gametheory.assumptions.regions_report.regions_report` and
:func:`~gametheory.assumptions.regions_report.margins_report`.  The model's
assumptions apply unless ``--no-assumptions``: the part of a varied range
that breaks one is left out and named in a warning.
"""

from __future__ import annotations

from ._assumptions import add_no_assumptions, add_param, fixed_values, load_study
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
    from ..assumptions.space import parse_vary

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
    from ..assumptions import plots
    from ..assumptions.regions import RegionMap1D
    from ..assumptions.regions_report import MarginsReport

    if isinstance(report, MarginsReport):
        fig = plots.tornado(report.margins, space, f"{report.model}: margins of '{report.label}'")
    elif isinstance(report.regions, RegionMap1D):
        fig = plots.region_strip(report.regions, report.game, space=space)
    else:
        fig = plots.region_map(report.regions, report.game, space=space)
        if report.outside_points is not None and report.outside_points.any():
            _grey_out(fig.axes[0], report)
    plots.save(fig, path, **options)


def _grey_out(ax, report) -> None:
    """Cover the grid points that break an assumption: the text leaves them out of every region, so does the map."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    rm = report.regions
    cover = np.ma.masked_where(~report.outside_points, np.ones(rm.labels.shape))
    ax.pcolormesh(rm.xs, rm.ys, cover, cmap=ListedColormap(["#d0d0d0"]), shading="nearest")
    ax.text(0.01, 0.99, "grey: outside the model's assumptions", transform=ax.transAxes, ha="left", va="top",
            fontsize=8, bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
