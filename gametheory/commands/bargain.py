"""``gametheory bargain PATH``: a bargaining solution of a model's ``[bargaining]`` table or of any 2-player game.

For a model with a ``[bargaining]`` table (see :mod:`gametheory.bargaining.spec`)
the feasible set, status quo, discount factors and first proposer come from
the table; for any other game the feasible set is the hull of its payoff
profiles.  Options override the table.  Output: readable lines or, with
``--json``, one JSON document.
"""

from __future__ import annotations

import json

from ..bargaining.solutions import solve_bargaining
from ..errors import InputError
from ..numbers import format_number, parse_rational
from ._common import add_params, load, parse_params

_CHOICES = ("nash", "ks", "egalitarian", "utilitarian", "rubinstein")


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml, with or without [bargaining]) or a .nfg game")
    parser.add_argument("--solution", choices=_CHOICES, default=None,
                        help="bargaining solution (default: the model's, else nash)")
    parser.add_argument("--disagreement", default=None, metavar="D",
                        help="status-quo, nash, maximin, threat or x,y (default: the model's, else nash)")
    parser.add_argument("--free-disposal", action="store_true",
                        help="allow a disagreement point below the feasible set (utility can be thrown away)")
    parser.add_argument("--delta", default=None, metavar="D1,D2",
                        help="discount factors for rubinstein, one per player in (0, 1), e.g. 0.9,0.9")
    parser.add_argument("--first", default=None, metavar="PLAYER", help="who offers first (rubinstein)")
    parser.add_argument("--plot", default=None, metavar="OUT.png", help="save a picture of the problem and solution")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_params(parser)


def _deltas(text, path):
    parts = text.split(",")
    if len(parts) != 2:
        raise InputError(f"--delta expects two discount factors D1,D2, got {text!r}", path=path)
    return tuple(parse_rational(p.strip(), field="--delta") for p in parts)


def build(args):
    """``(problem, solution, spec_or_None)`` for the parsed arguments."""
    from ..bargaining.spec import parse_disagreement, problem_from_game, problem_from_spec, read_spec

    params = parse_params(args.param, path=args.path)
    game, model = load(args.path, params)
    try:
        disagreement = None if args.disagreement is None else parse_disagreement(args.disagreement)
        if model is not None and model.bargaining is not None:
            spec = read_spec(model, params)
            problem = problem_from_spec(spec, game, disagreement, args.free_disposal)
        else:
            spec = None
            problem = problem_from_game(game, "nash" if disagreement is None else disagreement,
                                        free_disposal=args.free_disposal)
        method = args.solution or (spec.solution if spec else "nash")
        options = {}
        if method == "rubinstein":
            deltas = _deltas(args.delta, args.path) if args.delta else (spec.deltas if spec else None)
            options = {"deltas": deltas, "first": args.first or (spec.first if spec else None)}
        solution = solve_bargaining(problem, method, **options)
    except InputError as exc:
        raise exc.with_location(path=args.path) from None
    return problem, solution, spec


def linkage_lines(spec) -> list[str]:
    """The issue-linkage report of a model's issues and settlements."""
    from ..bargaining.linkage import analyse_linkage, package_set, settlement_keeps_ir, share_interval

    rep = analyse_linkage(spec.issues, spec.players)
    lines = ["issue linkage:"]
    for name, verdict in rep.alone.items():
        lines.append(f"  {name} alone: {verdict}")
    lines.append(f"  linked package with gains for both: {'yes' if rep.linked_gains else 'no'}"
                 + (" (linking creates them)" if rep.creates_gains else ""))
    names = list(spec.issues)
    if len(names) >= 2:
        free = names[0]
        rng = share_interval(spec.issues, spec.players, {n: 1 for n in names[1:]}, free)
        others = ", ".join(f"{n} = 1" for n in names[1:])
        shown = "empty" if rng is None else f"[{format_number(rng[0])}, {format_number(rng[1])}]"
        lines.append(f"  shares of {free} both accept with {others}: {shown}")
    if len(names) == 2:
        verts = package_set(spec.issues, spec.players)
        shown = ", ".join("(" + ", ".join(format_number(x) for x in v) + ")" for v in verts) or "none"
        lines.append(f"  packages both accept (shares of {names[0]}, {names[1]}): hull of {shown}")
    for name, vals in spec.settlements.items():
        ok = settlement_keeps_ir(spec.issues, spec.players, vals)
        lines.append(f"  adding {name}: {'some package stays' if ok else 'no package is'} individually rational")
    return lines


def _problem_lines(problem):
    pts = lambda ps: ", ".join("(" + ", ".join(format_number(x) for x in p) + ")" for p in ps)  # noqa: E731
    lines = [problem.title or "Bargaining problem", f"players: {', '.join(problem.players)}"]
    if problem.polygon is not None:
        lines.append(f"feasible set: hull of {pts(problem.polygon)}")
    lines.append(f"Pareto frontier: {pts(problem.frontier.points)}")
    lines.append(f"disagreement ({problem.disagreement_source}): {pts([problem.disagreement])}")
    lines += [f"  {n}" for n in problem.notes]
    return lines


def run(args) -> int:
    problem, solution, spec = build(args)
    if args.plot:
        from ..bargaining.plot import plot_problem
        from ..bargaining.solutions import SOLUTIONS

        others = [f(problem) for name, f in SOLUTIONS.items() if name not in ("rubinstein", solution.method)]
        plot_problem(problem, [solution] + others, path=args.plot)
    if args.json:
        doc = solution.to_json()
        doc["feasible_set"] = None if problem.polygon is None else [[json_num(x) for x in p] for p in problem.polygon]
        doc["frontier"] = [[json_num(x) for x in p] for p in problem.frontier.points]
        doc["disagreement_source"] = problem.disagreement_source
        print(json.dumps(doc, indent=2))
        return 0
    lines = _problem_lines(problem) + [""] + solution.describe().splitlines()
    if spec is not None and spec.issues:
        lines += [""] + linkage_lines(spec)
    print("\n".join(lines))
    return 0


def json_num(x):
    from fractions import Fraction

    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return float(x)

