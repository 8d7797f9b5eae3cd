"""The documentation tells the truth: how-to examples run, links resolve, the API reference is current.

Each page of ``docs/howto/`` runs in a fresh temporary directory that holds a link to ``models/``:

- a fenced block preceded by ``<!-- file: NAME -->`` is written to ``NAME`` first;
- its ```` ```python ```` blocks run in order in one namespace (asserts in them are checked);
- every ``$ gametheory ...`` line of its ```` ```console ```` blocks runs through
  :func:`gametheory.cli.main` and must exit with status 0.

The README's tour runs too: every ``gametheory`` command of its ```` ```sh ```` blocks, in a copy of
the repository, exits with status 0 and leaves every file of the copy as it was (a command that
writes a file writes it under ``/tmp/``, which the test points at a temporary folder of its own).
"""

import hashlib
import re
import shlex
import shutil
from pathlib import Path

import pytest

from gametheory.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOWTO = sorted((DOCS / "howto").glob("*.md"))
FENCE = re.compile(r"(?:<!--\s*file:\s*(?P<file>[\w.\-]+)\s*-->\s*\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)```", re.S)
OUR_PAGES = [DOCS / "README.md", DOCS / "tutorial.md", *HOWTO, *sorted((DOCS / "explanation").glob("*.md"))]


def blocks(path):
    return [(m["lang"], m["body"], m["file"]) for m in FENCE.finditer(path.read_text(encoding="utf-8"))]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    (tmp_path / "models").symlink_to(ROOT / "models", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return tmp_path


def test_the_howto_pages_exist():
    names = {p.name for p in HOWTO}
    assert {"write-a-model.md", "test-an-assumption.md", "export-to-gambit.md", "solve-from-python.md",
            "bargain.md"} <= names


@pytest.mark.parametrize(
    "page", [pytest.param(p, id=p.stem, marks=[pytest.mark.slow] if p.stem == "test-an-assumption" else []) for p in HOWTO]
)
def test_howto_examples_run(page, workdir, capsys):
    found = blocks(page)
    assert any(lang in ("python", "console") for lang, _, _ in found), f"{page.name} has no runnable example"
    namespace = {"__name__": f"howto_{page.stem}"}
    for lang, body, filename in found:
        if filename:
            (workdir / filename).write_text(body, encoding="utf-8")
        if lang == "python":
            exec(compile(body, f"{page.name}:python", "exec"), namespace)  # the docs' own example code
        elif lang == "console":
            for line in body.splitlines():
                if not line.startswith("$ "):
                    continue
                argv = shlex.split(line[2:])
                assert argv[0] == "gametheory", f"{page.name}: only gametheory commands are run, got {line!r}"
                status = main(argv[1:])
                err = capsys.readouterr().err
                assert status == 0, f"{page.name}: {line!r} exited {status}: {err}"


def test_console_lines_are_recognised():
    text = "<!-- file: a.toml -->\n```toml\nx = 1\n```\n\n```console\n$ gametheory solve a.toml\n```\n"
    found = [(m["lang"], m["body"], m["file"]) for m in FENCE.finditer(text)]
    assert found == [("toml", "x = 1\n", "a.toml"), ("console", "$ gametheory solve a.toml\n", None)]


LINK = re.compile(r"\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", OUR_PAGES, ids=[str(p.relative_to(DOCS)) for p in OUR_PAGES])
def test_relative_links_resolve(page):
    assert page.exists(), page
    for m in LINK.finditer(page.read_text(encoding="utf-8")):
        target = m["target"]
        if re.match(r"[a-z]+://", target):
            continue
        assert (page.parent / target).resolve().exists(), f"{page.relative_to(ROOT)}: broken link {target}"


def test_tutorial_lists_every_notebook_in_order():
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    positions = [text.find(name) for name in notebooks]
    assert all(p >= 0 for p in positions), [n for n, p in zip(notebooks, positions) if p < 0]
    assert positions == sorted(positions)


def test_every_registered_method_is_explained():
    from gametheory import METHODS

    text = (DOCS / "explanation" / "algorithms.md").read_text(encoding="utf-8")
    missing = [name for name in METHODS if f"`{name}`" not in text]
    assert not missing, f"docs/explanation/algorithms.md does not describe methods {missing}"


def test_reference_is_current():
    import difflib

    from gametheory.docs_reference import render

    committed = (DOCS / "reference.md").read_text(encoding="utf-8")
    fresh = render()
    diff = "".join(list(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), "committed", "fresh"))[:40])
    assert committed == fresh, f"docs/reference.md is stale: run python -m gametheory.docs_reference -o docs/reference.md\n{diff}"


def test_reference_covers_every_exported_name():
    from gametheory.docs_reference import public_modules, render

    text = render()
    modules = public_modules()
    assert "gametheory" in [m.__name__ for m in modules]
    for module in modules:
        assert f"## {module.__name__}\n" in text
        for name in module.__all__:
            assert f"{module.__name__}.{name}" in text or f"`{name}`: see" in text, f"{module.__name__}.{name}"


# ------------------------------------------------------------------ the README's tour writes nothing into the repository
README = ROOT / "README.md"
SH_BLOCK = re.compile(r"```sh\n(?P<body>.*?)```", re.S)
#: Options whose value is a file the command writes.
WRITES = ("-o", "--output", "--plot")


def tour_commands() -> list[list[str]]:
    """The argument lists of the ``gametheory`` commands in the ``sh`` blocks of the README's tour."""
    text = README.read_text(encoding="utf-8")
    tour = text[text.index("## A short tour"):]
    commands = []
    for m in SH_BLOCK.finditer(tour):
        for line in m["body"].splitlines():
            argv = shlex.split(line, comments=True)  # a shell comment ends the command
            if argv and argv[0] == "gametheory":
                commands.append(argv[1:])
    return commands


def written_files(argv: list[str]) -> list[str]:
    return [argv[k + 1] for k, a in enumerate(argv[:-1]) if a in WRITES]


def test_the_readme_tour_writes_only_under_tmp():
    commands = tour_commands()
    # the tour shows converting, plotting and solving (a command list that lost its blocks would pass vacuously)
    assert len(commands) >= 30 and {"solve", "convert", "repeated", "conditions"} <= {c[0] for c in commands}
    targets = [f for argv in commands for f in written_files(argv)]
    assert len(targets) >= 4, targets  # the .nfg, the .efg, the tree and the folk-theorem pictures
    assert all(f.startswith("/tmp/") for f in targets), [f for f in targets if not f.startswith("/tmp/")]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path) with the SHA-256 of its bytes."""
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.mark.slow
def test_the_readme_tour_runs_and_leaves_the_repository_unchanged(tmp_path, monkeypatch, capsys):
    repo, out = tmp_path / "repo", tmp_path / "out"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".git", "__pycache__", "*_cache", ".hypothesis",
                                                               "*.egg-info", "build", "dist", ".ipynb_checkpoints"))
    out.mkdir()
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    before = _snapshot(repo)
    for argv in tour_commands():
        # the files the tour writes to /tmp go to this test's own folder (tests may run in parallel)
        argv = [a.replace("/tmp/", f"{out}/") if a.startswith("/tmp/") else a for a in argv]
        try:
            status = main(argv)
        except SystemExit as exc:  # --help exits through argparse
            status = exc.code
        err = capsys.readouterr().err
        assert status == 0, f"README: gametheory {shlex.join(argv)} exited {status}: {err}"
    after = _snapshot(repo)
    assert after == before, {"added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after)),
                             "changed": sorted(k for k in set(before) & set(after) if before[k] != after[k])}
    assert {p.name for p in out.iterdir()} >= {"cfe.nfg", "resolve.efg", "tree.svg", "folk.png"}
