"""Components, maximal Nash subsets and exact certificates, against brute force computed here.

The maximal bicliques of small bipartite graphs are checked against an
enumeration of every pair of row and column subsets; the components against a
breadth-first search over edges that share an endpoint; the affine dimension
against sympy's exact rank; the payoffs and regrets of exact bimatrix profiles
against the definition in Fraction arithmetic
(:math:`u_1 = x^\\top A y`, regret :math:`\\max_i (Ay)_i - u_1`, likewise for
player 2 with :math:`B`).  Everything the module returns must agree exactly.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, InputError, MixedProfile, solve
from gametheory.result import Equilibrium
from gametheory.solvers._components import affine_dimension, assemble_result, edge_components, maximal_bicliques

# ------------------------------------------------------------------ brute force


def brute_bicliques(edges):
    """Every maximal (rows, columns) with rows x columns inside the edge set, by subsets."""
    E = set(edges)
    rows = sorted({u for u, _ in E})
    cols = sorted({v for _, v in E})
    found = []
    for r in range(1, len(rows) + 1):
        for U in itertools.combinations(rows, r):
            for c in range(1, len(cols) + 1):
                for V in itertools.combinations(cols, c):
                    if all((u, v) in E for u in U for v in V):
                        found.append((frozenset(U), frozenset(V)))
    maximal = [(U, V) for U, V in found if not any((U <= U2 and V <= V2 and (U, V) != (U2, V2)) for U2, V2 in found)]
    return sorted((tuple(sorted(U)), tuple(sorted(V))) for U, V in maximal)


def brute_components(edges):
    """Edge indices grouped by a breadth-first search: two edges are adjacent when they share an endpoint."""
    seen, comps = set(), []
    for start in range(len(edges)):
        if start in seen:
            continue
        comp, queue = [], deque([start])
        seen.add(start)
        while queue:
            k = queue.popleft()
            comp.append(k)
            for j, e in enumerate(edges):
                if j not in seen and (e[0] == edges[k][0] or e[1] == edges[k][1]):
                    seen.add(j)
                    queue.append(j)
        comps.append(tuple(sorted(comp)))
    return sorted(comps)


def random_bipartite(rng, rows, cols, density):
    edges = [(u, v) for u in range(rows) for v in range(cols) if rng.random() < density]
    rng.shuffle(edges)
    return edges or [(0, 0)]


def fraction_certificate(A, B, x, y):
    """(payoffs, regrets) of (x, y) from the definitions, in Fractions."""
    m, n = len(A), len(A[0])
    Ay = [sum((F(A[i][j]) * y[j] for j in range(n)), F(0)) for i in range(m)]
    xB = [sum((F(B[i][j]) * x[i] for i in range(m)), F(0)) for j in range(n)]
    u1 = sum((x[i] * Ay[i] for i in range(m)), F(0))
    u2 = sum((y[j] * xB[j] for j in range(n)), F(0))
    return (u1, u2), (max(Ay) - u1, max(xB) - u2)


def random_distribution(rng, k, zeros=True):
    """A random rational probability vector of length k, some entries 0 when ``zeros``."""
    weights = [rng.choice([0, 0, 1, 2, 3, 7, 10**9 + 7]) if zeros else rng.randint(1, 50) for _ in range(k)]
    if not any(weights):
        weights[rng.randrange(k)] = 1
    total = sum(weights)
    return [F(w, total) for w in weights]


# ------------------------------------------------------------------ maximal bicliques and components


@pytest.mark.parametrize("seed", range(40))
def test_maximal_bicliques_match_the_subset_enumeration(seed):
    rng = random.Random(seed)
    edges = random_bipartite(rng, rng.randint(1, 5), rng.randint(1, 5), rng.choice([0.3, 0.5, 0.8]))
    assert maximal_bicliques(edges) == brute_bicliques(edges)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=14, unique=True))
def test_maximal_bicliques_match_the_subset_enumeration_hypothesis(edges):
    assert maximal_bicliques(edges) == brute_bicliques(edges)


def test_maximal_bicliques_of_a_matching_are_its_edges():
    # isolated edges (a nondegenerate game): each edge is its own maximal biclique
    edges = [(u, (7 * u) % 101) for u in range(101)]
    assert maximal_bicliques(edges) == sorted(((u,), (v,)) for u, v in edges)


def test_maximal_bicliques_of_a_complete_graph_is_one():
    edges = [(u, v) for u in range(6) for v in range(4)]
    assert maximal_bicliques(edges) == [((0, 1, 2, 3, 4, 5), (0, 1, 2, 3))]


def test_maximal_bicliques_of_a_crown():
    # K_{3,3} minus a perfect matching: the maximal bicliques are the 3 stars of each side plus
    # the 3 single rows' neighbourhoods; by hand: {u} x N(u) and N(v) x {v} and nothing else
    edges = [(u, v) for u in range(3) for v in range(3) if u != v]
    expected = sorted([((u,), tuple(v for v in range(3) if v != u)) for u in range(3)]
                      + [(tuple(u for u in range(3) if u != v), (v,)) for v in range(3)])
    assert maximal_bicliques(edges) == expected


@pytest.mark.parametrize("seed", range(40))
def test_edge_components_match_a_breadth_first_search(seed):
    rng = random.Random(1000 + seed)
    edges = random_bipartite(rng, rng.randint(1, 8), rng.randint(1, 8), rng.choice([0.1, 0.2, 0.4]))
    assert edge_components(edges) == brute_components(edges)


# ------------------------------------------------------------------ affine dimension


@pytest.mark.parametrize("seed", range(30))
def test_affine_dimension_matches_sympy_rank(seed):
    import sympy

    rng = random.Random(2000 + seed)
    dim, k = rng.randint(1, 5), rng.randint(1, 8)
    # points on a random affine subspace of dimension <= r, so low ranks are common
    r = rng.randint(0, dim)
    base = [F(rng.randint(-5, 5), rng.randint(1, 4)) for _ in range(dim)]
    dirs = [[F(rng.randint(-3, 3), rng.randint(1, 3)) for _ in range(dim)] for _ in range(r)]
    pts = []
    for _ in range(k):
        c = [F(rng.randint(-4, 4), rng.randint(1, 5)) for _ in range(r)]
        pts.append(tuple(b + sum((ci * d[j] for ci, d in zip(c, dirs)), F(0)) for j, b in enumerate(base)))
    expected = sympy.Matrix([[sympy.Rational(a - b) for a, b in zip(p, pts[0])] for p in pts]).rank()
    assert affine_dimension(pts) == expected
    assert affine_dimension(iter(pts)) == expected
    # floats are taken exactly
    assert affine_dimension([tuple(float(v) for v in p) for p in pts]) == sympy.Matrix(
        [[sympy.Rational(float(a)) - sympy.Rational(float(b)) for a, b in zip(p, pts[0])] for p in pts]).rank()


def test_affine_dimension_of_nothing_and_of_one_point():
    assert affine_dimension([]) == 0
    assert affine_dimension([(F(1, 3), F(2, 3))]) == 0


# ------------------------------------------------------------------ exact certificates of bimatrix profiles


@pytest.mark.parametrize("seed", range(40))
def test_bimatrix_payoffs_and_regrets_match_fraction_arithmetic(seed):
    rng = random.Random(3000 + seed)
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    scale = rng.choice([1, 7, 10**12])
    A = [[F(rng.randint(-9, 9) * scale, rng.choice([1, 2, 3, 10**6 + 3])) for _ in range(n)] for _ in range(m)]
    B = [[F(rng.randint(-9, 9), rng.choice([1, 5])) for _ in range(n)] for _ in range(m)]
    game = Game.from_bimatrix(A, B)
    for _ in range(5):
        x, y = random_distribution(rng, m), random_distribution(rng, n)
        payoffs, regrets = fraction_certificate(A, B, x, y)
        prof = MixedProfile(game, [x, y])
        pays, regs = prof.payoffs_and_regrets()
        assert tuple(pays.values()) == payoffs and tuple(regs.values()) == regrets
        assert prof.payoffs() == pays and prof.regret() == regs
        eq = Equilibrium.from_profile(prof)
        assert tuple(eq.payoffs.values()) == payoffs and tuple(eq.regret.values()) == regrets
        assert all(type(v) is F for v in [*pays.values(), *regs.values(), *prof.regret().values()])


def test_certificate_of_a_profile_given_as_strings_and_ints():
    # Battle of the sexes, her 2/3 on Opera and him 1/3: u = 2/3 each (Osborne 2004, section 4.1)
    game = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    prof = MixedProfile(game, [["2/3", "1/3"], [F(1, 3), F(2, 3)]])
    assert prof.payoffs_and_regrets() == ({"Player 1": F(2, 3), "Player 2": F(2, 3)},
                                          {"Player 1": F(0), "Player 2": F(0)})
    # both on Opera: 2 and 1, no regret; 1 and Fight: she loses 2 - 0
    assert MixedProfile(game, [[1, 0], [1, 0]]).regret() == {"Player 1": 0, "Player 2": 0}
    assert MixedProfile(game, [[1, 0], [0, 1]]).regret() == {"Player 1": 1, "Player 2": 1}


@pytest.mark.parametrize("vector, match", [
    ([F(3, 2), F(-1, 2)], "must be >= 0"),
    ([F(1, 2), F(1, 3)], "must sum to 1, got 5/6"),
    ([F(1, 2**13001), 1 - F(1, 2**13001)], "more than 13000 bits"),
    ([F(1, 3), "2/3", F(0)], "expected|has 2 strategies"),
])
def test_invalid_exact_vectors_are_refused_as_before(vector, match):
    game = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(InputError, match=match):
        MixedProfile(game, [vector, [F(1, 2), F(1, 2)]])


# ------------------------------------------------------------------ assemble_result


def _small_games():
    rng = random.Random(7)
    games = [Game.from_bimatrix([[rng.randint(-1, 1) for _ in range(4)] for _ in range(4)],
                                [[rng.randint(-1, 1) for _ in range(4)] for _ in range(4)]) for _ in range(25)]
    # the row player indifferent: every vertex of her polytope pairs with its best replies (big components)
    games.append(Game.from_bimatrix([[0] * 4 for _ in range(5)], [[rng.randint(1, 9) for _ in range(4)] for _ in range(5)]))
    return games


@pytest.mark.parametrize("game", _small_games())
def test_assemble_result_structure_matches_brute_force(game):
    import sympy

    from gametheory.solvers._bimatrix import positive_integer_matrices
    from gametheory.solvers.vertex import extreme_equilibria_exact

    pairs, _ = extreme_equilibria_exact(*positive_integer_matrices(game))
    shuffled = list(pairs)
    random.Random(0).shuffle(shuffled)
    res = assemble_result(game, "enumerate", shuffled, exact=True, tol=0, complete=True)
    got = [(tuple(eq.profile.vectors[0]), tuple(eq.profile.vectors[1])) for eq in res]
    # descending lexicographic order of (x, y), whatever order the pairs came in
    assert got == sorted(pairs, reverse=True)
    A, B = ([[F(v) for v in row] for row in M] for M in game.bimatrix())
    for eq, (x, y) in zip(res, got):
        payoffs, regrets = fraction_certificate(A, B, x, y)
        assert tuple(eq.payoffs.values()) == payoffs and regrets == (0, 0)
        assert tuple(eq.regret.values()) == regrets
    # vertex ids: equal vectors, equal ids, numbered in order of first appearance
    rows = list(dict.fromkeys(x for x, _ in got))
    cols = list(dict.fromkeys(y for _, y in got))
    edges = [(rows.index(x), cols.index(y)) for x, y in got]
    assert [(eq.info["row_vertex"], eq.info["column_vertex"]) for eq in res] == edges
    comps = brute_components(edges)
    assert [list(c) for c in res.components] == [list(c) for c in comps]
    cliques = brute_bicliques(edges)
    assert [(tuple(c["rows"]), tuple(c["columns"])) for c in res.extra["cliques"]] == cliques
    for c in res.extra["cliques"]:
        assert c["equilibria"] == [edges.index((u, v)) for u in c["rows"] for v in c["columns"]]
    # one diagnostics line per component with more than one member: its cliques and its dimension
    lines = [d for d in res.diagnostics if d.startswith("component ")]
    assert len(lines) == sum(1 for c in comps if len(c) > 1)
    for number, comp in enumerate(comps, 1):
        if len(comp) < 2:
            continue
        line = next(d for d in lines if d.startswith(f"component {number}: "))
        inside = [c for c in cliques if set(c[0]) <= {edges[k][0] for k in comp}]
        pts = [[sympy.Rational(v) for v in got[k][0] + got[k][1]] for k in comp]
        dim = sympy.Matrix([[a - b for a, b in zip(p, pts[0])] for p in pts]).rank()
        if len(inside) == 1:
            shape = {1: "a segment", 2: "a polygon"}.get(dim, f"a {dim}-dimensional polytope")
        else:
            shape = f"a union of {len(inside)} convex maximal Nash subsets, dimension {dim}"
        assert line.endswith(f"({shape})")


def test_solve_enumerate_components_are_brute_force_components():
    # two segments sharing (T, R): one component, two maximal Nash subsets (checked by hand:
    # T is a best reply to both columns, R to both rows)
    g = Game.from_bimatrix([[1, 1], [0, 1]], [[1, 1], [0, 0]])
    res = solve(g, method="enumerate")
    assert [list(c) for c in res.components] == [[0, 1, 2]]
    assert len(res.extra["cliques"]) == 2
    # the three extreme points (T, L), (T, R), (B, R) are affinely independent: dimension 2
    assert any("a union of 2 convex maximal Nash subsets, dimension 2" in d for d in res.diagnostics)


@pytest.mark.parametrize("bits", [8, 3000], ids=["integer-keys", "huge-denominators"])
def test_assemble_result_orders_any_vertices_like_the_fractions(bits):
    # in a game whose payoffs are all 0 every profile is an equilibrium (every regret is 0), so any
    # vectors make a complete bipartite equilibrium graph: one component, one maximal Nash subset
    rng = random.Random(bits)
    game = Game.from_bimatrix([[0] * 3 for _ in range(3)], [[0] * 3 for _ in range(3)])

    def vector():
        weights = [rng.randint(0, 2**bits) for _ in range(3)]
        weights[rng.randrange(3)] += 1
        return tuple(F(w, sum(weights)) for w in weights)

    xs = list({vector() for _ in range(5)})
    ys = list({vector() for _ in range(4)}) + [(F(1), F(0), F(0))]
    pairs = [(x, y) for x in xs for y in ys]
    rng.shuffle(pairs)
    res = assemble_result(game, "enumerate", pairs, exact=True, tol=0, complete=True)
    got = [(tuple(eq.profile.vectors[0]), tuple(eq.profile.vectors[1])) for eq in res]
    assert got == sorted(pairs, reverse=True)
    assert [list(c) for c in res.components] == [list(range(len(pairs)))]
    assert [(c["rows"], c["columns"]) for c in res.extra["cliques"]] == [(list(range(len(xs))), list(range(len(ys))))]
    rows = list(dict.fromkeys(x for x, _ in got))
    assert res.extra["row_vertices"] == [{s: str(p) for s, p in zip(("1", "2", "3"), x) if p} for x in rows]


def test_assemble_result_orders_float_vertices_like_the_floats():
    game = Game.from_bimatrix([[0.0] * 3 for _ in range(2)], [[0.0] * 3 for _ in range(2)])
    xs = [(0.25, 0.75), (1.0, 0.0), (0.5, 0.5)]
    ys = [(0.0, 0.5, 0.5), (1 / 3, 1 / 3, 1 / 3)]
    pairs = [(x, y) for y in ys for x in xs]
    res = assemble_result(game, "enumerate", pairs, exact=False, tol=1e-9, complete=True)
    assert [(tuple(eq.profile.vectors[0]), tuple(eq.profile.vectors[1])) for eq in res] == sorted(pairs, reverse=True)
    assert res.extra["row_vertices"] == [{"1": 1.0}, {"1": 0.5, "2": 0.5}, {"1": 0.25, "2": 0.75}]
    # six points (x, y) spanning a 1 x 1 product of segments: dimension 1 + 1
    assert any(d.endswith("(a polygon)") for d in res.diagnostics)
