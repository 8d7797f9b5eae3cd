"""``gametheory info PATH``: what a game is made of.

Players, strategies, the payoff table (at the parameters' defaults, or at
``--param`` values), the payoff formulas of a model with parameters, the
iterated-dominance traces (strict, with mixed dominators; weak, all players at
once each round), each player's security levels, and each parameter's
default, range, status, meaning and the article quote it rests on.
"""

from __future__ import annotations

from ..numbers import format_number
from ..solvers.dominance import iterated_elimination
from ..solvers.security import security_levels
from ._common import add_exactness, add_params, exact_flag, game_header, load, parse_params, payoff_lines


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit file (.nfg)")
    add_exactness(parser)
    add_params(parser)


def run(args) -> int:
    params = parse_params(args.param, path=args.path)
    game, model = load(args.path, params, exact_flag(args))
    print("\n".join(info_lines(game, model, params)))
    return 0


def info_lines(game, model=None, params=None) -> list[str]:
    """The report of ``info`` for a numeric ``game`` (and the model it came from, if any)."""
    lines = game_header(game)
    if model is not None:
        if model.section:
            lines.insert(1, f"section {model.section} of the modeling brief ({model.id})")
        if model.description:
            lines.append("description: " + " ".join(model.description.split()))
    where = ""
    if model is not None and model.parameters:
        where = " at " + ", ".join(
            f"{n}={format_number((params or {}).get(n, p.default))}" for n, p in model.parameters.items()
        )
    lines += [""] + [payoff_lines(game)[0].rstrip(":") + where + ":"] + payoff_lines(game)[1:]
    if model is not None and model.parameters:
        lines += ["", "payoff formulas:"] + payoff_lines(model.game)[1:]
    lines += ["", "iterated strict dominance (pure and mixed dominators):"]
    lines += ["  " + s for s in iterated_elimination(game, "strict", mixed=True).describe()]
    lines += ["", "iterated weak dominance (all weakly dominated strategies of all players removed each round;"
              " another order may leave a different game):"]
    lines += ["  " + s for s in iterated_elimination(game, "weak", mixed=False).describe()]
    lines += ["", "security levels (maximin against all others' pure profiles):"]
    lines += ["  " + lv.describe() for lv in security_levels(game).values()]
    if model is not None and model.parameters:
        lines += ["", "parameters:"]
        for name, p in model.parameters.items():
            lo, hi = p.range
            lines.append(f"  {name} = {format_number(p.default)} in [{format_number(lo)}, {format_number(hi)}]"
                         f" ({p.status}): {p.meaning}")
            if p.quote:
                lines.append(f"      source: \"{p.quote}\"")
    if model is not None and model.quotes:
        lines += ["", "quotes:"] + [f"  \"{q}\"" for q in model.quotes]
    return lines
