"""Benchmark: one equilibrium of random n x n games by Lemke-Howson, ours vs the peers.

Games: ``--games`` random games per size (default sizes 50 and 100), payoffs
uniform on [0, 1) (float) and, for the exact comparison, integers 0..99.
Solvers, all started from the first strategy of the row player (label 0):

* ours, float: ``lemke_howson(game, label=...)`` on the float game (NumPy
  pivots; the time includes building the certified result: regrets);
* ours, exact: the same on the integer game (float path, end solved and
  verified exactly); "ours exact int" forces fraction-free integer pivoting
  (sizes up to ``--integer-max``, it is slow on long paths);
* pygambit ``lcp_solve(stop_after=1)``, float and ``rational=True``, in a
  child process with the ``--timeout`` (on some 100x100 games it runs for
  minutes);
* nashpy ``lemke_howson(initial_dropped_label=0)``, in a child process with a
  ``--timeout`` (it may not terminate), reported as ``>TIMEOUT`` when it does not;
* QuantEcon ``lemke_howson(init_pivot=0)`` (numba-compiled, warmed up first),
  if installed.

Each time is the median over the games of the median of ``--repeat`` runs;
ratios are peer time / our time (above 1: we are faster).  Every float answer
is checked to be an equilibrium (regret within 1e-6) and ours is compared with
QuantEcon's (same label, same path on nondegenerate games).

Run: ``python bench/bench_lemke_howson.py [--sizes 50 100] [--games 3] [--repeat 3] [--timeout 60] [--integer-max 50]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time
from functools import partial

import numpy as np
import pygambit
from _timing import median_time_and_result as median_time

from gametheory import Game
from gametheory.solvers.lemke_howson import lemke_howson

try:
    import quantecon.game_theory as qe_gt
except ImportError:  # optional peer
    qe_gt = None


def regret(A, B, x, y):
    return max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)


def _nashpy_child(A, B, queue):
    import warnings

    import nashpy

    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    queue.put((time.perf_counter() - t0, x, y))


def _gambit_child(rational, repeat):
    def child(A, B, queue):
        g = pygambit.Game.from_arrays(A, B)
        t, out = median_time(lambda: pygambit.nash.lcp_solve(g, rational=rational, stop_after=1), repeat)
        assert len(out.equilibria) == 1
        queue.put((t, None, None))

    return child


def child_time(target, A, B, timeout):
    """A peer's time (measured inside a child process) or None past ``timeout`` seconds."""
    queue = mp.Queue()
    proc = mp.Process(target=target, args=(A, B, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None, None
    t, x, y = queue.get()
    return t, (None if x is None else (x, y))


def bench_size(n, games, repeat, timeout, seed, integer_max):
    rng = np.random.default_rng(seed)
    rows = {k: [] for k in ("ours float", "ours exact", "ours exact int", "gambit float", "gambit rational", "nashpy",
                            "quantecon")}
    notes = []
    for k in range(games):
        A = rng.random((n, n))
        B = rng.random((n, n))
        game = Game.from_bimatrix(A, B)
        # partial binds this iteration's game (a lambda would read the loop variable when called)
        t, res = median_time(partial(lemke_howson, game, label="Player 1:1"), repeat)
        rows["ours float"].append(t)
        x, y = (np.asarray(v, dtype=float) for v in res[0].profile.vectors)
        assert regret(A, B, x, y) <= 1e-6
        pivots = res.extra["pivots"]["Player 1:1"]

        t, _ = child_time(_gambit_child(False, repeat), A, B, timeout)
        rows["gambit float"].append(t)

        Ai = rng.integers(0, 100, (n, n))
        Bi = rng.integers(0, 100, (n, n))
        exact_game = Game.from_bimatrix(Ai.tolist(), Bi.tolist())
        t, res_exact = median_time(partial(lemke_howson, exact_game, label="Player 1:1"), 1)
        rows["ours exact"].append(t)
        assert res_exact.exact and res_exact[0].max_regret == 0
        if n <= integer_max:
            t, res_int = median_time(partial(lemke_howson, exact_game, label="Player 1:1", integer_pivoting=True), 1)
            rows["ours exact int"].append(t)
            assert res_int[0].profile == res_exact[0].profile
        t, _ = child_time(_gambit_child(True, 1), Ai.astype(object).tolist(), Bi.astype(object).tolist(), timeout)
        rows["gambit rational"].append(t)

        t, xy = child_time(_nashpy_child, A, B, timeout)
        rows["nashpy"].append(t)
        if xy is not None and not regret(A, B, *xy) <= 1e-6:
            notes.append(f"n={n} game {k}: nashpy's answer is not an equilibrium")

        if qe_gt is not None:
            qg = qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(B.T)))
            qe_gt.lemke_howson(qg, init_pivot=0)  # compile
            t, ne = median_time(partial(qe_gt.lemke_howson, qg, init_pivot=0), repeat)
            rows["quantecon"].append(t)
            same = np.allclose(ne[0], x, atol=1e-8) and np.allclose(ne[1], y, atol=1e-8)
            notes.append(f"n={n} game {k}: {pivots} pivots; same equilibrium as QuantEcon: {same}")
    return rows, notes


def fmt(t):
    return "      n/a" if t is None else f"{t * 1e3:9.2f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100])
    ap.add_argument("--games", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--integer-max", type=int, default=50)
    args = ap.parse_args(argv)
    print(f"Lemke-Howson from label 0, {args.games} random games per size, median ms (ratio = peer / ours)")
    for n in args.sizes:
        rows, notes = bench_size(n, args.games, args.repeat, args.timeout, args.seed + n, args.integer_max)
        ours = {"float": statistics.median(rows["ours float"]), "exact": statistics.median(rows["ours exact"])}
        print(f"\n{n}x{n}")
        for name, times in rows.items():
            if not times:
                continue
            if any(t is None for t in times):
                done = [t for t in times if t is not None]
                print(f"  {name:16s} {len(times) - len(done)} of {len(times)} runs > {args.timeout:.0f} s (killed)"
                      + (f"; median of the rest {fmt(statistics.median(done))} ms" if done else ""))
                continue
            med = statistics.median(times)
            base = ours["exact"] if name in ("ours exact", "ours exact int", "gambit rational") else ours["float"]
            print(f"  {name:16s} {fmt(med)} ms   ratio {med / base:8.2f}")
        for note in notes:
            print("  " + note)


if __name__ == "__main__":
    main()
