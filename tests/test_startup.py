"""Start-up: what a fresh interpreter imports for ``import gametheory``, ``--help`` and a small solve.

sympy, scipy and matplotlib each take longer to import than most solves, so
they are imported inside the functions that use them.  These tests check the
import structure, in a fresh interpreter each (not the wall time: that is
``bench/bench_startup.py``'s, on an idle machine).
"""

from __future__ import annotations

import json

HEAVY = ("sympy", "scipy", "matplotlib")
# the method table of issue 11: every method, right after import
ALL_METHODS = ["correlated", "enumerate", "enumpoly", "gnm", "lemke-howson", "logit", "pure", "support", "zero-sum"]


def heavy(run) -> list[str]:
    """The packages of :data:`HEAVY` a fresh run (``fresh_python``, tests/conftest.py) had imported."""
    return [m for m in HEAVY if m in run.modules]


def test_import_gametheory_loads_no_heavy_library_and_the_table_is_full(fresh_python):
    got = fresh_python("import gametheory\nprint(sorted(gametheory.METHODS))")
    assert heavy(got) == []
    assert got.out.strip() == str(ALL_METHODS)


def test_public_names_import_without_heavy_libraries(fresh_python):
    got = fresh_python(
        "from gametheory import Game, MixedProfile, SolveResult, CorrelatedResult, load_model, load_game, solve\n"
        "from gametheory.io.expressions import FUNCTIONS, parse_expression, expression_value\n"
        "from gametheory.io.model import Model, PayoffEntry, PayoffFormulas\n"
        "from gametheory.numbers import to_exact, format_number\n"
        "print(sorted(FUNCTIONS))"
    )
    assert heavy(got) == []
    assert got.out.strip() == str(["abs", "exp", "log", "max", "min", "sqrt"])


def test_help_loads_no_heavy_library_and_no_command_module(fresh_python):
    got = fresh_python(
        "from gametheory.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0\n"
    )
    assert heavy(got) == [] and "dask" not in got.modules
    assert "usage: gametheory" in got.out and "solve" in got.out
    # the subcommands are listed from gametheory.cli.COMMANDS, without importing their modules
    assert "gametheory.cli" in got.modules
    assert not {m for m in got.modules if m.startswith("gametheory.commands.")}


def test_solving_a_model_at_its_defaults_needs_no_sympy(fresh_python):
    # payoffs are expressions over four parameters; at the defaults the game is a prisoner's dilemma (README)
    got = fresh_python(
        "from gametheory.cli import main\n"
        "assert main(['solve', 'models/cfe_md_unlinked.toml', '--json']) == 0\n"
    )
    assert heavy(got) == []
    doc = json.loads(got.out)
    assert doc["method"] == "pure" and doc["complete"] is True
    assert [e["profile"] for e in doc["equilibria"]] == [
        {"Russia": {"Renew CFE": "0", "Suspend CFE": "1"}, "US": {"Abandon MD": "0", "Build MD": "1"}}
    ]


def test_symbolic_work_still_loads_sympy(fresh_python):
    got = fresh_python(
        "from gametheory import load_model\n"
        "m = load_model('models/cfe_md_unlinked.toml')\n"
        "print(m.game.kind, m.assumptions[0])\n"
    )
    assert heavy(got) == ["sympy"]
    assert got.out.split() == ["symbolic", "c_cfe", ">", "0"]
