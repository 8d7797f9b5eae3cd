r"""The Harsanyi-Selten type-agent normal form of a Bayesian game, and solving a Bayesian game with it.

In the type-agent form (Selten's agent form of Harsanyi's game; Myerson 1991,
§2.8) each type :math:`t_i` of positive marginal probability :math:`p_i(t_i)`
becomes a player of its own, the agent ``"i (t_i)"``, whose strategies are
player :math:`i`'s actions and whose payoff is its conditional expected payoff

.. math::

   v_{i,t_i}(s) = \sum_{t_{-i}} \frac{p(t_i, t_{-i})}{p_i(t_i)}\,
       u_i\bigl(t_i, t_{-i};\ s_{1,t_1}, \dots, s_{N,t_N}\bigr),

where :math:`s_{j,t_j}` is the action of agent :math:`(j, t_j)`.  A profile
of the agents is a Nash equilibrium of this game exactly when the
type-contingent strategies it defines are a Bayesian Nash equilibrium: each
agent's payoff depends on its own action only through the terms of its own
type, which are its interim payoff (:mod:`gametheory.bayesian.game`).  So
every method of :data:`gametheory.METHODS` that computes Nash equilibria
computes Bayesian equilibria, with the same guarantees (complete, exact).

:func:`solve_bayesian` runs :func:`gametheory.solve` on the type-agent form
and reports each equilibrium as type-contingent strategies
``{player: {type: {action: p}}}`` with each type's interim payoff and
regret, the regrets recomputed from the Bayesian game by
:meth:`BayesianGame.regrets <gametheory.bayesian.game.BayesianGame.regrets>`
and checked before the result is built.

References
----------
J. C. Harsanyi, "Games with incomplete information played by 'Bayesian'
players, I-III", *Management Science* 14 (1967-68).

R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55
(the agent normal form).

R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard University Press,
1991, §2.8 (the type-agent representation).

Examples
--------
A one-sided battle of the sexes (Osborne 2004, ch. 9): player 2 wishes to
meet (``meet``) or to avoid (``avoid``) player 1, each with probability 1/2.

>>> from gametheory.bayesian.game import BayesianGame
>>> meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
>>> avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
>>> bos = BayesianGame(["P1", "P2"], {"P1": ["-"], "P2": ["meet", "avoid"]},
...                    {"P1": ["B", "S"], "P2": ["B", "S"]}, {"P2": {"meet": "1/2", "avoid": "1/2"}},
...                    {**{(("-", "meet"), a): v for a, v in meet.items()},
...                     **{(("-", "avoid"), a): v for a, v in avoid.items()}})
>>> type_agent_form(bos).players
('P1 (-)', 'P2 (meet)', 'P2 (avoid)')
>>> result = solve_bayesian(bos, method="pure")
>>> [str(eq) for eq in result]
['P1: - -> B; P2: meet -> B, avoid -> S']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from types import MappingProxyType
from typing import Any

import numpy as np

from ..cost import check_cost
from ..errors import GameTheoryError, InputError
from ..game import MAX_PLAYERS, Game
from ..game_text import mix_text
from ..numbers import format_number, is_sympy
from ..result import SolveResult, json_number
from .game import BayesianGame

__all__ = ["type_agent_form", "agent_name", "solve_bayesian", "BayesianEquilibrium", "BayesianSolveResult"]


def agent_name(player: str, type_label: str) -> str:
    """The name of the type-agent of ``player`` with type ``type_label``: ``"player (type)"``."""
    return f"{player} ({type_label})"


def _agents(bgame: BayesianGame) -> list[tuple[int, str]]:
    """``(player index, type)`` of every agent, players in order, types in order, positive marginals only."""
    return [(i, t) for i, p in enumerate(bgame.players) for t in bgame.positive_types(p)]


def type_agent_form(bgame: BayesianGame, *, max_cost=None) -> Game:
    """The type-agent normal form of ``bgame``: one player per type of positive probability.

    Parameters
    ----------
    bgame : BayesianGame
    max_cost : int, optional
        Limit on the work (payoff entries times type profiles), see :mod:`gametheory.cost`.

    Returns
    -------
    Game
        Players ``"player (type)"`` (:func:`agent_name`), strategies the
        player's actions, payoffs the agents' conditional expected payoffs;
        of the kind of ``bgame`` (symbolic for a symbolic game).

    Raises
    ------
    InputError
        More agents than a game may have, or two agents with one name.
    CostLimitError
        If the estimated work exceeds ``max_cost``.
    """
    if not isinstance(bgame, BayesianGame):
        raise InputError(f"expected a BayesianGame, got {type(bgame).__name__}", field="game")
    agents = _agents(bgame)
    names = [agent_name(bgame.players[i], t) for i, t in agents]
    if len(agents) > MAX_PLAYERS:
        raise InputError(f"the type-agent form has {len(agents)} agents (one per type); a game has at most "
                         f"{MAX_PLAYERS} players", field="types")
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InputError(f"two type-agents would be named {dup!r}; rename a player or a type", field="types")
    shape = tuple(len(bgame.actions(bgame.players[i])) for i, _ in agents)
    states = [t for t in bgame.type_profiles() if not _is_zero(bgame.prior(t))]
    check_cost(prod(shape) * len(agents) * max(1, len(states)), max_cost, "type-agent form",
               f"{prod(shape)} agent profiles x {len(agents)} agents x {len(states)} type profiles")
    axis = {a: k for k, a in enumerate(agents)}
    out = np.empty(shape + (len(agents),), dtype=object)
    out[...] = 0
    for t in states:
        q = bgame.prior(t)
        g = bgame.state_game(t)
        # the agents of this type profile, one per player, in player order: their axes increase with i,
        # so player i's action axis of the state game reshapes onto agent (i, t_i)'s axis
        view = [1] * len(agents)
        for i, ti in enumerate(t):
            view[axis[(i, ti)]] = shape[axis[(i, ti)]]
        for i, ti in enumerate(t):
            k = axis[(i, ti)]
            weight = q / bgame.marginal(bgame.players[i], ti)
            out[..., k] = out[..., k] + weight * np.asarray(g.payoffs[..., i], dtype=object).reshape(view)
    if bgame.kind == "symbolic":
        out = np.vectorize(lambda x: x.expand() if is_sympy(x) else x, otypes=[object])(out)
    strategies = [bgame.actions(bgame.players[i]) for i, _ in agents]
    return Game(out, names, strategies, bgame.title, bgame.kind)


def _by_type(values: Mapping) -> str:
    """``{player: {type: v}}`` as ``"P1: t 1; P2: a 0, b 1/2"``."""
    return "; ".join(f"{p}: " + ", ".join(f"{t} {format_number(v)}" for t, v in row.items())
                     for p, row in values.items())


def _is_zero(q: Any) -> bool:
    return bool(q.is_zero) if is_sympy(q) else q == 0


@dataclass(frozen=True)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium as type-contingent strategies, with its certificate.

    Attributes
    ----------
    strategies : mapping
        ``{player: {type: {action: p}}}`` for the types of positive probability.
    payoffs : mapping
        ``{player: {type: interim expected payoff}}``.
    ex_ante : mapping
        ``{player: expected payoff before the types are drawn}``.
    regret : mapping
        ``{player: {type: gain of the best deviation}}`` (the certificate: 0 when exact).
    """

    strategies: Mapping[str, Mapping[str, Mapping[str, Any]]]
    payoffs: Mapping[str, Mapping[str, Any]]
    ex_ante: Mapping[str, Any]
    regret: Mapping[str, Mapping[str, Any]]

    @property
    def max_regret(self) -> Any:
        """The largest regret of any type: the equilibrium's certificate."""
        return max(r for row in self.regret.values() for r in row.values())

    @property
    def is_pure(self) -> bool:
        """Whether every type plays one action."""
        return all(sum(1 for q in mix.values() if q > 0) == 1 for row in self.strategies.values()
                   for mix in row.values())

    def __str__(self) -> str:
        return "; ".join(f"{p}: " + ", ".join(f"{t} -> {mix_text(mix)}" for t, mix in row.items())
                         for p, row in self.strategies.items())

    def to_json(self, exact: bool) -> dict:
        """Strict JSON, exact numbers as strings when ``exact``."""

        def num(x):
            return json_number(x, exact)

        return {
            "strategies": {p: {t: {a: num(q) for a, q in mix.items()} for t, mix in row.items()}
                           for p, row in self.strategies.items()},
            "payoffs": {p: {t: num(v) for t, v in row.items()} for p, row in self.payoffs.items()},
            "ex_ante": {p: num(v) for p, v in self.ex_ante.items()},
            "regret": {p: {t: num(v) for t, v in row.items()} for p, row in self.regret.items()},
        }


@dataclass(frozen=True)
class BayesianSolveResult:
    """The Bayesian equilibria of a Bayesian game, found on its type-agent form.

    Attributes
    ----------
    game : BayesianGame
    agent_result : SolveResult
        The result of :func:`gametheory.solve` on the type-agent form
        (``agent_result.game``), whose equilibria these are, in the same order.
    equilibria : tuple of BayesianEquilibrium
    method, complete, exact, tol, diagnostics
        As in :class:`~gametheory.SolveResult`; ``complete`` is the method's
        guarantee on the type-agent form, which carries over.
    """

    game: BayesianGame
    agent_result: SolveResult
    equilibria: tuple[BayesianEquilibrium, ...]
    diagnostics: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for k, eq in enumerate(self.equilibria):
            if eq.max_regret > self.tol:
                raise GameTheoryError(f"internal error: Bayesian equilibrium {k + 1} has a type with regret "
                                      f"{float(eq.max_regret):.3g} > tolerance {float(self.tol):.3g}")

    @property
    def method(self) -> str:
        """The method run on the type-agent form."""
        return self.agent_result.method

    @property
    def complete(self) -> bool:
        """Whether every equilibrium is listed (the method's guarantee on the type-agent form)."""
        return self.agent_result.complete

    @property
    def exact(self) -> bool:
        """Whether the equilibria and certificates are exact."""
        return self.agent_result.exact

    @property
    def tol(self) -> Any:
        """The largest regret accepted (0 when exact)."""
        return self.agent_result.tol

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> BayesianEquilibrium:
        return self.equilibria[k]

    def __str__(self) -> str:
        g = self.game
        complete = "yes, every equilibrium is listed" if self.complete else "no, other equilibria may exist"
        arithmetic = "exact" if self.exact else f"float, tolerance {format_number(self.tol)}"
        lines = [f"Bayesian game: {g.title}" if g.title else "Bayesian game",
                 "types: " + "; ".join(f"{p}: {', '.join(g.types(p))}" for p in g.players),
                 f"method: {self.method} on the type-agent form ({arithmetic})",
                 f"complete: {complete}", f"Bayesian equilibria: {len(self.equilibria)}"]
        for k, eq in enumerate(self.equilibria, 1):
            lines.append(f"  {k}. {eq}")
            lines.append(f"     interim payoffs: {_by_type(eq.payoffs)}")
            lines.append("     ex ante: " + ", ".join(f"{p} {format_number(v)}" for p, v in eq.ex_ante.items()))
            lines.append(f"     regret: {_by_type(eq.regret)}")
        diagnostics = (*self.agent_result.diagnostics, *self.diagnostics)
        if diagnostics:
            lines.append("diagnostics:")
            lines += [f"  - {d}" for d in diagnostics]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings such as ``"1/3"``, labels as keys."""
        g = self.game
        doc: dict[str, Any] = {
            "game": {
                "title": g.title,
                "players": list(g.players),
                "types": {p: list(g.types(p)) for p in g.players},
                "actions": {p: list(g.actions(p)) for p in g.players},
                "prior": [{"types": {p: t for p, t in zip(g.players, tp)}, "probability": str(g.prior(tp))}
                          for tp in g.type_profiles() if not _is_zero(g.prior(tp))],
            },
            "method": self.method,
            "complete": bool(self.complete),
            "exact": bool(self.exact),
            **({} if self.exact else {"tolerance": float(self.tol)}),
            "equilibria": [eq.to_json(self.exact) for eq in self.equilibria],
            "diagnostics": [*self.agent_result.diagnostics, *self.diagnostics],
        }
        if self.agent_result.components:
            doc["components"] = [list(c) for c in self.agent_result.components]
        return doc


def solve_bayesian(bgame: BayesianGame, method: str = "auto", exact: bool | None = None,
                   **options: Any) -> BayesianSolveResult:
    """The Bayesian Nash equilibria of ``bgame``: :func:`gametheory.solve` on its type-agent form.

    Parameters
    ----------
    bgame : BayesianGame
        Numeric (substitute a symbolic game's parameters first).
    method : str
        ``"auto"`` or a Nash method of :data:`gametheory.METHODS` (``pure``,
        ``enumpoly``, ``gnm``, ``logit``; with one agent per player, also the
        two-player methods).  ``"correlated"`` is refused: its answer is a
        distribution over the agents' profiles, not type-contingent strategies.
    exact : bool, optional
        Force exact or float arithmetic, as in :func:`gametheory.solve`.
    **options
        Passed to the method (``max_cost`` also bounds building the type-agent form).

    Returns
    -------
    BayesianSolveResult

    Raises
    ------
    InputError, UnsupportedGameError, CostLimitError
        As :func:`gametheory.solve`; UnsupportedGameError for a symbolic game.
    """
    from ..solvers import solve

    if not isinstance(bgame, BayesianGame):
        raise InputError(f"expected a BayesianGame, got {type(bgame).__name__}", field="game")
    if method == "correlated":
        raise InputError("method 'correlated' gives a distribution over the type-agents' profiles, not "
                         "type-contingent strategies; solve type_agent_form(game) with it directly", field="method")
    bgame._require_numeric(f"method {method!r}")
    agent_game = type_agent_form(bgame, max_cost=options.get("max_cost"))
    result = solve(agent_game, method, exact, **options)
    if not isinstance(result, SolveResult):  # pragma: no cover - only 'correlated' returns another type
        raise InputError(f"method {method!r} does not give Nash equilibria", field="method")
    agents = _agents(bgame)
    skipped = [f"{p} ({t})" for p in bgame.players for t in bgame.types(p) if t not in bgame.positive_types(p)]
    equilibria = []
    for eq in result.equilibria:
        mixes = eq.profile.as_dict()
        strategies: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in bgame.players}
        for (i, t), name in zip(agents, agent_game.players):
            strategies[bgame.players[i]][t] = mixes[name]
        regret = bgame.regrets(strategies)  # from the Bayesian game itself: the certificate
        interim = {p: {t: eq.payoffs[agent_name(p, t)] for t in strategies[p]} for p in bgame.players}
        ex_ante = {p: sum((bgame.marginal(p, t) * v for t, v in interim[p].items()), Fraction(0))
                   for p in bgame.players}
        equilibria.append(BayesianEquilibrium(
            MappingProxyType({p: MappingProxyType({t: MappingProxyType(m) for t, m in row.items()})
                              for p, row in strategies.items()}),
            MappingProxyType({p: MappingProxyType(row) for p, row in interim.items()}),
            MappingProxyType(ex_ante),
            MappingProxyType({p: MappingProxyType(row) for p, row in regret.items()}),
        ))
    diagnostics = (f"types of prior probability 0 have no agent and no strategy: {', '.join(skipped)}",) \
        if skipped else ()
    return BayesianSolveResult(bgame, result, tuple(equilibria), diagnostics)
