"""What a game tree is made of (``gametheory info`` on a tree): players, nodes, information sets, subgames.

:class:`TreeInfo` prints, for a numeric :class:`~gametheory.tree.Tree` (and
the :class:`~gametheory.io.model.TreeModel` it came from, if any): the
players; the number of nodes of each kind; whether the game has perfect
information (every information set of a player is one node); each
information set with its player, key (:meth:`Tree.infoset_key
<gametheory.tree.Tree.infoset_key>`, the name that addresses it in a profile),
nodes and actions, chance moves with their probabilities; the roots of the
proper subgames (:meth:`Tree.subgame_roots
<gametheory.tree.Tree.subgame_roots>`); each terminal node's path and
payoffs, at the parameters' values and, for a model with parameters, as
formulas; and each parameter's default, range, status, meaning and source.
Long lists stop after :data:`MAX_LISTED` items (a tree read from an
``.efg`` file may have millions of nodes).

Examples
--------
>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Entrant", "Incumbent"], title="Entry")
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
...     "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> print(TreeInfo(t))  # doctest: +NORMALIZE_WHITESPACE
Entry
players: Entrant, Incumbent
nodes: 5 (2 decision, 0 chance, 3 terminal)
perfect information: yes
information sets (player key: nodes; actions):
  Entrant 1: node 0; Out, In
  Incumbent In: node 2; Fight, Accommodate
proper subgames start at: node 0, node 2
payoffs (Entrant, Incumbent) by path:
  Out: 0, 2
  In > Fight: -1, -1
  In > Accommodate: 1, 1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..numbers import format_number

if TYPE_CHECKING:
    from ..io.model import TreeModel
    from .game import Tree

__all__ = ["TreeInfo", "MAX_LISTED"]

#: How many information sets, subgame roots and terminal nodes are listed before "... and N more".
MAX_LISTED = 200


def _more(count: int) -> list[str]:
    return [f"  ... and {count - MAX_LISTED} more"] if count > MAX_LISTED else []


@dataclass(frozen=True)
class TreeInfo:
    """A numeric tree, the tree model it came from (or None) and the parameter values it was taken at."""

    tree: Tree
    model: TreeModel | None = None
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))

    def _node(self, v: int) -> str:
        lab = self.tree.node_label(v)
        return repr(lab) if lab else f"node {v}"

    def _path(self, v: int) -> str:
        return " > ".join(a for _, a in self.tree.path(v)) or "(the root)"

    def __str__(self) -> str:
        from ..game_info import model_lines

        tree, model = self.tree, self.model
        kinds = tree.node_kinds.tolist()
        lines = [tree.title or (model.title if model else "") or "Untitled tree"]
        if model is not None:
            if model.section:
                lines.append(f"article passage: {model.section} ({model.id})")
            if model.description:
                lines.append("description: " + " ".join(model.description.split()))
        lines.append("players: " + ", ".join(tree.players))
        lines.append(f"nodes: {tree.num_nodes} ({kinds.count(1)} decision, {kinds.count(2)} chance, "
                     f"{kinds.count(0)} terminal)")
        if tree.is_perfect_information:
            lines.append("perfect information: yes")
        else:
            shared = [k for k in range(tree.num_infosets)
                      if tree.infoset_player(k) is not None and len(tree.infoset_nodes(k)) > 1]
            sets = "1 information set has" if len(shared) == 1 else f"{len(shared)} information sets have"
            lines.append(f"perfect information: no ({sets} several nodes)")
        lines.append("information sets (player key: nodes; actions):")
        for k in range(min(tree.num_infosets, MAX_LISTED)):
            player = tree.infoset_player(k)
            nodes = ", ".join(self._node(v) for v in tree.infoset_nodes(k))
            if player is None:
                probs = tree.probabilities(tree.infoset_nodes(k)[0])
                moves = ", ".join(f"{a} {format_number(p)}" for a, p in probs.items())
                lines.append(f"  chance {tree.infoset_key(k)}: {nodes}; {moves}")
            else:
                lines.append(f"  {player} {tree.infoset_key(k)}: {nodes}; {', '.join(tree.infoset_actions(k))}")
        lines += _more(tree.num_infosets)
        roots = tree.subgame_roots()
        lines.append("proper subgames start at: " + ", ".join(self._node(v) for v in roots[:MAX_LISTED])
                     + (f", ... and {len(roots) - MAX_LISTED} more" if len(roots) > MAX_LISTED else ""))
        where = ""
        if model is not None and model.parameters:
            where = " at " + ", ".join(
                f"{n}={format_number(self.params.get(n, p.default))}" for n, p in model.parameters.items())
        terminals = tree.terminals.tolist()
        lines.append(f"payoffs ({', '.join(tree.players)}) by path{where}:")
        for r, v in enumerate(terminals[:MAX_LISTED]):
            lines.append(f"  {self._path(v)}: " + ", ".join(format_number(x) for x in tree.payoffs[r]))
        lines += _more(len(terminals))
        if model is not None and model.parameters:
            symbolic = model.tree
            lines += ["", "payoff formulas:"]
            for r, v in enumerate(symbolic.terminals.tolist()[:MAX_LISTED]):
                lines.append(f"  {self._path(v)}: " + ", ".join(str(x) for x in symbolic.payoffs[r]))
            lines += _more(len(terminals))
        if model is not None:
            lines += model_lines(model)
        return "\n".join(lines)

    def _node_json(self, v: int) -> dict[str, Any]:
        return {"node": v, "label": self.tree.node_label(v) or None}

    def to_json(self) -> dict[str, Any]:
        """The document of ``gametheory info PATH --json`` for a game tree (schema: ``commands.info``).

        Lists stop after :data:`MAX_LISTED` items, as the text's do; the counts say how many there are.
        """
        from ..game_info import model_json, values_json
        from ..jsondoc import json_value

        tree, model = self.tree, self.model
        kinds = tree.node_kinds.tolist()
        infosets = []
        for k in range(min(tree.num_infosets, MAX_LISTED)):
            player = tree.infoset_player(k)
            nodes = tree.infoset_nodes(k)
            entry: dict[str, Any] = {"player": player, "key": tree.infoset_key(k),
                                     "nodes": [self._node_json(v) for v in nodes],
                                     "actions": list(tree.infoset_actions(k))}
            if player is None:
                entry["probabilities"] = {a: json_value(p) for a, p in tree.probabilities(nodes[0]).items()}
            infosets.append(entry)
        roots = tree.subgame_roots()
        terminals = tree.terminals.tolist()
        doc: dict[str, Any] = {
            "kind": "tree",
            "title": tree.title or (model.title if model else "") or "Untitled tree",
            "players": list(tree.players),
            "exact": bool(tree.is_exact),
            "nodes": {"total": tree.num_nodes, "decision": kinds.count(1), "chance": kinds.count(2),
                      "terminal": kinds.count(0)},
            "perfect_information": bool(tree.is_perfect_information),
            "infosets": infosets,
            "infoset_count": tree.num_infosets,
            "subgame_roots": [self._node_json(v) for v in roots[:MAX_LISTED]],
            "subgame_root_count": len(roots),
            "at": values_json(model, self.params),
            "payoffs": [{**self._node_json(v), "path": [a for _, a in tree.path(v)],
                         "values": [json_value(x) for x in tree.payoffs[r]]}
                        for r, v in enumerate(terminals[:MAX_LISTED])],
            "terminal_count": len(terminals),
        }
        if model is not None and model.parameters:
            symbolic = model.tree
            doc["formulas"] = [{**self._node_json(v), "path": [a for _, a in symbolic.path(v)],
                                "values": [str(x) for x in symbolic.payoffs[r]]}
                               for r, v in enumerate(symbolic.terminals.tolist()[:MAX_LISTED])]
        doc["model"] = model_json(model, self.params)
        return doc
