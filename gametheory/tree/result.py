r"""Results of solving a game tree: behaviour-strategy equilibria that carry their certificates.

A :class:`TreeEquilibrium` holds a :class:`~gametheory.tree.behavior.BehaviorProfile`,
each player's expected payoff, each player's regret (the certificate) and the
path of play.  The regret is the one of the result's *concept*:

* ``"subgame-perfect"`` (method ``spe``): the largest gain of a deviation by
  that player at any of her information sets, in any proper subgame
  (:func:`~gametheory.tree.behavior.subgame_perfect_regret`; Selten 1965);
* ``"nash"`` (the normal-form methods on the reduced normal form): the largest
  gain in the whole game (:func:`~gametheory.tree.behavior.nash_regret`).

A :class:`TreeSolveResult` re-checks every certificate when it is built: all
regrets zero exactly when exact, at most ``tol``
(:func:`gametheory.profile.default_tolerance`, the one owner of float
tolerances) otherwise; and ``complete=True`` is refused with no equilibrium
(every finite game of perfect recall has a subgame-perfect equilibrium in
behaviour strategies, Selten 1975).

JSON (``to_json``)::

    {"game": {"title", "players", "kind": "tree"}, "method", "complete", "exact",
     ["tolerance" when not exact,] "equilibria": [{"behavior": {player: {infoset: {action: p}}},
     "payoffs": {player: v}, "regret": {player: r}, "path": [action, ...]}], "diagnostics": [...]}

Exact numbers are strings (``"1/3"``), floats JSON numbers, as in the
normal-form contract (:func:`gametheory.result.json_number`).  An information
set's key is :meth:`Tree.infoset_key <gametheory.tree.Tree.infoset_key>`.
``path`` lists the action labels of the play as far as it is determined
(:meth:`BehaviorProfile.path <gametheory.tree.behavior.BehaviorProfile.path>`:
it stops at a mixed choice or a chance move).

References
----------
R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55.

Examples
--------
>>> from gametheory.tree import TreeBuilder
>>> from gametheory.tree.behavior import BehaviorProfile
>>> b = TreeBuilder(["Entrant", "Incumbent"], title="Entry")
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision("Incumbent", {
...     "Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> eq = TreeEquilibrium.from_profile(
...     BehaviorProfile(t, {"Entrant": {"1": "In"}, "Incumbent": {"In": "Accommodate"}}), "subgame-perfect")
>>> res = TreeSolveResult(t, "spe", True, True, 0, (eq,), concept="subgame-perfect")
>>> res.to_json()["equilibria"][0]["path"], res.to_json()["equilibria"][0]["payoffs"]
(['In', 'Accommodate'], {'Entrant': '1', 'Incumbent': '1'})
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from ..errors import GameTheoryError
from ..game_text import mix_text, values_text
from ..numbers import format_number
from ..result import _extra_lines, _is_jsonable, json_number
from .behavior import BehaviorProfile, nash_regret, subgame_perfect_regret
from .game import Tree

__all__ = ["TreeEquilibrium", "TreeSolveResult", "Concept"]

Concept = Literal["subgame-perfect", "nash", "perfect-bayesian"]

#: Information sets shown per equilibrium by ``str(result)``; ``to_json`` lists them all.
TEXT_MAX_INFOSETS = 40


@dataclass(frozen=True)
class TreeEquilibrium:
    """One equilibrium of a tree and its certificate.

    Attributes
    ----------
    behavior : BehaviorProfile
    payoffs : mapping
        ``{player: expected payoff}``.
    regret : mapping
        ``{player: largest gain of a deviation}`` (in any subgame for a
        subgame-perfect result, in the whole game for a Nash result).
    path : tuple of (int, str)
        ``(node, action)`` pairs of the determined part of the play.
    info : mapping
        Method-specific facts.
    """

    behavior: BehaviorProfile
    payoffs: Mapping[str, Any]
    regret: Mapping[str, Any]
    path: tuple[tuple[int, str], ...]
    info: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_profile(cls, behavior: BehaviorProfile, concept: Concept,
                     info: Mapping | None = None) -> TreeEquilibrium:
        """Compute the payoffs, the regret of ``concept`` and the path of ``behavior``."""
        regret = subgame_perfect_regret(behavior) if concept == "subgame-perfect" else nash_regret(behavior)
        return cls(behavior, MappingProxyType(behavior.payoffs()), MappingProxyType(regret), behavior.path(),
                   MappingProxyType(dict(info or {})))

    @property
    def max_regret(self):
        return max(self.regret.values())

    @property
    def is_pure(self) -> bool:
        return self.behavior.is_pure

    def to_json(self) -> dict:
        ex = self.behavior.exact
        return {
            "behavior": {p: {k: {a: json_number(q, ex) for a, q in d.items()} for k, d in sets.items()}
                         for p, sets in self.behavior.as_dict().items()},
            "payoffs": {p: json_number(v, ex) for p, v in self.payoffs.items()},
            "regret": {p: json_number(v, ex) for p, v in self.regret.items()},
            "path": [a for _, a in self.path],
        }

    def text_lines(self, max_sets: int = TEXT_MAX_INFOSETS) -> list[str]:
        """The behaviour (at most ``max_sets`` information sets), payoffs, regret and path, for people."""
        t = self.behavior.tree
        shown = []
        count = 0
        for k, p in enumerate(t.infoset_players.tolist()):
            if p < 0:
                continue
            count += 1
            if count <= max_sets:
                shown.append(f"{t.players[p]} at {t.infoset_key(k)}: {mix_text(self.behavior.distribution(k))}")
        lines = [f"path: {' > '.join(a for _, a in self.path) or '(branches at the root)'}"]
        lines.append("behaviour: " + "; ".join(shown) + (f"; ... ({count - max_sets} more sets; --json lists all)"
                                                        if count > max_sets else ""))
        lines.append(f"payoffs: {values_text(self.payoffs)}")
        lines.append(f"regret:  {values_text(self.regret)}")
        return lines


@dataclass(frozen=True)
class TreeSolveResult:
    """What a tree solver found and what it proves.

    Attributes
    ----------
    tree : Tree
    method : str
    complete : bool
        True when the method guarantees that every equilibrium of its kind
        is listed (the diagnostics say in which sense); never True with no
        equilibrium.
    exact : bool
    tol : float
        Largest regret accepted (0 when exact).
    equilibria : tuple of TreeEquilibrium
    concept : {'subgame-perfect', 'nash'}
        What the regrets certify.
    diagnostics : tuple of str
    extra : mapping
        Further method-specific output (e.g. the number of equilibria found).
    """

    tree: Tree
    method: str
    complete: bool
    exact: bool
    tol: float
    equilibria: tuple[TreeEquilibrium, ...]
    concept: Concept = "subgame-perfect"
    diagnostics: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))
        if self.concept not in ("subgame-perfect", "nash"):
            raise GameTheoryError(f"internal error: unknown equilibrium concept {self.concept!r}")
        if self.complete and not self.equilibria:
            # Selten (1975): every finite tree with perfect recall has a subgame-perfect equilibrium
            raise GameTheoryError(f"internal error: method {self.method!r} reported complete=True with no "
                                  "equilibrium; every finite game tree has one")
        for k, eq in enumerate(self.equilibria):
            # the profile may live on the tree converted to the result's arithmetic (same structure)
            if eq.behavior.tree.num_nodes != self.tree.num_nodes:
                raise GameTheoryError(f"internal error: equilibrium {k + 1} is on another tree")
            if self.exact and not eq.behavior.exact:
                raise GameTheoryError(f"internal error: equilibrium {k + 1} of an exact result is in floats")
            if eq.max_regret > self.tol:
                raise GameTheoryError(
                    f"internal error: method {self.method!r} reported equilibrium {k + 1} with {self.concept} regret "
                    f"{float(eq.max_regret):.3g} > tolerance {float(self.tol):.3g}: {eq.behavior!r}"
                )

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def __str__(self) -> str:
        """The report of ``gametheory solve TREE``: :meth:`text` without internals."""
        return self.text()

    def text(self, verbose: bool = False) -> str:
        """The report for people: method, equilibria (numbered from 1) with path, behaviour and certificates.

        With ``verbose`` the method's internals (e.g. the pivots of the
        sequence form) and each equilibrium's ``info`` are shown too.
        """
        what = "subgame-perfect equilibri" if self.concept == "subgame-perfect" else "Nash equilibri"
        complete = f"yes, every {what}um of its kind is listed (see the diagnostics)" if self.complete else \
            "no, other equilibria may exist"
        arithmetic = "exact" if self.exact else f"float, tolerance {format_number(self.tol)}"
        lines = [f"method: {self.method} ({arithmetic})", f"complete: {complete}",
                 f"{what}a: {len(self.equilibria)}"]
        for k, eq in enumerate(self.equilibria, 1):
            body = eq.text_lines()
            lines.append(f"  {k}. {body[0]}")
            lines += [f"     {line}" for line in body[1:]]
            if verbose and eq.info:
                lines.append(f"     info: {json.dumps(dict(eq.info), default=str)}")
        lines += _extra_lines(self.extra, verbose)
        if self.diagnostics:
            lines.append("diagnostics:")
            lines += [f"  - {d}" for d in self.diagnostics]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The JSON document of ``gametheory solve TREE --json`` (see the module docstring)."""
        doc: dict[str, Any] = {
            "game": {"title": self.tree.title, "players": list(self.tree.players), "kind": "tree"},
            "method": self.method,
            "complete": bool(self.complete),
            "exact": bool(self.exact),
            **({} if self.exact else {"tolerance": float(self.tol)}),
            "equilibria": [eq.to_json() for eq in self.equilibria],
            "diagnostics": list(self.diagnostics),
        }
        for key, val in self.extra.items():
            if key not in doc and _is_jsonable(val):
                doc[key] = val
        return doc

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "latex")
