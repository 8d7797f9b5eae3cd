"""Independent checks for the N-player solvers: exact regrets written here, pygambit with a timeout."""

import itertools
import multiprocessing
from fractions import Fraction

import numpy as np


def exact_regrets(payoffs, vectors):
    """Each player's regret, by brute force over pure profiles, in Fractions.

    ``payoffs[s_1, ..., s_N][i]`` (nested lists or an object array); ``vectors[i][j]`` Fractions.
    """
    pay = np.asarray(payoffs, dtype=object)
    shape = pay.shape[:-1]
    n = len(shape)
    out = []
    for i in range(n):
        vals = [Fraction(0)] * shape[i]
        for prof in itertools.product(*[range(k) for k in shape]):
            w = Fraction(1)
            for k in range(n):
                if k != i:
                    w *= Fraction(vectors[k][prof[k]])
            if w:
                vals[prof[i]] += w * Fraction(pay[prof][i])
        expected = sum((Fraction(vectors[i][j]) * vals[j] for j in range(shape[i])), Fraction(0))
        out.append(max(vals) - expected)
    return out


def float_regrets(payoffs, vectors):
    """Each player's regret in floats, by brute force over pure profiles."""
    pay = np.asarray(payoffs, dtype=float)
    shape = pay.shape[:-1]
    n = len(shape)
    out = []
    for i in range(n):
        vals = np.zeros(shape[i])
        for prof in itertools.product(*[range(k) for k in shape]):
            w = 1.0
            for k in range(n):
                if k != i:
                    w *= float(vectors[k][prof[k]])
            vals[prof[i]] += w * pay[prof][i]
        out.append(float(vals.max() - np.dot(vals, np.asarray(vectors[i], dtype=float))))
    return out


def _gambit_worker(payoffs, method):
    import pygambit as gbt

    pay = np.asarray(payoffs, dtype=object)
    arrays = [np.vectorize(Fraction, otypes=[object])(pay[..., i]) for i in range(pay.shape[-1])]
    g = gbt.Game.from_arrays(*arrays)
    if method == "enumpoly":
        res = gbt.nash.enumpoly_solve(g)
    elif method == "enummixed":
        res = gbt.nash.enummixed_solve(g, rational=True)
    else:
        raise ValueError(method)
    return [[[float(e[s]) for s in p.strategies] for p in g.players] for e in res.equilibria]


def gambit_equilibria(games, method="enumpoly", timeout=20.0):
    """pygambit's equilibria (float vectors) for each game, run in a subprocess.

    Returns one entry per game: a list of profiles, or None when pygambit did
    not finish within ``timeout`` seconds (that worker is then killed).
    """
    ctx = multiprocessing.get_context("spawn")
    out = []
    pool = ctx.Pool(1)
    try:
        for payoffs in games:
            job = pool.apply_async(_gambit_worker, (np.asarray(payoffs, dtype=object).tolist(), method))
            try:
                out.append(job.get(timeout))
            except multiprocessing.TimeoutError:
                out.append(None)
                pool.terminate()
                pool = ctx.Pool(1)
    finally:
        pool.terminate()
    return out


def same_profile(a, b, tol=1e-6):
    return all(np.allclose(np.asarray(x, dtype=float), np.asarray(y, dtype=float), atol=tol) for x, y in zip(a, b))
