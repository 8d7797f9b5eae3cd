"""``gametheory check PATH|DIR``: does each model's game still bear out the article's claims?

Parses the arguments, checks with :func:`gametheory.model_checks.check_paths`
and prints its :class:`~gametheory.model_checks.CheckReport` (text, or
``--json``): per model, the article's claims apart from the results the model
derives (each prediction's ``source``), and a closing count of both.  Exit
status: 0 when every prediction holds, 1 when one fails or is undetermined, 2
on bad input.
"""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import add_json, add_max_cost, add_params, max_cost_option, print_json


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a directory of them")
    add_params(parser, help="override a parameter's default (repeatable; exact: 0.4 means 2/5)")
    parser.add_argument("--method", default="auto", help="solution method tried first (default: auto)")
    add_json(parser, help="print one JSON document instead of text")
    add_max_cost(parser, help="raise (or lower) the limit on each solve's estimated work (larger ones are refused up "
                              "front)")


def run(args) -> int:
    from ..model_checks import check_method_name, check_paths

    check_method_name(args.method)
    report = check_paths(args.path, parse_overrides(args.param), args.method, **max_cost_option(args))
    if args.json:
        print_json(report.to_json(), ensure_ascii=False)
    else:
        print(report)
    return 0 if report.all_hold else 1
