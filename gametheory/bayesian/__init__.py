"""Games of incomplete information: Bayesian games, signaling games, screening and bargaining with private values.

A player's private *type* is drawn from a common prior (Harsanyi 1967-68);
each part has its own module:

- :mod:`.game`, :mod:`.harsanyi`: Bayesian normal-form games
  (:class:`BayesianGame`) solved on their type-agent form
  (:func:`type_agent_form`, :func:`solve_bayesian`), equilibria as
  type-contingent strategies;
- :mod:`.signaling`, :mod:`.pbe`, :mod:`.refinements`: signaling games
  (:class:`SignalingGame`) and every perfect Bayesian equilibrium family
  (:func:`pbe_solve`), with the intuitive criterion and D1;
- :mod:`.screening`, :mod:`.coase`, :mod:`.spence`: bargaining with a
  private value for teaching (the screening price and its cut-offs, the
  two-period Coase path, Spence's job-market signalling);
- :mod:`.info`, :mod:`.predictions`: what ``gametheory info`` prints and how
  ``gametheory check`` decides a signaling or Bayesian model's claims.

Sequential equilibrium of general trees is :mod:`gametheory.tree.sequential`.
The functions named like their modules, ``screening.screening`` and
``spence.spence``, are imported from those modules.  Importing this package
imports none of them: each name below is loaded from its module on first
use, so ``import gametheory.bayesian`` stays cheap.

Examples
--------
>>> from gametheory.bayesian import beer_quiche, pbe_solve
>>> sorted(f.kind for f in pbe_solve(beer_quiche()).families)
['pooling', 'pooling']
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> the module of this package that defines it.
_HOMES = {
    "BayesianGame": "game",
    "type_agent_form": "harsanyi",
    "agent_name": "harsanyi",
    "solve_bayesian": "harsanyi",
    "BayesianEquilibrium": "harsanyi",
    "BayesianSolveResult": "harsanyi",
    "SignalingGame": "signaling",
    "pbe_solve": "pbe",
    "PBEResult": "pbe",
    "PBEFamily": "pbe",
    "OffPathPiece": "pbe",
    "beer_quiche": "pbe",
    "intuitive_criterion": "refinements",
    "d1_criterion": "refinements",
    "ScreeningResult": "screening",
    "screening_cutoff": "screening",
    "coase_two_period": "coase",
    "CoaseResult": "coase",
    "SpenceResult": "spence",
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
