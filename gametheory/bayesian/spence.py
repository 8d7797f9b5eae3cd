r"""Spence's job-market signalling with two types: separating, least-cost (Riley) and pooling equilibria.

A worker of productivity :math:`\theta_H` (prior probability :math:`\lambda`)
or :math:`\theta_L < \theta_H` chooses an education level :math:`e \ge 0`
costing :math:`c_t e` (:math:`c_L > c_H > 0`: education is cheaper for the
able, the single-crossing condition) and adding nothing to productivity;
competitive employers pay the expected productivity given their belief,
:math:`w(e) = \theta_L + \mu(e)\,\Delta` with :math:`\Delta = \theta_H - \theta_L`.
In every perfect Bayesian equilibrium below, off the path the employers
believe the worker is low (:math:`\mu = 0`), the belief that supports the
most equilibria (Spence 1973; Gibbons 1992 §4.2.B; Mas-Colell, Whinston and
Green 1995 §13.C):

* **Separating** (low chooses 0, high chooses :math:`e^*`): the low type
  must not mimic, :math:`\theta_H - c_L e^* \le \theta_L`, and the high type
  must not drop to 0, :math:`\theta_H - c_H e^* \ge \theta_L`; so
  :math:`e^* \in [\Delta / c_L,\ \Delta / c_H]`.
* **Least-cost (Riley) separating** member :math:`e^* = \Delta / c_L`: the
  only equilibrium of the game that survives the intuitive criterion (Cho
  and Kreps 1987); every other separating member is broken by a deviation to
  :math:`e \in (\Delta/c_L, e^*)` and every pooling one by a deviation that
  only the high type could gain from.
* **Pooling** at :math:`e_p` with wage :math:`\bar\theta = \theta_L + \lambda\Delta`:
  the low type must not drop to 0, so :math:`e_p \in [0,\ \lambda\Delta / c_L]`.
* **Hybrid** (the high type chooses :math:`e`, the low type mixes between 0
  and :math:`e`, indifferent, so :math:`w(e) = \theta_L + c_L e`):
  :math:`e \in (\lambda\Delta/c_L,\ \Delta/c_L)`, the low type choosing
  :math:`e` with probability :math:`\alpha = \lambda(1-\mu)/((1-\lambda)\mu)`,
  :math:`\mu = c_L e / \Delta` (:meth:`SpenceResult.hybrid_mixing`).

The high type prefers pooling at 0 to its Riley outcome iff
:math:`\lambda > 1 - c_H / c_L` (``pooling_preferred_above``): then
signalling is wasteful even for those who signal.

References
----------
M. Spence, "Job market signaling", *Quarterly J. Economics* 87 (1973) 355-374.
J. Riley, "Informational equilibrium", *Econometrica* 47 (1979) 331-359.
I.-K. Cho and D. Kreps, "Signaling games and stable equilibria", *Quarterly J. Economics* 102 (1987) 179-221.
R. Gibbons, *Game Theory for Applied Economists*, Princeton UP 1992, §4.2.B.
A. Mas-Colell, M. Whinston and J. Green, *Microeconomic Theory*, Oxford UP 1995, §13.C.

Examples
--------
>>> r = spence(1, 2, "1/2", 1, "1/2")
>>> r.separating, r.riley, r.pooling
((Fraction(1, 1), Fraction(2, 1)), Fraction(1, 1), (Fraction(0, 1), Fraction(1, 2)))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..errors import InputError
from ..numbers import to_exact

__all__ = ["SpenceResult", "spence"]


@dataclass(frozen=True)
class SpenceResult:
    """The equilibria of two-type job-market signalling, exactly.

    Attributes
    ----------
    low, high : str
        The type labels.
    theta_low, theta_high, prior_high, cost_low, cost_high : Fraction
    pooling_wage : Fraction
        :math:`\\bar\\theta = \\lambda\\theta_H + (1-\\lambda)\\theta_L`.
    separating : (Fraction, Fraction)
        The closed interval of the high type's education in separating equilibria.
    riley : Fraction
        The least-cost separating education, :math:`\\Delta / c_L`.
    riley_payoffs : mapping type -> Fraction
        The workers' payoffs in the Riley outcome.
    pooling : (Fraction, Fraction)
        The closed interval of pooling education levels.
    hybrid : (Fraction, Fraction)
        The open interval of the high type's education in the hybrid family where the low type mixes.
    pooling_preferred_above : Fraction
        :math:`1 - c_H/c_L`: the high type prefers pooling at 0 to the Riley outcome iff the prior exceeds it.
    """

    low: str
    high: str
    theta_low: Fraction
    theta_high: Fraction
    prior_high: Fraction
    cost_low: Fraction
    cost_high: Fraction
    pooling_wage: Fraction
    separating: tuple[Fraction, Fraction]
    riley: Fraction
    riley_payoffs: Mapping[str, Fraction]
    pooling: tuple[Fraction, Fraction]
    hybrid: tuple[Fraction, Fraction]
    pooling_preferred_above: Fraction

    @property
    def high_prefers_pooling(self) -> bool:
        """Whether the high type would rather pool at education 0 than separate at the Riley level."""
        return self.prior_high > self.pooling_preferred_above

    def hybrid_mixing(self, e: Any) -> Fraction:
        """The probability with which the low type chooses ``e`` in the hybrid equilibrium at ``e``.

        >>> spence(1, 2, "1/2", 1, "1/2").hybrid_mixing("3/4")
        Fraction(1, 3)
        """
        x = to_exact(e, field="e")
        lo, hi = self.hybrid
        if not lo < x < hi:
            raise InputError(f"no hybrid equilibrium at e = {x}: it needs {lo} < e < {hi}", field="e")
        mu = self.cost_low * x / (self.theta_high - self.theta_low)
        lam = self.prior_high
        return lam * (1 - mu) / ((1 - lam) * mu)

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings, intervals as ``[lo, hi]``."""
        lo, hi = self.low, self.high
        return {
            "model": "spence",
            "types": {lo: {"productivity": str(self.theta_low), "cost": str(self.cost_low),
                           "prior": str(1 - self.prior_high)},
                      hi: {"productivity": str(self.theta_high), "cost": str(self.cost_high),
                           "prior": str(self.prior_high)}},
            "off_path_belief": {hi: "0"},
            "separating": {"education": {lo: "0", hi: [str(x) for x in self.separating]}, "kind": "separating",
                           "intuitive": "only the least-cost member"},
            "riley": {"education": {lo: "0", hi: str(self.riley)},
                      "payoffs": {t: str(v) for t, v in self.riley_payoffs.items()}, "intuitive": True},
            "pooling": {"education": [str(x) for x in self.pooling], "wage": str(self.pooling_wage),
                        "kind": "pooling", "intuitive": False},
            "hybrid": {"education": {lo: ["0", "e"], hi: "e"}, "e": {"open": [str(x) for x in self.hybrid]},
                       "kind": "hybrid", "intuitive": False},
            "pooling_preferred_above": {hi: str(self.pooling_preferred_above)},
            "high_prefers_pooling": self.high_prefers_pooling,
        }

    def __str__(self) -> str:
        lo, hi = self.low, self.high
        s_lo, s_hi = self.separating
        p_lo, p_hi = self.pooling
        h_lo, h_hi = self.hybrid
        prefers = "prefers" if self.high_prefers_pooling else "does not prefer"
        return "\n".join([
            f"job-market signalling: {hi} (productivity {self.theta_high}, education cost {self.cost_high} per unit, "
            f"prior {self.prior_high}), {lo} (productivity {self.theta_low}, cost {self.cost_low})",
            f"  off the path employers believe the worker is {lo} (wage {self.theta_low})",
            f"  separating: {lo} chooses 0, {hi} chooses e* in [{s_lo}, {s_hi}]",
            f"  least-cost (Riley) separating: e* = {self.riley}; payoffs "
            + ", ".join(f"{t} {v}" for t, v in self.riley_payoffs.items())
            + "; the only equilibrium that survives the intuitive criterion",
            f"  pooling: both choose e in [{p_lo}, {p_hi}], wage {self.pooling_wage} (none survives the intuitive "
            "criterion)",
            f"  hybrid: {hi} chooses e in ({h_lo}, {h_hi}), {lo} mixes between 0 and e",
            f"  {hi} {prefers} pooling at 0 to the Riley outcome "
            f"(it does iff P({hi}) > {self.pooling_preferred_above})",
        ])


def spence(theta_low: Any, theta_high: Any, prior_high: Any, cost_low: Any, cost_high: Any, *,
           labels: tuple[str, str] = ("low", "high")) -> SpenceResult:
    """The separating interval, its Riley member, the pooling range and the hybrid family, exactly.

    Parameters
    ----------
    theta_low, theta_high : numbers, ``theta_low < theta_high``
        The two productivities (the wage under full information).
    prior_high : number in (0, 1)
        The probability of the high type.
    cost_low, cost_high : numbers, ``cost_low > cost_high > 0``
        The cost of one unit of education for each type.
    labels : (str, str)
        The names of the low and the high type.

    Raises
    ------
    InputError
        If the productivities are not increasing, the prior not in (0, 1), or
        the costs violate single crossing.
    """
    tl, th = to_exact(theta_low, field="theta_low"), to_exact(theta_high, field="theta_high")
    lam = to_exact(prior_high, field="prior_high")
    cl, ch = to_exact(cost_low, field="cost_low"), to_exact(cost_high, field="cost_high")
    if not tl < th:
        raise InputError(f"the high type's productivity {th} must exceed the low type's {tl}", field="theta_high")
    if not 0 < lam < 1:
        raise InputError(f"the prior of the high type must lie in (0, 1), got {lam}", field="prior_high")
    if not cl > ch > 0:
        raise InputError(f"single crossing needs cost_low > cost_high > 0, got {cl} and {ch}", field="cost_low")
    low, high = (str(x) for x in labels)
    if low == high:
        raise InputError("the two type labels must differ", field="labels")
    delta = th - tl
    riley = delta / cl
    return SpenceResult(
        low=low, high=high, theta_low=tl, theta_high=th, prior_high=lam, cost_low=cl, cost_high=ch,
        pooling_wage=tl + lam * delta, separating=(riley, delta / ch), riley=riley,
        riley_payoffs=MappingProxyType({low: tl, high: th - ch * riley}), pooling=(Fraction(0), lam * delta / cl),
        hybrid=(lam * delta / cl, riley), pooling_preferred_above=1 - ch / cl,
    )
