"""Exact conditions against closed forms derived by hand, checked on both sides of every boundary with pygambit."""

from fractions import Fraction as F

import pytest
import sympy
from refs.brute import is_pure_nash
from refs.gambit import profiles as gambit_profiles
from refs.gambit import supports as gambit_supports

from gametheory import Game
from gametheory.assumptions.conditions import (
    DEPENDS,
    FAILS,
    HOLDS,
    decide,
    dominance_condition,
    mixed_conditions,
    nash_condition,
    support_condition,
    survives_dominance_condition,
    unique_condition,
)
from gametheory.errors import LabelError, UnsupportedGameError
from gametheory.io.model import load_model

S = lambda name: sympy.Symbol(name, real=True)  # noqa: E731


def model(name):
    return load_model(f"models/{name}.toml")


# ---------------------------------------------------------------- 1c: the prisoner's dilemma
def pd_game():
    v_nomd, c, v_cfe, v_md = S("v_nomd"), S("c_cfe"), S("v_cfe"), S("v_md")
    return Game.from_bimatrix(
        [[v_nomd - c, -c], [v_nomd, 0]], [[v_cfe - v_md, v_cfe], [-v_md, 0]],
        players=["Russia", "US"], strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]])


def test_pd_status_quo_condition_is_the_hand_derived_one():
    cond = nash_condition(pd_game(), ["Suspend CFE", "Build MD"])
    assert cond.expr == sympy.And(S("c_cfe") >= 0, S("v_md") >= 0)


@pytest.mark.parametrize("c_cfe,v_md", [
    pytest.param(F(1), F(2), id="inside"),
    pytest.param(F(0), F(2), id="on-c-boundary"),
    pytest.param(F(-1, 10), F(2), id="c-negative"),
    pytest.param(F(1), F(-1, 10), id="v-negative"),
    pytest.param(F(1), F(0), id="on-v-boundary"),
])
def test_pd_condition_matches_brute_force_on_both_sides(c_cfe, v_md):
    g = pd_game()
    vals = {"v_nomd": 4, "c_cfe": c_cfe, "v_cfe": 3, "v_md": v_md}
    cond = nash_condition(g, ["Suspend CFE", "Build MD"])
    assert cond.holds_at(vals) == is_pure_nash(g.substitute(vals), ["Suspend CFE", "Build MD"])
    assert cond.holds_at(vals) == (c_cfe >= 0 and v_md >= 0)


def test_pd_with_model_assumptions_is_unconditional():
    m = model("cfe_md_unlinked")
    assert nash_condition(m.game, {"Russia": "Suspend CFE", "US": "Build MD"}, m.assumptions).expr == sympy.true
    assert nash_condition(m.game, {"Russia": "Renew CFE", "US": "Abandon MD"}, m.assumptions).expr == sympy.false
    dom = dominance_condition(m.game, {"Russia": "Suspend CFE", "US": "Build MD"}, m.assumptions)
    assert dom.expr == sympy.true  # strictly dominance solvable: unique outright, mixed ones included


# ---------------------------------------------------------------- 2: the blockade offer
def blockade():
    m = model("serbia_blockade_offer")
    return m, m.game


def delta(v):
    return v["s"] * v["h"] + v["t"] - v["c_blockade"]


def spe_by_backward_induction(v):
    """Independent: Serbia's strict replies, then the West's strict choice (ties: no unique SPE)."""
    d = delta(v)
    reply_o = "C" if v["w"] > d else ("B" if v["w"] < d else None)
    reply_n = "B" if d > 0 else ("C" if d < 0 else None)
    if reply_o != "C" or reply_n != "B":
        return False
    return -v["o"] > -v["sigma"]  # offer (then C) beats no offer (then B)


def spe_condition(game, assumptions=()):
    """SPE of (Offer; C after O, B after N) as strict equilibrium of the game and of the no-offer subgame."""
    full = nash_condition(game, {"West": "Offer", "Serbia": "Cooperate only if offered"}, assumptions, strict=True)
    sub = game.restrict({"West": "No offer"})
    after_n = nash_condition(sub, {"West": "No offer", "Serbia": "Cooperate only if offered"}, assumptions,
                             strict=True)
    return sympy.And(full.expr, after_n.expr)


BASE = {"h": F(2), "c_blockade": F(2), "s": F(3, 2), "t": F(1), "w": F(3), "sigma": F(4), "o": F(1)}


@pytest.mark.parametrize("change", [
    pytest.param({}, id="defaults"),
    pytest.param({"s": F(1, 2)}, id="Delta=0"),
    pytest.param({"s": F(1, 2) + F(1, 100)}, id="Delta>0-just"),
    pytest.param({"s": F(1, 2) - F(1, 100)}, id="Delta<0-just"),
    pytest.param({"s": F(2)}, id="w=Delta"),
    pytest.param({"s": F(2) + F(1, 100)}, id="w<Delta-just"),
    pytest.param({"s": F(2) - F(1, 100)}, id="w>Delta-just"),
    pytest.param({"o": F(4)}, id="sigma=o"),
    pytest.param({"o": F(4) + F(1, 100)}, id="sigma<o"),
    pytest.param({"o": F(4) - F(1, 100)}, id="sigma>o"),
])
def test_blockade_spe_iff_delta_positive_w_above_delta_sigma_above_o(change):
    _, g = blockade()
    v = {**BASE, **change}
    expr = spe_condition(g)
    sub = {S(k): sympy.Rational(x.numerator, x.denominator) for k, x in v.items()}
    got = bool(expr.xreplace(sub))
    by_hand = delta(v) > 0 and v["w"] > delta(v) and v["sigma"] > v["o"]
    assert got == by_hand == spe_by_backward_induction(v)


@pytest.mark.oracle
@pytest.mark.parametrize("s", [F(1, 4), F(1, 2), F(3, 4), F(5, 2)])
def test_no_offer_blockade_is_nash_iff_delta_nonnegative(s):
    m, g = blockade()
    v = {**BASE, "s": s}
    cond = nash_condition(g, {"West": "No offer", "Serbia": "Blockade always"}, m.assumptions)
    assert cond.holds_at(v) == (delta(v) >= 0)
    sup = (("No offer",), ("Blockade always",))
    assert (sup in gambit_supports(m.game_at(v))) == cond.holds_at(v)


def test_blockade_uniqueness_scope_is_pure_only():
    m, g = blockade()
    u = unique_condition(g, {"West": "No offer", "Serbia": "Blockade always"}, m.assumptions)
    assert "pure" in u.scope
    # whenever (No offer, Blockade always) is an equilibrium, another pure one is too (brute force)
    assert u.expr == sympy.false
    for s in (F(1, 4), F(1), F(5, 2)):
        g2 = m.game_at({"s": s})
        pure = [p for p in g2.pure_profiles() if is_pure_nash(g2, list(p.values()))]
        assert len(pure) != 1 or list(pure[0].values()) != ["No offer", "Blockade always"]


def test_blockade_offer_continuum_endpoint_closed_form():
    m, g = blockade()
    mc = support_condition(g, {"West": "Offer", "Serbia": ["Cooperate always", "Cooperate only if offered"]},
                           m.assumptions) if False else None
    # one mixer only: the continuum is not pinned down by indifference
    with pytest.raises(UnsupportedGameError):
        support_condition(g, {"West": "Offer", "Serbia": ["Cooperate always", "Cooperate only if offered"]})
    assert mc is None


# ---------------------------------------------------------------- 4: the border game (3 players)
def border():
    return model("serbia_border_reinforcement_3p")


E1 = {"Russia": "Consent", "Serbia": ["Reinforce", "Hold"], "NATO": ["Shift north", "Cover enclaves"]}
E3 = {"Russia": ["Consent", "Withhold"], "Serbia": ["Reinforce", "Hold"], "NATO": "Cover enclaves"}


def border_key_boundary(v):
    return v["e_N"] * (v["gamma"] + v["phi"] + v["eps"]) - v["eps"] * v["L"]


@pytest.mark.oracle
@pytest.mark.parametrize("support", [pytest.param(E1, id="E1"), pytest.param(E3, id="E3")])
def test_border_e1_e3_need_eN_gamma_phi_eps_at_least_eps_L(support):
    m = border()
    mc = support_condition(m.game, support, m.assumptions, ranges={k: p.range for k, p in m.parameters.items()})
    d = m.defaults
    target = sympy.GreaterThan(S("e_N") * (S("gamma") + S("phi") + S("eps")), S("eps") * S("L"))
    atoms = {sympy.expand(a.lhs - a.rhs) for a in mc.condition.expr.atoms(sympy.core.relational.Relational)}
    key = sympy.expand(target.lhs - target.rhs)
    factors = {sympy.expand(f) for a in atoms for f, _ in sympy.factor_list(a)[1]}
    assert key in factors or -key in factors
    want = tuple(tuple(lab for lab in ([support[p]] if isinstance(support[p], str) else support[p]))
                 for p in m.game.players)
    # e_N at the boundary eps L / (gamma + phi + eps) = 3/5, and on both sides of it
    for e_n in (F(3, 5) - F(1, 50), F(3, 5) + F(1, 50), F(1)):
        v = {**d, "e_N": e_n}
        holds = mc.condition.holds_at(v)
        assert holds == (border_key_boundary(v) >= 0)
        assert (want in gambit_supports(m.game_at(v))) == holds


@pytest.mark.oracle
def test_border_closed_forms_match_hand_derivation_and_gambit():
    m = border()
    e1 = support_condition(m.game, E1, m.assumptions)
    e3 = support_condition(m.game, E3, m.assumptions)
    assert sympy.simplify(e1.probabilities["Serbia"]["Reinforce"] - S("e_N") / S("L")) == 0
    assert sympy.simplify(e1.probabilities["NATO"]["Shift north"] - (S("n") + S("t") - S("k_S")) / S("n")) == 0
    assert sympy.simplify(e3.probabilities["Serbia"]["Reinforce"]
                          - S("eps") / (S("gamma") + S("phi") + S("eps"))) == 0
    assert sympy.simplify(e3.probabilities["Russia"]["Consent"]
                          - (S("r") - S("n") - S("t") + S("k_S")) / S("r")) == 0
    v = {**m.defaults, "gamma": F(4), "e_N": F(3, 2)}
    ref = gambit_profiles(m.game_at(v))
    for mc in (e1, e3):
        probs = mc.at(v)
        vecs = [[float(probs[p][s]) for s in m.game.strategies[i]] for i, p in enumerate(m.game.players)]
        assert any(all(abs(a - b) < 1e-9 for x, y in zip(vecs, r) for a, b in zip(x, y)) for r in ref)


# ---------------------------------------------------------------- 3: dominance-solvable 3-player game
@pytest.mark.slow
@pytest.mark.oracle
def test_udi_game_dominance_conditions():
    m = model("kosovo_udi_unsc_eulex")
    prof = dict(zip(m.game.players, [s[0] for s in m.game.strategies]))
    assert dominance_condition(m.game, prof, m.assumptions).holds_at(m.defaults)
    cond = dominance_condition(m.game, prof)  # without the model's assumptions, which pin these boundaries
    surv = survives_dominance_condition(m.game, prof)
    d = m.defaults
    assert cond.holds_at(d) and surv.holds_at(d)
    assert len(gambit_supports(m.game_at())) == 1
    # each boundary derived by hand (V_K > h_K, f > rho + x, Z + b > c_E), crossed one at a time
    names = set(m.parameters)
    crossings = []
    if {"f", "rho", "x"} <= names:
        crossings.append({"f": d["rho"] + d["x"] - F(1, 10)})
    if {"c_E", "Z", "b"} <= names:
        crossings.append({"c_E": d["Z"] + d["b"] + F(1, 10)})
    assert crossings, sorted(names)
    for ch in crossings:
        v = {**d, **ch}
        lo, hi = m.parameters[next(iter(ch))].range
        if not lo <= next(iter(ch.values())) <= hi:
            continue
        assert not cond.holds_at(v)
        sol = gambit_supports(m.game_at(v))
        assert sol != (tuple((s,) for s in prof.values()),)


# ---------------------------------------------------------------- mixed closed forms
@pytest.mark.oracle
@pytest.mark.parametrize("name", ["separatist_contagion", "russia_iran_unsc"])
def test_2x2_mixed_closed_form_matches_gambit(name):
    m = model(name)
    mcs = mixed_conditions(m.game, m.assumptions)
    assert len(mcs) == 1
    mc = mcs[0]
    for scale in (F(1), F(9, 10), F(11, 10)):
        v = {k: p.default * scale if p.range[0] <= p.default * scale <= p.range[1] else p.default
             for k, p in m.parameters.items()}
        ref = [r for r in gambit_profiles(m.game_at(v)) if all((x > 1e-9).sum() == 2 for x in r)]
        assert bool(ref) == mc.condition.holds_at(v)
        if ref:
            probs = mc.at(v)
            got = [[float(probs[p][s]) for s in m.game.strategies[i]] for i, p in enumerate(m.game.players)]
            assert all(abs(a - b) < 1e-12 for x, y in zip(got, ref[0]) for a, b in zip(x, y))


# ---------------------------------------------------------------- verdicts (sampling seeded: rng=0)
def test_three_valued_verdicts():
    x, y = S("x"), S("y")
    assert decide(x + y >= 1, ranges={"x": (0, 1), "y": (1, 2)}, rng=0).status == HOLDS
    assert decide(x > 3, ranges={"x": (0, 1)}, rng=0).status == FAILS
    v = decide(x * y >= F(1, 2), ranges={"x": (0, 1), "y": (0, 1)}, rng=0)
    assert v.status == DEPENDS and v.certified and v.depends_on == ("x", "y")
    w = {k: sympy.Rational(val.numerator, val.denominator) for k, val in v.witnesses[HOLDS].items()}
    assert bool((x * y >= F(1, 2)).subs({x: w["x"], y: w["y"]}))
    fixed = decide(x >= y, fixed={"y": 2}, ranges={"x": (0, 1)}, rng=0)
    assert fixed.status == FAILS and fixed.certified
    with_assumption = decide(x >= y, ranges={"x": (0, 1), "y": (0, 1)}, assumptions=[sympy.StrictGreaterThan(x, y)], rng=0)
    assert with_assumption.status == HOLDS


def test_unknown_label_is_a_label_error():
    with pytest.raises(LabelError):
        nash_condition(pd_game(), ["Renew", "Build MD"])


def test_disjunction_proved_over_ranges_not_sampled():
    """(Offer, CB) survives dominance iff Delta >= 0 or w >= Delta: always, as w >= 0 on its range."""
    m, g = blockade()
    ranges = {k: p.range for k, p in m.parameters.items()}
    c = survives_dominance_condition(g, {"West": "Offer", "Serbia": "Cooperate only if offered"}, m.assumptions,
                                     ranges=ranges)
    v = c.verdict(ranges=ranges, rng=0)
    assert v.status == HOLDS and v.certified
    x = S("x")
    bump = decide(x * x - x + F(1, 3) > 0, ranges={"x": (0, 1)}, rng=0)  # min 1/12 at 1/2: needs bisection
    assert bump.status == HOLDS and bump.certified
