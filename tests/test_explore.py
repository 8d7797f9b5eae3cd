"""gametheory.explore: sliders over a model's parameters, driven here without a browser or a kernel.

Expected values are derived by hand from the model files' payoffs.  In the blockade model
(models/serbia_blockade_offer.toml) Serbia's net payoff from a blockade is Delta = s*h + t - c_blockade,
2s - 1 at the other defaults (h = c_blockade = 2, t = 1, w = 3, sigma = 4, o = 1):

* (No offer, Blockade always) is a Nash equilibrium iff Delta >= 0 (Serbia gets Delta, else 0 by
  cooperating; the West gets -sigma either way), i.e. s >= 1/2;
* (No offer, Cooperate always) iff Delta <= 0 (Serbia gets 0, else Delta by blockading; the West gets
  0 > -o by not offering), i.e. s <= 1/2;
* the equilibrium set therefore changes at s = 1/2 (Delta = 0) and at s = 2 (Delta = w, where the offer
  stops buying cooperation); with w = 4 the second threshold moves to 2s - 1 = 4, s = 5/2.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

import gametheory
from gametheory import Explorer, InputError, explore

MODELS = Path(__file__).resolve().parent.parent / "models"
BLOCKADE = MODELS / "serbia_blockade_offer.toml"


def pure_profiles(result) -> set[tuple[str, ...]]:
    """The pure equilibria of a normal-form result, as tuples of strategy labels."""
    out = set()
    for eq in result:
        support = eq.profile.support()
        if all(len(s) == 1 for s in support.values()):
            out.add(tuple(s[0] for s in support.values()))
    return out


def test_moving_spite_below_one_half_makes_no_offer_and_cooperation_an_equilibrium():
    ex = Explorer(BLOCKADE, region=None)
    at_default = pure_profiles(ex.state.result)  # s = 3/2: Delta = 2 > 0
    assert ("No offer", "Blockade always") in at_default
    assert ("No offer", "Cooperate always") not in at_default
    state = ex.update(s=F(49, 100))  # Delta = -1/50 < 0
    below = pure_profiles(state.result)
    assert ("No offer", "Cooperate always") in below
    assert ("No offer", "Blockade always") not in below
    # the offer is still answered by cooperation (w = 3 > Delta): the offer equilibria stay
    assert ("Offer", "Cooperate only if offered") in below
    assert state.values["s"] == F(49, 100) and all(type(v) is F for v in state.values.values())


def test_values_are_checked_against_the_declared_ranges():
    ex = Explorer(BLOCKADE, region=None)
    with pytest.raises(InputError, match="outside the declared range"):
        ex.update(s=4)
    with pytest.raises(InputError, match="unknown parameter"):
        ex.update(spite=1)
    assert ex.values["s"] == F(3, 2)  # unchanged by the refused values


def test_explore_refuses_a_model_it_cannot_show():
    with pytest.raises(InputError, match="normal-form or game-tree model"):
        Explorer(MODELS / "serbia_resolve_signaling.toml")


def test_the_widget_has_one_slider_per_parameter_over_its_declared_range():
    box = explore(BLOCKADE, region=None)
    ex = box.explorer
    model = ex.model
    assert list(ex.sliders) == list(model.parameters)
    for name, p in model.parameters.items():
        slider, text = ex.sliders[name], ex.texts[name]
        assert (slider.min, slider.max) == (float(p.range[0]), float(p.range[1]))
        assert slider.value == float(p.default) and text.value == str(p.default)
    assert ex.texts["s"].value == "3/2"  # the exact value, as a fraction


def test_moving_a_slider_solves_again_and_shows_the_new_equilibria():
    box = explore(BLOCKADE, region=None)
    ex = box.explorer
    shown = ex.outputs["equilibria"]
    before = shown.outputs[0]["data"]["text/plain"]
    assert "No offer: 1}; Serbia: {Cooperate always: 1}" not in before
    ex.sliders["s"].value = 0.49
    assert ex.values["s"] == F(49, 100) and type(ex.values["s"]) is F  # exact, not the float 0.49
    assert ex.texts["s"].value == "49/100"
    assert ("No offer", "Cooperate always") in pure_profiles(ex.state.result)
    after = shown.outputs[0]["data"]["text/plain"]
    assert "No offer: 1}; Serbia: {Cooperate always: 1}" in after


def test_a_typed_exact_value_moves_the_slider_and_a_bad_one_is_refused():
    ex = explore(BLOCKADE, region=None).explorer
    ex.texts["s"].value = "1/2"  # Delta = 0: Serbia is indifferent without an offer, both replies are equilibria
    assert ex.values["s"] == F(1, 2) and ex.sliders["s"].value == 0.5
    profiles = pure_profiles(ex.state.result)
    assert {("No offer", "Blockade always"), ("No offer", "Cooperate always")} <= profiles
    ex.texts["s"].value = "4"  # outside [0, 3]
    assert ex.values["s"] == F(1, 2) and ex.texts["s"].value == "1/2"
    assert "outside the declared range" in ex.message.value  # said in the message line


@pytest.mark.slow
def test_the_region_strip_has_the_exact_thresholds_and_marks_the_current_value():
    ex = explore(BLOCKADE).explorer
    assert ex.region == "s"  # the first swept parameter the payoffs depend on
    assert [th.value for th in ex.state.region.thresholds] == [F(1, 2), 2]
    ex.sliders["s"].value = 0.49
    ax = ex.state.region_figure.axes[0]
    assert any(list(line.get_xdata()) == [0.49, 0.49] for line in ax.lines)  # the marker
    assert "image/png" in ex.outputs["region"].outputs[0]["data"]
    # the strip follows the other sliders: with w = 4 the offer fails where Delta = 2s - 1 = 4
    ex.sliders["w"].value = 4
    assert [th.value for th in ex.state.region.thresholds] == [F(1, 2), F(5, 2)]
    # along w, at s = 3/2 (Delta = 2): w is weighed only against Delta, so the one threshold is w = 2
    ex.sliders["s"].value = 1.5
    assert [th.value for th in ex.set_region("w").region.thresholds] == [2]
    with pytest.raises(InputError, match="unknown parameter"):
        ex.set_region("spite")
    assert ex.region == "w"


def test_a_game_tree_model_shows_its_subgame_perfect_equilibria():
    ex = explore(MODELS / "serbia_blockade_offer_tree.toml").explorer
    paths = lambda: sorted(tuple(action for _, action in eq.path) for eq in ex.state.result)  # noqa: E731
    # Delta = 2: Serbia cooperates after an offer (w = 3 > 2), blockades without one (2 > 0); the West offers
    # (-o = -1 > -sigma = -4)
    assert ex.state.result.concept == "subgame-perfect" and paths() == [("Offer", "Cooperate")]
    ex.sliders["s"].value = 0.49  # Delta < 0: Serbia cooperates without an offer, so the West offers nothing
    assert paths() == [("No offer", "Cooperate")]
    ex.update(s=3, w=1)  # Delta = 5 > w: Serbia blockades either way; the West gets -sigma either way, a tie
    assert paths() == [("No offer", "Blockade"), ("Offer", "Blockade")]
    assert set(ex.outputs) == {"equilibria"} and ex.state.region is None


def test_a_model_with_a_bargaining_table_redraws_the_bargain():
    ex = explore(MODELS / "cfe_md_bargaining.toml", region=None).explorer
    # at the defaults, the Nash solution x = 7/8 on y = 1 (models/cfe_md_bargaining.toml): (5/2, 5/4)
    assert ex.state.bargaining.solution.utilities == (F(5, 2), F(5, 4))
    before = ex.outputs["bargaining"].outputs[0]["data"]["image/png"]
    ex.sliders["v_md"].value = 1
    # u_Russia = 4x - y, u_US = 3y - x: on y = 1 the product (4x - 1)(3 - x) grows up to x = 13/8 > 1, and on
    # x = 1 the product (4 - y)(3y - 1) up to y = 13/6 > 1, so the solution is the corner x = y = 1: (3, 2)
    assert ex.state.bargaining.solution.utilities == (F(3), F(2))
    ax = ex.state.bargaining_figure.axes[0]
    assert any(list(line.get_xdata()) == [3.0] and list(line.get_ydata()) == [2.0] for line in ax.lines)
    assert ex.outputs["bargaining"].outputs[0]["data"]["image/png"] != before


def test_explore_is_exported_lazily(fresh_python):
    got = fresh_python("import gametheory\nprint(callable(gametheory.explore))\n")
    assert got.out.strip() == "True"
    got = fresh_python("import gametheory\n")
    assert "gametheory.explorer" not in got.modules and "ipywidgets" not in got.modules
    assert gametheory.explore is explore


def test_values_that_break_an_assumption_are_warned_about():
    # cfe_md_package assumes v_md < v_cfe + g (3 at the defaults): v_md = 4 breaks it, v_md = 2 does not
    from gametheory.explorer import Explorer
    from gametheory.io.model import load_model

    ex = Explorer(load_model("models/cfe_md_package.toml"))
    assert not [n for n in ex.update(v_md=2).notes if n.startswith("warning:")]
    assert "warning: these values break the assumption v_md < v_cfe + g" in ex.update(v_md=4).notes
