"""What ``gametheory regions`` reports for a model: region maps and margins, as text and JSON.

:func:`regions_report` maps one varied parameter exactly
(:func:`.regions.regions_1d`: intervals and critical thresholds) or two on a
grid (:func:`.regions.regions_2d`: regions and exact boundary curves), the
other parameters at their defaults or fixed values.  The model's assumptions
apply unless ``assumptions=False`` (:mod:`.policy`): the part of a varied
range that breaks one is left out of the map (exactly along one parameter,
grid points over two) and named in a warning.  :func:`margins_report`
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

import numpy as np
import sympy
from numpy.typing import NDArray

from ..errors import InputError
from ..game_text import assignments_text
from ..io.model.schema import REPEATED_PREDICTION_KINDS
from .outcomes import Signature, describe_signature, prediction_label
from .policy import AssumptionUse, UsesAssumptions, allowed_along, assumption_use, range_warnings
from .regions import Margin, RegionMap1D, RegionMap2D, margins, regions_1d, regions_2d
from .space import Space, Vary

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Model, Prediction

__all__ = ["RegionsReport", "MarginsReport", "regions_report", "margins_report"]


def _others(fixed: Mapping[str, object]) -> str:
    return assignments_text(fixed)


def _set_text(s: sympy.Set) -> str:
    """``[3, 5]``, ``(0, 1/2] and {2}``: a union of intervals and points as people write it."""
    parts = s.args if isinstance(s, sympy.Union) else (s,)
    out = []
    for p in parts:
        if isinstance(p, sympy.Interval):
            out.append(f"{'(' if p.left_open else '['}{p.start}, {p.end}{')' if p.right_open else ']'}")
        elif isinstance(p, sympy.FiniteSet):
            out.append("{" + ", ".join(map(str, p.args)) + "}")
        else:
            out.append(str(p))
    return " and ".join(out)


@dataclass(frozen=True)
class RegionsReport(UsesAssumptions):
    """The region map of one or two parameters of a model's game.

    Attributes
    ----------
    model : str
        The model's title.
    game : Game
        The symbolic game (its players label the supports).
    regions : RegionMap1D or RegionMap2D
        With the assumptions applied, one parameter's map keeps only the part of the range where they hold.
    assumption_use : AssumptionUse
        Whether the model's assumptions were applied, and the warnings (:mod:`.policy`).
    outside_range : sympy Set, optional
        One parameter, assumptions applied: the part of the range that breaks one (left out).
    outside_points : ndarray of bool, optional
        Two parameters, assumptions applied: the grid points (shaped as ``regions.labels``) that break one;
        they are not counted in any region.
    """

    model: str
    game: Game
    regions: RegionMap1D | RegionMap2D
    assumption_use: AssumptionUse = AssumptionUse()
    outside_range: sympy.Set | None = None
    outside_points: NDArray[np.bool_] | None = None

    def _sig(self, sig: Signature) -> str:
        return describe_signature(self.game.players, sig) or "(none)"

    def to_json(self) -> dict:
        rm = self.regions
        if isinstance(rm, RegionMap1D):
            doc: dict[str, object] = {
                "model": self.model, "assumptions": self.assumption_use.to_json(), "parameter": rm.parameter,
                "fixed": {k: str(v) for k, v in rm.fixed.items()},
                "segments": [{"from": str(s.lo), "to": str(s.hi), "equilibria": self._sig(s.signature)}
                             for s in rm.segments],
                "thresholds": [{"value": str(t.value), "float": float(t.value), "below": self._sig(t.below),
                                "at": self._sig(t.at), "above": self._sig(t.above)} for t in rm.thresholds]}
            if self.outside_range is not None:
                doc["outside_assumptions"] = _set_text(self.outside_range) if self.outside_range else None
            return doc
        counts = self.grid_points()
        doc2: dict[str, object] = {
            "model": self.model, "assumptions": self.assumption_use.to_json(), "x": rm.x.name, "y": rm.y.name,
            "grid": [len(rm.xs), len(rm.ys)],
            "regions": [{"label": k + 1, "equilibria": self._sig(s), "grid_points": counts[k]}
                        for k, s in enumerate(rm.signatures)],
            "boundaries": [f"{b.lhs} = 0" for b in rm.boundaries]}
        if self.outside_points is not None:
            doc2["outside_assumptions"] = int(self.outside_points.sum())
        return doc2

    def grid_points(self) -> dict[int, int]:
        """Two parameters: ``{region index: number of grid points with its signature}`` (inside the assumptions)."""
        rm = self.regions
        if not isinstance(rm, RegionMap2D):
            raise TypeError("grid points belong to a map of two parameters")
        inside = np.ones(rm.labels.shape, dtype=bool) if self.outside_points is None else ~self.outside_points
        return {k: int(((rm.labels == k) & inside).sum()) for k in range(len(rm.signatures))}

    def __str__(self) -> str:
        rm = self.regions
        if isinstance(rm, RegionMap1D):
            lines = [self.model, *self.assumption_use.lines(),
                     f"{rm.parameter} in [{rm.lo}, {rm.hi}], others at {_others(rm.fixed)}"]
            for s in rm.segments:
                lines.append(f"  {rm.parameter} in ({s.lo}, {s.hi}): {self._sig(s.signature)}")
            for t in rm.thresholds:
                lines.append(f"  threshold {rm.parameter} = {t.value} (~{float(t.value):.6g}): at it {self._sig(t.at)}")
            if self.outside_range:
                lines.append(f"  {rm.parameter} in {_set_text(self.outside_range)}: outside the assumptions")
            return "\n".join(lines)
        counts = self.grid_points()
        lines = [self.model, *self.assumption_use.lines(),
                 f"{rm.x.name} x {rm.y.name} on a {len(rm.xs)} x {len(rm.ys)} grid, others at " + _others(rm.fixed)]
        for k, sig in enumerate(rm.signatures):
            if counts[k] or self.outside_points is None:
                lines.append(f"  region {k + 1} ({counts[k]} points): {self._sig(sig)}")
        if self.outside_points is not None and self.outside_points.any():
            lines.append(f"  outside the assumptions: {int(self.outside_points.sum())} points")
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
class MarginsReport(UsesAssumptions):
    """How far each parameter can move before one of a model's predictions fails.

    Attributes
    ----------
    model : str
    number : int
        The prediction's position in the model file (1-based).
    prediction : Prediction
    margins : tuple of Margin
    ranges : mapping name -> (lo, hi)
    assumption_use : AssumptionUse
        Whether values that break a model assumption were left out, and the warnings (:mod:`.policy`).
    """

    model: str
    number: int
    prediction: Prediction
    margins: tuple[Margin, ...]
    ranges: Mapping[str, tuple[Fraction, Fraction]]
    assumption_use: AssumptionUse = AssumptionUse()

    @property
    def label(self) -> str:
        return prediction_label(self.prediction)

    def to_json(self) -> dict:
        return {"model": self.model, "assumptions": self.assumption_use.to_json(), "prediction": self.label,
                "margins": [{"parameter": m.parameter, "default": str(m.default),
                             "down": None if m.down is None else str(m.down),
                             "up": None if m.up is None else str(m.up),
                             "holds_at_default": m.holds_at_default} for m in self.margins]}

    def __str__(self) -> str:
        lines = [self.model, *self.assumption_use.lines(), f"prediction {self.number}: {self.label}",
                 f"  {self.prediction.claim}"]
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
                   max_cost: float | None = None, assumptions: bool = True) -> RegionsReport:
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
    assumptions : bool
        Leave out the part of the map where a model assumption breaks (default);
        False maps the ranges alone (``--no-assumptions``).  Either way the report warns
        about a fixed value or a part of a varied range that breaks one.
    """
    space = Space.from_model(model, apply_assumptions=assumptions)
    values = space.fixed(dict(fixed or {}), field="fixed")
    varies = list(varies)
    if not 1 <= len(varies) <= 2:
        raise InputError(f"give --vary once or twice, got {len(varies)}", field="--vary")
    for v in varies:
        if v.name in values:
            raise InputError(f"{v.name} is both varied and fixed with --param", field="--vary")
    game = model.game
    use = assumption_use(space, values)
    point = space.point(values)
    if len(varies) == 1:
        rm1 = regions_1d(game, space, varies[0], values, max_cost=max_cost)
        v = varies[0]
        box = sympy.Interval(sympy.Rational(v.lo), sympy.Rational(v.hi))
        parts = allowed_along(space, v.name, v.lo, v.hi, point)
        broken = [(text, box - part) for text, part in parts if box - part]
        use = use.adding([t for t, _ in broken], [
            f"warning: the range of {v.name} breaks the assumption {t} on {_set_text(out)} "
            + ("(left out)" if assumptions else "(kept: --no-assumptions)") for t, out in broken])
        if len(parts) < len(space.assumptions):
            use = use.adding([], ["warning: an assumption could not be solved along the range; it is not used"])
        if not assumptions:
            return RegionsReport(model.title, game, rm1, use)
        allowed = sympy.Intersection(box, *(p for _, p in parts))
        return RegionsReport(model.title, game, rm1.within(allowed), use, box - allowed)
    rm2 = regions_2d(game, space, varies[0], varies[1], values, max_cost=max_cost)
    XX, YY = np.meshgrid(rm2.xs, rm2.ys)
    grid: dict[str, float | NDArray[np.float64]] = {k: float(x) for k, x in point.items()}
    grid.update({varies[0].name: XX.reshape(-1), varies[1].name: YY.reshape(-1)})
    use = use.adding(*range_warnings(space, [varies[0].name, varies[1].name], grid, XX.size))
    outside = None
    if assumptions:
        outside = ~space.meets_assumptions(grid, XX.size).reshape(XX.shape)
        outside.setflags(write=False)
    return RegionsReport(model.title, game, rm2, use, None, outside)


def margins_report(model: Model, prediction: int = 1, max_cost: float | None = None,
                   assumptions: bool = True) -> MarginsReport:
    """The margins of the model's ``prediction``-th prediction (1-based) along every parameter.

    With ``assumptions`` (the default) a value that breaks a model assumption is
    no failure (:func:`.regions.margins`); the report warns about the part of each
    parameter's range that breaks one.

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
    space = Space.from_model(model, apply_assumptions=assumptions)
    at = space.fixed(dict(getattr(pred, "at", {}) or {}), field="at")
    use = assumption_use(space, at, field="the prediction's 'at'")
    point = space.point(at)
    for name in space.names:
        if name in at:
            continue
        lo, hi = space.ranges[name]
        box = sympy.Interval(sympy.Rational(lo), sympy.Rational(hi))
        broken = [(t, box - part) for t, part in allowed_along(space, name, lo, hi, point) if box - part]
        use = use.adding([t for t, _ in broken], [
            f"warning: the range of {name} breaks the assumption {t} on {_set_text(out)} "
            + ("(left out)" if assumptions else "(kept: --no-assumptions)") for t, out in broken])
    return MarginsReport(model.title, prediction, pred, margins(model.game, space, pred, max_cost=max_cost),
                         space.ranges, use)
