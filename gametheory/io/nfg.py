"""Gambit's strategic-game file format (``.nfg``): read both versions, write the outcome version.

A file starts with ``NFG 1 R "title" { "Player 1" "Player 2" }`` (``R``:
rational numbers, ``D``: floating point) and a strategy block, either counts
``{ 2 3 }`` or label lists ``{ { "a" "b" } { "x" "y" "z" } }``, then an
optional comment string.  What follows decides the version:

* **payoff version**: for each pure profile, every player's payoff, in
  Gambit's profile order, where the *first* player's strategy changes
  fastest (column-major order over the strategy indices);
* **outcome version**: a list of outcomes ``{ "name" u_1 u_2 ... }``, then
  one outcome number per profile in the same order, ``1`` for the first
  outcome and ``0`` for the null outcome (every payoff zero).

Whitespace (and the commas Gambit puts between payoffs) is not significant;
strings are double-quoted, with ``\\"`` and ``\\\\`` as escapes.  Numbers are
integers, decimals (``.25``), rationals (``1/3``) and exponents (``1e-3``).
An ``R`` file is read exactly (Fractions: ``0.25`` is :math:`1/4`), a ``D``
file as floats.  We write ``R`` for exact games and ``D`` (numbers by
``repr``, which reads back to the same float) for float games, so that a
game written and read back is equal to the original, kind included.  Empty
labels, which Gambit allows, are read as the default labels ``Player i`` and
``1``, ``2``, ...

Reference: the Gambit documentation, "Game representation formats",
https://gambit.sourceforge.net/gambit14/formats.html (the format is unchanged in Gambit 16)

>>> g = parse_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 } 3 3 4 0 0 4 1 1')
>>> g.payoff({"Row": "2", "Col": "1"})
{'Row': Fraction(4, 1), 'Col': Fraction(0, 1)}
"""

from __future__ import annotations

import math
import os
import re
from fractions import Fraction

import numpy as np

from ..errors import InputError, NfgError
from ..game import MAX_PLAYERS, Game, require_game
from ..numbers import number_text_problem
from .atomic import atomic_write_text
from .reading import read_bytes

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "nfg_text"]


# ASCII digits only (\d would also match Arabic-Indic and full-width digits, which int() reads)
_NUMBER_RE = re.compile(r"^[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+/[0-9]+)$")
_INT_RE = re.compile(r"^[0-9]+$")
_SMALL_INT_RE = re.compile(r"^[+-]?[0-9]{1,15}$")


# Whitespace and commas match nothing, so finditer skips them.
_TOKEN_RE = re.compile(r'([{}])|"((?:[^"\\]|\\.)*)"|([^\s{}",]+)|(")', re.S)
_UNESCAPE_RE = re.compile(r"\\(.)", re.S)
_QUOTES_RE = re.compile(r'"((?:[^"\\]|\\.)*)(")?', re.S)


class _Tokens:
    """The file as a stream of tokens ``(kind, value, offset)`` with kind '{', '}', 'str' or 'word'.

    Tokens are made one at a time as the parser asks for them, so a large
    file never holds a list of its tokens; lines are computed from offsets
    only when an error is reported.
    """

    def __init__(self, text: str, path):
        self.path = path
        self.text = text
        # An unterminated string is reported first, wherever it is, as when the file was tokenized whole.
        # Words cannot hold a quote, so the strings and lone quotes are found by scanning quotes alone.
        for m in _QUOTES_RE.finditer(text):
            if m.group(2) is None:
                raise NfgError('unterminated string (missing closing ")', path=path, line=self.line_at(m.start()))
        self._matches = _TOKEN_RE.finditer(text)
        self._last = 0  # offset of the last token taken, for an error at the end of the file
        self._advance()

    def _advance(self) -> None:
        m = next(self._matches, None)
        if m is None:
            self._tok: tuple = (None, None, None)
            return
        group = m.lastindex
        if group == 3:
            self._tok = ("word", m.group(3), m.start())
        elif group == 1:
            self._tok = (m.group(1), m.group(1), m.start())
        else:
            string = m.group(2)
            self._tok = ("str", _UNESCAPE_RE.sub(r"\1", string) if "\\" in string else string, m.start())

    def line_at(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def offset(self) -> int:
        """The offset of the next token, or of the last one at the end of the file."""
        return self._tok[2] if self._tok[0] is not None else self._last

    def error(self, message, offset=None, field=None):
        return NfgError(message, path=self.path, line=self.line_at(self.offset() if offset is None else offset),
                        field=field)

    def peek(self):
        return self._tok

    def remaining(self) -> int:
        """The number of tokens not yet taken (one pass over the rest of the text; for messages)."""
        if self._tok[0] is None:
            return 0
        return sum(1 for _ in _TOKEN_RE.finditer(self.text, self._tok[2]))

    def most_remaining(self) -> int:
        """An upper bound on :meth:`remaining`, in constant time: a token and its separator take two characters."""
        return 0 if self._tok[0] is None else (len(self.text) - self._tok[2]) // 2 + 1

    def next(self, kind, what, field=None):
        tok = self._tok
        if tok[0] != kind:
            if tok[0] is None:
                got = "the end of the file"
            else:
                # repr escapes a newline inside the string, so the message stays on one line; long ones are cut
                shown = tok[1] if len(tok[1]) <= 40 else tok[1][:37] + "..."
                got = f"the string {shown!r}" if tok[0] == "str" else f"{tok[1]!r}"
            raise self.error(f"expected {what}, got {got}", field=field)
        self._last = tok[2]
        self._advance()
        return tok


def _number(tok, tokens: _Tokens, exact: bool, field: str, cache: dict | None = None):
    _, text, offset = tok
    if cache is not None:
        hit = cache.get(text)
        if hit is not None:
            return hit
        value = _number(tok, tokens, exact, field)
        if len(cache) < 100_000:  # payoffs repeat a lot in real files; Fractions are immutable, so share them
            cache[text] = value
        return value
    if _SMALL_INT_RE.match(text):
        return Fraction(int(text)) if exact else float(int(text))
    if not _NUMBER_RE.match(text):
        raise tokens.error(f"expected a number such as 3, -0.25, 1/3 or 1e-3, got {text!r}", offset, field)
    problem = number_text_problem(text)  # before any number is built: 1e999999999 would build 10**999999999
    if problem:
        raise tokens.error(problem, offset, field)
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise tokens.error(f"zero denominator in {text}", offset, field)
        f = Fraction(int(num), int(den))
        return f if exact else float(f)
    if exact:
        return Fraction(text)
    v = float(text)
    if not math.isfinite(v):
        raise tokens.error(f"the number {text} is too large for a float", offset, field)
    return v


def _count(tok, tokens: _Tokens, field: str, lo: int = 0) -> int:
    _, text, offset = tok
    if not _INT_RE.match(text) or len(text) > 12:
        raise tokens.error(f"expected a whole number, got {text!r}", offset, field)
    v = int(text)
    if v < lo:
        raise tokens.error(f"expected a whole number >= {lo}, got {v}", offset, field)
    return v


def _header(t, magic: str, version: str, exact: bool | None) -> tuple[bool, str, list[str], int]:
    """Read Gambit's common header ``MAGIC VERSION R|D "title" { "player" ... }`` (.nfg and .efg).

    Returns the exactness (``exact``, or R's rational numbers when None), the
    title, the players and the line of the player list.
    """
    tok = t.next("word", f"the header '{magic} {version} R'", "header")
    if tok[1] != magic:
        raise t.error(f"an .{magic.lower()} file starts with '{magic} {version} R' (or '{magic} {version} D'), "
                      f"got {tok[1]!r}", tok[2], "header")
    tok = t.next("word", f"the version {version}", "header")
    if tok[1] != version:
        raise t.error(f"only version {version} of the .{magic.lower()} format is supported, got {tok[1]!r}", tok[2],
                      "header")
    tok = t.next("word", "the number type R or D", "header")
    if tok[1] not in ("R", "D"):
        raise t.error(f"the number type must be R (rational) or D (floating point), got {tok[1]!r}", tok[2], "header")
    if exact is None:
        exact = tok[1] == "R"
    title = t.next("str", "the quoted title", "title")[1]
    players_at = t.next("{", "'{' opening the list of players", "players")[2]
    players: list[str] = []
    while t.peek()[0] == "str":
        players.append(t.next("str", "a player name", "players")[1])
    t.next("}", "'}' closing the list of players (names are quoted strings)", "players")
    return exact, title, players, players_at


def parse_nfg(text: str, path=None, exact: bool | None = None) -> Game:
    """Parse the text of a ``.nfg`` file.

    Parameters
    ----------
    text : str
    path : str, optional
        For error messages.
    exact : bool, optional
        Force exact (Fractions) or float payoffs; default: exact for an
        ``R`` file, float for a ``D`` file.

    Raises
    ------
    NfgError
        With the path and line of the first problem.
    """
    if not isinstance(text, str):
        raise NfgError(f"expected the text of an .nfg file, got {type(text).__name__}", path=path)
    path = None if path is None else os.fspath(path)
    t = _Tokens(text, path)
    exact, title, players, players_at = _header(t, "NFG", "1", exact)
    if not players:
        raise t.error("a game needs at least one player", players_at, "players")
    if len(players) > MAX_PLAYERS:
        raise t.error(f"{len(players)} players; a game has at most {MAX_PLAYERS} players", players_at, "players")
    n = len(players)
    players = [p if p.strip() else f"Player {i + 1}" for i, p in enumerate(players)]

    strategies_at = t.next("{", "'{' opening the strategies", "strategies")[2]
    strategies = []
    if t.peek()[0] == "{":
        for i in range(n):
            t.next("{", f"'{{' opening the strategy labels of player {i + 1}", "strategies")
            labels = []
            while t.peek()[0] == "str":
                labels.append(t.next("str", "a strategy label", "strategies")[1])
            t.next("}", f"'}}' closing the strategy labels of player {i + 1} (labels are quoted strings)", "strategies")
            if not labels:
                raise t.error(f"player {players[i]!r} has no strategies", field="strategies")
            strategies.append([lab if lab.strip() else str(j + 1) for j, lab in enumerate(labels)])
    else:
        counts = [_count(t.next("word", f"the number of strategies of player {i + 1}", "strategies"), t,
                         "strategies", lo=1) for i in range(n)]
        _check_profiles(t, counts, strategies_at)  # before making a label per strategy
        strategies = [[str(j + 1) for j in range(k)] for k in counts]
    t.next("}", f"'}}' closing the strategies of the {n} players", "strategies")
    shape = tuple(len(s) for s in strategies)
    _check_profiles(t, shape, strategies_at)
    num_profiles = math.prod(shape)

    if t.peek()[0] == "str":  # the optional comment
        t.next("str", "a comment")

    if t.peek()[0] == "{":
        flat = _outcome_version(t, n, num_profiles, exact)
    elif t.peek()[0] == "word":
        if t.remaining() < num_profiles * n:
            raise t.error(
                f"expected {num_profiles * n} payoffs ({num_profiles} profiles x {n} players), got {t.remaining()}",
                field="payoffs",
            )
        cache: dict = {}
        flat = [
            _number(t.next("word", "a payoff", "payoffs"), t, exact, "payoffs", cache) for _ in range(num_profiles * n)
        ]
    else:
        raise t.error("expected the payoffs (numbers) or the outcome list ('{')", field="payoffs")
    if t.peek()[0] is not None:
        raise t.error(f"unexpected {t.peek()[1]!r} after the payoffs", field="payoffs")

    # Gambit lists profiles with the first player's strategy changing fastest.
    arr: np.ndarray = np.empty(num_profiles * n, dtype=object)
    arr[:] = flat
    arr = arr.reshape(tuple(reversed(shape)) + (n,)).transpose(list(reversed(range(n))) + [n])
    try:
        return Game(np.array(arr), players, strategies, title, "exact" if exact else "float")
    except InputError as exc:
        offset = strategies_at if "strateg" in str(exc) else players_at
        raise NfgError(exc.message, path=path, line=t.line_at(offset), field=exc.field) from None


def _check_profiles(t: _Tokens, shape, strategies_at: int) -> None:
    """Refuse strategy counts whose profiles the rest of the file cannot list, before anything is built.

    Each profile needs at least one token after the strategy block (an
    outcome number, or a payoff per player), and a token takes at least two
    characters with its separator, so the counts are checked against the
    characters left, in constant time.  A game of at most 10000 profiles is
    cheap to set up, and is left to the messages that count what is there.
    """
    num_profiles = math.prod(shape)
    most = t.most_remaining()
    if num_profiles > max(most, 10_000):  # a small game with too few payoffs gets the message that counts them
        raise t.error(
            f"the strategy counts {' x '.join(map(str, shape))} make {num_profiles} profiles, but the rest of the "
            f"file can hold at most {most} payoffs or outcome numbers",
            strategies_at, "strategies",
        )


def _outcome_version(t: _Tokens, n: int, num_profiles: int, exact: bool) -> list:
    t.next("{", "'{' opening the outcome list", "outcomes")
    outcomes: list[list] = []
    cache: dict = {}
    while t.peek()[0] == "{":
        start = t.next("{", "'{' opening an outcome", "outcomes")[2]
        t.next("str", "the outcome's quoted name", "outcomes")
        pays = []
        while t.peek()[0] == "word":
            pays.append(_number(t.next("word", "a payoff", "outcomes"), t, exact, "outcomes", cache))
        t.next("}", "'}' closing the outcome", "outcomes")
        if len(pays) != n:
            raise t.error(
                f"outcome {len(outcomes) + 1} has {len(pays)} payoffs, expected {n} (one per player)", start, "outcomes"
            )
        outcomes.append(pays)
    t.next("}", "'}' closing the outcome list", "outcomes")
    if t.remaining() < num_profiles:
        raise t.error(
            f"expected {num_profiles} outcome numbers (one per profile), got {t.remaining()}", field="outcomes"
        )
    zero = [Fraction(0) if exact else 0.0] * n
    flat: list = []
    for _ in range(num_profiles):
        tok = t.next("word", "an outcome number", "outcomes")
        k = _count(tok, t, "outcomes")
        if k > len(outcomes):
            raise t.error(
                f"outcome number {k} but only {len(outcomes)} outcomes are defined (0 is the null outcome)",
                tok[2], "outcomes",
            )
        flat.extend(outcomes[k - 1] if k else zero)
    return flat


def read_nfg(path, exact: bool | None = None) -> Game:
    """Read a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    path : str or os.PathLike
    exact : bool, optional
        Default: exact for ``NFG 1 R`` files, float for ``NFG 1 D``.

    Raises
    ------
    NfgError
        With the path and line of the first problem.
    """
    raw = read_bytes(path, NfgError)  # first: it refuses what is not a path, a regular file or small enough
    path = os.fspath(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # Gambit's own files predate UTF-8 labels
    return parse_nfg(text, path, exact)


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_payoff(x, kind: str) -> str:
    if kind == "float":
        return repr(float(x))
    return str(x if isinstance(x, Fraction) else Fraction(x))


def nfg_text(game: Game) -> str:
    """The outcome version of ``game`` as .nfg text, with labels (one outcome per profile).

    >>> from gametheory import Game
    >>> print(nfg_text(Game.from_bimatrix([[1, 0]], [["1/2", 2]], title="t")), end="")
    NFG 1 R "t" { "Player 1" "Player 2" }
    <BLANKLINE>
    { { "1" }
    { "1" "2" }
    }
    ""
    <BLANKLINE>
    {
    { "" 1, 1/2 }
    { "" 0, 2 }
    }
    1 2
    """
    game = require_game(game)
    if game.kind == "symbolic":
        raise InputError("an .nfg file holds numbers; substitute the parameters first", field="game")
    n = game.num_players
    number_type = "D" if game.kind == "float" else "R"
    lines = [f"NFG 1 {number_type} {_quote(game.title)} {{ {' '.join(map(_quote, game.players))} }}", ""]
    lines.append("{ " + "\n".join("{ " + " ".join(map(_quote, s)) + " }" for s in game.strategies))
    lines.append("}")
    lines.append('""')
    lines.append("")
    lines.append("{")
    # profiles in Gambit's order: the first player's strategy changes fastest
    pays = np.asarray(game.payoffs).transpose(list(reversed(range(n))) + [n]).reshape(-1, n)
    cache: dict = {}

    def fmt(x):
        text = cache.get(x)
        if text is None:
            text = cache[x] = _format_payoff(x, game.kind)
        return text

    for row in pays:
        lines.append('{ "" ' + ", ".join(map(fmt, row)) + " }")
    lines.append("}")
    lines.append(" ".join(str(k + 1) for k in range(len(pays))))
    return "\n".join(lines) + "\n"


def write_nfg(game: Game, path) -> None:
    """Write ``game`` to ``path`` in the outcome version (atomically)."""
    atomic_write_text(path, nfg_text(game))
