"""Slide-ready figures (issue 17): formats by extension, --dpi, exact region polygons, labels for people.

Expected values are derived by hand.  In the blockade model (models/serbia_blockade_offer.toml) Serbia's
net payoff from a blockade is Delta = s*h + t - c_blockade; at h = c_blockade = 2, t = 1 it is 2s - 1.
(No offer, Blockade always) is an equilibrium iff Delta >= 0 (s >= 1/2), and the offer buys cooperation iff
w >= Delta, i.e. above the line w = 2s - 1.  So over s in [0, 3], w in [0, 5] the boundaries are the lines
s = 1/2 and w = 2s - 1 (which meets w = 0 at s = 1/2 and w = 5 at s = 3): three regions, the triangle below the
line being {(1/2, 0), (3, 0), (3, 5)}.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from gametheory.cli import main

MODELS = Path(__file__).resolve().parent.parent / "models"
BLOCKADE = MODELS / "serbia_blockade_offer.toml"
BLOCKADE_TREE = MODELS / "serbia_blockade_offer_tree.toml"
PACKAGE = MODELS / "cfe_md_package.toml"
BARGAIN = MODELS / "cfe_md_bargaining.toml"
# the prisoner's dilemma in Gambit's format: payoffs of (C,C), (D,C), (C,D), (D,D)
PD_NFG = 'NFG 1 R "PD" { "A" "B" } { { "C" "D" } { "C" "D" } }\n3 3 5 0 0 5 1 1\n'


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk follows the 8-byte signature)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def check_format(path: Path) -> None:
    data = path.read_bytes()
    ext = path.suffix
    if ext == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif ext == ".pdf":
        assert data[:5] == b"%PDF-"
    else:
        root = ET.fromstring(data)  # well-formed XML
        assert root.tag.endswith("svg")
        assert b"<svg" in data


@pytest.fixture
def pd_nfg(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text(PD_NFG)
    return path


def commands(pd: Path) -> dict[str, list[str]]:
    """Every plotting command, its --plot left off."""
    return {
        "regions-2d": ["regions", str(BLOCKADE), "--vary", "s=0:3:5", "--vary", "w=0:5:5"],
        "regions-1d": ["regions", str(BLOCKADE), "--vary", "s"],
        "margins": ["regions", str(BLOCKADE), "--margins"],
        "robust": ["robust", str(PACKAGE), "--draws", "200"],
        "bargain": ["bargain", str(BARGAIN)],
        "repeated": ["repeated", str(pd)],
        "solve": ["solve", str(PACKAGE)],
        "solve-2xN": ["solve", str(BLOCKADE)],
        "solve-tree": ["solve", str(BLOCKADE_TREE)],
    }


PLOTTERS = ["regions-2d", "regions-1d", "margins", "robust", "bargain", "repeated", "solve", "solve-2xN",
            "solve-tree"]


@pytest.mark.parametrize("name", PLOTTERS)
@pytest.mark.parametrize("ext", [".png", ".svg", ".pdf"])
def test_each_plotting_command_writes_the_format_of_the_extension(name, ext, pd_nfg, tmp_path, capsys):
    out = tmp_path / f"figure{ext}"
    assert main(commands(pd_nfg)[name] + ["--plot", str(out), "--dpi", "50"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    check_format(out)


def test_plot_play_writes_each_format(pd_nfg, tmp_path):
    for ext in (".png", ".svg", ".pdf"):
        out = tmp_path / f"play{ext}"
        assert main(["repeated", str(pd_nfg), "--automaton", "A=tit-for-tat", "--automaton", "B=grim",
                     "--rounds", "6", "--plot-play", str(out), "--dpi", "40"]) == 0
        check_format(out)


def _png_sizes_at_50_and_100_dpi(name, pd_nfg, tmp_path):
    sizes = []
    for dpi in (50, 100):
        out = tmp_path / f"{name}{dpi}.png"
        assert main(commands(pd_nfg)[name] + ["--plot", str(out), "--dpi", str(dpi)]) == 0
        sizes.append(png_size(out))
    return sizes


@pytest.mark.parametrize("name", ["solve", "robust", "regions-1d"])
def test_dpi_scales_a_png_exactly_for_constrained_layouts(name, pd_nfg, tmp_path):
    (w1, h1), (w2, h2) = _png_sizes_at_50_and_100_dpi(name, pd_nfg, tmp_path)
    assert abs(w2 - 2 * w1) <= 2 and abs(h2 - 2 * h1) <= 2


@pytest.mark.parametrize("name", ["bargain", "repeated"])
def test_dpi_scales_a_png_with_a_tight_bounding_box(name, pd_nfg, tmp_path):
    (w1, h1), (w2, h2) = _png_sizes_at_50_and_100_dpi(name, pd_nfg, tmp_path)
    assert w2 / w1 == pytest.approx(2, rel=0.05) and h2 / h1 == pytest.approx(2, rel=0.05)


def test_default_png_resolution_is_150_dpi(tmp_path):
    from gametheory.assumptions.plots import DEFAULT_DPI

    out, ref = tmp_path / "default.png", tmp_path / "150.png"
    assert main(["solve", str(PACKAGE), "--plot", str(out)]) == 0
    assert main(["solve", str(PACKAGE), "--plot", str(ref), "--dpi", "150"]) == 0
    assert DEFAULT_DPI == 150 and png_size(out) == png_size(ref)


@pytest.mark.parametrize("name", PLOTTERS + ["plot-play"])
def test_other_extensions_are_refused_with_exit_2_and_one_error_line(name, pd_nfg, tmp_path, capsys):
    out = tmp_path / "figure.jpg"
    if name == "plot-play":
        argv = ["repeated", str(pd_nfg), "--automaton", "A=grim", "--automaton", "B=grim", "--rounds", "3",
                "--plot-play", str(out)]
    else:
        argv = commands(pd_nfg)[name] + ["--plot", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and ".jpg" in err[0]
    assert not out.exists()


@pytest.mark.parametrize("dpi", ["0", "-3", "abc", "5000"])
def test_bad_dpi_is_an_argument_error(dpi, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["solve", str(PACKAGE), "--plot", str(tmp_path / "x.png"), "--dpi", dpi])
    assert exc.value.code == 2


# ------------------------------------------------------------------ the region map: exact polygons
def blockade_map():
    from gametheory.assumptions.regions import regions_2d
    from gametheory.assumptions.space import Space, parse_vary
    from gametheory.io.model import load_model

    model = load_model(BLOCKADE)
    space = Space.from_model(model)
    return model.game, space, regions_2d(model.game, space, parse_vary("s", space), parse_vary("w", space))


def test_region_polygons_of_the_blockade_model_lie_on_the_exact_boundaries():
    from gametheory.assumptions.region_cells import region_polygons

    game, _, rmap = blockade_map()
    polys = region_polygons(game, rmap)
    assert polys is not None and len(polys) == 3
    half = sympy.Rational(1, 2)
    for poly in polys:
        for s, w in poly.vertices:
            assert isinstance(s, sympy.Rational) and isinstance(w, sympy.Rational)  # exact, not floats
            on = [s == 0, s == 3, w == 0, w == 5, s == half, w == 2 * s - 1]
            assert any(on), (s, w)
    assert sum(p.area for p in polys) == 15  # the whole box [0, 3] x [0, 5], no gaps, no overlaps
    below = {"No offer", "Offer"}
    triangle = [p for p in polys if {sup[0][0] for sup in p.signature} == below
                and all(sup[1] == ("Blockade always",) for sup in p.signature)]
    assert len(triangle) == 1
    assert set(triangle[0].vertices) == {(half, 0), (3, 0), (3, 5)}
    left = [p for p in polys if all(v[0] <= half for v in p.vertices)]
    assert len(left) == 1 and set(left[0].vertices) == {(0, 0), (half, 0), (half, 5), (0, 5)}
    # left of s = 1/2 Delta < 0: the blockade is no threat, (No offer, Cooperate always) is an equilibrium
    assert (("No offer",), ("Cooperate always",)) in left[0].signature


def test_region_map_is_drawn_as_polygons_with_meanings_on_the_axes():
    from matplotlib.collections import QuadMesh
    from matplotlib.patches import Polygon

    from gametheory.assumptions.plots import region_map

    game, space, rmap = blockade_map()
    fig = region_map(rmap, game, space=space)
    ax = fig.axes[0]
    assert not any(isinstance(c, QuadMesh) for c in ax.collections)  # no raster
    patches = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(patches) == 3
    corners = {tuple(round(float(c), 9) for c in v) for p in patches for v in p.get_xy()}
    assert (0.5, 0.0) in corners and (3.0, 5.0) in corners
    assert ax.get_xlabel() == "weight of spite (s)"
    assert ax.get_ylabel().startswith("value to Serbia of what the West") and ax.get_ylabel().endswith("(w)")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert all(len(t) < 100 for t in legend)
    assert any("boundary $s = \\frac{1}{2}$" in t for t in legend)
    assert any(t.startswith("boundary $w = 2 s - 1$") for t in legend)


def test_curved_boundaries_are_drawn_as_contours_not_a_raster():
    from matplotlib.collections import QuadMesh

    from gametheory import Game
    from gametheory.assumptions.plots import region_map
    from gametheory.assumptions.region_cells import region_polygons
    from gametheory.assumptions.regions import regions_2d
    from gametheory.assumptions.space import Space, Vary

    x, y = sympy.symbols("x y", real=True)
    # (T, L) is an equilibrium iff x*y >= 1/4 (row) -- a hyperbola; (B, R) always is
    game = Game.from_bimatrix([[x * y - sympy.Rational(1, 4), 0], [0, 1]], [[1, 0], [0, 1]])
    space = Space(("x", "y"), {"x": 1, "y": 1}, {"x": (0, 1), "y": (0, 1)})
    rmap = regions_2d(game, space, Vary("x", Fraction(0), Fraction(1), 21), Vary("y", Fraction(0), Fraction(1), 21))
    assert region_polygons(game, rmap) is None
    fig = region_map(rmap, game, space=space)
    ax = fig.axes[0]
    assert not any(isinstance(c, QuadMesh) for c in ax.collections)
    assert ax.get_xlabel() == "x"


def test_region_names_are_short():
    from gametheory.assumptions.plots import region_name

    t, b = (("T",), ("L",)), (("B",), ("R",))
    mixed = (("T", "B"), ("L", "R"))
    extra = [(("X",), ("L",)), (("Y",), ("L",))]
    name = region_name((t, b, mixed, *extra), others=[(t,), (t, b)])
    assert name.startswith("5 equilibria: ") and name.endswith("+3 more")
    assert name.count("(") == 2


# ------------------------------------------------------------------ robust: predictions named
def test_robust_bars_name_the_predictions(tmp_path):
    from gametheory.assumptions.montecarlo import robustness
    from gametheory.assumptions.plots import share_bars
    from gametheory.assumptions.space import Space
    from gametheory.io.model import load_model

    model = load_model(BLOCKADE)
    res = robustness(model.game, Space.from_model(model), 50, seed=1, predictions=model.predictions)
    labels = [t.get_text() for t in share_bars(res, predictions=model.predictions).axes[0].get_yticklabels()]
    assert "1. (Offer, Cooperate only if offered) is an equilibrium" in labels
    assert "3. (No offer, Cooperate always) is not an equilibrium" in labels
    assert "5. 3 extreme equilibria" in labels
    assert not any(t.startswith("prediction:") for t in labels)


# ------------------------------------------------------------------ solve --plot: the table and the diagram
def marked_points(ax) -> set[tuple[float, float]]:
    return {(round(float(x), 9), round(float(y), 9)) for line in ax.get_lines() if line.get_marker() == "o"
            for x, y in zip(line.get_xdata(), line.get_ydata())}


def test_best_response_square_of_the_battle_of_the_sexes():
    from gametheory import Game, solve
    from gametheory.game_figure import game_figure

    # row indifferent when 3q = 2(1 - q): q = 2/5; column when 2p = 3(1 - p): p = 3/5
    g = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    fig = game_figure(g, solve(g).equilibria)
    table, square = fig.axes
    assert marked_points(square) == {(1.0, 1.0), (0.6, 0.4), (0.0, 0.0)}
    row_line = next(line for line in square.get_lines() if "Player 1's" in str(line.get_label()))
    assert (0.0, 0.4) in set(zip(row_line.get_xdata(), row_line.get_ydata()))  # the jump at q = 2/5, exactly
    assert "equilibrium 2 (mixed): Player 1 3/5 1 + 2/5 2; Player 2 2/5 1 + 3/5 2" in table.get_title()


def test_payoff_table_marks_best_responses_and_pure_equilibria():
    from gametheory import Game
    from gametheory.game_figure import best_response_marks

    # matching pennies: no pure equilibrium; each cell has exactly one best response
    rb, cb = best_response_marks(Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert not (rb & cb).any() and (rb ^ cb).all()


def test_two_by_n_diagram_of_the_blockade_model():
    from gametheory import solve
    from gametheory.game_figure import game_figure
    from gametheory.io import load_source

    game, _ = load_source(str(BLOCKADE))
    fig = game_figure(game, solve(game).equilibria)
    diagram = fig.axes[1]
    # Serbia's payoff lines against p = P(Offer): CB runs from Delta = 2 (p = 0) to w = 3 (p = 1) and is the
    # upper envelope; the equilibria sit at (0, 2) (No offer, BB) and (1, 3) (the offer, answered by CB or CC)
    assert marked_points(diagram) == {(0.0, 2.0), (1.0, 3.0)}
    labels = [t.get_text() for t in diagram.get_legend().get_texts()]
    assert "best response: Cooperate only if offered" in labels
    assert "Blockade only if offered: never a best response" in labels
    assert "Blockade always: a best response only at p = 0" in labels


def test_solve_plot_refuses_three_players(tmp_path, capsys):
    code = main(["solve", str(MODELS / "serbia_border_reinforcement_3p.toml"), "--plot", str(tmp_path / "x.png")])
    assert code == 2
    assert "two-player" in capsys.readouterr().err


def test_space_label_cuts_the_meaning_at_its_first_clause():
    from gametheory.assumptions.space import Space
    from gametheory.io.model import load_model

    space = Space.from_model(load_model(BLOCKADE))
    assert space.label("s") == "weight of spite (s)"  # "weight of spite: Serbia's gain per unit ..."
    assert space.label("h") == "Kosovo's harm from a Serbian blockade (h)"
    assert space.label("c_blockade") == "Serbia's own cost of a blockade (c_blockade)"  # cut at ";"
    assert all(len(space.label(n)) <= 40 + len(n) + 4 for n in space.names)
