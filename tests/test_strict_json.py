"""Every ``--json`` document is strict JSON (no NaN or Infinity); ``--exact`` that a method cannot honour is said;
``check --method`` names a method of the table."""

import json
import os
from dataclasses import replace
from types import MappingProxyType

import pytest

from gametheory import Game
from gametheory.cli import main
from gametheory.solvers import table

MODELS = os.path.join(os.path.dirname(__file__), "..", "models")


def _strict(text):
    def refuse(name):
        raise AssertionError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def rejecting_model(tmp_path):
    """cfe_alone with an assumption its defaults meet (c_cfe = 1 < 2) and every draw of --dist c_cfe=fixed:3 breaks."""
    text = open(os.path.join(MODELS, "cfe_alone.toml"), encoding="utf-8").read()
    assert 'assumptions = ["c_cfe > 0", "v_cfe > 0"]' in text
    path = tmp_path / "m.toml"
    path.write_text(text.replace('assumptions = ["c_cfe > 0", "v_cfe > 0"]', 'assumptions = ["c_cfe < 2", "v_cfe > 0"]'))
    return path


def test_robust_with_every_draw_rejected_is_strict_json(rejecting_model, capsys):
    assert main(["robust", str(rejecting_model), "--draws", "20", "--dist", "c_cfe=fixed:3", "--json"]) == 0
    doc = _strict(capsys.readouterr().out)
    assert doc["accepted"] == 0 and doc["rejected_by_assumptions"] == 20
    # a share of no draws is undefined: null, and a note says why
    assert all(p["share"] is None and p["n"] == 0 and p["ci95"] is None for p in doc["profiles"])
    assert all(p["share"] is None for p in doc["predictions"])
    assert any("every draw" in note for note in doc["notes"])


def test_robust_text_with_every_draw_rejected_shows_no_nan(rejecting_model, capsys):
    assert main(["robust", str(rejecting_model), "--draws", "20", "--dist", "c_cfe=fixed:3"]) == 0
    out = capsys.readouterr().out
    assert "nan" not in out.lower() and "every draw" in out


def test_the_json_writer_refuses_nan(capsys):
    from gametheory.commands._common import print_json
    from gametheory.errors import GameTheoryError

    with pytest.raises(GameTheoryError, match="not finite"):
        print_json({"x": float("nan")})
    assert capsys.readouterr().out == ""


def _float_fallback(spec):
    """``spec`` whose solve returns a float result, as a method does when its exact step cannot certify."""
    return replace(spec, solve=lambda game, **options: spec.solve(game.to_float(), **options))


@pytest.mark.parametrize("method", ["logit", "gnm", "zero-sum", "correlated"])
def test_exact_that_falls_back_to_floats_is_said(monkeypatch, method):
    fallback = {**table.METHODS, method: _float_fallback(table.METHODS[method])}
    monkeypatch.setattr(table, "METHODS", MappingProxyType(fallback))
    game = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    res = table.solve(game, method=method, exact=True)
    assert res.exact is False
    assert any("--exact" in d and method in d for d in res.diagnostics), res.diagnostics
    # asked for nothing in particular: nothing to say
    res = table.solve(game, method=method)
    assert not any("--exact" in d for d in res.diagnostics)


def test_exact_honoured_adds_nothing():
    game = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for method in ("logit", "gnm", "zero-sum", "correlated"):
        res = table.solve(game, method=method, exact=True)
        if res.exact:
            assert not any("--exact" in d for d in res.diagnostics)


def test_check_with_an_unknown_method_is_one_error(capsys):
    assert main(["check", os.path.join(MODELS, "cfe_alone.toml"), "--method", "bogus"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "bogus" in err[0] and "enumerate" in err[0]


def test_check_refuses_a_method_that_finds_no_nash_equilibria(capsys):
    assert main(["check", os.path.join(MODELS, "cfe_alone.toml"), "--method", "correlated"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "correlated" in err[0]


def test_check_with_a_known_method_runs(capsys):
    assert main(["check", os.path.join(MODELS, "cfe_alone.toml"), "--method", "support"]) == 0
