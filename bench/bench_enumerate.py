"""All equilibria of random n x n games: gametheory 'enumerate' (exact) against the peers.

One run, the same games for every solver: uniform [0, 1) float payoffs; our
solver gets them as exact decimals (``Game.to_exact``) and returns exact,
certified results; the peers get floats (pygambit enummixed float, nashpy
support enumeration, QuantEcon vertex enumeration) or the same decimals
(pygambit enummixed rational).  Prints per size the median time over the
games and the ratio peer / ours.  A peer is skipped at a size when its median
at the previous size exceeded ``--skip-after`` CPU seconds (each +2 in size costs
the slow peers more than 10x, so this skips runs of tens of seconds per game).

Times are CPU seconds of this process (``time.process_time``): the machine
is shared, and wall times swing by 2-3x with the other users' load; wall
medians are printed as well.  Every solver here is single-threaded.

Usage: python bench/bench_enumerate.py [--sizes 4 6 8 10 12] [--games 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import statistics
import time
from fractions import Fraction

import numpy as np


def _time(fn):
    """(CPU seconds of this process, wall seconds, result) of one call."""
    c, t = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c, time.perf_counter() - t, out


def ours(A, B):
    from gametheory import Game, solve

    g = Game.from_bimatrix(A, B).to_exact()
    return lambda: len(solve(g, method="enumerate"))


def gambit_float(A, B):
    import pygambit as gbt

    g = gbt.Game.from_arrays(A, B)
    return lambda: len(gbt.nash.enummixed_solve(g, rational=False).equilibria)


def gambit_rational(A, B):
    import pygambit as gbt

    conv = np.vectorize(lambda v: Fraction(repr(float(v))), otypes=[object])
    g = gbt.Game.from_arrays(conv(A), conv(B))
    return lambda: len(gbt.nash.enummixed_solve(g, rational=True).equilibria)


def nashpy_support(A, B):
    import nashpy

    g = nashpy.Game(A, B)
    return lambda: len(list(g.support_enumeration()))


def quantecon_vertex(A, B):
    import quantecon.game_theory as qe

    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    return lambda: len(qe.vertex_enumeration(g))


PEERS = {
    "pygambit enummixed float": gambit_float,
    "pygambit enummixed rational": gambit_rational,
    "nashpy support_enumeration": nashpy_support,
    "quantecon vertex_enumeration": quantecon_vertex,
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[4, 6, 8, 10, 12])
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--games-large", type=int, default=3, help="games at sizes >= 12")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of our solver per game (median)")
    ap.add_argument("--skip-after", type=float, default=2.0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    available = {}
    for name, make in PEERS.items():
        try:
            make(np.ones((2, 2)), np.ones((2, 2)))()
            available[name] = make
        except ImportError:
            print(f"# {name}: not installed, skipped")
    # warm up (numba compilation, imports)
    w = rng.random((4, 4)), rng.random((4, 4))
    ours(*w)()
    for make in available.values():
        make(*w)()
    last = {name: 0.0 for name in available}
    rows = []
    for n in args.sizes:
        k = args.games_large if n >= 12 else args.games
        games = [(rng.random((n, n)), rng.random((n, n))) for _ in range(k)]
        cpu = {"ours": [], **{name: [] for name in available}}
        wall = {"ours": [], **{name: [] for name in available}}
        counts = {"ours": [], **{name: [] for name in available}}
        for A, B in games:
            f = ours(A, B)
            runs = [_time(f) for _ in range(args.repeat)]
            cpu["ours"].append(statistics.median(r[0] for r in runs))
            wall["ours"].append(statistics.median(r[1] for r in runs))
            counts["ours"].append(runs[0][2])
            for name, make in available.items():
                if last[name] is None or last[name] > args.skip_after:
                    continue
                c, t, found = _time(make(A, B))
                cpu[name].append(c)
                wall[name].append(t)
                counts[name].append(found)
        med = {name: (statistics.median(v) if v else None) for name, v in cpu.items()}
        medw = {name: (statistics.median(v) if v else None) for name, v in wall.items()}
        for name in available:
            last[name] = med[name]
        rows.append((n, med, medw))
        line = [f"n={n:2d} ({k} games)  ours {1e3 * med['ours']:9.2f} ms cpu ({1e3 * medw['ours']:.2f} ms wall)  "
                f"equilibria {counts['ours']}"]
        for name in available:
            if med[name] is None:
                line.append(f"    {name:30s} skipped")
            else:
                agree = "same counts" if counts[name] == counts["ours"] else f"counts {counts[name]}"
                line.append(f"    {name:30s} {1e3 * med[name]:10.2f} ms cpu  ratio {med[name] / med['ours']:9.1f}x"
                            f"  ({1e3 * medw[name]:.2f} ms wall, ratio {medw[name] / medw['ours']:.1f}x; {agree})")
        print("\n".join(line), flush=True)
    print("\nmedian CPU seconds (wall in brackets); ratio = peer / ours (>1: ours faster)")
    print("| n | ours (exact) | " + " | ".join(available) + " |")
    print("|" + "---|" * (2 + len(available)))
    for n, med, medw in rows:
        cells = []
        for name in available:
            if med[name] is None:
                cells.append("skipped")
            else:
                cells.append(f"{med[name]:.4g} s ({med[name] / med['ours']:.1f}x) "
                             f"[{medw[name]:.4g} s, {medw[name] / medw['ours']:.1f}x]")
        print(f"| {n} | {med['ours']:.4g} s [{medw['ours']:.4g} s] | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
