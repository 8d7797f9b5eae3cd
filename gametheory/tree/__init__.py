"""Extensive-form games (game trees): the :class:`Tree` type, a builder, Gambit ``.efg`` files, the reduced normal form.

Nothing here imports sympy or scipy at import time.
"""

# the .efg format lives with the other file formats in gametheory.io (it shares the .nfg tokenizer)
from ..io.efg import efg_text, parse_efg, read_efg, write_efg
from .behavior import BehaviorProfile, nash_regret, subgame_perfect_regret
from .builder import TreeBuilder, tree_from_dict
from .draw import draw_tree, tikz_text
from .game import NODE_KINDS, Infoset, Tree
from .layout import TreeLayout, tree_layout
from .normal_form import plan_label, reduced_strategies, to_normal_form

__all__ = ["Tree", "Infoset", "NODE_KINDS", "TreeBuilder", "tree_from_dict", "read_efg", "parse_efg", "write_efg",
           "efg_text", "to_normal_form", "reduced_strategies", "plan_label", "draw_tree", "tikz_text", "tree_layout",
           "TreeLayout", "BehaviorProfile", "subgame_perfect_regret", "nash_regret"]
