r"""Reading a signaling model file: TOML text with ``[signaling]`` -> a validated :class:`SignalingModel`.

The format (``docs/signaling-format.md``)::

    title = "Beer-quiche"
    [signaling]
    sender = "Sender"
    receiver = "Receiver"
    messages = ["beer", "quiche"]
    actions = ["duel", "not"]          # or { beer = [...], quiche = [...] }
    [[types]]
    name = "strong"
    prior = "p"                        # a number or an expression in the parameters
    [[payoffs]]
    type = "strong"
    message = "beer"
    action = "not"
    values = [3, 0]                    # [sender, receiver], or { Sender = 3, Receiver = 0 }

The same machinery as the other model files
(:mod:`gametheory.io.model.validate`, :mod:`gametheory.io.model.tree_read`):
:mod:`tomllib` with floats read as exact decimals, parameters, quotes and
assumptions checked by the same code, priors and payoffs either numbers or
expressions of the whitelist parser :mod:`gametheory.io.expressions` (never
``eval``), and every error an :class:`~gametheory.errors.InputError` with
the file, the line and the field.  Every (type, message, action) has exactly
one ``[[payoffs]]`` entry; the priors are positive and sum to 1 at the
defaults, and, when they are expressions, for every value of the parameters
(sympy's ``simplify`` of the sum minus 1 is 0).

Predictions (``gametheory check``, method ``pbe``; :data:`~gametheory.io.model.schema.SIGNALING_PREDICTION_KINDS`):

``pbe_count``
    ``count`` perfect Bayesian equilibrium families (with ``intuitive``:
    counting only those that pass, or fail, the intuitive criterion);
``pooling``, ``separating``, ``hybrid``
    a family of that kind plays ``profile``: ``{sender = {type = message},
    receiver = {message = action}}`` (a message or action may be a table
    of probabilities; the receiver part may name only some messages), and,
    with ``intuitive``, passes (true) or fails (false) the intuitive criterion.

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; I.-K. Cho and D. M. Kreps, "Signaling
games and stable equilibria", *Quarterly Journal of Economics* 102 (1987) 179-221.

Examples
--------
>>> text = '''
... title = "Entry with a private cost"
... [signaling]
... sender = "Incumbent"
... receiver = "Entrant"
... messages = ["low price", "high price"]
... actions = ["enter", "stay out"]
... [parameters.p]
... default = "1/3"
... range = [0, 1]
... meaning = "prior that the incumbent's cost is low"
... [[types]]
... name = "low cost"
... prior = "p"
... [[types]]
... name = "high cost"
... prior = "1 - p"
... [[payoffs]]
... type = "low cost"
... message = "low price"
... action = "enter"
... values = [1, -1]
... '''
>>> try:
...     parse_signaling_model(text)
... except ModelError as exc:
...     print(exc.line, exc.message)
18 no payoffs for type 'low cost', message 'low price', action 'stay out' (7 (type, message, action) triples missing)
"""

from __future__ import annotations

import os
from types import MappingProxyType

from ...errors import LabelError, ModelError
from ...game import is_visible_label, label_key, normalize_label
from .schema import SIGNALING_PREDICTION_KINDS, Prediction
from .signaling_model import (
    SIGNALING_KEYS,
    SIGNALING_PAYOFF_KEYS,
    SIGNALING_PREDICTION_KEYS,
    SIGNALING_TOP_LEVEL_KEYS,
    TYPE_KEYS,
    SignalingFormulas,
    SignalingModel,
)
from .tree_read import _TreeReader
from .validate import _describe, read_text

__all__ = ["parse_signaling_model", "load_signaling_model", "signaling_model_from_document", "MAX_SIGNALING_TRIPLES"]

#: Largest number of (type, message, action) triples a signaling model file may have (it is written by hand).
MAX_SIGNALING_TRIPLES = 100_000


class _SignalingReader(_TreeReader):
    def labels(self, value, *where) -> tuple[str, ...]:
        labels = self.strings(value, *where, non_empty=True)
        if not labels:
            raise self.error("expected a non-empty list of labels", *where)
        self.check_action_labels(labels, *where)
        return labels

    def player(self, table, key) -> str:
        name = self.string(table.get(key), "signaling", key, required=True, allow_empty=False)
        if not is_visible_label(name):
            raise self.error(f"the name {name!r} has no visible character", "signaling", key)
        return normalize_label(name)

    def signaling(self, data) -> tuple[str, str, tuple[str, ...], dict[str, tuple[str, ...]]]:
        """``(sender, receiver, messages, {message: actions})``, checked."""
        if "signaling" not in data:
            raise self.error("missing [signaling]: sender, receiver, messages and actions", "signaling")
        table = data["signaling"]
        self.check_keys(table, SIGNALING_KEYS, "signaling")
        sender, receiver = self.player(table, "sender"), self.player(table, "receiver")
        if label_key(sender) == label_key(receiver):
            raise self.error(f"the sender and the receiver are both {sender!r}; a signaling game has two players",
                             "signaling", "receiver", cls=LabelError)
        for key in ("sender_description", "receiver_description"):
            self.string(table.get(key), "signaling", key)
        if "messages" not in table:
            raise self.error("is required (a list of the sender's messages)", "signaling", "messages")
        messages = self.labels(table["messages"], "signaling", "messages")
        if "actions" not in table:
            raise self.error("is required (a list of the receiver's actions, or a table {message = [actions]})",
                             "signaling", "actions")
        raw = table["actions"]
        if isinstance(raw, dict):
            given = {normalize_label(m): v for m, v in raw.items()}
            for m in given:
                if m not in messages:
                    raise self.error(f"actions given after unknown message {m!r}; messages are {list(messages)}",
                                     "signaling", "actions", cls=LabelError)
            actions = {}
            for m in messages:
                if m not in given:
                    raise self.error(f"no receiver actions given after message {m!r}", "signaling", "actions")
                actions[m] = self.labels(given[m], "signaling", "actions")
        else:
            acts = self.labels(raw, "signaling", "actions")
            actions = {m: acts for m in messages}
        return sender, receiver, messages, actions

    def types(self, data, defaults) -> tuple[tuple[str, ...], dict, dict]:
        """``(types, {type: prior entry}, {type: description})``, checked."""
        if "types" not in data:
            raise self.error("missing [[types]]: the sender's types, each with a name and a prior", "types")
        raw = data["types"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[types]] tables (at least one), got {_describe(raw)}", "types")
        names: list[str] = []
        prior: dict = {}
        descriptions: dict = {}
        for k, entry in enumerate(raw):
            where = ("types", k)
            self.check_keys(entry, TYPE_KEYS, *where)
            name = self.string(entry.get("name"), *where, "name", required=True, allow_empty=False)
            if not is_visible_label(name):
                raise self.error(f"the type {name!r} has no visible character", *where, "name")
            name = normalize_label(name)
            if label_key(name) in map(label_key, names):
                raise self.error(f"duplicate type {name!r}", *where, "name", cls=LabelError)
            if "prior" not in entry:
                raise self.error(f"type {name!r} needs a 'prior' (a probability, or an expression in the "
                                 "parameters)", *where)
            prior[name] = self.entry(entry["prior"], defaults, k, *where, "prior")
            descriptions[name] = self.string(entry.get("description"), *where, "description")
            names.append(name)
        return tuple(names), prior, descriptions

    def signaling_payoffs(self, data, players, types, messages, actions, defaults) -> dict:
        if "payoffs" not in data:
            raise self.error("missing [[payoffs]]: one entry per (type, message, action)", "payoffs")
        raw = data["payoffs"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[payoffs]] tables, got {_describe(raw)}", "payoffs")
        triples = sum(len(types) * len(actions[m]) for m in messages)
        if triples > MAX_SIGNALING_TRIPLES:
            raise self.error(f"{triples} (type, message, action) triples; a signaling model file has at most "
                             f"{MAX_SIGNALING_TRIPLES}", "payoffs")
        out: dict = {}
        lines: dict = {}
        for k, entry in enumerate(raw):
            where = ("payoffs", k)
            self.check_keys(entry, SIGNALING_PAYOFF_KEYS, *where)
            for key in SIGNALING_PAYOFF_KEYS:
                if key not in entry:
                    raise self.error(f"needs {key!r}", *where)
            t = self.one_of(entry["type"], types, "type", "types", *where, "type")
            m = self.one_of(entry["message"], messages, "message", "messages", *where, "message")
            a = self.one_of(entry["action"], actions[m], "action", f"actions after {m!r}", *where, "action")
            if (t, m, a) in out:
                raise self.error(f"duplicate payoffs for type {t!r}, message {m!r}, action {a!r} (first given at "
                                 f"line {lines[(t, m, a)]})", *where)
            lines[(t, m, a)] = self.loc.line(*where)
            out[(t, m, a)] = self.payoff_row(entry["values"], players, defaults, k, *where, "values")
        if len(out) < triples:
            missing = next((t, m, a) for t in types for m in messages for a in actions[m] if (t, m, a) not in out)
            n = triples - len(out)
            raise self.error(f"no payoffs for type {missing[0]!r}, message {missing[1]!r}, action {missing[2]!r} "
                             f"({n} (type, message, action) triple{'s' if n > 1 else ''} missing)", "payoffs")
        return out

    def one_of(self, value, allowed, what, plural, *where) -> str:
        if not isinstance(value, str):
            raise self.error(f"expected a {what} label (a string), got {_describe(value)}", *where)
        label = normalize_label(value)
        if label not in allowed:
            raise self.error(f"unknown {what} {label!r}; {plural} are {list(allowed)}", *where, cls=LabelError)
        return label

    # ---------------------------------------------------------------- predictions
    def signaling_predictions(self, data, game, parameters) -> tuple:
        out = []
        for entry, kind, where in self.prediction_tables(data, SIGNALING_PREDICTION_KEYS, SIGNALING_PREDICTION_KINDS,
                                                          " in a signaling model"):
            count = profile = None
            if kind == "pbe_count":
                if "profile" in entry:
                    raise self.error("a prediction of kind 'pbe_count' gives a 'count', not a 'profile'", *where,
                                     "profile")
                count = entry.get("count")
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise self.error(f"expected a count (an integer >= 0), got {_describe(count)}", *where, "count")
            else:
                if "count" in entry:
                    raise self.error(f"count belongs to kind 'pbe_count', not {kind!r}", *where, "count")
                if "profile" not in entry:
                    raise self.error(f"a prediction of kind {kind!r} needs a profile {{sender = {{type = message}}, "
                                     "receiver = {message = action}}", *where)
                profile = self.signaling_profile(entry["profile"], kind, game, *where, "profile")
            intuitive = entry.get("intuitive")
            if intuitive is not None and not isinstance(intuitive, bool):
                raise self.error(f"expected true or false, got {_describe(intuitive)}", *where, "intuitive")
            at_vals = self.at_values(entry, parameters, *where)
            out.append(Prediction(
                kind, profile, count,
                self.string(entry.get("claim"), *where, "claim"),
                self.string(entry.get("quote"), *where, "quote"),
                self.loc.line(*where),
                MappingProxyType(at_vals),
                intuitive=intuitive,
                source=self.source(entry, *where),
            ))
        return tuple(out)

    def signaling_profile(self, value, kind, game, *where):
        """``{sender: {type: choice}, receiver: {message: choice}}``; a choice is a label or ``{label: p}``."""
        sender, receiver = game.sender, game.receiver
        if not isinstance(value, dict):
            raise self.error(f"expected {{{sender} = {{type = message}}, {receiver} = {{message = action}}}}, got "
                             f"{_describe(value)}", *where)
        value = {normalize_label(p): v for p, v in value.items()}
        unknown = [p for p in value if p not in (sender, receiver)]
        if unknown:
            raise self.error(f"unknown player {unknown[0]!r}; the sender is {sender!r}, the receiver {receiver!r}",
                             *where, cls=LabelError)
        if sender not in value:
            raise self.error(f"no messages for the sender {sender!r}; a profile gives every type's message", *where)
        spec = value[sender]
        if not isinstance(spec, dict):
            raise self.error(f"expected a table {{type = message}} for {sender!r}, got {_describe(spec)}", *where)
        by_type = {}
        for t, choice in spec.items():
            t = normalize_label(t)
            if t not in game.types:
                raise self.error(f"unknown type {t!r}; types are {list(game.types)}", *where, cls=LabelError)
            by_type[t] = self.choice(choice, game.messages, sender, t, *where)
        missing = [t for t in game.types if t not in by_type]
        if missing:
            raise self.error(f"no message for type {missing[0]!r}; a profile gives every type's message", *where)
        by_type = {t: by_type[t] for t in game.types}
        if kind == "pooling" and (not all(isinstance(c, str) for c in by_type.values())
                                  or len(set(by_type.values())) != 1):
            raise self.error("a pooling profile has every type send the same message", *where)
        if kind == "separating" and not all(isinstance(c, str) for c in by_type.values()):
            raise self.error("a separating profile has every type send one message (a mixed one is 'hybrid')",
                             *where)
        answers = {}
        reply = value.get(receiver, {})
        if not isinstance(reply, dict):
            raise self.error(f"expected a table {{message = action}} for {receiver!r}, got {_describe(reply)}",
                             *where)
        for m, choice in reply.items():
            m = normalize_label(m)
            if m not in game.messages:
                raise self.error(f"unknown message {m!r}; messages are {list(game.messages)}", *where,
                                 cls=LabelError)
            answers[m] = self.choice(choice, game.actions(m), receiver, m, *where)
        return MappingProxyType({sender: MappingProxyType(by_type), receiver: MappingProxyType(answers)})

    # ---------------------------------------------------------------- whole file
    def signaling_model(self, data: dict) -> SignalingModel:
        for key in data:
            if key not in SIGNALING_TOP_LEVEL_KEYS:
                if key == "players":
                    raise self.error("a signaling model names its two players in [signaling] (sender, receiver), "
                                     "not in [[players]]", key)
                raise self.error(f"unknown top-level key {key!r}; a signaling model allows "
                                 f"{', '.join(SIGNALING_TOP_LEVEL_KEYS)}", key)
        title, section, description, quotes = self.header(data)
        sender, receiver, messages, actions = self.signaling(data)
        parameters = self.parameters(data)
        defaults = {name: p.default for name, p in parameters.items()}
        types, prior, descriptions = self.types(data, defaults)
        payoffs = self.signaling_payoffs(data, (sender, receiver), types, messages, actions, defaults)
        formulas = SignalingFormulas(self.path, title, sender, receiver, types, messages,
                                     MappingProxyType(actions), tuple(parameters), MappingProxyType(prior),
                                     MappingProxyType(payoffs))
        texts = self.assumptions(data, defaults)
        stem = "" if self.path is None else os.path.splitext(os.path.basename(self.path))[0]

        def model(predictions: tuple) -> SignalingModel:
            return SignalingModel(self.path, stem, title, section, description, quotes, sender, receiver,
                                  MappingProxyType(parameters), texts, predictions, formulas,
                                  MappingProxyType(descriptions), self.loc.line("assumptions"))

        game = model(()).game_at()  # the priors (positive, summing to 1) and every entry, at the defaults
        if parameters and any(isinstance(e.value, str) for e in prior.values()):
            _ = formulas.game  # the symbolic priors sum to 1 for every value (sympy), kept for later use
        return model(self.signaling_predictions(data, game, parameters))


def _parse(text, path) -> tuple[_SignalingReader, dict]:
    if not isinstance(text, str):
        raise ModelError(f"expected the text of a model file, got {type(text).__name__}", path=path)
    reader = _SignalingReader(text, path)
    return reader, reader.document()


def parse_signaling_model(text: str, path=None) -> SignalingModel:
    """Parse the text of a signaling model file (one with ``[signaling]``)."""
    reader, data = _parse(text, path)
    if "signaling" not in data:
        raise reader.error("missing [signaling]: this is not a signaling model (read other model files with "
                           "gametheory.io.model.load_any_model)", "signaling")
    return reader.signaling_model(data)


def load_signaling_model(path) -> SignalingModel:
    """Read and validate a signaling model file.

    Raises
    ------
    ModelError, ExpressionError, LabelError
        (all :class:`~gametheory.errors.InputError`) with the file, the line and the field at fault.
    """
    return parse_signaling_model(*read_text(path))


def signaling_model_from_document(reader, data: dict) -> SignalingModel:
    """The signaling model of TOML ``data`` already read by another reader (:func:`parse_any_model`)."""
    own = _SignalingReader(reader.text, reader.path)
    return own.signaling_model(data)

