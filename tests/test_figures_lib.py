"""The library figures the CLI and the web lab share (gametheory.figures, plots.to_svg), issue 19.

Expected values by hand:

- models/cfe_md_package.toml at its defaults (v_nomd = 4, c_cfe = 1, v_cfe = 3, v_md = 2, g = eps_a = 0):
  (Yes, Yes) pays (4 - 1, 3 - 2) = (3, 1) and is an equilibrium (3 > 0, 1 > 0); (No, No) pays (0, 0) and is
  one too (deviating to Yes pays eps_a = 0, a tie).
- models/cfe_md_bargaining.toml (its header comment, re-derived in tests/test_bargaining_cfe.py): Nash (5/2, 5/4),
  Kalai-Smorodinsky (2, 3/2), egalitarian (5/3, 5/3), utilitarian (3, 1); Rubinstein with deltas 9/10, Russia
  first (50/19, 45/38), US first (45/19, 25/19).
- The pie u1 + u2 <= 1, d = (0, 0): Nash (1/2, 1/2); Rubinstein with deltas (1/2, 1/2), player 1 first,
  x = (1 - d2) / (1 - d1 d2) = (1/2) / (3/4) = 2/3: (2/3, 1/3).
- The blockade model (models/serbia_blockade_offer.toml) over s in [0, 3], w in [0, 5]: the point s = 1, w = 2.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game, solve
from gametheory.assumptions.plots import save, to_svg
from gametheory.assumptions.regions_report import margins_report, regions_report
from gametheory.assumptions.space import Space, Vary, parse_vary
from gametheory.bargaining.request import BargainingRequest, bargain
from gametheory.cli import main
from gametheory.errors import InputError
from gametheory.figures import bargain_figure, check_solve_figure, regions_figure, solve_figure
from gametheory.io.model import load_model

MODELS = Path(__file__).resolve().parent.parent / "models"
PACKAGE = MODELS / "cfe_md_package.toml"
BARGAIN = MODELS / "cfe_md_bargaining.toml"
BLOCKADE = MODELS / "serbia_blockade_offer.toml"
SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: str) -> list[str]:
    """The text of every <text> element, in document order (parsing fails on malformed XML)."""
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return ["".join(t.itertext()).strip() for t in root.iter(SVG + "text")]


def normalized(svg: str) -> str:
    """The SVG without what changes from one render to the next: the date and the hashed ids of clips and marks."""
    svg = re.sub(r"<dc:date>[^<]*</dc:date>", "", svg)
    return re.sub(r"\b([pm])[0-9a-f]{10}\b", r"\1ID", svg)


def marker_lines(ax):
    """The dashed lines of a figure's axes (the current-point marker; thresholds and boundaries are solid)."""
    return [line for line in ax.lines if line.get_linestyle() == "--"]


def point(ax, prefix):
    """The (x, y) of the legend entry whose label starts with ``prefix``."""
    lines = [line for line in ax.lines if line.get_label().startswith(prefix)]
    assert len(lines) == 1, [line.get_label() for line in ax.lines]
    return float(lines[0].get_xdata()[0]), float(lines[0].get_ydata()[0])


# ------------------------------------------------------------------ to_svg
def test_to_svg_of_the_package_game_has_the_payoffs_and_strategies_as_text():
    model = load_model(PACKAGE)
    texts = svg_texts(to_svg(solve_figure(solve(model.game_at({})))))
    # the cell of (Yes, Yes): "3," then "1"; both pure equilibria numbered on the table
    assert texts[:2] == ["3,", "1"]
    assert {"Yes", "No", "Russia \\ US", "equilibrium 1", "equilibrium 2"} <= set(texts)
    assert model.title in texts


def test_to_svg_and_save_render_alike_and_restore_the_rc(tmp_path):
    import matplotlib

    before = dict(matplotlib.rcParams)
    result = solve(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD"))
    out = tmp_path / "pd.svg"
    save(solve_figure(result), out)
    # two figures alike (a constrained layout moves a little at each render of the same figure)
    assert normalized(out.read_text()) == normalized(to_svg(solve_figure(result)))
    assert dict(matplotlib.rcParams) == before  # svg.fonttype none only while rendering


def test_to_svg_from_threads_at_once_keeps_text_as_text_and_leaves_the_rc_as_it_was():
    import matplotlib

    before = matplotlib.rcParams["svg.fonttype"]
    game = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="matching pennies")
    figs = [solve_figure(solve(game)) for _ in range(4)]
    out: list[str] = [""] * len(figs)

    def render(k):
        out[k] = to_svg(figs[k])

    threads = [threading.Thread(target=render, args=(k,)) for k in range(len(figs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all("matching pennies" in svg_texts(svg) for svg in out)
    assert matplotlib.rcParams["svg.fonttype"] == before


def test_figures_are_plain_figures_outside_pyplot():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    open_before = plt.get_fignums()
    model = load_model(BARGAIN)
    figs = [bargain_figure(bargain(model)), solve_figure(solve(model.game_at({}))),
            regions_figure(regions_report(load_model(PACKAGE), [Vary("eps_a", 0, 1, 2)]),
                           Space.from_model(load_model(PACKAGE)), at={"eps_a": F(1, 2)})]
    assert all(type(f) is Figure and f.canvas.manager is None for f in figs)
    assert plt.get_fignums() == open_before


# ------------------------------------------------------------------ regions_figure
def package_strip():
    model = load_model(PACKAGE)
    return regions_report(model, [Vary("eps_a", 0, 1, 2)]), Space.from_model(model)


def test_a_strip_marks_the_current_value_with_a_dashed_line_and_its_exact_value():
    report, space = package_strip()
    fig = regions_figure(report, space, at={"eps_a": F(1, 2), "v_md": 2})  # v_md is not varied: ignored
    (line,) = marker_lines(fig.axes[0])
    assert list(line.get_xdata()) == [0.5, 0.5]
    assert "eps_a = 1/2" in svg_texts(to_svg(fig))


def test_a_strip_takes_rational_strings_and_puts_a_late_label_left_of_the_line():
    report, space = package_strip()
    fig = regions_figure(report, space, at={"eps_a": "3/4"})
    (line,) = marker_lines(fig.axes[0])
    assert list(line.get_xdata()) == [0.75, 0.75]
    label = next(t for t in fig.axes[0].texts if t.get_text().strip() == "eps_a = 3/4")
    assert label.get_ha() == "right"  # past the middle of [0, 1]: the room is on the left


def test_a_strip_without_at_has_no_marker():
    report, space = package_strip()
    assert marker_lines(regions_figure(report, space).axes[0]) == []


def test_a_region_map_marks_the_current_point_with_its_coordinates():
    model = load_model(BLOCKADE)
    space = Space.from_model(model)
    report = regions_report(model, [parse_vary("s=0:3:5", space), parse_vary("w=0:5:5", space)])
    fig = regions_figure(report, space, at={"s": 1, "w": F(2)})
    ax = fig.axes[0]
    marks = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(marks) == 1 and list(marks[0].get_xdata()) == [1.0] and list(marks[0].get_ydata()) == [2.0]
    assert "s = 1, w = 2" in svg_texts(to_svg(fig))
    # one coordinate alone: a dashed line across the map at it
    (line,) = marker_lines(regions_figure(report, space, at={"w": "5/2"}).axes[0])
    assert list(line.get_ydata()) == [2.5, 2.5]


def test_a_margins_chart_ignores_at():
    model = load_model(BLOCKADE)
    space = Space.from_model(model)
    fig = regions_figure(margins_report(model, 1), space, at={"s": 1})
    assert marker_lines(fig.axes[0]) == []


def test_a_bad_at_value_is_an_input_error():
    report, space = package_strip()
    with pytest.raises(InputError, match="eps_a"):
        regions_figure(report, space, at={"eps_a": "half"})


# ------------------------------------------------------------------ bargain_figure
def test_the_bargain_shows_nash_ks_and_rubinstein_at_the_reports_solutions():
    from gametheory.bargaining.rubinstein import rubinstein
    from gametheory.bargaining.solutions import kalai_smorodinsky

    report = bargain(load_model(BARGAIN))
    ax = bargain_figure(report).axes[0]
    nash_xy, ks_xy, rub_xy = point(ax, "Nash solution"), point(ax, "Kalai-Smorodinsky"), point(ax, "Rubinstein (")
    hand = {"nash": (5 / 2, 5 / 4), "ks": (2, 3 / 2), "rubinstein": (50 / 19, 45 / 38)}
    for got, want in ((nash_xy, hand["nash"]), (ks_xy, hand["ks"]), (rub_xy, hand["rubinstein"])):
        assert got == pytest.approx(want, abs=1e-12)
    assert nash_xy == pytest.approx([float(u) for u in report.solution.utilities], abs=1e-12)
    assert ks_xy == pytest.approx([float(u) for u in kalai_smorodinsky(report.problem).utilities], abs=1e-12)
    sub = rubinstein(report.problem, report.deltas, report.first)
    assert rub_xy == pytest.approx([float(u) for u in sub.utilities], abs=1e-12)
    labels = ax.get_legend_handles_labels()[1]
    assert "Rubinstein (50/19, 45/38)" in labels and "Rubinstein: deltas 9/10, 9/10; Russia offers first" in labels
    assert point(ax, "egalitarian") == pytest.approx((5 / 3, 5 / 3)) and point(ax, "utilitarian") == (3.0, 1.0)


def test_the_requests_first_proposer_moves_the_rubinstein_point():
    report = bargain(load_model(BARGAIN), BargainingRequest(first="US"))
    assert report.solution.method == "nash"
    assert point(bargain_figure(report).axes[0], "Rubinstein (") == pytest.approx((45 / 19, 25 / 19), abs=1e-12)


def test_rubinstein_as_the_solution_is_drawn_once():
    report = bargain(load_model(BARGAIN), BargainingRequest(solution="rubinstein"))
    ax = bargain_figure(report).axes[0]
    assert point(ax, "Rubinstein (") == pytest.approx((50 / 19, 45 / 38), abs=1e-12)
    assert point(ax, "Nash solution") == pytest.approx((5 / 2, 5 / 4), abs=1e-12)


PIE = Game.from_bimatrix([[1, 0], [0, 0]], [[0, 1], [0, 0]], players=["A", "B"], title="pie")


def test_without_discount_factors_the_rubinstein_point_is_left_out_and_the_legend_says_so():
    report = bargain(PIE, BargainingRequest(disagreement=(0, 0)))
    ax = bargain_figure(report).axes[0]
    assert point(ax, "Nash solution") == pytest.approx((0.5, 0.5))
    labels = ax.get_legend_handles_labels()[1]
    assert "Rubinstein: no discount factors given" in labels
    assert not any(label.startswith("Rubinstein (") for label in labels)


def test_discount_factors_of_the_request_bring_the_rubinstein_point():
    report = bargain(PIE, BargainingRequest(disagreement=(0, 0), deltas=("1/2", "1/2")))
    ax = bargain_figure(report).axes[0]
    assert point(ax, "Rubinstein (") == pytest.approx((2 / 3, 1 / 3), abs=1e-12)
    assert "Rubinstein (2/3, 1/3)" in svg_texts(to_svg(bargain_figure(report)))


# ------------------------------------------------------------------ the CLI draws the library's figures
def test_regions_plot_writes_the_library_figure(tmp_path, capsys):
    out = tmp_path / "strip.svg"
    assert main(["regions", str(PACKAGE), "--vary", "eps_a", "--plot", str(out)]) == 0
    capsys.readouterr()
    model = load_model(PACKAGE)
    space = Space.from_model(model)
    fig = regions_figure(regions_report(model, [parse_vary("eps_a", space)]), space)
    assert svg_texts(out.read_text()) == svg_texts(to_svg(fig))
    assert normalized(out.read_text()) == normalized(to_svg(fig))


def test_bargain_plot_writes_the_library_figure_with_the_rubinstein_point(tmp_path, capsys):
    out = tmp_path / "bargain.svg"
    assert main(["bargain", str(BARGAIN), "--first", "US", "--plot", str(out)]) == 0
    capsys.readouterr()
    fig = bargain_figure(bargain(load_model(BARGAIN), BargainingRequest(first="US")))
    texts = svg_texts(out.read_text())
    assert texts == svg_texts(to_svg(fig))
    assert normalized(out.read_text()) == normalized(to_svg(fig))
    assert "Rubinstein (45/19, 25/19)" in texts


def test_bargain_plot_with_bad_discount_factors_is_one_error_line(tmp_path, capsys):
    out = tmp_path / "bargain.svg"
    assert main(["bargain", str(BARGAIN), "--delta", "2,1/2", "--plot", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "between 0 and 1" in err[0]
    assert not out.exists()


# ------------------------------------------------------------------ solve_figure
def test_solve_figure_refuses_a_three_player_game():
    game = load_model(MODELS / "serbia_border_reinforcement_3p.toml").game_at({})
    with pytest.raises(InputError, match="this game has 3 players"):
        check_solve_figure(game)
    with pytest.raises(InputError, match="this game has 3 players"):
        solve_figure(solve(game))


def test_solve_figure_of_a_tree_marks_the_first_equilibriums_path():
    from gametheory.io.model import load_any_model
    from gametheory.solvers import solve_tree

    tree = load_any_model(MODELS / "serbia_blockade_offer_tree.toml").tree_at({})
    result = solve_tree(tree, "spe")
    texts = svg_texts(to_svg(solve_figure(result, tree)))
    assert {"Offer", "No offer", "Cooperate", "Blockade"} <= set(texts)


BLOCKADE_TREE = MODELS / "serbia_blockade_offer_tree.toml"
SIGNALING = MODELS / "serbia_resolve_signaling.toml"


def library_solve_figure(path, method="auto"):
    """What solve --plot draws, through the library: load, solve as the command does, solve_figure."""
    from gametheory.io import load_any
    from gametheory.solvers import solve_tree
    from gametheory.solvers.incomplete import is_incomplete_information, solve_incomplete
    from gametheory.tree import Tree

    game, _ = load_any(path)
    if is_incomplete_information(game):
        return solve_figure(solve_incomplete(game, method), game)
    if isinstance(game, Tree):
        return solve_figure(solve_tree(game, method), game)
    return solve_figure(solve(game, method))


@pytest.mark.parametrize("path, method", [(PACKAGE, "auto"), (BLOCKADE, "auto"), (BLOCKADE_TREE, "auto"),
                                          (SIGNALING, "auto"), (SIGNALING, "spe")],
                         ids=["2x2", "2xN", "tree", "signaling-pbe", "signaling-spe"])
def test_solve_plot_draws_what_solve_figure_draws(path, method, tmp_path, capsys):
    out = tmp_path / "solve.svg"
    assert main(["solve", str(path), "--method", method, "--plot", str(out)]) == 0
    capsys.readouterr()
    assert normalized(out.read_text()) == normalized(to_svg(library_solve_figure(path, method)))


def test_solve_figure_refuses_a_bayesian_game():
    from gametheory.bayesian.game import BayesianGame
    from gametheory.solvers.incomplete import solve_incomplete

    meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    game = BayesianGame(["1", "2"], {"1": ["-"], "2": ["meet"]}, {"1": ["B", "S"], "2": ["B", "S"]},
                        {"2": {"meet": 1}}, {(("-", "meet"), a): v for a, v in meet.items()})
    with pytest.raises(InputError, match="a Bayesian game has no tree to draw"):
        check_solve_figure(game)
    with pytest.raises(InputError, match="a Bayesian game has no tree to draw"):
        solve_figure(solve_incomplete(game))
