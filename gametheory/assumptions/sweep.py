"""Equilibria over a grid of parameter values (the others at their defaults).

The grid is the Cartesian product of each ``--vary p=LO:HI:N``; the games at
all grid points are built as one batch (:func:`.numeric.payoff_batch`) and
solved by :func:`.batch.solve_batch`, in chunks of ``chunk_size`` points.
Each point reports its pure equilibria, its number of extreme equilibria,
the supports of all of them (its signature, :mod:`.outcomes`) and whether
each prediction holds.  With the model's assumptions applied (the default,
:attr:`.space.Space.apply_assumptions`) the grid points that break one are
left out before solving, and a warning says how many (:mod:`.policy`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ..cost import check_cost
from ..errors import InputError
from ..io.model.schema import REPEATED_PREDICTION_KINDS
from ..progress import Progress
from .batch import solve_batch
from .numeric import payoff_batch
from .outcomes import Signature, batch_prediction, describe_signature, signatures
from .policy import AssumptionUse, UsesAssumptions, assumption_use, range_warnings
from .space import Space, Vary

if TYPE_CHECKING:
    from ..game import Game
    from ..io.model import Prediction

__all__ = ["SweepResult", "sweep"]


@dataclass(frozen=True)
class SweepResult(UsesAssumptions):
    """Equilibria at every grid point.

    Attributes
    ----------
    names : tuple of str
        Varied parameters.
    points : ndarray, shape (M, len(names))
    count : ndarray of int, shape (M,)
    signatures : tuple
        Per point, the supports of its extreme equilibria.
    predictions : tuple of (prediction, ndarray of bool)
    assumption_use : AssumptionUse
        Whether the grid points that break an assumption were left out, and the warnings (:mod:`.policy`).
    """

    game: Game
    names: tuple[str, ...]
    points: NDArray[np.float64]
    count: NDArray[np.int64]
    signatures: tuple[Signature, ...]
    predictions: tuple[tuple[Prediction, NDArray[np.bool_]], ...]
    assumption_use: AssumptionUse = AssumptionUse()

    def __post_init__(self) -> None:
        for a in (self.points, self.count, *(h for _, h in self.predictions)):
            a.setflags(write=False)

    def rows(self) -> Iterator[tuple[tuple[float, ...], int, str, list[bool]]]:
        """``(values, count, equilibria text, [prediction holds, ...])`` per point."""
        for k in range(self.points.shape[0]):
            eqs = describe_signature(self.game.players, self.signatures[k])
            yield (tuple(self.points[k]), int(self.count[k]), eqs, [bool(h[k]) for _, h in self.predictions])

    def __str__(self) -> str:
        """The assumptions line and warnings, then a tab-separated table: the varied values, #eq, the supports
        and each prediction's yes/no."""
        preds = [f"pred{k + 1}" for k in range(len(self.predictions))]
        lines = self.assumption_use.lines() + ["\t".join(list(self.names) + ["#eq", "equilibria (supports)"] + preds)]
        for vals, count, eqs, holds in self.rows():
            cells = [f"{v:.6g}" for v in vals] + [str(count), eqs] + ["yes" if h else "no" for h in holds]
            lines.append("\t".join(cells))
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "game": self.game.title,
            "assumptions": self.assumption_use.to_json(),
            "parameters": list(self.names),
            "points": [
                {"values": dict(zip(self.names, map(float, v))), "equilibria": c, "supports": [
                    {p: list(labs) for p, labs in zip(self.game.players, s)} for s in self.signatures[k]],
                 "predictions": h}
                for k, (v, c, _, h) in enumerate(self.rows())
            ],
        }


def sweep(game: Game, space: Space, varies: Iterable[Vary], fixed: Mapping[str, Fraction] | None = None,
          predictions: Iterable[Prediction] = (), chunk_size: int = 50_000, max_points: int = 1_000_000,
          progress: bool | None = None, max_cost: float | None = None) -> SweepResult:
    """Solve the game at every point of the grid spanned by ``varies`` (a list of :class:`.space.Vary`).

    The grid's estimated work (:func:`.regions.grid_cost`) is checked against
    ``max_cost`` (:func:`gametheory.cost.check_cost`) before any point is solved.
    With ``space.apply_assumptions`` the points that break one of its
    assumptions are left out; either way the result warns about them.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import Game
    >>> from gametheory.assumptions.space import Space, Vary
    >>> c = sympy.Symbol("c", real=True)
    >>> g = Game.from_bimatrix([[1 - c, -c], [1, 0]], [[1, 2], [0, 3]])
    >>> r = sweep(g, Space(("c",), {"c": 1}, {"c": (-1, 1)}), [Vary("c", -1, 1, 3)])
    >>> [int(k) for k in r.count]
    [1, 2, 1]
    """
    varies = list(varies)
    # a claim about the repeated game needs the discount factor, which no grid point has: gametheory check decides it
    predictions = tuple(p for p in predictions if p.kind not in REPEATED_PREDICTION_KINDS)
    if not varies:
        raise InputError("give at least one --vary NAME=LO:HI:N", field="--vary")
    names = [space.check(v.name, field="--vary") for v in varies]
    if len(set(names)) != len(names):
        raise InputError(f"a parameter is varied twice: {names}", field="--vary")
    total = int(np.prod([v.num for v in varies]))
    if total > max_points:
        raise InputError(f"the grid has {total} points, more than the limit {max_points}", field="--vary")
    from .regions import grid_cost

    check_cost(grid_cost(game.shape, total), max_cost, "sweep",
               f"{total} grid points of a {'x'.join(map(str, game.shape))} game")
    grid = np.array(list(itertools.product(*[v.grid() for v in varies])), dtype=float).reshape(total, len(varies))
    base: dict[str, float | NDArray[np.float64]] = {k: float(v) for k, v in space.point(fixed).items()}
    at_grid = {**base, **{n: grid[:, j] for j, n in enumerate(names)}}
    use = assumption_use(space, fixed).adding(*range_warnings(space, names, at_grid, total))
    if space.apply_assumptions:
        grid = grid[space.meets_assumptions(at_grid, total)]
        total = grid.shape[0]
    counts: list[NDArray[np.int64]] = []
    sigs: list[Signature] = []
    preds: list[list[NDArray[np.bool_]]] = [[] for _ in predictions]
    with Progress(total, "grid points", enabled=progress) as bar:
        for start in range(0, total, chunk_size):
            block = grid[start:start + chunk_size]
            values = dict(base)
            values.update({n: block[:, j] for j, n in enumerate(names)})
            res = solve_batch(payoff_batch(game, values, block.shape[0]))
            counts.append(res.count)
            sigs.extend(signatures(game, res))
            for k, p in enumerate(predictions):
                preds[k].append(batch_prediction(p, game, res))
            bar.update(block.shape[0])
    return SweepResult(game, tuple(names), grid, np.concatenate(counts or [np.zeros(0, np.int64)]), tuple(sigs),
                       tuple((p, np.concatenate(h or [np.zeros(0, bool)])) for p, h in zip(predictions, preds)),
                       use)
