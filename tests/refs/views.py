"""Set views of equilibria, so that the answers of different solvers compare as sets."""

from __future__ import annotations

from fractions import Fraction


def eq_set(result) -> set:
    """The equilibria of a SolveResult as a set of (x, y) tuples."""
    return {tuple(tuple(v) for v in eq.profile.vectors) for eq in result}


def component_sets(result) -> set:
    """The connected components of a SolveResult as a set of frozensets of (x, y) tuples."""
    eqs = [tuple(tuple(v) for v in e.profile.vectors) for e in result]
    return {frozenset(eqs[k] for k in comp) for comp in result.components}


def float_keys(pairs, digits: int = 6) -> set:
    """Rounded float view of equilibria, for comparisons with float solvers."""
    return {tuple(tuple(round(float(v), digits) + 0.0 for v in vec) for vec in pair) for pair in pairs}


def as_fractions(pairs) -> set:
    """Equilibria written with ints and Fractions, as a set of tuples of Fractions."""
    return {tuple(tuple(Fraction(v) for v in vec) for vec in pair) for pair in pairs}
