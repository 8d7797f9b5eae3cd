r"""Playing automata against each other: payoff streams, exact discounted values, a round-robin tournament, a plot.

A profile of automata (:mod:`gametheory.repeated.automaton`) plays a
deterministic sequence of stage profiles.  :func:`play` records the first
``rounds`` of them with each player's stage payoffs, totals and averages,
and, given a discount factor :math:`\delta`, two exact normalised values:

* the part of the value earned in the rounds played,
  :math:`(1-\delta)\sum_{t<N} \delta^t u_t`;
* the value of the whole infinite play, :math:`V = (1-\delta)\sum_{t\ge0} \delta^t u_t`.
  The joint state repeats after at most :math:`\prod_i |W_i|` rounds, so the
  play is a prefix :math:`u_0, \dots, u_{k-1}` followed by a cycle
  :math:`c_0, \dots, c_{L-1}` repeated for ever, and

  .. math:: V = (1-\delta)\sum_{t<k} \delta^t u_t
            + \delta^k \, \frac{(1-\delta)\sum_{t<L} \delta^t c_t}{1-\delta^L}.

:func:`tournament` plays every ordered pair of entrants of a two-player game
(self-play included) in the manner of Axelrod's tournaments and ranks them by
their average payoff per round; :func:`plot_play` draws the streams.

Exact games give Fractions; float games give floats.

References
----------
R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984 (the round-robin tournament).

G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press, 2006, §2.1 (normalised discounted values).

Examples
--------
>>> from gametheory import Game
>>> from gametheory.repeated.automaton import builtin_automaton
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
...                         strategies=[["C", "D"], ["C", "D"]])
>>> p = play(pd, {"Row": builtin_automaton("tft", pd, "Row"), "Col": builtin_automaton("alld", pd, "Col")},
...          4, delta="1/2")
>>> [str(x) for x in p.payoffs["Row"]], str(p.value["Row"]), str(p.value["Col"])
(['0', '1', '1', '1'], '1/2', '3')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from types import MappingProxyType
from typing import Any

from ..cost import check_cost
from ..errors import InputError, UnsupportedGameError
from ..game import Game, require_game
from .automaton import Automaton, builtin_automaton
from .automaton_spe import PYTHON_STEP_COST, coerce_delta, joint_play

__all__ = ["Play", "play", "periodic_value", "Match", "Tournament", "tournament", "plot_play"]


def periodic_value(prefix: Sequence[Any], cycle: Sequence[Any], delta: Any) -> Any:
    """The normalised value :math:`(1-\\delta)\\sum_t \\delta^t u_t` of ``prefix`` then ``cycle`` repeated for ever.

    Exact for Fractions (``delta`` a Fraction), float otherwise.

    >>> str(periodic_value([Fraction(5)], [Fraction(0), Fraction(5)], Fraction(1, 2)))   # (5 + (1/2)(5/2)/(3/4))/2
    '10/3'
    """
    if not cycle:
        raise InputError("a periodic stream needs a non-empty cycle", field="cycle")
    one = delta ** 0
    head = sum((u * delta**t for t, u in enumerate(prefix)), 0 * one)
    loop = sum((c * delta**t for t, c in enumerate(cycle)), 0 * one)
    k, L = len(prefix), len(cycle)
    return (one - delta) * head + delta**k * (one - delta) * loop / (one - delta**L)


def _json(x: Any, exact: bool) -> Any:
    from ..result import json_number

    return json_number(x, exact)


def _text(x: Any) -> str:
    from ..numbers import format_number

    return format_number(x)


@dataclass(frozen=True)
class Play:
    """The first ``rounds`` rounds of a profile of automata, and its discounted values.

    Attributes
    ----------
    players : tuple[str, ...]
    automata : Mapping[str, str]
        Player -> the automaton's name.
    rounds : int
    profiles : tuple[Mapping[str, str], ...]
        The stage profile of each round (labels).
    states : tuple[Mapping[str, str], ...]
        Each player's automaton state at the start of each round.
    payoffs : Mapping[str, tuple]
        Player -> the stage payoff of each round (Fractions or floats).
    totals, averages : Mapping[str, value]
        The sum and the mean per round over the rounds played.
    cycle_start, cycle_length : int
        The play repeats: round ``t >= cycle_start`` plays as round ``t - cycle_length`` (0-based rounds).
    delta : Fraction or None
    discounted : Mapping[str, value] or None
        :math:`(1-\\delta)\\sum_{t<N} \\delta^t u_t` over the rounds played.
    value : Mapping[str, value] or None
        The normalised value of the whole infinite play.
    exact : bool
    """

    players: tuple[str, ...]
    automata: Mapping[str, str]
    rounds: int
    profiles: tuple[Mapping[str, str], ...]
    states: tuple[Mapping[str, str], ...]
    payoffs: Mapping[str, tuple[Any, ...]]
    totals: Mapping[str, Any]
    averages: Mapping[str, Any]
    cycle_start: int
    cycle_length: int
    delta: Fraction | None
    discounted: Mapping[str, Any] | None
    value: Mapping[str, Any] | None
    exact: bool

    def to_json(self) -> dict[str, Any]:
        """Strict-JSON data; exact numbers as strings."""
        ex = self.exact
        return {
            "players": list(self.players),
            "automata": dict(self.automata),
            "rounds": self.rounds,
            "profiles": [dict(a) for a in self.profiles],
            "states": [dict(w) for w in self.states],
            "payoffs": {p: [_json(x, ex) for x in xs] for p, xs in self.payoffs.items()},
            "totals": {p: _json(x, ex) for p, x in self.totals.items()},
            "averages": {p: _json(x, ex) for p, x in self.averages.items()},
            "cycle_start": self.cycle_start,
            "cycle_length": self.cycle_length,
            "delta": None if self.delta is None else str(self.delta),
            "discounted": None if self.discounted is None else {p: _json(x, ex) for p, x in self.discounted.items()},
            "value": None if self.value is None else {p: _json(x, ex) for p, x in self.value.items()},
        }

    def __str__(self) -> str:
        who = ", ".join(f"{p} plays {self.automata[p]}" for p in self.players)
        lines = [f"{self.rounds} round{'s' if self.rounds != 1 else ''}: {who}"]
        shown = min(self.rounds, 20)
        more = " ..." if self.rounds > shown else ""
        plays = ["/".join(a[p] for p in self.players) for a in self.profiles[:shown]]
        pays = {p: [_text(x) for x in self.payoffs[p][:shown]] for p in self.players}
        cols = [max(len(str(t + 1)), len(plays[t]), *(len(pays[p][t]) for p in self.players)) for t in range(shown)]
        head = max(len("round"), len("play"), *(len(p) for p in self.players))
        if head + sum(c + 2 for c in cols) <= 100:  # a table when it fits on a line, else one line per round
            lines.append(f"  {'round':<{head}}" + "".join(f"  {t + 1:>{c}}" for t, c in enumerate(cols)) + more)
            lines.append(f"  {'play':<{head}}" + "".join(f"  {x:>{c}}" for x, c in zip(plays, cols)))
            for p in self.players:
                lines.append(f"  {p:<{head}}" + "".join(f"  {x:>{c}}" for x, c in zip(pays[p], cols)))
        else:
            for t in range(shown):
                lines.append(f"  round {t + 1}: {plays[t]}  (" + ", ".join(f"{p} {pays[p][t]}" for p in self.players)
                             + ")")
            if more:
                lines.append("  ...")
        lines.append("Average per round: " + ", ".join(f"{p} {_text(self.averages[p])}" for p in self.players))
        lines.append(f"The play repeats a cycle of {self.cycle_length} round{'s' if self.cycle_length != 1 else ''} "
                     f"from round {self.cycle_start + 1}")
        if self.delta is not None and self.discounted is not None and self.value is not None:
            lines.append(f"Discounted at δ = {self.delta} (normalised, (1-δ)Σ δ^t u_t): first {self.rounds} rounds "
                         + ", ".join(f"{p} {_text(self.discounted[p])}" for p in self.players)
                         + "; whole infinite play " + ", ".join(f"{p} {_text(self.value[p])}" for p in self.players))
        return "\n".join(lines)


def _check_rounds(rounds: object) -> int:
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise InputError(f"rounds must be a positive integer, got {rounds!r}", field="rounds")
    return rounds


def play(game: Game, automata: Mapping[str, Automaton], rounds: int, delta: object = None, *,
         max_cost: object = None) -> Play:
    """Play a profile of automata (one per player) for ``rounds`` rounds.

    Parameters
    ----------
    game : Game
        A numeric stage game.
    automata : Mapping[str, Automaton]
    rounds : int
    delta : Fraction, str or float, optional
        A discount factor in (0, 1) for the discounted values (a float is read as the decimal it prints as).
    max_cost : float, optional
        Refuse long runs (rounds x players, plus the rounds until the play repeats).

    Returns
    -------
    Play
    """
    game = require_game(game)
    game.require_numeric("playing automata")
    rounds = _check_rounds(rounds)
    d = coerce_delta(delta)
    jp = joint_play(game, automata, max_cost=max_cost)
    n = game.num_players
    bound = prod(len(auto.states) for auto in jp.automata)
    check_cost((rounds + bound) * n * PYTHON_STEP_COST, max_cost, "play",
               "rounds x players, plus the rounds until the joint state repeats")
    exact = game.is_exact
    arr = game.payoffs
    conv = Fraction if exact else float
    profiles, states = [], []
    streams: list[list[Any]] = [[] for _ in range(n)]
    seen: dict[tuple[int, ...], int] = {}
    order: list[tuple[int, ...]] = []
    w = jp.initial
    t = 0
    cycle = None
    while t < rounds or cycle is None:
        if cycle is None:
            if w in seen:
                cycle = (seen[w], t - seen[w])
            else:
                seen[w] = t
                order.append(w)
        if t >= rounds and cycle is not None:
            break
        a = jp.action(w)
        if t < rounds:
            profiles.append(MappingProxyType(jp.profile_labels(a)))
            states.append(MappingProxyType(jp.state_labels(w)))
            for i in range(n):
                streams[i].append(conv(arr[a][i]))
        w = jp.step(w, a)
        t += 1
    start, length = cycle
    zero = conv(0)
    totals = {p: sum(streams[i], zero) for i, p in enumerate(game.players)}
    averages = {p: totals[p] / rounds for p in game.players}
    discounted = value = None
    if d is not None:
        dd: Any = d if exact else float(d)
        discounted = MappingProxyType({p: (1 - dd) * sum((u * dd**t for t, u in enumerate(streams[i])), zero)
                                       for i, p in enumerate(game.players)})
        pay = [[conv(arr[jp.action(x)][i]) for x in order] for i in range(n)]
        value = MappingProxyType({p: periodic_value(pay[i][:start], pay[i][start:start + length], dd)
                                  for i, p in enumerate(game.players)})
    return Play(
        players=game.players,
        automata=MappingProxyType({a.player: a.name for a in jp.automata}),
        rounds=rounds,
        profiles=tuple(profiles),
        states=tuple(states),
        payoffs=MappingProxyType({p: tuple(streams[i]) for i, p in enumerate(game.players)}),
        totals=MappingProxyType(totals),
        averages=MappingProxyType(averages),
        cycle_start=start,
        cycle_length=length,
        delta=d,
        discounted=discounted,
        value=value,
        exact=exact,
    )


# ---------------------------------------------------------------------- tournament
@dataclass(frozen=True)
class Match:
    """One match of a tournament: ``row`` in the first player's seat against ``col`` in the second's."""

    row: str
    col: str
    averages: tuple[Any, Any]
    values: tuple[Any, Any] | None


@dataclass(frozen=True)
class Tournament:
    """A round-robin tournament of automata in a two-player game.

    Attributes
    ----------
    players : tuple[str, str]
        The two seats.
    entrants : tuple[str, ...]
    rounds : int
    delta : Fraction or None
    matches : tuple[Match, ...]
        Every ordered pair of entrants (self-play included): ``E**2`` matches.
    scores : Mapping[str, value]
        Each entrant's average payoff per round over all its matches and seats.
    values : Mapping[str, value] or None
        With ``delta``: each entrant's mean normalised value of the infinite play, over its matches and seats.
    ranking : tuple[str, ...]
        The entrants by score, best first (ties in entry order).
    exact : bool
    """

    players: tuple[str, str]
    entrants: tuple[str, ...]
    rounds: int
    delta: Fraction | None
    matches: tuple[Match, ...]
    scores: Mapping[str, Any]
    values: Mapping[str, Any] | None
    ranking: tuple[str, ...]
    exact: bool

    def to_json(self) -> dict[str, Any]:
        """Strict-JSON data; exact numbers as strings."""
        ex = self.exact
        return {
            "players": list(self.players),
            "entrants": list(self.entrants),
            "rounds": self.rounds,
            "delta": None if self.delta is None else str(self.delta),
            "matches": [{"row": m.row, "col": m.col,
                         "averages": dict(zip(self.players, (_json(x, ex) for x in m.averages))),
                         "values": (None if m.values is None
                                    else dict(zip(self.players, (_json(x, ex) for x in m.values))))}
                        for m in self.matches],
            "scores": {e: _json(v, ex) for e, v in self.scores.items()},
            "values": None if self.values is None else {e: _json(v, ex) for e, v in self.values.items()},
            "ranking": list(self.ranking),
        }

    def __str__(self) -> str:
        p1, p2 = self.players
        width = max(len(e) for e in self.entrants)
        lines = [f"Round-robin tournament, {self.rounds} rounds a match ({p1} entrant vs {p2} entrant; "
                 f"average payoff per round: {p1}, {p2}):"]
        by_pair = {(m.row, m.col): m for m in self.matches}
        cells = {(r, c): f"{_text(by_pair[(r, c)].averages[0])}, {_text(by_pair[(r, c)].averages[1])}"
                 for r in self.entrants for c in self.entrants}
        col_w = {c: max([len(c)] + [len(cells[(r, c)]) for r in self.entrants]) for c in self.entrants}
        lines.append(" " * (width + 4) + "   ".join(f"{c:>{col_w[c]}}" for c in self.entrants))
        for r in self.entrants:
            lines.append(f"  {r:<{width}}  " + "   ".join(f"{cells[(r, c)]:>{col_w[c]}}" for c in self.entrants))
        lines.append("Ranking by average payoff per round:")
        for k, e in enumerate(self.ranking, 1):
            extra = ("" if self.values is None
                     else f"   (mean discounted value at δ = {self.delta}: {_text(self.values[e])})")
            lines.append(f"  {k}. {e}: {_text(self.scores[e])}{extra}")
        return "\n".join(lines)


def _entrant(game: Game, name: str, spec: object) -> tuple[Automaton, Automaton]:
    """An entrant's automaton for each seat: from an Automaton (moved to the other seat), a seat map, or a name."""
    p1, p2 = game.players
    if isinstance(spec, str):
        return builtin_automaton(spec, game, p1), builtin_automaton(spec, game, p2)
    if isinstance(spec, Automaton):
        return spec.for_player(game, p1), spec.for_player(game, p2)
    if isinstance(spec, Mapping):
        seats = {str(k): v for k, v in spec.items()}
        if set(seats) != {p1, p2} or not all(isinstance(v, Automaton) for v in seats.values()):
            raise InputError(f"entrant {name!r}: expected an Automaton, a built-in name, or {{player: Automaton}} for "
                             f"both players {[p1, p2]}", field="entrants")
        return seats[p1].validate(game), seats[p2].validate(game)
    raise InputError(f"entrant {name!r}: expected an Automaton, a built-in name, or {{player: Automaton}}, got "
                     f"{type(spec).__name__}", field="entrants")


def tournament(game: Game, entrants: Mapping[str, object] | Iterable[str], rounds: int, delta: object = None, *,
               max_cost: object = None) -> Tournament:
    """A round-robin tournament: every ordered pair of entrants plays ``rounds`` rounds (self-play included).

    Parameters
    ----------
    game : Game
        A numeric two-player stage game.
    entrants : Mapping[str, Automaton or str or Mapping[str, Automaton]] or iterable of str
        Name -> an automaton (played in either seat: :meth:`Automaton.for_player`
        swaps the players, which needs the same labels for both), a built-in
        name (:func:`~gametheory.repeated.automaton.builtin_automaton` with its
        defaults), or ``{player: Automaton}`` for each seat; a list of
        built-in names is read as ``{name: name}``.
    rounds : int
    delta : optional
        A discount factor: each match also gets the exact normalised values of its infinite play.
    max_cost : float, optional

    Returns
    -------
    Tournament

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
    ...                         strategies=[["C", "D"], ["C", "D"]])
    >>> t = tournament(pd, ["tft", "alld", "allc"], 10)
    >>> t.ranking, str(t.scores["alld"]), str(t.scores["tft"])
    (('alld', 'tft', 'allc'), '37/15', '23/10')
    """
    game = require_game(game)
    game.require_numeric("a tournament of automata")
    if game.num_players != 2:
        raise UnsupportedGameError(f"a round-robin tournament needs a two-player game, this one has "
                                   f"{game.num_players}")
    rounds = _check_rounds(rounds)
    if isinstance(entrants, Mapping):
        specs = {str(k): v for k, v in entrants.items()}
    elif isinstance(entrants, str) or not isinstance(entrants, Iterable):
        raise InputError(f"entrants: expected a mapping {{name: automaton}} or a list of built-in names, got "
                         f"{type(entrants).__name__}", field="entrants")
    else:
        specs = {}
        for e in entrants:
            if not isinstance(e, str):
                raise InputError(f"expected a built-in automaton name, got {type(e).__name__}", field="entrants")
            if e in specs:
                raise InputError(f"entrant {e!r} is listed twice", field="entrants")
            specs[e] = e
    if not specs:
        raise InputError("a tournament needs at least one entrant", field="entrants")
    names = tuple(specs)
    check_cost(len(names) ** 2 * rounds * 2 * PYTHON_STEP_COST, max_cost, "tournament",
               "entrants^2 x rounds x 2 players")
    seats = {e: _entrant(game, e, specs[e]) for e in names}
    p1, p2 = game.players
    matches = []
    exact = game.is_exact
    zero: Any = Fraction(0) if exact else 0.0
    score_sum = dict.fromkeys(names, zero)
    value_sum = dict.fromkeys(names, zero)
    for r in names:
        for c in names:
            pl = play(game, {p1: seats[r][0], p2: seats[c][1]}, rounds, delta, max_cost=max_cost)
            vals = None if pl.value is None else (pl.value[p1], pl.value[p2])
            matches.append(Match(r, c, (pl.averages[p1], pl.averages[p2]), vals))
            score_sum[r] += pl.averages[p1]
            score_sum[c] += pl.averages[p2]
            if vals is not None:
                value_sum[r] += vals[0]
                value_sum[c] += vals[1]
    seats_played = 2 * len(names)  # each entrant plays every entrant in each seat
    scores = {e: score_sum[e] / seats_played for e in names}
    d = coerce_delta(delta)
    values = None if d is None else MappingProxyType({e: value_sum[e] / seats_played for e in names})
    ranking = tuple(sorted(names, key=lambda e: (-scores[e], names.index(e))))
    return Tournament((p1, p2), names, rounds, d, tuple(matches), MappingProxyType(scores), values, ranking, exact)


# ---------------------------------------------------------------------- plot
def plot_play(result: Play, path: str | os.PathLike[str], *, title: str | None = None,
              dpi: int | None = None) -> None:
    """Draw each player's stage payoff per round and its running average; write ``path`` (.png, .pdf or .svg).

    ``dpi`` is a PNG's resolution (default :data:`gametheory.assumptions.plots.DEFAULT_DPI`).

    Written atomically (:func:`gametheory.assumptions.plots.save`); matplotlib is imported here, with Agg.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..assumptions.plots import save

    if not isinstance(result, Play):
        raise InputError(f"expected a Play (from gametheory.repeated.simulate.play), got {type(result).__name__}",
                         field="play")
    fig, ax = plt.subplots(figsize=(7, 3.8))
    try:
        xs = list(range(1, result.rounds + 1))
        for k, p in enumerate(result.players):
            ys = [float(x) for x in result.payoffs[p]]
            colour = f"C{k}"
            ax.step(xs, ys, where="mid", color=colour, label=f"{p} ({result.automata[p]})")
            running, acc = [], 0.0
            for t, y in enumerate(ys, 1):
                acc += y
                running.append(acc / t)
            ax.plot(xs, running, "--", color=colour, alpha=0.7, label=f"{p}: running average")
        if result.cycle_start < result.rounds:
            ax.axvline(result.cycle_start + 0.5, color="grey", lw=0.8, ls=":",
                       label=f"play repeats (cycle of {result.cycle_length})")
        ax.set_xlabel("round")
        ax.set_ylabel("stage payoff")
        heading = title if title is not None else " vs ".join(result.automata[p] for p in result.players)
        if result.delta is not None and result.value is not None:
            heading += f"  (δ = {result.delta}: values " + ", ".join(
                f"{p} {_text(result.value[p])}" for p in result.players) + ")"
        ax.set_title(heading, fontsize=10)
        ax.legend(fontsize=8, loc="best")
        save(fig, path, dpi=dpi, bbox_inches="tight")
    finally:
        plt.close(fig)
