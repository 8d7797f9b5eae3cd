r"""Grim trigger: the smallest discount factor at which reverting for ever to a stage equilibrium sustains a profile.

The target is a pure profile :math:`a^*` played in every round.  When player
:math:`i` deviates, play reverts for ever to the stage Nash equilibrium
:math:`\sigma^i` that is worst for :math:`i` (deviations by several players at
once are irrelevant to subgame perfection; during the reversion any deviation
is ignored, which is subgame perfect because :math:`\sigma^i` is a stage
equilibrium).  With normalised values, player :math:`i` has no profitable
one-shot deviation from the path iff

.. math:: v_i \ge (1-\delta)\, d_i + \delta\, p_i
   \iff f_i(\delta) = (1-\delta)(v_i - d_i) + \delta (v_i - p_i) \ge 0,

where :math:`v_i = u_i(a^*)`, :math:`d_i = \max_{a_i \ne a^*_i} u_i(a_i, a^*_{-i})`
(the best deviation) and :math:`p_i = u_i(\sigma^i) = \min_\sigma u_i(\sigma)`
over the stage equilibria.  :math:`f_i` is linear, so its set is an interval:

* a gain :math:`d_i > v_i` needs :math:`v_i > p_i` and then
  :math:`\delta \ge (d_i - v_i)/(d_i - p_i)` (the textbook threshold; it is
  :math:`(T-R)/(T-P)` in the prisoner's dilemma);
* no gain and :math:`v_i \ge p_i`: every :math:`\delta`;
* no gain but :math:`v_i < p_i` (the target gives :math:`i` less than the
  reversion): only :math:`\delta \le (v_i - d_i)/(p_i - d_i)`, an upper bound,
  because for patient players triggering the reversion pays.

The set of :math:`\delta` where grim trigger is subgame perfect is the
intersection over players; ``delta_min`` is its infimum.

A *symbolic* game (a model with parameters) is analysed at given parameter
values: the best deviations and the worst stage equilibria found there fix the
structure, and the threshold is the formula :math:`(d_i - v_i)/(d_i - p_i)` of
those profiles' symbolic payoffs, simplified, stated with the conditions on the
parameters under which that structure gives it (the gain is positive, the
target beats the punishment, the best deviation stays best, the punishment
stays a stage equilibrium and the worst one for the deviator among those found).
In the spoiler model the US gains :math:`c_I` by excluding Russia, is punished
with :math:`-p`, and the threshold is :math:`c_I/p`.

References
----------
J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of
Economic Studies* 38 (1971) 1-12 (Nash reversion).

G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press (2006), sections 2.2-2.5 (the one-shot deviation principle,
grim trigger in the prisoner's dilemma).

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
>>> g = grim_trigger(pd, {"Player 1": "C", "Player 2": "C"})
>>> g.delta_min, str(g.delta_set)          # (T - R)/(T - P) = (5 - 3)/(5 - 1)
(Fraction(1, 2), '[1/2, 1)')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError, UnsupportedGameError
from ..game import Game, require_game
from ..game_text import profile_text
from ..numbers import format_number, is_sympy
from ..profile import MixedProfile, default_tolerance
from .discount import DeltaInterval, DeltaSet, FloatDeltaSet, delta_text
from .stage import stage_equilibria

if TYPE_CHECKING:
    import sympy

__all__ = ["Incentive", "GrimTrigger", "grim_trigger", "condition_text"]


# ---------------------------------------------------------------------- small shared helpers
def _number_json(x: Any) -> Any:
    """A value for JSON: an exact number or a sympy expression as text (``"1/3"``, ``"c_I/p"``), a float as is."""
    if x is None:
        return None
    if isinstance(x, (float, np.floating)):
        return float(x)
    if isinstance(x, Fraction) or is_sympy(x):
        return str(x)
    return str(Fraction(x))


def _profile_json(profile: MixedProfile) -> dict:
    """A profile for JSON: ``{player: label}`` when pure, else ``{player: {label: p}}`` over the support."""
    g = profile.game
    out: dict = {}
    for i, p in enumerate(g.players):
        vec = profile.vectors[i]
        used = [(s, q) for s, q in zip(g.strategies[i], vec) if q > 0]
        out[p] = used[0][0] if len(used) == 1 else {s: _number_json(q) for s, q in used}
    return out


def condition_text(expr: Any, strict: bool) -> str | None:
    """``expr > 0`` (or ``>= 0``) as a reader writes it: ``"p > c_I"``; None when it holds for every value.

    The positive terms go left, the negated negative terms right.  A condition
    without parameters is dropped: it was evaluated where it holds.

    >>> import sympy
    >>> p, c = sympy.symbols("p c_I", real=True)
    >>> condition_text(p - c, True), condition_text(-c, False), condition_text(sympy.Integer(2), True)
    ('p > c_I', 'c_I <= 0', None)
    """
    import sympy

    e = sympy.expand(sympy.sympify(expr))
    if not e.free_symbols:
        return None
    op = ">" if strict else ">="
    pos: list[Any] = []
    neg: list[Any] = []
    for t in sympy.Add.make_args(e):
        (neg if t.could_extract_minus_sign() else pos).append(t)
    lhs, rhs = sympy.Add(*pos), -sympy.Add(*neg)
    if lhs == 0:
        return f"{rhs} {'<' if strict else '<='} 0"
    return f"{lhs} {op} {rhs}"


def _linear_set(a: Any, b: Any, exact: bool, tol: float) -> tuple[Any, Any, DeltaSet | None]:
    """``(lo, hi, set)`` of :math:`\\{\\delta \\in (0,1): a + b\\delta \\ge 0\\}`; ``lo`` None when empty.

    ``lo`` is the set's infimum (0 when it starts at 0), ``hi`` its supremum
    when below 1 (else None).  Float games compare with ``tol`` and get no
    exact set (None).
    """
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    pos_a = a >= -tol

    def ratio(x: Any, y: Any) -> Any:
        return Fraction(x) / Fraction(y) if exact else float(x) / float(y)

    lo: Any
    hi: Any
    if b > tol:                      # increasing: delta >= -a/b
        r = ratio(-a, b)
        if pos_a or r <= zero:
            lo, hi = zero, None
        elif r >= one - (0 if exact else tol):
            lo, hi = None, None
        else:
            lo, hi = r, None
    elif b < -tol:                   # decreasing: delta <= a/(-b)
        r = ratio(a, -b)
        if a <= tol:
            lo, hi = None, None
        elif r >= one:
            lo, hi = zero, None
        else:
            lo, hi = zero, r
    else:
        lo, hi = (zero, None) if pos_a else (None, None)
    if not exact:
        return lo, hi, None
    if lo is None:
        return lo, hi, DeltaSet(())
    if hi is not None:
        return lo, hi, DeltaSet((DeltaInterval(Fraction(0), hi, False, True),))
    return lo, hi, DeltaSet.at_least(lo)


# ---------------------------------------------------------------------- results
@dataclass(frozen=True)
class Incentive:
    """One player's incentive constraint on the grim-trigger path.

    Attributes
    ----------
    player : str
    target_payoff
        :math:`v_i = u_i(a^*)`.
    best_deviation : str or None
        The label of the best other strategy (None when the player has one strategy).
    deviation_payoff
        :math:`d_i`, its payoff against the others' target strategies (None without a deviation).
    punishment : MixedProfile
        The stage equilibrium played for ever after this player deviates: the worst for them.
    punishment_payoff
        :math:`p_i`, the player's payoff in it.
    threshold
        The smallest :math:`\\delta` from which on the constraint holds: 0 when it holds for
        every small :math:`\\delta` (no gain), None when it holds for no :math:`\\delta < 1`.
        A sympy expression for a symbolic game.
    delta_max
        When the target is worse for the player than the punishment and the
        deviation gains nothing, the largest :math:`\\delta` at which the constraint holds; else None.
    delta_set : DeltaSet or None
        The exact set where the constraint holds (None for float or symbolic games).
    """

    player: str
    target_payoff: Any
    best_deviation: str | None
    deviation_payoff: Any
    punishment: MixedProfile
    punishment_payoff: Any
    threshold: Any
    delta_max: Any = None
    delta_set: DeltaSet | None = None

    @property
    def gain(self) -> Any:
        """What deviating gains in the round of the deviation, :math:`d_i - v_i` (None without a deviation)."""
        return None if self.deviation_payoff is None else self.deviation_payoff - self.target_payoff

    def to_json(self) -> dict:
        return {
            "player": self.player,
            "target_payoff": _number_json(self.target_payoff),
            "best_deviation": self.best_deviation,
            "deviation_payoff": _number_json(self.deviation_payoff),
            "punishment": _profile_json(self.punishment),
            "punishment_payoff": _number_json(self.punishment_payoff),
            "threshold": _number_json(self.threshold),
            "delta_max": _number_json(self.delta_max),
            "delta_set": None if self.delta_set is None else self.delta_set.to_json(),
        }

    def __str__(self) -> str:
        if self.best_deviation is None:
            return f"{self.player}: has a single strategy, no deviation"
        pun = "(" + profile_text(self.punishment) + ")"
        head = (f"{self.player}: gets {format_number(self.target_payoff)} on the path, "
                f"{format_number(self.deviation_payoff)} by deviating to {self.best_deviation}, "
                f"then {format_number(self.punishment_payoff)} for ever in {pun}")
        if self.threshold is None:
            return head + "; never deterred"
        if self.delta_max is not None:
            return head + f"; deterred only for δ <= {_text(self.delta_max)} (the reversion pays more than the path)"
        return head + f"; deterred for δ >= {_text(self.threshold)}"


def _text(x: Any) -> str:
    if isinstance(x, (float, np.floating)):
        return format_number(x)
    if isinstance(x, Fraction) and not is_sympy(x):
        return delta_text(x)
    return str(x)


@dataclass(frozen=True)
class GrimTrigger:
    """When grim trigger sustains a pure target profile.

    Attributes
    ----------
    target : mapping
        ``{player: label}``.
    incentives : mapping
        ``{player: Incentive}``.
    delta_min
        The infimum of the discount factors at which grim trigger is subgame
        perfect: a Fraction (exact game), a float (float game), a sympy
        expression (symbolic game), or None when no :math:`\\delta < 1` works.
    delta_max
        The supremum of that set when it is below 1 (a player who prefers the
        reversion to the path), else None.
    sustainable : bool
    binding : tuple of str
        The players whose constraint sets ``delta_min`` (empty when it is 0).
    delta_set : DeltaSet or None
        The exact set (exact games; None for float and symbolic games).
    conditions : tuple of str
        Symbolic games: the conditions on the parameters under which the
        formula holds (e.g. ``"c_I > 0"``, ``"p > c_I"``); empty otherwise.
    values : mapping
        Symbolic games: the parameter values at which the structure was found.
    at_values : GrimTrigger or None
        Symbolic games: the numeric result at ``values``.
    note : str
    """

    target: Mapping[str, str]
    incentives: Mapping[str, Incentive]
    delta_min: Any
    sustainable: bool
    binding: tuple[str, ...]
    delta_set: DeltaSet | None = None
    delta_max: Any = None
    conditions: tuple[str, ...] = ()
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    at_values: GrimTrigger | None = None
    note: str = ""

    def sustaining_set(self) -> DeltaSet | FloatDeltaSet:
        """The discount factors that sustain the target: :attr:`delta_set`, or for a float game its ends.

        A float game's ends are compared within 1e-9 (δ lies in (0, 1), so an
        absolute tolerance is a relative one).
        """
        if self.delta_set is not None:
            return self.delta_set
        return FloatDeltaSet(self.delta_min if self.sustainable else None, self.delta_max, 1e-9)

    @property
    def punishments(self) -> dict[str, MixedProfile]:
        """``{player: the stage equilibrium played for ever after that player deviates}``."""
        return {p: inc.punishment for p, inc in self.incentives.items()}

    def to_json(self) -> dict:
        out = {
            "target": dict(self.target),
            "delta_min": _number_json(self.delta_min),
            "delta_min_float": None if self.delta_min is None or is_sympy(self.delta_min) and
            self.delta_min.free_symbols else float(self.delta_min),
            "delta_max": _number_json(self.delta_max),
            "sustainable": self.sustainable,
            "binding": list(self.binding),
            "delta_set": None if self.delta_set is None else self.delta_set.to_json(),
            "punishments": {p: _profile_json(s) for p, s in self.punishments.items()},
            "incentives": {p: inc.to_json() for p, inc in self.incentives.items()},
            "conditions": list(self.conditions),
            "note": self.note,
        }
        if self.at_values is not None:
            out["values"] = {k: _number_json(v) for k, v in self.values.items()}
            out["at_values"] = self.at_values.to_json()
        return out

    def __str__(self) -> str:
        target = ", ".join(f"{p} plays {s}" for p, s in self.target.items())
        lines = [f"grim trigger for ({target}):"]
        if not self.sustainable:
            lines.append("  not sustainable for any discount factor below 1")
        elif self.delta_max is not None:
            lines.append(f"  subgame perfect for δ in {self.delta_set if self.delta_set is not None else ''}".rstrip()
                         + ("" if self.delta_set is not None else
                            f" [{_text(self.delta_min)}, {_text(self.delta_max)}]"))
        else:
            lines.append(f"  subgame perfect for δ >= {_text(self.delta_min)}"
                         + (f" (binding: {', '.join(self.binding)})" if self.binding else ""))
        if self.conditions:
            lines.append("  when " + ", ".join(self.conditions))
        if self.at_values is not None and self.at_values.delta_min is not None:
            at = ", ".join(f"{k}={format_number(v)}" for k, v in self.values.items())
            lines.append(f"  at {at}: δ >= {_text(self.at_values.delta_min)}")
        lines.extend("  " + str(inc) for inc in self.incentives.values())
        if self.note:
            lines.append("  " + self.note)
        return "\n".join(lines)


# ---------------------------------------------------------------------- the numeric analysis
def _check_target(game: Game, target: Mapping) -> dict[str, str]:
    if not isinstance(target, Mapping):
        raise InputError(f"a target profile is a mapping {{player: strategy label}}, got {type(target).__name__}",
                         field="profile")
    idx = game.profile_index(target)
    return {p: game.strategies[i][j] for i, (p, j) in enumerate(zip(game.players, idx))}


def _equilibria(game: Game, equilibria: Sequence | None) -> tuple[MixedProfile, ...]:
    if equilibria is None:
        return stage_equilibria(game)
    eqs = tuple(e.profile if hasattr(e, "profile") else e for e in equilibria)
    if not eqs or not all(isinstance(e, MixedProfile) for e in eqs):
        raise InputError("equilibria must be a non-empty sequence of MixedProfile (or Equilibrium)",
                         field="equilibria")
    return eqs


def _best_deviation(game: Game, target: Mapping[str, str], i: int) -> tuple[str | None, Any]:
    """The other strategy of player ``i`` paying most against the target (first in game order on ties)."""
    player = game.players[i]
    best, pay = None, None
    for s in game.strategies[i]:
        if s == target[player]:
            continue
        u = game.payoff({**target, player: s})[player]
        if best is None or u > pay:
            best, pay = s, u
    return best, pay


def _worst_equilibrium(eqs: Sequence[MixedProfile], player: str) -> tuple[MixedProfile, Any]:
    """The stage equilibrium worst for ``player`` (first listed on ties) and its payoff."""
    pays = [e.payoffs()[player] for e in eqs]
    k = min(range(len(eqs)), key=lambda j: pays[j])
    return eqs[k], pays[k]


def _numeric(game: Game, target: dict[str, str], eqs: Sequence[MixedProfile]) -> GrimTrigger:
    exact = game.is_exact
    tol = 0.0 if exact else default_tolerance(game)
    v_all = game.payoff(target)
    incentives: dict[str, Incentive] = {}
    total = DeltaSet.everything() if exact else None
    lo_all: Any = Fraction(0) if exact else 0.0
    hi_all: Any = None
    never = False
    for i, player in enumerate(game.players):
        v = v_all[player]
        dev, d = _best_deviation(game, target, i)
        pun, p = _worst_equilibrium(eqs, player)
        if dev is None:
            incentives[player] = Incentive(player, v, None, None, pun, p, Fraction(0) if exact else 0.0,
                                           delta_set=DeltaSet.everything() if exact else None)
            continue
        # f(δ) = (v - d) + δ (d - p) >= 0
        lo, hi, dset = _linear_set(v - d, d - p, exact, tol)
        incentives[player] = Incentive(player, v, dev, d, pun, p, lo, hi, dset)
        if total is not None and dset is not None:
            total = total.intersection(dset)
        if lo is None:
            never = True
            continue
        lo_all = max(lo_all, lo)
        if hi is not None:
            hi_all = hi if hi_all is None else min(hi_all, hi)
    if exact:
        assert total is not None
        sustainable = not total.is_empty
        delta_min = total.infimum if sustainable else None
        delta_max = None
        if sustainable and not (total.intervals[-1].hi == 1 and not total.intervals[-1].hi_closed):
            delta_max = total.intervals[-1].hi
    else:
        sustainable = not never and (hi_all is None or lo_all <= hi_all + tol)
        delta_min = lo_all if sustainable else None
        delta_max = hi_all if sustainable else None
    binding = tuple(p for p, inc in incentives.items()
                    if sustainable and delta_min and inc.threshold is not None and inc.delta_max is None
                    and abs(inc.threshold - delta_min) <= tol)
    note = ""
    if not sustainable:
        bad = [p for p, inc in incentives.items() if inc.threshold is None]
        note = ("the target pays " + ", ".join(bad) + " no more than the worst stage equilibrium, so the threat of "
                "reverting to it cannot deter a deviation that gains now") if bad else \
            "the players' constraints hold on disjoint sets of discount factors"
    return GrimTrigger(MappingProxyType(dict(target)), MappingProxyType(incentives), delta_min, sustainable,
                       binding, total if exact else None, delta_max, note=note)


# ---------------------------------------------------------------------- the symbolic formula
def _symbolic_payoff(game: Game, profile: MixedProfile, player: str) -> sympy.Expr:
    """``player``'s payoff in the stage equilibrium ``profile`` (found in the numeric game) as a formula.

    Pure: the payoff expression at that profile.  Mixed, two players: the
    value that makes ``player`` indifferent over their support, solved from the
    opponent's indifference-free mixture on the same supports (the opponent's
    probabilities solve ``player``'s indifference equations).
    """
    import sympy

    sup = profile.support()
    if profile.is_pure:
        return sympy.expand(game.payoff({p: s[0] for p, s in sup.items()})[player])
    if game.num_players != 2:
        raise UnsupportedGameError("a symbolic threshold with a mixed stage equilibrium as punishment is only "
                                   "computed for two-player games; substitute parameter values instead")
    i = game.player_index(player)
    j = 1 - i
    other = game.players[j]
    ys = sympy.symbols(f"y0:{len(sup[other])}", real=True)
    v = sympy.Symbol("v_value", real=True)
    eqs = [sum(ys, sympy.Integer(0)) - 1]
    for s in sup[player]:
        row = sum((y * game.payoff({player: s, other: t})[player] for y, t in zip(ys, sup[other])), sympy.Integer(0))
        eqs.append(row - v)
    sol = sympy.solve(eqs, [*ys, v], dict=True)
    if len(sol) != 1 or v not in sol[0] or sol[0][v].free_symbols & set(ys):
        raise UnsupportedGameError(f"the payoff of {player} in the mixed stage equilibrium {profile_text(profile)} "
                                   "has no unique formula in the parameters; substitute parameter values instead")
    return sympy.simplify(sol[0][v])


def _symbolic(game: Game, target: dict[str, str], values: Mapping | None,
              eqs: Sequence[MixedProfile] | None) -> GrimTrigger:
    import sympy

    if values is None:
        raise InputError("a symbolic game needs parameter values (values={name: number}, e.g. the model's "
                         "defaults) at which its best deviations and worst stage equilibria are found", field="values")
    numeric_game = game.substitute(values)
    neqs = _equilibria(numeric_game, eqs)
    at = _numeric(numeric_game, target, neqs)
    # the stage equilibria of the symbolic game, at the same supports (pure ones by label)
    sym_v = {p: sympy.expand(x) for p, x in game.payoff(target).items()}
    conds: list[str] = []

    def add(expr: Any, strict: bool) -> None:
        t = condition_text(expr, strict)
        if t is not None and t not in conds:
            conds.append(t)

    incentives: dict[str, Incentive] = {}
    thresholds: dict[str, Any] = {}
    for i, player in enumerate(game.players):
        inc = at.incentives[player]
        pun = MixedProfile(game, inc.punishment.as_dict())
        v = sym_v[player]
        if inc.best_deviation is None:
            try:
                p_one: Any = _symbolic_payoff(game, pun, player)
            except UnsupportedGameError:
                p_one = None      # never used: this player cannot deviate
            incentives[player] = Incentive(player, v, None, None, pun, p_one, sympy.Integer(0))
            continue
        d = sympy.expand(game.payoff({**target, player: inc.best_deviation})[player])
        try:
            p = _symbolic_payoff(game, pun, player)
        except UnsupportedGameError as exc:
            # no formula for this punishment: the answer at the given values, said to be only that
            return replace(at, values=MappingProxyType({str(k): v for k, v in values.items()}), at_values=at,
                           note=f"no formula in the parameters ({exc}); the threshold holds at the given values only")
        # the best deviation stays best
        for s in game.strategies[i]:
            if s not in (target[player], inc.best_deviation):
                add(d - game.payoff({**target, player: s})[player], False)
        if inc.threshold is None or inc.delta_max is not None:
            thr: Any = None if inc.threshold is None else sympy.Integer(0)
            incentives[player] = Incentive(player, v, inc.best_deviation, d, pun, p, thr,
                                           None if inc.delta_max is None else
                                           sympy.simplify((v - d) / (p - d)))
            continue
        if inc.threshold == 0:          # no gain and the path beats the reversion: holds for every δ
            add(v - d, False)
            add(v - p, False)
            incentives[player] = Incentive(player, v, inc.best_deviation, d, pun, p, sympy.Integer(0))
            continue
        add(d - v, True)
        add(v - p, True)
        t = sympy.factor(sympy.simplify((d - v) / (d - p)))
        thresholds[player] = t
        incentives[player] = Incentive(player, v, inc.best_deviation, d, pun, p, t)
    # each punishment stays a stage equilibrium (pure ones: no profitable deviation) and the worst for its player
    pure_eqs = [e for e in neqs if e.is_pure]
    for player, inc in incentives.items():
        if inc.punishment.is_pure:
            prof = {p: s[0] for p, s in inc.punishment.support().items()}
            for k, q in enumerate(game.players):
                for s in game.strategies[k]:
                    if s != prof[q]:
                        add(game.payoff(prof)[q] - game.payoff({**prof, q: s})[q], False)
        for e in pure_eqs:
            if e != at.incentives[player].punishment:
                other = {p: s[0] for p, s in e.support().items()}
                add(game.payoff(other)[player] - inc.punishment_payoff, False)
    # a weak condition is implied by its strict twin ("c_I > 0" makes "c_I >= 0" redundant)
    conds = [c for c in conds if not (" >= " in c and c.replace(" >= ", " > ") in conds)
             and not (" <= " in c and c.replace(" <= ", " < ") in conds)]
    delta_min: Any = None
    binding: tuple[str, ...] = ()
    note = ("the structure (best deviations, worst stage equilibria) is the one found at the given values; the "
            "formula holds wherever the conditions hold and those stage equilibria remain the game's")
    if at.sustainable and at.delta_max is None:
        binding = at.binding
        if binding:
            # players tied at the given values may have different formulas: then the larger of them
            forms: list[Any] = []
            for p in binding:
                if not any(sympy.simplify(thresholds[p] - f) == 0 for f in forms):
                    forms.append(thresholds[p])
            delta_min = forms[0] if len(forms) == 1 else sympy.Max(*forms)
            for p, t in thresholds.items():
                if p not in binding:
                    for f in forms:
                        # thresholds are rational functions: compare them as they are, not cross-multiplied
                        text = f"{f} >= {t}"
                        if text not in conds:
                            conds.append(text)
        else:
            delta_min = sympy.Integer(0)
    elif at.sustainable:
        note = "at the given values a player prefers the reversion to the path; " + note
    else:
        note = at.note
    return GrimTrigger(MappingProxyType(dict(target)), MappingProxyType(incentives), delta_min,
                       at.sustainable, binding, None, None, tuple(conds),
                       MappingProxyType({str(k): v for k, v in values.items()}), at, note)


def grim_trigger(game: Game, target: Mapping[str, str], *, values: Mapping | None = None,
                 equilibria: Sequence | None = None) -> GrimTrigger:
    """The discount factors at which grim trigger sustains the pure profile ``target``.

    Parameters
    ----------
    game : Game
        The stage game: exact, float, or symbolic (then ``values`` is required).
    target : mapping
        ``{player: strategy label}``, played in every round on the path.
    values : mapping, optional
        Symbolic games: ``{parameter: value}`` at which the best deviations and
        the worst stage equilibria are found (a model's defaults).
    equilibria : sequence of MixedProfile, optional
        The stage equilibria (of the numeric game); default: all of them
        (:func:`gametheory.repeated.stage.stage_equilibria`).

    Returns
    -------
    GrimTrigger

    Raises
    ------
    InputError
        An unknown label, or a symbolic game without ``values``.
    UnsupportedGameError
        When the stage equilibria cannot all be found.

    Examples
    --------
    A target that is a stage equilibrium needs no patience:

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> grim_trigger(pd, {"Player 1": "D", "Player 2": "D"}).delta_min
    Fraction(0, 1)
    """
    game = require_game(game)
    tgt = _check_target(game, target)
    if game.kind == "symbolic":
        return _symbolic(game, tgt, values, equilibria)
    return _numeric(game, tgt, _equilibria(game, equilibria))
