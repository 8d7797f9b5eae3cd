"""``gametheory assess TREE``: sequential equilibrium of a game tree (Kreps and Wilson 1982).

With ``--behavior FILE`` the assessment in the file(s) is checked by
:func:`gametheory.tree.sequential.check_assessment`: sequential rationality
at every information set (the largest gain there is the certificate) and
Kreps-Wilson consistency, decided exactly.  Without it,
:func:`gametheory.tree.sequential.sequential_equilibria` lists the sequential
equilibria in pure behaviour strategies with exact off-path belief
intervals.  Exit status: 0 when the assessment is a sequential equilibrium
(or the search ran), 1 when it is not, 2 on bad input.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..errors import InputError
from ..overrides import parse_overrides
from ._common import (
    add_exactness,
    add_json,
    add_max_cost,
    add_params,
    exact_flag,
    load_any,
    max_cost_option,
    print_json,
)

HELP = """\
TREE is a game-tree model (.toml) or a Gambit .efg file.

--behavior FILE (.json or .toml) gives the behaviour profile,
  {"Player": {"infoset key": "Action" or {"Action": "1/3", ...}}}
  (every information set of every player; keys as `gametheory info` lists
  them), or a document {"behavior": {...}, "beliefs": {...}} holding both.
--beliefs FILE gives the beliefs, {"infoset key": {"node": "2/3", ...}} or
  {"Player": {"infoset key": {...}}}; a node is named by its label (a TOML
  node id), its number (preorder, root 0) or an action on its path that no
  other node of the set has (the type chance drew, say).  Sets of one node
  need none; sets the play reaches get Bayes' rule when left out; the others
  must be given.

Without --behavior, every sequential equilibrium in pure behaviour
strategies is listed, with exact belief intervals at the off-path sets
(trees where each player has at most one off-path set of several nodes).

Exit status: 0 a sequential equilibrium (or the search ran), 1 not one,
2 bad input (one `error:` line)."""


def add_arguments(parser):
    import argparse

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = HELP
    parser.add_argument("path", metavar="TREE", help="a game-tree model (.toml) or Gambit .efg file")
    parser.add_argument("--behavior", default=None, metavar="FILE",
                        help="the behaviour profile to check (.json or .toml; see below)")
    parser.add_argument("--beliefs", default=None, metavar="FILE",
                        help="the beliefs at the information sets (.json or .toml; see below)")
    add_params(parser)
    add_exactness(parser)
    add_max_cost(parser, help="raise the limit on the estimated work of the search (pure profiles x nodes)")
    add_json(parser)


def read_document(path: str, what: str) -> Any:
    """The strict JSON or TOML document of ``path`` (numbers with a decimal point kept as text, read exactly)."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".json", ".toml"):
        raise InputError(f"the {what} file must end in .json or .toml, got {ext or '(none)'!r}", path=path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read the {what} file: {exc.strerror or exc}", path=path) from None
    except UnicodeDecodeError:
        raise InputError(f"the {what} file is not UTF-8 text", path=path) from None
    if ext == ".toml":
        import re
        import tomllib

        try:
            return tomllib.loads(text, parse_float=str)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise InputError(f"not valid TOML: {exc}", path=path, line=int(m.group(1)) if m else None) from None

    def pairs(items):
        out = {}
        for k, v in items:
            if k in out:
                raise InputError(f"the key {k!r} appears twice", path=path)
            out[k] = v
        return out

    def constant(name):  # NaN and Infinity are not JSON (RFC 8259)
        raise InputError(f"{name} is not a JSON number", path=path)

    try:
        return json.loads(text, parse_float=str, parse_constant=constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", path=path) from None


def run(args) -> int:
    from ..bayesian.signaling import SignalingGame
    from ..game import Game
    from ..tree import Tree
    from ..tree.sequential import check_assessment, sequential_equilibria
    from ._common import located

    tree, _ = load_any(args.path, parse_overrides(args.param), exact=exact_flag(args))
    if isinstance(tree, SignalingGame):  # a signaling model: its tree (chance draws the type)
        tree = tree.to_tree()
    if not isinstance(tree, Tree):
        what = "normal-form game" if isinstance(tree, Game) else "Bayesian game (it has no tree)"
        raise InputError(f"assess needs a game tree (a tree model with [[nodes]], a signaling model or an .efg "
                         f"file), not a {what}", path=args.path)
    if args.behavior is None:
        if args.beliefs is not None:
            raise InputError("--beliefs needs --behavior (the profile they go with)", field="--beliefs")
        result = sequential_equilibria(tree, **max_cost_option(args))
        if args.json:
            print_json(result.to_json(), ensure_ascii=False)
        else:
            print(result)
        return 0
    doc = read_document(args.behavior, "behaviour")
    beliefs = None
    if isinstance(doc, dict) and "behavior" in doc and not (set(doc) - {"behavior", "beliefs"}):
        beliefs = doc.get("beliefs")
        doc = doc["behavior"]
    if args.beliefs is not None:
        if beliefs is not None:
            raise InputError("the beliefs are given twice: in the behaviour file and with --beliefs",
                             field="--beliefs")
        beliefs = read_document(args.beliefs, "beliefs")
        with located(args.beliefs):
            from ..tree.sequential import parse_beliefs

            exact = tree.is_exact if exact_flag(args) is None else exact_flag(args)
            parse_beliefs(tree, beliefs, bool(exact))  # report a bad belief against its own file
    with located(args.behavior):
        check = check_assessment(tree, doc, beliefs, exact=exact_flag(args))
    if args.json:
        print_json(check.to_json(), ensure_ascii=False)
    else:
        print(check)
    return 0 if check.is_sequential_equilibrium else 1
