"""Exceptions raised by gametheory.

One base class, :class:`GameTheoryError`.  Errors caused by the caller's input
also subclass :class:`ValueError`, so ``except ValueError`` keeps working, and
carry the file (``path``), the line (``line``) and the field at fault so that
the command line can print ``error: PATH[:LINE]: message``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "GameTheoryError",
    "InputError",
    "LabelError",
    "ExpressionError",
    "ModelError",
    "NfgError",
    "EfgError",
    "TreeError",
    "UndefinedPayoffError",
    "UnsupportedGameError",
    "CostLimitError",
    "located",
    "error_line",
    "one_line",
]


class GameTheoryError(Exception):
    """Base class of every error raised on purpose by gametheory."""


class InputError(GameTheoryError, ValueError):
    """The caller's data is malformed.

    Parameters
    ----------
    message : str
        What is wrong and what was expected.
    path : str, optional
        The file the data came from.
    line : int, optional
        The 1-based line in ``path``.
    field : str, optional
        The field (key, argument) at fault.
    """

    def __init__(self, message: str, *, path=None, line=None, field=None):
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        super().__init__(self.location_message())

    def location_message(self) -> str:
        """Return ``PATH[:LINE]: [field: ]message`` (or just the message)."""
        msg = self.message
        if self.field and not msg.startswith(self.field):
            msg = f"{self.field}: {msg}"
        if self.path is None:
            return msg
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{loc}: {msg}"

    def with_location(self, path=None, line=None, field: str | None = None) -> InputError:
        """Return a copy of this error with ``path``, ``line`` and ``field`` filled in where missing.

        What the error already says is kept: the innermost code knows best
        where the fault is, and an outer caller (a file reader, a command)
        only adds what it knows and the inner code did not.  The copy has the
        same class and attributes.

        >>> err = InputError("expected a number", field="default")
        >>> str(err.with_location("m.toml", 12, field="parameters.g"))
        'm.toml:12: default: expected a number'
        """
        err = type(self).__new__(type(self))
        err.__dict__.update(self.__dict__)  # attributes a subclass may add
        InputError.__init__(
            err,
            self.message,
            path=self.path if self.path is not None else path,
            line=self.line if self.line is not None else line,
            field=self.field if self.field is not None else field,
        )
        return err


class LabelError(InputError, KeyError):
    """An unknown or duplicate player or strategy label."""

    def __str__(self):  # KeyError would otherwise quote the message
        return self.location_message()


class ExpressionError(InputError):
    """A payoff expression uses a construct outside the whitelist."""


class ModelError(InputError):
    """A model file (TOML) is malformed."""


class NfgError(InputError):
    """A Gambit .nfg file is malformed."""


class EfgError(InputError):
    """A Gambit .efg file is malformed."""


class TreeError(InputError):
    """A game tree is malformed (a cycle, a missing payoff, imperfect recall, ...).

    Attributes
    ----------
    node : int or None
        The node at fault, numbered as in the caller's input (a file reader
        turns it into a line), or None when no single node is at fault.
    """

    def __init__(self, message: str, *, node: int | None = None, **location):
        self.node = node
        super().__init__(message, **location)


class UndefinedPayoffError(InputError):
    """A payoff is not a finite real number at the given parameter values (``1/(t - 5)`` at ``t = 5``).

    Attributes
    ----------
    profile : tuple of str
        The pure profile, one strategy label per player.
    player : str
        The player whose payoff it is.
    """

    def __init__(self, message: str, *, profile: tuple = (), player: str | None = None, **location):
        self.profile = tuple(profile)
        self.player = player
        super().__init__(message, **location)


class UnsupportedGameError(GameTheoryError, ValueError):
    """A method was asked to solve a game it does not handle (e.g. 3 players)."""


class CostLimitError(GameTheoryError):
    """A method's estimated cost exceeds the limit; raise the limit to run it."""


@contextmanager
def located(path) -> Iterator[None]:
    """Give every :class:`InputError` raised inside the file's ``path`` (the CLI prints ``error: PATH: ...``).

    >>> with located("m.toml"):
    ...     raise InputError("expected a number", line=3)
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: m.toml:3: expected a number
    """
    try:
        yield
    except InputError as exc:
        raise exc.with_location(path=path) from None


def one_line(text: str) -> str:
    """``text`` on one line: a newline taken from the input into a message is shown escaped.

    >>> one_line("bad label 'a\\nb'")
    "bad label 'a\\\\nb'"
    """
    return text.replace("\r", "\\r").replace("\n", "\\n")


def error_line(exc: BaseException) -> str:
    """What the command line prints after ``error: `` (and the web lab answers as ``error``) for ``exc``.

    An :class:`InputError` with its location (``PATH[:LINE]: message``), any other error its message; one line.

    >>> error_line(InputError("expected a number", path="m.toml", line=3))
    'm.toml:3: expected a number'
    """
    return one_line(exc.location_message() if isinstance(exc, InputError) else str(exc))
