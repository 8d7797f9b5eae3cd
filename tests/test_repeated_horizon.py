"""The finitely repeated game (gametheory.repeated.horizon): hand computations and the tree engine.

Expected values are derived by hand in each test (Benoit and Krishna 1985; Gibbons 1992, section
2.3.A), or computed independently by building the T-round game as a game tree with simultaneous
moves as information sets and solving it with gametheory.tree.spe.solve_spe.
"""

from __future__ import annotations

import functools
import itertools
import json
from fractions import Fraction

import numpy as np
import pytest

from gametheory import Game
from gametheory.errors import CostLimitError, InputError, UnsupportedGameError
from gametheory.repeated.horizon import finite_horizon, horizon_cost
from gametheory.tree import TreeBuilder
from gametheory.tree.spe import solve_spe

F = Fraction


def gibbons() -> Game:
    """Gibbons (1992), section 2.3.A: stage equilibria (L1, L2) and (R1, R2); (M1, M2) pays 4 each."""
    A = [[1, 5, 0], [0, 4, 0], [0, 0, 3]]
    B = [[1, 0, 0], [5, 4, 0], [0, 0, 3]]
    return Game.from_bimatrix(A, B, players=["Row", "Column"], strategies=[["L1", "M1", "R1"], ["L2", "M2", "R2"]])


def prisoners_dilemma(T, R, P, S) -> Game:
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["A", "B"],
                              strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]])


def vectors(fh) -> set[tuple]:
    return set(fh.payoffs)


# ---------------------------------------------------------------------- a unique stage equilibrium
@pytest.mark.parametrize("seed", range(5))
def test_prisoners_dilemma_only_repeats_the_stage_equilibrium(seed):
    rng = np.random.default_rng(seed)
    S, P, R, T = sorted(int(x) for x in rng.choice(np.arange(-20, 21), size=4, replace=False))
    g = prisoners_dilemma(T, R, P, S)
    delta = F(int(rng.integers(1, 10)), 10)
    for horizon in (1, 2, 4):
        fh = finite_horizon(g, horizon, delta=delta)
        assert fh.unique_stage_equilibrium and fh.stage_complete
        # by backward induction: (Defect, Defect) in every round, worth P (1 + delta + ... + delta^(T-1))
        total = P * sum(delta ** t for t in range(horizon))
        assert fh.payoffs == ((total, total),)
        assert [dict(r.profile) for r in fh.cooperative_path] == [{"A": "Defect", "B": "Defect"}] * horizon
        assert fh.cooperation_rounds == ()
        assert [(dict(p), r) for p, r in fh.playable] == [({"A": "Defect", "B": "Defect"},
                                                            tuple(range(1, horizon + 1)))]
        assert "unique equilibrium" in fh.note


def test_unique_mixed_stage_equilibrium_is_repeated():
    # matching pennies: the only stage equilibrium is (1/2, 1/2) each, worth 0; no pure SPE exists
    mp = Game.zero_sum([[1, -1], [-1, 1]], players=["Even", "Odd"], strategies=[["H", "T"], ["H", "T"]])
    fh = finite_horizon(mp, 3)
    assert fh.unique_stage_equilibrium and fh.payoffs == ((0, 0),)
    assert all(r.profile is None and r.mixed is not None for r in fh.cooperative_path)
    pure = finite_horizon(mp, 3, mixed=False)
    assert pure.payoffs == () and pure.cooperative_path == () and pure.cooperative_payoffs is None
    assert "none exists" in pure.note
    assert "no pure-strategy" not in str(fh)


# ---------------------------------------------------------------------- two stage equilibria (Gibbons)
def test_gibbons_two_rounds_by_hand():
    """W_1 = {(1,1), (3,3)}, worst continuation m = (1,1).  A profile a is played in round 1 with
    continuation v when v_i >= 1 + gain_i(a):
    (L1,L2), (R1,R2): gains 0, any v -> (2,2), (4,4), (4,4), (6,6);
    (M1,M2): gains (1,1), v = (3,3) -> (7,7);
    (L1,M2) = (5,0): Row's best reply, Column gains 1 by L2 -> v = (3,3) -> (8,3); (M1,L2) -> (3,8);
    every other profile gives someone a gain of 3 (to R1 or R2) > 3 - 1: never played."""
    fh = finite_horizon(gibbons(), 2, mixed=False)
    assert vectors(fh) == {(2, 2), (4, 4), (6, 6), (7, 7), (8, 3), (3, 8)}
    assert not fh.unique_stage_equilibrium
    path = fh.cooperative_path
    assert [dict(r.profile) for r in path] == [{"Row": "M1", "Column": "M2"}, {"Row": "R1", "Column": "R2"}]
    assert dict(fh.cooperative_payoffs) == {"Row": 7, "Column": 7}
    assert fh.cooperation_rounds == (1,)
    for player, dev in (("Row", "L1"), ("Column", "L2")):
        pun = path[0].punishments[player]
        assert (pun.deviation, pun.gain, pun.value, pun.reward) == (dev, 1, 1, 3)
        assert pun.stage_equilibrium == "Row: L1; Column: L2"
        assert [dict(r.profile) for r in pun.continuation] == [{"Row": "L1", "Column": "L2"}]
    assert dict(path[1].punishments) == {}  # the last round: no continuation to threaten with
    playable = {tuple(p.values()): r for p, r in fh.playable}
    assert playable == {("L1", "L2"): (1, 2), ("L1", "M2"): (1,), ("M1", "L2"): (1,), ("M1", "M2"): (1,),
                        ("R1", "R2"): (1, 2)}


def test_gibbons_two_rounds_with_the_mixed_stage_equilibrium():
    """The mixed stage equilibrium (3/4 L + 1/4 R each) is worth 3/4 and becomes the worst punishment:
    W_1 = {(1,1), (3,3), (3/4,3/4)}.  Round 1 adds, to the pure vectors above, (1,1)+(3/4,3/4),
    (3,3)+(3/4,3/4) and the mixed round followed by anything: (7/4,7/4), (15/4,15/4), (3/2,3/2);
    the off-diagonal profiles such as (L1,R2) still need v_1 >= 3/4 + 3: never."""
    fh = finite_horizon(gibbons(), 2)
    assert vectors(fh) == {(2, 2), (4, 4), (6, 6), (7, 7), (8, 3), (3, 8),
                           (F(7, 4), F(7, 4)), (F(15, 4), F(15, 4)), (F(3, 2), F(3, 2))}
    pun = fh.cooperative_path[0].punishments["Row"]
    assert pun.value == F(3, 4) and pun.continuation[0].mixed is not None
    assert pun.stage_equilibrium == "Row: 3/4 L1 + 1/4 R1; Column: 3/4 L2 + 1/4 R2"


@pytest.mark.parametrize("delta, pure_ok, mixed_ok", [
    (F(1, 2), True, True),        # pure punishment: delta (3 - 1) >= 1 iff delta >= 1/2
    (F(49, 100), False, True),    # mixed punishment: delta (3 - 3/4) >= 1 iff delta >= 4/9
    (F(4, 9), False, True),
    (F(2, 5), False, False),
])
def test_gibbons_cooperation_needs_patience(delta, pure_ok, mixed_ok):
    coop = (4 + 3 * delta, 4 + 3 * delta)
    assert (coop in vectors(finite_horizon(gibbons(), 2, delta=delta, mixed=False))) is pure_ok
    fh = finite_horizon(gibbons(), 2, delta=delta)
    assert (coop in vectors(fh)) is mixed_ok
    assert (fh.cooperation_rounds == (1,)) is mixed_ok


def test_gibbons_two_rounds_with_delta_near_one():
    """The pure set of the hand computation above with round 2 weighted by delta (payoffs 1 and 3 of
    the stage equilibria become delta and 3 delta); this delta's denominator makes the exact sums too
    large for 64-bit integers."""
    delta = F(10**12 - 1, 10**12)
    expected = {(1 + delta, 1 + delta), (1 + 3 * delta, 1 + 3 * delta), (3 + delta, 3 + delta),
                (3 + 3 * delta, 3 + 3 * delta), (4 + 3 * delta, 4 + 3 * delta), (5 + 3 * delta, 3 * delta),
                (3 * delta, 5 + 3 * delta)}
    assert vectors(finite_horizon(gibbons(), 2, delta=delta, mixed=False)) == expected


def test_three_rounds_cooperate_twice():
    """T = 3, undiscounted: (M1, M2) in rounds 1 and 2, (R1, R2) in round 3.  In round 2 a deviation
    gains 1 and loses 3 - 1; in round 1 the continuation (M, M), (R, R) is worth 7 against the worst
    continuation, (L, L) twice, worth 2: a loss of 5 against a gain of 1."""
    fh = finite_horizon(gibbons(), 3, mixed=False)
    assert [dict(r.profile) for r in fh.cooperative_path] == [{"Row": "M1", "Column": "M2"}] * 2 + [
        {"Row": "R1", "Column": "R2"}]
    assert dict(fh.cooperative_payoffs) == {"Row": 11, "Column": 11}
    first = fh.cooperative_path[0].punishments["Column"]
    assert (first.value, first.reward) == (2, 7)
    assert first.stage_equilibrium == "Row: L1; Column: L2" and len(first.continuation) == 2
    # (L1, M2) in round 1 needs Column's continuation >= 2 + 1: (M1, M2), (R1, R2) gives (5 + 4 + 3, 0 + 4 + 3)
    assert (12, 7) in vectors(fh)
    assert fh.cooperation_rounds == (1, 2)


def test_stage_game_not_solved_completely(monkeypatch):
    """When the stage equilibria cannot all be found, mixed=True refuses and mixed=False still gives the
    exact pure set (a pure stage equilibrium is a profile without profitable deviation)."""
    import gametheory.repeated.stage as stage

    def refuse(game, method="auto"):
        raise UnsupportedGameError("incomplete")

    monkeypatch.setattr(stage, "stage_equilibria", refuse)
    with pytest.raises(UnsupportedGameError):
        finite_horizon(gibbons(), 2)
    fh = finite_horizon(gibbons(), 2, mixed=False)
    assert vectors(fh) == {(2, 2), (4, 4), (6, 6), (7, 7), (8, 3), (3, 8)}
    assert not fh.stage_complete and not fh.unique_stage_equilibrium
    assert [e.support() for e in fh.stage_equilibria] == [{"Row": ("L1",), "Column": ("L2",)},
                                                          {"Row": ("R1",), "Column": ("R2",)}]
    assert "could not all be found" in fh.note


def test_dummy_player_changes_nothing():
    g2 = gibbons()
    A, B = g2.bimatrix()
    pay = np.empty((3, 3, 1, 3), dtype=object)
    for i, j in itertools.product(range(3), range(3)):
        pay[i, j, 0] = (A[i, j], B[i, j], 0)
    g3 = Game(pay, players=["Row", "Column", "Dummy"], strategies=[["L1", "M1", "R1"], ["L2", "M2", "R2"], ["Wait"]])
    two, three = finite_horizon(g2, 2, mixed=False), finite_horizon(g3, 2, mixed=False)
    assert vectors(three) == {w + (0,) for w in vectors(two)}
    assert [r.play_text for r in three.cooperative_path] == ["Row: M1; Column: M2; Dummy: Wait",
                                                             "Row: R1; Column: R2; Dummy: Wait"]


# ---------------------------------------------------------------------- the tree engine
def repeated_tree(game: Game, rounds: int, delta=1):
    """The ``rounds``-times repeated two-player game as a tree: in each round the row player moves,
    then the column player at one information set per history (she does not see the row player's
    action of the round), and the payoffs are the discounted sums along the path."""
    p1, p2 = game.players
    b = TreeBuilder(list(game.players))
    A, B = game.bimatrix()
    S1, S2 = game.strategies
    delta = F(delta)

    def node(t, hist, acc):
        if t == rounds:
            return b.payoff(*acc)
        where = " ".join(f"{x}/{y}" for x, y in hist) or "start"
        w = delta ** t
        return b.decision(p1, {s: b.decision(p2, {c: node(t + 1, hist + ((s, c),), (acc[0] + w * A[i, j],
                                                                                    acc[1] + w * B[i, j]))
                                                  for j, c in enumerate(S2)}, infoset=f"round {t + 1} after {where}")
                               for i, s in enumerate(S1)})

    return b.build(node(0, (), (0, 0)))


@functools.cache  # the 3x2 tree takes seconds: solve it once
def tree_payoffs(game: Game, rounds: int, delta=1) -> tuple[set[tuple], set[tuple]]:
    """(payoffs of the pure SPE, payoffs of every SPE) listed by the tree engine."""
    res = solve_spe(repeated_tree(game, rounds, delta))
    assert res.complete
    return ({tuple(e.payoffs.values()) for e in res if e.is_pure}, {tuple(e.payoffs.values()) for e in res})


CROSS = {
    "prisoner's dilemma": (prisoners_dilemma(5, 3, 1, 0), (2, 3)),
    "coordination": (Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["A", "B"],
                                        strategies=[["U", "D"], ["L", "R"]]), (2,)),
    # stage equilibria (T, L) = (2, 1) and (B, R) = (4, 3); (M, L) = (1, 7) tempts A to T by 1
    "3x2 with cooperation": (Game.from_bimatrix([[2, 0], [1, 0], [0, 4]], [[1, 0], [7, 0], [0, 3]],
                                                players=["A", "B"], strategies=[["T", "M", "B"], ["L", "R"]]), (2,)),
}


@pytest.mark.parametrize("name", sorted(CROSS))
@pytest.mark.parametrize("delta", [1, F(1, 2)])
def test_against_the_tree_engine(name, delta):
    game, horizons = CROSS[name]
    for T in horizons:
        pure, every = tree_payoffs(game, T, delta)
        assert vectors(finite_horizon(game, T, delta=delta, mixed=False)) == pure
        # rounds of a mixed stage equilibrium with an outcome-independent continuation are subgame perfect
        assert vectors(finite_horizon(game, T, delta=delta)) <= every


def test_cooperation_in_the_3x2_game_matches_the_tree():
    """(M, L) in round 1, then (B, R): A gives up 1 now and would lose 4 - 2 = 2 in round 2."""
    game = CROSS["3x2 with cooperation"][0]
    fh = finite_horizon(game, 2, mixed=False)
    assert dict(fh.cooperative_payoffs) == {"A": 5, "B": 10}
    assert fh.cooperation_rounds == (1,)
    assert (F(5), F(10)) in tree_payoffs(game, 2, 1)[0]


def pure_equilibria(A, B) -> int:
    return sum(1 for i, j in itertools.product(range(2), range(2))
               if A[i][j] == max(A[0][j], A[1][j]) and B[i][j] == max(B[i][0], B[i][1]))


@pytest.mark.parametrize("seed", range(6))
def test_random_two_by_two_against_the_tree_engine(seed):
    """Random small integer payoffs (ties included), drawn until the stage game has two pure equilibria
    or more, so that the continuation can depend on round 1."""
    rng = np.random.default_rng(100 + seed)
    while True:
        A, B = rng.integers(-2, 3, size=(2, 2, 2)).tolist()
        if pure_equilibria(A, B) >= 2:
            break
    game = Game.from_bimatrix(A, B, players=["A", "B"], strategies=[["U", "D"], ["L", "R"]])
    pure, every = tree_payoffs(game, 2)
    assert vectors(finite_horizon(game, 2, mixed=False)) == pure
    assert vectors(finite_horizon(game, 2)) <= every


def test_float_game_agrees_with_exact():
    exact = finite_horizon(gibbons(), 2, delta=F(1, 2))
    flt = finite_horizon(gibbons().to_float(), 2, delta=0.5)
    assert not flt.exact and len(flt.payoffs) == len(exact.payoffs)
    for w, v in zip(sorted(flt.payoffs), sorted(exact.payoffs)):
        assert w == pytest.approx(tuple(float(x) for x in v))
    json.dumps(flt.to_json(), allow_nan=False)


# ---------------------------------------------------------------------- inputs, cost, output
@pytest.mark.parametrize("horizon", [0, -1, 2.0, "2", True])
def test_bad_horizon(horizon):
    with pytest.raises(InputError, match="horizon"):
        finite_horizon(gibbons(), horizon)


@pytest.mark.parametrize("delta", [0, F(3, 2), -1, "abc"])
def test_bad_delta(delta):
    with pytest.raises(InputError):
        finite_horizon(gibbons(), 2, delta=delta)


def test_symbolic_game_is_refused():
    import sympy

    c = sympy.Symbol("c", real=True)
    with pytest.raises(UnsupportedGameError, match="substitute"):
        finite_horizon(Game.from_bimatrix([[c, 0], [0, 1]], [[1, 0], [0, 1]]), 2)


def test_cost_is_checked_before_the_work():
    with pytest.raises(CostLimitError, match="horizon"):
        finite_horizon(gibbons(), 20, max_cost=10_000)
    with pytest.raises(CostLimitError):  # a huge horizon is refused at once, not looped over
        finite_horizon(gibbons(), 10**12)
    # the bound: |W_k| <= 9^k and, for integer payoffs in a range of 5, (5k + 1)^2
    assert horizon_cost(gibbons(), 1) == 9 * 2 * 3 + 9 * 2


def test_json_and_text():
    fh = finite_horizon(gibbons(), 2, mixed=False)
    data = json.loads(json.dumps(fh.to_json(), allow_nan=False))
    assert data["horizon"] == 2 and data["delta"] == "1" and data["unique_stage_equilibrium"] is False
    assert {"Row": "7", "Column": "7"} in data["payoffs"]
    first = data["cooperative_path"][0]
    assert first["profile"] == {"Row": "M1", "Column": "M2"}
    assert first["punishments"]["Row"]["stage_equilibrium"] == "Row: L1; Column: L2"
    assert data["cooperation_rounds"] == [1]
    text = str(fh)
    assert "T = 2 times" in text and "round 1: Row: M1; Column: M2" in text
    assert "Row deviating to L1 gains 1 now; then (Row: L1; Column: L2) in every remaining round" in text
    assert "Sym" not in text and "Ne(" not in text
