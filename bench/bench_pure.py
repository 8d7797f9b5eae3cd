"""Benchmark: all pure Nash equilibria of a random 6-player game, ours vs pygambit's enumpure_solve.

Games: 6 players with 8 strategies each (262,144 profiles) and with 10 each
(1,000,000 profiles); payoffs are small integers (-3..3, so ties and several
equilibria occur), solved as an exact game (Fractions, scaled to int64 inside)
and as a float game.  pygambit solves the same integer payoffs (its numbers
are exact rationals).  Both answers are compared; times are medians of
``--repeat`` runs of the solve call alone (building the games is reported
separately, once).

Run: ``python bench/bench_pure.py [--sizes 8 10] [--repeat 3] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pygambit
from _timing import median_time_and_result as median_time

from gametheory import Game
from gametheory.solvers.pure import solve_pure


def ours_profiles(result):
    g = result.game
    return {tuple(g.strategy_index(i, eq.profile.support()[p][0]) for i, p in enumerate(g.players)) for eq in result}


def gambit_profiles(result, game):
    out = set()
    for eq in result.equilibria:
        out.add(tuple(next(j for j, s in enumerate(p.strategies) if eq[s] == 1) for p in game.players))
    return out


def run(n_strats, n_players, repeat, seed):
    rng = np.random.default_rng(seed)
    shape = (n_strats,) * n_players
    ints = rng.integers(-3, 4, size=shape + (n_players,))
    profiles = int(np.prod(shape))

    t0 = time.perf_counter()
    exact_game = Game(ints.astype(object), kind="exact")
    t_build_exact = time.perf_counter() - t0
    t0 = time.perf_counter()
    float_game = Game(ints.astype(float))
    t_build_float = time.perf_counter() - t0
    t0 = time.perf_counter()
    gbt_game = pygambit.Game.from_arrays(*[ints[..., i] for i in range(n_players)])
    t_build_gbt = time.perf_counter() - t0

    t_exact, r_exact = median_time(lambda: solve_pure(exact_game), repeat)
    t_float, r_float = median_time(lambda: solve_pure(float_game), repeat)
    t_gbt, r_gbt = median_time(lambda: pygambit.nash.enumpure_solve(gbt_game), repeat)

    theirs = gambit_profiles(r_gbt, gbt_game)
    agree = ours_profiles(r_exact) == theirs == ours_profiles(r_float)
    print(f"\n{n_players} players x {n_strats} strategies = {profiles:,} profiles; "
          f"{len(theirs)} pure equilibria; ours == pygambit: {agree}")
    print(f"  build (once): ours exact {t_build_exact:.3f} s, ours float {t_build_float:.3f} s, "
          f"pygambit from_arrays {t_build_gbt:.3f} s")
    print(f"  median of {repeat}:  ours exact {t_exact:.4f} s   ours float {t_float:.4f} s   "
          f"pygambit enumpure_solve {t_gbt:.4f} s")
    print(f"  ratio pygambit/ours: exact {t_gbt / t_exact:.1f}x, float {t_gbt / t_float:.1f}x")
    if not agree:
        raise SystemExit("the equilibrium sets differ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[8, 10], help="strategies per player")
    ap.add_argument("--players", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(f"pygambit {pygambit.__version__}, numpy {np.__version__}")
    for n in args.sizes:
        run(n, args.players, args.repeat, args.seed)


if __name__ == "__main__":
    main()
