r"""Cost estimates checked before a long solve starts.

A method that may run long first estimates its work in *elementary steps*
(tableau entries updated, support pairs tried, vertices visited) and calls
:func:`check_cost`, which raises :class:`~gametheory.errors.CostLimitError`
when the estimate exceeds ``max_cost`` (default :data:`DEFAULT_MAX_COST`,
raised with the ``max_cost`` option of :func:`gametheory.solve` or
``--max-cost`` on the command line).  The estimates are orders of magnitude,
not promises: they exist to refuse a run that would take hours, not to
predict seconds.

Bounds used
-----------
* Support enumeration of an :math:`m\times n` game tries at most
  :math:`\sum_{k\ge1}\binom{m}{k}\binom{n}{k}` equal-size support pairs
  (nondegenerate games; :func:`support_pair_count`).
* A simple :math:`d`-polytope with :math:`k` facets has at most
  :math:`\binom{k-\lceil d/2\rceil}{k-d}+\binom{k-\lfloor d/2\rfloor-1}{k-d}`
  vertices (McMullen's upper bound theorem, 1970; :func:`upper_bound_vertices`).
  The best-response polytope of the row player of an :math:`m\times n` game
  has dimension :math:`m` and :math:`m+n` facets.  The bound holds for the
  lexicographically positive bases of a degenerate polytope too (they are
  the vertices of a simple perturbed polytope with the same facets).
* Streamed vertex enumeration (lrsnash's method) pivots once per basis of
  the walked polytope, and of the other one only where a degenerate vertex
  needs the other's vertex list; :func:`bimatrix_walk_cost` charges both
  walks, each pivot a dictionary of :math:`(\max(m,n)+1)(\min(m,n)+2)`
  entries, whatever the number of equilibria.
* A Lemke-Howson path has no useful polynomial bound (Savani and von Stengel,
  2006, give games with exponentially long paths); :func:`lemke_howson_cost`
  charges :math:`m+n` pivots per path, typical of small random games, and
  the solver's pivot cap stops the long path (a random 100x100 game with
  payoffs 0..99 needed 127,965 pivots from label 0 here).

References
----------
P. McMullen, "The maximum numbers of faces of a convex polytope",
*Mathematika* 17 (1970) 179-184.

R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
*Econometrica* 74 (2006) 397-429.

Examples
--------
>>> support_pair_count(2, 2)   # four 1x1 pairs and one 2x2 pair
5
>>> upper_bound_vertices(2, 4)   # a quadrilateral
4
>>> check_cost(10, 100, "demo", "10 steps")
>>> check_cost(1000, 100, "demo", "1000 steps")  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
gametheory.errors.CostLimitError: method 'demo': estimated cost 1000 (1000 steps) exceeds max_cost=100;
pass a larger max_cost (CLI: --max-cost) to run it anyway
"""

from __future__ import annotations

from math import comb

from .errors import CostLimitError, InputError

__all__ = [
    "DEFAULT_MAX_COST",
    "support_pair_count",
    "upper_bound_vertices",
    "bimatrix_vertex_count_bound",
    "bimatrix_walk_cost",
    "lemke_howson_cost",
    "check_cost",
    "validate_max_cost",
]

#: Default limit, in elementary steps: seconds to a minute of vectorised work
#: (1e9 float tableau entries is about 15 s of Lemke-Howson pivots here), the
#: point past which a run should be a deliberate choice.
DEFAULT_MAX_COST = 10**9


def support_pair_count(m: int, n: int) -> int:
    """Number of equal-size support pairs of an ``m x n`` game."""
    return sum(comb(m, k) * comb(n, k) for k in range(1, min(m, n) + 1))


def upper_bound_vertices(d: int, k: int) -> int:
    """McMullen's bound on the vertices of a ``d``-polytope with ``k`` facets."""
    if d < 1 or k < d + 1:
        return 1 if k >= d else 0
    return comb(k - (d + 1) // 2, k - d) + comb(k - d // 2 - 1, k - d)


def bimatrix_vertex_count_bound(m: int, n: int) -> int:
    """McMullen's bound on the vertices of both best-response polytopes of an ``m x n`` game (their sum).

    >>> bimatrix_vertex_count_bound(2, 2)   # two quadrilaterals
    8
    """
    return upper_bound_vertices(m, m + n) + upper_bound_vertices(n, m + n)


def bimatrix_walk_cost(m: int, n: int) -> int:
    """Tableau entries updated walking the bases of both best-response polytopes of an ``m x n`` game.

    McMullen's bound on the bases of each polytope, times the entries of a
    dictionary (rows: the constraints and the objective; columns: the
    nonbasic variables, the right-hand side and the row's scale).

    >>> bimatrix_walk_cost(2, 2)   # at most 4 + 4 bases (quadrilaterals), dictionaries of 3 x 4
    96
    """
    return bimatrix_vertex_count_bound(m, n) * (max(m, n) + 1) * (min(m, n) + 2)


def lemke_howson_cost(m: int, n: int, labels: int, exact: bool) -> int:
    """Estimated tableau entries updated by ``labels`` Lemke-Howson paths.

    Each path is charged ``m + n`` pivots of ``max(m, n) * (m + n + 1)``
    entries; exact games twice that (the path is followed in floats and its
    end solved exactly; integer pivoting is the rare fallback).
    """
    per_pivot = max(m, n) * (m + n + 1)
    return labels * (m + n) * per_pivot * (2 if exact else 1)


def validate_max_cost(max_cost) -> int:
    """``max_cost`` as a positive int (``None`` gives the default)."""
    if max_cost is None:
        return DEFAULT_MAX_COST
    if isinstance(max_cost, bool):
        raise InputError(f"max_cost must be a positive number, got {max_cost!r}", field="max_cost")
    try:
        value = float(max_cost)
    except (TypeError, ValueError):
        raise InputError(f"max_cost must be a positive number, got {max_cost!r}", field="max_cost") from None
    if not value > 0:  # also rejects nan
        raise InputError(f"max_cost must be a positive number, got {max_cost!r}", field="max_cost")
    return int(value) if value < 1e300 else 10**300  # inf means: no limit


def check_cost(estimate: int, max_cost, method: str, what: str) -> None:
    """Raise CostLimitError if ``estimate`` exceeds ``max_cost`` (None: the default)."""
    limit = validate_max_cost(max_cost)
    if estimate > limit:
        raise CostLimitError(
            f"method {method!r}: estimated cost {estimate} ({what}) exceeds max_cost={limit}; "
            "pass a larger max_cost (CLI: --max-cost) to run it anyway"
        )
