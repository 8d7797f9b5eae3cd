"""Screening: the seller's take-it-or-leave-it price against a buyer of private value.

Expected values are derived by hand in the comments, the two-type cut-off
with sympy in the test, and random instances are checked against a grid
search over prices written here.
"""

import json
import random
from fractions import Fraction as F

import pytest
import sympy

from gametheory.bayesian.screening import screening, screening_cutoff
from gametheory.cli import main
from gametheory.errors import InputError


def test_two_types_above_the_cutoff_charges_the_high_value():
    # v_L = 2, v_H = 5, P(H) = 1/2: price 5 earns 5/2, price 2 earns 2 -> charge 5, only H buys
    r = screening({"low": 2, "high": 5}, {"low": "1/2", "high": "1/2"})
    assert r.price == 5 and r.buyers == ("high",)
    assert r.profit == F(5, 2) and r.revenue == F(5, 2) and r.sale_probability == F(1, 2)
    assert r.profits == ((F(5), F(5, 2)), (F(2), F(2)))
    # the low type (value 2, prior 1/2) is priced out: deadweight loss 1/2 * 2 = 1
    assert r.deadweight_loss == 1
    assert r.cutoff == F(2, 5)


def test_two_types_below_the_cutoff_pools_at_the_low_value():
    # P(H) = 3/10 < 2/5: 5 * 3/10 = 3/2 < 2 -> charge 2, both buy, the high type keeps 5 - 2 = 3
    r = screening({"low": 2, "high": 5}, {"low": "7/10", "high": "3/10"})
    assert r.price == 2 and r.buyers == ("low", "high")
    assert r.surplus == {"low": 0, "high": 3} and r.deadweight_loss == 0


def test_at_the_cutoff_both_prices_are_optimal_and_the_high_one_is_charged():
    r = screening({"low": 2, "high": 5}, {"low": "3/5", "high": "2/5"})
    assert r.optimal_prices == (5, 2) and r.price == 5 and r.profit == 2


def test_cutoff_against_sympy_derivation():
    q, vl, vh, c = sympy.symbols("q v_L v_H c", positive=True)
    # profit of the high price q (v_H - c) equals that of the low price v_L - c
    (derived,) = sympy.solve(sympy.Eq(q * (vh - c), vl - c), q)
    got = screening_cutoff("v_L", "v_H", "c", parameters=("v_L", "v_H", "c"))
    names = {s.name: s for s in got.free_symbols}
    assert sympy.simplify(got - derived.subs({vl: names["v_L"], vh: names["v_H"], c: names["c"]})) == 0
    assert screening_cutoff("v_L", "v_H", parameters=("v_L", "v_H")) == names["v_L"] / names["v_H"]
    for lo, hi, cost in [(2, 5, 0), (1, 3, "1/2"), ("7/3", 4, 1)]:
        expected = derived.subs({vl: sympy.Rational(str(lo)), vh: sympy.Rational(str(hi)),
                                 c: sympy.Rational(str(cost))})
        value = F(str(expected))
        assert screening_cutoff(lo, hi, cost) == value
        assert screening({"L": lo, "H": hi}, {"L": "1/2", "H": "1/2"}, cost=cost).cutoff == value
        # just below and at the cut-off the price switches
        below = screening({"L": lo, "H": hi}, {"L": 1 - value + F(1, 1000), "H": value - F(1, 1000)}, cost=cost)
        at = screening({"L": lo, "H": hi}, {"L": 1 - value, "H": value}, cost=cost)
        assert below.price == F(str(lo)) and at.price == F(str(hi))


def test_low_value_below_cost_means_the_high_value_is_always_charged():
    r = screening({"L": 1, "H": 4}, {"L": "99/100", "H": "1/100"}, cost=2)
    assert r.cutoff == 0 and r.price == 4 and r.profit == F(2, 100)


def test_no_trade_when_every_value_is_at_most_the_cost():
    r = screening({"L": 1, "H": 2}, {"L": "1/2", "H": "1/2"}, cost=2)
    assert r.price is None and r.buyers == () and r.profit == 0 and r.cutoff is None


def test_three_types_by_hand():
    # values 1, 2, 3 equally likely: 3 * 1/3 = 1, 2 * 2/3 = 4/3, 1 * 1 = 1 -> price 2, types b and c buy
    r = screening({"a": 1, "b": 2, "c": 3}, {"a": "1/3", "b": "1/3", "c": "1/3"})
    assert r.price == 2 and r.buyers == ("b", "c") and r.profit == F(4, 3)
    assert [reg.holds for reg in r.regions] == [False, True, False]


def _grid_search(values, prior, cost):
    """Best price over a grid of prices, step 1/20 from 0 to the highest value (buy iff value >= price)."""
    top = max(values.values())
    best_profit, best_price = F(0), None
    for k in range(int(top * 20) + 1):
        p = F(k, 20)
        profit = (p - cost) * sum((prior[t] for t in values if values[t] >= p), F(0))
        if profit > best_profit or (profit == best_profit and best_price is not None and profit > 0):
            best_profit, best_price = profit, p  # a later (higher) price wins ties, as in the module
    return best_profit, best_price


def _random_instance(rng, n):
    values = {f"t{i}": F(rng.randint(1, 60), 4) for i in range(n)}
    weights = [rng.randint(0, 9) for _ in range(n)]
    if sum(weights) == 0:
        weights[0] = 1
    prior = {t: F(w, sum(weights)) for t, w in zip(values, weights)}
    return values, prior, F(rng.randint(0, 20), 4)


@pytest.mark.parametrize("seed", range(40))
def test_random_instances_against_grid_search(seed):
    rng = random.Random(seed)
    values, prior, cost = _random_instance(rng, rng.randint(1, 5))
    r = screening(values, prior, cost=cost)
    profit, price = _grid_search(values, prior, cost)
    assert r.profit == profit
    assert r.price == price
    # exactly the region of the price charged holds at this prior
    assert [reg.price for reg in r.regions if reg.holds] == ([] if price is None else [price])


def test_json_is_strict_and_exact():
    doc = screening({"low": 2, "high": 5}, {"low": "1/2", "high": "1/2"}).to_json()
    text = json.dumps(doc, allow_nan=False)
    assert json.loads(text)["cutoff"] == {"type": "high", "probability": "2/5"}
    assert doc["price"] == "5" and doc["buyers"] == ["high"]


@pytest.mark.parametrize("values, prior, fragment", [
    ({"L": 1, "H": 2}, {"L": "1/2", "H": "1/3"}, "sum to 5/6"),
    ({"L": 1, "H": 2}, {"L": 1}, "no prior probability"),
    ({"L": 1}, {"L": 1, "H": 0}, "no value"),
    ({"L": 1, "H": 2}, {"L": "3/2", "H": "-1/2"}, "[0, 1]"),
    ({"L": "x", "H": 2}, {"L": "1/2", "H": "1/2"}, "expected a number"),
    ({}, {}, "at least one type"),
])
def test_bad_inputs_raise_input_error(values, prior, fragment):
    with pytest.raises(InputError, match=None) as info:
        screening(values, prior)
    assert fragment in str(info.value)


def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_text_and_json(capsys):
    code, out, err = _cli(capsys, "screen", "--value", "low=2", "--value", "high=5",
                          "--prior", "low=0.7", "--prior", "high=0.3")
    assert code == 0 and err == ""
    assert "optimal price 2" in out and "iff P(high) >= 2/5" in out
    code, out, _ = _cli(capsys, "screen", "--value", "low=2", "--value", "high=5",
                        "--prior", "low=1/2", "--prior", "high=1/2", "--cost", "1", "--json")
    doc = json.loads(out)
    # cost 1: price 5 earns 4 * 1/2 = 2, price 2 earns 1 -> 5; cut-off (2-1)/(5-1) = 1/4
    assert code == 0 and doc["price"] == "5" and doc["cutoff"]["probability"] == "1/4"


@pytest.mark.parametrize("argv", [
    ["--value", "L=1", "--value", "H=2", "--prior", "L=0.5", "--prior", "H=0.4"],   # priors not summing to 1
    ["--value", "L=1", "--value", "H=2", "--prior", "L=1"],                         # a type with no prior
    ["--value", "L=1", "--prior", "L=1", "--prior", "H=0"],                         # a type with no value
    ["--value", "L=1", "--value", "L=2", "--prior", "L=1"],                         # a type twice
    ["--value", "L", "--prior", "L=1"],                                             # no number
    ["--value", "L=1e999999", "--prior", "L=1"],                                    # too large
    ["--value", "L=1", "--prior", "L=1", "--signal-cost", "L=1"],                   # wrong form's option
    ["--value", "L=1", "--prior", "L=1", "--delta-seller", "1/2"],                  # needs --periods 2
    ["--value", "L=1", "--prior", "L=1", "--periods", "3"],
    ["auction", "--value", "L=1", "--prior", "L=1"],                                # unknown form
    ["--prior", "L=1"],                                                             # no value
])
def test_cli_bad_input_exits_2_with_one_error_line(capsys, argv):
    code, out, err = _cli(capsys, "screen", *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.parametrize("args", [(2, 1, 0), (1, 1, 0), (1, 2, 3), (1, 2, 2)])
def test_cutoff_refuses_numbers_without_one(args):
    # no cut-off in [0, 1] exists when v_low >= v_high or no price above the cost sells
    with pytest.raises(InputError):
        screening_cutoff(*args)
