"""Results of a solve: equilibria that carry their certificates.

An :class:`Equilibrium` holds a labelled :class:`~gametheory.MixedProfile`,
each player's expected payoff and each player's regret (the certificate: all
zero in exact arithmetic, within ``tol`` in floats).  A :class:`SolveResult`
says what was proved: the method, whether the method guarantees it found all
equilibria (``complete``), exact or float, the tolerance, diagnostics, and the
grouping of equilibria into connected components where the method knows it.
Building a ``SolveResult`` re-checks every certificate, so a result that
exists is a result whose equilibria are equilibria.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from .errors import GameTheoryError
from .profile import MixedProfile

__all__ = ["Equilibrium", "SolveResult", "json_number"]


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
    payoffs: Mapping
    regret: Mapping
    info: Mapping = field(default_factory=lambda: MappingProxyType({}))

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

    def __str__(self):
        from .numbers import format_number

        parts = []
        for p, d in self.profile.as_dict().items():
            nz = [(s, q) for s, q in d.items() if q != 0]
            if len(nz) == 1:
                parts.append(f"{p}: {nz[0][0]}")
            else:
                parts.append(f"{p}: " + " + ".join(f"{format_number(q)} {s}" for s, q in nz))
        pay = ", ".join(f"{p} {format_number(v)}" for p, v in self.payoffs.items())
        reg = ", ".join(f"{p} {format_number(v)}" for p, v in self.regret.items())
        return f"{'; '.join(parts)}  (payoffs {pay}; regret {reg})"

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
        equilibrium, for games with continua) is listed.
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

    game: object
    method: str
    complete: bool
    exact: bool
    tol: float
    equilibria: tuple
    diagnostics: tuple = ()
    components: tuple = ()
    extra: Mapping = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self):
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "diagnostics", tuple(self.diagnostics))
        object.__setattr__(self, "components", tuple(tuple(c) for c in self.components))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))
        for k, eq in enumerate(self.equilibria):
            if eq.max_regret > self.tol:
                raise GameTheoryError(
                    f"internal error: method {self.method!r} reported equilibrium {k} with regret "
                    f"{float(eq.max_regret):.3g} > tolerance {float(self.tol):.3g}: {eq.profile!r}"
                )

    def __len__(self):
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def to_json(self) -> dict:
        """The JSON document of ``gametheory solve --json`` (see the README)."""
        g = self.game
        doc = {
            "game": {
                "title": g.title,
                "players": list(g.players),
                "strategies": {p: list(s) for p, s in zip(g.players, g.strategies)},
            },
            "method": self.method,
            "complete": bool(self.complete),
            "exact": bool(self.exact),
            "equilibria": [eq.to_json() for eq in self.equilibria],
            "diagnostics": list(self.diagnostics),
        }
        if self.components:
            doc["components"] = [list(c) for c in self.components]
        for key, val in self.extra.items():
            if key not in doc and _is_jsonable(val):
                doc[key] = val
        return doc


def _is_jsonable(val) -> bool:
    import json

    try:
        json.dumps(val)
    except (TypeError, ValueError):
        return False
    return True
