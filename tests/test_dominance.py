"""Iterated elimination of dominated strategies and security levels.

Expectations come from textbooks (Gibbons 1992, Fudenberg-Tirole 1991) and
hand calculation; random games are checked by replaying the trace with a
brute-force dominance test written here, and by the theorem that iterated
strict dominance keeps every Nash equilibrium (and creates none).
"""

import itertools
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import CostLimitError, Game, InputError, UnsupportedGameError, exact
from gametheory.bargaining import BargainingProblem
from gametheory.solvers import dominance, security
from gametheory.solvers.dominance import iterated_elimination
from gametheory.solvers.security import security_levels


# ---------------------------------------------------------------------- independent checks
def others_profiles(game, i):
    return list(itertools.product(*[game.strategies[j] for j in range(game.num_players) if j != i]))


def u(game, i, own, others):
    labels = list(others)
    labels.insert(i, own)
    return game.payoff(dict(zip(game.players, labels)))[game.players[i]]


def dominates(game, player, dominator, removed, kind):
    """Brute force: does ``dominator`` (label or {label: p}) dominate ``removed`` in ``game``?"""
    i = game.players.index(player)
    mix = {dominator: 1} if isinstance(dominator, str) else dict(dominator)
    diffs = []
    for others in others_profiles(game, i):
        val = sum(p * u(game, i, lab, others) for lab, p in mix.items())
        diffs.append(val - u(game, i, removed, others))
    if kind == "strict":
        return all(d > 0 for d in diffs)
    return all(d >= 0 for d in diffs) and any(d > 0 for d in diffs)


def replay(game, result):
    """Check every step in the game it was taken in, then the surviving game.

    Our order: in round k every player is judged against the others' strategies
    at the start of round k, and against their own strategies still present.
    Strict steps are also valid one by one, in trace order (strict dominance
    survives the removal of other players' strategies).
    """
    start = game
    by_round = itertools.groupby(result.trace, key=lambda e: e.round)
    for _, steps in by_round:
        removed = {}
        for step in steps:
            keep = {p: [s for s in start.strategies[i] if s not in removed.get(p, ())]
                    for i, p in enumerate(start.players) if p == step.player}
            assert dominates(start.restrict(keep), step.player, step.dominated_by, step.removed, step.kind), step
            removed.setdefault(step.player, []).append(step.removed)
        for p, labs in removed.items():
            for lab in labs:
                start = start.remove_strategy(p, lab)
    assert start == result.reduced
    if result.kind == "strict":
        current = game
        for step in result.trace:
            assert dominates(current, step.player, step.dominated_by, step.removed, "strict"), step
            current = current.remove_strategy(step.player, step.removed)


def brute_pure_equilibria(game):
    eqs = set()
    for prof in itertools.product(*game.strategies):
        ok = True
        for i in range(game.num_players):
            others = prof[:i] + prof[i + 1:]
            mine = u(game, i, prof[i], others)
            if any(u(game, i, alt, others) > mine for alt in game.strategies[i]):
                ok = False
                break
        if ok:
            eqs.add(prof)
    return eqs


# ---------------------------------------------------------------------- textbook games
GIBBONS = Game.from_bimatrix(  # Gibbons (1992), Figure 1.1.4
    [[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    players=["Row", "Col"], strategies=[["Up", "Down"], ["Left", "Middle", "Right"]],
)
PD = Game.from_bimatrix(
    [[3, -1], [4, 0]], [[1, 3], [-2, 0]],
    players=["Russia", "US"], strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]],
)


def chain3(profile):
    """3 players: P1 prefers a; P2 wants to match P1; P3 wants to match P2."""
    a, b, c = profile["P1"], profile["P2"], profile["P3"]
    return [int(a == "a"), int(b == a), int(c == b)]


CHAIN = Game.from_function(["P1", "P2", "P3"], [["a", "b"]] * 3, chain3)


@pytest.mark.parametrize(
    "game, solution, rounds",
    [
        pytest.param(GIBBONS, {"Row": ("Up",), "Col": ("Middle",)}, 3, id="gibbons-1.1.4"),
        pytest.param(PD, {"Russia": ("Suspend CFE",), "US": ("Build MD",)}, 1, id="cfe-md-prisoners-dilemma"),
        pytest.param(CHAIN, {"P1": ("a",), "P2": ("a",), "P3": ("a",)}, 3, id="three-player-chain"),
        pytest.param(CHAIN.to_float(), {"P1": ("a",), "P2": ("a",), "P3": ("a",)}, 3, id="three-player-chain-float"),
    ],
)
def test_strict_dominance_solves_textbook_games(game, solution, rounds):
    res = iterated_elimination(game)
    assert res.solved
    assert res.surviving == solution
    assert res.rounds == rounds
    replay(game, res)


def test_gibbons_trace_order():
    res = iterated_elimination(GIBBONS)
    steps = [(e.round, e.player, e.removed, e.dominated_by, e.kind) for e in res.trace]
    assert steps == [
        (1, "Col", "Right", "Middle", "strict"),
        (2, "Row", "Down", "Up", "strict"),
        (3, "Col", "Left", "Middle", "strict"),
    ]


MIXED_ONLY = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
                                strategies=[["T", "M", "B"], ["L", "R"]])


def test_mixed_dominator_exact():
    # B is dominated by no pure strategy, but by T/2 + M/2 (payoff 3/2 > 1 against both columns).
    assert iterated_elimination(MIXED_ONLY, mixed=False).trace == ()
    res = iterated_elimination(MIXED_ONLY)
    first = res.trace[0]
    assert (first.player, first.removed, first.kind) == ("Player 1", "B", "strict")
    assert dict(first.dominated_by) == {"T": Fraction(1, 2), "M": Fraction(1, 2)}
    assert all(type(p) is Fraction for p in first.dominated_by.values())
    replay(MIXED_ONLY, res)


def test_mixed_dominator_float():
    res = iterated_elimination(MIXED_ONLY.to_float())
    by = res.trace[0].dominated_by
    assert set(by) == {"T", "M"}
    assert by["T"] == pytest.approx(0.5, abs=1e-7) and by["M"] == pytest.approx(0.5, abs=1e-7)


def test_unverified_mixed_dominator_is_kept_with_diagnostic(monkeypatch):
    monkeypatch.setattr(dominance, "rational_candidates", lambda x, **kw: iter(()))
    # and the exact fallback (kernel enumeration, issue 12 item 8) refused for cost

    def refuse(D):
        raise dominance.CostLimitError("too many kernels")

    monkeypatch.setattr(dominance, "kernel_maximin", refuse)
    res = iterated_elimination(MIXED_ONLY)
    assert res.trace == ()
    assert any("no rational dominator was verified" in d and "'B'" in d for d in res.diagnostics)


# Removing T and B together (our order) leaves M against {L, R}; removing T alone first
# lets R weakly dominate L, and then M and B tie against R.
WEAK = Game.from_bimatrix([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
                          strategies=[["T", "M", "B"], ["L", "R"]])


def test_weak_dominance_simultaneous_order():
    res = iterated_elimination(WEAK, kind="weak")
    assert res.surviving == {"Player 1": ("M",), "Player 2": ("L", "R")}
    assert {(e.removed, e.dominated_by) for e in res.trace} == {("T", "M"), ("B", "M")}
    replay(WEAK, res)


def test_weak_dominance_other_order_gives_other_game():
    after_t = WEAK.remove_strategy("Player 1", "T")
    assert dominates(after_t, "Player 2", "R", "L", "weak")
    other = after_t.remove_strategy("Player 2", "L")
    assert not dominates(other, "Player 1", "M", "B", "weak")  # M and B tie against R
    assert iterated_elimination(other, kind="weak").surviving == {"Player 1": ("M", "B"), "Player 2": ("R",)}
    assert iterated_elimination(WEAK, kind="weak").reduced != other


def test_weak_keeps_what_strict_keeps():
    assert iterated_elimination(WEAK).trace == ()  # nothing is strictly dominated


def test_bad_arguments():
    with pytest.raises(InputError, match="kind"):
        iterated_elimination(PD, kind="very")
    import sympy

    x = sympy.Symbol("x")
    with pytest.raises(UnsupportedGameError, match="substitute"):
        iterated_elimination(Game.from_bimatrix([[x, 0]], [[0, 1]]))


# ---------------------------------------------------------------------- random games
small_games = st.integers(2, 3).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 3), min_size=n, max_size=n),
        st.integers(0, 2**32 - 1),
    )
)


def random_game(shape, seed, kind="exact"):
    rng = np.random.default_rng(seed)
    arr = rng.integers(-3, 4, size=tuple(shape) + (len(shape),))
    g = Game(arr.tolist())
    return g if kind == "exact" else g.to_float()


@settings(max_examples=40, deadline=None)
@given(small_games, st.sampled_from(["exact", "float"]))
def test_strict_elimination_is_valid_and_keeps_equilibria(spec, kind):
    shape, seed = spec
    game = random_game(shape, seed, kind)
    res = iterated_elimination(game)
    replay(game, res)
    # Strict dominance removes no equilibrium strategy and creates no equilibrium.
    assert brute_pure_equilibria(res.reduced) == brute_pure_equilibria(game)


@settings(max_examples=30, deadline=None)
@given(small_games)
def test_weak_elimination_is_valid(spec):
    shape, seed = spec
    game = random_game(shape, seed)
    res = iterated_elimination(game, kind="weak", mixed=True)
    replay(game, res)
    # Weak dominance keeps at least one equilibrium of the reduced game as an equilibrium of the original.
    reduced_eqs = brute_pure_equilibria(res.reduced)
    assert reduced_eqs <= brute_pure_equilibria(game)


# ---------------------------------------------------------------------- security levels
def test_security_levels_matching_pennies():
    lv = security_levels(Game.zero_sum([[1, -1], [-1, 1]], strategies=[["H", "T"], ["H", "T"]]))
    for p in ("Player 1", "Player 2"):
        assert lv[p].pure_value == -1
        assert lv[p].pure_strategies == ("H", "T")
        assert lv[p].mixed_value == 0 and type(lv[p].mixed_value) is Fraction
        assert lv[p].certified
        assert dict(lv[p].mixed_strategy) == {"H": Fraction(1, 2), "T": Fraction(1, 2)}


def test_security_levels_hand_computed():
    lv = security_levels(MIXED_ONLY)
    # Player 1: pure max(min(3,0), min(0,3), min(1,1)) = 1 by B; mixed 3/2 by T/2 + M/2.
    assert lv["Player 1"].pure_value == 1 and lv["Player 1"].pure_strategies == ("B",)
    assert lv["Player 1"].mixed_value == Fraction(3, 2)
    assert dict(lv["Player 1"].mixed_strategy) == {"T": Fraction(1, 2), "M": Fraction(1, 2)}
    # Player 2: B's row gives 0 to both columns, so 0 is the most either column guarantees.
    assert lv["Player 2"].pure_value == 0 and lv["Player 2"].mixed_value == 0


def test_security_levels_three_players():
    # P1 gets 1 from a whatever the others do.
    lv = security_levels(CHAIN)
    assert lv["P1"].pure_value == 1 and lv["P1"].pure_strategies == ("a",)
    # P2 and P3: any pure strategy can be mismatched (0), but a 1/2-1/2 mix matches half the time
    # whatever pure profile the others play.
    for p in ("P2", "P3"):
        assert lv[p].pure_value == 0 and lv[p].pure_strategies == ("a", "b")
        assert lv[p].mixed_value == Fraction(1, 2) and lv[p].certified
        assert dict(lv[p].mixed_strategy) == {"a": Fraction(1, 2), "b": Fraction(1, 2)}


@pytest.mark.oracle
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # nashpy warns on degenerate games
@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_mixed_security_level_is_zero_sum_value(m, n, seed):
    # The row player's mixed maximin is the value of the zero-sum game (A, -A), here from nashpy.
    A = np.random.default_rng(seed).integers(-5, 6, size=(m, n))
    lv = security_levels(Game.zero_sum(A.tolist()))["Player 1"]
    value = None
    for s1, s2 in nashpy.Game(A.astype(float), -A.astype(float)).support_enumeration():
        value = float(s1 @ A @ s2)
        break
    if value is None:  # degenerate game nashpy missed; fall back to the vertex enumeration
        s1, s2 = next(iter(nashpy.Game(A + 11.0, -A - 11.0).vertex_enumeration()))
        value = float(s1 @ A @ s2)
    assert float(lv.mixed_value) == pytest.approx(value, abs=1e-7 * 10)
    assert lv.certified
    assert lv.pure_value <= lv.mixed_value
    guarantee = min(sum(p * A[lv_row, c] for lv_row, p in
                        ((["1", "2", "3", "4"].index(lab), q) for lab, q in lv.mixed_strategy.items()))
                    for c in range(n))
    assert guarantee == lv.mixed_value


def test_security_level_float_game():
    lv = security_levels(MIXED_ONLY.to_float())["Player 1"]
    assert lv.mixed_value == pytest.approx(1.5, abs=1e-8 * 3)
    assert lv.pure_value == pytest.approx(1.0)


def test_security_level_falls_back_to_kernel_enumeration(monkeypatch):
    # rounding is made to fail; Shapley-Snow kernels still prove Player 1's hand value 3/2 (T/2 + M/2)
    def uncertified(A, approx, **kw):
        return exact.Maximin(approx.value, (Fraction(1), Fraction(0), Fraction(0)), None, False, Fraction(0))

    monkeypatch.setattr(security, "certify_maximin", uncertified)
    lv = security_levels(MIXED_ONLY)["Player 1"]
    assert lv.certified and lv.mixed_value == Fraction(3, 2) and type(lv.mixed_value) is Fraction
    assert dict(lv.mixed_strategy) == {"T": Fraction(1, 2), "M": Fraction(1, 2)}
    # with the kernels over their cost limit too, the level stays a float and says why
    monkeypatch.setattr(exact, "MAX_KERNELS", 1)
    lv = security_levels(MIXED_ONLY)["Player 1"]
    assert not lv.certified and lv.mixed_value == pytest.approx(1.5, abs=1e-8)
    assert "not certified exactly" in lv.note and "kernels" in lv.note
    # the bargaining disagreement point needs the exact level, so it refuses
    with pytest.raises(CostLimitError, match="security level"):
        BargainingProblem.from_game(MIXED_ONLY, "maximin")


def test_large_lp_is_skipped_with_a_diagnostic(monkeypatch):
    monkeypatch.setattr(dominance, "MAX_LP_ENTRIES", 4)
    monkeypatch.setattr(security, "MAX_LP_ENTRIES", 4)
    res = iterated_elimination(MIXED_ONLY)
    assert res.trace == () and any("too large" in d for d in res.diagnostics)
    lv = security_levels(MIXED_ONLY)["Player 1"]
    assert lv.mixed_value is None and "too large" in lv.note
