"""Random n x n games, all extreme equilibria: gametheory 'enumerate' (float-first, exact result) against
lrsnash (exact) and QuantEcon's vertex_enumeration (float), the same games in one run.

Uniform [0, 1) float payoffs; our solver gets them as exact decimals
(``Game.to_exact``, as bench_enumerate.py does) and returns exact, certified
equilibria through ``solve(game, method="enumerate")``: the float reverse
search proposes supports, each is confirmed in integer arithmetic.  lrsnash
gets the same decimals as exact rationals (``p/q``) in its input format;
QuantEcon gets the floats.  Set agreement: our exact set equals lrsnash's
exact set (or, where lrsnash's points are off, the same support pairs: lrsnash
7.1's hybrid 64-bit/GMP arithmetic returns, on some of these games, row
strategies with a column regret near 1e-6 that our exact check rejects; the
count of equal points is printed); QuantEcon's points match ours within 1e-6.

Times: CPU seconds (``time.process_time`` for the in-process solvers,
``RUSAGE_CHILDREN`` for lrsnash) and wall seconds; the machine is shared, so
CPU times are the ones to compare.  The load (``/proc/loadavg``) is printed
before and after.  Ratio = peer / ours (> 1: ours faster).

Kernels: ``--kernel jit`` (default) loads the compiled search before timing,
as a process does by itself after 250,000 searched vertices (its one-time
load is printed); ``--kernel numpy`` keeps the vectorised search throughout,
as a one-off small run without numba's load would.

Usage: python bench/bench_enumerate_float.py [--sizes 12 20] [--games 3] [--seed 0]
       [--kernel jit|numpy] [--no-lrsnash-above 16] [--no-quantecon-above 16] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time
from fractions import Fraction

import numpy as np
from _lrsnash import parse_lrsnash

LRSNASH = "/usr/bin/lrsnash"


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def _time(fn):
    """(CPU seconds of this process, wall seconds, result) of one call."""
    c, t = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c, time.perf_counter() - t, out


def exact_matrix(M):
    return [[Fraction(repr(float(v))) for v in row] for row in M]


def ours(A, B):
    from gametheory import Game, solve

    g = Game.from_bimatrix(exact_matrix(A), exact_matrix(B))
    assert g.kind == "exact"

    def run():
        res = solve(g, method="enumerate", max_cost=10**30)
        return res.extra.get("path"), {(tuple(eq.profile.vectors[0]), tuple(eq.profile.vectors[1])) for eq in res}
    return run


def quantecon(A, B):
    import quantecon.game_theory as qe

    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    return lambda: qe.vertex_enumeration(g)


def lrsnash(A, B):
    """(CPU seconds of the child, wall seconds, set of exact equilibria) of one lrsnash run."""
    m, n = A.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(str(v) for v in row) for row in exact_matrix(A))
    text += "\n\n" + "\n".join(" ".join(str(v) for v in row) for row in exact_matrix(B)) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lrs", delete=False) as f:
        f.write(text)
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run([LRSNASH, f.name], capture_output=True, text=True, check=True).stdout
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(f.name)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return cpu, wall, parse_lrsnash(out)


def supports(eqs):
    """The support pairs of a set of equilibria."""
    return {(tuple(i for i, v in enumerate(x) if v), tuple(j for j, v in enumerate(y) if v)) for x, y in eqs}


def close_sets(exact_set, float_list, tol=1e-6):
    """Whether the float equilibria match the exact ones one to one within ``tol``."""
    if len(exact_set) != len(float_list):
        return False
    pts = [np.concatenate([np.array(x, dtype=float), np.array(y, dtype=float)]) for x, y in exact_set]
    used = set()
    for x, y in float_list:
        v = np.concatenate([x, y])
        hit = [k for k, p in enumerate(pts) if k not in used and np.max(np.abs(p - v)) < tol]
        if not hit:
            return False
        used.add(hit[0])
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[12, 20])
    ap.add_argument("--games", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of ours and QuantEcon per game below 16 (median)")
    ap.add_argument("--no-lrsnash-above", type=int, default=99, help="skip lrsnash above this size")
    ap.add_argument("--no-quantecon-above", type=int, default=16,
                    help="skip QuantEcon above this size (at 20x20 it held 2 GB after minutes)")
    ap.add_argument("--kernel", choices=["jit", "numpy"], default="jit")
    args = ap.parse_args(argv)
    from gametheory.solvers import _vertex_float as vf

    print(f"# load before: {load()}", flush=True)
    if args.kernel == "numpy":
        vf.JIT_AFTER = 10**18
    else:
        c, t, ok = _time(vf.load_compiled_kernel)
        print(f"# compiled kernel {'loaded' if ok else 'unavailable (no numba)'}: {c:.2f} s cpu ({t:.2f} s wall)")
    rng = np.random.default_rng(args.seed)
    w = rng.random((4, 4)), rng.random((4, 4))  # warm up: imports, numba compilation of QuantEcon
    ours(*w)()
    quantecon(*w)()
    rows = []
    for n in args.sizes:
        for k in range(args.games):
            A, B = rng.random((n, n)), rng.random((n, n))
            reps = args.repeat if n < 16 else 1
            runs = [_time(ours(A, B)) for _ in range(reps)]
            oc, ow = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
            path, eqs = runs[0][2]
            line = f"n={n:2d} game {k}: ours {oc:8.3f} s cpu ({ow:.3f} wall) {len(eqs)} eq, path '{path}'"
            qc = None
            if n <= args.no_quantecon_above:
                qruns = [_time(quantecon(A, B)) for _ in range(reps)]
                qc, qw = statistics.median(r[0] for r in qruns), statistics.median(r[1] for r in qruns)
                q_agree = close_sets(eqs, qruns[0][2])
                line += (f" | quantecon {qc:8.3f} s cpu ({qw:.3f} wall), ratio {qc / oc:5.2f}x, "
                         f"{'same set' if q_agree else 'SETS DIFFER'}")
            lc = None
            if n <= args.no_lrsnash_above:
                lc, lw, lset = lrsnash(A, B)
                same = "same set" if lset == eqs else f"{len(lset & eqs)}/{len(eqs)} points equal"
                line += (f" | lrsnash {lc:8.3f} s cpu ({lw:.3f} wall), ratio {lc / oc:6.2f}x, {same}, "
                         f"{'same supports' if supports(lset) == supports(eqs) else 'SUPPORTS DIFFER'}")
            print(line, flush=True)
            rows.append((n, oc, qc, lc))
    print(f"\n# load after: {load()}")
    print("| n | games | ours (exact) CPU s | QuantEcon CPU s (ratio) | lrsnash CPU s (ratio) |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        sel = [r for r in rows if r[0] == n]
        oc = statistics.median(r[1] for r in sel)
        cells = []
        for col in (2, 3):
            vals = [r[col] for r in sel if r[col] is not None]
            cells.append(f"{statistics.median(vals):.4g} ({statistics.median(vals) / oc:.1f}x)" if vals else "skipped")
        print(f"| {n} | {len(sel)} | {oc:.4g} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
