r"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

With payoffs shifted positive, the extreme equilibria of :math:`(A, B)` are
the completely labelled pairs of nonzero vertices :math:`(x, y)` of the
best-response polytopes

.. math::

    P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\},

normalised to probability vectors (von Stengel 2007, section 3.3 and
Algorithm 3.5; Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of
Nash equilibria for two-player games", Economic Theory 42).  In a degenerate
game a vertex may carry more labels than its dimension and the equilibria
form continua; the completely labelled vertex pairs are then exactly the
extreme points of the maximal Nash subsets (von Stengel 2007, Proposition
3.8), which is what Gambit's ``enummixed`` lists.

Two paths compute them:

* **exact** (:mod:`._vertex_exact`, :mod:`._vertex_pairs`): the vertices
  of one best-response polytope by lexicographic reverse search in integer
  arithmetic (Avis and Fukuda 1992; Avis 2000, as lrs does), keeping only
  the path from the start; for each vertex the complementary face of the
  other polytope is solved directly (one pivot when the vertex is
  nondegenerate), so the work follows the vertices of one polytope and the
  equilibria found, which are yielded as they are found
  (:func:`solve_enumerate_stream`, when the float path is unsure).  Correct
  for degenerate games.
* **float, then confirmed** (:mod:`._vertex_float`): a reverse search over
  the vertices of :math:`P` and of :math:`Q` in floating point (vectorised
  in NumPy, or compiled with numba once loaded), and matching of
  complementary label masks.  It gives up (and the exact path runs) at any
  sign of degeneracy or of a near tie.
  For an exact game every equilibrium it proposes is then re-solved with
  integer arithmetic (FLINT's integer matrices), required to have positive support
  probabilities and strict inequalities off the support, so the reported
  points are exact vertices of :math:`P` and :math:`Q`; the count must be
  odd (a nondegenerate game has an odd number of equilibria: von Stengel
  2007, Corollary 3.7), otherwise the exact path runs.

The float path's completeness rests on the game being nondegenerate with
margins above ``1e-12`` of the payoff range; a game with exact ties always
trips the degeneracy checks.

The cost limit (``max_cost``) bounds the float search by McMullen's bound
on the vertices of the two polytopes, and the exact walk by that bound
times the entries of a dictionary (:func:`gametheory.cost.bimatrix_walk_cost`).

The maximal Nash subsets and connected components are added by
:mod:`._components`.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3.
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", *Economic Theory* 42 (2010)
   9-37.
.. [3] The FLINT team, *FLINT: Fast Library for Number Theory*,
   https://flintlib.org (``fmpz_mat`` exact rational solves, through
   python-flint: the exact confirmation of float candidates).
.. [4] P. McMullen, "The maximum numbers of faces of a convex polytope",
   *Mathematika* 17 (1970) 179-184 (the vertex bound behind ``max_cost``).
.. [5] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", *Discrete and
   Computational Geometry* 8 (1992) 295-313 (reverse search).

Examples
--------
von Stengel's degenerate 3x2 game (von Stengel 2007, (3.18)) has a segment of equilibria and an isolated one:

>>> from gametheory import Game, solve
>>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
>>> res = solve(g, method="enumerate")
>>> len(res), res.components
(3, ((0, 1), (2,)))
>>> res.diagnostics[0]
'degenerate game: some mixed strategy with support size k has more than k pure best replies'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..cost import bimatrix_vertex_count_bound, bimatrix_walk_cost, check_cost
from ..exact import ScaledVector, scaled_vector
from ..payoff_scale import scaled_floats
from ..profile import default_tolerance
from ._bimatrix import positive_float_matrices, positive_integer_matrices
from ._components import VertexPair, assemble_result
from ._vertex_exact import has_degenerate_vertex
from ._vertex_float import DEFAULT_TOL, candidate_supports, float_candidate_masks, float_candidates
from ._vertex_pairs import ExactPair, PairStats, vertex_pairs

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..game import Game
    from ..result import Equilibrium, SolveResult

__all__ = ["extreme_equilibria_exact", "extreme_equilibria_float", "solve_enumerate", "solve_enumerate_stream",
           "MAX_AUTO_SIZE"]

DEGENERATE = "degenerate game: some mixed strategy with support size k has more than k pure best replies"

#: 'auto' uses this method while m * n is at most this (12 x 12 takes well under a second).
MAX_AUTO_SIZE = 196


def _transpose(M: Sequence[Sequence[int]]) -> list[list[int]]:
    return [list(col) for col in zip(*M)]


def _symmetric(Aint: Sequence[Sequence[int]], Bint: Sequence[Sequence[int]]) -> bool:
    """Whether ``B = A^T``: then ``P = Q``, and an equilibrium's two supports give one system."""
    return [list(row) for row in Aint] == _transpose(Bint)


def extreme_equilibria_exact(Aint: Sequence[Sequence[int]],
                             Bint: Sequence[Sequence[int]]) -> tuple[list[ExactPair], bool]:
    """Exact kernel: all completely labelled vertex pairs of ``P`` and ``Q``.

    Parameters
    ----------
    Aint, Bint : list of list of int
        Positive integer payoffs, ``m x n``.

    Returns
    -------
    (list of (tuple, tuple), bool)
        Normalised ``(x, y)`` as Fraction tuples (in the order found), and
        whether the game is degenerate (a vertex of ``P`` or ``Q`` with more
        labels than its dimension; when the walk of :func:`vertex_pairs`
        did not show it, the other polytope is walked to decide).

    Examples
    --------
    Matching pennies, shifted positive:

    >>> extreme_equilibria_exact([[2, 1], [1, 2]], [[1, 2], [2, 1]])[0]
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    stats = PairStats()
    pairs = list(vertex_pairs(Aint, Bint, stats))
    degenerate = stats.walked_degenerate or bool(stats.other_degenerate)
    if not degenerate and stats.other_degenerate is None:
        m, n = len(Aint), len(Aint[0])
        other = Aint if m <= n else _transpose(Bint)
        # a symmetric game (B = A^T) has P = Q: the walk has already seen every vertex
        if not _symmetric(Aint, Bint):
            degenerate = has_degenerate_vertex(other)
    return pairs, degenerate


def extreme_equilibria_float(A: NDArray[np.float64], B: NDArray[np.float64],
                             tol: float = DEFAULT_TOL) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """Float kernel: support pairs ``(S, T)`` of the equilibria, or None if the game looks degenerate."""
    return float_candidates(A, B, tol)


class _ExactConfirmer:
    """Re-solves the float candidates of one exact game in integers (FLINT), the game's matrices built once.

    For supports ``(S, T)``, ``x`` solves ``B[S, T]^T x = 1`` and ``y``
    solves ``A[S, T] y = 1`` exactly (python-flint's ``fmpz_mat.solve``,
    about twice as fast as Bareiss in Python integers on 8 x 8 systems of
    57-bit entries, and called once per equilibrium: the 32,767-equilibrium
    game makes 32,767 of them); the pair is confirmed when both have positive
    entries and no strategy off the support does as well.  In a symmetric
    game (``B = A^T``) with ``S = T`` the two systems are one.
    """

    def __init__(self, Aint: Sequence[Sequence[int]], Bint: Sequence[Sequence[int]]) -> None:
        import flint

        self._flint = flint
        self.A, self.B = Aint, Bint
        self.m, self.n = len(Aint), len(Aint[0])
        self.symmetric = _symmetric(Aint, Bint)
        self._A = flint.fmpz_mat([list(row) for row in Aint])
        self._Bt = flint.fmpz_mat(_transpose(Bint))

    def __call__(self, S: Sequence[int], T: Sequence[int]) -> ExactPair | None:
        """The exact equilibrium with supports ``(S, T)`` if it is a nondegenerate vertex pair, else None."""
        flint = self._flint
        k = len(S)
        ones = flint.fmpz_mat(k, 1, [1] * k)
        A, B = self.A, self.B
        try:
            X = flint.fmpz_mat([[B[s][t] for s in S] for t in T]).solve(ones)
            Y = X if self.symmetric and S == T else flint.fmpz_mat([[A[s][t] for t in T] for s in S]).solve(ones)
        except ZeroDivisionError:  # singular: not a vertex pair
            return None
        x = self._support_point(X, S, self.m, self._Bt)
        if x is None:
            return None
        y = x if Y is X else self._support_point(Y, T, self.n, self._A)
        if y is None:
            return None
        return x, y

    def _support_point(self, X, support: Sequence[int], dim: int, M) -> ScaledVector | None:
        """``X``, the solution on ``support``, as a point of ``dim`` coordinates, if it is positive and best replied
        to only by the other support.

        ``M``'s rows are the other player's strategies: those of the other support pay exactly the
        denominator (that is the system solved), so the point is confirmed when no more than
        ``len(support)`` rows pay that much.
        """
        nums, den = X.numer_denom()
        values = [int(v) for v in nums.entries()]
        if min(values) <= 0:
            return None
        point = [0] * dim
        for i, v in zip(support, values):
            point[i] = v
        paid = (M * self._flint.fmpz_mat(dim, 1, point)).entries()
        if sum(1 for v in paid if v >= den) != len(support):
            return None
        return scaled_vector(point, sum(values))


def _float_images(Aint: Sequence[Sequence[int]],
                  Bint: Sequence[Sequence[int]]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Positive integer payoffs as floats scaled into ``(0, 1]``, for the float search."""
    # divided exactly by a power of two first: integers beyond the float range have a float image
    Af, Bf = (scaled_floats(np.array(M, dtype=object))[0] for M in (Aint, Bint))
    return Af / Af.max(), Bf / Bf.max()


def _float_first_pairs(Aint: Sequence[Sequence[int]], Bint: Sequence[Sequence[int]]) -> Iterator[ExactPair]:
    """The pairs of :func:`vertex_pairs`, from the float search confirmed exactly when it is sure of the game.

    The path of :func:`solve_enumerate`: the float search lists the
    equilibria as label masks (a few bytes each) and each is re-solved in
    integers and yielded when confirmed.  When the search is unsure, or
    finds an even number, the exact walk runs instead; when a candidate
    fails its confirmation, the exact walk runs from there and skips the
    pairs already yielded.
    """
    m, n = len(Aint), len(Aint[0])
    hits = float_candidate_masks(*_float_images(Aint, Bint))
    if hits is None or len(hits) % 2 == 0:
        yield from vertex_pairs(Aint, Bint)
        return
    confirm = _ExactConfirmer(Aint, Bint)
    for done, mask in enumerate(hits.tolist()):
        pair = confirm(*candidate_supports(mask, m, n))
        if pair is None:
            yielded = {candidate_supports(v, m, n) for v in hits[:done].tolist()}
            for x, y in vertex_pairs(Aint, Bint):
                if (tuple(i for i, v in enumerate(x) if v), tuple(j for j, v in enumerate(y) if v)) not in yielded:
                    yield x, y
            return
        yield pair


def _float_pairs(A: NDArray[np.float64], B: NDArray[np.float64],
                 S_T: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[VertexPair]:
    m, n = A.shape
    out: list[VertexPair] = []
    for S, T in S_T:
        k = len(S)
        Ms = B[np.ix_(S, T)].T
        xs = np.linalg.solve(Ms, np.ones(k))
        ys = np.linalg.solve(A[np.ix_(S, T)], np.ones(k))
        x = np.zeros(m)
        y = np.zeros(n)
        x[list(S)] = xs / xs.sum()
        y[list(T)] = ys / ys.sum()
        out.append((tuple(x.tolist()), tuple(y.tolist())))
    return out


def solve_enumerate(game: Game, tol: float | None = None, float_path: bool | None = None,
                    max_cost: float | None = None) -> SolveResult:
    """Every extreme equilibrium of a two-player game, grouped into components.

    Parameters
    ----------
    game : Game
        A two-player numeric game.
    tol : float, optional
        Float games only: the largest regret accepted (default scaled to the payoff range).
    float_path : bool, optional
        Try the vectorised float search first (default: when both players have
        at least 3 strategies).  Exact games still get exact results.
    max_cost : int, optional
        Refuse (CostLimitError) when McMullen's bound on the vertex pairs of
        the two best-response polytopes exceeds it (default
        :data:`gametheory.cost.DEFAULT_MAX_COST`).

    Returns
    -------
    SolveResult
        ``complete=True``; ``components`` and ``extra["cliques"]``,
        ``extra["row_vertices"]``, ``extra["column_vertices"]`` describe the
        equilibrium set; ``extra["path"]`` says which path produced it.
    """
    exact = game.kind == "exact"
    if tol is None:
        tol = 0 if exact else default_tolerance(game)
    m, n = game.shape
    # The float search visits each vertex of the two polytopes once (reverse search), so it is bounded by
    # their vertex count; the exact walk of one polytope then pays a dictionary update per basis.
    check_cost(bimatrix_vertex_count_bound(m, n), max_cost, "enumerate",
               "McMullen's bound on the vertices of the two best-response polytopes")
    if float_path is None:
        float_path = min(m, n) >= 3
    diags: list[str] = []
    if float_path:
        if exact:
            Aint, Bint = positive_integer_matrices(game)
            Af, Bf = _float_images(Aint, Bint)
        else:
            Af, Bf = positive_float_matrices(game)
        cands = extreme_equilibria_float(Af, Bf)
        if cands is not None and len(cands) % 2 == 1:
            if exact:
                confirm = _ExactConfirmer(Aint, Bint)
                confirmed = [confirm(S, T) for S, T in cands]
                exact_pairs = [p for p in confirmed if p is not None]
                if len(exact_pairs) == len(confirmed):
                    return assemble_result(game, "enumerate", exact_pairs, exact=True, tol=0, complete=True,
                                           extra={"path": "float, confirmed exactly"})
            else:
                return assemble_result(game, "enumerate", _float_pairs(Af, Bf, cands), exact=False, tol=tol,
                                       complete=True, extra={"path": "float (nondegenerate)"})
        diags.append("float search unsure (degenerate or ill-conditioned): exact enumeration used")
    check_cost(bimatrix_walk_cost(m, n), max_cost, "enumerate",
               "tableau entries updated walking the bases of the best-response polytopes exactly")
    exact_game = game if exact else game.to_exact()
    Aint, Bint = positive_integer_matrices(exact_game)
    found, degenerate = extreme_equilibria_exact(Aint, Bint)
    if degenerate:
        diags.insert(0, DEGENERATE)
    pairs: Sequence[VertexPair] = found if exact else [
        (tuple(float(v) for v in x), tuple(float(v) for v in y)) for x, y in found
    ]
    return assemble_result(game, "enumerate", pairs, exact=exact, tol=tol, complete=True, diagnostics=diags,
                           extra={"path": "exact"})


def solve_enumerate_stream(game: Game, max_cost: float | None = None) -> Iterator[Equilibrium]:
    """The extreme equilibria of :func:`solve_enumerate`, each yielded as soon as it is found.

    When both players have at least three strategies, the float search of
    :func:`solve_enumerate` runs first: it lists the equilibria as label masks
    (8 bytes each) and each one is re-solved in integers and yielded once
    confirmed, in the order of the masks; the set is then complete on the
    same grounds as :func:`solve_enumerate`'s float path (margins above
    ``1e-12``, an odd count, every candidate confirmed).  When that search is unsure (a
    degenerate or ill-conditioned game), the vertices of one best-response
    polytope are walked by lexicographic reverse search in integer arithmetic
    and each one's partners are solved in the other polytope
    (:mod:`._vertex_pairs`, the method of lrsnash), in the walk's order.
    Either way nothing grows with the equilibria but the masks (a degenerate
    game whose faces are too large to solve directly also keeps the vertex
    list of the other polytope).  Each equilibrium is
    certified (:meth:`gametheory.Equilibrium.from_profile`: exact payoffs
    and regrets, from the game).  The set is the one :func:`solve_enumerate`
    lists; there are no components or cliques
    (they need every equilibrium at once: use :func:`solve_enumerate`).

    Parameters
    ----------
    game : Game
        A two-player numeric game.  A float game is enumerated exactly (its
        floats are exact binary fractions) and its equilibria are given in
        floats.
    max_cost : int, optional
        Refuse (CostLimitError), before anything is yielded, when the work
        estimate :func:`gametheory.cost.bimatrix_walk_cost` (McMullen's bound
        on the bases walked, times the entries of a dictionary) exceeds it
        (default :data:`gametheory.cost.DEFAULT_MAX_COST`; it passes up to
        16 x 16).

    Returns
    -------
    iterator of Equilibrium
        Lazily computed; ``info`` is empty.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players, or is symbolic.

    Examples
    --------
    The battle of the sexes has two pure equilibria and a mixed one:

    >>> from gametheory import Game
    >>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sorted([[str(p) for p in v] for v in eq.profile.vectors] for eq in solve_enumerate_stream(bos))
    [[['0', '1'], ['0', '1']], [['1', '0'], ['1', '0']], [['2/3', '1/3'], ['1/3', '2/3']]]
    """
    from ..errors import UnsupportedGameError
    from ..game import require_game

    game = require_game(game)
    game.require_numeric("method 'enumerate'")
    if game.num_players != 2:
        raise UnsupportedGameError(f"method 'enumerate' handles games with 2..2 players, this game has "
                                   f"{game.num_players}")
    m, n = game.shape
    check_cost(bimatrix_walk_cost(m, n), max_cost, "enumerate",
               "bound on the bases of the best-response polytopes walked, times the dictionary entries of a pivot")
    exact = game.kind == "exact"
    Aint, Bint = positive_integer_matrices(game if exact else game.to_exact())
    pairs = _float_first_pairs(Aint, Bint) if min(m, n) >= 3 else vertex_pairs(Aint, Bint)
    return _stream(game, exact, pairs)


def _stream(game: Game, exact: bool, pairs: Iterator[ExactPair]) -> Iterator[Equilibrium]:
    from ..profile import MixedProfile, checked_vector
    from ..result import Equilibrium

    for x, y in pairs:
        if exact:
            # checked here as MixedProfile(game, [x, y]) would (x and y keep their integer numerators:
            # the checks and the certificate are integer sums)
            profile = MixedProfile._from_checked(game, [checked_vector(game, 0, x, True),
                                                        checked_vector(game, 1, y, True)])
        else:
            profile = MixedProfile(game, [[float(v) for v in x], [float(v) for v in y]], exact=False)
        yield Equilibrium.from_profile(profile)
