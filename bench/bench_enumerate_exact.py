"""Exact vertex enumeration (``enumerate``'s exact path, streamed) against lrsnash, in one run.

Games: Savani's 15x15 game with 32,767 equilibria (bimatrix_solver's example: A[i][j] =
2^(4i) on the diagonal, 2^(2i+2j+1) above it, 0 below; B = A^T) and degenerate 15x15 games
with integer payoffs drawn uniformly from [-3, 3].  For each game lrsnash (lrslib, exact C)
runs as a subprocess, then ours runs in a fresh Python process (so its peak RSS is its own):

* ``kernel``: :func:`gametheory.solvers._vertex_pairs.vertex_pairs`, the exact pairs;
* ``stream``: :func:`gametheory.solvers.solve_enumerate_stream`, each equilibrium certified
  (``Equilibrium.from_profile``), as ``gametheory solve --method enumerate --stream`` uses it;
* ``solve`` (``--solve``): :func:`gametheory.solvers.solve_enumerate`, the whole result with
  components and cliques.

Printed per game and mode: equilibria found by each, CPU and wall seconds of each (CPU:
``resource.getrusage`` of the child; ours includes Python's start-up and imports), the ratio
ours / lrsnash (CPU and wall), whether the equilibrium sets agree exactly (as Fractions), and
peak RSS (ours: VmHWM of the child; lrsnash: GNU time's %M when installed).  The machine is
shared: the load average is printed before and after.

Usage: ``python bench/bench_enumerate_exact.py [--games savani,degenerate] [--seeds 3]
[--modes kernel,stream] [--solve]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from _lrsnash import parse_lrsnash

ROOT = Path(__file__).resolve().parents[1]


def savani(n: int = 15) -> tuple[list[list[int]], list[list[int]]]:
    A = [[2**(4 * i) if j == i else 2**(2 * i + 2 * j + 1) if j > i else 0 for j in range(n)] for i in range(n)]
    return A, [list(c) for c in zip(*A)]


def degenerate(seed: int, n: int = 15) -> tuple[list[list[int]], list[list[int]]]:
    import numpy as np

    rng = np.random.default_rng(seed)
    return rng.integers(-3, 4, (n, n)).tolist(), rng.integers(-3, 4, (n, n)).tolist()


def write_lrs(A, B, path: Path) -> None:
    # lrsnash wants positive payoffs in some versions: shift both (best replies do not change)
    shift = 1 - min(min(min(r) for r in A), min(min(r) for r in B))
    rows = lambda M: "\n".join(" ".join(str(v + shift) for v in r) for r in M)  # noqa: E731
    path.write_text(f"{len(A)} {len(A[0])}\n\n{rows(A)}\n\n{rows(B)}\n")


def read_lrs_game(path: Path) -> tuple[list[list[int]], list[list[int]]]:
    nums = path.read_text().split()
    m, n = int(nums[0]), int(nums[1])
    vals = [int(v) for v in nums[2:]]
    A = [vals[i * n:(i + 1) * n] for i in range(m)]
    B = [vals[m * n + i * n:m * n + (i + 1) * n] for i in range(m)]
    return A, B


def run_lrsnash(path: Path, m: int, n: int, tmp: str) -> dict:
    # peak RSS from GNU time when installed (ru_maxrss of children is a maximum over all of them)
    timer = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    rss_file = Path(tmp) / "lrs_rss.txt"
    cmd = ([timer, "-f", "%M", "-o", str(rss_file)] if timer else []) + ["lrsnash", str(path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kb = int(rss_file.read_text().split()[-1]) if timer else None
    return {"cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, "wall": wall,
            "rss_mb": kb / 1024 if kb else None, "set": parse_lrsnash(out)}


def run_ours(path: Path, mode: str, out_path: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(path), str(out_path)], capture_output=True,
                          text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(proc.stderr)
    doc = json.loads(proc.stdout)
    doc["cpu"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    doc["wall"] = wall
    found = set()
    for line in out_path.read_text().splitlines():
        xs, ys = line.split("|")
        found.add((tuple(Fraction(v) for v in xs.split()), tuple(Fraction(v) for v in ys.split())))
    doc["set"] = found
    return doc


def child(mode: str, path: Path, out_path: Path) -> None:
    """Run one mode of ours on the game and write its equilibria, one per line."""
    t0 = time.process_time()
    from gametheory import Game
    from gametheory.solvers import solve_enumerate, solve_enumerate_stream
    from gametheory.solvers._bimatrix import positive_integer_matrices
    from gametheory.solvers._vertex_pairs import vertex_pairs

    A, B = read_lrs_game(path)
    game = Game.from_bimatrix(A, B)
    lines = []
    start = time.process_time()
    if mode == "kernel":
        for x, y in vertex_pairs(*positive_integer_matrices(game)):
            lines.append(" ".join(map(str, x)) + "|" + " ".join(map(str, y)))
    elif mode == "stream":
        for eq in solve_enumerate_stream(game):
            x, y = eq.profile.vectors
            lines.append(" ".join(map(str, x)) + "|" + " ".join(map(str, y)))
    else:
        for eq in solve_enumerate(game, max_cost=float("inf")):
            x, y = eq.profile.vectors
            lines.append(" ".join(map(str, x)) + "|" + " ".join(map(str, y)))
    solve_cpu = time.process_time() - start
    out_path.write_text("\n".join(lines) + "\n")
    # VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the forked parent's size across exec
    hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(json.dumps({"n": len(lines), "solve_cpu": solve_cpu, "import_cpu": start - t0, "rss_mb": hwm / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--games", default="savani,degenerate")
    ap.add_argument("--seeds", type=int, default=3, help="number of degenerate games (seeds 0..N-1)")
    ap.add_argument("--modes", default="kernel,stream")
    ap.add_argument("--solve", action="store_true", help="also time solve_enumerate (the whole result)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    if shutil.which("lrsnash") is None:
        sys.exit("lrsnash not found (Debian package lrslib)")
    games = []
    if "savani" in args.games:
        games.append(("savani 15x15 (32,767 eq.)", *savani()))
    if "degenerate" in args.games:
        games += [(f"degenerate 15x15 [-3,3] seed {s}", *degenerate(s)) for s in range(args.seeds)]
    modes = args.modes.split(",") + (["solve"] if args.solve else [])
    print(f"load average before: {open('/proc/loadavg').read().split()[:3]}")
    print(f"{'game':34} {'mode':7} {'#eq':>6} {'#lrs':>6} {'ours cpu':>9} {'lrs cpu':>8} {'ratio':>6} "
          f"{'ours wall':>9} {'lrs wall':>8} {'ratio':>6} {'agree':>5} {'ours MB':>8} {'lrs MB':>7} "
          f"{'import':>6} {'solve':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, A, B in games:
            path = Path(tmp) / "game.txt"
            write_lrs(A, B, path)
            lrs = run_lrsnash(path, len(A), len(A[0]), tmp)
            for mode in modes:
                ours = run_ours(path, mode, Path(tmp) / "ours.txt")
                lrs_mb = f"{lrs['rss_mb']:.0f}" if lrs["rss_mb"] else "?"
                print(f"{name:34} {mode:7} {ours['n']:6d} {len(lrs['set']):6d} {ours['cpu']:9.2f} {lrs['cpu']:8.2f} "
                      f"{ours['cpu'] / lrs['cpu']:6.2f} {ours['wall']:9.2f} {lrs['wall']:8.2f} "
                      f"{ours['wall'] / lrs['wall']:6.2f} {str(ours['set'] == lrs['set']):>5} {ours['rss_mb']:8.0f} "
                      f"{lrs_mb:>7} {ours['import_cpu']:6.2f} {ours['solve_cpu']:7.2f}", flush=True)
    print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
