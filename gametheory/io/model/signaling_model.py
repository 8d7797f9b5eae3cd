r"""What a signaling model file holds: the frozen :class:`SignalingModel` and its :class:`SignalingFormulas`.

A signaling model is a model file with a ``[signaling]`` table, ``[[types]]``
and ``[[payoffs]]`` per (type, message, action) (``docs/signaling-format.md``).
The sender's type :math:`t` is drawn with the prior :math:`\pi(t) = g_t(\theta)`,
the sender sends a message :math:`m`, the receiver answers with an action
:math:`a`, and the payoffs are :math:`u_S(t, m, a) = f^S_{t,m,a}(\theta)` and
:math:`u_R(t, m, a) = f^R_{t,m,a}(\theta)`: numbers or expressions over the
parameters :math:`\theta`, kept as written, as the entries of a game-tree
model are (:mod:`gametheory.io.model.tree_model`).  They have two readings:

* :attr:`SignalingFormulas.game`, the symbolic
  :class:`~gametheory.bayesian.signaling.SignalingGame` (sympy, built on
  first use);
* :meth:`SignalingFormulas.game_at`, the numeric game at :math:`\theta_0`,
  each entry computed in Fractions by
  :func:`~gametheory.io.expressions.expression_value` where it can (no
  sympy), otherwise by :func:`~gametheory.io.model.tree_model.entry_by_sympy`;
  a prior that is not positive or does not sum to 1 at :math:`\theta_0` is
  reported at the line of the type at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ...errors import InputError, ModelError
from ...numbers import exact_values
from ..expressions import expression_value, parse_expression
from .schema import ParametrizedModel
from .tree_model import TreeEntry, entry_by_sympy

if TYPE_CHECKING:
    from ...bayesian.signaling import SignalingGame

__all__ = ["SignalingModel", "SignalingFormulas", "SIGNALING_TOP_LEVEL_KEYS", "SIGNALING_KEYS", "TYPE_KEYS",
           "SIGNALING_PAYOFF_KEYS", "SIGNALING_PREDICTION_KEYS"]

SIGNALING_TOP_LEVEL_KEYS = (
    "title", "section", "description", "quotes", "assumptions", "signaling", "types", "parameters", "payoffs",
    "predictions",
)
SIGNALING_KEYS = ("sender", "receiver", "messages", "actions", "sender_description", "receiver_description")
TYPE_KEYS = ("name", "prior", "description")
SIGNALING_PAYOFF_KEYS = ("type", "message", "action", "values")
SIGNALING_PREDICTION_KEYS = ("kind", "profile", "count", "intuitive", "claim", "source", "quote", "at")


@dataclass(frozen=True, eq=False)
class SignalingFormulas:
    """The signaling game as written: labels, and the prior and payoffs as entries.

    Attributes
    ----------
    path : str or None
    title : str
    sender, receiver : str
    types, messages : tuple of str
    actions : mapping
        ``{message: (action, ...)}``.
    parameters : tuple of str
    prior : mapping
        ``{type: TreeEntry}``.
    payoffs : mapping
        ``{(type, message, action): (TreeEntry, TreeEntry)}``: the sender's, then the receiver's.
    """

    path: str | None
    title: str
    sender: str
    receiver: str
    types: tuple[str, ...]
    messages: tuple[str, ...]
    actions: Mapping
    parameters: tuple[str, ...]
    prior: Mapping
    payoffs: Mapping

    def _build(self, convert, kind) -> SignalingGame:
        from ...bayesian.signaling import SignalingGame

        prior = {t: convert(e) for t, e in self.prior.items()}
        pay = {k: (convert(es), convert(er)) for k, (es, er) in self.payoffs.items()}
        return SignalingGame(self.sender, self.receiver, self.types, prior, self.messages, dict(self.actions), pay,
                             title=self.title, kind=kind)

    @cached_property
    def game(self) -> SignalingGame:
        """The game: symbolic when there are parameters, else numeric (exact unless an entry is irrational)."""
        if not self.parameters:
            return self.game_at({})
        import sympy

        def symbolic(e: TreeEntry):
            if isinstance(e.value, Fraction):
                return sympy.Rational(e.value.numerator, e.value.denominator)
            return parse_expression(e.value, self.parameters, field=e.field, path=self.path, line=e.line)

        try:
            return self._build(symbolic, "symbolic")
        except InputError as exc:  # the prior's sum, checked by sympy for every value of the parameters
            first = next(iter(self.prior.values()))
            raise exc.with_location(path=self.path, line=first.line, field=exc.field) from None

    def game_at(self, values: Mapping[str, Fraction], exact: bool | None = None) -> SignalingGame:
        """The numeric game with every parameter at its value (``values``: every parameter, as Fractions).

        Raises
        ------
        ModelError
            An entry that is not a finite real number at these values, a
            type whose prior is not positive, or a prior that does not sum
            to 1 there (at the line of the type, or of the first type).
        """
        numbers: dict[int, Any] = {}
        rational = True
        entries = [*self.prior.values(), *(e for pair in self.payoffs.values() for e in pair)]
        for e in entries:
            if isinstance(e.value, Fraction):
                v: Any = e.value
            else:
                v = expression_value(e.value, values, field=e.field, path=self.path, line=e.line)
                if v is None:
                    v = entry_by_sympy(e, self.parameters, values, self.path)
                    rational = rational and isinstance(v, Fraction)
            numbers[id(e)] = v
        if exact and not rational:
            raise InputError("some payoffs or probabilities are irrational at these values; use exact=False",
                             path=self.path, field="exact")
        at = ", ".join(f"{k} = {v}" for k, v in values.items())
        where = f" at {at}" if at else ""
        for t, e in self.prior.items():
            if not numbers[id(e)] > 0:
                raise ModelError(f"the prior of type {t!r} is {numbers[id(e)]}{where}; every type needs a "
                                 "probability > 0", path=self.path, line=e.line, field=e.field)
        if rational:
            total = sum((numbers[id(e)] for e in self.prior.values()), Fraction(0))
            if total != 1:
                first = next(iter(self.prior.values()))
                raise ModelError(f"the priors of the types sum to {total}{where}, not 1", path=self.path,
                                 line=first.line, field="types")
        kind = "exact" if rational and exact is not False else "float"
        try:
            return self._build(lambda e: numbers[id(e)], kind)
        except InputError as exc:  # a float prior a little off 1, say
            first = next(iter(self.prior.values()))
            raise exc.with_location(path=self.path, line=first.line, field=exc.field) from None


@dataclass(frozen=True, eq=False)
class SignalingModel(ParametrizedModel):
    """A signaling game loaded from a model file, with its parameters and the article's claims.

    The signaling counterpart of :class:`~gametheory.io.model.Model`: the
    same ``title``, ``section``, ``description``, ``quotes``,
    ``parameters``, ``assumption_texts`` / ``assumptions`` and
    ``predictions`` (kinds :data:`~gametheory.io.model.schema.SIGNALING_PREDICTION_KINDS`);
    instead of a normal-form game, :attr:`game` (a
    :class:`~gametheory.bayesian.signaling.SignalingGame`, symbolic when
    there are parameters) and :meth:`game_at`.  ``type_descriptions`` maps
    each type to the text the file gives it.
    """

    path: str | None
    id: str
    title: str
    section: str
    description: str
    quotes: tuple
    sender: str
    receiver: str
    parameters: Mapping
    assumption_texts: tuple
    predictions: tuple
    formulas: SignalingFormulas = field(repr=False)
    type_descriptions: Mapping = field(default_factory=lambda: MappingProxyType({}), repr=False)
    assumptions_line: int | None = field(default=None, repr=False)

    @property
    def players(self) -> tuple[str, str]:
        """``(sender, receiver)``."""
        return (self.sender, self.receiver)

    @property
    def types(self) -> tuple[str, ...]:
        return self.formulas.types

    @property
    def messages(self) -> tuple[str, ...]:
        return self.formulas.messages

    @property
    def game(self) -> SignalingGame:
        """The game; symbolic when there are parameters."""
        return self.formulas.game

    def game_at(self, values: Mapping | None = None, exact: bool | None = None) -> SignalingGame:
        """The numeric game with every parameter at its default, overridden by ``values``.

        Parameters
        ----------
        values : mapping, optional
            ``{name: value}``; a value is a number or a rational string.
        exact : bool, optional
            Exact (Fractions) or float; default exact unless a value is a
            float or an entry is irrational.

        Raises
        ------
        InputError
            An undeclared parameter, a value that is not a number, an entry
            undefined at these values, or a prior that is not positive or
            does not sum to 1 there.
        """
        given, any_float = exact_values(self.values(values))
        return self.formulas.game_at(given, exact=False if any_float and exact is None else exact)

    def _key(self) -> tuple:
        return (
            self.path, self.id, self.title, self.section, self.description, self.quotes, self.players,
            dict(self.parameters), self.assumption_texts, self.predictions, self.game,
        )

    def _shown(self) -> object:
        return self.game
