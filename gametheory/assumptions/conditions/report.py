"""The conditions of a model's profiles with their verdicts, as one report (``gametheory conditions``).

:func:`conditions_report` decides what to compute for a model file's game
(:class:`gametheory.io.model.Model`):

- without a profile, the Nash condition of every pure profile;
- with a pure profile, its Nash, strict Nash, unique-pure, survives-dominance
  and dominance-solution conditions (:mod:`.pure`, :mod:`.dominance`);
- the closed-form mixed equilibria (:func:`.mixed.mixed_conditions`) when
  asked, or by default without a profile in a two-player game in which a
  player has two strategies.

:func:`support_report` gives the closed-form equilibrium on given supports
(:func:`.mixed.support_condition`).  Each condition carries two verdicts
(:mod:`.verdicts`): over the declared ranges, with the fixed parameters set,
and at the defaults (overridden by the fixed values).

Examples
--------
>>> from gametheory.io.model import load_model
>>> report = conditions_report(load_model("models/cfe_md_package.toml"), {"Russia": "No", "US": "No"})
>>> [c.condition.claim for c in report.profiles[0].claims][:2]
['(No, No) is a Nash equilibrium', '(No, No) is a strict Nash equilibrium']
>>> report.profiles[0].claims[0].at_defaults.status
'holds'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from ...errors import InputError
from ...game_text import assignments_text
from ...progress import Progress
from ..policy import AssumptionUse, UsesAssumptions, assumption_use
from .claims import Condition, MixedCondition
from .dominance import dominance_condition, survives_dominance_condition
from .mixed import mixed_conditions, support_condition, support_count
from .pure import nash_condition, unique_condition
from .readable import ReadableCondition, readable_condition
from .verdicts import DEPENDS, Verdict

if TYPE_CHECKING:
    import numpy as np
    import sympy

    from ...io.model import Model
    from ..space import Space

__all__ = ["ClaimVerdicts", "ProfileConditions", "MixedVerdicts", "ConditionsReport", "SupportReport",
           "conditions_report", "support_report"]


def _iff_lines(indent: str, head: str, readable: ReadableCondition) -> list[str]:
    """``iff  a`` / ``and  b``, one relation a line; ``always``/``never`` alone."""
    if readable.lines in (("always",), ("never",)):
        return [f"{indent}{readable.lines[0]}"]
    pad = " " * (len(head) - len("and"))
    return [f"{indent}{head if i == 0 else pad + 'and'}  {line}" for i, line in enumerate(readable.lines)]


@dataclass(frozen=True)
class ClaimVerdicts:
    """A condition with its verdicts over the declared ranges and at the defaults.

    ``readable`` is the condition as relations people read (:mod:`.readable`),
    ``residual`` the verdict's residual condition over the ranges (with the
    fixed values set) in the same form.
    """

    condition: Condition
    over_ranges: Verdict
    at_defaults: Verdict
    readable: ReadableCondition | None = None
    residual: ReadableCondition | None = None

    def to_json(self) -> dict:
        c, over = self.condition, self.over_ranges
        return {"claim": c.claim, "condition": str(c.expr), "readable": self.readable_lines(), "scope": c.scope,
                "over_ranges": over.status, "depends_on": list(over.depends_on), "certified": over.certified,
                "at_defaults": self.at_defaults.status}

    def readable_lines(self) -> list[str]:
        return list(self.readable.lines) if self.readable is not None else [str(self.condition.expr)]

    def verdicts_line(self, verbose: bool = False) -> str:
        over = self.over_ranges
        if over.status == DEPENDS and not verbose:
            text = f"depends on {', '.join(over.depends_on)}"
            if over.condition != self.condition.expr and self.residual is not None:
                text += ": " + self.residual.text()  # fixed values set: what is left of the condition
            if not over.certified and over.note:
                text += f" ({over.note})"
        else:
            text = str(over)
        return f"over the ranges: {text}; at the defaults: {self.at_defaults.status}"

    def lines(self, verbose: bool = False) -> list[str]:
        c = self.condition
        readable = self.readable or ReadableCondition((str(c.expr),), ())
        out = [f"{c.claim}" + (f"   [{c.scope}]" if c.scope else "")] + _iff_lines("  ", "iff", readable)
        if verbose:
            out.append(f"  raw: {c.expr}")
        return out + [f"  {self.verdicts_line(verbose)}"]


@dataclass(frozen=True)
class ProfileConditions:
    """The claims about one pure profile ``{player: label}``."""

    profile: Mapping[str, str]
    claims: tuple[ClaimVerdicts, ...]

    def to_json(self) -> dict:
        return {"profile": dict(self.profile), "claims": [c.to_json() for c in self.claims]}


@dataclass(frozen=True)
class MixedVerdicts:
    """A closed-form equilibrium on given supports and the verdicts of its validity condition."""

    mixed: MixedCondition
    verdicts: ClaimVerdicts

    def support_json(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.mixed.support.items()}

    def used_probabilities(self) -> dict[str, dict[str, sympy.Expr]]:
        """``{player: {label: probability}}`` without the strategies played with probability 0."""
        return {p: {lab: e for lab, e in d.items() if e != 0} for p, d in self.mixed.probabilities.items()}

    def to_json(self) -> dict:
        return {"support": self.support_json(),
                "probabilities": {p: {k: str(e) for k, e in d.items()} for p, d in self.mixed.probabilities.items()},
                "condition": str(self.mixed.condition.expr), "readable": self.verdicts.readable_lines(),
                "over_ranges": self.verdicts.over_ranges.status, "at_defaults": self.verdicts.at_defaults.status}

    def probabilities_text(self, sep: str = "=") -> list[str]:
        return [f"{p}: " + ", ".join(f"{lab}{sep}{e}" for lab, e in d.items())
                for p, d in self.used_probabilities().items()]

    def validity_lines(self, indent: str, verbose: bool = False) -> list[str]:
        readable = self.verdicts.readable or ReadableCondition((str(self.mixed.condition.expr),), ())
        if readable.lines in (("always",), ("never",)):
            out = [f"{indent}valid: {readable.lines[0]}"]
        else:
            out = _iff_lines(indent, "valid iff", readable)
        if verbose:
            out.append(f"{indent}raw: {self.mixed.condition.expr}")
        return out + [f"{indent}{self.verdicts.verdicts_line(verbose)}"]

    def lines(self, verbose: bool = False) -> list[str]:
        return ["  " + "; ".join(self.probabilities_text())] + self.validity_lines("    ", verbose)


@dataclass(frozen=True)
class ConditionsReport(UsesAssumptions):
    """Conditions for pure profiles (and closed-form mixed equilibria) of a model, with verdicts.

    Attributes
    ----------
    model : str
        The model's title.
    assumptions : tuple of sympy relations
        The assumptions the conditions were simplified and decided with (none with ``assumptions=False``).
    fixed : mapping
        Parameters held at a value in the verdicts over the ranges.
    profiles : tuple of ProfileConditions
    mixed : tuple of MixedVerdicts, or None when not computed
    assumption_use : AssumptionUse
        Whether the model's assumptions were applied, and the warnings (:mod:`..policy`).
    """

    model: str
    assumptions: tuple[sympy.Basic, ...]
    fixed: Mapping[str, Fraction]
    profiles: tuple[ProfileConditions, ...]
    mixed: tuple[MixedVerdicts, ...] | None = None
    assumption_use: AssumptionUse = AssumptionUse()

    def to_json(self) -> dict:
        return {"model": self.model, "assumptions": self.assumption_use.to_json(),
                "profiles": [p.to_json() for p in self.profiles],
                "mixed": [m.to_json() for m in self.mixed or ()]}

    def __str__(self) -> str:
        return self.text()

    def text(self, verbose: bool = False) -> str:
        """The report for people; ``verbose`` adds each raw condition (as sympy prints it) and full verdicts."""
        lines = [f"{self.model}", *self.assumption_use.lines(),
                 "verdicts: over the declared ranges" + (f" with {assignments_text(self.fixed)}" if self.fixed else "")
                 + "; at the defaults", ""]
        for p in self.profiles:
            for c in p.claims:
                lines += c.lines(verbose)
        if self.mixed is not None:
            lines += ["", "mixed equilibria (closed form):"]
            if not self.mixed:
                lines.append("  none: no support of two or more strategies each can be an equilibrium")
            for m in self.mixed:
                lines += m.lines(verbose)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ...display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ...display import render

        return render(self, "latex")


@dataclass(frozen=True)
class SupportReport(UsesAssumptions):
    """The closed-form equilibrium of a model's game on given supports, with verdicts."""

    model: str
    assumptions: tuple[sympy.Basic, ...]
    fixed: Mapping[str, Fraction]
    equilibrium: MixedVerdicts
    assumption_use: AssumptionUse = AssumptionUse()

    def to_json(self) -> dict:
        eq = self.equilibrium
        over = eq.verdicts.over_ranges
        return {"model": self.model, "assumptions": self.assumption_use.to_json(), "support": eq.support_json(),
                "probabilities": {p: {lab: str(e) for lab, e in d.items()} for p, d in eq.used_probabilities().items()},
                "payoffs": {p: str(v) for p, v in eq.mixed.payoffs.items()},
                "condition": str(eq.mixed.condition.expr), "readable": eq.verdicts.readable_lines(),
                "over_ranges": over.status,
                "depends_on": list(over.depends_on), "certified": over.certified,
                "at_defaults": eq.verdicts.at_defaults.status}

    def __str__(self) -> str:
        return self.text()

    def text(self, verbose: bool = False) -> str:
        """The report for people; ``verbose`` adds the raw condition (as sympy prints it) and the full verdict."""
        eq = self.equilibrium
        lines = [self.model, *self.assumption_use.lines(), "", eq.mixed.condition.claim]
        lines += ["  " + t for t in eq.probabilities_text(" = ")]
        lines.append("  payoffs: " + ", ".join(f"{p} = {v}" for p, v in eq.mixed.payoffs.items()))
        lines += eq.validity_lines("  ", verbose)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from ...display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from ...display import render

        return render(self, "latex")


def _study(model: Model, fixed: Mapping[str, object] | None,
           assumptions: bool = True) -> tuple[Space, dict[str, Fraction]]:
    """``(space, fixed)``: the model's parameter space and the fixed values checked against it."""
    from ..space import Space

    space = Space.from_model(model, apply_assumptions=assumptions)
    return space, space.fixed(dict(fixed or {}), field="fixed")


def _verdicts(cond: Condition, space: Space, fixed: Mapping[str, Fraction],
              rng: int | np.random.Generator | None) -> ClaimVerdicts:
    over = cond.verdict(fixed=fixed, ranges=space.box(), rng=rng)
    at_default = cond.verdict(fixed=space.point(fixed), rng=rng)
    readable = readable_condition(cond.expr, space.box(), space.assumptions, space.names)
    residual = None
    if over.status == DEPENDS and over.condition != cond.expr:
        residual = readable_condition(over.condition, space.box(), space.assumptions, space.names)
    return ClaimVerdicts(cond, over, at_default, readable, residual)


def conditions_report(model: Model, profile: Mapping[str, str] | None = None, *,
                      fixed: Mapping[str, object] | None = None, mixed: bool = False,
                      rng: int | np.random.Generator | None = 0, assumptions: bool = True,
                      progress: bool | None = False) -> ConditionsReport:
    """Conditions with verdicts for the pure profiles of a model's game.

    Parameters
    ----------
    model : Model
        A loaded model file (its symbolic game, parameters and assumptions).
    profile : mapping player -> label, optional
        One pure profile: its five claims.  Default: the Nash condition of every pure profile.
    fixed : mapping name -> value, optional
        Parameters held at a value (checked against the declared ranges).
    mixed : bool
        Also list the closed-form mixed equilibria (two players).  They are
        listed anyway without ``profile`` when the game has two players and
        one of them two strategies.
    rng : int or numpy Generator
        Seed of the sampled witnesses of each verdict.
    assumptions : bool
        Simplify and decide the conditions under the model's assumptions
        (default); False decides them over the declared ranges alone
        (``--no-assumptions``).  Either way a fixed value that breaks an
        assumption is warned about in the report.
    progress : bool or None
        A progress bar on stderr over the profiles and supports (:class:`gametheory.progress.Progress`):
        False (the default) never, None when stderr is a terminal, True always.

    Returns
    -------
    ConditionsReport
    """
    space, values = _study(model, fixed, assumptions)
    game = model.game
    ranges = space.box()
    relations = space.applied
    profiles = [dict(profile)] if profile else [dict(p) for p in game.pure_profiles()]
    with_mixed = mixed or (not profile and game.num_players == 2 and 2 in game.shape)
    if with_mixed and game.num_players != 2:
        raise InputError(f"--mixed lists two-player supports; this game has {game.num_players} players",
                         field="--mixed")
    entries = []
    total = len(profiles) + (support_count(game) if with_mixed else 0)
    with Progress(total, "conditions: profiles and supports", enabled=progress) as bar:
        for p in profiles:
            claims = [nash_condition(game, p, relations, ranges=ranges)]
            if profile:
                claims += [
                    nash_condition(game, p, relations, strict=True, ranges=ranges),
                    unique_condition(game, p, relations, ranges=ranges),
                    survives_dominance_condition(game, p, relations, ranges=ranges),
                    dominance_condition(game, p, relations, ranges=ranges),
                ]
            entries.append(ProfileConditions(p, tuple(_verdicts(c, space, values, rng) for c in claims)))
            bar.update()
        listed = None
        if with_mixed:
            listed = tuple(MixedVerdicts(mc, _verdicts(mc.condition, space, values, rng))
                           for mc in mixed_conditions(game, relations, ranges=ranges, on_support=bar.update))
    return ConditionsReport(model.title, relations, values, tuple(entries), listed, assumption_use(space, values))


def support_report(model: Model, support: Mapping[str, str | Sequence[str]], *,
                   fixed: Mapping[str, object] | None = None,
                   rng: int | np.random.Generator | None = 0, assumptions: bool = True) -> SupportReport:
    """The closed-form equilibrium of a model's game on ``support`` (a label or labels per player), with verdicts.

    ``assumptions=False`` drops the model's assumptions, as in :func:`conditions_report`.

    Examples
    --------
    >>> from gametheory.io.model import load_model
    >>> r = support_report(load_model("models/separatist_contagion.toml"),
    ...                    {"Bosnian Serbs": ["Declare", "Stay"], "Macedonian Albanians": ["Declare", "Stay"]})
    >>> r.to_json()["at_defaults"]
    'holds'
    """
    space, values = _study(model, fixed, assumptions)
    mc = support_condition(model.game, support, space.applied, ranges=space.box())
    verdicts = _verdicts(mc.condition, space, values, rng)
    return SupportReport(model.title, space.applied, values, MixedVerdicts(mc, verdicts),
                         assumption_use(space, values))
