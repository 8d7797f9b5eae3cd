"""What ``gametheory regions`` reports for a model: region maps and margins, as text and JSON.

:func:`regions_report` maps one varied parameter exactly
(:func:`.regions.regions_1d`: intervals and critical thresholds) or two on a
grid (:func:`.regions.regions_2d`: regions and exact boundary curves), the
other parameters at their defaults or fixed values.  :func:`margins_report`
gives, for one of the model's predictions, how far each parameter can move
before the prediction fails (:func:`.regions.margins`).

Examples
--------
>>> from gametheory.io.model import load_model
>>> from gametheory.assumptions.space import Vary
>>> r = regions_report(load_model("models/serbia_blockade_offer.toml"), [Vary("s", 0, 3, 2)])
>>> [str(t.value) for t in r.regions.thresholds]
['1/2', '2']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import InputError
from ..io.model.schema import REPEATED_PREDICTION_KINDS
from .outcomes import Signature, describe_signature, prediction_label
from .regions import Margin, RegionMap1D, RegionMap2D, margins, regions_1d, regions_2d
from .space import Space, Vary

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Model, Prediction

__all__ = ["RegionsReport", "MarginsReport", "regions_report", "margins_report"]


def _others(fixed: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={v}" for k, v in fixed.items())


@dataclass(frozen=True)
class RegionsReport:
    """The region map of one or two parameters of a model's game.

    Attributes
    ----------
    model : str
        The model's title.
    game : Game
        The symbolic game (its players label the supports).
    regions : RegionMap1D or RegionMap2D
    """

    model: str
    game: Game
    regions: RegionMap1D | RegionMap2D

    def _sig(self, sig: Signature) -> str:
        return describe_signature(self.game.players, sig) or "(none)"

    def to_json(self) -> dict:
        rm = self.regions
        if isinstance(rm, RegionMap1D):
            return {"model": self.model, "parameter": rm.parameter, "fixed": {k: str(v) for k, v in rm.fixed.items()},
                    "segments": [{"from": str(s.lo), "to": str(s.hi), "equilibria": self._sig(s.signature)}
                                 for s in rm.segments],
                    "thresholds": [{"value": str(t.value), "float": float(t.value), "below": self._sig(t.below),
                                    "at": self._sig(t.at), "above": self._sig(t.above)} for t in rm.thresholds]}
        counts = self.grid_points()
        return {"model": self.model, "x": rm.x.name, "y": rm.y.name, "grid": [len(rm.xs), len(rm.ys)],
                "regions": [{"label": k + 1, "equilibria": self._sig(s), "grid_points": counts[k]}
                            for k, s in enumerate(rm.signatures)],
                "boundaries": [f"{b.lhs} = 0" for b in rm.boundaries]}

    def grid_points(self) -> dict[int, int]:
        """Two parameters: ``{region index: number of grid points with its signature}``."""
        rm = self.regions
        if not isinstance(rm, RegionMap2D):
            raise TypeError("grid points belong to a map of two parameters")
        return {k: int((rm.labels == k).sum()) for k in range(len(rm.signatures))}

    def __str__(self) -> str:
        rm = self.regions
        if isinstance(rm, RegionMap1D):
            lines = [self.model, f"{rm.parameter} in [{rm.lo}, {rm.hi}], others at {_others(rm.fixed)}"]
            for s in rm.segments:
                lines.append(f"  {rm.parameter} in ({s.lo}, {s.hi}): {self._sig(s.signature)}")
            for t in rm.thresholds:
                lines.append(f"  threshold {rm.parameter} = {t.value} (~{float(t.value):.6g}): at it {self._sig(t.at)}")
            return "\n".join(lines)
        counts = self.grid_points()
        lines = [self.model, f"{rm.x.name} x {rm.y.name} on a {len(rm.xs)} x {len(rm.ys)} grid, others at "
                 + _others(rm.fixed)]
        for k, sig in enumerate(rm.signatures):
            lines.append(f"  region {k + 1} ({counts[k]} points): {self._sig(sig)}")
        lines.append("exact boundaries: " + ("; ".join(f"{b.lhs} = 0" for b in rm.boundaries) or "none"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "latex")


@dataclass(frozen=True)
class MarginsReport:
    """How far each parameter can move before one of a model's predictions fails.

    Attributes
    ----------
    model : str
    number : int
        The prediction's position in the model file (1-based).
    prediction : Prediction
    margins : tuple of Margin
    ranges : mapping name -> (lo, hi)
    """

    model: str
    number: int
    prediction: Prediction
    margins: tuple[Margin, ...]
    ranges: Mapping[str, tuple[Fraction, Fraction]]

    @property
    def label(self) -> str:
        return prediction_label(self.prediction)

    def to_json(self) -> dict:
        return {"model": self.model, "prediction": self.label,
                "margins": [{"parameter": m.parameter, "default": str(m.default),
                             "down": None if m.down is None else str(m.down),
                             "up": None if m.up is None else str(m.up),
                             "holds_at_default": m.holds_at_default} for m in self.margins]}

    def __str__(self) -> str:
        lines = [self.model, f"prediction {self.number}: {self.label}", f"  {self.prediction.claim}"]
        for m in self.margins:
            lo, hi = self.ranges[m.parameter]
            down = "never (within range)" if m.down is None else f"-{m.down}"
            up = "never (within range)" if m.up is None else f"+{m.up}"
            lines.append(f"  {m.parameter} = {m.default} in [{lo}, {hi}]: fails at {down} / {up}"
                         + ("" if m.holds_at_default else "  (fails at the default)"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ..display import render

        return render(self, "latex")


def regions_report(model: Model, varies: Sequence[Vary], fixed: Mapping[str, object] | None = None,
                   max_cost: float | None = None) -> RegionsReport:
    """The region map of a model's game over one or two varied parameters.

    Parameters
    ----------
    model : Model
        A loaded model file.
    varies : sequence of one or two Vary
        One: the exact partition of its range (``num`` unused).  Two: a
        ``num`` by ``num`` grid of full solves and the exact boundaries.
    fixed : mapping, optional
        Values of the parameters not varied (checked against their ranges).
    max_cost : number, optional
        Limit on the estimated work: a grid's (:func:`.regions.regions_2d`) and the exact boundaries'
        (:func:`.regions.boundary_expressions`).
    """
    space = Space.from_model(model)
    values = space.fixed(dict(fixed or {}), field="fixed")
    varies = list(varies)
    if not 1 <= len(varies) <= 2:
        raise InputError(f"give --vary once or twice, got {len(varies)}", field="--vary")
    for v in varies:
        if v.name in values:
            raise InputError(f"{v.name} is both varied and fixed with --param", field="--vary")
    game = model.game
    if len(varies) == 1:
        return RegionsReport(model.title, game, regions_1d(game, space, varies[0], values, max_cost=max_cost))
    return RegionsReport(model.title, game, regions_2d(game, space, varies[0], varies[1], values, max_cost=max_cost))


def margins_report(model: Model, prediction: int = 1, max_cost: float | None = None) -> MarginsReport:
    """The margins of the model's ``prediction``-th prediction (1-based) along every parameter.

    Examples
    --------
    >>> from gametheory.io.model import load_model
    >>> r = margins_report(load_model("models/separatist_contagion.toml"), 1)
    >>> r.number, r.label
    (1, 'equilibrium (Stay, Stay)')
    """
    preds = model.predictions
    if not preds:
        raise InputError("the model has no [[predictions]] to take margins of", field="--margins")
    if not 1 <= prediction <= len(preds):
        raise InputError(f"--prediction must be between 1 and {len(preds)}, got {prediction}", field="--prediction")
    pred = preds[prediction - 1]
    if pred.kind in REPEATED_PREDICTION_KINDS:
        raise InputError(f"prediction {prediction} ({pred.kind}) is about the repeated game; margins are taken of the "
                         "predictions about the one-shot game", field="--prediction")
    space = Space.from_model(model)
    return MarginsReport(model.title, prediction, pred, margins(model.game, space, pred, max_cost=max_cost),
                         space.ranges)
