"""Pictures of game trees: the layout, the matplotlib figure and the TikZ text.

Expected positions are worked out by hand from the rule "leaves 0, 1, 2, ... in
preorder; a parent at the midpoint of its first and last child; level = depth".
"""

from __future__ import annotations

import re
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest
import sympy

from gametheory.assumptions.plots import save
from gametheory.errors import CostLimitError, InputError, LabelError
from gametheory.tree import Infoset, Tree, TreeBuilder
from gametheory.tree.draw import draw_tree, latex_escape, tikz_text
from gametheory.tree.layout import check_drawable, tree_layout

RED = (0xC0 / 255, 0x39 / 255, 0x2B / 255)


def ultimatum_thirds():
    """A pie of 1 offered in thirds; preorder 0 root, 1 (2 3), 4 (5 6), 7 (8 9)."""
    b = TreeBuilder(["Proposer", "Responder"], title="Ultimatum")
    offers = {}
    for x in (Fraction(0), Fraction(1, 3), Fraction(2, 3)):
        offers[f"Offer {x}"] = b.decision("Responder", {"Accept": b.payoff(1 - x, x), "Reject": b.payoff(0, 0)})
    return b.build(b.decision("Proposer", offers))


def entry():
    """Preorder 0 Entrant, 1 Out leaf, 2 Incumbent, 3 Fight leaf, 4 Accommodate leaf."""
    b = TreeBuilder(["Entrant", "Incumbent"], title="Entry deterrence")
    return b.build(b.decision("Entrant", {"Out": b.payoff(0, 2), "In": b.decision(
        "Incumbent", {"Fight": b.payoff(-1, -1), "Accommodate": b.payoff(1, 1)})}))


def centipede():
    """Preorder 0 A, 1 leaf, 2 B, 3 leaf, 4 A, 5 leaf, 6 B, 7 leaf, 8 leaf."""
    b = TreeBuilder(["A", "B"], title="Centipede")
    node = b.payoff(4, 3)
    for who, take in reversed([("A", (1, 0)), ("B", (0, 2)), ("A", (3, 1)), ("B", (2, 4))]):
        node = b.decision(who, {"Take": b.payoff(*take), "Pass": node})
    return b.build(node)


def signalling():
    """Preorder 0 A; 1 B(s) 2 3; 4 B(s) 5 6; 7 chance; 8 A 9 10; 11 leaf."""
    b = TreeBuilder(["A", "B"])
    s = {"x": b.payoff(1, 2), "y": b.payoff(0, 0)}
    return b.build(b.decision("A", {
        "L": b.decision("B", s, infoset="s"),
        "M": b.decision("B", {"y": b.payoff(3, 1), "x": b.payoff(2, 2)}, infoset="s"),
        "R": b.chance({"h": ("1/3", b.decision("A", {"u": b.payoff(5, 5), "d": b.payoff(6, 0)})),
                       "t": (Fraction(2, 3), b.payoff(1, 1))}),
    }))


ENTRY_SPE = {"Entrant": {"1": {"Out": 0, "In": 1}}, "Incumbent": {"In": {"Fight": 0, "Accommodate": 1}}}
# the responder accepts every offer but mixes after the offer of 2/3 (not an equilibrium: a drawing test)
ULTIMATUM_MIXED = {"Proposer": {"1": {"Offer 0": 1, "Offer 1/3": 0, "Offer 2/3": 0}},
                   "Responder": {"Offer 0": {"Accept": 1, "Reject": 0}, "Offer 1/3": {"Accept": "1", "Reject": "0"},
                                 "Offer 2/3": {"Accept": "1/3", "Reject": "2/3"}}}


# ---------------------------------------------------------------------------------------------- layout
def check_layout_rules(tree, lay):
    """Leaves 0..L-1 in preorder, parents at the midpoint of first and last child, level = depth."""
    terms = tree.terminals.tolist()
    assert lay.breadth[terms].tolist() == list(range(len(terms)))
    for v in range(tree.num_nodes):
        kids = tree.children(v)
        if kids:
            assert lay.breadth[v] == (lay.breadth[kids[0]] + lay.breadth[kids[-1]]) / 2
            assert lay.breadth[kids[0]] <= lay.breadth[v] <= lay.breadth[kids[-1]]
        assert lay.level[v] == tree.depth(v)


def test_layout_ultimatum_by_hand():
    t = ultimatum_thirds()
    lay = tree_layout(t, "vertical")
    # leaves 2 3 5 6 8 9 -> 0..5; node 1 over 0,1; node 4 over 2,3; node 7 over 4,5; the root over 0.5 and 4.5
    assert lay.breadth.tolist() == [2.5, 0.5, 0, 1, 2.5, 2, 3, 4.5, 4, 5]
    assert lay.level.tolist() == [0, 1, 2, 2, 1, 2, 2, 1, 2, 2]
    assert lay.num_leaves == 6 and lay.num_levels == 3 and lay.orientation == "vertical"
    assert lay.position(4) == (2.5, -1.0)
    check_layout_rules(t, lay)
    with pytest.raises(ValueError):
        lay.breadth[0] = 1.0  # read-only


def test_layout_entry_and_centipede_by_hand_both_orientations():
    e = entry()
    v = tree_layout(e, "vertical")
    assert v.breadth.tolist() == [0.75, 0, 1.5, 1, 2]
    h = tree_layout(e, "horizontal")
    # root at the left: x is the level, y minus the breadth (first leaf on top)
    x, y = h.xy
    assert x.tolist() == [0, 1, 1, 2, 2] and y.tolist() == [-0.75, 0, -1.5, -1, -2]
    c = centipede()
    lay = tree_layout(c, "horizontal")
    # leaves 1 3 5 7 8 -> 0..4; node 6 = 3.5; node 4 = (2 + 3.5)/2; node 2 = (1 + 2.75)/2; root = (0 + 1.875)/2
    assert lay.breadth.tolist() == [0.9375, 0, 1.875, 1, 2.75, 2, 3.5, 3, 4]
    assert lay.level.tolist() == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    check_layout_rules(c, lay)
    check_layout_rules(signalling(), tree_layout(signalling()))


def test_layout_auto_orientation_and_bad_orientation():
    assert tree_layout(entry()).orientation == "vertical"  # 3 leaves
    b = TreeBuilder(["A"])
    wide = b.build(b.decision("A", {f"a{i}": b.payoff(i) for i in range(13)}))
    assert tree_layout(wide).orientation == "horizontal"  # 13 leaves
    with pytest.raises(InputError, match="orientation"):
        tree_layout(wide, "diagonal")


def test_layout_of_a_deep_chain_needs_no_recursion():
    # m decisions in a chain, each with Stop (a leaf) first and Go: deeper than Python's recursion limit
    m = 3000
    children = [(2 * k + 1, 2 * k + 2) for k in range(m)]
    children = [c for k in range(m) for c in (children[k], ())] + [()]
    isets = [Infoset("A", f"s{k}", ("Stop", "Go")) for k in range(m)]
    node_isets = [x for k in range(m) for x in (k, -1)] + [-1]
    t = Tree(["A"], isets, children, node_isets, {2 * k + 1: (k,) for k in range(m)} | {2 * m: (m,)})
    lay = tree_layout(t, "vertical")
    assert lay.num_levels == m + 1 and lay.num_leaves == m + 1
    # the last decision sits over leaves m-1 and m; each one above it halfway to its Stop leaf
    assert lay.breadth[2 * (m - 1)] == m - 0.5
    assert lay.level[2 * m] == m
    with pytest.raises(CostLimitError):
        tree_layout(t, max_cost=100)


def test_too_large_trees_are_refused_before_drawing():
    b = TreeBuilder(["A"])
    t = b.build(b.decision("A", {f"a{i}": b.payoff(i) for i in range(301)}))
    with pytest.raises(CostLimitError, match="301 leaves, too many to draw legibly"):
        draw_tree(t)
    with pytest.raises(CostLimitError, match="301 leaves"):
        tikz_text(t)
    assert tikz_text(t, max_leaves=400).count(r"\node[leaf]") == 301
    check_drawable(t, max_leaves=301)
    with pytest.raises(InputError, match="max_leaves"):
        check_drawable(t, max_leaves=0)


# ---------------------------------------------------------------------------------------------- figure
def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def segments_by_color(fig) -> dict[tuple, int]:
    out: dict[tuple, int] = {}
    for coll in fig.axes[0].collections:
        color = tuple(np.round(coll.get_colors()[0][:3], 3))
        out[color] = out.get(color, 0) + len(coll.get_segments())
    return out


def test_draw_tree_labels_and_payoffs():
    fig = draw_tree(ultimatum_thirds())
    got = texts(fig)
    for label in ("Offer 0", "Offer 1/3", "Offer 2/3", "Accept", "Reject", "Proposer", "Responder"):
        assert label in got
    # payoffs stacked in player order under each leaf: (1 - x, x)
    for stacked in ("1\n0", "2/3\n1/3", "1/3\n2/3", "0\n0"):
        assert stacked in got
    assert got.count("Responder") == 3
    assert sum(segments_by_color(fig).values()) == 9  # one edge per non-root node, all plain black
    assert fig.axes[0].get_title() == "" and "Ultimatum" in [t.get_text() for t in fig.texts]


def test_draw_tree_profile_highlights_choices_and_path():
    e = entry()
    fig = draw_tree(e, ENTRY_SPE)
    seg = segments_by_color(fig)
    # In then Accommodate is the path (2 edges); Out and Fight are not chosen (grey, 2 edges)
    assert seg[tuple(np.round(RED, 3))] == 2 and sum(seg.values()) == 4
    grey = [c for c in seg if c not in (tuple(np.round(RED, 3)),)]
    assert len(grey) == 1 and seg[grey[0]] == 2
    bold = {t.get_text() for t in fig.axes[0].texts if t.get_weight() == "bold"}
    assert {"In", "Accommodate", "1\n1"} <= bold and "Out" not in bold and "Fight" not in bold

    # the same path given as action labels, as nodes, or inside a JSON equilibrium or a result object
    for kwargs in ({"path": ["In", "Accommodate"]}, {"path": [0, 2, 4]}, {"path": np.array([0, 2, 4])},
                   {"behavior": {"behavior": ENTRY_SPE, "path": ["In", "Accommodate"]}},
                   {"behavior": SimpleNamespace(behavior=ENTRY_SPE, path=[0, 2, 4])}):
        assert segments_by_color(draw_tree(e, **kwargs))[tuple(np.round(RED, 3))] == 2


def test_draw_tree_mixed_choice_and_chance():
    got = texts(draw_tree(ultimatum_thirds(), ULTIMATUM_MIXED))
    assert "Accept: 1/3" in got and "Reject: 2/3" in got and "Accept" in got  # pure choices keep their label
    fig = draw_tree(signalling(), {"A": {"1": {"R": 1}, "R, h": {"d": 1}}, "B": {"s": {"x": "1/2", "y": "1/2"}}})
    got = texts(fig)
    assert "h (1/3)" in got and "t (2/3)" in got and "x: 1/2" in got and "Chance" in got
    # reached with positive probability: R, both chance moves, then d: 4 red edges
    assert segments_by_color(fig)[tuple(np.round(RED, 3))] == 4
    # the information set s joins nodes 1 and 4 with one dashed line, labelled s
    lines = [ln for ln in fig.axes[0].lines if ln.get_label().startswith("_infoset")]
    assert len(lines) == 1 and len(lines[0].get_xdata()) == 2 and "s" in got


def test_draw_tree_bad_profiles_and_paths():
    e = entry()
    with pytest.raises(LabelError, match="Nobody"):
        draw_tree(e, {"Nobody": {}})
    with pytest.raises(LabelError, match="Wait"):
        draw_tree(e, {"Entrant": {"1": {"Wait": 1}}})
    with pytest.raises(LabelError):
        draw_tree(e, {"Entrant": {"7": {"In": 1}}})
    with pytest.raises(InputError, match="between 0 and 1"):
        draw_tree(e, {"Entrant": {"1": {"In": "3/2"}}})
    with pytest.raises(InputError, match="not a child"):
        draw_tree(e, path=[0, 4])
    with pytest.raises(LabelError):
        draw_tree(e, path=["In", "Wait"])
    with pytest.raises(InputError, match="past the terminal"):
        draw_tree(e, path=["Out", "Fight"])
    with pytest.raises(InputError):
        draw_tree(e, path="In")


@pytest.mark.parametrize("make", [ultimatum_thirds, entry])
def test_draw_tree_writes_png_svg_pdf(tmp_path, make):
    t = make()
    spe = ULTIMATUM_MIXED if make is ultimatum_thirds else ENTRY_SPE
    fig = draw_tree(t, spe)
    for ext, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        out = tmp_path / f"tree.{ext}"
        save(fig, out)
        data = out.read_bytes()
        assert data.startswith(magic) and len(data) > 1000
    svg = (tmp_path / "tree.svg").read_text()
    words = set(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    actions = {a for k in range(t.num_infosets) for a in t.infoset_actions(k)}
    for a in actions - {"Accept", "Reject"}:
        assert a in words
    assert {"Accept", "Accept: 1/3"} & words if make is ultimatum_thirds else "Accommodate" in words
    payoffs = {"2/3", "1/3", "1", "0"} if make is ultimatum_thirds else {"-1", "2", "1", "0"}
    assert payoffs <= words


def test_draw_tree_float_and_symbolic_payoffs():
    b = TreeBuilder(["A", "B"])
    t = b.build(b.decision("A", {"x": b.payoff(0.25, 1.5), "y": b.payoff(1, 2)}))
    assert "0.25\n1.5" in texts(draw_tree(t))
    s = sympy.Symbol("s")
    b = TreeBuilder(["A", "B"])
    t = b.build(b.decision("A", {"x": b.payoff(s, 1 - s), "y": b.payoff(0, 0)}))
    assert "s\n1 - s" in texts(draw_tree(t))
    assert r"{$s$\\$1 - s$}" in tikz_text(t)


def test_drawing_modules_do_not_import_matplotlib(fresh_python):
    got = fresh_python("import gametheory.tree.draw, gametheory.tree.layout\nprint('ok')")
    assert "matplotlib" not in got.modules and got.out.strip() == "ok"


# ---------------------------------------------------------------------------------------------- TikZ
def balanced(text: str) -> bool:
    """Braces balance outside comments, an escaped brace (and the \\\\ line break) not counting."""
    depth = 0
    for line in text.splitlines():
        if line.lstrip().startswith("%"):
            continue
        i = 0
        while i < len(line):
            c = line[i]
            if c == "\\":
                i += 2
                continue
            if c == "%":
                break
            depth += {"{": 1, "}": -1}.get(c, 0)
            if depth < 0:
                return False
            i += 1
    return depth == 0


def check_structure(text: str) -> None:
    lines = text.rstrip("\n").splitlines()
    begin = lines.index(next(ln for ln in lines if ln.startswith(r"\begin{tikzpicture}")))
    assert all(ln.startswith("%") for ln in lines[:begin])
    assert lines[-1] == r"\end{tikzpicture}"
    assert text.count(r"\begin{tikzpicture}") == 1 and text.count(r"\end{tikzpicture}") == 1
    assert r"\usetikzlibrary" not in "\n".join(lines[begin:])
    assert balanced(text)
    defined = set(re.findall(r"\\node\[[^\]]*\] \((n\d+)\) at", text))
    used = set(re.findall(r"\((n\d+)(?:\.\w+)?\)", text))
    assert used <= defined


def test_tikz_ultimatum_labels_payoffs_and_highlights():
    t = ultimatum_thirds()
    text = tikz_text(t, ULTIMATUM_MIXED)
    check_structure(text)
    for label in ("Offer 0", "Offer 1/3", "Offer 2/3", "Proposer", "Responder"):
        assert "{" + label + "}" in text
    assert text.count("{Accept}") == 2 and text.count("{Reject}") == 2  # pure choices after 0 and 1/3
    assert "{Accept: $1/3$}" in text and "{Reject: $2/3$}" in text
    # payoffs in player order, stacked: offer 1/3 accepted gives (2/3, 1/3)
    assert r"{$2/3$\\$1/3$}" in text and r"{$1/3$\\$2/3$}" in text and r"{$0$\\$0$}" in text
    # the path Offer 0, Accept is red; Reject after Offer 0 is grey
    assert r"\draw[onpath] (n0) -- node[action, onpathlabel] {Offer 0} (n1);" in text
    assert r"\draw[onpath] (n1) -- node[action, onpathlabel] {Accept} (n2);" in text
    assert r"\draw[edge, unchosen] (n1) -- node[action, unchosenlabel] {Reject} (n3);" in text
    assert text.count(r"\draw[onpath]") == 2
    # the same layout as the figure: the root at breadth 2.5, level 0
    assert r"(n0) at (2.5,0)" in text and r"(n9) at (5,-2)" in text


def test_tikz_information_set_chance_and_plain():
    text = tikz_text(signalling())
    check_structure(text)
    assert re.search(r"\\draw\[infoset, draw=\w+\] \(n1\) -- \(n4\) node\[[^\]]*\] \{s\};", text)
    assert r"{h ($1/3$)}" in text and r"{t ($2/3$)}" in text and r"\node[chance] (n7)" in text
    assert r"\draw[onpath]" not in text and "% Thick red" not in text  # no profile, nothing highlighted
    centi = tikz_text(centipede(), orientation="horizontal")
    check_structure(centi)
    assert r"\node[payoff, right=1pt] at (n8.east) {($4$, $3$)};" in centi


def test_tikz_escapes_latex_specials():
    b = TreeBuilder(["P_1 & Co", "Q#2"], title="50% {odd} title\nsecond line")
    t = b.build(b.decision("P_1 & Co", {
        "50% off": b.payoff(1, 0),
        "$5 {x}": b.decision("Q#2", {"a~b": b.payoff(0, 1), "x^2": b.payoff(2, 2), "back\\slash": b.payoff(3, 3)},
                             infoset="set_1"),
    }))
    text = tikz_text(t)
    check_structure(text)
    for escaped in (r"{P\_1 \& Co}", r"{Q\#2}", r"{50\% off}", r"{\$5 \{x\}}", r"{a\textasciitilde{}b}",
                    r"{x\textasciicircum{}2}", r"{back\textbackslash{}slash}"):
        assert escaped in text
    # the title's line break cannot end its comment early
    assert "% Game tree: 50% {odd} title second line (drawn by gametheory)." in text
    assert latex_escape("a_b") == r"a\_b" and latex_escape(r"\{") == r"\textbackslash{}\{"
