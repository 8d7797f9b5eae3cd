"""pbe_solve and the refinements: textbook games by hand, and random games against a brute force written here."""

import itertools
import json
import random
from fractions import Fraction

import pytest

from gametheory.bayesian.pbe import pbe_solve
from gametheory.bayesian.refinements import d1_criterion, intuitive_criterion
from gametheory.bayesian.signaling import SignalingGame
from gametheory.errors import CostLimitError, UnsupportedGameError

F = Fraction


def beer_quiche(p):
    # Cho and Kreps (1987): +1 for the favourite breakfast (strong: beer, weak: quiche), +2 when not duelled;
    # the receiver gets 1 for duelling the weak type or leaving the strong one alone.
    pay = {
        ("strong", "beer", "duel"): (1, 0), ("strong", "beer", "not"): (3, 1),
        ("strong", "quiche", "duel"): (0, 0), ("strong", "quiche", "not"): (2, 1),
        ("weak", "beer", "duel"): (0, 1), ("weak", "beer", "not"): (2, 0),
        ("weak", "quiche", "duel"): (1, 1), ("weak", "quiche", "not"): (3, 0),
    }
    return SignalingGame("Sender", "Receiver", ["strong", "weak"], {"strong": p, "weak": 1 - p},
                         ["beer", "quiche"], ["duel", "not"], pay, title="Beer-quiche")


# ---------------------------------------------------------------------------- beer-quiche, prior 9/10
def test_beer_quiche_two_pooling_families():
    res = pbe_solve(beer_quiche(F(9, 10)))
    assert res.complete
    assert [(f.kind, f.pooling_message) for f in res.families] == [("pooling", "beer"), ("pooling", "quiche")]
    beer, quiche = res.families
    # Receiver after message m with belief w = P(weak): duel pays w, not pays 1 - w, so duel iff w >= 1/2.
    # Pooling on beer: the posterior after beer is the prior (w = 1/10 < 1/2), so "not"; payoffs strong 3, weak 2.
    assert beer.receiver["beer"] == {"duel": 0, "not": 1}
    assert beer.beliefs["beer"] == {"strong": F(9, 10), "weak": F(1, 10)}
    assert beer.type_payoffs == {"strong": 3, "weak": 2}
    # Off the path, quiche: if the receiver duels with probability d the weak type gets 1 + 2(1 - d), which must
    # be <= 2, so d >= 1/2 (the strong type gets 2(1 - d) <= 3 anyway).  d > 0 needs w >= 1/2; d < 1 needs w = 1/2.
    assert beer.beliefs["quiche"]["weak"] == (F(1, 2), F(1))
    pieces = {p.actions: p for p in beer.off_path["quiche"]}
    assert set(pieces) == {("duel",), ("duel", "not")}
    assert pieces[("duel",)].belief_range("weak") == (F(1, 2), F(1))
    assert pieces[("duel", "not")].belief_range("weak") == (F(1, 2), F(1, 2))
    assert pieces[("duel", "not")].response_range("duel") == (F(1, 2), F(1))
    # Pooling on quiche: payoffs strong 2, weak 3; after beer the strong type would get 1 + 2(1 - d) <= 2 iff
    # d >= 1/2, so the same threshold: w = P(weak | beer) >= 1/2.
    assert quiche.type_payoffs == {"strong": 2, "weak": 3}
    assert quiche.beliefs["beer"]["weak"] == (F(1, 2), F(1))
    # The intuitive criterion: quiche-pooling needs beliefs on the weak type after beer, but beer is
    # equilibrium-dominated for weak (at most 2 < 3) and not for strong, who gets 3 > 2 when believed strong.
    assert beer.intuitive and not quiche.intuitive
    assert beer.d1 and not quiche.d1
    for f in res.families:
        assert f.certificate == 0 and f.unique and f.members_checked >= 1


def test_beer_quiche_json_contract():
    res = pbe_solve(beer_quiche(F(9, 10)))
    doc = json.loads(json.dumps(res.to_json(), allow_nan=False))
    assert doc["method"] == "pbe" and doc["complete"] is True
    first = doc["equilibria"][0]
    assert first["kind"] == "pooling" and first["intuitive"] is True and first["d1"] is True
    assert first["behavior"]["Sender"]["weak"] == {"beer": "1", "quiche": "0"}
    assert first["behavior"]["Receiver"]["beer"] == {"duel": "0", "not": "1"}
    assert first["beliefs"]["beer"] == {"strong": "9/10", "weak": "1/10"}
    assert first["beliefs"]["quiche"]["weak"] == ["1/2", "1"]
    assert doc["equilibria"][1]["intuitive"] is False
    text = str(res)
    assert "2 perfect Bayesian equilibrium families" in text and "pooling on 'quiche'" in text


def test_beer_quiche_low_prior_has_one_hybrid_family():
    # Prior 1/3 on strong (by hand): no pooling (the posterior 1/3 < 1/2 makes the receiver duel), no
    # separating; strong always drinks beer and weak mixes so that P(strong | beer) = 1/2:
    # (1/3) / (1/3 + (2/3) b) = 1/2 gives b = 1/2; weak indifferent: 2(1 - d) = 1 after quiche's sure duel,
    # so the receiver duels after beer with probability d = 1/2.
    res = pbe_solve(beer_quiche(F(1, 3)))
    assert len(res.families) == 1
    (f,) = res.families
    assert f.kind == "hybrid" and f.unique and not f.off_path
    assert f.sender == {"strong": {"beer": 1, "quiche": 0}, "weak": {"beer": F(1, 2), "quiche": F(1, 2)}}
    assert f.receiver == {"beer": {"duel": F(1, 2), "not": F(1, 2)}, "quiche": {"duel": 1, "not": 0}}
    assert f.beliefs["beer"] == {"strong": F(1, 2), "weak": F(1, 2)}
    assert f.type_payoffs == {"strong": 2, "weak": 1}
    assert f.intuitive  # every message is sent


# ---------------------------------------------------------------------------- a separating example by hand
def job_market():
    # Types high (prior 1/3) and low; messages educate / none; the employer pays a high wage (2) or a low
    # one (0) and gets 1 for matching the wage to the type.  Education costs the high type 1, the low type 3.
    cost = {"high": 1, "low": 3}
    pay = {}
    for t in ("high", "low"):
        for m in ("educate", "none"):
            for a in ("high wage", "low wage"):
                us = (2 if a == "high wage" else 0) - (cost[t] if m == "educate" else 0)
                ur = 1 if (a == "high wage") == (t == "high") else 0
                pay[(t, m, a)] = (us, ur)
    return SignalingGame("Worker", "Employer", ["high", "low"], {"high": F(1, 3), "low": F(2, 3)},
                         ["educate", "none"], ["high wage", "low wage"], pay, title="Job market")


def test_separating_example_by_hand():
    # Separating (high educates, low does not): wages high after education, low without; high gets 2 - 1 = 1 >= 0,
    # low gets 0 >= 2 - 3.  The reverse separation fails (low would get -3 < 2).  Pooling on "none": the
    # posterior 1/3 < 1/2 gives the low wage, payoffs 0; after education the high type gets 2r - 1 <= 0 iff
    # r <= 1/2, which needs P(high | educate) <= 1/2 (= 1/2 when r > 0).  Pooling on "educate" fails (high gets
    # -1 < 0), and no type can mix (both indifferences cannot hold: 2r_e - 1 = 2r_n and 2r_e - 3 = 2r_n).
    res = pbe_solve(job_market())
    kinds = [f.kind for f in res.families]
    assert kinds == ["pooling", "separating"]
    pool, sep = res.families
    assert sep.sender == {"high": {"educate": 1, "none": 0}, "low": {"educate": 0, "none": 1}}
    assert sep.receiver == {"educate": {"high wage": 1, "low wage": 0}, "none": {"high wage": 0, "low wage": 1}}
    assert sep.beliefs == {"educate": {"high": 1, "low": 0}, "none": {"high": 0, "low": 1}}
    assert sep.type_payoffs == {"high": 1, "low": 0}
    assert sep.intuitive and sep.d1
    assert pool.pooling_message == "none"
    assert pool.beliefs["educate"]["high"] == (F(0), F(1, 2))
    pieces = {p.actions: p for p in pool.off_path["educate"]}
    assert pieces[("high wage", "low wage")].response_range("high wage") == (F(0), F(1, 2))
    # Intuitive criterion: education is equilibrium-dominated for low (at most -1 < 0), not for high, who
    # gets 1 > 0 when believed high: pooling fails.
    ok, why = intuitive_criterion(job_market(), pool)
    assert not ok and "low" in why
    assert d1_criterion(job_market(), pool)[0] is False


# ---------------------------------------------------------------------------- brute force over pure strategies
def _solve_square(rows, rhs):
    """Exact Gaussian elimination; None when singular."""
    n = len(rows)
    a = [list(map(F, r)) + [F(b)] for r, b in zip(rows, rhs)]
    for c in range(n):
        p = next((r for r in range(c, n) if a[r][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] for i in range(n)]


def _candidate_beliefs(game, m):
    """Vertices of the arrangement {mu_t = 0} and {receiver indifferent between two actions} in the simplex."""
    T, A = game.types, game.actions(m)
    n = len(T)
    planes = [[F(int(i == j)) for j in range(n)] for i in range(n)]
    for b, c in itertools.combinations(A, 2):
        planes.append([F(game.payoff(t, m, b)[1]) - F(game.payoff(t, m, c)[1]) for t in T])
    out = []
    for chosen in itertools.combinations(planes, n - 1):
        mu = _solve_square(list(chosen) + [[F(1)] * n], [0] * (n - 1) + [1])
        if mu is not None and all(x >= 0 for x in mu):
            out.append(dict(zip(T, mu)))
    return out


def _is_best_reply(game, m, mu, a):
    val = {b: sum(mu[t] * F(game.payoff(t, m, b)[1]) for t in game.types) for b in game.actions(m)}
    return val[a] == max(val.values())


def brute_force_pure_pbe(game):
    """Every pure (sender, receiver) pair that is a PBE with some beliefs."""
    T, M = game.types, game.messages
    found = set()
    for s in itertools.product(M, repeat=len(T)):
        send = dict(zip(T, s))
        for r in itertools.product(*(game.actions(m) for m in M)):
            resp = dict(zip(M, r))
            ok = all(F(game.payoff(t, send[t], resp[send[t]])[0]) >= F(game.payoff(t, m, resp[m])[0])
                     for t in T for m in M)
            for m in M:
                if not ok:
                    break
                senders = [t for t in T if send[t] == m]
                if senders:
                    total = sum(F(game.prior[t]) for t in senders)
                    mu = {t: (F(game.prior[t]) / total if t in senders else F(0)) for t in T}
                    ok = _is_best_reply(game, m, mu, resp[m])
                else:
                    ok = any(_is_best_reply(game, m, mu, resp[m]) for mu in _candidate_beliefs(game, m))
            if ok:
                found.add((s, r))
    return found


def random_game(rng, n_types, n_messages, n_actions, top=2):
    T = [f"t{i}" for i in range(n_types)]
    M = [f"m{i}" for i in range(n_messages)]
    A = [f"a{i}" for i in range(n_actions)]
    weights = [rng.randint(1, 4) for _ in T]
    prior = {t: F(w, sum(weights)) for t, w in zip(T, weights)}
    pay = {(t, m, a): (rng.randint(0, top), rng.randint(0, top)) for t in T for m in M for a in A}
    return SignalingGame("S", "R", T, prior, M, A, pay)


def _independent_gain(game, sender, receiver, beliefs):
    """Largest gain of a deviation, and Bayes' rule on the path, computed here without the package's checker."""
    T, M = game.types, game.messages
    gain = F(0)
    for m in M:
        mass = sum(F(game.prior[t]) * sender[t][m] for t in T)
        if mass:
            assert all(beliefs[m][t] == F(game.prior[t]) * sender[t][m] / mass for t in T)
        vals = {a: sum(beliefs[m][t] * F(game.payoff(t, m, a)[1]) for t in T) for a in game.actions(m)}
        gain = max(gain, max(vals.values()) - sum(receiver[m][a] * v for a, v in vals.items()))
    for t in T:
        vals = {m: sum(receiver[m][a] * F(game.payoff(t, m, a)[0]) for a in game.actions(m)) for m in M}
        gain = max(gain, max(vals.values()) - sum(sender[t][m] * v for m, v in vals.items()))
    return gain


@pytest.mark.parametrize("shape, count, seed", [((2, 2, 2), 40, 1), ((2, 2, 3), 15, 2), ((2, 3, 2), 10, 3),
                                                ((3, 2, 2), 8, 4)])
def test_random_games_against_brute_force(shape, count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        g = random_game(rng, *shape)
        res = pbe_solve(g)
        expected = brute_force_pure_pbe(g)
        got = set()
        for s in itertools.product(g.messages, repeat=len(g.types)):
            for r in itertools.product(*(g.actions(m) for m in g.messages)):
                sender = {t: {m: int(m == mt) for m in g.messages} for t, mt in zip(g.types, s)}
                receiver = {m: {a: int(a == am) for a in g.actions(m)} for m, am in zip(g.messages, r)}
                hits = sum(f.contains(sender, receiver, g) for f in res.families)
                assert hits <= 1  # families are disjoint
                if hits:
                    got.add((s, r))
        assert got == expected, (g.payoffs, g.prior)
        for f in res.families:
            assert _independent_gain(g, f.sender, f.receiver, f.representative_beliefs) == 0
            supports = {t: [m for m, p in d.items() if p] for t, d in f.sender.items()}
            pure = all(len(v) == 1 for v in supports.values())
            distinct = len({v[0] for v in supports.values()}) if pure else 0
            kind = ("pooling" if pure and distinct == 1 else
                    "separating" if pure and distinct == len(g.types) else "hybrid")
            assert f.kind == kind


def test_cost_limit_and_parameters():
    with pytest.raises(CostLimitError):
        pbe_solve(beer_quiche(F(9, 10)), max_cost=10)
    import sympy

    x = sympy.Symbol("x")
    g = beer_quiche(F(9, 10))
    pay = dict(g.payoffs)
    pay[("weak", "beer", "not")] = (x, 0)
    sym = SignalingGame("Sender", "Receiver", g.types, g.prior, g.messages, ["duel", "not"], pay)
    with pytest.raises(UnsupportedGameError, match="substitute"):
        pbe_solve(sym)
    assert pbe_solve(sym.substitute({"x": 2})).families[0].type_payoffs == {"strong": 3, "weak": 2}


GRID = (F(0), F(1, 4), F(1, 3), F(1, 2), F(2, 3), F(3, 4), F(1))


def _grid_pbe(game):
    """Every PBE of a game with two messages and two actions whose probabilities lie on GRID."""
    T, M = game.types, game.messages
    found = []
    for xs in itertools.product(GRID, repeat=len(T)):
        sender = {t: {M[0]: x, M[1]: 1 - x} for t, x in zip(T, xs)}
        for ys in itertools.product(GRID, repeat=len(M)):
            receiver = {m: {game.actions(m)[0]: y, game.actions(m)[1]: 1 - y} for m, y in zip(M, ys)}
            beliefs = {}
            for m in M:
                mass = sum(F(game.prior[t]) * sender[t][m] for t in T)
                if mass:
                    beliefs[m] = {t: F(game.prior[t]) * sender[t][m] / mass for t in T}
                else:  # off the path: a belief making every action played a best reply, if there is one
                    played = [a for a, p in receiver[m].items() if p]
                    beliefs[m] = next((mu for mu in _candidate_beliefs(game, m)
                                       if all(_is_best_reply(game, m, mu, a) for a in played)), None)
            if any(b is None for b in beliefs.values()):
                continue
            if _independent_gain(game, sender, receiver, beliefs) == 0:
                found.append((sender, receiver))
    return found


def test_mixed_equilibria_on_a_grid_belong_to_a_family():
    rng = random.Random(7)
    games = [beer_quiche(F(1, 3)), beer_quiche(F(9, 10))] + [random_game(rng, 2, 2, 2) for _ in range(10)]
    for g in games:
        res = pbe_solve(g)
        for sender, receiver in _grid_pbe(g):
            assert sum(f.contains(sender, receiver, g) for f in res.families) == 1, (g.payoffs, sender, receiver)


def test_d1_is_stronger_than_the_intuitive_criterion():
    # Two types, prior 1/2 each; wages a0, a1, a2 pay 0, 1, 2; education costs the low type 1/2, the high 1/4.
    # The employer loses (wage index - productivity)^2 with productivity 0 (low) and 2 (high): with q = P(high)
    # a0 pays -4q, a1 -1, a2 -4(1 - q), so a0 for q <= 1/4, a1 for q in [1/4, 3/4], a2 for q >= 3/4.
    # Pooling on "none": q = 1/2 gives a1, both types get 1.  After "educate" the high type gains unless the
    # expected wage is <= 5/4 (the low type: <= 3/2): beliefs q <= 3/4 (at 3/4 the receiver mixes a1 and a2 with
    # P(a2) <= 1/4).  No type is equilibrium-dominated (2 - cost > 1), so the intuitive criterion has no bite;
    # D1 deletes the low type (it gains only when the expected wage is >= 3/2, and then the high type gains
    # strictly), forcing q = 1, and a2 then pays the high type 7/4 > 1: pooling fails D1.
    cost = {"low": F(1, 2), "high": F(1, 4)}
    theta = {"low": 0, "high": 2}
    pay = {(t, m, f"a{w}"): (w - (cost[t] if m == "educate" else 0), -(w - theta[t]) ** 2)
           for t in cost for m in ("none", "educate") for w in range(3)}
    g = SignalingGame("Worker", "Employer", ["low", "high"], {"low": F(1, 2), "high": F(1, 2)},
                      ["none", "educate"], ["a0", "a1", "a2"], pay)
    res = pbe_solve(g)
    pool = [f for f in res.families if f.pooling_message == "none"]
    assert len(pool) == 1
    (f,) = pool
    assert f.receiver["none"] == {"a0": 0, "a1": 1, "a2": 0} and f.type_payoffs == {"low": 1, "high": 1}
    assert f.beliefs["educate"]["high"] == (F(0), F(3, 4))
    mixed = {p.actions: p for p in f.off_path["educate"]}[("a1", "a2")]
    assert mixed.belief_range("high") == (F(3, 4), F(3, 4)) and mixed.response_range("a2") == (F(0), F(1, 4))
    assert f.intuitive is True
    ok, why = d1_criterion(g, f)
    assert ok is False and "deletes low" in why
