r"""Screening: a seller's take-it-or-leave-it price to a buyer whose value is private.

The buyer's value is :math:`v_t` for type :math:`t`, drawn with the common
prior :math:`p_t`; the seller, whose cost (or value of keeping the good) is
:math:`c`, names one price :math:`P` and the buyer buys iff :math:`v_t \ge P`
(buying when indifferent).  Against the demand
:math:`D(P) = \sum_{t:\,v_t \ge P} p_t` an optimal price is always one of
the values, so the seller compares the finitely many profits

.. math:: \pi(v_k) = (v_k - c)\,\sum_{t:\,v_t \ge v_k} p_t,

and charges the highest value among the maximisers (the convention that makes
the two-type rule read "iff ... :math:`\ge`").  Each profit is linear in the
prior, so the set of priors where a price is optimal is a polytope; each
region is returned as its linear inequalities, exactly.  With two types
:math:`v_L < v_H` and :math:`c < v_L` the seller charges :math:`v_H` (selling
to the high type only) iff

.. math:: p_H \;\ge\; \frac{v_L - c}{v_H - c}
          \qquad (\text{with } c = 0:\; p_H \ge v_L / v_H),

the screening cut-off (:func:`screening_cutoff` derives it with sympy, also
for symbolic values).  Below it the seller pools at :math:`v_L` and trade is
efficient; above it the low type is priced out: the deadweight loss of
monopoly under private information.

References
----------
R. Gibbons, *Game Theory for Applied Economists*, Princeton UP 1992, §3.2.
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press 1991, §7.1 and §10.2
(the one-period monopoly price against a buyer of unknown value).
M. J. Osborne, *An Introduction to Game Theory*, Oxford UP 2004, §9.

Examples
--------
>>> r = screening({"low": 2, "high": 5}, {"low": "1/2", "high": "1/2"})
>>> r.price, r.buyers, r.profit, r.cutoff
(Fraction(5, 1), ('high',), Fraction(5, 2), Fraction(2, 5))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..numbers import to_exact

if TYPE_CHECKING:
    import sympy

__all__ = ["ScreeningResult", "PriceRegion", "screening", "screening_cutoff", "check_types"]


def check_types(values: Mapping[str, Any], prior: Mapping[str, Any], *, value_name: str = "value",
                positive_prior: bool = False) -> tuple[tuple[str, ...], dict[str, Fraction], dict[str, Fraction]]:
    """The type labels, their exact values and their exact prior, after checking them.

    Every type has a value and a probability, the probabilities lie in
    [0, 1] (in (0, 1] with ``positive_prior``) and sum to exactly 1.

    >>> check_types({"a": 1}, {"a": "0.9"})
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: prior: the probabilities sum to 9/10, not 1
    """
    if not isinstance(values, Mapping) or not isinstance(prior, Mapping):
        raise InputError(f"the {value_name}s and the prior must be mappings from type labels to numbers")
    if not values:
        raise InputError("at least one type is needed", field=value_name)
    labels = tuple(str(t) for t in values)
    if len(set(labels)) != len(labels):
        raise InputError("duplicate type labels", field=value_name)
    missing = [t for t in values if t not in prior]
    if missing:
        raise InputError(f"type {missing[0]!r} has a {value_name} but no prior probability", field="prior")
    extra = [t for t in prior if t not in values]
    if extra:
        raise InputError(f"type {extra[0]!r} has a prior probability but no {value_name}", field=value_name)
    vals = {str(t): to_exact(values[t], field=f"{value_name} {t}") for t in values}
    probs = {str(t): to_exact(prior[t], field=f"prior {t}") for t in values}
    for t, p in probs.items():
        if p < 0 or p > 1 or (positive_prior and p == 0):
            bound = "in (0, 1]" if positive_prior else "in [0, 1]"
            raise InputError(f"the probability of type {t!r} must lie {bound}, got {p}", field="prior")
    total = sum(probs.values(), Fraction(0))
    if total != 1:
        raise InputError(f"the probabilities sum to {total}, not 1", field="prior")
    return labels, vals, probs


def _linear_text(coefficients: Mapping[str, Fraction]) -> str:
    """``"3*P(high) - 2*P(low)"`` (zero terms left out; ``"0"`` when all are)."""
    out = ""
    for t, a in coefficients.items():
        if a == 0:
            continue
        sign = "-" if a < 0 else "+"
        mag = abs(a)
        term = f"P({t})" if mag == 1 else f"{mag}*P({t})"
        out = (f"-{term}" if sign == "-" else term) if not out else f"{out} {sign} {term}"
    return out or "0"


@dataclass(frozen=True)
class PriceRegion:
    """The priors at which charging ``price`` is optimal (highest among ties): linear inequalities.

    Attributes
    ----------
    price : Fraction
    conditions : tuple of str
        Each ``"LINEAR FORM >= 0"`` (or ``> 0``) in the probabilities ``P(type)``; together with
        ``P(t) >= 0`` and ``sum P(t) = 1`` they describe the region exactly.
    holds : bool
        Whether the given prior lies in it.
    """

    price: Fraction
    conditions: tuple[str, ...]
    holds: bool

    def to_json(self) -> dict:
        return {"price": str(self.price), "conditions": list(self.conditions), "holds": self.holds}


@dataclass(frozen=True)
class ScreeningResult:
    """The seller's optimal take-it-or-leave-it price against a buyer of unknown type.

    Attributes
    ----------
    values, prior : mapping type -> Fraction
    cost : Fraction
        The seller's cost (value of keeping the good).
    price : Fraction or None
        The optimal price (the highest optimal one), or None when no sale gives a positive profit.
    buyers : tuple of str
        The types that buy at ``price``.
    sale_probability, revenue, profit : Fraction
        ``P(buy)``, ``price * P(buy)`` and ``(price - cost) * P(buy)``.
    profits : tuple of (price, profit)
        Every candidate price (a value above the cost), highest first, with its profit.
    optimal_prices : tuple of Fraction
        Every profit-maximising candidate (more than one exactly on a cut-off).
    surplus : mapping type -> Fraction
        Each type's gain ``v_t - price`` if it buys, else 0.
    deadweight_loss : Fraction
        ``sum p_t (v_t - c)`` over the types with ``v_t > c`` that do not buy.
    cutoff : Fraction or None
        Two types, ``v_L < v_H``, ``v_H > c``: the probability of the high type at and above which
        the seller charges ``v_H`` (``(v_L - c)/(v_H - c)``, 0 when ``v_L <= c``); None otherwise.
    regions : tuple of PriceRegion
        For each candidate price, the priors where it is the price charged.
    """

    values: Mapping[str, Fraction]
    prior: Mapping[str, Fraction]
    cost: Fraction
    price: Fraction | None
    buyers: tuple[str, ...]
    sale_probability: Fraction
    revenue: Fraction
    profit: Fraction
    profits: tuple[tuple[Fraction, Fraction], ...]
    optimal_prices: tuple[Fraction, ...]
    surplus: Mapping[str, Fraction]
    deadweight_loss: Fraction
    cutoff: Fraction | None
    regions: tuple[PriceRegion, ...]

    @property
    def high_type(self) -> str | None:
        """With two types of different values, the one with the higher value; else None."""
        if len(self.values) != 2 or len(set(self.values.values())) != 2:
            return None
        return max(self.values, key=lambda t: self.values[t])

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings."""
        return {
            "model": "screening",
            "values": {t: str(v) for t, v in self.values.items()},
            "prior": {t: str(p) for t, p in self.prior.items()},
            "cost": str(self.cost),
            "price": None if self.price is None else str(self.price),
            "buyers": list(self.buyers),
            "sale_probability": str(self.sale_probability),
            "revenue": str(self.revenue),
            "profit": str(self.profit),
            "profits": [{"price": str(p), "profit": str(v)} for p, v in self.profits],
            "optimal_prices": [str(p) for p in self.optimal_prices],
            "surplus": {t: str(s) for t, s in self.surplus.items()},
            "deadweight_loss": str(self.deadweight_loss),
            "cutoff": None if self.cutoff is None else {"type": self.high_type, "probability": str(self.cutoff)},
            "regions": [r.to_json() for r in self.regions],
        }

    def __str__(self) -> str:
        types = ", ".join(f"{t} (value {self.values[t]}, prior {self.prior[t]})" for t in self.values)
        lines = [f"screening: one take-it-or-leave-it price; buyer types {types}; seller's cost {self.cost}"]
        if self.price is None:
            lines.append("  no price above the cost sells: no trade")
        else:
            who = ", ".join(self.buyers)
            lines.append(f"  optimal price {self.price}: bought by {who} (probability {self.sale_probability}); "
                         f"revenue {self.revenue}, profit {self.profit}")
        lines.append("  profit by price: " + ", ".join(f"{p} -> {v}" for p, v in self.profits))
        if len(self.optimal_prices) > 1:
            lines.append("  tie: " + ", ".join(map(str, self.optimal_prices))
                         + " are all optimal (the highest is charged)")
        lines.append("  buyer surplus: " + ", ".join(f"{t} {s}" for t, s in self.surplus.items())
                     + f"; deadweight loss {self.deadweight_loss}")
        hi = self.high_type
        if self.cutoff is not None and hi is not None:
            lo = next(t for t in self.values if t != hi)
            lines.append(f"  cut-off: charge {self.values[hi]} (only {hi} buys) iff P({hi}) >= {self.cutoff}, "
                         f"else {self.values[lo]} (both buy)")
        else:
            for r in self.regions:
                mark = "  <- this prior" if r.holds else ""
                lines.append(f"  price {r.price} is charged iff " + " and ".join(r.conditions) + mark)
        return "\n".join(lines)


def screening(values: Mapping[str, Any], prior: Mapping[str, Any], *, cost: Any = 0) -> ScreeningResult:
    """The seller's optimal take-it-or-leave-it price, who buys, the revenue and the exact cut-offs.

    Parameters
    ----------
    values : mapping type label -> number
        The buyer's value for each type (exact: ints, Fractions, text such as ``"5/2"``).
    prior : mapping type label -> number
        The probability of each type; each in [0, 1], summing to exactly 1.
    cost : number, default 0
        The seller's cost; only prices above it are worth charging.

    Returns
    -------
    ScreeningResult

    Raises
    ------
    InputError
        A type without a value or a probability, a prior not summing to 1, a non-number.

    Examples
    --------
    >>> r = screening({"low": 2, "high": 5}, {"low": "7/10", "high": "3/10"})
    >>> r.price, r.buyers, r.profit      # P(high) = 3/10 < 2/5: pool at the low value
    (Fraction(2, 1), ('low', 'high'), Fraction(2, 1))
    >>> screening({"a": 1, "b": 2, "c": 3}, {"a": "1/3", "b": "1/3", "c": "1/3"}).optimal_prices
    (Fraction(2, 1),)
    """
    labels, vals, probs = check_types(values, prior)
    c = to_exact(cost, field="cost")
    candidates = sorted({v for v in vals.values() if v > c}, reverse=True)

    def demand(price: Fraction) -> Fraction:
        return sum((probs[t] for t in labels if vals[t] >= price), Fraction(0))

    profits = tuple((p, (p - c) * demand(p)) for p in candidates)
    best = max((v for _, v in profits), default=Fraction(0))
    optimal = tuple(p for p, v in profits if v == best) if best > 0 else ()
    price = optimal[0] if optimal else None  # candidates run from the highest price down
    buyers = tuple(t for t in labels if price is not None and vals[t] >= price)
    sold = demand(price) if price is not None else Fraction(0)
    surplus = {t: (vals[t] - price if t in buyers and price is not None else Fraction(0)) for t in labels}
    dwl = sum((probs[t] * (vals[t] - c) for t in labels if t not in buyers and vals[t] > c), Fraction(0))
    return ScreeningResult(
        values=MappingProxyType(vals), prior=MappingProxyType(probs), cost=c, price=price, buyers=buyers,
        sale_probability=sold, revenue=(price or Fraction(0)) * sold, profit=best if price is not None else Fraction(0),
        profits=profits, optimal_prices=optimal, surplus=MappingProxyType(surplus), deadweight_loss=dwl,
        cutoff=_two_type_cutoff(vals, c), regions=_regions(labels, vals, probs, c, candidates),
    )


def _two_type_cutoff(vals: Mapping[str, Fraction], c: Fraction) -> Fraction | None:
    if len(vals) != 2:
        return None
    lo, hi = sorted(vals.values())
    if lo == hi or hi <= c:
        return None
    return max(lo - c, Fraction(0)) / (hi - c)


def _regions(labels: tuple[str, ...], vals: Mapping[str, Fraction], probs: Mapping[str, Fraction], c: Fraction,
             candidates: list[Fraction]) -> tuple[PriceRegion, ...]:
    """Price ``v_k`` is charged iff its profit is >= every lower price's and > every higher price's."""
    regions = []
    for k, pk in enumerate(candidates):
        conditions = []
        holds = True
        for j, pj in enumerate(candidates):
            if j == k:
                continue
            # profit(pk) - profit(pj) as a linear form in the prior
            coeffs = {t: (pk - c) * (vals[t] >= pk) - (pj - c) * (vals[t] >= pj) for t in labels}
            strict = j < k  # a higher price pj wins ties, so pk must beat it strictly
            value = sum((coeffs[t] * probs[t] for t in labels), Fraction(0))
            holds = holds and (value > 0 if strict else value >= 0)
            conditions.append(f"{_linear_text(coeffs)} {'>' if strict else '>='} 0")
        coeffs = {t: (pk - c) * (vals[t] >= pk) for t in labels}  # a positive profit: some buyer has mass
        value = sum((coeffs[t] * probs[t] for t in labels), Fraction(0))
        holds = holds and value > 0
        conditions.append(f"{_linear_text(coeffs)} > 0")
        regions.append(PriceRegion(pk, tuple(conditions), holds))
    return tuple(regions)


def screening_cutoff(v_low: Any, v_high: Any, cost: Any = 0, *, parameters: tuple[str, ...] = ()
                     ) -> Fraction | sympy.Expr:
    r"""The probability of the high type above which the seller charges the high value, derived with sympy.

    Solves :math:`(v_H - c)\,q = v_L - c` for :math:`q` (the two prices give
    the same profit there).  Numbers give a Fraction; symbolic values
    (sympy expressions, or text read by the whitelist parser
    :func:`gametheory.io.expressions.parse_expression` with the names in
    ``parameters``) give a sympy expression, valid when :math:`c < v_L < v_H`.

    >>> screening_cutoff(2, 5)
    Fraction(2, 5)
    >>> screening_cutoff(1, 4, cost=2)     # the low value is below the cost
    Fraction(0, 1)
    >>> screening_cutoff("v_L", "v_H", parameters=("v_L", "v_H"))
    v_L/v_H
    >>> screening_cutoff("v_L", "v_H", "c", parameters=("v_L", "v_H", "c"))
    (c - v_L)/(c - v_H)
    """
    import sympy

    from ..io.expressions import parse_expression

    def expr(x: Any, name: str) -> sympy.Expr:
        if isinstance(x, str):
            return parse_expression(x, parameters, field=name)
        if isinstance(x, sympy.Basic):
            return x
        return sympy.Rational(str(to_exact(x, field=name)))

    lo, hi, c = expr(v_low, "v_low"), expr(v_high, "v_high"), expr(cost, "cost")
    q = sympy.Symbol("q")
    solutions = sympy.solve(sympy.Eq((hi - c) * q, lo - c), q)
    if len(solutions) != 1:
        raise InputError("no cut-off: (v_high - cost) q = v_low - cost has no unique solution q", field="v_high")
    cut = sympy.simplify(solutions[0])
    if cut.free_symbols:
        return cut
    value = to_exact(cut, field="cutoff")
    lo_x, hi_x, c_x = (to_exact(x, field=name) for x, name in ((lo, "v_low"), (hi, "v_high"), (c, "cost")))
    if not lo_x < hi_x:
        raise InputError(f"v_low ({lo_x}) must be below v_high ({hi_x})", field="v_low")
    if not c_x < hi_x:
        raise InputError(f"no price above the cost {c_x} sells: the cut-off does not exist", field="cost")
    return max(value, Fraction(0))  # v_low <= cost: the high value is charged at every prior
