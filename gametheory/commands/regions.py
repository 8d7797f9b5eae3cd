"""``gametheory regions PATH --vary p1 [--vary p2] [--plot out.png]``: where the equilibrium set changes.

One ``--vary``: the exact partition of the parameter's range (others at
their defaults or ``--param``) into intervals with one equilibrium set, and
the critical thresholds between them.  Two: a grid of full solves (size from
``p=LO:HI:N``, default 41 per axis) labelled by equilibrium set, with the
exact boundary curves.  ``--margins``: for a prediction of the model
(``--prediction K``, default the first), how far each parameter can move
before it fails (``--plot`` draws the tornado chart).
"""

from __future__ import annotations

from ..errors import InputError
from ._assumptions import add_param, check_plot, emit_json, fixed_values, load_study, located


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--vary", action="append", default=[], metavar="P[=LO:HI[:N]]",
                        help="a parameter to vary (once or twice); range defaults to the declared one")
    parser.add_argument("--margins", action="store_true",
                        help="margins of a prediction along every parameter (tornado chart with --plot)")
    parser.add_argument("--prediction", type=int, default=1, metavar="K", help="which prediction (1-based)")
    parser.add_argument("--plot", metavar="OUT.png", help="write a figure (png, pdf or svg)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_param(parser)


def _sig(game, sig):
    from ..assumptions.outcomes import describe_support

    return "; ".join(describe_support(game.players, s) for s in sig) or "(none)"


def run(args) -> int:
    from ..assumptions import regions as R
    from ..assumptions.space import parse_vary

    with located(args.path):
        check_plot(args.plot)
        model, space = load_study(args.path)
        game = model.game
        fixed = fixed_values(args, space)
        if args.margins:
            return _margins(args, model, space, game)
        if not 1 <= len(args.vary) <= 2:
            raise InputError(f"give --vary once or twice, got {len(args.vary)}", field="--vary")
        varies = [parse_vary(v, space) for v in args.vary]
        for v in varies:
            if v.name in fixed:
                raise InputError(f"{v.name} is both varied and fixed with --param", field="--vary")
        if len(varies) == 1:
            rm = R.regions_1d(game, space, varies[0], fixed)
            doc = {"model": model.title, "parameter": rm.parameter, "fixed": {k: str(v) for k, v in rm.fixed.items()},
                   "segments": [{"from": str(s.lo), "to": str(s.hi), "equilibria": _sig(game, s.signature)}
                                for s in rm.segments],
                   "thresholds": [{"value": str(t.value), "float": float(t.value), "below": _sig(game, t.below),
                                   "at": _sig(game, t.at), "above": _sig(game, t.above)} for t in rm.thresholds]}
            lines = [model.title, f"{rm.parameter} in [{rm.lo}, {rm.hi}], others at "
                     + ", ".join(f"{k}={v}" for k, v in rm.fixed.items())]
            for s in rm.segments:
                lines.append(f"  {rm.parameter} in ({s.lo}, {s.hi}): {_sig(game, s.signature)}")
            for t in rm.thresholds:
                lines.append(f"  threshold {rm.parameter} = {t.value} (~{float(t.value):.6g}): at it {_sig(game, t.at)}")
            if args.plot:
                from ..assumptions.plots import region_strip, save

                save(region_strip(rm, game), args.plot)
        else:
            rm = R.regions_2d(game, space, varies[0], varies[1], fixed)
            counts = {k: int((rm.labels == k).sum()) for k in range(len(rm.signatures))}
            doc = {"model": model.title, "x": rm.x.name, "y": rm.y.name, "grid": [len(rm.xs), len(rm.ys)],
                   "regions": [{"label": k + 1, "equilibria": _sig(game, s), "grid_points": counts[k]}
                               for k, s in enumerate(rm.signatures)],
                   "boundaries": [f"{b.lhs} = 0" for b in rm.boundaries]}
            lines = [model.title, f"{rm.x.name} x {rm.y.name} on a {len(rm.xs)} x {len(rm.ys)} grid, others at "
                     + ", ".join(f"{k}={v}" for k, v in rm.fixed.items())]
            for k, s in enumerate(rm.signatures):
                lines.append(f"  region {k + 1} ({counts[k]} points): {_sig(game, s)}")
            lines.append("exact boundaries: " + ("; ".join(f"{b.lhs} = 0" for b in rm.boundaries) or "none"))
            if args.plot:
                from ..assumptions.plots import region_map, save

                save(region_map(rm, game), args.plot)
        if args.plot:
            lines.append(f"wrote {args.plot}")
    if args.json:
        emit_json(doc)
    else:
        print("\n".join(lines))
    return 0


def _margins(args, model, space, game) -> int:
    from ..assumptions.outcomes import prediction_label
    from ..assumptions.regions import margins

    preds = model.predictions
    if not preds:
        raise InputError("the model has no [[predictions]] to take margins of", field="--margins")
    if not 1 <= args.prediction <= len(preds):
        raise InputError(f"--prediction must be between 1 and {len(preds)}, got {args.prediction}",
                         field="--prediction")
    pred = preds[args.prediction - 1]
    ms = margins(game, space, pred)
    lines = [model.title, f"prediction {args.prediction}: {prediction_label(pred)}", f"  {pred.claim}"]
    for m in ms:
        lo, hi = space.ranges[m.parameter]
        down = "never (within range)" if m.down is None else f"-{m.down}"
        up = "never (within range)" if m.up is None else f"+{m.up}"
        lines.append(f"  {m.parameter} = {m.default} in [{lo}, {hi}]: fails at {down} / {up}"
                     + ("" if m.holds_at_default else "  (fails at the default)"))
    doc = {"model": model.title, "prediction": prediction_label(pred),
           "margins": [{"parameter": m.parameter, "default": str(m.default),
                        "down": None if m.down is None else str(m.down), "up": None if m.up is None else str(m.up),
                        "holds_at_default": m.holds_at_default} for m in ms]}
    if args.plot:
        from ..assumptions.plots import save, tornado

        save(tornado(ms, space, f"{model.title}: margins of '{prediction_label(pred)}'"), args.plot)
        lines.append(f"wrote {args.plot}")
    if args.json:
        emit_json(doc)
    else:
        print("\n".join(lines))
    return 0
