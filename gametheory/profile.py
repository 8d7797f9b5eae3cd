r"""Mixed strategy profiles, expected payoffs and regrets.

A mixed profile :math:`\sigma = (\sigma_1, \dots, \sigma_N)` gives each
player a probability vector over their strategies.  Player :math:`i`'s payoff
to a pure strategy :math:`s_i` against the others is

.. math:: u_i(s_i, \sigma_{-i}) = \sum_{s_{-i}} u_i(s_i, s_{-i}) \prod_{j \ne i} \sigma_j(s_j),

their expected payoff is :math:`u_i(\sigma) = \sum_{s_i} \sigma_i(s_i) u_i(s_i, \sigma_{-i})`
and their *regret* is :math:`\max_{s_i} u_i(s_i, \sigma_{-i}) - u_i(\sigma) \ge 0`.
A profile is a Nash equilibrium iff every regret is zero: the regrets are the
equilibrium's certificate.  In an exact game with rational probabilities the
arithmetic is exact (:class:`fractions.Fraction`).

>>> from gametheory import Game, MixedProfile
>>> pennies = Game.zero_sum([[1, -1], [-1, 1]])
>>> half = {"1": "1/2", "2": "1/2"}
>>> sigma = MixedProfile(pennies, {"Player 1": half, "Player 2": half})
>>> sigma.regret()
{'Player 1': Fraction(0, 1), 'Player 2': Fraction(0, 1)}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from operator import itemgetter, mul
from typing import Any

import numpy as np

from .errors import InputError
from .exact import ScaledVector, integer_scaled
from .numbers import MAX_PAYOFF_BITS, format_number, is_sympy, to_exact, to_float
from .payoff_scale import max_abs

__all__ = ["MixedProfile", "checked_vector"]


_SCALED: dict = {}


def _scaled_tensor(tensor: np.ndarray):
    """Integer numerators and common denominator of a Fraction tensor, cached for read-only game arrays.

    ``(None, None)`` when some entry is not a Fraction.

    A game's payoff array is read-only, so the scaling of a view of it can be
    reused; the cache holds the base array, so its id is not recycled while
    the entry lives.
    """
    base = tensor.base
    key = None
    if base is not None and not base.flags.writeable:
        key = (id(base), tensor.__array_interface__["data"][0], tensor.shape, tensor.strides)
        hit = _SCALED.get(key)
        if hit is not None and hit[0] is base:
            return hit[1], hit[2]
    flat = tensor.reshape(-1)
    if tensor.dtype != object or not all(isinstance(v, Fraction) for v in flat):
        arr, den = None, None
    else:
        nums, den = integer_scaled(flat)
        arr = np.array(nums, dtype=object).reshape(tensor.shape)
    if key is not None:
        if len(_SCALED) >= 64:
            _SCALED.clear()
        _SCALED[key] = (base, arr, den)
    return arr, den


def _contract_exact(tensor: np.ndarray, probs, i: int) -> np.ndarray:
    """Exact contraction on integers: scale each operand once, divide once at the end.

    Same result as the Fraction contraction, without a gcd per multiply-add
    (the equilibria of a game with decimal payoffs have large denominators).
    """
    arr, den = _scaled_tensor(tensor)
    for j in reversed(range(len(probs))):
        if j != i:
            pnums, pden = integer_scaled(probs[j])
            arr = np.tensordot(arr, np.array(pnums, dtype=object), axes=([j], [0]))
            den *= pden
    flat = [Fraction(int(v), den) for v in arr.reshape(-1)]
    return np.array(flat, dtype=object).reshape(arr.shape)


def _bimatrix_rows(game) -> list[tuple[list[list[int]], int]] | None:
    """Each player's payoff matrix of a two-player game as rows of integer numerators over one denominator.

    ``[(rows_1, e_1), (rows_2, e_2)]`` with ``rows_i[s][t] / e_i`` player
    ``i``'s payoff when ``i`` plays ``s`` and the other plays ``t``; None
    when some payoff is not a Fraction.  Cached by the game's identity (a
    game is immutable; the cache holds the game, so its id is not recycled
    while the entry lives).
    """
    key = ("bimatrix", id(game))
    hit = _SCALED.get(key)
    if hit is not None and hit[0] is game:
        return hit[1]
    pay = game.payoffs
    scaled = [_scaled_tensor(pay[..., i]) for i in (0, 1)]
    rows = None if any(arr is None for arr, _ in scaled) else [
        (arr.tolist() if i == 0 else arr.T.tolist(), den) for i, (arr, den) in enumerate(scaled)
    ]
    if len(_SCALED) >= 64:
        _SCALED.clear()
    _SCALED[key] = (game, rows)
    return rows


def _bimatrix_certificate(game, scaled) -> list[tuple[Fraction, Fraction]] | None:
    r"""``[(u_1, regret_1), (u_2, regret_2)]`` of an exact two-player profile on integers, or None.

    None unless every payoff is a Fraction.  ``scaled`` holds each player's
    probabilities as ``(numerators, d)`` (:func:`checked_vector`).  With
    payoff numerators :math:`a_{st}` over :math:`e`, own numerators
    :math:`p_s` over :math:`d_i` and the other's :math:`q_t` over
    :math:`d_j`, the payoff of strategy :math:`s` is :math:`v_s / (e d_j)`
    with :math:`v_s = \sum_t a_{st} q_t`, so

    .. math:: u_i = \frac{\sum_s p_s v_s}{e d_i d_j}, \qquad
              \text{regret}_i = \frac{d_i \max_s v_s - \sum_s p_s v_s}{e d_i d_j}:

    integer sums and one Fraction (one gcd) per result, the same numbers as
    the Fraction arithmetic.
    """
    rows = _bimatrix_rows(game)
    if rows is None:
        return None
    out = []
    for (matrix, e), (own, d_own), (other, d_other) in zip(rows, scaled, scaled[::-1]):
        # the other's zero probabilities add nothing: the sums run over its support
        supp = [t for t, q in enumerate(other) if q]
        if len(supp) == len(other):
            vals = [sum(map(mul, row, other)) for row in matrix]
        elif len(supp) == 1:
            t, = supp
            vals = [row[t] * other[t] for row in matrix]
        else:
            pick = itemgetter(*supp)
            qs = pick(other)
            vals = [sum(map(mul, pick(row), qs)) for row in matrix]
        total = sum(map(mul, vals, own))
        den = e * d_own * d_other
        out.append((Fraction(total, den), Fraction(max(vals) * d_own - total, den)))
    return out


def _exact_value_and_best(tensor: np.ndarray, probs, i: int):
    """``(u_i(sigma), max_s u_i(s, sigma_-i))`` on integers, or None unless every entry is a Fraction.

    The contraction and the final dot product stay on integer numerators
    (one common denominator each), so only the two results are Fractions.
    """
    own = probs[i]
    if not all(isinstance(q, Fraction) for vec in probs for q in vec):
        return None
    tensor, probs = _drop_unused(tensor, probs, i)
    arr, den = _scaled_tensor(tensor)
    if arr is None:
        return None
    if arr.ndim == 2:
        # two players: plain integer dot products (np.tensordot's set-up costs more here)
        pnums, pden = integer_scaled(probs[1 - i])
        rows = arr.tolist() if i == 0 else arr.T.tolist()
        vals = [sum(a * b for a, b in zip(row, pnums)) for row in rows]
        den *= pden
    else:
        for j in reversed(range(len(probs))):
            if j != i:
                pnums, pden = integer_scaled(probs[j])
                arr = np.tensordot(arr, np.array(pnums, dtype=object), axes=([j], [0]))
                den *= pden
        vals = [int(v) for v in arr.reshape(-1)]
    onums, oden = integer_scaled(own)
    value = Fraction(sum(v * q for v, q in zip(vals, onums)), den * oden)
    return value, Fraction(max(vals), den)


def _all_fractions(tensor: np.ndarray, probs) -> bool:
    return tensor.dtype == object and all(isinstance(v, Fraction) for v in tensor.reshape(-1)) and all(
        isinstance(q, Fraction) for vec in probs for q in vec
    )


def _drop_unused(tensor: np.ndarray, probs, i: int):
    """Restrict the others' axes to their supports: zero-probability slices add exactly nothing.

    For a pure or small-support profile of a large game this makes the
    certificate cost proportional to the support, not to the whole tensor.
    """
    probs = list(probs)
    index, scattered = [slice(None)] * len(probs), []
    for j, p in enumerate(probs):
        if j != i:
            # a float vector's zeros found in one call (a Python loop over 100 NumPy floats took ~25 us)
            supp = np.flatnonzero(p) if getattr(p, "dtype", None) == np.float64 else [
                k for k, q in enumerate(p) if q != 0]
            if len(supp) == len(p):
                continue
            probs[j] = p[supp]
            if supp[-1] - supp[0] + 1 == len(supp):
                index[j] = slice(supp[0], supp[-1] + 1)  # a view: no copy of the big tensor
            else:
                scattered.append((j, supp))
    tensor = tensor[tuple(index)]
    for j, supp in scattered:
        tensor = np.take(tensor, supp, axis=j)
    return tensor, probs


def _contract_others(tensor: np.ndarray, probs, i: int) -> np.ndarray:
    """Payoff of each strategy of player i against the others' mixtures."""
    tensor, probs = _drop_unused(tensor, probs, i)
    if tensor.dtype == np.float64 and len(probs) > 1 and all(
            getattr(p, "dtype", None) == np.float64 for p in probs):
        # floats: one matrix-vector product against the others' joint distribution (their outer
        # product, in axis order) instead of a tensordot per opponent, each a dozen NumPy calls
        joint = None
        for j, p in enumerate(probs):
            if j != i:
                joint = p if joint is None else np.multiply.outer(joint, p).ravel()
        return np.moveaxis(tensor, i, 0).reshape(tensor.shape[i], -1) @ joint
    if _all_fractions(tensor, probs):
        return _contract_exact(tensor, probs, i)
    arr = tensor
    for j in reversed(range(len(probs))):
        if j != i:
            arr = np.tensordot(arr, probs[j], axes=([j], [0]))
    return arr


_FRACTION_ONLY = {Fraction}


def _exact_vector(v: Sequence[Any], field: str) -> tuple[Sequence[Fraction], list[int], int]:
    """``(Fractions, numerators, d)`` of one exact probability vector (:func:`gametheory.exact.integer_scaled`).

    A vector of Fractions that is a probability vector with a denominator of
    at most :data:`~gametheory.numbers.MAX_PAYOFF_BITS` bits is taken as it
    is: every entry is then at most 1 with a denominator dividing ``d``, so
    :func:`~gametheory.numbers.to_exact`'s size check would pass.  Anything
    else is converted entry by entry, which raises what it raised before.
    """
    if isinstance(v, ScaledVector):  # its producer kept the integers: no Fraction is read
        nums, den = v.scaled
        if den.bit_length() <= MAX_PAYOFF_BITS and sum(nums) == den and min(nums) >= 0:
            return v, nums, den
    elif set(map(type, v)) == _FRACTION_ONLY:
        nums, den = integer_scaled(v)
        if den.bit_length() <= MAX_PAYOFF_BITS and sum(nums) == den and min(nums) >= 0:
            return v, nums, den
    exact_vec = [to_exact(q, field=field) for q in v]
    nums, den = integer_scaled(exact_vec)
    return exact_vec, nums, den


def checked_vector(game, i: int, v, exact: bool) -> tuple[np.ndarray, tuple[list[int], int] | None]:
    """Player ``i``'s probability vector as a read-only array, checked, and its integer form when exact.

    Returns ``(vector, (numerators, d))`` with ``vector[k] == numerators[k] / d``
    (:func:`gametheory.exact.integer_scaled`) when ``exact``, else
    ``(vector, None)``.  The exact checks are integer ones (nonnegative
    numerators summing to ``d``), not a Fraction sum with a gcd per addition,
    and the certificates reuse the numerators (:func:`_bimatrix_certificate`).

    Raises
    ------
    InputError
        If the length is not the number of ``i``'s strategies, an entry is
        negative, or the entries do not sum to 1.

    >>> from gametheory import Game
    >>> vec, scaled = checked_vector(Game.zero_sum([[1, 0], [0, 1]]), 0, ["1/3", "2/3"], True)
    >>> list(vec), scaled
    ([Fraction(1, 3), Fraction(2, 3)], ([1, 2], 3))
    """
    if len(v) != len(game.strategies[i]):
        raise InputError(f"player {game.players[i]!r} has {len(game.strategies[i])} strategies, "
                         f"got {len(v)} probabilities", field="profile")
    field = f"profile of {game.players[i]}"
    scaled = None
    if exact:
        exact_vec, nums, den = _exact_vector(v if isinstance(v, ScaledVector) else list(v), field)
        vec = np.array(exact_vec, dtype=object)
        negative, off_one = bool(nums) and min(nums) < 0, sum(nums) != den
        scaled = (nums, den)
    else:
        vec = np.array([to_float(q, field=field) for q in v], dtype=float)
        negative, off_one = any(q < -1e-9 for q in vec), abs(float(vec.sum()) - 1) > 1e-9
    if negative:
        raise InputError(f"probabilities of {game.players[i]!r} must be >= 0, "
                         f"got {[format_number(q) for q in vec]}", field="profile")
    if off_one:
        total = sum(vec, Fraction(0)) if exact else float(vec.sum())
        raise InputError(f"probabilities of {game.players[i]!r} must sum to 1, got {format_number(total)}",
                         field="profile")
    vec.setflags(write=False)
    return vec, scaled


class MixedProfile:
    """A labelled mixed-strategy profile of a game.

    Parameters
    ----------
    game : Game
    probabilities : mapping or sequence
        ``{player: {label: p}}`` (labels left out get 0), ``{player: label}``
        for a pure strategy, or one probability vector per player in game order.
    exact : bool, optional
        Use Fractions.  Default: exact when the game is exact (or symbolic)
        and every probability is rational.

    Raises
    ------
    InputError
        If a vector is negative somewhere or does not sum to 1.
    """

    __slots__ = ("_game", "_probs", "_exact", "_scaled")

    def __init__(self, game, probabilities, exact: bool | None = None):
        n = game.num_players
        raw: list[list[Any]] = []
        if isinstance(probabilities, Mapping):
            unknown = [p for p in probabilities if p not in game.players]
            if unknown:
                raise InputError(f"unknown players {unknown}; players are {list(game.players)}", field="profile")
            for i, p in enumerate(game.players):
                if p not in probabilities:
                    raise InputError(f"no strategy given for player {p!r}", field="profile")
                spec = probabilities[p]
                given: list[Any] = [0] * len(game.strategies[i])
                if isinstance(spec, str):
                    given[game.strategy_index(i, spec)] = 1
                else:
                    for lab, q in dict(spec).items():
                        given[game.strategy_index(i, lab)] = q
                raw.append(given)
        else:
            raw = [list(v) for v in probabilities]
            if len(raw) != n:
                raise InputError(f"expected {n} probability vectors, got {len(raw)}", field="profile")
            for i, v in enumerate(raw):
                if len(v) != len(game.strategies[i]):
                    raise InputError(
                        f"player {game.players[i]!r} has {len(game.strategies[i])} strategies, "
                        f"got {len(v)} probabilities",
                        field="profile",
                    )
        if exact is None:
            exact = game.kind in ("exact", "symbolic") and all(
                not isinstance(q, (float, np.floating)) for v in raw for q in v
            )
        checked = [checked_vector(game, i, v, bool(exact)) for i, v in enumerate(raw)]
        self._game = game
        self._probs = tuple(vec for vec, _ in checked)
        self._exact = bool(exact)
        self._scaled = tuple(sc for _, sc in checked) if exact else None

    @classmethod
    def _from_checked(cls, game, checked) -> MixedProfile:
        """The profile of vectors returned by :func:`checked_vector` for each player of ``game``, in order.

        For solvers that build many profiles from few vertices: a vector is
        checked once and its read-only array shared by every profile that
        uses it (they are immutable).
        """
        self = cls.__new__(cls)
        self._game = game
        self._probs = tuple(vec for vec, _ in checked)
        self._exact = checked[0][1] is not None
        self._scaled = tuple(sc for _, sc in checked) if self._exact else None
        return self

    @classmethod
    def pure(cls, game, profile: Mapping) -> MixedProfile:
        """The pure profile ``{player: label}``."""
        return cls(game, dict(profile))

    @property
    def game(self):
        return self._game

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def vectors(self) -> tuple[np.ndarray, ...]:
        """Read-only probability vectors, one per player in game order."""
        return self._probs

    def probability(self, player, label):
        i = self._game.player_index(player)
        return self._probs[i][self._game.strategy_index(i, label)]

    def as_dict(self) -> dict:
        """``{player: {label: p}}`` with every strategy listed."""
        g = self._game
        return {p: dict(zip(g.strategies[i], self._probs[i])) for i, p in enumerate(g.players)}

    def support(self) -> dict:
        """``{player: (labels with positive probability)}``."""
        g = self._game
        return {p: tuple(s for s, q in zip(g.strategies[i], self._probs[i]) if q > 0) for i, p in enumerate(g.players)}

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for q in v if q > 0) == 1 for v in self._probs)

    def _tensor(self):
        pay = self._game.payoffs
        if self._exact:
            return pay
        # a float profile has a float certificate: the payoffs in floats (exact ones converted once per
        # game), unless they are symbolic or beyond the float range
        floats = self._game.float_payoffs()
        return pay if floats is None else floats

    def strategy_payoffs(self, player) -> dict:
        """``{label: u_i(s_i, sigma_-i)}``: the payoff of each pure strategy of ``player`` against the others."""
        i = self._game.player_index(player)
        vals = _contract_others(self._tensor()[..., i], self._probs, i)
        return dict(zip(self._game.strategies[i], vals))

    def _exact_parts(self) -> list[tuple[Any, Any] | None]:
        """Per player ``(u_i, regret_i)`` on integer numerators, or None where that path does not apply.

        Two players: :func:`_bimatrix_certificate`; more:
        :func:`_exact_value_and_best`.  Float profiles get None throughout
        (the caller contracts in floats).
        """
        n = len(self._probs)
        if not self._exact:
            return [None] * n
        if n == 2 and self._scaled is not None:
            both = _bimatrix_certificate(self._game, self._scaled)
            if both is not None:
                return list(both)
        tensor = self._tensor()
        parts: list[tuple[Any, Any] | None] = []
        for i in range(n):
            fast = _exact_value_and_best(tensor[..., i], self._probs, i)
            parts.append(None if fast is None else (fast[0], fast[1] - fast[0]))
        return parts

    def payoffs(self) -> dict:
        """Expected payoff of each player."""
        tensor = self._tensor()
        out = {}
        for (i, p), fast in zip(enumerate(self._game.players), self._exact_parts()):
            if fast is not None:
                out[p] = fast[0]
                continue
            vals = _contract_others(tensor[..., i], self._probs, i)
            v = np.dot(vals, self._probs[i])
            out[p] = v.expand() if is_sympy(v) else v
        return out

    def payoffs_and_regrets(self) -> tuple[dict, dict]:
        """``(payoffs(), regret())`` of a numeric game from one contraction per player."""
        self._game.require_numeric("a regret")
        tensor = self._tensor()
        pays, regs = {}, {}
        for (i, p), fast in zip(enumerate(self._game.players), self._exact_parts()):
            if fast is not None:
                pays[p], regs[p] = fast
                continue
            vals = _contract_others(tensor[..., i], self._probs, i)
            pays[p] = np.dot(vals, self._probs[i])
            # vals.max(), not max(vals): the builtin steps through NumPy scalars one by one
            regs[p] = vals.max() - pays[p] if self._exact else max(0.0, float(vals.max() - pays[p]))
        return pays, regs

    def regret(self) -> dict:
        """Each player's regret: best pure deviation payoff minus expected payoff (>= 0)."""
        self._game.require_numeric("a regret")
        tensor = self._tensor()
        out = {}
        for (i, p), fast in zip(enumerate(self._game.players), self._exact_parts()):
            if fast is not None:
                out[p] = fast[1]
                continue
            vals = _contract_others(tensor[..., i], self._probs, i)
            out[p] = vals.max() - np.dot(vals, self._probs[i])
            if not self._exact:
                out[p] = max(0.0, float(out[p]))
        return out

    def max_regret(self):
        return max(self.regret().values())

    def best_deviation(self, player) -> tuple[str, object]:
        """The best pure strategy of ``player`` against the others and its gain over the profile."""
        sp = self.strategy_payoffs(player)
        label = max(sp, key=lambda k: sp[k])
        return label, sp[label] - self.payoffs()[self._game.players[self._game.player_index(player)]]

    def is_equilibrium(self, tol=None) -> bool:
        """True if every regret is 0 (exact) or at most ``tol`` (default scaled to the payoff range)."""
        if tol is None:
            tol = 0 if self._exact else default_tolerance(self._game)
        return all(r <= tol for r in self.regret().values())

    def __eq__(self, other):
        if not isinstance(other, MixedProfile):
            return NotImplemented
        return self._game == other._game and all(np.array_equal(a, b) for a, b in zip(self._probs, other._probs))

    def __hash__(self):
        return hash(tuple(tuple(v.tolist()) for v in self._probs))

    def __repr__(self):
        parts = []
        for p, d in self.as_dict().items():
            inner = ", ".join(f"{s}: {format_number(q)}" for s, q in d.items() if q != 0)
            parts.append(f"{p}: {{{inner}}}")
        return "<MixedProfile " + "; ".join(parts) + ">"


def default_tolerance(game, rel: float = 1e-9) -> float:
    """Float tolerance scaled to the payoffs, both ways: ``rel * max|u|`` (0 for an exact game).

    The one owner of float tolerances.  Multiplying every payoff by ``c > 0``
    multiplies the tolerance by ``c``, so a regret that "is zero" means the
    same in a game of payoffs ``1e-12`` as in one of payoffs ``1e12``
    (:mod:`gametheory.payoff_scale`).  An all-zero game, where every regret
    is exactly 0, gets ``rel``.

    >>> from gametheory import Game
    >>> default_tolerance(Game.zero_sum([[1e-12, -1e-12], [-1e-12, 1e-12]])) == 1e-9 * 1e-12
    True
    >>> default_tolerance(Game.zero_sum([[4.0, 0.0], [0.0, 0.0]])), default_tolerance(Game.zero_sum([[1, 0]]))
    (4e-09, 0)
    """
    if game.kind == "exact":
        return 0
    largest = float(max_abs(np.asarray(game.payoffs, dtype=float)))
    return rel * largest if largest > 0 else rel


def float_tolerance(game, rel: float = 1e-9) -> float:
    """The tolerance of a float answer about ``game``, exact games included: ``rel * max|u|`` (``rel`` if all 0).

    :func:`default_tolerance` of the game in floats, computed without converting the payoffs, so that an
    exact game whose payoffs lie beyond the float range (``10**400``) still gets a tolerance when a solver
    can only certify its answer in floats.

    >>> from gametheory import Game
    >>> float_tolerance(Game.zero_sum([[10**310, 0], [0, 1]]))   # 1e-9 * 1e310, though 1e310 is no float
    1e+301
    >>> float_tolerance(Game.zero_sum([[0.5, 0.0], [0.0, 0.0]]))
    5e-10
    """
    largest = max_abs(game.payoffs)
    if largest == 0:
        return rel
    try:
        return float(Fraction(largest) * Fraction(rel))
    except OverflowError:
        raise InputError(f"payoffs up to about 1e{len(str(int(largest))) - 1} leave a float answer no tolerance; "
                         "rescale the game") from None
