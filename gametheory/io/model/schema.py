"""What a model file holds: the frozen :class:`Model`, :class:`Parameter` and :class:`Prediction`.

These are the values :func:`~gametheory.io.model.load_model` returns and
:func:`~gametheory.io.model.model_to_toml` writes; the keys a file may use
are listed here so that the reader and the writer agree on them.  The format
is specified in ``docs/model-format.md``.

A model's game has the payoffs :math:`u_i(s) = f_{i,s}(\\theta)`, expressions
in the parameters :math:`\\theta`.  :meth:`Model.game_at` gives the numeric
game at :math:`\\theta`: every parameter at its default unless given a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from ...errors import InputError, ModelError, UndefinedPayoffError
from ...game import Game
from ...numbers import exact_values, parameter_name
from ..expressions import parameter_symbol, parse_relation
from .formulas import PayoffFormulas

if TYPE_CHECKING:
    import sympy

__all__ = [
    "Model",
    "ParametrizedModel",
    "Parameter",
    "Prediction",
    "TOP_LEVEL_KEYS",
    "PLAYER_KEYS",
    "PARAMETER_KEYS",
    "PAYOFF_KEYS",
    "PREDICTION_KEYS",
    "PREDICTION_KINDS",
    "REPEATED_PREDICTION_KINDS",
    "REPEATED_STRATEGIES",
    "TREE_PREDICTION_KINDS",
    "SIGNALING_PREDICTION_KINDS",
    "STATUSES",
    "PREDICTION_SOURCES",
]

TOP_LEVEL_KEYS = (
    "title", "section", "description", "quotes", "assumptions",
    "players", "parameters", "payoffs", "predictions", "bargaining",
)
PLAYER_KEYS = ("name", "strategies", "description")
PARAMETER_KEYS = ("default", "range", "meaning", "quote", "status")
PAYOFF_KEYS = ("profile", "values")
PREDICTION_KEYS = ("kind", "profile", "count", "delta", "strategy", "claim", "source", "quote", "at")
#: The kinds of prediction about the repeated game whose stage game is the model's game.
REPEATED_PREDICTION_KINDS = ("sustainable", "not_sustainable")
PREDICTION_KINDS = ("equilibrium", "unique_equilibrium", "not_equilibrium", "equilibrium_count",
                    *REPEATED_PREDICTION_KINDS)
#: The strategies a repeated-game prediction may name (``strategy = "grim"``, the default).
REPEATED_STRATEGIES = ("grim",)
#: The kinds of prediction a game-tree model may make (checked by ``gametheory check``).
TREE_PREDICTION_KINDS = ("subgame_perfect", "not_subgame_perfect", "spe_path")
#: The kinds of prediction a signaling model may make (checked by ``gametheory check`` with method ``pbe``).
SIGNALING_PREDICTION_KINDS = ("pbe_count", "pooling", "separating", "hybrid")
STATUSES = ("pinned", "assumption")
#: Whose claim a prediction is: ``"article"`` (the author asserts it; a verbatim ``quote`` is required) or
#: ``"model"`` (a consequence of the model's assumptions, derived by us; no quote stands in for one).
PREDICTION_SOURCES = ("article", "model")


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
    kind : str
        One of :data:`PREDICTION_KINDS` for a normal-form model, of
        :data:`TREE_PREDICTION_KINDS` for a game-tree model.
    profile : mapping or None
        ``{player: label}`` for a pure profile; a player may instead map to
        ``{label: Fraction}`` (a mixed strategy, labels left out have 0).
        In a game-tree model, a behaviour profile ``{player: {infoset key:
        action}}`` (an action label, or ``{action: Fraction}`` for a mixed
        choice), every information set of every player given, keys as
        :meth:`Tree.infoset_key <gametheory.tree.Tree.infoset_key>`.
    count : int or None
        For ``equilibrium_count``.
    claim, quote : str
    line : int or None
        Line of the ``[[predictions]]`` header.
    at : mapping
        ``{parameter: Fraction}``: values at which the claim is made
        (others at their defaults); empty means at the defaults.
    path : tuple of str or None
        For ``spe_path``: the action labels from the root to a terminal
        node (chance's included).
    delta : str or None
        For the repeated-game kinds (:data:`REPEATED_PREDICTION_KINDS`): a
        discount factor as written, an expression in the model's parameters
        (``"c_I/p"``) read by the whitelist parser.  ``sustainable``: the
        smallest δ at which ``strategy`` sustains ``profile`` (it does exactly
        for δ in [delta, 1)); ``not_sustainable``: a δ at which it does not.
        None: "for some δ < 1" and "for no δ < 1".
    strategy : str or None
        For the repeated-game kinds: one of :data:`REPEATED_STRATEGIES`
        (``"grim"``: grim trigger, reverting for ever to the stage
        equilibrium worst for the deviator).
    intuitive : bool or None
        For the signaling kinds (:data:`SIGNALING_PREDICTION_KINDS`): the
        family claimed passes (True) or fails (False) the intuitive
        criterion; for ``pbe_count``, count only the families that do (or
        do not).  None: not part of the claim.
    source : str or None
        Whose claim it is, one of :data:`PREDICTION_SOURCES`: ``"article"``
        (the author asserts it, and ``quote`` is the sentence that says so)
        or ``"model"`` (it follows from the model's assumptions; no quote).
        None: the file does not say.
    """

    kind: str
    profile: Mapping | None
    count: int | None = None
    claim: str = ""
    quote: str = ""
    line: int | None = None
    at: Mapping = field(default_factory=lambda: MappingProxyType({}))
    path: tuple | None = None
    delta: str | None = None
    strategy: str | None = None
    intuitive: bool | None = None
    source: str | None = None

    @property
    def is_pure(self) -> bool:
        """A pure profile: one label per player (or, in a tree, one action per information set)."""
        if self.profile is None:
            return False
        return all(isinstance(v, str) or (isinstance(v, Mapping) and all(isinstance(a, str) for a in v.values()))
                   for v in self.profile.values())


class ParametrizedModel:
    """What a model file's parameters give every kind of model: assumptions, symbols, defaults, values.

    The one owner of these members, and of equality, hashing and ``repr``,
    for every kind of model (:class:`Model`, ``TreeModel``, ``SignalingModel``,
    ``BayesianModel``), which declare the fields it reads (``path``, ``id``,
    ``title``, ``parameters``, ``assumption_texts``, ``assumptions_line``) and
    give :meth:`_key` and :meth:`_shown`.
    """

    path: str | None
    id: str
    title: str
    parameters: Mapping
    assumption_texts: tuple
    assumptions_line: int | None

    def _key(self) -> tuple:
        """The fields two equal models share: each kind lists its own, its game or tree last."""
        raise NotImplementedError

    def _shown(self) -> object:
        """The game (or tree) that ``repr`` shows."""
        raise NotImplementedError

    def __eq__(self, other):  # the same model: the same fields, the same symbolic game and relations
        if type(other) is not type(self):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self):  # the mappings are not hashable; equal models have the same source and title
        return hash((self.path, self.title))

    def __repr__(self):
        return (f"<{type(self).__name__} {self.id!r} {self.title!r}: {self._shown()!r}, "
                f"parameters {list(self.parameters)}>")

    @cached_property
    def assumptions(self) -> tuple:
        """The assumptions as unevaluated sympy relations (parsed on first use)."""
        return tuple(
            parse_relation(t, tuple(self.parameters), field=f"assumptions[{i + 1}]", path=self.path,
                           line=self.assumptions_line)
            for i, t in enumerate(self.assumption_texts)
        )

    @property
    def symbols(self) -> dict:
        """``{name: sympy.Symbol}`` of the parameters."""
        return {name: p.symbol for name, p in self.parameters.items()}

    @property
    def defaults(self) -> dict:
        """``{name: default}`` of the parameters."""
        return {name: p.default for name, p in self.parameters.items()}

    def values(self, given: Mapping | None = None, *, field: str = "values") -> dict:
        """Every parameter's value: its default, overridden by ``given`` (keys: names or symbols).

        The one place where values given for a model meet its declared parameters; ``field``
        names the source of ``given`` in the error (``"values"``, ``"--param"``, ...).

        Raises
        ------
        InputError
            If ``given`` names a parameter the model does not declare.
        """
        vals: dict = dict(self.defaults)
        for key, val in dict(given or {}).items():
            name = parameter_name(key)
            if name not in self.parameters:
                declared = ", ".join(self.parameters) or "none"
                raise InputError(
                    f"unknown parameter {name!r}; declared parameters: {declared}", path=self.path, field=field
                )
            vals[name] = val
        return vals


@dataclass(frozen=True, eq=False)
class Model(ParametrizedModel):
    """A game loaded from a model file, with its parameters and the article's claims.

    See ``docs/model-format.md`` for the meaning of each field.  ``game`` is a
    symbolic :class:`~gametheory.Game` when there are parameters (exact or,
    for irrational payoffs, float otherwise).  The payoffs as written are
    ``payoff_formulas`` (:class:`~gametheory.io.model.formulas.PayoffFormulas`):
    ``game``, and ``assumptions`` from ``assumption_texts``, are read with
    sympy on first use, and :meth:`game_at` needs no sympy unless a payoff
    does (``exp``, ``log``, ``sqrt``, ...).
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
    assumption_texts: tuple
    predictions: tuple
    bargaining: Mapping | None
    payoff_formulas: PayoffFormulas = field(repr=False)
    # {profile index tuple: line of its [[payoffs]] entry}, so errors at given values can point at the entry
    payoff_lines: Mapping = field(default_factory=lambda: MappingProxyType({}), repr=False)
    assumptions_line: int | None = field(default=None, repr=False)

    @property
    def game(self) -> Game:
        """The game; symbolic when there are parameters."""
        return self.payoff_formulas.game

    def game_at(self, values: Mapping | None = None, exact: bool | None = None) -> Game:
        """The numeric game with every parameter at its default, overridden by ``values``.

        The game is :meth:`Game.substitute <gametheory.Game.substitute>` on
        ``self.game``, computed from the payoff texts in Fractions without
        sympy where :meth:`PayoffFormulas.game_at
        <gametheory.io.model.formulas.PayoffFormulas.game_at>` can; an error
        is given this model's file, and the line of the payoff entry at fault.

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
        vals = self.values(values)
        if not self.parameters:
            if exact is False:
                return self.game.to_float()
            if exact is True and self.game.kind == "float":
                raise InputError("the payoffs are irrational; use exact=False", path=self.path, field="exact")
            return self.game
        try:
            given, any_float = exact_values(vals)
            # in Fractions without sympy where that is sure to give what substitution gives; else substitute
            numeric = self.payoff_formulas.game_at(given, exact=not any_float if exact is None else exact)
            if numeric is not None:
                return numeric
            self.payoff_formulas.check_powers(given)  # substitution would build every power, however large
            return self.game.substitute(vals, exact=exact)
        except UndefinedPayoffError as exc:
            index = tuple(labels.index(lab) for labels, lab in zip(self.strategies, exc.profile))
            raise ModelError(exc.message, path=self.path, line=self.payoff_lines.get(index), field=exc.field) from None
        except InputError as exc:
            if exc.field == "exact":  # this file's payoffs are irrational at these values
                raise exc.with_location(path=self.path) from None
            raise  # a value that is not a number is the caller's, not the file's

    def _key(self) -> tuple:
        return (
            self.path, self.id, self.title, self.section, self.description, self.quotes, self.players,
            self.strategies, self.parameters, self.assumptions, self.assumption_texts, self.predictions,
            self.bargaining, self.game,
        )

    def _shown(self) -> object:
        return self.game

