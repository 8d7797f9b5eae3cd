"""The speed table of issue 18: each row's work by gametheory and by the peer, on the same games, in one run.

Rows (``--rows`` picks some by key; ``--list`` prints them):

=============  ==============================================================  ===========================
key            work                                                            peer
=============  ==============================================================  ===========================
random15       all extreme equilibria, random 15x15 (uniform [0, 1) decimals)  lrsnash
g32767         all extreme equilibria, the 15x15 game with 32,767 equilibria   lrsnash
random20       all extreme equilibria, random 20x20                            lrsnash
random12       all extreme equilibria, random 12x12 (our NumPy search)         QuantEcon vertex_enumeration
random12c      the same, our compiled search loaded first (a batch of games)   QuantEcon vertex_enumeration
random12cold   the same, one game per fresh interpreter (imports included)     QuantEcon vertex_enumeration
degenerate15   all extreme equilibria, 15x15 integers in [-3, 3]               lrsnash
support10      all extreme equilibria, 10x10, method ``support``               lrsnash
enumpoly333    all isolated equilibria, random 3x3x3 (integers in [-100, 100])  pygambit enumpoly_solve
enumpoly444    all isolated equilibria, random 4x4x4                           pygambit enumpoly_solve
lh100          one equilibrium, Lemke-Howson from label 0, 100x100 floats      QuantEcon lemke_howson
lh200          one equilibrium, Lemke-Howson from label 0, 200x200 floats      QuantEcon lemke_howson
=============  ==============================================================  ===========================

The 32,767-equilibrium game is Savani's example (bimatrix_solver): ``B = A^T`` with
``A[i][j] = 2**(4 i)`` if ``j == i``, ``2**(2 i + 2 j + 1)`` if ``j > i``, ``0`` if ``j < i``.

How it measures
---------------
* Every solver runs in a fresh child process (``multiprocessing`` forkserver, so the peak RSS is that of a
  process that ran only this solver) killed at the row's cap: ``--cap`` seconds for ours, ``--peer-cap``
  for the peer; a killed run is reported as ``>CAP``.  Imports, and one run on a small game of the same
  kind (numba compilation, lazy imports), happen before the clock starts.
* ``random12cold`` instead runs a script per game in a fresh interpreter (``python -c``), as a user
  solving one game does: start-up, imports, any compilation, reading the game and writing the answer
  are timed (the ``rusage`` of the process; four processes per game, the first a warm-up of the disk
  caches, the median of the other three).
* CPU seconds (``time.process_time`` in the child plus the CPU of the programs it ran, such as msolve;
  for lrsnash the ``rusage`` of its process) and wall seconds;
  a run shorter than ``--repeat-under`` seconds is repeated (up to 5 times, the first run being a
  warm-up) and the median taken.  The ratio is the peer's CPU time over ours: above 1, ours is faster.
* The load (``/proc/loadavg``) is printed before and after each row: the machine is shared.
* Ours calls the public API only: ``solve(game, method=...)``, ``lemke_howson``, and
  ``gametheory.solvers.vertex.solve_enumerate_stream`` when it exists (the 32,767 row).  The enumerate
  rows first try the default ``max_cost`` and say so when it refuses the game, then raise it.
* Sets: lrsnash's output is parsed into exact Fraction pairs (every "2" line of a block with every "1"
  line) and compared with our extreme equilibria as sets; QuantEcon's float equilibria are matched to ours
  within 1e-6; pygambit's enumpoly equilibria must each be one of ours (ours a superset, within 1e-6);
  Lemke-Howson must end at QuantEcon's equilibrium (same label, same path).  A pair found by one side
  only is checked exactly (Fraction regrets) to tell which side is wrong.

Run: ``python bench/bench_speed_table.py [--rows random15 lh100] [--games N] [--cap 120] [--peer-cap 600]
[--seed 0] [--markdown]``.  ``--markdown`` prints the table of the README's Performance section at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from _lrsnash import parse_lrsnash

LRSNASH = "lrsnash"
RAISED = 10**300  # max_cost when the default refuses: the run is deliberate here
RAISED_PIVOTS = 10**9  # QuantEcon's max_iter on the Lemke-Howson rows: every path of these games ends well before
MAX_KEYS = 5000  # equilibrium sets larger than this travel as (count, digest) only
TOL = 1e-6


# ---------------------------------------------------------------------- games
def _decimal(v: float) -> str:
    """A float by its shortest decimal, as an exact Fraction string (what Game.to_exact reads)."""
    return str(Fraction(repr(float(v))))


def random_decimal_bimatrix(rng: np.random.Generator, n: int) -> dict[str, Any]:
    A, B = rng.random((n, n)), rng.random((n, n))
    return {"A": [[_decimal(v) for v in row] for row in A], "B": [[_decimal(v) for v in row] for row in B]}


def random_int_bimatrix(rng: np.random.Generator, n: int, low: int, high: int) -> dict[str, Any]:
    A, B = rng.integers(low, high + 1, (n, n)), rng.integers(low, high + 1, (n, n))
    return {"A": [[str(v) for v in row] for row in A.tolist()], "B": [[str(v) for v in row] for row in B.tolist()]}


def game_32767() -> dict[str, Any]:
    n = 15
    A = [[2 ** (4 * i) if j == i else 2 ** (2 * i + 2 * j + 1) if j > i else 0 for j in range(n)] for i in range(n)]
    B = [[A[j][i] for j in range(n)] for i in range(n)]
    return {"A": [[str(v) for v in row] for row in A], "B": [[str(v) for v in row] for row in B]}


def random_float_bimatrix(rng: np.random.Generator, n: int) -> dict[str, Any]:
    return {"A": rng.random((n, n)).tolist(), "B": rng.random((n, n)).tolist(), "float": True}


def random_int_nplayer(rng: np.random.Generator, shape: tuple[int, ...]) -> dict[str, Any]:
    return {"payoffs": rng.integers(-100, 101, size=tuple(shape) + (len(shape),)).tolist()}


# ---------------------------------------------------------------------- equilibrium sets
def _digest(keys) -> str:
    """Order-independent digest of a set of hashable string tuples (sum of SHA-256 prefixes)."""
    total = 0
    for k in keys:
        total += int.from_bytes(hashlib.sha256(repr(k).encode()).digest()[:16], "big")
    return format(total % (1 << 128), "032x")


def exact_summary(pairs) -> dict[str, Any]:
    """``{"count", "digest", "keys"}`` of exact (x, y) pairs given as sequences of Fractions."""
    keys = {(tuple(str(Fraction(v)) for v in x), tuple(str(Fraction(v)) for v in y)) for x, y in pairs}
    return {"count": len(keys), "digest": _digest(keys), "keys": keys if len(keys) <= MAX_KEYS else None}


def is_equilibrium(spec, key) -> bool:
    """Exact check (Fraction regrets) of one (x, y) key on the bimatrix game of ``spec``, independent of both."""
    A = [[Fraction(v) for v in row] for row in spec["A"]]
    B = [[Fraction(v) for v in row] for row in spec["B"]]
    x, y = ([Fraction(v) for v in vec] for vec in key)
    if min(x + y) < 0 or sum(x) != 1 or sum(y) != 1:
        return False
    rows = [sum(a * q for a, q in zip(row, y)) for row in A]
    cols = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    return max(rows) == sum(p * r for p, r in zip(x, rows)) and max(cols) == sum(q * c for q, c in zip(y, cols))


def compare_exact(ours: dict[str, Any], peer: dict[str, Any], spec=None) -> str:
    if ours["keys"] is not None and peer["keys"] is not None:
        a, b = ours["keys"], peer["keys"]
        if a == b:
            return f"same set ({len(a)})"
        text = f"DIFFER: ours {len(a)}, peer {len(b)}, common {len(a & b)}"
        if spec is not None:
            # which side is wrong: each pair found by one side only, checked exactly here
            for who, only in (("ours", a - b), ("peer", b - a)):
                if only:
                    good = sum(is_equilibrium(spec, k) for k in only)
                    text += f"; {who} only: {len(only)}, of which {good} equilibria"
        return text
    if ours["count"] == peer["count"] and ours["digest"] == peer["digest"]:
        return f"same set ({ours['count']}, by digest)"
    return f"DIFFER: ours {ours['count']}, peer {peer['count']} (digests differ)"


def _close(p, q) -> bool:
    return len(p) == len(q) and all(np.allclose(u, v, atol=TOL) for u, v in zip(p, q))


def compare_float(ours: list, peer: list, superset: bool = False) -> str:
    """Match float profiles within TOL: the same set, or (``superset``) every peer profile among ours."""
    missing = [q for q in peer if not any(_close(p, q) for p in ours)]
    extra = [p for p in ours if not any(_close(p, q) for q in peer)]
    if not missing and not extra:
        return f"same set ({len(ours)})"
    if superset and not missing:
        return f"ours a superset ({len(ours)} vs {len(peer)})"
    return f"DIFFER: ours {len(ours)}, peer {len(peer)}, peer's not ours {len(missing)}, ours not peer's {len(extra)}"


# ---------------------------------------------------------------------- solvers (run in a child process)
def _bimatrix_game(spec):
    from gametheory import Game

    if spec.get("float"):
        return Game.from_bimatrix(np.asarray(spec["A"]), np.asarray(spec["B"]))
    return Game.from_bimatrix([[Fraction(v) for v in row] for row in spec["A"]],
                              [[Fraction(v) for v in row] for row in spec["B"]])


def ours_enumerate(spec, stream: bool = False):
    from gametheory import CostLimitError, solve

    game = _bimatrix_game(spec)
    streamer = None
    if stream:
        try:
            from gametheory.solvers.vertex import solve_enumerate_stream as streamer
        except ImportError:
            streamer = None
    note = [] if not stream else [f"API: {'solve_enumerate_stream' if streamer else 'solve (no stream in this tree)'}"]

    def run(max_cost):
        if streamer is not None:
            # keep only an order-independent digest: holding the equilibria would defeat the streaming
            total, count = 0, 0
            for eq in streamer(game, max_cost=max_cost):
                x, y = eq.profile.vectors
                key = (tuple(str(v) for v in x), tuple(str(v) for v in y))
                total += int.from_bytes(hashlib.sha256(repr(key).encode()).digest()[:16], "big")
                count += 1
            return {"count": count, "digest": format(total % (1 << 128), "032x"), "keys": None}
        return solve(game, method="enumerate", max_cost=max_cost)

    state: dict[str, Any] = {"limit": None, "decided": False}

    def call():
        # the default max_cost first: a refusal comes before any work (so it costs nothing measurable) and is
        # what a user sees; then the run with the limit raised
        if not state["decided"]:
            state["decided"] = True
            try:
                return run(None)
            except CostLimitError as exc:
                note.append(f"default max_cost refuses: {exc}")
                state["limit"] = RAISED
        return run(state["limit"])

    def summarize(res):
        if isinstance(res, dict):
            return res
        return exact_summary(tuple(eq.profile.vectors) for eq in res)

    return call, summarize, note


def ours_enumerate_compiled(spec):
    """``ours_enumerate`` after ``load_compiled_kernels()``: what a process solving many games gets.

    By default a process loads the compiled float search (numba, about half a second) only once it has
    searched 250,000 vertices, so one 12x12 game in a fresh process runs the NumPy search.
    """
    from gametheory.solvers import load_compiled_kernels

    load_compiled_kernels()
    return ours_enumerate(spec)


def ours_support(spec):
    from gametheory import solve

    game = _bimatrix_game(spec)

    def summarize(res):
        return exact_summary(tuple(eq.profile.vectors) for eq in res)

    # default max_cost: refusing a hopeless size is the behaviour measured
    return (lambda: solve(game, method="support")), summarize, []


def ours_enumpoly(spec):
    from gametheory import Game, solve

    game = Game(spec["payoffs"])

    def summarize(res):
        return [[np.asarray(v, dtype=float) for v in eq.profile.vectors] for eq in res]

    return (lambda: solve(game, method="enumpoly", max_cost=RAISED, progress=False)), summarize, []


def ours_lemke_howson(spec):
    from gametheory.solvers.lemke_howson import _compiled_kernel, lemke_howson

    game = _bimatrix_game(spec)
    label = f"{game.players[0]}:{game.strategies[0][0]}"
    m, n = game.shape
    note: list[str] = []
    # loaded here, untimed, as QuantEcon's compiled code is by its warm-up (the warm-up game is too small for ours)
    _compiled_kernel()
    # QuantEcon follows the same path to its end (its max_iter raised too), so the limits are raised; a path
    # longer than our default max_pivots, 1000 (m + n + 1), would be refused at the defaults: noted
    default_pivots = 1000 * (m + n + 1)

    def call():
        res = lemke_howson(game, label=label, max_pivots=RAISED, max_cost=RAISED)
        pivots = res.extra["pivots"][label]
        if pivots > default_pivots and not note:
            note.append(f"{pivots} pivots: the default max_pivots ({default_pivots}) refuses this path")
        return res

    def summarize(res):
        return [[np.asarray(v, dtype=float) for v in res[0].profile.vectors]]

    return call, summarize, note


def quantecon_vertex(spec):
    import quantecon.game_theory as qe

    A = np.array([[float(Fraction(v)) for v in row] for row in spec["A"]])
    B = np.array([[float(Fraction(v)) for v in row] for row in spec["B"]])
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))

    def summarize(res):
        return [[np.asarray(x), np.asarray(y)] for x, y in res]

    return (lambda: qe.vertex_enumeration(g)), summarize, []


def quantecon_lemke_howson(spec):
    import quantecon.game_theory as qe

    g = qe.NormalFormGame((qe.Player(np.asarray(spec["A"])), qe.Player(np.asarray(spec["B"]).T)))
    note: list[str] = []

    def call():
        # QuantEcon's default max_iter (10**6) returns an unfinished point on the longest paths, without an error
        ne, res = qe.lemke_howson(g, init_pivot=0, max_iter=RAISED_PIVOTS, full_output=True)
        if not res.converged and not note:
            note.append(f"did not converge in {res.num_iter} pivots")
        return ne

    def summarize(res):
        return [[np.asarray(res[0]), np.asarray(res[1])]]

    return call, summarize, note


def gambit_enumpoly(spec):
    import pygambit as gbt

    pay = np.asarray(spec["payoffs"], dtype=object)
    g = gbt.Game.from_arrays(*[np.vectorize(Fraction, otypes=[object])(pay[..., i]) for i in range(pay.shape[-1])])

    def summarize(res):
        return [[np.array([float(eq[s]) for s in p.strategies]) for p in g.players] for eq in res.equilibria]

    return (lambda: gbt.nash.enumpoly_solve(g)), summarize, []


SOLVERS = {
    "ours enumerate": ours_enumerate,
    "ours enumerate stream": lambda spec: ours_enumerate(spec, stream=True),
    "ours support": ours_support,
    "ours enumpoly": ours_enumpoly,
    "ours lemke-howson": ours_lemke_howson,
    "ours enumerate compiled": ours_enumerate_compiled,
    "quantecon vertex_enumeration": quantecon_vertex,
    "quantecon lemke_howson": quantecon_lemke_howson,
    "pygambit enumpoly_solve": gambit_enumpoly,
}


def _tiny(spec) -> dict[str, Any]:
    """A small game of the same kind as ``spec``: the warm-up (imports, numba compilation) before the clock."""
    rng = np.random.default_rng(1)
    if "payoffs" in spec:
        return random_int_nplayer(rng, (2,) * len(np.asarray(spec["payoffs"]).shape[:-1]))
    if spec.get("float"):
        return random_float_bimatrix(rng, 3)
    return random_int_bimatrix(rng, 3, 0, 9)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (msolve, run by ours on some supports; lrsnash's own runs)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _child(solver: str, spec, conn, repeat_under: float) -> None:
    """Build, time and summarize one solver's run on one game; send the measurement back."""
    try:
        SOLVERS[solver](_tiny(spec))[0]()
        call, summarize, notes = SOLVERS[solver](spec)
        runs, out = [], None
        for k in range(6):
            c, w = time.process_time() + _children_cpu(), time.perf_counter()
            out = call()
            runs.append((time.process_time() + _children_cpu() - c, time.perf_counter() - w))
            if k == 0 and runs[0][1] >= repeat_under:
                break
            if sum(r[1] for r in runs) >= 3 * repeat_under and k >= 2:
                break
        timed = runs[1:] if len(runs) > 1 else runs  # the first of several runs is the warm-up
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send({"status": "ok", "cpu": statistics.median(r[0] for r in timed),
                   "wall": statistics.median(r[1] for r in timed), "rss_mb": rss, "summary": summarize(out),
                   "notes": notes})
    except Exception as exc:  # a refusal (CostLimitError) or a crash is the measurement
        conn.send({"status": "error", "error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def run_capped(solver: str, spec, cap: float, repeat_under: float) -> dict[str, Any]:
    """Run ``solver`` on ``spec`` in a fresh process, killed after ``cap`` seconds."""
    # forkserver: children are forked from a small server started with the first row, so that their peak RSS is
    # their own (spawn would fork this process, whose memory grows with the peers' outputs, before the exec)
    ctx = mp.get_context("forkserver")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(solver, spec, send, repeat_under))
    proc.start()
    send.close()
    # the cap counts from the start of the child (its imports included: a few seconds at most)
    if recv.poll(cap):
        try:
            msg = recv.recv()
        except EOFError:
            msg = {"status": "error", "error": f"child died (exit code {proc.exitcode})"}
    else:
        msg = {"status": "capped", "cap": cap}
        proc.kill()
    proc.join()
    return msg


# ---------------------------------------------------------------------- one game per fresh interpreter
#: Scripts run as ``python -c SCRIPT SPEC.json OUT.json``: everything a one-off script solving one game
#: does (interpreter start-up, imports, reading the game, solving, writing the answer) is timed.
COLD_SCRIPTS = {
    "cold ours enumerate": """
import json, resource, sys
from fractions import Fraction
from gametheory import Game, solve
with open(sys.argv[1]) as f:
    spec = json.load(f)
game = Game.from_bimatrix([[Fraction(v) for v in row] for row in spec["A"]],
                          [[Fraction(v) for v in row] for row in spec["B"]])
res = solve(game, method="enumerate")
with open(sys.argv[2], "w") as f:
    json.dump({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "equilibria": [[[str(v) for v in vec] for vec in eq.profile.vectors] for eq in res]}, f)
""",
    "cold quantecon vertex_enumeration": """
import json, resource, sys
from fractions import Fraction
import numpy as np
import quantecon.game_theory as qe
with open(sys.argv[1]) as f:
    spec = json.load(f)
A = np.array([[float(Fraction(v)) for v in row] for row in spec["A"]])
B = np.array([[float(Fraction(v)) for v in row] for row in spec["B"]])
eqs = qe.vertex_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))
with open(sys.argv[2], "w") as f:
    json.dump({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "equilibria": [[x.tolist(), y.tolist()] for x, y in eqs]}, f)
""",
}

#: Fresh interpreters per game: the first is a warm-up (it fills the disk caches both sides rely on:
#: compiled bytecode, numba's cache, the page cache), the median of the others is reported.
COLD_RUNS = 4


def run_cold(solver: str, spec, cap: float) -> dict[str, Any]:
    """``COLD_SCRIPTS[solver]`` in fresh interpreters: CPU (rusage) and wall of the whole process, its answer.

    The CPU is the ``rusage`` of the shell and the interpreter it ran (the shell's share is about a
    millisecond); the peak RSS is the interpreter's own report.
    """
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        inp, outp, errp = (os.path.join(tmp, name) for name in ("game.json", "out.json", "err.txt"))
        with open(inp, "w") as f:
            json.dump(spec, f)
        for _ in range(COLD_RUNS):
            with open(errp, "w") as err:
                t0 = time.perf_counter()
                # through a shell that forks it, as for lrsnash: the interpreter's peak RSS then starts from a
                # fresh process, not from this one (Linux carries it across exec)
                proc = subprocess.Popen(["/bin/sh", "-c", '"$0" "$@"; exit $?', sys.executable, "-c",
                                         COLD_SCRIPTS[solver], inp, outp], stdout=subprocess.DEVNULL, stderr=err)
                pid, status, ru = _wait_capped(proc, t0, cap)
            if not pid:
                return {"status": "capped", "cap": cap}
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                with open(errp) as f:
                    return {"status": "error", "error": f"exit code {proc.returncode}: {f.read()[-300:]}"}
            with open(outp) as f:
                answer = json.load(f)
            runs.append((ru.ru_utime + ru.ru_stime, wall, answer["rss_kb"] / 1024))
    timed = runs[1:]
    eqs = answer["equilibria"]
    if solver.startswith("cold ours"):
        summary: Any = exact_summary(eqs)
    else:
        summary = [[np.asarray(x), np.asarray(y)] for x, y in eqs]
    return {"status": "ok", "cpu": statistics.median(r[0] for r in timed),
            "wall": statistics.median(r[1] for r in timed), "rss_mb": max(r[2] for r in timed), "summary": summary}


def _wait_capped(proc: subprocess.Popen, t0: float, cap: float):
    """``os.wait4`` on ``proc`` (its own rusage), polling; kill it after ``cap`` seconds: ``(0, 0, None)``."""
    delay = 0.0005
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, ru
        if time.perf_counter() - t0 > cap:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            return 0, 0, None
        time.sleep(delay)
        delay = min(2 * delay, 0.05)


# ---------------------------------------------------------------------- lrsnash
def lrs_input(spec) -> str:
    m, n = len(spec["A"]), len(spec["A"][0])
    lines = [f"{m} {n}", ""] + [" ".join(row) for row in spec["A"]] + [""] + [" ".join(row) for row in spec["B"]]
    return "\n".join(lines) + "\n"


def run_lrsnash(spec, cap: float) -> dict[str, Any]:
    """lrsnash on the game of ``spec``: its CPU time (rusage), wall time, peak RSS and parsed set."""
    with tempfile.TemporaryDirectory() as tmp:
        inp, outp = os.path.join(tmp, "game.txt"), os.path.join(tmp, "out.txt")
        with open(inp, "w") as f:
            f.write(lrs_input(spec))
        with open(outp, "w") as out:
            t0 = time.perf_counter()
            # through a shell that forks it (not exec): lrsnash's own memory report then starts from a fresh
            # process, not from the forked copy of this Python process
            proc = subprocess.Popen(["/bin/sh", "-c", '"$0" "$1"; exit $?', LRSNASH, inp], stdout=out,
                                    stderr=subprocess.STDOUT)
            pid, status, ru = _wait_capped(proc, t0, cap)
            if not pid:
                return {"status": "capped", "cap": cap}
            wall = time.perf_counter() - t0
        with open(outp) as f:
            text = f.read()
    if proc.returncode != 0:
        return {"status": "error", "error": f"lrsnash exit code {proc.returncode}: {text[-300:]}"}
    # lrsnash reports its own peak memory ("*0.001u 0.000s 2204Kb ..."); the shell's rusage would count the
    # copy of this Python process it started as
    mem = re.search(r"^\*\S+u \S+s (\d+)Kb", text, re.M)
    rss = int(mem.group(1)) / 1024 if mem else ru.ru_maxrss / 1024
    return {"status": "ok", "cpu": ru.ru_utime + ru.ru_stime, "wall": wall, "rss_mb": rss,
            "summary": exact_summary(parse_lrsnash(text))}


# ---------------------------------------------------------------------- rows
@dataclass(frozen=True)
class Row:
    key: str
    work: str
    ours: str  # a key of SOLVERS
    peer: str  # a key of SOLVERS or "lrsnash"
    games: Any  # rng -> spec
    count: int  # games by default
    compare: str  # "exact", "float" or "superset"
    fallback: str | None = None  # measured on the same games when ours is refused


ROWS = [
    Row("random15", "all extreme equilibria, random 15x15", "ours enumerate", "lrsnash",
        lambda rng: random_decimal_bimatrix(rng, 15), 3, "exact"),
    Row("g32767", "all extreme equilibria, the 15x15 game with 32,767 equilibria", "ours enumerate stream", "lrsnash",
        lambda rng: game_32767(), 1, "exact"),
    Row("random20", "all extreme equilibria, random 20x20", "ours enumerate", "lrsnash",
        lambda rng: random_decimal_bimatrix(rng, 20), 1, "exact"),
    Row("random12", "all extreme equilibria, random 12x12, our NumPy search against QuantEcon compiled in its warm-up",
        "ours enumerate", "quantecon vertex_enumeration",
        lambda rng: random_decimal_bimatrix(rng, 12), 3, "float"),
    Row("degenerate15", "all extreme equilibria, degenerate 15x15, payoffs in [-3, 3]", "ours enumerate", "lrsnash",
        lambda rng: random_int_bimatrix(rng, 15, -3, 3), 3, "exact"),
    Row("support10", "all extreme equilibria, 10x10, `support`", "ours support", "lrsnash",
        lambda rng: random_decimal_bimatrix(rng, 10), 3, "exact", fallback="ours enumerate"),
    Row("enumpoly333", "all isolated equilibria, random 3x3x3", "ours enumpoly", "pygambit enumpoly_solve",
        lambda rng: random_int_nplayer(rng, (3, 3, 3)), 3, "superset"),
    Row("enumpoly444", "all isolated equilibria, random 4x4x4", "ours enumpoly", "pygambit enumpoly_solve",
        lambda rng: random_int_nplayer(rng, (4, 4, 4)), 2, "superset"),
    Row("lh100", "one equilibrium, Lemke-Howson, 100x100 (float)", "ours lemke-howson", "quantecon lemke_howson",
        lambda rng: random_float_bimatrix(rng, 100), 3, "float"),
    Row("lh200", "one equilibrium, Lemke-Howson, 200x200 (float)", "ours lemke-howson", "quantecon lemke_howson",
        lambda rng: random_float_bimatrix(rng, 200), 3, "float"),
    # last, so that the other rows keep their seeds (seeded by position)
    Row("random12c", "all extreme equilibria, random 12x12, compiled search loaded (a batch of games)",
        "ours enumerate compiled", "quantecon vertex_enumeration",
        lambda rng: random_decimal_bimatrix(rng, 12), 3, "float"),
    Row("random12cold", "all extreme equilibria, random 12x12, one game per fresh interpreter (imports included)",
        "cold ours enumerate", "cold quantecon vertex_enumeration",
        lambda rng: random_decimal_bimatrix(rng, 12), 3, "float"),
]
ROW_BY_KEY = {row.key: row for row in ROWS}
PEER_NAME = {"lrsnash": "lrsnash (lrslib, exact C)", "quantecon vertex_enumeration": "QuantEcon vertex_enumeration",
             "cold quantecon vertex_enumeration": "QuantEcon vertex_enumeration (fresh interpreter)",
             "quantecon lemke_howson": "QuantEcon lemke_howson", "pygambit enumpoly_solve": "pygambit enumpoly_solve"}


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fmt_s(t: float) -> str:
    if t < 1e-3:
        return f"{t * 1e6:.0f} us"
    if t < 1:
        return f"{t * 1e3:.3g} ms"
    return f"{t:.3g} s"


def cell(m: dict[str, Any]) -> str:
    if m["status"] == "capped":
        return f">{m['cap']:g} s"
    if m["status"] == "error":
        return "refused" if m["error"].startswith("CostLimitError") else "error"
    return f"{fmt_s(m['cpu'])} cpu ({fmt_s(m['wall'])} wall, {m['rss_mb']:.0f} MB)"


def measure(solver: str, spec, cap: float, repeat_under: float) -> dict[str, Any]:
    if solver == "lrsnash":
        return run_lrsnash(spec, cap)
    if solver in COLD_SCRIPTS:
        return run_cold(solver, spec, cap)
    return run_capped(solver, spec, cap, repeat_under)


def agreement(row: Row, ours: dict[str, Any], peer: dict[str, Any], spec) -> str:
    if ours["status"] != "ok" or peer["status"] != "ok":
        return "-"
    if row.compare == "exact":
        return compare_exact(ours["summary"], peer["summary"], spec)
    return compare_float(_floats(ours["summary"]), _floats(peer["summary"]), superset=row.compare == "superset")


def _floats(summary) -> list:
    """Float profiles of a summary: an exact one (its keys) is converted."""
    if isinstance(summary, dict):
        return [[np.array([float(Fraction(v)) for v in x]), np.array([float(Fraction(v)) for v in y])]
                for x, y in summary["keys"]]
    return summary


def _span(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    return fmt_s(lo) if len(values) == 1 or fmt_s(lo) == fmt_s(hi) else f"{fmt_s(lo)}-{fmt_s(hi)}"


def _ratio_span(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo:.2g}x" if len(values) == 1 or f"{lo:.2g}" == f"{hi:.2g}" else f"{lo:.2g}-{hi:.2g}x"


def side_summary(ms: list[dict[str, Any]]) -> str:
    """Range of CPU times over the games, with capped and refused runs counted."""
    ok = [m["cpu"] for m in ms if m["status"] == "ok"]
    capped = [m for m in ms if m["status"] == "capped"]
    refused = [m for m in ms if m["status"] == "error" and m["error"].startswith("CostLimitError")]
    parts = []
    if ok:
        parts.append(_span(ok) + " CPU")
    if capped:
        parts.append(f">{capped[0]['cap']:g} s on {len(capped)} of {len(ms)}")
    if refused:
        parts.append(f"refused on {len(refused)} of {len(ms)} (cost limit)")
    other = len(ms) - len(ok) - len(capped) - len(refused)
    if other:
        parts.append(f"error on {other} of {len(ms)}")
    return "; ".join(parts)


def run_row(row: Row, args) -> dict[str, Any]:
    rng = np.random.default_rng((args.seed, ROWS.index(row)))
    count = args.games if args.games else row.count
    specs = [row.games(rng) for _ in range(count)]
    print(f"\n## {row.key}: {row.work}; peer {PEER_NAME[row.peer]}; {count} game(s); load {load()}", flush=True)
    ours_ms, peer_ms, fb_ms, ratios, agrees = [], [], [], [], []
    fb_ratios: list[float] = []
    fb_agrees: list[str] = []
    for k, spec in enumerate(specs, 1):
        o = measure(row.ours, spec, args.cap, args.repeat_under)
        p = measure(row.peer, spec, args.peer_cap, args.repeat_under)
        ours_ms.append(o)
        peer_ms.append(p)
        agree = agreement(row, o, p, spec)
        agrees.append(agree)
        if p["status"] == "ok" and o["status"] == "ok":
            ratios.append(p["cpu"] / max(o["cpu"], 1e-9))
        elif p["status"] == "ok" and o["status"] == "capped":
            ratios.append(-p["cpu"] / o["cap"])  # negative: an upper bound "<"
        line = f"  game {k}: ours {cell(o)} | peer {cell(p)}"
        if ratios and (o["status"], p["status"]) in (("ok", "ok"), ("capped", "ok")):
            r = ratios[-1]
            line += f" | ratio {'<' if r < 0 else ''}{abs(r):.3g}"
        print(line + f" | {agree}", flush=True)
        for who, m in (("ours", o), ("peer", p)):
            for note in m.get("notes", []):
                print(f"    {who}: {note}")
        if o["status"] == "error":
            print(f"    ours: {o['error']}")
        if p["status"] == "error":
            print(f"    peer: {p['error']}")
        if row.fallback and o["status"] == "error" and o["error"].startswith("CostLimitError"):
            f = measure(row.fallback, spec, args.cap, args.repeat_under)
            fb_ms.append(f)
            extra = ""
            if f["status"] == "ok" and p["status"] == "ok":
                fb_ratios.append(p["cpu"] / max(f["cpu"], 1e-9))
                fb_agrees.append(agreement(row, f, p, spec))
                extra = f" | ratio {fb_ratios[-1]:.3g} | {fb_agrees[-1]}"
            print(f"    {row.fallback} on the same game: {cell(f)}{extra}", flush=True)
    print(f"  load after the row: {load()}", flush=True)
    exact_ratios = [r for r in ratios if r > 0]
    bound_ratios = [-r for r in ratios if r < 0]
    if exact_ratios:
        ratio = _ratio_span(exact_ratios)
    elif bound_ratios:
        ratio = f"<{max(bound_ratios):.2g}x"
    else:
        ratio = "-"
    same = sum(a.startswith(("same", "ours a superset")) for a in agrees)
    checked = sum(a != "-" for a in agrees)
    sets = f"{same} of {checked} agree" if checked else "not compared"
    # a difference where every pair only the peer printed fails the exact check is the peer's error
    peer_wrong = sum(bool(re.search(r"peer only: (\d+), of which 0 equilibria", a)) and
                     not re.search(r"ours only: (\d+), of which (?!\1)", a) for a in agrees)
    if peer_wrong:
        sets += f" ({peer_wrong} other: the peer printed pairs that are not equilibria, ours checked exactly)"
    summary = {"row": row, "ours": side_summary(ours_ms), "peer": side_summary(peer_ms), "ratio": ratio,
               "sets": sets}
    if fb_ms:
        name = row.fallback.split()[-1]
        summary["ours"] += f"; `{name}`: {side_summary(fb_ms)}"
        if fb_ratios:
            summary["ratio"] = f"{_ratio_span(fb_ratios)} (`{name}`)"
        if fb_agrees:
            same_fb = sum(a.startswith("same") for a in fb_agrees)
            summary["sets"] = f"{same_fb} of {len(fb_agrees)} agree (`{name}`)"
    print(f"  => ours {summary['ours']} | peer {summary['peer']} | ratio (peer/ours CPU) {summary['ratio']} | "
          f"{summary['sets']}",
          flush=True)
    return summary


def markdown(summaries: list[dict[str, Any]]) -> str:
    out = ["| work | gametheory | peer | ratio (peer / ours) | sets |", "|---|---|---|---|---|"]
    for s in summaries:
        row = s["row"]
        out.append(f"| {row.work} | {s['ours']} | {PEER_NAME[row.peer]}: {s['peer']} | {s['ratio']} | {s['sets']} |")
    return "\n".join(out)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", nargs="+", choices=[r.key for r in ROWS], help="rows to run (default: all)")
    ap.add_argument("--games", type=int, default=0, help="games per row (default: the row's own count)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before our run is killed (>CAP)")
    ap.add_argument("--peer-cap", type=float, default=600.0, help="seconds before the peer's run is killed")
    ap.add_argument("--repeat-under", type=float, default=1.0, help="repeat runs shorter than this (median)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--markdown", action="store_true", help="print the README table at the end")
    ap.add_argument("--list", action="store_true", help="list the rows and exit")
    args = ap.parse_args(argv)
    if args.list:
        for row in ROWS:
            print(f"{row.key:13s} {row.work} (peer {PEER_NAME[row.peer]}, {row.count} games)")
        return
    rows = [ROW_BY_KEY[k] for k in args.rows] if args.rows else ROWS
    if any(r.peer == "lrsnash" for r in rows) and subprocess.run(["which", LRSNASH], capture_output=True).returncode:
        sys.exit("error: lrsnash is not on PATH (Debian/Ubuntu: apt-get install lrslib)")
    print(f"# machine: {machine()}")
    start_load = load()
    print(f"# load at start: {start_load}; cap: ours {args.cap:g} s, peer {args.peer_cap:g} s; seed {args.seed}")
    print("# ratio = peer CPU time / our CPU time (above 1: ours is faster)")
    summaries = [run_row(row, args) for row in rows]
    print(f"\n# load at end: {load()}")
    if args.markdown:
        print()
        print(markdown(summaries))
        print(f"\n{machine()}; load (1, 5, 15 min) {start_load} at the start, {load()} at the end.")


if __name__ == "__main__":
    main()
