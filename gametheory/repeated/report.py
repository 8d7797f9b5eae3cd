r"""One report on the repeated game of a stage game: minmax, folk set, grim trigger, penal codes, automata, horizon.

:func:`analyze_repeated` takes a game or a model (the stage game; a model at
its defaults, overridden by ``values``), chooses the target profile and runs
every part of :mod:`gametheory.repeated` that applies, each through its own
module:

- :func:`~gametheory.repeated.minmax.minmax_values` and
  :func:`~gametheory.repeated.feasible.feasible_set`: what the folk theorem
  allows (feasible payoff vectors above every player's minmax);
- :func:`~gametheory.repeated.grim.grim_trigger`: the smallest :math:`\delta`
  at which reverting for ever to the stage equilibrium worst for the deviator
  sustains the target, also as a formula in a model's parameters;
- :func:`~gametheory.repeated.penal.optimal_penal_code` (two players): Abreu's
  stick-and-carrot punishments, which may need less patience;
- :func:`~gametheory.repeated.automaton_spe.check_automata`: a profile of
  finite automata checked for subgame perfection (the exact set of
  :math:`\delta`), :func:`~gametheory.repeated.simulate.play` and
  :func:`~gametheory.repeated.simulate.tournament` for teaching;
- :func:`~gametheory.repeated.horizon.finite_horizon`: the subgame-perfect
  outcomes of the :math:`T`-times repeated game;
- the model's own repeated-game predictions (``sustainable``,
  ``not_sustainable``), checked by
  :func:`gametheory.predictions.check_repeated_prediction`, so that the
  thresholds a model file states stand next to the computed ones.

Values are normalised: a stream :math:`u_0, u_1, \dots` is worth
:math:`(1-\delta)\sum_t \delta^t u_t`.

The target profile, when none is given: the profile of the model's first
``sustainable`` prediction; else the pure profile with the largest sum of
payoffs among those that are not pure stage equilibria (the first in the
payoff table's order on ties; among all profiles when every one is an
equilibrium), the rule the built-in automata use for "cooperate".

References
----------
D. Abreu, "On the theory of infinitely repeated games with discounting",
*Econometrica* 56 (1988) 383-396.

J. P. Benoit and V. Krishna, "Finitely repeated games", *Econometrica* 53
(1985) 905-922.

G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press (2006), chapters 2-3.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InputError, UnsupportedGameError
from ..game import Game
from ..game_text import profile_text
from ..numbers import format_number

if TYPE_CHECKING:
    from ..predictions import Verdict
    from ..profile import MixedProfile
    from .automaton import Automaton

__all__ = ["RepeatedReport", "analyze_repeated"]


def _json_number(x: Any) -> Any:
    """An exact number as text ("1/3"), a float as a JSON number, a sympy expression as its text."""
    if x is None:
        return None
    if isinstance(x, float):
        return x
    if isinstance(x, (Fraction, int)):
        return str(Fraction(x))
    return str(x)


def _indent(text: str, by: str = "  ") -> list[str]:
    return [by + line if line else line for line in str(text).splitlines()]


def _to_json(part: Any) -> Any:
    return None if part is None else part.to_json()


@dataclass(frozen=True)
class RepeatedReport:
    """The repeated game of one stage game, every part that applies.

    Attributes
    ----------
    title : str
    game : Game
        The numeric stage game (a model's at ``values``).
    values : mapping
        The parameter values of a model (empty for a game).
    target : mapping or None
        ``{player: label}``: the pure profile to sustain.
    target_source : str
        Where the target comes from, in words.
    delta : Fraction or None
        The discount factor asked about (``--delta``).
    stage_equilibria : tuple of MixedProfile
        Every (extreme) stage equilibrium.
    minmax : MinmaxValues
    feasible : FeasibleSet
    grim : GrimTrigger or None
        At ``values`` (None without a target).
    grim_formula : GrimTrigger or None
        A model with parameters: grim trigger's threshold as a formula in them.
    penal : PenalCode or None
        Two players with a target.
    automata : AutomatonCheck or None
    play : Play or None
    tournament : Tournament or None
    horizon : FiniteHorizon or None
    predictions : tuple of Verdict
        The model's ``sustainable`` and ``not_sustainable`` predictions, checked at ``values``.
    notes : tuple of str
        What was left out and why.
    """

    title: str
    game: Game
    values: Mapping[str, Fraction]
    target: Mapping[str, str] | None
    target_source: str
    delta: Fraction | None
    stage_equilibria: tuple[MixedProfile, ...]
    minmax: Any
    feasible: Any
    grim: Any = None
    grim_formula: Any = None
    penal: Any = None
    automata: Any = None
    play: Any = None
    tournament: Any = None
    horizon: Any = None
    predictions: tuple[Verdict, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    # ------------------------------------------------------------------ JSON
    def _grim_json(self) -> dict | None:
        if self.grim is None:
            return None
        out = dict(self.grim.to_json())
        if self.delta is not None:
            out["at_delta"] = self.grim.sustainable and self.delta in self.grim.sustaining_set()
        if self.grim_formula is not None:
            out["formula"] = _json_number(self.grim_formula.delta_min)
            out["formula_conditions"] = list(self.grim_formula.conditions)
        return out

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings, labels never indices.

        ``feasible`` lists the vertices of the feasible set (``{player: payoff}``);
        ``feasible_set`` is the whole :class:`~gametheory.repeated.feasible.FeasibleSet`.
        """
        game = self.game
        return {
            "game": {"title": self.title, "players": list(game.players),
                     "strategies": {p: list(s) for p, s in zip(game.players, game.strategies)}},
            "values": {k: _json_number(v) for k, v in self.values.items()},
            # as `solve --json` writes an equilibrium: every strategy with its probability
            "stage_equilibria": [{"profile": {p: {s: _json_number(q) for s, q in d.items()}
                                              for p, d in e.as_dict().items()},
                                  "payoffs": {p: _json_number(v) for p, v in e.payoffs().items()}}
                                 for e in self.stage_equilibria],
            "minmax": self.minmax.to_json(),
            "feasible": self.feasible.to_json()["vertices"],
            "feasible_set": self.feasible.to_json(),
            "target": None if self.target is None else dict(self.target),
            "target_source": self.target_source,
            "delta": _json_number(self.delta),
            "grim_trigger": self._grim_json(),
            "penal_code": _to_json(self.penal),
            "automata": _to_json(self.automata),
            "play": _to_json(self.play),
            "tournament": _to_json(self.tournament),
            "horizon": _to_json(self.horizon),
            "predictions": [v.to_json() for v in self.predictions],
            "notes": list(self.notes),
        }

    # ------------------------------------------------------------------ text
    def __str__(self) -> str:
        game = self.game
        lines = [f"Repeated game: {self.title}"]
        if self.values:
            lines.append("  stage game at " + ", ".join(f"{k} = {format_number(v)}" for k, v in self.values.items()))
        lines.append("  values are normalised: a stream u_0, u_1, ... is worth (1 - δ)(u_0 + δ u_1 + δ² u_2 + ...)")
        lines.append(f"Stage equilibria: {len(self.stage_equilibria)}")
        for e in self.stage_equilibria:
            pays = ", ".join(f"{p} {format_number(v)}" for p, v in e.payoffs().items())
            lines.append(f"  {profile_text(e)} — payoffs {pays}")
        lines += ["", str(self.minmax), "", str(self.feasible)]
        if self.target is None:
            lines += ["", f"No target profile: {self.target_source}"]
        else:
            pays = ", ".join(f"{p} {format_number(v)}" for p, v in game.payoff(self.target).items())
            shown = "; ".join(f"{p}: {s}" for p, s in self.target.items())
            lines += ["", f"Target profile: {shown} ({self.target_source}); payoffs {pays}"]
        if self.grim is not None:
            lines += ["", str(self.grim)]
            if self.grim_formula is not None and self.grim_formula.delta_min is not None:
                when = ", ".join(self.grim_formula.conditions)
                lines.append(f"  as a formula in the parameters: δ >= {self.grim_formula.delta_min}"
                             + (f" (when {when})" if when else ""))
            if self.delta is not None:
                sustained = self.grim.sustainable and self.delta in self.grim.sustaining_set()
                lines.append(f"  at δ = {self.delta}: " + ("sustained" if sustained else "not sustained"))
        for part in (self.penal, self.automata, self.play, self.tournament, self.horizon):
            if part is not None:
                lines += ["", str(part)]
        if self.predictions:
            lines += ["", "The model's repeated-game predictions (gametheory check):"]
            for v in self.predictions:
                where = f" (line {v.line})" if v.line else ""
                stated = f", stated δ >= {v.delta}" if v.kind == "sustainable" and v.delta else \
                    f", stated δ = {v.delta}" if v.delta else ""
                lines.append(f"  {v.status:<12} {v.kind}{where}{stated}: {v.claim}".rstrip())
                lines.append(f"  {'':<12} {v.reason}")
        if self.notes:
            lines.append("")
            lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)


# ---------------------------------------------------------------------- choosing the target
def _model_target(model: Any) -> tuple[dict[str, str], str] | None:
    for pred in getattr(model, "predictions", ()):
        if pred.kind == "sustainable":
            where = f", line {pred.line}" if pred.line else ""
            return dict(pred.profile), f"the model's sustainable prediction{where}"
    return None


# ---------------------------------------------------------------------- the analysis
def _stage(game_or_model: Any, values: Mapping | None) -> tuple[Game, Any, dict, Game | None]:
    """``(numeric game, model or None, values, symbolic game or None)`` of a Game, a Model or a model/.nfg path."""
    from ..io.model import Model

    if isinstance(game_or_model, (str, os.PathLike)):
        from ..io import load_source

        game, model = load_source(game_or_model, values)
        if model is None:
            return game, None, {}, None
        game_or_model = model
    if isinstance(game_or_model, Model):
        model = game_or_model
        vals = model.values(values)
        if not model.parameters:
            return model.game_at(vals), model, {}, None
        return model.game_at(vals), model, vals, model.game
    if not isinstance(game_or_model, Game):
        raise InputError(f"expected a Game, a model or a path, got {type(game_or_model).__name__}", field="game")
    game = game_or_model
    if game.kind == "symbolic":
        if not values:
            raise InputError("a symbolic game needs values for its parameters", field="values")
        return game.substitute(values), None, dict(values), game
    return game, None, {}, None


def _automaton(spec: Any, game: Game, player: str, target: Mapping[str, str] | None) -> Automaton:
    """An automaton for ``player``: one given, a built-in name, or a TOML file."""
    from .automaton import Automaton, builtin_automaton, read_automaton

    if isinstance(spec, Automaton):
        return spec
    text = os.fspath(spec)
    if text.lower().endswith(".toml") or os.sep in text or os.path.isfile(text):
        return read_automaton(text, game, player=player)
    return builtin_automaton(text, game, player, cooperate=None if target is None else dict(target))


def _automata(automata: Any, game: Game, target: Mapping[str, str] | None) -> dict[str, Automaton]:
    """``{player: Automaton}`` from a mapping (player -> automaton, name or file) or a sequence of automata."""
    if isinstance(automata, Mapping):
        items = list(automata.items())
    else:
        items = [(a.player, a) for a in automata]
    out: dict[str, Automaton] = {}
    for player, spec in items:
        name = game.players[game.player_index(player)]
        if name in out:
            raise InputError(f"two automata for {name!r}", field="--automaton")
        out[name] = _automaton(spec, game, name, target)
    missing = [p for p in game.players if p not in out]
    if out and missing:
        raise InputError(f"give an automaton for every player; missing {missing}", field="--automaton")
    return out


def analyze_repeated(game_or_model: Any, *, profile: Mapping[str, str] | None = None, delta: Any = None,
                     automata: Any = (), horizon: int | None = None, rounds: int | None = None,
                     tournament: Sequence[str] = (), values: Mapping | None = None,
                     max_cost: float | None = None) -> RepeatedReport:
    r"""Analyse the repeated game whose stage game is ``game_or_model``.

    Parameters
    ----------
    game_or_model : Game, Model or path
        The stage game: a numeric game, a symbolic game with ``values``, a
        model (at its defaults overridden by ``values``) or a model or
        ``.nfg`` file.
    profile : mapping, optional
        The target pure profile ``{player: label}``; default: see the module docstring.
    delta : Fraction or str, optional
        A discount factor in (0, 1): grim trigger and the automata are also
        judged at it (``"0.9"`` is read exactly as 9/10).
    automata : mapping or sequence, optional
        ``{player: Automaton, built-in name or TOML path}`` (every player), or
        a sequence of :class:`~gametheory.repeated.automaton.Automaton`.
    horizon : int, optional
        Also analyse the ``horizon``-times repeated game (discounted by ``delta`` when given).
    rounds : int, optional
        Play the automata for this many rounds (and the tournament; default 20 rounds there).
    tournament : sequence of str
        Built-in automata (names) for a round-robin tournament (two players).
    values : mapping, optional
        Parameter values of a model or symbolic game.
    max_cost : float, optional
        The limit on each part's estimated work (:func:`gametheory.cost.check_cost`).

    Returns
    -------
    RepeatedReport

    Examples
    --------
    The prisoner's dilemma T, R, P, S = 5, 3, 1, 0: grim trigger sustains
    cooperation iff :math:`\delta \ge (T-R)/(T-P) = 1/2`.

    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> r = analyze_repeated(pd, delta="2/3")
    >>> dict(r.target), r.grim.delta_min, r.to_json()["grim_trigger"]["at_delta"]
    ({'Player 1': 'C', 'Player 2': 'C'}, Fraction(1, 2), True)
    """
    from .discount import parse_delta
    from .feasible import feasible_set
    from .grim import grim_trigger
    from .minmax import minmax_values
    from .stage import stage_equilibria

    game, model, vals, symbolic = _stage(game_or_model, values)
    title = model.title if model is not None else (game.title or "the stage game")
    d = None if delta is None else delta if isinstance(delta, Fraction) else parse_delta(str(delta), field="delta")
    if d is not None and not 0 < d < 1:
        raise InputError(f"the discount factor must lie in (0, 1), got {d}", field="delta")
    notes: list[str] = []
    target: dict[str, str] | None
    if profile:
        target = dict(profile)
        game.profile_index(target)
        source = "given"
    elif (named := _model_target(model)) is not None:
        target, source = named
    else:
        from .stage import default_target

        target = default_target(game)
        source = "the largest sum of payoffs among the profiles that are not stage equilibria"
    eqs = stage_equilibria(game)
    minmax = minmax_values(game)
    feasible = feasible_set(game, minmax, max_cost=max_cost)
    grim = grim_trigger(game, target, equilibria=eqs) if target is not None else None
    formula = None
    if target is not None and symbolic is not None:
        try:
            formula = grim_trigger(symbolic, target, values=vals)
        except UnsupportedGameError as exc:  # the numeric answer above stands; only the formula is missing
            notes.append(f"grim trigger's threshold as a formula in the parameters: {exc}")
    penal = None
    if target is not None and game.num_players == 2:
        from .penal import optimal_penal_code

        try:
            penal = optimal_penal_code(game, target, max_cost=max_cost)
        except UnsupportedGameError as exc:
            notes.append(f"optimal penal code: {exc}")
    elif target is not None:
        notes.append(f"optimal penal codes are computed for two players; this game has {game.num_players}")
    autos = _automata(automata, game, target)
    check = play_result = None
    if autos:
        from .automaton_spe import check_automata

        check = check_automata(game, autos, d, max_cost=max_cost)
        if rounds is not None:
            from .simulate import play

            play_result = play(game, autos, rounds, d, max_cost=max_cost)
    elif rounds is not None and not tournament:
        notes.append("rounds: give automata (--automaton) to play")
    table = None
    if tournament:
        from .simulate import tournament as round_robin

        table = round_robin(game, _tournament_entries(tournament, game, target), 20 if rounds is None else rounds, d,
                            max_cost=max_cost)
    finite = None
    if horizon is not None:
        from .horizon import finite_horizon

        finite = finite_horizon(game, horizon, delta=1 if d is None else d, max_cost=max_cost)
    verdicts = _model_verdicts(model, game, vals)
    return RepeatedReport(title, game, MappingProxyType(vals), None if target is None else MappingProxyType(target),
                          source, d, eqs, minmax, feasible, grim, formula, penal, check, play_result, table, finite,
                          verdicts, tuple(notes))


def _tournament_entries(names: Sequence[str], game: Game, target: Mapping[str, str] | None) -> dict:
    """``{name: {player: Automaton}}``: each built-in named, for every player (a round-robin needs both sides)."""
    from .automaton import builtin_automaton

    out = {}
    for name in names:
        if name in out:
            raise InputError(f"--tournament names {name!r} twice", field="--tournament")
        out[name] = {p: builtin_automaton(name, game, p, cooperate=None if target is None else dict(target))
                     for p in game.players}
    return out


def _model_verdicts(model: Any, game: Game, values: Mapping) -> tuple:
    """The model's repeated-game predictions checked at ``values`` (their ``at`` tables win, as in check)."""
    from ..predictions import REPEATED_KINDS, check_repeated_prediction, with_prediction

    if model is None:
        return ()
    out = []
    for pred in model.predictions:
        if pred.kind not in REPEATED_KINDS:
            continue
        vals = {**model.values(values), **dict(pred.at)}
        stage = model.game_at(vals) if pred.at else game
        try:
            verdict = check_repeated_prediction(stage, pred.kind, pred.profile, pred.delta, pred.strategy,
                                                claim=pred.claim, line=pred.line, values=vals,
                                                symbolic=model.game if model.parameters else None,
                                                parameters=tuple(model.parameters))
        except InputError as exc:
            raise exc.with_location(getattr(model, "path", None), pred.line) from None
        out.append(with_prediction(verdict, pred))
    return tuple(out)
