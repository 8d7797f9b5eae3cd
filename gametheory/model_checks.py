"""The predictions of every model file under some paths, checked as one report (``gametheory check``).

A path is a model file (``.toml``) or a directory, whose ``*.toml`` files are
taken in sorted order.  Each model is checked by
:func:`gametheory.predictions.check_model` at its defaults; a parameter
override applies to every model that declares that parameter, and naming a
parameter no model declares is an error (a misspelt name should not pass
silently).

Examples
--------
With a strong KFOR (omega = 2/5 below c/V = 1/2) the stag hunt of section 6
keeps only (Stay, Stay): the mixed equilibrium and the count of three fail.

>>> report = check_paths("models/separatist_contagion.toml", {"omega": "2/5"})
>>> [v.status for v in report.models[0].verdicts]
['holds', 'holds', 'fails', 'fails', 'holds']
>>> report.all_hold, str(report).splitlines()[-1]
(False, '3 of 5 predictions hold in 1 model(s)')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .numbers import to_exact
from .predictions import ModelCheck, check_model

__all__ = ["CheckReport", "check_paths", "model_paths"]

PathLike = str | os.PathLike


@dataclass(frozen=True)
class CheckReport:
    """The verdicts of every model checked, in order.

    Attributes
    ----------
    models : tuple of ModelCheck
    """

    models: tuple[ModelCheck, ...]

    @property
    def all_hold(self) -> bool:
        """Every prediction of every model holds (the command's exit status 0)."""
        return all(c.all_hold for c in self.models)

    def to_json(self) -> dict:
        return {"all_hold": self.all_hold, "models": [c.to_json() for c in self.models]}

    def __str__(self) -> str:
        lines = []
        n_hold = n_all = 0
        for c in self.models:
            lines.append(f"{c.path}: {c.title}" + (f" (section {c.section})" if c.section else ""))
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
        lines.append(f"{n_hold} of {n_all} predictions hold in {len(self.models)} model(s)")
        return "\n".join(lines)


def model_paths(path: PathLike) -> list[Path]:
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


def check_paths(paths: PathLike | Iterable[PathLike], overrides: Mapping | None = None,
                method: str = "auto") -> CheckReport:
    """Check every model under ``paths`` (one path or several, each a model file or a directory).

    Parameters
    ----------
    paths : path or iterable of paths
    overrides : mapping, optional
        ``{name: value}`` (numbers or rational strings); each applies to the
        models that declare the parameter.
    method : str
        Solution method tried first for the predictions that need every equilibrium.

    Returns
    -------
    CheckReport
    """
    from .io.model import load_any_model

    named = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    overrides = {k: to_exact(v, field=f"--param {k}") for k, v in (overrides or {}).items()}
    models = [load_any_model(p) for path in named for p in model_paths(path)]
    unused = set(overrides) - {name for m in models for name in m.parameters}
    if unused:
        where = ", ".join(str(p) for p in named)
        raise InputError(f"no model under {where} has the parameter(s) {sorted(unused)}", field="--param")
    checks = []
    for m in models:
        mine = {k: v for k, v in overrides.items() if k in m.parameters}
        checks.append(check_model(m, mine, method=method))
    return CheckReport(tuple(checks))
