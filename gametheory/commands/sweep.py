"""``gametheory sweep PATH --vary p=LO:HI:N ...``: the equilibria at every point of a parameter grid.

Prints one row per grid point (the varied values, the number of extreme
equilibria, their supports and whether each of the model's predictions
holds) or, with ``--json``, one JSON document.
"""

from __future__ import annotations

from ..errors import InputError
from ._assumptions import add_param, emit_json, fixed_values, load_study, located


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--vary", action="append", default=[], metavar="P=LO:HI:N", help="grid of one parameter")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_param(parser)


def run(args) -> int:
    from ..assumptions.space import parse_vary
    from ..assumptions.sweep import sweep

    with located(args.path):
        model, space = load_study(args.path)
        fixed = fixed_values(args, space)
        if not args.vary:
            raise InputError("give at least one --vary NAME=LO:HI:N", field="--vary")
        varies = [parse_vary(v, space, default_num=11) for v in args.vary]
        preds = tuple(p for p in model.predictions if not p.at)
        res = sweep(model.game, space, varies, fixed, preds)
    if args.json:
        emit_json(res.to_json())
        return 0
    head = list(res.names) + ["#eq", "equilibria (supports)"] + [f"pred{k + 1}" for k in range(len(preds))]
    print("\t".join(head))
    for vals, count, eqs, holds in res.rows():
        print("\t".join([f"{v:.6g}" for v in vals] + [str(count), eqs] + ["yes" if h else "no" for h in holds]))
    return 0
