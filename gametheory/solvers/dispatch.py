"""Solve whatever a source file holds: the branching of ``gametheory solve PATH`` as a library function.

A loaded source (:func:`gametheory.io.load_any`) is a normal-form
:class:`~gametheory.game.Game`, a game :class:`~gametheory.tree.Tree`, a
:class:`~gametheory.bayesian.signaling.SignalingGame` or a
:class:`~gametheory.bayesian.game.BayesianGame`.  :func:`solve_source` sends
each to its solver:

* a signaling or Bayesian game, and a tree with method ``pbe``, to
  :func:`gametheory.solvers.incomplete.solve_incomplete` (a tree of signaling
  shape is read as a signaling game first, Cho and Kreps 1987);
* a tree to :func:`gametheory.solvers.tree_methods.solve_tree` (``auto`` is
  subgame perfection by backward induction, Selten 1965/1975);
* a normal-form game to :func:`gametheory.solvers.table.solve` with a method
  of its table.

:func:`check_method` makes the same decisions without solving, so a caller
(the command line, the web lab) refuses a method that does not fit before it
does anything else.  The command line and the web lab call these, so a file
solved by ``gametheory solve`` and by ``/api/solve`` gives the same result.

References
----------
R. Selten, "Reexamination of the perfectness concept for equilibrium points
in extensive games", *International Journal of Game Theory* 4 (1975) 25-55.

I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError

__all__ = ["method_names", "source_kind", "check_method", "check_kernel", "check_render_format", "solve_source"]


def method_names() -> list[str]:
    """``auto`` and every method of the normal-form and the tree tables (``pbe`` is a tree method).

    >>> names = method_names()
    >>> names[0], "pbe" in names, "spe" in names, "enumerate" in names
    ('auto', True, True, True)
    """
    from .table import METHODS
    from .tree_methods import TREE_METHODS

    return ["auto"] + sorted(set(METHODS) | set(TREE_METHODS))


def source_kind(game: object, method: str = "auto") -> str:
    """Which solver takes ``game`` with ``method``: ``"incomplete"``, ``"tree"`` or ``"game"``.

    >>> from gametheory import Game
    >>> source_kind(Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    'game'
    """
    from ..tree import Tree
    from .incomplete import PBE_METHOD, is_incomplete_information

    if is_incomplete_information(game) or (isinstance(game, Tree) and method == PBE_METHOD):
        return "incomplete"
    return "tree" if isinstance(game, Tree) else "game"


def _what(path: str | None) -> str:
    return "the game" if path is None else str(path)


#: Lemke-Howson's pivoting kernels (option ``kernel``; ``solve --kernel``).
KERNELS = ("auto", "numpy", "compiled")


def check_kernel(method: str, kernel: str | None) -> None:
    """Refuse a ``kernel`` that is not one of :data:`KERNELS`, or given with a method other than Lemke-Howson.

    >>> check_kernel("lemke-howson", "numpy")
    >>> check_kernel("enumerate", "numpy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --kernel chooses Lemke-Howson's pivoting kernel; it does not apply ...
    """
    if kernel is None:
        return
    if kernel not in KERNELS:
        raise InputError(f"kernel must be {', '.join(KERNELS[:-1])} or {KERNELS[-1]}, got {kernel!r}", field="--kernel")
    if method != "lemke-howson":
        raise InputError(f"--kernel chooses Lemke-Howson's pivoting kernel; it does not apply to --method "
                         f"{method}", field="--kernel")


def check_method(game: object, method: str = "auto", path: str | None = None) -> None:
    """Refuse, before any work, a ``method`` that does not solve ``game`` (InputError, field ``--method``).

    ``path`` names the source in the messages (``PATH holds a normal-form game``).

    >>> from gametheory import Game
    >>> check_method(Game.from_bimatrix([[1]], [[1]]), "spe", "g.nfg")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --method: method 'spe' solves game trees; g.nfg holds a normal-form game
    """
    from .incomplete import PBE_METHOD
    from .table import METHODS
    from .tree_methods import TREE_METHODS

    names = method_names()
    if method not in names:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(names)}", field="--method")
    kind = source_kind(game, method)
    if kind == "tree" and method != "auto" and method not in TREE_METHODS:
        raise InputError(f"method {method!r} does not solve game trees; choose one of "
                         f"{', '.join(sorted(TREE_METHODS))}", field="--method")
    if kind == "game":
        if method == PBE_METHOD:
            raise InputError(f"method {PBE_METHOD!r} solves signaling games (a signaling model, or an .efg tree of "
                             f"signaling shape); {_what(path)} holds a normal-form game", field="--method")
        if method not in METHODS and method != "auto":
            raise InputError(f"method {method!r} solves game trees; {_what(path)} holds a normal-form game",
                             field="--method")


def check_render_format(game: object, method: str, fmt: str) -> None:
    """Refuse a table format (``--format``) for what is shown only as text or JSON: signaling and Bayesian games.

    >>> from gametheory import Game
    >>> check_render_format(Game.from_bimatrix([[1]], [[1]]), "auto", "html")
    """
    if fmt != "text" and source_kind(game, method) == "incomplete":
        raise InputError(f"--format {fmt} shows normal-form games and game trees; a signaling or "
                         "Bayesian game's equilibria are printed as text or --json", field="--format")


def solve_source(game: Any, method: str = "auto", exact: bool | None = None, *, path: str | None = None,
                 **options: Any) -> Any:
    """What ``gametheory solve PATH`` computes for a loaded source (a game, a tree, a signaling or Bayesian game).

    Parameters
    ----------
    game : Game, Tree, SignalingGame or BayesianGame
        What :func:`gametheory.io.load_any` read (numeric: at the parameters' values).
    method : str
        ``auto`` or a name of :func:`method_names` that fits the source (:func:`check_method`).
    exact : bool, optional
        True exact (Fraction) arithmetic, False floats, None the game's own kind.
    path : str, optional
        The source's file, named in error messages.
    **options
        ``max_cost`` (every method that estimates its work), ``kernel`` (``lemke-howson``).

    Returns
    -------
    SolveResult, CorrelatedResult, TreeSolveResult, PBEResult or BayesianSolveResult

    Raises
    ------
    InputError
        A method that does not fit the source; a tree that is not of signaling shape with ``pbe``.
    UnsupportedGameError, CostLimitError
        From the solver.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [eq.profile.support() for eq in solve_source(pd).equilibria]
    [{'Player 1': ('2',), 'Player 2': ('2',)}]
    """
    check_method(game, method, path)
    kind = source_kind(game, method)
    if kind == "incomplete":
        from ..bayesian.signaling import SignalingGame
        from ..tree import Tree
        from .incomplete import solve_incomplete

        if isinstance(game, Tree):
            try:
                game = SignalingGame.from_tree(game)
            except InputError as exc:
                raise (exc if path is None else exc.with_location(path=path)) from None
        return solve_incomplete(game, method, exact, **options)
    if kind == "tree":
        from .tree_methods import solve_tree

        return solve_tree(game, method=method, exact=exact, **options)
    from .table import solve

    return solve(game, method=method, exact=exact, **options)
