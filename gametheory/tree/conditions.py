r"""Exact conditions on the parameters under which a pure behaviour profile of a game tree is subgame perfect.

The alternatives subgame perfection rules out, each with its gap
:math:`u_i(b) - u_i(\text{alternative})` (one-shot deviations under perfect
information, other plans of each proper subgame otherwise), are listed by
:mod:`gametheory.tree.deviations`.  On a symbolic tree (payoffs sympy
expressions in the parameters) each gap is an exact expression and the
condition that :math:`b` is subgame perfect is the conjunction

.. math:: \bigwedge_{\text{alternatives}} u_i(b) - u_i(\text{alternative}) \ge 0,

each inequality kept with its label (who, where, which alternative), the
whole simplified with the model's assumptions and declared ranges by
:mod:`gametheory.assumptions.conditions` (its one simplifier and its
three-valued verdicts).  :func:`spe_path_conditions` is the disjunction of
these conditions over the pure profiles that follow a path.

References
----------
R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965) 301-324 and 667-689.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sec. 4.2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..assumptions.conditions.atoms import Ranges, _atom
from ..assumptions.conditions.claims import Condition
from ..assumptions.conditions.simplify import _Assumptions, _simplify_bool
from ..assumptions.policy import AssumptionUse, UsesAssumptions, assumption_use
from ..cost import check_cost
from ..errors import InputError
from ..game_text import assignments_text, plural
from .deviations import (
    Choices,
    ProfileSpec,
    _all_choices,
    _free_sets,
    _gap_cost,
    _gaps,
    _profiles_count,
    choices_profile,
    path_choices,
    profile_text,
    pure_choices,
)
from .game import Tree

if TYPE_CHECKING:
    import sympy

__all__ = ["SYMBOLIC_MAX_COST", "LocalCondition", "SubgamePerfectCondition", "TreeConditionsReport", "spe_conditions",
           "spe_path_conditions", "tree_conditions_report"]

#: Default limit, in symbolic steps (node values summed in sympy), of the conditions: sympy is slow.
SYMBOLIC_MAX_COST = 10**6


# ---------------------------------------------------------------------- conditions
@dataclass(frozen=True)
class LocalCondition:
    """One inequality of a subgame-perfection condition: a player does not gain by one alternative.

    Attributes
    ----------
    player : str
    node : int
        The deciding node (perfect information) or the root of the subgame (imperfect).
    infoset : str or None
        The information set's key (perfect information), None for a plan of a subgame.
    chosen, alternative : str
        The profile's action (or plan in the subgame) and the alternative.
    expr : sympy boolean
        ``u(chosen) >= u(alternative)``, simplified with the assumptions and ranges.
    """

    player: str
    node: int
    infoset: str | None
    chosen: str
    alternative: str
    expr: sympy.Basic

    @property
    def where(self) -> str:
        if self.infoset is not None:
            return f"{self.player} at {self.infoset!r} (node {self.node})"
        return f"{self.player} in the subgame at node {self.node}"

    def __str__(self) -> str:
        return f"{self.where}: {self.chosen} rather than {self.alternative} iff {self.expr}"

    def to_json(self) -> dict:
        return {"player": self.player, "node": self.node, "infoset": self.infoset, "chosen": self.chosen,
                "alternative": self.alternative, "condition": str(self.expr)}


@dataclass(frozen=True)
class SubgamePerfectCondition(Condition):
    """A :class:`~gametheory.assumptions.conditions.Condition` that a pure profile is subgame perfect, with its parts.

    Attributes
    ----------
    profile : mapping
        ``{player: {infoset key: action}}``.
    parts : tuple of LocalCondition
        One inequality per alternative (those that simplify to true included);
        ``expr`` is their simplified conjunction.
    """

    profile: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    parts: tuple[LocalCondition, ...] = ()

    def to_json(self) -> dict:
        return {"claim": self.claim, "condition": str(self.expr), "profile": {p: dict(d) for p, d in
                                                                               self.profile.items()},
                "parts": [p.to_json() for p in self.parts]}


def _symbolic(tree: Tree) -> Tree:
    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    return tree.to_symbolic()


def _symbolic_limit(max_cost: int | None) -> int:
    return SYMBOLIC_MAX_COST if max_cost is None else max_cost


def _profile_condition(tree: Tree, choices: Choices, ctx: _Assumptions, assumptions: tuple,
                       max_cost: int | None) -> SubgamePerfectCondition:
    import sympy

    parts = []
    for g in _gaps(tree, choices, max_cost):
        expr = ctx.simplify(_atom(g.gap, ">="))
        parts.append(LocalCondition(g.player, g.node, g.infoset, g.chosen, g.alternative, expr))
    expr = _simplify_bool(ctx.simplify(sympy.And(*[p.expr for p in parts])))
    claim = f"{profile_text(tree, choices)} is subgame perfect"
    return SubgamePerfectCondition(claim, expr, "", assumptions, choices_profile(tree, choices), tuple(parts))


def spe_conditions(tree: Tree, profile: ProfileSpec, assumptions: Sequence[sympy.Basic] = (),
                   ranges: Ranges | None = None, *, max_cost: int | None = None) -> SubgamePerfectCondition:
    """The exact condition on the parameters under which a pure behaviour ``profile`` is subgame perfect.

    Parameters
    ----------
    tree : Tree
        Symbolic, exact or float (numbers give a condition that is true or false).
    profile : mapping
        ``{player: action}`` or ``{player: {infoset key: action}}`` (see :func:`pure_choices`).
    assumptions : sequence of sympy relations
        The model's assumptions (equalities substituted, implied atoms dropped).
    ranges : mapping name -> (lo, hi), optional
        Declared ranges: factors of known sign on the box are dropped.
    max_cost : int, optional
        Refuse (:class:`~gametheory.errors.CostLimitError`) past this many
        symbolic steps (default :data:`SYMBOLIC_MAX_COST`).

    Returns
    -------
    SubgamePerfectCondition
        ``expr`` the simplified conjunction, ``parts`` one labelled inequality per alternative.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.tree import tree_from_dict
    >>> w, b = sympy.symbols("w b", real=True)
    >>> t = tree_from_dict(["West", "Serbia"], {"player": "West", "actions": {
    ...     "Offer": {"player": "Serbia", "actions": {"Cooperate": [2, w], "Blockade": [-1, b]}},
    ...     "No offer": [0, 0]}})
    >>> c = spe_conditions(t, {"West": "Offer", "Serbia": "Cooperate"})
    >>> print(c.expr)
    b <= w
    >>> print(c.parts[1])
    Serbia at 'Offer' (node 1): Cooperate rather than Blockade iff w >= b
    """
    tree = _symbolic(tree)
    choices = pure_choices(tree, profile)
    limit = _symbolic_limit(max_cost)
    cost, what = _gap_cost(tree)
    check_cost(cost, limit, "subgame perfection conditions", what)
    ctx = _Assumptions.build(assumptions, ranges)
    return _profile_condition(tree, choices, ctx, tuple(assumptions), limit)


def spe_path_conditions(tree: Tree, path: Sequence[str], assumptions: Sequence[sympy.Basic] = (),
                        ranges: Ranges | None = None, *, max_cost: int | None = None) -> Condition:
    """The condition under which SOME pure subgame-perfect equilibrium follows ``path``.

    The disjunction, over every pure profile that chooses the path's actions
    on it (its choices off the path free), of :func:`spe_conditions`;
    cost-checked (profiles x symbolic steps of one profile, default limit
    :data:`SYMBOLIC_MAX_COST`).

    Parameters
    ----------
    tree : Tree
    path : sequence of str
        Action labels from the root (chance outcomes included); a prefix of a play is allowed.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.tree import tree_from_dict
    >>> w, b = sympy.symbols("w b", real=True)
    >>> t = tree_from_dict(["West", "Serbia"], {"player": "West", "actions": {
    ...     "Offer": {"player": "Serbia", "actions": {"Cooperate": [2, w], "Blockade": [-1, b]}},
    ...     "No offer": [0, 0]}})
    >>> print(spe_path_conditions(t, ["No offer"]).expr)  # at a tie Serbia may blockade
    b >= w
    """
    import sympy

    tree = _symbolic(tree)
    fixed = path_choices(tree, path)
    free = _free_sets(tree, fixed)
    cost, what = _gap_cost(tree)
    profiles = _profiles_count(tree, free)
    limit = _symbolic_limit(max_cost)
    check_cost(profiles * cost, limit, "subgame-perfect path conditions", f"{profiles} profiles off the path x {what}")
    ctx = _Assumptions.build(assumptions, ranges)
    options = []
    for combo in _all_choices(tree, fixed):
        choices = {**fixed, **dict(zip(free, combo))}
        options.append(_profile_condition(tree, choices, ctx, tuple(assumptions), limit).expr)
    expr = _simplify_bool(ctx.simplify(sympy.Or(*options)))
    return Condition(f"some pure subgame-perfect equilibrium plays ({', '.join(path)})", expr,
                     "pure subgame-perfect equilibria", tuple(assumptions))


# ---------------------------------------------------------------------- a model's report
@dataclass(frozen=True)
class TreeConditionsReport(UsesAssumptions):
    """Subgame-perfection conditions of pure profiles of a game-tree model, with verdicts (``gametheory conditions``).

    Attributes
    ----------
    model : str
        The model's title.
    assumptions : tuple of sympy relations
    fixed : mapping
        Parameters held at a value in the verdicts over the ranges.
    entries : tuple of (SubgamePerfectCondition, ClaimVerdicts)
    note : str
        Which profiles are listed.
    assumption_use : AssumptionUse
        Whether the model's assumptions were applied, and the warnings
        (:mod:`gametheory.assumptions.policy`).
    """

    model: str
    assumptions: tuple
    fixed: Mapping
    entries: tuple
    note: str = ""
    assumption_use: AssumptionUse = AssumptionUse()

    def to_json(self) -> dict:
        return {"model": self.model, "assumptions": self.assumption_use.to_json(), "note": self.note,
                "profiles": [{**v.to_json(), "profile": {p: dict(d) for p, d in c.profile.items()},
                              "parts": [p.to_json() for p in c.parts]} for c, v in self.entries]}

    def __str__(self) -> str:
        lines = [self.model, *self.assumption_use.lines(),
                 "verdicts: over the declared ranges" + (f" with {assignments_text(self.fixed)}" if self.fixed else "")
                 + "; at the defaults"]
        if self.note:
            lines.append(self.note)
        lines.append("")
        for c, v in self.entries:
            lines += v.lines()
            lines += [f"    {p}" for p in c.parts]
        return "\n".join(lines)


def tree_conditions_report(model: Any, profile: ProfileSpec | None = None, *, fixed: Mapping | None = None,
                           rng: int | None = 0, assumptions: bool = True) -> TreeConditionsReport:
    """The subgame-perfection conditions of a tree model's ``profile``, or of each pure SPE at the defaults.

    Parameters
    ----------
    model : TreeModel
        A loaded game-tree model file (its symbolic tree, parameters, ranges and assumptions).
    profile : mapping, optional
        See :func:`gametheory.tree.deviations.pure_choices`; default: every
        pure subgame-perfect profile at the defaults (overridden by ``fixed``).
    fixed : mapping, optional
        Parameters held at a value (checked against the declared ranges).
    assumptions : bool
        Apply the model's assumptions (default); False decides over the ranges alone.
    """
    from ..assumptions.conditions.report import _study, _verdicts
    from .deviations import pure_subgame_perfect_profiles

    space, values = _study(model, fixed, assumptions)
    tree = model.tree
    if profile is not None:
        profiles: list[ProfileSpec] = [profile]
        note = ""
    else:
        at = space.point(values)
        numeric = tree.substitute(at) if tree.kind == "symbolic" else tree
        found = pure_subgame_perfect_profiles(numeric)
        profiles = [choices_profile(tree, c) for c in found]
        found_text = plural(len(found), "pure subgame-perfect profile", "pure subgame-perfect profiles")
        note = f"the {found_text} at the defaults" + (" with the fixed values" if values else "")
    entries = []
    for p in profiles:
        cond = spe_conditions(tree, p, space.applied, ranges=space.box())
        entries.append((cond, _verdicts(cond, space, values, rng)))
    return TreeConditionsReport(model.title, tuple(space.applied), values, tuple(entries), note,
                                assumption_use(space, values))
