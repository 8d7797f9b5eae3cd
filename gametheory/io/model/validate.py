"""Reading a model file: TOML text -> a validated, immutable :class:`~gametheory.io.model.Model`.

:func:`load_model` reads a file with the standard library's :mod:`tomllib`
and checks every field against ``docs/model-format.md``.  TOML floats are
read as exact decimals (``0.1`` is :math:`1/10`), so a model is exact unless
an expression is irrational (``sqrt(2)``).  Payoff entries are numbers or
expressions over the declared parameters, parsed by the whitelist parser
:mod:`gametheory.io.expressions` (never ``eval``, never ``sympify``).

Every problem is an :class:`~gametheory.errors.InputError` (usually a
:class:`~gametheory.errors.ModelError`) carrying the file, the line of the
offending key or ``[[table]]`` header (found by
:class:`~gametheory.io.model.locate.Locator`), and the field, e.g.
``models/x.toml:23: payoffs[2].values: expected 2 values (one per player), got 3``.
Validation stops at the first problem.  Sizes are capped (decimal exponents,
the number of pure profiles) so that hostile input stays cheap.

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; :mod:`tomllib` (Python 3.11).
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ...errors import InputError, LabelError, ModelError
from ...game import MAX_PLAYERS, is_visible_label, label_key, normalize_label
from ...numbers import parse_rational
from ..expressions import (
    MAX_DECIMAL_EXPONENT,
    check_powers,
    expression_value,
    is_parameter_name,
    parse_expression,
    parse_relation,
    relation_value,
)
from ..reading import read_bytes
from .formulas import PayoffEntry, PayoffFormulas
from .locate import Locator, field_name
from .schema import (
    PARAMETER_KEYS,
    PAYOFF_KEYS,
    PLAYER_KEYS,
    PREDICTION_KEYS,
    PREDICTION_KINDS,
    PREDICTION_SOURCES,
    REPEATED_PREDICTION_KINDS,
    REPEATED_STRATEGIES,
    STATUSES,
    TOP_LEVEL_KEYS,
    Model,
    Parameter,
    Prediction,
)

__all__ = ["load_model", "parse_model", "MAX_DECIMAL_EXPONENT", "MAX_PROFILES"]

# A TOML number's decimal exponent has the cap of a number literal in an expression: MAX_DECIMAL_EXPONENT.
MAX_PROFILES = 1_000_000


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


class _Reader:
    def __init__(self, text: str, path):
        self.text = text
        self.path = None if path is None else os.fspath(path)
        self.loc = Locator(text)
        self.needs_sympy = False  # whether some payoff entry could be checked only by the symbolic walk

    def error(self, message, *where, cls=ModelError):
        return cls(message, path=self.path, line=self.loc.line(*where), field=field_name(where) or None)

    def relocate(self, exc: InputError, *where) -> InputError:
        """The same error with this file, the line of ``where`` and its field filled in where missing."""
        return exc.with_location(self.path, self.loc.line(*where), field_name(where) or None)

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
            if non_empty and not is_visible_label(v):
                raise self.error(f"the label {v!r} has no visible character", *where, i)
        return tuple(normalize_label(v) for v in value) if non_empty else tuple(value)

    def source(self, entry, *where) -> str | None:
        """A prediction's ``source``, checked against its ``quote``.

        An article claim must carry the quote that makes it; a claim derived from the model must carry none,
        so that no sentence of the article seems to assert what only the model's assumptions imply.
        """
        source = entry.get("source")
        if source is None:
            return None
        if source not in PREDICTION_SOURCES:
            raise self.error(f"source must be one of {', '.join(PREDICTION_SOURCES)}, got {_describe(source)}",
                             *where, "source")
        quote = entry.get("quote")
        if source == "article" and not (isinstance(quote, str) and quote.strip()):
            raise self.error("a prediction with source = \"article\" needs the quote in which the article makes "
                             "the claim", *where, "source")
        if source == "model" and quote is not None:
            raise self.error("a prediction with source = \"model\" is the model's consequence, not the "
                             "article's claim: drop its quote (or make it source = \"article\")", *where, "quote")
        return source

    def prediction_tables(self, data, keys, kinds, where_kind: str = ""):
        """``(entry, kind, where)`` for each ``[[predictions]]`` table, its keys and kind checked.

        ``where_kind`` names the kind of model in the message of a kind it does not allow
        (``" in a game-tree model"``); the four readers share this loop head.
        """
        raw = data.get("predictions", [])
        if not isinstance(raw, list):
            raise self.error(f"expected [[predictions]] tables, got {_describe(raw)}", "predictions")
        for k, entry in enumerate(raw):
            where = ("predictions", k)
            self.check_keys(entry, keys, *where)
            kind = entry.get("kind")
            if kind not in kinds:
                raise self.error(f"kind must be one of {', '.join(kinds)}{where_kind}, got {kind!r}", *where, "kind")
            yield entry, kind, where

    def at_values(self, entry, parameters, *where) -> dict:
        """A prediction's ``at`` table ``{parameter = value}``: declared parameters only, exact values."""
        at = entry.get("at", {})
        if not isinstance(at, dict):
            raise self.error(f"expected a table {{parameter = value}}, got {_describe(at)}", *where, "at")
        out = {}
        for name, v in at.items():
            if name not in parameters:
                declared = ", ".join(parameters) or "none"
                raise self.error(f"unknown parameter {name!r}; declared parameters: {declared}", *where, "at")
            out[name] = self.number(v, *where, "at")
        return out

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
            except InputError as exc:
                if exc.message.startswith("expected"):
                    raise self.error(f"expected a number such as 2, -0.5 or \"1/3\", got {value!r}", *where) from None
                raise self.error(exc.message, *where) from None  # a number too large to build
            bits = 4 * MAX_DECIMAL_EXPONENT
            if abs(f.numerator).bit_length() > bits or f.denominator.bit_length() > bits:
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
            if not is_visible_label(name):
                raise self.error(f"the name {name!r} has no visible character", "players", i, "name")
            name = normalize_label(name)
            if label_key(name) in map(label_key, names):
                raise self.error(f"duplicate player name {name!r}", "players", i, "name", cls=LabelError)
            if "strategies" not in p:
                raise self.error("is required (a list of strategy labels)", "players", i, "strategies")
            labels = self.strings(p["strategies"], "players", i, "strategies", non_empty=True)
            if not labels:
                raise self.error(f"player {name!r} needs at least one strategy", "players", i, "strategies")
            seen = set()
            for lab in labels:
                if label_key(lab) in seen:  # labels that differ only by invisible characters read alike
                    raise self.error(
                        f"duplicate strategy {lab!r} of player {name!r}", "players", i, "strategies", cls=LabelError
                    )
                seen.add(label_key(lab))
            if "description" in p:
                self.string(p["description"], "players", i, "description")
            names.append(name)
            strategies.append(labels)
        if len(names) > MAX_PLAYERS:
            raise self.error(f"{len(names)} players; a game has at most {MAX_PLAYERS} players", "players")
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
                allowed = ", ".join(map(repr, STATUSES))
                raise self.error(f"status must be one of {allowed}, got {status!r}", *where, "status")
            out[name] = Parameter(name, default, (lo, hi), meaning, quote, status, self.loc.line(*where))
        return out

    def payoffs(self, data, players, strategies, defaults):
        if "payoffs" not in data:
            raise self.error("missing [[payoffs]]: one entry per pure profile", "payoffs")
        raw = data["payoffs"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[payoffs]] tables, got {_describe(raw)}", "payoffs")
        n = len(players)
        index = [{lab: j for j, lab in enumerate(s)} for s in strategies]
        shape = tuple(len(s) for s in strategies)
        entries = []
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
                raise self.error(
                    f"expected a list of {n} values (one per player), got {_describe(values)}", *where, "values"
                )
            if len(values) != n:
                raise self.error(f"expected {n} values (one per player), got {len(values)}", *where, "values")
            for i, v in enumerate(values):
                entries.append(self.value(idx + (i,), v, defaults, *where, "values"))
        if len(seen) < int(np.prod(shape)):
            missing = next(p for p in itertools.product(*[range(m) for m in shape]) if p not in seen)
            labels = [strategies[i][j] for i, j in enumerate(missing)]
            count = int(np.prod(shape)) - len(seen)
            plural = "s" if count > 1 else ""
            raise self.error(f"no payoffs for profile {labels} ({count} profile{plural} missing)", "payoffs")
        return tuple(entries), {idx: self.loc.line("payoffs", k, "values") for k, idx in enumerate(seen)}

    def profile_labels(self, value, players, *where):
        n = len(players)
        if isinstance(value, dict):
            value = {normalize_label(p): v for p, v in value.items()}
            unknown = [p for p in value if p not in players]
            if unknown:
                raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
            missing = [p for p in players if p not in value]
            if missing:
                raise self.error(f"no strategy for player {missing[0]!r}", *where)
            value = [value[p] for p in players]
        if not isinstance(value, list):
            raise self.error(
                f"expected a list of {n} strategy labels (one per player, in order), got {_describe(value)}", *where
            )
        if len(value) != n:
            raise self.error(f"expected {n} strategy labels (one per player), got {len(value)}", *where)
        for v in value:
            if not isinstance(v, str):
                raise self.error(f"strategy labels are strings, got {_describe(v)}", *where)
        return tuple(normalize_label(v) for v in value)

    def value(self, index, v, defaults, *where) -> PayoffEntry:
        """A payoff entry, checked: a number, or an expression the symbolic walk accepts.

        The walk in Fractions at the defaults checks what it can without
        sympy; where it cannot tell, the symbolic walk decides, as it always did.
        """
        if isinstance(v, str):
            field, line = field_name(where), self.loc.line(*where)
            try:
                if expression_value(v, defaults, field=field, path=self.path, line=line) is None:
                    parse_expression(v, list(defaults), field=field, path=self.path, line=line)
                    self.needs_sympy = True
            except InputError as exc:
                raise self.relocate(exc, *where) from None
            return PayoffEntry(index, v, field, line)
        return PayoffEntry(index, self.number(v, *where))

    def assumptions(self, data, defaults) -> tuple:
        texts = self.strings(data.get("assumptions"), "assumptions")
        line = self.loc.line("assumptions")
        for i, t in enumerate(texts):
            field = f"assumptions[{i + 1}]"
            try:
                holds = relation_value(t, defaults, field=field, path=self.path, line=line)
                if holds is None:
                    holds = _relation_at(parse_relation(t, list(defaults), field=field, path=self.path, line=line),
                                         t, defaults, field, self.path, line)
            except InputError as exc:
                raise self.relocate(exc, "assumptions") from None
            if holds is False:
                # an assumption the defaults break is a contradiction in the file (or a false statement: 1 > 2)
                at = ", ".join(f"{k} = {v}" for k, v in defaults.items())
                where = f"at the defaults ({at})" if at else "(it is false)"
                raise ModelError(f"the assumption {t!r} does not hold {where}", path=self.path, line=line,
                                 field=field)
        return texts

    def predictions(self, data, players, strategies, parameters):
        out = []
        for entry, kind, where in self.prediction_tables(data, PREDICTION_KEYS, PREDICTION_KINDS):
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
            delta, strategy = self.repeated_claim(entry, kind, parameters, *where)
            if kind in REPEATED_PREDICTION_KINDS and not all(isinstance(v, str) for v in profile.values()):
                raise self.error(f"a {kind} prediction names a pure profile {{player = label}}", *where, "profile")
            at_vals = self.at_values(entry, parameters, *where)
            out.append(Prediction(
                kind, profile, count,
                self.string(entry.get("claim"), *where, "claim"),
                self.string(entry.get("quote"), *where, "quote"),
                self.loc.line(*where),
                MappingProxyType(at_vals),
                delta=delta,
                strategy=strategy,
                source=self.source(entry, *where),
            ))
        return tuple(out)

    def repeated_claim(self, entry, kind, parameters, *where) -> tuple[str | None, str | None]:
        """``(delta, strategy)`` of a repeated-game prediction (None, None for the other kinds), checked.

        ``delta`` is kept as text: a TOML number as its exact value (``0.9`` is ``"9/10"``), a string as
        written once the whitelist parser accepts it over the declared parameters.
        """
        if kind not in REPEATED_PREDICTION_KINDS:
            for key in ("delta", "strategy"):
                if key in entry:
                    raise self.error(f"{key} belongs to the kinds {', '.join(REPEATED_PREDICTION_KINDS)}, "
                                     f"not {kind!r}", *where, key)
            return None, None
        strategy = entry.get("strategy", REPEATED_STRATEGIES[0])
        if strategy not in REPEATED_STRATEGIES:
            raise self.error(f"strategy must be one of {', '.join(REPEATED_STRATEGIES)}, got {strategy!r}",
                             *where, "strategy")
        if "delta" not in entry:
            return None, strategy
        raw = entry["delta"]
        if not isinstance(raw, str):
            return str(self.number(raw, *where, "delta")), strategy
        defaults = {name: p.default for name, p in parameters.items()}
        field, line = field_name((*where, "delta")), self.loc.line(*where, "delta")
        try:
            if expression_value(raw, defaults, field=field, path=self.path, line=line) is None:
                parse_expression(raw, list(defaults), field=field, path=self.path, line=line)
        except InputError as exc:
            raise self.relocate(exc, *where, "delta") from None
        return raw, strategy

    def prediction_profile(self, value, players, strategies, *where):
        if not isinstance(value, dict):
            raise self.error(
                f"expected {{player = label}} or {{player = {{label = probability}}}}, got {_describe(value)}", *where
            )
        value = {normalize_label(p): v for p, v in value.items()}
        unknown = [p for p in value if p not in players]
        if unknown:
            raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
        out = {}
        for i, p in enumerate(players):
            if p not in value:
                raise self.error(f"no strategy for player {p!r}; a profile names every player", *where)
            spec = value[p]
            if isinstance(spec, str):
                spec = normalize_label(spec)
                if spec not in strategies[i]:
                    raise self.error(
                        f"unknown strategy {spec!r} of player {p!r}; strategies are {list(strategies[i])}",
                        *where, cls=LabelError,
                    )
                out[p] = spec
            elif isinstance(spec, dict):
                probs = {}
                for lab, q in spec.items():
                    lab = normalize_label(lab)
                    if lab not in strategies[i]:
                        raise self.error(
                            f"unknown strategy {lab!r} of player {p!r}; strategies are {list(strategies[i])}",
                            *where, cls=LabelError,
                        )
                    probs[lab] = self.number(q, *where)
                    if probs[lab] < 0:
                        raise self.error(f"probabilities must be >= 0, got {probs[lab]} for {lab!r}", *where)
                total = sum(probs.values(), Fraction(0))
                if total != 1:
                    raise self.error(f"the probabilities of {p!r} sum to {total}, expected 1", *where)
                out[p] = MappingProxyType(probs)
            else:
                raise self.error(
                    f"expected a label or a table of probabilities for {p!r}, got {_describe(spec)}", *where
                )
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
    def document(self) -> dict:
        """The TOML data of the text (floats as exact decimals), or a ModelError with the line."""
        try:
            return tomllib.loads(self.text, parse_float=_parse_float)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise ModelError(f"not valid TOML: {exc}", path=self.path, line=int(m.group(1)) if m else None) from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise ModelError(f"not valid TOML: {type(exc).__name__}: {exc}"[:300], path=self.path) from None

    def header(self, data) -> tuple[str, str, str, tuple]:
        """``(title, section, description, quotes)``, checked."""
        if "title" not in data:
            raise ModelError("missing 'title' (a string)", path=self.path, line=1, field="title")
        title = self.string(data["title"], "title", required=True, allow_empty=False)
        section = data.get("section", "")
        if isinstance(section, int) and not isinstance(section, bool):
            section = str(section)
        section = self.string(section, "section")
        description = self.string(data.get("description"), "description")
        quotes = self.strings(data.get("quotes"), "quotes")
        return title, section, description, quotes

    def model(self, data: dict | None = None) -> Model:
        if data is None:
            data = self.document()
        if "nodes" in data:
            raise self.error("this file is a game-tree model (it has [[nodes]]) and this needs a normal-form model; "
                             "take the tree's reduced normal form with gametheory convert PATH --to nfg (in Python, "
                             "gametheory.io.model.load_tree_model reads a tree model)", "nodes")
        from .bayesian_read import is_bayesian_document

        if is_bayesian_document(data):
            raise self.error("this file is a Bayesian-game model (it has a prior or players with types) and this needs "
                             "a normal-form model; solve it with gametheory solve PATH (through its type-agent form), "
                             "or take that form with gametheory convert PATH --to nfg (in Python, "
                             "gametheory.io.model.load_bayesian_model reads it)",
                             "prior" if "prior" in data else "players")
        if "signaling" in data:
            raise self.error("this file is a signaling model (it has [signaling]) and this needs a normal-form model; "
                             "solve it with gametheory solve PATH (method pbe), or take its game tree with "
                             "gametheory convert PATH --to efg (in Python, gametheory.io.model.load_signaling_model "
                             "reads it)", "signaling")
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                raise self.error(f"unknown top-level key {key!r}; allowed keys: {', '.join(TOP_LEVEL_KEYS)}", key)
        title, section, description, quotes = self.header(data)
        players, strategies = self.players(data)
        parameters = self.parameters(data)
        defaults = {name: p.default for name, p in parameters.items()}
        entries, payoff_lines = self.payoffs(data, players, strategies, defaults)
        formulas = PayoffFormulas(self.path, title, players, strategies, tuple(parameters), entries)
        if self.needs_sympy:
            # a payoff the walk in Fractions could not check: build the game here, as it always was, so that its
            # errors (an irrational payoff that is not a finite float) come in the same order
            try:
                _ = formulas.game  # kept for later use
            except InputError as exc:
                raise self.relocate(exc, "payoffs") from None
        texts = self.assumptions(data, defaults)
        predictions = self.predictions(data, players, strategies, parameters)
        bargaining = self.bargaining(data)
        stem = "" if self.path is None else os.path.splitext(os.path.basename(self.path))[0]
        model = Model(
            self.path, stem, title, section, description, quotes, players, strategies,
            MappingProxyType(parameters), texts, predictions, bargaining, formulas, MappingProxyType(payoff_lines),
            self.loc.line("assumptions"),
        )
        if parameters:
            _check_powers_on_ranges(parameters, entries, texts, self.path, self.loc.line("assumptions"))
            # fail at load time, with a line, if a payoff is undefined at the defaults (e.g. 1/g with g = 0)
            try:
                model.game_at()
            except InputError as exc:
                raise self.relocate(exc, "payoffs") from None
        return model


def _check_powers_on_ranges(parameters, entries, assumption_texts, path, assumptions_line) -> None:
    """Refuse a payoff or assumption with a power too large to compute somewhere on the parameters' ranges.

    ``conditions``, ``regions`` and ``robust`` substitute points of the ranges exactly, so ``g**g**g`` with
    ``g`` in ``[0, 10]`` must be refused here, not hang there.  The magnitude of a power grows with
    ``|base|`` and the exponent, so each text is checked at the corners of the box of the parameters it
    names (their ends, the others at their defaults); with more than six such parameters, at each one's
    ends in turn.
    """
    defaults = {name: p.default for name, p in parameters.items()}
    items = [(e.value, e.field, e.line) for e in entries if isinstance(e.value, str)]
    items += [(t, f"assumptions[{i + 1}]", assumptions_line) for i, t in enumerate(assumption_texts)]
    for text, field, line in items:
        if "*" not in text and "^" not in text and "(" not in text:
            continue  # no power and no function: nothing can grow beyond its operands
        names = [n for n in parameters if re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", text)]
        ends = [tuple(parameters[n].range) for n in names]
        if len(names) <= 6:
            corners = [dict(zip(names, c)) for c in itertools.product(*ends)]
        else:
            corners = [{n: v} for n, e in zip(names, ends) for v in e]
        for corner in corners:
            values = {**defaults, **{k: Fraction(v) for k, v in corner.items()}}
            at = ", ".join(f"{k} = {v}" for k, v in corner.items())
            try:
                check_powers(text, values, field=field, path=path, line=line)
            except InputError as exc:
                raise type(exc)(f"{exc.message} (at {at}, on the declared ranges)", path=exc.path,
                                line=exc.line, field=exc.field) from None


def _relation_at(relation, text: str, values: dict, field: str, path, line) -> bool | None:
    """Whether a parsed relation holds at ``values`` by sympy's substitution; None if sympy cannot tell."""
    import sympy

    check_powers(text, values, field=field, path=path, line=line)  # substitution would build every power
    subs = {s: sympy.Rational(values[s.name].numerator, values[s.name].denominator) for s in relation.free_symbols}
    truth = relation.func(relation.lhs.xreplace(subs), relation.rhs.xreplace(subs))
    return True if truth is sympy.true else False if truth is sympy.false else None


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
    return parse_model(*read_text(path))


def read_text(path) -> tuple[str, str]:
    """``(text, path)`` of a model file: a regular file of UTF-8 text, or a ModelError naming it."""
    raw = read_bytes(path, ModelError)  # first: it refuses what is not a path, a regular file or small enough
    path = os.fspath(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelError(f"not UTF-8 text (byte {exc.start})", path=path, line=line) from None
    return text, path

