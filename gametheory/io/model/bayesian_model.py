r"""What a Bayesian-game model file holds: the frozen :class:`BayesianModel` and its :class:`BayesianFormulas`.

A Bayesian model is a model file whose players have ``types`` and
``actions`` and which has a ``prior`` (``docs/bayesian-format.md``).  Its
prior probabilities :math:`p(t) = g_t(\theta)` (or marginals
:math:`p_i(t_i) = g_{i,t_i}(\theta)`) and payoffs
:math:`u_i(t; a) = f_{i,t,a}(\theta)` are numbers or expressions of the
whitelist parser over the parameters :math:`\theta`, kept as written in
:class:`BayesianFormulas`.  As for the other models
(:mod:`gametheory.io.model.formulas`) they have two readings:
:attr:`BayesianFormulas.game`, the symbolic
:class:`~gametheory.bayesian.game.BayesianGame` (sympy, on first use), and
:meth:`BayesianFormulas.game_at`, the numeric game at :math:`\theta_0`, each
entry computed in Fractions by
:func:`~gametheory.io.expressions.expression_value` where it can and by
substitution into its sympy expression otherwise, so that an entry
undefined at :math:`\theta_0` is reported at its own line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...errors import InputError, ModelError
from ...numbers import exact_values
from ..expressions import check_powers, expression_value, parse_expression
from .formulas import PayoffEntry
from .schema import ParametrizedModel

if TYPE_CHECKING:
    from ...bayesian.game import BayesianGame

__all__ = ["BayesianModel", "BayesianFormulas", "BAYESIAN_TOP_LEVEL_KEYS", "BAYESIAN_PLAYER_KEYS",
           "JOINT_PRIOR_KEYS", "BAYESIAN_PAYOFF_KEYS", "BAYESIAN_PREDICTION_KINDS", "BAYESIAN_PREDICTION_KEYS"]

BAYESIAN_TOP_LEVEL_KEYS = (
    "title", "section", "description", "quotes", "assumptions", "players", "parameters", "prior", "payoffs",
    "predictions",
)
BAYESIAN_PLAYER_KEYS = ("name", "types", "actions", "description")
#: Keys of one ``[[prior]]`` entry (a joint prior); ``[prior]`` (a table) gives independent marginals instead.
JOINT_PRIOR_KEYS = ("types", "probability")
BAYESIAN_PAYOFF_KEYS = ("types", "profile", "values")
#: The claims a Bayesian model may make about its Bayesian Nash equilibria.
BAYESIAN_PREDICTION_KINDS = ("equilibrium", "unique_equilibrium", "not_equilibrium", "equilibrium_count")
BAYESIAN_PREDICTION_KEYS = ("kind", "profile", "count", "claim", "source", "quote", "at")


@dataclass(frozen=True, eq=False)
class BayesianFormulas:
    """The prior and payoffs of a Bayesian model file as written, read by sympy only when asked.

    Attributes
    ----------
    path : str or None
    title : str
    players : tuple of str
    types, actions : tuple of tuple of str
        Per player, in player order.
    parameters : tuple of str
    prior : mapping
        Joint: ``{type tuple: PayoffEntry}`` (profiles left out have 0);
        marginal: ``{player: {type: PayoffEntry}}``.
    joint : bool
        Which of the two ``prior`` is.
    payoffs : mapping
        ``{(type tuple, action tuple): (PayoffEntry, ...)}``, one entry per player.
    prior_line : int or None
        The line of the (first) prior table, for errors about the prior as a whole.
    payoffs_line : int or None
        The line of the first ``[[payoffs]]`` table.
    """

    path: str | None
    title: str
    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    parameters: tuple[str, ...]
    prior: Mapping
    joint: bool
    payoffs: Mapping
    prior_line: int | None = None
    payoffs_line: int | None = None

    def _build(self, convert, kind) -> BayesianGame:
        from ...bayesian.game import BayesianGame

        if self.joint:
            prior: dict = {t: convert(e, True) for t, e in self.prior.items()}
        else:
            prior = {p: {t: convert(e, True) for t, e in row.items()} for p, row in self.prior.items()}
        pay = {key: tuple(convert(e, False) for e in row) for key, row in self.payoffs.items()}
        try:
            return BayesianGame(self.players, dict(zip(self.players, self.types)),
                                dict(zip(self.players, self.actions)), prior, pay, self.title, kind)
        except InputError as exc:
            line = self.prior_line if exc.field == "prior" else self.payoffs_line
            raise exc.with_location(self.path, line) from None

    @cached_property
    def game(self) -> BayesianGame:
        """The game: symbolic when there are parameters (sympy), else numeric."""
        if not self.parameters:
            return self.game_at({})
        import sympy

        def symbolic(e: PayoffEntry, _prior: bool):
            if isinstance(e.value, Fraction):
                return sympy.Rational(e.value.numerator, e.value.denominator)
            return parse_expression(e.value, self.parameters, field=e.field, path=self.path, line=e.line)

        return self._build(symbolic, "symbolic")

    def game_at(self, values: Mapping[str, Fraction], exact: bool | None = None) -> BayesianGame:
        """The numeric game with every parameter at its value (``values``: every parameter, as Fractions).

        Exact unless ``exact`` is False or a payoff is irrational at these
        values (the prior must be rational: it is exact).

        Raises
        ------
        ModelError
            An entry that is not a finite real number at these values, an
            irrational prior, a prior negative or not summing to 1 there.
        """
        numbers: dict[int, Any] = {}
        rational = True
        entries = [(e, True) for e in self.prior_entries()]
        entries += [(e, False) for row in self.payoffs.values() for e in row]
        for e, prior in entries:
            if isinstance(e.value, Fraction):
                continue
            v = expression_value(e.value, values, field=e.field, path=self.path, line=e.line)
            if v is None:
                v = self._by_sympy(e, values)
            if not isinstance(v, Fraction):
                if prior:
                    raise ModelError(f"the prior probability {e.value!r} is irrational ({v}) at these values; the "
                                     "prior is exact", path=self.path, line=e.line, field=e.field)
                rational = False
            numbers[id(e)] = v
        if exact and not rational:
            raise InputError("some payoffs are irrational at these values; use exact=False", path=self.path,
                             field="exact")
        kind = "float" if exact is False or not rational else "exact"
        return self._build(lambda e, _prior: e.value if isinstance(e.value, Fraction) else numbers[id(e)], kind)

    def prior_entries(self):
        """Every prior entry as written (joint or marginal)."""
        if self.joint:
            yield from self.prior.values()
        else:
            for row in self.prior.values():
                yield from row.values()

    def _by_sympy(self, e: PayoffEntry, values: Mapping[str, Fraction]) -> Any:
        """The value of an entry that needs sympy: a Fraction, or a float if irrational."""
        import sympy

        assert isinstance(e.value, str)
        check_powers(e.value, values, field=e.field, path=self.path, line=e.line)
        expr = parse_expression(e.value, self.parameters, field=e.field, path=self.path, line=e.line)
        subs = {s: sympy.Rational(values[s.name].numerator, values[s.name].denominator) for s in expr.free_symbols}
        y = expr.xreplace(subs)
        if y.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or y.free_symbols or y.is_real is False:
            at = ", ".join(f"{k} = {v}" for k, v in values.items())
            raise ModelError(f"{e.value!r} is {y}, not a finite number, at {at}", path=self.path, line=e.line,
                             field=e.field)
        if y.is_Rational:
            return Fraction(int(y.p), int(y.q))
        return float(y)


@dataclass(frozen=True, eq=False)
class BayesianModel(ParametrizedModel):
    """A Bayesian game loaded from a model file, with its parameters and the article's claims.

    The counterpart of :class:`~gametheory.io.model.Model` for games of
    incomplete information: the same ``title``, ``section``,
    ``description``, ``quotes``, ``parameters``, ``assumption_texts`` /
    ``assumptions`` and ``predictions`` (kinds
    :data:`BAYESIAN_PREDICTION_KINDS`, profiles ``{player: {type: action or
    {action: p}}}``); instead of a normal-form game, :attr:`game` (a
    :class:`~gametheory.bayesian.game.BayesianGame`, symbolic when there are
    parameters) and :meth:`game_at`.
    """

    path: str | None
    id: str
    title: str
    section: str
    description: str
    quotes: tuple
    players: tuple
    types: tuple
    actions: tuple
    parameters: Mapping
    assumption_texts: tuple
    predictions: tuple
    formulas: BayesianFormulas = field(repr=False)
    assumptions_line: int | None = field(default=None, repr=False)

    @property
    def game(self) -> BayesianGame:
        """The Bayesian game; symbolic when there are parameters."""
        return self.formulas.game

    def game_at(self, values: Mapping | None = None, exact: bool | None = None) -> BayesianGame:
        """The numeric Bayesian game with every parameter at its default, overridden by ``values``.

        Parameters
        ----------
        values : mapping, optional
            ``{name: value}``; a value is a number or a rational string.
        exact : bool, optional
            Exact (Fractions) or float payoffs; default exact unless a value
            is a float or a payoff is irrational.  The prior is always exact.

        Raises
        ------
        InputError
            An undeclared parameter, a value that is not a number, an entry
            undefined at these values, or a prior that is negative or does not
            sum to 1 there (with this file and the entry's line).
        """
        given, any_float = exact_values(self.values(values))
        return self.formulas.game_at(given, exact=False if any_float and exact is None else exact)

    def _key(self) -> tuple:
        return (
            self.path, self.id, self.title, self.section, self.description, self.quotes, self.players, self.types,
            self.actions, dict(self.parameters), self.assumption_texts, self.predictions, self.game,
        )

    def _shown(self) -> object:
        return self.game

