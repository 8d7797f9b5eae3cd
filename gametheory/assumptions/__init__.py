"""Testing payoff assumptions: exact conditions, regions, sweeps and Monte Carlo robustness.

Modules, one concern each:

- :mod:`.conditions`: exact sympy conditions under which a pure profile is an
  equilibrium, the unique one, survives iterated strict dominance; closed-form
  mixed equilibria of two-player games; three-valued verdicts.
- :mod:`.intervals`: sound interval enclosures used to decide inequalities over boxes.
- :mod:`.numeric`: vectorised evaluation of symbolic payoffs over parameter arrays.
- :mod:`.space`: the parameter space of a model (defaults, ranges, assumptions).
- :mod:`.batch`: equilibria of a batch of games stored as one array.
- :mod:`.regions`: partitions of one or two parameters into regions, thresholds, margins.
- :mod:`.sweep`, :mod:`.montecarlo`, :mod:`.chunks`: grids, random draws, chunked (Dask) studies.
- :mod:`.plots`: matplotlib figures.
"""
