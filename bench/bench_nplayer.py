"""N-player mixed equilibria: our enumpoly / gnm / logit next to pygambit's enumpoly, gnm and simpdiv.

Random games with integer payoffs in [-100, 100] (exact for both sides), shapes 2x2x2, 3x3x3 and
4x4x4, a few seeds each.  Every (solver, game) runs in its own subprocess with a timeout, and the
time is measured inside the subprocess (imports excluded).  Printed per shape and solver: median
time, number of equilibria per game, largest regret reported, and the ratio of the median to ours
(enumpoly rows to our enumpoly, the one-equilibrium methods to our gnm; "-" when a run timed out).

Run: python bench/bench_nplayer.py [--quick]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time
from fractions import Fraction

import numpy as np

SHAPES = {(2, 2, 2): 3, (3, 3, 3): 3, (4, 4, 4): 2}
TIMEOUT = {"ours enumpoly": 150.0}
DEFAULT_TIMEOUT = 60.0


def random_payoffs(shape, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(-100, 101, size=tuple(shape) + (len(shape),)).tolist()


def _ours(method, payoffs):
    from gametheory import Game, solve

    game = Game(payoffs)
    solve(Game.zero_sum([[1, -1], [-1, 1]]), method="pure")  # load the solver modules outside the timing
    t = time.perf_counter()
    opts = {"max_cost": 10**6, "progress": False} if method == "enumpoly" else {}
    res = solve(game, method=method, **opts)
    dt = time.perf_counter() - t
    reg = max((float(eq.max_regret) for eq in res), default=float("nan"))
    return dt, len(res), reg


def _gambit(method, payoffs):
    import pygambit as gbt

    pay = np.asarray(payoffs, dtype=object)
    g = gbt.Game.from_arrays(*[np.vectorize(Fraction, otypes=[object])(pay[..., i]) for i in range(pay.shape[-1])])
    t = time.perf_counter()
    if method == "simpdiv":
        res = gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True))  # from the centroid
    else:
        res = getattr(gbt.nash, f"{method}_solve")(g)
    dt = time.perf_counter() - t
    reg = max((float(e.max_regret()) for e in res.equilibria), default=float("nan"))
    return dt, len(res.equilibria), reg


SOLVERS = {
    "ours enumpoly": (_ours, "enumpoly"),
    "ours gnm": (_ours, "gnm"),
    "ours logit": (_ours, "logit"),
    "gambit enumpoly": (_gambit, "enumpoly"),
    "gambit gnm": (_gambit, "gnm"),
    "gambit simpdiv": (_gambit, "simpdiv"),
}


def run_one(name, payoffs):
    func, method = SOLVERS[name]
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(1)
    try:
        job = pool.apply_async(func, (method, payoffs))
        return job.get(TIMEOUT.get(name, DEFAULT_TIMEOUT))
    except multiprocessing.TimeoutError:
        return None
    except Exception as exc:  # a peer failing is a result to report, not a crash
        return ("error", repr(exc)[:60])
    finally:
        pool.terminate()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one game per shape, 2x2x2 and 3x3x3 only")
    args = parser.parse_args()
    shapes = {(2, 2, 2): 1, (3, 3, 3): 1} if args.quick else SHAPES
    print(f"{'shape':8} {'solver':16} {'median s':>10} {'/ ours':>8} {'#eq per game':>16} {'max regret':>11}  notes")
    for shape, count in shapes.items():
        games = [random_payoffs(shape, seed) for seed in range(count)]
        rows = {}
        for name in SOLVERS:
            rows[name] = [run_one(name, g) for g in games]
        medians = {}
        for name, results in rows.items():
            done = [r[0] for r in results if r and r[0] != "error"]
            medians[name] = statistics.median(done) if len(done) == len(results) else None
        for name, results in rows.items():
            # all-equilibria methods against ours enumpoly, one-equilibrium methods against ours gnm
            base_med = medians["ours enumpoly" if name.endswith("enumpoly") else "ours gnm"]
            done = [r for r in results if r and r[0] != "error"]
            notes = []
            timeouts = sum(r is None for r in results)
            errors = [r[1] for r in results if r and r[0] == "error"]
            if timeouts:
                notes.append(f"{timeouts} timeout(s) > {TIMEOUT.get(name, DEFAULT_TIMEOUT):.0f}s")
            if errors:
                notes.append(f"error: {errors[0]}")
            med = statistics.median([r[0] for r in done]) if done else None
            ratio = f"{med / base_med:8.2f}" if med is not None and base_med else f"{'-':>8}"
            counts = ",".join("-" if not r or r[0] == "error" else str(r[1]) for r in results)
            reg = max((r[2] for r in done), default=float("nan"))
            med_s = f"{med:10.4f}" if med is not None else f"{'-':>10}"
            label = "x".join(map(str, shape))
            print(f"{label:8} {name:16} {med_s} {ratio} {counts:>16} {reg:11.2e}  {'; '.join(notes)}", flush=True)


if __name__ == "__main__":
    main()
