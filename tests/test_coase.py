"""The two-period game without commitment: hand derivations and a brute force over continuation profiles.

The brute force below searches first prices on a grid and, for each, every
continuation profile it can list (the high type's probability of buying on a
grid plus the one that leaves the seller indifferent, the low type's pure
choice, the seller's period-2 mix between the two values): it keeps the
profiles that are perfect Bayesian equilibria, checking each condition
directly, and returns the seller's best profit.
"""

import json
from fractions import Fraction as F

import pytest

from gametheory.bayesian.coase import coase_two_period
from gametheory.cli import main
from gametheory.errors import InputError

HALF = {"low": "1/2", "high": "1/2"}


def test_screen_path_by_hand():
    # v = (1, 2), q = 1/2, dS = 9/10, dB = 1/2.  High is indifferent at p1 = 2 - (1/2)(2 - 1) = 3/2;
    # screening over time earns 1/2 * 3/2 + 9/10 * 1/2 * 1 = 6/5 > 1 (pooling); skimming needs q > 1/2.
    r = coase_two_period({"low": 1, "high": 2}, HALF, "9/10", "1/2")
    assert (r.path, r.p1, r.p2, r.profit) == ("screen", F(3, 2), 1, F(6, 5))
    assert r.p1 > r.p2
    assert r.buys == {"high": (1, 0, 0), "low": (0, 1, 0)}
    assert r.posterior == 0 and r.buyer_surplus == {"high": F(1, 2), "low": 0}
    # a committed seller could do no better than max(1, 1/2 * 2, 6/5)
    assert r.commitment_profit == F(6, 5) and r.commitment_loss == 0


def test_skim_path_by_hand():
    # q = 4/5 > r = 1/2.  High buys at p1 = 2 with probability b where the posterior after a refusal
    # 4/5 (1 - b) / (4/5 (1 - b) + 1/5) = 1/2, so b = 3/4; profit 4/5 * 3/4 * 2 + 1 * (1/5 + 1/5) * 2 * 1/2 = 8/5.
    # Screening earns 4/5 * (2 - 9/10) + 1/5 = 27/25 < 8/5.
    r = coase_two_period({"L": 1, "H": 2}, {"L": "1/5", "H": "4/5"}, 1, "9/10")
    assert (r.path, r.p1, r.p2) == ("skim", 2, 2)
    assert r.buys["H"] == (F(3, 4), F(1, 4), 0) and r.buys["L"] == (0, 0, 1)
    assert r.profit == F(8, 5) and r.posterior == F(1, 2)


def test_pool_path_by_hand():
    # q = 1/10, dS = dB = 1/2: screening earns 1/10 * 3/2 + 1/2 * 9/10 * 1 = 3/5 < 1 -> sell to both at 1 now
    r = coase_two_period({"L": 1, "H": 2}, {"L": "9/10", "H": "1/10"}, "1/2", "1/2")
    assert (r.path, r.p1, r.p2, r.profit) == ("pool", 1, None, 1)
    assert r.posterior is None


def test_lack_of_commitment_costs_the_seller():
    # q = 3/4, dS = 1/2, dB = 1 (patient buyer): committed to 2 forever the seller earns 3/2;
    # skimming gives b = (3/4 - 1/2)/(3/4 * 1/2) = 2/3 and 3/4 * 2/3 * 2 + 1/2 * 1/4 * 2 = 5/4 < 3/2
    r = coase_two_period({"L": 1, "H": 2}, {"L": "1/4", "H": "3/4"}, "1/2", 1)
    assert r.path == "skim" and r.profit == F(5, 4)
    assert r.commitment_profit == F(3, 2) and r.commitment_loss == F(1, 4)


def test_coase_conjecture_in_miniature():
    # the more patient the buyer, the lower the first price of the screen path, down to v_L
    firsts = [coase_two_period({"L": 1, "H": 2}, {"L": "3/5", "H": "2/5"}, 1, d).p1
              for d in ("1/10", "1/2", "9/10", "99/100")]
    assert firsts == [F(19, 10), F(3, 2), F(11, 10), F(101, 100)]


def _brute_force(vl, vh, q, ds, db, step=F(1, 40)):
    """The seller's best profit over first prices on a grid and every continuation equilibrium listed."""
    r = vl / vh
    best = None
    p1 = F(0)
    while p1 <= vh + 1:
        # the high type's buying probabilities tried: a grid, plus (for each low choice) the one that
        # makes the posterior after a refusal exactly r (the seller then may mix)
        for al in (F(0), F(1)):
            betas = {F(k, 40) for k in range(41)}
            # q (1 - b) (1 - r) = r (1 - q)(1 - al)  <=>  posterior = r
            b = 1 - r * (1 - q) * (1 - al) / (q * (1 - r))
            if 0 <= b <= 1:
                betas.add(b)
            for beta in betas:
                sigmas = {F(0), F(1)}
                if db > 0 and vh > vl:
                    s = 1 - (vh - p1) / (db * (vh - vl))  # the mix that leaves the high type indifferent
                    if 0 <= s <= 1:
                        sigmas.add(s)
                for sigma in sigmas:  # sigma = probability of the period-2 price v_H
                    mass = q * (1 - beta) + (1 - q) * (1 - al)
                    if mass > 0:
                        mu = q * (1 - beta) / mass
                        high_p, low_p = mu * vh, vl  # period-2 profit per unit mass of each price
                        # any other period-2 price is worse: between the values only the high type buys
                        if sigma > 0 and high_p < low_p or sigma < 1 and low_p < high_p:
                            continue
                    accept_h, wait_h = vh - p1, db * (1 - sigma) * (vh - vl)
                    if beta == 1 and accept_h < wait_h or beta == 0 and accept_h > wait_h:
                        continue
                    if 0 < beta < 1 and accept_h != wait_h:
                        continue
                    accept_l = vl - p1  # waiting gives the low type 0 at either period-2 price
                    if al == 1 and accept_l < 0 or al == 0 and accept_l > 0:
                        continue
                    later = ds * (q * (1 - beta) * (sigma * vh + (1 - sigma) * vl) + (1 - q) * (1 - al) * (1 - sigma) * vl)
                    profit = (q * beta + (1 - q) * al) * p1 + later
                    if best is None or profit > best[0]:
                        best = (profit, p1)
        p1 += step
    return best


@pytest.mark.parametrize("q, ds, db", [
    (F(1, 2), F(9, 10), F(1, 2)),
    (F(4, 5), F(1), F(9, 10)),
    (F(1, 10), F(1, 2), F(1, 2)),
    (F(3, 4), F(1, 2), F(1)),
    (F(3, 10), F(1), F(1, 4)),
    (F(9, 10), F(9, 10), F(1, 4)),
    (F(2, 3), F(1, 4), F(3, 4)),
])
def test_against_brute_force(q, ds, db):
    vl, vh = F(1), F(2)  # the first prices that matter (v_H - dB, 1, 2) lie on the grid of step 1/40
    got = coase_two_period({"L": vl, "H": vh}, {"L": 1 - q, "H": q}, ds, db)
    profit, p1 = _brute_force(vl, vh, q, ds, db)
    assert got.profit == profit
    assert got.p1 == p1


def test_json_is_strict():
    doc = coase_two_period({"low": 1, "high": 2}, HALF, "9/10", "1/2").to_json()
    json.dumps(doc, allow_nan=False)
    assert doc["path"] == "screen" and doc["p1"] == "3/2" and doc["p2"] == "1"
    assert doc["buys"]["low"] == {"period 1": "0", "period 2": "1", "never": "0"}


@pytest.mark.parametrize("values, prior, ds, db, fragment", [
    ({"L": 1, "M": 2, "H": 3}, {"L": "1/3", "M": "1/3", "H": "1/3"}, 1, 1, "exactly two types"),
    ({"L": 1, "H": 1}, {"L": "1/2", "H": "1/2"}, 1, 1, "different"),
    ({"L": 1, "H": 2}, {"L": 1, "H": 0}, 1, 1, "(0, 1]"),
    ({"L": 1, "H": 2}, {"L": "1/2", "H": "1/2"}, 0, 1, "discount factor"),
    ({"L": 1, "H": 2}, {"L": "1/2", "H": "1/2"}, 1, "3/2", "discount factor"),
    ({"L": 1, "H": 2}, {"L": "1/2", "H": "1/4"}, 1, 1, "sum to 3/4"),
])
def test_bad_inputs(values, prior, ds, db, fragment):
    with pytest.raises(InputError) as info:
        coase_two_period(values, prior, ds, db)
    assert fragment in str(info.value)


def test_cli(capsys):
    code = main(["screen", "--value", "low=1", "--value", "high=2", "--prior", "low=0.5", "--prior", "high=0.5",
                 "--periods", "2", "--delta-seller", "0.9", "--delta-buyer", "0.5", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert json.loads(out)["p1"] == "3/2"
    code = main(["screen", "--value", "low=1", "--value", "high=2", "--prior", "low=0.5", "--prior", "high=0.5",
                 "--periods", "2", "--delta-seller", "0.9"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1
