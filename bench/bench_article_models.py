"""Time solving each article model at its defaults: our complete method vs pygambit, in one run.

For every ``models/*.toml`` the numeric game at the defaults is solved by
:func:`gametheory.predictions.complete_solve` (the method ``gametheory check``
uses) and by pygambit on the same payoffs (``enummixed_solve(rational=True)``
for two players, ``enumpoly_solve`` otherwise).  Prints the median of
``--repeat`` runs of each and the ratio ours/pygambit.

Usage: ``python bench/bench_article_models.py [--repeat 7]``
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

import numpy as np
import pygambit as gbt
from _timing import median_time as _median

from gametheory.io.model import Model, load_any_model
from gametheory.predictions import complete_solve

MODELS = Path(__file__).resolve().parents[1] / "models"


def _gambit(game):
    arrays = [np.array(game.payoff_tensor(p), dtype=object) for p in game.players]
    if game.num_players == 2:
        return gbt.nash.enummixed_solve(gbt.Game.from_arrays(*arrays), rational=True)
    return gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*[a.astype(float) for a in arrays]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'model':34} {'shape':>7} {'method':>10} {'ours ms':>9} {'gambit ms':>10} {'ratio':>7}")
    for path in sorted(MODELS.glob("*.toml")):
        model = load_any_model(path)
        if not isinstance(model, Model):  # a signaling model: no normal form to compare with Gambit's
            continue
        game = model.game_at()
        method = complete_solve(game).method
        # partial binds this iteration's game (a lambda would read the loop variable when called)
        ours = _median(partial(complete_solve, game), args.repeat)
        peer = _median(partial(_gambit, game), args.repeat)
        shape = "x".join(map(str, game.shape))
        print(f"{path.stem:34} {shape:>7} {method:>10} {ours * 1e3:9.2f} {peer * 1e3:10.2f} {ours / peer:7.2f}")


if __name__ == "__main__":
    main()
