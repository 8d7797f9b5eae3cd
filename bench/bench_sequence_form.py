"""Benchmark: one Nash equilibrium of random two-player trees with imperfect information, by the sequence form.

Trees: ``--trees`` random trees per depth (default depths 6, 7, 8): every
decision node belongs to a random player, who sees her own history and one of
``--signals`` random signals (nodes with the same history and signal form an
information set, so perfect recall holds); 2 or 3 actions; chance moves
(1/3, 2/3); integer payoffs -5..5.  The reduced normal form of these trees is
large (its size is printed), the sequence form linear in the tree.

Solvers, on the same tree in the same run:

* ours: ``sequence_form_solve(tree, exact=False)`` (NumPy pivots) and
  ``exact=True`` (integer pivoting, Fractions); the time includes the
  certificate (regret from the best-response dynamic programme);
* pygambit ``nash.lcp_solve(game, rational=False)`` and ``rational=True`` on
  the ``.efg`` text of the same tree (Gambit's sequence-form Lemke; on trees
  it cannot be told to stop after one equilibrium), in a child process killed
  after ``--timeout`` seconds (reported as ``>TIMEOUT``).

Every answer of ours is checked (regret 0 exactly, or within 1e-9 in floats).
Ratios are pygambit time / our time (above 1: we are faster).

Run: ``python bench/bench_sequence_form.py [--depths 6 7 8] [--trees 2] [--signals 2] [--timeout 60]``.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import time
from fractions import Fraction

import numpy as np

from gametheory.tree import Infoset, Tree, efg_text
from gametheory.tree.sequence_form import sequence_form, sequence_form_solve


def random_tree(seed: int, depth: int, signals: int) -> Tree:
    """A random two-player tree with chance, imperfect information and perfect recall (see the module docstring)."""
    rng = np.random.default_rng(seed)
    players = ("P1", "P2")
    infosets: list[Infoset] = []
    iset_of_key: dict = {}
    children: list = []
    node_isets: list = []
    payoffs: dict = {}
    stack = [(None, 0, ((), ()))]  # (parent slot to fill, depth, own histories): explicit stack, no recursion
    slots: list = []
    while stack:
        slot, d, seqs = stack.pop()
        v = len(children)
        if slot is not None:
            slots[slot[0]][slot[1]] = v
        children.append(None)
        node_isets.append(None)
        if d == depth or (d > 2 and rng.random() < 0.1):
            node_isets[v] = -1
            children[v] = ()
            payoffs[v] = tuple(int(x) for x in rng.integers(-5, 6, 2))
            slots.append(None)
            continue
        if rng.random() < 0.15:
            infosets.append(Infoset(None, "", ("c0", "c1"), (Fraction(1, 3), Fraction(2, 3))))
            node_isets[v] = len(infosets) - 1
            kids_seqs = [seqs, seqs]
        else:
            p = int(rng.integers(2))
            key = (p, seqs[p], int(rng.integers(signals)))
            if key not in iset_of_key:
                infosets.append(Infoset(players[p], "", tuple(f"a{j}" for j in range(2 + int(rng.random() < 0.3)))))
                iset_of_key[key] = len(infosets) - 1
            k = iset_of_key[key]
            node_isets[v] = k
            kids_seqs = []
            for a in range(len(infosets[k].actions)):
                s2 = list(seqs)
                s2[p] = seqs[p] + ((k, a),)
                kids_seqs.append(tuple(s2))
        slots.append([None] * len(kids_seqs))
        children[v] = slots[v]
        for a in reversed(range(len(kids_seqs))):
            stack.append(((v, a), d + 1, kids_seqs[a]))
    children = [tuple(c) for c in children]
    return Tree(list(players), infosets, children, node_isets, payoffs)


def plan_counts(tree: Tree) -> tuple[int, int]:
    """Reduced strategies per player: n(I) = sum over actions of the product of n(J) over the sets J below."""
    sf = sequence_form(tree)
    out = []
    for i in range(2):
        below: dict[int, list[int]] = {}
        for r, s in enumerate(sf.parents[i]):
            below.setdefault(s, []).append(r)
        count = [0] * len(sf.infosets[i])
        for r in range(len(sf.infosets[i]) - 1, -1, -1):
            k = sf.infosets[i][r]
            total = 0
            for a in range(len(tree.infoset_actions(k))):
                prod = 1
                for j in below.get(sf.sequence_index(i, k, a), ()):
                    prod *= count[j]
                total += prod
            count[r] = total
        prod = 1
        for j in below.get(0, ()):
            prod *= count[j]
        out.append(prod)
    return out[0], out[1]


def _gambit_child(text: str, rational: bool, queue) -> None:
    import pygambit

    game = pygambit.read_efg(io.StringIO(text))
    t0 = time.perf_counter()
    res = pygambit.nash.lcp_solve(game, rational=rational)
    queue.put((time.perf_counter() - t0, len(res.equilibria)))


def gambit_time(text: str, rational: bool, timeout: float) -> tuple[float, int] | None:
    """pygambit's time (measured in a child process) and number of equilibria, or None past ``timeout``."""
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=_gambit_child, args=(text, rational, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()  # our own child, by its handle
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def ours(tree: Tree, exact: bool) -> tuple[float, int]:
    t0 = time.perf_counter()
    res = sequence_form_solve(tree, exact=exact, max_cost=float("inf"))
    dt = time.perf_counter() - t0
    reg = max(res[0].regret.values())
    assert (reg == 0) if exact else (reg <= 1e-9), reg
    return dt, int(res.extra["pivots"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--depths", type=int, nargs="+", default=[6, 7, 8])
    ap.add_argument("--trees", type=int, default=2)
    ap.add_argument("--signals", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    fmt = "{:>6} {:>6} {:>10} {:>22} {:>6} {:>9} {:>9} {:>11} {:>11} {:>8} {:>8}"
    print(fmt.format("depth", "nodes", "sequences", "reduced normal form", "pivots", "ours flt", "ours ex",
                     "gambit flt", "gambit rat", "ratio f", "ratio ex"))

    def show(t: float | None) -> str:
        return f">{args.timeout:.0f}" if t is None else f"{t:.3f}"

    for depth in args.depths:
        for j in range(args.trees):
            tree = random_tree(args.seed + 1000 * depth + j, depth, args.signals)
            sf = sequence_form(tree)
            c1, c2 = plan_counts(tree)
            tf, piv = ours(tree, False)
            te, _ = ours(tree, True)
            text = efg_text(tree)
            gf = gambit_time(text, False, args.timeout)
            ge = gambit_time(text, True, args.timeout)
            gft = None if gf is None else gf[0]
            get = None if ge is None else ge[0]
            rf = f">{args.timeout / tf:.0f}" if gft is None else f"{gft / tf:.1f}"
            re_ = f">{args.timeout / te:.0f}" if get is None else f"{get / te:.1f}"
            seqs = f"{len(sf.sequences[0])}+{len(sf.sequences[1])}"
            print(fmt.format(depth, tree.num_nodes, seqs, f"{c1:.3g} x {c2:.3g}", piv, f"{tf:.3f}", f"{te:.3f}",
                             show(gft), show(get), rf, re_), flush=True)


if __name__ == "__main__":
    main()
