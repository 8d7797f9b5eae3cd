"""Writing a model file: a :class:`~gametheory.Game` or a :class:`~gametheory.io.model.Model` -> TOML text.

:func:`model_to_toml` writes what :func:`~gametheory.io.model.parse_model`
reads back to the same game (and, for a model, the same parameters,
assumptions, predictions and bargaining table); :func:`write_model` checks
that and writes the file atomically.

The document is built as data first: :func:`model_document` is the table
that :mod:`tomllib` reads back from the text (with ``parse_float=Decimal``,
as the reader reads it).  An exact number :math:`p/q` is written as an
integer when :math:`q = 1`, as a decimal when :math:`q = 2^a 5^b` (then
:math:`p/q = p \\cdot 2^{k-a} 5^{k-b} / 10^k` with :math:`k = \\max(a, b)`
has exactly :math:`k` decimals), and as the string ``"p/q"`` otherwise; a
float by the shortest decimal that reads back to it, which the reader takes
as that exact decimal.  A payoff expression is written in the model grammar
by :func:`format_expression`.

The text is written by tomli-w: every key (bare or quoted), every string
(with its escapes) and every number comes from :func:`tomli_w.dumps`.
Kept by hand, because tomli-w cannot do it:

* the layout that keeps a model readable.  tomli-w 1.x writes every array
  over several lines, one item a line, and every table-valued key (a
  prediction's profile, a bargaining status quo) as a separate ``[table]``
  after its siblings.  A model file keeps ``profile = ["C", "D"]`` and
  ``values = [3, "t"]`` on one line and ``profile = { Row = "D", Col = "D" }``
  in its place, so the writer joins tomli-w's text of the items with
  ``[``, ``, ``, ``]``, ``{ `` and `` }``; it also writes the table headers
  (``[[players]]``, ``[parameters.t]``) and a blank line before each.  The
  quotes, long sentences, keep tomli-w's one-a-line layout;
* the exact numbers and expressions above, which tomli-w knows nothing of;
* comments: there are none to keep, since :mod:`tomllib` drops them when a
  model is read, so a written model has none.

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; tomli-w, https://github.com/hukkin/tomli-w
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

import tomli_w

from ...errors import GameTheoryError, InputError
from ...game import Game
from ...numbers import is_sympy
from ..atomic import atomic_write_text
from .schema import Model
from .validate import parse_model

__all__ = ["model_to_toml", "model_document", "write_model", "format_expression"]

# Keys whose arrays are written one item a line (tomli-w's layout): the article's sentences are long.
_ONE_ITEM_A_LINE = frozenset({"quotes"})
# The one table of tables: each parameter is a [parameters.NAME] table.
_TABLES_OF_TABLES = frozenset({"parameters"})


@cache
def _printer():
    """The sympy printer for the model-file grammar (built on first use: sympy is imported only when needed)."""
    from sympy.printing.str import StrPrinter

    class ExpressionPrinter(StrPrinter):
        """Prints sympy expressions in the model-file grammar (min, max, abs, exp(1), ==)."""

        def _print_Min(self, expr):
            return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

        def _print_Max(self, expr):
            return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

        def _print_Abs(self, expr):
            return "abs(" + self._print(expr.args[0]) + ")"

        def _print_Exp1(self, expr):
            return "exp(1)"

        def _print_Relational(self, expr):
            return f"{self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)}"

        def _print_Float(self, expr):  # pragma: no cover - models are exact; keep the value readable anyway
            return repr(float(expr))

    return ExpressionPrinter({"order": "none"})


def format_expression(expr) -> str:
    """Write a sympy expression (or relation) so that the model parser reads it back.

    >>> from gametheory.io.expressions import parse_expression
    >>> e = parse_expression("max(a, 0) - abs(b)/3 + exp(1)", ["a", "b"])
    >>> parse_expression(format_expression(e), ["a", "b"]) == e
    True
    """
    return _printer().doprint(expr)


# ---------------------------------------------------------------------------- the document as data


def _exact(f: Fraction) -> int | Decimal | str:
    """An exact number as a TOML integer or decimal when it has one, else its ``"p/q"`` string.

    >>> _exact(Fraction(3)), _exact(Fraction(-3, 20)), _exact(Fraction(1, 3))
    (3, Decimal('-0.15'), '1/3')
    """
    if f.denominator == 1:
        return f.numerator
    q, twos, fives = f.denominator, 0, 0
    while q % 2 == 0:
        q, twos = q // 2, twos + 1
    while q % 5 == 0:
        q, fives = q // 5, fives + 1
    if q != 1:
        return str(f)
    k = max(twos, fives)
    digits = f.numerator * 10**k // f.denominator  # exact: the denominator divides 10**k
    return Decimal(f"{digits}e-{k}")  # the constructor is exact; the exponent -k keeps k decimals


def _decimal(x) -> Decimal:
    """A float as the decimal it prints as (``repr``: the shortest that reads back to it), as the reader reads it."""
    return Decimal(repr(float(x)))


def _data(value) -> Any:
    """A value of a model as TOML data (tomllib's types, exact numbers as in :func:`_exact`)."""
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Fraction):
        return _exact(value)
    if isinstance(value, float):
        return _decimal(value)
    if is_sympy(value):  # a model's payoffs and bargaining entries; tested without importing sympy
        if value.is_Rational:
            return _exact(Fraction(int(value.p), int(value.q)))
        return format_expression(value)
    if isinstance(value, Mapping):
        return {str(k): _data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_data(v) for v in value]
    raise InputError(f"cannot write {type(value).__name__} {value!r} to TOML")


def model_document(source, *, title: str | None = None, description: str | None = None) -> dict:
    """The model file of a numeric :class:`~gametheory.Game` or a :class:`Model`, as TOML data.

    This is what :mod:`tomllib` reads back from :func:`model_to_toml` of the
    same arguments (with ``parse_float=Decimal``).  Keys are in the order the
    file lists them; optional keys that are empty are left out.

    Raises
    ------
    InputError
        For a symbolic game that is not a model (its parameters have no defaults).

    Examples
    --------
    >>> from gametheory import Game
    >>> doc = model_document(Game.from_bimatrix([["1/3", "0.5"]], [[2, -1]], title="t"))
    >>> doc["payoffs"][1]
    {'profile': ['1', '2'], 'values': [Decimal('0.5'), -1]}
    """
    model = source if isinstance(source, Model) else None
    game = model.game if model else source
    if not isinstance(game, Game):
        raise InputError(f"expected a Game or a Model, got {type(source).__name__}")
    if model is None and game.kind == "symbolic":
        raise InputError(
            "a symbolic game has no parameter defaults to write; substitute values first or write a Model",
            field="game",
        )
    doc: dict[str, Any] = {"title": title or (model.title if model else game.title) or "Untitled game"}
    if model and model.section:
        doc["section"] = model.section
    desc = description if description is not None else (model.description if model else "")
    if desc:
        doc["description"] = desc
    if model and model.quotes:
        doc["quotes"] = list(model.quotes)
    if model and model.assumption_texts:
        doc["assumptions"] = list(model.assumption_texts)
    doc["players"] = [{"name": p, "strategies": list(labels)} for p, labels in zip(game.players, game.strategies)]
    if model and model.parameters:
        doc["parameters"] = {name: _parameter(par) for name, par in model.parameters.items()}
    as_number = {"float": _decimal, "exact": _exact}.get(game.kind, _data)
    doc["payoffs"] = [
        {
            "profile": [game.strategies[i][j] for i, j in enumerate(idx)],
            "values": [as_number(x) for x in game.payoffs[idx]],
        }
        for idx in itertools.product(*[range(n) for n in game.shape])
    ]
    if model and model.predictions:
        doc["predictions"] = [_prediction(pred) for pred in model.predictions]
    if model and model.bargaining is not None:
        doc["bargaining"] = _data(model.bargaining)
    return doc


def _parameter(par) -> dict:
    table = {"default": _exact(par.default), "range": [_exact(par.range[0]), _exact(par.range[1])]}
    table["meaning"] = par.meaning
    if par.quote:
        table["quote"] = par.quote
    table["status"] = par.status
    return table


def _prediction(pred) -> dict:
    table: dict[str, Any] = {"kind": pred.kind}
    if pred.profile is not None:
        table["profile"] = _data(pred.profile)
    if pred.count is not None:
        table["count"] = pred.count
    if pred.delta is not None:
        table["delta"] = pred.delta
    if pred.strategy is not None:
        table["strategy"] = pred.strategy
    if pred.claim:
        table["claim"] = pred.claim
    if pred.source:
        table["source"] = pred.source
    if pred.quote:
        table["quote"] = pred.quote
    if pred.at:
        table["at"] = _data(pred.at)
    return table


# ---------------------------------------------------------------------------- the text


@lru_cache(maxsize=1024)
def _key(key: str) -> str:
    """tomli-w's text of a key: bare when it can be, quoted otherwise."""
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


@lru_cache(maxsize=65536)
def _scalar_text(kind: str, text: str, value) -> str:
    return tomli_w.dumps({"v": value})[len("v = ") : -1]


def _scalar(value) -> str:
    """tomli-w's text of a string, number or boolean (cached: labels and payoffs repeat in a game).

    The cache key has the type and ``str`` of the value, not only the value:
    ``Decimal("2.0") == 2`` but they are written differently.
    """
    return _scalar_text(type(value).__name__, str(value), value)


def _inline(value) -> str:
    """One value on one line: tomli-w's text of each string and number, joined as an inline array or table."""
    if isinstance(value, list):
        return "[" + ", ".join([_inline(v) for v in value]) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    return _scalar(value)


def _table(table: Mapping) -> str:
    return "".join(f"{_key(k)} = {_inline(v)}\n" for k, v in table.items())


def _text(doc: Mapping) -> str:
    """The text of a model document: the layout of ``models/*.toml`` (see the module docstring)."""
    out: list[str] = []
    for key, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(t, Mapping) for t in value):
            out.extend(f"\n[[{_key(key)}]]\n{_table(t)}" for t in value)
        elif key in _TABLES_OF_TABLES:
            out.extend(f"\n[{_key(key)}.{_key(name)}]\n{_table(t)}" for name, t in value.items())
        elif isinstance(value, Mapping):
            out.append(f"\n[{_key(key)}]\n{_table(value)}")
        elif key in _ONE_ITEM_A_LINE:
            out.append(tomli_w.dumps({key: value}))
        else:
            out.append(f"{_key(key)} = {_inline(value)}\n")
    return "".join(out)


def model_to_toml(source, *, title: str | None = None, description: str | None = None) -> str:
    """The text of a model file for a numeric :class:`~gametheory.Game` or a :class:`Model`.

    A game's payoffs are written as integers, decimals or ``"p/q"`` strings
    (exact games; floats are written by ``repr`` and read back as the exact
    decimal they print as).  A model keeps its parameters, symbolic payoffs,
    assumptions, predictions and bargaining table.  The text is
    :func:`model_document` (whose errors this raises) laid out as the module
    docstring says.

    Examples
    --------
    >>> from gametheory import Game
    >>> print(model_to_toml(Game.from_bimatrix([["1/3", "0.5"]], [[2, -1]], title="t")), end="")
    title = "t"
    <BLANKLINE>
    [[players]]
    name = "Player 1"
    strategies = ["1"]
    <BLANKLINE>
    [[players]]
    name = "Player 2"
    strategies = ["1", "2"]
    <BLANKLINE>
    [[payoffs]]
    profile = ["1", "1"]
    values = ["1/3", 2]
    <BLANKLINE>
    [[payoffs]]
    profile = ["1", "2"]
    values = [0.5, -1]
    """
    return _text(model_document(source, title=title, description=description))


def write_model(source, path, **kwargs) -> None:
    """Write :func:`model_to_toml` of ``source`` to ``path`` atomically.

    The text is checked by reading it back before anything is written, so a
    file written here always loads.
    """
    text = model_to_toml(source, **kwargs)
    try:
        parse_model(text, path)
    except InputError as exc:  # pragma: no cover - a bug in the writer, not the user's fault
        raise GameTheoryError(f"internal error: the model text written for {path} does not load: {exc}") from exc
    atomic_write_text(path, text)
