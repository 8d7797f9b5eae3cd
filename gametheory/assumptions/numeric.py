r"""Vectorised evaluation of symbolic payoffs over arrays of parameter values.

A symbolic payoff is a sympy expression built by the model's whitelist parser
from numbers, parameters, ``+ - * / **`` and ``min, max, abs, exp, log, sqrt``.
:func:`evaluate` walks that tree once and applies the NumPy ufunc of each
node to whole arrays, so a batch of :math:`B` parameter draws becomes a payoff
array of shape ``(B, n_1, ..., n_N, N)`` in :math:`O(\text{nodes})` array
operations.  No code is generated and nothing is ``eval``-ed (unlike
``sympy.lambdify``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import sympy
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError, UnsupportedGameError

if TYPE_CHECKING:
    from ..game import Game

#: A value of every point at once: a scalar, or an array with one entry per point.
Values: TypeAlias = float | NDArray[np.float64]

__all__ = ["evaluate", "payoff_batch"]

_FUNCS = {
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.Abs: np.abs,
}


def evaluate(expr: sympy.Basic | float, values: Mapping[str, Values], size: int) -> NDArray[np.float64]:
    """Evaluate ``expr`` with ``values[name]`` (scalars or arrays of length ``size``).

    Examples
    --------
    >>> import sympy, numpy as np
    >>> x, y = sympy.symbols("x y")
    >>> evaluate(sympy.Max(x, 1) - y / 2, {"x": np.array([0.0, 3.0]), "y": 2.0}, 2)
    array([0., 2.])
    """
    out = _eval(expr, values) if isinstance(expr, sympy.Basic) else float(expr)
    return np.broadcast_to(np.asarray(out, dtype=float), (size,))


def _eval(e: sympy.Basic, values: Mapping[str, Values]) -> Values:
    if e.is_Number:
        return float(e)
    if e.is_Symbol:
        try:
            return values[e.name]
        except KeyError:
            raise InputError(f"no value for parameter {e.name!r}", field="parameters") from None
    if e.is_Add:
        total: Values = 0.0
        for a in e.args:
            total = total + _eval(a, values)
        return total
    if e.is_Mul:
        product: Values = 1.0
        for a in e.args:
            product = product * _eval(a, values)
        return product
    if e.is_Pow:
        base, ex = e.args
        b = _eval(base, values)
        if ex.is_Integer:
            k = int(ex)
            return b**k if k >= 0 else 1.0 / (b ** (-k))
        return np.power(b, _eval(ex, values))
    if isinstance(e, sympy.Max):
        return _reduce(np.maximum, e.args, values)
    if isinstance(e, sympy.Min):
        return _reduce(np.minimum, e.args, values)
    for cls, f in _FUNCS.items():
        if isinstance(e, cls):
            return f(_eval(e.args[0], values))
    if e in (sympy.E,):
        return float(e)
    if e.is_number:
        return float(e)
    raise UnsupportedGameError(f"cannot evaluate {type(e).__name__} in payoff expression {e}")


def _reduce(f: Callable[[Values, Values], Values], args: Sequence[sympy.Basic], values: Mapping[str, Values]) -> Values:
    out = _eval(args[0], values)
    for a in args[1:]:
        out = f(out, _eval(a, values))
    return out


def payoff_batch(game: Game, values: Mapping[str, ArrayLike], size: int) -> NDArray[np.float64]:
    """Payoff arrays of ``game`` at ``size`` parameter points, shape ``(size, n_1, ..., n_N, N)``.

    Parameters
    ----------
    game : Game
        Symbolic, exact or float game.
    values : dict
        ``{parameter name: scalar or array of shape (size,)}``.
    size : int
        Number of points.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> a = sympy.Symbol("a")
    >>> g = Game.from_bimatrix([[a, 0]], [[0, 1]])
    >>> payoff_batch(g, {"a": [1.0, 2.0]}, 2)[:, 0, 0, 0]
    array([1., 2.])
    """
    pay = game.payoffs
    out = np.empty((size,) + pay.shape, dtype=float)
    if game.kind != "symbolic":
        out[...] = np.asarray(pay, dtype=float)
        return out
    arrays = {k: np.asarray(v, dtype=float) for k, v in values.items()}
    vals: dict[str, Values] = {k: (a if a.ndim else float(a)) for k, a in arrays.items()}
    cache: dict[sympy.Basic, NDArray[np.float64]] = {}
    for idx in np.ndindex(pay.shape):
        e = pay[idx]
        if e not in cache:
            cache[e] = evaluate(e, vals, size)
        out[(slice(None),) + idx] = cache[e]
    return out
