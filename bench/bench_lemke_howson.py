"""Benchmark: one equilibrium of random n x n games by Lemke-Howson, ours vs QuantEcon (and other peers).

Games: ``--games`` random games per size (default sizes 100 and 200), payoffs
uniform on [0, 1) (float), and for the exact row integers 0..99.  Every solver
starts from the first strategy of the row player (our label ``"Player 1:1"``,
QuantEcon's ``init_pivot=0``), so on these nondegenerate games all follow the
same path and must reach the same equilibrium.

* ours: ``lemke_howson(game, label="Player 1:1")``, the whole call including
  the certified result (payoffs and regrets), with ``kernel="auto"`` (the
  compiled kernel from 100x100 up when numba is installed) and
  ``kernel="numpy"``;
* ours exact: the same call on the integer game (the float path's end solved
  and verified exactly; ``exact`` says the result is exact with regret 0);
* QuantEcon ``lemke_howson(g, init_pivot=0, max_iter=1000 (2n + 1))``
  (numba-compiled, warmed up first; ``max_iter`` is our default
  ``max_pivots``: QuantEcon's own default of 10**6 returns an unfinished
  path's point, not an equilibrium), on the float and on the integer game;
* with ``--peers``: pygambit ``lcp_solve(stop_after=1)`` (float and
  rational) and nashpy ``lemke_howson(initial_dropped_label=0)`` in child
  processes killed after ``--timeout`` seconds.

Each time is the median of ``--repeat`` runs after one warm-up call (one
run for the exact rows), as wall time and as CPU time (``time.process_time``: the machine may be shared); the
summary gives the median over the games of ours / QuantEcon (below 1: we are
faster), and ``agree`` says whether the two equilibria are equal (within 1e-8)
and each is an equilibrium (regret within 1e-9 of the payoff range).  The
first call in a fresh process (``--cold``, default on) shows the one-off cost of
loading the compiled kernel.  The load average is printed before and after.

Run: ``python bench/bench_lemke_howson.py [--sizes 100 200] [--games 5] [--repeat 5] [--peers] [--no-cold]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time
from functools import partial

import numpy as np

from gametheory import CostLimitError, Game
from gametheory.solvers.lemke_howson import lemke_howson

try:
    import quantecon.game_theory as qe_gt
except ImportError:  # optional peer
    qe_gt = None


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "n/a"


def timed(func, repeat, warm_up=True):
    """``(median wall s, median CPU s, result)`` of ``repeat`` calls (after one warm-up call)."""
    out = func() if warm_up else None
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = func()
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    return statistics.median(walls), statistics.median(cpus), out


def regret(A, B, x, y):
    return max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)


def agree(A, B, ours, theirs):
    """Same equilibrium (within 1e-8) and both certified (regret within 1e-9 of the payoff range)."""
    x, y = (np.asarray(v, dtype=float) for v in ours)
    tol = 1e-9 * max(np.abs(A).max(), np.abs(B).max())
    same = np.allclose(x, theirs[0], rtol=0, atol=1e-8) and np.allclose(y, theirs[1], rtol=0, atol=1e-8)
    return bool(same and regret(A, B, x, y) <= tol and regret(A, B, *theirs) <= tol)


def _nashpy_child(A, B, queue):
    import warnings

    import nashpy

    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    queue.put((time.perf_counter() - t0, x, y))


def _gambit_child(rational):
    def child(A, B, queue):
        import pygambit

        g = pygambit.Game.from_arrays(A, B)
        t0 = time.perf_counter()
        out = pygambit.nash.lcp_solve(g, rational=rational, stop_after=1)
        assert len(out.equilibria) == 1
        queue.put((time.perf_counter() - t0, None, None))

    return child


def child_time(target, A, B, timeout):
    """A peer's wall time (measured inside a child process), or None past ``timeout`` seconds."""
    queue = mp.Queue()
    proc = mp.Process(target=target, args=(A, B, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return queue.get()[0]


def cold_first_call(n, kernel):
    """Wall seconds of the first ``lemke_howson`` call on an n x n game in a fresh process (imports excluded)."""
    code = (
        "import time, numpy as np\n"
        "from gametheory import Game\n"
        "from gametheory.solvers.lemke_howson import lemke_howson\n"
        f"rng = np.random.default_rng(0); g = Game.from_bimatrix(rng.random(({n}, {n})), rng.random(({n}, {n})))\n"
        f"t0 = time.perf_counter(); lemke_howson(g, label='Player 1:1', kernel={kernel!r})\n"
        f"t1 = time.perf_counter(); lemke_howson(g, label='Player 1:1', kernel={kernel!r})\n"
        "print(t1 - t0, time.perf_counter() - t1)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def bench_size(n, args):
    rng = np.random.default_rng(args.seed + n)
    rows = []
    for k in range(args.games):
        A, B = rng.random((n, n)), rng.random((n, n))
        Ai, Bi = rng.integers(0, 100, (n, n)), rng.integers(0, 100, (n, n))
        game, exact_game = Game.from_bimatrix(A, B), Game.from_bimatrix(Ai.tolist(), Bi.tolist())
        row = {"game": k}
        try:
            row["auto"] = timed(partial(lemke_howson, game, label="Player 1:1"), args.repeat)
        except CostLimitError:
            print(f"  {n}x{n} game {k}: path longer than the default max_pivots; skipped")
            continue
        row["numpy"] = timed(partial(lemke_howson, game, label="Player 1:1", kernel="numpy"), args.repeat)
        # exact paths on integer games can be long: one timed call (the kernels are warm by now); a path
        # longer than the default max_pivots (1000 (m + n + 1)) is reported as such
        try:
            row["exact"] = timed(partial(lemke_howson, exact_game, label="Player 1:1"), 1, warm_up=False)
        except CostLimitError:
            row["exact"] = (None, None, None)
        res, res_exact = row["auto"][2], row["exact"][2]
        row["pivots"] = res.extra["pivots"]["Player 1:1"]
        row["is_exact"] = "> max_pivots" if res_exact is None else res_exact.exact and res_exact[0].max_regret == 0
        if qe_gt is not None:
            qg = qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(B.T)))
            # QuantEcon stops after max_iter pivots (default 10**6) and returns what it has, an equilibrium or not:
            # given our default max_pivots it follows every path ours follows to its end
            qe_iter = 1000 * (2 * n + 1)
            row["qe"] = timed(partial(qe_gt.lemke_howson, qg, init_pivot=0, max_iter=qe_iter), args.repeat)
            row["agree"] = agree(A, B, res[0].profile.vectors, row["qe"][2])
            row["agree_numpy"] = agree(A, B, row["numpy"][2][0].profile.vectors, row["qe"][2])
            qgi = qe_gt.NormalFormGame((qe_gt.Player(Ai.astype(float)), qe_gt.Player(Bi.T.astype(float))))
            row["qe_int"] = timed(partial(qe_gt.lemke_howson, qgi, init_pivot=0, max_iter=qe_iter), 1, warm_up=False)
            row["agree_exact"] = res_exact is not None and agree(Ai.astype(float), Bi.astype(float),
                                                                 res_exact[0].profile.vectors, row["qe_int"][2])
        if args.peers:
            row["gambit"] = child_time(_gambit_child(False), A, B, args.timeout)
            row["gambit_rational"] = child_time(_gambit_child(True), Ai.astype(object).tolist(),
                                                Bi.astype(object).tolist(), args.timeout)
            row["nashpy"] = child_time(_nashpy_child, A, B, args.timeout)
        rows.append(row)
    return rows


def ms(t):
    return "     n/a" if t is None else f"{t * 1e3:8.2f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 200])
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--peers", action="store_true", help="also pygambit and nashpy (child processes)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--no-cold", dest="cold", action="store_false", help="skip the fresh-process first calls")
    args = ap.parse_args(argv)
    if qe_gt is None:
        print("QuantEcon is not installed: no ratios")
    print(f"Lemke-Howson from label 0 (Player 1:1 / init_pivot=0), {args.games} random games per size; "
          f"median of {args.repeat} runs after a warm-up, ms (wall / CPU); load {load()}")
    for n in args.sizes:
        rows = bench_size(n, args)
        print(f"\n{n}x{n}")
        print("  game pivots |   ours (auto)    |   ours (numpy)   |    QuantEcon     | ratio auto | ratio numpy "
              "| agree | exact: ours, QuantEcon(float), exact, agree")
        for r in rows:
            q = r.get("qe", (None, None, None))
            ratio = f"{r['auto'][0] / q[0]:10.2f}" if q[0] else "       n/a"
            ratio_np = f"{r['numpy'][0] / q[0]:11.2f}" if q[0] else "        n/a"
            qi = r.get("qe_int", (None, None))
            print(f"  {r['game']:4d} {r['pivots']:6d} | {ms(r['auto'][0])} {ms(r['auto'][1])} | "
                  f"{ms(r['numpy'][0])} {ms(r['numpy'][1])} | {ms(q[0])} {ms(q[1])} | {ratio} | {ratio_np} | "
                  f"{str(r.get('agree', 'n/a')):5s} | {ms(r['exact'][0])} {ms(qi[0])} {r['is_exact']} "
                  f"{r.get('agree_exact', 'n/a')}")
            if args.peers:
                print(f"       peers (wall ms): pygambit float {ms(r['gambit'])}, rational {ms(r['gambit_rational'])}, "
                      f"nashpy {ms(r['nashpy'])} (n/a: killed after {args.timeout:.0f} s)")
        if qe_gt is not None:
            for key, name in (("auto", "auto kernel"), ("numpy", "numpy kernel")):
                wall = statistics.median(r[key][0] / r["qe"][0] for r in rows)
                cpu = statistics.median(r[key][1] / r["qe"][1] for r in rows)
                agreed = sum(r["agree" if key == "auto" else "agree_numpy"] for r in rows)
                print(f"  summary {name}: ours / QuantEcon median {wall:.2f} (wall), {cpu:.2f} (CPU); "
                      f"same equilibrium on {agreed} of {len(rows)} games")
            print(f"  exact results: {sum(r['is_exact'] is True for r in rows)} of {len(rows)} exact with regret 0, "
                  f"{sum(r['agree_exact'] for r in rows)} equal to QuantEcon's float equilibrium")
        if args.cold:
            for kernel in ("auto", "numpy"):
                first, second = cold_first_call(n, kernel)
                print(f"  fresh process, kernel={kernel}: first call {first * 1e3:.1f} ms, "
                      f"second {second * 1e3:.2f} ms")
    print(f"\nload {load()}")


if __name__ == "__main__":
    main()
