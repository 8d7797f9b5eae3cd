"""``gametheory sweep PATH --vary p=LO:HI:N ...``: the equilibria at every point of a parameter grid.

Prints one row per grid point (the varied values, the number of extreme
equilibria, their supports and whether each of the model's predictions
holds) or, with ``--json``, one JSON document.  The model's assumptions apply
unless ``--no-assumptions``: grid points that break one are left out, with a
warning.
"""

from __future__ import annotations

from dataclasses import replace

from ._assumptions import add_no_assumptions, add_param, fixed_values
from ._common import add_json, add_max_cost, add_progress, located, max_cost_option, print_json


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--vary", action="append", default=[], metavar="P=LO:HI:N", help="grid of one parameter")
    add_json(parser)
    add_param(parser)
    add_no_assumptions(parser)
    add_max_cost(parser, help="raise the limit on the grid's estimated work (larger grids are refused up front)")
    add_progress(parser)


def run(args) -> int:
    from ..assumptions.space import load_study, parse_vary
    from ..assumptions.sweep import sweep

    with located(args.path):
        model, space = load_study(args.path)
        space = replace(space, apply_assumptions=args.assumptions)
        fixed = fixed_values(args, space)
        varies = [parse_vary(v, space, default_num=11) for v in args.vary]
        preds = tuple(p for p in model.predictions if not p.at)
        res = sweep(model.game, space, varies, fixed, preds, progress=args.progress, **max_cost_option(args))
    if args.json:
        print_json(res.to_json())
    else:
        print(res)
    return 0
