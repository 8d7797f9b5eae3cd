"""``gametheory solve PATH``: the equilibria of a model (``.toml``), a Gambit game (``.nfg``) or a game tree.

The method comes from the method table (``--method``, default ``auto``); the
output is a readable table (equilibria and components numbered from 1, the
method's internals only with ``--verbose``: :meth:`gametheory.SolveResult.text`),
the same tables in Markdown, LaTeX or HTML with ``--format``
(:func:`gametheory.display.render_result`: the payoff matrix with best replies
and pure equilibria marked, then the equilibria; a tree's reduced normal form
when small), with ``--method enumerate --stream`` JSON lines (one equilibrium per line as it is
found, :func:`gametheory.solvers.vertex.solve_enumerate_stream`, then a summary line), or, with ``--json``,
exactly one JSON document,
:meth:`gametheory.SolveResult.to_json` (:meth:`gametheory.CorrelatedResult.to_json`
for ``--method correlated``; schemas in the README).  A game tree (a tree
model or a Gambit ``.efg`` file) is solved by
:func:`gametheory.solvers.tree_methods.solve_tree` (``auto`` is ``spe``) and
gives :meth:`gametheory.tree.result.TreeSolveResult.to_json`; ``--plot``
draws the tree with the first equilibrium's choices and path.  For a
two-player normal-form game ``--plot`` draws the payoff table with best
responses and equilibria marked, and the best-response diagram when a
player has two strategies; every ``--plot`` figure is drawn by
:func:`gametheory.figures.solve_figure`, as the web lab's.  A signaling
model is solved by :func:`gametheory.solvers.incomplete.solve_signaling`
(``auto`` is ``pbe``: every perfect Bayesian equilibrium family, with
:meth:`gametheory.bayesian.pbe.PBEResult.to_json`; a tree method solves its
tree), and so is an ``.efg`` tree of signaling shape with ``--method pbe``.
A Bayesian model is solved through its type-agent form
(:func:`gametheory.bayesian.harsanyi.solve_bayesian`): the equilibria are
type-contingent strategies.  Which solver takes the loaded file is decided by
:func:`gametheory.solvers.dispatch.solve_source`, the library function the web
lab calls too.
"""

from __future__ import annotations

import sys

from ..display.formats import FORMATS
from ..game_text import game_header, payoff_lines
from ..overrides import parse_overrides
from ..result import CorrelatedResult, SolveResult
from ..solvers.dispatch import KERNELS, check_kernel, check_method, check_render_format, method_names, solve_source
from ._common import (
    add_dpi,
    add_exactness,
    add_max_cost,
    add_params,
    check_plot,
    exact_flag,
    load_any,
    max_cost_option,
    plot_options,
    print_json,
)


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit file (.nfg or .efg)")
    parser.add_argument("--method", default="auto", choices=method_names(), metavar="NAME",
                        help="solution method: " + ", ".join(method_names()) + " (default: auto)")
    add_exactness(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--stream", action="store_true",
                        help="with --method enumerate: print each extreme equilibrium as one JSON line as soon as it "
                        "is found (memory stays flat; no components), then a summary line")
    parser.add_argument("--kernel", choices=KERNELS, default=None,
                        help="with --method lemke-howson: the pivoting kernel (auto: compiled with numba from "
                             "100x100, NumPy below)")
    parser.add_argument("--verbose", action="store_true",
                        help="also print the method's internals (cliques, vertices, each equilibrium's info; indices "
                             "from 0, as in --json) and the whole logit path")
    parser.add_argument("--format", default="text", choices=FORMATS, metavar="FORMAT",
                        help="text (default), markdown, latex or html: the payoff matrix with best replies and pure "
                        "equilibria marked, then the equilibria as a table (gametheory.display)")
    add_max_cost(parser, help="raise the limit on the method's estimated work (methods refuse larger runs up front)")
    add_params(parser)
    parser.add_argument("--plot", metavar="OUT.png",
                        help="two-player games: the payoff table with best responses and equilibria, and the "
                        "best-response diagram (2x2, 2xN); game trees: the tree, the first equilibrium's choices and "
                        "path (png, svg or pdf, by the extension)")
    add_dpi(parser)


def run(args) -> int:
    from ..assumptions.plots import save
    from ..display import render_result
    from ..errors import InputError
    from ..figures import check_solve_figure, solve_figure
    from ..solvers.dispatch import source_kind

    params = parse_overrides(args.param, path=args.path)
    exact = exact_flag(args)
    if args.plot:
        check_plot(args.plot)
    if args.json and args.format != "text":
        raise InputError(f"--json prints one JSON document; it cannot be combined with --format {args.format}",
                         field="--format")
    if args.stream and (args.json or args.format != "text" or args.plot or args.verbose):
        raise InputError("--stream prints JSON lines; it cannot be combined with --json, --format, --plot or "
                         "--verbose", field="--stream")
    if args.stream and args.method != "enumerate":
        raise InputError(f"--stream streams the equilibria of --method enumerate, not of {args.method!r}",
                         field="--stream")
    check_kernel(args.method, args.kernel)
    game, _model = load_any(args.path, params, exact)
    options = max_cost_option(args)
    if args.kernel is not None:
        options["kernel"] = args.kernel
    if args.stream:
        return _run_stream(args, game, exact, options)
    if args.plot:  # refused before the work: what the figure cannot show
        check_solve_figure(game)
    kind = source_kind(game, args.method)
    check_method(game, args.method, args.path)
    if kind == "incomplete":
        check_render_format(game, args.method, args.format)
        return _run_incomplete(args, game, exact, options)
    if kind == "tree":
        return _run_tree(args, game, exact, options)
    result = solve_source(game, args.method, exact, path=args.path, **options)
    if args.plot:
        save(solve_figure(result, game), args.plot, **plot_options(args))
    if args.json:
        print_json(result.to_json())
    elif args.format != "text":
        print(render_result(result, args.format))
    else:
        print("\n".join(result_lines(result, verbose=args.verbose) + ([f"wrote {args.plot}"] if args.plot else [])))
    return 0


def _run_stream(args, game, exact, options) -> int:
    """``--stream``: one JSON line per equilibrium (as in ``--json``'s list), flushed, then a summary line."""
    import json

    from ..errors import InputError
    from ..game import Game
    from ..solvers.vertex import solve_enumerate_stream

    if not isinstance(game, Game) or game.num_players != 2:
        raise InputError(f"--stream enumerates the equilibria of a two-player normal-form game; {args.path} holds "
                         "another kind of game", field="--stream")
    game = game.in_arithmetic(exact)
    count = 0
    for eq in solve_enumerate_stream(game, **options):
        sys.stdout.write(json.dumps(eq.to_json(), allow_nan=False, separators=(",", ":"), default=str) + "\n")
        sys.stdout.flush()
        count += 1
    summary = {"method": "enumerate", "complete": True, "exact": game.kind == "exact", "equilibria": count}
    sys.stdout.write(json.dumps(summary, separators=(",", ":")) + "\n")
    return 0


def _run_tree(args, tree, exact, options) -> int:
    from ..assumptions.plots import save
    from ..display import render_result
    from ..figures import solve_figure
    from ..tree.result import TreeSolveResult

    result = solve_source(tree, args.method, exact, path=args.path, **options)
    assert isinstance(result, TreeSolveResult)  # pbe, the one method that gives another result, is run above
    if args.plot:
        save(solve_figure(result, tree), args.plot, **plot_options(args))
    if args.json:
        print_json(result.to_json())
    elif args.format != "text":
        print(render_result(result, args.format))
        if args.plot:  # not in the document, which may be redirected into a file
            print(f"wrote {args.plot}", file=sys.stderr)
    else:
        print(result.text(verbose=args.verbose) + (f"\nwrote {args.plot}" if args.plot else ""))
    return 0


def _run_incomplete(args, game, exact, options) -> int:
    """A signaling game (or, with ``--method pbe``, a tree of signaling shape) or a Bayesian game."""
    from ..assumptions.plots import save
    from ..bayesian.signaling import SignalingGame
    from ..figures import solve_figure
    from ..tree import Tree
    from ._common import located

    if isinstance(game, Tree):
        with located(args.path):
            game = SignalingGame.from_tree(game)
    result = solve_source(game, args.method, exact, path=args.path, **options)
    if args.plot:
        save(solve_figure(result, game), args.plot, **plot_options(args))
    if args.json:
        print_json(result.to_json())
    else:
        print(str(result) + (f"\nwrote {args.plot}" if args.plot else ""))
    return 0


def result_lines(result: SolveResult | CorrelatedResult, verbose: bool = False) -> list[str]:
    """The game's header and payoff table, then the result's own report (its ``str``; ``text(verbose)``)."""
    game = result.game
    report = result.text(verbose) if isinstance(result, SolveResult) else str(result)
    return game_header(game) + [""] + payoff_lines(game) + [""] + report.splitlines()
