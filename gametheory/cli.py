"""The ``gametheory`` command line.

:data:`COMMANDS` lists the subcommands with their one-line help.  Each lives in
its own module of :mod:`gametheory.commands` (``models-readme`` in
``models_readme``), which exposes ``add_arguments(parser)`` and
``run(args) -> int``.  Only the module of the subcommand being run is imported
and only its arguments are added, so ``gametheory --help`` and
``gametheory --version`` import no command module, nor the libraries those
use.  Input errors end with exit status 2 and one line
``error: PATH[:LINE]: message`` on stderr, never a traceback; Ctrl-C ends
with exit status 130 and the line ``error: interrupted`` (files are written
atomically, :mod:`gametheory.io.atomic`, so none is left half-written).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

from . import __version__
from .errors import CostLimitError, GameTheoryError, InputError, UnsupportedGameError, error_line

__all__ = ["COMMANDS", "main", "build_parser"]

#: Subcommand name -> one-line help, in the order ``gametheory --help`` lists them.
COMMANDS: dict[str, str] = {
    "solve": "compute the equilibria of a model (.toml) or Gambit (.nfg) game, each with its certificate",
    "info": "show a game's players, strategies, payoffs, dominance, security levels and parameters",
    "convert": "convert a game or game tree between model TOML, Gambit .nfg and .efg, and TikZ",
    "check": "check the article's predictions stored in model files (holds/fails, with reasons)",
    "conditions": "exact conditions on the parameters under which a profile is an equilibrium (holds/fails/depends)",
    "regions": "partition one or two parameters into regions with the same equilibria; thresholds; margins",
    "sweep": "solve a model over a grid of parameter values (--vary p=LO:HI:N, repeatable)",
    "robust": "Monte Carlo robustness: share of random draws in which each outcome is an equilibrium",
    "bargain": "bargaining solutions (Nash, Kalai-Smorodinsky, egalitarian, utilitarian, Rubinstein) "
    "of a model or game",
    "repeated": "the repeated game of a model or game: minmax, folk set, grim trigger and penal-code thresholds, "
    "automata, finite horizon",
    "assess": "sequential equilibrium of a game tree: check an assessment (behaviour and beliefs) or list them",
    "screen": "bargaining under incomplete information: screening price, two-period Coase path, Spence signalling",
    "serve": "the web lab: a local page and JSON API to pick a model, change its parameters and see the "
    "equilibria, regions and bargains at once",
    "models-readme": "generate models/README.md from the model files (sections, players, parameters, equilibria, "
    "predictions)",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors: one line, exit 2
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _module(name: str):
    return importlib.import_module(f"{__package__}.commands.{name.replace('-', '_')}")


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand; the arguments only of ``commands`` (default: all of them).

    >>> build_parser([]).parse_args(["solve"]).command   # no command module imported
    'solve'
    """
    wanted = set(COMMANDS if commands is None else commands)
    parser = _Parser(prog="gametheory", description="Negotiation game theory: solve, check and test bargains.")
    parser.add_argument("--version", action="version", version=f"gametheory {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, help_line in COMMANDS.items():
        p = sub.add_parser(name, help=help_line, description=help_line)
        if name in wanted:
            mod = _module(name)
            mod.add_arguments(p)
            p.set_defaults(_run=mod.run)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv``: its first word (the top-level options take no value)."""
    for token in argv:
        if not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status (0 done, 1 a failed check or error, 2 bad input, 130 Ctrl-C)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: files are written atomically, so nothing is left half-written
        sys.stderr.write("error: interrupted\n")
        return 130


def _error_line(exc: BaseException) -> None:
    """Write ``error: `` and :func:`gametheory.errors.error_line` of ``exc`` on stderr."""
    sys.stderr.write("error: " + error_line(exc) + "\n")


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = _command_in(argv)
    parser = build_parser([] if command is None else [command])
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except (InputError, UnsupportedGameError, CostLimitError) as exc:
        _error_line(exc)
        return 2
    except GameTheoryError as exc:
        _error_line(exc)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
