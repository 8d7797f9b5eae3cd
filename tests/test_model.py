"""Model files: the CFE models at their defaults, every input error with path/line/field, writing back."""

import dataclasses
import os
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
import tomli_w

from gametheory import Game
from gametheory.errors import ExpressionError, InputError, LabelError, ModelError, UndefinedPayoffError
from gametheory.io import load_game, save_game
from gametheory.io.model import Model, load_any_model, load_model, model_to_toml, parse_model, write_model
from gametheory.io.model.write import model_document

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
# the normal-form models (a signaling model is tested in tests/test_bayesian_cli.py)
NORMAL_FORM_MODELS = [p for p in sorted(MODELS.glob("*.toml")) if isinstance(load_any_model(p), Model)]

BASE = '''\
title = "Test game"
section = "t"
description = "d"
quotes = ["q"]
assumptions = ["t > 0"]

[[players]]
name = "Row"
strategies = ["C", "D"]

[[players]]
name = "Col"
strategies = ["C", "D"]

[parameters.t]
default = 4
range = [3, 5]
meaning = "temptation"
quote = "q"
status = "assumption"

[[payoffs]]
profile = ["C", "C"]
values = [3, 3]

[[payoffs]]
profile = ["C", "D"]
values = [0, "t"]

[[payoffs]]
profile = ["D", "C"]
values = ["t", 0]

[[payoffs]]
profile = ["D", "D"]
values = [1, 1]

[[predictions]]
kind = "unique_equilibrium"
profile = { Row = "D", Col = "D" }
claim = "c"
'''


def _pure_equilibria(game):
    """Brute force over profiles, written here independently of the library's solvers."""
    out = []
    pay = game.payoffs
    for idx in np.ndindex(*game.shape):
        ok = True
        for i in range(game.num_players):
            for dev in range(game.shape[i]):
                alt = list(idx)
                alt[i] = dev
                if pay[tuple(alt) + (i,)] > pay[idx + (i,)]:
                    ok = False
        if ok:
            out.append(tuple(game.strategies[i][j] for i, j in enumerate(idx)))
    return out


# ---------------------------------------------------------------------------- the two CFE models

UNLINKED = {  # cfe_md_unlinked at the defaults, by hand from its payoff formulas
    ("Renew CFE", "Abandon MD"): (3, 1),
    ("Renew CFE", "Build MD"): (-1, 3),
    ("Suspend CFE", "Abandon MD"): (4, -2),
    ("Suspend CFE", "Build MD"): (0, 0),
}
PACKAGE = {  # cfe_md_package at the defaults (eps_a = 0), by hand from its payoff formulas
    ("Yes", "Yes"): (3, 1),
    ("Yes", "No"): (0, 0),
    ("No", "Yes"): (0, 0),
    ("No", "No"): (0, 0),
}


@pytest.mark.parametrize(
    "name, table, strategies",
    [
        pytest.param("cfe_md_unlinked", UNLINKED, (("Renew CFE", "Suspend CFE"), ("Abandon MD", "Build MD")), id="unlinked"),
        pytest.param("cfe_md_package", PACKAGE, (("Yes", "No"), ("Yes", "No")), id="package"),
    ],
)
def test_cfe_models_at_defaults(name, table, strategies):
    m = load_model(MODELS / f"{name}.toml")
    assert m.id == name and m.players == ("Russia", "US") and m.strategies == strategies
    assert m.game.kind == "symbolic"
    g = m.game_at()
    assert g.kind == "exact"
    for (r, u), (pr, pu) in table.items():
        got = g.payoff({"Russia": r, "US": u})
        assert got == {"Russia": Fraction(pr), "US": Fraction(pu)}
        assert all(isinstance(v, Fraction) for v in got.values())


def test_unlinked_symbolic_payoffs_match_the_hand_derivation():
    m = load_model(MODELS / "cfe_md_unlinked.toml")
    v_nomd, c_cfe, v_cfe, v_md = (m.parameters[n].symbol for n in ("v_nomd", "c_cfe", "v_cfe", "v_md"))
    expected = {
        ("Renew CFE", "Abandon MD"): (v_nomd - c_cfe, v_cfe - v_md),
        ("Renew CFE", "Build MD"): (-c_cfe, v_cfe),
        ("Suspend CFE", "Abandon MD"): (v_nomd, -v_md),
        ("Suspend CFE", "Build MD"): (0, 0),
    }
    for (r, u), (er, eu) in expected.items():
        got = m.game.payoff({"Russia": r, "US": u})
        assert sympy.expand(got["Russia"] - er) == 0 and sympy.expand(got["US"] - eu) == 0


def test_package_at_positive_eps_a():
    m = load_model(MODELS / "cfe_md_package.toml")
    g = m.game_at({"eps_a": "1/2"})
    assert g.payoff({"Russia": "Yes", "US": "Yes"}) == {"Russia": Fraction(7, 2), "US": Fraction(3, 2)}
    assert g.payoff({"Russia": "Yes", "US": "No"}) == {"Russia": Fraction(1, 2), "US": 0}
    assert g.payoff({"Russia": "No", "US": "Yes"}) == {"Russia": 0, "US": Fraction(1, 2)}
    assert _pure_equilibria(g) == [("Yes", "Yes")]


def test_cfe_predictions_hold_by_brute_force():
    unlinked = load_model(MODELS / "cfe_md_unlinked.toml")
    (pred, *_) = unlinked.predictions
    assert pred.kind == "unique_equilibrium" and dict(pred.profile) == {"Russia": "Suspend CFE", "US": "Build MD"}
    assert _pure_equilibria(unlinked.game_at()) == [("Suspend CFE", "Build MD")]
    package = load_model(MODELS / "cfe_md_package.toml")
    kinds = [(p.kind, dict(p.profile or {}), dict(p.at)) for p in package.predictions]
    assert ("equilibrium", {"Russia": "Yes", "US": "Yes"}, {}) in kinds
    assert ("equilibrium", {"Russia": "No", "US": "No"}, {"eps_a": 0}) in kinds
    assert _pure_equilibria(package.game_at({"eps_a": 0})) == [("Yes", "Yes"), ("No", "No")]


def test_cfe_models_have_quotes_and_parameter_metadata():
    for name in ("cfe_md_unlinked", "cfe_md_package"):
        m = load_model(MODELS / f"{name}.toml")
        assert m.quotes and m.description and m.section == "Cutting Russia Back In: the CFE for missile-defense trade"
        for p in m.parameters.values():
            # a parameter the article pins carries the quote that pins it; eps_a, a tie-breaker of the model's,
            # is an assumption with no sentence of the article behind it (issue 16: not "taken seriously")
            assert p.meaning and p.status in ("pinned", "assumption")
            assert p.quote if p.status == "pinned" else p.name == "eps_a" and not p.quote
            assert p.range[0] <= p.default <= p.range[1]
    pkg = load_model(MODELS / "cfe_md_package.toml")
    assert set(pkg.parameters) == {"v_nomd", "c_cfe", "v_cfe", "v_md", "g", "eps_a"}
    assert pkg.parameters["eps_a"].status == "assumption" and pkg.parameters["g"].default == 0


def test_cfe_quotes_are_verbatim_from_the_article(article_text):
    seed = article_text
    for name in ("cfe_md_unlinked", "cfe_md_package"):
        m = load_model(MODELS / f"{name}.toml")
        quotes = list(m.quotes) + [p.quote for p in m.parameters.values()] + [p.quote for p in m.predictions if p.quote]
        for q in quotes:
            assert q in seed, q


# ---------------------------------------------------------------------------- the API


def test_parse_base_model():
    m = parse_model(BASE, "base.toml")
    assert m.id == "base" and m.title == "Test game" and m.quotes == ("q",)
    assert m.parameters["t"].default == Fraction(4) and m.parameters["t"].range == (3, 5)
    assert m.parameters["t"].line == 15
    assert m.assumptions == (sympy.StrictGreaterThan(m.parameters["t"].symbol, 0),)
    assert m.predictions[0].line == 38  # its [[predictions]] header and m.predictions[0].is_pure
    assert _pure_equilibria(m.game_at()) == [("D", "D")]


def test_model_is_immutable_and_hashable():
    m = parse_model(BASE)
    assert hash(m) == hash(parse_model(BASE)) and m == parse_model(BASE)
    assert m != parse_model(BASE.replace("default = 4", "default = 5"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.title = "x"
    with pytest.raises(TypeError):
        m.parameters["u"] = m.parameters["t"]
    with pytest.raises(TypeError):
        m.predictions[0].profile["Row"] = "C"
    with pytest.raises(ValueError):
        m.game.payoffs[0, 0, 0] = 1


def test_game_at_overrides_and_kinds():
    m = parse_model(BASE)
    assert m.game_at({"t": "9/2"}).payoff({"Row": "D", "Col": "C"})["Row"] == Fraction(9, 2)
    assert m.game_at({"t": 10}).payoff({"Row": "D", "Col": "C"})["Row"] == 10  # outside the range is allowed
    f = m.game_at({"t": 4.5})
    assert f.kind == "float" and f.payoff({"Row": "D", "Col": "C"})["Row"] == pytest.approx(4.5)
    assert m.game_at(exact=False).kind == "float"
    assert m.game_at({m.parameters["t"].symbol: 3}).payoff({"Row": "C", "Col": "D"})["Col"] == 3


def test_game_at_unknown_parameter_names_it_and_lists_declared():
    m = parse_model(BASE, "base.toml")
    with pytest.raises(InputError) as info:
        m.game_at({"s": 1})
    assert "'s'" in str(info.value) and "declared parameters: t" in str(info.value)


def test_toml_floats_are_exact_decimals():
    text = BASE.replace("default = 4", "default = 4.1").replace("values = [3, 3]", "values = [0.1, 2.5e-1]")
    m = parse_model(text)
    assert m.parameters["t"].default == Fraction(41, 10)
    g = m.game_at()
    assert g.kind == "exact" and g.payoff({"Row": "C", "Col": "C"}) == {"Row": Fraction(1, 10), "Col": Fraction(1, 4)}


def test_model_without_parameters_is_exact():
    text = BASE.replace('"t"', "5").replace('assumptions = ["t > 0"]\n', "")
    text = text[: text.index("[parameters.t]")] + text[text.index("[[payoffs]]"):]
    m = parse_model(text)
    assert m.parameters == {} and m.game.kind == "exact" and m.game_at() is m.game


def test_irrational_payoff_needs_float():
    text = BASE.replace('values = [1, 1]', 'values = ["sqrt(t)", 1]')
    m = parse_model(text)
    assert m.game_at({"t": 4}).kind == "exact"
    g = m.game_at({"t": 3})
    assert g.kind == "float" and g.payoff({"Row": "D", "Col": "D"})["Row"] == pytest.approx(3**0.5)
    with pytest.raises(InputError, match="irrational"):
        m.game_at({"t": 3}, exact=True)


def test_profile_as_table_and_mixed_prediction():
    text = BASE.replace('profile = ["C", "C"]', 'profile = { Col = "C", Row = "C" }').replace(
        'profile = { Row = "D", Col = "D" }', 'profile = { Row = { C = "1/3", D = 0.5 }, Col = "D" }'
    ).replace('profile = { Row = { C = "1/3", D = 0.5 }', 'profile = { Row = { C = "1/2", D = 0.5 }')
    m = parse_model(text)
    assert m.game_at().payoff({"Row": "C", "Col": "C"})["Row"] == 3
    prof = m.predictions[0].profile
    assert dict(prof["Row"]) == {"C": Fraction(1, 2), "D": Fraction(1, 2)} and not m.predictions[0].is_pure


def test_inline_parameters_table_errors_point_at_the_parameter():
    text = BASE.replace(
        '[parameters.t]\ndefault = 4\nrange = [3, 5]\nmeaning = "temptation"\nquote = "q"\nstatus = "assumption"\n',
        '[parameters]\nt = { default = 9, range = [3, 5], meaning = "m" }\n',
    )
    with pytest.raises(ModelError) as info:
        parse_model(text, "p.toml")
    assert info.value.line == text.splitlines().index('t = { default = 9, range = [3, 5], meaning = "m" }') + 1
    assert info.value.field == "parameters.t.default"


# ---------------------------------------------------------------------------- every error


def _line_of(text, needle, occurrence=1):
    seen = 0
    for no, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return no
    raise AssertionError(f"{needle!r} not in the test text")


def _drop_block(text, header, occurrence):
    """Remove the n-th [[header]] block (up to the next blank line)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip() == header]
    i = starts[occurrence - 1]
    j = i
    while j < len(lines) and lines[j].strip():
        j += 1
    return "".join(lines[:i] + lines[j + 1:])


# (id, mutate(text) -> text, error class, line needle (or (needle, occurrence) or a number), field, message part)
CASES = [
    ("unknown-top-level-key", lambda t: 'colour = "red"\n' + t, ModelError, 'colour =', "colour", "unknown top-level key 'colour'"),
    ("missing-title", lambda t: t.replace('title = "Test game"\n', ""), ModelError, 1, "title", "missing 'title'"),
    ("empty-title", lambda t: t.replace('title = "Test game"', 'title = " "'), ModelError, "title =", "title", "must not be empty"),
    ("title-not-string", lambda t: t.replace('title = "Test game"', "title = 3"), ModelError, "title =", "title", "expected a string"),
    ("missing-players", lambda t: _drop_block(_drop_block(t, "[[players]]", 2), "[[players]]", 1), ModelError, None, "players", "missing [[players]]"),
    ("missing-payoffs", lambda t: t[: t.index("[[payoffs]]")] + t[t.index("[[predictions]]"):], ModelError, None, "payoffs", "missing [[payoffs]]"),
    ("duplicate-player", lambda t: t.replace('name = "Col"', 'name = "Row"'), LabelError, ('name = "Row"', 2), "players[2].name", "duplicate player name 'Row'"),
    ("duplicate-strategy", lambda t: t.replace('strategies = ["C", "D"]\n\n[parameters', 'strategies = ["C", "C"]\n\n[parameters'), LabelError, ('strategies = ["C", "C"]', 1), "players[2].strategies", "duplicate strategy 'C'"),
    ("no-strategies", lambda t: t.replace('name = "Col"\nstrategies = ["C", "D"]', 'name = "Col"\nstrategies = []'), ModelError, "strategies = []", "players[2].strategies", "at least one strategy"),
    ("player-unknown-key", lambda t: t.replace('name = "Col"', 'name = "Col"\nstrategy = ["x"]'), ModelError, "strategy = [", "players[2].strategy", "unknown key 'strategy'"),
    ("unknown-label", lambda t: t.replace('profile = ["C", "D"]', 'profile = ["C", "X"]'), LabelError, 'profile = ["C", "X"]', "payoffs[2].profile", "unknown strategy 'X' of player 'Col'"),
    ("profile-too-short", lambda t: t.replace('profile = ["C", "D"]', 'profile = ["C"]'), ModelError, 'profile = ["C"]', "payoffs[2].profile", "expected 2 strategy labels"),
    ("missing-profile", lambda t: _drop_block(t, "[[payoffs]]", 4), ModelError, ("[[payoffs]]", 1), "payoffs", "no payoffs for profile ['D', 'D']"),
    ("duplicate-profile", lambda t: t.replace('profile = ["D", "C"]', 'profile = ["C", "D"]'), ModelError, ('profile = ["C", "D"]', 2), "payoffs[3].profile", "duplicate profile ['C', 'D'] (first given at line 27)"),
    ("too-many-values", lambda t: t.replace("values = [1, 1]", "values = [1, 1, 1]"), ModelError, "values = [1, 1, 1]", "payoffs[4].values", "expected 2 values (one per player), got 3"),
    ("values-not-list", lambda t: t.replace("values = [1, 1]", "values = 1"), ModelError, "values = 1", "payoffs[4].values", "expected a list of 2 values"),
    ("payoff-missing-values", lambda t: t.replace("values = [1, 1]\n", ""), ModelError, ("[[payoffs]]", 4), "payoffs[4]", "needs 'values'"),
    ("payoff-unknown-key", lambda t: t.replace("values = [1, 1]", "values = [1, 1]\nvalue = 2"), ModelError, "value = 2", "payoffs[4].value", "unknown key 'value'"),
    ("inf-payoff", lambda t: t.replace("values = [1, 1]", "values = [inf, 1]"), ModelError, "values = [inf, 1]", "payoffs[4].values", "finite"),
    ("nan-payoff", lambda t: t.replace("values = [1, 1]", "values = [1, nan]"), ModelError, "values = [1, nan]", "payoffs[4].values", "finite"),
    ("nan-default", lambda t: t.replace("default = 4", "default = nan"), ModelError, "default = nan", "parameters.t.default", "finite"),
    ("huge-exponent", lambda t: t.replace("values = [1, 1]", "values = [1e999999999, 1]"), ModelError, "values = [1e999999999, 1]", "payoffs[4].values", "out of range"),
    ("bool-payoff", lambda t: t.replace("values = [1, 1]", "values = [true, 1]"), ModelError, "values = [true, 1]", "payoffs[4].values", "boolean"),
    ("undeclared-parameter", lambda t: t.replace('values = [0, "t"]', 'values = [0, "t + s"]'), ExpressionError, 'values = [0, "t + s"]', "payoffs[2].values", "unknown name 's'"),
    ("forbidden-call", lambda t: t.replace('values = [0, "t"]', "values = [0, \"__import__('os')\"]"), ExpressionError, "__import__", "payoffs[2].values", "call of '__import__' is not allowed"),
    ("attribute-access", lambda t: t.replace('values = [0, "t"]', 'values = [0, "t.real"]'), ExpressionError, "t.real", "payoffs[2].values", "attribute access"),
    ("division-by-zero-at-defaults", lambda t: t.replace('values = [0, "t"]', 'values = [0, "1/(t - 4)"]'), ModelError, "1/(t - 4)", "payoffs", "not a finite number"),
    ("range-lo-gt-hi", lambda t: t.replace("range = [3, 5]", "range = [5, 3]"), ModelError, "range = [5, 3]", "parameters.t.range", "lo > hi"),
    ("range-not-pair", lambda t: t.replace("range = [3, 5]", "range = [3]"), ModelError, "range = [3]", "parameters.t.range", "expected [lo, hi]"),
    ("default-outside-range", lambda t: t.replace("default = 4", "default = 9"), ModelError, "default = 9", "parameters.t.default", "outside the range [3, 5]"),
    ("default-bad-string", lambda t: t.replace("default = 4", 'default = "four"'), ModelError, 'default = "four"', "parameters.t.default", "expected a number"),
    ("missing-meaning", lambda t: t.replace('meaning = "temptation"\n', ""), ModelError, "[parameters.t]", "parameters.t", "needs 'meaning'"),
    ("bad-status", lambda t: t.replace('status = "assumption"', 'status = "maybe"'), ModelError, 'status = "maybe"', "parameters.t.status", "status must be one of"),
    ("bad-parameter-name", lambda t: t.replace("[parameters.t]", "[parameters.exp]"), ModelError, "[parameters.exp]", "parameters.exp", "cannot name a parameter"),
    ("parameter-unknown-key", lambda t: t.replace('meaning = "temptation"', 'meaning = "temptation"\nunits = "x"'), ModelError, "units =", "parameters.t.units", "unknown key 'units'"),
    ("undeclared-in-assumption", lambda t: t.replace('assumptions = ["t > 0"]', 'assumptions = ["s > 0"]'), ExpressionError, "assumptions =", "assumptions[1]", "unknown name 's'"),
    ("assumption-not-relation", lambda t: t.replace('assumptions = ["t > 0"]', 'assumptions = ["t"]'), ExpressionError, "assumptions =", "assumptions[1]", "one comparison"),
    ("bad-prediction-kind", lambda t: t.replace('kind = "unique_equilibrium"', 'kind = "nash"'), ModelError, 'kind = "nash"', "predictions[1].kind", "kind must be one of"),
    ("prediction-unknown-label", lambda t: t.replace('profile = { Row = "D", Col = "D" }', 'profile = { Row = "D", Col = "X" }'), LabelError, 'Col = "X"', "predictions[1].profile", "unknown strategy 'X' of player 'Col'"),
    ("prediction-unknown-player", lambda t: t.replace('profile = { Row = "D", Col = "D" }', 'profile = { Row = "D", Cal = "D" }'), LabelError, 'Cal = "D"', "predictions[1].profile", "unknown player 'Cal'"),
    ("prediction-missing-player", lambda t: t.replace('profile = { Row = "D", Col = "D" }', 'profile = { Row = "D" }'), ModelError, 'profile = { Row = "D" }', "predictions[1].profile", "no strategy for player 'Col'"),
    ("prediction-missing-profile", lambda t: t.replace('profile = { Row = "D", Col = "D" }\n', ""), ModelError, "[[predictions]]", "predictions[1]", "needs a profile"),
    ("prediction-probabilities", lambda t: t.replace('profile = { Row = "D", Col = "D" }', 'profile = { Row = { C = "1/3" }, Col = "D" }'), ModelError, "C = \"1/3\"", "predictions[1].profile", "sum to 1/3, expected 1"),
    ("prediction-count-missing", lambda t: t.replace('kind = "unique_equilibrium"', 'kind = "equilibrium_count"'), ModelError, "[[predictions]]", "predictions[1].count", "expected a count"),
    ("prediction-count-wrong-kind", lambda t: t.replace('claim = "c"', 'claim = "c"\ncount = 2'), ModelError, "count = 2", "predictions[1].count", "belongs to kind 'equilibrium_count'"),
    ("prediction-at-unknown", lambda t: t.replace('claim = "c"', 'claim = "c"\nat = { s = 1 }'), ModelError, "at = { s = 1 }", "predictions[1].at", "unknown parameter 's'"),
    ("quotes-not-strings", lambda t: t.replace('quotes = ["q"]', "quotes = [1]"), ModelError, "quotes =", "quotes[1]", "expected a string"),
    ("bargaining-not-table", lambda t: t.replace('section = "t"', 'section = "t"\nbargaining = 3'), ModelError, "bargaining = 3", "bargaining", "expected a table"),
    ("toml-syntax", lambda t: t.replace('claim = "c"', 'claim = "c'), ModelError, 'claim = "c', None, "not valid TOML"),
    ("toml-duplicate-key", lambda t: t.replace('claim = "c"', 'claim = "c"\nclaim = "d"'), ModelError, 'claim = "d"', None, "not valid TOML"),
]


@pytest.mark.parametrize("mutate, cls, where, field, part", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_model_errors(tmp_path, mutate, cls, where, field, part):
    text = mutate(BASE)
    assert text != BASE
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cls) as info:
        load_model(path)
    err = info.value
    assert isinstance(err, InputError)
    assert err.path == str(path)
    assert part in err.message, err.message
    if field is not None:
        assert err.field == field
    if isinstance(where, int):
        assert err.line == where
    elif where is None:
        assert err.line is None or err.line >= 1
    else:
        needle, k = where if isinstance(where, tuple) else (where, 1)
        assert err.line == _line_of(text, needle, k), (err.line, err)
    head = f"{path}:{err.line}: " if err.line is not None else f"{path}: "
    assert str(err).startswith(head)


def test_not_utf8_and_missing_file(tmp_path):
    p = tmp_path / "latin.toml"
    p.write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(ModelError, match="not UTF-8") as info:
        load_model(p)
    assert info.value.line == 1
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "nope.toml")


# ---------------------------------------------------------------------------- writing


@pytest.mark.parametrize("path", NORMAL_FORM_MODELS, ids=lambda p: p.stem)
def test_every_model_file_round_trips(tmp_path, path):
    m = load_model(path)
    out = tmp_path / path.name
    write_model(m, out)
    back = load_model(out)
    assert back.game == m.game and back.game_at() == m.game_at()
    assert back.parameters.keys() == m.parameters.keys()
    assert [(p.default, p.range, p.status, p.meaning, p.quote) for p in back.parameters.values()] == [
        (p.default, p.range, p.status, p.meaning, p.quote) for p in m.parameters.values()
    ]
    assert back.assumptions == m.assumptions and back.quotes == m.quotes
    assert [(p.kind, p.profile, p.count, p.claim, dict(p.at)) for p in back.predictions] == [
        (p.kind, p.profile, p.count, p.claim, dict(p.at)) for p in m.predictions
    ]


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(Game.from_bimatrix([[3, 0], [5, 1]], [["1/3", 5], [0, "0.25"]], players=["A", "B \"q\""], title="PD"), id="exact"),
        pytest.param(Game.from_bimatrix([[0.1, 2.5], [1e-7, -3.0]], [[1.0, 0.0], [2.0, 1 / 3]], strategies=[["x y", "z"], ["1", "2"]]), id="float"),
        pytest.param(Game(np.arange(8).reshape(2, 2, 2, 1).repeat(3, axis=3) - 3, title="3p"), id="three-players"),
    ],
)
def test_game_to_toml_round_trip(tmp_path, game):
    path = tmp_path / "g.toml"
    save_game(game, path)
    back = load_game(path)
    assert back.players == game.players and back.strategies == game.strategies
    if game.kind == "float":
        # TOML floats are read as the exact decimal they print as
        assert back.kind == "exact" and back.to_float() == game
    else:
        assert back == game


def test_write_is_atomic(tmp_path):
    path = tmp_path / "keep.toml"
    path.write_text("original\n")
    symbolic = parse_model(BASE).game
    with pytest.raises(InputError, match="symbolic"):
        write_model(symbolic, path)
    assert path.read_text() == "original\n"
    with pytest.raises(InputError):
        write_model(Game.from_bimatrix([[1]], [[1]]), tmp_path / "no" / "such" / "dir.toml")
    assert sorted(os.listdir(tmp_path)) == ["keep.toml"]


def test_load_game_by_extension(tmp_path):
    base = tmp_path / "m.toml"
    base.write_text(BASE)
    assert load_game(base).payoff({"Row": "D", "Col": "C"})["Row"] == 4
    assert load_game(base, params={"t": 5}).payoff({"Row": "D", "Col": "C"})["Row"] == 5
    assert load_game(base, exact=False).kind == "float"
    with pytest.raises(InputError, match="unknown parameter 'x'"):
        load_game(base, params={"x": 1})
    with pytest.raises(InputError, match="unknown file type '.json'") as info:
        load_game(tmp_path / "m.json")
    assert info.value.path == str(tmp_path / "m.json")
    nfg = tmp_path / "g.nfg"
    save_game(load_game(base), nfg)
    assert load_game(nfg) == load_game(base).relabel() and load_game(nfg).title == "Test game"
    with pytest.raises(InputError, match="no parameters"):
        load_game(nfg, params={"t": 1})


def test_model_to_toml_keeps_expressions():
    text = model_to_toml(parse_model(BASE))
    assert 'values = [0, "t"]' in text and "[parameters.t]" in text and 'assumptions = ["t > 0"]' in text


def test_game_at_error_points_at_the_payoff_entry():
    text = BASE.replace('values = ["t", 0]', 'values = ["1/(t - 5)", 0]')
    m = parse_model(text, "z.toml")
    with pytest.raises(ModelError) as info:
        m.game_at({"t": 5})
    err = info.value
    assert err.line == _line_of(text, "1/(t - 5)") and err.path == "z.toml"
    assert "'Row' at profile ['D', 'C']" in err.message and "t=5" in err.message


def test_game_at_is_game_substitute_on_the_symbolic_game():
    # one owner of substitution: sqrt(t) is 2 at t = 4 (exact), irrational at t = 3 (float, or an error when exact)
    m = parse_model(BASE.replace('values = [1, 1]', 'values = ["sqrt(t)", 1]'))
    for t in (4, 3, "9/4", 4.5):
        ours, theirs = m.game_at({"t": t}), m.game.substitute({"t": t})
        assert ours == theirs and ours.kind == theirs.kind
    assert m.game.substitute({"t": 4}).payoff({"Row": "D", "Col": "D"})["Row"] == 2
    assert m.game.substitute({"t": "9/4"}).payoff({"Row": "D", "Col": "D"})["Row"] == Fraction(3, 2)
    assert m.game.substitute({"t": 3}).kind == "float"
    with pytest.raises(InputError, match="irrational"):
        m.game.substitute({"t": 3}, exact=True)


def test_substitute_names_the_undefined_payoff_and_game_at_its_line():
    text = BASE.replace('values = ["t", 0]', 'values = ["1/(t - 5)", 0]')
    m = parse_model(text, "z.toml")
    with pytest.raises(UndefinedPayoffError) as info:
        m.game.substitute({"t": 5})
    assert info.value.profile == ("D", "C") and info.value.player == "Row" and info.value.path is None
    with pytest.raises(ModelError) as located:
        m.game_at({"t": 5})
    assert located.value.message == info.value.message and located.value.line == _line_of(text, "1/(t - 5)")


@pytest.mark.parametrize("path", NORMAL_FORM_MODELS, ids=lambda p: p.stem)
def test_written_text_is_the_document(path):
    # the hand layout carries exactly the data tomli-w would write, and tomli-w's own text reads back to it too
    m = load_model(path)
    doc = model_document(m)
    assert tomllib.loads(model_to_toml(m), parse_float=Decimal) == doc
    assert tomllib.loads(tomli_w.dumps(doc), parse_float=Decimal) == doc
    assert parse_model(tomli_w.dumps(doc)).game == m.game


def test_strings_and_small_decimals_round_trip(tmp_path):
    labels = ['a "b"', "back\\slash", "tab\there", "new\nline", "ctrl\x01\x7f", "é ☃", "'single'", "# not a comment"]
    game = Game.from_bimatrix(
        [[Fraction(1, 2**20), Fraction(-3, 20)], [Fraction(1, 3), 10**30]], [[0, "0.125"], [-1, Fraction(7, 1024)]],
        players=[labels[0], labels[1]], strategies=[labels[2:4], labels[4:6]], title=labels[6] + labels[7],
    )
    path = tmp_path / "s.toml"
    write_model(game, path)
    back = load_model(path)
    assert back.game == game and back.title == game.title
    assert back.players == game.players and back.strategies == game.strategies
    text = path.read_text()
    # 1/3 has no decimal: a string; 7/1024 = 0.0068359375 exactly; an integer stays an integer
    assert 'values = ["1/3", -1]' in text and "values = [1000000000000000000000000000000, 0.0068359375]" in text
    assert "\n# " not in text  # a label is never written as a comment
