"""A web lab request read as the command line's options: model or typed game, parameters, flags, limits.

A request is a query string (``?model=cfe_md_package&eps_a=1/2&exact=1``) or a
JSON object in a POST body with the same keys.  The keys of :data:`RESERVED`
are options of the commands (``method`` is ``--method``, ``exact=1`` is
``--exact``, ``vary`` is ``--vary`` and may repeat); every other key is a model
parameter ``NAME=VALUE``, read exactly as ``--param NAME=VALUE``
(:func:`gametheory.overrides.parse_overrides`), and ``param=NAME=VALUE`` may
repeat too.  Nothing here needs Flask: the app hands over the pairs.

Examples
--------
>>> q = Query.from_pairs([("model", "m"), ("eps_a", "1/2"), ("exact", "1"), ("param", "v=3")])
>>> q.get("model"), q.param_items(), q.flag("exact"), q.flag("float")
('m', ['eps_a=1/2', 'v=3'], True, False)
>>> effective_max_cost("100", 10**9), effective_max_cost("1e12", 10**9)
(100, 1000000000)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["RESERVED", "REPEATABLE", "Query", "UnknownModelError", "model_path", "effective_max_cost"]

#: Keys that are options, not model parameters.
RESERVED = frozenset({
    "model", "game", "method", "exact", "float", "format", "max_cost", "vary", "margins", "prediction",
    "no_assumptions", "solution", "disagreement", "free_disposal", "delta", "first", "kernel", "param",
})

#: Keys that may be given more than once (``--vary`` and ``--param`` repeat on the command line too).
REPEATABLE = frozenset({"vary", "param"})

_TRUE = frozenset({"1", "true", "yes", "on", ""})
_FALSE = frozenset({"0", "false", "no", "off"})

#: A model name: a file stem in the models directory, no separators, no leading dot.
_MODEL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


class UnknownModelError(InputError):
    """``model=NAME`` names no model file in the lab's models directory (HTTP 404)."""


@dataclass(frozen=True)
class Query:
    """The request's ``(key, value)`` pairs, in order; values are text."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Query:
        return cls(tuple((str(k), str(v)) for k, v in pairs))

    @classmethod
    def from_request(cls, args: Iterable[tuple[str, str]], body: object = None) -> Query:
        """The query string's pairs, then a JSON body's (an object; values text, whole numbers or lists of them)."""
        pairs = [(str(k), str(v)) for k, v in args]
        if body is None:
            return cls(tuple(pairs))
        if not isinstance(body, Mapping):
            raise InputError("the request body must be a JSON object, e.g. {\"game\": \"3,3 0,5; 5,0 1,1\"}",
                             field="body")
        for key, value in body.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((str(key), _body_text(key, item)))
        return cls(tuple(pairs))

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of an option given at most once (twice is an error, as it would be ambiguous)."""
        values = self.getlist(key)
        if len(values) > 1 and key not in REPEATABLE:
            raise InputError(f"{key} given {len(values)} times; give it once", field=key)
        return values[0] if values else default

    def flag(self, key: str) -> bool:
        """A flag: ``key=1`` (or ``true``, ``yes``, ``on``, or no value) is set; ``0``, ``false``, ... or absent not."""
        value = self.get(key)
        if value is None:
            return False
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InputError(f"{key} is a flag: expected 1 or 0, got {value!r}", field=key)

    def exactness(self) -> bool | None:
        """True for ``exact=1``, False for ``float=1``, None for neither (``--exact`` / ``--float``)."""
        exact, floats = self.flag("exact"), self.flag("float")
        if exact and floats:
            raise InputError("exact and float cannot both be set", field="exact")
        return True if exact else False if floats else None

    def param_items(self) -> list[str]:
        """``NAME=VALUE`` texts of the model parameters: every key not reserved, then each ``param=NAME=VALUE``."""
        items = [f"{k}={v}" for k, v in self.pairs if k not in RESERVED]
        return items + self.getlist("param")

    def whole(self, key: str, default: int) -> int:
        """A whole-number option (``prediction=2``)."""
        value = self.get(key)
        if value is None:
            return default
        try:
            return int(value.strip())
        except ValueError:
            raise InputError(f"{key} must be a whole number, got {value!r}", field=key) from None


def _body_text(key: object, value: object) -> str:
    """A JSON body value as the text a query string would carry (a float is refused: it is not exact)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (str, int)):
        return str(value)
    raise InputError(f"{key}: expected text or a whole number (write 1/2 or \"0.5\" for a fraction), got "
                     f"{type(value).__name__}", field=str(key))


def model_path(models_dir: str, name: str) -> str:
    """The file ``models_dir/NAME.toml`` of a model name; UnknownModelError for any other name.

    Only a plain file name is accepted (no separator, no ``..``), and the file
    must lie in the directory itself, so a request reaches no other file.

    >>> model_path("models", "../setup")
    Traceback (most recent call last):
    ...
    gametheory.web.query.UnknownModelError: no model named '../setup'
    """
    if not _MODEL_NAME.match(name) or ".." in name:
        raise UnknownModelError(f"no model named {name!r}")
    path = os.path.join(models_dir, name + ".toml")
    inside = os.path.dirname(os.path.realpath(path)) == os.path.realpath(models_dir)
    if not inside or not os.path.isfile(path):
        raise UnknownModelError(f"no model named {name!r}")
    return path


def effective_max_cost(requested: str | None, ceiling: int) -> int:
    """The limit of a request: its ``max_cost`` when below the server's ``ceiling``, else the ceiling.

    A request may lower the limit, never raise it (the server's ``--max-cost`` decides).
    """
    from ..cost import validate_max_cost

    return ceiling if requested is None else min(ceiling, validate_max_cost(requested))
