"""The one way a solver reaches its optional compiled (numba) twin.

numba is an optional accelerator: a kernel's compiled twin lives in a module
of ``@numba.njit(cache=True)`` functions (machine code cached on disk), which
is imported only when a solver first asks for it, never at start-up.  Without
numba, or with a numba that cannot load (built for another NumPy), the answer
is None and the solver keeps its Python or NumPy kernel; the answer is kept
for the process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

__all__ = ["compiled_module", "numba_installed"]

_MODULES: dict[str, ModuleType | None] = {}


@lru_cache(maxsize=1)
def numba_installed() -> bool:
    """Whether numba is installed (without importing it).

    >>> isinstance(numba_installed(), bool)
    True
    """
    return find_spec("numba") is not None


def compiled_module(name: str) -> ModuleType | None:
    """The compiled module ``gametheory.solvers.<name>``, imported on first use; None without a working numba.

    >>> compiled_module("_vertex_pairs_jit") is None or hasattr(compiled_module("_vertex_pairs_jit"), "walk")
    True
    """
    if name not in _MODULES:
        module = None
        if numba_installed():
            try:
                module = import_module(f"{__package__}.{name}")
            except ImportError:  # numba installed but unusable (e.g. built for another NumPy)
                module = None
        _MODULES[name] = module
    return _MODULES[name]
