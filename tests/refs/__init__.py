"""Independent references for the tests, written apart from the library they check.

``gambit``
    The one adapter to the peer solver pygambit 16.x: our games to pygambit exactly, its solvers
    (enummixed, enumpoly, enumpure, lp, logit) and files, its answers back as Fractions or floats.
``brute``
    Certificates by brute force over pure profiles: exact and float regrets, pure Nash checks.
``games``
    Games with hand-derived equilibria (the literature table, McKelvey-McLennan's 2x2x2, the
    article's three-player games) and seeded random game generators.
``lrsnash``
    The one adapter to lrsnash (lrslib): a bimatrix game to its input file, its extreme equilibria back
    as Fraction pairs.
``views``
    Set views of equilibrium lists, so that results of different solvers compare as sets.

Test modules import these (``from refs.gambit import ...``); no test module imports another.
``tests/conftest.py`` holds the pytest side: hypothesis profiles and fixtures (the markers are declared
in setup.cfg).
"""
