"""The hostile-input suite: every command on malformed files (a matrix), and on valid ones (the baseline).

Each malformed input must give exit 2 and one line ``error: PATH[:LINE]: message`` naming the file,
with no file changed (an ``-o`` target included); each valid run exit 0 with strict JSON and, where a
hand derivation exists, the right answer.  The full cross of inputs and commands is ``slow``; the
``solve`` column and the valid runs are not.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from hostile.inputs import MODELS, bimatrix_model
from hostile.runner import run_in
from hostile.verify import check_solve_doc, frac

MODEL = {p.name: p for p in MODELS}
MD_ALONE = MODEL["md_alone.toml"]
BARGAIN = MODEL["cfe_md_bargaining.toml"]


def _w(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        p = tmp / name
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
        return name

    return make


def _missing(tmp: Path) -> str:
    return "missing.toml"


def _directory(tmp: Path) -> str:
    (tmp / "dir.toml").mkdir()
    return "dir.toml"


def _wrong_extension(tmp: Path) -> str:
    shutil.copyfile(MD_ALONE, tmp / "m.txt")
    return "m.txt"


_VALID = MD_ALONE.read_text(encoding="utf-8")

#: malformed inputs crossed with every command
CORE = {
    "missing": _missing,
    "empty": _w("empty.toml", b""),
    "binary": _w("bin.toml", random.Random(0).randbytes(4096)),
    "deep-nesting": _w("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n"),
    "truncated-nfg": _w("t.nfg", 'NFG 1 R "x" { "A" "B" } { 2 2 }\n\n1 2 3'),
}

#: further malformed inputs, run with solve and info
EXTRA = {
    "directory": _directory,
    "wrong-extension": _wrong_extension,
    "nul-byte": _w("nul.toml", _VALID.replace('title = "', 'title = "\x00', 1)),
    "invalid-utf8": _w("latin1.toml", _VALID.encode("utf-8").replace(b"Missile", b"Missil\xe9", 1)),
    "long-line": _w("long.toml", 'title = "' + "a" * 2_000_000 + '"\n'),
    "deep-inline-table": _w("tab.toml", "a = " + "{b = " * 50_000 + "1" + "}" * 50_000 + "\n"),
    "bom-garbage": _w("bom.toml", b"\xef\xbb\xbf\xff\xfe" + _VALID.encode()),
    "empty-nfg": _w("e.nfg", ""),
    "nfg-negative-count": _w("neg.nfg", 'NFG 1 R "x" { "A" "B" } { -2 2 }\n\n1 2 3 4\n'),
    "nfg-unterminated-string": _w("q.nfg", 'NFG 1 R "x { "A" "B" } { 2 2 }\n\n1 2 3 4 5 6 7 8\n'),
    "payoff-missing": _w("short.toml", _VALID.rsplit("[[payoffs]]", 1)[0]),
    "payoff-eval": _w("eval.toml", _VALID.replace('"-v_md"', '"__import__(\'os\').system(\'touch pwned\')"')),
}

COMMANDS: dict[str, list[str]] = {
    "solve": ["solve", "{P}", "--json"],
    "info": ["info", "{P}"],
    "convert": ["convert", "{P}", "--to", "nfg", "-o", "out.nfg"],
    "check": ["check", "{P}", "--json"],
    "conditions": ["conditions", "{P}", "--json"],
    "regions": ["regions", "{P}", "--vary", "v_md", "--json"],
    "sweep": ["sweep", "{P}", "--vary", "v_md=0:5:3", "--json"],
    "robust": ["robust", "{P}", "--draws", "10", "--json"],
    "bargain": ["bargain", "{P}", "--json"],
    "repeated": ["repeated", "{P}", "--horizon", "2", "--plot", "folk.png", "--json"],
}


def _args(command: str, path: str) -> list[str]:
    return [path if a == "{P}" else a for a in COMMANDS[command]]


def _cases():
    for name in CORE:
        for command in COMMANDS:
            marks = () if command == "solve" else (pytest.mark.slow,)
            yield pytest.param(name, command, id=f"{name}-{command}", marks=marks)
    for name in EXTRA:
        for command in ("solve", "info"):
            marks = () if command == "solve" else (pytest.mark.slow,)
            yield pytest.param(name, command, id=f"{name}-{command}", marks=marks)


@pytest.mark.parametrize(("name", "command"), list(_cases()))
def test_malformed_file(tmp_path, name, command):
    """A malformed file: exit 2, one line naming it, no file written or changed."""
    path = {**CORE, **EXTRA}[name](tmp_path)
    run_in(tmp_path, *_args(command, path), expect="error", fault=path)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", list(CORE))
def test_repeated_malformed_automaton_file(tmp_path, name):
    """repeated --automaton PLAYER=FILE with a malformed automaton file: exit 2 naming it, no plot written."""
    shutil.copyfile(MD_ALONE, tmp_path / MD_ALONE.name)
    made = CORE[name](tmp_path)
    run_in(tmp_path, "repeated", MD_ALONE.name, "--automaton", f"US={made}", "--rounds", "3", "--plot", "folk.png",
           expect="error", fault=made)
    assert not (tmp_path / "folk.png").exists()


@pytest.mark.parametrize("name", ["empty", "binary", "deep-nesting"])
def test_models_readme_malformed_file(tmp_path, name):
    """models-readme on a folder with one malformed model: exit 2 naming it, README.md not written."""
    d = tmp_path / "models"
    d.mkdir()
    shutil.copyfile(MD_ALONE, d / MD_ALONE.name)
    made = CORE[name](d)
    run_in(tmp_path, "models-readme", "models", "-o", "README.md", expect="error", fault=f"models/{made}")


def test_models_readme_missing_dir(tmp_path):
    """models-readme on a folder that does not exist: exit 2 naming it."""
    run_in(tmp_path, "models-readme", "nowhere", "-o", "README.md", expect="error", fault="nowhere")


# ---------------------------------------------------------------------------- valid runs (the baseline)


def test_valid_solve_md_alone(tmp_path):
    """md_alone: abandoning is strictly dominated for the US (-v_md < 0), so (Suspend CFE, Build MD) is the only one."""
    _, doc = run_in(tmp_path, "solve", str(MD_ALONE), "--json", expect="ok")
    check_solve_doc(doc)
    assert len(doc["equilibria"]) == 1
    assert frac(doc["equilibria"][0]["profile"]["US"]["Build MD"]) == 1


def test_valid_bargain_nash(tmp_path):
    """cfe_md_bargaining: the Nash solution (5/2, 5/4) of docs/bargaining.md's hand derivation."""
    _, doc = run_in(tmp_path, "bargain", str(BARGAIN), "--json", expect="ok")
    assert {k: frac(v) for k, v in doc["utilities"].items()} == {"Russia": Fraction(5, 2), "US": Fraction(5, 4)}


@pytest.mark.slow
@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("solve", "bargain")])
def test_valid_every_command(tmp_path, command):
    """Every command on a valid model: exit 0, strict JSON where asked."""
    src = BARGAIN if command == "bargain" else MD_ALONE
    shutil.copyfile(src, tmp_path / src.name)
    run_in(tmp_path, *_args(command, src.name), expect="ok")


def test_valid_models_readme(tmp_path):
    """models-readme on a folder with one valid model writes README.md."""
    d = tmp_path / "models"
    d.mkdir()
    shutil.copyfile(MD_ALONE, d / MD_ALONE.name)
    run_in(tmp_path, "models-readme", "models", "-o", "README.md", expect="ok")
    assert (tmp_path / "README.md").read_text(encoding="utf-8").strip()


def test_valid_hand_written_model(tmp_path):
    """A model written by the suite's own writer (matching pennies): the one equilibrium (1/2, 1/2)."""
    (tmp_path / "mp.toml").write_text(bimatrix_model([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), encoding="utf-8")
    _, doc = run_in(tmp_path, "solve", "mp.toml", "--json", expect="ok")
    check_solve_doc(doc)
    assert len(doc["equilibria"]) == 1
    assert all(frac(x) == Fraction(1, 2) for probs in doc["equilibria"][0]["profile"].values() for x in probs.values())
