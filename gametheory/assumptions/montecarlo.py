r"""Monte Carlo robustness: how often is each profile an equilibrium, and the prediction true?

Each draw sets every parameter from its distribution (uniform in the declared
range unless the user gives one, :mod:`.distributions`), optionally adds
independent :math:`N(0, \sigma^2)` noise to every payoff, and solves the
game (:mod:`.batch`: vectorised for pure equilibria, 2x2 and 2xn games).
Draws violating an inequality among the model's assumptions are rejected
(and counted); an equality assumption ``a = b`` sets ``a`` from ``b``'s draw;
a space built with ``apply_assumptions=False`` (``--no-assumptions``) keeps
every draw (:mod:`.policy`).

Shares :math:`\hat p = k/n` come with Wilson score intervals (Wilson 1927),

.. math:: \frac{\hat p + z^2/2n \pm z\sqrt{\hat p(1-\hat p)/n + z^2/4n^2}}{1 + z^2/n},

which stay inside [0, 1] and behave at shares near 0 or 1.  Draws run in
chunks with seeds spawned from the study seed (:mod:`.chunks`), so a study
is reproducible from its seed whether it runs in process or on Dask, and
peak memory is bounded by the chunk size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, TypedDict

import numpy as np
import sympy
from numpy.typing import NDArray

from ..cost import check_cost
from ..errors import InputError
from ..io.model.schema import REPEATED_PREDICTION_KINDS
from ..progress import Progress
from .batch import batch_cost, solve_batch
from .chunks import chunk_seeds, run_chunks
from .distributions import Distribution, uniform_in
from .numeric import evaluate, payoff_batch
from .outcomes import batch_prediction, prediction_label
from .policy import AssumptionUse, assumption_use
from .space import Space

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Prediction

__all__ = ["wilson", "Share", "RobustnessResult", "robustness", "draw_parameters"]


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
class RobustnessResult:
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
    assumption_use: AssumptionUse = AssumptionUse()

    @property
    def assumptions_applied(self) -> bool:
        return self.assumption_use.applied

    @property
    def broken_assumptions(self) -> list[str]:
        return list(self.assumption_use.broken)

    def to_json(self) -> dict:
        return {
            "game": self.game.title,
            "assumptions": self.assumption_use.to_json(),
            "draws": self.draws,
            "accepted": self.accepted,
            "rejected_by_assumptions": self.draws - self.accepted,
            "seed": self.seed,
            "noise": self.noise,
            "chunks": self.chunks,
            "complete": self.complete,
            "distributions": {d.name: [d.kind] + [str(a) for a in d.args] for d in self.distributions},
            "profiles": [{"profile": dict(zip(self.game.players, k)), **s.to_json()} for k, s in self.profiles.items()],
            "predictions": [{"prediction": prediction_label(p), "claim": p.claim, **s.to_json()}
                            for p, s in self.predictions],
            "equilibrium_counts": {str(k): v for k, v in sorted(self.count_histogram.items())},
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        """The shares, most frequent profile first, each with its 95% Wilson interval."""
        lines = [self.game.title, *self.assumption_use.lines(),
                 f"{self.accepted} of {self.draws} draws (seed {self.seed}, noise {self.noise}, {self.chunks} chunks)",
                 "share of draws in which each profile is an equilibrium (95% Wilson interval):"]
        for key, sh in sorted(self.profiles.items(), key=lambda kv: -kv[1].count):
            lines.append(f"  {sh.text()}  ({', '.join(key)})")
        if self.predictions:
            lines.append("predictions:")
            for p, sh in self.predictions:
                lines.append(f"  {sh.text()}  {p.kind}: {p.claim}")
        lines.append("extreme equilibria per draw: "
                     + ", ".join(f"{k}: {v}" for k, v in sorted(self.count_histogram.items())))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


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


def _chunk(game: Game, space: Space, dists: Mapping[str, Distribution], noise: float,
           predictions: tuple[Prediction, ...], seed_seq: np.random.SeedSequence, size: int,
           rel_tol: float) -> _ChunkCounts:
    """One chunk: integer counts only (small, summable, order-independent)."""
    rng = np.random.default_rng(seed_seq)
    values, ok = draw_parameters(space, dists, rng, size)
    P = payoff_batch(game, values, size)
    if noise:
        P += rng.normal(0.0, noise, P.shape)
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


def robustness(game: Game, space: Space, draws: int, *, noise: float = 0.0, seed: int | np.random.SeedSequence = 0,
               dists: Mapping[str, Distribution] | None = None, predictions: Iterable[Prediction] = (),
               chunk_size: int = 100_000, workers: int | None = None, scheduler: str | None = None,
               processes: bool = True, rel_tol: float = 1e-9, progress: bool | None = None,
               max_cost: float | None = None) -> RobustnessResult:
    """Monte Carlo study of ``game`` over random parameters (and payoff noise).

    Parameters
    ----------
    game : Game
        Symbolic (or numeric, then only ``noise`` varies it).
    space : Space
        Defaults, ranges, assumptions.
    draws : int
        Number of draws (> 0).
    noise : float
        Standard deviation of Gaussian noise added to every payoff (>= 0).
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
    """
    if not isinstance(draws, (int, np.integer)) or isinstance(draws, bool) or draws <= 0:
        raise InputError(f"the number of draws must be a positive integer, got {draws!r}", field="--draws")
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise InputError(f"noise must be a finite number >= 0, got {noise!r}", field="--noise")
    if chunk_size <= 0:
        raise InputError(f"chunk size must be positive, got {chunk_size}", field="chunk_size")
    laws = dict(dists or {})
    for name in laws:
        space.check(name, field="--dist")
    check_cost(batch_cost(game.shape, draws), max_cost, "robust",
               f"{draws} draws of a {'x'.join(map(str, game.shape))} game")
    n_chunks = -(-int(draws) // int(chunk_size))
    seeds = chunk_seeds(seed, n_chunks)
    sizes = [min(chunk_size, draws - k * chunk_size) for k in range(n_chunks)]
    given = tuple(predictions)
    skipped = [p for p in given if getattr(p, "at", None)]
    # a claim about the repeated game needs the discount factor, which no draw has: gametheory check decides it
    repeated = [p for p in given if p.kind in REPEATED_PREDICTION_KINDS and not getattr(p, "at", None)]
    drawn = tuple(p for p in given if not getattr(p, "at", None) and p.kind not in REPEATED_PREDICTION_KINDS)
    tasks = [(game, space, laws, float(noise), drawn, seeds[k], sizes[k], rel_tol) for k in range(n_chunks)]
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
    return RobustnessResult(
        game, int(draws), int(n), seed if not isinstance(seed, np.random.SeedSequence) else str(seed.entropy),
        float(noise), n_chunks, MappingProxyType(profiles),
        tuple((p, Share(int(c), n)) for p, c in zip(drawn, pred)),
        MappingProxyType({k: int(v) for k, v in enumerate(hist) if v}), complete, used, tuple(notes), use,
    )
