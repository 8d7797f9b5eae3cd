"""A bimatrix typed as text (the web lab's typed game): exact payoffs, names, errors with lines, round trips."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game
from gametheory.errors import InputError
from gametheory.io.bimatrix_text import MAX_TEXT_CHARS, format_bimatrix_text, parse_bimatrix_text


def matrices(game):
    A, B = game.bimatrix()
    return [list(r) for r in A], [list(r) for r in B]


def test_prisoners_dilemma():
    g = parse_bimatrix_text("3,3 0,5; 5,0 1,1")
    assert g.kind == "exact" and g.title == "typed game"
    assert g.players == ("Row", "Column") and g.strategies == (("R1", "R2"), ("C1", "C2"))
    A, B = matrices(g)
    assert A == [[3, 0], [5, 1]] and B == [[3, 5], [0, 1]]
    assert all(type(x) is F for row in A + B for x in row)


def test_names_line_and_separators():
    g = parse_bimatrix_text("Russia: Cooperate Defect; US: Cooperate Defect\n3, 3 | 0 ,5\n\n# temptation\n5,0 (1,1)")
    assert g.players == ("Russia", "US") and g.strategies == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    assert matrices(g) == ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    g = parse_bimatrix_text("Serbia: Stand up, Stay quiet; West: Offer, No offer, Wait\n1,0 0,0 0,0\n0,0 0,1 2,2")
    assert g.strategies == (("Stand up", "Stay quiet"), ("Offer", "No offer", "Wait"))


def test_exact_numbers():
    g = parse_bimatrix_text("1/2,0.4 -3,1e-2\n2 / 6,-0.25 0,0")
    A, B = matrices(g)
    assert A == [[F(1, 2), -3], [F(1, 3), 0]] and B == [[F(2, 5), F(1, 100)], [F(-1, 4), 0]]


@pytest.mark.parametrize("text, line, message", [
    ("1,1 0,0\n0,0", 2, "this row has 1 cell; the first row has 2"),
    ("1,1 0,0\n0,0 1,1 2,2", 2, "this row has 3 cells"),
    ("1,1 0,0; 0,0 1,1 2,2", 1, "this row has 3 cells"),
    ("1,1\n\n1,x", 3, "expected a number"),
    ("1,1 2", 1, "a cell is 'a,b'"),
    ("1,2,3", 1, "a cell is 'a,b'"),
    ("1,1e999", 1, "the exponent of 1e999 exceeds 400"),
    ("1," + "9" * 401, 1, "more than 400 digits"),
    ("\u0663,1", 1, "expected a number"),  # an Arabic-Indic digit is not a digit here
    ("1,1/0", 1, "zero denominator"),
    ("A: x y; B: z\n1,1", 1, "A has 2 strategies but the table has 1 row$"),
    ("A: x x; B: z\n1,1\n2,2", 1, "duplicate"),
    ("A: x; B: z; C: w\n1,1", 1, "names two players"),
    ("1,1\nA: x; B: z", 2, "only the first line"),
])
def test_bad_input_names_its_line(text, line, message):
    with pytest.raises(InputError, match=message) as info:
        parse_bimatrix_text(text)
    assert info.value.line == line and info.value.path == "<typed game>"


def test_sizes_are_refused_before_the_numbers():
    with pytest.raises(InputError, match="at most 15 columns") as info:
        parse_bimatrix_text("0,0 " * 16)
    assert info.value.line == 1
    rows = "\n".join(["0,0"] * 16)
    with pytest.raises(InputError, match="more than 15 rows") as info:
        parse_bimatrix_text(rows)
    assert info.value.line == 16
    # a larger table is refused at its size even if a cell further on is not a number
    with pytest.raises(InputError, match="more than 2 rows") as info:
        parse_bimatrix_text("0,0\n0,0\n0,0\nx,y", max_size=2, path="game.txt")
    assert info.value.line == 3 and str(info.value).startswith("game.txt:3:")
    with pytest.raises(InputError, match=f"at most {MAX_TEXT_CHARS}"):
        parse_bimatrix_text("0,0 " + " " * MAX_TEXT_CHARS)
    for empty in ("", "  \n# nothing\n", ";;"):
        with pytest.raises(InputError, match="no payoff rows"):
            parse_bimatrix_text(empty)


def test_format_refuses_what_it_cannot_write():
    three = Game.from_dict(["a", "b", "c"], [["x"], ["y"], ["z"]], {("x", "y", "z"): (1, 2, 3)})
    with pytest.raises(InputError, match="two players"):
        format_bimatrix_text(three)
    with pytest.raises(InputError, match="cannot be written"):
        format_bimatrix_text(Game.from_bimatrix([[1]], [[1]], strategies=[["a;b"], ["c"]]))


def test_format_a_float_game_reads_back_as_its_decimals():
    g = Game.from_bimatrix([[0.1, 2.5]], [[1e-5, -3.0]], kind="float")
    back = parse_bimatrix_text(format_bimatrix_text(g))
    assert matrices(back) == ([[F(1, 10), F(5, 2)]], [[F(1, 100000), -3]])


def test_a_label_with_a_space_round_trips():
    g = Game.from_bimatrix([[1], [2]], [[3], [4]], players=["United States", "Russia"],
                           strategies=[["Stand up", "Stay quiet"], ["No offer"]])
    back = parse_bimatrix_text(format_bimatrix_text(g))
    assert back.players == g.players and back.strategies == g.strategies
    assert matrices(back) == matrices(g)


_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-", min_size=1, max_size=6)
_number = st.fractions(max_denominator=1000).filter(lambda x: abs(x.numerator) < 10**12)


@st.composite
def bimatrix_games(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    players = draw(st.lists(_label, min_size=2, max_size=2, unique=True))
    rows = draw(st.lists(_label, min_size=m, max_size=m, unique=True))
    cols = draw(st.lists(_label, min_size=n, max_size=n, unique=True))
    A = [[draw(_number) for _ in range(n)] for _ in range(m)]
    B = [[draw(_number) for _ in range(n)] for _ in range(m)]
    return Game.from_bimatrix(A, B, players=players, strategies=[rows, cols], kind="exact")


@settings(max_examples=60, deadline=None)
@given(bimatrix_games())
def test_round_trip(game):
    text = format_bimatrix_text(game)
    back = parse_bimatrix_text(text)
    assert back.players == game.players and back.strategies == game.strategies
    assert matrices(back) == matrices(game)
    assert format_bimatrix_text(back) == text
