"""Batch equilibrium throughput and the blockade robustness study, ours vs the peers in one run.

1. 2x2 games, all equilibria (pure and mixed): :func:`gametheory.assumptions.batch.solve_2x2` on a
   batch of ``--games`` random games against loops of nashpy ``support_enumeration``, pygambit
   ``enummixed_solve`` and QuantEcon ``support_enumeration`` on the same games (the loops run on a
   sample; games/s is extrapolated).  Every game of a check sample (random floats, plus integer games
   full of ties) must have the equilibrium set of our general solver (method ``enumerate``).
2. 2x3 (vectorised vertex pairs) and 3x3 (``solve_batch``: vectorised support enumeration, with
   degenerate-looking games re-solved by the general method) against the pygambit loop.
3. The blockade model (2x4) with ``--draws`` Monte Carlo draws: time in process and on a LocalCluster
   with 2 workers (same seed, same result), and peak memory (tracemalloc, in process).

Usage: ``python bench/bench_batch.py [--games 1000000] [--draws 1000000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
import warnings

import numpy as np
from _timing import median_time

from gametheory import Game, solve
from gametheory.assumptions.batch import solve_2x2, solve_2xn, solve_batch
from gametheory.assumptions.montecarlo import robustness
from gametheory.assumptions.space import Space
from gametheory.io.model import load_model


def loop_rate(func, games):
    t0 = time.perf_counter()
    for g in games:
        func(g)
    return len(games) / (time.perf_counter() - t0)


def nashpy_one(P):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(P[..., 0], P[..., 1]).support_enumeration())


def gambit_one(P):
    import pygambit as gbt

    g = gbt.Game.from_arrays(P[..., 0], P[..., 1])
    return gbt.nash.enummixed_solve(g, rational=False).equilibria


def quantecon_one(P):
    from quantecon.game_theory import NormalFormGame, Player, support_enumeration

    return support_enumeration(NormalFormGame((Player(P[..., 0]), Player(P[..., 1].T))))


def keyset(eqs, digits=6):
    return {tuple(tuple(round(float(q), digits) for q in v) for v in e) for e in eqs}


def check_against_general(res, P, sample):
    """Games (of the first ``sample``) whose equilibrium set differs from method 'enumerate'."""
    bad = 0
    for b in range(min(sample, P.shape[0])):
        ref = solve(Game(P[b], kind="exact"), method="enumerate")
        ours = keyset(res.equilibria(b))
        theirs = keyset(tuple(np.asarray(v, float) for v in e.profile.vectors) for e in ref.equilibria)
        bad += ours != theirs
    return bad


def section_2x2(args, rng):
    P = rng.normal(size=(args.games, 2, 2, 2))
    solve_2x2(P[:1000])
    t = median_time(lambda: solve_2x2(P), args.repeat)
    ours = args.games / t
    print(f"2x2, {args.games} random games, all equilibria (pure and mixed)")
    print(f"  ours (vectorised closed form)    median {t * 1e3:9.1f} ms  {ours:14,.0f} games/s")
    for warm in (nashpy_one, gambit_one, quantecon_one):  # imports and numba compilation outside the timing
        warm(P[0])
    peers = [("nashpy support_enumeration", nashpy_one, args.sample_nashpy),
             ("pygambit enummixed_solve", gambit_one, args.sample_gambit),
             ("QuantEcon support_enumeration", quantecon_one, args.sample_qe)]
    for name, func, n in peers:
        rate = loop_rate(func, [P[b] for b in range(n)])
        print(f"  {name:32} loop of {n:5}  {rate:14,.0f} games/s   ours/peer = {ours / rate:10,.0f}x")
    res = solve_2x2(P[:args.check])
    ties = rng.integers(-2, 3, size=(args.check, 2, 2, 2)).astype(float)
    bad = check_against_general(res, P, args.check) + check_against_general(solve_2x2(ties), ties, args.check)
    print(f"  check: {2 * args.check} games ({args.check} random, {args.check} integer with ties) vs method "
          f"'enumerate': {bad} differ")


def section_mn(args, rng, shape, kernel, label):
    B = args.games_mn
    P = rng.normal(size=(B,) + shape + (2,))
    kernel(P[:100])
    t = median_time(lambda: kernel(P), max(1, args.repeat // 2))
    ours = B / t
    n = args.sample_gambit
    gambit_one(P[0])
    rate = loop_rate(gambit_one, [P[b] for b in range(n)])
    res = kernel(P[:args.check])
    bad = check_against_general(res, P, args.check)
    print(f"{shape[0]}x{shape[1]}, {B} random games ({label})")
    print(f"  ours                             median {t * 1e3:9.1f} ms  {ours:14,.0f} games/s")
    print(f"  pygambit enummixed_solve         loop of {n:5}  {rate:14,.0f} games/s   "
          f"ours/peer = {ours / rate:10,.1f}x")
    print(f"  check: {args.check} games vs method 'enumerate': {bad} differ")


def section_blockade(args):
    m = load_model("models/serbia_blockade_offer.toml")
    sp = Space.from_model(m)
    kw = dict(seed=2026, predictions=m.predictions, chunk_size=args.chunk, progress=False)
    robustness(m.game, sp, 1000, **kw)
    t0 = time.perf_counter()
    local = robustness(m.game, sp, args.draws, **kw)
    t_local = time.perf_counter() - t0
    peaks = {}
    for chunk in sorted({args.chunk, max(1, args.chunk // 5)}, reverse=True):
        tracemalloc.start()
        robustness(m.game, sp, args.draws, **{**kw, "chunk_size": chunk})
        peaks[chunk] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        t_start = time.perf_counter() - t0
    t0 = time.perf_counter()
    dask = robustness(m.game, sp, args.draws, workers=2, **kw)
    t_dask = time.perf_counter() - t0
    same = (local.accepted, dict(local.count_histogram), [s.count for _, s in local.predictions]) == \
        (dask.accepted, dict(dask.count_histogram), [s.count for _, s in dask.predictions])
    print(f"blockade model (2x4), {args.draws} draws in chunks of {args.chunk} ({local.chunks} chunks)")
    print(f"  in process                       {t_local:9.2f} s  {args.draws / t_local:12,.0f} draws/s")
    print(f"  LocalCluster, 2 workers          {t_dask:9.2f} s  {args.draws / t_dask:12,.0f} draws/s "
          f"(includes cluster start-up, alone {t_start:.2f} s; the machine has {_cores()} cores)")
    print(f"  same result in process and on Dask: {same}")
    for chunk, peak in peaks.items():
        print(f"  peak traced memory in process, chunks of {chunk:>7}: {peak / 2**20:7.1f} MiB")
    print(f"  max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    pred = local.predictions[0][1]
    print(f"  share of draws where '(Offer, Cooperate only if offered)' is an equilibrium: {pred.share:.4f} "
          f"[{pred.interval[0]:.4f}, {pred.interval[1]:.4f}] of {pred.n} accepted draws")


def _cores():
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=1_000_000)
    ap.add_argument("--games-mn", type=int, default=100_000)
    ap.add_argument("--draws", type=int, default=1_000_000)
    ap.add_argument("--chunk", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--sample-nashpy", type=int, default=300)
    ap.add_argument("--sample-gambit", type=int, default=2000)
    ap.add_argument("--sample-qe", type=int, default=2000)
    ap.add_argument("--check", type=int, default=300)
    ap.add_argument("--skip", action="append", default=[], choices=["2x2", "2x3", "3x3", "blockade"])
    args = ap.parse_args(argv)
    rng = np.random.default_rng(12345)
    if "2x2" not in args.skip:
        section_2x2(args, rng)
    if "2x3" not in args.skip:
        section_mn(args, rng, (2, 3), solve_2xn, "vectorised vertex pairs")
    if "3x3" not in args.skip:
        section_mn(args, rng, (3, 3), solve_batch, "solve_batch: vectorised support enumeration")
    if "blockade" not in args.skip:
        section_blockade(args)


if __name__ == "__main__":
    main()
