"""Subgame perfection of automaton profiles: the exact δ-sets derived by hand, and a float brute force.

Notation: the prisoner's dilemma with T > R > P > S (Row's payoffs R at (C, C), S at (C, D), T at
(D, C), P at (D, D); symmetric), normalised values V = (1-δ) Σ δ^t u_t.

Grim trigger (both players).  Some history reaches two joint states, (cooperate, cooperate) and
(punish, punish): both automata see the same profile, so they leave "cooperate" together.
    (cooperate, cooperate):  R >= (1-δ)T + δP          iff δ >= (T-R)/(T-P)
    (punish, punish):        P >= (1-δ)S + δP          always (P > S)
so the set is [(T-R)/(T-P), 1), the grim-trigger threshold of the issue.

Win-stay-lose-shift (Pavlov).  Both automata cooperate next iff the two actions matched, so the
joint states reached are (C, C) and (D, D); V(C, C) = R and V(D, D) = (1-δ)P + δR.
    at (C, C), D leads to (D, D):  R >= (1-δ)T + δ[(1-δ)P + δR]   iff  T + δP <= R + δR
                                                                   iff  δ >= (T-R)/(R-P)
    at (D, D), C leads to (D, D):  V(D, D) >= (1-δ)S + δV(D, D)   iff  V(D, D) >= S: always
so the set is [(T-R)/(R-P), 1) when (T-R)/(R-P) < 1 (i.e. 2R > T + P), else empty.  This is the
condition of Mailath and Samuelson (2006), §2.4.3, and of Nowak and Sigmund (1993).

Tit-for-tat.  Each automaton's state is the opponent's last action; all four joint states are
reached.  V(C, C) = R, V(D, D) = P, and from (D, C) the play alternates (D, C), (C, D), ... so
V_Row(D, C) = (T + δS)/(1+δ) and V_Row(C, D) = (S + δT)/(1+δ).  For Row:
    at (C, C), D leads to (C, D):  R >= (1-δ)T + δ(S + δT)/(1+δ)   iff  δ >= (T-R)/(R-S)
    at (D, C), C leads to (C, C):  (T + δS)/(1+δ) >= R             iff  δ <= (T-R)/(R-S)
    at (C, D), D leads to (D, D):  (S + δT)/(1+δ) >= P             iff  δ >= (P-S)/(T-P)
    at (D, D), C leads to (D, C):  P >= (1-δ)S + δ(T + δS)/(1+δ)   iff  δ <= (P-S)/(T-P)
(Col's are the same by symmetry).  So tit-for-tat is subgame perfect only on the knife edge
δ = (T-R)/(R-S) = (P-S)/(T-P), when these agree and lie in (0, 1), and for no δ otherwise:
Kalai, Samet and Stanford (1988); Mailath and Samuelson (2006), §2.4.3, whose example
(R, S, T, P) = (2, -1, 3, 0) gives δ = 1/3.
"""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from gametheory import Game
from gametheory.errors import CostLimitError, InputError, UnsupportedGameError
from gametheory.io.model import load_model
from gametheory.repeated.automaton import Automaton, Rule, builtin_automaton
from gametheory.repeated.automaton_spe import check_automata
from gametheory.repeated.discount import DeltaInterval, DeltaSet


def pd(T, R, P, S, kind=None):
    return Game.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], players=["Row", "Col"],
                              strategies=[["C", "D"], ["C", "D"]], kind=kind)


def both(name, game, **kw):
    # cooperate = C explicitly: with 2R < T + S the default target (largest payoff sum) would be (C, D)
    if "C" in game.strategies[0]:
        kw.setdefault("cooperate", "C")
    return {p: builtin_automaton(name, game, p, **kw) for p in game.players}


def random_pds(seed, n):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        S, P, R, T = sorted(rng.sample(range(-20, 21), 4))
        out.append((T, R, P, S))
        a = sorted(F(rng.randint(-50, 50), rng.randint(1, 9)) for _ in range(4))
        if len(set(a)) == 4:
            out.append((a[3], a[2], a[1], a[0]))
    return out


def closed_from(x):
    return DeltaSet.at_least(x) if x > 0 else DeltaSet.everything()


# ---------------------------------------------------------------------- the δ-sets derived by hand
@pytest.mark.parametrize(("T", "R", "P", "S"), random_pds(1, 12))
def test_grim_gives_the_grim_trigger_threshold(T, R, P, S):
    g = pd(T, R, P, S)
    res = check_automata(g, both("grim", g))
    assert res.delta_set == DeltaSet.at_least(F(T - R) / (T - P))
    assert len(res.reachable) == 2


@pytest.mark.parametrize(("T", "R", "P", "S"), random_pds(2, 12) + [(5, 3, 1, 0), (3, 2, 0, -1), (4, 3, 1, 0)])
def test_win_stay_lose_shift(T, R, P, S):
    g = pd(T, R, P, S)
    x = F(T - R) / (R - P)
    res = check_automata(g, both("wsls", g))
    assert res.delta_set == (DeltaSet.at_least(x) if x < 1 else DeltaSet(()))
    if x < 1:
        assert res.delta_set.infimum == x and res.delta_set.attained


def _tft_expected(T, R, P, S):
    x, y = F(T - R) / (R - S), F(P - S) / (T - P)
    if x == y and 0 < x < 1:
        return DeltaSet((DeltaInterval(x, x, True, True),))
    return DeltaSet(())


@pytest.mark.parametrize(("T", "R", "P", "S"), random_pds(3, 8) + [(5, 3, 1, 0)])
def test_tit_for_tat_generic_pd_never(T, R, P, S):
    g = pd(T, R, P, S)
    assert check_automata(g, both("tft", g)).delta_set == _tft_expected(T, R, P, S)


def test_tit_for_tat_knife_edge_mailath_samuelson():
    # Mailath and Samuelson (2006) §2.4.3: (R, S, T, P) = (2, -1, 3, 0): only δ = 1/3
    g = pd(3, 2, 0, -1)
    res = check_automata(g, both("tft", g), "1/3")
    assert str(res.delta_set) == "{1/3}" and res.subgame_perfect is True
    assert len(res.reachable) == 4
    off = check_automata(g, both("tft", g), "0.34")
    assert off.subgame_perfect is False and off.violations
    # at δ > 1/3 the profitable deviation is to return to C from (D, C) (it pays: δ > (T-R)/(R-S) makes
    # the alternation worth less than R), and to play C at (D, D); by hand at δ = 34/100 for Row at (D, C):
    # gain = R - (T + δS)/(1+δ) = 2 - (3 - 34/100)/(134/100) = 2 - 266/134 = 1/67
    gains = {(v.state["Row"], v.state["Col"], v.player): v.gain for v in off.violations}
    assert gains[("defect", "cooperate", "Row")] == F(1, 67)


@pytest.mark.parametrize("seed", range(6))
def test_tit_for_tat_knife_edges_from_random_pds(seed):
    rng = random.Random(100 + seed)
    while True:  # choose T > R > S, x = (T-R)/(R-S) < 1, then P with (P-S)/(T-P) = x, and need P < R
        S, R, T = sorted(F(rng.randint(-30, 30), rng.randint(1, 5)) for _ in range(3))
        if len({S, R, T}) < 3:
            continue
        x = (T - R) / (R - S)
        P = (S + x * T) / (1 + x)
        if x < 1 and S < P < R:
            break
    g = pd(T, R, P, S)
    res = check_automata(g, both("tft", g), x)
    assert res.delta_set == DeltaSet((DeltaInterval(x, x, True, True),)) and res.subgame_perfect


def test_always_defect_and_always_cooperate():
    g = pd(5, 3, 1, 0)
    assert check_automata(g, both("alld", g)).delta_set == DeltaSet.everything()
    assert check_automata(g, both("allc", g)).delta_set.is_empty


def test_violations_and_values_at_a_delta():
    g = pd(5, 3, 1, 0)
    res = check_automata(g, both("grim", g), "1/4")
    assert res.subgame_perfect is False and str(res.delta_set) == "[1/2, 1)"
    # at (cooperate, cooperate): (1-δ)T + δP - R = 15/4 + 1/4 - 3 = 1 for each player
    assert {(v.player, v.deviation, v.gain) for v in res.violations} == {("Row", "D", F(1)), ("Col", "D", F(1))}
    assert dict(res.values) == {"Row": 3, "Col": 3}
    assert check_automata(g, both("grim", g), "1/2").subgame_perfect is True  # the closed end
    assert check_automata(g, both("grim", g), 0.5).delta == F(1, 2)


def test_outcome_path_prefix_and_cycle():
    g = pd(5, 3, 1, 0)
    res = check_automata(g, {"Row": builtin_automaton("tft", g, "Row"), "Col": builtin_automaton("alld", g, "Col")},
                         "1/2")
    assert [tuple(a.values()) for a in res.prefix] == [("C", "D")]
    assert [tuple(a.values()) for a in res.cycle] == [("D", "D")]
    # Row: 0 then 1 for ever: (1/2)(0) + (1/2)(1) = 1/2; Col: 5 then 1: 5/2 + 1/2 = 3
    assert dict(res.values) == {"Row": F(1, 2), "Col": F(3)}
    wsls_alld = check_automata(g, {"Row": builtin_automaton("wsls", g, "Row"),
                                   "Col": builtin_automaton("alld", g, "Col")}, "1/2")
    assert [tuple(a.values()) for a in wsls_alld.cycle] == [("C", "D"), ("D", "D")] and not wsls_alld.prefix
    # Row's stream 0, 1, 0, 1, ...: (1-δ)δ/(1-δ²) = δ/(1+δ) = 1/3
    assert wsls_alld.values["Row"] == F(1, 3)


def test_three_player_grim_public_goods():
    # u_i = (2/3)(number of contributors) - [i contributes]: all contribute 1, a lone defector 4/3, none 0
    def u(profile):
        k = profile.count(0)
        return [F(2, 3) * k - (1 if a == 0 else 0) for a in profile]

    g = Game.from_function(["A", "B", "C"], [["C", "D"]] * 3, lambda prof: u([0 if a == "C" else 1
                                                                             for a in prof.values()]))
    auto = {p: builtin_automaton("grim", g, p, cooperate="C") for p in g.players}
    res = check_automata(g, auto)
    assert res.delta_set == DeltaSet.at_least(F(1, 4))  # 1 >= (1-δ)4/3 iff δ >= 1/4


def test_cfe_model_grim_and_the_example_file():
    from pathlib import Path

    from gametheory.repeated.automaton import read_automaton

    root = Path(__file__).resolve().parents[1]
    g = load_model(root / "models" / "cfe_md_unlinked.toml").game_at()
    # Russia: T = 4, R = 3, P = 0 -> 1/4; US: T = 3, R = 1, P = 0 -> 2/3; the profile needs both
    res = check_automata(g, both("grim", g))
    assert res.delta_set == DeltaSet.at_least(F(2, 3))
    thresholds = {c.player: c.holds for c in res.conditions}
    assert thresholds == {"Russia": DeltaSet.at_least(F(1, 4)), "US": DeltaSet.at_least(F(2, 3))}
    us = read_automaton(root / "docs" / "examples" / "automata" / "us_tit_for_two_tats.toml", g)
    # against Russia's grim: Russia cooperates while the US forgives a single suspension, so Russia
    # gains by suspending once at (cooperate, trust): T now, then R again, for every δ
    r = check_automata(g, {"Russia": builtin_automaton("grim", g, "Russia"), "US": us}, "9/10")
    assert r.subgame_perfect is False and any(v.player == "Russia" for v in r.violations)


def test_float_game_matches_the_exact_one():
    g = pd(3, 2, 0, -1)
    res = check_automata(g.to_float(), both("tft", g.to_float()), 1 / 3)
    assert str(res.delta_set) == "{1/3}" and res.subgame_perfect is True and res.exact is False
    r2 = check_automata(pd(5, 3, 1, 0).to_float(), both("grim", pd(5, 3, 1, 0).to_float()), 0.25)
    assert all(isinstance(v.gain, float) and abs(v.gain - 1.0) < 1e-12 for v in r2.violations)


def test_irrational_endpoints():
    # Row plays tit-for-tat, Col grim, PD (5, 4, 1, 0): a one-shot D at (C, C) gives T, then S (Row
    # still cooperates while Col punishes), then P for ever: 4 >= 5(1-δ) + δ(1-δ)·0 + δ²·1 iff
    # δ² - 5δ + 1 <= 0 iff δ >= (5 - √21)/2
    g = pd(5, 4, 1, 0)
    res = check_automata(g, {"Row": builtin_automaton("tft", g, "Row"), "Col": builtin_automaton("grim", g, "Col")})
    row_cc = [c for c in res.conditions if c.player == "Row" and dict(c.state) == {"Row": "cooperate",
                                                                                  "Col": "cooperate"}]
    (cond,) = row_cc
    lo = cond.holds.infimum
    assert sympy.simplify(sympy.sympify(lo) - (5 - sympy.sqrt(21)) / 2) == 0 and cond.holds.attained


def test_input_errors_and_cost():
    g = pd(5, 3, 1, 0)
    with pytest.raises(InputError):
        check_automata(g, both("grim", g), 1)
    with pytest.raises(InputError):
        check_automata(g, both("grim", g), True)
    with pytest.raises(InputError):
        check_automata(g, {"Row": builtin_automaton("grim", g, "Row")})
    with pytest.raises(CostLimitError):
        check_automata(g, both("grim", g), max_cost=5)
    t = sympy.Symbol("t", real=True)
    sym = Game.from_bimatrix([[3, 0], [t, 1]], [[3, t], [0, 1]], players=["Row", "Col"],
                             strategies=[["C", "D"], ["C", "D"]])
    with pytest.raises(UnsupportedGameError):
        check_automata(sym, both("alld", g))


def test_cost_is_checked_as_reachable_states_are_found():
    # each player counts its own defections modulo 150: every pair of counts is reachable, 22,500 joint states
    def counter(game, player):
        states = tuple(f"n{k}" for k in range(150))
        rules = {s: (Rule({player: {"D"}}, states[(k + 1) % 150]),) for k, s in enumerate(states)}
        return Automaton("counter", player, states, "n0", dict.fromkeys(states, "C"), rules)

    g = pd(5, 3, 1, 0)
    with pytest.raises(CostLimitError, match="reachable joint states"):
        check_automata(g, {p: counter(g, p) for p in g.players}, max_cost=10**6)


def test_json_and_text():
    g = pd(3, 2, 0, -1)
    res = check_automata(g, both("tft", g), "1/2")
    data = json.loads(json.dumps(res.to_json(), allow_nan=False))
    assert data["delta_set_text"] == "{1/3}" and data["subgame_perfect"] is False and data["delta"] == "1/2"
    assert data["delta_set"] == [{"lo": "1/3", "hi": "1/3", "lo_closed": True, "hi_closed": True,
                                  "lo_float": 1 / 3, "hi_float": 1 / 3}]
    assert all(isinstance(v["gain"], str) for v in data["violations"])
    text = str(res)
    assert "{1/3}" in text and "not subgame perfect" in text and "Ne(" not in text
    assert "for no δ" in str(check_automata(g, both("allc", g)))


# ---------------------------------------------------------------------- an independent float brute force
def _random_automaton(rng, game, player, n_states):
    states = tuple(f"s{k}" for k in range(n_states))
    own = game.strategies[game.players.index(player)]
    play = {s: rng.choice(own) for s in states}
    rules = {}
    for s in states:
        rs = []
        for _ in range(rng.randint(0, 3)):
            when = {}
            for p, labels in zip(game.players, game.strategies):
                if rng.random() < 0.6:
                    when[p] = frozenset(rng.sample(labels, rng.randint(1, len(labels))))
            rs.append(Rule(when, rng.choice(states)))
        rules[s] = tuple(rs)
    return Automaton(f"random-{player}", player, states, states[0], play, rules)


def _brute_force_verdicts(game, automata, deltas, horizon=900):
    """Subgame perfection at each δ in floats: simulate ``horizon`` rounds from every joint state some
    history reaches, discount the streams, and test every one-shot deviation with a tolerance."""
    players = game.players
    autos = [automata[p] for p in players]

    def profile_of(w):
        return {p: a.play[s] for p, a, s in zip(players, autos, w)}

    def step(w, prof):
        return tuple(a.next_state(s, prof) for a, s in zip(autos, w))

    def u(prof):
        return [float(x) for x in game.payoff(prof).values()]

    start = tuple(a.initial for a in autos)
    reach, todo = {start}, [start]
    while todo:  # every history, explored breadth first over where it leads
        w = todo.pop()
        for labels in itertools.product(*game.strategies):
            nxt = step(w, dict(zip(players, labels)))
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    streams = {}
    for w0 in reach:
        rows, w = [], w0
        for _ in range(horizon):
            prof = profile_of(w)
            rows.append(u(prof))
            w = step(w, prof)
        streams[w0] = np.array(rows)  # horizon x players
    verdicts = []
    for d in deltas:
        weights = (1 - d) * d ** np.arange(horizon)
        V = {w: weights @ streams[w] for w in reach}
        ok = True
        for w in reach:
            prof = profile_of(w)
            for i, p in enumerate(players):
                for dev in game.strategies[i]:
                    if dev == prof[p]:
                        continue
                    b = {**prof, p: dev}
                    value = (1 - d) * u(b)[i] + d * V[step(w, b)][i]
                    if value > V[w][i] + 1e-9:
                        ok = False
        verdicts.append(ok)
    return verdicts


def _punish(game, player, L):
    """Cooperate; after any departure from (C, C) play D until (D, D) has been played L rounds running."""
    states = ("coop",) + tuple(f"p{j}" for j in range(1, L + 1))
    play = {"coop": "C", **{f"p{j}": "D" for j in range(1, L + 1)}}
    rules = {"coop": (Rule({"Row": {"C"}, "Col": {"C"}}, "coop"), Rule({}, "p1"))}
    for j in range(1, L + 1):
        rules[f"p{j}"] = (Rule({"Row": {"D"}, "Col": {"D"}}, "coop" if j == L else f"p{j + 1}"), Rule({}, "p1"))
    return Automaton(f"punish-{L}", player, states, "coop", play, rules)


def test_finite_punishment_thresholds_by_hand():
    # PD (5, 3, 1, 0), punishment of L = 2 rounds: at "coop", 3 >= 5(1-δ) + (1-δ)(δ + δ²) + 3δ³; with
    # 3 - 3δ³ = 3(1-δ)(1 + δ + δ²) this is 3 + 3δ + 3δ² >= 5 + δ + δ², i.e. δ² + δ - 1 >= 0, δ >= (√5 - 1)/2
    g = pd(5, 3, 1, 0)
    res = check_automata(g, {p: _punish(g, p, 2) for p in g.players})
    lo = res.delta_set.infimum
    assert sympy.simplify(sympy.sympify(lo) - (sympy.sqrt(5) - 1) / 2) == 0 and res.delta_set.attained
    assert res.delta_set.intervals[-1].hi == 1
    # L = 1: 3 >= 5(1-δ) + δ(1-δ) + 3δ², i.e. 2(1-δ)² <= 0: never on (0, 1)
    assert check_automata(g, {p: _punish(g, p, 1) for p in g.players}).delta_set.is_empty


def _near_an_endpoint(delta_set, x, eps=2e-3):
    return any(abs(float(e) - x) < eps for iv in delta_set.intervals for e in (iv.lo, iv.hi))


def _profiles_for_brute_force():
    games = [pd(5, 3, 1, 0), pd(3, 2, 0, -1), pd(4, 3, 1, 0), pd(F(7, 2), 3, F(1, 3), -2)]
    names = ["grim", "tft", "wsls", "allc", "alld"]
    out = []
    for k, g in enumerate(games):
        for a, b in itertools.product(names, names):
            if k > 1 and (a, b) not in {("grim", "grim"), ("wsls", "wsls"), ("tft", "wsls"), ("grim", "tft")}:
                continue
            out.append((g, {"Row": builtin_automaton(a, g, "Row"), "Col": builtin_automaton(b, g, "Col")}))
    for g in (pd(5, 3, 1, 0), pd(F(7, 2), 3, F(1, 3), -2)):
        for L1, L2 in [(1, 1), (2, 2), (3, 3), (1, 2), (3, 2)]:
            out.append((g, {"Row": _punish(g, "Row", L1), "Col": _punish(g, "Col", L2)}))
    rng = random.Random(7)
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
                             players=["Row", "Col"], strategies=[["R", "P", "S"], ["R", "P", "S"]])
    for g, n in [(pd(5, 3, 1, 0), 12), (pd(4, 3, 1, 0), 6), (rps, 6)]:
        for _ in range(n):
            out.append((g, {p: _random_automaton(rng, g, p, rng.randint(1, 3)) for p in g.players}))
    return out


@pytest.mark.slow
def test_exact_set_agrees_with_a_float_brute_force():
    grid = [k / 40 for k in range(1, 39)]  # 0.025 ... 0.95
    checked = disagreements = 0
    nonempty = 0
    for g, automata in _profiles_for_brute_force():
        exact = check_automata(g, automata).delta_set
        nonempty += not exact.is_empty and exact != DeltaSet.everything()
        verdicts = _brute_force_verdicts(g, automata, grid)
        for x, brute in zip(grid, verdicts):
            if _near_an_endpoint(exact, x):
                continue
            checked += 1
            if (F(x).limit_denominator(40) in exact) != brute:
                disagreements += 1
                raise AssertionError(f"δ = {x}: exact set {exact}, brute force says {brute}; "
                                     f"{[str(a) for a in automata.values()]}")
    assert checked > 1000 and disagreements == 0
    assert nonempty >= 5  # the comparison is not only of trivial sets
