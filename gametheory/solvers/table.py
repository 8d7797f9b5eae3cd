r"""The method table: every solution method, what it guarantees, and :func:`solve`.

Each entry of :data:`METHODS` is a :class:`MethodSpec` naming one typed public
function of the module named for the method, the player counts it handles,
and what it guarantees:

completeness
    ``"always"``: every result lists every equilibrium (every extreme
    equilibrium, when equilibria form continua) and says ``complete=True``;
    ``"isolated"``: every isolated equilibrium, ``complete=True`` unless a
    continuum was found; ``"when-dominance-solvable"``: ``complete=True``
    exactly when iterated elimination of strictly dominated strategies leaves
    one profile, which is then the unique equilibrium (no equilibrium plays a
    strictly dominated strategy); ``"never"``: one or some equilibria.
always_exact
    True when the result of an exact game is always exact (Fraction
    probabilities, zero regret); False when the method may fall back to a
    float result (an LP whose floats do not round to a certified answer, an
    irrational equilibrium, a path end point that no exact system fits).
result_type
    :class:`~gametheory.SolveResult` for Nash equilibria,
    :class:`~gametheory.CorrelatedResult` for the correlated equilibrium,
    which is a distribution over profiles, not a mixed profile.

``method="auto"`` asks every method that handles the game's player count and
whose ``accepts`` predicate says yes for its bid (its ``auto_priority``, a
number or a rule of the game) and runs the highest bidder; ties go to the
method listed first.  A rule's bid may carry what it computed to decide (the
``pure`` rule's iterated elimination) to the chosen method, so that nothing is
computed twice.

:func:`complete_methods` lists, in table order, the methods that search for
every equilibrium (completeness ``"always"`` or ``"isolated"``): the ones
:func:`gametheory.predictions.complete_solve` falls back on.  The table is
their one owner.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in *Algorithmic Game Theory*, Cambridge
   University Press, 2007 (vertex enumeration, Lemke-Howson, support
   enumeration).
.. [2] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software
   Tools for Game Theory* (its ``nash`` module, one function per method
   returning one result type, is the model of this table).

Examples
--------
>>> from gametheory import Game
>>> sorted(name for name, spec in METHODS.items() if spec.completeness == "always")
['enumerate', 'support']
>>> choose_method(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
'enumerate'
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, overload

from ..cost import DEFAULT_MAX_COST, bimatrix_vertex_count_bound
from ..errors import InputError, UnsupportedGameError
from ..result import CorrelatedResult, SolveResult
from . import correlated, enumpoly, gnm, lemke_howson, logit, pure, support, vertex, zero_sum
from .enumpoly_supports import enumeration_cost

if TYPE_CHECKING:
    from ..bayesian.signaling import SignalingGame
    from ..game import Game
    from ..tree.game import Tree
    from ..tree.result import TreeSolveResult

__all__ = [
    "AutoBid",
    "Completeness",
    "MethodSpec",
    "METHODS",
    "NashMethod",
    "choose_method",
    "complete_methods",
    "solve",
]

Completeness = Literal["always", "isolated", "when-dominance-solvable", "never"]

# The names accepted by solve() whose result is a SolveResult (every method but "correlated"), and "auto".
NashMethod = Literal["auto", "pure", "enumerate", "support", "lemke-howson", "zero-sum", "enumpoly", "gnm", "logit"]


@dataclass(frozen=True)
class AutoBid:
    """A method's bid for a game under ``auto``.

    Attributes
    ----------
    priority : int
        Higher wins.
    options : mapping
        Keyword options handed to the method if it wins: what the bid's rule
        computed to decide, so that the method does not compute it again.
    """

    priority: int
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


AutoRule = Callable[["Game"], AutoBid | None]


@dataclass(frozen=True)
class MethodSpec:
    """One solution method and what it guarantees.

    Attributes
    ----------
    name : str
        The name given to ``solve(method=...)`` and ``--method``.
    solve : callable
        The typed public function, ``solve(game, **options) -> result_type``.
    description : str
        One line.
    min_players, max_players : int, int or None
        Player counts handled (``None``: no upper limit).
    completeness : {'always', 'isolated', 'when-dominance-solvable', 'never'}
        When results list every equilibrium (see the module docstring).
    always_exact : bool
        Whether results of exact games are always exact.
    result_type : type
        :class:`~gametheory.SolveResult` or :class:`~gametheory.CorrelatedResult`.
    auto_priority : int, callable or None
        The bid under ``auto``: a number, a rule ``game -> AutoBid | None``,
        or None (never chosen by ``auto``).
    accepts : callable or None
        ``game -> bool``: the games ``auto`` may give this method (sizes it
        solves quickly); None accepts every game it handles.
    """

    name: str
    solve: Callable[..., SolveResult | CorrelatedResult]
    description: str
    min_players: int
    max_players: int | None
    completeness: Completeness
    always_exact: bool
    result_type: type[SolveResult] | type[CorrelatedResult] = SolveResult
    auto_priority: int | AutoRule | None = None
    accepts: Callable[[Game], bool] | None = None

    @property
    def complete(self) -> bool:
        """Whether a result of this method can prove that it lists every equilibrium."""
        return self.completeness != "never"

    @property
    def searches_all(self) -> bool:
        """Whether the method searches for every equilibrium of every game it handles."""
        return self.completeness in ("always", "isolated")

    def handles(self, game: Game) -> bool:
        """Whether the game's player count is in this method's range."""
        return self.handles_players(game.num_players)

    def handles_players(self, n: int) -> bool:
        """Whether ``n`` players is in this method's range."""
        return n >= self.min_players and (self.max_players is None or n <= self.max_players)

    def bid(self, game: Game) -> AutoBid | None:
        """This method's bid for ``game`` under ``auto`` (None: not a candidate)."""
        if self.auto_priority is None or not self.handles(game):
            return None
        if self.accepts is not None and not self.accepts(game):
            return None
        if isinstance(self.auto_priority, int):
            return AutoBid(self.auto_priority)
        return self.auto_priority(game)

    def takes(self, option: str) -> bool:
        """Whether :attr:`solve` accepts the keyword ``option``."""
        params = inspect.signature(self.solve).parameters
        return option in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


# ---------------------------------------------------------------------- the auto policy
def _pure_bid(game: Game) -> AutoBid:
    # First of all methods when iterated strict dominance leaves one profile (then the unique equilibrium,
    # found by a vectorised test), else the last resort.  The elimination's answer goes to solve_pure so
    # that auto runs it once.
    forced = pure.forced_by_dominance(game)
    return AutoBid(30 if forced else 0, MappingProxyType({"forced": forced}))


def _enumerate_accepts(game: Game) -> bool:
    # The vertex count grows like binomial(m + n, min(m, n)) at worst; up to m * n = 196 (14 x 14, or 2 x 98
    # whose Q has at most ~4900 vertices) the float path takes well under a second; the exact path (games
    # with ties) about 1 s at 12 x 12 and 5 s at 14 x 14.
    # Beyond that, or where McMullen's bound on the polytopes' vertices passes the default max_cost, the method
    # would refuse the game at the default limit: auto must not choose a method that refuses.
    m, n = game.shape
    return m * n <= vertex.MAX_AUTO_SIZE and bimatrix_vertex_count_bound(m, n) <= DEFAULT_MAX_COST


def _enumpoly_accepts(game: Game) -> bool:
    return game.num_players >= 3 and enumeration_cost(game.shape) <= enumpoly.AUTO_MAX_COST


# ---------------------------------------------------------------------- the table
# The order matters twice: auto gives ties to the method listed first, and complete_solve tries the methods
# that search for every equilibrium in this order (enumerate, enumpoly, support).
_TABLE = (
    MethodSpec(
        "pure", pure.solve_pure,
        "all pure-strategy Nash equilibria (vectorised best-response test); not complete for mixed equilibria",
        min_players=1, max_players=None, completeness="when-dominance-solvable", always_exact=True,
        auto_priority=_pure_bid,
    ),
    MethodSpec(
        "enumerate", vertex.solve_enumerate,
        "all extreme equilibria of a two-player game by vertex enumeration of the best-response polytopes, "
        "exact and correct for degenerate games, with maximal Nash subsets and connected components",
        min_players=2, max_players=2, completeness="always", always_exact=True,
        auto_priority=20, accepts=_enumerate_accepts,
    ),
    MethodSpec(
        "enumpoly", enumpoly.solve_enumpoly,
        "all isolated equilibria of small N-player games: support enumeration with exact Groebner-basis solves",
        min_players=2, max_players=None, completeness="isolated", always_exact=False,
        auto_priority=15, accepts=_enumpoly_accepts,
    ),
    MethodSpec(
        "support", support.solve_support,
        "all extreme equilibria of a two-player game by support enumeration with indifference sets "
        "(complete for degenerate games), conditional-dominance pruning, equations shown; small games only "
        "(about binomial(m + n, m) systems per player: exact games from 9x9 are refused at the default max_cost)",
        min_players=2, max_players=2, completeness="always", always_exact=True,
        # no auto_priority: vertex enumeration finds the same set, and its work grows with the vertices only
    ),
    MethodSpec(
        "zero-sum", zero_sum.solve_zero_sum,
        "value and optimal strategies of a two-player zero-sum or constant-sum game by linear programming (HiGHS), "
        "certified exactly for exact games; one equilibrium of the convex set",
        min_players=2, max_players=2, completeness="never", always_exact=False,
        auto_priority=12, accepts=lambda game: game.is_constant_sum(),
    ),
    MethodSpec(
        "lemke-howson", lemke_howson.solve_lemke_howson,
        "Lemke-Howson from every starting label (or option label=...): one equilibrium per label, "
        "lexicographic pivoting (terminates on degenerate games), exact integer pivoting for exact games; "
        "not complete",
        min_players=2, max_players=2, completeness="never", always_exact=True,
        auto_priority=10,
    ),
    MethodSpec(
        "correlated", correlated.correlated_equilibrium,
        "the correlated equilibrium maximising total payoff (option objective=PLAYER for one player's) by LP: "
        "a distribution over pure profiles with its LP dual certificate (a CorrelatedResult, not Nash equilibria)",
        min_players=1, max_players=None, completeness="never", always_exact=False,
        result_type=CorrelatedResult,
    ),
    MethodSpec(
        "gnm", gnm.solve_gnm,
        "one equilibrium of an N-player game by the global Newton method (Govindan-Wilson 2003), "
        "certified by its regret",
        min_players=2, max_players=None, completeness="never", always_exact=False,
        auto_priority=5, accepts=lambda game: game.num_players >= 3,
    ),
    MethodSpec(
        "logit", logit.solve_logit,
        "one equilibrium: the limit of the principal logit QRE branch (Turocy 2005), certified by its regret",
        min_players=1, max_players=None, completeness="never", always_exact=False,
    ),
)

METHODS: Mapping[str, MethodSpec] = MappingProxyType({spec.name: spec for spec in _TABLE})


def complete_methods(num_players: int | None = None) -> tuple[str, ...]:
    """The methods that search for every equilibrium, in table order (those handling ``num_players``).

    >>> complete_methods(), complete_methods(3)
    (('enumerate', 'enumpoly', 'support'), ('enumpoly',))
    """
    return tuple(
        spec.name for spec in _TABLE
        if spec.searches_all and (num_players is None or spec.handles_players(num_players))
    )


def _auto(game: Game) -> tuple[MethodSpec, Mapping[str, Any]]:
    best: tuple[AutoBid, MethodSpec] | None = None
    for spec in _TABLE:
        bid = spec.bid(game)
        if bid is not None and (best is None or bid.priority > best[0].priority):
            best = (bid, spec)
    if best is None:
        raise UnsupportedGameError(f"no method handles a {game.num_players}-player game of shape {game.shape}")
    return best[1], best[0].options


def choose_method(game: Game) -> str:
    """The method ``auto`` uses for ``game``.

    >>> from gametheory import Game
    >>> choose_method(Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]]))
    'pure'
    """
    return _auto(game)[0].name


@overload
def solve(game: SignalingGame, method: str = "auto", exact: bool | None = None, **options: Any) -> Any: ...


@overload
def solve(game: Tree, method: str = "auto", exact: bool | None = None, **options: Any) -> TreeSolveResult: ...


@overload
def solve(game: Game, method: Literal["correlated"], exact: bool | None = None,
          **options: Any) -> CorrelatedResult: ...


@overload
def solve(game: Game, method: NashMethod = "auto", exact: bool | None = None, **options: Any) -> SolveResult: ...


@overload
def solve(game: Game, method: str, exact: bool | None = None, **options: Any) -> SolveResult | CorrelatedResult: ...


def solve(game: Game | Tree | SignalingGame, method: str = "auto", exact: bool | None = None,
          **options: Any) -> Any:
    """Compute the equilibria of ``game`` with one method of :data:`METHODS`.

    Parameters
    ----------
    game : Game, Tree or SignalingGame
        Numeric game (substitute a symbolic game's parameters first).  A
        :class:`~gametheory.tree.Tree` is solved by
        :func:`~gametheory.solvers.tree_methods.solve_tree` with a method of
        :data:`~gametheory.solvers.tree_methods.TREE_METHODS` (``auto``:
        ``spe``) and gives a :class:`~gametheory.tree.result.TreeSolveResult`;
        with ``method="pbe"``, a tree of signaling shape gives its perfect
        Bayesian equilibria.  A
        :class:`~gametheory.bayesian.signaling.SignalingGame` is solved by
        :func:`~gametheory.solvers.incomplete.solve_signaling` (``auto``:
        ``pbe``, a :class:`~gametheory.bayesian.pbe.PBEResult`), a
        :class:`~gametheory.bayesian.game.BayesianGame` by
        :func:`~gametheory.bayesian.harsanyi.solve_bayesian` on its
        type-agent form (a :class:`~gametheory.bayesian.harsanyi.BayesianSolveResult`).
    method : str
        A name in ``METHODS`` or ``"auto"``.
    exact : bool, optional
        Force exact (Fraction) or float arithmetic; default: the game's kind.
    **options
        Passed to the method.  ``max_cost`` (a limit on the method's
        estimated work, see :mod:`gametheory.cost`) is common to every method
        that estimates its cost and is dropped for methods that do not take
        it (they have no cost limit to raise).

    Returns
    -------
    SolveResult or CorrelatedResult
        The method's ``result_type``: a :class:`~gametheory.SolveResult`
        for every method but ``"correlated"``, whose answer is a
        distribution over profiles (:class:`~gametheory.CorrelatedResult`).

    Raises
    ------
    InputError
        If ``method`` is not in the table.
    UnsupportedGameError
        If the game is symbolic or the method does not handle its player count.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])
    >>> [eq.profile.support() for eq in solve(pd, method="pure")]
    [{'Player 1': ('2',), 'Player 2': ('2',)}]
    """
    from ..bayesian.game import BayesianGame
    from ..bayesian.signaling import SignalingGame
    from ..game import require_game
    from ..tree.game import Tree

    if isinstance(game, (SignalingGame, BayesianGame)):
        from .incomplete import solve_incomplete

        return solve_incomplete(game, method, exact, **options)
    if isinstance(game, Tree):
        from .tree_methods import solve_tree

        return solve_tree(game, method, exact, **options)
    game = require_game(game)
    game.require_numeric(f"method {method!r}")
    game = game.in_arithmetic(exact)
    if method == "auto":
        spec, computed = _auto(game)
        options = {**computed, **options}
    elif method in METHODS:
        spec = METHODS[method]
        if not spec.handles(game):
            players = f"{spec.min_players}..{spec.max_players or 'N'}"
            raise UnsupportedGameError(
                f"method {method!r} handles games with {players} players, this game has {game.num_players}"
            )
    else:
        raise InputError(f"unknown method {method!r}; choose one of {sorted(METHODS) + ['auto']}", field="method")
    if "max_cost" in options and not spec.takes("max_cost"):
        options = {k: v for k, v in options.items() if k != "max_cost"}
    result = spec.solve(game, **options)
    if exact is True and not result.exact:
        result = _exact_not_honoured(spec, result)
    return result


def _exact_not_honoured(spec: MethodSpec, result: SolveResult | CorrelatedResult) -> SolveResult | CorrelatedResult:
    """``result`` with a diagnostic saying that the exact arithmetic asked for was not delivered.

    Decided from the table, not from method names: a method whose spec says
    ``always_exact=False`` may fall back to floats (an LP whose optimum does
    not round to a certified one, an irrational equilibrium, an exact step
    past its limit); the caller asked for ``exact=True`` (``--exact``) and must
    be told rather than handed floats silently.
    """
    import dataclasses

    why = ("its exact step could not certify this game" if not spec.always_exact
           else "although its table entry says results of exact games are exact")
    note = (f"--exact (exact=True) was asked for, but method {spec.name!r} returned a float result ({why}); "
            f"its numbers are floats within tolerance {result.tol:.3g}")
    return dataclasses.replace(result, diagnostics=tuple(result.diagnostics) + (note,))
