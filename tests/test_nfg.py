"""Gambit .nfg files: hand-written files in both versions, errors with lines, round trips, and pygambit both ways."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from refs.gambit import bimatrix, gambit_game, gambit_reads_labels, payoff_table
from refs.gambit import read_nfg as gambit_read_nfg

from gametheory import Game
from gametheory.errors import InputError, NfgError
from gametheory.game import is_visible_label, label_key
from gametheory.io.nfg import nfg_text, parse_nfg, read_nfg, write_nfg

# ---------------------------------------------------------------------------- hand-written files

PD_COUNTS = """NFG 1 R "Prisoner's dilemma" { "Row" "Col" } { 2 2 }

3 3 5 0 0 5 1 1
"""

PD_LABELS = """NFG 1 R "Prisoner's dilemma" { "Row" "Col" }
{ { "Cooperate" "Defect" } { "Cooperate" "Defect" } }
"a comment"

3 3 5 0 0 5 1 1
"""

# Three players with 2 strategies each, outcome version. Profile order: player 1 fastest, then 2, then 3.
# Profile (a1, b1, c1) -> outcome 1, (a2, b1, c1) -> 2, (a1, b2, c1) -> 3, (a2, b2, c1) -> 0 (null),
# (a1, b1, c2) -> 4, (a2, b1, c2) -> 4, (a1, b2, c2) -> 5, (a2, b2, c2) -> 1.
THREE = """NFG 1 R "Three players" { "Ann" "Bob" "Cy" }

{ { "a1" "a2" }
{ "b1" "b2" }
{ "c1" "c2" }
}
""

{
{ "first" 1, 2, 3 }
{ "second" 1/3, .25, -1e-1 }
{ "" -4, 0.5, 7 }
{ "fourth" 0 0 10 }
{ "fifth" 2.5E1, -3/4, 1 }
}
1 2 3 0 4 4 5 1
"""

ESCAPES = r"""NFG 1 R "A \"quoted\" title" { "Say \"yes\"" "back\\slash" }
{ { "He said \"no\"" "x" } { "a\\b" "c\"d\\" } }

1 2 3 4 5 6 7 8
"""


def _table(game):
    """{(labels...): (payoffs...)} of a game, for comparing with hand-written expectations."""
    return {key: tuple(game.payoff(dict(zip(game.players, key))).values()) for key in itertools.product(*game.strategies)}


def test_payoff_version_with_counts():
    g = parse_nfg(PD_COUNTS)
    assert g.players == ("Row", "Col") and g.strategies == (("1", "2"), ("1", "2"))
    assert g.title == "Prisoner's dilemma" and g.kind == "exact"
    assert _table(g) == {("1", "1"): (3, 3), ("2", "1"): (5, 0), ("1", "2"): (0, 5), ("2", "2"): (1, 1)}


def test_payoff_version_with_labels_and_comment():
    g = parse_nfg(PD_LABELS)
    assert g.strategies == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    assert g.payoff({"Row": "Defect", "Col": "Cooperate"}) == {"Row": 5, "Col": 0}
    assert g.payoff({"Row": "Cooperate", "Col": "Defect"}) == {"Row": 0, "Col": 5}


def test_outcome_version_three_players():
    g = parse_nfg(THREE)
    o1 = (1, 2, 3)
    o2 = (Fraction(1, 3), Fraction(1, 4), Fraction(-1, 10))
    o4 = (0, 0, 10)
    o5 = (25, Fraction(-3, 4), 1)
    expected = {
        ("a1", "b1", "c1"): o1, ("a2", "b1", "c1"): o2, ("a1", "b2", "c1"): (-4, Fraction(1, 2), 7),
        ("a2", "b2", "c1"): (0, 0, 0), ("a1", "b1", "c2"): o4, ("a2", "b1", "c2"): o4,
        ("a1", "b2", "c2"): o5, ("a2", "b2", "c2"): o1,
    }
    assert _table(g) == expected
    assert all(isinstance(x, Fraction) for x in g.payoffs.reshape(-1))


def test_escaped_quotes_and_backslashes():
    g = parse_nfg(ESCAPES)
    assert g.title == 'A "quoted" title'
    assert g.players == ('Say "yes"', "back\\slash")
    assert g.strategies == (('He said "no"', "x"), ("a\\b", 'c"d\\'))
    assert g.payoff({'Say "yes"': "x", "back\\slash": 'c"d\\'}) == {'Say "yes"': 7, "back\\slash": 8}
    assert parse_nfg(nfg_text(g)) == g


def test_d_files_are_float_and_exact_can_be_forced():
    text = PD_COUNTS.replace("NFG 1 R", "NFG 1 D").replace("3 3 5", "0.1 3 5")
    g = parse_nfg(text)
    assert g.kind == "float" and g.payoff({"Row": "1", "Col": "1"})["Row"] == 0.1
    assert parse_nfg(text, exact=True).payoff({"Row": "1", "Col": "1"})["Row"] == Fraction(1, 10)
    assert parse_nfg(PD_COUNTS, exact=False).kind == "float"


def test_empty_labels_get_defaults():
    g = parse_nfg('NFG 1 R "" { "" "B" } { { "" "y" } { "z" } } 1 2 3 4')
    assert g.players == ("Player 1", "B") and g.strategies == (("1", "y"), ("z",))


def test_written_file_layout_and_read_back(tmp_path):
    g = parse_nfg(THREE)
    path = tmp_path / "three.nfg"
    write_nfg(g, path)
    text = path.read_text()
    assert text.startswith('NFG 1 R "Three players" { "Ann" "Bob" "Cy" }')
    assert "{ \"\" 1/3, 1/4, -1/10 }" in text  # exact numbers as rationals
    back = read_nfg(path)
    assert back == g and back.title == g.title


def test_symbolic_game_cannot_be_written(tmp_path):
    import sympy

    x = sympy.Symbol("x")
    g = Game.from_bimatrix([[x, 0]], [[0, 1]])
    with pytest.raises(InputError, match="substitute"):
        write_nfg(g, tmp_path / "s.nfg")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------- errors

NFG_ERRORS = [
    ("not-nfg", 'EFG 2 R "x" { "a" }', 1, "header", "starts with 'NFG 1 R'"),
    ("empty", "", 1, "header", "expected the header"),
    ("version", 'NFG 2 R "x" { "a" } { 1 } 1', 1, "header", "version 1"),
    ("number-type", 'NFG 1 Q "x" { "a" } { 1 } 1', 1, "header", "R (rational) or D"),
    ("no-title", "NFG 1 R { \"a\" } { 1 } 1", 1, "title", "quoted title"),
    ("unterminated-string", 'NFG 1 R "x" { "a" "b }\n{ 1 1 }\n1 2', 1, None, "unterminated string"),
    ("unquoted-player", 'NFG 1 R "x" { a }\n{ 1 } 1', 1, "players", "closing the list of players"),
    ("no-players", 'NFG 1 R "x" { }\n{ } ', 1, "players", "at least one player"),
    ("zero-strategies", 'NFG 1 R "x" { "a" "b" }\n{ 2 0 }\n1 2', 2, "strategies", ">= 1"),
    ("bad-count", 'NFG 1 R "x" { "a" "b" }\n{ 2 x }\n1 2', 2, "strategies", "whole number"),
    ("too-few-counts", 'NFG 1 R "x" { "a" "b" }\n{ 2 }\n1 2', 2, "strategies", "number of strategies of player 2"),
    ("empty-label-list", 'NFG 1 R "x" { "a" }\n{ { } }\n', 2, "strategies", "has no strategies"),
    ("duplicate-label", 'NFG 1 R "x" { "a" }\n{ { "s" "s" } }\n1 2', 2, "strategy of a", "duplicate"),
    ("duplicate-player", 'NFG 1 R "x" { "a" "a" }\n{ 1 1 }\n1 2', 1, "player", "duplicate"),
    ("too-few-payoffs", 'NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3\n4 5 6 7', 2, "payoffs", "expected 8 payoffs"),
    ("too-many-payoffs", 'NFG 1 R "x" { "a" } { 2 }\n1 2\n3', 3, "payoffs", "unexpected '3'"),
    ("bad-number", 'NFG 1 R "x" { "a" } { 2 }\n1\nabc', 3, "payoffs", "expected a number"),
    ("zero-denominator", 'NFG 1 R "x" { "a" } { 2 }\n1 1/0', 2, "payoffs", "zero denominator"),
    ("huge-exponent", 'NFG 1 R "x" { "a" } { 1 }\n1e999999999', 2, "payoffs", "exponent"),
    ("float-overflow", 'NFG 1 D "x" { "a" } { 1 }\n1e300000', 2, "payoffs", "exponent"),
    ("inf-double", 'NFG 1 D "x" { "a" } { 1 }\n9e399', 2, "payoffs", "too large for a float"),
    ("nan-word", 'NFG 1 D "x" { "a" } { 1 }\nnan', 2, "payoffs", "expected a number"),
    ("outcome-arity", 'NFG 1 R "x" { "a" "b" } { 1 1 }\n{\n{ "o" 1 }\n}\n1', 3, "outcomes", "has 1 payoffs, expected 2"),
    ("outcome-index", 'NFG 1 R "x" { "a" } { 2 }\n{ { "o" 1 } }\n1\n2', 4, "outcomes", "outcome number 2 but only 1"),
    ("outcome-negative", 'NFG 1 R "x" { "a" } { 2 }\n{ { "o" 1 } }\n1 -1', 3, "outcomes", "whole number"),
    ("outcome-too-few", 'NFG 1 R "x" { "a" } { 3 }\n{ { "o" 1 } }\n1 1', 3, "outcomes", "expected 3 outcome numbers"),
    ("outcome-no-name", 'NFG 1 R "x" { "a" } { 1 }\n{ { 1 } }\n1', 2, "outcomes", "quoted name"),
    ("outcome-unclosed", 'NFG 1 R "x" { "a" } { 1 }\n{ { "o" 1 }\n', 2, "outcomes", "closing the outcome list"),
    ("nothing-after-strategies", 'NFG 1 R "x" { "a" } { 1 }\n', 1, "payoffs", "payoffs (numbers) or the outcome list"),
]


@pytest.mark.parametrize("text, line, field, part", [pytest.param(*c[1:], id=c[0]) for c in NFG_ERRORS])
def test_nfg_errors(tmp_path, text, line, field, part):
    path = tmp_path / "bad.nfg"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NfgError) as info:
        read_nfg(path)
    err = info.value
    assert part in err.message, err.message
    assert err.path == str(path) and err.line == line, (err.line, str(err))
    if field is not None:
        assert err.field == field
    assert str(err).startswith(f"{path}:{line}: ")


def test_missing_file(tmp_path):
    with pytest.raises(NfgError, match="cannot read") as info:
        read_nfg(tmp_path / "nope.nfg")
    assert info.value.path == str(tmp_path / "nope.nfg")


# ---------------------------------------------------------------------------- random games

# labels a game accepts (issue 12): something visible, and distinct once normalised (label_key)
_label = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=6).filter(
    lambda s: s.strip() != "" and is_visible_label(s)
)


_title = st.text(max_size=10)


@st.composite
def games(draw, kinds=("exact", "float"), label=_label, title=_title, labels_ok=lambda labels: True):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    kind = draw(st.sampled_from(kinds))
    if kind == "exact":
        num = st.one_of(st.integers(-10**6, 10**6), st.fractions(min_value=-1000, max_value=1000, max_denominator=10**4))
    else:
        num = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
    count = int(np.prod(shape)) * n
    vals = draw(st.lists(num, min_size=count, max_size=count))
    players = draw(st.lists(label, min_size=n, max_size=n, unique_by=label_key).filter(labels_ok))
    strategies = [draw(st.lists(label, min_size=k, max_size=k, unique_by=label_key).filter(labels_ok)) for k in shape]
    arr = np.empty(count, dtype=object)
    arr[:] = vals
    title = draw(title)
    return Game(arr.reshape(shape + (n,)), players, strategies, title=title, kind=kind)


@settings(max_examples=80, deadline=None)
@given(games())
def test_round_trip(game):
    back = parse_nfg(nfg_text(game))
    assert back == game
    assert back.kind == game.kind and back.title == game.title
    assert back.players == game.players and back.strategies == game.strategies


# pygambit 16.7 accepts only printable ASCII labels without leading, trailing or double spaces, and keeps a
# backslash escape as written, so the cross-checks draw labels (and titles) under those rules, without backslashes,
# and without a label equal to a later strategy's (or player's) default number, which pygambit rejects
# (refs.gambit.gambit_reads_labels; checked exhaustively below).
_plain_label = st.text(st.characters(min_codepoint=32, max_codepoint=126, blacklist_characters="\\"), min_size=1, max_size=6).filter(
    lambda s: s.strip() == s and s != "" and "  " not in s
)


@pytest.mark.oracle
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(games(label=_plain_label, title=_plain_label, labels_ok=gambit_reads_labels))
def test_pygambit_reads_our_files(tmp_path, game):
    path = tmp_path / "ours.nfg"
    write_nfg(game, path)
    gg = gambit_read_nfg(path)
    theirs, players = payoff_table(gg)
    assert [p.label for p in players] == list(game.players)
    assert [[s.label for s in p.strategies] for p in players] == [list(s) for s in game.strategies]
    assert theirs.shape == game.payoffs.shape
    if game.kind == "exact":
        assert all(a == b for a, b in zip(theirs.reshape(-1), game.payoffs.reshape(-1)))
    else:
        scale = max(1.0, float(np.abs(np.asarray(game.payoffs, dtype=float)).max()))
        diff = np.abs(np.asarray(theirs, dtype=float) - np.asarray(game.payoffs, dtype=float))
        assert diff.max() <= 1e-12 * scale


def _pygambit_reads(path) -> bool:
    try:
        gambit_read_nfg(path)
    except ValueError as err:
        assert "label must be unique" in str(err), err  # the only rejection these files may meet
        return False
    return True


@pytest.mark.oracle
def test_pygambit_rejects_exactly_the_labels_the_generator_avoids(tmp_path):
    """pygambit 16.7 names the k-th strategy (or player) "k" before reading the file's labels, so a label equal
    to a later default, as in ["2", "1"], is a duplicate to it.  Every such file is still valid and ours reads it
    back; pygambit rejects it exactly when refs.gambit.gambit_reads_labels says so, over every list of distinct
    labels drawn from "1", "2", "3", "x" (lengths 1 to 3), as strategies and as players."""
    path = tmp_path / "labels.nfg"
    rejected = 0
    for size in range(1, 4):
        for labels in itertools.permutations(["1", "2", "3", "x"], size):
            labels = list(labels)
            for game in (Game(np.zeros((size, 1, 2), dtype=int), ["A", "B"], [labels, ["y"]]),
                         Game(np.zeros((1,) * size + (size,), dtype=int), labels, [["y"]] * size)):
                write_nfg(game, path)
                assert read_nfg(path) == game
                ok = _pygambit_reads(path)
                assert ok == gambit_reads_labels(labels), (labels, game.players, game.strategies)
                rejected += not ok
    assert rejected > 0 and not gambit_reads_labels(["2", "1"])


@pytest.mark.oracle
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(1, 3), min_size=2, max_size=3),
    st.data(),
)
def test_we_read_pygambit_files(tmp_path, shape, data):
    n = len(shape)
    num = st.one_of(st.integers(-1000, 1000), st.fractions(min_value=-50, max_value=50, max_denominator=50))
    arrays = []
    for _ in range(n):
        vals = data.draw(st.lists(num, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
        a = np.empty(int(np.prod(shape)), dtype=object)
        a[:] = vals
        arrays.append(a.reshape(shape))
    gg = gambit_game(np.stack(arrays, axis=-1), title="from pygambit")
    for i, p in enumerate(gg.players):
        p.label = f'P{i} "q"'
    path = tmp_path / "theirs.nfg"
    path.write_text(gg.to_nfg())
    ours = read_nfg(path)
    expected, players = payoff_table(gg)
    assert ours.kind == "exact" and ours.title == "from pygambit"
    assert ours.players == tuple(f'P{i} "q"' for i in range(n))
    assert ours.payoffs.shape == expected.shape
    assert all(a == b for a, b in zip(ours.payoffs.reshape(-1), expected.reshape(-1)))
    for i in range(n):  # and the same as the arrays pygambit was built from
        assert all(Fraction(a) == b for a, b in zip(arrays[i].reshape(-1), ours.payoffs[..., i].reshape(-1)))


@pytest.mark.oracle
def test_pygambit_float_file():
    gg = gambit_game(bimatrix(np.array([[0.1, 1e-7]]), np.array([[2.5, 3.0]])))
    g = parse_nfg(gg.to_nfg())
    assert g.payoffs[0, 1, 0] == Fraction(1, 10**7) and g.payoffs[0, 0, 0] == Fraction(1, 10)
