"""What a game of incomplete information is made of, for ``gametheory info``: types, prior, payoffs.

:class:`SignalingInfo` describes a signaling game; :class:`BayesianInfo` a
Bayesian normal-form game: each player's types and actions, the prior's
type profiles of positive probability, the payoff table of each of them, and
the type-agent normal form (:func:`gametheory.bayesian.harsanyi.type_agent_form`)
that its equilibria are computed on.

The signaling counterpart of :class:`gametheory.game_info.GameInfo` and
:class:`gametheory.tree.info.TreeInfo`: the sender and its types with their
prior, the messages, the receiver's actions after each, the payoffs
``(u_sender, u_receiver)`` by type, message and action at the parameters'
values (and, for a model with parameters, as formulas), then the model's
parameters and quotes (:func:`gametheory.game_info.model_lines`).

Examples
--------
>>> from gametheory.bayesian.signaling import SignalingGame
>>> pay = {(t, m, a): (1 if a == "yes" else 0, 1 if (a == "yes") == (t == "good") else 0)
...        for t in ("good", "bad") for m in ("talk", "silence") for a in ("yes", "no")}
>>> g = SignalingGame("S", "R", ["good", "bad"], {"good": "1/3", "bad": "2/3"}, ["talk", "silence"],
...                   ["yes", "no"], pay, title="Talk")
>>> print(str(SignalingInfo(g)).splitlines()[2])
types of S (prior): good 1/3, bad 2/3
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..numbers import format_number

__all__ = ["SignalingInfo", "BayesianInfo"]


def _value(x: Any) -> str:
    return str(x) if hasattr(x, "free_symbols") else format_number(x)


@dataclass(frozen=True)
class SignalingInfo:
    """A numeric signaling game, the model it came from (or None) and the parameter values it was taken at."""

    game: Any
    model: Any = None
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))

    def _table(self, game) -> list[str]:
        lines = []
        for t in game.types:
            for m in game.messages:
                for a in game.actions(m):
                    us, ur = game.payoff(t, m, a)
                    lines.append(f"  {t}, {m}, {a}: {_value(us)}, {_value(ur)}")
        return lines

    def _table_json(self, game, value) -> list[dict[str, Any]]:
        return [{"type": t, "message": m, "action": a, "values": [value(x) for x in game.payoff(t, m, a)]}
                for t in game.types for m in game.messages for a in game.actions(m)]

    def to_json(self) -> dict[str, Any]:
        """The document of ``gametheory info PATH --json`` for a signaling game (schema: ``commands.info``)."""
        from ..game_info import model_json, values_json
        from ..jsondoc import json_value

        game, model = self.game, self.model
        doc: dict[str, Any] = {
            "kind": "signaling",
            "title": game.title or (model.title if model else "") or "Untitled signaling game",
            "players": [game.sender, game.receiver],
            "sender": game.sender,
            "receiver": game.receiver,
            "types": list(game.types),
            "prior": {t: json_value(game.prior[t]) for t in game.types},
            "messages": list(game.messages),
            "actions": {m: list(game.actions(m)) for m in game.messages},
            "type_descriptions": {t: text for t, text in getattr(model, "type_descriptions", {}).items() if text},
            "at": values_json(model, self.params),
            "payoffs": self._table_json(game, json_value),
        }
        if model is not None and model.parameters:
            symbolic = model.game
            doc["prior_formulas"] = {t: str(symbolic.prior[t]) for t in symbolic.types}
            doc["formulas"] = self._table_json(symbolic, str)
        doc["model"] = model_json(model, self.params)
        return doc

    def __str__(self) -> str:
        from ..game_info import model_lines

        game, model = self.game, self.model
        lines = [game.title or (model.title if model else "") or "Untitled signaling game"]
        lines.append(f"signaling game: sender {game.sender}, receiver {game.receiver}")
        lines.append(f"types of {game.sender} (prior): "
                     + ", ".join(f"{t} {_value(game.prior[t])}" for t in game.types))
        lines.append("messages: " + ", ".join(game.messages))
        acts = {m: game.actions(m) for m in game.messages}
        if len({tuple(a) for a in acts.values()}) == 1:
            lines.append(f"actions of {game.receiver}: " + ", ".join(acts[game.messages[0]]))
        else:
            lines.append(f"actions of {game.receiver}: "
                         + "; ".join(f"after {m}: {', '.join(a)}" for m, a in acts.items()))
        if model is not None:
            if model.section:
                lines.insert(1, f"article passage: {model.section} ({model.id})")
            if model.description:
                lines.append("description: " + " ".join(model.description.split()))
            for t, text in getattr(model, "type_descriptions", {}).items():
                if text:
                    lines.append(f"  type {t}: {text}")
        where = ""
        if model is not None and model.parameters:
            where = " at " + ", ".join(
                f"{n}={format_number(self.params.get(n, p.default))}" for n, p in model.parameters.items())
        lines.append(f"payoffs ({game.sender}, {game.receiver}) by type, message, action{where}:")
        lines += self._table(game)
        if model is not None and model.parameters:
            symbolic = model.game
            lines += ["", "prior formulas: " + ", ".join(f"{t} {symbolic.prior[t]}" for t in symbolic.types),
                      "payoff formulas:"]
            lines += self._table(symbolic)
        if model is not None:
            lines += model_lines(model)
        lines += ["", "solve: gametheory solve PATH (method pbe: every perfect Bayesian equilibrium family)"]
        return "\n".join(lines)


@dataclass(frozen=True)
class BayesianInfo:
    """A numeric Bayesian game, the model it came from (or None) and the parameter values it was taken at."""

    game: Any
    model: Any = None
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))

    def __str__(self) -> str:
        from ..game_info import model_lines
        from ..game_text import payoff_lines
        from .harsanyi import type_agent_form

        game, model = self.game, self.model
        lines = [game.title or (model.title if model else "") or "Untitled Bayesian game"]
        if model is not None and model.section:
            lines.append(f"article passage: {model.section} ({model.id})")
        if model is not None and model.description:
            lines.append("description: " + " ".join(model.description.split()))
        lines.append("Bayesian game: " + "; ".join(
            f"{p} (types {', '.join(game.types(p))}; actions {', '.join(game.actions(p))})" for p in game.players))
        where = ""
        if model is not None and model.parameters:
            where = " at " + ", ".join(
                f"{n}={format_number(self.params.get(n, p.default))}" for n, p in model.parameters.items())
        lines.append(f"prior (type profiles of positive probability){where}:")
        for tp in game.type_profiles():
            q = game.prior(tp)
            if q != 0:
                lines.append(f"  {', '.join(tp)}: {_value(q)}")
                lines += ["    " + row for row in payoff_lines(game.state_game(tp))]
        agents = type_agent_form(game)
        lines += ["", f"type-agent form (one player per type; payoffs conditional on the type): "
                      f"{', '.join(agents.players)}"]
        if len(agents.players) <= 3:
            lines += ["  " + row for row in payoff_lines(agents)]
        if model is not None:
            lines += model_lines(model)
        lines += ["", "solve: gametheory solve PATH (Bayesian equilibria through the type-agent form)"]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The document of ``gametheory info PATH --json`` for a Bayesian game (schema: ``commands.info``)."""
        from ..game_info import model_json, payoffs_json, values_json
        from ..jsondoc import json_value
        from .harsanyi import type_agent_form

        game, model = self.game, self.model
        agents = type_agent_form(game)
        return {
            "kind": "bayesian",
            "title": game.title or (model.title if model else "") or "Untitled Bayesian game",
            "players": list(game.players),
            "types": {p: list(game.types(p)) for p in game.players},
            "actions": {p: list(game.actions(p)) for p in game.players},
            "at": values_json(model, self.params),
            "prior": [{"types": list(tp), "probability": json_value(game.prior(tp)),
                       "payoffs": payoffs_json(game.state_game(tp))}
                      for tp in game.type_profiles() if game.prior(tp) != 0],
            "type_agent_form": {
                "players": list(agents.players),
                "strategies": {p: list(s) for p, s in zip(agents.players, agents.strategies)},
                # the text shows the table up to 3 type agents; so does the document
                "payoffs": payoffs_json(agents) if len(agents.players) <= 3 else None,
            },
            "model": model_json(model, self.params),
        }
