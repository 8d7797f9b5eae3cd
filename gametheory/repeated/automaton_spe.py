r"""Subgame perfection of a profile of finite automata, at one discount factor and as the exact set of them.

A profile of automata (:mod:`gametheory.repeated.automaton`) is a strategy
profile of the infinitely repeated game.  Its continuation after any history
is the profile started at the joint state :math:`w` the history leads to, so
the profile is subgame perfect iff, at every joint state :math:`w` reachable
from the initial one by *some* history (on the path or off it), no player
gains by a *one-shot deviation* (Mailath and Samuelson 2006, Proposition
2.4.1; the one-shot deviation principle holds because discounting makes
payoffs continuous at infinity):

.. math::

   V_i(w) \;\ge\; (1-\delta)\, u_i(a_i', f_{-i}(w)) + \delta\, V_i\bigl(\tau(w, (a_i', f_{-i}(w)))\bigr)
   \qquad \text{for every player } i \text{ and action } a_i' \ne f_i(w).

The normalised values :math:`V(w) = (1-\delta)\sum_t \delta^t u(a^t)` of
the deterministic play from :math:`w` are exact rational functions of
:math:`\delta`: the play from :math:`w` is a prefix followed by a cycle of
length :math:`L`, so :math:`V_i(w) = P_{i,w}(\delta)/Q_w(\delta)` with
:math:`Q_w = 1 + \delta + \dots + \delta^{L-1}`, computed on the graph of
the on-path moves by :math:`P(w) = (1-\delta)\,u(w)\,Q + \delta P(\sigma(w))`
along the prefix and :math:`P(c_j) = \sum_{t<L} \delta^t u(c_{j+t})` on
the cycle.  Each incentive constraint, multiplied by the positive
:math:`Q_w Q_{w'}`, is a polynomial with rational coefficients that must be
:math:`\ge 0`; :func:`gametheory.repeated.discount.delta_set` gives the exact
set of :math:`\delta \in (0, 1)` where it holds, and the profile is subgame
perfect exactly on the intersection of these sets (a finite union of
intervals, possibly a single point: tit-for-tat in the prisoner's dilemma).
At a given :math:`\delta` the gains are evaluated exactly (Fractions).

A float game is checked with its payoffs' exact binary values (``Fraction(x)``);
at a given :math:`\delta`, gains below :func:`gametheory.profile.default_tolerance`
do not count as violations.

References
----------
G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press, 2006, §2.2 (one-shot deviation principle), §2.3
(automata), §2.4.3 (tit-for-tat is subgame perfect only on a knife edge).

E. Kalai, D. Samet and W. Stanford, "A note on reactive equilibria in the
discounted prisoner's dilemma and associated games", *International Journal
of Game Theory* 17 (1988) 177-186.

D. Abreu, "On the theory of infinitely repeated games with discounting",
*Econometrica* 56 (1988) 383-396.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.repeated.automaton import builtin_automaton
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
...                         strategies=[["C", "D"], ["C", "D"]])
>>> wsls = {p: builtin_automaton("wsls", pd, p) for p in pd.players}
>>> str(check_automata(pd, wsls).delta_set)       # (T - R)/(R - P) = 2/2
'empty'
>>> grim = {p: builtin_automaton("grim", pd, p) for p in pd.players}
>>> check = check_automata(pd, grim, "3/4")
>>> str(check.delta_set), check.subgame_perfect    # (T - R)/(T - P) = 1/2
('[1/2, 1)', True)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..cost import check_cost
from ..errors import InputError
from ..game import Game, require_game
from .automaton import Automaton, ordered_automata

if TYPE_CHECKING:
    from .discount import DeltaSet

__all__ = ["IncentiveCondition", "AutomatonCheck", "check_automata", "JointPlay", "joint_play", "coerce_delta",
           "PYTHON_STEP_COST"]

Poly = tuple[Fraction, ...]  # coefficients, constant term first

#: Elementary steps charged for one step taken on Python objects (a transition followed, a round recorded, a
#: Fraction product): the unit of :mod:`gametheory.cost` is a vectorised operation, about a hundred times cheaper.
PYTHON_STEP_COST = 100
JointState = tuple[int, ...]  # one state index per player


# ---------------------------------------------------------------------- polynomials in δ (Fractions)
def _add(*ps: Poly) -> Poly:
    n = max(len(p) for p in ps)
    out = [Fraction(0)] * n
    for p in ps:
        for k, c in enumerate(p):
            out[k] += c
    return _trim(out)


def _mul(p: Poly, q: Poly) -> Poly:
    if not p or not q:
        return ()
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return _trim(out)


def _scale(p: Poly, c: Fraction) -> Poly:
    return _trim([c * x for x in p])


def _trim(cs: Sequence[Fraction]) -> Poly:
    cs = list(cs)
    while cs and cs[-1] == 0:
        cs.pop()
    return tuple(cs)


def _eval(p: Poly, x: Fraction) -> Fraction:
    v = Fraction(0)
    for c in reversed(p):
        v = v * x + c
    return v


_ONE_MINUS_D: Poly = (Fraction(1), Fraction(-1))
_D: Poly = (Fraction(0), Fraction(1))


def _normalized(p: Poly) -> Poly:
    """``p`` divided by its largest coefficient in absolute value: the same sign everywhere, one key per ray."""
    big = max(abs(c) for c in p)
    return tuple(c / big for c in p)


def _sympy_poly(p: Poly) -> Any:
    import sympy

    from .discount import delta_symbol

    d = delta_symbol()
    return sympy.Add(*[sympy.Rational(c.numerator, c.denominator) * d**k for k, c in enumerate(p) if c])


# ---------------------------------------------------------------------- the discount factor
def coerce_delta(delta: object, *, field: str = "delta") -> Fraction | None:
    """``delta`` as an exact Fraction in (0, 1) (None stays None).

    Accepts a Fraction or int, a string ``"9/10"`` or ``"0.9"``, or a float,
    read as the decimal it prints as (``0.9`` is 9/10, not its binary value).
    """
    from .discount import parse_delta

    if delta is None:
        return None
    if isinstance(delta, bool):
        raise InputError(f"a discount factor must be a number, got {delta!r}", field=field)
    if isinstance(delta, float):
        delta = repr(delta)
    if isinstance(delta, (int, Fraction)):
        delta = str(Fraction(delta))
    if not isinstance(delta, str):
        raise InputError(f"a discount factor must be a number or a string such as \"9/10\", got "
                         f"{type(delta).__name__}", field=field)
    return parse_delta(delta, field=field)


# ---------------------------------------------------------------------- the joint automaton
@dataclass(frozen=True)
class JointPlay:
    """A profile of automata compiled to indices: joint states, their play, and every transition.

    Attributes
    ----------
    game : Game
    automata : tuple[Automaton, ...]
        In the game's player order.
    profiles : tuple[tuple[int, ...], ...]
        Every pure profile (strategy indices), in :meth:`Game.pure_profiles` order.
    initial : tuple[int, ...]
        The initial joint state (state indices).
    tables : tuple
        ``tables[i][w][k]``: player ``i``'s next state from its state ``w`` after profile ``k``.
    plays : tuple
        ``plays[i][w]``: the strategy index player ``i`` plays in its state ``w``.
    """

    game: Game
    automata: tuple[Automaton, ...]
    profiles: tuple[tuple[int, ...], ...]
    initial: tuple[int, ...]
    tables: tuple[tuple[tuple[int, ...], ...], ...]
    plays: tuple[tuple[int, ...], ...]

    def action(self, w: tuple[int, ...]) -> tuple[int, ...]:
        """The pure profile (strategy indices) played at joint state ``w``."""
        return tuple(self.plays[i][s] for i, s in enumerate(w))

    def profile_number(self, profile: tuple[int, ...]) -> int:
        k = 0
        for i, s in enumerate(profile):
            k = k * self.game.shape[i] + s
        return k

    def step(self, w: tuple[int, ...], profile: tuple[int, ...]) -> tuple[int, ...]:
        """The joint state after profile ``profile`` is played at ``w``."""
        k = self.profile_number(profile)
        return tuple(self.tables[i][w[i]][k] for i in range(len(w)))

    def state_labels(self, w: tuple[int, ...]) -> dict[str, str]:
        return {a.player: a.states[w[i]] for i, a in enumerate(self.automata)}

    def profile_labels(self, profile: tuple[int, ...]) -> dict[str, str]:
        return {p: self.game.strategies[i][profile[i]] for i, p in enumerate(self.game.players)}

    def path(self, start: tuple[int, ...] | None = None) -> tuple[tuple[JointState, ...], tuple[JointState, ...]]:
        """The joint states of the play from ``start`` (default: initial): ``(prefix, cycle)``."""
        w = self.initial if start is None else start
        seen: dict[tuple[int, ...], int] = {}
        order: list[tuple[int, ...]] = []
        while w not in seen:
            seen[w] = len(order)
            order.append(w)
            w = self.step(w, self.action(w))
        k = seen[w]
        return tuple(order[:k]), tuple(order[k:])


def joint_play(game: Game, automata: Mapping[str, Automaton], *, max_cost: object = None) -> JointPlay:
    """Compile a profile of automata (one per player) against ``game``; checks the cost of the transition tables."""
    game = require_game(game)
    ordered = ordered_automata(game, automata)
    n_prof = game.num_profiles
    rule_work = sum(len(a.states) + sum(len(r) for r in a.rules.values()) for a in ordered)
    check_cost(rule_work * n_prof * game.num_players * PYTHON_STEP_COST, max_cost, "automata",
               "(automaton states + rules) x pure profiles x players, for the transition tables")
    profiles = tuple(itertools.product(*(range(k) for k in game.shape)))
    tables = tuple(a.transition_table(game) for a in ordered)
    initial = tuple(a.states.index(a.initial) for a in ordered)
    plays = tuple(tuple(game.strategies[i].index(a.play[s]) for s in a.states) for i, a in enumerate(ordered))
    return JointPlay(game, ordered, profiles, initial, tables, plays)


def _exact_payoffs(game: Game) -> dict[tuple[int, ...], tuple[Fraction, ...]]:
    out = {}
    arr = game.payoffs
    for idx in itertools.product(*(range(k) for k in game.shape)):
        out[idx] = tuple(Fraction(x) for x in arr[idx])  # a float's exact binary value
    return out


# ---------------------------------------------------------------------- results
@dataclass(frozen=True)
class IncentiveCondition:
    """One one-shot deviation at one joint state, and the discount factors at which it does not pay.

    Attributes
    ----------
    state : Mapping[str, str]
        The joint automaton state (player -> state).
    player : str
    play : str
        The action the player's automaton prescribes there.
    deviation : str
        The one-shot deviation.
    holds : DeltaSet
        The exact set of δ in (0, 1) at which the deviation does not pay.
    gain : Fraction, float or None
        At the checked δ, the deviation's value minus the prescribed one (normalised); None without δ.
    """

    state: Mapping[str, str]
    player: str
    play: str
    deviation: str
    holds: DeltaSet
    gain: Any = None

    def describe(self) -> str:
        where = ", ".join(f"{p}={s}" for p, s in self.state.items())
        return f"in state ({where}), {self.player} playing {self.deviation} instead of {self.play}"

    def to_json(self, exact: bool) -> dict[str, Any]:
        return {"state": dict(self.state), "player": self.player, "play": self.play, "deviation": self.deviation,
                "holds": self.holds.to_json(), "holds_text": str(self.holds),
                "gain": None if self.gain is None else _json_value(self.gain, exact)}


def _json_value(x: Any, exact: bool) -> Any:
    from ..result import json_number

    return json_number(x, exact)


def _text(x: Any) -> str:
    from ..numbers import format_number

    return format_number(x)


@dataclass(frozen=True)
class AutomatonCheck:
    """Whether a profile of automata is subgame perfect: the exact set of δ, and the verdict at one δ.

    Attributes
    ----------
    automata : Mapping[str, Automaton]
        Player -> automaton.
    delta : Fraction or None
        The discount factor checked (None: only the set).
    delta_set : DeltaSet
        The exact set of δ in (0, 1) at which the profile is subgame perfect.
    subgame_perfect : bool or None
        At ``delta`` (None without one).
    violations : tuple[IncentiveCondition, ...]
        At ``delta``: the one-shot deviations that pay (gain > 0, or beyond the tolerance in a float game).
    prefix, cycle : tuple[Mapping[str, str], ...]
        The outcome path: the profiles played before the play repeats, then the repeating cycle.
    values : Mapping[str, Fraction or float] or None
        At ``delta``: each player's normalised discounted value of the outcome path.
    reachable : tuple[Mapping[str, str], ...]
        The joint states reachable by some history (where the conditions were checked).
    conditions : tuple[IncentiveCondition, ...]
        The one-shot deviations that pay for some δ in (0, 1) (the others never pay and are not listed).
    checked : int
        How many one-shot deviations were checked.
    exact : bool
        Whether the game is exact (values as Fractions) or float.
    note : str
    """

    automata: Mapping[str, Automaton]
    delta: Fraction | None
    delta_set: DeltaSet
    subgame_perfect: bool | None
    violations: tuple[IncentiveCondition, ...]
    prefix: tuple[Mapping[str, str], ...]
    cycle: tuple[Mapping[str, str], ...]
    values: Mapping[str, Any] | None
    reachable: tuple[Mapping[str, str], ...]
    conditions: tuple[IncentiveCondition, ...]
    checked: int
    exact: bool
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """Strict-JSON data; exact numbers as strings, labels rather than indices."""
        return {
            "automata": {p: a.name for p, a in self.automata.items()},
            "delta": None if self.delta is None else str(self.delta),
            "delta_set": self.delta_set.to_json(),
            "delta_set_text": str(self.delta_set),
            "subgame_perfect": self.subgame_perfect,
            "violations": [v.to_json(self.exact) for v in self.violations],
            "path": {"prefix": [dict(a) for a in self.prefix], "cycle": [dict(a) for a in self.cycle]},
            "values": None if self.values is None else {p: _json_value(v, self.exact) for p, v in self.values.items()},
            "reachable_states": [dict(w) for w in self.reachable],
            "conditions": [c.to_json(self.exact) for c in self.conditions],
            "checked": self.checked,
            "note": self.note,
        }

    def __str__(self) -> str:
        players = list(self.automata)
        lines = ["Automata: " + ", ".join(f"{p} plays {a.name}" for p, a in self.automata.items())]
        lines.append("Outcome path: " + _path_text(players, self.prefix, self.cycle))
        n = len(self.reachable)
        where = "for no δ in (0, 1)" if self.delta_set.is_empty else f"for δ in {self.delta_set}"
        lines.append(f"Subgame perfect {where} ({n} joint state{'s' if n != 1 else ''} reachable by some history, "
                     f"{self.checked} one-shot deviation{'s' if self.checked != 1 else ''} checked)")
        if self.delta is not None:
            verdict = "subgame perfect" if self.subgame_perfect else "not subgame perfect"
            lines.append(f"At δ = {self.delta}: {verdict}")
            if self.values is not None:
                lines.append("  values: " + ", ".join(f"{p} {_text(v)}" for p, v in self.values.items()))
            for v in self.violations[:10]:
                lines.append(f"  {v.describe()} gains {_text(v.gain)}")
            if len(self.violations) > 10:
                lines.append(f"  ... and {len(self.violations) - 10} more")
        if self.conditions:
            lines.append("Conditions (each one-shot deviation does not pay for δ in):")
            for c in self.conditions[:12]:
                lines.append(f"  {c.describe()}: {c.holds}")
            if len(self.conditions) > 12:
                lines.append(f"  ... and {len(self.conditions) - 12} more")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def _path_text(players: list[str], prefix: Sequence[Mapping[str, str]], cycle: Sequence[Mapping[str, str]]) -> str:
    def show(a: Mapping[str, str]) -> str:
        return "(" + ", ".join(a[p] for p in players) + ")"

    head = ", ".join(show(a) for a in prefix)
    loop = ", ".join(show(a) for a in cycle)
    if not prefix:
        return f"{loop} for ever" if len(cycle) == 1 else f"repeat [{loop}] for ever"
    return f"{head}, then " + (f"{loop} for ever" if len(cycle) == 1 else f"repeat [{loop}] for ever")


# ---------------------------------------------------------------------- the check
def _path_lengths(reach: Sequence[JointState], succ: Mapping[JointState, JointState]) -> dict[JointState, int]:
    """For each state, the number of distinct states the on-path play visits from it (prefix plus cycle)."""
    out: dict[JointState, int] = {}
    for start in reach:
        stack: list[JointState] = []
        pos: dict[JointState, int] = {}
        w = start
        while w not in out and w not in pos:
            pos[w] = len(stack)
            stack.append(w)
            w = succ[w]
        if w in pos:  # a new cycle: every state on it visits the whole cycle
            cyc = stack[pos[w]:]
            for c in cyc:
                out[c] = len(cyc)
            del stack[pos[w]:]
        for x in reversed(stack):
            out[x] = out[succ[x]] + 1
    return out


def _values(jp: JointPlay, reach: list[JointState], succ: Mapping[JointState, JointState],
            pay: Mapping[JointState, tuple[Fraction, ...]]) -> tuple[dict[JointState, tuple[Poly, ...]],
                                                                      dict[JointState, Poly]]:
    """``(P, Q)``: the normalised value of player ``i`` from joint state ``w`` is ``P[w][i] / Q[w]``."""
    n = jp.game.num_players
    P: dict[tuple[int, ...], tuple[Poly, ...]] = {}
    Q: dict[tuple[int, ...], Poly] = {}
    for start in reach:
        if start in P:
            continue
        stack: list[tuple[int, ...]] = []
        on_stack: dict[tuple[int, ...], int] = {}
        w = start
        while w not in P and w not in on_stack:
            on_stack[w] = len(stack)
            stack.append(w)
            w = succ[w]
        if w in on_stack:  # a new cycle: stack[k:]
            k = on_stack[w]
            cyc = stack[k:]
            L = len(cyc)
            q: Poly = tuple(Fraction(1) for _ in range(L))
            for j, c in enumerate(cyc):
                polys = []
                for i in range(n):
                    coeffs = [pay[jp.action(cyc[(j + t) % L])][i] for t in range(L)]
                    polys.append(_trim(coeffs))
                P[c] = tuple(polys)
                Q[c] = q
            del stack[k:]
        # the prefix, backwards: P(w) = (1 - δ) u(w) Q + δ P(σ(w))
        for w in reversed(stack):
            nxt = succ[w]
            q = Q[nxt]
            u = pay[jp.action(w)]
            P[w] = tuple(_add(_scale(_mul(_ONE_MINUS_D, q), u[i]), _mul(_D, P[nxt][i])) for i in range(n))
            Q[w] = q
    return P, Q


def check_automata(game: Game, automata: Mapping[str, Automaton], delta: object = None, *,
                   max_cost: object = None) -> AutomatonCheck:
    """Check a profile of automata for subgame perfection: the exact set of δ, and the verdict at ``delta``.

    Parameters
    ----------
    game : Game
        A numeric stage game (exact or float).
    automata : Mapping[str, Automaton]
        One automaton per player (``{player: automaton}``).
    delta : Fraction, str, int or float, optional
        A discount factor in (0, 1) to check (a float is read as the decimal it prints as).
    max_cost : float, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) when the joint
        states, profiles and polynomial degrees make the work too large.

    Returns
    -------
    AutomatonCheck
    """
    game = require_game(game)
    game.require_numeric("checking automata for subgame perfection")
    d = coerce_delta(delta)
    jp = joint_play(game, automata, max_cost=max_cost)
    n = game.num_players
    n_prof = game.num_profiles
    # every joint state some history leads to (one-shot deviations included, on and off the path); the
    # product of the state counts bounds them, but most profiles reach few, so the cost is checked as they
    # are found (each time their number doubles) rather than refused on the bound
    reach_set = {jp.initial}
    reach = [jp.initial]
    k, next_check = 0, 1
    while k < len(reach):
        if len(reach) >= next_check:
            check_cost(2 * len(reach) * n_prof * n * PYTHON_STEP_COST, max_cost, "automata",
                       "reachable joint states x pure profiles x players, to find the states some history reaches")
            next_check = 2 * len(reach)
        w = reach[k]
        k += 1
        for prof in jp.profiles:
            nxt = jp.step(w, prof)
            if nxt not in reach_set:
                reach_set.add(nxt)
                reach.append(nxt)
    deviations = sum(k - 1 for k in game.shape)
    succ = {w: jp.step(w, jp.action(w)) for w in reach}
    # a value polynomial's degree is the length of the play from its state until it repeats
    deg = max(_path_lengths(reach, succ).values())
    check_cost(len(reach) * deviations * (deg + 1) ** 2 * PYTHON_STEP_COST, max_cost, "automata",
               "reachable joint states x one-shot deviations x degree^2 of the value polynomials")
    pay = _exact_payoffs(game)
    P, Q = _values(jp, reach, succ, pay)

    from .discount import DeltaSet, delta_set

    cache: dict[Poly, DeltaSet] = {}
    conditions: list[IncentiveCondition] = []
    checked = 0
    total = everything = DeltaSet.everything()
    for w in reach:
        a = jp.action(w)
        for i in range(n):
            for dev in range(game.shape[i]):
                if dev == a[i]:
                    continue
                checked += 1
                b = a[:i] + (dev,) + a[i + 1:]
                w2 = jp.step(w, b)
                # V_i(w) - (1 - δ) u_i(b) - δ V_i(w2), times Q(w) Q(w2) > 0
                N = _add(_mul(P[w][i], Q[w2]),
                         _scale(_mul(_mul(_ONE_MINUS_D, Q[w]), Q[w2]), -pay[b][i]),
                         _scale(_mul(_mul(_D, P[w2][i]), Q[w]), Fraction(-1)))
                if all(c >= 0 for c in N):
                    continue  # a sum of nonnegative multiples of powers of δ: holds on all of (0, 1)
                key = _normalized(N)
                if key not in cache:
                    cache[key] = delta_set(weak=[_sympy_poly(key)])
                holds = cache[key]
                if holds.intervals == everything.intervals:
                    continue
                gain = None
                if d is not None:
                    exact_gain = -_eval(N, d) / (_eval(Q[w], d) * _eval(Q[w2], d))
                    gain = exact_gain if game.is_exact else float(exact_gain)
                conditions.append(IncentiveCondition(MappingProxyType(jp.state_labels(w)), game.players[i],
                                                     game.strategies[i][a[i]], game.strategies[i][dev], holds, gain))
                total = total.intersection(holds)
    subgame_perfect = None
    violations: tuple[IncentiveCondition, ...] = ()
    values = None
    if d is not None:
        from ..profile import default_tolerance

        tol = default_tolerance(game)
        violations = tuple(c for c in conditions if c.gain is not None and c.gain > tol)
        subgame_perfect = not violations
        w0 = jp.initial
        vals = [_eval(P[w0][i], d) / _eval(Q[w0], d) for i in range(n)]
        values = MappingProxyType({p: (Fraction(v) if game.is_exact else float(v)) for p, v in zip(game.players, vals)})
    prefix, cycle = jp.path()
    note = ""
    if not game.is_exact:
        note = ("float payoffs: the set of δ is computed from their exact binary values, and at δ gains within "
                "the tolerance are ignored")
    return AutomatonCheck(
        automata=MappingProxyType({a.player: a for a in jp.automata}),
        delta=d,
        delta_set=total,
        subgame_perfect=subgame_perfect,
        violations=violations,
        prefix=tuple(MappingProxyType(jp.profile_labels(jp.action(w))) for w in prefix),
        cycle=tuple(MappingProxyType(jp.profile_labels(jp.action(w))) for w in cycle),
        values=values,
        reachable=tuple(MappingProxyType(jp.state_labels(w)) for w in reach),
        conditions=tuple(conditions),
        checked=checked,
        exact=game.is_exact,
        note=note,
    )
