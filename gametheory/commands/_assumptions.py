"""Helpers shared by the payoff-assumption commands (conditions, regions, sweep, robust)."""

from __future__ import annotations

from ..errors import InputError
from ..overrides import parse_overrides
from ._common import add_params, check_path


def load_study(path):
    """``(model, space)`` of a model file; ``.nfg`` files have no parameters to study."""
    from ..assumptions.space import Space
    from ..io.model import load_model

    path = check_path(path)
    if not path.lower().endswith(".toml"):
        raise InputError("payoff assumptions are studied on model files (.toml) with parameters", path=path)
    model = load_model(path)
    return model, Space.from_model(model)


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
