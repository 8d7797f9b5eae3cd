"""Helpers shared by the commands: their common arguments, loading a file, printing JSON.

A command parses its arguments, calls the library and prints; what every
command does the same way lives here once.  ``--param`` values are read by
:func:`gametheory.overrides.parse_overrides`, the text tables of a game are
:mod:`gametheory.game_text`'s.
"""

from __future__ import annotations

import sys

from ..errors import InputError, located

__all__ = ["check_path", "check_plot", "add_dpi", "plot_options", "load", "load_any", "located",
           "print_json", "exact_flag", "add_exactness",
           "add_params", "add_json", "add_max_cost", "add_progress", "max_cost_option", "profile_option"]


def check_path(path) -> str:
    """:func:`gametheory.io.check_source_path` (imported when first used: the commands start fast)."""
    from ..io import check_source_path

    return check_source_path(path)


def check_plot(path, field: str = "--plot") -> None:
    """Fail before the computation if ``--plot`` has an unknown extension or a target that cannot be written.

    The format is the file's extension (:data:`gametheory.assumptions.plots.PLOT_FORMATS`: png, svg,
    pdf).  The target is checked as :func:`gametheory.io.atomic.check_target` checks it (an existing
    device, FIFO or directory is refused; the directory must exist).
    """
    from ..assumptions.plots import plot_format
    from ..io.atomic import check_target

    if path is None:
        return
    plot_format(path, field=field)
    check_target(path, field=field)


def _dpi(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of dots per inch, got {text!r}") from None
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"expected dots per inch between 10 and 1200, got {value}")
    return value


def add_dpi(parser):
    """``--dpi N``: the resolution of a PNG figure (svg and pdf are vector files, their text and lines unchanged)."""
    from ..assumptions.plots import DEFAULT_DPI

    parser.add_argument("--dpi", type=_dpi, default=None, metavar="N",
                        help=f"resolution of a PNG figure in dots per inch (default {DEFAULT_DPI})")


def plot_options(args) -> dict:
    """``{"dpi": N}`` when ``--dpi`` was given, else ``{}``: keyword arguments of the figure writers."""
    value = getattr(args, "dpi", None)
    return {} if value is None else {"dpi": value}


def load(path, params=None, exact=None):
    """``(game, model_or_None)`` of ``path`` at ``params``: :func:`gametheory.io.load_source`, errors located."""
    from ..io import load_source

    path = check_path(path)
    with located(path):
        return load_source(path, params, exact=exact)


def load_any(path, params=None, exact=None):
    """``(game or tree, model or None)`` of ``path`` at ``params``: :func:`gametheory.io.load_any`, errors located.

    For the commands that take game trees too; :func:`load` refuses a tree with an error that says so.
    """
    from ..io import load_any as load_any_source

    path = check_path(path)
    with located(path):
        return load_any_source(path, params, exact=exact)


def print_json(doc, ensure_ascii: bool = True) -> None:
    """Print :func:`gametheory.jsondoc.json_text` of ``doc``; the whole text is built before anything is printed."""
    from ..jsondoc import json_text

    sys.stdout.write(json_text(doc, ensure_ascii) + "\n")


def exact_flag(args):
    """True for --exact, False for --float, None for neither."""
    if getattr(args, "exact", False):
        return True
    if getattr(args, "float", False):
        return False
    return None


def add_exactness(parser):
    grp = parser.add_mutually_exclusive_group()
    grp.add_argument("--exact", action="store_true", help="exact rational arithmetic (default for exact payoffs)")
    grp.add_argument("--float", action="store_true", help="floating-point arithmetic")


def add_params(parser, help: str = "set a model parameter (repeatable; 0.4 is read exactly as 2/5)"):
    """``--param NAME=VALUE`` (repeatable), read by :func:`gametheory.overrides.parse_overrides`."""
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help=help)


def add_json(parser, help: str = "print one JSON document"):
    parser.add_argument("--json", action="store_true", help=help)


def _positive_number(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def add_max_cost(parser, help: str = "raise the limit on the estimated work (larger runs are refused up front)"):
    """``--max-cost N``: the limit of :func:`gametheory.cost.check_cost` (default its ``DEFAULT_MAX_COST``)."""
    parser.add_argument("--max-cost", type=_positive_number, default=None, metavar="N", help=help)


def max_cost_option(args) -> dict:
    """``{"max_cost": N}`` when ``--max-cost`` was given, else ``{}``."""
    value = getattr(args, "max_cost", None)
    return {} if value is None else {"max_cost": value}


def add_progress(parser):
    """``--progress``: draw the progress bar on stderr even when it is not a terminal."""
    parser.add_argument("--progress", action="store_true", default=None,
                        help="show progress on stderr even when it is not a terminal (default: only on a terminal)")


def profile_option(items, game, supports: bool = True) -> dict:
    """``{player: label}`` of ``--profile PLAYER=LABEL`` items (every player once), or ``{}`` for none.

    With ``supports``, a value ``A+B`` that is not itself a label gives a support ``{player: [labels]}``;
    without, every value is one label.  Labels are checked against ``game``.
    """
    prof: dict = {}
    form = "PLAYER=LABEL or PLAYER=LABEL+LABEL" if supports else "PLAYER=LABEL"
    for item in items:
        player, sep, label = item.partition("=")
        player, label = player.strip(), label.strip()
        if not sep or not player or not label:
            raise InputError(f"--profile expects {form}, got {item!r}", field="--profile")
        if player in prof:
            raise InputError(f"--profile names {player!r} twice", field="--profile")
        i = game.player_index(player)
        if label in game.strategies[i] or "+" not in label or not supports:
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
