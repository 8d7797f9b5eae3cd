r"""A whitelist parser for payoff expressions and assumptions: text -> sympy.

Model files write payoffs such as ``"v_nomd - c_cfe"`` and assumptions such
as ``"v_md < v_cfe + g"``.  The text is parsed with :func:`ast.parse` in
``eval`` mode and the syntax tree is walked here, node by node; every node
type not on the whitelist is an :class:`~gametheory.errors.ExpressionError`.
Nothing is ever evaluated by Python (no ``eval``) and sympy never sees raw
text (no ``sympify``), so a model file cannot run code.

The grammar accepted is the arithmetic fragment

.. math::

    e ::= n \mid p \mid e + e \mid e - e \mid e \cdot e \mid e / e \mid e^{e}
          \mid (e) \mid +e \mid -e \mid f(e, \dots)

where :math:`n` is a decimal literal: digits ``0-9`` with an optional
fraction and exponent, digits optionally grouped by ``_`` (``3``, ``0.5``,
``.5``, ``1e-3``, ``1_000``; read exactly: ``0.1`` is :math:`1/10`; Python's
``0x10``, ``0b11``, ``0o7`` and ``1j`` are refused), :math:`p` a declared parameter and :math:`f` one of ``min``,
``max`` (two or more arguments), ``abs``, ``exp``, ``log``, ``sqrt`` (one
argument).  A relation (for ``assumptions``) is a single comparison
:math:`e \mathrel{\square} e` with :math:`\square \in \{<, \le, >, \ge, =\}`
(written ``==``).

An expression is ASCII text: Python's parser would read the full-width
``ｇ`` as ``g`` and accept other scripts' letters in names, so any other
character is refused before parsing.

Guards keep hostile input cheap: the text length, the nesting depth, the
size of numeric literals and of numeric powers are capped, and a division by
zero (or a log of zero) is an error, not ``zoo``.  A power whose exponent is
a parameter is symbolic when parsed; :func:`check_powers` bounds every power
at given parameter values (in floating point with an unbounded exponent,
before any exact power is built), and every evaluation at values that may
call sympy (substitution into the symbolic game) runs it first, so that
``g**g**g`` at :math:`g = 9` (:math:`9^{387420489}`) or ``2**h`` at
:math:`h = 10^{400}` is an error, not a computation that never ends.

Parameters become real sympy symbols (``sympy.Symbol(name, real=True)``) so
that sympy can reason about inequalities over them.

Examples
--------
>>> parse_expression("v_nomd - c_cfe + 0.5", ["v_nomd", "c_cfe"])
-c_cfe + v_nomd + 1/2
>>> parse_relation("v_md < v_cfe + g", ["v_md", "v_cfe", "g"])
v_md < g + v_cfe
>>> parse_expression("__import__('os')", [])  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
gametheory.errors.ExpressionError: expression "__import__('os')": call of '__import__' is not allowed;
allowed: numbers, declared parameters (none declared), + - * / **, parentheses, unary + and -,
and the functions abs, exp, log, max, min, sqrt
"""

from __future__ import annotations

import ast
import keyword
import operator
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import ExpressionError
from ..numbers import MAX_DIGITS, MAX_EXPONENT

if TYPE_CHECKING:
    import sympy
    from sympy.core.relational import Relational

#: Serialises :func:`ast.parse` (see :meth:`_Walker.tree`).
_PARSE_LOCK = threading.Lock()

__all__ = [
    "parse_expression",
    "parse_relation",
    "expression_value",
    "relation_value",
    "parameter_symbol",
    "FUNCTIONS",
    "is_parameter_name",
    "check_powers",
]

MAX_LENGTH = 2000
MAX_DEPTH = 200  # operators nest: a sum of n terms is n - 1 levels deep
MAX_LITERAL_DIGITS = MAX_DIGITS
MAX_DECIMAL_EXPONENT = MAX_EXPONENT
MAX_POWER_EXPONENT = 1000
MAX_POWER_BITS = 20000

#: name -> (minimum number of arguments, maximum or None)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "abs": (1, 1),
    "exp": (1, 1),
    "log": (1, 1),
    "sqrt": (1, 1),
}

# + - * mean the same in every reading (sympy expressions, Fractions); / and ** each reading decides
_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
}

# the comparisons an assumption may make, and what they mean for numbers
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Eq: operator.eq,
}

# Human names for the constructs we reject, so the message says what was written.
_CONSTRUCTS = {
    "Attribute": "attribute access",
    "Subscript": "indexing",
    "Slice": "slicing",
    "Lambda": "lambda",
    "BoolOp": "boolean operator (and/or)",
    "Compare": "comparison",
    "IfExp": "conditional expression",
    "ListComp": "comprehension",
    "SetComp": "comprehension",
    "DictComp": "comprehension",
    "GeneratorExp": "comprehension",
    "JoinedStr": "f-string",
    "FormattedValue": "f-string",
    "NamedExpr": "assignment expression (:=)",
    "List": "list",
    "Tuple": "tuple",
    "Set": "set",
    "Dict": "dict",
    "Starred": "star argument",
    "Await": "await",
    "Yield": "yield",
    "YieldFrom": "yield",
}

_BINOPS_REJECTED = {
    ast.FloorDiv: "floor division //",
    ast.Mod: "modulo %",
    ast.MatMult: "matrix product @",
    ast.LShift: "bitwise shift <<",
    ast.RShift: "bitwise shift >>",
    ast.BitOr: "bitwise or |",
    ast.BitXor: "bitwise xor ^ (write ** for powers)",
    ast.BitAnd: "bitwise and &",
}

_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXPONENT_RE = re.compile(r"[eE]([+-]?\d+)")
# digits 0-9, grouped by single underscores as Python allows (1_000); no 0x, 0b, 0o prefixes
_DIGITS = r"[0-9](?:_?[0-9])*"
_DECIMAL_LITERAL_RE = re.compile(rf"^(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?$")


def is_parameter_name(name) -> bool:
    """True if ``name`` can name a parameter: an ASCII identifier, not a keyword or a function.

    >>> is_parameter_name("eps_a"), is_parameter_name("exp"), is_parameter_name("2x")
    (True, False, False)
    """
    return (
        isinstance(name, str)
        and bool(_IDENT_RE.match(name))
        and not keyword.iskeyword(name)
        and name not in FUNCTIONS
        and not name.startswith("__")
    )


def parameter_symbol(name: str) -> sympy.Symbol:
    """The sympy symbol standing for parameter ``name`` (real-valued)."""
    import sympy

    return sympy.Symbol(name, real=True)


class _NeedsSympy(Exception):
    """Raised inside :class:`_RationalWalker` where only the symbolic walk can tell the outcome."""


class _Walker:
    """The grammar: parse the text, walk its tree, reject what is not whitelisted.

    Subclasses say what numbers, parameters, ``/``, ``**`` and the functions
    are: sympy expressions (:class:`_SympyWalker`) or Fractions at given values
    (:class:`_RationalWalker`); ``+ - *`` and unary minus mean the same in both
    and are applied here.  Every :class:`ExpressionError` that depends on the
    text alone is raised here, so both walks raise it alike.
    """

    def __init__(self, text, names: Iterable[str], field, path, line):
        self.text = text
        self.field = field
        self.path = path
        self.line = line
        self.names = frozenset(names)

    # ------------------------------------------------------------------ errors
    def allowed(self) -> str:
        names = ", ".join(sorted(self.names)) if self.names else "none declared"
        funcs = ", ".join(sorted(FUNCTIONS))
        return (
            f"allowed: numbers, declared parameters ({names}), + - * / **, parentheses, unary + and -, "
            f"and the functions {funcs}"
        )

    def error(self, what: str, *, hint: bool = True) -> ExpressionError:
        msg = f"expression {self.shown()}: {what}"
        if hint:
            msg += f"; {self.allowed()}"
        return ExpressionError(msg, path=self.path, line=self.line, field=self.field)

    def shown(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        text = "".join(
            ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in text
        )
        return '"' + text + '"'

    def reject(self, node) -> ExpressionError:
        name = type(node).__name__
        if isinstance(node, ast.Constant):
            what = f"the {type(node.value).__name__} literal {node.value!r}"
            if isinstance(node.value, str):
                what = f"a string literal {node.value!r}"
        else:
            what = _CONSTRUCTS.get(name, name)
        if isinstance(node, ast.Compare):
            return self.error("a comparison is allowed only in assumptions, one per entry")
        return self.error(f"{what} is not allowed")

    # ------------------------------------------------------------------ parsing
    def tree(self) -> ast.expr:
        text = self.text
        if not isinstance(text, str):
            raise ExpressionError(
                f"an expression must be a string or a number, got {type(text).__name__} {text!r}",
                path=self.path, line=self.line, field=self.field,
            )
        if not text.strip():
            raise self.error("the expression is empty")
        if len(text) > MAX_LENGTH:
            raise self.error(f"the expression is longer than {MAX_LENGTH} characters", hint=False)
        if not text.isascii():
            k, ch = next((k, ch) for k, ch in enumerate(text) if not ch.isascii())
            raise self.error(
                f"the character {ch!r} (U+{ord(ch):04X}) at position {k + 1} is not ASCII; expressions are ASCII text "
                "(names of ASCII letters, digits and _, numbers of the digits 0-9)",
                hint=False,
            )
        try:
            # one parse at a time: CPython 3.11's conversion of the syntax tree keeps its recursion depth in
            # interpreter-wide state (two threads of the web lab raised "SystemError: AST constructor recursion
            # depth mismatch"), and catch_warnings changes the process's warning filters
            with _PARSE_LOCK, warnings.catch_warnings():  # e.g. "1and 2": the user gets our error, not a warning
                warnings.simplefilter("ignore", SyntaxWarning)
                return ast.parse(text.strip(), mode="eval").body
        except SyntaxError as exc:
            raise self.error(f"syntax error ({exc.msg})") from None
        except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
            raise self.error(f"cannot be parsed ({type(exc).__name__})") from None

    def comparison(self, node: ast.expr) -> tuple[type, Any, Any]:
        """``(operator type, lhs, rhs)`` of a relation's tree, the sides walked."""
        if not isinstance(node, ast.Compare):
            raise self.error("an assumption must be one comparison: lhs < rhs, <=, >, >= or ==", hint=False)
        if len(node.ops) != 1:
            raise self.error("write one comparison per assumption, e.g. [\"0 < a\", \"a < 1\"]", hint=False)
        op = type(node.ops[0])
        if op not in _COMPARE:
            names = {ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
            raise self.error(
                f"the comparison {names.get(op, op.__name__)!r} is not allowed; use <, <=, >, >= or ==", hint=False
            )
        return op, self.walk(node.left, 1), self.walk(node.comparators[0], 1)

    def walk(self, node, depth=0):
        if depth > MAX_DEPTH:
            raise self.error(
                f"nested deeper than {MAX_DEPTH} levels (each operator in a chain like a+b+c counts)", hint=False
            )
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self.number(self.literal(node))
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.walk(node.operand, d)
            if isinstance(node.op, ast.UAdd):
                return self.walk(node.operand, d)
            what = "boolean not" if isinstance(node.op, ast.Not) else "bitwise inversion ~"
            raise self.error(f"{what} is not allowed")
        if isinstance(node, ast.BinOp):
            op = type(node.op)
            if op in _BINOPS_REJECTED:
                raise self.error(f"{_BINOPS_REJECTED[op]} is not allowed")
            left = self.walk(node.left, d)
            right = self.walk(node.right, d)
            return self.arithmetic(node, left, right)
        if isinstance(node, ast.Call):
            return self.call(node, d)
        raise self.reject(node)

    def literal(self, node: ast.Constant) -> int | Fraction:
        """The exact value of a number literal (a decimal read exactly), after the size checks."""
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.reject(node)
        source = ast.get_source_segment(self.text.strip(), node) or repr(value)
        if not _DECIMAL_LITERAL_RE.match(source):
            raise self.error(
                f"the literal {source} is not a decimal number; write numbers as 3, 0.5, .5 or 1e-3", hint=False
            )
        digits = sum(ch.isdigit() for ch in source)
        if digits > MAX_LITERAL_DIGITS:
            raise self.error(f"a number literal has more than {MAX_LITERAL_DIGITS} digits", hint=False)
        if isinstance(value, int):
            return value
        m = _EXPONENT_RE.search(source.replace("_", ""))  # 1e9_999_999 is 1e9999999
        if m and abs(int(m.group(1))) > MAX_DECIMAL_EXPONENT:
            raise self.error(f"the exponent of {source} exceeds {MAX_DECIMAL_EXPONENT}", hint=False)
        try:
            return Fraction(source.replace("_", ""))
        except ValueError:  # pragma: no cover - ast accepted it, Fraction should too
            raise self.error(f"cannot read the number {source}") from None

    def name(self, node: ast.Name):
        if node.id in self.names:
            return self.parameter(node.id)
        if node.id in FUNCTIONS:
            raise self.error(f"the function {node.id!r} must be called, as in {node.id}(x)")
        raise self.error(f"unknown name {node.id!r} (declare it under [parameters])")

    def call(self, node: ast.Call, d: int):
        func = node.func
        if not isinstance(func, ast.Name):
            what = "a method call" if isinstance(func, ast.Attribute) else "a call of a computed function"
            raise self.error(f"{what} is not allowed")
        if func.id not in FUNCTIONS:
            raise self.error(f"call of {func.id!r} is not allowed")
        if node.keywords:
            raise self.error(f"{func.id}() takes no keyword arguments")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.error("star arguments are not allowed")
        lo, hi = FUNCTIONS[func.id]
        n = len(node.args)
        if n < lo or (hi is not None and n > hi):
            want = f"exactly {lo}" if lo == hi else f"at least {lo}"
            raise self.error(f"{func.id}() takes {want} argument{'s' if lo != 1 else ''}, got {n}", hint=False)
        return self.apply(func.id, [self.walk(a, d) for a in node.args])

    # ------------------------------------------------------------------ what the values are (subclasses)
    def number(self, value: int | Fraction):
        raise NotImplementedError

    def parameter(self, name: str):
        raise NotImplementedError

    def arithmetic(self, node: ast.BinOp, left, right):
        """``left OP right`` for the operators the grammar allows: + - * here, / and ** by the reading."""
        op = type(node.op)
        if op is ast.Div:
            return self.divide(left, right)
        if op is ast.Pow:
            return self.power(node.right, left, right)
        return _ARITHMETIC[op](left, right)  # every other operator was rejected in walk()

    def divide(self, left, right):
        raise NotImplementedError

    def power(self, exponent_node: ast.expr, base, exponent):
        raise NotImplementedError

    def apply(self, func: str, args: list):
        raise NotImplementedError


class _SympyWalker(_Walker):
    """The walk that builds the sympy expression; it decides every error that depends on the maths."""

    def __init__(self, text, parameters, field, path, line):
        import sympy

        self.sympy = sympy
        if isinstance(parameters, Mapping):
            symbols = {
                str(k): v if isinstance(v, sympy.Symbol) else parameter_symbol(str(k)) for k, v in parameters.items()
            }
        else:
            symbols = {str(p): parameter_symbol(str(p)) for p in parameters}
        self.symbols = symbols
        super().__init__(text, symbols, field, path, line)

    def number(self, value):
        if isinstance(value, int):
            return self.sympy.Integer(value)
        return self.sympy.Rational(value.numerator, value.denominator)

    def parameter(self, name):
        return self.symbols[name]

    def arithmetic(self, node, left, right):
        return self.finite(super().arithmetic(node, left, right))

    def divide(self, left, right):
        if right.is_zero:
            raise self.error("division by zero", hint=False)
        return left / right

    def power(self, exponent_node, base, exponent):
        if exponent.is_number:
            if not exponent.is_real:
                raise self.error("a power with a non-real exponent", hint=False)
            if abs(exponent) > MAX_POWER_EXPONENT:
                raise self.error(f"the exponent {exponent} exceeds {MAX_POWER_EXPONENT} in absolute value", hint=False)
            if base.is_Rational and exponent.is_Rational:
                bits = max(abs(base.p).bit_length(), abs(base.q).bit_length())
                if bits * abs(exponent) > MAX_POWER_BITS:
                    raise self.error(
                        f"the power {base}**{exponent} is too large (over {MAX_POWER_BITS} bits)", hint=False
                    )
            if base.is_zero and exponent.is_negative:
                raise self.error("division by zero (0 to a negative power)", hint=False)
        return base**exponent

    def apply(self, func, args):
        sympy = self.sympy
        if func == "log" and args[0].is_zero:
            raise self.error("log(0) is minus infinity", hint=False)
        if func in ("exp",) and args[0].is_number and args[0] > 10_000:
            raise self.error("exp() of a number above 10000 overflows", hint=False)
        f = {"min": sympy.Min, "max": sympy.Max, "abs": sympy.Abs, "exp": sympy.exp, "log": sympy.log,
             "sqrt": sympy.sqrt}[func]
        return self.finite(f(*args))

    def finite(self, expr):
        sympy = self.sympy
        if expr.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
            raise self.error("the value is not finite (division by zero?)", hint=False)
        if expr.is_number and expr.is_real is False:
            raise self.error(f"the value {expr} is not a real number", hint=False)
        return expr

    def relation(self, node):
        op, lhs, rhs = self.comparison(node)
        sympy = self.sympy
        cls = {ast.Lt: sympy.StrictLessThan, ast.LtE: sympy.LessThan, ast.Gt: sympy.StrictGreaterThan,
               ast.GtE: sympy.GreaterThan, ast.Eq: sympy.Equality}[op]
        return cls(lhs, rhs, evaluate=False)


class _RationalWalker(_Walker):
    """The walk that computes the exact value at given parameter values, without sympy.

    It computes only where the symbolic walk is sure to succeed and to have
    this value: + - * / min max abs, and powers with a constant integer
    exponent, within the symbolic walk's size limits.  Anything else (exp,
    log, sqrt, a zero divisor at these values, a power the symbolic walk
    might refuse) raises :class:`_NeedsSympy`, and the caller takes the
    symbolic walk, which then decides.
    """

    def __init__(self, text, values: Mapping[str, Fraction], field, path, line):
        super().__init__(text, values, field, path, line)
        self.values = values

    def number(self, value):
        return Fraction(value)

    def parameter(self, name):
        return self.values[name]

    def divide(self, left: Fraction, right: Fraction) -> Fraction:
        if right == 0:  # symbolically zero (an error) or zero only here (undefined at these values)
            raise _NeedsSympy
        return left / right

    def power(self, exponent_node: ast.expr, base: Fraction, exponent: Fraction) -> Fraction:
        # The symbolic walk checks a constant exponent (its size; the bits of a rational base); a
        # parametric one it leaves to sympy.  Compute only integer powers that pass every check.
        if any(isinstance(n, ast.Name) for n in ast.walk(exponent_node)) or exponent.denominator != 1:
            raise _NeedsSympy
        bits = max(abs(base.numerator).bit_length(), base.denominator.bit_length())
        if abs(exponent) > MAX_POWER_EXPONENT or bits * abs(exponent) > MAX_POWER_BITS:
            raise _NeedsSympy
        if base == 0 and exponent < 0:
            raise _NeedsSympy
        return base ** int(exponent)

    def apply(self, func, args: list[Fraction]) -> Fraction:
        if func == "min":
            return min(args)
        if func == "max":
            return max(args)
        if func == "abs":
            return abs(args[0])
        raise _NeedsSympy  # exp, log, sqrt: irrational but at a few points, and sympy knows which

    def relation(self, node) -> bool:
        op, lhs, rhs = self.comparison(node)
        return bool(_COMPARE[op](lhs, rhs))


class _MagnitudeWalker(_Walker):
    r"""The walk that bounds every power at given values, in mpmath floats with an unbounded exponent.

    Each value is a 53-bit :class:`mpmath.mpf` (``nan`` where it is unknown
    here: a division by zero, a log of a non-positive number, a complex
    value; substitution then reports it).  Before a power is taken, its size
    is bounded: an exponent above :data:`MAX_POWER_EXPONENT` in absolute
    value, or a result of more than :data:`MAX_POWER_BITS` bits
    (:math:`|y \log_2 |x|| > ` the limit for :math:`x^y`), is an error, as it
    is for a constant power when the text is parsed.  No exact number is ever
    built, so the check costs microseconds whatever the values.
    """

    def __init__(self, text, values: Mapping[str, Fraction], field, path, line):
        import mpmath

        super().__init__(text, values, field, path, line)
        self.mp = mpmath.mp.clone() if hasattr(mpmath.mp, "clone") else mpmath.mp
        self.values = values

    def mpf(self, x: Fraction):
        return self.mp.mpf(x.numerator) / x.denominator

    def show(self, x) -> str:
        """``9`` for an integer below 10**15, else six significant digits (``3.8742e+8``)."""
        mp = self.mp
        if mp.isfinite(x) and x == mp.floor(x) and abs(x) < 10**15:
            return str(int(x))
        return mp.nstr(x, 6)

    def number(self, value):
        return self.mpf(Fraction(value))

    def parameter(self, name):
        return self.mpf(Fraction(self.values[name]))

    def arithmetic(self, node, left, right):
        try:
            return super().arithmetic(node, left, right)
        except ExpressionError:
            raise
        except (ValueError, ZeroDivisionError, TypeError):  # mpmath on an unknown value
            return self.mp.nan

    def divide(self, left, right):
        return self.mp.nan if right == 0 else left / right

    def power(self, exponent_node, base, exponent):
        mp = self.mp
        if mp.isfinite(exponent) and abs(exponent) > MAX_POWER_EXPONENT:
            raise self.error(
                f"the power {self.show(base)}**{self.show(exponent)} is too large at these parameter values "
                f"(the exponent exceeds {MAX_POWER_EXPONENT} in absolute value)",
                hint=False,
            )
        if not (mp.isfinite(base) and mp.isfinite(exponent)):
            return mp.nan
        if base == 0:
            return mp.nan if exponent < 0 else (mp.mpf(1) if exponent == 0 else mp.mpf(0))
        bits = abs(exponent * mp.log(abs(base), 2))
        if bits > MAX_POWER_BITS:
            raise self.error(
                f"the power {self.show(base)}**{self.show(exponent)} is too large at these parameter values "
                f"(over {MAX_POWER_BITS} bits)",
                hint=False,
            )
        if base < 0 and exponent != int(exponent):
            return mp.nan  # a complex value: substitution says so
        return mp.sign(base) ** int(exponent) * abs(base) ** exponent if base < 0 else base**exponent

    def apply(self, func, args):
        mp = self.mp
        if any(not mp.isfinite(a) for a in args):
            return mp.nan
        if func == "min":
            return min(args)
        if func == "max":
            return max(args)
        if func == "abs":
            return abs(args[0])
        x = args[0]
        if func == "sqrt":
            return mp.sqrt(x) if x >= 0 else mp.nan
        if func == "log":
            return mp.log(x) if x > 0 else mp.nan
        # exp: beyond 10000 the symbolic walk refuses a constant argument; unknown here, and never computed
        return mp.exp(x) if abs(x) <= 10_000 else mp.nan

    def relation(self, node) -> None:
        self.comparison(node)


def check_powers(text, values: Mapping[str, Fraction], *, field=None, path=None, line=None) -> None:
    """Refuse an expression or relation with a power too large to compute at these parameter values.

    The guard that parsing applies to a constant power (:func:`parse_expression`:
    an exponent of at most :data:`MAX_POWER_EXPONENT` in absolute value, a
    result of at most :data:`MAX_POWER_BITS` bits), applied to every power at
    ``values``, including those whose exponent or base is a parameter.
    Sizes are estimated in floating point with an unbounded exponent, so the
    check is cheap whatever the values; call it before substituting values
    into the symbolic expression, which would build the exact power.

    Parameters
    ----------
    text : str
        An expression, or a relation (an assumption).
    values : mapping of str to Fraction
        Every declared parameter and its value.
    field, path, line : optional
        Where the text came from, for the error message.

    Raises
    ------
    ExpressionError
        If a power is too large at ``values``, or the text is outside the grammar.

    Examples
    --------
    >>> check_powers("g**g", {"g": Fraction(9)})  # 9**9: fine
    >>> check_powers("g**g**g", {"g": Fraction(9)})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.ExpressionError: expression "g**g**g": the power 9**387420489 is too large at these ...
    """
    p = _MagnitudeWalker(text, values, field, path, line)
    node = p.tree()
    try:
        p.relation(node) if isinstance(node, ast.Compare) else p.walk(node)
    except RecursionError:
        raise p.error("too deeply nested", hint=False) from None


def _coerce_parameters(parameters) -> Iterable:
    return () if parameters is None else parameters


def parse_expression(text, parameters=(), *, field=None, path=None, line=None) -> sympy.Expr:
    """Parse a payoff expression.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"v_nomd - c_cfe"``, ``"1/3"``, ``"max(a, 0)"``.
    parameters : iterable of str or mapping of str to sympy.Symbol
        The declared parameter names (or names and their symbols).
    field, path, line : optional
        Where the text came from, for the error message.

    Returns
    -------
    sympy.Expr
        Numbers are exact (``sympy.Rational``); parameters are real symbols.

    Raises
    ------
    ExpressionError
        If the text is not in the whitelisted grammar, names an undeclared
        parameter, divides by zero or is too large.

    Examples
    --------
    >>> parse_expression("0.1 + 1/3")
    13/30
    >>> parse_expression("a.b", ["a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.ExpressionError: expression "a.b": attribute access is not allowed; ...
    """
    p = _SympyWalker(text, _coerce_parameters(parameters), field, path, line)
    try:
        return p.walk(p.tree())
    except RecursionError:  # sympy or the walk on a pathological tree; MAX_DEPTH should prevent it
        raise p.error("too deeply nested", hint=False) from None


def parse_relation(text, parameters=(), *, field=None, path=None, line=None) -> Relational:
    """Parse one comparison ``lhs OP rhs`` with OP in ``< <= > >= ==``.

    The relation is returned unevaluated (``evaluate=False``), so even
    ``"1 < 2"`` stays a relation.

    >>> parse_relation("c_cfe > 0", ["c_cfe"])
    c_cfe > 0
    >>> parse_relation("0 < a < 1", ["a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.ExpressionError: expression "0 < a < 1": write one comparison per assumption, ...
    """
    p = _SympyWalker(text, _coerce_parameters(parameters), field, path, line)
    return p.relation(p.tree())


def expression_value(text, values: Mapping[str, Fraction], *, field=None, path=None, line=None) -> Fraction | None:
    """The exact value of a payoff expression with every parameter at a value, computed without sympy.

    This is :func:`parse_expression` followed by substituting ``values``,
    for the expressions where that needs no sympy (importing sympy takes
    longer than solving a small game): ``+ - * /``, ``min``, ``max``,
    ``abs`` and powers with a constant integer exponent, over
    :class:`~fractions.Fraction`.  Where only the symbolic walk can tell
    (``exp``, ``log``, ``sqrt``, a zero divisor at these values, a
    parametric exponent), the answer is None: call :func:`parse_expression`,
    which accepts or rejects the text, and substitute.

    Parameters
    ----------
    text : str
    values : mapping of str to Fraction
        Every declared parameter and its value (the names are the declared
        parameters, as for :func:`parse_expression`).
    field, path, line : optional
        Where the text came from, for the error message.

    Returns
    -------
    Fraction or None
        When a Fraction, :func:`parse_expression` accepts the text and its
        value at ``values`` is this Fraction.

    Raises
    ------
    ExpressionError
        The error :func:`parse_expression` raises for text outside the
        grammar (syntax, forbidden constructs, undeclared names, sizes).

    Examples
    --------
    >>> expression_value("v_nomd - c_cfe", {"v_nomd": Fraction(4), "c_cfe": Fraction(1, 2)})
    Fraction(7, 2)
    >>> expression_value("max(a, 1/a)**2", {"a": Fraction(1, 3)})
    Fraction(9, 1)
    >>> expression_value("1/a", {"a": Fraction(0)}) is None  # undefined here: the symbolic walk says why
    True
    >>> expression_value("sqrt(a)", {"a": Fraction(4)}) is None
    True
    """
    p = _RationalWalker(text, values, field, path, line)
    node = p.tree()
    try:
        return p.walk(node)
    except (_NeedsSympy, RecursionError):
        return None


def relation_value(text, values: Mapping[str, Fraction], *, field=None, path=None, line=None) -> bool | None:
    """Whether a relation holds with every parameter at a value, decided without sympy.

    :func:`parse_relation` and substitution, as :func:`expression_value`
    does for an expression: True or False when :func:`parse_relation`
    accepts the text and the relation is so at ``values``, None when only the
    symbolic walk can tell; the same :class:`ExpressionError` for text
    outside the grammar.

    >>> relation_value("v_cfe > v_md", {"v_cfe": Fraction(3), "v_md": Fraction(2)})
    True
    >>> relation_value("0 < a < 1", {"a": Fraction(1, 2)})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.ExpressionError: expression "0 < a < 1": write one comparison per assumption, ...
    """
    p = _RationalWalker(text, values, field, path, line)
    node = p.tree()
    try:
        return p.relation(node)
    except (_NeedsSympy, RecursionError):
        return None
