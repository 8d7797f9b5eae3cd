r"""Refinements of perfect Bayesian equilibria of signaling games: the intuitive criterion and D1.

Both tests look at a family of :func:`gametheory.bayesian.pbe.pbe_solve`
through its equilibrium payoffs :math:`V_t` (of the representative) and,
after each message :math:`m` nobody sends, at which beliefs may support it.
Write :math:`\mathrm{BR}(T', m)` for the receiver's actions that are best
replies after :math:`m` to some belief concentrated on the types
:math:`T'`, and :math:`\mathrm{MBR}(T', m)` for the mixtures of actions that
are best replies together to one such belief.

**The intuitive criterion** (Cho and Kreps 1987, section III).  Message
:math:`m` is *equilibrium-dominated* for type :math:`t` when
:math:`V_t > \max_{a \in \mathrm{BR}(T, m)} u_S(t, m, a)`; let :math:`J(m)`
be those types.  The equilibrium fails the test when, for some off-path
:math:`m` with :math:`J(m) \ne T`, some type :math:`t' \notin J(m)` would
gain whatever the receiver believes among the other types:
:math:`\min_{a \in \mathrm{BR}(T \setminus J(m), m)} u_S(t', m, a) > V_{t'}`.

**D1** (Cho and Kreps 1987, section V; Banks and Sobel 1987's
divinity is the same idea).  For an off-path :math:`m` let
:math:`D_t` (:math:`D^0_t`) be the responses :math:`\alpha \in
\mathrm{MBR}(T, m)` with :math:`u_S(t, m, \alpha) > V_t` (:math:`= V_t`).
Type :math:`t` is deleted after :math:`m` when :math:`D_t \cup D^0_t
\subseteq D_{t'}` for another type :math:`t'` (whenever :math:`t` would
weakly gain, :math:`t'` strictly gains).  The family survives D1 when after
every off-path message some supporting belief (a belief of one of the
family's off-path pieces) puts probability 0 on the deleted types; when
every type is deleted the test puts no restriction on that message.  The
inclusion is decided exactly: it fails iff for some maximal set :math:`B` of
joint best replies a mixture :math:`\alpha \in \Delta(B)` has
:math:`u_S(t, m, \alpha) \ge V_t` and :math:`u_S(t', m, \alpha) \le V_{t'}`,
a linear feasibility problem (:func:`gametheory.exact.exact_lp`).  Both tests
apply to every finite signaling game; families whose on-path play is a
continuum are tested at their representative.

References
----------
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.

J. S. Banks and J. Sobel, "Equilibrium selection in signaling games",
*Econometrica* 55 (1987) 647-661.

D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 11.2.

Examples
--------
>>> from gametheory.bayesian.pbe import beer_quiche, pbe_solve
>>> g = beer_quiche()
>>> beer, quiche = pbe_solve(g).families
>>> intuitive_criterion(g, beer)[0], intuitive_criterion(g, quiche)[0]
(True, False)
>>> print(intuitive_criterion(g, quiche)[1])
after 'beer': equilibrium-dominated for weak; any best reply to beliefs on strong gives strong at least 3 > 2
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .pbe import ONE, ZERO, _Exact, _lp

if TYPE_CHECKING:
    from .pbe import PBEFamily
    from .signaling import SignalingGame

__all__ = ["intuitive_criterion", "d1_criterion"]


def _names(types) -> str:
    return ", ".join(types)


def _best_replies(ex: _Exact, m: str, types: tuple[str, ...]) -> list[str]:
    """The actions after ``m`` that are best replies to some belief concentrated on ``types``."""
    out = []
    for a in ex.A[m]:
        ub, eq = ex.belief_polytope(m, (a,), types)
        if ex.feasible(ub, eq, len(types)):
            out.append(a)
    return out


def intuitive_criterion(game: SignalingGame, family: PBEFamily) -> tuple[bool, str]:
    """Whether ``family`` survives Cho and Kreps' intuitive criterion, and why (see the module docstring)."""
    ex = _Exact(game.to_exact())
    V = {t: Fraction(v) for t, v in family.type_payoffs.items()}
    if not family.off_path:
        return True, "every message is sent: nothing to test"
    notes = []
    all_ok = True
    for m in family.off_path:
        br_all = _best_replies(ex, m, ex.T)
        J = tuple(t for t in ex.T if V[t] > max(ex.us[(t, m, a)] for a in br_all))
        if len(J) == len(ex.T):
            notes.append(f"after {m!r}: equilibrium-dominated for every type, no restriction")
            continue
        rest = tuple(t for t in ex.T if t not in J)
        br_rest = _best_replies(ex, m, rest)
        for t in rest:
            low = min(ex.us[(t, m, a)] for a in br_rest)
            if low > V[t]:
                dom = f"equilibrium-dominated for {_names(J)}" if J else "equilibrium-dominated for no type"
                return False, (f"after {m!r}: {dom}; any best reply to beliefs on {_names(rest)} gives {t} "
                               f"at least {low} > {V[t]}")
        notes.append(f"after {m!r}: equilibrium-dominated for {_names(J) if J else 'no type'}, and no other type "
                     "is sure to gain")
    return all_ok, "; ".join(notes)


def _deleted(ex: _Exact, m: str, V: dict[str, Fraction], t: str, t2: str, sets: list[tuple[str, ...]]) -> bool:
    """D_t u D0_t within D_t2: no best-reply mixture with u(t) >= V_t and u(t2) <= V_t2."""
    for B in sets:
        k = len(B)
        ub = [([-ex.us[(t, m, a)] for a in B], -V[t]), ([ex.us[(t2, m, a)] for a in B], V[t2])]
        ub += [([-ONE if j == i else ZERO for j in range(k)], ZERO) for i in range(k)]
        if ex.feasible(ub, [([ONE] * k, ONE)], k):
            return False
    return True


def d1_criterion(game: SignalingGame, family: PBEFamily) -> tuple[bool | None, str]:
    """Whether ``family`` survives D1, and why (see the module docstring)."""
    ex = _Exact(game.to_exact())
    V = {t: Fraction(v) for t, v in family.type_payoffs.items()}
    if not family.off_path:
        return True, "every message is sent: nothing to test"
    notes = []
    for m, pieces in family.off_path.items():
        sets = ex.best_reply_sets(m)
        deleted = tuple(t for t in ex.T if any(_deleted(ex, m, V, t, t2, sets) for t2 in ex.T if t2 != t))
        if not deleted:
            notes.append(f"after {m!r}: no type deleted")
            continue
        if len(deleted) == len(ex.T):
            notes.append(f"after {m!r}: every type deleted, no restriction")
            continue
        n = len(ex.T)
        ok = False
        for piece in pieces:
            ub, eq = ex.belief_polytope(m, piece.actions)
            eq = eq + [([ONE if s == t else ZERO for s in ex.T], ZERO) for t in deleted]
            if _lp([ZERO] * n, ub, eq).status == "optimal":
                ok = True
                break
        if not ok:
            return False, (f"after {m!r}: D1 deletes {_names(deleted)}, and no belief on "
                           f"{_names([t for t in ex.T if t not in deleted])} supports the equilibrium")
        notes.append(f"after {m!r}: D1 deletes {_names(deleted)}; a belief on the others supports it")
    return True, "; ".join(notes)

