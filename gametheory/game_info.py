"""What a game is made of (``gametheory info``): players, payoffs, dominance, security levels, parameters.

For a numeric game (and the model file it came from, if any) :class:`GameInfo`
prints the players and strategies, the payoff table (at the parameters'
values), the model's payoff formulas, the iterated strict dominance trace
(pure and mixed dominators) and the iterated weak dominance trace (all
weakly dominated strategies of all players removed each round), each
player's security level (:mod:`gametheory.solvers.security`), and each
parameter's default, range, status, meaning and source quote.

:func:`info_of` picks the info of a loaded game, tree
(:class:`gametheory.tree.info.TreeInfo`), signaling or Bayesian game
(:mod:`gametheory.bayesian.info`); each has ``to_json()``, the strict JSON
document of ``gametheory info PATH --json`` (its fields are listed in
:mod:`gametheory.commands.info`), built from the same analyses as the text,
with the model block of :func:`model_json`.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
...                         strategies=[["Renew", "Suspend"], ["Abandon", "Build"]], title="PD")
>>> text = str(GameInfo(pd))
>>> text.splitlines()[:2]
['PD', 'players: Russia, US']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .game_text import game_header, payoff_lines
from .jsondoc import json_value
from .numbers import format_number, to_exact

if TYPE_CHECKING:
    from .bayesian.info import BayesianInfo, SignalingInfo
    from .game import Game
    from .io.model import Model
    from .solvers.dominance import DominanceResult
    from .solvers.security import SecurityLevel
    from .tree.info import TreeInfo

__all__ = ["GameInfo", "info_cost", "info_of", "model_json", "model_lines", "payoffs_json"]

#: Elementary steps (:mod:`gametheory.cost`) per unit of :func:`info_cost`'s count (LP and Python-object
#: work): a 9-player game with 3 strategies each (4.8e6 units) took 11 s here.
INFO_STEPS = 50


def info_cost(shape: tuple[int, ...]) -> int:
    r"""Estimated elementary steps of a game's :class:`GameInfo`.

    Iterated dominance may run a round per strategy; a round asks, for each
    player and strategy, an LP over the others' profiles, so it touches every
    payoff entry once per strategy: the count is
    :math:`|S| \cdot N \cdot \sum_i m_i` (:math:`|S|` pure profiles, :math:`N`
    players, :math:`m_i` strategies), times :data:`INFO_STEPS`.

    >>> info_cost((2, 2))   # 4 profiles x 2 players x 4 strategies x 50
    1600
    """
    cells = 1
    for m in shape:
        cells *= int(m)
    return cells * len(shape) * sum(int(m) for m in shape) * INFO_STEPS


@dataclass(frozen=True)
class GameInfo:
    """A numeric game, the model it came from (or None) and the parameter values it was taken at."""

    game: Game
    model: Model | None = None
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))
    max_cost: float | None = None

    def __post_init__(self) -> None:
        # refuse a game whose dominance LPs and security levels would run for long, before any of them starts
        from .cost import check_cost

        shape = self.game.shape
        check_cost(info_cost(shape), self.max_cost, "info",
                   f"{len(shape)} players, {'x'.join(map(str, shape))} strategies")

    # the analyses, computed once for the text and the JSON document (a frozen dataclass keeps a cache in __dict__)
    @cached_property
    def strict_dominance(self) -> DominanceResult:
        """Iterated strict dominance by pure and mixed dominators."""
        from .solvers.dominance import iterated_elimination

        return iterated_elimination(self.game, "strict", mixed=True)

    @cached_property
    def weak_dominance(self) -> DominanceResult:
        """Iterated weak dominance (pure dominators), all weakly dominated strategies of all players each round."""
        from .solvers.dominance import iterated_elimination

        return iterated_elimination(self.game, "weak", mixed=False)

    @cached_property
    def security(self) -> dict[str, SecurityLevel]:
        """``{player: SecurityLevel}`` (:func:`gametheory.solvers.security.security_levels`)."""
        from .solvers.security import security_levels

        return security_levels(self.game)

    def __str__(self) -> str:
        game, model, params = self.game, self.model, self.params
        lines = game_header(game)
        if model is not None:
            if model.section:
                lines.insert(1, f"article passage: {model.section} ({model.id})")
            if model.description:
                lines.append("description: " + " ".join(model.description.split()))
        where = ""
        if model is not None and model.parameters:
            where = " at " + ", ".join(
                f"{n}={format_number(params.get(n, p.default))}" for n, p in model.parameters.items()
            )
        table = payoff_lines(game)
        lines += ["", table[0].rstrip(":") + where + ":"] + table[1:]
        if model is not None and model.parameters:
            lines += ["", "payoff formulas:"] + payoff_lines(model.game)[1:]
        lines += ["", "iterated strict dominance (pure and mixed dominators):"]
        lines += ["  " + s for s in self.strict_dominance.describe()]
        lines += ["", "iterated weak dominance (all weakly dominated strategies of all players removed each round;"
                  " another order may leave a different game):"]
        lines += ["  " + s for s in self.weak_dominance.describe()]
        lines += ["", "security levels (maximin against all others' pure profiles):"]
        lines += ["  " + lv.describe() for lv in self.security.values()]
        if model is not None:
            lines += model_lines(model)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The document of ``gametheory info PATH --json`` for a normal-form game (schema: ``commands.info``)."""
        game, model = self.game, self.model
        doc: dict[str, Any] = {
            "kind": "game",
            "title": game.title or (model.title if model is not None else ""),
            "players": list(game.players),
            "strategies": {p: list(s) for p, s in zip(game.players, game.strategies)},
            "exact": game.kind == "exact",
            "at": values_json(model, self.params),
            "payoffs": payoffs_json(game),
            "typed": _typed_text(game),
        }
        if model is not None and model.parameters:
            doc["formulas"] = payoffs_json(model.game)
        doc["dominance"] = {"strict": dominance_json(self.strict_dominance),
                            "weak": dominance_json(self.weak_dominance)}
        doc["security_levels"] = {p: security_json(lv) for p, lv in self.security.items()}
        doc["model"] = model_json(model, self.params)
        return doc


def _typed_text(game: Game) -> str | None:
    """The game as a typed bimatrix (:func:`gametheory.io.bimatrix_text.format_bimatrix_text`: the web lab's
    "edit these payoffs"), or None for a game that text cannot hold (not two players, symbolic, odd labels)."""
    from .io.bimatrix_text import format_bimatrix_text

    if game.num_players != 2 or game.kind == "symbolic":
        return None
    try:
        return format_bimatrix_text(game)
    except InputError:  # a label the text cannot hold
        return None


def values_json(model: Any, params: Mapping | None) -> dict[str, str]:
    """``{parameter: current value}`` (the default unless ``params`` moves it), each exact as its text."""
    if model is None:
        return {}
    params = params or {}
    return {n: str(to_exact(params.get(n, p.default), field=n)) for n, p in model.parameters.items()}


def payoffs_json(game: Any) -> list[dict[str, Any]]:
    """Every pure profile's payoffs: ``[{"profile": [label per player], "values": [payoff per player]}]``.

    Profiles in the order of :meth:`Game.pure_profiles <gametheory.Game.pure_profiles>` (the last player's
    strategy changes fastest), values as :func:`json_value` (a formula as its text).
    """
    return [{"profile": list(prof.values()), "values": [json_value(v) for v in game.payoff(prof).values()]}
            for prof in game.pure_profiles()]


def dominance_json(result: DominanceResult) -> dict[str, Any]:
    """An iterated elimination: its steps, what survives, whether the game is dominance solvable, notes."""
    return {
        "kind": result.kind,
        "mixed": result.mixed,
        "trace": [e.to_json(result.exact) for e in result.trace],
        "surviving": {p: list(s) for p, s in result.surviving.items()},
        "solved": result.solved,
        "diagnostics": list(result.diagnostics),
        "lines": result.describe(),
    }


def security_json(level: SecurityLevel) -> dict[str, Any]:
    """A player's security levels: pure and mixed values, the strategies that attain them, the punishment."""
    mix = level.mixed_strategy
    pun = level.punishment
    return {
        "pure_value": json_value(level.pure_value),
        "pure_strategies": list(level.pure_strategies),
        "mixed_value": json_value(level.mixed_value),
        "mixed_strategy": None if mix is None else {lab: json_value(q) for lab, q in mix.items()},
        "certified": bool(level.certified),
        "note": level.note,
        "punishment": None if pun is None else [{"profile": list(prof), "probability": json_value(q)}
                                                for prof, q in pun.items()],
        "line": level.describe(),
    }


def model_json(model: Any, params: Mapping | None = None) -> dict[str, Any] | None:
    """The ``"model"`` block of ``info --json`` (None without a model): the model file's words and parameters.

    ``name`` (the file stem), ``title``, ``section``, ``description`` (white space joined), ``quotes``,
    ``assumptions`` (as written), ``kind`` (:func:`gametheory.io.model.catalog.model_kind`), ``bargaining``
    (a ``[bargaining]`` table), ``parameters`` (each with ``default``, current ``value``, ``range``, slider
    ``step`` (:func:`gametheory.explorer.slider_step`), ``meaning``, ``quote``, ``status``) and ``predictions``
    (``kind``, ``claim``, ``quote``, ``source``, ``at``).
    """
    if model is None:
        return None
    from .explorer import slider_step
    from .io.model.catalog import model_kind

    values = values_json(model, params)
    name = Path(model.path).stem if model.path else model.id
    return {
        "name": name,
        "title": model.title,
        "section": model.section,
        "description": " ".join(model.description.split()),
        "quotes": list(model.quotes),
        "assumptions": list(model.assumption_texts),
        "kind": model_kind(model),
        "bargaining": getattr(model, "bargaining", None) is not None,
        "parameters": [{
            "name": n,
            "default": str(p.default),
            "value": values[n],
            "range": [str(p.range[0]), str(p.range[1])],
            "step": str(slider_step(Fraction(p.range[0]), Fraction(p.range[1]))),
            "meaning": p.meaning,
            "quote": p.quote,
            "status": p.status,
        } for n, p in model.parameters.items()],
        "predictions": [{
            "kind": pr.kind,
            "claim": pr.claim,
            "quote": pr.quote,
            "source": pr.source,
            "at": {k: str(to_exact(v, field=k)) for k, v in pr.at.items()},
        } for pr in model.predictions],
    }


def info_of(game: Any, model: Any = None, params: Mapping | None = None,
            max_cost: float | None = None) -> GameInfo | TreeInfo | SignalingInfo | BayesianInfo:
    """What ``gametheory info`` prints for a loaded game, tree, signaling or Bayesian game (and its model).

    ``game`` and ``model`` as :func:`gametheory.io.load_any` gives them, ``params`` the parameter values
    they were taken at; ``max_cost`` limits the dominance and security analysis of a normal-form game
    (:func:`info_cost`).

    >>> from gametheory import Game
    >>> type(info_of(Game.from_bimatrix([[1]], [[2]]))).__name__
    'GameInfo'
    """
    from .bayesian.game import BayesianGame
    from .bayesian.info import BayesianInfo, SignalingInfo
    from .bayesian.signaling import SignalingGame
    from .game import Game
    from .tree.info import TreeInfo

    params = MappingProxyType(dict(params or {}))
    if isinstance(game, Game):
        return GameInfo(game, model, params, max_cost)
    if isinstance(game, SignalingGame):
        return SignalingInfo(game, model, params)
    if isinstance(game, BayesianGame):
        return BayesianInfo(game, model, params)
    return TreeInfo(game, model, params)


def model_lines(model) -> list[str]:
    """The parameters (default, range, status, meaning, source) and the quotes of a model, for ``info``.

    ``model`` is a :class:`~gametheory.io.model.Model` or a
    :class:`~gametheory.io.model.TreeModel`; each part starts with a blank line.
    """
    lines: list[str] = []
    if model.parameters:
        lines += ["", "parameters:"]
        for name, p in model.parameters.items():
            lo, hi = p.range
            lines.append(f"  {name} = {format_number(p.default)} in [{format_number(lo)}, {format_number(hi)}]"
                         f" ({p.status}): {p.meaning}")
            if p.quote:
                lines.append(f"      source: \"{p.quote}\"")
    if model.quotes:
        lines += ["", "quotes:"] + [f"  \"{q}\"" for q in model.quotes]
    return lines
