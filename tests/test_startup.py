"""Start-up: what a fresh interpreter imports for ``import gametheory``, ``--help`` and a small solve.

sympy, scipy and matplotlib each take longer to import than most solves, so
they are imported inside the functions that use them.  These tests check the
import structure, in a fresh interpreter each (not the wall time: that is
``bench/bench_startup.py``'s, on an idle machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sympy", "scipy", "matplotlib")
# the method table of issue 11: every method, right after import
ALL_METHODS = ["correlated", "enumerate", "enumpoly", "gnm", "lemke-howson", "logit", "pure", "support", "zero-sum"]


def loaded_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter on this tree; the heavy packages then in ``sys.modules``, and its output."""
    probe = (
        "import contextlib, io, json, sys\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + f"print(json.dumps({{'heavy': [m for m in {HEAVY!r} if m in sys.modules], 'out': out.getvalue()}}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_import_gametheory_loads_no_heavy_library_and_the_table_is_full():
    got = loaded_after("import gametheory\nprint(sorted(gametheory.METHODS))")
    assert got["heavy"] == []
    assert got["out"].strip() == str(ALL_METHODS)


def test_public_names_import_without_heavy_libraries():
    got = loaded_after(
        "from gametheory import Game, MixedProfile, SolveResult, CorrelatedResult, load_model, load_game, solve\n"
        "from gametheory.io.expressions import FUNCTIONS, parse_expression, expression_value\n"
        "from gametheory.io.model import Model, PayoffEntry, PayoffFormulas\n"
        "from gametheory.numbers import to_exact, format_number\n"
        "print(sorted(FUNCTIONS))"
    )
    assert got["heavy"] == []
    assert got["out"].strip() == str(["abs", "exp", "log", "max", "min", "sqrt"])


def test_help_loads_no_heavy_library():
    got = loaded_after(
        "from gametheory.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0\n"
    )
    assert got["heavy"] == []
    assert "usage: gametheory" in got["out"] and "solve" in got["out"]


def test_solving_a_model_at_its_defaults_needs_no_sympy():
    # payoffs are expressions over four parameters; at the defaults the game is a prisoner's dilemma (README)
    got = loaded_after(
        "from gametheory.cli import main\n"
        "assert main(['solve', 'models/cfe_md_unlinked.toml', '--json']) == 0\n"
    )
    assert got["heavy"] == []
    doc = json.loads(got["out"])
    assert doc["method"] == "pure" and doc["complete"] is True
    assert [e["profile"] for e in doc["equilibria"]] == [
        {"Russia": {"Renew CFE": "0", "Suspend CFE": "1"}, "US": {"Abandon MD": "0", "Build MD": "1"}}
    ]


def test_symbolic_work_still_loads_sympy():
    got = loaded_after(
        "from gametheory import load_model\n"
        "m = load_model('models/cfe_md_unlinked.toml')\n"
        "print(m.game.kind, m.assumptions[0])\n"
    )
    assert got["heavy"] == ["sympy"]
    assert got["out"].split() == ["symbolic", "c_cfe", ">", "0"]
