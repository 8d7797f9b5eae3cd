r"""A float test that rules out most three-player supports before any exact work.

Most support profiles of a random game hold no equilibrium.  :func:`.enumpoly_three.solve_three_player_support`
decides that with exact polynomials (python-flint) and only then screens the roots in floats; building
those polynomials is most of its cost.  :class:`SupportFilter` asks the same question first with the
same eliminants built from the game's integer payoffs in plain Python integers, and answers False
(no equilibrium with this support) only when floats can be trusted; every other answer is True and
the support goes on to the exact solver, which alone reports equilibria.

The eliminants, for a support with :math:`d_p = |S_p| - 1` unknowns per player:

* a player :math:`k` with :math:`d_k \le 1` whose opponents :math:`i, j` have :math:`d_i = d_j = m`:
  with :math:`\sigma_k = (1 - y, y)` (or pure), the cofactor vectors :math:`n_j(y), n_i(y)` of the
  opponents' linear systems (Cramer's rule) and player :math:`k`'s equation
  :math:`F(y) = \sum_{a,b} \Delta^k(a, b)\, n_i(y)_a\, n_j(y)_b`, exactly as in
  :mod:`.enumpoly_three`, whose float screen (roots of :math:`F` in (0, 1) trusted only when well
  separated and well conditioned; a near-singular completion is never ruled out) is repeated here;
* :math:`d_k = 2` and :math:`d_i = d_j = 1` (:math:`\sigma_i = (1 - x, x)`, :math:`\sigma_j = (1 - z, z)`):
  player :math:`k`'s two equations are :math:`p_e(x) + z\, q_e(x) = 0` with :math:`p_e, q_e` affine,
  so every solution has :math:`R(x) = p_1 q_2 - p_2 q_1 = 0` (their resultant in :math:`z`), an
  integer quadratic whose real roots come from its exact discriminant; then
  :math:`z = -p_e / q_e` and :math:`\sigma_k` is the cross product of players :math:`i`'s and
  :math:`j`'s rows (linear in :math:`\sigma_k`), normalised.  A first-order bound on each
  coordinate's float error is carried along (roots to a few ulps, then each product and division);
  when it exceeds :data:`MAX_ERROR` the support is passed on;
* one pure player and opponents with :math:`d_p = d_q + 1`: player :math:`p`'s equations and the sum
  of :math:`\sigma_q` are one equation too many, consistent only when an integer determinant is 0;
* any other support is passed on.

Neither test can drop a support that the exact solver would hand to the Groebner-basis solver and
find to hold a continuum: the first repeats that solver's own decision, and the second returns False
only after exact checks (resultants) that the complex solution set is finite.  So the random sample
points drawn from continua, taken from one generator shared by the supports, are the same as without
the test.

A point passes when the float screen of :mod:`.enumpoly` (regret at most :math:`10^{-6}` times the
largest payoff, no probability below :math:`-10^{-6}`) accepts it: an exact equilibrium's float
image, off by far less than that, always passes.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* 1, Elsevier, 1996, 87-142 (the indifference system).
.. [2] D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015 (resultants, ch. 3).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from ..exact import determinant

__all__ = ["SupportFilter", "MAX_ERROR", "no_root_in_open_unit_interval"]

#: The largest first-order error bound of a float coordinate for which the float screen decides; larger
#: bounds leave the support to the exact solver.  The screen's tolerances (1e-6) are far above it.
MAX_ERROR = 1e-9

_EPS = 4.5e-16  # two units of rounding: one float operation's relative error, with room

Poly = list  # integer coefficients, lowest degree first


def _padd(p: list[int], q: list[int]) -> list[int]:
    if len(p) < len(q):
        p, q = q, p
    out = list(p)
    for t, c in enumerate(q):
        out[t] += c
    return out


def _pneg(p: list[int]) -> list[int]:
    return [-c for c in p]


def _pmul(p: list[int], q: list[int]) -> list[int]:
    if not p or not q:
        return []
    out = [0] * (len(p) + len(q) - 1)
    for s, a in enumerate(p):
        if a:
            for t, b in enumerate(q):
                out[s + t] += a * b
    return out


def _pscale(p: list[int], c: int) -> list[int]:
    return [c * x for x in p]


def _cofactor_column(rows: list[list[list[int]]]) -> list[list[int]]:
    """``adj(M) e_last`` for M = rows (m x (m + 1), polynomial entries) plus a row of ones, m <= 2."""
    m = len(rows)
    if m == 0:
        return [[1]]
    if m == 1:
        (r,) = rows
        return [_pneg(r[1]), r[0]]
    if m == 2:
        r, s = rows
        out = []
        for b in range(3):
            c0, c1 = [c for c in range(3) if c != b]
            minor = _padd(_pmul(r[c0], s[c1]), _pneg(_pmul(r[c1], s[c0])))
            out.append(minor if b % 2 == 0 else _pneg(minor))
        return out
    raise ValueError(m)  # pragma: no cover - only called with m <= 2


def _peval(p: list[int], y: float) -> float:
    out = 0.0
    for c in reversed(p):
        out = out * y + c
    return out


def _trim(p: list[int]) -> list[int]:
    while p and p[-1] == 0:
        p = p[:-1]
    return p


def no_root_in_open_unit_interval(p: list[int]) -> bool:
    """Whether the integer polynomial ``p`` (lowest first, not 0) certainly has no root in (0, 1): Descartes' rule.

    With ``x = 1 / (1 + t)``, the roots in (0, 1) are the positive roots ``t`` of
    ``(1 + t)^n p(1 / (1 + t))``, the reversed polynomial shifted by 1; when that polynomial's
    coefficients do not change sign it has none (Descartes; Collins and Akritas 1976).  Exact, in
    integers: an answer True needs no float root at all.

    >>> no_root_in_open_unit_interval([1, -3]), no_root_in_open_unit_interval([-1, 0, 4])  # 1/3; 1/2
    (False, False)
    >>> no_root_in_open_unit_interval([-2, 1]), no_root_in_open_unit_interval([1, 1, 1])  # 2; none real
    (True, True)
    """
    q = list(reversed(p))
    n = len(q) - 1
    # Taylor shift by 1 of q (coefficients lowest first): Horner's scheme, O(n^2) additions
    for i in range(n):
        for k in range(n - 1, i - 1, -1):
            q[k] += q[k + 1]
    signs = [c > 0 for c in q if c]
    return all(x == signs[0] for x in signs)


class SupportFilter:
    """``filter(support)`` is False only when the support certainly holds no equilibrium.

    Parameters
    ----------
    values : list of nested lists of int
        ``values[p][a0][a1][a2]``: player ``p``'s payoffs scaled to integers
        (:class:`.enumpoly_three.IntegerPayoffs`).
    screen : callable
        ``screen(support, vectors)``, the float screen of :mod:`.enumpoly` (False only for points that
        are no equilibrium).

    Examples
    --------
    >>> pennies = [[[[1], [-1]], [[-1], [1]]], [[[-1], [1]], [[1], [-1]]], [[[0], [0]], [[0], [0]]]]
    >>> ok = lambda support, vectors: all(min(v) > -1e-6 for v in vectors)
    >>> keep = SupportFilter(pennies, ok)
    >>> keep(((0, 1), (0, 1), (0,))), keep(((0, 1), (0,), (0,)))
    (True, False)
    """

    def __init__(self, values: list[Any], screen: Callable[[Any, Sequence[Sequence[float]]], bool]) -> None:
        self.values = values
        self.screen = screen
        self._orders: dict[tuple[int, int, int], list[Any]] = {}

    def _arranged(self, k: int, i: int, j: int) -> list[Any]:
        """Each player's payoffs as nested lists indexed [strategy of i][strategy of j][strategy of k]."""
        got = self._orders.get((k, i, j))
        if got is None:
            import numpy as np

            got = [np.transpose(np.array(v, dtype=object), (i, j, k)).tolist() for v in self.values]
            self._orders[(k, i, j)] = got
        return got

    def __call__(self, support: Sequence[Sequence[int]]) -> bool:
        supp = [tuple(s) for s in support]
        d = [len(s) - 1 for s in supp]
        # the player k of solve_three_player_support: the first by number of unknowns whose opponents match
        for k in sorted(range(3), key=lambda p: d[p]):
            i, j = [p for p in range(3) if p != k]
            if d[i] == d[j] and d[k] <= 2:
                break
        else:
            return self._pure_overdetermined(supp, d)
        try:
            if d[k] <= 1 and d[i] <= 2:  # larger cofactor vectors (4x4x4 games) are left to the exact path
                return self._by_cofactors(supp, k, i, j)
            if d[i] == 0:
                return self._constants(supp, k, i, j)
            if d[i] == 1:
                return self._bilinear(supp, k, i, j)
        except (OverflowError, ZeroDivisionError):  # payoffs beyond floats: no decision
            return True
        return True

    def _rows(self, U: Any, own: tuple[int, ...], opp: tuple[int, ...], sk: tuple[int, ...],
              own_first: bool) -> list[list[list[int]]]:
        """A player's indifference equations as linear forms in the opponent's mixture, coefficients in y."""
        rows = []
        for a in own[1:]:
            row = []
            for b in opp:
                # the payoff difference (a against own[0]) at each of player k's support strategies
                if own_first:
                    deltas = [U[a][b][c] - U[own[0]][b][c] for c in sk]
                else:
                    deltas = [U[b][a][c] - U[b][own[0]][c] for c in sk]
                row.append(deltas if len(deltas) == 1 else [deltas[0], deltas[1] - deltas[0]])
            rows.append(row)
        return rows

    def _vectors(self, supp: list[tuple[int, ...]], k: int, i: int, j: int, sk: list[float],
                 si: list[float], sj: list[float]) -> list[list[float]]:
        vec: list[list[float]] = [[], [], []]
        vec[k], vec[i], vec[j] = sk, si, sj
        return vec

    def _by_cofactors(self, supp: list[tuple[int, ...]], k: int, i: int, j: int) -> bool:
        from .enumpoly_three import _trusted_float_roots

        Ui, Uj, Uk = (self._arranged(k, i, j)[p] for p in (i, j, k))
        Si, Sj, Sk = supp[i], supp[j], supp[k]
        n_j = _cofactor_column(self._rows(Ui, Si, Sj, Sk, True))
        n_i = _cofactor_column(self._rows(Uj, Sj, Si, Sk, False))
        if len(Sk) == 1:
            ys: list[float] = [0.0]
        else:
            F: list[int] = []
            for a, na in zip(Si, n_i):
                # sum_b delta(a, b) n_j[b] first: one product per a instead of one per (a, b)
                inner: list[int] = []
                for b, nb in zip(Sj, n_j):
                    delta = Uk[a][b][Sk[1]] - Uk[a][b][Sk[0]]
                    if delta:
                        inner = _padd(inner, _pscale(nb, delta))
                if inner:
                    F = _padd(F, _pmul(na, inner))
            F = _trim(F)
            if not F:
                return True  # identically indifferent: a possible continuum, for the exact solver
            if len(F) == 1 or no_root_in_open_unit_interval(F):
                return False  # player k is never indifferent with both strategies played
            approx = _trusted_float_roots([float(c) for c in F], 0.0, 1.0)
            if approx is None:
                return True
            ys = approx
        for y in ys:
            sk = [1.0] if len(Sk) == 1 else [1.0 - y, y]
            out = []
            for n in (n_i, n_j):
                vals = [_peval(p, y) for p in n]
                total = sum(vals)
                size = max(abs(v) for v in vals)
                if size == 0.0 or abs(total) <= 1e-9 * size:
                    return True  # near-singular: left to the exact path
                out.append([v / total for v in vals])
            if self.screen(supp, self._vectors(supp, k, i, j, sk, out[0], out[1])):
                return True
        return False

    def _pure_overdetermined(self, supp: list[tuple[int, ...]], d: list[int]) -> bool:
        """A pure player k and opponents with d_p = d_q + 1: p's equations, linear in sigma_q, are one too many.

        Given k's strategy, p's d_p equations and the sum of sigma_q make d_q + 2 linear equations in
        d_q + 1 unknowns: consistent only when the augmented square matrix is singular, an exact
        integer determinant.  (The exact solver solves this system first and stops when it has no
        solution.)  Other shapes are passed on.
        """
        if 0 not in d:
            return True
        k = d.index(0)
        i, j = [p for p in range(3) if p != k]
        if d[i] == d[j] + 1:
            p, q = i, j
        elif d[j] == d[i] + 1:
            p, q = j, i
        else:
            return True
        c = supp[k][0]
        U = self.values[p]

        def pay(a: int, b: int) -> int:
            idx = [0, 0, 0]
            idx[p], idx[q], idx[k] = a, b, c
            return int(U[idx[0]][idx[1]][idx[2]])

        rows = [[pay(a, b) - pay(supp[p][0], b) for b in supp[q]] + [0] for a in supp[p][1:]]
        rows.append([1] * len(supp[q]) + [1])
        return determinant(rows) == 0

    def _constants(self, supp: list[tuple[int, ...]], k: int, i: int, j: int) -> bool:
        """Players i and j pure: player k's equations are constants, all zero or the support is out."""
        Uk = self._arranged(k, i, j)[k]
        a, b = supp[i][0], supp[j][0]
        return all(Uk[a][b][c] == Uk[a][b][supp[k][0]] for c in supp[k][1:])

    @staticmethod
    def _isolated(R: list[int], eq: tuple[int, int, int, int], Ui: Any, Uj: Any, Si: tuple[int, ...],
                  Sj: tuple[int, ...], Sk: tuple[int, ...]) -> bool:
        """Whether the support's complex solutions are certainly finitely many, exactly.

        Every solution has R(x) = 0.  With equation ``eq`` (p + z q = 0) the set is finite unless, at a
        (complex) root of R, q vanishes (z is then not determined by it) or the 3x3 system for sigma_k
        is singular: ``q(x) * det`` is a quadratic G(x), and R must share no root with q or G.  A
        support passed on for this reason may hold a continuum, which the exact solver reports.
        """
        (a0, a1), (b0, b1) = Si, Sj
        A, B, C, D = eq
        if _resultant(R, [C, D]) == 0:
            return False
        # q * row_i = q g0 - p (g1 - g0), and row_j = h0 + x (h1 - h0), entries affine in x
        qri, rj = [], []
        for c in Sk:
            g0, g1 = Ui[a1][b0][c] - Ui[a0][b0][c], Ui[a1][b1][c] - Ui[a0][b1][c]
            h0, h1 = Uj[a0][b1][c] - Uj[a0][b0][c], Uj[a1][b1][c] - Uj[a1][b0][c]
            qri.append([C * g0 - A * (g1 - g0), D * g0 - B * (g1 - g0)])
            rj.append([h0, h1 - h0])
        G: list[int] = []
        for p, q in ((1, 2), (2, 0), (0, 1)):
            G = _padd(G, _padd(_pmul(qri[p], rj[q]), _pneg(_pmul(qri[q], rj[p]))))
        G = _trim(G)
        return bool(G) and _resultant(R, G) != 0

    def _bilinear(self, supp: list[tuple[int, ...]], k: int, i: int, j: int) -> bool:
        Ui, Uj, Uk = (self._arranged(k, i, j)[p] for p in (i, j, k))
        (a0, a1), (b0, b1), Sk = supp[i], supp[j], supp[k]
        eqs = []  # player k's equation e: A + B x + C z + D x z, with sigma_i = (1-x, x), sigma_j = (1-z, z)
        for c in Sk[1:]:
            d00, d10, d01, d11 = (Uk[a][b][c] - Uk[a][b][Sk[0]] for a, b in ((a0, b0), (a1, b0), (a0, b1), (a1, b1)))
            eqs.append((d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00))
        (A1, B1, C1, D1), (A2, B2, C2, D2) = eqs
        # R(x) = p1 q2 - p2 q1 with p = A + B x, q = C + D x
        R = _trim([A1 * C2 - A2 * C1, A1 * D2 + B1 * C2 - A2 * D1 - B2 * C1, B1 * D2 - B2 * D1])
        if not R:
            return True
        if len(R) == 1:
            return False
        if not self._isolated(R, eqs[0], Ui, Uj, supp[i], supp[j], Sk):
            return True
        xs = _integer_roots(R)
        if xs is None:
            return True
        dx = 1e-13  # the roots' error: a few ulps (exact discriminant, stable formula), x in [0, 1]
        for x in xs:
            if not -1e-6 < x < 1 + 1e-6:
                continue
            best = None  # (error bound, z) from the equation that determines z best
            for A, B, C, D in eqs:
                q = C + D * x
                if q == 0.0:
                    continue
                z = -(A + B * x) / q
                err = (abs(B + D * z) * dx + _EPS * (abs(A) + abs(B * x) + abs(z) * (abs(C) + abs(D * x)))) / abs(q)
                if best is None or err < best[0]:
                    best = (err, z)
            if best is None or best[0] > MAX_ERROR:
                return True  # z not determined well by either equation: left to the exact path
            dz, z = best
            if not -1e-6 < z < 1 + 1e-6:
                continue
            # players i's and j's equations are linear in sigma_k: sigma_k is their rows' cross product
            gi = [(Ui[a1][b0][c] - Ui[a0][b0][c], Ui[a1][b1][c] - Ui[a0][b1][c]) for c in Sk]
            gj = [(Uj[a0][b1][c] - Uj[a0][b0][c], Uj[a1][b1][c] - Uj[a1][b0][c]) for c in Sk]
            ri = [g0 * (1 - z) + g1 * z for g0, g1 in gi]
            rj = [g0 * (1 - x) + g1 * x for g0, g1 in gj]
            ei = [(abs(g0) + abs(g1)) * (dz + _EPS) for g0, g1 in gi]  # error bounds of the rows
            ej = [(abs(g0) + abs(g1)) * (dx + _EPS) for g0, g1 in gj]
            w, ew = [], []
            for p, q in ((1, 2), (2, 0), (0, 1)):
                w.append(ri[p] * rj[q] - ri[q] * rj[p])
                ew.append(ei[p] * abs(rj[q]) + abs(ri[p]) * ej[q] + ei[q] * abs(rj[p]) + abs(ri[q]) * ej[p]
                          + _EPS * (abs(ri[p] * rj[q]) + abs(ri[q] * rj[p])))
            total, etotal = sum(w), sum(ew)
            if abs(total) <= 2 * etotal or abs(total) == 0.0:
                return True
            sk = [v / total for v in w]
            if any((e + abs(s) * etotal) / (abs(total) - etotal) > MAX_ERROR for s, e in zip(sk, ew)):
                return True
            if self.screen(supp, self._vectors(supp, k, i, j, sk, [1.0 - x, x], [1.0 - z, z])):
                return True
        return False


def _resultant(p: list[int], q: list[int]) -> int:
    """The resultant of two integer polynomials (lowest first): 0 exactly when they share a complex root (or one is 0).

    >>> _resultant([-1, 0, 1], [1, 1]), _resultant([-1, 0, 1], [2, 1]) != 0
    (0, True)
    """
    p, q = _trim(p), _trim(q)
    if not p or not q:
        return 0  # the zero polynomial vanishes at every root
    m, n = len(p) - 1, len(q) - 1
    if m == 0 or n == 0:
        return 1  # a nonzero constant shares no root
    # closed forms for the degrees the bilinear test meets, Res(p, q) = p_m^n prod q(roots of p): the
    # same value as the Sylvester determinant below, without a Bareiss elimination
    if m == 1:
        return sum(c * (-p[0]) ** i * p[1] ** (n - i) for i, c in enumerate(q))
    if n == 1:
        return (-1) ** m * sum(c * (-q[0]) ** i * q[1] ** (m - i) for i, c in enumerate(p))
    if m == 2 and n == 2:
        (a0, a1, a2), (b0, b1, b2) = p, q
        return (a2 * b0 - a0 * b2) ** 2 - (a2 * b1 - a1 * b2) * (a1 * b0 - a0 * b1)
    size = m + n
    rows = [[0] * size for _ in range(size)]
    for r in range(n):
        for t, c in enumerate(reversed(p)):
            rows[r][r + t] = c
    for r in range(m):
        for t, c in enumerate(reversed(q)):
            rows[n + r][r + t] = c
    return determinant(rows)


def _integer_roots(c: list[int]) -> list[float] | None:
    """Real roots of an integer polynomial of degree 1 or 2 (lowest first), None at a double root.

    The discriminant is exact; the stable quadratic formula then gives each root to a few ulps.

    >>> _integer_roots([-2, 0, 1]), _integer_roots([1, 0, 1]), _integer_roots([1, -2, 1])
    ([-1.4142135623730951, 1.414213562373095], [], None)
    """
    if len(c) == 2:
        return [-c[0] / c[1]]
    cc, b, a = c
    disc = b * b - 4 * a * cc
    if disc < 0:
        return []
    if disc == 0:
        return None  # a double root: its neighbourhood is left to the exact path
    q = -0.5 * (b + math.copysign(math.sqrt(disc), b))
    roots = [q / a, cc / q] if q != 0 else [math.sqrt(-cc / a), -math.sqrt(-cc / a)]
    return sorted(roots)
