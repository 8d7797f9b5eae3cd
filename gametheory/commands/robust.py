"""``gametheory robust PATH --draws N``: Monte Carlo robustness of a model's equilibria and predictions.

Draws every parameter uniformly from its declared range (or from ``--dist
NAME=SPEC``), optionally adds Gaussian noise of standard deviation
``--noise`` to every payoff, and reports the share of draws in which each
pure profile is an equilibrium and each prediction holds, with 95% Wilson
intervals; the draws that break one of the model's assumptions are left out
unless ``--no-assumptions``.  Reproducible from ``--seed``; runs in process, on a local Dask
cluster (``--workers N``) or on a running scheduler (``--scheduler ADDR``)
with the same result.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ._assumptions import add_no_assumptions, load_study
from ._common import add_json, add_max_cost, add_progress, check_plot, located, max_cost_option, print_json


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--draws", required=True, metavar="N", help="number of random draws (> 0)")
    parser.add_argument("--noise", default="0", metavar="SIGMA", help="s.d. of Gaussian noise on every payoff")
    parser.add_argument("--seed", default="0", metavar="S", help="study seed (integer, default 0)")
    parser.add_argument("--dist", action="append", default=[], metavar="NAME=SPEC",
                        help="uniform[:LO:HI], triangular:LO:MODE:HI, normal:MEAN:SD (truncated), fixed:V")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", metavar="N", help="run the chunks on a local Dask cluster with N workers")
    where.add_argument("--scheduler", metavar="ADDR", help="run the chunks on a running Dask scheduler")
    parser.add_argument("--chunk-size", default="100000", metavar="M", help="draws per chunk (bounds memory)")
    parser.add_argument("--plot", metavar="OUT.png", help="bar chart of the shares")
    add_json(parser)
    add_no_assumptions(parser)
    add_max_cost(parser, help="raise the limit on the study's estimated work (larger studies are refused up front)")
    add_progress(parser)


def _int(text, flag, minimum):
    try:
        v = int(str(text).replace("_", ""))
    except ValueError:
        try:
            f = float(text)
        except ValueError:
            raise InputError(f"{flag} expects an integer, got {text!r}", field=flag) from None
        if not f.is_integer():
            raise InputError(f"{flag} expects an integer, got {text!r}", field=flag) from None
        v = int(f)
    if v < minimum:
        raise InputError(f"{flag} must be at least {minimum}, got {v}", field=flag)
    return v


def run(args) -> int:
    from ..assumptions.distributions import parse_distribution
    from ..assumptions.montecarlo import robustness

    with located(args.path):
        check_plot(args.plot)
        draws = _int(args.draws, "--draws", 1)
        seed = _int(args.seed, "--seed", 0)
        chunk = _int(args.chunk_size, "--chunk-size", 1)
        workers = None if args.workers is None else _int(args.workers, "--workers", 1)
        try:
            noise = float(args.noise)
        except ValueError:
            raise InputError(f"--noise expects a number, got {args.noise!r}", field="--noise") from None
        if not noise >= 0 or noise == float("inf"):
            raise InputError(f"--noise must be a finite number >= 0, got {args.noise}", field="--noise")
        model, space = load_study(args.path)
        space = replace(space, apply_assumptions=args.assumptions)
        dists = {}
        for text in args.dist:
            d = parse_distribution(text, space)
            if d.name in dists:
                raise InputError(f"--dist gives {d.name} twice", field="--dist")
            dists[d.name] = d
        res = robustness(model.game, space, draws, noise=noise, seed=seed, dists=dists,
                         predictions=model.predictions, chunk_size=chunk, workers=workers,
                         scheduler=args.scheduler, progress=args.progress, **max_cost_option(args))
        if args.plot:
            from ..assumptions.plots import save, share_bars

            save(share_bars(res), args.plot)
    if args.json:
        print_json(res.to_json())
        return 0
    print(f"{res}\nwrote {args.plot}" if args.plot else res)
    return 0
