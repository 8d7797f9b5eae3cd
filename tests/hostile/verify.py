"""Independent checks of a result, in exact rational arithmetic (no code of the project is used).

A mixed profile :math:`\\sigma` is a Nash equilibrium iff for every player :math:`i` and pure
strategy :math:`s_i`, :math:`u_i(s_i, \\sigma_{-i}) \\le u_i(\\sigma)`; a distribution :math:`\\mu` over
pure profiles is a correlated equilibrium iff for every player :math:`i` and strategies
:math:`s_i, t_i`, :math:`\\sum_{s_{-i}} \\mu(s_i, s_{-i})\\,[u_i(t_i, s_{-i}) - u_i(s_i, s_{-i})] \\le 0`
(Aumann 1974).  Payoffs are the game's as the test wrote it, as Fractions.

References
    R. J. Aumann, "Subjectivity and correlation in randomized strategies", J. Math. Econ. 1 (1974).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

Payoffs = Mapping[tuple[int, ...], Sequence[Fraction]]


def frac(x: object) -> Fraction:
    """A JSON number or rational string as a Fraction (a float exactly)."""
    if isinstance(x, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(x, int | float):
        return Fraction(x)
    return Fraction(str(x))


def profile_from_json(doc_profile: Mapping[str, Mapping[str, object]], players: Sequence[str],
                      strategies: Mapping[str, Sequence[str]]) -> list[list[Fraction]]:
    """``{player: {label: probability}}`` as one probability vector per player, in label order."""
    out = []
    for p in players:
        probs = doc_profile[p]
        out.append([frac(probs.get(label, 0)) for label in strategies[p]])
    return out


def regrets(payoffs: Payoffs, dims: Sequence[int], sigma: Sequence[Sequence[Fraction]]) -> list[Fraction]:
    """Each player's regret: best pure payoff against the others minus the profile's payoff."""
    n = len(dims)
    out = []
    for i in range(n):
        best: Fraction | None = None
        value = Fraction(0)
        for s in range(dims[i]):
            u = Fraction(0)
            others = [range(dims[k]) for k in range(n) if k != i]
            for rest in itertools.product(*others):
                prof = list(rest)
                prof.insert(i, s)
                w = Fraction(1)
                for k in range(n):
                    if k != i:
                        w *= sigma[k][prof[k]]
                if w:
                    u += w * Fraction(payoffs[tuple(prof)][i])
            value += sigma[i][s] * u
            best = u if best is None else max(best, u)
        out.append((best if best is not None else Fraction(0)) - value)
    return out


def is_distribution(vec: Sequence[Fraction], tol: Fraction = Fraction(0)) -> bool:
    """Nonnegative entries summing to 1 (within ``tol``)."""
    return all(x >= -tol for x in vec) and abs(sum(vec, Fraction(0)) - 1) <= tol


def ce_violations(payoffs: Payoffs, dims: Sequence[int], mu: Mapping[tuple[int, ...], Fraction]) -> list[Fraction]:
    """The largest gain of a deviation ``s_i -> t_i`` under ``mu``, per player (<= 0 for a correlated equilibrium)."""
    n = len(dims)
    out = []
    for i in range(n):
        worst = Fraction(0)
        for s, t in itertools.permutations(range(dims[i]), 2):
            gain = Fraction(0)
            for prof, w in mu.items():
                if prof[i] != s:
                    continue
                dev = list(prof)
                dev[i] = t
                gain += w * (Fraction(payoffs[tuple(dev)][i]) - Fraction(payoffs[prof][i]))
            worst = max(worst, gain)
        out.append(worst)
    return out


def check_solve_doc(doc: Mapping) -> None:
    """Structural invariants of a ``solve --json`` document that hold for every finite game.

    One exactness per document (``exact: true`` means every probability is a rational string,
    ``false`` that every one is a JSON number); each profile is a probability vector per player;
    ``complete: true`` never comes with an empty list (every finite game has an equilibrium, Nash 1951).
    """
    if "equilibria" not in doc:
        return
    exact = doc.get("exact")
    for eq in doc["equilibria"]:
        for player, probs in eq["profile"].items():
            for label, x in probs.items():
                if exact is True:
                    assert isinstance(x, str), f"exact document with a float probability {x!r} ({player}, {label})"
                    Fraction(x)
                elif exact is False:
                    assert isinstance(x, int | float) and not isinstance(x, bool), (
                        f"float document with a non-number probability {x!r} ({player}, {label})"
                    )
            vec = [frac(x) for x in probs.values()]
            tol = Fraction(0) if exact else Fraction(1, 10**6)
            assert is_distribution(vec, tol), f"{player}'s probabilities are not a distribution: {probs}"
    if doc.get("complete") is True:
        assert doc["equilibria"], "complete: true with no equilibrium (every finite game has one)"
