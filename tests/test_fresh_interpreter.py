"""Every public call path solves in a fresh interpreter, with nothing imported or called before it.

Before the explicit method table, the registry was filled by the first ``solve()``, so a path that
reached a solver another way (``complete_solve`` with a named method) failed in a new interpreter.
Each case here runs in its own subprocess and prints what it found; the expected values are worked
out by hand in the comments.
"""

from __future__ import annotations

import json

import pytest

# Russia (rows) / US (columns): Suspend CFE and Build MD strictly dominate (4 > 3, 0 > -1; 3 > 1, 0 > -2),
# so (Suspend CFE, Build MD) with payoffs (0, 0) is the unique equilibrium, mixed ones included.
PD = (
    "from gametheory import Game\n"
    "g = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=['Russia', 'US'],\n"
    "                       strategies=[['Renew CFE', 'Suspend CFE'], ['Abandon MD', 'Build MD']])\n"
)
PD_SUPPORT = {"Russia": ["Suspend CFE"], "US": ["Build MD"]}


@pytest.fixture
def fresh(fresh_python):
    """``fresh(code)``: run ``code`` in a new interpreter on this tree (tests/conftest.py); it prints one JSON
    document, returned here."""
    return lambda code: json.loads(fresh_python(code).out)


@pytest.mark.parametrize("method", ["auto", "pure", "enumerate", "support", "lemke-howson", "enumpoly", "gnm", "logit"])
def test_each_nash_method_solves_first_thing(method, fresh):
    got = fresh(
        PD + "from gametheory import solve\n"
        f"r = solve(g, method={method!r})\n"
        "import json; print(json.dumps([{p: list(s) for p, s in e.profile.support().items()} for e in r]))"
    )
    assert got == [PD_SUPPORT]


def test_zero_sum_first_thing(fresh):
    # matching pennies: value 0, each side mixes 1/2-1/2
    got = fresh(
        "from gametheory import Game, solve\n"
        "r = solve(Game.zero_sum([[1, -1], [-1, 1]]), method='zero-sum')\n"
        "import json; print(json.dumps([r.extra['value'], [list(map(str, v)) for v in r[0].profile.vectors]]))"
    )
    assert got == ["0", [["1/2", "1/2"], ["1/2", "1/2"]]]


def test_correlated_first_thing(fresh):
    # strictly dominated strategies get no weight in a correlated equilibrium: all mass on (Suspend, Build)
    got = fresh(PD + "from gametheory import solve\nimport json; print(json.dumps(solve(g, method='correlated').to_json()))")
    masses = {tuple(row["profile"].values()): row["probability"] for row in got["distribution"]}
    assert {k: v for k, v in masses.items() if v not in (0, "0")} == {("Suspend CFE", "Build MD"): "1"}


def test_complete_solve_with_each_complete_method_first_thing(fresh):
    got = fresh(
        PD + "from gametheory.predictions import complete_solve\n"
        "import json; print(json.dumps([[complete_solve(g, method=m).complete, len(complete_solve(g, method=m))]\n"
        "                               for m in ('enumerate', 'support', 'enumpoly')]))"
    )
    assert got == [[True, 1]] * 3


def test_checking_a_model_first_thing(fresh):
    # the unlinked CFE/MD game is the prisoner's dilemma above with parameters: its predictions say
    # (Suspend CFE, Build MD) is the unique equilibrium and the swap is not one
    got = fresh(
        "from gametheory.model_checks import check_paths\n"
        "r = check_paths('models/cfe_md_unlinked.toml')\n"
        "import json; print(json.dumps(r.to_json()))"
    )
    text = json.dumps(got)
    assert '"holds"' in text and '"fails"' not in text and '"undetermined"' not in text


def test_batch_solve_first_thing(fresh):
    # two stacked games: the prisoner's dilemma (one pure equilibrium) and matching pennies (one mixed)
    got = fresh(
        "import numpy as np\n"
        "from gametheory.assumptions.batch import solve_batch\n"
        "pd = np.stack([[[3, 1], [-1, 3]], [[4, -2], [0, 0]]]).astype(float)\n"
        "mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float)\n"
        "r = solve_batch(np.stack([pd, mp]))\n"
        "import json; print(json.dumps([len(r.equilibria(0)), len(r.equilibria(1))]))"
    )
    assert got == [1, 1]


def test_dominance_and_security_levels_first_thing(fresh):
    # matching pennies: pure security level -1, mixed 0 at 1/2-1/2; nothing is dominated
    got = fresh(
        "from gametheory import Game\n"
        "from gametheory.solvers.dominance import iterated_elimination\n"
        "from gametheory.solvers.security import security_levels\n"
        "g = Game.zero_sum([[1, -1], [-1, 1]])\n"
        "lv = security_levels(g)['Player 1']\n"
        "import json; print(json.dumps([len(iterated_elimination(g).trace), str(lv.pure_value), str(lv.mixed_value)]))"
    )
    assert got == [0, "-1", "0"]


# ---------------------------------------------------------------------- the package's lazy names
def test_import_gametheory_loads_neither_numpy_nor_a_solver(fresh_python):
    run = fresh_python("import gametheory\nprint(gametheory.__version__)")
    assert run.out.strip() == "0.1.0"
    assert "numpy" not in run.modules
    assert not any(m.startswith(("gametheory.solvers", "gametheory.game")) for m in run.modules)


def test_cli_help_loads_no_numpy(fresh_python):
    run = fresh_python(
        "from gametheory.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)"
    )
    assert "exit 0" in run.out and "solve" in run.out
    assert "numpy" not in run.modules and "sympy" not in run.modules


def test_every_public_name_resolves_to_its_owner(fresh):
    got = fresh(
        "import gametheory, json\n"
        "names = {n: getattr(gametheory, n).__module__ for n in gametheory.__all__\n"
        "         if hasattr(getattr(gametheory, n), '__module__')}\n"
        "print(json.dumps({'owners': names, 'dir': sorted(set(gametheory.__all__) - set(dir(gametheory)))}))"
    )
    # each name's owning module, from the package's docs: classes and functions keep their defining module
    assert got["owners"]["Game"] == "gametheory.game"
    assert got["owners"]["solve"].startswith("gametheory.solvers")
    assert got["owners"]["load_model"].startswith("gametheory.io")
    assert got["owners"]["CostLimitError"] == "gametheory.errors"
    assert got["owners"]["explore"] == "gametheory.explorer"
    assert got["dir"] == []


def test_a_submodule_is_an_attribute_and_a_typo_is_an_attribute_error(fresh):
    got = fresh(
        "import gametheory, json\n"
        "try:\n"
        "    gametheory.sovle\n"
        "    typo = 'no error'\n"
        "except AttributeError as exc:\n"
        "    typo = str(exc)\n"
        "print(json.dumps({'solvers': gametheory.solvers.__name__, 'typo': typo}))"
    )
    assert got == {"solvers": "gametheory.solvers", "typo": "module 'gametheory' has no attribute 'sovle'"}
