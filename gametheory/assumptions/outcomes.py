"""Equilibrium sets as comparable signatures, and the article's predictions checked against them.

The *signature* of a game is the sorted tuple of the supports of its extreme
equilibria; a support is one tuple of labels per player.  Within a region of
parameter space the equilibria move but their supports do not, so two
points with equal signatures have "the same equilibrium set" in the sense
used for region maps.  Predictions (``docs/model-format.md``) are read as
statements about signatures: a pure ``equilibrium`` holds when the pure
profile is one of the extreme equilibria (a pure equilibrium always is); a
mixed one when an equilibrium with the predicted *support* exists (its
probabilities move with the parameters); ``unique_equilibrium`` when the
signature is exactly that profile; ``equilibrium_count`` when the number of
extreme equilibria matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..game_text import plural

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Prediction
    from .batch import BatchResult

__all__ = ["signature", "signatures", "support_of_prediction", "prediction_holds", "describe_support",
           "prediction_label"]

PROB_EPS = 1e-9

#: The labels each player uses, in game order: ``(("Offer",), ("C", "D"))``.
Support: TypeAlias = tuple[tuple[str, ...], ...]
#: The sorted supports of a game's extreme equilibria.
Signature: TypeAlias = tuple[Support, ...]


def signature(game_or_labels: Game | Sequence[Sequence[str]],
              equilibria: Iterable[Iterable[Iterable[float]]]) -> Signature:
    """Sorted supports of ``equilibria`` (tuples of probability vectors) as labels.

    >>> from gametheory import Game
    >>> import numpy as np
    >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> signature(g, [(np.array([1., 0]), np.array([1., 0]))])
    ((('1',), ('1',)),)
    """
    strategies = game_or_labels if isinstance(game_or_labels, Sequence) else game_or_labels.strategies
    out: list[Support] = []
    for eq in equilibria:
        out.append(tuple(tuple(s for s, q in zip(strategies[i], v) if q > PROB_EPS) for i, v in enumerate(eq)))
    return tuple(sorted(out))


#: Elementary steps (:mod:`gametheory.cost`) of one game's signature, built in Python objects:
#: a 400 x 400 region grid of a 2x2 game took about 2 s here, some 12 microseconds per point.
SIGNATURE_STEPS = 1000


def signatures(game: Game, batch_result: BatchResult) -> list[Signature]:
    """The signature of every game of a :class:`~.batch.BatchResult`."""
    return [signature(game, batch_result.equilibria(b)) for b in range(len(batch_result))]


def describe_support(players: Sequence[str], support: Support) -> str:
    """``"(Offer, CC+CB)"``: one support, the labels of each player (in game order) joined by ``+``."""
    return "(" + ", ".join("+".join(labs) for labs in support) + ")"


def describe_signature(players: Sequence[str], sig: Signature) -> str:
    """The supports of a signature, ``"; "``-separated (empty for no equilibrium).

    >>> describe_signature(("West", "Serbia"), ((("No offer",), ("B",)), (("Offer",), ("C", "D"))))
    '(No offer, B); (Offer, C+D)'
    """
    return "; ".join(describe_support(players, s) for s in sig)


def support_of_prediction(game: Game, profile: Mapping | None) -> Support:
    """The support (labels per player, game order) of a prediction's profile."""
    if profile is None:
        raise InputError("this prediction names no profile", field="prediction")
    out: list[tuple[str, ...]] = []
    for i, p in enumerate(game.players):
        if p not in profile:
            raise InputError(f"the prediction gives no strategy for {p!r}", field="prediction")
        spec = profile[p]
        if isinstance(spec, str):
            game.strategy_index(i, spec)
            out.append((spec,))
        else:
            labs = [s for s in game.strategies[i] if s in spec and spec[s] > 0]
            for s in spec:
                game.strategy_index(i, s)
            out.append(tuple(labs))
    return tuple(out)


def prediction_holds(prediction: Prediction, game: Game, sig: Signature) -> bool:
    """Does ``prediction`` (kind, profile, count) hold for a game with signature ``sig``?"""
    kind = prediction.kind
    if kind == "equilibrium_count":
        return len(sig) == prediction.count
    sup = support_of_prediction(game, prediction.profile)
    if kind == "equilibrium":
        return sup in sig
    if kind == "not_equilibrium":
        return sup not in sig
    if kind == "unique_equilibrium":
        return sig == (sup,)
    raise InputError(f"unknown prediction kind {kind!r}", field="prediction")


def prediction_label(prediction: Prediction) -> str:
    """A short text for a prediction."""
    if prediction.kind == "equilibrium_count":
        if prediction.count is None:  # validated model files always give a count
            return "extreme equilibria"
        return plural(prediction.count, "extreme equilibrium", "extreme equilibria")
    if prediction.profile is None:
        raise InputError("this prediction names no profile", field="prediction")
    prof = ", ".join(v if isinstance(v, str) else "+".join(k for k, q in v.items() if q > 0)
                     for v in prediction.profile.values())
    return f"{prediction.kind.replace('_', ' ')} ({prof})"


def pure_index(game: Game, profile: Mapping) -> tuple[int, ...] | None:
    """Index tuple of a pure prediction profile, or None if it is mixed."""
    if not all(isinstance(v, str) for v in profile.values()):
        return None
    return game.profile_index(dict(profile))


def batch_prediction(prediction: Prediction, game: Game, result: BatchResult) -> NDArray[np.bool_]:
    """Vectorised ``prediction_holds`` over a :class:`~.batch.BatchResult` (bool per game).

    Pure kinds use the pure-equilibrium mask and the counts; a mixed profile
    falls back to the per-game signatures.
    """
    kind = prediction.kind
    if kind == "equilibrium_count":
        return result.count == prediction.count
    profile = prediction.profile
    idx = None if profile is None else pure_index(game, profile)
    if idx is None:  # a mixed profile (or none: support_of_prediction says so)
        sup = support_of_prediction(game, profile)
        ne = result.has_support([[game.strategy_index(i, s) for s in labs] for i, labs in enumerate(sup)])
    else:
        ne = result.pure[(slice(None),) + tuple(idx)]
    if kind == "equilibrium":
        return ne
    if kind == "not_equilibrium":
        return ~ne
    if kind == "unique_equilibrium":
        return ne & (result.count == 1)
    raise InputError(f"unknown prediction kind {kind!r}", field="prediction")
