r"""Writing a game-tree model file: a :class:`~gametheory.tree.Tree` or a :class:`TreeModel` -> TOML text.

:func:`tree_to_toml` writes what :func:`~gametheory.io.model.parse_tree_model`
reads back to the same tree; :func:`write_tree_model` checks that and
writes the file atomically.  The document is built as data
(:func:`tree_document`) and laid out by the normal-form writer's code
(:mod:`gametheory.io.model.write`: tomli-w for every key, string and
number; exact numbers as integers, decimals or ``"p/q"``; floats by their
shortest decimal).

The nodes are written in preorder, the root first.  A node's id is its
label where that is non-empty and unique, else ``n<number>`` (its preorder
number).  An information set is written as an ``infoset`` key when it has
several nodes or a label other than the one the reader gives a lone node
(the actions on the path from the root); a label that would join two
different sets (Gambit files may repeat labels, and leave them empty) is made
unique: the set's number, then ``label (player)``.  What a model file cannot
hold is not kept: a label on a chance move, and several chance nodes sharing
one chance information set (each chance node is written with its own
probabilities).

References
----------
TOML v1.0.0, https://toml.io/en/v1.0.0; tomli-w, https://github.com/hukkin/tomli-w
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ...errors import GameTheoryError, InputError
from ...game import is_visible_label, label_key
from ..atomic import atomic_write_text
from .tree_model import TreeEntry, TreeModel
from .write import _data, _decimal, _exact, _parameter, _text

__all__ = ["tree_document", "tree_to_toml", "write_tree_model"]


def _number(x) -> Any:
    if isinstance(x, TreeEntry):
        x = x.value
    if isinstance(x, str):
        return x  # an expression as written
    if isinstance(x, float):
        return _decimal(x)
    if isinstance(x, Fraction):
        return _exact(x)
    return _data(x)


def _node_ids(labels: Sequence[str]) -> list[str]:
    """One id per node: its label where non-empty and unique, else ``n<v>`` (made unique)."""
    counts: dict[str, int] = {}
    for lab in labels:
        counts[label_key(lab)] = counts.get(label_key(lab), 0) + 1
    taken = {label_key(lab) for lab in labels if lab and is_visible_label(lab) and counts[label_key(lab)] == 1}
    ids = []
    for v, lab in enumerate(labels):
        if lab and is_visible_label(lab) and counts[label_key(lab)] == 1:
            ids.append(lab)
            continue
        name, j = f"n{v}", 1
        while label_key(name) in taken:
            name, j = f"n{v}_{j}", j + 1
        taken.add(label_key(name))
        ids.append(name)
    return ids


def _nodes(ids, children, node_isets, isets, numbers, probabilities, payoffs) -> list[dict]:
    """The ``[[nodes]]`` tables; the root is node 0, ``isets[k] = (player or None, label, actions)``."""
    n = len(ids)
    size = [0] * len(isets)
    for k in node_isets:
        if k >= 0:
            size[k] += 1
    # the label the reader gives a lone decision node without 'infoset': the actions on its path
    default: dict[int, str] = {}
    stack: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    while stack:
        v, path = stack.pop()
        k = node_isets[v]
        if k < 0:
            continue
        default[v] = ", ".join(path)
        stack.extend((c, path + (a,)) for a, c in zip(isets[k][2], children[v]))
    # labels written as 'infoset' keys: one per set, never two sets with one label
    written: dict[int, str | None] = {}
    used: set[str] = set()
    for v in range(n):
        k = node_isets[v]
        if k < 0 or isets[k][0] is None or k in written:
            continue
        player, label, _ = isets[k]
        if size[k] == 1 and label == default.get(v):
            written[k] = None
            continue
        if size[k] == 1 and label == "":
            written[k] = ""  # a lone set without a label: infoset = ""
            continue
        candidates = ([label] if label else []) + [str(numbers[k]), f"{label or numbers[k]} ({player})"]
        name = next((c for c in candidates if c not in used), None)
        j = 2
        while name is None or name in used:
            name, j = f"{label or numbers[k]} ({player}) {j}", j + 1
        used.add(name)
        written[k] = name
    out = []
    for v in range(n):
        k = node_isets[v]
        table: dict[str, Any] = {"id": ids[v]}
        if k < 0:
            table["payoffs"] = [_number(x) for x in payoffs[v]]
        elif isets[k][0] is None:
            table["chance"] = {a: [_number(p), ids[c]]
                               for a, p, c in zip(isets[k][2], probabilities[k], children[v])}
        else:
            table["player"] = isets[k][0]
            if written[k] is not None:
                table["infoset"] = written[k]
            table["actions"] = {a: ids[c] for a, c in zip(isets[k][2], children[v])}
        out.append(table)
    return out


def tree_document(source, *, title: str | None = None) -> dict:
    """The model file of a numeric :class:`~gametheory.tree.Tree` or a :class:`TreeModel`, as TOML data.

    Raises
    ------
    InputError
        For a symbolic tree that is not a model (its parameters have no defaults).

    Examples
    --------
    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["A", "B"], {"player": "A", "actions": {"L": [1, 0], "R": {"player": "B", "actions": {
    ...     "l": ["1/3", 2], "r": [0, 0]}}}})
    >>> tree_document(t)["nodes"][2]
    {'id': 'n2', 'player': 'B', 'actions': {'l': 'n3', 'r': 'n4'}}
    """
    from ...tree import Tree

    model = source if isinstance(source, TreeModel) else None
    if model is None and not isinstance(source, Tree):
        raise InputError(f"expected a Tree or a TreeModel, got {type(source).__name__}")
    doc: dict[str, Any] = {}
    if model is not None:
        f = model.formulas
        doc["title"] = title or model.title or "Untitled tree"
        if model.section:
            doc["section"] = model.section
        if model.description:
            doc["description"] = model.description
        if model.quotes:
            doc["quotes"] = list(model.quotes)
        if model.assumption_texts:
            doc["assumptions"] = list(model.assumption_texts)
        doc["players"] = [{"name": p} for p in model.players]
        if model.parameters:
            doc["parameters"] = {name: _parameter(par) for name, par in model.parameters.items()}
        numbers = _numbers([p for p, _, _ in f.infosets])
        doc["nodes"] = _nodes(list(f.node_ids), f.children, f.node_infosets, f.infosets, numbers,
                              f.probabilities, f.payoffs)
        if model.predictions:
            doc["predictions"] = [_prediction(p) for p in model.predictions]
        return doc
    tree = source
    if tree.kind == "symbolic":
        raise InputError("a symbolic tree has no parameter defaults to write; substitute values first or write a "
                         "TreeModel", field="tree")
    doc["title"] = title or tree.title or "Untitled tree"
    doc["players"] = [{"name": p} for p in tree.players]
    n = tree.num_nodes
    ids = _node_ids(list(tree.node_labels or [""] * n))
    children = [tree.children(v) for v in range(n)]
    node_isets = tree.node_infosets.tolist()
    isets = [(tree.infoset_player(k), tree.infoset_label(k), tree.infoset_actions(k)) for k in range(tree.num_infosets)]
    numbers = [tree.infoset_number(k) for k in range(tree.num_infosets)]
    probabilities: dict[int, tuple] = {}
    for v in range(n):  # each chance node its own probabilities (a shared chance set is written at every node)
        k = node_isets[v]
        if k >= 0 and isets[k][0] is None:
            probabilities.setdefault(k, tuple(tree.probabilities(v).values()))
    payoffs = {int(v): tuple(tree.payoffs[r]) for r, v in enumerate(tree.terminals.tolist())}
    doc["nodes"] = _nodes(ids, children, node_isets, isets, numbers, probabilities, payoffs)
    return doc


def _numbers(owners: Sequence) -> list[int]:
    """The 1-based number of each set among its owner's (chance included), in the given order."""
    seen: dict[Any, int] = {}
    out = []
    for p in owners:
        seen[p] = seen.get(p, 0) + 1
        out.append(seen[p])
    return out


def _prediction(pred) -> dict:
    table: dict[str, Any] = {"kind": pred.kind}
    if pred.profile is not None:
        table["profile"] = _data(pred.profile)
    if pred.path is not None:
        table["path"] = list(pred.path)
    if pred.claim:
        table["claim"] = pred.claim
    if pred.source:
        table["source"] = pred.source
    if pred.quote:
        table["quote"] = pred.quote
    if pred.at:
        table["at"] = _data(pred.at)
    return table


def tree_to_toml(source, *, title: str | None = None) -> str:
    """The text of a game-tree model file for a numeric :class:`~gametheory.tree.Tree` or a :class:`TreeModel`.

    Examples
    --------
    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["Entrant", "Incumbent"], title="Entry")
    >>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2, label="out"), "In": b.decision(
    ...     "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)}, label="in")}, label="start"))
    >>> print(tree_to_toml(t), end="")
    title = "Entry"
    <BLANKLINE>
    [[players]]
    name = "Entrant"
    <BLANKLINE>
    [[players]]
    name = "Incumbent"
    <BLANKLINE>
    [[nodes]]
    id = "start"
    player = "Entrant"
    actions = { Out = "out", In = "in" }
    <BLANKLINE>
    [[nodes]]
    id = "out"
    payoffs = [0, 2]
    <BLANKLINE>
    [[nodes]]
    id = "in"
    player = "Incumbent"
    actions = { Fight = "n3", Accommodate = "n4" }
    <BLANKLINE>
    [[nodes]]
    id = "n3"
    payoffs = [-1, -1]
    <BLANKLINE>
    [[nodes]]
    id = "n4"
    payoffs = [1, 1]
    """
    return _text(tree_document(source, title=title))


def write_tree_model(source, path, **kwargs) -> None:
    """Write :func:`tree_to_toml` of ``source`` to ``path`` atomically, after checking that it reads back."""
    from .tree_read import parse_tree_model

    text = tree_to_toml(source, **kwargs)
    try:
        parse_tree_model(text, path)
    except InputError as exc:  # pragma: no cover - a bug in the writer, not the user's fault
        raise GameTheoryError(f"internal error: the tree model written for {path} does not load: {exc}") from exc
    atomic_write_text(path, text)

