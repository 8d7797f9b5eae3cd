"""``gametheory robust PATH --draws N``: Monte Carlo robustness of a model's equilibria and predictions.

Draws every parameter uniformly from its declared range (or from ``--dist
NAME=SPEC``; or keeps it at its default with ``--at-defaults``), then
perturbs every payoff: times ``1 + e`` with ``e`` uniform on ``[-R, R]``
(``--rel-noise R``; normal with s.d. ``R`` with ``--rel-noise-dist normal``),
plus Gaussian noise of standard deviation ``--noise``; and reports the share
of draws in which each pure profile is an equilibrium and each prediction
holds, with 95% Wilson intervals; the draws that break one of the model's
assumptions are left out unless ``--no-assumptions``.  Reproducible from ``--seed``; runs in process, on a local Dask
cluster (``--workers N``) or on a running scheduler (``--scheduler ADDR``)
with the same result.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ._assumptions import add_no_assumptions
from ._common import (
    add_dpi,
    add_json,
    add_max_cost,
    add_progress,
    check_plot,
    located,
    max_cost_option,
    plot_options,
    print_json,
)

#: How the sources of variation combine; printed under ``robust --help`` (tests check it).
COMBINATION = (
    "How a draw is made: every parameter is drawn uniformly over its full declared range (or from its --dist law); "
    "with --at-defaults every parameter without a --dist stays at its default instead. Then every payoff, "
    "evaluated at those values, is multiplied by 1 + e (e uniform on [-R, R] for --rel-noise R, or normal with "
    "s.d. R with --rel-noise-dist normal) and Gaussian noise of s.d. SIGMA (--noise) is added: "
    "payoff * (1 + e) + N(0, SIGMA^2), independently for every payoff. The noise adds to the spread of the "
    "parameters; for '±50% noise around the model' use --at-defaults --rel-noise 0.5. "
    "Relative noise keeps a payoff of 0 at 0. Draws that break the model's assumptions are left out unless "
    "--no-assumptions."
)


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml)")
    parser.add_argument("--draws", required=True, metavar="N", help="number of random draws (> 0)")
    parser.add_argument("--noise", default="0", metavar="SIGMA",
                        help="s.d. of Gaussian noise added to every payoff, in payoff units (default 0)")
    parser.add_argument("--rel-noise", default="0", metavar="R",
                        help="relative noise: every payoff times 1 + e, e uniform on [-R, R] (0.5: within ±50%% of "
                        "its value; default 0)")
    parser.add_argument("--rel-noise-dist", default="uniform", choices=("uniform", "normal"),
                        help="law of e: uniform on [-R, R] (default) or normal with mean 0 and s.d. R")
    parser.add_argument("--at-defaults", action="store_true",
                        help="keep every parameter without a --dist at its default (only the noise varies the "
                        "payoffs) instead of drawing it over its declared range")
    parser.epilog = COMBINATION
    parser.add_argument("--seed", default="0", metavar="S", help="study seed (integer, default 0)")
    parser.add_argument("--dist", action="append", default=[], metavar="NAME=SPEC",
                        help="uniform[:LO:HI], triangular:LO:MODE:HI, normal:MEAN:SD (truncated), fixed:V")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", metavar="N", help="run the chunks on a local Dask cluster with N workers")
    where.add_argument("--scheduler", metavar="ADDR", help="run the chunks on a running Dask scheduler")
    parser.add_argument("--chunk-size", default="100000", metavar="M", help="draws per chunk (bounds memory)")
    parser.add_argument("--plot", metavar="OUT.png", help="bar chart of the shares (png, svg or pdf, by the extension)")
    add_dpi(parser)
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


def _nonnegative(text, flag) -> float:
    """A finite number >= 0 from the command line, or one InputError naming ``flag``."""
    try:
        v = float(text)
    except ValueError:
        raise InputError(f"{flag} expects a number, got {text!r}", field=flag) from None
    if not v >= 0 or v == float("inf"):
        raise InputError(f"{flag} must be a finite number >= 0, got {text}", field=flag)
    return v


def run(args) -> int:
    from ..assumptions.distributions import parse_distribution
    from ..assumptions.montecarlo import robustness
    from ..assumptions.space import load_study

    with located(args.path):
        check_plot(args.plot)
        draws = _int(args.draws, "--draws", 1)
        seed = _int(args.seed, "--seed", 0)
        chunk = _int(args.chunk_size, "--chunk-size", 1)
        workers = None if args.workers is None else _int(args.workers, "--workers", 1)
        noise = _nonnegative(args.noise, "--noise")
        rel_noise = _nonnegative(args.rel_noise, "--rel-noise")
        model, space = load_study(args.path)
        space = replace(space, apply_assumptions=args.assumptions)
        dists = {}
        for text in args.dist:
            d = parse_distribution(text, space)
            if d.name in dists:
                raise InputError(f"--dist gives {d.name} twice", field="--dist")
            dists[d.name] = d
        res = robustness(model.game, space, draws, noise=noise, rel_noise=rel_noise,
                         rel_noise_law=args.rel_noise_dist, at_defaults=args.at_defaults, seed=seed, dists=dists,
                         predictions=model.predictions, chunk_size=chunk, workers=workers,
                         scheduler=args.scheduler, progress=args.progress, **max_cost_option(args))
        if args.plot:
            from ..assumptions.plots import save, share_bars

            save(share_bars(res, predictions=model.predictions), args.plot, **plot_options(args))
    if args.json:
        print_json(res.to_json())
        return 0
    print(f"{res}\nwrote {args.plot}" if args.plot else res)
    return 0
