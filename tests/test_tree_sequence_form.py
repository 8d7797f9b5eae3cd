"""The sequence form: hand-computed games, Kuhn poker's value from the literature, pygambit, brute-force regrets."""

import io
from fractions import Fraction

import numpy as np
import pytest

from gametheory.errors import CostLimitError, UnsupportedGameError
from gametheory.tree import Infoset, Tree, TreeBuilder, efg_text, reduced_strategies
from gametheory.tree.behavior import BehaviorProfile
from gametheory.tree.sequence_form import sequence_form, sequence_form_solve, sequence_form_value


def matching_pennies():
    b = TreeBuilder(["P1", "P2"], title="Matching pennies")
    return b.build(b.decision("P1", {
        "H": b.decision("P2", {"h": b.payoff(1, -1), "t": b.payoff(-1, 1)}, infoset="guess"),
        "T": b.decision("P2", {"h": b.payoff(-1, 1), "t": b.payoff(1, -1)}, infoset="guess")}))


def kuhn_poker():
    """Kuhn (1950): three cards, ante 1, one bet of 1; player 1's value is -1/18."""
    b = TreeBuilder(["P1", "P2"], title="Kuhn poker")
    rank = {"J": 0, "Q": 1, "K": 2}
    deals = {}
    for c1 in "JQK":
        for c2 in "JQK":
            if c1 == c2:
                continue
            win = 1 if rank[c1] > rank[c2] else -1
            after_check = b.decision("P2", {
                "Check": b.payoff(win, -win),
                "Bet": b.decision("P1", {"Fold": b.payoff(-1, 1), "Call": b.payoff(2 * win, -2 * win)},
                                  infoset=f"{c1} check-bet")}, infoset=f"{c2} after check")
            after_bet = b.decision("P2", {"Fold": b.payoff(1, -1), "Call": b.payoff(2 * win, -2 * win)},
                                   infoset=f"{c2} after bet")
            deals[c1 + c2] = (Fraction(1, 6), b.decision("P1", {"Check": after_check, "Bet": after_bet},
                                                         infoset=c1))
    return b.build(b.chance(deals))


def random_tree(seed, depth=4, signals=2, zero_sum=False, payoff_range=5):
    """A random two-player tree with chance and perfect recall: a player's information set is her own
    history plus a random signal (nodes with the same history and signal are indistinguishable)."""
    rng = np.random.default_rng(seed)
    players = ("P1", "P2")
    infosets, iset_of_key, children, node_isets, payoffs = [], {}, [], [], {}

    def build(d, seqs):
        v = len(children)
        children.append(None)
        node_isets.append(None)
        if d == depth or (d > 1 and rng.random() < 0.2):
            node_isets[v], children[v] = -1, ()
            u = [int(x) for x in rng.integers(-payoff_range, payoff_range + 1, 2)]
            payoffs[v] = (u[0], -u[0]) if zero_sum else tuple(u)
            return v
        if rng.random() < 0.2:
            infosets.append(Infoset(None, "", ("c0", "c1"), (Fraction(1, 3), Fraction(2, 3))))
            node_isets[v] = len(infosets) - 1
            children[v] = tuple(build(d + 1, seqs) for _ in range(2))
            return v
        p = int(rng.integers(2))
        key = (p, seqs[p], int(rng.integers(signals)))
        if key not in iset_of_key:
            infosets.append(Infoset(players[p], "", tuple(f"a{j}" for j in range(2 + int(rng.random() < 0.3)))))
            iset_of_key[key] = len(infosets) - 1
        k = iset_of_key[key]
        node_isets[v] = k
        kids = []
        for a in range(len(infosets[k].actions)):
            s2 = list(seqs)
            s2[p] = seqs[p] + ((k, a),)
            kids.append(build(d + 1, tuple(s2)))
        children[v] = tuple(kids)
        return v

    build(0, ((), ()))
    return Tree(list(players), infosets, children, node_isets, payoffs)


def brute_force_regret(tree, behavior):
    """Best payoff over every reduced pure plan of each player (the other's behaviour fixed) minus the payoff."""
    ours = behavior.as_dict()
    value = behavior.payoffs()
    out = {}
    for i, player in enumerate(tree.players):
        best = None
        for plan in reduced_strategies(tree, player):
            mine = {tree.infoset_key(k): plan.get(k, tree.infoset_actions(k)[0]) for k in tree.infosets(i)}
            u = BehaviorProfile(tree, {**ours, player: mine}).payoffs()[player]
            best = u if best is None else max(best, u)
        out[player] = best - value[player]
    return out


# ---------------------------------------------------------------------------- hand-computed cases
def test_sequence_form_of_matching_pennies():
    sf = sequence_form(matching_pennies())
    assert sf.E.tolist() == [[1, 0, 0], [-1, 1, 1]]
    assert sf.F.tolist() == [[1, 0, 0], [-1, 1, 1]]
    # sequences: (empty), H, T for P1 and (empty), h, t for P2; the payoff is at (H, h) etc.
    assert sf.A[1:, 1:].tolist() == [[1, -1], [-1, 1]]
    assert sf.B.tolist() == (-sf.A).tolist()
    assert [sf.sequence_label(1, s) for s in range(3)] == ["(empty)", "guess: h", "guess: t"]


def test_matching_pennies_solve_and_value():
    t = matching_pennies()
    res = sequence_form_solve(t)
    half = Fraction(1, 2)
    assert res[0].behavior.as_dict() == {"P1": {"1": {"H": half, "T": half}},
                                                  "P2": {"guess": {"h": half, "t": half}}}
    assert dict(res[0].payoffs) == {"P1": 0, "P2": 0}
    assert dict(res[0].regret) == {"P1": 0, "P2": 0}
    v = sequence_form_value(t)
    assert v.value == v.guarantee == v.bound == 0
    assert v.plans == ((1, half, half), (1, half, half))
    vf = sequence_form_value(t, exact=False)
    assert abs(vf.value) < 1e-9 and abs(vf.plans[0][1] - 0.5) < 1e-9


def test_kuhn_poker_value_is_minus_one_eighteenth():
    t = kuhn_poker()
    sf = sequence_form(t)
    assert sf.sizes == ((13, 7), (13, 7))  # 6 information sets of 2 actions each, plus the empty sequence
    v = sequence_form_value(t)
    assert v.value == v.guarantee == v.bound == Fraction(-1, 18)
    res = sequence_form_solve(t)
    assert res[0].payoffs["P1"] == Fraction(-1, 18)
    assert dict(res[0].regret) == {"P1": 0, "P2": 0}
    # Kuhn's equilibria: player 2 with the king always calls a bet and bets after a check
    beh = res[0].behavior.as_dict()["P2"]
    assert beh["K after bet"]["Call"] == 1 and beh["K after check"]["Bet"] == 1
    # with the jack player 2 never calls; with the queen she calls 1/3 of the time
    assert beh["J after bet"]["Call"] == 0 and beh["Q after bet"]["Call"] == Fraction(1, 3)
    vf = sequence_form_value(t, exact=False)
    assert abs(vf.value + 1 / 18) < 1e-9 and vf.gap < 1e-9


def test_float_solve_of_kuhn_poker():
    res = sequence_form_solve(kuhn_poker().to_float())
    assert not res.exact
    assert abs(res[0].payoffs["P1"] + 1 / 18) < 1e-9
    assert max(res[0].regret.values()) < 1e-9


def test_perfect_information_tree_gives_a_nash_equilibrium():
    b = TreeBuilder(["Entrant", "Incumbent"])
    t = b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))
    res = sequence_form_solve(t)
    assert dict(res[0].regret) == {"Entrant": 0, "Incumbent": 0}
    # the Nash equilibria: (In, Accommodate) with payoffs (1, 1), or Out with payoffs (0, 2)
    assert tuple(res[0].payoffs.values()) in ((1, 1), (0, 2))


def test_json_shape():
    doc = sequence_form_solve(matching_pennies()).to_json()
    assert doc["game"] == {"title": "Matching pennies", "players": ["P1", "P2"], "kind": "tree"}
    assert doc["method"] == "sequence-form" and doc["complete"] is False and doc["exact"] is True
    (eq,) = doc["equilibria"]
    assert eq["behavior"]["P2"]["guess"] == {"h": "1/2", "t": "1/2"}
    assert eq["payoffs"] == {"P1": "0", "P2": "0"} and eq["regret"] == {"P1": "0", "P2": "0"}
    assert eq["path"] == []
    assert doc["diagnostics"]


def test_refusals():
    with pytest.raises(CostLimitError):
        sequence_form_solve(kuhn_poker(), max_cost=100)
    b = TreeBuilder(["A", "B", "C"])
    three = b.build(b.decision("A", {"x": b.payoff(1, 2, 3), "y": b.payoff(0, 0, 0)}))
    with pytest.raises(UnsupportedGameError):
        sequence_form_solve(three)
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        sequence_form_value(random_tree(1))


# ---------------------------------------------------------------------------- random trees, brute force
@pytest.mark.parametrize("seed", range(12))
def test_random_tree_equilibrium_has_zero_regret_by_brute_force(seed):
    t = random_tree(seed, depth=4 + seed % 2, signals=1 + seed % 3)
    res = sequence_form_solve(t)
    eq = res[0]
    assert dict(eq.regret) == {"P1": 0, "P2": 0}
    assert brute_force_regret(t, eq.behavior) == {"P1": 0, "P2": 0}
    assert eq.behavior.payoffs() == dict(eq.payoffs)
    fl = sequence_form_solve(t, exact=False)[0]
    assert max(brute_force_regret(t.to_float(), fl.behavior).values()) < 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_random_zero_sum_value_matches_equilibrium_payoff(seed):
    t = random_tree(100 + seed, depth=5, zero_sum=True)
    v = sequence_form_value(t)
    assert v.guarantee == v.value == v.bound
    assert sequence_form_solve(t)[0].payoffs["P1"] == v.value
    assert brute_force_regret(t, v.behavior) == {"P1": 0, "P2": 0}


# ---------------------------------------------------------------------------- against pygambit
def _gambit(tree):
    gbt = pytest.importorskip("pygambit")
    return gbt, gbt.read_efg(io.StringIO(efg_text(tree)))


def _gambit_regret(gbt, game, tree, behavior):
    """pygambit's own max regret of our profile (information sets in Gambit's numbering, which we share)."""
    prof = game.mixed_behavior_profile(rational=True)
    for i, player in enumerate(game.players):
        for k, iset in zip(tree.infosets(i), player.infosets):
            for act, p in zip(iset.actions, behavior.distribution(k).values()):
                prof[act] = gbt.Rational(p.numerator, p.denominator)
    return prof.max_regret()


@pytest.mark.parametrize("seed", range(5))
def test_random_tree_against_pygambit(seed):
    t = random_tree(200 + seed, depth=4, signals=2)
    gbt, game = _gambit(t)
    eq = sequence_form_solve(t)[0]
    assert _gambit_regret(gbt, game, t, eq.behavior) == 0


def test_kuhn_poker_against_pygambit():
    t = kuhn_poker()
    gbt, game = _gambit(t)
    eq = sequence_form_solve(t)[0]
    assert _gambit_regret(gbt, game, t, eq.behavior) == 0
    for prof in gbt.nash.lcp_solve(game, rational=True).equilibria:
        assert Fraction(str(prof.payoff("P1"))) == eq.payoffs["P1"] == Fraction(-1, 18)


@pytest.mark.parametrize("seed", range(3))
def test_zero_sum_value_against_pygambit_enummixed(seed):
    t = random_tree(300 + seed, depth=4, zero_sum=True)
    gbt, game = _gambit(t)
    v = sequence_form_value(t)
    for prof in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        assert Fraction(str(prof.payoff("P1"))) == v.value


def test_registered_in_the_tree_method_table():
    from gametheory.solvers.tree_methods import TREE_METHODS, solve_tree

    spec = TREE_METHODS["sequence-form"]
    assert spec.concept == "nash" and spec.handles_players(2) and not spec.handles_players(3)
    res = solve_tree(kuhn_poker(), "sequence-form")
    assert res.method == "sequence-form" and res.concept == "nash" and not res.complete
    assert res[0].payoffs["P1"] == Fraction(-1, 18)
