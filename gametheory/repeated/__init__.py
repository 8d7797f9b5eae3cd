"""Repeated games: minmax values, the folk-theorem set, grim trigger, penal codes, automata, finite horizons.

Any normal-form game (or model) is the stage game.  :func:`analyze_repeated`
runs every part and gives one :class:`RepeatedReport` (``gametheory repeated``
prints it); each part has its own module:

- :mod:`.stage`: every stage equilibrium (the punishments start there);
- :mod:`.discount`: exact sets of discount factors (:class:`DeltaSet`);
- :mod:`.minmax`, :mod:`.feasible`, :mod:`.folk_plot`: minmax values, the
  feasible and individually rational payoff sets, their picture;
- :mod:`.grim`, :mod:`.penal`: the smallest discount factor for grim trigger
  and for Abreu's optimal penal codes;
- :mod:`.automaton`, :mod:`.automaton_spe`, :mod:`.simulate`: strategies as
  finite automata, their subgame perfection, play and tournaments;
- :mod:`.horizon`: the finitely repeated game;
- :mod:`.report`: all of them together.

Importing this package imports none of them: each name below is loaded from
its module on first use, so ``import gametheory.repeated`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> the module of this package that defines it.
_HOMES = {
    "analyze_repeated": "report",
    "RepeatedReport": "report",
    "default_target": "stage",
    "DeltaSet": "discount",
    "DeltaInterval": "discount",
    "delta_set": "discount",
    "parse_delta": "discount",
    "stage_equilibria": "stage",
    "MinmaxValues": "minmax",
    "minmax_values": "minmax",
    "FeasibleSet": "feasible",
    "feasible_set": "feasible",
    "plot_folk": "folk_plot",
    "GrimTrigger": "grim",
    "grim_trigger": "grim",
    "PenalCode": "penal",
    "optimal_penal_code": "penal",
    "Automaton": "automaton",
    "builtin_automaton": "automaton",
    "read_automaton": "automaton",
    "AutomatonCheck": "automaton_spe",
    "check_automata": "automaton_spe",
    "Play": "simulate",
    "play": "simulate",
    "Tournament": "simulate",
    "tournament": "simulate",
    "FiniteHorizon": "horizon",
    "finite_horizon": "horizon",
}

__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # the next access does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
