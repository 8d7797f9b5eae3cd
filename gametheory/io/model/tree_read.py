r"""Reading a game-tree model file: TOML text with ``[[nodes]]`` -> a validated :class:`TreeModel`.

The same machinery as a normal-form model (:mod:`gametheory.io.model.validate`):
:mod:`tomllib` with floats read as exact decimals, parameters, quotes and
assumptions checked by the same code, payoffs and probabilities either
numbers (:func:`~gametheory.numbers.parse_rational` for strings such as
``"1/3"``) or expressions of the whitelist parser
:mod:`gametheory.io.expressions`, and every error an
:class:`~gametheory.errors.InputError` with the file, the line (of the key,
or of the node's ``[[nodes]]`` header, found by
:class:`~gametheory.io.model.locate.Locator`) and the field.

The nodes form a flat list; the first is the root, and each decision or
chance node names its children by id.  Before the tree is built the reader
checks, in one pass each, what a flat list can get wrong: every id is
defined once, every action leads to a defined node, no node has two parents,
and every node is reached from the root, the nodes left over being either
cut off (nothing leads to them) or on a cycle (following parents from one of
them comes back to it, since each node has at most one parent).  The
:class:`~gametheory.tree.Tree` then checks the rest (information sets,
probabilities, perfect recall); its :class:`~gametheory.errors.TreeError`
names a node by its index in the file's list, which is turned into a line.

A decision node without an ``infoset`` is an information set of its own,
labelled, as :func:`~gametheory.tree.tree_from_dict` labels it, by the
actions on the path from the root (``""`` for the root), so a file and the
same tree written in Python are equal trees.

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; :mod:`tomllib` (Python 3.11).
"""

from __future__ import annotations

import os
from fractions import Fraction
from types import MappingProxyType

from ...errors import InputError, LabelError, ModelError, TreeError
from ...game import MAX_PLAYERS, is_visible_label, label_key, normalize_label
from ..expressions import expression_value, parse_expression
from .locate import field_name
from .schema import TREE_PREDICTION_KINDS, Prediction
from .tree_model import (
    NODE_KEYS,
    TREE_PLAYER_KEYS,
    TREE_PREDICTION_KEYS,
    TREE_TOP_LEVEL_KEYS,
    TreeEntry,
    TreeFormulas,
    TreeModel,
)
from .validate import _describe, _Reader, read_text

__all__ = ["parse_tree_model", "load_tree_model", "parse_any_model", "load_any_model", "MAX_NODES"]

#: Largest number of ``[[nodes]]`` a model file may have: a model file is written by hand (use .efg for more).
MAX_NODES = 200_000


class _TreeReader(_Reader):
    # ---------------------------------------------------------------- players
    def tree_players(self, data) -> tuple[str, ...]:
        if "players" not in data:
            raise self.error("missing [[players]]: at least one player with a name", "players")
        raw = data["players"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[players]] tables (at least one), got {_describe(raw)}", "players")
        names: list[str] = []
        for i, p in enumerate(raw):
            if isinstance(p, dict) and "strategies" in p:
                raise self.error("a game-tree model has no strategies: the players' choices are the nodes' actions",
                                 "players", i, "strategies")
            self.check_keys(p, TREE_PLAYER_KEYS, "players", i)
            name = self.string(p.get("name"), "players", i, "name", required=True, allow_empty=False)
            if not is_visible_label(name):
                raise self.error(f"the name {name!r} has no visible character", "players", i, "name")
            name = normalize_label(name)
            if label_key(name) in map(label_key, names):
                raise self.error(f"duplicate player name {name!r}", "players", i, "name", cls=LabelError)
            self.string(p.get("description"), "players", i, "description")
            names.append(name)
        if len(names) > MAX_PLAYERS:
            raise self.error(f"{len(names)} players; a game has at most {MAX_PLAYERS} players", "players")
        return tuple(names)

    # ---------------------------------------------------------------- nodes
    def entry(self, v, defaults, node: int, *where) -> TreeEntry:
        """A payoff or probability: a number, or an expression checked as a normal-form payoff is."""
        field, line = field_name(where), self.loc.line(*where)
        if isinstance(v, str):
            try:
                if expression_value(v, defaults, field=field, path=self.path, line=line) is None:
                    parse_expression(v, list(defaults), field=field, path=self.path, line=line)
            except InputError as exc:
                raise self.relocate(exc, *where) from None
            return TreeEntry(v, node, field, line)
        return TreeEntry(self.number(v, *where), node, field, line)

    def nodes(self, data, players, defaults, title: str) -> tuple[TreeFormulas, dict]:
        if "nodes" not in data:
            raise self.error("missing [[nodes]]", "nodes")
        raw = data["nodes"]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"expected [[nodes]] tables (at least one), got {_describe(raw)}", "nodes")
        if len(raw) > MAX_NODES:
            raise self.error(f"{len(raw)} nodes; a model file has at most {MAX_NODES} (write an .efg file for "
                             "larger trees)", "nodes")
        # ---- ids first, so that actions may name nodes further down
        index: dict[str, int] = {}
        ids: list[str] = []
        lines: dict[str, int | None] = {}
        for k, node in enumerate(raw):
            if not isinstance(node, dict):
                raise self.error(f"expected a table, got {_describe(node)}", "nodes", k)
            if "id" not in node:
                raise self.error("every node needs an 'id' (a string naming it)", "nodes", k)
            nid = self.string(node["id"], "nodes", k, "id", allow_empty=False)
            if not is_visible_label(nid):
                raise self.error(f"the id {nid!r} has no visible character", "nodes", k, "id")
            nid = normalize_label(nid)
            if label_key(nid) in index:
                first = ids[index[label_key(nid)]]
                raise self.error(f"duplicate node id {nid!r} (first given at line {lines[first]})", "nodes", k, "id",
                                 cls=LabelError)
            index[label_key(nid)] = k
            ids.append(nid)
            lines[nid] = self.loc.line("nodes", k)

        def target(value, *where) -> int:
            if not isinstance(value, str):
                raise self.error(f"expected a node id (a string), got {_describe(value)}", *where)
            j = index.get(label_key(normalize_label(value)))
            if j is None:
                raise self.error(f"unknown node id {value!r}: no [[nodes]] entry has this id", *where)
            return j

        pindex = {p: i for i, p in enumerate(players)}
        infosets: list[tuple] = []
        by_label: dict[str, int] = {}
        children: list[tuple[int, ...]] = []
        node_isets: list[int] = []
        probabilities: dict[int, tuple] = {}
        payoffs: dict[int, tuple] = {}
        parent = [-1] * len(raw)
        for k, node in enumerate(raw):
            where = ("nodes", k)
            self.check_keys(node, NODE_KEYS, *where)
            kinds = [key for key in ("actions", "chance", "payoffs") if key in node]
            if not kinds:
                raise self.error(f"node {ids[k]!r} has no 'payoffs', 'actions' or 'chance': a terminal node needs "
                                 "payoffs", *where)
            if len(kinds) > 1:
                raise self.error(f"node {ids[k]!r} has both {kinds[0]!r} and {kinds[1]!r}; a node is a decision "
                                 "(player, actions), a chance move (chance) or terminal (payoffs)", *where)
            kind = kinds[0]
            for key in ("player", "infoset"):
                if key in node and kind != "actions":
                    raise self.error(f"{key!r} belongs to a decision node (with 'actions'), not to a node with "
                                     f"{kind!r}", *where, key)
            if kind == "payoffs":
                payoffs[k] = self.payoff_row(node["payoffs"], players, defaults, k, *where, "payoffs")
                node_isets.append(-1)
                children.append(())
                continue
            if kind == "actions":
                player = self.string(node.get("player"), *where, "player", required=True)
                player = normalize_label(player)
                if player not in pindex:
                    raise self.error(f"unknown player {player!r}; players are {list(players)}", *where, "player",
                                     cls=LabelError)
                moves = node["actions"]
                if not isinstance(moves, dict) or not moves:
                    raise self.error("expected a table { action = \"node id\", ... } with at least one action, got "
                                     f"{_describe(moves)}", *where, "actions")
                actions = tuple(normalize_label(a) for a in moves)
                self.check_action_labels(actions, *where, "actions")
                targets = {normalize_label(a): target(t, *where, "actions") for a, t in moves.items()}
                label = node.get("infoset")
                if label is not None:
                    label = self.string(label, *where, "infoset")
                if label:
                    if label in by_label:
                        j = by_label[label]
                        first_player, _, first_actions = infosets[j]
                        if first_player != player:
                            raise self.error(f"information set {label!r} has nodes of {first_player!r} and of "
                                             f"{player!r}; the nodes of an information set belong to one player",
                                             *where, "infoset", cls=TreeError)
                        if set(first_actions) != set(actions):
                            raise self.error(f"information set {label!r} has actions {list(first_actions)} at "
                                             f"another node and {list(actions)} here; its nodes offer the same "
                                             "actions", *where, "actions", cls=TreeError)
                        actions = first_actions  # children follow the set's action order
                    else:
                        j = by_label[label] = len(infosets)
                        infosets.append((player, label, actions))
                else:
                    # labelled later, by the path of actions from the root (tree_from_dict's rule), or "" if given
                    j = len(infosets)
                    infosets.append((player, None if label is None else "", actions))
                kids = tuple(targets[a] for a in actions)
            else:
                moves = node["chance"]
                if not isinstance(moves, dict) or not moves:
                    raise self.error("expected a table { action = [probability, \"node id\"], ... } with at least "
                                     f"one action, got {_describe(moves)}", *where, "chance")
                actions = tuple(normalize_label(a) for a in moves)
                self.check_action_labels(actions, *where, "chance")
                probs, kid_list = [], []
                for a, pair in moves.items():
                    if not isinstance(pair, list) or len(pair) != 2:
                        raise self.error(f"chance action {a!r}: expected [probability, \"node id\"], got "
                                         f"{_describe(pair)}", *where, "chance")
                    probs.append(self.entry(pair[0], defaults, k, *where, "chance"))
                    kid_list.append(target(pair[1], *where, "chance"))
                j = len(infosets)
                infosets.append((None, "", actions))
                probabilities[j] = tuple(probs)
                kids = tuple(kid_list)
            for c in kids:
                if parent[c] >= 0:
                    raise self.error(f"node {ids[c]!r} is the child of both {ids[parent[c]]!r} and {ids[k]!r}; in "
                                     "a tree each node has one parent (give the other a node of its own)",
                                     *where, kind, cls=TreeError)
                if c == k:
                    raise self.error(f"node {ids[k]!r} leads to itself: a cycle", *where, kind, cls=TreeError)
                parent[c] = k
            node_isets.append(j)
            children.append(kids)
        self.check_reached(ids, children, parent)
        path_labels = self.path_labels(ids, children, node_isets, infosets)
        isets = tuple((p, path_labels[j] if label is None else label, actions)
                      for j, (p, label, actions) in enumerate(infosets))
        formulas = TreeFormulas(
            self.path, title, tuple(players), tuple(defaults), isets, tuple(children), tuple(node_isets), tuple(ids),
            MappingProxyType(probabilities), MappingProxyType(payoffs),
        )
        return formulas, lines

    def check_action_labels(self, actions, *where) -> None:
        seen: set[str] = set()
        for a in actions:
            if not a.strip() or not is_visible_label(a):
                raise self.error(f"the action label {a!r} has no visible character", *where)
            if label_key(a) in seen:
                raise self.error(f"duplicate action {a!r}", *where, cls=LabelError)
            seen.add(label_key(a))

    def payoff_row(self, value, players, defaults, k, *where) -> tuple:
        n = len(players)
        if isinstance(value, dict):
            value = {normalize_label(p): v for p, v in value.items()}
            unknown = [p for p in value if p not in players]
            if unknown:
                raise self.error(f"unknown player {unknown[0]!r}; players are {list(players)}", *where, cls=LabelError)
            missing = [p for p in players if p not in value]
            if missing:
                raise self.error(f"no payoff for player {missing[0]!r}", *where)
            value = [value[p] for p in players]
        if not isinstance(value, list):
            raise self.error(f"expected a list of {n} payoffs (one per player, in order) or a table "
                             f"{{player = payoff}}, got {_describe(value)}", *where)
        if len(value) != n:
            raise self.error(f"expected {n} payoffs (one per player: {list(players)}), got {len(value)}", *where)
        return tuple(self.entry(v, defaults, k, *where) for v in value)

    def check_reached(self, ids, children, parent) -> None:
        """Every node is reached from the root (the first node); else name a node cut off, or a cycle."""
        n = len(ids)
        reached = bytearray(n)
        stack = [0]
        while stack:
            v = stack.pop()
            if reached[v]:  # the root is its own descendant: a cycle through the root
                break
            reached[v] = 1
            stack.extend(children[v])
        if parent[0] >= 0:
            chain = [0]
            while parent[chain[-1]] != 0:
                chain.append(parent[chain[-1]])
            text = " -> ".join(repr(ids[v]) for v in [0, *reversed(chain[1:]), 0])
            raise self.error(f"the nodes form a cycle: {text}; the root (the first [[nodes]] entry) has no parent",
                             "nodes", parent[0], cls=TreeError)
        if all(reached):
            return
        u = reached.index(0)
        chain = [u]
        on_chain = {u}
        while parent[chain[-1]] >= 0 and parent[chain[-1]] not in on_chain:
            chain.append(parent[chain[-1]])
            on_chain.add(chain[-1])
        top = chain[-1]
        if parent[top] < 0:
            raise self.error(f"node {ids[top]!r} is not reached from the root {ids[0]!r} (the first [[nodes]] "
                             "entry): no action leads to it", "nodes", top, cls=TreeError)
        cycle = chain[chain.index(parent[top]):]
        cycle.reverse()  # parent to child
        low = cycle.index(min(cycle))
        cycle = cycle[low:] + cycle[:low]
        text = " -> ".join(repr(ids[v]) for v in [*cycle, cycle[0]])
        raise self.error(f"the nodes form a cycle: {text}; a tree has no cycles", "nodes", cycle[0], cls=TreeError)

    @staticmethod
    def path_labels(ids, children, node_isets, infosets) -> dict[int, str]:
        """For each unlabelled decision set, the actions on the path from the root to its node, ", "-joined."""
        out: dict[int, str] = {}
        stack: list[tuple[int, tuple[str, ...]]] = [(0, ())]
        while stack:
            v, path = stack.pop()
            j = node_isets[v]
            if j < 0:
                continue
            if infosets[j][1] is None:
                out[j] = ", ".join(path)
            for a, c in zip(infosets[j][2], children[v]):
                stack.append((c, path + (a,)))
        return out

    # ---------------------------------------------------------------- predictions
    def tree_predictions(self, data, tree, parameters, ids) -> tuple:
        out = []
        for entry, kind, where in self.prediction_tables(data, TREE_PREDICTION_KEYS, TREE_PREDICTION_KINDS,
                                                          " in a game-tree model"):
            profile = path = None
            if kind == "spe_path":
                if "profile" in entry:
                    raise self.error("a prediction of kind 'spe_path' gives a 'path', not a 'profile'", *where,
                                     "profile")
                if "path" not in entry:
                    raise self.error("a prediction of kind 'spe_path' needs a 'path': the actions from the root to a "
                                     "terminal node", *where)
                path = self.play_path(entry["path"], tree, *where, "path")
            else:
                if "path" in entry:
                    raise self.error(f"a prediction of kind {kind!r} gives a 'profile', not a 'path'", *where, "path")
                if "profile" not in entry:
                    raise self.error(f"a prediction of kind {kind!r} needs a profile {{player = {{infoset = "
                                     "action}}}", *where)
                profile = self.behavior_profile(entry["profile"], tree, ids, *where, "profile")
            at_vals = self.at_values(entry, parameters, *where)
            out.append(Prediction(
                kind, profile, None,
                self.string(entry.get("claim"), *where, "claim"),
                self.string(entry.get("quote"), *where, "quote"),
                self.loc.line(*where),
                MappingProxyType(at_vals),
                path,
                source=self.source(entry, *where),
            ))
        return tuple(out)

    def play_path(self, value, tree, *where) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            raise self.error(f"expected a list of action labels, got {_describe(value)}", *where)
        v = tree.root
        labels = tuple(normalize_label(a) for a in value)
        for i, a in enumerate(labels):
            if tree.is_terminal(v):
                raise self.error(f"the path reaches a terminal node after {list(labels[:i])}; {a!r} and what "
                                 "follows lead nowhere", *where)
            if a not in tree.actions(v):
                at = "the root" if i == 0 else f"the node after {list(labels[:i])}"
                raise self.error(f"{a!r} is not an action at {at}; its actions are {list(tree.actions(v))}", *where)
            v = tree.child(v, a)
        if not tree.is_terminal(v):
            raise self.error(f"the path stops before a terminal node: the node after {list(labels)} still has "
                             f"actions {list(tree.actions(v))}", *where)
        return labels

    def behavior_profile(self, value, tree, ids, *where):
        if not isinstance(value, dict):
            raise self.error(f"expected {{player = {{infoset = action}}}}, got {_describe(value)}", *where)
        value = {normalize_label(p): v for p, v in value.items()}
        unknown = [p for p in value if p not in tree.players]
        if unknown:
            raise self.error(f"unknown player {unknown[0]!r}; players are {list(tree.players)}", *where,
                             cls=LabelError)
        node_of = {lab: v for v, lab in enumerate(tree.node_labels or ())}
        out = {}
        for p in tree.players:
            sets = tree.infosets(p)
            if p not in value:
                if not sets:
                    out[p] = MappingProxyType({})
                    continue
                raise self.error(f"no choices for player {p!r}; a profile names every player", *where)
            spec = value[p]
            if not isinstance(spec, dict):
                raise self.error(f"expected a table {{infoset = action}} for {p!r}, got {_describe(spec)}", *where)
            keys = {tree.infoset_key(k): k for k in sets}
            choices: dict[int, object] = {}
            for key, choice in spec.items():
                key = normalize_label(key)
                k = keys.get(key)
                if k is None and key in node_of and tree.infoset_of(node_of[key]) in sets:
                    k = tree.infoset_of(node_of[key])  # a node of the set, named by its id
                if k is None:
                    raise self.error(f"{p!r} has no information set {key!r}; name one by its key {list(keys)} or by "
                                     "the id of one of its nodes", *where, cls=LabelError)
                if k in choices:
                    raise self.error(f"information set {tree.infoset_key(k)!r} of {p!r} is given twice", *where)
                choices[k] = self.choice(choice, tree.infoset_actions(k), p, tree.infoset_key(k), *where)
            missing = [tree.infoset_key(k) for k in sets if k not in choices]
            if missing:
                raise self.error(f"no action for information set {missing[0]!r} of {p!r}; a profile gives an action "
                                 f"at every information set (those of {p!r}: {list(keys)})", *where)
            out[p] = MappingProxyType({tree.infoset_key(k): choices[k] for k in sets})
        return MappingProxyType(out)

    def choice(self, spec, actions, player, key, *where):
        if isinstance(spec, str):
            spec = normalize_label(spec)
            if spec not in actions:
                raise self.error(f"unknown action {spec!r} at information set {key!r} of {player!r}; actions are "
                                 f"{list(actions)}", *where, cls=LabelError)
            return spec
        if isinstance(spec, dict):
            probs = {}
            for a, q in spec.items():
                a = normalize_label(a)
                if a not in actions:
                    raise self.error(f"unknown action {a!r} at information set {key!r} of {player!r}; actions are "
                                     f"{list(actions)}", *where, cls=LabelError)
                probs[a] = self.number(q, *where)
                if probs[a] < 0:
                    raise self.error(f"probabilities must be >= 0, got {probs[a]} for {a!r}", *where)
            total = sum(probs.values(), Fraction(0))
            if total != 1:
                raise self.error(f"the probabilities at information set {key!r} of {player!r} sum to {total}, "
                                 "expected 1", *where)
            return MappingProxyType(probs)
        raise self.error(f"expected an action or a table of probabilities at {key!r} of {player!r}, got "
                         f"{_describe(spec)}", *where)

    # ---------------------------------------------------------------- whole file
    def tree_model(self, data: dict) -> TreeModel:
        for key in data:
            if key not in TREE_TOP_LEVEL_KEYS:
                if key == "payoffs":
                    raise self.error("a game-tree model puts payoffs on its terminal [[nodes]], not in [[payoffs]]",
                                     key)
                raise self.error(f"unknown top-level key {key!r}; a game-tree model allows "
                                 f"{', '.join(TREE_TOP_LEVEL_KEYS)}", key)
        title, section, description, quotes = self.header(data)
        players = self.tree_players(data)
        parameters = self.parameters(data)
        defaults = {name: p.default for name, p in parameters.items()}
        formulas, lines = self.nodes(data, players, defaults, title)
        stem = "" if self.path is None else os.path.splitext(os.path.basename(self.path))[0]
        texts = self.assumptions(data, defaults)
        model = TreeModel(self.path, stem, title, section, description, quotes, players,
                          MappingProxyType(parameters), texts, (), formulas, MappingProxyType(lines),
                          self.loc.line("assumptions"))
        tree = model.tree_at()  # the structure, probabilities and recall, checked at the defaults
        if parameters:
            self.check_symbolic_probabilities(model)
        predictions = self.tree_predictions(data, tree, parameters, formulas.node_ids)
        return TreeModel(self.path, stem, title, section, description, quotes, players,
                         MappingProxyType(parameters), texts, predictions, formulas, MappingProxyType(lines),
                         self.loc.line("assumptions"))

    def check_symbolic_probabilities(self, model: TreeModel) -> None:
        """Chance probabilities with parameters must sum to 1 for every value, not only at the defaults."""
        f = model.formulas
        if not any(isinstance(e.value, str) for row in f.probabilities.values() for e in row):
            return
        try:
            _ = model.tree  # the symbolic tree checks each sum (sympy), kept for later use
        except TreeError as exc:
            raise model.relocate(exc) from None


def _parse(text, path):
    if not isinstance(text, str):
        raise ModelError(f"expected the text of a model file, got {type(text).__name__}", path=path)
    reader = _TreeReader(text, path)
    return reader, reader.document()


def parse_tree_model(text: str, path=None) -> TreeModel:
    """Parse the text of a game-tree model file (one with ``[[nodes]]``)."""
    reader, data = _parse(text, path)
    if "nodes" not in data:
        raise reader.error("missing [[nodes]]: this is not a game-tree model (read a normal-form model with "
                           "gametheory.io.model.load_model)", "nodes")
    return reader.tree_model(data)


def parse_any_model(text: str, path=None):
    """Parse a model file of any kind, told apart by its tables.

    A :class:`TreeModel` if it has ``[[nodes]]``, a
    :class:`~gametheory.io.model.signaling_model.SignalingModel` if it has
    ``[signaling]``, a :class:`~gametheory.io.model.bayesian_model.BayesianModel`
    if it has a ``prior`` or a player with ``types``
    (:func:`~gametheory.io.model.bayesian_read.is_bayesian_document`), else a
    :class:`~gametheory.io.model.Model`.
    """
    from .bayesian_read import _BayesianReader, is_bayesian_document

    reader, data = _parse(text, path)
    if "nodes" in data:
        return reader.tree_model(data)
    if "signaling" in data:
        from .signaling_read import signaling_model_from_document

        return signaling_model_from_document(reader, data)
    if is_bayesian_document(data):
        return _BayesianReader(reader.text, reader.path).bayesian_model(data)
    return reader.model(data)


def load_tree_model(path) -> TreeModel:
    """Read and validate a game-tree model file.

    Raises
    ------
    ModelError, TreeError, ExpressionError, LabelError
        (all :class:`~gametheory.errors.InputError`) with the file, the line and the field at fault.
    """
    return parse_tree_model(*read_text(path))


def load_any_model(path):
    """Read a model file of any kind (:func:`parse_any_model`): a tree, signaling, Bayesian or normal-form model."""
    return parse_any_model(*read_text(path))

