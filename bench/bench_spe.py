"""Benchmark: backward induction on random perfect-information trees, ours vs OpenSpiel and pygambit.

Trees: random perfect-information trees of about 10^4 and 10^6 nodes, built
breadth first (2 or 3 actions per decision node, players alternating at
random), with each player's terminal payoffs a random permutation of
0..T-1, so no node has a tie and the subgame-perfect equilibrium is unique.
Ours: :func:`gametheory.tree.spe.solve_spe`, exact (Fractions scaled to int64
inside) and float, the whole certified result (the subgame-perfect regret of
the equilibrium is computed and checked), and the bare backward-induction
pass.

Peers, each on the same tree written by :func:`gametheory.io.efg.efg_text`,
in a subprocess with a time limit (``--peer-timeout``), skipped with a
printed note when not installed:

* OpenSpiel (``pip install open_spiel``): its Python wheel binds no general
  ``backward_induction``, so the peer is ``open_spiel.python.algorithms.minimax.expectiminimax``
  (backward induction for two-player zero-sum games, floats) on
  ``pyspiel.load_efg_game``; the tree is made zero-sum for it (player 2's
  payoff is minus player 1's) and both values are compared.
* pygambit: ``pygambit.nash.lcp_solve`` (one equilibrium, sequence-form LCP)
  on ``pygambit.read_efg`` of the general-sum tree; its payoffs are compared
  with ours (the equilibrium is the unique subgame-perfect one only if
  Lemke's path ends there, so a difference is reported, not an error).

Run: ``python bench/bench_spe.py [--sizes 10000 1000000] [--seed 0] [--peer-timeout 120] [--gambit-max-nodes 20000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from gametheory.tree import Infoset, Tree, efg_text
from gametheory.tree.spe import backward_induction, solve_spe


def random_tree(n_target: int, seed: int, zero_sum: bool = False) -> Tree:
    """A random perfect-information tree of about ``n_target`` nodes, breadth first, no ties."""
    rng = np.random.default_rng(seed)
    children: list[tuple[int, ...]] = [()]
    frontier = [0]
    total = 1
    while frontier and total < n_target:
        widths = rng.integers(2, 4, size=len(frontier))
        expand = rng.random(len(frontier)) < 0.7
        expand[0] = True
        nxt = []
        for v, w, e in zip(frontier, widths.tolist(), expand.tolist()):
            if not e or total >= n_target:
                continue
            kids = tuple(range(total, total + w))
            total += w
            children[v] = kids
            children.extend([()] * w)
            nxt.extend(kids)
        frontier = nxt
    n = len(children)
    inner = [v for v in range(n) if children[v]]
    movers = rng.integers(0, 2, size=len(inner)).tolist()
    sets = {(m, len(children[v])) for v, m in zip(inner, movers)}
    index = {}
    infosets = []
    node_isets = [-1] * n
    for v, m in zip(inner, movers):
        infosets.append(Infoset(("P1", "P2")[m], "", ("a", "b", "c")[:len(children[v])]))
        node_isets[v] = len(infosets) - 1
    del sets, index
    T = n - len(inner)
    u1 = rng.permutation(T)
    u2 = -u1 if zero_sum else rng.permutation(T)
    terms = [v for v in range(n) if not children[v]]
    payoffs = {v: (int(a), int(b)) for v, a, b in zip(terms, u1.tolist(), u2.tolist())}
    return Tree(["P1", "P2"], infosets, children, node_isets, payoffs)


OPENSPIEL_PEER = r"""
import sys, time, json
t0 = time.perf_counter()
import pyspiel
from open_spiel.python.algorithms import minimax
text = open(sys.argv[1]).read()
game = pyspiel.load_efg_game(text)
t1 = time.perf_counter()
value, _ = minimax.expectiminimax(game.new_initial_state(), 10**9, None, 0)
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "solve": t2 - t1, "value": value}))
"""

GAMBIT_PEER = r"""
import sys, time, json
t0 = time.perf_counter()
import pygambit as gbt
g = gbt.read_efg(sys.argv[1])
t1 = time.perf_counter()
res = gbt.nash.lcp_solve(g, rational=False)
t2 = time.perf_counter()
eq = res.equilibria[0]
print(json.dumps({"load": t1 - t0, "solve": t2 - t1, "payoffs": [float(eq.payoff(p)) for p in g.players]}))
"""


def run_peer(name: str, script: str, tree: Tree, timeout: float, module: str) -> dict | None:
    try:
        __import__(module)
    except ImportError:
        print(f"  {name}: not installed (pip install {'open_spiel' if module == 'pyspiel' else module}); skipped")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tree.efg")
        with open(path, "w") as fh:
            fh.write(efg_text(tree))
        try:
            out = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"  {name}: no answer within {timeout:.0f} s (stopped)")
            return None
    if out.returncode != 0:
        print(f"  {name}: failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(func):
    t0 = time.perf_counter()
    out = func()
    return time.perf_counter() - t0, out


def run(n: int, seed: int, timeout: float, gambit_max_nodes: int) -> None:
    print(f"random perfect-information tree, about {n} nodes (seed {seed})")
    t_build, tree = timed(lambda: random_tree(n, seed))
    print(f"  built: {tree.num_nodes} nodes, {tree.num_infosets} decision nodes, {len(tree.terminals)} leaves "
          f"in {t_build:.2f} s")
    t_bi, (arrays, _) = timed(lambda: backward_induction(tree))
    t_exact, res = timed(lambda: solve_spe(tree))
    assert len(res) == 1 and res.complete and max(res[0].regret.values()) == 0
    ftree = tree.to_float()
    t_float, fres = timed(lambda: solve_spe(ftree))
    print(f"  ours: backward induction alone {t_bi:.3f} s; certified spe exact {t_exact:.3f} s, "
          f"float {t_float:.3f} s; payoffs {dict(res[0].payoffs)}")

    zs = random_tree(n, seed, zero_sum=True)
    t_zs, zres = timed(lambda: solve_spe(zs))
    ours_value = float(zres[0].payoffs["P1"])
    peer = run_peer("OpenSpiel expectiminimax", OPENSPIEL_PEER, zs, timeout, "pyspiel")
    if peer is not None:
        agree = "agrees" if abs(peer["value"] - ours_value) < 1e-9 else f"DIFFERS (ours {ours_value})"
        print(f"  OpenSpiel (zero-sum version): load {peer['load']:.2f} s, expectiminimax {peer['solve']:.3f} s, "
              f"value {peer['value']} {agree}; ours on it {t_zs:.3f} s; ratio OpenSpiel/ours "
              f"{peer['solve'] / t_zs:.1f}x (solve only)")
    if tree.num_nodes > gambit_max_nodes:
        print(f"  pygambit lcp_solve: skipped above {gambit_max_nodes} nodes (--gambit-max-nodes)")
        return
    peer = run_peer("pygambit lcp_solve", GAMBIT_PEER, tree, timeout, "pygambit")
    if peer is not None:
        same = np.allclose(peer["payoffs"], [float(x) for x in res[0].payoffs.values()])
        print(f"  pygambit lcp_solve: load {peer['load']:.2f} s, solve {peer['solve']:.3f} s, payoffs "
              f"{peer['payoffs']} ({'the SPE payoffs' if same else 'another equilibrium'}); ratio pygambit/ours "
              f"{peer['solve'] / t_exact:.1f}x (solve only, ours exact and certified)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--peer-timeout", type=float, default=120)
    ap.add_argument("--gambit-max-nodes", type=int, default=20_000,
                    help="run pygambit only on trees up to this size (its LCP is far slower)")
    args = ap.parse_args()
    for n in args.sizes:
        run(n, args.seed, args.peer_timeout, args.gambit_max_nodes)


if __name__ == "__main__":
    main()
