r"""Distributions of parameter draws: uniform in the declared range by default, or the user's.

Specs (``--dist NAME=SPEC`` on the command line):

- ``uniform`` or ``uniform:LO:HI``: uniform on ``[LO, HI]`` (default: the declared range);
- ``triangular:LO:MODE:HI``;
- ``normal:MEAN:SD``: normal truncated to the declared range (by inverse-CDF
  sampling of the truncated law, so every draw lies in the range);
- ``fixed:VALUE``.

Every distribution must lie inside the parameter's declared range; a spec
reaching outside it is an :class:`~gametheory.errors.InputError`.

Payoff noise (:class:`PayoffNoise`) is drawn after the parameters, per payoff
entry and independently: a payoff :math:`u` (its value at the drawn
parameters) becomes

.. math:: \tilde u = u\,(1 + e) + n, \qquad n \sim N(0, \sigma^2),

with the relative error :math:`e \sim U[-r, r]` (``"uniform"``, so
:math:`\tilde u` lies within :math:`\pm r|u|` of :math:`u`) or
:math:`e \sim N(0, r^2)` (``"normal"``, standard deviation :math:`r|u|`).
A payoff of 0 stays 0 under relative noise, and a tie between two payoffs
survives it only when both are 0; absolute noise breaks every tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..numbers import parse_rational

if TYPE_CHECKING:
    from .space import Space

__all__ = ["Distribution", "parse_distribution", "uniform_in", "PayoffNoise", "NOISE_LAWS"]

#: The laws a parameter can be drawn from.
Kind: TypeAlias = Literal["uniform", "triangular", "normal", "fixed"]
#: The laws of the relative error of a payoff (:class:`PayoffNoise`).
NoiseLaw: TypeAlias = Literal["uniform", "normal"]
NOISE_LAWS: tuple[NoiseLaw, ...] = ("uniform", "normal")


@dataclass(frozen=True)
class Distribution:
    """A one-parameter law: ``kind`` in uniform, triangular, normal, fixed, with its numbers."""

    name: str
    kind: Kind
    args: tuple[Fraction, ...]
    lo: Fraction
    hi: Fraction

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        a = [float(x) for x in self.args]
        if self.kind == "uniform":
            return rng.uniform(a[0], a[1], size)
        if self.kind == "triangular":
            if a[0] == a[2]:
                return np.full(size, a[0])
            return rng.triangular(a[0], a[1], a[2], size)
        if self.kind == "fixed":
            return np.full(size, a[0])
        if self.kind == "normal":
            from scipy.stats import norm

            lo, hi = float(self.lo), float(self.hi)
            cl, ch = norm.cdf((lo - a[0]) / a[1]), norm.cdf((hi - a[0]) / a[1])
            u = rng.uniform(cl, ch, size)
            return np.clip(a[0] + a[1] * norm.ppf(u), lo, hi)
        raise InputError(f"unknown distribution {self.kind!r}", field="--dist")


def uniform_in(name: str, rng_range: tuple[Fraction, Fraction]) -> Distribution:
    """The default law of parameter ``name``: uniform on its declared range ``(lo, hi)``."""
    lo, hi = rng_range
    return Distribution(name, "uniform", (lo, hi), lo, hi)


_ARITY: dict[Kind, tuple[int, ...]] = {"uniform": (0, 2), "triangular": (3,), "normal": (2,), "fixed": (1,)}


def parse_distribution(text: str, space: Space) -> Distribution:
    """Parse ``NAME=SPEC`` (see the module docstring) and check it against the declared range.

    >>> from gametheory.assumptions.space import Space
    >>> sp = Space(("s",), {"s": 1}, {"s": (0, 3)})
    >>> parse_distribution("s=triangular:0:1:3", sp).kind
    'triangular'
    >>> parse_distribution("s=uniform:0:4", sp)
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --dist: s=uniform:0:4 reaches outside the declared range [0, 3] of s
    """
    name, sep, spec = text.partition("=")
    name = space.check(name.strip(), field="--dist")
    if not sep or not spec.strip():
        raise InputError(f"expected NAME=KIND[:ARGS], got {text!r}", field="--dist")
    kind, *parts = spec.strip().split(":")
    if kind not in _ARITY:  # narrows kind to Kind
        raise InputError(f"unknown distribution {kind!r} in {text!r}; use one of {sorted(_ARITY)}", field="--dist")
    if len(parts) not in _ARITY[kind]:
        raise InputError(f"{kind} takes {' or '.join(map(str, _ARITY[kind]))} numbers, got {len(parts)} in {text!r}",
                         field="--dist")
    args = tuple(parse_rational(p, field="--dist") for p in parts)
    lo, hi = space.ranges[name]
    if kind == "uniform" and not args:
        args = (lo, hi)
    # the numbers that must lie in the range: all but a normal law's standard deviation
    inside: tuple[Fraction, ...] = args
    if kind == "normal":
        if args[1] <= 0:
            raise InputError(f"the standard deviation in {text!r} must be positive", field="--dist")
        inside = (args[0],)
    if kind in ("uniform", "triangular") and list(args) != sorted(args):
        raise InputError(f"{text!r}: the numbers must be in increasing order (lo <= ... <= hi)", field="--dist")
    if any(x < lo or x > hi for x in inside):
        raise InputError(f"{text.strip()} reaches outside the declared range [{lo}, {hi}] of {name}", field="--dist")
    return Distribution(name, kind, args, lo, hi)


@dataclass(frozen=True)
class PayoffNoise:
    """Noise on every payoff: ``u * (1 + e) + n`` (see the module docstring).

    Attributes
    ----------
    absolute : float
        Standard deviation :math:`\\sigma` of the additive Gaussian noise ``n`` (>= 0).
    relative : float
        Size :math:`r` of the relative error ``e`` (>= 0): its half-width
        (``law="uniform"``) or standard deviation (``law="normal"``).
    law : {"uniform", "normal"}
        The law of ``e``.

    Examples
    --------
    >>> noise = PayoffNoise(relative=0.5)
    >>> P = np.array([[0.0, 2.0, -4.0]])
    >>> out = noise.apply(P, np.random.default_rng(0))
    >>> bool(out[0, 0] == 0 and 1 <= out[0, 1] <= 3 and -6 <= out[0, 2] <= -2)
    True
    >>> noise.describe()
    'each payoff times (1 + e), e uniform on [-0.5, 0.5] (within 50% of its value)'
    """

    absolute: float = 0.0
    relative: float = 0.0
    law: NoiseLaw = "uniform"

    def __post_init__(self) -> None:
        for flag, v in (("--noise", self.absolute), ("--rel-noise", self.relative)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
                raise InputError(f"{flag} must be a finite number >= 0, got {v!r}", field=flag)
        if self.law not in NOISE_LAWS:
            raise InputError(f"unknown relative-noise law {self.law!r}; use one of {list(NOISE_LAWS)}",
                             field="--rel-noise-dist")
        object.__setattr__(self, "absolute", float(self.absolute))
        object.__setattr__(self, "relative", float(self.relative))

    def __bool__(self) -> bool:
        return bool(self.absolute or self.relative)

    def apply(self, payoffs: NDArray[np.float64], rng: np.random.Generator) -> NDArray[np.float64]:
        """``payoffs * (1 + e) + n`` with fresh draws from ``rng`` (the absolute noise first, then ``e``).

        The draw order keeps studies with absolute noise only identical to
        those made before relative noise existed (same seed, same numbers).
        """
        out = payoffs
        added = rng.normal(0.0, self.absolute, payoffs.shape) if self.absolute else None
        if self.relative:
            if self.law == "uniform":
                e = rng.uniform(-self.relative, self.relative, payoffs.shape)
            else:
                e = rng.normal(0.0, self.relative, payoffs.shape)
            out = out * (1.0 + e)
        return out + added if added is not None else out

    def breaks_tie(self, value: float) -> bool:
        """Does this noise break an exact tie between two payoffs both worth ``value``?"""
        return bool(self.absolute) or (bool(self.relative) and value != 0)

    def describe(self) -> str:
        """The noise in words, for the report's header."""
        parts = []
        if self.relative:
            r = f"{self.relative:g}"
            if self.law == "uniform":
                parts.append(f"each payoff times (1 + e), e uniform on [-{r}, {r}] (within {self.relative:.0%} "
                             "of its value)")
            else:
                parts.append(f"each payoff times (1 + e), e normal with mean 0 and s.d. {r} "
                             f"(s.d. {self.relative:.0%} of its value)")
        if self.absolute:
            parts.append(f"{'then ' if parts else 'each payoff '}plus Gaussian noise of s.d. {self.absolute:g}")
        return ", ".join(parts) if parts else "none"
