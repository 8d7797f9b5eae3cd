r"""Explore a model interactively: sliders over its parameters, its equilibria, its regions and its bargain.

:func:`explore` (exported as ``gametheory.explore``) shows, in a notebook, one
slider per parameter over its declared range and, below them, what the model
says at the values they give:

* the equilibria: :func:`gametheory.solve` of the normal-form game at those
  values, or, for a game-tree model, its subgame-perfect equilibria
  (:func:`gametheory.solve_tree` with ``method="spe"``), shown with
  IPython's display (a table once the results render as HTML);
* the exact equilibrium regions along one chosen parameter, the others at
  their current values (:func:`gametheory.assumptions.regions.regions_1d`:
  the range is cut at the real roots of the boundary expressions, so every
  cut is an exact threshold), with the current value marked;
* for a model with a ``[bargaining]`` table, the bargaining problem and its
  solution (:func:`gametheory.bargaining.request.bargain`), redrawn.

The figures are those of ``gametheory regions --plot`` and ``gametheory
bargain --plot`` (:mod:`gametheory.figures`).

Every value is an exact :class:`~fractions.Fraction`.  A slider moves on a
grid of exact steps (a hundredth of the power of ten below the range's
width: 1/100 on ``[0, 3]``), and the text box beside it takes any exact value
in the range (``49/100``) and shows the current one as a fraction.

The widgets are a thin layer: :class:`Explorer` does the work, with no widget
and no browser, so that it can be tested and scripted; :meth:`Explorer.update`
sets values and returns an :class:`ExploreState`.  ipywidgets, matplotlib and
sympy are imported when first needed, not with the package.

References
----------
Jupyter widgets (ipywidgets), https://ipywidgets.readthedocs.io: the sliders,
text boxes and output areas.

Examples
--------
>>> from fractions import Fraction
>>> ex = Explorer("models/serbia_blockade_offer.toml", region=None)
>>> state = ex.update(s=Fraction(49, 100))
>>> state.values["s"], len(state.result)
(Fraction(49, 100), 4)
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import GameTheoryError, InputError
from .numbers import parse_rational, to_exact

if TYPE_CHECKING:
    from ipywidgets import VBox
    from matplotlib.figure import Figure

    from .assumptions.regions import RegionMap1D
    from .assumptions.space import Space
    from .bargaining.request import BargainingReport
    from .game import Game
    from .io.model import Model, TreeModel
    from .result import CorrelatedResult, SolveResult
    from .tree.result import TreeSolveResult

__all__ = ["explore", "Explorer", "ExploreState", "slider_step", "snap"]

#: How many region strips (one per setting of the other parameters) an Explorer keeps for a return visit.
_STRIPS_KEPT = 64



def slider_step(lo: Fraction, hi: Fraction) -> Fraction:
    """The exact step of a slider over ``[lo, hi]``: a hundredth of the power of ten below the width.

    Between 100 and 1000 positions, each an exact decimal.

    >>> slider_step(Fraction(0), Fraction(3)), slider_step(Fraction(1, 2), Fraction(3, 2)), slider_step(1, 11)
    (Fraction(1, 100), Fraction(1, 100), Fraction(1, 10))
    """
    width = Fraction(hi) - Fraction(lo)
    if width <= 0:
        return Fraction(1, 100)
    k = math.floor(math.log10(width))
    # log10 of a Fraction is a float: correct a power of ten it rounds the wrong way
    if Fraction(10) ** k > width:
        k -= 1
    elif Fraction(10) ** (k + 1) <= width:
        k += 1
    return Fraction(10) ** k / 100


def snap(value: object, lo: Fraction, hi: Fraction, step: Fraction) -> Fraction:
    """The point of the grid ``lo, lo + step, ..., hi`` nearest to ``value`` (a float is read as its decimal).

    >>> snap(0.49, Fraction(0), Fraction(3), Fraction(1, 100))
    Fraction(49, 100)
    >>> snap(2.999999, Fraction(0), Fraction(3), Fraction(1, 100)), snap(-1, Fraction(0), Fraction(3), Fraction(1))
    (Fraction(3, 1), Fraction(0, 1))
    """
    x = to_exact(value, field="slider")
    if x <= lo:
        return Fraction(lo)
    if x >= hi:
        return Fraction(hi)
    return min(Fraction(hi), lo + round((x - lo) / step) * step)


@dataclass(frozen=True)
class ExploreState:
    """What the model says at one set of parameter values.

    Attributes
    ----------
    values : mapping name -> Fraction
        Every parameter's value.
    result : SolveResult or TreeSolveResult
        The equilibria (subgame-perfect ones for a game-tree model; a
        CorrelatedResult for ``method="correlated"``).
    region : RegionMap1D or None
        The exact equilibrium regions along :attr:`region_parameter`, the other parameters at ``values``.
    region_parameter : str or None
    region_figure : matplotlib Figure or None
        The regions as a strip, the current value marked by a dashed line
        (:func:`gametheory.figures.regions_figure`).
    bargaining : BargainingReport or None
        For a model with a ``[bargaining]`` table.
    bargaining_figure : matplotlib Figure or None
        The problem and its solutions (:func:`gametheory.figures.bargain_figure`).
    notes : tuple of str
        Why a part is missing (e.g. a region map over too many supports).
    """

    values: Mapping[str, Fraction]
    result: SolveResult | CorrelatedResult | TreeSolveResult
    region: RegionMap1D | None = None
    region_parameter: str | None = None
    region_figure: Figure | None = field(default=None, repr=False)
    bargaining: BargainingReport | None = None
    bargaining_figure: Figure | None = field(default=None, repr=False)
    notes: tuple[str, ...] = ()


def _load(model: object) -> Model | TreeModel:
    """A normal-form or game-tree model, read from a path if given one."""
    from .io.model import Model, TreeModel, load_any_model

    if isinstance(model, (str, os.PathLike)):
        model = load_any_model(model)
    if not isinstance(model, (Model, TreeModel)):
        raise InputError(f"explore takes a normal-form or game-tree model (or its path), got {type(model).__name__}")
    return model


class Explorer:
    """A model at values that change: the core of :func:`explore`, without widgets.

    Parameters
    ----------
    model : Model, TreeModel, str or os.PathLike
        A loaded model, or the path of a model file.
    region : str or None, optional
        The parameter of the region strip.  ``"auto"`` (the default): the
        first parameter the payoffs depend on whose status is ``"assumption"``
        (else the first the payoffs depend on); None: no region strip.
        Normal-form models only.
    method : str
        The normal-form solver (:data:`gametheory.METHODS`); ``"auto"`` by default.
    max_cost : number, optional
        Limit on the estimated work of each solve and of the exact region boundaries.

    Attributes
    ----------
    model : Model or TreeModel
    space : Space
        The parameters' defaults, ranges and assumptions.
    values : mapping name -> Fraction
        The current values.
    state : ExploreState
        What the model says at them.
    """

    def __init__(self, model: object, *, region: str | None = "auto", method: str = "auto",
                 max_cost: float | None = None) -> None:
        from .assumptions.space import Space
        from .io.model import TreeModel

        self.model = _load(model)
        self.is_tree = isinstance(self.model, TreeModel)
        self.space: Space = Space.from_model(self.model)  # type: ignore[arg-type]  # a TreeModel has the same fields
        self.method = method
        self.max_cost = max_cost
        self._values: dict[str, Fraction] = dict(self.space.defaults)
        self._strips: dict[tuple, RegionMap1D] = {}
        self.region: str | None = self._check_region(
            self._default_region() if region == "auto" and "auto" not in self.space.names else region)
        # the controls and outputs of the last widget() (empty until then), by name, for scripts and tests
        self.sliders: dict[str, Any] = {}
        self.texts: dict[str, Any] = {}
        self.outputs: dict[str, Any] = {}
        self.message: Any = None
        self.state: ExploreState = self._compute(self._values, self.region)

    # ------------------------------------------------------------------ parameters
    @property
    def values(self) -> Mapping[str, Fraction]:
        """The current value of every parameter (read-only)."""
        return MappingProxyType(dict(self._values))

    def step(self, name: str) -> Fraction:
        """The exact step of ``name``'s slider (:func:`slider_step` of its range)."""
        return slider_step(*self.space.ranges[self.space.check(name)])

    def region_choices(self) -> tuple[str, ...]:
        """The parameters a region strip can vary: those the normal-form payoffs depend on."""
        if self.is_tree:
            return ()
        used = {s.name for s in self._game().parameters}
        return tuple(n for n in self.space.names if n in used)

    def _default_region(self) -> str | None:
        choices = self.region_choices()
        swept = [n for n in choices if self.model.parameters[n].status == "assumption"]
        return (swept or list(choices) or [None])[0]  # type: ignore[list-item]

    def _check_region(self, name: str | None) -> str | None:
        if name is not None:
            self.space.check(name, field="region")
            if name not in self.region_choices():
                what = "a game-tree model has none" if self.is_tree else f"the payoffs do not depend on {name}"
                raise InputError(f"no region strip along {name}: {what}", path=self.space.source, field="region")
        return name

    def set_region(self, name: str | None) -> ExploreState:
        """Draw the region strip along ``name`` (None: no strip); the new state."""
        name = self._check_region(name)
        self.state = self._compute(self._values, name)
        self.region = name
        return self.state

    def update(self, **values: object) -> ExploreState:
        """Set parameter values (numbers or rational strings, each inside its declared range); the new state.

        Raises
        ------
        InputError
            An unknown parameter, a value that is not a number or one outside its range.
        GameTheoryError
            The model cannot be solved there (e.g. a payoff divides by zero); the values stay as they were.
        """
        new = {**self._values, **self.space.fixed(values)}
        self.state = self._compute(new, self.region)
        self._values = new
        return self.state

    # ------------------------------------------------------------------ computing
    def _compute(self, values: Mapping[str, Fraction], region_parameter: str | None) -> ExploreState:
        values = dict(values)
        # the same warning the assumption studies print, so a slider past an assumption does not pass silently
        notes: list[str] = [f"warning: these values break the assumption {rel}"
                            for rel in self.space.broken_assumptions(values)]
        result = self._solve(values)
        region = region_figure = None
        if region_parameter is not None:
            try:
                region = self._strip(region_parameter, values)
                region_figure = self._strip_figure(region, values)
            except GameTheoryError as exc:  # e.g. too many supports for the exact boundaries
                notes.append(f"region strip along {region_parameter}: {exc}")
        elif self.is_tree:
            notes.append("region strip: for normal-form models only")
        report = bargaining_figure = None
        if not self.is_tree and getattr(self.model, "bargaining", None) is not None:
            try:
                report, bargaining_figure = self._bargain(values)
            except GameTheoryError as exc:
                notes.append(f"bargaining: {exc}")
        return ExploreState(MappingProxyType(values), result, region, region_parameter, region_figure, report,
                            bargaining_figure, tuple(notes))

    def _game(self) -> Game:
        """The (symbolic) normal-form game of a normal-form model."""
        from .io.model import Model

        assert isinstance(self.model, Model)
        return self.model.game

    def _solve(self, values: Mapping[str, Fraction]) -> SolveResult | CorrelatedResult | TreeSolveResult:
        from .io.model import Model

        options: dict[str, Any] = {} if self.max_cost is None else {"max_cost": self.max_cost}
        if isinstance(self.model, Model):
            from .solvers import solve

            return solve(self.model.game_at(values), self.method, **options)
        from .solvers import solve_tree

        return solve_tree(self.model.tree_at(values), "spe", **options)  # type: ignore[return-value]  # spe: never a PBE

    def _strip(self, name: str, values: Mapping[str, Fraction]) -> RegionMap1D:
        from .assumptions.regions import regions_1d
        from .assumptions.space import Vary

        # the strip depends on the other parameters only: moving along it just moves the marker
        others = {k: v for k, v in values.items() if k != name}
        key = (name, tuple(sorted(others.items())))
        if key not in self._strips:
            if len(self._strips) >= _STRIPS_KEPT:
                del self._strips[next(iter(self._strips))]  # the oldest
            lo, hi = self.space.ranges[name]
            self._strips[key] = regions_1d(self._game(), self.space, Vary(name, lo, hi, 2), others,
                                           max_cost=self.max_cost)
        return self._strips[key]

    def _strip_figure(self, strip: RegionMap1D, values: Mapping[str, Fraction]) -> Figure:
        from .assumptions.regions_report import RegionsReport
        from .figures import regions_figure

        # the strip of `gametheory regions --vary` (one owner of the figure), the current value marked
        report = RegionsReport(self.model.title, self._game(), strip)
        return regions_figure(report, self.space, at={strip.parameter: values[strip.parameter]})

    def _bargain(self, values: Mapping[str, Fraction]) -> tuple[BargainingReport, Figure]:
        from .bargaining.request import bargain
        from .figures import bargain_figure

        report = bargain(self.model, params=values)  # type: ignore[arg-type]
        return report, bargain_figure(report)

    # ------------------------------------------------------------------ widgets
    def widget(self) -> VBox:
        """The sliders, text boxes and outputs (ipywidgets), wired to :meth:`update`.

        Each parameter gets a ``FloatSlider`` over its declared range and a
        ``Text`` box with the exact value; :attr:`sliders`, :attr:`texts` and
        :attr:`outputs` (``"equilibria"``, ``"region"``, ``"bargaining"``)
        hold them, by name, for scripts and tests, and :attr:`message` the
        line where a refused value is explained.
        """
        return _ExplorerWidget(self).box


def _display_data(obj: object) -> dict[str, Any]:
    """``obj`` as one display_data output, formatted as IPython's display() formats it."""
    from IPython import get_ipython
    from IPython.core.formatters import DisplayFormatter

    shell = get_ipython()
    # in a kernel, the shell's formatters (the ones display() uses); outside one, IPython's defaults
    formatter = shell.display_formatter if shell is not None else DisplayFormatter()
    data, metadata = formatter.format(obj)
    return {"output_type": "display_data", "data": data, "metadata": metadata}


def _png(fig: Figure) -> object:
    """``fig`` as an IPython PNG image: shown alike whatever matplotlib backend the notebook uses."""
    import io

    from IPython.display import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return Image(data=buf.getvalue(), format="png")


class _ExplorerWidget:
    """The ipywidgets of one :class:`Explorer`: the controls call it, the outputs show its state."""

    def __init__(self, explorer: Explorer) -> None:
        import ipywidgets as w

        self.explorer = explorer
        self._syncing = False
        space = explorer.space
        explorer.sliders.clear()
        explorer.texts.clear()
        rows = []
        for name in space.names:
            lo, hi = space.ranges[name]
            step = explorer.step(name)
            digits = max(0, -math.floor(math.log10(step)))
            meaning = explorer.model.parameters[name].meaning
            slider = w.FloatSlider(value=float(explorer.values[name]), min=float(lo), max=float(hi),
                                   step=float(step), description=name, tooltip=meaning, readout_format=f".{digits}f",
                                   continuous_update=False, disabled=lo == hi,
                                   style={"description_width": "initial"}, layout=w.Layout(width="28em"))
            text = w.Text(value=str(explorer.values[name]), continuous_update=False, tooltip="exact value, e.g. 49/100",
                          layout=w.Layout(width="8em"))
            slider.observe(lambda change, n=name: self._slid(n, change["new"]), names="value")
            text.observe(lambda change, n=name: self._typed(n, change["new"]), names="value")
            explorer.sliders[name] = slider
            explorer.texts[name] = text
            rows.append(w.HBox([slider, text]))
        self.message = explorer.message = w.HTML()  # errors, in red
        outputs = {"equilibria": w.Output()}
        if explorer.region_choices():
            choice = w.Dropdown(options=[("(none)", None)] + [(n, n) for n in explorer.region_choices()],
                                value=explorer.region, description="regions along")
            choice.observe(lambda change: self._region(change["new"]), names="value")
            rows.append(choice)
            outputs["region"] = w.Output()
        if explorer.state.bargaining is not None:
            outputs["bargaining"] = w.Output()
        explorer.outputs.clear()
        explorer.outputs.update(outputs)
        self.outputs = outputs
        title = w.HTML(f"<b>{_escape(explorer.model.title)}</b>")
        self.box = w.VBox([title, *rows, self.message, *outputs.values()])
        self.show(explorer.state)

    def show(self, state: ExploreState) -> None:
        """Replace each output by the state's part (outputs set directly: no kernel needed)."""
        self.outputs["equilibria"].outputs = (_display_data(state.result),)
        if "region" in self.outputs:
            shown = _png(state.region_figure) if state.region_figure is not None else \
                "\n".join(n for n in state.notes if n.startswith("region")) or "(no region strip)"
            self.outputs["region"].outputs = (_display_data(shown),)
        if "bargaining" in self.outputs:
            shown = _png(state.bargaining_figure) if state.bargaining_figure is not None else "\n".join(state.notes)
            self.outputs["bargaining"].outputs = (_display_data(shown),)

    def _run(self, action) -> None:
        try:
            state = action()
        except GameTheoryError as exc:  # a value the model cannot take: say so, keep the last state
            self.message.value = f"<span style='color:#b00'>{_escape(str(exc))}</span>"
            return
        warnings = [n for n in state.notes if n.startswith("warning:")]
        self.message.value = "<br>".join(f"<span style='color:#b60'>{_escape(n)}</span>" for n in warnings)
        self.show(state)

    def _set_controls(self, name: str) -> None:
        value = self.explorer.values[name]
        self._syncing = True
        try:
            self.explorer.sliders[name].value = float(value)
            self.explorer.texts[name].value = str(value)
        finally:
            self._syncing = False

    def _slid(self, name: str, x: float) -> None:
        if self._syncing:
            return
        lo, hi = self.explorer.space.ranges[name]
        self._run(lambda: self.explorer.update(**{name: snap(x, lo, hi, self.explorer.step(name))}))
        self._set_controls(name)

    def _typed(self, name: str, text: str) -> None:
        if self._syncing:
            return
        try:
            value = parse_rational(text.strip(), field=name)
        except InputError as exc:
            self.message.value = f"<span style='color:#b00'>{_escape(str(exc))}</span>"
            self._set_controls(name)
            return
        self._run(lambda: self.explorer.update(**{name: value}))
        self._set_controls(name)

    def _region(self, name: str | None) -> None:
        self._run(lambda: self.explorer.set_region(name))


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def explore(model: object, *, region: str | None = "auto", method: str = "auto",
            max_cost: float | None = None) -> VBox:
    """Sliders over a model's parameters, with its equilibria, region strip and bargain below (ipywidgets).

    Display the returned box in a notebook (it is a cell's last value).
    Moving a slider, or typing an exact value such as ``49/100`` in the box
    beside it, solves the model again at the new values (see
    :class:`Explorer` for what is shown).

    Parameters
    ----------
    model : Model, TreeModel, str or os.PathLike
    region : str or None, optional
        The parameter of the region strip; ``"auto"`` (the default) chooses
        one (:class:`Explorer`), None shows none.
    method : str
        The normal-form solver; ``"auto"`` by default.
    max_cost : number, optional
        Limit on the estimated work of each solve and of the region boundaries.

    Returns
    -------
    ipywidgets.VBox
        Its ``explorer`` attribute is the :class:`Explorer` behind it (its
        ``sliders``, ``texts`` and ``outputs`` by name).

    Raises
    ------
    ImportError
        Without ipywidgets (``pip install gametheory[notebook]``).
    """
    explorer = Explorer(model, region=region, method=method, max_cost=max_cost)
    box = explorer.widget()
    box.explorer = explorer
    return box
