"""The TOML format of Bayesian games: the documented example, every way to write the prior, errors with lines."""

from __future__ import annotations

import tomllib
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import InputError
from gametheory.bayesian.game import BayesianGame
from gametheory.bayesian.harsanyi import solve_bayesian
from gametheory.errors import ExpressionError, LabelError
from gametheory.io.model.bayesian_read import is_bayesian_document, load_bayesian_model, parse_bayesian_model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "bayesian" / "battle_of_the_sexes.toml"

HEAD = '''title = "t"
[[players]]
name = "A"
types = ["x"]
actions = ["L", "R"]
[[players]]
name = "B"
types = ["h", "l"]
actions = ["L", "R"]
'''


def payoffs(types=(("x", "h"), ("x", "l")), skip=()):
    out = []
    for t in types:
        for a in ("L", "R"):
            for b in ("L", "R"):
                if (t, (a, b)) in skip:
                    continue
                u = 1 if a == b else 0
                out.append(f'[[payoffs]]\ntypes = ["{t[0]}", "{t[1]}"]\nprofile = ["{a}", "{b}"]\n'
                           f'values = [{u}, {u if t[1] == "h" else 1 - u}]\n')
    return "".join(out)


def error_of(text):
    with pytest.raises(InputError) as info:
        parse_bayesian_model(text, "m.toml")
    return info.value


def line_of(text, fragment):
    return next(k for k, line in enumerate(text.splitlines(), 1) if fragment in line)


# ----------------------------------------------------------------------------- the documented example
def test_example_model_solves_to_osbornes_answer():
    m = load_bayesian_model(EXAMPLE)
    assert m.players == ("Player 1", "Player 2")
    assert m.types == (("-",), ("meet", "avoid")) and m.actions == (("B", "S"), ("B", "S"))
    assert m.game.kind == "symbolic"
    g = m.game_at()
    assert g.kind == "exact" and g.prior(("-", "meet")) == F(1, 2)
    # Osborne (2004) ch. 9: (B, (B, S)) is the one pure equilibrium at p = 1/2 (derived in test_bayesian_game)
    result = solve_bayesian(g, method="pure")
    assert len(result) == 1
    assert result[0].strategies["Player 2"]["avoid"]["S"] == 1
    # the prior is a parameter: at p = 1/4, player 1's B against (B, S) gives 2p = 1/2 < 1 - p = 3/4 from S
    assert len(solve_bayesian(m.game_at({"p": "1/4"}), method="pure")) == 0
    assert [p.kind for p in m.predictions] == ["equilibrium", "not_equilibrium"]
    assert m.predictions[0].profile["Player 2"] == {"meet": "B", "avoid": "S"}
    assert m.predictions[0].line == line_of(EXAMPLE.read_text(), "[[predictions]]")


def test_example_and_python_game_agree():
    m = load_bayesian_model(EXAMPLE)
    meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    direct = BayesianGame(["Player 1", "Player 2"], {"Player 1": ["-"], "Player 2": ["meet", "avoid"]},
                          {"Player 1": ["B", "S"], "Player 2": ["B", "S"]},
                          {"Player 2": {"meet": "1/3", "avoid": "2/3"}},
                          {**{(("-", "meet"), a): v for a, v in meet.items()},
                           **{(("-", "avoid"), a): v for a, v in avoid.items()}}, title=m.title)
    assert m.game_at({"p": "1/3"}) == direct
    assert m.game.substitute({"p": "1/3"}) == direct


def test_recognised_as_bayesian():
    assert is_bayesian_document(tomllib.loads(EXAMPLE.read_text()))
    assert is_bayesian_document({"players": [{"name": "A", "types": ["x"]}]})
    assert not is_bayesian_document({"players": [{"name": "A", "strategies": ["x"]}], "payoffs": []})
    err = error_of('title = "t"\n[[players]]\nname = "A"\nstrategies = ["x"]\n')
    assert "not a Bayesian model" in err.message


# ----------------------------------------------------------------------------- ways to write the prior
def test_joint_prior_with_a_zero_profile_and_decimals():
    text = HEAD + '[[prior]]\ntypes = ["x", "h"]\nprobability = 0.25\n[[prior]]\ntypes = { A = "x", B = "l" }\n' \
        'probability = "3/4"\n' + payoffs()
    g = parse_bayesian_model(text).game_at()
    assert g.prior({"A": "x", "B": "h"}) == F(1, 4) and g.prior(("x", "l")) == F(3, 4)


def test_joint_prior_leaves_out_profiles_without_payoffs():
    text = HEAD.replace('types = ["x"]', 'types = ["x", "y"]') + \
        '[[prior]]\ntypes = ["x", "h"]\nprobability = "1/2"\n[[prior]]\ntypes = ["y", "l"]\nprobability = "1/2"\n' \
        + payoffs((("x", "h"), ("y", "l")))
    g = parse_bayesian_model(text).game_at()
    assert g.positive_types("A") == ("x", "y") and g.prior(("x", "l")) == 0
    # the types are perfectly correlated, so each state is a game of its own: in (x, h) both want to match (two
    # pure equilibria and the mixed one at 1/2), in (y, l) A wants to match and B to mismatch (matching pennies,
    # only the mixed one at 1/2): no pure equilibrium, three in all, each with B (l) and A (y) mixing 1/2
    assert len(solve_bayesian(g, method="pure")) == 0
    result = solve_bayesian(g, method="enumpoly")
    assert result.complete and len(result) == 3
    assert all(eq.strategies["B"]["l"]["L"] == F(1, 2) == eq.strategies["A"]["y"]["L"] for eq in result)
    assert {eq.strategies["A"]["x"]["L"] for eq in result} == {0, F(1, 2), 1}


def test_prior_expression_must_sum_to_one_identically():
    param = '[parameters.q]\ndefault = "1/2"\nrange = [0, 1]\nmeaning = "m"\n'
    ok = HEAD + param + '[prior]\nB = { h = "q", l = "1 - q" }\n' + payoffs()
    m = parse_bayesian_model(ok)
    assert m.game_at({"q": "1/5"}).prior(("x", "h")) == F(1, 5)
    bad = HEAD + param + '[prior]\nB = { h = "q", l = "1/2" }\n' + payoffs()
    err = error_of(bad)  # sums to 1 at the default q = 1/2, not for other q
    assert "not 1 for every value" in err.message and err.line == line_of(bad, "[prior]")
    neg = m.game_at  # a value that makes the prior negative
    with pytest.raises(InputError, match="negative") as info:
        neg({"q": "3/2"})
    assert info.value.line == line_of(ok, "[prior]")


# ----------------------------------------------------------------------------- errors with lines
def test_prior_not_summing_to_one_gives_the_line():
    text = HEAD + '\n[prior]\nB = { h = "1/2", l = "1/4" }\n' + payoffs()
    err = error_of(text)
    assert err.path == "m.toml" and err.line == line_of(text, "[prior]")
    assert "sums to 3/4" in err.message
    joint = HEAD + '[[prior]]\ntypes = ["x", "h"]\nprobability = "1/2"\n' + payoffs()
    err = error_of(joint)
    assert err.line == line_of(joint, "[[prior]]") and "sums to 1/2" in err.message


def test_type_profile_without_payoffs_gives_the_line():
    text = HEAD + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + payoffs(types=(("x", "h"),))
    err = error_of(text)
    assert err.line == line_of(text, "[[payoffs]]")
    assert "no payoffs for types ['x', 'l']" in err.message
    partial = HEAD + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + payoffs(skip={(("x", "l"), ("R", "L"))})
    err = error_of(partial)
    assert "actions ['R', 'L']" in err.message and err.line == line_of(partial, "[[payoffs]]")


@pytest.mark.parametrize(("body", "fragment", "message", "cls"), [
    ('[prior]\nB = { h = "1/2", z = "1/2" }\n', "B = {", "unknown type 'z'", LabelError),
    ('[prior]\nC = { h = 1 }\n', "C = {", "unknown player 'C'", LabelError),
    ('[prior]\nB = { h = "2", l = "-1" }\n', "[prior]", "negative", InputError),
    ('[prior]\nB = { h = "__import__(\'os\')", l = 0 }\n', "B = {", "", ExpressionError),
    ('[[prior]]\ntypes = [ "x" ]\nprobability = 1\n', "types = [ \"x\" ]", "expected 2 types", InputError),
    ('[[prior]]\ntypes = ["x", "h"]\n', "[[prior]]", "needs 'probability'", InputError),
    ('[[prior]]\ntypes = ["x", "h"]\nprobability = 0.5\n[[prior]]\ntypes = {B = "h", A = "x"}\nprobability = 0.5\n',
     'types = {B', "given twice (first at line 10)", InputError),
])
def test_bad_priors(body, fragment, message, cls):
    text = HEAD + body + payoffs()
    err = error_of(text)
    assert isinstance(err, cls) and message in err.message
    assert err.line == line_of(text, fragment)


def test_bad_players_and_payoffs():
    no_types = 'title = "t"\n[prior]\nA = { x = 1 }\n[[players]]\nname = "A"\nactions = ["L"]\n'
    err = error_of(no_types)
    assert "needs 'types'" in err.message and err.line == line_of(no_types, "[[players]]")
    dup = HEAD.replace('types = ["h", "l"]', 'types = ["h", "h"]') + '[prior]\nB = { h = 1 }\n'
    assert "duplicate type" in error_of(dup).message
    text = HEAD + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + payoffs() + \
        '[[payoffs]]\ntypes = ["x", "h"]\nprofile = ["L", "Q"]\nvalues = [1, 2]\n'
    err = error_of(text)
    assert "unknown action 'Q'" in err.message and err.line == line_of(text, 'profile = ["L", "Q"]')
    dup_pay = HEAD + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + payoffs() + payoffs(types=(("x", "h"),))
    err = error_of(dup_pay)
    assert f"first at line {line_of(dup_pay, '[[payoffs]]')})" in err.message and "duplicate payoffs" in err.message
    strat = HEAD.replace('actions = ["L", "R"]\n[[players]]', 'actions = ["L", "R"]\nstrategies = ["L"]\n'
                         '[[players]]', 1) + '[prior]\nB = { h = 1 }\n'
    assert "actions" in error_of(strat).message


def test_payoff_expressions_and_undefined_values():
    param = '[parameters.c]\ndefault = 1\nrange = [0, 2]\nmeaning = "m"\n'
    text = HEAD + param + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + \
        payoffs().replace("values = [1, 1]", 'values = ["2*c", "1/c"]', 1)
    m = parse_bayesian_model(text)
    g = m.game_at({"c": 2})
    assert g.payoff(("x", "h"), ("L", "L")) == {"A": F(4), "B": F(1, 2)}
    with pytest.raises(InputError) as info:
        m.game_at({"c": 0})
    assert info.value.line == line_of(text, 'values = ["2*c", "1/c"]')
    with pytest.raises(InputError, match="unknown parameter"):
        m.game_at({"d": 1})


def test_predictions_are_checked():
    base = HEAD + '[prior]\nB = { h = "1/2", l = "1/2" }\n' + payoffs()
    ok = base + '[[predictions]]\nkind = "equilibrium"\nprofile = { A = { x = "L" }, B = { h = "L", l = ' \
        '{ L = "1/2", R = "1/2" } } }\n[[predictions]]\nkind = "equilibrium_count"\ncount = 2\n'
    preds = parse_bayesian_model(ok).predictions
    assert preds[0].profile["B"]["l"] == {"L": F(1, 2), "R": F(1, 2)} and preds[1].count == 2
    missing = base + '[[predictions]]\nkind = "equilibrium"\nprofile = { A = { x = "L" }, B = { h = "L" } }\n'
    err = error_of(missing)
    assert "no action for type 'l'" in err.message and err.line == line_of(missing, "profile = { A")
    bad_kind = base + '[[predictions]]\nkind = "subgame_perfect"\n'
    assert "kind must be one of" in error_of(bad_kind).message
