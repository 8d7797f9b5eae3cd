"""Coercion of payoff entries to the three kinds of game: float, exact, symbolic.

Exact numbers are :class:`fractions.Fraction`.  Integers, ``Fraction``,
``decimal.Decimal``, sympy rationals and strings such as ``"0.1"``, ``"-3"`` or
``"1/3"`` are exact; Python and NumPy floats are float unless the caller asks
for exact, in which case the float's shortest decimal form is taken
(``0.1 -> 1/10``), which is what a user who typed ``0.1`` meant.  Symbolic
entries are sympy expressions; a sympy expression with no free symbol is a
number.

Sizes are checked before a number is built, so that hostile text stays
cheap: a number written as text has at most :data:`MAX_DIGITS` digits and a
decimal exponent of at most :data:`MAX_EXPONENT` in absolute value (Python's
``Fraction("1e999999999")`` would build :math:`10^{999999999}` first), and
only the ASCII digits 0-9 are digits (Python's ``int`` also reads ``"٣"``
and ``"３"``).  An exact payoff has a numerator and a denominator of at most
:data:`MAX_PAYOFF_BITS` bits (about 3900 decimal digits), so that it can be
printed: Python refuses to convert an integer of more than 4300 digits to text.
"""

from __future__ import annotations

import math
import numbers
import re
import sys
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, TypeGuard

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    import sympy

#: The three kinds of payoff: float64, exact (Fraction) and symbolic (sympy expressions).
Kind = Literal["float", "exact", "symbolic"]
KINDS: tuple[Kind, ...] = ("float", "exact", "symbolic")

#: The most digits a number written as text may have (its exponent's digits not counted).
MAX_DIGITS = 400
#: The largest decimal exponent, in absolute value, of a number written as text (``1e400``).
MAX_EXPONENT = 400
#: The most bits of an exact payoff's numerator or denominator: every such number prints in decimal
#: within Python's limit of 4300 digits for converting an integer to text (13000 bits < 3914 digits).
MAX_PAYOFF_BITS = 13_000
#: The most axes numpy allows an array (64 since numpy 2.0, 32 before).
MAX_AXES = 64 if int(np.__version__.split(".")[0]) >= 2 else 32

# ASCII digits only: \d would also match Arabic-Indic and full-width digits, which int() reads
_RATIONAL_RE = re.compile(r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?(\s*/\s*[+-]?[0-9]+)?\s*$")
_EXPONENT_RE = re.compile(r"[eE]([+-]?)0*([0-9]+)")


def number_text_problem(text: str) -> str | None:
    """What makes the number ``text`` too large to build, or None: too many digits, too large an exponent.

    Checked on the text, before any number is built; ``text`` is assumed to
    be a number's syntax (integer, decimal, exponent, ``a/b``).

    >>> number_text_problem("1e999999999")
    'the exponent of 1e999999999 exceeds 400'
    >>> number_text_problem("2.5e-3") is None
    True
    """
    m = _EXPONENT_RE.search(text)
    exponent_digits = 0
    if m:
        exponent_digits = len(m.group(0)) - 1 - len(m.group(1))
        if len(m.group(2)) > 6 or int(m.group(2)) > MAX_EXPONENT:
            shown = text if len(text) <= 40 else text[:37] + "..."
            return f"the exponent of {shown} exceeds {MAX_EXPONENT}"
    digits = sum(ch in "0123456789" for ch in text) - exponent_digits
    if digits > MAX_DIGITS:
        return f"the number {text.strip()[:20]}... has more than {MAX_DIGITS} digits"
    return None


def check_payoff_size(x: Fraction, *, field=None) -> Fraction:
    """``x`` itself if its numerator and denominator have at most :data:`MAX_PAYOFF_BITS` bits.

    >>> check_payoff_size(Fraction(2) ** 20000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: a number has more than 13000 bits (about 3900 digits)...
    """
    if abs(x.numerator).bit_length() > MAX_PAYOFF_BITS or x.denominator.bit_length() > MAX_PAYOFF_BITS:
        raise InputError(
            f"a number has more than {MAX_PAYOFF_BITS} bits (about 3900 digits) in its numerator or denominator; "
            "such a number cannot even be printed",
            field=field,
        )
    return x


def is_sympy(x: object) -> TypeGuard[sympy.Basic]:
    """True if ``x`` is a sympy object, without importing sympy.

    No sympy object can exist before sympy is imported, so a game of numbers
    never loads it (importing sympy takes longer than solving most games).

    >>> from fractions import Fraction
    >>> is_sympy(Fraction(1, 3))
    False
    """
    sympy_module = sys.modules.get("sympy")
    return sympy_module is not None and isinstance(x, sympy_module.Basic)


def parse_rational(text: str, *, field: str | None = None) -> Fraction:
    """Parse ``"3"``, ``"-0.25"``, ``"1/3"``, ``"1e-3"`` exactly.

    >>> parse_rational("0.1")
    Fraction(1, 10)
    >>> parse_rational("-2/6")
    Fraction(-1, 3)

    Raises
    ------
    InputError
        If ``text`` is not such a number (only the ASCII digits 0-9 count), or
        too large (:func:`number_text_problem`): the size is checked before the
        number is built.
    """
    if not isinstance(text, str) or not _RATIONAL_RE.match(text):
        raise InputError(f"expected a number such as 2, -0.5 or 1/3, got {text!r}", field=field)
    problem = number_text_problem(text)
    if problem:
        raise InputError(problem, field=field)
    if "/" in text:
        num, den = text.split("/")
        den_f = Fraction(den.strip())
        if den_f == 0:
            raise InputError(f"zero denominator in {text!r}", field=field)
        return Fraction(num.strip()) / den_f
    return Fraction(text.strip())


def entry_kind(x) -> str:
    """Return the kind an entry asks for: 'float', 'exact' or 'symbolic'."""
    if isinstance(x, bool):
        raise InputError(f"a payoff must be a number, got the boolean {x!r}")
    if is_sympy(x):
        if x.free_symbols:
            return "symbolic"
        if x.is_Rational:
            return "exact"
        return "float"
    if isinstance(x, (int, np.integer, Fraction, Decimal, str)):
        return "exact"
    if isinstance(x, (float, np.floating)):
        return "float"
    if isinstance(x, numbers.Rational):
        return "exact"
    if isinstance(x, numbers.Real):
        return "float"
    raise InputError(
        f"a payoff must be a number, a rational string or a sympy expression, got {type(x).__name__} {x!r}"
    )


def to_exact(x, *, field=None) -> Fraction:
    """Convert one entry to a Fraction (floats by their shortest decimal), at most :data:`MAX_PAYOFF_BITS` bits."""
    return check_payoff_size(_to_exact(x, field), field=field)


def _to_exact(x, field) -> Fraction:
    if isinstance(x, bool):
        raise InputError(f"a payoff must be a number, got the boolean {x!r}", field=field)
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, str):
        return parse_rational(x, field=field)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise InputError(f"payoff must be finite, got {x}", field=field)
        problem = number_text_problem(f"{x:e}")  # Fraction(Decimal("1e999999999")) would build the power
        if problem:
            raise InputError(problem, field=field)
        return Fraction(x)
    if is_sympy(x):
        if x.free_symbols:
            raise InputError(f"expression {x} still has parameters {sorted(map(str, x.free_symbols))}", field=field)
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        x = _sympy_float(x, field)
    if isinstance(x, (float, np.floating)):
        if not math.isfinite(x):
            raise InputError(f"payoff must be finite, got {x}", field=field)
        return Fraction(repr(float(x)))
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    raise InputError(f"expected a number, got {type(x).__name__} {x!r}", field=field)


def to_float(x, *, field=None) -> float:
    """Convert one entry to a finite float."""
    if isinstance(x, str):
        x = parse_rational(x, field=field)
    if is_sympy(x) and x.free_symbols:
        raise InputError(f"expression {x} still has parameters {sorted(map(str, x.free_symbols))}", field=field)
    if isinstance(x, bool):
        raise InputError(f"a payoff must be a number, got the boolean {x!r}", field=field)
    if is_sympy(x):
        x = _sympy_float(x, field)
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise InputError(f"expected a number, got {x!r}", field=field) from exc
    except OverflowError:  # an exact number beyond the float range (float(Fraction(10**400)))
        raise InputError("payoff too large for a float (beyond 1.8e308); keep the game exact", field=field) from None
    if not math.isfinite(v):
        raise InputError(f"payoff must be finite, got {v}", field=field)
    return v


def _sympy_float(x: sympy.Basic, field) -> float:
    """A closed sympy number as a finite float, or an InputError (zoo from 1/0, complex, nan)."""
    import sympy

    if x.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        raise InputError(f"payoff must be a finite number, got {x}", field=field)
    try:
        return float(x)
    except (TypeError, ValueError) as exc:
        raise InputError(f"payoff must be a finite real number, got {x}", field=field) from exc


def to_symbolic(x, *, field=None) -> sympy.Expr:
    """Convert one entry to a sympy expression (numbers become exact Rationals)."""
    import sympy  # a symbolic game is the one kind that needs sympy

    if isinstance(x, sympy.Basic):
        if isinstance(x, sympy.Float):
            return sympy.Rational(to_exact(x, field=field).numerator, to_exact(x).denominator)
        if x.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
            raise InputError(f"payoff must be finite, got {x}", field=field)
        return x
    f = to_exact(x, field=field)
    return sympy.Rational(f.numerator, f.denominator)


def parameter_name(key: object) -> str:
    """The name of a parameter given by its name or by its sympy symbol.

    >>> parameter_name("t")
    't'
    """
    return key.name if is_sympy(key) and key.is_Symbol else str(key)


def exact_values(values: Mapping) -> tuple[dict[str, Fraction], bool]:
    """Parameter values read exactly: ``({name: Fraction}, whether some value was a float)``.

    A key is a name or a sympy symbol; a float is read by its shortest decimal
    (:func:`to_exact`), and the flag lets the caller make a game float
    because the user gave floats.

    >>> exact_values({"t": 0.5, "c": "1/3"})
    ({'t': Fraction(1, 2), 'c': Fraction(1, 3)}, True)

    Raises
    ------
    InputError
        If a value is not a number (the field names the parameter).
    """
    given = {}
    any_float = False
    for key, val in values.items():
        name = parameter_name(key)
        if isinstance(val, (float, np.floating)):
            any_float = True
        given[name] = to_exact(val, field=f"parameter {name}")
    return given, any_float


_CONVERTERS = {"float": to_float, "exact": to_exact, "symbolic": to_symbolic}


def coerce_array(data: object, kind: Kind | None = None) -> tuple[np.ndarray, Kind]:
    """Coerce nested data to an array of one kind.

    Returns
    -------
    (numpy.ndarray, Kind)
        A new array (float64 for 'float', object otherwise) and its kind.
    """
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS}, got {kind!r}", field="kind")
    if isinstance(data, np.ndarray) and data.dtype.kind in "fiu" and kind in (None, "float") and data.dtype.kind == "f":
        arr = np.array(data, dtype=float)
        if not np.all(np.isfinite(arr)):
            raise InputError("payoffs must be finite (found inf or nan)", field="payoffs")
        return arr, "float"
    if isinstance(data, np.ndarray) and data.dtype.kind in "iu" and kind in (None, "exact"):
        # integer arrays are exact; one vectorised conversion instead of a type dispatch per entry
        return np.frompyfunc(Fraction, 1, 1)(data.astype(object)).astype(object), "exact"
    arr = np.array(data, dtype=object)
    if arr.ndim >= MAX_AXES and arr.size and isinstance(arr.reshape(-1)[0], (list, tuple, np.ndarray)):
        # numpy stops nesting at its axis limit and leaves lists as entries: say why, not "got a list"
        raise InputError(
            f"payoffs nest deeper than numpy's {MAX_AXES} axes: a game has at most {MAX_AXES - 1} players "
            "(one axis per player, and one for the player index)",
            field="payoffs",
        )
    flat = arr.reshape(-1)
    if kind is None:
        kinds = {entry_kind(x) for x in flat}
        if "symbolic" in kinds:
            kind = "symbolic"
        elif "float" in kinds:
            kind = "float"
        else:
            kind = "exact"
    conv = _CONVERTERS[kind]
    out = np.empty(arr.shape, dtype=float if kind == "float" else object)
    out_flat = out.reshape(-1)
    for i, x in enumerate(flat):
        out_flat[i] = conv(x, field="payoffs")
    return out, kind


def format_number(x) -> str:
    """Format a payoff or probability for people: '1/3', '2', '0.25'."""
    if isinstance(x, Fraction) or is_sympy(x):
        return str(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        if v == 0:
            return "0"
        return f"{v:.6g}"
    return str(x)
