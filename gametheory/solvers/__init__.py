"""Equilibrium solvers: one typed public function per method, and the method table.

:mod:`.table` lists every method (:data:`METHODS`) with what it guarantees
and dispatches :func:`solve` over it; the functions below are the methods
themselves, each in the module named for it.
"""

from .compiled import load_compiled_kernels
from .correlated import correlated_equilibrium
from .enumpoly import solve_enumpoly
from .gnm import solve_gnm
from .lemke_howson import solve_lemke_howson
from .logit import solve_logit
from .pure import solve_pure
from .support import solve_support
from .table import METHODS, AutoBid, MethodSpec, NashMethod, choose_method, complete_methods, solve
from .tree_methods import TREE_METHODS, TreeMethodSpec, solve_tree
from .vertex import solve_enumerate, solve_enumerate_stream
from .zero_sum import solve_zero_sum

__all__ = [
    "METHODS",
    "AutoBid",
    "MethodSpec",
    "NashMethod",
    "choose_method",
    "complete_methods",
    "solve",
    "solve_pure",
    "solve_enumerate",
    "solve_enumerate_stream",
    "solve_support",
    "solve_lemke_howson",
    "solve_zero_sum",
    "correlated_equilibrium",
    "solve_enumpoly",
    "solve_gnm",
    "solve_logit",
    "TREE_METHODS",
    "TreeMethodSpec",
    "solve_tree",
    "load_compiled_kernels",
]
