"""The Game type: immutability, labels, exactness, equality, constructors, transformations."""

from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy

from gametheory import Game, InputError, LabelError, UnsupportedGameError

PLAYERS = ["Russia", "US"]
STRATS = [["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]]


def pd(kind=None):
    return Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=PLAYERS, strategies=STRATS, kind=kind)


# ---------------------------------------------------------------------- immutability
def test_callers_array_changes_nothing():
    A = np.array([[3.0, -1.0], [4.0, 0.0]])
    B = np.array([[1.0, 3.0], [-2.0, 0.0]])
    g = Game.from_bimatrix(A, B)
    arr = np.stack([A, B], axis=-1)
    h = Game(arr)
    A[0, 0] = 100.0
    arr[0, 0, 0] = 100.0
    assert g.payoffs[0, 0, 0] == 3.0 and h.payoffs[0, 0, 0] == 3.0


def test_payoff_array_is_read_only():
    g = pd()
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 7
    with pytest.raises(ValueError):
        g.payoff_tensor("US")[0, 0] = 7
    assert g.payoffs[0, 0, 0] == 3


@pytest.mark.parametrize("attr", ["players", "strategies", "kind", "title", "_payoffs", "new_attribute"])
def test_attributes_cannot_be_set(attr):
    g = pd()
    with pytest.raises(AttributeError):
        setattr(g, attr, "x")


def test_labels_are_tuples():
    g = pd()
    assert g.players == ("Russia", "US")
    assert g.strategies == (("Renew CFE", "Suspend CFE"), ("Abandon MD", "Build MD"))


# ---------------------------------------------------------------------- labels
def test_label_lookups():
    g = pd()
    assert g.payoff({"US": "Build MD", "Russia": "Suspend CFE"}) == {"Russia": 0, "US": 0}
    assert g.payoff({"Russia": "Renew CFE", "US": "Abandon MD"}) == {"Russia": 3, "US": 1}
    assert g.player_index("US") == 1
    assert g.strategy_index("Russia", "Suspend CFE") == 1
    assert g.profile_index({"Russia": "Renew CFE", "US": "Build MD"}) == (0, 1)


@pytest.mark.parametrize(
    "call, match",
    [
        pytest.param(lambda g: g.player_index("China"), "unknown player 'China'", id="unknown-player"),
        pytest.param(lambda g: g.strategy_index("US", "Build ABM"), "unknown strategy 'Build ABM'", id="unknown-strategy"),
        pytest.param(lambda g: g.payoff({"Russia": "Renew CFE"}), "missing", id="missing-player"),
        pytest.param(lambda g: g.payoff({"Russia": "Renew CFE", "US": "Build MD", "EU": "x"}), "unknown",
                     id="extra-player"),
        pytest.param(lambda g: g.player_index(5), "out of range", id="index-out-of-range"),
    ],
)
def test_label_errors(call, match):
    with pytest.raises(LabelError, match=match) as info:
        call(pd())
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "players, strategies, match",
    [
        pytest.param(["A", "A"], [["x"], ["y"]], "duplicate player", id="duplicate-player"),
        pytest.param(["A", "B"], [["x", "x"], ["y"]], "duplicate strategy", id="duplicate-strategy"),
        pytest.param(["A", ""], [["x", "z"], ["y"]], "non-empty", id="empty-label"),
        pytest.param(["A", 1], [["x", "z"], ["y"]], "non-empty strings", id="integer-label"),
        pytest.param(["A"], [["x", "z"], ["y"]], "expected 2 player names", id="too-few-players"),
        pytest.param(["A", "B"], [["x"], ["y"]], "2 strategies in the payoffs but 1 labels", id="wrong-label-count"),
    ],
)
def test_bad_labels(players, strategies, match):
    with pytest.raises(InputError, match=match):
        Game(np.zeros((2, 1, 2)), players, strategies)


# ---------------------------------------------------------------------- kinds
def test_exact_payoffs_stay_fractions():
    g = Game.from_bimatrix([[1, "1/3"], [Fraction(2, 7), "0.1"]], [[0, 0], [0, 0]])
    assert g.kind == "exact"
    assert all(type(x) is Fraction for x in g.payoffs.reshape(-1))
    assert g.payoffs[1, 1, 0] == Fraction(1, 10)
    assert g.payoffs[0, 1, 0] == Fraction(1, 3)
    assert g.payoff({"Player 1": "1", "Player 2": "2"})["Player 1"] == Fraction(1, 3)


def test_float_input_makes_a_float_game_and_to_exact_reads_decimals():
    g = Game.from_bimatrix([[0.1, 1]], [[0, 0]])
    assert g.kind == "float" and g.payoffs.dtype == float
    assert g.to_exact().payoffs[0, 0, 0] == Fraction(1, 10)
    assert g.to_exact().to_float() == g


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "abc", "1/0", True, None])
def test_bad_entries(bad):
    with pytest.raises(InputError):
        Game.from_bimatrix([[bad, 1]], [[0, 0]])


def test_shape_errors():
    with pytest.raises(InputError, match="last axis"):
        Game(np.zeros((2, 2, 3)))
    with pytest.raises(InputError, match="shape"):
        Game([1, 2])
    with pytest.raises(InputError, match="one shape"):
        Game.from_bimatrix([[1, 2]], [[1], [2]])


# ---------------------------------------------------------------------- equality
def test_equality_and_hashing():
    a, b = pd(), pd()
    assert a == b and hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a.with_title("other") == a  # the title is metadata
    assert a != a.to_float()  # kinds differ
    assert a != a.relabel(players={"US": "United States"})
    changed = Game.from_bimatrix([[3, -1], [4, 1]], [[1, 3], [-2, 0]], players=PLAYERS, strategies=STRATS)
    assert a != changed
    assert a.to_float() == pd().to_float() and hash(a.to_float()) == hash(pd().to_float())


# ---------------------------------------------------------------------- constructors
def test_zero_sum():
    g = Game.zero_sum([[1, -1], [-1, 1]])
    assert g.is_constant_sum()
    assert g.payoffs[0, 1].tolist() == [-1, 1]
    assert not pd().is_constant_sum()


def test_from_dict_and_from_function_agree():
    table = {
        ("Renew CFE", "Abandon MD"): (3, 1),
        ("Renew CFE", "Build MD"): (-1, 3),
        ("Suspend CFE", "Abandon MD"): (4, -2),
        ("Suspend CFE", "Build MD"): (0, 0),
    }
    g = Game.from_dict(PLAYERS, STRATS, table)
    assert g == pd()
    h = Game.from_function(PLAYERS, STRATS, lambda p: table[(p["Russia"], p["US"])])
    assert h == pd()
    by_name = Game.from_function(PLAYERS, STRATS,
                                 lambda p: {"US": table[(p["Russia"], p["US"])][1], "Russia": table[(p["Russia"], p["US"])][0]})
    assert by_name == pd()


@pytest.mark.parametrize(
    "table, error, match",
    [
        pytest.param({("Renew CFE", "Abandon MD"): (3, 1)}, InputError, "missing payoffs", id="missing-profile"),
        pytest.param({("Renew CFE", "Build ABM"): (3, 1)}, LabelError, "unknown strategy 'Build ABM'", id="extra-profile"),
        pytest.param({("Renew CFE",): (3, 1)}, InputError, "names 1 strategies, expected 2", id="short-profile"),
        pytest.param({("Renew CFE", "Abandon MD"): (3, 1, 2)}, InputError, "3 payoffs, expected 2", id="wrong-payoff-count"),
    ],
)
def test_from_dict_errors(table, error, match):
    with pytest.raises(error, match=match):
        Game.from_dict(PLAYERS, STRATS, table)


def test_nashpy_round_trip():
    A = np.array([[3, -1], [4, 0]])
    B = np.array([[1, 3], [-2, 0]])
    ng = nashpy.Game(A, B)
    g = Game.from_nashpy(ng, players=PLAYERS, strategies=STRATS)
    assert g.payoff({"Russia": "Suspend CFE", "US": "Abandon MD"}) == {"Russia": 4, "US": -2}
    back = g.to_nashpy()
    assert np.array_equal(back.payoff_matrices[0], A) and np.array_equal(back.payoff_matrices[1], B)
    with pytest.raises(UnsupportedGameError):
        Game(np.zeros((2, 2, 2, 3))).to_nashpy()


# ---------------------------------------------------------------------- transformations
def test_restrict_and_remove_return_new_games():
    g = pd()
    r = g.restrict({"US": ["Build MD"]})
    assert r.strategies == (("Renew CFE", "Suspend CFE"), ("Build MD",))
    assert r.payoff({"Russia": "Renew CFE", "US": "Build MD"}) == {"Russia": -1, "US": 3}
    assert g.shape == (2, 2)  # unchanged
    assert g.remove_strategy("US", "Abandon MD") == r
    with pytest.raises(InputError, match="only strategy"):
        r.remove_strategy("US", "Build MD")
    with pytest.raises(LabelError):
        g.restrict({"US": ["Build ABM"]})


def test_relabel():
    g = pd()
    h = g.relabel(players={"US": "United States"}, strategies={"Russia": {"Renew CFE": "Renew"}})
    assert h.players == ("Russia", "United States")
    assert h.strategies[0] == ("Renew", "Suspend CFE")
    assert h.payoff({"Russia": "Renew", "United States": "Abandon MD"}) == {"Russia": 3, "United States": 1}
    assert g.players == ("Russia", "US")
    with pytest.raises(LabelError):
        g.relabel(strategies={"US": {"nope": "x"}})


def test_transpose():
    g = Game.from_function(["A", "B", "C"], [["a1", "a2"], ["b1"], ["c1", "c2", "c3"]],
                           lambda p: [len(p["A"]) + int(p["A"][1]), int(p["C"][1]), 10 * int(p["A"][1]) + int(p["C"][1])])
    t = g.transpose(["C", "A", "B"])
    assert t.players == ("C", "A", "B") and t.shape == (3, 2, 1)
    for prof in g.pure_profiles():
        assert t.payoff(prof) == g.payoff(prof)
    with pytest.raises(InputError):
        g.transpose(["A", "A", "B"])


# ---------------------------------------------------------------------- symbolic
def test_substitute_symbolic_game():
    c, v = sympy.symbols("c v")
    g = Game.from_bimatrix([[v - c, -c], [v, 0]], [[1, 3], [-2, 0]])
    assert g.kind == "symbolic"
    assert [s.name for s in g.parameters] == ["c", "v"]
    e = g.substitute({"c": 1, "v": "4"})
    assert e.kind == "exact" and e == pd().relabel(players={"Russia": "Player 1", "US": "Player 2"},
                                                  strategies={"Russia": {"Renew CFE": "1", "Suspend CFE": "2"},
                                                              "US": {"Abandon MD": "1", "Build MD": "2"}})
    assert e.payoffs[0, 0, 0] == 3 and type(e.payoffs[0, 0, 0]) is Fraction
    half = g.substitute({"c": "1/2", "v": "0.1"})
    assert half.payoffs[0, 0, 0] == Fraction(1, 10) - Fraction(1, 2)
    assert g.substitute({"c": 0.5, "v": 1}).kind == "float"
    with pytest.raises(InputError, match=r"no value for parameters \['v'\]"):
        g.substitute({"c": 1})
    with pytest.raises(UnsupportedGameError):
        g.payoff_range()


def test_an_exact_payoff_beyond_the_float_range_is_an_input_error_not_a_traceback():
    # float(Fraction(10**400)) overflows: the float game cannot hold it, the exact one can
    with pytest.raises(InputError, match="too large for a float"):
        Game.from_bimatrix([[Fraction(10**400)]], [[0]], kind="float")
    assert Game.from_bimatrix([[Fraction(10**400)]], [[0]]).payoffs[0, 0, 0] == 10**400
