"""The hostile-input suite: the main public API entry points misused, each in a subprocess under limits.

A call must return a correct result or raise one of our errors (:class:`gametheory.errors.GameTheoryError`,
a one-line message); an AttributeError, TypeError, RecursionError, MemoryError or a hang fails.
:func:`hostile.runner.run_api` turns our error into exit 2 and one ``error:`` line, as the CLI does.
"""

from __future__ import annotations

import os

import pytest
from hostile.runner import assert_contract, run_api, snapshot

GAME = "from gametheory import Game, solve, load_model, read_nfg, load_game, save_game, write_nfg\n"
MP = "g = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])\n"

#: misuses that must end in one of our errors
ERRORS = {
    "game-empty": "Game([])",
    "game-ragged": "Game([[[1, 2], [3]], [[4, 5], [6, 7]]])",
    "game-wrong-last-axis": "Game([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [1, 2, 3]]])",
    "game-text-entry": "Game([[['x', 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-nan": "Game([[[float('nan'), 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-inf": "Game([[[float('inf'), 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-bool": "Game([[[True, 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-hex-string": "Game([[['0x10', 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-5000-digit-string": "Game([[['9' * 5000, 0], [0, 0]], [[0, 0], [0, 0]]])",
    "game-duplicate-labels": "Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], strategies=[['a', 'a'], ['x', 'y']])",
    "game-zero-width-labels": "Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], strategies=[['a', 'a\\u200b'], ['x', 'y']])",
    "game-duplicate-players": "Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], players=['P', 'P'])",
    "game-players-count": "Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], players=['P'])",
    "game-kind-bogus": "Game([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], kind='quantum')",
    "solve-method-bogus": MP + "solve(g, method='bogus')",
    "solve-max-cost-negative": MP + "solve(g, method='support', max_cost=-1)",
    "solve-max-cost-text": MP + "solve(g, method='support', max_cost='lots')",
    "solve-string": "solve('models/md_alone.toml')",
    "solve-int": "solve(42)",
    "load-model-none": "load_model(None)",
    "load-model-missing": "load_model('nowhere.toml')",
    "load-model-dir": "load_model('.')",
    "load-model-nfg": "load_model('g.nfg')",
    "read-nfg-dev-zero": "read_nfg('zero.nfg')",
    "read-nfg-fifo": "read_nfg('pipe.nfg')",
    "load-model-urandom": "load_model('random.toml')",
    "load-game-fifo": "load_game('pipe.toml')",
    "save-game-fifo": MP + "save_game(g, 'out_pipe.nfg')",
    "save-game-bad-extension": MP + "save_game(g, 'out.xyz')",
    "save-game-missing-dir": MP + "save_game(g, 'no/such/dir/out.nfg')",
    "write-nfg-dir": MP + "write_nfg(g, '.')",
}


def _workspace(tmp) -> None:
    os.symlink("/dev/zero", tmp / "zero.nfg")
    os.symlink("/dev/urandom", tmp / "random.toml")
    os.mkfifo(tmp / "pipe.nfg")
    os.mkfifo(tmp / "pipe.toml")
    os.mkfifo(tmp / "out_pipe.nfg")
    (tmp / "g.nfg").write_text('NFG 1 R "x" { "A" "B" } { 1 1 }\n\n1 2\n', encoding="utf-8")
    (tmp / "models").mkdir()


@pytest.mark.parametrize("name", list(ERRORS))
def test_api_misuse_raises_our_error(tmp_path, name):
    """A misuse of the API: one of our errors (exit 2 in the wrapper), files untouched, no hang."""
    _workspace(tmp_path)
    before = snapshot(tmp_path)
    run = run_api(GAME + ERRORS[name], cwd=tmp_path)
    assert_contract(run, before=before, after=snapshot(tmp_path), expect="error")


def test_api_payoffs_are_read_only():
    """Writing into Game.payoffs, or making it writable, fails; the game is unchanged."""
    run = run_api(
        GAME + MP
        + "ok = 0\n"
        "for attempt in (lambda: g.payoffs.setflags(write=True), lambda: g.payoffs.__setitem__((0, 0, 0), 5)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except ValueError:\n"
        "        ok += 1\n"
        "print(ok, g.payoffs[0, 0, 0])\n"
    )
    assert_contract(run, expect="ok")
    assert run.stdout.split() == ["2", "1"], run.describe()


def test_api_float_game_near_max():
    """solve on a float game with payoffs near 1.7e308 (matching pennies scaled): one equilibrium or our error."""
    run = run_api(
        GAME + "import numpy as np\n"
        "A = np.array([[1.0, -1.0], [-1.0, 1.0]]) * 1.7e308\n"
        "g = Game(np.stack([A, -A], axis=-1))\n"
        "for m in ('support', 'enumerate', 'lemke-howson', 'gnm'):\n"
        "    r = solve(g, method=m)\n"
        "    p = r.equilibria[0].profile if r.equilibria else None\n"
        "    print(m, len(r.equilibria))\n"
    )
    assert_contract(run)
    if run.returncode == 0:
        for line in run.stdout.splitlines():
            method, count = line.split()
            assert int(count) == 1, f"{method}: {count} equilibria of matching pennies{run.describe()}"
