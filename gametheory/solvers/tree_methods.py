r"""The tree method table: every way to solve a game tree, and :func:`solve_tree`.

A tree method takes a :class:`~gametheory.tree.Tree` and returns a
:class:`~gametheory.tree.result.TreeSolveResult`, so it has another signature
and another result type than the normal-form methods of :data:`METHODS`
(``Game -> SolveResult``); a table of its own, next to that one, keeps both
typed.  :data:`TREE_METHODS` holds

* ``spe``: subgame-perfect equilibria (:func:`gametheory.tree.spe.solve_spe`);
* ``sequence-form``: one Nash equilibrium of a two-player tree by Lemke's
  algorithm on the sequence form (:func:`gametheory.tree.sequence_form.sequence_form_solve`);
* ``pbe``: every perfect Bayesian equilibrium family of a tree of signaling
  shape (:func:`gametheory.solvers.incomplete.solve_tree_pbe`), which gives a
  :class:`~gametheory.bayesian.pbe.PBEResult` instead;
* every Nash method of :data:`METHODS` (all but ``correlated``) applied to the
  reduced normal form and mapped back by Kuhn's theorem
  (:func:`gametheory.tree.nash.solve_tree_nash`), under the same name.

To add a method, add a :class:`TreeMethodSpec` to
``_OWN`` below.  ``method="auto"`` for a tree is ``spe``.

References
----------
R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55.

Examples
--------
>>> sorted(TREE_METHODS)[:4]
['enumerate', 'enumpoly', 'gnm', 'lemke-howson']
>>> TREE_METHODS["spe"].concept
'subgame-perfect'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .table import METHODS, Completeness

if TYPE_CHECKING:
    from ..bayesian.pbe import PBEResult
    from ..tree.game import Tree
    from ..tree.result import Concept, TreeSolveResult

__all__ = ["TreeMethodSpec", "TREE_METHODS", "solve_tree"]


@dataclass(frozen=True)
class TreeMethodSpec:
    """One method for game trees.

    Attributes
    ----------
    name : str
    solve : callable
        ``solve(tree, exact=None, **options) -> TreeSolveResult`` (a
        ``PBEResult`` for ``pbe``).
    description : str
    concept : {'subgame-perfect', 'nash', 'perfect-bayesian'}
        What its equilibria are (and what their regrets certify).
    completeness : str
        As in :class:`~gametheory.solvers.table.MethodSpec`.
    min_players, max_players : int, int or None
    """

    name: str
    solve: Callable[..., TreeSolveResult | PBEResult]
    description: str
    concept: Concept
    completeness: Completeness
    min_players: int = 1
    max_players: int | None = None

    def handles_players(self, n: int) -> bool:
        return n >= self.min_players and (self.max_players is None or n <= self.max_players)


def _spe(tree: Tree, exact: bool | None = None, **options: Any) -> TreeSolveResult:
    from ..tree.spe import solve_spe

    return solve_spe(tree, exact, **options)


def _sequence_form(tree: Tree, exact: bool | None = None, **options: Any) -> TreeSolveResult:
    from ..tree.sequence_form import sequence_form_solve

    return sequence_form_solve(tree, exact, **options)


def _sequence_form_lp(tree: Tree, exact: bool | None = None, **options: Any) -> TreeSolveResult:
    from ..cost import check_cost
    from ..numbers import format_number
    from ..profile import default_tolerance
    from ..tree.result import TreeEquilibrium, TreeSolveResult
    from ..tree.sequence_form import sequence_form_value

    # the LP has one row and one column per sequence: a few passes over the tree's nodes
    check_cost(tree.num_nodes ** 2, options.get("max_cost"), "sequence-form-lp",
               f"an LP over the sequences of a tree of {tree.num_nodes} nodes")
    v = sequence_form_value(tree, exact)
    eq = TreeEquilibrium.from_profile(v.behavior, "nash")
    shown = format_number(v.value)
    diagnostics = (f"zero-sum value for {tree.players[0]}: {shown}, by the sequence-form LP (Koller, Megiddo and von "
                   f"Stengel 1996); certificate: {tree.players[0]}'s plan guarantees {format_number(v.guarantee)} and "
                   f"{tree.players[1]}'s concedes at most {format_number(v.bound)}",
                   "these optimal strategies are a Nash equilibrium; every equilibrium of a zero-sum tree has this "
                   "value, but other optimal strategies may exist")
    value = str(v.value) if v.exact else float(v.value)
    return TreeSolveResult(tree, "sequence-form-lp", False, v.exact, 0 if v.exact else default_tolerance(tree), (eq,),
                           "nash", diagnostics, extra={"value": value})


def _pbe(tree: Tree, exact: bool | None = None, **options: Any) -> PBEResult:
    from .incomplete import solve_tree_pbe

    return solve_tree_pbe(tree, exact, **options)


def _nash(name: str, tree: Tree, exact: bool | None = None, **options: Any) -> TreeSolveResult:
    from ..tree.nash import solve_tree_nash

    return solve_tree_nash(tree, name, exact, **options)


_OWN = (
    TreeMethodSpec(
        "spe", _spe,
        "subgame-perfect equilibria: every pure one by backward induction with ties branching (perfect "
        "information); otherwise subgame decomposition with the normal-form engine on each subgame",
        concept="subgame-perfect", completeness="always",
    ),
    TreeMethodSpec(
        "sequence-form", _sequence_form,
        "one Nash equilibrium of a two-player tree by Lemke's algorithm on the sequence form (Koller, Megiddo "
        "and von Stengel 1996): size linear in the tree, for trees whose reduced normal form is too large",
        concept="nash", completeness="never", min_players=2, max_players=2,
    ),
    TreeMethodSpec(
        "sequence-form-lp", _sequence_form_lp,
        "the value and optimal strategies of a two-player zero-sum tree by the sequence-form linear program "
        "(exact simplex when the tree is exact), certified by the two plans' guarantees",
        concept="nash", completeness="never", min_players=2, max_players=2,
    ),
    TreeMethodSpec(
        "pbe", _pbe,
        "every perfect Bayesian equilibrium of a tree of signaling shape (chance draws the sender's type, the "
        "receiver sees only the message), exactly, as pooling, separating and hybrid families with their belief "
        "intervals, the intuitive criterion and D1; the default for signaling models",
        concept="perfect-bayesian", completeness="always", min_players=2, max_players=2,
    ),
)

_VIA_NORMAL_FORM = tuple(
    TreeMethodSpec(
        spec.name, partial(_nash, spec.name),
        f"Nash equilibria through the reduced normal form, mapped to behaviour strategies: {spec.description}",
        concept="nash", completeness=spec.completeness, min_players=spec.min_players, max_players=spec.max_players,
    )
    for spec in METHODS.values() if spec.name != "correlated"
)

TREE_METHODS: Mapping[str, TreeMethodSpec] = MappingProxyType({s.name: s for s in _OWN + _VIA_NORMAL_FORM})


def solve_tree(tree: Tree, method: str = "spe", exact: bool | None = None,
               **options: Any) -> TreeSolveResult | PBEResult:
    """Solve a game tree with one method of :data:`TREE_METHODS` (``"auto"`` is ``"spe"``).

    Parameters
    ----------
    tree : Tree
        Numeric (substitute a symbolic tree's parameters first).
    method : str
        ``"spe"`` (subgame-perfect equilibria), a normal-form Nash method
        (``"enumerate"``, ``"support"``, ``"lemke-howson"``, ``"enumpoly"``, ...)
        or ``"auto"``.
    exact : bool, optional
        Fractions or floats (default: the tree's kind).
    **options
        Passed to the method (``max_cost`` for every one).

    Returns
    -------
    TreeSolveResult

    Raises
    ------
    InputError
        An unknown method.
    UnsupportedGameError
        A symbolic tree, or a method that does not handle the player count.

    Examples
    --------
    >>> from gametheory.tree import TreeBuilder
    >>> b = TreeBuilder(["Entrant", "Incumbent"])
    >>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision("Incumbent", {
    ...     "Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
    >>> [[a for _, a in eq.path] for eq in solve_tree(t)]
    [['In', 'Accommodate']]
    >>> len(solve_tree(t, "enumerate").equilibria) > 1
    True
    """
    from ..errors import UnsupportedGameError
    from ..tree.game import Tree

    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    if method == "auto":
        method = "spe"
    spec = TREE_METHODS.get(method)
    if spec is None:
        raise InputError(f"unknown method {method!r} for a game tree; choose one of {sorted(TREE_METHODS) + ['auto']}",
                         field="method")
    if not spec.handles_players(tree.num_players):
        players = f"{spec.min_players}..{spec.max_players or 'N'}"
        raise UnsupportedGameError(f"method {method!r} handles games with {players} players, this tree has "
                                   f"{tree.num_players}")
    return spec.solve(tree, exact, **options)
