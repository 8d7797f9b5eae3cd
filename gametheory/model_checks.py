"""The predictions of every model file under some paths, checked as one report (``gametheory check``).

A path is a model file (``.toml``) or a directory, whose ``*.toml`` files are
taken in sorted order.  Each model is checked by
:func:`gametheory.predictions.check_model` at its defaults; a parameter
override applies to every model that declares that parameter, and naming a
parameter no model declares is an error (a misspelt name should not pass
silently).

The report keeps apart whose claim each prediction is (its ``source``): under
each model, the article's claims ("the article claims:"), the results the
model derives from its assumptions ("the model derives:") and any whose source
the file does not state ("source not stated:"), each heading shown only when
it has predictions; the closing line counts every group.

Examples
--------
With a strong KFOR (omega = 2/5 below c/V = 1/2) the stag hunt of the
separatists keeps only (Stay, Stay): the mixed equilibrium and the count of
three fail.

>>> report = check_paths("models/separatist_contagion.toml", {"omega": "2/5"})
>>> [v.status for v in report.models[0].verdicts]
['holds', 'holds', 'fails', 'fails', 'holds']
>>> report.all_hold, str(report).splitlines()[-1].split(":")[0]
(False, '3 of 5 predictions hold in 1 model')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .game_text import plural
from .numbers import to_exact
from .predictions import SOURCE_GROUPS, ModelCheck, check_model, source_counts

__all__ = ["CheckReport", "check_paths", "check_method_name", "model_paths"]

PathLike = str | os.PathLike


@dataclass(frozen=True)
class CheckReport:
    """The verdicts of every model checked, in order.

    Attributes
    ----------
    models : tuple of ModelCheck

    Examples
    --------
    A toy prisoner's dilemma (its quote elided): the article says the swap is not stable, the model derives that
    mutual defection is the only equilibrium.

    >>> from gametheory.io.model import parse_model
    >>> from gametheory.predictions import check_model
    >>> pd = parse_model('''
    ... title = "A prisoner's dilemma"
    ... [[players]]
    ... name = "Russia"
    ... strategies = ["Renew", "Suspend"]
    ... [[players]]
    ... name = "US"
    ... strategies = ["Abandon", "Build"]
    ... [[payoffs]]
    ... profile = ["Renew", "Abandon"]
    ... values = [3, 3]
    ... [[payoffs]]
    ... profile = ["Renew", "Build"]
    ... values = [-1, 4]
    ... [[payoffs]]
    ... profile = ["Suspend", "Abandon"]
    ... values = [4, -1]
    ... [[payoffs]]
    ... profile = ["Suspend", "Build"]
    ... values = [0, 0]
    ... [[predictions]]
    ... kind = "not_equilibrium"
    ... profile = { Russia = "Renew", US = "Abandon" }
    ... claim = "The swap is not self-enforcing."
    ... source = "article"
    ... quote = "..."
    ... [[predictions]]
    ... kind = "unique_equilibrium"
    ... profile = { Russia = "Suspend", US = "Build" }
    ... claim = "In the model, mutual defection is the only equilibrium."
    ... source = "model"
    ... ''')
    >>> print(CheckReport((check_model(pd),)))
    A prisoner's dilemma
      solved: method pure, complete
      the article claims:
        holds        not_equilibrium (line 21): The swap is not self-enforcing.
                     Russia gains 1 by deviating to Suspend; US gains 1 by deviating to Build
      the model derives:
        holds        unique_equilibrium (line 27): In the model, mutual defection is the only equilibrium.
                     the only equilibrium (method pure, complete)
    2 of 2 predictions hold in 1 model: 1 of 1 article claims, 1 of 1 model results
    """

    models: tuple[ModelCheck, ...]

    @property
    def all_hold(self) -> bool:
        """Every prediction of every model holds (the command's exit status 0)."""
        return all(c.all_hold for c in self.models)

    def counts(self) -> dict[str, dict[str, int]]:
        """How many predictions there are and how many hold, in all and by source.

        ``{"all": {"predictions": n, "hold": h}, "article": ..., "model": ..., "not_stated": ...}``
        (the keys of :data:`gametheory.predictions.SOURCE_GROUPS`).
        """
        verdicts = [v for c in self.models for v in c.verdicts]
        return {"all": {"predictions": len(verdicts), "hold": sum(v.holds for v in verdicts)},
                **source_counts(verdicts)}

    def to_json(self) -> dict:
        return {"all_hold": self.all_hold, "counts": self.counts(), "models": [c.to_json() for c in self.models]}

    def __str__(self) -> str:
        lines = []
        for c in self.models:
            head = f"{c.path}: {c.title}" if c.path else c.title
            lines.append(head + (f" (article passage: {c.section})" if c.section else ""))
            if c.solve_note:
                lines.append(f"  solved: {c.solve_note}")
            for a in c.violated_assumptions:
                lines.append(f"  warning: assumption {a} does not hold at these values")
            for source, _, heading, _ in SOURCE_GROUPS:
                group = [v for v in c.verdicts if v.source == source]
                if group:
                    lines.append(f"  {heading}:")
                for v in group:
                    where = f" (line {v.line})" if v.line else ""
                    lines.append(f"    {v.status:<12} {v.kind}{where}: {v.claim}")
                    lines.append(f"                 {v.reason}")
        counts = self.counts()
        groups = ", ".join(f"{counts[key]['hold']} of {counts[key]['predictions']} {name}"
                           for _, key, _, name in SOURCE_GROUPS if counts[key]["predictions"])
        lines.append(f"{counts['all']['hold']} of {counts['all']['predictions']} predictions hold in "
                     + plural(len(self.models), "model", "models") + (f": {groups}" if groups else ""))
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


def check_method_name(name: str) -> str:
    """``name`` if it is ``auto`` or a method of the table whose answer is Nash equilibria (InputError if not).

    >>> check_method_name("correlated")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --method: 'correlated' finds no Nash equilibria; choose one of auto, ...
    """
    from .result import SolveResult
    from .solvers.table import METHODS

    nash = ["auto"] + [m for m, spec in METHODS.items() if spec.result_type is SolveResult]
    if name not in nash:
        why = "finds no Nash equilibria" if name in METHODS else "is not a method"
        raise InputError(f"{name!r} {why}; choose one of {', '.join(nash)}", field="--method")
    return name


def check_paths(paths: PathLike | Iterable[PathLike], overrides: Mapping | None = None,
                method: str = "auto", max_cost: float | None = None) -> CheckReport:
    """Check every model under ``paths`` (one path or several, each a model file or a directory).

    Parameters
    ----------
    paths : path or iterable of paths
    overrides : mapping, optional
        ``{name: value}`` (numbers or rational strings); each applies to the
        models that declare the parameter.
    method : str
        Solution method tried first for the predictions that need every equilibrium.
    max_cost : number, optional
        The limit of each solve (:func:`gametheory.predictions.check_model`); default the solvers' own.

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
        checks.append(check_model(m, mine, method=method, max_cost=max_cost))
    return CheckReport(tuple(checks))
