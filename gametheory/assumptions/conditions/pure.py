r"""Conditions on the parameters under which a pure profile is a (strict, unique) Nash equilibrium.

For a game whose payoffs are sympy expressions in parameters :math:`\theta`,
the *Nash condition* of a pure profile :math:`s` is: for every player
:math:`i` and every other strategy :math:`t_i`,
:math:`u_i(s)(\theta) - u_i(t_i, s_{-i})(\theta) \ge 0` (strict ``> 0`` for a
strict equilibrium, where deviations that are payoff-identical as expressions
are ignored).

*Uniqueness among pure profiles* is the Nash condition of :math:`s` and the
negation of every other profile's.  It says nothing about mixed equilibria;
where :func:`.dominance.dominance_condition` holds the equilibrium is unique
outright, mixed ones included.

Every constructor takes the model's ``assumptions`` and optionally its
declared ``ranges`` (``{name: (lo, hi)}``), used as :mod:`.simplify` says.

References
----------
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sec. 1.2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from ...errors import InputError
from .atoms import Ranges, _atom, _negate
from .claims import Condition
from .simplify import _Assumptions, _simplify_bool

if TYPE_CHECKING:
    import sympy

    from ...game import Game

#: A pure profile: ``{player: label}``, or the labels in player order.
PureProfile: TypeAlias = Mapping[str, str] | Sequence[str]

__all__ = ["nash_condition", "unique_condition"]


def _sym_payoffs(game: Game) -> np.ndarray:
    """The payoff tensor as sympy expressions (numbers of an exact or float game converted)."""
    return game.to_symbolic().payoffs


def _profile_index(game: Game, profile: PureProfile) -> tuple[int, ...]:
    if isinstance(profile, Mapping):
        return game.profile_index(profile)
    labels = tuple(profile)
    if len(labels) != game.num_players:
        raise InputError(f"a profile names one strategy per player ({game.num_players}), got {list(labels)}",
                         field="profile")
    return tuple(game.strategy_index(i, lab) for i, lab in enumerate(labels))


def _profile_text(game: Game, idx: tuple[int, ...]) -> str:
    return "(" + ", ".join(game.strategies[i][j] for i, j in enumerate(idx)) + ")"


def _nash_expr(U: np.ndarray, idx: tuple[int, ...], strict: bool = False) -> sympy.Basic:
    import sympy

    parts = []
    for i in range(len(idx)):
        for t in range(U.shape[i]):
            if t == idx[i]:
                continue
            dev = idx[:i] + (t,) + idx[i + 1:]
            d = sympy.expand(U[idx][i] - U[dev][i])
            if strict and d == 0:
                continue  # a payoff-identical deviation cannot be strictly worse
            parts.append(_atom(d, ">" if strict else ">="))
    return sympy.And(*parts)


def nash_condition(game: Game, profile: PureProfile, assumptions: Sequence[sympy.Basic] = (), strict: bool = False,
                   ranges: Ranges | None = None) -> Condition:
    """Condition under which a pure ``profile`` is a Nash equilibrium.

    Parameters
    ----------
    game : Game
    profile : mapping player -> label, or sequence of labels in player order
    assumptions : sequence of sympy relations
        The model's assumptions (equalities are substituted, implied atoms dropped).
    strict : bool
        Strict equilibrium: every deviation strictly worse, except deviations
        whose payoff is the same expression (those are ignored).

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> c, v = sympy.symbols("c_cfe v_md", real=True)
    >>> pd = Game.from_bimatrix([[4 - c, -c], [4, 0]], [[3 - v, 3], [-v, 0]])
    >>> print(nash_condition(pd, ["2", "2"]).expr)
    (c_cfe >= 0) & (v_md >= 0)
    """
    U = _sym_payoffs(game)
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    expr = _simplify_bool(ctx.simplify(_nash_expr(U, idx, strict)))
    word = "a strict" if strict else "a"
    return Condition(f"{_profile_text(game, idx)} is {word} Nash equilibrium", expr, "", tuple(assumptions))


def unique_condition(game: Game, profile: PureProfile, assumptions: Sequence[sympy.Basic] = (),
                     ranges: Ranges | None = None) -> Condition:
    """Condition under which ``profile`` is the only pure equilibrium.

    The scope says "among pure profiles": mixed equilibria are not excluded by
    this condition; :func:`dominance_condition` gives a sufficient condition
    for uniqueness among all equilibria.
    """
    import sympy

    U = _sym_payoffs(game)
    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    parts = [ctx.simplify(_nash_expr(U, idx))]
    for other in np.ndindex(game.shape):
        if other != idx:
            ne = ctx.simplify(_nash_expr(U, other))
            parts.append(sympy.Or(*[_negate(a) for a in sympy.And.make_args(ne)]) if ne not in (sympy.true, sympy.false)
                         else sympy.Not(ne))
    expr = _simplify_bool(ctx.simplify(sympy.And(*parts)))
    return Condition(f"{_profile_text(game, idx)} is the unique pure equilibrium", expr,
                     "uniqueness among pure profiles only; see dominance_condition for full uniqueness",
                     tuple(assumptions))
