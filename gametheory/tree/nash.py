r"""Nash equilibria of a tree through its reduced normal form, mapped back to behaviour strategies.

A Nash equilibrium of the reduced normal form (:func:`~gametheory.tree.to_normal_form`),
whose strategies are plans, is a mixed profile :math:`\sigma`; by Kuhn's
theorem (perfect recall) the behaviour profile
:math:`\beta(a \mid I) = \sigma_i(\{\pi : \pi(I) = a\}) / \sigma_i(\{\pi : \pi \text{ chooses at } I\})`
is realization equivalent to it, so it gives every player the same payoff
against everything and is a Nash equilibrium of the tree
(:func:`~gametheory.tree.behavior.behavior_from_mixed`).  Any normal-form
method of :data:`gametheory.METHODS` can therefore solve a tree; the result
is certified on the tree itself by the Nash regret
(:func:`~gametheory.tree.behavior.nash_regret`).  Mixed profiles that are
realization equivalent map to one behaviour profile and are listed once.
These equilibria need not be subgame perfect (method ``spe`` gives those).

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in
*Contributions to the Theory of Games II* (1953) 193-216.

M. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994),
section 11.4 (Proposition 214.1, the outcome equivalence of mixed and
behavioural strategies under perfect recall).

Examples
--------
Entry deterrence has two pure Nash equilibria, one of them the threat.

>>> from gametheory.tree import TreeBuilder
>>> b = TreeBuilder(["Entrant", "Incumbent"])
>>> t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision("Incumbent", {
...     "Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
>>> res = solve_tree_nash(t, "enumerate")
>>> sorted(tuple(a for _, a in eq.path) for eq in res if eq.is_pure)
[('In', 'Accommodate'), ('Out',)]
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..game_text import plural
from ..profile import default_tolerance
from .behavior import behavior_from_mixed
from .game import Tree
from .normal_form import to_normal_form
from .result import TreeEquilibrium, TreeSolveResult

__all__ = ["solve_tree_nash"]


def solve_tree_nash(tree: Tree, method: str, exact: bool | None = None, **options: Any) -> TreeSolveResult:
    """Nash equilibria of ``tree`` by normal-form ``method`` on its reduced normal form (Kuhn's theorem back).

    Parameters
    ----------
    tree : Tree
        Numeric.
    method : str
        A method of :data:`gametheory.METHODS` whose result is a
        :class:`~gametheory.SolveResult` (every one but ``correlated``), or ``auto``.
    exact : bool, optional
        Fractions or floats (default: the tree's kind).
    **options
        Passed to the method; ``max_cost`` also limits building the normal form.

    Returns
    -------
    TreeSolveResult
        Concept ``"nash"``; ``complete`` as the normal-form method's result
        (every extreme, or isolated, equilibrium of the reduced normal form).
    """
    from ..result import SolveResult
    from ..solvers.table import solve

    if not isinstance(tree, Tree):
        raise InputError(f"expected a Tree, got {type(tree).__name__}")
    tree.require_numeric(f"method {method!r}")
    if exact is True:
        tree = tree.to_exact()
    elif exact is False:
        tree = tree.to_float()
    game = to_normal_form(tree, max_cost=options.get("max_cost"))
    res = solve(game, method=method, exact=exact, **options)
    if not isinstance(res, SolveResult):
        raise InputError(f"method {method!r} does not compute Nash equilibria; it cannot solve a tree",
                         field="method")
    ex = bool(res.exact)
    eqs = []
    seen = set()
    for eq in res.equilibria:
        beta = behavior_from_mixed(tree, [v.tolist() for v in eq.profile.vectors], ex)
        if beta in seen:
            continue
        seen.add(beta)
        eqs.append(TreeEquilibrium.from_profile(beta, "nash"))
    tol = 0 if ex else max(float(res.tol), float(default_tolerance(tree.to_float())))
    diag = [f"Nash equilibria of the tree through its reduced normal form ({' x '.join(map(str, game.shape))} "
            f"plans) by method {res.method!r}, mapped to behaviour strategies by Kuhn's theorem; the regret is the "
            "gain of a deviation in the whole game (these need not be subgame perfect: method 'spe' gives those)"]
    if len(eqs) < len(res.equilibria):
        diag.append(f"{len(res.equilibria)} normal-form equilibria gave "
                    f"{plural(len(eqs), 'distinct behaviour profile', 'distinct behaviour profiles')} "
                    "(realization-equivalent mixed strategies)")
    if res.complete:
        diag.append("complete: every equilibrium the normal-form method lists as complete (extreme, or isolated) "
                    "is mapped here")
    diag += [f"normal form: {d}" for d in res.diagnostics]
    return TreeSolveResult(tree, res.method, bool(res.complete) and bool(eqs), ex, tol, tuple(eqs), "nash",
                           tuple(diag))
