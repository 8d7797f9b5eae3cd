r"""Reading a Bayesian-game model file: TOML text with ``types`` and a ``prior`` -> a validated :class:`BayesianModel`.

The format is specified in ``docs/bayesian-format.md``.  The same machinery as
the other model files (:mod:`gametheory.io.model.validate`,
:mod:`gametheory.io.model.tree_read`): :mod:`tomllib` with floats read as
exact decimals, the header, parameters and assumptions checked by the same
code, probabilities and payoffs either numbers (``"1/3"`` read by
:func:`~gametheory.numbers.parse_rational`) or expressions of the whitelist
parser :mod:`gametheory.io.expressions` (never ``eval``, never
``sympify``), and every error an :class:`~gametheory.errors.InputError` with
the file, the line (of the key, or of the table's header, found by
:class:`~gametheory.io.model.locate.Locator`) and the field.

A file is a Bayesian model when it has a ``prior`` or a player with
``types`` (:func:`is_bayesian_document`).  The prior is either a table
``[prior]`` of independent marginals, ``{player = {type = p}}`` (a player
with one type may be left out), or an array ``[[prior]]`` of joint entries
``types = [...]``, ``probability = p`` (type profiles left out have
probability 0).  It must be nonnegative and sum to 1 at the defaults and at
every value given later; with parameters, it must sum to 1 identically
(checked with sympy when a probability is an expression).  Every action
profile of every type profile of positive prior needs a ``[[payoffs]]``
entry.

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; :mod:`tomllib` (Python 3.11).
"""

from __future__ import annotations

import itertools
import os
from fractions import Fraction
from math import prod
from types import MappingProxyType

from ...errors import LabelError, ModelError
from ...game import MAX_PLAYERS, is_visible_label, label_key, normalize_label
from .bayesian_model import (
    BAYESIAN_PAYOFF_KEYS,
    BAYESIAN_PLAYER_KEYS,
    BAYESIAN_PREDICTION_KEYS,
    BAYESIAN_PREDICTION_KINDS,
    BAYESIAN_TOP_LEVEL_KEYS,
    JOINT_PRIOR_KEYS,
    BayesianFormulas,
    BayesianModel,
)
from .schema import Prediction
from .validate import MAX_PROFILES, _describe, _Reader, read_text

__all__ = ["parse_bayesian_model", "load_bayesian_model", "is_bayesian_document"]


def is_bayesian_document(data: dict) -> bool:
    """Whether parsed TOML ``data`` is a Bayesian model: it has a ``prior`` or a player with ``types``."""
    players = data.get("players")
    return "prior" in data or (isinstance(players, list) and any(isinstance(p, dict) and "types" in p
                                                                  for p in players))


class _BayesianReader(_Reader):
    # ---------------------------------------------------------------- players
    def labels(self, value, what: str, name: str, *where) -> tuple[str, ...]:
        if what not in value:
            raise self.error(f"player {name!r} needs {what!r} (a list of labels)", *where)
        labels = self.strings(value[what], *where, what, non_empty=True)
        if not labels:
            raise self.error(f"player {name!r} needs at least one {what[:-1]}", *where, what)
        seen: set[str] = set()
        for lab in labels:
            if label_key(lab) in seen:
                raise self.error(f"duplicate {what[:-1]} {lab!r} of player {name!r}", *where, what, cls=LabelError)
            seen.add(label_key(lab))
        return labels

    def bayesian_players(self, data) -> tuple[tuple, tuple, tuple]:
        if "players" not in data:
            raise self.error("missing [[players]]: each player with a name, types and actions", "players")
        raw = data["players"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[players]] tables (at least one), got {_describe(raw)}", "players")
        names: list[str] = []
        types, actions = [], []
        for i, p in enumerate(raw):
            where = ("players", i)
            if isinstance(p, dict) and "strategies" in p:
                raise self.error("a Bayesian model gives each player 'actions' (a strategy is a choice of action "
                                 "for each type)", *where, "strategies")
            self.check_keys(p, BAYESIAN_PLAYER_KEYS, *where)
            name = self.string(p.get("name"), *where, "name", required=True, allow_empty=False)
            if not is_visible_label(name):
                raise self.error(f"the name {name!r} has no visible character", *where, "name")
            name = normalize_label(name)
            if label_key(name) in map(label_key, names):
                raise self.error(f"duplicate player name {name!r}", *where, "name", cls=LabelError)
            types.append(self.labels(p, "types", name, *where))
            actions.append(self.labels(p, "actions", name, *where))
            self.string(p.get("description"), *where, "description")
            names.append(name)
        if len(names) > MAX_PLAYERS:
            raise self.error(f"{len(names)} players; a game has at most {MAX_PLAYERS} players", "players")
        if prod(len(t) for t in types) * prod(len(a) for a in actions) > MAX_PROFILES:
            raise self.error(f"more than {MAX_PROFILES} (type profile, action profile) pairs; a model file is for "
                             "small games", "players")
        return tuple(names), tuple(types), tuple(actions)

    def type_profile(self, value, players, types, *where) -> tuple[str, ...]:
        """``["t1", "t2"]`` or ``{player = type}`` -> a type tuple in player order, checked."""
        n = len(players)
        if isinstance(value, dict):
            value = {normalize_label(p): v for p, v in value.items()}
            unknown = [p for p in value if p not in players]
            if unknown:
                raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where,
                                 cls=LabelError)
            missing = [p for p in players if p not in value]
            if missing:
                raise self.error(f"no type for player {missing[0]!r}", *where)
            value = [value[p] for p in players]
        if not isinstance(value, list):
            raise self.error(f"expected a list of {n} types (one per player, in order), got {_describe(value)}",
                             *where)
        if len(value) != n:
            raise self.error(f"expected {n} types (one per player: {list(players)}), got {len(value)}", *where)
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, str):
                raise self.error(f"types are strings, got {_describe(v)}", *where)
            v = normalize_label(v)
            if v not in types[i]:
                raise self.error(f"unknown type {v!r} of player {players[i]!r}; types are {list(types[i])}",
                                 *where, cls=LabelError)
            out.append(v)
        return tuple(out)

    # ---------------------------------------------------------------- prior
    def prior(self, data, players, types, defaults) -> tuple[dict, bool]:
        if "prior" not in data:
            raise self.error("missing the prior: a table [prior] of each player's type probabilities, or "
                             "[[prior]] entries with 'types' and 'probability'", "prior")
        raw = data["prior"]
        if isinstance(raw, list):
            if not raw:
                raise self.error("expected [[prior]] entries (at least one)", "prior")
            joint: dict = {}
            for k, entry in enumerate(raw):
                where = ("prior", k)
                self.check_keys(entry, JOINT_PRIOR_KEYS, *where)
                for key in JOINT_PRIOR_KEYS:
                    if key not in entry:
                        raise self.error(f"needs {key!r}", *where)
                t = self.type_profile(entry["types"], players, types, *where, "types")
                if t in joint:
                    raise self.error(f"the type profile {list(t)} is given twice (first at line "
                                     f"{self.loc.line('prior', list(joint).index(t))})", *where, "types")
                joint[t] = self.value(t, entry["probability"], defaults, *where, "probability")
            return joint, True
        if not isinstance(raw, dict):
            raise self.error(f"expected a table [prior] or [[prior]] entries, got {_describe(raw)}", "prior")
        marginal: dict = {}
        raw = {normalize_label(p): v for p, v in raw.items()}
        for p in raw:
            if p not in players:
                raise self.error(f"unknown player {p!r} in [prior]; players are {list(players)} (a joint prior "
                                 "is written as [[prior]] entries)", "prior", p, cls=LabelError)
        for i, p in enumerate(players):
            if p not in raw:
                if len(types[i]) > 1:
                    raise self.error(f"no prior for the types of {p!r} ({list(types[i])})", "prior")
                continue
            spec = raw[p]
            if not isinstance(spec, dict) or not spec:
                raise self.error(f"expected a table {{type = probability}} for {p!r}, got {_describe(spec)}",
                                 "prior", p)
            row = {}
            for written, q in spec.items():
                label = normalize_label(written)
                if label not in types[i]:
                    raise self.error(f"unknown type {label!r} of player {p!r}; types are {list(types[i])}", "prior",
                                     p, cls=LabelError)
                row[label] = self.value((i, types[i].index(label)), q, defaults, "prior", p)
            marginal[p] = row
        return marginal, False

    # ---------------------------------------------------------------- payoffs
    def bayesian_payoffs(self, data, players, types, actions, defaults) -> dict:
        if "payoffs" not in data:
            raise self.error("missing [[payoffs]]: one entry per type profile and action profile", "payoffs")
        raw = data["payoffs"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[payoffs]] tables, got {_describe(raw)}", "payoffs")
        n = len(players)
        out: dict = {}
        for k, entry in enumerate(raw):
            where = ("payoffs", k)
            self.check_keys(entry, BAYESIAN_PAYOFF_KEYS, *where)
            for key in BAYESIAN_PAYOFF_KEYS:
                if key not in entry:
                    raise self.error(f"needs {key!r}", *where)
            t = self.type_profile(entry["types"], players, types, *where, "types")
            a = self.profile_labels(entry["profile"], players, *where, "profile")
            for i, lab in enumerate(a):
                if lab not in actions[i]:
                    raise self.error(f"unknown action {lab!r} of player {players[i]!r}; actions are "
                                     f"{list(actions[i])}", *where, "profile", cls=LabelError)
            if (t, a) in out:
                raise self.error(f"duplicate payoffs for types {list(t)} and actions {list(a)} (first at line "
                                 f"{self.loc.line('payoffs', list(out).index((t, a)))})", *where, "profile")
            values = entry["values"]
            if isinstance(values, dict):
                values = {normalize_label(p): v for p, v in values.items()}
                unknown = [p for p in values if p not in players]
                if unknown:
                    raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where,
                                     "values", cls=LabelError)
                missing = [p for p in players if p not in values]
                if missing:
                    raise self.error(f"no payoff for player {missing[0]!r}", *where, "values")
                values = [values[p] for p in players]
            if not isinstance(values, list):
                raise self.error(f"expected a list of {n} values (one per player), got {_describe(values)}", *where,
                                 "values")
            if len(values) != n:
                raise self.error(f"expected {n} values (one per player), got {len(values)}", *where, "values")
            out[(t, a)] = tuple(self.value((k, i), v, defaults, *where, "values") for i, v in enumerate(values))
        return out

    def check_complete(self, formulas: BayesianFormulas) -> None:
        """Every action profile of every type profile that may have positive prior has payoffs."""
        f = formulas
        if f.joint:
            listed = [t for t, e in f.prior.items() if not (isinstance(e.value, Fraction) and e.value == 0)]
        else:
            rows = [f.prior.get(p, {f.types[i][0]: None}) for i, p in enumerate(f.players)]
            listed = [t for t in itertools.product(*f.types)
                      if all(t[i] in rows[i] and not (rows[i][t[i]] is not None
                                                      and isinstance(rows[i][t[i]].value, Fraction)
                                                      and rows[i][t[i]].value == 0) for i in range(len(t)))]
        for t in listed:
            missing = [a for a in itertools.product(*f.actions) if (t, a) not in f.payoffs]
            if missing:
                count = len(missing)
                raise self.error(f"no payoffs for types {list(t)} and actions {list(missing[0])} ({count} action "
                                 f"profile{'s' if count > 1 else ''} of these types missing; every type profile "
                                 "of positive prior needs payoffs)", "payoffs")

    # ---------------------------------------------------------------- predictions
    def bayesian_predictions(self, data, players, types, actions, parameters) -> tuple:
        out = []
        for entry, kind, where in self.prediction_tables(data, BAYESIAN_PREDICTION_KEYS, BAYESIAN_PREDICTION_KINDS,
                                                          " in a Bayesian model"):
            profile = None
            if "profile" in entry:
                profile = self.strategy_profile(entry["profile"], players, types, actions, *where, "profile")
            elif kind != "equilibrium_count":
                raise self.error(f"a prediction of kind {kind!r} needs a profile {{player = {{type = action}}}}",
                                 *where)
            count = None
            if kind == "equilibrium_count":
                count = entry.get("count")
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise self.error(f"expected a count (an integer >= 0), got {_describe(count)}", *where, "count")
            elif "count" in entry:
                raise self.error(f"count belongs to kind 'equilibrium_count', not {kind!r}", *where, "count")
            at_vals = self.at_values(entry, parameters, *where)
            out.append(Prediction(
                kind, profile, count,
                self.string(entry.get("claim"), *where, "claim"),
                self.string(entry.get("quote"), *where, "quote"),
                self.loc.line(*where),
                MappingProxyType(at_vals),
                source=self.source(entry, *where),
            ))
        return tuple(out)

    def strategy_profile(self, value, players, types, actions, *where):
        """``{player = {type = action or {action = p}}}`` with every type of every player, checked."""
        if not isinstance(value, dict):
            raise self.error(f"expected {{player = {{type = action}}}}, got {_describe(value)}", *where)
        value = {normalize_label(p): v for p, v in value.items()}
        unknown = [p for p in value if p not in players]
        if unknown:
            raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
        out = {}
        for i, p in enumerate(players):
            spec = value.get(p)
            if not isinstance(spec, dict):
                raise self.error(f"expected a table {{type = action}} for {p!r}, got {_describe(spec)}", *where)
            spec = {normalize_label(t): c for t, c in spec.items()}
            row = {}
            for t, choice in spec.items():
                if t not in types[i]:
                    raise self.error(f"unknown type {t!r} of player {p!r}; types are {list(types[i])}", *where,
                                     cls=LabelError)
                row[t] = self.choice(choice, actions[i], p, t, *where)
            missing = [t for t in types[i] if t not in row]
            if missing:
                raise self.error(f"no action for type {missing[0]!r} of {p!r}; a profile gives an action for every "
                                 "type", *where)
            out[p] = MappingProxyType({t: row[t] for t in types[i]})
        return MappingProxyType(out)

    def choice(self, spec, actions, player, type_label, *where):
        if isinstance(spec, str):
            spec = normalize_label(spec)
            if spec not in actions:
                raise self.error(f"unknown action {spec!r} of {player!r} (type {type_label!r}); actions are "
                                 f"{list(actions)}", *where, cls=LabelError)
            return spec
        if isinstance(spec, dict):
            probs = {}
            for a, q in spec.items():
                a = normalize_label(a)
                if a not in actions:
                    raise self.error(f"unknown action {a!r} of {player!r} (type {type_label!r}); actions are "
                                     f"{list(actions)}", *where, cls=LabelError)
                probs[a] = self.number(q, *where)
                if probs[a] < 0:
                    raise self.error(f"probabilities must be >= 0, got {probs[a]} for {a!r}", *where)
            total = sum(probs.values(), Fraction(0))
            if total != 1:
                raise self.error(f"the probabilities of {player!r} (type {type_label!r}) sum to {total}, expected 1",
                                 *where)
            return MappingProxyType(probs)
        raise self.error(f"expected an action or a table of probabilities for {player!r} (type {type_label!r}), "
                         f"got {_describe(spec)}", *where)

    # ---------------------------------------------------------------- whole file
    def bayesian_model(self, data: dict) -> BayesianModel:
        for key in data:
            if key not in BAYESIAN_TOP_LEVEL_KEYS:
                raise self.error(f"unknown top-level key {key!r}; a Bayesian model allows "
                                 f"{', '.join(BAYESIAN_TOP_LEVEL_KEYS)}", key)
        title, section, description, quotes = self.header(data)
        players, types, actions = self.bayesian_players(data)
        parameters = self.parameters(data)
        defaults = {name: p.default for name, p in parameters.items()}
        prior, joint = self.prior(data, players, types, defaults)
        payoffs = self.bayesian_payoffs(data, players, types, actions, defaults)
        prior_line = self.loc.line("prior", 0) if joint else self.loc.line("prior")
        formulas = BayesianFormulas(self.path, title, players, types, actions, tuple(parameters),
                                    MappingProxyType(prior), joint, MappingProxyType(payoffs), prior_line,
                                    self.loc.line("payoffs", 0))
        self.check_complete(formulas)
        texts = self.assumptions(data, defaults)
        predictions = self.bayesian_predictions(data, players, types, actions, parameters)
        stem = "" if self.path is None else os.path.splitext(os.path.basename(self.path))[0]
        model = BayesianModel(self.path, stem, title, section, description, quotes, players, types, actions,
                              MappingProxyType(parameters), texts, predictions, formulas, self.loc.line("assumptions"))
        model.game_at()  # the prior (nonnegative, summing to 1) and every payoff, checked at the defaults
        if parameters and any(isinstance(e.value, str) for e in formulas.prior_entries()):
            _ = model.game  # a prior with parameters must sum to 1 for every value (sympy), kept for later use
        return model


def parse_bayesian_model(text: str, path=None) -> BayesianModel:
    """Parse the text of a Bayesian-game model file (``path`` is used for messages and ``BayesianModel.id``).

    Raises
    ------
    ModelError, ExpressionError, LabelError
        (all :class:`~gametheory.errors.InputError`) with the file, the line and the field at fault.

    Examples
    --------
    >>> m = parse_bayesian_model('''
    ... title = "One-sided battle of the sexes"
    ... [[players]]
    ... name = "1"
    ... types = ["-"]
    ... actions = ["B", "S"]
    ... [[players]]
    ... name = "2"
    ... types = ["meet", "avoid"]
    ... actions = ["B", "S"]
    ... [prior]
    ... 2 = { meet = "1/2", avoid = "1/2" }
    ... [[payoffs]]
    ... types = ["-", "meet"]
    ... profile = ["B", "B"]
    ... values = [2, 1]
    ... ''')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: payoffs: no payoffs for types ['-', 'meet'] and actions ['B', 'S'] (3 action ...
    """
    if not isinstance(text, str):
        raise ModelError(f"expected the text of a model file, got {type(text).__name__}", path=path)
    reader = _BayesianReader(text, path)
    data = reader.document()
    if not is_bayesian_document(data):
        raise reader.error("this is not a Bayesian model: it has no [prior] and no player with 'types' (read a "
                           "normal-form model with gametheory.io.model.load_model)", "prior")
    return reader.bayesian_model(data)


def load_bayesian_model(path) -> BayesianModel:
    """Read and validate a Bayesian-game model file.

    Raises
    ------
    ModelError, ExpressionError, LabelError
        (all :class:`~gametheory.errors.InputError`) with the file, the line and the field at fault.
    """
    return parse_bayesian_model(*read_text(path))
