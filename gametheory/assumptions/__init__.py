"""Testing payoff assumptions: exact conditions, regions, sweeps and Monte Carlo robustness.

Modules, one concern each (see ``docs/assumptions.md``):

- :mod:`.conditions`: exact sympy conditions under which a pure profile is an
  equilibrium, the unique pure one, survives iterated strict dominance;
  closed-form equilibria on given supports; three-valued verdicts; the report
  of a model's conditions (a package, one concept per module).
- :mod:`.intervals`: sound interval enclosures that prove inequalities over boxes.
- :mod:`.numeric`: vectorised evaluation of symbolic payoffs over parameter arrays.
- :mod:`.space`: the parameter space of a model (defaults, ranges, assumptions), ``--vary`` specs.
- :mod:`.distributions`: parameter distributions for Monte Carlo draws.
- :mod:`.batch`: equilibria of a batch of games stored as one array.
- :mod:`.outcomes`: equilibrium sets as signatures; predictions checked against them.
- :mod:`.regions`: partitions of one or two parameters, thresholds, margins.
- :mod:`.regions_report`: a model's region map or margins, as text and JSON.
- :mod:`.sweep`, :mod:`.montecarlo`, :mod:`.chunks`: grids, random draws, chunked (Dask) studies.
- :mod:`.plots`: matplotlib figures.
"""
