"""Benchmark: ``gametheory conditions`` on the 2x2 package, the 2x4 blockade and the three-player border models.

Ours only: no other package computes symbolic equilibrium conditions with
verdicts over parameter ranges (Gambit, Nashpy and OpenSpiel solve games with
numbers), so there is no peer to run.  Each model is timed in fresh Python
processes, as a user meets it:

* ``report``: :func:`gametheory.assumptions.conditions.conditions_report` on
  the loaded model, the first call in the process (sympy's and our caches
  cold), as the command makes it;
* ``command``: the whole ``gametheory conditions MODEL`` (interpreter start,
  imports, loading, the report and its readable conditions, printing).

Both are medians over ``--repeat`` processes.  The speed-up is against the
command's times measured on the code before issue 17 (``BEFORE``: wall
clock of ``gametheory conditions MODEL`` on the development machine, two
shared cores, 2026-11-30; the issue reported 15.6 s and 42.8 s on a slower
build), so it compares across machines only roughly.

Run: ``python bench/bench_conditions.py [--repeat 3] [--models PATH ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["models/cfe_md_package.toml", "models/serbia_blockade_offer.toml",
          "models/serbia_border_reinforcement_3p.toml"]
#: Seconds of ``gametheory conditions MODEL`` before issue 17 (2026-11-30, same machine, before the change).
BEFORE = {"models/cfe_md_package.toml": 5.25, "models/serbia_blockade_offer.toml": 9.48,
          "models/serbia_border_reinforcement_3p.toml": 1.82}

_REPORT = """
import json, sys, time
from gametheory.io.model import load_model
from gametheory.assumptions.conditions import conditions_report
model = load_model(sys.argv[1])
model.game
t0 = time.perf_counter()
conditions_report(model)
print(json.dumps(time.perf_counter() - t0))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def report_seconds(model: str, repeat: int) -> float:
    """Median seconds of the first ``conditions_report`` in a fresh process."""
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _REPORT, model], cwd=ROOT, env=_env(), check=True,
                             capture_output=True, text=True).stdout
        times.append(json.loads(out.splitlines()[-1]))
    return sorted(times)[len(times) // 2]


def command_seconds(model: str, repeat: int) -> float:
    """Median wall-clock seconds of ``gametheory conditions MODEL``."""
    argv = [sys.executable, "-m", "gametheory.cli", "conditions", model]
    return median_time(lambda: subprocess.run(argv, cwd=ROOT, env=_env(), check=True, capture_output=True),
                       repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="processes per measurement (median)")
    parser.add_argument("--models", nargs="+", default=MODELS, help="model files, relative to the repository")
    args = parser.parse_args(argv)
    print(f"gametheory conditions, median of {args.repeat} fresh processes ({time.strftime('%Y-%m-%d')})")
    print(f"{'model':44s} {'report s':>9s} {'command s':>10s} {'before s':>9s} {'speed-up':>9s}")
    for model in args.models:
        rep = report_seconds(model, args.repeat)
        cmd = command_seconds(model, args.repeat)
        before = BEFORE.get(model)
        speed = f"{before / cmd:8.1f}x" if before else "        -"
        print(f"{model:44s} {rep:9.2f} {cmd:10.2f} {before if before else float('nan'):9.2f} {speed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
