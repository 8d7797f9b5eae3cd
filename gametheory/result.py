"""Results of a solve: equilibria that carry their certificates.

An :class:`Equilibrium` holds a labelled :class:`~gametheory.MixedProfile`,
each player's expected payoff and each player's regret (the certificate: all
zero in exact arithmetic, within ``tol`` in floats).  A :class:`SolveResult`
says what was proved: the method, whether the method guarantees it found all
equilibria (``complete``), exact or float, the tolerance, diagnostics, and the
grouping of equilibria into connected components where the method knows it.
Building a ``SolveResult`` re-checks every certificate, so a result that
exists is a result whose equilibria are equilibria.

A :class:`CorrelatedResult` is the answer of another question, the
correlated equilibrium (Aumann 1974) maximising an objective: a distribution
over pure profiles, not a mixed profile, so it is not a ``SolveResult``.  It
carries its own certificates, each player's incentive-constraint violation
(feasibility) and LP multipliers whose dual bound equals the objective's
value (optimality, see :mod:`gametheory.solvers.correlated`), re-checked when
it is built.

References
----------
R. J. Aumann, "Subjectivity and correlation in randomized strategies",
*Journal of Mathematical Economics* 1 (1974) 67-96.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import GameTheoryError, InputError
from .game_text import numbered, plural, profile_text, text_table, values_text
from .numbers import format_number
from .profile import MixedProfile

if TYPE_CHECKING:
    from .game import Game

__all__ = ["Equilibrium", "SolveResult", "CorrelatedResult", "json_number"]


def json_number(x, exact: bool):
    """An exact number as a string like "1/3"; a float as a JSON number."""
    if exact:
        return str(x if isinstance(x, Fraction) else Fraction(x))
    return float(x)


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium and its certificate.

    Attributes
    ----------
    profile : MixedProfile
    payoffs : mapping
        ``{player: expected payoff}``.
    regret : mapping
        ``{player: best deviation payoff - expected payoff}``.
    info : mapping
        Method-specific facts (e.g. the Lemke-Howson labels that reached it).
    """

    profile: MixedProfile
    payoffs: Mapping[str, Any]
    regret: Mapping[str, Any]
    info: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_profile(cls, profile: MixedProfile, info: Mapping | None = None) -> Equilibrium:
        payoffs, regret = profile.payoffs_and_regrets()
        return cls(
            profile,
            MappingProxyType(payoffs),
            MappingProxyType(regret),
            MappingProxyType(dict(info or {})),
        )

    @property
    def max_regret(self):
        return max(self.regret.values())

    @property
    def is_pure(self) -> bool:
        return self.profile.is_pure

    def __str__(self) -> str:
        return f"{profile_text(self.profile)}  (payoffs {values_text(self.payoffs)}; regret {values_text(self.regret)})"

    def to_json(self) -> dict:
        ex = self.profile.exact
        return {
            "profile": {p: {s: json_number(q, ex) for s, q in d.items()} for p, d in self.profile.as_dict().items()},
            "payoffs": {p: json_number(v, ex) for p, v in self.payoffs.items()},
            "regret": {p: json_number(v, ex) for p, v in self.regret.items()},
        }


@dataclass(frozen=True)
class SolveResult:
    """What a solver found and what it proves.

    Attributes
    ----------
    game : Game
    method : str
    complete : bool
        True when the method guarantees that every equilibrium (every extreme
        equilibrium, for games with continua) is listed; never True with no
        equilibrium (building such a result raises GameTheoryError).
    exact : bool
    tol : float
        Largest regret accepted (0 when exact).
    equilibria : tuple of Equilibrium
    diagnostics : tuple of str
    components : tuple of tuple of int
        Indices into ``equilibria`` grouped into connected components, when the
        method computes them (empty otherwise).
    extra : mapping
        Further method-specific output (e.g. cliques, a value of a zero-sum game).
    """

    game: Game
    method: str
    complete: bool
    exact: bool
    tol: float
    equilibria: tuple[Equilibrium, ...]
    diagnostics: tuple[str, ...] = ()
    components: tuple[tuple[int, ...], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))
        object.__setattr__(self, "components", tuple(tuple(c) for c in self.components))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))
        if self.complete and not self.equilibria:
            # Nash (1951): every finite game has an equilibrium, so an empty list is never complete.
            # Raised, not repaired: a solver that gets here has a bug, and a wrong "complete" must not
            # reach the user (a solver that may lose an equilibrium says complete=False itself).
            raise GameTheoryError(
                f"internal error: method {self.method!r} reported complete=True with no equilibrium; "
                "every finite game has one"
            )
        for k, eq in enumerate(self.equilibria):
            if eq.max_regret > self.tol:
                raise GameTheoryError(
                    f"internal error: method {self.method!r} reported equilibrium {k + 1} with regret "
                    f"{float(eq.max_regret):.3g} > tolerance {float(self.tol):.3g}: {eq.profile!r}"
                )

    def __len__(self):
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def __str__(self) -> str:
        """The report ``gametheory solve`` prints under the payoff table: :meth:`text` without internals."""
        return self.text()

    def text(self, verbose: bool = False) -> str:
        """The report for people: method, equilibria and their certificates, components, diagnostics.

        Equilibria and components are numbered from 1, and a component names its
        equilibria by those numbers.  A method's own output is summarised for
        people (a zero-sum value, the starting labels of Lemke-Howson, the logit
        path as a table of :data:`LOGIT_ROWS` rows); its internals (cliques,
        vertex indices, the arithmetic path taken, each equilibrium's ``info``)
        are shown only with ``verbose``, as in the JSON, indices from 0.

        Examples
        --------
        >>> from gametheory import Game, solve
        >>> g = Game.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]], players=["Row", "Col"],
        ...                        strategies=[["T", "B"], ["L", "R"]])
        >>> print(solve(g, method="enumerate").text())
        method: enumerate (exact)
        complete: yes, every equilibrium is listed
        equilibria: 2
          1. Row: T; Col: L
             payoffs: Row 1, Col 1
             regret:  Row 0, Col 0
          2. Row: T; Col: R
             payoffs: Row 1, Col 1
             regret:  Row 0, Col 0
        components: 1
          component 1: equilibria 1 and 2
        diagnostics:
          - degenerate game: some mixed strategy with support size k has more than k pure best replies
          - component 1: a continuum spanned by equilibria 1 and 2 (a segment)
        """
        complete = "yes, every equilibrium is listed" if self.complete else "no, other equilibria may exist"
        arithmetic = "exact" if self.exact else f"float, tolerance {format_number(self.tol)}"
        lines = [f"method: {self.method} ({arithmetic})", f"complete: {complete}",
                 f"equilibria: {len(self.equilibria)}"]
        for k, eq in enumerate(self.equilibria, 1):
            lines.append(f"  {k}. {profile_text(eq.profile)}")
            lines.append(f"     payoffs: {values_text(eq.payoffs)}")
            lines.append(f"     regret:  {values_text(eq.regret)}")
            if verbose and eq.info:
                lines.append(f"     info:    {json.dumps(dict(eq.info), default=str)}")
        if self.components:
            lines.append(f"components: {len(self.components)}")
            lines += [f"  component {n}: {numbered(c)}" for n, c in enumerate(self.components, 1)]
        lines += _extra_lines(self.extra, verbose)
        if self.diagnostics:
            lines.append("diagnostics:")
            lines += [f"  - {d}" for d in self.diagnostics]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The JSON document of ``gametheory solve --json`` (see the README)."""
        doc = {
            "game": _game_json(self.game),
            "method": self.method,
            "complete": bool(self.complete),
            "exact": bool(self.exact),
            **({} if self.exact else {"tolerance": float(self.tol)}),  # what a float certificate was checked against
            "equilibria": [eq.to_json() for eq in self.equilibria],
            "diagnostics": list(self.diagnostics),
        }
        if self.components:
            doc["components"] = [list(c) for c in self.components]
        for key, val in self.extra.items():
            if key not in doc and _is_jsonable(val):
                doc[key] = val
        return doc

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "latex")


def _game_json(g) -> dict:
    """The ``game`` object of a result's JSON: title, players and strategy labels."""
    return {
        "title": g.title,
        "players": list(g.players),
        "strategies": {p: list(s) for p, s in zip(g.players, g.strategies)},
    }


def _is_jsonable(val) -> bool:
    try:
        json.dumps(val)
    except (TypeError, ValueError):
        return False
    return True


#: Rows of the logit path shown by ``str(result)``; ``text(verbose=True)`` shows every sampled point.
LOGIT_ROWS = 12


def _evenly(n: int, rows: int) -> list[int]:
    """``rows`` indices of ``range(n)`` spread evenly, the first and the last included."""
    if n <= rows:
        return list(range(n))
    return sorted({round(k * (n - 1) / (rows - 1)) for k in range(rows)})


def logit_path_lines(path: list[dict[str, Any]], rows: int | None = LOGIT_ROWS) -> list[str]:
    """The sampled logit QRE path as a table: lambda, then each player's probabilities in strategy order.

    ``path`` is ``extra["path"]`` of method ``logit``
    (:meth:`gametheory.solvers.logit.LogitPath.sampled`); ``rows=None`` shows
    every point.

    >>> path = [{"lambda": 0.0, "profile": {"Row": {"T": 0.5, "B": 0.5}}},
    ...         {"lambda": 2.5, "profile": {"Row": {"T": 0.9, "B": 0.1}}}]
    >>> print("\\n".join(logit_path_lines(path)))
    logit path: lambda and each player's probabilities (2 points)
      lambda   Row: T, B
      0        0.500 0.500
      2.5      0.900 0.100
    """
    if not path:
        return []
    shown = _evenly(len(path), rows) if rows is not None else list(range(len(path)))
    players = list(path[0]["profile"])
    head = ["lambda"] + [f"{p}: {', '.join(path[0]['profile'][p])}" for p in players]
    table = [head] + [
        [f"{path[k]['lambda']:.4g}"] + [" ".join(f"{q:.3f}" for q in path[k]["profile"][p].values()) for p in players]
        for k in shown
    ]
    count = (f"{len(shown)} of {len(path)} sampled points; --verbose shows all, --json lists them"
             if len(shown) < len(path) else plural(len(path), "point", "points"))
    return [f"logit path: lambda and each player's probabilities ({count})"] + text_table(table)


def _label_map_lines(label_map: Mapping[str, int]) -> list[str]:
    """Lemke-Howson's starting labels grouped by the equilibrium (numbered from 1) each reached."""
    reached: dict[int, list[str]] = {}
    for label, k in label_map.items():
        reached.setdefault(int(k), []).append(label)
    return ["starting labels (Lemke-Howson):"] + [
        f"  equilibrium {k + 1}: from {', '.join(labels)}" for k, labels in sorted(reached.items())
    ]


def _extra_lines(extra: Mapping[str, Any], verbose: bool) -> list[str]:
    """A method's extra output: what people read by default, the internals (JSON, from 0) with ``verbose``."""
    lines: list[str] = []
    internals: list[str] = []
    for key, val in extra.items():
        if key == "value" and not isinstance(val, (dict, list, tuple)):
            lines.append(f"value: {format_number(val)}")
        elif key == "values" and isinstance(val, Mapping):
            lines.append(f"values: {values_text(val)}")
        elif key == "path" and isinstance(val, list):  # method logit's sampled path (method enumerate's is a word)
            lines += logit_path_lines(val, None if verbose else LOGIT_ROWS)
        elif key == "label_map" and isinstance(val, Mapping):
            lines += _label_map_lines(val)
        else:
            shown = json.dumps(val, default=str) if isinstance(val, (dict, list, tuple)) else format_number(val)
            internals.append(f"  {key}: {shown}")
    if verbose and internals:
        lines.append("internals (as in --json, indices from 0):")
        lines += internals
    return lines


#: Largest duality gap, relative to max(1, max |payoff|), that certifies a float optimum.
CORRELATED_GAP_REL = 1e-7


@dataclass(frozen=True)
class CorrelatedResult:
    """A correlated equilibrium maximising an objective, with its certificates.

    Built by :func:`gametheory.solvers.correlated.correlated_equilibrium`
    (method ``"correlated"`` of :func:`gametheory.solve`).  The fields after
    ``diagnostics`` are computed when the result is built, from the game
    and the four given fields, and the certificates are checked then: a
    probability distribution, no player's violation above ``tol``, and
    nonnegative multipliers.

    Attributes
    ----------
    game : Game
    objective : str
        ``"total"`` (the sum of the payoffs) or a player's name.
    distribution : mapping
        ``{profile (tuple of strategy labels): probability}`` over the
        profiles with positive probability.
    multipliers : mapping
        ``{(player, recommended, deviation): lambda}``, the LP multipliers
        (duals) of the incentive constraints with positive value: the
        optimality certificate.
    exact : bool
    tol : float
        Largest violation accepted (0 when exact).
    diagnostics : tuple of str
    payoffs : mapping
        Each player's expected payoff.
    violation : mapping
        Each player's largest incentive-constraint violation: exactly 0 for
        an exact result, at most ``tol`` otherwise.
    objective_value : Fraction or float
    dual_bound : Fraction or float
        ``max_s (c_s + (G^T lambda)_s)``: no correlated equilibrium has a
        larger objective value.
    optimal_certified : bool
        ``dual_bound == objective_value`` (exact), or within
        :data:`CORRELATED_GAP_REL` of the payoff scale (float).

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pd = Game.from_bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> ce = solve(pd, method="correlated")
    >>> dict(ce.distribution), ce.objective_value, ce.optimal_certified
    ({('D', 'D'): Fraction(1, 1)}, Fraction(2, 1), True)
    """

    game: Game
    objective: str
    distribution: Mapping[tuple[str, ...], Any]
    multipliers: Mapping[tuple[str, str, str], Any]
    exact: bool
    tol: float
    diagnostics: tuple[str, ...] = ()
    payoffs: Mapping[str, Any] = field(init=False)
    violation: Mapping[str, Any] = field(init=False)
    objective_value: Any = field(init=False)
    dual_bound: Any = field(init=False)
    optimal_certified: bool = field(init=False)

    method = "correlated"

    def __post_init__(self):
        # imported here: the solver module imports this one
        from .solvers.correlated import correlated_polytope

        conv = Fraction if self.exact else float
        dist = {tuple(prof): conv(q) for prof, q in self.distribution.items()}
        multipliers = {tuple(label): conv(v) for label, v in self.multipliers.items()}
        poly = correlated_polytope(self.game)
        p = poly.vector(dist)
        total = sum(dist.values(), conv(0))
        if any(q < 0 for q in dist.values()) or abs(total - 1) > (0 if self.exact else 1e-9):
            raise GameTheoryError(f"internal error: correlated distribution is not a probability distribution "
                                  f"(sum {float(total):.12g})")
        if any(v < 0 for v in multipliers.values()):
            raise GameTheoryError("internal error: a correlated-equilibrium multiplier is negative")
        violation = {k: conv(max(v, 0)) for k, v in poly.violations(dist).items()}
        worst = max(violation.values(), default=0)
        if worst > self.tol:
            raise GameTheoryError(
                f"internal error: correlated equilibrium violates an incentive constraint by {float(worst):.3g}"
            )
        value = conv(poly.objective_value(self.objective, p))
        bound = conv(poly.dual_bound(self.objective, multipliers))
        if not self.exact and not all(np.isfinite(v) for v in (value, bound, *violation.values())):
            # payoffs near the largest float: the LP was solved scaled, but this number has no float
            raise InputError(f"the correlated equilibrium's {self._objective_text()} ({float(value):.6g}, dual bound "
                             f"{float(bound):.6g}) exceeds the largest float; rescale the payoffs or give them exactly",
                             field="payoffs")
        if self.exact:
            certified = bound == value
        else:
            scale = max(1.0, float(abs(np.asarray(self.game.payoffs, dtype=float)).max()))
            certified = bound - value <= CORRELATED_GAP_REL * scale
        payoffs = {player: conv(u.dot(p)) for player, u in poly.payoff_vectors().items()}
        object.__setattr__(self, "distribution", MappingProxyType(dist))
        object.__setattr__(self, "multipliers", MappingProxyType(multipliers))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))
        object.__setattr__(self, "payoffs", MappingProxyType(payoffs))
        object.__setattr__(self, "violation", MappingProxyType(violation))
        object.__setattr__(self, "objective_value", value)
        object.__setattr__(self, "dual_bound", bound)
        object.__setattr__(self, "optimal_certified", bool(certified))

    def _objective_text(self) -> str:
        return "total payoff" if self.objective == "total" else f"{self.objective}'s payoff"

    def __str__(self) -> str:
        players = self.game.players
        mode = "exact" if self.exact else f"float, tolerance {format_number(self.tol)}"
        optimal = ("certified by LP duality" if self.optimal_certified
                   else f"not certified (dual bound {format_number(self.dual_bound)})")
        lines = [
            f"method: correlated ({mode})",
            f"correlated equilibrium maximising {self._objective_text()}: {format_number(self.objective_value)}; "
            f"optimality {optimal}",
            "distribution over profiles:",
        ]
        lines += [f"  {format_number(q)}  " + "; ".join(f"{p}: {s}" for p, s in zip(players, prof))
                  for prof, q in self.distribution.items()]
        lines.append("payoffs: " + ", ".join(f"{p} {format_number(v)}" for p, v in self.payoffs.items()))
        lines.append("incentive violation: " + ", ".join(f"{p} {format_number(v)}" for p, v in self.violation.items()))
        if self.multipliers:
            lines.append(f"certificate: dual bound {format_number(self.dual_bound)} from the multipliers")
            lines += [f"  {format_number(v)}  {p} told {rec}, not {dev}"
                      for (p, rec, dev), v in self.multipliers.items()]
        else:
            lines.append(f"certificate: dual bound {format_number(self.dual_bound)} (no multiplier needed)")
        if self.diagnostics:
            lines.append("diagnostics:")
            lines += [f"  - {d}" for d in self.diagnostics]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The JSON document of ``gametheory solve --method correlated --json`` (see the README)."""
        ex = self.exact
        players = self.game.players
        return {
            "game": _game_json(self.game),
            "method": self.method,
            "exact": bool(ex),
            "objective": self.objective,
            "objective_value": json_number(self.objective_value, ex),
            "optimal_certified": self.optimal_certified,
            "distribution": [
                {"profile": dict(zip(players, prof)), "probability": json_number(q, ex)}
                for prof, q in self.distribution.items()
            ],
            "payoffs": {p: json_number(v, ex) for p, v in self.payoffs.items()},
            "violation": {p: json_number(v, ex) for p, v in self.violation.items()},
            "certificate": {
                "dual_bound": json_number(self.dual_bound, ex),
                "multipliers": [
                    {"player": p, "recommended": rec, "deviation": dev, "multiplier": json_number(v, ex)}
                    for (p, rec, dev), v in self.multipliers.items()
                ],
            },
            "diagnostics": list(self.diagnostics),
        }

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "latex")
