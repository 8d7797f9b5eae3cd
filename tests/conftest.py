"""Shared test set-up: hypothesis profiles, and where the shared references live.

References
    The independent references (the one pygambit adapter, brute-force certificates, games with
    hand-derived equilibria, set views) are the package ``tests/refs``; pytest puts ``tests/`` on
    ``sys.path``, so a test module writes ``from refs.gambit import enummixed``.  No test module
    imports another.

Markers (declared in setup.cfg, ``--strict-markers``)
    ``slow`` (a second or more on an idle 2-core machine), ``notebook`` (runs or reads the
    notebooks), ``oracle`` (compares with a peer solver: pygambit, nashpy, or scipy as a
    reference), ``browser`` (drives the web lab in headless Chromium through Selenium; the shared
    fixtures are ``tests/web_browser.py``).  Plain ``pytest`` runs everything; ``pytest -m "not slow"`` deselects.

The article
    The models quote an article (D. Young, Foreign Policy In Focus, 2007) whose text is not part of
    the repository (it is not ours to redistribute).  CI lays the project's shared folder beside the
    clone, and the quote tests read the article from ``../shared/seeds/`` there (fixture
    ``article_text``); ``GAMETHEORY_ARTICLE=path`` names another copy.  A missing file is a
    failure, never a skip: the quotes are the models' evidence.

A fresh interpreter
    The test process has imported everything already, so what ``import gametheory`` or a command
    imports, and whether a call path works with nothing called before it, is seen in a new
    interpreter on this tree: fixture ``fresh_python(code)`` runs ``code`` there and returns what
    it printed, its standard error and the modules it had imported (:class:`FreshRun`).

Hypothesis profiles
    ``ci``: derandomized (the same examples on every run), no example database, failures print
    the blob that reproduces them, and no timing checks (deadline, too_slow) that a loaded shared
    machine would trip.  ``dev``: hypothesis' defaults (random examples, database in
    ``.hypothesis/``, which git ignores).  ``ci`` is chosen when the environment variable ``CI``
    is set; ``HYPOTHESIS_PROFILE=name`` chooses explicitly.  Loaded here, before any test module
    is imported, because a ``@settings`` decorator copies the profile current at import time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


# the article as CI lays it out: the shared folder beside the clone
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_8f202ec57ce80599.txt"


@pytest.fixture(scope="session")
def article_text() -> str:
    """The text of the article the models quote (``GAMETHEORY_ARTICLE`` or the shared copy beside the clone)."""
    path = Path(os.environ.get("GAMETHEORY_ARTICLE") or ARTICLE)
    if not path.is_file():
        pytest.fail(f"the article the models quote is missing: {path} (set GAMETHEORY_ARTICLE to its text file)")
    return path.read_text(encoding="utf-8")


ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class FreshRun:
    """What a new interpreter did with some code."""

    out: str  # what the code printed
    err: str  # the interpreter's standard error
    modules: frozenset[str]  # sys.modules once the code had run


def _run_fresh(code: str) -> FreshRun:
    # the code's prints are collected, so that the last line of stdout is the probe's own JSON
    probe = (
        "import contextlib, io, json, sys\n"
        "_out = io.StringIO()\n"
        "with contextlib.redirect_stdout(_out):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "print(json.dumps({'out': _out.getvalue(), 'modules': sorted(sys.modules)}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout.splitlines()[-1])
    return FreshRun(doc["out"], proc.stderr, frozenset(doc["modules"]))


@pytest.fixture(scope="session")
def fresh_python() -> Callable[[str], FreshRun]:
    """``fresh_python(code)``: run ``code`` in a new interpreter on this tree (see the module docstring)."""
    return _run_fresh
