"""``gametheory check PATH|DIR``: does each model's game still bear out the article's claims?

Loads every model (a ``.toml`` file, or each ``*.toml`` in a directory), checks
its ``[[predictions]]`` at the parameters' defaults (overridden with
``--param NAME=VALUE``) with :func:`gametheory.predictions.check_model` and
prints, per prediction, ``holds``/``fails``/``undetermined`` and the reason.
Exit status: 0 when every prediction holds, 1 when one fails or is
undetermined, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import InputError
from ..predictions import check_model, parse_param_overrides


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a directory of them")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter's default (repeatable; exact: 0.4 means 2/5)")
    parser.add_argument("--method", default="auto", help="solution method tried first (default: auto)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of text")


def model_paths(path) -> list[Path]:
    """The model files named by ``path``: itself, or the ``*.toml`` files of a directory, sorted."""
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.toml"))
        if not files:
            raise InputError("no .toml model files in this directory", path=str(p))
        return files
    if not p.exists():
        raise InputError("no such file or directory", path=str(p))
    return [p]


def check_paths(path, overrides=None, method="auto") -> list:
    """:class:`~gametheory.predictions.ModelCheck` for each model under ``path``.

    In a directory, an override applies to the models that declare the
    parameter; naming a parameter no model declares is an error.
    """
    from ..io.model import load_model

    overrides = dict(overrides or {})
    models = [load_model(p) for p in model_paths(path)]
    unused = set(overrides) - {name for m in models for name in m.parameters}
    if unused:
        raise InputError(f"no model under {path} has the parameter(s) {sorted(unused)}", field="--param")
    checks = []
    for m in models:
        mine = {k: v for k, v in overrides.items() if k in m.parameters}
        checks.append(check_model(m, mine, method=method))
    return checks


def format_text(checks) -> str:
    lines = []
    n_hold = n_all = 0
    for c in checks:
        lines.append(f"{c.path}: {c.title} (section {c.section})")
        if c.solve_note:
            lines.append(f"  solved: {c.solve_note}")
        for a in c.violated_assumptions:
            lines.append(f"  warning: assumption {a} does not hold at these values")
        for v in c.verdicts:
            n_all += 1
            n_hold += v.holds
            where = f" (line {v.line})" if v.line else ""
            lines.append(f"  {v.status:<12} {v.kind}{where}: {v.claim}")
            lines.append(f"               {v.reason}")
    lines.append(f"{n_hold} of {n_all} predictions hold in {len(checks)} model(s)")
    return "\n".join(lines)


def run(args) -> int:
    overrides = parse_param_overrides(args.param)
    checks = check_paths(args.path, overrides, args.method)
    ok = all(c.all_hold for c in checks)
    if args.json:
        doc = {"all_hold": ok, "models": [c.to_json() for c in checks]}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(checks) + "\n")
    return 0 if ok else 1
