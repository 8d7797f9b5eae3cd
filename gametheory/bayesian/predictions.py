r"""Checking the predictions of the models of incomplete information: signaling and Bayesian models.

A signaling model (:class:`~gametheory.io.model.SignalingModel`) states the
article's claims as ``[[predictions]]`` of the kinds
:data:`~gametheory.io.model.schema.SIGNALING_PREDICTION_KINDS`; each is
decided on the list of *every* PBE family of the game at the claim's values
(:func:`gametheory.bayesian.pbe.pbe_solve`, exact):

``pooling``, ``separating``, ``hybrid``
    some family of that kind plays the claimed profile: each type's message
    (or mix of messages) is the family's, and the receiver's answer to each
    message the claim names is the family's (on the path exactly; after a
    message off the path, the answer of the family's representative member);
    with ``intuitive``, the family passes (true) or fails (false) the
    intuitive criterion of Cho and Kreps (1987).  When no family matches,
    the reason lists the families of that kind; if the list of families is
    not complete, the claim is undetermined.
``pbe_count``
    the number of families (with ``intuitive``: of those that pass, or fail,
    the intuitive criterion) is ``count``; undetermined when the list is not
    complete.

A Bayesian model's claims (``equilibrium``, ``not_equilibrium``,
``unique_equilibrium``, ``equilibrium_count``, with profiles ``{player:
{type: action}}``) are the normal-form claims of
:func:`gametheory.predictions.check_prediction` on the type-agent form
(:func:`gametheory.bayesian.harsanyi.type_agent_form`), the profile given
agent by agent (``"player (type)"``): its Nash equilibria are exactly the
Bayesian Nash equilibria, so a deviation named in a reason is one type's.

References
----------
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..errors import InputError
from ..io.model.schema import SIGNALING_PREDICTION_KINDS
from ..numbers import format_number
from ..predictions import FAILS, HOLDS, UNDETERMINED, ModelCheck, Verdict, violated_assumptions, with_prediction

__all__ = ["check_signaling_prediction", "check_signaling_model", "family_text", "check_bayesian_model"]


def _distribution(choice) -> dict[str, Any]:
    """A choice as ``{label: p}`` without zeros: a label is ``{label: 1}``."""
    if isinstance(choice, str):
        return {choice: Fraction(1)}
    return {k: v for k, v in dict(choice).items() if v != 0}


def _same(a: Mapping, b: Mapping, tol: float) -> bool:
    keys = set(a) | set(b)
    if tol == 0:
        return all(Fraction(a.get(k, 0)) == Fraction(b.get(k, 0)) for k in keys)
    return all(abs(float(a.get(k, 0)) - float(b.get(k, 0))) <= tol for k in keys)


def _choice_text(dist: Mapping) -> str:
    dist = _distribution(dist)
    if len(dist) == 1:
        return next(iter(dist))
    return "{" + ", ".join(f"{k}: {format_number(v)}" for k, v in dist.items()) + "}"


def family_text(game, family) -> str:
    """One line for a family: its kind, each type's message, the receiver's answers, the intuitive criterion."""
    sender = "; ".join(f"{t} {_choice_text(family.sender[t])}" for t in game.types)
    answers = "; ".join(f"{m}: {_choice_text(family.receiver[m])}" for m in game.messages if m in family.receiver)
    intuitive = "survives" if family.intuitive else "does not survive"
    return f"{family.kind} ({sender} | {game.receiver} {answers}; {intuitive} the intuitive criterion)"


def _matches(game, family, kind: str, profile: Mapping, intuitive: bool | None, tol: float) -> bool:
    if family.kind != kind or (intuitive is not None and bool(family.intuitive) != intuitive):
        return False
    sent = profile.get(game.sender, {})
    if not all(_same(_distribution(sent[t]), _distribution(family.sender[t]), tol) for t in game.types):
        return False
    answers = profile.get(game.receiver, {})
    return all(m in family.receiver and _same(_distribution(c), _distribution(family.receiver[m]), tol)
               for m, c in answers.items())


def check_signaling_prediction(game, kind: str, profile=None, count=None, intuitive: bool | None = None, *,
                               claim: str = "", line=None, result=None, max_cost=None) -> Verdict:
    """Check one prediction on a numeric signaling game (see the module docstring for the kinds).

    Parameters
    ----------
    game : SignalingGame
    kind : {'pbe_count', 'pooling', 'separating', 'hybrid'}
    profile : mapping, optional
        ``{sender: {type: message}, receiver: {message: action}}`` (a
        choice may be ``{label: p}``); for the three kinds of family.
    count : int, optional
        For ``pbe_count``.
    intuitive : bool, optional
    result : PBEResult, optional
        The game's families, if already computed.
    """
    if kind not in SIGNALING_PREDICTION_KINDS:
        raise InputError(f"unknown prediction kind {kind!r} for a signaling game; expected one of "
                         f"{list(SIGNALING_PREDICTION_KINDS)}", field="predictions.kind")
    if result is None:
        from .pbe import pbe_solve

        result = pbe_solve(game, max_cost=max_cost)
    families = list(result.families)
    tol = 0 if game.kind == "exact" else 1e-9
    shown_profile = None if profile is None else {p: dict(v) for p, v in profile.items()}

    def verdict(status: str, reason: str) -> Verdict:
        return Verdict(kind, status, reason, shown_profile, count, claim, line)

    incomplete = "" if result.complete else " (the list of families is not proved complete)"
    if kind == "pbe_count":
        if count is None:
            raise InputError("a pbe_count prediction needs a count", field="predictions.count")
        chosen = families if intuitive is None else [f for f in families if bool(f.intuitive) == intuitive]
        one = len(chosen) == 1
        verb = ("survives" if one else "survive") if intuitive else ("does" if one else "do") + " not survive"
        what = "" if intuitive is None else f" that {verb} the intuitive criterion"
        listed = " | ".join(family_text(game, f) for f in chosen)
        reason = f"{len(chosen)} PBE famil{'y' if len(chosen) == 1 else 'ies'}{what}" + (f": {listed}" if listed
                                                                                           else "")
        if not result.complete:
            return verdict(UNDETERMINED, reason + incomplete)
        return verdict(HOLDS if len(chosen) == count else FAILS, reason)
    if profile is None:
        raise InputError(f"a {kind} prediction needs a profile", field="predictions.profile")
    for i, f in enumerate(families, 1):
        if _matches(game, f, kind, profile, intuitive, tol):
            return verdict(HOLDS, f"family {i} of {len(families)}: {family_text(game, f)}")
    same_kind = [f for f in families if f.kind == kind]
    others = " | ".join(family_text(game, f) for f in same_kind) or f"no {kind} family at all"
    reason = f"no {kind} family plays this profile" + (
        "" if intuitive is None else f" and {'survives' if intuitive else 'does not survive'} the intuitive criterion")
    reason += f"; the {kind} families: {others}"
    return verdict(FAILS if result.complete else UNDETERMINED, reason + incomplete)


def check_signaling_model(model, values: Mapping) -> ModelCheck:
    """:func:`gametheory.predictions.check_model` for a signaling model: each claim at its values, one solve each."""
    from .pbe import pbe_solve

    cache: dict = {}
    verdicts = []
    for pred in model.predictions:
        vals = dict(values)
        vals.update(getattr(pred, "at", {}) or {})
        key = tuple(sorted((k, Fraction(v)) for k, v in vals.items()))
        try:
            game = model.game_at(vals)
            if key not in cache:
                cache[key] = pbe_solve(game)
            verdict = check_signaling_prediction(game, pred.kind, pred.profile, pred.count, pred.intuitive,
                                                 claim=pred.claim, line=pred.line, result=cache[key])
        except InputError as exc:
            raise exc.with_location(getattr(model, "path", None), pred.line) from None
        verdicts.append(with_prediction(verdict, pred))
    complete = all(r.complete for r in cache.values())
    note = "method pbe, " + ("complete: every perfect Bayesian equilibrium family" if complete
                             else "completeness not established")
    return ModelCheck(str(model.path or ""), model.id, model.title, str(model.section), values, tuple(verdicts),
                      tuple(violated_assumptions(model, values)), note if cache else "")


def check_bayesian_model(model, values: Mapping, method: str = "auto") -> ModelCheck:
    """:func:`gametheory.predictions.check_model` for a Bayesian model: each claim on the type-agent form."""
    from ..predictions import check_prediction, complete_solve
    from .harsanyi import agent_name, type_agent_form

    cache: dict = {}
    verdicts = []
    for pred in model.predictions:
        vals = dict(values)
        vals.update(getattr(pred, "at", {}) or {})
        key = tuple(sorted((k, Fraction(v)) for k, v in vals.items()))
        try:
            game = model.game_at(vals)
            agents = type_agent_form(game)
            profile = None
            if pred.profile is not None:
                positive = {p: set(game.positive_types(p)) for p in game.players}
                profile = {agent_name(p, t): (c if isinstance(c, str) else dict(c))
                           for p, row in pred.profile.items() for t, c in row.items() if t in positive[p]}

            def solver(g, key=key):
                if key not in cache:
                    cache[key] = complete_solve(g, method)
                return cache[key]

            verdict = check_prediction(agents, pred.kind, profile, pred.count, claim=pred.claim, line=pred.line,
                                       method=method, solver=solver)
        except InputError as exc:
            raise exc.with_location(getattr(model, "path", None), pred.line) from None
        shown = None if pred.profile is None else {p: dict(row) for p, row in pred.profile.items()}
        verdict = Verdict(verdict.kind, verdict.status, verdict.reason, shown, verdict.count, verdict.claim,
                          verdict.line)
        verdicts.append(with_prediction(verdict, pred))
    notes = sorted({f"method {r.method} on the type-agent form, "
                    + ("complete" if r.complete else "completeness not established") for r in cache.values()})
    return ModelCheck(str(model.path or ""), model.id, model.title, str(model.section), values, tuple(verdicts),
                      tuple(violated_assumptions(model, values)), "; ".join(notes))
