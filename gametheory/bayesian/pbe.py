r"""Every perfect Bayesian equilibrium of a finite signaling game, exactly, as families.

In a signaling game (:mod:`gametheory.bayesian.signaling`) an *assessment* is
a sender strategy :math:`\sigma(m \mid t)`, a receiver strategy
:math:`\rho(a \mid m)` and beliefs :math:`\mu(t \mid m)`.  It is a **perfect
Bayesian equilibrium** (PBE; Fudenberg and Tirole 1991, section 8.2) when

1. every type sends only messages that maximise
   :math:`U_S(t, m) = \sum_a \rho(a \mid m)\, u_S(t, m, a)`;
2. after every message the receiver plays only actions that maximise
   :math:`\sum_t \mu(t \mid m)\, u_R(t, m, a)`;
3. beliefs after a message sent with positive probability follow Bayes'
   rule, :math:`\mu(t \mid m) \propto \pi(t)\sigma(m \mid t)`; after any other
   message (*off the path*) they are any distribution over the types.

In a signaling game a PBE is the same as a sequential equilibrium (every
belief off the path is the limit of beliefs of trembles, since the sender's
types are separate information sets).

The algorithm: support enumeration with exact linear programs
---------------------------------------------------------------
Fix the *pattern*: the support :math:`S_t` of each type's strategy (so the
messages on the path, :math:`M^* = \bigcup_t S_t`) and the support
:math:`B_m` of the receiver's strategy after each :math:`m \in M^*`.  Write
:math:`x_{tm} = \pi(t)\sigma(m \mid t)`.  Since the on-path belief is
proportional to :math:`x_{\cdot m}`, condition 2 on the path is *linear* in
:math:`x`: for :math:`a \in B_m` and every :math:`a'`,
:math:`\sum_t x_{tm}(u_R(t,m,a) - u_R(t,m,a')) \ge 0`.  Condition 1 is
linear in :math:`\rho`: :math:`U_S(t, m) = U_S(t, m')` for :math:`m, m' \in
S_t` and :math:`U_S(t, m'') \le U_S(t, m)` for every other :math:`m''`,
where after an off-path message the receiver may play any mixed best reply
to some belief, that is any :math:`\rho_m \in \Delta(B)` for a set
:math:`B` of actions that are best replies together to some belief.  So the
equilibria of a pattern are a product of polytopes, relatively open where
the supports are strict, and the pattern is feasible exactly when the linear
programme "maximise :math:`\varepsilon` with every support probability
:math:`\ge \varepsilon`" has an optimum :math:`\varepsilon > 0`
(:func:`gametheory.exact.exact_lp`, exact simplex with a duality
certificate).  Every pattern is tried, so **the list is complete for every
finite signaling game, with any number of types, messages and actions**
(within ``max_cost``); the patterns are
:math:`\prod_t (2^{|M|}-1)` sender supports times the receiver supports after
the messages on the path.

A **family** is one feasible pattern (sender supports and on-path receiver
supports).  Its description is exact:

* the sender's strategy, the on-path receiver strategy and the on-path
  beliefs: one point when the pattern pins them down (every game with
  generic payoffs); otherwise the family says ``unique = False`` and gives
  the exact range of each probability over the closure of the family
  (minimum and maximum by linear programming) besides its representative;
* after each off-path message :math:`m`, the exact set of (belief, response)
  pairs that keep the on-path play an equilibrium: the union over action
  sets :math:`B` of :math:`Q(B) \times D(B)`, where :math:`Q(B)` is the
  polytope of beliefs to which every action of :math:`B` is a best reply
  and :math:`D(B)` the polytope of mixtures over :math:`B` that give no type
  :math:`t` more than its equilibrium payoff :math:`V_t`; each piece is
  listed with its vertices (for two types :math:`Q(B)` is an interval of
  beliefs, and the family's beliefs are given as exact intervals, or a list
  of intervals when the union is not connected).  :math:`Q(B)` does not
  depend on the member; :math:`D(B)` does through :math:`V`, so in a
  continuum it is listed for the representative, and
  :meth:`PBEFamily.contains` decides membership of any other member from
  the same rule with the member's own :math:`V`.

A family is **pooling** when every type sends one and the same message,
**separating** when every type sends one message and no two types the same,
and **hybrid** (semi-separating) otherwise.  Each family is checked before it
is reported: its representative, and every vertex of every off-path piece
with it, is a PBE, with the largest gain of a deviation at any information
set (a type of the sender, or the receiver after a message) as the
certificate, exactly 0.  The refinements (the intuitive criterion and D1)
are in :mod:`gametheory.bayesian.refinements`.

Games with float payoffs are solved exactly after reading each float by its
shortest decimal (the result says so); games with parameters are refused
(substitute values first).

References
----------
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), sections 8.2
(perfect Bayesian equilibrium) and 11.2 (signaling games).

I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.

G. B. Dantzig, *Linear Programming and Extensions*, Princeton (1963): the
simplex method; R. G. Bland, "New finite pivoting rules for the simplex
method", *Mathematics of Operations Research* 2 (1977) 103-107.

Examples
--------
Beer-quiche with prior 9/10 on the strong type has exactly two families,
both pooling:

>>> from gametheory.bayesian.pbe import beer_quiche, pbe_solve
>>> res = pbe_solve(beer_quiche())
>>> [(f.kind, f.pooling_message, f.intuitive) for f in res.families]
[('pooling', 'beer', True), ('pooling', 'quiche', False)]
>>> res.families[0].beliefs["quiche"]["weak"]   # off the path: believe weak with probability >= 1/2
(Fraction(1, 2), Fraction(1, 1))
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from ..cost import check_cost
from ..errors import InputError, UnsupportedGameError
from ..exact import exact_lp, solve_rational
from ..numbers import format_number
from .signaling import SignalingGame

__all__ = ["OffPathPiece", "PBEFamily", "PBEResult", "pbe_solve", "beer_quiche", "check_assessment_gain"]

ZERO = Fraction(0)
ONE = Fraction(1)
_KIND_ORDER = {"pooling": 0, "separating": 1, "hybrid": 2}


# ---------------------------------------------------------------------------- the textbook example
def beer_quiche(prior_strong: Any = Fraction(9, 10)) -> SignalingGame:
    """Cho and Kreps' (1987) beer-quiche game.

    The sender is ``strong`` with probability ``prior_strong``; he gets 1 for
    his favourite breakfast (beer when strong, quiche when weak) plus 2 if
    the receiver does not duel; the receiver gets 1 for duelling a weak
    sender or not duelling a strong one, 0 otherwise.

    >>> beer_quiche().payoff("strong", "beer", "not")
    (Fraction(3, 1), Fraction(1, 1))
    """
    p = Fraction(prior_strong)
    pay = {}
    for t, favourite in (("strong", "beer"), ("weak", "quiche")):
        for m in ("beer", "quiche"):
            for a in ("duel", "not"):
                us = (1 if m == favourite else 0) + (2 if a == "not" else 0)
                ur = 1 if (a == "duel") == (t == "weak") else 0
                pay[(t, m, a)] = (us, ur)
    return SignalingGame("Sender", "Receiver", ["strong", "weak"], {"strong": p, "weak": 1 - p},
                         ["beer", "quiche"], ["duel", "not"], pay, title="Beer-quiche")


# ---------------------------------------------------------------------------- small exact polytope tools
Row = list[Fraction]


def _lp(c: Sequence[Fraction], ub: Sequence[tuple[Row, Fraction]], eq: Sequence[tuple[Row, Fraction]]):
    """``exact_lp`` on rows given as (coefficients, right-hand side)."""
    return exact_lp(c, [r for r, _ in ub], [b for _, b in ub], [r for r, _ in eq], [b for _, b in eq])


def _max_margin(n: int, support: Iterable[int], ub: list[tuple[Row, Fraction]], eq: list[tuple[Row, Fraction]]):
    """Maximise ``eps`` (an extra last variable) with ``x_j >= eps`` on ``support``: (eps, x) or None if infeasible."""
    ub2 = [(r + [ZERO], b) for r, b in ub]
    eq2 = [(r + [ZERO], b) for r, b in eq]
    for j in support:
        row = [ZERO] * (n + 1)
        row[j] = -ONE
        row[n] = ONE
        ub2.append((row, ZERO))
    cap = [ZERO] * n + [ONE]
    ub2.append((cap, ONE))  # eps <= 1 keeps the programme bounded when the support is empty
    sol = _lp([ZERO] * n + [ONE], ub2, eq2)
    if sol.status != "optimal":
        return None
    return sol.value, list(sol.x[:n])


def _vertices(n: int, ub: list[tuple[Row, Fraction]], eq: list[tuple[Row, Fraction]]) -> list[tuple[Fraction, ...]]:
    """Every vertex of the bounded polytope ``{x : ub rows <=, eq rows ==}`` in R^n, by active sets.

    A vertex is the unique solution of the equalities and some inequalities
    taken as equalities; the polytopes here have a handful of facets, so all
    subsets are tried (the caller counts them in its cost estimate).
    """
    found: dict[tuple[Fraction, ...], None] = {}
    for k in range(0, min(n, len(ub)) + 1):
        for active in itertools.combinations(range(len(ub)), k):
            rows = [r for r, _ in eq] + [ub[i][0] for i in active]
            rhs = [b for _, b in eq] + [ub[i][1] for i in active]
            if len(rows) < n:
                continue
            x = solve_rational(rows, rhs, unique=True)
            if x is None:
                continue
            if all(sum((a * v for a, v in zip(r, x)), ZERO) <= b for r, b in ub):
                found[tuple(x)] = None
    return sorted(found)


def _subsets(labels: Sequence[str]) -> list[tuple[str, ...]]:
    """The non-empty subsets, by size then in label order."""
    return [c for k in range(1, len(labels) + 1) for c in itertools.combinations(labels, k)]


# ---------------------------------------------------------------------------- the game as exact tables
class _Exact:
    """The game's payoffs as Fractions with the index maps the linear programmes need."""

    def __init__(self, game: SignalingGame):
        self.game = game
        self.T = game.types
        self.M = game.messages
        self.A = {m: game.actions(m) for m in self.M}
        self.pi = {t: Fraction(game.prior[t]) for t in self.T}
        self.us = {k: Fraction(v[0]) for k, v in game.payoffs.items()}
        self.ur = {k: Fraction(v[1]) for k, v in game.payoffs.items()}

    def belief_rows(self, m: str, B: Sequence[str], types: Sequence[str]):
        """Rows over ``types`` (a belief) saying every action of ``B`` is a best reply after ``m``."""
        a0 = B[0]
        eq = [([self.ur[(t, m, a)] - self.ur[(t, m, a0)] for t in types], ZERO) for a in B[1:]]
        ub = [([self.ur[(t, m, a)] - self.ur[(t, m, a0)] for t in types], ZERO) for a in self.A[m] if a not in B]
        return ub, eq

    def belief_polytope(self, m: str, B: Sequence[str], types: Sequence[str] | None = None):
        """(ub, eq) of Q(B): beliefs over ``types`` (default all) to which every action in ``B`` is a best reply."""
        types = self.T if types is None else types
        n = len(types)
        ub, eq = self.belief_rows(m, B, types)
        ub = ub + [([-ONE if j == i else ZERO for j in range(n)], ZERO) for i in range(n)]
        eq = eq + [([ONE] * n, ONE)]
        return ub, eq

    def feasible(self, ub, eq, n: int) -> bool:
        return _lp([ZERO] * n, ub, eq).status == "optimal"

    def best_reply_sets(self, m: str) -> list[tuple[str, ...]]:
        """The maximal sets of actions after ``m`` that are best replies together to some belief."""
        ok = []
        for B in _subsets(self.A[m]):
            ub, eq = self.belief_polytope(m, B)
            if self.feasible(ub, eq, len(self.T)):
                ok.append(B)
        return [B for B in ok if not any(set(B) < set(C) for C in ok)]

    def sender_value(self, t: str, m: str, rho_m: Mapping[str, Fraction]) -> Fraction:
        return sum((p * self.us[(t, m, a)] for a, p in rho_m.items() if p), ZERO)

    def receiver_value(self, mu: Mapping[str, Fraction], m: str, a: str) -> Fraction:
        return sum((p * self.ur[(t, m, a)] for t, p in mu.items() if p), ZERO)


def check_assessment_gain(game: SignalingGame, sender: Mapping, receiver: Mapping, beliefs: Mapping) -> Fraction:
    """The largest gain of a deviation at any information set of an assessment, exactly (0 for a PBE).

    Raises ArithmeticError when the on-path beliefs are not given by Bayes' rule.

    Parameters
    ----------
    game : SignalingGame
    sender : mapping
        ``{type: {message: probability}}``.
    receiver : mapping
        ``{message: {action: probability}}``, every message.
    beliefs : mapping
        ``{message: {type: probability}}``, every message.

    Examples
    --------
    >>> g = beer_quiche()
    >>> sender = {"strong": {"beer": 1}, "weak": {"beer": 1}}
    >>> receiver = {"beer": {"not": 1}, "quiche": {"duel": 1}}
    >>> beliefs = {"beer": {"strong": "9/10", "weak": "1/10"}, "quiche": {"strong": 0, "weak": 1}}
    >>> check_assessment_gain(g, sender, receiver, beliefs)
    Fraction(0, 1)
    >>> check_assessment_gain(g, sender, {"beer": {"not": 1}, "quiche": {"not": 1}}, beliefs)
    Fraction(1, 1)
    """
    ex = _Exact(game)
    sig = {t: {m: Fraction(sender[t].get(m, 0)) for m in ex.M} for t in ex.T}
    rho = {m: {a: Fraction(receiver[m].get(a, 0)) for a in ex.A[m]} for m in ex.M}
    mu = {m: {t: Fraction(beliefs[m].get(t, 0)) for t in ex.T} for m in ex.M}
    gain = ZERO
    for m in ex.M:
        mass = sum((ex.pi[t] * sig[t][m] for t in ex.T), ZERO)
        if mass > 0 and any(mu[m][t] != ex.pi[t] * sig[t][m] / mass for t in ex.T):
            raise ArithmeticError(f"the beliefs after {m!r} do not follow Bayes' rule")
        vals = {a: ex.receiver_value(mu[m], m, a) for a in ex.A[m]}
        gain = max(gain, max(vals.values()) - sum((rho[m][a] * vals[a] for a in ex.A[m]), ZERO))
    for t in ex.T:
        vals = {m: ex.sender_value(t, m, rho[m]) for m in ex.M}
        gain = max(gain, max(vals.values()) - sum((sig[t][m] * vals[m] for m in ex.M), ZERO))
    return gain


# ---------------------------------------------------------------------------- results
Belief = Fraction | tuple[Fraction, Fraction] | tuple[tuple[Fraction, Fraction], ...]


@dataclass(frozen=True)
class OffPathPiece:
    """One piece :math:`Q(B) \\times D(B)` of the (belief, response) pairs after an off-path message.

    Attributes
    ----------
    actions : tuple of str
        :math:`B`: the actions that are best replies together to every belief of the piece.
    beliefs : tuple of mapping
        The vertices of :math:`Q(B)`, each ``{type: probability}``.
    responses : tuple of mapping
        The vertices of :math:`D(B)`, each ``{action: probability}`` (actions of ``B``): the receiver's
        mixtures over ``B`` that give no type more than its equilibrium payoff.
    """

    actions: tuple[str, ...]
    beliefs: tuple[Mapping[str, Fraction], ...]
    responses: tuple[Mapping[str, Fraction], ...]

    def belief_range(self, t: str) -> tuple[Fraction, Fraction]:
        """The exact range of the probability of type ``t`` over the piece's beliefs."""
        vals = [b[t] for b in self.beliefs]
        return min(vals), max(vals)

    def response_range(self, a: str) -> tuple[Fraction, Fraction]:
        """The exact range of the probability of action ``a`` over the piece's responses."""
        vals = [r.get(a, ZERO) for r in self.responses]
        return min(vals), max(vals)

    def to_json(self) -> dict:
        """Strict JSON: the actions, the vertices and the exact ranges, numbers as strings."""
        return {
            "actions": list(self.actions),
            "belief_vertices": [{t: str(p) for t, p in b.items()} for b in self.beliefs],
            "response_vertices": [{a: str(p) for a, p in r.items()} for r in self.responses],
            "belief_ranges": {t: [str(x) for x in self.belief_range(t)] for t in self.beliefs[0]},
            "response_ranges": {a: [str(x) for x in self.response_range(a)] for a in self.actions},
        }

    def text(self) -> str:
        """One line for people: the belief and response ranges."""
        types = list(self.beliefs[0])
        shown = types[1:] if len(types) == 2 else types
        bel = ", ".join(f"P({t}) {_range_text(self.belief_range(t))}" for t in shown)
        resp = ", ".join(f"{a} {_range_text(self.response_range(a))}" for a in self.actions)
        return f"beliefs {bel}; response {resp}"


def _range_text(r: tuple[Fraction, Fraction]) -> str:
    lo, hi = r
    return f"= {lo}" if lo == hi else f"in [{lo}, {hi}]"


def _belief_json(v: Belief) -> Any:
    if isinstance(v, Fraction):
        return str(v)
    if v and isinstance(v[0], tuple):
        return [[str(a), str(b)] for a, b in v]
    return [str(x) for x in v]


@dataclass(frozen=True)
class PBEFamily:
    """One family of perfect Bayesian equilibria: a feasible support pattern (see the module docstring).

    Attributes
    ----------
    kind : {'pooling', 'separating', 'hybrid'}
    sender : mapping
        ``{type: {message: probability}}`` of the representative (the family's strategy when ``unique``).
    receiver : mapping
        ``{message: {action: probability}}``: on the path the family's response (the representative's
        when not ``unique``); off the path the representative's.
    beliefs : mapping
        ``{message: {type: p or (lo, hi) or ((lo, hi), ...)}}``: exact on the path; off the path the
        exact set of supporting beliefs for two types (an interval, or a tuple of disjoint intervals),
        the range of each type's probability otherwise (the exact polytopes are in ``off_path``).
    off_path : mapping
        ``{message: (OffPathPiece, ...)}``: the (belief, response) pairs that support the family after
        each message nobody sends.
    payoffs : mapping
        ``{sender: ex-ante expected payoff, receiver: expected payoff}`` of the representative.
    type_payoffs : mapping
        ``{type: equilibrium payoff}`` of the representative.
    intuitive, intuitive_reason : bool, str
        Whether the family survives the intuitive criterion (Cho and Kreps 1987), and why.
    d1, d1_reason : bool or None, str
        Whether it survives D1 (None: not decided).
    certificate : Fraction
        The largest gain of a deviation at any information set of the representative (0).
    unique : bool
        False when the pattern leaves the sender's strategy or the on-path response free over a set;
        ``ranges`` then gives each probability's exact range over the closure of the family.
    ranges : mapping
        ``{"sender": {type: {message: (lo, hi)}}, "receiver": {message: {action: (lo, hi)}}}`` (empty when
        ``unique``).
    representative_beliefs : mapping
        ``{message: {type: p}}``: the full beliefs of the checked representative member.
    members_checked : int
        Assessments of the family checked to be PBE (the representative and the off-path vertices).
    off_path_replies : mapping
        ``{message: (B, ...)}`` after each off-path message: the maximal sets of actions that are best
        replies together to some belief (any response with support in one of them is a best reply).
    """

    kind: str
    sender: Mapping[str, Mapping[str, Fraction]]
    receiver: Mapping[str, Mapping[str, Fraction]]
    beliefs: Mapping[str, Mapping[str, Belief]]
    off_path: Mapping[str, tuple[OffPathPiece, ...]]
    payoffs: Mapping[str, Fraction]
    type_payoffs: Mapping[str, Fraction]
    certificate: Fraction
    unique: bool = True
    ranges: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    representative_beliefs: Mapping[str, Mapping[str, Fraction]] = field(
        default_factory=lambda: MappingProxyType({}))
    intuitive: bool = True
    intuitive_reason: str = ""
    d1: bool | None = None
    d1_reason: str = ""
    members_checked: int = 0
    off_path_replies: Mapping[str, tuple[tuple[str, ...], ...]] = field(
        default_factory=lambda: MappingProxyType({}))

    @property
    def on_path(self) -> tuple[str, ...]:
        """The messages sent with positive probability."""
        return tuple(m for m in self.receiver if m not in self.off_path)

    @property
    def pooling_message(self) -> str | None:
        """The one message of a pooling family, else None."""
        if self.kind != "pooling":
            return None
        return next(iter(self.on_path))

    def supports(self) -> dict[str, tuple[str, ...]]:
        """``{type: messages sent}``."""
        return {t: tuple(m for m, p in d.items() if p) for t, d in self.sender.items()}

    def contains(self, sender: Mapping, receiver: Mapping, game: SignalingGame | None = None) -> bool:
        """Whether the strategies ``sender`` and ``receiver`` (with some beliefs) are a member of this family.

        ``sender`` is ``{type: {message: p}}``, ``receiver`` ``{message: {action: p}}`` (missing entries
        are 0).  For a ``unique`` family this is decided from the description: the supports, the on-path
        play, and, after each off-path message, a piece whose response polytope holds the response.  A
        continuum (``unique`` False) needs ``game``: the supports must match and the pair must satisfy
        the family's defining conditions (Bayes' rule and best replies on the path, no profitable message,
        and after each off-path message a response whose support lies in one of ``off_path_replies``),
        since the off-path pieces depend on the member's own payoffs.
        """
        sig = {t: {m: Fraction(sender[t].get(m, 0)) for m in d} for t, d in self.sender.items()}
        rho = {m: {a: Fraction(receiver[m].get(a, 0)) for a in d} for m, d in self.receiver.items()}
        if any({m for m, p in sig[t].items() if p} != {m for m, p in d.items() if p} for t, d in self.sender.items()):
            return False
        for m in self.on_path:
            if {a for a, p in rho[m].items() if p} != {a for a, p in self.receiver[m].items() if p}:
                return False
        if not self.unique:
            if game is None:
                raise InputError("contains() of a family that is a continuum needs the game", field="game")
            return self._satisfies(game, sig, rho)
        if sig != {t: dict(d) for t, d in self.sender.items()}:
            return False
        if any(rho[m] != dict(self.receiver[m]) for m in self.on_path):
            return False
        for m, pieces in self.off_path.items():
            if not any(_in_hull(rho[m], piece) for piece in pieces):
                return False
        return True

    def _satisfies(self, game: SignalingGame, sig, rho) -> bool:
        ex = _Exact(game.to_exact())
        beliefs = {}
        for m in ex.M:
            mass = sum((ex.pi[t] * sig[t][m] for t in ex.T), ZERO)
            if mass:
                beliefs[m] = {t: ex.pi[t] * sig[t][m] / mass for t in ex.T}
            else:
                supp = {a for a, p in rho[m].items() if p}
                if not any(supp <= set(B) for B in self.off_path_replies.get(m, ())):
                    return False
        for m, mu in beliefs.items():
            vals = {a: ex.receiver_value(mu, m, a) for a in ex.A[m]}
            if any(p and vals[a] != max(vals.values()) for a, p in rho[m].items()):
                return False
        for t in ex.T:
            vals = {m: ex.sender_value(t, m, rho[m]) for m in ex.M}
            if any(p and vals[m] != max(vals.values()) for m, p in sig[t].items()):
                return False
        return True

    def to_json(self, game: SignalingGame) -> dict:
        """The family in the tree contract (``behavior`` by player and information set key) plus item 5's fields."""
        tree = game.to_tree()
        skey = {tree.infoset_label(k): tree.infoset_key(k) for k in tree.infosets(game.sender)}
        rkey = {tree.infoset_label(k): tree.infoset_key(k) for k in tree.infosets(game.receiver)}
        doc: dict[str, Any] = {
            "kind": self.kind,
            "intuitive": bool(self.intuitive),
            "d1": self.d1,
            "behavior": {
                game.sender: {skey[t]: {m: str(p) for m, p in d.items()} for t, d in self.sender.items()},
                game.receiver: {rkey[m]: {a: str(p) for a, p in d.items()} for m, d in self.receiver.items()},
            },
            "beliefs": {rkey[m]: {t: _belief_json(v) for t, v in d.items()} for m, d in self.beliefs.items()},
            "on_path": list(self.on_path),
            "off_path": {rkey[m]: [p.to_json() for p in pieces] for m, pieces in self.off_path.items()},
            "payoffs": {p: str(v) for p, v in self.payoffs.items()},
            "type_payoffs": {t: str(v) for t, v in self.type_payoffs.items()},
            "certificate": str(self.certificate),
            "unique": bool(self.unique),
            "intuitive_reason": self.intuitive_reason,
            "d1_reason": self.d1_reason,
            "members_checked": self.members_checked,
        }
        if not self.unique:
            doc["ranges"] = {
                "sender": {t: {m: [str(a), str(b)] for m, (a, b) in d.items()}
                           for t, d in self.ranges["sender"].items()},
                "receiver": {m: {a: [str(x), str(y)] for a, (x, y) in d.items()}
                             for m, d in self.ranges["receiver"].items()},
            }
        return doc

    def text_lines(self, game: SignalingGame) -> list[str]:
        """The family for people: strategies, beliefs, off-path pieces, payoffs, refinements, certificate."""
        from ..game_text import mix_text

        on = self.on_path
        head = {"pooling": f"pooling on {on[0]!r}" if on else "pooling",
                "separating": "separating", "hybrid": "hybrid (semi-separating)"}[self.kind]
        lines = [f"{head}; intuitive criterion: {'survives' if self.intuitive else 'fails'}"
                 f"; D1: {'-' if self.d1 is None else ('survives' if self.d1 else 'fails')}"
                 + ("" if self.unique else "; a continuum (ranges below)")]
        lines.append("  sender: " + "; ".join(f"{t}: {mix_text(d)}" for t, d in self.sender.items()))
        lines.append("  receiver: " + "; ".join(f"after {m}: {mix_text(self.receiver[m])}" for m in on))
        for m in on:
            lines.append(f"  beliefs after {m}: " + ", ".join(f"{t} {_belief_text(v)}"
                                                             for t, v in self.beliefs[m].items()))
        for m, pieces in self.off_path.items():
            lines.append(f"  off the path, after {m}:")
            lines += [f"    {p.text()}" for p in pieces]
        if not self.unique:
            lines.append("  ranges: " + "; ".join(f"{t}: " + ", ".join(f"{m} [{a}, {b}]" for m, (a, b) in d.items())
                                                  for t, d in self.ranges["sender"].items()))
        lines.append("  payoffs: " + ", ".join(f"{t} {format_number(v)}" for t, v in self.type_payoffs.items())
                     + f"; receiver {format_number(self.payoffs[game.receiver])}")
        if self.intuitive_reason:
            lines.append(f"  intuitive criterion: {self.intuitive_reason}")
        if self.d1_reason:
            lines.append(f"  D1: {self.d1_reason}")
        lines.append(f"  certificate (largest gain of a deviation): {self.certificate}")
        return lines


def _belief_text(v: Belief) -> str:
    if isinstance(v, Fraction):
        return str(v)
    if v and isinstance(v[0], tuple):
        return " or ".join(f"[{a}, {b}]" for a, b in v)
    return f"[{v[0]}, {v[1]}]"


def _in_hull(rho_m: Mapping[str, Fraction], piece: OffPathPiece) -> bool:
    """Whether a response lies in the piece's response polytope: a convex combination of its vertices (an LP)."""
    if any(p and a not in piece.actions for a, p in rho_m.items()):
        return False
    k = len(piece.responses)
    eq = [([ONE] * k, ONE)]
    eq += [([r.get(a, ZERO) for r in piece.responses], rho_m.get(a, ZERO)) for a in piece.actions]
    return _lp([ZERO] * k, [], eq).status == "optimal"


@dataclass(frozen=True)
class PBEResult:
    """Every PBE family of a signaling game.

    Attributes
    ----------
    game : SignalingGame
    families : tuple of PBEFamily
        Pooling, then separating, then hybrid families.
    complete : bool
        True: every PBE of the game belongs to a listed family.
    diagnostics : tuple of str
    """

    game: SignalingGame
    families: tuple[PBEFamily, ...]
    complete: bool = True
    diagnostics: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """Strict JSON: exact numbers as strings, beliefs as ``p`` or ``[lo, hi]``; item 5 of the issue."""
        g = self.game
        return {
            "game": {"title": g.title, "players": list(g.players), "kind": "signaling", "types": list(g.types),
                     "prior": {t: str(Fraction(p)) for t, p in g.prior.items()}, "messages": list(g.messages)},
            "method": "pbe",
            "complete": bool(self.complete),
            "exact": True,
            "equilibria": [f.to_json(g) for f in self.families],
            "diagnostics": list(self.diagnostics),
        }

    def __str__(self) -> str:
        g = self.game
        counts = {k: sum(1 for f in self.families if f.kind == k) for k in _KIND_ORDER}
        lines = [f"{g.title or 'Signaling game'}: {len(self.families)} perfect Bayesian equilibrium famil"
                 f"{'y' if len(self.families) == 1 else 'ies'} ("
                 + ", ".join(f"{n} {k}" for k, n in counts.items()) + ")"
                 + ("" if self.complete else " - INCOMPLETE")]
        for i, f in enumerate(self.families, 1):
            first, *rest = f.text_lines(g)
            lines.append(f"{i}. {first}")
            lines += rest
        lines += [f"note: {d}" for d in self.diagnostics]
        return "\n".join(lines)


# ---------------------------------------------------------------------------- the solver
def _kind(supports: Mapping[str, tuple[str, ...]]) -> str:
    sets = list(supports.values())
    if all(len(s) == 1 for s in sets):
        msgs = [s[0] for s in sets]
        if len(set(msgs)) == 1:
            return "pooling"
        if len(set(msgs)) == len(msgs):
            return "separating"
    return "hybrid"


def _cost(ex: _Exact) -> tuple[int, str]:
    nS = (2 ** len(ex.M) - 1) ** len(ex.T)
    nB = 1
    for m in ex.M:
        nB *= 2 ** len(ex.A[m]) - 1
    v = len(ex.T) * len(ex.M) + sum(len(a) for a in ex.A.values())
    max_a = max(len(a) for a in ex.A.values())
    pieces = len(ex.M) * 2 ** max_a * 2 ** (len(ex.T) + max_a)  # off-path pieces: vertices by active sets
    return (nS * nB * (2 * v + 2) ** 2 + nS * pieces,
            f"{nS} sender supports x up to {nB} receiver supports, LPs of ~{v} variables")


def pbe_solve(game: SignalingGame, *, max_cost: float | None = None) -> PBEResult:
    """Every perfect Bayesian equilibrium of ``game``, exactly, as families (see the module docstring).

    Parameters
    ----------
    game : SignalingGame
        Numbers (exact or float; floats are read by their shortest decimal).
    max_cost : float, optional
        Limit of the cost estimate (:func:`gametheory.cost.check_cost`).

    Returns
    -------
    PBEResult

    Raises
    ------
    UnsupportedGameError
        A game with parameters.
    CostLimitError
        When the estimate exceeds ``max_cost``.
    """
    if not isinstance(game, SignalingGame):
        raise InputError(f"expected a SignalingGame, got {type(game).__name__}", field="game")
    if game.kind == "symbolic":
        raise UnsupportedGameError("method 'pbe' needs numbers: substitute the game's parameters first")
    diagnostics = []
    if game.kind == "float":
        diagnostics.append("float payoffs were read exactly by their shortest decimal")
    ex = _Exact(game.to_exact())
    estimate, what = _cost(ex)
    check_cost(estimate, max_cost, "pbe", what)
    from .refinements import d1_criterion, intuitive_criterion  # refinements read the families built here

    fams = []
    replies = {m: ex.best_reply_sets(m) for m in ex.M}
    onpath_B_cache: dict[tuple[str, tuple[str, ...]], list[tuple[str, ...]]] = {}

    def on_path_replies(m: str, senders: tuple[str, ...]) -> list[tuple[str, ...]]:
        # the action sets that are best replies together to some belief with full support on `senders`
        key = (m, senders)
        if key not in onpath_B_cache:
            out = []
            n = len(senders)
            for B in _subsets(ex.A[m]):
                ub, eq = ex.belief_polytope(m, B, senders)
                margin = _max_margin(n, range(n), ub, eq)
                if margin is not None and margin[0] > 0:
                    out.append(B)
            onpath_B_cache[key] = out
        return onpath_B_cache[key]

    for S_combo in itertools.product(_subsets(ex.M), repeat=len(ex.T)):
        S = dict(zip(ex.T, S_combo))
        on = [m for m in ex.M if any(m in S[t] for t in ex.T)]
        off = [m for m in ex.M if m not in on]
        senders = {m: tuple(t for t in ex.T if m in S[t]) for m in on}
        choices = [on_path_replies(m, senders[m]) for m in on]
        if any(not c for c in choices):
            continue
        for B_combo in itertools.product(*choices):
            B = dict(zip(on, B_combo))
            fam = _family(ex, S, B, on, off, senders, replies)
            if fam is not None:
                fam = replace(fam, **_refine(game, fam, intuitive_criterion, d1_criterion))
                fams.append(fam)
    fams.sort(key=lambda f: _KIND_ORDER[f.kind])
    if any(not f.unique for f in fams):
        diagnostics.append("some families are continua (payoff ties): their on-path ranges are exact, their "
                           "off-path sets and refinement tests are those of the representative")
    return PBEResult(game, tuple(fams), True, tuple(diagnostics))


def _refine(game, fam, intuitive_criterion, d1_criterion) -> dict:
    ok, why = intuitive_criterion(game, fam)
    d1, why_d1 = d1_criterion(game, fam)
    return {"intuitive": ok, "intuitive_reason": why, "d1": d1, "d1_reason": why_d1}


def _family(ex: _Exact, S, B, on, off, senders, replies) -> PBEFamily | None:
    T, M = ex.T, ex.M
    # ---- the sender's side: x_{tm} = prior * sigma, Bayes-consistent beliefs making B_m best replies
    xvars = [(t, m) for t in T for m in S[t]]
    xi = {v: j for j, v in enumerate(xvars)}
    nx = len(xvars)
    x_eq = []
    for t in T:
        row = [ZERO] * nx
        for m in S[t]:
            row[xi[(t, m)]] = ONE
        x_eq.append((row, ex.pi[t]))
    x_ub: list[tuple[Row, Fraction]] = []
    for m in on:
        ub_b, eq_b = ex.belief_rows(m, B[m], senders[m])
        for rows, dest in ((ub_b, x_ub), (eq_b, x_eq)):
            for coeffs, rhs in rows:
                row = [ZERO] * nx
                for t, c in zip(senders[m], coeffs):
                    row[xi[(t, m)]] = c
                dest.append((row, rhs))
    sol = _max_margin(nx, range(nx), x_ub, x_eq)
    if sol is None or sol[0] <= 0:
        return None
    x = dict(zip(xvars, sol[1]))
    # ---- the receiver's side: rho on the path (support B_m), off the path in some maximal best-reply set
    on_vars = [(m, a) for m in on for a in B[m]]
    best = None
    for off_combo in itertools.product(*(replies[m] for m in off)):
        Boff = dict(zip(off, off_combo))
        rvars, ub, eq = _receiver_lp(ex, S, B, Boff, on_vars)
        res = _max_margin(len(rvars), range(len(on_vars)), ub, eq)
        if res is not None and res[0] > 0:
            best = (Boff, dict(zip(rvars, res[1])))  # the first combination that works gives the representative
            break
    if best is None:
        return None
    rho_vals = best[1]
    rho = {m: {a: rho_vals.get((m, a), ZERO) for a in ex.A[m]} for m in on}
    sigma = {t: {m: (x.get((t, m), ZERO) / ex.pi[t]) for m in M} for t in T}
    value = {t: ex.sender_value(t, S[t][0], rho[S[t][0]]) for t in T}
    beliefs_on = {}
    for m in on:
        mass = sum((x.get((t, m), ZERO) for t in T), ZERO)
        beliefs_on[m] = {t: x.get((t, m), ZERO) / mass for t in T}
    # ---- uniqueness: the range of every probability over the closure of the family
    unique, ranges = _ranges(ex, S, B, on, off, replies, xvars, x_ub, x_eq, on_vars)
    # ---- off-path pieces for the representative's equilibrium payoffs
    off_path: dict[str, tuple[OffPathPiece, ...]] = {}
    for m in off:
        pieces = _pieces(ex, m, value)
        if not pieces:
            raise ArithmeticError(f"internal error: no off-path support after {m!r} for a feasible pattern")
        off_path[m] = tuple(pieces)
    receiver = dict(rho)
    rep_beliefs = dict(beliefs_on)
    for m in off:
        p0 = off_path[m][0]
        receiver[m] = _average(p0.responses, ex.A[m])
        rep_beliefs[m] = _average(p0.beliefs, T)
    receiver = {m: receiver[m] for m in M}
    rep_beliefs = {m: rep_beliefs[m] for m in M}
    # ---- the checks: the representative, and every off-path vertex with the representative's on-path play
    cert = check_assessment_gain(ex.game, sigma, receiver, rep_beliefs)
    checked = 1
    for m in off:
        for piece in off_path[m]:
            for bel in piece.beliefs:
                for resp in piece.responses:
                    r2 = dict(receiver)
                    r2[m] = {a: resp.get(a, ZERO) for a in ex.A[m]}
                    b2 = dict(rep_beliefs)
                    b2[m] = bel
                    cert = max(cert, check_assessment_gain(ex.game, sigma, r2, b2))
                    checked += 1
    if cert != 0:
        raise ArithmeticError(f"internal error: a reported PBE member has a profitable deviation ({cert})")
    beliefs: dict[str, dict[str, Belief]] = {}
    for m in M:
        if m in on:
            if unique:
                beliefs[m] = dict(beliefs_on[m])
            else:
                beliefs[m] = {t: _on_path_belief_range(ex, m, t, senders[m], xvars, x_ub, x_eq) for t in T}
        else:
            beliefs[m] = {t: _union_ranges(ex, off_path[m], t) for t in T}
    payoff_r = sum((x.get((t, m), ZERO) * sum((rho[m][a] * ex.ur[(t, m, a)] for a in B[m]), ZERO)
                    for t in T for m in S[t]), ZERO)
    payoff_s = sum((ex.pi[t] * value[t] for t in T), ZERO)
    supports = {t: tuple(S[t]) for t in T}
    return PBEFamily(
        kind=_kind(supports),
        sender=MappingProxyType(sigma),
        receiver=MappingProxyType(receiver),
        beliefs=MappingProxyType(beliefs),
        off_path=MappingProxyType(off_path),
        payoffs=MappingProxyType({ex.game.sender: payoff_s, ex.game.receiver: payoff_r}),
        type_payoffs=MappingProxyType(value),
        certificate=cert,
        unique=unique,
        ranges=MappingProxyType(ranges),
        representative_beliefs=MappingProxyType(rep_beliefs),
        members_checked=checked,
        off_path_replies=MappingProxyType({m: tuple(replies[m]) for m in off}),
    )


def _receiver_lp(ex: _Exact, S, B, Boff, on_vars):
    """(variables, ub, eq) of the receiver's side: rho_m a distribution on B_m (on the path) or on Boff_m
    (off it), and every type's messages in S_t optimal, with equal payoffs."""
    rvars = on_vars + [(m, a) for m in ex.M if m not in B for a in Boff[m]]
    ri = {v: j for j, v in enumerate(rvars)}
    n = len(rvars)
    acts = {m: (B[m] if m in B else Boff[m]) for m in ex.M}
    eq: list[tuple[Row, Fraction]] = []
    ub: list[tuple[Row, Fraction]] = []
    for m in ex.M:
        row = [ZERO] * n
        for a in acts[m]:
            row[ri[(m, a)]] = ONE
        eq.append((row, ONE))
    for t in ex.T:
        rows = {}
        for m in ex.M:
            row = [ZERO] * n
            for a in acts[m]:
                row[ri[(m, a)]] = ex.us[(t, m, a)]
            rows[m] = row
        base = rows[S[t][0]]
        for m in ex.M:
            if m != S[t][0]:
                (eq if m in S[t] else ub).append(([u - v for u, v in zip(rows[m], base)], ZERO))
    return rvars, ub, eq


def _average(points: Sequence[Mapping[str, Fraction]], labels: Sequence[str]) -> dict[str, Fraction]:
    """The average of a polytope's vertices: a point of the polytope (of its relative interior)."""
    k = len(points)
    return {lab: sum((p.get(lab, ZERO) for p in points), ZERO) / k for lab in labels}


def _pieces(ex: _Exact, m: str, value: Mapping[str, Fraction]) -> list[OffPathPiece]:
    """The pieces Q(B) x D(B) after off-path ``m``, for every action set ``B`` where both are non-empty."""
    out = []
    T = ex.T
    for B in _subsets(ex.A[m]):
        ub, eq = ex.belief_polytope(m, B)
        qv = _vertices(len(T), ub, eq)
        if not qv:
            continue
        k = len(B)
        d_ub = [([-ONE if j == i else ZERO for j in range(k)], ZERO) for i in range(k)]
        d_ub += [([ex.us[(t, m, a)] for a in B], value[t]) for t in T]
        dv = _vertices(k, d_ub, [([ONE] * k, ONE)])
        if not dv:
            continue
        out.append(OffPathPiece(tuple(B), tuple(MappingProxyType(dict(zip(T, v))) for v in qv),
                                tuple(MappingProxyType(dict(zip(B, v))) for v in dv)))
    return out


def _merge(intervals: list[tuple[Fraction, Fraction]]) -> list[tuple[Fraction, Fraction]]:
    out: list[tuple[Fraction, Fraction]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _union_ranges(ex: _Exact, pieces: Sequence[OffPathPiece], t: str) -> Belief:
    """Two types: the exact set of P(t) over the pieces' beliefs (merged intervals); more: the range."""
    ivals = [p.belief_range(t) for p in pieces]
    merged = _merge(ivals) if len(ex.T) == 2 else [(min(a for a, _ in ivals), max(b for _, b in ivals))]
    if len(merged) == 1:
        lo, hi = merged[0]
        return lo if lo == hi else (lo, hi)
    return tuple(merged)


def _range_lp(n: int, ub, eq, j: int) -> tuple[Fraction, Fraction]:
    c = [ZERO] * n
    c[j] = ONE
    hi = _lp(c, ub, eq)
    c[j] = -ONE
    lo = _lp(c, ub, eq)
    assert hi.status == lo.status == "optimal" and hi.value is not None and lo.value is not None
    return -lo.value, hi.value


def _ranges(ex: _Exact, S, B, on, off, replies, xvars, x_ub, x_eq, on_vars):
    """(unique, ranges): each sender and on-path receiver probability's exact range over the family's closure."""
    nx = len(xvars)
    sr: dict[str, dict[str, tuple[Fraction, Fraction]]] = {t: {} for t in ex.T}
    unique = True
    for j, (t, m) in enumerate(xvars):
        lo, hi = _range_lp(nx, x_ub, x_eq, j)
        sr[t][m] = (lo / ex.pi[t], hi / ex.pi[t])
        unique = unique and lo == hi
    for t in ex.T:
        sr[t] = {m: sr[t].get(m, (ZERO, ZERO)) for m in ex.M}
    rr: dict[str, dict[str, tuple[Fraction, Fraction]]] = {m: {} for m in on}
    for off_combo in itertools.product(*(replies[m] for m in off)):
        rvars, ub, eq = _receiver_lp(ex, S, B, dict(zip(off, off_combo)), on_vars)
        n = len(rvars)
        res = _max_margin(n, range(len(on_vars)), ub, eq)
        if res is None or res[0] <= 0:
            continue
        for j, (m, a) in enumerate(on_vars):
            lo, hi = _range_lp(n, ub, eq, j)
            old = rr[m].get(a)
            rr[m][a] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
    for m in on:
        for a in ex.A[m]:
            rr[m].setdefault(a, (ZERO, ZERO))
        unique = unique and all(lo == hi for lo, hi in rr[m].values())
    if unique:
        return True, {}
    return False, {"sender": sr, "receiver": rr}


def _on_path_belief_range(ex: _Exact, m: str, t: str, senders, xvars, x_ub, x_eq) -> Belief:
    """The exact range of the Bayes belief P(t | m) over the family's closure (a linear-fractional programme).

    Charnes-Cooper: with y = x / (total mass of m), the belief is linear; the
    closure's mass of an on-path message can reach 0 only at its boundary,
    which the closure's other families report, so the range is taken over the
    scaled programme with mass exactly 1.
    """
    if t not in senders:
        return ZERO
    nx = len(xvars)
    # variables: y (nx) and s >= 0, the scale: A x <= b becomes A y - b s <= 0, mass of m in y = 1
    ub = [(r + [-b], ZERO) for r, b in x_ub]
    eq = [(r + [-b], ZERO) for r, b in x_eq]
    mass = [ONE if mm == m else ZERO for _, mm in xvars] + [ZERO]
    eq.append((mass, ONE))
    j = xvars.index((t, m))
    c = [ZERO] * (nx + 1)
    c[j] = ONE
    hi = _lp(c, ub, eq)
    c[j] = -ONE
    lo = _lp(c, ub, eq)
    if hi.status != "optimal" or lo.status != "optimal" or hi.value is None or lo.value is None:
        return (ZERO, ONE)
    a, b = -lo.value, hi.value
    return a if a == b else (a, b)
