"""N-player mixed equilibria: our enumpoly / gnm / logit next to pygambit's enumpoly, gnm and simpdiv.

Random games with integer payoffs in [-100, 100] (exact for both sides), shapes 2x2x2, 3x3x3 and
4x4x4, a few seeds each.  Every (solver, game) runs in its own subprocess with a timeout, and the
time is measured inside the subprocess with imports excluded: pygambit is imported before its
clock starts, and our process first solves a small game with an irrational equilibrium, which
imports what enumpoly uses (python-flint, mpmath, sympy for the radicals' text).  Both CPU time
(time.process_time) and wall time are printed, with the machine's load (/proc/loadavg).

Two tables:

1. per shape and solver: median CPU and wall time, equilibria per game, largest regret reported,
   and the ratio of the median CPU time to ours (enumpoly rows to our enumpoly, the
   one-equilibrium methods to our gnm; "-" when a run timed out);
2. enumpoly, game by game: ours and pygambit's CPU and wall times, the ratio ours / pygambit
   (CPU), the number of equilibria of each, and whether ours contain each of pygambit's (every
   pygambit profile within 1e-6 of one of ours in every probability; probabilities are
   scale-free, and pygambit's regrets are printed relative to the largest payoff, 100).

Run: python bench/bench_nplayer.py [--quick] [--enumpoly-only] [--timeout S] [--shapes 3x3x3,4x4x4] [--seeds N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time
from fractions import Fraction

import numpy as np

SHAPES = {(2, 2, 2): 3, (3, 3, 3): 3, (4, 4, 4): 2}
DEFAULT_TIMEOUT = 60.0
PAYOFF_SCALE = 100


def random_payoffs(shape, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(-PAYOFF_SCALE, PAYOFF_SCALE + 1, size=tuple(shape) + (len(shape),)).tolist()


def _warm_up_ours():
    from gametheory import Game, solve

    # a 2x2x2 game whose totally mixed equilibria are (1 +- 1/sqrt 5)/2 (tests/test_enumpoly.py): solving it
    # imports python-flint, mpmath and sympy, as pygambit is imported before its clock starts
    pay = np.zeros((2, 2, 2, 3), dtype=object)
    for a in range(2):
        for b in range(2):
            for c in range(2):
                pay[a, b, c, 0] = 5 * (int(b == 0) - int(c == 0)) if a == 0 else 0
                pay[a, b, c, 1] = 5 * (int(a == 0) + int(c == 0) - 1) if b == 0 else 0
                pay[a, b, c, 2] = 5 * int(a == 0) * int(b == 0) - 1 if c == 0 else 0
    solve(Game(pay.tolist()), method="enumpoly", progress=False)


def _ours(method, payoffs):
    from gametheory import Game, solve

    _warm_up_ours()
    game = Game(payoffs)
    opts = {"max_cost": 10**7, "progress": False} if method == "enumpoly" else {}
    c, t = time.process_time(), time.perf_counter()
    res = solve(game, method=method, **opts)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    reg = max((float(eq.max_regret) for eq in res), default=float("nan"))
    profiles = [[[float(x) for x in v] for v in eq.profile.vectors] for eq in res]
    return dt, dc, len(res), reg, profiles


def _gambit(method, payoffs):
    import pygambit as gbt

    pay = np.asarray(payoffs, dtype=object)
    g = gbt.Game.from_arrays(*[np.vectorize(Fraction, otypes=[object])(pay[..., i]) for i in range(pay.shape[-1])])
    c, t = time.process_time(), time.perf_counter()
    if method == "simpdiv":
        res = gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True))  # from the centroid
    else:
        res = getattr(gbt.nash, f"{method}_solve")(g)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    reg = max((float(e.max_regret()) for e in res.equilibria), default=float("nan"))
    profiles = [[[float(e[p][s]) for s in p.strategies] for p in g.players] for e in res.equilibria]
    return dt, dc, len(res.equilibria), reg, profiles


SOLVERS = {
    "ours enumpoly": (_ours, "enumpoly"),
    "ours gnm": (_ours, "gnm"),
    "ours logit": (_ours, "logit"),
    "gambit enumpoly": (_gambit, "enumpoly"),
    "gambit gnm": (_gambit, "gnm"),
    "gambit simpdiv": (_gambit, "simpdiv"),
}


def run_one(name, payoffs, timeout):
    func, method = SOLVERS[name]
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(1)
    try:
        job = pool.apply_async(func, (method, payoffs))
        return job.get(timeout)
    except multiprocessing.TimeoutError:
        return None
    except Exception as exc:  # a peer failing is a result to report, not a crash
        return ("error", repr(exc)[:60])
    finally:
        pool.terminate()


def contains(ours, theirs, tol=1e-6):
    """Whether every profile of ``theirs`` is within ``tol`` of one of ``ours`` in every probability."""
    return all(any(all(np.allclose(a, b, atol=tol) for a, b in zip(o, t)) for o in ours) for t in theirs)


def load():
    try:
        with open("/proc/loadavg") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one game per shape, 2x2x2 and 3x3x3 only")
    parser.add_argument("--enumpoly-only", action="store_true", help="only ours and pygambit's enumpoly")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per run (default 60)")
    parser.add_argument("--shapes", help="e.g. 3x3x3,4x4x4 (default 2x2x2, 3x3x3, 4x4x4)")
    parser.add_argument("--seeds", type=int, help="games per shape (default 3, 3, 2)")
    args = parser.parse_args()
    shapes = {(2, 2, 2): 1, (3, 3, 3): 1} if args.quick else dict(SHAPES)
    if args.shapes:
        shapes = {tuple(int(x) for x in s.split("x")): SHAPES.get(tuple(int(x) for x in s.split("x")), 2)
                  for s in args.shapes.split(",")}
    if args.seeds:
        shapes = {s: args.seeds for s in shapes}
    names = ["ours enumpoly", "gambit enumpoly"] if args.enumpoly_only else list(SOLVERS)
    print(f"load before: {load()}  (timeout {args.timeout:.0f} s per run; times exclude imports)")
    print(f"{'shape':8} {'solver':16} {'cpu s':>9} {'wall s':>9} {'/ ours':>8} {'#eq per game':>14} {'max regret':>11}"
          "  notes")
    per_game = []
    for shape, count in shapes.items():
        games = [random_payoffs(shape, seed) for seed in range(count)]
        rows = {name: [run_one(name, g, args.timeout) for g in games] for name in names}
        medians = {}
        for name, results in rows.items():
            done = [r[1] for r in results if r and r[0] != "error"]
            medians[name] = statistics.median(done) if len(done) == len(results) else None
        for name, results in rows.items():
            # all-equilibria methods against ours enumpoly, one-equilibrium methods against ours gnm
            base_med = medians.get("ours enumpoly" if name.endswith("enumpoly") else "ours gnm")
            done = [r for r in results if r and r[0] != "error"]
            notes = []
            timeouts = sum(r is None for r in results)
            errors = [r[1] for r in results if r and r[0] == "error"]
            if timeouts:
                notes.append(f"{timeouts} timeout(s) > {args.timeout:.0f}s")
            if errors:
                notes.append(f"error: {errors[0]}")
            med = statistics.median([r[1] for r in done]) if done else None
            wall = statistics.median([r[0] for r in done]) if done else None
            ratio = f"{med / base_med:8.2f}" if med is not None and base_med else f"{'-':>8}"
            counts = ",".join("-" if not r or r[0] == "error" else str(r[2]) for r in results)
            reg = max((r[3] for r in done), default=float("nan"))
            med_s = f"{med:9.4f}" if med is not None else f"{'-':>9}"
            wall_s = f"{wall:9.4f}" if wall is not None else f"{'-':>9}"
            label = "x".join(map(str, shape))
            print(f"{label:8} {name:16} {med_s} {wall_s} {ratio} {counts:>14} {reg:11.2e}  {'; '.join(notes)}",
                  flush=True)
        for seed, (o, t) in enumerate(zip(rows["ours enumpoly"], rows["gambit enumpoly"])):
            per_game.append((shape, seed, o, t))
    print()
    print("enumpoly game by game (ratio = our CPU time / pygambit's; 'contains' = every pygambit equilibrium is one"
          " of ours)")
    print(f"{'game':14} {'ours cpu':>9} {'ours wall':>9} {'gb cpu':>9} {'gb wall':>9} {'ratio':>7} {'#ours':>6}"
          f" {'#gb':>4} {'gb regret/100':>13}  contains")
    for shape, seed, o, t in per_game:
        label = "x".join(map(str, shape)) + f" s{seed}"

        def cell(r, k):
            return f"{r[k]:9.4f}" if r and r[0] != "error" else f"{'-':>9}"

        ok_o, ok_t = o and o[0] != "error", t and t[0] != "error"
        ratio = f"{o[1] / t[1]:7.2f}" if ok_o and ok_t and t[1] > 0 else f"{'-':>7}"
        inside = ("yes" if contains(o[4], t[4]) else "NO") if ok_o and ok_t else "-"
        n_o = str(o[2]) if ok_o else ("timeout" if o is None else "error")
        n_t = str(t[2]) if ok_t else ("timeout" if t is None else "error")
        rel = f"{t[3] / PAYOFF_SCALE:13.1e}" if ok_t else f"{'-':>13}"
        print(f"{label:14} {cell(o, 1)} {cell(o, 0)} {cell(t, 1)} {cell(t, 0)} {ratio} {n_o:>6} {n_t:>4} {rel}"
              f"  {inside}", flush=True)
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
