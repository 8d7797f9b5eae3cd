r"""Building a game tree by hand: nested nodes, written as a student draws the tree.

A node is written as plain data (the *nested form*, which a model file can
hold too):

* a **terminal node**: ``{"payoffs": [u_1, ..., u_N]}`` or
  ``{"payoffs": {player: u, ...}}``, or just the list ``[u_1, ..., u_N]``;
* a **decision node**: ``{"player": name, "actions": {label: node, ...}}``,
  with an optional ``"infoset": label``; nodes given the same information-set
  label form one information set (same player, same action labels required);
* a **chance node**: ``{"chance": {label: (probability, node), ...}}``;

each with an optional node ``"label"``.  Payoffs and probabilities are
numbers, rational strings (``"1/3"``, never evaluated) or sympy expressions.
:func:`tree_from_dict` turns the root into a :class:`~gametheory.tree.Tree`;
:class:`TreeBuilder` writes the same nodes with short calls that check
player names and payoff counts as they are typed.

A decision node without an ``"infoset"`` label is an information set of its
own, labelled by the actions on the path from the root (``"Offer"``,
``"Enter, Fight"``; the root's set has no label and is addressed by its
number), which is how a strategy then reads: *Accept* after *Offer 1*.

The nodes are numbered in preorder (depth first, children in action order),
iteratively, so deep trees need no recursion.

Examples
--------
The ultimatum game with three discrete offers of a pie of 2: the proposer
offers 0, 1 or 2 and the responder accepts or rejects.

>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Proposer", "Responder"], title="Ultimatum")
>>> def respond(offer):
...     return b.decision("Responder", {"Accept": b.payoff(2 - offer, offer), "Reject": b.payoff(0, 0)})
>>> t = b.build(b.decision("Proposer", {f"Offer {x}": respond(x) for x in range(3)}))
>>> t.num_nodes, [t.infoset_key(k) for k in t.infosets("Responder")]
(10, ['Offer 0', 'Offer 1', 'Offer 2'])
>>> t.payoff(t.child(t.child(t.root, "Offer 1"), "Accept"))
{'Proposer': Fraction(1, 1), 'Responder': Fraction(1, 1)}

The same tree in the nested form:

>>> from gametheory.tree import tree_from_dict
>>> root = {"player": "Proposer", "actions": {
...     f"Offer {x}": {"player": "Responder", "actions": {"Accept": [2 - x, x], "Reject": [0, 0]}} for x in range(3)}}
>>> tree_from_dict(["Proposer", "Responder"], root) == t
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..errors import InputError, LabelError, TreeError
from ..numbers import Kind
from .game import Infoset, Tree

__all__ = ["TreeBuilder", "tree_from_dict"]

_NODE_KEYS = {"payoffs": {"payoffs", "label"}, "player": {"player", "actions", "infoset", "label"},
              "chance": {"chance", "label"}}


def _where(path: tuple[str, ...]) -> str:
    return "the root" if not path else "the node after " + " > ".join(path)


def tree_from_dict(players: Sequence[str], root, *, title: str = "", kind: Kind | None = None) -> Tree:
    """The tree whose root is ``root``, written in the nested form (see the module docstring).

    Parameters
    ----------
    players : sequence of str
    root : mapping or sequence
        The root node.
    title : str, optional
    kind : {'float', 'exact', 'symbolic'}, optional
        Force a kind (default: from the entries, as :class:`~gametheory.tree.Tree`).

    Raises
    ------
    InputError
        A malformed node (the message says where, by the path of actions
        from the root), an unknown player, an information set joining two
        players or two different action sets, a node that contains itself
        (a cycle), or any error of :class:`~gametheory.tree.Tree`.
    """
    players = tuple(players)
    pindex = {p: i for i, p in enumerate(players)}
    infosets: list[Infoset] = []
    by_label: dict[str, int] = {}
    children: list[list[int]] = []
    node_isets: list[int] = []
    labels: list[str] = []
    payoffs: dict[int, list] = {}
    paths: list[tuple[str, ...]] = []
    on_path: set[int] = set()
    # ("enter", node data, parent, path) / ("exit", id); a node object met again on its own path is a cycle
    stack: list[tuple] = [("enter", root, -1, ())]
    while stack:
        item = stack.pop()
        if item[0] == "exit":
            on_path.discard(item[1])
            continue
        _, data, parent, path = item
        where = _where(path)
        if id(data) in on_path:
            raise TreeError(f"{where} contains itself (a cycle): a tree's nodes are all different", field=where)
        v = len(children)
        children.append([])
        paths.append(path)
        if parent >= 0:
            children[parent].append(v)
        if isinstance(data, (list, tuple)):
            data = {"payoffs": data}
        if not isinstance(data, Mapping):
            raise InputError(f"{where}: a node is a list of payoffs or a table with 'payoffs', 'player' or "
                             f"'chance', got {type(data).__name__} {data!r}", field=where)
        kinds = [key for key in _NODE_KEYS if key in data]
        if len(kinds) != 1:
            raise InputError(f"{where}: a node has exactly one of 'payoffs' (terminal), 'player' (decision) or "
                             f"'chance', got keys {sorted(map(str, data))}", field=where)
        unknown = sorted(set(map(str, data)) - _NODE_KEYS[kinds[0]])
        if unknown:
            raise InputError(f"{where}: unknown keys {unknown}; a {kinds[0]} node has "
                             f"{sorted(_NODE_KEYS[kinds[0]])}", field=where)
        label = data.get("label", "")
        if not isinstance(label, str):
            raise InputError(f"{where}: the node label must be a string, got {label!r}", field=where)
        labels.append(label)
        if kinds[0] == "payoffs":
            payoffs[v] = _payoff_list(data["payoffs"], players, where)
            node_isets.append(-1)
            continue
        if kinds[0] == "player":
            player = data["player"]
            if player not in pindex:
                raise LabelError(f"{where}: unknown player {player!r}; players are {list(players)}", field=where)
            moves = data.get("actions")
            if not isinstance(moves, Mapping) or not moves:
                raise InputError(f"{where}: a decision node needs 'actions', a table {{action: node}} with at least "
                                 "one action", field=where)
            actions = tuple(moves)
            given = data.get("infoset")
            if given is not None and (not isinstance(given, str) or not given.strip()):
                raise InputError(f"{where}: an information set label is a non-empty string, got {given!r}",
                                 field=where)
            if given is None:
                k = len(infosets)
                infosets.append(Infoset(player, ", ".join(path), actions))
            elif given in by_label:
                k = by_label[given]
                first = infosets[k]
                if first.player != player:
                    raise TreeError(
                        f"{where}: information set {given!r} has nodes of {first.player!r} and of {player!r}; "
                        "the nodes of an information set belong to one player", field=where)
                if set(first.actions) != set(actions):
                    raise TreeError(
                        f"{where}: information set {given!r} has actions {list(first.actions)} at one node and "
                        f"{list(actions)} here; its nodes must offer the same actions", field=where)
                actions = first.actions  # children follow the set's action order
            else:
                k = by_label[given] = len(infosets)
                infosets.append(Infoset(player, given, actions))
            targets = [moves[a] for a in actions]
        else:
            moves = data["chance"]
            if not isinstance(moves, Mapping) or not moves:
                raise InputError(f"{where}: a chance node is a table {{action: (probability, node)}} with at least "
                                 "one action", field=where)
            actions = tuple(moves)
            probs, targets = [], []
            for a in actions:
                pair = moves[a]
                if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                    raise InputError(f"{where}: chance action {a!r} must be a pair (probability, node), got {pair!r}",
                                     field=where)
                probs.append(pair[0])
                targets.append(pair[1])
            k = len(infosets)
            infosets.append(Infoset(None, "", actions, tuple(probs)))
        node_isets.append(k)
        on_path.add(id(data))
        stack.append(("exit", id(data)))
        for a, target in zip(reversed(actions), reversed(targets)):
            stack.append(("enter", target, v, path + (str(a),)))
    try:
        return Tree(players, infosets, children, node_isets, payoffs,
                    node_labels=labels if any(labels) else None, title=title, kind=kind)
    except TreeError as exc:
        if exc.node is not None and exc.field is None:
            raise TreeError(exc.message, node=exc.node, field=_where(paths[exc.node])) from None
        raise


def _payoff_list(values, players: tuple[str, ...], where: str) -> list:
    n = len(players)
    if isinstance(values, Mapping):
        missing = [p for p in players if p not in values]
        extra = [p for p in values if p not in players]
        if missing or extra:
            raise LabelError(f"{where}: payoffs name every player once; missing {missing}, unknown {extra}",
                             field=where)
        return [values[p] for p in players]
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        values = [values]
    values = list(values)
    if len(values) != n:
        raise TreeError(f"{where}: {len(values)} payoffs, expected {n} (one per player: {list(players)})",
                        field=where)
    return values


class TreeBuilder:
    """Short calls that write the nested form of a tree for given players.

    Each call returns a plain node (a dict, see :func:`tree_from_dict`) and
    checks what it can at once: the player's name, the number of payoffs.

    Parameters
    ----------
    players : sequence of str
    title : str, optional

    Examples
    --------
    Entry deterrence: the incumbent's threat to fight is not credible.

    >>> b = TreeBuilder(["Entrant", "Incumbent"])
    >>> t = b.build(b.decision("Entrant", {
    ...     "Out": b.payoff(0, 2),
    ...     "In": b.decision("Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
    >>> t.player(t.child(0, "In")), t.actions(t.child(0, "In"))
    ('Incumbent', ('Fight', 'Accommodate'))
    """

    def __init__(self, players: Sequence[str], title: str = ""):
        self.players = tuple(players)
        self.title = title

    def decision(self, player: str, actions: Mapping, *, infoset: str | None = None, label: str = "") -> dict:
        """A node where ``player`` chooses among ``actions``, ``{action label: node}``.

        Nodes given the same ``infoset`` label form one information set.
        """
        if player not in self.players:
            raise LabelError(f"unknown player {player!r}; players are {list(self.players)}", field="player")
        node: dict = {"player": player, "actions": dict(actions)}
        if infoset is not None:
            node["infoset"] = infoset
        if label:
            node["label"] = label
        return node

    def chance(self, actions: Mapping, *, label: str = "") -> dict:
        """A chance node: ``{action label: (probability, node)}``; probabilities sum to 1."""
        node: dict = {"chance": dict(actions)}
        if label:
            node["label"] = label
        return node

    def payoff(self, *values, label: str = "") -> dict:
        """A terminal node: one payoff per player, in player order (or one mapping ``{player: payoff}``)."""
        if len(values) == 1 and isinstance(values[0], Mapping):
            row = _payoff_list(values[0], self.players, "payoff")
        else:
            if len(values) != len(self.players):
                raise InputError(f"payoff needs {len(self.players)} values, one per player {list(self.players)}, "
                                 f"got {len(values)}", field="payoffs")
            row = list(values)
        node: dict = {"payoffs": row}
        if label:
            node["label"] = label
        return node

    def build(self, root, kind: Kind | None = None) -> Tree:
        """The :class:`~gametheory.tree.Tree` whose root is ``root``."""
        return tree_from_dict(self.players, root, title=self.title, kind=kind)
