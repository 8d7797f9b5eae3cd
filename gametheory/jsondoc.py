"""Strict JSON documents: the text every command's ``--json`` prints and every web lab API route answers.

A result's ``to_json()`` gives a dict whose numbers :func:`json_value` wrote
(exact ones as their text, ``"1/3"``, as model files write them; floats as JSON
numbers); :func:`json_text` turns it into one
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
import math
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import GameTheoryError
from .numbers import is_sympy

__all__ = ["json_text", "json_value"]


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


def json_value(x: Any) -> Any:
    """A number of a JSON document: exact as its text (``"1/3"``, ``"2"``), a float as a JSON number, a formula as
    its text; None for None and for a float that is not finite (strict JSON has no NaN).

    >>> json_value(Fraction(1, 3)), json_value(2), json_value(0.5), json_value(float("nan"))
    ('1/3', '2', 0.5, None)
    """
    if x is None:
        return None
    if is_sympy(x):
        return str(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        return v if math.isfinite(v) else None
    return str(Fraction(x))
