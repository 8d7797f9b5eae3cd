"""The folk-theorem picture (gametheory.repeated.folk_plot).

The drawn shapes are compared with coordinates computed by hand for the
prisoner's dilemma (vertices (0,5), (1,1), (5,0), (3,3); the individually
rational part cut at u >= (1,1) has the vertices (1,1), (13/3,1), (3,3),
(1,13/3)); the files are checked by their magic bytes.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from matplotlib.patches import Polygon  # noqa: E402

from gametheory import Game  # noqa: E402
from gametheory.errors import InputError  # noqa: E402
from gametheory.profile import MixedProfile  # noqa: E402
from gametheory.repeated.feasible import feasible_set  # noqa: E402
from gametheory.repeated.folk_plot import plot_folk  # noqa: E402
from gametheory.repeated.minmax import minmax_values  # noqa: E402


def pd() -> Game:
    return Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"],
                              strategies=[["C", "D"], ["C", "D"]])


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def polygons(ax) -> list[np.ndarray]:
    """Vertices of the filled patches (without the closing repeat)."""
    return [p.get_xy()[:-1] for p in ax.patches if isinstance(p, Polygon)]


def test_prisoners_dilemma_picture(tmp_path):
    g = pd()
    mm = minmax_values(g)
    fs = feasible_set(g, mm)
    ne = MixedProfile.pure(g, {"A": "D", "B": "D"})
    out = tmp_path / "folk.png"
    fig = plot_folk(fs, mm, [ne], {"A": "C", "B": "C"}, out, title="PD")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (ax,) = fig.axes
    polys = polygons(ax)
    assert len(polys) == 2
    feas, ir = polys
    assert np.allclose(feas, [(0, 5), (1, 1), (5, 0), (3, 3)])
    assert np.allclose(ir, [(1, 1), (13 / 3, 1), (3, 3), (1, 13 / 3)])
    texts = legend_texts(ax)
    assert "feasible set" in texts
    assert "individually rational (>= mixed minmax)" in texts
    assert "mixed minmax (1, 1)" in texts
    assert "stage Nash equilibria" in texts
    assert "target (A=C, B=C)" in texts
    # pure and mixed minmax coincide in the PD: no separate pure-minmax marker
    assert not any(t.startswith("pure minmax") for t in texts)
    # the target star sits at (3, 3), the equilibrium ring at (1, 1)
    marks = {ln.get_label(): tuple(np.asarray(ln.get_xydata())[0]) for ln in ax.lines if not ln.get_label().startswith("_")}
    assert marks["target (A=C, B=C)"] == (3.0, 3.0)
    assert marks["stage Nash equilibria"] == (1.0, 1.0)
    assert ax.get_xlabel() == "payoff of A" and ax.get_ylabel() == "payoff of B"


def test_pure_minmax_marked_when_it_differs_and_svg_keeps_text(tmp_path):
    # Row's payoffs [[2, -1], [-1, 1]]: pure minmax 1, mixed 1/5 (hand computation in test_repeated_minmax)
    g = Game.from_bimatrix([[2, -1], [-1, 1]], [[0, 1], [1, 0]], players=["R", "C"],
                           strategies=[["u", "d"], ["l", "r"]])
    mm = minmax_values(g)
    fs = feasible_set(g, mm)
    out = tmp_path / "folk.svg"
    fig = plot_folk(fs, mm, [], None, out)
    texts = legend_texts(fig.axes[0])
    assert "pure minmax (1, 1)" in texts and "mixed minmax (0.2, 0.5)" in texts
    assert not any(t.startswith("target") for t in texts)
    assert "payoff of R" in out.read_text()


def test_degenerate_feasible_set_is_drawn_as_a_segment():
    g = Game.zero_sum([[1, -1], [-1, 1]], players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])
    mm = minmax_values(g)
    fig = plot_folk(feasible_set(g, mm), mm)
    ax = fig.axes[0]
    assert polygons(ax) == []
    seg = [ln for ln in ax.lines if ln.get_label() == "feasible set"]
    assert len(seg) == 1 and np.allclose(seg[0].get_xydata(), [(-1, 1), (1, -1)])


def test_three_players_one_panel_per_pair(tmp_path):
    pay = np.zeros((2, 2, 2, 3), dtype=int)
    pay[0, 0, 0] = (2, 2, 2)
    pay[1, 1, 1] = (1, 1, 1)
    pay[1, 0, 0] = (3, 0, 0)
    g = Game(pay, players=["P", "Q", "R"], strategies=[["c", "d"]] * 3)
    mm = minmax_values(g)
    fig = plot_folk(feasible_set(g, mm), mm, [], {"P": "c", "Q": "c", "R": "c"}, tmp_path / "f3.pdf")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [(ax.get_xlabel(), ax.get_ylabel()) for ax in visible] == [
        ("payoff of P", "payoff of Q"), ("payoff of P", "payoff of R"), ("payoff of Q", "payoff of R")]
    # the (P, Q) projection: hull of (2,2), (1,1), (3,0), (0,0); (1,1) lies on the edge from (0,0) to (2,2)
    assert set(map(tuple, polygons(visible[0])[0].tolist())) == {(0.0, 0.0), (3.0, 0.0), (2.0, 2.0)}
    assert (tmp_path / "f3.pdf").read_bytes()[:5] == b"%PDF-"
    assert "target (P=c, Q=c, R=c)" in legend_texts(visible[0])


def test_bad_inputs():
    g = pd()
    mm = minmax_values(g)
    fs = feasible_set(g, mm)
    with pytest.raises(InputError, match="not a pure profile"):
        plot_folk(fs, mm, [], {"A": "C", "B": "X"})
    with pytest.raises(InputError, match="another game"):
        plot_folk(fs, minmax_values(Game.from_bimatrix([[1]], [[1]])))
    with pytest.raises(InputError, match=r"\.png, \.pdf or \.svg"):
        plot_folk(fs, mm, path="folk.txt")


def test_battle_of_the_sexes_marks_every_stage_equilibrium():
    from gametheory.repeated.stage import stage_equilibria

    # equilibria (T, L) -> (2, 1), (B, R) -> (1, 2), and the mixed one: Row plays T w.p. 2/3 (Col indifferent:
    # p = 2(1 - p)), Col plays L w.p. 1/3 (Row indifferent: 2q = 1 - q), payoffs (2/3, 2/3), which is
    # also the mixed minmax point (min_q max(2q, 1 - q) = 2/3)
    g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Row", "Col"],
                           strategies=[["T", "B"], ["L", "R"]])
    mm = minmax_values(g)
    fig = plot_folk(feasible_set(g, mm), mm, stage_equilibria(g), {"Row": "T", "Col": "R"})
    ax = fig.axes[0]
    rings = [tuple(np.round(ln.get_xydata()[0], 9)) for ln in ax.lines if ln.get_marker() == "o"]
    assert sorted(rings) == sorted([(2.0, 1.0), (1.0, 2.0), (round(2 / 3, 9), round(2 / 3, 9))])
    assert "mixed minmax (0.667, 0.667)" in legend_texts(ax)
    assert "target (Row=T, Col=R)" in legend_texts(ax)
