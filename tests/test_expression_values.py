"""Expressions at given values without sympy agree with sympy's parse-then-substitute.

:func:`expression_value` and :func:`relation_value` walk the whitelisted
syntax tree in Fractions, and :meth:`Model.game_at` uses them so that loading
and solving a model at given values needs no sympy.  The reference is the
symbolic path, which is independent arithmetic: :func:`parse_expression`
(sympy) and substitution of exact Rationals.  Whenever the Fraction walk gives
a value, the symbolic path must accept the text and give the same rational;
whenever it raises, the symbolic path must raise the same error; None (only
sympy can tell) promises nothing, so a test checks that plain arithmetic never
needs sympy.  Whole model files are compared with the loader running on the
symbolic path alone: the same game at given values, or the same error.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ExpressionError
from gametheory.io.expressions import (
    expression_value,
    parameter_symbol,
    parse_expression,
    parse_relation,
    relation_value,
)
from gametheory.io.model import formulas, parse_model, validate

NAMES = ["a", "b", "c"]

# ---------------------------------------------------------------------------- generators
literals = st.one_of(
    st.integers(0, 12).map(str),
    st.sampled_from(["0.5", "1e-3", "2.5E2", "1_000", ".25", "0.1", "10**3", "7/3", "0"]),
)
leaves = st.one_of(literals, st.sampled_from(NAMES))
exponents = st.one_of(
    st.integers(-3, 4).map(str), st.sampled_from(["a", "1/2", "0.5", "1001", "2*3", "-(1)", "a-a+2", "2000"])
)


def _extend(inner):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), inner, inner).map(lambda t: f"({t[1]}) {t[0]} ({t[2]})"),
        st.tuples(inner, exponents).map(lambda t: f"({t[0]})**{t[1]}"),
        inner.map(lambda x: f"-({x})"),
        inner.map(lambda x: f"+{x}"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(st.sampled_from(["abs", "sqrt", "exp", "log"]), inner).map(lambda t: f"{t[0]}({t[1]})"),
    )


expressions = st.recursive(leaves, _extend, max_leaves=8)
# text outside the grammar, spliced into otherwise valid expressions: both walks must reject it alike
broken = st.sampled_from(
    ["a.real", "d", "x // 2", "a % 2", "min(a)", "abs(a, b)", "exp", "f(a)", "a if b else c", "'s'", "[1][0]",
     "1 +", "2 ** 3 ** 5000", "1e999", "log(0)", "a/(b-b)", "(a-a)**-1", "0**-1", "exp(20000)", "sqrt(-1)",
     "(-1)**0.5", "abs(x=1)", "min(*a)", "a < b", "not a", "~a", "a @ b"]
)
spliced = st.tuples(expressions, broken).map(lambda t: f"{t[0]} + {t[1]}")
texts = st.one_of(expressions, spliced)
values = st.fixed_dictionaries(
    {n: st.one_of(st.integers(-4, 4), st.fractions(min_value=-5, max_value=5, max_denominator=7)).map(Fraction)
     for n in NAMES}
)


def _subs(vals):
    return {parameter_symbol(n): sympy.Rational(v.numerator, v.denominator) for n, v in vals.items()}


def _error(func, *args):
    try:
        return None, func(*args)
    except ExpressionError as exc:
        return str(exc), None


# ---------------------------------------------------------------------------- expressions
@settings(max_examples=300)
@given(text=texts, vals=values)
def test_fraction_walk_agrees_with_sympy(text, vals):
    fast_error, fast = _error(expression_value, text, vals)
    slow_error, expr = _error(parse_expression, text, NAMES)
    if fast_error is not None:
        assert slow_error == fast_error
        return
    if fast is None:
        return  # only sympy can tell: no claim
    assert slow_error is None, f"{text!r}: the Fraction walk gave {fast}, sympy refused: {slow_error}"
    y = expr.xreplace(_subs(vals))
    assert y.is_Rational and Fraction(int(y.p), int(y.q)) == fast


@settings(max_examples=200)
@given(lhs=expressions, op=st.sampled_from(["<", "<=", ">", ">=", "==", "!=", "<"]), rhs=expressions, vals=values)
def test_relation_walk_agrees_with_sympy(lhs, op, rhs, vals):
    text = f"{lhs} {op} {rhs}"
    fast_error, fast = _error(relation_value, text, vals)
    slow_error, rel = _error(parse_relation, text, NAMES)
    if fast_error is not None:
        assert slow_error == fast_error
        return
    if fast is None:
        return
    assert slow_error is None
    subs = _subs(vals)
    truth = rel.func(rel.lhs.xreplace(subs), rel.rhs.xreplace(subs))  # the parsed relation is unevaluated
    assert truth in (sympy.true, sympy.false) and (truth == sympy.true) == fast


@pytest.mark.parametrize(
    "text, expected",
    [
        ("v_nomd - c_cfe", Fraction(3)),  # the payoffs of the models: + - * / over parameters
        ("(a + 1/3) * 3 - b / 2", Fraction(2)),
        ("max(a, b, 0) - min(a, 1/3)", Fraction(2, 3)),
        ("abs(-a) ** 2", Fraction(1, 4)),
        ("2 ** -2 + a ** 3", Fraction(3, 8)),
        ("0.1 + 1e-1", Fraction(1, 5)),
        ("(b - 1) ** 0", Fraction(1)),  # 0**0 = 1, in Fractions and in sympy
    ],
)
def test_values_by_hand(text, expected):
    vals = {"v_nomd": Fraction(4), "c_cfe": Fraction(1), "a": Fraction(1, 2), "b": Fraction(1)}
    assert expression_value(text, vals) == expected


@pytest.mark.parametrize(
    "text", ["sqrt(a)", "exp(0)", "log(1)", "1/(b - 1)", "a ** b", "a ** 0.5", "2 ** 1001", "0 ** -1", "(b-1)**-2"]
)
def test_only_sympy_can_tell(text):
    # irrational functions (exact at a few points only), a zero divisor at these values (an error only if it
    # vanishes symbolically), parametric, fractional or out-of-bounds exponents
    assert expression_value(text, {"a": Fraction(4), "b": Fraction(1)}) is None


def test_relation_by_hand():
    vals = {"a": Fraction(1, 2), "b": Fraction(1)}
    assert relation_value("a < b", vals) is True
    assert relation_value("2*a == b", vals) is True
    assert relation_value("a >= b", vals) is False
    assert relation_value("sqrt(a) < b", vals) is None


@settings(max_examples=200)
@given(text=expressions, vals=values)
def test_plain_arithmetic_needs_no_sympy(text, vals):
    # without division, powers, exp, log and sqrt, the walk in Fractions always finds the value
    plain = not any(f in text for f in ("sqrt", "exp", "log", "**", "/"))
    if plain:
        assert expression_value(text, vals) is not None


# ---------------------------------------------------------------------------- whole model files
MODEL = """
title = "t"
assumptions = [{assumption}]
[[players]]
name = "R"
strategies = ["U", "D"]
[[players]]
name = "C"
strategies = ["L"]
{parameters}
[[payoffs]]
profile = ["U", "L"]
values = [{p1}, {p2}]
[[payoffs]]
profile = ["D", "L"]
values = [{p3}, 0]
"""


def _toml(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _outcome(text, at, exact):
    """The game at ``at`` (kind and payoffs, compared exactly: the two paths must agree to the bit) or the error."""
    try:
        g = parse_model(text, "m.toml").game_at(at, exact=exact)
    except Exception as exc:  # an InputError; or sympy's own, e.g. min(0, (-1)**0.5): both paths raise it alike
        return type(exc).__name__, str(exc)
    return g.kind, g.payoffs.tolist()


def _outcome_with_sympy_alone(text, at, exact):
    """The loader as it was: every expression parsed by sympy, every game at given values substituted."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(validate, "expression_value", lambda *a, **k: None)
        m.setattr(validate, "relation_value", lambda *a, **k: None)
        m.setattr(formulas.PayoffFormulas, "game_at", lambda *a, **k: None)
        return _outcome(text, at, exact)


# mostly valid entries, so that most files load; one_of picks each branch alike
entries = st.one_of(
    expressions.map(_toml), expressions.map(_toml), expressions.map(_toml), spliced.map(_toml),
    st.sampled_from(["0", "-2", "0.1", "1e-3", "3", "true", "inf"]),
)


@settings(max_examples=150)
@given(
    p1=entries, p2=entries, p3=entries,
    assumption=st.one_of(st.just(""), st.tuples(expressions, expressions).map(lambda t: _toml(f"{t[0]} < {t[1]}"))),
    defaults=st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2)),
    at=st.one_of(st.just({}), st.fixed_dictionaries({"a": st.sampled_from([0, 1, 0.5, "2/3", -1.25, 10**400])})),
    exact=st.sampled_from([None, True, False]),
    with_parameters=st.sampled_from([True, True, True, False]),
)
def test_models_load_and_solve_as_with_sympy_alone(p1, p2, p3, assumption, defaults, at, exact, with_parameters):
    params = ""
    if not with_parameters:
        at = {}
    else:
        params = "\n".join(f"[parameters.{n}]\ndefault = {d}\nrange = [-1000, 1000]\nmeaning = \"x\""
                           for n, d in zip(NAMES, defaults))
    text = MODEL.format(p1=p1, p2=p2, p3=p3, assumption=assumption, parameters=params)
    assert _outcome(text, at, exact) == _outcome_with_sympy_alone(text, at, exact)


def test_a_model_at_its_defaults_needs_no_sympy_in_the_numbers():
    params = "".join(f"[parameters.{n}]\ndefault = {d}\nrange = [0, 5]\nmeaning = \"x\"\n" for n, d in zip(NAMES, (4, 1, 3)))
    m = parse_model(MODEL.format(p1='"a - b"', p2='"c"', p3='"-a"', assumption='"a > 0"', parameters=params))
    g = m.payoff_formulas.game_at({"a": Fraction(4), "b": Fraction(1), "c": Fraction(3)})
    assert g is not None and g.payoffs[..., 0].tolist() == [[Fraction(3)], [Fraction(-4)]]
    assert g == m.game.substitute({"a": 4, "b": 1, "c": 3})
