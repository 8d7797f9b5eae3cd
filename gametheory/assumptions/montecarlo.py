r"""Monte Carlo robustness: how often is each profile an equilibrium, and the prediction true?

Each draw sets every parameter from its distribution (uniform over the
whole declared range unless the user gives one, :mod:`.distributions`; or,
with ``at_defaults``, fixed at its default), then perturbs every payoff
:math:`u` at those values independently,
:math:`\tilde u = u(1 + e) + n` with a relative error :math:`e` (uniform on
:math:`[-r, r]` or :math:`N(0, r^2)`) and an absolute one
:math:`n \sim N(0, \sigma^2)` (:class:`.distributions.PayoffNoise`), and
solves the game (:mod:`.batch`: vectorised for pure equilibria, 2x2 and 2xn
games).  The two sources add up: without ``at_defaults`` the payoff noise
comes on top of parameters spread over their full ranges.  Draws violating an
inequality among the model's assumptions are rejected (and counted); an
equality assumption ``a = b`` sets ``a`` from ``b``'s draw; a space built with
``apply_assumptions=False`` (``--no-assumptions``) keeps every draw (:mod:`.policy`).

A prediction that holds at the reference point (the defaults, or the values
its ``at`` gives) only through an exact tie, a weak equilibrium or a
degenerate equilibrium count, is flagged: continuous noise breaks ties with
probability 1, so its share says how the ties fall, not how robust the
model's claim is (a game without ties has an odd number of equilibria,
Wilson 1971, so an even count then has share 0).

Shares :math:`\hat p = k/n` come with Wilson score intervals (Wilson 1927),

.. math:: \frac{\hat p + z^2/2n \pm z\sqrt{\hat p(1-\hat p)/n + z^2/4n^2}}{1 + z^2/n},

which stay inside [0, 1] and behave at shares near 0 or 1.  Draws run in
chunks with seeds spawned from the study seed (:mod:`.chunks`), so a study
is reproducible from its seed whether it runs in process or on Dask, and
peak memory is bounded by the chunk size.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. *JASA* 22, 209-212.
Wilson, R. (1971). Computing equilibria of N-person games. *SIAM J. Appl. Math.* 21, 80-87.
von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* 3, ch. 45 (Thm 2.10:
a nondegenerate game's equilibria have supports of equal size).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, TypedDict

import numpy as np
import sympy
from numpy.typing import NDArray

from ..cost import check_cost
from ..errors import GameTheoryError, InputError
from ..game_text import plural
from ..io.model.schema import REPEATED_PREDICTION_KINDS
from ..progress import Progress
from .batch import batch_cost, solve_batch
from .chunks import chunk_seeds, run_chunks
from .distributions import Distribution, NoiseLaw, PayoffNoise, uniform_in
from .numeric import evaluate, payoff_batch
from .outcomes import batch_prediction, prediction_label, pure_index, support_of_prediction
from .policy import AssumptionUse, UsesAssumptions, assumption_use
from .space import Space

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Prediction

__all__ = ["wilson", "Share", "RobustnessResult", "robustness", "draw_parameters", "tie_of_prediction"]


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials (95% by default).

    >>> lo, hi = wilson(0, 10)
    >>> lo, round(hi, 4)
    (0.0, 0.2775)
    >>> wilson(0, 7)[0], wilson(10, 10)[1]  # the share itself, not a rounding error beside it
    (0.0, 1.0)
    """
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z / den * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # the interval always contains p; in floats centre - half can land 1e-17 above p = 0 (or centre + half below
    # p = 1), which would give a share outside its own interval (and a negative error bar in share_bars)
    return (max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half)))


@dataclass(frozen=True)
class Share:
    """``count`` of ``n`` draws, the share and its 95% Wilson interval."""

    count: int
    n: int

    @property
    def share(self) -> float:
        return self.count / self.n if self.n else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.count, self.n)

    def to_json(self) -> dict:
        """``count``, ``n``, ``share`` and ``ci95``; a share of no draws is undefined: ``null`` (strict JSON)."""
        if not self.n:
            return {"count": self.count, "n": self.n, "share": None, "ci95": None}
        lo, hi = self.interval
        return {"count": self.count, "n": self.n, "share": self.share, "ci95": [lo, hi]}

    def text(self) -> str:
        """``share  [lo, hi]`` in percent, or ``n/a`` when no draw counts."""
        if not self.n:
            return f"{'n/a':>7}  [no accepted draw]"
        lo, hi = self.interval
        return f"{self.share:7.2%}  [{lo:.2%}, {hi:.2%}]"


@dataclass(frozen=True)
class RobustnessResult(UsesAssumptions):
    """The summary of a robustness study (all counts are exact integers)."""

    game: Game
    draws: int
    accepted: int
    seed: int | str  # an int seed, or a SeedSequence's entropy as a string
    noise: float
    chunks: int
    profiles: Mapping[tuple[str, ...], Share]  # profile labels -> Share
    predictions: tuple[tuple[Prediction, Share], ...]
    count_histogram: Mapping[int, int]  # number of extreme equilibria -> draws
    complete: bool
    distributions: tuple[Distribution, ...] = ()
    notes: tuple[str, ...] = ()
    rel_noise: float = 0.0
    rel_noise_law: NoiseLaw = "uniform"
    at_defaults: bool = False
    #: the model's number (from 1) of each drawn prediction, in the order of ``predictions``
    prediction_numbers: tuple[int, ...] = ()
    #: prediction number -> the exact tie at the reference point it rests on (see the module docstring)
    ties: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def payoff_noise(self) -> PayoffNoise:
        """The noise put on every payoff."""
        return PayoffNoise(self.noise, self.rel_noise, self.rel_noise_law)

    def _numbers(self) -> tuple[int, ...]:
        return self.prediction_numbers or tuple(range(1, len(self.predictions) + 1))

    def draws_text(self) -> str:
        """How a draw is made: the parameters' laws and the payoff noise, one line."""
        laws = self.distributions
        if not laws:
            params = "none"
        elif self.at_defaults:
            drawn = [d for d in laws if d.kind != "fixed"]
            params = "fixed at their defaults" + (" except " + ", ".join(map(_law_text, drawn)) if drawn else "")
        else:
            given = [d for d in laws if d != uniform_in(d.name, (d.lo, d.hi))]
            params = "uniform over their declared ranges" + (" except " + ", ".join(map(_law_text, given))
                                                             if given else "")
        return f"draws: parameters {params}; payoff noise: {self.payoff_noise.describe()}"
    assumption_use: AssumptionUse = AssumptionUse()

    def to_json(self) -> dict:
        return {
            "game": self.game.title,
            "assumptions": self.assumption_use.to_json(),
            "draws": self.draws,
            "accepted": self.accepted,
            "rejected_by_assumptions": self.draws - self.accepted,
            "seed": self.seed,
            "noise": self.noise,
            "rel_noise": self.rel_noise,
            "rel_noise_dist": self.rel_noise_law,
            "at_defaults": self.at_defaults,
            "chunks": self.chunks,
            "complete": self.complete,
            "distributions": {d.name: [d.kind] + [str(a) for a in d.args] for d in self.distributions},
            "profiles": [{"profile": dict(zip(self.game.players, k)), **s.to_json()} for k, s in self.profiles.items()],
            "predictions": [{"number": k, "prediction": prediction_label(p), "claim": p.claim, **s.to_json(),
                             "tie": self.ties.get(k)}
                            for k, (p, s) in zip(self._numbers(), self.predictions)],
            "equilibrium_counts": {str(k): v for k, v in sorted(self.count_histogram.items())},
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        """The shares, most frequent profile first, each with its 95% Wilson interval."""
        noise = f"noise {self.noise}" + (f", relative noise {self.rel_noise:g} {self.rel_noise_law}"
                                         if self.rel_noise else "")
        lines = [self.game.title, *self.assumption_use.lines(),
                 f"{self.accepted} of {self.draws} draws (seed {self.seed}, {noise}, "
                 f"{plural(self.chunks, 'chunk', 'chunks')})",
                 self.draws_text(),
                 "share of draws in which each profile is an equilibrium (95% Wilson interval):"]
        for key, sh in sorted(self.profiles.items(), key=lambda kv: -kv[1].count):
            lines.append(f"  {sh.text()}  ({', '.join(key)})")
        if self.predictions:
            lines.append("predictions:")
            for k, (p, sh) in zip(self._numbers(), self.predictions):
                lines.append(f"  {sh.text()}  {k}. {p.kind}: {p.claim}")
        lines.append("extreme equilibria per draw: "
                     + ", ".join(f"{k}: {v}" for k, v in sorted(self.count_histogram.items())))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def _law_text(d: Distribution) -> str:
    """``s triangular:0:1:3``: a parameter and its law as ``--dist`` spells it."""
    return f"{d.name} {':'.join([d.kind, *map(str, d.args)])}"


def _assumption_parts(space: Space) -> tuple[list[tuple[str, sympy.Expr]], list[sympy.Basic]]:
    eqs: list[tuple[str, sympy.Expr]] = []
    ineqs: list[sympy.Basic] = []
    for rel in space.assumptions:
        if isinstance(rel, sympy.Eq) and (rel.lhs.is_Symbol or rel.rhs.is_Symbol):
            lhs, rhs = (rel.lhs, rel.rhs) if rel.lhs.is_Symbol else (rel.rhs, rel.lhs)
            eqs.append((lhs.name, rhs))
        else:
            ineqs.append(rel)
    return eqs, ineqs


def draw_parameters(space: Space, dists: Mapping[str, Distribution], rng: np.random.Generator,
                    size: int) -> tuple[dict[str, NDArray[np.float64]], NDArray[np.bool_]]:
    """``(values, accepted_mask)``: a draw of every parameter, and which draws meet the assumptions."""
    values: dict[str, NDArray[np.float64]] = {}
    for name in space.names:
        law = dists.get(name) or uniform_in(name, space.ranges[name])
        values[name] = law.sample(rng, size)
    if not space.apply_assumptions:  # --no-assumptions: every draw counts, as drawn
        return values, np.ones(size, dtype=bool)
    eqs, ineqs = _assumption_parts(space)
    for name, expr in eqs:
        values[name] = evaluate(expr, values, size).copy()
    ok = np.ones(size, dtype=bool)
    for rel in ineqs:
        d = evaluate(rel.lhs - rel.rhs, values, size)
        if isinstance(rel, sympy.StrictGreaterThan):
            ok &= d > 0
        elif isinstance(rel, sympy.GreaterThan):
            ok &= d >= 0
        elif isinstance(rel, sympy.StrictLessThan):
            ok &= d < 0
        elif isinstance(rel, sympy.LessThan):
            ok &= d <= 0
        elif isinstance(rel, sympy.Eq):
            ok &= d == 0
        elif isinstance(rel, sympy.Ne):
            ok &= d != 0
    return values, ok


class _ChunkCounts(TypedDict):
    """What one chunk returns: integer counts only (small, summable, order-independent)."""

    n: int
    pure: NDArray[np.int64]  # per pure profile: draws in which it is an equilibrium
    pred: NDArray[np.int64]  # per prediction: draws in which it holds
    hist: NDArray[np.int64]  # draws per number of extreme equilibria
    complete: bool


def _chunk(game: Game, space: Space, dists: Mapping[str, Distribution], noise: PayoffNoise,
           predictions: tuple[Prediction, ...], seed_seq: np.random.SeedSequence, size: int,
           rel_tol: float) -> _ChunkCounts:
    """One chunk: integer counts only (small, summable, order-independent)."""
    rng = np.random.default_rng(seed_seq)
    values, ok = draw_parameters(space, dists, rng, size)
    P = payoff_batch(game, values, size)
    if noise:
        P = noise.apply(P, rng)
    P = P[ok]
    if not P.shape[0]:  # every draw of the chunk rejected: nothing to solve, nothing counted
        return {"n": 0, "pure": np.zeros(game.shape, np.int64), "pred": np.zeros(len(predictions), np.int64),
                "hist": np.zeros(1, np.int64), "complete": True}
    res = solve_batch(P, rel_tol)
    return {
        "n": int(P.shape[0]),
        "pure": res.pure.sum(axis=0).astype(np.int64),
        "pred": np.array([int(batch_prediction(p, game, res).sum()) for p in predictions], dtype=np.int64),
        "hist": np.bincount(res.count, minlength=1).astype(np.int64),
        "complete": bool(res.complete),
    }


def robustness(game: Game, space: Space, draws: int, *, noise: float = 0.0, rel_noise: float = 0.0,
               rel_noise_law: NoiseLaw = "uniform", at_defaults: bool = False,
               seed: int | np.random.SeedSequence = 0,
               dists: Mapping[str, Distribution] | None = None, predictions: Iterable[Prediction] = (),
               chunk_size: int = 100_000, workers: int | None = None, scheduler: str | None = None,
               processes: bool = True, rel_tol: float = 1e-9, progress: bool | None = None,
               max_cost: float | None = None) -> RobustnessResult:
    """Monte Carlo study of ``game`` over random parameters (and payoff noise).

    Every parameter is drawn from its law (uniform over its whole declared
    range unless ``dists`` gives one; fixed at its default with
    ``at_defaults``), and then every payoff :math:`u` at the drawn values
    becomes :math:`u(1 + e) + n` (:class:`.distributions.PayoffNoise`).  The
    payoff noise adds to the spread of the parameters: for noise around the
    model's own values pass ``at_defaults=True``.

    Parameters
    ----------
    game : Game
        Symbolic (or numeric, then only ``noise`` varies it).
    space : Space
        Defaults, ranges, assumptions.
    draws : int
        Number of draws (> 0).
    noise : float
        Standard deviation of Gaussian noise added to every payoff (>= 0), in payoff units.
    rel_noise : float
        Relative noise ``r`` (>= 0): every payoff is multiplied by ``1 + e``,
        ``e`` uniform on ``[-r, r]`` (``rel_noise=0.5``: each payoff within
        ±50% of its value), or normal with s.d. ``r`` if ``rel_noise_law="normal"``.
        A payoff of 0 stays 0.
    rel_noise_law : {"uniform", "normal"}
        The law of ``e``.
    at_defaults : bool
        Fix every parameter that ``dists`` does not name at its default
        instead of drawing it over its range: only the payoff noise (and
        ``dists``) varies the game.  Predictions made ``at`` specific values
        are drawn over when every parameter they name is fixed at that value.
    seed : int or SeedSequence
        The study seed; chunk ``k`` uses ``SeedSequence(seed).spawn(n)[k]``.
    dists : mapping name -> Distribution, optional
    predictions : sequence of model predictions
    chunk_size : int
        Draws per chunk; bounds memory.
    workers, scheduler, processes
        Where the chunks run (:func:`.chunks.run_chunks`).
    progress : bool, optional
        Progress bar on stderr (default: when stderr is a TTY).
    max_cost : number, optional
        Limit on the study's estimated work (:func:`.batch.batch_cost` of
        ``draws`` games), checked before any draw; default
        :data:`gametheory.cost.DEFAULT_MAX_COST`.

    Raises
    ------
    CostLimitError
        If the estimate exceeds ``max_cost``.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]])
    >>> r = robustness(pd, Space((), {}, {}), 1000, noise=0.1, seed=1)
    >>> r.profiles[("2", "2")].count
    1000

    Relative noise of ±10% cannot undo a dominance margin of more than 10% (4 > 3 * 1.1 / 0.9):

    >>> robustness(pd, Space((), {}, {}), 1000, rel_noise=0.1, seed=1).profiles[("2", "2")].count
    1000
    """
    if not isinstance(draws, (int, np.integer)) or isinstance(draws, bool) or draws <= 0:
        raise InputError(f"the number of draws must be a positive integer, got {draws!r}", field="--draws")
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise InputError(f"noise must be a finite number >= 0, got {noise!r}", field="--noise")
    payoff_noise = PayoffNoise(float(noise), rel_noise, rel_noise_law)  # checks rel_noise and its law
    if chunk_size <= 0:
        raise InputError(f"chunk size must be positive, got {chunk_size}", field="chunk_size")
    laws = dict(dists or {})
    for name in laws:
        space.check(name, field="--dist")
    if at_defaults:  # noise around the model's own values: what "±50% noise" means to an analyst
        for name in space.names:
            if name not in laws:
                d = space.defaults[name]
                laws[name] = Distribution(name, "fixed", (d,), *space.ranges[name])
    check_cost(batch_cost(game.shape, draws), max_cost, "robust",
               f"{draws} draws of a {'x'.join(map(str, game.shape))} game")
    n_chunks = -(-int(draws) // int(chunk_size))
    seeds = chunk_seeds(seed, n_chunks)
    sizes = [min(chunk_size, draws - k * chunk_size) for k in range(n_chunks)]
    given = tuple(predictions)
    skipped = [p for p in given if not _at_is_drawn(p, laws)]
    # a claim about the repeated game needs the discount factor, which no draw has: gametheory check decides it
    repeated = [p for p in given if p.kind in REPEATED_PREDICTION_KINDS and _at_is_drawn(p, laws)]
    numbers = tuple(k for k, p in enumerate(given, 1) if _at_is_drawn(p, laws)
                    and p.kind not in REPEATED_PREDICTION_KINDS)
    drawn = tuple(given[k - 1] for k in numbers)
    tasks = [(game, space, laws, payoff_noise, drawn, seeds[k], sizes[k], rel_tol) for k in range(n_chunks)]
    with Progress(draws, "draws", enabled=progress) as bar:
        parts: list[_ChunkCounts] = run_chunks(_chunk, tasks, workers, scheduler, lambda k: bar.update(sizes[k]),
                                               processes)
    n = sum(p["n"] for p in parts)
    pure = np.stack([p["pure"] for p in parts]).sum(axis=0)
    pred = np.stack([p["pred"] for p in parts]).sum(axis=0) if drawn else np.zeros(0, np.int64)
    width = max(len(p["hist"]) for p in parts)
    hist = np.stack([np.pad(p["hist"], (0, width - len(p["hist"]))) for p in parts]).sum(axis=0)
    complete = all(p["complete"] for p in parts)
    profiles = {}
    for idx in np.ndindex(game.shape):
        key = tuple(game.strategies[i][j] for i, j in enumerate(idx))
        profiles[key] = Share(int(pure[idx]), n)
    notes = []
    if not complete:
        notes.append("the solver used is not complete: counts of mixed equilibria may be low")
    if skipped:
        notes.append(f"{len(skipped)} prediction(s) made at specific parameter values ('at') were not drawn over")
    if repeated:
        notes.append(f"{len(repeated)} prediction(s) about the repeated game ({', '.join(REPEATED_PREDICTION_KINDS)}) "
                     "were not drawn over; gametheory check decides them")
    use = assumption_use(space)
    if n < draws:  # said once, beside the assumptions line
        use = use.adding([], [f"warning: the ranges break the model's assumptions in {draws - n} of {draws} draws "
                              "(left out)"])
    if n == 0:
        notes.append("every draw was rejected: no share is defined (null in JSON); "
                     "widen the ranges or --dist laws so that some draws meet the assumptions")
    used = tuple(laws.get(k) or uniform_in(k, space.ranges[k]) for k in space.names)
    if used and not payoff_noise and all(d.kind == "fixed" for d in used):
        notes.append("every parameter is fixed and there is no payoff noise: every draw is the same game")
    ties = {}
    for k, p in zip(numbers, drawn):
        tie = tie_of_prediction(game, space, laws, payoff_noise, p, rel_tol)
        if tie is not None:
            ties[k] = tie[0]
            cause = "random noise breaks ties" if payoff_noise else "the parameter draws break ties"
            # name the values that are not the defaults: the prediction's own, and those the user's laws fix
            moved = {name: d.args[0] for name, d in laws.items()
                     if d.kind == "fixed" and d.args[0] != space.defaults[name]}
            moved.update(getattr(p, "at", None) or {})
            where = ", ".join(f"{name} = {v}" for name, v in moved.items())
            notes.append(f"prediction {k} rests on an exact tie at the defaults ({where + ': ' if where else ''}"
                         f"{tie[0]}); {cause}, so its share {tie[1]}")
    return RobustnessResult(
        game, int(draws), int(n), seed if not isinstance(seed, np.random.SeedSequence) else str(seed.entropy),
        float(noise), n_chunks, MappingProxyType(profiles),
        tuple((p, Share(int(c), n)) for p, c in zip(drawn, pred)),
        MappingProxyType({k: int(v) for k, v in enumerate(hist) if v}), complete, used, tuple(notes),
        payoff_noise.relative, payoff_noise.law, bool(at_defaults), numbers, MappingProxyType(ties),
        assumption_use=use,
    )


def _at_is_drawn(prediction: Prediction, laws: Mapping[str, Distribution]) -> bool:
    """Is the prediction about the drawn games: made at no particular values, or only at values the draws fix?"""
    at = getattr(prediction, "at", None) or {}
    return all(name in laws and laws[name].kind == "fixed" and laws[name].args[0] == v for name, v in at.items())


def _reference_point(space: Space, laws: Mapping[str, Distribution], prediction: Prediction) -> dict:
    """The defaults, overridden by the values the draws fix and the prediction's ``at``."""
    point: dict = dict(space.defaults)
    point.update({name: d.args[0] for name, d in laws.items() if d.kind == "fixed"})
    point.update(getattr(prediction, "at", None) or {})
    return point


def tie_of_prediction(game: Game, space: Space, laws: Mapping[str, Distribution], noise: PayoffNoise,
                      prediction: Prediction, rel_tol: float = 1e-9) -> tuple[str, str] | None:
    """``(the tie, what its share then says)`` if ``prediction`` holds at its reference point through a tie the draws
    break, else None.

    The reference point is :func:`_reference_point`.  A pure ``equilibrium``
    or ``unique_equilibrium`` rests on a tie when a player's deviation from
    the profile pays exactly as much (a weak equilibrium); an
    ``equilibrium_count``, or a two-player mixed equilibrium whose players mix
    over different numbers of strategies (which only a degenerate game has,
    von Stengel 2002), when some player has two pure best replies to a pure
    profile of the others (a degenerate game).  A tie counts only if the
    draws break it: absolute noise breaks every tie, relative noise ties of
    nonzero payoffs, drawn parameters ties whose difference depends on them.
    Other ties of mixed strategies are not looked for.
    """
    kind = prediction.kind
    if kind not in ("equilibrium", "unique_equilibrium", "equilibrium_count"):
        return None
    index = None
    unequal = False  # a mixed prediction whose players mix over different numbers of strategies
    if kind != "equilibrium_count":
        if prediction.profile is None:
            return None
        index = pure_index(game, prediction.profile)
        if index is None:
            sizes = {len(labels) for labels in support_of_prediction(game, prediction.profile)}
            unequal = len(game.shape) == 2 and len(sizes) > 1
            if not unequal:
                return None
    point = _reference_point(space, laws, prediction)
    try:
        at = game.substitute(point) if game.kind == "symbolic" else game
    except GameTheoryError:  # a payoff undefined at the reference point: no tie to speak of there
        return None
    U = at.payoffs
    Pf = np.asarray(U, dtype=float)[None]
    if not bool(batch_prediction(prediction, game, solve_batch(Pf, rel_tol))[0]):
        return None  # the prediction fails at the reference point: no tie makes it hold
    fixed = {name: d.args[0] for name, d in laws.items() if d.kind == "fixed"}

    def equal(a: object, b: object) -> bool:
        if at.kind == "exact":
            return a == b
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)  # type: ignore[arg-type]

    def broken(i: int, s: tuple[int, ...], t: tuple[int, ...]) -> bool:
        if noise.breaks_tie(float(U[s + (i,)])):
            return True
        if game.kind != "symbolic":
            return False
        diff = sympy.sympify(game.payoffs[s + (i,)] - game.payoffs[t + (i,)])
        subs = {x: sympy.Rational(fixed[x.name]) for x in diff.free_symbols if x.name in fixed}
        return bool(diff.subs(subs).free_symbols)

    def describe(i: int, s: tuple[int, ...], t: tuple[int, ...]) -> str:
        others = ", ".join(f"{game.players[j]} {game.strategies[j][s[j]]}" for j in range(len(s)) if j != i)
        return (f"{game.players[i]} gets {U[s + (i,)]} from {game.strategies[i][s[i]]} and from "
                f"{game.strategies[i][t[i]]} against {others}")

    found: list[str] = []
    if index is not None and not unequal:
        for i in range(len(game.shape)):
            for a in range(game.shape[i]):
                t = index[:i] + (a,) + index[i + 1:]
                if a != index[i] and equal(U[index + (i,)], U[t + (i,)]) and broken(i, index, t):
                    found.append(describe(i, index, t))
        outcome = "says how often the ties fall its way, not how robust the claim is"
    else:
        if math.prod(game.shape) * len(game.shape) * max(game.shape) > 1_000_000:  # too large to scan: say nothing
            return None
        for s in np.ndindex(game.shape):
            for i in range(len(game.shape)):
                col = [U[s[:i] + (a,) + s[i + 1:] + (i,)] for a in range(game.shape[i])]
                best = max(col, key=float)
                tied = [a for a in range(game.shape[i]) if equal(col[a], best)]
                if s[i] == tied[0] and len(tied) > 1:
                    t = s[:i] + (tied[1],) + s[i + 1:]
                    if broken(i, s, t):
                        found.append(describe(i, s, t) + " (both best replies)")
        if unequal:
            outcome = "is ~0 (in a game without ties both players mix over equally many strategies)"
        elif (prediction.count or 0) % 2 == 0:
            outcome = "is ~0 (a game without ties has an odd number of equilibria)"
        else:
            outcome = "says how the ties fall, not how robust the claim is"
    if not found:
        return None
    text = "; ".join(found[:2]) + ("; ..." if len(found) > 2 else "")
    return text, outcome
