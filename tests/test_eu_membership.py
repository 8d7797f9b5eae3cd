"""EU membership for Serbian cooperation: the normal form (models/eu_membership_serbia.toml) and its tree twin.

Everything expected here is derived by hand from the payoffs below, written in this file independently of the
model files, and checked against them: the payoff table at the defaults, the pure equilibria by a brute force
over all 36 profiles, the extreme equilibria by pygambit (enummixed), the thresholds just below, at and just
above with exact Fractions, and the tree's subgame-perfect paths by a backward induction written here.

Stage 1 (before the January election), payoffs (Serbia, EU) by offer and reply:

=========================== ===================== ====================
offer                       reply                 (Serbia, EU)
=========================== ===================== ====================
Membership for consent      Consent               (m - a_K, v_C + b)
Membership for consent      Minimal cooperation   (0, 0)
Membership for consent      Obstruct              (t, -sigma)
Accession path              Minimal cooperation   (w, -o)
Accession path              Obstruct              (t, -sigma)
No offer                    Minimal cooperation   (0, 0)
No offer                    Obstruct              (t, -sigma)
=========================== ===================== ====================

Stage 2 of the tree (after any reply but consent): the EU offers unbundled accession or not; Serbia joins,
adding (m - rho*t, b), or stays out, adding nothing.

By hand.  Normal form (Serbia's plan = replies to membership / path / no offer):
(C/M/O, membership) is an equilibrium iff m - a_K >= t and v_C + b >= -o; (O/O/O, membership) iff
m - a_K <= t; (O/M/O, path) iff w >= t and o <= sigma; (O/O/O, no offer) always (t >= 0).  Tree: Serbia joins
iff m >= rho*t, the EU offers iff b >= 0; the continuation is the same after every stand, so Serbia cooperates
on the path iff w >= t, and consents to membership iff m - a_K >= t + V_S, with V_S = m - rho*t when the
unbundled accession follows (never: a_K > 0 >= (rho - 1)*t), V_S = 0 when it does not (m >= a_K + t).
"""

from __future__ import annotations

import itertools
import random
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from refs.gambit import equilibria as gambit_equilibria

from gametheory.cli import main
from gametheory.io.model import load_model, load_tree_model
from gametheory.predictions import check_model, complete_solve
from gametheory.tree.spe import solve_spe

MODELS = Path(__file__).resolve().parents[1] / "models"
NF = MODELS / "eu_membership_serbia.toml"
TREE = MODELS / "eu_membership_serbia_tree.toml"
SECTION = "Dealing with Belgrade: EU membership for cooperation"

MEMBERSHIP, PATH, NONE = "Membership for consent", "Accession path for cooperation", "No offer"
OFFERS = (MEMBERSHIP, PATH, NONE)
CONSENT, COOP, OBSTRUCT = "Consent", "Minimal cooperation", "Obstruct"
REPLIES = {MEMBERSHIP: (CONSENT, COOP, OBSTRUCT), PATH: (COOP, OBSTRUCT), NONE: (COOP, OBSTRUCT)}
PLANS = tuple(itertools.product(*(REPLIES[o] for o in OFFERS)))  # 3 x 2 x 2 reply plans
DEFAULTS = {"a_K": F(4), "t": F(1), "w": F(3), "m": F(4), "rho": F(1, 2), "v_C": F(2), "b": F(1), "o": F(1),
            "sigma": F(4)}
EPS = F(1, 1000)


def label(plan) -> str:
    return " / ".join(plan)


def stage1(offer: str, reply: str, p) -> tuple:
    """(Serbia, EU) in the first stage, from the table in the module docstring."""
    if offer == MEMBERSHIP and reply == CONSENT:
        return p["m"] - p["a_K"], p["v_C"] + p["b"]
    if reply == OBSTRUCT:
        return p["t"], -p["sigma"]
    if offer == PATH:
        return p["w"], -p["o"]
    return F(0), F(0)


def values(**changes) -> dict:
    out = dict(DEFAULTS)
    out.update({k: F(v) for k, v in changes.items()})
    return out


def nf_game(nf, p: dict):
    """The normal form at the point ``p`` (which may also give the tree's rho)."""
    return nf.game_at({k: v for k, v in p.items() if k != "rho"})


def random_point(rng: random.Random, model) -> dict:
    """A random rational point of the declared ranges (denominator 12: ties are likely, and wanted)."""
    out = {}
    for name, par in model.parameters.items():
        lo, hi = par.range
        out[name] = F(rng.randint(int(lo * 12), int(hi * 12)), 12)
    return out


@pytest.fixture(scope="module")
def nf():
    return load_model(NF)


@pytest.fixture(scope="module")
def tree_model():
    return load_tree_model(TREE)


# ------------------------------------------------------------------ the normal form: payoffs
def test_payoffs_at_the_defaults_are_the_hand_table(nf):
    # at a_K=4, t=1, w=3, m=4, v_C=2, b=1, o=1, sigma=4: (Serbia, EU) by offer and the reply to it
    table = {
        (MEMBERSHIP, CONSENT): (0, 3), (MEMBERSHIP, COOP): (0, 0), (MEMBERSHIP, OBSTRUCT): (1, -4),
        (PATH, COOP): (3, -1), (PATH, OBSTRUCT): (1, -4),
        (NONE, COOP): (0, 0), (NONE, OBSTRUCT): (1, -4),
    }
    game = nf.game_at()
    assert game.kind == "exact"
    assert game.players == ("Serbia", "EU")
    assert game.strategies == (tuple(label(p) for p in PLANS), OFFERS)
    for plan in PLANS:
        for i, offer in enumerate(OFFERS):
            got = game.payoff({"Serbia": label(plan), "EU": offer})
            assert (got["Serbia"], got["EU"]) == table[offer, plan[i]], (plan, offer)


@pytest.mark.parametrize("seed", range(8))
def test_payoffs_equal_the_hand_formulas_at_random_points(nf, seed):
    point = random_point(random.Random(seed), nf)
    game = nf.game_at(point)
    for plan in PLANS:
        for i, offer in enumerate(OFFERS):
            got = game.payoff({"Serbia": label(plan), "EU": offer})
            assert (got["Serbia"], got["EU"]) == stage1(offer, plan[i], point)


# ------------------------------------------------------------------ the normal form: equilibria
def pure_equilibria(p) -> set:
    """Brute force over all 36 pure profiles with the hand payoffs: nobody gains by a pure deviation."""
    def u(plan, offer):
        return stage1(offer, plan[OFFERS.index(offer)], p)

    found = set()
    for plan in PLANS:
        for offer in OFFERS:
            s, e = u(plan, offer)
            if all(u(other, offer)[0] <= s for other in PLANS) and all(u(plan, o)[1] <= e for o in OFFERS):
                found.add((label(plan), offer))
    return found


def is_pure_equilibrium(game, serbia: str, eu: str) -> bool:
    """The same check on the model's own game."""
    here = game.payoff({"Serbia": serbia, "EU": eu})
    return (all(game.payoff({"Serbia": s, "EU": eu})["Serbia"] <= here["Serbia"] for s in game.strategies[0])
            and all(game.payoff({"Serbia": serbia, "EU": e})["EU"] <= here["EU"] for e in game.strategies[1]))


def test_pure_equilibria_at_the_defaults(nf):
    # Serbia obstructs after membership (1 > 0 = 0) and after no offer (1 > 0) and cooperates on the path (3 > 1);
    # the path is the EU's best reply only if the other offers are answered by obstruction (-1 > -4), and
    # membership or no offer only if every offer is (-4 everywhere)
    expected = {
        ("Obstruct / Minimal cooperation / Obstruct", PATH),
        ("Obstruct / Obstruct / Obstruct", MEMBERSHIP),
        ("Obstruct / Obstruct / Obstruct", NONE),
    }
    assert pure_equilibria(DEFAULTS) == expected
    game = nf.game_at()
    assert {(s, e) for s in game.strategies[0] for e in game.strategies[1] if is_pure_equilibrium(game, s, e)} == expected
    result = complete_solve(game)
    assert result.complete
    pure = set()
    for eq in result:
        vec_s, vec_e = eq.profile.vectors
        if max(vec_s) == 1 and max(vec_e) == 1:
            pure.add((game.strategies[0][list(vec_s).index(1)], game.strategies[1][list(vec_e).index(1)]))
    assert pure == expected


@pytest.mark.oracle
def test_extreme_equilibria_at_the_defaults_are_pygambits(nf):
    game = nf.game_at()
    oracle = {tuple(tuple(F(x) for x in v) for v in eq) for eq in gambit_equilibria(game)}
    result = complete_solve(game)
    ours = {tuple(tuple(F(x) for x in v) for v in eq.profile.vectors) for eq in result}
    assert ours == oracle
    # by hand: two components. Membership or no offer (any mix) against O/O/O; and the path against every mix
    # of plans that cooperate on the path with P(obstruct after no offer) >= o/sigma = 1/4 and
    # 3 P(consent) - 4 P(obstruct) <= -1 after membership (the EU's other offers then pay at most -1)
    plans = [label(p) for p in PLANS]
    for serbia, eu in oracle:
        mix = {plans[k]: q for k, q in enumerate(serbia) if q}
        offer = {OFFERS[k]: q for k, q in enumerate(eu) if q}
        if PATH in offer:
            assert offer == {PATH: 1}
            assert all(s.split(" / ")[1] == COOP for s in mix)
            consent = sum(q for s, q in mix.items() if s.split(" / ")[0] == CONSENT)
            obstruct = sum(q for s, q in mix.items() if s.split(" / ")[0] == OBSTRUCT)
            assert sum(q for s, q in mix.items() if s.split(" / ")[2] == OBSTRUCT) >= F(1, 4)
            assert 3 * consent - 4 * obstruct <= -1
        else:
            assert mix == {"Obstruct / Obstruct / Obstruct": 1}


# ------------------------------------------------------------------ the normal form: thresholds
@pytest.mark.parametrize("a_K, t", [(4, 1), (3, 2), (6, 0), (5, "1/2")])
def test_membership_buys_consent_exactly_from_m_equal_a_K_plus_t(nf, a_K, t):
    accepted, scoffed = "Consent / Minimal cooperation / Obstruct", "Obstruct / Obstruct / Obstruct"
    edge = F(a_K) + F(t)
    for m, accepts in [(edge - EPS, False), (edge, True), (edge + EPS, True)]:
        p = values(a_K=a_K, t=t, m=m)
        game = nf_game(nf, p)
        assert is_pure_equilibrium(game, accepted, MEMBERSHIP) is accepts, m
        assert ((accepted, MEMBERSHIP) in pure_equilibria(p)) is accepts
        # the scoffed-at offer followed by obstruction stays an equilibrium up to the edge, and no further
        assert is_pure_equilibrium(game, scoffed, MEMBERSHIP) is (m <= edge), m


@pytest.mark.parametrize("t", [0, "1/2", 1, 2])
def test_the_offer_for_cooperation_works_exactly_from_w_equal_t(nf, t):
    deal = "Obstruct / Minimal cooperation / Obstruct"
    for w, works in [(F(t) - EPS, False), (F(t), True), (F(t) + EPS, True)]:
        if w < 0:
            continue
        assert is_pure_equilibrium(nf_game(nf, values(t=t, w=w)), deal, PATH) is works, (t, w)


@pytest.mark.parametrize("sigma", [1, 2, 3])
def test_the_offer_for_cooperation_pays_exactly_up_to_o_equal_sigma(nf, sigma):
    deal = "Obstruct / Minimal cooperation / Obstruct"
    for o, pays in [(F(sigma) - EPS, True), (F(sigma), True), (F(sigma) + EPS, False)]:
        assert is_pure_equilibrium(nf_game(nf, values(sigma=sigma, o=o)), deal, PATH) is pays, (sigma, o)


@pytest.mark.parametrize("seed", range(20))
def test_the_hand_conditions_decide_the_equilibria_at_random_points(nf, seed):
    p = random_point(random.Random(1000 + seed), nf)
    game = nf_game(nf, p)
    conditions = {
        ("Consent / Minimal cooperation / Obstruct", MEMBERSHIP): p["m"] - p["a_K"] >= p["t"] and p["v_C"] + p["b"] >= -p["o"],
        ("Obstruct / Obstruct / Obstruct", MEMBERSHIP): p["m"] - p["a_K"] <= p["t"],
        ("Obstruct / Minimal cooperation / Obstruct", PATH): p["w"] >= p["t"] and p["o"] <= p["sigma"],
        ("Obstruct / Obstruct / Obstruct", NONE): True,
    }
    brute = pure_equilibria(p)
    for (serbia, eu), holds in conditions.items():
        assert is_pure_equilibrium(game, serbia, eu) is holds, (serbia, eu, p)
        assert ((serbia, eu) in brute) is holds


# ------------------------------------------------------------------ the tree: backward induction written here
def spe_outcomes(tree, v) -> set:
    """Every (payoff vector, path) that some pure subgame-perfect equilibrium gives from node v (ties branch)."""
    if tree.is_terminal(v):
        return {(tuple(F(x) for x in tree.payoff(v).values()), ())}
    i = tree.players.index(tree.player(v))
    out = set()
    children = [sorted(spe_outcomes(tree, c)) for c in tree.children(v)]
    for combo in itertools.product(*children):  # one equilibrium of each subgame below
        best = max(value[i] for value, _ in combo)
        for action, (value, path) in zip(tree.actions(v), combo):
            if value[i] == best:
                out.add((value, (action, *path)))
    return out


def spe_paths(tree, v=0) -> set:
    return {path for _, path in spe_outcomes(tree, v)}


def node_of(tree, node_id: str) -> int:
    """The node whose id (its label) is ``node_id``."""
    return next(v for v in range(tree.num_nodes) if tree.node_label(v) == node_id)


def test_the_spe_at_the_defaults_is_the_hand_backward_induction(tree_model):
    tree = tree_model.tree_at()
    assert tree.kind == "exact" and tree.is_perfect_information
    # stage 2: Serbia joins (4 - 1/2 > 0), the EU offers (b = 1 > 0): the continuation is (7/2, 1) after every
    # stand. Stage 1: after membership obstruct 1 + 7/2 beats cooperation 7/2 and consent 0; on the path cooperation
    # 3 + 7/2 beats obstruction 1 + 7/2; after no offer obstruction 9/2 beats 7/2. The EU: membership -4 + 1,
    # the path -1 + 1, no offer -4 + 1.
    outcomes = spe_outcomes(tree, 0)
    assert outcomes == {((F(13, 2), F(0)), (PATH, COOP, "Unbundled accession", "Join"))}
    solved = solve_spe(tree)
    assert solved.complete
    assert {tuple(a for _, a in eq.path) for eq in solved} == spe_paths(tree)


@pytest.mark.parametrize("seed", range(12))
def test_the_spe_paths_at_random_points_are_the_hand_backward_induction(tree_model, seed):
    p = random_point(random.Random(2000 + seed), tree_model)
    tree = tree_model.tree_at(p)
    solved = solve_spe(tree)
    assert solved.complete
    assert {tuple(a for _, a in eq.path) for eq in solved} == spe_paths(tree), p


# ------------------------------------------------------------------ the tree: thresholds
def stage2_choices(tree_model, tree, who: str) -> set:
    """The actions some SPE takes at the six stage-2 nodes of ``who`` (EU: offer or not; Serbia: join or not)."""
    after = [h for h in tree_model.node_lines if h.startswith("after ")]  # "after <offer>, <reply>[: ...]"
    ids = [h for h in after if (h.endswith(": unbundled offer") if who == "Serbia" else ":" not in h)]
    assert len(ids) == 6
    return {path[0] for h in ids for path in spe_paths(tree, node_of(tree, h))}


@pytest.mark.parametrize("t, rho", [(2, 1), (2, "3/4"), ("3/2", 1)])
def test_serbia_joins_on_unbundled_terms_exactly_from_m_equal_rho_t(tree_model, t, rho):
    edge = F(t) * F(rho)
    for m, joins in [(edge - EPS, {"Stay out"}), (edge, {"Join", "Stay out"}), (edge + EPS, {"Join"})]:
        tree = tree_model.tree_at(values(t=t, rho=rho, m=m))
        assert stage2_choices(tree_model, tree, "Serbia") == joins, m


def test_the_eu_offers_unbundled_accession_exactly_from_b_equal_0(tree_model):
    for b, offers in [(-EPS, {"No accession"}), (0, {"Unbundled accession", "No accession"}),
                      (EPS, {"Unbundled accession"})]:
        tree = tree_model.tree_at(values(b=b))
        assert stage2_choices(tree_model, tree, "EU") == offers, b


# t > 0: at t = 0 Serbia would be indifferent between cooperating and obstructing after no offer
@pytest.mark.parametrize("a_K, t", [(4, 1), (3, 2), (6, "1/2")])
def test_without_a_later_accession_membership_buys_consent_from_m_equal_a_K_plus_t(tree_model, a_K, t):
    # b < 0: the EU makes no unbundled offer, the continuation is 0 and the twin's threshold returns
    edge = F(a_K) + F(t)
    below = {(PATH, COOP, "No accession")}
    above = {(MEMBERSHIP, CONSENT)}
    for m, paths in [(edge - EPS, below), (edge, below | above), (edge + EPS, above)]:
        if not 1 <= m <= 8:
            continue
        tree = tree_model.tree_at(values(a_K=a_K, t=t, b=-1, m=m))
        assert spe_paths(tree) == paths, m


@pytest.mark.parametrize("seed", range(30))
def test_with_a_later_accession_membership_never_buys_consent(tree_model, seed):
    rng = random.Random(3000 + seed)
    p = random_point(rng, tree_model)
    tree = tree_model.tree_at(p)
    offered = {path[0] for path in spe_paths(tree, node_of(tree, "membership offered"))}
    if p["b"] > 0:
        assert CONSENT not in offered, p
    elif p["b"] < 0:
        assert (CONSENT in offered) is (p["m"] - p["a_K"] >= p["t"]), p
    # and at the top of m's range, with the EU keen to admit Serbia later, still no consent
    high = values(m=8, b=F(rng.randint(1, 36), 12), rho=F(rng.randint(0, 12), 12))
    tree = tree_model.tree_at(high)
    assert CONSENT not in {path[0] for path in spe_paths(tree, node_of(tree, "membership offered"))}


def test_the_path_thresholds_carry_over_to_the_tree(tree_model):
    after = ("Unbundled accession", "Join")
    for w, paths in [(1 - EPS, {(NONE, OBSTRUCT, *after), (MEMBERSHIP, OBSTRUCT, *after), (PATH, OBSTRUCT, *after)}),
                     (1 + EPS, {(PATH, COOP, *after)})]:
        assert spe_paths(tree_model.tree_at(values(w=w))) == paths, w
    for o, paths in [(2 - EPS, {(PATH, COOP, *after)}),
                     (2 + EPS, {(NONE, OBSTRUCT, *after), (MEMBERSHIP, OBSTRUCT, *after)})]:
        assert spe_paths(tree_model.tree_at(values(sigma=2, o=o))) == paths, o


# ------------------------------------------------------------------ twins: the same parameters, the same payoffs
def test_the_tree_keeps_the_twins_parameters(nf, tree_model):
    assert set(tree_model.parameters) == set(nf.parameters) | {"rho"}
    for name, par in nf.parameters.items():
        other = tree_model.parameters[name]
        assert (other.default, other.range, other.meaning, other.quote, other.status) == (
            par.default, par.range, par.meaning, par.quote, par.status), name
    assert {k: v.default for k, v in tree_model.parameters.items()} == DEFAULTS
    assert nf.section == tree_model.section == SECTION
    assert nf.players == tree_model.players


@pytest.mark.parametrize("seed", [None, *range(10)])
def test_every_leaf_of_the_tree_is_the_twins_entry_plus_the_later_accession(nf, tree_model, seed):
    p = dict(DEFAULTS) if seed is None else random_point(random.Random(4000 + seed), tree_model)
    game = nf_game(nf, p)
    tree = tree_model.tree_at(p)
    for v in tree.terminals:
        actions = [a for _, a in tree.path(int(v))]
        offer, reply, later = actions[0], actions[1], actions[2:]
        entries = {(game.payoff({"Serbia": label(plan), "EU": offer})["Serbia"],
                    game.payoff({"Serbia": label(plan), "EU": offer})["EU"])
                   for plan in PLANS if plan[OFFERS.index(offer)] == reply}
        assert len(entries) == 1  # the twin's entry depends only on the reply to the offer made
        (serbia, eu), = entries
        if later == ["Unbundled accession", "Join"]:
            serbia, eu = serbia + p["m"] - p["rho"] * p["t"], eu + p["b"]
        else:
            assert later in ([], ["No accession"], ["Unbundled accession", "Stay out"]), later
            assert (later == []) is (reply == CONSENT)
        assert tree.payoff(int(v)) == {"Serbia": serbia, "EU": eu}, actions


# ------------------------------------------------------------------ predictions: whose they are, and that they hold
@pytest.mark.parametrize("path", [NF, TREE], ids=["normal form", "tree"])
def test_every_claim_says_whose_it_is_and_quotes_the_article_verbatim(path, article_text):
    model = load_model(path) if path == NF else load_tree_model(path)
    text = re.sub(r"\s+", " ", article_text)
    quotes = list(model.quotes) + [p.quote for p in model.parameters.values() if p.quote]
    assert all(re.sub(r"\s+", " ", q) in text for q in quotes)
    assert model.predictions
    for pred in model.predictions:
        assert pred.source in ("article", "model"), pred.line
        if pred.source == "article":
            assert pred.quote and re.sub(r"\s+", " ", pred.quote) in text, pred.line
        else:
            assert not pred.quote and pred.claim.startswith("In the model"), pred.line
    assert {p.source for p in model.predictions} == {"article", "model"}
    # each threshold is claimed on both sides: the defaults, and an `at` table across it
    assert any(p.at for p in model.predictions)


@pytest.mark.parametrize("path", [NF, TREE], ids=["normal form", "tree"])
def test_every_prediction_holds(path):
    model = load_model(path) if path == NF else load_tree_model(path)
    check = check_model(model)
    assert [(v.line, v.status) for v in check.verdicts if v.status != "holds"] == []
    assert check.violated_assumptions == ()


@pytest.mark.parametrize("path", [NF, TREE], ids=["normal form", "tree"])
def test_cli_check(path, capsys):
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "fails" not in out and "undetermined" not in out
