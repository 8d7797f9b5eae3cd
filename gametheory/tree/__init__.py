"""Extensive-form games (game trees): the :class:`Tree` type, a builder, Gambit ``.efg`` files, the reduced normal form.

Nothing here imports sympy or scipy at import time.
"""

from .builder import TreeBuilder, tree_from_dict
from .game import NODE_KINDS, Infoset, Tree

__all__ = ["Tree", "Infoset", "NODE_KINDS", "TreeBuilder", "tree_from_dict"]
