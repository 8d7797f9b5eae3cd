"""Spence's job-market signalling with two types: hand derivations and a brute force over education levels.

The brute force checks the equilibrium conditions at each education level of
a grid directly, with the off-path belief that the deviator is the low type
(the belief under which a deviation pays least, so it supports every level
that any belief supports), and applies the intuitive criterion (Cho and
Kreps 1987) by searching the grid for a breaking deviation.
"""

import json
from fractions import Fraction as F

import pytest

from gametheory.bayesian.spence import spence
from gametheory.cli import main
from gametheory.errors import InputError

GRID = [F(k, 20) for k in range(0, 81)]  # education 0 .. 4
DEVIATIONS = [F(k, 400) for k in range(0, 1601)]  # finer, so that the open interval of breaking deviations is hit


def test_textbook_numbers_by_hand():
    # theta = (1, 2), lambda = 1/2, c = (1, 1/2), Delta = 1.
    # separating: 2 - e <= 1 (low does not mimic) and 2 - e/2 >= 1 (high does not drop to 0): e in [1, 2]
    # pooling: wage 3/2, 3/2 - e >= 1: e in [0, 1/2]; Riley: e* = 1, high earns 2 - 1/2 = 3/2
    r = spence(1, 2, "1/2", 1, "1/2")
    assert r.separating == (1, 2) and r.riley == 1
    assert r.pooling == (0, F(1, 2)) and r.pooling_wage == F(3, 2)
    assert r.riley_payoffs == {"low": 1, "high": F(3, 2)}
    assert r.hybrid == (F(1, 2), 1)
    # high prefers pooling at 0 (3/2 + lambda - 1/2 ... ) iff lambda > 1 - (1/2)/1 = 1/2
    assert r.pooling_preferred_above == F(1, 2) and not r.high_prefers_pooling


def test_high_prefers_pooling_when_the_high_type_is_likely():
    # lambda = 3/4 > 1/2: pooling at 0 pays 1 + 3/4 = 7/4 > Riley 3/2
    r = spence(1, 2, "3/4", 1, "1/2")
    assert r.high_prefers_pooling and r.pooling_wage == F(7, 4) > r.riley_payoffs["high"]


def _separating_ok(e, tl, th, cl, ch):
    low_mimics = th - cl * e > tl          # low would take the high wage at e
    high_drops = tl - ch * 0 > th - ch * e  # high's best deviation: wage tl at education 0
    return not low_mimics and not high_drops and e > 0


def _pooling_ok(e, tl, th, lam, cl, ch):
    wage = lam * th + (1 - lam) * tl
    return all(wage - c * e >= tl for c in (cl, ch))  # the best deviation, to 0, earns tl


def _intuitive(payoff_low, payoff_high, tl, th, cl, ch):
    """No grid deviation e' that the low type cannot gain from even at wage th but the high type gains from."""
    for e2 in DEVIATIONS:
        if th - cl * e2 < payoff_low and th - ch * e2 > payoff_high:
            return False
    return True


@pytest.mark.parametrize("tl, th, lam, cl, ch", [
    (F(1), F(2), F(1, 2), F(1), F(1, 2)),
    (F(1), F(3), F(1, 4), F(2), F(1)),
    (F(0), F(1), F(3, 5), F(1, 2), F(1, 4)),
    (F(2), F(5, 2), F(1, 10), F(1), F(1, 5)),
])
def test_against_brute_force(tl, th, lam, cl, ch):
    r = spence(tl, th, lam, cl, ch)
    sep = [e for e in GRID if _separating_ok(e, tl, th, cl, ch)]
    pool = [e for e in GRID if _pooling_ok(e, tl, th, lam, cl, ch)]
    assert (min(sep), max(sep)) == r.separating
    assert (min(pool), max(pool)) == r.pooling
    # the intuitive criterion keeps exactly the least-cost separating member and no pooling one
    survivors = [e for e in sep if _intuitive(tl, th - ch * e, tl, th, cl, ch)]
    assert survivors == [r.riley]
    wage = lam * th + (1 - lam) * tl
    assert not any(_intuitive(wage - cl * e, wage - ch * e, tl, th, cl, ch) for e in pool)


def test_hybrid_mixing_makes_the_low_type_indifferent():
    tl, th, lam, cl, ch = F(1), F(2), F(1, 2), F(1), F(1, 2)
    r = spence(tl, th, lam, cl, ch)
    for e in (F(3, 5), F(3, 4), F(9, 10)):
        alpha = r.hybrid_mixing(e)
        mu = lam / (lam + (1 - lam) * alpha)  # Bayes: the belief at e
        wage = mu * th + (1 - mu) * tl
        assert 0 < alpha < 1 and wage - cl * e == tl  # low indifferent between e and 0
        assert wage - ch * e > tl                      # high strictly prefers e
    with pytest.raises(InputError):
        r.hybrid_mixing(1)


def test_json_is_strict():
    doc = spence(1, 2, "1/2", 1, "1/2", labels=("dull", "able")).to_json()
    json.dumps(doc, allow_nan=False)
    assert doc["separating"]["education"] == {"dull": "0", "able": ["1", "2"]}
    assert doc["riley"]["education"]["able"] == "1" and doc["pooling"]["education"] == ["0", "1/2"]


@pytest.mark.parametrize("args, fragment", [
    ((2, 1, "1/2", 1, "1/2"), "must exceed"),
    ((1, 2, 1, 1, "1/2"), "(0, 1)"),
    ((1, 2, "1/2", "1/2", 1), "single crossing"),
    ((1, 2, "1/2", 1, 0), "single crossing"),
])
def test_bad_inputs(args, fragment):
    with pytest.raises(InputError) as info:
        spence(*args)
    assert fragment in str(info.value)


def test_cli(capsys):
    base = ["screen", "spence", "--value", "low=1", "--value", "high=2", "--prior", "low=1/2", "--prior", "high=1/2"]
    assert main(base + ["--signal-cost", "low=1", "--signal-cost", "high=0.5", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and json.loads(out)["riley"]["education"]["high"] == "1"
    for extra in (["--signal-cost", "low=1"], ["--signal-cost", "low=1", "--signal-cost", "high=2"],
                  ["--signal-cost", "low=1", "--signal-cost", "high=1/2", "--cost", "1"]):
        assert main(base + extra) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("error: ") and err.count("\n") == 1
