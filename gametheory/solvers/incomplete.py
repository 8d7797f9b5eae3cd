r"""Solving games of incomplete information: the method ``pbe`` and the dispatch for signaling and Bayesian games.

A :class:`~gametheory.bayesian.signaling.SignalingGame` has its own method,
``pbe`` (also ``auto``): every perfect Bayesian equilibrium family, exactly,
by :func:`gametheory.bayesian.pbe.pbe_solve`.  Any method of
:data:`~gametheory.solvers.tree_methods.TREE_METHODS` solves the game's tree
(:meth:`SignalingGame.to_tree <gametheory.bayesian.signaling.SignalingGame.to_tree>`)
instead.  A game tree of signaling shape (read from an ``.efg`` file, say)
is solved with ``pbe`` through
:meth:`SignalingGame.from_tree <gametheory.bayesian.signaling.SignalingGame.from_tree>`,
which says what does not fit otherwise.

A Bayesian normal-form game is solved through its type-agent normal form
(Harsanyi 1967-68; Selten's agents, Myerson 1991 section 2.8) with any
method of :data:`~gametheory.solvers.table.METHODS`, by
:func:`gametheory.bayesian.harsanyi.solve_bayesian`, whose equilibria are
type-contingent strategies.

References
----------
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.
R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard University
Press (1991), section 2.8.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from ..bayesian.signaling import SignalingGame
    from ..tree.game import Tree

__all__ = ["PBE_METHOD", "solve_signaling", "solve_tree_pbe", "is_incomplete_information",
           "solve_incomplete"]

#: The name of the method that lists every perfect Bayesian equilibrium family of a signaling game.
PBE_METHOD = "pbe"


def solve_signaling(game: SignalingGame, method: str = "auto", exact: bool | None = None, **options: Any):
    """Solve a signaling game: ``pbe`` (or ``auto``) lists every PBE family; a tree method solves its tree.

    Parameters
    ----------
    game : SignalingGame
        Numeric.
    method : str
        ``"pbe"``, ``"auto"`` (``pbe``) or a method of
        :data:`~gametheory.solvers.tree_methods.TREE_METHODS` (``"spe"``,
        ``"enumerate"``, ...) applied to :meth:`SignalingGame.to_tree`.
    exact : bool, optional
        ``pbe`` works in the game's numbers; True makes them exact first.
    **options
        ``max_cost`` (every method).

    Returns
    -------
    PBEResult or TreeSolveResult

    Examples
    --------
    >>> from gametheory.bayesian.signaling import SignalingGame
    >>> pay = {(t, m, a): (1 if a == "yes" else 0, 1 if (a == "yes") == (t == "good") else 0)
    ...        for t in ("good", "bad") for m in ("talk", "silence") for a in ("yes", "no")}
    >>> g = SignalingGame("S", "R", ["good", "bad"], {"good": "1/2", "bad": "1/2"}, ["talk", "silence"],
    ...                   ["yes", "no"], pay)
    >>> solve_signaling(g, "spe").complete
    True
    """
    from .tree_methods import TREE_METHODS, solve_tree

    if method in ("auto", PBE_METHOD):
        from ..bayesian.pbe import pbe_solve

        if exact is True:
            game = game.to_exact()
        return pbe_solve(game, max_cost=options.get("max_cost"))
    if method not in TREE_METHODS:
        raise InputError(f"method {method!r} does not solve signaling games; choose {PBE_METHOD} (the default) or a "
                         f"tree method: {', '.join(sorted(TREE_METHODS))}", field="--method")
    return solve_tree(game.to_tree(), method, exact, **options)


def solve_tree_pbe(tree: Tree, exact: bool | None = None, **options: Any):
    """Method ``pbe`` on a game tree: recognise a signaling game in it and list its PBE families.

    Raises
    ------
    InputError
        The tree is not of signaling shape (chance draws the type, one
        sender move per type, the receiver sees only the message); the
        message says what does not fit.
    """
    from ..bayesian.signaling import SignalingGame

    return solve_signaling(SignalingGame.from_tree(tree), PBE_METHOD, exact, **options)


def is_incomplete_information(game: object) -> bool:
    """Whether ``game`` is a signaling game or a Bayesian game (solved here, not by the normal-form table)."""
    from ..bayesian.game import BayesianGame
    from ..bayesian.signaling import SignalingGame

    return isinstance(game, (SignalingGame, BayesianGame))


def solve_incomplete(game: Any, method: str = "auto", exact: bool | None = None, **options: Any):
    """Solve a signaling game (:func:`solve_signaling`) or a Bayesian game (through its type-agent form).

    A Bayesian game takes ``auto`` or any Nash method of
    :data:`~gametheory.solvers.table.METHODS` and gives a
    :class:`~gametheory.bayesian.harsanyi.BayesianSolveResult`; ``pbe`` is
    refused (a Bayesian normal-form game has no messages to signal with).
    """
    from ..bayesian.signaling import SignalingGame

    if isinstance(game, SignalingGame):
        return solve_signaling(game, method, exact, **options)
    from ..bayesian.harsanyi import solve_bayesian

    if method == PBE_METHOD:
        raise InputError(f"method {PBE_METHOD!r} solves signaling games; a Bayesian game is solved through its "
                         "type-agent form with auto or a Nash method (pure, enumpoly, gnm, ...)", field="--method")
    return solve_bayesian(game, method, exact, **options)
