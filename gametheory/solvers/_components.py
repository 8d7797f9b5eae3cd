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
which plays the role of the extension step of Bron and Kerbosch (1973);
each closed set is produced once, so the work is proportional to the number
of cliques times the number of row vertices.

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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

from ..game_text import numbered
from ..numbers import format_number
from ..profile import MixedProfile
from ..result import Equilibrium, SolveResult

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["maximal_bicliques", "edge_components", "affine_dimension", "describe_component"]

#: An edge of the bipartite graph: (row vertex, column vertex).
Edge: TypeAlias = tuple[int, int]
#: A normalised extreme equilibrium ``(x, y)`` of a bimatrix game (Fractions when exact).
VertexPair: TypeAlias = tuple[Sequence["Fraction | float"], Sequence["Fraction | float"]]


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

    Examples
    --------
    A segment of equilibria (row vertex 0 with column vertices 0 and 1) and an
    isolated one:

    >>> maximal_bicliques([(0, 0), (0, 1), (1, 2)])
    [((0,), (0, 1)), ((1,), (2,))]
    """
    nbr: dict[int, frozenset[int]] = {}
    for u, v in edges:
        nbr[u] = nbr.get(u, frozenset()) | {v}
    closed: set[frozenset[int]] = set()
    for u in sorted(nbr):
        new = {nbr[u]} | {c & nbr[u] for c in closed}
        closed |= {c for c in new if c}
    out = []
    for cols in closed:
        rows = tuple(sorted(u for u in nbr if cols <= nbr[u]))
        out.append((rows, tuple(sorted(cols))))
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

    >>> affine_dimension([(0, 0), (1, 1), (2, 2)])
    1
    """
    pts = [[Fraction(v) for v in p] for p in points]
    if len(pts) <= 1:
        return 0
    rows = [[a - b for a, b in zip(p, pts[0])] for p in pts[1:]]
    rank, ncols = 0, len(rows[0])
    for c in range(ncols):
        piv = next((r for r in range(rank, len(rows)) if rows[r][c] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][c] != 0:
                f = rows[r][c] / rows[rank][c]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank])]
        rank += 1
    return rank


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
    # descending lexicographic order (pure first-strategy equilibria lead); reverse=True
    # instead of negating, since negating a Fraction re-normalises it (a gcd of big ints)
    order = sorted(range(len(pairs)), key=lambda k: pairs[k], reverse=True)
    pairs = [pairs[k] for k in order]
    infos = [infos[k] for k in order]
    # vertex ids keyed by (numerator, denominator) pairs: hashing a Fraction costs a
    # modular inverse of its (large) denominator
    def key(vec: Sequence[Fraction | float]) -> Hashable:
        return tuple(v.as_integer_ratio() for v in vec) if exact else tuple(vec)

    row_ids: dict[Hashable, int] = {}
    col_ids: dict[Hashable, int] = {}
    rows_seen: list[Sequence[Fraction | float]] = []
    cols_seen: list[Sequence[Fraction | float]] = []
    edges: list[Edge] = []
    for x, y in pairs:
        u = row_ids.setdefault(key(x), len(row_ids))
        if u == len(rows_seen):
            rows_seen.append(x)
        v = col_ids.setdefault(key(y), len(col_ids))
        if v == len(cols_seen):
            cols_seen.append(y)
        edges.append((u, v))
    eqs = []
    for (x, y), (u, v), info in zip(pairs, edges, infos):
        prof = MixedProfile(game, [list(x), list(y)], exact=exact)
        eqs.append(Equilibrium.from_profile(prof, {**info, "row_vertex": u, "column_vertex": v}))
    comps = edge_components(edges)
    cliques = maximal_bicliques(edges)
    diags = list(diagnostics)
    edge_index = {e: k for k, e in enumerate(edges)}
    for number, comp in enumerate(comps, start=1):
        if len(comp) < 2:
            continue
        rows = {edges[k][0] for k in comp}
        n_cliques = sum(1 for rs, _ in cliques if rs[0] in rows)
        dim = affine_dimension([tuple(pairs[k][0]) + tuple(pairs[k][1]) for k in comp])
        diags.append(describe_component(number, comp, n_cliques, dim))
    s1, s2 = game.strategies
    row_vertices = [{s: format_number(p) if exact else float(p) for s, p in zip(s1, x) if p != 0} for x in rows_seen]
    col_vertices = [{s: format_number(p) if exact else float(p) for s, p in zip(s2, y) if p != 0} for y in cols_seen]
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
