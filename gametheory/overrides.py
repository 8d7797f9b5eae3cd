"""Parameter overrides written as text, ``NAME=VALUE`` (the command line's ``--param``).

Values are read exactly (:func:`gametheory.numbers.parse_rational`): ``0.4``
is 2/5, ``1/3`` is one third.  Whether a name is a parameter of a model is
checked where the model is known (:meth:`gametheory.io.model.Model.game_at`,
:func:`gametheory.predictions.model_values`, :meth:`gametheory.assumptions.space.Space.check`).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .errors import InputError
from .numbers import parse_rational

__all__ = ["parse_overrides"]


def parse_overrides(items: Iterable[str] | None, path: str | None = None) -> dict[str, Fraction]:
    """``["v_md=3", "g=1/2"]`` -> ``{"v_md": Fraction(3), "g": Fraction(1, 2)}``; errors name ``path``.

    Parameters
    ----------
    items : iterable of str
        ``NAME=VALUE`` texts; NAME a Python identifier, each at most once.
    path : str, optional
        The model file the overrides are for, named in error messages.

    Raises
    ------
    InputError
        For text that is not ``NAME=VALUE``, a name given twice, or a value that is not a number.

    Examples
    --------
    >>> parse_overrides(["g=0.5", "v_md = 3"])
    {'g': Fraction(1, 2), 'v_md': Fraction(3, 1)}
    >>> parse_overrides(["g"])
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --param expects NAME=VALUE with NAME a parameter name, got 'g'
    """
    out: dict[str, Fraction] = {}
    for item in items or ():
        name, sep, value = str(item).partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise InputError(f"--param expects NAME=VALUE with NAME a parameter name, got {item!r}", path=path)
        if name in out:
            raise InputError(f"--param {name} given twice", path=path)
        try:
            out[name] = parse_rational(value.strip())
        except InputError as exc:  # not a number, or too large a one: parse_rational says which
            raise InputError(f"--param {name}: {exc.message}", path=path) from None
    return out
