"""``gametheory conditions PATH [--profile PLAYER=LABEL ...]``: exact conditions for equilibrium claims.

Parses the arguments and prints the report of
:func:`gametheory.assumptions.conditions.conditions_report` (every pure
profile's Nash condition, or one profile's five claims, and the closed-form
mixed equilibria with ``--mixed``) or, when a ``--profile`` value is a
support ``A+B``, of :func:`gametheory.assumptions.conditions.support_report`;
each condition with its verdict (holds / fails / depends, and on what) over
the declared ranges and at the defaults.
"""

from __future__ import annotations

from ..errors import InputError
from ._assumptions import add_param, fixed_values, load_study
from ._common import add_json, located, print_json


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--profile", action="append", default=[], metavar="PLAYER=LABEL",
                        help="one strategy per player, e.g. --profile Russia='Suspend CFE' --profile US='Build MD'; "
                        "A+B gives a support (mixed equilibrium)")
    parser.add_argument("--mixed", action="store_true", help="also list closed-form mixed equilibria (two players)")
    add_json(parser)
    add_param(parser)


def _profile(args, game) -> dict:
    """``{player: label}`` or, when a value is ``A+B`` (a support), ``{player: [labels]}``."""
    prof: dict = {}
    for item in args.profile:
        player, sep, label = item.partition("=")
        player, label = player.strip(), label.strip()
        if not sep or not player or not label:
            raise InputError(f"--profile expects PLAYER=LABEL or PLAYER=LABEL+LABEL, got {item!r}", field="--profile")
        if player in prof:
            raise InputError(f"--profile names {player!r} twice", field="--profile")
        i = game.player_index(player)
        if label in game.strategies[i] or "+" not in label:
            game.strategy_index(player, label)
            prof[player] = label
        else:
            labels = [x.strip() for x in label.split("+")]
            for x in labels:
                game.strategy_index(player, x)
            prof[player] = labels
    if prof:
        missing = [p for p in game.players if p not in prof]
        if missing:
            raise InputError(f"--profile must name every player; missing {missing}", field="--profile")
    return prof


def run(args) -> int:
    from ..assumptions.conditions import ConditionsReport, SupportReport, conditions_report, support_report

    with located(args.path):
        model, space = load_study(args.path)
        fixed = fixed_values(args, space)
        prof = _profile(args, model.game)
        report: ConditionsReport | SupportReport
        if any(not isinstance(v, str) for v in prof.values()):
            report = support_report(model, prof, fixed=fixed)
        else:
            report = conditions_report(model, prof or None, fixed=fixed, mixed=args.mixed)
    if args.json:
        print_json(report.to_json())
    else:
        print(report)
    return 0
