r"""Signaling games: a sender with a private type, a message, a receiver who answers.

A (finite) **signaling game** (Spence 1973; Cho and Kreps 1987) has two
players.  Chance draws the sender's type :math:`t \in T` with the common prior
:math:`\pi(t) > 0`; the sender sees it and sends a message :math:`m \in M`;
the receiver sees the message, not the type, and chooses an action
:math:`a \in A(m)`.  Payoffs :math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`
depend on all three.

As a game tree (:meth:`SignalingGame.to_tree`): chance at the root picks the
type, with the prior as probabilities; the sender has one information set per
type (labelled by the type) holding one node; the receiver has one
information set per message (labelled by the message) holding one node per
type, the node reached when that type sends that message.
:meth:`SignalingGame.from_tree` recognises exactly that shape in any
:class:`~gametheory.tree.Tree` (for instance one read from a Gambit ``.efg``
file), so a tree drawn elsewhere can be solved with
:func:`gametheory.bayesian.pbe.pbe_solve`.

References
----------
M. Spence, "Job market signaling", *Quarterly Journal of Economics* 87 (1973)
355-374.

I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 8.2.

Examples
--------
Beer-quiche (Cho and Kreps 1987): the sender is strong with probability 9/10;
he prefers beer when strong, quiche when weak, and gains 2 from not being
challenged; the receiver gains 1 from duelling a weak sender and from not
duelling a strong one.

>>> from fractions import Fraction
>>> pay = {}
>>> for t, favourite in (("strong", "beer"), ("weak", "quiche")):
...     for m in ("beer", "quiche"):
...         for a in ("duel", "not"):
...             us = (1 if m == favourite else 0) + (2 if a == "not" else 0)
...             ur = 1 if (a == "duel") == (t == "weak") else 0
...             pay[(t, m, a)] = (us, ur)
>>> g = SignalingGame("Sender", "Receiver", ["strong", "weak"], {"strong": Fraction(9, 10), "weak": Fraction(1, 10)},
...                   ["beer", "quiche"], ["duel", "not"], pay, title="Beer-quiche")
>>> g.payoff("weak", "beer", "not")
(Fraction(2, 1), Fraction(0, 1))
>>> t = g.to_tree()
>>> t.num_nodes, [t.infoset_key(k) for k in t.infosets("Receiver")]
(15, ['beer', 'quiche'])
>>> SignalingGame.from_tree(t) == g
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from ..errors import InputError, LabelError
from ..game import _check_labels, normalize_label  # one owner of label rules (NFC, visible, duplicates)
from ..numbers import Kind, coerce_array, is_sympy, to_exact
from ..tree.game import FLOAT_PROBABILITY_TOLERANCE, Infoset, Tree

__all__ = ["SignalingGame"]


def _label(x: object, what: str) -> str:
    if not isinstance(x, str):
        raise InputError(f"{what} must be a string label, got {x!r}", field=what)
    return normalize_label(x)


class SignalingGame:
    """An immutable finite signaling game (see the module docstring).

    Parameters
    ----------
    sender, receiver : str
        The two players' names (different).
    types : sequence of str
        The sender's types.
    prior : mapping
        ``{type: probability}``, every type with a probability > 0, summing
        to 1 (exactly for exact numbers; within
        :data:`~gametheory.tree.game.FLOAT_PROBABILITY_TOLERANCE` for floats).
    messages : sequence of str
        The sender's messages (the same for every type).
    actions : sequence of str or mapping
        The receiver's actions: one sequence used after every message, or
        ``{message: [actions]}``.
    payoffs : mapping
        ``{(type, message, action): (u_sender, u_receiver)}`` for every
        triple.  Entries: ints, Fractions, rational strings (``"1/3"``, never
        evaluated), floats or sympy expressions, as in
        :class:`gametheory.Game`.
    title : str, optional
        Metadata, not part of equality.
    kind : {'float', 'exact', 'symbolic'}, optional
        Force a kind; by default it follows the entries (prior included).

    Raises
    ------
    InputError
        A bad or duplicate label, a prior that is not positive or does not
        sum to 1, a missing or extra payoff, a payoff that is not a pair.
    """

    __slots__ = ("_sender", "_receiver", "_types", "_messages", "_actions", "_prior", "_payoffs", "_title",
                 "_kind", "_cache")

    def __init__(
        self,
        sender: str,
        receiver: str,
        types: Sequence[str],
        prior: Mapping,
        messages: Sequence[str],
        actions: Sequence[str] | Mapping,
        payoffs: Mapping,
        title: str = "",
        kind: Kind | None = None,
    ):
        sender = _label(sender, "sender")
        receiver = _label(receiver, "receiver")
        _check_labels([sender, receiver], "player")
        types_t = _check_labels(types, "type")
        messages_t = _check_labels(messages, "message")
        if not types_t:
            raise InputError("a signaling game needs at least one type", field="types")
        if not messages_t:
            raise InputError("a signaling game needs at least one message", field="messages")
        if isinstance(actions, Mapping):
            given = {_label(m, "message"): acts for m, acts in actions.items()}
            for m in given:
                if m not in messages_t:
                    raise LabelError(f"actions given after unknown message {m!r}; messages are {list(messages_t)}",
                                     field="actions")
            acts_by: list[tuple[str, ...]] = []
            for m in messages_t:
                if m not in given:
                    raise InputError(f"no receiver actions given after message {m!r}", field="actions")
                acts_by.append(_check_labels([given[m]] if isinstance(given[m], str) else given[m],
                                             f"action after {m!r}"))
        else:
            acts = _check_labels([actions] if isinstance(actions, str) else actions, "action")
            acts_by = [acts] * len(messages_t)
        for m, acts in zip(messages_t, acts_by):
            if not acts:
                raise InputError(f"the receiver has no action after message {m!r}", field="actions")
        if not isinstance(prior, Mapping):
            raise InputError("prior must be a mapping {type: probability}", field="prior")
        prior_n = {_label(t, "type"): p for t, p in prior.items()}
        for t in prior_n:
            if t not in types_t:
                raise LabelError(f"prior given for unknown type {t!r}; types are {list(types_t)}", field="prior")
        for t in types_t:
            if t not in prior_n:
                raise InputError(f"no prior probability for type {t!r}", field="prior")
        if not isinstance(payoffs, Mapping):
            raise InputError("payoffs must be a mapping {(type, message, action): (u_sender, u_receiver)}",
                             field="payoffs")
        pay_n: dict[tuple[str, str, str], Any] = {}
        for key, val in payoffs.items():
            if not isinstance(key, tuple) or len(key) != 3:
                raise InputError(f"payoff key {key!r} must be a (type, message, action) triple", field="payoffs")
            k3 = (_label(key[0], "type"), _label(key[1], "message"), _label(key[2], "action"))
            if k3 in pay_n:
                raise InputError(f"payoff for {k3} given twice", field="payoffs")
            if isinstance(val, (str, bytes)) or not isinstance(val, Sequence) or len(val) != 2:
                raise InputError(f"payoff of {k3} must be a pair (u_sender, u_receiver), got {val!r}",
                                 field="payoffs")
            pay_n[k3] = tuple(val)
        order: list[tuple[str, str, str]] = []
        for t in types_t:
            for m, acts in zip(messages_t, acts_by):
                for a in acts:
                    if (t, m, a) not in pay_n:
                        raise InputError(f"no payoff for type {t!r}, message {m!r}, action {a!r}", field="payoffs")
                    order.append((t, m, a))
        if len(order) != len(pay_n):
            extra = sorted(set(pay_n) - set(order))[0]
            raise LabelError(f"payoff given for {extra}, which is not a (type, message, action) of the game",
                             field="payoffs")
        flat = [x for k in order for x in pay_n[k]] + [prior_n[t] for t in types_t]
        arr, kind = coerce_array(flat, kind)
        values = arr.tolist()
        prior_vals = values[2 * len(order):]
        for t, p in zip(types_t, prior_vals):
            if not is_sympy(p) and not p > 0:
                raise InputError(f"the prior of type {t!r} is {p}; every type needs a probability > 0 "
                                 "(drop a type that never occurs)", field="prior")
        total = sum(prior_vals)
        if kind == "exact" and total != 1:
            raise InputError(f"the prior sums to {total}, not 1", field="prior")
        if kind == "float" and abs(total - 1) > FLOAT_PROBABILITY_TOLERANCE:
            raise InputError(f"the prior sums to {total:.12g}, not 1", field="prior")
        if kind == "symbolic":
            import sympy  # only a symbolic game gets here, and sympy is already loaded for it

            if sympy.simplify(total - 1) != 0:
                raise InputError(f"the prior sums to {total}, not 1", field="prior")
        self._sender = sender
        self._receiver = receiver
        self._types = types_t
        self._messages = messages_t
        self._actions = dict(zip(messages_t, acts_by))
        self._prior = MappingProxyType(dict(zip(types_t, prior_vals)))
        self._payoffs = {k: (values[2 * i], values[2 * i + 1]) for i, k in enumerate(order)}
        self._title = str(title)
        self._kind: Kind = kind
        self._cache: dict = {}

    # ------------------------------------------------------------------ reading
    @property
    def sender(self) -> str:
        return self._sender

    @property
    def receiver(self) -> str:
        return self._receiver

    @property
    def players(self) -> tuple[str, str]:
        """``(sender, receiver)``, the player order of :meth:`to_tree` and of payoff pairs."""
        return (self._sender, self._receiver)

    @property
    def types(self) -> tuple[str, ...]:
        return self._types

    @property
    def messages(self) -> tuple[str, ...]:
        return self._messages

    def actions(self, message: str) -> tuple[str, ...]:
        """The receiver's actions after ``message``."""
        try:
            return self._actions[message]
        except KeyError:
            raise LabelError(f"unknown message {message!r}; messages are {list(self._messages)}",
                             field="message") from None

    @property
    def prior(self) -> Mapping:
        """``{type: probability}`` (read-only)."""
        return self._prior

    def payoff(self, t: str, m: str, a: str) -> tuple:
        """``(u_sender, u_receiver)`` when type ``t`` sends ``m`` and the receiver answers ``a``."""
        try:
            return self._payoffs[(t, m, a)]
        except KeyError:
            raise LabelError(f"no ({t!r}, {m!r}, {a!r}) in the game: types {list(self._types)}, messages "
                             f"{list(self._messages)}", field="payoff") from None

    @property
    def payoffs(self) -> Mapping:
        """``{(type, message, action): (u_sender, u_receiver)}`` (read-only)."""
        return MappingProxyType(self._payoffs)

    @property
    def title(self) -> str:
        return self._title

    @property
    def kind(self) -> Kind:
        return self._kind

    @property
    def is_exact(self) -> bool:
        return self._kind == "exact"

    def with_title(self, title: str) -> SignalingGame:
        return SignalingGame(self._sender, self._receiver, self._types, self._prior, self._messages,
                             self._actions, self._payoffs, title=title, kind=self._kind)

    def to_exact(self) -> SignalingGame:
        """The same game with exact numbers (floats by their shortest decimal).

        A float prior that sums to 1 only within the float tolerance is
        divided by its exact sum, so that it sums to 1 exactly.
        """
        if self._kind == "exact":
            return self
        prior = {t: to_exact(p, field="prior") for t, p in self._prior.items()}
        total = sum(prior.values())
        if total != 1:
            prior = {t: p / total for t, p in prior.items()}
        return SignalingGame(self._sender, self._receiver, self._types, prior, self._messages,
                             self._actions, self._payoffs, title=self._title, kind="exact")

    def substitute(self, values: Mapping, exact: bool | None = None) -> SignalingGame:
        """The game with parameters replaced by numbers (as :meth:`gametheory.tree.Tree.substitute`)."""
        return SignalingGame.from_tree(self.to_tree().substitute(values, exact=exact)).with_title(self._title)

    # ------------------------------------------------------------------ trees
    def to_tree(self) -> Tree:
        """The game tree: chance picks the type, the sender the message, the receiver the action.

        Infosets: chance's at the root (no label), one of the sender per type
        (label: the type), one of the receiver per message (label: the
        message), holding one node per type.  Nodes are in preorder: type,
        then message, then action.
        """
        tree = self._cache.get("tree")
        if tree is not None:
            return tree
        nt = len(self._types)
        infosets: list[Infoset] = [Infoset(None, "", self._types, tuple(self._prior[t] for t in self._types))]
        infosets += [Infoset(self._sender, t, self._messages) for t in self._types]
        infosets += [Infoset(self._receiver, m, self._actions[m]) for m in self._messages]
        children: list[list[int]] = [[]]
        node_isets: list[int] = [0]
        payoffs: dict[int, tuple] = {}
        for i, t in enumerate(self._types):
            s = len(children)
            children[0].append(s)
            children.append([])
            node_isets.append(1 + i)
            for j, m in enumerate(self._messages):
                r = len(children)
                children[s].append(r)
                children.append([])
                node_isets.append(1 + nt + j)
                for a in self._actions[m]:
                    z = len(children)
                    children[r].append(z)
                    children.append([])
                    node_isets.append(-1)
                    payoffs[z] = self._payoffs[(t, m, a)]
        tree = Tree(self.players, infosets, children, node_isets, payoffs, title=self._title, kind=self._kind)
        self._cache["tree"] = tree
        return tree

    @classmethod
    def from_tree(cls, tree: Tree, *, title: str | None = None) -> SignalingGame:
        """Recognise a signaling game in ``tree``.

        The shape required: two players; a chance move at the root whose
        actions are the types (all probabilities > 0); after each type one
        node of the sender, alone in its information set, all with the same
        actions (the messages); after each type and message a node of the
        receiver; the receiver's nodes after one message, one per type, form
        one information set, a different one for each message; after the
        receiver's move, terminal nodes.  The sender is the player who moves
        second.

        Raises
        ------
        InputError
            Saying which part of the tree does not fit.
        """
        def bad(msg: str) -> InputError:
            return InputError(f"not a signaling game: {msg}", field="tree")

        if not isinstance(tree, Tree):
            raise InputError(f"expected a Tree, got {type(tree).__name__}", field="tree")
        if tree.num_players != 2:
            raise bad(f"it has {tree.num_players} players, a signaling game two (sender and receiver)")
        root = tree.root
        if tree.node_kind(root) != "chance":
            raise bad("the root must be a chance move that draws the sender's type")
        types = tree.actions(root)
        prior = tree.probabilities(root)
        sender_nodes = tree.children(root)
        sender = None
        messages: tuple[str, ...] | None = None
        for t, v in zip(types, sender_nodes):
            if tree.node_kind(v) != "decision":
                raise bad(f"after type {t!r} comes a {tree.node_kind(v)} node, not the sender's move")
            p = tree.player(v)
            if sender is None:
                sender, messages = p, tree.actions(v)
            elif p != sender:
                raise bad(f"after type {t!r} {p!r} moves, after type {types[0]!r} {sender!r}: one sender moves "
                          "after every type")
            elif set(tree.actions(v)) != set(messages or ()):
                raise bad(f"the sender's messages after type {t!r} are {list(tree.actions(v))}, after type "
                          f"{types[0]!r} {list(messages or ())}: every type has the same messages")
            k = tree.infoset_of(v)
            assert k is not None  # a decision node has an information set
            if len(tree.infoset_nodes(k)) != 1:
                raise bad(f"the sender's information set after type {t!r} has {len(tree.infoset_nodes(k))} nodes: "
                          "the sender knows the type, so each set holds one node")
        assert sender is not None and messages is not None
        receiver = next(p for p in tree.players if p != sender)
        iset_of_msg: dict[str, int] = {}
        actions: dict[str, tuple[str, ...]] = {}
        payoffs: dict[tuple[str, str, str], tuple] = {}
        for t, v in zip(types, sender_nodes):
            for m in messages:
                r = tree.child(v, m)
                if tree.node_kind(r) != "decision" or tree.player(r) != receiver:
                    raise bad(f"after type {t!r} and message {m!r} the receiver {receiver!r} must move")
                k = tree.infoset_of(r)
                assert k is not None
                if m not in iset_of_msg:
                    if k in iset_of_msg.values():
                        other = next(mm for mm, kk in iset_of_msg.items() if kk == k)
                        raise bad(f"the receiver's information set after {m!r} is also the one after {other!r}: "
                                  "the receiver sees the message")
                    if len(tree.infoset_nodes(k)) != len(types):
                        raise bad(f"the receiver's information set after {m!r} has "
                                  f"{len(tree.infoset_nodes(k))} nodes, not one per type ({len(types)})")
                    iset_of_msg[m] = k
                    actions[m] = tree.actions(r)
                elif iset_of_msg[m] != k:
                    raise bad(f"after message {m!r} the receiver's nodes lie in different information sets: the "
                              "receiver does not see the type")
                for a in actions[m]:
                    z = tree.child(r, a)
                    if not tree.is_terminal(z):
                        raise bad(f"after type {t!r}, message {m!r} and action {a!r} the game must end")
                    pay = tree.payoff(z)
                    payoffs[(t, m, a)] = (pay[sender], pay[receiver])
        return cls(sender, receiver, types, prior, messages, actions, payoffs,
                   title=tree.title if title is None else title, kind=tree.kind)

    # ------------------------------------------------------------------ equality
    def _key(self) -> tuple:
        return (self._sender, self._receiver, self._types, self._messages,
                tuple(self._actions[m] for m in self._messages), tuple(self._prior[t] for t in self._types),
                tuple(self._payoffs.items()), self._kind)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SignalingGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        name = f" {self._title!r}" if self._title else ""
        return (f"<SignalingGame{name}: sender {self._sender!r} with types {list(self._types)}, "
                f"messages {list(self._messages)}, receiver {self._receiver!r}>")

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_cache"):
            raise AttributeError("SignalingGame is immutable")
        object.__setattr__(self, name, value)
