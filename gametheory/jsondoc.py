"""Strict JSON documents: the text every command's ``--json`` prints and every web lab API route answers.

A result's ``to_json()`` gives a dict; :func:`json_text` turns it into one
document of strict JSON (RFC 8259): NaN and infinities are refused
(``allow_nan=False``), so a result with an undefined number must say so with
``null`` and a note; a value JSON cannot hold (a Fraction that slipped
through) is written as its ``str``.

References
----------
T. Bray (ed.), "The JavaScript Object Notation (JSON) Data Interchange Format", RFC 8259, 2017.
"""

from __future__ import annotations

import json

from .errors import GameTheoryError

__all__ = ["json_text"]


def json_text(doc, ensure_ascii: bool = True) -> str:
    """One strict JSON document, indented by two spaces (values JSON cannot hold as their str).

    >>> print(json_text({"x": 1}))
    {
      "x": 1
    }
    >>> json_text({"x": float("nan")})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.GameTheoryError: internal error: a number in the JSON document is not finite (Out of range...)
    """
    try:
        return json.dumps(doc, indent=2, default=str, ensure_ascii=ensure_ascii, allow_nan=False)
    except ValueError as exc:
        raise GameTheoryError(f"internal error: a number in the JSON document is not finite ({exc})") from None
