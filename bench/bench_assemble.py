"""What ``solve_enumerate`` does after its kernel (sorting, vertex ids, certificates, components, cliques), timed.

Before and after issue 18, in one run.  For each game the extreme equilibria
are computed once by the current exact kernel
(:func:`gametheory.solvers.vertex.extreme_equilibria_exact`), then
:func:`gametheory.solvers._components.assemble_result` is timed on them twice,
in two fresh interpreters: the code of ``--before`` (a git revision, default
the last commit before issue 18, unpacked with ``git archive``) and the code
of this tree.  Both
print a SHA-256 digest of everything the result shows (its JSON, every
equilibrium's ``info`` and the verbose text), so the last column says
whether the output is the same, byte for byte.

Games:

* ``g32767``: Savani's 15 x 15 game with 32,767 equilibria, all isolated
  (``A[i][j] = 2**(4i)`` on the diagonal, ``2**(2i + 2j + 1)`` above it, 0
  below; ``B = A^T``).  The code before issue 18 is quadratic here (every
  closed set intersected with every row neighbourhood): several minutes.
* ``indifferent12``: a 12 x 12 game where the row player is indifferent
  (``A = 0``) and ``B`` is seeded random: 22,230 extreme equilibria in one
  component with 967 maximal Nash subsets (cliques and affine dimension).
* ``small``: 30 seeded 10 x 10 games with payoffs in {-1, 0, 1} (degenerate,
  components of every size), timed together.

Times are CPU seconds (``time.process_time``) and wall seconds of the
worker, and its peak RSS at the end of the timed call (the pickled pairs
included): the machine is shared, so the CPU time is the one to compare; the
load average is printed before and after.

Usage: python bench/bench_assemble.py [--games g32767 indifferent12 small] [--before REV|none] [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The last commit before issue 18 (its assemble_result is the "before").
BEFORE = "d8e80b147d72d4637ee0b0690d584a104b0118dc"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def g32767() -> list[tuple[list[list[int]], list[list[int]]]]:
    n = 15
    A = [[2 ** (4 * i) if j == i else (2 ** (2 * i + 2 * j + 1) if j > i else 0) for j in range(n)] for i in range(n)]
    return [(A, [list(r) for r in zip(*A)])]


def indifferent12() -> list[tuple[list[list[int]], list[list[int]]]]:
    import numpy as np

    rng = np.random.default_rng(1)
    return [([[0] * 12 for _ in range(12)], rng.integers(1, 1000, (12, 12)).tolist())]


def small() -> list[tuple[list[list[int]], list[list[int]]]]:
    import numpy as np

    rng = np.random.default_rng(0)
    return [(rng.integers(-1, 2, (10, 10)).tolist(), rng.integers(-1, 2, (10, 10)).tolist()) for _ in range(30)]


GAMES = {"g32767": g32767, "indifferent12": indifferent12, "small": small}


def kernel_pairs(games, limit):
    """Each game's extreme equilibria from the current exact kernel (the first ``limit`` of them if given)."""
    from gametheory import Game
    from gametheory.solvers._bimatrix import positive_integer_matrices
    from gametheory.solvers.vertex import extreme_equilibria_exact

    out = []
    for A, B in games:
        pairs, _ = extreme_equilibria_exact(*positive_integer_matrices(Game.from_bimatrix(A, B)))
        out.append((A, B, pairs[:limit] if limit else pairs))
    return out


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM: ru_maxrss would include the parent's, from fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(path: str) -> None:
    """Time assemble_result of the gametheory on sys.path on the pickled games; print one JSON line."""
    from gametheory import Game
    from gametheory.solvers._components import assemble_result

    with open(path, "rb") as fh:
        data = pickle.load(fh)  # written by this script, in its own private temporary directory
    games = [Game.from_bimatrix(A, B) for A, B, _ in data]
    cpu, wall = time.process_time(), time.perf_counter()
    results = [assemble_result(g, "enumerate", pairs, exact=True, tol=0, complete=True, extra={"path": "exact"})
               for g, (_, _, pairs) in zip(games, data)]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = peak_mb()  # before the digest, whose JSON and text of every result take memory of their own
    digest = hashlib.sha256()
    for r in results:
        doc = {"json": r.to_json(), "info": [dict(eq.info) for eq in r], "text": r.text(verbose=True)}
        digest.update(json.dumps(doc, default=str).encode())
    print(json.dumps({
        "cpu": cpu, "wall": wall, "rss_mb": peak,
        "digest": digest.hexdigest(), "equilibria": sum(len(r) for r in results),
        "components": sum(len(r.components) for r in results),
        "cliques": sum(len(r.extra["cliques"]) for r in results),
        "gametheory": __import__("gametheory").__file__,
    }))


def run_worker(pythonpath: Path, data: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    out = subprocess.run([sys.executable, __file__, "--worker", str(data)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def unpack(rev: str, into: Path) -> str | None:
    """The gametheory package of git revision ``rev`` under ``into``, or why not."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "gametheory"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"git archive {rev} failed: {exc}"
    return None


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ")[0]
    except OSError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", nargs="+", default=list(GAMES), choices=list(GAMES))
    ap.add_argument("--before", default=BEFORE, help="git revision timed as 'before' ('none' to skip)")
    ap.add_argument("--limit", type=int, default=None, help="assemble only the first N equilibria of each game")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker)
        return
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="bench-assemble-"))
    try:
        old = tmp / "before"
        old.mkdir()
        why = None if args.before == "none" else unpack(args.before, old)
        print(f"load average {load()}; before = {args.before[:12] if why is None and args.before != 'none' else '-'}"
              f"{'' if why is None else ' (' + why + ')'}; after = this tree ({ROOT})")
        print(f"{'game':<14} {'eq':>6} {'comp':>6} {'cliq':>6} | {'before cpu':>10} {'wall':>7} {'MB':>5} | "
              f"{'after cpu':>9} {'wall':>7} {'MB':>5} | {'ratio':>6} same")
        for name in args.games:
            t = time.process_time()
            data = tmp / f"{name}.pkl"
            with open(data, "wb") as fh:
                pickle.dump(kernel_pairs(GAMES[name](), args.limit), fh)
            kernel = time.process_time() - t
            new = run_worker(ROOT, data)
            before = run_worker(old, data) if args.before != "none" and why is None else None
            row = f"{name:<14} {new['equilibria']:>6} {new['components']:>6} {new['cliques']:>6} | "
            if before is not None:
                same = "yes" if before["digest"] == new["digest"] else "NO"
                row += f"{before['cpu']:>10.2f} {before['wall']:>7.2f} {before['rss_mb']:>5.0f} | "
                tail = f"{before['cpu'] / max(new['cpu'], 1e-9):>6.1f} {same}"
            else:
                row += f"{'-':>10} {'-':>7} {'-':>5} | "
                tail = f"{'-':>6} -"
            row += f"{new['cpu']:>9.2f} {new['wall']:>7.2f} {new['rss_mb']:>5.0f} | {tail}"
            print(row + f"   (kernel {kernel:.1f} s CPU, not timed above)", flush=True)
        print(f"load average {load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
