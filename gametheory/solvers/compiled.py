"""Load the compiled (numba) kernels now, for a process about to solve many games.

Three kernels have compiled twins: the float vertex search of ``enumerate``
(:mod:`._vertex_float_jit`), its exact walk (:mod:`._vertex_pairs_jit`) and
the Lemke-Howson pivots (:func:`.lemke_howson._compiled_kernel`).  numba is imported only on first
use and its machine code is cached on disk, so start-up never pays for it;
but loading it costs about half a second once per process.  Each solver
therefore loads its kernel on its own only where that pays (the float search
once the process has searched 250,000 vertices; the exact walk from 14x14;
Lemke-Howson from 100x100).
A batch of many mid-sized games gains by loading them all at once, first.
"""

from __future__ import annotations

__all__ = ["load_compiled_kernels"]


def load_compiled_kernels() -> bool:
    """Load the compiled float vertex search, exact walk and Lemke-Howson kernel; False when numba is unavailable.

    Afterwards ``solve(game, method="enumerate")`` uses the compiled search for
    every float search and exact walk in this process (``method="lemke-howson"`` keeps its
    size rule, ``kernel="compiled"`` forces it).
    """
    from ._vertex_float import load_compiled_kernel
    from ._vertex_pairs import load_compiled_walk
    from .lemke_howson import _compiled_kernel

    search = load_compiled_kernel()
    walk = load_compiled_walk()
    pivots = _compiled_kernel() is not None
    return search and walk and pivots
