"""``gametheory conditions PATH [--profile PLAYER=LABEL ...]``: exact conditions for equilibrium claims.

``--profile PLAYER=A+B`` gives a support instead of a strategy: the
closed-form equilibrium on those supports (at most two players mixing) and
its validity condition are printed.

For the given pure profile (or, without ``--profile``, every pure profile
and each profile named in the model's predictions): the sympy condition on
the parameters under which it is a Nash equilibrium, the unique pure one,
survives iterated strict dominance, and is the dominance solution; each with
a three-valued verdict (holds / fails / depends, and on what) over the
declared ranges and at the defaults.  For two-player games with a
two-strategy player, the closed-form mixed equilibria and their validity
conditions are listed too (``--mixed``).
"""

from __future__ import annotations

from ..errors import InputError
from ._assumptions import add_param, emit_json, fixed_values, load_study, located


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--profile", action="append", default=[], metavar="PLAYER=LABEL",
                        help="one strategy per player, e.g. --profile Russia='Suspend CFE' --profile US='Build MD'; "
                        "A+B gives a support (mixed equilibrium)")
    parser.add_argument("--mixed", action="store_true", help="also list closed-form mixed equilibria (two players)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_param(parser)


def _profile(args, game) -> dict:
    """``{player: label}`` or, when a value is ``A+B`` (a support), ``{player: [labels]}``."""
    prof = {}
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


def _verdicts(cond, space, fixed):
    box = space.box()
    over = cond.verdict(fixed=fixed, ranges=box, rng=0)
    at_default = cond.verdict(fixed=space.point(fixed), rng=0)
    return over, at_default


def run(args) -> int:
    from ..assumptions import conditions as C

    with located(args.path):
        model, space = load_study(args.path)
        game = model.game
        fixed = fixed_values(args, space)
        prof = _profile(args, game)
        if any(not isinstance(v, str) for v in prof.values()):
            return _support(args, model, space, game, prof, fixed)
        if prof:
            profiles = [prof]
        else:
            profiles = [dict(p) for p in game.pure_profiles()]
        ranges = space.box()
        doc = {"model": model.title, "assumptions": [str(a) for a in space.assumptions], "profiles": [], "mixed": []}
        lines = [f"{model.title}", f"assumptions: {', '.join(map(str, space.assumptions)) or 'none'}",
                 "verdicts: over the declared ranges" + (f" with {fixed}" if fixed else "") + "; at the defaults", ""]
        for p in profiles:
            claims = [C.nash_condition(game, p, space.assumptions, ranges=ranges)]
            if prof:
                claims += [
                    C.nash_condition(game, p, space.assumptions, strict=True, ranges=ranges),
                    C.unique_condition(game, p, space.assumptions, ranges=ranges),
                    C.survives_dominance_condition(game, p, space.assumptions, ranges=ranges),
                    C.dominance_condition(game, p, space.assumptions, ranges=ranges),
                ]
            entry = {"profile": p, "claims": []}
            for c in claims:
                over, dflt = _verdicts(c, space, fixed)
                lines.append(f"{c.claim}")
                lines.append(f"  iff {c.expr}" + (f"   [{c.scope}]" if c.scope else ""))
                lines.append(f"  over the ranges: {over}; at the defaults: {dflt.status}")
                entry["claims"].append({"claim": c.claim, "condition": str(c.expr), "scope": c.scope,
                                        "over_ranges": over.status, "depends_on": list(over.depends_on),
                                        "certified": over.certified, "at_defaults": dflt.status})
            doc["profiles"].append(entry)
        if args.mixed or (not prof and game.num_players == 2 and 2 in game.shape):
            if game.num_players != 2:
                raise InputError("--mixed lists two-player supports; this game has "
                                 f"{game.num_players} players", field="--mixed")
            lines.append("")
            lines.append("mixed equilibria (closed form):")
            mixed = C.mixed_conditions(game, space.assumptions, ranges=ranges)
            if not mixed:
                lines.append("  none: no support of two or more strategies each can be an equilibrium")
            for mc in mixed:
                over, dflt = _verdicts(mc.condition, space, fixed)
                probs = "; ".join(f"{p}: " + ", ".join(f"{lab}={e}" for lab, e in d.items() if e != 0)
                                  for p, d in mc.probabilities.items())
                lines.append(f"  {probs}")
                lines.append(f"    valid iff {mc.condition.expr}")
                lines.append(f"    over the ranges: {over}; at the defaults: {dflt.status}")
                doc["mixed"].append({"support": {k: list(v) for k, v in mc.support.items()},
                                     "probabilities": {p: {k: str(e) for k, e in d.items()}
                                                       for p, d in mc.probabilities.items()},
                                     "condition": str(mc.condition.expr), "over_ranges": over.status,
                                     "at_defaults": dflt.status})
    if args.json:
        emit_json(doc)
    else:
        print("\n".join(lines))
    return 0


def _support(args, model, space, game, support, fixed) -> int:
    """A support given as PLAYER=A+B: the closed-form equilibrium on it and its validity condition."""
    from ..assumptions import conditions as C

    mc = C.support_condition(game, support, space.assumptions, ranges=space.box())
    over, dflt = _verdicts(mc.condition, space, fixed)
    probs = {p: {lab: str(e) for lab, e in d.items() if e != 0} for p, d in mc.probabilities.items()}
    if args.json:
        emit_json({"model": model.title, "support": {k: list(v) for k, v in mc.support.items()},
                   "probabilities": probs, "payoffs": {p: str(v) for p, v in mc.payoffs.items()},
                   "condition": str(mc.condition.expr), "over_ranges": over.status,
                   "depends_on": list(over.depends_on), "certified": over.certified, "at_defaults": dflt.status})
        return 0
    lines = [model.title, f"assumptions: {', '.join(map(str, space.assumptions)) or 'none'}", "", mc.condition.claim]
    for p, d in probs.items():
        lines.append(f"  {p}: " + ", ".join(f"{lab} = {e}" for lab, e in d.items()))
    lines.append("  payoffs: " + ", ".join(f"{p} = {v}" for p, v in mc.payoffs.items()))
    lines.append(f"  valid iff {mc.condition.expr}")
    lines.append(f"  over the ranges: {over}; at the defaults: {dflt.status}")
    print("\n".join(lines))
    return 0
