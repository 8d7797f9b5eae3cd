r"""The finitely repeated game: subgame-perfect payoffs and paths when the stage game is played T times.

The stage game :math:`G` is played in rounds :math:`1, \dots, T`; after each
round every player sees the profile played.  A player's payoff is the
discounted sum :math:`\sum_{t=1}^{T} \delta^{t-1} u_i(a^t)` (with
:math:`\delta = 1` the plain sum; in this module the sum is **not**
normalised by :math:`1-\delta`: a finite game has no need of it).

**Backward induction on sets of continuation payoffs** (Benoit and Krishna
1985, section 3; Abreu, Pearce and Stacchetti 1990 for the set form).  Every
subgame that starts with :math:`k` rounds left is the same :math:`k`-times
repeated game, so its set :math:`W_k` of subgame-perfect payoff vectors does
not depend on the history.  With :math:`W_0 = \{0\}` and
:math:`m^{k}_i = \min_{w \in W_k} w_i` (the harshest punishment of player
:math:`i` that is itself subgame perfect),

.. math::

    W_k = \{\, u(a) + \delta v \;:\; a \text{ a pure profile},\ v \in W_{k-1},\
          \delta\,(v_i - m^{k-1}_i) \ge \max_{a_i'} u_i(a_i', a_{-i}) - u_i(a)
          \text{ for every } i \,\}.

The continuation after each first-round profile can be chosen independently
in :math:`W_{k-1}`, so a profile :math:`a` is played with continuation
:math:`v` in some subgame-perfect equilibrium exactly when every player's
stage gain from deviating is at most the discounted loss from being
switched to her worst continuation (the one-shot deviation principle:
continuations after two players deviate at once are arbitrary).  This gives
the **exact** set of payoff vectors of pure-strategy subgame-perfect
equilibria.

With ``mixed=True`` (the default) a round may also play a mixed stage
equilibrium :math:`\alpha` whose continuation does not depend on that
round's outcome, adding :math:`u(\alpha) + \delta W_{k-1}` to :math:`W_k`; such
profiles are subgame perfect (each player is indifferent on her support
and cannot move the continuation).  Mixed play followed by outcome-dependent
continuations is not included, and the set is then a subset of all
behaviour-strategy subgame-perfect payoffs; the stage equilibria used are
the extreme ones listed by :func:`gametheory.repeated.stage.stage_equilibria`.

Consequences (Benoit and Krishna 1985): when the stage game has a **unique**
equilibrium, the only subgame-perfect equilibrium of every finite
repetition plays it in every round whatever happened before (the last round
must play it, so the round before cannot be influenced, and so on); with
several stage equilibria whose payoffs differ for each player, profiles
that are no stage equilibrium can be played in early rounds, enforced by
the threat to switch to a worse equilibrium at the end.

The *most cooperative path* is the path of the element of :math:`W_T` with
the largest sum of payoffs (ties: the largest smallest payoff), with each
round's continuation and, for every player, the subgame-perfect
continuation :math:`\arg\min_{w \in W_{k-1}} w_i` that follows her deviation.

Cost: the sets can grow like :math:`(|A| + M)^k` (:math:`|A|` pure
profiles, :math:`M` mixed stage equilibria) but never beyond the lattice of
attainable sums (rational payoffs with common denominator :math:`D_i`
and :math:`\delta = p/q`: at most :math:`k\,r_i D_i q^{k-1} + 1` values per
player, :math:`r_i` the payoff range); the estimate
:math:`\sum_k |A|\,N\,|W_{k-1}|` is checked with
:func:`gametheory.cost.check_cost` before the work.

References
----------
J.-P. Benoit and V. Krishna, "Finitely repeated games", *Econometrica* 53
(1985) 905-922.

D. Abreu, D. Pearce and E. Stacchetti, "Toward a theory of discounted
repeated games with imperfect monitoring", *Econometrica* 58 (1990)
1041-1063 (self-generating sets of continuation payoffs).

R. Gibbons, *Game Theory for Applied Economists*, Princeton University
Press (1992), section 2.3.A (two-stage repeated games).

Examples
--------
Gibbons' game (1992, section 2.3.A): the stage equilibria (L1, L2) and
(R1, R2) pay 1 and 3 to each; (M1, M2) pays 4 each, but each player gains 1
by deviating.  Played twice, (M1, M2) in round 1 is subgame perfect: a
deviator is answered with (L1, L2) in round 2 and loses 3 - 1 = 2.

>>> from gametheory import Game
>>> g = Game.from_bimatrix([[1, 5, 0], [0, 4, 0], [0, 0, 3]], [[1, 0, 0], [5, 4, 0], [0, 0, 3]],
...                        players=["Row", "Column"], strategies=[["L1", "M1", "R1"], ["L2", "M2", "R2"]])
>>> fh = finite_horizon(g, 2, mixed=False)
>>> sorted(tuple(map(int, w)) for w in fh.payoffs)
[(2, 2), (3, 8), (4, 4), (6, 6), (7, 7), (8, 3)]
>>> [dict(r.profile) for r in fh.cooperative_path]
[{'Row': 'M1', 'Column': 'M2'}, {'Row': 'R1', 'Column': 'R2'}]
>>> fh.cooperative_path[0].punishments["Row"].stage_equilibrium
'Row: L1; Column: L2'
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from ..cost import check_cost, validate_max_cost
from ..errors import InputError, UnsupportedGameError
from ..game import Game, require_game
from ..game_text import plural, profile_text, values_text
from ..numbers import format_number, to_exact, to_float
from ..profile import MixedProfile, default_tolerance
from ..result import json_number

__all__ = ["FiniteHorizon", "Round", "Punishment", "finite_horizon", "horizon_cost"]

#: Payoff vectors written out by ``__str__`` before "and N more".
_SHOWN = 12


# ---------------------------------------------------------------------- results
@dataclass(frozen=True)
class Punishment:
    """What follows a deviation by one player in one round of a subgame-perfect path.

    Attributes
    ----------
    player : str
        The deviator.
    deviation : str or None
        Her best other stage action against the others' play (None: she has no other action).
    gain : number or None
        Its stage gain over the path's action (at most 0: she has no reason to deviate).
    continuation : tuple of Round
        The subgame-perfect path played in the remaining rounds after she deviates: the one that is
        worst for her (:math:`\\arg\\min_{w \\in W_{k-1}} w_i`).
    value, reward : number
        Her payoff from the next round on after the deviation, and on the path (both discounted
        to the next round); the deviation does not pay because ``gain <= delta * (reward - value)``.
    stage_equilibrium : str or None
        The stage equilibrium repeated in every remaining round, when the continuation is one.
    """

    player: str
    deviation: str | None
    gain: Any
    continuation: tuple[Round, ...]
    value: Any
    reward: Any
    stage_equilibrium: str | None

    def to_json(self, exact: bool) -> dict:
        return {"deviation": self.deviation,
                "gain": None if self.gain is None else json_number(self.gain, exact),
                "continuation": [r.to_json(exact) for r in self.continuation],
                "value": json_number(self.value, exact), "reward": json_number(self.reward, exact),
                "stage_equilibrium": self.stage_equilibrium}


@dataclass(frozen=True)
class Round:
    """One round of a path: the profile played, its stage payoffs, and how deviations are answered.

    Attributes
    ----------
    round : int
        1 .. T.
    profile : mapping or None
        ``{player: label}`` when the round's play is pure; None when it is a mixed stage equilibrium.
    mixed : MixedProfile or None
        The mixed stage equilibrium played (its continuation does not depend on the outcome).
    payoffs : mapping
        ``{player: stage payoff}`` (expected for a mixed round).
    punishments : mapping
        ``{player: Punishment}`` on the most cooperative path before the last round; empty in a
        continuation listed inside a :class:`Punishment`, in the last round and in mixed rounds
        (nothing done now changes the continuation, so only stage incentives count).
    """

    round: int
    profile: Mapping[str, str] | None
    mixed: MixedProfile | None
    payoffs: Mapping[str, Any]
    punishments: Mapping[str, Punishment] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def play_text(self) -> str:
        if self.profile is not None:
            return "; ".join(f"{p}: {s}" for p, s in self.profile.items())
        assert self.mixed is not None
        return profile_text(self.mixed)

    def to_json(self, exact: bool) -> dict:
        out: dict[str, Any] = {"round": self.round}
        if self.profile is not None:
            out["profile"] = dict(self.profile)
        else:
            assert self.mixed is not None
            out["mixed"] = {p: {s: json_number(q, self.mixed.exact) for s, q in d.items()}
                            for p, d in self.mixed.as_dict().items()}
        out["payoffs"] = {p: json_number(v, exact) for p, v in self.payoffs.items()}
        if self.punishments:
            out["punishments"] = {p: pun.to_json(exact) for p, pun in self.punishments.items()}
        return out


@dataclass(frozen=True)
class FiniteHorizon:
    """The subgame-perfect outcomes of the stage game repeated ``horizon`` times.

    Attributes
    ----------
    players : tuple of str
    horizon : int
        T, the number of rounds.
    delta : Fraction or float
        The discount factor; 1 means the plain sum of the stage payoffs.
    exact : bool
    mixed : bool
        Whether a round may play a mixed stage equilibrium whose continuation ignores its outcome.
    stage_equilibria : tuple of MixedProfile
        Every extreme stage equilibrium when ``stage_complete``; else only the pure ones.
    stage_complete : bool
        False when the stage game's equilibria could not all be found (``mixed=False`` only).
    unique_stage_equilibrium : bool
        The stage game has exactly one equilibrium (with ``stage_complete``).
    payoffs : tuple of tuple
        The exact set of subgame-perfect payoff vectors (players in order), from round 1,
        sorted by decreasing sum; empty when there is none of the kind computed.
    cooperative_path : tuple of Round
        The path of the vector with the largest sum, with the punishments (empty if ``payoffs`` is).
    cooperative_payoffs : mapping or None
        ``{player: value}`` of that path.
    cooperation_rounds : tuple of int
        The rounds of the most cooperative path whose profile is no stage equilibrium.
    playable : tuple of (mapping, tuple of int)
        Each pure profile played in round t of some subgame-perfect equilibrium, with those rounds.
    note : str
    """

    players: tuple[str, ...]
    horizon: int
    delta: Any
    exact: bool
    mixed: bool
    stage_equilibria: tuple[MixedProfile, ...]
    stage_complete: bool
    unique_stage_equilibrium: bool
    payoffs: tuple[tuple, ...]
    cooperative_path: tuple[Round, ...]
    cooperative_payoffs: Mapping[str, Any] | None
    cooperation_rounds: tuple[int, ...]
    playable: tuple[tuple[Mapping[str, str], tuple[int, ...]], ...]
    note: str

    def to_json(self) -> dict:
        ex = self.exact
        return {
            "horizon": self.horizon,
            "delta": json_number(self.delta, ex),
            "exact": ex,
            "mixed_stage_rounds": self.mixed,
            "stage_equilibria": [{p: {s: json_number(q, e.exact) for s, q in d.items()}
                                  for p, d in e.as_dict().items()} for e in self.stage_equilibria],
            "stage_complete": self.stage_complete,
            "unique_stage_equilibrium": self.unique_stage_equilibrium,
            "payoffs": [{p: json_number(v, ex) for p, v in zip(self.players, w)} for w in self.payoffs],
            "cooperative_path": [r.to_json(ex) for r in self.cooperative_path],
            "cooperative_payoffs": (None if self.cooperative_payoffs is None else
                                    {p: json_number(v, ex) for p, v in self.cooperative_payoffs.items()}),
            "cooperation_rounds": list(self.cooperation_rounds),
            "playable": [{"profile": dict(prof), "rounds": list(rounds)} for prof, rounds in self.playable],
            "note": self.note,
        }

    def __str__(self) -> str:
        T = self.horizon
        how = ("the plain sum of stage payoffs" if self.delta == 1 else
               f"the sum of stage payoffs discounted by δ = {format_number(self.delta)}, not normalised")
        lines = [f"The stage game played T = {T} time{'s' if T != 1 else ''} ({how}); subgame-perfect outcomes "
                 f"by backward induction (Benoit and Krishna 1985)"]
        n = len(self.stage_equilibria)
        proof = "" if self.stage_complete else ", only the pure ones: the stage solve could not find them all"
        lines.append(f"stage equilibria ({n}{proof})" + (", unique:" if self.unique_stage_equilibrium else ":"))
        for e in self.stage_equilibria:
            lines.append(f"  {profile_text(e)}  (payoffs {values_text(e.payoffs())})")
        with_mixed = self.mixed and any(not e.is_pure for e in self.stage_equilibria)
        kind = "pure strategies" + (", and mixed stage equilibria whose continuation ignores their outcome"
                                    if with_mixed else "")
        lines.append(f"subgame-perfect payoff vectors ({kind}): {len(self.payoffs)}")
        shown = ["(" + ", ".join(format_number(v) for v in w) + ")" for w in self.payoffs[:_SHOWN]]
        if shown:
            more = f", and {len(self.payoffs) - _SHOWN} more" if len(self.payoffs) > _SHOWN else ""
            lines.append("  " + ", ".join(shown) + more)
        if self.cooperative_path:
            assert self.cooperative_payoffs is not None
            lines.append(f"most cooperative path (largest sum; payoffs {values_text(self.cooperative_payoffs)}):")
            for r in self.cooperative_path:
                what = "" if r.round in self.cooperation_rounds else "a stage equilibrium; "
                lines.append(f"  round {r.round}: {r.play_text}  ({what}stage payoffs {values_text(r.payoffs)})")
                for pun in r.punishments.values():
                    if pun.deviation is None or not pun.gain > 0:  # only a tempting deviation needs a threat
                        continue
                    answer = (f"({pun.stage_equilibrium}) in every remaining round" if pun.stage_equilibrium else
                              " > ".join(f"({x.play_text})" for x in pun.continuation))
                    lines.append(f"    {pun.player} deviating to {pun.deviation} gains {format_number(pun.gain)} now; "
                                 f"then {answer}, worth {format_number(pun.value)} to {pun.player} from the next "
                                 f"round on instead of {format_number(pun.reward)}")
            coop = self.cooperation_rounds
            if coop:
                rounds = "round" if len(coop) == 1 else "rounds"
                lines.append(f"  no stage equilibrium is played in {rounds} {', '.join(map(str, coop))}: "
                             "cooperation enforced by the threat to switch equilibria later")
        lines.append(f"note: {self.note}")
        return "\n".join(lines)


# ---------------------------------------------------------------------- inputs
def _horizon(horizon: object) -> int:
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)):
        raise InputError(f"the horizon must be a whole number of rounds, got {horizon!r}", field="horizon")
    if horizon < 1:
        raise InputError(f"the horizon must be at least 1 round, got {horizon}", field="horizon")
    return int(horizon)


def _delta(delta: object, exact: bool):
    """The discount factor in the game's arithmetic, checked to lie in (0, 1]."""
    value: Any = to_exact(delta, field="delta") if exact else to_float(delta, field="delta")
    if not 0 < value <= 1:
        raise InputError(f"the discount factor must lie in (0, 1] (1: the plain sum), got {format_number(value)}",
                         field="delta")
    return value


def _stage_equilibria(game: Game, mixed: bool) -> tuple[tuple[MixedProfile, ...], bool]:
    """The extreme stage equilibria and whether the list is every one of them.

    The pure subgame-perfect set needs no stage solve (a pure stage equilibrium is a profile
    without profitable deviation), so with ``mixed=False`` a stage game whose equilibria cannot
    all be found still gets its exact answer, with the pure stage equilibria listed.
    """
    from .stage import stage_equilibria

    try:
        return stage_equilibria(game), True
    except UnsupportedGameError:
        if mixed:
            raise
    pure = []
    for prof in game.pure_profiles():
        e = MixedProfile.pure(game, prof)
        if e.is_equilibrium():
            pure.append(e)
    return tuple(pure), False


# ---------------------------------------------------------------------- cost
def _lcm_denominators(values) -> int:
    out = 1
    for x in values:
        out = math.lcm(out, Fraction(x).denominator)
    return out


def horizon_cost(game: Game, horizon: int, delta=1, mixed_payoffs: Sequence[Sequence] = (),
                 limit: int | None = None) -> int:
    r"""An upper bound on the elementary steps of :func:`finite_horizon` (see the module docstring).

    Round :math:`k` checks :math:`N` incentive constraints for each of the :math:`|A|` pure profiles
    against each element of :math:`W_{k-1}` and adds one vector per mixed stage equilibrium
    (payoff vectors ``mixed_payoffs``) and element; :math:`|W_k|` is bounded by
    :math:`(|A| + M)\,|W_{k-1}|` and, in an exact game, by the lattice of attainable sums.
    ``limit``: stop adding once the bound passes it (the horizon may be huge).

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> horizon_cost(pd, 2)  # stage gains 4 x 2 x 2, then 4 x 2 x |W_0| = 8 and 4 x 2 x |W_1| = 4 x 2 x 4
    56
    """
    game = require_game(game)
    P, N = game.num_profiles, game.num_players
    M = len(mixed_payoffs)
    total = P * N * max(game.shape)
    spans: list[int] | None = None  # per player: payoff range x common denominator (exact games)
    q = 1
    if game.is_exact:
        q = to_exact(delta, field="delta").denominator
        spans = []
        for i in range(N):
            col = game.payoffs[..., i].reshape(-1).tolist() + [w[i] for w in mixed_payoffs]
            spans.append(int((max(col) - min(col)) * _lcm_denominators(col)))
    size = 1
    for k in range(1, horizon + 1):
        total += (P * N + M) * size
        if limit is not None and total > limit:
            return total
        size *= P + M
        if spans is not None:
            # the sum over k rounds of delta^t x_t, each x_t on the grid 1/D in a range r: times D q^(k-1)
            # it is an integer within k r D q^(k-1) of the smallest
            bound = 1
            for span in spans:
                bound *= k * span * q ** (k - 1) + 1
            size = min(size, bound)
    return total


# ---------------------------------------------------------------------- the computation
def finite_horizon(game: Game, horizon: int, *, delta=1, mixed: bool = True,
                   equilibria: Sequence[MixedProfile] | None = None, max_cost=None) -> FiniteHorizon:
    """The subgame-perfect payoffs and the most cooperative path of the ``horizon``-times repeated game.

    Parameters
    ----------
    game : Game
        A numeric stage game (exact or float; substitute a symbolic game's parameters first).
    horizon : int
        T >= 1 rounds.
    delta : number, optional
        Discount factor in (0, 1]; 1 (default) sums the stage payoffs.  Exact games take it exactly
        (``"9/10"``, ``Fraction(9, 10)``).
    mixed : bool, optional
        Also let a round play a mixed stage equilibrium whose continuation ignores its outcome
        (default True: then a game whose only equilibrium is mixed has its repetition).  False: pure
        subgame-perfect equilibria only.
    equilibria : sequence of MixedProfile, optional
        The stage equilibria, when the caller has them (taken as every extreme one).
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) when :func:`horizon_cost` exceeds it.

    Returns
    -------
    FiniteHorizon

    Raises
    ------
    InputError
        A horizon below 1 or not whole, a discount factor outside (0, 1].
    UnsupportedGameError
        A symbolic game; with ``mixed=True``, a stage game whose equilibria cannot all be found
        (:func:`gametheory.repeated.stage.stage_equilibria`).

    Examples
    --------
    The prisoner's dilemma has one stage equilibrium, so only its repetition is subgame perfect:

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"],
    ...                         strategies=[["C", "D"], ["C", "D"]])
    >>> fh = finite_horizon(pd, 3)
    >>> fh.unique_stage_equilibrium, [tuple(map(str, w)) for w in fh.payoffs]
    (True, [('3', '3')])
    >>> [r.play_text for r in fh.cooperative_path]
    ['A: D; B: D', 'A: D; B: D', 'A: D; B: D']
    """
    game = require_game(game)
    game.require_numeric("the finitely repeated game")
    T = _horizon(horizon)
    exact = game.is_exact
    d = _delta(delta, exact)
    limit = validate_max_cost(max_cost)
    what = (f"backward induction on sets of subgame-perfect payoffs over {T} rounds, {game.num_profiles} "
            "profiles")
    # pure play first (it bounds the work before any stage solve), then with the mixed stage equilibria
    check_cost(horizon_cost(game, T, d, limit=limit), max_cost, "horizon", what)
    if equilibria is None:
        stage, stage_complete = _stage_equilibria(game, mixed)
    else:
        stage, stage_complete = tuple(equilibria), True
        for e in stage:
            if not isinstance(e, MixedProfile) or e.game != game:
                raise InputError("equilibria must be MixedProfiles of this game", field="equilibria")
    mixed_eqs = [e for e in stage if not e.is_pure] if mixed else []
    if mixed_eqs:
        check_cost(horizon_cost(game, T, d, [tuple(e.payoffs().values()) for e in mixed_eqs], limit=limit),
                   max_cost, "horizon",
                   what + ", " + plural(len(mixed_eqs), "mixed stage equilibrium", "mixed stage equilibria"))
    return _solve(game, T, d, exact, stage, stage_complete, mixed, mixed_eqs)


class _StageData:
    """The stage game as arrays over the pure profiles (in ``itertools.product`` order).

    ``u``: (P, N) payoffs; ``need``: (P, N) each player's stage gain from her best other action,
    at least 0; ``dev``: (P, N) the index of that action, -1 when she has no other.
    """

    def __init__(self, game: Game, exact: bool):
        pay = game.payoffs if exact else np.asarray(game.payoffs, dtype=float)
        N = game.num_players
        self.profiles = list(itertools.product(*(range(n) for n in game.shape)))
        P = len(self.profiles)
        self.u = pay.reshape(P, N)
        need = np.empty((P, N), dtype=object if exact else float)
        dev = np.empty((P, N), dtype=np.int64)
        for i in range(N):
            X = pay[..., i]
            n = game.shape[i]
            if n == 1:
                need[:, i] = 0
                dev[:, i] = -1
                continue
            # the best other action: the best one, or the second best where the profile plays the best
            first = np.expand_dims(np.argmax(X, axis=i), i)
            top = np.take_along_axis(X, first, axis=i)
            lowered = X.copy()
            np.put_along_axis(lowered, first, X.min() - 1, axis=i)
            second = np.expand_dims(np.argmax(lowered, axis=i), i)
            runner = np.take_along_axis(X, second, axis=i)
            own = np.arange(n).reshape([n if j == i else 1 for j in range(X.ndim)])
            plays_top = own == first
            best_other = np.where(plays_top, runner, top)
            arg_other = np.where(plays_top, second, first)
            need[:, i] = (best_other - X).reshape(P)
            dev[:, i] = np.broadcast_to(arg_other, X.shape).reshape(P)
        self.gain = need.copy()  # signed: <= 0 when the profile's action is a best reply
        zero: Any = Fraction(0) if exact else 0.0
        self.need = np.where(need > zero, need, zero)
        self.dev = dev


def _unique_first(W: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Row indices of the first occurrence of each distinct row of ``keys``, in increasing order."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    if keys.dtype == object:  # exact sums beyond int64: hash the rows
        seen: dict[tuple, int] = {}
        for r, row in enumerate(map(tuple, keys.tolist())):
            seen.setdefault(row, r)
        return np.fromiter(seen.values(), dtype=np.int64, count=len(seen))
    _, first = np.unique(keys, axis=0, return_index=True)
    return np.sort(first)


#: Candidate rows gathered before they are merged into a level (bounds memory, not the result).
_BATCH = 1 << 20


class _Levels:
    """The sets W_0 .. W_T as arrays, with the witness of each element.

    Exact games keep integers: the elements of W_k times ``D q^k`` (``D`` the common denominator of
    the stage payoffs, ``delta = p/q``), so that ``w = u(a) + delta v`` is ``U q^k + p V``, in int64
    when the bound allows it and Python ints otherwise; float games keep floats and merge vectors
    within the tolerance.
    """

    def __init__(self, stage: _StageData, mixed_pay: list[tuple], T: int, d, exact: bool, tol: float):
        self.exact, self.T, self.tol = exact, T, tol
        P, N = stage.u.shape
        self.P = P
        if exact:
            vals = list(stage.u.reshape(-1)) + [x for w in mixed_pay for x in w]
            D = _lcm_denominators(vals)
            frac = Fraction(d)
            self.D, self.p, self.q = D, frac.numerator, frac.denominator
            big = max([abs(x) * D for x in vals] + [abs(x) * D for x in stage.need.reshape(-1)] + [1])
            fits = int(big) * (T + 2) * self.q ** (T + 2) < 2 ** 62
            self.dtype: Any = np.int64 if fits else object
            self.U = np.array([[int(x * D) for x in row] for row in stage.u.tolist()], dtype=self.dtype)
            self.NEED = np.array([[int(x * D) for x in row] for row in stage.need.tolist()], dtype=self.dtype)
            self.UM = np.array([[int(x * D) for x in w] for w in mixed_pay], dtype=self.dtype).reshape(-1, N)
        else:
            self.dtype = float
            self.d = float(d)
            self.U = np.asarray(stage.u, dtype=float)
            self.NEED = np.asarray(stage.need, dtype=float)
            self.UM = np.array(mixed_pay, dtype=float).reshape(-1, N)
        self.values = [np.zeros((1, N), dtype=self.dtype)]
        self.kind = [np.full(1, -1, dtype=np.int64)]      # profile index, or P + j for mixed equilibrium j
        self.parent = [np.full(1, -1, dtype=np.int64)]    # row in the level below
        self.playable = np.zeros((P, T + 1), dtype=bool)  # [profile, k]: played with k rounds left

    def _keys(self, W: np.ndarray) -> np.ndarray:
        if self.exact:
            return W
        return np.rint(W / self.tol).astype(np.int64)

    def build(self) -> None:
        for k in range(1, self.T + 1):
            V = self.values[-1]
            N = V.shape[1]
            blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
            merged = (np.zeros((0, N), dtype=self.dtype), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
            pending = 0
            if len(V):
                low = V.min(axis=0)
                if self.exact:
                    qk = self.q ** k
                    slack = self.p * (V - low)  # p (V_i - M_i) >= NEED_i q^k: the one-shot deviation condition
                else:
                    slack = self.d * (V - low)
                rows = np.arange(len(V), dtype=np.int64)
                for a in range(self.P):
                    if self.exact:
                        ok = np.all(slack >= self.NEED[a] * qk, axis=1)
                        W = self.U[a] * qk + self.p * V[ok]
                    else:
                        ok = np.all(slack >= self.NEED[a] - self.tol, axis=1)
                        W = self.U[a] + self.d * V[ok]
                    if len(W):
                        self.playable[a, k] = True
                        blocks.append((W, np.full(len(W), a, dtype=np.int64), rows[ok]))
                        pending += len(W)
                    if pending > _BATCH:
                        merged, pending = self._merge(merged, blocks), 0
                        blocks = []
                for j in range(len(self.UM)):
                    W = self.UM[j] * qk + self.p * V if self.exact else self.UM[j] + self.d * V
                    blocks.append((W, np.full(len(W), self.P + j, dtype=np.int64), rows))
            merged = self._merge(merged, blocks)
            self.values.append(merged[0])
            self.kind.append(merged[1])
            self.parent.append(merged[2])

    def _merge(self, merged, blocks):
        if not blocks:
            return merged
        W = np.concatenate([merged[0]] + [b[0] for b in blocks])
        kind = np.concatenate([merged[1]] + [b[1] for b in blocks])
        parent = np.concatenate([merged[2]] + [b[2] for b in blocks])
        keep = _unique_first(W, self._keys(W))  # the merged rows come first, so earlier witnesses stay
        return W[keep], kind[keep], parent[keep]

    def vector(self, k: int, r: int) -> tuple:
        """Element ``r`` of W_k as numbers (Fractions or floats)."""
        row = self.values[k][r].tolist()
        if self.exact:
            scale = self.D * self.q ** k
            return tuple(Fraction(int(x), scale) for x in row)
        return tuple(float(x) for x in row)

    def worst_for(self, k: int, i: int) -> int:
        """The element of W_k worst for player ``i``; among ties the one best for the others."""
        V = self.values[k]
        col = V[:, i]
        low = col.min()
        cand = np.flatnonzero(col <= low + (0 if self.exact else self.tol))
        others = V[cand].sum(axis=1) - col[cand]
        return int(cand[int(np.argmax(others))])

    def order(self) -> list[int]:
        """The rows of W_T by decreasing sum, then decreasing payoffs in player order (on the scaled values)."""
        V = self.values[self.T]
        if V.dtype == object:
            rows = V.tolist()
            return sorted(range(len(rows)), key=lambda r: (-sum(rows[r]), [-x for x in rows[r]]))
        keys = [-V[:, i] for i in range(V.shape[1] - 1, -1, -1)] + [-V.sum(axis=1)]
        return np.lexsort(keys).tolist()

    def best_sum(self) -> int:
        """The element of W_T with the largest sum (ties: the largest smallest payoff; then the first)."""
        V = self.values[self.T]
        total, least = V.sum(axis=1), V.min(axis=1)
        cand = np.flatnonzero(total >= total.max() - (0 if self.exact else self.tol * V.shape[1]))
        return int(cand[int(np.argmax(least[cand]))])


def _solve(game: Game, T: int, d, exact: bool, stage: tuple[MixedProfile, ...], stage_complete: bool,
           mixed: bool, mixed_eqs: list[MixedProfile]) -> FiniteHorizon:
    tol = default_tolerance(game) * T  # float sums of T payoffs: differences within tol count as equal
    data = _StageData(game, exact)
    profiles = data.profiles
    pure_stage = {tuple(int(np.argmax(v)) for v in e.vectors) for e in stage if e.is_pure}
    mixed_pay = [tuple(e.payoffs().values()) for e in mixed_eqs]
    if not exact:
        mixed_pay = [tuple(float(x) for x in w) for w in mixed_pay]
    lv = _Levels(data, mixed_pay, T, d, exact, tol)
    lv.build()
    players = game.players

    def labels(a: tuple) -> Mapping[str, str]:
        return MappingProxyType({p: game.strategies[i][a[i]] for i, p in enumerate(players)})

    def follow(k: int, r: int, first_round: int, with_punishments: bool) -> tuple[Round, ...]:
        """The path of element ``r`` of W_k, from round ``first_round`` on."""
        out: list[Round] = []
        while k > 0:
            x, parent = int(lv.kind[k][r]), int(lv.parent[k][r])
            t = first_round + len(out)
            if x < lv.P:
                a = profiles[x]
                pays = MappingProxyType(dict(zip(players, data.u[x].tolist())))
                puns = MappingProxyType(punish(k, x, parent, t) if with_punishments and k > 1 else {})
                out.append(Round(t, labels(a), None, pays, puns))
            else:
                pays = MappingProxyType(dict(zip(players, mixed_pay[x - lv.P])))
                out.append(Round(t, None, mixed_eqs[x - lv.P], pays))
            k, r = k - 1, parent
        return tuple(out)

    def punish(k: int, x: int, parent: int, t: int) -> dict[str, Punishment]:
        reward = lv.vector(k - 1, parent)
        out = {}
        for i, p in enumerate(players):
            arg = int(data.dev[x, i])
            low = lv.worst_for(k - 1, i)
            cont = follow(k - 1, low, t + 1, False)
            out[p] = Punishment(p, None if arg < 0 else game.strategies[i][arg],
                                None if arg < 0 else data.gain[x, i], cont, lv.vector(k - 1, low)[i], reward[i],
                                _repeated_stage_equilibrium(cont, pure_stage, game))
        return out

    payoffs = [lv.vector(T, r) for r in lv.order()]
    path: tuple[Round, ...] = ()
    coop = None
    if payoffs:
        best = lv.best_sum()
        path = follow(T, best, 1, True)
        coop = MappingProxyType(dict(zip(players, lv.vector(T, best))))
    unique = stage_complete and len(stage) == 1
    cooperation = tuple(r.round for r in path if r.profile is not None and game.profile_index(r.profile) not in
                        pure_stage)
    play_list = tuple((labels(a), tuple(T - k + 1 for k in range(T, 0, -1) if lv.playable[x, k]))
                      for x, a in enumerate(profiles) if lv.playable[x].any())
    note = _note(T, stage, stage_complete, unique, mixed, bool(payoffs))
    return FiniteHorizon(tuple(players), T, d, exact, mixed, stage, stage_complete, unique, tuple(payoffs),
                         path, coop, cooperation, play_list, note)


def _repeated_stage_equilibrium(cont: tuple[Round, ...], pure_stage: set[tuple[int, ...]], game: Game) -> str | None:
    """The text of the stage equilibrium played in every round of ``cont``, if one is."""
    if not cont or len({r.play_text for r in cont}) != 1:
        return None
    first = cont[0]
    if first.mixed is not None or game.profile_index(first.profile or {}) in pure_stage:
        return first.play_text
    return None


def _note(T: int, stage: tuple[MixedProfile, ...], complete: bool, unique: bool, mixed: bool, found: bool) -> str:
    parts = []
    if unique:
        e = stage[0]
        parts.append(f"the stage game has a unique equilibrium ({profile_text(e)}), so by backward induction the only "
                     f"subgame-perfect equilibrium of the game repeated {T} times, mixed strategies included, plays "
                     "it in every round whatever happened before (Benoit and Krishna 1985)")
        if not found:
            parts.append("it is mixed, and only pure equilibria were asked for (mixed=False): none exists")
    elif not found:
        parts.append("no pure-strategy subgame-perfect equilibrium: the stage game has no pure equilibrium, "
                     "which the last round would need" + ("" if mixed else " (mixed=False)"))
    if mixed and any(not e.is_pure for e in stage):
        parts.append("the payoff vectors listed are those of every pure-strategy subgame-perfect equilibrium, and "
                     "of those in which some rounds play "
                     "a mixed stage equilibrium whose continuation ignores that round's outcome; mixed play "
                     "followed by outcome-dependent continuations is not included")
    else:
        parts.append("the payoff vectors listed are exactly those of the pure-strategy subgame-perfect equilibria")
    if not complete:
        parts.append("the stage game's equilibria could not all be found, so only its pure equilibria are listed "
                     "(they are all found: the pure subgame-perfect set is exact)")
    return "; ".join(parts)
