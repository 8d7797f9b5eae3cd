"""gametheory.solvers.load_compiled_kernels: both compiled twins loaded up front, same answers after."""

import numpy as np

from gametheory import Game, solve
from gametheory.solvers import _vertex_float, lemke_howson, load_compiled_kernels


def test_loading_the_kernels_switches_the_float_search_and_keeps_the_equilibria(monkeypatch):
    # a private copy of the process-wide switch, so the other tests keep the default policy
    monkeypatch.setattr(_vertex_float, "_JIT_STATE", dict(_vertex_float._JIT_STATE, loaded=0))
    rng = np.random.default_rng(18)
    game = Game.from_bimatrix(rng.random((7, 7)), rng.random((7, 7))).to_exact()
    before = {tuple(map(tuple, eq.profile.vectors)) for eq in solve(game, method="enumerate")}
    assert _vertex_float._JIT_STATE["loaded"] == 0  # a 7x7 search alone does not load numba
    assert load_compiled_kernels() is True  # numba is a dependency
    assert _vertex_float._JIT_STATE["loaded"] == 1 and lemke_howson._compiled_kernel() is not None
    after = {tuple(map(tuple, eq.profile.vectors)) for eq in solve(game, method="enumerate")}
    assert after == before and len(before) % 2 == 1  # nondegenerate: an odd number (von Stengel 2007, Cor. 3.7)
