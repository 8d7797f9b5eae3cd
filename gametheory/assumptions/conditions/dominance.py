r"""Conditions on the parameters for iterated strict dominance (by pure strategies).

With :math:`E_k(s_i)` "strategy :math:`s_i` is eliminated within :math:`k`
rounds",

.. math:: E_k(s_i) = \bigvee_{t_i \ne s_i} \bigwedge_{s_{-i}}
   \Big(\bigvee_{j \ne i} E_{k-1}(s_j) \;\lor\; u_i(t_i, s_{-i}) > u_i(s_i, s_{-i})\Big),

:math:`E_0 = \text{false}`, iterated :math:`\sum_i n_i - N` times.  The order
of elimination does not matter (Gilboa, Kalai and Zemel 1990), so the
condition that only :math:`s` survives is also built, when small enough, as
the disjunction over elimination paths down to :math:`s`, which simplifies
better.  Where only :math:`s` survives it is the unique equilibrium, mixed
ones included: a strictly dominated strategy is never played in any
equilibrium (Fudenberg and Tirole 1991, sec. 2.1).

References
----------
I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated
strategies", *Operations Research Letters* 9 (1990), 85-89.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sec. 2.1.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from .atoms import Ranges, _atom
from .claims import Condition
from .pure import PureProfile, _profile_index, _profile_text, _sym_payoffs
from .simplify import _Assumptions, _prune, _simplify_bool

if TYPE_CHECKING:
    import sympy

    from ...game import Game

__all__ = ["dominance_condition", "survives_dominance_condition"]

_Remaining: TypeAlias = tuple[frozenset[int], ...]  # the strategies left to each player


def _eliminated(game: Game, ctx: _Assumptions) -> list[list[sympy.Basic]]:
    """``E[i][s]``: strategy s of player i is removed by iterated strict dominance."""
    import sympy

    U = _sym_payoffs(game)
    n = game.num_players
    shape = game.shape
    E = [[sympy.false] * shape[i] for i in range(n)]
    for _ in range(max(1, sum(shape) - n)):
        new = []
        for i in range(n):
            row = []
            others = [range(shape[j]) for j in range(n) if j != i]
            for s in range(shape[i]):
                options = []
                for t in range(shape[i]):
                    if t == s:
                        continue
                    terms = []
                    for rest in itertools.product(*others):
                        prof_s = rest[:i] + (s,) + rest[i:]
                        prof_t = rest[:i] + (t,) + rest[i:]
                        gone = [E[j][prof_s[j]] for j in range(n) if j != i]
                        terms.append(sympy.Or(*gone, _atom(U[prof_t][i] - U[prof_s][i], ">")))
                    options.append(sympy.And(*terms))
                row.append(ctx.simplify(sympy.Or(*options)))
            new.append(row)
        if new == E:
            break
        E = new
    return E


def _absorb(conjs: list[frozenset[sympy.Basic]]) -> list[frozenset[sympy.Basic]]:
    """Drop conjunctions that contain another (A or (A and B) == A)."""
    out: list[frozenset[sympy.Basic]] = []
    for c in sorted(set(conjs), key=len):
        if not any(o <= c for o in out):
            out.append(c)
    return out


def _dominance_dnf(game: Game, idx: tuple[int, ...], ctx: _Assumptions,
                   limit: int = 20000) -> list[frozenset[sympy.Basic]] | None:
    """Elimination paths down to ``idx`` as a DNF: a list of frozensets of atoms, or None if too many."""
    import sympy

    U = _sym_payoffs(game)
    n = game.num_players
    memo: dict[_Remaining, list[frozenset[sympy.Basic]]] = {}

    def dominated(i: int, s: int, t: int, R: _Remaining) -> frozenset[sympy.Basic] | None:
        atoms = []
        others = [sorted(R[j]) for j in range(n) if j != i]
        for rest in itertools.product(*others):
            ps = rest[:i] + (s,) + rest[i:]
            pt = rest[:i] + (t,) + rest[i:]
            a = ctx.simplify(_atom(U[pt][i] - U[ps][i], ">"))
            if a == sympy.false:
                return None
            if a != sympy.true:
                atoms.append(a)
        return frozenset(atoms)

    def rec(R: _Remaining) -> list[frozenset[sympy.Basic]]:
        if all(R[i] == frozenset({idx[i]}) for i in range(n)):
            return [frozenset()]
        if R in memo:
            return memo[R]
        out: list[frozenset[sympy.Basic]] = []
        for i in range(n):
            for s_ in R[i]:
                if s_ == idx[i]:
                    continue
                for t in R[i]:
                    if t == s_:
                        continue
                    d = dominated(i, s_, t, R)
                    if d is None:
                        continue
                    R2 = tuple(R[j] - {s_} if j == i else R[j] for j in range(n))
                    for c in rec(R2):
                        out.append(d | c)
                    if len(out) > limit:
                        raise OverflowError
        memo[R] = _absorb(out)
        return memo[R]

    try:
        return rec(tuple(frozenset(range(k)) for k in game.shape))
    except OverflowError:
        return None


def dominance_condition(game: Game, profile: PureProfile, assumptions: Sequence[sympy.Basic] = (),
                        ranges: Ranges | None = None) -> Condition:
    """Condition under which iterated strict dominance leaves exactly ``profile``.

    Where it holds, ``profile`` is the game's unique equilibrium, mixed ones included.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> c = sympy.Symbol("c", real=True)
    >>> g = Game.from_bimatrix([[1 - c, -c], [1, 0]], [[1, 2], [0, 3]])
    >>> print(dominance_condition(g, ["2", "2"]).expr)
    c > 0
    """
    import sympy

    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    dnf = _dominance_dnf(game, idx, ctx)
    if dnf is not None:
        # one conjunction per elimination order (iterated strict dominance is order independent)
        expr = _prune(sympy.Or(*[sympy.And(*c) for c in dnf]))
    else:
        E = _eliminated(game, ctx)
        parts = [E[i][t] for i in range(game.num_players) for t in range(game.shape[i]) if t != idx[i]]
        parts += [sympy.Not(E[i][idx[i]]) for i in range(game.num_players)]
        expr = ctx.simplify(sympy.And(*parts))
    expr = _simplify_bool(expr)
    return Condition(f"iterated strict dominance leaves only {_profile_text(game, idx)}", expr,
                     "unique equilibrium, mixed ones included", tuple(assumptions))


def survives_dominance_condition(game: Game, profile: PureProfile, assumptions: Sequence[sympy.Basic] = (),
                                 ranges: Ranges | None = None) -> Condition:
    """Condition under which no strategy of ``profile`` is removed by iterated strict dominance."""
    import sympy

    idx = _profile_index(game, profile)
    ctx = _Assumptions.build(assumptions, ranges)
    E = _eliminated(game, ctx)
    expr = _simplify_bool(ctx.simplify(sympy.And(*[sympy.Not(E[i][idx[i]]) for i in range(game.num_players)])))
    return Condition(f"{_profile_text(game, idx)} survives iterated strict dominance", expr, "", tuple(assumptions))
