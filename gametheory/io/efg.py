r"""Gambit's extensive-game file format (``.efg``): read and write game trees.

A file starts with ``EFG 2 R "title" { "Player 1" "Player 2" }`` (``R``:
rational numbers, ``D``: floating point) and an optional comment string,
then lists the nodes in preorder (depth first, children in action order),
one entry per node:

* ``p "node label" PLAYER INFOSET ["infoset label" { "action" ... }] OUTCOME``
  for a decision node of player ``PLAYER`` (1-based) in its information set
  number ``INFOSET``;
* ``c "node label" INFOSET ["infoset label" { "action" PROB ... }] OUTCOME``
  for a chance node;
* ``t "node label" OUTCOME`` for a terminal node;

where ``OUTCOME`` is ``0`` (no outcome) or an outcome number, followed where
the outcome first appears by ``"outcome label" { u_1, u_2, ... }``.  The
label and actions of an information set are given at its first node and may
be repeated (identically) or left out at the others.  An outcome may sit at a
non-terminal node: its payoffs are then added to those of every terminal node
below it, so a terminal node's payoff is the sum of the outcomes on its
path, which is what :class:`~gametheory.tree.Tree` keeps.

Whitespace and commas are not significant; strings are double-quoted with
``\"`` and ``\\`` as escapes; numbers are integers, decimals, rationals
``1/3`` and exponents ``1e-3`` (an ``R`` file is read exactly, a ``D`` file
as floats), as in :mod:`gametheory.io.nfg`, whose tokenizer this reader
shares.  Empty player names and action labels get the defaults
``Player i`` and ``1``, ``2``, ...; several chance nodes may share one chance
information set (and its probabilities).

We write one outcome per terminal node, every information set's label and
actions at each of its nodes, ``R`` for exact trees and ``D`` (numbers by
``repr``) for float trees, so that pygambit reads back the same tree.

Reference: the Gambit documentation, "Game representation formats",
https://gambit.sourceforge.net/gambit14/formats.html (unchanged in Gambit 16).

>>> t = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "stay out" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "" { -1, -1 }
... t "" 3 "" { 1, 1 }''')
>>> t.payoff(t.child(t.child(0, "In"), "Accommodate"))
{'Entrant': Fraction(1, 1), 'Incumbent': Fraction(1, 1)}
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..errors import EfgError, InputError, TreeError
from .atomic import atomic_write_text
from .nfg import _count, _header, _number, _quote, _Tokens
from .reading import read_bytes

if TYPE_CHECKING:
    from ..tree.game import Infoset, Tree

__all__ = ["read_efg", "parse_efg", "write_efg", "efg_text", "MAX_PAYOFF_ENTRIES"]

#: Largest number of payoff entries (terminal nodes x players) a file may describe.  A terminal line
#: ``t "" 1`` is a few bytes but makes one payoff per player, so a header with many players could
#: otherwise ask for far more memory than the file's size.
MAX_PAYOFF_ENTRIES = 50_000_000


class _EfgTokens(_Tokens):
    """The .nfg tokenizer, raising :class:`EfgError`."""

    def error(self, message, offset=None, field=None):
        err = super().error(message, offset, field)
        return EfgError(err.message, path=err.path, line=err.line, field=err.field)


def parse_efg(text: str, path=None, exact: bool | None = None) -> Tree:
    """Parse the text of an ``.efg`` file into a :class:`~gametheory.tree.Tree`.

    Parameters
    ----------
    text : str
    path : str, optional
        For error messages.
    exact : bool, optional
        Force exact (Fractions) or float numbers; default: exact for an ``R``
        file, float for a ``D`` file.

    Raises
    ------
    EfgError
        With the path and line of the first problem, including the tree's own
        checks (a missing payoff, imperfect recall, ...) at the line of the
        node at fault.
    """
    # imported here: gametheory.tree re-exports this module's functions, so a module-level import would be circular
    from ..tree.game import Tree

    if not isinstance(text, str):
        raise EfgError(f"expected the text of an .efg file, got {type(text).__name__}", path=path)
    path = None if path is None else os.fspath(path)
    try:
        t = _EfgTokens(text, path)
    except InputError as exc:
        raise EfgError(exc.message, path=exc.path, line=exc.line, field=exc.field) from None
    exact, title, players, players_at = _header(t, "EFG", "2", exact)
    if not players:
        raise t.error("a game needs at least one player", players_at, "players")
    n_players = len(players)
    players = [p if p.strip() else f"Player {i + 1}" for i, p in enumerate(players)]
    if t.peek()[0] == "str":  # the optional comment
        t.next("str", "a comment")

    zero = Fraction(0) if exact else 0.0
    cache: dict = {}
    infosets: list[Infoset] = []
    iset_index: dict[tuple[int, int], int] = {}  # (player number, 0 for chance; infoset number) -> index
    children: list[list[int]] = []
    node_isets: list[int] = []
    labels: list[str] = []
    offsets: list[int] = []
    node_outcome: list[int] = []
    outcomes: dict[int, tuple[str, list]] = {}
    interior_outcome = False
    pending: list[list[int]] = []  # [node, children still to read], innermost last
    while True:
        if not pending and children:
            break
        tok = t.peek()
        if tok[0] is None:
            if not children:
                raise t.error("expected the root node ('p', 'c' or 't'), got the end of the file", field="nodes")
            node, left = pending[-1]
            raise t.error(f"the file ends but node {node} (line {t.line_at(offsets[node])}) still needs {left} "
                          f"{'child' if left == 1 else 'children'}, one per action", field="nodes")
        kind_tok = t.next("word", "a node ('p', 'c' or 't')", "nodes")
        if kind_tok[1] not in ("p", "c", "t"):
            raise t.error(f"expected a node type 'p' (player), 'c' (chance) or 't' (terminal), got {kind_tok[1]!r}",
                          kind_tok[2], "nodes")
        v = len(children)
        children.append([])
        offsets.append(kind_tok[2])
        if pending:
            pending[-1][1] -= 1
            children[pending[-1][0]].append(v)
            if pending[-1][1] == 0:
                pending.pop()
        labels.append(t.next("str", "the quoted node label", "nodes")[1])
        if kind_tok[1] == "t":
            node_isets.append(-1)
        else:
            if kind_tok[1] == "p":
                ptok = t.next("word", "the player number", "nodes")
                player_no = _count(ptok, t, "nodes", lo=1)
                if player_no > n_players:
                    raise t.error(f"player {player_no} does not exist; the file has {n_players} players", ptok[2],
                                  "nodes")
            else:
                player_no = 0
            itok = t.next("word", "the information set number", "nodes")
            iset_no = _count(itok, t, "nodes")
            k = _read_infoset(t, player_no, iset_no, itok[2], players, exact, cache, infosets, iset_index)
            node_isets.append(k)
            pending.append([v, len(infosets[k].actions)])
        out_tok = t.next("word", "the outcome number (0 for none)", "nodes")
        out_no = _count(out_tok, t, "nodes")
        if t.peek()[0] == "str":
            if out_no == 0:
                raise t.error("the null outcome 0 has no label or payoffs", out_tok[2], "outcomes")
            out_label = t.next("str", "the outcome label", "outcomes")[1]
            brace = t.next("{", "'{' opening the outcome's payoffs", "outcomes")[2]
            pays = []
            while t.peek()[0] == "word":
                pays.append(_number(t.next("word", "a payoff", "outcomes"), t, exact, "outcomes", cache))
            t.next("}", "'}' closing the outcome's payoffs", "outcomes")
            if len(pays) != n_players:
                raise t.error(f"outcome {out_no} has {len(pays)} payoffs, expected {n_players} (one per player)",
                              brace, "outcomes")
            if out_no in outcomes:
                if outcomes[out_no][1] != pays:
                    raise t.error(f"outcome {out_no} is given payoffs {[str(x) for x in pays]} here but "
                                  f"{[str(x) for x in outcomes[out_no][1]]} before", brace, "outcomes")
            else:
                outcomes[out_no] = (out_label, pays)
        elif out_no and out_no not in outcomes:
            raise t.error(f"outcome {out_no} is used before its payoffs are given", out_tok[2], "outcomes")
        node_outcome.append(out_no)
        if out_no and kind_tok[1] != "t":
            interior_outcome = True
    if t.peek()[0] is not None:
        raise t.error(f"unexpected {t.peek()[1]!r} after the last node of the tree", field="nodes")

    n = len(children)
    terminals = [v for v in range(n) if node_isets[v] == -1]
    if len(terminals) * n_players > MAX_PAYOFF_ENTRIES:
        raise EfgError(f"the tree has {len(terminals)} terminal nodes and {n_players} players, more than "
                       f"{MAX_PAYOFF_ENTRIES} payoffs", path=path, line=t.line_at(players_at), field="nodes")
    nulls = [zero] * n_players
    if interior_outcome:
        # preorder: a parent's accumulated payoffs are known before its children's
        parent = [-1] * n
        for v, kids in enumerate(children):
            for c in kids:
                parent[c] = v
        acc: list[list] = []
        for v in range(n):
            own = outcomes[node_outcome[v]][1] if node_outcome[v] else nulls
            acc.append(own if parent[v] < 0 else [a + b for a, b in zip(acc[parent[v]], own)])
        rows = [acc[v] for v in terminals]
    else:
        rows = [outcomes[node_outcome[v]][1] if node_outcome[v] else nulls for v in terminals]
    pay = np.empty((len(terminals), n_players), dtype=object)
    if rows:
        pay[:, :] = rows
    try:
        return Tree(players, infosets, children, node_isets, pay, node_labels=labels, title=title,
                    kind="exact" if exact else "float")
    except TreeError as exc:
        line = t.line_at(offsets[exc.node]) if exc.node is not None and exc.node < n else None
        raise EfgError(exc.message, path=path, line=line, field=exc.field) from None


def _read_infoset(t: _Tokens, player_no: int, iset_no: int, at: int, players: list[str], exact: bool, cache: dict,
                  infosets: list[Infoset], iset_index: dict) -> int:
    """The index of the information set a node names, defining it or checking it against its definition."""
    from ..tree.game import Infoset

    key = (player_no, iset_no)
    who = "chance" if player_no == 0 else f"player {player_no}"
    if t.peek()[0] != "str":
        if key not in iset_index:
            raise t.error(f"information set {iset_no} of {who} is used before its actions are given", at, "infosets")
        return iset_index[key]
    label = t.next("str", "the information set label", "infosets")[1]
    brace = t.next("{", "'{' opening the actions", "infosets")[2]
    actions: list[str] = []
    probs: list = []
    while t.peek()[0] == "str":
        actions.append(t.next("str", "an action label", "infosets")[1])
        if player_no == 0:
            probs.append(_number(t.next("word", "the action's probability", "infosets"), t, exact, "infosets", cache))
    t.next("}", "'}' closing the actions (labels are quoted strings" + (", each with its probability)"
                                                                       if player_no == 0 else ")"), "infosets")
    if not actions:
        raise t.error(f"information set {iset_no} of {who} has no actions", brace, "infosets")
    actions = [a if a.strip() else str(j + 1) for j, a in enumerate(actions)]
    if len(set(actions)) != len(actions):
        dup = next(a for a in actions if actions.count(a) > 1)
        raise t.error(f"information set {iset_no} of {who} has the action {dup!r} twice", brace, "infosets")
    if key in iset_index:
        first = infosets[iset_index[key]]
        if first.label != label or list(first.actions) != actions:
            raise t.error(
                f"information set {iset_no} of {who} is {label!r} with actions {actions} here but "
                f"{first.label!r} with actions {list(first.actions)} before; its nodes must offer the same actions",
                brace, "infosets")
        if player_no == 0 and list(first.probabilities or ()) != probs:
            raise t.error(f"chance information set {iset_no} has other probabilities here than before", brace,
                          "infosets")
        return iset_index[key]
    iset_index[key] = len(infosets)
    player = None if player_no == 0 else players[player_no - 1]
    infosets.append(Infoset(player, label, tuple(actions), tuple(probs) if player_no == 0 else None))
    return iset_index[key]


def read_efg(path, exact: bool | None = None) -> Tree:
    """Read a Gambit ``.efg`` file.

    Parameters
    ----------
    path : str or os.PathLike
    exact : bool, optional
        Default: exact for ``EFG 2 R`` files, float for ``EFG 2 D``.

    Raises
    ------
    EfgError
        With the path and line of the first problem.
    """
    path = os.fspath(path)
    raw = read_bytes(path, EfgError)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # Gambit's own files predate UTF-8 labels
    return parse_efg(text, path, exact)


def _format(x, kind: str) -> str:
    if kind == "float":
        return repr(float(x))
    return str(x if isinstance(x, Fraction) else Fraction(x))


def efg_text(tree: Tree) -> str:
    """``tree`` as .efg text: nodes in preorder, one outcome per terminal node.

    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["A", "B"], title="t")
    >>> tree = b.build(b.decision("A", {"L": b.chance({"h": ("1/3", b.payoff(1, 2)), "t": ("2/3", b.payoff(0, 0))}),
    ...                                 "R": b.payoff("1/2", 0, label="end")}))
    >>> print(efg_text(tree), end="")
    EFG 2 R "t" { "A" "B" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "L" "R" } 0
    c "" 1 "" { "h" 1/3 "t" 2/3 } 0
    t "" 1 "" { 1, 2 }
    t "" 2 "" { 0, 0 }
    t "end" 3 "" { 1/2, 0 }
    """
    from ..tree.game import Tree

    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    if tree.kind == "symbolic":
        raise InputError("an .efg file holds numbers; substitute the parameters first", field="tree")
    kind = tree.kind
    number_type = "D" if kind == "float" else "R"
    lines = [f"EFG 2 {number_type} {_quote(tree.title)} {{ {' '.join(map(_quote, tree.players))} }}", '""', ""]
    cache: dict = {}

    def fmt(x) -> str:
        text = cache.get(x)
        if text is None:
            text = cache[x] = _format(x, kind)
        return text

    iset_of = tree.node_infosets.tolist()
    owner = tree.infoset_players.tolist()
    rows = tree.terminal_rows.tolist()
    payoffs = tree.payoffs
    labels = tree.node_labels
    iset_text: dict[int, str] = {}
    for v in range(tree.num_nodes):
        node_label = _quote(labels[v]) if labels is not None else '""'
        k = iset_of[v]
        if k < 0:
            r = rows[v]
            lines.append(f"t {node_label} {r + 1} \"\" {{ {', '.join(fmt(x) for x in payoffs[r])} }}")
            continue
        text = iset_text.get(k)
        if text is None:
            info = tree.infoset(k)
            if owner[k] < 0:
                acts = " ".join(f"{_quote(a)} {fmt(p)}" for a, p in zip(info.actions, info.probabilities or ()))
                text = f"{tree.infoset_number(k)} {_quote(info.label)} {{ {acts} }}"
            else:
                acts = " ".join(map(_quote, info.actions))
                text = f"{owner[k] + 1} {tree.infoset_number(k)} {_quote(info.label)} {{ {acts} }}"
            iset_text[k] = text
        lines.append(f"{'c' if owner[k] < 0 else 'p'} {node_label} {text} 0")
    return "\n".join(lines) + "\n"


def write_efg(tree: Tree, path) -> None:
    """Write ``tree`` to ``path`` as an ``.efg`` file (atomically)."""
    atomic_write_text(path, efg_text(tree))
