r"""Optimal penal codes with stick-and-carrot punishments (Abreu 1988), solved exactly in the discount factor.

A *simple penal code* (Abreu 1988) for a two-player game is a target path
:math:`Q^0` (here the pure profile :math:`a^*` in every round) and one
punishment path :math:`Q^i` per player: whoever deviates alone from whatever
path is being played, :math:`Q^i` starts (again) from its first round when
:math:`i` is the deviator.  Abreu shows that every subgame-perfect outcome is
sustained by a simple penal code whose punishments are the worst subgame-perfect
paths for each player, so the harshest credible punishments lower the
discount factor a target needs.

This module searches the *stick-and-carrot* family with pure punishments:
:math:`Q^i` plays a pure profile :math:`s^i` (the stick) for :math:`L_i`
rounds, :math:`1 \le L_i \le` ``max_stick``, then returns to :math:`a^*` (the
carrot); it also allows :math:`L_i = \infty` when :math:`s^i` is a pure stage
equilibrium (Nash reversion, grim trigger with a pure punishment).  By the
one-shot deviation principle a code is subgame perfect iff no player gains
by one deviation in any phase, each deviation followed by the deviator's own
punishment.  With normalised values, in phase :math:`t < L_i` of :math:`Q^i`
player :math:`k` gets

.. math:: V_k(Q^i, t) = (1-\delta^{L_i - t})\, u_k(s^i) + \delta^{L_i - t} u_k(a^*),

the punishment is worth :math:`W_k = V_k(Q^k, 0)` to the punished player, and the conditions are

.. math::
   u_k(a^*) &\ge (1-\delta) \max_{a_k \ne a^*_k} u_k(a_k, a^*_{-k}) + \delta W_k
      \quad \text{(on the target path, and in every carrot round)}, \\
   V_k(Q^i, t) &\ge (1-\delta) \max_{a_k \ne s^i_k} u_k(a_k, s^i_{-k}) + \delta W_k
      \quad (t = 0, \dots, L_i - 1;\ k = i \text{ and the punisher}).

Each is a polynomial inequality in :math:`\delta` with rational coefficients;
:func:`gametheory.repeated.discount.delta_set` solves it exactly (real roots
isolated exactly).  The code's set of discount factors is the intersection
of its conditions; the family's is the union over every choice of sticks and
lengths, and ``delta_min`` is its infimum, with the code that attains it.

A three-action example in the style of Abreu (1988) (the tests derive it by
hand) shows why this matters: reverting to the stage equilibrium needs
:math:`\delta \ge 5/8`; a one-round stick in which the punisher plays its
harshest action and the punished player accepts -4 where its best reply would
give 0 (it does, to get the carrot back) needs only :math:`\delta \ge 5/14`.

References
----------
D. Abreu, "On the theory of infinitely repeated games with discounting",
*Econometrica* 56 (1988) 383-396.

D. Abreu, "Extremal equilibria of oligopolistic supergames", *Journal of
Economic Theory* 39 (1986) 191-225 (stick-and-carrot punishments).

G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press (2006), sections 2.6-2.7.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
>>> code = optimal_penal_code(pd, {"Player 1": "C", "Player 2": "C"})
>>> code.delta_min, code.grim_delta_min       # Nash reversion is in the family and is best here
(Fraction(1, 2), Fraction(1, 2))
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..cost import check_cost
from ..errors import InputError, UnsupportedGameError
from ..game import Game, require_game
from .discount import DeltaSet, delta_set, delta_symbol, delta_text
from .grim import grim_trigger
from .stage import stage_equilibria

if TYPE_CHECKING:
    import sympy

__all__ = ["Punishment", "PenalCode", "optimal_penal_code"]


@dataclass(frozen=True)
class Punishment:
    """One player's punishment path: the stick profile for ``length`` rounds, then back to the target.

    Attributes
    ----------
    player : str
        The punished player (the deviator).
    stick : mapping
        ``{player: label}``, the pure profile played during the stick.
    length : int or None
        Rounds of stick; None means for ever (Nash reversion: the stick is a pure stage equilibrium).
    """

    player: str
    stick: Mapping[str, str]
    length: int | None

    def to_json(self) -> dict:
        return {"player": self.player, "stick": dict(self.stick), "length": self.length}

    def __str__(self) -> str:
        stick = ", ".join(f"{p} plays {s}" for p, s in self.stick.items())
        if self.length is None:
            return f"after {self.player} deviates: ({stick}) for ever (a stage equilibrium)"
        rounds = "1 round" if self.length == 1 else f"{self.length} rounds"
        return f"after {self.player} deviates: ({stick}) for {rounds}, then back to the target"


@dataclass(frozen=True)
class PenalCode:
    """The smallest discount factor at which a stick-and-carrot simple penal code sustains a target.

    Attributes
    ----------
    target : mapping
        ``{player: label}``.
    delta_min
        The infimum of :attr:`delta_set` (a Fraction, or a sympy algebraic number), None when empty.
    delta_set : DeltaSet
        The discount factors at which *some* code of the searched family is subgame perfect.
    punishments : mapping
        ``{player: Punishment}`` of a code attaining ``delta_min`` (shortest sticks first on ties);
        empty when no code works.  A player with a single strategy never deviates and has none.
    code_delta_set : DeltaSet
        The discount factors at which that code is subgame perfect.
    grim_delta_min
        Grim trigger's threshold (reversion to the worst stage equilibrium, mixed ones included), for comparison.
    max_stick : int
    codes_checked : int
    note : str
        The family searched, exactly.
    """

    target: Mapping[str, str]
    delta_min: Any
    delta_set: DeltaSet
    punishments: Mapping[str, Punishment]
    code_delta_set: DeltaSet
    grim_delta_min: Any
    max_stick: int
    codes_checked: int
    note: str

    @property
    def sustainable(self) -> bool:
        return not self.delta_set.is_empty

    def to_json(self) -> dict:
        return {
            "target": dict(self.target),
            "delta_min": None if self.delta_min is None else delta_text(self.delta_min),
            "delta_min_float": None if self.delta_min is None else float(self.delta_min),
            "sustainable": self.sustainable,
            "delta_set": self.delta_set.to_json(),
            "punishments": {p: pun.to_json() for p, pun in self.punishments.items()},
            "code_delta_set": self.code_delta_set.to_json(),
            "grim_delta_min": None if self.grim_delta_min is None else delta_text(self.grim_delta_min),
            "max_stick": self.max_stick,
            "codes_checked": self.codes_checked,
            "note": self.note,
        }

    def __str__(self) -> str:
        target = ", ".join(f"{p} plays {s}" for p, s in self.target.items())
        lines = [f"optimal stick-and-carrot penal code for ({target}):"]
        if self.delta_min is None:
            lines.append("  no code of the family sustains it for any discount factor below 1")
        else:
            lines.append(f"  subgame perfect for δ in {self.delta_set}; smallest δ {delta_text(self.delta_min)}")
            lines.extend("  " + str(p) for p in self.punishments.values())
        if self.grim_delta_min is not None:
            lines.append(f"  (grim trigger needs δ >= {delta_text(self.grim_delta_min)})")
        else:
            lines.append("  (grim trigger sustains it for no δ < 1)")
        lines.append("  " + self.note)
        return "\n".join(lines)


# an option for one player's punishment: (stick profile as index tuple, length or None for ever)
_Option = tuple[tuple[int, ...], int | None]


def _rational(x: Fraction) -> sympy.Rational:
    import sympy

    return sympy.Rational(x.numerator, x.denominator)


def optimal_penal_code(game: Game, target: Mapping[str, str], *, max_stick: int = 1,
                       max_cost: float | None = None) -> PenalCode:
    """The smallest δ at which a stick-and-carrot simple penal code with pure punishments sustains ``target``.

    Parameters
    ----------
    game : Game
        A two-player numeric game (float payoffs are read as their shortest decimals).
    target : mapping
        ``{player: strategy label}``, played in every round on the path.
    max_stick : int
        The longest stick tried (each player's stick lasts 1..max_stick rounds, or
        for ever when it is a pure stage equilibrium).
    max_cost : float, optional
        Limit on the estimated work (codes times conditions); see :mod:`gametheory.cost`.

    Returns
    -------
    PenalCode

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or has parameters.
    InputError
        For an unknown label or a ``max_stick`` below 1.
    CostLimitError
        If the family is too large for ``max_cost``.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> optimal_penal_code(g, {"Player 1": "1", "Player 2": "1"}).delta_min  # a stage equilibrium
    Fraction(0, 1)
    """
    import sympy

    game = require_game(game)
    if game.num_players != 2:
        raise UnsupportedGameError(f"optimal penal codes are computed for two-player games; this game has "
                                   f"{game.num_players} players (use grim_trigger)")
    game.require_numeric("an optimal penal code")
    if isinstance(max_stick, bool) or not isinstance(max_stick, int) or max_stick < 1:
        raise InputError(f"max_stick must be a positive integer, got {max_stick!r}", field="max_stick")
    if not game.is_exact:
        game = game.to_exact()
    if not isinstance(target, Mapping):
        raise InputError(f"a target profile is a mapping {{player: strategy label}}, got {type(target).__name__}",
                         field="profile")
    star = game.profile_index(target)
    players = game.players
    tgt = {p: game.strategies[i][j] for i, (p, j) in enumerate(zip(players, star))}
    profiles = list(itertools.product(*(range(n) for n in game.shape)))
    pure_ne = [tuple(int(v.tolist().index(1)) for v in e.vectors) for e in stage_equilibria(game) if e.is_pure]
    movers = [k for k in range(2) if game.shape[k] > 1]
    options: dict[int, list[_Option]] = {
        k: ([(a, L) for L in range(1, max_stick + 1) for a in profiles] + [(a, None) for a in pure_ne])
        if k in movers else [] for k in range(2)
    }
    n_codes = 1
    for k in movers:
        n_codes *= len(options[k])
    # the work is the exact root isolations: one per option for its own conditions and one per (stick, punisher
    # value) pair, each of degree up to max_stick + 1, about 1e5 elementary steps (7 ms here) apiece
    n_opts = max((len(options[k]) for k in movers), default=0)
    check_cost((2 * n_opts + 2 * n_opts ** 2) * (max_stick + 1) * 10**5, max_cost, "penal code",
               f"{n_codes} stick-and-carrot codes with sticks up to {max_stick} rounds")

    d = delta_symbol()
    pay = game.payoffs

    def u(k: int, a: tuple[int, ...]) -> sympy.Rational:
        return _rational(pay[a + (k,)])

    def best_dev(k: int, a: tuple[int, ...]) -> sympy.Rational:
        """Player k's best payoff from another action against the others' part of ``a``."""
        return max(u(k, a[:k] + (s,) + a[k + 1:]) for s in range(game.shape[k]) if s != a[k])

    def value(k: int, opt: _Option, t: int) -> sympy.Expr:
        """V_k on the path of ``opt`` from its phase ``t``."""
        a, L = opt
        if L is None:
            return u(k, a)
        w = d ** (L - t)
        return (1 - w) * u(k, a) + w * u(k, star)

    def W(k: int, opt: _Option) -> sympy.Expr:
        return value(k, opt, 0)

    def path_conditions(k: int, opt: _Option, w_k: sympy.Expr) -> list[sympy.Expr]:
        """Player k's one-shot deviation conditions in every stick phase of ``opt``, punished with value ``w_k``."""
        a, L = opt
        dev = best_dev(k, a)
        return [sympy.expand(value(k, opt, t) - (1 - d) * dev - d * w_k) for t in range(1 if L is None else L)]

    # the conditions that depend on one player's own punishment only: the target path (and every carrot
    # round, which is the same) and the punished player's own stick phases
    own: dict[tuple[int, _Option], DeltaSet] = {}
    for k in movers:
        dev_star = best_dev(k, star)
        for opt in options[k]:
            w = W(k, opt)
            conds = [sympy.expand(u(k, star) - (1 - d) * dev_star - d * w), *path_conditions(k, opt, w)]
            own[(k, opt)] = delta_set(weak=conds)
    # the punisher's conditions on the other's stick: depend on the stick and on the punisher's own value W
    punisher: dict[tuple[int, _Option, sympy.Expr], DeltaSet] = {}

    def punisher_set(j: int, opt_i: _Option, w_j: sympy.Expr) -> DeltaSet:
        key = (j, opt_i, w_j)
        if key not in punisher:
            punisher[key] = delta_set(weak=path_conditions(j, opt_i, w_j))
        return punisher[key]

    best: tuple | None = None
    union = DeltaSet(())
    checked = 0
    choices: list[list[_Option | None]] = [list(options[k]) if k in movers else [None] for k in range(2)]
    for o0, o1 in itertools.product(*choices):
        checked += 1
        code: dict[int, _Option] = {k: o for k, o in ((0, o0), (1, o1)) if o is not None}
        s = DeltaSet.everything()
        for k in movers:
            s = s.intersection(own[(k, code[k])])
            if s.is_empty:
                break
        if s.is_empty:
            continue
        # the punisher j on player i's stick (when j can move), punished with j's own code
        for i in movers:
            j = 1 - i
            if j in movers:
                s = s.intersection(punisher_set(j, code[i], sympy.expand(W(j, code[j]))))
                if s.is_empty:
                    break
        if s.is_empty:
            continue
        union = union.union(s)
        length = sum(max_stick + 1 if o[1] is None else o[1] for o in (o0, o1) if o is not None)
        if best is None or _better(s, length, best[2], best[0]):
            best = (length, code, s)
    grim = grim_trigger(game, tgt)
    rounds = "one round" if max_stick == 1 else f"1 to {max_stick} rounds"
    note = (f"searched: every pair of pure stick profiles played for {rounds} before returning to "
            "the target, and reversion for ever to a pure stage equilibrium; mixed punishments are not searched, "
            "so grim trigger with a mixed stage equilibrium can do better (compare grim_delta_min)")
    if best is None:
        return PenalCode(MappingProxyType(tgt), None, union, MappingProxyType({}), DeltaSet(()), grim.delta_min,
                         max_stick, checked, note)
    code = best[1]
    puns = {}
    for k in movers:
        a, L = code[k]
        puns[players[k]] = Punishment(players[k], MappingProxyType(
            {p: game.strategies[m][a[m]] for m, p in enumerate(players)}), L)
    return PenalCode(MappingProxyType(tgt), union.infimum, union, MappingProxyType(puns), best[2], grim.delta_min,
                     max_stick, checked, note)


def _better(a: DeltaSet, a_length: int, b: DeltaSet, b_length: int) -> bool:
    """Code ``a`` beats ``b``: a smaller infimum, else one that is attained, else shorter sticks (for ever last)."""
    from .discount import _cmp  # the kernel's exact comparison of endpoints (Fractions or algebraic numbers)

    c = _cmp(a.infimum, b.infimum)
    if c:
        return c < 0
    if a.attained != b.attained:
        return a.attained
    return a_length < b_length
