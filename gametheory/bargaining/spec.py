r"""The ``[bargaining]`` table of a model file, and bargaining problems built from models and games.

Keys (all optional)::

    [bargaining]
    feasible = "issues"            # "issues" (default when issues are listed) or "game"
    disagreement = "status-quo"    # status-quo | nash | maximin | threat | [u1, u2]; default: status-quo
                                   # if a status quo is given or the set comes from issues, else nash
    solution = "nash"              # nash | ks | egalitarian | utilitarian | rubinstein
    status_quo = { Russia = "Suspend CFE", US = "Build MD" }   # a pure profile of the game
    status_quo_shares = { "MD abandonment" = 0 }               # issue shares if talks fail (default 0)
    deltas = { Russia = 0.9, US = 0.9 }                        # Rubinstein discount factors, each in (0, 1)
    first = "Russia"                                           # who offers first

    [[bargaining.issues]]                                      # divisible issues, share in [0, 1]
    name = "MD abandonment"
    values = { Russia = "v_nomd", US = "-v_md" }               # value of the whole issue; numbers or expressions

    [[bargaining.settlements]]                                 # indivisible issues kept out of the package
    name = "Kosovo: Russia acquiesces"
    values = { Russia = -5, US = 5 }

Values are numbers or expressions over the model's parameters, in the grammar of
:mod:`gametheory.io.expressions`, taken at the parameter defaults (overridden by
``params``): :func:`~gametheory.io.expressions.expression_value` computes the
value in exact rationals, and the symbolic reading
(:func:`~gametheory.io.expressions.parse_expression`) decides where it cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, TypeVar

from ..errors import InputError
from ..game import normalize_label
from ..numbers import parse_rational, to_exact, to_symbolic
from .frontier import Number
from .problem import BargainingProblem
from .rubinstein import coerce_deltas

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Model

__all__ = ["BargainingSpec", "read_spec", "SOLUTION_CHOICES", "parse_solution", "parse_deltas", "parse_disagreement",
           "problem_from_game", "problem_from_spec"]

_T = TypeVar("_T")

_KEYS = {"feasible", "disagreement", "solution", "status_quo", "status_quo_shares", "deltas", "first", "issues",
         "settlements"}


@dataclass(frozen=True)
class BargainingSpec:
    """The validated ``[bargaining]`` table of one model at given parameter values.

    Attributes
    ----------
    players : tuple of str
    issues : mapping issue -> {player: Fraction}
        Each player's value of the whole divisible issue.
    settlements : mapping name -> {player: Fraction}
        Indivisible issues kept out of the package.
    feasible : {'issues', 'game'}
    disagreement : str or tuple of Fraction
        A keyword ('status-quo', 'nash', 'maximin', 'threat') or a point.
    solution : str
    status_quo : mapping player -> strategy, or None
    status_quo_shares : mapping issue -> Fraction
    deltas : pair of Fractions, or None
        Rubinstein's discount factors, in player order.
    first : str or None
        Rubinstein's first proposer.
    """

    players: tuple[str, ...]
    issues: dict[str, dict[str, Fraction]]
    settlements: dict[str, dict[str, Fraction]]
    feasible: Literal["issues", "game"]
    disagreement: str | tuple[Fraction, ...]
    solution: str
    status_quo: dict[str, str] | None
    status_quo_shares: dict[str, Fraction]
    deltas: tuple[Number, Number] | None
    first: str | None


def _err(msg: str, field: str, path: str | None) -> InputError:
    return InputError(msg, path=path, field=f"bargaining.{field}")


def _value(v: object, values: Mapping[str, Fraction], field: str, path: str | None) -> Fraction:
    """A number, or an expression's exact value with every parameter at ``values``."""
    from ..io.expressions import check_powers, expression_value, parse_expression

    if isinstance(v, bool):
        raise _err(f"expected a number or an expression, got {v!r}", field, path)
    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    if isinstance(v, float):
        return to_exact(v, field=field)
    if not isinstance(v, str):
        raise _err(f"expected a number or an expression, got {type(v).__name__}", field, path)
    value = expression_value(v, values, field=f"bargaining.{field}", path=path)
    if value is not None:
        return value
    # only the symbolic reading can tell (e.g. sqrt): it accepts or rejects the text, and says why
    expr = parse_expression(v, list(values), field=f"bargaining.{field}", path=path)
    check_powers(v, values, field=f"bargaining.{field}", path=path)  # before substitution builds any power
    subs = {s: to_symbolic(values[s.name]) for s in expr.free_symbols}
    out = expr.xreplace(subs)
    if not out.is_Rational:
        raise _err(f"{v!r} is {out} at the parameter values, not a rational number", field, path)
    return Fraction(int(out.p), int(out.q))


def _player_table(raw: object, players: Sequence[str], field: str, path: str | None,
                  convert: Callable[[object, str], _T]) -> dict[str, _T]:
    if not isinstance(raw, Mapping):
        raise _err(f"expected a table with one entry per player {list(players)}", field, path)
    raw = {normalize_label(k) if isinstance(k, str) else k: v for k, v in raw.items()}  # names as the game has them
    if set(raw) != set(players):
        raise _err(f"expected one entry per player {list(players)}, got {list(raw)}", field, path)
    return {p: convert(raw[p], f"{field}.{p}") for p in players}


def read_spec(model: Model, params: Mapping[str, object] | None = None) -> BargainingSpec:
    """Validate ``model.bargaining`` (a mapping; None means an empty table)."""
    raw = dict(model.bargaining or {})
    path = model.path
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _err(f"unknown keys {unknown}; allowed: {sorted(_KEYS)}", unknown[0], path)
    players = tuple(model.players)
    values = {k: to_exact(v, field=f"parameter {k}") for k, v in model.values(params, field="param").items()}

    def num(v: object, field: str) -> Fraction:
        return _value(v, values, field, path)

    def named_list(key: str) -> dict[str, dict[str, Fraction]]:
        items = raw.get(key, ())
        if not isinstance(items, (list, tuple)):
            raise _err("expected an array of tables [[...]]", key, path)
        out: dict[str, dict[str, Fraction]] = {}
        for k, item in enumerate(items):
            if not isinstance(item, Mapping) or "name" not in item or "values" not in item:
                raise _err("each entry needs a name and a values table", f"{key}[{k}]", path)
            extra = sorted(set(item) - {"name", "values", "meaning"})
            if extra:
                raise _err(f"unknown keys {extra}", f"{key}[{k}]", path)
            name = item["name"]
            if not isinstance(name, str) or not name.strip() or name in out:
                raise _err(f"a unique non-empty name is required, got {name!r}", f"{key}[{k}].name", path)
            out[name] = _player_table(item["values"], players, f"{key}[{k}].values", path, num)
        return out

    issues = named_list("issues")
    settlements = named_list("settlements")
    feasible = raw.get("feasible", "issues" if issues else "game")
    if feasible not in ("issues", "game"):
        raise _err(f"expected 'issues' or 'game', got {feasible!r}", "feasible", path)
    if feasible == "issues" and not issues:
        raise _err("feasible = 'issues' but no [[bargaining.issues]] are listed", "feasible", path)
    default_d = "status-quo" if ("status_quo" in raw or feasible == "issues") else "nash"
    raw_d = raw.get("disagreement", default_d)
    if not isinstance(raw_d, (str, list, tuple)):
        raise _err(f"expected status-quo, nash, maximin, threat or a list of {len(players)} numbers "
                   f"(one per player), got {raw_d!r}", "disagreement", path)
    if not isinstance(raw_d, str) and len(raw_d) != len(players):
        raise _err(f"expected {len(players)} numbers (one per player), got {len(raw_d)}", "disagreement", path)
    disagreement = raw_d if isinstance(raw_d, str) else tuple(num(v, "disagreement") for v in raw_d)
    solution = raw.get("solution", "nash")
    status_quo = None
    if raw.get("status_quo") is not None:
        profile = _player_table(raw["status_quo"], players, "status_quo", path,
                                lambda v, f: normalize_label(v) if isinstance(v, str) else v)
        for i, p in enumerate(players):
            if profile[p] not in model.strategies[i]:
                raise _err(f"unknown strategy {profile[p]!r} of {p}; strategies are {list(model.strategies[i])}",
                           f"status_quo.{p}", path)
        status_quo = {p: str(s) for p, s in profile.items()}  # each is one of the strategies' labels
    shares = {k: num(v, f"status_quo_shares.{k}") for k, v in dict(raw.get("status_quo_shares", {})).items()}
    deltas = None
    if raw.get("deltas") is not None:
        table = _player_table(raw["deltas"], players, "deltas", path, num)
        try:
            deltas = coerce_deltas(tuple(table[p] for p in players), exact=True)
        except InputError as exc:
            raise _err(exc.message, "deltas", path) from None
    first = raw.get("first")
    if first is not None and first not in players:
        raise _err(f"unknown player {first!r}; players are {list(players)}", "first", path)
    return BargainingSpec(players, issues, settlements, feasible, disagreement, solution, status_quo, shares,
                          deltas, first)


#: The solutions a request may name (``bargain --solution``, the web lab's ``solution=``).
SOLUTION_CHOICES = ("nash", "ks", "egalitarian", "utilitarian", "rubinstein")


def parse_solution(text: str) -> str:
    """A solution's name, one of :data:`SOLUTION_CHOICES`.

    >>> parse_solution("ks")
    'ks'
    >>> parse_solution("kalai")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: --solution: solution must be one of nash, ks, ..., got 'kalai'
    """
    if text not in SOLUTION_CHOICES:
        raise InputError(f"solution must be one of {', '.join(SOLUTION_CHOICES)}, got {text!r}", field="--solution")
    return text


def parse_deltas(text: str) -> tuple[Fraction, ...]:
    """CLI ``--delta``: two discount factors ``D1,D2`` (exact numbers; Rubinstein checks they lie in (0, 1)).

    >>> parse_deltas("0.9, 9/10")
    (Fraction(9, 10), Fraction(9, 10))
    """
    parts = text.split(",")
    if len(parts) != 2:
        raise InputError(f"--delta expects two discount factors D1,D2, got {text!r}")
    return tuple(parse_rational(p.strip(), field="--delta") for p in parts)


def parse_disagreement(text: str) -> str | tuple[Fraction, ...]:
    """CLI ``--disagreement``: a keyword or ``x,y`` (exact numbers).

    >>> parse_disagreement("0,-1/2")
    (Fraction(0, 1), Fraction(-1, 2))
    >>> parse_disagreement("threat")
    'threat'
    """
    text = text.strip()
    if text in ("status-quo", "nash", "maximin", "threat"):
        return text
    parts = text.split(",")
    if len(parts) != 2:
        raise InputError(f"expected status-quo, nash, maximin, threat or two numbers x,y, got {text!r}",
                         field="--disagreement")
    return tuple(parse_rational(p.strip(), field="--disagreement") for p in parts)


def problem_from_game(game: Game, disagreement: str | Mapping[str, str] | Sequence[object],
                      status_quo: Mapping[str, str] | None = None, free_disposal: bool = False) -> BargainingProblem:
    """A problem over the game's outcomes; ``'status-quo'`` needs ``status_quo`` (a profile)."""
    if disagreement == "status-quo":
        if status_quo is None:
            raise InputError("no status quo is given (a [bargaining] status_quo profile); "
                             "choose --disagreement nash, maximin, threat or x,y", field="disagreement")
        disagreement = dict(status_quo)
    return BargainingProblem.from_game(game, disagreement, free_disposal=free_disposal)


def problem_from_spec(spec: BargainingSpec, game: Game, disagreement: str | Sequence[object] | None = None,
                      free_disposal: bool = False) -> BargainingProblem:
    """The bargaining problem a model describes; ``disagreement`` overrides the table's."""
    d = spec.disagreement if disagreement is None else disagreement
    if spec.feasible == "game":
        return problem_from_game(game, d, spec.status_quo, free_disposal)
    if isinstance(d, str) and d != "status-quo":
        point = problem_from_game(game, d, spec.status_quo)
        return BargainingProblem.from_issues(spec.issues, spec.players, spec.status_quo_shares, title=game.title,
                                             disagreement=point.disagreement,
                                             disagreement_source=point.disagreement_source, notes=point.notes,
                                             free_disposal=free_disposal)
    if isinstance(d, str):
        return BargainingProblem.from_issues(spec.issues, spec.players, spec.status_quo_shares, title=game.title,
                                             free_disposal=free_disposal)
    return BargainingProblem.from_issues(spec.issues, spec.players, disagreement=d, title=game.title,
                                         free_disposal=free_disposal)
