r"""Checking a model's predictions: is the article's claim an equilibrium of its game?

A model file states the article's claims as data (``[[predictions]]``, see
``docs/model-format.md``).  Each claim is checked on the numeric game at the
parameters' defaults (or at overridden values) with the equilibrium
certificate of :mod:`gametheory.profile`:

``equilibrium``
    the profile :math:`\sigma` has regret :math:`\max_{s_i} u_i(s_i, \sigma_{-i}) - u_i(\sigma) = 0`
    for every player :math:`i` (within a tolerance scaled to the payoff range in floats);
    otherwise the reason names each player with positive regret, the pure
    strategy they would deviate to and what they gain.
``not_equilibrium``
    some player has positive regret (the reason names that deviation).
``unique_equilibrium``
    the profile is an equilibrium and a *complete* method (one whose
    :class:`~gametheory.SolveResult` has ``complete`` set) lists no other
    equilibrium; otherwise the reason names another one.
``equilibrium_count``
    a complete method lists exactly ``count`` equilibria (extreme
    equilibria, for games with continua).

When no registered method can prove completeness for the game, the two last
kinds are *undetermined*, which is reported and not counted as holding.

Two kinds are about the infinitely repeated game whose stage game is the
model's game, with payoffs normalised by the discount factor :math:`\delta`,
:math:`(1-\delta)\sum_t \delta^t u_t`, and the strategy ``grim`` (grim
trigger: play the pure profile; after a deviation by player :math:`i`, play
for ever the stage equilibrium worst for :math:`i`).  Grim trigger sustains
the profile exactly for the :math:`\delta \in (0, 1)` with
:math:`\delta \ge (d_i - v_i)/(d_i - p_i)` for every player who gains by a
deviation (:math:`v_i` the profile's payoff, :math:`d_i` the best deviation's,
:math:`p_i` the punishment's); :func:`gametheory.repeated.grim.grim_trigger`
computes that set exactly, given every stage equilibrium (a complete
method's; otherwise the claim is undetermined):

``sustainable``
    with ``delta`` :math:`t` (an expression in the parameters, evaluated at
    the values): the set is exactly :math:`[t, 1) \cap (0, 1)` and not
    empty, i.e. the smallest :math:`\delta` is :math:`t`; for a model with
    parameters, grim's threshold as a formula in the parameters must also
    equal :math:`t` (sympy's ``simplify`` of the difference is 0).  Without
    ``delta``: the set is not empty.
``not_sustainable``
    with ``delta``: :math:`t \in (0, 1)` is not in the set; without: the set
    is empty (no :math:`\delta < 1` sustains it).

A game-tree model (:class:`~gametheory.io.model.TreeModel`) has three kinds,
each decided exactly on the tree at the values (:mod:`gametheory.tree.deviations`):

``subgame_perfect``
    the pure behaviour profile ``{player: {infoset: action}}`` is a
    subgame-perfect equilibrium: no player gains by a one-shot deviation
    (perfect information) or by another plan of any proper subgame;
    otherwise the reason names each profitable deviation and its gain.
``not_subgame_perfect``
    some such deviation gains (the reason names it).
``spe_path``
    *every* pure subgame-perfect equilibrium plays ``path`` (the actions from
    the root), and there is one: "backward induction gives (No offer,
    Cooperate)".  It fails when some pure subgame-perfect equilibrium plays
    another path (the reason names it) or there is none; ties that give
    several equilibria on different paths make it fail.  The pure equilibria
    are enumerated (cost-checked; past the limit the claim is undetermined).

Examples
--------
>>> from gametheory import Game
>>> from gametheory.predictions import check_prediction
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
...                         strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]])
>>> v = check_prediction(pd, "equilibrium", {"Russia": "Renew CFE", "US": "Abandon MD"})
>>> v.status, v.reason
('fails', 'Russia gains 1 by deviating to Suspend CFE; US gains 2 by deviating to Build MD')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import CostLimitError, InputError, UnsupportedGameError
from .game_text import plural, profile_text
from .jsondoc import json_value
from .numbers import format_number
from .profile import MixedProfile, default_tolerance
from .result import SolveResult

__all__ = [
    "Verdict",
    "ModelCheck",
    "SOURCE_GROUPS",
    "source_counts",
    "KINDS",
    "check_prediction",
    "check_tree_prediction",
    "TREE_KINDS",
    "check_model",
    "complete_solve",
    "deviation_reasons",
    "REPEATED_KINDS",
    "check_repeated_prediction",
    "delta_claim_value",
]

HOLDS, FAILS, UNDETERMINED = "holds", "fails", "undetermined"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one prediction.

    Attributes
    ----------
    kind : str
    status : {'holds', 'fails', 'undetermined'}
    reason : str
        Why, in words (names players, deviations and other equilibria).
    profile : mapping or None
        The predicted profile as written in the model.
    count : int or None
    claim : str
    line : int or None
        Line of the prediction in the model file.
    at : mapping
        Parameter values the claim is made at (the prediction's ``at`` table), if any.
    path : tuple of str or None
        For ``spe_path``: the claimed path.
    delta, strategy : str or None
        For the repeated-game kinds: the claimed discount factor and strategy.
    source : {'article', 'model'} or None
        Whose claim it is (the prediction's ``source``): the article's, the model's consequence, or not stated.
    """

    kind: str
    status: str
    reason: str
    profile: Mapping | None = None
    count: int | None = None
    claim: str = ""
    line: int | None = None
    at: Mapping = field(default_factory=dict)
    path: tuple[str, ...] | None = None
    delta: str | None = None
    strategy: str | None = None
    source: str | None = None

    @property
    def holds(self) -> bool:
        return self.status == HOLDS

    def to_json(self) -> dict:
        out = {
            "kind": self.kind,
            "status": self.status,
            "reason": self.reason,
            "profile": _jsonable_profile(self.profile),
            "count": self.count,
            "claim": self.claim,
            "line": self.line,
            "at": {k: json_value(v) for k, v in self.at.items()},
            "source": self.source,
        }
        if self.path is not None:  # spe_path only: the other kinds' JSON is unchanged
            out["path"] = list(self.path)
        if self.strategy is not None:  # the repeated-game kinds only, likewise
            out["strategy"] = self.strategy
            out["delta"] = self.delta
        return out


#: The groups of verdicts by whose claim they are, in the order reports show them:
#: ``(source, JSON key, heading, what the closing count calls them)``.
SOURCE_GROUPS: tuple[tuple[str | None, str, str, str], ...] = (
    ("article", "article", "the article claims", "article claims"),
    ("model", "model", "the model derives", "model results"),
    (None, "not_stated", "source not stated", "with no stated source"),
)


def source_counts(verdicts) -> dict[str, dict[str, int]]:
    """How many of ``verdicts`` there are and how many hold, by source (every key of :data:`SOURCE_GROUPS`).

    >>> counts = source_counts([Verdict("equilibrium", HOLDS, "", source="article"),
    ...                         Verdict("equilibrium", FAILS, "", source="model")])
    >>> counts["article"], counts["model"], counts["not_stated"]
    ({'predictions': 1, 'hold': 1}, {'predictions': 1, 'hold': 0}, {'predictions': 0, 'hold': 0})
    """
    out = {}
    for source, key, _, _ in SOURCE_GROUPS:
        mine = [v for v in verdicts if v.source == source]
        out[key] = {"predictions": len(mine), "hold": sum(v.holds for v in mine)}
    return out


@dataclass(frozen=True)
class ModelCheck:
    """Every verdict of one model at one set of parameter values."""

    path: str
    model_id: str
    title: str
    section: str
    values: Mapping
    verdicts: tuple
    violated_assumptions: tuple = ()
    solve_note: str = ""

    @property
    def all_hold(self) -> bool:
        return all(v.holds for v in self.verdicts)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "id": self.model_id,
            "title": self.title,
            "section": self.section,
            "values": {k: json_value(v) for k, v in self.values.items()},
            "violated_assumptions": list(self.violated_assumptions),
            "solve": self.solve_note,
            "all_hold": self.all_hold,
            "counts": source_counts(self.verdicts),
            "predictions": [v.to_json() for v in self.verdicts],
        }


def _jsonable_profile(profile):
    if profile is None:
        return None
    return {player: _json_spec(spec) for player, spec in profile.items()}


def _json_spec(spec):
    """A label as is; ``{label: probability}`` (or, in a tree, ``{infoset: action or {action: p}}``) entry by entry."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, Mapping):
        return {k: _json_spec(v) for k, v in spec.items()}
    return json_value(spec)


# ---------------------------------------------------------------------- words
def deviation_reasons(profile: MixedProfile, tol=None) -> list[str]:
    """One phrase per player with positive regret: ``"Russia gains 1 by deviating to Suspend CFE"``."""
    game = profile.game
    if tol is None:
        tol = 0 if profile.exact else default_tolerance(game)
    out = []
    for player, regret in profile.regret().items():
        if regret > tol:
            label, gain = profile.best_deviation(player)
            out.append(f"{player} gains {format_number(gain)} by deviating to {label}")
    return out


def _profile_from_spec(game, spec) -> MixedProfile:
    try:
        return MixedProfile(game, dict(spec))
    except InputError as exc:
        raise InputError(f"prediction profile: {exc.message}", field="predictions.profile") from None


# ---------------------------------------------------------------------- solving
def complete_solve(game, method: str = "auto", max_cost: float | None = None) -> SolveResult:
    """Solve ``game`` with a method that proves completeness, if one handles it.

    ``method`` is tried first; when its result is not complete, the methods
    that search for every equilibrium (:func:`gametheory.solvers.complete_methods`,
    in the table's order) are tried in turn.  Returns the first complete
    result, else the first result obtained (``complete`` False).  A method
    whose answer is not a set of Nash equilibria (``correlated``) is passed over.
    ``max_cost`` is every method's limit (default theirs); when no method ran
    and one was refused by its limit, that refusal (naming ``max_cost``) is raised.

    >>> from gametheory import Game
    >>> complete_solve(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])).method
    'enumerate'
    """
    from .solvers.table import METHODS, complete_methods, solve

    first = None
    refused: CostLimitError | None = None
    options: dict[str, Any] = {} if max_cost is None else {"max_cost": max_cost}
    for name in (method,) + tuple(m for m in complete_methods() if m != method):
        if name != "auto" and (name not in METHODS or not METHODS[name].handles(game)
                               or METHODS[name].result_type is not SolveResult):
            continue
        try:
            res = solve(game, method=name, **options)
        except UnsupportedGameError:
            continue
        except CostLimitError as exc:
            refused = refused or exc  # the first refusal: the method asked for, or the table's first
            continue
        assert isinstance(res, SolveResult)  # the result_type test above
        if res.complete:
            return res
        if first is None:
            first = res
    if first is None and refused is not None:  # the limit, not the game, stopped every method: say which
        raise refused
    if first is None:
        raise UnsupportedGameError(f"no method solves this {game.num_players}-player game of shape {game.shape}")
    return first


def _same(a: MixedProfile, b: MixedProfile, tol) -> bool:
    for x, y in zip(a.vectors, b.vectors):
        if a.exact and b.exact:
            if any(p != q for p, q in zip(x, y)):
                return False
        elif np.max(np.abs(np.asarray(x, dtype=float) - np.asarray(y, dtype=float))) > tol:
            return False
    return True


def _incomplete_note(result) -> str:
    return (f"completeness could not be established: method {result.method!r} does not guarantee that it "
            f"lists every equilibrium of this game")


# ---------------------------------------------------------------------- one prediction per kind
def _deviations(game, profile) -> list[str]:
    return deviation_reasons(_profile_from_spec(game, profile))


def _check_equilibrium(game, profile, count, solver):
    devs = _deviations(game, profile)
    if devs:
        return FAILS, "; ".join(devs)
    return HOLDS, "no player gains by deviating (every regret is 0)"


def _check_not_equilibrium(game, profile, count, solver):
    devs = _deviations(game, profile)
    if devs:
        return HOLDS, "; ".join(devs)
    return FAILS, "it is an equilibrium: no player gains by deviating"


def _check_unique(game, profile, count, solver):
    sigma = _profile_from_spec(game, profile)
    devs = deviation_reasons(sigma)
    if devs:
        return FAILS, "not an equilibrium: " + "; ".join(devs)
    result = solver(game)
    tol = max(float(result.tol), default_tolerance(game.to_float()) * 1e3) if not result.exact else 0
    others = [eq.profile for eq in result.equilibria if not _same(eq.profile, sigma, tol)]
    if others:
        return FAILS, "also an equilibrium: " + " | ".join(profile_text(p) for p in others)
    if not result.complete:
        return UNDETERMINED, f"it is an equilibrium, but uniqueness is unproven: {_incomplete_note(result)}"
    return HOLDS, f"the only equilibrium (method {result.method}, complete)"


def _check_count(game, profile, count, solver):
    if count is None:
        raise InputError("an equilibrium_count prediction needs count = N", field="predictions.count")
    result = solver(game)
    found = len(result.equilibria)
    listing = " | ".join(profile_text(eq.profile) for eq in result.equilibria)
    if found != count and (result.complete or found > count):
        return FAILS, f"found {plural(found, 'equilibrium', 'equilibria')}, expected {count}: {listing}"
    if not result.complete:
        return UNDETERMINED, f"found {found} so far: {_incomplete_note(result)}"
    comps = f" in {plural(len(result.components), 'component', 'components')}" if result.components else ""
    return HOLDS, f"{plural(found, 'equilibrium', 'equilibria')}{comps} (method {result.method}, complete): {listing}"


KINDS: dict[str, Callable] = {
    "equilibrium": _check_equilibrium,
    "not_equilibrium": _check_not_equilibrium,
    "unique_equilibrium": _check_unique,
    "equilibrium_count": _check_count,
}


def check_prediction(game, kind: str, profile=None, count=None, *, claim: str = "", line=None,
                     method: str = "auto", solver=None) -> Verdict:
    """Check one prediction on a numeric game.

    Parameters
    ----------
    game : Game
        A numeric (exact or float) game.
    kind : str
        One of ``KINDS``.
    profile : mapping, optional
        ``{player: label}`` or ``{player: {label: probability}}``.
    count : int, optional
        For ``equilibrium_count``.
    method : str
        Solution method tried first for the kinds that need every equilibrium.
    solver : callable, optional
        ``solver(game) -> SolveResult``; default :func:`complete_solve` with ``method``
        (pass a cached one to solve each game once).

    Returns
    -------
    Verdict
    """
    if kind in REPEATED_KINDS:
        raise InputError(f"a {kind} prediction is about the repeated game: check it with check_repeated_prediction",
                         field="predictions.kind")
    if kind not in KINDS:
        raise InputError(f"unknown prediction kind {kind!r}; expected one of {sorted(KINDS)}", field="predictions.kind")
    if kind != "equilibrium_count" and profile is None:
        raise InputError(f"a {kind} prediction needs a profile", field="predictions.profile")
    if solver is None:
        def solver(g):
            return complete_solve(g, method)
    status, reason = KINDS[kind](game, profile, count, solver)
    return Verdict(kind, status, reason, profile, count, claim, line)


# ---------------------------------------------------------------------- repeated games
#: The prediction kinds about the infinitely repeated game whose stage game is the model's game.
REPEATED_KINDS = ("sustainable", "not_sustainable")


def delta_claim_value(text, values: Mapping, *, line=None):
    """The exact value of a prediction's ``delta`` at ``values``: a Fraction (a sympy number if irrational).

    The text is read by the whitelist parser (:mod:`gametheory.io.expressions`), in Fractions
    without sympy where it can be.

    >>> delta_claim_value("c_I/p", {"c_I": Fraction(1), "p": Fraction(3)})
    Fraction(1, 3)
    >>> delta_claim_value("c_I/p", {"c_I": Fraction(1), "p": Fraction(0)})
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: predictions.delta: 'c_I/p' is undefined at these values (c_I = 1, p = 0)
    """
    from .io.expressions import check_powers, expression_value, parameter_symbol, parse_expression

    vals = {k: Fraction(v) for k, v in values.items()}
    where = {"field": "predictions.delta", "line": line}
    value = expression_value(text, vals, **where)
    if value is not None:
        return value
    import sympy

    check_powers(text, vals, **where)  # substitution would build every power, however large
    expr = parse_expression(text, list(vals), **where)
    got = expr.xreplace({parameter_symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in vals.items()})
    if not (got.is_real and got.is_finite):
        at = ", ".join(f"{k} = {v}" for k, v in vals.items() if parameter_symbol(k) in expr.free_symbols)
        raise InputError(f"{text!r} is undefined at these values ({at})", **where)
    return Fraction(int(got.p), int(got.q)) if got.is_Rational else got


def _grim(game, target, equilibria, values=None):
    from .repeated.grim import grim_trigger

    return grim_trigger(game, target, values=values, equilibria=equilibria)


def _sustains_text(dset) -> str:
    """``grim trigger sustains it exactly for δ in [1/3, 1)``, or ``... for no δ < 1``."""
    return "grim trigger sustains it for no δ < 1" if dset.is_empty else \
        f"grim trigger sustains it exactly for δ in {dset}"


def _symbolic_mismatch(symbolic, target, text, values, parameters) -> str | None:
    """Why grim's threshold as a formula in the parameters is not ``text``, or None when it is (or is not known).

    The structure (each deviator's best deviation and worst stage equilibrium) is the one found at
    ``values``; the two formulas are compared by sympy's ``simplify`` of their difference.
    """
    import sympy

    from .io.expressions import parse_expression

    claimed = parse_expression(text, list(parameters))
    if not claimed.free_symbols:  # a number: a claim at these values only
        return None
    try:
        formula = _grim(symbolic, target, None, values).delta_min
    except UnsupportedGameError:
        return None
    if isinstance(formula, Fraction):
        formula = sympy.Rational(formula.numerator, formula.denominator)
    if not isinstance(formula, sympy.Basic):  # None (sustained for no δ < 1, said above) or a float
        return None
    if sympy.simplify(formula - claimed) == 0:
        return None
    return f"the threshold is {formula} in the parameters, not {text} (they agree only at some values)"


def check_repeated_prediction(game, kind: str, profile, delta: str | None = None, strategy: str | None = "grim", *,
                              claim: str = "", line=None, values: Mapping | None = None, symbolic=None,
                              parameters=(), method: str = "auto", solver=None) -> Verdict:
    r"""Check a ``sustainable`` or ``not_sustainable`` prediction on a numeric stage game, exactly.

    Parameters
    ----------
    game : Game
        The numeric stage game (a model's game at ``values``).
    kind : {'sustainable', 'not_sustainable'}
    profile : mapping
        The target pure profile ``{player: label}``.
    delta : str, optional
        The claimed threshold (``sustainable``) or a discount factor at which it is not sustained
        (``not_sustainable``): a number or an expression in ``parameters``, evaluated at ``values``.
    strategy : {'grim'}
    values : mapping, optional
        The parameter values of ``game`` (for ``delta``).
    symbolic : Game, optional
        The symbolic game (a model's ``game``): for ``sustainable`` with ``delta``, grim's threshold
        as a formula must equal ``delta``.
    parameters : sequence of str
        The names ``delta`` may use.
    solver : callable, optional
        ``solver(game) -> SolveResult`` (default :func:`complete_solve` with ``method``): the stage equilibria.

    Examples
    --------
    The prisoner's dilemma T, R, P, S = 4, 3, 0, -1: grim trigger sustains cooperation
    iff :math:`\delta \ge (T - R)/(T - P) = 1/4`.

    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[3, 4], [-1, 0]], strategies=[["C", "D"], ["C", "D"]])
    >>> coop = {"Player 1": "C", "Player 2": "C"}
    >>> check_repeated_prediction(pd, "sustainable", coop, "1/4").status
    'holds'
    >>> v = check_repeated_prediction(pd, "not_sustainable", coop, "1/5")
    >>> v.status, v.reason
    ('holds', 'grim trigger sustains it exactly for δ in [1/4, 1), which does not contain 1/5')
    """
    if kind not in REPEATED_KINDS:
        raise InputError(f"unknown repeated-game kind {kind!r}; expected one of {list(REPEATED_KINDS)}",
                         field="predictions.kind")
    strategy = strategy or "grim"
    if strategy != "grim":
        raise InputError(f"strategy must be 'grim', got {strategy!r}", field="predictions.strategy")
    if profile is None or not all(isinstance(v, str) for v in profile.values()):
        raise InputError(f"a {kind} prediction needs a pure profile {{player: label}}", field="predictions.profile")
    target = dict(profile)
    game.profile_index(target)
    claimed = None if delta is None else delta_claim_value(delta, values or {}, line=line)
    if solver is None:
        def solver(g):
            return complete_solve(g, method)

    def verdict(status, reason):
        return Verdict(kind, status, reason, profile, None, claim, line, delta=delta, strategy=strategy)

    if kind == "not_sustainable" and claimed is not None and not 0 < claimed < 1:
        raise InputError(f"delta must lie in (0, 1) at these values, got {delta} = {claimed}",
                         field="predictions.delta", line=line)
    result = solver(game)
    if not result.complete:
        return verdict(UNDETERMINED, "the punishments need every stage equilibrium: " + _incomplete_note(result))
    grim = _grim(game, target, tuple(eq.profile for eq in result.equilibria))
    dset = grim.sustaining_set()
    shown = _sustains_text(dset)
    said = "" if claimed is None else str(claimed) if delta == str(claimed) else f"{delta} = {claimed}"
    if kind == "not_sustainable":
        if claimed is None:
            return verdict(FAILS if grim.sustainable else HOLDS, shown)
        if claimed in dset:
            return verdict(FAILS, f"{shown}, which contains {said}")
        return verdict(HOLDS, f"{shown}, which does not contain {said}")
    if not grim.sustainable:
        return verdict(FAILS, shown)
    if claimed is None:
        return verdict(HOLDS, shown)
    from .repeated.discount import DeltaSet, FloatDeltaSet

    if not (dset.equals_at_least(claimed) if isinstance(dset, FloatDeltaSet)
            else dset.intervals == DeltaSet.at_least(claimed).intervals):
        return verdict(FAILS, f"{shown}, not for δ >= {said}")
    if symbolic is not None and getattr(symbolic, "kind", None) == "symbolic":
        why = _symbolic_mismatch(symbolic, target, delta, values or {}, parameters)
        if why:
            return verdict(FAILS, f"{shown} (δ >= {said} here), but {why}")
    return verdict(HOLDS, f"{shown}: δ >= {said}")


# ---------------------------------------------------------------------- game trees
#: The prediction kinds of a game-tree model.
TREE_KINDS = ("subgame_perfect", "not_subgame_perfect", "spe_path")


def _pure_or_none(tree, profile):
    """The pure choices of a tree profile, or None when a choice is mixed (not decided here)."""
    from .tree.deviations import pure_choices

    try:
        return pure_choices(tree, profile)
    except InputError as exc:
        if "a pure profile plays one action" in exc.message:
            return None
        raise InputError(f"prediction profile: {exc.message}", field="predictions.profile") from None


def check_tree_prediction(tree, kind: str, profile=None, path=None, *, claim: str = "", line=None,
                          max_cost=None) -> Verdict:
    """Check one prediction on a numeric game tree, exactly (see the module docstring for the kinds).

    Parameters
    ----------
    tree : Tree
        Exact or float (a model's tree at its values).
    kind : {'subgame_perfect', 'not_subgame_perfect', 'spe_path'}
    profile : mapping, optional
        ``{player: {infoset key: action}}`` (or ``{player: action}``), for the first two kinds.
    path : sequence of str, optional
        The actions from the root, for ``spe_path``.

    Examples
    --------
    >>> from gametheory.tree import tree_from_dict
    >>> t = tree_from_dict(["Entrant", "Incumbent"], {"player": "Entrant", "actions": {
    ...     "Out": [0, 2], "In": {"player": "Incumbent", "actions": {"Fight": [-1, -1], "Accommodate": [1, 1]}}}})
    >>> v = check_tree_prediction(t, "subgame_perfect", {"Entrant": "Out", "Incumbent": "Fight"})
    >>> v.status, v.reason
    ('fails', "Incumbent gains 2 by choosing Accommodate instead of Fight at 'In' (node 2)")
    >>> check_tree_prediction(t, "spe_path", path=["In", "Accommodate"]).reason
    'every pure subgame-perfect equilibrium (1) plays (In, Accommodate)'
    """
    from .tree.deviations import (
        _deviations,
        follows_path,
        path_choices,
        play_path,
        profile_text,
        pure_subgame_perfect_profiles,
    )

    if kind not in TREE_KINDS:
        raise InputError(f"unknown prediction kind {kind!r} for a game tree; expected one of {list(TREE_KINDS)}",
                         field="predictions.kind")
    if tree.kind == "symbolic":
        tree.require_numeric(f"checking a {kind} prediction")
    if kind == "spe_path":
        if path is None:
            raise InputError("a spe_path prediction needs a path", field="predictions.path")
        path = tuple(path)
        path_choices(tree, path)  # the path is checked before any enumeration
        shown = "(" + ", ".join(path) + ")"
        try:
            spes = pure_subgame_perfect_profiles(tree, max_cost=max_cost)
        except CostLimitError as exc:
            return Verdict(kind, UNDETERMINED, f"the pure equilibria were not enumerated: {exc}", None, None, claim,
                           line, path=path)
        if not spes:
            return Verdict(kind, FAILS, "the tree has no pure subgame-perfect equilibrium", None, None, claim, line,
                           path=path)
        others = [c for c in spes if not follows_path(tree, c, path)]
        if others:
            why = " | ".join(f"{profile_text(tree, c)} plays ({', '.join(play_path(tree, c))})" for c in others)
            return Verdict(kind, FAILS, f"{len(others)} of {len(spes)} pure subgame-perfect equilibria play another "
                           f"path: {why}", None, None, claim, line, path=path)
        return Verdict(kind, HOLDS, f"every pure subgame-perfect equilibrium ({len(spes)}) plays {shown}", None, None,
                       claim, line, path=path)
    if profile is None:
        raise InputError(f"a {kind} prediction needs a profile", field="predictions.profile")
    choices = _pure_or_none(tree, profile)
    if choices is None:
        return Verdict(kind, UNDETERMINED, "a mixed behaviour profile: only pure profiles are checked here", profile,
                       None, claim, line)
    devs = [str(d) for d in _deviations(tree, choices, max_cost)]
    if kind == "subgame_perfect":
        status = FAILS if devs else HOLDS
        reason = "; ".join(devs) if devs else "no player gains by a deviation in any subgame"
    else:
        status = HOLDS if devs else FAILS
        reason = "; ".join(devs) if devs else "it is subgame perfect: no player gains by a deviation in any subgame"
    return Verdict(kind, status, reason, profile, None, claim, line)


def _check_tree_model(model, values: Mapping, max_cost: float | None = None) -> ModelCheck:
    """:func:`check_model` for a game-tree model: each prediction on the exact tree at its values."""
    verdicts = []
    for pred in model.predictions:
        vals = dict(values)
        vals.update(getattr(pred, "at", {}) or {})
        try:
            tree = model.tree_at(vals)
            verdict = check_tree_prediction(tree, pred.kind, pred.profile, getattr(pred, "path", None),
                                            claim=pred.claim, line=pred.line, max_cost=max_cost)
        except InputError as exc:
            raise exc.with_location(getattr(model, "path", None), pred.line) from None
        verdicts.append(with_prediction(verdict, pred))
    return ModelCheck(
        str(getattr(model, "path", None) or ""), getattr(model, "id", ""), model.title,
        str(getattr(model, "section", "")), values, tuple(verdicts), tuple(violated_assumptions(model, values)),
        "subgame perfection decided exactly",
    )


def with_prediction(verdict: Verdict, pred) -> Verdict:
    """The verdict of ``pred`` with what the prediction adds to the check itself.

    Its ``source`` (whose claim it is) and, for a prediction with an ``at`` table, those values,
    the reason prefixed by them ("at s=49/100: ...").
    """
    source = getattr(pred, "source", None)
    if not getattr(pred, "at", None):
        return replace(verdict, source=source)
    at = ", ".join(f"{k}={format_number(Fraction(v))}" for k, v in pred.at.items())
    return replace(verdict, reason=f"at {at}: {verdict.reason}", at=dict(pred.at), source=source)


# ---------------------------------------------------------------------- a whole model
def model_values(model, overrides: Mapping | None = None) -> dict:
    """The parameter values of a check: defaults, overridden by ``overrides``."""
    return model.values(overrides, field="--param")


def violated_assumptions(model, values: Mapping) -> list[str]:
    """The model's assumptions that are false at ``values`` (exact values)."""
    import sympy

    from .io.expressions import check_powers

    out = []
    texts = getattr(model, "assumption_texts", ()) or ()
    for i, rel in enumerate(getattr(model, "assumptions", ()) or ()):
        if i < len(texts):
            # substitution builds every power exactly: g**g**g at g = 9 would never finish
            check_powers(texts[i], {k: Fraction(v) for k, v in values.items()}, field=f"assumptions[{i + 1}]",
                         path=getattr(model, "path", None), line=getattr(model, "assumptions_line", None))
        subs = {}
        for sym in rel.free_symbols:
            if sym.name in values:
                v = Fraction(values[sym.name])
                subs[sym] = sympy.Rational(v.numerator, v.denominator)
        if rel.xreplace(subs) is sympy.false:
            out.append(str(rel))
    return out


def check_model(model, overrides: Mapping | None = None, method: str = "auto",
                max_cost: float | None = None) -> ModelCheck:
    """Check every prediction of a loaded model at its defaults (overridden by ``overrides``).

    A game-tree model's predictions are checked by :func:`check_tree_prediction`, a signaling
    model's by :func:`gametheory.bayesian.predictions.check_signaling_model` (every perfect
    Bayesian equilibrium family, exactly), a Bayesian model's by
    :func:`gametheory.bayesian.predictions.check_bayesian_model` (on its type-agent form).

    A prediction with an ``at`` table is checked at those values (they win
    over ``overrides``: they are part of the claim).  Each distinct game is
    solved at most once.  ``max_cost`` limits each normal-form solve and each tree's backward
    induction (default the solvers' own limits); signaling and Bayesian models are checked at theirs.
    """
    from .io.model.bayesian_model import BayesianModel
    from .io.model.signaling_model import SignalingModel

    values = model_values(model, overrides)
    if isinstance(model, SignalingModel):
        from .bayesian.predictions import check_signaling_model

        return check_signaling_model(model, values)
    if isinstance(model, BayesianModel):
        from .bayesian.predictions import check_bayesian_model

        return check_bayesian_model(model, values, method)
    if hasattr(model, "tree_at"):
        return _check_tree_model(model, values, max_cost)
    cache = {}

    def solver_for(vals):
        key = tuple(sorted(vals.items()))

        def solver(g):
            if key not in cache:
                cache[key] = complete_solve(g, method, max_cost)
            return cache[key]
        return solver, key

    verdicts = []
    for pred in model.predictions:
        vals = dict(values)
        vals.update(getattr(pred, "at", {}) or {})
        try:
            game = model.game_at(vals)
            solver, _ = solver_for(vals)
            if pred.kind in REPEATED_KINDS:
                verdict = check_repeated_prediction(
                    game, pred.kind, pred.profile, pred.delta, pred.strategy, claim=pred.claim, line=pred.line,
                    values=vals, symbolic=model.game if model.parameters else None, parameters=tuple(model.parameters),
                    solver=solver)
            else:
                verdict = check_prediction(game, pred.kind, pred.profile, pred.count, claim=pred.claim,
                                           line=pred.line, method=method, solver=solver)
        except InputError as exc:
            raise exc.with_location(getattr(model, "path", None), pred.line) from None
        verdicts.append(with_prediction(verdict, pred))
    notes = sorted({f"method {r.method}, " + ("complete" if r.complete else "completeness not established")
                    for r in cache.values()})
    return ModelCheck(
        str(getattr(model, "path", None) or ""), getattr(model, "id", ""), model.title,
        str(getattr(model, "section", "")), values, tuple(verdicts), tuple(violated_assumptions(model, values)),
        "; ".join(notes),
    )
