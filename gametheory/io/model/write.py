"""Writing a model file: a :class:`~gametheory.Game` or a :class:`~gametheory.io.model.Model` -> TOML text.

:func:`model_to_toml` writes what :func:`~gametheory.io.model.parse_model`
reads back to the same game (and, for a model, the same parameters,
assumptions, predictions and bargaining table); :func:`write_model` checks
that and writes the file atomically.  Payoff expressions are written in the
model grammar by :func:`format_expression`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from fractions import Fraction
from functools import cache

from ...errors import GameTheoryError, InputError
from ...game import Game
from ..atomic import atomic_write_text
from .schema import Model
from .validate import parse_model

__all__ = ["model_to_toml", "write_model", "format_expression"]


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


def _toml_str(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(k: str) -> str:
    return k if _BARE_KEY.match(k) else _toml_str(k)


def _toml_fraction(f: Fraction) -> str:
    """An exact number as a TOML integer or decimal when it has one, else a "p/q" string."""
    if f.denominator == 1:
        return str(f.numerator)
    q, k2, k5 = f.denominator, 0, 0
    while q % 2 == 0:
        q, k2 = q // 2, k2 + 1
    while q % 5 == 0:
        q, k5 = q // 5, k5 + 1
    if q != 1:
        return _toml_str(str(f))
    k = max(k2, k5)
    digits = str(abs(f.numerator) * 10**k // f.denominator).rjust(k + 1, "0")
    return ("-" if f < 0 else "") + digits[:-k] + "." + digits[-k:]


def _toml_value(v) -> str:
    import sympy

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Fraction):
        return _toml_fraction(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, sympy.Basic):
        if v.is_Rational:
            return _toml_fraction(Fraction(int(v.p), int(v.q)))
        return _toml_str(format_expression(v))
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_toml_key(str(k))} = {_toml_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise InputError(f"cannot write {type(v).__name__} {v!r} to TOML")


def _payoff_value(x, kind: str) -> str:
    if kind == "float":
        return repr(float(x))
    return _toml_value(x)


def model_to_toml(source, *, title: str | None = None, description: str | None = None) -> str:
    """The text of a model file for a numeric :class:`~gametheory.Game` or a :class:`Model`.

    A game's payoffs are written as integers, decimals or ``"p/q"`` strings
    (exact games; floats are written by ``repr`` and read back as the exact
    decimal they print as).  A model keeps its parameters, symbolic payoffs,
    assumptions, predictions and bargaining table.

    Raises
    ------
    InputError
        For a symbolic game that is not a model (its parameters have no defaults).
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
    lines = []
    the_title = title or (model.title if model else game.title) or "Untitled game"
    lines.append(f"title = {_toml_str(the_title)}")
    if model and model.section:
        lines.append(f"section = {_toml_str(model.section)}")
    desc = description if description is not None else (model.description if model else "")
    if desc:
        lines.append(f"description = {_toml_str(desc)}")
    if model and model.quotes:
        lines.append("quotes = [\n" + "".join(f"    {_toml_str(q)},\n" for q in model.quotes) + "]")
    if model and model.assumption_texts:
        lines.append("assumptions = [" + ", ".join(_toml_str(t) for t in model.assumption_texts) + "]")
    for p, labels in zip(game.players, game.strategies):
        lines.append("")
        lines.append("[[players]]")
        lines.append(f"name = {_toml_str(p)}")
        lines.append(f"strategies = [{', '.join(_toml_str(s) for s in labels)}]")
    if model:
        for name, par in model.parameters.items():
            lines.append("")
            lines.append(f"[parameters.{name}]")
            lines.append(f"default = {_toml_fraction(par.default)}")
            lines.append(f"range = [{_toml_fraction(par.range[0])}, {_toml_fraction(par.range[1])}]")
            lines.append(f"meaning = {_toml_str(par.meaning)}")
            if par.quote:
                lines.append(f"quote = {_toml_str(par.quote)}")
            lines.append(f"status = {_toml_str(par.status)}")
    for idx in itertools.product(*[range(n) for n in game.shape]):
        lines.append("")
        lines.append("[[payoffs]]")
        labels = [game.strategies[i][j] for i, j in enumerate(idx)]
        lines.append(f"profile = [{', '.join(_toml_str(s) for s in labels)}]")
        vals = [_payoff_value(x, game.kind) for x in game.payoffs[idx]]
        lines.append(f"values = [{', '.join(vals)}]")
    if model:
        for pred in model.predictions:
            lines.append("")
            lines.append("[[predictions]]")
            lines.append(f"kind = {_toml_str(pred.kind)}")
            if pred.profile is not None:
                lines.append(f"profile = {_toml_value(pred.profile)}")
            if pred.count is not None:
                lines.append(f"count = {pred.count}")
            if pred.claim:
                lines.append(f"claim = {_toml_str(pred.claim)}")
            if pred.quote:
                lines.append(f"quote = {_toml_str(pred.quote)}")
            if pred.at:
                lines.append(f"at = {_toml_value(pred.at)}")
        if model.bargaining is not None:
            lines.append("")
            lines.append("[bargaining]")
            for k, v in model.bargaining.items():
                lines.append(f"{_toml_key(str(k))} = {_toml_value(v)}")
    return "\n".join(lines) + "\n"


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
