r"""One player's strategy in a repeated game as a finite automaton; the built-in automata and the TOML format.

An automaton (Moore machine) for player :math:`i` of a stage game is a
finite set of states :math:`W_i`, an initial state :math:`w^0_i`, an output
:math:`f_i(w)` (the stage strategy played in state :math:`w`) and a
transition :math:`\tau_i(w, a)` to the next state after the realised pure
profile :math:`a` of the round (everyone's actions, the player's own
included, so that a one-shot deviation of the player moves its own
automaton too).  A profile of automata plays deterministically: the joint
state :math:`w = (w_1, \dots, w_N)` plays :math:`f(w)` and moves to
:math:`\tau(w, f(w))` (Mailath and Samuelson 2006, §2.3; Kalai and Stanford
1988).  Here a transition is a list of :class:`Rule` objects per state: the
first rule whose condition the profile satisfies gives the next state, and
when none matches the automaton stays where it is.

The built-in automata (:func:`builtin_automaton`) are defined from each
player's *cooperative* action :math:`c_i` and *defection* :math:`d_i`:

* ``always-cooperate`` and ``always-defect``: one state, playing
  :math:`c_i` or :math:`d_i` for ever;
* ``grim``: play :math:`c_i` until a round in which the profile is not
  :math:`c`, then :math:`d_i` for ever (any number of players);
* ``tit-for-tat``: play :math:`c_i` in the first round, then :math:`c_i`
  after a round in which the opponent played :math:`c_j` and :math:`d_i`
  otherwise (two players);
* ``win-stay-lose-shift`` (Pavlov; Nowak and Sigmund 1993): play
  :math:`c_i` first, then :math:`c_i` after a round in which both players
  cooperated or both did not, :math:`d_i` otherwise; in the prisoner's
  dilemma this is "repeat your action after T or R, switch after S or P"
  (two players).

Automaton files (TOML, read by :func:`read_automaton`)
-----------------------------------------------------
::

    name = "tit-for-tat"       # optional (default: the file's name)
    player = "Row"             # optional when the caller names the player
    initial = "cooperate"      # the state of the first round
    description = "..."        # optional

    [states]                   # state = the strategy label it plays, in order
    cooperate = "C"
    defect = "D"

    [[rules]]                  # tried in file order; in each state the first match wins; none: stay
    from = "*"                 # a state, a list of states, or "*" (the default): every state
    when = { Col = "D" }       # player = a label, a list of labels, or { not = label(s) };
    to = "defect"              # an empty or missing table matches every profile

    [[rules]]
    when = { Col = "C" }
    to = "cooperate"

Every key, state and label is checked against the game; every error is an
:class:`~gametheory.errors.InputError` with the file, the line and the field
(the machinery of :mod:`gametheory.io.model.validate`: :mod:`tomllib`, no
``eval``).

References
----------
G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford
University Press, 2006, §2.3 (automata) and §2.4 (tit-for-tat).

E. Kalai and W. Stanford, "Finite rationality and interpersonal complexity
in repeated games", *Econometrica* 56 (1988) 397-410.

M. Nowak and K. Sigmund, "A strategy of win-stay, lose-shift that
outperforms tit-for-tat in the Prisoner's Dilemma game", *Nature* 364
(1993) 56-58.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
...                         strategies=[["C", "D"], ["C", "D"]])
>>> tft = builtin_automaton("tft", pd, "Row")
>>> tft.name, tft.states, tft.initial
('tit-for-tat', ('cooperate', 'defect'), 'cooperate')
>>> tft.next_state("cooperate", {"Row": "C", "Col": "D"})
'defect'
>>> print(builtin_automaton("grim", pd, "Col"))
grim (player Col): 2 states, starts in cooperate
  cooperate: play C; if Row plays D -> punish; if Col plays D -> punish
  punish: play D
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InputError, LabelError, UnsupportedGameError
from ..game import Game, is_visible_label, normalize_label, require_game
from .stage import default_target

if TYPE_CHECKING:
    from ..io.model.validate import _Reader

__all__ = [
    "Rule",
    "Automaton",
    "BUILTIN_AUTOMATA",
    "builtin_automaton",
    "read_automaton",
    "parse_automaton",
    "load_automaton",
    "ordered_automata",
    "MAX_AUTOMATON_STATES",
    "MAX_AUTOMATON_RULES",
    "MAX_RULE_ENTRIES",
]

#: The most states an automaton may have (a file is written by hand; the joint states of a profile multiply).
MAX_AUTOMATON_STATES = 10_000
#: The most ``[[rules]]`` an automaton file may have.
MAX_AUTOMATON_RULES = 100_000
#: The most (rule, state) pairs the rules of a file may make (a rule with ``from = "*"`` counts once per state).
MAX_RULE_ENTRIES = 1_000_000

#: Canonical names of the built-in automata, and the aliases accepted for them.
BUILTIN_AUTOMATA: Mapping[str, str] = MappingProxyType({
    "grim": "grim",
    "grim-trigger": "grim",
    "tit-for-tat": "tit-for-tat",
    "tft": "tit-for-tat",
    "win-stay-lose-shift": "win-stay-lose-shift",
    "wsls": "win-stay-lose-shift",
    "pavlov": "win-stay-lose-shift",
    "always-cooperate": "always-cooperate",
    "allc": "always-cooperate",
    "always-defect": "always-defect",
    "alld": "always-defect",
})


@dataclass(frozen=True)
class Rule:
    """A transition: when every named player's action is among its labels, go to ``goto``.

    Attributes
    ----------
    when : Mapping[str, frozenset[str]]
        Player -> the labels that satisfy the condition; players not named
        may play anything (an empty ``when`` matches every profile).
    goto : str
        The next state.
    """

    when: Mapping[str, frozenset[str]]
    goto: str

    def __post_init__(self) -> None:
        if not isinstance(self.when, Mapping):
            raise InputError(f"a rule's condition is a mapping {{player: labels}}, got {type(self.when).__name__}",
                             field="when")
        for p, labels in self.when.items():
            if (not isinstance(p, str) or isinstance(labels, str)
                    or not all(isinstance(x, str) for x in labels)):
                raise InputError(f"a rule's condition maps a player name to a set of strategy labels, got "
                                 f"{p!r}: {labels!r}"[:200], field="when")
        if not isinstance(self.goto, str):
            raise InputError(f"a rule goes to a state name, got {self.goto!r}"[:200], field="goto")
        frozen = {normalize_label(p): frozenset(normalize_label(x) for x in labels)
                  for p, labels in self.when.items()}
        object.__setattr__(self, "when", MappingProxyType(frozen))
        object.__setattr__(self, "goto", normalize_label(self.goto))

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.when.items())), self.goto))

    def matches(self, profile: Mapping[str, str]) -> bool:
        """Whether the pure profile ``{player: label}`` satisfies the condition."""
        return all(profile[p] in labels for p, labels in self.when.items())

    def describe(self) -> str:
        """The condition in words, e.g. ``Col plays D``; ``always`` for an empty condition."""
        if not self.when:
            return "always"
        return " and ".join(f"{p} plays " + " or ".join(sorted(labels)) if labels else f"{p} plays nothing"
                            for p, labels in self.when.items())


@dataclass(frozen=True)
class Automaton:
    """One player's repeated-game strategy as a finite automaton (immutable, labelled).

    Attributes
    ----------
    name : str
    player : str
        The player whose strategy this is.
    states : tuple[str, ...]
        The states, in order.
    initial : str
        The state of the first round.
    play : Mapping[str, str]
        State -> the player's strategy label played in it.
    rules : Mapping[str, tuple[Rule, ...]]
        State -> its transitions, tried in order (the first match wins; none: stay).
    description : str
    """

    name: str
    player: str
    states: tuple[str, ...]
    initial: str
    play: Mapping[str, str]
    rules: Mapping[str, tuple[Rule, ...]]
    description: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.states, str):
            raise InputError(f"states is a sequence of state names, got the string {self.states!r}"[:200],
                             field="states")
        states = tuple(normalize_label(s) if isinstance(s, str) else s for s in self.states)
        if not states:
            raise InputError("an automaton needs at least one state", field="states")
        if len(states) > MAX_AUTOMATON_STATES:
            raise InputError(f"{len(states)} states; an automaton has at most {MAX_AUTOMATON_STATES}",
                             field="states")
        for s in states:
            if not isinstance(s, str) or not is_visible_label(s):
                raise InputError(f"state names must be non-empty strings, got {s!r}", field="states")
        if len(set(states)) != len(states):
            dup = next(s for s in states if states.count(s) > 1)
            raise InputError(f"duplicate state {dup!r}", field="states")
        initial = normalize_label(self.initial) if isinstance(self.initial, str) else self.initial
        if initial not in states:
            raise InputError(f"the initial state {initial!r} is not a state; states are {list(states)}",
                             field="initial")
        if not isinstance(self.play, Mapping) or not isinstance(self.rules, Mapping):
            raise InputError("play and rules are mappings keyed by state", field="play")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.play.items()):
            raise InputError("play maps each state name to a strategy label (strings)", field="play")
        play = {normalize_label(k): normalize_label(v) for k, v in self.play.items()}
        if set(play) != set(states):
            missing = [s for s in states if s not in play]
            raise InputError(f"every state plays one strategy; missing {missing}, unknown "
                             f"{[s for s in play if s not in states]}", field="play")
        rules: dict[str, tuple[Rule, ...]] = {}
        for k, v in self.rules.items():
            if not isinstance(k, str):
                raise InputError(f"rules are keyed by state name, got {k!r}"[:200], field="rules")
            k = normalize_label(k)
            if k not in states:
                raise InputError(f"rules for {k!r}, which is not a state", field="rules")
            rs = tuple(v)
            for r in rs:
                if not isinstance(r, Rule):
                    raise InputError(f"expected Rule objects, got {type(r).__name__}", field="rules")
                if r.goto not in states:
                    raise InputError(f"a rule of state {k!r} goes to {r.goto!r}, which is not a state",
                                     field="rules")
            rules[k] = rs
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "play", MappingProxyType({s: play[s] for s in states}))
        object.__setattr__(self, "rules", MappingProxyType({s: rules.get(s, ()) for s in states}))
        object.__setattr__(self, "player", normalize_label(str(self.player)))
        object.__setattr__(self, "name", str(self.name))

    def __hash__(self) -> int:
        return hash((self.name, self.player, self.states, self.initial, tuple(self.play.items()),
                     tuple(self.rules.items())))

    # ------------------------------------------------------------------ behaviour
    def action(self, state: str) -> str:
        """The strategy label played in ``state``."""
        return self.play[state]

    def next_state(self, state: str, profile: Mapping[str, str]) -> str:
        """The state after a round in ``state`` in which the pure profile ``{player: label}`` was played."""
        for rule in self.rules[state]:
            if rule.matches(profile):
                return rule.goto
        return state

    def transition_table(self, game: Game) -> tuple[tuple[int, ...], ...]:
        """``table[w][k]``: the index of the next state from state ``w`` after the ``k``-th pure profile.

        Profiles are numbered as :meth:`Game.pure_profiles` lists them (lexicographic).
        """
        self.validate(game)
        profiles = list(game.pure_profiles())
        index = {s: k for k, s in enumerate(self.states)}
        return tuple(tuple(index[self.next_state(w, a)] for a in profiles) for w in self.states)

    # ------------------------------------------------------------------ checks and roles
    def validate(self, game: Game) -> Automaton:
        """``self`` if its player, played labels and rule conditions are the game's; else a LabelError."""
        game = require_game(game)
        if self.player not in game.players:
            raise LabelError(f"automaton {self.name!r} is for player {self.player!r}, who is not in the game; "
                             f"players are {list(game.players)}", field="player")
        own = game.strategies[game.players.index(self.player)]
        for s, label in self.play.items():
            if label not in own:
                raise LabelError(f"automaton {self.name!r}: state {s!r} plays {label!r}, which is not a strategy "
                                 f"of {self.player!r}; strategies are {list(own)}", field="states")
        for s, rs in self.rules.items():
            for r in rs:
                for p, labels in r.when.items():
                    if p not in game.players:
                        raise LabelError(f"automaton {self.name!r}: a rule of state {s!r} names {p!r}, who is not "
                                         f"a player; players are {list(game.players)}", field="rules")
                    strategies = game.strategies[game.players.index(p)]
                    bad = sorted(x for x in labels if x not in strategies)
                    if bad:
                        raise LabelError(f"automaton {self.name!r}: a rule of state {s!r} names {bad[0]!r}, which "
                                         f"is not a strategy of {p!r}; strategies are {list(strategies)}",
                                         field="rules")
        return self

    def for_player(self, game: Game, player: str) -> Automaton:
        """The same automaton for the other seat of a two-player game (the players' roles swapped).

        Meant for symmetric games written with the same labels for both
        players (a tit-for-tat written for Row, played by Col); the labels
        are checked against the new player's strategies.
        """
        game = require_game(game)
        self.validate(game)
        player = normalize_label(str(player))
        if player == self.player:
            return self
        if game.num_players != 2:
            raise UnsupportedGameError(f"moving automaton {self.name!r} to another player needs a two-player "
                                       f"game, this one has {game.num_players}")
        if player not in game.players:
            raise LabelError(f"unknown player {player!r}; players are {list(game.players)}", field="player")
        swap = {self.player: player, player: self.player}
        rules = {s: tuple(Rule({swap[p]: labels for p, labels in r.when.items()}, r.goto) for r in rs)
                 for s, rs in self.rules.items()}
        moved = Automaton(self.name, player, self.states, self.initial, self.play, rules, self.description)
        return moved.validate(game)

    # ------------------------------------------------------------------ output
    def to_json(self) -> dict[str, Any]:
        """Strict-JSON data: name, player, initial state, and each state's play and rules (labels)."""
        return {
            "name": self.name,
            "player": self.player,
            "initial": self.initial,
            "states": [
                {"name": s, "play": self.play[s],
                 "rules": [{"when": {p: sorted(labels) for p, labels in r.when.items()}, "to": r.goto}
                           for r in self.rules[s]]}
                for s in self.states
            ],
        }

    def __str__(self) -> str:
        n = len(self.states)
        lines = [f"{self.name} (player {self.player}): {n} state{'s' if n != 1 else ''}, starts in {self.initial}"]
        for s in self.states:
            moves = [f"if {r.describe()} -> {r.goto}" for r in self.rules[s] if r.goto != s]
            lines.append(f"  {s}: play {self.play[s]}" + ("; " + "; ".join(moves) if moves else ""))
        return "\n".join(lines)


# ---------------------------------------------------------------------- joint play
def ordered_automata(game: Game, automata: Mapping[str, Automaton]) -> tuple[Automaton, ...]:
    """The automata of a profile in the game's player order, checked: one per player, each for that player."""
    game = require_game(game)
    if not isinstance(automata, Mapping):
        raise InputError(f"expected a mapping {{player: Automaton}}, got {type(automata).__name__}",
                         field="automata")
    given = {normalize_label(str(p)): a for p, a in automata.items()}
    missing = [p for p in game.players if p not in given]
    extra = [p for p in given if p not in game.players]
    if missing or extra:
        raise LabelError(f"one automaton per player; missing {missing}, unknown {extra}", field="automata")
    ordered = []
    for p in game.players:
        a = given[p]
        if not isinstance(a, Automaton):
            raise InputError(f"expected an Automaton for {p!r}, got {type(a).__name__}", field="automata")
        if a.player != p:
            raise LabelError(f"the automaton given for {p!r} is {a.player!r}'s ({a.name!r}); "
                             "use Automaton.for_player to move it", field="automata")
        ordered.append(a.validate(game))
    return tuple(ordered)


# ---------------------------------------------------------------------- built-ins
def _pure_nash(game: Game) -> list[dict[str, str]]:
    from ..solvers.pure import pure_equilibria

    return [{p: game.strategies[i][k] for i, (p, k) in enumerate(zip(game.players, idx))}
            for idx in pure_equilibria(game)]


def _labels_for(game: Game, given: str | Mapping[str, str] | None, player: str, what: str) -> dict[str, str]:
    """``{player: label}`` from a label of ``player`` (the same label for the others when they have it) or a map."""
    if given is None:
        return {}
    if isinstance(given, str):
        label = normalize_label(given)
        game.strategy_index(player, label)  # LabelError if not the player's
        return {p: label for i, p in enumerate(game.players) if label in game.strategies[i]}
    if not isinstance(given, Mapping):
        raise InputError(f"{what} must be a strategy label or a mapping {{player: label}}, got "
                         f"{type(given).__name__}", field=what)
    out = {normalize_label(str(p)): normalize_label(str(x)) for p, x in given.items()}
    for p, x in out.items():
        game.strategy_index(p, x)
    return out


def _resolve_defection(game: Game, j: str, coop: str, given: Mapping[str, str]) -> str:
    if j in given:
        return given[j]
    i = game.players.index(j)
    own = game.strategies[i]
    if len(own) == 2:
        return own[1] if own[0] == coop else own[0]
    # the player's action in the pure stage equilibrium worst for the others (their payoff sum)
    worst: tuple[Any, str] | None = None
    for e in _pure_nash(game):
        others = sum(v for p, v in game.payoff(e).items() if p != j)
        if worst is None or others < worst[0]:
            worst = (others, e[j])
    if worst is None:
        raise InputError(f"cannot choose a defection for {j!r}: it has {len(own)} strategies and the stage game has "
                         "no pure equilibrium; pass defect= or write the automaton in a TOML file", field="defect")
    return worst[1]


def builtin_automaton(name: str, game: Game, player: str, *, cooperate: str | Mapping[str, str] | None = None,
                      defect: str | Mapping[str, str] | None = None) -> Automaton:
    """A built-in automaton for ``player``: grim, tit-for-tat, win-stay-lose-shift, always-cooperate, always-defect.

    Parameters
    ----------
    name : str
        One of :data:`BUILTIN_AUTOMATA` (aliases ``tft``, ``wsls``,
        ``pavlov``, ``allc``, ``alld``, ``grim-trigger``).
    game : Game
        The stage game (``tit-for-tat`` and ``win-stay-lose-shift`` need two players).
    player : str
    cooperate : str or Mapping[str, str], optional
        The cooperative actions: a label of ``player`` (the other players
        cooperate with the same label, which they must have) or a profile
        ``{player: label}``.  Default: the pure profile with the largest sum
        of payoffs among those that are not stage equilibria (the first on
        ties; among all profiles if every one is an equilibrium).
    defect : str or Mapping[str, str], optional
        The defections, given the same way.  Default, for each player: the
        other strategy when the player has two; else the player's action in
        the pure stage equilibrium worst for the others; else an InputError
        asking for an automaton file.

    Returns
    -------
    Automaton

    Raises
    ------
    InputError
        An unknown name or label; UnsupportedGameError for tit-for-tat or
        win-stay-lose-shift in a game of more than two players.
    """
    game = require_game(game)
    if not isinstance(name, str) or name.strip().lower() not in BUILTIN_AUTOMATA:
        raise InputError(f"unknown automaton {name!r}; built-in automata are "
                         f"{sorted(set(BUILTIN_AUTOMATA.values()))} (or give a TOML file)", field="automaton")
    canon = BUILTIN_AUTOMATA[name.strip().lower()]
    player = game.players[game.player_index(player)]
    if canon in ("tit-for-tat", "win-stay-lose-shift") and game.num_players != 2:
        raise UnsupportedGameError(f"{canon} is defined for two players, this game has {game.num_players}; "
                                   "write the automaton in a TOML file")
    coop = _labels_for(game, cooperate, player, "cooperate")
    needed = [player] if canon.startswith("always-") else list(game.players)
    if any(p not in coop for p in needed):
        if cooperate is not None:
            missing = [p for p in needed if p not in coop]
            why = (f"they have no strategy {cooperate!r}" if isinstance(cooperate, str)
                   else "the mapping does not name them")
            raise InputError(f"the cooperative action of {missing} is not known ({why}): give cooperate as a "
                             "mapping {player: label} naming every player", field="cooperate")
        coop = default_target(game)
    defect_given = _labels_for(game, defect, player, "defect")
    d_own = _resolve_defection(game, player, coop[player], defect_given)
    c_own = coop[player]
    others = [p for p in game.players if p != player]
    if canon == "always-cooperate":
        auto = Automaton(canon, player, ("cooperate",), "cooperate", {"cooperate": c_own}, {})
    elif canon == "always-defect":
        auto = Automaton(canon, player, ("defect",), "defect", {"defect": d_own}, {})
    elif canon == "grim":
        if c_own == d_own:
            raise InputError(f"grim needs a defection different from the cooperative action {c_own!r}", field="defect")
        # leave "cooperate" as soon as anyone does not play its cooperative action: one rule per player
        leave = tuple(Rule({p: frozenset(game.strategies[game.players.index(p)]) - {coop[p]}}, "punish")
                      for p in game.players if len(game.strategies[game.players.index(p)]) > 1)
        auto = Automaton(canon, player, ("cooperate", "punish"), "cooperate", {"cooperate": c_own, "punish": d_own},
                         {"cooperate": leave})
    else:
        if c_own == d_own:
            raise InputError(f"{canon} needs a defection different from the cooperative action {c_own!r}",
                             field="defect")
        j = others[0]
        cj = frozenset({coop[j]})
        not_cj = frozenset(game.strategies[game.players.index(j)]) - cj
        if canon == "tit-for-tat":
            rules: tuple[Rule, ...] = (Rule({j: cj}, "cooperate"), Rule({j: not_cj}, "defect"))
        else:  # win-stay-lose-shift: cooperate after (c, c) or after both did not cooperate, else defect
            not_ci = frozenset(game.strategies[game.players.index(player)]) - {c_own}
            rules = (Rule({player: frozenset({c_own}), j: cj}, "cooperate"),
                     Rule({player: not_ci, j: not_cj}, "cooperate"),
                     Rule({}, "defect"))
        auto = Automaton(canon, player, ("cooperate", "defect"), "cooperate", {"cooperate": c_own, "defect": d_own},
                         {"cooperate": rules, "defect": rules})
    return auto.validate(game)


# ---------------------------------------------------------------------- TOML files
_TOP_KEYS = ("name", "player", "initial", "description", "states", "rules")
_RULE_KEYS = ("from", "when", "to")


def _reader(text: str, path: str | None) -> _Reader:
    from ..io.model.validate import _Reader

    return _Reader(text, path)


def _label_set(r: _Reader, value: object, own: tuple[str, ...], who: str, *where: object) -> frozenset[str]:
    from ..io.model.validate import _describe

    negate = False
    if isinstance(value, dict):
        if set(value) != {"not"}:
            raise r.error(f"expected a label, a list of labels or {{ not = label(s) }}, got a table with keys "
                          f"{sorted(value)}", *where, cls=InputError)
        negate, value = True, value["not"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise r.error(f"expected a label or a non-empty list of labels, got {_describe(value)}", *where, cls=InputError)
    labels = set()
    for x in items:
        if not isinstance(x, str):
            raise r.error(f"expected a strategy label, got {_describe(x)}", *where, cls=InputError)
        x = normalize_label(x)
        if x not in own:
            raise r.error(f"{x!r} is not a strategy of {who!r}; strategies are {list(own)}", *where, cls=LabelError)
        labels.add(x)
    return frozenset(own) - labels if negate else frozenset(labels)


def parse_automaton(text: str, game: Game, *, player: str | None = None, path: str | os.PathLike[str] | None = None,
                    name: str | None = None) -> Automaton:
    """Parse the text of an automaton file (format in the module docstring) for ``player`` of ``game``.

    Parameters
    ----------
    text : str
    game : Game
    player : str, optional
        The player the automaton is for; required unless the file names
        one (when both are given they must agree).
    path : str, optional
        Used in messages.
    name : str, optional
        The name when the file gives none (default: the file's stem, else ``"automaton"``).

    Raises
    ------
    InputError
        With the path, the line and the field at fault.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
    ...                         strategies=[["C", "D"], ["C", "D"]])
    >>> text = '''
    ... initial = "c"
    ... [states]
    ... c = "C"
    ... d = "D"
    ... [[rules]]
    ... when = { Col = "D" }
    ... to = "d"
    ... '''
    >>> a = parse_automaton(text, pd, player="Row", name="unforgiving")
    >>> a.next_state("c", {"Row": "C", "Col": "D"}), a.next_state("d", {"Row": "C", "Col": "C"})
    ('d', 'd')
    >>> try:
    ...     parse_automaton(text.replace('Col = "D"', 'Col = "E"'), pd, player="Row", path="tft.toml")
    ... except InputError as err:
    ...     print(err)
    tft.toml:7: rules[1].when.Col: 'E' is not a strategy of 'Col'; strategies are ['C', 'D']
    """
    game = require_game(game)
    if not isinstance(text, str):
        raise InputError(f"expected the text of an automaton file, got {type(text).__name__}", path=path)
    spath = None if path is None else os.fspath(path)
    r = _reader(text, spath)
    data = r.document()
    from ..io.model.validate import _describe

    for key in data:
        if key not in _TOP_KEYS:
            raise r.error(f"unknown top-level key {key!r}; allowed keys: {', '.join(_TOP_KEYS)}", key, cls=InputError)
    # the player
    file_player = r.string(data.get("player"), "player") if "player" in data else None
    if file_player is not None:
        file_player = normalize_label(file_player)
        if file_player not in game.players:
            raise r.error(f"{file_player!r} is not a player; players are {list(game.players)}", "player",
                          cls=LabelError)
    if player is not None:
        player = game.players[game.player_index(player)]
        if file_player is not None and file_player != player:
            raise r.error(f"the file is an automaton for {file_player!r}, not for {player!r}", "player",
                          cls=InputError)
    who = player if player is not None else file_player
    if who is None:
        raise r.error("which player's automaton is this? write player = \"NAME\" in the file, or name the player "
                      "(CLI: --automaton PLAYER=FILE)", "player", cls=InputError)
    own = game.strategies[game.players.index(who)]
    # name and description
    stem = os.path.splitext(os.path.basename(spath))[0] if spath else ""
    auto_name = r.string(data.get("name"), "name", allow_empty=False) if "name" in data else (name or stem
                                                                                              or "automaton")
    description = r.string(data.get("description"), "description")
    # states
    raw_states = data.get("states")
    if raw_states is None:
        raise r.error("missing [states]: each state = the strategy label played in it", "states", cls=InputError)
    if not isinstance(raw_states, dict) or not raw_states:
        raise r.error(f"expected a table [states] of state = strategy label (at least one), got "
                      f"{_describe(raw_states)}", "states", cls=InputError)
    if len(raw_states) > MAX_AUTOMATON_STATES:
        raise r.error(f"{len(raw_states)} states; an automaton has at most {MAX_AUTOMATON_STATES}", "states",
                      cls=InputError)
    states: list[str] = []
    play: dict[str, str] = {}
    for s, label in raw_states.items():
        if not is_visible_label(s):
            raise r.error(f"the state name {s!r} has no visible character", "states", s, cls=InputError)
        sn = normalize_label(s)
        if sn in play:
            raise r.error(f"duplicate state {sn!r}", "states", s, cls=InputError)
        if not isinstance(label, str):
            raise r.error(f"expected the strategy label the state plays, got {_describe(label)}", "states", s,
                          cls=InputError)
        label = normalize_label(label)
        if label not in own:
            raise r.error(f"{label!r} is not a strategy of {who!r}; strategies are {list(own)}", "states", s,
                          cls=LabelError)
        states.append(sn)
        play[sn] = label
    # the initial state
    if "initial" not in data:
        raise r.error(f"missing 'initial' (the state of the first round, one of {states})", "initial",
                      cls=InputError)
    initial = normalize_label(r.string(data["initial"], "initial", allow_empty=False))
    if initial not in play:
        raise r.error(f"{initial!r} is not a state; states are {states}", "initial", cls=InputError)
    # rules
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise r.error(f"expected [[rules]] tables, got {_describe(raw_rules)}", "rules", cls=InputError)
    if len(raw_rules) > MAX_AUTOMATON_RULES:
        raise r.error(f"{len(raw_rules)} rules; an automaton file has at most {MAX_AUTOMATON_RULES}", "rules",
                      cls=InputError)
    rules: dict[str, list[Rule]] = {s: [] for s in states}
    entries = 0
    for k, raw in enumerate(raw_rules):
        r.check_keys(raw, _RULE_KEYS, "rules", k)
        if "to" not in raw:
            raise r.error("missing 'to' (the next state)", "rules", k, cls=InputError)
        goto = normalize_label(r.string(raw["to"], "rules", k, "to", allow_empty=False))
        if goto not in play:
            raise r.error(f"{goto!r} is not a state; states are {states}", "rules", k, "to", cls=InputError)
        src = raw.get("from", "*")
        sources = [src] if isinstance(src, str) else src
        if not isinstance(sources, list) or not sources or not all(isinstance(x, str) for x in sources):
            raise r.error(f"expected a state, a list of states or \"*\", got {_describe(src)}", "rules", k, "from",
                          cls=InputError)
        if "*" in sources:
            froms = list(states)
        else:
            froms = []
            for x in sources:
                x = normalize_label(x)
                if x not in play:
                    raise r.error(f"{x!r} is not a state; states are {states}", "rules", k, "from", cls=InputError)
                froms.append(x)
        when_raw = raw.get("when", {})
        if not isinstance(when_raw, dict):
            raise r.error(f"expected a table {{ player = label(s) }}, got {_describe(when_raw)}", "rules", k, "when",
                          cls=InputError)
        when: dict[str, frozenset[str]] = {}
        for p, v in when_raw.items():
            pn = normalize_label(p)
            if pn not in game.players:
                raise r.error(f"{p!r} is not a player; players are {list(game.players)}", "rules", k, "when",
                              cls=LabelError)
            when[pn] = _label_set(r, v, game.strategies[game.players.index(pn)], pn, "rules", k, "when", p)
        rule = Rule(when, goto)
        entries += len(froms)
        if entries > MAX_RULE_ENTRIES:
            raise r.error(f"the rules apply to more than {MAX_RULE_ENTRIES} (rule, state) pairs in all; write fewer "
                          "rules or name their states in 'from'", "rules", k, cls=InputError)
        for s in froms:
            rules[s].append(rule)
    auto = Automaton(auto_name, who, tuple(states), initial, play, {s: tuple(v) for s, v in rules.items()},
                     description)
    return auto.validate(game)


def read_automaton(path: str | os.PathLike[str], game: Game, *, player: str | None = None) -> Automaton:
    """Read an automaton file (TOML; format in the module docstring) for ``player`` of ``game``.

    Raises
    ------
    InputError
        An unreadable or malformed file, an unknown state, player or label:
        with the path, the line and the field at fault.
    """
    from ..io.model.validate import read_text

    text, spath = read_text(path)
    return parse_automaton(text, game, player=player, path=spath)


def load_automaton(spec: str | os.PathLike[str], game: Game, player: str, *,
                   cooperate: str | Mapping[str, str] | None = None,
                   defect: str | Mapping[str, str] | None = None) -> Automaton:
    """A built-in automaton by name, or an automaton file, for ``player`` (what ``--automaton PLAYER=SPEC`` names).

    ``spec`` is read as a built-in name (:data:`BUILTIN_AUTOMATA`, any case)
    unless it is a path (it has a ``.toml`` suffix or a path separator, or is
    an os.PathLike), in which case the file is read with :func:`read_automaton`;
    ``cooperate`` and ``defect`` apply to built-ins only.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> load_automaton("WSLS", pd, "Player 2").name
    'win-stay-lose-shift'
    """
    if not isinstance(spec, (str, os.PathLike)):
        raise InputError(f"expected a built-in automaton name or a file path, got {type(spec).__name__}",
                         field="automaton")
    text = os.fspath(spec)
    is_path = isinstance(spec, os.PathLike) or text.lower().endswith(".toml") or os.sep in text or "/" in text
    if not is_path and text.strip().lower() in BUILTIN_AUTOMATA:
        return builtin_automaton(text, game, player, cooperate=cooperate, defect=defect)
    if not is_path and not os.path.exists(text):
        names = ", ".join(sorted(set(BUILTIN_AUTOMATA.values())))
        raise InputError(f"{text!r} is neither a built-in automaton ({names}) nor an automaton file", field="automaton")
    return read_automaton(text, game, player=player)
