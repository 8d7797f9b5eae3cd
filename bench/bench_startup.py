"""Start-up time of the ``gametheory`` command against ``python -c pass`` and ``import numpy``, in one run.

Each command runs ``--repeat`` times in a fresh subprocess (after one untimed
run that writes the bytecode caches); the table gives the median wall time
and its ratio to ``python -c pass``, and for ``gametheory --help`` and
``gametheory solve models/cfe_md_unlinked.toml`` the targets of issue 11
(0.3 s and 0.6 s, medians on an idle 2-core machine; the load average is
printed with the table).  Then ``python -X importtime`` of ``gametheory --help``
says which heavy libraries (sympy, scipy, matplotlib, ...) that path imports,
their cumulative import time and the chain of modules that first imported
each.

``gametheory`` is the console script next to this Python when it exists,
else ``python -m gametheory.cli``; every subprocess gets this checkout first on
``PYTHONPATH``, so the tree timed is the one the script lives in.

Usage: ``python bench/bench_startup.py [--repeat 5]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from _timing import median_time as _median

ROOT = Path(__file__).resolve().parents[1]
MODEL = "models/cfe_md_unlinked.toml"
HEAVY = ("sympy", "scipy", "matplotlib", "numpy", "mpmath", "nashpy", "tqdm", "dask", "pygambit")
TARGETS = {"gametheory --help": 0.3, f"gametheory solve {MODEL}": 0.6}  # seconds, issue 11


def gametheory_command() -> list[str]:
    exe = Path(sys.executable).with_name("gametheory")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gametheory.cli"]


def commands() -> dict[str, list[str]]:
    gt = gametheory_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import numpy"': [sys.executable, "-c", "import numpy"],
        'python -c "import gametheory"': [sys.executable, "-c", "import gametheory"],
        "gametheory --version": gt + ["--version"],
        "gametheory --help": gt + ["--help"],
        f"gametheory solve {MODEL}": gt + ["solve", MODEL],
    }


def _env() -> dict[str, str]:
    path = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def _run(argv: list[str]) -> None:
    subprocess.run(argv, cwd=ROOT, env=_env(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def parse_importtime(text: str) -> list[tuple[int, int, str]]:
    """``(depth, cumulative microseconds, module)`` per line of ``python -X importtime`` output, in order.

    A module is imported by the first later line of smaller depth.
    """
    rows = []
    for line in text.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        _self, cumulative, name = line[len("import time:"):].split("|", 2)
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((depth, int(cumulative), name.strip()))
    return rows


def heavy_imports(rows: list[tuple[int, int, str]]) -> dict[str, tuple[int, list[str]]]:
    """For each package of :data:`HEAVY` imported: its cumulative microseconds and the chain that imported it."""
    found = {}
    for i, (depth, cumulative, name) in enumerate(rows):
        if name in HEAVY and name not in found:
            chain, d = [], depth
            for later_depth, _c, later in rows[i + 1:]:
                if later_depth < d:
                    chain.append(later)
                    d = later_depth
            found[name] = (cumulative, chain)
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    load = os.getloadavg()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}; median of {args.repeat} runs; gametheory = {' '.join(gametheory_command())}")
    print(f"{'command':<50} {'median':>8} {'x pass':>7} {'target':>7}")
    base = None
    for label, argv_ in commands().items():
        _run(argv_)  # bytecode caches, file cache
        t = _median(lambda a=argv_: _run(a), args.repeat)
        base = base or t
        target = TARGETS.get(label)
        verdict = "" if target is None else f"{target:>6.1f}s {'ok' if t <= target else 'MISSED'}"
        print(f"{label:<50} {t:>7.3f}s {t / base:>7.1f} {verdict}")
    code = "import sys; from gametheory.cli import main; sys.exit(main(['--help']))"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT, env=_env(), capture_output=True,
                          text=True, check=True)
    rows = parse_importtime(proc.stderr)
    found = heavy_imports(rows)
    total = sum(c for d, c, _n in rows if d == 0)
    print(f"\npython -X importtime, gametheory --help: {len(rows)} modules, {total / 1e3:.0f} ms of imports")
    for name in HEAVY:
        if name in found:
            cumulative, chain = found[name]
            print(f"  {name:<11} imported  {cumulative / 1e3:>6.0f} ms  via {' <- '.join(chain) or '(top level)'}")
        else:
            print(f"  {name:<11} not imported")


if __name__ == "__main__":
    main()
