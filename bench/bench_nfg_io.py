"""Time reading and writing Gambit .nfg files: ours vs pygambit, in one run.

For random integer games of a few sizes, one file is written by pygambit
(``Game.to_nfg``, outcome version) and read by both ``gametheory.read_nfg``
and ``pygambit.read_nfg``; then the game is written by both
(``gametheory.io.nfg.nfg_text`` and ``Game.to_nfg``).  The payoffs read by
both sides are compared before any timing.  Prints the median of
``--repeat`` runs and the ratio ours/pygambit.

Usage: ``python bench/bench_nfg_io.py [--repeat 5] [--seed 0]``
"""

from __future__ import annotations

import argparse
import os
import tempfile
from fractions import Fraction
from functools import partial

import numpy as np
import pygambit as gbt
from _timing import median_time as _median

from gametheory.io.nfg import nfg_text, read_nfg

SHAPES = [(10, 10), (50, 50), (8, 8, 8), (6, 6, 6, 6, 6)]


def _check_same(path, ours):
    theirs = gbt.read_nfg(path)
    players = list(theirs.players)
    strategies = [list(p.strategies) for p in players]
    rng = np.random.default_rng(1)
    for _ in range(50):  # spot checks: every profile would take pygambit longer than the benchmark
        idx = tuple(int(rng.integers(len(s))) for s in strategies)
        prof = [s[j] for s, j in zip(strategies, idx)]
        for i, p in enumerate(players):
            assert Fraction(str(theirs[prof][p])) == ours.payoffs[idx + (i,)], (idx, i)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"{'shape':>14} {'payoffs':>8} | {'read ours':>10} {'read gambit':>11} {'ratio':>6} | "
          f"{'write ours':>10} {'write gambit':>12} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as d:
        for shape in SHAPES:
            arrays = [rng.integers(-100, 101, size=shape) for _ in shape]
            gg = gbt.Game.from_arrays(*arrays)
            path = os.path.join(d, "g.nfg")
            with open(path, "w") as fh:
                fh.write(gg.to_nfg())
            ours = read_nfg(path)
            _check_same(path, ours)
            # partial binds this iteration's file and games (a lambda would read the loop variables when called)
            r_ours = _median(partial(read_nfg, path), args.repeat)
            r_gbt = _median(partial(gbt.read_nfg, path), args.repeat)
            w_ours = _median(partial(nfg_text, ours), args.repeat)
            w_gbt = _median(gg.to_nfg, args.repeat)
            n = int(np.prod(shape)) * len(shape)
            label = "x".join(map(str, shape))
            print(f"{label:>14} {n:>8} | {r_ours * 1e3:>8.2f}ms {r_gbt * 1e3:>9.2f}ms {r_ours / r_gbt:>6.2f} | "
                  f"{w_ours * 1e3:>8.2f}ms {w_gbt * 1e3:>10.2f}ms {w_ours / w_gbt:>6.2f}")


if __name__ == "__main__":
    main()
