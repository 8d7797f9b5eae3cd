"""Vertex enumeration ('enumerate'): extreme equilibria, components and cliques.

Expected equilibria come from hand calculation (derivations in the comments),
von Stengel (2007), nashpy issue #82, and pygambit's exact enummixed run in
the test.
"""

from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from refs.gambit import gambit_extreme
from refs.games import LITERATURE, T3, H, Q, random_decimal_game, random_int_game
from refs.views import as_fractions, component_sets, eq_set, float_keys

from gametheory import Game, UnsupportedGameError, solve
from gametheory.solvers.vertex import DEGENERATE


@pytest.mark.parametrize("A, B, expected, components, degenerate", LITERATURE)
@pytest.mark.parametrize("float_path", [False, True], ids=["exact", "float-first"])
def test_literature_games(A, B, expected, components, degenerate, float_path):
    game = Game.from_bimatrix(A, B)
    res = solve(game, method="enumerate", float_path=float_path)
    assert res.exact and res.complete
    assert eq_set(res) == as_fractions(expected)
    assert component_sets(res) == {frozenset(as_fractions(c)) for c in components}
    assert (DEGENERATE in res.diagnostics) == degenerate
    assert all(r == 0 for eq in res for r in eq.regret.values())


@pytest.mark.oracle
@pytest.mark.parametrize("A, B, expected, components, degenerate", LITERATURE)
def test_literature_games_match_gambit(A, B, expected, components, degenerate):
    game = Game.from_bimatrix(A, B)
    assert gambit_extreme(game) == as_fractions(expected)


def test_cliques_and_vertices_in_json():
    # two segments sharing (T, R): one component, two maximal Nash subsets
    g = Game.from_bimatrix([[1, 1], [0, 1]], [[1, 1], [0, 0]], strategies=[["T", "B"], ["L", "R"]])
    res = solve(g, method="enumerate")
    doc = res.to_json()
    assert doc["components"] == [[0, 1, 2]]
    rows = doc["row_vertices"]
    cols = doc["column_vertices"]
    assert sorted(map(str, rows)) == sorted(map(str, [{"T": "1"}, {"B": "1"}]))
    assert sorted(map(str, cols)) == sorted(map(str, [{"L": "1"}, {"R": "1"}]))
    cliques = {(tuple(str(rows[r]) for r in c["rows"]), tuple(str(cols[k]) for k in c["columns"])) for c in doc["cliques"]}
    assert cliques == {
        ((str({"T": "1"}),), tuple(sorted([str({"L": "1"}), str({"R": "1"})], key=lambda s: [str(c) for c in cols].index(s)))),
        (tuple(sorted([str({"T": "1"}), str({"B": "1"})], key=lambda s: [str(r) for r in rows].index(s))), (str({"R": "1"}),)),
    }
    assert any(d.startswith("component 1: a continuum spanned by equilibria 1, 2 and 3") for d in res.diagnostics)


def test_segment_diagnostic_names_the_shape():
    g = Game.from_bimatrix([[-1, -1, -4, -4], [0, -4, 0, -4]], [[3, 3, 2, 2], [0, 2, 0, 2]])
    res = solve(g, method="enumerate")
    lines = [d for d in res.diagnostics if d.startswith("component")]
    assert len(lines) == 1 and lines[0].endswith("(a segment)")


def test_block_coordination_components_are_squares():
    A = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    res = solve(Game.from_bimatrix(A, A), method="enumerate")
    assert len(res) == 9 and len(res.components) == 3
    assert sum(d.endswith("(a polygon)") for d in res.diagnostics) == 2
    assert len(res.extra["cliques"]) == 3


@pytest.mark.oracle
def test_nashpy_issue_82():
    # players minimise costs A, B (nashpy issue #82); the issue lists 8 equilibria found by
    # an independent support enumeration; gambit finds the same extreme set
    A = np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
    B = np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
    game = Game.from_bimatrix((-A).tolist(), (-B).tolist())
    listed = as_fractions([
        ((1, 0, 0), (0, 1, 0, 0, 0)), ((1, 0, 0), (0, 0, 0, 0, 1)), ((F(2, 3), T3, 0), (0, 1, 0, 0, 0)),
        ((T3, H, F(1, 6)), (0, F(4, 9), F(2, 9), T3, 0)), ((0, H, H), (0, H, H, 0, 0)),
        ((0, 1, 0), (F(3, 7), 0, F(4, 7), 0, 0)), ((0, 1, 0), (1, 0, 0, 0, 0)), ((0, 1, 0), (F(3, 8), 0, Q, F(3, 8), 0)),
    ])
    for float_path in (False, True):
        res = solve(game, method="enumerate", float_path=float_path)
        assert listed <= eq_set(res)
        assert eq_set(res) == gambit_extreme(game)
        assert DEGENERATE in res.diagnostics


def _cases(seed, count, sizes, make):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = (int(v) for v in rng.integers(sizes[0], sizes[1] + 1, 2))
        yield make(rng, m, n)


@pytest.mark.slow
@pytest.mark.oracle
def test_random_games_equal_gambit(capsys):
    games = list(_cases(11, 140, (1, 6), random_int_game))
    games += list(_cases(12, 16, (7, 8), random_int_game))
    games += list(_cases(13, 90, (1, 5), random_decimal_game))
    games += list(_cases(14, 6, (6, 8), lambda rng, m, n: random_decimal_game(rng, m, n, digits=2)))
    games += list(_cases(15, 50, (2, 6), lambda rng, m, n: random_int_game(rng, m, n, 0, 1)))
    differences = 0
    equilibria = 0
    for game in games:
        res = solve(game, method="enumerate")
        ours, ref = eq_set(res), gambit_extreme(game)
        differences += ours != ref
        equilibria += len(ref)
        assert ours == ref, game.bimatrix()
    with capsys.disabled():
        print(f"\n[enumerate vs pygambit enummixed] {len(games)} games, {equilibria} extreme equilibria, "
              f"{differences} differences")
    assert len(games) >= 300


def test_float_first_and_exact_paths_agree():
    rng = np.random.default_rng(21)
    for k in range(60):
        m, n = (int(v) for v in rng.integers(3, 7, 2))
        game = random_int_game(rng, m, n) if k % 2 else random_decimal_game(rng, m, n)
        a = solve(game, method="enumerate", float_path=True)
        b = solve(game, method="enumerate", float_path=False)
        assert eq_set(a) == eq_set(b)
        assert a.components == b.components


@pytest.mark.oracle
def test_float_game_against_nashpy_on_nondegenerate_games():
    rng = np.random.default_rng(31)
    compared = 0
    for _ in range(25):
        m, n = (int(v) for v in rng.integers(2, 6, 2))
        A, B = rng.random((m, n)), rng.random((m, n))
        game = Game.from_bimatrix(A, B)
        assert game.kind == "float"
        res = solve(game, method="enumerate")
        assert not res.exact and res.tol > 0
        assert all(eq.max_regret <= res.tol for eq in res)
        ours = float_keys(eq_set(res))
        ng = nashpy.Game(A, B)
        assert ours == float_keys(ng.vertex_enumeration())
        assert ours == float_keys(ng.support_enumeration())
        compared += 1
    assert compared == 25


def test_float_game_with_ties_uses_exact_enumeration():
    g = Game.from_bimatrix([[-1.0, -1.0, -4.0, -4.0], [0.0, -4.0, 0.0, -4.0]], [[3.0, 3.0, 2.0, 2.0], [0.0, 2.0, 0.0, 2.0]])
    res = solve(g, method="enumerate", float_path=True)
    assert len(res) == 3 and not res.exact
    assert res.extra["path"] == "exact"
    assert any("exact enumeration used" in d for d in res.diagnostics)


def test_three_players_rejected():
    g = Game(np.zeros((2, 2, 2, 3), dtype=int).tolist())
    with pytest.raises(UnsupportedGameError, match="2..2 players"):
        solve(g, method="enumerate")


def test_auto_prefers_enumerate_for_small_two_player_games():
    from gametheory import METHODS

    m = METHODS["enumerate"]
    assert m.auto_priority == 20 and m.complete and m.min_players == 2 and m.max_players == 2
    assert m.accepts(Game.from_bimatrix(np.zeros((12, 12), dtype=int).tolist(), np.zeros((12, 12), dtype=int).tolist()))
    assert not m.accepts(Game.from_bimatrix(np.zeros((30, 30), dtype=int).tolist(), np.zeros((30, 30), dtype=int).tolist()))


def brute_force_vertices(C):
    """Vertices of {z >= 0 : C z <= 1} by solving every choice of d tight constraints (Fractions)."""
    import itertools

    from gametheory.exact import solve_rational

    r, d = len(C), len(C[0])
    rows = [[F(int(k == j)) for k in range(d)] for j in range(d)] + [[F(v) for v in row] for row in C]
    rhs = [F(0)] * d + [F(1)] * r
    found = set()
    for pick in itertools.combinations(range(d + r), d):
        z = solve_rational([rows[p] for p in pick], [rhs[p] for p in pick], unique=True)
        if z is None or min(z) < 0 or any(sum(c * v for c, v in zip(row, z)) > 1 for row in C):
            continue
        found.add(tuple(z))
    return found


def test_exact_vertex_enumeration_equals_brute_force_on_degenerate_polytopes():
    from gametheory.solvers._vertex_exact import exact_polytope_vertices

    rng = np.random.default_rng(71)
    for _ in range(40):
        r, d = (int(v) for v in rng.integers(1, 5, 2))
        C = (rng.integers(1, 3, (r, d))).tolist()  # entries 1, 2: many ties, degenerate vertices
        ours = exact_polytope_vertices(C)
        assert {z for z, _ in ours} == brute_force_vertices(C)
        for z, mask in ours:
            slack = [1 - sum(F(c) * v for c, v in zip(row, z)) for row in C]
            expect = sum(1 << k for k in range(d) if z[k] == 0) + sum(1 << (d + j) for j in range(r) if slack[j] == 0)
            assert mask == expect


def test_bareiss_solve_against_fraction_elimination():
    from gametheory.exact import bareiss_solve, solve_rational

    rng = np.random.default_rng(72)
    for _ in range(200):
        k = int(rng.integers(1, 6))
        M = rng.integers(-3, 4, (k, k)).tolist()
        b = rng.integers(-3, 4, k).tolist()
        ref = solve_rational([[F(v) for v in row] for row in M], [F(v) for v in b], unique=True)
        got = bareiss_solve(M, b)
        if ref is None:
            assert got is None
        else:
            nums, det = got
            assert det > 0 and [F(v, det) for v in nums] == ref


@pytest.mark.oracle
def test_near_tie_goes_to_exact_enumeration():
    # a nondegenerate game whose row player's replies to the first column differ by 1e-13:
    # the float margins cannot separate them, so the exact path decides (and finds no degeneracy)
    eps = F(1, 10**13)
    g = Game.from_bimatrix([[1, 0, 0], [1 - eps, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    res = solve(g, method="enumerate", float_path=True)
    assert res.extra["path"] == "exact"
    assert DEGENERATE not in res.diagnostics
    assert eq_set(res) == gambit_extreme(g)
    assert len(res) == 7


def test_cli_json_shows_the_blockade_continuum(capsys):
    import json
    from pathlib import Path

    from gametheory.cli import main

    model = Path(__file__).resolve().parents[1] / "models" / "serbia_blockade_offer.toml"
    assert main(["solve", str(model), "--method", "enumerate", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["complete"] and doc["exact"]
    assert doc["components"] == [[0, 1], [2]]
    assert [sorted(c["equilibria"]) for c in doc["cliques"]] == [[0, 1], [2]]
    mixed = doc["equilibria"][0]["profile"]["Serbia"]
    assert sorted(v for v in mixed.values() if v != "0") == ["1/4", "3/4"]
    assert any(line.endswith("(a segment)") for line in doc["diagnostics"])
