r"""The normal-form game: an immutable, labelled payoff tensor.

A game with :math:`N` players, player :math:`i` having strategies
:math:`S_i`, is the tensor :math:`u \in \mathbb{K}^{|S_1|\times\dots\times|S_N|\times N}`
where :math:`u[s_1,\dots,s_N,i]` is player :math:`i`'s payoff at the pure
profile :math:`(s_1,\dots,s_N)`.  The field :math:`\mathbb{K}` is the game's
*kind*: ``float`` (NumPy float64), ``exact`` (:class:`fractions.Fraction`) or
``symbolic`` (sympy expressions over named parameters).

Players and strategies are addressed by label; indices stay inside the
library.  The payoff array is copied from the caller's data and made
read-only, and every transformation returns a new game.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]],
...                         players=["Russia", "US"],
...                         strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]])
>>> pd.payoff({"Russia": "Suspend CFE", "US": "Build MD"})
{'Russia': Fraction(0, 1), 'US': Fraction(0, 1)}
>>> pd.kind
'exact'
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import InputError, LabelError, UndefinedPayoffError, UnsupportedGameError
from .numbers import MAX_AXES, Kind, coerce_array, exact_values

if TYPE_CHECKING:
    import sympy

__all__ = ["Game", "MAX_PLAYERS", "require_game", "normalize_label", "label_key", "is_visible_label"]


#: The most players a game may have: its payoff array has one axis per player and one for the player index.
MAX_PLAYERS = MAX_AXES - 1


def require_game(game: object, field: str = "game") -> Game:
    """``game`` itself if it is a :class:`Game`; else an InputError naming what was given.

    Every public function that takes a game starts with this check, so that a
    wrong argument gets a message rather than an AttributeError from deep inside.

    >>> require_game("x")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: game: expected a Game, got str 'x'
    """
    if not isinstance(game, Game):
        shown = repr(game) if len(repr(game)) <= 40 else repr(game)[:37] + "..."
        raise InputError(f"expected a Game, got {type(game).__name__} {shown}", field=field)
    return game


def normalize_label(label: str) -> str:
    """A label as stored: NFC, the composed form of Unicode text (``"e\u0301"`` becomes ``"\u00e9"``).

    >>> normalize_label("Cafe\u0301") == "Caf\u00e9"
    True
    """
    return unicodedata.normalize("NFC", label)


def label_key(label: str) -> str:
    """What two labels must share to be the same label: NFC without invisible format characters.

    Format characters (Unicode category Cf: zero-width space, joiners, the
    byte-order mark, bidirectional marks) do not show, so ``"Build"`` and
    ``"Bu\u200bild"`` read alike and are the same label.

    >>> label_key("Bu\u200bild") == label_key("Build")
    True
    """
    return "".join(ch for ch in normalize_label(label) if unicodedata.category(ch) != "Cf")


def is_visible_label(label: str) -> bool:
    """True if ``label`` shows something: a character that is not a space, a control or a format character.

    >>> is_visible_label("\u200b \u00a0"), is_visible_label("a\u200b")
    (False, True)
    """
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp") for ch in label)


def _nfc(label: object) -> object:
    """A label in NFC; anything else as it is (the label checks say what is wrong with it)."""
    return normalize_label(label) if isinstance(label, str) else label


def _check_labels(labels, what: str) -> tuple[str, ...]:
    labels = tuple(labels)
    for lab in labels:
        if not isinstance(lab, str) or not lab.strip():
            raise InputError(f"{what} labels must be non-empty strings, got {lab!r}", field=what)
        if not is_visible_label(lab):
            raise InputError(f"{what} label {lab!r} has no visible character", field=what)
    labels = tuple(normalize_label(lab) for lab in labels)
    seen: dict[str, str] = {}
    for lab in labels:
        key = label_key(lab)
        if key in seen:
            same = "" if seen[key] == lab else f" (the same as {seen[key]!r} but for invisible characters)"
            raise LabelError(f"duplicate {what} label {lab!r}{same}", field=what)
        seen[key] = lab
    return labels


class Game:
    """An immutable N-player normal-form game with labelled players and strategies.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(n_1, ..., n_N, N)``: ``payoffs[s_1, ..., s_N, i]`` is player
        ``i``'s payoff.  Copied; the game's array is read-only.
    players : sequence of str, optional
        Player names, default ``"Player 1"``, ``"Player 2"``, ...
    strategies : sequence of sequence of str, optional
        Strategy labels per player, default ``"1"``, ``"2"``, ...
    title : str, optional
        A title, kept as metadata (not part of equality).
    kind : {'float', 'exact', 'symbolic'}, optional
        Force a kind; by default exact when every entry is an integer,
        Fraction, Decimal or rational string, float when any is a float,
        symbolic when any is a sympy expression with free symbols.

    Raises
    ------
    InputError
        If the shape, a label or an entry is invalid.
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_kind", "_title", "_hash", "_floats")

    def __init__(self, payoffs, players=None, strategies=None, title: str = "", kind: Kind | None = None):
        if players is not None and not isinstance(players, str) and len(players := tuple(players)) > MAX_PLAYERS:
            raise InputError(f"{len(players)} players; a game has at most {MAX_PLAYERS} players", field="players")
        arr, kind = coerce_array(payoffs, kind)
        if arr.ndim < 2:
            raise InputError(f"payoffs must have shape (n_1, ..., n_N, N), got shape {arr.shape}", field="payoffs")
        n = arr.ndim - 1
        if arr.shape[-1] != n:
            raise InputError(
                f"payoffs of shape {arr.shape} describe {n} players, so the last axis must have length {n}, "
                f"got {arr.shape[-1]}",
                field="payoffs",
            )
        if any(k < 1 for k in arr.shape[:-1]):
            raise InputError(f"every player needs at least one strategy, got shape {arr.shape}", field="payoffs")
        if players is None:
            players = [f"Player {i + 1}" for i in range(n)]
        players = _check_labels(players, "player")
        if len(players) != n:
            raise InputError(f"expected {n} player names, got {len(players)}", field="players")
        if strategies is None:
            strategies = [[str(j + 1) for j in range(k)] for k in arr.shape[:-1]]
        strategies = tuple(strategies)
        if len(strategies) != n:
            raise InputError(f"expected strategy labels for {n} players, got {len(strategies)}", field="strategies")
        strats = []
        for i, (labs, k) in enumerate(zip(strategies, arr.shape[:-1])):
            labs = _check_labels(labs, f"strategy of {players[i]}")
            if len(labs) != k:
                raise InputError(
                    f"player {players[i]!r} has {k} strategies in the payoffs but {len(labs)} labels",
                    field="strategies",
                )
            strats.append(labs)
        arr.setflags(write=False)
        self._payoffs = arr  # read-only; the payoffs property hands out views, which cannot be made writable
        self._players = players
        self._strategies = tuple(strats)
        self._kind = kind
        self._title = str(title)
        self._hash = None
        self._floats: np.ndarray | None = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(cls, A, B, players=None, strategies=None, title: str = "", kind: Kind | None = None) -> Game:
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``.

        >>> Game.from_bimatrix([[1, 0]], [[0, 1]]).shape
        (1, 2)
        """
        A = np.array(A, dtype=object)
        B = np.array(B, dtype=object)
        if A.ndim != 2 or A.shape != B.shape:
            raise InputError(f"A and B must be matrices of one shape, got {A.shape} and {B.shape}", field="A, B")
        return cls(np.stack([A, B], axis=-1), players, strategies, title, kind)

    @classmethod
    def zero_sum(cls, A, players=None, strategies=None, title: str = "", kind: Kind | None = None) -> Game:
        """Two-player zero-sum game: the row player gets ``A``, the column player ``-A``."""
        A = np.array(A, dtype=object)
        if A.ndim != 2:
            raise InputError(f"A must be a matrix, got shape {A.shape}", field="A")
        g = cls(np.stack([A, A], axis=-1), players, strategies, title, kind)
        arr = np.array(g._payoffs, copy=True)
        arr[..., 1] = -arr[..., 0]
        return g._replace(payoffs=arr)

    @classmethod
    def from_dict(cls, players, strategies, payoffs: Mapping, title: str = "", kind: Kind | None = None) -> Game:
        """Game from ``{(label_1, ..., label_N): (u_1, ..., u_N)}``, one entry per profile."""
        players = _check_labels(players, "player")
        strategies = [tuple(_nfc(lab) for lab in s) for s in strategies]
        shape = tuple(len(s) for s in strategies)
        index = [{lab: j for j, lab in enumerate(s)} for s in strategies]
        data = np.empty(shape + (len(players),), dtype=object)
        filled = np.zeros(shape, dtype=bool)
        for key, values in payoffs.items():
            key = (key,) if isinstance(key, str) else tuple(key)
            if len(key) != len(players):
                raise InputError(
                    f"profile {key!r} names {len(key)} strategies, expected {len(players)}", field="payoffs"
                )
            idx = []
            for i, lab in enumerate(key):
                lab = _nfc(lab)  # a profile may spell a label in either Unicode form
                if lab not in index[i]:
                    raise LabelError(
                        f"unknown strategy {lab!r} of player {players[i]!r} in profile {key!r}", field="payoffs"
                    )
                idx.append(index[i][lab])
            values = tuple(values)
            if len(values) != len(players):
                raise InputError(f"profile {key!r} has {len(values)} payoffs, expected {len(players)}", field="payoffs")
            data[tuple(idx)] = values
            filled[tuple(idx)] = True
        if not filled.all():
            missing = tuple(strategies[i][j] for i, j in enumerate(np.argwhere(~filled)[0]))
            raise InputError(
                f"missing payoffs for profile {missing!r} ({int((~filled).sum())} missing in all)", field="payoffs"
            )
        return cls(data, players, strategies, title, kind)

    @classmethod
    def from_function(
        cls, players, strategies, func: Callable[[dict], Sequence], title: str = "", kind: Kind | None = None
    ) -> Game:
        """Game whose payoffs are ``func({player: label, ...})`` -> one payoff per player (sequence or dict)."""
        players = _check_labels(players, "player")
        strategies = [tuple(s) for s in strategies]
        table = {}
        for key in itertools.product(*strategies):
            vals = func(dict(zip(players, key)))
            if isinstance(vals, Mapping):
                vals = [vals[p] for p in players]
            table[key] = vals
        return cls.from_dict(players, strategies, table, title, kind)

    @classmethod
    def from_nashpy(cls, game, players=None, strategies=None, title: str = "", kind: Kind | None = None) -> Game:
        """Game from a ``nashpy.Game`` (its two payoff matrices)."""
        A, B = game.payoff_matrices
        return cls.from_bimatrix(A, B, players, strategies, title, kind)

    def to_nashpy(self):
        """Return the ``nashpy.Game`` with this game's matrices (floats)."""
        import nashpy

        A, B = self.bimatrix()
        return nashpy.Game(np.asarray(A, dtype=float), np.asarray(B, dtype=float))

    # ------------------------------------------------------------------ properties
    @property
    def payoffs(self) -> np.ndarray:
        """The read-only payoff tensor of shape ``(n_1, ..., n_N, N)``.

        A read-only view of the game's own read-only array: numpy refuses to
        make a view writable when its base is not, so the game cannot be
        changed through it.

        >>> Game([[[1, 0]]]).payoffs.setflags(write=True)
        Traceback (most recent call last):
        ...
        ValueError: cannot set WRITEABLE flag to True of this array
        """
        view = self._payoffs.view()
        view.setflags(write=False)
        return view

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        return self._strategies

    @property
    def kind(self) -> Kind:
        """'float', 'exact' or 'symbolic'."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        return self._kind == "exact"

    @property
    def title(self) -> str:
        return self._title

    @property
    def num_players(self) -> int:
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return self._payoffs.shape[:-1]

    @property
    def num_profiles(self) -> int:
        return int(np.prod(self.shape))

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free symbols of a symbolic game, sorted by name (empty otherwise)."""
        if self._kind != "symbolic":
            return ()
        syms = set()
        for x in self._payoffs.reshape(-1):
            syms |= x.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def require_numeric(self, purpose: str) -> None:
        """Raise UnsupportedGameError if the game still has parameters: ``purpose`` needs numbers.

        Every computation on payoff values (equilibria, regrets, dominance, bargaining sets) starts
        with this check, so a symbolic game gets one message naming its parameters.

        >>> import sympy
        >>> t = sympy.Symbol("t", real=True)
        >>> Game.from_bimatrix([[t, 0]], [[0, 1]]).require_numeric("method 'pure'")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        gametheory.errors.UnsupportedGameError: method 'pure' needs numeric payoffs, but the game has parameters...
        """
        if self._kind == "symbolic":
            raise UnsupportedGameError(
                f"{purpose} needs numeric payoffs, but the game has parameters {[s.name for s in self.parameters]}; "
                "substitute values first (Game.substitute, or --param NAME=VALUE on the command line)"
            )

    # ------------------------------------------------------------------ label lookups
    def player_index(self, player) -> int:
        """Index of a player given by name (an int is accepted and range-checked)."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.num_players:
                return int(player)
            raise LabelError(f"player index {player} out of range 0..{self.num_players - 1}", field="player")
        try:
            return self._players.index(_nfc(player))
        except ValueError:
            raise LabelError(f"unknown player {player!r}; players are {list(self._players)}", field="player") from None

    def strategy_index(self, player, label) -> int:
        """Index of a strategy of ``player`` given by label."""
        i = self.player_index(player)
        try:
            return self._strategies[i].index(_nfc(label))
        except ValueError:
            raise LabelError(
                f"unknown strategy {label!r} of player {self._players[i]!r}; "
                f"strategies are {list(self._strategies[i])}",
                field="strategy",
            ) from None

    def profile_index(self, profile: Mapping) -> tuple[int, ...]:
        """Indices of a pure profile ``{player: label}`` naming every player once."""
        profile = {_nfc(p): lab for p, lab in profile.items()}
        if set(profile) != set(self._players):
            missing = [p for p in self._players if p not in profile]
            extra = [p for p in profile if p not in self._players]
            raise LabelError(
                f"a pure profile names every player once; missing {missing}, unknown {extra}", field="profile"
            )
        return tuple(self.strategy_index(p, profile[p]) for p in self._players)

    def payoff(self, profile: Mapping) -> dict:
        """Payoffs ``{player: value}`` at a pure profile ``{player: label}``."""
        idx = self.profile_index(profile)
        return dict(zip(self._players, self._payoffs[idx]))

    def payoff_tensor(self, player) -> np.ndarray:
        """Read-only payoffs of one player, shape ``(n_1, ..., n_N)``."""
        return self._payoffs[..., self.player_index(player)]

    def bimatrix(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` of a two-player game."""
        if self.num_players != 2:
            raise UnsupportedGameError(f"bimatrix needs 2 players, this game has {self.num_players}")
        return self._payoffs[..., 0], self._payoffs[..., 1]

    def pure_profiles(self) -> Iterable[dict]:
        """Every pure profile as ``{player: label}``, in lexicographic order."""
        for key in itertools.product(*self._strategies):
            yield dict(zip(self._players, key))

    # ------------------------------------------------------------------ conversions
    def _replace(
        self, payoffs=None, players=None, strategies=None, title: str | None = None, kind: Kind | None = None
    ) -> Game:
        return Game(
            self._payoffs if payoffs is None else payoffs,
            self._players if players is None else players,
            self._strategies if strategies is None else strategies,
            self._title if title is None else title,
            (self._kind if payoffs is None else None) if kind is None else kind,
        )

    def to_float(self) -> Game:
        """The same game with float payoffs."""
        if self._kind == "float":
            return self
        return self._replace(kind="float")

    def to_exact(self) -> Game:
        """The same game with Fraction payoffs (floats by their shortest decimal)."""
        if self._kind == "exact":
            return self
        return self._replace(kind="exact")

    def in_arithmetic(self, exact: bool | None) -> Game:
        """The game in the arithmetic a caller asked for: exact for True, float for False, as it is for None.

        >>> g = Game.from_bimatrix([[0.5]], [[1]])
        >>> g.kind, g.in_arithmetic(True).kind, g.in_arithmetic(None) is g
        ('float', 'exact', True)
        """
        return self if exact is None else self.to_exact() if exact else self.to_float()

    def to_symbolic(self) -> Game:
        """The same game with sympy payoffs."""
        if self._kind == "symbolic":
            return self
        return self._replace(kind="symbolic")

    def substitute(self, values: Mapping, exact: bool | None = None) -> Game:
        """Give every parameter a value: the numeric game at these values.

        This is the one place where parameter values enter sympy payoffs;
        :meth:`gametheory.io.model.Model.game_at` gives the same game, computed
        from the payoff texts in Fractions where that needs no sympy
        (:mod:`gametheory.io.model.formulas`), and calls this otherwise.
        Each value is read exactly (a float by its shortest decimal) and put
        into every payoff expression; the game is exact when every payoff is
        then rational and no value was a float.

        Parameters
        ----------
        values : mapping
            ``{name or Symbol: value}``; a value is a number or a rational
            string.  Values of names that are not parameters of this game are
            checked and otherwise unused.
        exact : bool, optional
            Exact (Fractions) or float payoffs.  Default: exact unless a value
            is a float or a payoff is irrational at these values.

        Raises
        ------
        InputError
            If a parameter has no value, a value is not a number, or
            ``exact=True`` and a payoff is irrational at these values.
        UndefinedPayoffError
            If a payoff is not a finite real number at these values.

        Examples
        --------
        >>> import sympy
        >>> t = sympy.Symbol("t", real=True)
        >>> g = Game.from_bimatrix([[1 / t, 0]], [[sympy.sqrt(t), 0]])
        >>> g.substitute({"t": 4}).payoffs[0, 0].tolist()
        [Fraction(1, 4), Fraction(2, 1)]
        >>> g.substitute({"t": 2}).kind
        'float'
        >>> g.substitute({"t": 0})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        gametheory.errors.UndefinedPayoffError: payoffs: the payoff of 'Player 1' at profile ['1', '1'] is zoo, ...
        """
        import sympy  # substitution is symbolic work, the one place a game's values need sympy

        params = {s.name: s for s in self.parameters}
        given, any_float = exact_values(values)
        missing = sorted(set(params) - set(given))
        if missing:
            raise InputError(f"no value for parameters {missing}", field="values")
        subs = {params[n]: sympy.Rational(v.numerator, v.denominator) for n, v in given.items() if n in params}
        flat = self._payoffs.reshape(-1)
        out = np.empty(flat.shape, dtype=object)
        rational = True
        for k, x in enumerate(flat):
            if not isinstance(x, sympy.Basic):  # a number of a numeric game
                out[k] = x
                continue
            y = x.xreplace(subs)
            if y.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or y.free_symbols or y.is_real is False:
                idx = np.unravel_index(k, self._payoffs.shape)
                profile = tuple(self._strategies[i][j] for i, j in enumerate(idx[:-1]))
                player = self._players[idx[-1]]
                at = ", ".join(f"{n}={v}" for n, v in given.items())
                raise UndefinedPayoffError(
                    f"the payoff of {player!r} at profile {list(profile)} is {y}, not a finite number, at {at}",
                    profile=profile, player=player, field="payoffs",
                )
            rational = rational and bool(y.is_Rational)
            out[k] = y
        if exact is None:
            exact = rational and not any_float
        if exact and not rational:
            raise InputError("some payoffs are irrational at these values; use exact=False", field="exact")
        return self._replace(payoffs=out.reshape(self._payoffs.shape), kind="exact" if exact else "float")

    # ------------------------------------------------------------------ transformations
    def restrict(self, support: Mapping) -> Game:
        """The subgame in which each listed player keeps only the listed strategies (in game order)."""
        slicers: list[slice | list[int]] = [slice(None)] * self.num_players
        new_strats = list(self._strategies)
        for player, labels in support.items():
            i = self.player_index(player)
            labels = [labels] if isinstance(labels, str) else list(labels)
            idx = sorted({self.strategy_index(i, lab) for lab in labels})
            if not idx:
                raise InputError(f"player {self._players[i]!r} must keep at least one strategy", field="support")
            slicers[i] = idx
            new_strats[i] = tuple(self._strategies[i][j] for j in idx)
        arr = self._payoffs
        for axis, sl in enumerate(slicers):
            if not isinstance(sl, slice):
                arr = np.take(arr, sl, axis=axis)
        return self._replace(payoffs=np.array(arr), strategies=new_strats, kind=self._kind)

    def remove_strategy(self, player, label) -> Game:
        """The game without one strategy of one player."""
        i = self.player_index(player)
        j = self.strategy_index(i, label)
        keep = [s for k, s in enumerate(self._strategies[i]) if k != j]
        if not keep:
            raise InputError(
                f"cannot remove the only strategy {label!r} of player {self._players[i]!r}", field="strategy"
            )
        return self.restrict({self._players[i]: keep})

    def relabel(
        self, players: Mapping | None = None, strategies: Mapping | None = None, title: str | None = None
    ) -> Game:
        """Rename players (``{old: new}``) and strategies (``{player: {old: new}}``, player by old name)."""
        players = dict(players or {})
        strategies = dict(strategies or {})
        for p in list(players) + list(strategies):
            self.player_index(p)
        new_strats = []
        for i, p in enumerate(self._players):
            m = dict(strategies.get(p, {}))
            for old in m:
                self.strategy_index(i, old)
            new_strats.append(tuple(m.get(s, s) for s in self._strategies[i]))
        new_players = tuple(players.get(p, p) for p in self._players)
        return self._replace(players=new_players, strategies=new_strats, title=title, kind=self._kind)

    def with_title(self, title: str) -> Game:
        return self._replace(title=title, kind=self._kind)

    def transpose(self, order: Sequence) -> Game:
        """The same game with the players in a new order (names or indices)."""
        perm = [self.player_index(p) for p in order]
        if sorted(perm) != list(range(self.num_players)):
            raise InputError(f"order must name every player once, got {list(order)}", field="order")
        arr = np.transpose(self._payoffs, perm + [self.num_players])[..., perm]
        return self._replace(
            payoffs=np.array(arr), players=[self._players[i] for i in perm],
            strategies=[self._strategies[i] for i in perm], kind=self._kind,
        )

    # ------------------------------------------------------------------ misc
    def float_payoffs(self) -> np.ndarray | None:
        """The payoffs as a read-only float64 array, converted once per game; None for symbolic games or
        exact payoffs beyond the float range.

        >>> from fractions import Fraction
        >>> Game.zero_sum([[Fraction(1, 4), 1]]).float_payoffs()[0, 0].tolist()
        [0.25, -0.25]
        >>> Game.zero_sum([[10**400]]).float_payoffs() is None
        True
        """
        if self._floats is None and self._kind != "symbolic":
            try:
                arr = np.asarray(self._payoffs, dtype=float)
            except OverflowError:
                return None
            if not np.isfinite(arr).all():
                return None
            arr.setflags(write=False)
            self._floats = arr
        return self._floats

    def payoff_range(self) -> float:
        """max - min over all payoffs (float), used to scale tolerances."""
        if self._kind == "symbolic":
            raise UnsupportedGameError("a symbolic game has no numeric payoff range; substitute parameters first")
        arr = np.asarray(self._payoffs, dtype=float)
        return float(arr.max() - arr.min())

    def is_constant_sum(self) -> bool:
        """True if the payoffs add up to the same constant at every profile."""
        if self._kind == "float":
            from .payoff_scale import scaled_floats

            # on payoffs scaled by a power of two: no overflow in the sums, a tolerance relative to max|u|
            f = scaled_floats(self._payoffs)[0]
            totals = f.sum(axis=-1).reshape(-1)
            return bool(np.all(np.abs(totals - totals[0]) <= 1e-9 * float(np.abs(f).max())))
        totals = self._payoffs.sum(axis=-1).reshape(-1)
        if self._kind == "symbolic":
            import sympy

            return all(sympy.simplify(t - totals[0]) == 0 for t in totals)
        return bool(np.all(totals == totals[0]))

    def __eq__(self, other):
        if not isinstance(other, Game):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._kind == other._kind
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self):
        if self._hash is None:
            self._hash = hash((self._players, self._strategies, self._kind, tuple(self._payoffs.reshape(-1).tolist())))
        return self._hash

    def __repr__(self):
        shape = "x".join(map(str, self.shape))
        t = f" {self._title!r}" if self._title else ""
        return f"<Game{t} {shape} {self._kind}: players {list(self._players)}>"

    def __setattr__(self, name, value):
        if name in Game.__slots__ and not hasattr(self, name):
            object.__setattr__(self, name, value)
        elif name in ("_hash", "_floats"):  # caches of derived values, set once
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("Game is immutable; use its methods to build a new game")

    def _repr_html_(self) -> str:
        """HTML tables for notebooks (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX tables (``tabular``) for notebooks converted to PDF (:func:`gametheory.display.render`)."""
        from .display import render

        return render(self, "latex")
