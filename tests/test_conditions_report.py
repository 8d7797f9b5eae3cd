"""ConditionsReport and SupportReport: what `gametheory conditions` prints, built and read from Python.

Expected values are derived by hand from the payoff formulas in the model files.
"""

from fractions import Fraction as F

import pytest

import gametheory.assumptions.conditions as C
from gametheory.assumptions.conditions import ConditionsReport, SupportReport, conditions_report, support_report
from gametheory.errors import InputError
from gametheory.io.model import load_model

PACKAGE = "models/cfe_md_package.toml"
STAG = "models/separatist_contagion.toml"


def test_the_package_keeps_every_name_of_the_old_module():
    # the names imported from gametheory.assumptions.conditions by code, tests, docs and notebooks
    for name in ("Condition", "Verdict", "MixedCondition", "nash_condition", "unique_condition", "dominance_condition",
                 "survives_dominance_condition", "support_condition", "mixed_conditions", "decide", "HOLDS", "FAILS",
                 "DEPENDS", "_sym_payoffs"):
        assert hasattr(C, name), name


@pytest.mark.slow
def test_package_game_nash_conditions_of_every_profile():
    # Payoffs (Russia, US): (Yes, Yes) = (v_nomd - c_cfe + g + eps_a, v_cfe - v_md + g + eps_a), a lone Yes earns its
    # sayer eps_a, (No, No) = (0, 0).  Assumptions: eps_a >= 0, v_nomd - c_cfe + g >= 0, v_md < v_cfe + g.
    # (Yes, Yes): both gains are >= 0 under the assumptions -> holds everywhere.
    # (Yes, No): the US would get v_cfe - v_md + g + eps_a > 0 by saying Yes -> never.
    # (No, Yes): needs v_nomd - c_cfe + g + eps_a <= 0, possible only on the boundary where it is 0 -> depends;
    #            at the defaults it is 3 > 0 -> fails.
    # (No, No): a lone Yes earns eps_a, so it needs eps_a <= 0 -> depends on eps_a; holds at the default eps_a = 0.
    report = conditions_report(load_model(PACKAGE))
    assert isinstance(report, ConditionsReport)
    assert [p.profile for p in report.profiles] == [{"Russia": a, "US": b} for a in ("Yes", "No") for b in ("Yes", "No")]
    claims = [p.claims[0] for p in report.profiles]
    assert [c.over_ranges.status for c in claims] == ["holds", "fails", "depends", "depends"]
    assert [c.at_defaults.status for c in claims] == ["holds", "fails", "fails", "holds"]
    no_no = claims[3]
    assert no_no.over_ranges.depends_on == ("eps_a",)
    assert no_no.condition.holds_at({"eps_a": 0}) and not no_no.condition.holds_at({"eps_a": F(1, 100)})
    # a mixed equilibrium would need q * (Yes, Yes gain) + (1 - q) * eps_a = 0 with q in (0, 1): impossible when
    # both terms are >= 0 and the first is > 0, so the two-player game lists none
    assert report.mixed == ()
    text = str(report)
    assert text.splitlines()[:3] == [
        "CFE renewal for missile defense, linked in one package",
        # issue 17: the header says the assumptions are applied, in the model file's own wording
        "assumptions: applied (c_cfe > 0, v_md > 0, g >= 0, eps_a >= 0, v_nomd - c_cfe + g >= 0, v_md < v_cfe + g)",
        "verdicts: over the declared ranges; at the defaults",
    ]
    assert "(No, No) is a Nash equilibrium" in text
    assert text.endswith("  none: no support of two or more strategies each can be an equilibrium")
    doc = report.to_json()
    assert doc["mixed"] == [] and len(doc["profiles"]) == 4
    assert doc["profiles"][3]["claims"][0] == {
        "claim": "(No, No) is a Nash equilibrium", "condition": str(no_no.condition.expr), "scope": "",
        # issue 17: the readable form beside the raw one; eps_a <= 0 with eps_a's range starting at 0 is eps_a = 0
        "readable": ["eps_a = 0"],
        "over_ranges": "depends", "depends_on": ["eps_a"], "certified": True, "at_defaults": "holds"}


@pytest.mark.slow
def test_one_profile_gets_five_claims_with_fixed_values():
    # At eps_a = 1/2 every Yes gains: Russia 7/2 > 0 and 1/2 > 0, the US 3/2 > 0 and 1/2 > 0 (defaults otherwise),
    # and over the ranges too (the assumptions make both Yes, Yes gains >= eps_a > 0), so Yes strictly dominates No
    # for both: (Yes, Yes) is a strict equilibrium, the unique one and the dominance solution.
    report = conditions_report(load_model(PACKAGE), {"Russia": "Yes", "US": "Yes"}, fixed={"eps_a": "1/2"})
    (entry,) = report.profiles
    assert [c.condition.claim for c in entry.claims] == [
        "(Yes, Yes) is a Nash equilibrium",
        "(Yes, Yes) is a strict Nash equilibrium",
        "(Yes, Yes) is the unique pure equilibrium",
        "(Yes, Yes) survives iterated strict dominance",
        "iterated strict dominance leaves only (Yes, Yes)",
    ]
    assert [c.over_ranges.status for c in entry.claims] == ["holds"] * 5
    assert [c.at_defaults.status for c in entry.claims] == ["holds"] * 5
    assert report.fixed == {"eps_a": F(1, 2)} and report.mixed is None
    assert "verdicts: over the declared ranges with eps_a=1/2; at the defaults" in str(report)
    assert report.to_json()["mixed"] == []


def test_a_fixed_value_outside_its_range_is_refused():
    with pytest.raises(InputError, match=r"eps_a=2 is outside the declared range \[0, 1\]"):
        conditions_report(load_model(PACKAGE), fixed={"eps_a": 2})


def test_support_report_of_the_stag_hunt():
    # Against a rival declaring with probability p, Declare pays sigma_s*V - c + p*omega*V and Stay 0, so the
    # rival's p = (c - sigma_s*V) / (omega*V): 2 / (4 * 3/4) = 2/3 at the defaults, payoff 0 to both.  It is a
    # probability iff c - sigma_s*V < omega*V: at omega = 2/5, p = 5/4 and the equilibrium is gone.
    model = load_model(STAG)
    both = {"Bosnian Serbs": ["Declare", "Stay"], "Macedonian Albanians": ["Declare", "Stay"]}
    report = support_report(model, both)
    assert isinstance(report, SupportReport)
    mc = report.equilibrium.mixed
    at = mc.at({"V": 4, "c": 2, "sigma_s": 0, "omega": F(3, 4)})
    assert at == {p: {"Declare": F(2, 3), "Stay": F(1, 3)} for p in both}
    doc = report.to_json()
    assert doc["payoffs"] == {"Bosnian Serbs": "0", "Macedonian Albanians": "0"}
    assert doc["support"] == both and doc["at_defaults"] == "holds"
    assert "  payoffs: Bosnian Serbs = 0, Macedonian Albanians = 0" in str(report).splitlines()
    assert support_report(model, both, fixed={"omega": "2/5"}).to_json()["at_defaults"] == "fails"
