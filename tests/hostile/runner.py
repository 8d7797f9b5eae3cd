"""Running the command line and the API under limits, and the contract every run must meet.

A run is a new interpreter on this tree (``PYTHONPATH`` set to the repository) with
``RLIMIT_AS`` = :data:`MEMORY_LIMIT` set in ``preexec_fn`` and a wall-clock :data:`TIMEOUT`; it gets
its own process group (``start_new_session``), so that a run past its time is killed with every
process it started (a Dask worker, a thread pool) and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: address space of a run: well above what any command needs on the valid models, well below what a blow-up takes
MEMORY_LIMIT = 2 * 1024**3
#: wall-clock seconds of a run: a refusal must come long before, a small valid solve takes about a second
TIMEOUT = 30.0
#: the umask a run starts with, so that the mode of a new output file is predictable (0o666 & ~umask)
UMASK = 0o022


@dataclass(frozen=True)
class Run:
    """What one run did."""

    argv: tuple[str, ...]
    returncode: int | None  # None when it was killed at the timeout
    stdout: str
    stderr: str
    timed_out: bool
    seconds: float

    def describe(self) -> str:
        """The run in a few lines, for an assertion message."""
        err = self.stderr if len(self.stderr) < 3000 else self.stderr[:1500] + "\n...\n" + self.stderr[-1500:]
        out = self.stdout if len(self.stdout) < 600 else self.stdout[:600] + "..."
        return (
            f"\n$ {' '.join(self.argv)}\nexit {self.returncode} after {self.seconds:.1f}s"
            f"{' (killed at the timeout)' if self.timed_out else ''}\n--- stderr\n{err}\n--- stdout\n{out}"
        )


def _limits(memory: int):
    def pre() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.umask(UMASK)
        # a shell's background job inherits SIGINT ignored, and Python then installs no KeyboardInterrupt
        # handler: restore the default so that the Ctrl-C case sends what a terminal would
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return pre


def run_argv(
    argv: Sequence[str],
    *,
    cwd: Path | str | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_LIMIT,
    stdin: str | None = None,
    interrupt_after: float | None = None,
) -> Run:
    """Run ``argv`` under the limits; ``interrupt_after`` seconds sends SIGINT (a Ctrl-C) to the run."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("COLUMNS", None)
    start = time.monotonic()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits(memory),
        start_new_session=True,
    )
    timed_out = False
    try:
        if interrupt_after is not None:
            try:
                out, err = proc.communicate(stdin.encode() if stdin is not None else None, timeout=interrupt_after)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)
                out, err = proc.communicate(timeout=timeout)
        else:
            out, err = proc.communicate(stdin.encode() if stdin is not None else None, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the run's own process group: it and what it started
        out, err = proc.communicate()
    seconds = time.monotonic() - start
    return Run(
        tuple(str(a) for a in argv),
        None if timed_out else proc.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        timed_out,
        seconds,
    )


def run_cli(*args: str | Path, cwd: Path | str | None = None, **kw: Any) -> Run:
    """``gametheory ARGS`` (this tree's, through ``python -m gametheory.cli``) under the limits."""
    return run_argv([sys.executable, "-m", "gametheory.cli", *map(str, args)], cwd=cwd, **kw)


_API_WRAPPER = """\
import sys
from gametheory.errors import GameTheoryError
try:
{body}
except GameTheoryError as exc:
    sys.stderr.write("error: " + str(exc) + "\\n")
    sys.exit(2)
"""


def run_api(code: str, *, cwd: Path | str | None = None, **kw: Any) -> Run:
    """Run ``code`` (Python using the public API) under the limits.

    An error of ours (:class:`~gametheory.errors.GameTheoryError`) becomes exit 2 and one line
    ``error: message``, as the command line does; any other exception is a traceback, which the
    contract rejects.
    """
    body = "".join(f"    {line}\n" for line in code.strip("\n").splitlines()) or "    pass\n"
    return run_argv([sys.executable, "-c", _API_WRAPPER.format(body=body)], cwd=cwd, **kw)


# ---------------------------------------------------------------------------- snapshots


def snapshot(root: Path | str) -> dict[str, tuple]:
    """Every entry under ``root`` (not following symlinks): kind, mode, and content digest or link target.

    Special files (FIFOs, devices) are never opened: their kind, mode and device number are kept.
    """
    root = Path(root)
    state: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = os.lstat(p)
            rel = str(p.relative_to(root))
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                state[rel] = ("link", os.readlink(p))
            elif stat.S_ISREG(st.st_mode):
                state[rel] = ("file", mode, hashlib.sha256(p.read_bytes()).hexdigest())
            elif stat.S_ISDIR(st.st_mode):
                state[rel] = ("dir", mode)
            else:
                state[rel] = ("special", stat.S_IFMT(st.st_mode), mode, st.st_rdev)
    return state


# ---------------------------------------------------------------------------- the contract


def _reject_constant(name: str) -> Any:
    raise ValueError(f"not strict JSON: {name}")


def strict_json(text: str) -> Any:
    """``json.loads`` that refuses ``NaN``, ``Infinity`` and ``-Infinity``."""
    return json.loads(text, parse_constant=_reject_constant)


def error_line(run: Run) -> str:
    """The one ``error: `` line of a failed run (asserts there is exactly one)."""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr{run.describe()}"
    assert lines[0].startswith("error: "), f"stderr does not start with 'error: '{run.describe()}"
    return lines[0]


def _names_path(line: str, fault: Path | str, cwd: Path | str | None) -> bool:
    """True if ``line`` is ``error: PATH[:LINE]: ...`` with PATH naming ``fault`` (as given or absolute)."""
    fault = str(fault)
    candidates = {fault}
    base = Path(cwd) if cwd is not None else Path.cwd()
    absolute = base / fault
    candidates |= {str(absolute), os.path.normpath(absolute), os.path.realpath(absolute)}
    rest = line[len("error: "):]
    for c in candidates:
        if rest.startswith(c + ":"):
            tail = rest[len(c) + 1:]
            # either ': message' or 'LINE: message'
            head = tail.split(":", 1)[0]
            if tail.startswith(" ") or (head.isdigit() and ":" in tail):
                return True
    return False


def assert_contract(
    run: Run,
    *,
    before: Mapping[str, tuple] | None = None,
    after: Mapping[str, tuple] | None = None,
    json_out: bool = False,
    fault: Path | str | None = None,
    cwd: Path | str | None = None,
    expect: str | None = None,
) -> Any:
    """Assert the hostile-input contract; return the parsed JSON (``json_out`` and exit 0) or None.

    ``expect`` is ``"ok"`` (exit 0 required), ``"error"`` (exit 2 required) or None (either).
    ``fault``: on exit 2 the line must be ``error: FAULT[:LINE]: message``.  ``before``/``after``:
    snapshots that must be equal when the run failed.
    """
    assert not run.timed_out, f"no answer within {TIMEOUT:.0f}s (hang){run.describe()}"
    assert "Traceback (most recent call last)" not in run.stderr + run.stdout, f"a traceback{run.describe()}"
    assert run.returncode in (0, 2), f"exit status {run.returncode}, expected 0 or 2{run.describe()}"
    if expect == "ok":
        assert run.returncode == 0, f"expected success{run.describe()}"
    elif expect == "error":
        assert run.returncode == 2, f"expected exit 2 with one error line{run.describe()}"
    if run.returncode == 2:
        line = error_line(run)
        if fault is not None:
            assert _names_path(line, fault, cwd), f"the error line should name {fault} as PATH[:LINE]{run.describe()}"
        if before is not None and after is not None:
            assert dict(before) == dict(after), f"files changed by a failed run:\n{_diff(before, after)}{run.describe()}"
        return None
    if json_out:
        try:
            return strict_json(run.stdout)
        except ValueError as exc:
            raise AssertionError(f"stdout is not strict JSON ({exc}){run.describe()}") from None
    return None


def _diff(before: Mapping[str, tuple], after: Mapping[str, tuple]) -> str:
    keys = sorted(set(before) | set(after))
    return "\n".join(f"  {k}: {before.get(k)} -> {after.get(k)}" for k in keys if before.get(k) != after.get(k))


def run_in(tmp: Path, *args: str | Path, json_out: bool | None = None, fault: Path | str | None = None,
           expect: str | None = None, **kw: Any) -> tuple[Run, Any]:
    """Run ``gametheory ARGS`` in ``tmp``, snapshot ``tmp`` around it, assert the contract.

    Returns the run and its JSON document (None unless ``--json`` and exit 0).
    """
    before = snapshot(tmp)
    run = run_cli(*args, cwd=tmp, **kw)
    after = snapshot(tmp)
    if json_out is None:
        json_out = "--json" in map(str, args)
    doc = assert_contract(run, before=before, after=after, json_out=json_out, fault=fault, cwd=tmp, expect=expect)
    return run, doc
