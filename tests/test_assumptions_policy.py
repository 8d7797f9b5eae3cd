"""One assumptions policy for conditions, regions, sweep and robust (issue 17).

The linked CFE-for-missile-defense package (models/cfe_md_package.toml), Russia the row player:
(Yes, Yes) pays (v_nomd - c_cfe + g + eps_a, v_cfe - v_md + g + eps_a), a lone Yes earns its sayer eps_a and
the other 0, (No, No) pays (0, 0).  So (Yes, Yes) is an equilibrium iff
    v_nomd - c_cfe + g + eps_a >= 0   (Russia does not gain by saying No: 0 <= its Yes payoff) and
    v_cfe - v_md + g + eps_a >= 0     (the US likewise).
The model assumes v_nomd - c_cfe + g >= 0, v_md < v_cfe + g and eps_a >= 0, under which both hold: the verdict
over the ranges is "holds".  Over the declared ranges alone it is not: at v_md = 5, v_cfe = 1, g = eps_a = 0 the
US gain is 1 - 5 = -4 < 0, while at the defaults (v_md = 2, v_cfe = 3) it is 1 >= 0: "depends".  Along v_md
(v_cfe = 3, g = eps_a = 0 at the defaults) (Yes, Yes) is an equilibrium iff v_md <= 3, and the assumption
v_md < v_cfe + g holds iff v_md < 3: the part [3, 5] of the range [1/2, 5] breaks it.
"""

import json

import numpy as np
import pytest
import sympy

from gametheory.assumptions.conditions import conditions_report
from gametheory.assumptions.montecarlo import robustness
from gametheory.assumptions.policy import AssumptionUse, assumption_use
from gametheory.assumptions.regions_report import regions_report
from gametheory.assumptions.space import Space, Vary
from gametheory.assumptions.sweep import sweep
from gametheory.cli import main
from gametheory.io.model import load_model

PACKAGE = "models/cfe_md_package.toml"
RELATIONS = ["c_cfe > 0", "v_md > 0", "g >= 0", "eps_a >= 0", "v_nomd - c_cfe + g >= 0", "v_md < v_cfe + g"]
HEADER = "assumptions: applied (" + ", ".join(RELATIONS) + ")"
WARNING = "warning: --param v_md=4 breaks the assumption v_md < v_cfe + g"
YES_YES = (("Yes",), ("Yes",))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def package():
    return load_model(PACKAGE)


# ---------------------------------------------------------------------- Space
def test_space_applies_assumptions_by_default_and_names_the_broken_ones():
    x, y = sympy.symbols("x y", real=True)
    s = Space(("x", "y"), {"x": 1, "y": 2}, {"x": (0, 5), "y": (0, 5)}, (x < y, x >= 0), None, True, ("x < y", "x >= 0"))
    assert s.apply_assumptions and s.applied == (x < y, x >= 0)
    assert s.broken_assumptions({"x": 3, "y": 3}) == ["x < y"]  # 3 < 3 is false
    assert s.broken_assumptions({"x": "5/2", "y": 3}) == []
    assert s.broken_assumptions({"y": 0}) == []  # x not given: neither assumption is judged
    off = Space(("x", "y"), {"x": 1, "y": 2}, {"x": (0, 5), "y": (0, 5)}, (x < y,), apply_assumptions=False)
    assert off.applied == () and off.broken_assumptions({"x": 4, "y": 2}) == ["x < y"]
    assert off.assumption_texts == ("x < y",)  # sympy's text when the file's wording is not given


def test_space_of_a_model_keeps_the_files_wording(package):
    s = Space.from_model(package)
    assert list(s.assumption_texts) == RELATIONS and s.apply_assumptions
    assert s.broken_assumptions(s.point({"v_md": 4})) == ["v_md < v_cfe + g"]  # 4 < 3 + 0 is false
    assert not Space.from_model(package, apply_assumptions=False).applied


def test_policy_header_lines():
    assert AssumptionUse(True, ("a > 0",)).header() == "assumptions: applied (a > 0)"
    assert AssumptionUse(False, ("a > 0",)).header() == "assumptions: not applied (--no-assumptions)"
    assert AssumptionUse(True, ()).header() == "assumptions: none"
    a = sympy.Symbol("a", real=True)
    use = assumption_use(Space(("a",), {"a": 1}, {"a": (-1, 1)}, (a > 0,)), {"a": 0})
    assert use.warnings == ("warning: --param a=0 breaks the assumption a > 0",) and use.broken == ("a > 0",)


# ---------------------------------------------------------------------- conditions
@pytest.mark.slow
def test_conditions_says_the_assumptions_are_applied(package):
    report = conditions_report(package)
    assert report.assumptions_applied and report.broken_assumptions == []
    assert str(report).splitlines()[1] == HEADER
    yes_yes = report.profiles[0].claims[0]
    assert yes_yes.condition.claim == "(Yes, Yes) is a Nash equilibrium" and yes_yes.over_ranges.status == "holds"
    assert report.to_json()["assumptions"] == {"applied": True, "relations": RELATIONS, "broken": [], "warnings": []}


@pytest.mark.slow
def test_conditions_without_assumptions_depends_and_agrees_with_regions(package):
    report = conditions_report(package, assumptions=False)
    assert not report.assumptions_applied and report.assumptions == ()
    assert str(report).splitlines()[1] == "assumptions: not applied (--no-assumptions)"
    yes_yes = report.profiles[0].claims[0].condition
    assert report.profiles[0].claims[0].over_ranges.status == "depends"
    defaults = dict(Space.from_model(package).defaults)
    assert yes_yes.holds_at({**defaults, "v_md": 3}) and not yes_yes.holds_at({**defaults, "v_md": 4})
    assert not yes_yes.holds_at({**defaults, "v_md": 5, "v_cfe": 1})
    # regions over (v_md, v_cfe) without the assumptions: (Yes, Yes) is in the equilibrium set exactly where
    # v_md <= v_cfe (g = eps_a = 0), as the condition says; with them, the points with v_md >= v_cfe are left out
    # and (Yes, Yes) is an equilibrium at every point that stays, as "holds" says
    off = regions_report(package, [Vary("v_md", sympy.Rational(1, 2), 5, 10), Vary("v_cfe", 1, 5, 9)],
                         assumptions=False)
    on = regions_report(package, [Vary("v_md", sympy.Rational(1, 2), 5, 10), Vary("v_cfe", 1, 5, 9)])
    rm = off.regions
    assert on.regions.labels.tolist() == rm.labels.tolist() and off.outside_points is None
    for j, v_cfe in enumerate(rm.ys):
        for i, v_md in enumerate(rm.xs):
            has = YES_YES in rm.signatures[rm.labels[j, i]]
            assert has == (v_md <= v_cfe + 1e-12), (v_md, v_cfe)
            assert bool(on.outside_points[j, i]) == (v_md >= v_cfe - 1e-12), (v_md, v_cfe)
            assert has or on.outside_points[j, i]


@pytest.mark.slow
def test_conditions_cli_header_warning_and_json(capsys):
    code, out, _ = run(capsys, "conditions", PACKAGE, "--param", "v_md=4")
    lines = out.splitlines()
    assert code == 0 and lines[1:3] == [HEADER, WARNING]
    code, out, _ = run(capsys, "conditions", PACKAGE, "--param", "v_md=4", "--no-assumptions", "--json")
    doc = json.loads(out)  # stdout stays one JSON document: the warning is inside it
    assert code == 0 and doc["assumptions"] == {"applied": False, "relations": RELATIONS,
                                                "broken": ["v_md < v_cfe + g"], "warnings": [WARNING]}
    yes_yes = doc["profiles"][0]["claims"][0]
    assert yes_yes["claim"] == "(Yes, Yes) is a Nash equilibrium" and yes_yes["at_defaults"] == "fails"


# ---------------------------------------------------------------------- regions, sweep, robust
def test_regions_one_parameter_leaves_out_the_range_that_breaks_an_assumption(package, capsys):
    v = Vary("v_md", sympy.Rational(1, 2), 5, 2)
    on = regions_report(package, [v])
    assert on.outside_range == sympy.Interval(3, 5)
    assert [(s.lo, s.hi) for s in on.regions.segments] == [(sympy.Rational(1, 2), 3)]
    assert YES_YES in on.regions.segments[0].signature and on.regions.thresholds == ()
    off = regions_report(package, [v], assumptions=False)
    assert [(s.lo, s.hi) for s in off.regions.segments] == [(sympy.Rational(1, 2), 3), (3, 5)]
    assert YES_YES not in off.regions.segments[1].signature and off.outside_range is None
    assert [str(t.value) for t in off.regions.thresholds] == ["3"]
    code, out, _ = run(capsys, "regions", PACKAGE, "--vary", "v_md", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["assumptions"]["applied"] and doc["outside_assumptions"] == "[3, 5]"
    assert doc["assumptions"]["warnings"] == [
        "warning: the range of v_md breaks the assumption v_md < v_cfe + g on [3, 5] (left out)"]
    code, out, _ = run(capsys, "regions", PACKAGE, "--vary", "v_md", "--no-assumptions")
    assert code == 0 and out.splitlines()[1] == "assumptions: not applied (--no-assumptions)"
    assert "  v_md in (3, 5): (No, No); (Yes, No)" in out.splitlines()


def test_sweep_leaves_out_grid_points_that_break_an_assumption(package, capsys):
    space = Space.from_model(package)
    r = sweep(package.game, space, [Vary("v_md", 1, 5, 5)])
    assert r.points[:, 0].tolist() == [1.0, 2.0]  # v_md < 3 keeps 1 and 2 of 1, 2, 3, 4, 5
    assert r.broken_assumptions == ["v_md < v_cfe + g"] and r.assumptions_applied
    off = sweep(package.game, Space.from_model(package, apply_assumptions=False), [Vary("v_md", 1, 5, 5)])
    assert off.points[:, 0].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    code, out, _ = run(capsys, "sweep", PACKAGE, "--vary", "v_md=1:5:5", "--json")
    doc = json.loads(out)
    assert code == 0 and [p["values"]["v_md"] for p in doc["points"]] == [1.0, 2.0]
    assert doc["assumptions"]["warnings"] == [
        "warning: the range of v_md breaks the assumption v_md < v_cfe + g at 3 of 5 grid points (left out)"]


def test_robust_rejects_draws_only_with_the_assumptions(package, capsys):
    on = robustness(package.game, Space.from_model(package), 400, seed=3)
    off = robustness(package.game, Space.from_model(package, apply_assumptions=False), 400, seed=3)
    assert on.assumptions_applied and 0 < on.accepted < 400
    assert not off.assumptions_applied and off.accepted == 400
    # (Yes, Yes) is an equilibrium in every draw that meets the assumptions (see the module docstring)
    assert on.profiles[("Yes", "Yes")].count == on.accepted
    assert off.profiles[("Yes", "Yes")].count < 400
    code, out, _ = run(capsys, "robust", PACKAGE, "--draws", "300", "--no-assumptions", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["assumptions"]["applied"] is False and doc["accepted"] == 300
    code, out, _ = run(capsys, "robust", PACKAGE, "--draws", "300")
    assert code == 0 and out.splitlines()[1] == HEADER
    assert out.splitlines()[2].startswith("warning: the ranges break the model's assumptions in ")


def test_every_draw_meets_the_assumptions_it_keeps(package):
    from gametheory.assumptions.montecarlo import draw_parameters

    space = Space.from_model(package)
    values, ok = draw_parameters(space, {}, np.random.default_rng(0), 500)
    # v_md < v_cfe + g and v_nomd - c_cfe + g >= 0, checked here by hand in floating point
    by_hand = (values["v_md"] < values["v_cfe"] + values["g"]) & (values["v_nomd"] - values["c_cfe"] + values["g"] >= 0)
    assert ok.tolist() == by_hand.tolist()
    _, all_ok = draw_parameters(Space.from_model(package, apply_assumptions=False), {}, np.random.default_rng(0), 500)
    assert all_ok.all()


def test_margins_count_no_failure_where_an_assumption_breaks(package, capsys):
    # (Yes, Yes) fails along v_md only above v_cfe + g + eps_a = 3 and along v_cfe only below v_md - g - eps_a = 2
    # (the others at the defaults), exactly where v_md < v_cfe + g breaks: within the assumptions it never fails
    from gametheory.assumptions.regions_report import margins_report

    on = {m.parameter: (m.down, m.up) for m in margins_report(package, 1).margins}
    off = {m.parameter: (m.down, m.up) for m in margins_report(package, 1, assumptions=False).margins}
    assert on["v_md"] == (None, None) and on["v_cfe"] == (None, None)
    assert off["v_md"] == (None, 1) and off["v_cfe"] == (1, None)
    code, out, _ = run(capsys, "regions", PACKAGE, "--margins", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["assumptions"]["applied"] and doc["assumptions"]["broken"] == ["v_md < v_cfe + g"]
