r"""The scale of a game's payoffs: overflow-free float views for scale-free solvers.

Multiplying every payoff of a game by the same positive number :math:`c`
changes no best reply, so it changes no equilibrium; a solver's answer should
not depend on :math:`c` either.  Float code depends on it in two ways:

* absolute thresholds: a regret below ``1e-9`` "is zero" certifies nothing
  when the payoffs themselves are ``1e-12``.  Tolerances are therefore
  relative, :math:`\mathrm{tol} = \mathrm{rel}\cdot\max|u|`
  (:func:`gametheory.profile.default_tolerance`, their one owner);
* the float range: payoffs near ``1.8e308`` overflow in a sum or a product,
  and an exact payoff of ``10**400`` has no float at all.

:func:`scaled_floats` gives floats :math:`f` and an exponent :math:`k` with
:math:`u \approx f \cdot 2^k` and :math:`\max|f| \in [1, 2^{20}]`, on which
float kernels run without overflow and with thresholds of a fixed meaning.
The factor is a power of two, so scaling a float is exact (no rounding,
barring subnormal underflow); exact payoffs are divided exactly before the
one rounding to float.  A game whose largest payoff already lies in
:math:`[1, 2^{20}]` gets :math:`k = 0`: games of ordinary size are solved on
their own numbers.

Examples
--------
>>> f, k = scaled_floats([1e-12, -2e-12])
>>> k, f.tolist() == [1e-12 * 2.0**-k, -2e-12 * 2.0**-k]
(-39, True)
>>> f, k = scaled_floats([10**400, 1])
>>> k, float(f[0]) == 10**400 / 2**k
(1328, True)
>>> scaled_floats([3, -5])[1]
0
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["max_abs", "scale_exponent", "scaled_floats"]

_EXACT_TYPES = (int, Fraction)

#: Largest max|u| solved without scaling: games of ordinary size keep their own numbers.
_PLAIN_MAX = 2.0**20


def max_abs(values: ArrayLike) -> Fraction | float:
    """``max |u|`` over ``values``: exact (a Fraction) for exact entries, a float otherwise; 0 when empty.

    >>> max_abs([Fraction(-7, 2), 3]), max_abs([0.5, -2.0])
    (Fraction(7, 2), 2.0)
    """
    arr = np.asarray(values)
    if arr.size == 0:
        return 0.0
    if arr.dtype == object:
        # Fractions and ints compared as they are: a Fraction copy of each entry was most of the cost
        return Fraction(max(abs(v) if type(v) in _EXACT_TYPES else abs(Fraction(v)) for v in arr.reshape(-1)))
    f = arr if arr.dtype == np.float64 else arr.astype(float)
    # the largest of max and -min: no copy of a large payoff array (Lemke-Howson's short paths felt two)
    return abs(float(max(f.max(), -f.min())))


def scale_exponent(largest: Fraction | float) -> int:
    """The ``k`` of :func:`scaled_floats` for a largest absolute payoff ``largest`` (``>= 0``).

    0 when ``largest`` is 0 or in ``[1, 2**20]``; otherwise ``floor(log2(largest))``, computed exactly.

    >>> scale_exponent(0.75), scale_exponent(Fraction(10**30)), scale_exponent(2.0**-1074)
    (-1, 99, -1074)
    """
    if largest == 0 or 1 <= largest <= _PLAIN_MAX:
        return 0
    if isinstance(largest, float):
        return math.frexp(largest)[1] - 1  # largest = m * 2**e with m in [0.5, 1)
    q = Fraction(largest)
    k = q.numerator.bit_length() - q.denominator.bit_length()
    # 2**k <= q < 2**(k+1) after at most one step down
    return k if q >= Fraction(2) ** k else k - 1


def _exact_scaled_float(v: Any, k: int) -> float:
    """``float(v / 2**k)`` for an exact ``v``, rounded once (Python's int true division is correctly rounded)."""
    q = Fraction(v)
    if k >= 0:
        return q.numerator / (q.denominator << k)
    return (q.numerator << -k) / q.denominator


def scaled_floats(values: ArrayLike) -> tuple[NDArray[np.float64], int]:
    """Floats ``f`` and an exponent ``k`` with ``values ~= f * 2**k`` and ``max|f|`` in ``[1, 2**20]``.

    Parameters
    ----------
    values : array_like
        Floats, integers or Fractions (an exact entry may be far beyond the float range).

    Returns
    -------
    (ndarray, int)
        Same shape as ``values``; ``k == 0`` (and ``f`` the plain float
        conversion) when ``max|values|`` is 0 or already in ``[1, 2**20]``.
        Entries far below the largest may round to 0.
    """
    arr = np.asarray(values)
    k = scale_exponent(max_abs(arr))
    if arr.dtype != object:
        f = arr.astype(float)
        return (f if k == 0 else np.ldexp(f, -k)), k
    if k == 0:
        return arr.astype(float), 0
    flat = [_exact_scaled_float(v, k) for v in arr.reshape(-1)]
    return np.array(flat, dtype=float).reshape(arr.shape), k
