"""``gametheory conditions PATH [--profile PLAYER=LABEL ...]``: exact conditions for equilibrium claims.

Parses the arguments and prints the report of
:func:`gametheory.assumptions.conditions.conditions_report` (every pure
profile's Nash condition, or one profile's five claims, and the closed-form
mixed equilibria with ``--mixed``) or, when a ``--profile`` value is a
support ``A+B``, of :func:`gametheory.assumptions.conditions.support_report`;
each condition with its verdict (holds / fails / depends, and on what) over
the declared ranges and at the defaults.  The model's assumptions are applied
(the header says so) unless ``--no-assumptions`` is given; a ``--param``
value that breaks one is warned about in the report.  Conditions are printed as
inequalities in the parameters, one a line (``v_md ≤ v_cfe + g + eps_a``,
:mod:`gametheory.assumptions.conditions.readable`); ``--verbose`` adds the
raw sympy systems; ``--progress`` draws a bar over the profiles and supports.

For a game-tree model (``[[nodes]]``) it prints
:func:`gametheory.tree.conditions.tree_conditions_report`: the conditions
under which a pure behaviour profile is subgame perfect, one labelled
inequality per alternative, or, without ``--profile``, those of each pure
subgame-perfect profile at the defaults.  A tree profile is written
``--profile "West: Offer; Serbia: Cooperate"``: ``PLAYER: ACTION`` items
separated by ``;`` (the action at every information set of the player), or
``PLAYER[INFOSET]: ACTION`` for one information set (its key, as
``gametheory info`` lists them); ``--profile`` may be repeated.
"""

from __future__ import annotations

from ..errors import InputError
from ._assumptions import add_no_assumptions, add_param, fixed_values
from ._common import add_json, add_progress, located, print_json, profile_option


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--profile", action="append", default=[], metavar="PLAYER=LABEL",
                        help="one strategy per player, e.g. --profile Russia='Suspend CFE' --profile US='Build MD'; "
                        "A+B gives a support (mixed equilibrium). For a game-tree model: 'West: Offer; Serbia: "
                        "Cooperate', with PLAYER[INFOSET]: ACTION for one information set of a player")
    parser.add_argument("--mixed", action="store_true", help="also list closed-form mixed equilibria (two players)")
    parser.add_argument("--verbose", action="store_true",
                        help="also print each raw condition as sympy writes it, and the full verdicts")
    add_progress(parser)
    add_json(parser)
    add_param(parser)
    add_no_assumptions(parser)


def _tree_profile(items: list[str]) -> dict | None:
    """``{player: action or {infoset key: action}}`` of ``PLAYER: ACTION; PLAYER[INFOSET]: ACTION`` items."""
    import re

    if not items:
        return None
    out: dict = {}
    form = re.compile(r"^\s*(?P<player>[^\[\]:=;]+?)\s*(?:\[(?P<key>[^\]]*)\])?\s*[:=]\s*(?P<action>.+?)\s*$")
    for item in (x for text in items for x in text.split(";") if x.strip()):
        m = form.match(item)
        if not m:
            raise InputError(f"--profile expects 'PLAYER: ACTION' or 'PLAYER[INFOSET]: ACTION' items separated by "
                             f"';', got {item!r}", field="--profile")
        player, key, action = m.group("player"), m.group("key"), m.group("action")
        if key is None:
            if player in out:
                raise InputError(f"--profile names {player!r} twice", field="--profile")
            out[player] = action
        else:
            mine = out.setdefault(player, {})
            if not isinstance(mine, dict) or key.strip() in mine:
                raise InputError(f"--profile names {player!r} twice at {key.strip()!r}", field="--profile")
            mine[key.strip()] = action
    return out


def _run_tree(args, path: str) -> int:
    from ..assumptions.space import Space
    from ..io.model import load_any_model
    from ..tree.conditions import tree_conditions_report

    with located(args.path):
        model = load_any_model(path)
        space = Space.from_model(model)
        fixed = fixed_values(args, space)
        report = tree_conditions_report(model, _tree_profile(args.profile), fixed=fixed, assumptions=args.assumptions)
    if args.json:
        print_json(report.to_json())
    else:
        print(report)
    return 0


def _is_tree_model(path: str) -> bool:
    from ..io.model import load_any_model
    from ..io.model.tree_model import TreeModel

    try:
        return path.lower().endswith(".toml") and isinstance(load_any_model(path), TreeModel)
    except InputError:  # the normal-form path reports the error as before
        return False


def run(args) -> int:
    from ..assumptions.conditions import ConditionsReport, SupportReport, conditions_report, support_report
    from ..assumptions.space import load_study

    if _is_tree_model(args.path):
        return _run_tree(args, args.path)
    with located(args.path):
        model, space = load_study(args.path)
        fixed = fixed_values(args, space)
        prof = profile_option(args.profile, model.game)
        report: ConditionsReport | SupportReport
        if any(not isinstance(v, str) for v in prof.values()):
            report = support_report(model, prof, fixed=fixed, assumptions=args.assumptions)
        else:
            report = conditions_report(model, prof or None, fixed=fixed, mixed=args.mixed, assumptions=args.assumptions,
                                       progress=None if args.progress is None else True)
    if args.json:
        print_json(report.to_json())
    else:
        print(report.text(verbose=args.verbose))
    return 0
