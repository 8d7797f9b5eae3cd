"""Sequential equilibrium: assessments checked exactly, pure sequential equilibria found, the assess command.

Every expected value is worked out by hand in the comments (Selten 1975; Kreps and Wilson 1982;
Fudenberg and Tirole 1991, section 8.3), or comes from the independent backward-induction solver.
"""

import json
import random
from fractions import Fraction as F

import pytest

from gametheory.cli import main
from gametheory.errors import CostLimitError, InputError
from gametheory.tree import tree_from_dict, write_efg
from gametheory.tree.behavior import BehaviorProfile
from gametheory.tree.sequential import check_assessment, sequential_equilibria
from gametheory.tree.spe import solve_spe


# ---------------------------------------------------------------------- trees
def horse():
    """Selten's horse (Selten 1975; Fudenberg and Tirole 1991, figure of section 8.3): payoffs (1, 2, 3)."""
    return tree_from_dict(["1", "2", "3"], {"player": "1", "actions": {
        "D": {"player": "3", "infoset": "3", "label": "after D", "actions": {"L": [3, 3, 2], "R": [0, 0, 0]}},
        "C": {"player": "2", "actions": {"c": [1, 1, 1], "d": {"player": "3", "infoset": "3", "label": "after Cd",
                                                               "actions": {"L": [4, 4, 0], "R": [0, 0, 1]}}}}}},
        title="Selten's horse")


def prior_tree():
    """Chance draws t1 or t2 (1/2 each); player 1, not knowing which, stays Out (1, 0) or goes In; player 2, not
    knowing either, then plays a or b: t1: a (2, 1), b (0, 0); t2: a (2, 0), b (0, 1).

    Player 1's deviation to In cannot depend on the type she does not know, so consistency forces player 2 to
    keep the prior 1/2 off the path (Kreps and Wilson 1982; Fudenberg and Tirole 1991, section 8.3): any
    other belief is allowed by weak perfect Bayesian equilibrium but is not consistent.
    """
    def after(a, b):
        return {"player": "1", "infoset": "I1", "actions": {
            "Out": [1, 0], "In": {"player": "2", "infoset": "I2", "actions": {"a": a, "b": b}}}}

    return tree_from_dict(["1", "2"], {"chance": {"t1": (F(1, 2), after([2, 1], [0, 0])),
                                                  "t2": (F(1, 2), after([2, 0], [0, 1]))}})


def common_beliefs_tree():
    """Player 1 ends the game with A or moves L or R; player 2 (not seeing which) plays l or r; player 3 sees
    2's move but not 1's.  Player 2's move cannot reveal 1's, so consistency makes 3's beliefs at both of
    her sets equal 2's belief (the 'common beliefs' consequence of consistency, Kreps and Wilson 1982)."""
    def below(first):
        return {"player": "2", "infoset": "J", "actions": {
            m: {"player": "3", "infoset": "K" + m, "actions": {"u": [0, 0, 0], "d": [0, 0, int(first == "L")]}}
            for m in "lr"}}

    return tree_from_dict(["1", "2", "3"], {"player": "1", "actions": {"A": [5, 5, 5], "L": below("L"),
                                                                       "R": below("R")}})


# ---------------------------------------------------------------------- Selten's horse
SEQ = {"1": {"1": "C"}, "2": {"C": "c"}, "3": {"3": "R"}}


@pytest.mark.parametrize("belief_d, rational", [("0", True), ("1/4", True), ("1/3", True), ("1/2", False),
                                                ("1", False)])
def test_horse_player_3_plays_R_when_D_is_at_most_one_third_likely(belief_d, rational):
    # player 3: L is worth 2 mu(D) + 0, R is worth 0 + 1 (1 - mu(D)): R is optimal iff mu(D) <= 1/3,
    # and the gain of L is 3 mu(D) - 1 otherwise.  Both off-path nodes hang below one zero action each
    # (D of player 1, d of player 2), so every belief is consistent.
    mu = F(belief_d)
    res = check_assessment(horse(), SEQ, {"3": {"after D": mu, "after Cd": 1 - mu}})
    assert res.consistent
    assert res.sequentially_rational is rational
    assert res.gains["3"]["3"] == max(3 * mu - 1, 0)
    assert res.gains["1"]["1"] == 0 and res.gains["2"]["C"] == 0
    assert res.is_sequential_equilibrium is rational


def test_horse_nash_equilibrium_D_c_L_is_not_sequential():
    # (D, c, L) is a Nash equilibrium (player 2's set is off the path), but at her set player 2 gets 1 from c
    # and 4 from d (player 3 then plays L): the gain is 3.  Player 3's set is reached (after D): Bayes says 1.
    res = check_assessment(horse(), {"1": {"1": "D"}, "2": {"C": "c"}, "3": {"3": "L"}})
    assert res.consistent and not res.sequentially_rational
    assert res.gains["2"]["C"] == 3 and res.best_actions["2"]["C"] == "d"
    assert dict(res.beliefs["3"]["3"]) == {"after D": 1, "after Cd": 0}


def test_horse_beliefs_on_the_path_must_be_bayes():
    # with player 2 playing d, only 'after Cd' is reached: believing 'after D' is not consistent
    res = check_assessment(horse(), {"1": {"1": "C"}, "2": {"C": "d"}, "3": {"3": "L"}},
                           {"3": {"after D": 1}})
    assert not res.consistent
    assert "Bayes" in res.reasons[-1]


def test_horse_sequential_equilibria_one_family_belief_interval():
    # by hand: player 1 plays C in every sequential equilibrium in pure strategies; (C, c, R) with
    # mu(D) in [0, 1/3]; (C, c, L) fails (then 2 plays d for 4); (C, d, .) makes 3's set reached at Cd, where
    # she plays R (1 > 0), and then 2 prefers c (1 > 0); (D, ., .) needs 3 to play L at D, then 2 plays d and
    # 1 prefers C (4 > 3).
    res = sequential_equilibria(horse())
    assert res.pure_complete and not res.complete
    assert len(res) == 1
    fam = res[0]
    assert [a for _, a in fam.behavior.path()] == ["C", "c"]
    assert fam.behavior.distribution(fam.behavior.tree.find_infoset("3", "3")) == {"L": 0, "R": 1}
    assert fam.beliefs["3"]["3"] == {"after D": (0, F(1, 3)), "after Cd": (F(2, 3), 1)}
    assert fam.belief_sets["3"]["3"] == "after D in [0, 1/3]"
    assert fam.representative.is_sequential_equilibrium
    doc = res.to_json()
    assert doc["families"][0]["beliefs"]["3"]["3"] == {"after D": ["0", "1/3"], "after Cd": ["2/3", "1"]}
    json.dumps(doc, allow_nan=False)


def test_float_tree_within_tolerance():
    res = check_assessment(horse().to_float(), SEQ, {"3": {"after D": 0.25, "after Cd": 0.75}})
    assert res.is_sequential_equilibrium and not res.exact
    assert isinstance(res.gains["3"]["3"], float)


# ---------------------------------------------------------------------- consistency that bites
def test_prior_off_path_rational_but_inconsistent():
    # (Out, b) with mu(t1) = 1/5: b is worth 4/5 > a's 1/5, and Out (1) beats In (0 against b): sequentially
    # rational.  But both nodes of I2 follow the same zero action In after chance's 1/2 each, so every
    # perturbation gives Bayes belief exactly 1/2: not consistent.
    t = prior_tree()
    play = {"1": {"I1": "Out"}, "2": {"I2": "b"}}
    bad = check_assessment(t, play, {"I2": {"t1": "1/5", "t2": "4/5"}})
    assert bad.sequentially_rational and not bad.consistent
    assert not bad.is_sequential_equilibrium
    assert "weight equations" in bad.reasons[0]
    good = check_assessment(t, play, {"I2": {"t1": "1/2", "t2": "1/2"}})
    assert good.is_sequential_equilibrium
    assert dict(good.labelling["1"]["I1"]) == {"In": 1}
    # believing t2 only: K(t1 node) = K(t2 node) = K(In), so t1 cannot be the less likely: no labelling
    only = check_assessment(t, play, {"I2": {"t2": 1}})
    assert not only.consistent and "labelling" in only.reasons[0]


def test_prior_tree_sequential_equilibria_by_hand():
    # (In, a): 1 gets 2 > 1; 2 on the path believes 1/2 and is indifferent.  (Out, b) with mu = 1/2 (b optimal
    # iff mu <= 1/2, consistency forces 1/2).  (Out, a): 1 would go In for 2.  (In, b): 1 gets 0 < 1.
    res = sequential_equilibria(prior_tree())
    assert res.pure_complete
    got = {tuple(fam.behavior.distribution(k)[a] for k in (1, 2) for a in fam.behavior.tree.infoset_actions(k))
           for fam in res}
    assert got == {(1, 0, 0, 1), (0, 1, 1, 0)}
    out_b = next(f for f in res if f.behavior.distribution(1)["Out"] == 1)
    assert out_b.beliefs["2"]["I2"] == {"t1": F(1, 2), "t2": F(1, 2)}
    assert out_b.payoffs == {"1": 1, "2": 0}


@pytest.mark.parametrize("kl, kr, consistent", [("1/3", "1/3", True), ("1/3", "1/2", False),
                                                ("1/2", "1/3", False), ("1/3", "2/3", False)])
def test_common_beliefs_across_players(kl, kr, consistent):
    # 1 plays A, 2 plays l.  With perturbations e_L, e_R of 1 and e_r of 2, the Bayes beliefs are
    # e_L / (e_L + e_R) at J, at K_l and at K_r alike: all three must be equal.
    t = common_beliefs_tree()
    play = {"1": {"1": "A"}, "2": {"J": "l"}, "3": {"Kl": "u", "Kr": "u"}}
    beliefs = {"J": {"L": "1/3", "R": "2/3"}, "Kl": {"L": kl, "R": 1 - F(kl)}, "Kr": {"L": kr, "R": 1 - F(kr)}}
    assert check_assessment(t, play, beliefs).consistent is consistent


def test_common_beliefs_supports_must_agree():
    # J believes L only (R vanishes faster than L) while K_l believes R only (L faster): no ranking does both
    t = common_beliefs_tree()
    play = {"1": {"1": "A"}, "2": {"J": "l"}, "3": {"Kl": "u", "Kr": "u"}}
    res = check_assessment(t, play, {"J": {"L": 1}, "Kl": {"R": 1}, "Kr": {"L": 1}})
    assert not res.consistent and "labelling" in res.reasons[-1]
    ok = check_assessment(t, play, {"J": {"L": 1}, "Kl": {"L": 1}, "Kr": {"L": 1}})
    assert ok.consistent
    orders = ok.labelling["1"]["1"]
    assert orders["R"] > orders["L"] >= 1


def test_beliefs_keyed_by_player_and_by_node_number():
    t = horse()
    a = check_assessment(t, SEQ, {"3": {"3": {"1": "1/4", "6": "3/4"}}})  # {player: {set: {node number: p}}}
    b = check_assessment(t, SEQ, {"3": {"D": "1/4", "d": "3/4"}})         # actions that tell the nodes apart
    assert a.beliefs == b.beliefs and a.is_sequential_equilibrium


# ---------------------------------------------------------------------- perfect information: SPE = sequential
def random_tree(rng, size, chance):
    count = [0]

    def node(depth):
        if depth > 3 or count[0] >= size or (depth and rng.random() < 0.3):
            return [rng.randint(0, 2), rng.randint(0, 2)]  # few payoff values: many ties
        count[0] += 1
        width = rng.randint(2, 3)
        if chance and rng.random() < 0.2:
            return {"chance": {f"c{j}": (F(1, width), node(depth + 1)) for j in range(width)}}
        return {"player": rng.choice("AB"), "actions": {f"a{j}": node(depth + 1) for j in range(width)}}

    return tree_from_dict(["A", "B"], node(0))


@pytest.mark.parametrize("seed", range(20))
def test_perfect_information_sequential_equals_subgame_perfect(seed):
    # with every set a single node the beliefs are trivial, consistency holds, and sequential rationality is
    # the one-deviation property: the pure sequential equilibria are the pure SPE of backward induction
    rng = random.Random(seed)
    t = random_tree(rng, 6, chance=seed % 3 == 0)
    spe = solve_spe(t)
    for eq in spe:
        res = check_assessment(t, eq.behavior)
        assert res.is_sequential_equilibrium and res.max_gain == 0
    found = sequential_equilibria(t)
    assert found.pure_complete
    keys = {tuple(fam.behavior.pure_actions.tolist()) for fam in found}
    assert keys == {tuple(eq.behavior.pure_actions.tolist()) for eq in spe}


def test_entry_deterrence_threat_is_not_sequentially_rational():
    t = tree_from_dict(["Entrant", "Incumbent"], {"player": "Entrant", "actions": {
        "Out": [0, 2], "In": {"player": "Incumbent", "actions": {"Fight": [-1, -1], "Accommodate": [1, 1]}}}})
    res = check_assessment(t, {"Entrant": {"1": "Out"}, "Incumbent": {"In": "Fight"}})
    assert res.consistent and not res.sequentially_rational
    assert res.gains["Incumbent"]["In"] == 2  # accommodating gives 1 instead of -1


def test_out_of_scope_profiles_are_counted():
    # player 1 ends with A or lets chance pick x/y after B or after C; player 2 sees B or C, not x/y: under A
    # she has two off-path sets of two nodes, beyond the search's scope
    def after(v):
        return {"chance": {"x": (F(1, 2), {"player": "2", "infoset": "P" + v, "actions": {"p": [0, 1], "q": [1, 0]}}),
                           "y": (F(1, 2), {"player": "2", "infoset": "P" + v, "actions": {"p": [0, 0], "q": [1, 1]}})}}

    t = tree_from_dict(["1", "2"], {"player": "1", "actions": {"A": [2, 0], "B": after("B"), "C": after("C")}})
    res = sequential_equilibria(t)
    assert not res.pure_complete and any("not examined" in d for d in res.diagnostics)
    for fam in res:
        assert fam.representative.is_sequential_equilibrium


def test_cost_is_checked_before_the_search():
    with pytest.raises(CostLimitError):
        sequential_equilibria(horse(), max_cost=10)


@pytest.mark.parametrize("beliefs, message", [
    ({"3": {"after D": "1/2", "after Cd": "1/3"}}, "sum to 5/6"),
    ({"3": {"after D": "-1", "after Cd": "2"}}, "negative"),
    ({"3": {"nowhere": 1}}, "no node 'nowhere'"),
    ({"9": {"after D": 1}}, "no information set '9'"),
    (None, "no beliefs at"),
])
def test_bad_beliefs_raise_input_errors(beliefs, message):
    with pytest.raises(InputError, match=message):
        check_assessment(horse(), SEQ, beliefs)


# ---------------------------------------------------------------------- the command
@pytest.fixture
def files(tmp_path):
    write_efg(horse(), tmp_path / "horse.efg")
    (tmp_path / "seq.json").write_text(json.dumps(SEQ))
    (tmp_path / "mu.toml").write_text('[3]\n"after D" = 0.25\n"after Cd" = 0.75\n')
    (tmp_path / "both.json").write_text(json.dumps({"behavior": SEQ, "beliefs": {"3": {"D": "1/2", "d": "1/2"}}}))
    return tmp_path


def test_cli_checks_an_assessment(files, capsys):
    assert main(["assess", str(files / "horse.efg"), "--behavior", str(files / "seq.json"),
                 "--beliefs", str(files / "mu.toml")]) == 0
    out = capsys.readouterr().out
    assert "a sequential equilibrium" in out and "after D 1/4" in out
    assert main(["assess", str(files / "horse.efg"), "--behavior", str(files / "both.json"), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["sequentially_rational"] is False and doc["consistent"] is True
    assert doc["gains"]["3"]["3"] == "1/2"  # 3 * 1/2 - 1


def test_cli_lists_the_sequential_equilibria(files, capsys):
    assert main(["assess", str(files / "horse.efg")]) == 0
    assert "after D in [0, 1/3]" in capsys.readouterr().out
    assert main(["assess", str(files / "horse.efg"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["families"]) == 1 and doc["pure_complete"] is True


@pytest.mark.parametrize("argv, text", [
    (["--behavior", "seq.json", "--beliefs", "bad_sum.json"], "sum to"),
    (["--behavior", "seq.json", "--beliefs", "bad_node.json"], "no node"),
    (["--behavior", "broken.json"], "not valid JSON"),
    (["--behavior", "nan.json"], "NaN"),
    (["--behavior", "seq.txt"], "must end in .json or .toml"),
    (["--behavior", "missing.json"], "cannot read"),
    (["--behavior", "bad_action.json"], "no action"),
    (["--beliefs", "mu.toml"], "--beliefs needs --behavior"),
    (["--behavior", "seq.json"], "no beliefs at"),
    (["--max-cost", "1"], "max_cost"),
])
def test_cli_bad_inputs_exit_2_with_one_error_line(files, capsys, monkeypatch, argv, text):
    monkeypatch.chdir(files)
    (files / "bad_sum.json").write_text('{"3": {"after D": 0.5, "after Cd": 0.6}}')
    (files / "bad_node.json").write_text('{"3": {"after X": 1}}')
    (files / "broken.json").write_text('{"1": ')
    (files / "nan.json").write_text('{"1": {"1": {"C": NaN, "D": 0}}}')
    (files / "seq.txt").write_text("x")
    (files / "bad_action.json").write_text('{"1": {"1": "Q"}, "2": {"C": "c"}, "3": {"3": "R"}}')
    assert main(["assess", "horse.efg", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and text in err


def test_cli_refuses_a_normal_form_game(tmp_path, capsys):
    (tmp_path / "g.nfg").write_text('NFG 1 R "g" { "A" "B" } { 2 1 }\n1 1 0 0\n')
    assert main(["assess", str(tmp_path / "g.nfg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a game tree" in err


def test_behavior_profile_object_is_accepted():
    t = horse()
    prof = BehaviorProfile(t, SEQ)
    assert check_assessment(t, prof, {"3": {"D": 0, "d": 1}}).is_sequential_equilibrium


# ---------------------------------------------------------------------- signaling shape: random cases
def signaling_tree(rng, types, messages):
    prior = [F(rng.randint(1, 4)) for _ in types]
    prior = [p / sum(prior) for p in prior]

    def receiver(m):
        return {"player": "R", "infoset": m, "actions": {a: [rng.randint(0, 3), rng.randint(0, 3)] for a in "xy"}}

    root = {"chance": {t: (p, {"player": "S", "infoset": t, "actions": {m: receiver(m) for m in messages}})
                       for t, p in zip(types, prior)}}
    return tree_from_dict(["S", "R"], root), dict(zip(types, prior))


@pytest.mark.parametrize("seed", range(15))
def test_signaling_every_off_path_belief_is_consistent(seed):
    # In a signaling game each type's messages are its own actions, so any belief after an unsent message is
    # the limit of Bayes' rule (Fudenberg and Tirole 1991, section 8.2): consistency never fails off the path,
    # and on the path it is Bayes' rule.
    rng = random.Random(seed)
    types, messages = ["t1", "t2", "t3"][:rng.randint(2, 3)], ["m1", "m2", "m3"][:rng.randint(2, 3)]
    t, prior = signaling_tree(rng, types, messages)
    sent = {ty: rng.choice(messages) for ty in types}
    play = {"S": dict(sent), "R": {m: rng.choice("xy") for m in messages}}
    beliefs = {}
    for m in messages:
        senders = [ty for ty in types if sent[ty] == m]
        if senders:
            total = sum(prior[ty] for ty in senders)
            beliefs[m] = {ty: prior[ty] / total if ty in senders else 0 for ty in types}
        else:
            w = [F(rng.randint(0, 3)) for _ in types]
            w[rng.randrange(len(w))] += 1
            beliefs[m] = {ty: x / sum(w) for ty, x in zip(types, w)}
    assert check_assessment(t, play, beliefs).consistent
    # moving weight between two types that send the same message on the path breaks Bayes' rule
    for m in messages:
        senders = [ty for ty in types if sent[ty] == m]
        if len(senders) >= 2:
            wrong = dict(beliefs[m])
            wrong[senders[0]], wrong[senders[1]] = wrong[senders[0]] + wrong[senders[1]], 0
            res = check_assessment(t, play, {**beliefs, m: wrong})
            assert not res.consistent and "Bayes" in " ".join(res.reasons)


@pytest.mark.parametrize("seed", range(15))
def test_limits_of_explicit_perturbations_are_consistent(seed):
    # An independent construction: pick an order K(a) in 1..3 and a weight xi(a) for every action the profile
    # does not play, perturb to beta_e(a) = xi(a) e^K(a), compute Bayes' beliefs at e = 1e-3 numerically, and
    # their limit by hand (the nodes of least total order, in proportion to their weights).  The limit must be
    # judged consistent, and the numerical beliefs must approach it.
    rng = random.Random(1000 + seed)
    t = common_beliefs_tree()
    order = {("1", "L"): rng.randint(1, 3), ("1", "R"): rng.randint(1, 3), ("2", "r"): rng.randint(1, 3)}
    xi = {a: F(rng.randint(1, 5), rng.randint(1, 5)) for a in order}
    e = 1e-3

    def weight(path, numeric):
        k, w = 0, F(1)
        for a in path:
            k += order[a]
            w *= xi[a]
        return float(w) * e ** k if numeric else (k, w)

    sets = {"J": {"L": [("1", "L")], "R": [("1", "R")]},
            "Kr": {"L": [("1", "L"), ("2", "r")], "R": [("1", "R"), ("2", "r")]}}
    beliefs = {}
    for key, nodes in sets.items():
        exact = {n: weight(p, False) for n, p in nodes.items()}
        least = min(k for k, _ in exact.values())
        total = sum(w for k, w in exact.values() if k == least)
        beliefs[key] = {n: (w / total if k == least else F(0)) for n, (k, w) in exact.items()}
        numeric = {n: weight(p, True) for n, p in nodes.items()}
        s = sum(numeric.values())
        for n in nodes:
            assert abs(numeric[n] / s - float(beliefs[key][n])) < 1e-2
    beliefs["Kl"] = dict(beliefs["J"])  # l is played: K_l's odds are J's
    play = {"1": {"1": "A"}, "2": {"J": "l"}, "3": {"Kl": "u", "Kr": "u"}}
    res = check_assessment(t, play, beliefs)
    assert res.consistent
    # and a belief at K_r that differs from J's is not (player 2's move cannot reveal player 1's)
    shifted = {"L": beliefs["J"]["R"], "R": beliefs["J"]["L"]}
    if shifted != beliefs["Kr"]:
        assert not check_assessment(t, play, {**beliefs, "Kr": shifted}).consistent
