"""Readable conditions (gametheory.assumptions.conditions.readable) and the compiled atoms behind fast verdicts.

The readable lines must say exactly what the raw sympy condition says within the declared ranges, under the
model's assumptions: checked by brute force at random rational points (ends of the ranges included, where the
equalities live) for every normal-form model in models/.  Expected lines of the hand examples are derived in the
comments from the payoff formulas in the model files.
"""

import json
import random
from fractions import Fraction as F
from pathlib import Path

import pytest
import sympy

from gametheory.assumptions.conditions import (
    mixed_conditions,
    nash_condition,
    survives_dominance_condition,
    unique_condition,
)
from gametheory.assumptions.conditions.evaluate import decide_atom, truth
from gametheory.assumptions.conditions.readable import readable_condition
from gametheory.assumptions.intervals import decide_atom as decide_atom_by_sympy
from gametheory.assumptions.space import Space
from gametheory.cli import main
from gametheory.io.model import Model, load_any_model, load_model

ROOT = Path(__file__).resolve().parent.parent
NORMAL_FORM = [p for p in sorted((ROOT / "models").glob("*.toml")) if isinstance(load_any_model(p), Model)]
PACKAGE = ROOT / "models" / "cfe_md_package.toml"
BLOCKADE = ROOT / "models" / "serbia_blockade_offer.toml"


def _readable(cond, space):
    return readable_condition(cond.expr, space.box(), space.assumptions, space.names)


def _points(space, rng, n):
    """``n`` rational points of the box that satisfy the assumptions; a third of the coordinates at an end or the middle."""
    out, tries = [], 0
    while len(out) < n and tries < 200 * n:
        tries += 1
        pt = {}
        for k, (lo, hi) in space.box().items():
            u = rng.random()
            pt[k] = (lo if u < 0.12 else hi if u < 0.24 else (lo + hi) / 2 if u < 0.33
                     else lo + (hi - lo) * F(rng.randint(0, 960), 960))
        if all(truth(a, pt) for a in space.assumptions):
            out.append(pt)
    return out


def _conditions(model):
    """The raw conditions a report builds: every profile's Nash condition, disjunctions for one profile, mixed ones."""
    game, space = model.game, Space.from_model(model)
    box, assumptions = space.box(), space.assumptions
    profiles = [dict(p) for p in game.pure_profiles()]
    conds = [nash_condition(game, p, assumptions, ranges=box) for p in profiles]
    if game.num_profiles <= 16:  # disjunctions
        conds.append(unique_condition(game, profiles[0], assumptions, ranges=box))
        conds.append(survives_dominance_condition(game, profiles[0], assumptions, ranges=box))
    if game.num_players == 2 and min(game.shape) == 2:
        conds += [mc.condition for mc in mixed_conditions(game, assumptions, ranges=box)]
    return conds


@pytest.mark.slow
@pytest.mark.parametrize("path", NORMAL_FORM, ids=[p.stem for p in NORMAL_FORM])
def test_readable_lines_say_what_the_raw_condition_says(path):
    model = load_model(path)
    space = Space.from_model(model)
    rng = random.Random(17)
    points = _points(space, rng, 150)
    assert points, f"{path.name}: no point of the ranges satisfies the assumptions"
    for cond in _conditions(model):
        readable = _readable(cond, space)
        assert readable.lines and all(isinstance(line, str) and line for line in readable.lines)
        for pt in points:
            raw, easy = truth(cond.expr, pt), truth(readable.expr, pt)
            if raw is None:  # not a polynomial relation: sympy decides it
                raw = cond.holds_at(pt)
            assert easy is not None and raw == easy, (path.name, cond.claim, str(cond.expr), readable.lines, pt)


def test_the_issue_example_without_assumptions():
    # Payoffs (Russia, US) at (Yes, Yes): (v_nomd - c_cfe + g + eps_a, v_cfe - v_md + g + eps_a); a player leaving
    # alone gets 0.  Without the assumptions, (Yes, Yes) is an equilibrium iff both gains are >= 0.
    model = load_model(PACKAGE)
    space = Space.from_model(model)
    cond = nash_condition(model.game, {"Russia": "Yes", "US": "Yes"}, (), ranges=space.box())
    lines = readable_condition(cond.expr, space.box(), (), space.names).lines
    assert sorted(lines) == sorted(["v_md ≤ v_cfe + g + eps_a", "c_cfe ≤ v_nomd + g + eps_a"])


def test_a_relation_tightened_by_the_range():
    # (No, No): a lone Yes earns eps_a, so the condition is eps_a <= 0; eps_a's range starts at 0, so within the
    # ranges it is eps_a = 0.
    model = load_model(PACKAGE)
    space = Space.from_model(model)
    cond = nash_condition(model.game, {"Russia": "No", "US": "No"}, space.assumptions, ranges=space.box())
    assert _readable(cond, space).lines == ("eps_a = 0",)


@pytest.mark.slow
def test_the_blockade_mixed_system_is_never_valid():
    # With D = c_blockade - h*s - t, the West mixes Offer with probability D/(2D + w), valid only if D(2D + w) > 0
    # and (D + w)(2D + w) > 0 (both probabilities positive), while Serbia's indifference outside its support needs
    # D(D + w)(2D + w) = 0: a factor would vanish that the strict inequalities keep non-zero.  So: never.
    model = load_model(BLOCKADE)
    space = Space.from_model(model)
    (mc,) = mixed_conditions(model.game, space.assumptions, ranges=space.box())
    assert mc.condition.expr != sympy.false  # the raw system does not show it
    assert _readable(mc.condition, space).lines == ("never",)


def test_products_signs_and_squares():
    x, y = sympy.symbols("x y", real=True)
    # x(x - 1) >= 0 and <= 0: x(x - 1) = 0; x in [1/2, 2] rules out x = 0, so x = 1
    assert readable_condition(sympy.And(x * (x - 1) >= 0, x * (x - 1) <= 0), {"x": (F(1, 2), 2)}).lines == ("x = 1",)
    # y^2 (x - y) > 0 is x > y and y != 0; with y in [1, 2] the square is positive (two lone terms: the later name left)
    assert readable_condition(y**2 * (x - y) > 0, {"x": (0, 5), "y": (1, 2)}).lines == ("y < x",)
    # x != 0 with x in [0, 3] is x > 0; x >= 0 alone holds on that range
    assert readable_condition(sympy.Ne(x, 0), {"x": (0, 3)}).lines == ("x > 0",)
    assert readable_condition(x >= 0, {"x": (0, 3)}).lines == ("always",)
    assert readable_condition(sympy.And(x > 1, x < 1)).lines == ("never",)
    # a lone term on the left, the other side's terms in the declared order
    assert readable_condition(3 * y + 1 >= x, order=("y", "x")).lines == ("x ≤ 3*y + 1",)


def test_compiled_atoms_decide_like_the_sympy_enclosures():
    # the compiled enclosure is the one intervals.enclose computes on the expanded expression, endpoint for endpoint
    xs = sympy.symbols("x y z", real=True)
    rng = random.Random(3)
    ops = [sympy.GreaterThan, sympy.StrictGreaterThan, sympy.LessThan, sympy.StrictLessThan, sympy.Eq, sympy.Ne]
    decided = 0
    for _ in range(400):
        e = sum(sympy.Rational(rng.randint(-3, 3), rng.randint(1, 4)) * xs[0]**rng.randint(0, 3)
                * xs[1]**rng.randint(0, 2) * xs[2]**rng.randint(0, 1) for _ in range(rng.randint(1, 4)))
        rel = rng.choice(ops)(e, sympy.Rational(rng.randint(-2, 2), rng.randint(1, 3)), evaluate=False)
        box = {}
        for name in "xyz":
            lo = F(rng.randint(-8, 8), rng.choice([1, 2, 3, 4]))
            box[name] = (lo, lo + F(rng.randint(0, 8), rng.choice([1, 2, 8])))
        assert decide_atom(rel, box) == decide_atom_by_sympy(rel, box), (rel, box)
        decided += decide_atom(rel, box) is not None
        pt = {k: lo for k, (lo, _hi) in box.items()}
        sub = {s: pt[s.name] for s in xs}
        assert truth(rel, pt) == bool(type(rel)(rel.lhs.subs(sub), rel.rhs.subs(sub)))
    assert decided > 50  # the comparison is not only of undecided atoms


def test_cli_prints_one_relation_a_line_and_raw_with_verbose(capsys):
    assert main(["conditions", str(PACKAGE)]) == 0
    out = capsys.readouterr().out
    # (Yes, No): the US gains v_cfe - v_md + g + eps_a by saying Yes, so No is a best reply iff that is <= 0
    assert "(Yes, No) is a Nash equilibrium\n  iff  v_md ≥ v_cfe + g + eps_a\n" in out
    assert "raw:" not in out and "<=" not in out.split("verdicts:")[1]
    assert main(["conditions", str(PACKAGE), "--verbose"]) == 0
    assert "  raw: eps_a <= 0" in capsys.readouterr().out
    assert main(["conditions", str(PACKAGE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    no_no = doc["profiles"][3]["claims"][0]
    assert no_no["readable"] == ["eps_a = 0"] and no_no["condition"] == "eps_a <= 0"


TREES = [p for p in sorted((ROOT / "models").glob("*.toml")) if type(load_any_model(p)).__name__ == "TreeModel"]


@pytest.mark.slow
@pytest.mark.parametrize("path", TREES, ids=[p.stem for p in TREES])
def test_readable_tree_conditions_say_what_the_raw_ones_say(path):
    # the tree report (gametheory conditions on a [[nodes]] model) prints its conditions the same readable way
    from gametheory.tree.conditions import tree_conditions_report

    model = load_any_model(path)
    space = Space.from_model(model)
    points = _points(space, random.Random(17), 100)
    report = tree_conditions_report(model)
    assert points and report.entries
    for cond, verdicts in report.entries:
        readable = verdicts.readable
        for pt in points:
            raw, easy = truth(cond.expr, pt), truth(readable.expr, pt)
            if raw is None:
                raw = cond.holds_at(pt)
            assert easy is not None and raw == easy, (path.name, str(cond.expr), readable.lines, pt)
