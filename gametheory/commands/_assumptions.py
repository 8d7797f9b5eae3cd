"""Helpers shared by the payoff-assumption commands (conditions, regions, sweep, robust)."""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import add_params


def fixed_values(args, space) -> dict:
    """``--param NAME=VALUE`` checked against the model's parameters and their ranges."""
    return space.fixed(parse_overrides(getattr(args, "param", []), path=args.path), field="--param")


def add_param(parser):
    add_params(parser, help="hold a parameter at a value instead of its default (repeatable)")


def add_no_assumptions(parser):
    """``--no-assumptions``: study the declared ranges alone (the model's assumptions apply by default)."""
    parser.add_argument("--no-assumptions", dest="assumptions", action="store_false",
                        help="ignore the model's assumptions (applied by default: the header says which; a value "
                        "or range that breaks one is warned about either way)")
