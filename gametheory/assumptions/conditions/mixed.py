r"""Closed-form mixed equilibria on given supports, and the condition under which each is valid.

At most two players mix, with supports of equal size (the support-enumeration
systems of Dickhaut and Kaplan 1991; Nisan et al. 2007, sec. 3.3): each
mixer's probabilities make the other mixer indifferent on its support, a
linear system solved in closed form by sympy; the profile is an equilibrium
iff those probabilities are positive, no strategy outside a support does
better, and no pure player gains by deviating.  The system's determinant is
required non-zero.  Three or more mixers give polynomial systems (the
``enumpoly`` solver).

References
----------
J. Dickhaut and T. Kaplan, "A program for finding Nash equilibria",
*The Mathematica Journal* 1 (1991), 87-93.

N. Nisan, T. Roughgarden, E. Tardos and V. Vazirani (eds.), *Algorithmic Game
Theory*, Cambridge University Press, 2007, sec. 3.3.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from ...errors import InputError, UnsupportedGameError
from .atoms import Ranges, _atom
from .claims import Condition, MixedCondition
from .pure import _sym_payoffs
from .simplify import _Assumptions, _simplify_bool

if TYPE_CHECKING:
    import numpy as np
    import sympy

    from ...game import Game

__all__ = ["support_condition", "mixed_conditions", "support_count"]


def _tidy(e: sympy.Expr) -> sympy.Expr:
    """A rational function in its shortest of cancelled / factored forms."""
    import sympy

    cands = [sympy.cancel(e), sympy.factor(e)]
    num, den = sympy.fraction(sympy.cancel(e))
    cands.append(sympy.expand(-num) / sympy.expand(-den))
    return min(cands, key=lambda x: (sympy.count_ops(x), len(str(x))))


def _strategy_values(U: np.ndarray, probs: Sequence[Sequence[sympy.Expr]], i: int) -> list[sympy.Expr]:
    """Payoff of each pure strategy of player i against the others' probability vectors (sympy)."""
    import sympy

    n = len(probs)
    out = []
    for s in range(U.shape[i]):
        total = sympy.Integer(0)
        others = [range(U.shape[j]) for j in range(n) if j != i]
        for rest in itertools.product(*others):
            prof = rest[:i] + (s,) + rest[i:]
            w = sympy.Integer(1)
            for j in range(n):
                if j != i:
                    w = w * probs[j][prof[j]]
            if w != 0:
                total += w * U[prof][i]
        out.append(sympy.expand(total))
    return out


def support_condition(game: Game, support: Mapping[str, str | Sequence[str]], assumptions: Sequence[sympy.Basic] = (),
                      ranges: Ranges | None = None) -> MixedCondition:
    """Closed-form equilibrium with the given supports, and when it is valid.

    Supported: at most two players mix, with supports of equal size; the
    other players play one strategy each.  (Three or more mixers give
    polynomial systems: use the ``enumpoly`` solver.)

    Parameters
    ----------
    game : Game
    support : mapping player -> labels (a single label for a pure player)
    assumptions : sequence of sympy relations

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> V, c = sympy.symbols("V c", real=True)
    >>> stag = Game.from_bimatrix([[V - c, -c], [0, 0]], [[V - c, 0], [-c, 0]])
    >>> both = {"Player 1": ["1", "2"], "Player 2": ["1", "2"]}
    >>> mc = support_condition(stag, both, ranges={"V": (2, 6)})
    >>> mc.probabilities["Player 1"]["1"]
    c/V
    >>> print(mc.condition.expr)
    (V > c) & (c > 0)
    """
    import sympy

    U = _sym_payoffs(game)
    n = game.num_players
    sup = []
    for i, p in enumerate(game.players):
        if p not in support:
            raise InputError(f"no support given for player {p!r}", field="support")
        labs = support[p]
        labs = [labs] if isinstance(labs, str) else list(labs)
        idx = sorted({game.strategy_index(i, lab) for lab in labs})
        if not idx:
            raise InputError(f"empty support for player {p!r}", field="support")
        sup.append(idx)
    unknown = [p for p in support if p not in game.players]
    if unknown:
        raise InputError(f"unknown players {unknown}; players are {list(game.players)}", field="support")
    mixers = [i for i in range(n) if len(sup[i]) > 1]
    if len(mixers) == 1:
        raise UnsupportedGameError("only one player mixes: its mixture is not pinned down by indifference "
                                   "(a continuum); give two mixing players or a pure profile")
    if len(mixers) > 2:
        raise UnsupportedGameError("three or more players mix: the system is polynomial; use method 'enumpoly'")
    if mixers and len(sup[mixers[0]]) != len(sup[mixers[1]]):
        raise UnsupportedGameError("supports of unequal size (a degenerate game) have no unique closed form")
    probs: dict[int, list[sympy.Expr]] = {}  # player -> probability vector, filled in below
    conds = []
    for i in range(n):
        if i not in mixers:
            v = [sympy.Integer(0)] * game.shape[i]
            v[sup[i][0]] = sympy.Integer(1)
            probs[i] = v
    if mixers:
        a, b = mixers
        m = len(sup[a])
        for me, other in ((a, b), (b, a)):
            # other's probabilities make `me` indifferent on its support
            ys = sympy.symbols(f"_y0:{m}")
            vv = sympy.Symbol("_v")
            trial = {j: list(pv) for j, pv in probs.items()}
            vec = [sympy.Integer(0)] * game.shape[other]
            for k, j in enumerate(sup[other]):
                vec[j] = ys[k]
            trial[other] = vec
            for j in range(n):
                if j not in trial:
                    placeholder = [sympy.Integer(0)] * game.shape[j]
                    placeholder[sup[j][0]] = sympy.Integer(1)  # not used for `me`'s own payoff
                    trial[j] = placeholder
            vals = _strategy_values(U, [trial[j] for j in range(n)], me)
            eqs = [vals[s] - vv for s in sup[me]] + [sum(ys) - 1]
            M, rhs = sympy.linear_eq_to_matrix(eqs, list(ys) + [vv])
            det = sympy.factor(M.det())
            if det == 0:
                raise UnsupportedGameError(f"the indifference system of {game.players[me]} is singular for every "
                                           "parameter value (a degenerate game)")
            conds.append(_atom(det, "!="))
            sol = M.LUsolve(rhs)
            vec = [sympy.Integer(0)] * game.shape[other]
            for k, j in enumerate(sup[other]):
                vec[j] = _tidy(sol[k])
                conds.append(_atom(vec[j], ">"))
            probs[other] = vec
    full = [probs[i] for i in range(n)]  # every player's vector is known now
    values = [_strategy_values(U, full, i) for i in range(n)]
    pay = {}
    for i in range(n):
        base = values[i][sup[i][0]]
        pay[game.players[i]] = _tidy(base)
        for s in range(game.shape[i]):
            if s not in sup[i]:
                conds.append(_atom(base - values[i][s], ">="))
    ctx = _Assumptions.build(assumptions, ranges)
    expr = _simplify_bool(ctx.simplify(sympy.And(*conds)))
    labels = {game.players[i]: tuple(game.strategies[i][j] for j in sup[i]) for i in range(n)}
    prob_map = MappingProxyType({
        game.players[i]: MappingProxyType({game.strategies[i][j]: full[i][j] for j in range(game.shape[i])})
        for i in range(n)
    })
    text = "; ".join(f"{p}: {'/'.join(labs)}" for p, labs in labels.items())
    return MixedCondition(MappingProxyType(labels), prob_map, MappingProxyType(pay),
                          Condition(f"equilibrium with support {text}", expr, "", tuple(assumptions)))


def support_count(game: Game) -> int:
    """How many supports :func:`mixed_conditions` tries: pairs of equally many (>= 2) strategies of two players."""
    n1, n2 = game.shape
    return sum(math.comb(n1, m) * math.comb(n2, m) for m in range(2, min(n1, n2) + 1))


def mixed_conditions(game: Game, assumptions: Sequence[sympy.Basic] = (),
                     ranges: Ranges | None = None,
                     on_support: Callable[[], object] | None = None) -> tuple[MixedCondition, ...]:
    """Every two-player support with both players mixing over equally many strategies (>= 2).

    For 2x2 and 2xn games these are the closed forms of all non-degenerate
    mixed equilibria; a support whose system is singular for all parameter
    values is skipped.  ``on_support()`` is called after each support tried
    (:func:`support_count` of them), e.g. to advance a progress bar.
    """
    import sympy

    if game.num_players != 2:
        raise UnsupportedGameError("mixed_conditions enumerates two-player supports; use support_condition")
    out = []
    n1, n2 = game.shape
    for m in range(2, min(n1, n2) + 1):
        for rows in itertools.combinations(range(n1), m):
            for cols in itertools.combinations(range(n2), m):
                support = {game.players[0]: [game.strategies[0][i] for i in rows],
                           game.players[1]: [game.strategies[1][j] for j in cols]}
                try:
                    mc = support_condition(game, support, assumptions, ranges)
                except UnsupportedGameError:
                    mc = None
                if on_support is not None:
                    on_support()
                if mc is not None and mc.condition.expr != sympy.false:
                    out.append(mc)
    return tuple(out)
