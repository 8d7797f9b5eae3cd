"""Monte Carlo robustness: reproducible from the seed, in process and on a Dask LocalCluster; shares correct."""

import numpy as np
import pytest
import sympy

from gametheory import Game
from gametheory.assumptions.chunks import chunk_seeds
from gametheory.assumptions.distributions import parse_distribution
from gametheory.assumptions.montecarlo import draw_parameters, robustness, wilson
from gametheory.assumptions.space import Space
from gametheory.errors import InputError
from gametheory.io.model import load_model


def blockade():
    m = load_model("models/serbia_blockade_offer.toml")
    return m, Space.from_model(m)


def as_tuple(r):
    return (r.accepted, tuple((k, s.count) for k, s in r.profiles.items()),
            tuple(s.count for _, s in r.predictions), tuple(sorted(r.count_histogram.items())))


@pytest.mark.parametrize("k,n,lo,hi", [
    pytest.param(0, 10, 0.0, 0.2775, id="zero"),  # Wilson (1927); e.g. Agresti and Coull (1998), table 1
    pytest.param(5, 10, 0.2366, 0.7634, id="half"),
    pytest.param(10, 10, 0.7225, 1.0, id="all"),
])
def test_wilson_interval_textbook_values(k, n, lo, hi):
    a, b = wilson(k, n)
    assert abs(a - lo) < 5e-5 and abs(b - hi) < 5e-5


def test_wilson_interval_contains_the_share_at_the_extremes():
    # e.g. 0 of 7: centre - half is 2.8e-17 in floats, not 0
    for n in range(1, 300):
        for k in (0, n):
            lo, hi = wilson(k, n)
            assert 0 <= lo <= k / n <= hi <= 1, (k, n, lo, hi)


def test_same_seed_same_result_different_seed_differs():
    m, sp = blockade()
    a = robustness(m.game, sp, 3000, seed=11, predictions=m.predictions, chunk_size=700)
    b = robustness(m.game, sp, 3000, seed=11, predictions=m.predictions, chunk_size=700)
    c = robustness(m.game, sp, 3000, seed=12, predictions=m.predictions, chunk_size=700)
    assert as_tuple(a) == as_tuple(b)
    assert as_tuple(a) != as_tuple(c)
    assert a.chunks == 5


@pytest.mark.parametrize("processes", [pytest.param(False, id="threads"), pytest.param(True, id="processes", marks=pytest.mark.slow)])
def test_dask_local_cluster_gives_the_in_process_result(processes):
    m, sp = blockade()
    local = robustness(m.game, sp, 2000, seed=5, predictions=m.predictions, chunk_size=500)
    dask = robustness(m.game, sp, 2000, seed=5, predictions=m.predictions, chunk_size=500, workers=2,
                      processes=processes)
    assert as_tuple(local) == as_tuple(dask)


def test_offer_share_equals_the_exact_condition_on_the_same_draws():
    """(Offer, CB) is an equilibrium iff w >= Delta and sigma >= o: count it on the same seeded draws."""
    m, sp = blockade()
    r = robustness(m.game, sp, 4000, seed=3, predictions=m.predictions[:1], chunk_size=4000)
    rng = np.random.default_rng(chunk_seeds(3, 1)[0])
    vals, ok = draw_parameters(sp, {}, rng, 4000)
    d = vals["s"] * vals["h"] + vals["t"] - vals["c_blockade"]
    want = int(((vals["w"] >= d) & (vals["sigma"] >= vals["o"]))[ok].sum())
    assert r.profiles[("Offer", "Cooperate only if offered")].count == want
    assert r.predictions[0][1].count == want
    assert r.accepted == int(ok.sum())
    # the model's assumptions o < sigma, s >= 0 hold in every accepted draw
    assert np.all(vals["o"][ok] < vals["sigma"][ok]) and np.all(vals["s"][ok] >= 0)


def test_noise_on_a_prisoners_dilemma_keeps_the_dominant_outcome():
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
                            strategies=[["Renew", "Suspend"], ["Abandon", "Build"]])
    r = robustness(pd, Space((), {}, {}), 5000, noise=0.2, seed=1)
    assert r.profiles[("Suspend", "Build")].count == 5000  # gaps of 1 and 2 never close at sigma 0.2 (5 s.d.)
    big = robustness(pd, Space((), {}, {}), 5000, noise=3.0, seed=1)
    assert big.profiles[("Suspend", "Build")].count < 5000
    assert sum(k * v for k, v in big.count_histogram.items()) >= 5000  # every game has an equilibrium


def test_user_distribution_changes_the_share():
    x = sympy.Symbol("x", real=True)
    g = Game.from_bimatrix([[x, 0], [0, 1]], [[1, 0], [0, 1]])  # (1,1) is an equilibrium iff x >= 0
    sp = Space(("x",), {"x": 0}, {"x": (-1, 1)})
    uni = robustness(g, sp, 4000, seed=2)
    tri = robustness(g, sp, 4000, seed=2, dists={"x": parse_distribution("x=triangular:-1:1:1", sp)})
    fixed = robustness(g, sp, 100, seed=2, dists={"x": parse_distribution("x=fixed:1/2", sp)})
    assert abs(uni.profiles[("1", "1")].share - 0.5) < 0.05
    assert abs(tri.profiles[("1", "1")].share - 0.75) < 0.05  # P(X >= 0) = 3/4 for triangular(-1, 1, 1)
    assert fixed.profiles[("1", "1")].count == 100


@pytest.mark.parametrize("spec", [
    pytest.param("s=uniform:0:4", id="beyond-hi"),
    pytest.param("s=triangular:-1:1:2", id="below-lo"),
    pytest.param("s=normal:5:1", id="mean-outside"),
    pytest.param("s=uniform:2:1", id="lo>hi"),
    pytest.param("nope=uniform", id="unknown-parameter"),
    pytest.param("s=beta:1:2", id="unknown-kind"),
])
def test_bad_distributions_are_input_errors(spec):
    _, sp = blockade()
    with pytest.raises(InputError):
        parse_distribution(spec, sp)


@pytest.mark.parametrize("draws", [0, -5, 2.5])
def test_bad_draw_counts(draws):
    m, sp = blockade()
    with pytest.raises(InputError, match="draws"):
        robustness(m.game, sp, draws)


@pytest.mark.slow
def test_three_player_share_equals_the_closed_form_condition_on_the_same_draws():
    """Border game: E1's support is an equilibrium exactly where its closed-form condition holds."""
    from gametheory.assumptions.conditions import support_condition

    m = load_model("models/serbia_border_reinforcement_3p.toml")
    sp = Space.from_model(m)
    e1 = [p for p in m.predictions if p.kind == "equilibrium" and not isinstance(p.profile["Serbia"], str)][0]
    r = robustness(m.game, sp, 120, seed=8, predictions=[e1], chunk_size=120)
    rng = np.random.default_rng(chunk_seeds(8, 1)[0])
    vals, ok = draw_parameters(sp, {}, rng, 120)
    support = {p: ([s for s, q in v.items() if q > 0] if not isinstance(v, str) else v) for p, v in e1.profile.items()}
    cond = support_condition(m.game, support).condition
    want = sum(cond.holds_at({k: float(vals[k][b]) for k in sp.names}) for b in np.nonzero(ok)[0])
    assert r.predictions[0][1].count == want
    assert 0 < want < r.accepted
