"""Helpers shared by the ``solve``, ``info`` and ``convert`` commands: loading and printing games."""

from __future__ import annotations

import os
from fractions import Fraction

from ..errors import InputError
from ..numbers import format_number, parse_rational

SUFFIXES = (".toml", ".nfg")
MAX_PROFILES_SHOWN = 64


def parse_params(items, path=None) -> dict:
    """``["v_md=3", "g=1/2"]`` -> ``{"v_md": Fraction(3), "g": Fraction(1, 2)}``; errors name ``path``.

    >>> parse_params(["g=0.5", "v_md = 3"])
    {'g': Fraction(1, 2), 'v_md': Fraction(3, 1)}
    """
    out = {}
    for item in items or ():
        name, sep, value = str(item).partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise InputError(f"--param expects NAME=VALUE with NAME a parameter name, got {item!r}", path=path)
        if name in out:
            raise InputError(f"--param {name} given twice", path=path)
        try:
            out[name] = parse_rational(value.strip())
        except InputError:
            raise InputError(
                f"--param {name}: expected a number such as 2, -0.5 or 1/3, got {value.strip()!r}", path=path
            ) from None
    return out


def check_path(path) -> str:
    """The path as a string, after checking that it exists and has a known extension."""
    path = os.fspath(path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unknown file type {suffix or '(none)'!r}; expected a model .toml or a Gambit .nfg", path=path)
    if not os.path.isfile(path):
        raise InputError("no such file", path=path)
    return path


def load_model_or_none(path):
    """The :class:`~gametheory.io.model.Model` of a ``.toml`` path, or None for ``.nfg``."""
    path = check_path(path)
    if path.lower().endswith(".toml"):
        from ..io.model import load_model

        return load_model(path)
    return None


def load(path, params=None, exact=None):
    """``(game, model_or_None)``: the numeric game in ``path`` at ``params`` (defaults otherwise)."""
    path = check_path(path)
    params = dict(params or {})
    try:
        model = load_model_or_none(path)
        if model is not None:
            return model.game_at(params, exact=exact), model
        from ..io import load_game

        return load_game(path, params, exact=exact), None
    except InputError as exc:
        raise exc.with_location(path=path) from None


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


def add_params(parser):
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="set a model parameter (repeatable; 0.4 is read exactly as 2/5)")


# ---------------------------------------------------------------------- text tables
def _table(rows) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  " + "   ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def payoff_lines(game) -> list[str]:
    """The payoff table: a matrix of ``u1, u2`` cells for two players, a profile list otherwise."""
    fmt = format_number
    if game.num_players == 2:
        A, B = game.bimatrix()
        head = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.strategies[1])
        rows = [head]
        for r, lab in enumerate(game.strategies[0]):
            rows.append([lab] + [f"{fmt(A[r, c])}, {fmt(B[r, c])}" for c in range(A.shape[1])])
        return [f"payoffs ({game.players[0]}, {game.players[1]}):"] + _table(rows)
    lines = [f"payoffs ({', '.join(game.players)}):"]
    rows = []
    for k, prof in enumerate(game.pure_profiles()):
        if k == MAX_PROFILES_SHOWN:
            lines += _table(rows)
            lines.append(f"  ... {game.num_profiles - k} more profiles")
            return lines
        vals = game.payoff(prof).values()
        rows.append([" / ".join(prof.values()), ", ".join(fmt(v) for v in vals)])
    return lines + _table(rows)


def game_header(game, title=None) -> list[str]:
    lines = [title or game.title or "Untitled game"]
    lines.append(f"players: {', '.join(game.players)}")
    lines.append("strategies:")
    lines += [f"  {p}: {', '.join(s)}" for p, s in zip(game.players, game.strategies)]
    return lines


def mix_text(dist: dict) -> str:
    """``{label: p}`` -> ``'Build MD'`` for a pure strategy, ``'1/3 A + 2/3 B'`` otherwise."""
    support = [(lab, p) for lab, p in dist.items() if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return support[0][0]
    return " + ".join(f"{format_number(p)} {lab}" for lab, p in support)


def values_text(values: dict) -> str:
    return ", ".join(f"{p} {format_number(v)}" for p, v in values.items())


def is_exact_number(x) -> bool:
    return isinstance(x, Fraction)
