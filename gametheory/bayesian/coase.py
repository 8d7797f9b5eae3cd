r"""Two-period bargaining without commitment: the Coase-style price path against two buyer types.

A seller (cost 0) offers price :math:`p_1`; the buyer, of value :math:`v_H`
with prior probability :math:`q` or :math:`v_L < v_H` otherwise, buys or
waits; the seller, who cannot commit in period 1, then offers :math:`p_2` to
whoever waited, and the game ends.  The seller discounts period 2 by
:math:`\delta_S`, the buyer by :math:`\delta_B` (both in :math:`(0, 1]`).
The perfect Bayesian equilibrium is found by backward induction
(Fudenberg and Tirole 1983; 1991, §10.2):

* **Period 2.**  With posterior :math:`\mu` on the high type the seller
  charges :math:`v_H` iff :math:`\mu \ge r = v_L / v_H` (the one-shot
  screening cut-off, :mod:`gametheory.bayesian.screening`), else :math:`v_L`.
* **Period 1.**  The low type never gains by waiting (:math:`p_2 \ge v_L`),
  so it buys iff :math:`p_1 \le v_L`.  The high type buys at :math:`p_1`
  rather than wait for :math:`p_2 = v_L` iff
  :math:`p_1 \le \hat p = (1-\delta_B)\,v_H + \delta_B v_L`.  A price above
  :math:`\hat p` can sell to the high type only if it randomises, buying
  with probability :math:`\beta = (q - r)/(q(1 - r))` so that the posterior
  after a refusal is exactly :math:`r` and the period-2 price :math:`v_H` (the
  seller, indifferent, charges it); this needs :math:`q > r`, and the
  seller's profit then rises with :math:`p_1` up to :math:`v_H`.

So the seller chooses among three paths (where the continuation is not
unique, the seller's preferred one, without which its problem has no
maximum):

============  =====================  ===================================  ==============================================
path          :math:`(p_1, p_2)`     who buys when                        seller's discounted profit
============  =====================  ===================================  ==============================================
``pool``      :math:`(v_L, -)`       both types in period 1               :math:`v_L`
``screen``    :math:`(\hat p, v_L)`  high in period 1, low in period 2    :math:`q\hat p + \delta_S (1-q) v_L`
``skim``      :math:`(v_H, v_H)`     high: :math:`\beta` in period 1, the  :math:`q\beta v_H + \delta_S (1-q) v_L/(1-r)`
                                     rest in period 2; low never          (only when :math:`q > r`)
============  =====================  ===================================  ==============================================

``screen`` is the Coase-style path :math:`p_1 > p_2`: the seller price
discriminates over time, and the more patient the buyer (:math:`\delta_B \to 1`)
the closer its first price falls to :math:`v_L`, the Coase conjecture in
miniature (Coase 1972; Fudenberg, Levine and Tirole 1985 for the infinite
horizon).  A seller who could commit to a price path would choose the best
of selling to both at :math:`v_L`, to the high type only at :math:`v_H`
(:math:`q v_H`, never lowering the price) and the ``screen`` path (with
two types the committed path is one of these; with equal discount factors a
single price is optimal, Stokey 1979);
``commitment_loss`` is what the lack of commitment costs it.  Ties between paths are broken towards the higher
first price.

References
----------
N. Stokey, "Intertemporal price discrimination", *Quarterly J. Economics* 93 (1979) 355-371.
R. Coase, "Durability and monopoly", *J. Law and Economics* 15 (1972) 143-149.
D. Fudenberg and J. Tirole, "Sequential bargaining with incomplete information",
*Review of Economic Studies* 50 (1983) 221-247.
D. Fudenberg, D. Levine and J. Tirole, "Infinite-horizon models of bargaining with one-sided
incomplete information", in A. Roth (ed.), *Game-Theoretic Models of Bargaining*, Cambridge UP 1985.
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press 1991, §10.2.

Examples
--------
>>> r = coase_two_period({"low": 1, "high": 2}, {"low": "1/2", "high": "1/2"}, "9/10", "1/2")
>>> r.path, r.p1, r.p2, r.profit
('screen', Fraction(3, 2), Fraction(1, 1), Fraction(6, 5))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..errors import InputError
from ..numbers import to_exact
from .screening import check_types

__all__ = ["CoaseResult", "CoasePath", "coase_two_period"]

_ORDER = ("skim", "screen", "pool")  # ties go to the higher first price


@dataclass(frozen=True)
class CoasePath:
    """One candidate equilibrium path of the seller.

    Attributes
    ----------
    name : str
        ``"pool"``, ``"screen"`` or ``"skim"``.
    p1, p2 : Fraction or None
        The period-1 price and the period-2 price on the path (None when no one is left).
    buys : mapping type -> (P(buys in period 1), P(buys in period 2), P(never))
    profit : Fraction
        The seller's discounted expected profit.
    """

    name: str
    p1: Fraction
    p2: Fraction | None
    buys: Mapping[str, tuple[Fraction, Fraction, Fraction]]
    profit: Fraction

    def to_json(self) -> dict:
        return {
            "path": self.name,
            "p1": str(self.p1),
            "p2": None if self.p2 is None else str(self.p2),
            "buys": {t: {"period 1": str(a), "period 2": str(b), "never": str(c)}
                     for t, (a, b, c) in self.buys.items()},
            "profit": str(self.profit),
        }


@dataclass(frozen=True)
class CoaseResult:
    """The seller's equilibrium price path in the two-period game without commitment.

    Attributes
    ----------
    values, prior : mapping type -> Fraction
    low, high : str
        The two type labels.
    delta_seller, delta_buyer : Fraction
    path : str
        The chosen path (see the module's table).
    p1, p2 : Fraction, Fraction or None
        The prices on the path (``p2`` None when everyone bought in period 1).
    buys : mapping type -> (P(period 1), P(period 2), P(never))
    profit : Fraction
        The seller's discounted expected profit.
    buyer_surplus : mapping type -> Fraction
        Each type's discounted expected gain.
    posterior : Fraction or None
        The seller's belief in the high type after a refusal in period 1 (None if no one refuses).
    indifference_price : Fraction
        :math:`\\hat p = (1-\\delta_B) v_H + \\delta_B v_L`.
    cutoff : Fraction
        :math:`r = v_L / v_H`, the period-2 (and one-shot) cut-off.
    paths : tuple of CoasePath
        Every candidate path, the chosen one first among ties.
    commitment_profit, commitment_loss : Fraction
        The best profit of a seller who commits to a price path, and how much more it is than ``profit``.
    """

    values: Mapping[str, Fraction]
    prior: Mapping[str, Fraction]
    low: str
    high: str
    delta_seller: Fraction
    delta_buyer: Fraction
    path: str
    p1: Fraction
    p2: Fraction | None
    buys: Mapping[str, tuple[Fraction, Fraction, Fraction]]
    profit: Fraction
    buyer_surplus: Mapping[str, Fraction]
    posterior: Fraction | None
    indifference_price: Fraction
    cutoff: Fraction
    paths: tuple[CoasePath, ...]
    commitment_profit: Fraction
    commitment_loss: Fraction

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings."""
        chosen = next(p for p in self.paths if p.name == self.path)
        return {
            "model": "coase-two-period",
            "values": {t: str(v) for t, v in self.values.items()},
            "prior": {t: str(p) for t, p in self.prior.items()},
            "delta_seller": str(self.delta_seller),
            "delta_buyer": str(self.delta_buyer),
            **chosen.to_json(),
            "buyer_surplus": {t: str(s) for t, s in self.buyer_surplus.items()},
            "posterior_after_refusal": None if self.posterior is None else {self.high: str(self.posterior)},
            "indifference_price": str(self.indifference_price),
            "cutoff": {"type": self.high, "probability": str(self.cutoff)},
            "paths": [p.to_json() for p in self.paths],
            "commitment_profit": str(self.commitment_profit),
            "commitment_loss": str(self.commitment_loss),
        }

    def __str__(self) -> str:
        hi, lo = self.high, self.low
        lines = [f"two-period bargaining without commitment: {hi} values {self.values[hi]} "
                 f"(prior {self.prior[hi]}), {lo} values {self.values[lo]}; "
                 f"delta seller {self.delta_seller}, delta buyer {self.delta_buyer}"]
        p2 = "-" if self.p2 is None else str(self.p2)
        lines.append(f"  path {self.path}: p1 = {self.p1}, p2 = {p2}; seller's profit {self.profit}")
        for t in (hi, lo):
            a, b, c = self.buys[t]
            lines.append(f"  {t}: buys in period 1 with probability {a}, in period 2 {b}, never {c}; "
                         f"surplus {self.buyer_surplus[t]}")
        if self.posterior is not None:
            lines.append(f"  after a refusal the seller believes P({hi}) = {self.posterior} "
                         f"(charges {self.values[hi]} in period 2 iff >= {self.cutoff})")
        lines.append(f"  {hi} is indifferent between p1 = {self.indifference_price} now and {self.values[lo]} later")
        lines.append("  candidate paths: " + ", ".join(f"{p.name} {p.profit}" for p in self.paths))
        lines.append(f"  with commitment to a price path: profit {self.commitment_profit}; "
                     f"lack of commitment costs {self.commitment_loss}")
        return "\n".join(lines)


def _delta(x: Any, name: str) -> Fraction:
    d = to_exact(x, field=name)
    if not 0 < d <= 1:
        raise InputError(f"a discount factor must lie in (0, 1], got {d}", field=name)
    return d


def coase_two_period(values: Mapping[str, Any], prior: Mapping[str, Any], delta_seller: Any,
                     delta_buyer: Any) -> CoaseResult:
    """The perfect Bayesian equilibrium price path of the two-period game, exactly.

    Parameters
    ----------
    values : mapping of two type labels -> positive numbers (different)
    prior : mapping type -> probability, both positive, summing to 1
    delta_seller, delta_buyer : numbers in (0, 1]

    Returns
    -------
    CoaseResult

    Examples
    --------
    A patient buyer and seller and a likely high type: the seller keeps the
    high price and the high type buys partly in each period (``skim``).

    >>> r = coase_two_period({"L": 1, "H": 2}, {"L": "1/5", "H": "4/5"}, 1, "9/10")
    >>> r.path, r.p1, r.p2, r.buys["H"][0], r.profit
    ('skim', Fraction(2, 1), Fraction(2, 1), Fraction(3, 4), Fraction(8, 5))
    """
    labels, vals, q_of = check_types(values, prior, positive_prior=True)
    if len(labels) != 2:
        raise InputError(f"the two-period game takes exactly two types, got {len(labels)}", field="value")
    lo, hi = sorted(labels, key=lambda t: vals[t])
    vl, vh = vals[lo], vals[hi]
    if not 0 < vl < vh:
        raise InputError(f"the two values must be positive and different, got {vl} and {vh}", field="value")
    ds, db = _delta(delta_seller, "delta_seller"), _delta(delta_buyer, "delta_buyer")
    q = q_of[hi]
    r = vl / vh
    p_hat = (1 - db) * vh + db * vl
    zero, one = Fraction(0), Fraction(1)
    paths = [
        CoasePath("pool", vl, None, MappingProxyType({hi: (one, zero, zero), lo: (one, zero, zero)}), vl),
        CoasePath("screen", p_hat, vl, MappingProxyType({hi: (one, zero, zero), lo: (zero, one, zero)}),
                  q * p_hat + ds * (1 - q) * vl),
    ]
    if q > r:
        beta = (q - r) / (q * (1 - r))
        paths.append(CoasePath("skim", vh, vh, MappingProxyType({hi: (beta, 1 - beta, zero), lo: (zero, zero, one)}),
                               q * beta * vh + ds * (1 - q) * vl / (1 - r)))
    paths.sort(key=lambda p: (-p.profit, _ORDER.index(p.name)))
    best = paths[0]
    posterior = {"pool": None, "screen": zero, "skim": r}[best.name]
    surplus = {}
    for t in (hi, lo):
        a, b, _ = best.buys[t]
        surplus[t] = a * (vals[t] - best.p1) + (db * b * (vals[t] - best.p2) if best.p2 is not None else zero)
    # committed to a price path, the seller picks the best of: v_L to all, v_H to the high type only (never
    # lowering it), or the screening path, whose high-type price is the same p_hat; the equilibrium paths above
    # are all feasible with commitment, so the loss is never negative
    commit = max(vl, q * vh, q * p_hat + ds * (1 - q) * vl)
    return CoaseResult(
        values=MappingProxyType(vals), prior=MappingProxyType(q_of), low=lo, high=hi, delta_seller=ds,
        delta_buyer=db, path=best.name, p1=best.p1, p2=best.p2, buys=best.buys, profit=best.profit,
        buyer_surplus=MappingProxyType(surplus), posterior=posterior, indifference_price=p_hat, cutoff=r,
        paths=tuple(paths), commitment_profit=commit, commitment_loss=commit - best.profit,
    )
