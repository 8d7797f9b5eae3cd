r"""Bayesian normal-form games: players with private types drawn from an exact common prior.

A Bayesian game (Harsanyi 1967-68) has players :math:`i = 1, \dots, N`, for
each a finite set of types :math:`T_i` and of actions :math:`A_i`, a common
prior :math:`p` on the type profiles :math:`T = T_1 \times \dots \times T_N`
(exact: Fractions summing to 1), and payoffs :math:`u_i(t; a)` that depend on
the type profile :math:`t` and the action profile :math:`a`.  Each player
learns its own type and nothing else; a (mixed) strategy of player
:math:`i` is a map :math:`\sigma_i : T_i \to \Delta(A_i)`.

A type :math:`t_i` with marginal :math:`p_i(t_i) = \sum_{t_{-i}} p(t_i, t_{-i}) > 0`
believes :math:`p(t_{-i} \mid t_i) = p(t_i, t_{-i}) / p_i(t_i)`, and its
*interim* payoff of action :math:`a_i` against :math:`\sigma_{-i}` is

.. math::

   U_i(a_i \mid t_i) = \sum_{t_{-i}} p(t_{-i} \mid t_i)
       \sum_{a_{-i}} \prod_{j \ne i} \sigma_j(t_j)(a_j)\, u_i(t; a_i, a_{-i}).

A profile :math:`\sigma` is a Bayesian Nash equilibrium when no type of
positive probability gains by a deviation: the *regret*
:math:`\max_{a_i} U_i(a_i \mid t_i) - \sum_{a_i} \sigma_i(t_i)(a_i)\, U_i(a_i \mid t_i)`
of every such type is 0.  :meth:`BayesianGame.regrets` computes these
regrets from the Bayesian game itself (each type profile's payoffs are a
normal-form :class:`~gametheory.Game` contracted with
:class:`~gametheory.MixedProfile`), independently of the type-agent form of
:mod:`gametheory.bayesian.harsanyi` that the solvers work on.

References
----------
J. C. Harsanyi, "Games with incomplete information played by 'Bayesian'
players, I-III", *Management Science* 14 (1967-68) 159-182, 320-334, 486-502.

R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard University Press,
1991, §2.8-2.9.

M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press,
2004, ch. 9.

Examples
--------
Osborne's (2004, ch. 9) variant of the battle of the sexes: player 2 wishes to meet player 1
(type ``meet``) or to avoid her (``avoid``), each with probability 1/2.

>>> bos = BayesianGame(
...     ["P1", "P2"], {"P1": ["-"], "P2": ["meet", "avoid"]}, {"P1": ["B", "S"], "P2": ["B", "S"]},
...     {"P2": {"meet": "1/2", "avoid": "1/2"}},
...     {(("-", "meet"), ("B", "B")): (2, 1), (("-", "meet"), ("B", "S")): (0, 0),
...      (("-", "meet"), ("S", "B")): (0, 0), (("-", "meet"), ("S", "S")): (1, 2),
...      (("-", "avoid"), ("B", "B")): (2, 0), (("-", "avoid"), ("B", "S")): (0, 2),
...      (("-", "avoid"), ("S", "B")): (0, 1), (("-", "avoid"), ("S", "S")): (1, 0)})
>>> bos.prior({"P1": "-", "P2": "avoid"}), bos.kind
(Fraction(1, 2), 'exact')
>>> bos.regrets({"P1": {"-": "B"}, "P2": {"meet": "B", "avoid": "S"}})
{'P1': {'-': Fraction(0, 1)}, 'P2': {'meet': Fraction(0, 1), 'avoid': Fraction(0, 1)}}
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from math import prod
from types import MappingProxyType
from typing import Any

import numpy as np

from ..errors import InputError, LabelError
from ..game import MAX_PLAYERS, Game, _check_labels, normalize_label
from ..numbers import Kind, exact_values, format_number, is_sympy, to_exact
from ..profile import MixedProfile

__all__ = ["BayesianGame", "MAX_TYPE_PROFILES"]

#: Largest number of type profiles a Bayesian game may have (each carries a payoff table).
MAX_TYPE_PROFILES = 100_000


def _labels(spec: Mapping, players: tuple[str, ...], what: str) -> tuple[tuple[str, ...], ...]:
    """``{player: [labels]}`` -> labels per player in player order, checked (one or more, distinct, visible)."""
    if not isinstance(spec, Mapping):
        raise InputError(f"{what} must be a mapping {{player: [labels]}}, got {type(spec).__name__}", field=what)
    spec = {normalize_label(p) if isinstance(p, str) else p: v for p, v in spec.items()}
    unknown = [p for p in spec if p not in players]
    if unknown:
        raise LabelError(f"unknown player {unknown[0]!r} in {what}; players are {list(players)}", field=what)
    out = []
    for p in players:
        if p not in spec:
            raise InputError(f"no {what} for player {p!r}", field=what)
        labels = spec[p]
        if isinstance(labels, str) or not isinstance(labels, Sequence):
            raise InputError(f"{what} of {p!r} must be a list of labels, got {labels!r}", field=what)
        labels = _check_labels(labels, f"{what[:-1]} of {p}")
        if not labels:
            raise InputError(f"player {p!r} needs at least one {what[:-1]}", field=what)
        out.append(labels)
    return tuple(out)


def _prior_value(x: Any, field: str) -> Any:
    """A prior probability: exact (Fraction) or, for a symbolic game, a sympy expression; never a float."""
    if isinstance(x, (float, np.floating)):
        raise InputError(f"the prior is exact: give {x!r} as a Fraction or a string such as \"1/10\"", field=field)
    if is_sympy(x) and x.free_symbols:
        return x
    return to_exact(x, field=field)


class BayesianGame:
    """An immutable Bayesian normal-form game with labelled players, types and actions.

    Parameters
    ----------
    players : sequence of str
    types, actions : mapping
        ``{player: [labels]}``; every player at least one of each.
    prior : mapping
        Either the joint common prior ``{type tuple (in player order): p}``
        (type profiles left out have probability 0), or independent marginals
        ``{player: {type: p}}`` (a player with one type may be left out).
        Exact: Fractions, integers, or rational strings (``"1/3"``); sympy
        expressions in parameters for a symbolic game.  Nonnegative and
        summing to 1 (identically, for expressions).
    payoffs : mapping
        ``{(type tuple, action tuple): values}``, values one per player (a
        sequence in player order or ``{player: value}``): numbers, rational
        strings or sympy expressions.  Every action profile of every type
        profile of positive prior needs payoffs; type profiles of prior 0 may
        be left out.
    title : str, optional
    kind : {'exact', 'float', 'symbolic'}, optional
        Force the kind of the payoffs (as :class:`~gametheory.Game`); default
        the kind the entries give.

    Raises
    ------
    InputError
        A label, a prior or a payoff that is missing, unknown or invalid.
    """

    __slots__ = ("_players", "_types", "_actions", "_prior", "_games", "_kind", "_title")

    def __init__(self, players, types: Mapping, actions: Mapping, prior: Mapping, payoffs: Mapping,
                 title: str = "", kind: Kind | None = None):
        players = _check_labels(players, "player")
        if not players:
            raise InputError("a Bayesian game needs at least one player", field="players")
        if len(players) > MAX_PLAYERS:
            raise InputError(f"{len(players)} players; a game has at most {MAX_PLAYERS} players", field="players")
        self._players = players
        self._types = _labels(types, players, "types")
        self._actions = _labels(actions, players, "actions")
        count = prod(len(t) for t in self._types)
        if count > MAX_TYPE_PROFILES:
            raise InputError(f"{count} type profiles; a Bayesian game has at most {MAX_TYPE_PROFILES}", field="types")
        self._prior = self._read_prior(prior)
        self._games, self._kind = self._read_payoffs(payoffs, kind)
        self._title = str(title)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_function(cls, players, types: Mapping, actions: Mapping, prior: Mapping,
                      func: Callable[[dict, dict], Any], title: str = "", kind: Kind | None = None) -> BayesianGame:
        """The game whose payoffs are ``func({player: type}, {player: action})`` (a sequence or a mapping).

        ``func`` is called for the type profiles of positive prior only.
        """
        players = _check_labels(players, "player")
        tlabels = _labels(types, players, "types")
        alabels = _labels(actions, players, "actions")
        shell = cls.__new__(cls)  # reads the prior as the constructor will, to call func on its support only
        shell._players, shell._types, shell._actions = players, tlabels, alabels
        joint = shell._read_prior(prior)
        table = {}
        for t, p in joint.items():
            if p == 0:
                continue
            tp = dict(zip(players, t))
            for a in itertools.product(*alabels):
                table[(t, a)] = func(tp, dict(zip(players, a)))
        return cls(players, types, actions, dict(joint), table, title, kind)

    def _read_prior(self, prior: Mapping) -> Mapping:
        """The joint prior ``{type tuple: p}`` over every type profile, checked."""
        if not isinstance(prior, Mapping) or not prior:
            raise InputError("the prior must be a non-empty mapping", field="prior")
        players, types = self._players, self._types
        profiles = list(itertools.product(*types))
        keys = list(prior)
        marginal = all(isinstance(k, str) and normalize_label(k) in players and isinstance(prior[k], Mapping)
                       for k in keys)
        joint: dict[tuple[str, ...], Any] = {t: Fraction(0) for t in profiles}
        if marginal:
            margins = []
            for i, p in enumerate(players):
                spec = {normalize_label(k): v for k, v in prior.items()}.get(p)
                if spec is None:
                    if len(types[i]) != 1:
                        raise InputError(f"no prior for the types of {p!r} (it has {len(types[i])} types)",
                                         field="prior")
                    margins.append({types[i][0]: Fraction(1)})
                    continue
                m = {}
                for t, q in spec.items():
                    t = normalize_label(t) if isinstance(t, str) else t
                    if t not in types[i]:
                        raise LabelError(f"unknown type {t!r} of {p!r} in the prior; types are {list(types[i])}",
                                         field="prior")
                    m[t] = _prior_value(q, "prior")
                self._check_distribution(m.values(), f"the prior of {p!r}")
                margins.append(m)
            for t in profiles:
                joint[t] = prod((margins[i].get(ti, Fraction(0)) for i, ti in enumerate(t)), start=Fraction(1))
        else:
            index = set(profiles)
            for k, q in prior.items():
                key = (k,) if isinstance(k, str) else tuple(k)
                key = tuple(normalize_label(x) if isinstance(x, str) else x for x in key)
                if key not in index:
                    raise LabelError(f"the prior names {list(key)}, which is not a type profile (one type per "
                                     f"player of {list(players)}, types {[list(t) for t in types]})", field="prior")
                joint[key] = _prior_value(q, "prior")
            self._check_distribution(joint.values(), "the prior")
        return MappingProxyType(joint)

    @staticmethod
    def _check_distribution(values, what: str) -> None:
        values = list(values)
        for q in values:
            if not is_sympy(q) and q < 0:
                raise InputError(f"{what} has a negative probability {q}", field="prior")
        total = sum(values, Fraction(0))
        if is_sympy(total):
            import sympy

            if sympy.simplify(total - 1) != 0:
                raise InputError(f"{what} sums to {total}, not 1 for every value of the parameters", field="prior")
        elif total != 1:
            raise InputError(f"{what} sums to {format_number(total)}, expected 1", field="prior")

    def _read_payoffs(self, payoffs: Mapping, kind: Kind | None) -> tuple[Mapping, Kind]:
        """``{type tuple: Game}`` for every type profile given payoffs; each a game of the players' actions."""
        players, types, actions = self._players, self._types, self._actions
        n = len(players)
        tables: dict[tuple, dict] = {}
        for key, values in payoffs.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InputError(f"a payoff key is (type tuple, action tuple), got {key!r}", field="payoffs")
            t = tuple(normalize_label(x) for x in ((key[0],) if isinstance(key[0], str) else key[0]))
            a = tuple(normalize_label(x) for x in ((key[1],) if isinstance(key[1], str) else key[1]))
            if len(t) != n or any(x not in types[i] for i, x in enumerate(t)):
                raise LabelError(f"{list(t)} is not a type profile (types {[list(x) for x in types]})",
                                 field="payoffs")
            if len(a) != n or any(x not in actions[i] for i, x in enumerate(a)):
                raise LabelError(f"{list(a)} is not an action profile (actions {[list(x) for x in actions]})",
                                 field="payoffs")
            if isinstance(values, Mapping):
                values = {normalize_label(p): v for p, v in values.items()}
                missing = [p for p in players if p not in values]
                if missing:
                    raise InputError(f"no payoff of {missing[0]!r} at types {list(t)}, actions {list(a)}",
                                     field="payoffs")
                values = [values[p] for p in players]
            tables.setdefault(t, {})[a] = tuple(values)
        games = {}
        for t, q in self._prior.items():
            if t not in tables:
                if not is_sympy(q) and q == 0:
                    continue
                raise InputError(f"no payoffs for the type profile {list(t)}, whose prior is {q}", field="payoffs")
            try:
                games[t] = Game.from_dict(players, actions, tables[t], kind=kind)
            except InputError as exc:
                raise type(exc)(f"at types {list(t)}: {exc.message}", field="payoffs") from None
        kinds = {g.kind for g in games.values()}
        if any(is_sympy(q) for q in self._prior.values()):
            kinds.add("symbolic")
        final = kind or ("symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact")
        convert = {"symbolic": Game.to_symbolic, "float": Game.to_float, "exact": Game.to_exact}[final]
        return MappingProxyType({t: g if g.kind == final else convert(g) for t, g in games.items()}), final

    # ------------------------------------------------------------------ accessors
    @property
    def players(self) -> tuple[str, ...]:
        """The player labels, in order."""
        return self._players

    @property
    def title(self) -> str:
        """A title, kept as metadata."""
        return self._title

    @property
    def kind(self) -> Kind:
        """``'exact'``, ``'float'`` or ``'symbolic'``: the kind of the payoffs (the prior is always exact)."""
        return self._kind

    @property
    def num_players(self) -> int:
        """The number of players (not of type-agents)."""
        return len(self._players)

    def _index(self, player) -> int:
        player = normalize_label(player) if isinstance(player, str) else player
        if player not in self._players:
            raise LabelError(f"unknown player {player!r}; players are {list(self._players)}", field="player")
        return self._players.index(player)

    def types(self, player) -> tuple[str, ...]:
        """The types of ``player``."""
        return self._types[self._index(player)]

    def actions(self, player) -> tuple[str, ...]:
        """The actions of ``player``."""
        return self._actions[self._index(player)]

    def type_profiles(self) -> tuple[tuple[str, ...], ...]:
        """Every type profile, as a tuple in player order (prior 0 included)."""
        return tuple(self._prior)

    def _type_tuple(self, type_profile) -> tuple[str, ...]:
        if isinstance(type_profile, Mapping):
            return tuple(type_profile[p] for p in self._players)
        return tuple(type_profile)

    def prior(self, type_profile) -> Any:
        """The common prior of ``type_profile`` (``{player: type}`` or a tuple in player order)."""
        t = self._type_tuple(type_profile)
        if t not in self._prior:
            raise LabelError(f"{list(t)} is not a type profile", field="type_profile")
        return self._prior[t]

    def marginal(self, player, type_label) -> Any:
        """:math:`p_i(t_i)`, the prior probability that ``player`` has type ``type_label``."""
        i = self._index(player)
        return sum((q for t, q in self._prior.items() if t[i] == type_label), Fraction(0))

    def positive_types(self, player) -> tuple[str, ...]:
        """The types of ``player`` of positive marginal probability (for a symbolic prior: not identically 0)."""
        i = self._index(player)
        out = []
        for ti in self._types[i]:
            m = self.marginal(player, ti)
            if (m != 0) if not is_sympy(m) else not m.is_zero:
                out.append(ti)
        return tuple(out)

    def state_game(self, type_profile) -> Game:
        """The normal-form game of the players' actions at ``type_profile`` (a type profile with payoffs)."""
        t = self._type_tuple(type_profile)
        if t not in self._games:
            raise InputError(f"the type profile {list(t)} has prior 0 and no payoffs", field="type_profile")
        return self._games[t]

    def payoff(self, type_profile, action_profile) -> dict:
        """``{player: u_i(t; a)}`` at a type profile and an action profile (mappings or tuples in player order)."""
        g = self.state_game(type_profile)
        a = action_profile if isinstance(action_profile, Mapping) else dict(zip(self._players, action_profile))
        return g.payoff(a)

    # ------------------------------------------------------------------ strategies and regrets
    def _strategy_table(self, strategies: Mapping) -> list[dict]:
        """``{player: {type: action or {action: p}}}`` -> per player, per positive type, ``{action: p}``."""
        out = []
        for p in self._players:
            if p not in strategies:
                raise InputError(f"no strategy for player {p!r}", field="strategies")
            spec = strategies[p]
            row = {}
            for ti in self.positive_types(p):
                if ti not in spec:
                    raise InputError(f"no action for type {ti!r} of {p!r}", field="strategies")
                choice = spec[ti]
                row[ti] = {choice: 1} if isinstance(choice, str) else dict(choice)
            out.append(row)
        return out

    def interim_payoffs(self, strategies: Mapping) -> dict:
        """``{player: {type: {action: U_i(a_i | t_i)}}}`` against ``strategies`` (types of positive probability).

        ``strategies``: ``{player: {type: action or {action: p}}}``; types of
        probability 0 may be left out.
        """
        table = self._strategy_table(strategies)
        out: dict = {}
        for i, p in enumerate(self._players):
            out[p] = {}
            for ti in self.positive_types(p):
                weight = self.marginal(p, ti)
                acc: dict = {a: 0 for a in self._actions[i]}
                for t, q in self._prior.items():
                    if t[i] != ti or (not is_sympy(q) and q == 0):
                        continue
                    mixed = {pl: table[j][t[j]] for j, pl in enumerate(self._players)}
                    vals = MixedProfile(self._games[t], mixed).strategy_payoffs(p)
                    for a in self._actions[i]:
                        acc[a] = acc[a] + q * vals[a]
                out[p][ti] = {a: v / weight for a, v in acc.items()}
        return out

    def regrets(self, strategies: Mapping) -> dict:
        """``{player: {type: regret}}``: each type's gain from its best deviation (all 0 at an equilibrium).

        Exact for an exact game and exact strategies; the certificate of
        :func:`~gametheory.bayesian.harsanyi.solve_bayesian`, computed from
        the Bayesian game, not from its type-agent form.
        """
        self._require_numeric("regrets")
        table = self._strategy_table(strategies)
        interim = self.interim_payoffs(strategies)
        out: dict = {}
        for i, p in enumerate(self._players):
            out[p] = {}
            for ti, vals in interim[p].items():
                played = sum((q * vals[a] for a, q in table[i][ti].items()), Fraction(0))
                out[p][ti] = max(vals.values()) - played
        return out

    def _require_numeric(self, purpose: str) -> None:
        if self._kind == "symbolic":
            from ..errors import UnsupportedGameError

            raise UnsupportedGameError(f"{purpose} needs numbers: substitute the parameters first (substitute())")

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> tuple:
        """The sympy symbols of a symbolic game, sorted by name (empty otherwise)."""
        if self._kind != "symbolic":
            return ()
        syms = set()
        for g in self._games.values():
            syms.update(g.parameters)
        for q in self._prior.values():
            if is_sympy(q):
                syms.update(q.free_symbols)
        return tuple(sorted(syms, key=lambda s: s.name))

    def substitute(self, values: Mapping, exact: bool | None = None) -> BayesianGame:
        """The numeric game with every parameter at its value, as :meth:`Game.substitute <gametheory.Game.substitute>`.

        Raises
        ------
        InputError
            A parameter without a value, a prior that is not rational, negative
            or not summing to 1 at these values, or a payoff undefined there.
        """
        if self._kind != "symbolic":
            return self
        import sympy

        given, _ = exact_values(values)
        subs = {s: sympy.Rational(given[s.name].numerator, given[s.name].denominator)
                for s in self.parameters if s.name in given}
        prior = {}
        for t, q in self._prior.items():
            if is_sympy(q):
                y = q.xreplace(subs)
                if not y.is_Rational:
                    raise InputError(f"the prior of {list(t)} is {y} at these values, not a rational number",
                                     field="prior")
                q = Fraction(int(y.p), int(y.q))
            prior[t] = q
        games = {t: g.substitute(values, exact=exact) for t, g in self._games.items()}
        kinds = {g.kind for g in games.values()}
        kind: Kind = "float" if "float" in kinds else "exact"
        payoffs = {(t, a): g.payoff(dict(zip(self._players, a)))
                   for t, g in games.items() for a in itertools.product(*self._actions)}
        return BayesianGame(self._players, dict(zip(self._players, self._types)),
                            dict(zip(self._players, self._actions)), prior, payoffs, self._title, kind)

    # ------------------------------------------------------------------ comparison
    def _key(self) -> tuple:
        return (self._players, self._types, self._actions, tuple(self._prior.items()),
                tuple((t, g) for t, g in self._games.items()), self._kind)

    def __eq__(self, other):
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self):
        return hash((self._players, self._types, self._actions))

    def __setattr__(self, name, value):
        if hasattr(self, "_title"):  # set once in __init__, then frozen
            raise AttributeError("BayesianGame is immutable")
        object.__setattr__(self, name, value)

    def __repr__(self):
        types = ", ".join(f"{p}: {len(t)}" for p, t in zip(self._players, self._types))
        return f"<BayesianGame {self._title!r}: {self.num_players} players, types ({types}), {self._kind}>"
