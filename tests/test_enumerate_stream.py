"""Streamed vertex enumeration: ``solve_enumerate_stream`` and ``gametheory solve --method enumerate --stream``.

The streamed set must be the set ``solve_enumerate`` lists (pygambit's exact enummixed is the
peer in tests/test_vertex.py), each equilibrium certified: its regrets are recomputed here by
brute force over pure profiles (tests/refs/brute.py).  Savani's game with 2^n - 1 equilibria
(the n = 15 member is bimatrix_solver's example with 32,767) gives a count known in closed form.
"""

import json
from fractions import Fraction as F

import numpy as np
import pytest
from refs.brute import exact_regrets
from refs.games import LITERATURE, random_decimal_game, random_int_game
from refs.views import as_fractions, eq_set

from gametheory import Game, solve
from gametheory.cli import main
from gametheory.errors import CostLimitError, UnsupportedGameError
from gametheory.io.nfg import write_nfg
from gametheory.solvers import solve_enumerate_stream


def savani(n):
    """A[i][j] = 2^(4i) on the diagonal, 2^(2i+2j+1) above, 0 below; B = A^T: 2^n - 1 equilibria."""
    A = [[2**(4 * i) if j == i else 2**(2 * i + 2 * j + 1) if j > i else 0 for j in range(n)] for i in range(n)]
    return Game.from_bimatrix(A, [list(c) for c in zip(*A)])


def streamed_set(game):
    return {tuple(tuple(v) for v in eq.profile.vectors) for eq in solve_enumerate_stream(game)}


@pytest.mark.parametrize("A, B, expected, components, degenerate", LITERATURE)
def test_literature_games_stream_the_listed_set(A, B, expected, components, degenerate):
    assert streamed_set(Game.from_bimatrix(A, B)) == as_fractions(expected)


def test_stream_equals_solve_enumerate_and_is_certified():
    rng = np.random.default_rng(186)
    for k in range(30):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        game = random_int_game(rng, m, n, -2 if k % 2 else -9, 2 if k % 2 else 9)
        eqs = list(solve_enumerate_stream(game))
        assert len(eqs) == len({tuple(tuple(v) for v in eq.profile.vectors) for eq in eqs})  # no repeats
        assert streamed_set(game) == eq_set(solve(game, method="enumerate", float_path=False))
        for eq in eqs:
            assert exact_regrets(game.payoffs, eq.profile.vectors) == [0, 0]
            assert all(r == 0 for r in eq.regret.values())


def test_savani_game_has_two_to_the_n_minus_one_equilibria():
    eqs = list(solve_enumerate_stream(savani(7)))
    assert len(eqs) == 2**7 - 1
    # the pure ones are the diagonal pairs (i, i): in column i, A[i][i] = 2^(4i) beats the rows above
    # (2^(2k+2i+1) <= 2^(4i-1) for k < i) and the zeros below, and B = A^T makes it symmetric
    pure = {tuple(list(v).index(1) for v in eq.profile.vectors) for eq in eqs if eq.is_pure}
    assert pure == {(i, i) for i in range(7)}


def test_stream_is_lazy_and_checks_the_cost_up_front():
    # a generator: nothing is solved until asked; the refusal comes at the call, not at the first next()
    stream = solve_enumerate_stream(savani(10))
    first = next(stream)
    assert exact_regrets(savani(10).payoffs, first.profile.vectors) == [0, 0]
    with pytest.raises(CostLimitError, match="--max-cost"):
        solve_enumerate_stream(savani(10), max_cost=1000)
    big = Game.from_bimatrix(np.ones((18, 18), dtype=int).tolist(), np.ones((18, 18), dtype=int).tolist())
    with pytest.raises(CostLimitError, match="bases of the best-response polytopes"):
        solve_enumerate_stream(big)


def test_float_game_streams_floats():
    g = Game.from_bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    eqs = list(solve_enumerate_stream(g))
    assert not any(eq.profile.exact for eq in eqs)
    got = sorted(tuple(round(float(p), 12) for p in eq.profile.vectors[0]) for eq in eqs)
    assert got == [(0.0, 1.0), (round(2 / 3, 12), round(1 / 3, 12)), (1.0, 0.0)]


def test_three_players_are_refused():
    g = Game(np.zeros((2, 2, 2, 3), dtype=int).tolist())
    with pytest.raises(UnsupportedGameError):
        solve_enumerate_stream(g)


def test_cli_stream_prints_json_lines(tmp_path, capsys):
    path = tmp_path / "bos.nfg"
    write_nfg(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), path)
    assert main(["solve", str(path), "--method", "enumerate", "--stream"]) == 0
    lines = capsys.readouterr().out.splitlines()
    docs = [json.loads(line) for line in lines]
    assert docs[-1] == {"method": "enumerate", "complete": True, "exact": True, "equilibria": 3}
    # each line is the dict of --json's equilibria list (the same keys, the same strings)
    main(["solve", str(path), "--method", "enumerate", "--json"])
    listed = json.loads(capsys.readouterr().out)["equilibria"]
    key = json.dumps
    assert sorted(map(key, docs[:-1])) == sorted(map(key, listed))
    # the mixed equilibrium by hand: x = (2/3, 1/3), y = (1/3, 2/3), payoffs 2/3 each
    mixed = [d for d in docs[:-1] if d["profile"]["Player 1"]["1"] == "2/3"]
    assert mixed and mixed[0]["payoffs"] == {"Player 1": "2/3", "Player 2": "2/3"}


@pytest.mark.parametrize("extra, message", [
    (["--method", "support"], "--stream streams the equilibria of --method enumerate"),
    (["--method", "enumerate", "--json"], "cannot be combined"),
])
def test_cli_stream_refuses_other_uses(tmp_path, capsys, extra, message):
    path = tmp_path / "bos.nfg"
    write_nfg(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), path)
    assert main(["solve", str(path), "--stream", *extra]) == 2
    assert message in capsys.readouterr().err


def test_cli_stream_cost_refusal_names_the_flag(tmp_path, capsys):
    path = tmp_path / "big.nfg"
    write_nfg(Game.from_bimatrix(np.ones((18, 18), dtype=int).tolist(), np.ones((18, 18), dtype=int).tolist()), path)
    code = main(["solve", str(path), "--method", "enumerate", "--stream"])
    err = capsys.readouterr().err
    assert code != 0 and "--max-cost" in err and len(err.splitlines()) == 1


def test_stream_probabilities_are_fractions_summing_to_one():
    for eq in solve_enumerate_stream(savani(5)):
        for v in eq.profile.vectors:
            assert all(isinstance(p, F) for p in v) and sum(v) == 1


def test_stream_falls_back_to_the_walk_when_a_candidate_fails_without_repeats(monkeypatch):
    # the float path yields what it confirmed; a failed confirmation hands over to the exact walk, which must
    # then skip what was yielded and add the rest
    from gametheory.solvers import vertex

    rng = np.random.default_rng(188)
    real = vertex._ExactConfirmer.__call__
    tested = 0
    for _ in range(6):
        game = random_decimal_game(rng, 6, 6, digits=6)
        expected = eq_set(solve(game, method="enumerate", float_path=False))
        if len(expected) < 3:
            continue
        calls = []

        def failing_third(self, S, T, calls=calls):
            calls.append(S)
            return None if len(calls) == 3 else real(self, S, T)

        monkeypatch.setattr(vertex._ExactConfirmer, "__call__", failing_third)
        eqs = list(solve_enumerate_stream(game))
        monkeypatch.setattr(vertex._ExactConfirmer, "__call__", real)
        assert len(calls) == 3  # the float path ran and stopped at the failure
        got = [tuple(tuple(v) for v in eq.profile.vectors) for eq in eqs]
        assert len(got) == len(set(got)) and set(got) == expected
        for eq in eqs:
            assert exact_regrets(game.payoffs, eq.profile.vectors) == [0, 0]
        tested += 1
    assert tested >= 3


def test_confirmer_accepts_exactly_the_equilibrium_supports():
    # every equal-size support pair of small random games: the confirmer's verdict against a Fraction brute force
    import itertools

    from gametheory.solvers._bimatrix import positive_integer_matrices
    from gametheory.solvers.vertex import _ExactConfirmer

    rng = np.random.default_rng(189)
    accepted = 0
    for k in range(12):
        game = random_int_game(rng, 4, 3, -5, 5) if k % 3 else random_int_game(rng, 3, 3, -5, 5)
        A, B = positive_integer_matrices(game)
        if k % 4 == 0:  # symmetric: the two systems are one when S == T
            B = [list(c) for c in zip(*A[:3])]
            A = A[:3]
        m, n = len(A), len(A[0])
        confirm = _ExactConfirmer(A, B)
        for size in range(1, min(m, n) + 1):
            for S in itertools.combinations(range(m), size):
                for T in itertools.combinations(range(n), size):
                    got = confirm(S, T)
                    want = _brute_pair(A, B, S, T)
                    assert got == want
                    accepted += got is not None
    assert accepted > 12


def _brute_pair(A, B, S, T):
    """The vertex pair with supports (S, T) by Fraction Gauss-Jordan and the definition, or None."""
    def solve_on(M, k):
        rows = [[F(v) for v in row] + [F(1)] for row in M]
        for c in range(k):
            p = next((r for r in range(c, k) if rows[r][c] != 0), None)
            if p is None:
                return None
            rows[c], rows[p] = rows[p], rows[c]
            rows[c] = [v / rows[c][c] for v in rows[c]]
            for r in range(k):
                if r != c and rows[r][c] != 0:
                    f = rows[r][c]
                    rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
        return [row[-1] for row in rows]

    m, n, k = len(A), len(A[0]), len(S)
    xs = solve_on([[B[s][t] for s in S] for t in T], k)
    ys = solve_on([[A[s][t] for t in T] for s in S], k)
    if xs is None or ys is None or min(xs) <= 0 or min(ys) <= 0:
        return None
    x, y = [F(0)] * m, [F(0)] * n
    for s, v in zip(S, xs):
        x[s] = v
    for t, v in zip(T, ys):
        y[t] = v
    # strictly worse off the supports (the supports pay exactly 1)
    if any(sum(B[i][j] * x[i] for i in range(m)) >= 1 for j in range(n) if j not in T):
        return None
    if any(sum(A[i][j] * y[j] for j in range(n)) >= 1 for i in range(m) if i not in S):
        return None
    return tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)


def test_nondegenerate_games_stream_from_the_float_search_and_degenerate_ones_from_the_walk(monkeypatch):
    # the float search finds Savani's 2^7 - 1 equilibria without the exact walk; von Stengel's degenerate
    # 3x3 game (a column with two best replies to a pure row) makes the float search unsure, and the walk runs
    from gametheory.solvers import vertex

    walked = []
    real = vertex.vertex_pairs

    def counting(Aint, Bint, *args):
        walked.append(len(Aint))
        return real(Aint, Bint, *args)

    monkeypatch.setattr(vertex, "vertex_pairs", counting)
    assert len(list(solve_enumerate_stream(savani(7)))) == 2**7 - 1
    assert walked == []
    degenerate = Game.from_bimatrix([[3, 3, 0], [2, 5, 1], [0, 6, 2]], [[3, 3, 1], [2, 6, 0], [3, 1, 2]])
    got = streamed_set(degenerate)
    assert walked == [3]
    assert got == eq_set(solve(degenerate, method="enumerate", float_path=False))
