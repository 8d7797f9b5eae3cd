"""Model files: one normal-form game per TOML file, with parameters and the article's claims.

The format is specified in ``docs/model-format.md``.  :func:`load_model`
reads a file with the standard library's :mod:`tomllib` and validates every
field; TOML floats are read as exact decimals (``0.1`` is :math:`1/10`), so
a model is exact unless an expression is irrational (``sqrt(2)``).  Payoff
entries are numbers or expressions over the declared parameters, parsed by
the whitelist parser :mod:`gametheory.io.expressions`.

Every problem is an :class:`~gametheory.errors.InputError` (usually a
:class:`~gametheory.errors.ModelError`) carrying the file, the line of the
offending key or ``[[table]]`` header, and the field, e.g.
``models/x.toml:23: payoffs[2].values: expected 2 values (one per player), got 3``.

A loaded :class:`Model` is immutable.  ``model.game`` is symbolic when the
model has parameters; :meth:`Model.game_at` gives the numeric game at the
defaults, overridden by given values.  :func:`model_to_toml` and
:func:`write_model` go the other way (atomic writes).

Examples
--------
>>> text = '''
... title = "Prisoner's dilemma"
... [[players]]
... name = "Row"
... strategies = ["C", "D"]
... [[players]]
... name = "Col"
... strategies = ["C", "D"]
... [parameters.t]
... default = 4
... range = [3, 5]
... meaning = "temptation"
... [[payoffs]]
... profile = ["C", "C"]
... values = [3, 3]
... [[payoffs]]
... profile = ["C", "D"]
... values = [0, "t"]
... [[payoffs]]
... profile = ["D", "C"]
... values = ["t", 0]
... [[payoffs]]
... profile = ["D", "D"]
... values = [1, 1]
... '''
>>> m = parse_model(text)
>>> m.game.kind, m.game_at().kind
('symbolic', 'exact')
>>> m.game_at({"t": "9/2"}).payoff({"Row": "D", "Col": "C"})["Row"]
Fraction(9, 2)
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from ..errors import GameTheoryError, InputError, LabelError, ModelError
from ..game import Game
from ..numbers import parse_rational, to_exact
from .atomic import atomic_write_text
from .expressions import is_parameter_name, parameter_symbol, parse_expression, parse_relation
from .reading import read_bytes

__all__ = [
    "Model",
    "Parameter",
    "Prediction",
    "load_model",
    "parse_model",
    "model_to_toml",
    "write_model",
    "format_expression",
    "PREDICTION_KINDS",
    "STATUSES",
]

TOP_LEVEL_KEYS = (
    "title", "section", "description", "quotes", "assumptions",
    "players", "parameters", "payoffs", "predictions", "bargaining",
)
PLAYER_KEYS = ("name", "strategies", "description")
PARAMETER_KEYS = ("default", "range", "meaning", "quote", "status")
PAYOFF_KEYS = ("profile", "values")
PREDICTION_KEYS = ("kind", "profile", "count", "claim", "quote", "at")
PREDICTION_KINDS = ("equilibrium", "unique_equilibrium", "not_equilibrium", "equilibrium_count")
STATUSES = ("pinned", "assumption")
MAX_DECIMAL_EXPONENT = 400
MAX_PROFILES = 1_000_000


# ---------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Parameter:
    """A declared model parameter.

    Attributes
    ----------
    name : str
    default : Fraction
        The baseline value (TOML floats are read as exact decimals).
    range : tuple of Fraction
        ``(lo, hi)``, a plausible range with ``lo <= default <= hi``.
    meaning : str
    quote : str
        The article sentence the parameter rests on ("" if none).
    status : {'pinned', 'assumption'}
        Pinned: the article fixes its sign or order; assumption: sweep it.
    line : int or None
        Line of its table in the file.
    """

    name: str
    default: Fraction
    range: tuple
    meaning: str
    quote: str = ""
    status: str = "assumption"
    line: int | None = None

    @property
    def symbol(self) -> sympy.Symbol:
        """The (real) sympy symbol used for this parameter in payoffs and assumptions."""
        return parameter_symbol(self.name)


@dataclass(frozen=True)
class Prediction:
    """One of the article's claims about the game, checked by ``gametheory check``.

    Attributes
    ----------
    kind : {'equilibrium', 'unique_equilibrium', 'not_equilibrium', 'equilibrium_count'}
    profile : mapping or None
        ``{player: label}`` for a pure profile; a player may instead map to
        ``{label: Fraction}`` (a mixed strategy, labels left out have 0).
    count : int or None
        For ``equilibrium_count``.
    claim, quote : str
    line : int or None
        Line of the ``[[predictions]]`` header.
    at : mapping
        ``{parameter: Fraction}``: values at which the claim is made
        (others at their defaults); empty means at the defaults.
    """

    kind: str
    profile: Mapping | None
    count: int | None = None
    claim: str = ""
    quote: str = ""
    line: int | None = None
    at: Mapping = field(default_factory=lambda: MappingProxyType({}))

    @property
    def is_pure(self) -> bool:
        return self.profile is not None and all(isinstance(v, str) for v in self.profile.values())


@dataclass(frozen=True)
class Model:
    """A game loaded from a model file, with its parameters and the article's claims.

    See ``docs/model-format.md`` for the meaning of each field.  ``game`` is a
    symbolic :class:`~gametheory.Game` when there are parameters (exact or,
    for irrational payoffs, float otherwise).
    """

    path: str | None
    id: str
    title: str
    section: str
    description: str
    quotes: tuple
    players: tuple
    strategies: tuple
    parameters: Mapping
    assumptions: tuple
    assumption_texts: tuple
    predictions: tuple
    bargaining: Mapping | None
    game: Game
    # {profile index tuple: line of its [[payoffs]] entry}, so errors at given values can point at the entry
    payoff_lines: Mapping = field(default_factory=lambda: MappingProxyType({}), repr=False, compare=False)

    @property
    def symbols(self) -> dict:
        """``{name: sympy.Symbol}`` of the parameters."""
        return {name: p.symbol for name, p in self.parameters.items()}

    @property
    def defaults(self) -> dict:
        """``{name: default}`` of the parameters."""
        return {name: p.default for name, p in self.parameters.items()}

    def game_at(self, values: Mapping | None = None, exact: bool | None = None) -> Game:
        """The numeric game with every parameter at its default, overridden by ``values``.

        Parameters
        ----------
        values : mapping, optional
            ``{name: value}``; a value is a number or a rational string.
        exact : bool, optional
            Exact (Fractions) or float payoffs.  Default: exact unless a value
            is a float or a payoff is irrational.

        Raises
        ------
        InputError
            If ``values`` names an undeclared parameter or a payoff is not a
            finite real number at these values (e.g. a division by zero).
        """
        vals = dict(self.defaults)
        any_float = False
        for key, val in dict(values or {}).items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in self.parameters:
                declared = ", ".join(self.parameters) or "none"
                raise InputError(f"unknown parameter {name!r}; declared parameters: {declared}", path=self.path, field="values")
            if isinstance(val, (float, np.floating)):
                any_float = True
            vals[name] = to_exact(val, field=f"parameter {name}")
        if not self.parameters:
            if exact is False:
                return self.game.to_float()
            if exact is True and self.game.kind == "float":
                raise InputError("the payoffs are irrational; use exact=False", path=self.path, field="exact")
            return self.game
        subs = {parameter_symbol(n): sympy.Rational(v.numerator, v.denominator) for n, v in vals.items()}
        flat = self.game.payoffs.reshape(-1)
        out = np.empty(flat.shape, dtype=object)
        for k, x in enumerate(flat):
            y = x.xreplace(subs)
            if y.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or y.free_symbols or y.is_real is False:
                idx = np.unravel_index(k, self.game.payoffs.shape)
                profile = [self.strategies[i][j] for i, j in enumerate(idx[:-1])]
                at = ", ".join(f"{a}={b}" for a, b in vals.items())
                raise ModelError(
                    f"the payoff of {self.players[idx[-1]]!r} at profile {profile} is {y}, not a finite number, at {at}",
                    path=self.path, line=self.payoff_lines.get(tuple(int(i) for i in idx[:-1])), field="payoffs",
                )
            out[k] = y
        out = out.reshape(self.game.payoffs.shape)
        rational = all(y.is_Rational for y in out.reshape(-1))
        if exact is None:
            exact = rational and not any_float
        if exact and not rational:
            raise InputError("some payoffs are irrational at these values; use exact=False", path=self.path, field="exact")
        return Game(out, self.players, self.strategies, self.title, "exact" if exact else "float")

    def __hash__(self):  # the mappings are not hashable; the game and the source identify a model
        return hash((self.path, self.title, self.game))

    def __repr__(self):
        return f"<Model {self.id!r} {self.title!r}: {self.game!r}, parameters {list(self.parameters)}>"


# ---------------------------------------------------------------------------- line lookup

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _normalize_header(name: str) -> str:
    parts = [p.strip().strip('"').strip("'") for p in name.split(".")]
    return ".".join(parts)


class _Locator:
    """Finds the line of a key or ``[table]`` header in TOML text (best effort)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: dict[tuple, int] = {}
        self.block_of: list[tuple] = []
        counts: dict[str, int] = {}
        current: tuple = (None, 0)
        multi = None
        for no, raw in enumerate(self.lines, 1):
            if multi is not None:
                self.block_of.append(current)
                if raw.count(multi) % 2 == 1:
                    multi = None
                continue
            m = _ARRAY_HEADER.match(raw)
            if m:
                name = _normalize_header(m.group(1))
                k = counts.get(name, 0)
                counts[name] = k + 1
                current = (name, k)
                self.headers.setdefault(current, no)
            else:
                m = _TABLE_HEADER.match(raw)
                if m:
                    current = (_normalize_header(m.group(1)), 0)
                    self.headers.setdefault(current, no)
            self.block_of.append(current)
            for q in ('"""', "'''"):
                if raw.count(q) % 2 == 1:
                    multi = q
                    break

    def _key_line(self, block: tuple, key: str):
        pat = re.compile(r"^\s*(?:" + re.escape(key) + r'|"' + re.escape(key) + r'"|\'' + re.escape(key) + r"')\s*[=.]")
        for no, (raw, blk) in enumerate(zip(self.lines, self.block_of), 1):
            if blk == block and pat.match(raw):
                return no
        return None

    def line(self, *path):
        """Line of ``path`` such as ``("payoffs", 2, "values")`` or ``("parameters", "g", "range")``."""
        for cut in range(len(path), -1, -1):
            head, rest = path[:cut], path[cut:]
            if head and isinstance(head[-1], int):
                if any(not isinstance(h, str) for h in head[:-1]):
                    continue
                block = (".".join(head[:-1]), head[-1])
            elif head:
                if any(not isinstance(h, str) for h in head):
                    continue
                block = (".".join(head), 0)
            else:
                block = (None, 0)
            if block[0] is not None and block not in self.headers:
                continue
            if not rest:
                return self.headers.get(block)
            if isinstance(rest[0], str):
                ln = self._key_line(block, rest[0])
                if ln is not None:
                    return ln
            if block[0] is not None:
                return self.headers[block]
        return None


# ---------------------------------------------------------------------------- validation


class _NonFinite:
    """A TOML inf/nan, kept aside so validation can name the field."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def _parse_float(text: str):
    if text.lstrip("+-") in ("inf", "nan"):
        return _NonFinite(text)
    return Decimal(text)


def _field_name(path) -> str:
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += ("." if out else "") + str(p)
    return out


class _Reader:
    def __init__(self, text: str, path):
        self.text = text
        self.path = None if path is None else os.fspath(path)
        self.loc = _Locator(text)

    def error(self, message, *where, cls=ModelError):
        return cls(message, path=self.path, line=self.loc.line(*where), field=_field_name(where) or None)

    def relocate(self, exc: InputError, *where) -> InputError:
        """The same error with this file, the line of ``where`` and its field filled in where missing."""
        return exc.with_location(self.path, self.loc.line(*where), _field_name(where) or None)

    # ---------------------------------------------------------------- scalars
    def string(self, value, *where, required=False, allow_empty=True) -> str:
        if value is None:
            if required:
                raise self.error("is required (a string)", *where)
            return ""
        if not isinstance(value, str):
            raise self.error(f"expected a string, got {_describe(value)}", *where)
        if not allow_empty and not value.strip():
            raise self.error("must not be empty", *where)
        return value

    def strings(self, value, *where, non_empty=False) -> tuple:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(f"expected a list of strings, got {_describe(value)}", *where)
        for i, v in enumerate(value):
            if not isinstance(v, str):
                raise self.error(f"expected a string, got {_describe(v)}", *where, i)
            if non_empty and not v.strip():
                raise self.error("labels must not be empty", *where, i)
        return tuple(value)

    def number(self, value, *where) -> Fraction:
        if isinstance(value, bool):
            raise self.error(f"expected a number, got the boolean {str(value).lower()}", *where)
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, _NonFinite):
            raise self.error(f"numbers must be finite, got {value}", *where)
        if isinstance(value, Decimal):
            if abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
                raise self.error(f"the number {value} is out of range (|exponent| > {MAX_DECIMAL_EXPONENT})", *where)
            return Fraction(value)
        if isinstance(value, str):
            try:
                f = parse_rational(value)
            except InputError:
                raise self.error(f"expected a number such as 2, -0.5 or \"1/3\", got {value!r}", *where) from None
            if abs(f.numerator).bit_length() > 4 * MAX_DECIMAL_EXPONENT or f.denominator.bit_length() > 4 * MAX_DECIMAL_EXPONENT:
                raise self.error(f"the number {value!r} is out of range", *where)
            return f
        raise self.error(f"expected a number, got {_describe(value)}", *where)

    def check_keys(self, table, allowed, *where):
        if not isinstance(table, dict):
            raise self.error(f"expected a table, got {_describe(table)}", *where)
        for key in table:
            if key not in allowed:
                raise self.error(f"unknown key {key!r}; allowed keys: {', '.join(allowed)}", *where, key)

    # ---------------------------------------------------------------- sections
    def players(self, data):
        if "players" not in data:
            raise self.error("missing [[players]]: at least one player with a name and strategies", "players")
        raw = data["players"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[players]] tables (at least one), got {_describe(raw)}", "players")
        names, strategies = [], []
        for i, p in enumerate(raw):
            self.check_keys(p, PLAYER_KEYS, "players", i)
            name = self.string(p.get("name"), "players", i, "name", required=True, allow_empty=False)
            if name in names:
                raise self.error(f"duplicate player name {name!r}", "players", i, "name", cls=LabelError)
            if "strategies" not in p:
                raise self.error("is required (a list of strategy labels)", "players", i, "strategies")
            labels = self.strings(p["strategies"], "players", i, "strategies", non_empty=True)
            if not labels:
                raise self.error(f"player {name!r} needs at least one strategy", "players", i, "strategies")
            seen = set()
            for j, lab in enumerate(labels):
                if lab in seen:
                    raise self.error(f"duplicate strategy {lab!r} of player {name!r}", "players", i, "strategies", cls=LabelError)
                seen.add(lab)
            if "description" in p:
                self.string(p["description"], "players", i, "description")
            names.append(name)
            strategies.append(labels)
        if int(np.prod([len(s) for s in strategies], dtype=object)) > MAX_PROFILES:
            raise self.error(f"more than {MAX_PROFILES} pure profiles; a model file is for small games", "players")
        return tuple(names), tuple(strategies)

    def parameters(self, data) -> dict:
        raw = data.get("parameters", {})
        if not isinstance(raw, dict):
            raise self.error(f"expected a table of parameter tables, got {_describe(raw)}", "parameters")
        out = {}
        for name, spec in raw.items():
            where = ("parameters", name)
            if not is_parameter_name(name):
                raise self.error(
                    f"{name!r} cannot name a parameter: use an ASCII identifier (letters, digits, _) that is not a "
                    "Python keyword or one of the functions min, max, abs, exp, log, sqrt",
                    *where,
                )
            self.check_keys(spec, PARAMETER_KEYS, *where)
            for key in ("default", "range", "meaning"):
                if key not in spec:
                    raise self.error(f"parameter {name!r} needs {key!r}", *where)
            default = self.number(spec["default"], *where, "default")
            rng = spec["range"]
            if not isinstance(rng, list) or len(rng) != 2:
                raise self.error(f"expected [lo, hi], got {_describe(rng)}", *where, "range")
            lo = self.number(rng[0], *where, "range")
            hi = self.number(rng[1], *where, "range")
            if lo > hi:
                raise self.error(f"lo > hi in range [{lo}, {hi}]", *where, "range")
            if not lo <= default <= hi:
                raise self.error(
                    f"default {default} is outside the range [{lo}, {hi}]",
                    *where, "default",
                )
            meaning = self.string(spec["meaning"], *where, "meaning")
            quote = self.string(spec.get("quote"), *where, "quote")
            status = spec.get("status", "assumption")
            if status not in STATUSES:
                raise self.error(f"status must be one of {', '.join(map(repr, STATUSES))}, got {status!r}", *where, "status")
            out[name] = Parameter(name, default, (lo, hi), meaning, quote, status, self.loc.line(*where))
        return out

    def payoffs(self, data, players, strategies, symbols):
        if "payoffs" not in data:
            raise self.error("missing [[payoffs]]: one entry per pure profile", "payoffs")
        raw = data["payoffs"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[payoffs]] tables, got {_describe(raw)}", "payoffs")
        n = len(players)
        index = [{lab: j for j, lab in enumerate(s)} for s in strategies]
        shape = tuple(len(s) for s in strategies)
        arr = np.empty(shape + (n,), dtype=object)
        seen = {}
        for k, entry in enumerate(raw):
            where = ("payoffs", k)
            self.check_keys(entry, PAYOFF_KEYS, *where)
            for key in PAYOFF_KEYS:
                if key not in entry:
                    raise self.error(f"needs {key!r}", *where)
            labels = self.profile_labels(entry["profile"], players, *where, "profile")
            idx = []
            for i, lab in enumerate(labels):
                if lab not in index[i]:
                    raise self.error(
                        f"unknown strategy {lab!r} of player {players[i]!r}; strategies are {list(strategies[i])}",
                        *where, "profile", cls=LabelError,
                    )
                idx.append(index[i][lab])
            idx = tuple(idx)
            if idx in seen:
                raise self.error(
                    f"duplicate profile {list(labels)} (first given at line {seen[idx]})", *where, "profile"
                )
            seen[idx] = self.loc.line(*where, "profile")
            values = entry["values"]
            if not isinstance(values, list):
                raise self.error(f"expected a list of {n} values (one per player), got {_describe(values)}", *where, "values")
            if len(values) != n:
                raise self.error(f"expected {n} values (one per player), got {len(values)}", *where, "values")
            for i, v in enumerate(values):
                arr[idx + (i,)] = self.value(v, symbols, *where, "values")
        if len(seen) < int(np.prod(shape)):
            missing = next(p for p in itertools.product(*[range(m) for m in shape]) if p not in seen)
            labels = [strategies[i][j] for i, j in enumerate(missing)]
            count = int(np.prod(shape)) - len(seen)
            raise self.error(f"no payoffs for profile {labels} ({count} profile{'s' if count > 1 else ''} missing)", "payoffs")
        return arr, {idx: self.loc.line("payoffs", k, "values") for k, idx in enumerate(seen)}

    def profile_labels(self, value, players, *where):
        n = len(players)
        if isinstance(value, dict):
            unknown = [p for p in value if p not in players]
            if unknown:
                raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
            missing = [p for p in players if p not in value]
            if missing:
                raise self.error(f"no strategy for player {missing[0]!r}", *where)
            value = [value[p] for p in players]
        if not isinstance(value, list):
            raise self.error(f"expected a list of {n} strategy labels (one per player, in order), got {_describe(value)}", *where)
        if len(value) != n:
            raise self.error(f"expected {n} strategy labels (one per player), got {len(value)}", *where)
        for v in value:
            if not isinstance(v, str):
                raise self.error(f"strategy labels are strings, got {_describe(v)}", *where)
        return tuple(value)

    def value(self, v, symbols, *where):
        if isinstance(v, str):
            try:
                return parse_expression(v, symbols, field=_field_name(where), path=self.path, line=self.loc.line(*where))
            except InputError as exc:
                raise self.relocate(exc, *where) from None
        f = self.number(v, *where)
        return sympy.Rational(f.numerator, f.denominator)

    def assumptions(self, data, symbols):
        texts = self.strings(data.get("assumptions"), "assumptions")
        rels = []
        for i, t in enumerate(texts):
            try:
                rels.append(parse_relation(t, symbols, field=f"assumptions[{i + 1}]", path=self.path, line=self.loc.line("assumptions")))
            except InputError as exc:
                raise self.relocate(exc, "assumptions") from None
        return tuple(rels), texts

    def predictions(self, data, players, strategies, parameters):
        raw = data.get("predictions", [])
        if not isinstance(raw, list):
            raise self.error(f"expected [[predictions]] tables, got {_describe(raw)}", "predictions")
        out = []
        for k, entry in enumerate(raw):
            where = ("predictions", k)
            self.check_keys(entry, PREDICTION_KEYS, *where)
            kind = entry.get("kind")
            if kind not in PREDICTION_KINDS:
                raise self.error(f"kind must be one of {', '.join(PREDICTION_KINDS)}, got {kind!r}", *where, "kind")
            profile = None
            if "profile" in entry:
                profile = self.prediction_profile(entry["profile"], players, strategies, *where, "profile")
            elif kind != "equilibrium_count":
                raise self.error(f"a prediction of kind {kind!r} needs a profile", *where)
            count = None
            if kind == "equilibrium_count":
                count = entry.get("count")
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise self.error(f"expected a count (an integer >= 0), got {_describe(count)}", *where, "count")
            elif "count" in entry:
                raise self.error(f"count belongs to kind 'equilibrium_count', not {kind!r}", *where, "count")
            at = entry.get("at", {})
            if not isinstance(at, dict):
                raise self.error(f"expected a table {{parameter = value}}, got {_describe(at)}", *where, "at")
            at_vals = {}
            for name, v in at.items():
                if name not in parameters:
                    declared = ", ".join(parameters) or "none"
                    raise self.error(f"unknown parameter {name!r}; declared parameters: {declared}", *where, "at")
                at_vals[name] = self.number(v, *where, "at")
            out.append(Prediction(
                kind, profile, count,
                self.string(entry.get("claim"), *where, "claim"),
                self.string(entry.get("quote"), *where, "quote"),
                self.loc.line(*where),
                MappingProxyType(at_vals),
            ))
        return tuple(out)

    def prediction_profile(self, value, players, strategies, *where):
        if not isinstance(value, dict):
            raise self.error(
                f"expected {{player = label}} or {{player = {{label = probability}}}}, got {_describe(value)}", *where
            )
        unknown = [p for p in value if p not in players]
        if unknown:
            raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
        out = {}
        for i, p in enumerate(players):
            if p not in value:
                raise self.error(f"no strategy for player {p!r}; a profile names every player", *where)
            spec = value[p]
            if isinstance(spec, str):
                if spec not in strategies[i]:
                    raise self.error(
                        f"unknown strategy {spec!r} of player {p!r}; strategies are {list(strategies[i])}", *where, cls=LabelError
                    )
                out[p] = spec
            elif isinstance(spec, dict):
                probs = {}
                for lab, q in spec.items():
                    if lab not in strategies[i]:
                        raise self.error(
                            f"unknown strategy {lab!r} of player {p!r}; strategies are {list(strategies[i])}", *where, cls=LabelError
                        )
                    probs[lab] = self.number(q, *where)
                    if probs[lab] < 0:
                        raise self.error(f"probabilities must be >= 0, got {probs[lab]} for {lab!r}", *where)
                total = sum(probs.values(), Fraction(0))
                if total != 1:
                    raise self.error(f"the probabilities of {p!r} sum to {total}, expected 1", *where)
                out[p] = MappingProxyType(probs)
            else:
                raise self.error(f"expected a label or a table of probabilities for {p!r}, got {_describe(spec)}", *where)
        return MappingProxyType(out)

    def bargaining(self, data):
        if "bargaining" not in data:
            return None
        raw = data["bargaining"]
        if not isinstance(raw, dict):
            raise self.error(f"expected a table, got {_describe(raw)}", "bargaining")
        return self.freeze(raw, "bargaining")

    def freeze(self, value, *where):
        if isinstance(value, dict):
            return MappingProxyType({k: self.freeze(v, *where, k) for k, v in value.items()})
        if isinstance(value, list):
            return tuple(self.freeze(v, *where) for v in value)
        if isinstance(value, (Decimal, _NonFinite)):
            return self.number(value, *where)
        return value

    # ---------------------------------------------------------------- whole file
    def model(self) -> Model:
        try:
            data = tomllib.loads(self.text, parse_float=_parse_float)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise ModelError(f"not valid TOML: {exc}", path=self.path, line=int(m.group(1)) if m else None) from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise ModelError(f"not valid TOML: {type(exc).__name__}: {exc}"[:300], path=self.path) from None
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                raise self.error(f"unknown top-level key {key!r}; allowed keys: {', '.join(TOP_LEVEL_KEYS)}", key)
        if "title" not in data:
            raise ModelError("missing 'title' (a string)", path=self.path, line=1, field="title")
        title = self.string(data["title"], "title", required=True, allow_empty=False)
        section = data.get("section", "")
        if isinstance(section, int) and not isinstance(section, bool):
            section = str(section)
        section = self.string(section, "section")
        description = self.string(data.get("description"), "description")
        quotes = self.strings(data.get("quotes"), "quotes")
        players, strategies = self.players(data)
        parameters = self.parameters(data)
        symbols = {name: p.symbol for name, p in parameters.items()}
        arr, payoff_lines = self.payoffs(data, players, strategies, symbols)
        try:
            game = Game(arr, players, strategies, title, "symbolic" if parameters else None)
        except InputError as exc:
            raise self.relocate(exc, "payoffs") from None
        assumptions, texts = self.assumptions(data, symbols)
        predictions = self.predictions(data, players, strategies, parameters)
        bargaining = self.bargaining(data)
        stem = "" if self.path is None else os.path.splitext(os.path.basename(self.path))[0]
        model = Model(
            self.path, stem, title, section, description, quotes, players, strategies,
            MappingProxyType(parameters), assumptions, texts, predictions, bargaining, game,
            MappingProxyType(payoff_lines),
        )
        if parameters:
            # fail at load time, with a line, if a payoff is undefined at the defaults (e.g. 1/g with g = 0)
            try:
                model.game_at()
            except InputError as exc:
                raise self.relocate(exc, "payoffs") from None
        return model


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, (Decimal, int)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if value is None:
        return "nothing"
    if isinstance(value, _NonFinite):
        return f"the number {value}"
    return f"a {type(value).__name__} ({value})"


def parse_model(text: str, path=None) -> Model:
    """Parse the text of a model file (``path`` is used for messages and ``Model.id``)."""
    if not isinstance(text, str):
        raise ModelError(f"expected the text of a model file, got {type(text).__name__}", path=path)
    return _Reader(text, path).model()


def load_model(path) -> Model:
    """Read and validate a model file.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    Model

    Raises
    ------
    ModelError, ExpressionError, LabelError
        (all :class:`~gametheory.errors.InputError`) with the file, the line
        and the field at fault.
    """
    path = os.fspath(path)
    raw = read_bytes(path, ModelError)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelError(f"not UTF-8 text (byte {exc.start})", path=path, line=line) from None
    return parse_model(text, path)


# ---------------------------------------------------------------------------- writing


class _ExpressionPrinter(StrPrinter):
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
        op = "==" if expr.rel_op == "==" else expr.rel_op
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_Float(self, expr):  # pragma: no cover - models are exact; keep the value readable anyway
        return repr(float(expr))


def format_expression(expr) -> str:
    """Write a sympy expression (or relation) so that the model parser reads it back.

    >>> from gametheory.io.expressions import parse_expression
    >>> e = parse_expression("max(a, 0) - abs(b)/3 + exp(1)", ["a", "b"])
    >>> parse_expression(format_expression(e), ["a", "b"]) == e
    True
    """
    return _ExpressionPrinter({"order": "none"}).doprint(expr)


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
