"""The parameter space of a model: names, defaults, declared ranges and assumptions.

A :class:`Space` is what the assumption tools need from a model file
(:func:`gametheory.io.model.load_model`): each parameter's default and
``[lo, hi]`` range, and the model's ``assumptions`` (sympy relations such as
``w < a_K``).  It also parses the command line's ``--vary p=LO:HI:N``.

The assumptions policy of the assumption studies (``conditions``,
``regions``, ``sweep``, ``robust``): a space applies its model's assumptions
unless built with ``apply_assumptions=False`` (``--no-assumptions``);
:attr:`Space.applied` is what a study restricts itself to, and
:meth:`Space.broken_assumptions` names the assumptions a point breaks
(:mod:`.policy` turns them into the reports' header and warnings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import sympy
from numpy.typing import NDArray

from ..errors import InputError
from ..numbers import parse_rational, to_exact

if TYPE_CHECKING:
    from ..io.model import Model

__all__ = ["Space", "Vary", "parse_vary", "load_study", "LABEL_WIDTH"]

#: At most this many characters of a parameter's meaning in :meth:`Space.label` (axis labels, legends).
LABEL_WIDTH = 40


@dataclass(frozen=True)
class Space:
    """Parameters with defaults, ranges and assumptions.

    Attributes
    ----------
    names : tuple of str
    defaults : mapping name -> Fraction
    ranges : mapping name -> (Fraction, Fraction)
    assumptions : tuple of sympy relations
    source : str
        Where it came from (a model path), for error messages.
    apply_assumptions : bool
        Whether the studies of this space keep to the points that meet the
        assumptions (default) or ignore them (``--no-assumptions``).
    assumption_texts : tuple of str
        The assumptions as the model file writes them (default: sympy's text of each).
    meanings : mapping name -> str
        Each parameter's meaning as the model file gives it (for :meth:`label`); may be empty.
    """

    names: tuple[str, ...]
    defaults: Mapping[str, Fraction]  # numbers to_exact reads are accepted and converted
    ranges: Mapping[str, tuple[Fraction, Fraction]]
    assumptions: tuple[sympy.Basic, ...] = ()
    source: str | None = None
    apply_assumptions: bool = True
    assumption_texts: tuple[str, ...] = ()
    meanings: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "defaults", MappingProxyType({k: to_exact(v) for k, v in self.defaults.items()}))
        object.__setattr__(
            self, "ranges", MappingProxyType({k: (to_exact(a), to_exact(b)) for k, (a, b) in self.ranges.items()})
        )
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        object.__setattr__(self, "meanings", MappingProxyType({k: str(v) for k, v in self.meanings.items()}))
        texts = tuple(self.assumption_texts)
        if len(texts) != len(self.assumptions):  # the file's wording when given for each, else sympy's
            texts = tuple(map(str, self.assumptions))
        object.__setattr__(self, "assumption_texts", texts)

    @classmethod
    def from_model(cls, model: Model, apply_assumptions: bool = True) -> Space:
        """The space of a loaded model (``model.parameters``, ``model.assumptions``)."""
        params = model.parameters
        return cls(
            tuple(params),
            {k: p.default for k, p in params.items()},
            {k: tuple(p.range) for k, p in params.items()},
            tuple(getattr(model, "assumptions", ()) or ()),
            str(getattr(model, "path", "")) or None,
            apply_assumptions,
            tuple(getattr(model, "assumption_texts", ()) or ()),
            meanings={k: p.meaning for k, p in params.items() if getattr(p, "meaning", "")},
        )

    @property
    def applied(self) -> tuple[sympy.Basic, ...]:
        """The assumptions a study keeps to: all of them, or none with ``apply_assumptions=False``."""
        return self.assumptions if self.apply_assumptions else ()

    def broken_assumptions(self, values: Mapping[str, object]) -> list[str]:
        """The assumptions (as the model writes them) that are false at ``values``, decided exactly.

        An assumption with a parameter missing from ``values`` is not judged.

        >>> import sympy
        >>> x, y = sympy.symbols("x y", real=True)
        >>> s = Space(("x", "y"), {"x": 1, "y": 2}, {"x": (0, 5), "y": (0, 5)}, (x < y, x > 0), None, True,
        ...           ("x < y", "x > 0"))
        >>> s.broken_assumptions({"x": 4, "y": 2})
        ['x < y']
        >>> s.broken_assumptions({"x": 4})
        []
        """
        from ..io.expressions import check_powers

        exact = {k: to_exact(v, field=k) for k, v in values.items()}
        out = []
        for text, rel in zip(self.assumption_texts, self.assumptions):
            names = {sym.name for sym in rel.free_symbols}
            if not names <= set(exact):
                continue
            # substitution builds every power exactly: refuse a power too large to build first
            check_powers(text, exact, field="assumptions", path=self.source)
            subs = {sym: sympy.Rational(exact[sym.name].numerator, exact[sym.name].denominator)
                    for sym in rel.free_symbols}
            if rel.xreplace(subs) is sympy.false:
                out.append(text)
        return out

    def meets_assumptions(self, values: Mapping[str, float | NDArray[np.float64]], size: int) -> NDArray[np.bool_]:
        """Which of ``size`` points (floats or arrays of them per parameter) meet every inequality assumption.

        In floating point, for grids and draws; an equality assumption ``a = b`` is
        met only where the two sides are equal as floats.

        >>> import sympy
        >>> x = sympy.Symbol("x", real=True)
        >>> s = Space(("x",), {"x": 1}, {"x": (0, 2)}, (x < 1,))
        >>> s.meets_assumptions({"x": np.array([0.5, 1.0, 1.5])}, 3).tolist()
        [True, False, False]
        """
        return np.all([self.meets_assumption(k, values, size) for k in range(len(self.assumptions))]
                      or [np.ones(size, dtype=bool)], axis=0)

    def meets_assumption(self, k: int, values: Mapping[str, float | NDArray[np.float64]],
                         size: int) -> NDArray[np.bool_]:
        """Which of ``size`` points meet the ``k``-th assumption (see :meth:`meets_assumptions`)."""
        from .numeric import evaluate

        rel = self.assumptions[k]
        d = np.broadcast_to(evaluate(rel.lhs - rel.rhs, values, size), (size,))
        if isinstance(rel, sympy.StrictGreaterThan):
            return d > 0
        if isinstance(rel, sympy.GreaterThan):
            return d >= 0
        if isinstance(rel, sympy.StrictLessThan):
            return d < 0
        if isinstance(rel, sympy.LessThan):
            return d <= 0
        if isinstance(rel, sympy.Ne):
            return d != 0
        return d == 0

    def check(self, name: str, field: str = "parameter") -> str:
        """``name`` if it is a parameter, else an :class:`InputError` listing the parameters."""
        if name not in self.names:
            raise InputError(f"unknown parameter {name!r}; the model's parameters are {list(self.names)}",
                             path=self.source, field=field)
        return name

    def label(self, name: str, width: int = LABEL_WIDTH) -> str:
        """A parameter's name for people: its meaning cut to the first clause, with the symbol.

        The meaning is cut before the first ``;``, ``:``, `` (`` or ``, ``, then at a word
        boundary to at most ``width`` characters (an ellipsis marks a cut inside the clause);
        a parameter without a meaning is its symbol alone.

        >>> s = Space(("s", "x"), {"s": 1, "x": 0}, {"s": (0, 3), "x": (0, 1)},
        ...           meanings={"s": "weight of spite: Serbia's gain per unit of Kosovo's harm"})
        >>> s.label("s")
        'weight of spite (s)'
        >>> s.label("x")
        'x'
        >>> Space(("c",), {"c": 1}, {"c": (0, 2)}, meanings={"c": "the West's loss from a blockade while "
        ...       "Kosovo depends on Serbia in winter"}).label("c")
        "the West's loss from a blockade while… (c)"
        """
        self.check(name)
        meaning = self.meanings.get(name, "").strip()
        clause = re.split(r";|:| \(|, |\. ", meaning, maxsplit=1)[0].strip().rstrip(".")
        if not clause:
            return name
        if len(clause) > width:
            cut = clause[:width + 1].rsplit(" ", 1)[0].rstrip(",;:")
            clause = (cut if cut and len(cut) <= width else clause[:width]) + "\u2026"
        return f"{clause} ({name})"

    def fixed(self, values: Mapping[str, object], field: str = "parameter") -> dict[str, Fraction]:
        """``values`` as exact numbers, after checking each is a parameter inside its declared range.

        >>> s = Space(("x",), {"x": 1}, {"x": (0, 2)})
        >>> s.fixed({"x": 3}, field="--param")
        Traceback (most recent call last):
        ...
        gametheory.errors.InputError: --param x=3 is outside the declared range [0, 2]
        """
        for k in values:
            self.check(k, field=field)
        out = {k: to_exact(v, field=f"{field} {k}") for k, v in values.items()}
        for k, v in out.items():
            lo, hi = self.ranges[k]
            if not lo <= v <= hi:
                raise InputError(f"{field} {k}={v} is outside the declared range [{lo}, {hi}]", path=self.source)
        return out

    def box(self, names: Iterable[str] | None = None) -> dict[str, tuple[Fraction, Fraction]]:
        """``{name: (lo, hi)}`` for ``names`` (default all)."""
        return {k: self.ranges[k] for k in (self.names if names is None else names)}

    def point(self, overrides: Mapping[str, Fraction] | None = None) -> dict[str, Fraction]:
        """Defaults overridden by ``overrides`` (names checked)."""
        out = dict(self.defaults)
        for k, v in (overrides or {}).items():
            out[self.check(k)] = v
        return out

    def symbols(self) -> dict[str, sympy.Symbol]:
        """A real sympy Symbol per parameter."""
        return {k: sympy.Symbol(k, real=True) for k in self.names}


@dataclass(frozen=True)
class Vary:
    """One varied parameter: ``name`` over ``[lo, hi]`` in ``num`` grid points."""

    name: str
    lo: Fraction
    hi: Fraction
    num: int

    def grid(self) -> NDArray[np.float64]:
        """The ``num`` equally spaced values from ``lo`` to ``hi``."""
        return np.linspace(float(self.lo), float(self.hi), self.num)


def parse_vary(text: str, space: Space, default_num: int = 41) -> Vary:
    """Parse ``p``, ``p=LO:HI`` or ``p=LO:HI:N``; the range defaults to the declared one.

    >>> s = Space(("x",), {"x": 1}, {"x": (0, 2)})
    >>> parse_vary("x=0:1:5", s)
    Vary(name='x', lo=Fraction(0, 1), hi=Fraction(1, 1), num=5)
    >>> parse_vary("x", s).hi
    Fraction(2, 1)
    """
    name, _, spec = text.partition("=")
    name = space.check(name.strip(), field="--vary")
    if not spec:
        lo, hi = space.ranges[name]
        return Vary(name, lo, hi, default_num)
    parts = spec.split(":")
    if len(parts) not in (2, 3):
        raise InputError(f"expected NAME=LO:HI or NAME=LO:HI:N, got {text!r}", field="--vary")
    lo = parse_rational(parts[0], field="--vary")
    hi = parse_rational(parts[1], field="--vary")
    if lo > hi:
        raise InputError(f"range of {name} has lo > hi ({parts[0]} > {parts[1]})", field="--vary")
    num = default_num
    if len(parts) == 3:
        try:
            num = int(parts[2])
        except ValueError:
            raise InputError(f"grid size of {name} must be an integer, got {parts[2]!r}", field="--vary") from None
        if num < 1 or (num < 2 and lo != hi):
            raise InputError(f"grid size of {name} must be at least 2, got {num}", field="--vary")
    return Vary(name, lo, hi, num)


def load_study(path) -> tuple[Model, Space]:
    """``(model, space)`` of a model file: what the assumption studies (regions, conditions, sweeps) work on.

    A Gambit file (``.nfg``, ``.efg``) has no parameters to study: InputError.
    """
    from ..io import check_source_path
    from ..io.model import load_model

    path = check_source_path(path)
    if not path.lower().endswith(".toml"):
        raise InputError("payoff assumptions are studied on model files (.toml) with parameters", path=path)
    model = load_model(path)
    return model, Space.from_model(model)
