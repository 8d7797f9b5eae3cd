"""Time the bargaining kernels against the numeric peers a user would otherwise reach for, in one run.

* hull: our exact monotone chain (Fractions, and the same code on floats) vs
  ``scipy.spatial.ConvexHull`` (Qhull, float) on random integer points;
* Nash solution of a random game's bargaining set: ours (exact, closed form on
  one frontier edge) vs maximising the log Nash product over lottery weights
  with ``scipy.optimize.minimize`` (SLSQP), plus the peer's error;
* Rubinstein on the CFE/MD bargain (kink case): ours exact vs solving the two
  indifference equations with sympy on each pair of frontier pieces.

No Python library ships bargaining solutions (nashpy, pygambit and QuantEcon
have none), so these are the nearest peers.  Prints medians of ``--repeat``
runs and the ratio ours/peer.

Usage: ``python bench/bench_bargaining.py [--repeat 7]``
"""

from __future__ import annotations

import argparse
from fractions import Fraction as F
from functools import partial

import numpy as np
import sympy as sp
from _timing import median_time as _median
from scipy.optimize import minimize
from scipy.spatial import ConvexHull

from gametheory import Game
from gametheory.bargaining import BargainingProblem, nash
from gametheory.bargaining.hull import convex_hull
from gametheory.bargaining.rubinstein import rubinstein


def _row(name, ours, peer, note=""):
    print(f"{name:44} {ours * 1e3:10.3f} {peer * 1e3:10.3f} {ours / peer:8.2f}  {note}")


def bench_hull(rng, repeat):
    for n in (100, 1000, 10000):
        pts = rng.integers(-1000, 1001, size=(n, 2))
        exact = [tuple(map(F, p)) for p in pts.tolist()]
        floats = [tuple(map(float, p)) for p in pts.tolist()]
        # the timed calls bind this iteration's points (partial, or a default argument), not the loop variables
        peer = _median(lambda pts=pts: ConvexHull(pts.astype(float)), repeat)
        _row(f"hull, {n} points, exact Fractions vs Qhull", _median(partial(convex_hull, exact), repeat), peer)
        _row(f"hull, {n} points, floats vs Qhull", _median(partial(convex_hull, floats), repeat), peer)


def _slsqp_nash(P, d):
    """Peer: maximise sum log(gain) over lottery weights on the outcomes."""
    n = len(P)

    def neg(w):
        u = w @ P - d
        return -np.sum(np.log(np.maximum(u, 1e-12)))

    w0 = np.full(n, 1.0 / n)
    res = minimize(neg, w0, method="SLSQP", bounds=[(0, 1)] * n,
                   constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}])
    return res.x @ P


def bench_nash(rng, repeat):
    for m in (3, 6, 10):
        A = rng.integers(0, 10, size=(m, m))
        B = rng.integers(0, 10, size=(m, m))
        game = Game.from_bimatrix(A.tolist(), B.tolist())
        d = (int(A.min()), int(B.min()))
        problem = BargainingProblem.from_game(game, d, free_disposal=True)
        P = np.stack([A.reshape(-1), B.reshape(-1)], axis=1).astype(float)
        exact = nash(problem).utilities
        approx = _slsqp_nash(P, np.array(d, dtype=float))
        err = max(abs(float(e) - a) for e, a in zip(exact, approx))
        # default arguments bind this iteration's game, payoffs and disagreement point
        ours = _median(lambda game=game, d=d: nash(BargainingProblem.from_game(game, d, free_disposal=True)), repeat)
        peer = _median(lambda P=P, d=d: _slsqp_nash(P, np.array(d, dtype=float)), repeat)
        _row(f"Nash solution, {m}x{m} game (incl. hull)", ours, peer, f"peer error {err:.1e}")


def _sympy_rubinstein(dR, dUS):
    a, b = sp.symbols("a b")
    pieces = {"y=1": lambda u: (5 - u) / 2, "x=1": lambda u: 10 - 3 * u}
    for pa, fa in pieces.items():
        for pb, fb in pieces.items():
            for sol in sp.solve([sp.Eq(fa(a), dUS * fb(b)), sp.Eq(b, dR * a)], [a, b], dict=True):
                if (sol[a] <= 3) == (pa == "y=1") and (sol[b] <= 3) == (pb == "y=1"):
                    return sol[a]
    return None


def bench_rubinstein(repeat):
    problem = BargainingProblem.from_issues(
        {"MD abandonment": {"Russia": 4, "US": -2}, "CFE compliance": {"Russia": -1, "US": 3}},
        players=("Russia", "US"))
    dR, dUS = sp.Rational(19, 20), sp.Rational(4, 5)
    assert rubinstein(problem, (F(19, 20), F(4, 5))).utilities[0] == F(400, 131) == F(str(_sympy_rubinstein(dR, dUS)))
    ours = _median(lambda: rubinstein(problem, (F(19, 20), F(4, 5))), repeat)
    peer = _median(lambda: _sympy_rubinstein(dR, dUS), repeat)
    _row("Rubinstein, CFE/MD kink case, exact vs sympy", ours, peer)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"{'case':44} {'ours ms':>10} {'peer ms':>10} {'ratio':>8}")
    bench_hull(rng, args.repeat)
    bench_nash(rng, args.repeat)
    bench_rubinstein(args.repeat)


if __name__ == "__main__":
    main()
