"""Distributions of parameter draws: uniform in the declared range by default, or the user's.

Specs (``--dist NAME=SPEC`` on the command line):

- ``uniform`` or ``uniform:LO:HI``: uniform on ``[LO, HI]`` (default: the declared range);
- ``triangular:LO:MODE:HI``;
- ``normal:MEAN:SD``: normal truncated to the declared range (by inverse-CDF
  sampling of the truncated law, so every draw lies in the range);
- ``fixed:VALUE``.

Every distribution must lie inside the parameter's declared range; a spec
reaching outside it is an :class:`~gametheory.errors.InputError`.
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

__all__ = ["Distribution", "parse_distribution", "uniform_in"]

#: The laws a parameter can be drawn from.
Kind: TypeAlias = Literal["uniform", "triangular", "normal", "fixed"]


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
