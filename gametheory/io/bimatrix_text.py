"""A two-player game typed as text (the web lab's "type a bimatrix"): ``3,3 0,5; 5,0 1,1``.

The format, one row of the payoff table per line or per ``;``:

* a cell is ``a,b``: the row player's payoff ``a`` and the column player's
  ``b``, each an exact number read by :func:`gametheory.numbers.parse_rational`
  (``2``, ``-0.5``, ``1/3``, ``1e-3``; its limits on digits and exponents
  apply); spaces around the comma and parentheses around the cell are allowed;
* cells are separated by white space or ``|``; every row has as many cells;
* an optional first line names the players and their strategies,
  ``Row: U D; Column: L R``: each part ``PLAYER: LABELS``, the labels separated
  by white space, or by commas when a label has a space
  (``Serbia: Stand up, Stay quiet; West: Offer, No offer``).  Without it the
  players are ``Row`` and ``Column`` and the strategies ``R1..Rm`` and ``C1..Cn``;
* blank lines and lines starting with ``#`` are skipped.

The game is exact and titled ``typed game``.  The text may have at most
:data:`MAX_TEXT_CHARS` characters and the table at most ``max_size`` rows and
columns, both checked before the numbers are read; every error names the line
at fault.  :func:`format_bimatrix_text` writes a two-player game in this
format (the names line included), so ``parse_bimatrix_text(format_bimatrix_text(g))``
gives ``g`` back (with the title ``typed game``).

Examples
--------
>>> g = parse_bimatrix_text("3,3 0,5; 5,0 1,1")
>>> g.players, g.strategies
(('Row', 'Column'), (('R1', 'R2'), ('C1', 'C2')))
>>> g.payoff({"Row": "R2", "Column": "C1"})
{'Row': Fraction(5, 1), 'Column': Fraction(0, 1)}
>>> text = "Russia: Renew Suspend; US: Abandon Build\\n1/2,3 0,-1\\n4,0 1,1"
>>> print(format_bimatrix_text(parse_bimatrix_text(text)), end="")
Russia: Renew Suspend; US: Abandon Build
1/2,3  0,-1
4,0    1,1
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["MAX_TEXT_CHARS", "TYPED_PATH", "TYPED_TITLE", "format_bimatrix_text", "parse_bimatrix_text"]

#: The most characters of a typed game (checked before anything is parsed).
MAX_TEXT_CHARS = 20_000
#: The title of a typed game.
TYPED_TITLE = "typed game"
#: What error messages name a typed game as, in place of a file.
TYPED_PATH = "<typed game>"
#: Characters a player name or strategy label cannot hold in this format (they separate its parts).
_RESERVED = set(";:,|#()\n\r")

_CELL_SEP = re.compile(r"[\s|]+")
_AROUND_COMMA = re.compile(r"\s*,\s*")
_AROUND_SLASH = re.compile(r"\s*/\s*")


def _names_line(text: str, line: int, path: str) -> tuple[list[str], list[list[str]]]:
    """``Row: U D; Column: L R`` -> (players, strategies)."""
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) != 2:
        raise InputError("the names line names two players, 'ROW PLAYER: labels; COLUMN PLAYER: labels'; "
                         f"got {len(parts)} part{'' if len(parts) == 1 else 's'}", path=path, line=line)
    players, strategies = [], []
    for part in parts:
        name, sep, labels = part.partition(":")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"expected 'PLAYER: labels', got {part.strip()!r}", path=path, line=line)
        if ":" in labels:
            raise InputError(f"expected one ':' in {part.strip()!r}", path=path, line=line)
        if "," in labels:
            split = [x.strip() for x in labels.split(",")]
            if len(split) > 1 and not split[-1]:  # "Stand up," names one label that has a space
                split.pop()
        else:
            split = labels.split()
        if not split or any(not x for x in split):
            raise InputError(f"{name}: expected strategy labels separated by spaces or commas, got {labels.strip()!r}",
                             path=path, line=line)
        players.append(name)
        strategies.append(split)
    return players, strategies


def _cell(cell: str, line: int, path: str) -> tuple[Fraction, Fraction]:
    from ..numbers import parse_rational

    inner = cell[1:-1] if cell.startswith("(") and cell.endswith(")") else cell
    values = inner.split(",")
    if len(values) != 2:
        raise InputError(f"a cell is 'a,b' (the row player's payoff, the column player's), got {cell!r}",
                         path=path, line=line)
    try:
        return parse_rational(values[0]), parse_rational(values[1])
    except InputError as exc:
        raise exc.with_location(path=path, line=line) from None


def parse_bimatrix_text(text: str, *, max_size: int = 15, path: str = TYPED_PATH) -> Game:
    """The exact two-player game typed as ``text`` (the format: the module docstring).

    Parameters
    ----------
    text : str
    max_size : int
        The most rows and the most columns.
    path : str
        Names the text in error messages (``<typed game>:LINE: ...``).

    Raises
    ------
    InputError
        With the line at fault: text longer than :data:`MAX_TEXT_CHARS`, no
        rows, a cell that is not ``a,b`` of two numbers, rows of different
        lengths, more than ``max_size`` rows or columns, a names line whose
        labels do not match the table.

    Examples
    --------
    >>> parse_bimatrix_text("1,1 0,0\\n0,0")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: <typed game>:2: this row has 1 cell; the first row has 2
    """
    from ..game import Game

    if not isinstance(text, str):
        raise InputError(f"expected the game as text, got {type(text).__name__}", path=path)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"the typed game has {len(text)} characters; at most {MAX_TEXT_CHARS}", path=path)
    names: tuple[list[str], list[list[str]]] | None = None
    names_at = 0
    rows: list[tuple[int, list[str]]] = []  # (line, cells): sizes are checked before a number is read
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if ":" in line:
            if names is not None or rows:
                raise InputError("only the first line may name the players ('Row: U D; Column: L R')",
                                 path=path, line=number)
            names, names_at = _names_line(line, number, path), number
            continue
        for part in line.split(";"):
            part = _AROUND_SLASH.sub("/", _AROUND_COMMA.sub(",", part.strip()))
            if not part:
                continue
            cells = [c for c in _CELL_SEP.split(part) if c]
            if len(cells) > max_size:
                raise InputError(f"this row has {len(cells)} cells; a typed game has at most {max_size} columns",
                                 path=path, line=number)
            if rows and len(cells) != len(rows[0][1]):
                def count(n: int) -> str:
                    return f"{n} cell" + ("" if n == 1 else "s")
                raise InputError(f"this row has {count(len(cells))}; the first row has {len(rows[0][1])}",
                                 path=path, line=number)
            rows.append((number, cells))
            if len(rows) > max_size:
                raise InputError(f"more than {max_size} rows; a typed game has at most {max_size}",
                                 path=path, line=number)
    if not rows:
        raise InputError("no payoff rows; type one row per line, cells 'a,b' separated by spaces "
                         "(e.g. '3,3 0,5; 5,0 1,1')", path=path)
    A = [[Fraction(0)] * len(rows[0][1]) for _ in rows]
    B = [[Fraction(0)] * len(rows[0][1]) for _ in rows]
    for r, (number, cells) in enumerate(rows):
        for c, cell in enumerate(cells):
            A[r][c], B[r][c] = _cell(cell, number, path)
    m, n = len(rows), len(rows[0][1])
    if names is None:
        players = ["Row", "Column"]
        strategies = [[f"R{i + 1}" for i in range(m)], [f"C{j + 1}" for j in range(n)]]
    else:
        players, strategies = names
        for who, labels, size, what in ((players[0], strategies[0], m, "row"),
                                        (players[1], strategies[1], n, "column")):
            if len(labels) != size:
                raise InputError(f"{who} has {len(labels)} strateg{'y' if len(labels) == 1 else 'ies'} but the table "
                                 f"has {size} {what}{'' if size == 1 else 's'}", path=path, line=names_at)
    try:
        return Game.from_bimatrix(A, B, players=players, strategies=strategies, title=TYPED_TITLE, kind="exact")
    except InputError as exc:  # a label given twice, a player named twice, a payoff too large...
        raise exc.with_location(path=path, line=names_at or rows[0][0]) from None


def _number_text(x: Any) -> str:
    """An exact payoff as ``str(Fraction)``; a float as its shortest decimal (read back exactly)."""
    if isinstance(x, (float, np.floating)):
        return repr(float(x))
    return str(Fraction(x))


def format_bimatrix_text(game: Game) -> str:
    """A two-player game as typed text: the names line, then one aligned row per line (the inverse of
    :func:`parse_bimatrix_text`).

    Raises
    ------
    InputError
        For a game without two players, with symbolic payoffs, or a name or label this format cannot
        hold (one with ``; : , | # ( )``, or that is empty).
    """
    if game.num_players != 2:
        raise InputError(f"a typed game has two players; this one has {game.num_players}", field="game")
    game.require_numeric("typed text")
    for name in (*game.players, *game.strategies[0], *game.strategies[1]):
        if not name.strip() or name != name.strip() or set(name) & _RESERVED:
            raise InputError(f"the name {name!r} cannot be written in a typed game "
                             "(it is empty, has spaces at its ends, or holds one of ; : , | # ( ))", field="game")
    parts = []
    for player, labels in zip(game.players, game.strategies):
        spaced = any(any(ch.isspace() for ch in lab) for lab in labels)
        written = (", " if spaced else " ").join(labels) + ("," if spaced and len(labels) == 1 else "")
        parts.append(f"{player}: {written}")
    A, B = game.bimatrix()
    cells = [[f"{_number_text(A[r, c])},{_number_text(B[r, c])}" for c in range(A.shape[1])]
             for r in range(A.shape[0])]
    widths = [max(len(row[c]) for row in cells) for c in range(A.shape[1])]
    lines = ["; ".join(parts)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"
