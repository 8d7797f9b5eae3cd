"""Tables for people (gametheory.display, ``solve --format``, the notebooks' ``_repr_html_``/``_repr_latex_``).

Expected tables are hand calculations:

- cfe_md_unlinked at its defaults is the prisoner's dilemma (Renew, Abandon) = (3, 1),
  (Renew, Build) = (-1, 3), (Suspend, Abandon) = (4, -2), (Suspend, Build) = (0, 0).  Russia's best
  reply to either US strategy is Suspend (4 > 3, 0 > -1), the US's to either Russian one is Build
  (3 > 1, 0 > -2), so the marked payoffs are 4 and 0 of Russia, 3 and 0 of the US, and (Suspend CFE,
  Build MD) is the one equilibrium.
- serbia_blockade_offer: with West offering (payoff -1 whatever Serbia does), "No offer" pays West
  0 * p - 4 * (1 - p) against Serbia cooperating always with probability p and otherwise cooperating
  only if offered, so Offer stays a best reply iff 4p - 4 <= -1, p <= 3/4: the continuum's end point is
  Serbia playing 3/4 Cooperate always + 1/4 Cooperate only if offered.
- cfe_md_bargaining: frontier (-1, 3), (3, 1), (4, -2) and d = (0, 0); on the first segment
  u_US = 5/2 - u_Russia / 2, whose Nash product peaks at u_Russia = 5/2 (u_US = 5/4, product 25/8); on the
  second, u_US = 10 - 3 u_Russia peaks at 5/3, outside [3, 4], so at 3 with product 3 < 25/8.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gametheory import Game, load_model, solve
from gametheory.cli import main
from gametheory.display import FORMATS, render, render_equilibria, render_game, render_result

ROOT = Path(__file__).resolve().parents[1]
UNLINKED = str(ROOT / "models" / "cfe_md_unlinked.toml")
BLOCKADE = str(ROOT / "models" / "serbia_blockade_offer.toml")


def unlinked():
    return load_model(UNLINKED).game_at()


class _Cells(HTMLParser):
    """Checks that every tag is closed in order; counts the cells of each table; collects the text."""

    VOID = {"br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.cells: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.cells.append(0)
        if tag in ("td", "th"):
            self.cells[-1] += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_html(doc: str) -> _Cells:
    parser = _Cells()
    parser.feed(doc)
    parser.close()
    assert parser.stack == [], f"unclosed tags {parser.stack}"
    return parser


def test_markdown_table_of_the_unlinked_game_has_the_payoffs_and_marks_the_equilibrium():
    game = unlinked()
    doc = render_game(game, solve(game).equilibria, "markdown")
    lines = doc.splitlines()
    assert "| Russia \\\\ US | Abandon MD | Build MD |" in lines
    assert "| Renew CFE | 3, 1 | -1, 3\\* |" in lines
    assert "| Suspend CFE | 4\\*, -2 | **0\\*, 0\\*** |" in lines
    assert sum("**" in line for line in lines[2:]) == 1  # one strong cell: the one equilibrium


def test_without_equilibria_only_the_best_replies_are_marked():
    doc = render_game(unlinked(), fmt="text")
    assert "[" not in doc.split("\n", 1)[1]  # no strong cell below the caption
    assert "4*, -2" in doc and "0*, 0*" in doc and "3, 1 " in doc


def test_html_is_well_formed_and_has_one_cell_per_strategy_pair():
    game = unlinked()
    parser = parse_html(render_game(game, solve(game).equilibria, "html"))
    assert parser.cells == [3 * 3]  # corner + 2 column labels, then 2 rows of a label and 2 cells
    assert parser.tags.count("strong") == 2  # the legend's example and the equilibrium's cell
    parser = parse_html(render_result(solve(game), "html"))
    assert parser.cells == [9, 6 * 2]  # the matrix; the equilibria: header and one row of 6 cells


def test_html_escapes_hostile_labels():
    hostile = '<script>alert("x")</script>'
    game = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["A & B", "C'"],
                              strategies=[[hostile, "plain"], ["y", "<b>z</b>"]])
    for doc in (render_game(game, fmt="html"), render_result(solve(game), "html")):
        assert "<script" not in doc and "<b>" not in doc
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in doc and "A &amp; B" in doc and "C&#x27;" in doc
        parser = parse_html(doc)
        assert "script" not in parser.tags and "b" not in parser.tags
        assert hostile in "".join(parser.text)  # the label reads as written


def test_markdown_and_latex_escape_labels():
    game = Game.from_bimatrix([[1, 0]], [[0, 1]], players=["a|b", "c_d"], strategies=[["x*"], ["50% & $y$", "{z}"]])
    md = render_game(game, fmt="markdown")
    header = md.splitlines()[2]
    assert header.count(" | ") == 2 and "a\\|b" in header and "x\\*" in md  # the | is no column break
    tex = render_game(game, fmt="latex")
    assert r"50\% \& \$y\$" in tex and r"\{z\}" in tex and r"c\_d" in tex and r"a\textbar{}b" in tex


def _balanced(tex: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex):
        if m.group(0) == "{":
            depth += 1
        elif m.group(0) == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize("path", [UNLINKED, BLOCKADE, str(ROOT / "models" / "serbia_border_reinforcement_3p.toml")])
def test_latex_is_a_balanced_tabular_with_one_cell_per_column(path):
    tex = render_result(solve(load_model(path).game_at()), "latex")
    assert _balanced(tex)
    specs = re.findall(r"\\begin\{tabular\}\{([l|c]+)\}", tex)
    assert specs and len(specs) == tex.count(r"\end{tabular}")
    for spec, body in zip(specs, re.findall(r"\\begin\{tabular\}\{[l|c]+\}\n(.*?)\\end\{tabular\}", tex, re.S)):
        columns = len(spec.replace("|", ""))
        rows = body.strip().splitlines()
        assert all(row.endswith("\\\\") or row.endswith("\\\\ \\hline") for row in rows)
        assert all(len(re.findall(r"(?<!\\)&", row)) == columns - 1 for row in rows), (spec, rows)


def test_exact_fractions_of_the_blockade_continuum():
    result = solve(load_model(BLOCKADE).game_at())
    for fmt in ("text", "markdown", "html"):
        assert "3/4 Cooperate always + 1/4 Cooperate only if offered" in render_equilibria(result, fmt)
    tex = render_equilibria(result, "latex")
    assert r"$\frac{3}{4}$ Cooperate always + $\frac{1}{4}$ Cooperate only if offered" in tex
    assert "0.75" not in render_result(result, "markdown")
    # the two ends of the continuum share a component, numbered from 1
    assert "| 1 | Offer | 3/4 Cooperate always" in render_equilibria(result, "markdown")


def test_repr_methods_delegate_to_display():
    game = unlinked()
    assert game._repr_html_() == render_game(game, fmt="html")
    assert game._repr_latex_() == render_game(game, fmt="latex")
    result = solve(game)
    assert result._repr_html_() == render_result(result, "html") == render(result, "html")
    assert result._repr_latex_() == render_result(result, "latex")
    correlated = solve(game, method="correlated")
    assert parse_html(correlated._repr_html_()).cells == [9, 3 * 2]  # the matrix; players + probability


def test_tree_result_shows_its_reduced_form_and_equilibria():
    # backward induction by hand: Serbia cooperates when offered (3 > 2) and blockades when not (2 > 0);
    # West then gets -1 by offering, -4 by not: Offer.  In the reduced normal form, Serbia's plan is
    # "Offer: Cooperate; No offer: Blockade", and that cell (-1, 3) is the strong one.
    from gametheory import solve_tree
    from gametheory.io import load_any

    tree, _ = load_any(str(ROOT / "models" / "serbia_blockade_offer_tree.toml"))
    result = solve_tree(tree)
    parser = parse_html(result._repr_html_())
    assert parser.cells == [(1 + 4) * 3, 7 * 2]  # the 2 x 4 reduced form; the equilibria's header and row
    md = render_result(result, "markdown")
    assert "| Offer | -1, 3\\* | **-1\\*, 3\\*** | -4, 2 | -4\\*, 2 |" in md
    assert md.count("**") == 2 + 2  # the legend's example and the one strong cell
    assert "| 1 | Offer \\> Cooperate | at 1: Offer | at Offer: Cooperate; at No offer: Blockade | -1 | 3 | 0 |" in md


def test_bargaining_results_render_the_nash_solution():
    from gametheory.bargaining.request import bargain

    report = bargain(load_model(str(ROOT / "models" / "cfe_md_bargaining.toml")))
    md = render(report, "markdown")
    assert "| utility | 5/2 | 5/4 |" in md and "| disagreement | 0 | 0 |" in md
    assert "| 2 | 3 | 1 |" in md  # the frontier's middle vertex
    inner = report.solution._repr_html_().removeprefix('<div class="gametheory">\n').removesuffix("\n</div>")
    assert inner in report._repr_html_()  # the report shows the solution's tables after the frontier
    assert r"\frac{5}{2}" in report.solution._repr_latex_()
    parse_html(report._repr_html_())


def test_assumption_reports_render_one_row_per_claim():
    from gametheory.assumptions.conditions.report import conditions_report

    report = conditions_report(load_model(UNLINKED))
    md = render(report, "markdown")
    rows = [line for line in md.splitlines() if line.startswith("| (")]
    assert len(rows) == 4  # the four pure profiles' Nash conditions
    assert [r for r in rows if "holds" in r] == [r for r in rows if r.startswith("| (Suspend CFE, Build MD)")]
    parse_html(report._repr_html_())
    assert _balanced(report._repr_latex_())


def test_unknown_objects_and_formats_are_refused():
    from gametheory.errors import InputError

    with pytest.raises(TypeError, match="no table for int"):
        render(3, "html")
    with pytest.raises(InputError, match="unknown format 'rtf'"):
        render_game(unlinked(), fmt="rtf")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "text"])
def test_cli_format_prints_the_rendered_result(fmt, capsys):
    assert main(["solve", UNLINKED, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out == render_result(solve(unlinked()), fmt) + "\n"


def test_cli_format_text_is_the_default_text(capsys):
    assert main(["solve", UNLINKED]) == 0
    default = capsys.readouterr().out
    assert main(["solve", UNLINKED, "--format", "text"]) == 0
    assert capsys.readouterr().out == default


def test_cli_bad_format_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:  # argparse's usage error
        main(["solve", UNLINKED, "--format", "rtf"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("error: argument --format: invalid choice: 'rtf'")
    assert main(["solve", UNLINKED, "--format", "html", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "cannot be combined with --format html" in err


def test_cli_format_refused_for_a_signaling_game(capsys):
    assert main(["solve", str(ROOT / "models" / "serbia_resolve_signaling.toml"), "--format", "markdown"]) == 2
    assert capsys.readouterr().err.startswith("error: --format markdown shows normal-form games")


def test_display_imports_no_heavy_library(fresh_python):
    got = fresh_python("import gametheory.display\nfrom gametheory import Game\n"
                       "print(Game.from_bimatrix([[1]], [[2]])._repr_html_())")
    assert not [m for m in ("sympy", "scipy", "matplotlib") if m in got.modules]
    assert "<table" in got.out
