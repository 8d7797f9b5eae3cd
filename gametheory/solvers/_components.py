r"""Maximal Nash subsets (bipartite cliques) and connected components.

Let the extreme equilibria be the edges :math:`(u, v)` of a bipartite graph
between row vertices :math:`u` (vertices of :math:`P`) and column vertices
:math:`v` (vertices of :math:`Q`).  A *maximal Nash subset* is
:math:`\mathrm{conv}(U) \times \mathrm{conv}(V)` for a maximal biclique
:math:`U \times V` of that graph; every pair in it is an equilibrium, and
the equilibrium set is the union of these convex sets (Winkels 1979; Jansen
1981; von Stengel 2007, Proposition 3.8 and the end of section 3.6; Avis,
Rosenberg, Savani, von Stengel 2010).  Two maximal Nash subsets that share
a vertex lie in one connected component, so the components are the
connected components of the graph's edges.

The maximal bicliques are found as the closed sets of the neighbourhood
closure: every column set :math:`V = \bigcap_{u \in U} N(u)` for some
nonempty :math:`U` gives the maximal biclique
:math:`(\{u : V \subseteq N(u)\}, V)`, and every maximal biclique arises so.
The intersections are generated incrementally, one row vertex at a time,
which plays the role of the extension step of Bron and Kerbosch (1973).
The closed sets are indexed by their column vertices, so a row vertex is
intersected only with the closed sets it meets: a clique lies inside one
component, and the work grows with the edges times the cliques at a column
vertex, never with the square of the number of equilibria (a nondegenerate
game, whose equilibria are isolated, costs linear time).

References
----------
.. [1] H.-M. Winkels, "An algorithm to determine all equilibrium points of a
   bimatrix game", in O. Moeschlin and D. Pallaschke (eds.), *Game Theory and
   Related Topics*, North-Holland, 1979, 137-148.
.. [2] M. J. M. Jansen, "Maximal Nash subsets for bimatrix games", *Naval
   Research Logistics Quarterly* 28 (1981) 147-152.
.. [3] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", in N. Nisan, T. Roughgarden, E. Tardos and
   V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press,
   2007, ch. 3.
.. [4] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", *Economic Theory* 42 (2010)
   9-37.
.. [5] C. Bron and J. Kerbosch, "Algorithm 457: finding all cliques of an
   undirected graph", *Communications of the ACM* 16(9) (1973) 575-577.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from math import gcd
from operator import methodcaller
from typing import TYPE_CHECKING, Any, TypeAlias

from ..exact import integer_scaled
from ..game_text import numbered
from ..numbers import format_number
from ..profile import MixedProfile, checked_vector
from ..result import Equilibrium, SolveResult

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["maximal_bicliques", "edge_components", "affine_dimension", "describe_component"]

#: An edge of the bipartite graph: (row vertex, column vertex).
Edge: TypeAlias = tuple[int, int]
#: A normalised extreme equilibrium ``(x, y)`` of a bimatrix game (Fractions when exact).
VertexPair: TypeAlias = tuple[Sequence["Fraction | float"], Sequence["Fraction | float"]]
#: A vertex's exact identity: its ``(numerator, denominator)`` pairs, or its floats.
VertexKey: TypeAlias = tuple[Any, ...]


def maximal_bicliques(edges: Iterable[Edge]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques of a bipartite graph given by its edges.

    Parameters
    ----------
    edges : iterable of (int, int)
        ``(row vertex, column vertex)`` pairs.

    Returns
    -------
    list of (tuple of int, tuple of int)
        ``(rows, columns)`` of each maximal biclique, sorted.

    Notes
    -----
    The closed sets found so far are indexed by their column vertices, so a
    new row vertex ``u`` meets only the closed sets that share a column with
    ``N(u)`` (the others give the empty intersection), and the rows of a
    closed set ``V`` are the intersection of the column neighbourhoods of
    ``V``.  The work grows with the edges times the cliques at a column
    vertex, not with the product of the numbers of row vertices and cliques:
    a graph of isolated edges (a nondegenerate game) costs linear time.

    Examples
    --------
    A segment of equilibria (row vertex 0 with column vertices 0 and 1) and an
    isolated one:

    >>> maximal_bicliques([(0, 0), (0, 1), (1, 2)])
    [((0,), (0, 1)), ((1,), (2,))]
    """
    row_nbr: dict[int, set[int]] = {}
    col_nbr: dict[int, set[int]] = {}
    for u, v in edges:
        row_nbr.setdefault(u, set()).add(v)
        col_nbr.setdefault(v, set()).add(u)
    closed: set[frozenset[int]] = set()
    at_column: dict[int, list[frozenset[int]]] = {}
    for u in sorted(row_nbr):
        here = frozenset(row_nbr[u])
        met = {c for v in here for c in at_column.get(v, ())}
        for c in {here} | {c & here for c in met}:
            if c not in closed:
                closed.add(c)
                for v in c:
                    at_column.setdefault(v, []).append(c)
    out = []
    for cols in closed:
        # the rows adjacent to every column of the set: intersect, smallest neighbourhood first
        nbrs = sorted((col_nbr[v] for v in cols), key=len)
        rows = set(nbrs[0]).intersection(*nbrs[1:])
        out.append((tuple(sorted(rows)), tuple(sorted(cols))))
    return sorted(out)


def edge_components(edges: Sequence[Edge]) -> list[tuple[int, ...]]:
    """Group edge indices into connected components (edges sharing an endpoint).

    >>> edge_components([(0, 0), (1, 1), (0, 2), (2, 1)])
    [(0, 2), (1, 3)]
    """
    # union-find over the vertices, ("r", u) for row vertices and ("c", v) for column vertices
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(a: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for u, v in edges:
        ra, rb = find(("r", u)), find(("c", v))
        if ra != rb:
            parent[ra] = rb
    groups: dict[tuple[str, int], list[int]] = {}
    for k, (u, _) in enumerate(edges):
        groups.setdefault(find(("r", u)), []).append(k)
    return sorted(tuple(g) for g in groups.values())


def affine_dimension(points: Iterable[Sequence[Fraction | float]]) -> int:
    """Dimension of the affine hull of points (sequences of Fractions or floats, exact rank).

    The differences from the first point are scaled to integer rows (a
    positive multiple of each, which keeps the rank) and reduced one at a
    time against the rows kept so far, fraction-free; the work stops when
    the rank reaches the number of coordinates.

    >>> affine_dimension([(0, 0), (1, 1), (2, 2)])
    1
    >>> affine_dimension([(0.5, 0), (0, 0.25), (0, 0), (1, 1)])
    2
    """
    it = iter(points)
    first = next(it, None)
    if first is None:
        return 0
    nums0, den0 = integer_scaled([Fraction(v) for v in first])
    ncols = len(nums0)
    basis: list[tuple[int, list[int]]] = []  # (pivot column, row), each row zero at the earlier pivots
    for p in it:
        if len(basis) == ncols:
            break
        nums, den = integer_scaled([Fraction(v) for v in p])
        row = [den0 * a - den * b for a, b in zip(nums, nums0)]
        for c, b in basis:
            if row[c]:
                f, g = b[c], row[c]
                row = [f * r - g * q for r, q in zip(row, b)]
        lead = next((c for c, r in enumerate(row) if r), None)
        if lead is not None:
            common = gcd(*row)  # keeps the integers as small as the rational row they stand for
            basis.append((lead, [r // common for r in row]))
    return len(basis)


_SHAPES = {1: "a segment", 2: "a polygon"}


def describe_component(number: int, members: Iterable[int], cliques_in_component: int, dimension: int) -> str:
    """One diagnostics line for a component with more than one extreme point.

    ``number`` counts components from 1 and ``members`` are indices into the
    result's equilibria (from 0); the line numbers both from 1, as the text
    of a result lists them (``SolveResult.components`` keeps the indices).

    >>> describe_component(1, (0, 1), 1, 1)
    'component 1: a continuum spanned by equilibria 1 and 2 (a segment)'
    """
    if cliques_in_component == 1:
        shape = _SHAPES.get(dimension, f"a {dimension}-dimensional polytope")
    else:
        shape = f"a union of {cliques_in_component} convex maximal Nash subsets, dimension {dimension}"
    return f"component {number}: a continuum spanned by {numbered(members)} ({shape})"


_RATIO = methodcaller("as_integer_ratio")

#: Integer sort keys of more bits than this per entry are not built (the Fractions are compared instead).
_MAX_KEY_BITS = 4096


def _descending_ranks(keys: Sequence[VertexKey], exact: bool) -> dict[VertexKey, int]:
    r"""Rank of each distinct vertex key in descending lexicographic order of its vector (0 for the largest).

    An exact key is a tuple of ``(numerator, denominator)`` pairs.  Two
    distinct fractions with denominators :math:`d, d' < 2^b` differ by at
    least :math:`1/(d d') > 2^{-K}` for :math:`K = 2b + 1`, so
    :math:`\lfloor v \cdot 2^K \rfloor` is strictly increasing in
    :math:`v`: the vectors sort as tuples of these integers, compared in C,
    in the same order as tuples of Fractions.

    >>> from fractions import Fraction as F
    >>> keys = [tuple(v.as_integer_ratio() for v in vec) for vec in [(F(1, 3), F(2, 3)), (F(1, 2), F(1, 2))]]
    >>> sorted(_descending_ranks(keys, True).values())
    [0, 1]
    >>> _descending_ranks(keys, True)[keys[1]]
    0
    """
    distinct = list(dict.fromkeys(keys))
    if not exact:
        ordered = sorted(distinct, reverse=True)
    else:
        bits = max((d.bit_length() for vec in distinct for _, d in vec), default=0)
        shift = 2 * bits + 1
        if shift <= _MAX_KEY_BITS:
            ordered = sorted(distinct, key=lambda vec: tuple((n << shift) // d for n, d in vec), reverse=True)
        else:
            ordered = sorted(distinct, key=lambda vec: tuple(Fraction(n, d) for n, d in vec), reverse=True)
    return {k: r for r, k in enumerate(ordered)}


def _vertex_dict(labels: Sequence[str], vec: Sequence[Fraction | float], checked: tuple[Any, Any],
                 exact: bool) -> dict[str, str | float]:
    """``{label: probability}`` of a vertex's positive entries, as ``extra["row_vertices"]`` lists it.

    Exact: the zeros are read off the integer numerators of
    :func:`~gametheory.profile.checked_vector` and a Fraction printed with
    ``str`` (what :func:`~gametheory.numbers.format_number` does for one),
    without a Python-level Fraction comparison per entry.
    """
    if not exact:
        return {s: float(p) for s, p in zip(labels, vec) if p != 0}
    nums = checked[1][0]
    return {s: str(p) if type(p) is Fraction else format_number(p) for s, p, a in zip(labels, vec, nums) if a}


def assemble_result(game: Game, method: str, pairs: Sequence[VertexPair], *, exact: bool, tol: float, complete: bool,
                    diagnostics: Iterable[str] = (), infos: Iterable[Mapping[str, Any]] | None = None,
                    extra: Mapping[str, Any] | None = None) -> SolveResult:
    """A certified :class:`~gametheory.SolveResult` with components and cliques.

    Parameters
    ----------
    pairs : list of (tuple, tuple)
        Extreme equilibria as normalised ``(x, y)`` probability vectors
        (Fractions when ``exact``), distinct.
    infos : list of dict, optional
        Per-equilibrium ``info`` (merged with the vertex ids).

    The equilibria are sorted (row vertex, then column vertex, in
    lexicographic order of the probability vectors) so the output does not
    depend on the enumeration order.
    """
    infos = list(infos) if infos is not None else [{} for _ in pairs]
    # vertex ids keyed by (numerator, denominator) pairs: hashing a Fraction costs a
    # modular inverse of its (large) denominator
    def key(vec: Sequence[Fraction | float]) -> VertexKey:
        return tuple(map(_RATIO, vec)) if exact else tuple(vec)

    x_keys = [key(x) for x, _ in pairs]
    y_keys = [key(y) for _, y in pairs]
    x_rank = _descending_ranks(x_keys, exact)
    y_rank = _descending_ranks(y_keys, exact)
    # descending lexicographic order of (x, y) (pure first-strategy equilibria lead): x's rank, then y's
    order = sorted(range(len(pairs)), key=lambda k: (x_rank[x_keys[k]], y_rank[y_keys[k]]))
    pairs = [pairs[k] for k in order]
    infos = [infos[k] for k in order]
    row_ids: dict[VertexKey, int] = {}
    col_ids: dict[VertexKey, int] = {}
    rows_seen: list[Sequence[Fraction | float]] = []
    cols_seen: list[Sequence[Fraction | float]] = []
    rows_checked: list[tuple[Any, Any]] = []
    cols_checked: list[tuple[Any, Any]] = []
    edges: list[Edge] = []
    for k, (x, y) in zip(order, pairs):
        u = row_ids.setdefault(x_keys[k], len(row_ids))
        if u == len(rows_seen):
            rows_seen.append(x)
            rows_checked.append(checked_vector(game, 0, x, exact))
        v = col_ids.setdefault(y_keys[k], len(col_ids))
        if v == len(cols_seen):
            cols_seen.append(y)
            cols_checked.append(checked_vector(game, 1, y, exact))
        edges.append((u, v))
    eqs = []
    for (u, v), info in zip(edges, infos):
        # a vertex's vector is checked once and shared by the profiles of all its equilibria
        prof = MixedProfile._from_checked(game, (rows_checked[u], cols_checked[v]))
        eqs.append(Equilibrium.from_profile(prof, {**info, "row_vertex": u, "column_vertex": v}))
    comps = edge_components(edges)
    cliques = maximal_bicliques(edges)
    diags = list(diagnostics)
    edge_index = {e: k for k, e in enumerate(edges)}
    # each clique lies in the component of any of its row vertices: one count per clique
    component_of_row = {edges[k][0]: number for number, comp in enumerate(comps, start=1) for k in comp}
    cliques_in = Counter(component_of_row[rs[0]] for rs, _ in cliques)
    for number, comp in enumerate(comps, start=1):
        if len(comp) < 2:
            continue
        # exact x and y each sum to 1, so dropping the last coordinate of each keeps the affine hull's
        # dimension (an injective linear map on the hyperplanes) and lets affine_dimension stop at full
        # rank; float vectors sum to 1 only up to rounding, so they keep every coordinate
        cut = -1 if exact else None
        dim = affine_dimension([tuple(pairs[k][0][:cut]) + tuple(pairs[k][1][:cut]) for k in comp])
        diags.append(describe_component(number, comp, cliques_in[number], dim))
    s1, s2 = game.strategies
    row_vertices = [_vertex_dict(s1, x, checked, exact) for x, checked in zip(rows_seen, rows_checked)]
    col_vertices = [_vertex_dict(s2, y, checked, exact) for y, checked in zip(cols_seen, cols_checked)]
    ext = {
        "cliques": [
            {"rows": list(rs), "columns": list(cs), "equilibria": [edge_index[(u, v)] for u in rs for v in cs]}
            for rs, cs in cliques
        ],
        "row_vertices": row_vertices,
        "column_vertices": col_vertices,
    }
    ext.update(extra or {})
    return SolveResult(game, method, complete, exact, tol, tuple(eqs), tuple(diags), tuple(comps), ext)
