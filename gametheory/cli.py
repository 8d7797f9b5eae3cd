"""The ``gametheory`` command line.

Each subcommand lives in its own module in :mod:`gametheory.commands` and
exposes ``NAME`` (the subcommand), ``HELP`` (one line), ``add_arguments(parser)``
and ``run(args) -> int``.  Modules are discovered, so a new capability adds a
file, not a branch here.  Input errors end with exit status 2 and one line
``error: PATH[:LINE]: message`` on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from .errors import CostLimitError, GameTheoryError, InputError, UnsupportedGameError

__all__ = ["main", "build_parser"]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: one line, exit 2
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _commands():
    from . import commands

    mods = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            mods.append(importlib.import_module(f"{commands.__name__}.{info.name}"))
    return mods


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gametheory", description="Negotiation game theory: solve, check and test bargains.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for mod in _commands():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"error: {exc.location_message()}\n")
        return 2
    except (UnsupportedGameError, CostLimitError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except GameTheoryError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
